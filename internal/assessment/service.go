package assessment

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"chungsuc/internal/criteria"
	"chungsuc/internal/fault"
	"chungsuc/internal/locality"
	"chungsuc/internal/store"
	"chungsuc/internal/vntext"
)

// Service is the assessments service.
type Service struct {
	db *gorm.DB
}

// NewService returns the assessments service.
func NewService(db *gorm.DB) *Service { return &Service{db: db} }

// Limits of the free-text fields.
const (
	maxName      = 200
	maxNote      = 4000
	maxValueText = 2000
	maxReason    = 2000
	// MinReason is the shortest override or reopen reason accepted.
	MinReason = 5
	// undecidedShown is how many undecided codes the finalise refusal names.
	undecidedShown = 5
)

// getAssessment loads a live assessment of the agency.
func getAssessment(tx *gorm.DB, agencyID, id string) (Assessment, error) {
	var a Assessment
	err := store.Get(tx.Where("agency_id = ?", agencyID), &a, "assessment", id)
	return a, err
}

// getSet loads a live criteria set header (no children) of the agency.
func getSet(tx *gorm.DB, agencyID, id string) (criteria.Set, error) {
	var s criteria.Set
	if err := tx.Where("agency_id = ? AND id = ?", agencyID, id).Limit(1).Find(&s).Error; err != nil {
		return s, fmt.Errorf("find criteria set: %w", err)
	}
	if s.ID == "" {
		return s, fault.NotFound("criteriaSet")
	}
	return s, nil
}

// setCodeOf returns the code of a set (deleted ones included).
func setCodeOf(tx *gorm.DB, setID string) (string, error) {
	var codes []string
	if err := tx.Table("criteria_sets").Where("id = ?", setID).Limit(1).Pluck("code", &codes).Error; err != nil {
		return "", fmt.Errorf("find set code: %w", err)
	}
	if len(codes) == 0 {
		return "", fault.NotFound("criteriaSet")
	}
	return codes[0], nil
}

// event appends one history entry.
func event(tx *gorm.DB, assessmentID, action, actor string, indicatorID *string, field, oldV, newV, reason string) error {
	e := Event{AssessmentID: assessmentID, Action: action, Actor: vntext.Clean(actor), IndicatorID: indicatorID,
		Field: field, OldValue: oldV, NewValue: newV, Reason: reason}
	if err := tx.Create(&e).Error; err != nil {
		return fmt.Errorf("write assessment event: %w", err)
	}
	return nil
}

// duplicate reports whether another live assessment of the locality with
// the same set code (any revision) has the date.
func duplicate(tx *gorm.DB, agencyID, localityID, setCode, date, excludeID string) (bool, error) {
	q := tx.Table("assessments AS a").Joins("JOIN criteria_sets s ON s.id = a.set_id").
		Where("a.agency_id = ? AND a.locality_id = ? AND s.code = ? AND a.date = ? AND a.deleted_at IS NULL",
			agencyID, localityID, setCode, date)
	if excludeID != "" {
		q = q.Where("a.id <> ?", excludeID)
	}
	var n int64
	if err := q.Count(&n).Error; err != nil {
		return false, fmt.Errorf("find duplicate assessment: %w", err)
	}
	return n > 0, nil
}

// previousOf finds the latest live finalised assessment of the locality
// with the same set code (any revision) dated before date; nil when none.
func previousOf(tx *gorm.DB, agencyID, localityID, setCode, date, excludeID string) (*Assessment, error) {
	var prev Assessment
	q := tx.Model(&Assessment{}).
		Where("assessments.agency_id = ? AND assessments.locality_id = ? AND assessments.status = ? AND assessments.date < ?",
			agencyID, localityID, StatusFinal, date).
		Where("assessments.set_id IN (SELECT id FROM criteria_sets WHERE agency_id = ? AND code = ?)", agencyID, setCode)
	if excludeID != "" {
		q = q.Where("assessments.id <> ?", excludeID)
	}
	if err := q.Order("assessments.date DESC").Order("assessments.id DESC").Limit(1).Find(&prev).Error; err != nil {
		return nil, fmt.Errorf("find previous assessment: %w", err)
	}
	if prev.ID == "" {
		return nil, nil
	}
	return &prev, nil
}

