package dossier

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"gorm.io/gorm"

	"chungsuc/internal/award"
	"chungsuc/internal/document"
	"chungsuc/internal/fault"
	"chungsuc/internal/pdf"
	"chungsuc/internal/store"
	"chungsuc/internal/vntext"
)

// Layout is the field layout of one pre-printed certificate design (a
// row of award_cert_layouts with its fields decoded).
type Layout struct {
	ID      string `json:"id"`
	Version int64  `json:"version"`
	Code    string `json:"code"`
	Name    string `json:"name"`
	// FormCode is the catalogue form the design is for ("" = any).
	FormCode string `json:"formCode"`
	// PageW, PageH are the paper's size in mm (landscape when W > H).
	PageW  float64           `json:"pageW"`
	PageH  float64           `json:"pageH"`
	Fields []pdf.PlacedField `json:"fields"`
	Note   string            `json:"note"`
	// Builtin: shipped with the program (ResetLayout restores it).
	Builtin   bool `json:"builtin"`
	SortOrder int  `json:"sortOrder"`
}

// Certificate field keys (values filled per nominee).
const (
	FieldName     = "ho_ten"
	FieldPosition = "chuc_vu_don_vi"
	FieldMerit    = "thanh_tich"
	FieldDecision = "so_quyet_dinh"
	FieldDate     = "ngay"
	FieldSigner   = "nguoi_ky"
)

// CertFields lists the keys a layout's fields may use, with their labels.
var CertFields = []pdf.PlacedField{
	{Key: FieldName, Label: "Họ và tên (Ông/Bà …) hoặc tên tập thể"},
	{Key: FieldPosition, Label: "Chức vụ, đơn vị công tác"},
	{Key: FieldMerit, Label: "Thành tích (tự xuống dòng trong bề rộng)"},
	{Key: FieldDecision, Label: "Số quyết định khen thưởng"},
	{Key: FieldDate, Label: "Dòng “…, ngày … tháng … năm …”"},
	{Key: FieldSigner, Label: "Họ và tên người ký"},
}

// layoutNote says the built-in positions are a starting point.
const layoutNote = "Vị trí các trường là điểm xuất phát, không theo một mẫu phôi cụ thể: đo phôi Giấy khen thật của cơ quan và sửa X, Y, bề rộng, cỡ chữ trước khi in; " +
	"in trang căn chỉnh để đo độ lệch của từng máy in. X, Y tính bằng mm từ góc trên bên trái tờ giấy đến chân dòng chữ."

// BuiltinLayouts are the designs every agency starts with.
func BuiltinLayouts() []Layout {
	f := func(key string, x, y, w, size float64, style, align string) pdf.PlacedField {
		label := key
		for _, c := range CertFields {
			if c.Key == key {
				label = c.Label
			}
		}
		return pdf.PlacedField{Key: key, Label: label, X: x, Y: y, W: w, Size: size, Style: style, Align: align}
	}
	return []Layout{
		{Code: "giay-khen-a4-ngang", Name: "Giấy khen khổ A4 ngang", FormCode: award.FormGiayKhen, PageW: 297, PageH: 210, Builtin: true, SortOrder: 10,
			Note: layoutNote, Fields: []pdf.PlacedField{
				f(FieldName, 148.5, 100, 220, 24, "B", "C"),
				f(FieldPosition, 148.5, 112, 230, 15, "", "C"),
				f(FieldMerit, 148.5, 126, 230, 15, "I", "C"),
				f(FieldDate, 205, 152, 130, 14, "I", "C"),
				f(FieldSigner, 205, 190, 130, 15, "B", "C"),
				f(FieldDecision, 30, 192, 100, 12, "", "L"),
			}},
		{Code: "giay-khen-a4-doc", Name: "Giấy khen khổ A4 dọc", FormCode: award.FormGiayKhen, PageW: 210, PageH: 297, Builtin: true, SortOrder: 20,
			Note: layoutNote, Fields: []pdf.PlacedField{
				f(FieldName, 105, 135, 170, 22, "B", "C"),
				f(FieldPosition, 105, 147, 170, 14, "", "C"),
				f(FieldMerit, 105, 162, 170, 14, "I", "C"),
				f(FieldDate, 140, 205, 110, 13, "I", "C"),
				f(FieldSigner, 140, 250, 110, 14, "B", "C"),
				f(FieldDecision, 25, 255, 80, 12, "", "L"),
			}},
	}
}

