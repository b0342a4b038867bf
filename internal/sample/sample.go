// Package sample loads the sample data: a department modelled on the plan
// of Sở Tài nguyên và Môi trường tỉnh Quảng Bình for the movement "Cả nước
// chung sức xây dựng nông thôn mới" 2021–2025. Bodies, decision numbers,
// dates and targets come from that plan; people other than the signer are
// invented and the whole set is marked as sample data.
package sample

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"chungsuc/internal/campaign"
	"chungsuc/internal/criteria"
	"chungsuc/internal/fault"
	"chungsuc/internal/org"
	"chungsuc/internal/store"
)

// MetaKey marks a database that holds the sample (the UI labels it).
const MetaKey = "sample_loaded"

// Load writes the sample into db in one transaction. It refuses a database
// that already has an agency unless force is set, in which case the sample
// agency is added beside the existing data (nothing is removed).
func Load(ctx context.Context, db *store.DB, force bool) (org.Agency, error) {
	var agency org.Agency
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&org.Agency{}).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 && !force {
			return fault.New(fault.ErrRefused, "errors.sample.notEmpty")
		}
		agency = Agency()
		if err := org.CreateAgencyTx(tx, &agency); err != nil {
			return err
		}
		if err := loadUnitsAndStaff(tx, agency.ID); err != nil {
			return err
		}
		c := Campaign()
		c.AgencyID = agency.ID
		if err := campaign.SaveTx(tx, &c); err != nil {
			return fmt.Errorf("sample campaign: %w", err)
		}
		if err := loadLocalities(tx, agency.ID); err != nil {
			return fmt.Errorf("sample localities: %w", err)
		}
		if err := loadSponsorships(tx, agency.ID, c.ID); err != nil {
			return fmt.Errorf("sample sponsorships: %w", err)
		}
		if err := criteria.Seed(tx, agency.ID); err != nil {
			return fmt.Errorf("sample criteria: %w", err)
		}
		if err := loadAssessments(tx, agency.ID); err != nil {
			return fmt.Errorf("sample assessments: %w", err)
		}
		if err := loadDocuments(tx, agency.ID); err != nil {
			return fmt.Errorf("sample documents: %w", err)
		}
		if err := loadEmulation(tx, agency.ID, c.ID); err != nil {
			return fmt.Errorf("sample emulation: %w", err)
		}
		if err := loadAwards(tx, agency.ID, c.ID); err != nil {
			return fmt.Errorf("sample awards: %w", err)
		}
		return store.SetMetaTx(tx, MetaKey, "1")
	})
	return agency, err
}

// Agency is the sample agency profile as the plan names it.
func Agency() org.Agency {
	return org.Agency{
		Name:       "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG",
		ParentBody: "UBND TỈNH QUẢNG BÌNH",
		Abbrev:     "STNMT",
		PlaceName:  "Quảng Bình",
		HeadTitle:  "GIÁM ĐỐC",
		HeadName:   "Nguyễn Huệ",
		Deputies: []org.Deputy{
			{Title: "PHÓ GIÁM ĐỐC", Name: "Trần Văn Mẫu"},
			{Title: "PHÓ GIÁM ĐỐC", Name: "Lê Thị Minh Họa"},
		},
	}
}

type unitSpec struct {
	name, short, kind, parent string
	staff                     int
}

// units: the bodies the plan names (Văn phòng Sở, Trung tâm Công nghệ thông
// tin tài nguyên và môi trường, Công đoàn Sở, Đoàn Thanh niên, Đảng bộ Sở
// and its chi bộ, Hội đồng Thi đua - Khen thưởng) and the usual divisions
// and attached units of such a department.
var units = []unitSpec{
	{"Lãnh đạo Sở", "LĐS", org.KindLanhDao, "", 0},
	{"Văn phòng Sở", "VP", org.KindPhong, "", 5},
	{"Thanh tra Sở", "TTr", org.KindPhong, "", 3},
	{"Phòng Kế hoạch - Tài chính", "KHTC", org.KindPhong, "", 3},
	{"Phòng Quản lý đất đai", "QLĐĐ", org.KindPhong, "", 4},
	{"Phòng Tài nguyên nước - Khoáng sản", "TNN-KS", org.KindPhong, "", 3},
	{"Phòng Biển, đảo và Khí tượng thủy văn", "BĐ-KTTV", org.KindPhong, "", 3},
	{"Chi cục Bảo vệ môi trường", "CCBVMT", org.KindDonViThuoc, "", 4},
	{"Văn phòng Đăng ký đất đai", "VPĐKĐĐ", org.KindDonViTrucThuoc, "", 4},
	{"Trung tâm Công nghệ thông tin tài nguyên và môi trường", "TTCNTT", org.KindDonViTrucThuoc, "", 3},
	{"Trung tâm Quan trắc tài nguyên và môi trường", "TTQT", org.KindDonViTrucThuoc, "", 3},
	{"Trung tâm Phát triển quỹ đất", "TTPTQĐ", org.KindDonViTrucThuoc, "", 3},
	{"Đảng bộ Sở", "ĐBS", org.KindDang, "", 0},
	{"Chi bộ Văn phòng", "CB-VP", org.KindDang, "Đảng bộ Sở", 0},
	{"Chi bộ Trung tâm Công nghệ thông tin", "CB-CNTT", org.KindDang, "Đảng bộ Sở", 0},
	{"Công đoàn Sở", "CĐ", org.KindDoanThe, "", 0},
	{"Đoàn Thanh niên Cộng sản Hồ Chí Minh Sở", "ĐTN", org.KindDoanThe, "", 0},
	{"Hội đồng Thi đua - Khen thưởng Sở", "HĐTĐKT", org.KindHoiDong, "", 0},
}

