package fault

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestErrorKindsAndWrapping(t *testing.T) {
	cause := errors.New("disk full")
	err := fmt.Errorf("save unit: %w", Wrap(cause, ErrRefused, "errors.backup.cannotWrite", "path", "/x"))
	if !errors.Is(err, ErrRefused) || errors.Is(err, ErrNotFound) || !errors.Is(err, cause) {
		t.Fatal("errors.Is through the chain")
	}
	fe, ok := As(err)
	if !ok || fe.Key != "errors.backup.cannotWrite" || fe.Params["path"] != "/x" {
		t.Fatalf("As: %+v", fe)
	}
	if s := fe.Error(); !strings.Contains(s, "errors.backup.cannotWrite") || !strings.Contains(s, "disk full") {
		t.Fatalf("Error() = %q", s)
	}
	if _, ok := As(cause); ok {
		t.Fatal("a plain error has no key")
	}
	if NotFound("unit").Params["entity"] != "unit" || !errors.Is(Stale("unit"), ErrStale) {
		t.Fatal("NotFound/Stale")
	}
	// An odd trailing name is dropped rather than panicking.
	if p := New(ErrInvalid, "k", "a", 1, "b").Params; len(p) != 1 || p["a"] != 1 {
		t.Fatalf("params %v", p)
	}
}

func TestValidationCollects(t *testing.T) {
	var v Validation
	if v.Err() != nil {
		t.Fatal("empty validation is an error")
	}
	v.Text("name", "", true, 10)
	v.Text("short", "xin chào các bạn", false, 5)
	v.Text("opt", "", false, 5)
	err := v.Err()
	fe, _ := As(err)
	if !errors.Is(err, ErrInvalid) || fe.Key != "errors.invalid" || len(fe.Fields) != 2 {
		t.Fatalf("%+v", fe)
	}
	if fe.Fields[1].Key != "validation.tooLong" || fe.Fields[1].Params["max"] != 5 || fe.Fields[1].Params["length"] != 16 {
		t.Fatalf("tooLong params %+v", fe.Fields[1])
	}
	if !v.Has("name") || v.Has("opt") {
		t.Fatal("Has")
	}
}

func TestFieldRules(t *testing.T) {
	cases := []struct {
		name string
		run  func(v *Validation)
		bad  bool
	}{
		{"date ok", func(v *Validation) { v.Date("f", "2022-05-18", true) }, false},
		{"date leap day", func(v *Validation) { v.Date("f", "2024-02-29", true) }, false},
		{"date not leap", func(v *Validation) { v.Date("f", "2023-02-29", true) }, true},
		{"date vn order", func(v *Validation) { v.Date("f", "18/05/2022", true) }, true},
		{"date with time", func(v *Validation) { v.Date("f", "2022-05-18T00:00:00Z", true) }, true},
		{"date 1899", func(v *Validation) { v.Date("f", "1899-12-31", true) }, true},
		{"date 2101", func(v *Validation) { v.Date("f", "2101-01-01", true) }, true},
		{"date empty optional", func(v *Validation) { v.Date("f", "", false) }, false},
		{"date empty required", func(v *Validation) { v.Date("f", "", true) }, true},
		{"phone landline", func(v *Validation) { v.Phone("f", "(0232) 3822.111") }, false},
		{"phone intl", func(v *Validation) { v.Phone("f", "+84 912 345 678") }, false},
		{"phone letters", func(v *Validation) { v.Phone("f", "0912 abc") }, true},
		{"phone short", func(v *Validation) { v.Phone("f", "12345") }, true},
		{"email ok", func(v *Validation) { v.Email("f", "vanphong@stnmt.quangbinh.gov.vn") }, false},
		{"email display name", func(v *Validation) { v.Email("f", "Văn phòng <vp@so.gov.vn>") }, true},
		{"email no domain", func(v *Validation) { v.Email("f", "vp@") }, true},
		{"oneOf ok", func(v *Validation) { v.OneOf("f", "b", "a", "b") }, false},
		{"oneOf case", func(v *Validation) { v.OneOf("f", "B", "a", "b") }, true},
		{"maxLen counts characters", func(v *Validation) { v.MaxLen("f", "Nguyễn", 6) }, false},
	}
	for _, c := range cases {
		var v Validation
		c.run(&v)
		if got := v.Err() != nil; got != c.bad {
			t.Errorf("%s: error %v, want %v", c.name, v.Err(), c.bad)
		}
	}
}

// FuzzDate: whatever the input, an accepted date is a real calendar day in
// range that prints back as the same text.
func FuzzDate(f *testing.F) {
	for _, s := range []string{"2022-05-18", "2024-02-29", "0000-00-00", "2022-5-18", "+2022-05-18", " 2022-05-18", "2100-12-31"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var v Validation
		d, ok := v.Date("f", s, false)
		if ok != (v.Err() == nil && s != "") {
			t.Fatalf("%q: ok %v err %v", s, ok, v.Err())
		}
		if !ok {
			return
		}
		if d.Format(DateLayout) != s || d.Year() < 1900 || d.Year() > 2100 || d.Location() != time.UTC {
			t.Fatalf("%q accepted as %v", s, d)
		}
	})
}
