package pdf

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

const ptToMM = 25.4 / 72

// span is a piece of text in one style.
type span struct {
	text  string
	style int
}

// parseInline splits markup text into styled spans: ***bold italic***,
// **bold**, *italic*; a backslash escapes "*" and "\". An unmatched marker
// is printed as it is. base is the block's own style, combined with the
// inline one.
func parseInline(s string, base int) []span {
	if !strings.ContainsAny(s, `*\`) {
		return []span{{s, base}}
	}
	type tok struct {
		text   string
		marker int // 0 text, 1..3 stars
	}
	var toks []tok
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			toks = append(toks, tok{text: cur.String()})
			cur.Reset()
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && (s[i+1] == '*' || s[i+1] == '\\'):
			cur.WriteByte(s[i+1])
			i += 2
		case c == '*':
			n := 0
			for i < len(s) && s[i] == '*' && n < 3 {
				n++
				i++
			}
			flush()
			toks = append(toks, tok{text: strings.Repeat("*", n), marker: n})
		default:
			cur.WriteByte(c)
			i++
		}
	}
	flush()
	// Pair markers: a marker opens when a later marker of the same count
	// closes it; unpaired markers are literal text.
	closeAt := make([]int, len(toks))
	for i := range closeAt {
		closeAt[i] = -1
	}
	open := map[int]int{} // marker count -> index of an open marker
	for i, t := range toks {
		if t.marker == 0 {
			continue
		}
		if j, ok := open[t.marker]; ok {
			closeAt[j] = i
			delete(open, t.marker)
			// Markers opened after j and not closed stay literal.
			for k, v := range open {
				if v > j {
					delete(open, k)
				}
			}
		} else {
			open[t.marker] = i
		}
	}
	var out []span
	var emit func(from, to, style int)
	emit = func(from, to, style int) {
		for i := from; i < to; i++ {
			t := toks[i]
			if t.marker != 0 && closeAt[i] > i && closeAt[i] < to {
				st := style
				if t.marker&2 != 0 {
					st |= stB
				}
				if t.marker&1 != 0 {
					st |= stI
				}
				emit(i+1, closeAt[i], st)
				i = closeAt[i]
				continue
			}
			if n := len(out); n > 0 && out[n-1].style == style {
				out[n-1].text += t.text
			} else {
				out = append(out, span{t.text, style})
			}
		}
	}
	emit(0, len(toks), base)
	return out
}

// cleaner normalises text for printing and counts what it had to replace.
type cleaner struct {
	set      *fontSet
	replaced map[rune]int
}

// clean returns s in NFC with every character the font lacks replaced:
// control and format characters are dropped, others become "?". Tabs and
// other spaces become a space, "\n" is kept (a line break), "\r" and the
// soft hyphen are dropped silently.
func (c *cleaner) clean(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	ok := true
	for _, r := range s {
		if r == '\n' || c.set.supports(r) {
			continue
		}
		ok = false
		break
	}
	if ok {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\n' || c.set.supports(r):
			b.WriteRune(r)
		case r == '\t' || r == '\v' || r == '\f':
			b.WriteByte(' ')
		case r == '\r' || r == 0xAD:
		case r == 0x2028 || r == 0x2029 || r == 0x85:
			b.WriteByte('\n')
		case unicode.Is(unicode.Zs, r):
			b.WriteByte(' ')
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			c.replaced[r]++
		default:
			c.replaced[r]++
			b.WriteByte('?')
		}
	}
	return b.String()
}

func (c *cleaner) spans(sp []span) []span {
	out := sp[:0:0]
	for _, s := range sp {
		t := c.clean(s.text)
		if t != "" {
			out = append(out, span{t, s.style})
		}
	}
	return out
}

func (c *cleaner) report() []Replacement {
	if len(c.replaced) == 0 {
		return nil
	}
	var out []Replacement
	for _, r := range sortedRunes(c.replaced) { // by code point
		ch := string(r)
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			ch = ""
		}
		out = append(out, Replacement{Char: ch, Code: fmt.Sprintf("U+%04X", r), Count: c.replaced[r]})
	}
	return out
}

// --- measuring and line breaking ---

// fragment is a piece of a word in one style.
type fragment struct {
	text  string
	style int
	w     float64 // mm
}

// word is the text between two spaces.
type word struct {
	frags  []fragment
	w      float64
	spaceW float64 // width of the space before it (in its style)
	brk    bool    // a forced line break comes before this word
}

// line is one laid-out line: words with x offsets from the line start.
type line struct {
	words []word
	xs    []float64
	w     float64 // natural width
}

type measurer struct {
	set *fontSet
}

func (m measurer) runeW(r rune, style int, size float64) float64 {
	return float64(m.set.faces[style].widths.get(r)) * size / 1000 * ptToMM
}

func (m measurer) textW(s string, style int, size float64) float64 {
	w := 0
	ws := m.set.faces[style].widths
	for _, r := range s {
		w += int(ws.get(r))
	}
	return float64(w) * size / 1000 * ptToMM
}

// words splits spans into words. Spaces separate words (runs of spaces
// collapse), "\n" forces a break.
func (m measurer) words(sp []span, size float64) []word {
	var out []word
	var cur word
	pendingSpace := -1 // style of the space before the next word, -1 none
	brk := false
	flush := func() {
		if len(cur.frags) == 0 {
			return
		}
		if pendingSpace >= 0 && len(out) > 0 {
			cur.spaceW = m.runeW(' ', pendingSpace, size)
		}
		cur.brk = brk
		out = append(out, cur)
		cur = word{}
		pendingSpace = -1
		brk = false
	}
	for _, s := range sp {
		start := 0
		for i, r := range s.text {
			if r == ' ' || r == '\n' {
				if i > start {
					t := s.text[start:i]
					cur.frags = append(cur.frags, fragment{t, s.style, m.textW(t, s.style, size)})
					cur.w += cur.frags[len(cur.frags)-1].w
				}
				flush()
				if r == '\n' {
					brk = true
					pendingSpace = -1
				} else if !brk {
					pendingSpace = s.style
				}
				start = i + 1
			}
		}
		if start < len(s.text) {
			t := s.text[start:]
			cur.frags = append(cur.frags, fragment{t, s.style, m.textW(t, s.style, size)})
			cur.w += cur.frags[len(cur.frags)-1].w
		}
	}
	flush()
	if len(out) > 0 {
		out[0].spaceW = 0
	}
	return out
}

// splitWord cuts a word that is wider than avail into a head that fits
// (at least one character) and the rest. Combining marks stay with their
// base letter.
func (m measurer) splitWord(w word, avail float64, size float64) (word, word) {
	var head, tail word
	acc := 0.0
	done := false
	for _, f := range w.frags {
		if done {
			tail.frags = append(tail.frags, f)
			tail.w += f.w
			continue
		}
		cut := len(f.text)
		for i, r := range f.text {
			rw := m.runeW(r, f.style, size)
			if acc+rw > avail && (acc > 0 || i > 0) && !unicode.Is(unicode.Mn, r) {
				cut = i
				done = true
				break
			}
			acc += rw
		}
		if cut > 0 {
			t := f.text[:cut]
			head.frags = append(head.frags, fragment{t, f.style, m.textW(t, f.style, size)})
			head.w += head.frags[len(head.frags)-1].w
		}
		if cut < len(f.text) {
			t := f.text[cut:]
			tail.frags = append(tail.frags, fragment{t, f.style, m.textW(t, f.style, size)})
			tail.w += tail.frags[len(tail.frags)-1].w
		}
	}
	head.spaceW, head.brk = w.spaceW, w.brk
	return head, tail
}

const eps = 1e-6

// breakLines lays words out in lines of width width; the first line is
// first mm narrower (a first-line indent, may be negative for none) and
// later lines rest mm narrower (a hanging indent).
func (m measurer) breakLines(ws []word, width, first, rest, size float64) []line {
	var lines []line
	var cur line
	avail := func() float64 {
		if len(lines) == 0 {
			return width - first
		}
		return width - rest
	}
	for i := 0; i < len(ws); i++ {
		w := ws[i]
		if w.brk && len(cur.words) > 0 {
			lines = append(lines, cur)
			cur = line{}
		}
		sp := w.spaceW
		if len(cur.words) == 0 {
			sp = 0
		}
		if cur.w+sp+w.w <= avail()+eps {
			cur.xs = append(cur.xs, cur.w+sp)
			cur.words = append(cur.words, w)
			cur.w += sp + w.w
			continue
		}
		// A word wider than a whole line is cut anyway: start it here when
		// a reasonable piece fits (after "Kính gửi:", an indent, …).
		if len(cur.words) > 0 && w.w > width-rest+eps && avail()-cur.w-sp > 4*size*ptToMM {
			head, tail := m.splitWord(w, avail()-cur.w-sp, size)
			cur.xs = append(cur.xs, cur.w+sp)
			cur.words = append(cur.words, head)
			cur.w += sp + head.w
			lines = append(lines, cur)
			cur = line{}
			if len(tail.frags) > 0 {
				tail.spaceW, tail.brk = 0, false
				ws[i] = tail
				i--
			}
			continue
		}
		if len(cur.words) > 0 {
			lines = append(lines, cur)
			cur = line{}
			i--
			continue
		}
		// An empty line and the word is still too wide: cut it.
		head, tail := m.splitWord(w, avail(), size)
		head.spaceW = 0
		cur.words = append(cur.words, head)
		cur.xs = append(cur.xs, 0)
		cur.w = head.w
		lines = append(lines, cur)
		cur = line{}
		if len(tail.frags) > 0 {
			tail.spaceW = 0
			tail.brk = false
			ws[i] = tail
			i--
		}
	}
	if len(cur.words) > 0 || len(lines) == 0 {
		lines = append(lines, cur)
	}
	return lines
}

// hardBreakAfter reports whether line i ends at a forced break ("\n"),
// which, like the last line, is not justified.
func hardBreakAfter(lines []line, i int) bool {
	return i+1 < len(lines) && len(lines[i+1].words) > 0 && lines[i+1].words[0].brk
}
