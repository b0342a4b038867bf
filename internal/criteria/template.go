package criteria

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"chungsuc/internal/fault"
	"chungsuc/internal/vntext"
)

// The .xlsx template of a set: one key/value sheet for the set, one sheet
// of criteria, one of indicators (with one column per region or commune
// group holding that key's level), and optional sheets of recognition
// conditions and amending decisions. Headers are in row 1; names are
// matched without regard to case or diacritics.
const (
	SheetSet        = "Bộ tiêu chí"
	SheetCriteria   = "Tiêu chí"
	SheetIndicators = "Chỉ tiêu"
	SheetConditions = "Điều kiện"
	SheetAmendments = "Sửa đổi"
)

// Rows of the set sheet, in order, with the Set field (JSON name) each fills.
var setFields = []struct{ label, field string }{
	{"Mã bộ", "code"},
	{"Tên", "name"},
	{"Cấp", "target"},
	{"Cấp địa bàn", "scope"},
	{"Giai đoạn", "phase"},
	{"Chiều ngưỡng", "dimension"},
	{"Áp dụng mức vùng Trung du miền núi phía Bắc cho xã ĐBKK, ATK", "specialRule"},
	{"Nội dung quy định xã ĐBKK, ATK", "specialRuleText"},
	{"Số quyết định", "decisionNumber"},
	{"Ngày", "decisionDate"},
	{"Cơ quan ban hành", "decisionIssuer"},
	{"Người ký", "decisionSigner"},
	{"Phụ lục", "appendix"},
	{"Hiệu lực từ", "validFrom"},
	{"Hiệu lực đến", "validTo"},
	{"Đã đối chiếu", "confirmed"},
	{"Nguồn", "sources"},
	{"Ghi chú", "note"},
}

// Columns of the other sheets: label and field (JSON name).
type col struct{ label, field string }

var (
	criteriaCols  = []col{{"Số", "no"}, {"Tên", "name"}, {"Nhóm", "group"}, {"Đã đối chiếu", "confirmed"}, {"Nguồn", "sources"}}
	indicatorCols = []col{{"Tiêu chí số", "criterion"}, {"Mã", "code"}, {"Tên", "name"}, {"Loại", "kind"},
		{"So sánh", "comparator"}, {"Mức chung", "threshold"}, {"Yêu cầu", "requirement"}, {"Đơn vị", "unit"},
		{"Ngành phụ trách", "sector"}, {"Đã đối chiếu", "confirmed"}, {"Nguồn", "sources"}}
	conditionCols = []col{{"Số", "no"}, {"Nội dung", "text"}, {"Tỉnh quy định", "provinceDefined"},
		{"Đã đối chiếu", "confirmed"}, {"Nguồn", "sources"}}
	amendmentCols = []col{{"Số quyết định", "number"}, {"Ngày", "date"}, {"Cơ quan ban hành", "issuer"},
		{"Ghi chú", "note"}, {"Đã đối chiếu", "confirmed"}, {"Nguồn", "sources"}}
)

