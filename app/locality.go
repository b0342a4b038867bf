package app

import (
	wruntime "github.com/wailsapp/wails/v2/pkg/runtime"

	"chungsuc/internal/locality"
	"chungsuc/internal/store"
)

// Localities is the facade for the "Địa bàn" screen: the administrative
// units, their NTM history, mergers and the import of official lists.
type Localities struct{ core *Core }

// NewLocalities binds the localities facade.
func NewLocalities(c *Core) *Localities { return &Localities{core: c} }

// run resolves the agency and calls fn with the localities service.
func (l *Localities) run(op string, fn func(svc *locality.Service, agencyID string) error) error {
	return l.core.fail(op, l.core.with(func(db *store.DB) error {
		id, err := agencyID(ctxOf(l.core), db)
		if err != nil {
			return err
		}
		return fn(locality.NewService(db.DB), id)
	}))
}

// List returns one page of localities.
func (l *Localities) List(q locality.Query) (locality.Page, error) {
	var page locality.Page
	err := l.run("locality.list", func(svc *locality.Service, aid string) (err error) {
		page, err = svc.List(ctxOf(l.core), aid, q)
		return err
	})
	return page, err
}

// Children returns the children of a locality ("" gives the roots), for the lazy tree.
func (l *Localities) Children(parentID string) ([]locality.Row, error) {
	var rows []locality.Row
	err := l.run("locality.children", func(svc *locality.Service, aid string) (err error) {
		rows, err = svc.Children(ctxOf(l.core), aid, parentID)
		return err
	})
	return rows, err
}

// Get returns a locality with its path, NTM history and mergers.
func (l *Localities) Get(id string) (locality.Detail, error) {
	var d locality.Detail
	err := l.run("locality.get", func(svc *locality.Service, aid string) (err error) {
		d, err = svc.Get(ctxOf(l.core), aid, id)
		return err
	})
	return d, err
}

// Save creates (empty id) or updates a locality.
func (l *Localities) Save(x locality.Locality) (locality.Locality, error) {
	err := l.run("locality.save", func(svc *locality.Service, aid string) (err error) {
		x, err = svc.Save(ctxOf(l.core), aid, x)
		return err
	})
	return x, err
}

// Delete soft-deletes a locality.
func (l *Localities) Delete(id string) error {
	return l.run("locality.delete", func(svc *locality.Service, aid string) error {
		return svc.Delete(ctxOf(l.core), aid, id)
	})
}

// Restore undoes a locality's deletion.
func (l *Localities) Restore(id string) error {
	return l.run("locality.restore", func(svc *locality.Service, aid string) error {
		return svc.Restore(ctxOf(l.core), aid, id)
	})
}

// SaveStatus creates (empty id) or updates an NTM status entry.
func (l *Localities) SaveStatus(s locality.NTMStatus) (locality.NTMStatus, error) {
	err := l.run("locality.saveStatus", func(svc *locality.Service, aid string) (err error) {
		s, err = svc.SaveStatus(ctxOf(l.core), aid, s)
		return err
	})
	return s, err
}

// DeleteStatus soft-deletes an NTM status entry.
func (l *Localities) DeleteStatus(id string) error {
	return l.run("locality.deleteStatus", func(svc *locality.Service, aid string) error {
		return svc.DeleteStatus(ctxOf(l.core), aid, id)
	})
}

// SaveLineage creates (empty id) or updates a merger link.
func (l *Localities) SaveLineage(g locality.Lineage) (locality.Lineage, error) {
	err := l.run("locality.saveLineage", func(svc *locality.Service, aid string) (err error) {
		g, err = svc.SaveLineage(ctxOf(l.core), aid, g)
		return err
	})
	return g, err
}

// DeleteLineage soft-deletes a merger link.
func (l *Localities) DeleteLineage(id string) error {
	return l.run("locality.deleteLineage", func(svc *locality.Service, aid string) error {
		return svc.DeleteLineage(ctxOf(l.core), aid, id)
	})
}

// PickImportFile opens the native file dialog; "" means the user cancelled.
func (l *Localities) PickImportFile() (string, error) {
	p, err := l.core.openFileDialog(wruntime.OpenDialogOptions{
		Title:   l.core.t("dialog.pickLocalityImport"),
		Filters: []wruntime.FileFilter{{DisplayName: l.core.t("dialog.localityImportFilter"), Pattern: "*.xlsx;*.csv"}},
	})
	return p, l.core.fail("locality.pick", err)
}

// PreviewImport reads an administrative-unit list and says what importing
// it would do; nothing is written.
func (l *Localities) PreviewImport(path string) (locality.ImportPreview, error) {
	var pv locality.ImportPreview
	err := l.run("locality.previewImport", func(svc *locality.Service, aid string) (err error) {
		pv, err = svc.PreviewImport(ctxOf(l.core), aid, path)
		return err
	})
	return pv, err
}

// CommitImport imports the previewed file (same SHA-256), all or nothing.
func (l *Localities) CommitImport(path, sha256 string) (locality.ImportResult, error) {
	var res locality.ImportResult
	err := l.run("locality.commitImport", func(svc *locality.Service, aid string) (err error) {
		res, err = svc.CommitImport(ctxOf(l.core), aid, path, sha256)
		return err
	})
	return res, err
}

// SaveVillageTemplate asks where to save the villages template and writes
// it there; "" means the user cancelled.
func (l *Localities) SaveVillageTemplate() (string, error) {
	p, err := l.core.saveFileDialog(wruntime.SaveDialogOptions{
		Title:           l.core.t("dialog.saveVillageTemplate"),
		DefaultFilename: locality.VillageTemplateName,
		Filters:         []wruntime.FileFilter{{DisplayName: l.core.t("dialog.xlsxFilter"), Pattern: "*.xlsx"}},
	})
	if err != nil || p == "" {
		return "", l.core.fail("locality.saveTemplate", err)
	}
	if err := locality.WriteVillageTemplate(p); err != nil {
		return "", l.core.fail("locality.saveTemplate", err)
	}
	return p, nil
}
