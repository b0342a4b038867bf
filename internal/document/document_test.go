package document_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gorm.io/gorm"

	"chungsuc/internal/attach"
	"chungsuc/internal/document"
	"chungsuc/internal/fault"
	"chungsuc/internal/store"
)

func wantKey(t *testing.T, err error, key string) *fault.Error {
	t.Helper()
	fe, ok := fault.As(err)
	if !ok || fe.Key != key {
		t.Fatalf("got %v, want %s", err, key)
	}
	return fe
}

func TestSeedTypesFromDecree(t *testing.T) {
	ctx := context.Background()
	db, svc, aid, _, _ := bareAgency(t)
	types, err := svc.Types(ctx, aid)
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]document.Type{}
	for _, ty := range types {
		by[ty.Code] = ty
		if !ty.Builtin || !ty.Active || !ty.Confirmed || !strings.Contains(ty.Source, "30/2020/NĐ-CP") {
			t.Errorf("type %+v: not marked as the decree's", ty)
		}
	}
	if len(types) != 28 {
		t.Errorf("%d types, want the 27 of Phụ lục III and the công văn", len(types))
	}
	for code, abbrev := range map[string]string{"ke_hoach": "KH", "bao_cao": "BC", "to_trinh": "TTr", "quyet_dinh": "QĐ",
		"bien_ban": "BB", "thong_bao": "TB", "huong_dan": "HD", "quy_dinh": "QyĐ", "cong_van": ""} {
		if by[code].Abbrev != abbrev || by[code].Series != code {
			t.Errorf("%s: %+v", code, by[code])
		}
	}
	cv := by["cong_van"]
	if !cv.Letter || cv.Title != "" || !cv.NeedsKinhGui || !cv.NhuTren || !strings.Contains(cv.Source, "Mẫu 1.5") {
		t.Errorf("công văn %+v", cv)
	}
	if by["quyet_dinh"].Title != "QUYẾT ĐỊNH" || by["ke_hoach"].NhuTren || !by["bao_cao"].NhuTren {
		t.Errorf("titles or flags: %+v %+v", by["quyet_dinh"], by["bao_cao"])
	}

	// The agency's edits survive seeding again; a deleted type stays deleted.
	kh := by["ke_hoach"]
	kh.Series = "chung"
	if kh, err = svc.SaveType(ctx, aid, kh); err != nil {
		t.Fatal(err)
	}
	if err := db.Exec("UPDATE document_types SET deleted_at = CURRENT_TIMESTAMP WHERE code = 'phieu_bao'").Error; err != nil {
		t.Fatal(err)
	}
	if err := db.Transaction(func(tx *gorm.DB) error { return document.Seed(tx, aid) }); err != nil {
		t.Fatal(err)
	}
	again, _ := svc.Types(ctx, aid)
	if len(again) != 27 {
		t.Fatalf("%d types after re-seeding", len(again))
	}
	for _, ty := range again {
		if ty.Code == "ke_hoach" && ty.Series != "chung" {
			t.Errorf("edit lost: %+v", ty)
		}
	}
	// A built-in code cannot change; a new type gets its own code.
	kh.Code = "kh2"
	_, err = svc.SaveType(ctx, aid, kh)
	wantKey(t, err, "errors.document.builtinCode")
	_, err = svc.SaveType(ctx, aid, document.Type{Code: "ke_hoach", Name: "Trùng", Title: "X", Abbrev: "X"})
	wantKey(t, err, "errors.document.typeCodeTaken")
	_, err = svc.SaveType(ctx, aid, document.Type{Code: "Sai Mã", Name: "", Title: "", Abbrev: "K H"})
	fe := wantKey(t, err, "errors.invalid")
	if len(fe.Fields) < 2 {
		t.Errorf("fields %+v", fe.Fields)
	}
	nt, err := svc.SaveType(ctx, aid, document.Type{Code: "de_cuong", Name: "Đề cương", Title: "đề cương", Abbrev: "ĐC"})
	if err != nil || nt.Title != "ĐỀ CƯƠNG" || nt.Series != "de_cuong" || nt.Builtin {
		t.Fatalf("new type %+v %v", nt, err)
	}
}

