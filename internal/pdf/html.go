package pdf

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"strings"

	"chungsuc/internal/vntext"
)

// WriteHTML writes d as print-ready HTML/CSS: A4 pages with the document's
// margins, Times New Roman (Liberation Serif as the fallback), the same
// sizes and styles as the PDF renderer, page numbers in the top margin from
// page 2 (CSS page-margin boxes, honoured by Chromium's print-to-PDF), and
// landscape appendices as named pages. It exists to compare the in-process
// renderer with Chromium and LibreOffice in the benchmark; the PDF
// renderer remains the reference (CSS cannot express per-appendix page
// numbering, the signature block's keep-with rule is approximated by
// break-inside: avoid, and browsers hyphenate and justify differently).
func WriteHTML(d Doc, w io.Writer) error {
	bw := bufio.NewWriter(w)
	hw := &htmlWriter{w: bw}
	hw.doc(d)
	if hw.err != nil {
		return hw.err
	}
	return bw.Flush()
}

type htmlWriter struct {
	w   *bufio.Writer
	err error
}

func (h *htmlWriter) p(format string, args ...any) {
	if h.err != nil {
		return
	}
	_, h.err = fmt.Fprintf(h.w, format, args...)
}

func esc(s string) string { return html.EscapeString(vntext.NFC(strings.TrimSpace(s))) }

// inline renders **bold**, *italic* and ***bold italic*** markup as HTML.
func inlineHTML(s string) string {
	var b strings.Builder
	for _, sp := range parseInline(vntext.NFC(strings.TrimSpace(s)), stReg) {
		t := html.EscapeString(sp.text)
		switch sp.style {
		case stB:
			t = "<b>" + t + "</b>"
		case stI:
			t = "<i>" + t + "</i>"
		case stBI:
			t = "<b><i>" + t + "</i></b>"
		}
		b.WriteString(t)
	}
	return b.String()
}

const htmlCSS = `
@page { size: A4; margin: %[1]gmm %[2]gmm %[3]gmm %[4]gmm;
  @top-center { content: counter(page); font: 14pt "Times New Roman", "Liberation Serif", "Tinos", serif; } }
@page :first { @top-center { content: none; } }
@page land { size: A4 landscape; }
html { -webkit-print-color-adjust: exact; }
body { margin: 0; font-family: "Times New Roman", "Liberation Serif", "Tinos", serif; font-size: 14pt; line-height: 1.15; color: #000; }
table { border-collapse: collapse; }
.hdr { width: 100%%; }
.hdr td { padding: 0; text-align: center; vertical-align: top; }
.hdr td.l { width: 65mm; }
.agency { font-size: 13pt; text-transform: uppercase; }
.ruled { display: inline-block; }
.ruled .r { width: 40%%; margin: 1.2mm auto 0; border-top: 0.5pt solid #000; }
.qh { font-size: 13pt; font-weight: bold; white-space: nowrap; }
.tn { font-size: 14pt; font-weight: bold; display: inline-block; border-bottom: 0.5pt solid #000; padding-bottom: 1.2mm; }
.nd td { vertical-align: baseline; text-align: center; padding-top: 2.5mm; }
.num { font-size: 13pt; }
.vv { font-size: 12pt; margin-top: 6pt; }
.date { font-size: 14pt; font-style: italic; }
.title { text-align: center; font-weight: bold; margin-top: 9mm; }
.title .r { width: 40%%; margin: 1.6mm auto 0; border-top: 0.5pt solid #000; }
.kg { margin: 12pt auto 0; }
.kg td { vertical-align: top; padding: 0; }
p { margin: 6pt 0 0; text-align: justify; text-indent: 12.7mm; orphans: 2; widows: 2; }
p.h1, p.h2 { font-weight: bold; break-after: avoid; }
p.h1 { text-transform: uppercase; }
p.h3 { font-style: italic; break-after: avoid; }
p.basis { font-style: italic; }
p.center { text-align: center; text-indent: 0; }
.grid { width: 100%%; margin-top: 6pt; font-size: 12pt; }
.grid th, .grid td { border: 0.5pt solid #000; padding: 0.8mm 1.5mm; vertical-align: top; }
.grid thead { display: table-header-group; }
.grid th { text-align: center; vertical-align: middle; }
.footer { width: 100%%; margin-top: 12pt; break-inside: avoid; }
.footer td { vertical-align: top; padding: 0; }
.footer td.l { width: 65mm; text-align: left; }
.footer td.r { text-align: center; }
.noinhan { font-size: 12pt; font-weight: bold; font-style: italic; }
.recip { font-size: 11pt; }
.auth { font-weight: bold; text-transform: uppercase; }
.space { height: 27mm; display: flex; align-items: center; justify-content: center; font-size: 13pt; font-style: italic; }
.name { font-weight: bold; }
.appendix { break-before: page; }
.appendix.land { page: land; }
.appendix .head { text-align: center; font-weight: bold; }
.appendix .head .t { text-transform: uppercase; }
.appendix .head .ref { font-weight: normal; font-style: italic; }
.appendix .head .r { width: 40%%; margin: 1.6mm auto 0; border-top: 0.5pt solid #000; }
`

