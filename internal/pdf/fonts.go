package pdf

import (
	"bytes"
	"compress/zlib"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"codeberg.org/go-pdf/fpdf"
	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifbolditalic"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"
)

// How the fonts reach fpdf, and why.
//
// fpdf's UTF-8 path (AddUTF8FontFromBytes) parses the whole TrueType file
// for every document, then JSON-encodes its 65 536-entry width table to
// compute a font id, then subsets the font and compresses a 128 KiB
// CID-to-glyph map at output time. For the four styles of a document that
// is 15–25 ms before a single line is laid out (measured in bench_test.go,
// BenchmarkFpdfUTF8Fonts), and none of the parsed state can be handed from
// one Fpdf to the next through its API.
//
// The engine therefore does that work once: it subsets each style to the
// characters the renderer supports (fpdf.UTF8CutFont), compresses the subset,
// and describes it as a classic single-byte TrueType font definition (the
// JSON + .z pair of fpdf's makefont format), which fpdf embeds as is through
// AddFontFromBytes. One byte addresses 224 codes, fewer than the ~330
// characters Vietnamese text needs, so the character set is split into
// "planes": plane 0 keeps ASCII at its own codes plus the lower-case
// Vietnamese letters and common punctuation, further planes take the rest.
// Each plane is a font resource with its own /Differences encoding
// (glyph names uniXXXX), all planes of a style share one embedded font
// program. The renderer switches planes inside a word where needed; the
// PDF stays standard (simple TrueType fonts, names resolved through the
// Adobe Glyph List), text extraction works through the glyph names.

// Style indexes.
const (
	stReg = 0
	stB   = 1
	stI   = 2
	stBI  = 3
)

var styleNames = [4]string{"", "B", "I", "BI"}

// vnLower lists the 67 lower-case Vietnamese letters outside ASCII.
const vnLower = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"

// VietnameseLetters returns the 134 precomposed Vietnamese letters outside
// ASCII, lower case then upper case.
func VietnameseLetters() []rune {
	lo := []rune(vnLower)
	out := append([]rune(nil), lo...)
	for _, r := range lo {
		out = append(out, unicode.ToUpper(r))
	}
	return out
}

// wishList is the ordered set of characters the renderer tries to support;
// the ones all four styles of the font have are kept.
func wishList() []rune {
	var out []rune
	seen := map[rune]bool{}
	add := func(rs ...rune) {
		for _, r := range rs {
			if !seen[r] {
				seen[r] = true
				out = append(out, r)
			}
		}
	}
	for r := rune(32); r < 127; r++ {
		add(r)
	}
	// Plane 0 (129 free codes) takes the lower-case letters, common
	// punctuation, the no-break space and the capitals but the 14 rarest
	// (by letter counts over this project's Vietnamese texts; Ĩ stays for
	// "NGHĨA"), so that most documents need one font resource per style.
	add([]rune(vnLower)...)
	add([]rune("–—‘’“”…•\u00a0")...)
	rare := "ẲẸỴỸỲẺẴỄỠŨẼÕỎỶ"
	for _, r := range VietnameseLetters()[67:] {
		if !strings.ContainsRune(rare, r) {
			add(r)
		}
	}
	add([]rune(rare)...)
	for r := rune(0xA0); r <= 0xFF; r++ {
		add(r)
	}
	for r := rune(0x100); r <= 0x17F; r++ {
		add(r)
	}
	add([]rune("ƒƠơƯưˆˇ˘˙˚˛˜˝")...)
	add(0x300, 0x301, 0x303, 0x309, 0x323) // combining tone marks NFC cannot absorb
	for r := rune(0x2010); r <= 0x2027; r++ {
		add(r)
	}
	for r := rune(0x2030); r <= 0x203A; r++ {
		add(r)
	}
	add([]rune("€№™−≤≥≠≈∞←↑→↓↔√∑∆Ω")...)
	return out
}

// plane code layout: plane 0 = ASCII at its codes, then 127..255; other
// planes 33..255 (code 32 stays a space everywhere so viewers
// and text extractors never see a "space" that is a letter).
func planeSlots(p int) []int {
	var s []int
	if p > 0 {
		for c := 33; c <= 126; c++ {
			s = append(s, c)
		}
	}
	for c := 127; c <= 255; c++ {
		s = append(s, c)
	}
	return s
}

