package sample_test

import (
	"context"
	"strconv"
	"testing"

	"gorm.io/gorm"

	"chungsuc/internal/assessment"
	"chungsuc/internal/criteria"
	"chungsuc/internal/locality"
	"chungsuc/internal/org"
	"chungsuc/internal/sample/sampletest"
	"chungsuc/internal/store"
)

func eqBool(a, b *bool) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

// checkAssessments compares every given assessment, as stored, with what
// the assessment rules give: each value's computed result against the
// locality's requirement (from the service's checklist), Met = override
// or computed, every cached criterion row, and the totals (the service's
// own Recompute, rolled back).
func checkAssessments(t *testing.T, db *store.DB, agencyID string, list []assessment.Assessment, wantAll bool) {
	t.Helper()
	ctx := context.Background()
	svc := assessment.NewService(db.DB)
	// A spread of about 40 assessments (every one of a short list): each
	// check rebuilds a whole checklist, slow under the race detector.
	var spread []assessment.Assessment
	stride := max(1, len(list)/40)
	for i, a := range list {
		if i%stride == 0 || i == len(list)-1 {
			spread = append(spread, a)
		}
	}
	for _, a := range spread {
		cl, err := svc.Checklist(ctx, agencyID, a.ID)
		if err != nil {
			t.Fatalf("checklist %s: %v", a.ID, err)
		}
		var cached []assessment.CriterionResult
		if err := db.Where("assessment_id = ?", a.ID).Find(&cached).Error; err != nil {
			t.Fatal(err)
		}
		cache := map[string]assessment.CriterionResult{}
		for _, r := range cached {
			cache[r.CriterionID] = r
		}
		if len(cached) != len(cl.Criteria) {
			t.Fatalf("%s: %d cached criterion rows, %d criteria", a.ID, len(cached), len(cl.Criteria))
		}
		critMet, indMet, indTotal, done := 0, 0, 0, 0
		for _, c := range cl.Criteria {
			met := 0
			for _, it := range c.Indicators {
				v := it.Value
				indTotal++
				if v.ID == "" {
					if wantAll {
						t.Fatalf("%s: indicator %s has no value", a.ID, it.Code)
					}
					continue
				}
				comp := criteria.Evaluate(it.Kind, v.Value, v.Number, it.Requirement)
				if !eqBool(comp, v.Computed) {
					t.Fatalf("%s %s: computed %v, rules give %v (value %q %v, requirement %+v)", a.ID, it.Code, v.Computed, comp, v.Value, v.Number, it.Requirement)
				}
				want := comp
				if v.Override != nil {
					want = v.Override
					if len([]rune(v.OverrideReason)) < 5 {
						t.Fatalf("%s %s: override without a reason", a.ID, it.Code)
					}
				}
				if !eqBool(want, v.Met) {
					t.Fatalf("%s %s: met %v, want %v", a.ID, it.Code, v.Met, want)
				}
				if v.Met != nil {
					done++
					if *v.Met {
						met++
					}
				}
			}
			cm := len(c.Indicators) > 0 && met == len(c.Indicators)
			r := cache[c.ID]
			if r.Met != cm || r.IndicatorsMet != met || r.IndicatorsTotal != len(c.Indicators) || c.Met != cm {
				t.Fatalf("%s criterion %d: cached %+v, checklist met %v, rules: met %v %d/%d", a.ID, c.No, r, c.Met, cm, met, len(c.Indicators))
			}
			if cm {
				critMet++
			}
			indMet += met
		}
		got := cl.Assessment
		if got.CriteriaMet != critMet || got.CriteriaTotal != len(cl.Criteria) || got.IndicatorsMet != indMet ||
			got.IndicatorsTotal != indTotal || got.IndicatorsDone != done {
			t.Fatalf("%s totals %d/%d %d/%d done %d; rules give %d/%d %d/%d done %d", a.ID, got.CriteriaMet, got.CriteriaTotal,
				got.IndicatorsMet, got.IndicatorsTotal, got.IndicatorsDone, critMet, len(cl.Criteria), indMet, indTotal, done)
		}
	}
	// The service's own recomputation gives the same totals.
	rollback := errSentinel{}
	err := db.Transaction(func(tx *gorm.DB) error {
		for _, a := range spread {
			c, err := assessment.Recompute(tx, a.ID)
			if err != nil {
				return err
			}
			if c.CriteriaMet != a.CriteriaMet || c.CriteriaTotal != a.CriteriaTotal || c.IndicatorsMet != a.IndicatorsMet ||
				c.IndicatorsTotal != a.IndicatorsTotal || c.IndicatorsDone != a.IndicatorsDone {
				t.Errorf("%s: stored totals %+v, Recompute %+v", a.ID, a, c)
			}
		}
		return rollback
	})
	if err != rollback {
		t.Fatal(err)
	}
}

type errSentinel struct{}

func (errSentinel) Error() string { return "rollback" }

