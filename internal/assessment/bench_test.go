package assessment_test

import (
	"context"
	"fmt"
	"testing"

	"gorm.io/gorm"

	"chungsuc/internal/assessment"
	"chungsuc/internal/criteria"
	"chungsuc/internal/sample"
	"chungsuc/internal/sample/nationaltest"
)

// National-scale benchmarks of a commune's checklist and of the province
// matrix (BENCHMARKS.md, "NTM criteria at national scale"), on the
// synthetic national dataset at a tenth of the country and at all of it,
// generated once into a cached SQLite file; they run only when
// CHUNGSUC_BENCH_NATIONAL is set (make bench):
//
//	CHUNGSUC_BENCH_NATIONAL=1 go test -run '^$' -bench National -benchtime 3x ./internal/assessment
//
// Each service call is paired with its floor measured in the same run on
// the same file: one hand-written SQL statement returning the same rows.
// Nothing here asserts a timing; the results are checked equal.

// baselineChecklist returns the checklist's rows in one statement: every
// indicator of the set in order with its level for the locality (the
// special-difficulty rule applied, the region of the commune itself), the
// value entered, the cached criterion result, and the value of the
// previous finalised assessment of the same set (the dataset's set has one
// revision; the service looks over every revision of the code).
const baselineChecklist = `SELECT c.no, c.name AS criterion_name, i.code, i.name, i.kind, i.unit,
  COALESCE(t.comparator, i.comparator) AS comparator, CASE WHEN t.id IS NULL THEN i.threshold ELSE t.threshold END AS threshold,
  COALESCE(t.requirement, i.requirement) AS requirement,
  v.id AS value_id, v.value, v.number, v.computed, v.override, v.override_reason, v.met, v.note,
  r.met AS criterion_met, pv.value AS prev_value, pv.number AS prev_number, pv.met AS prev_met,
  a.date, a.status, a.criteria_met, a.criteria_total, l.name AS locality_name
FROM assessments a
JOIN localities l ON l.id = a.locality_id
JOIN criteria_criteria c ON c.set_id = a.set_id AND c.deleted_at IS NULL
JOIN criteria_indicators i ON i.criterion_id = c.id AND i.deleted_at IS NULL
LEFT JOIN criteria_thresholds t ON t.indicator_id = i.id AND t.deleted_at IS NULL
  AND t.key = CASE WHEN l.special_difficulty = @true OR l.safe_zone = @true THEN @special ELSE l.region END
LEFT JOIN assessment_values v ON v.assessment_id = a.id AND v.indicator_id = i.id AND v.deleted_at IS NULL
LEFT JOIN assessment_criteria r ON r.assessment_id = a.id AND r.criterion_id = c.id
LEFT JOIN assessment_values pv ON pv.indicator_id = i.id AND pv.deleted_at IS NULL AND pv.assessment_id = (
  SELECT p.id FROM assessments p WHERE p.locality_id = a.locality_id
    AND p.set_id = a.set_id
    AND p.status = 'hoan_tat' AND p.deleted_at IS NULL AND p.date < a.date ORDER BY p.date DESC, p.id DESC LIMIT 1)
WHERE a.id = @id
ORDER BY c.sort_order, c.no, i.sort_order, i.code`

type checkRow struct {
	No           int
	Code         string
	Threshold    *float64
	ValueID      *string
	Met          *bool
	CriterionMet *bool
	PrevMet      *bool
}

func runBaselineChecklist(ctx context.Context, db *gorm.DB, id string) ([]checkRow, error) {
	var rows []checkRow
	err := db.WithContext(ctx).Raw(baselineChecklist, map[string]any{
		"id": id, "special": criteria.RegionSpecial, "true": true,
	}).Scan(&rows).Error
	return rows, err
}

