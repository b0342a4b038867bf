package document

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"chungsuc/internal/fault"
	"chungsuc/internal/store"
	"chungsuc/internal/vntext"
)

// Built-in template codes.
const (
	TemplatePlan        = "ke-hoach-phong-trao"
	TemplateMidReview   = "bao-cao-so-ket"
	TemplateFinalReview = "bao-cao-tong-ket"
	// TemplateAwardSubmission and TemplateAwardMinutes are drafted from an
	// award proposal (internal/dossier): the Tờ trình with its Danh sách,
	// and the Biên bản of the council's meeting with the ballot table.
	TemplateAwardSubmission = "to-trinh-khen-thuong"
	TemplateAwardMinutes    = "bien-ban-hop-hoi-dong-tdkt"
)

// Guidance in a template is written [[like this]]: it tells the drafter
// what to write there, and Check refuses to issue a document that still
// holds any.
const (
	guidanceOpen  = "[["
	guidanceClose = "]]"
)

// sourcePlan and sourceReport say what the built-in templates follow: the
// layout is the decree's, the section structure is practice.
const (
	sourcePlan = "Thể thức: Nghị định 30/2020/NĐ-CP, Phụ lục III, Mẫu 1.4 (văn bản có tên loại). " +
		"Bố cục các mục I–IV theo thông lệ các kế hoạch tổ chức thực hiện phong trào thi đua " +
		"(tham khảo Quyết định số 587/QĐ-TTg ngày 18/5/2022 của Thủ tướng Chính phủ); " +
		"nghị định không quy định bố cục này."
	sourceReport = "Thể thức: Nghị định 30/2020/NĐ-CP, Phụ lục III, Mẫu 1.4; \"Kính gửi\" và \"Như trên\" theo Phụ lục I (ô 9a, 9b). " +
		"Bố cục báo cáo sơ kết, tổng kết phong trào thi đua theo thông lệ; nghị định không quy định bố cục này."
	notePractice = "Lời văn do Chung Sức soạn sẵn để cơ quan sửa theo thực tế; không phải văn bản mẫu của nghị định."
	// sourceAwardSubmission and sourceAwardMinutes: the layouts are the
	// decree's; the content is practice, UNCONFIRMED against the appendix
	// of Nghị định 152/2025/NĐ-CP (OFFICIAL-FORMAT.md B.3 (5)–(7)).
	sourceAwardSubmission = "Thể thức: Nghị định 30/2020/NĐ-CP, Phụ lục III, Mẫu 1.4 (tờ trình); \"Kính gửi\" và \"Như trên\" theo Phụ lục I (ô 9a, 9b); " +
		"danh sách kèm theo là phụ lục khổ ngang. Nội dung tờ trình và các cột của danh sách theo thông lệ hồ sơ đề nghị khen thưởng, " +
		"CHƯA ĐỐI CHIẾU với phụ lục mẫu của Nghị định 152/2025/NĐ-CP (chưa xác nhận)."
	sourceAwardMinutes = "Thể thức: Nghị định 30/2020/NĐ-CP, Phụ lục III, Mẫu 1.9 (biên bản: thời gian, địa điểm, thành phần, chủ trì, thư ký, nội dung, giờ kết thúc). " +
		"Nội dung xét và bảng kết quả bỏ phiếu kín theo thông lệ họp Hội đồng Thi đua - Khen thưởng, CHƯA ĐỐI CHIẾU với văn bản quy định (chưa xác nhận)."
	noteAward = "Soạn từ một đợt đề nghị ở màn hình Khen thưởng (nút Soạn Tờ trình / Soạn Biên bản): các trường de_nghi.… và bảng danh sách, bảng kết quả bỏ phiếu lấy từ đợt đề nghị. " + notePractice
)

