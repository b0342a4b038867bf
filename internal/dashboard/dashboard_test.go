package dashboard_test

import (
	"errors"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"chungsuc/internal/campaign"
	"chungsuc/internal/dashboard"
	"chungsuc/internal/fault"
	"chungsuc/internal/store/storetest"
)

func boolp(b bool) *bool { return &b }

func metStr(m *bool) string {
	if m == nil {
		return "nil"
	}
	return strconv.FormatBool(*m)
}

type wantFigure struct {
	metric             string
	count, denominator int
	actual             float64
	met                *bool
	known              bool
	unassessed         int
	note               string
}

func checkFigures(t *testing.T, got []dashboard.TargetFigure, want []wantFigure) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d figures, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.Metric != w.metric || g.Count != w.count || g.Denominator != w.denominator || g.Actual != w.actual ||
			metStr(g.Met) != metStr(w.met) || g.Known != w.known || g.Unassessed != w.unassessed || g.NoteKey != w.note {
			t.Errorf("figure %d (%s): got count %d/%d actual %v met %s known %v unassessed %d note %q; want %+v (met %s)",
				i, g.Metric, g.Count, g.Denominator, g.Actual, metStr(g.Met), g.Known, g.Unassessed, g.NoteKey, w, metStr(w.met))
		}
	}
}