// baselineMatrix returns one page of the matrix in one statement: the
// communes (under a province, or whose latest assessment does not meet a
// criterion, when asked), each with its latest finalised assessment up to
// the date and one row per criterion result, plus the total. The set's id
// is known (one revision): an "a.set_id IN (SELECT … code)" instead makes
// SQLite, without statistics, search the assessments by status for every
// commune. Without the criterion filter the communes are paged before the
// assessments are looked up, as a hand-written query would.
func baselineMatrix(province bool, notMet int) string {
	where := "l.agency_id = @agency AND l.deleted_at IS NULL AND l.level = 3 AND l.kind = 'xa' " +
		"AND (COALESCE(l.valid_from, '') = '' OR l.valid_from <= @date) AND (COALESCE(l.valid_to, '') = '' OR l.valid_to >= @date)"
	if province {
		where += " AND l.parent_id IN (SELECT d.id FROM localities d WHERE d.parent_id = @province)"
	}
	latest := func(alias string) string {
		return "(SELECT a.id FROM assessments a WHERE a.locality_id = " + alias + ".id AND a.set_id = @set " +
			"AND a.status = 'hoan_tat' AND a.deleted_at IS NULL AND a.date <= @date ORDER BY a.date DESC, a.id DESC LIMIT 1)"
	}
	var ctes, total string
	if notMet == 0 {
		ctes = "p AS MATERIALIZED (SELECT l.id, l.name, l.sort_key FROM localities l WHERE " + where + " ORDER BY l.sort_key, l.id LIMIT 50), " +
			"pg AS MATERIALIZED (SELECT p.id, p.name, p.sort_key, " + latest("p") + " AS aid FROM p)"
		total = "(SELECT COUNT(*) FROM localities l WHERE " + where + ")"
	} else {
		ctes = "cm AS MATERIALIZED (SELECT l.id, l.name, l.sort_key, " + latest("l") + " AS aid FROM localities l WHERE " + where + "), " +
			"f AS MATERIALIZED (SELECT cm.* FROM cm WHERE EXISTS (SELECT 1 FROM assessment_criteria ac JOIN criteria_criteria cc ON cc.id = ac.criterion_id " +
			"WHERE ac.assessment_id = cm.aid AND cc.no = @no AND NOT ac.met)), " +
			"pg AS MATERIALIZED (SELECT f.* FROM f ORDER BY f.sort_key, f.id LIMIT 50)"
		total = "(SELECT COUNT(*) FROM f)"
	}
	return "WITH " + ctes + " SELECT pg.id AS locality_id, " + total + " AS total, x.criteria_met, c.no, r.met " +
		"FROM pg LEFT JOIN assessments x ON x.id = pg.aid " +
		"LEFT JOIN assessment_criteria r ON r.assessment_id = pg.aid LEFT JOIN criteria_criteria c ON c.id = r.criterion_id " +
		"ORDER BY pg.sort_key, pg.id, c.no"
}

type matrixCell struct {
	LocalityID  string
	Total       int64
	CriteriaMet *int
	No          *int
	Met         *bool
}

func runBaselineMatrix(ctx context.Context, db *gorm.DB, sqlText string, args map[string]any) ([]matrixCell, error) {
	var cells []matrixCell
	err := db.WithContext(ctx).Raw(sqlText, args).Scan(&cells).Error
	return cells, err
}

// sameMatrix checks the baseline's cells against the service's page.
func sameMatrix(m assessment.Matrix, cells []matrixCell) error {
	var ids []string
	met := map[string]map[int]bool{}
	for _, c := range cells {
		if c.Total != m.Total {
			return fmt.Errorf("total %d, service %d", c.Total, m.Total)
		}
		if len(ids) == 0 || ids[len(ids)-1] != c.LocalityID {
			ids = append(ids, c.LocalityID)
			met[c.LocalityID] = map[int]bool{}
		}
		if c.No != nil && c.Met != nil {
			met[c.LocalityID][*c.No] = *c.Met
		}
	}
	if len(ids) != len(m.Rows) {
		return fmt.Errorf("%d rows, service %d", len(ids), len(m.Rows))
	}
	for i, r := range m.Rows {
		if r.LocalityID != ids[i] {
			return fmt.Errorf("row %d: %s, service %s", i, ids[i], r.LocalityID)
		}
		for k, h := range m.Criteria {
			want := int8(-1)
			if v, ok := met[r.LocalityID][h.No]; ok {
				want = 0
				if v {
					want = 1
				}
			}
			if r.Met[k] != want {
				return fmt.Errorf("row %d criterion %d: %d, service %d", i, h.No, want, r.Met[k])
			}
		}
	}
	return nil
}

