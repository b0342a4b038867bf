package pdf

import (
	"reflect"
	"sort"
	"testing"
)

func TestFormatNumber(t *testing.T) {
	for _, c := range []struct {
		n    int
		sym  string
		want string
	}{
		{5, "KH-STNMT", "05/KH-STNMT"},
		{12, "UBND-VX", "12/UBND-VX"},
		{125, "KH-UBND", "125/KH-UBND"},
		{0, "KH-STNMT", "      /KH-STNMT"},
		{1, " BB-HĐTĐKT ", "01/BB-HĐTĐKT"},
		{7, "", "07"},
	} {
		if got := FormatNumber(c.n, c.sym); got != c.want {
			t.Errorf("FormatNumber(%d, %q) = %q, want %q", c.n, c.sym, got, c.want)
		}
	}
}

func TestFormatDateLine(t *testing.T) {
	for _, c := range []struct {
		place, date string
		year        int
		want        string
	}{
		{"Quảng Bình", "2025-01-05", 0, "Quảng Bình, ngày 05 tháng 01 năm 2025"},
		{"Hà Nội", "2020-02-29", 2020, "Hà Nội, ngày 29 tháng 02 năm 2020"},
		{"Thành phố Hồ Chí Minh", "2019-06-29", 0, "Thành phố Hồ Chí Minh, ngày 29 tháng 6 năm 2019"},
		{"Quảng Bình", "2022-12-09", 0, "Quảng Bình, ngày 09 tháng 12 năm 2022"},
		{"Quảng Bình", "", 2025, "Quảng Bình, ngày      tháng      năm 2025"},
		{"Quảng Bình", "05/01/2025", 2025, "Quảng Bình, ngày      tháng      năm 2025"},
		{"", "2025-03-10", 0, "ngày 10 tháng 3 năm 2025"},
	} {
		if got := FormatDateLine(c.place, c.date, c.year); got != c.want {
			t.Errorf("FormatDateLine(%q, %q, %d) = %q, want %q", c.place, c.date, c.year, got, c.want)
		}
	}
}

func TestAuthority(t *testing.T) {
	for _, c := range []struct {
		form string
		want []string
	}{
		{"", []string{"GIÁM ĐỐC"}},
		{"KT", []string{"KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"}},
		{"kt.", []string{"KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"}},
		{"Q", []string{"Q. GIÁM ĐỐC"}},
		{"TM", []string{"TM. ỦY BAN NHÂN DÂN", "PHÓ GIÁM ĐỐC"}},
		{"TL", []string{"TL. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"}},
		{"TUQ", []string{"TUQ. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"}},
	} {
		if got := Authority(c.form, "Ủy ban nhân dân", "Giám đốc", "Phó Giám đốc"); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Authority(%q) = %q, want %q", c.form, got, c.want)
		}
	}
	if got := Authority("TM", "Ủy ban nhân dân", "", "Chủ tịch"); !reflect.DeepEqual(got, []string{"TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"}) {
		t.Errorf("TM: %q", got)
	}
}

func keys(ps []Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Field+" "+p.Key)
	}
	sort.Strings(out)
	return out
}

