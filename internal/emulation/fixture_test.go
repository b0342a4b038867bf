package emulation_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"chungsuc/internal/assessment"
	"chungsuc/internal/campaign"
	"chungsuc/internal/criteria"
	"chungsuc/internal/document"
	"chungsuc/internal/emulation"
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

func wantKey(t testing.TB, err error, key string) {
	t.Helper()
	if keyOf(err) != key {
		t.Fatalf("got %v, want %s", err, key)
	}
}

// wantField checks a validation error holds field:key.
func wantField(t testing.TB, err error, field, key string) {
	t.Helper()
	fe, ok := fault.As(err)
	if !ok || !errors.Is(err, fault.ErrInvalid) {
		t.Fatalf("got %v, want a validation error %s:%s", err, field, key)
	}
	for _, f := range fe.Fields {
		if f.Field == field && f.Key == key {
			return
		}
	}
	t.Fatalf("fields %+v, want %s:%s", fe.Fields, field, key)
}

func f64(x float64) *float64 { return &x }

// world is a small agency: units of several kinds, staff, a 2021–2025
// campaign, a district with communes and a village, a commune criteria set.
type world struct {
	t      testing.TB
	ctx    context.Context
	db     *store.DB
	svc    *emulation.Service
	agency string
	other  string
	camp   campaign.Campaign
	units  map[string]string // short name → id
	staff  map[string]string // full name → id
	places map[string]string
	set    criteria.Set
	ind    map[string]string
	crit   map[string]emulation.Criterion // code → criterion (after defaults)
}

var fixedToday = time.Date(2025, 12, 20, 0, 0, 0, 0, time.UTC)

func newWorld(t testing.TB) *world {
	t.Helper()
	for _, p := range []*func() time.Time{&sponsor.Today, &document.Today, &emulation.Today} {
		old := *p
		*p = func() time.Time { return fixedToday }
		t.Cleanup(func() { *p = old })
	}
	ctx := context.Background()
	db := storetest.Open(t)
	w := &world{t: t, ctx: ctx, db: db, svc: emulation.NewService(db.DB), units: map[string]string{},
		staff: map[string]string{}, places: map[string]string{}, crit: map[string]emulation.Criterion{}}
	osvc := org.NewService(db.DB)
	a, err := osvc.SaveAgency(ctx, org.Agency{Name: "SỞ THỬ NGHIỆM", Abbrev: "STN", PlaceName: "Quảng Bình",
		HeadTitle: "GIÁM ĐỐC", HeadName: "Trần Văn An"})
	must(t, err)
	w.agency = a.ID
	for _, u := range []struct{ short, name, kind string }{
		{"VP", "Văn phòng Sở", org.KindPhong},
		{"KHTC", "Phòng Kế hoạch - Tài chính", org.KindPhong},
		{"CC", "Chi cục Bảo vệ môi trường", org.KindDonViThuoc},
		{"TT", "Trung tâm Quan trắc", org.KindDonViTrucThuoc},
		{"CĐ", "Công đoàn Sở", org.KindDoanThe},
	} {
		saved, err := osvc.SaveUnit(ctx, a.ID, org.Unit{Name: u.name, ShortName: u.short, Kind: u.kind, Active: true})
		must(t, err)
		w.units[u.short] = saved.ID
	}
	for _, p := range []struct{ name, unit string }{{"Nguyễn Văn An", "VP"}, {"Trần Thị Bình", "VP"}, {"Lê Văn Cường", "CC"}} {
		u := w.units[p.unit]
		saved, err := osvc.SaveStaff(ctx, a.ID, org.Staff{FullName: p.name, UnitID: &u, Active: true, Position: "Chuyên viên"})
		must(t, err)
		w.staff[p.name] = saved.ID
	}
	w.camp, err = campaign.NewService(db.DB).Save(ctx, a.ID, campaign.Campaign{Name: "Chung sức xây dựng nông thôn mới",
		FromYear: 2021, ToYear: 2025, Active: true})
	must(t, err)
	o, err := osvc.SaveAgency(ctx, org.Agency{Name: "SỞ KHÁC", Abbrev: "SK", PlaceName: "Huế"})
	must(t, err)
	w.other = o.ID
	return w
}

// defaults creates the starting criteria and grades and indexes them.
func (w *world) defaults() {
	w.t.Helper()
	_, err := w.svc.CreateDefaults(w.ctx, w.agency, w.camp.ID)
	must(w.t, err)
	list, err := w.svc.Criteria(w.ctx, w.agency, w.camp.ID, "")
	must(w.t, err)
	for _, c := range list {
		w.crit[c.Code] = c
	}
}

func (w *world) key(kind, subject string) emulation.SheetKey {
	id := w.units[subject]
	if kind == emulation.TargetStaff {
		id = w.staff[subject]
	}
	return emulation.SheetKey{CampaignID: w.camp.ID, Year: 2025, SubjectKind: kind, SubjectID: id}
}

