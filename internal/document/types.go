package document

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode"

	"gorm.io/gorm"

	"chungsuc/internal/fault"
	"chungsuc/internal/store"
	"chungsuc/internal/vntext"
)

// Sources of the seeded types.
const (
	sourceAbbrev   = "Nghị định 30/2020/NĐ-CP ngày 05/3/2020, Phụ lục III, Mục I (bảng chữ viết tắt tên loại văn bản)"
	sourceCongVan  = "Nghị định 30/2020/NĐ-CP ngày 05/3/2020, Phụ lục III, Mẫu 1.5 (công văn: không có tên loại; ký hiệu gồm chữ viết tắt tên cơ quan và đơn vị soạn thảo)"
	sourceKinhGui  = "; Phụ lục I (ô 9a, 9b: Kính gửi và \"Như trên\" cho tờ trình, báo cáo, công văn)"
	typeCodeLetter = "cong_van"
)

// builtinType is one row of the decree's table.
type builtinType struct {
	code, name, abbrev string
	kinhGui            bool
}

// builtinTypes is Phụ lục III, Mục I of Nghị định 30/2020/NĐ-CP, in the
// decree's order, followed by the công văn. The copy forms (bản sao y,
// trích sao, sao lục: SY, TrS, SL) are forms of copying, not types that
// take a number of their own, and are left out.
var builtinTypes = []builtinType{
	{"nghi_quyet", "Nghị quyết (cá biệt)", "NQ", false},
	{"quyet_dinh", "Quyết định (cá biệt)", "QĐ", false},
	{"chi_thi", "Chỉ thị", "CT", false},
	{"quy_che", "Quy chế", "QC", false},
	{"quy_dinh", "Quy định", "QyĐ", false},
	{"thong_cao", "Thông cáo", "TC", false},
	{"thong_bao", "Thông báo", "TB", false},
	{"huong_dan", "Hướng dẫn", "HD", false},
	{"chuong_trinh", "Chương trình", "CTr", false},
	{"ke_hoach", "Kế hoạch", "KH", false},
	{"phuong_an", "Phương án", "PA", false},
	{"de_an", "Đề án", "ĐA", false},
	{"du_an", "Dự án", "DA", false},
	{"bao_cao", "Báo cáo", "BC", true},
	{"bien_ban", "Biên bản", "BB", false},
	{"to_trinh", "Tờ trình", "TTr", true},
	{"hop_dong", "Hợp đồng", "HĐ", false},
	{"cong_dien", "Công điện", "CĐ", false},
	{"ban_ghi_nho", "Bản ghi nhớ", "BGN", false},
	{"ban_thoa_thuan", "Bản thỏa thuận", "BTT", false},
	{"giay_uy_quyen", "Giấy ủy quyền", "GUQ", false},
	{"giay_moi", "Giấy mời", "GM", false},
	{"giay_gioi_thieu", "Giấy giới thiệu", "GGT", false},
	{"giay_nghi_phep", "Giấy nghỉ phép", "GNP", false},
	{"phieu_gui", "Phiếu gửi", "PG", false},
	{"phieu_chuyen", "Phiếu chuyển", "PC", false},
	{"phieu_bao", "Phiếu báo", "PB", false},
	{typeCodeLetter, "Công văn", "", true},
}

// printedTitle is the tên loại as printed: the name without the
// "(cá biệt)" note, in upper case.
func printedTitle(name string) string {
	if i := strings.Index(name, "("); i > 0 {
		name = name[:i]
	}
	return strings.ToUpper(strings.TrimSpace(name))
}

// BuiltinTypes returns the seeded types, without ids.
func BuiltinTypes() []Type {
	out := make([]Type, 0, len(builtinTypes))
	for i, b := range builtinTypes {
		t := Type{Code: b.code, Name: b.name, Title: printedTitle(b.name), Abbrev: b.abbrev, Series: b.code,
			NeedsKinhGui: b.kinhGui, NhuTren: b.kinhGui, Source: sourceAbbrev, Confirmed: true,
			Builtin: true, Active: true, SortOrder: (i + 1) * 10}
		if b.code == typeCodeLetter {
			t.Title, t.Letter, t.Source = "", true, sourceCongVan
		}
		if b.kinhGui {
			t.Source += sourceKinhGui
		}
		out = append(out, t)
	}
	return out
}

// seedTypes gives the agency every built-in type it does not have yet (a
// code it already has, even deleted, is left alone).
func seedTypes(tx *gorm.DB, agencyID string) error {
	have, err := store.AgencyCodes(tx, &Type{}, agencyID)
	if err != nil {
		return fmt.Errorf("document types seed: %w", err)
	}
	var add []Type
	for _, t := range BuiltinTypes() {
		if !have[t.Code] {
			t.AgencyID = agencyID
			add = append(add, t)
		}
	}
	if len(add) == 0 {
		return nil
	}
	if err := tx.Create(&add).Error; err != nil {
		return fmt.Errorf("document types seed: %w", err)
	}
	return nil
}

