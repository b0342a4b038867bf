package store_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/glebarez/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"chungsuc/internal/fault"
	"chungsuc/internal/store"
	"chungsuc/internal/store/storetest"
)

// keyOf is the translation key of err, or "" when err carries none.
func keyOf(err error) string {
	if fe, ok := fault.As(err); ok {
		return fe.Key
	}
	return ""
}

func wantKey(t *testing.T, err error, key string) *fault.Error {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %s", key)
	}
	fe, ok := fault.As(err)
	if !ok || fe.Key != key {
		t.Fatalf("got %v, want key %s", err, key)
	}
	return fe
}

func skipOnPostgres(t *testing.T, why string) {
	t.Helper()
	if storetest.OnPostgres() {
		t.Skip("SQLite only: " + why)
	}
}

func open(t *testing.T, dsn string, opts store.Options) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), dsn, opts)
	if err != nil {
		t.Fatalf("open %s: %v", store.Describe(dsn), err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func tables(t *testing.T, db *store.DB) map[string]bool {
	t.Helper()
	list, err := db.Migrator().GetTables()
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]bool{}
	for _, n := range list {
		m[n] = true
	}
	return m
}

func count(t *testing.T, db *gorm.DB, table string) int64 {
	t.Helper()
	var n int64
	if err := db.Table(table).Count(&n).Error; err != nil {
		t.Fatalf("count %s: %v", table, err)
	}
	return n
}

func insertAgency(t *testing.T, db *gorm.DB, name string) {
	t.Helper()
	now := time.Now().UTC()
	err := db.Exec("INSERT INTO agencies (id, created_at, updated_at, version, name) VALUES (?, ?, ?, 1, ?)",
		store.NewID(), now, now, name).Error
	if err != nil {
		t.Fatalf("insert agency: %v", err)
	}
}

func TestOpenNewSQLiteSetsPragmas(t *testing.T) {
	skipOnPostgres(t, "PRAGMA journal_mode/foreign_keys/busy_timeout are SQLite settings")
	path := filepath.Join(t.TempDir(), "sub", "dir", "new.db")
	db := open(t, path, store.Options{})
	if db.Kind != store.SQLite || db.Path != path {
		t.Fatalf("kind %s path %s", db.Kind, db.Path)
	}
	var mode string
	var fk, busy int
	db.Raw("PRAGMA journal_mode").Scan(&mode)
	db.Raw("PRAGMA foreign_keys").Scan(&fk)
	db.Raw("PRAGMA busy_timeout").Scan(&busy)
	if mode != "wal" || fk != 1 || busy < 1000 {
		t.Fatalf("journal_mode=%q foreign_keys=%d busy_timeout=%d", mode, fk, busy)
	}
	head := make([]byte, 16)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Read(head); err != nil || string(head) != "SQLite format 3\x00" {
		t.Fatalf("file header %q %v", head, err)
	}
	// foreign_keys is really enforced: a unit of a missing agency is refused.
	now := time.Now().UTC()
	err = db.Exec("INSERT INTO units (id, created_at, updated_at, version, agency_id, name, kind) VALUES (?, ?, ?, 1, ?, 'x', 'phong')",
		store.NewID(), now, now, store.NewID()).Error
	if err == nil {
		t.Fatal("a unit referring to a missing agency was accepted: foreign keys are off")
	}
}

func TestOpenMigratesAndReopenIsNoop(t *testing.T) {
	ctx := context.Background()
	dsn := storetest.DSN(t)
	db := open(t, dsn, store.Options{BackupDir: t.TempDir()})
	v, err := db.SchemaVersion(ctx)
	if err != nil || v != store.Latest(store.Migrations) {
		t.Fatalf("schema version %d %v, want %d", v, err, store.Latest(store.Migrations))
	}
	if n := count(t, db.DB, "schema_migrations"); n != int64(len(store.Migrations)) {
		t.Fatalf("schema_migrations rows: %d", n)
	}
	if app, err := db.Meta(ctx, "app"); err != nil || app != store.AppName {
		t.Fatalf("app_meta app = %q %v", app, err)
	}
	for _, tbl := range []string{"agencies", "units", "staff", "campaigns", "campaign_legal_bases", "campaign_targets", "campaign_milestones"} {
		if !db.Migrator().HasTable(tbl) {
			t.Errorf("table %s missing", tbl)
		}
	}
	insertAgency(t, db.DB, "SỞ A")
	db.Close()

	backups := t.TempDir()
	db2 := open(t, dsn, store.Options{BackupDir: backups})
	rep, err := db2.Migrate(ctx, store.Migrations, backups)
	if err != nil || rep.From != rep.To || len(rep.Applied) != 0 || rep.BackupPath != "" {
		t.Fatalf("second migrate: %+v %v", rep, err)
	}
	if n := count(t, db2.DB, "schema_migrations"); n != int64(len(store.Migrations)) {
		t.Fatalf("schema_migrations rows after reopen: %d", n)
	}
	if n := count(t, db2.DB, "agencies"); n != 1 {
		t.Fatalf("agencies after reopen: %d", n)
	}
	if entries, _ := os.ReadDir(backups); len(entries) != 0 {
		t.Fatalf("a no-op migration wrote backups: %v", entries)
	}
}

// failing returns the production steps plus a step that creates a table,
// writes a row, and then fails.
func failing() []store.Migration {
	steps := append([]store.Migration(nil), store.Migrations...)
	return append(steps, store.Migration{
		Version: len(steps) + 1, Name: "broken",
		Up: func(tx *gorm.DB) error {
			if err := tx.Exec("CREATE TABLE extra_step (id INTEGER PRIMARY KEY)").Error; err != nil {
				return err
			}
			if err := tx.Exec("UPDATE agencies SET name = 'CHANGED'").Error; err != nil {
				return err
			}
			return errors.New("step fails on purpose")
		},
	})
}

func TestFailingMigrationLeavesDatabaseUntouched(t *testing.T) {
	ctx := context.Background()
	backups := t.TempDir()
	db := open(t, storetest.DSN(t), store.Options{BackupDir: backups})
	insertAgency(t, db.DB, "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG")
	before := tables(t, db)

	rep, err := db.Migrate(ctx, failing(), backups)
	fe := wantKey(t, err, "errors.db.migrateFailed")
	if !errors.Is(err, fault.ErrRefused) || fe.Params["version"] != store.Latest(store.Migrations) {
		t.Fatalf("error %v params %v", err, fe.Params)
	}
	if len(rep.Applied) != 0 || rep.BackupPath != "" {
		t.Fatalf("report after failure: %+v", rep)
	}
	if v, _ := db.SchemaVersion(ctx); v != store.Latest(store.Migrations) {
		t.Fatalf("schema version moved to %d", v)
	}
	after := tables(t, db)
	if after["extra_step"] || len(after) != len(before) {
		t.Fatalf("tables changed: before %v after %v", before, after)
	}
	var name string
	db.Raw("SELECT name FROM agencies").Scan(&name)
	if name != "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG" {
		t.Fatalf("data changed by a failed migration: %q", name)
	}
	if entries, _ := os.ReadDir(backups); len(entries) != 0 {
		t.Fatalf("the pre-migration copy of a failed migration was kept: %v", entries)
	}
}

func TestFailingMigrationOnNewDatabaseCreatesNothing(t *testing.T) {
	ctx := context.Background()
	db := open(t, storetest.DSN(t), store.Options{NoMigrate: true})
	_, err := db.Migrate(ctx, failing(), t.TempDir())
	wantKey(t, err, "errors.db.migrateFailed")
	if got := tables(t, db); len(got) != 0 {
		t.Fatalf("a failed first migration left tables: %v", got)
	}
	if v, err := db.SchemaVersion(ctx); v != 0 || err != nil {
		t.Fatalf("schema version %d %v", v, err)
	}
}

func TestBrokenMigrationListRefused(t *testing.T) {
	db := open(t, storetest.DSN(t), store.Options{NoMigrate: true})
	steps := []store.Migration{store.Migrations[0], {Version: 3, Name: "gap", Up: func(*gorm.DB) error { return nil }}}
	if _, err := db.Migrate(context.Background(), steps, t.TempDir()); err == nil {
		t.Fatal("a migration list with a gap was accepted")
	}
	if got := tables(t, db); len(got) != 0 {
		t.Fatalf("tables after refused list: %v", got)
	}
}

func TestPendingMigrationCopiesFileAside(t *testing.T) {
	skipOnPostgres(t, "the pre-migration copy is a file copy; PostgreSQL is backed up on the server")
	ctx := context.Background()
	backups := t.TempDir()
	path := filepath.Join(t.TempDir(), "live.db")
	db := open(t, path, store.Options{BackupDir: backups})
	insertAgency(t, db.DB, "SỞ CŨ")
	old := store.Latest(store.Migrations)
	steps := append(append([]store.Migration(nil), store.Migrations...), store.Migration{
		Version: old + 1, Name: "add extra",
		Up: func(tx *gorm.DB) error {
			return tx.Exec("CREATE TABLE extra_step (id INTEGER PRIMARY KEY)").Error
		},
	})
	rep, err := db.Migrate(ctx, steps, backups)
	if err != nil {
		t.Fatal(err)
	}
	if rep.From != old || rep.To != old+1 || len(rep.Applied) != 1 {
		t.Fatalf("report %+v", rep)
	}
	if filepath.Dir(rep.BackupPath) != backups {
		t.Fatalf("backup %q not in %q", rep.BackupPath, backups)
	}
	v, err := store.CheckBackupFile(ctx, rep.BackupPath)
	if err != nil || v != old {
		t.Fatalf("pre-migration copy: version %d, %v", v, err)
	}
	cp := open(t, rep.BackupPath, store.Options{NoMigrate: true})
	if cp.Migrator().HasTable("extra_step") || count(t, cp.DB, "agencies") != 1 {
		t.Fatal("the pre-migration copy is not the old database")
	}
	if !db.Migrator().HasTable("extra_step") {
		t.Fatal("migration not applied to the live database")
	}
}

func setSchemaVersion(t *testing.T, db *store.DB, v int) {
	t.Helper()
	err := db.Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'future', ?)", v, time.Now().UTC()).Error
	if err != nil {
		t.Fatal(err)
	}
}

