package sample

import (
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"chungsuc/internal/org"
	"chungsuc/internal/sponsor"
	"chungsuc/internal/store"
)

// sampleLocality is what the sponsorship sample reads of the sample
// localities (written just before by loadLocalities).
type sampleLocality struct {
	ID                string
	ParentID          *string
	Name              string
	SpecialDifficulty bool
}

// activityText is a sample description and result for each activity kind,
// in the spirit of an environment department's support for NTM criterion 17.
var activityText = map[string][2]string{
	"khao_sat":        {"Khảo sát hiện trạng thu gom, xử lý rác thải sinh hoạt và nước thải tại địa bàn", "Đã lập biên bản khảo sát, đề xuất 05 nội dung hỗ trợ"},
	"huong_dan":       {"Hướng dẫn chuyên môn thực hiện tiêu chí số 17 về môi trường và an toàn thực phẩm", "Cán bộ xã nắm được yêu cầu và hồ sơ minh chứng của tiêu chí"},
	"tuyen_truyen":    {"Tuyên truyền phân loại rác thải tại nguồn, giảm thiểu rác thải nhựa", "Khoảng 150 lượt người dân tham dự"},
	"ho_tro_kinh_phi": {"Hỗ trợ kinh phí xây dựng mô hình ủ phân hữu cơ từ rác thải sinh hoạt", "Mô hình đưa vào sử dụng tại 20 hộ gia đình"},
	"ho_tro_hien_vat": {"Trao tặng thùng đựng rác và cây xanh cho tuyến đường hoa", "Đã bàn giao 30 thùng rác, 200 cây xanh"},
	"ngay_cong":       {"Ra quân vệ sinh môi trường, trồng cây xanh cùng Nhân dân", "Thu gom khoảng 2 tấn rác, trồng 300 cây xanh"},
	"khac":            {"Hỗ trợ chỉnh lý hồ sơ địa chính, giải đáp thủ tục đất đai cho người dân", "Giải đáp 25 trường hợp"},
}

// loadSponsorships adds the units' sample registrations and activities: most
// required units support a commune or a village of a special-difficulty
// commune; two required units hold none (for the compliance view); a few
// registrations are finished, cancelled or past their end date. Without
// sample localities it adds nothing.
func loadSponsorships(tx *gorm.DB, agencyID, campaignID string) error {
	var communes []sampleLocality
	// Communes in the scope of the 2021–2025 targets: xã under a district.
	err := tx.Table("localities").Select("id, parent_id, name, special_difficulty").
		Where("agency_id = ? AND deleted_at IS NULL AND level = 3 AND kind = 'xa'", agencyID).
		Where("parent_id IN (SELECT id FROM localities WHERE level = 2 AND deleted_at IS NULL)").
		Order("sort_key ASC").Order("name ASC").Order("id ASC").Scan(&communes).Error
	if err != nil {
		return fmt.Errorf("sample communes: %w", err)
	}
	if len(communes) == 0 {
		return nil
	}
	var villages []sampleLocality
	err = tx.Table("localities").Select("id, parent_id, name, special_difficulty").
		Where("agency_id = ? AND deleted_at IS NULL AND level = 4", agencyID).
		Where("parent_id IN (SELECT id FROM localities WHERE level = 3 AND special_difficulty = ? AND deleted_at IS NULL)", true).
		Order("sort_key ASC").Order("name ASC").Order("id ASC").Scan(&villages).Error
	if err != nil {
		return fmt.Errorf("sample villages: %w", err)
	}
	var units []org.Unit
	if err := tx.Where("agency_id = ?", agencyID).Order("sort_order ASC").Order("id ASC").Find(&units).Error; err != nil {
		return fmt.Errorf("sample units: %w", err)
	}
	var staff []org.Staff
	if err := tx.Where("agency_id = ?", agencyID).Order("id ASC").Find(&staff).Error; err != nil {
		return fmt.Errorf("sample staff: %w", err)
	}
	staffOf := map[string][]string{}
	for _, p := range staff {
		if p.UnitID != nil {
			staffOf[*p.UnitID] = append(staffOf[*p.UnitID], p.ID)
		}
	}

	b := &sponsorBuilder{agencyID: agencyID, campaignID: campaignID, staffOf: staffOf, used: map[string]bool{}}
	pickCommune := func(k int) sampleLocality {
		for i := 0; i < len(communes); i++ {
			c := communes[(k*11+3+i)%len(communes)]
			if !b.used[c.ID] {
				b.used[c.ID] = true
				return c
			}
		}
		return communes[k%len(communes)]
	}
	pickVillage := func(k int) (sampleLocality, bool) {
		for i := 0; i < len(villages); i++ {
			v := villages[(k*7+i)%len(villages)]
			if !b.used[v.ID] {
				b.used[v.ID] = true
				return v, true
			}
		}
		return sampleLocality{}, false
	}

	var required []org.Unit
	for _, u := range units {
		for _, k := range sponsor.RequiredUnitKinds {
			if u.Kind == k {
				required = append(required, u)
			}
		}
	}
	for k, u := range required {
		// Two required units have registered nothing yet.
		if k == 5 || k == len(required)-1 {
			continue
		}
		loc := pickCommune(k)
		if k%3 == 1 {
			if v, ok := pickVillage(k); ok {
				loc = v
			}
		}
		status := sponsor.StatusDangThucHien
		from := time.Date(2022, time.Month(7+k%6), 1+k%20, 0, 0, 0, 0, time.UTC)
		if k%5 == 4 {
			// Registered in 2025, nothing done yet.
			status, from = sponsor.StatusDangKy, time.Date(2025, time.Month(3+k%6), 10, 0, 0, 0, 0, time.UTC)
		}
		b.add(u, loc, k, status, from, "", "")
	}
	// A finished, a cancelled and an expired registration beside active ones.
	if len(required) > 4 {
		b.add(required[0], pickCommune(100), 100, sponsor.StatusHoanThanh,
			time.Date(2022, 3, 15, 0, 0, 0, 0, time.UTC), "2023-12-31", "")
		b.add(required[2], pickCommune(101), 101, sponsor.StatusHuy,
			time.Date(2023, 2, 1, 0, 0, 0, 0, time.UTC), "", "Đơn vị được giao nhiệm vụ hỗ trợ địa bàn khác theo phân công của Ban Chỉ đạo (dữ liệu mẫu).")
		b.add(required[4], pickCommune(102), 102, sponsor.StatusDangThucHien,
			time.Date(2022, 9, 1, 0, 0, 0, 0, time.UTC), "2024-12-31", "")
	}
	// Units the plan does not oblige may register too.
	for _, u := range units {
		if u.Kind == org.KindDoanThe {
			loc := pickCommune(200 + len(b.regs))
			if v, ok := pickVillage(200 + len(b.regs)); ok {
				loc = v
			}
			b.add(u, loc, 200+len(b.regs), sponsor.StatusDangThucHien, time.Date(2023, 3, 26, 0, 0, 0, 0, time.UTC), "", "")
		}
	}
	return b.flush(tx)
}

