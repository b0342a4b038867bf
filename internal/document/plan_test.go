package document_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"chungsuc/internal/document"
	"chungsuc/internal/pdf"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// samplePlan generates the sample plan (in memory) and builds its document.
func samplePlan(t *testing.T) (document.Document, pdf.Doc) {
	t.Helper()
	fixedToday(t, "2026-03-01")
	_, svc, aid, _ := sampleSvc(t)
	ctx := context.Background()
	d, err := svc.Draft(ctx, aid, document.TemplatePlan)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := svc.BuildDoc(ctx, aid, d)
	if err != nil {
		t.Fatal(err)
	}
	return d, doc
}

// The sample plan's document model, as a golden structure file.
func TestSamplePlanGolden(t *testing.T) {
	_, doc := samplePlan(t)
	got, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", "sample-plan.golden.json")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/document -run Golden -update)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) && i < len(wl); i++ {
			if gl[i] != wl[i] {
				t.Fatalf("sample plan differs from %s at line %d:\n got %s\nwant %s\n(run with -update if the change is intended)", path, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("sample plan differs from %s in length (%d vs %d lines)", path, len(gl), len(wl))
	}
}

// The structure, header, signer and recipients of the seed plan
// (../shared/reference/ke-hoach-stnmt-quang-binh-2022.txt).
func TestSamplePlanStructure(t *testing.T) {
	d, doc := samplePlan(t)
	h := doc.Header
	if h.ParentBody != "UBND TỈNH QUẢNG BÌNH" || h.Issuer != "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG" || h.Number != 0 || h.Symbol != "KH-STNMT" ||
		h.Place != "Quảng Bình" || h.Date != "" || h.Year != 2022 {
		t.Errorf("header %+v", h)
	}
	if doc.Title.TypeName != "KẾ HOẠCH" || doc.Title.Summary != "Tổ chức thực hiện Phong trào thi đua “Cả nước chung sức xây dựng nông thôn mới” giai đoạn 2021 - 2025 của Sở Tài nguyên và Môi trường tỉnh Quảng Bình" {
		t.Errorf("title %+v", doc.Title)
	}
	if f := doc.Footer; strings.Join(f.Authority, "|") != "GIÁM ĐỐC" || f.SignerName != "Nguyễn Huệ" ||
		strings.Join(f.Recipients, "|") != "Bộ TNMT (Vụ TĐKTTT);|UBND tỉnh;|Sở Nội vụ (TĐKT);|Lãnh đạo Sở;|Các phòng, đơn vị thuộc, trực thuộc Sở;|Lưu: VT, VP." {
		t.Errorf("footer %+v", f)
	}
	var h1, h2 []string
	for _, b := range doc.Body {
		switch b.Kind {
		case pdf.KindHeading1:
			h1 = append(h1, b.Label+". "+b.Text)
		case pdf.KindHeading2:
			h2 = append(h2, b.Label+". "+b.Text)
		}
	}
	wantH1 := []string{"I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG, GIẢI PHÁP THỰC HIỆN PHONG TRÀO THI ĐUA",
		"III. ĐỐI TƯỢNG, TIÊU CHÍ THI ĐUA, HÌNH THỨC VÀ TIÊU CHUẨN KHEN THƯỞNG", "IV. TIẾN ĐỘ THỰC HIỆN"}
	if strings.Join(h1, "|") != strings.Join(wantH1, "|") {
		t.Errorf("parts %q", h1)
	}
	if strings.Join(h2, "|") != "1. Mục đích|2. Yêu cầu|1. Đối tượng, tiêu chí thi đua|2. Hình thức và tiêu chuẩn khen thưởng" {
		t.Errorf("sections %q", h2)
	}
	if len(doc.Appendices) != 1 {
		t.Fatalf("appendices %d", len(doc.Appendices))
	}
	ap := doc.Appendices[0]
	if !ap.Landscape || len(ap.Body) != 1 || ap.Body[0].Table == nil || !ap.Body[0].Table.RepeatHeader ||
		ap.Ref != "(Kèm theo Kế hoạch số       /KH-STNMT ngày      tháng      năm 2022 của Sở Tài nguyên và Môi trường tỉnh Quảng Bình)" {
		t.Fatalf("appendix %+v", ap)
	}
	tb := ap.Body[0].Table
	cols := []string{}
	for _, c := range tb.Columns {
		cols = append(cols, c.Title)
	}
	if strings.Join(cols, "|") != "TT|Phòng, đơn vị|Xã, thôn, bản được hỗ trợ|Thuộc|Thời gian|Nội dung hỗ trợ, ghi chú" || len(tb.Rows) < 8 {
		t.Fatalf("table %v, %d rows", cols, len(tb.Rows))
	}
	if r := tb.Rows[0]; r[0].Text != "1" || r[1].Text != "Văn phòng Sở" || !strings.HasPrefix(r[3].Text, "Huyện ") && !strings.HasPrefix(r[3].Text, "Xã ") {
		t.Errorf("first row %+v", r)
	}
	if p := pdf.Validate(doc); len(p) != 0 {
		t.Errorf("the sample plan does not validate: %+v", p)
	}
	if d.CampaignID == nil || d.TemplateCode != document.TemplatePlan || d.AsOf != "2022-06-30" {
		t.Errorf("draft %+v", d)
	}
}

// The PDF of the sample plan, read back, carries the seed plan's facts.
func TestSamplePlanPDFFacts(t *testing.T) {
	_, doc := samplePlan(t)
	e, err := pdf.Default()
	if err != nil {
		t.Fatal(err)
	}
	b, res, err := e.RenderBytes(doc)
	if err != nil {
		t.Fatal(err)
	}
	if res.Pages < 4 || len(res.Replaced) != 0 {
		t.Errorf("result %+v", res)
	}
	// pdftotext drops a hyphen that ends a line ("Thi đua -" / "Khen
	// thưởng"), so hyphens standing alone are left out of the comparison.
	dash := regexp.MustCompile(`(^|\s)[-–](\s|$)`)
	norm := func(s string) string { return collapse(dash.ReplaceAllString(dash.ReplaceAllString(s, " "), " ")) }
	text := norm(pdfText(t, b))
	for _, want := range []string{
		// Header and title.
		"UBND TỈNH QUẢNG BÌNH", "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "/KH-STNMT",
		"Quảng Bình, ngày", "năm 2022", "KẾ HOẠCH", "Cả nước chung sức xây dựng nông thôn mới”",
		// Legal bases with numbers and dates.
		"Nghị quyết số 25/2021/QH15 ngày 28/7/2021 của Quốc hội", "Quyết định số 263/QĐ-TTg ngày 22/02/2022",
		"Quyết định số 587/QĐ-TTg ngày 18/5/2022 của Thủ tướng Chính phủ", "Kế hoạch số 1017/KH-UBND ngày 13/6/2022",
		// Targets.
		"87% số xã đạt chuẩn nông thôn mới (112 xã)", "30% số xã đạt chuẩn nông thôn mới nâng cao (39 xã)",
		"10% số xã đạt chuẩn nông thôn mới kiểu mẫu (13 xã)", "04 xã đạt dưới 15 tiêu chí", "01 - 02 đơn vị cấp huyện", "49 thôn, bản, làng",
		// Parts, criteria, award forms, milestones.
		"I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "2. Yêu cầu", "II. NỘI DUNG, GIẢI PHÁP THỰC HIỆN PHONG TRÀO THI ĐUA",
		"III. ĐỐI TƯỢNG, TIÊU CHÍ THI ĐUA, HÌNH THỨC VÀ TIÊU CHUẨN KHEN THƯỞNG", "IV. TIẾN ĐỘ THỰC HIỆN",
		"Đối với tập thể các phòng, đơn vị thuộc và trực thuộc Sở", "Đối với cá nhân", "ít nhất 01 xã hoặc 01 thôn, bản đặc biệt khó khăn",
		"Huân chương Lao động;", "Bằng khen của Thủ tướng Chính phủ;", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh;", "Giấy khen",
		"Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”",
		"Ban hành Kế hoạch tổ chức thực hiện Phong trào thi đua giai đoạn 2021 - 2025: trong tháng 6 năm 2022",
		"Sơ kết, đánh giá, rút kinh nghiệm Phong trào thi đua: trong năm 2023", "Tổng kết Phong trào thi đua giai đoạn 2021 - 2025: trong năm 2025",
		"Đảng bộ Sở", "Trung tâm Công nghệ thông tin tài nguyên và môi trường", "Hội đồng Thi đua - Khen thưởng Sở",
		// Signer and recipients.
		"GIÁM ĐỐC", "Nguyễn Huệ", "Nơi nhận:", "- Bộ TNMT (Vụ TĐKTTT);", "- UBND tỉnh;", "- Sở Nội vụ (TĐKT);", "- Lãnh đạo Sở;",
		"- Các phòng, đơn vị thuộc, trực thuộc Sở;", "- Lưu: VT, VP.",
		// The appendix.
		"Phụ lục", "DANH SÁCH XÃ, THÔN, BẢN", "Văn phòng Sở",
	} {
		if !strings.Contains(text, norm(want)) {
			t.Errorf("the plan's PDF lacks %q", want)
		}
	}
	if t.Failed() {
		t.Logf("text: %s", text)
	}
	// Prose in our own words: no run of 45 words of the seed plan recurs (facts such as a cited title run to about 35).
	seed, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "reference", "ke-hoach-stnmt-quang-binh-2022.txt"))
	if err != nil {
		t.Logf("seed plan not found, copy check skipped: %v", err)
		return
	}
	words := func(s string) []string {
		return strings.Fields(regexp.MustCompile(`[^\p{L}\p{N}%]+`).ReplaceAllString(strings.ToLower(s), " "))
	}
	// The body's prose (the header and title must match the seed's facts).
	var prose strings.Builder
	for _, bl := range doc.Body {
		prose.WriteString(bl.Text + "\n")
	}
	gen := " " + strings.Join(words(prose.String()), " ") + " "
	sw := words(string(seed))
	const run = 45
	for i := 0; i+run <= len(sw); i++ {
		if chunk := " " + strings.Join(sw[i:i+run], " ") + " "; strings.Contains(gen, chunk) {
			t.Fatalf("the plan copies the seed plan: %q", chunk)
		}
	}
}

