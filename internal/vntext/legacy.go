package vntext

// Repair of legacy Vietnamese encodings.
//
// Before Unicode, Vietnamese offices typed with the ABC (TCVN 5712:1993,
// ".VnTime" fonts) and VNI-Windows ("VNI-Times" fonts) 8-bit encodings. Such
// bytes, saved in a CSV or pasted into Excel and then read as Windows-1252,
// arrive as mojibake: "Hoµ B×nh" (TCVN3) or "Hoøa Bình" (VNI) for "Hòa Bình".
//
// Sources of the tables (public code, looked up, not guessed):
//   - TCVN3: GNU libiconv lib/tcvn.h (repository koron/libiconv, tables
//     tcvn_2uni_1 and tcvn_2uni_2, "TCVN-5712"), cross-checked with
//     lamdao/xvnkb tcvn.h and duydev/vietnamese-conversion src/charsets.ts.
//   - VNI-Windows: lamdao/xvnkb vni.h (letter → byte sequence for all 134
//     letters), cross-checked with duydev/vietnamese-conversion
//     src/charsets.ts (VNI array).
//
// What is supported:
//   - TCVN3 as in libiconv's TCVN-5712 (variant VN1): all lower-case letters,
//     the untoned capitals Ă Â Ê Ô Ơ Ư Đ, and the toned capitals that VN1 puts
//     in 0x01–0x17 and 0x80–0x9F, plus the combining tone marks 0xB0–0xB4.
//     The ABC ".VnTime" fonts (variant VN3) have no toned capitals; their text
//     is the subset above and is fully supported. ".VnTimeH" (all-capital
//     fonts that draw the lower-case codes as capitals) cannot be told apart
//     from .VnTime in the bytes, so such text comes back in lower case.
//     Bytes 0x85 and 0x91–0x97 are Windows punctuation (… ‘ ’ “ ” • – —) in
//     .VnTime files; they are read as the VN1 capitals Ặ Ị Ò Ỏ Õ Ó Ọ Ộ only
//     between two letters or at the end of an all-capital word, and left as
//     punctuation otherwise.
//   - VNI-Windows: all 134 letters, base letter followed by its modifier byte;
//     the modifier may be of either case.
//
// Detection is conservative: text made only of ASCII, Vietnamese letters and
// ordinary punctuation is never re-decoded (except for an unmistakable VNI
// pair such as "aù"); a legacy decoding is accepted only when it removes every
// suspicious character and the changed words read as Vietnamese syllables.
//
// "Ð" (U+00D0, Icelandic eth) and "ð" (U+00F0) are common look-alikes of
// "Đ"/"đ" in real lists. In text that does not otherwise look legacy, each
// one is replaced by Đ/đ when the word it starts then reads as a Vietnamese
// syllable ("Ðức" → "Đức", "ÐÔNG" → "ĐÔNG"); the repair is reported as "nfd"
// (a Unicode-level normalisation). Inside legacy-looking text the byte is
// decoded as TCVN3 like any other.

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// How values returned by RepairLegacy.
const (
	HowTCVN3  = "tcvn3"
	HowVNI    = "vni"
	HowNFD    = "nfd"
	HowSpaces = "spaces"
)

