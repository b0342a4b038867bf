package criteria

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"chungsuc/internal/fault"
	"chungsuc/internal/store"
)

// Service is the criteria sets service.
type Service struct {
	db *gorm.DB
}

// NewService returns the criteria sets service.
func NewService(db *gorm.DB) *Service { return &Service{db: db} }

// assessmentsTable holds the assessments made against a set; the criteria
// package reads it by name so that it does not depend on the assessment
// package (which depends on this one).
const assessmentsTable = "assessments"

var listSort = map[string]string{
	"code": "code", "name": "name", "revision": "revision", "phase": "phase",
	"target": "target", "scope": "scope", "decisionDate": "decision_date",
	"updatedAt": "updated_at", "deletedAt": "deleted_at",
}

// countsSelect adds the computed counts of SetRow.
const countsSelect = "criteria_sets.*, " +
	"(SELECT COUNT(*) FROM criteria_criteria c WHERE c.set_id = criteria_sets.id AND c.deleted_at IS NULL) AS criteria_count, " +
	"(SELECT COUNT(*) FROM criteria_indicators i WHERE i.set_id = criteria_sets.id AND i.deleted_at IS NULL) AS indicator_count, " +
	"(SELECT COUNT(*) FROM " + assessmentsTable + " a WHERE a.set_id = criteria_sets.id AND a.deleted_at IS NULL) AS assessment_count, " +
	"((CASE WHEN criteria_sets.confirmed THEN 0 ELSE 1 END) " +
	"+ (SELECT COUNT(*) FROM criteria_amendments m WHERE m.set_id = criteria_sets.id AND m.deleted_at IS NULL AND NOT m.confirmed) " +
	"+ (SELECT COUNT(*) FROM criteria_conditions d WHERE d.set_id = criteria_sets.id AND d.deleted_at IS NULL AND NOT d.confirmed) " +
	"+ (SELECT COUNT(*) FROM criteria_criteria c WHERE c.set_id = criteria_sets.id AND c.deleted_at IS NULL AND NOT c.confirmed) " +
	"+ (SELECT COUNT(*) FROM criteria_indicators i WHERE i.set_id = criteria_sets.id AND i.deleted_at IS NULL AND NOT i.confirmed) " +
	"+ (SELECT COUNT(*) FROM criteria_thresholds t JOIN criteria_indicators i ON i.id = t.indicator_id " +
	"WHERE i.set_id = criteria_sets.id AND i.deleted_at IS NULL AND t.deleted_at IS NULL AND NOT t.confirmed)) AS unconfirmed_count"

// List returns one page of the agency's sets.
func (s *Service) List(ctx context.Context, agencyID string, q Query) (Page, error) {
	page := Page{Items: []SetRow{}}
	switch q.Current {
	case "", "all", "yes":
	default:
		return page, fault.New(fault.ErrInvalid, "errors.criteria.badFilter", "filter", q.Current)
	}
	tx := s.db.WithContext(ctx).Model(&Set{})
	tx = q.Scope(tx, listSort, "code").Where("criteria_sets.agency_id = ?", agencyID)
	if q.Phase != "" {
		tx = tx.Where("criteria_sets.phase = ?", q.Phase)
	}
	if q.Target != "" {
		tx = tx.Where("criteria_sets.target = ?", q.Target)
	}
	if q.Current == "yes" {
		tx = tx.Where("criteria_sets.current = ?", true)
	}
	if err := tx.Session(&gorm.Session{}).Count(&page.Total).Error; err != nil {
		return page, fmt.Errorf("count criteria sets: %w", err)
	}
	ptx, p, size := q.Paginate(tx.Select(countsSelect))
	page.Page, page.PageSize = p, size
	if err := ptx.Find(&page.Items).Error; err != nil {
		return page, fmt.Errorf("list criteria sets: %w", err)
	}
	return page, nil
}

// Revisions lists every live revision of a code, newest first.
func (s *Service) Revisions(ctx context.Context, agencyID, code string) ([]SetRow, error) {
	out := []SetRow{}
	err := s.db.WithContext(ctx).Model(&Set{}).Select(countsSelect).
		Where("criteria_sets.agency_id = ? AND criteria_sets.code = ?", agencyID, code).
		Order("revision DESC").Order("id ASC").Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("criteria revisions: %w", err)
	}
	return out, nil
}

// preload loads a set's children in display order.
func preload(tx *gorm.DB) *gorm.DB {
	return tx.
		Preload("Amendments", func(db *gorm.DB) *gorm.DB { return db.Order("sort_order ASC").Order("id ASC") }).
		Preload("Conditions", func(db *gorm.DB) *gorm.DB { return db.Order("no ASC").Order("id ASC") }).
		Preload("Criteria", func(db *gorm.DB) *gorm.DB { return db.Order("sort_order ASC").Order("no ASC").Order("id ASC") }).
		Preload("Criteria.Indicators", func(db *gorm.DB) *gorm.DB { return db.Order("sort_order ASC").Order("id ASC") }).
		Preload("Criteria.Indicators.Thresholds", func(db *gorm.DB) *gorm.DB { return db.Order("key ASC").Order("id ASC") })
}

