package sheet

// The proposal list workbook of an award proposal: every nominee with the
// form proposed, the summary and the council's vote.

import (
	"fmt"
	"io"
	"time"

	"github.com/xuri/excelize/v2"
)

// SheetAwardList is the sheet of the proposal list.
const SheetAwardList = "Danh sách đề nghị"

// AwardExport is what the proposal list workbook shows.
type AwardExport struct {
	Agency   string
	Campaign string
	Proposal string
	// Stage and Status are printed as given (Vietnamese labels).
	Stage  string
	Status string
	// Threshold describes what a nominee needs ("trên 50% tổng số thành viên").
	Threshold string
	// Date is the day of the export (YYYY-MM-DD), also the workbook's date.
	Date string
	Rows []AwardRow
}

// AwardRow is one nominee.
type AwardRow struct {
	// Unit: a collective (group I), else a person (group II).
	Unit      bool
	Name      string
	Position  string
	UnitName  string
	BirthYear int
	Gender    string
	Form      string
	Summary   string
	Voted     bool
	Ballots   int
	Base      int
	Percent   float64
	Passed    bool
	Note      string
}

// WriteAwardList writes the proposal list: group rows "I. TẬP THỂ" and
// "II. CÁ NHÂN", then the nominees with their vote.
func WriteAwardList(out io.Writer, data AwardExport) error {
	w, err := newWriter()
	if err != nil {
		return fmt.Errorf("workbook styles: %w", err)
	}
	defer w.f.Close()
	f := w.f
	s := SheetAwardList
	if err := f.SetSheetName("Sheet1", s); err != nil {
		return err
	}
	day := data.Date
	shown := day
	if t, err := time.Parse("2006-01-02", day); err == nil {
		shown = t.Format("02/01/2006")
	} else {
		day = "2000-01-01"
	}
	if err := f.SetDocProps(&excelize.DocProperties{
		Title: "Danh sách đề nghị khen thưởng", Creator: "Chung Sức", LastModifiedBy: "Chung Sức",
		Created: day + "T00:00:00Z", Modified: day + "T00:00:00Z", Language: "vi-VN",
	}); err != nil {
		return err
	}
	cols := []column{
		{"STT", 6, w.integer}, {"Tên tập thể / Họ và tên", 32, w.wrap}, {"Chức vụ", 22, w.wrap}, {"Đơn vị công tác", 30, w.wrap},
		{"Năm sinh", 9, w.integer}, {"Giới tính", 9, w.center}, {"Hình thức đề nghị", 30, w.wrap}, {"Tóm tắt thành tích", 60, w.wrap},
		{"Số phiếu đồng ý", 11, w.center}, {"Tỷ lệ %", 9, w.days}, {"Kết quả", 12, w.center}, {"Ghi chú", 24, w.wrap},
	}
	sub := joinNonEmpty(" — ", data.Agency, data.Campaign, data.Stage, data.Status, data.Threshold, "Ngày lập: "+shown)
	title := "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"
	if data.Proposal != "" {
		title += ": " + data.Proposal
	}
	if err := w.begin(s, title, sub, cols); err != nil {
		return err
	}
	r := HeaderRow + 1
	group := func(label string) error {
		if err := f.SetCellValue(s, cell(1, r), label); err != nil {
			return err
		}
		if err := f.MergeCell(s, cell(1, r), cell(len(cols), r)); err != nil {
			return err
		}
		if err := f.SetCellStyle(s, cell(1, r), cell(len(cols), r), w.total); err != nil {
			return err
		}
		r++
		return nil
	}
	groups := []struct {
		label string
		unit  bool
	}{{"TẬP THỂ", true}, {"CÁ NHÂN", false}}
	n := 0
	for _, g := range groups {
		var rows []AwardRow
		for _, x := range data.Rows {
			if x.Unit == g.unit {
				rows = append(rows, x)
			}
		}
		if len(rows) == 0 {
			continue
		}
		n++
		label := "I. " + g.label
		if n > 1 {
			label = "II. " + g.label
		}
		if err := group(label); err != nil {
			return fmt.Errorf("write workbook: %w", err)
		}
		for i, x := range rows {
			var year, ballots, pct, result any = "", "", "", "Chưa bỏ phiếu"
			if x.BirthYear > 0 {
				year = x.BirthYear
			}
			if x.Voted {
				ballots = fmt.Sprintf("%d/%d", x.Ballots, x.Base)
				pct = x.Percent
				result = "Không đạt"
				if x.Passed {
					result = "Đạt"
				}
			}
			if err := w.row(s, r, cols, i+1, x.Name, x.Position, x.UnitName, year, x.Gender, x.Form, x.Summary,
				ballots, pct, result, x.Note); err != nil {
				return fmt.Errorf("write workbook: %w", err)
			}
			r++
		}
	}
	f.SetActiveSheet(0)
	if _, err := f.WriteTo(out); err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	return nil
}
