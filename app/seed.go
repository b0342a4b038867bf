package app

import (
	"context"
	"errors"

	"gorm.io/gorm"

	"chungsuc/internal/award"
	"chungsuc/internal/criteria"
	"chungsuc/internal/document"
	"chungsuc/internal/fault"
	"chungsuc/internal/org"
	"chungsuc/internal/store"
)

// seedCriteria gives the agency the national criteria sets, the award
// catalogue and rules, and the document types and templates, it does not
// have yet: on first run, and on a database made by an older release. A
// code already present (even deleted) is left alone.
func seedCriteria(ctx context.Context, db *store.DB) error {
	a, err := org.NewService(db.DB).CurrentAgency(ctx)
	if errors.Is(err, fault.ErrNotFound) {
		return nil // first run: Setup seeds once the agency exists
	}
	if err != nil {
		return err
	}
	return db.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := criteria.Seed(tx, a.ID); err != nil {
			return err
		}
		if err := award.Seed(tx, a.ID); err != nil {
			return err
		}
		return document.Seed(tx, a.ID)
	})
}