// Tones in table order: none, sắc, huyền, hỏi, ngã, nặng.
var toneMarks = [6]string{"", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"}

// vowel bases in lower case; đ is handled apart.
const vowelBases = "aăâeêioôơuưy"

type letterInfo struct {
	base  rune // lower-case base letter (a, ă, â, …, đ, or ASCII)
	tone  int
	upper bool
}

type toned struct {
	base rune
	tone int
}

var (
	letters   = map[rune]letterInfo{} // the 134 Vietnamese letters + ASCII letters
	composeOf = map[toned]rune{}      // (lower base, tone) → lower letter
)

func compose(base rune, tone int) rune {
	r, _ := utf8.DecodeRuneInString(norm.NFC.String(string(base) + toneMarks[tone]))
	return r
}

// cp1252High is Windows-1252 for 0x80–0x9F; undefined bytes (0x81, 0x8D,
// 0x8F, 0x90, 0x9D) map to the C1 control of the same value, as browsers do,
// so that decoding never loses a byte.
var cp1252High = [32]rune{
	0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
	0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
}

var cp1252Byte = map[rune]byte{} // rune → byte for 0x80–0x9F

// tcvnTable maps a TCVN 5712 byte to Unicode (0 = not a letter or mark;
// ASCII maps to itself). From libiconv lib/tcvn.h.
var tcvnTable [256]rune

var tcvnC0 = map[byte]rune{
	0x01: 0x00DA, 0x02: 0x1EE4, 0x04: 0x1EEA, 0x05: 0x1EEC, 0x06: 0x1EEE,
	0x11: 0x1EE8, 0x12: 0x1EF0, 0x13: 0x1EF2, 0x14: 0x1EF6, 0x15: 0x1EF8,
	0x16: 0x00DD, 0x17: 0x1EF4,
}

var tcvnHigh = [128]rune{
	/* 0x80 */ 0x00c0, 0x1ea2, 0x00c3, 0x00c1, 0x1ea0, 0x1eb6, 0x1eac, 0x00c8,
	0x1eba, 0x1ebc, 0x00c9, 0x1eb8, 0x1ec6, 0x00cc, 0x1ec8, 0x0128,
	/* 0x90 */ 0x00cd, 0x1eca, 0x00d2, 0x1ece, 0x00d5, 0x00d3, 0x1ecc, 0x1ed8,
	0x1edc, 0x1ede, 0x1ee0, 0x1eda, 0x1ee2, 0x00d9, 0x1ee6, 0x0168,
	/* 0xa0 */ 0x00a0, 0x0102, 0x00c2, 0x00ca, 0x00d4, 0x01a0, 0x01af, 0x0110,
	0x0103, 0x00e2, 0x00ea, 0x00f4, 0x01a1, 0x01b0, 0x0111, 0x1eb0,
	/* 0xb0 */ 0x0300, 0x0309, 0x0303, 0x0301, 0x0323, 0x00e0, 0x1ea3, 0x00e3,
	0x00e1, 0x1ea1, 0x1eb2, 0x1eb1, 0x1eb3, 0x1eb5, 0x1eaf, 0x1eb4,
	/* 0xc0 */ 0x1eae, 0x1ea6, 0x1ea8, 0x1eaa, 0x1ea4, 0x1ec0, 0x1eb7, 0x1ea7,
	0x1ea9, 0x1eab, 0x1ea5, 0x1ead, 0x00e8, 0x1ec2, 0x1ebb, 0x1ebd,
	/* 0xd0 */ 0x00e9, 0x1eb9, 0x1ec1, 0x1ec3, 0x1ec5, 0x1ebf, 0x1ec7, 0x00ec,
	0x1ec9, 0x1ec4, 0x1ebe, 0x1ed2, 0x0129, 0x00ed, 0x1ecb, 0x00f2,
	/* 0xe0 */ 0x1ed4, 0x1ecf, 0x00f5, 0x00f3, 0x1ecd, 0x1ed3, 0x1ed5, 0x1ed7,
	0x1ed1, 0x1ed9, 0x1edd, 0x1edf, 0x1ee1, 0x1edb, 0x1ee3, 0x00f9,
	/* 0xf0 */ 0x1ed6, 0x1ee7, 0x0169, 0x00fa, 0x1ee5, 0x1eeb, 0x1eed, 0x1eef,
	0x1ee9, 0x1ef1, 0x1ef3, 0x1ef7, 0x1ef9, 0x00fd, 0x1ef5, 0x1ed0,
}

// tcvnEncode is the reverse of tcvnTable for letters (used by EncodeTCVN3).
var tcvnEncode = map[rune]byte{}

// VNI-Windows (lamdao/xvnkb vni.h): a base letter followed by one modifier
// byte, or a single byte for i/ỵ/đ/ơ/ư forms. Modifiers are given in lower
// case; the upper-case byte is the Latin-1 upper case of each.
var (
	vniTone   = map[rune]int{'ù': 1, 'ø': 2, 'û': 3, 'õ': 4, 'ï': 5}                      // after a e o u y ơ ư
	vniCirc   = map[rune]int{'â': 0, 'á': 1, 'à': 2, 'å': 3, 'ã': 4, 'ä': 5}              // after a e o
	vniBreve  = map[rune]int{'ê': 0, 'é': 1, 'è': 2, 'ú': 3, 'ü': 4, 'ë': 5}              // after a
	vniSingle = map[rune]rune{'í': 'í', 'ì': 'ì', 'æ': 'ỉ', 'ó': 'ĩ', 'ò': 'ị', 'î': 'ỵ', // and upper case
		'ñ': 'đ', 'ô': 'ơ', 'ö': 'ư'}
	vniMods   = map[rune]bool{} // every modifier rune, both cases
	vniEncode = map[rune]string{}
)

func init() {
	for i, r := range cp1252High {
		cp1252Byte[r] = byte(0x80 + i)
	}
	for b, r := range tcvnC0 {
		tcvnTable[b] = r
	}
	for i := 0x20; i < 0x80; i++ {
		tcvnTable[i] = rune(i)
	}
	for i, r := range tcvnHigh {
		tcvnTable[0x80+i] = r
	}
	for b, r := range tcvnTable {
		if r > 0x7f && r != 0xa0 && !(r >= 0x300 && r < 0x340) {
			tcvnEncode[r] = byte(b)
		}
	}

	for _, b := range vowelBases {
		for t := 0; t < 6; t++ {
			lo := compose(b, t)
			up := unicode.ToUpper(lo)
			composeOf[toned{b, t}] = lo
			letters[lo] = letterInfo{base: b, tone: t}
			letters[up] = letterInfo{base: b, tone: t, upper: true}
		}
	}
	letters['đ'] = letterInfo{base: 'đ'}
	letters['Đ'] = letterInfo{base: 'đ', upper: true}
	for c := 'a'; c <= 'z'; c++ {
		if _, ok := letters[c]; !ok {
			letters[c] = letterInfo{base: c}
			letters[unicode.ToUpper(c)] = letterInfo{base: c, upper: true}
		}
	}

	for _, m := range []map[rune]int{vniTone, vniCirc, vniBreve} {
		for r, t := range m {
			m[unicode.ToUpper(r)] = t
			vniMods[r], vniMods[unicode.ToUpper(r)] = true, true
		}
	}
	for r, v := range vniSingle {
		vniSingle[unicode.ToUpper(r)] = unicode.ToUpper(v)
	}
	buildVNIEncode()
}

func buildVNIEncode() {
	modFor := func(m map[rune]int, tone int) rune {
		for r, t := range m {
			if t == tone && r == unicode.ToLower(r) {
				return r
			}
		}
		return 0
	}
	for lo, info := range letters {
		if info.upper || lo < 0x80 && info.tone == 0 {
			continue
		}
		var seq []rune
		t := info.tone
		switch info.base {
		case 'a', 'e', 'o', 'u', 'y':
			seq = []rune{info.base}
			if t > 0 {
				seq = append(seq, modFor(vniTone, t))
			}
			if info.base == 'y' && t == 5 {
				seq = []rune{'î'}
			}
		case 'â', 'ê', 'ô':
			seq = []rune{map[rune]rune{'â': 'a', 'ê': 'e', 'ô': 'o'}[info.base], modFor(vniCirc, t)}
		case 'ă':
			seq = []rune{'a', modFor(vniBreve, t)}
		case 'ơ', 'ư':
			seq = []rune{map[rune]rune{'ơ': 'ô', 'ư': 'ö'}[info.base]}
			if t > 0 {
				seq = append(seq, modFor(vniTone, t))
			}
		case 'i':
			seq = []rune{[]rune{'i', 'í', 'ì', 'æ', 'ó', 'ò'}[t]}
		case 'đ':
			seq = []rune{'ñ'}
		default:
			continue
		}
		vniEncode[lo] = string(seq)
		up := []rune(string(seq))
		for i := range up {
			up[i] = unicode.ToUpper(up[i])
		}
		vniEncode[unicode.ToUpper(lo)] = string(up)
	}
}

// DecodeWindows1252 decodes bytes as Windows-1252. Bytes undefined in
// Windows-1252 become the C1 control of the same value, so no byte is lost
// and TCVN3 text can still be recovered from the result.
func DecodeWindows1252(b []byte) string {
	var sb strings.Builder
	sb.Grow(len(b) + len(b)/2)
	for _, c := range b {
		switch {
		case c < 0x80:
			sb.WriteByte(c)
		case c < 0xa0:
			sb.WriteRune(cp1252High[c-0x80])
		default:
			sb.WriteRune(rune(c))
		}
	}
	return sb.String()
}

// toCP1252 re-encodes s to the bytes it was decoded from, or reports false
// when s holds a character Windows-1252 cannot have produced.
func toCP1252(s string) ([]byte, bool) {
	out := make([]byte, 0, len(s))
	for _, r := range s {
		switch {
		case r < 0x80 || (r >= 0xa0 && r <= 0xff):
			out = append(out, byte(r))
		default:
			b, ok := cp1252Byte[r]
			if !ok {
				return nil, false
			}
			out = append(out, b)
		}
	}
	return out, true
}

// EncodeTCVN3 encodes Unicode Vietnamese as TCVN 5712 (VN1) bytes; false
// when a character has no TCVN3 code. Used to build test fixtures.
func EncodeTCVN3(s string) ([]byte, bool) {
	s = norm.NFC.String(s)
	out := make([]byte, 0, len(s))
	for _, r := range s {
		if r < 0x80 && (r >= 0x20 || r == '\t' || r == '\n' || r == '\r') {
			out = append(out, byte(r))
			continue
		}
		b, ok := tcvnEncode[r]
		if !ok {
			return nil, false
		}
		out = append(out, b)
	}
	return out, true
}

// EncodeVNI encodes Unicode Vietnamese as VNI-Windows bytes; false when a
// character has no VNI code. Used to build test fixtures.
func EncodeVNI(s string) ([]byte, bool) {
	s = norm.NFC.String(s)
	var sb strings.Builder
	for _, r := range s {
		if r < 0x80 {
			sb.WriteRune(r)
			continue
		}
		seq, ok := vniEncode[r]
		if !ok {
			return nil, false
		}
		sb.WriteString(seq)
	}
	b, ok := toCP1252(sb.String())
	return b, ok
}

// neutral punctuation: Windows-1252 characters that ordinary Unicode text
// uses, so they never make a text look legacy by themselves.
func neutral(r rune) bool {
	switch r {
	case 0x2018, 0x2019, 0x201C, 0x201D, 0x2013, 0x2014, 0x2026, 0x2022,
		0xa0, 0xb0, 0xb1, 0xb2, 0xb3, 0xb4:
		return true
	}
	return false
}

// suspicious reports whether r, found in text that Windows-1252 could have
// produced, is unlikely in Unicode Vietnamese: a non-Vietnamese letter or
// symbol that TCVN3 or VNI use for Vietnamese letters.
func suspicious(r rune) bool {
	if r < 0x80 || neutral(r) {
		return false
	}
	if _, ok := letters[r]; ok {
		return false
	}
	return r != 0xd0 && r != 0xf0 // Ð ð: see the eth rule
}

// hasVNIPair finds a base vowel followed by a VNI modifier in a pair that
// never occurs in Vietnamese ("aù", "eâ", "aê", "ôù"), the one sign of VNI
// text made only of characters that are themselves Vietnamese letters.
func hasVNIPair(s string) bool {
	var prev rune
	for _, r := range s {
		p := unicode.ToLower(prev)
		lr := unicode.ToLower(r)
		switch {
		case strings.ContainsRune("aeouyôö", p) && p != 0 && (lr == 'ù' || lr == 'õ'):
			return true
		case (p == 'a' || p == 'e') && strings.ContainsRune("âáàã", lr):
			return true
		case p == 'o' && lr == 'â':
			return true
		case p == 'a' && strings.ContainsRune("êéèú", lr):
			return true
		}
		prev = r
	}
	return false
}

// LooksLegacy reports whether s looks like TCVN3 or VNI bytes read as
// Windows-1252: every character could come from Windows-1252 (or be a C0
// code TCVN3 uses for capitals) and at least one is a tell-tale character.
func LooksLegacy(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	if _, ok := toCP1252(s); !ok {
		return false
	}
	for _, r := range s {
		if suspicious(r) {
			return true
		}
		if r < 0x20 {
			if _, ok := tcvnC0[byte(r)]; ok {
				return true
			}
		}
	}
	return hasVNIPair(s)
}

func isLetter(r rune) bool {
	_, ok := letters[r]
	return ok
}

// decodeTCVN3 decodes cp1252-read TCVN3 text; false on an unmapped byte.
func decodeTCVN3(b []byte) (string, bool) {
	var sb strings.Builder
	var prev rune
	for i, c := range b {
		var r rune
		switch {
		case c == '\t' || c == '\n' || c == '\r':
			r = rune(c)
		case c == 0x85 || (c >= 0x91 && c <= 0x97):
			// Windows punctuation in .VnTime files; a VN1 capital only
			// inside a word, or at the end of an all-capital one.
			nextLetter := i+1 < len(b) && tcvnLetterByte(b[i+1])
			if isLetter(prev) && (nextLetter || unicode.IsUpper(prev)) {
				r = tcvnTable[c]
			} else {
				r = cp1252High[c-0x80]
			}
		default:
			r = tcvnTable[c]
		}
		if r == 0 {
			return "", false
		}
		sb.WriteRune(r)
		prev = r
	}
	return sb.String(), true
}

func tcvnLetterByte(c byte) bool {
	if c == 0x85 || (c >= 0x91 && c <= 0x97) {
		return true
	}
	return isLetter(tcvnTable[c])
}

// decodeVNI decodes cp1252-read VNI text; false on a stray modifier or an
// unmapped character.
func decodeVNI(s string) (string, bool) {
	rs := []rune(s)
	var sb strings.Builder
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		lr := unicode.ToLower(r)
		up := r != lr
		var next rune
		if i+1 < len(rs) {
			next = rs[i+1]
		}
		emit := func(base rune, tone int) {
			c := composeOf[toned{base, tone}]
			if up {
				c = unicode.ToUpper(c)
			}
			sb.WriteRune(c)
			i++
		}
		if strings.ContainsRune("aeouy", lr) && r < 0x80 {
			if t, ok := vniTone[next]; ok {
				if lr == 'y' && t == 5 {
					return "", false // ỵ is the single byte î
				}
				emit(lr, t)
				continue
			}
			if t, ok := vniCirc[next]; ok && strings.ContainsRune("aeo", lr) {
				emit(map[rune]rune{'a': 'â', 'e': 'ê', 'o': 'ô'}[lr], t)
				continue
			}
			if t, ok := vniBreve[next]; ok && lr == 'a' {
				emit('ă', t)
				continue
			}
			sb.WriteRune(r)
			continue
		}
		if lr == 'ô' || lr == 'ö' {
			if t, ok := vniTone[next]; ok {
				emit(map[rune]rune{'ô': 'ơ', 'ö': 'ư'}[lr], t)
				continue
			}
		}
		if v, ok := vniSingle[r]; ok {
			sb.WriteRune(v)
			continue
		}
		switch {
		case r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r < 0x80) || neutral(r):
			sb.WriteRune(r)
		default:
			return "", false
		}
	}
	return sb.String(), true
}

