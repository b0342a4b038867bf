package dashboard

import (
	"context"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"chungsuc/internal/locality"
)

// The SQL of the dashboard. Every statement is built from the fragments
// below with named parameters (@agency, @date, @year, …) so that the same
// text runs on SQLite and PostgreSQL; nothing loops over communes in Go.

// scope is what one evaluation of the figures is about.
type scope struct {
	agency   string
	date     string   // the day: validity of localities, assessments up to it
	year     int      // the NTM status year (the day's year)
	start    string   // the campaign's first day (registrations, districts)
	province string   // "" = all
	code     string   // criteria set code; "" = none (no assessment figures)
	sets     []string // the ids of the code's revisions
	campaign string   // registrations for another campaign do not count
}

func (sc scope) args() map[string]any {
	return map[string]any{
		"agency": sc.agency, "date": sc.date, "year": sc.year, "start": sc.start,
		"province": sc.province, "code": sc.code, "sets": sc.sets, "campaign": sc.campaign,
		"true": true, "false": false,
	}
}

// The NTM levels each figure counts: đạt chuẩn or above, nâng cao or above,
// kiểu mẫu; thôn đạt chuẩn for villages.
var (
	levelsNTM      = "('" + locality.NTMDatChuan + "', '" + locality.NTMNangCao + "', '" + locality.NTMKieuMau + "')"
	levelsAdvanced = "('" + locality.NTMNangCao + "', '" + locality.NTMKieuMau + "')"
	levelsModel    = "('" + locality.NTMKieuMau + "')"
	levelsVillage  = "('" + locality.NTMThonDatChuan + "')"
)

// validAt: the locality (alias a) exists on @date.
func validAt(a string) string {
	return "(COALESCE(" + a + ".valid_from, '') = '' OR " + a + ".valid_from <= @date) AND " +
		"(COALESCE(" + a + ".valid_to, '') = '' OR " + a + ".valid_to >= @date)"
}

// under: the locality whose parent column is parentCol lies under
// @province (its parent, grandparent or great-grandparent).
func under(parentCol string) string {
	return "(" + parentCol + " = @province OR " + parentCol + " IN (SELECT px.id FROM localities px WHERE px.parent_id = @province) OR " +
		parentCol + " IN (SELECT py.id FROM localities py JOIN localities px ON px.id = py.parent_id WHERE px.parent_id = @province))"
}

// statusAt is a column of the locality's newest live NTM status up to @year
// (the same order as the localities list's current level).
func statusAt(a, col string) string {
	return "(SELECT s." + col + " FROM locality_ntm_statuses s WHERE s.locality_id = " + a + ".id AND s.deleted_at IS NULL " +
		"AND s.year <= @year ORDER BY s.year DESC, s.decision_date DESC, s.created_at DESC, s.id DESC LIMIT 1)"
}

// latestID is the id of the locality's (alias a) latest finalised, live
// assessment of the set code (its revisions' ids in @sets) up to @date: one
// short walk of the index on (locality_id, set_id, date). The status test
// is written as an expression so that SQLite, which has no statistics, does
// not prefer the index on status (and scan every finalised assessment);
// agency_id is left out for the same reason (the set ids are the agency's).
func latestID(a string) string {
	return "(SELECT x.id FROM assessments x WHERE x.locality_id = " + a + ".id AND x.set_id IN @sets " +
		"AND x.date <= @date AND x.status || '' = 'hoan_tat' AND x.deleted_at IS NULL ORDER BY x.date DESC, x.id DESC LIMIT 1)"
}

// communesCTE is "cm": the communes (kind xã, level 3) valid on @date,
// with their NTM level (lvl) and the id of their latest finalised
// assessment (la_id) when asked for (else NULL), each looked up once (MATERIALIZED: the CTE is not
// inlined, so a column used several times is not computed again).
// Join "assessments la ON la.id = cm.la_id" for the totals.
//
// only, if not "", is one more condition on l (e.g. the communes a unit supports).
func (sc scope) communesCTE(withLevel, withLatest bool, only string) string {
	cols := "l.id, l.parent_id, l.name, l.kind, l.search_key, l.sort_key"
	if withLevel {
		cols += ", " + statusAt("l", "level") + " AS lvl"
	} else {
		cols += ", CAST(NULL AS VARCHAR(20)) AS lvl"
	}
	if sc.code != "" && withLatest {
		cols += ", " + latestID("l") + " AS la_id"
	} else {
		cols += ", CAST(NULL AS VARCHAR(36)) AS la_id"
	}
	w := "cm AS MATERIALIZED (SELECT " + cols + " FROM localities l WHERE l.agency_id = @agency AND l.deleted_at IS NULL " +
		"AND l.level = 3 AND l.kind = '" + locality.KindXa + "' AND " + validAt("l")
	if sc.province != "" {
		w += " AND " + under("l.parent_id")
	}
	if only != "" {
		w += " AND " + only
	}
	return w + ")"
}

