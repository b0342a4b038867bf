package document

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"chungsuc/internal/campaign"
	"chungsuc/internal/dashboard"
	"chungsuc/internal/fault"
	"chungsuc/internal/org"
	"chungsuc/internal/pdf"
	"chungsuc/internal/sponsor"
	"chungsuc/internal/store"
)

// placeholderList documents every {{…}} the generator fills. Names
// under co_quan come from the agency profile and the document settings,
// phong_trao and the lists from the active campaign, the figures from the
// dashboard and the sponsorship data; bang:KEY lines become tables filled
// when the document is previewed or issued.
var placeholderList = []Placeholder{
	{Name: "co_quan.chu_quan", Description: "Cơ quan chủ quản như in ở đầu văn bản", Example: "UBND TỈNH …"},
	{Name: "co_quan.ten_in", Description: "Tên cơ quan ban hành như in (chữ hoa)", Example: "SỞ …"},
	{Name: "co_quan.ten", Description: "Tên đầy đủ của cơ quan trong lời văn (Cài đặt văn bản)", Example: "Sở … tỉnh …"},
	{Name: "co_quan.goi_tat", Description: "Tên gọi tắt của cơ quan trong lời văn (Cài đặt văn bản)", Example: "Sở"},
	{Name: "co_quan.viet_tat", Description: "Chữ viết tắt của cơ quan trong số, ký hiệu", Example: "SNV"},
	{Name: "co_quan.dia_danh", Description: "Địa danh ghi ở dòng ngày tháng", Example: "Hà Nội"},
	{Name: "co_quan.thu_truong", Description: "Chức danh người đứng đầu trong lời văn", Example: "Giám đốc"},
	{Name: "co_quan.thu_truong_ten", Description: "Họ và tên người đứng đầu", Example: "Nguyễn Văn A"},
	{Name: "co_quan.cap_tren", Description: "Cơ quan cấp trên nhận báo cáo (Cài đặt văn bản)", Example: "Ủy ban nhân dân tỉnh …"},
	{Name: "don_vi_tham_muu", Description: "Đơn vị tham mưu công tác thi đua, khen thưởng (Cài đặt văn bản)", Example: "Văn phòng Sở"},
	{Name: "hoi_dong", Description: "Hội đồng thi đua, khen thưởng (Cài đặt văn bản)", Example: "Hội đồng Thi đua - Khen thưởng Sở"},
	{Name: "don_vi_soan", Description: "Chữ viết tắt đơn vị soạn thảo (dòng “Lưu: VT, …”)", Example: "VP"},
	{Name: "phong_trao.ten", Description: "Tên phong trào thi đua đang theo dõi", Example: "Cả nước chung sức xây dựng nông thôn mới giai đoạn 2021 - 2025"},
	{Name: "phong_trao.ten_ngan", Description: "Tên phong trào, bỏ phần “giai đoạn …” ở cuối", Example: "Cả nước chung sức xây dựng nông thôn mới"},
	{Name: "phong_trao.giai_doan", Description: "Giai đoạn của phong trào", Example: "2021 - 2025"},
	{Name: "phong_trao.tu_nam", Description: "Năm bắt đầu", Example: "2021"},
	{Name: "phong_trao.den_nam", Description: "Năm kết thúc", Example: "2025"},
	{Name: "phong_trao.mo_ta", Description: "Mô tả phong trào", Example: "…"},
	{Name: "can_cu", Description: "Các văn bản căn cứ của phong trào, nối bằng dấu chấm phẩy (số, ngày, cơ quan ban hành, trích yếu)", Example: "Quyết định số 587/QĐ-TTg ngày 18/5/2022 của Thủ tướng Chính phủ về ban hành Kế hoạch …"},
	{Name: "can_cu.danh_sach", Description: "Các văn bản căn cứ, mỗi văn bản một dòng gạch đầu dòng", Block: true, Example: "- Quyết định số 587/QĐ-TTg ngày 18/5/2022 …;"},
	{Name: "muc_tieu", Description: "Các mục tiêu, chỉ tiêu của phong trào, mỗi chỉ tiêu một dòng gạch đầu dòng", Block: true, Example: "- Có ít nhất 87% số xã đạt chuẩn nông thôn mới (112 xã);"},
	{Name: "moc_thoi_gian", Description: "Các mốc thời gian của phong trào, đánh số 1, 2, 3…", Block: true, Example: "1. Ban hành Kế hoạch …: trong tháng 6 năm 2022."},
	{Name: "bo_tieu_chi", Description: "Bộ tiêu chí nông thôn mới áp dụng cho giai đoạn của phong trào", Example: "Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2021 - 2025 (Quyết định số 318/QĐ-TTg …)"},
	{Name: "nam", Description: "Năm của văn bản", Example: "2022"},
	{Name: "ngay_so_lieu", Description: "Ngày lấy số liệu (mốc sơ kết, tổng kết hoặc hôm nay)", Example: "31/12/2023"},
	{Name: "ket_qua_chi_tieu", Description: "Kết quả so với từng chỉ tiêu (số liệu Tổng quan), mỗi chỉ tiêu một dòng", Block: true, Example: "- Có ít nhất 87% số xã đạt chuẩn nông thôn mới (112 xã): đạt 71,4% (80/112 xã), chưa đạt;"},
	{Name: "ho_tro.tong_hop", Description: "Tổng hợp đăng ký và hoạt động hỗ trợ xã, thôn, bản của các phòng, đơn vị", Example: "Có 10 phòng, đơn vị đăng ký hỗ trợ 12 xã, thôn, bản; …"},
	{Name: "khen_thuong", Description: "Kết quả khen thưởng trong phong trào theo lịch sử khen thưởng (số tập thể, cá nhân theo từng hình thức, các quyết định) và các đợt đề nghị đang trình; chưa có dữ liệu: câu nêu rõ điều đó", Example: "Có 02 tập thể và 03 cá nhân được khen thưởng: …"},
	{Name: "de_nghi.ten", Description: "Tên đợt đề nghị khen thưởng (chỉ dùng trong mẫu soạn từ một đợt đề nghị ở màn hình Khen thưởng)", Example: "Đề nghị khen thưởng tổng kết năm 2025"},
	{Name: "de_nghi.hinh_thuc", Description: "Hình thức đề nghị như ghi trong trích yếu: “tặng Bằng khen của …” khi chỉ có một hình thức, “khen thưởng” khi có nhiều hình thức (đợt đề nghị)", Example: "tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"},
	{Name: "de_nghi.so_luong", Description: "Số tập thể, cá nhân được đề nghị (đã đạt tỷ lệ phiếu khi Hội đồng đã bỏ phiếu) (đợt đề nghị)", Example: "02 tập thể và 03 cá nhân"},
	{Name: "de_nghi.so_luong_xet", Description: "Số tập thể, cá nhân Hội đồng xem xét, kể cả trường hợp không đạt (đợt đề nghị)", Example: "02 tập thể và 04 cá nhân"},
	{Name: "de_nghi.theo_hinh_thuc", Description: "Số tập thể, cá nhân đề nghị theo từng hình thức, mỗi hình thức một dòng gạch đầu dòng (đợt đề nghị)", Block: true, Example: "- Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh: 02 tập thể, 03 cá nhân."},
	{Name: "de_nghi.can_cu", Description: "Các dòng căn cứ của Tờ trình: Luật Thi đua, khen thưởng, nghị định quy định chi tiết còn hiệu lực vào ngày trình, kế hoạch tổ chức phong trào, biên bản họp Hội đồng (đợt đề nghị)", Block: true, Example: "> Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"},
	{Name: "de_nghi.cap_trinh", Description: "Cơ quan, người có thẩm quyền được trình (dòng đầu của “Kính gửi” của đợt đề nghị)", Example: "Chủ tịch Ủy ban nhân dân tỉnh"},
	{Name: "de_nghi.hop_ngay", Description: "Ngày họp Hội đồng xét khen thưởng, “ngày … tháng … năm …” (đợt đề nghị)", Example: "ngày 15 tháng 12 năm 2025"},
	{Name: "de_nghi.hop_dia_diem", Description: "Địa điểm họp Hội đồng (đợt đề nghị)", Example: "Phòng họp tầng 3"},
	{Name: "de_nghi.hop_thanh_phan", Description: "Số thành viên Hội đồng có mặt trên tổng số (đợt đề nghị)", Example: "07/09 thành viên Hội đồng có mặt"},
	{Name: "de_nghi.hop_tong_so", Description: "Tổng số thành viên Hội đồng (đợt đề nghị)", Example: "09"},
	{Name: "de_nghi.hop_co_mat", Description: "Số thành viên Hội đồng có mặt, tham gia bỏ phiếu (đợt đề nghị)", Example: "07"},
	{Name: "de_nghi.hop_chu_toa", Description: "Chủ tọa cuộc họp (đợt đề nghị)", Example: "Nguyễn Văn A, Giám đốc Sở, Chủ tịch Hội đồng"},
	{Name: "de_nghi.hop_thu_ky", Description: "Thư ký cuộc họp (đợt đề nghị)", Example: "Trần Thị B"},
	{Name: "de_nghi.nguong", Description: "Tỷ lệ phiếu đồng ý cần đạt (đợt đề nghị)", Example: "trên 50% tổng số thành viên Hội đồng"},
	{Name: "de_nghi.ket_luan", Description: "Kết luận của Hội đồng: nội dung nhập ở đợt đề nghị, hoặc câu kết luận soạn từ kết quả bỏ phiếu (đợt đề nghị)", Block: true, Example: "Hội đồng thống nhất đề nghị …"},
	{Name: "bang:danh_sach_khen_thuong", Description: "Danh sách đề nghị khen thưởng (I. Tập thể, II. Cá nhân), lưu cùng Tờ trình khi soạn từ đợt đề nghị (đứng riêng một dòng; đặt ở phụ lục khổ ngang)", Block: true},
	{Name: "bang:ket_qua_bo_phieu", Description: "Bảng kết quả bỏ phiếu kín của Hội đồng, lưu cùng Biên bản khi soạn từ đợt đề nghị (đứng riêng một dòng)", Block: true},
	{Name: "bang:dang_ky", Description: "Bảng các xã, thôn, bản được các phòng, đơn vị đăng ký hỗ trợ (đứng riêng một dòng; thường đặt ở phụ lục khổ ngang)", Block: true},
	{Name: "bang:chi_tieu", Description: "Bảng chỉ tiêu và kết quả đạt được (đứng riêng một dòng)", Block: true},
	{Name: "bang:ho_tro", Description: "Bảng tổng hợp hoạt động hỗ trợ theo phòng, đơn vị: số địa bàn, số hoạt động, kinh phí, ngày công (đứng riêng một dòng)", Block: true},
	{Name: "ngat_trang", Description: "Sang trang mới (đứng riêng một dòng)", Block: true},
}