// Vietnamese vowel nuclei without tone (plus "ea", frequent in Central
// Highlands place names such as "Ea Súp").
var nuclei = map[string]bool{}

func init() {
	for _, n := range strings.Fields(`a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu
		oa oă oe oi ôi ơi oo ua uâ uê ui uô uơ uy ưa ưi ưu ươ yê iêu yêu oai oao oay oeo
		uây uôi uya uyê uyu ươi ươu ea`) {
		nuclei[n] = true
	}
}

var onsets = map[string]bool{}

func init() {
	for _, o := range strings.Fields("b c ch d đ g gh gi h k kh l m n ng ngh nh p ph q qu r s t th tr v x") {
		onsets[o] = true
	}
	onsets[""] = true
}

var finals = map[string]bool{"": true, "c": true, "ch": true, "m": true, "n": true,
	"ng": true, "nh": true, "p": true, "t": true, "k": true}

// syllable reports whether w reads as one Vietnamese syllable: at most one
// tone, an onset of consonants (loose, to admit minority-language names such
// as "Krông"), a known vowel nucleus and a known final.
func syllable(w []rune) bool {
	bases := make([]rune, 0, len(w))
	tones := 0
	for _, r := range w {
		if r == '\'' || r == '’' {
			continue
		}
		info, ok := letters[r]
		if !ok {
			return false
		}
		if info.tone > 0 {
			tones++
		}
		bases = append(bases, info.base)
	}
	if tones > 1 || len(bases) == 0 {
		return false
	}
	isVowel := func(r rune) bool { return strings.ContainsRune(vowelBases, r) }
	i := 0
	for i < len(bases) && !isVowel(bases[i]) {
		i++
	}
	if !onsets[string(bases[:i])] {
		// Minority-language names ("Krông", "H'leo", "Jút"): up to three
		// ASCII consonants.
		if i > 3 {
			return false
		}
		for _, r := range bases[:i] {
			if r >= 0x80 {
				return false
			}
		}
	}
	try := func(start int) bool {
		j := start
		for j < len(bases) && isVowel(bases[j]) {
			j++
		}
		return j > start && nuclei[string(bases[start:j])] && finals[string(bases[j:])]
	}
	if i > 0 && i < len(bases)-1 {
		// "qu" and "gi" take their vowel into the onset.
		if (bases[i-1] == 'q' && bases[i] == 'u') || (bases[i-1] == 'g' && bases[i] == 'i') {
			if try(i + 1) {
				return true
			}
		}
	}
	return try(i)
}