// Invented names for the sample staff.
var (
	familyNames = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"}
	middleMale  = []string{"Văn", "Đức", "Minh", "Quang", "Hữu", "Công"}
	middleFem   = []string{"Thị", "Thu", "Thanh", "Ngọc", "Diệu", "Hồng"}
	givenMale   = []string{"An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hùng", "Khánh", "Long", "Nam", "Phong", "Quân", "Sơn", "Tuấn", "Vinh"}
	givenFem    = []string{"Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hương", "Lan", "Linh", "Mai", "Nga", "Phương", "Thảo", "Trang", "Yến"}
	ranks       = []string{"Chuyên viên", "Chuyên viên chính", "Thanh tra viên", "Kỹ sư", "Cán sự"}
)

func loadUnitsAndStaff(tx *gorm.DB, agencyID string) error {
	svcIDs := map[string]string{}
	k := 0
	for i, spec := range units {
		u := org.Unit{AgencyID: agencyID, Name: spec.name, ShortName: spec.short, Kind: spec.kind, Active: true, SortOrder: (i + 1) * 10}
		if spec.parent != "" {
			p := svcIDs[spec.parent]
			u.ParentID = &p
		}
		if err := org.CreateUnitTx(tx, &u); err != nil {
			return fmt.Errorf("sample unit %s: %w", spec.name, err)
		}
		svcIDs[spec.name] = u.ID
		for j := 0; j < spec.staff; j++ {
			p := person(k, j)
			p.AgencyID, p.UnitID = agencyID, &u.ID
			if spec.kind == org.KindDonViTrucThuoc {
				p.Category = org.CategoryVienChuc
			}
			if j == spec.staff-1 && spec.staff > 3 {
				p.Category = org.CategoryNguoiLaoDong
				p.Position, p.Rank = "Nhân viên", "Nhân viên"
			}
			if err := org.CreateStaffTx(tx, &p); err != nil {
				return fmt.Errorf("sample staff %s: %w", p.FullName, err)
			}
			if j == 0 {
				if err := tx.Model(&org.Unit{}).Where("id = ?", u.ID).Update("head_staff_id", p.ID).Error; err != nil {
					return err
				}
			}
			k++
		}
	}
	// The agency's leaders sit in "Lãnh đạo Sở".
	lead := svcIDs["Lãnh đạo Sở"]
	leaders := []org.Staff{
		{FullName: "Nguyễn Huệ", Gender: "nam", BirthYear: 1968, Position: "Giám đốc", Rank: "Chuyên viên cao cấp"},
		{FullName: "Trần Văn Mẫu", Gender: "nam", BirthYear: 1972, Position: "Phó Giám đốc", Rank: "Chuyên viên chính"},
		{FullName: "Lê Thị Minh Họa", Gender: "nu", BirthYear: 1975, Position: "Phó Giám đốc", Rank: "Chuyên viên chính"},
	}
	for i := range leaders {
		p := &leaders[i]
		p.AgencyID, p.UnitID, p.Category, p.Active = agencyID, &lead, org.CategoryCongChuc, true
		if err := org.CreateStaffTx(tx, p); err != nil {
			return fmt.Errorf("sample leader: %w", err)
		}
	}
	return tx.Model(&org.Unit{}).Where("id = ?", lead).Update("head_staff_id", leaders[0].ID).Error
}

// person builds the k-th invented staff member; j is the position in the unit.
func person(k, j int) org.Staff {
	// Walk the name lists with co-prime steps so that every sample name differs.
	female := k%2 == 1
	family := familyNames[(k*5)%len(familyNames)]
	var middle, given, gender string
	if female {
		middle, given, gender = middleFem[(k/2)%len(middleFem)], givenFem[(k/2*4+k/6)%len(givenFem)], "nu"
	} else {
		middle, given, gender = middleMale[(k/2)%len(middleMale)], givenMale[(k/2*4+k/6)%len(givenMale)], "nam"
	}
	position := "Chuyên viên"
	switch j {
	case 0:
		position = "Trưởng phòng"
	case 1:
		position = "Phó Trưởng phòng"
	}
	p := org.Staff{
		FullName:  family + " " + middle + " " + given,
		Gender:    gender,
		BirthYear: 1970 + (k*3)%28,
		Position:  position,
		Rank:      ranks[k%len(ranks)],
		Category:  org.CategoryCongChuc,
		Phone:     fmt.Sprintf("0912 %03d %03d", 100+k, 200+k*3),
		Active:    true,
	}
	if k%3 == 0 {
		p.BirthDate = fmt.Sprintf("%d-%02d-%02d", p.BirthYear, 1+k%12, 1+(k*7)%28)
	}
	return p
}

