// Package nationaltest provides the national-size synthetic databases the
// benchmarks run on: generated once (sample.LoadNational into an SQLite
// file) and kept in a cache folder, so that the dashboard and assessment
// benchmarks, and later runs, reuse the same file.
//
// Benchmarks that need them are slow and skip unless CHUNGSUC_BENCH_NATIONAL
// is set ("make bench" sets it). CHUNGSUC_BENCH_CACHE names the cache folder
// (default: <temp dir>/chungsuc-bench-national); CHUNGSUC_BENCH_FRESH=X
// regenerates the files even when they are there, once for each new value X
// (so the packages of one "go test" run share the regenerated files, e.g.
// CHUNGSUC_BENCH_FRESH=$(date +%s)); CHUNGSUC_BENCH_SCALES
// ("0.01,0.1") replaces the default scales 0.1 and 1.
package nationaltest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"chungsuc/internal/org"
	"chungsuc/internal/sample"
	"chungsuc/internal/store"
)

// Environment variables.
const (
	EnvEnable = "CHUNGSUC_BENCH_NATIONAL"
	EnvCache  = "CHUNGSUC_BENCH_CACHE"
	EnvFresh  = "CHUNGSUC_BENCH_FRESH"
	EnvScales = "CHUNGSUC_BENCH_SCALES"
)

// Scales are the scales the benchmarks compare: a tenth of the country and
// all of it, or the comma-separated list in CHUNGSUC_BENCH_SCALES.
func Scales() []float64 {
	env := os.Getenv(EnvScales)
	if env == "" {
		return []float64{0.1, 1}
	}
	var out []float64
	for _, f := range strings.Split(env, ",") {
		if s, err := sample.ParseScale(f); err == nil {
			out = append(out, s)
		}
	}
	return out
}

// Data is one generated database, open.
type Data struct {
	DB       *store.DB
	Path     string
	Scale    float64
	AgencyID string
	// Generated is true when this run generated the file (else it was
	// reused from the cache); GenSeconds is how long the generation took
	// when it ran (read back from the cache otherwise).
	Generated  bool
	GenSeconds float64
	// SizeBytes is the database file's size.
	SizeBytes int64
}

// Enabled reports whether the national benchmarks should run.
func Enabled() bool { return os.Getenv(EnvEnable) != "" }

// Skip skips tb unless the national benchmarks are enabled.
func Skip(tb testing.TB) {
	tb.Helper()
	if !Enabled() {
		tb.Skipf("national-scale benchmark: set %s=1 (make bench) to run it", EnvEnable)
	}
}

// Dir is the cache folder.
func Dir() string {
	if d := os.Getenv(EnvCache); d != "" {
		return d
	}
	return filepath.Join(os.TempDir(), "chungsuc-bench-national")
}

// Name is the file name of a scale's database.
func Name(scale float64) string {
	return "national-" + strconv.FormatFloat(scale, 'f', -1, 64) + ".db"
}

var opened = map[float64]*Data{}

