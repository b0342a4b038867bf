package sponsor

import (
	"context"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"chungsuc/internal/campaign"
	"chungsuc/internal/org"
	"chungsuc/internal/store"
	"chungsuc/internal/vntext"
)

// Query is the registrations list screen's query.
type Query struct {
	store.ListQuery
	UnitID     string `json:"unitId"`
	LocalityID string `json:"localityId"`
	CampaignID string `json:"campaignId"`
	// Status is a status code, "active" for the running ones (see Active),
	// or "" for all.
	Status string `json:"status"`
}

// Row is one registration in the list with its names and activity totals.
type Row struct {
	Registration
	UnitName      string  `json:"unitName"`
	LocalityName  string  `json:"localityName"`
	LocalityPath  string  `json:"localityPath"`
	LocalityKind  string  `json:"localityKind"`
	ActivityCount int     `json:"activityCount"`
	AmountVND     int64   `gorm:"column:amount_vnd" json:"amountVND"`
	Workdays      float64 `json:"workdays"`
	// Active: status dang_ky or dang_thuc_hien and not past its end date.
	Active bool `gorm:"-" json:"active"`
}

// Page is one page of registrations.
type Page struct {
	Items    []Row `json:"items"`
	Total    int64 `json:"total"`
	Page     int   `json:"page"`
	PageSize int   `json:"pageSize"`
}

// IsActive applies the contract's "active" rule to a registration.
func IsActive(r Registration, today string) bool {
	return isOpen(r.Status) && (r.ToDate == "" || r.ToDate >= today)
}

const regTable = "sponsor_registrations"

// Sort columns; names sort by the folded name of the unit or place.
var regSort = map[string]string{
	"unitName":     "(SELECT u.sort_key FROM units u WHERE u.id = " + regTable + ".unit_id)",
	"localityName": "(SELECT l.sort_key FROM localities l WHERE l.id = " + regTable + ".locality_id)",
	"fromDate":     "from_date", "toDate": "to_date", "status": "status",
	"amountVND":     "amount_vnd",
	"activityCount": "activity_count",
	"updatedAt":     "updated_at", "deletedAt": "deleted_at",
}

// rowSelect adds the names and the activity totals as correlated
// subqueries: one statement for the page, whatever its size.
const rowSelect = regTable + `.*,
 (SELECT u.name FROM units u WHERE u.id = ` + regTable + `.unit_id) AS unit_name,
 (SELECT l.name FROM localities l WHERE l.id = ` + regTable + `.locality_id) AS locality_name,
 (SELECT l.kind FROM localities l WHERE l.id = ` + regTable + `.locality_id) AS locality_kind,
 (SELECT COUNT(*) FROM sponsor_activities a WHERE a.registration_id = ` + regTable + `.id AND a.deleted_at IS NULL) AS activity_count,
 (SELECT COALESCE(SUM(a.amount_vnd), 0) FROM sponsor_activities a WHERE a.registration_id = ` + regTable + `.id AND a.deleted_at IS NULL) AS amount_vnd,
 (SELECT COALESCE(SUM(a.workdays), 0) FROM sponsor_activities a WHERE a.registration_id = ` + regTable + `.id AND a.deleted_at IS NULL) AS workdays`

// filtered is the registrations of the agency that q selects, sorted but
// not paged.
func (s *Service) filtered(ctx context.Context, agencyID string, q Query) *gorm.DB {
	if q.SortBy == "" {
		q.SortBy, q.Desc = "fromDate", true
	}
	search := q.Search
	q.Search = ""
	tx := q.Scope(s.db.WithContext(ctx).Model(&Registration{}), regSort, "from_date").
		Where(regTable+".agency_id = ?", agencyID)
	// The search matches the registration's own text, its unit's name or
	// its place's name, each through their folded search_key.
	for _, word := range strings.Fields(vntext.Fold(search)) {
		like := "%" + store.EscapeLike(word) + "%"
		tx = tx.Where("("+regTable+".search_key LIKE ? ESCAPE '\\' OR "+regTable+".unit_id IN (SELECT id FROM units WHERE search_key LIKE ? ESCAPE '\\') OR "+
			regTable+".locality_id IN (SELECT id FROM localities WHERE search_key LIKE ? ESCAPE '\\'))", like, like, like)
	}
	if q.UnitID != "" {
		tx = tx.Where(regTable+".unit_id = ?", q.UnitID)
	}
	if q.LocalityID != "" {
		// A commune includes its villages.
		tx = tx.Where("("+regTable+".locality_id = ? OR "+regTable+".locality_id IN (SELECT id FROM localities WHERE parent_id = ?))", q.LocalityID, q.LocalityID)
	}
	if q.CampaignID != "" {
		tx = tx.Where(regTable+".campaign_id = ?", q.CampaignID)
	}
	switch q.Status {
	case "":
	case "active":
		tx = tx.Where(regTable+".status IN ? AND ("+regTable+".to_date IS NULL OR "+regTable+".to_date = '' OR "+regTable+".to_date >= ?)", open, todayISO())
	default:
		tx = tx.Where(regTable+".status = ?", q.Status)
	}
	return tx
}