// awardTemplates are the Tờ trình and the Biên bản of an award proposal.
func awardTemplates() []Template {
	submission := Template{
		Code: TemplateAwardSubmission, TypeCode: "to_trinh", Name: "Tờ trình đề nghị khen thưởng (kèm danh sách)",
		Summary:    "Về việc đề nghị {{de_nghi.hinh_thuc}} cho {{de_nghi.so_luong}} có thành tích xuất sắc trong Phong trào thi đua “{{phong_trao.ten_ngan}}” giai đoạn {{phong_trao.giai_doan}}",
		KinhGui:    []string{"{{co_quan.cap_tren}}"},
		Recipients: []string{"Như trên", "{{hoi_dong}}", "Lưu: VT, {{don_vi_soan}}"},
		Sections: []Section{
			{Key: "can_cu", Title: "Căn cứ", Markup: "{{de_nghi.can_cu}}"},
			{Key: "ket_qua", Title: "Kết quả phong trào", Markup: "Thực hiện Phong trào thi đua “{{phong_trao.ten_ngan}}” giai đoạn {{phong_trao.giai_doan}}, {{co_quan.ten}} đã phát động, triển khai Phong trào thi đua tới các phòng, đơn vị và cán bộ, công chức, viên chức, người lao động. {{ho_tro.tong_hop}}\n" +
				"Kết quả thực hiện các mục tiêu, chỉ tiêu của Phong trào thi đua, theo số liệu theo dõi đến ngày {{ngay_so_lieu}}:\n{{ket_qua_chi_tieu}}"},
			{Key: "de_nghi", Title: "Đề nghị khen thưởng", Markup: "Căn cứ thành tích đạt được và kết quả xét, bỏ phiếu của {{hoi_dong}}, {{co_quan.ten}} đề nghị {{de_nghi.hinh_thuc}} cho {{de_nghi.so_luong}} có thành tích xuất sắc trong Phong trào thi đua, cụ thể:\n" +
				"{{de_nghi.theo_hinh_thuc}}\n*(Có danh sách và báo cáo thành tích kèm theo)*"},
			{Key: "ket_thuc", Title: "Kết thúc", Markup: "{{co_quan.ten}} kính trình {{de_nghi.cap_trinh}} xem xét, quyết định."},
		},
		Appendices: []Appendix{{Label: "", Title: "Danh sách đề nghị {{de_nghi.hinh_thuc}}", Landscape: true, Markup: "{{bang:danh_sach_khen_thuong}}"}},
		SignForm:   "", Source: sourceAwardSubmission, Note: noteAward, Practice: true, Builtin: true, SortOrder: 40,
	}
	minutes := Template{
		Code: TemplateAwardMinutes, TypeCode: "bien_ban", Name: "Biên bản họp Hội đồng Thi đua - Khen thưởng (xét khen thưởng)",
		Summary:    "Họp xét đề nghị khen thưởng trong Phong trào thi đua “{{phong_trao.ten_ngan}}” giai đoạn {{phong_trao.giai_doan}}",
		KinhGui:    []string{},
		Recipients: []string{"Thành viên Hội đồng", "Lưu: VT, {{don_vi_soan}}"},
		Sections: []Section{
			{Key: "thong_tin", Title: "Thời gian, địa điểm, thành phần", Markup: "Thời gian bắt đầu: [[giờ, phút]], {{de_nghi.hop_ngay}}.\n" +
				"Địa điểm: {{de_nghi.hop_dia_diem}}.\nThành phần tham dự: {{de_nghi.hop_thanh_phan}}.\n" +
				"Chủ trì (chủ tọa): {{de_nghi.hop_chu_toa}}.\nThư ký (người ghi biên bản): {{de_nghi.hop_thu_ky}}."},
			{Key: "noi_dung", Title: "Nội dung", Markup: "# I. NỘI DUNG XÉT\n" +
				"Hội đồng xem xét hồ sơ đề nghị khen thưởng của {{de_nghi.so_luong_xet}} có thành tích trong Phong trào thi đua “{{phong_trao.ten_ngan}}” giai đoạn {{phong_trao.giai_doan}}, đối chiếu với tiêu chuẩn khen thưởng theo quy định và thành tích đạt được trong Phong trào thi đua.\n" +
				"# II. KẾT QUẢ BỎ PHIẾU KÍN\n" +
				"Tổng số thành viên Hội đồng: {{de_nghi.hop_tong_so}}; số thành viên có mặt, tham gia bỏ phiếu: {{de_nghi.hop_co_mat}}. Trường hợp được đề nghị khen thưởng phải đạt {{de_nghi.nguong}}. Kết quả như sau:\n" +
				"{{bang:ket_qua_bo_phieu}}"},
			{Key: "ket_luan", Title: "Kết luận", Markup: "# III. KẾT LUẬN\n{{de_nghi.ket_luan}}"},
			{Key: "ket_thuc", Title: "Kết thúc", Markup: "Cuộc họp kết thúc vào [[giờ, phút]] cùng ngày; biên bản đã được thông qua trước các thành viên dự họp."},
		},
		Appendices: []Appendix{},
		SignForm:   "", Source: sourceAwardMinutes, Note: noteAward, Practice: true, Builtin: true, SortOrder: 50,
	}
	return []Template{submission, minutes}
}

