package pdf

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// lineOf returns the words of page pg whose baseline is within 0.5 pt of
// the first word matching first, left to right.
func lineOf(t testing.TB, p pdoc, pg int, first string) []pword {
	t.Helper()
	ws := p.find(pg, first)
	if len(ws) != 1 {
		t.Fatalf("%q found %d times on page %d", first, len(ws), pg)
	}
	base := baseline(ws[0])
	var out []pword
	for _, w := range p.onPage(pg) {
		if near(baseline(w), base, 0.5) {
			out = append(out, w)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].xMin < out[j].xMin })
	return out
}

func TestPlacedPositions(t *testing.T) {
	needPoppler(t)
	const dx, dy = 3.2, -1.7
	fields := []PlacedField{
		{Key: "ten", Label: "Họ và tên", X: 148.5, Y: 100, W: 200, Size: 28, Style: "B", Align: "C"},
		{Key: "donvi", X: 40, Y: 130, W: 150, Size: 16, Style: "I", Align: "L"},
		{Key: "ngay", X: 260, Y: 180, W: 100, Size: 14, Align: "R"},
		{Key: "so", X: 30, Y: 190, Size: 12, Style: "BI"}, // no width limit, default align
		{Key: "trong", X: 10, Y: 10, W: 80},
		{Key: "thieu", X: 10, Y: 20, W: 80},
	}
	vals := map[string]string{
		"ten":   "Nguyễn Thị Ước",
		"donvi": "Phòng Tài nguyên nước",
		"ngay":  "Quảng Bình, ngày 05 tháng 9 năm 2025",
		"so":    "Số sổ vàng: 125/BK",
		"trong": "  \n ",
	}
	pages := []PlacedPage{{W: 297, H: 210, Fields: fields, Values: vals}, {W: 148, H: 210, Fields: []PlacedField{{Key: "ten", X: 74, Y: 100, W: 120, Size: 24, Align: "C"}}, Values: map[string]string{"ten": "Trần Văn Ấn", "donvi": "Văn phòng"}}}
	pdf, res, err := engine(t).RenderPlaced(pages, dx, dy, Meta{Title: "Bằng khen"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Pages != 2 || len(res.Replaced) != 0 {
		t.Fatalf("%+v", res)
	}
	p := bbox(t, pdf)
	if len(p.pages) != 2 || !near(p.pages[0].w, 297*mmPt, 0.1) || !near(p.pages[0].h, 210*mmPt, 0.1) ||
		!near(p.pages[1].w, 148*mmPt, 0.1) || !near(p.pages[1].h, 210*mmPt, 0.1) {
		t.Fatalf("pages %v", p.pages)
	}
	const tol = 0.5 * mmPt // 0.5 mm
	check := func(what string, got, want float64) {
		t.Helper()
		if !near(got, want*mmPt, tol) {
			t.Errorf("%s at %.2f mm, want %.2f mm", what, got/mmPt, want)
		}
	}
	// Centre: the middle of the line.
	ten := lineOf(t, p, 1, "Nguyễn")
	check("centred name (centre)", (ten[0].xMin+ten[len(ten)-1].xMax)/2, 148.5+dx)
	check("centred name (baseline)", baseline(ten[0]), 100+dy)
	if h := ten[0].yMax - ten[0].yMin; !near(h, 28*1.107, 0.3) {
		t.Errorf("name box %.1f pt high, want 28 pt type", h)
	}
	// Left: the start of the line.
	dv := lineOf(t, p, 1, "Phòng")
	check("left field (x)", dv[0].xMin, 40+dx)
	check("left field (baseline)", baseline(dv[0]), 130+dy)
	// Right: the end of the line.
	ng := lineOf(t, p, 1, "Quảng")
	check("right field (end)", ng[len(ng)-1].xMax, 260+dx)
	check("right field (baseline)", baseline(ng[0]), 180+dy)
	so := lineOf(t, p, 1, "sổ")
	check("unbounded field (x)", so[0].xMin, 30+dx)
	if got := strings.Fields(text(t, pdf, "-f", "1", "-l", "1")); len(got) != 19 {
		t.Errorf("page 1 text %q: blank and missing values must print nothing", got)
	}
	// Portrait page 2.
	an := lineOf(t, p, 2, "Trần")
	check("page 2 name", (an[0].xMin+an[len(an)-1].xMax)/2, 74+dx)
	check("page 2 name (baseline)", baseline(an[0]), 100+dy)

	// The renderer's own record agrees to the hundredth of a millimetre.
	var tr []traceRun
	if _, _, err := engine(t).renderPlaced(pages, dx, dy, Meta{}, &tr); err != nil {
		t.Fatal(err)
	}
	for _, r := range tr {
		switch r.text {
		case "Nguyễn Thị Ước":
			if !near((r.x0+r.x1)/2, 148.5+dx, 0.01) || !near(r.base, 100+dy, 0.01) {
				t.Errorf("trace %+v", r)
			}
		case "Quảng Bình, ngày 05 tháng 9 năm 2025":
			if !near(r.x1, 260+dx, 0.01) || !near(r.base, 180+dy, 0.01) {
				t.Errorf("trace %+v", r)
			}
		}
	}
}

func TestPlacedShrinkAndWrap(t *testing.T) {
	needPoppler(t)
	long := "Trung tâm Công nghệ thông tin tài nguyên và môi trường tỉnh Quảng Bình"
	fields := []PlacedField{
		// Needs a little shrinking: one line, inside 120 mm, smaller type.
		{Key: "a", X: 148.5, Y: 60, W: 120, Size: 14, Style: "B", Align: "C"},
		// Cannot fit even at 70 %: wraps at the smallest size, inside W.
		{Key: "b", X: 30, Y: 100, W: 80, Size: 20, Align: "L"},
		{Key: "c", X: 280, Y: 150, W: 60, Size: 16, Align: "R"},
		// A single word wider than W is cut.
		{Key: "d", X: 150, Y: 185, W: 30, Size: 14, Align: "C"},
	}
	vals := map[string]string{"a": long, "b": long + " " + long, "c": "Dòng một\nDòng hai dài hơn một chút", "d": strings.Repeat("Nghiêng", 10)}
	pages := []PlacedPage{{W: 297, H: 210, Fields: fields, Values: vals}}
	pdf, _, err := engine(t).RenderPlaced(pages, 0, 0, Meta{})
	if err != nil {
		t.Fatal(err)
	}
	var tr []traceRun
	if _, _, err := engine(t).renderPlaced(pages, 0, 0, Meta{}, &tr); err != nil {
		t.Fatal(err)
	}
	box := map[string][2]float64{"a": {88.5, 208.5}, "b": {30, 110}, "c": {220, 280}, "d": {135, 165}}
	// Each line belongs to the field with the nearest Y above it.
	lines := map[string][]traceRun{}
	for _, r := range tr {
		k := ""
		for _, f := range fields {
			if f.Y <= r.base+0.01 {
				k = f.Key
			}
		}
		lines[k] = append(lines[k], r)
	}
	for k, b := range box {
		if len(lines[k]) == 0 {
			t.Fatalf("field %s not drawn", k)
		}
		for _, r := range lines[k] {
			if r.x0 < b[0]-0.01 || r.x1 > b[1]+0.01 {
				t.Errorf("field %s: %q at %.2f–%.2f outside %.2f–%.2f", k, r.text, r.x0, r.x1, b[0], b[1])
			}
		}
	}
	if a := lines["a"]; len(a) != 1 || a[0].size >= 14 || a[0].size < 14*0.7 || a[0].x1-a[0].x0 < 115 {
		t.Errorf("field a: want one line shrunk just enough, got %+v", a)
	}
	if b := lines["b"]; len(b) < 2 || b[0].size != 14 || !near(b[1].base-b[0].base, 14*ptToMM*1.149, 0.1) {
		t.Errorf("field b: want lines at 70 %% (14 pt) one line apart, got %+v", b)
	}
	if c := lines["c"]; len(c) != 2 || c[0].text != "Dòng một" || !near(c[0].x1, 280, 0.01) || !near(c[1].x1, 280, 0.01) {
		t.Errorf("field c: %+v", c)
	}
	// Read back: every word inside its box (pdftotext boxes, 0.2 mm).
	p := bbox(t, pdf)
	for _, w := range p.words {
		inside := false
		for _, b := range box {
			if w.xMin >= b[0]*mmPt-0.6 && w.xMax <= b[1]*mmPt+0.6 {
				inside = true
			}
		}
		if !inside {
			t.Errorf("%q at %.1f–%.1f mm is in no field box", w.text, w.xMin/mmPt, w.xMax/mmPt)
		}
	}
}

func TestPlacedTextCleaning(t *testing.T) {
	needPoppler(t)
	pages := []PlacedPage{{W: 210, H: 297, Fields: []PlacedField{{Key: "x", X: 20, Y: 50, W: 170}, {Key: "y", X: 20, Y: 80, W: 170}},
		Values: map[string]string{"x": "Vie\u0302\u0323t Nam **không** đậm", "y": "Vui 😀 quá\x07"}}}
	pdf, res, err := engine(t).RenderPlaced(pages, 0, 0, Meta{})
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(strings.Fields(text(t, pdf)), " ")
	if !strings.Contains(got, "Việt Nam **không** đậm") || !strings.Contains(got, "Vui ? quá") {
		t.Errorf("text %q", got)
	}
	codes := map[string]int{}
	for _, r := range res.Replaced {
		codes[r.Code] = r.Count
	}
	if len(codes) != 2 || codes["U+1F600"] != 1 || codes["U+0007"] != 1 {
		t.Errorf("replaced %+v", res.Replaced)
	}
}

func TestPlacedBadInput(t *testing.T) {
	e := engine(t)
	nan := math.NaN()
	for name, c := range map[string]struct {
		pages  []PlacedPage
		dx, dy float64
	}{
		"no pages":    {},
		"zero paper":  {pages: []PlacedPage{{}}},
		"huge paper":  {pages: []PlacedPage{{W: 1e6, H: 100}}},
		"nan paper":   {pages: []PlacedPage{{W: nan, H: 100}}},
		"nan offset":  {pages: []PlacedPage{{W: 100, H: 100}}, dx: nan},
		"inf field":   {pages: []PlacedPage{{W: 100, H: 100, Fields: []PlacedField{{Key: "a", X: math.Inf(1)}}}}},
		"nan size":    {pages: []PlacedPage{{W: 100, H: 100, Fields: []PlacedField{{Key: "a", Size: nan}}}}},
		"neg. offset": {pages: []PlacedPage{{W: 100, H: 100}}, dy: math.Inf(-1)},
	} {
		if out, _, err := e.RenderPlaced(c.pages, c.dx, c.dy, Meta{}); err == nil || out != nil {
			t.Errorf("%s: want an error, got %v", name, err)
		}
	}
	if _, _, err := e.CalibrationPage(0, 297, 0, 0, Meta{}); err == nil {
		t.Error("calibration of a zero page")
	}
	if _, _, err := e.CalibrationPage(210, 297, nan, 0, Meta{}); err == nil {
		t.Error("calibration with a NaN offset")
	}
	// Odd but valid: fields off the page, negative and huge sizes, odd
	// styles and alignments; fuzz seeds as values.
	var fields []PlacedField
	vals := map[string]string{}
	for i, s := range renderSeeds {
		k := strconv.Itoa(i)
		fields = append(fields, PlacedField{Key: k, X: float64(i*37%300) - 50, Y: float64(i * 20), W: float64(i*13%90) - 10, Size: float64(i*7%40) - 5, Style: []string{"", "B", "I", "BI", "x"}[i%5], Align: []string{"L", "C", "R", "", "?"}[i%5]})
		vals[k] = s
	}
	pdf, res, err := e.RenderPlaced([]PlacedPage{{W: 210, H: 297, Fields: fields, Values: vals}}, -300, 400, Meta{})
	if err != nil || res.Pages != 1 || len(pdf) == 0 {
		t.Fatalf("odd fields: %v %+v", err, res)
	}
}

func TestPlacedDeterministic(t *testing.T) {
	pages := []PlacedPage{{W: 297, H: 210, Fields: []PlacedField{{Key: "a", X: 100, Y: 100, W: 50, Size: 20}}, Values: map[string]string{"a": "Nguyễn Văn Bình"}}}
	a, _, err := engine(t).RenderPlaced(pages, 1, 2, Meta{CreatedAt: "2025-01-01T00:00:00Z"})
	if err != nil {
		t.Fatal(err)
	}
	b, _, _ := engine(t).RenderPlaced(pages, 1, 2, Meta{CreatedAt: "2025-01-01T00:00:00Z"})
	c, _, _ := engine(t).CalibrationPage(297, 210, 1, 2, Meta{})
	d, _, _ := engine(t).CalibrationPage(297, 210, 1, 2, Meta{})
	if !bytes.Equal(a, b) || !bytes.Equal(c, d) {
		t.Fatal("same input gave different bytes")
	}
}

// gray is a grey-scale raster: 0 black, 255 white.
type gray struct {
	w, h  int
	px    []byte
	perMM float64
}

func (g gray) dark(x, y int) bool { return g.px[y*g.w+x] < 160 }

// raster renders page 1 of pdf with pdftoppm at 254 dpi (10 px per mm).
func raster(t testing.TB, pdf []byte) gray {
	t.Helper()
	dir := t.TempDir()
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, "pdftoppm", "-gray", "-r", "254", "-f", "1", "-l", "1", "-singlefile", in, filepath.Join(dir, "out"))
	b, err := os.ReadFile(filepath.Join(dir, "out.pgm"))
	if err != nil {
		t.Fatal(err)
	}
	rd := bufio.NewReader(bytes.NewReader(b))
	var magic string
	var w, h, maxv int
	if _, err := fmt.Fscan(rd, &magic, &w, &h, &maxv); err != nil || magic != "P5" || maxv != 255 {
		t.Fatalf("pgm header: %v %s %d", err, magic, maxv)
	}
	rd.ReadByte() // the single whitespace after the header
	px := make([]byte, w*h)
	if _, err := io.ReadFull(rd, px); err != nil {
		t.Fatalf("pgm data: %v", err)
	}
	return gray{w: w, h: h, px: px, perMM: 10}
}

// crossAt finds the centre (mm) of a cross near (x, y) mm: the column and
// the row holding the most dark pixels within ±r mm.
func (g gray) crossAt(x, y, r float64) (float64, float64) {
	x0, x1 := int((x-r)*g.perMM), int((x+r)*g.perMM)
	y0, y1 := int((y-r)*g.perMM), int((y+r)*g.perMM)
	cols := map[int]int{}
	rows := map[int]int{}
	for yy := max(y0, 0); yy < min(y1, g.h); yy++ {
		for xx := max(x0, 0); xx < min(x1, g.w); xx++ {
			if g.dark(xx, yy) {
				cols[xx]++
				rows[yy]++
			}
		}
	}
	centre := func(m map[int]int) float64 {
		best := 0
		for _, n := range m {
			best = max(best, n)
		}
		sum, n := 0.0, 0.0
		for k, v := range m {
			if v >= best*7/10 {
				sum += float64(k) * float64(v)
				n += float64(v)
			}
		}
		return (sum/n + 0.5) / g.perMM
	}
	return centre(cols), centre(rows)
}

// ticks returns the centres (mm) of the dark runs along a row (horizontal)
// or a column of pixels at distance at mm.
func (g gray) ticks(at float64, horizontal bool) []float64 {
	var out []float64
	n := g.h
	if horizontal {
		n = g.w
	}
	fixed := int(at * g.perMM)
	start := -1
	for i := 0; i <= n; i++ {
		d := false
		if i < n {
			if horizontal {
				d = g.dark(i, fixed)
			} else {
				d = g.dark(fixed, i)
			}
		}
		if d && start < 0 {
			start = i
		}
		if !d && start >= 0 {
			out = append(out, (float64(start+i)/2)/g.perMM)
			start = -1
		}
	}
	return out
}

func TestCalibrationPage(t *testing.T) {
	needPoppler(t)
	if _, err := os.Stat("/usr/bin/pdftoppm"); err != nil {
		t.Skip("pdftoppm not found")
	}
	for _, c := range []struct{ w, h, dx, dy float64 }{
		{297, 210, 1.5, 2.5},
		{210, 297, -1.2, 0.8},
		{330, 230, 0, 3},
	} {
		t.Run(fmt.Sprintf("%vx%v", c.w, c.h), func(t *testing.T) {
			pdf, res, err := engine(t).CalibrationPage(c.w, c.h, c.dx, c.dy, Meta{})
			if err != nil {
				t.Fatal(err)
			}
			if res.Pages != 1 || len(res.Replaced) != 0 {
				t.Fatalf("%+v", res)
			}
			p := bbox(t, pdf)
			if !near(p.pages[0].w, c.w*mmPt, 0.1) || !near(p.pages[0].h, c.h*mmPt, 0.1) {
				t.Fatalf("page %v", p.pages)
			}
			flat := strings.Join(strings.Fields(text(t, pdf, "-layout")), " ")
			for _, want := range []string{
				"TRANG CĂN CHỈNH MÁY IN",
				fmt.Sprintf("Độ lệch đang dùng: X = %s mm, Y = %s mm", mmText(c.dx), mmText(c.dy)),
				"Đo khoảng cách từ mép trái giấy đến tâm dấu +",
				"X = X đang dùng + (20 − a)",
			} {
				if !strings.Contains(flat, want) {
					t.Errorf("missing %q in %s", want, flat)
				}
			}
			g := raster(t, pdf)
			// The crosses, 20 mm from the corners, moved by the offset.
			for _, want := range [][2]float64{{20 + c.dx, 20 + c.dy}, {c.w - 20 + c.dx, c.h - 20 + c.dy}} {
				x, y := g.crossAt(want[0], want[1], 5)
				t.Logf("cross measured at (%.2f, %.2f) mm, expected (%.2f, %.2f)", x, y, want[0], want[1])
				if !near(x, want[0], 0.2) || !near(y, want[1], 0.2) {
					t.Errorf("cross at (%.2f, %.2f) mm, want (%.2f, %.2f)", x, y, want[0], want[1])
				}
			}
			// The rulers: a tick every 10 mm from the edge, moved likewise.
			top := g.ticks(c.dy+2, true)
			left := g.ticks(c.dx+2, false)
			for name, got := range map[string][]float64{"top": top, "left": left} {
				off, size := c.dx, c.w
				if name == "left" {
					off, size = c.dy, c.h
				}
				var want []float64
				for v := 10.0; v < size-1; v += 10 {
					if v+off > 0.5 && v+off < size-0.5 {
						want = append(want, v+off)
					}
				}
				if len(got) != len(want) {
					t.Errorf("%s ruler: ticks %v, want %v", name, got, want)
					continue
				}
				for i := range want {
					if !near(got[i], want[i], 0.2) {
						t.Errorf("%s ruler tick %d at %.2f mm, want %.2f", name, i, got[i], want[i])
					}
				}
			}
		})
	}
}

func TestMMText(t *testing.T) {
	for in, want := range map[float64]string{0: "0", 1.5: "1,5", -2: "-2", -0.001: "0", 12.345: "12,35", 0.1 + 0.2: "0,3"} {
		if got := mmText(in); got != want {
			t.Errorf("mmText(%v) = %q, want %q", in, got, want)
		}
	}
}

// FuzzPlaced: any value in any field geometry prints without error, and a
// field at least 10 mm wide keeps its lines inside its box.
func FuzzPlaced(f *testing.F) {
	for i, s := range renderSeeds {
		f.Add(s, float64(i*10), float64(i*3), "C", float64(i*2))
	}
	e := engine(f)
	f.Fuzz(func(t *testing.T, s string, w, size float64, align string, dx float64) {
		if len(s) > 2000 {
			s = s[:2000]
		}
		fd := PlacedField{Key: "k", X: 100, Y: 50, W: w, Size: size, Align: align, Style: align}
		pages := []PlacedPage{{W: 210, H: 297, Fields: []PlacedField{fd}, Values: map[string]string{"k": s}}}
		var tr []traceRun
		_, res, err := e.renderPlaced(pages, dx, 0, Meta{}, &tr)
		if !finite(w, size, dx) {
			if err == nil {
				t.Fatal("no error for a value that is not a number")
			}
			return
		}
		if err != nil || res.Pages != 1 {
			t.Fatalf("%v %+v", err, res)
		}
		if w < 10 {
			return
		}
		lo := 100 + dx
		switch strings.ToUpper(strings.TrimSpace(align)) {
		case "C":
			lo -= w / 2
		case "R":
			lo -= w
		}
		for _, r := range tr {
			if r.x0 < lo-0.01 || r.x1 > lo+w+0.01 {
				t.Fatalf("%q at %.2f–%.2f outside %.2f–%.2f", r.text, r.x0, r.x1, lo, lo+w)
			}
		}
	})
}