// plausible scores a decoded text: of the words holding non-ASCII letters,
// how many read as Vietnamese syllables, and whether every character is now
// a letter, ASCII or ordinary punctuation.
func plausible(s string) (valid, total int, clean bool) {
	clean = true
	var word []rune
	flush := func() {
		if len(word) == 0 {
			return
		}
		nonASCII := false
		for _, r := range word {
			if r >= 0x80 {
				nonASCII = true
			}
		}
		if nonASCII {
			total++
			if syllable(word) {
				valid++
			}
		}
		word = word[:0]
	}
	for _, r := range s {
		switch {
		case isLetter(r) || r == '\'':
			word = append(word, r)
		case r < 0x80 || neutral(r) || unicode.IsSpace(r):
			flush()
		default:
			flush()
			clean = false
		}
	}
	flush()
	return valid, total, clean
}

// fixEth replaces Ð/ð by Đ/đ at the start of words that then read as
// Vietnamese syllables.
func fixEth(s string) string {
	if !strings.ContainsAny(s, "Ðð") {
		return s
	}
	rs := []rune(s)
	for i, r := range rs {
		if r != 'Ð' && r != 'ð' {
			continue
		}
		if i > 0 && isLetter(rs[i-1]) {
			continue
		}
		j := i + 1
		for j < len(rs) && isLetter(rs[j]) {
			j++
		}
		w := append([]rune{'đ'}, rs[i+1:j]...)
		if syllable(w) {
			if r == 'Ð' {
				rs[i] = 'Đ'
			} else {
				rs[i] = 'đ'
			}
		}
	}
	return string(rs)
}