// validSymbolPart accepts what may stand in a number's ký hiệu: letters
// (Vietnamese included) and digits, with inner dashes or ampersands.
func validSymbolPart(s string) bool {
	if s == "" || strings.HasPrefix(s, "-") || strings.HasSuffix(s, "-") {
		return false
	}
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9', r == '-', r == '&':
		default:
			if !unicode.IsLetter(r) {
				return false
			}
		}
	}
	return true
}

func validCode(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '_' && r != '-' {
			return false
		}
	}
	return true
}

func (t *Type) normalise() {
	t.Code = strings.ToLower(vntext.Clean(t.Code))
	t.Name = vntext.Clean(t.Name)
	t.Title = strings.ToUpper(vntext.Clean(t.Title))
	t.Abbrev = vntext.Clean(t.Abbrev)
	t.Series = strings.ToLower(vntext.Clean(t.Series))
	t.Source = vntext.CleanText(t.Source)
	if t.Series == "" {
		t.Series = t.Code
	}
}

func (t *Type) validate() error {
	var v fault.Validation
	if v.Required("code", t.Code) && (!validCode(t.Code) || len(t.Code) > 40) {
		v.Add("code", "validation.document.code")
	}
	v.Text("name", t.Name, true, 120)
	v.MaxLen("title", t.Title, 120)
	if !t.Letter {
		if v.Required("title", t.Title) && v.Required("abbrev", t.Abbrev) && !validSymbolPart(t.Abbrev) {
			v.Add("abbrev", "validation.abbrev")
		}
	} else if t.Abbrev != "" && !validSymbolPart(t.Abbrev) {
		v.Add("abbrev", "validation.abbrev")
	}
	v.MaxLen("abbrev", t.Abbrev, 20)
	if !validCode(t.Series) || len(t.Series) > 40 {
		v.Add("series", "validation.document.code")
	}
	v.MaxLen("source", t.Source, 2000)
	return v.Err()
}

// Types lists the agency's live document types in display order.
func (s *Service) Types(ctx context.Context, agencyID string) ([]Type, error) {
	return typesTx(s.db.WithContext(ctx), agencyID)
}

func typesTx(tx *gorm.DB, agencyID string) ([]Type, error) {
	out := []Type{}
	if err := tx.Where("agency_id = ?", agencyID).Order("sort_order ASC").Order("code ASC").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("document types: %w", err)
	}
	return out, nil
}

// typeByCode returns the agency's live type with that code.
func typeByCode(tx *gorm.DB, agencyID, code string) (Type, error) {
	var t Type
	err := tx.Where("agency_id = ? AND code = ?", agencyID, code).Take(&t).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return t, fault.New(fault.ErrNotFound, "errors.document.unknownType", "code", code)
	}
	if err != nil {
		return t, fmt.Errorf("document type: %w", err)
	}
	return t, nil
}

// SaveType creates a type (empty id) or updates one. A built-in type keeps
// its code; changing a series takes effect for the numbers given out
// afterwards (numbers already given out keep theirs).
func (s *Service) SaveType(ctx context.Context, agencyID string, t Type) (Type, error) {
	t.normalise()
	t.AgencyID = agencyID
	if err := t.validate(); err != nil {
		return t, err
	}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var taken int64
		q := tx.Model(&Type{}).Where("agency_id = ? AND code = ?", agencyID, t.Code)
		if t.ID != "" {
			q = q.Where("id <> ?", t.ID)
		}
		if err := q.Count(&taken).Error; err != nil {
			return fmt.Errorf("find document type: %w", err)
		}
		if taken > 0 {
			return fault.New(fault.ErrConflict, "errors.document.typeCodeTaken", "code", t.Code)
		}
		if t.ID == "" {
			t.Builtin = false
			if err := tx.Create(&t).Error; err != nil {
				return fmt.Errorf("create document type: %w", err)
			}
			return nil
		}
		var old Type
		if err := store.Get(tx.Where("agency_id = ?", agencyID), &old, "documentType", t.ID); err != nil {
			return err
		}
		if old.Builtin && old.Code != t.Code {
			return fault.New(fault.ErrRefused, "errors.document.builtinCode", "code", old.Code)
		}
		t.Builtin = old.Builtin
		return store.UpdateVersioned(tx, &t, "documentType", "code", "name", "title", "abbrev", "series", "letter",
			"needs_kinh_gui", "nhu_tren", "source", "confirmed", "active", "sort_order")
	})
	return t, err
}

func fault404Type(code string) error {
	return fault.New(fault.ErrNotFound, "errors.document.unknownType", "code", code)
}
