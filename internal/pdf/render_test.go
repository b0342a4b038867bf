package pdf

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// allBlocks is a document with every block type.
func allBlocks() Doc {
	tbl := &Table{
		Columns: []Column{{Title: "STT", Width: 8, Align: "C"}, {Title: "Đơn vị", Width: 40, Align: "L"}, {Title: "Xã đăng ký", Width: 30, Align: "L"}, {Title: "Số tiền", Width: 20, Align: "R"}},
		Rows: [][]Cell{
			{{Text: "I. TẬP THỂ", Bold: true, Span: 4}},
			{{Text: "1"}, {Text: "Văn phòng Sở"}, {Text: "Xã Trường Xuân"}, {Text: "1.250.000"}},
			{{Text: "2"}, {Text: "Trung tâm Công nghệ thông tin tài nguyên và môi trường"}, {Text: "Bản Dốc Mây, xã Dân Hóa"}, {Text: "900.000"}},
		},
		RepeatHeader: true,
	}
	d := docOf(
		Block{Kind: KindBasis, Text: "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"},
		Block{Kind: KindCenter, Text: "**Phần I**"},
		Block{Kind: KindHeading1, Label: "I", Text: "Mục đích, yêu cầu"},
		Block{Kind: KindHeading2, Label: "1", Text: "Mục đích"},
		Block{Kind: KindHeading3, Label: "a", Text: "Đối với tập thể"},
		paraB("Đoạn văn có **chữ đậm**, *chữ nghiêng* và ***đậm nghiêng*** ở giữa câu; "+lorem(60)+"."),
		Block{Kind: KindDash, Text: "Gạch đầu dòng thứ nhất;"},
		Block{Kind: KindDash, Text: "Gạch đầu dòng thứ hai " + lorem(30) + "."},
		Block{Kind: KindTable, Table: tbl},
		Block{Kind: KindTable, Ref: "chua_co"},
		paraB("Đoạn cuối cùng của nội dung"),
	)
	d.KinhGui = []string{"Ủy ban nhân dân tỉnh", "Sở Nội vụ", "Ban Thi đua - Khen thưởng"}
	d.Appendices = []Appendix{{Label: "Phụ lục", Title: "Danh sách đăng ký", Ref: "(Kèm theo Kế hoạch số 05/KH-STNMT ngày 05 tháng 01 năm 2025)", Landscape: true,
		Body: []Block{{Kind: KindTable, Table: tbl}}}}
	return d
}