// Open returns the database of the scale, generating it into the cache
// when it is missing, stale (another schema version) or when
// CHUNGSUC_BENCH_FRESH holds a value it was not generated for. It stays
// open for the rest of the process.
func Open(tb testing.TB, scale float64) *Data {
	tb.Helper()
	if d := opened[scale]; d != nil {
		return d
	}
	ctx := context.Background()
	dir := Dir()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	path := filepath.Join(dir, Name(scale))
	unlock := lock(tb, path+".lock")
	d := &Data{Path: path, Scale: scale}
	fresh := os.Getenv(EnvFresh)
	if mark, _ := os.ReadFile(path + ".fresh"); (fresh != "" && string(mark) != fresh) || !usable(ctx, path, scale) {
		d.Generated = true
		d.GenSeconds = generate(tb, path, scale)
		_ = os.WriteFile(path+".fresh", []byte(fresh), 0o644)
	}
	unlock()
	if !d.Generated {
		if b, err := os.ReadFile(path + ".seconds"); err == nil {
			d.GenSeconds, _ = strconv.ParseFloat(string(b), 64)
		}
	}
	fi, err := os.Stat(path)
	if err != nil {
		tb.Fatal(err)
	}
	d.SizeBytes = fi.Size()
	db, err := store.Open(ctx, path, store.Options{BackupDir: tb.TempDir()})
	if err != nil {
		tb.Fatal(err)
	}
	d.DB = db
	var ag org.Agency
	if err := db.Order("created_at ASC").Take(&ag).Error; err != nil {
		tb.Fatal(err)
	}
	d.AgencyID = ag.ID
	how := "taken from the cache"
	if d.Generated {
		how = "generated in this run"
	}
	tb.Logf("national x%v: %s, %.0f MB, generation %.1f s (%s)", scale, path, float64(d.SizeBytes)/(1<<20), d.GenSeconds, how)
	opened[scale] = d
	return d
}

// usable reports whether path holds a complete dataset of the scale at the
// current schema version.
func usable(ctx context.Context, path string, scale float64) bool {
	if _, err := os.Stat(path); err != nil {
		return false
	}
	db, err := store.Open(ctx, path, store.Options{NoMigrate: true})
	if err != nil {
		return false
	}
	defer db.Close()
	v, err := db.SchemaVersion(ctx)
	if err != nil || v != store.Latest(store.Migrations) {
		return false
	}
	s, err := db.Meta(ctx, sample.NationalMetaKey)
	return err == nil && s == strconv.FormatFloat(scale, 'f', -1, 64)
}

// generate writes the dataset into a new file beside path and moves it into
// place; it returns the generation time in seconds.
func generate(tb testing.TB, path string, scale float64) float64 {
	tb.Helper()
	ctx := context.Background()
	tmp := fmt.Sprintf("%s.tmp-%d", path, os.Getpid())
	removeDB(tmp)
	db, err := store.Open(ctx, tmp, store.Options{BackupDir: tb.TempDir()})
	if err != nil {
		tb.Fatal(err)
	}
	start := time.Now()
	last := time.Now()
	_, err = sample.LoadNational(ctx, db, sample.NationalOptions{Scale: scale, Progress: func(stage string, done, total int) {
		if done == total || time.Since(last) > 15*time.Second {
			last = time.Now()
			fmt.Fprintf(os.Stderr, "national x%v: %s %d/%d (%.0f s)\n", scale, stage, done, total, time.Since(start).Seconds())
		}
	}})
	secs := time.Since(start).Seconds()
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		removeDB(tmp)
		tb.Fatalf("generate national x%v: %v", scale, err)
	}
	removeDB(path)
	if err := os.Rename(tmp, path); err != nil {
		tb.Fatal(err)
	}
	_ = os.WriteFile(path+".seconds", []byte(strconv.FormatFloat(secs, 'f', 1, 64)), 0o644)
	return secs
}

func removeDB(p string) {
	for _, s := range []string{"", "-wal", "-shm"} {
		_ = os.Remove(p + s)
	}
}

// lock takes a lock directory so that two test processes (the dashboard
// and assessment packages run side by side) do not generate the same file
// at once; a lock older than an hour is taken as abandoned.
func lock(tb testing.TB, dir string) func() {
	tb.Helper()
	deadline := time.Now().Add(45 * time.Minute)
	for {
		err := os.Mkdir(dir, 0o755)
		if err == nil {
			return func() { _ = os.Remove(dir) }
		}
		if !errors.Is(err, os.ErrExist) {
			tb.Fatal(err)
		}
		if fi, err := os.Stat(dir); err == nil && time.Since(fi.ModTime()) > time.Hour {
			_ = os.Remove(dir)
			continue
		}
		if time.Now().After(deadline) {
			tb.Fatalf("waiting for %s", dir)
		}
		time.Sleep(2 * time.Second)
	}
}
