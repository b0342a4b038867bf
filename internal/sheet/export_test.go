package sheet_test

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"

	"chungsuc/internal/sheet"
)

func sampleExport() sheet.SponsorExport {
	return sheet.SponsorExport{
		Agency: "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", Campaign: "Chung sức xây dựng nông thôn mới 2021 - 2025", Date: "2025-06-15",
		Registrations: []sheet.SponsorRegistration{
			{Unit: "Văn phòng Sở", Locality: "Bản Khó 1, Xã Khó, Huyện Minh Hóa", LocalityKind: "ban", Campaign: "Chung sức",
				FromDate: "2022-07-01", ToDate: "", Content: "Hỗ trợ tiêu chí môi trường", CommitVisits: 4, CommitFunds: 10_000_000,
				CommitWorkdays: 2.5, Status: "dang_thuc_hien", Activities: 3, AmountVND: 12_345_678, Workdays: 3.5},
			{Unit: "Chi cục Bảo vệ môi trường", Locality: "Xã Khó, Huyện Minh Hóa", LocalityKind: "xa", FromDate: "2023-01-15",
				ToDate: "2025-12-31", Status: "huy", Activities: 0},
		},
		Units: []sheet.SponsorUnit{
			{Unit: "Văn phòng Sở", UnitKind: "phong", Required: true, Complies: true, Registrations: 1, ActiveRegistrations: 1,
				Activities: 3, AmountVND: 12_345_678, Workdays: 3.5, Localities: "Bản Khó 1, Xã Khó, Huyện Minh Hóa"},
			{Unit: "Chi cục Bảo vệ môi trường", UnitKind: "don_vi_thuoc", Required: true, Registrations: 1},
			{Unit: "Trung tâm Quan trắc", UnitKind: "don_vi_truc_thuoc", Required: true},
			{Unit: "Công đoàn Sở", UnitKind: "doan_the"},
		},
		Communes: []sheet.SponsorCommune{
			{Commune: "Xã Khó", CommuneKind: "xa", Parent: "Huyện Minh Hóa", SpecialDifficulty: true, Units: 2, Registrations: 2,
				VillageRegistrations: 1, Activities: 3, AmountVND: 12_345_678, Workdays: 3.5},
		},
	}
}

