package document

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"chungsuc/internal/attach"
	"chungsuc/internal/fault"
	"chungsuc/internal/pdf"
	"chungsuc/internal/store"
	"chungsuc/internal/vntext"
)

// Attachment owner types of the register.
const (
	ownerPDF    = "document"
	ownerSigned = "document-signed"
)

// files keeps the archived PDFs and the signed copies; its errors are
// worded for documents.
var files = attach.Files{Prefix: "errors.document."}

// engine returns the process-wide PDF engine.
func engine() (*pdf.Engine, error) {
	e, err := pdf.Default()
	if err != nil {
		return nil, fault.Wrap(err, fault.ErrRefused, "errors.document.pdfEngine")
	}
	return e, nil
}

// registerChecks are the register's own checks before issuing: guidance
// left from a template, a missing signer, no Nơi nhận.
func registerChecks(d Document) []pdf.Problem {
	var out []pdf.Problem
	for i, s := range d.Sections {
		if strings.Contains(s.Markup, guidanceOpen) && strings.Contains(s.Markup, guidanceClose) {
			out = append(out, pdf.Problem{Field: fmt.Sprintf("sections.%d", i), Key: "document.check.guidance",
				Params: map[string]any{"section": s.Title}})
		}
	}
	for i, a := range d.Appendices {
		if strings.Contains(a.Markup, guidanceOpen) && strings.Contains(a.Markup, guidanceClose) {
			out = append(out, pdf.Problem{Field: fmt.Sprintf("appendices.%d", i), Key: "document.check.guidance",
				Params: map[string]any{"section": a.Title}})
		}
	}
	if d.SignerName == "" {
		out = append(out, pdf.Problem{Field: "signerName", Key: "document.check.signerName"})
	}
	if d.SignerTitle == "" && d.HeadTitle == "" {
		out = append(out, pdf.Problem{Field: "signerTitle", Key: "document.check.signerTitle"})
	}
	if len(d.Recipients) == 0 && !hasLeftSigner(d) {
		out = append(out, pdf.Problem{Field: "recipients", Key: "document.check.recipients"})
	}
	if len(d.Sections) == 0 {
		out = append(out, pdf.Problem{Field: "sections", Key: "document.check.empty"})
	}
	return out
}

// checkTx runs every check on a draft as it would be issued: with a number
// and the date (today if none), so that the decree's string rules apply.
func checkTx(ctx context.Context, tx *gorm.DB, agencyID string, d Document, date string) ([]pdf.Problem, pdf.Doc, error) {
	if err := prepare(tx, agencyID, &d); err != nil {
		return nil, pdf.Doc{}, err
	}
	if d.Number == 0 {
		d.Number = 1
	}
	if d.Date == "" {
		d.Date = date
		d.Year, _ = yearOf(date)
	}
	doc, err := buildDocTx(ctx, tx, agencyID, d)
	if err != nil {
		return nil, doc, err
	}
	problems := append(registerChecks(d), pdf.Validate(doc)...)
	if problems == nil {
		problems = []pdf.Problem{}
	}
	return problems, doc, nil
}

func yearOf(iso string) (int, error) {
	t, err := time.Parse(fault.DateLayout, iso)
	return t.Year(), err
}

// Check runs the validator on the content as given (saved or not).
func (s *Service) Check(ctx context.Context, agencyID string, d Document) ([]pdf.Problem, error) {
	p, _, err := checkTx(ctx, s.db.WithContext(ctx), agencyID, d, todayISO())
	return p, err
}

func previewOf(b []byte, res pdf.Result, e *pdf.Engine) Preview {
	p := Preview{PDF: b, Pages: res.Pages, Font: res.Font, Replaced: res.Replaced, Problems: []pdf.Problem{}}
	if p.Replaced == nil {
		p.Replaced = []pdf.Replacement{}
	}
	if e != nil {
		fi := e.Font()
		if p.Font == "" {
			p.Font = fi.Family
		}
		p.FontSource = fi.Source
	}
	return p
}

