package app

import (
	"os"
	"path/filepath"
	"strings"

	wruntime "github.com/wailsapp/wails/v2/pkg/runtime"

	"chungsuc/internal/document"
	"chungsuc/internal/fault"
	"chungsuc/internal/fileout"
	"chungsuc/internal/pdf"
	"chungsuc/internal/store"
)

// Documents is the facade for the "Văn bản" screen: the register of
// official documents, their types and number series, templates, preview,
// issue, reservations, the signed copy and revocation.
type Documents struct{ core *Core }

// NewDocuments binds the documents facade.
func NewDocuments(c *Core) *Documents { return &Documents{core: c} }

// run resolves the agency and calls fn with the document service.
func (f *Documents) run(op string, fn func(svc *document.Service, agencyID string) error) error {
	return f.core.fail(op, f.core.with(func(db *store.DB) error {
		id, err := agencyID(ctxOf(f.core), db)
		if err != nil {
			return err
		}
		return fn(document.NewService(db, f.core.dataDir), id)
	}))
}

// Types lists the agency's document types with their series.
func (f *Documents) Types() ([]document.Type, error) {
	var out []document.Type
	err := f.run("document.types", func(svc *document.Service, aid string) (err error) {
		out, err = svc.Types(ctxOf(f.core), aid)
		return err
	})
	return out, err
}

// SaveType creates (empty id) or updates a document type (its series).
func (f *Documents) SaveType(t document.Type) (document.Type, error) {
	err := f.run("document.saveType", func(svc *document.Service, aid string) (err error) {
		t, err = svc.SaveType(ctxOf(f.core), aid, t)
		return err
	})
	return t, err
}

// Issuers lists the agency and its councils.
func (f *Documents) Issuers() ([]document.Issuer, error) {
	var out []document.Issuer
	err := f.run("document.issuers", func(svc *document.Service, aid string) (err error) {
		out, err = svc.Issuers(ctxOf(f.core), aid)
		return err
	})
	return out, err
}

// Signers lists the head and the deputies with the forms they sign with.
func (f *Documents) Signers() ([]document.Signer, error) {
	var out []document.Signer
	err := f.run("document.signers", func(svc *document.Service, aid string) (err error) {
		out, err = svc.Signers(ctxOf(f.core), aid)
		return err
	})
	return out, err
}

// List returns one page of the register.
func (f *Documents) List(q document.Query) (document.Page, error) {
	var page document.Page
	err := f.run("document.list", func(svc *document.Service, aid string) (err error) {
		page, err = svc.List(ctxOf(f.core), aid, q)
		return err
	})
	return page, err
}

// Get returns one document.
func (f *Documents) Get(id string) (document.Document, error) {
	var d document.Document
	err := f.run("document.get", func(svc *document.Service, aid string) (err error) {
		d, err = svc.Get(ctxOf(f.core), aid, id)
		return err
	})
	return d, err
}

// Save creates (empty id) or updates a draft.
func (f *Documents) Save(d document.Document) (document.Document, error) {
	err := f.run("document.save", func(svc *document.Service, aid string) (err error) {
		d, err = svc.Save(ctxOf(f.core), aid, d)
		return err
	})
	return d, err
}

// Delete soft-deletes a draft (issued documents stay in the register).
func (f *Documents) Delete(id string) error {
	return f.run("document.delete", func(svc *document.Service, aid string) error {
		return svc.Delete(ctxOf(f.core), aid, id)
	})
}

// Generate creates and saves a new draft from a template and the current data.
func (f *Documents) Generate(templateCode string) (document.Document, error) {
	var d document.Document
	err := f.run("document.generate", func(svc *document.Service, aid string) (err error) {
		d, err = svc.Generate(ctxOf(f.core), aid, templateCode)
		return err
	})
	return d, err
}

// Check runs the validator of the decree's strings on the content as given.
func (f *Documents) Check(d document.Document) ([]pdf.Problem, error) {
	var out []pdf.Problem
	err := f.run("document.check", func(svc *document.Service, aid string) (err error) {
		out, err = svc.Check(ctxOf(f.core), aid, d)
		return err
	})
	return out, err
}

