package dossier_test

import (
	"context"
	"strings"
	"testing"

	"chungsuc/internal/document"
	"chungsuc/internal/fault"
)

func TestToTrinh(t *testing.T) {
	ctx := context.Background()
	fixedToday(t, "2025-12-20")
	f := newFx(t, defaultNominees)
	d, err := f.svc.DraftToTrinh(ctx, f.agencyID, f.proposal.ID)
	if err != nil {
		t.Fatal(err)
	}
	if p := f.reload(t); p.ToTrinhDocID == nil || *p.ToTrinhDocID != d.ID {
		t.Fatalf("proposal not linked: %+v", p.ToTrinhDocID)
	}
	if d.TypeCode != "to_trinh" || d.Status != document.StatusDraft || d.TemplateCode != document.TemplateAwardSubmission ||
		d.KinhGui[0] != "Giám đốc Sở" || d.Recipients[0] != "Như trên" || len(d.DataTables) != 1 {
		t.Fatalf("draft %+v", d)
	}
	prev, err := f.docs.Preview(ctx, f.agencyID, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, prev.PDF)
	wantAll(t, "tờ trình", text,
		"TỜ TRÌNH", "Số: /TTr-STNMT",
		"Về việc đề nghị khen thưởng cho 02 tập thể và 03 cá nhân có thành tích xuất sắc trong Phong trào thi đua “Cả nước chung sức xây dựng nông thôn mới” giai đoạn 2021 - 2025",
		"Kính gửi: Giám đốc Sở",
		"Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
		"Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ;",
		"Căn cứ Quyết định số 587/QĐ-TTg ngày 18/5/2022 của Thủ tướng Chính phủ",
		"Căn cứ Kế hoạch số 1017/KH-UBND ngày 13/6/2022",
		"Căn cứ Kết quả họp Hội đồng Thi đua - Khen thưởng Sở ngày 15/12/2025.",
		"- Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh: 01 tập thể, 01 cá nhân;",
		"- Giấy khen: 01 tập thể, 02 cá nhân.",
		"(Có danh sách và báo cáo thành tích kèm theo)",
		"kính trình Giám đốc Sở xem xét, quyết định./.",
		"DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG", "(Kèm theo Tờ trình số /TTr-STNMT", "I. TẬP THỂ", "II. CÁ NHÂN",
		"Tên tập thể / Họ và tên, chức vụ, đơn vị công tác", "Năm sinh", "Giới tính", "Tóm tắt thành tích", "Hình thức đề nghị",
		"Văn phòng Sở", "Thanh tra Sở", f.staffName(t, 2))
	// The nominee the council voted down is not proposed.
	wantNone(t, "tờ trình", text, f.staffName(t, 5), "Căn cứ Nghị định số 98/2023")
	if i, j := strings.Index(text, "Căn cứ Luật"), strings.Index(text, "Căn cứ Nghị định"); i < 0 || j < i {
		t.Errorf("the law comes before the decree")
	}
	// Nơi nhận starts with "Như trên".
	if i, j, k := strings.Index(text, "Nơi nhận:"), strings.Index(text, "- Như trên;"), strings.Index(text, "- Hội đồng Thi đua"); i < 0 || j < i || k < j {
		t.Errorf("Nơi nhận does not start with Như trên")
	}
	// The Danh sách is a landscape page.
	sizes := pageSizes(t, prev.PDF)
	if sizes[0] != "595.28 x 841.89" || sizes[len(sizes)-1] != "841.89 x 595.28" {
		t.Errorf("page sizes %v", sizes)
	}

	// Before 01/7/2025 the decree of the catalogue is not in force yet.
	fixedToday(t, "2025-03-01")
	d2, err := f.svc.DraftToTrinh(ctx, f.agencyID, f.proposal.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d2.ID != d.ID || strings.Contains(d2.Sections[0].Markup, "152/2025") || !strings.Contains(d2.Sections[0].Markup, "Luật Thi đua") {
		t.Fatalf("refresh: %s %s", d2.ID, d2.Sections[0].Markup)
	}
	fixedToday(t, "2025-12-20")

	// A refresh keeps the document (same id) and follows the proposal.
	if err := f.db.Exec("UPDATE award_proposals SET submit_to = ? WHERE id = ?", "Chủ tịch Ủy ban nhân dân tỉnh\nSở Nội vụ", f.proposal.ID).Error; err != nil {
		t.Fatal(err)
	}
	d3, err := f.svc.DraftToTrinh(ctx, f.agencyID, f.proposal.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d3.ID != d.ID || len(d3.KinhGui) != 2 || d3.KinhGui[1] != "Sở Nội vụ" || !strings.Contains(d3.Sections[3].Markup, "kính trình Chủ tịch Ủy ban nhân dân tỉnh") {
		t.Fatalf("refreshed %+v", d3)
	}

	// Once issued it is not drafted again.
	if _, err := f.docs.Issue(ctx, f.agencyID, document.IssueRequest{ID: d.ID, Date: "2025-12-20"}); err != nil {
		t.Fatal(err)
	}
	_, err = f.svc.DraftToTrinh(ctx, f.agencyID, f.proposal.ID)
	if fe, ok := fault.As(err); !ok || fe.Key != "errors.dossier.issued" {
		t.Fatalf("issued: %v", err)
	}
}

func TestBienBan(t *testing.T) {
	ctx := context.Background()
	fixedToday(t, "2025-12-20")
	f := newFx(t, defaultNominees)
	d, err := f.svc.DraftBienBan(ctx, f.agencyID, f.proposal.ID)
	if err != nil {
		t.Fatal(err)
	}
	issuers, _ := f.docs.Issuers(ctx, f.agencyID)
	if p := f.reload(t); p.BienBanDocID == nil || *p.BienBanDocID != d.ID {
		t.Fatalf("proposal not linked")
	}
	if d.TypeCode != "bien_ban" || d.IssuerKey != issuers[1].Key || d.Symbol != "BB-HĐTĐKT" || d.SignerName != "Nguyễn Huệ" ||
		d.LeftSigner == nil || d.LeftSigner.Name != "Trần Thị Thư Ký" {
		t.Fatalf("draft %s %s %s %s %+v", d.TypeCode, d.IssuerKey, d.Symbol, d.SignerName, d.LeftSigner)
	}
	prev, err := f.docs.Preview(ctx, f.agencyID, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, prev.PDF)
	wantAll(t, "biên bản", text,
		"SỞ TÀI NGUYÊN VÀ MÔI", "HỘI ĐỒNG THI ĐUA - KHEN", "Số: /BB-HĐTĐKT", "BIÊN BẢN",
		"Thời gian bắt đầu:", "ngày 15 tháng 12 năm 2025", "Địa điểm: Phòng họp số 1, trụ sở Sở.",
		"Thành phần tham dự: 09/09 thành viên Hội đồng có mặt.", "Chủ trì (chủ tọa): Nguyễn Huệ.", "Thư ký (người ghi biên bản): Trần Thị Thư Ký.",
		"I. NỘI DUNG XÉT", "02 tập thể và 04 cá nhân", "II. KẾT QUẢ BỎ PHIẾU KÍN", "tỷ lệ phiếu đồng ý trên 50% tổng số thành viên Hội đồng",
		"Tên tập thể, cá nhân", "Số phiếu", "Tỷ lệ %", "Kết quả", "8/9", "88,9", "3/9", "33,3", "Không đạt",
		"III. KẾT LUẬN", "Hội đồng thống nhất đề nghị Giám đốc Sở", "cho 02 tập thể và 03 cá nhân",
		"Cuộc họp kết thúc", "THƯ KÝ", "CHỦ TỌA", "Trần Thị Thư Ký", "Nguyễn Huệ")
	// Every nominee is in the ballot table, the one voted down too.
	wantAll(t, "biên bản", text, f.staffName(t, 5))

	// The secretary is kept by the register and frozen at issue.
	got, err := f.docs.Get(ctx, f.agencyID, d.ID)
	if err != nil || got.LeftSigner == nil || got.LeftSigner.Authority[0] != "THƯ KÝ" || got.LeftSigner.Name != "Trần Thị Thư Ký" {
		t.Fatalf("stored left signer %+v %v", got.LeftSigner, err)
	}
	problems, err := f.docs.Check(ctx, f.agencyID, got)
	if err != nil || len(problems) != 2 || problems[0].Key != "document.check.guidance" {
		t.Fatalf("check %+v %v", problems, err)
	}
	for i := range got.Sections {
		got.Sections[i].Markup = strings.ReplaceAll(got.Sections[i].Markup, "[[giờ, phút]]", "14 giờ 00")
	}
	got.Recipients = nil // the secretary signs where Nơi nhận would be
	if got, err = f.docs.Save(ctx, f.agencyID, got); err != nil {
		t.Fatal(err)
	}
	issued, err := f.docs.Issue(ctx, f.agencyID, document.IssueRequest{ID: got.ID, Date: "2025-12-16"})
	if err != nil {
		t.Fatal(err)
	}
	final, err := document.FinalDoc(issued)
	if err != nil || final.Footer.Left == nil || final.Footer.Left.Name != "Trần Thị Thư Ký" || issued.NumberText != "01/BB-HĐTĐKT" {
		t.Fatalf("issued %s %+v %v", issued.NumberText, final.Footer, err)
	}
}
