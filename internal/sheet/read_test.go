package sheet

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"chungsuc/internal/fault"
	"chungsuc/internal/vntext"
)

var gso3Want = strings.Split(gso3Header, ",")

func read(t *testing.T, name string) Table {
	t.Helper()
	tb, err := ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatalf("ReadFile(%s): %v", name, err)
	}
	return tb
}

func faultKey(err error) string {
	if fe, ok := fault.As(err); ok {
		return fe.Key
	}
	return ""
}

// cellsOf splits the fixture rows as the CSV reader should.
func cellsOf(rows []string) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = strings.Split(r, ",")
	}
	return out
}

func checkGSO3(t *testing.T, name string, tb Table, encoding string, fix func(string) string) {
	t.Helper()
	if !reflect.DeepEqual(tb.Header, gso3Want) {
		t.Errorf("%s header = %q", name, tb.Header)
	}
	if tb.HeaderRow != 1 || tb.Encoding != encoding || tb.Sheet != "" {
		t.Errorf("%s: HeaderRow %d, Encoding %q, Sheet %q", name, tb.HeaderRow, tb.Encoding, tb.Sheet)
	}
	want := cellsOf(gso3Rows)
	if len(tb.Rows) != len(want) {
		t.Fatalf("%s: %d rows, want %d", name, len(tb.Rows), len(want))
	}
	for i, r := range tb.Rows {
		if r.Line != i+2 {
			t.Errorf("%s row %d: Line %d", name, i, r.Line)
		}
		got := make([]string, len(r.Cells))
		for j, c := range r.Cells {
			got[j] = fix(c)
		}
		if !reflect.DeepEqual(got, want[i]) {
			t.Errorf("%s row %d = %q, want %q", name, i, got, want[i])
		}
	}
}

func same(s string) string { return s }

// repaired repairs a cell as the importer should: RepairAs with the
// encoding voted over the file.
func repaired(t *testing.T, how string) func(string) string {
	return func(s string) string {
		fixed, h, ok := vntext.RepairAs(s, how)
		if !ok {
			t.Errorf("cell %q refused", s)
		}
		if h != "" && h != how {
			t.Errorf("cell %q repaired as %q, want %q", s, h, how)
		}
		return fixed
	}
}

func TestReadCSVFixtures(t *testing.T) {
	checkGSO3(t, "gso3-clean", read(t, "gso3-clean.csv"), "utf-8", same)
	checkGSO3(t, "gso3-bom-crlf", read(t, "gso3-bom-crlf.csv"), "utf-8-bom", same)
	checkGSO3(t, "gso3-semicolon", read(t, "gso3-semicolon.csv"), "utf-8", same)
	for name, how := range map[string]string{"gso3-tcvn3.csv": vntext.HowTCVN3, "gso3-vni.csv": vntext.HowVNI} {
		tb := read(t, name)
		var cells []string
		for _, r := range tb.Rows {
			cells = append(cells, r.Cells...)
		}
		if got := vntext.DetectLegacy(cells); got != how {
			t.Errorf("%s: DetectLegacy = %q", name, got)
		}
		checkGSO3(t, name, tb, "windows-1252", repaired(t, how))
	}

	nfd := read(t, "gso3-nfd.csv")
	checkGSO3(t, "gso3-nfd", nfd, "utf-8", repaired(t, vntext.HowNFD))
	// The reader does not repair: the cells are still NFD.
	if c := nfd.Rows[1].Cells[0]; norm.NFC.IsNormalString(c) {
		t.Errorf("gso3-nfd cell %q was normalised by the reader", c)
	}
	// … and the legacy cells are still mojibake.
	if c := read(t, "gso3-tcvn3.csv").Rows[1].Cells[0]; !vntext.LooksLegacy(c) {
		t.Errorf("gso3-tcvn3 cell %q was repaired by the reader", c)
	}
}

func TestReadGSO2AndVillages(t *testing.T) {
	g2 := read(t, "gso2-clean.csv")
	if !reflect.DeepEqual(g2.Header, strings.Split(gso2Header, ",")) || len(g2.Rows) != len(gso2Rows) {
		t.Fatalf("gso2: %q, %d rows", g2.Header, len(g2.Rows))
	}
	if g2.Rows[3].Cells[2] != "Đặc khu Cồn Mẫu" || g2.Rows[3].Cells[4] != "Đặc khu" {
		t.Errorf("gso2 row 4 = %q", g2.Rows[3].Cells)
	}
	v := read(t, "villages.csv")
	if !reflect.DeepEqual(v.Header, []string{"Mã xã", "Tên thôn/bản", "Loại", "Ghi chú"}) || len(v.Rows) != 4 {
		t.Fatalf("villages: %q, %d rows", v.Header, len(v.Rows))
	}
	if got := v.Rows[1].Cells; got[1] != "Bản Mẫu 2" || got[3] != "bản người Chứt, (mẫu)" {
		t.Errorf("quoted field: %q", got)
	}
	if got := v.Rows[0].Cells; got[3] != "" || len(got) != 4 {
		t.Errorf("empty last cell: %q", got)
	}
}

