package emulation

import (
	"context"
	"fmt"
	"math"

	"gorm.io/gorm"

	"chungsuc/internal/campaign"
	"chungsuc/internal/fault"
	"chungsuc/internal/store"
	"chungsuc/internal/vntext"
)

// Fact kinds a criterion may show next to its score (Criterion.Fact); see
// Facts for what each gathers.
const (
	// FactDocuments: the documents the unit drafted and issued in the year.
	FactDocuments = "van_ban"
	// FactPropaganda: the unit's propaganda activities in the year.
	FactPropaganda = "tuyen_truyen"
	// FactSupport: the unit's registered support, its activities, its
	// communes' criteria progress and NTM recognitions in the year.
	FactSupport = "ho_tro"
	// FactParticipation: the activities a person took part in and the
	// registrations they are the contact of.
	FactParticipation = "tham_gia"
)

// FactTargets maps each fact kind to the subject it is about.
var FactTargets = map[string]string{
	FactDocuments:     TargetUnit,
	FactPropaganda:    TargetUnit,
	FactSupport:       TargetUnit,
	FactParticipation: TargetStaff,
}

// FactKinds lists the fact kinds in display order.
var FactKinds = []string{FactDocuments, FactPropaganda, FactSupport, FactParticipation}

func (c *Criterion) normalise() {
	c.CampaignID = vntext.Clean(c.CampaignID)
	c.Target = vntext.Clean(c.Target)
	c.Code = vntext.Clean(c.Code)
	c.Name = vntext.Clean(c.Name)
	c.Evidence = vntext.CleanText(c.Evidence)
	c.Fact = vntext.Clean(c.Fact)
	c.Source = vntext.CleanText(c.Source)
}

func (c *Criterion) validate() *fault.Validation {
	var v fault.Validation
	checkTarget(&v, "target", c.Target)
	if v.Required("code", c.Code) {
		v.MaxLen("code", c.Code, maxCodeLen)
		if !v.Has("code") && !codeRe.MatchString(c.Code) {
			v.Add("code", "errors.emulation.code")
		}
	}
	v.Text("name", c.Name, true, maxNameLen)
	v.MaxLen("evidence", c.Evidence, maxTextLen)
	switch {
	case math.IsNaN(c.MaxScore) || math.IsInf(c.MaxScore, 0):
		v.Add("maxScore", "validation.number")
	case c.MaxScore <= 0 || c.MaxScore > maxScoreLimit:
		v.Add("maxScore", "errors.emulation.maxScore", "max", maxScoreLimit)
	case !twoDecimals(c.MaxScore):
		v.Add("maxScore", "errors.emulation.twoDecimals")
	}
	if c.Fact != "" {
		if target, ok := FactTargets[c.Fact]; !ok {
			v.Add("fact", "validation.oneOf")
		} else if c.Target != "" && target != c.Target {
			v.Add("fact", "errors.emulation.factTarget")
		}
	}
	v.MaxLen("source", c.Source, maxSourceLen)
	if c.SortOrder < 0 || c.SortOrder > 100000 {
		v.Add("sortOrder", "validation.range", "min", 0, "max", 100000)
	}
	return &v
}

// Criteria lists the live criteria of a campaign for one target ("" for
// both), collectives first, in their order.
func (s *Service) Criteria(ctx context.Context, agencyID, campaignID, target string) ([]Criterion, error) {
	return criteriaOf(s.db.WithContext(ctx), agencyID, campaignID, target)
}

func criteriaOf(tx *gorm.DB, agencyID, campaignID, target string) ([]Criterion, error) {
	q := tx.Where("agency_id = ? AND campaign_id = ?", agencyID, campaignID)
	if target != "" {
		q = q.Where("target = ?", target)
	}
	out := []Criterion{}
	if err := q.Order("target DESC").Order("sort_order ASC").Order("code ASC").Order("id ASC").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list emulation criteria: %w", err)
	}
	return out, nil
}

// SaveCriterion creates (empty ID) or updates a criterion. The campaign
// and the target of a criterion never change; its maximum score cannot go
// below a score already given against it.
func (s *Service) SaveCriterion(ctx context.Context, agencyID string, c Criterion) (Criterion, error) {
	c.AgencyID = agencyID
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return SaveCriterionTx(tx, &c)
	})
	return c, err
}

