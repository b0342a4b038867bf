package pdf

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifbolditalic"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"
)

// The benchmark document is the sample plan (the document helper's golden
// pdf.Doc when it exists, else testdata/plan.json).

func BenchmarkRender(b *testing.B) {
	d, _ := samplePlan(b)
	benchRender(b, d)
}

// BenchmarkRenderMainText is the sample plan without its appendix: the
// portrait main text alone.
func BenchmarkRenderMainText(b *testing.B) {
	d, _ := samplePlan(b)
	d.Appendices = nil
	benchRender(b, d)
}

func benchRender(b *testing.B, d Doc) {
	e := engine(b)
	var size, pages int
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out, res, err := e.RenderBytes(d)
		if err != nil {
			b.Fatal(err)
		}
		size, pages = len(out), res.Pages
	}
	ms := float64(b.Elapsed().Microseconds()) / 1000 / float64(b.N)
	b.ReportMetric(ms, "ms/doc")
	b.ReportMetric(ms/float64(pages), "ms/page")
	b.ReportMetric(float64(size), "bytes/doc")
	b.ReportMetric(float64(pages), "pages/doc")
}

func BenchmarkRenderParallel(b *testing.B) {
	d, _ := samplePlan(b)
	e := engine(b)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, _, err := e.RenderBytes(d); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}

// BenchmarkNewEngine is the one-off cost of loading the fonts: parse the
// four Liberation Serif styles, subset, compress, write the definitions.
func BenchmarkNewEngine(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := NewEngine(Options{Embedded: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFpdfUTF8Fonts is what fpdf's own UTF-8 font path costs per
// document before any text: AddUTF8FontFromBytes for the four styles (each
// parses the whole TrueType file and JSON-encodes a 65 536-entry width
// table) and the output of a one-page document (subsetting, CID maps).
// The engine avoids exactly this per document.
func BenchmarkFpdfUTF8Fonts(b *testing.B) {
	ttfs := [][]byte{liberationserifregular.TTF, liberationserifbold.TTF, liberationserifitalic.TTF, liberationserifbolditalic.TTF}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		f := fpdf.New("P", "mm", "A4", "")
		f.SetCompression(true)
		for k, st := range styleNames {
			f.AddUTF8FontFromBytes("t", st, ttfs[k])
		}
		f.AddPage()
		for _, st := range styleNames {
			f.SetFont("t", st, 14)
			f.Text(20, 20, "Cộng hòa xã hội chủ nghĩa Việt Nam")
		}
		var buf bytes.Buffer
		if err := f.Output(&buf); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEngineFonts is the engine's per-document font cost for the same
// one-page document: register the prepared definitions, emit, embed.
func BenchmarkEngineFonts(b *testing.B) {
	e := engine(b)
	d := Doc{Body: []Block{paraB("Cộng hòa xã hội chủ nghĩa Việt Nam"), paraB("**đậm** *nghiêng* ***cả hai***")}}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, _, err := e.RenderBytes(d); err != nil {
			b.Fatal(err)
		}
	}
}

// TestRenderMany is driven by tests/bench/pdf.sh: with PDF_BENCH_DOCS=N it
// renders the sample plan N times on all cores (peak memory is measured
// around the test binary), and with PDF_BENCH_OUT=DIR it writes the PDF
// and the HTML of the same document there.
func TestRenderMany(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("PDF_BENCH_DOCS"))
	out := os.Getenv("PDF_BENCH_OUT")
	if n <= 0 && out == "" {
		t.Skip("set PDF_BENCH_DOCS and/or PDF_BENCH_OUT (tests/bench/pdf.sh does)")
	}
	d, src := samplePlan(t)
	e, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if out != "" {
		pdf, res, err := e.RenderBytes(d)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(out, "doc.pdf"), pdf, 0o644); err != nil {
			t.Fatal(err)
		}
		var h bytes.Buffer
		if err := WriteHTML(d, &h); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(out, "doc.html"), h.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		info := src + "\t" + strconv.Itoa(res.Pages) + "\t" + strconv.Itoa(len(pdf)) + "\t" + e.Font().Family + "\n"
		if err := os.WriteFile(filepath.Join(out, "doc.info"), []byte(info), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if n > 0 {
		start := time.Now()
		work := make(chan struct{}, n)
		for i := 0; i < n; i++ {
			work <- struct{}{}
		}
		close(work)
		done := make(chan error)
		workers := runtime.GOMAXPROCS(0)
		for w := 0; w < workers; w++ {
			go func() {
				var err error
				for range work {
					if _, _, e2 := e.RenderBytes(d); e2 != nil {
						err = e2
					}
				}
				done <- err
			}()
		}
		for w := 0; w < workers; w++ {
			if err := <-done; err != nil {
				t.Fatal(err)
			}
		}
		t.Logf("%d documents in %v on %d workers", n, time.Since(start), workers)
	}
}

// BenchmarkRenderBundle200 is a dossier: a tờ trình (the sample plan),
// 200 short báo cáo thành tích (2–3 pages each) under one group, and a
// biên bản, with the contents pages and the outline.
func BenchmarkRenderBundle200(b *testing.B) {
	plan, _ := samplePlan(b)
	kids := make([]Part, 200)
	for i := range kids {
		kids[i] = Part{Title: "Báo cáo thành tích của đơn vị số " + strconv.Itoa(i+1), Doc: reportDoc("mãđv"+strconv.Itoa(i+1), 6+i%3*5)}
	}
	bu := Bundle{
		Header: Header{ParentBody: "UBND TỈNH QUẢNG BÌNH", Issuer: "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", Place: "Quảng Bình", Date: "2025-03-01"},
		Title:  "Hồ sơ đề nghị khen thưởng", Subtitle: "Đề nghị tặng Bằng khen năm 2025",
		Parts: []Part{
			{Title: "Tờ trình", Doc: plan},
			{Title: "Báo cáo thành tích", Children: kids},
			{Title: "Biên bản họp Hội đồng", Doc: reportDoc("mãbiênbản", 4)},
		},
		Meta: Meta{CreatedAt: "2025-03-01T08:00:00Z"},
	}
	e := engine(b)
	var size, pages int
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out, res, err := e.RenderBundle(context.Background(), bu, nil)
		if err != nil {
			b.Fatal(err)
		}
		size, pages = len(out), res.Pages
	}
	ms := float64(b.Elapsed().Microseconds()) / 1000 / float64(b.N)
	b.ReportMetric(ms, "ms/bundle")
	b.ReportMetric(ms/float64(pages), "ms/page")
	b.ReportMetric(float64(size), "bytes/bundle")
	b.ReportMetric(float64(pages), "pages/bundle")
}