// encoding maps supported runes to (plane, code).
type encoding struct {
	code   runeTable // plane<<8 | byte; 0 = unsupported
	planes [][]rune  // per plane: rune at each code (0 = unused)
}

func newEncoding(chars []rune) *encoding {
	maxR := rune(0)
	for _, r := range chars {
		maxR = max(maxR, r)
	}
	e := &encoding{code: make(runeTable, maxR+1)}
	e.planes = [][]rune{make([]rune, 256)}
	var rest []rune
	for _, r := range chars {
		if r >= 32 && r <= 126 {
			e.code[r] = uint16(r)
			e.planes[0][r] = r
		} else {
			rest = append(rest, r)
		}
	}
	p := 0
	slots := planeSlots(0)
	for _, r := range rest {
		if len(slots) == 0 {
			p++
			e.planes = append(e.planes, make([]rune, 256))
			e.planes[p][32] = ' ' // every plane has the space at 32
			slots = planeSlots(p)
		}
		c := slots[0]
		slots = slots[1:]
		e.code[r] = uint16(p<<8 | c)
		e.planes[p][c] = r
	}
	return e
}

// runeTable is a dense per-rune table (faster than a map in the hot loops).
type runeTable []uint16

func (t runeTable) get(r rune) uint16 {
	if r < 0 || int(r) >= len(t) {
		return 0
	}
	return t[r]
}

// face is one style of the font, ready for fpdf.
type face struct {
	info   *ttfInfo
	widths runeTable // 1/1000 em, as in the PDF Widths array
	ascent float64   // em
	desc   float64   // em, positive
	gap    float64   // em
	defs   [][]byte  // fpdf font definition JSON per plane
	ids    []string  // fpdf's resource name (after "/F") per plane
	z      []byte    // compressed subset font program
}

// fontSet is the loaded font: four faces and the shared encoding.
type fontSet struct {
	info  FontInfo
	faces [4]*face
	enc   *encoding
}

func (fs *fontSet) supports(r rune) bool {
	return fs.enc.code.get(r) != 0
}

const embeddedSource = "nhúng sẵn (go-fonts/liberation)"

func loadLiberation() (*fontSet, error) {
	files := [4][]byte{liberationserifregular.TTF, liberationserifbold.TTF, liberationserifitalic.TTF, liberationserifbolditalic.TTF}
	return buildFontSet(files, FontInfo{Family: "Liberation Serif", Source: embeddedSource})
}

// buildFontSet parses the four styles, keeps the characters all of them
// have, subsets and compresses each style and writes the fpdf definitions.
func buildFontSet(files [4][]byte, fi FontInfo) (set *fontSet, err error) {
	var infos [4]*ttfInfo
	for i, b := range files {
		if infos[i], err = parseTTF(b); err != nil {
			return nil, fmt.Errorf("%s %s: %w", fi.Family, []string{"regular", "bold", "italic", "bold italic"}[i], err)
		}
	}
	var chars []rune
	for _, r := range wishList() {
		ok := true
		for _, in := range infos {
			if _, has := in.cmap[r]; !has {
				ok = false
				break
			}
		}
		if ok {
			chars = append(chars, r)
		}
	}
	for i, in := range infos {
		// fsType bit 1: restricted licence, the font must not be embedded.
		if in.fsType&0x000F == 0x0002 {
			return nil, fmt.Errorf("%s style %d: the licence forbids embedding", fi.Family, i)
		}
	}
	for _, r := range VietnameseLetters() {
		for _, in := range infos {
			if _, has := in.cmap[r]; !has {
				return nil, fmt.Errorf("%s lacks %q", fi.Family, r)
			}
		}
	}
	set = &fontSet{info: fi, enc: newEncoding(chars)}
	cutset := string(chars)
	for i := range files {
		f, err := buildFace(files[i], infos[i], i, cutset, set.enc)
		if err != nil {
			return nil, err
		}
		set.faces[i] = f
	}
	if err := set.resolveIDs(); err != nil {
		return nil, err
	}
	return set, nil
}

