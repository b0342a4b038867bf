package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"chungsuc/internal/fault"
)

// BackupTo writes a consistent copy of the SQLite database to dest, even
// while the app is writing (VACUUM INTO runs inside a read transaction). The
// copy is written beside dest and renamed, so dest is never half written.
func (db *DB) BackupTo(ctx context.Context, dest string) error {
	if db.Kind != SQLite {
		return fault.Wrap(errNotSQLite, fault.ErrRefused, "errors.backup.postgres")
	}
	dest, err := filepath.Abs(dest)
	if err != nil {
		return fault.Wrap(err, fault.ErrInvalid, "errors.backup.badPath", "path", dest)
	}
	if dest == db.Path {
		return fault.New(fault.ErrInvalid, "errors.backup.samePath", "path", dest)
	}
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return fault.Wrap(err, fault.ErrRefused, "errors.backup.cannotWrite", "path", dest)
	}
	tmp := dest + ".part"
	_ = os.Remove(tmp)
	if err := db.WithContext(ctx).Exec("VACUUM INTO ?", tmp).Error; err != nil {
		_ = os.Remove(tmp)
		return fault.Wrap(err, fault.ErrRefused, "errors.backup.cannotWrite", "path", dest)
	}
	if err := os.Rename(tmp, dest); err != nil {
		_ = os.Remove(tmp)
		return fault.Wrap(err, fault.ErrRefused, "errors.backup.cannotWrite", "path", dest)
	}
	return nil
}

// BackupInfo describes one file in the backup folder.
type BackupInfo struct {
	Name    string    `json:"name"`
	Path    string    `json:"path"`
	Size    int64     `json:"size"`
	ModTime time.Time `json:"modTime" ts_type:"string"`
	Auto    bool      `json:"auto"`
}

// ListBackups lists the .db files in dir, newest first.
func ListBackups(dir string) ([]BackupInfo, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return []BackupInfo{}, nil
	}
	if err != nil {
		return nil, err
	}
	out := []BackupInfo{}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".db") {
			continue
		}
		fi, err := e.Info()
		if err != nil {
			continue
		}
		out = append(out, BackupInfo{
			Name: e.Name(), Path: filepath.Join(dir, e.Name()), Size: fi.Size(),
			ModTime: fi.ModTime(), Auto: strings.HasPrefix(e.Name(), autoPrefix),
		})
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].ModTime.Equal(out[j].ModTime) {
			return out[i].ModTime.After(out[j].ModTime)
		}
		return out[i].Name > out[j].Name
	})
	return out, nil
}

const autoPrefix = "auto-"

// BackupName is the file name of a backup taken now; kind is "auto",
// "manual" or "before-restore".
func BackupName(kind string, now time.Time) string {
	return fmt.Sprintf("%s-%s.db", kind, now.Format("20060102-150405"))
}

// DailyBackup takes the automatic backup of the day if none exists yet and
// keeps the newest keep automatic backups. It returns the new file's path,
// or "" when today's backup already existed.
func (db *DB) DailyBackup(ctx context.Context, dir string, now time.Time, keep int) (string, error) {
	if db.Kind != SQLite {
		return "", nil
	}
	list, err := ListBackups(dir)
	if err != nil {
		return "", err
	}
	today := autoPrefix + now.Format("20060102")
	for _, b := range list {
		if strings.HasPrefix(b.Name, today) {
			return "", nil
		}
	}
	p := filepath.Join(dir, BackupName("auto", now))
	if err := db.BackupTo(ctx, p); err != nil {
		return "", err
	}
	list, err = ListBackups(dir)
	if err != nil {
		return p, err
	}
	// Retention goes by the date in the name, not the file time, which a
	// copy between machines may have changed.
	var auto []BackupInfo
	for _, b := range list {
		if b.Auto {
			auto = append(auto, b)
		}
	}
	sort.Slice(auto, func(i, j int) bool { return auto[i].Name > auto[j].Name })
	for i := keep; i < len(auto); i++ {
		if err := os.Remove(auto[i].Path); err != nil {
			return p, err
		}
	}
	return p, nil
}