// Labels the template writes for coded values (the importer also accepts
// the codes themselves).
var (
	targetLabels = map[string]string{
		TargetDatChuan: "Xã đạt chuẩn nông thôn mới", TargetNangCao: "Xã nông thôn mới nâng cao",
		TargetKieuMau: "Xã nông thôn mới kiểu mẫu", TargetThonDatChuan: "Thôn, bản đạt chuẩn nông thôn mới",
		TargetHuyen: "Huyện đạt chuẩn nông thôn mới",
	}
	dimensionLabels = map[string]string{DimensionNone: "Mức chung", DimensionRegion: "Theo vùng", DimensionGroup: "Theo nhóm xã"}
	kindLabels      = map[string]string{KindPassFail: "Đạt/Không đạt", KindPercent: "Tỷ lệ (%)", KindNumber: "Số", KindText: "Văn bản"}
	scopeLabels     = map[string]string{"2": "Huyện", "3": "Xã", "4": "Thôn"}
	comparatorShown = map[string]string{">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "="}
	// RegionLabels are the region column headers (as in vi.json locality.region).
	RegionLabels = map[string]string{
		"trung_du_mien_nui_phia_bac": "Trung du và miền núi phía Bắc", "dong_bang_song_hong": "Đồng bằng sông Hồng",
		"bac_trung_bo": "Bắc Trung Bộ", "duyen_hai_nam_trung_bo": "Duyên hải Nam Trung Bộ", "tay_nguyen": "Tây Nguyên",
		"dong_nam_bo": "Đông Nam Bộ", "dong_bang_song_cuu_long": "Đồng bằng sông Cửu Long",
	}
)

// KeyLabel is the column header of a threshold key.
func KeyLabel(key string) string {
	if l, ok := RegionLabels[key]; ok {
		return l
	}
	return "Nhóm " + key
}

const (
	yes = "Có"
	no  = "Chưa"
	// markUnconfirmed / markConfirmed follow a level whose flag differs
	// from its indicator's.
	markUnconfirmed = "(chưa đối chiếu)"
	markConfirmed   = "(đã đối chiếu)"
)

func yesNo(b bool) string {
	if b {
		return yes
	}
	return no
}

// FormatNumber writes a level the Vietnamese way (decimal comma).
func FormatNumber(x float64) string {
	return strings.Replace(strconv.FormatFloat(x, 'f', -1, 64), ".", ",", 1)
}

// FormatLevel writes a threshold cell: "≥80", "≥80; mức chữ", "Đạt" or
// "; 100%" (a text that would read as a number), followed by a mark when
// its confirmed flag differs from the indicator's.
func FormatLevel(t Threshold, indConfirmed bool) string {
	var s string
	if t.Threshold != nil {
		s = comparatorShown[t.Comparator] + FormatNumber(*t.Threshold)
		if t.Requirement != "" {
			s += "; " + t.Requirement
		}
	} else {
		s = t.Requirement
		if _, _, ok := parseNumeric(s); ok || strings.Contains(s, ";") || startsWithComparator(s) {
			s = "; " + s
		}
	}
	// A mark when the flag differs, or when the text itself ends like one
	// (only the last mark is read back).
	if t.Confirmed != indConfirmed || hasMark(s) {
		if t.Confirmed {
			s += " " + markConfirmed
		} else {
			s += " " + markUnconfirmed
		}
	}
	return s
}

func hasMark(s string) bool {
	f := vntext.Fold(s)
	return strings.HasSuffix(f, vntext.Fold(markUnconfirmed)) || strings.HasSuffix(f, vntext.Fold(markConfirmed))
}

// ParseLevel reads a threshold cell (see FormatLevel). ok is false when the
// cell cannot be read.
func ParseLevel(cell string, indConfirmed bool) (t Threshold, ok bool) {
	s := vntext.Clean(cell)
	t.Confirmed = indConfirmed
	f := vntext.Fold(s)
	switch {
	case strings.HasSuffix(f, vntext.Fold(markUnconfirmed)):
		t.Confirmed = false
		s = trimRunes(s, len([]rune(markUnconfirmed)))
	case strings.HasSuffix(f, vntext.Fold(markConfirmed)):
		t.Confirmed = true
		s = trimRunes(s, len([]rune(markConfirmed)))
	}
	if s == "" {
		return t, false
	}
	head, text, split := strings.Cut(s, ";")
	if !split {
		if c, x, ok := parseNumeric(s); ok {
			t.Comparator, t.Threshold = c, &x
			return t, true
		}
		if startsWithComparator(s) { // "≥ abc": a mistyped level
			return t, false
		}
		t.Requirement = s
		return t, true
	}
	head, text = strings.TrimSpace(head), strings.TrimSpace(text)
	t.Requirement = text
	if head == "" {
		return t, text != ""
	}
	c, x, ok := parseNumeric(head)
	if !ok {
		return t, false
	}
	t.Comparator, t.Threshold = c, &x
	return t, true
}

func startsWithComparator(s string) bool {
	return strings.HasPrefix(s, ">") || strings.HasPrefix(s, "<") || strings.HasPrefix(s, "=") ||
		strings.HasPrefix(s, "≥") || strings.HasPrefix(s, "≤")
}

func trimRunes(s string, n int) string {
	r := []rune(s)
	if n > len(r) {
		return ""
	}
	return strings.TrimSpace(string(r[:len(r)-n]))
}

// parseNumeric reads "≥ 80%", ">85", "80,5", "= 100 %": an optional
// comparator, a number (decimal comma or point) and an optional "%".
func parseNumeric(s string) (comparator string, x float64, ok bool) {
	s = strings.TrimSpace(s)
	for _, c := range []string{">=", "<=", "=>", "=<", "==", "≥", "≤", ">", "<", "="} {
		if strings.HasPrefix(s, c) {
			comparator = NormComparator(c)
			s = strings.TrimSpace(s[len(c):])
			break
		}
	}
	s = strings.TrimSpace(strings.TrimSuffix(s, "%"))
	x, ok = ParseNumber(s)
	return comparator, x, ok
}

// ParseNumber reads a finite number written with a decimal comma or point.
func ParseNumber(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsAny(s, " _") {
		return 0, false
	}
	if strings.Contains(s, ",") {
		if strings.Contains(s, ".") || strings.Count(s, ",") > 1 {
			return 0, false
		}
		s = strings.Replace(s, ",", ".", 1)
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r == '.' || r == '-' || r == '+' || r == 'e' || r == 'E') {
			return 0, false
		}
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, false
	}
	return x, true
}

