package vntext

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Real place names (Quảng Bình and elsewhere) and sample names.
var placeNames = []string{
	"Tỉnh Quảng Bình", "Thành phố Đồng Hới", "Thị xã Ba Đồn", "Huyện Minh Hóa",
	"Huyện Tuyên Hóa", "Huyện Quảng Trạch", "Huyện Bố Trạch", "Huyện Quảng Ninh",
	"Huyện Lệ Thủy", "Thị trấn Đồng Lê", "Thị trấn Quy Đạt", "Xã Thượng Trạch",
	"Xã Trường Sơn", "Xã Hòa Bình", "Xã Mẫu Sơn", "Thôn Mẫu 2", "Bản Ra Mai",
	"Ủy ban nhân dân", "Nguyễn Thị Hương", "Phường Đồng Phú", "Xã Quảng Xuân",
	"Đắk Lắk", "Krông Búc", "Ý Yên", "ỨNG HÒA", "Việt Nam", "Xã Dân Hóa",
	"Xã Hóa Sơn", "Xã Trọng Hóa", "Xã Ngư Thủy Bắc", "Phường Bắc Lý", "Xã Sơn Trạch",
	"Thôn Khe Ngát", "Xã Phú Định", "Xã Kim Thủy", "Xã Lâm Thủy", "Tổ dân phố 3",
	"Thành phố Hồ Chí Minh", "Tỉnh Thừa Thiên Huế", "Xã Ea Súp", "Phường Ngọc Hà",
	"Xã Quảng Phương", "Xã Thanh Trạch", "Xã Cự Nẫm", "Xã Vĩnh Ninh", "Xã Hưng Trạch",
}

func TestRepairLegacyRoundTrip(t *testing.T) {
	for _, name := range placeNames {
		tb, ok := EncodeTCVN3(name)
		if !ok {
			t.Fatalf("EncodeTCVN3(%q) failed", name)
		}
		vb, ok := EncodeVNI(name)
		if !ok {
			t.Fatalf("EncodeVNI(%q) failed", name)
		}
		for _, c := range []struct {
			how   string
			bytes []byte
		}{{HowTCVN3, tb}, {HowVNI, vb}} {
			in := DecodeWindows1252(c.bytes)
			if in == name {
				continue // the same bytes in both (e.g. VNI "Bình")
			}
			got, how, ok := RepairLegacy(in)
			if !ok || got != name || how != c.how {
				t.Errorf("%s %q: RepairLegacy(%q) = %q, %q, %v", c.how, name, in, got, how, ok)
			}
			if !LooksLegacy(in) {
				t.Errorf("LooksLegacy(%q) = false", in)
			}
		}
	}
}

// allLetters lists the 134 Vietnamese letters outside ASCII (67 lower-case,
// 67 capitals).
func allLetters() []rune {
	var out []rune
	for r, info := range letters {
		if r >= 0x80 && !info.upper {
			out = append(out, r, unicode.ToUpper(r))
		}
	}
	return out
}

func TestTablesCoverEveryLetter(t *testing.T) {
	ls := allLetters()
	if len(ls) != 134 {
		t.Fatalf("%d letters, want 134", len(ls))
	}
	for _, r := range ls {
		// In a word, after a letter, so that the punctuation positions are
		// read as VN1 capitals too.
		word := "X" + string(r)
		tb, ok := EncodeTCVN3(word)
		if !ok {
			t.Errorf("TCVN3 has no code for %q", r)
			continue
		}
		if got, ok := decodeTCVN3(tb); !ok || norm.NFC.String(got) != word {
			t.Errorf("TCVN3 %q: % x → %q", r, tb, got)
		}
		vb, ok := EncodeVNI(word)
		if !ok {
			t.Errorf("VNI has no code for %q", r)
			continue
		}
		if got, ok := decodeVNI(DecodeWindows1252(vb)); !ok || got != word {
			t.Errorf("VNI %q: %q → %q", r, DecodeWindows1252(vb), got)
		}
	}
}

