package assessment_test

import (
	"context"
	"errors"
	"testing"

	"chungsuc/internal/assessment"
	"chungsuc/internal/criteria"
	"chungsuc/internal/fault"
	"chungsuc/internal/locality"
	"chungsuc/internal/org"
	"chungsuc/internal/sponsor"
	"chungsuc/internal/store"
	"chungsuc/internal/store/storetest"
)

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func keyOf(err error) string {
	if fe, ok := fault.As(err); ok {
		return fe.Key
	}
	if err != nil {
		return "plain: " + err.Error()
	}
	return ""
}

// fieldKeys lists "field:key" of a validation error.
func fieldKeys(err error) []string {
	fe, ok := fault.As(err)
	if !ok {
		return nil
	}
	var out []string
	for _, f := range fe.Fields {
		out = append(out, f.Field+":"+f.Key)
	}
	return out
}

func wantKey(t testing.TB, err error, key string) {
	t.Helper()
	if keyOf(err) != key {
		t.Fatalf("got %v, want %s", err, key)
	}
}

func wantField(t testing.TB, err error, fk string) {
	t.Helper()
	for _, f := range fieldKeys(err) {
		if f == fk {
			return
		}
	}
	t.Fatalf("got %v (%v), want field error %s", err, fieldKeys(err), fk)
}

func f64(x float64) *float64 { return &x }
func bp(b bool) *bool        { return &b }

// world: an agency with a province (Bắc Trung Bộ) → district → communes
// (an ordinary one inheriting the region, a special-difficulty one, one
// with its own region, a phường, a commune dissolved at the end of 2023)
// and a village; two units, one staff member, and a small region-dimension
// criteria set built directly with the criteria model types.
type world struct {
	t       testing.TB
	ctx     context.Context
	db      *store.DB
	svc     *assessment.Service
	agency  string
	other   string
	units   map[string]string
	staff   string
	places  map[string]string
	set     criteria.Set
	ind     map[string]string // indicator code → id
	dataDir string
}

func newWorld(t testing.TB) *world {
	t.Helper()
	ctx := context.Background()
	db := storetest.Open(t)
	w := &world{t: t, ctx: ctx, db: db, svc: assessment.NewService(db.DB), units: map[string]string{},
		places: map[string]string{}, dataDir: t.TempDir()}
	osvc := org.NewService(db.DB)
	a, err := osvc.SaveAgency(ctx, org.Agency{Name: "SỞ THỬ NGHIỆM", Abbrev: "STN", PlaceName: "Quảng Bình"})
	must(t, err)
	w.agency = a.ID
	for _, u := range []struct{ short, name string }{{"VP", "Văn phòng Sở"}, {"KH", "Phòng Kế hoạch"}} {
		saved, err := osvc.SaveUnit(ctx, a.ID, org.Unit{Name: u.name, ShortName: u.short, Kind: org.KindPhong, Active: true})
		must(t, err)
		w.units[u.short] = saved.ID
	}
	st, err := osvc.SaveStaff(ctx, a.ID, org.Staff{FullName: "Nguyễn Văn An", Active: true})
	must(t, err)
	w.staff = st.ID
	lsvc := locality.NewService(db.DB)
	add := func(name, kind, parent string, mod func(*locality.Locality)) string {
		l := locality.Locality{Name: name, Kind: kind}
		if parent != "" {
			p := w.places[parent]
			l.ParentID = &p
		}
		if mod != nil {
			mod(&l)
		}
		saved, err := lsvc.Save(ctx, a.ID, l)
		must(t, err)
		w.places[name] = saved.ID
		return saved.ID
	}
	add("Tỉnh Thử", locality.KindTinh, "", func(l *locality.Locality) { l.Region = "bac_trung_bo" })
	add("Huyện Một", locality.KindHuyen, "Tỉnh Thử", nil)
	add("Huyện Hai", locality.KindHuyen, "Tỉnh Thử", nil)
	add("Xã Bình Minh", locality.KindXa, "Huyện Một", nil)
	add("Xã Khó Khăn", locality.KindXa, "Huyện Một", func(l *locality.Locality) { l.SpecialDifficulty = true })
	add("Xã Đồng Bằng", locality.KindXa, "Huyện Hai", func(l *locality.Locality) { l.Region = "dong_bang_song_hong" })
	add("Phường Trung Tâm", locality.KindPhuong, "Huyện Hai", nil)
	add("Xã Đã Nhập", locality.KindXa, "Huyện Hai", func(l *locality.Locality) { l.ValidTo = "2023-12-31" })
	add("Thôn Một", locality.KindThon, "Xã Khó Khăn", nil)
	// Registrations: VP supports Bình Minh in 2022–2023; KH supports a
	// village of Khó Khăn (open-ended); a cancelled one of KH on Đồng Bằng.
	for _, r := range []sponsor.Registration{
		{UnitID: w.units["VP"], LocalityID: w.places["Xã Bình Minh"], FromDate: "2022-01-01", ToDate: "2023-12-31", Status: sponsor.StatusDangThucHien},
		{UnitID: w.units["KH"], LocalityID: w.places["Thôn Một"], Status: sponsor.StatusDangKy},
		{UnitID: w.units["KH"], LocalityID: w.places["Xã Đồng Bằng"], Status: sponsor.StatusHuy, CancelReason: "không thực hiện"},
	} {
		r.AgencyID = a.ID
		must(t, db.Create(&r).Error)
	}
	o, err := osvc.SaveAgency(ctx, org.Agency{Name: "SỞ KHÁC", Abbrev: "SK", PlaceName: "Hà Tĩnh"})
	must(t, err)
	w.other = o.ID
	w.set, w.ind = w.makeSet("xa-thu", 1, nil)
	return w
}

