package vntext

import (
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestFold(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Nguyễn Văn An", "nguyen van an"},
		{"ĐOÀN THANH NIÊN", "doan thanh nien"},
		{"Quảng  Bình", "quang binh"},
		{norm.NFD.String("Nông thôn mới"), "nong thon moi"},
		{"  Sở TN&MT ", "so tn&mt"},
		{"", ""},
	}
	for _, c := range cases {
		if got := Fold(c.in); got != c.want {
			t.Errorf("Fold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestContains(t *testing.T) {
	if !Contains("Nguyễn Văn Đức", "nguyen van d") {
		t.Fatal("'nguyen van d' should match 'Nguyễn Văn Đức'")
	}
	if !Contains("Phòng Quản lý đất đai", "DAT DAI") {
		t.Fatal("case and diacritics must be ignored")
	}
	if Contains("Nguyễn Văn An", "binh") {
		t.Fatal("unrelated text must not match")
	}
}

func TestCleanNormalisesNFD(t *testing.T) {
	nfd := norm.NFD.String("  Trung tâm\u00a0Công nghệ\tthông tin  ")
	got := Clean(nfd)
	if got != "Trung tâm Công nghệ thông tin" {
		t.Fatalf("Clean = %q", got)
	}
	if !norm.NFC.IsNormalString(got) {
		t.Fatal("Clean must return NFC")
	}
}

func TestCleanText(t *testing.T) {
	got := CleanText("Dòng 1  \r\nDòng 2\r\n\r\n")
	if got != "Dòng 1\nDòng 2" {
		t.Fatalf("CleanText = %q", got)
	}
}

func TestLenCountsCharactersNotBytes(t *testing.T) {
	if n := Len(norm.NFD.String("Việt")); n != 4 {
		t.Fatalf("Len = %d, want 4", n)
	}
}

func TestKeyKeepsDiacritics(t *testing.T) {
	if Key("Phòng  Kế hoạch") != Key("phòng kế hoạch") {
		t.Fatal("spacing and case must not matter")
	}
	if Key("Bình") == Key("Binh") {
		t.Fatal("diacritics distinguish names")
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"Nguyễn", "Đ", norm.NFD.String("ủy ban"), "\xff\xfe", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := Fold(s)
		if Fold(k) != k {
			t.Fatalf("Fold not idempotent: %q -> %q -> %q", s, k, Fold(k))
		}
		if utf8.ValidString(s) && !utf8.ValidString(k) {
			t.Fatalf("Fold produced invalid UTF-8 from %q", s)
		}
		c := Clean(s)
		if Clean(c) != c {
			t.Fatalf("Clean not idempotent: %q", s)
		}
	})
}

func TestNFCDropsInvalidBytesAndNUL(t *testing.T) {
	if got := NFC("Xã\x00 Hòa\xff Bình"); got != "Xã Hòa Bình" {
		t.Fatalf("NFC = %q", got)
	}
}
