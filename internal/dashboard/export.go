package dashboard

// The dashboard workbook, in the house style of internal/sheet: Times New
// Roman, a title and a subtitle above the header on row 3, rows frozen down
// to the header, bordered cells, numbers as numbers.

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"chungsuc/internal/fault"
	"chungsuc/internal/fileout"
	"chungsuc/internal/org"
)

// Sheet names of the dashboard workbook.
const (
	SheetTargets  = "Chỉ tiêu"
	SheetCriteria = "Tiêu chí"
	SheetUnits    = "Đơn vị"
	SheetYears    = "Theo năm"
)

// HeaderRow is the row of the column headers on every sheet.
const HeaderRow = 3

var metricLabel = map[string]string{
	MetricCommunesNTM:         "Xã đạt chuẩn NTM",
	MetricCommunesNTMAdvanced: "Xã đạt chuẩn NTM nâng cao",
	MetricCommunesNTMModel:    "Xã đạt chuẩn NTM kiểu mẫu",
	MetricDistrictsNTM:        "Đơn vị cấp huyện đạt chuẩn NTM",
	MetricVillagesNTMDBKK:     "Thôn, bản của xã ĐBKK đạt chuẩn NTM",
	MetricUnitsSponsoring:     "Đơn vị đăng ký hỗ trợ theo quy định",
}

// MetricLabel is a short Vietnamese name of a metric ("" if unknown).
func MetricLabel(metric string) string {
	if l, ok := metricLabel[metric]; ok {
		return l
	}
	if n, ok := belowN(metric); ok {
		return fmt.Sprintf("Xã đạt dưới %d tiêu chí", n)
	}
	return ""
}

type column struct {
	header string
	width  float64
	style  int
}

type book struct {
	f                                 *excelize.File
	title, header, text, wrap, center int
	integer, decimal, percent         int
}