func TestValidate(t *testing.T) {
	good := docOf(paraB("Nội dung."))
	if ps := Validate(good); len(ps) != 0 {
		t.Fatalf("a good document has problems: %v", keys(ps))
	}
	for name, c := range map[string]struct {
		edit func(d *Doc)
		want []string
	}{
		"symbol pattern":   {func(d *Doc) { d.Header.Symbol = "KH STNMT" }, []string{"header.symbol pdf.check.symbolPattern"}},
		"symbol one group": {func(d *Doc) { d.Header.Symbol = "KH" }, []string{"header.symbol pdf.check.symbolPattern"}},
		"symbol lower":     {func(d *Doc) { d.Header.Symbol = "kh-stnmt" }, []string{"header.symbol pdf.check.symbolPattern"}},
		"symbol TTr ok":    {func(d *Doc) { d.Header.Symbol = "TTr-SNV" }, nil},
		"number no symbol": {func(d *Doc) { d.Header.Symbol = "" }, []string{"header.symbol pdf.check.symbolEmpty"}},
		"negative":         {func(d *Doc) { d.Header.Number = -1 }, []string{"header.number pdf.check.numberNegative"}},
		"bad date":         {func(d *Doc) { d.Header.Date = "2025-02-30" }, []string{"header.date pdf.check.dateInvalid"}},
		"date year":        {func(d *Doc) { d.Header.Year = 2024 }, []string{"header.date pdf.check.dateYear"}},
		"draft ok":         {func(d *Doc) { d.Header.Date, d.Header.Number = "", 0 }, nil},
		"draft no year":    {func(d *Doc) { d.Header.Date, d.Header.Year = "", 0 }, []string{"header.year pdf.check.yearMissing"}},
		"no place":         {func(d *Doc) { d.Header.Place = " " }, []string{"header.place pdf.check.placeEmpty"}},
		"no issuer":        {func(d *Doc) { d.Header.Issuer = "" }, []string{"header.issuer pdf.check.issuerEmpty"}},
		"recipient end":    {func(d *Doc) { d.Footer.Recipients[0] = "UBND tỉnh" }, []string{"footer.recipients.0 pdf.check.recipientEnd"}},
		"last end":         {func(d *Doc) { d.Footer.Recipients[2] = "Lưu: VT, VP;" }, []string{"footer.recipients.2 pdf.check.recipientLastEnd"}},
		"last Lưu":         {func(d *Doc) { d.Footer.Recipients[2] = "Sở Tài chính." }, []string{"footer.recipients.2 pdf.check.recipientLuu"}},
		"dash typed":       {func(d *Doc) { d.Footer.Recipients[1] = "- Sở Nội vụ;" }, []string{"footer.recipients.1 pdf.check.recipientDash"}},
		"no recipients":    {func(d *Doc) { d.Footer.Recipients = nil }, []string{"footer.recipients pdf.check.recipientsEmpty"}},
		"kính gửi": {func(d *Doc) { d.KinhGui = []string{"- Bộ Nội vụ;", "Sở Nội vụ.", "", "Kính gửi: UBND"} }, []string{
			"kinhGui.0 pdf.check.kinhGuiDash", "kinhGui.1 pdf.check.kinhGuiEnd", "kinhGui.2 pdf.check.kinhGuiEmpty", "kinhGui.3 pdf.check.kinhGuiLabel"}},
		"prefix":       {func(d *Doc) { d.Footer.Authority = []string{"TT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"} }, []string{"footer.authority.0 pdf.check.authorityPrefix"}},
		"KT alone":     {func(d *Doc) { d.Footer.Authority = []string{"KT. GIÁM ĐỐC"} }, []string{"footer.authority.0 pdf.check.authoritySigner"}},
		"Q alone ok":   {func(d *Doc) { d.Footer.Authority = []string{"Q. GIÁM ĐỐC"} }, nil},
		"no authority": {func(d *Doc) { d.Footer.Authority = nil; d.Footer.SignerName = "" }, []string{"footer.authority pdf.check.authorityEmpty", "footer.signerName pdf.check.signerEmpty"}},
		"margins":      {func(d *Doc) { d.Margins = Margins{Top: 19, Left: 36} }, []string{"margins.left pdf.check.margin", "margins.top pdf.check.margin"}},
		"margins ok":   {func(d *Doc) { d.Margins = Margins{Top: 25, Bottom: 20, Left: 35, Right: 20} }, nil},
		"summary":      {func(d *Doc) { d.Title.Summary = "" }, []string{"title.summary pdf.check.summaryEmpty"}},
		"body":         {func(d *Doc) { d.Body = nil }, []string{"body pdf.check.bodyEmpty"}},
		"table ref":    {func(d *Doc) { d.Body = append(d.Body, Block{Kind: KindTable, Ref: "x"}) }, []string{"body.1 pdf.check.tableMissing"}},
		"left signer": {func(d *Doc) {
			d.Footer.Recipients = nil
			d.Footer.Left = &Signer{Authority: []string{"THƯ KÝ"}}
		}, []string{"footer.left.signerName pdf.check.signerEmpty"}},
	} {
		d := docOf(paraB("Nội dung."))
		c.edit(&d)
		ps := Validate(d)
		if got := keys(ps); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: got %v, want %v", name, got, c.want)
		}
		for _, p := range ps {
			if want := p.Key == "pdf.check.recipientLuu" || p.Key == "pdf.check.margin"; p.Warning != want {
				t.Errorf("%s: %s warning=%v", name, p.Key, p.Warning)
			}
		}
	}
}
