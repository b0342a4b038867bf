package sheet

// The sponsorship workbook. Like the rest of the package it takes plain
// structs, never database handles.

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// Sheet names of the sponsorship workbook.
const (
	SheetRegistrations = "Đăng ký hỗ trợ"
	SheetUnits         = "Theo đơn vị"
	SheetCommunes      = "Theo địa bàn"
)

// HeaderRow is the row of the column headers on every sheet (a title and a
// subtitle sit above it); rows above and including it stay frozen.
const HeaderRow = 3

// SponsorExport is everything the sponsorship workbook shows.
type SponsorExport struct {
	Agency   string
	Campaign string
	// Date is the day of the export (YYYY-MM-DD): printed under the title and
	// used as the workbook's creation date, so the same data gives the same file.
	Date          string
	Registrations []SponsorRegistration
	Units         []SponsorUnit
	Communes      []SponsorCommune
}

// SponsorRegistration is one registration with its activity totals. Kinds and
// statuses are codes; the workbook prints their Vietnamese names.
type SponsorRegistration struct {
	Unit           string
	Locality       string // the place with its parents: "Thôn 2, Xã A, Huyện B"
	LocalityKind   string // code: xa, thon, ...
	Campaign       string
	FromDate       string // YYYY-MM-DD or ""
	ToDate         string
	Content        string
	CommitVisits   int
	CommitFunds    int64
	CommitWorkdays float64
	CommitNote     string
	Status         string // code: dang_ky, ...
	Activities     int
	AmountVND      int64
	Workdays       float64
}

// SponsorUnit is one unit's totals and whether it meets the plan's rule.
type SponsorUnit struct {
	Unit                string
	UnitKind            string // code: phong, ...
	Required            bool
	Complies            bool
	Registrations       int
	ActiveRegistrations int
	Activities          int
	AmountVND           int64
	Workdays            float64
	Localities          string
}

// SponsorCommune is one commune's totals, its villages' registrations
// included.
type SponsorCommune struct {
	Commune              string
	CommuneKind          string // code: xa, phuong, ...
	Parent               string // the district (before 1/7/2025) or province
	SpecialDifficulty    bool
	Units                int
	Registrations        int
	VillageRegistrations int
	Activities           int
	AmountVND            int64
	Workdays             float64
}

var statusLabel = map[string]string{
	"dang_ky": "Đăng ký", "dang_thuc_hien": "Đang thực hiện", "hoan_thanh": "Hoàn thành", "huy": "Hủy",
}

var localityKindLabel = map[string]string{
	"tinh": "Tỉnh", "thanh_pho_tw": "Thành phố trực thuộc Trung ương",
	"huyen": "Huyện", "quan": "Quận", "thi_xa": "Thị xã", "thanh_pho": "Thành phố",
	"xa": "Xã", "phuong": "Phường", "thi_tran": "Thị trấn", "dac_khu": "Đặc khu",
	"thon": "Thôn", "ban": "Bản", "lang": "Làng", "ap": "Ấp", "to_dan_pho": "Tổ dân phố",
}

var unitKindLabel = map[string]string{
	"lanh_dao": "Lãnh đạo", "phong": "Phòng chuyên môn", "don_vi_thuoc": "Đơn vị thuộc Sở",
	"don_vi_truc_thuoc": "Đơn vị trực thuộc", "dang": "Tổ chức Đảng", "doan_the": "Đoàn thể",
	"hoi_dong": "Hội đồng", "khac": "Khác",
}

func label(m map[string]string, code string) string {
	if s, ok := m[code]; ok {
		return s
	}
	return code
}

