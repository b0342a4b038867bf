package sponsor

import (
	"context"
	"fmt"
	"sort"
	"time"

	"chungsuc/internal/fault"
	"chungsuc/internal/org"
)

// ComplianceRow is one unit against the plan's rule.
type ComplianceRow struct {
	UnitID   string `json:"unitId"`
	UnitName string `json:"unitName"`
	UnitKind string `json:"unitKind"`
	// Required: the unit's kind is one the plan obliges to register.
	Required bool `json:"required"`
	// Complies: at least one active registration for a commune, or for a
	// village of a special-difficulty commune (or a village so flagged).
	Complies bool `json:"complies"`
	// ActiveRegistrations counts every active registration, qualifying or
	// not; Localities names their places, in the same order.
	ActiveRegistrations int      `json:"activeRegistrations"`
	Localities          []string `json:"localities"`
	// Ended names those of Localities that no longer exist on the day
	// (dissolved by a merger): their registrations do not count until moved
	// to the successor.
	Ended []string `json:"ended"`
}

// Compliance is the whole agency against the rule.
type Compliance struct {
	Required      int             `json:"required"`
	Complying     int             `json:"complying"`
	Units         []ComplianceRow `json:"units"`
	ReferenceDate string          `json:"referenceDate"`
}

// isRequired reports whether a unit kind must register.
func isRequired(kind string) bool {
	for _, k := range RequiredUnitKinds {
		if k == kind {
			return true
		}
	}
	return false
}

// activeReg is an active registration with what the rule looks at.
type activeReg struct {
	UnitID, LocalityID string
	Level              int
	Special            bool
	ParentLevel        *int
	ParentSpecial      *bool
	ValidTo            string
	ParentValidTo      *string
}

// ended reports whether the place no longer exists on day: its validity
// ended, or, for a village, its commune's.
func (a activeReg) ended(day string) bool {
	if a.ValidTo != "" && a.ValidTo < day {
		return true
	}
	return a.Level == levelVillage && a.ParentValidTo != nil && *a.ParentValidTo != "" && *a.ParentValidTo < day
}

// qualifies applies the plan's rule on day: a commune, or a village of a
// special-difficulty commune, that still exists on that day — a place
// dissolved by a merger (valid_to passed, for a village also its commune's)
// no longer counts; the registration should move to its successor.
func (a activeReg) qualifies(day string) bool {
	if a.ended(day) {
		return false
	}
	switch a.Level {
	case levelCommune:
		return true
	case levelVillage:
		return a.Special || (a.ParentLevel != nil && *a.ParentLevel == levelCommune && a.ParentSpecial != nil && *a.ParentSpecial)
	}
	return false
}

// Compliance checks every active unit of the agency against the plan's
// rule on the given day (units are listed, the required ones first).
func (s *Service) Compliance(ctx context.Context, agencyID string, today time.Time) (Compliance, error) {
	db := s.db.WithContext(ctx)
	day := today.Format(fault.DateLayout)
	var units []org.Unit
	if err := db.Where("agency_id = ? AND active = ?", agencyID, true).
		Order("sort_order ASC").Order("sort_key ASC").Order("id ASC").Find(&units).Error; err != nil {
		return Compliance{}, fmt.Errorf("compliance units: %w", err)
	}
	var regs []activeReg
	err := db.Table(regTable+" r").
		Select("r.unit_id, r.locality_id, l.level, l.special_difficulty AS special, p.level AS parent_level, "+
			"p.special_difficulty AS parent_special, COALESCE(l.valid_to, '') AS valid_to, p.valid_to AS parent_valid_to").
		Joins("JOIN localities l ON l.id = r.locality_id AND l.deleted_at IS NULL").
		Joins("LEFT JOIN localities p ON p.id = l.parent_id AND p.deleted_at IS NULL").
		Where("r.agency_id = ? AND r.deleted_at IS NULL AND r.status IN ?", agencyID, open).
		Where("(r.to_date IS NULL OR r.to_date = '' OR r.to_date >= ?)", day).
		Order("r.from_date ASC").Order("r.id ASC").
		Scan(&regs).Error
	if err != nil {
		return Compliance{}, fmt.Errorf("compliance registrations: %w", err)
	}
	ids := make([]string, 0, len(regs))
	for _, r := range regs {
		ids = append(ids, r.LocalityID)
	}
	ps, err := loadPlaces(db, ids)
	if err != nil {
		return Compliance{}, err
	}
	byUnit := map[string][]activeReg{}
	for _, r := range regs {
		byUnit[r.UnitID] = append(byUnit[r.UnitID], r)
	}
	out := Compliance{Units: []ComplianceRow{}, ReferenceDate: day}
	for _, u := range units {
		row := ComplianceRow{UnitID: u.ID, UnitName: u.Name, UnitKind: u.Kind, Required: isRequired(u.Kind), Localities: []string{}, Ended: []string{}}
		for _, r := range byUnit[u.ID] {
			row.ActiveRegistrations++
			row.Localities = append(row.Localities, ps.path(r.LocalityID))
			row.Complies = row.Complies || r.qualifies(day)
			if r.ended(day) {
				row.Ended = append(row.Ended, ps.path(r.LocalityID))
			}
		}
		if row.Required {
			out.Required++
			if row.Complies {
				out.Complying++
			}
		}
		out.Units = append(out.Units, row)
	}
	sort.SliceStable(out.Units, func(i, j int) bool { return out.Units[i].Required && !out.Units[j].Required })
	return out, nil
}

