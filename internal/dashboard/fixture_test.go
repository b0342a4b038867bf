package dashboard_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"gorm.io/gorm"

	"chungsuc/internal/assessment"
	"chungsuc/internal/campaign"
	"chungsuc/internal/criteria"
	"chungsuc/internal/dashboard"
	"chungsuc/internal/locality"
	"chungsuc/internal/org"
	"chungsuc/internal/sponsor"
	"chungsuc/internal/store/storetest"
)

// world is a small agency built row by row with the model types, so that
// every figure has an answer worked out by hand (see the comments).
//
// Province "Tỉnh Một" (P):
//   - Huyện Một (D1, ended 2025-06-30, đạt chuẩn 2024), Huyện Hai (D2, ended
//     2025-06-30, no status), Huyện Cũ (ended 2019, outside the campaign).
//   - Xã Một C1 (D1): chưa đạt 2021, đạt chuẩn 2023.
//   - Xã Hai C2 (D1): đạt chuẩn 2022, nâng cao 2024.
//   - Xã Ba C3 (D2): đạt chuẩn 2021, nâng cao 2022, kiểu mẫu 2025.
//   - Xã Bốn C4 (D2, special difficulty): chưa đạt 2021 (đạt chuẩn 2026 is
//     after the as-of year).
//   - Xã Năm C5 (D2): no live status (a deleted one says đạt chuẩn 2022).
//   - Xã Sáu C6 (D2, special difficulty): đạt chuẩn 2021, ended 2025-06-30.
//   - Xã Bảy C7 (P, from 2025-07-01): đạt chuẩn 2025.
//   - Phường Một W1 (D1): đạt chuẩn (a phường, never counted).
//   - Xã Xóa (D1): deleted.
//
// Province "Tỉnh Hai" (P2): Xã Chín C9, nâng cao 2022.
//
// Villages: of C4 (special) V4a thôn đạt chuẩn 2023, V4b none, V4c đạt
// 2026; of C1 V1 đạt 2022 (not special), V1s flagged special, đạt 2024; of
// C6 (ended) V6 đạt 2022.
type world struct {
	t      testing.TB
	ctx    context.Context
	db     *gorm.DB
	svc    *dashboard.Service
	agency string
	camp   string
	old    string // the 2016–2020 campaign
	places map[string]string
	units  map[string]string
	crit   map[string]map[int]string // set id → criterion no → id
	setR1  string
	setR2  string
	target map[string]string // metric → target id
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func newWorld(t testing.TB) *world {
	t.Helper()
	oldToday, oldSponsor := dashboard.Today, sponsor.Today
	dashboard.Today = func() time.Time { return time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC) }
	sponsor.Today = dashboard.Today
	t.Cleanup(func() { dashboard.Today, sponsor.Today = oldToday, oldSponsor })
	ctx := context.Background()
	sdb := storetest.Open(t)
	w := &world{t: t, ctx: ctx, db: sdb.DB, svc: dashboard.NewService(sdb.DB), places: map[string]string{},
		units: map[string]string{}, crit: map[string]map[int]string{}, target: map[string]string{}}
	osvc := org.NewService(sdb.DB)
	a, err := osvc.SaveAgency(ctx, org.Agency{Name: "SỞ THỬ NGHIỆM", Abbrev: "STN", PlaceName: "Quảng Bình"})
	must(t, err)
	w.agency = a.ID

	// Units: three the plan obliges (phòng, đơn vị thuộc), one that is not.
	for _, u := range []struct{ key, name, kind string }{
		{"U1", "Phòng Một", org.KindPhong},
		{"U2", "Chi cục Hai", org.KindDonViThuoc},
		{"U3", "Công đoàn Sở", org.KindDoanThe},
		{"U4", "Phòng Bốn", org.KindPhong},
	} {
		saved, err := osvc.SaveUnit(ctx, a.ID, org.Unit{Name: u.name, Kind: u.kind, Active: true})
		must(t, err)
		w.units[u.key] = saved.ID
	}

	cs := campaign.NewService(sdb.DB)
	old, err := cs.Save(ctx, a.ID, campaign.Campaign{Name: "Giai đoạn trước", FromYear: 2016, ToYear: 2020,
		Targets: []campaign.Target{{Label: "Xã đạt chuẩn", Metric: dashboard.MetricCommunesNTM, Comparator: ">=", Value: 50, ValueUnit: "%"}}})
	must(t, err)
	w.old = old.ID
	five, seven := 5, 7
	c, err := cs.Save(ctx, a.ID, campaign.Campaign{Name: "Chung sức xây dựng nông thôn mới", FromYear: 2021, ToYear: 2025, Active: true,
		Targets: []campaign.Target{
			{Label: "Ít nhất 70% số xã đạt chuẩn NTM (5 xã)", Metric: dashboard.MetricCommunesNTM, Comparator: ">=", Value: 70, ValueUnit: "%", Count: &five, CountUnit: "xã"},
			{Label: "50% số xã đạt chuẩn NTM nâng cao", Metric: dashboard.MetricCommunesNTMAdvanced, Comparator: ">=", Value: 50, ValueUnit: "%"},
			{Label: "Có 1 xã NTM kiểu mẫu", Metric: dashboard.MetricCommunesNTMModel, Comparator: ">=", Value: 1, ValueUnit: "xã"},
			{Label: "Không còn xã dưới 3 tiêu chí", Metric: "communes_below_3", Comparator: "<=", Value: 0, ValueUnit: "xã"},
			{Label: "1 huyện đạt chuẩn", Metric: dashboard.MetricDistrictsNTM, Comparator: ">=", Value: 1, ValueUnit: "đơn vị"},
			{Label: "50% thôn của xã ĐBKK đạt chuẩn", Metric: dashboard.MetricVillagesNTMDBKK, Comparator: ">=", Value: 50, ValueUnit: "%", Count: &seven},
			{Label: "Chỉ tiêu lạ", Metric: "foo_bar", Comparator: ">=", Value: 3, ValueUnit: "xã"},
			{Label: "Theo dõi thủ công", Comparator: ">=", Value: 1},
		}})
	must(t, err)
	w.camp = c.ID
	for _, tg := range c.Targets {
		if tg.Metric != "" {
			w.target[tg.Metric] = tg.ID
		}
	}

	w.place("P", "Tỉnh Một", locality.KindTinh, "", nil)
	w.place("D1", "Huyện Một", locality.KindHuyen, "P", func(l *locality.Locality) { l.ValidTo = "2025-06-30" })
	w.place("D2", "Huyện Hai", locality.KindHuyen, "P", func(l *locality.Locality) { l.ValidTo = "2025-06-30" })
	w.place("D0", "Huyện Cũ", locality.KindHuyen, "P", func(l *locality.Locality) { l.ValidTo = "2019-12-31" })
	w.place("C1", "Xã Một", locality.KindXa, "D1", nil)
	w.place("C2", "Xã Hai", locality.KindXa, "D1", nil)
	w.place("C3", "Xã Ba", locality.KindXa, "D2", nil)
	w.place("C4", "Xã Bốn", locality.KindXa, "D2", func(l *locality.Locality) { l.SpecialDifficulty = true })
	w.place("C5", "Xã Năm", locality.KindXa, "D2", nil)
	w.place("C6", "Xã Sáu", locality.KindXa, "D2", func(l *locality.Locality) { l.SpecialDifficulty, l.ValidTo = true, "2025-06-30" })
	w.place("C7", "Xã Bảy", locality.KindXa, "P", func(l *locality.Locality) { l.ValidFrom = "2025-07-01" })
	w.place("W1", "Phường Một", locality.KindPhuong, "D1", nil)
	w.place("CX", "Xã Xóa", locality.KindXa, "D1", nil)
	must(t, w.db.Delete(&locality.Locality{}, "id = ?", w.places["CX"]).Error)
	w.place("P2", "Tỉnh Hai", locality.KindTinh, "", nil)
	w.place("C9", "Xã Chín", locality.KindXa, "P2", nil)
	w.place("V4a", "Thôn Bốn A", locality.KindThon, "C4", nil)
	w.place("V4b", "Thôn Bốn B", locality.KindThon, "C4", nil)
	w.place("V4c", "Thôn Bốn C", locality.KindThon, "C4", nil)
	w.place("V1", "Thôn Một", locality.KindThon, "C1", nil)
	w.place("V1s", "Bản Một", locality.KindBan, "C1", func(l *locality.Locality) { l.SpecialDifficulty = true })
	w.place("V6", "Thôn Sáu", locality.KindThon, "C6", func(l *locality.Locality) { l.SpecialDifficulty = true })

	const (
		cd = locality.NTMChuaDat
		dc = locality.NTMDatChuan
		nc = locality.NTMNangCao
		km = locality.NTMKieuMau
		th = locality.NTMThonDatChuan
	)
	for _, s := range []struct {
		key   string
		level string
		year  int
	}{
		{"D1", dc, 2024},
		{"C1", cd, 2021}, {"C1", dc, 2023},
		{"C2", dc, 2022}, {"C2", nc, 2024},
		{"C3", dc, 2021}, {"C3", nc, 2022}, {"C3", km, 2025},
		{"C4", cd, 2021}, {"C4", dc, 2026},
		{"C6", dc, 2021},
		{"C7", dc, 2025},
		{"W1", dc, 2022},
		{"CX", dc, 2022},
		{"C9", nc, 2022},
		{"V4a", th, 2023}, {"V4c", th, 2026}, {"V1", th, 2022}, {"V1s", th, 2024}, {"V6", th, 2022},
	} {
		w.status(s.key, s.level, s.year)
	}
	deleted := w.status("C5", dc, 2022)
	must(t, w.db.Delete(&locality.NTMStatus{}, "id = ?", deleted).Error)

	// Another agency's commune, at NTM level: never counted.
	other := org.Agency{Name: "SỞ KHÁC", Abbrev: "SK", PlaceName: "Huế"}
	must(t, w.db.Create(&other).Error)
	ol := locality.Locality{AgencyID: other.ID, Name: "Xã Khác", Kind: locality.KindXa}
	ol.Normalise()
	must(t, w.db.Create(&ol).Error)
	must(t, w.db.Create(&locality.NTMStatus{LocalityID: ol.ID, Level: dc, Year: 2022}).Error)

	w.sets()
	w.assessments()
	w.registrations()
	return w
}

