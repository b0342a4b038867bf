package cli_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"chungsuc/internal/campaign"
	"chungsuc/internal/cli"
	"chungsuc/internal/dashboard"
	"chungsuc/internal/locality"
	"chungsuc/internal/org"
	"chungsuc/internal/sample/sampletest"
	"chungsuc/internal/store"
	"chungsuc/internal/store/storetest"
)

// dashboardDB writes a tiny agency: two communes (one đạt chuẩn), a
// campaign with a share target and a target without a metric.
func dashboardDB(t *testing.T, active bool) string {
	t.Helper()
	ctx := context.Background()
	dsn := storetest.DSN(t)
	db, err := store.Open(ctx, dsn, store.Options{BackupDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	a, err := org.NewService(db.DB).SaveAgency(ctx, org.Agency{Name: "SỞ THỬ NGHIỆM", Abbrev: "STN", PlaceName: "Quảng Bình"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = campaign.NewService(db.DB).Save(ctx, a.ID, campaign.Campaign{Name: "Phong trào thử", FromYear: 2021, ToYear: 2025, Active: active,
		Targets: []campaign.Target{
			{Label: "Một nửa số xã đạt chuẩn", Metric: dashboard.MetricCommunesNTM, Comparator: ">=", Value: 50, ValueUnit: "%"},
			{Label: "Việc theo dõi thủ công", Comparator: ">=", Value: 2, ValueUnit: "lần"},
		}})
	if err != nil {
		t.Fatal(err)
	}
	lsvc := locality.NewService(db.DB)
	p, err := lsvc.Save(ctx, a.ID, locality.Locality{Name: "Tỉnh Thử", Kind: locality.KindTinh})
	if err != nil {
		t.Fatal(err)
	}
	for i, name := range []string{"Xã Đạt", "Xã Chưa"} {
		c, err := lsvc.Save(ctx, a.ID, locality.Locality{Name: name, Kind: locality.KindXa, ParentID: &p.ID})
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			if _, err := lsvc.SaveStatus(ctx, a.ID, locality.NTMStatus{LocalityID: c.ID, Level: locality.NTMDatChuan, Year: 2023}); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dsn
}

func TestDashboardCommand(t *testing.T) {
	m := messages(t)
	env(t)
	dsn := dashboardDB(t, true)

	r := run(t, m, "dashboard", "--json", "--db", dsn)
	if r.code != cli.ExitOK {
		t.Fatalf("dashboard --json: %+v", r)
	}
	var d dashboard.Dashboard
	if err := json.Unmarshal([]byte(r.stdout), &d); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, r.stdout)
	}
	if d.Campaign.Name != "Phong trào thử" || d.AsOf == "" || len(d.Targets) != 2 || d.Communes != 2 {
		t.Fatalf("dashboard %+v", d)
	}
	f := d.Targets[0]
	if f.Count != 1 || f.Denominator != 2 || f.Actual != 50 || f.Met == nil || !*f.Met || f.Label != "Một nửa số xã đạt chuẩn" {
		t.Errorf("figure %+v", f)
	}
	if d.Targets[1].Known || d.Targets[1].Met != nil {
		t.Errorf("manual target %+v", d.Targets[1])
	}
	// The raw JSON names count and denominator on every figure.
	var raw struct {
		Targets []map[string]any `json:"targets"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &raw); err != nil {
		t.Fatal(err)
	}
	for _, x := range raw.Targets {
		if _, ok := x["count"]; !ok {
			t.Errorf("no count: %v", x)
		}
		if _, ok := x["denominator"]; !ok {
			t.Errorf("no denominator: %v", x)
		}
	}

	r = run(t, m, "dashboard", "--db", dsn)
	if r.code != cli.ExitOK {
		t.Fatalf("dashboard: %+v", r)
	}
	for _, want := range []string{"Phong trào: Phong trào thử (2021 - 2025)", "1. Một nửa số xã đạt chuẩn",
		"Mục tiêu: ≥ 50%. Thực hiện: 50% (1/2). Đánh giá: Đạt.", "2. Việc theo dõi thủ công",
		"Chỉ tiêu chưa gắn với cách tính tự động", "Số xã trong phạm vi tính: 2.", "Theo năm:"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "{") {
		t.Errorf("placeholder left:\n%s", r.stdout)
	}
}

func TestDashboardCommandRefusals(t *testing.T) {
	m := messages(t)
	env(t)
	// No active campaign.
	dsn := dashboardDB(t, false)
	r := run(t, m, "dashboard", "--json", "--db", dsn)
	if r.code != cli.ExitError || !strings.Contains(r.stderr, "phong trào") || r.stdout != "" {
		t.Fatalf("no active campaign: %+v", r)
	}
	if !storetest.OnPostgres() {
		missing := filepath.Join(t.TempDir(), "khong-co.db")
		if r := run(t, m, "dashboard", "--db", missing); r.code != cli.ExitError {
			t.Fatalf("missing database: %+v", r)
		}
	}
}

// On the sample data every figure's count is what its drill-down lists.
func TestDashboardCommandOnSample(t *testing.T) {
	m := messages(t)
	env(t)
	// The sample loaded once per test binary (a copy of it; on PostgreSQL a
	// fresh database loaded the usual way).
	dsn := sampletest.DSN(t)
	r := run(t, m, "dashboard", "--json", "--db", dsn)
	if r.code != cli.ExitOK {
		t.Fatalf("dashboard: %+v", r)
	}
	var d dashboard.Dashboard
	if err := json.Unmarshal([]byte(r.stdout), &d); err != nil {
		t.Fatal(err)
	}
	if len(d.Targets) == 0 || d.Communes == 0 {
		t.Fatalf("sample dashboard %+v", d)
	}
	ctx := context.Background()
	db, err := store.Open(ctx, dsn, store.Options{BackupDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	a, err := org.NewService(db.DB).CurrentAgency(ctx)
	if err != nil {
		t.Fatal(err)
	}
	svc := dashboard.NewService(db.DB)
	for _, f := range d.Targets {
		if !f.Known {
			t.Errorf("sample target %q has an unknown metric %q", f.Label, f.Metric)
			continue
		}
		p, err := svc.Drill(ctx, a.ID, dashboard.DrillQuery{Query: dashboard.Query{AsOf: d.AsOf}, Metric: f.DrillMetric})
		if err != nil {
			t.Fatal(err)
		}
		if int(p.Total) != f.Count {
			t.Errorf("%s: drill %d, figure %d", f.Metric, p.Total, f.Count)
		}
	}
}
