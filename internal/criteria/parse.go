package criteria

import (
	"bytes"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"chungsuc/internal/fault"
	"chungsuc/internal/vntext"
)

// Bounds on what the importer reads.
const (
	MaxFileBytes = 20 << 20
	MaxSheetRows = 5000
	maxCols      = 100
)

// Workbook is a template's sheets as text cells, row by row (row 0 is the
// header), keyed by sheet name as written in the file.
type Workbook map[string][][]string

// ReadWorkbook reads the sheets of an .xlsx file as text cells: the raw
// values (a date is its serial number, read as a date where one is
// expected), except that a number shown as a percentage is read as shown
// ("80%", not 0.8).
func ReadWorkbook(data []byte) (Workbook, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	wb := Workbook{}
	for _, name := range f.GetSheetList() {
		raw, err := readRows(f, name, true)
		if err != nil {
			return nil, err
		}
		shown, err := readRows(f, name, false)
		if err != nil {
			return nil, err
		}
		for r := range raw {
			for c := range raw[r] {
				if r < len(shown) && c < len(shown[r]) && strings.HasSuffix(shown[r][c], "%") && raw[r][c] != shown[r][c] {
					raw[r][c] = shown[r][c]
				}
			}
		}
		wb[name] = raw
	}
	return wb, nil
}

func readRows(f *excelize.File, name string, raw bool) ([][]string, error) {
	rows, err := f.Rows(name)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var grid [][]string
	for rows.Next() {
		if len(grid) > MaxSheetRows+1 {
			break
		}
		cells, err := rows.Columns(excelize.Options{RawCellValue: raw})
		if err != nil {
			return nil, err
		}
		if len(cells) > maxCols {
			cells = cells[:maxCols]
		}
		grid = append(grid, cells)
	}
	return grid, rows.Error()
}

// parsed is a set read from a workbook, with where each item came from.
type parsed struct {
	set      Set
	problems []Problem
	// lines of the items (1-based file rows) and the columns of thresholds
	fieldLine map[string]int
	critLine  []int
	indLine   [][]int
	thrCol    [][][]string
	condLine  []int
	amLine    []int
}

func (p *parsed) problem(sheet string, line int, column, key string, kv ...any) {
	pr := Problem{Sheet: sheet, Line: line, Column: column, Key: key}
	if len(kv) > 1 {
		pr.Params = map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			pr.Params[vntext.Clean(toString(kv[i]))] = kv[i+1]
		}
	}
	p.problems = append(p.problems, pr)
}

func toString(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return ""
}

// sheetRows finds a sheet by folded name.
func (wb Workbook) sheet(name string) (string, [][]string, bool) {
	want := vntext.Fold(name)
	for n, rows := range wb {
		if vntext.Fold(n) == want {
			return n, rows, true
		}
	}
	return "", nil, false
}

// table is a sheet with its header mapped to fields.
type table struct {
	name   string
	rows   [][]string
	index  map[string]int // field → column index
	extra  map[int]string // column index → header of an unknown column
	labels map[string]string
}

func (t *table) cell(r []string, field string) string {
	i, ok := t.index[field]
	if !ok || i >= len(r) {
		return ""
	}
	return r[i]
}

// openTable maps a sheet's header; required fields missing are problems.
func (p *parsed) openTable(wb Workbook, name string, cols []col, required []string, optional bool) (*table, bool) {
	real, rows, ok := wb.sheet(name)
	if !ok {
		if !optional {
			p.problem(name, 0, "", "errors.criteria.import.missingSheet", "sheet", name)
		}
		return nil, false
	}
	t := &table{name: real, rows: rows, index: map[string]int{}, extra: map[int]string{}, labels: map[string]string{}}
	byLabel := map[string]string{}
	for _, c := range cols {
		byLabel[vntext.Fold(c.label)] = c.field
		t.labels[c.field] = c.label
	}
	if len(rows) > 0 {
		for i, h := range rows[0] {
			h = vntext.Clean(h)
			if h == "" {
				continue
			}
			f, known := byLabel[vntext.Fold(h)]
			switch {
			case !known:
				t.extra[i] = h
			case t.hasField(f):
				p.problem(real, 1, h, "errors.criteria.import.duplicateColumn", "column", h)
			default:
				t.index[f] = i
			}
		}
	}
	ok = true
	for _, f := range required {
		if _, has := t.index[f]; !has {
			p.problem(real, 1, t.labels[f], "errors.criteria.import.missingColumn", "column", t.labels[f])
			ok = false
		}
	}
	if len(rows) > MaxSheetRows+1 {
		p.problem(real, 0, "", "errors.criteria.import.tooManyRows", "max", MaxSheetRows)
		ok = false
	}
	return t, ok
}