func TestEveryBlockType(t *testing.T) {
	needPoppler(t)
	d := allBlocks()
	pdf, res := render(t, d)
	if res.Font != "Liberation Serif" || res.Pages < 2 || len(res.Replaced) != 0 {
		t.Fatalf("result %+v", res)
	}
	layout := text(t, pdf, "-layout")
	flat := strings.Join(strings.Fields(layout), " ")
	for _, want := range []string{
		"UBND TỈNH QUẢNG BÌNH", "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG",
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
		"Số: 05/KH-STNMT", "Quảng Bình, ngày 05 tháng 01 năm 2025",
		"KẾ HOẠCH", "Tổ chức thực hiện phong trào thi đua",
		"Kính gửi:", "- Ủy ban nhân dân tỉnh;", "- Sở Nội vụ;", "- Ban Thi đua - Khen thưởng.",
		"Căn cứ Luật Thi đua, khen thưởng", "Phần I",
		"I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "a) Đối với tập thể",
		"Đoạn văn có chữ đậm, chữ nghiêng và đậm nghiêng ở giữa câu;",
		"- Gạch đầu dòng thứ nhất;", "STT", "Đơn vị", "I. TẬP THỂ", "Văn phòng Sở", "1.250.000",
		"Đoạn cuối cùng của nội dung./.",
		"Nơi nhận:", "- UBND tỉnh;", "- Lưu: VT, VP.", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn Bình",
		"Phụ lục", "DANH SÁCH ĐĂNG KÝ", "(Kèm theo Kế hoạch số 05/KH-STNMT ngày 05 tháng 01 năm 2025)",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("missing %q", want)
		}
	}
	if strings.Contains(flat, "**") || strings.Contains(flat, "chua_co") {
		t.Error("markup or an unfilled table ref leaked into the text")
	}
	p := bbox(t, pdf)
	checkMargins(t, p, d.Margins)

	// Styles: the words printed bold/italic are in the right fonts.
	fonts := run(t, "pdffonts", writeTemp(t, pdf))
	for _, f := range []string{"LiberationSerif ", "LiberationSerif-Bold ", "LiberationSerif-Italic ", "LiberationSerif-BoldItalic "} {
		if !strings.Contains(fonts, f) {
			t.Errorf("pdffonts lacks %s:\n%s", f, fonts)
		}
	}

	// Kính gửi list: the dashes align under the colon of "Kính gửi:".
	kg := p.find(1, "gửi:")
	if len(kg) == 0 {
		t.Fatal("no Kính gửi")
	}
	colonX := kg[0].xMax - 14*0.278 // the colon is 278/1000 em wide
	var dashes []pword
	for _, w := range p.onPage(1) {
		if w.text == "-" && w.yMin > kg[0].yMin && w.yMin < kg[0].yMin+60 && w.xMin < kg[0].xMax+10 {
			dashes = append(dashes, w)
		}
	}
	if len(dashes) != 3 {
		t.Fatalf("want 3 Kính gửi dashes, got %d", len(dashes))
	}
	for _, dw := range dashes {
		if !near(dw.xMin, colonX, 0.6) {
			t.Errorf("dash at x %.2f, colon at %.2f", dw.xMin, colonX)
		}
	}

	// Headings and paragraphs start at the 1.27 cm first-line indent.
	left := effectiveMargins(d.Margins).Left * mmPt
	for _, w := range []string{"I.", "1.", "a)"} {
		ws := p.find(0, w)
		found := false
		for _, x := range ws {
			if near(x.xMin, left+12.7*mmPt, 0.5) {
				found = true
			}
		}
		if !found {
			t.Errorf("heading %q is not at the first-line indent", w)
		}
	}

	// The appendix is landscape A4 and the main pages portrait A4.
	for i, pg := range p.pages {
		land := i == len(p.pages)-1
		w, h := 595.28, 841.89
		if land {
			w, h = h, w
		}
		if !near(pg.w, w, 0.1) || !near(pg.h, h, 0.1) {
			t.Errorf("page %d is %.2f×%.2f, want %.2f×%.2f", i+1, pg.w, pg.h, w, h)
		}
	}
}

func TestHeaderLayout(t *testing.T) {
	needPoppler(t)
	for _, m := range []Margins{{}, {Top: 25, Bottom: 25, Left: 35, Right: 20}} {
		d := docOf(paraB(lorem(40)))
		d.Margins = m
		d.Header.Subject = "V/v hướng dẫn tổ chức phong trào thi đua"
		pdf, _ := render(t, d)
		p := bbox(t, pdf)
		checkMargins(t, p, m)
		em := effectiveMargins(m)
		left := em.Left * mmPt
		right := 595.28 - em.Right*mmPt
		// Quốc hiệu in the right column of page 1.
		qh := p.find(1, "CỘNG")
		if len(qh) != 1 {
			t.Fatalf("Quốc hiệu: %v", qh)
		}
		hoa := p.find(1, "HÒA")
		if qh[0].xMin < left+55*mmPt-1 || qh[0].yMin > em.Top*mmPt+20 {
			t.Errorf("Quốc hiệu at x %.1f y %.1f, not top right", qh[0].xMin, qh[0].yMin)
		}
		// Centred in the right column: the line "CỘNG … NAM".
		nam := p.find(1, "NAM")
		mid := (qh[0].xMin + nam[len(nam)-1].xMax) / 2
		_ = hoa
		if mid < (left+right)/2 {
			t.Errorf("Quốc hiệu centre %.1f left of the text block centre", mid)
		}
		// Số and the date share a baseline.
		so := p.find(1, "Số:")
		ngay := p.find(1, "ngày")
		if len(so) != 1 || len(ngay) == 0 {
			t.Fatalf("Số %v ngày %v", so, ngay)
		}
		if !near(baseline(so[0]), baseline(ngay[0]), 0.3) {
			t.Errorf("Số baseline %.2f, date baseline %.2f", baseline(so[0]), baseline(ngay[0]))
		}
		if so[0].xMax > ngay[0].xMin {
			t.Error("Số is not left of the date")
		}
		// V/v under Số, in the left column.
		vv := p.find(1, "V/v")
		if len(vv) != 1 || vv[0].yMin <= so[0].yMax || vv[0].xMin > qh[0].xMin {
			t.Errorf("V/v at %v (Số %v)", vv, so)
		}
	}
}

