// Package sheet reads tabular files (CSV, XLSX) into text cells for the
// importers. It never repairs cell text: legacy encodings and NFD are
// reported and repaired by the importer, cell by cell (see vntext.RepairLegacy).
package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"chungsuc/internal/fault"
	"chungsuc/internal/vntext"
)

// Bounds on what we read: a bound, not a timing.
const (
	MaxBytes      = 50 << 20 // 50 MB
	MaxRows       = 200_000
	headerScan    = 20 // rows searched for the header
	maxHeaderCols = 200
)

// Table is the first sheet (or the CSV) as text cells.
type Table struct {
	Sheet     string   // sheet name ("" for CSV)
	Header    []string // header cells, cleaned (NFC, spaces collapsed); merged header cells filled in
	HeaderRow int      // 1-based row number of the header in the file
	Rows      []Row    // data rows after the header, blank rows skipped
	Encoding  string   // "utf-8", "utf-8-bom", "windows-1252" (CSV only), "xlsx"
}

// Row is one data row.
type Row struct {
	Line  int      // 1-based row number in the file (for error reports)
	Cells []string // same length as Header (padded/truncated), raw text (NOT repaired)
}

func errUnreadable(path string, err error) error {
	return fault.Wrap(err, fault.ErrInvalid, "errors.import.unreadable", "path", path)
}

func errEmpty() error { return fault.New(fault.ErrInvalid, "errors.import.empty") }

func errTooLarge() error {
	return fault.New(fault.ErrInvalid, "errors.import.tooLarge", "max", "50 MB")
}

// ReadFile reads path by its extension: .csv, .xlsx or .xlsm. Old .xls files
// are refused with a request to save them as .xlsx.
func ReadFile(path string) (Table, error) {
	ext := strings.ToLower(filepath.Ext(path))
	switch ext {
	case ".csv", ".xlsx", ".xlsm":
	case ".xls":
		return Table{}, fault.New(fault.ErrInvalid, "errors.import.xls")
	default:
		return Table{}, fault.New(fault.ErrInvalid, "errors.import.unknownFormat", "ext", ext)
	}
	f, err := os.Open(path)
	if err != nil {
		return Table{}, errUnreadable(path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return Table{}, errUnreadable(path, err)
	}
	if st.Size() > MaxBytes {
		return Table{}, errTooLarge()
	}
	var t Table
	if ext == ".csv" {
		t, err = ReadCSV(f)
	} else {
		t, err = ReadXLSX(f)
	}
	if fe, ok := fault.As(err); ok && fe.Key == "errors.import.unreadable" {
		fe.Params = map[string]any{"path": path}
	}
	return t, err
}

// readAll reads at most MaxBytes.
func readAll(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxBytes+1))
	if err != nil {
		return nil, errUnreadable("", err)
	}
	if len(data) > MaxBytes {
		return nil, errTooLarge()
	}
	return data, nil
}

// ReadCSV reads a CSV file: UTF-8 with or without BOM, or else Windows-1252;
// CRLF or LF; separator , ; or tab, detected from the first lines; quoted
// fields (a quoted field may span lines; Row.Line is where it starts).
func ReadCSV(r io.Reader) (Table, error) {
	data, err := readAll(r)
	if err != nil {
		return Table{}, err
	}
	t := Table{Encoding: "utf-8"}
	text := ""
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		t.Encoding = "utf-8-bom"
		data = data[3:]
		if !utf8.Valid(data) {
			return Table{}, errUnreadable("", errors.New("BOM but invalid UTF-8"))
		}
		text = string(data)
	case utf8.Valid(data):
		text = string(data)
	default:
		t.Encoding = "windows-1252"
		text = vntext.DecodeWindows1252(data)
	}
	if strings.TrimSpace(text) == "" {
		return Table{}, errEmpty()
	}
	sep := detectSeparator(text)
	cr := csv.NewReader(strings.NewReader(text))
	cr.Comma = sep
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = false
	var grid [][]string
	var lines []int
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return Table{}, errUnreadable("", err)
		}
		if len(grid) >= MaxRows+headerScan {
			return Table{}, errTooLarge()
		}
		line, _ := cr.FieldPos(0)
		grid = append(grid, rec)
		lines = append(lines, line)
	}
	return build(t, grid, lines, nil)
}