func (w *world) place(key, name, kind, parent string, edit func(*locality.Locality)) {
	w.t.Helper()
	l := locality.Locality{AgencyID: w.agency, Name: name, Kind: kind, Region: "bac_trung_bo"}
	if parent != "" {
		id := w.places[parent]
		l.ParentID = &id
	}
	if edit != nil {
		edit(&l)
	}
	l.Normalise()
	must(w.t, w.db.Create(&l).Error)
	w.places[key] = l.ID
}

func (w *world) status(key, level string, year int) string {
	w.t.Helper()
	st := locality.NTMStatus{LocalityID: w.places[key], Level: level, Year: year}
	must(w.t, w.db.Create(&st).Error)
	return st.ID
}

// sets writes the criteria set "xa-test" in two revisions (4 criteria each;
// revision 2 is current and renames them) and "xa-khac", a set of the same
// phase without assessments, which the dashboard must not choose.
func (w *world) sets() {
	mk := func(code string, rev int, current bool, prev *string, prefix string) string {
		s := criteria.Set{AgencyID: w.agency, Code: code, Revision: rev, PreviousID: prev, Current: current,
			Name: "Bộ tiêu chí thử " + code, Target: criteria.TargetDatChuan, Scope: 3, Phase: "2021-2025",
			Dimension: criteria.DimensionRegion}
		must(w.t, w.db.Omit("Amendments", "Conditions", "Criteria").Create(&s).Error)
		w.crit[s.ID] = map[int]string{}
		for no := 1; no <= 4; no++ {
			c := criteria.Criterion{SetID: s.ID, No: no, Name: prefix + string(rune('0'+no)), SortOrder: no}
			must(w.t, w.db.Omit("Indicators").Create(&c).Error)
			w.crit[s.ID][no] = c.ID
		}
		return s.ID
	}
	w.setR1 = mk("xa-test", 1, false, nil, "Tiêu chí cũ ")
	w.setR2 = mk("xa-test", 2, true, &w.setR1, "Tiêu chí ")
	mk("xa-khac", 1, true, nil, "Khác ")
}

