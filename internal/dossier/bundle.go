package dossier

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"gorm.io/gorm"

	"chungsuc/internal/document"
	"chungsuc/internal/fault"
	"chungsuc/internal/fileout"
	"chungsuc/internal/pdf"
	"chungsuc/internal/vntext"
)

// Progress reports the steps done out of the total.
type Progress func(step, steps int)

// PartInfo is one line of a dossier's contents.
type PartInfo struct {
	Title string `json:"title"`
	// Level is 0 for a document, 1 for a report under "Báo cáo thành tích".
	Level int `json:"level"`
	// Page is the 1-based start page in the dossier.
	Page int `json:"page"`
	// Draft marks a document printed from a draft of the register (or
	// drafted in memory: not yet in the register).
	Draft bool `json:"draft"`
}

// Result is a rendered dossier or batch of reports.
type Result struct {
	// PDF travels as base64 in JSON.
	PDF      []byte            `json:"pdf" ts_type:"string"`
	Pages    int               `json:"pages"`
	Font     string            `json:"font"`
	Parts    []PartInfo        `json:"parts"`
	Replaced []pdf.Replacement `json:"replaced"`
	// Drafts: some document is a draft.
	Drafts bool `json:"drafts"`
	// Missing names what could not be drafted (the vi.json key of why).
	Missing []string `json:"missing"`
	// FileName is the name to propose when saving.
	FileName string `json:"fileName"`
}

// draftNote marks the signing space of a draft printed in a dossier.
const draftNote = "(Dự thảo)"

// registerDoc returns the printable document of a proposal's Tờ trình
// (submission) or Biên bản: the frozen content of an issued one, the
// current content of a draft (marked), or, without one in the register,
// a draft built in memory (marked, not saved).
func (s *Service) registerDoc(ctx context.Context, tx *gorm.DB, b *batch, submission bool) (pdf.Doc, string, bool, error) {
	id := b.Proposal.BienBanDocID
	kind := "Biên bản"
	if submission {
		id, kind = b.Proposal.ToTrinhDocID, "Tờ trình"
	}
	docs := document.NewServiceDB(tx, s.dataDir)
	if id != nil && *id != "" {
		d, err := docs.Get(ctx, b.agency.ID, *id)
		switch {
		case err == nil && d.Status == document.StatusIssued:
			doc, err := document.FinalDoc(d)
			if err != nil {
				return doc, "", false, err
			}
			return doc, kind + " số " + d.NumberText + " ngày " + document.ShortDate(d.Date), false, nil
		case err == nil && d.Status == document.StatusDraft:
			doc, err := docs.BuildDoc(ctx, b.agency.ID, d)
			if err != nil {
				return doc, "", true, err
			}
			markDraft(&doc)
			return doc, kind + " (dự thảo)", true, nil
		case err != nil && !errors.Is(err, fault.ErrNotFound):
			return pdf.Doc{}, "", false, err
		}
	}
	d, err := s.draftFor(ctx, tx, b, submission)
	if err != nil {
		return pdf.Doc{}, "", true, err
	}
	doc, err := docs.BuildDoc(ctx, b.agency.ID, d)
	if err != nil {
		return doc, "", true, err
	}
	markDraft(&doc)
	return doc, kind + " (dự thảo, chưa lưu vào sổ văn bản)", true, nil
}

func markDraft(d *pdf.Doc) {
	if d.Footer.SignNote == "" {
		d.Footer.SignNote = draftNote
	}
}

// reportPart is a nominee's report as a part of a bundle.
type reportPart struct {
	n   nominee
	doc pdf.Doc
}

// reports builds the reports of the included nominees, checking ctx
// between them.
func (s *Service) reports(ctx context.Context, tx *gorm.DB, b *batch, progress func()) ([]reportPart, error) {
	var out []reportPart
	for _, n := range b.included() {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		doc, err := s.reportDoc(ctx, tx, b, n)
		if err != nil {
			return nil, err
		}
		out = append(out, reportPart{n, doc})
		if progress != nil {
			progress()
		}
	}
	return out, nil
}

// contentsHeader is the header of a bundle's contents page: the agency.
func (b *batch) contentsHeader() pdf.Header {
	a := b.agency
	return pdf.Header{ParentBody: a.ParentBody, Issuer: a.Name, Place: a.PlaceName, Year: b.Proposal.Year}
}

// safeName turns a title into a file name.
func safeName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < 32 {
			return '-'
		}
		return r
	}, vntext.Clean(s))
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 80 {
		s = string(r[:80])
	}
	return strings.TrimSpace(s)
}

