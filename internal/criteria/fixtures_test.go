package criteria_test

import (
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"chungsuc/internal/criteria"
)

// go test ./internal/criteria -run TestFixtures -update rewrites testdata/.
var update = flag.Bool("update", false, "rewrite the .xlsx fixtures in testdata")

type sheetRows struct {
	name string
	rows [][]any
}

func writeXLSX(t testing.TB, path string, sheets []sheetRows) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.rows {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			vals := row
			if err := f.SetSheetRow(s.name, cell, &vals); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

var setSheet = [][]any{
	{"Mục", "Giá trị"},
	{"Mã bộ", "xa-ntm-tinh-thu"},
	{"Tên", "Bộ tiêu chí xã NTM của tỉnh (tệp thử)"},
	{"Cấp", "Xã đạt chuẩn nông thôn mới"},
	{"Cấp địa bàn", "Xã"},
	{"Giai đoạn", "2026-2030"},
	{"Chiều ngưỡng", "Theo nhóm xã"},
	{"Số quyết định", "99/QĐ-UBND"},
	{"Ngày", "15/02/2026"},
	{"Đã đối chiếu", "Chưa"},
}

// fixtures are the test files: a valid set by commune group, a file with
// bad rows in every sheet, one without the indicators sheet, and one that
// is not a workbook.
var fixtures = map[string][]sheetRows{
	"group-valid.xlsx": {
		{criteria.SheetSet, setSheet},
		{criteria.SheetCriteria, [][]any{
			{"Số", "Tên", "Nhóm", "Đã đối chiếu", "Nguồn"},
			{1, "Quy hoạch", "", "Có", "tệp thử"},
			{2, "Hạ tầng kinh tế - xã hội", "", "Có", ""},
		}},
		{criteria.SheetIndicators, [][]any{
			{"Tiêu chí số", "Mã", "Tên", "Loại", "So sánh", "Mức chung", "Yêu cầu", "Đơn vị", "Ngành phụ trách", "Đã đối chiếu", "Nguồn", "Nhóm 1", "Nhóm 2", "Nhóm 3"},
			{1, "1.1", "Chỉ tiêu thử một", "Đạt/Không đạt", "", "", "Đạt", "", "", "Có", "", "", "", ""},
			{2, "2.1", "Chỉ tiêu thử hai", "Tỷ lệ (%)", "≥", 80, "≥80%", "%", "Xây dựng", "Có", "", "≥95", "≥ 90%", "≥80,5; thấp nhất (chưa đối chiếu)"},
			{},
			{2, "2.2", "Chỉ tiêu thử ba", "number", ">=", "", "", "km", "", "x", "", "3", "2", "1"},
		}},
		{criteria.SheetConditions, [][]any{
			{"Số", "Nội dung", "Tỉnh quy định", "Đã đối chiếu"},
			{1, "Điều kiện thử", "Có", "Có"},
		}},
	},
	"bad-rows.xlsx": {
		{criteria.SheetSet, append(append([][]any{}, setSheet...),
			[]any{"Ngày", "31/02/2026"},
			[]any{"Mục lạ", "x"},
			[]any{"Hiệu lực từ", "hôm qua"},
		)},
		{criteria.SheetCriteria, [][]any{
			{"Số", "Tên", "Nhóm", "Đã đối chiếu"},
			{1, "Quy hoạch", "", "Có"},
			{"một", "Giao thông", "", "Có"},
			{1, "Trùng số", "", "có lẽ"},
			{3, "", "", ""},
		}},
		{criteria.SheetIndicators, [][]any{
			{"Tiêu chí số", "Mã", "Tên", "Loại", "So sánh", "Mức chung", "Yêu cầu", "Đơn vị", "Ngành phụ trách", "Đã đối chiếu", "Nguồn", "Nhóm 1", "Nhóm 2", "Bắc Trung Bộ", "Cột lạ"},
			{1, "1.1", "Chỉ tiêu một", "Đạt/Không đạt", "", 5, "", "", "", "Có", "", "", "", "", ""},
			{9, "9.1", "Tiêu chí không có", "Đạt/Không đạt", "", "", "", "", "", "Có", "", "", "", "", ""},
			{1, "1.2", "Loại sai", "phần trăm?", "~", "abc", "", "", "", "Có", "", "", "", "", ""},
			{1, "1.3", "Mức sai", "Tỷ lệ (%)", "≥", 120, "", "", "", "Có", "", "≥ abc", "≥50", "", ""},
			{1, "1.1", "Trùng mã", "Văn bản", "", "", "", "", "", "Chưa", "", "", "", "", ""},
		}},
		{criteria.SheetAmendments, [][]any{
			{"Số quyết định", "Ngày"},
			{"", "01/01/2025"},
			{"12/QĐ-UBND", "ngày mai"},
		}},
	},
	"missing-sheet.xlsx": {
		{criteria.SheetSet, setSheet},
		{criteria.SheetCriteria, [][]any{{"Số", "Tên"}, {1, "Quy hoạch"}}},
	},
}

func fixture(name string) string { return filepath.Join("testdata", name) }

func TestFixturesUpToDate(t *testing.T) {
	if !*update {
		t.Skip("run with -update to rewrite the fixtures")
	}
	for name, sheets := range fixtures {
		writeXLSX(t, fixture(name), sheets)
	}
	if err := os.WriteFile(fixture("not-a-workbook.xlsx"), []byte("Mã bộ;Tên\nxa;thử\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(fixture(name))
	if err != nil {
		t.Fatalf("%v (run go test -run TestFixturesUpToDate -update)", err)
	}
	return data
}

func TestParseValidGroupFixture(t *testing.T) {
	s, problems := criteria.ParseFile(readFixture(t, "group-valid.xlsx"))
	if len(problems) > 0 {
		t.Fatalf("problems: %+v", problems)
	}
	if s.Code != "xa-ntm-tinh-thu" || s.Dimension != criteria.DimensionGroup || s.Scope != 3 || s.DecisionDate != "2026-02-15" {
		t.Fatalf("header %+v", s)
	}
	if len(s.Criteria) != 2 || len(s.Criteria[1].Indicators) != 2 || len(s.Conditions) != 1 || !s.Conditions[0].ProvinceDefined {
		t.Fatalf("items %+v", s)
	}
	ind := s.Criteria[1].Indicators[0]
	if ind.Kind != criteria.KindPercent || ind.Comparator != ">=" || *ind.Threshold != 80 || !ind.Confirmed {
		t.Fatalf("2.1 %+v", ind)
	}
	got := map[string]string{}
	for _, th := range ind.Thresholds {
		got[th.Key] = th.Comparator + criteria.FormatNumber(*th.Threshold) + "|" + th.Requirement + "|" + map[bool]string{true: "c", false: "u"}[th.Confirmed]
	}
	want := map[string]string{"1": ">=95||c", "2": ">=90||c", "3": ">=80,5|thấp nhất|u"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("threshold %s = %q, want %q", k, got[k], v)
		}
	}
	// "3" with no comparator takes the indicator's.
	if c := s.Criteria[1].Indicators[1].Thresholds[0]; c.Key != "1" || c.Comparator != ">=" || *c.Threshold != 3 {
		t.Errorf("2.2 group 1: %+v", c)
	}
}

func problemSet(ps []criteria.Problem) []string {
	out := []string{}
	for _, p := range ps {
		out = append(out, p.Sheet+"|"+itoa(p.Line)+"|"+p.Column+"|"+p.Key)
	}
	sort.Strings(out)
	return out
}

func itoa(n int) string {
	s := ""
	if n == 0 {
		return "0"
	}
	for n > 0 {
		s = string(rune('0'+n%10)) + s
		n /= 10
	}
	return s
}

func TestParseBadRowsFixture(t *testing.T) {
	_, problems := criteria.ParseFile(readFixture(t, "bad-rows.xlsx"))
	got := problemSet(problems)
	want := []string{
		"Bộ tiêu chí|11|Ngày|errors.criteria.import.duplicateField",
		"Bộ tiêu chí|12|Mục lạ|errors.criteria.import.unknownField",
		"Bộ tiêu chí|13|Hiệu lực từ|errors.criteria.import.badDate",
		"Tiêu chí|3|Số|errors.criteria.import.badInt",
		"Tiêu chí|4|Đã đối chiếu|errors.criteria.import.badBool",
		"Tiêu chí|4|Số|validation.criteria.duplicateNo",
		"Tiêu chí|5|Tên|validation.required",
		"Chỉ tiêu|1|Bắc Trung Bộ|errors.criteria.import.keyColumn",
		"Chỉ tiêu|1|Cột lạ|errors.criteria.import.unknownColumn",
		"Chỉ tiêu|2|Mức chung|validation.criteria.thresholdKind",
		"Chỉ tiêu|3|Tiêu chí số|errors.criteria.import.unknownCriterion",
		"Chỉ tiêu|4|Loại|errors.criteria.import.badChoice",
		"Chỉ tiêu|4|So sánh|errors.criteria.import.badChoice",
		"Chỉ tiêu|4|Mức chung|errors.criteria.import.badNumber",
		"Chỉ tiêu|5|Mức chung|validation.range",
		"Chỉ tiêu|5|Nhóm 1|errors.criteria.import.badLevel",
		"Chỉ tiêu|6|Mã|validation.criteria.duplicateCode",
		"Sửa đổi|2|Số quyết định|validation.required",
		"Sửa đổi|3|Ngày|errors.criteria.import.badDate",
	}
	sort.Strings(want)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestParseFileProblems(t *testing.T) {
	_, problems := criteria.ParseFile(readFixture(t, "missing-sheet.xlsx"))
	if got := problemSet(problems); len(got) != 1 || got[0] != "Chỉ tiêu|0||errors.criteria.import.missingSheet" {
		t.Errorf("missing sheet: %v", got)
	}
	_, problems = criteria.ParseFile(readFixture(t, "not-a-workbook.xlsx"))
	if len(problems) != 1 || problems[0].Key != "errors.criteria.import.notWorkbook" {
		t.Errorf("not a workbook: %+v", problems)
	}
}

// TestReadWorkbookPercentAndDateCells: a level typed as 80% in a
// percentage cell reads 80, and a real date cell reads as that date.
func TestReadWorkbookPercentAndDateCells(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pct.xlsx")
	writeXLSX(t, path, fixtures["group-valid.xlsx"])
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pct, _ := x.NewStyle(&excelize.Style{NumFmt: 9})  // 0%
	day, _ := x.NewStyle(&excelize.Style{NumFmt: 14}) // m/d/yy
	_ = x.SetCellValue(criteria.SheetIndicators, "F3", 0.8)
	_ = x.SetCellStyle(criteria.SheetIndicators, "F3", "F3", pct)
	_ = x.SetCellValue(criteria.SheetSet, "B9", 46068) // 15/02/2026
	_ = x.SetCellStyle(criteria.SheetSet, "B9", "B9", day)
	if err := x.Save(); err != nil {
		t.Fatal(err)
	}
	x.Close()
	data, _ := os.ReadFile(path)
	s, problems := criteria.ParseFile(data)
	if len(problems) > 0 {
		t.Fatalf("problems %+v", problems)
	}
	if th := s.Criteria[1].Indicators[0].Threshold; th == nil || *th != 80 {
		t.Fatalf("percentage cell read as %v", deref(th))
	}
	if s.DecisionDate != "2026-02-15" {
		t.Fatalf("date cell read as %q", s.DecisionDate)
	}
}
