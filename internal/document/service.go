package document

import (
	"fmt"

	"gorm.io/gorm"

	"chungsuc/internal/store"
)

// Service is the document register over one database.
type Service struct {
	db      *gorm.DB
	dataDir string
}

// NewService returns the register; dataDir is the data folder that holds
// the archived PDFs and the signed copies (attachments/…).
func NewService(db *store.DB, dataDir string) *Service { return &Service{db: db.DB, dataDir: dataDir} }

// NewServiceDB is NewService over a plain handle (a transaction, tests).
func NewServiceDB(db *gorm.DB, dataDir string) *Service { return &Service{db: db, dataDir: dataDir} }

// Seed gives an agency the document types of the decree and the built-in
// templates it does not have yet. It is idempotent: a type or template
// code the agency already has (even deleted) is left alone, so the
// agency's edits survive every start.
func Seed(tx *gorm.DB, agencyID string) error {
	if err := seedTypes(tx, agencyID); err != nil {
		return err
	}
	if err := seedTemplates(tx, agencyID); err != nil {
		return fmt.Errorf("document templates seed: %w", err)
	}
	return nil
}
