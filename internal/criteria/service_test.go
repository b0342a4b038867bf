package criteria_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"chungsuc/internal/criteria"
	"chungsuc/internal/fault"
	"chungsuc/internal/org"
	"chungsuc/internal/store"
	"chungsuc/internal/store/storetest"
)

var ctx = context.Background()

type fx struct {
	db     *store.DB
	svc    *criteria.Service
	agency string
}

func setup(t testing.TB) fx {
	t.Helper()
	db := storetest.Open(t)
	a, err := org.NewService(db.DB).SaveAgency(ctx, org.Agency{
		Name: "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", ParentBody: "UBND TỈNH QUẢNG TRỊ", Abbrev: "SNNMT", PlaceName: "Quảng Trị",
	})
	if err != nil {
		t.Fatalf("agency: %v", err)
	}
	return fx{db, criteria.NewService(db.DB), a.ID}
}

func (f fx) seed(t testing.TB) {
	t.Helper()
	if err := criteria.Seed(f.db.DB, f.agency); err != nil {
		t.Fatalf("seed: %v", err)
	}
}

func (f fx) current(t testing.TB, code string) criteria.Set {
	t.Helper()
	s, err := f.svc.GetCurrent(ctx, f.agency, code)
	if err != nil {
		t.Fatalf("current %s: %v", code, err)
	}
	return s
}

func fp(x float64) *float64 { return &x }

func keyOf(err error) string {
	if e, ok := fault.As(err); ok {
		return e.Key
	}
	return ""
}

func fieldKey(err error, field string) string {
	fe, ok := fault.As(err)
	if !ok {
		return ""
	}
	for _, f := range fe.Fields {
		if f.Field == field {
			return f.Key
		}
	}
	return ""
}

// small is a two-criterion set by region.
func small(code string) criteria.Set {
	return criteria.Set{
		Code: code, Name: "Bộ thử " + code, Target: criteria.TargetDatChuan, Scope: 3, Phase: "2021-2025",
		Dimension: criteria.DimensionRegion, SpecialRule: true,
		Conditions: []criteria.Condition{{No: 1, Text: "Điều kiện một"}},
		Amendments: []criteria.Amendment{{Number: "1/QĐ-UBND", Date: "2024-05-16"}},
		Criteria: []criteria.Criterion{
			{No: 1, Name: "Quy hoạch", Group: "Quy hoạch", Indicators: []criteria.Indicator{
				{Code: "1.1", Name: "Có quy hoạch", Kind: criteria.KindPassFail, Requirement: "Đạt"},
			}},
			{No: 2, Name: "Thủy lợi", Indicators: []criteria.Indicator{
				{Code: "2.1", Name: "Tỷ lệ tưới", Kind: criteria.KindPercent, Comparator: ">=", Threshold: fp(80),
					Thresholds: []criteria.Threshold{
						{Key: "trung_du_mien_nui_phia_bac", Comparator: ">=", Threshold: fp(70)},
						{Key: "bac_trung_bo", Threshold: fp(85), Requirement: "≥85% (Quảng Bình)"},
					}},
				{Code: "2.2", Name: "Phòng chống thiên tai", Kind: criteria.KindText},
			}},
		},
	}
}

func TestSeedIsIdempotentAndComplete(t *testing.T) {
	f := setup(t)
	f.seed(t)
	f.seed(t)
	page, err := f.svc.List(ctx, f.agency, criteria.Query{ListQuery: store.ListQuery{PageSize: 50}})
	if err != nil {
		t.Fatal(err)
	}
	if page.Total != 6 {
		t.Fatalf("total %d, want 6 sets", page.Total)
	}
	byCode := map[string]criteria.SetRow{}
	for _, r := range page.Items {
		byCode[r.Code] = r
		if r.Confirmed {
			t.Errorf("%s: set confirmed, but no seeded set is fully confirmed", r.Code)
		}
		if r.UnconfirmedCount == 0 {
			t.Errorf("%s: no unconfirmed items counted", r.Code)
		}
	}
	x := byCode["xa-ntm-2021-2025"]
	if x.CriteriaCount != 19 || x.Revision != 1 || !x.Current {
		t.Fatalf("xa-ntm-2021-2025: %+v", x)
	}
	if byCode["xa-ntm-2026-2030"].CriteriaCount != 10 || byCode["xa-ntm-2026-2030"].IndicatorCount != 10 {
		t.Errorf("2026-2030: %+v", byCode["xa-ntm-2026-2030"])
	}
	s := f.current(t, "xa-ntm-2021-2025")
	for _, c := range s.Criteria {
		if len(c.Indicators) == 0 {
			t.Errorf("criterion %d has no indicator: it could not be assessed", c.No)
		}
	}
	km := f.current(t, "xa-ntm-kieu-mau-2021-2025")
	if len(km.Conditions) != 4 || !km.Conditions[3].ProvinceDefined || len(km.Criteria) != 0 {
		t.Errorf("kiểu mẫu: %+v", km.Conditions)
	}
	if h := f.current(t, "huyen-ntm-2021-2025"); h.Scope != 2 || len(h.Conditions) != 5 {
		t.Errorf("huyện: scope %d, %d conditions", h.Scope, len(h.Conditions))
	}
	if th := f.current(t, "thon-ntm"); th.Scope != 4 || th.Target != criteria.TargetThonDatChuan {
		t.Errorf("thôn: %+v", th)
	}
}