type sponsorBuilder struct {
	agencyID, campaignID string
	staffOf              map[string][]string
	used                 map[string]bool
	regs                 []sponsor.Registration
	acts                 []sponsor.Activity
	parts                []sponsor.Participant
}

// add builds one registration (and, unless merely registered, its
// activities) for unit u at loc; k varies the numbers.
func (b *sponsorBuilder) add(u org.Unit, loc sampleLocality, k int, status string, from time.Time, to, reason string) {
	staff := b.staffOf[u.ID]
	r := sponsor.Registration{
		AgencyID: b.agencyID, UnitID: u.ID, LocalityID: loc.ID, CampaignID: &b.campaignID,
		FromDate: from.Format("2006-01-02"), ToDate: to,
		Content: "Hỗ trợ " + loc.Name + " thực hiện tiêu chí môi trường, quy hoạch và đất đai trong xây dựng nông thôn mới: " +
			"khảo sát, hướng dẫn chuyên môn, tuyên truyền và đóng góp ngày công (dữ liệu mẫu).",
		CommitVisits: 2 + k%4, CommitFunds: int64(10_000_000 + (k%3)*5_000_000), CommitWorkdays: 5 + float64(k%3)*2.5,
		Status: status, CancelReason: reason,
	}
	r.ID = store.NewID()
	if len(staff) > 0 {
		r.ContactStaffID = &staff[0]
	}
	r.SearchKey = sponsor.SearchKey(r.Content, r.CommitNote, r.ContactNote)
	b.regs = append(b.regs, r)
	if status == sponsor.StatusDangKy {
		return
	}
	last := time.Date(2025, 11, 20, 0, 0, 0, 0, time.UTC)
	if to != "" {
		if t, err := time.Parse("2006-01-02", to); err == nil {
			last = t
		}
	}
	n := 3 + k%4
	if status == sponsor.StatusHuy {
		n = 1
	}
	span := last.Sub(from) / time.Duration(n+1)
	for i := 0; i < n; i++ {
		kind := sponsor.ActivityKinds[(k+i*3)%len(sponsor.ActivityKinds)]
		if i == 0 {
			kind = "khao_sat"
		}
		text := activityText[kind]
		a := sponsor.Activity{
			RegistrationID: r.ID,
			Date:           from.Add(span * time.Duration(i+1)).Format("2006-01-02"),
			Kind:           kind, Description: text[0], Result: text[1],
		}
		a.ID = store.NewID()
		switch kind {
		case "ho_tro_kinh_phi":
			a.AmountVND = int64(5_000_000 + ((k+i)%4)*2_500_000)
		case "ho_tro_hien_vat":
			a.AmountVND = int64(3_000_000 + ((k+i)%3)*1_500_000)
		case "ngay_cong":
			a.Workdays = float64(4+(k+i)%5) + 0.5*float64(i%2)
		case "khao_sat", "huong_dan":
			a.Workdays = 1 + 0.5*float64((k+i)%2)
		}
		a.SearchKey = sponsor.SearchKey(a.Description, a.Result)
		b.acts = append(b.acts, a)
		for j := 0; j < len(staff) && j < 1+(k+i)%3; j++ {
			b.parts = append(b.parts, sponsor.Participant{ActivityID: a.ID, StaffID: staff[(j+i)%len(staff)]})
		}
	}
}

func (b *sponsorBuilder) flush(tx *gorm.DB) error {
	seen := map[[2]string]bool{}
	parts := b.parts[:0:0]
	for _, p := range b.parts {
		if key := [2]string{p.ActivityID, p.StaffID}; !seen[key] {
			seen[key] = true
			parts = append(parts, p)
		}
	}
	for _, list := range []any{&b.regs, &b.acts, &parts} {
		if err := tx.CreateInBatches(list, 100).Error; err != nil && !errors.Is(err, gorm.ErrEmptySlice) {
			return fmt.Errorf("sample sponsorships: %w", err)
		}
	}
	return nil
}
