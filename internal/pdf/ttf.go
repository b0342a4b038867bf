package pdf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"unicode/utf16"
)

// ttfInfo is what the renderer needs from a TrueType file: the Unicode map,
// advance widths and the descriptor values of the PDF font dictionary. It
// reads the file once per engine; fpdf's own parser is unexported and runs
// again for every document, which is what made rendering slow.
type ttfInfo struct {
	psName       string
	unitsPerEm   int
	bbox         [4]int // xMin yMin xMax yMax, font units
	ascender     int    // hhea, font units
	descender    int    // hhea (negative)
	lineGap      int
	capHeight    int
	italicAngle  float64
	underlinePos int
	underlineThk int
	weightClass  int
	fixedPitch   bool
	fsType       int
	numGlyphs    int
	advances     []uint16     // per glyph
	cmap         map[rune]int // rune -> glyph
	tables       map[string][2]uint32
}

var errNotTTF = errors.New("not a TrueType font")

func parseTTF(b []byte) (info *ttfInfo, err error) {
	defer func() {
		if r := recover(); r != nil {
			info, err = nil, fmt.Errorf("broken TrueType font: %v", r)
		}
	}()
	if len(b) < 12 {
		return nil, errNotTTF
	}
	be := binary.BigEndian
	tag := be.Uint32(b)
	if tag != 0x00010000 && tag != 0x74727565 { // 1.0 or 'true'; no CFF, no collections
		return nil, errNotTTF
	}
	n := int(be.Uint16(b[4:]))
	t := &ttfInfo{tables: map[string][2]uint32{}, cmap: map[rune]int{}}
	for i := 0; i < n; i++ {
		rec := b[12+16*i:]
		off, ln := be.Uint32(rec[8:]), be.Uint32(rec[12:])
		if uint64(off)+uint64(ln) > uint64(len(b)) {
			return nil, fmt.Errorf("table %q outside the file", rec[:4])
		}
		t.tables[string(rec[:4])] = [2]uint32{off, ln}
	}
	tab := func(name string) []byte {
		r, ok := t.tables[name]
		if !ok {
			return nil
		}
		return b[r[0] : r[0]+r[1]]
	}
	for _, need := range []string{"head", "hhea", "hmtx", "maxp", "cmap", "glyf", "loca"} {
		if tab(need) == nil {
			return nil, fmt.Errorf("table %q missing", need)
		}
	}
	head := tab("head")
	t.unitsPerEm = int(be.Uint16(head[18:]))
	if t.unitsPerEm == 0 {
		return nil, errors.New("unitsPerEm is 0")
	}
	for i := range 4 {
		t.bbox[i] = int(int16(be.Uint16(head[36+2*i:])))
	}
	hhea := tab("hhea")
	t.ascender = int(int16(be.Uint16(hhea[4:])))
	t.descender = int(int16(be.Uint16(hhea[6:])))
	t.lineGap = int(int16(be.Uint16(hhea[8:])))
	nhm := int(be.Uint16(hhea[34:]))
	t.numGlyphs = int(be.Uint16(tab("maxp")[4:]))
	hmtx := tab("hmtx")
	if nhm == 0 || nhm > t.numGlyphs || len(hmtx) < 4*nhm {
		return nil, errors.New("bad hmtx")
	}
	t.advances = make([]uint16, t.numGlyphs)
	for g := range t.numGlyphs {
		if g < nhm {
			t.advances[g] = be.Uint16(hmtx[4*g:])
		} else {
			t.advances[g] = t.advances[nhm-1]
		}
	}
	if os2 := tab("OS/2"); len(os2) >= 10 {
		t.weightClass = int(be.Uint16(os2[4:]))
		t.fsType = int(be.Uint16(os2[8:]))
		if be.Uint16(os2) >= 2 && len(os2) >= 90 {
			t.capHeight = int(int16(be.Uint16(os2[88:])))
		}
	}
	if t.capHeight == 0 {
		t.capHeight = t.ascender * 7 / 10
	}
	if post := tab("post"); len(post) >= 16 {
		t.italicAngle = float64(int32(be.Uint32(post[4:]))) / 65536
		t.underlinePos = int(int16(be.Uint16(post[8:])))
		t.underlineThk = int(int16(be.Uint16(post[10:])))
		t.fixedPitch = be.Uint32(post[12:]) != 0
	}
	if err := t.readCmap(tab("cmap")); err != nil {
		return nil, err
	}
	t.psName = readName(tab("name"), 6)
	return t, nil
}

