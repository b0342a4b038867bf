package sample

import (
	"fmt"

	"gorm.io/gorm"

	"chungsuc/internal/document"
)

// samplePlanWork is the sample agency's wording of part II of its plan:
// the bodies the reference plan names (Đảng bộ Sở, the IT centre, the
// trade union, the youth union), written afresh.
const samplePlanWork = `# II. NỘI DUNG, GIẢI PHÁP THỰC HIỆN PHONG TRÀO THI ĐUA
1. Các phòng, đơn vị căn cứ chức năng, nhiệm vụ được giao tổ chức thực hiện các nội dung sau:
- Triển khai Phong trào thi đua thiết thực, hiệu quả; phát huy sáng kiến trong tham mưu, xây dựng, tổ chức thực hiện cơ chế, chính sách và đề xuất giải pháp đẩy nhanh tiến độ xây dựng nông thôn mới thuộc lĩnh vực tài nguyên và môi trường;
- Tham mưu Sở phối hợp với các sở, ban, ngành, Mặt trận và các đoàn thể cấp tỉnh trong xây dựng nông thôn mới phù hợp với từng vùng, địa bàn; vận động tổ chức, cá nhân đóng góp công sức, tham gia xã hội hóa, phấn đấu hoàn thành đúng hoặc sớm hơn kế hoạch các chỉ tiêu, nhiệm vụ được giao.
2. Đề nghị Đảng bộ Sở chỉ đạo các chi bộ phối hợp với Trung tâm Công nghệ thông tin tài nguyên và môi trường, Công đoàn Sở, Đoàn Thanh niên Cộng sản Hồ Chí Minh Sở đẩy mạnh tuyên truyền để cán bộ, đảng viên và người lao động nhận thức rõ xây dựng nông thôn mới là quá trình liên tục, lâu dài, lấy người dân làm chủ thể và là người hưởng thành quả; tạo sự đồng thuận và phát huy sức mạnh tổng hợp trong thực hiện Phong trào thi đua.
3. Trung tâm Công nghệ thông tin tài nguyên và môi trường phối hợp với Văn phòng Sở mở chuyên mục, đăng tải tin, bài biểu dương và nhân rộng các điển hình tiên tiến, sáng kiến, mô hình, cách làm hiệu quả trong thực hiện Phong trào thi đua.
4. Hằng năm, khi cần thiết, Văn phòng Sở tham mưu Hội đồng Thi đua - Khen thưởng Sở kiểm tra tình hình triển khai Phong trào thi đua tại các phòng, đơn vị.`

// samplePlanRecipients is the Nơi nhận of the reference plan.
var samplePlanRecipients = []string{
	"Bộ TNMT (Vụ TĐKTTT)",
	"UBND tỉnh",
	"Sở Nội vụ (TĐKT)",
	"Lãnh đạo Sở",
	"Các phòng, đơn vị thuộc, trực thuộc Sở",
	"Lưu: VT, VP",
}

// loadDocuments gives the sample agency the document types and templates,
// its wording for the templates, and its own version of the plan
// template: the recipients and part II of the reference plan.
func loadDocuments(tx *gorm.DB, agencyID string) error {
	if err := document.Seed(tx, agencyID); err != nil {
		return err
	}
	st := document.Settings{
		AgencyID:    agencyID,
		FullName:    "Sở Tài nguyên và Môi trường tỉnh Quảng Bình",
		ShortName:   "Sở",
		DraftUnit:   "VP",
		Secretariat: "Văn phòng Sở",
		Council:     "Hội đồng Thi đua - Khen thưởng Sở",
		Superior:    "Ủy ban nhân dân tỉnh Quảng Bình",
	}
	if err := document.SaveSettingsTx(tx, &st); err != nil {
		return fmt.Errorf("document settings: %w", err)
	}
	var plan document.Template
	if err := tx.Where("agency_id = ? AND code = ?", agencyID, document.TemplatePlan).Take(&plan).Error; err != nil {
		return fmt.Errorf("plan template: %w", err)
	}
	plan.Recipients = samplePlanRecipients
	for i, s := range plan.Sections {
		if s.Key == "noi_dung" {
			plan.Sections[i].Markup = samplePlanWork
		}
	}
	plan.Note = "Dữ liệu mẫu: nơi nhận và mục II theo Kế hoạch của Sở Tài nguyên và Môi trường tỉnh Quảng Bình (năm 2022), lời văn viết lại."
	return document.SaveTemplateTx(tx, agencyID, &plan)
}
