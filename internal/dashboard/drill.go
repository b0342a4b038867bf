package dashboard

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"chungsuc/internal/fault"
	"chungsuc/internal/locality"
	"chungsuc/internal/sponsor"
	"chungsuc/internal/store"
	"chungsuc/internal/vntext"
)

// levelRank orders NTM levels: none, chưa đạt, đạt chuẩn, nâng cao, kiểu mẫu.
func levelRank(col string) string {
	return "CASE COALESCE(" + col + ", '') WHEN '" + locality.NTMChuaDat + "' THEN 1 WHEN '" + locality.NTMDatChuan +
		"' THEN 2 WHEN '" + locality.NTMThonDatChuan + "' THEN 2 WHEN '" + locality.NTMNangCao + "' THEN 3 WHEN '" +
		locality.NTMKieuMau + "' THEN 4 ELSE 0 END"
}

// drillSort maps DrillQuery.SortBy to an expression over the alias.
func drillSort(by string, desc bool, a string) string {
	var col string
	switch by {
	case "level":
		col = levelRank(a + ".lvl")
	case "criteriaMet":
		col = "COALESCE(" + a + ".criteria_met, -1)"
	case "assessmentDate":
		col = "COALESCE(" + a + ".assessment_date, '')"
	default:
		col = a + ".sort_key"
	}
	dir := " ASC"
	if desc {
		dir = " DESC"
	}
	return col + dir + ", " + a + ".sort_key ASC, " + a + ".id ASC"
}

// drillBase returns the CTEs and the "b" CTE (the rows behind the figure:
// id, parent_id, name, kind, search_key, sort_key, lvl, la_id, criteria_met,
// assessment_date) for a locality figure. The level and the latest
// assessment are looked up for every row only when the filter or the sort
// needs them; otherwise the page query looks them up for its rows alone.
func drillBase(sc scope, q DrillQuery, metric string) (string, error) {
	const noLatest = "CAST(NULL AS VARCHAR(36)) AS la_id, CAST(NULL AS INTEGER) AS criteria_met, CAST(NULL AS VARCHAR(10)) AS assessment_date"
	switch metric {
	case MetricDistricts, MetricDistrictsNTM:
		if q.CriterionNo != 0 || q.UnitID != "" {
			return "", errNoMetric(metric)
		}
		b := "b AS (SELECT dx.id, dx.parent_id, dx.name, dx.kind, dx.search_key, dx.sort_key, dx.lvl, " + noLatest + " FROM dx"
		if metric == MetricDistrictsNTM {
			b += " WHERE dx.lvl IN " + levelsNTM
		}
		return with(sc.districtsCTE(), b+")"), nil
	case MetricVillagesDBKK, MetricVillagesNTMDBKK:
		if q.CriterionNo != 0 || q.UnitID != "" {
			return "", errNoMetric(metric)
		}
		b := "b AS (SELECT vd.id, vd.parent_id, vd.name, vd.kind, vd.search_key, vd.sort_key, vd.lvl, " + noLatest + " FROM vd"
		if metric == MetricVillagesNTMDBKK {
			b += " WHERE vd.lvl IN " + levelsVillage
		}
		return with(sc.villagesCTE(), b+")"), nil
	}
	var conds []string
	needLevel, needLatest := q.SortBy == "level", q.SortBy == "criteriaMet" || q.SortBy == "assessmentDate"
	switch metric {
	case "", MetricCommunes:
	case MetricCommunesNTM:
		conds, needLevel = append(conds, "cm.lvl IN "+levelsNTM), true
	case MetricCommunesNTMAdvanced:
		conds, needLevel = append(conds, "cm.lvl IN "+levelsAdvanced), true
	case MetricCommunesNTMModel:
		conds, needLevel = append(conds, "cm.lvl IN "+levelsModel), true
	case MetricCommunesAssessed:
		conds, needLatest = append(conds, "la.id IS NOT NULL"), true
	case MetricCommunesUnassessed:
		conds, needLatest = append(conds, "la.id IS NULL"), true
	default:
		n, ok := belowN(metric)
		if !ok {
			return "", errNoMetric(metric)
		}
		conds, needLatest = append(conds, fmt.Sprintf("la.id IS NOT NULL AND la.criteria_met < %d", n)), true
	}
	if q.CriterionNo != 0 {
		met := "ac.met = @true"
		if !q.Passed {
			met = "(ac.met IS NULL OR ac.met = @false)"
		}
		conds = append(conds, "la.id IS NOT NULL AND EXISTS (SELECT 1 FROM criteria_criteria cc "+
			"LEFT JOIN assessment_criteria ac ON ac.assessment_id = la.id AND ac.criterion_id = cc.id "+
			"WHERE cc.set_id = la.set_id AND cc.deleted_at IS NULL AND cc.no = @criterion AND "+met+")")
		needLatest = true
	}
	ctes := []string{sc.communesCTE(needLevel, needLatest, "")}
	if q.UnitID != "" {
		ctes = []string{unitCommunesCTE(), sc.communesCTE(needLevel, needLatest, onlyUnitCommunes)}
		conds = append(conds, "cm.id IN (SELECT uc.commune_id FROM uc WHERE uc.unit_id = @unit)")
	}
	b := "b AS (SELECT cm.id, cm.parent_id, cm.name, cm.kind, cm.search_key, cm.sort_key, cm.lvl, cm.la_id, " +
		"la.criteria_met, la.date AS assessment_date FROM cm" + joinLatest
	if len(conds) > 0 {
		b += " WHERE " + strings.Join(conds, " AND ")
	}
	return with(append(ctes, b+")")...), nil
}

