package app

import (
	wruntime "github.com/wailsapp/wails/v2/pkg/runtime"

	"chungsuc/internal/assessment"
	"chungsuc/internal/store"
)

// Assessments is the facade for the NTM checklists: assessments per locality, the year-over-year view and the province matrix.
type Assessments struct{ core *Core }

// NewAssessments binds the facade.
func NewAssessments(c *Core) *Assessments { return &Assessments{core: c} }

// actor is who the history records; the window has no login yet, so it is
// empty and the history shows "—".
const actor = ""

// run resolves the agency and calls fn with the assessments service.
func (f *Assessments) run(op string, fn func(svc *assessment.Service, agencyID string) error) error {
	return f.core.fail(op, f.core.with(func(db *store.DB) error {
		id, err := agencyID(ctxOf(f.core), db)
		if err != nil {
			return err
		}
		return fn(assessment.NewService(db.DB), id)
	}))
}

// List returns one page of assessments.
func (f *Assessments) List(q assessment.Query) (assessment.Page, error) {
	var page assessment.Page
	err := f.run("assessment.list", func(svc *assessment.Service, aid string) (err error) {
		page, err = svc.List(ctxOf(f.core), aid, q)
		return err
	})
	return page, err
}

// Create starts a draft assessment of a locality against a set.
func (f *Assessments) Create(in assessment.NewInput) (assessment.Assessment, error) {
	var a assessment.Assessment
	in.Actor = actor
	err := f.run("assessment.create", func(svc *assessment.Service, aid string) (err error) {
		a, err = svc.Create(ctxOf(f.core), aid, in)
		return err
	})
	return a, err
}

// Checklist returns the assessment with every indicator, its requirement
// for the locality, the value, the evidence and the previous value.
func (f *Assessments) Checklist(id string) (assessment.Checklist, error) {
	var c assessment.Checklist
	err := f.run("assessment.checklist", func(svc *assessment.Service, aid string) (err error) {
		c, err = svc.Checklist(ctxOf(f.core), aid, id)
		return err
	})
	return c, err
}

// SaveValue saves one indicator's entry (autosave) and returns the new
// criterion result and totals.
func (f *Assessments) SaveValue(in assessment.ValueInput) (assessment.ValueResult, error) {
	var r assessment.ValueResult
	in.Actor = actor
	err := f.run("assessment.saveValue", func(svc *assessment.Service, aid string) (err error) {
		r, err = svc.SaveValue(ctxOf(f.core), aid, in)
		return err
	})
	return r, err
}

// SaveHeader saves the date, assessor and note (version-checked).
func (f *Assessments) SaveHeader(a assessment.Assessment) (assessment.Assessment, error) {
	err := f.run("assessment.saveHeader", func(svc *assessment.Service, aid string) (err error) {
		a, err = svc.SaveHeader(ctxOf(f.core), aid, a, actor)
		return err
	})
	return a, err
}

// Finalise marks the assessment hoàn tất; refused while any indicator is undecided.
func (f *Assessments) Finalise(id string, version int64) (assessment.Assessment, error) {
	var a assessment.Assessment
	err := f.run("assessment.finalise", func(svc *assessment.Service, aid string) (err error) {
		a, err = svc.Finalise(ctxOf(f.core), aid, id, version, actor)
		return err
	})
	return a, err
}

// Reopen reopens a finalised assessment with a reason.
func (f *Assessments) Reopen(id string, version int64, reason string) (assessment.Assessment, error) {
	var a assessment.Assessment
	err := f.run("assessment.reopen", func(svc *assessment.Service, aid string) (err error) {
		a, err = svc.Reopen(ctxOf(f.core), aid, id, version, reason, actor)
		return err
	})
	return a, err
}

// Delete soft-deletes a draft or reopened assessment.
func (f *Assessments) Delete(id string) error {
	return f.run("assessment.delete", func(svc *assessment.Service, aid string) error {
		return svc.Delete(ctxOf(f.core), aid, id, actor)
	})
}