// render builds and renders a draft (without a number) with its problems.
func (s *Service) render(ctx context.Context, agencyID string, d Document) (Preview, error) {
	tx := s.db.WithContext(ctx)
	if err := prepare(tx, agencyID, &d); err != nil {
		return Preview{}, err
	}
	doc, err := buildDocTx(ctx, tx, agencyID, d)
	if err != nil {
		return Preview{}, err
	}
	e, err := engine()
	if err != nil {
		return Preview{}, err
	}
	b, res, err := e.RenderBytes(doc)
	if err != nil {
		return Preview{}, fault.Wrap(err, fault.ErrRefused, "errors.document.render")
	}
	p := previewOf(b, res, e)
	if p.Problems, _, err = checkTx(ctx, tx, agencyID, d, todayISO()); err != nil {
		return p, err
	}
	return p, nil
}

// Preview renders a saved document: a draft as it stands, an issued or
// revoked one from its archived PDF (checked against its SHA-256).
func (s *Service) Preview(ctx context.Context, agencyID, id string) (Preview, error) {
	d, err := s.Get(ctx, agencyID, id)
	if err != nil {
		return Preview{}, err
	}
	if d.Status == StatusDraft {
		return s.render(ctx, agencyID, d)
	}
	b, err := s.archived(d)
	if err != nil {
		return Preview{}, err
	}
	return Preview{PDF: b, Pages: d.PDFPages, Font: d.PDFFont, Replaced: []pdf.Replacement{}, Problems: []pdf.Problem{}, Archived: true}, nil
}

// PreviewDraft renders the editor's unsaved content.
func (s *Service) PreviewDraft(ctx context.Context, agencyID string, d Document) (Preview, error) {
	d.Status, d.Number, d.Date = StatusDraft, 0, ""
	return s.render(ctx, agencyID, d)
}

// archived reads the archived PDF of an issued document.
func (s *Service) archived(d Document) ([]byte, error) {
	if d.PDFAttachmentID == nil {
		return nil, fault.New(fault.ErrNotFound, "errors.document.noArchive")
	}
	var a attach.Attachment
	if err := s.db.Unscoped().Where("id = ?", *d.PDFAttachmentID).Take(&a).Error; err != nil {
		return nil, fault.Wrap(err, fault.ErrNotFound, "errors.document.noArchive")
	}
	p, err := files.Resolve(s.dataDir, a.StoredPath, a.SHA256, a.FileName)
	if err != nil {
		return nil, err
	}
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, fault.Wrap(err, fault.ErrRefused, "errors.document.attachmentUnreadable", "path", p)
	}
	return b, nil
}

// FileName is the name a document's PDF is saved under: "05-KH-STNMT.pdf",
// or "du-thao-ke_hoach-<id>.pdf" for a draft.
func FileName(d Document) string {
	var name string
	if d.Number > 0 {
		name = strings.ReplaceAll(NumberText(d.Number, d.Symbol), "/", "-")
	} else {
		id := d.ID
		if len(id) > 8 {
			id = id[len(id)-8:]
		}
		name = "du-thao-" + d.TypeCode + "-" + id
	}
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < 32 {
			return '-'
		}
		return r
	}, vntext.Clean(name))
	return name + ".pdf"
}

// PDF returns the PDF of a document (the archived copy once issued) and
// the file name to save it under.
func (s *Service) PDF(ctx context.Context, agencyID, id string) ([]byte, string, error) {
	d, err := s.Get(ctx, agencyID, id)
	if err != nil {
		return nil, "", err
	}
	if d.Status == StatusDraft {
		p, err := s.render(ctx, agencyID, d)
		return p.PDF, FileName(d), err
	}
	b, err := s.archived(d)
	return b, FileName(d), err
}

// lockDocument takes the write lock on a document row for the rest of the
// transaction (a row lock on PostgreSQL, the database write lock on SQLite).
func lockDocument(tx *gorm.DB, agencyID, id string) (Document, error) {
	q := tx.Where("agency_id = ?", agencyID)
	if onPostgres(tx) {
		q = q.Clauses(clause.Locking{Strength: "UPDATE"})
	} else if err := tx.Exec("UPDATE documents SET version = version WHERE id = ? AND agency_id = ?", id, agencyID).Error; err != nil {
		return Document{}, fmt.Errorf("lock document: %w", err)
	}
	return getTx(q, agencyID, id)
}