func BenchmarkNationalChecklist(b *testing.B) {
	nationaltest.Skip(b)
	ctx := context.Background()
	for _, scale := range nationaltest.Scales() {
		data := nationaltest.Open(b, scale)
		db := data.DB.DB
		svc := assessment.NewService(db)
		// The 2025 assessment of the commune in the middle of the list.
		var n int64
		if err := db.Table("localities").Where("agency_id = ? AND level = 3", data.AgencyID).Count(&n).Error; err != nil {
			b.Fatal(err)
		}
		var id string
		if err := db.Raw(`SELECT a.id FROM assessments a JOIN localities l ON l.id = a.locality_id
			WHERE a.agency_id = ? AND a.year = 2025 ORDER BY l.sort_key, l.id LIMIT 1 OFFSET ?`, data.AgencyID, n/2).Scan(&id).Error; err != nil || id == "" {
			b.Fatalf("no assessment: %v", err)
		}
		cl, err := svc.Checklist(ctx, data.AgencyID, id)
		if err != nil {
			b.Fatal(err)
		}
		rows, err := runBaselineChecklist(ctx, db, id)
		if err != nil {
			b.Fatal(err)
		}
		items, met, prev := 0, 0, 0
		for _, c := range cl.Criteria {
			items += len(c.Indicators)
			for _, it := range c.Indicators {
				if it.Previous != nil {
					prev++
				}
			}
		}
		bMet, bPrev := 0, 0
		for _, r := range rows {
			if r.Met != nil && *r.Met {
				bMet++
			}
			if r.PrevMet != nil {
				bPrev++
			}
		}
		met = cl.Assessment.IndicatorsMet
		if len(rows) != items || bMet != met || bPrev != prev {
			b.Errorf("x%v: baseline %d rows, %d met, %d previous; checklist %d, %d, %d", scale, len(rows), bMet, bPrev, items, met, prev)
		}
		name := fmt.Sprintf("x%v", scale)
		b.Run(name+"/checklist", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := svc.Checklist(ctx, data.AgencyID, id); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/baseline", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := runBaselineChecklist(ctx, db, id); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkNationalMatrix(b *testing.B) {
	nationaltest.Skip(b)
	ctx := context.Background()
	for _, scale := range nationaltest.Scales() {
		data := nationaltest.Open(b, scale)
		db := data.DB.DB
		svc := assessment.NewService(db)
		var setID string
		if err := db.Raw("SELECT id FROM criteria_sets WHERE agency_id = ? AND code = ?", data.AgencyID, sample.NationalSetCode).
			Scan(&setID).Error; err != nil {
			b.Fatal(err)
		}
		var province string
		if err := db.Raw("SELECT id FROM localities WHERE agency_id = ? AND level = 1 ORDER BY sort_key, id LIMIT 1", data.AgencyID).
			Scan(&province).Error; err != nil {
			b.Fatal(err)
		}
		for _, v := range []struct {
			name     string
			province bool
			notMet   int
		}{{"page", false, 0}, {"province", true, 0}, {"not-met-17", false, 17}} {
			q := assessment.MatrixQuery{SetCode: sample.NationalSetCode, Year: 2025, Page: 1, PageSize: 50, OnlyNotMet: v.notMet}
			if v.province {
				q.ParentID = province
			}
			m, err := svc.Matrix(ctx, data.AgencyID, q)
			if err != nil {
				b.Fatal(err)
			}
			sqlText := baselineMatrix(v.province, v.notMet)
			args := map[string]any{"agency": data.AgencyID, "set": setID, "date": m.AsOf, "province": province, "no": v.notMet}
			cells, err := runBaselineMatrix(ctx, db, sqlText, args)
			if err != nil {
				b.Fatal(err)
			}
			if err := sameMatrix(m, cells); err != nil {
				b.Errorf("x%v %s: %v", scale, v.name, err)
			}
			b.Logf("x%v %s: %d rows in all, page of %d", scale, v.name, m.Total, len(m.Rows))
			name := fmt.Sprintf("x%v/%s", scale, v.name)
			b.Run(name+"/matrix", func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					if _, err := svc.Matrix(ctx, data.AgencyID, q); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run(name+"/baseline", func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					if _, err := runBaselineMatrix(ctx, db, sqlText, args); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
