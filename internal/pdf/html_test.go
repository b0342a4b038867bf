package pdf

import (
	"bytes"
	"strings"
	"testing"
)

func TestWriteHTML(t *testing.T) {
	d := allBlocks()
	d.Body = append(d.Body, paraB("Ký tự <b>đặc biệt</b> & **đậm** \\*sao\\*"))
	d.Margins = Margins{Top: 25, Left: 35}
	var b bytes.Buffer
	if err := WriteHTML(d, &b); err != nil {
		t.Fatal(err)
	}
	h := b.String()
	for _, want := range []string{
		`<html lang="vi">`, "@page { size: A4; margin: 25mm 15mm 20mm 35mm;", "@page land { size: A4 landscape; }",
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 05/KH-STNMT", "Quảng Bình, ngày 05 tháng 01 năm 2025",
		`<p class="h1">I. Mục đích, yêu cầu</p>`, `<p class="h3">a) Đối với tập thể</p>`,
		"Ký tự &lt;b&gt;đặc biệt&lt;/b&gt; &amp; <b>đậm</b> *sao*",
		`<td colspan="4" style="text-align:left"><b>I. TẬP THỂ</b></td>`,
		"<div>- Ban Thi đua - Khen thưởng.</div>", `<div class="noinhan">Nơi nhận:</div>`,
		`<section class="appendix land">`, "./.</p>",
	} {
		if !strings.Contains(h, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	if strings.Count(h, "<table") != strings.Count(h, "</table>") || strings.Count(h, "<p") != strings.Count(h, "</p>") {
		t.Error("unbalanced tags")
	}
}
