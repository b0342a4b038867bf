package assessment

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"chungsuc/internal/criteria"
)

// prevValue is a value of an earlier assessment with the code of its
// indicator and the number of its criterion, to match across revisions.
type prevValue struct {
	Value
	Code string
	No   int
}

type prevSet struct {
	byID   map[string]*prevValue
	byCode map[string]*prevValue
}

func codeKey(no int, code string) string { return fmt.Sprintf("%d|%s", no, code) }

// match finds the earlier value of an indicator: same indicator, else the
// same criterion number and indicator code (a later revision of the set).
func (p prevSet) match(indicatorID string, no int, code string) *prevValue {
	if v := p.byID[indicatorID]; v != nil {
		return v
	}
	if code == "" {
		return nil
	}
	return p.byCode[codeKey(no, code)]
}

// prevValues loads an assessment's values with indicator codes and
// criterion numbers (deleted indicators included: the record stays).
func prevValues(tx *gorm.DB, assessmentID string) (prevSet, error) {
	var rows []prevValue
	err := tx.Table("assessment_values AS v").
		Select("v.*, COALESCE(i.code, '') AS code, COALESCE(c.no, 0) AS no").
		Joins("LEFT JOIN criteria_indicators i ON i.id = v.indicator_id").
		Joins("LEFT JOIN criteria_criteria c ON c.id = i.criterion_id").
		Where("v.assessment_id = ? AND v.deleted_at IS NULL", assessmentID).
		Scan(&rows).Error
	if err != nil {
		return prevSet{}, fmt.Errorf("load previous values: %w", err)
	}
	p := prevSet{byID: map[string]*prevValue{}, byCode: map[string]*prevValue{}}
	for i := range rows {
		r := &rows[i]
		p.byID[r.IndicatorID] = r
		if r.Code != "" {
			p.byCode[codeKey(r.No, r.Code)] = r
		}
	}
	return p, nil
}

// criterionMetByNo returns the cached met state of each criterion number.
func criterionMetByNo(tx *gorm.DB, assessmentIDs []string) (map[string]map[int]bool, error) {
	out := map[string]map[int]bool{}
	if len(assessmentIDs) == 0 {
		return out, nil
	}
	var rows []struct {
		AssessmentID string
		No           int
		Met          bool
	}
	err := tx.Table("assessment_criteria AS r").
		Select("r.assessment_id, c.no, r.met").
		Joins("JOIN criteria_criteria c ON c.id = r.criterion_id").
		Where("r.assessment_id IN ?", assessmentIDs).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("load criterion results: %w", err)
	}
	for _, r := range rows {
		m := out[r.AssessmentID]
		if m == nil {
			m = map[int]bool{}
			out[r.AssessmentID] = m
		}
		m[r.No] = r.Met
	}
	return out, nil
}

func setInfo(s *criteria.Set) SetInfo {
	return SetInfo{ID: s.ID, Code: s.Code, Revision: s.Revision, Current: s.Current, Name: s.Name, Target: s.Target,
		Scope: s.Scope, Phase: s.Phase, Dimension: s.Dimension, SpecialRule: s.SpecialRule,
		SpecialRuleText: s.SpecialRuleText, DecisionNumber: s.DecisionNumber, DecisionDate: s.DecisionDate,
		DecisionIssuer: s.DecisionIssuer, Appendix: s.Appendix, ValidFrom: s.ValidFrom, ValidTo: s.ValidTo,
		Confirmed: s.Confirmed, Sample: s.Sample}
}