func TestPageNumbers(t *testing.T) {
	needPoppler(t)
	var body []Block
	for i := 0; i < 40; i++ {
		body = append(body, paraB(fmt.Sprintf("Đoạn %d: %s.", i+1, lorem(50))))
	}
	d := docOf(body...)
	d.Appendices = []Appendix{
		{Label: "Phụ lục I", Title: "Bảng một", Body: []Block{paraB(lorem(900))}},
		{Label: "Phụ lục II", Title: "Bảng hai", Landscape: true, Body: []Block{paraB(lorem(900))}},
	}
	pdf, res := render(t, d)
	p := bbox(t, pdf)
	checkMargins(t, p, d.Margins)
	if res.Pages != len(p.pages) || res.Pages < 6 {
		t.Fatalf("pages: result %d, pdf %d", res.Pages, len(p.pages))
	}
	top := 20 * mmPt
	// Which pages start a section: page 1 and the pages with "Phụ lục".
	sectionStart := map[int]bool{1: true}
	for _, w := range p.words {
		if w.text == "lục" && w.yMin < top+30 {
			sectionStart[w.page] = true
		}
	}
	if len(sectionStart) != 3 {
		t.Fatalf("section starts %v", sectionStart)
	}
	want := 0
	for pg := 1; pg <= len(p.pages); pg++ {
		if sectionStart[pg] {
			want = 1
		} else {
			want++
		}
		var nums []pword
		for _, w := range p.onPage(pg) {
			if w.yMax <= top && isDigits(w.text) {
				nums = append(nums, w)
			}
		}
		if want == 1 {
			if len(nums) != 0 {
				t.Errorf("page %d (first of its section) shows a number %q", pg, nums[0].text)
			}
			continue
		}
		if len(nums) != 1 || nums[0].text != strconv.Itoa(want) {
			t.Errorf("page %d: want number %d in the top margin, got %v", pg, want, nums)
			continue
		}
		n := nums[0]
		pw := p.pages[pg-1].w
		centre := (30*mmPt + pw - 15*mmPt) / 2
		if !near((n.xMin+n.xMax)/2, centre, 1) {
			t.Errorf("page %d: number centred at %.1f, want %.1f", pg, (n.xMin+n.xMax)/2, centre)
		}
		if n.yMax-n.yMin < 14*1.0 || n.yMax-n.yMin > 14*1.2 {
			t.Errorf("page number box %.1f pt high, want 14 pt type", n.yMax-n.yMin)
		}
	}
}

func TestVietnameseAllStyles(t *testing.T) {
	needPoppler(t)
	letters := VietnameseLetters()
	if len(letters) != 134 {
		t.Fatalf("%d letters", len(letters))
	}
	var groups []string
	for i := 0; i < len(letters); i += 10 {
		groups = append(groups, string(letters[i:min(i+10, len(letters))]))
	}
	line := strings.Join(groups, " ")
	var body []Block
	for _, mk := range []string{"", "**", "*", "***"} {
		body = append(body, paraB(mk+line+mk))
	}
	d := docOf(body...)
	pdf, _ := render(t, d)
	got := strings.Join(strings.Fields(text(t, pdf)), " ")
	for _, g := range groups {
		if n := strings.Count(got, g); n < 4 {
			t.Errorf("%q found %d times, want 4 (one per style)", g, n)
		}
	}
	// Every style's font is embedded.
	fonts := run(t, "pdffonts", writeTemp(t, pdf))
	lines := strings.Split(strings.TrimSpace(fonts), "\n")[2:]
	for _, l := range lines {
		f := strings.Fields(l)
		if len(f) < 5 || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %s", l)
		}
	}
	if len(lines) < 4 {
		t.Errorf("want at least the four styles, got:\n%s", fonts)
	}
}

