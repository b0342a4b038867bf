package app_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gorm.io/gorm"

	"chungsuc/app"
	"chungsuc/internal/award"
	"chungsuc/internal/campaign"
	"chungsuc/internal/org"
	"chungsuc/internal/store"
)

// voteProposal adds a voted proposal batch (one unit, one person) to the
// fixture's database and returns its id.
func voteProposal(t *testing.T, f fixture) string {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, f.dsn, store.Options{BackupDir: t.TempDir()})
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
		if err := tx.Where("agency_id = ? AND name = ?", a.ID, "Thanh tra Sở").Take(&u).Error; err != nil {
			return err
		}
		var p org.Staff
		if err := tx.Where("unit_id = ?", u.ID).Order("full_name").Limit(1).Take(&p).Error; err != nil {
			return err
		}
		pr := award.Proposal{AgencyID: a.ID, CampaignID: c.ID, Stage: award.StageTongKet, Year: 2025, Name: "Đợt thử của màn hình",
			Status: award.StatusReviewed, SubmitTo: "Giám đốc Sở", Threshold: 50, ThresholdBase: award.ThresholdTotal,
			MeetingDate: "2025-12-15", MembersTotal: 5, MembersPresent: 5, ChairName: "Nguyễn Huệ", SecretaryName: "Lê Văn Thư"}
		if err := tx.Create(&pr).Error; err != nil {
			return err
		}
		for i, n := range []award.Nominee{
			{SubjectKind: award.SubjectUnit, UnitID: &u.ID, FormCode: award.FormGiayKhen, ReportForm: award.ReportUnit},
			{SubjectKind: award.SubjectStaff, StaffID: &p.ID, FormCode: award.FormGiayKhen, ReportForm: award.ReportStaff},
		} {
			n.ProposalID, n.SortOrder, n.Voted, n.BallotsFor = pr.ID, i, true, 4
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

func TestDossierFacade(t *testing.T) {
	f := withSample(t)
	d := app.NewDossiers(f.core)
	pid := voteProposal(t, f)

	if forms := d.ReportForms(); len(forms) != 3 || forms[0].Confirmed {
		t.Fatalf("report forms %+v", forms)
	}
	tt, err := d.DraftToTrinh(pid)
	if err != nil || tt.TypeCode != "to_trinh" || tt.ID == "" {
		t.Fatalf("tờ trình %+v %v", tt, err)
	}
	bb, err := d.DraftBienBan(pid)
	if err != nil || bb.TypeCode != "bien_ban" || bb.IssuerName != "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG SỞ" {
		t.Fatalf("biên bản %+v %v", bb, err)
	}
	res, err := d.Preview(pid)
	if err != nil || res.Pages < 5 || len(res.Parts) != 5 || res.Parts[0].Title != "Tờ trình (dự thảo)" || !strings.HasPrefix(string(res.PDF), "%PDF-") {
		t.Fatalf("preview %d pages, parts %+v, %v", res.Pages, res.Parts, err)
	}

	// The save dialog's answer, then the file.
	dir := t.TempDir()
	answerDialog(t, filepath.Join(dir, "ho-so"))
	p, err := d.SavePDF(pid)
	if err != nil || p != filepath.Join(dir, "ho-so.pdf") {
		t.Fatalf("save %q %v", p, err)
	}
	if b, _ := os.ReadFile(p); !strings.HasPrefix(string(b), "%PDF-") {
		t.Fatal("saved file is not a PDF")
	}
	answerDialog(t, "")
	if p, err = d.SavePDF(pid); err != nil || p != "" {
		t.Fatalf("cancelled dialog %q %v", p, err)
	}

	// Batch into a folder; the folder dialog is scripted the same way.
	folder := t.TempDir()
	answerDialog(t, folder)
	br, err := d.StartBatch(pid, false)
	if err != nil || len(br.Files) != 2 || br.Reports != 2 {
		t.Fatalf("batch %+v %v", br, err)
	}
	answerDialog(t, "")
	if br, err = d.StartBatch(pid, true); err != nil || len(br.Files) != 0 {
		t.Fatalf("cancelled batch dialog %+v %v", br, err)
	}
	d.CancelBatch() // nothing running: nothing happens

	answerDialog(t, filepath.Join(dir, "danh-sach"))
	x, err := d.ExportXLSX(pid)
	if err != nil || x != filepath.Join(dir, "danh-sach.xlsx") {
		t.Fatalf("export %q %v", x, err)
	}

	// Certificates: layouts, an offset, the certificates and the calibration page.
	layouts, err := d.Layouts()
	if err != nil || len(layouts) != 2 || len(d.CertFields()) != 6 {
		t.Fatalf("layouts %d %v", len(layouts), err)
	}
	o, err := d.SaveOffset(award.PrinterOffset{Printer: "Máy in Văn thư", DX: 1, DY: -0.5})
	if err != nil || o.ID == "" {
		t.Fatalf("offset %+v %v", o, err)
	}
	if list, err := d.Offsets(); err != nil || len(list) != 1 {
		t.Fatalf("offsets %+v %v", list, err)
	}
	cert, err := d.PreviewCertificates(pid, layouts[0].Code, "Máy in Văn thư")
	if err != nil || cert.Pages != 2 {
		t.Fatalf("certificates %+v %v", cert.Parts, err)
	}
	cal, err := d.PreviewCalibration(layouts[1].Code, "Máy in Văn thư")
	if err != nil || cal.Pages != 1 {
		t.Fatalf("calibration %v", err)
	}
	_, err = d.SaveOffset(award.PrinterOffset{Printer: "", DX: 99})
	ue := uiError(t, err, "errors.invalid")
	if len(ue.Fields) != 2 {
		t.Fatalf("fields %+v", ue.Fields)
	}
	_, err = d.Preview("khong-co")
	uiError(t, err, "errors.notFound")
}