func (t *table) hasField(f string) bool {
	_, ok := t.index[f]
	return ok
}

func blank(r []string) bool {
	for _, c := range r {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// choice maps a cell to a code: the code itself or its label, folded.
func choice(cell string, labels map[string]string) (string, bool) {
	f := vntext.Fold(cell)
	for code, label := range labels {
		if f == vntext.Fold(code) || f == vntext.Fold(label) {
			return code, true
		}
	}
	return "", false
}

var trueWords = map[string]bool{"co": true, "x": true, "da": true, "da doi chieu": true, "yes": true, "true": true, "1": true, "dung": true}
var falseWords = map[string]bool{"": true, "chua": true, "khong": true, "chua doi chieu": true, "no": true, "false": true, "0": true, "sai": true}

// parseBool reads Có/Chưa/Không/x/….
func parseBool(cell string) (bool, bool) {
	f := vntext.Fold(cell)
	if trueWords[f] {
		return true, true
	}
	if falseWords[f] {
		return false, true
	}
	return false, false
}

// parseDate reads dd/mm/yyyy, yyyy-mm-dd or an Excel date serial; "" is "".
func parseDate(cell string) (string, bool) {
	s := vntext.Clean(cell)
	if s == "" {
		return "", true
	}
	for _, layout := range []string{"2006-01-02", "02/01/2006", "2/1/2006", "02-01-2006", "02.01.2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format("2006-01-02"), true
		}
	}
	if n, err := strconv.Atoi(s); err == nil && n > 0 && n < 80000 {
		// Excel's day 1 is 1900-01-01, with its fictitious 29/02/1900.
		t := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n)
		return t.Format("2006-01-02"), true
	}
	return "", false
}

// parseInt reads a whole number (a spreadsheet may give "3" or "3.0").
func parseInt(cell string) (int, bool) {
	x, ok := ParseNumber(vntext.Clean(cell))
	if !ok || x != float64(int(x)) || x < -1e6 || x > 1e6 {
		return 0, false
	}
	return int(x), true
}