func TestReadBadRows(t *testing.T) {
	tb := read(t, "gso3-bad-rows.csv")
	if len(tb.Rows) != 7 {
		t.Fatalf("%d rows", len(tb.Rows))
	}
	short := tb.Rows[5]
	if short.Line != 7 || len(short.Cells) != 7 || short.Cells[4] != "Xã Thiếu Ô" || short.Cells[5] != "" || short.Cells[6] != "" {
		t.Errorf("short row padded wrongly: %+v", short)
	}
	if tb.Rows[3].Cells[4] != "" || tb.Rows[1].Cells[5] != tb.Rows[0].Cells[5] {
		t.Errorf("bad rows read wrongly: %+v", tb.Rows)
	}
}

func TestReadXLSXMergedHeader(t *testing.T) {
	tb := read(t, "gso3-merged-header.xlsx")
	wantHeader := append(append([]string{}, gso3Want...), "Hiệu lực Từ ngày", "Hiệu lực Văn bản")
	if !reflect.DeepEqual(tb.Header, wantHeader) {
		t.Errorf("header = %q", tb.Header)
	}
	if tb.HeaderRow != 3 || tb.Sheet != "Danh mục" || tb.Encoding != "xlsx" {
		t.Errorf("HeaderRow %d, Sheet %q, Encoding %q", tb.HeaderRow, tb.Sheet, tb.Encoding)
	}
	want := []struct {
		line  int
		cells []string
	}{
		{5, []string{"Thành phố Hà Nội", "01", "Quận Ba Đình", "001", "Phường Phúc Xá", "00001", "Phường", "", ""}},
		{6, []string{"Tỉnh Quảng Bình", "44", "Huyện Minh Hóa", "452", "Thị trấn Mẫu Lê", "99003", "Thị trấn", "2020-01-01", "NQ mẫu"}},
		{7, []string{"Tỉnh Quảng Bình", "44", "Huyện Minh Hóa", "452", "Xã Thượng Mẫu", "99004", "Xã", "", ""}},
		{8, []string{"Tỉnh Quảng Bình", "44", "Huyện Tuyên Hóa", "453", "Xã Hòa Mẫu", "99005", "Xã", "", ""}},
		{10, []string{"Tỉnh Quảng Bình", "44", "Huyện Bố Trạch", "455", "Xã Trường Mẫu", "99006", "Xã", "", "123456789012"}},
	}
	if len(tb.Rows) != len(want) {
		t.Fatalf("%d rows: %+v", len(tb.Rows), tb.Rows)
	}
	for i, w := range want {
		if tb.Rows[i].Line != w.line || !reflect.DeepEqual(tb.Rows[i].Cells, w.cells) {
			t.Errorf("row %d = %d %q, want %d %q", i, tb.Rows[i].Line, tb.Rows[i].Cells, w.line, w.cells)
		}
	}
}

// The committed fixture and a freshly built workbook read the same.
func TestReadXLSXGenerated(t *testing.T) {
	buf, err := mergedHeaderXLSX(t).WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	a, err := ReadXLSX(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if b := read(t, "gso3-merged-header.xlsx"); !reflect.DeepEqual(a, b) {
		t.Errorf("generated %+v\nfixture %+v", a, b)
	}
}

func TestReadXLSXSkipsEmptySheet(t *testing.T) {
	f := excelize.NewFile()
	if _, err := f.NewSheet("Dữ liệu"); err != nil {
		t.Fatal(err)
	}
	for i, v := range []any{"Mã xã", "Tên thôn/bản", "Loại"} {
		c, _ := excelize.CoordinatesToCellName(i+1, 1)
		_ = f.SetCellValue("Dữ liệu", c, v)
	}
	_ = f.SetCellValue("Dữ liệu", "A2", "00123")
	_ = f.SetCellValue("Dữ liệu", "B2", "Thôn Mẫu")
	buf, _ := f.WriteToBuffer()
	tb, err := ReadXLSX(buf)
	if err != nil {
		t.Fatal(err)
	}
	if tb.Sheet != "Dữ liệu" || tb.Rows[0].Cells[0] != "00123" || tb.Rows[0].Cells[2] != "" {
		t.Errorf("%+v", tb)
	}
}

func TestReadErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cases := []struct {
		path, key string
	}{
		{write("old.xls", []byte("x")), "errors.import.xls"},
		{write("list.txt", []byte("a,b\n1,2\n")), "errors.import.unknownFormat"},
		{filepath.Join(dir, "missing.csv"), "errors.import.unreadable"},
		{write("broken.xlsx", []byte("not a zip")), "errors.import.unreadable"},
		{write("empty.csv", nil), "errors.import.empty"},
		{write("header-only.csv", []byte("Mã xã,Tên thôn/bản\n\n,\n")), "errors.import.empty"},
		{write("one-column.csv", []byte("a\nb\nc\n")), "errors.import.empty"},
	}
	for _, c := range cases {
		_, err := ReadFile(c.path)
		if faultKey(err) != c.key {
			t.Errorf("ReadFile(%s) = %v, want %s", filepath.Base(c.path), err, c.key)
		}
	}
	_, err := ReadFile(filepath.Join(dir, "missing.csv"))
	if fe, _ := fault.As(err); fe == nil || fe.Params["path"] == nil {
		t.Errorf("unreadable error without path: %v", err)
	}
	_, err = ReadFile(write("list.TXT", []byte("x")))
	if fe, _ := fault.As(err); fe == nil || fe.Params["ext"] != ".txt" {
		t.Errorf("unknownFormat params: %v", err)
	}
}

