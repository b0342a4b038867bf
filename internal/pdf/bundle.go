package pdf

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
)

// Part is one document of a Bundle. A part whose Doc is empty (see
// Doc.IsEmpty) and that has Children is a group: it prints no pages of its
// own, its contents line and bookmark point at its first child. An empty
// part without children prints nothing and is listed without a page.
type Part struct {
	// Title is the contents line and the bookmark text, e.g. "Tờ trình số
	// 12/TTr-STNMT"; empty takes the document's type name and trích yếu.
	Title string `json:"title"`
	Doc   Doc    `json:"doc"`
	// Children are nested parts (e.g. "Báo cáo thành tích" → one per
	// nominee), printed after the part's own document.
	Children []Part `json:"children,omitempty"`
}

// Bundle is one PDF holding several documents in order: a contents page
// first, then every part with its own NĐ 30 page numbering (no number on
// its first page) and its own appendices.
type Bundle struct {
	// Header is the header of the contents page (issuer, place, date; a
	// "Số:" line only when Number or Symbol is set); zero prints none.
	Header Header `json:"header"`
	// Title, e.g. "HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG" (printed upper case, bold);
	// with Subtitle also empty the contents page is titled "MỤC LỤC".
	Title string `json:"title"`
	// Subtitle, e.g. the proposal's name (bold, under the title).
	Subtitle string `json:"subtitle"`
	Parts    []Part `json:"parts"`
	// Meta goes into the information dictionary; an empty title takes
	// Title and Subtitle, an empty author the header's issuer.
	Meta Meta `json:"meta"`
}

// BundleResult describes a rendered bundle.
type BundleResult struct {
	Pages int    `json:"pages"`
	Font  string `json:"font"`
	// Starts is the 1-based start page in the bundle of every part, in
	// depth-first order (a part, then its children); 0 for a part that
	// prints nothing.
	Starts   []int         `json:"starts"`
	Replaced []Replacement `json:"replaced,omitempty"`
}

// IsEmpty reports whether d has nothing to print: no header, title,
// addressees, body, footer or appendices (margins and meta do not count).
func (d Doc) IsEmpty() bool {
	f := d.Footer
	return d.Header == (Header{}) && d.Title == (Title{}) && len(d.KinhGui) == 0 && len(d.Body) == 0 &&
		len(f.Recipients) == 0 && len(f.Authority) == 0 && f.SignerName == "" && f.Note == "" && f.SignNote == "" && f.Left == nil &&
		len(d.Appendices) == 0
}

// Contents page layout.
const (
	contentsPt     = 13.0
	contentsTTW    = 16.0 // mm, the TT column
	contentsPageW  = 18.0 // mm, the Trang column
	contentsIndent = 6.0  // mm per nesting level in the Tài liệu column
	contentsMark   = "Mục lục"
)

// flatPart is a part in depth-first order.
type flatPart struct {
	part  *Part
	level int
	num   string // "1", "1.2", …
	title string
	// last is the index (in the flat list) of the last part of the
	// subtree, itself included.
	last int
}

func flatten(parts []Part, level int, prefix string, out *[]flatPart) {
	for i := range parts {
		p := &parts[i]
		num := strconv.Itoa(i + 1)
		if prefix != "" {
			num = prefix + "." + num
		}
		k := len(*out)
		*out = append(*out, flatPart{part: p, level: level, num: num, title: partTitle(p, num)})
		flatten(p.Children, level+1, num, out)
		(*out)[k].last = len(*out) - 1
	}
}

// partTitle is the title of a part: its own, else the document's type
// name and trích yếu, else "Tài liệu <num>".
func partTitle(p *Part, num string) string {
	if t := strings.TrimSpace(p.Title); t != "" {
		return t
	}
	t := strings.TrimSpace(strings.TrimSpace(p.Doc.Title.TypeName) + " " + strings.TrimSpace(p.Doc.Title.Summary))
	if t != "" {
		return t
	}
	return "Tài liệu " + num
}