// levelsByYear reads the NTM level of each locality each year (the newest
// status at or before the year).
func levelsByYear(t *testing.T, db *store.DB) func(id string, year int) string {
	t.Helper()
	var sts []locality.NTMStatus
	if err := db.Order("year ASC").Find(&sts).Error; err != nil {
		t.Fatal(err)
	}
	m := map[string][]locality.NTMStatus{}
	for _, s := range sts {
		m[s.LocalityID] = append(m[s.LocalityID], s)
	}
	return func(id string, year int) string {
		lv := locality.NTMChuaDat
		for _, s := range m[id] {
			if s.Year <= year {
				lv = s.Level
			}
		}
		return lv
	}
}

func TestSampleAssessments(t *testing.T) {
	ctx := context.Background()
	db := sampletest.Open(t)
	ag, err := org.NewService(db.DB).CurrentAgency(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var set criteria.Set
	if err := db.Where("agency_id = ? AND code = ? AND current = ?", ag.ID, "xa-ntm-2021-2025", true).Take(&set).Error; err != nil {
		t.Fatal(err)
	}
	var final, drafts []assessment.Assessment
	if err := db.Where("agency_id = ? AND status = ?", ag.ID, assessment.StatusFinal).Order("locality_id, date").Find(&final).Error; err != nil {
		t.Fatal(err)
	}
	if err := db.Where("agency_id = ? AND status = ?", ag.ID, assessment.StatusDraft).Find(&drafts).Error; err != nil {
		t.Fatal(err)
	}
	// Every sample xã with an NTM history: one finalised assessment a year
	// while it existed, 2021–2025.
	var communes []locality.Locality
	if err := db.Where("agency_id = ? AND kind = ? AND level = 3 AND id IN (SELECT locality_id FROM locality_ntm_statuses)", ag.ID, locality.KindXa).
		Find(&communes).Error; err != nil {
		t.Fatal(err)
	}
	perCommune := map[string]map[int]int{}
	for _, a := range final {
		if a.SetID != set.ID || !a.Sample || a.FinalisedAt == nil || a.Year < 2021 || a.Year > 2025 || a.Date[:4] != strconv.Itoa(a.Year) {
			t.Fatalf("finalised assessment %+v", a)
		}
		if perCommune[a.LocalityID] == nil {
			perCommune[a.LocalityID] = map[int]int{}
		}
		perCommune[a.LocalityID][a.Year]++
	}
	if len(communes) < 100 || len(perCommune) != len(communes) {
		t.Fatalf("%d communes with a history, %d assessed", len(communes), len(perCommune))
	}
	for _, c := range communes {
		for y := 2021; y <= 2025; y++ {
			n := perCommune[c.ID][y]
			alive := c.ValidTo == "" || c.ValidTo >= strconv.Itoa(y)+"-01-01"
			if (alive && n != 1) || n > 1 {
				t.Fatalf("%s %d: %d assessments (valid to %q)", c.Name, y, n, c.ValidTo)
			}
		}
	}
	// Consistent with the NTM history: all 19 criteria from recognition on,
	// between 8 and 18 otherwise; some below 15 in 2025, some recognised.
	level := levelsByYear(t, db)
	below15, ntm := 0, 0
	for _, a := range final {
		lv := level(a.LocalityID, a.Year)
		if a.CriteriaTotal != 19 || a.IndicatorsDone != a.IndicatorsTotal {
			t.Fatalf("totals %+v", a)
		}
		if lv != locality.NTMChuaDat {
			if a.CriteriaMet != 19 {
				t.Fatalf("%s in %d at %s with %d criteria met", a.LocalityID, a.Year, lv, a.CriteriaMet)
			}
			if a.Year == 2025 {
				ntm++
			}
		} else if a.CriteriaMet < 8 || a.CriteriaMet > 18 {
			t.Fatalf("%s in %d not recognised with %d criteria met", a.LocalityID, a.Year, a.CriteriaMet)
		} else if a.Year == 2025 && a.CriteriaMet < 15 {
			below15++
		}
	}
	if below15 == 0 || ntm == 0 {
		t.Fatalf("2025: %d communes below 15, %d recognised", below15, ntm)
	}
	// Drafts of 2026 against the 2026–2030 set, half entered.
	if len(drafts) != 2 {
		t.Fatalf("%d drafts", len(drafts))
	}
	for _, d := range drafts {
		var code string
		if err := db.Table("criteria_sets").Where("id = ?", d.SetID).Pluck("code", &code).Error; err != nil {
			t.Fatal(err)
		}
		if code != "xa-ntm-2026-2030" || d.Year != 2026 || d.IndicatorsDone == 0 || d.IndicatorsDone >= d.IndicatorsTotal || d.FinalisedAt != nil {
			t.Fatalf("draft %s %+v", code, d)
		}
	}
	// Values, criterion rows and totals are what the rules compute.
	checkAssessments(t, db, ag.ID, final, true)
	checkAssessments(t, db, ag.ID, drafts, false)
	// Each has its history.
	var events int64
	if err := db.Model(&assessment.Event{}).Where("action = ?", assessment.ActionFinalise).Count(&events).Error; err != nil || int(events) != len(final) {
		t.Fatalf("%d finalise events for %d assessments (%v)", events, len(final), err)
	}
}
