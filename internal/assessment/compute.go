package assessment

import (
	"fmt"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"chungsuc/internal/criteria"
)

// Counts are the totals of an assessment computed from its values.
type Counts struct {
	CriteriaMet     int `json:"criteriaMet"`
	CriteriaTotal   int `json:"criteriaTotal"`
	IndicatorsMet   int `json:"indicatorsMet"`
	IndicatorsTotal int `json:"indicatorsTotal"`
	IndicatorsDone  int `json:"indicatorsDone"`
}

// CriterionOf computes one criterion's result from the values (by indicator
// id): met when it has at least one indicator and every indicator is met.
// It also returns how many of its indicators are decided.
func CriterionOf(c *criteria.Criterion, values map[string]*Value) (CriterionResult, int) {
	r := CriterionResult{CriterionID: c.ID, IndicatorsTotal: len(c.Indicators)}
	done := 0
	for i := range c.Indicators {
		v := values[c.Indicators[i].ID]
		if v == nil || v.Met == nil {
			continue
		}
		done++
		if *v.Met {
			r.IndicatorsMet++
		}
	}
	r.Met = r.IndicatorsTotal > 0 && r.IndicatorsMet == r.IndicatorsTotal
	return r, done
}

// Compute works out every criterion's result and the totals of an
// assessment from the set's criteria (with their indicators) and the values
// keyed by indicator id. Values of indicators not in the set are ignored.
// The service caches exactly this; loaders that write rows themselves
// (the sample data) must use it too.
func Compute(crits []criteria.Criterion, values map[string]*Value) ([]CriterionResult, Counts) {
	out := make([]CriterionResult, 0, len(crits))
	var t Counts
	for i := range crits {
		r, done := CriterionOf(&crits[i], values)
		out = append(out, r)
		t.CriteriaTotal++
		if r.Met {
			t.CriteriaMet++
		}
		t.IndicatorsTotal += r.IndicatorsTotal
		t.IndicatorsMet += r.IndicatorsMet
		t.IndicatorsDone += done
	}
	return out, t
}

// Decide fills Computed and Met of a value against the requirement:
// Computed is the app's result, Met the override when there is one.
func Decide(v *Value, kind string, req criteria.Requirement) {
	v.Computed = criteria.Evaluate(kind, v.Value, v.Number, req)
	v.Met = v.Computed
	if v.Override != nil {
		o := *v.Override
		v.Met = &o
	}
}

// loadCriteria returns the live criteria of a set in display order, each
// with its live indicators (and their thresholds) in order.
func loadCriteria(tx *gorm.DB, setID string) ([]criteria.Criterion, error) {
	var crits []criteria.Criterion
	err := tx.Where("set_id = ?", setID).
		Preload("Indicators", func(db *gorm.DB) *gorm.DB {
			return db.Order("sort_order ASC").Order("code ASC").Order("id ASC")
		}).
		Preload("Indicators.Thresholds", func(db *gorm.DB) *gorm.DB { return db.Order("key ASC") }).
		Order("sort_order ASC").Order("no ASC").Order("id ASC").
		Find(&crits).Error
	if err != nil {
		return nil, fmt.Errorf("load criteria: %w", err)
	}
	return crits, nil
}

// valuesOf loads an assessment's values keyed by indicator id.
func valuesOf(tx *gorm.DB, assessmentID string) (map[string]*Value, error) {
	var vals []Value
	if err := tx.Where("assessment_id = ?", assessmentID).Find(&vals).Error; err != nil {
		return nil, fmt.Errorf("load values: %w", err)
	}
	m := make(map[string]*Value, len(vals))
	for i := range vals {
		m[vals[i].IndicatorID] = &vals[i]
	}
	return m, nil
}