// shownDate writes an ISO date as dd/mm/yyyy.
func shownDate(s string) string {
	if len(s) == 10 && s[4] == '-' && s[7] == '-' {
		return s[8:10] + "/" + s[5:7] + "/" + s[0:4]
	}
	return s
}

// WriteTemplate writes s as the set template. A set without criteria gives
// an empty template to fill in.
func WriteTemplate(out io.Writer, s *Set) error {
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}}})
	if err != nil {
		return err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	if err != nil {
		return err
	}
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49, Alignment: &excelize.Alignment{Vertical: "top"}})
	if err != nil {
		return err
	}
	w := &tw{f: f, bold: bold}
	if err := f.SetSheetName("Sheet1", SheetSet); err != nil {
		return err
	}
	for _, name := range []string{SheetCriteria, SheetIndicators, SheetConditions, SheetAmendments} {
		if _, err := f.NewSheet(name); err != nil {
			return err
		}
	}
	// Set.
	w.header(SheetSet, []string{"Mục", "Giá trị"})
	for i, sf := range setFields {
		w.row(SheetSet, i+2, sf.label, setValue(s, sf.field))
	}
	w.widths(SheetSet, 40, 100)
	_ = f.SetColStyle(SheetSet, "B", wrap)
	// Criteria.
	w.header(SheetCriteria, labels(criteriaCols))
	r := 2
	for _, c := range s.Criteria {
		w.row(SheetCriteria, r, c.No, c.Name, c.Group, yesNo(c.Confirmed), c.Sources)
		r++
	}
	w.widths(SheetCriteria, 8, 50, 30, 14, 60)
	// Indicators.
	keys := KeysFor(s.Dimension)
	head := labels(indicatorCols)
	for _, k := range keys {
		head = append(head, KeyLabel(k))
	}
	w.header(SheetIndicators, head)
	r = 2
	for _, c := range s.Criteria {
		for _, ind := range c.Indicators {
			var level any = ""
			if ind.Threshold != nil {
				level = *ind.Threshold
			}
			vals := []any{c.No, ind.Code, ind.Name, kindLabels[ind.Kind], comparatorShown[ind.Comparator], level,
				ind.Requirement, ind.Unit, ind.Sector, yesNo(ind.Confirmed), ind.Sources}
			for _, k := range keys {
				cell := ""
				for _, t := range ind.Thresholds {
					if t.Key == k {
						cell = FormatLevel(t, ind.Confirmed)
					}
				}
				vals = append(vals, cell)
			}
			w.row(SheetIndicators, r, vals...)
			r++
		}
	}
	_ = f.SetColStyle(SheetIndicators, "B", text)
	widths := []float64{10, 10, 60, 16, 10, 10, 20, 10, 24, 14, 40}
	for range keys {
		widths = append(widths, 18)
	}
	w.widths(SheetIndicators, widths...)
	// Conditions.
	w.header(SheetConditions, labels(conditionCols))
	for i, c := range s.Conditions {
		w.row(SheetConditions, i+2, c.No, c.Text, yesNo(c.ProvinceDefined), yesNo(c.Confirmed), c.Sources)
	}
	w.widths(SheetConditions, 8, 80, 14, 14, 40)
	// Amendments.
	w.header(SheetAmendments, labels(amendmentCols))
	for i, a := range s.Amendments {
		w.row(SheetAmendments, i+2, a.Number, shownDate(a.Date), a.Issuer, a.Note, yesNo(a.Confirmed), a.Sources)
	}
	w.widths(SheetAmendments, 20, 14, 30, 60, 14, 40)
	if w.err != nil {
		return w.err
	}
	f.SetActiveSheet(0)
	return f.Write(out)
}

