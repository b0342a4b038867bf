package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// reportDoc is a short báo cáo thành tích with paras paragraphs after the
// first (0–4: one page, 5–12: two, 13–20: three), with a word only it
// contains (tag) in its title and at the start of its body.
func reportDoc(tag string, paras int) Doc {
	d := docOf()
	d.Header = Header{ParentBody: "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", Issuer: "PHÒNG " + strings.ToUpper(tag), Place: "Quảng Bình", Date: "2025-02-10", Year: 2025}
	d.Title = Title{TypeName: "Báo cáo", Summary: "Thành tích đề nghị tặng Bằng khen của " + tag}
	d.Body = []Block{paraB(tag + " " + lorem(40))}
	for i := 0; i < paras; i++ {
		if i%4 == 0 {
			d.Body = append(d.Body, Block{Kind: KindHeading1, Label: strconv.Itoa(i/4 + 1), Text: "Thành tích đạt được"})
		}
		d.Body = append(d.Body, paraB(fmt.Sprintf("Nội dung %d: %s.", i+1, lorem(70))))
	}
	d.Footer = Footer{Authority: []string{"THỦ TRƯỞNG ĐƠN VỊ"}, SignerName: "Lê Văn Cường",
		Left: &Signer{Authority: []string{"XÁC NHẬN CỦA CẤP TRÌNH"}, Name: "Phạm Thị Dung"}}
	return d
}

// testBundle has a plain part, a group without its own document whose
// children include a landscape appendix, a part with a document and
// children, an empty part and a last part.
func testBundle() Bundle {
	plan := allBlocks() // 3 pages: 2 portrait + a landscape appendix
	plan.Body = append([]Block{paraB("mãkếhoạch " + lorem(20))}, plan.Body...)
	long := docOf(paraB("mãtờtrình " + lorem(20)))
	for i := 0; i < 25; i++ {
		long.Body = append(long.Body, paraB(lorem(60)+"."))
	}
	return Bundle{
		Header:   Header{ParentBody: "UBND TỈNH QUẢNG BÌNH", Issuer: "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", Place: "Quảng Bình", Date: "2025-03-01"},
		Title:    "Hồ sơ đề nghị khen thưởng",
		Subtitle: "Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh năm 2025",
		Parts: []Part{
			{Title: "Tờ trình số 12/TTr-STNMT", Doc: long},
			{Title: "Báo cáo thành tích", Children: []Part{
				{Title: "Ông Nguyễn Văn Ấn (Phó Trưởng phòng)", Doc: reportDoc("mãẤn", 6)},
				{Title: "Kế hoạch kèm theo", Doc: plan},
				{Title: "Bà Trần Thị Ước", Doc: reportDoc("mãƯớc", 1)},
			}},
			{Title: "Biên bản họp Hội đồng", Doc: reportDoc("mãbiênbản", 3), Children: []Part{
				{Title: "Phiếu bầu — tổng hợp", Doc: reportDoc("mãphiếu", 2)},
			}},
			{Title: "Tài liệu chưa có"},
			{Doc: reportDoc("mãcuối", 0)},
		},
		Meta: Meta{CreatedAt: "2025-03-01T08:00:00Z"},
	}
}

// tags of testBundle's parts in depth-first order ("" for none).
var testBundleTags = []string{"mãtờtrình", "", "mãẤn", "mãkếhoạch", "mãƯớc", "mãbiênbản", "mãphiếu", "", "mãcuối"}

func renderBundle(t testing.TB, b Bundle) ([]byte, BundleResult) {
	t.Helper()
	out, res, err := engine(t).RenderBundle(context.Background(), b, nil)
	if err != nil {
		t.Fatal(err)
	}
	return out, res
}

// outlineItem is an entry of the outline as pdftohtml reads it back.
type outlineItem struct {
	title string
	page  int
	level int
}