func TestCompute(t *testing.T) {
	t.Logf("database: %s", storetest.Describe())
	w := newWorld(t)
	var steps []int
	d, err := w.svc.Compute(w.ctx, w.agency, dashboard.Query{}, func(step, n int) {
		if n != dashboard.Steps {
			t.Errorf("steps = %d", n)
		}
		steps = append(steps, step)
	})
	must(t, err)
	if !reflect.DeepEqual(steps, []int{1, 2, 3, 4, 5, 6, 7}) {
		t.Errorf("progress steps %v", steps)
	}
	if d.Campaign.ID != w.camp || d.Campaign.Period != "2021 - 2025" || d.AsOf != "2025-12-31" {
		t.Errorf("campaign %+v as of %s", d.Campaign, d.AsOf)
	}
	// xa-khac qualifies too but has no assessment; the current revision of xa-test is used.
	if d.SetCode != "xa-test" || d.Set.ID != w.setR2 || d.Set.Confirmed {
		t.Errorf("set %q %+v", d.SetCode, d.Set)
	}
	if d.Communes != 7 {
		t.Errorf("communes %d, want 7", d.Communes)
	}
	checkFigures(t, d.Targets, []wantFigure{
		{metric: "communes_ntm", count: 5, denominator: 7, actual: 71.4, met: boolp(true), known: true},
		{metric: "communes_ntm_advanced", count: 3, denominator: 7, actual: 42.9, met: boolp(false), known: true},
		{metric: "communes_ntm_model", count: 1, denominator: 7, actual: 1, met: boolp(true), known: true},
		{metric: "communes_below_3", count: 1, denominator: 5, actual: 1, met: boolp(false), known: true, unassessed: 2,
			note: "dashboard.note.unassessed"},
		{metric: "districts_ntm", count: 1, denominator: 2, actual: 1, met: boolp(true), known: true, note: "dashboard.note.districtsEnded"},
		{metric: "villages_ntm_dbkk", count: 2, denominator: 4, actual: 50, met: boolp(true), known: true},
		{metric: "foo_bar"},
		{metric: ""},
	})
	if d.Targets[0].TargetCount == nil || *d.Targets[0].TargetCount != 5 || d.Targets[0].Label != "Ít nhất 70% số xã đạt chuẩn NTM (5 xã)" ||
		d.Targets[0].DrillMetric != "communes_ntm" || d.Targets[6].DrillMetric != "" || d.Targets[0].TargetID != w.target["communes_ntm"] {
		t.Errorf("target fields %+v / %+v", d.Targets[0], d.Targets[6])
	}
	if d.Sponsoring == nil || d.Sponsoring.Count != 2 || d.Sponsoring.Denominator != 3 || metStr(d.Sponsoring.Met) != "false" ||
		d.Sponsoring.DrillMetric != dashboard.MetricUnitsSponsoring {
		t.Errorf("sponsoring %+v", d.Sponsoring)
	}
	if d.Sponsorship.UnitsTotal != 3 || d.Sponsorship.UnitsCompliant != 2 || d.Sponsorship.ReferenceDate != "2025-12-31" {
		t.Errorf("sponsorship %+v", d.Sponsorship)
	}
	wantPass := []dashboard.CriterionPass{
		{No: 1, Name: "Tiêu chí 1", Passed: 5, Assessed: 5, Rate: 100},
		{No: 2, Name: "Tiêu chí 2", Passed: 4, Assessed: 5, Rate: 80},
		{No: 3, Name: "Tiêu chí 3", Passed: 4, Assessed: 5, Rate: 80},
		{No: 4, Name: "Tiêu chí 4", Passed: 3, Assessed: 5, Rate: 60},
	}
	if !reflect.DeepEqual(d.CriteriaPass, wantPass) {
		t.Errorf("criteria pass\n got %+v\nwant %+v", d.CriteriaPass, wantPass)
	}
	units := map[string]dashboard.UnitProgress{}
	for _, u := range d.Units {
		units[u.UnitID] = u
	}
	wantUnits := map[string]dashboard.UnitProgress{
		w.units["U1"]: {UnitID: w.units["U1"], UnitName: "Phòng Một", Communes: 2, CommunesNTM: 1, Assessed: 2, AvgCriteria: 2},
		w.units["U2"]: {UnitID: w.units["U2"], UnitName: "Chi cục Hai", Communes: 1, CommunesNTM: 1, Assessed: 1, AvgCriteria: 4},
		w.units["U3"]: {UnitID: w.units["U3"], UnitName: "Công đoàn Sở", Communes: 1, CommunesNTM: 1, Assessed: 1, AvgCriteria: 4},
	}
	if len(d.Units) != 3 || !reflect.DeepEqual(units, wantUnits) {
		t.Errorf("units %+v", d.Units)
	}
	wantTrend := []dashboard.YearPoint{
		{Year: 2021, Date: "2021-12-31", Communes: 7, NTM: 2},
		{Year: 2022, Date: "2022-12-31", Communes: 7, NTM: 4, NangCao: 2},
		{Year: 2023, Date: "2023-12-31", Communes: 7, NTM: 5, NangCao: 2, Assessed: 1, AvgCriteria: 4},
		{Year: 2024, Date: "2024-12-31", Communes: 7, NTM: 5, NangCao: 3, Assessed: 3, AvgCriteria: 2.67},
		{Year: 2025, Date: "2025-12-31", Communes: 7, NTM: 5, NangCao: 3, KieuMau: 1, Assessed: 5, AvgCriteria: 3.2},
	}
	if !reflect.DeepEqual(d.Trend, wantTrend) {
		t.Errorf("trend\n got %+v\nwant %+v", d.Trend, wantTrend)
	}

	// The hand-written baseline agrees with the figure.
	ntm, communes, err := dashboard.BaselineNTMCount(w.ctx, w.db, w.agency, d.AsOf)
	must(t, err)
	if ntm != 5 || communes != 7 {
		t.Errorf("baseline %d/%d, want 5/7", ntm, communes)
	}
}

