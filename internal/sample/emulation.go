package sample

import (
	"fmt"
	"time"

	"gorm.io/gorm"

	"chungsuc/internal/emulation"
	"chungsuc/internal/org"
	"chungsuc/internal/sponsor"
)

// EmulationYear is the year the sample scores: the last year of the
// 2021–2025 campaign, the one its tổng kết rewards.
const EmulationYear = 2025

// sampleScore is one subject's sample scores: self scores per criterion
// code, the council's changed scores with their reasons, and how far the
// sheet went.
type sampleScore struct {
	self   []float64 // in criterion order
	review map[int]sampleChange
	status string
}

type sampleChange struct {
	score  float64
	reason string
}

// The collectives' sheets, in the order of the required units (Văn phòng
// Sở, Thanh tra Sở, Phòng Kế hoạch - Tài chính, …). Phòng Biển, đảo và Khí
// tượng thủy văn (the sixth) registered no support (see loadSponsorships),
// hence its low third score. Thanh tra Sở and Phòng Tài nguyên nước -
// Khoáng sản end level (a shared rank).
var sampleUnitScores = []sampleScore{
	{self: []float64{28, 27, 38}, status: emulation.StatusReviewed, review: map[int]sampleChange{
		2: {36, "Hội đồng đối chiếu nhật ký hỗ trợ: kinh phí thực hiện thấp hơn mức đăng ký, giảm 02 điểm (dữ liệu mẫu)."}}},
	{self: []float64{25, 22, 30}, status: emulation.StatusReviewed},
	{self: []float64{27, 25, 36}, status: emulation.StatusReviewed, review: map[int]sampleChange{
		0: {24, "Một văn bản hướng dẫn ban hành chậm so với thời hạn được giao (dữ liệu mẫu)."}}},
	{self: []float64{29, 28, 37}, status: emulation.StatusReviewed},
	{self: []float64{25, 22, 32}, status: emulation.StatusReviewed, review: map[int]sampleChange{
		2: {30, "Địa bàn hỗ trợ chưa có kết quả đánh giá tiêu chí hoàn tất trong năm (dữ liệu mẫu)."}}},
	{self: []float64{26, 24, 10}, status: emulation.StatusSubmitted},
	{self: []float64{28, 26, 38}, status: emulation.StatusSubmitted},
	{self: []float64{20, 18, 25}, status: emulation.StatusDraft},
}

// The individuals' sheets: the heads of the first four units, then the
// second person of the first two.
var sampleStaffScores = []sampleScore{
	{self: []float64{38, 27, 28}, status: emulation.StatusReviewed},
	{self: []float64{35, 20, 22}, status: emulation.StatusReviewed, review: map[int]sampleChange{
		1: {18, "Giải pháp đề xuất chưa được cấp có thẩm quyền công nhận (dữ liệu mẫu)."}}},
	{self: []float64{36, 25, 25}, status: emulation.StatusReviewed},
	{self: []float64{39, 28, 27}, status: emulation.StatusReviewed, review: map[int]sampleChange{
		2: {25, "Số lần trực tiếp hướng dẫn cơ sở ít hơn kê khai (dữ liệu mẫu)."}}},
	{self: []float64{30, 15, 20}, status: emulation.StatusSubmitted},
	{self: []float64{28, 12, 18}, status: emulation.StatusDraft},
}

// The sample's dates of submission and review (before the tổng kết council).
var (
	sampleSubmitted = time.Date(EmulationYear, 12, 10, 2, 0, 0, 0, time.UTC)
	sampleReviewed  = time.Date(EmulationYear, 12, 18, 2, 0, 0, 0, time.UTC)
)

