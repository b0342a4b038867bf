package sample

import (
	"math"
	"math/rand/v2"
	"sort"

	"chungsuc/internal/assessment"
	"chungsuc/internal/criteria"
)

// overrideReason is the written reason of the sample's overridden results.
const overrideReason = "Tổ thẩm định quyết định theo hồ sơ minh chứng (dữ liệu mẫu)"

// fillValue gives v a value of ind that meets req when met is true and fails
// it otherwise, with Computed and Met as the assessment rules give them. An
// indicator the app cannot decide (text, no numeric level) gets the
// assessor's decision as an override with a reason.
func fillValue(v *assessment.Value, ind *criteria.Indicator, req criteria.Requirement, met bool, r *rand.Rand) {
	v.Value, v.Number, v.Override, v.OverrideReason = "", nil, nil, ""
	switch ind.Kind {
	case criteria.KindPassFail:
		v.Value = criteria.ValueKhongDat
		if met {
			v.Value = criteria.ValueDat
		}
	case criteria.KindPercent, criteria.KindNumber:
		x := numberFor(ind.Kind, req, met, r)
		v.Number = &x
	default:
		v.Value = "Có hồ sơ minh chứng (dữ liệu mẫu)"
		if !met {
			v.Value = "Chưa đủ hồ sơ minh chứng (dữ liệu mẫu)"
		}
	}
	assessment.Decide(v, ind.Kind, req)
	if v.Computed == nil || *v.Computed != met {
		v.Override, v.OverrideReason = boolp(met), overrideReason
		assessment.Decide(v, ind.Kind, req)
	}
}

// overrideMet turns v into a value the assessor accepted although the app
// computed it as not met (with the written reason).
func overrideMet(v *assessment.Value, ind *criteria.Indicator, req criteria.Requirement) {
	v.Override, v.OverrideReason = boolp(true), overrideReason
	assessment.Decide(v, ind.Kind, req)
}

// numberFor picks a value in tenths on the wanted side of the level; with no
// level it is any plausible number.
func numberFor(kind string, req criteria.Requirement, met bool, r *rand.Rand) float64 {
	top := 1000 // tenths
	if kind == criteria.KindNumber {
		top = 2000
	}
	if req.Threshold == nil {
		// No level to compare with: a plausible share (high when the
		// assessor judges it met) or any number.
		if kind == criteria.KindPercent {
			if met {
				return float64(800+r.IntN(201)) / 10
			}
			return float64(300+r.IntN(491)) / 10
		}
		return float64(r.IntN(top+1)) / 10
	}
	t := int(math.Round(*req.Threshold * 10))
	if kind == criteria.KindNumber && t*2 > top {
		top = t * 2
	}
	between := func(lo, hi int) float64 { // inclusive, in tenths
		if lo < 0 {
			lo = 0
		}
		if hi < lo {
			hi = lo
		}
		return float64(lo+r.IntN(hi-lo+1)) / 10
	}
	span := top / 5
	switch req.Comparator {
	case "<=", "<":
		if met {
			hi := t
			if req.Comparator == "<" {
				hi = t - 1
			}
			return between(hi-span, hi)
		}
		lo := t + 1
		if req.Comparator == "<" {
			lo = t
		}
		return between(lo, min(lo+span, top))
	case "=":
		if met {
			return float64(t) / 10
		}
		return float64(t+10) / 10
	default: // ">=", ">"
		if met {
			lo := t
			if req.Comparator == ">" {
				lo = t + 1
			}
			return between(lo, min(lo+span, top))
		}
		hi := t - 1
		if req.Comparator == ">" {
			hi = t
		}
		return between(hi-span, hi)
	}
}

// results computes the cached criterion rows and the totals of a with the
// assessment package's own rules (assessment.Compute); values is by
// indicator ID.
func results(a *assessment.Assessment, crits []criteria.Criterion, values map[string]*assessment.Value) []assessment.CriterionResult {
	out, t := assessment.Compute(crits, values)
	for i := range out {
		out[i].AssessmentID = a.ID
	}
	a.CriteriaMet, a.CriteriaTotal, a.IndicatorsMet, a.IndicatorsTotal, a.IndicatorsDone =
		t.CriteriaMet, t.CriteriaTotal, t.IndicatorsMet, t.IndicatorsTotal, t.IndicatorsDone
	return out
}

func boolp(b bool) *bool { return &b }

// metPath draws how many of n criteria a commune meets each year, from
// whether it holds an NTM level that year: all n from recognition on, n-2
// or n-1 the year before, fewer in earlier years (never below low); a
// commune never recognised starts between low and low+span-1 and gains
// at most one a year, never reaching n.
func metPath(r *rand.Rand, n int, reached []bool, low, span int) []int {
	met := make([]int, len(reached))
	recognised := false
	for _, ok := range reached {
		recognised = recognised || ok
	}
	if !recognised {
		k := low + r.IntN(span)
		for i := range met {
			met[i] = min(n-1, k)
			k += r.IntN(2)
		}
		return met
	}
	next, k := len(reached), n // next: the year index recognised after i
	for i := len(reached) - 1; i >= 0; i-- {
		switch {
		case reached[i]:
			k, next = n, i
		case next == i+1:
			k = n - 2 + r.IntN(2)
		default:
			k = max(low, min(n-1, k-r.IntN(3)))
		}
		met[i] = k
	}
	return met
}

// criteriaRanks orders the criteria at random, weighted by hardness: a
// criterion ranked first is one a commune meets last.
func criteriaRanks(r *rand.Rand, hardness []float64) []int {
	keys := make([]float64, len(hardness))
	order := make([]int, len(hardness))
	for i := range keys {
		keys[i] = -math.Log(1-r.Float64()) / hardness[i]
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return keys[order[a]] < keys[order[b]] })
	rank := make([]int, len(hardness))
	for pos, ci := range order {
		rank[ci] = pos
	}
	return rank
}

// failMask picks which of n indicators fail while their criterion is not
// met: a non-empty set of bits.
func failMask(r *rand.Rand, n int) int {
	if n <= 0 {
		return 0
	}
	n = min(n, 30)
	return 1 + r.IntN(1<<n-1)
}