func TestDatabaseNewerThanBuildRefused(t *testing.T) {
	ctx := context.Background()
	dsn := storetest.DSN(t)
	db := open(t, dsn, store.Options{BackupDir: t.TempDir()})
	future := store.Latest(store.Migrations) + 5
	setSchemaVersion(t, db, future)
	db.Close()
	_, err := store.Open(ctx, dsn, store.Options{BackupDir: t.TempDir()})
	fe := wantKey(t, err, "errors.db.tooNew")
	if fe.Params["version"] != future || fe.Params["known"] != store.Latest(store.Migrations) {
		t.Fatalf("params %v", fe.Params)
	}
	// NoMigrate still opens it (to report or back it up), untouched.
	ro := open(t, dsn, store.Options{NoMigrate: true})
	if v, _ := ro.SchemaVersion(ctx); v != future {
		t.Fatalf("version %d", v)
	}
}

func sha(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestNonSQLiteFileIsNotOurs(t *testing.T) {
	skipOnPostgres(t, "file headers are an SQLite matter")
	random := make([]byte, 4096)
	rand.Read(random)
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 100)...)
	cases := map[string][]byte{
		"text":          []byte("Danh sách cán bộ\nNguyễn Văn An\n"),
		"png":           png,
		"random":        random,
		"short prefix":  []byte("SQLite form"),
		"almost sqlite": []byte("SQLite format 2\x00 and more bytes after the header"),
	}
	for name, content := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "file.db")
			if err := os.WriteFile(path, content, 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := store.Open(context.Background(), path, store.Options{BackupDir: dir})
			fe := wantKey(t, err, "errors.db.notOurs")
			if fe.Params["path"] != path {
				t.Fatalf("params %v", fe.Params)
			}
			if !bytes.Equal(sha(t, path), content) {
				t.Fatal("the foreign file was changed")
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 1 {
				t.Fatalf("files appeared beside the foreign file: %v", entries)
			}
			_, err = store.CheckBackupFile(context.Background(), path)
			wantKey(t, err, "errors.db.notOurs")
		})
	}
}

