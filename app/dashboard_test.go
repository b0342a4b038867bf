package app_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"chungsuc/app"
	"chungsuc/internal/dashboard"
)

func TestDashboardFacade(t *testing.T) {
	f := withSample(t)
	d := app.NewDashboard(f.core)
	// Without a window the progress events are skipped, not a crash.
	got, err := d.Get(dashboard.Query{})
	if err != nil {
		t.Fatal(err)
	}
	if got.Campaign.ID == "" || len(got.Targets) == 0 || got.Communes == 0 {
		t.Fatalf("dashboard %+v", got)
	}
	var fig dashboard.TargetFigure
	for _, x := range got.Targets {
		if x.Metric == dashboard.MetricCommunesNTM {
			fig = x
		}
	}
	page, err := d.Drill(dashboard.DrillQuery{Metric: fig.DrillMetric, PageSize: 5})
	if err != nil {
		t.Fatal(err)
	}
	if int(page.Total) != fig.Count || len(page.Items) != min(5, fig.Count) {
		t.Fatalf("drill %d rows of %d, figure %d", len(page.Items), page.Total, fig.Count)
	}
	if _, err := d.Drill(dashboard.DrillQuery{Metric: "khong_co"}); err == nil {
		t.Fatal("unknown metric accepted")
	} else {
		uiError(t, err, "errors.dashboard.unknownMetric")
	}
	if _, err := d.Get(dashboard.Query{AsOf: "2025-13-45"}); err == nil {
		t.Fatal("bad date accepted")
	} else {
		uiError(t, err, "errors.dashboard.badDate")
	}
	if len(d.Metrics()) == 0 {
		t.Fatal("no metrics")
	}

	// Export through the (scripted) save dialog; no extension is added.
	dir := t.TempDir()
	answer := filepath.Join(dir, "answer.txt")
	t.Setenv(app.DialogAnswerEnv, answer)
	if err := os.WriteFile(answer, []byte(filepath.Join(dir, "tong-quan")), 0o600); err != nil {
		t.Fatal(err)
	}
	p, err := d.Export(dashboard.Query{})
	if err != nil || p != filepath.Join(dir, "tong-quan.xlsx") {
		t.Fatalf("export %q %v", p, err)
	}
	x, err := excelize.OpenFile(p)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if s := x.GetSheetList(); len(s) != 4 || s[0] != dashboard.SheetTargets {
		t.Fatalf("sheets %v", s)
	}
	// Cancelled dialog: no answer written.
	if p, err := d.Export(dashboard.Query{}); err != nil || p != "" {
		t.Fatalf("cancelled export %q %v", p, err)
	}
}