func TestSignatureNeverAlone(t *testing.T) {
	needPoppler(t)
	crossed := 0
	for n := 30; n <= 62; n++ {
		var body []Block
		for i := 0; i < n; i++ {
			body = append(body, paraB(fmt.Sprintf("Dòng nội dung số %d.", i+1)))
		}
		d := docOf(body...)
		pdf, res := render(t, d)
		p := bbox(t, pdf)
		nn := p.find(0, "nhận:")
		if len(nn) != 1 {
			t.Fatalf("n=%d: Nơi nhận %v", n, nn)
		}
		fp := nn[0].page
		if fp > 1 {
			crossed++
		}
		// Content lines above the footer on its page.
		above := 0
		for _, w := range p.onPage(fp) {
			if w.yMax < nn[0].yMin && w.yMin > 20*mmPt && w.text == "Dòng" {
				above++
			}
		}
		if above < 2 && fp > 1 {
			t.Errorf("n=%d: the signature block on page %d keeps %d content lines", n, fp, above)
		}
		// And the whole footer is on one page.
		name := p.find(0, "Bình")
		if name[len(name)-1].page != fp {
			t.Errorf("n=%d: signer name on page %d, Nơi nhận on %d", n, name[len(name)-1].page, fp)
		}
		_ = res
	}
	if crossed == 0 {
		t.Fatal("no case put the footer on a later page; the test proves nothing")
	}
}

func TestDeterministic(t *testing.T) {
	d, _ := samplePlan(t)
	a, _ := render(t, d)
	b, _ := render(t, d)
	e2, err := NewEngine(Options{Embedded: true})
	if err != nil {
		t.Fatal(err)
	}
	c, _, err := e2.RenderBytes(d)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) || !bytes.Equal(a, c) {
		t.Fatal("same input gave different bytes")
	}
	if !bytes.Contains(a, []byte("/CreationDate")) {
		t.Fatal("no creation date")
	}
}

func TestReplacedCharacters(t *testing.T) {
	needPoppler(t)
	d := docOf(paraB("Vui 😀😀 quá\x07 ký tự riêng \ue000 và nối\u200d chữ; tab\there."))
	d.Header.Issuer = "SỞ 🚀"
	pdf, res := render(t, d)
	got := map[string]int{}
	for _, r := range res.Replaced {
		got[r.Code] = r.Count
	}
	want := map[string]int{"U+1F600": 2, "U+0007": 1, "U+E000": 1, "U+200D": 1, "U+1F680": 1}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s reported %d times, want %d (all: %+v)", k, got[k], v, res.Replaced)
		}
	}
	flat := strings.Join(strings.Fields(text(t, pdf)), " ")
	if !strings.Contains(flat, "Vui ?? quá ký tự riêng ? và nối chữ; tab here./.") {
		t.Errorf("text: %s", flat)
	}
}

func TestNFDInput(t *testing.T) {
	needPoppler(t)
	nfd := "Vie\u0302\u0323t Nam, Quy\u0301"
	pdf, res := render(t, docOf(paraB(nfd)))
	if len(res.Replaced) != 0 {
		t.Errorf("NFD text reported replacements: %+v", res.Replaced)
	}
	if !strings.Contains(text(t, pdf), "Việt Nam, Quý") {
		t.Error("NFD text was not composed")
	}
}