// Checklist returns an assessment with every criterion and indicator of its
// set, the requirement of each indicator for the assessed locality, the
// values entered, the evidence files, and the values of the previous
// finalised assessment of the same set code.
func (s *Service) Checklist(ctx context.Context, agencyID, id string) (Checklist, error) {
	c := Checklist{Criteria: []CheckCriterion{}}
	db := s.db.WithContext(ctx)
	a, err := getAssessment(db, agencyID, id)
	if err != nil {
		return c, err
	}
	c.Assessment, c.Editable = a, Editable(a.Status)
	set, err := getSet(unscoped(db), agencyID, a.SetID)
	if err != nil {
		return c, err
	}
	c.Set = setInfo(&set)
	info, place, err := localityInfo(unscoped(db), agencyID, a.LocalityID)
	if err != nil {
		return c, err
	}
	c.Locality = info
	c.KeyUsed, c.KeyReason = criteria.KeyFor(&set, place)
	crits, err := loadCriteria(db, set.ID)
	if err != nil {
		return c, err
	}
	vals, err := valuesOf(db, a.ID)
	if err != nil {
		return c, err
	}
	evidence, err := evidenceOf(db, a.ID)
	if err != nil {
		return c, err
	}
	prev, err := previousOf(db, agencyID, a.LocalityID, set.Code, a.Date, a.ID)
	if err != nil {
		return c, err
	}
	var pv prevSet
	var prevMet map[int]bool
	if prev != nil {
		var rev []int
		if err := db.Unscoped().Table("criteria_sets").Where("id = ?", prev.SetID).Pluck("revision", &rev).Error; err != nil {
			return c, fmt.Errorf("previous set revision: %w", err)
		}
		c.Previous = &PrevInfo{ID: prev.ID, Date: prev.Date, Year: prev.Year, SetID: prev.SetID,
			CriteriaMet: prev.CriteriaMet, CriteriaTotal: prev.CriteriaTotal,
			IndicatorsMet: prev.IndicatorsMet, IndicatorsTotal: prev.IndicatorsTotal}
		if len(rev) > 0 {
			c.Previous.SetRevision = rev[0]
		}
		if pv, err = prevValues(db, prev.ID); err != nil {
			return c, err
		}
		m, err := criterionMetByNo(db, []string{prev.ID})
		if err != nil {
			return c, err
		}
		prevMet = m[prev.ID]
	}
	for ci := range crits {
		cr := &crits[ci]
		r, done := CriterionOf(cr, vals)
		cc := CheckCriterion{ID: cr.ID, No: cr.No, Name: cr.Name, Group: cr.Group, Confirmed: cr.Confirmed,
			Sources: cr.Sources, SortOrder: cr.SortOrder, Met: r.Met, IndicatorsMet: r.IndicatorsMet,
			IndicatorsTotal: r.IndicatorsTotal, IndicatorsDone: done, Indicators: make([]CheckItem, 0, len(cr.Indicators))}
		if prev != nil {
			if m, ok := prevMet[cr.No]; ok {
				cc.PreviousMet = &m
			}
		}
		for ii := range cr.Indicators {
			ind := &cr.Indicators[ii]
			item := CheckItem{ID: ind.ID, CriterionID: cr.ID, Code: ind.Code, Name: ind.Name, Kind: ind.Kind,
				Unit: ind.Unit, Sector: ind.Sector, Confirmed: ind.Confirmed, Sources: ind.Sources,
				SortOrder: ind.SortOrder, Requirement: criteria.RequirementFor(ind, c.KeyUsed, c.KeyReason),
				Value: Value{AssessmentID: a.ID, IndicatorID: ind.ID}, Evidence: []Evidence{}}
			if v := vals[ind.ID]; v != nil {
				item.Value = *v
				if e := evidence[v.ID]; e != nil {
					item.Evidence = e
				}
			}
			if prev != nil {
				if p := pv.match(ind.ID, cr.No, ind.Code); p != nil {
					item.Previous = &PrevValue{AssessmentID: prev.ID, Date: prev.Date, Value: p.Value.Value,
						Number: p.Number, Met: p.Met, Override: p.Override, Note: p.Note}
				}
			}
			cc.Indicators = append(cc.Indicators, item)
		}
		c.Criteria = append(c.Criteria, cc)
	}
	return c, nil
}
