package app

import (
	"context"
	"errors"

	"gorm.io/gorm"

	"chungsuc/internal/criteria"
	"chungsuc/internal/fault"
	"chungsuc/internal/org"
	"chungsuc/internal/store"
)

// seedCriteria gives the agency the national criteria sets it does not have
// yet: on first run, and on a database made by an older release. A set code
// already present (even deleted) is left alone.
func seedCriteria(ctx context.Context, db *store.DB) error {
	a, err := org.NewService(db.DB).CurrentAgency(ctx)
	if errors.Is(err, fault.ErrNotFound) {
		return nil // first run: Setup seeds once the agency exists
	}
	if err != nil {
		return err
	}
	return db.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return criteria.Seed(tx, a.ID)
	})
}
