package criteria_test

import (
	"testing"

	"chungsuc/internal/criteria"
)

func TestKeyFor(t *testing.T) {
	region := &criteria.Set{Dimension: criteria.DimensionRegion, SpecialRule: true}
	regionNoRule := &criteria.Set{Dimension: criteria.DimensionRegion}
	group := &criteria.Set{Dimension: criteria.DimensionGroup}
	none := &criteria.Set{Dimension: criteria.DimensionNone}
	cases := []struct {
		name        string
		set         *criteria.Set
		place       criteria.Place
		key, reason string
	}{
		{"region", region, criteria.Place{Region: "bac_trung_bo"}, "bac_trung_bo", criteria.ReasonRegion},
		{"region mekong", region, criteria.Place{Region: "dong_bang_song_cuu_long"}, "dong_bang_song_cuu_long", criteria.ReasonRegion},
		{"special difficulty uses TDMNPB", region, criteria.Place{Region: "bac_trung_bo", SpecialDifficulty: true}, criteria.RegionSpecial, criteria.ReasonSpecial},
		{"ATK uses TDMNPB", region, criteria.Place{Region: "dong_nam_bo", SafeZone: true}, criteria.RegionSpecial, criteria.ReasonSpecial},
		{"special rule even without region", region, criteria.Place{SpecialDifficulty: true}, criteria.RegionSpecial, criteria.ReasonSpecial},
		{"TDMNPB commune stays region", region, criteria.Place{Region: criteria.RegionSpecial}, criteria.RegionSpecial, criteria.ReasonRegion},
		{"set without the rule", regionNoRule, criteria.Place{Region: "bac_trung_bo", SpecialDifficulty: true}, "bac_trung_bo", criteria.ReasonRegion},
		{"region unknown", region, criteria.Place{}, "", criteria.ReasonUnknown},
		{"group 1", group, criteria.Place{CommuneGroup: 1}, "1", criteria.ReasonGroup},
		{"group 3", group, criteria.Place{CommuneGroup: 3, SpecialDifficulty: true}, "3", criteria.ReasonGroup},
		{"group not recorded", group, criteria.Place{CommuneGroup: 0}, "", criteria.ReasonUnknown},
		{"group out of range", group, criteria.Place{CommuneGroup: 4}, "", criteria.ReasonUnknown},
		{"common", none, criteria.Place{Region: "bac_trung_bo", CommuneGroup: 2}, "", criteria.ReasonCommon},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			k, r := criteria.KeyFor(c.set, c.place)
			if k != c.key || r != c.reason {
				t.Errorf("KeyFor = (%q, %q), want (%q, %q)", k, r, c.key, c.reason)
			}
		})
	}
}

func TestRequirementFor(t *testing.T) {
	ind := &criteria.Indicator{Kind: criteria.KindPercent, Comparator: ">=", Threshold: fp(80), Requirement: "≥80%", Confirmed: true,
		Thresholds: []criteria.Threshold{
			{Key: "trung_du_mien_nui_phia_bac", Comparator: ">=", Threshold: fp(70), Requirement: "≥70%", Confirmed: true},
			{Key: "bac_trung_bo", Comparator: ">", Threshold: fp(85), Confirmed: false},
			{Key: "tay_nguyen", Requirement: "Theo quy định của tỉnh"},
			{Key: "2", Threshold: fp(90)},
		}}
	cases := []struct {
		name, key, reason string
		cmp               string
		threshold         *float64
		text              string
		confirmed         bool
		specific          bool
	}{
		{"region level", "trung_du_mien_nui_phia_bac", criteria.ReasonSpecial, ">=", fp(70), "≥70%", true, true},
		{"own comparator, common text, own flag", "bac_trung_bo", criteria.ReasonRegion, ">", fp(85), "≥80%", false, true},
		{"text only level drops the number", "tay_nguyen", criteria.ReasonRegion, ">=", nil, "Theo quy định của tỉnh", false, true},
		{"empty comparator keeps the common one", "2", criteria.ReasonGroup, ">=", fp(90), "≥80%", false, true},
		{"no row for the key: common level", "dong_nam_bo", criteria.ReasonRegion, ">=", fp(80), "≥80%", true, false},
		{"unknown key: common level", "", criteria.ReasonUnknown, ">=", fp(80), "≥80%", true, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := criteria.RequirementFor(ind, c.key, c.reason)
			if r.Key != c.key || r.Reason != c.reason || r.Comparator != c.cmp || r.Text != c.text ||
				r.Confirmed != c.confirmed || r.Specific != c.specific || !sameFloat(r.Threshold, c.threshold) {
				t.Errorf("RequirementFor = %+v (threshold %v)", r, deref(r.Threshold))
			}
		})
	}
}