func TestComputeAsOfAndProvince(t *testing.T) {
	w := newWorld(t)
	d, err := w.svc.Compute(w.ctx, w.agency, dashboard.Query{AsOf: "2025-04-30"}, nil)
	must(t, err)
	checkFigures(t, d.Targets[:6], []wantFigure{
		{metric: "communes_ntm", count: 5, denominator: 7, actual: 71.4, met: boolp(true), known: true},
		{metric: "communes_ntm_advanced", count: 3, denominator: 7, actual: 42.9, met: boolp(false), known: true},
		{metric: "communes_ntm_model", count: 1, denominator: 7, actual: 1, met: boolp(true), known: true},
		{metric: "communes_below_3", count: 3, denominator: 5, actual: 3, met: boolp(false), known: true, unassessed: 2,
			note: "dashboard.note.unassessed"},
		{metric: "districts_ntm", count: 1, denominator: 2, actual: 1, met: boolp(true), known: true},
		{metric: "villages_ntm_dbkk", count: 3, denominator: 5, actual: 60, met: boolp(true), known: true},
	})
	if n := len(d.Trend); n != 5 || d.Trend[4].Date != "2025-04-30" {
		t.Errorf("trend %+v", d.Trend)
	}
	ntm, communes, err := dashboard.BaselineNTMCount(w.ctx, w.db, w.agency, "2025-04-30")
	must(t, err)
	if ntm != 5 || communes != 7 {
		t.Errorf("baseline %d/%d", ntm, communes)
	}

	d, err = w.svc.Compute(w.ctx, w.agency, dashboard.Query{ProvinceID: w.places["P"]}, nil)
	must(t, err)
	if d.Province != "Tỉnh Một" || d.Communes != 6 {
		t.Errorf("province %q communes %d", d.Province, d.Communes)
	}
	checkFigures(t, d.Targets[:6], []wantFigure{
		{metric: "communes_ntm", count: 4, denominator: 6, actual: 66.7, met: boolp(false), known: true},
		{metric: "communes_ntm_advanced", count: 2, denominator: 6, actual: 33.3, met: boolp(false), known: true},
		{metric: "communes_ntm_model", count: 1, denominator: 6, actual: 1, met: boolp(true), known: true},
		{metric: "communes_below_3", count: 1, denominator: 5, actual: 1, met: boolp(false), known: true, unassessed: 1,
			note: "dashboard.note.unassessed"},
		{metric: "districts_ntm", count: 1, denominator: 2, actual: 1, met: boolp(true), known: true, note: "dashboard.note.districtsEnded"},
		{metric: "villages_ntm_dbkk", count: 2, denominator: 4, actual: 50, met: boolp(true), known: true},
	})
	d, err = w.svc.Compute(w.ctx, w.agency, dashboard.Query{ProvinceID: w.places["P2"]}, nil)
	must(t, err)
	checkFigures(t, d.Targets[:6], []wantFigure{
		{metric: "communes_ntm", count: 1, denominator: 1, actual: 100, met: boolp(true), known: true},
		{metric: "communes_ntm_advanced", count: 1, denominator: 1, actual: 100, met: boolp(true), known: true},
		{metric: "communes_ntm_model", count: 0, denominator: 1, actual: 0, met: boolp(false), known: true},
		{metric: "communes_below_3", count: 0, denominator: 0, actual: 0, met: nil, known: true, unassessed: 1,
			note: "dashboard.note.unassessed"},
		{metric: "districts_ntm", count: 0, denominator: 0, actual: 0, met: boolp(false), known: true},
		{metric: "villages_ntm_dbkk", count: 0, denominator: 0, actual: 0, met: nil, known: true},
	})
	if len(d.CriteriaPass) != 0 {
		t.Errorf("criteria pass without assessments: %+v", d.CriteriaPass)
	}

	// Bad inputs.
	if _, err := w.svc.Compute(w.ctx, w.agency, dashboard.Query{AsOf: "31/12/2025"}, nil); !errors.Is(err, fault.ErrInvalid) {
		t.Errorf("bad date: %v", err)
	}
	if _, err := w.svc.Compute(w.ctx, w.agency, dashboard.Query{ProvinceID: "nope"}, nil); !errors.Is(err, fault.ErrNotFound) {
		t.Errorf("bad province: %v", err)
	}
	if _, err := w.svc.Compute(w.ctx, w.agency, dashboard.Query{SetCode: "nope"}, nil); !errors.Is(err, fault.ErrNotFound) {
		t.Errorf("bad set: %v", err)
	}
	// Another agency has no active campaign.
	if _, err := w.svc.Compute(w.ctx, "other", dashboard.Query{}, nil); !errors.Is(err, fault.ErrNotFound) {
		t.Errorf("no campaign: %v", err)
	}
	// An explicit set code: xa-khac has no assessment.
	d, err = w.svc.Compute(w.ctx, w.agency, dashboard.Query{SetCode: "xa-khac"}, nil)
	must(t, err)
	if d.SetCode != "xa-khac" || d.Targets[3].Count != 0 || d.Targets[3].Denominator != 0 || d.Targets[3].Unassessed != 7 || d.Targets[3].Met != nil {
		t.Errorf("xa-khac: %+v", d.Targets[3])
	}
}

