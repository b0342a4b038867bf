package sheet

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"chungsuc/internal/vntext"
)

// go test ./internal/sheet -run TestFixtures -update rewrites testdata/.
var update = flag.Bool("update", false, "rewrite the fixtures in testdata/")

const gso3Header = "Tỉnh / Thành phố,Mã TP,Quận Huyện,Mã QH,Phường Xã,Mã PX,Cấp"

// Province and district names are real; commune names and the 99xxx codes
// are samples. Phúc Xá (00001) shows a zero-padded code.
var gso3Rows = []string{
	"Thành phố Hà Nội,01,Quận Ba Đình,001,Phường Phúc Xá,00001,Phường",
	"Tỉnh Quảng Bình,44,Thành phố Đồng Hới,450,Phường Mẫu Đông,99001,Phường",
	"Tỉnh Quảng Bình,44,Thành phố Đồng Hới,450,Xã Mẫu Sơn,99002,Xã",
	"Tỉnh Quảng Bình,44,Huyện Minh Hóa,452,Thị trấn Mẫu Lê,99003,Thị trấn",
	"Tỉnh Quảng Bình,44,Huyện Minh Hóa,452,Xã Thượng Mẫu,99004,Xã",
	"Tỉnh Quảng Bình,44,Huyện Tuyên Hóa,453,Xã Hòa Mẫu,99005,Xã",
	"Tỉnh Quảng Bình,44,Huyện Bố Trạch,455,Xã Trường Mẫu,99006,Xã",
	"Tỉnh Quảng Bình,44,Huyện Lệ Thủy,457,Xã Ngư Mẫu Bắc,99007,Xã",
	"Tỉnh Quảng Bình,44,Thị xã Ba Đồn,458,Phường Mẫu Ủy,99008,Phường",
}

const gso2Header = "Tỉnh / Thành phố,Mã TP,Phường Xã,Mã PX,Cấp"

var gso2Rows = []string{
	"Tỉnh Quảng Trị,44,Phường Đồng Hới Mẫu,99101,Phường",
	"Tỉnh Quảng Trị,44,Xã Minh Hóa Mẫu,99102,Xã",
	"Tỉnh Quảng Trị,44,Xã Tuyên Mẫu,99103,Xã",
	"Tỉnh Quảng Trị,44,Đặc khu Cồn Mẫu,99104,Đặc khu",
}

const villagesCSV = `Mã xã,Tên thôn/bản,Loại,Ghi chú
99004,Thôn Mẫu 1,thôn,
99004,Bản Mẫu 2,bản,"bản người Chứt, (mẫu)"
99006,Thôn Khe Mẫu,thôn,(mẫu)
99008,Tổ dân phố Mẫu 3,tổ dân phố,
`

// gso3Bad has one problem per row after the first: duplicate code, unknown
// parent (district code 999 absent from the list and from the base), empty
// name, unknown "Cấp", a short row, an empty code.
const gso3BadCSV = gso3Header + `
Tỉnh Quảng Bình,44,Huyện Minh Hóa,452,Xã Thượng Mẫu,99004,Xã
Tỉnh Quảng Bình,44,Huyện Minh Hóa,452,Xã Trùng Mã,99004,Xã
Tỉnh Quảng Bình,44,Huyện Không Có,999,Xã Mồ Côi,99011,Xã
Tỉnh Quảng Bình,44,Huyện Minh Hóa,452,,99012,Xã
Tỉnh Quảng Bình,44,Huyện Minh Hóa,452,Xã Cấp Lạ,99013,Làng xã
Tỉnh Quảng Bình,44,Huyện Minh Hóa,452,Xã Thiếu Ô
Tỉnh Quảng Bình,44,Huyện Minh Hóa,452,Xã Không Mã,,Xã
`

func csvOf(header string, rows []string) string {
	return header + "\n" + strings.Join(rows, "\n") + "\n"
}

// fixtures returns every CSV fixture by file name.
func fixtures(t testing.TB) map[string][]byte {
	clean := csvOf(gso3Header, gso3Rows)
	tcvn, ok := vntext.EncodeTCVN3(clean)
	if !ok {
		t.Fatal("EncodeTCVN3")
	}
	vni, ok := vntext.EncodeVNI(clean)
	if !ok {
		t.Fatal("EncodeVNI")
	}
	return map[string][]byte{
		"gso3-clean.csv":     []byte(clean),
		"gso2-clean.csv":     []byte(csvOf(gso2Header, gso2Rows)),
		"villages.csv":       []byte(villagesCSV),
		"gso3-bom-crlf.csv":  []byte("\ufeff" + strings.ReplaceAll(clean, "\n", "\r\n")),
		"gso3-semicolon.csv": []byte(strings.ReplaceAll(clean, ",", ";")),
		"gso3-tcvn3.csv":     tcvn,
		"gso3-vni.csv":       vni,
		"gso3-nfd.csv":       []byte(norm.NFD.String(clean)),
		"gso3-bad-rows.csv":  []byte(gso3BadCSV),
	}
}

