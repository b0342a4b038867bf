package pdf

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"codeberg.org/go-pdf/fpdf"
)

// PlacedField is a text field at an absolute position on a pre-printed
// blank (a certificate).
type PlacedField struct {
	// Key names the value in PlacedPage.Values, e.g. "ho_ten".
	Key string `json:"key"`
	// Label is shown in the layout editor.
	Label string `json:"label"`
	// X, Y are mm from the paper's top-left corner to the text's anchor:
	// baseline-left for align "L", baseline-centre for "C", baseline-right
	// for "R". Further lines (wrapping, "\n") go below the first.
	X float64 `json:"x"`
	Y float64 `json:"y"`
	// W is the maximum width in mm, placed around the anchor according to
	// the alignment: text wider than W shrinks (down to 70 % of Size, not
	// below 6 pt), then wraps inside W. 0 means no limit.
	W float64 `json:"w"`
	// Size in pt; 0 means 14.
	Size float64 `json:"size"`
	// Style is "", "B", "I" or "BI".
	Style string `json:"style"`
	// Align is "L", "C" or "R"; anything else is "L".
	Align string `json:"align"`
}

// PlacedPage is one sheet of paper W×H mm (landscape when W > H) with its
// fields and their values. A field whose value is missing or blank prints
// nothing.
type PlacedPage struct {
	W      float64           `json:"w"`
	H      float64           `json:"h"`
	Fields []PlacedField     `json:"fields"`
	Values map[string]string `json:"values"`
}

// Placed-text limits.
const (
	placedDefaultPt = 14.0
	placedMinRatio  = 0.7
	placedMinPt     = 6.0
	paperMinMM      = 20.0
	paperMaxMM      = 2000.0
)

func finite(vs ...float64) bool {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

func checkPaper(w, h float64) error {
	if !finite(w, h) || w < paperMinMM || h < paperMinMM || w > paperMaxMM || h > paperMaxMM {
		return fmt.Errorf("pdf: paper size %v×%v mm is outside %v–%v mm", w, h, paperMinMM, paperMaxMM)
	}
	return nil
}

// newSheet starts a page of w×h mm without page number or margins.
func (r *renderer) newSheet(w, h float64) {
	if w > h {
		r.f.AddPageFormat("L", fpdf.SizeType{Wd: h, Ht: w})
	} else {
		r.f.AddPageFormat("P", fpdf.SizeType{Wd: w, Ht: h})
	}
	r.pageW, r.pageH = w, h
	r.lineW = -1
	r.pages++
	r.hasPages = true
}

// RenderPlaced prints pages of text fields at absolute positions, every
// field moved by (dx, dy) mm (the printer's offset, see CalibrationPage).
// Text is cleaned like Render's (NFC; characters the font lacks are
// replaced and reported in Result.Replaced). Markup is not interpreted.
func (e *Engine) RenderPlaced(pages []PlacedPage, dx, dy float64, meta Meta) (out []byte, res Result, err error) {
	return e.renderPlaced(pages, dx, dy, meta, nil)
}

func (e *Engine) renderPlaced(pages []PlacedPage, dx, dy float64, meta Meta, trace *[]traceRun) (out []byte, res Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			out, res, err = nil, Result{}, fmt.Errorf("pdf: render placed: %v", p)
		}
	}()
	if len(pages) == 0 {
		return nil, Result{}, errors.New("pdf: no pages")
	}
	if !finite(dx, dy) {
		return nil, Result{}, errors.New("pdf: the offset is not a number")
	}
	for _, p := range pages {
		if err := checkPaper(p.W, p.H); err != nil {
			return nil, Result{}, err
		}
		for _, fd := range p.Fields {
			if !finite(fd.X, fd.Y, fd.W, fd.Size) {
				return nil, Result{}, fmt.Errorf("pdf: field %q has a position or size that is not a number", fd.Key)
			}
		}
	}
	f := newFpdf()
	r := e.newRenderer(f, trace)
	for _, p := range pages {
		r.newSheet(p.W, p.H)
		for _, fd := range p.Fields {
			v, ok := p.Values[fd.Key]
			if !ok || strings.TrimSpace(v) == "" {
				continue
			}
			r.placeField(fd, v, dx, dy)
		}
	}
	b, err := e.output(f, meta, meta.Title, meta.Author)
	if err != nil {
		return nil, Result{}, err
	}
	return b, Result{Pages: r.pages, Font: e.set.info.Family, Replaced: r.c.report()}, nil
}

