package assessment

import (
	"context"
	"fmt"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"chungsuc/internal/attach"
	"chungsuc/internal/fault"
	"chungsuc/internal/store"
)

// files keeps the evidence copies; its errors are worded for evidence.
var files = attach.Files{Prefix: "errors.assessment."}

// evidenceOf loads the live evidence of an assessment's values, by value id.
func evidenceOf(tx *gorm.DB, assessmentID string) (map[string][]Evidence, error) {
	var rows []Evidence
	err := tx.Where("owner_type = ? AND owner_id IN (SELECT id FROM assessment_values WHERE assessment_id = ?)",
		OwnerValue, assessmentID).Order("created_at ASC").Order("id ASC").Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("load evidence: %w", err)
	}
	out := map[string][]Evidence{}
	for _, e := range rows {
		out[e.OwnerID] = append(out[e.OwnerID], e)
	}
	return out, nil
}

// valueOwner loads a value and its live assessment of the agency.
func valueOwner(tx *gorm.DB, agencyID, valueID string) (Value, Assessment, error) {
	var v Value
	if err := store.Get(tx, &v, "value", valueID); err != nil {
		return v, Assessment{}, err
	}
	a, err := getAssessment(tx, agencyID, v.AssessmentID)
	if err != nil {
		return v, a, fault.NotFound("value")
	}
	return v, a, nil
}

// AddEvidence copies the file at srcPath into the data folder and attaches
// it to the value of the indicator in the assessment, creating an empty
// value when nothing was entered yet. The same content attached again to
// the same value returns the existing row.
func (s *Service) AddEvidence(ctx context.Context, agencyID, dataDir, assessmentID, indicatorID, srcPath, actor string) (Evidence, error) {
	db := s.db.WithContext(ctx)
	a, err := getAssessment(db, agencyID, assessmentID)
	if err != nil {
		return Evidence{}, err
	}
	if !Editable(a.Status) {
		return Evidence{}, fault.New(fault.ErrRefused, "errors.assessment.notEditable")
	}
	if _, err := getIndicator(db, a.SetID, indicatorID); err != nil {
		return Evidence{}, err
	}
	st, err := files.Copy(dataDir, srcPath)
	if err != nil {
		return Evidence{}, err
	}
	var e Evidence
	err = db.Transaction(func(tx *gorm.DB) error {
		if err := lockAssessment(tx, agencyID, assessmentID); err != nil {
			return err
		}
		a, err := getAssessment(tx, agencyID, assessmentID)
		if err != nil {
			return err
		}
		if !Editable(a.Status) {
			return fault.New(fault.ErrRefused, "errors.assessment.notEditable")
		}
		var v Value
		if err := tx.Where("assessment_id = ? AND indicator_id = ?", a.ID, indicatorID).Limit(1).Find(&v).Error; err != nil {
			return fmt.Errorf("find value: %w", err)
		}
		if v.ID == "" {
			// An empty value to hang the file on; a save of the same
			// indicator may have created it meanwhile.
			nv := Value{AssessmentID: a.ID, IndicatorID: indicatorID}
			created := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&nv)
			if created.Error != nil {
				return fmt.Errorf("create value: %w", created.Error)
			}
			if created.RowsAffected == 1 {
				v = nv
			} else if err := tx.Where("assessment_id = ? AND indicator_id = ?", a.ID, indicatorID).Take(&v).Error; err != nil {
				return fmt.Errorf("find value: %w", err)
			}
		}
		if err := tx.Where("agency_id = ? AND owner_type = ? AND owner_id = ? AND sha256 = ?",
			agencyID, OwnerValue, v.ID, st.SHA256).Limit(1).Find(&e).Error; err != nil {
			return fmt.Errorf("find evidence: %w", err)
		}
		if e.ID != "" {
			return nil
		}
		e = Evidence{AgencyID: agencyID, OwnerType: OwnerValue, OwnerID: v.ID, FileName: st.FileName,
			StoredPath: st.StoredPath, SHA256: st.SHA256, Size: st.Size, MimeType: st.MimeType}
		if err := tx.Create(&e).Error; err != nil {
			return fmt.Errorf("create evidence: %w", err)
		}
		return event(tx, a.ID, ActionEvidenceAdd, actor, &v.IndicatorID, "evidence", "", e.FileName, "")
	})
	return e, err
}

// ListEvidence lists the live evidence of a value.
func (s *Service) ListEvidence(ctx context.Context, agencyID, valueID string) ([]Evidence, error) {
	db := s.db.WithContext(ctx)
	if _, _, err := valueOwner(db, agencyID, valueID); err != nil {
		return nil, err
	}
	out := []Evidence{}
	err := db.Where("agency_id = ? AND owner_type = ? AND owner_id = ?", agencyID, OwnerValue, valueID).
		Order("created_at ASC").Order("id ASC").Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("list evidence: %w", err)
	}
	return out, nil
}

func getEvidence(tx *gorm.DB, agencyID, id string) (Evidence, error) {
	var e Evidence
	err := store.Get(tx.Where("agency_id = ? AND owner_type = ?", agencyID, OwnerValue), &e, "evidence", id)
	return e, err
}

// EvidencePath returns the absolute path of the stored copy after checking
// that it lies inside the data folder and still has the recorded SHA-256.
func (s *Service) EvidencePath(ctx context.Context, agencyID, dataDir, id string) (string, error) {
	e, err := getEvidence(s.db.WithContext(ctx), agencyID, id)
	if err != nil {
		return "", err
	}
	return files.Resolve(dataDir, e.StoredPath, e.SHA256, e.FileName)
}

// DeleteEvidence soft-deletes an evidence row of an editable assessment;
// the stored copy stays (it may be shared).
func (s *Service) DeleteEvidence(ctx context.Context, agencyID, id, actor string) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		e, err := getEvidence(tx, agencyID, id)
		if err != nil {
			return err
		}
		v, a, err := valueOwner(tx, agencyID, e.OwnerID)
		if err != nil {
			return err
		}
		if !Editable(a.Status) {
			return fault.New(fault.ErrRefused, "errors.assessment.notEditable")
		}
		if err := store.SoftDelete(tx, &Evidence{}, "evidence", e.ID); err != nil {
			return err
		}
		return event(tx, a.ID, ActionEvidenceDelete, actor, &v.IndicatorID, "evidence", e.FileName, "", "")
	})
}
