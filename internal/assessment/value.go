package assessment

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"chungsuc/internal/criteria"
	"chungsuc/internal/fault"
	"chungsuc/internal/store"
	"chungsuc/internal/vntext"
)

// getIndicator loads a live indicator of the set with its thresholds.
func getIndicator(tx *gorm.DB, setID, id string) (criteria.Indicator, error) {
	var ind criteria.Indicator
	if err := tx.Preload("Thresholds").Where("set_id = ? AND id = ?", setID, id).Limit(1).Find(&ind).Error; err != nil {
		return ind, fmt.Errorf("find indicator: %w", err)
	}
	if ind.ID == "" {
		return ind, fault.NotFound("indicator")
	}
	return ind, nil
}

// cleanValue normalises and validates one entry for the indicator's kind.
func cleanValue(in *ValueInput, kind string) error {
	in.Note = vntext.CleanText(in.Note)
	in.OverrideReason = vntext.CleanText(in.OverrideReason)
	var v fault.Validation
	switch kind {
	case criteria.KindPassFail:
		in.Value, in.Number = vntext.Clean(in.Value), nil
		v.OneOf("value", in.Value, "", criteria.ValueDat, criteria.ValueKhongDat)
	case criteria.KindPercent, criteria.KindNumber:
		in.Value = ""
		if in.Number != nil {
			x := *in.Number
			switch {
			case math.IsNaN(x) || math.IsInf(x, 0):
				v.Add("number", "validation.number")
			case kind == criteria.KindPercent && (x < 0 || x > 100):
				v.Add("number", "validation.assessment.percent", "min", 0, "max", 100)
			}
		}
	default:
		in.Value, in.Number = vntext.CleanText(in.Value), nil
		v.MaxLen("value", in.Value, maxValueText)
	}
	if in.Override == nil {
		in.OverrideReason = ""
	} else {
		checkReason(&v, "overrideReason", in.OverrideReason, "validation.assessment.overrideReason")
	}
	v.MaxLen("note", in.Note, maxNote)
	return v.Err()
}

func fmtBool(b *bool) string {
	if b == nil {
		return ""
	}
	return strconv.FormatBool(*b)
}

func fmtNum(x *float64) string {
	if x == nil {
		return ""
	}
	return strconv.FormatFloat(*x, 'f', -1, 64)
}

// SaveValue saves one indicator's entry in an editable assessment: it
// decides the result against the locality's requirement, rewrites the
// criterion's cached result and the assessment's totals, and appends one
// event per changed field — all in one transaction. Values carry no
// version (each autosave is the whole entry; the last one wins); the
// assessment's Version is incremented.
func (s *Service) SaveValue(ctx context.Context, agencyID string, in ValueInput) (ValueResult, error) {
	for attempt := 1; ; attempt++ {
		res, err := s.saveValue(ctx, agencyID, in)
		if err != errRaced || attempt == 3 {
			if err == errRaced {
				err = fault.Stale("value")
			}
			return res, err
		}
	}
}

// errRaced: another save created the same value first (two autosaves of
// one indicator at once on a server database); the save is run again.
var errRaced = errors.New("value created concurrently")

