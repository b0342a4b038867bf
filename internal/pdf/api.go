package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
	"unicode"

	"codeberg.org/go-pdf/fpdf"

	"chungsuc/internal/vntext"
)

// Options configures an Engine.
type Options struct {
	// FontDirs are searched for Times New Roman; nil means the operating
	// system's font folders (DefaultFontDirs).
	FontDirs []string
	// Embedded forces the embedded Liberation Serif.
	Embedded bool
}

// FontInfo names the font an Engine prints with and where it came from:
// Source is a folder for a system font, or "nhúng sẵn (go-fonts/liberation)".
type FontInfo struct {
	Family string `json:"family"`
	Source string `json:"source"`
}

// Result describes a rendered document.
type Result struct {
	Pages int    `json:"pages"`
	Font  string `json:"font"`
	// Replaced lists the characters the font cannot print: control and
	// format characters were dropped, the others printed as "?".
	Replaced []Replacement `json:"replaced,omitempty"`
}

// Replacement reports a character the font cannot print and how often it
// occurred. Char is empty for invisible (control, format) characters.
type Replacement struct {
	Char  string `json:"char"`
	Code  string `json:"code"`
	Count int    `json:"count"`
}

// Problem is one finding of Validate: Field is a dotted path into Doc
// ("header.number", "footer.recipients.3"), Key a vi.json key under
// "pdf.check.".
type Problem struct {
	Field  string         `json:"field"`
	Key    string         `json:"key"`
	Params map[string]any `json:"params,omitempty"`
	// Warning marks advice rather than a breach: the last Nơi nhận line
	// is not "Lưu: …" (normal, not required), or a margin outside the
	// legal range (the renderer clamps it, the print stays legal).
	Warning bool `json:"warning,omitempty"`
}

// Engine renders documents. It loads and prepares its fonts once; Render is
// safe for concurrent use.
type Engine struct {
	set *fontSet
}

// NewEngine loads the fonts: Times New Roman from the system when all four
// styles are found and cover Vietnamese, otherwise (or with Embedded) the
// embedded Liberation Serif.
func NewEngine(o Options) (*Engine, error) {
	if !o.Embedded {
		dirs := o.FontDirs
		if dirs == nil {
			dirs = DefaultFontDirs()
		}
		if set, err := loadSystemTNR(dirs); err == nil {
			return &Engine{set: set}, nil
		}
	}
	set, err := loadLiberation()
	if err != nil {
		return nil, fmt.Errorf("pdf: embedded font: %w", err)
	}
	return &Engine{set: set}, nil
}

var (
	defaultOnce sync.Once
	defaultEng  *Engine
	defaultErr  error
)

// Default returns the process-wide engine, built on first use. The
// environment variable CHUNGSUC_FONT=embedded forces Liberation Serif.
func Default() (*Engine, error) {
	defaultOnce.Do(func() {
		defaultEng, defaultErr = NewEngine(Options{Embedded: strings.EqualFold(os.Getenv("CHUNGSUC_FONT"), "embedded")})
	})
	return defaultEng, defaultErr
}

// Font reports the font in use.
func (e *Engine) Font() FontInfo { return e.set.info }

// fontNote is written to the PDF's Keywords; it names the font without a
// local folder path.
func (e *Engine) fontNote() string {
	src := "hệ điều hành"
	if e.set.info.Source == embeddedSource {
		src = "nhúng sẵn"
	}
	return "Phông chữ: " + e.set.info.Family + " (" + src + ")"
}

// Render writes the PDF of d to w.
func (e *Engine) Render(d Doc, w io.Writer) (Result, error) {
	b, res, err := e.RenderBytes(d)
	if err != nil {
		return res, err
	}
	_, err = w.Write(b)
	return res, err
}

// RenderBytes returns the PDF of d.
func (e *Engine) RenderBytes(d Doc) ([]byte, Result, error) {
	return e.render(d, nil)
}

func (e *Engine) render(d Doc, trace *[]traceRun) (out []byte, res Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			out, err = nil, fmt.Errorf("pdf: render: %v", p)
		}
	}()
	f := newFpdf()
	r := e.newRenderer(f, trace)
	r.mg = effectiveMargins(d.Margins)
	r.render(d)
	title := d.Meta.Title
	if strings.TrimSpace(infoText(title)) == "" {
		title = strings.TrimSpace(strings.ToUpper(d.Title.TypeName) + " " + d.Title.Summary)
	}
	author := d.Meta.Author
	if infoText(author) == "" {
		author = d.Header.Issuer
	}
	b, err := e.output(f, d.Meta, title, author)
	if err != nil {
		return nil, Result{}, err
	}
	res = Result{Pages: r.pages, Font: e.set.info.Family, Replaced: r.c.report()}
	if res.Pages == 0 {
		return nil, res, errors.New("pdf: no pages")
	}
	return b, res, nil
}

// newFpdf returns an empty A4 document set up as the renderer expects: no
// automatic page breaks, margins or cell padding (the renderer places
// everything itself).
func newFpdf() *fpdf.Fpdf {
	f := fpdf.New("P", "mm", "A4", "")
	f.SetCompression(true)
	f.SetCatalogSort(true)
	f.SetAutoPageBreak(false, 0)
	f.SetMargins(0, 0, 0)
	f.SetCellMargin(0)
	return f
}

// newRenderer returns a renderer drawing into f with a fresh cleaner.
func (e *Engine) newRenderer(f *fpdf.Fpdf, trace *[]traceRun) *renderer {
	c := &cleaner{set: e.set, replaced: map[rune]int{}}
	r := &renderer{set: e.set, f: f, m: measurer{e.set}, c: c, mg: defaultMargins, trace: trace}
	for i := range r.added {
		r.added[i] = make([]bool, len(e.set.enc.planes))
	}
	return r
}

// infoText prepares a string for the information dictionary or an outline
// title: both are UTF-16, so any character can stay; only control
// characters go (and nothing is reported).
func infoText(s string) string {
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, vntext.NFC(s)))
}

// output writes the information dictionary (title and author are the
// defaults for m's empty fields) and returns the PDF.
func (e *Engine) output(f *fpdf.Fpdf, m Meta, title, author string) ([]byte, error) {
	f.SetTitle(infoText(title), true)
	f.SetSubject(infoText(m.Subject), true)
	f.SetAuthor(infoText(author), true)
	f.SetCreator("Chung Sức", true)
	f.SetProducer("Chung Sức — codeberg.org/go-pdf/fpdf v0.12.0", true)
	f.SetKeywords(e.fontNote(), true)
	f.SetLang("vi-VN")
	t := time.Unix(0, 0).UTC()
	if m.CreatedAt != "" {
		if pt, perr := time.Parse(time.RFC3339, m.CreatedAt); perr == nil {
			t = pt.UTC()
		}
	}
	f.SetCreationDate(t)
	f.SetModificationDate(t)
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	return buf.Bytes(), nil
}