// SaveCriterionTx is SaveCriterion inside the caller's transaction
// (c.AgencyID set).
func SaveCriterionTx(tx *gorm.DB, c *Criterion) error {
	c.normalise()
	creating := c.ID == ""
	if !creating {
		var old Criterion
		if err := store.Get(tx.Where("agency_id = ?", c.AgencyID), &old, entityCriterion, c.ID); err != nil {
			return err
		}
		c.CampaignID, c.Target = old.CampaignID, old.Target
	}
	v := c.validate()
	if _, err := loadCampaign(tx, c.AgencyID, c.CampaignID, v); err != nil {
		return err
	}
	if !v.Has("code") && !v.Has("campaignId") && !v.Has("target") {
		q := tx.Model(&Criterion{}).Where("agency_id = ? AND campaign_id = ? AND target = ? AND LOWER(code) = LOWER(?)",
			c.AgencyID, c.CampaignID, c.Target, c.Code)
		if !creating {
			q = q.Where("id <> ?", c.ID)
		}
		var n int64
		if err := q.Count(&n).Error; err != nil {
			return fmt.Errorf("check criterion code: %w", err)
		}
		if n > 0 {
			v.Add("code", "errors.emulation.codeTaken", "code", c.Code)
		}
	}
	if !creating && !v.Has("maxScore") {
		top, err := topScore(tx, c.ID)
		if err != nil {
			return err
		}
		if top > c.MaxScore {
			v.Add("maxScore", "errors.emulation.maxBelowScores", "score", top)
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	if creating {
		if err := tx.Create(c).Error; err != nil {
			return fmt.Errorf("create emulation criterion: %w", err)
		}
		return nil
	}
	return store.UpdateVersioned(tx, c, entityCriterion, "code", "name", "evidence", "max_score", "fact", "source", "sort_order")
}

// topScore is the highest self or review score given against a criterion
// on a live sheet.
func topScore(tx *gorm.DB, criterionID string) (float64, error) {
	var row struct{ Self, Review *float64 }
	err := tx.Table("emulation_items i").Select("MAX(i.self_score) AS self, MAX(i.review_score) AS review").
		Joins("JOIN emulation_sheets s ON s.id = i.sheet_id AND s.deleted_at IS NULL").
		Where("i.criterion_id = ? AND i.deleted_at IS NULL", criterionID).Scan(&row).Error
	if err != nil {
		return 0, fmt.Errorf("scores of criterion: %w", err)
	}
	top := 0.0
	for _, p := range []*float64{row.Self, row.Review} {
		if p != nil && *p > top {
			top = *p
		}
	}
	return top, nil
}

// DeleteCriterion soft-deletes a criterion. It is refused while a
// submitted or reviewed sheet scores it; the scores of sheets still being
// self-assessed are removed with it and their totals recomputed.
func (s *Service) DeleteCriterion(ctx context.Context, agencyID, id string) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var c Criterion
		if err := store.Get(tx.Where("agency_id = ?", agencyID), &c, entityCriterion, id); err != nil {
			return err
		}
		var used []struct {
			SheetID string
			Status  string
		}
		err := tx.Table("emulation_items i").Select("s.id AS sheet_id, s.status").
			Joins("JOIN emulation_sheets s ON s.id = i.sheet_id AND s.deleted_at IS NULL").
			Where("i.criterion_id = ? AND i.deleted_at IS NULL", id).Scan(&used).Error
		if err != nil {
			return fmt.Errorf("sheets of criterion: %w", err)
		}
		var drafts []string
		locked := 0
		for _, u := range used {
			if u.Status == StatusDraft {
				drafts = append(drafts, u.SheetID)
			} else {
				locked++
			}
		}
		if locked > 0 {
			return fault.New(fault.ErrConflict, "errors.emulation.criterionInUse", "count", locked)
		}
		if len(drafts) > 0 {
			if err := tx.Where("criterion_id = ?", id).Delete(&Item{}).Error; err != nil {
				return fmt.Errorf("delete items: %w", err)
			}
		}
		if err := store.SoftDelete(tx, &Criterion{}, entityCriterion, id); err != nil {
			return err
		}
		for _, sid := range drafts {
			var sh Sheet
			if err := store.Get(tx, &sh, entitySheet, sid); err != nil {
				return err
			}
			total, err := selfTotal(tx, &sh)
			if err != nil {
				return err
			}
			sh.SelfTotal = total
			if err := store.UpdateVersioned(tx, &sh, entitySheet, "self_total"); err != nil {
				return err
			}
		}
		return nil
	})
}