func TestSaveCreateUpdateAndValidation(t *testing.T) {
	f := setup(t)
	res, err := f.svc.Save(ctx, f.agency, small("bo-thu"))
	if err != nil {
		t.Fatal(err)
	}
	s := res.Set
	if res.NewRevision || s.Revision != 1 || !s.Current || s.ID == "" {
		t.Fatalf("created %+v", res)
	}
	got, err := f.svc.Get(ctx, f.agency, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	ind := got.Criteria[1].Indicators[0]
	if len(ind.Thresholds) != 2 || ind.Thresholds[0].Key != "bac_trung_bo" || ind.Thresholds[0].Comparator != ">=" {
		t.Fatalf("thresholds %+v", ind.Thresholds)
	}
	// Update in place (no assessments): ids of kept items stay.
	keepID := got.Criteria[0].Indicators[0].ID
	got.Name = "Bộ thử đã sửa"
	got.Criteria[1].Indicators = got.Criteria[1].Indicators[:1]
	got.Criteria[0].Indicators = append(got.Criteria[0].Indicators, criteria.Indicator{Code: "1.2", Name: "Mới", Kind: criteria.KindNumber})
	res, err = f.svc.Save(ctx, f.agency, got)
	if err != nil {
		t.Fatal(err)
	}
	if res.NewRevision || res.Set.Revision != 1 || res.Set.Name != "Bộ thử đã sửa" {
		t.Fatalf("update %+v", res.Set)
	}
	if res.Set.Criteria[0].Indicators[0].ID != keepID || len(res.Set.Criteria[0].Indicators) != 2 || len(res.Set.Criteria[1].Indicators) != 1 {
		t.Fatalf("children after update: %+v", res.Set.Criteria)
	}
	// Stale.
	if _, err := f.svc.Save(ctx, f.agency, got); !errors.Is(err, fault.ErrStale) {
		t.Fatalf("stale save: %v", err)
	}
	// Validation.
	bad := small("bo-thu")
	bad.Criteria[1].Indicators[0].Thresholds[0].Key = "nhom-9"
	bad.Criteria[1].Indicators[0].Threshold = fp(120)
	bad.Criteria[0].Indicators[0].Threshold = fp(1)
	bad.Criteria[1].Indicators[1].Code = "1.1"
	bad.Criteria[1].No = 1
	bad.Confirmed = true
	_, err = f.svc.Save(ctx, f.agency, bad)
	want := map[string]string{
		"code": "validation.criteria.codeTaken",
		"criteria.1.indicators.0.thresholds.0.key": "validation.criteria.thresholdKey",
		"criteria.1.indicators.0.threshold":        "validation.range",
		"criteria.0.indicators.0.threshold":        "validation.criteria.thresholdKind",
		"criteria.1.indicators.1.code":             "validation.criteria.duplicateCode",
		"criteria.1.no":                            "validation.criteria.duplicateNo",
		"confirmed":                                "validation.criteria.setConfirmed",
	}
	for field, key := range want {
		if got := fieldKey(err, field); got != key {
			t.Errorf("%s: %q, want %q (%v)", field, got, key, err)
		}
	}
	g := small("nhom")
	g.Dimension, g.SpecialRule = criteria.DimensionGroup, false
	g.Criteria[1].Indicators[0].Thresholds = []criteria.Threshold{{Key: "2", Threshold: fp(90)}, {Key: "2", Threshold: fp(91)}}
	_, err = f.svc.Save(ctx, f.agency, g)
	if k := fieldKey(err, "criteria.1.indicators.0.thresholds.1.key"); k != "validation.criteria.duplicateKey" {
		t.Errorf("duplicate key: %q (%v)", k, err)
	}
	n := small("chung")
	n.Dimension, n.SpecialRule = criteria.DimensionNone, true
	_, err = f.svc.Save(ctx, f.agency, n)
	if k := fieldKey(err, "criteria.1.indicators.0.thresholds.0.key"); k != "validation.criteria.noThresholds" {
		t.Errorf("thresholds without dimension: %q", k)
	}
	if k := fieldKey(err, "specialRule"); k != "validation.criteria.specialRule" {
		t.Errorf("special rule without regions: %q", k)
	}
}

// assess inserts a bare assessment row against a set (the assessment
// package is not needed to test the revision rule).
func (f fx) assess(t testing.TB, setID string) string {
	t.Helper()
	loc := map[string]any{"id": store.NewID(), "agency_id": f.agency, "name": "Xã thử " + store.NewID()[:8], "kind": "xa",
		"level": 3, "version": 1, "created_at": "2024-01-01 00:00:00", "updated_at": "2024-01-01 00:00:00"}
	if err := f.db.Table("localities").Create(loc).Error; err != nil {
		t.Fatalf("locality: %v", err)
	}
	id := store.NewID()
	a := map[string]any{"id": id, "agency_id": f.agency, "locality_id": loc["id"], "set_id": setID, "date": "2024-12-31",
		"year": 2024, "status": "nhap", "version": 1, "created_at": "2024-12-31 00:00:00", "updated_at": "2024-12-31 00:00:00"}
	if err := f.db.Table("assessments").Create(a).Error; err != nil {
		t.Fatalf("assessment: %v", err)
	}
	return id
}

func TestSaveWithAssessmentsCreatesRevision(t *testing.T) {
	f := setup(t)
	res, err := f.svc.Save(ctx, f.agency, small("bo-thu"))
	if err != nil {
		t.Fatal(err)
	}
	v1 := res.Set
	f.assess(t, v1.ID)
	// No change: nothing happens.
	res, err = f.svc.Save(ctx, f.agency, v1)
	if err != nil || res.NewRevision || res.Set.ID != v1.ID {
		t.Fatalf("unchanged save: %+v %v", res, err)
	}
	changed := v1
	changed.Criteria = append([]criteria.Criterion{}, v1.Criteria...)
	changed.Criteria[0].Name = "Quy hoạch (sửa)"
	res, err = f.svc.Save(ctx, f.agency, changed)
	if err != nil {
		t.Fatal(err)
	}
	v2 := res.Set
	if !res.NewRevision || v2.Revision != 2 || v2.PreviousID == nil || *v2.PreviousID != v1.ID || !v2.Current || v2.ID == v1.ID {
		t.Fatalf("new revision %+v", v2)
	}
	if v2.Criteria[0].ID == v1.Criteria[0].ID {
		t.Fatal("new revision shares criterion rows with the assessed one")
	}
	old, err := f.svc.Get(ctx, f.agency, v1.ID)
	if err != nil {
		t.Fatal(err)
	}
	if old.Current || old.Criteria[0].Name != "Quy hoạch" {
		t.Fatalf("assessed revision changed: current=%v name=%q", old.Current, old.Criteria[0].Name)
	}
	cur := f.current(t, "bo-thu")
	if cur.ID != v2.ID {
		t.Fatalf("current is %s, want %s", cur.ID, v2.ID)
	}
	// The old revision cannot be edited, nor deleted (assessed).
	if _, err := f.svc.Save(ctx, f.agency, old); keyOf(err) != "errors.criteria.notCurrent" {
		t.Fatalf("edit old revision: %v", err)
	}
	if err := f.svc.Delete(ctx, f.agency, v1.ID); keyOf(err) != "errors.criteria.setInUse" {
		t.Fatalf("delete assessed: %v", err)
	}
	revs, err := f.svc.Revisions(ctx, f.agency, "bo-thu")
	if err != nil || len(revs) != 2 || revs[0].Revision != 2 || revs[1].AssessmentCount != 1 {
		t.Fatalf("revisions %+v %v", revs, err)
	}
	// Deleting the current revision makes the previous one current again; restoring swaps back.
	if err := f.svc.Delete(ctx, f.agency, v2.ID); err != nil {
		t.Fatal(err)
	}
	if cur := f.current(t, "bo-thu"); cur.ID != v1.ID {
		t.Fatalf("after delete current is rev %d", cur.Revision)
	}
	if err := f.svc.Restore(ctx, f.agency, v2.ID); err != nil {
		t.Fatal(err)
	}
	if cur := f.current(t, "bo-thu"); cur.ID != v2.ID {
		t.Fatalf("after restore current is rev %d", cur.Revision)
	}
	page, err := f.svc.List(ctx, f.agency, criteria.Query{Current: "yes"})
	if err != nil || page.Total != 1 {
		t.Fatalf("current only: %d %v", page.Total, err)
	}
	page, err = f.svc.List(ctx, f.agency, criteria.Query{ListQuery: store.ListQuery{Search: "bo thu"}})
	if err != nil || page.Total != 2 {
		t.Fatalf("search: %d %v", page.Total, err)
	}
}

func TestExportImportRoundTrip(t *testing.T) {
	f := setup(t)
	f.seed(t)
	dir := t.TempDir()
	for _, code := range []string{"xa-ntm-2021-2025", "xa-ntm-nang-cao-2021-2025", "xa-ntm-kieu-mau-2021-2025",
		"xa-ntm-2026-2030", "thon-ntm", "huyen-ntm-2021-2025"} {
		s := f.current(t, code)
		path := filepath.Join(dir, code+".xlsx")
		if err := f.svc.ExportTo(ctx, f.agency, s.ID, path); err != nil {
			t.Fatal(err)
		}
		pv, err := f.svc.PreviewImport(ctx, f.agency, path)
		if err != nil {
			t.Fatal(err)
		}
		if pv.Action != criteria.ActionIdentical || len(pv.Problems) > 0 {
			t.Errorf("%s: action %s, changes %+v, problems %+v", code, pv.Action, pv.Changes, pv.Problems)
		}
	}
}