const planMucDich = `# I. MỤC ĐÍCH, YÊU CẦU
## 1. Mục đích
a) Tiếp tục phát huy kết quả đã đạt được; tuyên truyền, vận động cán bộ, công chức, viên chức, người lao động của {{co_quan.goi_tat}} và Nhân dân chủ động, tích cực tham gia thực hiện chủ trương, chính sách của Đảng và Nhà nước về xây dựng nông thôn mới.
b) Hưởng ứng Phong trào thi đua thiết thực, hiệu quả, cùng các cấp, các ngành phấn đấu hoàn thành các mục tiêu, chỉ tiêu chủ yếu của giai đoạn {{phong_trao.giai_doan}}:
{{muc_tieu}}
## 2. Yêu cầu
a) Phong trào thi đua là nội dung trọng tâm trong công tác thi đua, khen thưởng của {{co_quan.goi_tat}} và các phòng, đơn vị; kết quả thực hiện Phong trào được gắn với kết quả thực hiện nhiệm vụ chính trị và bình xét thi đua hằng năm.
b) Tổ chức Phong trào với nội dung, hình thức phong phú, thiết thực, tiết kiệm, tránh hình thức, chạy theo thành tích; gắn với Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”, không trùng lặp, chồng chéo; khuyến khích sáng kiến, cách làm sáng tạo của công chức, viên chức và người lao động.
c) Việc biểu dương, khen thưởng phải kịp thời, công khai, minh bạch, khách quan, đúng thành tích; chú trọng phát hiện, bồi dưỡng, nhân rộng các điển hình tiên tiến.
d) Kết thúc giai đoạn, các phòng, đơn vị tổng kết Phong trào thi đua, biểu dương, khen thưởng các tập thể, cá nhân, mô hình, cách làm hiệu quả trong xây dựng nông thôn mới.`

