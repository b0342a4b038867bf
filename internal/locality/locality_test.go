package locality_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"gorm.io/gorm"

	"chungsuc/internal/fault"
	"chungsuc/internal/locality"
	"chungsuc/internal/org"
	"chungsuc/internal/store"
	"chungsuc/internal/store/storetest"
)

var ctx = context.Background()

type fx struct {
	db     *store.DB
	svc    *locality.Service
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
	return fx{db, locality.NewService(db.DB), a.ID}
}

func ptr(s string) *string { return &s }

func (f fx) save(t testing.TB, l locality.Locality) locality.Locality {
	t.Helper()
	out, err := f.svc.Save(ctx, f.agency, l)
	if err != nil {
		t.Fatalf("save %s: %v", l.Name, err)
	}
	return out
}

// fieldKey returns the key of the first error on field, or "".
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

// tree builds province → district → commune → village.
func (f fx) tree(t testing.TB) (prov, dist, com, vil locality.Locality) {
	prov = f.save(t, locality.Locality{Name: "Tỉnh Quảng Bình", Kind: "tinh", Code: "44", Region: "bac_trung_bo"})
	dist = f.save(t, locality.Locality{Name: "Huyện Minh Hóa", Kind: "huyen", Code: "452", ParentID: &prov.ID})
	com = f.save(t, locality.Locality{Name: "Xã Dân Hóa", Kind: "xa", Code: "19111", ParentID: &dist.ID,
		SpecialDifficulty: true, Border: true, Mountain: true, EthnicArea: "III"})
	vil = f.save(t, locality.Locality{Name: "Bản Ra Mai", Kind: "ban", ParentID: &com.ID})
	return
}

func TestSaveDerivesLevelAndNormalises(t *testing.T) {
	f := setup(t)
	prov, dist, com, vil := f.tree(t)
	for _, c := range []struct {
		l     locality.Locality
		level int
	}{{prov, 1}, {dist, 2}, {com, 3}, {vil, 4}} {
		if c.l.Level != c.level || c.l.ID == "" || c.l.Version != 1 {
			t.Errorf("%s: level %d version %d, want level %d", c.l.Name, c.l.Level, c.l.Version, c.level)
		}
	}
	// NFD in, NFC out; the level follows the kind even if the client sends another.
	l := f.save(t, locality.Locality{Name: "  Xã  Hoa\u0300  Sơn ", Kind: "xa", Level: 1, ParentID: &dist.ID})
	if l.Name != "Xã Hoà Sơn" || l.Level != 3 {
		t.Fatalf("got %q level %d", l.Name, l.Level)
	}
	// Update with the current version, then a stale one.
	l.Note = "ghi chú"
	l2, err := f.svc.Save(ctx, f.agency, l)
	if err != nil || l2.Version != 2 {
		t.Fatalf("update: %+v %v", l2, err)
	}
	if _, err := f.svc.Save(ctx, f.agency, l); !errors.Is(err, fault.ErrStale) {
		t.Fatalf("stale save: %v", err)
	}
}