// parseWorkbook reads a set out of the template's sheets.
func parseWorkbook(wb Workbook) *parsed {
	p := &parsed{fieldLine: map[string]int{}}
	s := &p.set
	p.parseSet(wb)
	// Criteria.
	byNo := map[int]int{}
	if t, ok := p.openTable(wb, SheetCriteria, criteriaCols, []string{"no", "name"}, false); ok {
		for i, r := range t.rows[1:] {
			line := i + 2
			if blank(r) {
				continue
			}
			c := Criterion{Name: t.cell(r, "name"), Group: t.cell(r, "group"), Sources: t.cell(r, "sources")}
			n, ok := parseInt(t.cell(r, "no"))
			if !ok {
				p.problem(t.name, line, t.labels["no"], "errors.criteria.import.badInt", "value", vntext.Clean(t.cell(r, "no")))
			}
			c.No = n
			c.Confirmed = p.boolCell(t, r, line, "confirmed")
			if _, dup := byNo[n]; !dup && ok {
				byNo[n] = len(s.Criteria)
			}
			s.Criteria = append(s.Criteria, c)
			p.critLine = append(p.critLine, line)
			p.indLine = append(p.indLine, nil)
			p.thrCol = append(p.thrCol, nil)
		}
	}
	// Indicators.
	if t, ok := p.openTable(wb, SheetIndicators, indicatorCols, []string{"criterion", "code", "name", "kind"}, false); ok {
		keys := KeysFor(s.Dimension)
		keyCol := map[int]string{}
		for i, h := range t.extra {
			k, ok := keyOfColumn(h)
			switch {
			case !ok:
				p.problem(t.name, 1, h, "errors.criteria.import.unknownColumn", "column", h)
			case !contains(keys, k):
				p.problem(t.name, 1, h, "errors.criteria.import.keyColumn", "column", h)
			default:
				keyCol[i] = k
			}
		}
		for i, r := range t.rows[1:] {
			line := i + 2
			if blank(r) {
				continue
			}
			p.indicator(t, r, line, byNo, keyCol)
		}
	}
	// Conditions.
	if t, ok := p.openTable(wb, SheetConditions, conditionCols, []string{"no", "text"}, true); ok {
		for i, r := range t.rows[1:] {
			line := i + 2
			if blank(r) {
				continue
			}
			c := Condition{Text: t.cell(r, "text"), Sources: t.cell(r, "sources")}
			n, ok := parseInt(t.cell(r, "no"))
			if !ok {
				p.problem(t.name, line, t.labels["no"], "errors.criteria.import.badInt", "value", vntext.Clean(t.cell(r, "no")))
			}
			c.No = n
			c.ProvinceDefined = p.boolCell(t, r, line, "provinceDefined")
			c.Confirmed = p.boolCell(t, r, line, "confirmed")
			s.Conditions = append(s.Conditions, c)
			p.condLine = append(p.condLine, line)
		}
	}
	// Amendments.
	if t, ok := p.openTable(wb, SheetAmendments, amendmentCols, []string{"number"}, true); ok {
		for i, r := range t.rows[1:] {
			line := i + 2
			if blank(r) {
				continue
			}
			a := Amendment{Number: t.cell(r, "number"), Issuer: t.cell(r, "issuer"), Note: t.cell(r, "note"), Sources: t.cell(r, "sources")}
			d, ok := parseDate(t.cell(r, "date"))
			if !ok {
				p.problem(t.name, line, t.labels["date"], "errors.criteria.import.badDate", "value", vntext.Clean(t.cell(r, "date")))
			}
			a.Date = d
			a.Confirmed = p.boolCell(t, r, line, "confirmed")
			s.Amendments = append(s.Amendments, a)
			p.amLine = append(p.amLine, line)
		}
	}
	emptySlices(s)
	return p
}

func (p *parsed) boolCell(t *table, r []string, line int, field string) bool {
	v := t.cell(r, field)
	b, ok := parseBool(v)
	if !ok {
		p.problem(t.name, line, t.labels[field], "errors.criteria.import.badBool", "value", vntext.Clean(v))
	}
	return b
}

// keyOfColumn maps a threshold column header to its key: a region (label
// or code) or a commune group ("Nhóm 2", "2").
func keyOfColumn(h string) (string, bool) {
	if k, ok := choice(h, RegionLabels); ok {
		return k, true
	}
	f := vntext.Fold(h)
	f = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(f, "nhom xa"), "nhom"))
	if contains(Groups, f) {
		return f, true
	}
	return "", false
}