// List returns one page of the agency's registrations with totals.
func (s *Service) List(ctx context.Context, agencyID string, q Query) (Page, error) {
	tx := s.filtered(ctx, agencyID, q)
	page := Page{Items: []Row{}}
	if err := tx.Session(&gorm.Session{}).Count(&page.Total).Error; err != nil {
		return page, fmt.Errorf("count registrations: %w", err)
	}
	tx, page.Page, page.PageSize = q.Paginate(tx.Select(rowSelect))
	if err := tx.Find(&page.Items).Error; err != nil {
		return page, fmt.Errorf("list registrations: %w", err)
	}
	if err := s.fillRows(ctx, page.Items); err != nil {
		return page, err
	}
	return page, nil
}

// allRows returns every live registration of the agency with totals.
func (s *Service) allRows(ctx context.Context, agencyID string) ([]Row, error) {
	rows := []Row{}
	tx := s.db.WithContext(ctx).Model(&Registration{}).Select(rowSelect).Where("agency_id = ?", agencyID).
		Order("unit_name ASC").Order("from_date ASC").Order("id ASC")
	if err := tx.Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list registrations: %w", err)
	}
	return rows, s.fillRows(ctx, rows)
}

func (s *Service) fillRows(ctx context.Context, rows []Row) error {
	ids := make([]string, 0, len(rows))
	for _, r := range rows {
		ids = append(ids, r.LocalityID)
	}
	places, err := loadPlaces(s.db.WithContext(ctx), ids)
	if err != nil {
		return err
	}
	today := todayISO()
	for i := range rows {
		rows[i].LocalityPath = places.path(rows[i].LocalityID)
		rows[i].Active = IsActive(rows[i].Registration, today)
	}
	return nil
}

// places is a set of localities with their ancestors, by id.
type places map[string]place

// loadPlaces loads the given localities and all their ancestors (deleted
// ones too, for names), one query per level.
func loadPlaces(tx *gorm.DB, ids []string) (places, error) {
	out := places{}
	need := ids
	for depth := 0; depth < 8 && len(need) > 0; depth++ {
		var batch []place
		want := map[string]bool{}
		for _, id := range need {
			if _, ok := out[id]; !ok && id != "" {
				want[id] = true
			}
		}
		if len(want) == 0 {
			break
		}
		keys := make([]string, 0, len(want))
		for id := range want {
			keys = append(keys, id)
		}
		if err := tx.Unscoped().Where("id IN ?", keys).Find(&batch).Error; err != nil {
			return nil, fmt.Errorf("load localities: %w", err)
		}
		need = need[:0:0]
		for _, p := range batch {
			out[p.ID] = p
			if p.ParentID != nil {
				need = append(need, *p.ParentID)
			}
		}
	}
	return out, nil
}

// path names a locality with its ancestors below the province level:
// "Thôn Mẫu 2, Xã Mẫu Sơn, Huyện Minh Hóa".
func (ps places) path(id string) string {
	var parts []string
	seen := map[string]bool{}
	for id != "" && !seen[id] {
		seen[id] = true
		p, ok := ps[id]
		if !ok {
			break
		}
		if p.Level > 1 || len(parts) == 0 {
			parts = append(parts, p.Name)
		}
		if p.ParentID == nil {
			break
		}
		id = *p.ParentID
	}
	return strings.Join(parts, ", ")
}

// commune returns the commune a locality belongs to: itself for a commune,
// its parent for a village.
func (ps places) commune(id string) (place, bool) {
	p, ok := ps[id]
	if !ok {
		return place{}, false
	}
	if p.Level == levelVillage && p.ParentID != nil {
		if c, ok := ps[*p.ParentID]; ok {
			return c, true
		}
	}
	return p, true
}

// Detail is a registration with its names and its live activities.
type Detail struct {
	Registration
	UnitName     string           `json:"unitName"`
	LocalityName string           `json:"localityName"`
	LocalityPath string           `json:"localityPath"`
	LocalityKind string           `json:"localityKind"`
	CampaignName string           `json:"campaignName"`
	ContactName  string           `json:"contactName"`
	Active       bool             `json:"active"`
	Activities   []ActivityDetail `json:"activities"`
}