func TestValidation(t *testing.T) {
	f := setup(t)
	prov, dist, com, vil := f.tree(t)
	long := make([]rune, 201)
	for i := range long {
		long[i] = 'a'
	}
	cases := []struct {
		name  string
		l     locality.Locality
		field string
		key   string
	}{
		{"empty name", locality.Locality{Kind: "xa", ParentID: &dist.ID}, "name", "validation.required"},
		{"long name", locality.Locality{Name: string(long), Kind: "xa"}, "name", "validation.tooLong"},
		{"no kind", locality.Locality{Name: "Xã A"}, "kind", "validation.required"},
		{"bad kind", locality.Locality{Name: "Xã A", Kind: "lang_xa"}, "kind", "validation.oneOf"},
		{"code letters", locality.Locality{Name: "Xã A", Kind: "xa", Code: "19A11"}, "code", "validation.locality.codeDigits"},
		{"code too long", locality.Locality{Name: "Xã A", Kind: "xa", Code: "123456789012345678901"}, "code", "validation.tooLong"},
		{"code taken", locality.Locality{Name: "Xã A", Kind: "xa", Code: "19111", ParentID: &dist.ID}, "code", "validation.locality.codeTaken"},
		{"bad date", locality.Locality{Name: "Xã A", Kind: "xa", ValidFrom: "2025-13-01"}, "validFrom", "validation.date"},
		{"period", locality.Locality{Name: "Xã A", Kind: "xa", ValidFrom: "2025-07-01", ValidTo: "2025-06-30"}, "validTo", "validation.locality.validPeriod"},
		{"region", locality.Locality{Name: "Xã A", Kind: "xa", Region: "mien_trung"}, "region", "validation.oneOf"},
		{"ethnic area", locality.Locality{Name: "Xã A", Kind: "xa", EthnicArea: "IV"}, "ethnicArea", "validation.oneOf"},
		{"commune group", locality.Locality{Name: "Xã A", Kind: "xa", CommuneGroup: 4}, "communeGroup", "validation.range"},
		{"parent missing", locality.Locality{Name: "Xã A", Kind: "xa", ParentID: ptr("nope")}, "parentId", "validation.locality.parentMissing"},
		{"commune under village", locality.Locality{Name: "Xã A", Kind: "xa", ParentID: &vil.ID}, "parentId", "validation.locality.parentLevel"},
		{"commune under commune", locality.Locality{Name: "Xã A", Kind: "xa", ParentID: &com.ID}, "parentId", "validation.locality.parentLevel"},
		{"village under district", locality.Locality{Name: "Thôn A", Kind: "thon", ParentID: &dist.ID}, "parentId", "validation.locality.parentLevel"},
		{"village under province", locality.Locality{Name: "Thôn A", Kind: "thon", ParentID: &prov.ID}, "parentId", "validation.locality.parentLevel"},
		{"village without commune", locality.Locality{Name: "Thôn A", Kind: "thon"}, "parentId", "validation.locality.villageParent"},
		{"district under district", locality.Locality{Name: "Huyện B", Kind: "huyen", ParentID: &dist.ID}, "parentId", "validation.locality.parentLevel"},
		{"province under province", locality.Locality{Name: "Tỉnh B", Kind: "tinh", ParentID: &prov.ID}, "parentId", "validation.locality.parentLevel"},
		{"same name same parent", locality.Locality{Name: "xã  dân hóa", Kind: "xa", ParentID: &dist.ID}, "name", "validation.locality.nameTaken"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := f.svc.Save(ctx, f.agency, c.l)
			if !errors.Is(err, fault.ErrInvalid) || fieldKey(err, c.field) != c.key {
				t.Fatalf("err %v, want %s on %s", err, c.key, c.field)
			}
		})
	}
	// Allowed: a commune directly under a province (after 1/7/2025), the
	// same name under another parent, "Bình" beside "Binh".
	for _, l := range []locality.Locality{
		{Name: "Xã Dân Hóa", Kind: "xa", ParentID: &prov.ID},
		{Name: "Xã Dân Hoa", Kind: "xa", ParentID: &dist.ID},
		{Name: "Đặc khu Cồn Cỏ", Kind: "dac_khu", ParentID: &prov.ID, Island: true},
	} {
		f.save(t, l)
	}
	// An update keeps its own code and name.
	com.Note = "sửa"
	if _, err := f.svc.Save(ctx, f.agency, com); err != nil {
		t.Fatal(err)
	}
}

func TestOtherAgencyCannotTouch(t *testing.T) {
	f := setup(t)
	_, _, com, _ := f.tree(t)
	if _, err := f.svc.Get(ctx, "other", com.ID); !errors.Is(err, fault.ErrNotFound) {
		t.Fatalf("get: %v", err)
	}
	if _, err := f.svc.Save(ctx, "other", com); !errors.Is(err, fault.ErrNotFound) {
		t.Fatalf("save: %v", err)
	}
	if err := f.svc.Delete(ctx, "other", com.ID); !errors.Is(err, fault.ErrNotFound) {
		t.Fatalf("delete: %v", err)
	}
}

// wantKey fails unless err is a domain error with that key.
func wantKey(t *testing.T, err error, key string) {
	t.Helper()
	if fe, ok := fault.As(err); !ok || fe.Key != key {
		t.Fatalf("err %v, want %s", err, key)
	}
}

