package cli_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"chungsuc/internal/cli"
	"chungsuc/internal/document"
	"chungsuc/internal/org"
	"chungsuc/internal/sample/sampletest"
	"chungsuc/internal/store"
	"chungsuc/internal/store/storetest"
)

// pdfToText reads a PDF back with pdftotext, white space collapsed.
func pdfToText(t *testing.T, p string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", p, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", p, err)
	}
	return strings.TrimSpace(regexp.MustCompile(`\s+`).ReplaceAllString(string(out), " "))
}

func countDocs(t *testing.T, dsn string) (docs, templates int64) {
	t.Helper()
	db, err := store.Open(context.Background(), dsn, store.Options{NoMigrate: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.Table("documents").Count(&docs)
	db.Table("document_templates").Count(&templates)
	return docs, templates
}

func TestDocCommands(t *testing.T) {
	m := messages(t)
	dataDir := env(t)
	// The sample loaded once per test binary (a copy of it; on PostgreSQL a
	// fresh database loaded the usual way).
	dsn := sampletest.DSN(t)
	dir := t.TempDir()

	// The plan of the active campaign, generated in memory.
	docsBefore, tplBefore := countDocs(t, dsn)
	plan := filepath.Join(dir, "ke-hoach.pdf")
	r := run(t, m, "doc", "plan", "--out", plan, "--db", dsn)
	if r.code != cli.ExitOK || !strings.Contains(r.stdout, plan) {
		t.Fatalf("doc plan: %+v", r)
	}
	text := pdfToText(t, plan)
	for _, want := range []string{"UBND TỈNH QUẢNG BÌNH", "KẾ HOẠCH", "/KH-STNMT", "Quyết định số 587/QĐ-TTg ngày 18/5/2022",
		"I. MỤC ĐÍCH, YÊU CẦU", "IV. TIẾN ĐỘ THỰC HIỆN", "GIÁM ĐỐC", "Nguyễn Huệ", "Lưu: VT, VP.", "Phụ lục"} {
		if !strings.Contains(text, want) {
			t.Errorf("plan PDF lacks %q", want)
		}
	}
	if d, tp := countDocs(t, dsn); d != docsBefore || tp != tplBefore || d != 0 {
		t.Fatalf("doc plan wrote to the database: %d→%d documents, %d→%d templates", docsBefore, d, tplBefore, tp)
	}
	// An existing file is never overwritten; --out is required.
	r = run(t, m, "doc", "plan", "--out", plan, "--db", dsn)
	if r.code != cli.ExitError || !strings.Contains(r.stderr, "đã tồn tại") {
		t.Fatalf("existing file: %+v", r)
	}
	if r = run(t, m, "doc", "plan", "--db", dsn); r.code != cli.ExitUsage {
		t.Fatalf("no --out: %+v", r)
	}
	if r = run(t, m, "doc", "--db", dsn); r.code != cli.ExitUsage {
		t.Fatalf("doc alone: %+v", r)
	}
	if r = run(t, m, "doc", "render", "--out", filepath.Join(dir, "x.pdf"), "--db", dsn); r.code != cli.ExitUsage {
		t.Fatalf("render without id: %+v", r)
	}

	// A document of the register: issued through the service, rendered by id.
	ctx := context.Background()
	db, err := store.Open(ctx, dsn, store.Options{BackupDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	a, _ := org.NewService(db.DB).CurrentAgency(ctx)
	svc := document.NewService(db, dataDir)
	d, err := svc.Generate(ctx, a.ID, document.TemplatePlan)
	if err != nil {
		t.Fatal(err)
	}
	d, err = svc.Issue(ctx, a.ID, document.IssueRequest{ID: d.ID, Date: "2022-06-20"})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "ban-hanh.pdf")
	r = run(t, m, "doc", "render", d.ID, "--out", out, "--db", dsn)
	if r.code != cli.ExitOK || !strings.Contains(r.stdout, "01/KH-STNMT") {
		t.Fatalf("doc render: %+v", r)
	}
	text = pdfToText(t, out)
	if !strings.Contains(text, "Số: 01/KH-STNMT") || !strings.Contains(text, "Quảng Bình, ngày 20 tháng 6 năm 2022") {
		t.Errorf("rendered text: %s", text)
	}
	if got, _ := os.ReadFile(out); len(got) == 0 {
		t.Fatal("empty file")
	}
	r = run(t, m, "doc", "render", "khong-co", "--out", filepath.Join(dir, "y.pdf"), "--db", dsn)
	if r.code != cli.ExitError {
		t.Fatalf("unknown id: %+v", r)
	}
	if !storetest.OnPostgres() {
		missing := filepath.Join(t.TempDir(), "khong-co.db")
		if r = run(t, m, "doc", "plan", "--out", filepath.Join(dir, "z.pdf"), "--db", missing); r.code != cli.ExitError {
			t.Fatalf("missing database: %+v", r)
		}
		if _, err := os.Stat(missing); err == nil {
			t.Fatal("a missing database was created")
		}
	}
}