// foreignSQLite writes an SQLite file of another application, in the
// default (rollback journal) mode, without going through our store.
func foreignSQLite(t *testing.T, path string) {
	t.Helper()
	g, err := gorm.Open(sqlite.Open(path), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)").Error; err != nil {
		t.Fatal(err)
	}
	if err := g.Exec("INSERT INTO notes (body) VALUES ('ghi chú')").Error; err != nil {
		t.Fatal(err)
	}
	sqlDB, _ := g.DB()
	sqlDB.Close()
}

func TestOtherAppsSQLiteFileIsNotOurs(t *testing.T) {
	skipOnPostgres(t, "an SQLite file of another application")
	dir := t.TempDir()
	path := filepath.Join(dir, "other.db")
	foreignSQLite(t, path)
	before := sha(t, path)
	_, err := store.Open(context.Background(), path, store.Options{BackupDir: dir})
	wantKey(t, err, "errors.db.notOurs")
	if !bytes.Equal(sha(t, path), before) {
		t.Fatal("opening another application's SQLite file changed it")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("files appeared beside the foreign database: %v", entries)
	}
	_, err = store.CheckBackupFile(context.Background(), path)
	wantKey(t, err, "errors.db.notOurs")
}

func TestOtherAppsDatabaseIsNotOurs(t *testing.T) {
	// On both engines: a database with tables but no Chung Sức marker, and
	// one whose app_meta names another application.
	cases := map[string][]string{
		"no marker": {"CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"},
		"other app": {
			"CREATE TABLE app_meta (key VARCHAR(64) PRIMARY KEY, value TEXT)",
			"INSERT INTO app_meta (key, value) VALUES ('app', 'other')",
		},
	}
	for name, stmts := range cases {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			dsn := storetest.DSN(t)
			db := open(t, dsn, store.Options{NoMigrate: true})
			for _, s := range stmts {
				if err := db.Exec(s).Error; err != nil {
					t.Fatal(err)
				}
			}
			db.Close()
			for i := 0; i < 2; i++ { // still refused the second time: nothing was written
				_, err := store.Open(ctx, dsn, store.Options{BackupDir: t.TempDir()})
				wantKey(t, err, "errors.db.notOurs")
			}
		})
	}
}