// register adds a live sponsorship of a unit for the locality.
func register(t *testing.T, f fx, localityID string) string {
	t.Helper()
	u := org.Unit{AgencyID: f.agency, Name: "Văn phòng Sở", Kind: org.KindPhong, Active: true}
	var id string
	err := f.db.Transaction(func(tx *gorm.DB) error {
		if err := org.CreateUnitTx(tx, &u); err != nil {
			return err
		}
		id = store.NewID()
		return tx.Table("sponsor_registrations").Create(map[string]any{
			"id": id, "agency_id": f.agency, "unit_id": u.ID, "locality_id": localityID, "status": "dang_ky",
			"created_at": u.CreatedAt, "updated_at": u.UpdatedAt, "version": 1,
		}).Error
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestDeleteAndRestore(t *testing.T) {
	f := setup(t)
	_, dist, com, vil := f.tree(t)
	// A commune with a village is refused; so is a village with a registration.
	err := f.svc.Delete(ctx, f.agency, com.ID)
	if fe, ok := fault.As(err); !ok || fe.Key != "errors.locality.notEmpty" || fe.Params["children"] != int64(1) {
		t.Fatalf("delete commune with village: %v", err)
	}
	regID := register(t, f, vil.ID)
	err = f.svc.Delete(ctx, f.agency, vil.ID)
	if fe, ok := fault.As(err); !ok || fe.Key != "errors.locality.notEmpty" || fe.Params["registrations"] != int64(1) {
		t.Fatalf("delete village with registration: %v", err)
	}
	// A deleted registration no longer holds it.
	if err := f.db.Table("sponsor_registrations").Where("id = ?", regID).Update("deleted_at", com.CreatedAt).Error; err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Delete(ctx, f.agency, vil.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Delete(ctx, f.agency, com.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Get(ctx, f.agency, com.ID); !errors.Is(err, fault.ErrNotFound) {
		t.Fatalf("get deleted: %v", err)
	}
	// The village cannot come back before its commune.
	wantKey(t, f.svc.Restore(ctx, f.agency, vil.ID), "errors.locality.parentDeleted")
	// A new commune took the code: the old one cannot come back.
	taker := f.save(t, locality.Locality{Name: "Xã Dân Hóa Mới", Kind: "xa", Code: "19111", ParentID: ptr(dist.ID)})
	wantKey(t, f.svc.Restore(ctx, f.agency, com.ID), "errors.locality.restoreCodeTaken")
	if err := f.svc.Delete(ctx, f.agency, taker.ID); err != nil {
		t.Fatal(err)
	}
	sameName := f.save(t, locality.Locality{Name: "Xã Dân Hóa", Kind: "xa", ParentID: ptr(dist.ID)})
	wantKey(t, f.svc.Restore(ctx, f.agency, com.ID), "errors.locality.restoreNameTaken")
	if err := f.svc.Delete(ctx, f.agency, sameName.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Restore(ctx, f.agency, com.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Restore(ctx, f.agency, vil.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Restore(ctx, f.agency, vil.ID); !errors.Is(err, fault.ErrNotFound) {
		t.Fatalf("restore live: %v", err)
	}
}

func (f fx) status(t testing.TB, id, level string, year int, date string) locality.NTMStatus {
	t.Helper()
	s, err := f.svc.SaveStatus(ctx, f.agency, locality.NTMStatus{LocalityID: id, Level: level, Year: year, DecisionDate: date,
		DecisionNumber: "1/QĐ-UBND", DecisionIssuer: "UBND tỉnh"})
	if err != nil {
		t.Fatalf("status %s %d: %v", level, year, err)
	}
	return s
}

func TestStatusRules(t *testing.T) {
	f := setup(t)
	_, _, com, vil := f.tree(t)
	cases := []struct {
		name  string
		s     locality.NTMStatus
		field string
		key   string
	}{
		{"no locality", locality.NTMStatus{Level: "dat_chuan", Year: 2022}, "localityId", "validation.required"},
		{"unknown locality", locality.NTMStatus{LocalityID: "x", Level: "dat_chuan", Year: 2022}, "localityId", "validation.locality.missing"},
		{"village level on commune", locality.NTMStatus{LocalityID: com.ID, Level: "thon_dat_chuan", Year: 2022}, "level", "validation.oneOf"},
		{"commune level on village", locality.NTMStatus{LocalityID: vil.ID, Level: "nang_cao", Year: 2022}, "level", "validation.oneOf"},
		{"no level", locality.NTMStatus{LocalityID: com.ID, Year: 2022}, "level", "validation.required"},
		{"year low", locality.NTMStatus{LocalityID: com.ID, Level: "dat_chuan", Year: 1999}, "year", "validation.range"},
		{"year high", locality.NTMStatus{LocalityID: com.ID, Level: "dat_chuan", Year: 2101}, "year", "validation.range"},
		{"bad date", locality.NTMStatus{LocalityID: com.ID, Level: "dat_chuan", Year: 2022, DecisionDate: "31/12/2022"}, "decisionDate", "validation.date"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := f.svc.SaveStatus(ctx, f.agency, c.s)
			if fieldKey(err, c.field) != c.key {
				t.Fatalf("err %v, want %s on %s", err, c.key, c.field)
			}
		})
	}
	s := f.status(t, vil.ID, "thon_dat_chuan", 2023, "2023-11-20")
	s.DecisionNumber = "99/QĐ-UBND"
	s2, err := f.svc.SaveStatus(ctx, f.agency, s)
	if err != nil || s2.Version != 2 {
		t.Fatalf("update status: %+v %v", s2, err)
	}
	if _, err := f.svc.SaveStatus(ctx, "other", s2); !errors.Is(err, fault.ErrNotFound) && !errors.Is(err, fault.ErrInvalid) {
		t.Fatalf("other agency: %v", err)
	}
	if err := f.svc.DeleteStatus(ctx, "other", s.ID); !errors.Is(err, fault.ErrNotFound) {
		t.Fatalf("delete by other agency: %v", err)
	}
	if err := f.svc.DeleteStatus(ctx, f.agency, s.ID); err != nil {
		t.Fatal(err)
	}
	d, err := f.svc.Get(ctx, f.agency, vil.ID)
	if err != nil || len(d.Statuses) != 0 || d.Current != nil {
		t.Fatalf("after delete: %+v %v", d.Statuses, err)
	}
}

func TestGetDetailAndLineage(t *testing.T) {
	f := setup(t)
	prov, dist, com, vil := f.tree(t)
	f.status(t, com.ID, "chua_dat", 2021, "")
	f.status(t, com.ID, "dat_chuan", 2023, "2023-03-01")
	f.status(t, com.ID, "nang_cao", 2023, "2023-12-20") // same year, later decision: current
	d, err := f.svc.Get(ctx, f.agency, vil.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Path) != 3 || d.Path[0].ID != prov.ID || d.Path[1].ID != dist.ID || d.Path[2].ID != com.ID || d.Path[2].Kind != "xa" {
		t.Fatalf("path %+v", d.Path)
	}
	d, err = f.svc.Get(ctx, f.agency, com.ID)
	if err != nil || len(d.Statuses) != 3 || d.Current == nil || d.Current.Level != "nang_cao" || d.Statuses[2].Level != "chua_dat" {
		t.Fatalf("statuses %+v current %+v %v", d.Statuses, d.Current, err)
	}
	// Merger: two old communes into a new one under the merged province.
	other := f.save(t, locality.Locality{Name: "Xã Hóa Phúc", Kind: "xa", Code: "19112", ParentID: &dist.ID, ValidTo: "2025-06-30"})
	newProv := f.save(t, locality.Locality{Name: "Tỉnh Quảng Trị", Kind: "tinh", ValidFrom: "2025-07-01"})
	merged := f.save(t, locality.Locality{Name: "Xã Dân Hóa", Kind: "xa", ParentID: &newProv.ID, ValidFrom: "2025-07-01"})
	for _, p := range []string{com.ID, other.ID} {
		if _, err := f.svc.SaveLineage(ctx, f.agency, locality.Lineage{PredecessorID: p, SuccessorID: merged.ID,
			EffectiveDate: "2025-07-01", Resolution: "1680/NQ-UBTVQH15"}); err != nil {
			t.Fatal(err)
		}
	}
	d, err = f.svc.Get(ctx, f.agency, merged.ID)
	if err != nil || len(d.Predecessors) != 2 || len(d.Successors) != 0 || d.Predecessors[0].Resolution != "1680/NQ-UBTVQH15" {
		t.Fatalf("successor side: %+v %v", d.Predecessors, err)
	}
	d, err = f.svc.Get(ctx, f.agency, com.ID)
	if err != nil || len(d.Successors) != 1 || d.Successors[0].LocalityID != merged.ID || d.Successors[0].Name != "Xã Dân Hóa" ||
		len(d.Predecessors) != 0 || len(d.Statuses) != 3 {
		t.Fatalf("predecessor side: %+v %v", d.Successors, err)
	}
	// Rules.
	for _, c := range []struct {
		g     locality.Lineage
		field string
		key   string
	}{
		{locality.Lineage{PredecessorID: com.ID, SuccessorID: com.ID}, "successorId", "validation.locality.lineageSelf"},
		{locality.Lineage{PredecessorID: com.ID, SuccessorID: merged.ID}, "successorId", "validation.locality.lineageTaken"},
		{locality.Lineage{PredecessorID: "x", SuccessorID: merged.ID}, "predecessorId", "validation.locality.missing"},
		{locality.Lineage{PredecessorID: com.ID}, "successorId", "validation.required"},
		{locality.Lineage{PredecessorID: com.ID, SuccessorID: prov.ID, EffectiveDate: "1/7/2025"}, "effectiveDate", "validation.date"},
	} {
		if _, err := f.svc.SaveLineage(ctx, f.agency, c.g); fieldKey(err, c.field) != c.key {
			t.Errorf("%+v: %v, want %s", c.g, err, c.key)
		}
	}
	id := d.Successors[0].LineageID
	if err := f.svc.DeleteLineage(ctx, "other", id); !errors.Is(err, fault.ErrNotFound) {
		t.Fatalf("delete by other agency: %v", err)
	}
	if err := f.svc.DeleteLineage(ctx, f.agency, id); err != nil {
		t.Fatal(err)
	}
	d, _ = f.svc.Get(ctx, f.agency, com.ID)
	if len(d.Successors) != 0 {
		t.Fatalf("after delete: %+v", d.Successors)
	}
}

func TestListFiltersAndChildren(t *testing.T) {
	f := setup(t)
	prov, dist, com, vil := f.tree(t)
	c2 := f.save(t, locality.Locality{Name: "Xã Hóa Sơn", Kind: "xa", Code: "19113", ParentID: &dist.ID, Mountain: true})
	c3 := f.save(t, locality.Locality{Name: "Thị trấn Quy Đạt", Kind: "thi_tran", Code: "19100", ParentID: &dist.ID, ValidTo: "2025-06-30"})
	f.status(t, com.ID, "dat_chuan", 2022, "2022-10-01")
	f.status(t, com.ID, "nang_cao", 2024, "2024-10-01")
	f.status(t, c2.ID, "dat_chuan", 2023, "")
	old := f.status(t, c2.ID, "nang_cao", 2025, "")
	if err := f.svc.DeleteStatus(ctx, f.agency, old.ID); err != nil { // deleted: not current
		t.Fatal(err)
	}
	f.status(t, vil.ID, "thon_dat_chuan", 2024, "")

	names := func(q locality.Query) []string {
		t.Helper()
		p, err := f.svc.List(ctx, f.agency, q)
		if err != nil {
			t.Fatal(err)
		}
		out := []string{}
		for _, r := range p.Items {
			out = append(out, r.Name)
		}
		if int(p.Total) != len(out) && len(out) < p.PageSize {
			t.Fatalf("total %d, items %d", p.Total, len(out))
		}
		return out
	}
	eq := func(got []string, want ...string) {
		t.Helper()
		if len(got) != len(want) {
			t.Fatalf("got %q, want %q", got, want)
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("got %q, want %q", got, want)
			}
		}
	}
	eq(names(locality.Query{Level: 3}), "Thị trấn Quy Đạt", "Xã Dân Hóa", "Xã Hóa Sơn")
	eq(names(locality.Query{ListQuery: store.ListQuery{Search: "hoa son"}}), "Xã Hóa Sơn")
	eq(names(locality.Query{ListQuery: store.ListQuery{Search: "19111"}}), "Xã Dân Hóa")
	eq(names(locality.Query{NTMLevel: "nang_cao"}), "Xã Dân Hóa")
	eq(names(locality.Query{NTMLevel: "dat_chuan"}), "Xã Hóa Sơn")
	eq(names(locality.Query{NTMLevel: "none", Level: 3}), "Thị trấn Quy Đạt")
	eq(names(locality.Query{Flag: "mountain"}), "Xã Dân Hóa", "Xã Hóa Sơn")
	eq(names(locality.Query{Flag: "specialDifficulty"}), "Xã Dân Hóa")
	eq(names(locality.Query{Validity: "historical"}), "Thị trấn Quy Đạt")
	eq(names(locality.Query{Validity: "current", Level: 3}), "Xã Dân Hóa", "Xã Hóa Sơn")
	eq(names(locality.Query{ParentID: dist.ID, Kind: "xa"}), "Xã Dân Hóa", "Xã Hóa Sơn")
	eq(names(locality.Query{Level: 3, ListQuery: store.ListQuery{SortBy: "currentLevel", Desc: true}}), "Xã Dân Hóa", "Xã Hóa Sơn", "Thị trấn Quy Đạt")
	eq(names(locality.Query{Level: 3, ListQuery: store.ListQuery{SortBy: "code"}}), "Thị trấn Quy Đạt", "Xã Dân Hóa", "Xã Hóa Sơn")
	if _, err := f.svc.List(ctx, f.agency, locality.Query{Flag: "nope"}); !errors.Is(err, fault.ErrInvalid) {
		t.Fatalf("bad flag: %v", err)
	}
	p, err := f.svc.List(ctx, f.agency, locality.Query{Level: 3, ListQuery: store.ListQuery{PageSize: 2, Page: 2}})
	if err != nil || p.Total != 3 || len(p.Items) != 1 || p.Page != 2 {
		t.Fatalf("page 2: %+v %v", p, err)
	}
	p, err = f.svc.List(ctx, f.agency, locality.Query{ListQuery: store.ListQuery{Search: "dan hoa"}})
	if err != nil || len(p.Items) != 1 {
		t.Fatal(p, err)
	}
	r := p.Items[0]
	if r.ParentName != "Huyện Minh Hóa" || r.CurrentLevel != "nang_cao" || r.CurrentYear != 2024 || r.ChildCount != 1 || !r.SpecialDifficulty {
		t.Fatalf("row %+v", r)
	}
	if err := f.svc.Delete(ctx, f.agency, c3.ID); err != nil {
		t.Fatal(err)
	}
	eq(names(locality.Query{ListQuery: store.ListQuery{Deleted: true}}), "Thị trấn Quy Đạt")

	roots, err := f.svc.Children(ctx, f.agency, "")
	if err != nil || len(roots) != 1 || roots[0].ID != prov.ID || roots[0].ChildCount != 1 {
		t.Fatalf("roots %+v %v", roots, err)
	}
	kids, err := f.svc.Children(ctx, f.agency, dist.ID)
	if err != nil || len(kids) != 2 || kids[0].ID != com.ID || kids[0].CurrentLevel != "nang_cao" || kids[1].ID != c2.ID || kids[1].CurrentLevel != "dat_chuan" {
		t.Fatalf("children %+v %v", kids, err)
	}
	kids, err = f.svc.Children(ctx, f.agency, com.ID)
	if err != nil || len(kids) != 1 || kids[0].CurrentLevel != "thon_dat_chuan" || kids[0].ChildCount != 0 {
		t.Fatalf("villages %+v %v", kids, err)
	}
}

func TestSortByCurrentLevelFollowsRank(t *testing.T) {
	f := setup(t)
	_, dist, _, _ := f.tree(t)
	for i, level := range []string{"kieu_mau", "chua_dat", "nang_cao", "dat_chuan"} {
		c := f.save(t, locality.Locality{Name: "Xã Hạng " + level, Kind: "xa", Code: fmt.Sprintf("1920%d", i), ParentID: &dist.ID})
		f.status(t, c.ID, level, 2025, "")
	}
	p, err := f.svc.List(ctx, f.agency, locality.Query{ParentID: dist.ID, Kind: "xa",
		ListQuery: store.ListQuery{SortBy: "currentLevel", Desc: true, Search: "hang"}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range p.Items {
		got = append(got, r.CurrentLevel)
	}
	want := []string{"kieu_mau", "nang_cao", "dat_chuan", "chua_dat"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("order by rank: got %v, want %v", got, want)
	}
}

func TestVillageOfDissolvedCommuneIsHistorical(t *testing.T) {
	f := setup(t)
	_, _, com, vil := f.tree(t)
	names := func(validity string) map[string]bool {
		t.Helper()
		p, err := f.svc.List(ctx, f.agency, locality.Query{Level: 4, Validity: validity})
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]bool{}
		for _, r := range p.Items {
			out[r.Name] = true
		}
		return out
	}
	if !names("current")[vil.Name] || names("historical")[vil.Name] {
		t.Fatal("a village of a live commune is current")
	}
	com.ValidTo = "2025-06-30"
	if _, err := f.svc.Save(ctx, f.agency, com); err != nil {
		t.Fatal(err)
	}
	if names("current")[vil.Name] || !names("historical")[vil.Name] {
		t.Fatal("a village of a dissolved commune must be historical")
	}
}
