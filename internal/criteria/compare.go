package criteria

import (
	"encoding/json"
	"sort"
	"strconv"
)

// Change kinds.
const (
	ChangeAdded   = "added"
	ChangeRemoved = "removed"
	ChangeChanged = "changed"
)

// The content of a set, without ids, timestamps, revision bookkeeping or
// the sample flag: two sets with the same content are "identical".
type cSet struct {
	Code, Name, Target                            string
	Scope                                         int
	Phase, Dimension                              string
	SpecialRule                                   bool
	SpecialRuleText, DecisionNumber, DecisionDate string
	DecisionIssuer, DecisionSigner, Appendix      string
	ValidFrom, ValidTo                            string
	Confirmed                                     bool
	Sources, Note                                 string
}

type cAmendment struct {
	Number, Date, Issuer, Note string
	Confirmed                  bool
	Sources                    string
	Order                      int
}

type cCondition struct {
	No              int
	Text            string
	ProvinceDefined bool
	Confirmed       bool
	Sources         string
}

type cCriterion struct {
	No          int
	Name, Group string
	Confirmed   bool
	Sources     string
	Order       int
}

type cIndicator struct {
	Criterion                 int
	Code, Name, Kind          string
	Comparator                string
	Threshold                 *float64
	Requirement, Unit, Sector string
	Confirmed                 bool
	Sources                   string
	Order                     int
	Thresholds                []cThreshold
}

type cThreshold struct {
	Key, Comparator string
	Threshold       *float64
	Requirement     string
	Confirmed       bool
}

func enc(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// content splits a set into comparable items keyed by their names in a
// Change ("set.name", "criterion 3", "indicator 17.2", …).
func content(s *Set) (header map[string]string, items map[string]string, order []item) {
	h := cSet{s.Code, s.Name, s.Target, s.Scope, s.Phase, s.Dimension, s.SpecialRule, s.SpecialRuleText,
		s.DecisionNumber, s.DecisionDate, s.DecisionIssuer, s.DecisionSigner, s.Appendix, s.ValidFrom, s.ValidTo,
		s.Confirmed, s.Sources, s.Note}
	header = map[string]string{}
	var m map[string]any
	_ = json.Unmarshal([]byte(enc(h)), &m)
	for k, v := range m {
		header[k] = enc(v)
	}
	items = map[string]string{}
	add := func(what, key, v string) {
		name := what + " " + key
		for items[name] != "" { // a duplicate name still counts
			name += "'"
		}
		items[name] = v
		order = append(order, item{name, what, key})
	}
	for i, a := range s.Amendments {
		add("amendment", a.Number, enc(cAmendment{a.Number, a.Date, a.Issuer, a.Note, a.Confirmed, a.Sources, i}))
	}
	for _, c := range s.Conditions {
		add("condition", strconv.Itoa(c.No), enc(cCondition{c.No, c.Text, c.ProvinceDefined, c.Confirmed, c.Sources}))
	}
	for i, c := range s.Criteria {
		add("criterion", strconv.Itoa(c.No), enc(cCriterion{c.No, c.Name, c.Group, c.Confirmed, c.Sources, i}))
		for j, ind := range c.Indicators {
			ts := make([]cThreshold, 0, len(ind.Thresholds))
			for _, t := range ind.Thresholds {
				ts = append(ts, cThreshold{t.Key, t.Comparator, t.Threshold, t.Requirement, t.Confirmed})
			}
			sort.Slice(ts, func(a, b int) bool { return ts[a].Key < ts[b].Key })
			add("indicator", ind.Code, enc(cIndicator{c.No, ind.Code, ind.Name, ind.Kind, ind.Comparator, ind.Threshold,
				ind.Requirement, ind.Unit, ind.Sector, ind.Confirmed, ind.Sources, j, ts}))
		}
	}
	return header, items, order
}

// item is one comparable child of a set.
type item struct{ name, what, key string }

var whatLabel = map[string]string{"amendment": SheetAmendments, "condition": SheetConditions,
	"criterion": SheetCriteria, "indicator": SheetIndicators}

func (it item) change(kind string) Change {
	return Change{What: it.what, Key: it.key, Label: whatLabel[it.what] + " " + it.key, Kind: kind}
}

// headerFields names the set fields in a Change, in display order: the Go
// name (as content encodes it) and the JSON name.
var headerFields = []struct{ goName, field string }{
	{"Code", "code"}, {"Name", "name"}, {"Target", "target"}, {"Scope", "scope"}, {"Phase", "phase"},
	{"Dimension", "dimension"}, {"SpecialRule", "specialRule"}, {"SpecialRuleText", "specialRuleText"},
	{"DecisionNumber", "decisionNumber"}, {"DecisionDate", "decisionDate"}, {"DecisionIssuer", "decisionIssuer"},
	{"DecisionSigner", "decisionSigner"}, {"Appendix", "appendix"}, {"ValidFrom", "validFrom"},
	{"ValidTo", "validTo"}, {"Confirmed", "confirmed"}, {"Sources", "sources"}, {"Note", "note"},
}

// Diff lists what differs between the content of old and new (both
// normalised); none means identical.
func Diff(old, new *Set) []Change {
	out := []Change{}
	oh, oi, oo := content(old)
	nh, ni, no := content(new)
	label := map[string]string{}
	for _, sf := range setFields {
		label[sf.field] = sf.label
	}
	for _, f := range headerFields {
		if oh[f.goName] != nh[f.goName] {
			out = append(out, Change{What: "set", Key: f.field, Label: SheetSet + ": " + label[f.field], Kind: ChangeChanged})
		}
	}
	for _, it := range no {
		switch ov, ok := oi[it.name]; {
		case !ok:
			out = append(out, it.change(ChangeAdded))
		case ov != ni[it.name]:
			out = append(out, it.change(ChangeChanged))
		}
	}
	for _, it := range oo {
		if _, ok := ni[it.name]; !ok {
			out = append(out, it.change(ChangeRemoved))
		}
	}
	return out
}