// emptySlices makes the JSON of a set carry [] rather than null.
func emptySlices(s *Set) {
	if s.Amendments == nil {
		s.Amendments = []Amendment{}
	}
	if s.Conditions == nil {
		s.Conditions = []Condition{}
	}
	if s.Criteria == nil {
		s.Criteria = []Criterion{}
	}
	for i := range s.Criteria {
		c := &s.Criteria[i]
		if c.Indicators == nil {
			c.Indicators = []Indicator{}
		}
		for j := range c.Indicators {
			if c.Indicators[j].Thresholds == nil {
				c.Indicators[j].Thresholds = []Threshold{}
			}
		}
	}
}

// Get returns one live set with its amendments, conditions, criteria,
// indicators and thresholds, in order.
func (s *Service) Get(ctx context.Context, agencyID, id string) (Set, error) {
	return GetTx(s.db.WithContext(ctx), agencyID, id)
}

// GetTx is Get inside the caller's transaction (for the assessment package).
func GetTx(tx *gorm.DB, agencyID, id string) (Set, error) {
	var set Set
	if err := store.Get(preload(tx.Where("agency_id = ?", agencyID)), &set, "criteriaSet", id); err != nil {
		return set, err
	}
	emptySlices(&set)
	return set, nil
}

// GetCurrent returns the current revision of a code, with its children.
func (s *Service) GetCurrent(ctx context.Context, agencyID, code string) (Set, error) {
	return GetCurrentTx(s.db.WithContext(ctx), agencyID, code)
}

// GetCurrentTx is GetCurrent inside the caller's transaction.
func GetCurrentTx(tx *gorm.DB, agencyID, code string) (Set, error) {
	var set Set
	err := preload(tx.Where("agency_id = ? AND code = ? AND current = ?", agencyID, code, true)).
		Order("revision DESC").Limit(1).Find(&set).Error
	if err != nil {
		return set, fmt.Errorf("current criteria set: %w", err)
	}
	if set.ID == "" {
		return set, fault.NotFound("criteriaSet")
	}
	emptySlices(&set)
	return set, nil
}

// assessmentCount counts the live assessments made against a set revision.
func assessmentCount(tx *gorm.DB, setID string) (int64, error) {
	var n int64
	err := tx.Table(assessmentsTable).Where("set_id = ? AND deleted_at IS NULL", setID).Count(&n).Error
	if err != nil {
		return 0, fmt.Errorf("count assessments: %w", err)
	}
	return n, nil
}

// Delete soft-deletes a set revision that has no assessments. Deleting the
// current revision makes the newest remaining one current.
func (s *Service) Delete(ctx context.Context, agencyID, id string) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var set Set
		if err := store.Get(tx.Where("agency_id = ?", agencyID), &set, "criteriaSet", id); err != nil {
			return err
		}
		n, err := assessmentCount(tx, id)
		if err != nil {
			return err
		}
		if n > 0 {
			return fault.New(fault.ErrConflict, "errors.criteria.setInUse", "name", set.Name,
				"revision", set.Revision, "count", n)
		}
		if err := store.SoftDelete(tx, &Set{}, "criteriaSet", id); err != nil {
			return err
		}
		if set.Current {
			return promoteNewest(tx, agencyID, set.Code)
		}
		return nil
	})
}

// promoteNewest makes the newest live revision of code current, and only it.
func promoteNewest(tx *gorm.DB, agencyID, code string) error {
	var newest Set
	if err := tx.Where("agency_id = ? AND code = ?", agencyID, code).Order("revision DESC").Limit(1).Find(&newest).Error; err != nil {
		return fmt.Errorf("newest revision: %w", err)
	}
	if err := tx.Model(&Set{}).Where("agency_id = ? AND code = ? AND id <> ? AND current = ?", agencyID, code, newest.ID, true).
		Updates(map[string]any{"current": false, "version": gorm.Expr("version + 1")}).Error; err != nil {
		return fmt.Errorf("demote revisions: %w", err)
	}
	if newest.ID == "" || newest.Current {
		return nil
	}
	if err := tx.Model(&Set{}).Where("id = ?", newest.ID).
		Updates(map[string]any{"current": true, "version": gorm.Expr("version + 1")}).Error; err != nil {
		return fmt.Errorf("promote revision: %w", err)
	}
	return nil
}

// Restore undoes a set revision's deletion; the newest live revision of its
// code is current afterwards.
func (s *Service) Restore(ctx context.Context, agencyID, id string) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var set Set
		if err := store.Get(tx.Unscoped().Where("agency_id = ? AND deleted_at IS NOT NULL", agencyID), &set, "criteriaSet", id); err != nil {
			return err
		}
		var n int64
		if err := tx.Model(&Set{}).Where("agency_id = ? AND code = ? AND revision = ?", agencyID, set.Code, set.Revision).
			Count(&n).Error; err != nil {
			return fmt.Errorf("find revision: %w", err)
		}
		if n > 0 {
			return fault.New(fault.ErrConflict, "errors.criteria.restoreRevisionTaken", "code", set.Code, "revision", set.Revision)
		}
		if err := store.Restore(tx, &Set{}, "criteriaSet", id); err != nil {
			return err
		}
		return promoteNewest(tx, agencyID, set.Code)
	})
}
