package award

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"chungsuc/internal/attach"
	"chungsuc/internal/fault"
	"chungsuc/internal/store"
)

// OwnerNominee is the attachments' owner type of a nominee's files.
const OwnerNominee = "award_nominee"

// files keeps the stored copies; its errors are worded for award files.
var files = attach.Files{Prefix: "errors.award."}

// AddAttachment copies the file at srcPath into the data folder and
// attaches it to the nominee (while its batch is in nháp or trả lại). The
// same content attached again to the same nominee returns the existing row.
func (s *Service) AddAttachment(ctx context.Context, agencyID, dataDir, nomineeID, srcPath string) (attach.Attachment, error) {
	db := s.db.WithContext(ctx)
	_, p, err := nomineeOf(db, agencyID, nomineeID)
	if err != nil {
		return attach.Attachment{}, err
	}
	if !textEditable(p.Status) {
		return attach.Attachment{}, fault.New(fault.ErrConflict, "errors.award.filesLocked", "status", p.Status)
	}
	st, err := files.Copy(dataDir, srcPath)
	if err != nil {
		return attach.Attachment{}, err
	}
	a := attach.Attachment{AgencyID: agencyID, OwnerType: OwnerNominee, OwnerID: nomineeID,
		FileName: st.FileName, StoredPath: st.StoredPath, SHA256: st.SHA256, Size: st.Size, MimeType: st.MimeType}
	err = db.Transaction(func(tx *gorm.DB) error {
		var old attach.Attachment
		if err := tx.Where("agency_id = ? AND owner_type = ? AND owner_id = ? AND sha256 = ?",
			agencyID, OwnerNominee, nomineeID, st.SHA256).Limit(1).Find(&old).Error; err != nil {
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

// attachmentOf loads a live nominee attachment of the agency.
func attachmentOf(tx *gorm.DB, agencyID, id string) (attach.Attachment, error) {
	var a attach.Attachment
	err := store.Get(tx.Where("agency_id = ? AND owner_type = ?", agencyID, OwnerNominee), &a, "attachment", id)
	return a, err
}

// AttachmentPath returns the absolute path of the stored copy after
// checking that it lies inside the data folder and still has its SHA-256.
func (s *Service) AttachmentPath(ctx context.Context, agencyID, dataDir, id string) (string, error) {
	a, err := attachmentOf(s.db.WithContext(ctx), agencyID, id)
	if err != nil {
		return "", err
	}
	return files.Resolve(dataDir, a.StoredPath, a.SHA256, a.FileName)
}

// DeleteAttachment soft-deletes a nominee's attachment (while its batch is
// in nháp or trả lại); the stored copy stays.
func (s *Service) DeleteAttachment(ctx context.Context, agencyID, id string) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		a, err := attachmentOf(tx, agencyID, id)
		if err != nil {
			return err
		}
		_, p, err := nomineeOf(tx, agencyID, a.OwnerID)
		if err != nil {
			return err
		}
		if !textEditable(p.Status) {
			return fault.New(fault.ErrConflict, "errors.award.filesLocked", "status", p.Status)
		}
		return store.SoftDelete(tx, &attach.Attachment{}, "attachment", id)
	})
}