// loadEmulation gives the campaign the starting criteria and grades and
// scores 2025 for eight units and six people: most reviewed (some with
// changed scores and reasons), some submitted, one draft of each.
func loadEmulation(tx *gorm.DB, agencyID, campaignID string) error {
	if _, err := emulation.CreateDefaultsTx(tx, agencyID, campaignID); err != nil {
		return err
	}
	var units []org.Unit
	if err := tx.Where("agency_id = ? AND kind IN ?", agencyID, sponsor.RequiredUnitKinds).
		Order("sort_order ASC").Order("id ASC").Find(&units).Error; err != nil {
		return fmt.Errorf("sample units: %w", err)
	}
	var staffIDs []string
	for i := 0; i < 4 && i < len(units); i++ {
		if units[i].HeadStaffID != nil {
			staffIDs = append(staffIDs, *units[i].HeadStaffID)
		}
	}
	for i := 0; i < 2 && i < len(units); i++ {
		var ids []string
		if err := tx.Model(&org.Staff{}).Where("unit_id = ?", units[i].ID).Order("id ASC").Pluck("id", &ids).Error; err != nil {
			return fmt.Errorf("sample staff: %w", err)
		}
		if len(ids) > 1 {
			staffIDs = append(staffIDs, ids[1])
		}
	}
	for i, sc := range sampleUnitScores {
		if i >= len(units) {
			break
		}
		if err := scoreSample(tx, agencyID, campaignID, emulation.TargetUnit, units[i].ID, sc); err != nil {
			return err
		}
	}
	for i, sc := range sampleStaffScores {
		if i >= len(staffIDs) {
			break
		}
		if err := scoreSample(tx, agencyID, campaignID, emulation.TargetStaff, staffIDs[i], sc); err != nil {
			return err
		}
	}
	return nil
}

// scoreSample writes one sheet through the service's steps.
func scoreSample(tx *gorm.DB, agencyID, campaignID, target, subjectID string, sc sampleScore) error {
	crits, err := emulation.NewService(tx).Criteria(tx.Statement.Context, agencyID, campaignID, target)
	if err != nil {
		return err
	}
	in := emulation.SelfInput{SheetKey: emulation.SheetKey{CampaignID: campaignID, Year: EmulationYear, SubjectKind: target, SubjectID: subjectID},
		Note: "Tự chấm điểm theo báo cáo kết quả thực hiện Phong trào thi đua năm 2025 (dữ liệu mẫu)."}
	for i, c := range crits {
		if i >= len(sc.self) {
			break
		}
		in.Items = append(in.Items, emulation.ItemInput{CriterionID: c.ID, Score: sc.self[i],
			Evidence: "Báo cáo kết quả năm 2025, mục " + c.Code + " (dữ liệu mẫu)"})
	}
	sh, err := emulation.SaveSelfTx(tx, agencyID, in)
	if err != nil {
		return fmt.Errorf("sample sheet: %w", err)
	}
	if sc.status == emulation.StatusDraft {
		return nil
	}
	if sh, err = emulation.SubmitTx(tx, agencyID, sh.ID, sh.Version); err != nil {
		return fmt.Errorf("sample submit: %w", err)
	}
	stamp := map[string]any{"submitted_at": sampleSubmitted}
	if sc.status == emulation.StatusReviewed {
		rv := emulation.ReviewInput{SheetID: sh.ID, Version: sh.Version,
			Note: "Hội đồng Thi đua - Khen thưởng Sở thống nhất kết quả chấm điểm (dữ liệu mẫu)."}
		for i, c := range crits {
			if ch, ok := sc.review[i]; ok {
				rv.Items = append(rv.Items, emulation.ItemInput{CriterionID: c.ID, Score: ch.score, Reason: ch.reason})
			}
		}
		if _, err = emulation.ReviewTx(tx, agencyID, rv); err != nil {
			return fmt.Errorf("sample review: %w", err)
		}
		stamp["reviewed_at"] = sampleReviewed
	}
	// Fixed dates, so that the sample reads the same every time.
	return tx.Model(&emulation.Sheet{}).Where("id = ?", sh.ID).Updates(stamp).Error
}