func TestComputeOldCampaignWithoutSet(t *testing.T) {
	w := newWorld(t)
	d, err := w.svc.Compute(w.ctx, w.agency, dashboard.Query{CampaignID: w.old}, nil)
	must(t, err)
	if d.SetCode != "" || d.AsOf != "2020-12-31" || len(d.CriteriaPass) != 0 || len(d.Trend) != 5 {
		t.Errorf("old campaign: set %q as of %s pass %v trend %d", d.SetCode, d.AsOf, d.CriteriaPass, len(d.Trend))
	}
	checkFigures(t, d.Targets, []wantFigure{
		{metric: "communes_ntm", count: 0, denominator: 7, actual: 0, met: boolp(false), known: true},
	})
}

// The targets are read from the campaign record: changing a row changes the figure.
func TestTargetsComeFromTheCampaignRecord(t *testing.T) {
	w := newWorld(t)
	must(t, w.db.Model(&campaign.Target{}).Where("id = ?", w.target["communes_ntm"]).
		Updates(map[string]any{"value": 80, "label": "Ít nhất 80% số xã"}).Error)
	must(t, w.db.Model(&campaign.Target{}).Where("id = ?", w.target["foo_bar"]).
		Updates(map[string]any{"metric": dashboard.MetricUnitsSponsoring, "value": 100, "value_unit": "%"}).Error)
	d, err := w.svc.Compute(w.ctx, w.agency, dashboard.Query{}, nil)
	must(t, err)
	if f := d.Targets[0]; f.Label != "Ít nhất 80% số xã" || f.Value != 80 || metStr(f.Met) != "false" || f.Actual != 71.4 {
		t.Errorf("changed target: %+v", f)
	}
	if f := d.Targets[6]; !f.Known || f.Count != 2 || f.Denominator != 3 || f.Actual != 66.7 || metStr(f.Met) != "false" {
		t.Errorf("units_sponsoring target: %+v", f)
	}
	if d.Sponsoring != nil {
		t.Errorf("separate sponsoring figure while a target uses it: %+v", d.Sponsoring)
	}
	// A deleted target disappears.
	must(t, w.db.Delete(&campaign.Target{}, "id = ?", w.target["communes_ntm_model"]).Error)
	d, err = w.svc.Compute(w.ctx, w.agency, dashboard.Query{}, nil)
	must(t, err)
	if len(d.Targets) != 7 {
		t.Errorf("%d targets after deleting one", len(d.Targets))
	}
}

func drillTotal(t *testing.T, w *world, q dashboard.DrillQuery) int {
	t.Helper()
	p, err := w.svc.Drill(w.ctx, w.agency, q)
	if err != nil {
		t.Fatalf("drill %+v: %v", q, err)
	}
	if int64(len(p.Items)) > p.Total {
		t.Fatalf("drill %+v: %d items, total %d", q, len(p.Items), p.Total)
	}
	// Walk every page: the rows add up to the total, without repeats.
	seen := map[string]bool{}
	for page := 1; ; page++ {
		q.Page, q.PageSize = page, 2
		p, err := w.svc.Drill(w.ctx, w.agency, q)
		must(t, err)
		for _, r := range p.Items {
			id := r.LocalityID + r.UnitID
			if seen[id] {
				t.Fatalf("drill %+v: %s twice", q, r.Name)
			}
			seen[id] = true
		}
		if len(p.Items) < 2 {
			break
		}
	}
	if int64(len(seen)) != p.Total {
		t.Fatalf("drill %+v: pages hold %d rows, total %d", q, len(seen), p.Total)
	}
	return int(p.Total)
}

