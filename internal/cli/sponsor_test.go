package cli_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"chungsuc/internal/cli"
	"chungsuc/internal/sample/sampletest"
	"chungsuc/internal/sheet"
	"chungsuc/internal/store/storetest"
)

func TestSponsorExport(t *testing.T) {
	m := messages(t)
	env(t)
	// The sample loaded once per test binary (a copy of it; on PostgreSQL a
	// fresh database loaded the usual way).
	dsn := sampletest.DSN(t)
	out := filepath.Join(t.TempDir(), "dang-ky.xlsx")
	r := run(t, m, "sponsor", "export", out, "--db", dsn)
	if r.code != cli.ExitOK || !strings.Contains(r.stdout, "Đã xuất") || !strings.Contains(r.stdout, out) {
		t.Fatalf("export: %+v", r)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 3 || got[0] != sheet.SheetRegistrations {
		t.Fatalf("sheets %v", got)
	}
	rows, err := f.GetRows(sheet.SheetRegistrations)
	if err != nil {
		t.Fatal(err)
	}
	// Header, one row per registration, the totals row.
	regs := len(rows) - sheet.HeaderRow - 1
	if !strings.Contains(r.stdout, " "+strconv.Itoa(regs)+" đăng ký") {
		t.Fatalf("printed count does not match the %d rows: %q", regs, r.stdout)
	}
	if rows[sheet.HeaderRow-1][0] != "STT" || rows[len(rows)-1][1] != "Tổng cộng" {
		t.Fatalf("rows %q", rows)
	}
	units, _ := f.GetRows(sheet.SheetUnits)
	if len(units) < sheet.HeaderRow+12 {
		t.Fatalf("only %d unit rows", len(units)-sheet.HeaderRow)
	}
	before, _ := os.ReadFile(out)

	// An existing file is never overwritten.
	r = run(t, m, "sponsor", "export", out, "--db", dsn)
	if r.code != cli.ExitError || !strings.Contains(r.stderr, "đã tồn tại") {
		t.Fatalf("existing file: %+v", r)
	}
	if after, _ := os.ReadFile(out); string(after) != string(before) {
		t.Fatal("the existing file changed")
	}
	// No file name, or no database.
	if r = run(t, m, "sponsor", "export", "--db", dsn); r.code != cli.ExitUsage || !strings.Contains(r.stderr, "Thiếu tên tệp") {
		t.Fatalf("no file: %+v", r)
	}
	if !storetest.OnPostgres() {
		missing := filepath.Join(t.TempDir(), "khong-co.db")
		r = run(t, m, "sponsor", "export", filepath.Join(t.TempDir(), "x.xlsx"), "--db", missing)
		if r.code != cli.ExitError {
			t.Fatalf("missing database: %+v", r)
		}
		if _, err := os.Stat(missing); err == nil {
			t.Fatal("a missing database was created")
		}
	}
}
