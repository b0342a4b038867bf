package dossier_test

import (
	"bytes"
	"chungsuc/internal/pdf"
	"context"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"chungsuc/internal/award"
	"chungsuc/internal/dossier"
	"chungsuc/internal/fault"
	"chungsuc/internal/sheet"
)

// wordBoxes reads the words of page 1 with pdftotext -bbox: word → xMin,
// yMax (mm).
func wordBoxes(t *testing.T, b []byte) map[string][2]float64 {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	p := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-bbox", "-f", "1", "-l", "1", p, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
	words := map[string][2]float64{}
	for _, m := range re.FindAllStringSubmatch(string(out), -1) {
		x, _ := strconv.ParseFloat(m[1], 64)
		y, _ := strconv.ParseFloat(m[4], 64)
		if _, ok := words[m[5]]; !ok {
			words[m[5]] = [2]float64{x * 25.4 / 72, y * 25.4 / 72}
		}
	}
	return words
}

func TestCertificates(t *testing.T) {
	ctx := context.Background()
	fixedToday(t, "2025-12-20")
	f := newFx(t, defaultNominees)
	layouts, err := f.svc.Layouts(ctx, f.agencyID)
	if err != nil || len(layouts) != 2 || layouts[0].Code != "giay-khen-a4-ngang" || layouts[0].PageW != 297 || !layouts[0].Builtin ||
		!strings.Contains(layouts[0].Note, "điểm xuất phát") || layouts[0].FormCode != award.FormGiayKhen {
		t.Fatalf("layouts %+v %v", layouts, err)
	}
	// Seeding again adds nothing.
	if again, _ := f.svc.Layouts(ctx, f.agencyID); len(again) != 2 {
		t.Fatalf("layouts seeded twice: %d", len(again))
	}

	// Move the decision number field to a known place; a bad layout is refused.
	l := layouts[0]
	for i := range l.Fields {
		if l.Fields[i].Key == dossier.FieldDecision {
			l.Fields[i].X, l.Fields[i].Y, l.Fields[i].Align = 40, 100, "L"
		}
	}
	l.Fields = l.Fields[:len(l.Fields):len(l.Fields)]
	bad := l
	bad.Fields = append(append([]pdfField(nil), l.Fields...), pdfField{Key: "ho_ten", X: 400, Y: -1, Size: 3, Align: "X"})
	_, err = f.svc.SaveLayout(ctx, f.agencyID, bad)
	fe, ok := fault.As(err)
	if !ok || fe.Key != "errors.invalid" || len(fe.Fields) < 4 {
		t.Fatalf("bad layout: %v", err)
	}
	if l, err = f.svc.SaveLayout(ctx, f.agencyID, l); err != nil || l.Version != 2 {
		t.Fatalf("save layout %+v %v", l, err)
	}

	// The decision number, then the printer offset.
	if err := f.db.Exec("UPDATE award_proposals SET decision_number = ?, decision_date = ?, status = ? WHERE id = ?",
		"15/QĐ-STNMT", "2026-01-10", award.StatusDecided, f.proposal.ID).Error; err != nil {
		t.Fatal(err)
	}
	res, err := f.svc.PrintCertificates(ctx, f.agencyID, f.proposal.ID, l.Code, "")
	if err != nil {
		t.Fatal(err)
	}
	// Passed nominees with the Giấy khen: Văn phòng Sở and two people (the
	// one voted down and the Bằng khen ones are not printed).
	if res.Pages != 3 || len(res.Parts) != 3 || res.Parts[0].Title != "Văn phòng Sở" {
		t.Fatalf("certificates %+v", res.Parts)
	}
	text := pdfText(t, res.PDF)
	wantAll(t, "giấy khen", text, "Văn phòng Sở", "Đã có thành tích xuất sắc trong Phong trào thi đua", "Quyết định số 15/QĐ-STNMT",
		"Quảng Bình, ngày 10 tháng 01 năm 2026", "Nguyễn Huệ", "Ông "+f.staffName(t, 2))
	wantNone(t, "giấy khen", text, "Thanh tra Sở", f.staffName(t, 5))
	at := wordBoxes(t, res.PDF)["Quyết"]
	if math.Abs(at[0]-40) > 0.5 || math.Abs(at[1]-100) > 1.5 {
		t.Fatalf("decision field at %v, want x 40, baseline 100", at)
	}

	// A printer's offset moves every field.
	o, err := f.svc.SaveOffset(ctx, f.agencyID, award.PrinterOffset{Printer: "Canon LBP 2900", DX: 2.54, DY: -1.5})
	if err != nil || o.DX != 2.5 || o.DY != -1.5 {
		t.Fatalf("offset %+v %v", o, err)
	}
	if o, err = f.svc.SaveOffset(ctx, f.agencyID, award.PrinterOffset{Printer: "Canon LBP 2900", DX: 3, DY: -1.5}); err != nil || o.Version != 2 {
		t.Fatalf("offset again %+v %v", o, err)
	}
	if list, _ := f.svc.Offsets(ctx, f.agencyID); len(list) != 1 || list[0].DX != 3 {
		t.Fatalf("offsets %+v", list)
	}
	if _, err := f.svc.SaveOffset(ctx, f.agencyID, award.PrinterOffset{Printer: "", DX: 45}); err == nil {
		t.Fatal("a bad offset was saved")
	}
	res, err = f.svc.PrintCertificates(ctx, f.agencyID, f.proposal.ID, l.Code, "Canon LBP 2900")
	if err != nil {
		t.Fatal(err)
	}
	moved := wordBoxes(t, res.PDF)["Quyết"]
	if math.Abs(moved[0]-at[0]-3) > 0.2 || math.Abs(moved[1]-at[1]+1.5) > 0.2 {
		t.Fatalf("offset moved %v → %v", at, moved)
	}

	// The calibration page of the layout's paper, with the offset.
	cal, err := f.svc.Calibration(ctx, f.agencyID, l.Code, "Canon LBP 2900")
	if err != nil {
		t.Fatal(err)
	}
	wantAll(t, "trang căn chỉnh", pdfText(t, cal.PDF), "TRANG CĂN CHỈNH MÁY IN", "X = 3 mm", "Y = -1,5 mm")
	if sizes := pageSizes(t, cal.PDF); len(sizes) != 1 || sizes[0] != "841.89 x 595.28" {
		t.Fatalf("calibration paper %v", sizes)
	}

	// Reset brings the built-in positions back.
	if r, err := f.svc.ResetLayout(ctx, f.agencyID, l.Code); err != nil || r.Fields[5].X != 30 {
		t.Fatalf("reset %+v %v", r, err)
	}
	if _, err := f.svc.PrintCertificates(ctx, f.agencyID, f.proposal.ID, "khong-co", ""); err == nil {
		t.Fatal("unknown layout printed")
	}
}

