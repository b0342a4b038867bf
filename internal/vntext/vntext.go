// Package vntext handles Vietnamese text at the boundary of the system:
// Unicode NFC normalisation of everything that comes in, and a
// diacritic-insensitive fold used by every search.
package vntext

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// NFC returns s in Unicode normalisation form C. Vietnamese typed on some
// keyboards or pasted from PDFs arrives decomposed (NFD); stored that way it
// neither compares equal nor renders correctly in PDFs.
// Invalid UTF-8 and NUL bytes are dropped: PostgreSQL refuses both, and no
// Vietnamese text contains them.
func NFC(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "")
	}
	if strings.IndexByte(s, 0) >= 0 {
		s = strings.ReplaceAll(s, "\x00", "")
	}
	if norm.NFC.IsNormalString(s) {
		return s
	}
	return norm.NFC.String(s)
}

// Clean normalises s to NFC, trims it and collapses every run of white space
// (including non-breaking spaces and tabs) to a single space. Use it for
// single-line fields such as names.
func Clean(s string) string {
	s = NFC(s)
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u200b' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// CleanText normalises a multi-line field: NFC, Windows line endings to \n,
// trailing spaces of each line removed, and the whole trimmed.
func CleanText(s string) string {
	s = NFC(s)
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRightFunc(l, unicode.IsSpace)
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

// Fold maps s to a search key: lower case, without diacritics, with đ as d
// and white space collapsed, so that "nguyen van" matches "Nguyễn Văn".
func Fold(s string) string {
	d := norm.NFD.String(s)
	var b strings.Builder
	b.Grow(len(d))
	space := false
	for _, r := range d {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ' || r == 'Đ':
			r = 'd'
		case unicode.IsSpace(r):
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// Contains reports whether needle occurs in haystack, ignoring case and
// Vietnamese diacritics.
func Contains(haystack, needle string) bool {
	return strings.Contains(Fold(haystack), Fold(needle))
}

// Len is the length of s in characters (runes) after NFC, the measure used
// for every length limit shown to users.
func Len(s string) int {
	return len([]rune(NFC(s)))
}

// Key is a comparison key for duplicate detection: two names with the same
// Key are the same name to a user ("Phòng  Kế hoạch" = "phòng kế hoạch").
// Diacritics are kept, since "Bình" and "Binh" are different places.
func Key(s string) string {
	return strings.ToLower(Clean(s))
}

// CleanRef cleans an optional reference (an id chosen in a picker): nil or
// blank becomes nil.
func CleanRef(p *string) *string {
	if p == nil {
		return nil
	}
	s := Clean(*p)
	if s == "" {
		return nil
	}
	return &s
}
