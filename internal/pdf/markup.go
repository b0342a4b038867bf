package pdf

import (
	"regexp"
	"strings"

	"chungsuc/internal/vntext"
)

// The editing markup: one line is one block (blank lines are ignored).
//
//	# I. TEXT          heading 1 (Label "I")
//	## 1. Text         heading 2 (Label "1")
//	### a) Text        heading 3 (Label "a")
//	- text             dash item
//	> text             căn cứ (basis, italic)
//	^ text             centred line
//	{{bang:KEY}}       a table the register fills (Block.Ref = KEY)
//	{{ngat_trang}}     page break
//	anything else      paragraph
//
// Inline: **bold**, *italic*, ***bold italic***; "\*" is a literal star.
// A paragraph that would otherwise read as one of the forms above starts
// with a backslash, which ParseMarkup removes ("\- 5 độ" is a paragraph).

var (
	reH1    = regexp.MustCompile(`^([IVXLCDM]+)\.\s+(\S.*)$`)
	reH2    = regexp.MustCompile(`^([0-9]+)\.\s+(\S.*)$`)
	reH3    = regexp.MustCompile(`^([a-zđ])\)\s+(\S.*)$`)
	reTable = regexp.MustCompile(`^\{\{bang:([\p{L}\p{N}_.\-]+)\}\}$`)
)

const pageBreakMarkup = "{{ngat_trang}}"

// classify parses one trimmed, non-empty line.
func classify(l string) Block {
	switch {
	case l == pageBreakMarkup:
		return Block{Kind: KindPageBreak}
	case strings.HasPrefix(l, "### "):
		return heading(KindHeading3, strings.TrimSpace(l[4:]), reH3)
	case strings.HasPrefix(l, "## "):
		return heading(KindHeading2, strings.TrimSpace(l[3:]), reH2)
	case strings.HasPrefix(l, "# "):
		return heading(KindHeading1, strings.TrimSpace(l[2:]), reH1)
	case strings.HasPrefix(l, "- "):
		return Block{Kind: KindDash, Text: strings.TrimSpace(l[2:])}
	case strings.HasPrefix(l, "> "):
		return Block{Kind: KindBasis, Text: strings.TrimSpace(l[2:])}
	case strings.HasPrefix(l, "^ "):
		return Block{Kind: KindCenter, Text: strings.TrimSpace(l[2:])}
	}
	if m := reTable.FindStringSubmatch(l); m != nil {
		return Block{Kind: KindTable, Ref: m[1]}
	}
	return Block{Kind: KindParagraph, Text: l}
}

func heading(kind, rest string, re *regexp.Regexp) Block {
	if m := re.FindStringSubmatch(rest); m != nil {
		return Block{Kind: kind, Label: m[1], Text: strings.TrimSpace(m[2])}
	}
	return Block{Kind: kind, Text: rest}
}

func isPlainPara(b Block, t string) bool {
	return b.Kind == KindParagraph && b.Text == t
}

// ParseMarkup parses the editing markup into blocks (NFC).
func ParseMarkup(s string) []Block {
	s = vntext.NFC(s)
	var out []Block
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if strings.HasPrefix(l, `\`) && len(l) > 1 {
			rest := l[1:]
			if strings.HasPrefix(rest, `\`) || !isPlainPara(classify(rest), rest) {
				out = append(out, Block{Kind: KindParagraph, Text: rest})
				continue
			}
		}
		out = append(out, classify(l))
	}
	return out
}

// FormatMarkup is the inverse of ParseMarkup: for blocks that ParseMarkup
// produced, ParseMarkup(FormatMarkup(b)) equals b. Block text is written on
// one line (line breaks become spaces), trimmed.
func FormatMarkup(blocks []Block) string {
	var b strings.Builder
	one := func(s string) string { return strings.TrimSpace(strings.ReplaceAll(s, "\n", " ")) }
	for _, bl := range blocks {
		var l string
		t := one(bl.Text)
		lab := strings.TrimSpace(bl.Label)
		switch bl.Kind {
		case KindHeading1:
			l = "# " + labelled(lab, ". ", t)
		case KindHeading2:
			l = "## " + labelled(lab, ". ", t)
		case KindHeading3:
			l = "### " + labelled(lab, ") ", t)
		case KindDash:
			l = "- " + t
		case KindBasis:
			l = "> " + t
		case KindCenter:
			l = "^ " + t
		case KindTable:
			l = "{{bang:" + bl.Ref + "}}"
		case KindPageBreak:
			l = pageBreakMarkup
		default:
			l = t
			if needsEscape(t) {
				l = `\` + t
			}
		}
		if strings.TrimSpace(l) == "" {
			continue
		}
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return b.String()
}

func labelled(label, sep, text string) string {
	if label == "" {
		return text
	}
	return label + sep + text
}

func needsEscape(t string) bool {
	if t == "" {
		return false
	}
	if !isPlainPara(classify(t), t) {
		return true
	}
	if strings.HasPrefix(t, `\`) && len(t) > 1 {
		rest := t[1:]
		return strings.HasPrefix(rest, `\`) || !isPlainPara(classify(rest), rest)
	}
	return false
}