func TestExportList(t *testing.T) {
	ctx := context.Background()
	fixedToday(t, "2025-12-20")
	f := newFx(t, defaultNominees)
	var buf bytes.Buffer
	if err := f.svc.ExportList(ctx, f.agencyID, f.proposal.ID, &buf); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := x.GetRows(sheet.SheetAwardList)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != sheet.HeaderRow+8 || rows[sheet.HeaderRow][0] != "I. TẬP THỂ" || rows[sheet.HeaderRow+3][0] != "II. CÁ NHÂN" {
		t.Fatalf("rows %q", rows)
	}
	vp := rows[sheet.HeaderRow+1]
	if vp[1] != "Văn phòng Sở" || vp[6] != "Giấy khen" || vp[8] != "8/9" || vp[10] != "Đạt" {
		t.Fatalf("row %q", vp)
	}
	down := rows[len(rows)-1]
	if down[1] != f.staffName(t, 5) || down[10] != "Không đạt" {
		t.Fatalf("row %q", down)
	}
	if !strings.Contains(rows[1][0], "Tổng kết") || !strings.Contains(rows[1][0], "Đã xét") {
		t.Errorf("subtitle %q", rows[1][0])
	}
	p := filepath.Join(t.TempDir(), "ds.xlsx")
	if err := f.svc.ExportListTo(ctx, f.agencyID, f.proposal.ID, p); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(p); err != nil || fi.Size() == 0 {
		t.Fatal("no workbook written")
	}
}

type pdfField = pdf.PlacedField