func (h *htmlWriter) doc(d Doc) {
	m := effectiveMargins(d.Margins)
	title := strings.TrimSpace(d.Meta.Title)
	if title == "" {
		title = strings.ToUpper(strings.TrimSpace(d.Title.TypeName)) + " " + strings.TrimSpace(d.Title.Summary)
	}
	h.p("<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>%s</title><style>", esc(title))
	h.p(htmlCSS, m.Top, m.Right, m.Bottom, m.Left)
	h.p("</style></head><body>\n")

	hd := d.Header
	h.p(`<table class="hdr"><tr><td class="l">`)
	if s := strings.TrimSpace(hd.ParentBody); s != "" {
		h.p(`<div class="agency">%s</div>`, esc(s))
	}
	if s := strings.TrimSpace(hd.Issuer); s != "" {
		h.p(`<div class="agency ruled"><b>%s</b><div class="r"></div></div>`, esc(s))
	}
	h.p(`</td><td><div class="qh">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div><div class="tn">Độc lập - Tự do - Hạnh phúc</div></td></tr></table>` + "\n")
	h.p(`<table class="hdr nd"><tr><td class="l">`)
	if hd.Number != 0 || strings.TrimSpace(hd.Symbol) != "" {
		h.p(`<span class="num">Số: %s</span>`, strings.ReplaceAll(esc(FormatNumber(hd.Number, hd.Symbol)), " ", "&nbsp;"))
	}
	if s := strings.TrimSpace(hd.Subject); s != "" {
		if !strings.HasPrefix(s, "V/v") {
			s = "V/v " + s
		}
		h.p(`<div class="vv">%s</div>`, esc(s))
	}
	h.p(`</td><td><span class="date">%s</span></td></tr></table>`+"\n", strings.ReplaceAll(esc(FormatDateLine(hd.Place, hd.Date, hd.Year)), "  ", "&nbsp;&nbsp;"))

	if tn, sum := strings.TrimSpace(d.Title.TypeName), strings.TrimSpace(d.Title.Summary); tn != "" || (sum != "" && strings.TrimSpace(hd.Subject) == "") {
		h.p(`<div class="title">`)
		if tn != "" {
			h.p(`<div>%s</div>`, strings.ToUpper(esc(tn)))
		}
		if sum != "" {
			h.p(`<div>%s</div>`, inlineHTML(sum))
		}
		h.p(`<div class="r"></div></div>` + "\n")
	}

	var kg []string
	for _, k := range d.KinhGui {
		if k = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(k), ";.")); k != "" {
			kg = append(kg, k)
		}
	}
	if len(kg) == 1 {
		h.p(`<p class="center">Kính gửi: %s</p>`+"\n", inlineHTML(kg[0]))
	} else if len(kg) > 1 {
		h.p(`<table class="kg"><tr><td>Kính gửi:</td><td>`)
		for i, k := range kg {
			end := ";"
			if i == len(kg)-1 {
				end = "."
			}
			h.p(`<div>- %s%s</div>`, inlineHTML(k), end)
		}
		h.p("</td></tr></table>\n")
	}
	h.blocks(withEndMark(d.Body))
	h.footer(d.Footer)
	for _, a := range d.Appendices {
		cls := "appendix"
		if a.Landscape {
			cls += " land"
		}
		h.p(`<section class="%s"><div class="head">`, cls)
		if s := strings.TrimSpace(a.Label); s != "" {
			h.p(`<div>%s</div>`, esc(s))
		}
		if s := strings.TrimSpace(a.Title); s != "" {
			h.p(`<div class="t">%s</div>`, esc(s))
		}
		if s := strings.TrimSpace(a.Ref); s != "" {
			h.p(`<div class="ref">%s</div>`, esc(s))
		}
		h.p(`<div class="r"></div></div>`)
		h.blocks(withEndMark(a.Body))
		h.p("</section>\n")
	}
	h.p("</body></html>\n")
}

