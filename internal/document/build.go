package document

import (
	"context"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"chungsuc/internal/pdf"
)

// tableBuilders fill the {{bang:KEY}} tables from the data.
var tableBuilders = map[string]func(g *gen) (*pdf.Table, error){
	"dang_ky":  (*gen).tableRegistrations,
	"chi_tieu": (*gen).tableTargets,
	"ho_tro":   (*gen).tableSupport,
}

func dmy(iso string) string {
	if len(iso) == 10 {
		return iso[8:10] + "/" + iso[5:7] + "/" + iso[:4]
	}
	return iso
}

func emptyRow(cols int, text string) []pdf.Cell {
	row := []pdf.Cell{{Text: text, Span: cols}}
	for i := 1; i < cols; i++ {
		row = append(row, pdf.Cell{})
	}
	return row
}

// tableRegistrations lists the communes and villages each unit supports,
// with the place above them, the period and the content.
func (g *gen) tableRegistrations() (*pdf.Table, error) {
	rows, err := g.registrations()
	if err != nil {
		return nil, err
	}
	t := &pdf.Table{RepeatHeader: true, Columns: []pdf.Column{
		{Title: "TT", Width: 5, Align: "C"},
		{Title: "Phòng, đơn vị", Width: 22, Align: "L"},
		{Title: "Xã, thôn, bản được hỗ trợ", Width: 17, Align: "L"},
		{Title: "Thuộc", Width: 20, Align: "L"},
		{Title: "Thời gian", Width: 13, Align: "C"},
		{Title: "Nội dung hỗ trợ, ghi chú", Width: 33, Align: "L"},
	}}
	for i, r := range rows {
		place, parent := r.LocalityName, ""
		if p, rest, ok := strings.Cut(r.LocalityPath, ", "); ok {
			place, parent = p, rest
		}
		period := "Từ " + dmy(r.FromDate)
		switch {
		case r.FromDate == "" && r.ToDate == "":
			period = ""
		case r.FromDate == "":
			period = "Đến " + dmy(r.ToDate)
		case r.ToDate != "":
			period = dmy(r.FromDate) + " - " + dmy(r.ToDate)
		}
		note := r.Content
		if r.CommitNote != "" {
			note = strings.TrimSpace(note + " " + r.CommitNote)
		}
		if r.Status == "hoan_thanh" {
			note = strings.TrimSpace(note + " (đã hoàn thành)")
		}
		t.Rows = append(t.Rows, []pdf.Cell{{Text: fmt.Sprint(i + 1)}, {Text: r.UnitName}, {Text: place}, {Text: parent}, {Text: period}, {Text: note}})
	}
	if len(t.Rows) == 0 {
		t.Rows = append(t.Rows, emptyRow(len(t.Columns), "Chưa có phòng, đơn vị nào đăng ký hỗ trợ."))
	}
	return t, nil
}

func goal(comparator string, value float64, valueUnit string, count *int, countUnit string) string {
	cmp := map[string]string{">=": "≥ ", "<=": "≤ ", "=": ""}[comparator]
	s := cmp + vnNumber(value, 1)
	if valueUnit == "%" {
		s += "%"
	} else if valueUnit != "" {
		s += " " + valueUnit
	}
	if count != nil {
		s += fmt.Sprintf(" (%d %s)", *count, countUnit)
	}
	return strings.TrimSpace(s)
}