func TestLongWordsStayInside(t *testing.T) {
	needPoppler(t)
	long := strings.Repeat("Nghiêng", 60)
	d := docOf(paraB(long), paraB("**"+long+"**"), Block{Kind: KindHeading1, Label: "IV", Text: long},
		Block{Kind: KindTable, Table: &Table{Columns: []Column{{Title: long, Width: 1}, {Title: "B", Width: 3}}, Rows: [][]Cell{{{Text: long}, {Text: long}}}}})
	d.Header.Issuer = long
	d.Header.ParentBody = long
	d.Title.Summary = long
	d.KinhGui = []string{long}
	d.Footer.Recipients = []string{long + ";", "Lưu: VT."}
	d.Footer.Authority = []string{long}
	d.Footer.SignerName = long
	pdf, _ := render(t, d)
	checkMargins(t, bbox(t, pdf), d.Margins)
	var tr []traceRun
	if _, _, err := engine(t).render(d, &tr); err != nil {
		t.Fatal(err)
	}
	checkTrace(t, tr, d.Margins, engine(t).set)
}

func TestTableHeaderRepeats(t *testing.T) {
	needPoppler(t)
	tbl := &Table{Columns: []Column{{Title: "STT", Width: 1, Align: "C"}, {Title: "Tên đơn vị", Width: 6}}, RepeatHeader: true}
	for i := 1; i <= 90; i++ {
		tbl.Rows = append(tbl.Rows, []Cell{{Text: strconv.Itoa(i)}, {Text: "Đơn vị số " + strconv.Itoa(i)}})
	}
	d := docOf(Block{Kind: KindTable, Table: tbl})
	pdf, _ := render(t, d)
	p := bbox(t, pdf)
	checkMargins(t, p, d.Margins)
	pagesWithRows := map[int]bool{}
	for _, w := range p.find(0, "Đơn") {
		pagesWithRows[w.page] = true
	}
	if len(pagesWithRows) < 2 {
		t.Fatalf("table on %d pages", len(pagesWithRows))
	}
	for pg := range pagesWithRows {
		if len(p.find(pg, "STT")) != 1 {
			t.Errorf("page %d has no header row", pg)
		}
	}
	// Without RepeatHeader the header prints once.
	tbl.RepeatHeader = false
	pdf, _ = render(t, d)
	if n := len(bbox(t, pdf).find(0, "STT")); n != 1 {
		t.Errorf("header printed %d times without RepeatHeader", n)
	}
}

func TestSingleKinhGuiAndLeftSigner(t *testing.T) {
	needPoppler(t)
	d := docOf(paraB("Nội dung biên bản."))
	d.Title.TypeName = "Biên bản"
	d.KinhGui = []string{"Ủy ban nhân dân tỉnh Quảng Bình"}
	d.Footer = Footer{Authority: []string{"CHỦ TỌA"}, SignerName: "Trần Văn A", SignNote: "(Đã ký)",
		Left: &Signer{Authority: []string{"THƯ KÝ"}, Note: "(Ký, ghi rõ họ tên)", Name: "Lê Thị B"}}
	pdf, _ := render(t, d)
	p := bbox(t, pdf)
	lay := text(t, pdf, "-layout")
	if !regexp.MustCompile(`Kính gửi: Ủy ban nhân dân tỉnh Quảng Bình\s`).MatchString(lay) {
		t.Errorf("single Kính gửi is not one line:\n%s", lay)
	}
	if strings.Contains(lay, "Nơi nhận") {
		t.Error("Left signer must replace Nơi nhận")
	}
	tk, ct := p.find(0, "THƯ"), p.find(0, "CHỦ")
	if len(tk) != 1 || len(ct) == 0 || !near(baseline(tk[0]), baseline(ct[len(ct)-1]), 0.3) || tk[0].xMax > ct[len(ct)-1].xMin {
		t.Errorf("THƯ KÝ %v and CHỦ TỌA %v are not side by side", tk, ct)
	}
	note := p.find(0, "(Đã")
	if len(note) != 1 || note[0].yMin < ct[len(ct)-1].yMax+10*mmPt || note[0].yMax > p.find(0, "Trần")[0].yMin-5*mmPt {
		t.Errorf("SignNote not inside the signing space: %v", note)
	}
	checkMargins(t, p, d.Margins)
}

