package app

import (
	"path/filepath"
	"time"

	wruntime "github.com/wailsapp/wails/v2/pkg/runtime"

	"chungsuc/internal/sponsor"
	"chungsuc/internal/store"
)

// Sponsors is the facade for the units' registered support for communes
// and villages, their activities, attachments, compliance and export.
type Sponsors struct{ core *Core }

// NewSponsors binds the sponsorship facade.
func NewSponsors(c *Core) *Sponsors { return &Sponsors{core: c} }

// run resolves the agency and calls fn with the sponsorship service.
func (f *Sponsors) run(op string, fn func(svc *sponsor.Service, agencyID string) error) error {
	return f.core.fail(op, f.core.with(func(db *store.DB) error {
		id, err := agencyID(ctxOf(f.core), db)
		if err != nil {
			return err
		}
		return fn(sponsor.NewService(db.DB), id)
	}))
}

// List returns one page of registrations with their activity totals.
func (f *Sponsors) List(q sponsor.Query) (sponsor.Page, error) {
	var page sponsor.Page
	err := f.run("sponsor.list", func(svc *sponsor.Service, aid string) (err error) {
		page, err = svc.List(ctxOf(f.core), aid, q)
		return err
	})
	return page, err
}

// Get returns a registration with its activities.
func (f *Sponsors) Get(id string) (sponsor.Detail, error) {
	var d sponsor.Detail
	err := f.run("sponsor.get", func(svc *sponsor.Service, aid string) (err error) {
		d, err = svc.Get(ctxOf(f.core), aid, id)
		return err
	})
	return d, err
}

// Save creates (empty id) or updates a registration.
func (f *Sponsors) Save(r sponsor.Registration) (sponsor.Registration, error) {
	err := f.run("sponsor.save", func(svc *sponsor.Service, aid string) (err error) {
		r, err = svc.Save(ctxOf(f.core), aid, r)
		return err
	})
	return r, err
}

// SetStatus moves a registration to another status (huy needs a reason).
func (f *Sponsors) SetStatus(id string, version int64, status, reason string) (sponsor.Registration, error) {
	var r sponsor.Registration
	err := f.run("sponsor.setStatus", func(svc *sponsor.Service, aid string) (err error) {
		r, err = svc.SetStatus(ctxOf(f.core), aid, id, version, status, reason)
		return err
	})
	return r, err
}

// Delete soft-deletes a registration with its activities.
func (f *Sponsors) Delete(id string) error {
	return f.run("sponsor.delete", func(svc *sponsor.Service, aid string) error {
		return svc.Delete(ctxOf(f.core), aid, id)
	})
}

// Restore undoes a registration's deletion (its activities come back too).
func (f *Sponsors) Restore(id string) error {
	return f.run("sponsor.restore", func(svc *sponsor.Service, aid string) error {
		return svc.Restore(ctxOf(f.core), aid, id)
	})
}

// SaveActivity creates (empty id) or updates an activity and its participants.
func (f *Sponsors) SaveActivity(a sponsor.ActivityInput) (sponsor.ActivityDetail, error) {
	var d sponsor.ActivityDetail
	err := f.run("sponsor.saveActivity", func(svc *sponsor.Service, aid string) (err error) {
		d, err = svc.SaveActivity(ctxOf(f.core), aid, a)
		return err
	})
	return d, err
}

// DeleteActivity soft-deletes an activity.
func (f *Sponsors) DeleteActivity(id string) error {
	return f.run("sponsor.deleteActivity", func(svc *sponsor.Service, aid string) error {
		return svc.DeleteActivity(ctxOf(f.core), aid, id)
	})
}

// DeletedActivities lists a registration's deleted activities (to restore them).
func (f *Sponsors) DeletedActivities(registrationID string) ([]sponsor.ActivityDetail, error) {
	var out []sponsor.ActivityDetail
	err := f.run("sponsor.deletedActivities", func(svc *sponsor.Service, aid string) (err error) {
		out, err = svc.DeletedActivities(ctxOf(f.core), aid, registrationID)
		return err
	})
	return out, err
}

