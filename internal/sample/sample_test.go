package sample_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"chungsuc/internal/campaign"
	"chungsuc/internal/fault"
	"chungsuc/internal/org"
	"chungsuc/internal/sample"
	"chungsuc/internal/sample/sampletest"
	"chungsuc/internal/store"
	"chungsuc/internal/store/storetest"
)

func counts(t *testing.T, db *store.DB) map[string]int64 {
	t.Helper()
	m := map[string]int64{}
	for _, tbl := range []string{"agencies", "units", "staff", "campaigns", "campaign_legal_bases", "campaign_targets", "campaign_milestones"} {
		var n int64
		if err := db.Table(tbl).Count(&n).Error; err != nil {
			t.Fatal(err)
		}
		m[tbl] = n
	}
	return m
}

func TestLoadOnEmptyDatabase(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	a, err := sample.Load(ctx, db, false)
	if err != nil {
		t.Fatal(err)
	}
	osvc := org.NewService(db.DB)
	cur, err := osvc.CurrentAgency(ctx)
	if err != nil || cur.ID != a.ID || cur.Name != "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG" || len(cur.Deputies) != 2 {
		t.Fatalf("agency %+v %v", cur, err)
	}
	units, err := osvc.AllUnits(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(units) < 12 {
		t.Fatalf("%d units, want at least 12", len(units))
	}
	names := map[string]bool{}
	for _, u := range units {
		names[u.Name] = true
		if !norm.NFC.IsNormalString(u.Name) {
			t.Errorf("unit name not NFC: %q", u.Name)
		}
	}
	for _, want := range []string{"Văn phòng Sở", "Trung tâm Công nghệ thông tin tài nguyên và môi trường", "Công đoàn Sở"} {
		if !names[want] {
			t.Errorf("unit %q missing", want)
		}
	}
	for _, prefix := range []string{"Đoàn Thanh niên", "Hội đồng Thi đua - Khen thưởng"} {
		found := false
		for n := range names {
			found = found || strings.HasPrefix(n, prefix)
		}
		if !found {
			t.Errorf("no unit named %q…", prefix)
		}
	}

	staff, err := osvc.ListStaff(ctx, a.ID, org.StaffQuery{ListQuery: store.ListQuery{PageSize: store.MaxPageSize}})
	if err != nil {
		t.Fatal(err)
	}
	if staff.Total < 40 {
		t.Fatalf("%d staff, want at least 40", staff.Total)
	}
	perUnit := map[string]int{}
	for _, p := range staff.Items {
		if p.UnitID == nil {
			t.Fatalf("%s has no unit", p.FullName)
		}
		perUnit[*p.UnitID]++
	}
	if len(perUnit) < 10 {
		t.Fatalf("staff spread over %d units, want at least 10", len(perUnit))
	}
	// Every head of unit is a person of that unit.
	byID := map[string]org.Staff{}
	for _, p := range staff.Items {
		byID[p.ID] = p
	}
	for _, u := range units {
		if u.HeadStaffID == nil {
			continue
		}
		h, ok := byID[*u.HeadStaffID]
		if !ok || *h.UnitID != u.ID {
			t.Errorf("head of %s is not in it", u.Name)
		}
	}

	c, err := campaign.NewService(db.DB).Active(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if c.FromYear != 2021 || c.ToYear != 2025 || len(c.Targets) != 6 || len(c.Milestones) == 0 {
		t.Fatalf("campaign %d–%d, %d targets, %d milestones", c.FromYear, c.ToYear, len(c.Targets), len(c.Milestones))
	}
	bases := map[string]string{}
	for _, b := range c.LegalBases {
		bases[b.Number] = b.Date
	}
	wantBases := map[string]string{"587/QĐ-TTg": "2022-05-18", "1017/KH-UBND": "2022-06-13", "25/2021/QH15": "", "263/QĐ-TTg": ""}
	if len(bases) != 4 {
		t.Fatalf("legal bases %v", bases)
	}
	for num, date := range wantBases {
		got, ok := bases[num]
		if !ok || (date != "" && got != date) {
			t.Errorf("legal basis %s: %q (present %v), want %q", num, got, ok, date)
		}
	}
	kinds := map[string]bool{}
	for _, m := range c.Milestones {
		kinds[m.Kind] = true
	}
	if !kinds["so_ket"] || !kinds["tong_ket"] {
		t.Errorf("milestones lack sơ kết/tổng kết: %v", kinds)
	}
	if flag, _ := db.Meta(ctx, sample.MetaKey); flag != "1" {
		t.Fatalf("sample flag %q", flag)
	}
}

func TestSecondLoadRefusedUnlessForced(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	first, err := sample.Load(ctx, db, false)
	if err != nil {
		t.Fatal(err)
	}
	before := counts(t, db)
	_, err = sample.Load(ctx, db, false)
	if fe, ok := fault.As(err); !ok || fe.Key != "errors.sample.notEmpty" || !errors.Is(err, fault.ErrRefused) {
		t.Fatalf("second load: %v", err)
	}
	if after := counts(t, db); after["units"] != before["units"] || after["staff"] != before["staff"] || after["agencies"] != 1 {
		t.Fatalf("refused load wrote rows: %v -> %v", before, after)
	}

	second, err := sample.Load(ctx, db, true)
	if err != nil {
		t.Fatal(err)
	}
	after := counts(t, db)
	for tbl, n := range before {
		if after[tbl] != 2*n {
			t.Errorf("%s: %d after forced load, want %d", tbl, after[tbl], 2*n)
		}
	}
	csvc := campaign.NewService(db.DB)
	for _, a := range []org.Agency{first, second} {
		c, err := csvc.Active(ctx, a.ID)
		if err != nil || c.AgencyID != a.ID {
			t.Fatalf("agency %s active campaign: %v", a.ID, err)
		}
	}
	// The first agency stays the current one.
	if cur, _ := org.NewService(db.DB).CurrentAgency(ctx); cur.ID != first.ID {
		t.Fatal("forced sample replaced the current agency")
	}
}

func TestLoadRefusedWhenAgencyExists(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	if _, err := org.NewService(db.DB).SaveAgency(ctx, org.Agency{Name: "SỞ Y TẾ", Abbrev: "SYT", PlaceName: "Huế"}); err != nil {
		t.Fatal(err)
	}
	_, err := sample.Load(ctx, db, false)
	if fe, ok := fault.As(err); !ok || fe.Key != "errors.sample.notEmpty" {
		t.Fatalf("got %v", err)
	}
	if c := counts(t, db); c["units"] != 0 || c["campaigns"] != 0 {
		t.Fatalf("rows written: %v", c)
	}
	if flag, _ := db.Meta(ctx, sample.MetaKey); flag != "" {
		t.Fatalf("sample flag set by a refused load: %q", flag)
	}
}

func TestSampleStaffNamesAreDistinct(t *testing.T) {
	db := sampletest.Open(t)
	if _, err := org.NewService(db.DB).CurrentAgency(context.Background()); err != nil {
		t.Fatal(err)
	}
	var names []string
	if err := db.Table("staff").Pluck("full_name", &names).Error; err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, n := range names {
		if seen[n] {
			t.Errorf("sample name %q appears twice", n)
		}
		seen[n] = true
	}
}