// resolveIDs learns the resource names fpdf gives the font definitions
// ("/F" + a hash of the definition) from a scratch document, so the
// renderer can write its own compact text operators.
func (set *fontSet) resolveIDs() error {
	f := fpdf.New("P", "pt", "A4", "")
	f.SetCompression(false)
	for s, fc := range set.faces {
		for p := range fc.defs {
			f.AddFontFromBytes("cs"+strconv.Itoa(p), styleNames[s], fc.defs[p], fc.z)
		}
	}
	f.AddPage()
	for s, fc := range set.faces {
		for p := range fc.defs {
			f.SetFont("cs"+strconv.Itoa(p), styleNames[s], 10)
		}
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return err
	}
	ms := reTf.FindAllSubmatch(buf.Bytes(), -1)
	want := 0
	for _, fc := range set.faces {
		want += len(fc.defs)
	}
	if len(ms) != want {
		return fmt.Errorf("font ids: found %d of %d", len(ms), want)
	}
	k := 0
	for _, fc := range set.faces {
		fc.ids = make([]string, len(fc.defs))
		for p := range fc.defs {
			fc.ids[p] = string(ms[k][1])
			k++
		}
	}
	return nil
}

var reTf = regexp.MustCompile(`BT /F([0-9A-Za-z]+) 10\.00 Tf ET`)

// fpdfDef mirrors the JSON of an fpdf (makefont) font definition.
type fpdfDef struct {
	Tp           string
	Name         string
	Desc         fpdf.FontDescType
	Up           int
	Ut           int
	Cw           []int
	Enc          string
	Diff         string
	File         string
	OriginalSize int
}

func buildFace(ttf []byte, in *ttfInfo, style int, cutset string, enc *encoding) (f *face, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("subsetting %s: %v", in.psName, r)
		}
	}()
	sub := fpdf.UTF8CutFont(ttf, cutset)
	if len(sub) == 0 {
		return nil, errors.New("subsetting failed")
	}
	var zb bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&zb, zlib.BestCompression)
	zw.Write(sub)
	zw.Close()

	f = &face{info: in, widths: make(runeTable, len(enc.code)), z: zb.Bytes()}
	upm := float64(in.unitsPerEm)
	f.ascent = float64(in.ascender) / upm
	f.desc = -float64(in.descender) / upm
	f.gap = float64(in.lineGap) / upm
	for r, c := range enc.code {
		if c != 0 {
			w, _ := in.width(rune(r))
			f.widths[r] = uint16(w)
		}
	}
	name := sanitizePSName(in.psName)
	if name == "" {
		name = "Serif" + styleNames[style]
	}
	flags := fpdf.FontFlagNonsymbolic | fpdf.FontFlagSerif
	if in.italicAngle != 0 || style == stI || style == stBI {
		flags |= fpdf.FontFlagItalic
	}
	if in.fixedPitch {
		flags |= fpdf.FontFlagFixedPitch
	}
	stemV := 80
	if in.weightClass >= 600 || style == stB || style == stBI {
		stemV = 140
	}
	desc := fpdf.FontDescType{
		Ascent:      in.scale(in.ascender),
		Descent:     in.scale(in.descender),
		CapHeight:   in.scale(in.capHeight),
		Flags:       flags,
		ItalicAngle: int(in.italicAngle),
		StemV:       stemV,
	}
	desc.FontBBox.Xmin, desc.FontBBox.Ymin = in.scale(in.bbox[0]), in.scale(in.bbox[1])
	desc.FontBBox.Xmax, desc.FontBBox.Ymax = in.scale(in.bbox[2]), in.scale(in.bbox[3])
	desc.MissingWidth = int(f.widths[' '])
	for p, plane := range enc.planes {
		cw := make([]int, 256)
		var diff strings.Builder
		last := -2
		for c := 32; c < 256; c++ {
			r := plane[c]
			if r == 0 {
				continue
			}
			cw[c] = int(f.widths[r])
			if r >= 32 && r <= 126 && (p == 0 || c == 32) {
				continue // WinAnsiEncoding already names ASCII
			}
			if c != last+1 {
				fmt.Fprintf(&diff, "%d ", c)
			}
			fmt.Fprintf(&diff, "/uni%04X ", r)
			last = c
		}
		def := fpdfDef{
			Tp: "TrueType", Name: name, Desc: desc,
			Up: in.scale(in.underlinePos), Ut: in.scale(in.underlineThk),
			Cw: cw, Diff: strings.TrimSpace(diff.String()),
			File: name + ".z", OriginalSize: len(sub),
		}
		js, err := json.Marshal(def)
		if err != nil {
			return nil, err
		}
		f.defs = append(f.defs, js)
	}
	return f, nil
}