// onlyUnitCommunes restricts "cm" to the communes of "uc".
const onlyUnitCommunes = "l.id IN (SELECT uc.commune_id FROM uc)"

// joinLatest joins the latest assessment of each commune as "la".
const joinLatest = " LEFT JOIN assessments la ON la.id = cm.la_id "

// unitCommunesCTE is "uc": (unit, commune) pairs of the live, non-cancelled
// registrations of this campaign (or of none) in force between the
// campaign's start and @date; a village's registration counts for its commune.
func unitCommunesCTE() string {
	return "uc AS (SELECT DISTINCT r.unit_id, CASE WHEN rl.level = 4 THEN rl.parent_id ELSE rl.id END AS commune_id " +
		"FROM sponsor_registrations r JOIN localities rl ON rl.id = r.locality_id " +
		"JOIN units u ON u.id = r.unit_id AND u.deleted_at IS NULL " +
		"WHERE r.agency_id = @agency AND r.deleted_at IS NULL AND r.status <> 'huy' " +
		"AND (r.campaign_id IS NULL OR r.campaign_id = @campaign) " +
		"AND (COALESCE(r.from_date, '') = '' OR r.from_date <= @date) AND (COALESCE(r.to_date, '') = '' OR r.to_date >= @start))"
}

// districtsCTE is "dx": the level-2 units that existed at some time between
// the campaign's start and @date. The districts were abolished on 1/7/2025,
// within the 2021–2025 campaign, so "valid on @date" would leave none; the
// ones that ended are flagged (ended = 1).
func (sc scope) districtsCTE() string {
	w := "dx AS (SELECT d.id, d.parent_id, d.name, d.kind, d.search_key, d.sort_key, " + statusAt("d", "level") + " AS lvl, " +
		"CASE WHEN COALESCE(d.valid_to, '') <> '' AND d.valid_to < @date THEN 1 ELSE 0 END AS ended " +
		"FROM localities d WHERE d.agency_id = @agency AND d.deleted_at IS NULL AND d.level = 2 " +
		"AND (COALESCE(d.valid_from, '') = '' OR d.valid_from <= @date) AND (COALESCE(d.valid_to, '') = '' OR d.valid_to >= @start)"
	if sc.province != "" {
		w += " AND " + under("d.parent_id")
	}
	return w + ")"
}

// villagesCTE is "vd": the villages valid on @date of a commune valid on
// @date that is special-difficulty (or the village itself is so flagged,
// as in the sponsorship rule), with their NTM level.
func (sc scope) villagesCTE() string {
	w := "vd AS (SELECT v.id, v.parent_id, v.name, v.kind, v.search_key, v.sort_key, " + statusAt("v", "level") + " AS lvl " +
		"FROM localities v JOIN localities c ON c.id = v.parent_id AND c.deleted_at IS NULL AND c.level = 3 " +
		"WHERE v.agency_id = @agency AND v.deleted_at IS NULL AND v.level = 4 AND " + validAt("v") + " AND " + validAt("c") +
		" AND (c.special_difficulty = @true OR v.special_difficulty = @true)"
	if sc.province != "" {
		w += " AND " + under("v.parent_id")
	}
	return w + ")"
}

func with(ctes ...string) string { return "WITH " + strings.Join(ctes, ", ") + " " }

// communeStats is the state of the communes on one day.
type communeStats struct {
	Communes, NTM, NangCao, KieuMau, Assessed int
	SumMet                                    int
	// Hist[n] = assessed communes with criteria_met = n.
	Hist map[int]int
}

func (c communeStats) below(n int) int {
	k := 0
	for met, cnt := range c.Hist {
		if met < n {
			k += cnt
		}
	}
	return k
}