// Dossier renders the combined dossier of a proposal: a contents page,
// then the Tờ trình with its Danh sách, the Biên bản, and "Báo cáo thành
// tích" with one report per nominee (those voted down left out), each
// with a bookmark. Issued documents print their frozen content; drafts
// are marked. progress counts the reports built, then the parts rendered.
func (s *Service) Dossier(ctx context.Context, agencyID, proposalID string, progress Progress) (Result, error) {
	tx := s.db.WithContext(ctx)
	b, err := s.load(ctx, tx, agencyID, proposalID)
	if err != nil {
		return Result{}, err
	}
	e, err := engine()
	if err != nil {
		return Result{}, err
	}
	inc := b.included()
	steps := 2*len(inc) + 4 // reports built; parts rendered: TTr, BB, group, reports
	step := 0
	tick := func() {
		step++
		if progress != nil {
			progress(step, steps)
		}
	}
	res := Result{Missing: []string{}, Parts: []PartInfo{}}
	var parts []pdf.Part
	var infos []PartInfo
	for _, submission := range []bool{true, false} {
		doc, title, draft, err := s.registerDoc(ctx, tx, b, submission)
		if err != nil {
			if fe, ok := fault.As(err); ok && !submission && fe.Key == "errors.dossier.noCouncil" {
				res.Missing = append(res.Missing, fe.Key)
				continue
			}
			return Result{}, err
		}
		parts = append(parts, pdf.Part{Title: title, Doc: doc})
		infos = append(infos, PartInfo{Title: title, Draft: draft})
		res.Drafts = res.Drafts || draft
	}
	reps, err := s.reports(ctx, tx, b, tick)
	if err != nil {
		return Result{}, err
	}
	if len(reps) > 0 {
		group := pdf.Part{Title: "Báo cáo thành tích"}
		infos = append(infos, PartInfo{Title: group.Title})
		for _, r := range reps {
			group.Children = append(group.Children, pdf.Part{Title: r.n.nameLine(), Doc: r.doc})
			infos = append(infos, PartInfo{Title: r.n.nameLine(), Level: 1})
		}
		parts = append(parts, group)
	}
	base := step
	steps = base + len(infos)
	bundle := pdf.Bundle{Header: b.contentsHeader(), Title: "HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG", Subtitle: b.Proposal.Name, Parts: parts,
		Meta: pdf.Meta{Title: "Hồ sơ đề nghị khen thưởng: " + b.Proposal.Name, Subject: campaignName(b.Campaign), Author: b.agency.Name,
			CreatedAt: fmt.Sprintf("%04d-01-01T00:00:00Z", b.Proposal.Year)}}
	out, br, err := e.RenderBundle(ctx, bundle, func(done, total int) {
		if progress != nil {
			progress(base+done, base+total)
		}
	})
	if err != nil {
		if ctx.Err() != nil {
			return Result{}, ctx.Err()
		}
		return Result{}, fault.Wrap(err, fault.ErrRefused, "errors.document.render")
	}
	for i := range infos {
		if i < len(br.Starts) {
			infos[i].Page = br.Starts[i]
		}
	}
	res.PDF, res.Pages, res.Font, res.Parts, res.Replaced = out, br.Pages, br.Font, infos, br.Replaced
	if res.Replaced == nil {
		res.Replaced = []pdf.Replacement{}
	}
	res.FileName = "ho-so-khen-thuong-" + safeName(b.Proposal.Name) + ".pdf"
	return res, nil
}

// BatchResult is the outcome of printing every report.
type BatchResult struct {
	// Files are the paths written.
	Files []string `json:"files"`
	Pages int      `json:"pages"`
	// Reports is the number of reports printed.
	Reports int `json:"reports"`
}