// Drill lists one page of the localities (or, for units_sponsoring, the
// units) behind a figure. Its Total equals the figure's count for the same
// query: Metric = TargetFigure.DrillMetric; CriterionNo with Passed =
// CriterionPass.Passed (Passed false: Assessed − Passed); UnitID =
// UnitProgress.Communes (with Metric communes_ntm: CommunesNTM; with
// communes_assessed: Assessed); Year = the trend point (Metric "" =
// communes_ntm: YearPoint.NTM).
func (s *Service) Drill(ctx context.Context, agencyID string, q DrillQuery) (DrillPage, error) {
	r, err := s.resolve(ctx, agencyID, q.Query)
	if err != nil {
		return DrillPage{}, err
	}
	sc := r.sc
	metric := q.Metric
	if q.Year != 0 {
		last := r.camp.ToYear
		if y := yearOf(r.asOf); y < last {
			last = y
		}
		if q.Year < r.camp.FromYear || q.Year > last {
			return DrillPage{}, fault.New(fault.ErrInvalid, "errors.dashboard.badYear", "year", q.Year)
		}
		sc = yearScope(sc, q.Year)
		if metric == "" && q.CriterionNo == 0 && q.UnitID == "" {
			metric = MetricCommunesNTM
		}
	}
	page := DrillPage{RowKind: RowLocality, Metric: metric, AsOf: sc.date, Items: []DrillRow{}}
	if metric == MetricUnitsSponsoring {
		return s.drillUnits(ctx, agencyID, sc, q, page)
	}
	base, err := drillBase(sc, q, metric)
	if err != nil {
		return page, err
	}
	args := sc.args()
	args["criterion"] = q.CriterionNo
	args["unit"] = q.UnitID
	var search []string
	for i, w := range strings.Fields(vntext.Fold(q.Search)) {
		name := fmt.Sprintf("w%d", i)
		args[name] = "%" + store.EscapeLike(w) + "%"
		search = append(search, "b.search_key LIKE @"+name+" ESCAPE '\\'")
	}
	where := ""
	if len(search) > 0 {
		where = " WHERE " + strings.Join(search, " AND ")
	}
	db := s.db.WithContext(ctx)
	page.Page, page.PageSize = paging(q.Page, q.PageSize)
	// One statement gives the page and, by a window count, the total; the
	// level and the latest assessment not looked up for every row are
	// looked up for the page's rows.
	sql := base + "SELECT pg.id, pg.name, pg.kind, COALESCE(pg.lvl, " + statusAt("pg", "level") + ") AS lvl, " +
		statusAt("pg", "year") + " AS level_year, pa.id AS assessment_id, pa.date AS assessment_date, " +
		"pa.criteria_met, pa.criteria_total, pg.total, p1.name AS p1, p2.name AS p2, p3.name AS p3 " +
		"FROM (SELECT b.*, COUNT(*) OVER () AS total FROM b" + where + " ORDER BY " + drillSort(q.SortBy, q.Desc, "b") +
		fmt.Sprintf(" LIMIT %d OFFSET %d", page.PageSize, (page.Page-1)*page.PageSize) + ") pg " +
		"LEFT JOIN assessments pa ON pa.id = COALESCE(pg.la_id, " + latestID("pg") + ") " +
		"LEFT JOIN localities p1 ON p1.id = pg.parent_id LEFT JOIN localities p2 ON p2.id = p1.parent_id " +
		"LEFT JOIN localities p3 ON p3.id = p2.parent_id ORDER BY " + drillSort(q.SortBy, q.Desc, "pg")
	var rows []struct {
		ID, Name, Kind               string
		Lvl                          *string
		AssessmentID, AssessmentDate *string
		CriteriaMet, CriteriaTotal   *int
		LevelYear                    *int
		Total                        int64
		P1, P2, P3                   *string
	}
	if err := db.Raw(sql, args).Scan(&rows).Error; err != nil {
		return page, fmt.Errorf("dashboard drill: %w", err)
	}
	if len(rows) > 0 {
		page.Total = rows[0].Total
	} else if err := db.Raw(base+"SELECT COUNT(*) FROM b"+where, args).Scan(&page.Total).Error; err != nil {
		return page, fmt.Errorf("dashboard drill count: %w", err)
	}
	for _, x := range rows {
		row := DrillRow{LocalityID: x.ID, Name: x.Name, Kind: x.Kind, Level: str(x.Lvl),
			AssessmentID: str(x.AssessmentID), AssessmentDate: str(x.AssessmentDate)}
		parts := []string{x.Name}
		for _, p := range []*string{x.P1, x.P2, x.P3} {
			if p != nil && *p != "" {
				parts = append(parts, *p)
			}
		}
		row.Path = strings.Join(parts, ", ")
		if x.LevelYear != nil && row.Level != "" {
			row.LevelYear = *x.LevelYear
		}
		if x.CriteriaMet != nil {
			row.CriteriaMet = *x.CriteriaMet
		}
		if x.CriteriaTotal != nil {
			row.CriteriaTotal = *x.CriteriaTotal
		}
		page.Items = append(page.Items, row)
	}
	return page, nil
}