func TestIssuersSignersSettings(t *testing.T) {
	ctx := context.Background()
	_, svc, aid, councilID, _ := bareAgency(t)
	is, err := svc.Issuers(ctx, aid)
	if err != nil {
		t.Fatal(err)
	}
	if len(is) != 2 || is[0].Key != document.IssuerAgency || is[0].Abbrev != "SYT" || is[1].Key != councilID ||
		is[1].Abbrev != "HĐTĐKT" || is[1].Name != "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG SỞ" || is[1].ParentBody != "SỞ Y TẾ" {
		t.Fatalf("issuers %+v", is)
	}
	sg, err := svc.Signers(ctx, aid)
	if err != nil || len(sg) != 2 || !sg[0].Head || sg[0].Form != "" || sg[1].Form != "KT" || sg[1].Name != "Lê Thị Bình" {
		t.Fatalf("signers %+v %v", sg, err)
	}
	st, err := svc.Settings(ctx, aid)
	if err != nil || st.ID != "" || st.FullName != "Sở y tế" || st.ShortName != "Sở" || st.Superior != "Ủy ban nhân dân tỉnh Huế" ||
		st.Council != "Hội đồng Thi đua - Khen thưởng Sở" {
		t.Fatalf("derived settings %+v %v", st, err)
	}
	st.FullName = "Sở Y tế tỉnh  Huế"
	if st, err = svc.SaveSettings(ctx, aid, st); err != nil || st.ID == "" || st.FullName != "Sở Y tế tỉnh Huế" {
		t.Fatalf("saved %+v %v", st, err)
	}
	st.DraftUnit = "V P"
	_, err = svc.SaveSettings(ctx, aid, st)
	wantKey(t, err, "errors.invalid")
}

func TestDraftValidation(t *testing.T) {
	ctx := context.Background()
	_, svc, aid, _, _ := bareAgency(t)
	_, err := svc.Save(ctx, aid, document.Document{TypeCode: "khong_co", Summary: ""})
	fe := wantKey(t, err, "errors.invalid")
	fields := map[string]string{}
	for _, f := range fe.Fields {
		fields[f.Field] = f.Key
	}
	if fields["summary"] != "validation.required" || fields["typeCode"] != "validation.document.unknownType" {
		t.Fatalf("fields %v", fields)
	}
	d := simpleDraft("ke_hoach", "", "Thử")
	d.IssuerKey = "khong-co"
	d.SignForm = "XX"
	d.Sections[0].Markup += "\n{{muc_tieu}}\n{{bang:khong_co}}"
	_, err = svc.Save(ctx, aid, d)
	fe = wantKey(t, err, "errors.invalid")
	fields = map[string]string{}
	for _, f := range fe.Fields {
		fields[f.Field] = f.Key
	}
	if fields["issuerKey"] != "validation.document.unknownIssuer" || fields["signForm"] != "validation.oneOf" ||
		fields["sections.0.markup"] != "validation.document.placeholder" {
		t.Fatalf("fields %v", fields)
	}
	// NFC at the boundary.
	d = simpleDraft("ke_hoach", "", "Ke\u0302\u0301 hoa\u0323ch  thử")
	saved, err := svc.Save(ctx, aid, d)
	if err != nil || saved.Summary != "Kế hoạch thử" || saved.Symbol != "KH-SYT" || saved.Status != document.StatusDraft || saved.NumberText != "" {
		t.Fatalf("saved %+v %v", saved, err)
	}
}

// sha is the hex SHA-256 of a file.
func searchQ(s string) store.ListQuery { return store.ListQuery{Search: s} }

