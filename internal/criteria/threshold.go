package criteria

import "strconv"

// Place is what the requirement lookup needs to know about the locality
// being assessed. Region is the locality's own region or, when empty, the
// nearest ancestor's.
type Place struct {
	Region            string
	CommuneGroup      int
	SpecialDifficulty bool
	SafeZone          bool
}

// Key reasons (labels in vi.json under criteria.keyReason).
const (
	ReasonCommon  = "common"  // the set has one level for all
	ReasonRegion  = "region"  // the locality's region
	ReasonSpecial = "special" // special-difficulty / ATK rule
	ReasonGroup   = "group"   // the commune group
	ReasonUnknown = "unknown" // region or group not recorded: the common level applies if any
)

// KeyFor returns the threshold key a set uses for a place, and why.
func KeyFor(s *Set, p Place) (key, reason string) {
	switch s.Dimension {
	case DimensionRegion:
		if s.SpecialRule && (p.SpecialDifficulty || p.SafeZone) {
			return RegionSpecial, ReasonSpecial
		}
		if p.Region == "" {
			return "", ReasonUnknown
		}
		return p.Region, ReasonRegion
	case DimensionGroup:
		if p.CommuneGroup < 1 || p.CommuneGroup > 3 {
			return "", ReasonUnknown
		}
		return strconv.Itoa(p.CommuneGroup), ReasonGroup
	}
	return "", ReasonCommon
}

// Requirement is the level an indicator asks of one locality.
type Requirement struct {
	Key        string   `json:"key"`
	Reason     string   `json:"reason"`
	Comparator string   `json:"comparator"`
	Threshold  *float64 `json:"threshold"`
	Text       string   `json:"text"`
	Confirmed  bool     `json:"confirmed"`
	// Specific is true when a level for the key was found, false when the
	// common level applies.
	Specific bool `json:"specific"`
}

// RequirementFor looks up the level of ind for the key: the threshold row
// of that key when there is one, else the indicator's common level.
func RequirementFor(ind *Indicator, key, reason string) Requirement {
	r := Requirement{Key: key, Reason: reason, Comparator: ind.Comparator, Threshold: ind.Threshold,
		Text: ind.Requirement, Confirmed: ind.Confirmed}
	if key == "" {
		return r
	}
	for i := range ind.Thresholds {
		t := &ind.Thresholds[i]
		if t.Key != key {
			continue
		}
		r.Specific = true
		if t.Comparator != "" {
			r.Comparator = t.Comparator
		}
		r.Threshold, r.Text, r.Confirmed = t.Threshold, t.Requirement, t.Confirmed
		if r.Text == "" {
			r.Text = ind.Requirement
		}
		return r
	}
	return r
}

// Evaluate computes whether a value meets a requirement. It returns nil when
// the app cannot decide: no value, a text indicator, or no numeric level;
// the assessor then decides with a written reason.
func Evaluate(kind, value string, number *float64, r Requirement) *bool {
	switch kind {
	case KindPassFail:
		switch value {
		case ValueDat:
			return boolp(true)
		case ValueKhongDat:
			return boolp(false)
		}
		return nil
	case KindPercent, KindNumber:
		if number == nil || r.Threshold == nil {
			return nil
		}
		x, t := *number, *r.Threshold
		switch r.Comparator {
		case ">=", "":
			return boolp(x >= t)
		case ">":
			return boolp(x > t)
		case "<=":
			return boolp(x <= t)
		case "<":
			return boolp(x < t)
		case "=":
			return boolp(x == t)
		}
	}
	return nil
}

func boolp(b bool) *bool { return &b }