func newBook() (*book, error) {
	f := excelize.NewFile()
	b := &book{f: f}
	font := &excelize.Font{Family: "Times New Roman", Size: 12}
	bold := &excelize.Font{Family: "Times New Roman", Size: 12, Bold: true}
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	fmtInt, fmtDec, fmtPct := "#,##0", "0.00", "0.0"
	top := &excelize.Alignment{Vertical: "top"}
	styles := []struct {
		dst *int
		s   excelize.Style
	}{
		{&b.title, excelize.Style{Font: &excelize.Font{Family: "Times New Roman", Size: 14, Bold: true}}},
		{&b.header, excelize.Style{Font: bold, Border: border,
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&b.text, excelize.Style{Font: font, Border: border, Alignment: top}},
		{&b.wrap, excelize.Style{Font: font, Border: border, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&b.center, excelize.Style{Font: font, Border: border, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center"}}},
		{&b.integer, excelize.Style{Font: font, Border: border, CustomNumFmt: &fmtInt, Alignment: top}},
		{&b.decimal, excelize.Style{Font: font, Border: border, CustomNumFmt: &fmtDec, Alignment: top}},
		{&b.percent, excelize.Style{Font: font, Border: border, CustomNumFmt: &fmtPct, Alignment: top}},
	}
	for _, s := range styles {
		id, err := f.NewStyle(&s.s)
		if err != nil {
			f.Close()
			return nil, err
		}
		*s.dst = id
	}
	return b, nil
}

func cellName(col, row int) string {
	n, _ := excelize.CoordinatesToCellName(col, row)
	return n
}

// begin writes the title, subtitle and header of a sheet and freezes the
// rows down to the header.
func (b *book) begin(sheet, title, subtitle string, cols []column) error {
	f := b.f
	steps := []func() error{
		func() error { return f.SetCellValue(sheet, "A1", title) },
		func() error { return f.SetCellStyle(sheet, "A1", "A1", b.title) },
		func() error { return f.MergeCell(sheet, "A1", cellName(len(cols), 1)) },
		func() error { return f.SetCellValue(sheet, "A2", subtitle) },
		func() error { return f.MergeCell(sheet, "A2", cellName(len(cols), 2)) },
		func() error { return f.SetRowHeight(sheet, HeaderRow, 36) },
		func() error {
			return f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: HeaderRow,
				TopLeftCell: cellName(1, HeaderRow+1), ActivePane: "bottomLeft",
				Selection: []excelize.Selection{{SQRef: cellName(1, HeaderRow+1), ActiveCell: cellName(1, HeaderRow+1), Pane: "bottomLeft"}}})
		},
	}
	for i, c := range cols {
		col, _ := excelize.ColumnNumberToName(i + 1)
		c := c
		steps = append(steps,
			func() error { return f.SetCellValue(sheet, cellName(i+1, HeaderRow), c.header) },
			func() error { return f.SetColWidth(sheet, col, col, c.width) },
		)
	}
	steps = append(steps, func() error {
		return f.SetCellStyle(sheet, cellName(1, HeaderRow), cellName(len(cols), HeaderRow), b.header)
	})
	for _, s := range steps {
		if err := s(); err != nil {
			return fmt.Errorf("sheet %s: %w", sheet, err)
		}
	}
	return nil
}

// row writes one data row; nil leaves a bordered empty cell.
func (b *book) row(sheet string, r int, cols []column, values ...any) error {
	for i, v := range values {
		ref := cellName(i+1, r)
		if v != nil {
			if err := b.f.SetCellValue(sheet, ref, v); err != nil {
				return err
			}
		}
		if err := b.f.SetCellStyle(sheet, ref, ref, cols[i].style); err != nil {
			return err
		}
	}
	return nil
}

func dmy(day string) string {
	if t, err := time.Parse(fault.DateLayout, day); err == nil {
		return t.Format("02/01/2006")
	}
	return day
}

// metText is the result column: Đạt, Chưa đạt, or — when unknown.
func metText(m *bool) string {
	switch {
	case m == nil:
		return "—"
	case *m:
		return "Đạt"
	}
	return "Chưa đạt"
}

// WriteWorkbook writes the dashboard tables: the targets with the counts
// behind them, the criteria pass rates, the sponsoring units' communes and
// the trend by year. agency names the agency in the subtitles.
func WriteWorkbook(out io.Writer, d Dashboard, agency string) error {
	b, err := newBook()
	if err != nil {
		return fmt.Errorf("workbook styles: %w", err)
	}
	defer b.f.Close()
	f := b.f
	if err := f.SetSheetName("Sheet1", SheetTargets); err != nil {
		return err
	}
	for _, s := range []string{SheetCriteria, SheetUnits, SheetYears} {
		if _, err := f.NewSheet(s); err != nil {
			return err
		}
	}
	parts := []string{}
	for _, p := range []string{agency, d.Campaign.Name, d.Province} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	parts = append(parts, "Số liệu đến ngày "+dmy(d.AsOf))
	if d.SetCode != "" {
		set := "Bộ tiêu chí: " + d.Set.Name + " (" + d.SetCode + ")"
		if !d.Set.Confirmed {
			set += " — chưa đối chiếu văn bản gốc"
		}
		parts = append(parts, set)
	}
	sub := strings.Join(parts, " — ")
	day := d.AsOf
	if _, err := time.Parse(fault.DateLayout, day); err != nil {
		day = "2000-01-01"
	}
	if err := f.SetDocProps(&excelize.DocProperties{
		Title: "Tổng quan phong trào xây dựng nông thôn mới", Creator: "Chung Sức", LastModifiedBy: "Chung Sức",
		Created: day + "T00:00:00Z", Modified: day + "T00:00:00Z", Language: "vi-VN",
	}); err != nil {
		return err
	}
	for _, step := range []func() error{
		func() error { return b.targets(d, sub) },
		func() error { return b.criteria(d, sub) },
		func() error { return b.units(d, sub) },
		func() error { return b.years(d, sub) },
	} {
		if err := step(); err != nil {
			return fmt.Errorf("write workbook: %w", err)
		}
	}
	f.SetActiveSheet(0)
	if _, err := f.WriteTo(out); err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	return nil
}

func (b *book) targets(d Dashboard, sub string) error {
	s := SheetTargets
	cols := []column{
		{"STT", 6, b.center}, {"Chỉ tiêu", 50, b.wrap}, {"Số liệu", 26, b.wrap}, {"So sánh", 8, b.center},
		{"Mức chỉ tiêu", 10, b.decimal}, {"Đơn vị tính", 10, b.text}, {"Số lượng theo chỉ tiêu", 11, b.integer},
		{"Thực hiện", 11, b.decimal}, {"Số đạt", 10, b.integer}, {"Tổng số (mẫu số)", 11, b.integer},
		{"Tỷ lệ (%)", 9, b.percent}, {"Chưa đánh giá", 10, b.integer}, {"Kết quả", 11, b.center},
	}
	if err := b.begin(s, "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CỦA PHONG TRÀO", sub, cols); err != nil {
		return err
	}
	list := append([]TargetFigure(nil), d.Targets...)
	if d.Sponsoring != nil {
		x := *d.Sponsoring
		if x.Label == "" {
			x.Label = "Các phòng, đơn vị đăng ký hỗ trợ xã hoặc thôn, bản đặc biệt khó khăn (theo Kế hoạch)"
		}
		list = append(list, x)
	}
	r := HeaderRow + 1
	for i, t := range list {
		var target any
		if t.TargetCount != nil {
			target = *t.TargetCount
		}
		vals := []any{i + 1, t.Label, MetricLabel(t.Metric), t.Comparator, t.Value, t.ValueUnit, target}
		if t.Known {
			var unassessed any
			if _, ok := belowN(t.Metric); ok {
				unassessed = t.Unassessed
			}
			vals = append(vals, t.Actual, t.Count, t.Denominator, t.Share, unassessed, metText(t.Met))
		} else {
			vals = append(vals, nil, nil, nil, nil, nil, metText(nil))
		}
		if err := b.row(s, r, cols, vals...); err != nil {
			return err
		}
		r++
	}
	return nil
}

func (b *book) criteria(d Dashboard, sub string) error {
	s := SheetCriteria
	cols := []column{
		{"Tiêu chí số", 9, b.center}, {"Tên tiêu chí", 50, b.wrap}, {"Số xã đạt", 11, b.integer},
		{"Số xã đã đánh giá", 12, b.integer}, {"Tỷ lệ đạt (%)", 11, b.percent},
	}
	if err := b.begin(s, "TỶ LỆ XÃ ĐẠT TỪNG TIÊU CHÍ (THEO LẦN ĐÁNH GIÁ HOÀN TẤT GẦN NHẤT)", sub, cols); err != nil {
		return err
	}
	r := HeaderRow + 1
	for _, c := range d.CriteriaPass {
		if err := b.row(s, r, cols, c.No, c.Name, c.Passed, c.Assessed, c.Rate); err != nil {
			return err
		}
		r++
	}
	return nil
}

func (b *book) units(d Dashboard, sub string) error {
	s := SheetUnits
	cols := []column{
		{"STT", 6, b.center}, {"Đơn vị", 40, b.wrap}, {"Số xã hỗ trợ", 10, b.integer},
		{"Xã đạt chuẩn NTM", 11, b.integer}, {"Tỷ lệ (%)", 9, b.percent}, {"Xã đã đánh giá", 11, b.integer},
		{"Bình quân số tiêu chí đạt", 12, b.decimal},
	}
	if err := b.begin(s, "TIẾN ĐỘ CÁC XÃ DO TỪNG ĐƠN VỊ HỖ TRỢ", sub, cols); err != nil {
		return err
	}
	r := HeaderRow + 1
	for i, u := range d.Units {
		if err := b.row(s, r, cols, i+1, u.UnitName, u.Communes, u.CommunesNTM, pct(u.CommunesNTM, u.Communes),
			u.Assessed, u.AvgCriteria); err != nil {
			return err
		}
		r++
	}
	return nil
}

func (b *book) years(d Dashboard, sub string) error {
	s := SheetYears
	cols := []column{
		{"Năm", 8, b.center}, {"Số liệu đến ngày", 13, b.center}, {"Tổng số xã", 10, b.integer},
		{"Xã đạt chuẩn NTM", 11, b.integer}, {"Tỷ lệ (%)", 9, b.percent}, {"Xã NTM nâng cao", 11, b.integer},
		{"Xã NTM kiểu mẫu", 11, b.integer}, {"Xã đã đánh giá", 11, b.integer}, {"Bình quân số tiêu chí đạt", 12, b.decimal},
	}
	if err := b.begin(s, "KẾT QUẢ THEO NĂM", sub, cols); err != nil {
		return err
	}
	r := HeaderRow + 1
	for _, y := range d.Trend {
		if err := b.row(s, r, cols, y.Year, dmy(y.Date), y.Communes, y.NTM, pct(y.NTM, y.Communes), y.NangCao,
			y.KieuMau, y.Assessed, y.AvgCriteria); err != nil {
			return err
		}
		r++
	}
	return nil
}

// ExportTo computes the dashboard and writes its tables to path (replacing
// a file that is there: the save dialog has asked). It writes a temporary
// file beside it and renames it, so a failed export leaves no half workbook.
func (s *Service) ExportTo(ctx context.Context, agencyID string, q Query, path string) error {
	d, err := s.Compute(ctx, agencyID, q, nil)
	if err != nil {
		return err
	}
	var a org.Agency
	if err := s.db.WithContext(ctx).Where("id = ?", agencyID).Limit(1).Find(&a).Error; err != nil {
		return fmt.Errorf("dashboard agency: %w", err)
	}
	refuse := func(err error) error {
		return fault.Wrap(err, fault.ErrRefused, "errors.dashboard.exportWrite", "path", path)
	}
	if err := fileout.Write(path, func(w io.Writer) error { return WriteWorkbook(w, d, a.Name) }); err != nil {
		return refuse(err)
	}
	return nil
}