// detectSeparator picks among , ; and tab the one that splits the first
// lines into the most consistent number (>1) of fields.
func detectSeparator(text string) rune {
	sample := text
	if len(sample) > 64<<10 {
		sample = sample[:64<<10]
	}
	best, bestScore := ',', -1
	for _, sep := range []rune{',', ';', '\t'} {
		cr := csv.NewReader(strings.NewReader(sample))
		cr.Comma = sep
		cr.FieldsPerRecord = -1
		cr.LazyQuotes = true
		counts := map[int]int{}
		for i := 0; i < 30; i++ {
			rec, err := cr.Read()
			if err != nil {
				break
			}
			if len(rec) > 1 {
				counts[len(rec)]++
			}
		}
		score := 0
		for n, c := range counts {
			if s := c*100 + n; s > score {
				score = s
			}
		}
		if score > bestScore {
			best, bestScore = sep, score
		}
	}
	return best
}

// distinct counts the different non-empty values of a row (a title merged
// across the row counts once).
func distinct(cells []string) int {
	seen := map[string]bool{}
	for _, c := range cells {
		if c = strings.TrimSpace(c); c != "" {
			seen[c] = true
		}
	}
	return len(seen)
}

func nonEmpty(cells []string) int {
	n := 0
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			n++
		}
	}
	return n
}

// build finds the header (the first row with at least 2 different non-empty
// cells within the first 20 rows) and the data rows after it. second, when not
// nil, says whether the header continues on the next row (XLSX merges).
func build(t Table, grid [][]string, lines []int, twoRow func(h int) bool) (Table, error) {
	h := -1
	for i := 0; i < len(grid) && i < headerScan; i++ {
		if distinct(grid[i]) >= 2 {
			h = i
			break
		}
	}
	if h < 0 {
		return Table{}, errEmpty()
	}
	header := grid[h]
	first := h + 1
	if twoRow != nil && twoRow(h) && h+1 < len(grid) {
		header = combineHeader(grid[h], grid[h+1])
		first = h + 2
	}
	width := len(header)
	for width > 0 && strings.TrimSpace(header[width-1]) == "" {
		width--
	}
	if width > maxHeaderCols {
		width = maxHeaderCols
	}
	legacy := ""
	if t.Encoding == "windows-1252" {
		var all []string
		for _, row := range grid {
			all = append(all, row...)
		}
		legacy = vntext.DetectLegacy(all)
	}
	t.Header = make([]string, width)
	for i := range t.Header {
		t.Header[i] = cleanHeader(header[i], legacy)
	}
	t.HeaderRow = lines[h]
	for i := first; i < len(grid); i++ {
		if nonEmpty(grid[i]) == 0 {
			continue
		}
		if len(t.Rows) >= MaxRows {
			return Table{}, errTooLarge()
		}
		cells := make([]string, width)
		copy(cells, grid[i])
		t.Rows = append(t.Rows, Row{Line: lines[i], Cells: cells})
	}
	if len(t.Rows) == 0 {
		return Table{}, errEmpty()
	}
	return t, nil
}

// cleanHeader normalises a header cell. A header typed in TCVN3 or VNI is
// repaired too (headers are matched, not imported); in a Windows-1252 file
// the encoding voted over all its cells (vntext.DetectLegacy) is applied.
func cleanHeader(s, legacy string) string {
	if fixed, _, ok := vntext.RepairAs(s, legacy); ok {
		return vntext.Clean(fixed)
	}
	return vntext.Clean(s)
}

// combineHeader joins a two-row header column by column: the same text (a
// cell merged down both rows) or one empty cell gives that text; two
// different texts give "top bottom", e.g. a group "Phường Xã" merged across
// two columns over "Tên" and "Mã PX" gives "Phường Xã Tên", "Phường Xã Mã PX".
func combineHeader(top, bottom []string) []string {
	n := max(len(top), len(bottom))
	out := make([]string, n)
	for i := range out {
		var a, b string
		if i < len(top) {
			a = vntext.Clean(top[i])
		}
		if i < len(bottom) {
			b = vntext.Clean(bottom[i])
		}
		switch {
		case a == b || b == "":
			out[i] = a
		case a == "":
			out[i] = b
		default:
			out[i] = a + " " + b
		}
	}
	return out
}