func toRow(l Layout, agencyID string) (award.CertLayout, error) {
	b, err := json.Marshal(l.Fields)
	if err != nil {
		return award.CertLayout{}, err
	}
	r := award.CertLayout{AgencyID: agencyID, Code: l.Code, Name: l.Name, FormCode: l.FormCode, PageW: l.PageW, PageH: l.PageH,
		Fields: string(b), Note: l.Note, Builtin: l.Builtin, SortOrder: l.SortOrder}
	r.ID, r.Version = l.ID, l.Version
	return r, nil
}

func fromRow(r award.CertLayout) Layout {
	l := Layout{ID: r.ID, Version: r.Version, Code: r.Code, Name: r.Name, FormCode: r.FormCode, PageW: r.PageW, PageH: r.PageH,
		Note: r.Note, Builtin: r.Builtin, SortOrder: r.SortOrder, Fields: []pdf.PlacedField{}}
	if r.Fields != "" {
		_ = json.Unmarshal([]byte(r.Fields), &l.Fields)
	}
	return l
}

// SeedLayouts gives an agency the built-in layouts it does not have yet
// (a code it has, even deleted, is left alone).
func SeedLayouts(tx *gorm.DB, agencyID string) error {
	have, err := store.AgencyCodes(tx, &award.CertLayout{}, agencyID)
	if err != nil {
		return fmt.Errorf("certificate layouts seed: %w", err)
	}
	for _, l := range BuiltinLayouts() {
		if have[l.Code] {
			continue
		}
		r, err := toRow(l, agencyID)
		if err != nil {
			return err
		}
		if err := tx.Create(&r).Error; err != nil {
			return fmt.Errorf("certificate layouts seed: %w", err)
		}
	}
	return nil
}

// Layouts lists the agency's certificate layouts (the built-in ones are
// added on first use).
func (s *Service) Layouts(ctx context.Context, agencyID string) ([]Layout, error) {
	db := s.db.WithContext(ctx)
	if err := db.Transaction(func(tx *gorm.DB) error { return SeedLayouts(tx, agencyID) }); err != nil {
		return nil, err
	}
	var rows []award.CertLayout
	if err := db.Where("agency_id = ?", agencyID).Order("sort_order").Order("code").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("certificate layouts: %w", err)
	}
	out := make([]Layout, 0, len(rows))
	for _, r := range rows {
		out = append(out, fromRow(r))
	}
	return out, nil
}

func validCode(s string) bool {
	if s == "" || len(s) > 40 {
		return false
	}
	for _, r := range s {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '_' && r != '-' {
			return false
		}
	}
	return true
}

func (l *Layout) normalise() {
	l.Code = strings.ToLower(vntext.Clean(l.Code))
	l.Name = vntext.Clean(l.Name)
	l.FormCode = vntext.Clean(l.FormCode)
	l.Note = vntext.CleanText(l.Note)
	for i := range l.Fields {
		f := &l.Fields[i]
		f.Key = strings.ToLower(vntext.Clean(f.Key))
		f.Label = vntext.Clean(f.Label)
		f.Style = strings.ToUpper(vntext.Clean(f.Style))
		f.Align = strings.ToUpper(vntext.Clean(f.Align))
		if f.Align == "" {
			f.Align = "L"
		}
	}
	if l.Fields == nil {
		l.Fields = []pdf.PlacedField{}
	}
}

func bad(x float64) bool { return math.IsNaN(x) || math.IsInf(x, 0) }