// tableTargets shows each target of the campaign against the dashboard's figure.
func (g *gen) tableTargets() (*pdf.Table, error) {
	d, err := g.dashboard()
	if err != nil {
		return nil, err
	}
	t := &pdf.Table{RepeatHeader: true, Columns: []pdf.Column{
		{Title: "TT", Width: 6, Align: "C"},
		{Title: "Chỉ tiêu", Width: 44, Align: "L"},
		{Title: "Mục tiêu", Width: 16, Align: "C"},
		{Title: "Kết quả", Width: 20, Align: "C"},
		{Title: "Đánh giá", Width: 14, Align: "C"},
	}}
	for i, f := range d.Targets {
		res := strings.TrimPrefix(figureText(f), "đạt ")
		eval := "Chưa đánh giá"
		if f.Met != nil {
			eval = map[bool]string{true: "Đạt", false: "Chưa đạt"}[*f.Met]
		}
		t.Rows = append(t.Rows, []pdf.Cell{{Text: fmt.Sprint(i + 1)}, {Text: f.Label},
			{Text: goal(f.Comparator, f.Value, f.ValueUnit, f.TargetCount, f.CountUnit)}, {Text: res}, {Text: eval}})
	}
	if len(t.Rows) == 0 {
		t.Rows = append(t.Rows, emptyRow(len(t.Columns), "Phong trào chưa có chỉ tiêu."))
	}
	return t, nil
}

// tableSupport totals the support of each unit, with a total row.
func (g *gen) tableSupport() (*pdf.Table, error) {
	ts, err := g.totals()
	if err != nil {
		return nil, err
	}
	t := &pdf.Table{RepeatHeader: true, Columns: []pdf.Column{
		{Title: "TT", Width: 6, Align: "C"},
		{Title: "Phòng, đơn vị", Width: 36, Align: "L"},
		{Title: "Số xã, thôn, bản", Width: 13, Align: "C"},
		{Title: "Số hoạt động", Width: 13, Align: "C"},
		{Title: "Kinh phí (đồng)", Width: 19, Align: "R"},
		{Title: "Ngày công", Width: 13, Align: "R"},
	}}
	var places, acts int
	var amount int64
	var days float64
	for i, u := range ts {
		t.Rows = append(t.Rows, []pdf.Cell{{Text: fmt.Sprint(i + 1)}, {Text: u.name}, {Text: fmt.Sprint(u.places)},
			{Text: vnNumber(float64(u.activities), 0)}, {Text: vnNumber(float64(u.amount), 0)}, {Text: vnNumber(u.workdays, 1)}})
		places += u.places
		acts += u.activities
		amount += u.amount
		days += u.workdays
	}
	if len(ts) == 0 {
		t.Rows = append(t.Rows, emptyRow(len(t.Columns), "Chưa có phòng, đơn vị nào đăng ký hỗ trợ."))
		return t, nil
	}
	t.Rows = append(t.Rows, []pdf.Cell{{}, {Text: "Tổng cộng", Bold: true}, {Text: fmt.Sprint(places), Bold: true},
		{Text: vnNumber(float64(acts), 0), Bold: true}, {Text: vnNumber(float64(amount), 0), Bold: true}, {Text: vnNumber(days, 1), Bold: true}})
	return t, nil
}

// punctuate ends the Nơi nhận lines with ";" and the last with ".",
// whatever the user typed at their ends.
func punctuate(lines []string) []string {
	out := make([]string, 0, len(lines))
	for i, l := range lines {
		l = strings.TrimRight(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(l), "- ")), ";.,")
		if l == "" {
			continue
		}
		end := ";"
		if i == len(lines)-1 {
			end = "."
		}
		out = append(out, l+end)
	}
	return out
}

// plainLines are the Kính gửi names as the renderer wants them: without
// a leading "- " or a final ";" or "." (it adds them).
func plainLines(lines []string) []string {
	out := []string{}
	for _, l := range lines {
		l = strings.TrimRight(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(l), "- ")), ";.,")
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}

// blocks parses a markup text and fills its tables: a document's own
// frozen table first, then the register's data tables.
func (g *gen) blocks(markup string, own map[string]pdf.Table) ([]pdf.Block, error) {
	bs := pdf.ParseMarkup(markup)
	for i := range bs {
		b := &bs[i]
		if b.Kind != pdf.KindTable || b.Ref == "" || b.Table != nil {
			continue
		}
		if t, ok := own[b.Ref]; ok {
			b.Table = &t
			continue
		}
		build, ok := tableBuilders[b.Ref]
		if !ok {
			continue
		}
		t, err := build(g)
		if err != nil {
			return nil, err
		}
		b.Table = t
	}
	return bs, nil
}