// collapse removes zero-width characters and soft hyphens, turns every run of
// white space (non-breaking included) into one space and trims. It reports
// whether it changed more than surrounding ASCII spaces.
func collapse(s string) (string, bool) {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r == 0x200b || r == 0x200c || r == 0x200d || r == 0x2060 || r == 0xfeff || r == 0xad:
			continue
		case unicode.IsSpace(r) || r == 0xa0:
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	out := NFC(b.String())
	return out, out != strings.Trim(s, " ")
}

// RepairLegacy repairs one cell of text that should be Vietnamese.
//
// fixed is NFC with white space collapsed (see Clean). how names the repair
// made: "tcvn3" (TCVN 5712 / ABC ".VnTime" bytes read as Windows-1252),
// "vni" (VNI-Windows bytes read as Windows-1252), "nfd" (decomposed Unicode,
// or Ð/ð look-alikes of Đ/đ), "spaces" (stray, non-breaking or zero-width
// spaces collapsed) or "" (nothing done; trimming ordinary spaces at the ends
// is not reported). ok is false when the text cannot be Vietnamese in any
// encoding we know: invalid UTF-8, U+FFFD, C0 control characters other than
// tab and line breaks, or legacy-looking text that neither TCVN3 nor VNI turn
// into plausible Vietnamese. When ok is false, fixed is s unchanged.
func RepairLegacy(s string) (fixed, how string, ok bool) {
	if !utf8.ValidString(s) || strings.ContainsRune(s, utf8.RuneError) {
		return s, "", false
	}
	if LooksLegacy(s) {
		b, _ := toCP1252(s)
		type cand struct {
			text, how    string
			valid, total int
		}
		var best *cand
		consider := func(text, how string, ok bool) {
			if !ok {
				return
			}
			text = norm.NFC.String(text)
			v, t, clean := plausible(text)
			if !clean || LooksLegacy(text) || v*2 <= t {
				return
			}
			for _, r := range text {
				if unicode.Is(unicode.Mn, r) || (r < 0x20 && r != '\t' && r != '\n' && r != '\r') {
					return
				}
			}
			if best == nil || v*best.total > best.valid*t {
				best = &cand{text, how, v, t}
			}
		}
		// VNI first: on a tie it wins, since VNI text almost never survives
		// TCVN3's strict reading while TCVN3 text rarely survives VNI's.
		vni, okV := decodeVNI(s)
		consider(vni, HowVNI, okV)
		tcvn, okT := decodeTCVN3(b)
		consider(tcvn, HowTCVN3, okT)
		if best == nil {
			return s, "", false
		}
		out, _ := collapse(best.text)
		return out, best.how, true
	}
	for _, r := range s {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' {
			return s, "", false
		}
	}
	how = ""
	n := fixEth(NFC(s))
	if n != s {
		how = HowNFD
	}
	out, changed := collapse(n)
	if changed && how == "" {
		how = HowSpaces
	}
	return out, how, true
}