// refuseProblems turns check findings into a refusal with one field error each.
// blocking keeps the problems that stop an issue: the validator's warnings
// (practice, not the decree, e.g. a last Nơi nhận line other than "Lưu: …")
// are shown by Check but do not refuse the document.
func blocking(problems []pdf.Problem) []pdf.Problem {
	var out []pdf.Problem
	for _, p := range problems {
		if !p.Warning {
			out = append(out, p)
		}
	}
	return out
}

// refuseProblems turns the blocking problems into a validation error, or
// returns nil when there are none.
func refuseProblems(problems []pdf.Problem) error {
	problems = blocking(problems)
	if len(problems) == 0 {
		return nil
	}
	fe := &fault.Error{Kind: fault.ErrInvalid, Key: "errors.document.checkFailed", Params: map[string]any{"count": len(problems)}}
	for _, p := range problems {
		fe.Fields = append(fe.Fields, fault.FieldError{Field: p.Field, Key: p.Key, Params: p.Params})
	}
	return fe
}

// Issue issues a draft in one transaction: the document row and the
// counter of its series are locked, the number (the next one, or a
// reservation of the same issuer, series and year) and the date are
// assigned, the final content is frozen (the pdf.Doc JSON), the PDF is
// rendered and archived with its SHA-256. A draft that fails the checks is
// refused and takes no number.
func (s *Service) Issue(ctx context.Context, agencyID string, req IssueRequest) (Document, error) {
	req.Date = vntext.Clean(req.Date)
	req.ReservationID = vntext.Clean(req.ReservationID)
	if req.Date == "" {
		req.Date = todayISO()
	}
	var v fault.Validation
	v.Date("date", req.Date, true)
	if err := v.Err(); err != nil {
		return Document{}, err
	}
	year, _ := yearOf(req.Date)
	e, err := engine()
	if err != nil {
		return Document{}, err
	}
	var d Document
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		if d, err = lockDocument(tx, agencyID, req.ID); err != nil {
			return err
		}
		if d.Status != StatusDraft {
			return fault.New(fault.ErrRefused, "errors.document.notDraft")
		}
		if req.Version != 0 && req.Version != d.Version {
			return fault.Stale("document")
		}
		if err := prepare(tx, agencyID, &d); err != nil {
			return err
		}
		t, err := typeByCode(tx, agencyID, d.TypeCode)
		if err != nil {
			return err
		}
		a, err := loadAgency(tx, agencyID)
		if err != nil {
			return err
		}
		is, err := issuerOf(tx, a, d.IssuerKey)
		if err != nil {
			return err
		}
		if !validSymbolPart(is.Abbrev) {
			return fault.New(fault.ErrRefused, "errors.document.issuerAbbrev", "name", is.Name)
		}
		d.Series, d.Year, d.Date = t.Series, year, req.Date
		if d.AsOf == "" || d.AsOf > d.Date {
			d.AsOf = d.Date
		}
		problems, _, err := checkTx(ctx, tx, agencyID, d, d.Date)
		if err != nil {
			return err
		}
		if err := refuseProblems(problems); err != nil {
			return err
		}
		var r Reservation
		if req.ReservationID != "" {
			if r, err = useReservation(tx, agencyID, req.ReservationID, is.Key, t.Series, year, d.ID); err != nil {
				return err
			}
		} else if r, err = allocate(tx, agencyID, is.Key, t.Series, year, t.Code, ReservationUsed, &d.ID, ""); err != nil {
			return err
		}
		d.Number, d.ReservationID = r.Number, &r.ID
		d.Symbol = Symbol(t, is.Abbrev, d.DraftUnit)
		d.Status = StatusIssued
		doc, err := buildDocTx(ctx, tx, agencyID, d)
		if err != nil {
			return err
		}
		if err := refuseProblems(pdf.Validate(doc)); err != nil {
			return err
		}
		final, err := json.Marshal(doc)
		if err != nil {
			return fmt.Errorf("freeze document: %w", err)
		}
		b, res, err := e.RenderBytes(doc)
		if err != nil {
			return fault.Wrap(err, fault.ErrRefused, "errors.document.render")
		}
		att, err := s.archive(tx, agencyID, d.ID, ownerPDF, FileName(d), bytes.NewReader(b))
		if err != nil {
			return err
		}
		now := time.Now().UTC()
		d.Final, d.PDFAttachmentID, d.PDFSHA256, d.PDFPages, d.PDFFont = string(final), &att.ID, att.SHA256, res.Pages, res.Font
		d.IssuedAt = &now
		d.SearchKey = d.searchKeyOf()
		return store.UpdateVersioned(tx, &d, "document", "status", "series", "year", "number", "symbol", "date", "as_of",
			"reservation_id", "issued_at", "final", "pdf_attachment_id", "pdf_sha256", "pdf_pages", "pdf_font", "search_key")
	})
	if err != nil {
		return d, err
	}
	return s.Get(ctx, agencyID, d.ID)
}