const planNoiDung = `# II. NỘI DUNG, GIẢI PHÁP THỰC HIỆN PHONG TRÀO THI ĐUA
1. Các phòng, đơn vị căn cứ chức năng, nhiệm vụ được giao tổ chức thực hiện các nội dung sau:
- Triển khai Phong trào thi đua thiết thực, hiệu quả; phát huy sáng kiến trong tham mưu, xây dựng, tổ chức thực hiện cơ chế, chính sách và đề xuất giải pháp đẩy nhanh tiến độ xây dựng nông thôn mới thuộc lĩnh vực được giao;
- Phối hợp với các cơ quan, đơn vị, Mặt trận và các đoàn thể trong xây dựng nông thôn mới; vận động tổ chức, cá nhân đóng góp công sức, tham gia xã hội hóa, phấn đấu hoàn thành có chất lượng các chỉ tiêu, nhiệm vụ được giao.
2. Các tổ chức đảng, công đoàn, đoàn thanh niên trong cơ quan đẩy mạnh tuyên truyền để cán bộ, đảng viên và người lao động nhận thức rõ xây dựng nông thôn mới là nhiệm vụ thường xuyên, liên tục, lấy người dân làm chủ thể; tạo sự đồng thuận và phát huy sức mạnh tổng hợp trong tổ chức thực hiện Phong trào thi đua.
3. Đăng tải tin, bài trên trang thông tin điện tử của {{co_quan.goi_tat}}, biểu dương và nhân rộng các điển hình tiên tiến, sáng kiến, mô hình, cách làm hiệu quả trong thực hiện Phong trào thi đua.
4. Hằng năm, {{don_vi_tham_muu}} tham mưu {{hoi_dong}} kiểm tra, đánh giá tình hình triển khai Phong trào thi đua tại các phòng, đơn vị khi cần thiết.`

const planDoiTuong = `# III. ĐỐI TƯỢNG, TIÊU CHÍ THI ĐUA, HÌNH THỨC VÀ TIÊU CHUẨN KHEN THƯỞNG
## 1. Đối tượng, tiêu chí thi đua
### a) Đối với tập thể các phòng, đơn vị thuộc và trực thuộc {{co_quan.goi_tat}}
- Hoàn thành đúng tiến độ, bảo đảm chất lượng các văn bản hướng dẫn, nhiệm vụ phục vụ xây dựng nông thôn mới theo chỉ đạo của cấp có thẩm quyền;
- Tích cực tuyên truyền, vận động đoàn viên, hội viên và người dân hưởng ứng Phong trào thi đua, tạo sự lan tỏa trong xã hội;
- Đăng ký và thực hiện hỗ trợ có địa chỉ cụ thể: mỗi phòng, đơn vị hỗ trợ ít nhất 01 xã hoặc 01 thôn, bản đặc biệt khó khăn xây dựng nông thôn mới (danh sách tại Phụ lục kèm theo).
### b) Đối với cá nhân công chức, viên chức và người lao động
- Bám sát nhiệm vụ, hoàn thành tốt công việc được giao; có sáng kiến, giải pháp hữu ích trong tham mưu, tổ chức thực hiện, kiểm tra cơ chế, chính sách hoặc tháo gỡ khó khăn cho cơ sở trong xây dựng nông thôn mới.
## 2. Hình thức và tiêu chuẩn khen thưởng
### a) Hình thức khen thưởng
- Huân chương Lao động;
- Bằng khen của Thủ tướng Chính phủ;
- Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh;
- Giấy khen của {{co_quan.thu_truong}} {{co_quan.goi_tat}}.
### b) Tiêu chuẩn khen thưởng
Căn cứ thành tích trong thực hiện Phong trào thi đua giai đoạn {{phong_trao.giai_doan}}, việc xét khen thưởng các tập thể, cá nhân tiêu biểu, xuất sắc thực hiện theo quy định của pháp luật về thi đua, khen thưởng.`