// makeSet writes a set: 1 (one pass/fail indicator), 2 (a percentage with
// region levels and a number), 3 (a text indicator).
func (w *world) makeSet(code string, revision int, previous *string) (criteria.Set, map[string]string) {
	w.t.Helper()
	s := criteria.Set{AgencyID: w.agency, Code: code, Revision: revision, PreviousID: previous, Current: true,
		Name: "Bộ tiêu chí thử " + code, Target: criteria.TargetDatChuan, Scope: locality.LevelCommune,
		Phase: "2021-2025", Dimension: criteria.DimensionRegion, SpecialRule: true,
		Criteria: []criteria.Criterion{
			{No: 1, Name: "Quy hoạch", SortOrder: 1, Indicators: []criteria.Indicator{
				{Code: "1.1", Name: "Có quy hoạch chung xã", Kind: criteria.KindPassFail, SortOrder: 1},
			}},
			{No: 2, Name: "Giao thông", SortOrder: 2, Indicators: []criteria.Indicator{
				{Code: "2.1", Name: "Tỷ lệ đường xã được nhựa hóa", Kind: criteria.KindPercent, Comparator: ">=",
					Threshold: f64(70), Requirement: "≥70%", Unit: "%", SortOrder: 1,
					Thresholds: []criteria.Threshold{
						{Key: "bac_trung_bo", Comparator: ">=", Threshold: f64(80), Requirement: "≥80%"},
						{Key: criteria.RegionSpecial, Comparator: ">=", Threshold: f64(50), Requirement: "≥50%"},
					}},
				{Code: "2.2", Name: "Số điểm đen giao thông", Kind: criteria.KindNumber, Comparator: "<=", Threshold: f64(3), SortOrder: 2},
			}},
			{No: 3, Name: "Văn hóa", SortOrder: 3, Indicators: []criteria.Indicator{
				{Code: "3.1", Name: "Hoạt động văn hóa", Kind: criteria.KindText, SortOrder: 1},
			}},
		}}
	// Create the set, then the children with their set id.
	ids := map[string]string{}
	crits := s.Criteria
	s.Criteria = nil
	must(w.t, w.db.Create(&s).Error)
	for i := range crits {
		c := crits[i]
		inds := c.Indicators
		c.Indicators, c.SetID = nil, s.ID
		must(w.t, w.db.Create(&c).Error)
		for j := range inds {
			ind := inds[j]
			ind.SetID, ind.CriterionID = s.ID, c.ID
			ths := ind.Thresholds
			ind.Thresholds = nil
			must(w.t, w.db.Create(&ind).Error)
			for _, th := range ths {
				th.IndicatorID = ind.ID
				must(w.t, w.db.Create(&th).Error)
			}
			ids[ind.Code] = ind.ID
		}
	}
	return s, ids
}

func (w *world) create(place, date string) assessment.Assessment {
	w.t.Helper()
	a, err := w.svc.Create(w.ctx, w.agency, assessment.NewInput{LocalityID: w.places[place], SetID: w.set.ID, Date: date})
	must(w.t, err)
	return a
}

// fill enters a value for every indicator so that the assessment meets the
// criteria listed in met (others fail on their first indicator).
func (w *world) fill(id string, met map[int]bool) assessment.ValueResult {
	w.t.Helper()
	var last assessment.ValueResult
	save := func(in assessment.ValueInput) {
		in.AssessmentID = id
		r, err := w.svc.SaveValue(w.ctx, w.agency, in)
		must(w.t, err)
		last = r
	}
	v1 := criteria.ValueKhongDat
	if met[1] {
		v1 = criteria.ValueDat
	}
	save(assessment.ValueInput{IndicatorID: w.ind["1.1"], Value: v1})
	n := 10.0
	if met[2] {
		n = 100
	}
	save(assessment.ValueInput{IndicatorID: w.ind["2.1"], Number: &n})
	save(assessment.ValueInput{IndicatorID: w.ind["2.2"], Number: f64(1)})
	save(assessment.ValueInput{IndicatorID: w.ind["3.1"], Value: "Có nhà văn hóa", Override: bp(met[3]), OverrideReason: "Đã kiểm tra thực tế"})
	return last
}

func (w *world) finalise(id string) assessment.Assessment {
	w.t.Helper()
	a := w.get(id)
	f, err := w.svc.Finalise(w.ctx, w.agency, id, a.Version, "")
	must(w.t, err)
	return f
}

func (w *world) get(id string) assessment.Assessment {
	w.t.Helper()
	var a assessment.Assessment
	must(w.t, w.db.Unscoped().Where("id = ?", id).Take(&a).Error)
	return a
}

func (w *world) count(table, where string, args ...any) int64 {
	w.t.Helper()
	var n int64
	must(w.t, w.db.Table(table).Where(where, args...).Count(&n).Error)
	return n
}

func isNotFound(err error) bool { return errors.Is(err, fault.ErrNotFound) }