// checkStaff checks an optional assessor and returns the staff name.
func checkStaff(tx *gorm.DB, agencyID string, id *string, v *fault.Validation) (string, error) {
	if id == nil {
		return "", nil
	}
	var names []string
	if err := tx.Table("staff").Where("agency_id = ? AND id = ? AND deleted_at IS NULL", agencyID, *id).
		Limit(1).Pluck("full_name", &names).Error; err != nil {
		return "", fmt.Errorf("find assessor: %w", err)
	}
	if len(names) == 0 {
		v.Add("assessorStaffId", "validation.assessment.staffMissing")
		return "", nil
	}
	return names[0], nil
}

func yearOf(date string) int {
	t, err := time.Parse(fault.DateLayout, date)
	if err != nil {
		return 0
	}
	return t.Year()
}

// Create starts a draft assessment: one locality × one set × one date.
// With Copy, the values of the previous finalised assessment of the same
// set code are copied (matched by indicator, or by criterion number and
// indicator code across revisions) and decided again against this
// locality's current requirement.
func (s *Service) Create(ctx context.Context, agencyID string, in NewInput) (Assessment, error) {
	in.LocalityID = vntext.Clean(in.LocalityID)
	in.SetID = vntext.Clean(in.SetID)
	in.Date = vntext.Clean(in.Date)
	in.AssessorName = vntext.Clean(in.AssessorName)
	in.Note = vntext.CleanText(in.Note)
	in.AssessorStaffID = vntext.CleanRef(in.AssessorStaffID)
	var a Assessment
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var v fault.Validation
		v.Required("localityId", in.LocalityID)
		v.Required("setId", in.SetID)
		v.Date("date", in.Date, true)
		v.MaxLen("assessorName", in.AssessorName, maxName)
		v.MaxLen("note", in.Note, maxNote)
		staffName, err := checkStaff(tx, agencyID, in.AssessorStaffID, &v)
		if err != nil {
			return err
		}
		var set criteria.Set
		if in.SetID != "" {
			if set, err = getSet(tx, agencyID, in.SetID); errors.Is(err, fault.ErrNotFound) {
				v.Add("setId", "validation.assessment.setMissing")
			} else if err != nil {
				return err
			}
		}
		var loc locality.Locality
		if in.LocalityID != "" {
			if err := tx.Where("agency_id = ? AND id = ?", agencyID, in.LocalityID).Limit(1).Find(&loc).Error; err != nil {
				return fmt.Errorf("find locality: %w", err)
			}
			switch {
			case loc.ID == "":
				v.Add("localityId", "validation.assessment.localityMissing")
			case set.ID != "" && loc.Level != set.Scope:
				v.Add("localityId", "validation.assessment.scope", "name", loc.Name, "level", loc.Level, "scope", set.Scope)
			}
		}
		if err := v.Err(); err != nil {
			return err
		}
		crits, err := loadCriteria(tx, set.ID)
		if err != nil {
			return err
		}
		if len(crits) == 0 {
			return fault.New(fault.ErrRefused, "errors.assessment.setEmpty", "set", set.Name)
		}
		dup, err := duplicate(tx, agencyID, loc.ID, set.Code, in.Date, "")
		if err != nil {
			return err
		}
		if dup {
			return fault.New(fault.ErrConflict, "errors.assessment.duplicate", "date", in.Date)
		}
		if in.AssessorName == "" {
			in.AssessorName = staffName
		}
		a = Assessment{AgencyID: agencyID, LocalityID: loc.ID, SetID: set.ID, Date: in.Date, Year: yearOf(in.Date),
			Status: StatusDraft, AssessorStaffID: in.AssessorStaffID, AssessorName: in.AssessorName, Note: in.Note}
		if err := tx.Create(&a).Error; err != nil {
			return fmt.Errorf("create assessment: %w", err)
		}
		vals := map[string]*Value{}
		copied := ""
		if in.Copy {
			prev, err := previousOf(tx, agencyID, loc.ID, set.Code, in.Date, a.ID)
			if err != nil {
				return err
			}
			if prev != nil {
				if vals, err = copyValues(tx, agencyID, &a, prev, crits); err != nil {
					return err
				}
				copied = prev.ID
			}
		}
		t, err := writeResults(tx, a.ID, crits, vals)
		if err != nil {
			return err
		}
		a.CriteriaMet, a.CriteriaTotal, a.IndicatorsMet, a.IndicatorsTotal, a.IndicatorsDone =
			t.CriteriaMet, t.CriteriaTotal, t.IndicatorsMet, t.IndicatorsTotal, t.IndicatorsDone
		if err := event(tx, a.ID, ActionCreate, in.Actor, nil, "", "", a.Date, ""); err != nil {
			return err
		}
		if copied != "" {
			return event(tx, a.ID, ActionCreate, in.Actor, nil, "copyFrom", "", copied, "")
		}
		return nil
	})
	return a, err
}

