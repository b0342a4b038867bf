package criteria_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"chungsuc/internal/criteria"
)

func seedByCode(t *testing.T) map[string]criteria.Set {
	t.Helper()
	sets, err := criteria.SeedSets()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]criteria.Set{}
	for _, s := range sets {
		out[s.Code] = s
	}
	return out
}

// isPlaceholder reports an indicator the app made so a criterion can be
// assessed as a whole: its wording says so.
func isPlaceholder(ind criteria.Indicator) bool {
	return strings.HasSuffix(ind.Name, "(chưa có chỉ tiêu chi tiết đã đối chiếu)") ||
		strings.HasSuffix(ind.Name, "(tên chưa đối chiếu)")
}

func TestSeedSetsAreValidAndFlagged(t *testing.T) {
	sets := seedByCode(t)
	want := []string{"xa-ntm-2021-2025", "xa-ntm-nang-cao-2021-2025", "xa-ntm-kieu-mau-2021-2025", "xa-ntm-2026-2030", "thon-ntm", "huyen-ntm-2021-2025"}
	if len(sets) != len(want) {
		t.Fatalf("%d sets, want %d", len(sets), len(want))
	}
	for _, code := range want {
		s, ok := sets[code]
		if !ok {
			t.Fatalf("missing %s", code)
		}
		if err := s.Validate().Err(); err != nil {
			t.Errorf("%s: %v", code, err)
		}
		if s.Confirmed {
			t.Errorf("%s: marked confirmed", code)
		}
		for _, c := range s.Criteria {
			for _, ind := range c.Indicators {
				if ind.Confirmed && !(code == "xa-ntm-nang-cao-2021-2025" && ind.Code == "17.9") {
					t.Errorf("%s %s: only 17.9 of the advanced set is a confirmed indicator", code, ind.Code)
				}
				if ind.Sources == "" {
					t.Errorf("%s %s: no sources", code, ind.Code)
				}
				for _, th := range ind.Thresholds {
					if th.Confirmed {
						t.Errorf("%s %s %s: a confirmed level", code, ind.Code, th.Key)
					}
				}
				if isPlaceholder(ind) && !strings.Contains(ind.Name, "tiêu chí số "+strconv.Itoa(c.No)) && ind.Code != "17.10" {
					t.Errorf("%s %s: placeholder of another criterion: %q", code, ind.Code, ind.Name)
				}
			}
		}
	}
	x := sets["xa-ntm-2021-2025"]
	if x.Dimension != criteria.DimensionRegion || !x.SpecialRule || x.Scope != 3 || x.Target != criteria.TargetDatChuan || x.Phase != "2021-2025" ||
		len(x.Amendments) != 1 || x.Amendments[0].Confirmed || len(x.Conditions) != 4 {
		t.Errorf("xa-ntm-2021-2025 header: %+v", x)
	}
	for _, c := range x.Conditions {
		if c.Confirmed {
			t.Errorf("recognition condition %d: the deciding text is unconfirmed", c.No)
		}
	}
	for _, n := range []int{4, 8, 10, 11, 12, 13, 14, 15, 16, 18, 19} {
		c := x.Criteria[n-1]
		want := "Đạt tiêu chí số " + strconv.Itoa(n) + " theo Bộ tiêu chí (chưa có chỉ tiêu chi tiết đã đối chiếu)"
		if len(c.Indicators) != 1 || c.Indicators[0].Code != strconv.Itoa(n) || c.Indicators[0].Name != want ||
			c.Indicators[0].Kind != criteria.KindPassFail {
			t.Errorf("criterion %d: %+v", n, c.Indicators)
		}
	}
	n26 := sets["xa-ntm-2026-2030"]
	if n26.Dimension != criteria.DimensionGroup || len(n26.Criteria) != 10 || n26.ValidFrom != "2026-02-15" || n26.DecisionDate != "2025-12-29" {
		t.Errorf("2026-2030 header: %+v", n26)
	}
	km := sets["xa-ntm-kieu-mau-2021-2025"]
	if len(km.Criteria) != 0 || len(km.Conditions) != 4 || !km.Conditions[3].ProvinceDefined || km.Conditions[0].ProvinceDefined {
		t.Errorf("kiểu mẫu: %+v", km.Conditions)
	}
	if h := sets["huyen-ntm-2021-2025"]; h.Scope != 2 || h.Target != criteria.TargetHuyen || len(h.Conditions) != 5 {
		t.Errorf("huyện: %+v", h)
	}
	if th := sets["thon-ntm"]; th.Scope != 4 || len(th.Criteria) != 0 || !strings.Contains(th.Note, "tỉnh cần nạp") {
		t.Errorf("thôn: %+v", th)
	}
}

