package assessment

import (
	"context"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"chungsuc/internal/fault"
	"chungsuc/internal/store"
	"chungsuc/internal/vntext"
)

var listSort = map[string]string{
	"date": "a.date", "year": "a.year", "locality": "l.sort_key", "criteriaMet": "a.criteria_met",
	"status": "a.status", "updatedAt": "a.updated_at", "set": "s.code", "deletedAt": "a.deleted_at",
}

// searchWords adds one LIKE per folded word of the search on col.
func searchWords(tx *gorm.DB, col, search string) *gorm.DB {
	for _, w := range strings.Fields(vntext.Fold(search)) {
		tx = tx.Where(col+" LIKE ? ESCAPE '\\'", "%"+store.EscapeLike(w)+"%")
	}
	return tx
}

// under is the condition "col is @parent or one of its descendants" (up
// to two levels down, so a province reaches communes through districts and
// villages through communes): one uncorrelated list, searched through the
// parent_id index.
const under = "%[1]s IN (SELECT u0.id FROM localities u0 WHERE u0.id = @parent " +
	"UNION ALL SELECT u1.id FROM localities u1 WHERE u1.parent_id = @parent " +
	"UNION ALL SELECT u2.id FROM localities u2 JOIN localities u1 ON u2.parent_id = u1.id WHERE u1.parent_id = @parent)"

// List returns one page of the agency's assessments (the deleted ones with
// q.Deleted). The search matches the locality name, diacritics ignored.
func (s *Service) List(ctx context.Context, agencyID string, q Query) (Page, error) {
	page := Page{Items: []Row{}}
	// The filters are conditions on the assessments row alone (lists of
	// ids), so the count needs no join.
	tx := s.db.WithContext(ctx).Table("assessments AS a").Where("a.agency_id = ?", agencyID)
	if q.Deleted {
		tx = tx.Where("a.deleted_at IS NOT NULL")
	} else {
		tx = tx.Where("a.deleted_at IS NULL")
	}
	if strings.TrimSpace(q.Search) != "" {
		sub := searchWords(s.db.Table("localities AS ls").Select("ls.id").Where("ls.agency_id = ?", agencyID), "ls.search_key", q.Search)
		tx = tx.Where("a.locality_id IN (?)", sub)
	}
	if q.LocalityID != "" {
		tx = tx.Where("a.locality_id = ?", q.LocalityID)
	}
	if q.SetID != "" {
		tx = tx.Where("a.set_id = ?", q.SetID)
	}
	if q.SetCode != "" {
		tx = tx.Where("a.set_id IN (SELECT cs.id FROM criteria_sets cs WHERE cs.agency_id = ? AND cs.code = ?)", agencyID, q.SetCode)
	}
	if q.Year != 0 {
		tx = tx.Where("a.year = ?", q.Year)
	}
	if q.Status != "" {
		tx = tx.Where("a.status = ?", q.Status)
	}
	if q.ParentID != "" {
		tx = tx.Where("a.locality_id IN (SELECT lp.id FROM localities lp WHERE "+fmt.Sprintf(under, "lp.parent_id")+")",
			map[string]any{"parent": q.ParentID})
	}
	if err := tx.Session(&gorm.Session{}).Count(&page.Total).Error; err != nil {
		return page, fmt.Errorf("count assessments: %w", err)
	}
	tx = tx.Joins("JOIN localities l ON l.id = a.locality_id").Joins("JOIN criteria_sets s ON s.id = a.set_id")
	col, ok := listSort[q.SortBy]
	desc := q.Desc
	if !ok {
		col, desc = "a.date", true
	}
	dir := " ASC"
	if desc {
		dir = " DESC"
	}
	tx = tx.Select("a.*, l.name AS locality_name, l.kind AS locality_kind, s.code AS set_code, s.name AS set_name, " +
		"s.revision AS set_revision, s.confirmed AS set_confirmed").Order(col + dir).Order("a.id ASC")
	ptx, p, size := q.Paginate(tx)
	page.Page, page.PageSize = p, size
	if err := ptx.Scan(&page.Items).Error; err != nil {
		return page, fmt.Errorf("list assessments: %w", err)
	}
	ids := make([]string, len(page.Items))
	for i := range page.Items {
		ids[i] = page.Items[i].LocalityID
	}
	paths, err := pathsOf(s.db.WithContext(ctx), ids)
	if err != nil {
		return page, err
	}
	for i := range page.Items {
		page.Items[i].LocalityPath = paths[page.Items[i].LocalityID]
	}
	return page, nil
}

// History lists an assessment's events, newest first, with the code and
// name of the indicator each value event concerns.
func (s *Service) History(ctx context.Context, agencyID, id string) ([]EventRow, error) {
	db := s.db.WithContext(ctx)
	if err := store.OwnedBy(db.Unscoped(), &Assessment{}, "assessment", id, agencyID); err != nil {
		return nil, err
	}
	out := []EventRow{}
	err := db.Table("assessment_events AS e").
		Select("e.*, COALESCE(i.code, '') AS indicator_code, COALESCE(i.name, '') AS indicator_name, COALESCE(c.no, 0) AS criterion_no").
		Joins("LEFT JOIN criteria_indicators i ON i.id = e.indicator_id").
		Joins("LEFT JOIN criteria_criteria c ON c.id = i.criterion_id").
		Where("e.assessment_id = ?", id).
		Order("e.created_at DESC").Order("e.id DESC").Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("assessment history: %w", err)
	}
	return out, nil
}