// copyValues copies the previous assessment's values onto a's indicators
// and decides them against a's locality.
func copyValues(tx *gorm.DB, agencyID string, a, prev *Assessment, crits []criteria.Criterion) (map[string]*Value, error) {
	old, err := prevValues(tx, prev.ID)
	if err != nil {
		return nil, err
	}
	_, place, err := localityInfo(tx, agencyID, a.LocalityID)
	if err != nil {
		return nil, err
	}
	set, err := getSet(unscoped(tx), agencyID, a.SetID)
	if err != nil {
		return nil, err
	}
	key, reason := criteria.KeyFor(&set, place)
	out := map[string]*Value{}
	var rows []Value
	for ci := range crits {
		c := &crits[ci]
		for ii := range c.Indicators {
			ind := &c.Indicators[ii]
			p := old.match(ind.ID, c.No, ind.Code)
			if p == nil {
				continue
			}
			v := Value{AssessmentID: a.ID, IndicatorID: ind.ID, Value: p.Value.Value, Number: p.Number, Note: p.Note}
			if p.Override != nil {
				o := *p.Override
				v.Override, v.OverrideReason = &o, p.OverrideReason
			}
			normaliseKind(&v, ind.Kind)
			Decide(&v, ind.Kind, criteria.RequirementFor(ind, key, reason))
			rows = append(rows, v)
		}
	}
	if len(rows) > 0 {
		if err := tx.CreateInBatches(&rows, 200).Error; err != nil {
			return nil, fmt.Errorf("copy values: %w", err)
		}
	}
	for i := range rows {
		out[rows[i].IndicatorID] = &rows[i]
	}
	return out, nil
}

// normaliseKind keeps only what the indicator kind uses: a number for
// percent and number kinds, a text for the others.
func normaliseKind(v *Value, kind string) {
	switch kind {
	case criteria.KindPercent, criteria.KindNumber:
		v.Value = ""
	default:
		v.Number = nil
	}
}