func (g *Grade) normalise() {
	g.CampaignID = vntext.Clean(g.CampaignID)
	g.Code = vntext.Clean(g.Code)
	g.Name = vntext.Clean(g.Name)
}

func (g *Grade) validate() *fault.Validation {
	var v fault.Validation
	if v.Required("code", g.Code) {
		v.MaxLen("code", g.Code, maxCodeLen)
		if !v.Has("code") && !codeRe.MatchString(g.Code) {
			v.Add("code", "errors.emulation.code")
		}
	}
	v.Text("name", g.Name, true, maxGradeName)
	checkScore(&v, "minScore", g.MinScore, 0, maxGradeLimit)
	if g.SortOrder < 0 || g.SortOrder > 100000 {
		v.Add("sortOrder", "validation.range", "min", 0, "max", 100000)
	}
	return &v
}

// Grades lists the live grades of a campaign, the highest minimum first.
func (s *Service) Grades(ctx context.Context, agencyID, campaignID string) ([]Grade, error) {
	return gradesOf(s.db.WithContext(ctx), agencyID, campaignID)
}

func gradesOf(tx *gorm.DB, agencyID, campaignID string) ([]Grade, error) {
	out := []Grade{}
	err := tx.Where("agency_id = ? AND campaign_id = ?", agencyID, campaignID).
		Order("min_score DESC").Order("sort_order ASC").Order("id ASC").Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("list emulation grades: %w", err)
	}
	return out, nil
}

// GradeOf returns the grade a total earns: the one with the highest
// minimum the total reaches (grades sorted as Grades returns them); ok is
// false when the total reaches none.
func GradeOf(grades []Grade, total float64) (Grade, bool) {
	best, found := Grade{}, false
	for _, g := range grades {
		if round2(total) >= round2(g.MinScore) && (!found || g.MinScore > best.MinScore) {
			best, found = g, true
		}
	}
	return best, found
}

// SaveGrade creates (empty ID) or updates a grade of a campaign, then
// grades the campaign's reviewed sheets again.
func (s *Service) SaveGrade(ctx context.Context, agencyID string, g Grade) (Grade, error) {
	g.AgencyID = agencyID
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := SaveGradeTx(tx, &g); err != nil {
			return err
		}
		return regrade(tx, agencyID, g.CampaignID)
	})
	return g, err
}

// SaveGradeTx validates and writes g inside the caller's transaction
// (g.AgencyID set); it does not grade the sheets again (see SaveGrade).
func SaveGradeTx(tx *gorm.DB, g *Grade) error {
	g.normalise()
	creating := g.ID == ""
	if !creating {
		var old Grade
		if err := store.Get(tx.Where("agency_id = ?", g.AgencyID), &old, entityGrade, g.ID); err != nil {
			return err
		}
		g.CampaignID = old.CampaignID
	}
	v := g.validate()
	if _, err := loadCampaign(tx, g.AgencyID, g.CampaignID, v); err != nil {
		return err
	}
	if !v.Has("campaignId") {
		others, err := gradesOf(tx, g.AgencyID, g.CampaignID)
		if err != nil {
			return err
		}
		for _, o := range others {
			if o.ID == g.ID {
				continue
			}
			if !v.Has("code") && vntext.Key(o.Code) == vntext.Key(g.Code) {
				v.Add("code", "errors.emulation.codeTaken", "code", g.Code)
			}
			if !v.Has("minScore") && round2(o.MinScore) == round2(g.MinScore) {
				v.Add("minScore", "errors.emulation.gradeMinTaken", "name", o.Name)
			}
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	if creating {
		if err := tx.Create(g).Error; err != nil {
			return fmt.Errorf("create emulation grade: %w", err)
		}
		return nil
	}
	return store.UpdateVersioned(tx, g, entityGrade, "code", "name", "min_score", "sort_order")
}

// DeleteGrade soft-deletes a grade and grades the reviewed sheets again.
func (s *Service) DeleteGrade(ctx context.Context, agencyID, id string) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var g Grade
		if err := store.Get(tx.Where("agency_id = ?", agencyID), &g, entityGrade, id); err != nil {
			return err
		}
		if err := store.SoftDelete(tx, &Grade{}, entityGrade, id); err != nil {
			return err
		}
		return regrade(tx, agencyID, g.CampaignID)
	})
}

