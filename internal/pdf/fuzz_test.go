package pdf

import (
	"strings"
	"testing"
)

var renderSeeds = []string{
	"Bình thường, có dấu: Cộng hòa xã hội chủ nghĩa Việt Nam.",
	strings.Repeat("Siêudàikhôngngắtđược", 40),
	"Vie\u0302\u0323t Nam NFD: Quy\u0301, Nghi\u0303a, \u0110\u01B0\u0301c",
	"Cười 😀👍🏽 ❤️ 👨‍👩‍👧 emoji và 🇻🇳",
	"Điều khiển:\x00\x01\x07\x1b\x7f\u0085\u200b\u200d\ufeff\u2028hết",
	"Riêng \ue000\uf8ff \U000F0000, thay thế \ufffd, sai UTF-8 \xff\xfe",
	"Tab\tvà\r\nxuống\ndòng\n\n\nnhiều",
	"**đậm *lồng* hết** ***ba*** \\*thoát\\* *** ** * ****",
	"中文 العربية עברית русский ελληνικά ไทย",
	strings.Repeat("W", 500) + " " + strings.Repeat("—", 300),
	"  ",
	"",
	strings.Repeat("a ", 3000),
}

// fuzzDoc puts s into every text slot of a document.
func fuzzDoc(s string) Doc {
	d := docOf(
		Block{Kind: KindHeading1, Label: "I", Text: s},
		Block{Kind: KindHeading2, Label: s, Text: s},
		Block{Kind: KindHeading3, Label: "a", Text: s},
		paraB(s), Block{Kind: KindDash, Text: s}, Block{Kind: KindBasis, Text: s}, Block{Kind: KindCenter, Text: s},
		Block{Kind: KindTable, Table: &Table{Columns: []Column{{Title: s, Width: 1}, {Title: s, Width: 5, Align: "R"}},
			Rows: [][]Cell{{{Text: s, Span: 2, Bold: true}}, {{Text: s}, {Text: s}}}, RepeatHeader: true}},
	)
	d.Header.ParentBody, d.Header.Issuer, d.Header.Subject = s, s, s
	d.Header.Place, d.Header.Symbol = s, s
	d.Title.TypeName, d.Title.Summary = s, s
	d.KinhGui = []string{s, s}
	d.Footer.Recipients = append(d.Footer.Recipients, s)
	d.Footer.Authority = append(d.Footer.Authority, s)
	d.Footer.SignerName, d.Footer.SignNote = s, s
	d.Appendices = []Appendix{{Label: s, Title: s, Ref: s, Landscape: true, Body: []Block{paraB(s)}}}
	d.Meta.Title, d.Meta.Author = s, s
	return d
}

func FuzzRender(f *testing.F) {
	for _, s := range renderSeeds {
		f.Add(s)
	}
	e := engine(f)
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 4000 {
			s = s[:4000]
		}
		d := fuzzDoc(s)
		var tr []traceRun
		_, res, err := e.render(d, &tr)
		if err != nil {
			t.Fatalf("render %q: %v", s, err)
		}
		if res.Pages < 2 {
			t.Fatalf("%d pages", res.Pages)
		}
		checkTrace(t, tr, d.Margins, e.set)
		for _, r := range res.Replaced {
			if r.Count <= 0 || !strings.HasPrefix(r.Code, "U+") {
				t.Fatalf("bad replacement %+v", r)
			}
		}
	})
}

// TestRenderSeedsWithPoppler reads the fuzz seeds back with pdftotext: the
// check of FuzzRender, through an independent PDF reader.
func TestRenderSeedsWithPoppler(t *testing.T) {
	needPoppler(t)
	for _, s := range renderSeeds {
		d := fuzzDoc(s)
		pdf, _ := render(t, d)
		checkMargins(t, bbox(t, pdf), d.Margins)
	}
}
