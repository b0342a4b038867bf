package cli_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gorm.io/gorm"

	"chungsuc/internal/award"
	"chungsuc/internal/campaign"
	"chungsuc/internal/cli"
	"chungsuc/internal/org"
	"chungsuc/internal/sample/sampletest"
	"chungsuc/internal/store"
)

// addProposal gives the sample a voted proposal batch of one unit and one
// person, and returns its id.
func addProposal(t *testing.T, dsn string) string {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, dsn, store.Options{BackupDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	a, err := org.NewService(db.DB).CurrentAgency(ctx)
	if err != nil {
		t.Fatal(err)
	}
	c, err := campaign.NewService(db.DB).Active(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	var id string
	err = db.Transaction(func(tx *gorm.DB) error {
		if err := award.Seed(tx, a.ID); err != nil {
			return err
		}
		var u org.Unit
		if err := tx.Where("agency_id = ? AND name = ?", a.ID, "Văn phòng Sở").Take(&u).Error; err != nil {
			return err
		}
		var p org.Staff
		if err := tx.Where("unit_id = ?", u.ID).Order("full_name").Limit(1).Take(&p).Error; err != nil {
			return err
		}
		pr := award.Proposal{AgencyID: a.ID, CampaignID: c.ID, Stage: award.StageTongKet, Year: 2099, Name: "Đợt thử lệnh award dossier",
			Status: award.StatusReviewed, SubmitTo: "Giám đốc Sở", Threshold: 50, ThresholdBase: award.ThresholdTotal,
			MeetingDate: "2025-12-15", MembersTotal: 7, MembersPresent: 7, ChairName: "Nguyễn Huệ", SecretaryName: "Lê Văn Thư"}
		if err := tx.Create(&pr).Error; err != nil {
			return err
		}
		for i, n := range []award.Nominee{
			{SubjectKind: award.SubjectUnit, UnitID: &u.ID, FormCode: award.FormGiayKhen, ReportForm: award.ReportUnit},
			{SubjectKind: award.SubjectStaff, StaffID: &p.ID, FormCode: award.FormGiayKhen, ReportForm: award.ReportStaff},
		} {
			n.ProposalID, n.SortOrder, n.Voted, n.BallotsFor = pr.ID, i, true, 6
			if err := tx.Create(&n).Error; err != nil {
				return err
			}
		}
		id = pr.ID
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

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
	id := addProposal(t, dsn)

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