// paging normalises a page number and size as store.ListQuery does.
func paging(page, size int) (int, int) {
	if size <= 0 {
		size = 20
	}
	if size > store.MaxPageSize {
		size = store.MaxPageSize
	}
	if page < 1 {
		page = 1
	}
	return page, size
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// drillUnits lists the units complying with the sponsorship rule on the
// day (the count of the units_sponsoring figure). A unit list is short:
// it is filtered and paged here.
func (s *Service) drillUnits(ctx context.Context, agencyID string, sc scope, q DrillQuery, page DrillPage) (DrillPage, error) {
	if q.CriterionNo != 0 || q.UnitID != "" {
		return page, errNoMetric(MetricUnitsSponsoring)
	}
	page.RowKind = RowUnit
	day, _ := time.Parse(fault.DateLayout, sc.date)
	comp, err := sponsor.NewService(s.db).Compliance(ctx, agencyID, day)
	if err != nil {
		return page, err
	}
	words := strings.Fields(vntext.Fold(q.Search))
	var rows []DrillRow
	for _, u := range comp.Units {
		if !u.Required || !u.Complies {
			continue
		}
		key := vntext.Fold(u.UnitName)
		ok := true
		for _, w := range words {
			ok = ok && strings.Contains(key, w)
		}
		if ok {
			rows = append(rows, DrillRow{UnitID: u.UnitID, Name: u.UnitName, Kind: u.UnitKind, Path: strings.Join(u.Localities, "; ")})
		}
	}
	if q.SortBy == "name" {
		sort.SliceStable(rows, func(i, j int) bool {
			a, b := vntext.Fold(rows[i].Name), vntext.Fold(rows[j].Name)
			if q.Desc {
				return a > b
			}
			return a < b
		})
	}
	page.Page, page.PageSize = paging(q.Page, q.PageSize)
	page.Total = int64(len(rows))
	from := (page.Page - 1) * page.PageSize
	for i := from; i < len(rows) && i < from+page.PageSize; i++ {
		page.Items = append(page.Items, rows[i])
	}
	return page, nil
}
