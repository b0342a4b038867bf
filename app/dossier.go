package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"

	wruntime "github.com/wailsapp/wails/v2/pkg/runtime"

	"chungsuc/internal/award"
	"chungsuc/internal/document"
	"chungsuc/internal/dossier"
	"chungsuc/internal/fault"
	"chungsuc/internal/fileout"
	"chungsuc/internal/pdf"
	"chungsuc/internal/store"
)

// Dossiers is the facade for the printed award forms on the "Khen thưởng"
// screen: drafting the Tờ trình and the Biên bản of a proposal into the
// document register, the báo cáo thành tích of a nominee, the combined
// dossier PDF, batch printing of the reports (with progress and cancel),
// the Excel list, and Giấy khen on pre-printed blanks with their layouts,
// printer offsets and calibration page.
type Dossiers struct {
	core *Core
	mu   sync.Mutex
	// running are the cancel functions of the long tasks under way.
	running map[int]context.CancelFunc
	next    int
}

// NewDossiers binds the dossier facade.
func NewDossiers(c *Core) *Dossiers { return &Dossiers{core: c, running: map[int]context.CancelFunc{}} }

// run resolves the agency and calls fn with the dossier service.
func (f *Dossiers) run(op string, fn func(svc *dossier.Service, agencyID string) error) error {
	return f.core.fail(op, f.core.with(func(db *store.DB) error {
		id, err := agencyID(ctxOf(f.core), db)
		if err != nil {
			return err
		}
		return fn(dossier.NewService(db.DB, f.core.dataDir), id)
	}))
}

// task starts a cancellable long task; done must be called at its end.
func (f *Dossiers) task() (context.Context, func()) {
	ctx, cancel := context.WithCancel(ctxOf(f.core))
	f.mu.Lock()
	id := f.next
	f.next++
	f.running[id] = cancel
	f.mu.Unlock()
	return ctx, func() {
		f.mu.Lock()
		delete(f.running, id)
		f.mu.Unlock()
		cancel()
	}
}

// CancelBatch stops the dossier tasks under way (the dossier being
// rendered, the batch of reports): they end with errors.cancelled and
// write nothing.
func (f *Dossiers) CancelBatch() {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, c := range f.running {
		c()
	}
}

// emitProgress sends "progress" {task: "dossier", step, steps}; without a
// window (tests, CLI) it does nothing.
func (f *Dossiers) emitProgress(step, steps int) {
	ctx := f.core.WindowContext()
	if ctx == nil {
		return
	}
	wruntime.EventsEmit(ctx, "progress", ProgressEvent{Task: "dossier", Step: step, Steps: steps})
}

// ReportForms describes the báo cáo thành tích forms: headings, signers,
// source (the section structure is UNCONFIRMED).
func (f *Dossiers) ReportForms() []dossier.ReportForm { return dossier.ReportForms() }

// DraftToTrinh creates or refreshes (while it is a draft) the proposal's
// Tờ trình with its Danh sách in the document register.
func (f *Dossiers) DraftToTrinh(proposalID string) (document.Document, error) {
	var d document.Document
	err := f.run("dossier.draftToTrinh", func(svc *dossier.Service, aid string) (err error) {
		d, err = svc.DraftToTrinh(ctxOf(f.core), aid, proposalID)
		return err
	})
	return d, err
}

// DraftBienBan creates or refreshes (while it is a draft) the Biên bản of
// the council's meeting in the document register.
func (f *Dossiers) DraftBienBan(proposalID string) (document.Document, error) {
	var d document.Document
	err := f.run("dossier.draftBienBan", func(svc *dossier.Service, aid string) (err error) {
		d, err = svc.DraftBienBan(ctxOf(f.core), aid, proposalID)
		return err
	})
	return d, err
}

// DraftReport drafts a nominee's báo cáo thành tích from the data (not
// saved: the award screen saves the sections it keeps).
func (f *Dossiers) DraftReport(nomineeID string) ([]award.ReportSection, error) {
	var out []award.ReportSection
	err := f.run("dossier.draftReport", func(svc *dossier.Service, aid string) (err error) {
		out, err = svc.DraftReport(ctxOf(f.core), aid, nomineeID)
		return err
	})
	return out, err
}

// PreviewReport renders one nominee's báo cáo thành tích.
func (f *Dossiers) PreviewReport(nomineeID string) (dossier.Result, error) {
	var out dossier.Result
	err := f.run("dossier.previewReport", func(svc *dossier.Service, aid string) (err error) {
		out, err = svc.ReportPDF(ctxOf(f.core), aid, nomineeID)
		return err
	})
	return out, err
}

// Preview renders the combined dossier, emitting "progress" {task:
// "dossier"}; CancelBatch stops it.
func (f *Dossiers) Preview(proposalID string) (dossier.Result, error) {
	ctx, done := f.task()
	defer done()
	var out dossier.Result
	err := f.run("dossier.preview", func(svc *dossier.Service, aid string) (err error) {
		out, err = svc.Dossier(ctx, aid, proposalID, f.emitProgress)
		return err
	})
	return out, err
}