// SaveHeader saves the date, the assessor and the note of an editable
// assessment; a.Version must be the stored one.
func (s *Service) SaveHeader(ctx context.Context, agencyID string, in Assessment, actor string) (Assessment, error) {
	var a Assessment
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		if a, err = getAssessment(tx, agencyID, in.ID); err != nil {
			return err
		}
		if a.Version != in.Version {
			return fault.Stale("assessment")
		}
		if !Editable(a.Status) {
			return fault.New(fault.ErrRefused, "errors.assessment.notEditable")
		}
		date, name, note := vntext.Clean(in.Date), vntext.Clean(in.AssessorName), vntext.CleanText(in.Note)
		staff := vntext.CleanRef(in.AssessorStaffID)
		var v fault.Validation
		v.Date("date", date, true)
		v.MaxLen("assessorName", name, maxName)
		v.MaxLen("note", note, maxNote)
		if _, err := checkStaff(tx, agencyID, staff, &v); err != nil {
			return err
		}
		if err := v.Err(); err != nil {
			return err
		}
		if date != a.Date {
			code, err := setCodeOf(tx, a.SetID)
			if err != nil {
				return err
			}
			dup, err := duplicate(tx, agencyID, a.LocalityID, code, date, a.ID)
			if err != nil {
				return err
			}
			if dup {
				return fault.New(fault.ErrConflict, "errors.assessment.duplicate", "date", date)
			}
		}
		type change struct{ field, old, new string }
		var changes []change
		if date != a.Date {
			changes = append(changes, change{"date", a.Date, date})
		}
		if name != a.AssessorName {
			changes = append(changes, change{"assessorName", a.AssessorName, name})
		}
		if ref(staff) != ref(a.AssessorStaffID) {
			changes = append(changes, change{"assessorStaffId", ref(a.AssessorStaffID), ref(staff)})
		}
		if note != a.Note {
			changes = append(changes, change{"note", a.Note, note})
		}
		if len(changes) == 0 {
			return nil
		}
		a.Date, a.Year, a.AssessorName, a.AssessorStaffID, a.Note = date, yearOf(date), name, staff, note
		if err := store.UpdateVersioned(tx, &a, "assessment", "date", "year", "assessor_name", "assessor_staff_id", "note"); err != nil {
			return err
		}
		for _, c := range changes {
			if err := event(tx, a.ID, ActionHeader, actor, nil, c.field, c.old, c.new, ""); err != nil {
				return err
			}
		}
		return nil
	})
	return a, err
}

func ref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// undecidedRow is an indicator of an assessment without a decided result.
type undecidedRow struct {
	IndicatorID string
	Code        string
	No          int
}

// undecided lists the indicators without a decided result, in checklist order.
func undecided(tx *gorm.DB, a *Assessment) ([]undecidedRow, error) {
	var out []undecidedRow
	err := tx.Raw(`SELECT i.id AS indicator_id, i.code AS code, c.no AS no
		FROM criteria_indicators i
		JOIN criteria_criteria c ON c.id = i.criterion_id AND c.deleted_at IS NULL
		LEFT JOIN assessment_values v ON v.indicator_id = i.id AND v.assessment_id = ? AND v.deleted_at IS NULL
		WHERE i.set_id = ? AND i.deleted_at IS NULL AND (v.id IS NULL OR v.met IS NULL)
		ORDER BY c.sort_order, c.no, c.id, i.sort_order, i.code, i.id`, a.ID, a.SetID).Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("find undecided indicators: %w", err)
	}
	return out, nil
}

// Finalise marks an assessment hoàn tất. Every indicator must have a
// decided result; the refusal names how many are not and the first codes.
func (s *Service) Finalise(ctx context.Context, agencyID, id string, version int64, actor string) (Assessment, error) {
	var a Assessment
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		if a, err = getAssessment(tx, agencyID, id); err != nil {
			return err
		}
		if a.Version != version {
			return fault.Stale("assessment")
		}
		if !Editable(a.Status) {
			return fault.New(fault.ErrConflict, "errors.assessment.alreadyFinal")
		}
		t, err := Recompute(tx, a.ID)
		if err != nil {
			return err
		}
		if t.IndicatorsTotal == 0 {
			return fault.New(fault.ErrRefused, "errors.assessment.noIndicators")
		}
		und, err := undecided(tx, &a)
		if err != nil {
			return err
		}
		if len(und) > 0 {
			codes := make([]string, 0, undecidedShown)
			ids := make([]string, 0, len(und))
			for i, u := range und {
				ids = append(ids, u.IndicatorID)
				if i < undecidedShown {
					c := u.Code
					if c == "" {
						c = fmt.Sprint(u.No)
					}
					codes = append(codes, c)
				}
			}
			more := ""
			if len(und) > undecidedShown {
				more = "…"
			}
			return fault.New(fault.ErrRefused, "errors.assessment.undecided",
				"count", len(und), "codes", strings.Join(codes, ", ")+more, "ids", ids)
		}
		now, from := time.Now().UTC(), a.Status
		a.Status, a.FinalisedAt = StatusFinal, &now
		a.CriteriaMet, a.CriteriaTotal, a.IndicatorsMet, a.IndicatorsTotal, a.IndicatorsDone =
			t.CriteriaMet, t.CriteriaTotal, t.IndicatorsMet, t.IndicatorsTotal, t.IndicatorsDone
		if err := store.UpdateVersioned(tx, &a, "assessment", "status", "finalised_at"); err != nil {
			return err
		}
		return event(tx, a.ID, ActionFinalise, actor, nil, "status", from, StatusFinal,
			fmt.Sprintf("%d/%d", t.CriteriaMet, t.CriteriaTotal))
	})
	return a, err
}