// reportSections are the sections of the sơ kết (mid) or tổng kết (final)
// report; word is "sơ kết" or "tổng kết".
func reportSections(word, next string) []Section {
	return []Section{
		{Key: "mo_dau", Title: "Mở đầu", Markup: "Thực hiện Kế hoạch tổ chức thực hiện Phong trào thi đua “{{phong_trao.ten_ngan}}” giai đoạn {{phong_trao.giai_doan}}, {{co_quan.ten}} báo cáo " + word + " kết quả thực hiện Phong trào thi đua tính đến ngày {{ngay_so_lieu}} như sau:"},
		{Key: "ket_qua", Title: "I. Kết quả triển khai thực hiện", Markup: `# I. KẾT QUẢ TRIỂN KHAI THỰC HIỆN PHONG TRÀO THI ĐUA
## 1. Công tác chỉ đạo, tổ chức phát động, tuyên truyền
[[Nêu việc ban hành kế hoạch, văn bản chỉ đạo, hình thức phát động và tuyên truyền Phong trào thi đua.]]
## 2. Kết quả thực hiện các mục tiêu, chỉ tiêu
Kết quả so với các chỉ tiêu của Phong trào thi đua, theo số liệu theo dõi đến ngày {{ngay_so_lieu}}:
{{bang:chi_tieu}}
## 3. Kết quả hỗ trợ xã, thôn, bản xây dựng nông thôn mới
{{ho_tro.tong_hop}}
{{bang:ho_tro}}
## 4. Công tác khen thưởng
{{khen_thuong}}`},
		{Key: "uu_diem", Title: "II.1. Ưu điểm", Markup: "# II. ĐÁNH GIÁ CHUNG\n## 1. Ưu điểm\n[[Nêu những ưu điểm nổi bật trong tổ chức thực hiện Phong trào thi đua.]]"},
		{Key: "han_che", Title: "II.2. Hạn chế, nguyên nhân", Markup: "## 2. Hạn chế, tồn tại và nguyên nhân\n[[Nêu những hạn chế, tồn tại và nguyên nhân khách quan, chủ quan.]]"},
		{Key: "bai_hoc", Title: "II.3. Bài học kinh nghiệm", Markup: "## 3. Bài học kinh nghiệm\n[[Nêu những bài học rút ra từ thực tiễn thực hiện Phong trào thi đua.]]"},
		{Key: "phuong_huong", Title: "III. Phương hướng, nhiệm vụ", Markup: "# III. PHƯƠNG HƯỚNG, NHIỆM VỤ " + next + "\n[[Nêu phương hướng, nhiệm vụ và giải pháp chủ yếu.]]"},
		{Key: "kien_nghi", Title: "IV. Đề xuất, kiến nghị", Markup: "# IV. ĐỀ XUẤT, KIẾN NGHỊ\n[[Nêu đề xuất, kiến nghị với cơ quan cấp trên.]]"},
	}
}