func TestDrillTotalsEqualFigures(t *testing.T) {
	w := newWorld(t)
	for _, q := range []dashboard.Query{{}, {AsOf: "2025-04-30"}, {ProvinceID: "P"}, {CampaignID: "old"}} {
		if q.ProvinceID != "" {
			q.ProvinceID = w.places[q.ProvinceID]
		}
		if q.CampaignID != "" {
			q.CampaignID = w.old
		}
		d, err := w.svc.Compute(w.ctx, w.agency, q, nil)
		must(t, err)
		figs := append([]dashboard.TargetFigure(nil), d.Targets...)
		if d.Sponsoring != nil {
			figs = append(figs, *d.Sponsoring)
		}
		for _, f := range figs {
			if f.DrillMetric == "" {
				continue
			}
			if n := drillTotal(t, w, dashboard.DrillQuery{Query: q, Metric: f.DrillMetric}); n != f.Count {
				t.Errorf("%+v %s: drill %d, figure %d", q, f.Metric, n, f.Count)
			}
		}
		if n := drillTotal(t, w, dashboard.DrillQuery{Query: q, Metric: dashboard.MetricCommunes}); n != d.Communes {
			t.Errorf("%+v communes: drill %d, figure %d", q, n, d.Communes)
		}
		for _, c := range d.CriteriaPass {
			if n := drillTotal(t, w, dashboard.DrillQuery{Query: q, CriterionNo: c.No, Passed: true}); n != c.Passed {
				t.Errorf("%+v criterion %d passed: drill %d, figure %d", q, c.No, n, c.Passed)
			}
			if n := drillTotal(t, w, dashboard.DrillQuery{Query: q, CriterionNo: c.No}); n != c.Assessed-c.Passed {
				t.Errorf("%+v criterion %d not passed: drill %d, figure %d", q, c.No, n, c.Assessed-c.Passed)
			}
		}
		for _, u := range d.Units {
			if n := drillTotal(t, w, dashboard.DrillQuery{Query: q, UnitID: u.UnitID}); n != u.Communes {
				t.Errorf("%+v unit %s: drill %d, figure %d", q, u.UnitName, n, u.Communes)
			}
			if n := drillTotal(t, w, dashboard.DrillQuery{Query: q, UnitID: u.UnitID, Metric: dashboard.MetricCommunesNTM}); n != u.CommunesNTM {
				t.Errorf("%+v unit %s NTM: drill %d, figure %d", q, u.UnitName, n, u.CommunesNTM)
			}
			if n := drillTotal(t, w, dashboard.DrillQuery{Query: q, UnitID: u.UnitID, Metric: dashboard.MetricCommunesAssessed}); n != u.Assessed {
				t.Errorf("%+v unit %s assessed: drill %d, figure %d", q, u.UnitName, n, u.Assessed)
			}
		}
		for _, y := range d.Trend {
			for metric, want := range map[string]int{"": y.NTM, dashboard.MetricCommunesNTMAdvanced: y.NangCao,
				dashboard.MetricCommunesNTMModel: y.KieuMau, dashboard.MetricCommunesAssessed: y.Assessed, dashboard.MetricCommunes: y.Communes} {
				if n := drillTotal(t, w, dashboard.DrillQuery{Query: q, Year: y.Year, Metric: metric}); n != want {
					t.Errorf("%+v year %d %q: drill %d, figure %d", q, y.Year, metric, n, want)
				}
			}
		}
	}
}