func TestReportTemplates(t *testing.T) {
	ctx := context.Background()
	fixedToday(t, "2026-03-01")
	_, svc, aid, _ := sampleSvc(t)
	for _, tc := range []struct {
		code, asOf, word string
		year             int
	}{{document.TemplateMidReview, "2023-12-31", "sơ kết", 2023}, {document.TemplateFinalReview, "2025-12-31", "tổng kết", 2025}} {
		d, err := svc.Generate(ctx, aid, tc.code)
		if err != nil {
			t.Fatal(err)
		}
		if d.ID == "" || d.TypeCode != "bao_cao" || d.Year != tc.year || d.AsOf != tc.asOf || d.Symbol != "BC-STNMT" {
			t.Fatalf("%s: %+v", tc.code, d)
		}
		if strings.Join(d.KinhGui, "|") != "Ủy ban nhân dân tỉnh Quảng Bình" || d.Recipients[0] != "Như trên" {
			t.Errorf("%s: kính gửi %v, nơi nhận %v", tc.code, d.KinhGui, d.Recipients)
		}
		all := ""
		for _, s := range d.Sections {
			all += s.Markup + "\n"
		}
		for _, want := range []string{"{{bang:chi_tieu}}", "{{bang:ho_tro}}", "chưa có dữ liệu về việc đề nghị và quyết định khen thưởng",
			"# II. ĐÁNH GIÁ CHUNG", "## 1. Ưu điểm", "## 2. Hạn chế, tồn tại và nguyên nhân", "# IV. ĐỀ XUẤT, KIẾN NGHỊ", "báo cáo " + tc.word,
			"phòng, đơn vị đăng ký hỗ trợ", "ngày công", "đồng"} {
			if !strings.Contains(all, want) {
				t.Errorf("%s lacks %q", tc.code, want)
			}
		}
		// The guidance stops an issue until it is replaced.
		problems, err := svc.Check(ctx, aid, d)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, p := range problems {
			if p.Key == "document.check.guidance" {
				n++
			}
		}
		if n < 5 {
			t.Errorf("%s: %d guidance problems: %+v", tc.code, n, problems)
		}
		pv, err := svc.Preview(ctx, aid, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		text := pdfText(t, pv.PDF)
		for _, want := range []string{"BÁO CÁO", "Kính gửi: Ủy ban nhân dân tỉnh Quảng Bình", "- Như trên;", "Chỉ tiêu", "Kết quả",
			"Có ít nhất 87% số xã đạt chuẩn nông thôn mới (112 xã)", "Tổng cộng", "Kinh phí (đồng)", "Số: /BC-STNMT"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s PDF lacks %q", tc.code, want)
			}
		}
	}
}