// readOutline reads the outline with poppler's pdftohtml -xml, which
// decodes the titles (PDFDocEncoding or UTF-16) and resolves the
// destinations to page numbers.
func readOutline(t testing.TB, pdf []byte) []outlineItem {
	t.Helper()
	if _, err := exec.LookPath("pdftohtml"); err != nil {
		t.Skip("pdftohtml not found: install poppler-utils")
	}
	out := run(t, "pdftohtml", "-xml", "-stdout", "-i", "-q", writeTemp(t, pdf))
	i := strings.Index(out, "<outline>")
	if i < 0 {
		return nil
	}
	re := regexp.MustCompile(`<outline>|</outline>|<item page="(\d+)">([^<]*)</item>`)
	var items []outlineItem
	level := -1
	for _, m := range re.FindAllStringSubmatch(out[i:], -1) {
		switch m[0] {
		case "<outline>":
			level++
		case "</outline>":
			level--
		default:
			p, _ := strconv.Atoi(m[1])
			items = append(items, outlineItem{title: html.UnescapeString(m[2]), page: p, level: level})
		}
	}
	return items
}

// contentsRows parses the contents table from pdftotext -layout of the
// contents pages: TT, title, page.
func contentsRows(t testing.TB, pdf []byte, lastPage int) [][3]string {
	t.Helper()
	lay := text(t, pdf, "-layout", "-f", "1", "-l", strconv.Itoa(lastPage))
	re := regexp.MustCompile(`^\s*(\d+(?:\.\d+)*)\s{2,}(\S.*?)\s{2,}(\d+)\s*$`)
	var rows [][3]string
	for _, l := range strings.Split(lay, "\n") {
		if m := re.FindStringSubmatch(l); m != nil {
			rows = append(rows, [3]string{m[1], m[2], m[3]})
		}
	}
	return rows
}

