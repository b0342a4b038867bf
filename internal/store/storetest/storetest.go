// Package storetest opens real databases for tests: a fresh SQLite file per
// test, or, when CHUNGSUC_TEST_PG holds a PostgreSQL URL, a fresh database
// on that server per test (dropped at the end).
package storetest

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"chungsuc/internal/store"
)

// PGEnv names the variable holding the test server's URL.
const PGEnv = "CHUNGSUC_TEST_PG"

// DSN returns a DSN for a new, empty database for this test.
func DSN(t testing.TB) string {
	t.Helper()
	admin := os.Getenv(PGEnv)
	if admin == "" {
		return filepath.Join(t.TempDir(), "test.db")
	}
	name := "t_" + strings.ReplaceAll(store.NewID(), "-", "")
	ctx := context.Background()
	db, err := store.Open(ctx, admin, store.Options{NoMigrate: true})
	if err != nil {
		t.Fatalf("connect to %s: %v", PGEnv, err)
	}
	defer db.Close()
	if err := db.Exec("CREATE DATABASE " + name).Error; err != nil {
		t.Fatalf("create database: %v", err)
	}
	t.Cleanup(func() {
		db, err := store.Open(ctx, admin, store.Options{NoMigrate: true})
		if err != nil {
			return
		}
		defer db.Close()
		db.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// Open returns a migrated, empty database for this test, closed at the end.
func Open(t testing.TB) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), DSN(t), store.Options{BackupDir: t.TempDir()})
	if err != nil {
		t.Fatalf("open test database: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// OnPostgres reports whether the tests run against PostgreSQL.
func OnPostgres() bool { return os.Getenv(PGEnv) != "" }

// Describe names the engine for test logs.
func Describe() string {
	if OnPostgres() {
		return fmt.Sprintf("postgres (%s)", store.Describe(os.Getenv(PGEnv)))
	}
	return "sqlite"
}