// DetectLegacy votes over the cells of one file: "tcvn3" or "vni" when the
// cells that RepairLegacy repairs from a legacy encoding agree on it (a
// strict majority of them), else "". A file is written in one encoding, so
// the importer can then repair with RepairAs the cells that carry no
// tell-tale character of their own (TCVN3 "CÊp" for "Cấp", "Hãa" for "Hóa").
func DetectLegacy(cells []string) string {
	n := map[string]int{}
	total := 0
	for _, c := range cells {
		if !LooksLegacy(c) {
			continue
		}
		if _, how, ok := RepairLegacy(c); ok && (how == HowTCVN3 || how == HowVNI) {
			n[how]++
			total++
		}
	}
	for how, k := range n {
		if k*2 > total {
			return how
		}
	}
	return ""
}

// RepairAs repairs s known to come from a file in the legacy encoding how
// ("tcvn3" or "vni", as found by DetectLegacy); any other how is
// RepairLegacy. The decoding is applied even without tell-tale characters,
// and refused (ok=false) when it leaves anything but letters, digits and
// punctuation. Text that Windows-1252 cannot have produced is left to
// RepairLegacy.
func RepairAs(s, how string) (fixed, how2 string, ok bool) {
	if how != HowTCVN3 && how != HowVNI {
		return RepairLegacy(s)
	}
	if !utf8.ValidString(s) {
		return s, "", false
	}
	b, cp := toCP1252(s)
	if !cp {
		return RepairLegacy(s)
	}
	var text string
	if how == HowTCVN3 {
		text, ok = decodeTCVN3(b)
	} else {
		text, ok = decodeVNI(s)
	}
	if !ok {
		return s, "", false
	}
	text = norm.NFC.String(text)
	if _, _, clean := plausible(text); !clean {
		return s, "", false
	}
	for _, r := range text {
		if unicode.Is(unicode.Mn, r) || (r < 0x20 && r != '\t' && r != '\n' && r != '\r') {
			return s, "", false
		}
	}
	out, changed := collapse(text)
	switch {
	case text != s:
		return out, how, true
	case changed:
		return out, HowSpaces, true
	}
	return out, "", true
}