// headerOf returns the criteria header (number, name) of the newest
// revision of a set code: the current one, else the highest.
func headerOf(tx *gorm.DB, agencyID, code string) (string, []CriterionHead, error) {
	var sets []struct {
		ID   string
		Name string
	}
	if err := tx.Table("criteria_sets").Select("id, name").
		Where("agency_id = ? AND code = ? AND deleted_at IS NULL", agencyID, code).
		Order("criteria_sets.current DESC").Order("criteria_sets.revision DESC").Limit(1).Scan(&sets).Error; err != nil {
		return "", nil, fmt.Errorf("find set header: %w", err)
	}
	heads := []CriterionHead{}
	if len(sets) == 0 {
		return "", heads, nil
	}
	if err := tx.Table("criteria_criteria").Select("no, name").
		Where("set_id = ? AND deleted_at IS NULL", sets[0].ID).
		Order("sort_order ASC").Order("no ASC").Order("id ASC").Scan(&heads).Error; err != nil {
		return "", nil, fmt.Errorf("load criteria header: %w", err)
	}
	return sets[0].Name, heads, nil
}

// cells lays out the met states by criterion number in header order.
func cells(heads []CriterionHead, met map[int]bool) []int8 {
	out := make([]int8, len(heads))
	for i, h := range heads {
		m, ok := met[h.No]
		switch {
		case !ok:
			out[i] = -1
		case m:
			out[i] = 1
		}
	}
	return out
}

// Timeline returns a locality's finalised assessments of one set code year
// by year (the latest of each year) with the met state of every criterion.
// An empty code picks the code of the locality's latest finalised
// assessment.
func (s *Service) Timeline(ctx context.Context, agencyID, localityID, setCode string) (Timeline, error) {
	t := Timeline{LocalityID: localityID, SetCodes: []string{}, Criteria: []CriterionHead{}, Years: []TimelineYear{}}
	db := s.db.WithContext(ctx)
	info, _, err := localityInfo(db, agencyID, localityID)
	if err != nil {
		return t, err
	}
	t.LocalityName, t.LocalityPath = info.Name, info.Path
	if err := db.Table("assessments AS a").Joins("JOIN criteria_sets s ON s.id = a.set_id").
		Where("a.agency_id = ? AND a.locality_id = ? AND a.deleted_at IS NULL", agencyID, localityID).
		Distinct("s.code").Order("s.code").Pluck("s.code", &t.SetCodes).Error; err != nil {
		return t, fmt.Errorf("timeline set codes: %w", err)
	}
	if setCode == "" {
		var codes []string
		if err := db.Table("assessments AS a").Joins("JOIN criteria_sets s ON s.id = a.set_id").
			Where("a.agency_id = ? AND a.locality_id = ? AND a.deleted_at IS NULL", agencyID, localityID).
			Order("CASE WHEN a.status = 'hoan_tat' THEN 0 ELSE 1 END").Order("a.date DESC").Limit(1).
			Pluck("s.code", &codes).Error; err != nil {
			return t, fmt.Errorf("timeline default set: %w", err)
		}
		if len(codes) == 0 {
			return t, nil
		}
		setCode = codes[0]
	}
	t.SetCode = setCode
	if t.SetName, t.Criteria, err = headerOf(db, agencyID, setCode); err != nil {
		return t, err
	}
	var rows []struct {
		Assessment
		SetRevision int
	}
	if err := db.Table("assessments AS a").Select("a.*, s.revision AS set_revision").
		Joins("JOIN criteria_sets s ON s.id = a.set_id").
		Where("a.agency_id = ? AND a.locality_id = ? AND s.code = ? AND a.deleted_at IS NULL", agencyID, localityID, setCode).
		Order("a.year ASC").Order("a.date DESC").Order("a.id DESC").Scan(&rows).Error; err != nil {
		return t, fmt.Errorf("timeline assessments: %w", err)
	}
	var ids []string
	for _, r := range rows {
		if r.Status != StatusFinal {
			t.Drafts++
			continue
		}
		if n := len(t.Years); n > 0 && t.Years[n-1].Year == r.Year {
			continue // an earlier assessment of the same year
		}
		t.Years = append(t.Years, TimelineYear{Year: r.Year, AssessmentID: r.ID, Date: r.Date, SetID: r.SetID,
			SetRevision: r.SetRevision, CriteriaMet: r.CriteriaMet, CriteriaTotal: r.CriteriaTotal,
			IndicatorsMet: r.IndicatorsMet, IndicatorsTotal: r.IndicatorsTotal})
		ids = append(ids, r.ID)
	}
	met, err := criterionMetByNo(db, ids)
	if err != nil {
		return t, err
	}
	for i := range t.Years {
		t.Years[i].Met = cells(t.Criteria, met[t.Years[i].AssessmentID])
	}
	return t, nil
}

// errBadMatrix refuses an unknown matrix option.
func errBadMatrix(field, v string) error {
	return fault.New(fault.ErrInvalid, "errors.assessment.badFilter", "filter", field+"="+v)
}