// Placeholders lists every placeholder the generator fills, with
// generic examples.
func Placeholders() []Placeholder {
	return append([]Placeholder(nil), placeholderList...)
}

// Placeholders lists every placeholder with its value in the agency's
// current data as the example (the generic one where the data gives none,
// and for tables).
func (s *Service) Placeholders(ctx context.Context, agencyID string) ([]Placeholder, error) {
	g, err := newGen(ctx, s.db.WithContext(ctx), agencyID)
	if err != nil {
		return nil, err
	}
	return g.examples(), nil
}

// slowExamples read the dashboard, which on a national-size database takes
// seconds: their examples stay generic.
var slowExamples = map[string]bool{"ket_qua_chi_tieu": true, "bo_tieu_chi": true, "ho_tro.tong_hop": true}

// AwardPrefix starts the names of the placeholders a caller fills from an
// award proposal (Fill); without a proposal they cannot be filled.
const AwardPrefix = "de_nghi."

// Fill is what a caller supplies when drafting from a template whose texts
// use the de_nghi.* placeholders (the award Tờ trình and Biên bản, drafted
// from a proposal by internal/dossier).
type Fill struct {
	// CampaignID is the document's campaign ("" = the active one); Year
	// and AsOf its year and data date (zero = the template's milestone,
	// else today); IssuerKey its issuer ("" = the agency).
	CampaignID string
	Year       int
	AsOf       string
	IssuerKey  string
	// Values and Blocks fill the de_nghi.* placeholders: the inline value,
	// and the lines of a block placeholder (an inline use joins them).
	Values map[string]string
	Blocks map[string][]string
	// Tables are frozen into the draft (Document.DataTables).
	Tables map[string]pdf.Table
}