// ReadXLSX reads the first sheet that has data. Cells are read as shown in
// Excel (formatted text), so a code typed as the number 1 with the format
// "00" comes out as "01". A merged cell's value fills every cell it covers.
// When a header cell is merged down into the next row, the header spans two
// rows and they are combined (see combineHeader).
func ReadXLSX(r io.Reader) (t Table, err error) {
	defer func() {
		// excelize can panic on hostile files; a file we cannot read is
		// refused, never a crash.
		if p := recover(); p != nil {
			t, err = Table{}, errUnreadable("", fmt.Errorf("xlsx: %v", p))
		}
	}()
	data, err := readAll(r)
	if err != nil {
		return Table{}, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    4 * MaxBytes,
		UnzipXMLSizeLimit: 2 * MaxBytes,
	})
	if err != nil {
		return Table{}, errUnreadable("", err)
	}
	defer f.Close()
	for _, name := range f.GetSheetList() {
		grid, lines, merges, err := readSheet(f, name)
		if err != nil {
			return Table{}, err
		}
		if len(grid) == 0 {
			continue
		}
		twoRow := func(h int) bool {
			for _, m := range merges {
				if m.r1 == h && m.r2 > h {
					return true
				}
			}
			return false
		}
		return build(Table{Sheet: name, Encoding: "xlsx"}, grid, lines, twoRow)
	}
	return Table{}, errEmpty()
}

type span struct{ r1, c1, r2, c2 int } // 0-based grid indexes, inclusive

func readSheet(f *excelize.File, name string) ([][]string, []int, []span, error) {
	rows, err := f.Rows(name)
	if err != nil {
		return nil, nil, nil, errUnreadable("", err)
	}
	defer rows.Close()
	var grid [][]string
	n := 0
	for rows.Next() {
		n++
		if n > MaxRows+headerScan {
			return nil, nil, nil, errTooLarge()
		}
		cols, err := rows.Columns()
		if err != nil {
			return nil, nil, nil, errUnreadable("", err)
		}
		if len(cols) > maxHeaderCols*5 {
			cols = cols[:maxHeaderCols*5]
		}
		for c := range cols {
			cols[c] = fixNumber(f, name, c, n, cols[c])
		}
		grid = append(grid, cols)
	}
	if err := rows.Error(); err != nil {
		return nil, nil, nil, errUnreadable("", err)
	}
	// Drop trailing empty rows.
	for len(grid) > 0 && nonEmpty(grid[len(grid)-1]) == 0 {
		grid = grid[:len(grid)-1]
	}
	if len(grid) == 0 {
		return nil, nil, nil, nil
	}
	lines := make([]int, len(grid))
	for i := range lines {
		lines[i] = i + 1
	}
	mcs, err := f.GetMergeCells(name)
	if err != nil {
		return nil, nil, nil, errUnreadable("", err)
	}
	var merges []span
	for _, mc := range mcs {
		c1, r1, err1 := excelize.CellNameToCoordinates(mc.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(mc.GetEndAxis())
		if err1 != nil || err2 != nil || r1 > r2 || c1 > c2 {
			continue
		}
		s := span{r1 - 1, c1 - 1, min(r2, len(grid)) - 1, min(c2, maxHeaderCols*5) - 1}
		merges = append(merges, s)
		if s.r1 >= len(grid) {
			continue
		}
		v := ""
		if s.c1 < len(grid[s.r1]) {
			v = grid[s.r1][s.c1]
		}
		if (s.r2-s.r1+1)*(s.c2-s.c1+1) > 1_000_000 {
			continue // an absurd merge; keep the top-left value only
		}
		for r := s.r1; r <= s.r2; r++ {
			for len(grid[r]) <= s.c2 {
				grid[r] = append(grid[r], "")
			}
			for c := s.c1; c <= s.c2; c++ {
				grid[r][c] = v
			}
		}
	}
	return grid, lines, merges, nil
}

// fixNumber undoes Excel's scientific display of long whole numbers
// ("1.23457E+11" for a 12-digit code typed as a number in General format):
// the digits are the code, so the raw value is used.
func fixNumber(f *excelize.File, sheetName string, col, row int, shown string) string {
	if !strings.ContainsAny(shown, "Ee") || !strings.ContainsAny(shown, "+") {
		return shown
	}
	if _, err := strconv.ParseFloat(shown, 64); err != nil {
		return shown
	}
	cell, err := excelize.CoordinatesToCellName(col+1, row)
	if err != nil {
		return shown
	}
	raw, err := f.GetCellValue(sheetName, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		return shown
	}
	v, err := strconv.ParseFloat(raw, 64)
	if err != nil || v != float64(int64(v)) || v < 0 || v > 1e15 {
		return shown
	}
	return strconv.FormatInt(int64(v), 10)
}