// Reopen reopens a finalised assessment for changes; the reason is kept.
func (s *Service) Reopen(ctx context.Context, agencyID, id string, version int64, reason, actor string) (Assessment, error) {
	var a Assessment
	reason = vntext.CleanText(reason)
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		if a, err = getAssessment(tx, agencyID, id); err != nil {
			return err
		}
		if a.Version != version {
			return fault.Stale("assessment")
		}
		if a.Status != StatusFinal {
			return fault.New(fault.ErrConflict, "errors.assessment.notFinal")
		}
		var v fault.Validation
		checkReason(&v, "reason", reason, "validation.assessment.reopenReason")
		if err := v.Err(); err != nil {
			return err
		}
		a.Status, a.ReopenReason, a.FinalisedAt = StatusReopened, reason, nil
		if err := store.UpdateVersioned(tx, &a, "assessment", "status", "reopen_reason", "finalised_at"); err != nil {
			return err
		}
		return event(tx, a.ID, ActionReopen, actor, nil, "status", StatusFinal, StatusReopened, reason)
	})
	return a, err
}

// checkReason requires a written reason of at least MinReason characters.
func checkReason(v *fault.Validation, field, reason, key string) {
	if vntext.Len(reason) < MinReason {
		v.Add(field, key, "min", MinReason)
		return
	}
	v.MaxLen(field, reason, maxReason)
}

// Delete soft-deletes a draft or reopened assessment; a finalised one must
// be reopened first.
func (s *Service) Delete(ctx context.Context, agencyID, id, actor string) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		a, err := getAssessment(tx, agencyID, id)
		if err != nil {
			return err
		}
		if !Editable(a.Status) {
			return fault.New(fault.ErrRefused, "errors.assessment.deleteFinal")
		}
		if err := event(tx, a.ID, ActionDelete, actor, nil, "", "", "", ""); err != nil {
			return err
		}
		return store.SoftDelete(tx, &Assessment{}, "assessment", a.ID)
	})
}

// Restore undoes a deletion, unless another assessment of the locality and
// set code now has the same date.
func (s *Service) Restore(ctx context.Context, agencyID, id, actor string) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var a Assessment
		if err := store.Get(tx.Unscoped().Where("agency_id = ? AND deleted_at IS NOT NULL", agencyID), &a, "assessment", id); err != nil {
			return err
		}
		code, err := setCodeOf(tx, a.SetID)
		if err != nil {
			return err
		}
		dup, err := duplicate(tx, agencyID, a.LocalityID, code, a.Date, a.ID)
		if err != nil {
			return err
		}
		if dup {
			return fault.New(fault.ErrConflict, "errors.assessment.duplicate", "date", a.Date)
		}
		if err := store.Restore(tx, &Assessment{}, "assessment", a.ID); err != nil {
			return err
		}
		return event(tx, a.ID, ActionRestore, actor, nil, "", "", "", "")
	})
}