func (l *Layout) validate() error {
	var v fault.Validation
	if v.Required("code", l.Code) && !validCode(l.Code) {
		v.Add("code", "validation.document.code")
	}
	v.Text("name", l.Name, true, 200)
	v.MaxLen("formCode", l.FormCode, 40)
	v.MaxLen("note", l.Note, 2000)
	for _, p := range []struct {
		field string
		x     float64
	}{{"pageW", l.PageW}, {"pageH", l.PageH}} {
		if bad(p.x) || p.x < 50 || p.x > 1000 {
			v.Add(p.field, "validation.range", "min", 50, "max", 1000)
		}
	}
	if len(l.Fields) == 0 || len(l.Fields) > 30 {
		v.Add("fields", "validation.range", "min", 1, "max", 30)
	}
	seen := map[string]bool{}
	for i, f := range l.Fields {
		at := fmt.Sprintf("fields.%d.", i)
		if !validCode(f.Key) {
			v.Add(at+"key", "validation.document.code")
		} else if seen[f.Key] {
			v.Add(at+"key", "errors.dossier.fieldTwice", "key", f.Key)
		}
		seen[f.Key] = true
		v.MaxLen(at+"label", f.Label, 200)
		if bad(f.X) || f.X < 0 || f.X > l.PageW {
			v.Add(at+"x", "validation.range", "min", 0, "max", l.PageW)
		}
		if bad(f.Y) || f.Y < 0 || f.Y > l.PageH {
			v.Add(at+"y", "validation.range", "min", 0, "max", l.PageH)
		}
		if bad(f.W) || f.W < 0 || f.W > l.PageW {
			v.Add(at+"w", "validation.range", "min", 0, "max", l.PageW)
		}
		if bad(f.Size) || (f.Size != 0 && (f.Size < 6 || f.Size > 72)) {
			v.Add(at+"size", "validation.range", "min", 6, "max", 72)
		}
		v.OneOf(at+"style", f.Style, "", "B", "I", "BI")
		v.OneOf(at+"align", f.Align, "L", "C", "R")
	}
	return v.Err()
}

// SaveLayout creates (empty id) or updates a layout. A built-in layout
// keeps its code.
func (s *Service) SaveLayout(ctx context.Context, agencyID string, l Layout) (Layout, error) {
	l.normalise()
	if err := l.validate(); err != nil {
		return l, err
	}
	var out award.CertLayout
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var taken int64
		q := tx.Model(&award.CertLayout{}).Where("agency_id = ? AND code = ?", agencyID, l.Code)
		if l.ID != "" {
			q = q.Where("id <> ?", l.ID)
		}
		if err := q.Count(&taken).Error; err != nil {
			return fmt.Errorf("find layout: %w", err)
		}
		if taken > 0 {
			return fault.New(fault.ErrConflict, "errors.dossier.layoutCodeTaken", "code", l.Code)
		}
		r, err := toRow(l, agencyID)
		if err != nil {
			return err
		}
		if l.ID == "" {
			r.Builtin = false
			if err := tx.Create(&r).Error; err != nil {
				return fmt.Errorf("create layout: %w", err)
			}
			out = r
			return nil
		}
		var old award.CertLayout
		if err := store.Get(tx.Where("agency_id = ?", agencyID), &old, "certLayout", l.ID); err != nil {
			return err
		}
		if old.Builtin && old.Code != r.Code {
			return fault.New(fault.ErrRefused, "errors.document.builtinCode", "code", old.Code)
		}
		r.Builtin = old.Builtin
		if err := store.UpdateVersioned(tx, &r, "certLayout", "code", "name", "form_code", "page_w", "page_h", "fields", "note", "sort_order"); err != nil {
			return err
		}
		out = r
		return nil
	})
	if err != nil {
		return l, err
	}
	return fromRow(out), nil
}

// DeleteLayout soft-deletes a layout (a built-in one is not seeded again;
// ResetLayout brings it back).
func (s *Service) DeleteLayout(ctx context.Context, agencyID, id string) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var old award.CertLayout
		if err := store.Get(tx.Where("agency_id = ?", agencyID), &old, "certLayout", id); err != nil {
			return err
		}
		return store.SoftDelete(tx, &award.CertLayout{}, "certLayout", id)
	})
}