func TestBundle(t *testing.T) {
	needPoppler(t)
	b := testBundle()
	pdf, res := renderBundle(t, b)
	p := bbox(t, pdf)
	if res.Pages != len(p.pages) || res.Font != "Liberation Serif" || len(res.Replaced) != 0 {
		t.Fatalf("result %+v, pdf has %d pages", res, len(p.pages))
	}
	var flat []flatPart
	flatten(b.Parts, 0, "", &flat)
	if len(res.Starts) != len(flat) || len(flat) != len(testBundleTags) {
		t.Fatalf("starts %v for %d parts", res.Starts, len(flat))
	}

	// Every part alone, through Render: its page count.
	alone := make([]int, len(flat))
	for i, fp := range flat {
		if !fp.part.Doc.IsEmpty() {
			_, r := render(t, fp.part.Doc)
			alone[i] = r.Pages
		}
	}
	// The parts follow each other without gaps after the contents.
	contents := res.Starts[0] - 1
	if contents != 1 {
		t.Fatalf("contents take %d pages, want 1", contents)
	}
	next := contents + 1
	for i, fp := range flat {
		switch {
		case alone[i] > 0:
			if res.Starts[i] != next {
				t.Errorf("part %s starts on %d, want %d", fp.num, res.Starts[i], next)
			}
			next += alone[i]
		case fp.last > i: // a group: where its first child starts
			if res.Starts[i] != res.Starts[i+1] {
				t.Errorf("group %s starts on %d, its first child on %d", fp.num, res.Starts[i], res.Starts[i+1])
			}
		default:
			if res.Starts[i] != 0 {
				t.Errorf("empty part %s has start %d", fp.num, res.Starts[i])
			}
		}
	}
	if next-1 != res.Pages {
		t.Errorf("parts end on page %d, the bundle has %d", next-1, res.Pages)
	}

	// The contents table lists every part with its number, title (the
	// document's own when the part has none) and start page.
	rows := contentsRows(t, pdf, contents)
	wantRows := 0
	for i, fp := range flat {
		if res.Starts[i] == 0 {
			continue
		}
		wantRows++
		found := false
		for _, r := range rows {
			if r[0] == fp.num {
				found = true
				if r[1] != fp.title || r[2] != strconv.Itoa(res.Starts[i]) {
					t.Errorf("contents row %q, want %q page %d", r, fp.title, res.Starts[i])
				}
			}
		}
		if !found {
			t.Errorf("contents lack part %s %q", fp.num, fp.title)
		}
	}
	if len(rows) != wantRows {
		t.Errorf("contents rows %q", rows)
	}
	flatText := strings.Join(strings.Fields(text(t, pdf, "-layout", "-f", "1", "-l", "1")), " ")
	for _, want := range []string{"UBND TỈNH QUẢNG BÌNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Quảng Bình, ngày 01 tháng 3 năm 2025",
		"HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG", "Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh năm 2025", "TT Tài liệu Trang",
		"5 Báo cáo Thành tích đề nghị tặng Bằng khen của mãcuối", "4 Tài liệu chưa có"} {
		if !strings.Contains(flatText, want) {
			t.Errorf("contents page lacks %q:\n%s", want, flatText)
		}
	}
	if strings.Contains(flatText, "Số:") {
		t.Error("the contents page prints a Số line without a number")
	}
	// Children are indented under their parent.
	if a, g := p.find(1, "Ông"), p.find(1, "Báo"); len(a) != 1 || len(g) == 0 || a[0].xMin < g[0].xMin+5*mmPt {
		t.Errorf("child row not indented: %v vs %v", a, g)
	}

	// Each part's first page holds its tag (and the previous page does
	// not), and its Quốc hiệu.
	for i, tag := range testBundleTags {
		if tag == "" || res.Starts[i] == 0 {
			continue
		}
		s := res.Starts[i]
		if len(p.find(s, tag)) == 0 {
			t.Errorf("part %s: %q not on its start page %d", flat[i].num, tag, s)
		}
		if len(p.find(s-1, tag)) != 0 {
			t.Errorf("part %s: %q already on page %d", flat[i].num, tag, s-1)
		}
		if len(p.find(s, "CỘNG")) != 1 {
			t.Errorf("part %s: no Quốc hiệu on page %d", flat[i].num, s)
		}
	}

	// Each part prints exactly as Render prints it alone, and restarts
	// its page numbering: no number on its first page, "2" on its second.
	top := 20 * mmPt
	topNums := func(pg int) []string {
		var out []string
		for _, w := range p.onPage(pg) {
			if w.yMax <= top && isDigits(w.text) {
				out = append(out, w.text)
			}
		}
		return out
	}
	for i, fp := range flat {
		if alone[i] == 0 {
			continue
		}
		s, e := res.Starts[i], res.Starts[i]+alone[i]-1
		got := text(t, pdf, "-layout", "-f", strconv.Itoa(s), "-l", strconv.Itoa(e))
		single, _ := render(t, fp.part.Doc)
		if want := text(t, single, "-layout"); got != want {
			t.Errorf("part %s (pages %d–%d) differs from its document alone", fp.num, s, e)
		}
		if n := topNums(s); len(n) != 0 {
			t.Errorf("part %s: first page %d shows number %v", fp.num, s, n)
		}
		if alone[i] >= 2 {
			if n := topNums(s + 1); len(n) != 1 || n[0] != "2" {
				t.Errorf("part %s: second page %d shows %v, want 2", fp.num, s+1, n)
			}
		}
	}
	// The appendix of the plan is landscape in the bundle too.
	pl := res.Starts[3] + alone[3] - 1
	if pg := p.pages[pl-1]; !near(pg.w, 841.89, 0.1) || !near(pg.h, 595.28, 0.1) {
		t.Errorf("appendix page %d is %.2f×%.2f", pl, pg.w, pg.h)
	}
	checkMargins(t, p, Margins{})

	// The outline: the contents, then every printed part, nested, each at
	// its start page, titles in Vietnamese.
	want := []outlineItem{{title: "Mục lục", page: 1}}
	for i, fp := range flat {
		if res.Starts[i] != 0 {
			want = append(want, outlineItem{title: fp.title, page: res.Starts[i], level: fp.level})
		}
	}
	got := readOutline(t, pdf)
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("outline\n got %v\nwant %v", got, want)
	}
}

