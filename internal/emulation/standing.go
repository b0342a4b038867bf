package emulation

import (
	"context"
	"fmt"
	"sort"

	"gorm.io/gorm"

	"chungsuc/internal/fault"
	"chungsuc/internal/org"
	"chungsuc/internal/vntext"
)

// Standing is the result of a subject in a campaign year: the reviewed
// total if the council has reviewed the sheet (then ranked), else the self
// total (Rank 0).
type Standing struct {
	SheetID     string  `json:"sheetId"`
	Year        int     `json:"year"`
	SubjectKind string  `json:"subjectKind"`
	UnitID      *string `json:"unitId"`
	StaffID     *string `json:"staffId"`
	// Name is the unit's name or the person's full name.
	Name   string  `json:"name"`
	Status string  `json:"status"`
	Total  float64 `json:"total"`
	// Reviewed: Total is the council's; otherwise the self total.
	Reviewed  bool   `json:"reviewed"`
	Grade     string `json:"grade"`
	GradeName string `json:"gradeName"`
	// Rank among the reviewed sheets (ties share a rank: 1, 1, 3); 0 for
	// an unreviewed sheet. Of is the number of reviewed sheets.
	Rank int `json:"rank"`
	Of   int `json:"of"`
}

// sheetRow is a live sheet with its subject's name and order.
type sheetRow struct {
	Sheet
	name  string
	order string
}

// liveSheets loads the live sheets of a campaign year and target whose
// subject is live, with the subject's name.
func liveSheets(tx *gorm.DB, agencyID, campaignID string, year int, target string) ([]sheetRow, error) {
	var sheets []Sheet
	if err := tx.Where("agency_id = ? AND campaign_id = ? AND year = ? AND subject_kind = ?", agencyID, campaignID, year, target).
		Order("created_at ASC").Order("id ASC").Find(&sheets).Error; err != nil {
		return nil, fmt.Errorf("list sheets: %w", err)
	}
	names := map[string][2]string{}
	if target == TargetUnit {
		var units []org.Unit
		if err := tx.Select("id, name, sort_order, sort_key").Where("agency_id = ?", agencyID).Find(&units).Error; err != nil {
			return nil, fmt.Errorf("list units: %w", err)
		}
		for _, u := range units {
			names[u.ID] = [2]string{u.Name, fmt.Sprintf("%08d|%s", u.SortOrder, u.SortKey)}
		}
	} else {
		var staff []org.Staff
		if err := tx.Select("id, full_name, sort_key").Where("agency_id = ?", agencyID).Find(&staff).Error; err != nil {
			return nil, fmt.Errorf("list staff: %w", err)
		}
		for _, p := range staff {
			names[p.ID] = [2]string{p.FullName, p.SortKey}
		}
	}
	seen := map[string]bool{}
	out := make([]sheetRow, 0, len(sheets))
	for _, sh := range sheets {
		id := keyOf(sh).SubjectID
		n, ok := names[id]
		if !ok || seen[id] {
			continue // a deleted subject, or a duplicate sheet (the first counts)
		}
		seen[id] = true
		out = append(out, sheetRow{Sheet: sh, name: n[0], order: n[1]})
	}
	return out, nil
}

// Standings ranks the sheets of a campaign year for one target: reviewed
// sheets first by reviewed total (highest first; equal totals share a
// rank), then the others by self total, unranked.
func (s *Service) Standings(ctx context.Context, agencyID, campaignID string, year int, target string) ([]Standing, error) {
	tx := s.db.WithContext(ctx)
	var v fault.Validation
	checkTarget(&v, "target", target)
	if _, err := loadCampaign(tx, agencyID, vntext.Clean(campaignID), &v); err != nil {
		return nil, err
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	return standings(tx, agencyID, vntext.Clean(campaignID), year, target)
}

func standings(tx *gorm.DB, agencyID, campaignID string, year int, target string) ([]Standing, error) {
	rows, err := liveSheets(tx, agencyID, campaignID, year, target)
	if err != nil {
		return nil, err
	}
	grades, err := gradesOf(tx, agencyID, campaignID)
	if err != nil {
		return nil, err
	}
	gradeName := map[string]string{}
	for _, g := range grades {
		gradeName[g.Code] = g.Name
	}
	out := make([]Standing, 0, len(rows))
	order := map[string]string{}
	for _, r := range rows {
		st := Standing{SheetID: r.ID, Year: r.Year, SubjectKind: r.SubjectKind, UnitID: r.UnitID, StaffID: r.StaffID,
			Name: r.name, Status: r.Status, Total: r.SelfTotal}
		if r.Status == StatusReviewed && r.ReviewTotal != nil {
			st.Reviewed, st.Total = true, round2(*r.ReviewTotal)
			st.Grade, st.GradeName = r.Grade, gradeName[r.Grade]
		}
		order[r.ID] = r.order
		out = append(out, st)
	}
	Rank(out, func(a, b Standing) bool { return order[a.SheetID] < order[b.SheetID] })
	return out, nil
}

// Rank sorts standings (reviewed first by total, highest first; then the
// unreviewed by total; ties in the given order) and numbers the reviewed
// ones with shared ranks for equal totals: 1, 1, 3.
func Rank(list []Standing, less func(a, b Standing) bool) {
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if a.Reviewed != b.Reviewed {
			return a.Reviewed
		}
		if round2(a.Total) != round2(b.Total) {
			return a.Total > b.Total
		}
		return less != nil && less(a, b)
	})
	of := 0
	for _, st := range list {
		if st.Reviewed {
			of++
		}
	}
	for i := range list {
		list[i].Of, list[i].Rank = of, 0
		if !list[i].Reviewed {
			continue
		}
		list[i].Rank = i + 1
		if i > 0 && list[i-1].Reviewed && round2(list[i-1].Total) == round2(list[i].Total) {
			list[i].Rank = list[i-1].Rank
		}
	}
}

