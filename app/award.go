package app

import (
	"path/filepath"

	wruntime "github.com/wailsapp/wails/v2/pkg/runtime"

	"chungsuc/internal/attach"
	"chungsuc/internal/award"
	"chungsuc/internal/store"
)

// Awards is the facade of the "Khen thưởng" screen: the award catalogue and
// its eligibility rules, the eligibility pre-check, the award history with
// its Excel import, and the proposal batches with their nominees, council
// vote, status workflow, attachments and drafted summaries. The printed
// forms are the Dossiers facade's.
type Awards struct{ core *Core }

// NewAwards binds the awards facade.
func NewAwards(c *Core) *Awards { return &Awards{core: c} }

// run resolves the agency and calls fn with the award service.
func (f *Awards) run(op string, fn func(svc *award.Service, agencyID string) error) error {
	return f.core.fail(op, f.core.with(func(db *store.DB) error {
		id, err := agencyID(ctxOf(f.core), db)
		if err != nil {
			return err
		}
		return fn(award.NewService(db.DB), id)
	}))
}

// AwardChoices are the code lists of the screen (labels in vi.json under award.*).
type AwardChoices struct {
	Subjects       []string `json:"subjects"`
	Targets        []string `json:"targets"`
	Kinds          []string `json:"kinds"`
	Stages         []string `json:"stages"`
	Statuses       []string `json:"statuses"`
	ReportForms    []string `json:"reportForms"`
	Origins        []string `json:"origins"`
	CheckKinds     []string `json:"checkKinds"`
	ThresholdBases []string `json:"thresholdBases"`
	// DefaultThreshold is the share a nominee needs by default (percent).
	DefaultThreshold float64 `json:"defaultThreshold"`
}

// Choices returns the screen's code lists.
func (f *Awards) Choices() AwardChoices {
	return AwardChoices{Subjects: award.Subjects, Targets: award.Targets, Kinds: award.Kinds, Stages: award.Stages,
		Statuses: award.Statuses, ReportForms: award.ReportForms, Origins: award.Origins, CheckKinds: award.CheckKinds,
		ThresholdBases: award.ThresholdBases, DefaultThreshold: award.DefaultThreshold}
}

// Forms returns the award catalogue (inactive entries too).
func (f *Awards) Forms() ([]award.Form, error) {
	var out []award.Form
	err := f.run("award.forms", func(svc *award.Service, aid string) (err error) {
		out, err = svc.Forms(ctxOf(f.core), aid)
		return err
	})
	return out, err
}

// SaveForm creates (empty id) or updates a catalogue entry.
func (f *Awards) SaveForm(x award.Form) (award.Form, error) {
	err := f.run("award.saveForm", func(svc *award.Service, aid string) (err error) {
		x, err = svc.SaveForm(ctxOf(f.core), aid, x)
		return err
	})
	return x, err
}

// SetFormActive deactivates or reactivates a catalogue entry.
func (f *Awards) SetFormActive(id string, version int64, active bool) (award.Form, error) {
	var out award.Form
	err := f.run("award.setFormActive", func(svc *award.Service, aid string) (err error) {
		out, err = svc.SetFormActive(ctxOf(f.core), aid, id, version, active)
		return err
	})
	return out, err
}

// Rules returns the eligibility rules of a form ("" for all).
func (f *Awards) Rules(formCode string) ([]award.Rule, error) {
	var out []award.Rule
	err := f.run("award.rules", func(svc *award.Service, aid string) (err error) {
		out, err = svc.Rules(ctxOf(f.core), aid, formCode)
		return err
	})
	return out, err
}

// SaveRule creates (empty id) or updates an eligibility rule.
func (f *Awards) SaveRule(r award.Rule) (award.Rule, error) {
	err := f.run("award.saveRule", func(svc *award.Service, aid string) (err error) {
		r, err = svc.SaveRule(ctxOf(f.core), aid, r)
		return err
	})
	return r, err
}

// SetRuleActive deactivates or reactivates a rule.
func (f *Awards) SetRuleActive(id string, version int64, active bool) (award.Rule, error) {
	var out award.Rule
	err := f.run("award.setRuleActive", func(svc *award.Service, aid string) (err error) {
		out, err = svc.SetRuleActive(ctxOf(f.core), aid, id, version, active)
		return err
	})
	return out, err
}

// Check evaluates the eligibility of a unit or person for a form (in a
// proposal batch when its id is given).
func (f *Awards) Check(in award.CheckInput) (award.Eligibility, error) {
	var out award.Eligibility
	err := f.run("award.check", func(svc *award.Service, aid string) (err error) {
		out, err = svc.Check(ctxOf(f.core), aid, in)
		return err
	})
	return out, err
}