// CheckBackupFile opens src read-only and verifies that it is a Chung Sức
// database this build can use. It returns the file's schema version.
func CheckBackupFile(ctx context.Context, src string) (int, error) {
	fi, err := os.Stat(src)
	if err != nil {
		return 0, fault.Wrap(err, fault.ErrNotFound, "errors.restore.missing", "path", src)
	}
	if fi.IsDir() || fi.Size() == 0 {
		return 0, fault.New(fault.ErrRefused, "errors.db.notOurs", "path", src)
	}
	if err := checkSQLiteHeader(src); err != nil {
		return 0, err
	}
	// Work on a copy: opening a database may create -wal/-shm files beside
	// it, and the file the user picked must not be touched.
	tmpDir, err := os.MkdirTemp("", "chungsuc-check-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(tmpDir)
	tmp := filepath.Join(tmpDir, "check.db")
	if err := copyFile(src, tmp); err != nil {
		return 0, fault.Wrap(err, fault.ErrRefused, "errors.restore.cannotRead", "path", src)
	}
	db, err := Open(ctx, tmp, Options{NoMigrate: true})
	if err != nil {
		var fe *fault.Error
		if errors.As(err, &fe) && fe.Key == "errors.db.notOurs" {
			return 0, fault.New(fault.ErrRefused, "errors.db.notOurs", "path", src)
		}
		if isCorrupt(err) {
			return 0, fault.Wrap(err, fault.ErrRefused, "errors.restore.corrupt", "path", src)
		}
		return 0, fault.Wrap(err, fault.ErrRefused, "errors.restore.cannotRead", "path", src)
	}
	defer db.Close()
	if !db.Migrator().HasTable(metaTable) {
		return 0, fault.New(fault.ErrRefused, "errors.db.notOurs", "path", src)
	}
	var check string
	if err := db.Raw("PRAGMA integrity_check").Scan(&check).Error; err != nil || check != "ok" {
		return 0, fault.New(fault.ErrRefused, "errors.restore.corrupt", "path", src)
	}
	v, err := db.SchemaVersion(ctx)
	if err != nil {
		return 0, fault.Wrap(err, fault.ErrRefused, "errors.restore.cannotRead", "path", src)
	}
	if v > Latest(Migrations) {
		return 0, fault.New(fault.ErrRefused, "errors.db.tooNew", "version", v, "known", Latest(Migrations))
	}
	return v, nil
}

// RestoreFile replaces the (closed) SQLite database at dbPath with src.
// The caller must have closed every connection to dbPath and taken a backup.
// The new file is copied next to dbPath first and renamed over it, so a
// failure midway leaves the old database in place.
func RestoreFile(ctx context.Context, dbPath, src string) error {
	if _, err := CheckBackupFile(ctx, src); err != nil {
		return err
	}
	tmp := dbPath + ".restore"
	if err := copyFile(src, tmp); err != nil {
		_ = os.Remove(tmp)
		return fault.Wrap(err, fault.ErrRefused, "errors.restore.cannotWrite", "path", dbPath)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Remove(dbPath + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			_ = os.Remove(tmp)
			return fault.Wrap(err, fault.ErrRefused, "errors.restore.inUse", "path", dbPath)
		}
	}
	if err := os.Rename(tmp, dbPath); err != nil {
		_ = os.Remove(tmp)
		return fault.Wrap(err, fault.ErrRefused, "errors.restore.cannotWrite", "path", dbPath)
	}
	return nil
}

// isCorrupt reports whether err carries SQLite's SQLITE_CORRUPT (11) or
// SQLITE_NOTADB (26) result code: a damaged file, not an unreadable one.
func isCorrupt(err error) bool {
	var coded interface{ Code() int }
	if !errors.As(err, &coded) {
		return false
	}
	c := coded.Code() & 0xff
	return c == 11 || c == 26
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