func labels(cols []col) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.label
	}
	return out
}

// setValue is the text of one row of the set sheet.
func setValue(s *Set, field string) string {
	switch field {
	case "code":
		return s.Code
	case "name":
		return s.Name
	case "target":
		if l, ok := targetLabels[s.Target]; ok {
			return l
		}
		return s.Target
	case "scope":
		if l, ok := scopeLabels[strconv.Itoa(s.Scope)]; ok {
			return l
		}
		return strconv.Itoa(s.Scope)
	case "phase":
		return s.Phase
	case "dimension":
		if l, ok := dimensionLabels[s.Dimension]; ok {
			return l
		}
		return s.Dimension
	case "specialRule":
		if s.SpecialRule {
			return yes
		}
		return "Không"
	case "specialRuleText":
		return s.SpecialRuleText
	case "decisionNumber":
		return s.DecisionNumber
	case "decisionDate":
		return shownDate(s.DecisionDate)
	case "decisionIssuer":
		return s.DecisionIssuer
	case "decisionSigner":
		return s.DecisionSigner
	case "appendix":
		return s.Appendix
	case "validFrom":
		return shownDate(s.ValidFrom)
	case "validTo":
		return shownDate(s.ValidTo)
	case "confirmed":
		return yesNo(s.Confirmed)
	case "sources":
		return s.Sources
	case "note":
		return s.Note
	}
	return ""
}

// tw writes template sheets, keeping the first error.
type tw struct {
	f    *excelize.File
	bold int
	err  error
}

func (w *tw) row(sheet string, r int, values ...any) {
	if w.err != nil {
		return
	}
	ref, err := excelize.CoordinatesToCellName(1, r)
	if err != nil {
		w.err = err
		return
	}
	if err := w.f.SetSheetRow(sheet, ref, &values); err != nil {
		w.err = fmt.Errorf("sheet %s: %w", sheet, err)
	}
}

func (w *tw) header(sheet string, cells []string) {
	vals := make([]any, len(cells))
	for i, c := range cells {
		vals[i] = c
	}
	w.row(sheet, 1, vals...)
	if w.err != nil {
		return
	}
	last, _ := excelize.CoordinatesToCellName(len(cells), 1)
	_ = w.f.SetCellStyle(sheet, "A1", last, w.bold)
	_ = w.f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

func (w *tw) widths(sheet string, ws ...float64) {
	for i, x := range ws {
		c, _ := excelize.ColumnNumberToName(i + 1)
		_ = w.f.SetColWidth(sheet, c, c, x)
	}
}

// errWrite wraps a failure to write path.
func errWrite(err error, path string) error {
	return fault.Wrap(err, fault.ErrRefused, "errors.import.cannotWrite", "path", path)
}