// PrintReports prints the báo cáo thành tích of every nominee of a
// proposal (those voted down left out): combined, into the one file out
// (a contents page and a bookmark per report); otherwise one PDF per
// nominee into the folder out ("01 - Văn phòng Sở.pdf", a same-named file
// is replaced). The reports are rendered first (on every core) and written
// only when all are done, so a cancelled batch (ctx) writes nothing.
func (s *Service) PrintReports(ctx context.Context, agencyID, proposalID, out string, combined bool, progress Progress) (BatchResult, error) {
	tx := s.db.WithContext(ctx)
	b, err := s.load(ctx, tx, agencyID, proposalID)
	if err != nil {
		return BatchResult{}, err
	}
	e, err := engine()
	if err != nil {
		return BatchResult{}, err
	}
	if !combined {
		if fi, err := os.Stat(out); err != nil || !fi.IsDir() {
			return BatchResult{}, fault.New(fault.ErrRefused, "errors.dossier.notFolder", "path", out)
		}
	}
	n := len(b.included())
	steps, step := 2*n, 0
	var mu sync.Mutex
	// The workers of renderEach tick concurrently: progress is called
	// under the lock, one call at a time and in order.
	tick := func() {
		mu.Lock()
		defer mu.Unlock()
		step++
		if progress != nil {
			progress(step, steps)
		}
	}
	reps, err := s.reports(ctx, tx, b, tick)
	if err != nil {
		return BatchResult{}, err
	}
	if len(reps) == 0 {
		return BatchResult{}, fault.New(fault.ErrRefused, "errors.dossier.noNominees")
	}
	if combined {
		bundle := pdf.Bundle{Header: b.contentsHeader(), Title: "BÁO CÁO THÀNH TÍCH", Subtitle: b.Proposal.Name,
			Meta: pdf.Meta{Title: "Báo cáo thành tích: " + b.Proposal.Name, Author: b.agency.Name, CreatedAt: fmt.Sprintf("%04d-01-01T00:00:00Z", b.Proposal.Year)}}
		for _, r := range reps {
			bundle.Parts = append(bundle.Parts, pdf.Part{Title: r.n.nameLine(), Doc: r.doc})
		}
		pdfBytes, br, err := e.RenderBundle(ctx, bundle, func(done, total int) {
			if progress != nil {
				progress(n+done*n/max(total, 1), steps)
			}
		})
		if err != nil {
			if ctx.Err() != nil {
				return BatchResult{}, ctx.Err()
			}
			return BatchResult{}, fault.Wrap(err, fault.ErrRefused, "errors.document.render")
		}
		if err := fileout.WriteBytes(out, pdfBytes); err != nil {
			return BatchResult{}, fault.Wrap(err, fault.ErrRefused, "errors.document.writePDF", "path", out)
		}
		return BatchResult{Files: []string{out}, Pages: br.Pages, Reports: len(reps)}, nil
	}
	files, pages, err := renderEach(ctx, e, reps, tick)
	if err != nil {
		return BatchResult{}, err
	}
	res := BatchResult{Pages: pages, Reports: len(reps)}
	width := len(fmt.Sprint(len(reps)))
	if width < 2 {
		width = 2
	}
	for i, r := range reps {
		p := filepath.Join(out, fmt.Sprintf("%0*d - %s.pdf", width, i+1, safeName(r.n.Name)))
		if err := fileout.WriteBytes(p, files[i]); err != nil {
			return res, fault.Wrap(err, fault.ErrRefused, "errors.document.writePDF", "path", p)
		}
		res.Files = append(res.Files, p)
	}
	return res, nil
}

// renderEach renders the reports on every core; a cancelled ctx stops it.
func renderEach(ctx context.Context, e *pdf.Engine, reps []reportPart, tick func()) ([][]byte, int, error) {
	out := make([][]byte, len(reps))
	pages := make([]int, len(reps))
	jobs := make(chan int)
	errs := make(chan error, 1)
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	if workers > len(reps) {
		workers = len(reps)
	}
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				b, res, err := e.RenderBytes(reps[i].doc)
				if err != nil {
					select {
					case errs <- fault.Wrap(err, fault.ErrRefused, "errors.document.render"):
					default:
					}
					continue
				}
				out[i], pages[i] = b, res.Pages
				tick()
			}
		}()
	}
	var err error
feed:
	for i := range reps {
		select {
		case <-ctx.Done():
			err = ctx.Err()
			break feed
		case err = <-errs:
			break feed
		case jobs <- i:
		}
	}
	close(jobs)
	wg.Wait()
	if err == nil {
		select {
		case err = <-errs:
		default:
		}
	}
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		return nil, 0, err
	}
	total := 0
	for _, p := range pages {
		total += p
	}
	return out, total, nil
}

// ReportPDF renders one nominee's báo cáo thành tích (its edited sections,
// else the draft).
func (s *Service) ReportPDF(ctx context.Context, agencyID, nomineeID string) (Result, error) {
	tx := s.db.WithContext(ctx)
	b, n, err := s.loadNominee(ctx, tx, agencyID, nomineeID)
	if err != nil {
		return Result{}, err
	}
	doc, err := s.reportDoc(ctx, tx, b, n)
	if err != nil {
		return Result{}, err
	}
	e, err := engine()
	if err != nil {
		return Result{}, err
	}
	out, res, err := e.RenderBytes(doc)
	if err != nil {
		return Result{}, fault.Wrap(err, fault.ErrRefused, "errors.document.render")
	}
	rep := res.Replaced
	if rep == nil {
		rep = []pdf.Replacement{}
	}
	return Result{PDF: out, Pages: res.Pages, Font: res.Font, Replaced: rep, Missing: []string{},
		Parts: []PartInfo{{Title: n.nameLine(), Page: 1}}, FileName: "bao-cao-thanh-tich-" + safeName(n.Name) + ".pdf"}, nil
}
