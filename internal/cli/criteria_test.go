package cli_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"chungsuc/internal/cli"
	"chungsuc/internal/criteria"
	"chungsuc/internal/org"
	"chungsuc/internal/store"
	"chungsuc/internal/store/storetest"
)

func seedCriteria(t *testing.T, dsn string) {
	t.Helper()
	db, err := store.Open(context.Background(), dsn, store.Options{NoMigrate: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	a, err := org.NewService(db.DB).CurrentAgency(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if err := criteria.Seed(db.DB, a.ID); err != nil {
		t.Fatal(err)
	}
}

func criteriaFixture(name string) string { return filepath.Join("..", "criteria", "testdata", name) }

func TestCriteriaListExportImport(t *testing.T) {
	m := messages(t)
	dsn := agencyDB(t)
	dir := t.TempDir()

	r := run(t, m, "criteria", "list", "--db", dsn)
	if r.code != cli.ExitOK || !strings.Contains(r.stdout, "Chưa có bộ tiêu chí") {
		t.Fatalf("empty list: %+v", r)
	}
	seedCriteria(t, dsn)
	r = run(t, m, "criteria", "list", "--db", dsn)
	if r.code != cli.ExitOK || !strings.Contains(r.stdout, "xa-ntm-2021-2025") || !strings.Contains(r.stdout, "Chưa đối chiếu") ||
		!strings.Contains(r.stdout, "(hiện hành)") {
		t.Fatalf("list: %+v", r)
	}
	r = run(t, m, "criteria", "list", "--json", "--db", dsn)
	var rows []struct {
		Code        string `json:"code"`
		Criteria    int    `json:"criteria"`
		Unconfirmed int    `json:"unconfirmed"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rows); err != nil || len(rows) != 6 {
		t.Fatalf("json list: %v %q", err, r.stdout)
	}

	// Export, never over an existing file; an unknown code is an error.
	out := filepath.Join(dir, "xa.xlsx")
	r = run(t, m, "criteria", "export", "xa-ntm-2021-2025", out, "--db", dsn)
	if r.code != cli.ExitOK || !strings.Contains(r.stdout, "19 tiêu chí") {
		t.Fatalf("export: %+v", r)
	}
	before, _ := os.ReadFile(out)
	if r = run(t, m, "criteria", "export", "xa-ntm-2021-2025", out, "--db", dsn); r.code != cli.ExitError || !strings.Contains(r.stderr, "đã tồn tại") {
		t.Fatalf("overwrite: %+v", r)
	}
	if after, _ := os.ReadFile(out); string(after) != string(before) {
		t.Fatal("the existing file changed")
	}
	if r = run(t, m, "criteria", "export", "khong-co", filepath.Join(dir, "x.xlsx"), "--db", dsn); r.code != cli.ExitError || !strings.Contains(r.stderr, "bộ tiêu chí") {
		t.Fatalf("unknown code: %+v", r)
	}

	// Re-importing the export changes nothing.
	r = run(t, m, "criteria", "import", out, "--db", dsn)
	if r.code != cli.ExitOK || !strings.Contains(r.stdout, "giống hệt") {
		t.Fatalf("identical: %+v", r)
	}
	// A changed file makes revision 2; --dry-run first writes nothing.
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellValue(criteria.SheetCriteria, "B2", "Quy hoạch (tỉnh sửa)"); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	r = run(t, m, "criteria", "import", out, "--dry-run", "--db", dsn)
	if r.code != cli.ExitOK || !strings.Contains(r.stdout, "phiên bản 2") || !strings.Contains(r.stdout, "sửa: Tiêu chí 1") ||
		!strings.Contains(r.stdout, "Chạy thử") {
		t.Fatalf("dry run: %+v", r)
	}
	r = run(t, m, "criteria", "list", "--json", "--db", dsn)
	if strings.Count(r.stdout, `"xa-ntm-2021-2025"`) != 1 {
		t.Fatalf("dry run wrote: %s", r.stdout)
	}
	r = run(t, m, "criteria", "import", out, "--db", dsn)
	if r.code != cli.ExitOK || !strings.Contains(r.stdout, "Đã nhập bộ xa-ntm-2021-2025 phiên bản 2") {
		t.Fatalf("import revision: %+v", r)
	}
	// A new code from the province's file.
	r = run(t, m, "criteria", "import", criteriaFixture("group-valid.xlsx"), "--db", dsn)
	if r.code != cli.ExitOK || !strings.Contains(r.stdout, "Đã nhập bộ xa-ntm-tinh-thu phiên bản 1") {
		t.Fatalf("import new: %+v", r)
	}
	r = run(t, m, "criteria", "list", "--json", "--db", dsn)
	if err := json.Unmarshal([]byte(r.stdout), &rows); err != nil || len(rows) != 8 {
		t.Fatalf("after imports: %v %d rows", err, len(rows))
	}
}

func TestCriteriaImportRefusedAndUsage(t *testing.T) {
	m := messages(t)
	dsn := agencyDB(t)
	r := run(t, m, "criteria", "import", criteriaFixture("bad-rows.xlsx"), "--db", dsn)
	if r.code != cli.ExitError || !strings.Contains(r.stdout, "Bảng «Chỉ tiêu», dòng 3, cột «Tiêu chí số»: Không có tiêu chí số 9") ||
		!strings.Contains(r.stderr, "chưa có gì được ghi") {
		t.Fatalf("bad rows: %+v", r)
	}
	r = run(t, m, "criteria", "import", criteriaFixture("not-a-workbook.xlsx"), "--db", dsn)
	if r.code != cli.ExitError || !strings.Contains(r.stdout, "không phải bảng tính") {
		t.Fatalf("not a workbook: %+v", r)
	}
	r = run(t, m, "criteria", "list", "--json", "--db", dsn)
	if strings.TrimSpace(r.stdout) != "[]" {
		t.Fatalf("refused imports wrote: %s", r.stdout)
	}
	for _, argv := range [][]string{{"criteria"}, {"criteria", "import"}, {"criteria", "export", "xa"}, {"criteria", "frob"}, {"criteria", "list", "x"}} {
		r = run(t, m, append(argv, "--db", dsn)...)
		if r.code != cli.ExitUsage || !strings.Contains(r.stderr, "chungsuc criteria list") {
			t.Errorf("%v: %+v", argv, r)
		}
	}
	if !storetest.OnPostgres() {
		missing := filepath.Join(t.TempDir(), "khong-co.db")
		if r = run(t, m, "criteria", "list", "--db", missing); r.code != cli.ExitError {
			t.Fatalf("missing database: %+v", r)
		}
		if _, err := os.Stat(missing); err == nil {
			t.Fatal("a missing database was created")
		}
	}
}