func (s *Service) saveValue(ctx context.Context, agencyID string, in ValueInput) (ValueResult, error) {
	var res ValueResult
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := lockAssessment(tx, agencyID, in.AssessmentID); err != nil {
			return err
		}
		a, err := getAssessment(tx, agencyID, in.AssessmentID)
		if err != nil {
			return err
		}
		if !Editable(a.Status) {
			return fault.New(fault.ErrRefused, "errors.assessment.notEditable")
		}
		ind, err := getIndicator(tx, a.SetID, in.IndicatorID)
		if err != nil {
			return err
		}
		if err := cleanValue(&in, ind.Kind); err != nil {
			return err
		}
		set, err := getSet(unscoped(tx), agencyID, a.SetID)
		if err != nil {
			return err
		}
		_, place, err := localityInfo(unscoped(tx), agencyID, a.LocalityID)
		if err != nil {
			return err
		}
		key, reason := criteria.KeyFor(&set, place)
		var old Value
		if err := tx.Where("assessment_id = ? AND indicator_id = ?", a.ID, ind.ID).Limit(1).Find(&old).Error; err != nil {
			return fmt.Errorf("find value: %w", err)
		}
		nv := old
		nv.AssessmentID, nv.IndicatorID = a.ID, ind.ID
		nv.Value, nv.Number, nv.Override, nv.OverrideReason, nv.Note = in.Value, in.Number, in.Override, in.OverrideReason, in.Note
		Decide(&nv, ind.Kind, criteria.RequirementFor(&ind, key, reason))

		type change struct{ field, old, new string }
		var changes []change
		add := func(field, o, n string) {
			if o != n {
				changes = append(changes, change{field, o, n})
			}
		}
		add("value", old.Value, nv.Value)
		add("number", fmtNum(old.Number), fmtNum(nv.Number))
		add("override", fmtBool(old.Override), fmtBool(nv.Override))
		add("overrideReason", old.OverrideReason, nv.OverrideReason)
		add("note", old.Note, nv.Note)
		add("met", fmtBool(old.Met), fmtBool(nv.Met))
		computedChanged := fmtBool(old.Computed) != fmtBool(nv.Computed)

		if len(changes) == 0 && !computedChanged && old.ID != "" {
			res.Value = old
		} else {
			res.Changed = true
			if old.ID == "" {
				created := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&nv)
				if created.Error != nil {
					return fmt.Errorf("create value: %w", created.Error)
				}
				if created.RowsAffected == 0 {
					return errRaced
				}
			} else if err := store.UpdateVersioned(tx, &nv, "value", "value", "number", "computed", "override",
				"override_reason", "met", "note"); err != nil {
				return err
			}
			res.Value = nv
		}
		// The criterion's cached result, from its live indicators' values.
		crit, err := criterionWithIndicators(tx, ind.CriterionID)
		if err != nil {
			return err
		}
		vals, err := valuesOf(tx, a.ID)
		if err != nil {
			return err
		}
		r, _ := CriterionOf(&crit, vals)
		r.AssessmentID = a.ID
		if res.Changed {
			if err := upsertCriterion(tx, r); err != nil {
				return err
			}
		}
		res.Criterion = r
		t, err := totalsOf(tx, &a)
		if err != nil {
			return err
		}
		if res.Changed {
			up := tx.Model(&Assessment{}).Where("id = ?", a.ID).Updates(map[string]any{
				"criteria_met": t.CriteriaMet, "criteria_total": t.CriteriaTotal, "indicators_met": t.IndicatorsMet,
				"indicators_total": t.IndicatorsTotal, "indicators_done": t.IndicatorsDone,
				"version": gorm.Expr("version + 1"),
			})
			if up.Error != nil {
				return fmt.Errorf("update totals: %w", up.Error)
			}
			if err := tx.Where("id = ?", a.ID).Take(&a).Error; err != nil {
				return fmt.Errorf("reload assessment: %w", err)
			}
			for _, c := range changes {
				if err := event(tx, a.ID, ActionValue, in.Actor, &ind.ID, c.field, c.old, c.new, ""); err != nil {
					return err
				}
			}
		}
		res.Totals = Totals{AssessmentID: a.ID, Status: a.Status, Version: a.Version, UpdatedAt: a.UpdatedAt,
			CriteriaMet: t.CriteriaMet, CriteriaTotal: t.CriteriaTotal, IndicatorsMet: t.IndicatorsMet,
			IndicatorsTotal: t.IndicatorsTotal, IndicatorsDone: t.IndicatorsDone}
		return nil
	})
	return res, err
}

// criterionWithIndicators loads one criterion with its live indicators.
func criterionWithIndicators(tx *gorm.DB, id string) (criteria.Criterion, error) {
	var c criteria.Criterion
	if err := tx.Preload("Indicators").Where("id = ?", id).Limit(1).Find(&c).Error; err != nil {
		return c, fmt.Errorf("find criterion: %w", err)
	}
	return c, nil
}

// lockAssessment takes the write lock on the assessment row before anything
// is read, so saves of one assessment run one after the other and each
// computes the criterion result and totals from the values the previous one
// wrote (a row lock on PostgreSQL, the write lock on SQLite). It changes
// nothing.
func lockAssessment(tx *gorm.DB, agencyID, id string) error {
	if err := tx.Exec("UPDATE assessments SET version = version WHERE id = ? AND agency_id = ?", id, agencyID).Error; err != nil {
		return fmt.Errorf("lock assessment: %w", err)
	}
	return nil
}