func intp(n int) *int { return &n }

// Campaign is the 2021–2025 movement as the plan sets it out.
func Campaign() campaign.Campaign {
	return campaign.Campaign{
		Name:     "Cả nước chung sức xây dựng nông thôn mới giai đoạn 2021 - 2025",
		FromYear: 2021,
		ToYear:   2025,
		Active:   true,
		Description: "Hưởng ứng phong trào thi đua của Sở; mỗi phòng, đơn vị đăng ký hỗ trợ ít nhất " +
			"một xã hoặc một thôn, bản đặc biệt khó khăn và được đánh giá cùng kết quả bình xét thi đua hằng năm. (Dữ liệu mẫu)",
		LegalBases: []campaign.LegalBasis{
			{Number: "25/2021/QH15", Date: "2021-07-28", Issuer: "Quốc hội",
				Title: "Phê duyệt chủ trương đầu tư Chương trình mục tiêu quốc gia xây dựng nông thôn mới giai đoạn 2021 - 2025"},
			{Number: "263/QĐ-TTg", Date: "2022-02-22", Issuer: "Thủ tướng Chính phủ",
				Title: "Phê duyệt Chương trình mục tiêu quốc gia xây dựng nông thôn mới giai đoạn 2021 - 2025"},
			{Number: "587/QĐ-TTg", Date: "2022-05-18", Issuer: "Thủ tướng Chính phủ",
				Title: "Ban hành Kế hoạch tổ chức thực hiện Phong trào thi đua “Cả nước chung sức xây dựng nông thôn mới” giai đoạn 2021 - 2025"},
			{Number: "1017/KH-UBND", Date: "2022-06-13", Issuer: "Ủy ban nhân dân tỉnh Quảng Bình",
				Title: "Tổ chức thực hiện “Cả nước chung sức xây dựng nông thôn mới” tỉnh Quảng Bình giai đoạn 2021 - 2025"},
		},
		Targets: []campaign.Target{
			{Label: "Có ít nhất 87% số xã đạt chuẩn nông thôn mới (112 xã)", Metric: "communes_ntm",
				Comparator: ">=", Value: 87, ValueUnit: "%", Count: intp(112), CountUnit: "xã"},
			{Label: "Có khoảng 30% số xã đạt chuẩn nông thôn mới nâng cao (39 xã)", Metric: "communes_ntm_advanced",
				Comparator: ">=", Value: 30, ValueUnit: "%", Count: intp(39), CountUnit: "xã"},
			{Label: "10% số xã đạt chuẩn nông thôn mới kiểu mẫu (13 xã)", Metric: "communes_ntm_model",
				Comparator: ">=", Value: 10, ValueUnit: "%", Count: intp(13), CountUnit: "xã"},
			{Label: "Còn nhiều nhất 04 xã đạt dưới 15 tiêu chí", Metric: "communes_below_15",
				Comparator: "<=", Value: 4, ValueUnit: "xã"},
			{Label: "Đến năm 2025 có 01 - 02 đơn vị cấp huyện đạt chuẩn hoặc hoàn thành nhiệm vụ xây dựng nông thôn mới",
				Metric: "districts_ntm", Comparator: ">=", Value: 1, ValueUnit: "đơn vị", Count: intp(2), CountUnit: "đơn vị"},
			{Label: "49 thôn, bản, làng thuộc các xã đặc biệt khó khăn khu vực biên giới, vùng núi, vùng bãi ngang ven biển được công nhận đạt chuẩn nông thôn mới",
				Metric: "villages_ntm_dbkk", Comparator: ">=", Value: 49, ValueUnit: "thôn"},
		},
		Milestones: []campaign.Milestone{
			{Name: "Ban hành Kế hoạch tổ chức thực hiện Phong trào thi đua giai đoạn 2021 - 2025", Kind: "ban_hanh_ke_hoach", DueDate: "2022-06-30"},
			{Name: "Kiểm tra tình hình thực hiện Phong trào năm 2022", Kind: "kiem_tra", DueDate: "2022-12-31"},
			{Name: "Sơ kết, đánh giá, rút kinh nghiệm Phong trào thi đua", Kind: "so_ket", DueDate: "2023-12-31"},
			{Name: "Kiểm tra tình hình thực hiện Phong trào năm 2023", Kind: "kiem_tra", DueDate: "2023-12-31"},
			{Name: "Kiểm tra tình hình thực hiện Phong trào năm 2024", Kind: "kiem_tra", DueDate: "2024-12-31"},
			{Name: "Kiểm tra tình hình thực hiện Phong trào năm 2025", Kind: "kiem_tra", DueDate: "2025-12-31"},
			{Name: "Tổng kết Phong trào thi đua giai đoạn 2021 - 2025", Kind: "tong_ket", DueDate: "2025-12-31"},
		},
	}
}