// ResetLayout puts a built-in layout back to the program's positions
// (restoring it if it was deleted).
func (s *Service) ResetLayout(ctx context.Context, agencyID, code string) (Layout, error) {
	var b Layout
	found := false
	for _, l := range BuiltinLayouts() {
		if l.Code == code {
			b, found = l, true
		}
	}
	if !found {
		return Layout{}, fault.New(fault.ErrRefused, "errors.document.notBuiltin", "code", code)
	}
	var out award.CertLayout
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var cur award.CertLayout
		if err := tx.Unscoped().Where("agency_id = ? AND code = ?", agencyID, code).Order("deleted_at IS NULL DESC").Limit(1).Find(&cur).Error; err != nil {
			return fmt.Errorf("find layout: %w", err)
		}
		r, err := toRow(b, agencyID)
		if err != nil {
			return err
		}
		if cur.ID == "" {
			out = r
			return tx.Create(&out).Error
		}
		if err := tx.Unscoped().Model(&award.CertLayout{}).Where("id = ?", cur.ID).Updates(map[string]any{
			"deleted_at": nil, "name": r.Name, "form_code": r.FormCode, "page_w": r.PageW, "page_h": r.PageH, "fields": r.Fields,
			"note": r.Note, "builtin": true, "sort_order": r.SortOrder, "version": gorm.Expr("version + 1"),
		}).Error; err != nil {
			return fmt.Errorf("reset layout: %w", err)
		}
		return tx.Unscoped().Where("id = ?", cur.ID).Take(&out).Error
	})
	if err != nil {
		return Layout{}, err
	}
	return fromRow(out), nil
}

func (s *Service) layoutByCode(ctx context.Context, agencyID, code string) (Layout, error) {
	list, err := s.Layouts(ctx, agencyID)
	if err != nil {
		return Layout{}, err
	}
	for _, l := range list {
		if l.Code == code {
			return l, nil
		}
	}
	return Layout{}, fault.New(fault.ErrNotFound, "errors.dossier.unknownLayout", "code", code)
}

// Offsets lists the printers' saved offsets.
func (s *Service) Offsets(ctx context.Context, agencyID string) ([]award.PrinterOffset, error) {
	out := []award.PrinterOffset{}
	if err := s.db.WithContext(ctx).Where("agency_id = ?", agencyID).Order("printer").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("printer offsets: %w", err)
	}
	return out, nil
}

// maxOffset bounds a printer offset (mm).
const maxOffset = 30

// Offset returns a printer's offset (zero when none is saved).
func (s *Service) Offset(ctx context.Context, agencyID, printer string) (award.PrinterOffset, error) {
	printer = vntext.Clean(printer)
	var o award.PrinterOffset
	if err := s.db.WithContext(ctx).Where("agency_id = ? AND printer = ?", agencyID, printer).Limit(1).Find(&o).Error; err != nil {
		return o, fmt.Errorf("printer offset: %w", err)
	}
	o.Printer = printer
	return o, nil
}

// SaveOffset saves a printer's offset (one row per printer name): every
// field then moves DX mm right and DY mm down (negative: left, up).
func (s *Service) SaveOffset(ctx context.Context, agencyID string, o award.PrinterOffset) (award.PrinterOffset, error) {
	o.Printer, o.Note = vntext.Clean(o.Printer), vntext.CleanText(o.Note)
	var v fault.Validation
	v.Text("printer", o.Printer, true, 200)
	v.MaxLen("note", o.Note, 2000)
	if bad(o.DX) || math.Abs(o.DX) > maxOffset {
		v.Add("dx", "validation.range", "min", -maxOffset, "max", maxOffset)
	}
	if bad(o.DY) || math.Abs(o.DY) > maxOffset {
		v.Add("dy", "validation.range", "min", -maxOffset, "max", maxOffset)
	}
	if err := v.Err(); err != nil {
		return o, err
	}
	o.DX, o.DY = math.Round(o.DX*10)/10, math.Round(o.DY*10)/10
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var cur award.PrinterOffset
		if err := tx.Where("agency_id = ? AND printer = ?", agencyID, o.Printer).Limit(1).Find(&cur).Error; err != nil {
			return fmt.Errorf("printer offset: %w", err)
		}
		if cur.ID == "" {
			o.Base, o.AgencyID = store.Base{}, agencyID
			return tx.Create(&o).Error
		}
		cur.DX, cur.DY, cur.Note = o.DX, o.DY, o.Note
		if err := store.UpdateVersioned(tx, &cur, "printerOffset", "dx", "dy", "note"); err != nil {
			return err
		}
		o = cur
		return nil
	})
	return o, err
}

