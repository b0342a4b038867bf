package store_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"chungsuc/internal/fault"
	"chungsuc/internal/store"
	"chungsuc/internal/store/storetest"
)

const noBackupOnPG = "backups and restores are SQLite file operations (PostgreSQL is backed up with pg_dump)"

// liveFile returns an SQLite Chung Sức database in a temp dir with n agencies.
func liveFile(t *testing.T, n int) *store.DB {
	t.Helper()
	db := open(t, filepath.Join(t.TempDir(), "chungsuc.db"), store.Options{BackupDir: t.TempDir()})
	for i := 0; i < n; i++ {
		insertAgency(t, db.DB, "SỞ "+strings.Repeat("X", i%50))
	}
	return db
}

// agenciesIn opens a backup file and counts its agencies.
func agenciesIn(t *testing.T, path string) int64 {
	t.Helper()
	if _, err := store.CheckBackupFile(context.Background(), path); err != nil {
		t.Fatalf("backup %s: %v", path, err)
	}
	db, err := store.Open(context.Background(), path, store.Options{NoMigrate: true})
	if err != nil {
		t.Fatalf("open backup: %v", err)
	}
	defer db.Close()
	return count(t, db.DB, "agencies")
}

func TestBackupRefusedOnPostgres(t *testing.T) {
	if !storetest.OnPostgres() {
		t.Skip("PostgreSQL only: checks that a server database is not file-copied")
	}
	db := storetest.Open(t)
	err := db.BackupTo(context.Background(), filepath.Join(t.TempDir(), "x.db"))
	wantKey(t, err, "errors.backup.postgres")
	p, err := db.DailyBackup(context.Background(), t.TempDir(), time.Now(), 14)
	if p != "" || err != nil {
		t.Fatalf("daily backup on PostgreSQL: %q %v", p, err)
	}
}

func TestBackupWhileAnotherConnectionWrites(t *testing.T) {
	skipOnPostgres(t, noBackupOnPG)
	ctx := context.Background()
	db := liveFile(t, 3)
	// A second process (the window, while the CLI backs up) holds an open
	// write transaction with rows not yet committed.
	other := open(t, db.Path, store.Options{NoMigrate: true})
	tx := other.Begin()
	insertAgency(t, tx, "CHƯA LƯU")
	dest := filepath.Join(t.TempDir(), "during-tx.db")
	if err := db.BackupTo(ctx, dest); err != nil {
		tx.Rollback()
		t.Fatalf("backup during a write transaction: %v", err)
	}
	if err := tx.Commit().Error; err != nil {
		t.Fatal(err)
	}
	if n := agenciesIn(t, dest); n != 3 {
		t.Fatalf("backup holds %d agencies, want the 3 committed before it", n)
	}
	if _, err := os.Stat(dest + ".part"); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("temporary .part file left behind")
	}

	// Now with writes committing all the time.
	var wg sync.WaitGroup
	stop := make(chan struct{})
	wg.Add(1)
	var writeErr error
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			if err := other.Exec("INSERT INTO agencies (id, created_at, updated_at, version, name) VALUES (?, ?, ?, 1, 'GHI')",
				store.NewID(), time.Now().UTC(), time.Now().UTC()).Error; err != nil {
				writeErr = err
				return
			}
		}
	}()
	var copies []string
	for i := 0; i < 5; i++ {
		p := filepath.Join(t.TempDir(), "busy.db")
		if err := db.BackupTo(ctx, p); err != nil {
			close(stop)
			wg.Wait()
			t.Fatalf("backup %d under writes: %v", i, err)
		}
		copies = append(copies, p)
	}
	close(stop)
	wg.Wait()
	if writeErr != nil {
		t.Fatalf("writer failed during backups: %v", writeErr)
	}
	total := count(t, db.DB, "agencies")
	prev := int64(4)
	for _, p := range copies {
		n := agenciesIn(t, p)
		if n < prev || n > total {
			t.Fatalf("copy %s has %d agencies, want between %d and %d", p, n, prev, total)
		}
		prev = n
	}
}

