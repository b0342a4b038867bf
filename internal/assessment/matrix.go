package assessment

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"chungsuc/internal/criteria"
	"chungsuc/internal/fault"
	"chungsuc/internal/locality"
	"chungsuc/internal/store"
	"chungsuc/internal/vntext"
)

// latestFinal is the id of the locality's (alias.id) latest live finalised
// assessment of the set revisions @sets dated on or before @asOf: one short
// search of the index assessments(locality_id, set_id, date) per locality.
// With one revision the index order answers the ORDER BY directly (no two
// live assessments of a locality and set code share a date).
func latestFinal(alias string, revisions int) string {
	sets, order := "a.set_id = @set", "a.date DESC"
	if revisions > 1 {
		sets, order = "a.set_id IN @sets", "a.date DESC, a.id DESC"
	}
	return "(SELECT a.id FROM assessments a WHERE a.locality_id = " + alias + ".id AND " + sets +
		" AND a.status = '" + StatusFinal + "' AND a.deleted_at IS NULL AND a.date <= @asOf " +
		"ORDER BY " + order + " LIMIT 1)"
}

// latestGrouped is the same lookup for every locality at once: the
// greatest date (then id) of the code's finalised assessments per locality,
// as one grouped scan; PostgreSQL answers it with a hash aggregate and a
// hash join, faster than one sub-plan per locality.
const latestGrouped = "(SELECT a.locality_id, SUBSTR(MAX(a.date || a.id), 11) AS aid FROM assessments a " +
	"WHERE a.agency_id = @agency AND a.set_id IN @sets AND a.status = '" + StatusFinal + "' " +
	"AND a.deleted_at IS NULL AND a.date <= @asOf GROUP BY a.locality_id)"

// groupLatest chooses latestGrouped over latestFinal when the whole
// candidate list needs its latest assessment: on PostgreSQL. SQLite does
// the per-locality index search faster.
var groupLatest = func(db *gorm.DB) bool { return db.Dialector.Name() == "postgres" }

// fence keeps a derived table from being merged into the outer query
// (SQLite and PostgreSQL both leave a subquery with OFFSET alone), so the
// latest-assessment lookup runs once per locality, not once per reference.
const fence = " LIMIT 2147483647 OFFSET 0"

// registered is the set of localities a unit supports in the year: those
// registered directly and the communes of registered villages.
const registered = `(SELECT r.locality_id FROM sponsor_registrations r
	WHERE r.agency_id = @agency AND r.unit_id = @unit AND r.deleted_at IS NULL AND r.status <> 'huy'
	  AND (COALESCE(r.from_date, '') = '' OR r.from_date <= @yearEnd)
	  AND (COALESCE(r.to_date, '') = '' OR r.to_date >= @yearStart)
	UNION
	SELECT v.parent_id FROM sponsor_registrations r JOIN localities v ON v.id = r.locality_id
	WHERE r.agency_id = @agency AND r.unit_id = @unit AND r.deleted_at IS NULL AND r.status <> 'huy'
	  AND v.parent_id IS NOT NULL
	  AND (COALESCE(r.from_date, '') = '' OR r.from_date <= @yearEnd)
	  AND (COALESCE(r.to_date, '') = '' OR r.to_date >= @yearStart))`

// defaultSetCode is the code of the agency's most recent finalised
// assessment ("" when there is none).
func defaultSetCode(tx *gorm.DB, agencyID string) (string, error) {
	var codes []string
	err := tx.Table("assessments AS a").Joins("JOIN criteria_sets s ON s.id = a.set_id").
		Where("a.agency_id = ? AND a.status = ? AND a.deleted_at IS NULL", agencyID, StatusFinal).
		Order("a.date DESC").Limit(1).Pluck("s.code", &codes).Error
	if err != nil {
		return "", fmt.Errorf("default set code: %w", err)
	}
	if len(codes) == 0 {
		return "", nil
	}
	return codes[0], nil
}

type matrixRow struct {
	LocalityID   string
	Name         string
	AssessmentID string
	Date         string
	SetRevision  int
	CriteriaMet  int
	CriteriaTot  int `gorm:"column:criteria_total"`
	Total        int64
}

