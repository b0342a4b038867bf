// Package sampletest gives tests a database holding the sample data. On
// SQLite the sample is loaded once per test binary and each test gets its
// own copy of the file (loading it takes seconds under the race detector);
// on PostgreSQL each test gets a fresh database loaded the usual way.
package sampletest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"chungsuc/internal/sample"
	"chungsuc/internal/store"
	"chungsuc/internal/store/storetest"
)

var (
	once     sync.Once
	template []byte
	buildErr error
)

// DSN returns the DSN of a new database holding the sample data, for this
// test only.
func DSN(t testing.TB) string {
	t.Helper()
	if storetest.OnPostgres() {
		dsn := storetest.DSN(t)
		load(t, dsn)
		return dsn
	}
	return File(t)
}

// File returns the path of a new SQLite file holding the sample data (a
// copy of the one loaded once per test binary), whatever the engine.
func File(t testing.TB) string {
	t.Helper()
	once.Do(func() { template, buildErr = build() })
	if buildErr != nil {
		t.Fatalf("sample template: %v", buildErr)
	}
	path := filepath.Join(t.TempDir(), "chungsuc.db")
	if err := os.WriteFile(path, template, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// Open returns the sample database of DSN, opened and closed at the end.
func Open(t testing.TB) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), DSN(t), store.Options{BackupDir: t.TempDir()})
	if err != nil {
		t.Fatalf("open sample database: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func load(t testing.TB, dsn string) {
	t.Helper()
	db, err := store.Open(context.Background(), dsn, store.Options{BackupDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := sample.Load(context.Background(), db, false); err != nil {
		t.Fatalf("load sample: %v", err)
	}
}

// build loads the sample into a scratch SQLite file and returns its bytes,
// with the write-ahead log folded in.
func build() ([]byte, error) {
	dir, err := os.MkdirTemp("", "chungsuc-sample-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "sample.db")
	ctx := context.Background()
	db, err := store.Open(ctx, path, store.Options{BackupDir: dir})
	if err != nil {
		return nil, err
	}
	if _, err := sample.Load(ctx, db, false); err != nil {
		db.Close()
		return nil, err
	}
	if err := db.Exec("PRAGMA wal_checkpoint(TRUNCATE)").Error; err != nil {
		db.Close()
		return nil, fmt.Errorf("checkpoint: %w", err)
	}
	if err := db.Close(); err != nil {
		return nil, err
	}
	if fi, err := os.Stat(path + "-wal"); err == nil && fi.Size() > 0 {
		return nil, fmt.Errorf("write-ahead log not folded in (%d bytes)", fi.Size())
	}
	return os.ReadFile(path)
}