// Preview renders a saved document (the archived PDF once issued).
func (f *Documents) Preview(id string) (document.Preview, error) {
	var p document.Preview
	err := f.run("document.preview", func(svc *document.Service, aid string) (err error) {
		p, err = svc.Preview(ctxOf(f.core), aid, id)
		return err
	})
	return p, err
}

// PreviewDraft renders the editor's unsaved content.
func (f *Documents) PreviewDraft(d document.Document) (document.Preview, error) {
	var p document.Preview
	err := f.run("document.previewDraft", func(svc *document.Service, aid string) (err error) {
		p, err = svc.PreviewDraft(ctxOf(f.core), aid, d)
		return err
	})
	return p, err
}

// Issue assigns the number and the date, freezes the content and archives
// the PDF, in one transaction.
func (f *Documents) Issue(req document.IssueRequest) (document.Document, error) {
	var d document.Document
	err := f.run("document.issue", func(svc *document.Service, aid string) (err error) {
		d, err = svc.Issue(ctxOf(f.core), aid, req)
		return err
	})
	return d, err
}

// Reserve takes the next number of a series ahead of issuing.
func (f *Documents) Reserve(req document.ReserveRequest) (document.Reservation, error) {
	var r document.Reservation
	err := f.run("document.reserve", func(svc *document.Service, aid string) (err error) {
		r, err = svc.Reserve(ctxOf(f.core), aid, req)
		return err
	})
	return r, err
}

// Reservations lists the number register of a type's series in a year
// ("" = every type, 0 = every year), newest first.
func (f *Documents) Reservations(typeCode string, year int) ([]document.Reservation, error) {
	var out []document.Reservation
	err := f.run("document.reservations", func(svc *document.Service, aid string) (err error) {
		out, err = svc.Reservations(ctxOf(f.core), aid, typeCode, year)
		return err
	})
	return out, err
}

// CancelReservation releases a reserved number (it is not reused).
func (f *Documents) CancelReservation(id, reason string) (document.Reservation, error) {
	var r document.Reservation
	err := f.run("document.cancelReservation", func(svc *document.Service, aid string) (err error) {
		r, err = svc.CancelReservation(ctxOf(f.core), aid, id, reason)
		return err
	})
	return r, err
}

// AttachSigned asks for the signed copy (PDF, PNG or JPG) with the native
// dialog and attaches it; cancelling returns the document unchanged.
func (f *Documents) AttachSigned(id string) (document.Document, error) {
	p, err := f.core.openFileDialog(wruntime.OpenDialogOptions{
		Title:   f.core.t("dialog.pickSignedCopy"),
		Filters: []wruntime.FileFilter{{DisplayName: f.core.t("dialog.signedCopyFilter"), Pattern: "*.pdf;*.png;*.jpg;*.jpeg"}},
	})
	if err != nil {
		return document.Document{}, f.core.fail("document.attachSigned", err)
	}
	if p == "" {
		return f.Get(id)
	}
	return f.attachSignedFile(id, p)
}

// attachSignedFile attaches the signed copy at path without a dialog.
func (f *Documents) attachSignedFile(id, path string) (document.Document, error) {
	var d document.Document
	err := f.run("document.attachSigned", func(svc *document.Service, aid string) (err error) {
		d, err = svc.AttachSigned(ctxOf(f.core), aid, id, path)
		return err
	})
	return d, err
}

// OpenSigned opens the signed copy with the system's viewer.
func (f *Documents) OpenSigned(id string) error {
	return f.run("document.openSigned", func(svc *document.Service, aid string) error {
		p, err := svc.SignedPath(ctxOf(f.core), aid, id)
		if err != nil {
			return err
		}
		return openWithOS(p)
	})
}

// Revoke withdraws an issued document (thu hồi); its number is not reused.
func (f *Documents) Revoke(id, reason string) (document.Document, error) {
	var d document.Document
	err := f.run("document.revoke", func(svc *document.Service, aid string) (err error) {
		d, err = svc.Revoke(ctxOf(f.core), aid, id, reason)
		return err
	})
	return d, err
}

// pdfOf returns the PDF of a document (the archived copy once issued) and
// the file name to propose.
func (f *Documents) pdfOf(op, id string) ([]byte, string, error) {
	var (
		b    []byte
		name string
	)
	err := f.run(op, func(svc *document.Service, aid string) (err error) {
		b, name, err = svc.PDF(ctxOf(f.core), aid, id)
		return err
	})
	return b, name, err
}