// examples fills the examples from the data; a value the data cannot give
// (no campaign yet) keeps the generic example.
func (g *gen) examples() []Placeholder {
	out := Placeholders()
	for i, p := range out {
		if strings.HasPrefix(p.Name, "bang:") || p.Name == "ngat_trang" || slowExamples[p.Name] {
			continue
		}
		v, err := g.value(p.Name)
		if err != nil {
			continue
		}
		ex := v.inline
		if p.Block {
			ex = strings.Join(v.block, "\n")
		}
		if r := []rune(ex); len(r) > 300 {
			ex = string(r[:300]) + "…"
		}
		if strings.TrimSpace(ex) != "" {
			out[i].Example = ex
		}
	}
	return out
}

func placeholderIndex() map[string]Placeholder {
	m := make(map[string]Placeholder, len(placeholderList))
	for _, p := range placeholderList {
		m[p.Name] = p
	}
	return m
}

// gen is what generation and the data tables read, loaded on demand.
type gen struct {
	ctx      context.Context
	tx       *gorm.DB
	agency   org.Agency
	settings Settings
	year     int
	asOf     string
	// campaignID "" means the active campaign.
	campaignID string

	campLoaded bool
	camp       *campaign.Campaign
	dash       *dashboard.Dashboard
	rows       []sponsor.Row
	rowsLoaded bool
	units      map[string]org.Unit
	abbrevs    map[string]string
	cache      map[string]value
	// supplied holds the values a caller supplies (award proposals).
	supplied *Fill
}

type value struct {
	inline string
	block  []string
}

func newGen(ctx context.Context, tx *gorm.DB, agencyID string) (*gen, error) {
	a, err := loadAgency(tx, agencyID)
	if err != nil {
		return nil, err
	}
	st, err := settingsTx(tx, a)
	if err != nil {
		return nil, err
	}
	return &gen{ctx: ctx, tx: tx, agency: a, settings: st, year: Today().Year(), asOf: todayISO(), cache: map[string]value{}}, nil
}

// campaign returns the document's campaign, or the active one.
func (g *gen) campaign() (*campaign.Campaign, error) {
	if !g.campLoaded {
		cs := campaign.NewService(g.tx)
		var (
			c   campaign.Campaign
			err error
		)
		if g.campaignID != "" {
			c, err = cs.Get(g.ctx, g.agency.ID, g.campaignID)
		} else {
			c, err = cs.Active(g.ctx, g.agency.ID)
		}
		if err != nil {
			if errors.Is(err, fault.ErrNotFound) {
				return nil, fault.New(fault.ErrNotFound, "errors.document.noCampaign")
			}
			return nil, err
		}
		g.camp, g.campLoaded = &c, true
	}
	return g.camp, nil
}

func (g *gen) dashboard() (*dashboard.Dashboard, error) {
	if g.dash == nil {
		c, err := g.campaign()
		if err != nil {
			return nil, err
		}
		d, err := dashboard.NewService(g.tx).Compute(g.ctx, g.agency.ID, dashboard.Query{CampaignID: c.ID, AsOf: g.asOf}, nil)
		if err != nil {
			return nil, err
		}
		g.dash = &d
	}
	return g.dash, nil
}