func TestBackupRefusesLiveFile(t *testing.T) {
	skipOnPostgres(t, noBackupOnPG)
	ctx := context.Background()
	db := liveFile(t, 2)
	before := sha(t, db.Path)
	rel, err := filepath.Rel(mustWd(t), db.Path)
	if err != nil {
		t.Fatal(err)
	}
	for _, dest := range []string{db.Path, rel, filepath.Join(filepath.Dir(db.Path), ".", "chungsuc.db")} {
		err := db.BackupTo(ctx, dest)
		wantKey(t, err, "errors.backup.samePath")
	}
	if !bytes.Equal(sha(t, db.Path), before) {
		t.Fatal("the live database changed")
	}
	if n := count(t, db.DB, "agencies"); n != 2 {
		t.Fatalf("agencies %d", n)
	}
}

func mustWd(t *testing.T) string {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return wd
}

func TestDailyBackupKeepsFourteen(t *testing.T) {
	skipOnPostgres(t, noBackupOnPG)
	ctx := context.Background()
	db := liveFile(t, 1)
	dir := t.TempDir()
	manual := filepath.Join(dir, store.BackupName("manual", time.Date(2024, 1, 1, 9, 0, 0, 0, time.Local)))
	if err := db.BackupTo(ctx, manual); err != nil {
		t.Fatal(err)
	}
	day0 := time.Date(2025, 3, 1, 8, 30, 0, 0, time.Local)
	for d := 0; d < 20; d++ {
		now := day0.AddDate(0, 0, d)
		p, err := db.DailyBackup(ctx, dir, now, 14)
		if err != nil || p == "" {
			t.Fatalf("day %d: %q %v", d, p, err)
		}
		if !strings.HasPrefix(filepath.Base(p), "auto-"+now.Format("20060102")) {
			t.Fatalf("day %d: name %s", d, p)
		}
		// Later the same day: nothing new.
		again, err := db.DailyBackup(ctx, dir, now.Add(5*time.Hour), 14)
		if again != "" || err != nil {
			t.Fatalf("day %d second call: %q %v", d, again, err)
		}
	}
	list, err := store.ListBackups(dir)
	if err != nil {
		t.Fatal(err)
	}
	var autos []string
	manualKept := false
	for _, b := range list {
		if b.Auto {
			autos = append(autos, b.Name)
		} else if b.Path == manual {
			manualKept = true
		}
	}
	if len(autos) != 14 {
		t.Fatalf("%d automatic backups kept, want 14: %v", len(autos), autos)
	}
	if !strings.HasPrefix(autos[0], "auto-"+day0.AddDate(0, 0, 19).Format("20060102")) ||
		!strings.HasPrefix(autos[13], "auto-"+day0.AddDate(0, 0, 6).Format("20060102")) {
		t.Fatalf("kept the wrong days: %v", autos)
	}
	if !manualKept {
		t.Fatal("the manual backup was pruned with the automatic ones")
	}
	if n := agenciesIn(t, filepath.Join(dir, autos[0])); n != 1 {
		t.Fatalf("latest daily backup has %d agencies", n)
	}
}