func write(t *testing.T, data sheet.SponsorExport) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := sheet.WriteSponsorWorkbook(&buf, data); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func numFmt(t *testing.T, f *excelize.File, sh, cell string) string {
	t.Helper()
	id, err := f.GetCellStyle(sh, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.CustomNumFmt == nil {
		return ""
	}
	return *st.CustomNumFmt
}

func TestSponsorWorkbook(t *testing.T) {
	b := write(t, sampleExport())
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 3 || got[0] != sheet.SheetRegistrations || got[1] != sheet.SheetUnits || got[2] != sheet.SheetCommunes {
		t.Fatalf("sheets %v", got)
	}
	headers := map[string][]string{
		sheet.SheetRegistrations: {"STT", "Đơn vị", "Địa bàn", "Loại địa bàn", "Phong trào", "Từ ngày", "Đến ngày", "Nội dung hỗ trợ",
			"Cam kết (lượt/kinh phí/ngày công)", "Trạng thái", "Số hoạt động", "Kinh phí (đồng)", "Ngày công"},
		sheet.SheetUnits:    {"STT", "Đơn vị", "Loại đơn vị", "Thuộc diện phải đăng ký", "Đạt yêu cầu"},
		sheet.SheetCommunes: {"STT", "Xã, phường, thị trấn", "Loại", "Thuộc", "Xã đặc biệt khó khăn"},
	}
	for sh, want := range headers {
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		for i, h := range want {
			if rows[sheet.HeaderRow-1][i] != h {
				t.Fatalf("%s header %d = %q, want %q", sh, i, rows[sheet.HeaderRow-1][i], h)
			}
		}
		panes, err := f.GetPanes(sh)
		if err != nil {
			t.Fatal(err)
		}
		if !panes.Freeze || panes.YSplit != sheet.HeaderRow || panes.XSplit != 0 || panes.TopLeftCell != "A4" {
			t.Fatalf("%s panes %+v", sh, panes)
		}
		id, _ := f.GetCellStyle(sh, "B3")
		st, _ := f.GetStyle(id)
		if st.Font == nil || !st.Font.Bold {
			t.Fatalf("%s header not bold", sh)
		}
		if w, _ := f.GetColWidth(sh, "B"); w < 20 {
			t.Fatalf("%s column B width %v", sh, w)
		}
	}
	s := sheet.SheetRegistrations
	rows, _ := f.GetRows(s)
	r := rows[sheet.HeaderRow]
	if r[0] != "1" || r[3] != "Bản" || r[9] != "Đang thực hiện" || r[8] != "4 lượt; 10.000.000 đồng; 2,5 ngày công" {
		t.Fatalf("first row %q", r)
	}
	raw := func(sh, cell string) string {
		v, err := f.GetCellValue(sh, cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	// Numbers are numbers, dates are Excel dates (serial 44743 = 01/07/2022).
	if raw(s, "L4") != "12345678" || raw(s, "M4") != "3.5" || raw(s, "K4") != "3" || raw(s, "F4") != "44743" || raw(s, "G4") != "" {
		t.Fatalf("raw values L4=%q M4=%q K4=%q F4=%q G4=%q", raw(s, "L4"), raw(s, "M4"), raw(s, "K4"), raw(s, "F4"), raw(s, "G4"))
	}
	if got := rows[sheet.HeaderRow][5]; got != "01/07/2022" {
		t.Fatalf("formatted date %q", got)
	}
	if numFmt(t, f, s, "L4") != "#,##0" || numFmt(t, f, s, "M4") != "0.0" || numFmt(t, f, s, "F4") != "dd/mm/yyyy" {
		t.Fatalf("formats %q %q %q", numFmt(t, f, s, "L4"), numFmt(t, f, s, "M4"), numFmt(t, f, s, "F4"))
	}
	// The totals row sums the column.
	if rows[sheet.HeaderRow+2][1] != "Tổng cộng" || raw(s, "L6") != "12345678" || raw(s, "K6") != "3" {
		t.Fatalf("totals %q", rows[sheet.HeaderRow+2])
	}
	units, _ := f.GetRows(sheet.SheetUnits)
	for i, want := range [][2]string{{"Có", "Đạt"}, {"Có", "Chưa đạt"}, {"Có", "Chưa đạt"}, {"Không", "—"}} {
		row := units[sheet.HeaderRow+i]
		if row[3] != want[0] || row[4] != want[1] {
			t.Fatalf("unit row %d %q", i, row)
		}
	}
	if raw(sheet.SheetUnits, "I4") != "12345678" || numFmt(t, f, sheet.SheetUnits, "I4") != "#,##0" || numFmt(t, f, sheet.SheetUnits, "J4") != "0.0" {
		t.Fatal("unit amounts")
	}
	if raw(sheet.SheetCommunes, "H4") != "1" || raw(sheet.SheetCommunes, "J4") != "12345678" || numFmt(t, f, sheet.SheetCommunes, "K4") != "0.0" {
		t.Fatal("commune amounts")
	}
	props, err := f.GetDocProps()
	if err != nil || props.Created != "2025-06-15T00:00:00Z" || props.Creator != "Chung Sức" {
		t.Fatalf("doc props %+v %v", props, err)
	}
}

func TestSponsorWorkbookIsDeterministicAndHandlesEmpty(t *testing.T) {
	a, b := write(t, sampleExport()), write(t, sampleExport())
	if !bytes.Equal(a, b) {
		t.Fatal("the same data gave different bytes")
	}
	empty := write(t, sheet.SponsorExport{})
	f, err := excelize.OpenReader(bytes.NewReader(empty))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows(sheet.SheetRegistrations)
	if len(rows) != sheet.HeaderRow+1 || rows[sheet.HeaderRow][1] != "Tổng cộng" {
		t.Fatalf("empty workbook rows %q", rows)
	}
}

func TestFormatting(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1.000", 12345678: "12.345.678", -1500: "-1.500"} {
		if got := sheet.VND(n); got != want {
			t.Errorf("VND(%d) = %q", n, got)
		}
	}
	if sheet.Workdays(2.5) != "2,5" || sheet.Workdays(3) != "3,0" {
		t.Error("Workdays")
	}
	if got := sheet.Commitment(sheet.SponsorRegistration{CommitNote: "Theo kế hoạch"}); got != "Theo kế hoạch" {
		t.Errorf("Commitment %q", got)
	}
}

func BenchmarkWriteSponsorWorkbook(b *testing.B) {
	data := sampleExport()
	reg := data.Registrations[0]
	for i := 0; i < 500; i++ {
		data.Registrations = append(data.Registrations, reg)
	}
	for i := 0; i < b.N; i++ {
		var buf bytes.Buffer
		if err := sheet.WriteSponsorWorkbook(&buf, data); err != nil {
			b.Fatal(err)
		}
	}
}