func TestReadTooLarge(t *testing.T) {
	var b strings.Builder
	b.WriteString("Mã,Tên\n")
	for i := 0; i <= MaxRows; i++ {
		b.WriteString("1,a\n")
	}
	_, err := ReadCSV(strings.NewReader(b.String()))
	if faultKey(err) != "errors.import.tooLarge" {
		t.Fatalf("rows: %v", err)
	}
	big := bytes.Repeat([]byte("a,b\n"), MaxBytes/4+1)
	_, err = ReadCSV(bytes.NewReader(big))
	if faultKey(err) != "errors.import.tooLarge" {
		t.Fatalf("bytes: %v", err)
	}
	if !errors.Is(err, fault.ErrInvalid) {
		t.Fatalf("kind: %v", err)
	}
}

func TestReadCSVTitleRowsAndTabs(t *testing.T) {
	in := "DANH MỤC THÔN BẢN\r\n\r\nMã xã\tTên thôn/bản\tLoại\r\n99004\t\"Thôn \"\"Mẫu\"\" 1\"\tthôn\r\n\t\t\r\n99004\tBản Mẫu 2\tbản\textra\r\n"
	tb, err := ReadCSV(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if tb.HeaderRow != 3 || len(tb.Rows) != 2 || tb.Rows[1].Line != 6 {
		t.Fatalf("%+v", tb)
	}
	if tb.Rows[0].Cells[1] != `Thôn "Mẫu" 1` || len(tb.Rows[1].Cells) != 3 {
		t.Errorf("%q %q", tb.Rows[0].Cells, tb.Rows[1].Cells)
	}
}

func seeds(f *testing.F, ext string) {
	entries, err := os.ReadDir("testdata")
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ext) {
			data, err := os.ReadFile(filepath.Join("testdata", e.Name()))
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
}

func checkTable(t *testing.T, tb Table, err error) {
	if err != nil {
		if _, ok := fault.As(err); !ok {
			t.Fatalf("error without a key: %v", err)
		}
		return
	}
	if len(tb.Header) == 0 || len(tb.Rows) == 0 || len(tb.Rows) > MaxRows || tb.HeaderRow < 1 {
		t.Fatalf("bad table: %d header cells, %d rows", len(tb.Header), len(tb.Rows))
	}
	for _, r := range tb.Rows {
		if len(r.Cells) != len(tb.Header) || r.Line <= tb.HeaderRow {
			t.Fatalf("row %+v against header %q (row %d)", r, tb.Header, tb.HeaderRow)
		}
	}
}

func FuzzReadCSV(f *testing.F) {
	seeds(f, ".csv")
	f.Add([]byte("a;b\n\"x;y\";z\n"))
	f.Add([]byte("\xef\xbb\xbfa,b\r\n1,2"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tb, err := ReadCSV(bytes.NewReader(data))
		checkTable(t, tb, err)
	})
}

func FuzzReadXLSX(f *testing.F) {
	seeds(f, ".xlsx")
	f.Fuzz(func(t *testing.T, data []byte) {
		tb, err := ReadXLSX(bytes.NewReader(data))
		checkTable(t, tb, err)
	})
}

func TestFoldHeader(t *testing.T) {
	for in, want := range map[string]string{
		"Số quyết định": "soquyetdinh", "SO QUYET DINH:": "soquyetdinh", "số_quyết_định": "soquyetdinh",
		"Mã TP": "matp", "Đơn vị (2)": "donvi2", "": "",
	} {
		if got := FoldHeader(in); got != want {
			t.Errorf("FoldHeader(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCommitCheck(t *testing.T) {
	ok := Commit{FileName: "a.xlsx", SHA256: "ABC", Previewed: " abc "}
	if err := ok.Check(); err != nil {
		t.Fatalf("the previewed file: %v", err)
	}
	for name, c := range map[string]struct {
		commit Commit
		key    string
	}{
		"file problem first": {Commit{FileName: "a.xlsx", SHA256: "x", Previewed: "y", ProblemKey: "errors.import.noHeader", ErrorRows: 3}, "errors.import.noHeader"},
		"changed":            {Commit{FileName: "a.xlsx", SHA256: "x", Previewed: "y"}, "errors.import.changed"},
		"nothing read":       {Commit{FileName: "a.xlsx"}, "errors.import.changed"},
		"rows in error":      {Commit{FileName: "a.xlsx", SHA256: "x", Previewed: "x", ErrorRows: 2}, "errors.import.hasErrors"},
	} {
		var fe *fault.Error
		if err := c.commit.Check(); !errors.As(err, &fe) || fe.Key != c.key {
			t.Errorf("%s: %v, want %s", name, err, c.key)
		}
	}
}
