package app

import (
	wruntime "github.com/wailsapp/wails/v2/pkg/runtime"

	"chungsuc/internal/criteria"
	"chungsuc/internal/store"
)

// Criteria is the facade for the "Tiêu chí NTM" screen: criteria sets, their revisions, import and export.
type Criteria struct{ core *Core }

// NewCriteria binds the facade.
func NewCriteria(c *Core) *Criteria { return &Criteria{core: c} }

// run resolves the agency and calls fn with the criteria service.
func (c *Criteria) run(op string, fn func(svc *criteria.Service, agencyID string) error) error {
	return c.core.fail(op, c.core.with(func(db *store.DB) error {
		id, err := agencyID(ctxOf(c.core), db)
		if err != nil {
			return err
		}
		return fn(criteria.NewService(db.DB), id)
	}))
}

// List returns one page of criteria sets.
func (c *Criteria) List(q criteria.Query) (criteria.Page, error) {
	var page criteria.Page
	err := c.run("criteria.list", func(svc *criteria.Service, aid string) (err error) {
		page, err = svc.List(ctxOf(c.core), aid, q)
		return err
	})
	return page, err
}

// Get returns a set revision with its amendments, conditions, criteria,
// indicators and thresholds.
func (c *Criteria) Get(id string) (criteria.Set, error) {
	var s criteria.Set
	err := c.run("criteria.get", func(svc *criteria.Service, aid string) (err error) {
		s, err = svc.Get(ctxOf(c.core), aid, id)
		return err
	})
	return s, err
}

// GetCurrent returns the current revision of a set code.
func (c *Criteria) GetCurrent(code string) (criteria.Set, error) {
	var s criteria.Set
	err := c.run("criteria.getCurrent", func(svc *criteria.Service, aid string) (err error) {
		s, err = svc.GetCurrent(ctxOf(c.core), aid, code)
		return err
	})
	return s, err
}

// Revisions lists the revisions of a set code, newest first.
func (c *Criteria) Revisions(code string) ([]criteria.SetRow, error) {
	var rows []criteria.SetRow
	err := c.run("criteria.revisions", func(svc *criteria.Service, aid string) (err error) {
		rows, err = svc.Revisions(ctxOf(c.core), aid, code)
		return err
	})
	return rows, err
}

// Save creates (empty id) or updates a set; a set that has assessments
// gets a new revision instead (NewRevision in the result).
func (c *Criteria) Save(s criteria.Set) (criteria.SaveResult, error) {
	var res criteria.SaveResult
	err := c.run("criteria.save", func(svc *criteria.Service, aid string) (err error) {
		res, err = svc.Save(ctxOf(c.core), aid, s)
		return err
	})
	return res, err
}

// Delete soft-deletes a set revision without assessments.
func (c *Criteria) Delete(id string) error {
	return c.run("criteria.delete", func(svc *criteria.Service, aid string) error {
		return svc.Delete(ctxOf(c.core), aid, id)
	})
}

// Restore undoes a set revision's deletion.
func (c *Criteria) Restore(id string) error {
	return c.run("criteria.restore", func(svc *criteria.Service, aid string) error {
		return svc.Restore(ctxOf(c.core), aid, id)
	})
}

// PickImportFile opens the native file dialog; "" means the user cancelled.
func (c *Criteria) PickImportFile() (string, error) {
	p, err := c.core.openFileDialog(wruntime.OpenDialogOptions{
		Title:   c.core.t("dialog.pickCriteriaImport"),
		Filters: []wruntime.FileFilter{{DisplayName: c.core.t("dialog.xlsxFilter"), Pattern: "*.xlsx"}},
	})
	return p, c.core.fail("criteria.pick", err)
}

// PreviewImport reads a set template and says what importing it would do;
// nothing is written.
func (c *Criteria) PreviewImport(path string) (criteria.ImportPreview, error) {
	var pv criteria.ImportPreview
	err := c.run("criteria.previewImport", func(svc *criteria.Service, aid string) (err error) {
		pv, err = svc.PreviewImport(ctxOf(c.core), aid, path)
		return err
	})
	return pv, err
}

// CommitImport imports the previewed file (same SHA-256), all or nothing.
func (c *Criteria) CommitImport(path, sha256 string) (criteria.ImportResult, error) {
	var res criteria.ImportResult
	err := c.run("criteria.commitImport", func(svc *criteria.Service, aid string) (err error) {
		res, err = svc.CommitImport(ctxOf(c.core), aid, path, sha256)
		return err
	})
	return res, err
}

// Export asks where to save a set revision as the .xlsx template and writes
// it there; "" means the user cancelled.
func (c *Criteria) Export(setID string) (string, error) {
	var name string
	if err := c.run("criteria.export", func(svc *criteria.Service, aid string) error {
		s, err := svc.Get(ctxOf(c.core), aid, setID)
		name = criteria.FileName(&s)
		return err
	}); err != nil {
		return "", err
	}
	p, err := c.core.saveFileDialog(wruntime.SaveDialogOptions{
		Title:           c.core.t("dialog.saveCriteriaExport"),
		DefaultFilename: name,
		Filters:         []wruntime.FileFilter{{DisplayName: c.core.t("dialog.xlsxFilter"), Pattern: "*.xlsx"}},
	})
	if err != nil || p == "" {
		return "", c.core.fail("criteria.export", err)
	}
	err = c.run("criteria.export", func(svc *criteria.Service, aid string) error {
		return svc.ExportTo(ctxOf(c.core), aid, setID, p)
	})
	if err != nil {
		return "", err
	}
	return p, nil
}

// Choices lists the targets, dimensions, kinds, comparators, regions,
// groups, scopes and phases the editor offers.
func (c *Criteria) Choices() criteria.Choices {
	return criteria.ChoicesList()
}

// SaveTemplate asks where to save an empty set template (.xlsx) whose
// indicators sheet has one column per region ("region") or commune group
// ("group"), or none ("none"); "" means the user cancelled.
func (c *Criteria) SaveTemplate(dimension string) (string, error) {
	p, err := c.core.saveFileDialog(wruntime.SaveDialogOptions{
		Title:           c.core.t("dialog.saveCriteriaTemplate"),
		DefaultFilename: criteria.TemplateName,
		Filters:         []wruntime.FileFilter{{DisplayName: c.core.t("dialog.xlsxFilter"), Pattern: "*.xlsx"}},
	})
	if err != nil || p == "" {
		return "", c.core.fail("criteria.saveTemplate", err)
	}
	s := criteria.EmptyTemplate(dimension)
	if err := criteria.WriteFile(&s, p); err != nil {
		return "", c.core.fail("criteria.saveTemplate", err)
	}
	return p, nil
}