// useReservation marks a held number as used by the document, after
// checking that it belongs to the same issuer, series and year.
func useReservation(tx *gorm.DB, agencyID, id, issuerKey, series string, year int, docID string) (Reservation, error) {
	var r Reservation
	q := tx.Where("agency_id = ?", agencyID)
	if onPostgres(tx) {
		q = q.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	if err := store.Get(q, &r, "reservation", id); err != nil {
		return r, err
	}
	if r.Status != ReservationHeld {
		return r, fault.New(fault.ErrRefused, "errors.document.reservationNotHeld")
	}
	if r.IssuerKey != issuerKey || r.Series != series || r.Year != year {
		return r, fault.New(fault.ErrRefused, "errors.document.reservationMismatch", "number", r.Number, "year", r.Year)
	}
	r.Status, r.DocumentID = ReservationUsed, &docID
	return r, store.UpdateVersioned(tx, &r, "reservation", "status", "document_id")
}

// archive copies content into the data folder under its SHA-256 and
// records it as an attachment of the document.
func (s *Service) archive(tx *gorm.DB, agencyID, docID, owner, name string, content io.Reader) (attach.Attachment, error) {
	dir, err := os.MkdirTemp(filepath.Join(s.dataDir), ".issue-*")
	if err != nil {
		if err := os.MkdirAll(s.dataDir, 0o755); err != nil {
			return attach.Attachment{}, fault.Wrap(err, fault.ErrRefused, "errors.document.attachmentWrite")
		}
		if dir, err = os.MkdirTemp(s.dataDir, ".issue-*"); err != nil {
			return attach.Attachment{}, fault.Wrap(err, fault.ErrRefused, "errors.document.attachmentWrite")
		}
	}
	defer os.RemoveAll(dir)
	tmp := filepath.Join(dir, name)
	f, err := os.Create(tmp)
	if err != nil {
		return attach.Attachment{}, fault.Wrap(err, fault.ErrRefused, "errors.document.attachmentWrite")
	}
	if _, err := io.Copy(f, content); err != nil {
		f.Close()
		return attach.Attachment{}, fault.Wrap(err, fault.ErrRefused, "errors.document.attachmentWrite")
	}
	if err := f.Close(); err != nil {
		return attach.Attachment{}, fault.Wrap(err, fault.ErrRefused, "errors.document.attachmentWrite")
	}
	return s.attachFile(tx, agencyID, docID, owner, tmp)
}

func (s *Service) attachFile(tx *gorm.DB, agencyID, docID, owner, path string) (attach.Attachment, error) {
	st, err := files.Copy(s.dataDir, path)
	if err != nil {
		return attach.Attachment{}, err
	}
	a := attach.Attachment{AgencyID: agencyID, OwnerType: owner, OwnerID: docID, FileName: st.FileName,
		StoredPath: st.StoredPath, SHA256: st.SHA256, Size: st.Size, MimeType: st.MimeType}
	if err := tx.Create(&a).Error; err != nil {
		return a, fmt.Errorf("record attachment: %w", err)
	}
	return a, nil
}

// signedKinds are the accepted signed copies by their first bytes.
var signedKinds = []struct {
	ext   []string
	magic []byte
}{
	{[]string{".pdf"}, []byte("%PDF-")},
	{[]string{".png"}, []byte("\x89PNG\r\n\x1a\n")},
	{[]string{".jpg", ".jpeg"}, []byte{0xFF, 0xD8, 0xFF}},
}

// checkSigned accepts a PDF, PNG or JPEG whose content matches its name.
func checkSigned(path string) error {
	ext := strings.ToLower(filepath.Ext(path))
	f, err := os.Open(path)
	if err != nil {
		return fault.Wrap(err, fault.ErrNotFound, "errors.document.attachmentMissing", "path", path)
	}
	defer f.Close()
	head := make([]byte, 8)
	n, _ := io.ReadFull(f, head)
	for _, k := range signedKinds {
		for _, e := range k.ext {
			if e == ext && bytes.HasPrefix(head[:n], k.magic) {
				return nil
			}
		}
	}
	return fault.New(fault.ErrRefused, "errors.document.signedType", "path", path)
}

// AttachSigned attaches the signed copy (scan or signed PDF) to an issued
// document; a second one replaces the first (which stays on record).
func (s *Service) AttachSigned(ctx context.Context, agencyID, id, path string) (Document, error) {
	path = strings.TrimSpace(path)
	if path == "" {
		return Document{}, fault.New(fault.ErrNotFound, "errors.document.attachmentMissing", "path", path)
	}
	if err := checkSigned(path); err != nil {
		return Document{}, err
	}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		d, err := lockDocument(tx, agencyID, id)
		if err != nil {
			return err
		}
		if d.Status != StatusIssued {
			return fault.New(fault.ErrRefused, "errors.document.notIssued")
		}
		a, err := s.attachFile(tx, agencyID, d.ID, ownerSigned, path)
		if err != nil {
			return err
		}
		if d.SignedAttachmentID != nil {
			if err := store.SoftDelete(tx, &attach.Attachment{}, "attachment", *d.SignedAttachmentID); err != nil {
				return err
			}
		}
		d.SignedAttachmentID, d.SignedFileName = &a.ID, a.FileName
		return store.UpdateVersioned(tx, &d, "document", "signed_attachment_id", "signed_file_name")
	})
	if err != nil {
		return Document{}, err
	}
	return s.Get(ctx, agencyID, id)
}