func styleIndex(s string) int {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "B":
		return stB
	case "I":
		return stI
	case "BI", "IB":
		return stBI
	}
	return stReg
}

// fitField returns the size (pt) and the lines of v in field fd: the
// field's size when the widest line fits W, else smaller down to the
// minimum, then wrapped within W.
func (r *renderer) fitField(fd PlacedField, v string) (float64, []span, float64) {
	st := styleIndex(fd.Style)
	sp := r.plain(v, st)
	size := fd.Size
	if size <= 0 {
		size = placedDefaultPt
	}
	size = clamp(size, 4, 200)
	natural := r.maxLineW(sp, size, 1e9)
	w := fd.W
	if w <= 0 {
		return size, sp, natural
	}
	if natural > w+eps {
		minSize := max(size*placedMinRatio, min(placedMinPt, size))
		s := math.Floor(size*w/natural*10) / 10
		size = max(s, minSize)
	}
	return size, sp, w
}

// placeField draws one field.
func (r *renderer) placeField(fd PlacedField, v string, dx, dy float64) {
	size, sp, w := r.fitField(fd, v)
	if len(sp) == 0 {
		return
	}
	x := fd.X + dx
	switch strings.ToUpper(strings.TrimSpace(fd.Align)) {
	case "C":
		x -= w / 2
	case "R":
		x -= w
	}
	align := byte('L')
	switch strings.ToUpper(strings.TrimSpace(fd.Align)) {
	case "C":
		align = 'C'
	case "R":
		align = 'R'
	}
	ls := r.layout(para{spans: sp, size: size, align: align}, w+eps)
	y := fd.Y + dy
	for _, l := range ls {
		l.draw(x, w, y-l.base)
		y += l.h
	}
}

// CalibrationPage is a test sheet of w×h mm for a printer's offset: a cross
// 20 mm from the top-left corner and one 20 mm from the bottom-right
// corner, rulers every 10 mm along the top and left edges, the offset in
// use and how to correct it. Every mark is moved by (dx, dy) mm exactly as
// RenderPlaced moves fields, so what the user measures on paper is what
// the fields will get.
func (e *Engine) CalibrationPage(w, h, dx, dy float64, meta Meta) (out []byte, res Result, err error) {
	return e.calibration(w, h, dx, dy, meta, nil)
}

// Calibration marks (mm).
const (
	calibCross  = 20.0 // distance of the crosses from the corners
	calibArm    = 6.0  // half length of a cross arm
	calibLineMM = 0.2
	calibTick   = 4.0 // short ruler tick; 8 at every 50 mm
)