// Recompute rewrites the cached criterion results and the totals of one
// assessment from its values, inside the caller's transaction. It does not
// change the assessment's Version.
func Recompute(tx *gorm.DB, assessmentID string) (Counts, error) {
	var a Assessment
	if err := tx.Unscoped().Where("id = ?", assessmentID).Limit(1).Find(&a).Error; err != nil {
		return Counts{}, fmt.Errorf("find assessment: %w", err)
	}
	if a.ID == "" {
		return Counts{}, fmt.Errorf("recompute: no assessment %s", assessmentID)
	}
	crits, err := loadCriteria(tx, a.SetID)
	if err != nil {
		return Counts{}, err
	}
	vals, err := valuesOf(tx, a.ID)
	if err != nil {
		return Counts{}, err
	}
	return writeResults(tx, a.ID, crits, vals)
}

// writeResults replaces the cached criterion rows and the totals.
func writeResults(tx *gorm.DB, assessmentID string, crits []criteria.Criterion, vals map[string]*Value) (Counts, error) {
	results, t := Compute(crits, vals)
	if err := tx.Where("assessment_id = ?", assessmentID).Delete(&CriterionResult{}).Error; err != nil {
		return t, fmt.Errorf("clear criterion results: %w", err)
	}
	for i := range results {
		results[i].AssessmentID = assessmentID
	}
	if len(results) > 0 {
		if err := tx.CreateInBatches(results, 200).Error; err != nil {
			return t, fmt.Errorf("write criterion results: %w", err)
		}
	}
	if err := tx.Model(&Assessment{}).Unscoped().Where("id = ?", assessmentID).Updates(map[string]any{
		"criteria_met": t.CriteriaMet, "criteria_total": t.CriteriaTotal, "indicators_met": t.IndicatorsMet,
		"indicators_total": t.IndicatorsTotal, "indicators_done": t.IndicatorsDone,
	}).Error; err != nil {
		return t, fmt.Errorf("write totals: %w", err)
	}
	return t, nil
}

// upsertCriterion writes one cached criterion row.
func upsertCriterion(tx *gorm.DB, r CriterionResult) error {
	err := tx.Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "assessment_id"}, {Name: "criterion_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"met", "indicators_met", "indicators_total"}),
	}).Create(&r).Error
	if err != nil {
		return fmt.Errorf("write criterion result: %w", err)
	}
	return nil
}

// totalsOf counts the totals from the cache and the values with three
// set-based queries (used after one value changed).
func totalsOf(tx *gorm.DB, a *Assessment) (Counts, error) {
	var t Counts
	var crit struct{ Total, Met int }
	if err := tx.Raw(`SELECT COUNT(*) AS total, COALESCE(SUM(CASE WHEN r.met THEN 1 ELSE 0 END), 0) AS met
		FROM criteria_criteria c LEFT JOIN assessment_criteria r ON r.criterion_id = c.id AND r.assessment_id = ?
		WHERE c.set_id = ? AND c.deleted_at IS NULL`, a.ID, a.SetID).Scan(&crit).Error; err != nil {
		return t, fmt.Errorf("count criteria: %w", err)
	}
	var ind struct{ Total, Met, Done int }
	if err := tx.Raw(`SELECT COUNT(*) AS total,
		COALESCE(SUM(CASE WHEN v.met THEN 1 ELSE 0 END), 0) AS met,
		COALESCE(SUM(CASE WHEN v.met IS NOT NULL THEN 1 ELSE 0 END), 0) AS done
		FROM criteria_indicators i
		JOIN criteria_criteria c ON c.id = i.criterion_id AND c.deleted_at IS NULL
		LEFT JOIN assessment_values v ON v.indicator_id = i.id AND v.assessment_id = ? AND v.deleted_at IS NULL
		WHERE i.set_id = ? AND i.deleted_at IS NULL`, a.ID, a.SetID).Scan(&ind).Error; err != nil {
		return t, fmt.Errorf("count indicators: %w", err)
	}
	t.CriteriaTotal, t.CriteriaMet = crit.Total, crit.Met
	t.IndicatorsTotal, t.IndicatorsMet, t.IndicatorsDone = ind.Total, ind.Met, ind.Done
	return t, nil
}