// Samples written by hand, from the sources of the tables and their
// examples (duydev/vietnamese-conversion README: "Xin chaøo caùc baïn").
func TestRepairLegacyKnownSamples(t *testing.T) {
	cases := []struct{ in, want, how string }{
		{"Vieät Nam", "Việt Nam", HowVNI},
		{"Xin chaøo caùc baïn", "Xin chào các bạn", HowVNI},
		{"Caùc", "Các", HowVNI}, // only Vietnamese letters, but "aù" is a VNI pair
		{"Hoøa Bình", "Hòa Bình", HowVNI},
		{"UÛY BAN NHAÂN DAÂN", "ỦY BAN NHÂN DÂN", HowVNI},
		{"Uûy ban", "Ủy ban", HowVNI}, // modifier case differs from the base
		{"B¶o Th¾ng", "Bảo Thắng", HowTCVN3},
		{"M\u00adêng Kh\u00ad¬ng", "Mường Khương", HowTCVN3},
		{"B¸t X¸t", "Bát Xát", HowTCVN3},
		{"Hµ Néi", "Hà Nội", HowTCVN3},
		{"ViÖt Nam", "Việt Nam", HowTCVN3},
		{"Kr«ng Bóc", "Krông Búc", HowTCVN3},
		{"  X·\u00a0 Hßa  B×nh ", "Xã Hòa Bình", HowTCVN3},
		{"“Hµ Néi”", "“Hà Nội”", HowTCVN3}, // quotes stay quotes
	}
	for _, c := range cases {
		got, how, ok := RepairLegacy(c.in)
		if !ok || got != c.want || how != c.how {
			t.Errorf("RepairLegacy(%q) = %q, %q, %v; want %q, %q", c.in, got, how, ok, c.want, c.how)
		}
	}
}

func TestRepairLegacyLeavesUnicodeAlone(t *testing.T) {
	cases := []string{
		"Xã Hòa Bình", "Thị trấn Đồng Lê", "Ủy ban", "Hương Khê", "Quảng Bình",
		"Huyện Tuyên Hóa", "Xã Hóa Tiến", "Xã Toàn Thắng", "Xã Doãn Khuê", "Xã Khoá Bình",
		"Phường 1", "Khu phố II", "Thôn 3 – Đông", "ABC 123", "Bình", "Sôn", "Ea Kar",
		"Đắk R'Lấp", "Nguyễn Văn Ấn", "ỨNG HÒA", "Tổ dân phố số 5", "", "Cư Jút",
	}
	cases = append(cases, placeNames...)
	for _, s := range cases {
		got, how, ok := RepairLegacy(s)
		if !ok || got != s || how != "" {
			t.Errorf("RepairLegacy(%q) = %q, %q, %v; want it unchanged", s, got, how, ok)
		}
		if LooksLegacy(s) {
			t.Errorf("LooksLegacy(%q) = true", s)
		}
	}
}

func TestRepairLegacyNFDAndSpaces(t *testing.T) {
	cases := []struct{ in, want, how string }{
		{norm.NFD.String("Xã Hòa Bình"), "Xã Hòa Bình", HowNFD},
		{norm.NFD.String("Thượng Trạch"), "Thượng Trạch", HowNFD},
		{"Ðức Trạch", "Đức Trạch", HowNFD},
		{"ÐÔNG HÀ", "ĐÔNG HÀ", HowNFD},
		{"Ðoàn Kết", "Đoàn Kết", HowNFD},
		{"ðông", "đông", HowNFD},
		{"Xã\u00a0Mẫu Sơn", "Xã Mẫu Sơn", HowSpaces},
		{"Xã  Mẫu\tSơn", "Xã Mẫu Sơn", HowSpaces},
		{"Xã Mẫu\u200bSơn", "Xã MẫuSơn", HowSpaces},
		{"\ufeffXã Mẫu Sơn", "Xã Mẫu Sơn", HowSpaces},
		{"  Xã Mẫu Sơn  ", "Xã Mẫu Sơn", ""},
	}
	for _, c := range cases {
		got, how, ok := RepairLegacy(c.in)
		if !ok || got != c.want || how != c.how {
			t.Errorf("RepairLegacy(%q) = %q, %q, %v; want %q, %q", c.in, got, how, ok, c.want, c.how)
		}
	}
	// Ð not followed by a Vietnamese syllable is left as it is.
	if got, _, ok := RepairLegacy("ÐÓR"); !ok || got != "ÐÓR" {
		t.Errorf("ÐÓR → %q, %v", got, ok)
	}
}

