package pdf

import (
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// Layout constants (mm unless the name says pt). The choices the decree
// leaves open are documented here and in the package's report:
//   - line spacing: single, i.e. the font's own line height
//     (ascent + descent + line gap = 1.15 em, 16.1 pt at 14 pt);
//   - paragraph spacing: 6 pt before every block (the decree's minimum);
//   - first-line indent: 1.27 cm for paragraphs, dashes, bases and headings;
//   - page numbers: 14 pt, centred over the text block, baseline at half the
//     top margin + 3 mm (13 mm with the default 20 mm margin);
//   - appendices: each starts on a new page and numbers its pages from 1; as
//     on the main text, its first page shows no number.
const (
	bodyPt       = 14.0
	headerPt     = 13.0
	numberPt     = 13.0
	subjectPt    = 12.0
	titlePt      = 14.0
	datePt       = 14.0
	recipHeadPt  = 12.0
	recipPt      = 11.0
	signPt       = 14.0
	signNotePt   = 13.0
	pageNumPt    = 14.0
	tablePt      = 12.0
	paraGapPt    = 6.0
	indentMM     = 12.7
	ruleWidthPt  = 0.5
	signSpaceMM  = 27.0
	cellPadX     = 1.5
	cellPadY     = 0.8
	tableRulePt  = 0.5
	footerGapPt  = 12.0
	headerColMin = 55.0
	headerRight  = 100.0
)

// Default margins and their legal ranges (mm).
var (
	defaultMargins = Margins{Top: 20, Bottom: 20, Left: 30, Right: 15}
	marginRange    = map[string][2]float64{"top": {20, 25}, "bottom": {20, 25}, "left": {30, 35}, "right": {15, 20}}
)

func clamp(v, lo, hi float64) float64 {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

// effectiveMargins applies the defaults to zero values and clamps the rest
// to the legal ranges.
func effectiveMargins(m Margins) Margins {
	fix := func(v, def float64, side string) float64 {
		if v == 0 || v != v {
			return def
		}
		r := marginRange[side]
		return clamp(v, r[0], r[1])
	}
	return Margins{
		Top:    fix(m.Top, defaultMargins.Top, "top"),
		Bottom: fix(m.Bottom, defaultMargins.Bottom, "bottom"),
		Left:   fix(m.Left, defaultMargins.Left, "left"),
		Right:  fix(m.Right, defaultMargins.Right, "right"),
	}
}

// vline is one line of a column: it knows its height, where its baseline
// sits and how to draw itself in a column of width w at top y.
type vline struct {
	h    float64
	base float64
	draw func(x, w, y float64)
	gap  bool // empty space: may be cut where a row splits
}

// column of a row.
type column struct {
	x, w  float64 // outer box, relative to the left margin
	lines []vline
}

// item is a unit of the vertical flow.
type item struct {
	before  float64
	h       float64
	keep    bool // keep with the next item
	brk     bool // page break
	draw    func(y float64)
	split   func(avail float64) (first, rest *item)
	tbl     *tableCtx
	isHdr   bool
	section bool // starts a new section (appendix): new page, numbering from 1
	land    bool
}

type tableCtx struct {
	repeat bool
	header *item
}

type renderer struct {
	set      *fontSet
	f        *fpdf.Fpdf
	m        measurer
	c        *cleaner
	mg       Margins
	pageW    float64
	pageH    float64
	land     bool
	y        float64
	fresh    bool // nothing but a repeated header on this page yet
	secPage  int
	pages    int
	added    [4][]bool
	buf      []byte
	trace    *[]traceRun // tests: every text run and rule drawn
	lineW    float64
	hasPages bool
}

func (r *renderer) textW() float64  { return r.pageW - r.mg.Left - r.mg.Right }
func (r *renderer) bottom() float64 { return r.pageH - r.mg.Bottom }
func (r *renderer) bodyH() float64  { return r.pageH - r.mg.Top - r.mg.Bottom }

// lineMetrics returns the line height and the baseline offset for a size.
func (r *renderer) lineMetrics(size float64) (h, base float64) {
	fc := r.set.faces[stReg]
	em := size * ptToMM
	return em * (fc.ascent + fc.desc + fc.gap), em * (fc.ascent + fc.gap/2)
}

// placed is a fragment of text at an absolute x (mm); space asks for a
// space character before it (between two words).
type placed struct {
	x     float64
	text  string
	style int
	space bool
}

// text draws s (already cleaned) with its baseline at y.
func (r *renderer) text(x, y float64, s string, style int, size float64) {
	r.emitLine(y, size, []placed{{x: x, text: s, style: style}})
}

// emitLine writes one line of text as a single BT…ET block: one Tf per
// change of plane or style, TJ arrays with kerning to put every word at
// its x. The glyph advances the viewer applies are the font's Widths
// array, the same integers the layout measured with, so the positions
// agree exactly; real space characters keep text extraction simple.
func (r *renderer) emitLine(y, size float64, ps []placed) {
	if len(ps) == 0 {
		return
	}
	enc := r.set.enc
	b := r.buf[:0]
	b = append(b, "BT "...)
	b = strconv.AppendFloat(b, ps[0].x/ptToMM, 'f', 2, 64)
	b = append(b, ' ')
	b = strconv.AppendFloat(b, (r.pageH-y)/ptToMM, 'f', 2, 64)
	b = append(b, " Td"...)
	pen := ps[0].x
	curPlane, curStyle := -1, -1
	inTJ := false
	closeTJ := func() {
		if inTJ {
			b = append(b, ")] TJ"...)
			inTJ = false
		}
	}
	sizeStr := strconv.FormatFloat(size, 'f', -1, 64)
	useFont := func(plane, style int) {
		if plane == curPlane && style == curStyle {
			return
		}
		closeTJ()
		r.ensureFont(plane, style)
		b = append(b, " /F"...)
		b = append(b, r.set.faces[style].ids[plane]...)
		b = append(b, ' ')
		b = append(b, sizeStr...)
		b = append(b, " Tf"...)
		curPlane, curStyle = plane, style
	}
	openStr := func() {
		if !inTJ {
			b = append(b, " [("...)
			inTJ = true
		}
	}
	for i, p := range ps {
		if p.space && curPlane >= 0 {
			openStr()
			b = append(b, ' ')
			pen += r.m.runeW(' ', curStyle, size)
		}
		first := true
		for _, ch := range p.text {
			code := enc.code.get(ch)
			if code == 0 {
				continue // cleaned text never gets here
			}
			plane := int(code >> 8)
			if ch == ' ' && curPlane >= 0 {
				plane = curPlane // code 32 is a space in every plane
			}
			st := p.style
			if ch == ' ' && curStyle >= 0 {
				st = curStyle
			}
			useFont(plane, st)
			if first {
				first = false
				if d := p.x - pen; i > 0 && (d > 1e-4 || d < -1e-4) {
					openStr()
					b = append(b, ") "...)
					b = strconv.AppendFloat(b, -d/ptToMM*1000/size, 'f', 1, 64)
					b = append(b, " ("...)
				}
				pen = p.x
			}
			openStr()
			switch c := byte(code); c {
			case '(', ')', '\\':
				b = append(b, '\\', c)
			default:
				b = append(b, c)
			}
			pen += r.m.runeW(ch, st, size)
		}
	}
	closeTJ()
	b = append(b, " ET"...)
	if r.trace != nil {
		*r.trace = append(*r.trace, traceRun{page: r.pages, pageW: r.pageW, pageH: r.pageH, x0: ps[0].x, x1: pen, base: y, size: size, text: tracedText(ps)})
	}
	r.f.RawWriteStr(string(b))
	r.buf = b
}

// ensureFont registers a plane of a style with this document's fpdf.
func (r *renderer) ensureFont(plane, style int) {
	if !r.added[style][plane] {
		fc := r.set.faces[style]
		r.f.AddFontFromBytes("cs"+strconv.Itoa(plane), styleNames[style], fc.defs[plane], fc.z)
		r.added[style][plane] = true
	}
}

func (r *renderer) rule(x1, x2, y float64) {
	w := ruleWidthPt * ptToMM
	if w != r.lineW {
		r.f.SetLineWidth(w)
		r.lineW = w
	}
	r.f.Line(x1, y, x2, y)
	if r.trace != nil {
		*r.trace = append(*r.trace, traceRun{page: r.pages, pageW: r.pageW, pageH: r.pageH, x0: x1, x1: x2, base: y, rule: true})
	}
}

// traceRun records a drawn line of text or a rule (mm, page 1-based).
type traceRun struct {
	page         int
	pageW, pageH float64
	x0, x1, base float64
	size         float64 // pt; 0 for a rule
	text         string
	rule         bool
}

func tracedText(ps []placed) string {
	var b strings.Builder
	for i, p := range ps {
		if p.space && i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(p.text)
	}
	return b.String()
}

// newPage starts a page; section starts a new numbering.
func (r *renderer) newPage(land, section bool) {
	r.land = land
	if land {
		r.f.AddPageFormat("L", fpdf.SizeType{Wd: 210, Ht: 297})
		r.pageW, r.pageH = 297, 210
	} else {
		r.f.AddPageFormat("P", fpdf.SizeType{Wd: 210, Ht: 297})
		r.pageW, r.pageH = 210, 297
	}
	r.lineW = -1
	r.pages++
	r.hasPages = true
	if section {
		r.secPage = 1
	} else {
		r.secPage++
	}
	if r.secPage >= 2 {
		n := strconv.Itoa(r.secPage)
		w := r.m.textW(n, stReg, pageNumPt)
		r.text(r.mg.Left+(r.textW()-w)/2, r.mg.Top/2+3, n, stReg, pageNumPt)
	}
	r.y = r.mg.Top
	r.fresh = true
}

// place runs the page-breaking loop over items.
func (r *renderer) place(items []*item) {
	for i := 0; i < len(items); i++ {
		it := items[i]
		if it.section {
			r.newPage(it.land, true)
			continue
		}
		if it.brk {
			if !r.fresh {
				r.newPage(r.land, false)
			}
			continue
		}
		before := it.before
		if r.fresh {
			before = 0
		}
		// Keep chains: move the chain to the next page when it does not
		// fit here but fits on a page.
		if it.keep && !r.fresh {
			ch := before + it.h
			for j := i; j+1 < len(items) && items[j].keep; j++ {
				nx := items[j+1]
				if nx.brk || nx.section {
					break
				}
				ch += nx.before + nx.h
			}
			if r.y+ch > r.bottom()+eps && ch <= r.bodyH()-r.hdrH(it) {
				r.breakFor(it)
				before = 0
			}
		}
		if r.y+before+it.h > r.bottom()+eps {
			fitsPage := it.h <= r.bodyH()-r.hdrH(it)+eps
			if fitsPage || it.split == nil {
				if !r.fresh {
					r.breakFor(it)
					before = 0
				}
			}
			if r.y+before+it.h > r.bottom()+eps && it.split != nil {
				first, rest := it.split(r.bottom() - r.y - before)
				if first == nil && !r.fresh {
					r.breakFor(it)
					before = 0
					first, rest = it.split(r.bottom() - r.y)
				}
				if first != nil {
					r.y += before
					first.draw(r.y)
					r.y += first.h
					r.fresh = false
					if rest != nil {
						items[i] = rest
						rest.before = 0
						r.breakFor(rest)
						i--
					}
					continue
				}
			}
		}
		r.y += before
		it.draw(r.y)
		r.y += it.h
		if !it.isHdr {
			r.fresh = false
		}
	}
}

func (r *renderer) hdrH(it *item) float64 {
	if it.tbl != nil && it.tbl.repeat && it.tbl.header != nil && !it.isHdr {
		return it.tbl.header.h
	}
	return 0
}

// breakFor starts a new page for it, repeating its table's header.
func (r *renderer) breakFor(it *item) {
	r.newPage(r.land, false)
	if it.tbl != nil && it.tbl.repeat && it.tbl.header != nil && !it.isHdr {
		h := it.tbl.header
		if h.h <= r.bodyH()/2 {
			h.draw(r.y)
			r.y += h.h
		}
	}
}

// --- building blocks ---

// para is a block of text to lay out: spans in one size, an alignment
// ('J' justified, 'L', 'C', 'R'), a first-line indent and a hanging indent
// (mm), and a prefix ("- ", "I. ") set before the first word.
type para struct {
	spans  []span
	size   float64
	align  byte
	first  float64
	hang   float64
	prefix []span
}

// layout lays p out for a column of width w as vlines.
func (r *renderer) layout(p para, w float64) []vline {
	words := r.m.words(append(append([]span(nil), p.prefix...), p.spans...), p.size)
	lines := r.m.breakLines(words, w, p.first, p.hang, p.size)
	h, base := r.lineMetrics(p.size)
	out := make([]vline, 0, len(lines))
	for i := range lines {
		ln := lines[i]
		last := i == len(lines)-1 || hardBreakAfter(lines, i)
		ind := p.hang
		if i == 0 {
			ind = p.first
		}
		size := p.size
		align := p.align
		out = append(out, vline{h: h, base: base, draw: func(x, cw, y float64) {
			avail := cw - ind
			x0 := x + ind
			extra := 0.0
			switch align {
			case 'C':
				x0 += (avail - ln.w) / 2
			case 'R':
				x0 += avail - ln.w
			case 'J':
				if !last && len(ln.words) > 1 && avail > ln.w {
					extra = (avail - ln.w) / float64(len(ln.words)-1)
				}
			}
			ps := make([]placed, 0, len(ln.words)+2)
			for k, wd := range ln.words {
				wx := x0 + ln.xs[k] + float64(k)*extra
				for fi, fr := range wd.frags {
					ps = append(ps, placed{x: wx, text: fr.text, style: fr.style, space: fi == 0 && k > 0})
					wx += fr.w
				}
			}
			r.emitLine(y+base, size, ps)
		}})
	}
	return out
}

// lineItems turns vlines of a full-width block into flow items with
// widow/orphan control.
func (r *renderer) lineItems(ls []vline, before float64, keepAll bool) []*item {
	items := make([]*item, len(ls))
	n := len(ls)
	for i, l := range ls {
		l := l
		it := &item{h: l.h, draw: func(y float64) { l.draw(r.mg.Left, r.textW(), y) }}
		if i == 0 {
			it.before = before
		}
		// Orphan: never the first line alone; widow: never the last alone.
		if keepAll || (n > 1 && (i == 0 || i == n-2)) {
			it.keep = true
		}
		items[i] = it
	}
	return items
}

// rowItem makes a (possibly bordered) row of columns; it splits by lines.
func (r *renderer) rowItem(cols []column, border bool, padY float64) *item {
	h := 0.0
	for _, c := range cols {
		ch := 0.0
		for _, l := range c.lines {
			ch += l.h
		}
		if ch > h {
			h = ch
		}
	}
	h += 2 * padY
	it := &item{h: h}
	padX := 0.0
	if border {
		padX = cellPadX
	}
	it.draw = func(y float64) {
		for _, c := range cols {
			x := r.mg.Left + c.x
			if border {
				r.cellBorder(x, y, c.w, h)
				r.f.ClipRect(x, y, c.w, h, false)
			}
			ly := y + padY
			for _, l := range c.lines {
				l.draw(x+padX, c.w-2*padX, ly)
				ly += l.h
			}
			if border {
				r.f.ClipEnd()
			}
		}
	}
	it.split = func(avail float64) (*item, *item) {
		room := avail - 2*padY
		var first, rest []column
		any := false
		for _, c := range cols {
			acc := 0.0
			k := 0
			for k < len(c.lines) && acc+c.lines[k].h <= room+eps {
				acc += c.lines[k].h
				k++
			}
			fc, rc := c, c
			fc.lines, rc.lines = c.lines[:k:k], c.lines[k:]
			// Empty space is cut: part here, the rest on the next page.
			if k < len(c.lines) && c.lines[k].gap && room-acc > eps {
				fc.lines = append(fc.lines, spacer(room-acc))
				rc.lines = append([]vline{spacer(c.lines[k].h - (room - acc))}, c.lines[k+1:]...)
				any = true
			}
			if k > 0 {
				any = true
			}
			first = append(first, fc)
			rest = append(rest, rc)
		}
		if !any {
			return nil, nil
		}
		a := r.rowItem(first, border, padY)
		remaining := false
		for _, c := range rest {
			for _, l := range c.lines {
				if !l.gap {
					remaining = true
				}
			}
		}
		if !remaining {
			return a, nil
		}
		b := r.rowItem(rest, border, padY)
		b.tbl, b.keep = it.tbl, it.keep
		return a, b
	}
	return it
}

func (r *renderer) cellBorder(x, y, w, h float64) {
	lw := tableRulePt * ptToMM
	if lw != r.lineW {
		r.f.SetLineWidth(lw)
		r.lineW = lw
	}
	r.f.Rect(x, y, w, h, "D")
}

// narrow centres lines laid out for width bw in whatever column they get.
func narrow(ls []vline, bw float64) []vline {
	out := make([]vline, len(ls))
	for i, l := range ls {
		d := l.draw
		out[i] = vline{h: l.h, base: l.base, draw: func(x, w, y float64) { d(x+(w-bw)/2, bw, y) }}
	}
	return out
}

// spacer is an empty vline.
func spacer(h float64) vline { return vline{h: h, gap: true, draw: func(x, w, y float64) {}} }

// ruleLine is a vline holding a centred rule of the given width.
func (r *renderer) ruleLine(width, h float64) vline {
	return vline{h: h, draw: func(x, w, y float64) {
		r.rule(x+(w-width)/2, x+(w+width)/2, y+h/2)
	}}
}

// alignFirstBaselines pads the column whose first baseline is higher.
func alignFirstBaselines(a, b *column) {
	if len(a.lines) == 0 || len(b.lines) == 0 {
		return
	}
	d := a.lines[0].base - b.lines[0].base
	if d > 0 {
		b.lines = append([]vline{spacer(d)}, b.lines...)
	} else if d < 0 {
		a.lines = append([]vline{spacer(-d)}, a.lines...)
	}
}

// maxLineW returns the width of the widest laid-out line of spans.
func (r *renderer) maxLineW(sp []span, size, w float64) float64 {
	lines := r.m.breakLines(r.m.words(sp, size), w, 0, 0, size)
	mx := 0.0
	for _, l := range lines {
		if l.w > mx {
			mx = l.w
		}
	}
	return mx
}

func upper(sp []span) []span {
	out := make([]span, len(sp))
	for i, s := range sp {
		out[i] = span{strings.ToUpper(s.text), s.style}
	}
	return out
}

// plain cleans one string as a span list in style st.
func (r *renderer) plain(s string, st int) []span {
	return r.c.spans([]span{{s, st}})
}

// keepSpaces turns runs of two or more spaces into no-break spaces so the
// blanks of a draft number or date keep their width.
func keepSpaces(s string) string {
	if !strings.Contains(s, "  ") {
		return s
	}
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		if rs[i] == ' ' && ((i+1 < len(rs) && rs[i+1] == ' ') || (i > 0 && rs[i-1] == ' ')) {
			b.WriteRune('\u00a0')
		} else {
			b.WriteRune(rs[i])
		}
	}
	return b.String()
}

// --- the document ---

func (r *renderer) headerItems(d Doc) []*item {
	h := d.Header
	tw := r.textW()
	leftW, agencyPt := r.headerSplit(d)
	rightW := tw - leftW
	var left, right column
	left.w, right.x, right.w = leftW, leftW, rightW
	gap := 1.6 // mm between a line and its rule

	// Left: governing body (regular caps) and issuer (bold caps) with a
	// rule of 40 % of the issuer's widest line.
	if s := strings.TrimSpace(h.ParentBody); s != "" {
		sp := upper(r.plain(s, stReg))
		left.lines = append(left.lines, r.layout(para{spans: sp, size: agencyPt, align: 'C'}, leftW)...)
	}
	if s := strings.TrimSpace(h.Issuer); s != "" {
		sp := upper(r.plain(s, stB))
		left.lines = append(left.lines, r.layout(para{spans: sp, size: agencyPt, align: 'C'}, leftW)...)
		rw := 0.4 * r.maxLineW(sp, agencyPt, leftW)
		left.lines = append(left.lines, r.ruleLine(rw, 2*gap))
	}
	// Right: Quốc hiệu 13 (12 if too wide), Tiêu ngữ 14 (13) with a rule
	// of exactly its width.
	qh := r.plain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", stB)
	qs := 13.0
	if r.m.textW(qh[0].text, stB, qs) > rightW {
		qs = 12
	}
	tn := r.plain("Độc lập - Tự do - Hạnh phúc", stB)
	ts := 14.0
	if r.m.textW(tn[0].text, stB, ts) > rightW {
		ts = 13
	}
	right.lines = append(right.lines, r.layout(para{spans: qh, size: qs, align: 'C'}, rightW)...)
	right.lines = append(right.lines, r.layout(para{spans: tn, size: ts, align: 'C'}, rightW)...)
	right.lines = append(right.lines, r.ruleLine(r.maxLineW(tn, ts, rightW), 2*gap))
	items := []*item{r.rowItem([]column{left, right}, false, 0)}

	// Số and the date on one baseline; V/v under Số.
	var num, date column
	num.w, date.x, date.w = leftW, leftW, rightW
	if h.Number != 0 || strings.TrimSpace(h.Symbol) != "" {
		s := "Số: " + keepSpaces(FormatNumber(h.Number, strings.TrimSpace(h.Symbol)))
		num.lines = r.layout(para{spans: r.plain(s, stReg), size: numberPt, align: 'C'}, leftW)
	}
	iso := h.Date
	if _, err := time.Parse("2006-01-02", iso); err != nil {
		iso = ""
	}
	dl := keepSpaces(FormatDateLine(strings.TrimSpace(h.Place), iso, h.Year))
	dsp := r.plain(dl, stI)
	ds := datePt
	if r.maxLineW(dsp, ds, 1e6) > rightW {
		ds = 13
	}
	date.lines = r.layout(para{spans: dsp, size: ds, align: 'C'}, rightW)
	alignFirstBaselines(&num, &date)
	if s := strings.TrimSpace(h.Subject); s != "" {
		if !strings.HasPrefix(s, "V/v") {
			s = "V/v " + s
		}
		num.lines = append(num.lines, spacer(paraGapPt*ptToMM))
		num.lines = append(num.lines, r.layout(para{spans: r.plain(s, stReg), size: subjectPt, align: 'C'}, leftW)...)
	}
	row := r.rowItem([]column{num, date}, false, 0)
	row.before = 2.5
	items = append(items, row)
	return items
}

// headerSplit chooses the width of the left header column and the size of
// the agency lines: 65 mm and 13 pt by default; when the agency names do
// not fit on one line, the column widens (down to a right column of 97 mm,
// where the Quốc hiệu still fits at 13 pt, or 90 mm at 12 pt) and/or the
// size drops to 12 pt. Names too long even then wrap at 13 pt in 65 mm.
func (r *renderer) headerSplit(d Doc) (float64, float64) {
	tw := r.textW()
	std := tw - headerRight
	if std < headerColMin {
		std = headerColMin
	}
	// Measure with a scratch cleaner: headerItems cleans (and reports) these.
	scratch := &cleaner{set: r.set, replaced: map[rune]int{}}
	var sps [][]span
	if s := strings.TrimSpace(d.Header.ParentBody); s != "" {
		sps = append(sps, upper(scratch.spans([]span{{s, stReg}})))
	}
	if s := strings.TrimSpace(d.Header.Issuer); s != "" {
		sps = append(sps, upper(scratch.spans([]span{{s, stB}})))
	}
	for _, size := range []float64{headerPt, 12} {
		need := 0.0
		for _, sp := range sps {
			need = max(need, r.maxLineW(sp, size, 1e6))
		}
		need += 2
		if need <= std {
			return std, size
		}
		if need <= tw-97 || need <= tw-90 {
			return need, size
		}
	}
	return std, headerPt
}

// balanced returns the narrowest width (down to 60 %) that keeps the number
// of lines spans need at width w, so centred titles wrap evenly.
func (r *renderer) balanced(sp []span, size, w float64) float64 {
	n := len(r.m.breakLines(r.m.words(sp, size), w, 0, 0, size))
	if n <= 1 {
		return w
	}
	lo, hi := w*0.6, w
	for range 12 {
		mid := (lo + hi) / 2
		if len(r.m.breakLines(r.m.words(sp, size), mid, 0, 0, size)) > n {
			lo = mid
		} else {
			hi = mid
		}
	}
	return hi
}

func (r *renderer) titleItems(d Doc) []*item {
	t := d.Title
	tn := strings.TrimSpace(t.TypeName)
	sum := strings.TrimSpace(t.Summary)
	if tn == "" && (sum == "" || strings.TrimSpace(d.Header.Subject) != "") {
		return nil
	}
	var ls []vline
	w := r.textW()
	var widest float64
	var tsp []span
	if tn != "" {
		tsp = upper(r.plain(tn, stB))
		ls = append(ls, r.layout(para{spans: tsp, size: titlePt, align: 'C'}, w)...)
	}
	if sum != "" {
		sp := r.c.spans(parseInline(sum, stB))
		bw := r.balanced(sp, titlePt, w)
		ls = append(ls, narrow(r.layout(para{spans: sp, size: titlePt, align: 'C'}, bw), bw)...)
		widest = r.maxLineW(sp, titlePt, bw)
	} else {
		widest = r.maxLineW(tsp, titlePt, w)
	}
	ls = append(ls, r.ruleLine(0.4*widest, 3.2))
	items := r.lineItems(ls, 9, true)
	return items
}

func (r *renderer) kinhGuiItems(d Doc) []*item {
	var names []string
	for _, k := range d.KinhGui {
		if s := strings.TrimSpace(k); s != "" {
			names = append(names, s)
		}
	}
	if len(names) == 0 {
		return nil
	}
	w := r.textW()
	label := r.plain("Kính gửi:", stReg)
	labelW := r.m.textW(label[0].text, stReg, bodyPt)
	spaceW := r.m.runeW(' ', stReg, bodyPt)
	if len(names) == 1 {
		sp := append(append([]span(nil), label...), span{" ", stReg})
		sp = append(sp, r.c.spans(parseInline(strings.TrimRight(names[0], ";."), stReg))...)
		natural := r.maxLineW(sp, bodyPt, 1e6)
		if natural <= w {
			return r.lineItems(r.layout(para{spans: sp, size: bodyPt, align: 'C'}, w), paraGapPt*ptToMM*2, true)
		}
		return r.lineItems(r.layout(para{spans: sp, size: bodyPt, align: 'L', hang: labelW + spaceW}, w), paraGapPt*ptToMM*2, true)
	}
	// A list: "Kính gửi:" then "- name;" lines, the dashes under the colon.
	colon := labelW - r.m.runeW(':', stReg, bodyPt)
	dashW := r.m.textW("- ", stReg, bodyPt)
	var entries [][]span
	widest := 0.0
	for i, n := range names {
		n = strings.TrimRight(n, ";.")
		end := ";"
		if i == len(names)-1 {
			end = "."
		}
		sp := r.c.spans(parseInline(n+end, stReg))
		entries = append(entries, sp)
		if lw := r.maxLineW(sp, bodyPt, 1e6); lw > widest {
			widest = lw
		}
	}
	block := colon + dashW + widest
	x0 := (w - block) / 2
	if x0 < 0 || block > w {
		x0 = indentMM
		if colon+dashW+x0 > w/2 {
			x0 = 0
		}
	}
	var ls []vline
	ls = append(ls, r.layout(para{spans: label, size: bodyPt, align: 'L', first: x0}, w)...)
	for _, sp := range entries {
		pre := []span{{"- ", stReg}}
		ls = append(ls, r.layout(para{spans: sp, prefix: pre, size: bodyPt, align: 'L', first: x0 + colon, hang: x0 + colon + dashW}, w)...)
	}
	return r.lineItems(ls, paraGapPt*ptToMM*2, true)
}

// blockItems lays out body blocks.
func (r *renderer) blockItems(blocks []Block) []*item {
	var items []*item
	w := r.textW()
	gap := paraGapPt * ptToMM
	for _, b := range blocks {
		switch b.Kind {
		case KindPageBreak:
			items = append(items, &item{brk: true})
		case KindTable:
			if b.Table == nil {
				continue
			}
			items = append(items, r.tableItems(b.Table, gap)...)
		case KindHeading1, KindHeading2, KindHeading3:
			st, sep := stB, ". "
			if b.Kind == KindHeading3 {
				st, sep = stI, ") "
			}
			sp := r.c.spans(parseInline(b.Text, st))
			if b.Kind == KindHeading1 {
				sp = upper(sp)
			}
			var pre []span
			if l := strings.TrimSpace(b.Label); l != "" {
				if b.Kind == KindHeading1 {
					l = strings.ToUpper(l)
				}
				pre = r.c.spans([]span{{l + sep, st}})
			}
			ls := r.layout(para{spans: sp, prefix: pre, size: bodyPt, align: 'J', first: indentMM}, w)
			items = append(items, r.lineItems(ls, gap, true)...)
			items[len(items)-1].keep = true // a heading stays with what follows
		case KindCenter:
			ls := r.layout(para{spans: r.c.spans(parseInline(b.Text, stReg)), size: bodyPt, align: 'C'}, w)
			its := r.lineItems(ls, gap, false)
			items = append(items, its...)
		default: // paragraph, dash, basis and unknown kinds print as paragraphs
			st := stReg
			if b.Kind == KindBasis {
				st = stI
			}
			sp := r.c.spans(parseInline(b.Text, st))
			var pre []span
			if b.Kind == KindDash {
				pre = []span{{"- ", stReg}}
			}
			ls := r.layout(para{spans: sp, prefix: pre, size: bodyPt, align: 'J', first: indentMM}, w)
			items = append(items, r.lineItems(ls, gap, false)...)
		}
	}
	return items
}

// withEndMark returns blocks with "./." at the end of the last text block;
// when the content ends with a table, a "./." line is added.
func withEndMark(blocks []Block) []Block {
	out := append([]Block(nil), blocks...)
	for i := len(out) - 1; i >= 0; i-- {
		b := out[i]
		switch b.Kind {
		case KindPageBreak:
			continue
		case KindTable:
			if b.Table == nil {
				continue
			}
			return append(out, Block{Kind: KindParagraph, Text: "./."})
		}
		t := strings.TrimRight(b.Text, " \t\n")
		switch {
		case strings.HasSuffix(t, "./."):
		case strings.HasSuffix(t, "."):
			t += "/."
		case strings.HasSuffix(t, ";") || strings.HasSuffix(t, ",") || strings.HasSuffix(t, ":"):
			t = t[:len(t)-1] + "./."
		default:
			t += "./."
		}
		out[i].Text = t
		return out
	}
	return out
}

// tableItems lays out a table as rows.
func (r *renderer) tableItems(t *Table, before float64) []*item {
	ncol := len(t.Columns)
	if ncol == 0 {
		return nil
	}
	tw := r.textW()
	total := 0.0
	for _, c := range t.Columns {
		if c.Width > 0 && c.Width < 1e9 {
			total += c.Width
		}
	}
	widths := make([]float64, ncol)
	for i, c := range t.Columns {
		if total > 0 && c.Width > 0 && c.Width < 1e9 {
			widths[i] = c.Width / total * tw
		} else if total > 0 {
			widths[i] = 0
		} else {
			widths[i] = tw / float64(ncol)
		}
	}
	// Columns without a width share 10 % each of the text width.
	zero := 0
	for _, w := range widths {
		if w == 0 {
			zero++
		}
	}
	if zero > 0 {
		share := tw * 0.1
		if share*float64(zero) > tw/2 {
			share = tw / 2 / float64(zero)
		}
		scale := (tw - share*float64(zero)) / tw
		for i := range widths {
			if widths[i] == 0 {
				widths[i] = share
			} else {
				widths[i] *= scale
			}
		}
	}
	size := t.FontSize
	if size <= 0 || size != size {
		size = tablePt
	}
	size = clamp(size, 8, 14)
	// Narrow columns: shrink the type so the widest glyph fits a cell.
	minW := widths[0]
	for _, w := range widths {
		if w < minW {
			minW = w
		}
	}
	for size > 6 && r.m.runeW('W', stB, size)+2*cellPadX > minW {
		size -= 0.5
	}
	xs := make([]float64, ncol+1)
	for i, w := range widths {
		xs[i+1] = xs[i] + w
	}
	ctx := &tableCtx{repeat: t.RepeatHeader}
	mk := func(cells []Cell, header bool) *item {
		var cols []column
		ci := 0
		for _, c := range cells {
			if ci >= ncol {
				break
			}
			span := c.Span
			if span < 1 {
				span = 1
			}
			if ci+span > ncol {
				span = ncol - ci
			}
			st := stReg
			if c.Bold || header {
				st = stB
			}
			align := byte('C')
			if !header && span == 1 {
				switch strings.ToUpper(t.Columns[ci].Align) {
				case "L":
					align = 'L'
				case "R":
					align = 'R'
				case "J":
					align = 'J'
				}
			} else if !header && span > 1 {
				align = 'L'
			}
			cw := xs[ci+span] - xs[ci]
			ls := r.layout(para{spans: r.plain(c.Text, st), size: size, align: align}, cw-2*cellPadX)
			cols = append(cols, column{x: xs[ci], w: cw, lines: ls})
			ci += span
		}
		for ; ci < ncol; ci++ { // missing cells are empty
			cols = append(cols, column{x: xs[ci], w: xs[ci+1] - xs[ci]})
		}
		if header { // centre header cells vertically
			mh := 0.0
			for _, c := range cols {
				h := 0.0
				for _, l := range c.lines {
					h += l.h
				}
				if h > mh {
					mh = h
				}
			}
			for i := range cols {
				h := 0.0
				for _, l := range cols[i].lines {
					h += l.h
				}
				if d := (mh - h) / 2; d > 0 {
					cols[i].lines = append([]vline{spacer(d)}, cols[i].lines...)
				}
			}
		}
		it := r.rowItem(cols, true, cellPadY)
		it.tbl = ctx
		return it
	}
	var items []*item
	hdrCells := make([]Cell, ncol)
	hasTitle := false
	for i, c := range t.Columns {
		hdrCells[i] = Cell{Text: c.Title}
		if strings.TrimSpace(c.Title) != "" {
			hasTitle = true
		}
	}
	if hasTitle {
		h := mk(hdrCells, true)
		h.isHdr, h.keep = true, true
		ctx.header = h
		items = append(items, h)
	}
	for _, row := range t.Rows {
		it := mk(row, false)
		if len(row) > 0 && row[0].Span >= ncol && ncol > 1 {
			it.keep = true // a group row stays with its first row
		}
		items = append(items, it)
	}
	if len(items) > 0 {
		items[0].before = before
	}
	return items
}

// footerItem builds the Nơi nhận / signature table.
func (r *renderer) footerItem(d Doc) *item {
	f := d.Footer
	hasRight := len(f.Authority) > 0 || strings.TrimSpace(f.SignerName) != ""
	if !hasRight && len(f.Recipients) == 0 && f.Left == nil {
		return nil
	}
	tw := r.textW()
	rightW := headerRight
	if tw-rightW < headerColMin {
		rightW = tw - headerColMin
	}
	leftW := tw - rightW
	var left column
	left.w = leftW
	right := column{x: leftW, w: rightW}
	if f.Left != nil {
		// Two signers: their names share a line, so the block with the
		// shorter title gets the longer signing space.
		lTop, lName := r.signerParts(f.Left.Authority, f.Left.Note, "", f.Left.Name, leftW)
		rTop, rName := r.signerParts(f.Authority, f.Note, f.SignNote, f.SignerName, rightW)
		if d := linesH(lTop) - linesH(rTop); d > 0 {
			rTop = append(rTop, spacer(d))
		} else if d < 0 {
			lTop = append(lTop, spacer(-d))
		}
		left.lines = append(lTop, lName...)
		right.lines = append(rTop, rName...)
		it := r.rowItem([]column{left, right}, false, 0)
		it.before = footerGapPt * ptToMM
		return it
	}
	if len(f.Recipients) > 0 {
		left.lines = r.layout(para{spans: r.plain("Nơi nhận:", stBI), size: recipHeadPt, align: 'L'}, leftW)
		dashW := r.m.textW("- ", stReg, recipPt)
		for _, rc := range f.Recipients {
			rc = strings.TrimSpace(rc)
			rc = strings.TrimSpace(strings.TrimPrefix(rc, "- "))
			left.lines = append(left.lines, r.layout(para{spans: r.plain(rc, stReg), prefix: []span{{"- ", stReg}}, size: recipPt, align: 'L', hang: dashW}, leftW)...)
		}
	}
	right.lines = r.signerLines(f.Authority, f.Note, f.SignNote, f.SignerName, rightW)
	alignFirstBaselines(&left, &right)
	it := r.rowItem([]column{left, right}, false, 0)
	it.before = footerGapPt * ptToMM
	return it
}

// signerLines: authority (bold caps), an optional italic note under it,
// the signing space (with an italic note inside) and the name.
func (r *renderer) signerLines(auth []string, note, spaceNote, name string, w float64) []vline {
	top, nm := r.signerParts(auth, note, spaceNote, name, w)
	return append(top, nm...)
}

// linesH is the height of laid-out lines.
func linesH(ls []vline) float64 {
	h := 0.0
	for _, l := range ls {
		h += l.h
	}
	return h
}

// signerParts is signerLines split before the name: the authority, its
// note and the signing space, then the name.
func (r *renderer) signerParts(auth []string, note, spaceNote, name string, w float64) (top, nameLines []vline) {
	var ls []vline
	for _, a := range auth {
		if a = strings.TrimSpace(a); a != "" {
			ls = append(ls, r.layout(para{spans: upper(r.plain(a, stB)), size: signPt, align: 'C'}, w)...)
		}
	}
	if n := strings.TrimSpace(note); n != "" {
		ls = append(ls, r.layout(para{spans: r.plain(n, stI), size: signNotePt, align: 'C'}, w)...)
	}
	space := signSpaceMM
	if n := strings.TrimSpace(spaceNote); n != "" {
		nl := r.layout(para{spans: r.plain(n, stI), size: signNotePt, align: 'C'}, w)
		nh := 0.0
		for _, l := range nl {
			nh += l.h
		}
		top := (space - nh) / 2
		if top < 0 {
			top = 0
		}
		ls = append(ls, spacer(top))
		ls = append(ls, nl...)
		if rest := space - top - nh; rest > 0 {
			ls = append(ls, spacer(rest))
		}
	} else {
		ls = append(ls, spacer(space))
	}
	if n := strings.TrimSpace(name); n != "" {
		nameLines = r.layout(para{spans: r.plain(n, stB), size: signPt, align: 'C'}, w)
	}
	return ls, nameLines
}

func (r *renderer) appendixItems(a Appendix) []*item {
	items := []*item{{section: true, land: a.Landscape}}
	// The appendix geometry is needed to lay it out: switch now, the
	// section item re-applies it when the page is created.
	r.setGeometry(a.Landscape)
	w := r.textW()
	var ls []vline
	if s := strings.TrimSpace(a.Label); s != "" {
		ls = append(ls, r.layout(para{spans: r.plain(s, stB), size: 14, align: 'C'}, w)...)
	}
	var widest float64
	if s := strings.TrimSpace(a.Title); s != "" {
		sp := upper(r.plain(s, stB))
		bw := r.balanced(sp, 14, w)
		ls = append(ls, narrow(r.layout(para{spans: sp, size: 14, align: 'C'}, bw), bw)...)
		widest = r.maxLineW(sp, 14, bw)
	}
	if s := strings.TrimSpace(a.Ref); s != "" {
		sp := r.plain(s, stI)
		ls = append(ls, r.layout(para{spans: sp, size: 14, align: 'C'}, w)...)
		if widest == 0 {
			widest = r.maxLineW(sp, 14, w)
		}
	}
	if len(ls) > 0 {
		ls = append(ls, r.ruleLine(0.4*widest, 3.2))
		items = append(items, r.lineItems(ls, 0, true)...)
	}
	items = append(items, r.blockItems(withEndMark(a.Body))...)
	return items
}

func (r *renderer) setGeometry(land bool) {
	if land {
		r.pageW, r.pageH = 297, 210
	} else {
		r.pageW, r.pageH = 210, 297
	}
}

// render lays the whole document out.
func (r *renderer) render(d Doc) {
	r.setGeometry(false)
	var items []*item
	items = append(items, &item{section: true})
	items = append(items, r.headerItems(d)...)
	items = append(items, r.titleItems(d)...)
	items = append(items, r.kinhGuiItems(d)...)
	body := r.blockItems(withEndMark(d.Body))
	if len(body) > 0 {
		body[0].before += paraGapPt * ptToMM
	}
	items = append(items, body...)
	if ft := r.footerItem(d); ft != nil {
		// The signature block never stands alone: it keeps the last two
		// lines of the content with it.
		for k, n := len(items)-1, 0; k >= 0 && n < 2; k-- {
			if items[k].brk || items[k].section {
				break
			}
			items[k].keep = true
			n++
		}
		items = append(items, ft)
	}
	r.place(items)
	for _, a := range d.Appendices {
		its := r.appendixItems(a)
		r.place(its)
	}
}
