package pdf

import (
	"encoding/json"
	"fmt"
	"html"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// Tests use the embedded font so that output does not depend on the
// machine (CHUNGSUC_FONT=embedded does the same for Default()).
var (
	testEngOnce sync.Once
	testEng     *Engine
	testEngErr  error
)

func engine(t testing.TB) *Engine {
	t.Helper()
	testEngOnce.Do(func() { testEng, testEngErr = NewEngine(Options{Embedded: true}) })
	if testEngErr != nil {
		t.Fatal(testEngErr)
	}
	return testEng
}

// needPoppler skips the test when poppler-utils is not installed.
func needPoppler(t testing.TB) {
	t.Helper()
	for _, tool := range []string{"pdftotext", "pdffonts", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not found: install poppler-utils to run the PDF read-back tests", tool)
		}
	}
}

func loadDoc(t testing.TB, path string) Doc {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var d Doc
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	return d
}

// samplePlan is the document helper's sample plan when it exists, else
// our own plan-like fixture.
func samplePlan(t testing.TB) (Doc, string) {
	t.Helper()
	p := filepath.Join("..", "document", "testdata", "sample-plan.golden.json")
	if _, err := os.Stat(p); err == nil {
		return loadDoc(t, p), p
	}
	p = filepath.Join("testdata", "plan.json")
	return loadDoc(t, p), p
}

func render(t testing.TB, d Doc) ([]byte, Result) {
	t.Helper()
	b, res, err := engine(t).RenderBytes(d)
	if err != nil {
		t.Fatal(err)
	}
	return b, res
}

