package document

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"gorm.io/gorm"

	"chungsuc/internal/fault"
	"chungsuc/internal/org"
	"chungsuc/internal/pdf"
	"chungsuc/internal/store"
	"chungsuc/internal/vntext"
)

// Today is the reference day (new drafts, issue date ""); tests may replace it.
var Today = func() time.Time { return time.Now() }

func todayISO() string { return Today().Format(fault.DateLayout) }

// Limits of the editable parts.
const (
	maxLines     = 60
	maxLineLen   = 300
	maxSections  = 40
	maxMarkup    = 200_000
	maxAppendix  = 10
	maxSummary   = 1000
	maxSignField = 120
)

// Symbol is the ký hiệu of a type issued by an issuer: "KH-STNMT", or for
// a công văn the issuer and the drafting unit, "STNMT-VP".
func Symbol(t Type, issuerAbbrev, draftUnit string) string {
	if t.Letter {
		if draftUnit == "" {
			return issuerAbbrev
		}
		return issuerAbbrev + "-" + draftUnit
	}
	return t.Abbrev + "-" + issuerAbbrev
}

// NumberText is "05/KH-STNMT" for a number given out, "" for none.
func NumberText(n int, symbol string) string {
	if n <= 0 {
		return ""
	}
	return pdf.FormatNumber(n, symbol)
}