// The right signer's Note (a báo cáo thành tích's "(Ký, đóng dấu)") sits
// under the authority, above the signing space, not inside it.
func TestRightSignerNote(t *testing.T) {
	needPoppler(t)
	d := docOf(paraB("Nội dung báo cáo."))
	d.Footer = Footer{Authority: []string{"THỦ TRƯỞNG ĐƠN VỊ"}, Note: "(Ký, đóng dấu)", SignerName: "Trần Văn A",
		Left: &Signer{Authority: []string{"THỦ TRƯỞNG CẤP TRÊN", "TRỰC TIẾP", "XÁC NHẬN, ĐỀ NGHỊ"}, Note: "(Ký, đóng dấu)", Name: "Lê Thị B"}}
	pdf, _ := render(t, d)
	p := bbox(t, pdf)
	var auth []pword
	for _, w := range p.find(0, "TRƯỞNG") {
		if w.xMin > 100*mmPt {
			auth = append(auth, w)
		}
	}
	name, leftName := p.find(0, "Trần"), p.find(0, "Lê")
	if len(auth) != 1 || len(name) != 1 || len(leftName) != 1 {
		t.Fatalf("authority %v, name %v, left name %v", auth, name, leftName)
	}
	// Two signers: the names share a line although the left title is three lines long.
	if !near(baseline(name[0]), baseline(leftName[0]), 0.3) {
		t.Errorf("the signers' names are not on one line: %v %v", leftName[0], name[0])
	}
	var right []pword
	for _, w := range p.find(0, "(Ký,") {
		if w.xMin > auth[0].xMin-20*mmPt {
			right = append(right, w)
		}
	}
	if len(right) != 1 {
		t.Fatalf("the right signer's note: %v", right)
	}
	n := right[0]
	if n.yMin < auth[0].yMax || n.yMin-auth[0].yMax > 4*mmPt {
		t.Errorf("the note %v is not right under the authority %v", n, auth[0])
	}
	if gap := (name[0].yMin - n.yMax) / mmPt; gap < 25 {
		t.Errorf("signing space under the note %.1f mm, want ≥ 25", gap)
	}
}

func TestSignSpaceAndFooterSizes(t *testing.T) {
	needPoppler(t)
	pdf, _ := render(t, docOf(paraB("Nội dung.")))
	p := bbox(t, pdf)
	auth := p.find(0, "PHÓ")
	name := p.find(0, "Nguyễn")
	gap := (name[0].yMin - auth[0].yMax) / mmPt
	if gap < 25 || gap > 32 {
		t.Errorf("signing space %.1f mm, want 25–30", gap)
	}
	nn := p.find(0, "nhận:")[0]
	if h := nn.yMax - nn.yMin; !near(h, 12*1.107, 0.3) {
		t.Errorf("Nơi nhận box %.2f pt high, want 12 pt type", h)
	}
	ub := p.find(0, "UBND")
	if h := ub[len(ub)-1].yMax - ub[len(ub)-1].yMin; !near(h, 11*1.107, 0.3) {
		t.Errorf("recipient box %.2f pt high, want 11 pt type", h)
	}
	if !near(baseline(nn), baseline(p.find(0, "KT.")[0]), 0.3) {
		t.Error("Nơi nhận is not level with the authority line")
	}
}

func TestSamplePlan(t *testing.T) {
	needPoppler(t)
	d, src := samplePlan(t)
	pdf, res := render(t, d)
	p := bbox(t, pdf)
	checkMargins(t, p, d.Margins)
	info := run(t, "pdfinfo", writeTemp(t, pdf))
	if !strings.Contains(info, "Page size:       595.28 x 841.89 pts (A4)") {
		t.Errorf("pdfinfo:\n%s", info)
	}
	if !strings.Contains(info, "Phông chữ: Liberation Serif (nhúng sẵn)") {
		t.Errorf("font not recorded in the metadata:\n%s", info)
	}
	t.Logf("%s: %d pages, %d bytes", src, res.Pages, len(pdf))
	if os.Getenv("PDF_KEEP") != "" {
		os.WriteFile(filepath.Join(os.Getenv("PDF_KEEP"), "sample-plan.pdf"), pdf, 0o644)
	}
}