func writeTemp(t testing.TB, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func run(t testing.TB, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

// word is a word box of pdftotext -bbox, in points from the top left.
type pword struct {
	page                   int
	pageW, pageH           float64
	xMin, yMin, xMax, yMax float64
	text                   string
}

var (
	rePage = regexp.MustCompile(`<page width="([0-9.]+)" height="([0-9.]+)">`)
	reWord = regexp.MustCompile(`<word xMin="([0-9.\-]+)" yMin="([0-9.\-]+)" xMax="([0-9.\-]+)" yMax="([0-9.\-]+)">([^<]*)</word>`)
)

type pdoc struct {
	pages []struct{ w, h float64 }
	words []pword
}

func (p pdoc) onPage(n int) []pword {
	var out []pword
	for _, w := range p.words {
		if w.page == n {
			out = append(out, w)
		}
	}
	return out
}

func (p pdoc) find(page int, text string) []pword {
	var out []pword
	for _, w := range p.words {
		if (page == 0 || w.page == page) && w.text == text {
			out = append(out, w)
		}
	}
	return out
}

// bbox reads a PDF back with pdftotext -bbox.
func bbox(t testing.TB, pdf []byte) pdoc {
	t.Helper()
	path := writeTemp(t, pdf)
	out := run(t, "pdftotext", "-bbox", path, "-")
	var d pdoc
	page := 0
	for _, l := range strings.Split(out, "\n") {
		if m := rePage.FindStringSubmatch(l); m != nil {
			w, _ := strconv.ParseFloat(m[1], 64)
			h, _ := strconv.ParseFloat(m[2], 64)
			d.pages = append(d.pages, struct{ w, h float64 }{w, h})
			page++
			continue
		}
		if m := reWord.FindStringSubmatch(l); m != nil {
			var v [4]float64
			for i := range 4 {
				v[i], _ = strconv.ParseFloat(m[i+1], 64)
			}
			pg := d.pages[page-1]
			d.words = append(d.words, pword{page: page, pageW: pg.w, pageH: pg.h, xMin: v[0], yMin: v[1], xMax: v[2], yMax: v[3], text: html.UnescapeString(m[5])})
		}
	}
	return d
}

func text(t testing.TB, pdf []byte, args ...string) string {
	t.Helper()
	path := writeTemp(t, pdf)
	return run(t, "pdftotext", append(append([]string{}, args...), path, "-")...)
}

const mmPt = 72 / 25.4

// checkMargins fails for every word outside the text block (page numbers
// in the top margin excepted).
func checkMargins(t testing.TB, p pdoc, m Margins) {
	t.Helper()
	m = effectiveMargins(m)
	const tol = 1.0 // pt
	bad := 0
	for _, w := range p.words {
		l, r := m.Left*mmPt, w.pageW-m.Right*mmPt
		top, bot := m.Top*mmPt, w.pageH-m.Bottom*mmPt
		if w.yMax <= top+tol && isDigits(w.text) {
			continue // page number
		}
		if w.xMin < l-tol || w.xMax > r+tol || w.yMin < top-tol || w.yMax > bot+tol {
			bad++
			if bad < 10 {
				t.Errorf("page %d: %q at x %.1f–%.1f y %.1f–%.1f is outside the margins (x %.1f–%.1f, y %.1f–%.1f)",
					w.page, w.text, w.xMin, w.xMax, w.yMin, w.yMax, l, r, top, bot)
			}
		}
	}
	if bad >= 10 {
		t.Errorf("%d words outside the margins in all", bad)
	}
}

// checkTrace is the in-process version of checkMargins, on the renderer's
// own record of what it drew.
func checkTrace(t testing.TB, tr []traceRun, m Margins, set *fontSet) {
	t.Helper()
	m = effectiveMargins(m)
	const tol = 0.05 // mm
	fc := set.faces[stReg]
	for _, r := range tr {
		if r.rule {
			if r.x0 < m.Left-tol || r.x1 > r.pageW-m.Right+tol || r.base < m.Top-tol || r.base > r.pageH-m.Bottom+tol {
				t.Errorf("page %d: rule %.1f–%.1f at %.1f outside the margins", r.page, r.x0, r.x1, r.base)
			}
			continue
		}
		top := r.base - fc.ascent*r.size*ptToMM
		bot := r.base + fc.desc*r.size*ptToMM
		if top < m.Top && isDigits(r.text) {
			continue
		}
		if r.x0 < m.Left-tol || r.x1 > r.pageW-m.Right+tol || top < m.Top-tol || bot > r.pageH-m.Bottom+tol {
			t.Errorf("page %d: %q x %.2f–%.2f y %.2f–%.2f outside the margins", r.page, r.text, r.x0, r.x1, top, bot)
		}
	}
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// baseline estimates a word's baseline from its box (Liberation/TNR
// metrics: ascent 0.891, descent 0.216 em).
func baseline(w pword) float64 {
	h := w.yMax - w.yMin
	return w.yMax - h*0.216/(0.891+0.216)
}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

// docOf builds a small document around the given body.
func docOf(body ...Block) Doc {
	return Doc{
		Header: Header{ParentBody: "UBND TỈNH QUẢNG BÌNH", Issuer: "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", Number: 5, Symbol: "KH-STNMT", Place: "Quảng Bình", Date: "2025-01-05", Year: 2025},
		Title:  Title{TypeName: "Kế hoạch", Summary: "Tổ chức thực hiện phong trào thi đua"},
		Body:   body,
		Footer: Footer{
			Recipients: []string{"UBND tỉnh;", "Sở Nội vụ;", "Lưu: VT, VP."},
			Authority:  []string{"KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"},
			SignerName: "Nguyễn Văn Bình",
		},
		Meta: Meta{CreatedAt: "2025-01-05T08:00:00Z"},
	}
}

func paraB(s string) Block { return Block{Kind: KindParagraph, Text: s} }

func lorem(n int) string {
	words := strings.Fields("phong trào thi đua cả nước chung sức xây dựng nông thôn mới được triển khai thực hiện rộng khắp các cơ quan đơn vị huy động sự tham gia của người dân")
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(words[i%len(words)])
	}
	return b.String()
}

var _ = fmt.Sprint
