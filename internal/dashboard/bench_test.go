package dashboard_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"chungsuc/internal/dashboard"
	"chungsuc/internal/sample/nationaltest"
)

// National-scale benchmarks of the dashboard (BENCHMARKS.md, "NTM criteria
// at national scale"). They run on the synthetic national dataset
// ("chungsuc sample --scale") at a tenth of the country and at all of it,
// generated once into a cached SQLite file, and only when
// CHUNGSUC_BENCH_NATIONAL is set (make bench):
//
//	CHUNGSUC_BENCH_NATIONAL=1 go test -run '^$' -bench National -benchtime 3x ./internal/dashboard
//
// Each service call is paired with its floor measured in the same run on
// the same file: one hand-written SQL statement computing the same
// aggregate. Nothing here asserts a timing; the figures are checked equal.

// baselineFigures is the floor of Compute's target figures: one statement
// computing the commune counts by NTM level, the assessed communes and
// those below 15 criteria in their latest finalised assessment, and the
// villages of special-difficulty communes with those recognised. The set's
// id is known (the dataset's set has one revision): "a.set_id IN (SELECT …
// code)" instead makes SQLite, without statistics, search the assessments
// by status for every commune.
const baselineFigures = `WITH cm AS (
  SELECT
    (SELECT s.level FROM locality_ntm_statuses s WHERE s.locality_id = l.id AND s.deleted_at IS NULL AND s.year <= @year
      ORDER BY s.year DESC, s.decision_date DESC, s.created_at DESC, s.id DESC LIMIT 1) AS lvl,
    (SELECT a.criteria_met FROM assessments a WHERE a.locality_id = l.id AND a.set_id = @set
      AND a.status = 'hoan_tat' AND a.deleted_at IS NULL AND a.date <= @date ORDER BY a.date DESC, a.id DESC LIMIT 1) AS met
  FROM localities l
  WHERE l.agency_id = @agency AND l.deleted_at IS NULL AND l.level = 3 AND l.kind = 'xa'
    AND (COALESCE(l.valid_from, '') = '' OR l.valid_from <= @date) AND (COALESCE(l.valid_to, '') = '' OR l.valid_to >= @date)),
vd AS (
  SELECT
    (SELECT s.level FROM locality_ntm_statuses s WHERE s.locality_id = v.id AND s.deleted_at IS NULL AND s.year <= @year
      ORDER BY s.year DESC, s.decision_date DESC, s.created_at DESC, s.id DESC LIMIT 1) AS lvl
  FROM localities v JOIN localities c ON c.id = v.parent_id
  WHERE v.agency_id = @agency AND v.deleted_at IS NULL AND v.level = 4 AND c.deleted_at IS NULL AND c.level = 3
    AND (c.special_difficulty = @true OR v.special_difficulty = @true)
    AND (COALESCE(v.valid_from, '') = '' OR v.valid_from <= @date) AND (COALESCE(v.valid_to, '') = '' OR v.valid_to >= @date)
    AND (COALESCE(c.valid_from, '') = '' OR c.valid_from <= @date) AND (COALESCE(c.valid_to, '') = '' OR c.valid_to >= @date))
SELECT x.*, y.* FROM
  (SELECT COUNT(*) AS communes,
     COALESCE(SUM(CASE WHEN lvl IN ('dat_chuan', 'nang_cao', 'kieu_mau') THEN 1 ELSE 0 END), 0) AS ntm,
     COALESCE(SUM(CASE WHEN lvl IN ('nang_cao', 'kieu_mau') THEN 1 ELSE 0 END), 0) AS advanced,
     COALESCE(SUM(CASE WHEN lvl = 'kieu_mau' THEN 1 ELSE 0 END), 0) AS model,
     COUNT(met) AS assessed,
     COALESCE(SUM(CASE WHEN met < 15 THEN 1 ELSE 0 END), 0) AS below15
   FROM cm) x,
  (SELECT COUNT(*) AS villages, COALESCE(SUM(CASE WHEN lvl = 'thon_dat_chuan' THEN 1 ELSE 0 END), 0) AS villages_ntm FROM vd) y`

type figures struct {
	Communes, NTM, Advanced, Model, Assessed, Below15, Villages, VillagesNTM int
}

func runBaselineFigures(ctx context.Context, db *gorm.DB, agencyID, setID, asOf string) (figures, error) {
	var f figures
	year := 0
	fmt.Sscanf(asOf, "%4d", &year)
	err := db.WithContext(ctx).Raw(baselineFigures, map[string]any{
		"agency": agencyID, "set": setID, "date": asOf, "year": year, "true": true,
	}).Scan(&f).Error
	return f, err
}

// figuresOf reads the same numbers from the dashboard.
func figuresOf(d dashboard.Dashboard) figures {
	f := figures{Communes: d.Communes}
	for _, t := range d.Targets {
		switch t.Metric {
		case dashboard.MetricCommunesNTM:
			f.NTM = t.Count
		case dashboard.MetricCommunesNTMAdvanced:
			f.Advanced = t.Count
		case dashboard.MetricCommunesNTMModel:
			f.Model = t.Count
		case dashboard.MetricCommunesBelow + "15":
			f.Below15, f.Assessed = t.Count, t.Denominator
		case dashboard.MetricVillagesNTMDBKK:
			f.Villages, f.VillagesNTM = t.Denominator, t.Count
		}
	}
	return f
}

func BenchmarkNationalDashboard(b *testing.B) {
	nationaltest.Skip(b)
	ctx := context.Background()
	for _, scale := range nationaltest.Scales() {
		data := nationaltest.Open(b, scale)
		svc := dashboard.NewService(data.DB.DB)
		// One untimed run: the as-of date, the set, and the figures the
		// baselines must give.
		var steps []string
		last := time.Now()
		d, err := svc.Compute(ctx, data.AgencyID, dashboard.Query{}, func(step, n int) {
			steps = append(steps, fmt.Sprintf("%d/%d %.0f ms", step, n, float64(time.Since(last).Microseconds())/1000))
			last = time.Now()
		})
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("x%v: untimed Compute, time per progress step: %s", scale, strings.Join(steps, ", "))
		want := figuresOf(d)
		got, err := runBaselineFigures(ctx, data.DB.DB, data.AgencyID, d.Set.ID, d.AsOf)
		if err != nil {
			b.Fatal(err)
		}
		if got != want {
			b.Errorf("x%v: baseline figures %+v, dashboard %+v", scale, got, want)
		}
		b.Logf("x%v: %d communes, %d NTM, %d assessed, %d below 15, %d/%d villages (as of %s, set %s)",
			scale, want.Communes, want.NTM, want.Assessed, want.Below15, want.VillagesNTM, want.Villages, d.AsOf, d.SetCode)
		name := fmt.Sprintf("x%v", scale)
		b.Run(name+"/compute", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := svc.Compute(ctx, data.AgencyID, dashboard.Query{}, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/baseline-figures", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := runBaselineFigures(ctx, data.DB.DB, data.AgencyID, d.Set.ID, d.AsOf); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/baseline-ntm", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				ntm, communes, err := dashboard.BaselineNTMCount(ctx, data.DB.DB, data.AgencyID, d.AsOf)
				if err != nil || int(ntm) != want.NTM || int(communes) != want.Communes {
					b.Fatalf("baseline ntm %d/%d %v, want %d/%d", ntm, communes, err, want.NTM, want.Communes)
				}
			}
		})
	}
}