// certValues are a nominee's certificate fields.
func (b *batch) certValues(n nominee) map[string]string {
	name := n.Name
	pos := ""
	if !n.isUnit() {
		switch genderText(n.Gender) {
		case "Nam":
			name = "Ông " + name
		case "Nữ":
			name = "Bà " + name
		}
		pos = strings.Join(nonEmpty(n.Position, n.UnitName), ", ")
	}
	dec := ""
	if b.Proposal.DecisionNumber != "" {
		dec = "Quyết định số " + b.Proposal.DecisionNumber
	}
	year := b.Proposal.Year
	if len(b.Proposal.DecisionDate) == 10 {
		fmt.Sscanf(b.Proposal.DecisionDate[:4], "%d", &year)
	}
	return map[string]string{
		FieldName:     name,
		FieldPosition: pos,
		FieldMerit:    "Đã có thành tích xuất sắc trong " + campaignName(b.Campaign),
		FieldDecision: dec,
		FieldDate:     b.agency.PlaceName + ", " + document.LongDate(b.Proposal.DecisionDate, year),
		FieldSigner:   b.agency.HeadName,
	}
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// PrintCertificates prints the certificates of a proposal onto the
// pre-printed blanks of a layout: one page per nominee who passed the
// council's vote with the form the layout is for (any form when the layout
// names none), every field moved by the printer's saved offset. Print the
// PDF at 100 % (no "fit to page").
func (s *Service) PrintCertificates(ctx context.Context, agencyID, proposalID, layoutCode, printer string) (Result, error) {
	l, err := s.layoutByCode(ctx, agencyID, layoutCode)
	if err != nil {
		return Result{}, err
	}
	o, err := s.Offset(ctx, agencyID, printer)
	if err != nil {
		return Result{}, err
	}
	b, err := s.load(ctx, s.db.WithContext(ctx), agencyID, proposalID)
	if err != nil {
		return Result{}, err
	}
	var pages []pdf.PlacedPage
	var parts []PartInfo
	for _, n := range b.nominees {
		if !n.Voted || !n.Passed || (l.FormCode != "" && n.FormCode != l.FormCode) {
			continue
		}
		pages = append(pages, pdf.PlacedPage{W: l.PageW, H: l.PageH, Fields: l.Fields, Values: b.certValues(n)})
		parts = append(parts, PartInfo{Title: n.nameLine(), Page: len(pages)})
	}
	if len(pages) == 0 {
		return Result{}, fault.New(fault.ErrRefused, "errors.dossier.noCertificates", "layout", l.Name)
	}
	e, err := engine()
	if err != nil {
		return Result{}, err
	}
	out, res, err := e.RenderPlaced(pages, o.DX, o.DY, pdf.Meta{Title: l.Name + ": " + b.Proposal.Name, Author: b.agency.Name,
		CreatedAt: fmt.Sprintf("%04d-01-01T00:00:00Z", b.Proposal.Year)})
	if err != nil {
		return Result{}, fault.Wrap(err, fault.ErrRefused, "errors.document.render")
	}
	rep := res.Replaced
	if rep == nil {
		rep = []pdf.Replacement{}
	}
	return Result{PDF: out, Pages: res.Pages, Font: res.Font, Replaced: rep, Parts: parts, Missing: []string{},
		FileName: "giay-khen-" + safeName(b.Proposal.Name) + ".pdf"}, nil
}

// Calibration prints the calibration test page for a layout's paper with
// a printer's saved offset: measure the crosses on the printed sheet and
// save the difference as the printer's offset.
func (s *Service) Calibration(ctx context.Context, agencyID, layoutCode, printer string) (Result, error) {
	l, err := s.layoutByCode(ctx, agencyID, layoutCode)
	if err != nil {
		return Result{}, err
	}
	o, err := s.Offset(ctx, agencyID, printer)
	if err != nil {
		return Result{}, err
	}
	e, err := engine()
	if err != nil {
		return Result{}, err
	}
	out, res, err := e.CalibrationPage(l.PageW, l.PageH, o.DX, o.DY, pdf.Meta{Title: "Trang căn chỉnh máy in: " + l.Name})
	if err != nil {
		return Result{}, fault.Wrap(err, fault.ErrRefused, "errors.document.render")
	}
	return Result{PDF: out, Pages: res.Pages, Font: res.Font, Replaced: []pdf.Replacement{}, Parts: []PartInfo{}, Missing: []string{},
		FileName: "can-chinh-" + l.Code + ".pdf"}, nil
}