// RestoreActivity undoes an activity's deletion.
func (f *Sponsors) RestoreActivity(id string) error {
	return f.run("sponsor.restoreActivity", func(svc *sponsor.Service, aid string) error {
		return svc.RestoreActivity(ctxOf(f.core), aid, id)
	})
}

// PickAttachment opens the native file dialog; "" means the user cancelled.
func (f *Sponsors) PickAttachment() (string, error) {
	p, err := f.core.openFileDialog(wruntime.OpenDialogOptions{
		Title: f.core.t("dialog.pickAttachment"),
	})
	return p, f.core.fail("sponsor.pickAttachment", err)
}

// AddAttachment copies the file into the data folder and attaches it to
// the activity.
func (f *Sponsors) AddAttachment(activityID, path string) (sponsor.Attachment, error) {
	var a sponsor.Attachment
	err := f.run("sponsor.addAttachment", func(svc *sponsor.Service, aid string) (err error) {
		a, err = svc.AddAttachment(ctxOf(f.core), aid, f.core.dataDir, activityID, path)
		return err
	})
	return a, err
}

// AttachmentPath returns the stored copy's path after checking its SHA-256.
func (f *Sponsors) AttachmentPath(id string) (string, error) {
	var p string
	err := f.run("sponsor.attachmentPath", func(svc *sponsor.Service, aid string) (err error) {
		p, err = svc.Path(ctxOf(f.core), aid, f.core.dataDir, id)
		return err
	})
	return p, err
}

// OpenAttachment opens the stored copy with the system's viewer, after
// checking that it is intact.
func (f *Sponsors) OpenAttachment(id string) error {
	p, err := f.AttachmentPath(id)
	if err != nil {
		return err
	}
	return f.core.fail("sponsor.openAttachment", openWithOS(p))
}

// DeleteAttachment soft-deletes an attachment (the stored copy stays).
func (f *Sponsors) DeleteAttachment(id string) error {
	return f.run("sponsor.deleteAttachment", func(svc *sponsor.Service, aid string) error {
		return svc.DeleteAttachment(ctxOf(f.core), aid, id)
	})
}

// Compliance checks every unit against the rule of the plan, as of today.
func (f *Sponsors) Compliance() (sponsor.Compliance, error) {
	var c sponsor.Compliance
	err := f.run("sponsor.compliance", func(svc *sponsor.Service, aid string) (err error) {
		c, err = svc.Compliance(ctxOf(f.core), aid, sponsor.Today())
		return err
	})
	return c, err
}

// LocalitySupport lists the units supporting a locality (a commune with
// its villages) and their activity totals.
func (f *Sponsors) LocalitySupport(localityID string) (sponsor.LocalitySupport, error) {
	var ls sponsor.LocalitySupport
	err := f.run("sponsor.localitySupport", func(svc *sponsor.Service, aid string) (err error) {
		ls, err = svc.LocalitySupport(ctxOf(f.core), aid, localityID)
		return err
	})
	return ls, err
}

// ExportName is the file name the save dialog proposes.
func ExportName(day time.Time) string {
	return "dang-ky-ho-tro-" + day.Format("20060102") + ".xlsx"
}

// Export asks where to save, writes the workbook there and returns the
// path; "" means the user cancelled.
func (f *Sponsors) Export() (string, error) {
	p, err := f.core.saveFileDialog(wruntime.SaveDialogOptions{
		Title:           f.core.t("dialog.exportSponsor"),
		DefaultFilename: ExportName(sponsor.Today()),
		Filters:         []wruntime.FileFilter{{DisplayName: f.core.t("dialog.xlsxFilter"), Pattern: "*.xlsx"}},
	})
	if err != nil || p == "" {
		return "", f.core.fail("sponsor.export", err)
	}
	if filepath.Ext(p) == "" {
		p += ".xlsx"
	}
	if err := f.ExportTo(p); err != nil {
		return "", err
	}
	return p, nil
}

// ExportTo writes the workbook to path without a dialog.
func (f *Sponsors) ExportTo(path string) error {
	return f.run("sponsor.export", func(svc *sponsor.Service, aid string) error {
		_, err := svc.ExportTo(ctxOf(f.core), aid, path, sponsor.Today())
		if err == nil {
			f.core.log.Info("sponsor export", "path", path)
		}
		return err
	})
}