// SheetRow is one subject of the scoring table: its sheet's state if it
// has one (SheetID "" and Status "" otherwise).
type SheetRow struct {
	SubjectKind string `json:"subjectKind"`
	SubjectID   string `json:"subjectId"`
	Name        string `json:"name"`
	// UnitName and Position describe a person.
	UnitName    string   `json:"unitName"`
	Position    string   `json:"position"`
	SheetID     string   `json:"sheetId"`
	Version     int64    `json:"version"`
	Status      string   `json:"status"`
	SelfTotal   float64  `json:"selfTotal"`
	ReviewTotal *float64 `json:"reviewTotal"`
	Grade       string   `json:"grade"`
	GradeName   string   `json:"gradeName"`
	Rank        int      `json:"rank"`
}

// SheetList is the scoring table of a campaign year for one target.
type SheetList struct {
	CampaignID string `json:"campaignId"`
	Year       int    `json:"year"`
	Target     string `json:"target"`
	// MaxTotal is the sum of the target's maximum scores.
	MaxTotal float64 `json:"maxTotal"`
	// Criteria counts the target's criteria (0: none set yet).
	Criteria int `json:"criteria"`
	// Ranked counts the reviewed sheets.
	Ranked int        `json:"ranked"`
	Rows   []SheetRow `json:"rows"`
}

// Sheets lists the subjects of a target for a campaign year in the
// agency's order (units as the organisation lists them, people by unit
// then given name): the collectives are the active divisions and
// attached units, the individuals the active staff, plus any subject that
// already has a sheet.
func (s *Service) Sheets(ctx context.Context, agencyID, campaignID string, year int, target string) (SheetList, error) {
	campaignID = vntext.Clean(campaignID)
	l := SheetList{CampaignID: campaignID, Year: year, Target: target, Rows: []SheetRow{}}
	tx := s.db.WithContext(ctx)
	var v fault.Validation
	checkTarget(&v, "target", target)
	if _, err := loadCampaign(tx, agencyID, campaignID, &v); err != nil {
		return l, err
	}
	if err := v.Err(); err != nil {
		return l, err
	}
	crits, err := criteriaOf(tx, agencyID, campaignID, target)
	if err != nil {
		return l, err
	}
	for _, c := range crits {
		l.MaxTotal += c.MaxScore
	}
	l.MaxTotal, l.Criteria = round2(l.MaxTotal), len(crits)
	st, err := standings(tx, agencyID, campaignID, year, target)
	if err != nil {
		return l, err
	}
	rows, err := liveSheets(tx, agencyID, campaignID, year, target)
	if err != nil {
		return l, err
	}
	bySubject := map[string]sheetRow{}
	for _, r := range rows {
		bySubject[keyOf(r.Sheet).SubjectID] = r
	}
	rank := map[string]Standing{}
	for _, x := range st {
		rank[x.SheetID] = x
		if x.Reviewed {
			l.Ranked++
		}
	}
	add := func(id, name, unitName, position string) {
		row := SheetRow{SubjectKind: target, SubjectID: id, Name: name, UnitName: unitName, Position: position}
		if r, ok := bySubject[id]; ok {
			row.SheetID, row.Version, row.Status, row.SelfTotal, row.ReviewTotal = r.ID, r.Version, r.Status, r.SelfTotal, r.ReviewTotal
			x := rank[r.ID]
			row.Grade, row.GradeName, row.Rank = x.Grade, x.GradeName, x.Rank
		}
		l.Rows = append(l.Rows, row)
	}
	if target == TargetUnit {
		var units []org.Unit
		if err := tx.Where("agency_id = ?", agencyID).Order("sort_order ASC").Order("sort_key ASC").Order("id ASC").
			Find(&units).Error; err != nil {
			return l, fmt.Errorf("list units: %w", err)
		}
		for _, u := range units {
			_, has := bySubject[u.ID]
			if has || (u.Active && subjectKind(u.Kind)) {
				add(u.ID, u.Name, "", "")
			}
		}
		return l, nil
	}
	var units []org.Unit
	if err := tx.Unscoped().Select("id, name, sort_order, sort_key").Where("agency_id = ?", agencyID).Find(&units).Error; err != nil {
		return l, fmt.Errorf("list units: %w", err)
	}
	unitOf := map[string]org.Unit{}
	for _, u := range units {
		unitOf[u.ID] = u
	}
	var staff []org.Staff
	if err := tx.Where("agency_id = ?", agencyID).Order("sort_key ASC").Order("id ASC").Find(&staff).Error; err != nil {
		return l, fmt.Errorf("list staff: %w", err)
	}
	orderOf := func(p org.Staff) string {
		if p.UnitID == nil {
			return "~"
		}
		u := unitOf[*p.UnitID]
		return fmt.Sprintf("%08d|%s|%s", u.SortOrder, u.SortKey, u.ID)
	}
	sort.SliceStable(staff, func(i, j int) bool { return orderOf(staff[i]) < orderOf(staff[j]) })
	for _, p := range staff {
		if _, has := bySubject[p.ID]; !has && !p.Active {
			continue
		}
		unitName := ""
		if p.UnitID != nil {
			unitName = unitOf[*p.UnitID].Name
		}
		add(p.ID, p.FullName, unitName, p.Position)
	}
	return l, nil
}

func subjectKind(kind string) bool {
	for _, k := range SubjectUnitKinds {
		if k == kind {
			return true
		}
	}
	return false
}
