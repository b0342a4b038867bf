package award

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"

	"gorm.io/gorm"

	"chungsuc/internal/campaign"
	"chungsuc/internal/emulation"
)

// The achievement summary of a nominee, drafted from what the database
// holds: the emulation score sheets of the campaign (reviewed total when
// reviewed, else the self-assessed one; the grade; the rank among the
// subjects of the same kind that year) and the sponsorship of communes and
// villages (registrations and their activities for a unit; the activities
// a person took part in). The draft is returned for the user to edit; it
// is saved only with the nominee.
//
// The scores come from emulation.Service.Standings; the sponsorship tables
// are read directly: the package needs a few columns only.

// DraftSummary drafts a nominee's achievement summary from the data.
func (s *Service) DraftSummary(ctx context.Context, agencyID, nomineeID string) (string, error) {
	var out string
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		n, p, err := nomineeOf(tx, agencyID, nomineeID)
		if err != nil {
			return err
		}
		out, err = DraftSummaryTx(tx, p, n)
		return err
	})
	return out, err
}

// DraftSummaryTx is DraftSummary for a loaded nominee and proposal.
func DraftSummaryTx(tx *gorm.DB, p Proposal, n Nominee) (string, error) {
	var c campaign.Campaign
	if err := tx.Unscoped().Where("id = ?", p.CampaignID).Limit(1).Find(&c).Error; err != nil {
		return "", fmt.Errorf("draft campaign: %w", err)
	}
	var parts []string
	score, err := scoreLines(tx, p, n, c)
	if err != nil {
		return "", err
	}
	parts = append(parts, score...)
	support, err := supportLine(tx, p, n)
	if err != nil {
		return "", err
	}
	if support != "" {
		parts = append(parts, support)
	}
	if len(parts) == 0 {
		return "Chưa có dữ liệu chấm điểm thi đua và hỗ trợ địa bàn trong phong trào " + c.Name +
			"; hãy ghi tóm tắt thành tích.", nil
	}
	return strings.Join(parts, "\n"), nil
}

// scoreLines describes the subject's score sheets in the campaign, from
// the emulation standings (the reviewed total when reviewed, else the
// self-assessed one; the rank among the reviewed sheets).
func scoreLines(tx *gorm.DB, p Proposal, n Nominee, c campaign.Campaign) ([]string, error) {
	target, unit := emulation.TargetStaff, n.SubjectKind == SubjectUnit
	if unit {
		target = emulation.TargetUnit
	}
	esvc := emulation.NewService(tx)
	var lines, earlier []string
	from := c.FromYear
	if from == 0 || from > p.Year {
		from = p.Year
	}
	for year := from; year <= p.Year; year++ {
		st, err := esvc.Standings(tx.Statement.Context, p.AgencyID, p.CampaignID, year, target)
		if err != nil {
			return nil, fmt.Errorf("draft standings: %w", err)
		}
		for _, x := range st {
			mine := (unit && n.UnitID != nil && x.UnitID != nil && *x.UnitID == *n.UnitID) ||
				(!unit && n.StaffID != nil && x.StaffID != nil && *x.StaffID == *n.StaffID)
			if !mine {
				continue
			}
			if year != p.Year {
				earlier = append(earlier, fmt.Sprintf("năm %d: %s điểm", year, vnNumber(x.Total, 2)))
				continue
			}
			line := fmt.Sprintf("Kết quả chấm điểm thi đua năm %d: %s điểm", year, vnNumber(x.Total, 2))
			if x.Reviewed {
				line += " (Hội đồng đã duyệt)"
			} else {
				line += " (tự chấm, chưa duyệt)"
			}
			if x.GradeName != "" {
				line += ", xếp loại " + x.GradeName
			}
			if x.Rank > 0 {
				line += fmt.Sprintf(", xếp thứ %d/%d", x.Rank, x.Of)
			}
			lines = append(lines, line+".")
		}
	}
	if len(earlier) > 0 {
		lines = append(lines, "Các năm trước trong phong trào: "+strings.Join(earlier, "; ")+".")
	}
	return lines, nil
}

