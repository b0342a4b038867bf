package app

import (
	"path/filepath"
	"time"

	wruntime "github.com/wailsapp/wails/v2/pkg/runtime"

	"chungsuc/internal/dashboard"
	"chungsuc/internal/store"
)

// Dashboard is the facade for the "Tổng quan" screen: the active campaign's targets against the data, with drill-down and export.
type Dashboard struct{ core *Core }

// NewDashboard binds the facade.
func NewDashboard(c *Core) *Dashboard { return &Dashboard{core: c} }

// ProgressEvent is the payload of the Wails event "progress".
type ProgressEvent struct {
	Task  string `json:"task"`
	Step  int    `json:"step"`
	Steps int    `json:"steps"`
}

// run resolves the agency and calls fn with the dashboard service.
func (d *Dashboard) run(op string, fn func(svc *dashboard.Service, agencyID string) error) error {
	return d.core.fail(op, d.core.with(func(db *store.DB) error {
		id, err := agencyID(ctxOf(d.core), db)
		if err != nil {
			return err
		}
		return fn(dashboard.NewService(db.DB), id)
	}))
}

// emitProgress sends the "progress" event to the window; without a window
// (tests, CLI) it does nothing.
func (d *Dashboard) emitProgress(step, steps int) {
	ctx := d.core.WindowContext()
	if ctx == nil {
		return
	}
	wruntime.EventsEmit(ctx, "progress", ProgressEvent{Task: "dashboard", Step: step, Steps: steps})
}

// Get computes the dashboard, emitting "progress" {task: "dashboard", step,
// steps} as it goes. Wails runs each call on its own goroutine, so the
// window stays responsive meanwhile.
func (d *Dashboard) Get(q dashboard.Query) (dashboard.Dashboard, error) {
	var out dashboard.Dashboard
	err := d.run("dashboard.get", func(svc *dashboard.Service, aid string) (err error) {
		out, err = svc.Compute(ctxOf(d.core), aid, q, d.emitProgress)
		return err
	})
	return out, err
}

// Drill lists one page of the localities (or units) behind a figure.
func (d *Dashboard) Drill(q dashboard.DrillQuery) (dashboard.DrillPage, error) {
	var out dashboard.DrillPage
	err := d.run("dashboard.drill", func(svc *dashboard.Service, aid string) (err error) {
		out, err = svc.Drill(ctxOf(d.core), aid, q)
		return err
	})
	return out, err
}

// DashboardExportName is the file name the save dialog proposes.
func DashboardExportName(day time.Time) string {
	return "tong-quan-" + day.Format("20060102") + ".xlsx"
}

// Export asks where to save, writes the dashboard workbook there and
// returns the path; "" means the user cancelled.
func (d *Dashboard) Export(q dashboard.Query) (string, error) {
	p, err := d.core.saveFileDialog(wruntime.SaveDialogOptions{
		Title:           d.core.t("dashboard.exportDialog"),
		DefaultFilename: DashboardExportName(time.Now()),
		Filters:         []wruntime.FileFilter{{DisplayName: d.core.t("dialog.xlsxFilter"), Pattern: "*.xlsx"}},
	})
	if err != nil || p == "" {
		return "", d.core.fail("dashboard.export", err)
	}
	if filepath.Ext(p) == "" {
		p += ".xlsx"
	}
	if err := d.ExportTo(q, p); err != nil {
		return "", err
	}
	return p, nil
}

// ExportTo writes the dashboard workbook to path without a dialog.
func (d *Dashboard) ExportTo(q dashboard.Query, path string) error {
	return d.run("dashboard.export", func(svc *dashboard.Service, aid string) error {
		err := svc.ExportTo(ctxOf(d.core), aid, q, path)
		if err == nil {
			d.core.log.Info("dashboard export", "path", path)
		}
		return err
	})
}

// Metrics lists the target metrics the dashboard computes (hints for the
// campaign editor).
func (d *Dashboard) Metrics() []string {
	return append([]string(nil), dashboard.Metrics...)
}