// parseSet reads the key/value sheet.
func (p *parsed) parseSet(wb Workbook) {
	name, rows, ok := wb.sheet(SheetSet)
	if !ok {
		p.problem(SheetSet, 0, "", "errors.criteria.import.missingSheet", "sheet", SheetSet)
		return
	}
	byLabel := map[string]string{}
	labelOf := map[string]string{}
	for _, sf := range setFields {
		byLabel[vntext.Fold(sf.label)] = sf.field
		labelOf[sf.field] = sf.label
	}
	s := &p.set
	s.Dimension = DimensionNone
	for i, r := range rows {
		line := i + 1
		if blank(r) {
			continue
		}
		label := vntext.Clean(r[0])
		val := ""
		if len(r) > 1 {
			val = r[1]
		}
		f, known := byLabel[vntext.Fold(label)]
		if !known {
			if i == 0 { // the header row ("Mục", "Giá trị")
				continue
			}
			p.problem(name, line, label, "errors.criteria.import.unknownField", "value", label)
			continue
		}
		if _, dup := p.fieldLine[f]; dup {
			p.problem(name, line, label, "errors.criteria.import.duplicateField", "value", label)
			continue
		}
		p.fieldLine[f] = line
		clean := vntext.Clean(val)
		bad := func(key string) { p.problem(name, line, label, key, "value", clean) }
		switch f {
		case "code":
			s.Code = val
		case "name":
			s.Name = val
		case "target":
			if c, ok := choice(clean, targetLabels); ok {
				s.Target = c
			} else if clean != "" {
				bad("errors.criteria.import.badChoice")
			}
		case "scope":
			if c, ok := choice(clean, scopeLabels); ok {
				s.Scope, _ = strconv.Atoi(c)
			} else if clean != "" {
				bad("errors.criteria.import.badChoice")
			}
		case "phase":
			s.Phase = val
		case "dimension":
			if c, ok := choice(clean, dimensionLabels); ok {
				s.Dimension = c
			} else if clean != "" {
				bad("errors.criteria.import.badChoice")
			}
		case "specialRule":
			b, ok := parseBool(clean)
			if !ok {
				bad("errors.criteria.import.badBool")
			}
			s.SpecialRule = b
		case "specialRuleText":
			s.SpecialRuleText = val
		case "decisionNumber":
			s.DecisionNumber = val
		case "decisionDate", "validFrom", "validTo":
			d, ok := parseDate(clean)
			if !ok {
				bad("errors.criteria.import.badDate")
			}
			switch f {
			case "decisionDate":
				s.DecisionDate = d
			case "validFrom":
				s.ValidFrom = d
			default:
				s.ValidTo = d
			}
		case "decisionIssuer":
			s.DecisionIssuer = val
		case "decisionSigner":
			s.DecisionSigner = val
		case "appendix":
			s.Appendix = val
		case "confirmed":
			b, ok := parseBool(clean)
			if !ok {
				bad("errors.criteria.import.badBool")
			}
			s.Confirmed = b
		case "sources":
			s.Sources = val
		case "note":
			s.Note = val
		}
	}
	for _, f := range []string{"code", "name"} {
		if _, ok := p.fieldLine[f]; !ok {
			p.problem(name, 0, labelOf[f], "errors.criteria.import.missingField", "value", labelOf[f])
		}
	}
}

// indicator reads one row of the indicators sheet.
func (p *parsed) indicator(t *table, r []string, line int, byNo map[int]int, keyCol map[int]string) {
	ind := Indicator{Code: t.cell(r, "code"), Name: t.cell(r, "name"), Requirement: t.cell(r, "requirement"),
		Unit: t.cell(r, "unit"), Sector: t.cell(r, "sector"), Sources: t.cell(r, "sources")}
	cnoText := vntext.Clean(t.cell(r, "criterion"))
	cno, ok := parseInt(cnoText)
	ci, found := byNo[cno]
	switch {
	case !ok:
		p.problem(t.name, line, t.labels["criterion"], "errors.criteria.import.badInt", "value", cnoText)
	case !found:
		p.problem(t.name, line, t.labels["criterion"], "errors.criteria.import.unknownCriterion", "no", cno)
	}
	kind := vntext.Clean(t.cell(r, "kind"))
	if k, ok := choice(kind, kindLabels); ok {
		ind.Kind = k
	} else {
		ind.Kind = kind
		if kind != "" {
			p.problem(t.name, line, t.labels["kind"], "errors.criteria.import.badChoice", "value", kind)
		}
	}
	cmp := vntext.Clean(t.cell(r, "comparator"))
	ind.Comparator = NormComparator(cmp)
	if cmp != "" && !contains(Comparators, ind.Comparator) {
		p.problem(t.name, line, t.labels["comparator"], "errors.criteria.import.badChoice", "value", cmp)
	}
	if lv := vntext.Clean(t.cell(r, "threshold")); lv != "" {
		c, x, ok := parseNumeric(lv)
		if !ok {
			p.problem(t.name, line, t.labels["threshold"], "errors.criteria.import.badNumber", "value", lv)
		} else {
			ind.Threshold = &x
			if c != "" && cmp == "" {
				ind.Comparator = c
			}
		}
	}
	ind.Confirmed = p.boolCell(t, r, line, "confirmed")
	var cols []string
	for i := 0; i < len(r); i++ {
		k, isKey := keyCol[i]
		if !isKey {
			continue
		}
		cell := vntext.Clean(r[i])
		if cell == "" {
			continue
		}
		th, ok := ParseLevel(cell, ind.Confirmed)
		if !ok {
			p.problem(t.name, line, t.extra[i], "errors.criteria.import.badLevel", "value", cell)
			continue
		}
		th.Key = k
		ind.Thresholds = append(ind.Thresholds, th)
		cols = append(cols, t.extra[i])
	}
	if !ok || !found {
		return
	}
	c := &p.set.Criteria[ci]
	c.Indicators = append(c.Indicators, ind)
	p.indLine[ci] = append(p.indLine[ci], line)
	p.thrCol[ci] = append(p.thrCol[ci], cols)
}