func (c communeStats) avg() float64 {
	if c.Assessed == 0 {
		return 0
	}
	return round(float64(c.SumMet)/float64(c.Assessed), 2)
}

// communeStats counts the communes by NTM level and by criteria met in
// their latest finalised assessment, in one statement grouped by
// criteria_met (NULL for the unassessed).
func (s *Service) communeStats(ctx context.Context, sc scope) (communeStats, error) {
	sql := with(sc.communesCTE(true, true, "")) +
		"SELECT la.criteria_met AS met, COUNT(*) AS n, COUNT(la.id) AS assessed, " +
		"COALESCE(SUM(CASE WHEN cm.lvl IN " + levelsNTM + " THEN 1 ELSE 0 END), 0) AS ntm, " +
		"COALESCE(SUM(CASE WHEN cm.lvl IN " + levelsAdvanced + " THEN 1 ELSE 0 END), 0) AS nang_cao, " +
		"COALESCE(SUM(CASE WHEN cm.lvl IN " + levelsModel + " THEN 1 ELSE 0 END), 0) AS kieu_mau " +
		"FROM cm" + joinLatest + "GROUP BY la.criteria_met"
	var rows []struct {
		Met                                *int
		N, Assessed, NTM, NangCao, KieuMau int
	}
	if err := s.db.WithContext(ctx).Raw(sql, sc.args()).Scan(&rows).Error; err != nil {
		return communeStats{}, fmt.Errorf("dashboard communes: %w", err)
	}
	out := communeStats{Hist: map[int]int{}}
	for _, r := range rows {
		out.Communes += r.N
		out.NTM += r.NTM
		out.NangCao += r.NangCao
		out.KieuMau += r.KieuMau
		if r.Met != nil {
			out.Assessed += r.Assessed
			out.SumMet += *r.Met * r.Assessed
			out.Hist[*r.Met] += r.Assessed
		}
	}
	return out, nil
}

// districtStats counts the districts and those at NTM level.
func (s *Service) districtStats(ctx context.Context, sc scope) (total, ntm, ended int, err error) {
	sql := with(sc.districtsCTE()) + "SELECT COUNT(*) AS total, " +
		"COALESCE(SUM(CASE WHEN lvl IN " + levelsNTM + " THEN 1 ELSE 0 END), 0) AS ntm, COALESCE(SUM(ended), 0) AS ended FROM dx"
	var r struct{ Total, NTM, Ended int }
	if err := s.db.WithContext(ctx).Raw(sql, sc.args()).Scan(&r).Error; err != nil {
		return 0, 0, 0, fmt.Errorf("dashboard districts: %w", err)
	}
	return r.Total, r.NTM, r.Ended, nil
}

// villageStats counts the villages of special-difficulty communes and those
// recognised thôn đạt chuẩn.
func (s *Service) villageStats(ctx context.Context, sc scope) (total, ntm int, err error) {
	sql := with(sc.villagesCTE()) + "SELECT COUNT(*) AS total, " +
		"COALESCE(SUM(CASE WHEN lvl IN " + levelsVillage + " THEN 1 ELSE 0 END), 0) AS ntm FROM vd"
	var r struct{ Total, NTM int }
	if err := s.db.WithContext(ctx).Raw(sql, sc.args()).Scan(&r).Error; err != nil {
		return 0, 0, fmt.Errorf("dashboard villages: %w", err)
	}
	return r.Total, r.NTM, nil
}

