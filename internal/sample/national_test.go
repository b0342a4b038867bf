package sample_test

import (
	"context"
	"testing"

	"chungsuc/internal/assessment"
	"chungsuc/internal/campaign"
	"chungsuc/internal/criteria"
	"chungsuc/internal/fault"
	"chungsuc/internal/locality"
	"chungsuc/internal/org"
	"chungsuc/internal/sample"
	"chungsuc/internal/store/storetest"
)

// tinyScale gives one province, one district and 21 xã.
const tinyScale = 0.002

func TestParseScale(t *testing.T) {
	for _, c := range []struct {
		in   string
		want float64
		ok   bool
	}{
		{"national", 1, true}, {"NATIONAL", 1, true}, {"1", 1, true}, {"0.1", 0.1, true}, {"0,5", 0.5, true},
		{" 2 ", 2, true}, {"4", 4, true}, {"0", 0, false}, {"-1", 0, false}, {"4.5", 0, false},
		{"abc", 0, false}, {"", 0, false}, {"NaN", 0, false}, {"Inf", 0, false},
	} {
		got, err := sample.ParseScale(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("ParseScale(%q) = %v, %v", c.in, got, err)
		}
		if err != nil {
			if fe, ok := fault.As(err); !ok || fe.Key != "errors.sample.badScale" {
				t.Errorf("ParseScale(%q) error %v", c.in, err)
			}
		}
	}
}