func TestRepairLegacyRefuses(t *testing.T) {
	for _, s := range []string{
		"Xã Hòa B\ufffdnh", // replacement character
		"Xã\x00Hòa",        // NUL
		"Xã\x1bHòa",        // ESC
		"\xff\xfeX",        // invalid UTF-8
		"Müller Straße",    // Latin-1 but not Vietnamese in any encoding
		"aÚb\x01",          // TCVN3 capital code that decodes to nonsense
		"Xaõ ¤¤¤ Hoøa ÿÿÿ", // legacy-looking, no plausible decoding
	} {
		if got, how, ok := RepairLegacy(s); ok {
			t.Errorf("RepairLegacy(%q) = %q, %q, true; want refused", s, got, how)
		}
	}
}

func TestDecodeWindows1252(t *testing.T) {
	b := []byte{'A', 0x80, 0x81, 0x93, 0xe0, 0xff}
	got := DecodeWindows1252(b)
	if got != "A€\u0081“àÿ" {
		t.Fatalf("DecodeWindows1252 = %q", got)
	}
	back, ok := toCP1252(got)
	if !ok || string(back) != string(b) {
		t.Fatalf("round trip: % x", back)
	}
	for i := 0; i < 256; i++ {
		s := DecodeWindows1252([]byte{byte(i)})
		if !utf8.ValidString(s) || utf8.RuneCountInString(s) != 1 {
			t.Fatalf("byte %#x → %q", i, s)
		}
	}
}

func FuzzRepairLegacy(f *testing.F) {
	for _, s := range placeNames {
		f.Add(s)
		tb, _ := EncodeTCVN3(s)
		f.Add(DecodeWindows1252(tb))
		vb, _ := EncodeVNI(s)
		f.Add(DecodeWindows1252(vb))
	}
	for _, s := range []string{"", "Ðức", "\x01\x02", "aù", "\ufffd", "Müller", norm.NFD.String("Hòa"), "\u00ad\u200d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fixed, how, ok := RepairLegacy(s)
		LooksLegacy(s)
		if !ok {
			if fixed != s || how != "" {
				t.Fatalf("refused %q but returned %q, %q", s, fixed, how)
			}
			return
		}
		if !utf8.ValidString(fixed) || !norm.NFC.IsNormalString(fixed) {
			t.Fatalf("RepairLegacy(%q) = %q: not valid NFC", s, fixed)
		}
		if strings.ContainsRune(fixed, utf8.RuneError) {
			t.Fatalf("RepairLegacy(%q) = %q holds U+FFFD", s, fixed)
		}
		again, how2, ok2 := RepairLegacy(fixed)
		if !ok2 || again != fixed || how2 != "" {
			t.Fatalf("not idempotent: %q → %q (%s) → %q (%s, %v)", s, fixed, how, again, how2, ok2)
		}
	})
}

func TestDetectLegacyAndRepairAs(t *testing.T) {
	var tcvn, vni []string
	for _, n := range placeNames {
		b, _ := EncodeTCVN3(n)
		tcvn = append(tcvn, DecodeWindows1252(b))
		b, _ = EncodeVNI(n)
		vni = append(vni, DecodeWindows1252(b))
	}
	if got := DetectLegacy(tcvn); got != HowTCVN3 {
		t.Errorf("DetectLegacy(tcvn3) = %q", got)
	}
	if got := DetectLegacy(vni); got != HowVNI {
		t.Errorf("DetectLegacy(vni) = %q", got)
	}
	if got := DetectLegacy(placeNames); got != "" {
		t.Errorf("DetectLegacy(unicode) = %q", got)
	}
	cases := []struct{ in, how, want, gotHow string }{
		{"CÊp", HowTCVN3, "Cấp", HowTCVN3}, // no tell-tale character alone
		{"Minh Hãa", HowTCVN3, "Minh Hóa", HowTCVN3},
		{"Sôn", HowVNI, "Sơn", HowVNI},
		{"44", HowTCVN3, "44", ""},
		{"Xã Mẫu Sơn", HowTCVN3, "Xã Mẫu Sơn", ""}, // not Windows-1252: left to RepairLegacy
		{"Xaõ", "", "Xã", HowVNI},
	}
	for _, c := range cases {
		got, how, ok := RepairAs(c.in, c.how)
		if !ok || got != c.want || how != c.gotHow {
			t.Errorf("RepairAs(%q, %q) = %q, %q, %v", c.in, c.how, got, how, ok)
		}
	}
	if _, _, ok := RepairAs("aâ", HowVNI); !ok {
		t.Error("VNI pair refused")
	}
	if _, _, ok := RepairAs("xâ", HowVNI); ok {
		t.Error("stray VNI modifier accepted")
	}
}
