package pdf

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseMarkup(t *testing.T) {
	in := `
# I. MỤC ĐÍCH, YÊU CẦU
## 1. Mục đích
### a) Đối với tập thể
### đ) Điểm đ
# Không có số
- gạch đầu dòng;
> Căn cứ Luật Thi đua, khen thưởng;
^ Phần I
{{bang:dang_ky}}
{{ngat_trang}}
   Đoạn văn có **đậm** và *nghiêng*, dấu \* sao.   

\- không phải gạch đầu dòng
{{bang:sai khoa}}
{{co_quan.ten}}
#khong-phai-tieu-de
Vie` + "\u0302\u0323" + `t
`
	want := []Block{
		{Kind: KindHeading1, Label: "I", Text: "MỤC ĐÍCH, YÊU CẦU"},
		{Kind: KindHeading2, Label: "1", Text: "Mục đích"},
		{Kind: KindHeading3, Label: "a", Text: "Đối với tập thể"},
		{Kind: KindHeading3, Label: "đ", Text: "Điểm đ"},
		{Kind: KindHeading1, Text: "Không có số"},
		{Kind: KindDash, Text: "gạch đầu dòng;"},
		{Kind: KindBasis, Text: "Căn cứ Luật Thi đua, khen thưởng;"},
		{Kind: KindCenter, Text: "Phần I"},
		{Kind: KindTable, Ref: "dang_ky"},
		{Kind: KindPageBreak},
		{Kind: KindParagraph, Text: `Đoạn văn có **đậm** và *nghiêng*, dấu \* sao.`},
		{Kind: KindParagraph, Text: "- không phải gạch đầu dòng"},
		{Kind: KindParagraph, Text: "{{bang:sai khoa}}"},
		{Kind: KindParagraph, Text: "{{co_quan.ten}}"},
		{Kind: KindParagraph, Text: "#khong-phai-tieu-de"},
		{Kind: KindParagraph, Text: "Việt"},
	}
	got := ParseMarkup(in)
	if !reflect.DeepEqual(got, want) {
		for i := range max(len(got), len(want)) {
			var g, w Block
			if i < len(got) {
				g = got[i]
			}
			if i < len(want) {
				w = want[i]
			}
			if !reflect.DeepEqual(g, w) {
				t.Errorf("block %d: got %+v, want %+v", i, g, w)
			}
		}
	}
	// Round trip.
	if again := ParseMarkup(FormatMarkup(got)); !reflect.DeepEqual(again, got) {
		t.Errorf("round trip:\n%s", FormatMarkup(got))
	}
	canon := FormatMarkup(got)
	if FormatMarkup(ParseMarkup(canon)) != canon {
		t.Error("FormatMarkup(ParseMarkup(canonical)) changed it")
	}
	if !strings.Contains(canon, "\\- không phải gạch đầu dòng\n") {
		t.Errorf("escape lost:\n%s", canon)
	}
}

func TestParseInline(t *testing.T) {
	for in, want := range map[string][]span{
		"a **b** c":               {{"a ", 0}, {"b", stB}, {" c", 0}},
		"*i* và ***bi***":         {{"i", stI}, {" và ", 0}, {"bi", stBI}},
		`\*không\* **đậm *x* y**`: {{"*không* ", 0}, {"đậm ", stB}, {"x", stBI}, {" y", stB}},
		"lẻ ** dấu":               {{"lẻ ** dấu", 0}},
		"a*b":                     {{"a*b", 0}},
		`a\\b`:                    {{`a\b`, 0}},
	} {
		if got := parseInline(in, 0); !reflect.DeepEqual(got, want) {
			t.Errorf("%q: got %+v, want %+v", in, got, want)
		}
	}
	// The block style combines with the inline one.
	if got := parseInline("x *y*", stB); !reflect.DeepEqual(got, []span{{"x ", stB}, {"y", stBI}}) {
		t.Errorf("bold base: %+v", got)
	}
}

func FuzzMarkup(f *testing.F) {
	for _, s := range []string{
		"# I. A\n## 1. B\n### a) C\n- d\n> e\n^ f\n{{bang:x}}\n{{ngat_trang}}\ng",
		`\# x`, `\\# x`, `\\`, `\*`, "# ", "#", "- ", "  -  x  ", "\\- a\n\\\\b", "{{bang:}}", "### z) ", "a\r\nb",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b := ParseMarkup(s)
		out := FormatMarkup(b)
		again := ParseMarkup(out)
		if !reflect.DeepEqual(again, b) && !(len(again) == 0 && len(b) == 0) {
			t.Fatalf("round trip of %q:\n%q\n%+v\n%+v", s, out, b, again)
		}
		if FormatMarkup(again) != out {
			t.Fatalf("canonical form not stable for %q", s)
		}
		for _, bl := range b {
			parseInline(bl.Text, stReg)
		}
	})
}