func TestPostgresDownIsUnreachable(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, err := store.Open(ctx, "postgres://x:secret@127.0.0.1:1/db", store.Options{})
	fe := wantKey(t, err, "errors.db.unreachable")
	server, _ := fe.Params["server"].(string)
	if strings.Contains(server, "secret") || !strings.Contains(server, "127.0.0.1:1") {
		t.Fatalf("server param %q", server)
	}
}

func TestDescribeHidesPassword(t *testing.T) {
	cases := map[string]string{
		"postgres://u:pw@h:5432/db":    "postgres://u:%2A%2A%2A@h:5432/db",
		"postgresql://u@h/db":          "postgresql://u@h/db",
		"/home/a/chungsuc.db":          "/home/a/chungsuc.db",
		"postgres://u:p%40ss@h/db?x=1": "postgres://u:%2A%2A%2A@h/db?x=1",
	}
	for in, want := range cases {
		got := store.Describe(in)
		if got != want || strings.Contains(got, "pw") || strings.Contains(got, "p%40ss") {
			t.Errorf("Describe(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestResolveDSN(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("CHUNGSUC_DATA_DIR", dir)
	t.Setenv("CHUNGSUC_DB", "")
	if got, _ := store.ResolveDSN(""); got != filepath.Join(dir, "chungsuc.db") {
		t.Fatalf("default dsn %q", got)
	}
	t.Setenv("CHUNGSUC_DB", "/tmp/env.db")
	if got, _ := store.ResolveDSN(""); got != "/tmp/env.db" {
		t.Fatalf("env dsn %q", got)
	}
	if got, _ := store.ResolveDSN("flag.db"); got != "flag.db" {
		t.Fatalf("flag dsn %q", got)
	}
}

func TestMigrationWithoutBackupIsNotRun(t *testing.T) {
	skipOnPostgres(t, "the pre-migration copy is an SQLite file copy")
	ctx := context.Background()
	db := open(t, filepath.Join(t.TempDir(), "live.db"), store.Options{BackupDir: t.TempDir()})
	// The backup folder cannot be created: a file is in its way.
	blocked := filepath.Join(t.TempDir(), "not-a-dir")
	os.WriteFile(blocked, []byte("x"), 0o644)
	steps := append(append([]store.Migration(nil), store.Migrations...), store.Migration{
		Version: len(store.Migrations) + 1, Name: "never",
		Up: func(tx *gorm.DB) error { return tx.Exec("CREATE TABLE extra_step (id INTEGER)").Error },
	})
	_, err := db.Migrate(ctx, steps, filepath.Join(blocked, "backups"))
	wantKey(t, err, "errors.db.migrateBackupFailed")
	if v, _ := db.SchemaVersion(ctx); v != store.Latest(store.Migrations) || db.Migrator().HasTable("extra_step") {
		t.Fatalf("migrated without a backup: version %d", v)
	}
}