// Get returns one live registration with its activities (newest first),
// their participants and attachments.
func (s *Service) Get(ctx context.Context, agencyID, id string) (Detail, error) {
	db := s.db.WithContext(ctx)
	var d Detail
	if err := store.Get(db.Where("agency_id = ?", agencyID), &d.Registration, "registration", id); err != nil {
		return d, err
	}
	d.Active = IsActive(d.Registration, todayISO())
	var u org.Unit
	if err := db.Unscoped().Select("name").Where("id = ?", d.UnitID).Limit(1).Find(&u).Error; err != nil {
		return d, fmt.Errorf("registration unit: %w", err)
	}
	d.UnitName = u.Name
	ps, err := loadPlaces(db, []string{d.LocalityID})
	if err != nil {
		return d, err
	}
	d.LocalityName, d.LocalityKind = ps[d.LocalityID].Name, ps[d.LocalityID].Kind
	d.LocalityPath = ps.path(d.LocalityID)
	if d.CampaignID != nil {
		var c campaign.Campaign
		if err := db.Unscoped().Select("name").Where("id = ?", *d.CampaignID).Limit(1).Find(&c).Error; err != nil {
			return d, fmt.Errorf("registration campaign: %w", err)
		}
		d.CampaignName = c.Name
	}
	if d.ContactStaffID != nil {
		var p org.Staff
		if err := db.Unscoped().Select("full_name").Where("id = ?", *d.ContactStaffID).Limit(1).Find(&p).Error; err != nil {
			return d, fmt.Errorf("registration contact: %w", err)
		}
		d.ContactName = p.FullName
	}
	var acts []Activity
	if err := db.Where("registration_id = ?", id).Order("date DESC").Order("id DESC").Find(&acts).Error; err != nil {
		return d, fmt.Errorf("registration activities: %w", err)
	}
	d.Activities, err = s.details(ctx, agencyID, acts)
	return d, err
}

// DeletedActivities returns the soft-deleted activities of a live
// registration (newest deletion first), for its "Đã xóa" view.
func (s *Service) DeletedActivities(ctx context.Context, agencyID, registrationID string) ([]ActivityDetail, error) {
	db := s.db.WithContext(ctx)
	var r Registration
	if err := store.Get(db.Where("agency_id = ?", agencyID), &r, "registration", registrationID); err != nil {
		return nil, err
	}
	var acts []Activity
	if err := db.Unscoped().Where("registration_id = ? AND deleted_at IS NOT NULL", registrationID).
		Order("deleted_at DESC").Order("id DESC").Find(&acts).Error; err != nil {
		return nil, fmt.Errorf("deleted activities: %w", err)
	}
	return s.details(ctx, agencyID, acts)
}

// details adds participants and attachments to activities, two queries in all.
func (s *Service) details(ctx context.Context, agencyID string, acts []Activity) ([]ActivityDetail, error) {
	db := s.db.WithContext(ctx)
	out := make([]ActivityDetail, len(acts))
	ids := make([]string, len(acts))
	idx := map[string]int{}
	for i, a := range acts {
		out[i] = ActivityDetail{Activity: a, Participants: []StaffRef{}, Attachments: []Attachment{}}
		ids[i] = a.ID
		idx[a.ID] = i
	}
	if len(ids) == 0 {
		return out, nil
	}
	var parts []struct {
		ActivityID string
		ID         string
		FullName   string
	}
	err := db.Table("sponsor_activity_participants p").
		Select("p.activity_id, s.id, s.full_name").
		Joins("JOIN staff s ON s.id = p.staff_id").
		Where("p.activity_id IN ?", ids).Order("s.sort_key ASC").Order("s.id ASC").Scan(&parts).Error
	if err != nil {
		return nil, fmt.Errorf("activity participants: %w", err)
	}
	for _, p := range parts {
		i := idx[p.ActivityID]
		out[i].Participants = append(out[i].Participants, StaffRef{ID: p.ID, FullName: p.FullName})
	}
	var files []Attachment
	err = db.Where("agency_id = ? AND owner_type = ? AND owner_id IN ?", agencyID, ownerActivity, ids).
		Order("created_at ASC").Order("id ASC").Find(&files).Error
	if err != nil {
		return nil, fmt.Errorf("activity attachments: %w", err)
	}
	for _, f := range files {
		i := idx[f.OwnerID]
		out[i].Attachments = append(out[i].Attachments, f)
	}
	return out, nil
}

func (s *Service) activityDetail(ctx context.Context, agencyID, id string) (ActivityDetail, error) {
	var a Activity
	if err := liveActivity(s.db.WithContext(ctx), agencyID, id, &a); err != nil {
		return ActivityDetail{}, err
	}
	list, err := s.details(ctx, agencyID, []Activity{a})
	if err != nil {
		return ActivityDetail{}, err
	}
	return list[0], nil
}