// SavePDF asks where to save the PDF with the native dialog, writes it and
// returns the path; "" means the user cancelled.
func (f *Documents) SavePDF(id string) (string, error) {
	b, name, err := f.pdfOf("document.savePDF", id)
	if err != nil {
		return "", err
	}
	p, err := f.core.saveFileDialog(wruntime.SaveDialogOptions{
		Title:           f.core.t("dialog.savePDF"),
		DefaultFilename: name,
		Filters:         []wruntime.FileFilter{{DisplayName: f.core.t("dialog.pdfFilter"), Pattern: "*.pdf"}},
	})
	if err != nil || p == "" {
		return "", f.core.fail("document.savePDF", err)
	}
	if !strings.EqualFold(filepath.Ext(p), ".pdf") {
		p += ".pdf"
	}
	if err := fileout.WriteBytes(p, b); err != nil {
		return "", f.core.fail("document.savePDF", fault.Wrap(err, fault.ErrRefused, "errors.document.writePDF", "path", p))
	}
	f.core.log.Info("document pdf saved", "id", id, "path", p)
	return p, nil
}

// OpenPDF writes the PDF into the data folder's temp folder and opens it
// with the system's PDF viewer (to print). Wails' BrowserOpenURL refuses
// files, so the operating system is asked directly.
func (f *Documents) OpenPDF(id string) error {
	p, err := f.writePDFTemp(id)
	if err != nil {
		return err
	}
	return f.core.fail("document.openPDF", openWithOS(p))
}

// writePDFTemp writes the PDF under <data folder>/tmp and returns its path.
func (f *Documents) writePDFTemp(id string) (string, error) {
	b, name, err := f.pdfOf("document.openPDF", id)
	if err != nil {
		return "", err
	}
	dir := filepath.Join(f.core.dataDir, "tmp")
	p := filepath.Join(dir, name)
	err = os.MkdirAll(dir, 0o755)
	if err == nil {
		err = fileout.WriteBytes(p, b)
	}
	if err != nil {
		return "", f.core.fail("document.openPDF", fault.Wrap(err, fault.ErrRefused, "errors.document.writePDF", "path", p))
	}
	return p, nil
}

// Templates lists the agency's templates with the placeholders they may use.
func (f *Documents) Templates() ([]document.Template, error) {
	var out []document.Template
	err := f.run("document.templates", func(svc *document.Service, aid string) (err error) {
		out, err = svc.Templates(ctxOf(f.core), aid)
		return err
	})
	return out, err
}

// SaveTemplate creates (empty id) or updates a template.
func (f *Documents) SaveTemplate(t document.Template) (document.Template, error) {
	err := f.run("document.saveTemplate", func(svc *document.Service, aid string) (err error) {
		t, err = svc.SaveTemplate(ctxOf(f.core), aid, t)
		return err
	})
	return t, err
}

// ResetTemplate puts a built-in template back to the program's text.
func (f *Documents) ResetTemplate(code string) (document.Template, error) {
	var t document.Template
	err := f.run("document.resetTemplate", func(svc *document.Service, aid string) (err error) {
		t, err = svc.ResetTemplate(ctxOf(f.core), aid, code)
		return err
	})
	return t, err
}

// Placeholders lists every placeholder the generator fills, each with its
// value in the current data as the example.
func (f *Documents) Placeholders() ([]document.Placeholder, error) {
	var out []document.Placeholder
	err := f.run("document.placeholders", func(svc *document.Service, aid string) (err error) {
		out, err = svc.Placeholders(ctxOf(f.core), aid)
		return err
	})
	return out, err
}

// Settings returns the agency's wording used by the templates.
func (f *Documents) Settings() (document.Settings, error) {
	var s document.Settings
	err := f.run("document.settings", func(svc *document.Service, aid string) (err error) {
		s, err = svc.Settings(ctxOf(f.core), aid)
		return err
	})
	return s, err
}

// SaveSettings saves the agency's wording used by the templates.
func (f *Documents) SaveSettings(s document.Settings) (document.Settings, error) {
	err := f.run("document.saveSettings", func(svc *document.Service, aid string) (err error) {
		s, err = svc.SaveSettings(ctxOf(f.core), aid, s)
		return err
	})
	return s, err
}
