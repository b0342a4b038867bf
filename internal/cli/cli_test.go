package cli_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"gorm.io/gorm"

	"chungsuc/internal/cli"
	"chungsuc/internal/msg"
	"chungsuc/internal/org"
	"chungsuc/internal/sample/sampletest"
	"chungsuc/internal/store"
	"chungsuc/internal/store/storetest"
)

const viPath = "../../frontend/src/locales/vi.json"

func messages(t testing.TB) msg.Catalog {
	t.Helper()
	data, err := os.ReadFile(viPath)
	if err != nil {
		t.Fatal(err)
	}
	m, err := msg.Load(data)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// env points the data folder at a temp dir and clears CHUNGSUC_DB.
func env(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("CHUNGSUC_DATA_DIR", dir)
	t.Setenv("CHUNGSUC_DB", "")
	return dir
}

type result struct {
	code           int
	stdout, stderr string
}

func run(t *testing.T, m msg.Catalog, argv ...string) result {
	t.Helper()
	a, err := cli.Parse(argv)
	if err != nil {
		t.Fatalf("parse %v: %v", argv, err)
	}
	var out, errb bytes.Buffer
	code := cli.Run(context.Background(), a, cli.Env{Stdout: &out, Stderr: &errb, Messages: m, Version: "9.9.9-test"})
	return result{code, out.String(), errb.String()}
}

func TestParse(t *testing.T) {
	cases := []struct {
		argv []string
		want cli.Args
		err  string
	}{
		{nil, cli.Args{}, ""},
		{[]string{"version"}, cli.Args{Command: []string{"version"}}, ""},
		{[]string{"db", "backup", "x.db", "--db", "live.db"}, cli.Args{Command: []string{"db", "backup", "x.db"}, DB: "live.db"}, ""},
		{[]string{"--db", "live.db", "db", "migrate"}, cli.Args{Command: []string{"db", "migrate"}, DB: "live.db"}, ""},
		{[]string{"db", "--db=postgres://u@h/db", "migrate"}, cli.Args{Command: []string{"db", "migrate"}, DB: "postgres://u@h/db"}, ""},
		{[]string{"-db", "a b.db", "sample"}, cli.Args{Command: []string{"sample"}, DB: "a b.db"}, ""},
		{[]string{"sample", "--force"}, cli.Args{Command: []string{"sample"}, Force: true}, ""},
		{[]string{"--force", "sample", "--db=x.db"}, cli.Args{Command: []string{"sample"}, DB: "x.db", Force: true}, ""},
		{[]string{"--db", "-weird-name.db", "version"}, cli.Args{Command: []string{"version"}, DB: "-weird-name.db"}, ""},
		{[]string{"--db="}, cli.Args{}, ""},
		{[]string{"sample", "--verbose"}, cli.Args{}, "--verbose"},
		{[]string{"-x"}, cli.Args{}, "-x"},
		{[]string{"version", "--db"}, cli.Args{}, "--db"},
		{[]string{"--force=true"}, cli.Args{}, "--force=true"},
	}
	for _, c := range cases {
		got, err := cli.Parse(c.argv)
		if c.err != "" {
			if err == nil || err.Error() != c.err {
				t.Errorf("Parse(%q): err %v, want %q", c.argv, err, c.err)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("Parse(%q) = %+v %v, want %+v", c.argv, got, err, c.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"db backup x.db --db live.db", "--db=x sample --force", "-db", "--", "- --db --db", "db\x00restore"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		argv := strings.Split(line, " ")
		a, err := cli.Parse(argv)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "-") {
				t.Fatalf("error %q does not name the flag", err)
			}
			return
		}
		for _, w := range a.Command {
			if strings.HasPrefix(w, "-") {
				t.Fatalf("flag %q taken as a command word", w)
			}
		}
		// Writing the result back as arguments parses to the same thing.
		var again []string
		if a.DB != "" {
			again = append(again, "--db", a.DB)
		}
		if a.Force {
			again = append(again, "--force")
		}
		again = append(again, a.Command...)
		b, err := cli.Parse(again)
		if err != nil || !reflect.DeepEqual(a, b) {
			t.Fatalf("round trip %q: %+v -> %q -> %+v %v", argv, a, again, b, err)
		}
	})
}

func TestVersionHelpAndUnknown(t *testing.T) {
	m := messages(t)
	dir := env(t)
	r := run(t, m, "version")
	if r.code != cli.ExitOK || r.stdout != "Chung Sức 9.9.9-test\n" || r.stderr != "" {
		t.Fatalf("version: %+v", r)
	}
	r = run(t, m, "help")
	if r.code != cli.ExitOK || !strings.Contains(r.stdout, "db backup") || !strings.Contains(r.stdout, filepath.Join(dir, "chungsuc.db")) {
		t.Fatalf("help: %+v", r)
	}
	for _, argv := range [][]string{{"frobnicate"}, {"db"}, {"db", "backup", "a", "b"}, {"version", "extra"}} {
		r = run(t, m, argv...)
		if r.code != cli.ExitUsage || !strings.Contains(r.stderr, "Lệnh không hợp lệ") || r.stdout != "" {
			t.Errorf("%v: %+v", argv, r)
		}
	}
	r = run(t, m, "db", "backup")
	if r.code != cli.ExitUsage || !strings.Contains(r.stderr, "Thiếu tên tệp") {
		t.Fatalf("db backup without file: %+v", r)
	}
	if _, err := os.Stat(filepath.Join(dir, "chungsuc.db")); err == nil {
		t.Fatal("version/help/unknown created the default database")
	}
}

// withExtraStep makes this build know one more schema step than the
// database was created with, and undoes it at the end of the test.
func withExtraStep(t *testing.T) {
	orig := store.Migrations
	t.Cleanup(func() { store.Migrations = orig })
	store.Migrations = append(append([]store.Migration(nil), orig...), store.Migration{
		Version: len(orig) + 1, Name: "test step",
		Up: func(tx *gorm.DB) error { return tx.Exec("CREATE TABLE cli_test_step (id INTEGER PRIMARY KEY)").Error },
	})
}

func TestDBMigrate(t *testing.T) {
	m := messages(t)
	dir := env(t)
	dsn := storetest.DSN(t)
	db, err := store.Open(context.Background(), dsn, store.Options{BackupDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	old := store.Latest(store.Migrations)
	withExtraStep(t)

	r := run(t, m, "db", "migrate", "--db", dsn)
	want := "từ phiên bản " + strconv.Itoa(old) + " lên " + strconv.Itoa(old+1)
	if r.code != cli.ExitOK || !strings.Contains(r.stdout, want) {
		t.Fatalf("first migrate: %+v, want %q", r, want)
	}
	if !storetest.OnPostgres() {
		backups, _ := filepath.Glob(filepath.Join(dir, "backups", "before-migrate-v*.db"))
		if len(backups) != 1 || !strings.Contains(r.stdout, backups[0]) {
			t.Fatalf("pre-migration copy %v not reported in %q", backups, r.stdout)
		}
	}
	r = run(t, m, "db", "migrate", "--db", dsn)
	if r.code != cli.ExitOK || !strings.Contains(r.stdout, "đã ở phiên bản mới nhất") {
		t.Fatalf("second migrate: %+v", r)
	}
}

func TestDBMigrateMissingFile(t *testing.T) {
	if storetest.OnPostgres() {
		t.Skip("SQLite only: a missing database file")
	}
	m := messages(t)
	env(t)
	path := filepath.Join(t.TempDir(), "typo.db")
	r := run(t, m, "db", "migrate", "--db", path)
	if r.code != cli.ExitError || !strings.HasPrefix(r.stderr, "Lỗi: ") || !strings.Contains(r.stderr, path) {
		t.Fatalf("migrate of a missing file: %+v", r)
	}
	if _, err := os.Stat(path); err == nil {
		t.Fatal("db migrate created the missing database")
	}
}

// sampleDB is a fresh SQLite file with the sample loaded.
func sampleDB(t *testing.T) string {
	t.Helper()
	return sampletest.File(t)
}

func agencies(t *testing.T, path string) int64 {
	t.Helper()
	db, err := store.Open(context.Background(), path, store.Options{NoMigrate: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int64
	db.Model(&org.Agency{}).Count(&n)
	return n
}

func TestDBBackupAndRestore(t *testing.T) {
	if storetest.OnPostgres() {
		t.Skip("SQLite only: db backup/restore copy files (PostgreSQL: see TestBackupRestoreRefusedOnPostgres)")
	}
	m := messages(t)
	dir := env(t)
	live := sampleDB(t)
	bk := filepath.Join(t.TempDir(), "sao lưu.db")

	r := run(t, m, "db", "backup", bk, "--db", live)
	if r.code != cli.ExitOK || !strings.Contains(r.stdout, bk) {
		t.Fatalf("backup: %+v", r)
	}
	// An existing file is never overwritten.
	before, _ := os.ReadFile(bk)
	r = run(t, m, "--db", live, "db", "backup", bk)
	if r.code != cli.ExitError || !strings.Contains(r.stderr, "đã tồn tại") || !strings.Contains(r.stderr, bk) {
		t.Fatalf("backup over an existing file: %+v", r)
	}
	if after, _ := os.ReadFile(bk); !bytes.Equal(before, after) {
		t.Fatal("the existing backup file was changed")
	}

	// More data after the backup, then a bad restore: refused, nothing changes.
	r = run(t, m, "sample", "--db", live)
	if r.code != cli.ExitError || !strings.Contains(r.stderr, m.T("errors.sample.notEmpty", nil)) {
		t.Fatalf("sample on a non-empty database: %+v", r)
	}
	if r = run(t, m, "sample", "--force", "--db", live); r.code != cli.ExitOK {
		t.Fatalf("sample --force: %+v", r)
	}
	if n := agencies(t, live); n != 2 {
		t.Fatalf("agencies after forced sample: %d", n)
	}
	bad := filepath.Join(t.TempDir(), "bad.db")
	os.WriteFile(bad, []byte("Đây là văn bản, không phải cơ sở dữ liệu"), 0o644)
	liveBefore, _ := os.ReadFile(live)
	r = run(t, m, "db", "restore", bad, "--db", live)
	wantText := m.T("cli.error", map[string]any{"message": m.T("errors.db.notOurs", map[string]any{"path": bad})})
	if r.code != cli.ExitError || strings.TrimSpace(r.stderr) != wantText {
		t.Fatalf("restore from a foreign file: %+v\nwant stderr %q", r, wantText)
	}
	if liveAfter, _ := os.ReadFile(live); !bytes.Equal(liveBefore, liveAfter) {
		t.Fatal("a refused restore changed the live database")
	}
	if n := agencies(t, live); n != 2 {
		t.Fatalf("agencies after refused restore: %d", n)
	}

	// A good restore takes a safety copy first.
	r = run(t, m, "db", "restore", bk, "--db", live)
	if r.code != cli.ExitOK {
		t.Fatalf("restore: %+v", r)
	}
	safety, _ := filepath.Glob(filepath.Join(dir, "backups", "before-restore-*.db"))
	if len(safety) != 1 || !strings.Contains(r.stdout, safety[0]) {
		t.Fatalf("safety backup %v, stdout %q", safety, r.stdout)
	}
	if n := agencies(t, safety[0]); n != 2 {
		t.Fatalf("safety backup holds %d agencies, want the 2 from before the restore", n)
	}
	if n := agencies(t, live); n != 1 {
		t.Fatalf("restored database holds %d agencies, want 1", n)
	}
}

func TestBackupRestoreRefusedOnPostgres(t *testing.T) {
	if !storetest.OnPostgres() {
		t.Skip("PostgreSQL only")
	}
	m := messages(t)
	env(t)
	dsn := storetest.DSN(t)
	bk := filepath.Join(t.TempDir(), "x.db")
	for _, argv := range [][]string{{"db", "backup", bk, "--db", dsn}, {"db", "restore", bk, "--db", dsn}} {
		r := run(t, m, argv...)
		if r.code != cli.ExitError || !strings.Contains(r.stderr, "pg_dump") {
			t.Errorf("%v: %+v", argv[:2], r)
		}
	}
}

func TestSampleCommand(t *testing.T) {
	m := messages(t)
	env(t)
	dsn := storetest.DSN(t)
	r := run(t, m, "sample", "--db", dsn)
	if r.code != cli.ExitOK || !strings.Contains(r.stdout, "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG") {
		t.Fatalf("sample: %+v", r)
	}
	r = run(t, m, "sample", "--db", dsn)
	if r.code != cli.ExitError || !strings.Contains(r.stderr, "--force") {
		t.Fatalf("second sample: %+v", r)
	}
}

func TestExplain(t *testing.T) {
	m := messages(t)
	db := storetest.Open(t)
	_, err := org.NewService(db.DB).SaveAgency(context.Background(), org.Agency{Name: "", Abbrev: "A/B", PlaceName: "Huế"})
	text := cli.Explain(m, err)
	if !strings.Contains(text, m.T("errors.invalid", nil)) || !strings.Contains(text, "name: "+m.T("validation.required", nil)) {
		t.Fatalf("Explain(validation) = %q", text)
	}
	_, err = org.NewService(db.DB).GetUnit(context.Background(), "x", store.NewID())
	if got := cli.Explain(m, err); got != m.T("errors.notFound", map[string]any{"entity": "đơn vị"}) {
		t.Fatalf("Explain(notFound) = %q", got)
	}
}

// TestBinary builds the real executable and checks exit codes and stderr.
func TestBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	if storetest.OnPostgres() {
		t.Skip("the binary's file commands are covered on SQLite")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go tool not on PATH")
	}
	root, _ := filepath.Abs("../..")
	if _, err := os.Stat(filepath.Join(root, "frontend", "dist")); err != nil {
		t.Skip("frontend/dist missing: the main package cannot embed it")
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "chungsuc")
	build := exec.Command(goBin, "build", "-o", bin, ".")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	dataDir := filepath.Join(tmp, "data")
	exe := func(args ...string) (int, string, string) {
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), "CHUNGSUC_DATA_DIR="+dataDir, "CHUNGSUC_DB=")
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		err := cmd.Run()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return code, out.String(), errb.String()
	}
	if code, out, _ := exe("version"); code != 0 || !strings.HasPrefix(out, "Chung Sức ") {
		t.Fatalf("version: %d %q", code, out)
	}
	live := sampleDB(t)
	bk := filepath.Join(tmp, "bk.db")
	if code, out, errs := exe("db", "backup", bk, "--db", live); code != 0 || !strings.Contains(out, bk) {
		t.Fatalf("db backup: %d %q %q", code, out, errs)
	}
	if code, _, errs := exe("db", "backup", bk, "--db", live); code != 1 || !strings.Contains(errs, "đã tồn tại") {
		t.Fatalf("db backup over a file: %d %q", code, errs)
	}
	bad := filepath.Join(tmp, "bad.db")
	os.WriteFile(bad, []byte("\x89PNG\r\n\x1a\n"), 0o644)
	code, out, errs := exe("db", "restore", bad, "--db", live)
	if code != 1 || out != "" || !strings.Contains(errs, "không phải là cơ sở dữ liệu Chung Sức") {
		t.Fatalf("bad restore: %d %q %q", code, out, errs)
	}
	if code, _, errs := exe("--bogus"); code != 2 || !strings.Contains(errs, "--bogus") {
		t.Fatalf("unknown flag: %d %q", code, errs)
	}
	if n := agencies(t, live); n != 1 {
		t.Fatalf("live database after the binary's commands: %d agencies", n)
	}
}