func TestTemplates(t *testing.T) {
	ctx := context.Background()
	_, svc, aid, _ := sampleSvc(t)
	list, err := svc.Templates(ctx, aid)
	if err != nil || len(list) != 5 {
		t.Fatalf("templates %d %v", len(list), err)
	}
	plan := list[0]
	if plan.Code != document.TemplatePlan || !plan.Builtin || !plan.Customised || !plan.Practice || !strings.Contains(plan.Source, "Mẫu 1.4") ||
		plan.Recipients[0] != "Bộ TNMT (Vụ TĐKTTT)" || len(plan.Placeholders) == 0 {
		t.Fatalf("plan template %+v", plan)
	}
	// Every placeholder of the built-in templates is documented.
	known := map[string]bool{}
	for _, p := range document.Placeholders() {
		if p.Description == "" {
			t.Errorf("placeholder %s undocumented", p.Name)
		}
		known[p.Name] = true
	}
	re := regexp.MustCompile(`\{\{([^{}]+)\}\}`)
	for _, tp := range document.BuiltinTemplates() {
		b, _ := json.Marshal(tp)
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			if !known[m[1]] {
				t.Errorf("%s uses undocumented {{%s}}", tp.Code, m[1])
			}
		}
		// Nothing agency-specific in the built-in text.
		for _, bad := range []string{"Quảng Bình", "STNMT", "TNMT", "Tài nguyên"} {
			if strings.Contains(string(b), bad) {
				t.Errorf("built-in template %s names %q", tp.Code, bad)
			}
		}
	}

	// Editing: an unknown placeholder is refused; the edit is used by Generate.
	plan.Sections[0].Markup = "Mở đầu {{khong_co}}"
	_, err = svc.SaveTemplate(ctx, aid, plan)
	fe := wantKey(t, err, "errors.invalid")
	if fe.Fields[0].Field != "sections.0.markup" || fe.Fields[0].Key != "validation.document.placeholder" {
		t.Fatalf("fields %+v", fe.Fields)
	}
	plan.Sections[0].Markup = "Căn cứ {{can_cu}}, {{co_quan.ten}} xây dựng kế hoạch."
	plan.Sections = append(plan.Sections, document.Section{Key: "them", Title: "Thêm", Markup: "{{muc_tieu}}\nTiêu chí: {{muc_tieu}}."})
	saved, err := svc.SaveTemplate(ctx, aid, plan)
	if err != nil || !saved.Customised {
		t.Fatalf("save %+v %v", saved, err)
	}
	d, err := svc.Draft(ctx, aid, document.TemplatePlan)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(d.Sections[0].Markup, "Căn cứ Nghị quyết số 25/2021/QH15") || !strings.HasSuffix(d.Sections[0].Markup, "Sở Tài nguyên và Môi trường tỉnh Quảng Bình xây dựng kế hoạch.") {
		t.Errorf("filled %q", d.Sections[0].Markup)
	}
	last := d.Sections[len(d.Sections)-1].Markup
	lines := strings.Split(last, "\n")
	if len(lines) != 7 || !strings.HasPrefix(lines[0], "- Có ít nhất 87%") || !strings.HasSuffix(lines[5], "nông thôn mới.") ||
		!strings.HasPrefix(lines[6], "Tiêu chí: Có ít nhất 87%") || strings.Contains(lines[6], "\n") {
		t.Errorf("block and inline forms %q", lines)
	}

	// Reset puts the program's text back (without the sample's wording).
	reset, err := svc.ResetTemplate(ctx, aid, document.TemplatePlan)
	if err != nil || reset.Customised || reset.ID != plan.ID || reset.Recipients[0] != "{{co_quan.cap_tren}}" || len(reset.Sections) != 6 {
		t.Fatalf("reset %+v %v", reset, err)
	}
	_, err = svc.ResetTemplate(ctx, aid, "khong-co")
	wantKey(t, err, "errors.document.notBuiltin")
	// A new template of the agency's own.
	own := document.Template{Code: "thong-bao-hop", TypeCode: "thong_bao", Name: "Thông báo họp", Summary: "Họp {{hoi_dong}}",
		Recipients: []string{"Lưu: VT, {{don_vi_soan}}"}, Sections: []document.Section{{Key: "nd", Markup: "Họp vào {{nam}}."}}}
	own, err = svc.SaveTemplate(ctx, aid, own)
	if err != nil || own.Builtin {
		t.Fatalf("own %+v %v", own, err)
	}
	d, err = svc.Generate(ctx, aid, "thong-bao-hop")
	if err != nil || d.Summary != "Họp Hội đồng Thi đua - Khen thưởng Sở" || d.Symbol != "TB-STNMT" || d.Recipients[0] != "Lưu: VT, VP" {
		t.Fatalf("generated %+v %v", d, err)
	}
	_, err = svc.Generate(ctx, aid, "khong-co")
	wantKey(t, err, "errors.document.unknownTemplate")
}

