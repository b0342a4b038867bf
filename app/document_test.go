package app_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"chungsuc/app"
	"chungsuc/internal/document"
	"chungsuc/internal/org"
	"chungsuc/internal/store/storetest"
)

// answerDialog scripts the next native dialog's answer ("" = cancel).
func answerDialog(t *testing.T, answer string) {
	t.Helper()
	f := filepath.Join(t.TempDir(), "answer")
	t.Setenv(app.DialogAnswerEnv, f)
	if answer != "" {
		if err := os.WriteFile(f, []byte(answer), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestDocumentFacade(t *testing.T) {
	f := withSample(t)
	docs := app.NewDocuments(f.core)

	types, err := docs.Types()
	if err != nil || len(types) != 28 {
		t.Fatalf("types %d %v", len(types), err)
	}
	issuers, err := docs.Issuers()
	if err != nil || len(issuers) != 2 || issuers[0].Abbrev != "STNMT" || issuers[1].Abbrev != "HĐTĐKT" {
		t.Fatalf("issuers %+v %v", issuers, err)
	}
	signers, err := docs.Signers()
	if err != nil || len(signers) != 3 || signers[0].Name != "Nguyễn Huệ" || signers[1].Form != "KT" {
		t.Fatalf("signers %+v %v", signers, err)
	}
	st, err := docs.Settings()
	if err != nil || st.FullName != "Sở Tài nguyên và Môi trường tỉnh Quảng Bình" {
		t.Fatalf("settings %+v %v", st, err)
	}
	tpls, err := docs.Templates()
	if err != nil || len(tpls) != 5 || len(tpls[0].Placeholders) == 0 {
		t.Fatalf("templates %d %v", len(tpls), err)
	}
	ph, err := docs.Placeholders()
	if err != nil {
		t.Fatal(err)
	}
	examples := map[string]string{}
	for _, p := range ph {
		examples[p.Name] = p.Example
	}
	if examples["co_quan.ten"] != "Sở Tài nguyên và Môi trường tỉnh Quảng Bình" || examples["phong_trao.giai_doan"] != "2021 - 2025" ||
		!strings.HasPrefix(examples["muc_tieu"], "- Có ít nhất 87%") {
		t.Fatalf("examples from the data: %v", examples)
	}

	// Generate the plan, edit a section, check, preview, issue.
	d, err := docs.Generate(document.TemplatePlan)
	if err != nil {
		t.Fatal(err)
	}
	if d.ID == "" || d.Status != document.StatusDraft || d.TypeName != "Kế hoạch" || d.IssuerName != "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG" {
		t.Fatalf("generated %+v", d)
	}
	d.Sections[len(d.Sections)-1].Markup += "\nĐoạn bổ sung khi soạn thảo."
	if d, err = docs.Save(d); err != nil {
		t.Fatal(err)
	}
	problems, err := docs.Check(d)
	if err != nil || len(problems) != 0 {
		t.Fatalf("check %+v %v", problems, err)
	}
	pv, err := docs.PreviewDraft(d)
	if err != nil || !bytes.HasPrefix(pv.PDF, []byte("%PDF")) || pv.Pages < 4 || pv.Font == "" || pv.FontSource == "" {
		t.Fatalf("preview draft %d %+v %v", pv.Pages, pv.Font, err)
	}
	bad := d
	bad.Summary = ""
	_, err = docs.PreviewDraft(bad)
	ue := uiError(t, err, "errors.invalid")
	if ue.Fields[0].Field != "summary" {
		t.Fatalf("fields %+v", ue.Fields)
	}
	r, err := docs.Reserve(document.ReserveRequest{TypeCode: "ke_hoach", Year: 2022})
	if err != nil || r.NumberText != "01/KH-STNMT" {
		t.Fatalf("reserve %+v %v", r, err)
	}
	issued, err := docs.Issue(document.IssueRequest{ID: d.ID, Version: d.Version, Date: "2022-06-20", ReservationID: r.ID})
	if err != nil || issued.NumberText != "01/KH-STNMT" || issued.Status != document.StatusIssued {
		t.Fatalf("issue %+v %v", issued, err)
	}
	list, err := docs.Reservations("ke_hoach", 2022)
	if err != nil || len(list) != 1 || list[0].Status != document.ReservationUsed {
		t.Fatalf("register %+v %v", list, err)
	}
	_, err = docs.Save(issued)
	uiError(t, err, "errors.document.notDraft")
	pv, err = docs.Preview(issued.ID)
	if err != nil || !pv.Archived {
		t.Fatalf("preview issued %v", err)
	}

	// Save with the native dialog (scripted), and the file the viewer opens.
	target := filepath.Join(t.TempDir(), "ke-hoach")
	answerDialog(t, target)
	p, err := docs.SavePDF(issued.ID)
	if err != nil || p != target+".pdf" {
		t.Fatalf("save %q %v", p, err)
	}
	saved, _ := os.ReadFile(p)
	if !bytes.Equal(saved, pv.PDF) {
		t.Fatal("the saved PDF is not the archived one")
	}
	answerDialog(t, "")
	if p, err := docs.SavePDF(issued.ID); err != nil || p != "" {
		t.Fatalf("cancelled save %q %v", p, err)
	}
	tmp, err := docs.WritePDFTemp(issued.ID)
	if err != nil || filepath.Base(tmp) != "01-KH-STNMT.pdf" || !strings.HasPrefix(tmp, filepath.Join(f.dataDir, "tmp")) {
		t.Fatalf("temp %q %v", tmp, err)
	}

	// The signed copy through the (scripted) open dialog; cancel changes nothing.
	scan := filepath.Join(t.TempDir(), "ban-da-ky.jpg")
	os.WriteFile(scan, append([]byte{0xFF, 0xD8, 0xFF, 0xE0}, bytes.Repeat([]byte{7}, 100)...), 0o644)
	answerDialog(t, "")
	same, err := docs.AttachSigned(issued.ID)
	if err != nil || same.SignedAttachmentID != nil {
		t.Fatalf("cancelled attach %+v %v", same, err)
	}
	answerDialog(t, scan)
	signed, err := docs.AttachSigned(issued.ID)
	if err != nil || signed.SignedFileName != "ban-da-ky.jpg" {
		t.Fatalf("attach %+v %v", signed, err)
	}
	_, err = docs.Revoke(issued.ID, "")
	uiError(t, err, "errors.invalid")
	rev, err := docs.Revoke(issued.ID, "Thay bằng kế hoạch khác")
	if err != nil || rev.Status != document.StatusRevoked {
		t.Fatalf("revoke %+v %v", rev, err)
	}
	page, err := docs.List(document.Query{Status: document.StatusRevoked})
	if err != nil || page.Total != 1 || page.Items[0].NumberText != "01/KH-STNMT" {
		t.Fatalf("list %+v %v", page, err)
	}

	// Templates: edit, reset; a report draft cannot be issued with guidance left.
	plan := tpls[0]
	plan.Name = "Kế hoạch phong trào (đã sửa)"
	if plan, err = docs.SaveTemplate(plan); err != nil || plan.Name != "Kế hoạch phong trào (đã sửa)" {
		t.Fatalf("save template %+v %v", plan, err)
	}
	if plan, err = docs.ResetTemplate(plan.Code); err != nil || plan.Name != "Kế hoạch tổ chức thực hiện phong trào thi đua" {
		t.Fatalf("reset %+v %v", plan, err)
	}
	rep, err := docs.Generate(document.TemplateMidReview)
	if err != nil {
		t.Fatal(err)
	}
	_, err = docs.Issue(document.IssueRequest{ID: rep.ID})
	ue = uiError(t, err, "errors.document.checkFailed")
	if len(ue.Fields) == 0 || ue.Fields[0].Key != "document.check.guidance" {
		t.Fatalf("fields %+v", ue.Fields)
	}
	if err := docs.Delete(rep.ID); err != nil {
		t.Fatal(err)
	}
	_, err = docs.Get(rep.ID)
	uiError(t, err, "errors.notFound")
	_, err = docs.Generate("khong-co")
	uiError(t, err, "errors.document.unknownTemplate")
	c, err := docs.CancelReservation(list[0].ID, "thử")
	if err == nil {
		t.Fatalf("a used number was released: %+v", c)
	}
	uiError(t, err, "errors.document.reservationNotHeld")
}

// A department set up without the sample gets the types and templates.
func TestSetupSeedsDocuments(t *testing.T) {
	f := newCore(t, storetest.DSN(t))
	if _, err := f.sys.Setup(org.Agency{Name: "SỞ Y TẾ", ParentBody: "UBND TỈNH HUẾ", Abbrev: "SYT", PlaceName: "Huế", HeadTitle: "GIÁM ĐỐC", HeadName: "Trần An"}, false); err != nil {
		t.Fatal(err)
	}
	docs := app.NewDocuments(f.core)
	types, err := docs.Types()
	if err != nil || len(types) != 28 {
		t.Fatalf("types %d %v", len(types), err)
	}
	tpls, err := docs.Templates()
	if err != nil || len(tpls) != 5 || tpls[0].Customised {
		t.Fatalf("templates %d %v", len(tpls), err)
	}
	// Without a campaign the plan cannot be generated, and says why.
	_, err = docs.Generate(document.TemplatePlan)
	uiError(t, err, "errors.document.noCampaign")
}
