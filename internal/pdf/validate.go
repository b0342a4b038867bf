package pdf

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	"chungsuc/internal/vntext"
)

// FormatNumber prints the số/ký hiệu after "Số: ": "05/KH-STNMT" (numbers
// below 10 with a leading zero). n == 0 leaves a blank for a draft:
// "      /KH-STNMT".
func FormatNumber(n int, symbol string) string {
	symbol = strings.TrimSpace(symbol)
	num := "      "
	if n > 0 {
		num = fmt.Sprintf("%02d", n)
	} else if n < 0 {
		num = strconv.Itoa(n)
	}
	if symbol == "" {
		return strings.TrimRight(num, " ")
	}
	return num + "/" + symbol
}

// FormatDateLine prints ô 4: "Quảng Bình, ngày 05 tháng 01 năm 2025". Days
// below 10 and the months 1 and 2 take a leading zero. An empty (or
// unreadable) isoDate leaves blanks for the day and month of a draft:
// "Quảng Bình, ngày      tháng      năm 2025".
func FormatDateLine(place, isoDate string, year int) string {
	place = strings.TrimSpace(place)
	var s string
	if t, err := time.Parse("2006-01-02", strings.TrimSpace(isoDate)); err == nil {
		month := strconv.Itoa(int(t.Month()))
		if t.Month() <= 2 {
			month = "0" + month
		}
		s = fmt.Sprintf("ngày %02d tháng %s năm %d", t.Day(), month, t.Year())
	} else {
		y := "      "
		if year > 0 {
			y = strconv.Itoa(year)
		}
		s = "ngày      tháng      năm " + y
	}
	if place == "" {
		return s
	}
	return place + ", " + s
}

// Authority builds the authority lines of ô 7a, upper case:
//
//	""         -> [headTitle]
//	"KT"       -> ["KT. "+headTitle, signerTitle]
//	"Q"        -> ["Q. "+headTitle]
//	"TM"       -> ["TM. "+body, signerTitle]
//	"TL","TUQ" -> [form+". "+headTitle, signerTitle]
//
// An empty signerTitle is left out.
func Authority(form, body, headTitle, signerTitle string) []string {
	up := func(s string) string { return strings.ToUpper(strings.TrimSpace(vntext.NFC(s))) }
	head, signer := up(headTitle), up(signerTitle)
	var out []string
	switch strings.ToUpper(strings.TrimSuffix(strings.TrimSpace(form), ".")) {
	case "":
		out = []string{head}
	case "Q":
		out = []string{"Q. " + head}
	case "KT":
		out = []string{"KT. " + head, signer}
	case "TM":
		out = []string{"TM. " + up(body), signer}
	case "TL":
		out = []string{"TL. " + head, signer}
	case "TUQ":
		out = []string{"TUQ. " + head, signer}
	default:
		out = []string{head}
	}
	res := out[:0]
	for _, s := range out {
		if strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), ".")) != "" {
			res = append(res, s)
		}
	}
	return res
}