// mergedHeaderXLSX builds gso3-merged-header.xlsx: a title row merged across
// the sheet, a blank row, a two-row header (each GSO column merged down both
// rows; a group "Hiệu lực" merged across two columns over "Từ ngày" and
// "Văn bản"), the province cell merged down its rows, and codes typed as
// numbers with zero-padding formats.
func mergedHeaderXLSX(t testing.TB) *excelize.File {
	f := excelize.NewFile()
	sh := "Danh mục"
	if err := f.SetSheetName("Sheet1", sh); err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetCellValue(sh, "A1", "DANH MỤC ĐƠN VỊ HÀNH CHÍNH (MẪU)"))
	must(f.MergeCell(sh, "A1", "I1"))
	heads := strings.Split(gso3Header, ",")
	for i, h := range heads {
		top, _ := excelize.CoordinatesToCellName(i+1, 3)
		bottom, _ := excelize.CoordinatesToCellName(i+1, 4)
		must(f.SetCellValue(sh, top, h))
		must(f.MergeCell(sh, top, bottom))
	}
	must(f.SetCellValue(sh, "H3", "Hiệu lực"))
	must(f.MergeCell(sh, "H3", "I3"))
	must(f.SetCellValue(sh, "H4", "Từ ngày"))
	must(f.SetCellValue(sh, "I4", "Văn bản"))
	fmt2, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("00")})
	must(err)
	fmt3, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("000")})
	must(err)
	fmt5, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("00000")})
	must(err)
	rows := [][]any{
		{"Thành phố Hà Nội", 1, "Quận Ba Đình", 1, "Phường Phúc Xá", 1, "Phường", "", ""},
		{"Tỉnh Quảng Bình", 44, "Huyện Minh Hóa", 452, "Thị trấn Mẫu Lê", 99003, "Thị trấn", "2020-01-01", "NQ mẫu"},
		{"", 44, "Huyện Minh Hóa", 452, "Xã Thượng Mẫu", 99004, "Xã", "", ""},
		{"", 44, "Huyện Tuyên Hóa", 453, "Xã Hòa Mẫu", "99005", "Xã", "", ""},
	}
	for i, row := range rows {
		r := 5 + i
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r)
			if v == "" {
				continue
			}
			must(f.SetCellValue(sh, cell, v))
		}
		for c, st := range map[int]int{2: fmt2, 4: fmt3, 6: fmt5} {
			cell, _ := excelize.CoordinatesToCellName(c, r)
			must(f.SetCellStyle(sh, cell, cell, st))
		}
	}
	// The province merged down its three rows, as statistics exports do.
	must(f.MergeCell(sh, "A6", "A8"))
	// A blank row, then a row after it.
	must(f.SetCellValue(sh, "A10", "Tỉnh Quảng Bình"))
	must(f.SetCellValue(sh, "B10", 44))
	must(f.SetCellValue(sh, "C10", "Huyện Bố Trạch"))
	must(f.SetCellValue(sh, "D10", 455))
	must(f.SetCellValue(sh, "E10", "Xã Trường Mẫu"))
	must(f.SetCellValue(sh, "F10", 99006))
	must(f.SetCellValue(sh, "G10", "Xã"))
	must(f.SetCellStyle(sh, "B10", "B10", fmt2))
	// A long code typed as a plain number (General format).
	must(f.SetCellValue(sh, "I10", 123456789012))
	return f
}

func ptr[T any](v T) *T { return &v }

func TestFixtures(t *testing.T) {
	files := fixtures(t)
	x := mergedHeaderXLSX(t)
	buf, err := x.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	files["gso3-merged-header.xlsx"] = buf.Bytes()
	for name, want := range files {
		path := filepath.Join("testdata", name)
		if *update {
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%s missing; run go test ./internal/sheet -run TestFixtures -update: %v", name, err)
		}
		if !strings.HasSuffix(name, ".xlsx") && string(got) != string(want) {
			t.Errorf("%s differs from its generator; run with -update", name)
		}
	}
}