func cleanLines(in []string) []string {
	out := make([]string, 0, len(in))
	for _, s := range in {
		if s = vntext.Clean(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func cleanSections(in []Section) []Section {
	out := make([]Section, 0, len(in))
	for _, s := range in {
		s.Key, s.Title, s.Markup = vntext.Clean(s.Key), vntext.Clean(s.Title), vntext.CleanText(s.Markup)
		out = append(out, s)
	}
	return out
}

func cleanAppendices(in []Appendix) []Appendix {
	out := make([]Appendix, 0, len(in))
	for _, a := range in {
		a.Label, a.Title, a.Markup = vntext.Clean(a.Label), vntext.Clean(a.Title), vntext.CleanText(a.Markup)
		out = append(out, a)
	}
	return out
}

func (d *Document) normalise() {
	d.TypeCode = vntext.Clean(d.TypeCode)
	d.IssuerKey = vntext.Clean(d.IssuerKey)
	if d.IssuerKey == "" {
		d.IssuerKey = IssuerAgency
	}
	d.Summary = vntext.Clean(d.Summary)
	d.DraftUnit = vntext.Clean(d.DraftUnit)
	d.KinhGui = cleanLines(d.KinhGui)
	d.Recipients = cleanLines(d.Recipients)
	d.Sections = cleanSections(d.Sections)
	d.Appendices = cleanAppendices(d.Appendices)
	d.SignForm = strings.TrimSuffix(strings.ToUpper(vntext.Clean(d.SignForm)), ".")
	d.HeadTitle = strings.ToUpper(vntext.Clean(d.HeadTitle))
	d.SignerTitle = strings.ToUpper(vntext.Clean(d.SignerTitle))
	d.SignerName = vntext.Clean(d.SignerName)
	d.LeftSigner = cleanSigner(d.LeftSigner)
	d.TemplateCode = vntext.Clean(d.TemplateCode)
	d.CampaignID = vntext.CleanRef(d.CampaignID)
	d.AsOf = vntext.Clean(d.AsOf)
	d.DataTables = cleanTables(d.DataTables)
	d.Note = vntext.CleanText(d.Note)
	if d.Year == 0 {
		d.Year = Today().Year()
	}
}

var placeholderRe = regexp.MustCompile(`\{\{\s*([^{}]*?)\s*\}\}`)

// checkMarkup adds a problem for every {{…}} left in a text that the
// register does not fill: only a line that is exactly {{bang:KEY}} (a
// known table) or {{ngat_trang}} stays in a document.
func checkMarkup(v *fault.Validation, field, markup string) {
	checkMarkupWith(v, field, markup, nil)
}

// checkMarkupWith is checkMarkup for a document that holds its own frozen
// tables: their keys are known tables too.
func checkMarkupWith(v *fault.Validation, field, markup string, own map[string]pdf.Table) {
	v.MaxLen(field, markup, maxMarkup)
	for _, line := range strings.Split(markup, "\n") {
		line = strings.TrimSpace(line)
		for _, m := range placeholderRe.FindAllStringSubmatch(line, -1) {
			name := m[1]
			whole := line == m[0]
			if whole && name == "ngat_trang" {
				continue
			}
			if whole && strings.HasPrefix(name, "bang:") {
				if _, ok := tableBuilders[strings.TrimPrefix(name, "bang:")]; ok {
					continue
				}
				if _, ok := own[strings.TrimPrefix(name, "bang:")]; ok {
					continue
				}
				v.Add(field, "validation.document.unknownTable", "name", name)
				return
			}
			v.Add(field, "validation.document.placeholder", "name", name)
			return
		}
	}
}

func checkLines(v *fault.Validation, field string, lines []string) {
	if len(lines) > maxLines {
		v.Add(field, "validation.range", "min", 0, "max", maxLines)
		return
	}
	for i, l := range lines {
		v.MaxLen(fmt.Sprintf("%s.%d", field, i), l, maxLineLen)
	}
}

// checkParts checks the sections and appendices shared by documents and
// templates: their number, the length of keys, titles and labels, and each
// markup text (and, for a template, each appendix title) with text.
func checkParts(v *fault.Validation, sections []Section, appendices []Appendix, text func(v *fault.Validation, field, s string)) {
	if len(sections) > maxSections {
		v.Add("sections", "validation.range", "min", 0, "max", maxSections)
	}
	for i, s := range sections {
		v.MaxLen(fmt.Sprintf("sections.%d.key", i), s.Key, 60)
		v.MaxLen(fmt.Sprintf("sections.%d.title", i), s.Title, 200)
		text(v, fmt.Sprintf("sections.%d.markup", i), s.Markup)
	}
	if len(appendices) > maxAppendix {
		v.Add("appendices", "validation.range", "min", 0, "max", maxAppendix)
	}
	for i, a := range appendices {
		v.MaxLen(fmt.Sprintf("appendices.%d.label", i), a.Label, 100)
		text(v, fmt.Sprintf("appendices.%d.markup", i), a.Markup)
	}
}

// Limits of the frozen data tables.
const (
	maxTables    = 20
	maxTableCols = 20
	maxTableRows = 20_000
	maxCellLen   = 5000
)

var tableKeyRe = regexp.MustCompile(`^[\p{L}\p{N}_.\-]{1,60}$`)

// checkTables checks the frozen tables: their number and keys (as a
// {{bang:KEY}} line writes them), columns, rows of the right width and
// the length of the cells.
func checkTables(v *fault.Validation, tables map[string]pdf.Table) {
	if len(tables) > maxTables {
		v.Add("dataTables", "validation.range", "min", 0, "max", maxTables)
		return
	}
	for key, t := range tables {
		field := "dataTables." + key
		if !tableKeyRe.MatchString(key) {
			v.Add(field, "validation.document.code")
			continue
		}
		if len(t.Columns) == 0 || len(t.Columns) > maxTableCols {
			v.Add(field+".columns", "validation.range", "min", 1, "max", maxTableCols)
			continue
		}
		if len(t.Rows) > maxTableRows {
			v.Add(field+".rows", "validation.range", "min", 0, "max", maxTableRows)
			continue
		}
		for i, c := range t.Columns {
			v.MaxLen(fmt.Sprintf("%s.columns.%d", field, i), c.Title, 300)
		}
	rows:
		for i, row := range t.Rows {
			if len(row) != len(t.Columns) {
				v.Add(fmt.Sprintf("%s.rows.%d", field, i), "validation.range", "min", len(t.Columns), "max", len(t.Columns))
				break
			}
			for j, c := range row {
				if len([]rune(c.Text)) > maxCellLen {
					v.MaxLen(fmt.Sprintf("%s.rows.%d.%d", field, i, j), c.Text, maxCellLen)
					break rows
				}
			}
		}
	}
}

// cleanTables puts the text of the frozen tables in NFC without control
// characters (line breaks inside a cell stay).
func cleanTables(in map[string]pdf.Table) map[string]pdf.Table {
	if in == nil {
		return nil
	}
	out := make(map[string]pdf.Table, len(in))
	for key, t := range in {
		cols := make([]pdf.Column, len(t.Columns))
		for i, c := range t.Columns {
			c.Title = vntext.Clean(c.Title)
			cols[i] = c
		}
		rows := make([][]pdf.Cell, len(t.Rows))
		for i, r := range t.Rows {
			cells := make([]pdf.Cell, len(r))
			for j, c := range r {
				c.Text = vntext.CleanText(c.Text)
				cells[j] = c
			}
			rows[i] = cells
		}
		t.Columns, t.Rows = cols, rows
		out[vntext.Clean(key)] = t
	}
	return out
}

func (d *Document) validate() *fault.Validation {
	var v fault.Validation
	v.Required("typeCode", d.TypeCode)
	v.Text("summary", d.Summary, true, maxSummary)
	if d.DraftUnit != "" && !validSymbolPart(d.DraftUnit) {
		v.Add("draftUnit", "validation.abbrev")
	}
	v.MaxLen("draftUnit", d.DraftUnit, 30)
	checkLines(&v, "kinhGui", d.KinhGui)
	checkLines(&v, "recipients", d.Recipients)
	checkParts(&v, d.Sections, d.Appendices, func(v *fault.Validation, field, s string) {
		checkMarkupWith(v, field, s, d.DataTables)
	})
	checkTables(&v, d.DataTables)
	for i, a := range d.Appendices {
		v.Text(fmt.Sprintf("appendices.%d.title", i), a.Title, false, 300)
	}
	v.OneOf("signForm", d.SignForm, SignForms...)
	v.MaxLen("headTitle", d.HeadTitle, maxSignField)
	v.MaxLen("signerTitle", d.SignerTitle, maxSignField)
	v.MaxLen("signerName", d.SignerName, maxSignField)
	if l := d.LeftSigner; l != nil {
		if len(l.Authority) > 4 {
			v.Add("leftSigner.authority", "validation.range", "min", 0, "max", 4)
		}
		for i, a := range l.Authority {
			v.MaxLen(fmt.Sprintf("leftSigner.authority.%d", i), a, maxSignField)
		}
		v.MaxLen("leftSigner.note", l.Note, maxSignField)
		v.MaxLen("leftSigner.name", l.Name, maxSignField)
	}
	if d.Year < 1900 || d.Year > 2100 {
		v.Add("year", "validation.range", "min", 1900, "max", 2100)
	}
	v.Date("asOf", d.AsOf, false)
	v.MaxLen("note", d.Note, 5000)
	return &v
}

// searchKeyOf is what the register's search matches.
func (d *Document) searchKeyOf() string {
	k := store.SearchKey(d.Summary, NumberText(d.Number, d.Symbol), d.Symbol, d.SignerName, d.Note)
	if r := []rune(k); len(r) > 600 {
		k = string(r[:600])
	}
	return k
}

// decorate fills the names the list and the editor show.
func decorate(docs []Document, types map[string]Type, issuers map[string]Issuer) {
	for i := range docs {
		d := &docs[i]
		d.TypeName = types[d.TypeCode].Name
		if is, ok := issuers[d.IssuerKey]; ok {
			d.IssuerName = is.Name
		}
		d.NumberText = NumberText(d.Number, d.Symbol)
		emptyLists(d)
	}
}

func emptyLists(d *Document) {
	if d.KinhGui == nil {
		d.KinhGui = []string{}
	}
	if d.Recipients == nil {
		d.Recipients = []string{}
	}
	if d.Sections == nil {
		d.Sections = []Section{}
	}
	if d.Appendices == nil {
		d.Appendices = []Appendix{}
	}
}

// lookups loads the agency's types and issuers by key, for decorate.
func lookups(tx *gorm.DB, agencyID string) (map[string]Type, map[string]Issuer, error) {
	// Deleted types still name the documents issued under them.
	var types []Type
	if err := tx.Unscoped().Where("agency_id = ?", agencyID).Find(&types).Error; err != nil {
		return nil, nil, fmt.Errorf("document types: %w", err)
	}
	tm := map[string]Type{}
	for _, t := range types {
		if old, ok := tm[t.Code]; !ok || old.DeletedAt.Valid {
			tm[t.Code] = t
		}
	}
	a, err := loadAgency(tx, agencyID)
	if err != nil {
		return nil, nil, err
	}
	im := map[string]Issuer{IssuerAgency: agencyIssuer(a)}
	var units []org.Unit
	if err := tx.Unscoped().Where("agency_id = ? AND kind = ?", agencyID, org.KindHoiDong).Find(&units).Error; err != nil {
		return nil, nil, fmt.Errorf("councils: %w", err)
	}
	for _, u := range units {
		im[u.ID] = councilIssuer(a, u)
	}
	return tm, im, nil
}

var docSort = map[string]string{
	"date": "date", "number": "number", "summary": "search_key", "status": "status",
	"year": "year", "typeCode": "type_code", "updatedAt": "updated_at", "createdAt": "created_at", "deletedAt": "deleted_at",
}

// List returns one page of the register.
func (s *Service) List(ctx context.Context, agencyID string, q Query) (Page, error) {
	if q.SortBy == "" {
		q.SortBy, q.Desc = "updatedAt", true
	}
	db := s.db.WithContext(ctx)
	tx := q.Scope(db.Model(&Document{}), docSort, "updated_at").Where("agency_id = ?", agencyID)
	if q.Status != "" {
		tx = tx.Where("status = ?", q.Status)
	}
	if q.TypeCode != "" {
		tx = tx.Where("type_code = ?", q.TypeCode)
	}
	if q.IssuerKey != "" {
		tx = tx.Where("issuer_key = ?", q.IssuerKey)
	}
	if q.Year != 0 {
		tx = tx.Where("year = ?", q.Year)
	}
	// The list does not need the frozen content nor the frozen tables
	// (a save with no tables keeps them).
	tx = tx.Omit("final", "data_tables")
	var page Page
	var err error
	page.Items, page.Total, page.Page, page.PageSize, err = store.FindPage[Document](tx, q.ListQuery)
	if err != nil {
		return page, fmt.Errorf("list documents: %w", err)
	}
	types, issuers, err := lookups(db, agencyID)
	if err != nil {
		return page, err
	}
	decorate(page.Items, types, issuers)
	return page, nil
}

func getTx(tx *gorm.DB, agencyID, id string) (Document, error) {
	var d Document
	err := store.Get(tx.Where("agency_id = ?", agencyID), &d, "document", id)
	return d, err
}

// Get returns one live document with its names.
func (s *Service) Get(ctx context.Context, agencyID, id string) (Document, error) {
	db := s.db.WithContext(ctx)
	d, err := getTx(db, agencyID, id)
	if err != nil {
		return d, err
	}
	types, issuers, err := lookups(db, agencyID)
	if err != nil {
		return d, err
	}
	one := []Document{d}
	decorate(one, types, issuers)
	return one[0], nil
}

// prepare normalises and validates a draft against the agency's types
// and issuers and computes its symbol.
func prepare(tx *gorm.DB, agencyID string, d *Document) error {
	if d.DataTables == nil && d.ID != "" {
		// Content without its tables (the register's list leaves them
		// out): the stored ones apply.
		var old Document
		if err := tx.Select("id", "data_tables").Where("id = ? AND agency_id = ?", d.ID, agencyID).Limit(1).Find(&old).Error; err != nil {
			return fmt.Errorf("document tables: %w", err)
		}
		d.DataTables = old.DataTables
	}
	d.normalise()
	d.AgencyID = agencyID
	v := d.validate()
	if !v.Has("typeCode") {
		t, err := typeByCode(tx, agencyID, d.TypeCode)
		if err != nil {
			if _, ok := fault.As(err); !ok {
				return err
			}
			v.Add("typeCode", "validation.document.unknownType")
		} else {
			a, err := loadAgency(tx, agencyID)
			if err != nil {
				return err
			}
			is, err := issuerOf(tx, a, d.IssuerKey)
			if err != nil {
				if _, ok := fault.As(err); !ok {
					return err
				}
				v.Add("issuerKey", "validation.document.unknownIssuer")
			} else {
				d.Symbol = Symbol(t, is.Abbrev, d.DraftUnit)
			}
		}
	}
	if d.CampaignID != nil {
		var n int64
		if err := tx.Table("campaigns").Where("id = ? AND agency_id = ? AND deleted_at IS NULL", *d.CampaignID, agencyID).Count(&n).Error; err != nil {
			return fmt.Errorf("find campaign: %w", err)
		}
		if n == 0 {
			v.Add("campaignId", "validation.document.campaignMissing")
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	d.SearchKey = d.searchKeyOf()
	emptyLists(d)
	return nil
}

// Save creates a draft (empty id) or updates one; issued and revoked
// documents are frozen.
func (s *Service) Save(ctx context.Context, agencyID string, d Document) (Document, error) {
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return saveTx(tx, agencyID, &d)
	})
	if err != nil {
		return d, err
	}
	return s.Get(ctx, agencyID, d.ID)
}

func saveTx(tx *gorm.DB, agencyID string, d *Document) error {
	if err := prepare(tx, agencyID, d); err != nil {
		return err
	}
	if d.ID == "" {
		d.Status, d.Number, d.Series, d.Date = StatusDraft, 0, "", ""
		d.ReservationID, d.IssuedAt, d.Final = nil, nil, ""
		d.PDFAttachmentID, d.PDFSHA256, d.PDFPages = nil, "", 0
		d.SignedAttachmentID, d.SignedFileName, d.RevokeReason, d.RevokedAt = nil, "", "", nil
		if err := tx.Create(d).Error; err != nil {
			return fmt.Errorf("create document: %w", err)
		}
		return nil
	}
	old, err := getTx(tx, agencyID, d.ID)
	if err != nil {
		return err
	}
	if old.Status != StatusDraft {
		return fault.New(fault.ErrRefused, "errors.document.notDraft")
	}
	d.Status = StatusDraft
	return store.UpdateVersioned(tx, d, "document", "type_code", "issuer_key", "year", "symbol", "summary", "draft_unit",
		"kinh_gui", "recipients", "sections", "appendices", "sign_form", "head_title", "signer_title", "signer_name",
		"left_signer", "template_code", "campaign_id", "as_of", "data_tables", "note", "search_key")
}

// Delete soft-deletes a draft; an issued document stays in the register
// (it may be revoked instead).
func (s *Service) Delete(ctx context.Context, agencyID, id string) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		d, err := getTx(tx, agencyID, id)
		if err != nil {
			return err
		}
		if d.Status != StatusDraft {
			return fault.New(fault.ErrRefused, "errors.document.notDraft")
		}
		return store.SoftDelete(tx, &Document{}, "document", id)
	})
}

// cleanSigner cleans a left signer; one with nothing in it is none.
func cleanSigner(l *pdf.Signer) *pdf.Signer {
	if l == nil {
		return nil
	}
	out := pdf.Signer{Note: vntext.Clean(l.Note), Name: vntext.Clean(l.Name), Authority: []string{}}
	for _, a := range l.Authority {
		if a = strings.ToUpper(vntext.Clean(a)); a != "" {
			out.Authority = append(out.Authority, a)
		}
	}
	if len(out.Authority) == 0 && out.Name == "" && out.Note == "" {
		return nil
	}
	return &out
}

// hasLeftSigner: the document prints a second signer instead of Nơi nhận.
func hasLeftSigner(d Document) bool {
	return d.LeftSigner != nil && (len(d.LeftSigner.Authority) > 0 || d.LeftSigner.Name != "")
}