// BuiltinTemplates returns the templates shipped with the program, without ids.
func BuiltinTemplates() []Template {
	plan := Template{
		Code: TemplatePlan, TypeCode: "ke_hoach", Name: "Kế hoạch tổ chức thực hiện phong trào thi đua",
		Summary:    "Tổ chức thực hiện Phong trào thi đua “{{phong_trao.ten_ngan}}” giai đoạn {{phong_trao.giai_doan}} của {{co_quan.ten}}",
		KinhGui:    []string{},
		Recipients: []string{"{{co_quan.cap_tren}}", "Lãnh đạo {{co_quan.goi_tat}}", "Các phòng, đơn vị thuộc, trực thuộc {{co_quan.goi_tat}}", "Lưu: VT, {{don_vi_soan}}"},
		Sections: []Section{
			{Key: "mo_dau", Title: "Mở đầu", Markup: "Phong trào thi đua “{{phong_trao.ten_ngan}}” đã trở thành phong trào thi đua trọng tâm, được cả hệ thống chính trị và đông đảo Nhân dân hưởng ứng, góp phần quan trọng vào kết quả xây dựng nông thôn mới. Để Phong trào thi đua tiếp tục được triển khai sâu rộng, thiết thực trong giai đoạn {{phong_trao.giai_doan}}, căn cứ {{can_cu}}, {{co_quan.ten}} ban hành Kế hoạch tổ chức thực hiện Phong trào thi đua (sau đây gọi là Phong trào thi đua) như sau:"},
			{Key: "muc_dich_yeu_cau", Title: "I. Mục đích, yêu cầu", Markup: planMucDich},
			{Key: "noi_dung", Title: "II. Nội dung, giải pháp", Markup: planNoiDung},
			{Key: "doi_tuong_khen_thuong", Title: "III. Đối tượng, tiêu chí, khen thưởng", Markup: planDoiTuong},
			{Key: "tien_do", Title: "IV. Tiến độ thực hiện", Markup: "# IV. TIẾN ĐỘ THỰC HIỆN\n{{moc_thoi_gian}}"},
			{Key: "ket_thuc", Title: "Kết thúc", Markup: "Trong quá trình triển khai thực hiện Kế hoạch, nếu có khó khăn, vướng mắc, các phòng, đơn vị phản ánh kịp thời về {{co_quan.goi_tat}} (qua {{don_vi_tham_muu}}) để xem xét, giải quyết."},
		},
		Appendices: []Appendix{{Label: "Phụ lục", Title: "Danh sách xã, thôn, bản do các phòng, đơn vị đăng ký hỗ trợ xây dựng nông thôn mới",
			Landscape: true, Markup: "{{bang:dang_ky}}"}},
		SignForm: "", Milestone: "ban_hanh_ke_hoach", Source: sourcePlan, Note: notePractice, Practice: true, Builtin: true, SortOrder: 10,
	}
	mid := Template{
		Code: TemplateMidReview, TypeCode: "bao_cao", Name: "Báo cáo sơ kết phong trào thi đua",
		Summary:    "Sơ kết thực hiện Phong trào thi đua “{{phong_trao.ten_ngan}}” giai đoạn {{phong_trao.giai_doan}}",
		KinhGui:    []string{"{{co_quan.cap_tren}}"},
		Recipients: []string{"Như trên", "{{hoi_dong}}", "Lãnh đạo {{co_quan.goi_tat}}", "Lưu: VT, {{don_vi_soan}}"},
		Sections: append(reportSections("sơ kết", "THỜI GIAN TỚI"),
			Section{Key: "ket_thuc", Title: "Kết thúc", Markup: "Trên đây là báo cáo sơ kết thực hiện Phong trào thi đua “{{phong_trao.ten_ngan}}” của {{co_quan.ten}}."}),
		Appendices: []Appendix{},
		SignForm:   "", Milestone: "so_ket", Source: sourceReport, Note: notePractice, Practice: true, Builtin: true, SortOrder: 20,
	}
	final := Template{
		Code: TemplateFinalReview, TypeCode: "bao_cao", Name: "Báo cáo tổng kết phong trào thi đua",
		Summary:    "Tổng kết thực hiện Phong trào thi đua “{{phong_trao.ten_ngan}}” giai đoạn {{phong_trao.giai_doan}}",
		KinhGui:    []string{"{{co_quan.cap_tren}}"},
		Recipients: []string{"Như trên", "{{hoi_dong}}", "Lãnh đạo {{co_quan.goi_tat}}", "Lưu: VT, {{don_vi_soan}}"},
		Sections: append(reportSections("tổng kết", "GIAI ĐOẠN TIẾP THEO"),
			Section{Key: "ket_thuc", Title: "Kết thúc", Markup: "Trên đây là báo cáo tổng kết thực hiện Phong trào thi đua “{{phong_trao.ten_ngan}}” giai đoạn {{phong_trao.giai_doan}} của {{co_quan.ten}}."}),
		Appendices: []Appendix{},
		SignForm:   "", Milestone: "tong_ket", Source: sourceReport, Note: notePractice, Practice: true, Builtin: true, SortOrder: 30,
	}
	return append([]Template{plan, mid, final}, awardTemplates()...)
}

func builtinTemplate(code string) (Template, bool) {
	for _, t := range BuiltinTemplates() {
		if t.Code == code {
			return t, true
		}
	}
	return Template{}, false
}

