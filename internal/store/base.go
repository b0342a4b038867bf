package store

import (
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"chungsuc/internal/fault"
)

// Base holds the columns every row has. Embed it in each model.
type Base struct {
	ID        string         `gorm:"primaryKey;size:36" json:"id"`
	CreatedAt time.Time      `json:"createdAt" ts_type:"string"`
	UpdatedAt time.Time      `json:"updatedAt" ts_type:"string"`
	DeletedAt gorm.DeletedAt `gorm:"index" json:"deletedAt" ts_type:"string | null"`
	// Version counts saves; a save that carries an older Version is refused.
	Version int64 `gorm:"not null;default:1" json:"version"`
}

// NewID returns a UUIDv7: time-ordered, so indexes stay compact, and unique
// across machines, so field copies and a shared server can merge.
func NewID() string {
	return uuid.Must(uuid.NewV7()).String()
}

// BeforeCreate fills the id and the first version.
func (b *Base) BeforeCreate(*gorm.DB) error {
	if b.ID == "" {
		b.ID = NewID()
	}
	if b.Version == 0 {
		b.Version = 1
	}
	return nil
}

// Versioned is a model that carries Base.
type Versioned interface {
	base() *Base
}

func (b *Base) base() *Base { return b }

// UpdateVersioned saves the given columns of m if, and only if, the row still
// has the Version that m carries; m.Version is then incremented. A missing
// row gives fault.NotFound(entity), a changed one fault.Stale(entity).
func UpdateVersioned(tx *gorm.DB, m Versioned, entity string, cols ...string) error {
	b := m.base()
	if b.ID == "" {
		return fault.NotFound(entity)
	}
	old := b.Version
	b.Version = old + 1
	cols = append(cols, "version", "updated_at")
	res := tx.Model(m).Where("version = ?", old).Select(cols).Updates(m)
	if res.Error != nil {
		b.Version = old
		return fmt.Errorf("update %s: %w", entity, res.Error)
	}
	if res.RowsAffected == 1 {
		return nil
	}
	b.Version = old
	var n int64
	if err := tx.Model(m).Where("id = ?", b.ID).Count(&n).Error; err != nil {
		return fmt.Errorf("update %s: %w", entity, err)
	}
	if n == 0 {
		return fault.NotFound(entity)
	}
	return fault.Stale(entity)
}

// SoftDelete marks the row deleted; Restore undoes it.
func SoftDelete(tx *gorm.DB, m Versioned, entity, id string) error {
	res := tx.Model(m).Where("id = ?", id).Updates(map[string]any{
		"deleted_at": time.Now().UTC(),
		"version":    gorm.Expr("version + 1"),
	})
	if res.Error != nil {
		return fmt.Errorf("delete %s: %w", entity, res.Error)
	}
	if res.RowsAffected == 0 {
		return fault.NotFound(entity)
	}
	return nil
}

// Restore undeletes a soft-deleted row.
func Restore(tx *gorm.DB, m Versioned, entity, id string) error {
	res := tx.Unscoped().Model(m).Where("id = ? AND deleted_at IS NOT NULL", id).Updates(map[string]any{
		"deleted_at": nil,
		"version":    gorm.Expr("version + 1"),
	})
	if res.Error != nil {
		return fmt.Errorf("restore %s: %w", entity, res.Error)
	}
	if res.RowsAffected == 0 {
		return fault.NotFound(entity)
	}
	return nil
}

// Get loads one live row by id into m.
func Get(tx *gorm.DB, m any, entity, id string) error {
	err := tx.Where("id = ?", id).Take(m).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return fault.NotFound(entity)
	}
	if err != nil {
		return fmt.Errorf("get %s: %w", entity, err)
	}
	return nil
}

// OwnedBy refuses to touch a live row that is not the agency's: versioned
// updates match by id only, so callers check ownership first.
func OwnedBy(tx *gorm.DB, model any, entity, id, agencyID string) error {
	var n int64
	if err := tx.Model(model).Where("id = ? AND agency_id = ?", id, agencyID).Count(&n).Error; err != nil {
		return fmt.Errorf("find %s: %w", entity, err)
	}
	if n == 0 {
		return fault.NotFound(entity)
	}
	return nil
}

// AgencyCodes returns the set of codes the agency's rows of model have,
// deleted rows included: seeding adds only what is missing, and never
// brings back what the agency removed. One query; it runs at every start.
func AgencyCodes(tx *gorm.DB, model any, agencyID string) (map[string]bool, error) {
	var codes []string
	if err := tx.Unscoped().Model(model).Where("agency_id = ?", agencyID).Distinct().Pluck("code", &codes).Error; err != nil {
		return nil, err
	}
	have := make(map[string]bool, len(codes))
	for _, c := range codes {
		have[c] = true
	}
	return have, nil
}