// UnitSupport is one unit's support for a locality.
type UnitSupport struct {
	UnitID        string   `json:"unitId"`
	UnitName      string   `json:"unitName"`
	Registrations int      `json:"registrations"`
	Statuses      []string `json:"statuses"`
	Activities    int      `json:"activities"`
	AmountVND     int64    `json:"amountVND"`
	Workdays      float64  `json:"workdays"`
	// LastActivity is the date of the unit's latest activity, "" if none.
	LastActivity string `json:"lastActivity"`
}

// LocalitySupport is every unit supporting a locality, with totals.
type LocalitySupport struct {
	LocalityID string        `json:"localityId"`
	Name       string        `json:"name"`
	Path       string        `json:"path"`
	Kind       string        `json:"kind"`
	Units      []UnitSupport `json:"units"`
}

// LocalitySupport lists the units that registered for the locality, or for
// a place under it (a commune's villages; a district's communes and
// villages), with their live registrations' statuses and activity totals.
func (s *Service) LocalitySupport(ctx context.Context, agencyID, localityID string) (LocalitySupport, error) {
	db := s.db.WithContext(ctx)
	var p place
	if err := db.Where("agency_id = ? AND id = ?", agencyID, localityID).Limit(1).Find(&p).Error; err != nil {
		return LocalitySupport{}, fmt.Errorf("locality: %w", err)
	}
	if p.ID == "" {
		return LocalitySupport{}, fault.NotFound("locality")
	}
	ps, err := loadPlaces(db, []string{p.ID})
	if err != nil {
		return LocalitySupport{}, err
	}
	out := LocalitySupport{LocalityID: p.ID, Name: p.Name, Kind: p.Kind, Path: ps.path(p.ID), Units: []UnitSupport{}}
	under := "(r.locality_id = @id OR r.locality_id IN (SELECT c.id FROM localities c WHERE c.parent_id = @id) OR " +
		"r.locality_id IN (SELECT g.id FROM localities g JOIN localities c ON c.id = g.parent_id WHERE c.parent_id = @id))"
	args := map[string]any{"id": p.ID, "agency": agencyID}
	var regs []struct {
		UnitID   string
		UnitName string
		Status   string
		Regs     int
	}
	err = db.Table(regTable+" r").
		Select("r.unit_id, u.name AS unit_name, r.status, COUNT(*) AS regs").
		Joins("JOIN units u ON u.id = r.unit_id").
		Where("r.agency_id = @agency AND r.deleted_at IS NULL AND "+under, args).
		Group("r.unit_id, u.name, u.sort_key, r.status").
		Order("u.sort_key ASC").Order("r.unit_id ASC").Order("r.status ASC").
		Scan(&regs).Error
	if err != nil {
		return out, fmt.Errorf("locality registrations: %w", err)
	}
	var acts []struct {
		UnitID    string
		N         int
		AmountVND int64 `gorm:"column:amount_vnd"`
		Workdays  float64
		Last      string
	}
	err = db.Table("sponsor_activities a").
		Select("r.unit_id, COUNT(*) AS n, COALESCE(SUM(a.amount_vnd), 0) AS amount_vnd, COALESCE(SUM(a.workdays), 0) AS workdays, MAX(a.date) AS last").
		Joins("JOIN "+regTable+" r ON r.id = a.registration_id").
		Where("a.deleted_at IS NULL AND r.agency_id = @agency AND r.deleted_at IS NULL AND "+under, args).
		Group("r.unit_id").Scan(&acts).Error
	if err != nil {
		return out, fmt.Errorf("locality activities: %w", err)
	}
	idx := map[string]int{}
	for _, r := range regs {
		i, ok := idx[r.UnitID]
		if !ok {
			i = len(out.Units)
			idx[r.UnitID] = i
			out.Units = append(out.Units, UnitSupport{UnitID: r.UnitID, UnitName: r.UnitName, Statuses: []string{}})
		}
		out.Units[i].Registrations += r.Regs
		out.Units[i].Statuses = append(out.Units[i].Statuses, r.Status)
	}
	for _, a := range acts {
		if i, ok := idx[a.UnitID]; ok {
			u := &out.Units[i]
			u.Activities, u.AmountVND, u.Workdays, u.LastActivity = a.N, a.AmountVND, a.Workdays, a.Last
		}
	}
	for i := range out.Units {
		sort.Slice(out.Units[i].Statuses, func(a, b int) bool {
			return statusOrder(out.Units[i].Statuses[a]) < statusOrder(out.Units[i].Statuses[b])
		})
	}
	return out, nil
}

func statusOrder(s string) int {
	for i, st := range Statuses {
		if st == s {
			return i
		}
	}
	return len(Statuses)
}