func seedTemplates(tx *gorm.DB, agencyID string) error {
	have, err := store.AgencyCodes(tx, &Template{}, agencyID)
	if err != nil {
		return err
	}
	for _, t := range BuiltinTemplates() {
		if have[t.Code] {
			continue
		}
		t.AgencyID = agencyID
		if err := tx.Create(&t).Error; err != nil {
			return err
		}
	}
	return nil
}

func (t *Template) normalise() {
	t.Code = strings.ToLower(vntext.Clean(t.Code))
	t.TypeCode = vntext.Clean(t.TypeCode)
	t.Name = vntext.Clean(t.Name)
	t.Summary = vntext.Clean(t.Summary)
	t.KinhGui = cleanLines(t.KinhGui)
	t.Recipients = cleanLines(t.Recipients)
	t.Sections = cleanSections(t.Sections)
	t.Appendices = cleanAppendices(t.Appendices)
	t.SignForm = strings.TrimSuffix(strings.ToUpper(vntext.Clean(t.SignForm)), ".")
	t.Milestone = vntext.Clean(t.Milestone)
	t.Source = vntext.CleanText(t.Source)
	t.Note = vntext.CleanText(t.Note)
}

// checkTemplateText adds a problem for a {{…}} the generator does not know.
func checkTemplateText(v *fault.Validation, field, text string) {
	v.MaxLen(field, text, maxMarkup)
	known := placeholderIndex()
	for _, m := range placeholderRe.FindAllStringSubmatch(text, -1) {
		name := m[1]
		if _, ok := known[name]; !ok {
			v.Add(field, "validation.document.placeholder", "name", name)
			return
		}
	}
}

func (t *Template) validate() error {
	var v fault.Validation
	if v.Required("code", t.Code) && (!validCode(t.Code) || len(t.Code) > 60) {
		v.Add("code", "validation.document.code")
	}
	v.Required("typeCode", t.TypeCode)
	v.Text("name", t.Name, true, 300)
	checkTemplateText(&v, "summary", t.Summary)
	v.MaxLen("summary", t.Summary, maxSummary)
	checkLines(&v, "kinhGui", t.KinhGui)
	for i, l := range t.KinhGui {
		checkTemplateText(&v, fmt.Sprintf("kinhGui.%d", i), l)
	}
	checkLines(&v, "recipients", t.Recipients)
	for i, l := range t.Recipients {
		checkTemplateText(&v, fmt.Sprintf("recipients.%d", i), l)
	}
	checkParts(&v, t.Sections, t.Appendices, checkTemplateText)
	for i, a := range t.Appendices {
		checkTemplateText(&v, fmt.Sprintf("appendices.%d.title", i), a.Title)
	}
	v.OneOf("signForm", t.SignForm, SignForms...)
	if t.Milestone != "" {
		v.OneOf("milestone", t.Milestone, milestoneKinds...)
	}
	v.MaxLen("source", t.Source, 2000)
	v.MaxLen("note", t.Note, 2000)
	return v.Err()
}

// milestoneKinds mirrors campaign.MilestoneKinds.
var milestoneKinds = []string{"ban_hanh_ke_hoach", "so_ket", "tong_ket", "kiem_tra", "bao_cao", "khac"}

func decorateTemplate(t *Template) {
	if t.Placeholders == nil {
		t.Placeholders = Placeholders()
	}
	if t.KinhGui == nil {
		t.KinhGui = []string{}
	}
	if t.Recipients == nil {
		t.Recipients = []string{}
	}
	if t.Sections == nil {
		t.Sections = []Section{}
	}
	if t.Appendices == nil {
		t.Appendices = []Appendix{}
	}
}

// Templates lists the agency's live templates in display order.
func (s *Service) Templates(ctx context.Context, agencyID string) ([]Template, error) {
	out := []Template{}
	if err := s.db.WithContext(ctx).Where("agency_id = ?", agencyID).Order("sort_order ASC").Order("code ASC").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("document templates: %w", err)
	}
	ph, err := s.Placeholders(ctx, agencyID)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Placeholders = ph
		decorateTemplate(&out[i])
	}
	return out, nil
}