func TestDrillRows(t *testing.T) {
	w := newWorld(t)
	p, err := w.svc.Drill(w.ctx, w.agency, dashboard.DrillQuery{Metric: dashboard.MetricCommunesNTM, Search: "xa mot"})
	must(t, err)
	want := dashboard.DrillRow{LocalityID: w.places["C1"], Name: "Xã Một", Path: "Xã Một, Huyện Một, Tỉnh Một", Kind: "xa",
		Level: "dat_chuan", LevelYear: 2023, AssessmentID: p.Items[0].AssessmentID, AssessmentDate: "2025-06-01", CriteriaMet: 3, CriteriaTotal: 4}
	if p.Total != 1 || len(p.Items) != 1 || p.Items[0] != want || p.Items[0].AssessmentID == "" || p.RowKind != dashboard.RowLocality {
		t.Fatalf("search: %+v", p)
	}
	// Default order by name; paging.
	p, err = w.svc.Drill(w.ctx, w.agency, dashboard.DrillQuery{Metric: dashboard.MetricCommunes, PageSize: 3})
	must(t, err)
	var names []string
	for _, r := range p.Items {
		names = append(names, r.Name)
	}
	if p.Total != 7 || p.PageSize != 3 || !reflect.DeepEqual(names, []string{"Xã Ba", "Xã Bảy", "Xã Bốn"}) {
		t.Errorf("page 1: %d %v", p.Total, names)
	}
	p, err = w.svc.Drill(w.ctx, w.agency, dashboard.DrillQuery{Metric: dashboard.MetricCommunes, PageSize: 3, Page: 3})
	must(t, err)
	if len(p.Items) != 1 || p.Items[0].Name != "Xã Năm" || p.Items[0].Level != "" || p.Items[0].AssessmentID != "" {
		t.Errorf("page 3: %+v", p.Items)
	}
	// Sorted by criteria met, descending: the unassessed last.
	p, err = w.svc.Drill(w.ctx, w.agency, dashboard.DrillQuery{Metric: dashboard.MetricCommunes, SortBy: "criteriaMet", Desc: true, PageSize: 10})
	must(t, err)
	if p.Items[0].CriteriaMet != 4 || p.Items[6].AssessmentID != "" || p.Items[4].Name != "Xã Bốn" {
		t.Errorf("by criteria met: %+v", p.Items)
	}
	// The criterion not passed: 4 → Xã Một (not met) and Xã Bốn (no result row).
	p, err = w.svc.Drill(w.ctx, w.agency, dashboard.DrillQuery{CriterionNo: 4})
	must(t, err)
	if p.Total != 2 || p.Items[0].Name != "Xã Bốn" || p.Items[1].Name != "Xã Một" {
		t.Errorf("criterion 4 not passed: %+v", p.Items)
	}
	// Units complying.
	p, err = w.svc.Drill(w.ctx, w.agency, dashboard.DrillQuery{Metric: dashboard.MetricUnitsSponsoring, SortBy: "name"})
	must(t, err)
	if p.RowKind != dashboard.RowUnit || p.Total != 2 || p.Items[0].Name != "Chi cục Hai" || p.Items[1].UnitID != w.units["U1"] {
		t.Errorf("units: %+v", p)
	}
	// Villages and districts.
	p, err = w.svc.Drill(w.ctx, w.agency, dashboard.DrillQuery{Metric: dashboard.MetricVillagesNTMDBKK})
	must(t, err)
	if p.Total != 2 || p.Items[0].Name != "Bản Một" || p.Items[0].Level != "thon_dat_chuan" || p.Items[0].LevelYear != 2024 ||
		p.Items[1].Path != "Thôn Bốn A, Xã Bốn, Huyện Hai, Tỉnh Một" {
		t.Errorf("villages: %+v", p.Items)
	}
	// A year of the trend: 2022.
	p, err = w.svc.Drill(w.ctx, w.agency, dashboard.DrillQuery{Year: 2022})
	must(t, err)
	if p.Total != 4 || p.AsOf != "2022-12-31" || p.Metric != dashboard.MetricCommunesNTM {
		t.Errorf("year 2022: %+v", p)
	}

	// Refusals.
	for _, q := range []dashboard.DrillQuery{
		{Metric: "foo_bar"}, {Metric: "communes_below_x"}, {Year: 2030}, {Year: 2020},
		{Metric: dashboard.MetricDistrictsNTM, CriterionNo: 1}, {Metric: dashboard.MetricUnitsSponsoring, UnitID: "x"},
	} {
		if _, err := w.svc.Drill(w.ctx, w.agency, q); !errors.Is(err, fault.ErrInvalid) {
			t.Errorf("drill %+v: %v", q, err)
		}
	}
}

