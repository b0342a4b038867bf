package sponsor

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"chungsuc/internal/attach"
	"chungsuc/internal/store"
)

// Attachment is a file attached to an activity (owner type "activity").
type Attachment = attach.Attachment

const ownerActivity = "activity"

// files keeps the stored copies; its errors are worded for activities.
var files = attach.Files{Prefix: "errors.sponsor."}

// MaxAttachmentBytes must equal the limit the copies are checked against
// (a negative difference would not compile as an unsigned constant).
const _ = uint(MaxAttachmentBytes-attach.MaxBytes) + uint(attach.MaxBytes-MaxAttachmentBytes)

// CheckStoredPath refuses a stored path that is absolute, climbs out with
// "..", uses backslashes or lies outside the attachments folder.
func CheckStoredPath(p string) error { return files.CheckStoredPath(p) }

// AddAttachment copies the file at srcPath into the data folder and attaches
// it to the activity. The same content attached again to the same activity
// returns the existing attachment.
func (s *Service) AddAttachment(ctx context.Context, agencyID, dataDir, activityID, srcPath string) (Attachment, error) {
	db := s.db.WithContext(ctx)
	var act Activity
	if err := liveActivity(db, agencyID, activityID, &act); err != nil {
		return Attachment{}, err
	}
	st, err := files.Copy(dataDir, srcPath)
	if err != nil {
		return Attachment{}, err
	}
	sum := st.SHA256
	a := Attachment{
		AgencyID: agencyID, OwnerType: ownerActivity, OwnerID: activityID,
		FileName: st.FileName, StoredPath: st.StoredPath, SHA256: sum, Size: st.Size, MimeType: st.MimeType,
	}
	err = db.Transaction(func(tx *gorm.DB) error {
		var old Attachment
		if err := tx.Where("agency_id = ? AND owner_type = ? AND owner_id = ? AND sha256 = ?",
			agencyID, ownerActivity, activityID, sum).Limit(1).Find(&old).Error; err != nil {
			return fmt.Errorf("find attachment: %w", err)
		}
		if old.ID != "" {
			a = old
			return nil
		}
		if err := tx.Create(&a).Error; err != nil {
			return fmt.Errorf("create attachment: %w", err)
		}
		return nil
	})
	return a, err
}

// GetAttachment returns one live attachment of the agency.
func (s *Service) GetAttachment(ctx context.Context, agencyID, id string) (Attachment, error) {
	var a Attachment
	err := store.Get(s.db.WithContext(ctx).Where("agency_id = ?", agencyID), &a, "attachment", id)
	return a, err
}

// Path returns the absolute path of the stored copy after checking that it
// lies inside the data folder and still has the recorded SHA-256.
func (s *Service) Path(ctx context.Context, agencyID, dataDir, id string) (string, error) {
	a, err := s.GetAttachment(ctx, agencyID, id)
	if err != nil {
		return "", err
	}
	return files.Resolve(dataDir, a.StoredPath, a.SHA256, a.FileName)
}

// DeleteAttachment soft-deletes an attachment; the stored copy stays (it may
// be shared, and the attachment may be restored).
func (s *Service) DeleteAttachment(ctx context.Context, agencyID, id string) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var a Attachment
		if err := store.Get(tx.Where("agency_id = ?", agencyID), &a, "attachment", id); err != nil {
			return err
		}
		return store.SoftDelete(tx, &Attachment{}, "attachment", id)
	})
}

// RestoreAttachment undeletes an attachment.
func (s *Service) RestoreAttachment(ctx context.Context, agencyID, id string) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var a Attachment
		if err := store.Get(tx.Unscoped().Where("agency_id = ? AND deleted_at IS NOT NULL", agencyID), &a, "attachment", id); err != nil {
			return err
		}
		return store.Restore(tx, &Attachment{}, "attachment", id)
	})
}