// criteriaPass counts, per criterion number, the communes whose latest
// finalised assessment passes it. Assessed counts the assessments whose set
// revision has the criterion, so that a criterion without a cached result
// row counts as not passed. The result rows are read by range (one
// assessment's rows together: CROSS JOIN keeps cm the outer loop on SQLite,
// which would otherwise scan every result row) and grouped by criterion id
// before the criteria are joined.
func (s *Service) criteriaPass(ctx context.Context, sc scope) ([]CriterionPass, error) {
	out := []CriterionPass{}
	if sc.code == "" {
		return out, nil
	}
	sql := with(sc.communesCTE(false, true, ""),
		"p AS (SELECT ac.criterion_id, SUM(CASE WHEN ac.met THEN 1 ELSE 0 END) AS passed "+
			"FROM cm CROSS JOIN assessment_criteria ac WHERE ac.assessment_id = cm.la_id GROUP BY ac.criterion_id)",
		"n AS (SELECT la.set_id, COUNT(*) AS n FROM cm JOIN assessments la ON la.id = cm.la_id GROUP BY la.set_id)") +
		"SELECT cc.no AS no, MAX(cc.name) AS name, SUM(n.n) AS assessed, COALESCE(SUM(p.passed), 0) AS passed " +
		"FROM n JOIN criteria_criteria cc ON cc.set_id = n.set_id AND cc.deleted_at IS NULL " +
		"LEFT JOIN p ON p.criterion_id = cc.id GROUP BY cc.no ORDER BY cc.no"
	if err := s.db.WithContext(ctx).Raw(sql, sc.args()).Scan(&out).Error; err != nil {
		return nil, fmt.Errorf("dashboard criteria: %w", err)
	}
	for i := range out {
		out[i].Rate = pct(out[i].Passed, out[i].Assessed)
	}
	return out, nil
}

// unitProgress gives, per unit, the communes it supports with their level
// and latest assessment.
func (s *Service) unitProgress(ctx context.Context, sc scope) ([]UnitProgress, error) {
	sql := with(unitCommunesCTE(), sc.communesCTE(true, true, onlyUnitCommunes)) +
		"SELECT u.id AS unit_id, u.name AS unit_name, COUNT(*) AS communes, " +
		"COALESCE(SUM(CASE WHEN cm.lvl IN " + levelsNTM + " THEN 1 ELSE 0 END), 0) AS communes_ntm, " +
		"COUNT(la.id) AS assessed, COALESCE(SUM(la.criteria_met), 0) AS sum_met " +
		"FROM uc JOIN units u ON u.id = uc.unit_id JOIN cm ON cm.id = uc.commune_id " +
		joinLatest + "GROUP BY u.id, u.name, u.sort_order, u.sort_key ORDER BY u.sort_order, u.sort_key, u.id"
	var rows []struct {
		UnitID, UnitName                        string
		Communes, CommunesNTM, Assessed, SumMet int
	}
	if err := s.db.WithContext(ctx).Raw(sql, sc.args()).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("dashboard units: %w", err)
	}
	out := make([]UnitProgress, 0, len(rows))
	for _, r := range rows {
		u := UnitProgress{UnitID: r.UnitID, UnitName: r.UnitName, Communes: r.Communes, CommunesNTM: r.CommunesNTM, Assessed: r.Assessed}
		if r.Assessed > 0 {
			u.AvgCriteria = round(float64(r.SumMet)/float64(r.Assessed), 2)
		}
		out = append(out, u)
	}
	return out, nil
}

// BaselineNTMCount is the floor the benchmarks compare Compute with: the
// communes_ntm figure (communes of kind xã valid on asOf, and those whose
// newest NTM status up to asOf's year is đạt chuẩn or above) as one
// hand-written SQL statement over the whole agency.
func BaselineNTMCount(ctx context.Context, db *gorm.DB, agencyID, asOf string) (ntm, communes int64, err error) {
	year := 0
	if len(asOf) >= 4 {
		fmt.Sscanf(asOf[:4], "%d", &year)
	}
	const q = `SELECT COUNT(*) AS communes,
  COALESCE(SUM(CASE WHEN (SELECT s.level FROM locality_ntm_statuses s
      WHERE s.locality_id = l.id AND s.deleted_at IS NULL AND s.year <= @year
      ORDER BY s.year DESC, s.decision_date DESC, s.created_at DESC, s.id DESC LIMIT 1)
    IN ('dat_chuan', 'nang_cao', 'kieu_mau') THEN 1 ELSE 0 END), 0) AS ntm
FROM localities l
WHERE l.agency_id = @agency AND l.deleted_at IS NULL AND l.level = 3 AND l.kind = 'xa'
  AND (COALESCE(l.valid_from, '') = '' OR l.valid_from <= @date)
  AND (COALESCE(l.valid_to, '') = '' OR l.valid_to >= @date)`
	var r struct{ Communes, NTM int64 }
	err = db.WithContext(ctx).Raw(q, map[string]any{"agency": agencyID, "date": asOf, "year": year}).Scan(&r).Error
	return r.NTM, r.Communes, err
}