func TestExport(t *testing.T) {
	w := newWorld(t)
	path := filepath.Join(t.TempDir(), "tong-quan.xlsx")
	must(t, w.svc.ExportTo(w.ctx, w.agency, dashboard.Query{}, path))
	f, err := excelize.OpenFile(path)
	must(t, err)
	defer f.Close()
	if got := f.GetSheetList(); !reflect.DeepEqual(got, []string{dashboard.SheetTargets, dashboard.SheetCriteria, dashboard.SheetUnits, dashboard.SheetYears}) {
		t.Fatalf("sheets %v", got)
	}
	cell := func(sheet, ref string) string {
		v, err := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
		must(t, err)
		return v
	}
	numeric := func(sheet, ref string, want float64) {
		t.Helper()
		typ, err := f.GetCellType(sheet, ref)
		must(t, err)
		v, err := strconv.ParseFloat(cell(sheet, ref), 64)
		if err != nil || v != want || (typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset) {
			t.Errorf("%s!%s = %q (type %v), want the number %v", sheet, ref, cell(sheet, ref), typ, want)
		}
	}
	h := dashboard.HeaderRow
	if cell(dashboard.SheetTargets, "B"+strconv.Itoa(h)) != "Chỉ tiêu" || cell(dashboard.SheetTargets, "B"+strconv.Itoa(h+1)) != "Ít nhất 70% số xã đạt chuẩn NTM (5 xã)" {
		t.Errorf("targets sheet header/first row")
	}
	r := strconv.Itoa(h + 1)
	numeric(dashboard.SheetTargets, "H"+r, 71.4) // actual
	numeric(dashboard.SheetTargets, "I"+r, 5)    // count
	numeric(dashboard.SheetTargets, "J"+r, 7)    // denominator
	if cell(dashboard.SheetTargets, "M"+r) != "Đạt" || cell(dashboard.SheetTargets, "M"+strconv.Itoa(h+2)) != "Chưa đạt" ||
		cell(dashboard.SheetTargets, "M"+strconv.Itoa(h+7)) != "—" {
		t.Errorf("result column")
	}
	// 8 targets + the sponsoring rule.
	if rows, _ := f.GetRows(dashboard.SheetTargets); len(rows) != h+9 {
		t.Errorf("%d target rows", len(rows)-h)
	}
	numeric(dashboard.SheetCriteria, "C"+strconv.Itoa(h+4), 3)
	numeric(dashboard.SheetCriteria, "E"+strconv.Itoa(h+4), 60)
	numeric(dashboard.SheetYears, "A"+strconv.Itoa(h+5), 2025)
	numeric(dashboard.SheetYears, "I"+strconv.Itoa(h+5), 3.2)
	if rows, _ := f.GetRows(dashboard.SheetUnits); len(rows) != h+3 {
		t.Errorf("%d unit rows", len(rows)-h)
	}
	for _, s := range f.GetSheetList() {
		p, err := f.GetPanes(s)
		must(t, err)
		if !p.Freeze || p.YSplit != h {
			t.Errorf("%s: panes %+v", s, p)
		}
	}
	// An unwritable place is refused with the export key.
	err = w.svc.ExportTo(w.ctx, w.agency, dashboard.Query{}, filepath.Join(t.TempDir(), "no", "such", "dir.xlsx"))
	if fe, ok := fault.As(err); !ok || fe.Key != "errors.dashboard.exportWrite" {
		t.Errorf("bad path: %v", err)
	}
}