// CheckNominee evaluates a nominee's eligibility for its form in its batch.
func (f *Awards) CheckNominee(nomineeID string) (award.Eligibility, error) {
	var out award.Eligibility
	err := f.run("award.checkNominee", func(svc *award.Service, aid string) (err error) {
		out, err = svc.CheckNominee(ctxOf(f.core), aid, nomineeID)
		return err
	})
	return out, err
}

// Records returns one page of the award history.
func (f *Awards) Records(q award.RecordQuery) (award.RecordPage, error) {
	var page award.RecordPage
	err := f.run("award.records", func(svc *award.Service, aid string) (err error) {
		page, err = svc.Records(ctxOf(f.core), aid, q)
		return err
	})
	return page, err
}

// SubjectHistory returns a unit's ("unit") or person's ("staff") awards, oldest first.
func (f *Awards) SubjectHistory(subjectKind, id string) ([]award.Record, error) {
	var out []award.Record
	err := f.run("award.subjectHistory", func(svc *award.Service, aid string) (err error) {
		out, err = svc.SubjectHistory(ctxOf(f.core), aid, subjectKind, id)
		return err
	})
	return out, err
}

// SaveRecord creates (empty id) or updates a history record.
func (f *Awards) SaveRecord(r award.Record) (award.Record, error) {
	err := f.run("award.saveRecord", func(svc *award.Service, aid string) (err error) {
		r, err = svc.SaveRecord(ctxOf(f.core), aid, r)
		return err
	})
	return r, err
}

// DeleteRecord soft-deletes a history record.
func (f *Awards) DeleteRecord(id string) error {
	return f.run("award.deleteRecord", func(svc *award.Service, aid string) error {
		return svc.DeleteRecord(ctxOf(f.core), aid, id)
	})
}

// RestoreRecord undoes a history record's deletion.
func (f *Awards) RestoreRecord(id string) error {
	return f.run("award.restoreRecord", func(svc *award.Service, aid string) error {
		return svc.RestoreRecord(ctxOf(f.core), aid, id)
	})
}

// PickImportFile opens the native file dialog; "" means the user cancelled.
func (f *Awards) PickImportFile() (string, error) {
	p, err := f.core.openFileDialog(wruntime.OpenDialogOptions{
		Title:   f.core.t("dialog.pickAwardImport"),
		Filters: []wruntime.FileFilter{{DisplayName: f.core.t("dialog.awardImportFilter"), Pattern: "*.xlsx;*.csv"}},
	})
	return p, f.core.fail("award.pickImport", err)
}

// PreviewImport reads a file of past awards and says what importing it
// would do; nothing is written.
func (f *Awards) PreviewImport(path string) (award.ImportPreview, error) {
	var pv award.ImportPreview
	err := f.run("award.previewImport", func(svc *award.Service, aid string) (err error) {
		pv, err = svc.PreviewImport(ctxOf(f.core), aid, path)
		return err
	})
	return pv, err
}

// CommitImport imports the previewed file (same SHA-256), all or nothing.
func (f *Awards) CommitImport(path, sha256 string) (award.ImportResult, error) {
	var res award.ImportResult
	err := f.run("award.commitImport", func(svc *award.Service, aid string) (err error) {
		res, err = svc.CommitImport(ctxOf(f.core), aid, path, sha256)
		return err
	})
	if err == nil {
		f.core.log.Info("award history import", "path", path, "created", res.Created)
	}
	return res, err
}

// SaveTemplate asks where to save the history import template and writes
// it there; "" means the user cancelled.
func (f *Awards) SaveTemplate() (string, error) {
	p, err := f.core.saveFileDialog(wruntime.SaveDialogOptions{
		Title:           f.core.t("dialog.saveAwardTemplate"),
		DefaultFilename: award.TemplateName,
		Filters:         []wruntime.FileFilter{{DisplayName: f.core.t("dialog.xlsxFilter"), Pattern: "*.xlsx"}},
	})
	if err != nil || p == "" {
		return "", f.core.fail("award.saveTemplate", err)
	}
	if filepath.Ext(p) == "" {
		p += ".xlsx"
	}
	if err := award.WriteTemplate(p); err != nil {
		return "", f.core.fail("award.saveTemplate", err)
	}
	return p, nil
}

// Proposals returns one page of proposal batches.
func (f *Awards) Proposals(q award.ProposalQuery) (award.ProposalPage, error) {
	var page award.ProposalPage
	err := f.run("award.proposals", func(svc *award.Service, aid string) (err error) {
		page, err = svc.Proposals(ctxOf(f.core), aid, q)
		return err
	})
	return page, err
}

// GetProposal returns a batch with its campaign, nominees, events and forms.
func (f *Awards) GetProposal(id string) (award.ProposalDetail, error) {
	var d award.ProposalDetail
	err := f.run("award.getProposal", func(svc *award.Service, aid string) (err error) {
		d, err = svc.GetProposal(ctxOf(f.core), aid, id)
		return err
	})
	return d, err
}