// registrations are the live registrations of the campaign (or without
// one), cancelled ones left out, in the order of the units.
func (g *gen) registrations() ([]sponsor.Row, error) {
	if g.rowsLoaded {
		return g.rows, nil
	}
	c, err := g.campaign()
	if err != nil {
		return nil, err
	}
	svc := sponsor.NewService(g.tx)
	var all []sponsor.Row
	for p := 1; ; p++ {
		page, err := svc.List(g.ctx, g.agency.ID, sponsor.Query{ListQuery: store.ListQuery{Page: p, PageSize: store.MaxPageSize, SortBy: "fromDate"}})
		if err != nil {
			return nil, err
		}
		all = append(all, page.Items...)
		if len(page.Items) == 0 || int64(len(all)) >= page.Total {
			break
		}
	}
	units, err := g.unitMap()
	if err != nil {
		return nil, err
	}
	rows := all[:0]
	for _, r := range all {
		if r.Status == sponsor.StatusHuy || (r.CampaignID != nil && *r.CampaignID != c.ID) {
			continue
		}
		rows = append(rows, r)
	}
	sort.SliceStable(rows, func(i, j int) bool {
		ui, uj := units[rows[i].UnitID], units[rows[j].UnitID]
		if ui.SortOrder != uj.SortOrder {
			return ui.SortOrder < uj.SortOrder
		}
		if rows[i].UnitName != rows[j].UnitName {
			return rows[i].UnitName < rows[j].UnitName
		}
		return rows[i].FromDate < rows[j].FromDate
	})
	g.rows, g.rowsLoaded = rows, true
	return rows, nil
}

func (g *gen) unitMap() (map[string]org.Unit, error) {
	if g.units == nil {
		var us []org.Unit
		if err := g.tx.Unscoped().Where("agency_id = ?", g.agency.ID).Find(&us).Error; err != nil {
			return nil, fmt.Errorf("units: %w", err)
		}
		g.units = map[string]org.Unit{}
		for _, u := range us {
			g.units[u.ID] = u
		}
	}
	return g.units, nil
}

// kindNames names a document kind by the abbreviation in its number,
// beyond the agency's own types: the kinds a legal basis usually is.
var kindNames = map[string]string{
	"NĐ": "Nghị định", "TT": "Thông tư", "TTLT": "Thông tư liên tịch", "L": "Luật", "PL": "Pháp lệnh",
	"NQ": "Nghị quyết", "QĐ": "Quyết định", "CT": "Chỉ thị", "KH": "Kế hoạch", "HD": "Hướng dẫn", "CTr": "Chương trình",
}

var qhRe = regexp.MustCompile(`^(QH|UBTVQH)\d*$`)

// basisKind names the kind of a legal basis from its number ("587/QĐ-TTg"
// is a Quyết định; "25/2021/QH15" a Nghị quyết of the National Assembly,
// unless its title says it is a Luật).
func (g *gen) basisKind(b campaign.LegalBasis) string {
	if g.abbrevs == nil {
		g.abbrevs = map[string]string{}
		types, err := typesTx(g.tx, g.agency.ID)
		if err == nil {
			for _, t := range types {
				if t.Abbrev != "" {
					g.abbrevs[t.Abbrev] = printedName(t.Name)
				}
			}
		}
	}
	if strings.HasPrefix(strings.ToLower(b.Title), "luật ") {
		return "Luật"
	}
	parts := strings.Split(b.Number, "/")
	for _, p := range parts[1:] {
		p = strings.TrimSpace(p)
		if _, err := strconv.Atoi(p); err == nil {
			continue
		}
		head := strings.Split(p, "-")[0]
		if qhRe.MatchString(head) {
			return "Nghị quyết"
		}
		if n, ok := g.abbrevs[head]; ok {
			return n
		}
		if n, ok := kindNames[head]; ok {
			return n
		}
		break
	}
	return "Văn bản"
}

// printedName is a type's name without its "(cá biệt)" note.
func printedName(name string) string {
	if i := strings.Index(name, "("); i > 0 {
		return strings.TrimSpace(name[:i])
	}
	return name
}