func templateByCode(tx *gorm.DB, agencyID, code string) (Template, error) {
	var t Template
	err := tx.Where("agency_id = ? AND code = ?", agencyID, code).Take(&t).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return t, fault.New(fault.ErrNotFound, "errors.document.unknownTemplate", "code", code)
	}
	if err != nil {
		return t, fmt.Errorf("document template: %w", err)
	}
	decorateTemplate(&t)
	return t, nil
}

// SaveTemplate creates a template (empty id) or updates one. A built-in
// template keeps its code and is marked customised.
func (s *Service) SaveTemplate(ctx context.Context, agencyID string, t Template) (Template, error) {
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return SaveTemplateTx(tx, agencyID, &t)
	})
	decorateTemplate(&t)
	return t, err
}

// SaveTemplateTx is SaveTemplate inside the caller's transaction (the
// sample customises the built-in texts for its agency).
func SaveTemplateTx(tx *gorm.DB, agencyID string, t *Template) error {
	t.normalise()
	t.AgencyID = agencyID
	if err := t.validate(); err != nil {
		return err
	}
	if _, err := typeByCode(tx, agencyID, t.TypeCode); err != nil {
		if fe, ok := fault.As(err); ok && errors.Is(fe, fault.ErrNotFound) {
			var v fault.Validation
			v.Add("typeCode", "validation.document.unknownType")
			return v.Err()
		}
		return err
	}
	var taken int64
	q := tx.Model(&Template{}).Where("agency_id = ? AND code = ?", agencyID, t.Code)
	if t.ID != "" {
		q = q.Where("id <> ?", t.ID)
	}
	if err := q.Count(&taken).Error; err != nil {
		return fmt.Errorf("find template: %w", err)
	}
	if taken > 0 {
		return fault.New(fault.ErrConflict, "errors.document.templateCodeTaken", "code", t.Code)
	}
	if t.ID == "" {
		t.Builtin, t.Customised = false, false
		if err := tx.Create(t).Error; err != nil {
			return fmt.Errorf("create template: %w", err)
		}
		return nil
	}
	var old Template
	if err := store.Get(tx.Where("agency_id = ?", agencyID), &old, "documentTemplate", t.ID); err != nil {
		return err
	}
	if old.Builtin && old.Code != t.Code {
		return fault.New(fault.ErrRefused, "errors.document.builtinCode", "code", old.Code)
	}
	t.Builtin, t.Customised = old.Builtin, old.Builtin
	return store.UpdateVersioned(tx, t, "documentTemplate", "code", "type_code", "name", "summary", "kinh_gui", "recipients",
		"sections", "appendices", "sign_form", "milestone", "source", "note", "practice", "customised", "sort_order")
}

// ResetTemplate puts a built-in template back to the program's text (an
// agency's customisation is lost; the code and the id stay).
func (s *Service) ResetTemplate(ctx context.Context, agencyID, code string) (Template, error) {
	b, ok := builtinTemplate(code)
	if !ok {
		return Template{}, fault.New(fault.ErrRefused, "errors.document.notBuiltin", "code", code)
	}
	var t Template
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var cur Template
		err := tx.Where("agency_id = ? AND code = ?", agencyID, code).Limit(1).Find(&cur).Error
		if err != nil {
			return fmt.Errorf("find template: %w", err)
		}
		b.AgencyID = agencyID
		if cur.ID == "" {
			t = b
			return tx.Create(&t).Error
		}
		b.Base = cur.Base
		t = b
		return store.UpdateVersioned(tx, &t, "documentTemplate", "type_code", "name", "summary", "kinh_gui", "recipients",
			"sections", "appendices", "sign_form", "milestone", "source", "note", "practice", "builtin", "customised", "sort_order")
	})
	decorateTemplate(&t)
	return t, err
}