// Validate checks the strings the decree regulates and the margins. It
// returns nothing for a conforming document. Problems with Warning set are
// advice (see Problem) and need not stop an issue.
func Validate(d Doc) []Problem {
	var ps []Problem
	add := func(field, key string, params map[string]any) {
		ps = append(ps, Problem{Field: field, Key: key, Params: params,
			Warning: key == "pdf.check.recipientLuu" || key == "pdf.check.margin"})
	}
	nfc := func(s string) string { return strings.TrimSpace(vntext.NFC(s)) }
	h := d.Header

	if nfc(h.Issuer) == "" {
		add("header.issuer", "pdf.check.issuerEmpty", nil)
	}
	// Số, ký hiệu: NN/TYPE-ISSUER (or ISSUER-UNIT for a công văn).
	sym := nfc(h.Symbol)
	switch {
	case h.Number < 0:
		add("header.number", "pdf.check.numberNegative", map[string]any{"number": h.Number})
	case h.Number > 0 && sym == "":
		add("header.symbol", "pdf.check.symbolEmpty", nil)
	}
	if sym != "" && !symbolOK(sym) {
		add("header.symbol", "pdf.check.symbolPattern", map[string]any{"symbol": sym, "example": "05/KH-STNMT"})
	}
	if nfc(h.Place) == "" {
		add("header.place", "pdf.check.placeEmpty", nil)
	}
	if ds := strings.TrimSpace(h.Date); ds != "" {
		t, err := time.Parse("2006-01-02", ds)
		if err != nil {
			add("header.date", "pdf.check.dateInvalid", map[string]any{"date": ds})
		} else if h.Year != 0 && t.Year() != h.Year {
			add("header.date", "pdf.check.dateYear", map[string]any{"date": ds, "year": h.Year})
		}
	} else if h.Year <= 0 {
		add("header.year", "pdf.check.yearMissing", nil)
	}
	if strings.HasPrefix(nfc(h.Subject), "V/v V/v") {
		add("header.subject", "pdf.check.subjectPrefix", nil)
	}

	// Title.
	if nfc(d.Title.TypeName) != "" && nfc(d.Title.Summary) == "" {
		add("title.summary", "pdf.check.summaryEmpty", nil)
	}
	if nfc(d.Title.TypeName) == "" && nfc(h.Subject) == "" && nfc(d.Title.Summary) == "" {
		add("title.typeName", "pdf.check.titleEmpty", nil)
	}

	// Kính gửi: plain names; the renderer adds "- " and ";"/".".
	for i, k := range d.KinhGui {
		k = nfc(k)
		f := "kinhGui." + strconv.Itoa(i)
		switch {
		case k == "":
			add(f, "pdf.check.kinhGuiEmpty", nil)
		case strings.HasPrefix(k, "-") || strings.HasPrefix(k, "–"):
			add(f, "pdf.check.kinhGuiDash", map[string]any{"text": k})
		case strings.HasSuffix(k, ";") || strings.HasSuffix(k, "."):
			add(f, "pdf.check.kinhGuiEnd", map[string]any{"text": k})
		case strings.HasPrefix(strings.ToLower(k), "kính gửi"):
			add(f, "pdf.check.kinhGuiLabel", map[string]any{"text": k})
		}
	}

	// Body.
	if len(d.Body) == 0 {
		add("body", "pdf.check.bodyEmpty", nil)
	}
	checkBlocks := func(prefix string, bs []Block) {
		for i, b := range bs {
			f := prefix + "." + strconv.Itoa(i)
			if b.Kind == KindTable {
				if b.Table == nil {
					add(f, "pdf.check.tableMissing", map[string]any{"ref": b.Ref})
				} else if len(b.Table.Columns) == 0 {
					add(f, "pdf.check.tableEmpty", nil)
				}
			}
		}
	}
	checkBlocks("body", d.Body)
	for i, a := range d.Appendices {
		checkBlocks("appendices."+strconv.Itoa(i)+".body", a.Body)
		if nfc(a.Label) == "" && nfc(a.Title) == "" {
			add("appendices."+strconv.Itoa(i)+".title", "pdf.check.appendixTitle", nil)
		}
	}

	// Nơi nhận: "- " is added by the renderer; every line ends with ";",
	// the last with "."; the last is normally "Lưu: VT, …".
	ft := d.Footer
	if ft.Left == nil {
		n := len(ft.Recipients)
		if n == 0 {
			add("footer.recipients", "pdf.check.recipientsEmpty", nil)
		}
		for i, rc := range ft.Recipients {
			rc = nfc(rc)
			f := "footer.recipients." + strconv.Itoa(i)
			if rc == "" {
				add(f, "pdf.check.recipientEmpty", nil)
				continue
			}
			if strings.HasPrefix(rc, "-") || strings.HasPrefix(rc, "–") {
				add(f, "pdf.check.recipientDash", map[string]any{"text": rc})
			}
			if i < n-1 && !strings.HasSuffix(rc, ";") {
				add(f, "pdf.check.recipientEnd", map[string]any{"text": rc})
			}
			if i == n-1 {
				if !strings.HasSuffix(rc, ".") {
					add(f, "pdf.check.recipientLastEnd", map[string]any{"text": rc})
				}
				if !strings.HasPrefix(strings.TrimLeft(rc, "- "), "Lưu") {
					add(f, "pdf.check.recipientLuu", map[string]any{"text": rc})
				}
			}
		}
	}
	checkAuthority := func(prefix string, auth []string, name string) {
		lines := make([]string, 0, len(auth))
		for _, a := range auth {
			if a = nfc(a); a != "" {
				lines = append(lines, a)
			}
		}
		if len(lines) == 0 {
			add(prefix+".authority", "pdf.check.authorityEmpty", nil)
		}
		for i, a := range lines {
			f := prefix + ".authority." + strconv.Itoa(i)
			if p, ok := authorityPrefix(a); ok {
				switch p {
				case "TM", "KT", "Q", "TL", "TUQ":
					if p != "Q" && i == len(lines)-1 {
						add(f, "pdf.check.authoritySigner", map[string]any{"text": a, "form": p + "."})
					}
				default:
					add(f, "pdf.check.authorityPrefix", map[string]any{"text": a, "prefix": p + "."})
				}
			}
		}
		if nfc(name) == "" {
			add(prefix+".signerName", "pdf.check.signerEmpty", nil)
		}
	}
	checkAuthority("footer", ft.Authority, ft.SignerName)
	if ft.Left != nil {
		checkAuthority("footer.left", ft.Left.Authority, ft.Left.Name)
	}

	// Margins.
	m := d.Margins
	for _, side := range []struct {
		name, vi string
		v        float64
	}{{"top", "trên", m.Top}, {"bottom", "dưới", m.Bottom}, {"left", "trái", m.Left}, {"right", "phải", m.Right}} {
		rg := marginRange[side.name]
		if side.v != 0 && (side.v < rg[0] || side.v > rg[1] || side.v != side.v) {
			add("margins."+side.name, "pdf.check.margin", map[string]any{"side": side.vi, "value": side.v, "min": rg[0], "max": rg[1]})
		}
	}
	return ps
}

// symbolOK checks a ký hiệu: groups of letters and digits joined by "-"
// (at least two groups), no spaces.
func symbolOK(s string) bool {
	groups := strings.Split(s, "-")
	if len(groups) < 2 {
		return false
	}
	for _, g := range groups {
		if g == "" {
			return false
		}
		for _, r := range g {
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '&' {
				return false
			}
		}
		if !unicode.IsUpper([]rune(g)[0]) && !unicode.IsDigit([]rune(g)[0]) {
			return false
		}
	}
	return true
}

// authorityPrefix returns the abbreviation before ". " at the start of an
// authority line ("KT. GIÁM ĐỐC" -> "KT"), if the line has the shape of one.
func authorityPrefix(a string) (string, bool) {
	i := strings.Index(a, ".")
	if i <= 0 || i > 4 {
		return "", false
	}
	p := a[:i]
	for _, r := range p {
		if !unicode.IsLetter(r) {
			return "", false
		}
	}
	return strings.ToUpper(p), true
}