func sameFloat(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

func TestEvaluate(t *testing.T) {
	req := func(cmp string, x *float64) criteria.Requirement {
		return criteria.Requirement{Comparator: cmp, Threshold: x}
	}
	yes, no := true, false
	cases := []struct {
		name   string
		kind   string
		value  string
		number *float64
		req    criteria.Requirement
		want   *bool
	}{
		{"đạt", criteria.KindPassFail, criteria.ValueDat, nil, criteria.Requirement{}, &yes},
		{"không đạt", criteria.KindPassFail, criteria.ValueKhongDat, nil, criteria.Requirement{}, &no},
		{"pass/fail empty", criteria.KindPassFail, "", nil, criteria.Requirement{}, nil},
		{"pass/fail garbage", criteria.KindPassFail, "có", nil, criteria.Requirement{}, nil},
		{">= equal", criteria.KindPercent, "", fp(80), req(">=", fp(80)), &yes},
		{">= below", criteria.KindPercent, "", fp(79.9), req(">=", fp(80)), &no},
		{"empty comparator is >=", criteria.KindPercent, "", fp(80), req("", fp(80)), &yes},
		{"> equal fails", criteria.KindPercent, "", fp(85), req(">", fp(85)), &no},
		{"> above", criteria.KindPercent, "", fp(85.1), req(">", fp(85)), &yes},
		{"<= equal", criteria.KindNumber, "", fp(3), req("<=", fp(3)), &yes},
		{"<= above", criteria.KindNumber, "", fp(4), req("<=", fp(3)), &no},
		{"< equal fails", criteria.KindNumber, "", fp(0), req("<", fp(0)), &no},
		{"< below", criteria.KindNumber, "", fp(-1), req("<", fp(0)), &yes},
		{"= equal", criteria.KindNumber, "", fp(100), req("=", fp(100)), &yes},
		{"= differs", criteria.KindNumber, "", fp(99), req("=", fp(100)), &no},
		{"unknown comparator", criteria.KindNumber, "", fp(99), req("~", fp(100)), nil},
		{"no number", criteria.KindPercent, "", nil, req(">=", fp(80)), nil},
		{"no level", criteria.KindPercent, "", fp(90), req(">=", nil), nil},
		{"text is the assessor's call", criteria.KindText, "đã có", nil, req(">=", fp(1)), nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := criteria.Evaluate(c.kind, c.value, c.number, c.req)
			if (got == nil) != (c.want == nil) || (got != nil && *got != *c.want) {
				t.Errorf("Evaluate = %v, want %v", ptrBool(got), ptrBool(c.want))
			}
		})
	}
}

func ptrBool(b *bool) any {
	if b == nil {
		return nil
	}
	return *b
}

// TestSeedLookup runs the lookup on the seeded 2021–2025 set: a
// Bắc Trung Bộ commune gets the Quảng Bình level of 9.b, a
// special-difficulty one the (unrecorded) TDMNPB level, i.e. the common
// level, which the reference does not give.
func TestSeedLookup(t *testing.T) {
	sets, err := criteria.SeedSets()
	if err != nil {
		t.Fatal(err)
	}
	var x *criteria.Set
	for i := range sets {
		if sets[i].Code == "xa-ntm-2021-2025" {
			x = &sets[i]
		}
	}
	var house, irrigation *criteria.Indicator
	for ci := range x.Criteria {
		for ii := range x.Criteria[ci].Indicators {
			ind := &x.Criteria[ci].Indicators[ii]
			switch ind.Code {
			case "9.b":
				house = ind
			case "3.1":
				irrigation = ind
			}
		}
	}
	key, reason := criteria.KeyFor(x, criteria.Place{Region: "bac_trung_bo"})
	r := criteria.RequirementFor(house, key, reason)
	if !r.Specific || r.Comparator != ">" || *r.Threshold != 85 || r.Confirmed {
		t.Fatalf("9.b in Bắc Trung Bộ: %+v", r)
	}
	if m := criteria.Evaluate(house.Kind, "", fp(85), r); m == nil || *m {
		t.Fatalf("85%% should not meet >85%%")
	}
	key, reason = criteria.KeyFor(x, criteria.Place{Region: "bac_trung_bo", SpecialDifficulty: true})
	r = criteria.RequirementFor(house, key, reason)
	if r.Specific || r.Threshold != nil || reason != criteria.ReasonSpecial {
		t.Fatalf("9.b for a special-difficulty commune: %+v", r)
	}
	if criteria.Evaluate(house.Kind, "", fp(99), r) != nil {
		t.Fatal("no level known: the assessor decides")
	}
	r = criteria.RequirementFor(irrigation, key, reason)
	if r.Threshold == nil || *r.Threshold != 80 || r.Comparator != ">=" {
		t.Fatalf("3.1 common level: %+v", r)
	}
}