func TestCheckBackupFile(t *testing.T) {
	skipOnPostgres(t, noBackupOnPG)
	ctx := context.Background()
	db := liveFile(t, 400)
	good := filepath.Join(t.TempDir(), "good.db")
	if err := db.BackupTo(ctx, good); err != nil {
		t.Fatal(err)
	}
	v, err := store.CheckBackupFile(ctx, good)
	if err != nil || v != store.Latest(store.Migrations) {
		t.Fatalf("good backup: %d %v", v, err)
	}
	goodBytes := sha(t, good)
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	truncated := write("truncated.db", goodBytes[:len(goodBytes)/2])
	garbled := append([]byte(nil), goodBytes...)
	for i := len(garbled) / 2; i < len(garbled)/2+4096 && i < len(garbled); i++ {
		garbled[i] = 0xA5
	}
	garbledPath := write("garbled.db", garbled)
	other := filepath.Join(dir, "other.db")
	foreignSQLite(t, other)

	tooNewDB := liveFile(t, 1)
	setSchemaVersion(t, tooNewDB, store.Latest(store.Migrations)+1)
	tooNew := filepath.Join(dir, "too-new.db")
	if err := tooNewDB.BackupTo(ctx, tooNew); err != nil {
		t.Fatal(err)
	}

	cases := []struct {
		path string
		keys []string
	}{
		{write("text.db", []byte("không phải cơ sở dữ liệu")), []string{"errors.db.notOurs"}},
		{write("empty.db", nil), []string{"errors.db.notOurs"}},
		{other, []string{"errors.db.notOurs"}},
		{truncated, []string{"errors.restore.corrupt"}},
		{garbledPath, []string{"errors.restore.corrupt"}},
		{tooNew, []string{"errors.db.tooNew"}},
		{filepath.Join(dir, "missing.db"), []string{"errors.restore.missing"}},
		{dir, []string{"errors.db.notOurs"}},
	}
	for _, c := range cases {
		t.Run(filepath.Base(c.path), func(t *testing.T) {
			var before []byte
			if fi, err := os.Stat(c.path); err == nil && !fi.IsDir() {
				before = sha(t, c.path)
			}
			_, err := store.CheckBackupFile(ctx, c.path)
			if !errors.Is(err, fault.ErrRefused) && !errors.Is(err, fault.ErrNotFound) {
				t.Fatalf("got %v, want a refusal", err)
			}
			got := keyOf(err)
			ok := false
			for _, k := range c.keys {
				ok = ok || got == k
			}
			if !ok {
				t.Fatalf("key %q (%v), want one of %v", got, err, c.keys)
			}
			if before != nil && !bytes.Equal(before, sha(t, c.path)) {
				t.Fatal("checking the file changed it")
			}
		})
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(good + suffix); err == nil {
			t.Fatalf("checking left %s beside the picked file", suffix)
		}
	}
}

func TestRestoreFileReplacesData(t *testing.T) {
	skipOnPostgres(t, noBackupOnPG)
	ctx := context.Background()
	db := liveFile(t, 2)
	path := db.Path
	bk := filepath.Join(t.TempDir(), "two.db")
	if err := db.BackupTo(ctx, bk); err != nil {
		t.Fatal(err)
	}
	insertAgency(t, db.DB, "SAU SAO LƯU")
	db.Close()

	// A bad source leaves the database as it is.
	bad := filepath.Join(t.TempDir(), "bad.db")
	os.WriteFile(bad, []byte("hello"), 0o644)
	before := sha(t, path)
	wantKey(t, store.RestoreFile(ctx, path, bad), "errors.db.notOurs")
	if !bytes.Equal(before, sha(t, path)) {
		t.Fatal("a refused restore changed the database")
	}
	if _, err := os.Stat(path + ".restore"); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("a refused restore left a .restore file")
	}

	if err := store.RestoreFile(ctx, path, bk); err != nil {
		t.Fatal(err)
	}
	re := open(t, path, store.Options{BackupDir: t.TempDir()})
	if n := count(t, re.DB, "agencies"); n != 2 {
		t.Fatalf("after restore: %d agencies, want 2", n)
	}
	var n int64
	re.Table("agencies").Where("name = ?", "SAU SAO LƯU").Count(&n)
	if n != 0 {
		t.Fatal("data written after the backup survived the restore")
	}
}

func TestBackupNamesSortByTime(t *testing.T) {
	a := store.BackupName("auto", time.Date(2025, 1, 9, 23, 59, 59, 0, time.Local))
	b := store.BackupName("auto", time.Date(2025, 1, 10, 0, 0, 0, 0, time.Local))
	if a != "auto-20250109-235959.db" || !(b > a) {
		t.Fatalf("names %s %s", a, b)
	}
	list, err := store.ListBackups(filepath.Join(t.TempDir(), "none"))
	if err != nil || list == nil || len(list) != 0 {
		t.Fatalf("missing folder: %v %v", list, err)
	}
}