func TestLoadNationalTiny(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	var stages []string
	res, err := sample.LoadNational(ctx, db, sample.NationalOptions{Scale: tinyScale, Progress: func(stage string, done, total int) {
		if done > total || total <= 0 {
			t.Errorf("progress %s %d/%d", stage, done, total)
		}
		if done == total {
			stages = append(stages, stage)
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Provinces != 1 || res.Districts != 1 || res.Communes != 21 || res.Villages != 105 || res.Assessments != 105 ||
		res.Values != 105*57 || res.CriterionRows != 105*19 || res.Units == 0 || res.Registrations == 0 {
		t.Fatalf("result %+v", res)
	}
	if len(stages) != 4 {
		t.Fatalf("progress stages %v", stages)
	}
	count := func(q string, args ...any) int {
		t.Helper()
		var n int64
		if err := db.Raw(q, args...).Scan(&n).Error; err != nil {
			t.Fatal(err)
		}
		return int(n)
	}
	if n := count("SELECT COUNT(*) FROM localities WHERE agency_id = ? AND sample = ? AND level = 3 AND kind = 'xa'", res.AgencyID, true); n != 21 {
		t.Fatalf("%d communes", n)
	}
	if n := count("SELECT COUNT(*) FROM localities WHERE agency_id = ? AND sample = ?", res.AgencyID, false); n != 0 {
		t.Fatalf("%d localities not marked sample", n)
	}
	if n := count("SELECT COUNT(*) FROM assessment_values"); n != res.Values {
		t.Fatalf("%d values", n)
	}
	if n := count("SELECT COUNT(*) FROM assessment_criteria"); n != res.CriterionRows {
		t.Fatalf("%d criterion rows", n)
	}
	// The set: 19 criteria × 3 indicators, unconfirmed, sample.
	var set criteria.Set
	if err := db.Where("agency_id = ? AND code = ?", res.AgencyID, sample.NationalSetCode).
		Preload("Criteria.Indicators.Thresholds").Take(&set).Error; err != nil {
		t.Fatal(err)
	}
	inds := 0
	for _, c := range set.Criteria {
		inds += len(c.Indicators)
	}
	if len(set.Criteria) != 19 || inds != 57 || set.Confirmed || !set.Sample || !set.Current || set.Phase != "2021-2025" ||
		set.Target != criteria.TargetDatChuan || set.Scope != 3 {
		t.Fatalf("set %+v with %d criteria, %d indicators", set, len(set.Criteria), inds)
	}
	// The campaign is active and its targets use the dashboard metrics.
	c, err := campaign.NewService(db.DB).Active(ctx, res.AgencyID)
	if err != nil {
		t.Fatal(err)
	}
	metrics := map[string]bool{}
	for _, tg := range c.Targets {
		metrics[tg.Metric] = true
	}
	for _, m := range []string{"communes_ntm", "communes_ntm_advanced", "communes_ntm_model", "communes_below_15", "villages_ntm_dbkk"} {
		if !metrics[m] {
			t.Errorf("no target uses %s", m)
		}
	}
	// Every xã assessed once a year, consistent with its NTM history.
	var list []assessment.Assessment
	if err := db.Where("agency_id = ?", res.AgencyID).Order("locality_id, year").Find(&list).Error; err != nil {
		t.Fatal(err)
	}
	level := levelsByYear(t, db)
	years := map[string]int{}
	for _, a := range list {
		years[a.LocalityID]++
		if a.Status != assessment.StatusFinal || !a.Sample || a.FinalisedAt == nil || a.SetID != set.ID || a.CriteriaTotal != 19 || a.IndicatorsDone != 57 {
			t.Fatalf("assessment %+v", a)
		}
		if ntm := level(a.LocalityID, a.Year) != locality.NTMChuaDat; ntm != (a.CriteriaMet == 19) {
			t.Fatalf("%s in %d: level %s, %d criteria met", a.LocalityID, a.Year, level(a.LocalityID, a.Year), a.CriteriaMet)
		}
	}
	if len(years) != 21 {
		t.Fatalf("%d communes assessed", len(years))
	}
	for id, n := range years {
		if n != 5 {
			t.Fatalf("%s assessed %d times", id, n)
		}
	}
	checkAssessments(t, db, res.AgencyID, list, true)

	// Asked again: refused, unless forced.
	if _, err := sample.LoadNational(ctx, db, sample.NationalOptions{Scale: tinyScale}); !isKey(err, "errors.sample.nationalExists") {
		t.Fatalf("second national load: %v", err)
	}
	if _, err := sample.LoadNational(ctx, db, sample.NationalOptions{Scale: tinyScale, Force: true}); err != nil {
		t.Fatalf("forced second load: %v", err)
	}
	if n := count("SELECT COUNT(*) FROM agencies"); n != 2 {
		t.Fatalf("%d agencies", n)
	}
}

func isKey(err error, key string) bool {
	fe, ok := fault.As(err)
	return ok && fe.Key == key
}

func TestLoadNationalRefusesRealData(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	if _, err := sample.LoadNational(ctx, db, sample.NationalOptions{Scale: 0}); !isKey(err, "errors.sample.badScale") {
		t.Fatalf("scale 0: %v", err)
	}
	if _, err := org.NewService(db.DB).SaveAgency(ctx, org.Agency{Name: "SỞ THẬT", Abbrev: "ST", PlaceName: "Huế"}); err != nil {
		t.Fatal(err)
	}
	if _, err := sample.LoadNational(ctx, db, sample.NationalOptions{Scale: tinyScale}); !isKey(err, "errors.sample.notSample") {
		t.Fatalf("database with real data: %v", err)
	}
	var n int64
	if err := db.Model(&locality.Locality{}).Count(&n).Error; err != nil || n != 0 {
		t.Fatalf("refused load wrote %d localities (%v)", n, err)
	}
	if _, err := sample.LoadNational(ctx, db, sample.NationalOptions{Scale: tinyScale, Force: true}); err != nil {
		t.Fatalf("forced: %v", err)
	}
}

func TestLoadNationalBesideSample(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	ag, err := sample.Load(ctx, db, false)
	if err != nil {
		t.Fatal(err)
	}
	res, err := sample.LoadNational(ctx, db, sample.NationalOptions{Scale: tinyScale})
	if err != nil {
		t.Fatalf("national beside the sample: %v", err)
	}
	// The sample agency stays the current one and keeps its own set.
	cur, err := org.NewService(db.DB).CurrentAgency(ctx)
	if err != nil || cur.ID != ag.ID || res.AgencyID == ag.ID {
		t.Fatalf("current agency %s (sample %s, national %s) %v", cur.ID, ag.ID, res.AgencyID, err)
	}
	var n int64
	if err := db.Model(&criteria.Set{}).Where("agency_id = ? AND code = ?", ag.ID, sample.NationalSetCode).Count(&n).Error; err != nil || n != 0 {
		t.Fatalf("national set in the sample agency: %d %v", n, err)
	}
	if v, err := db.Meta(ctx, sample.NationalMetaKey); err != nil || v != "0.002" {
		t.Fatalf("meta %q %v", v, err)
	}
}