// BuildDoc builds the printable document of a draft, its tables filled
// with the data as of its AsOf day (today when empty).
func (s *Service) BuildDoc(ctx context.Context, agencyID string, d Document) (pdf.Doc, error) {
	return buildDocTx(ctx, s.db.WithContext(ctx), agencyID, d)
}

func buildDocTx(ctx context.Context, tx *gorm.DB, agencyID string, d Document) (pdf.Doc, error) {
	g, err := newGen(ctx, tx, agencyID)
	if err != nil {
		return pdf.Doc{}, err
	}
	if d.CampaignID != nil {
		g.campaignID = *d.CampaignID
	}
	if d.AsOf != "" {
		g.asOf = d.AsOf
	}
	g.year = d.Year
	var t Type
	if err := tx.Unscoped().Where("agency_id = ? AND code = ?", agencyID, d.TypeCode).
		Order("deleted_at IS NOT NULL").Limit(1).Find(&t).Error; err != nil {
		return pdf.Doc{}, fmt.Errorf("document type: %w", err)
	}
	if t.ID == "" {
		return pdf.Doc{}, fault404Type(d.TypeCode)
	}
	is, err := issuerOf(tx.Unscoped(), g.agency, d.IssuerKey)
	if err != nil {
		return pdf.Doc{}, err
	}
	symbol := d.Symbol
	if d.Status == StatusDraft || symbol == "" {
		symbol = Symbol(t, is.Abbrev, d.DraftUnit)
	}
	doc := pdf.Doc{
		Header: pdf.Header{ParentBody: is.ParentBody, Issuer: is.Name, Number: d.Number, Symbol: symbol,
			Place: g.agency.PlaceName, Date: d.Date, Year: d.Year},
		Title:   pdf.Title{TypeName: t.Title, Summary: d.Summary},
		KinhGui: plainLines(d.KinhGui),
		Body:    []pdf.Block{},
		Footer: pdf.Footer{Recipients: punctuate(d.Recipients),
			Authority: pdf.Authority(d.SignForm, is.Name, d.HeadTitle, d.SignerTitle), SignerName: d.SignerName},
	}
	if l := d.LeftSigner; l != nil && (len(l.Authority) > 0 || l.Name != "") {
		left := *l
		doc.Footer.Left = &left
	}
	if t.Letter {
		subject := d.Summary
		if !strings.HasPrefix(subject, "V/v") {
			subject = "V/v " + lowerFirst(subject)
		}
		doc.Header.Subject = subject
		doc.Title = pdf.Title{}
	}
	for _, sec := range d.Sections {
		bs, err := g.blocks(sec.Markup, d.DataTables)
		if err != nil {
			return doc, err
		}
		doc.Body = append(doc.Body, bs...)
	}
	kind := printedName(t.Name)
	ref := fmt.Sprintf("(Kèm theo %s số %s %s của %s)", kind, pdf.FormatNumber(d.Number, symbol), LongDate(d.Date, d.Year), g.settings.FullName)
	for _, ap := range d.Appendices {
		bs, err := g.blocks(ap.Markup, d.DataTables)
		if err != nil {
			return doc, err
		}
		doc.Appendices = append(doc.Appendices, pdf.Appendix{Label: ap.Label, Title: strings.ToUpper(ap.Title), Ref: ref,
			Landscape: ap.Landscape, Body: bs})
	}
	title := kind
	if n := NumberText(d.Number, symbol); n != "" {
		title += " " + n
	}
	created := d.Date
	if created == "" {
		created = fmt.Sprintf("%04d-01-01", d.Year)
	}
	doc.Meta = pdf.Meta{Title: title, Subject: d.Summary, Author: is.Name, CreatedAt: created + "T00:00:00Z"}
	return doc, nil
}
