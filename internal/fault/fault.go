// Package fault defines the kinds of error every domain package returns and
// the translation keys that carry them to the user interface. A *fault.Error
// names a message in frontend/src/locales/vi.json; anything else reaching the
// app layer is an internal error, logged in full and shown by its code only.
package fault

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel kinds; test with errors.Is.
var (
	ErrNotFound = errors.New("not found")
	ErrConflict = errors.New("conflict")
	ErrInvalid  = errors.New("invalid")
	ErrStale    = errors.New("stale version")
	ErrRefused  = errors.New("refused")
)

// FieldError is one problem with one input field, shown beside that field.
type FieldError struct {
	Field  string         `json:"field"`
	Key    string         `json:"key"`
	Params map[string]any `json:"params,omitempty"`
}

// Error is a domain error with a translation key. Kind is one of the sentinel
// errors above; Err, if set, is the underlying cause (logged, never shown).
type Error struct {
	Kind   error
	Key    string
	Params map[string]any
	Fields []FieldError
	Err    error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Key)
	if len(e.Params) > 0 {
		fmt.Fprintf(&b, " %v", e.Params)
	}
	for _, f := range e.Fields {
		fmt.Fprintf(&b, "; %s: %s", f.Field, f.Key)
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Is makes errors.Is(err, fault.ErrNotFound) work for every kind.
func (e *Error) Is(target error) bool { return e.Kind == target }

func (e *Error) Unwrap() error { return e.Err }

// New returns an error of the given kind with a translation key and
// alternating name/value params: New(ErrConflict, "errors.unit.nameTaken", "name", n).
func New(kind error, key string, kv ...any) *Error {
	return &Error{Kind: kind, Key: key, Params: params(kv)}
}

// Wrap is New with an underlying cause.
func Wrap(err error, kind error, key string, kv ...any) *Error {
	return &Error{Kind: kind, Key: key, Params: params(kv), Err: err}
}

// NotFound is the usual "no such record" error for an entity name such as "unit".
func NotFound(entity string) *Error {
	return New(ErrNotFound, "errors.notFound", "entity", entity)
}

// Stale is returned when a save carries an old Version.
func Stale(entity string) *Error {
	return New(ErrStale, "errors.stale", "entity", entity)
}

func params(kv []any) map[string]any {
	if len(kv) == 0 {
		return nil
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		m[fmt.Sprint(kv[i])] = kv[i+1]
	}
	return m
}

// Validation collects field errors for one form before anything is written.
type Validation struct {
	fields []FieldError
}

// Add records a problem with a field.
func (v *Validation) Add(field, key string, kv ...any) {
	v.fields = append(v.fields, FieldError{Field: field, Key: key, Params: params(kv)})
}

// Has reports whether the field already has a problem (to show one at a time).
func (v *Validation) Has(field string) bool {
	for _, f := range v.fields {
		if f.Field == field {
			return true
		}
	}
	return false
}

// Err returns nil when nothing was added, else an ErrInvalid *Error.
func (v *Validation) Err() error {
	if len(v.fields) == 0 {
		return nil
	}
	return &Error{Kind: ErrInvalid, Key: "errors.invalid", Fields: v.fields}
}

// As returns the *Error in err's chain, if any.
func As(err error) (*Error, bool) {
	var fe *Error
	ok := errors.As(err, &fe)
	return fe, ok
}