func TestHelpers(t *testing.T) {
	for in, want := range map[string]string{"2022-05-18": "18/5/2022", "2022-02-22": "22/02/2022", "2021-07-08": "08/7/2021", "x": "x"} {
		if got := document.ShortDate(in); got != want {
			t.Errorf("ShortDate(%s) = %s", in, got)
		}
	}
	if got := document.LongDate("2025-01-05", 0); got != "ngày 05 tháng 01 năm 2025" {
		t.Errorf("LongDate %s", got)
	}
	for in, want := range map[string]string{"2022-06-30": "trong tháng 6 năm 2022", "2023-12-31": "trong năm 2023", "2024-03-15": "trước ngày 15/3/2024", "2024-02-29": "trong tháng 2 năm 2024"} {
		if got := document.When(in); got != want {
			t.Errorf("when(%s) = %s", in, got)
		}
	}
	if got := document.ShortName("Cả nước chung sức xây dựng nông thôn mới giai đoạn 2021 - 2025"); got != "Cả nước chung sức xây dựng nông thôn mới" {
		t.Errorf("short name %q", got)
	}
	if got := document.VNNumber(1234567.5, 1); got != "1.234.567,5" {
		t.Errorf("number %s", got)
	}
	if got := document.VNNumber(48000000, 0); got != "48.000.000" {
		t.Errorf("number %s", got)
	}
	ty := document.Type{Abbrev: "KH"}
	if document.Symbol(ty, "STNMT", "VP") != "KH-STNMT" || document.Symbol(document.Type{Letter: true}, "STNMT", "VP") != "STNMT-VP" {
		t.Error("symbol")
	}
	if document.NumberText(5, "KH-STNMT") != "05/KH-STNMT" || document.NumberText(0, "KH-STNMT") != "" {
		t.Error("number text")
	}
	if got := document.FileName(document.Document{Number: 5, Symbol: "QĐ-STNMT"}); got != "05-QĐ-STNMT.pdf" {
		t.Errorf("file name %s", got)
	}
}