// pageSlot is where a contents row's page number goes (recorded when the
// row is drawn, written when the parts are done).
type pageSlot struct {
	page       int
	x, w, base float64
	set        bool
}

// RenderBundle renders b as one PDF: the contents page(s), then every part
// in depth-first order, each exactly as Render prints it (page numbers
// from its second page, appendices with their own numbering, landscape
// appendices). The outline has an entry for the contents and one per part
// (nested like the parts) pointing at its first page. progress, when not
// nil, is called after each part with the number of parts done and the
// total; ctx is checked before each part, and a cancelled context returns
// ctx.Err() and no output. The parts' Meta is not used: b.Meta describes
// the bundle.
func (e *Engine) RenderBundle(ctx context.Context, b Bundle, progress func(done, total int)) ([]byte, BundleResult, error) {
	return e.renderBundle(ctx, b, progress, nil)
}

func (e *Engine) renderBundle(ctx context.Context, b Bundle, progress func(done, total int), trace *[]traceRun) (out []byte, res BundleResult, err error) {
	defer func() {
		if p := recover(); p != nil {
			out, res, err = nil, BundleResult{}, fmt.Errorf("pdf: render bundle: %v", p)
		}
	}()
	if ctx == nil {
		ctx = context.Background()
	}
	if err := ctx.Err(); err != nil {
		return nil, BundleResult{}, err
	}
	var flat []flatPart
	flatten(b.Parts, 0, "", &flat)

	f := newFpdf()
	r := e.newRenderer(f, trace)
	slots := make([]pageSlot, len(flat))
	r.mg = defaultMargins
	r.renderContents(b, flat, slots)
	contentsPages := r.pages

	starts := make([]int, len(flat))
	for i := range flat {
		if err := ctx.Err(); err != nil {
			return nil, BundleResult{}, err
		}
		d := flat[i].part.Doc
		if !d.IsEmpty() {
			r.mg = effectiveMargins(d.Margins)
			starts[i] = r.pages + 1
			r.render(d)
		}
		if progress != nil {
			progress(i+1, len(flat))
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, BundleResult{}, err
	}
	// A group starts where the first printed part of its subtree starts.
	for i := len(flat) - 1; i >= 0; i-- {
		if starts[i] != 0 {
			continue
		}
		for k := i + 1; k <= flat[i].last; k++ {
			if starts[k] != 0 {
				starts[i] = starts[k]
				break
			}
		}
	}
	r.fillPageNumbers(slots, starts)
	r.bookmarks(flat, starts, contentsPages)
	f.SetPage(r.pages)

	title := b.Meta.Title
	if infoText(title) == "" {
		title = strings.TrimSpace(strings.ToUpper(b.Title) + " " + b.Subtitle)
	}
	author := b.Meta.Author
	if infoText(author) == "" {
		author = b.Header.Issuer
	}
	pdf, err := e.output(f, b.Meta, title, author)
	if err != nil {
		return nil, BundleResult{}, err
	}
	if r.pages == 0 {
		return nil, BundleResult{}, errors.New("pdf: no pages")
	}
	return pdf, BundleResult{Pages: r.pages, Font: e.set.info.Family, Starts: starts, Replaced: r.c.report()}, nil
}

// renderContents lays out and draws the contents pages; the page column
// stays empty and every row records its slot.
func (r *renderer) renderContents(b Bundle, flat []flatPart, slots []pageSlot) {
	r.setGeometry(false)
	items := []*item{{section: true}}
	if b.Header != (Header{}) {
		items = append(items, r.headerItems(Doc{Header: b.Header})...)
	}
	t := Title{TypeName: b.Title, Summary: b.Subtitle}
	if strings.TrimSpace(t.TypeName) == "" && strings.TrimSpace(t.Summary) == "" {
		t.TypeName = "Mục lục"
	}
	items = append(items, r.titleItems(Doc{Title: t})...)
	items = append(items, r.contentsTable(flat, slots)...)
	r.place(items)
}

// contentsTable is the ruled table "TT | Tài liệu | Trang".
func (r *renderer) contentsTable(flat []flatPart, slots []pageSlot) []*item {
	tw := r.textW()
	hdr := r.tableItems(&Table{
		Columns: []Column{
			{Title: "TT", Width: contentsTTW},
			{Title: "Tài liệu", Width: tw - contentsTTW - contentsPageW},
			{Title: "Trang", Width: contentsPageW},
		},
		RepeatHeader: true,
		FontSize:     contentsPt,
	}, 2*paraGapPt*ptToMM)
	items := hdr
	var ctx *tableCtx
	if len(hdr) > 0 {
		ctx = hdr[0].tbl
	}
	xs := []float64{0, contentsTTW, tw - contentsPageW, tw}
	lh, base := r.lineMetrics(contentsPt)
	for i, fp := range flat {
		st := stReg
		if len(fp.part.Children) > 0 {
			st = stB
		}
		ind := float64(fp.level) * contentsIndent
		if maxInd := (xs[2] - xs[1]) / 2; ind > maxInd {
			ind = maxInd
		}
		tt := column{x: xs[0], w: xs[1] - xs[0],
			lines: r.layout(para{spans: r.plain(fp.num, st), size: contentsPt, align: 'C'}, xs[1]-xs[0]-2*cellPadX)}
		name := column{x: xs[1], w: xs[2] - xs[1],
			lines: r.layout(para{spans: r.plain(fp.title, st), size: contentsPt, align: 'L', first: ind, hang: ind}, xs[2]-xs[1]-2*cellPadX)}
		i := i
		pg := column{x: xs[2], w: xs[3] - xs[2], lines: []vline{{h: lh, base: base, draw: func(x, w, y float64) {
			slots[i] = pageSlot{page: r.pages, x: x, w: w, base: y + base, set: true}
		}}}}
		it := r.rowItem([]column{tt, name, pg}, true, cellPadY)
		it.tbl = ctx
		items = append(items, it)
	}
	return items
}

// fillPageNumbers goes back to the contents pages and writes every part's
// start page, centred in its cell.
func (r *renderer) fillPageNumbers(slots []pageSlot, starts []int) {
	pages, w, h := r.pages, r.pageW, r.pageH
	defer func() { r.pages, r.pageW, r.pageH = pages, w, h }()
	for i, s := range slots {
		if !s.set || starts[i] == 0 {
			continue
		}
		r.f.SetPage(s.page)
		r.pages = s.page
		r.pageW, r.pageH = 210, 297
		n := strconv.Itoa(starts[i])
		w := r.m.textW(n, stReg, contentsPt)
		r.text(s.x+(s.w-w)/2, s.base, n, stReg, contentsPt)
	}
}

// bookmarks writes the outline: the contents, then one entry per printed
// part, nested like the parts, each pointing at the top of its first page.
func (r *renderer) bookmarks(flat []flatPart, starts []int, contentsPages int) {
	total := r.f.PageCount()
	if total == 0 {
		return
	}
	// fpdf writes each destination as "/XYZ 0 (h−y)·k" with h the height
	// of the last page: choose y so that the top of the target page results.
	_, hLast, _ := r.f.PageSize(total)
	add := func(title string, level, page int) {
		_, h, _ := r.f.PageSize(page)
		r.f.SetPage(page)
		r.f.Bookmark(outlineText(title), level, hLast-h)
	}
	if contentsPages > 0 {
		add(contentsMark, 0, 1)
	}
	for i, fp := range flat {
		if starts[i] == 0 {
			continue
		}
		add(fp.title, fp.level, starts[i])
	}
}

// outlineText encodes an outline title as UTF-16BE with a byte-order mark
// (PDF text string). The engine's fonts are single-byte, so fpdf passes the
// bytes through untouched (it escapes the string delimiters).
func outlineText(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(infoText(s)), " ")
	u := utf16.Encode([]rune(s))
	b := make([]byte, 0, 2+2*len(u))
	b = append(b, 0xFE, 0xFF)
	for _, c := range u {
		b = append(b, byte(c>>8), byte(c))
	}
	return string(b)
}