func sanitizePSName(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 127 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_') {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// --- Times New Roman from the operating system ---

// tnrNames are the file names of the four styles, lower case, as Windows,
// the msttcorefonts package and macOS name them.
var tnrNames = [4][]string{
	{"times.ttf", "times new roman.ttf", "times_new_roman.ttf", "timesnewroman.ttf", "timesnewromanpsmt.ttf"},
	{"timesbd.ttf", "times new roman bold.ttf", "times_new_roman_bold.ttf", "timesnewroman-bold.ttf", "timesnewromanbold.ttf"},
	{"timesi.ttf", "times new roman italic.ttf", "times_new_roman_italic.ttf", "timesnewroman-italic.ttf", "timesnewromanitalic.ttf"},
	{"timesbi.ttf", "times new roman bold italic.ttf", "times_new_roman_bold_italic.ttf", "timesnewroman-bolditalic.ttf", "timesnewromanbolditalic.ttf"},
}

// DefaultFontDirs lists the folders searched for Times New Roman.
func DefaultFontDirs() []string {
	var dirs []string
	home, _ := os.UserHomeDir()
	switch runtime.GOOS {
	case "windows":
		win := os.Getenv("WINDIR")
		if win == "" {
			win = os.Getenv("SystemRoot")
		}
		if win == "" {
			win = `C:\Windows`
		}
		dirs = append(dirs, filepath.Join(win, "Fonts"))
		if la := os.Getenv("LOCALAPPDATA"); la != "" {
			dirs = append(dirs, filepath.Join(la, "Microsoft", "Windows", "Fonts"))
		}
	case "darwin":
		dirs = append(dirs, "/System/Library/Fonts/Supplemental", "/Library/Fonts", "/System/Library/Fonts")
		if home != "" {
			dirs = append(dirs, filepath.Join(home, "Library", "Fonts"))
		}
	default:
		dirs = append(dirs, "/usr/share/fonts/truetype/msttcorefonts", "/usr/share/fonts", "/usr/local/share/fonts")
		if home != "" {
			dirs = append(dirs, filepath.Join(home, ".fonts"), filepath.Join(home, ".local", "share", "fonts"))
		}
	}
	return dirs
}

// findTNR looks for the four styles in dirs (recursively, a few levels)
// and returns their paths, or ok=false.
func findTNR(dirs []string) (paths [4]string, dir string, ok bool) {
	for _, d := range dirs {
		var found [4]string
		base := filepath.Clean(d)
		filepath.WalkDir(base, func(p string, de fs.DirEntry, err error) error {
			if err != nil {
				if de != nil && de.IsDir() && p != base {
					return fs.SkipDir
				}
				return nil
			}
			if de.IsDir() {
				if rel, _ := filepath.Rel(base, p); strings.Count(rel, string(filepath.Separator)) >= 3 {
					return fs.SkipDir
				}
				return nil
			}
			name := strings.ToLower(de.Name())
			for s, names := range tnrNames {
				for _, n := range names {
					if name == n && found[s] == "" {
						found[s] = p
					}
				}
			}
			return nil
		})
		if found[0] != "" && found[1] != "" && found[2] != "" && found[3] != "" {
			// All four in one folder tree: report the folder of the regular.
			return found, filepath.Dir(found[0]), true
		}
	}
	return paths, "", false
}

func loadSystemTNR(dirs []string) (*fontSet, error) {
	paths, dir, ok := findTNR(dirs)
	if !ok {
		return nil, errors.New("Times New Roman not found")
	}
	var files [4][]byte
	for i, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		files[i] = b
	}
	family := readFamilyName(files[0])
	if family == "" {
		family = "Times New Roman"
	}
	return buildFontSet(files, FontInfo{Family: family, Source: dir})
}

func readFamilyName(ttf []byte) string {
	in, err := parseTTF(ttf)
	if err != nil {
		return ""
	}
	r, ok := in.tables["name"]
	if !ok {
		return ""
	}
	return readName(ttf[r[0]:r[0]+r[1]], 1)
}

// sortedRunes is used by tests and by Replaced reporting.
func sortedRunes(m map[rune]int) []rune {
	out := make([]rune, 0, len(m))
	for r := range m {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}