func sha(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func TestLifecycle(t *testing.T) {
	ctx := context.Background()
	fixedToday(t, "2025-03-04")
	db, svc, aid, councilID, dataDir := bareAgency(t)

	d, err := svc.Save(ctx, aid, simpleDraft("ke_hoach", "", "Tổ chức hội nghị"))
	if err != nil {
		t.Fatal(err)
	}
	// A draft may be edited and previewed.
	d.Summary = "Tổ chức hội nghị sơ kết"
	if d, err = svc.Save(ctx, aid, d); err != nil {
		t.Fatal(err)
	}
	pv, err := svc.Preview(ctx, aid, d.ID)
	if err != nil || !bytes.HasPrefix(pv.PDF, []byte("%PDF")) || pv.Pages != 1 || pv.Archived || len(pv.Problems) != 0 || pv.Font == "" {
		t.Fatalf("preview %d bytes %+v %v", len(pv.PDF), pv.Problems, err)
	}
	// A stale issue is refused; a wrong date too.
	_, err = svc.Issue(ctx, aid, document.IssueRequest{ID: d.ID, Version: d.Version - 1})
	if !errors.Is(err, fault.ErrStale) {
		t.Fatalf("stale issue: %v", err)
	}
	_, err = svc.Issue(ctx, aid, document.IssueRequest{ID: d.ID, Date: "2025-02-30"})
	wantKey(t, err, "errors.invalid")

	issued, err := svc.Issue(ctx, aid, document.IssueRequest{ID: d.ID, Version: d.Version, Date: "2025-01-05"})
	if err != nil {
		t.Fatal(err)
	}
	if issued.Status != document.StatusIssued || issued.Number != 1 || issued.NumberText != "01/KH-SYT" || issued.Year != 2025 ||
		issued.Date != "2025-01-05" || issued.Series != "ke_hoach" || issued.IssuedAt == nil || issued.ReservationID == nil || issued.PDFPages != 1 {
		t.Fatalf("issued %+v", issued)
	}
	// The frozen content is the number and date as printed.
	var final document.Document
	if err := db.Where("id = ?", d.ID).Take(&final).Error; err != nil {
		t.Fatal(err)
	}
	doc, err := document.FinalDoc(final)
	if err != nil || doc.Header.Number != 1 || doc.Header.Symbol != "KH-SYT" || doc.Header.Date != "2025-01-05" || doc.Title.Summary != "Tổ chức hội nghị sơ kết" {
		t.Fatalf("final %+v %v", doc.Header, err)
	}
	// The archived PDF has the recorded SHA-256 and is what Preview and PDF give.
	var a attach.Attachment
	if err := db.Where("id = ?", *issued.PDFAttachmentID).Take(&a).Error; err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dataDir, filepath.FromSlash(a.StoredPath))
	if got := sha(t, path); got != issued.PDFSHA256 || got != a.SHA256 || a.OwnerID != d.ID || a.FileName != "01-KH-SYT.pdf" {
		t.Fatalf("archive %s vs %s (%+v)", got, issued.PDFSHA256, a)
	}
	archived, _ := os.ReadFile(path)
	pv, err = svc.Preview(ctx, aid, d.ID)
	if err != nil || !pv.Archived || !bytes.Equal(pv.PDF, archived) || pv.Pages != 1 {
		t.Fatalf("archived preview: %v", err)
	}
	b, name, err := svc.PDF(ctx, aid, d.ID)
	if err != nil || !bytes.Equal(b, archived) || name != "01-KH-SYT.pdf" {
		t.Fatalf("pdf %s %v", name, err)
	}
	text := pdfText(t, b)
	for _, want := range []string{"Số: 01/KH-SYT", "Huế, ngày 05 tháng 01 năm 2025", "KẾ HOẠCH", "Tổ chức hội nghị sơ kết", "Lưu: VT, VP."} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF lacks %q:\n%s", want, text)
		}
	}

	// Issued content is frozen.
	issued.Summary = "Sửa sau khi ban hành"
	_, err = svc.Save(ctx, aid, issued)
	wantKey(t, err, "errors.document.notDraft")
	wantKey(t, svc.Delete(ctx, aid, d.ID), "errors.document.notDraft")
	_, err = svc.Issue(ctx, aid, document.IssueRequest{ID: d.ID})
	wantKey(t, err, "errors.document.notDraft")
	// A damaged archive is refused, never shown.
	if err := os.WriteFile(path+".bak", archived, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, append(archived[:len(archived):len(archived)], ' '), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = svc.Preview(ctx, aid, d.ID)
	wantKey(t, err, "errors.document.attachmentDamaged")
	if err := os.Rename(path+".bak", path); err != nil {
		t.Fatal(err)
	}

	// The signed copy: a PDF or an image whose content matches its name.
	dir := t.TempDir()
	fake := filepath.Join(dir, "ban-ky.pdf")
	os.WriteFile(fake, []byte("not a pdf"), 0o600)
	_, err = svc.AttachSigned(ctx, aid, d.ID, fake)
	wantKey(t, err, "errors.document.signedType")
	png := filepath.Join(dir, "ban-ky.png")
	os.WriteFile(png, append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{1}, 64)...), 0o600)
	signed, err := svc.AttachSigned(ctx, aid, d.ID, png)
	if err != nil || signed.SignedAttachmentID == nil || signed.SignedFileName != "ban-ky.png" {
		t.Fatalf("signed %+v %v", signed, err)
	}
	if p, err := svc.SignedPath(ctx, aid, d.ID); err != nil || sha(t, p) != sha(t, png) {
		t.Fatalf("signed path %s %v", p, err)
	}

	// Revocation needs a reason and keeps the number taken.
	_, err = svc.Revoke(ctx, aid, d.ID, " ")
	wantKey(t, err, "errors.invalid")
	rev, err := svc.Revoke(ctx, aid, d.ID, "Ban hành nhầm đối tượng")
	if err != nil || rev.Status != document.StatusRevoked || rev.RevokedAt == nil || rev.NumberText != "01/KH-SYT" {
		t.Fatalf("revoked %+v %v", rev, err)
	}
	_, err = svc.Revoke(ctx, aid, d.ID, "lần nữa")
	wantKey(t, err, "errors.document.notIssued")
	_, err = svc.AttachSigned(ctx, aid, d.ID, png)
	wantKey(t, err, "errors.document.notIssued")
	next, _ := svc.Save(ctx, aid, simpleDraft("ke_hoach", "", "Kế hoạch thứ hai"))
	next, err = svc.Issue(ctx, aid, document.IssueRequest{ID: next.ID, Date: "2025-02-01"})
	if err != nil || next.Number != 2 {
		t.Fatalf("after a revocation the next number is 2: %+v %v", next.Number, err)
	}

	// A draft that fails the checks is refused and takes no number.
	bad := simpleDraft("ke_hoach", "", "Thiếu người ký")
	bad.SignerName = ""
	bad.Recipients = []string{"Lãnh đạo Sở"}
	bad.Sections[0].Markup = "Nội dung [[còn phải viết]]"
	bad, _ = svc.Save(ctx, aid, bad)
	problems, err := svc.Check(ctx, aid, bad)
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{}
	for _, p := range problems {
		keys[p.Key] = true
	}
	for _, k := range []string{"document.check.guidance", "document.check.signerName", "pdf.check.recipientLuu", "pdf.check.signerEmpty"} {
		if !keys[k] {
			t.Errorf("check lacks %s: %+v", k, problems)
		}
	}
	_, err = svc.Issue(ctx, aid, document.IssueRequest{ID: bad.ID, Date: "2025-02-02"})
	fe := wantKey(t, err, "errors.document.checkFailed")
	// The refusal lists every blocking problem; the warning is not one.
	if len(fe.Fields) != len(problems)-1 {
		t.Errorf("refusal fields %+v", fe.Fields)
	}
	for _, f := range fe.Fields {
		if f.Key == "pdf.check.recipientLuu" {
			t.Errorf("a warning refused the issue: %+v", f)
		}
	}
	third, _ := svc.Save(ctx, aid, simpleDraft("ke_hoach", "", "Kế hoạch thứ ba"))
	if third, err = svc.Issue(ctx, aid, document.IssueRequest{ID: third.ID, Date: "2025-02-03"}); err != nil || third.Number != 3 {
		t.Fatalf("a refused issue took a number: %d %v", third.Number, err)
	}

	// A council numbers in its own series; a new year starts at 1.
	cd, _ := svc.Save(ctx, aid, simpleDraft("ke_hoach", councilID, "Kế hoạch của Hội đồng"))
	cd, err = svc.Issue(ctx, aid, document.IssueRequest{ID: cd.ID, Date: "2025-02-04"})
	if err != nil || cd.NumberText != "01/KH-HĐTĐKT" {
		t.Fatalf("council %+v %v", cd.NumberText, err)
	}
	ny, _ := svc.Save(ctx, aid, simpleDraft("ke_hoach", "", "Kế hoạch năm sau"))
	if ny, err = svc.Issue(ctx, aid, document.IssueRequest{ID: ny.ID, Date: "2026-01-02"}); err != nil || ny.NumberText != "01/KH-SYT" || ny.Year != 2026 {
		t.Fatalf("new year %+v %v", ny.NumberText, err)
	}
	// A công văn: symbol ISSUER-UNIT, trích yếu as "V/v".
	cv := simpleDraft("cong_van", "", "Đôn đốc báo cáo")
	cv.KinhGui = []string{"Các phòng, đơn vị"}
	cv, _ = svc.Save(ctx, aid, cv)
	if cv, err = svc.Issue(ctx, aid, document.IssueRequest{ID: cv.ID, Date: "2025-03-04"}); err != nil || cv.NumberText != "01/SYT-VP" {
		t.Fatalf("công văn %+v %v", cv.NumberText, err)
	}
	b, _, _ = svc.PDF(ctx, aid, cv.ID)
	if text := pdfText(t, b); !strings.Contains(text, "V/v đôn đốc báo cáo") || !strings.Contains(text, "Kính gửi") || strings.Contains(text, "CÔNG VĂN") {
		t.Errorf("công văn text: %s", text)
	}

	// The list and its filters.
	page, err := svc.List(ctx, aid, document.Query{Status: document.StatusIssued, Year: 2025})
	if err != nil || page.Total != 4 {
		t.Fatalf("issued in 2025: %d %v", page.Total, err)
	}
	page, _ = svc.List(ctx, aid, document.Query{IssuerKey: councilID})
	if page.Total != 1 || page.Items[0].IssuerName != "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG SỞ" || page.Items[0].TypeName != "Kế hoạch" {
		t.Fatalf("council list %+v", page.Items)
	}
	page, _ = svc.List(ctx, aid, document.Query{ListQuery: searchQ("hdtdkt")})
	if page.Total != 1 {
		t.Fatalf("search by symbol: %d", page.Total)
	}
	page, _ = svc.List(ctx, aid, document.Query{Status: document.StatusDraft})
	if page.Total != 1 {
		t.Fatalf("drafts %d", page.Total)
	}
	if err := svc.Delete(ctx, aid, bad.ID); err != nil {
		t.Fatal(err)
	}
}

// A warning of the validator (practice, not the decree) is shown by Check
// but does not stop the issue.
func TestWarningsDoNotBlockIssue(t *testing.T) {
	ctx := context.Background()
	fixedToday(t, "2025-03-04")
	_, svc, aid, _, _ := bareAgency(t)
	draft := simpleDraft("ke_hoach", "", "Tổ chức hội nghị")
	draft.Recipients = []string{"Lãnh đạo Sở", "Các phòng, đơn vị thuộc Sở"} // no "Lưu: …" line
	d, err := svc.Save(ctx, aid, draft)
	if err != nil {
		t.Fatal(err)
	}
	problems, err := svc.Check(ctx, aid, d)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 1 || problems[0].Key != "pdf.check.recipientLuu" || !problems[0].Warning {
		t.Fatalf("problems %+v", problems)
	}
	issued, err := svc.Issue(ctx, aid, document.IssueRequest{ID: d.ID, Version: d.Version, Date: "2025-03-04"})
	if err != nil || issued.Number != 1 {
		t.Fatalf("issue with a warning: %+v %v", issued.Status, err)
	}
}