func TestMarginsClamped(t *testing.T) {
	d := docOf(paraB(lorem(100)))
	d.Margins = Margins{Top: 5, Bottom: 80, Left: 10, Right: 50}
	var tr []traceRun
	if _, _, err := engine(t).render(d, &tr); err != nil {
		t.Fatal(err)
	}
	checkTrace(t, tr, Margins{Top: 20, Bottom: 25, Left: 30, Right: 20}, engine(t).set)
	m := effectiveMargins(d.Margins)
	if m != (Margins{Top: 20, Bottom: 25, Left: 30, Right: 20}) {
		t.Errorf("clamped margins %+v", m)
	}
	ps := Validate(d)
	n := 0
	for _, p := range ps {
		if p.Key == "pdf.check.margin" {
			n++
		}
	}
	if n != 4 {
		t.Errorf("want 4 margin problems, got %+v", ps)
	}
}

func TestEmptyAndOddDocuments(t *testing.T) {
	for name, d := range map[string]Doc{
		"zero":        {},
		"only header": {Header: Header{Issuer: "SỞ"}},
		"page breaks": {Body: []Block{{Kind: KindPageBreak}, {Kind: KindPageBreak}, paraB("x"), {Kind: KindPageBreak}}},
		"table only":  {Body: []Block{{Kind: KindTable, Table: &Table{Columns: []Column{{Title: "A"}}}}}},
		"odd table": {Body: []Block{{Kind: KindTable, Table: &Table{Columns: make([]Column, 40), FontSize: -3,
			Rows: [][]Cell{{{Text: "x", Span: 99}}, {{Text: strings.Repeat("W", 50), Span: -1}}, {}}}}}},
		"unknown kind": {Body: []Block{{Kind: "weird", Text: "vẫn in"}}},
		"many recipients": func() Doc {
			d := docOf(paraB("x"))
			for i := 0; i < 120; i++ {
				d.Footer.Recipients = append(d.Footer.Recipients, "Đơn vị "+strconv.Itoa(i)+";")
			}
			return d
		}(),
	} {
		t.Run(name, func(t *testing.T) {
			var tr []traceRun
			_, res, err := engine(t).render(d, &tr)
			if err != nil {
				t.Fatal(err)
			}
			if res.Pages < 1 {
				t.Fatal("no pages")
			}
			checkTrace(t, tr, d.Margins, engine(t).set)
		})
	}
}

func TestEndMark(t *testing.T) {
	for in, want := range map[string]string{
		"Kết thúc.":   "Kết thúc./.",
		"Kết thúc":    "Kết thúc./.",
		"Kết thúc;":   "Kết thúc./.",
		"Kết thúc./.": "Kết thúc./.",
	} {
		got := withEndMark([]Block{paraB(in), {Kind: KindPageBreak}})
		if got[0].Text != want {
			t.Errorf("%q -> %q, want %q", in, got[0].Text, want)
		}
	}
	got := withEndMark([]Block{paraB("a"), {Kind: KindTable, Table: &Table{}}})
	if len(got) != 3 || got[2].Text != "./." {
		t.Errorf("after a table: %+v", got)
	}
}

func TestConcurrentRender(t *testing.T) {
	d, _ := samplePlan(t)
	want, _ := render(t, d)
	errs := make(chan error, 8)
	for i := 0; i < 8; i++ {
		go func() {
			b, _, err := engine(t).RenderBytes(d)
			if err == nil && !bytes.Equal(b, want) {
				err = fmt.Errorf("concurrent render differs")
			}
			errs <- err
		}()
	}
	for i := 0; i < 8; i++ {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
}