func (h *htmlWriter) blocks(bs []Block) {
	for _, b := range bs {
		switch b.Kind {
		case KindPageBreak:
			h.p(`<div style="break-after: page"></div>` + "\n")
		case KindTable:
			if b.Table != nil {
				h.table(b.Table)
			}
		case KindHeading1, KindHeading2, KindHeading3:
			lab := strings.TrimSpace(b.Label)
			if lab != "" {
				if b.Kind == KindHeading3 {
					lab += ") "
				} else {
					lab += ". "
				}
			}
			h.p(`<p class="%s">%s%s</p>`+"\n", b.Kind, html.EscapeString(lab), inlineHTML(b.Text))
		case KindDash:
			h.p("<p>- %s</p>\n", inlineHTML(b.Text))
		case KindBasis, KindCenter:
			h.p(`<p class="%s">%s</p>`+"\n", b.Kind, inlineHTML(b.Text))
		default:
			h.p("<p>%s</p>\n", inlineHTML(b.Text))
		}
	}
}

func (h *htmlWriter) table(t *Table) {
	n := len(t.Columns)
	if n == 0 {
		return
	}
	size := t.FontSize
	if size <= 0 {
		size = tablePt
	}
	total := 0.0
	for _, c := range t.Columns {
		total += max(c.Width, 0)
	}
	h.p(`<table class="grid" style="font-size:%gpt"><colgroup>`, size)
	for _, c := range t.Columns {
		if total > 0 {
			h.p(`<col style="width:%.2f%%">`, max(c.Width, 0)/total*100)
		} else {
			h.p(`<col>`)
		}
	}
	h.p(`</colgroup><thead><tr>`)
	for _, c := range t.Columns {
		h.p(`<th>%s</th>`, esc(c.Title))
	}
	h.p("</tr></thead><tbody>\n")
	align := map[string]string{"L": "left", "C": "center", "R": "right", "J": "justify"}
	for _, row := range t.Rows {
		h.p("<tr>")
		ci := 0
		for _, c := range row {
			if ci >= n {
				break
			}
			span := min(max(c.Span, 1), n-ci)
			al := "left"
			if span == 1 {
				al = align[strings.ToUpper(t.Columns[ci].Align)]
				if al == "" {
					al = "center"
				}
			}
			txt := esc(c.Text)
			if c.Bold {
				txt = "<b>" + txt + "</b>"
			}
			if span > 1 {
				h.p(`<td colspan="%d" style="text-align:%s">%s</td>`, span, al, txt)
			} else {
				h.p(`<td style="text-align:%s">%s</td>`, al, txt)
			}
			ci += span
		}
		for ; ci < n; ci++ {
			h.p("<td></td>")
		}
		h.p("</tr>\n")
	}
	h.p("</tbody></table>\n")
}

func (h *htmlWriter) signer(auth []string, note, spaceNote, name string) {
	for _, a := range auth {
		if a = strings.TrimSpace(a); a != "" {
			h.p(`<div class="auth">%s</div>`, esc(a))
		}
	}
	if n := strings.TrimSpace(note); n != "" {
		h.p(`<div style="font-style:italic;font-size:13pt">%s</div>`, esc(n))
	}
	h.p(`<div class="space">%s</div>`, esc(spaceNote))
	if n := strings.TrimSpace(name); n != "" {
		h.p(`<div class="name">%s</div>`, esc(n))
	}
}

func (h *htmlWriter) footer(f Footer) {
	if len(f.Authority) == 0 && strings.TrimSpace(f.SignerName) == "" && len(f.Recipients) == 0 && f.Left == nil {
		return
	}
	h.p(`<table class="footer"><tr><td class="l">`)
	if f.Left != nil {
		h.p(`<div style="text-align:center">`)
		h.signer(f.Left.Authority, f.Left.Note, "", f.Left.Name)
		h.p(`</div>`)
	} else if len(f.Recipients) > 0 {
		h.p(`<div class="noinhan">Nơi nhận:</div>`)
		for _, r := range f.Recipients {
			h.p(`<div class="recip">- %s</div>`, esc(strings.TrimPrefix(strings.TrimSpace(r), "- ")))
		}
	}
	h.p(`</td><td class="r">`)
	h.signer(f.Authority, "", f.SignNote, f.SignerName)
	h.p("</td></tr></table>\n")
}