// fieldProblems turns the validation errors of the parsed set into
// problems at the sheet, line and column the field came from.
func (p *parsed) fieldProblems(err error) {
	e, ok := fault.As(err)
	if !ok {
		return
	}
	fe := e.Fields
	setLabel := map[string]string{}
	for _, sf := range setFields {
		setLabel[sf.field] = sf.label
	}
	colLabel := func(cols []col, f string) string {
		for _, c := range cols {
			if c.field == f {
				return c.label
			}
		}
		return f
	}
	// A cell already reported while reading is not reported again.
	type cellAt struct {
		sheet  string
		line   int
		column string
	}
	seen := map[cellAt]bool{}
	for _, pr := range p.problems {
		seen[cellAt{vntext.Fold(pr.Sheet), pr.Line, pr.Column}] = true
	}
	for _, f := range fe {
		parts := strings.Split(f.Field, ".")
		pr := Problem{Key: f.Key, Params: f.Params}
		idx := func(i int) int {
			if i >= len(parts) {
				return -1
			}
			n, err := strconv.Atoi(parts[i])
			if err != nil {
				return -1
			}
			return n
		}
		at := func(lines []int, i int) int {
			if i >= 0 && i < len(lines) {
				return lines[i]
			}
			return 0
		}
		switch {
		case len(parts) == 1:
			pr.Sheet, pr.Line, pr.Column = SheetSet, p.fieldLine[parts[0]], setLabel[parts[0]]
		case parts[0] == "amendments" && len(parts) == 3:
			pr.Sheet, pr.Line, pr.Column = SheetAmendments, at(p.amLine, idx(1)), colLabel(amendmentCols, parts[2])
		case parts[0] == "conditions" && len(parts) == 3:
			pr.Sheet, pr.Line, pr.Column = SheetConditions, at(p.condLine, idx(1)), colLabel(conditionCols, parts[2])
		case parts[0] == "criteria" && len(parts) == 3:
			pr.Sheet, pr.Line, pr.Column = SheetCriteria, at(p.critLine, idx(1)), colLabel(criteriaCols, parts[2])
		case parts[0] == "criteria" && len(parts) >= 5:
			ci, ii := idx(1), idx(3)
			pr.Sheet = SheetIndicators
			if ci >= 0 && ci < len(p.indLine) {
				pr.Line = at(p.indLine[ci], ii)
			}
			if len(parts) == 5 {
				pr.Column = colLabel(indicatorCols, parts[4])
			} else if ci >= 0 && ci < len(p.thrCol) && ii >= 0 && ii < len(p.thrCol[ci]) {
				if k := idx(5); k >= 0 && k < len(p.thrCol[ci][ii]) {
					pr.Column = p.thrCol[ci][ii][k]
				}
			}
		default:
			pr.Sheet = SheetSet
		}
		if k := (cellAt{vntext.Fold(pr.Sheet), pr.Line, pr.Column}); !seen[k] {
			seen[k] = true
			p.problems = append(p.problems, pr)
		}
	}
}
