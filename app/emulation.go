package app

import (
	"chungsuc/internal/emulation"
	"chungsuc/internal/store"
)

// Emulation is the facade of the "Thi đua" screen: the emulation criteria
// and grades of a campaign, the yearly score sheets of units and staff
// (self-assessment, submission, the council's review, reopening), the
// facts the database holds for each sheet and the standings.
type Emulation struct{ core *Core }

// NewEmulation binds the emulation facade.
func NewEmulation(c *Core) *Emulation { return &Emulation{core: c} }

// run resolves the agency and calls fn with the emulation service.
func (f *Emulation) run(op string, fn func(svc *emulation.Service, agencyID string) error) error {
	return f.core.fail(op, f.core.with(func(db *store.DB) error {
		id, err := agencyID(ctxOf(f.core), db)
		if err != nil {
			return err
		}
		return fn(emulation.NewService(db.DB), id)
	}))
}

// Criteria lists a campaign's criteria for a target ("" for both).
func (f *Emulation) Criteria(campaignID, target string) ([]emulation.Criterion, error) {
	var out []emulation.Criterion
	err := f.run("emulation.criteria", func(svc *emulation.Service, aid string) (err error) {
		out, err = svc.Criteria(ctxOf(f.core), aid, campaignID, target)
		return err
	})
	return out, err
}

// SaveCriterion creates (empty id) or updates a criterion.
func (f *Emulation) SaveCriterion(c emulation.Criterion) (emulation.Criterion, error) {
	err := f.run("emulation.saveCriterion", func(svc *emulation.Service, aid string) (err error) {
		c, err = svc.SaveCriterion(ctxOf(f.core), aid, c)
		return err
	})
	return c, err
}

// DeleteCriterion deletes a criterion not scored on a submitted or reviewed sheet.
func (f *Emulation) DeleteCriterion(id string) error {
	return f.run("emulation.deleteCriterion", func(svc *emulation.Service, aid string) error {
		return svc.DeleteCriterion(ctxOf(f.core), aid, id)
	})
}

// Grades lists a campaign's grades, the highest first.
func (f *Emulation) Grades(campaignID string) ([]emulation.Grade, error) {
	var out []emulation.Grade
	err := f.run("emulation.grades", func(svc *emulation.Service, aid string) (err error) {
		out, err = svc.Grades(ctxOf(f.core), aid, campaignID)
		return err
	})
	return out, err
}

// SaveGrade creates (empty id) or updates a grade.
func (f *Emulation) SaveGrade(g emulation.Grade) (emulation.Grade, error) {
	err := f.run("emulation.saveGrade", func(svc *emulation.Service, aid string) (err error) {
		g, err = svc.SaveGrade(ctxOf(f.core), aid, g)
		return err
	})
	return g, err
}

// DeleteGrade deletes a grade.
func (f *Emulation) DeleteGrade(id string) error {
	return f.run("emulation.deleteGrade", func(svc *emulation.Service, aid string) error {
		return svc.DeleteGrade(ctxOf(f.core), aid, id)
	})
}

// CreateDefaults adds the starting criteria and grades (from the plan's
// part III) that the campaign does not have yet.
func (f *Emulation) CreateDefaults(campaignID string) (emulation.Defaults, error) {
	var d emulation.Defaults
	err := f.run("emulation.createDefaults", func(svc *emulation.Service, aid string) (err error) {
		d, err = svc.CreateDefaults(ctxOf(f.core), aid, campaignID)
		return err
	})
	return d, err
}

// Sheets lists the subjects of a target with their sheets for a campaign year.
func (f *Emulation) Sheets(campaignID string, year int, target string) (emulation.SheetList, error) {
	var l emulation.SheetList
	err := f.run("emulation.sheets", func(svc *emulation.Service, aid string) (err error) {
		l, err = svc.Sheets(ctxOf(f.core), aid, campaignID, year, target)
		return err
	})
	return l, err
}

// Sheet returns a subject's sheet (unsaved if there is none yet) with its
// criteria, scores and facts.
func (f *Emulation) Sheet(k emulation.SheetKey) (emulation.SheetDetail, error) {
	var d emulation.SheetDetail
	err := f.run("emulation.sheet", func(svc *emulation.Service, aid string) (err error) {
		d, err = svc.Sheet(ctxOf(f.core), aid, k)
		return err
	})
	return d, err
}

// SaveSelf saves a self-assessment (the first save creates the sheet).
func (f *Emulation) SaveSelf(in emulation.SelfInput) (emulation.SheetDetail, error) {
	var d emulation.SheetDetail
	err := f.run("emulation.saveSelf", func(svc *emulation.Service, aid string) (err error) {
		d, err = svc.SaveSelf(ctxOf(f.core), aid, in)
		return err
	})
	return d, err
}

// Submit hands a self-assessed sheet to the council.
func (f *Emulation) Submit(id string, version int64) (emulation.SheetDetail, error) {
	var d emulation.SheetDetail
	err := f.run("emulation.submit", func(svc *emulation.Service, aid string) (err error) {
		d, err = svc.Submit(ctxOf(f.core), aid, id, version)
		return err
	})
	return d, err
}

// Review records the council's review of a submitted sheet.
func (f *Emulation) Review(in emulation.ReviewInput) (emulation.SheetDetail, error) {
	var d emulation.SheetDetail
	err := f.run("emulation.review", func(svc *emulation.Service, aid string) (err error) {
		d, err = svc.Review(ctxOf(f.core), aid, in)
		return err
	})
	return d, err
}

// Reopen sends a submitted or reviewed sheet back to self-assessment.
func (f *Emulation) Reopen(id string, version int64, reason string) (emulation.SheetDetail, error) {
	var d emulation.SheetDetail
	err := f.run("emulation.reopen", func(svc *emulation.Service, aid string) (err error) {
		d, err = svc.Reopen(ctxOf(f.core), aid, id, version, reason)
		return err
	})
	return d, err
}

// Standings ranks the sheets of a campaign year for a target.
func (f *Emulation) Standings(campaignID string, year int, target string) ([]emulation.Standing, error) {
	var out []emulation.Standing
	err := f.run("emulation.standings", func(svc *emulation.Service, aid string) (err error) {
		out, err = svc.Standings(ctxOf(f.core), aid, campaignID, year, target)
		return err
	})
	return out, err
}

// Facts gathers what the database holds about a subject for a campaign year.
func (f *Emulation) Facts(campaignID string, year int, subjectKind, subjectID string) ([]emulation.Fact, error) {
	var out []emulation.Fact
	err := f.run("emulation.facts", func(svc *emulation.Service, aid string) (err error) {
		out, err = svc.Facts(ctxOf(f.core), aid, campaignID, year, subjectKind, subjectID)
		return err
	})
	return out, err
}
