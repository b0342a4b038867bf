package cli_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"chungsuc/internal/cli"
	"chungsuc/internal/sample/sampletest"
	"chungsuc/internal/store"
)

func TestAwardDossierCommand(t *testing.T) {
	m := messages(t)
	env(t)
	dsn := sampletest.DSN(t)
	dir := t.TempDir()
	countDocs := func() (n int64) {
		db, err := store.Open(context.Background(), dsn, store.Options{NoMigrate: true})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		db.Table("documents").Count(&n)
		return n
	}
	before := countDocs()

	// The sample's tổng kết batch, voted by the council, is the latest.
	out := filepath.Join(dir, "ho-so.pdf")
	r := run(t, m, "award", "dossier", "latest", "--out", out, "--db", dsn)
	if r.code != cli.ExitOK || !strings.Contains(r.stdout, "Đề nghị khen thưởng tổng kết Phong trào thi đua") || !strings.Contains(r.stdout, "dự thảo") {
		t.Fatalf("award dossier latest: %+v", r)
	}
	text := pdfToText(t, out)
	for _, want := range []string{"HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG", "TỜ TRÌNH", "Kính gửi: - Ủy ban nhân dân tỉnh Quảng Bình;",
		"Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;", "(Có danh sách và báo cáo thành tích kèm theo)",
		"DANH SÁCH ĐỀ NGHỊ", "I. TẬP THỂ", "II. CÁ NHÂN", "BIÊN BẢN", "Tỷ lệ %", "THƯ KÝ", "CHỦ TỌA",
		"BÁO CÁO THÀNH TÍCH", "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG"} {
		if !strings.Contains(text, want) {
			t.Errorf("dossier PDF lacks %q", want)
		}
	}
	if n := countDocs(); n != before {
		t.Fatalf("award dossier wrote %d documents", n-before)
	}

	// A batch by its id.
	id := sampletest.VotedProposal(t, dsn, sampletest.Ballot{Unit: "Văn phòng Sở", Year: 2099, Name: "Đợt thử lệnh award dossier", Members: 7, For: 6})

	// By id; never over an existing file; usage errors.
	byID := filepath.Join(dir, "theo-ma.pdf")
	if r = run(t, m, "award", "dossier", id, "--out", byID, "--db", dsn); r.code != cli.ExitOK {
		t.Fatalf("by id: %+v", r)
	}
	if fi, err := os.Stat(byID); err != nil || fi.Size() == 0 {
		t.Fatal("no file by id")
	}
	r = run(t, m, "award", "dossier", id, "--out", byID, "--db", dsn)
	if r.code != cli.ExitError || !strings.Contains(r.stderr, "đã tồn tại") {
		t.Fatalf("existing file: %+v", r)
	}
	if r = run(t, m, "award", "dossier", id, "--db", dsn); r.code != cli.ExitUsage {
		t.Fatalf("no --out: %+v", r)
	}
	if r = run(t, m, "award", "dossier", "--db", dsn); r.code != cli.ExitUsage || !strings.Contains(r.stderr, "Thiếu mã đợt") {
		t.Fatalf("neither id nor --out: the id is asked for first: %+v", r)
	}
	if r = run(t, m, "award", "dossier", "--out", filepath.Join(dir, "x.pdf"), "--db", dsn); r.code != cli.ExitUsage || !strings.Contains(r.stderr, "Thiếu mã đợt") {
		t.Fatalf("no id: %+v", r)
	}
	if r = run(t, m, "award", "--db", dsn); r.code != cli.ExitUsage {
		t.Fatalf("award alone: %+v", r)
	}
	if r = run(t, m, "award", "dossier", "khong-co", "--out", filepath.Join(dir, "y.pdf"), "--db", dsn); r.code != cli.ExitError {
		t.Fatalf("unknown id: %+v", r)
	}
	if _, err := os.Stat(filepath.Join(dir, "y.pdf")); err == nil {
		t.Fatal("a file was written for an unknown batch")
	}
	if r = run(t, m, "help"); !strings.Contains(r.stdout, "award dossier MÃ_ĐỢT|latest --out TỆP.pdf") {
		t.Fatalf("usage: %s", r.stdout)
	}
}