func (e *Engine) calibration(w, h, dx, dy float64, meta Meta, trace *[]traceRun) (out []byte, res Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			out, res, err = nil, Result{}, fmt.Errorf("pdf: calibration page: %v", p)
		}
	}()
	if err := checkPaper(w, h); err != nil {
		return nil, Result{}, err
	}
	if !finite(dx, dy) {
		return nil, Result{}, errors.New("pdf: the offset is not a number")
	}
	f := newFpdf()
	r := e.newRenderer(f, trace)
	r.newSheet(w, h)
	f.SetLineWidth(calibLineMM)
	line := func(x1, y1, x2, y2 float64) {
		f.Line(x1+dx, y1+dy, x2+dx, y2+dy)
	}
	cross := func(cx, cy float64) {
		line(cx-calibArm, cy, cx+calibArm, cy)
		line(cx, cy-calibArm, cx, cy+calibArm)
		f.Circle(cx+dx, cy+dy, 2, "D")
	}
	cross(calibCross, calibCross)
	cross(w-calibCross, h-calibCross)

	const labelPt = 7.0
	for x := 10.0; x < w-1; x += 10 {
		l := calibTick
		if math.Mod(x, 50) == 0 {
			l = 2 * calibTick
		}
		line(x, 0, x, l)
		if x > calibCross+calibArm { // the left ruler labels the corner
			n := strconv.Itoa(int(x))
			r.text(x+dx-r.m.textW(n, stReg, labelPt)/2, 2*calibTick+3+dy, n, stReg, labelPt)
		}
	}
	for y := 10.0; y < h-1; y += 10 {
		l := calibTick
		if math.Mod(y, 50) == 0 {
			l = 2 * calibTick
		}
		line(0, y, l, y)
		if y > calibCross+calibArm || y < calibCross-calibArm {
			n := strconv.Itoa(int(y))
			r.text(2*calibTick+1+dx, y+dy+1, n, stReg, labelPt)
		}
	}
	// Labels next to the crosses.
	r.text(calibCross+3+dx, calibCross+calibArm+4+dy, "(20; 20)", stReg, 9)
	br := r.plain("(cách mép phải 20; mép dưới 20)", stReg)[0].text
	r.text(w-calibCross-calibArm-2-r.m.textW(br, stReg, 9)+dx, h-calibCross+calibArm+4+dy, br, stReg, 9)

	// The text block, not moved: it is read, not measured.
	tx := 35.0
	tw := w - 2*tx
	if tw < 60 {
		tx, tw = 10, w-20
	}
	y := 45.0
	para1 := func(s string, st int, size float64, align byte) {
		ls := r.layout(para{spans: r.plain(s, st), size: size, align: align}, tw)
		for _, l := range ls {
			if y+l.h > h-calibCross-calibArm-8 {
				return
			}
			l.draw(tx, tw, y)
			y += l.h
		}
		y += 2
	}
	para1("TRANG CĂN CHỈNH MÁY IN", stB, 14, 'C')
	para1(fmt.Sprintf("Khổ giấy %s × %s mm", mmText(w), mmText(h)), stI, 12, 'C')
	para1(fmt.Sprintf("Độ lệch đang dùng: X = %s mm, Y = %s mm", mmText(dx), mmText(dy)), stB, 12, 'C')
	y += 2
	for _, s := range []string{
		"1. In trang này trên đúng loại giấy sẽ in, đặt giấy vào khay như khi in thật.",
		"2. Đo khoảng cách từ mép trái giấy đến tâm dấu + ở góc trên bên trái (gọi là a) và từ mép trên giấy đến tâm dấu đó (gọi là b). Khi máy in đúng, a = 20 mm và b = 20 mm.",
		"3. Độ lệch mới: X = X đang dùng + (20 − a); Y = Y đang dùng + (20 − b). Ví dụ: đo được a = 22 mm thì giảm X đi 2 mm. Nhập độ lệch mới rồi in lại trang này để kiểm tra.",
		"4. Dấu + ở góc dưới bên phải cũng phải cách mép phải và mép dưới giấy 20 mm. Nếu dấu trên trái đã đúng mà dấu này sai, máy in đang co giãn trang: tắt \"Vừa trang\" (Fit to page), chọn tỉ lệ 100 % và đúng khổ giấy.",
		"5. Thước ở mép trên và mép trái có vạch mỗi 10 mm (vạch dài mỗi 50 mm), đo từ mép giấy.",
	} {
		para1(s, stReg, 12, 'L')
	}
	b, err := e.output(f, meta, orDefault(meta.Title, "Trang căn chỉnh máy in"), meta.Author)
	if err != nil {
		return nil, Result{}, err
	}
	return b, Result{Pages: r.pages, Font: e.set.info.Family, Replaced: r.c.report()}, nil
}

func orDefault(s, def string) string {
	if infoText(s) == "" {
		return def
	}
	return s
}

// mmText formats millimetres the Vietnamese way: decimal comma, at most
// two decimals, "-" for negative values.
func mmText(v float64) string {
	s := strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
	if s == "-0" {
		s = "0"
	}
	return strings.Replace(s, ".", ",", 1)
}