// fileName is the proposal's name as a file name.
func (f *Dossiers) fileName(op, prefix, proposalID, ext string) (string, error) {
	var name string
	err := f.run(op, func(svc *dossier.Service, aid string) (err error) {
		name, err = svc.ExportName(ctxOf(f.core), aid, proposalID)
		return err
	})
	name = strings.TrimSuffix(strings.TrimPrefix(name, "danh-sach-de-nghi-"), ".xlsx")
	return prefix + name + ext, err
}

func withExt(p, ext string) string {
	if !strings.EqualFold(filepath.Ext(p), ext) {
		p += ext
	}
	return p
}

// SavePDF asks where to save the combined dossier, renders it (with
// progress; CancelBatch stops it) and writes it; "" means the user
// cancelled the dialog.
func (f *Dossiers) SavePDF(proposalID string) (string, error) {
	name, err := f.fileName("dossier.savePDF", "ho-so-khen-thuong-", proposalID, ".pdf")
	if err != nil {
		return "", err
	}
	p, err := f.core.saveFileDialog(wruntime.SaveDialogOptions{
		Title:           f.core.t("dossier.dialog.savePDF"),
		DefaultFilename: name,
		Filters:         []wruntime.FileFilter{{DisplayName: f.core.t("dialog.pdfFilter"), Pattern: "*.pdf"}},
	})
	if err != nil || p == "" {
		return "", f.core.fail("dossier.savePDF", err)
	}
	p = withExt(p, ".pdf")
	res, err := f.Preview(proposalID)
	if err != nil {
		return "", err
	}
	if err := fileout.WriteBytes(p, res.PDF); err != nil {
		return "", f.core.fail("dossier.savePDF", fault.Wrap(err, fault.ErrRefused, "errors.document.writePDF", "path", p))
	}
	f.core.log.Info("dossier pdf saved", "proposal", proposalID, "path", p, "pages", res.Pages)
	return p, nil
}

// openFolderDialog asks for a folder; "" means the user cancelled.
func (c *Core) openFolderDialog(opts wruntime.OpenDialogOptions) (string, error) {
	if p, ok := scriptedAnswer(); ok {
		return p, nil
	}
	ctx := c.WindowContext()
	if ctx == nil {
		return "", fault.New(fault.ErrRefused, "errors.noWindow")
	}
	return wruntime.OpenDirectoryDialog(ctx, opts)
}

// StartBatch prints the báo cáo thành tích of every nominee of a proposal:
// combined into one PDF (a save dialog), or one PDF per nominee into a
// folder (a folder dialog). It returns when done, emitting "progress"
// {task: "dossier", step, steps}; CancelBatch stops it before anything is
// written. An empty result (no files) means the user cancelled the dialog.
func (f *Dossiers) StartBatch(proposalID string, combined bool) (dossier.BatchResult, error) {
	var (
		p   string
		err error
	)
	if combined {
		name, nerr := f.fileName("dossier.batch", "bao-cao-thanh-tich-", proposalID, ".pdf")
		if nerr != nil {
			return dossier.BatchResult{}, nerr
		}
		p, err = f.core.saveFileDialog(wruntime.SaveDialogOptions{
			Title:           f.core.t("dossier.dialog.saveReports"),
			DefaultFilename: name,
			Filters:         []wruntime.FileFilter{{DisplayName: f.core.t("dialog.pdfFilter"), Pattern: "*.pdf"}},
		})
		p = withExt(p, ".pdf")
	} else {
		p, err = f.core.openFolderDialog(wruntime.OpenDialogOptions{Title: f.core.t("dossier.dialog.reportsFolder"), CanCreateDirectories: true})
	}
	if err != nil || strings.TrimSuffix(p, ".pdf") == "" {
		return dossier.BatchResult{Files: []string{}}, f.core.fail("dossier.batch", err)
	}
	return f.batchTo(proposalID, p, combined)
}

// batchTo prints the reports to a chosen path without a dialog.
func (f *Dossiers) batchTo(proposalID, path string, combined bool) (dossier.BatchResult, error) {
	ctx, done := f.task()
	defer done()
	var out dossier.BatchResult
	err := f.run("dossier.batch", func(svc *dossier.Service, aid string) (err error) {
		out, err = svc.PrintReports(ctx, aid, proposalID, path, combined, f.emitProgress)
		return err
	})
	if err == nil {
		f.core.log.Info("dossier reports printed", "proposal", proposalID, "path", path, "files", len(out.Files))
	}
	return out, err
}

// ExportXLSX asks where to save the proposal list workbook and writes it;
// "" means the user cancelled.
func (f *Dossiers) ExportXLSX(proposalID string) (string, error) {
	var name string
	err := f.run("dossier.export", func(svc *dossier.Service, aid string) (err error) {
		name, err = svc.ExportName(ctxOf(f.core), aid, proposalID)
		return err
	})
	if err != nil {
		return "", err
	}
	p, err := f.core.saveFileDialog(wruntime.SaveDialogOptions{
		Title:           f.core.t("dossier.dialog.export"),
		DefaultFilename: name,
		Filters:         []wruntime.FileFilter{{DisplayName: f.core.t("dialog.xlsxFilter"), Pattern: "*.xlsx"}},
	})
	if err != nil || p == "" {
		return "", f.core.fail("dossier.export", err)
	}
	p = withExt(p, ".xlsx")
	err = f.run("dossier.export", func(svc *dossier.Service, aid string) error {
		return svc.ExportListTo(ctxOf(f.core), aid, proposalID, p)
	})
	if err != nil {
		return "", err
	}
	f.core.log.Info("dossier list exported", "proposal", proposalID, "path", p)
	return p, nil
}