// VND formats a whole number of đồng with Vietnamese separators: 1.234.567.
func VND(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// Workdays formats workdays with one decimal and a decimal comma: 2,5.
func Workdays(w float64) string {
	return strings.Replace(strconv.FormatFloat(w, 'f', 1, 64), ".", ",", 1)
}

// Commitment is the commitments in one line: "4 lượt; 10.000.000 đồng; 2,5 ngày công".
func Commitment(r SponsorRegistration) string {
	var parts []string
	if r.CommitVisits > 0 {
		parts = append(parts, fmt.Sprintf("%d lượt", r.CommitVisits))
	}
	if r.CommitFunds > 0 {
		parts = append(parts, VND(r.CommitFunds)+" đồng")
	}
	if r.CommitWorkdays > 0 {
		parts = append(parts, Workdays(r.CommitWorkdays)+" ngày công")
	}
	if r.CommitNote != "" {
		parts = append(parts, r.CommitNote)
	}
	return strings.Join(parts, "; ")
}

func yesNo(b bool) string {
	if b {
		return "Có"
	}
	return "Không"
}

// column is one column of a sheet: header, width and how its cells look.
type column struct {
	header string
	width  float64
	style  int
}

type writer struct {
	f                                           *excelize.File
	title, header, text, wrap, vnd, days, date  int
	integer, total, totalVND, totalDays, center int
}

func newWriter() (*writer, error) {
	f := excelize.NewFile()
	w := &writer{f: f}
	font := &excelize.Font{Family: "Times New Roman", Size: 12}
	bold := &excelize.Font{Family: "Times New Roman", Size: 12, Bold: true}
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	fmtVND, fmtDays, fmtDate, fmtInt := "#,##0", "0.0", "dd/mm/yyyy", "0"
	styles := []struct {
		dst *int
		s   excelize.Style
	}{
		{&w.title, excelize.Style{Font: &excelize.Font{Family: "Times New Roman", Size: 14, Bold: true}}},
		{&w.header, excelize.Style{Font: bold, Border: border,
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&w.text, excelize.Style{Font: font, Border: border, Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&w.wrap, excelize.Style{Font: font, Border: border, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&w.center, excelize.Style{Font: font, Border: border, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center"}}},
		{&w.vnd, excelize.Style{Font: font, Border: border, CustomNumFmt: &fmtVND, Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&w.days, excelize.Style{Font: font, Border: border, CustomNumFmt: &fmtDays, Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&w.date, excelize.Style{Font: font, Border: border, CustomNumFmt: &fmtDate, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center"}}},
		{&w.integer, excelize.Style{Font: font, Border: border, CustomNumFmt: &fmtInt, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center"}}},
		{&w.total, excelize.Style{Font: bold, Border: border, CustomNumFmt: &fmtInt, Alignment: &excelize.Alignment{Horizontal: "center"}}},
		{&w.totalVND, excelize.Style{Font: bold, Border: border, CustomNumFmt: &fmtVND}},
		{&w.totalDays, excelize.Style{Font: bold, Border: border, CustomNumFmt: &fmtDays}},
	}
	for _, s := range styles {
		id, err := f.NewStyle(&s.s)
		if err != nil {
			return nil, err
		}
		*s.dst = id
	}
	return w, nil
}

func cell(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// begin writes the title, subtitle and header of a sheet, freezes the rows
// down to the header and sets the column widths.
func (w *writer) begin(sheet, title, subtitle string, cols []column) error {
	f := w.f
	last := cell(len(cols), 1)
	steps := []func() error{
		func() error { return f.SetCellValue(sheet, "A1", title) },
		func() error { return f.SetCellStyle(sheet, "A1", "A1", w.title) },
		func() error { return f.MergeCell(sheet, "A1", last) },
		func() error { return f.SetCellValue(sheet, "A2", subtitle) },
		func() error { return f.MergeCell(sheet, "A2", cell(len(cols), 2)) },
		func() error { return f.SetRowHeight(sheet, HeaderRow, 36) },
		func() error {
			return f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: HeaderRow,
				TopLeftCell: cell(1, HeaderRow+1), ActivePane: "bottomLeft",
				Selection: []excelize.Selection{{SQRef: cell(1, HeaderRow+1), ActiveCell: cell(1, HeaderRow+1), Pane: "bottomLeft"}}})
		},
	}
	for i, c := range cols {
		col, _ := excelize.ColumnNumberToName(i + 1)
		c := c
		steps = append(steps,
			func() error { return f.SetCellValue(sheet, cell(i+1, HeaderRow), c.header) },
			func() error { return f.SetColWidth(sheet, col, col, c.width) },
		)
	}
	steps = append(steps, func() error {
		return f.SetCellStyle(sheet, cell(1, HeaderRow), cell(len(cols), HeaderRow), w.header)
	})
	for _, s := range steps {
		if err := s(); err != nil {
			return fmt.Errorf("sheet %s: %w", sheet, err)
		}
	}
	return nil
}

// row writes one data row; values are matched to the columns' styles.
func (w *writer) row(sheet string, r int, cols []column, values ...any) error {
	for i, v := range values {
		ref := cell(i+1, r)
		if err := w.f.SetCellValue(sheet, ref, v); err != nil {
			return err
		}
		if err := w.f.SetCellStyle(sheet, ref, ref, cols[i].style); err != nil {
			return err
		}
	}
	return nil
}

// date turns an ISO date into a value Excel shows as a date; "" stays empty.
func date(s string) any {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return ""
	}
	return t
}

// WriteSponsorWorkbook writes the sponsorship workbook: the registrations,
// the totals per unit (every unit, with the plan's rule) and the totals per
// commune (villages counted in their commune).
func WriteSponsorWorkbook(out io.Writer, data SponsorExport) error {
	w, err := newWriter()
	if err != nil {
		return fmt.Errorf("workbook styles: %w", err)
	}
	defer w.f.Close()
	f := w.f
	if err := f.SetSheetName("Sheet1", SheetRegistrations); err != nil {
		return err
	}
	for _, s := range []string{SheetUnits, SheetCommunes} {
		if _, err := f.NewSheet(s); err != nil {
			return err
		}
	}
	day := data.Date
	shown := day
	if t, err := time.Parse("2006-01-02", day); err == nil {
		shown = t.Format("02/01/2006")
	} else {
		day = "2000-01-01"
	}
	sub := joinNonEmpty(" — ", data.Agency, data.Campaign, "Ngày lập: "+shown)
	if err := f.SetDocProps(&excelize.DocProperties{
		Title: "Đăng ký hỗ trợ xây dựng nông thôn mới", Creator: "Chung Sức", LastModifiedBy: "Chung Sức",
		Created: day + "T00:00:00Z", Modified: day + "T00:00:00Z", Language: "vi-VN",
	}); err != nil {
		return err
	}
	steps := []func() error{
		func() error { return w.registrations(data, sub) },
		func() error { return w.units(data, sub) },
		func() error { return w.communes(data, sub) },
	}
	for _, s := range steps {
		if err := s(); err != nil {
			return fmt.Errorf("write workbook: %w", err)
		}
	}
	f.SetActiveSheet(0)
	if _, err := f.WriteTo(out); err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	return nil
}

func (w *writer) registrations(data SponsorExport, sub string) error {
	s := SheetRegistrations
	cols := []column{
		{"STT", 6, w.integer}, {"Đơn vị", 32, w.wrap}, {"Địa bàn", 40, w.wrap}, {"Loại địa bàn", 12, w.text},
		{"Phong trào", 30, w.wrap}, {"Từ ngày", 12, w.date}, {"Đến ngày", 12, w.date},
		{"Nội dung hỗ trợ", 45, w.wrap}, {"Cam kết (lượt/kinh phí/ngày công)", 32, w.wrap},
		{"Trạng thái", 15, w.text}, {"Số hoạt động", 11, w.integer}, {"Kinh phí (đồng)", 16, w.vnd},
		{"Ngày công", 11, w.days},
	}
	if err := w.begin(s, "DANH SÁCH ĐĂNG KÝ HỖ TRỢ XÂY DỰNG NÔNG THÔN MỚI", sub, cols); err != nil {
		return err
	}
	r := HeaderRow + 1
	var acts int
	var amount int64
	var days float64
	for i, x := range data.Registrations {
		if err := w.row(s, r, cols, i+1, x.Unit, x.Locality, label(localityKindLabel, x.LocalityKind), x.Campaign,
			date(x.FromDate), date(x.ToDate), x.Content, Commitment(x), label(statusLabel, x.Status),
			x.Activities, x.AmountVND, x.Workdays); err != nil {
			return err
		}
		acts, amount, days = acts+x.Activities, amount+x.AmountVND, days+x.Workdays
		r++
	}
	return w.totals(s, r, len(cols), map[int]any{11: acts, 12: amount, 13: days})
}

// totals writes the "Tổng cộng" row; values maps a 1-based column to its total.
func (w *writer) totals(sheet string, r, ncols int, values map[int]any) error {
	f := w.f
	if err := f.SetCellValue(sheet, cell(2, r), "Tổng cộng"); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, cell(1, r), cell(ncols, r), w.total); err != nil {
		return err
	}
	for c, v := range values {
		if err := f.SetCellValue(sheet, cell(c, r), v); err != nil {
			return err
		}
		style := w.total
		switch v.(type) {
		case int64:
			style = w.totalVND
		case float64:
			style = w.totalDays
		}
		if err := f.SetCellStyle(sheet, cell(c, r), cell(c, r), style); err != nil {
			return err
		}
	}
	return nil
}

func (w *writer) units(data SponsorExport, sub string) error {
	s := SheetUnits
	cols := []column{
		{"STT", 6, w.integer}, {"Đơn vị", 40, w.wrap}, {"Loại đơn vị", 20, w.text},
		{"Thuộc diện phải đăng ký", 13, w.center}, {"Đạt yêu cầu", 12, w.center},
		{"Số đăng ký", 10, w.integer}, {"Đăng ký còn hiệu lực", 12, w.integer}, {"Số hoạt động", 11, w.integer},
		{"Kinh phí (đồng)", 16, w.vnd}, {"Ngày công", 11, w.days}, {"Địa bàn đang hỗ trợ", 50, w.wrap},
	}
	if err := w.begin(s, "TỔNG HỢP ĐĂNG KÝ HỖ TRỢ THEO ĐƠN VỊ", sub, cols); err != nil {
		return err
	}
	r := HeaderRow + 1
	var regs, active, acts int
	var amount int64
	var days float64
	for i, u := range data.Units {
		meets := "—"
		if u.Required {
			meets = "Chưa đạt"
			if u.Complies {
				meets = "Đạt"
			}
		}
		if err := w.row(s, r, cols, i+1, u.Unit, label(unitKindLabel, u.UnitKind), yesNo(u.Required), meets,
			u.Registrations, u.ActiveRegistrations, u.Activities, u.AmountVND, u.Workdays, u.Localities); err != nil {
			return err
		}
		regs, active, acts = regs+u.Registrations, active+u.ActiveRegistrations, acts+u.Activities
		amount, days = amount+u.AmountVND, days+u.Workdays
		r++
	}
	return w.totals(s, r, len(cols), map[int]any{6: regs, 7: active, 8: acts, 9: amount, 10: days})
}

func (w *writer) communes(data SponsorExport, sub string) error {
	s := SheetCommunes
	cols := []column{
		{"STT", 6, w.integer}, {"Xã, phường, thị trấn", 30, w.wrap}, {"Loại", 10, w.text},
		{"Thuộc", 24, w.wrap}, {"Xã đặc biệt khó khăn", 12, w.center}, {"Số đơn vị hỗ trợ", 11, w.integer},
		{"Số đăng ký", 10, w.integer}, {"Trong đó cho thôn, bản", 12, w.integer}, {"Số hoạt động", 11, w.integer},
		{"Kinh phí (đồng)", 16, w.vnd}, {"Ngày công", 11, w.days},
	}
	if err := w.begin(s, "TỔNG HỢP HỖ TRỢ THEO ĐỊA BÀN (XÃ)", sub, cols); err != nil {
		return err
	}
	r := HeaderRow + 1
	var regs, vregs, acts int
	var amount int64
	var days float64
	for i, c := range data.Communes {
		if err := w.row(s, r, cols, i+1, c.Commune, label(localityKindLabel, c.CommuneKind), c.Parent,
			yesNo(c.SpecialDifficulty), c.Units, c.Registrations, c.VillageRegistrations, c.Activities,
			c.AmountVND, c.Workdays); err != nil {
			return err
		}
		regs, vregs, acts = regs+c.Registrations, vregs+c.VillageRegistrations, acts+c.Activities
		amount, days = amount+c.AmountVND, days+c.Workdays
		r++
	}
	return w.totals(s, r, len(cols), map[int]any{7: regs, 8: vregs, 9: acts, 10: amount, 11: days})
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}
