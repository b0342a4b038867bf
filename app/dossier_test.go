package app_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"chungsuc/app"
	"chungsuc/internal/award"
	"chungsuc/internal/sample/sampletest"
)

func TestDossierFacade(t *testing.T) {
	f := withSample(t)
	d := app.NewDossiers(f.core)
	pid := sampletest.VotedProposal(t, f.dsn, sampletest.Ballot{Unit: "Thanh tra Sở", Year: 2025, Name: "Đợt thử của màn hình", Members: 5, For: 4})

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
