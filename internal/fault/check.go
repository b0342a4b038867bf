package fault

import (
	"net/mail"
	"regexp"
	"time"

	"chungsuc/internal/vntext"
)

// Required adds "required" when s is empty.
func (v *Validation) Required(field, s string) bool {
	if s == "" {
		v.Add(field, "validation.required")
		return false
	}
	return true
}

// MaxLen adds "tooLong" when s has more than max characters.
func (v *Validation) MaxLen(field, s string, max int) {
	if n := vntext.Len(s); n > max {
		v.Add(field, "validation.tooLong", "max", max, "length", n)
	}
}

// Text checks a required-or-optional single-line field: required, length.
func (v *Validation) Text(field, s string, required bool, max int) {
	if required && !v.Required(field, s) {
		return
	}
	v.MaxLen(field, s, max)
}

// DateLayout is how dates travel between the UI and the store: ISO calendar
// dates without time zone, since a decision dated 18/5/2022 is that day
// everywhere.
const DateLayout = "2006-01-02"

// Date checks an optional ISO date (YYYY-MM-DD) within [1900, 2100].
func (v *Validation) Date(field, s string, required bool) (time.Time, bool) {
	if s == "" {
		if required {
			v.Add(field, "validation.required")
		}
		return time.Time{}, false
	}
	t, err := time.Parse(DateLayout, s)
	if err != nil || t.Year() < 1900 || t.Year() > 2100 {
		v.Add(field, "validation.date")
		return time.Time{}, false
	}
	return t, true
}

var phoneRe = regexp.MustCompile(`^[0-9 +().\-]{6,20}$`)

// Phone checks an optional phone number.
func (v *Validation) Phone(field, s string) {
	if s != "" && !phoneRe.MatchString(s) {
		v.Add(field, "validation.phone")
	}
}

// Email checks an optional e-mail address.
func (v *Validation) Email(field, s string) {
	if s == "" {
		return
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s {
		v.Add(field, "validation.email")
	}
}

// OneOf checks that s is one of the allowed codes.
func (v *Validation) OneOf(field, s string, allowed ...string) {
	for _, a := range allowed {
		if s == a {
			return
		}
	}
	v.Add(field, "validation.oneOf")
}
