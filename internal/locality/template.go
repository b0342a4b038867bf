package locality

import (
	"github.com/xuri/excelize/v2"

	"chungsuc/internal/fault"
)

// VillageTemplateName is the file name the save dialog proposes.
const VillageTemplateName = "mau-danh-sach-thon-ban.xlsx"

// VillageTemplateHeader is the header row of the villages template, in the
// order the importer expects (it matches the names, not the order).
var VillageTemplateHeader = []string{"Mã xã", "Tên thôn/bản", "Loại", "Ghi chú"}

// villageTemplateExamples are marked "(ví dụ)": importing them unchanged
// fails on the made-up commune code, so they cannot slip in by mistake.
var villageTemplateExamples = [][]string{
	{"99999", "Thôn Mẫu 1 (ví dụ)", "thôn", "(ví dụ) Mã xã là mã đơn vị hành chính của xã, phường"},
	{"99999", "Bản Mẫu 2 (ví dụ)", "bản", "(ví dụ) Loại: thôn, bản, làng, ấp hoặc tổ dân phố"},
}

// WriteVillageTemplate writes the villages template (.xlsx) to path.
func WriteVillageTemplate(path string) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheetName = "Thôn bản"
	if err := f.SetSheetName("Sheet1", sheetName); err != nil {
		return fault.Wrap(err, fault.ErrRefused, "errors.import.cannotWrite", "path", path)
	}
	rows := append([][]string{VillageTemplateHeader}, villageTemplateExamples...)
	for i, r := range rows {
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		if err != nil {
			return fault.Wrap(err, fault.ErrRefused, "errors.import.cannotWrite", "path", path)
		}
		vals := make([]any, len(r))
		for j, v := range r {
			vals[j] = v
		}
		if err := f.SetSheetRow(sheetName, cell, &vals); err != nil {
			return fault.Wrap(err, fault.ErrRefused, "errors.import.cannotWrite", "path", path)
		}
	}
	// Codes are text: a spreadsheet would drop the leading zeros of "00123".
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49})
	if err == nil {
		_ = f.SetColStyle(sheetName, "A", text)
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err == nil {
		_ = f.SetRowStyle(sheetName, 1, 1, bold)
	}
	_ = f.SetColWidth(sheetName, "A", "A", 12)
	_ = f.SetColWidth(sheetName, "B", "B", 30)
	_ = f.SetColWidth(sheetName, "C", "C", 14)
	_ = f.SetColWidth(sheetName, "D", "D", 60)
	_ = f.SetPanes(sheetName, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	if err := f.SaveAs(path); err != nil {
		return fault.Wrap(err, fault.ErrRefused, "errors.import.cannotWrite", "path", path)
	}
	return nil
}
