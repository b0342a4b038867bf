package pdf

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifbolditalic"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"
)

var libTTF = [4][]byte{liberationserifregular.TTF, liberationserifbold.TTF, liberationserifitalic.TTF, liberationserifbolditalic.TTF}

// fontDir writes four files under the given names (Windows-style by
// default) into a nested folder, as a system font folder would hold them.
func fontDir(t *testing.T, files [4][]byte, names [4]string) string {
	t.Helper()
	dir := t.TempDir()
	sub := filepath.Join(dir, "truetype", "msttcorefonts")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	for i, n := range names {
		if files[i] == nil {
			continue
		}
		if err := os.WriteFile(filepath.Join(sub, n), files[i], 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

var winNames = [4]string{"times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf"}

func TestSystemFontFound(t *testing.T) {
	// Real Times New Roman is not on a CI machine; Liberation Serif under
	// the Windows file names stands in for it. The engine must take the
	// files and report the family the files name, and their folder.
	for _, names := range [][4]string{winNames, {"Times_New_Roman.ttf", "Times_New_Roman_Bold.ttf", "Times_New_Roman_Italic.ttf", "Times_New_Roman_Bold_Italic.ttf"}} {
		dir := fontDir(t, libTTF, names)
		e, err := NewEngine(Options{FontDirs: []string{filepath.Join(dir, "none"), dir}})
		if err != nil {
			t.Fatal(err)
		}
		fi := e.Font()
		if fi.Family != "Liberation Serif" || fi.Source != filepath.Join(dir, "truetype", "msttcorefonts") {
			t.Errorf("%v: font %+v", names, fi)
		}
		if got := e.fontNote(); got != "Phông chữ: Liberation Serif (hệ điều hành)" {
			t.Errorf("note %q", got)
		}
		if _, res, err := e.RenderBytes(docOf(paraB("Việt Nam"))); err != nil || res.Font != "Liberation Serif" {
			t.Errorf("render: %v %+v", err, res)
		}
		// Embedded wins when asked for.
		if e2, _ := NewEngine(Options{FontDirs: []string{dir}, Embedded: true}); e2.Font().Source != embeddedSource {
			t.Errorf("Embedded ignored: %+v", e2.Font())
		}
	}
}

func TestSystemFontFallbacks(t *testing.T) {
	ascii := fpdf.UTF8CutFont(liberationserifregular.TTF, "abcdefghijklmnopqrstuvwxyz ")
	for name, files := range map[string][4][]byte{
		"a style missing": {libTTF[0], libTTF[1], libTTF[2], nil},
		"not a font":      {[]byte("not a font at all"), libTTF[1], libTTF[2], libTTF[3]},
		"truncated":       {libTTF[0][:5000], libTTF[1], libTTF[2], libTTF[3]},
		"no Vietnamese":   {ascii, libTTF[1], libTTF[2], libTTF[3]},
	} {
		dir := fontDir(t, files, winNames)
		e, err := NewEngine(Options{FontDirs: []string{dir}})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if fi := e.Font(); fi.Source != embeddedSource || fi.Family != "Liberation Serif" {
			t.Errorf("%s: want the embedded font, got %+v", name, fi)
		}
	}
}

func TestDefaultEngine(t *testing.T) {
	t.Setenv("CHUNGSUC_FONT", "embedded")
	e, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	e2, _ := Default()
	if e != e2 {
		t.Error("Default is not shared")
	}
	if e.Font().Source != embeddedSource {
		t.Errorf("CHUNGSUC_FONT=embedded ignored: %+v", e.Font())
	}
	// The operating system's folders: whatever is found is reported.
	eo, err := NewEngine(Options{})
	if err != nil {
		t.Fatal(err)
	}
	if fi := eo.Font(); fi.Family == "" || fi.Source == "" {
		t.Errorf("OS font %+v", fi)
	} else {
		t.Logf("this machine prints with %s from %s", fi.Family, fi.Source)
	}
}

func TestCharacterSet(t *testing.T) {
	set := engine(t).set
	for _, r := range VietnameseLetters() {
		if !set.supports(r) {
			t.Errorf("%q not supported", r)
		}
	}
	for _, r := range "“”‘’–—…•€№" {
		if !set.supports(r) {
			t.Errorf("%q not supported", r)
		}
	}
	for _, r := range []rune{0x1F600, 0xE000, 0x7, 0x200D, 0x4E2D} {
		if set.supports(r) {
			t.Errorf("%U should not be supported", r)
		}
	}
	// Plane layout: ASCII at its own codes in plane 0, the space at 32 of
	// every plane, lower-case Vietnamese in plane 0.
	enc := set.enc
	for r := rune(32); r < 127; r++ {
		if enc.code.get(r) != uint16(r) {
			t.Errorf("%q at %#x", r, enc.code.get(r))
		}
	}
	for p := range enc.planes {
		if enc.planes[p][32] != ' ' {
			t.Errorf("plane %d has no space", p)
		}
	}
	for _, r := range vnLower {
		if enc.code.get(r)>>8 != 0 {
			t.Errorf("%q is not in plane 0", r)
		}
	}
	// Widths agree with the font (TNR metrics: "a" 444, "W" 944 /1000 em).
	if w := set.faces[stReg].widths.get('a'); w != 444 {
		t.Errorf("width of a = %d", w)
	}
	if w := set.faces[stB].widths.get('W'); w != 1000 {
		t.Errorf("bold W = %d", w)
	}
	// The definitions name each plane's glyphs for the PDF viewer.
	if !strings.Contains(string(set.faces[stReg].defs[0]), "/uni1EA1") && !strings.Contains(string(set.faces[stReg].defs[1]), "/uni1EA1") {
		t.Error("ạ has no glyph name")
	}
}

func TestParseTTF(t *testing.T) {
	in, err := parseTTF(liberationserifregular.TTF)
	if err != nil {
		t.Fatal(err)
	}
	if in.psName != "LiberationSerif" || in.unitsPerEm != 2048 || in.ascender != 1825 || in.descender != -443 {
		t.Errorf("%+v", in)
	}
	for _, b := range [][]byte{nil, []byte("OTTO1234567890"), liberationserifregular.TTF[:100], append([]byte{0, 1, 0, 0, 0, 200}, make([]byte, 50)...)} {
		if _, err := parseTTF(b); err == nil {
			t.Errorf("parsed %d bytes of junk", len(b))
		}
	}
}

func FuzzParseTTF(f *testing.F) {
	f.Add(liberationserifregular.TTF[:2000])
	f.Add([]byte{0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 'c', 'm', 'a', 'p', 0, 0, 0, 0, 0, 0, 0, 12, 0, 0, 0, 4})
	f.Fuzz(func(t *testing.T, b []byte) {
		parseTTF(b) // must not panic (it recovers; a panic would fail here)
	})
}