// self saves a self-assessment giving each criterion code its score.
func (w *world) self(kind, subject string, scores map[string]float64) emulation.SheetDetail {
	w.t.Helper()
	d, err := w.svc.Sheet(w.ctx, w.agency, w.key(kind, subject))
	must(w.t, err)
	in := emulation.SelfInput{SheetKey: w.key(kind, subject), SheetID: d.ID, Version: d.Version}
	for code, s := range scores {
		in.Items = append(in.Items, emulation.ItemInput{CriterionID: w.crit[code].ID, Score: s, Evidence: "Minh chứng " + code})
	}
	d, err = w.svc.SaveSelf(w.ctx, w.agency, in)
	must(w.t, err)
	return d
}

func (w *world) submit(d emulation.SheetDetail) emulation.SheetDetail {
	w.t.Helper()
	d, err := w.svc.Submit(w.ctx, w.agency, d.ID, d.Version)
	must(w.t, err)
	return d
}

// review reviews a submitted sheet: scores by code (others keep the self
// score), with a reason for each given score.
func (w *world) review(d emulation.SheetDetail, scores map[string]float64) emulation.SheetDetail {
	w.t.Helper()
	in := emulation.ReviewInput{SheetID: d.ID, Version: d.Version, Note: "Hội đồng thống nhất"}
	for code, s := range scores {
		in.Items = append(in.Items, emulation.ItemInput{CriterionID: w.crit[code].ID, Score: s, Reason: "Hội đồng điều chỉnh " + code})
	}
	d, err := w.svc.Review(w.ctx, w.agency, in)
	must(w.t, err)
	return d
}

// places builds province → district → two communes (one special) → a
// village, through the locality service, and a small commune criteria set.
func (w *world) buildPlaces() {
	w.t.Helper()
	lsvc := locality.NewService(w.db.DB)
	add := func(name, kind, parent string, special bool) {
		l := locality.Locality{Name: name, Kind: kind, SpecialDifficulty: special}
		if parent != "" {
			p := w.places[parent]
			l.ParentID = &p
		}
		saved, err := lsvc.Save(w.ctx, w.agency, l)
		must(w.t, err)
		w.places[name] = saved.ID
	}
	add("Tỉnh Thử", locality.KindTinh, "", false)
	add("Huyện Một", locality.KindHuyen, "Tỉnh Thử", false)
	add("Xã Bình Minh", locality.KindXa, "Huyện Một", false)
	add("Xã Khó Khăn", locality.KindXa, "Huyện Một", true)
	add("Bản Một", locality.KindBan, "Xã Khó Khăn", false)
	add("Xã Không Liên Quan", locality.KindXa, "Huyện Một", false)

	s := criteria.Set{AgencyID: w.agency, Code: "xa-thu", Revision: 1, Current: true,
		Name: "Bộ tiêu chí xã thử", Target: criteria.TargetDatChuan, Scope: locality.LevelCommune, Phase: "2021-2025",
		Criteria: []criteria.Criterion{
			{No: 1, Name: "Quy hoạch", SortOrder: 1, Indicators: []criteria.Indicator{
				{Code: "1.1", Name: "Có quy hoạch chung xã", Kind: criteria.KindPassFail, SortOrder: 1}}},
			{No: 2, Name: "Giao thông", SortOrder: 2, Indicators: []criteria.Indicator{
				{Code: "2.1", Name: "Đường xã được cứng hóa", Kind: criteria.KindPassFail, SortOrder: 1}}},
			{No: 3, Name: "Môi trường", SortOrder: 3, Indicators: []criteria.Indicator{
				{Code: "3.1", Name: "Thu gom rác thải", Kind: criteria.KindPassFail, SortOrder: 1}}},
		}}
	w.ind = map[string]string{}
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
			must(w.t, w.db.Create(&ind).Error)
			w.ind[ind.Code] = ind.ID
		}
	}
	w.set = s
}

// assess creates and finalises an assessment of place on date meeting the
// first n criteria.
func (w *world) assess(place, date string, n int) {
	w.t.Helper()
	asvc := assessment.NewService(w.db.DB)
	a, err := asvc.Create(w.ctx, w.agency, assessment.NewInput{LocalityID: w.places[place], SetID: w.set.ID, Date: date})
	must(w.t, err)
	for i, code := range []string{"1.1", "2.1", "3.1"} {
		v := criteria.ValueKhongDat
		if i < n {
			v = criteria.ValueDat
		}
		_, err := asvc.SaveValue(w.ctx, w.agency, assessment.ValueInput{AssessmentID: a.ID, IndicatorID: w.ind[code], Value: v})
		must(w.t, err)
	}
	var cur assessment.Assessment
	must(w.t, w.db.Where("id = ?", a.ID).Take(&cur).Error)
	_, err = asvc.Finalise(w.ctx, w.agency, a.ID, cur.Version, "")
	must(w.t, err)
}