// Restore undoes an assessment's deletion.
func (f *Assessments) Restore(id string) error {
	return f.run("assessment.restore", func(svc *assessment.Service, aid string) error {
		return svc.Restore(ctxOf(f.core), aid, id, actor)
	})
}

// History lists the assessment's events, newest first.
func (f *Assessments) History(id string) ([]assessment.EventRow, error) {
	var rows []assessment.EventRow
	err := f.run("assessment.history", func(svc *assessment.Service, aid string) (err error) {
		rows, err = svc.History(ctxOf(f.core), aid, id)
		return err
	})
	return rows, err
}

// Timeline is a locality's year-over-year view ("" set code = the code of
// its latest finalised assessment).
func (f *Assessments) Timeline(localityID, setCode string) (assessment.Timeline, error) {
	var t assessment.Timeline
	err := f.run("assessment.timeline", func(svc *assessment.Service, aid string) (err error) {
		t, err = svc.Timeline(ctxOf(f.core), aid, localityID, setCode)
		return err
	})
	return t, err
}

// Matrix returns one page of the localities × criteria grid.
func (f *Assessments) Matrix(q assessment.MatrixQuery) (assessment.Matrix, error) {
	var m assessment.Matrix
	err := f.run("assessment.matrix", func(svc *assessment.Service, aid string) (err error) {
		m, err = svc.Matrix(ctxOf(f.core), aid, q)
		return err
	})
	return m, err
}

// AddEvidence asks for a file and attaches it as evidence to the value of
// the indicator in the assessment (the value is created if none was
// entered yet); nil means the user cancelled.
func (f *Assessments) AddEvidence(assessmentID, indicatorID string) (*assessment.Evidence, error) {
	p, err := f.core.openFileDialog(wruntime.OpenDialogOptions{
		Title: f.core.t("assessment.evidence.pickTitle"),
	})
	if err != nil || p == "" {
		return nil, f.core.fail("assessment.pickEvidence", err)
	}
	e, err := f.AddEvidenceFile(assessmentID, indicatorID, p)
	if err != nil {
		return nil, err
	}
	return &e, nil
}

// AddEvidenceFile attaches the file at path without a dialog.
func (f *Assessments) AddEvidenceFile(assessmentID, indicatorID, path string) (assessment.Evidence, error) {
	var e assessment.Evidence
	err := f.run("assessment.addEvidence", func(svc *assessment.Service, aid string) (err error) {
		e, err = svc.AddEvidence(ctxOf(f.core), aid, f.core.dataDir, assessmentID, indicatorID, path, actor)
		return err
	})
	return e, err
}

// ListEvidence lists the evidence files of a value.
func (f *Assessments) ListEvidence(valueID string) ([]assessment.Evidence, error) {
	var out []assessment.Evidence
	err := f.run("assessment.listEvidence", func(svc *assessment.Service, aid string) (err error) {
		out, err = svc.ListEvidence(ctxOf(f.core), aid, valueID)
		return err
	})
	return out, err
}

// EvidencePath returns the stored copy's path after checking its SHA-256.
func (f *Assessments) EvidencePath(id string) (string, error) {
	var p string
	err := f.run("assessment.evidencePath", func(svc *assessment.Service, aid string) (err error) {
		p, err = svc.EvidencePath(ctxOf(f.core), aid, f.core.dataDir, id)
		return err
	})
	return p, err
}

// OpenEvidence opens the stored copy with the system's viewer.
func (f *Assessments) OpenEvidence(id string) error {
	p, err := f.EvidencePath(id)
	if err != nil {
		return err
	}
	return f.core.fail("assessment.openEvidence", openWithOS(p))
}

// DeleteEvidence removes an evidence file from its value (soft delete; the
// stored copy stays).
func (f *Assessments) DeleteEvidence(id string) error {
	return f.run("assessment.deleteEvidence", func(svc *assessment.Service, aid string) error {
		return svc.DeleteEvidence(ctxOf(f.core), aid, id, actor)
	})
}
