package assessment_test

import (
	"testing"

	"chungsuc/internal/assessment"
	"chungsuc/internal/criteria"
)

func TestComputeCriteriaAndTotals(t *testing.T) {
	crit := func(id string, inds ...string) criteria.Criterion {
		c := criteria.Criterion{}
		c.ID = id
		for _, i := range inds {
			ind := criteria.Indicator{}
			ind.ID = i
			c.Indicators = append(c.Indicators, ind)
		}
		return c
	}
	set := []criteria.Criterion{crit("c1", "a"), crit("c2", "b", "c"), crit("c3"), crit("c4", "d")}
	met := func(b *bool) *assessment.Value { return &assessment.Value{Met: b} }
	cases := []struct {
		name    string
		values  map[string]*assessment.Value
		critMet []bool
		indMet  []int
		want    assessment.Counts
	}{
		{"nothing entered", nil, []bool{false, false, false, false}, []int{0, 0, 0, 0},
			assessment.Counts{CriteriaMet: 0, CriteriaTotal: 4, IndicatorsMet: 0, IndicatorsTotal: 4, IndicatorsDone: 0}},
		{"all met; a criterion without indicators is never met",
			map[string]*assessment.Value{"a": met(bp(true)), "b": met(bp(true)), "c": met(bp(true)), "d": met(bp(true))},
			[]bool{true, true, false, true}, []int{1, 2, 0, 1},
			assessment.Counts{CriteriaMet: 3, CriteriaTotal: 4, IndicatorsMet: 4, IndicatorsTotal: 4, IndicatorsDone: 4}},
		{"one indicator of two not met fails the criterion",
			map[string]*assessment.Value{"a": met(bp(true)), "b": met(bp(true)), "c": met(bp(false))},
			[]bool{true, false, false, false}, []int{1, 1, 0, 0},
			assessment.Counts{CriteriaMet: 1, CriteriaTotal: 4, IndicatorsMet: 2, IndicatorsTotal: 4, IndicatorsDone: 3}},
		{"undecided counts neither met nor done",
			map[string]*assessment.Value{"a": met(nil), "b": met(bp(true)), "c": met(nil), "d": met(bp(false))},
			[]bool{false, false, false, false}, []int{0, 1, 0, 0},
			assessment.Counts{CriteriaMet: 0, CriteriaTotal: 4, IndicatorsMet: 1, IndicatorsTotal: 4, IndicatorsDone: 2}},
		{"values of indicators outside the set are ignored",
			map[string]*assessment.Value{"zz": met(bp(true)), "a": met(bp(true))},
			[]bool{true, false, false, false}, []int{1, 0, 0, 0},
			assessment.Counts{CriteriaMet: 1, CriteriaTotal: 4, IndicatorsMet: 1, IndicatorsTotal: 4, IndicatorsDone: 1}},
	}
	for _, c := range cases {
		results, got := assessment.Compute(set, c.values)
		if got != c.want {
			t.Errorf("%s: totals %+v, want %+v", c.name, got, c.want)
		}
		for i, r := range results {
			if r.CriterionID != set[i].ID || r.Met != c.critMet[i] || r.IndicatorsMet != c.indMet[i] ||
				r.IndicatorsTotal != len(set[i].Indicators) {
				t.Errorf("%s: criterion %d = %+v", c.name, i, r)
			}
		}
	}
	if _, got := assessment.Compute(nil, nil); got != (assessment.Counts{}) {
		t.Errorf("empty set: %+v", got)
	}
}

func TestDecideOverrideWins(t *testing.T) {
	req := criteria.Requirement{Comparator: ">=", Threshold: f64(80)}
	cases := []struct {
		name           string
		kind, value    string
		number         *float64
		override       *bool
		computed, want *bool
	}{
		{"percent met", criteria.KindPercent, "", f64(80), nil, bp(true), bp(true)},
		{"percent not met", criteria.KindPercent, "", f64(79.9), nil, bp(false), bp(false)},
		{"percent missing", criteria.KindPercent, "", nil, nil, nil, nil},
		{"override up", criteria.KindPercent, "", f64(10), bp(true), bp(false), bp(true)},
		{"override down", criteria.KindPassFail, criteria.ValueDat, nil, bp(false), bp(true), bp(false)},
		{"text is the assessor's", criteria.KindText, "Có", nil, nil, nil, nil},
		{"text decided by override", criteria.KindText, "Có", nil, bp(true), nil, bp(true)},
		{"pass/fail empty", criteria.KindPassFail, "", nil, nil, nil, nil},
		{"pass/fail khong dat", criteria.KindPassFail, criteria.ValueKhongDat, nil, nil, bp(false), bp(false)},
	}
	s := func(b *bool) string {
		if b == nil {
			return "nil"
		}
		if *b {
			return "true"
		}
		return "false"
	}
	for _, c := range cases {
		v := assessment.Value{Value: c.value, Number: c.number, Override: c.override}
		assessment.Decide(&v, c.kind, req)
		if s(v.Computed) != s(c.computed) || s(v.Met) != s(c.want) {
			t.Errorf("%s: computed %s met %s, want %s %s", c.name, s(v.Computed), s(v.Met), s(c.computed), s(c.want))
		}
	}
}