// assess writes an assessment with a result row for each criterion number
// in met (true = met); criteria not in met get no row.
func (w *world) assess(key, setID, date, status string, met map[int]bool) string {
	w.t.Helper()
	a := assessment.Assessment{AgencyID: w.agency, LocalityID: w.places[key], SetID: setID, Date: date,
		Year: year(date), Status: status, CriteriaTotal: 4}
	for _, m := range met {
		if m {
			a.CriteriaMet++
		}
	}
	if status == assessment.StatusFinal {
		now := time.Now()
		a.FinalisedAt = &now
	}
	must(w.t, w.db.Create(&a).Error)
	for no, m := range met {
		must(w.t, w.db.Create(&assessment.CriterionResult{AssessmentID: a.ID, CriterionID: w.crit[setID][no], Met: m,
			IndicatorsMet: map[bool]int{true: 1}[m], IndicatorsTotal: 1}).Error)
	}
	return a.ID
}

// assessments: the latest finalised one per commune at 2025-12-31 is
// C1 3/4, C2 4/4, C3 4/4 (revision 1), C4 1/4, C7 4/4; C5 and C9 have none.
func (w *world) assessments() {
	fin, draft := assessment.StatusFinal, assessment.StatusDraft
	all := map[int]bool{1: true, 2: true, 3: true, 4: true}
	w.assess("C1", w.setR1, "2024-05-01", fin, map[int]bool{1: true, 2: true, 3: false, 4: false})
	w.assess("C1", w.setR2, "2025-06-01", fin, map[int]bool{1: true, 2: true, 3: true, 4: false})
	w.assess("C2", w.setR2, "2025-03-01", fin, all)
	w.assess("C2", w.setR2, "2025-09-01", draft, map[int]bool{1: false, 2: false, 3: false, 4: false})
	w.assess("C3", w.setR1, "2023-01-01", fin, all)
	// C4: no row for criterion 4 (counts as not passed).
	w.assess("C4", w.setR2, "2025-02-01", fin, map[int]bool{1: true, 2: false, 3: false})
	gone := w.assess("C4", w.setR2, "2025-10-01", fin, all)
	must(w.t, w.db.Delete(&assessment.Assessment{}, "id = ?", gone).Error)
	w.assess("C5", w.setR2, "2025-04-01", assessment.StatusReopened, map[int]bool{1: true, 2: true, 3: false, 4: false})
	w.assess("C6", w.setR1, "2024-01-01", fin, map[int]bool{1: true, 2: true, 3: false, 4: false})
	w.assess("C7", w.setR2, "2025-09-01", fin, all)
	w.assess("W1", w.setR2, "2025-05-01", fin, map[int]bool{1: true, 2: false, 3: false, 4: false})
}

// registrations: U1 → C1 and a village of C4; U2 → C3 (and a cancelled one
// for C2); U3 (not obliged) → C7, and C5 for the old campaign; U4 cancelled.
func (w *world) registrations() {
	reg := func(unit, place, status string, camp *string) {
		r := sponsor.Registration{AgencyID: w.agency, UnitID: w.units[unit], LocalityID: w.places[place], CampaignID: camp,
			FromDate: "2022-01-01", Content: "Hỗ trợ", Status: status}
		must(w.t, w.db.Create(&r).Error)
	}
	reg("U1", "C1", sponsor.StatusDangThucHien, &w.camp)
	reg("U1", "V4a", sponsor.StatusDangKy, nil)
	reg("U2", "C2", sponsor.StatusHuy, &w.camp)
	reg("U2", "C3", sponsor.StatusDangThucHien, &w.camp)
	reg("U3", "C7", sponsor.StatusDangKy, &w.camp)
	reg("U3", "C5", sponsor.StatusDangKy, &w.old)
	reg("U4", "C9", sponsor.StatusHuy, nil)
}

func year(date string) int {
	y, _ := strconv.Atoi(date[:4])
	return y
}