// LatestProposalID returns the newest batch's id.
func (f *Awards) LatestProposalID() (string, error) {
	var id string
	err := f.run("award.latestProposal", func(svc *award.Service, aid string) (err error) {
		id, err = svc.LatestProposalID(ctxOf(f.core), aid)
		return err
	})
	return id, err
}

// SaveProposal creates (empty id) or updates a batch.
func (f *Awards) SaveProposal(p award.Proposal) (award.Proposal, error) {
	err := f.run("award.saveProposal", func(svc *award.Service, aid string) (err error) {
		p, err = svc.SaveProposal(ctxOf(f.core), aid, p)
		return err
	})
	return p, err
}

// DeleteProposal soft-deletes a draft batch.
func (f *Awards) DeleteProposal(id string) error {
	return f.run("award.deleteProposal", func(svc *award.Service, aid string) error {
		return svc.DeleteProposal(ctxOf(f.core), aid, id)
	})
}

// RestoreProposal undoes a batch's deletion.
func (f *Awards) RestoreProposal(id string) error {
	return f.run("award.restoreProposal", func(svc *award.Service, aid string) error {
		return svc.RestoreProposal(ctxOf(f.core), aid, id)
	})
}

// SaveNominee creates (empty id) or updates a nominee.
func (f *Awards) SaveNominee(n award.Nominee) (award.Nominee, error) {
	err := f.run("award.saveNominee", func(svc *award.Service, aid string) (err error) {
		n, err = svc.SaveNominee(ctxOf(f.core), aid, n)
		return err
	})
	return n, err
}

// DeleteNominee removes a nominee from a draft batch.
func (f *Awards) DeleteNominee(id string) error {
	return f.run("award.deleteNominee", func(svc *award.Service, aid string) error {
		return svc.DeleteNominee(ctxOf(f.core), aid, id)
	})
}

// RecordVote saves the council meeting and the ballot counts.
func (f *Awards) RecordVote(in award.VoteInput) (award.Proposal, error) {
	var p award.Proposal
	err := f.run("award.recordVote", func(svc *award.Service, aid string) (err error) {
		p, err = svc.RecordVote(ctxOf(f.core), aid, in)
		return err
	})
	return p, err
}

// Move changes a batch's status (with the reason or the decision).
func (f *Awards) Move(in award.MoveInput) (award.Proposal, error) {
	var p award.Proposal
	err := f.run("award.move", func(svc *award.Service, aid string) (err error) {
		p, err = svc.Move(ctxOf(f.core), aid, in)
		return err
	})
	if err == nil {
		f.core.log.Info("award proposal moved", "id", p.ID, "status", p.Status)
	}
	return p, err
}

// DraftSummary drafts a nominee's achievement summary from the data (not saved).
func (f *Awards) DraftSummary(nomineeID string) (string, error) {
	var s string
	err := f.run("award.draftSummary", func(svc *award.Service, aid string) (err error) {
		s, err = svc.DraftSummary(ctxOf(f.core), aid, nomineeID)
		return err
	})
	return s, err
}

// PickAttachment opens the native file dialog; "" means the user cancelled.
func (f *Awards) PickAttachment() (string, error) {
	p, err := f.core.openFileDialog(wruntime.OpenDialogOptions{Title: f.core.t("dialog.pickAwardAttachment")})
	return p, f.core.fail("award.pickAttachment", err)
}

// AddAttachment copies the file into the data folder and attaches it to the nominee.
func (f *Awards) AddAttachment(nomineeID, path string) (attach.Attachment, error) {
	var a attach.Attachment
	err := f.run("award.addAttachment", func(svc *award.Service, aid string) (err error) {
		a, err = svc.AddAttachment(ctxOf(f.core), aid, f.core.dataDir, nomineeID, path)
		return err
	})
	return a, err
}

// OpenAttachment opens the stored copy with the system's viewer, after
// checking that it is intact.
func (f *Awards) OpenAttachment(id string) error {
	var p string
	err := f.run("award.openAttachment", func(svc *award.Service, aid string) (err error) {
		p, err = svc.AttachmentPath(ctxOf(f.core), aid, f.core.dataDir, id)
		return err
	})
	if err != nil {
		return err
	}
	return f.core.fail("award.openAttachment", openWithOS(p))
}

// DeleteAttachment removes a nominee's attachment (the stored copy stays).
func (f *Awards) DeleteAttachment(id string) error {
	return f.run("award.deleteAttachment", func(svc *award.Service, aid string) error {
		return svc.DeleteAttachment(ctxOf(f.core), aid, id)
	})
}