// Layouts lists the certificate layouts (the built-in ones added on first use).
func (f *Dossiers) Layouts() ([]dossier.Layout, error) {
	var out []dossier.Layout
	err := f.run("dossier.layouts", func(svc *dossier.Service, aid string) (err error) {
		out, err = svc.Layouts(ctxOf(f.core), aid)
		return err
	})
	return out, err
}

// CertFields lists the field keys a layout may place, with their labels.
func (f *Dossiers) CertFields() []pdf.PlacedField {
	return append([]pdf.PlacedField(nil), dossier.CertFields...)
}

// SaveLayout creates (empty id) or updates a certificate layout.
func (f *Dossiers) SaveLayout(l dossier.Layout) (dossier.Layout, error) {
	err := f.run("dossier.saveLayout", func(svc *dossier.Service, aid string) (err error) {
		l, err = svc.SaveLayout(ctxOf(f.core), aid, l)
		return err
	})
	return l, err
}

// DeleteLayout deletes a certificate layout.
func (f *Dossiers) DeleteLayout(id string) error {
	return f.run("dossier.deleteLayout", func(svc *dossier.Service, aid string) error {
		return svc.DeleteLayout(ctxOf(f.core), aid, id)
	})
}

// ResetLayout puts a built-in layout back to the program's positions.
func (f *Dossiers) ResetLayout(code string) (dossier.Layout, error) {
	var l dossier.Layout
	err := f.run("dossier.resetLayout", func(svc *dossier.Service, aid string) (err error) {
		l, err = svc.ResetLayout(ctxOf(f.core), aid, code)
		return err
	})
	return l, err
}

// Offsets lists the printers' saved X/Y offsets.
func (f *Dossiers) Offsets() ([]award.PrinterOffset, error) {
	var out []award.PrinterOffset
	err := f.run("dossier.offsets", func(svc *dossier.Service, aid string) (err error) {
		out, err = svc.Offsets(ctxOf(f.core), aid)
		return err
	})
	return out, err
}

// SaveOffset saves a printer's offset (one per printer name).
func (f *Dossiers) SaveOffset(o award.PrinterOffset) (award.PrinterOffset, error) {
	err := f.run("dossier.saveOffset", func(svc *dossier.Service, aid string) (err error) {
		o, err = svc.SaveOffset(ctxOf(f.core), aid, o)
		return err
	})
	return o, err
}

// PreviewCertificates renders the certificates of a proposal's passed
// nominees for a layout with a printer's offset.
func (f *Dossiers) PreviewCertificates(proposalID, layoutCode, printer string) (dossier.Result, error) {
	var out dossier.Result
	err := f.run("dossier.certificates", func(svc *dossier.Service, aid string) (err error) {
		out, err = svc.PrintCertificates(ctxOf(f.core), aid, proposalID, layoutCode, printer)
		return err
	})
	return out, err
}

// PreviewCalibration renders the calibration test page of a layout's
// paper with a printer's offset.
func (f *Dossiers) PreviewCalibration(layoutCode, printer string) (dossier.Result, error) {
	var out dossier.Result
	err := f.run("dossier.calibration", func(svc *dossier.Service, aid string) (err error) {
		out, err = svc.Calibration(ctxOf(f.core), aid, layoutCode, printer)
		return err
	})
	return out, err
}

// openResult writes a rendered PDF under <data folder>/tmp and opens it
// with the system's PDF viewer (to print at 100 %).
func (f *Dossiers) openResult(op string, res dossier.Result) error {
	dir := filepath.Join(f.core.dataDir, "tmp")
	p := filepath.Join(dir, res.FileName)
	err := os.MkdirAll(dir, 0o755)
	if err == nil {
		err = fileout.WriteBytes(p, res.PDF)
	}
	if err != nil {
		return f.core.fail(op, fault.Wrap(err, fault.ErrRefused, "errors.document.writePDF", "path", p))
	}
	return f.core.fail(op, openWithOS(p))
}

// PrintCertificates opens the certificates in the system's PDF viewer to
// print them onto the blanks.
func (f *Dossiers) PrintCertificates(proposalID, layoutCode, printer string) error {
	res, err := f.PreviewCertificates(proposalID, layoutCode, printer)
	if err != nil {
		return err
	}
	return f.openResult("dossier.certificates", res)
}

// PrintCalibration opens the calibration page in the system's PDF viewer.
func (f *Dossiers) PrintCalibration(layoutCode, printer string) error {
	res, err := f.PreviewCalibration(layoutCode, printer)
	if err != nil {
		return err
	}
	return f.openResult("dossier.calibration", res)
}