// The reference (../shared/reference/ntm-criteria.json) as far as the seed
// uses it.
type refFile struct {
	Sets []struct {
		Code         string `json:"code"`
		Name         string `json:"name"`
		Decision     string `json:"decision"`
		DecisionDate string `json:"decision_date"`
		SpecialRules []struct {
			Text string `json:"text"`
		} `json:"special_rules"`
		Criteria []struct {
			No         int     `json:"no"`
			Name       *string `json:"name"`
			Group      string  `json:"group"`
			Indicators []struct {
				Code        *string `json:"code"`
				Name        *string `json:"name"`
				Requirement *string `json:"requirement"`
			} `json:"indicators"`
		} `json:"criteria"`
		Rules []struct {
			Text string `json:"text"`
		} `json:"rules"`
		Conditions            []string `json:"conditions"`
		RecognitionConditions *struct {
			Items []string `json:"items"`
		} `json:"recognition_conditions"`
	} `json:"sets"`
}

// TestSeedMatchesReference checks that the seed says nothing the reference
// does not: names, groups, indicator wording, levels and conditions.
func TestSeedMatchesReference(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "reference", "ntm-criteria.json"))
	if err != nil {
		t.Skip("reference not available:", err)
	}
	var ref refFile
	if err := json.Unmarshal(data, &ref); err != nil {
		t.Fatal(err)
	}
	sets := seedByCode(t)
	alias := map[string]string{"thon-ban-ntm": "thon-ntm"}
	for _, r := range ref.Sets {
		code := r.Code
		if a, ok := alias[code]; ok {
			code = a
		}
		s, ok := sets[code]
		if !ok {
			t.Errorf("reference set %s not seeded", r.Code)
			continue
		}
		if s.Name != r.Name || s.DecisionNumber != r.Decision || s.DecisionDate != r.DecisionDate {
			t.Errorf("%s header: %q %q %q", code, s.Name, s.DecisionNumber, s.DecisionDate)
		}
		if len(r.SpecialRules) > 0 && s.SpecialRuleText != r.SpecialRules[0].Text {
			t.Errorf("%s special rule text differs", code)
		}
		var texts []string
		for _, c := range r.Rules {
			texts = append(texts, c.Text)
		}
		texts = append(texts, r.Conditions...)
		if r.RecognitionConditions != nil {
			texts = append(texts, r.RecognitionConditions.Items...)
		}
		if code == "xa-ntm-nang-cao-2021-2025" {
			// The recognition conditions hold for xã NTM, NTM nâng cao and
			// NTM kiểu mẫu alike (reference §1.1); the JSON lists them
			// under the basic set only.
			texts = append(texts, ref.Sets[0].RecognitionConditions.Items...)
		}
		if len(texts) != len(s.Conditions) {
			t.Errorf("%s: %d conditions, reference %d", code, len(s.Conditions), len(texts))
		}
		for i := range texts {
			if i < len(s.Conditions) && s.Conditions[i].Text != texts[i] {
				t.Errorf("%s condition %d: %q", code, i+1, s.Conditions[i].Text)
			}
		}
		// Every indicator wording of the seed that is not a placeholder is
		// the reference's, and every level is written in the reference.
		var refNames, refLevels []string
		refCrit := map[int]string{}
		for _, c := range r.Criteria {
			if c.Name != nil {
				refCrit[c.No] = *c.Name + "|" + c.Group
			}
			for _, ind := range c.Indicators {
				if ind.Name != nil {
					refNames = append(refNames, *ind.Name)
				}
				if ind.Requirement != nil {
					refLevels = append(refLevels, *ind.Requirement)
				}
			}
		}
		for _, c := range s.Criteria {
			if want, ok := refCrit[c.No]; ok && c.Name+"|"+c.Group != want && !(code == "xa-ntm-2026-2030" && strings.HasPrefix(want, c.Name+"|")) {
				t.Errorf("%s criterion %d: %q / %q, reference %q", code, c.No, c.Name, c.Group, want)
			}
			if _, ok := refCrit[c.No]; !ok && !strings.Contains(c.Name, "(tên chưa đối chiếu)") {
				t.Errorf("%s criterion %d: a name the reference does not give: %q", code, c.No, c.Name)
			}
			for _, ind := range c.Indicators {
				if !isPlaceholder(ind) && !strings.HasSuffix(ind.Name, "(chưa có chỉ tiêu chi tiết đã đối chiếu)") {
					found := false
					for _, n := range refNames {
						if strings.HasPrefix(n, ind.Name) {
							found = true
						}
					}
					if !found {
						t.Errorf("%s %s: wording not in the reference: %q", code, ind.Code, ind.Name)
					}
				}
				levels := []criteria.Threshold{{Comparator: ind.Comparator, Threshold: ind.Threshold, Requirement: ind.Requirement}}
				levels = append(levels, ind.Thresholds...)
				for _, l := range levels {
					if l.Threshold == nil && l.Requirement == "" {
						continue
					}
					found := false
					for _, rl := range refLevels {
						if l.Requirement == rl && (l.Threshold == nil || strings.Contains(rl, criteria.FormatNumber(*l.Threshold))) {
							found = true
						}
					}
					if !found {
						t.Errorf("%s %s: level %+v not in the reference", code, ind.Code, l)
					}
				}
			}
		}
	}
}