// readCmap reads the Windows Unicode BMP subtable (format 4), which is the
// one fpdf's subsetter keeps; format 12 is not needed for Vietnamese.
func (t *ttfInfo) readCmap(c []byte) error {
	be := binary.BigEndian
	n := int(be.Uint16(c[2:]))
	var sub []byte
	for i := range n {
		rec := c[4+8*i:]
		pid, eid, off := be.Uint16(rec), be.Uint16(rec[2:]), be.Uint32(rec[4:])
		if int(off)+4 > len(c) || be.Uint16(c[off:]) != 4 {
			continue
		}
		if (pid == 3 && eid == 1) || pid == 0 {
			sub = c[off:]
			if pid == 3 {
				break
			}
		}
	}
	if sub == nil {
		return errors.New("no Unicode cmap (format 4)")
	}
	segX2 := int(be.Uint16(sub[6:]))
	ends := sub[14:]
	starts := sub[16+segX2:]
	deltas := sub[16+2*segX2:]
	ranges := sub[16+3*segX2:]
	for s := 0; s < segX2/2; s++ {
		end := int(be.Uint16(ends[2*s:]))
		start := int(be.Uint16(starts[2*s:]))
		delta := int(be.Uint16(deltas[2*s:]))
		ro := int(be.Uint16(ranges[2*s:]))
		if start > end || end == 0xFFFF && start == 0xFFFF {
			continue
		}
		for ch := start; ch <= end; ch++ {
			var g int
			if ro == 0 {
				g = (ch + delta) & 0xFFFF
			} else {
				p := 16 + 3*segX2 + 2*s + ro + 2*(ch-start)
				if p+2 > len(sub) {
					break
				}
				g = int(be.Uint16(sub[p:]))
				if g != 0 {
					g = (g + delta) & 0xFFFF
				}
			}
			if g != 0 && g < t.numGlyphs {
				t.cmap[rune(ch)] = g
			}
		}
	}
	return nil
}

// readName returns the name record id (1 family, 6 PostScript name),
// preferring the Unicode (Windows or Unicode platform) records.
func readName(name []byte, want uint16) string {
	if len(name) < 6 {
		return ""
	}
	be := binary.BigEndian
	n := int(be.Uint16(name[2:]))
	strOff := int(be.Uint16(name[4:]))
	best := ""
	for i := range n {
		rec := name[6+12*i:]
		if len(rec) < 12 {
			break
		}
		pid, id := be.Uint16(rec), be.Uint16(rec[6:])
		ln, off := int(be.Uint16(rec[8:])), int(be.Uint16(rec[10:]))
		if id != want || strOff+off+ln > len(name) {
			continue
		}
		raw := name[strOff+off : strOff+off+ln]
		if pid == 3 || pid == 0 {
			u := make([]uint16, len(raw)/2)
			for j := range u {
				u[j] = be.Uint16(raw[2*j:])
			}
			return string(utf16.Decode(u))
		}
		best = string(raw)
	}
	return best
}

// width returns the advance of r in 1/1000 em, rounded as the PDF Widths
// array stores it, and whether the font has the character.
func (t *ttfInfo) width(r rune) (int, bool) {
	g, ok := t.cmap[r]
	if !ok {
		return 0, false
	}
	return (int(t.advances[g])*1000 + t.unitsPerEm/2) / t.unitsPerEm, true
}

func (t *ttfInfo) scale(v int) int {
	if v < 0 {
		return -((-v*1000 + t.unitsPerEm/2) / t.unitsPerEm)
	}
	return (v*1000 + t.unitsPerEm/2) / t.unitsPerEm
}