// lowerFirst lower-cases the first letter of a title used inside a sentence.
func lowerFirst(s string) string {
	for i, r := range s {
		return strings.ToLower(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// ShortDate writes an ISO date as in the body of a document: "18/5/2022",
// with the leading zero for days below 10 and for January and February
// ("05/02/2022"), as the decree writes dates.
func ShortDate(iso string) string {
	t, err := time.Parse(fault.DateLayout, iso)
	if err != nil {
		return iso
	}
	m := strconv.Itoa(int(t.Month()))
	if t.Month() <= 2 {
		m = "0" + m
	}
	return fmt.Sprintf("%02d/%s/%d", t.Day(), m, t.Year())
}

// LongDate writes "ngày 05 tháng 01 năm 2025"; an empty date leaves the
// day and month blank for a draft.
func LongDate(iso string, year int) string {
	t, err := time.Parse(fault.DateLayout, iso)
	if err != nil {
		return fmt.Sprintf("ngày      tháng      năm %d", year)
	}
	m := strconv.Itoa(int(t.Month()))
	if t.Month() <= 2 {
		m = "0" + m
	}
	return fmt.Sprintf("ngày %02d tháng %s năm %d", t.Day(), m, t.Year())
}

func (g *gen) citation(b campaign.LegalBasis) string {
	s := g.basisKind(b) + " số " + b.Number
	if b.Date != "" {
		s += " ngày " + ShortDate(b.Date)
	}
	if b.Issuer != "" {
		s += " của " + b.Issuer
	}
	if t := strings.TrimRight(b.Title, ".;"); t != "" {
		s += " về " + lowerFirst(t)
	}
	return s
}

// listLines ends every line but the last with ";" and the last with ".".
func listLines(prefix string, items []string) []string {
	out := make([]string, 0, len(items))
	for i, it := range items {
		it = strings.TrimRight(strings.TrimSpace(it), ";.,")
		end := ";"
		if i == len(items)-1 {
			end = "."
		}
		out = append(out, prefix+it+end)
	}
	return out
}

var periodSuffix = regexp.MustCompile(`(?i)\s*,?\s*giai đoạn\s+\d{4}\s*[-–]\s*\d{4}\s*$`)

// shortName is the campaign's name without a trailing "giai đoạn …" and
// without quotes.
func shortName(name string) string {
	s := periodSuffix.ReplaceAllString(name, "")
	return strings.Trim(s, " “”\"")
}

// when says when a milestone falls due: "trong năm 2023" for the end of a
// year, "trong tháng 6 năm 2022" for the end of a month, else "trước ngày
// 15/3/2024".
func when(due string) string {
	t, err := time.Parse(fault.DateLayout, due)
	if err != nil {
		return ""
	}
	last := t.AddDate(0, 0, 1).Day() == 1
	switch {
	case last && t.Month() == 12:
		return fmt.Sprintf("trong năm %d", t.Year())
	case last:
		return fmt.Sprintf("trong tháng %d năm %d", int(t.Month()), t.Year())
	}
	return "trước ngày " + ShortDate(due)
}

// vnNumber writes a number the Vietnamese way: 1.234.567 and 71,4.
func vnNumber(x float64, decimals int) string {
	s := strconv.FormatFloat(x, 'f', decimals, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	neg := strings.HasPrefix(intPart, "-")
	intPart = strings.TrimPrefix(intPart, "-")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	out := b.String()
	if neg {
		out = "-" + out
	}
	frac = strings.TrimRight(frac, "0")
	if frac != "" {
		out += "," + frac
	}
	return out
}

// value resolves one placeholder.
func (g *gen) value(name string) (value, error) {
	if v, ok := g.cache[name]; ok {
		return v, nil
	}
	v, err := g.compute(name)
	if err != nil {
		return v, err
	}
	g.cache[name] = v
	return v, nil
}

func inline(s string) value { return value{inline: s, block: []string{s}} }

func (g *gen) compute(name string) (value, error) {
	a, st := g.agency, g.settings
	switch name {
	case "co_quan.chu_quan":
		return inline(a.ParentBody), nil
	case "co_quan.ten_in":
		return inline(a.Name), nil
	case "co_quan.ten":
		return inline(st.FullName), nil
	case "co_quan.goi_tat":
		return inline(st.ShortName), nil
	case "co_quan.viet_tat":
		return inline(a.Abbrev), nil
	case "co_quan.dia_danh":
		return inline(a.PlaceName), nil
	case "co_quan.thu_truong":
		return inline(sentence(a.HeadTitle)), nil
	case "co_quan.thu_truong_ten":
		return inline(a.HeadName), nil
	case "co_quan.cap_tren":
		return inline(st.Superior), nil
	case "don_vi_tham_muu":
		return inline(st.Secretariat), nil
	case "hoi_dong":
		return inline(st.Council), nil
	case "don_vi_soan":
		return inline(st.DraftUnit), nil
	case "nam":
		return inline(strconv.Itoa(g.year)), nil
	case "ngay_so_lieu":
		return inline(ShortDate(g.asOf)), nil
	}
	if strings.HasPrefix(name, AwardPrefix) {
		return g.awardValue(name)
	}
	c, err := g.campaign()
	if err != nil {
		return value{}, err
	}
	switch name {
	case "phong_trao.ten":
		return inline(c.Name), nil
	case "phong_trao.ten_ngan":
		return inline(shortName(c.Name)), nil
	case "phong_trao.giai_doan":
		return inline(fmt.Sprintf("%d - %d", c.FromYear, c.ToYear)), nil
	case "phong_trao.tu_nam":
		return inline(strconv.Itoa(c.FromYear)), nil
	case "phong_trao.den_nam":
		return inline(strconv.Itoa(c.ToYear)), nil
	case "phong_trao.mo_ta":
		return inline(strings.TrimSpace(strings.ReplaceAll(c.Description, "\n", " "))), nil
	case "can_cu", "can_cu.danh_sach":
		var cites []string
		for _, b := range c.LegalBases {
			cites = append(cites, g.citation(b))
		}
		return value{inline: strings.Join(cites, "; "), block: listLines("- ", cites)}, nil
	case "muc_tieu":
		var labels []string
		for _, t := range c.Targets {
			labels = append(labels, t.Label)
		}
		return value{inline: strings.Join(labels, "; "), block: listLines("- ", labels)}, nil
	case "moc_thoi_gian":
		var lines, parts []string
		for i, m := range c.Milestones {
			text := strings.TrimRight(m.Name, ".;")
			if w := when(m.DueDate); w != "" {
				text += ": " + w
			}
			if m.DoneDate != "" {
				text += " (đã thực hiện ngày " + ShortDate(m.DoneDate) + ")"
			}
			if m.Note != "" {
				text += "; " + strings.TrimRight(strings.ReplaceAll(m.Note, "\n", " "), ".;")
			}
			parts = append(parts, text)
			lines = append(lines, fmt.Sprintf("%d. %s.", i+1, text))
		}
		return value{inline: strings.Join(parts, "; "), block: lines}, nil
	case "bo_tieu_chi":
		return g.criteriaSet()
	case "ket_qua_chi_tieu":
		d, err := g.dashboard()
		if err != nil {
			return value{}, err
		}
		var items []string
		for _, f := range d.Targets {
			items = append(items, f.Label+": "+figureText(f)+", "+metText(f.Met))
		}
		return value{inline: strings.Join(items, "; "), block: listLines("- ", items)}, nil
	case "ho_tro.tong_hop":
		return g.supportSummary()
	case "khen_thuong":
		return g.awardsSummary(c.ID)
	}
	return value{}, fault.New(fault.ErrInvalid, "errors.document.unknownPlaceholder", "name", name)
}

// criteriaSet names the criteria set the dashboard reads for the campaign,
// with its decision.
func (g *gen) criteriaSet() (value, error) {
	d, err := g.dashboard()
	if err != nil {
		return value{}, err
	}
	if d.Set.ID == "" {
		return inline(""), nil
	}
	var row struct {
		Name, DecisionNumber, DecisionDate, DecisionIssuer string
	}
	if err := g.tx.Table("criteria_sets").Select("name, decision_number, decision_date, decision_issuer").
		Where("id = ?", d.Set.ID).Take(&row).Error; err != nil {
		return value{}, fmt.Errorf("criteria set: %w", err)
	}
	s := row.Name
	if row.DecisionNumber != "" {
		ref := "Quyết định số " + row.DecisionNumber
		if row.DecisionDate != "" {
			ref += " ngày " + ShortDate(row.DecisionDate)
		}
		if row.DecisionIssuer != "" {
			ref += " của " + row.DecisionIssuer
		}
		s += " (" + ref + ")"
	}
	return inline(s), nil
}

func figureText(f dashboard.TargetFigure) string {
	if !f.Known {
		return "chưa có số liệu theo dõi trên phần mềm"
	}
	unit := f.CountUnit
	if unit == "" && f.ValueUnit != "%" {
		unit = f.ValueUnit
	}
	if f.ValueUnit == "%" {
		s := "đạt " + vnNumber(f.Actual, 1) + "%"
		if f.Denominator > 0 {
			s += fmt.Sprintf(" (%s/%s %s)", vnNumber(float64(f.Count), 0), vnNumber(float64(f.Denominator), 0), unit)
		}
		return strings.Replace(s, " )", ")", 1)
	}
	return strings.TrimSpace("đạt " + vnNumber(f.Actual, 1) + " " + unit)
}

func metText(m *bool) string {
	switch {
	case m == nil:
		return "chưa đánh giá được"
	case *m:
		return "đạt chỉ tiêu"
	}
	return "chưa đạt chỉ tiêu"
}

// unitTotals sums the registrations and activities of each unit.
type unitTotals struct {
	unitID, name string
	places       int
	activities   int
	amount       int64
	workdays     float64
}

func (g *gen) totals() ([]unitTotals, error) {
	rows, err := g.registrations()
	if err != nil {
		return nil, err
	}
	var out []unitTotals
	idx := map[string]int{}
	for _, r := range rows {
		i, ok := idx[r.UnitID]
		if !ok {
			i = len(out)
			idx[r.UnitID] = i
			out = append(out, unitTotals{unitID: r.UnitID, name: r.UnitName})
		}
		out[i].places++
		out[i].activities += r.ActivityCount
		out[i].amount += r.AmountVND
		out[i].workdays += r.Workdays
	}
	return out, nil
}

func (g *gen) supportSummary() (value, error) {
	ts, err := g.totals()
	if err != nil {
		return value{}, err
	}
	var places, acts int
	var amount int64
	var days float64
	for _, t := range ts {
		places += t.places
		acts += t.activities
		amount += t.amount
		days += t.workdays
	}
	s := fmt.Sprintf("Có %d phòng, đơn vị đăng ký hỗ trợ %d xã, thôn, bản; các phòng, đơn vị đã thực hiện %s hoạt động hỗ trợ với tổng kinh phí %s đồng và %s ngày công.",
		len(ts), places, vnNumber(float64(acts), 0), vnNumber(float64(amount), 0), vnNumber(days, 1))
	if d, err := g.dashboard(); err == nil && d.Sponsorship.UnitsTotal > 0 {
		s += fmt.Sprintf(" Đến ngày %s, %d/%d phòng, đơn vị thuộc diện phải đăng ký đã có địa bàn hỗ trợ theo Kế hoạch.",
			ShortDate(d.Sponsorship.ReferenceDate), d.Sponsorship.UnitsCompliant, d.Sponsorship.UnitsTotal)
	} else if err != nil {
		return value{}, err
	}
	return inline(s), nil
}

// fill replaces the placeholders of a text: a line that is exactly a
// block placeholder becomes its lines (none if empty); other occurrences
// take the inline value. Table lines ({{bang:…}}) and {{ngat_trang}} stay.
func (g *gen) fill(text string) (string, error) {
	if !strings.Contains(text, "{{") {
		return text, nil
	}
	var out []string
	for _, line := range strings.Split(text, "\n") {
		trimmed := strings.TrimSpace(line)
		if m := placeholderRe.FindStringSubmatch(trimmed); m != nil && m[0] == trimmed {
			name := m[1]
			if strings.HasPrefix(name, "bang:") || name == "ngat_trang" {
				out = append(out, "{{"+name+"}}")
				continue
			}
			if p, ok := placeholderIndex()[name]; ok && p.Block {
				v, err := g.value(name)
				if err != nil {
					return "", err
				}
				out = append(out, v.block...)
				continue
			}
		}
		var ferr error
		filled := placeholderRe.ReplaceAllStringFunc(line, func(s string) string {
			name := placeholderRe.FindStringSubmatch(s)[1]
			if strings.HasPrefix(name, "bang:") || name == "ngat_trang" {
				return s
			}
			v, err := g.value(name)
			if err != nil && ferr == nil {
				ferr = err
			}
			return v.inline
		})
		if ferr != nil {
			return "", ferr
		}
		out = append(out, filled)
	}
	return strings.Join(out, "\n"), nil
}

func (g *gen) fillLines(lines []string) ([]string, error) {
	out := []string{}
	for _, l := range lines {
		f, err := g.fill(l)
		if err != nil {
			return nil, err
		}
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out, nil
}

// milestoneDue is the due date of the campaign's first milestone of a kind.
func (g *gen) milestoneDue(kind string) string {
	if kind == "" {
		return ""
	}
	c, err := g.campaign()
	if err != nil {
		return ""
	}
	for _, m := range c.Milestones {
		if m.Kind == kind && m.DueDate != "" {
			return m.DueDate
		}
	}
	return ""
}

var nhuTren = "Như trên"

// Draft builds a new draft from a template and the current data, without
// saving it.
func (s *Service) Draft(ctx context.Context, agencyID, code string) (Document, error) {
	return draftTx(ctx, s.db.WithContext(ctx), agencyID, code)
}

// DraftFilled builds a new draft from a template with the values and
// tables a caller supplies (see Fill), without saving it.
func (s *Service) DraftFilled(ctx context.Context, agencyID, code string, f Fill) (Document, error) {
	return draftFillTx(ctx, s.db.WithContext(ctx), agencyID, code, &f)
}

func draftTx(ctx context.Context, tx *gorm.DB, agencyID, code string) (Document, error) {
	return draftFillTx(ctx, tx, agencyID, code, nil)
}

func draftFillTx(ctx context.Context, tx *gorm.DB, agencyID, code string, f *Fill) (Document, error) {
	t, err := templateByCode(tx, agencyID, code)
	if err != nil {
		return Document{}, err
	}
	typ, err := typeByCode(tx, agencyID, t.TypeCode)
	if err != nil {
		return Document{}, err
	}
	g, err := newGen(ctx, tx, agencyID)
	if err != nil {
		return Document{}, err
	}
	issuer := IssuerAgency
	if f != nil {
		g.supplied, g.campaignID = f, f.CampaignID
		if f.IssuerKey != "" {
			issuer = f.IssuerKey
		}
	}
	// The milestone the template belongs to dates the document and its
	// figures: the plan is issued in the year of its milestone; a report's
	// figures are read at its milestone, or today if that is still ahead.
	if due := g.milestoneDue(t.Milestone); due != "" {
		g.year, _ = strconv.Atoi(due[:4])
		if due < g.asOf {
			g.asOf = due
		}
	}
	if f != nil && f.Year != 0 {
		g.year = f.Year
	}
	if f != nil && f.AsOf != "" {
		g.asOf = f.AsOf
	}
	is, err := issuerOf(tx, g.agency, issuer)
	if err != nil {
		return Document{}, err
	}
	d := Document{TypeCode: t.TypeCode, IssuerKey: issuer, Status: StatusDraft, Year: g.year, AsOf: g.asOf,
		TemplateCode: t.Code, SignForm: t.SignForm, HeadTitle: is.HeadTitle, DraftUnit: g.settings.DraftUnit}
	if f != nil && len(f.Tables) > 0 {
		d.DataTables = make(map[string]pdf.Table, len(f.Tables))
		for k, v := range f.Tables {
			d.DataTables[k] = v
		}
	}
	if d.Summary, err = g.fill(t.Summary); err != nil {
		return d, err
	}
	if d.KinhGui, err = g.fillLines(t.KinhGui); err != nil {
		return d, err
	}
	if d.Recipients, err = g.fillLines(t.Recipients); err != nil {
		return d, err
	}
	if typ.NhuTren && len(d.KinhGui) > 0 && (len(d.Recipients) == 0 || !strings.HasPrefix(d.Recipients[0], nhuTren)) {
		d.Recipients = append([]string{nhuTren}, d.Recipients...)
	}
	for _, sec := range t.Sections {
		if sec.Markup, err = g.fill(sec.Markup); err != nil {
			return d, err
		}
		d.Sections = append(d.Sections, sec)
	}
	for _, ap := range t.Appendices {
		if ap.Title, err = g.fill(ap.Title); err != nil {
			return d, err
		}
		if ap.Markup, err = g.fill(ap.Markup); err != nil {
			return d, err
		}
		d.Appendices = append(d.Appendices, ap)
	}
	signers := signersOf(g.agency)
	for _, sg := range signers {
		if (t.SignForm == "KT") == !sg.Head {
			d.SignerTitle, d.SignerName = sg.Title, sg.Name
			break
		}
	}
	if d.SignerName == "" && len(signers) > 0 {
		d.SignerTitle, d.SignerName = signers[0].Title, signers[0].Name
	}
	if g.campLoaded {
		d.CampaignID = &g.camp.ID
	}
	d.AgencyID = agencyID
	d.Symbol = Symbol(typ, is.Abbrev, d.DraftUnit)
	emptyLists(&d)
	return d, nil
}

// awardValue is a de_nghi.* placeholder: the caller's value, or a refusal
// when the template is drafted without a proposal.
func (g *gen) awardValue(name string) (value, error) {
	if g.supplied != nil {
		if lines, ok := g.supplied.Blocks[name]; ok {
			return value{inline: strings.Join(lines, " "), block: lines}, nil
		}
		if v, ok := g.supplied.Values[name]; ok {
			return inline(v), nil
		}
	}
	return value{}, fault.New(fault.ErrRefused, "errors.dossier.fromProposal", "name", name)
}

// awardsSummary is the khen_thuong placeholder: the titles and awards the
// award history holds for the campaign, by form, with their decisions,
// and the proposal batches still before the deciding authority.
func (g *gen) awardsSummary(campaignID string) (value, error) {
	var recs []struct {
		SubjectKind, Title, DecisionNumber, DecisionDate, DecisionIssuer string
	}
	if err := g.tx.Table("award_records").Select("subject_kind, title, decision_number, decision_date, decision_issuer").
		Where("agency_id = ? AND campaign_id = ? AND deleted_at IS NULL", g.agency.ID, campaignID).
		Order("year, decision_date, title").Scan(&recs).Error; err != nil {
		return value{}, fmt.Errorf("award records: %w", err)
	}
	var pending int64
	if err := g.tx.Table("award_proposals").Where("agency_id = ? AND campaign_id = ? AND status = ? AND deleted_at IS NULL", g.agency.ID, campaignID, "da_trinh").
		Count(&pending).Error; err != nil {
		return value{}, fmt.Errorf("award proposals: %w", err)
	}
	if len(recs) == 0 && pending == 0 {
		return inline("Phần mềm chưa có dữ liệu về việc đề nghị và quyết định khen thưởng trong Phong trào thi đua nên báo cáo chưa tổng hợp được nội dung này. " +
			"[[Bổ sung số tập thể, cá nhân đã được đề nghị khen thưởng và đã được khen thưởng theo từng hình thức.]]"), nil
	}
	type count struct{ units, staff int }
	var titles []string
	by := map[string]*count{}
	var decisions []string
	seen := map[string]bool{}
	units, staff := 0, 0
	for _, r := range recs {
		c, ok := by[r.Title]
		if !ok {
			c = &count{}
			by[r.Title] = c
			titles = append(titles, r.Title)
		}
		if r.SubjectKind == "unit" {
			c.units++
			units++
		} else {
			c.staff++
			staff++
		}
		if r.DecisionNumber == "" {
			continue
		}
		ref := "Quyết định số " + r.DecisionNumber
		if r.DecisionDate != "" {
			ref += " ngày " + ShortDate(r.DecisionDate)
		}
		if r.DecisionIssuer != "" {
			ref += " của " + r.DecisionIssuer
		}
		if !seen[ref] {
			seen[ref] = true
			decisions = append(decisions, ref)
		}
	}
	var parts []string
	if len(recs) > 0 {
		var forms []string
		for _, t := range titles {
			forms = append(forms, t+": "+CountText(by[t].units, by[t].staff, ", "))
		}
		s := "Trong Phong trào thi đua, " + CountText(units, staff, " và ") + " được khen thưởng (" + strings.Join(forms, "; ") + ")"
		if len(decisions) > 0 {
			s += " theo " + strings.Join(decisions, "; ")
		}
		parts = append(parts, s+".")
	}
	if pending > 0 {
		parts = append(parts, fmt.Sprintf("Có %02d đợt đề nghị khen thưởng đang trình cấp có thẩm quyền xem xét, quyết định.", pending))
	}
	return inline(strings.Join(parts, " ")), nil
}

// CountText writes the number of collectives and individuals as a Tờ
// trình does, "02 tập thể và 03 cá nhân" (sep between the two), leaving
// out a zero part; nothing at all is "0 tập thể, cá nhân".
func CountText(units, staff int, sep string) string {
	var parts []string
	if units > 0 {
		parts = append(parts, fmt.Sprintf("%02d tập thể", units))
	}
	if staff > 0 {
		parts = append(parts, fmt.Sprintf("%02d cá nhân", staff))
	}
	if len(parts) == 0 {
		return "0 tập thể, cá nhân"
	}
	return strings.Join(parts, sep)
}

// Generate creates and saves a new draft from a template and the current data.
func (s *Service) Generate(ctx context.Context, agencyID, code string) (Document, error) {
	var d Document
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		if d, err = draftTx(ctx, tx, agencyID, code); err != nil {
			return err
		}
		return saveTx(tx, agencyID, &d)
	})
	if err != nil {
		return d, err
	}
	return s.Get(ctx, agencyID, d.ID)
}

// Cite writes a legal basis of a campaign as a document cites it:
// "Quyết định số 587/QĐ-TTg ngày 18/5/2022 của Thủ tướng Chính phủ về …"
// (the kind named from the number with the agency's document types).
func (s *Service) Cite(ctx context.Context, agencyID string, b campaign.LegalBasis) (string, error) {
	g, err := newGen(ctx, s.db.WithContext(ctx), agencyID)
	if err != nil {
		return "", err
	}
	return g.citation(b), nil
}

// Sentence writes an upper-case title as running text: "GIÁM ĐỐC" →
// "Giám đốc".
func Sentence(s string) string { return sentence(s) }