// TestBundleOutlineDestinations checks the raw destinations: each points
// at the top of its page, portrait or landscape, whatever the last page is.
func TestBundleOutlineDestinations(t *testing.T) {
	e := engine(t)
	land := docOf(paraB("Nội dung."))
	land.Appendices = []Appendix{{Label: "Phụ lục", Landscape: true, Body: []Block{paraB("Bảng.")}}}
	b := Bundle{Title: "Hồ sơ", Parts: []Part{{Title: "Một", Doc: docOf(paraB("Một."))}, {Title: "Hai", Doc: land}}}
	b.Meta.CreatedAt = "2025-01-01T00:00:00Z"
	out, res, err := e.RenderBundle(context.Background(), b, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Pages != 4 || fmt.Sprint(res.Starts) != "[2 3]" {
		t.Fatalf("%+v", res)
	}
	// The outline objects are not compressed streams: read them directly.
	re := regexp.MustCompile(`/Dest \[(\d+) 0 R /XYZ 0 ([0-9.]+) null\]`)
	ms := re.FindAllSubmatch(out, -1)
	if len(ms) != 3 {
		t.Fatalf("%d destinations", len(ms))
	}
	for i, m := range ms {
		obj, _ := strconv.Atoi(string(m[1]))
		top, _ := strconv.ParseFloat(string(m[2]), 64)
		page := (obj - 1) / 2
		if want := []int{1, 2, 3}[i]; page != want {
			t.Errorf("destination %d on page %d, want %d", i, page, want)
		}
		if !near(top, 841.89, 0.01) {
			t.Errorf("destination %d at y %.2f, want the top of a portrait page", i, top)
		}
	}
	// Titles are UTF-16BE with a byte-order mark.
	if !bytes.Contains(out, []byte("<</Title (\xfe\xff\x00M\x1e\xe5\x00c")) {
		t.Error("outline title is not UTF-16BE with a BOM")
	}
}

func TestBundleOutlineSpecialCharacters(t *testing.T) {
	needPoppler(t)
	titles := []string{"Báo cáo (bản 2) \\ có ngoặc )(", "Ước lượng Ỹ ỹ Ữ — “trích” 😀", "Vie\u0302\u0323t Nam NFD", "Dòng\nmới\tvà\x07 điều khiển"}
	var parts []Part
	for i, ti := range titles {
		parts = append(parts, Part{Title: ti, Doc: docOf(paraB("Phần " + strconv.Itoa(i+1) + "."))})
	}
	pdf, res := renderBundle(t, Bundle{Title: "Hồ sơ", Parts: parts})
	got := readOutline(t, pdf)
	want := []string{"Mục lục", "Báo cáo (bản 2) \\ có ngoặc )(", "Ước lượng Ỹ ỹ Ữ — “trích” 😀", "Việt Nam NFD", "Dòng mới và điều khiển"}
	if len(got) != len(want) {
		t.Fatalf("outline %v", got)
	}
	for i := range want {
		if got[i].title != want[i] {
			t.Errorf("outline %d: %q, want %q", i, got[i].title, want[i])
		}
		if i > 0 && got[i].page != res.Starts[i-1] {
			t.Errorf("outline %d: page %d, want %d", i, got[i].page, res.Starts[i-1])
		}
	}
	// The contents page prints what the font has and reports the rest.
	if len(res.Replaced) != 2 { // 😀 and U+0007
		t.Errorf("replaced %+v", res.Replaced)
	}
}

func TestBundleProgressAndCancel(t *testing.T) {
	b := testBundle()
	total := 9
	var calls []string
	_, res, err := engine(t).RenderBundle(context.Background(), b, func(done, tot int) {
		calls = append(calls, fmt.Sprintf("%d/%d", done, tot))
	})
	if err != nil {
		t.Fatal(err)
	}
	want := make([]string, total)
	for i := range want {
		want[i] = fmt.Sprintf("%d/%d", i+1, total)
	}
	if strings.Join(calls, " ") != strings.Join(want, " ") || len(res.Starts) != total {
		t.Errorf("progress %v", calls)
	}

	// Cancelled after the second part: no third part, no output.
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	out, res, err := engine(t).RenderBundle(ctx, b, func(done, tot int) {
		n = done
		if done == 2 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) || out != nil || res.Pages != 0 || n != 2 {
		t.Errorf("cancel: err %v, %d bytes, %+v, progress stopped at %d", err, len(out), res, n)
	}
	// Already cancelled: nothing runs.
	n = 0
	out, _, err = engine(t).RenderBundle(ctx, b, func(done, tot int) { n++ })
	if !errors.Is(err, context.Canceled) || out != nil || n != 0 {
		t.Errorf("pre-cancelled: err %v, %d bytes, %d progress calls", err, len(out), n)
	}
	// A deadline is returned as such.
	dctx, dcancel := context.WithTimeout(context.Background(), 0)
	defer dcancel()
	if _, _, err := engine(t).RenderBundle(dctx, b, nil); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("deadline: %v", err)
	}
}

func TestBundleDeterministic(t *testing.T) {
	b := testBundle()
	a, _ := renderBundle(t, b)
	c, _ := renderBundle(t, b)
	e2, err := NewEngine(Options{Embedded: true})
	if err != nil {
		t.Fatal(err)
	}
	d, _, err := e2.RenderBundle(context.Background(), b, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, c) || !bytes.Equal(a, d) {
		t.Fatal("same bundle gave different bytes")
	}
}

// TestBundleLongContents: contents over several pages repeat the table
// header, number their pages and still give every start page right.
func TestBundleLongContents(t *testing.T) {
	needPoppler(t)
	var kids []Part
	for i := 1; i <= 70; i++ {
		kids = append(kids, Part{Title: fmt.Sprintf("Báo cáo thành tích của đơn vị số %d", i), Doc: reportDoc(fmt.Sprintf("mãđv%d", i), i%3)})
	}
	b := Bundle{Title: "Hồ sơ đề nghị khen thưởng", Parts: []Part{
		{Title: "Tờ trình", Doc: docOf(paraB("mãtờtrình."))},
		{Title: "Báo cáo thành tích", Children: kids},
	}}
	pdf, res := renderBundle(t, b)
	p := bbox(t, pdf)
	contents := res.Starts[0] - 1
	if contents < 2 {
		t.Fatalf("contents on %d pages", contents)
	}
	for pg := 1; pg <= contents; pg++ {
		if len(p.find(pg, "TT")) != 1 || len(p.find(pg, "Trang")) != 1 {
			t.Errorf("contents page %d has no table header", pg)
		}
		var nums []string
		for _, w := range p.onPage(pg) {
			if w.yMax <= 20*mmPt && isDigits(w.text) {
				nums = append(nums, w.text)
			}
		}
		if want := strconv.Itoa(pg); pg == 1 && len(nums) != 0 || pg > 1 && (len(nums) != 1 || nums[0] != want) {
			t.Errorf("contents page %d numbered %v", pg, nums)
		}
	}
	rows := contentsRows(t, pdf, contents)
	if len(rows) != 72 {
		t.Fatalf("%d contents rows", len(rows))
	}
	for i, r := range rows {
		if r[2] != strconv.Itoa(res.Starts[i]) {
			t.Errorf("row %v: want page %d", r, res.Starts[i])
		}
	}
	for i := 1; i <= 70; i++ {
		s := res.Starts[i+1]
		if len(p.find(s, fmt.Sprintf("mãđv%d", i))) == 0 || len(p.find(s-1, fmt.Sprintf("mãđv%d", i))) != 0 {
			t.Errorf("unit %d not on page %d", i, s)
		}
	}
	checkMargins(t, p, Margins{})
	if got := readOutline(t, pdf); len(got) != 73 || got[72].level != 1 || got[72].page != res.Starts[71] {
		t.Errorf("outline has %d items, last %+v", len(got), got[len(got)-1])
	}
}

func TestBundleOddInput(t *testing.T) {
	e := engine(t)
	for name, b := range map[string]Bundle{
		"zero":      {},
		"no parts":  {Header: Header{Issuer: "SỞ"}, Title: "Hồ sơ"},
		"all empty": {Parts: []Part{{}, {Title: "x", Children: []Part{{}}}}},
		"deep": {Parts: []Part{{Title: "1", Children: []Part{{Title: "1.1", Children: []Part{{Title: "1.1.1", Children: []Part{
			{Title: "1.1.1.1", Children: []Part{{Title: strings.Repeat("sâu ", 200), Doc: docOf(paraB("x"))}}}}}}}}}}},
	} {
		t.Run(name, func(t *testing.T) {
			var tr []traceRun
			_, res, err := e.renderBundle(context.Background(), b, nil, &tr)
			if err != nil {
				t.Fatal(err)
			}
			if res.Pages < 1 {
				t.Fatal("no pages")
			}
			checkTrace(t, tr, Margins{}, e.set)
		})
	}
	// Fuzz seeds as titles and documents: no error, everything inside.
	var parts []Part
	for _, s := range renderSeeds {
		parts = append(parts, Part{Title: s, Doc: fuzzDoc(s), Children: []Part{{Title: s}}})
	}
	var tr []traceRun
	if _, _, err := e.renderBundle(context.Background(), Bundle{Title: renderSeeds[0], Subtitle: renderSeeds[3], Parts: parts}, nil, &tr); err != nil {
		t.Fatal(err)
	}
	checkTrace(t, tr, Margins{}, e.set)
}