// Matrix returns one page of the localities × criteria grid of a set code:
// the localities at the set's level (for commune sets, the xã) valid at the
// as-of date, each with its latest finalised assessment up to that date and
// the met state of each criterion. Everything is set-based: when neither
// the filters nor the sort need the assessments, the localities are paged
// first and the latest assessment is looked up for the page only; the
// per-criterion cells are always read for the page only.
func (s *Service) Matrix(ctx context.Context, agencyID string, q MatrixQuery) (Matrix, error) {
	m := Matrix{Criteria: []CriterionHead{}, Rows: []MatrixRow{}}
	db := s.db.WithContext(ctx)
	switch q.Assessed {
	case "", "yes", "no":
	default:
		return m, errBadMatrix("assessed", q.Assessed)
	}
	switch q.SortBy {
	case "", "name", "criteriaMet", "date":
	default:
		return m, errBadMatrix("sortBy", q.SortBy)
	}
	if q.Year < 0 || (q.Year != 0 && (q.Year < 1900 || q.Year > 2100)) {
		return m, errBadMatrix("year", strconv.Itoa(q.Year))
	}
	today := time.Now().Format(fault.DateLayout)
	m.Year, m.AsOf = q.Year, today
	if q.Year == 0 {
		m.Year = time.Now().Year()
	} else if end := fmt.Sprintf("%04d-12-31", q.Year); end < today {
		m.AsOf = end
	}
	code := q.SetCode
	if code == "" {
		var err error
		if code, err = defaultSetCode(db, agencyID); err != nil || code == "" {
			return m, err
		}
	}
	m.SetCode = code
	var cur criteria.Set
	if err := db.Where("agency_id = ? AND code = ?", agencyID, code).
		Order("criteria_sets.current DESC").Order("criteria_sets.revision DESC").Limit(1).Find(&cur).Error; err != nil {
		return m, fmt.Errorf("find criteria set: %w", err)
	}
	if cur.ID == "" {
		return m, fault.NotFound("criteriaSet")
	}
	var setIDs []string
	if err := db.Table("criteria_sets").Where("agency_id = ? AND code = ?", agencyID, code).
		Order("revision").Pluck("id", &setIDs).Error; err != nil {
		return m, fmt.Errorf("find set revisions: %w", err)
	}
	var err error
	if m.SetName, m.Criteria, err = headerOf(db, agencyID, code); err != nil {
		return m, err
	}
	if q.OnlyNotMet != 0 {
		found := false
		for _, h := range m.Criteria {
			found = found || h.No == q.OnlyNotMet
		}
		if !found {
			return m, errBadMatrix("onlyNotMet", strconv.Itoa(q.OnlyNotMet))
		}
	}

	args := map[string]any{
		"agency": agencyID, "set": setIDs[0], "sets": setIDs, "asOf": m.AsOf, "level": cur.Scope,
		"yearStart": fmt.Sprintf("%04d-01-01", m.Year), "yearEnd": fmt.Sprintf("%04d-12-31", m.Year),
	}
	where := []string{"l.agency_id = @agency", "l.deleted_at IS NULL", "l.level = @level",
		"(COALESCE(l.valid_from, '') = '' OR l.valid_from <= @asOf)",
		"(COALESCE(l.valid_to, '') = '' OR l.valid_to >= @asOf)"}
	if cur.Scope == locality.LevelCommune {
		where = append(where, "l.kind = '"+locality.KindXa+"'")
	}
	if q.ParentID != "" {
		where = append(where, fmt.Sprintf(under, "l.parent_id"))
		args["parent"] = q.ParentID
	}
	if q.UnitID != "" {
		where = append(where, "l.id IN "+registered)
		args["unit"] = q.UnitID
	}
	for i, w := range strings.Fields(vntext.Fold(q.Search)) {
		name := "w" + strconv.Itoa(i)
		where = append(where, "l.search_key LIKE @"+name+" ESCAPE '\\'")
		args[name] = "%" + store.EscapeLike(w) + "%"
	}
	lw := strings.Join(where, " AND ")

	lq := store.ListQuery{Page: q.Page, PageSize: q.PageSize}
	_, page, size := lq.Paginate(db)
	m.Page, m.PageSize = page, size
	args["limit"], args["offset"] = size, (page-1)*size
	dir := " ASC"
	if q.Desc {
		dir = " DESC"
	}
	// pageFirst: the localities alone decide the page.
	pageFirst := q.Assessed == "" && q.OnlyNotMet == 0 && (q.SortBy == "" || q.SortBy == "name")

	inner := "SELECT l.id, l.name, l.sort_key FROM localities l WHERE " + lw
	var outerWhere []string
	order := "q.sort_key" + dir + ", q.id ASC"
	if pageFirst {
		inner += " ORDER BY l.sort_key" + dir + ", l.id ASC LIMIT @limit OFFSET @offset"
		if err := db.Raw("SELECT COUNT(*) FROM localities l WHERE "+lw, args).Scan(&m.Total).Error; err != nil {
			return m, fmt.Errorf("count matrix rows: %w", err)
		}
	} else {
		switch q.Assessed {
		case "yes":
			outerWhere = append(outerWhere, "q.aid IS NOT NULL")
		case "no":
			outerWhere = append(outerWhere, "q.aid IS NULL")
		}
		if q.OnlyNotMet != 0 {
			// The criterion of that number in each revision; its not-met
			// cached rows are one uncorrelated list (a hash semi-join on
			// PostgreSQL, an ephemeral index on SQLite).
			var critIDs []string
			if err := db.Table("criteria_criteria").Where("set_id IN ? AND no = ?", setIDs, q.OnlyNotMet).
				Pluck("id", &critIDs).Error; err != nil {
				return m, fmt.Errorf("find criterion: %w", err)
			}
			outerWhere = append(outerWhere, "q.aid IN (SELECT ac.assessment_id FROM assessment_criteria ac "+
				"WHERE ac.criterion_id IN @crits AND NOT ac.met)")
			args["crits"] = critIDs
		}
		switch q.SortBy {
		case "criteriaMet":
			order = "COALESCE(x.criteria_met, -1)" + dir + ", q.sort_key ASC, q.id ASC"
		case "date":
			order = "COALESCE(x.date, '')" + dir + ", q.sort_key ASC, q.id ASC"
		}
	}
	sqlText := "SELECT q.id AS locality_id, q.name AS name, COALESCE(q.aid, '') AS assessment_id, " +
		"COALESCE(x.date, '') AS date, COALESCE(s.revision, 0) AS set_revision, " +
		"COALESCE(x.criteria_met, 0) AS criteria_met, COALESCE(x.criteria_total, 0) AS criteria_total"
	if !pageFirst {
		sqlText += ", COUNT(*) OVER () AS total"
	}
	// rowsFrom is the candidate localities, each with its latest
	// assessment id (aid).
	rowsFrom := "(SELECT p.id, p.name, p.sort_key, " + latestFinal("p", len(setIDs)) + " AS aid FROM (" + inner + ") p" + fence + ") q"
	if !pageFirst && groupLatest(db) {
		rowsFrom = "(SELECT p.id, p.name, p.sort_key, g.aid FROM (" + inner + ") p LEFT JOIN " + latestGrouped + " g ON g.locality_id = p.id) q"
	}
	sqlText += " FROM " + rowsFrom + " " +
		"LEFT JOIN assessments x ON x.id = q.aid LEFT JOIN criteria_sets s ON s.id = x.set_id"
	if len(outerWhere) > 0 {
		sqlText += " WHERE " + strings.Join(outerWhere, " AND ")
	}
	sqlText += " ORDER BY " + order
	if !pageFirst {
		sqlText += " LIMIT @limit OFFSET @offset"
	}
	var rows []matrixRow
	if err := db.Raw(sqlText, args).Scan(&rows).Error; err != nil {
		return m, fmt.Errorf("matrix rows: %w", err)
	}
	if !pageFirst {
		if len(rows) > 0 {
			m.Total = rows[0].Total
		} else if page > 1 {
			// Past the end: count without the page.
			countSQL := "SELECT COUNT(*) FROM " + rowsFrom
			if len(outerWhere) > 0 {
				countSQL += " WHERE " + strings.Join(outerWhere, " AND ")
			}
			if err := db.Raw(countSQL, args).Scan(&m.Total).Error; err != nil {
				return m, fmt.Errorf("count matrix rows: %w", err)
			}
		}
	}
	ids := make([]string, 0, len(rows))
	aids := make([]string, 0, len(rows))
	for _, r := range rows {
		ids = append(ids, r.LocalityID)
		if r.AssessmentID != "" {
			aids = append(aids, r.AssessmentID)
		}
	}
	met, err := criterionMetByNo(db, aids)
	if err != nil {
		return m, err
	}
	paths, err := pathsOf(db, ids)
	if err != nil {
		return m, err
	}
	for _, r := range rows {
		mr := MatrixRow{LocalityID: r.LocalityID, Name: r.Name, Path: paths[r.LocalityID], AssessmentID: r.AssessmentID,
			Date: r.Date, SetRevision: r.SetRevision, CriteriaMet: r.CriteriaMet, CriteriaTotal: r.CriteriaTot}
		if r.AssessmentID == "" {
			mr.Met = cells(m.Criteria, nil)
		} else {
			mr.Met = cells(m.Criteria, met[r.AssessmentID])
		}
		m.Rows = append(m.Rows, mr)
	}
	return m, nil
}
