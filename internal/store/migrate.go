package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"chungsuc/internal/fault"
)

// Migration is one step of the schema. Steps are append-only: a released
// step is never edited; a change is a new step. Each step uses its own frozen
// structs, never the live domain models.
type Migration struct {
	Version int
	Name    string
	Up      func(tx *gorm.DB) error
}

const (
	metaTable    = "app_meta"
	versionTable = "schema_migrations"
)

type metaRow struct {
	Key   string `gorm:"primaryKey;size:64"`
	Value string `gorm:"type:text"`
}

func (metaRow) TableName() string { return metaTable }

type versionRow struct {
	Version   int    `gorm:"primaryKey;autoIncrement:false"`
	Name      string `gorm:"size:200"`
	AppliedAt time.Time
}

func (versionRow) TableName() string { return versionTable }

// MigrateReport says what Migrate did.
type MigrateReport struct {
	From, To int
	Applied  []string
	// BackupPath is the copy of the SQLite file taken before migrating.
	BackupPath string
}

// Latest is the newest schema version this build knows.
func Latest(steps []Migration) int {
	if len(steps) == 0 {
		return 0
	}
	return steps[len(steps)-1].Version
}

// SchemaVersion is the version recorded in the database (0 for a new one).
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	if !db.Migrator().HasTable(versionTable) {
		return 0, nil
	}
	var v int
	err := db.WithContext(ctx).Model(&versionRow{}).Select("COALESCE(MAX(version), 0)").Scan(&v).Error
	return v, err
}

// Migrate applies the pending steps, all in one transaction, so that a
// failure leaves the database exactly as it was. An existing SQLite file is
// first copied aside (into backupDir, or beside the file).
func (db *DB) Migrate(ctx context.Context, steps []Migration, backupDir string) (MigrateReport, error) {
	for i, s := range steps {
		if s.Version != i+1 {
			return MigrateReport{}, fmt.Errorf("migration list broken at %d (%s)", i+1, s.Name)
		}
	}
	from, err := db.SchemaVersion(ctx)
	if err != nil {
		return MigrateReport{}, fault.Wrap(err, fault.ErrRefused, "errors.db.cannotOpen", "path", db.Describe())
	}
	rep := MigrateReport{From: from, To: from}
	latest := Latest(steps)
	if from > latest {
		return rep, fault.New(fault.ErrRefused, "errors.db.tooNew", "version", from, "known", latest)
	}
	if from == latest {
		return rep, nil
	}
	if db.Kind == SQLite && from > 0 {
		dir := backupDir
		if dir == "" {
			dir = filepath.Dir(db.Path)
		}
		name := fmt.Sprintf("before-migrate-v%d-%s.db", from, time.Now().Format("20060102-150405"))
		p := filepath.Join(dir, name)
		if err := db.BackupTo(ctx, p); err != nil {
			return rep, fault.Wrap(err, fault.ErrRefused, "errors.db.migrateBackupFailed")
		}
		rep.BackupPath = p
	}
	err = db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.AutoMigrate(&metaRow{}, &versionRow{}); err != nil {
			return err
		}
		if err := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&metaRow{Key: "app", Value: AppName}).Error; err != nil {
			return err
		}
		for _, s := range steps[from:] {
			if err := s.Up(tx); err != nil {
				return fmt.Errorf("migration %d %s: %w", s.Version, s.Name, err)
			}
			if err := tx.Create(&versionRow{Version: s.Version, Name: s.Name, AppliedAt: time.Now().UTC()}).Error; err != nil {
				return err
			}
			rep.Applied = append(rep.Applied, fmt.Sprintf("%d %s", s.Version, s.Name))
		}
		return nil
	})
	if err != nil {
		rep.Applied = nil
		if rep.BackupPath != "" {
			// Nothing changed; the copy is not needed, but keep it if removal fails.
			_ = os.Remove(rep.BackupPath)
			rep.BackupPath = ""
		}
		return rep, fault.Wrap(err, fault.ErrRefused, "errors.db.migrateFailed", "version", from)
	}
	rep.To = latest
	return rep, nil
}

// Meta reads a value from the app_meta table ("" when absent).
func (db *DB) Meta(ctx context.Context, key string) (string, error) {
	return MetaTx(db.WithContext(ctx), key)
}

// MetaTx reads a value inside a transaction.
func MetaTx(tx *gorm.DB, key string) (string, error) {
	var row metaRow
	err := tx.Where("key = ?", key).Limit(1).Find(&row).Error
	if err != nil {
		return "", err
	}
	return row.Value, nil
}

// SetMeta writes a value to the app_meta table.
func (db *DB) SetMeta(ctx context.Context, key, value string) error {
	return SetMetaTx(db.WithContext(ctx), key, value)
}

// SetMetaTx writes a value inside a transaction.
func SetMetaTx(tx *gorm.DB, key, value string) error {
	return tx.Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "key"}},
		DoUpdates: clause.AssignmentColumns([]string{"value"}),
	}).Create(&metaRow{Key: key, Value: value}).Error
}

// IsEmpty reports whether the database holds no agency yet (first run).
func (db *DB) IsEmpty(ctx context.Context) (bool, error) {
	var n int64
	if err := db.WithContext(ctx).Table("agencies").Where("deleted_at IS NULL").Count(&n).Error; err != nil {
		return false, err
	}
	return n == 0, nil
}

var errNotSQLite = errors.New("backup is only for SQLite")