// SignedPath returns the signed copy's path after checking its SHA-256.
func (s *Service) SignedPath(ctx context.Context, agencyID, id string) (string, error) {
	d, err := s.Get(ctx, agencyID, id)
	if err != nil {
		return "", err
	}
	if d.SignedAttachmentID == nil {
		return "", fault.New(fault.ErrNotFound, "errors.document.noSigned")
	}
	var a attach.Attachment
	if err := store.Get(s.db.WithContext(ctx).Where("agency_id = ?", agencyID), &a, "attachment", *d.SignedAttachmentID); err != nil {
		return "", err
	}
	return files.Resolve(s.dataDir, a.StoredPath, a.SHA256, a.FileName)
}

// Revoke withdraws an issued document (thu hồi) with a reason. Its number
// stays taken in the register and is never given out again.
func (s *Service) Revoke(ctx context.Context, agencyID, id, reason string) (Document, error) {
	reason = vntext.CleanText(reason)
	var v fault.Validation
	v.Text("reason", reason, true, 2000)
	if err := v.Err(); err != nil {
		return Document{}, err
	}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		d, err := lockDocument(tx, agencyID, id)
		if err != nil {
			return err
		}
		if d.Status != StatusIssued {
			return fault.New(fault.ErrRefused, "errors.document.notIssued")
		}
		now := time.Now().UTC()
		d.Status, d.RevokeReason, d.RevokedAt = StatusRevoked, reason, &now
		return store.UpdateVersioned(tx, &d, "document", "status", "revoke_reason", "revoked_at")
	})
	if err != nil {
		return Document{}, err
	}
	return s.Get(ctx, agencyID, id)
}

// FinalDoc returns the frozen content of an issued document.
func FinalDoc(d Document) (pdf.Doc, error) {
	var doc pdf.Doc
	if d.Final == "" {
		return doc, fault.New(fault.ErrNotFound, "errors.document.noArchive")
	}
	err := json.Unmarshal([]byte(d.Final), &doc)
	return doc, err
}
