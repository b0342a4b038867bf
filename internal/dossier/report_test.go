package dossier_test

import (
	"context"
	"strings"
	"testing"

	"chungsuc/internal/award"
	"chungsuc/internal/dossier"
)

func TestReports(t *testing.T) {
	ctx := context.Background()
	fixedToday(t, "2025-12-20")
	f := newFx(t, defaultNominees)

	// (1) A collective: the unit under the agency, its headings, the
	// history tables, the two signers; no "Số:" line.
	r, err := f.svc.ReportPDF(ctx, f.agencyID, f.nominees[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, r.PDF)
	wantAll(t, "báo cáo tập thể", text,
		"SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "VĂN PHÒNG SỞ", "Quảng Bình, ngày tháng năm 2025",
		"BÁO CÁO THÀNH TÍCH", "ĐỀ NGHỊ TẶNG GIẤY KHEN", "Văn phòng Sở",
		"I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH", "1. Đặc điểm, tình hình", "2. Chức năng, nhiệm vụ",
		"Văn phòng Sở là phòng chuyên môn thuộc Sở Tài nguyên và Môi trường tỉnh Quảng Bình.",
		"II. THÀNH TÍCH ĐẠT ĐƯỢC", "1. Kết quả đạt được", "Kết quả năm 2025 theo dữ liệu theo dõi trên phần mềm:",
		"Địa bàn đăng ký hỗ trợ:",
		"III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", "1. Danh hiệu thi đua", "2. Hình thức khen thưởng",
		"Năm", "Số, ngày, tháng, năm của quyết định công nhận; cơ quan ban hành quyết định",
		"Số, ngày, tháng, năm của quyết định khen thưởng; cơ quan ban hành quyết định",
		"2023 Tập thể lao động xuất sắc", "Quyết định số 45/QĐ-STNMT ngày 15/01/2024; Giám đốc Sở Tài nguyên và Môi trường",
		"2022 Hình thức khen thưởng Giấy khen", "Quyết định số 12/QĐ-STNMT ngày 10/01/2023",
		"THỦ TRƯỞNG ĐƠN VỊ CẤP TRÊN TRỰC TIẾP", "XÁC NHẬN, ĐỀ NGHỊ", "(Ký, đóng dấu)", "THỦ TRƯỞNG ĐƠN VỊ")
	wantNone(t, "báo cáo tập thể", text, "Số:", "CHUYÊN ĐỀ")
	if strings.Index(text, "Tập thể lao động xuất sắc") > strings.Index(text, "2. Hình thức khen thưởng") {
		t.Error("the title is not in the table of titles")
	}

	// (2) A person: the biography, the person signs on the right.
	name := f.staffName(t, 4)
	r, err = f.svc.ReportPDF(ctx, f.agencyID, f.nominees[4].ID)
	if err != nil {
		t.Fatal(err)
	}
	text = pdfText(t, r.PDF)
	wantAll(t, "báo cáo cá nhân", text, "BÁO CÁO THÀNH TÍCH", "ĐỀ NGHỊ TẶNG BẰNG KHEN CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH",
		"I. SƠ LƯỢC LÝ LỊCH", "- Họ và tên: "+name+".", "Giới tính", "Quê quán", "Đơn vị công tác", "Chức vụ (Đảng, chính quyền, đoàn thể)",
		"Trình độ chuyên môn, nghiệp vụ", "II. THÀNH TÍCH ĐẠT ĐƯỢC", "1. Quyền hạn, nhiệm vụ được giao hoặc đảm nhận",
		"2. Thành tích đạt được của cá nhân", "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", "Chưa có.",
		"THỦ TRƯỞNG ĐƠN VỊ", "NGƯỜI BÁO CÁO THÀNH TÍCH", "(Ký, ghi rõ họ và tên)", name)
	wantNone(t, "báo cáo cá nhân", text, "Số:", "CẤP TRÊN TRỰC TIẾP")

	// (3) Thematic movement, for a collective and for a person.
	for _, i := range []int{1, 3} {
		r, err = f.svc.ReportPDF(ctx, f.agencyID, f.nominees[i].ID)
		if err != nil {
			t.Fatal(err)
		}
		text = pdfText(t, r.PDF)
		wantAll(t, "báo cáo chuyên đề", text, "BÁO CÁO THÀNH TÍCH", "(VỀ THÀNH TÍCH THI ĐUA THEO CHUYÊN ĐỀ)",
			"Phong trào thi đua “Cả nước chung sức xây dựng nông thôn mới” giai đoạn 2021 - 2025",
			"I. THÔNG TIN CHUNG", "II. THÀNH TÍCH ĐẠT ĐƯỢC", "1. Kết quả thực hiện mục tiêu, nhiệm vụ, chỉ tiêu đã đăng ký",
			"2. Các biện pháp, giải pháp đã thực hiện; sáng kiến, mô hình", "3. Kinh nghiệm rút ra",
			"III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG")
	}
	wantAll(t, "báo cáo chuyên đề cá nhân", text, "NGƯỜI BÁO CÁO THÀNH TÍCH", "- Họ và tên: "+f.staffName(t, 3)+".")

	// The draft from the data; the edited sections override it.
	secs, err := f.svc.DraftReport(ctx, f.agencyID, f.nominees[0].ID)
	if err != nil || len(secs) != 3 || secs[0].Heading != "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH" || !strings.Contains(secs[2].Markup, "{{bang:danh_hieu}}") {
		t.Fatalf("draft %+v %v", secs, err)
	}
	edited := []award.ReportSection{{Heading: "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH", Markup: "Nội dung đã sửa bởi đơn vị."},
		{Heading: "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", Markup: "{{bang:hinh_thuc}}"}}
	if err := f.db.Model(&award.Nominee{}).Where("id = ?", f.nominees[0].ID).Update("report", award.FormatReport(edited)).Error; err != nil {
		t.Fatal(err)
	}
	r, err = f.svc.ReportPDF(ctx, f.agencyID, f.nominees[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	text = pdfText(t, r.PDF)
	wantAll(t, "báo cáo đã sửa", text, "Nội dung đã sửa bởi đơn vị.", "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", "Quyết định số 12/QĐ-STNMT")
	wantNone(t, "báo cáo đã sửa", text, "II. THÀNH TÍCH ĐẠT ĐƯỢC", "Tập thể lao động xuất sắc")

	// The forms say their structure is unconfirmed.
	for _, rf := range dossier.ReportForms() {
		if rf.Confirmed || !strings.Contains(rf.Source, "CHƯA XÁC NHẬN") || len(rf.Headings) != 3 {
			t.Errorf("form %+v", rf)
		}
	}
}