// supportLine describes the sponsorship of the unit, or the activities the
// person took part in, within the campaign up to the proposal's year.
func supportLine(tx *gorm.DB, p Proposal, n Nominee) (string, error) {
	until := fmt.Sprintf("%04d-12-31", p.Year)
	if n.SubjectKind == SubjectUnit && n.UnitID != nil {
		var regs []struct {
			ID   string
			Name string
		}
		err := tx.Table("sponsor_registrations r").Select("r.id, l.name").
			Joins("LEFT JOIN localities l ON l.id = r.locality_id").
			Where("r.unit_id = ? AND r.campaign_id = ? AND r.deleted_at IS NULL AND r.status <> ?", *n.UnitID, p.CampaignID, "huy").
			Order("r.from_date ASC").Order("r.id ASC").Scan(&regs).Error
		if err != nil {
			return "", fmt.Errorf("draft registrations: %w", err)
		}
		if len(regs) == 0 {
			return "", nil
		}
		ids := make([]string, len(regs))
		var places []string
		for i, r := range regs {
			ids[i] = r.ID
			if r.Name != "" && !contains(places, r.Name) {
				places = append(places, r.Name)
			}
		}
		var tot struct {
			N        int
			Amount   int64
			Workdays float64
		}
		err = tx.Table("sponsor_activities").
			Select("COUNT(*) AS n, COALESCE(SUM(amount_vnd), 0) AS amount, COALESCE(SUM(workdays), 0) AS workdays").
			Where("registration_id IN ? AND deleted_at IS NULL AND date <= ?", ids, until).Scan(&tot).Error
		if err != nil {
			return "", fmt.Errorf("draft activities: %w", err)
		}
		line := fmt.Sprintf("Đăng ký hỗ trợ %d địa bàn xây dựng nông thôn mới (%s)", len(regs), strings.Join(places, ", "))
		line += activityTotals(tot.N, tot.Amount, tot.Workdays)
		return line + ".", nil
	}
	if n.SubjectKind == SubjectStaff && n.StaffID != nil {
		var acts []struct {
			Name string
		}
		err := tx.Table("sponsor_activity_participants pa").Select("l.name").
			Joins("JOIN sponsor_activities a ON a.id = pa.activity_id").
			Joins("JOIN sponsor_registrations r ON r.id = a.registration_id").
			Joins("LEFT JOIN localities l ON l.id = r.locality_id").
			Where("pa.staff_id = ? AND r.campaign_id = ? AND a.deleted_at IS NULL AND r.deleted_at IS NULL AND a.date <= ?",
				*n.StaffID, p.CampaignID, until).
			Order("a.date ASC").Scan(&acts).Error
		if err != nil {
			return "", fmt.Errorf("draft participation: %w", err)
		}
		if len(acts) == 0 {
			return "", nil
		}
		var places []string
		for _, a := range acts {
			if a.Name != "" && !contains(places, a.Name) {
				places = append(places, a.Name)
			}
		}
		line := fmt.Sprintf("Tham gia %d hoạt động hỗ trợ xây dựng nông thôn mới", len(acts))
		if len(places) > 0 {
			line += " tại " + strings.Join(places, ", ")
		}
		return line + ".", nil
	}
	return "", nil
}

func activityTotals(n int, amount int64, workdays float64) string {
	if n == 0 {
		return "; chưa ghi nhận hoạt động"
	}
	s := fmt.Sprintf("; thực hiện %d hoạt động", n)
	if amount > 0 {
		s += ", hỗ trợ " + vnNumber(float64(amount), 0) + " đồng"
	}
	if workdays > 0 {
		s += ", " + vnNumber(workdays, 1) + " ngày công"
	}
	return s
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// vnNumber writes a number the Vietnamese way: 1.234.567,5 (at most
// decimals digits after the comma, trailing zeros dropped).
func vnNumber(x float64, decimals int) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "0"
	}
	neg := x < 0
	x = math.Abs(x)
	s := strconv.FormatFloat(x, 'f', decimals, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	frac = strings.TrimRight(frac, "0")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	out := b.String()
	if frac != "" {
		out += "," + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}