// regrade writes the grade of every reviewed sheet of the campaign whose
// grade the current grades change.
func regrade(tx *gorm.DB, agencyID, campaignID string) error {
	grades, err := gradesOf(tx, agencyID, campaignID)
	if err != nil {
		return err
	}
	var sheets []Sheet
	if err := tx.Where("agency_id = ? AND campaign_id = ? AND status = ?", agencyID, campaignID, StatusReviewed).
		Find(&sheets).Error; err != nil {
		return fmt.Errorf("reviewed sheets: %w", err)
	}
	for i := range sheets {
		sh := &sheets[i]
		code := ""
		if sh.ReviewTotal != nil {
			if g, ok := GradeOf(grades, *sh.ReviewTotal); ok {
				code = g.Code
			}
		}
		if code == sh.Grade {
			continue
		}
		err := tx.Model(&Sheet{}).Where("id = ?", sh.ID).
			Updates(map[string]any{"grade": code, "version": gorm.Expr("version + 1")}).Error
		if err != nil {
			return fmt.Errorf("regrade sheet: %w", err)
		}
	}
	return nil
}

// The starting set of criteria and grades. They mirror part III.1 of the
// sample agency's plan (Kế hoạch thực hiện Phong trào thi đua “Cả nước
// chung sức xây dựng nông thôn mới” giai đoạn 2021 - 2025 of Sở Tài nguyên
// và Môi trường tỉnh Quảng Bình, 2022): the criteria are its wording; the
// maximum scores, the evidence and the grades are NOT in the plan nor in
// any law — they are a proposal for the agency to edit, and say so.
const (
	sourceUnits = "Kế hoạch thực hiện Phong trào thi đua của cơ quan, mục III.1.a (đối với tập thể các phòng, đơn vị). " +
		"Điểm tối đa và minh chứng là gợi ý ban đầu của phần mềm, Hội đồng Thi đua - Khen thưởng xem xét, sửa đổi."
	sourceStaff = "Kế hoạch thực hiện Phong trào thi đua của cơ quan, mục III.1.b (đối với cá nhân công chức, viên chức và người lao động). " +
		"Điểm tối đa và minh chứng là gợi ý ban đầu của phần mềm, Hội đồng Thi đua - Khen thưởng xem xét, sửa đổi."
)

// DefaultCriteria is the starting set of criteria for a campaign (not yet
// written): three for collectives and three for individuals, 100 points
// each, taken from part III.1 of the plan.
func DefaultCriteria(c campaign.Campaign) []Criterion {
	list := []Criterion{
		{Target: TargetUnit, Code: "TT1", MaxScore: 30, Fact: FactDocuments, Source: sourceUnits,
			Name:     "Hoàn thành có chất lượng, đúng tiến độ các văn bản hướng dẫn xây dựng nông thôn mới theo chỉ đạo của cấp có thẩm quyền",
			Evidence: "Danh sách văn bản đã tham mưu, ban hành trong năm (số, ngày, trích yếu) đối chiếu với thời hạn được giao"},
		{Target: TargetUnit, Code: "TT2", MaxScore: 30, Fact: FactPropaganda, Source: sourceUnits,
			Name: "Tích cực tuyên truyền, vận động hội viên, đoàn viên, người dân thực hiện phong trào thi đua, " +
				"tạo sự đồng thuận, lan tỏa trong xã hội về xây dựng nông thôn mới",
			Evidence: "Số buổi, hình thức tuyên truyền và số lượt người tham dự; tin, bài đã đăng"},
		{Target: TargetUnit, Code: "TT3", MaxScore: 40, Fact: FactSupport, Source: sourceUnits,
			Name: "Đăng ký, tham gia chỉ đạo, hỗ trợ (có địa chỉ cụ thể) đối với địa phương trong xây dựng nông thôn mới; " +
				"hỗ trợ ít nhất 01 xã hoặc 01 thôn, bản, làng đặc biệt khó khăn",
			Evidence: "Văn bản đăng ký hỗ trợ; biên bản, chứng từ các hoạt động hỗ trợ; kết quả thực hiện tiêu chí của địa bàn được hỗ trợ"},
		{Target: TargetStaff, Code: "CN1", MaxScore: 40, Source: sourceStaff,
			Name:     "Nỗ lực bám sát, hoàn thành nhiệm vụ được giao trong xây dựng nông thôn mới",
			Evidence: "Kết quả thực hiện nhiệm vụ được giao trong năm, có nhận xét của thủ trưởng phòng, đơn vị"},
		{Target: TargetStaff, Code: "CN2", MaxScore: 30, Source: sourceStaff,
			Name: "Có sáng kiến, giải pháp hữu ích trong việc xây dựng, trình cấp có thẩm quyền ban hành, tổ chức thực hiện, " +
				"kiểm tra việc thực hiện cơ chế, chính sách, hướng dẫn về xây dựng nông thôn mới",
			Evidence: "Sáng kiến, giải pháp được công nhận hoặc áp dụng; văn bản đã tham mưu"},
		{Target: TargetStaff, Code: "CN3", MaxScore: 30, Fact: FactParticipation, Source: sourceStaff,
			Name:     "Hướng dẫn hoặc tháo gỡ khó khăn cho cơ sở trong xây dựng nông thôn mới",
			Evidence: "Các hoạt động hỗ trợ cơ sở đã tham gia (ngày, địa bàn, nội dung, kết quả)"},
	}
	for i := range list {
		list[i].AgencyID, list[i].CampaignID = c.AgencyID, c.ID
		list[i].SortOrder = (i%3 + 1) * 10
	}
	return list
}

// DefaultGrades is the starting classification. These thresholds are the
// agency's own choice (no law sets them); the UI says so.
func DefaultGrades(c campaign.Campaign) []Grade {
	list := []Grade{
		{Code: "xuat_sac", Name: "Xuất sắc", MinScore: 90},
		{Code: "tot", Name: "Tốt", MinScore: 75},
		{Code: "kha", Name: "Khá", MinScore: 60},
		{Code: "chua_dat", Name: "Chưa đạt", MinScore: 0},
	}
	for i := range list {
		list[i].AgencyID, list[i].CampaignID = c.AgencyID, c.ID
		list[i].SortOrder = (i + 1) * 10
	}
	return list
}

// Defaults says what CreateDefaults added.
type Defaults struct {
	Criteria int `json:"criteria"`
	Grades   int `json:"grades"`
}

// CreateDefaults adds the starting criteria whose codes the campaign's
// target does not have yet, and the starting grades when the campaign has
// none; what the agency has already set is never touched.
func (s *Service) CreateDefaults(ctx context.Context, agencyID, campaignID string) (Defaults, error) {
	var d Defaults
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) (err error) {
		d, err = CreateDefaultsTx(tx, agencyID, campaignID)
		return err
	})
	return d, err
}

// CreateDefaultsTx is CreateDefaults inside the caller's transaction.
func CreateDefaultsTx(tx *gorm.DB, agencyID, campaignID string) (Defaults, error) {
	var d Defaults
	c, err := loadCampaign(tx, agencyID, campaignID, nil)
	if err != nil {
		return d, err
	}
	have, err := criteriaOf(tx, agencyID, campaignID, "")
	if err != nil {
		return d, err
	}
	taken := map[string]bool{}
	for _, x := range have {
		taken[x.Target+"|"+vntext.Key(x.Code)] = true
	}
	for _, x := range DefaultCriteria(c) {
		if taken[x.Target+"|"+vntext.Key(x.Code)] {
			continue
		}
		if err := SaveCriterionTx(tx, &x); err != nil {
			return d, err
		}
		d.Criteria++
	}
	grades, err := gradesOf(tx, agencyID, campaignID)
	if err != nil {
		return d, err
	}
	if len(grades) == 0 {
		for _, g := range DefaultGrades(c) {
			if err := SaveGradeTx(tx, &g); err != nil {
				return d, err
			}
			d.Grades++
		}
		if err := regrade(tx, agencyID, campaignID); err != nil {
			return d, err
		}
	}
	return d, nil
}
