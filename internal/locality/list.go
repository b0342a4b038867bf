package locality

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"gorm.io/gorm"

	"chungsuc/internal/fault"
	"chungsuc/internal/store"
)

// Query is the localities list screen's query.
type Query struct {
	store.ListQuery
	ParentID string `json:"parentId"`
	Kind     string `json:"kind"`
	Level    int    `json:"level"`
	// Flag is one of Flags: only localities with that flag set.
	Flag string `json:"flag"`
	// NTMLevel filters by the current NTM level; "none" = no status yet.
	NTMLevel string `json:"ntmLevel"`
	// Validity is "" (all), "current" or "historical" (valid_to set and past).
	Validity string `json:"validity"`
}

// Row is a locality as a list shows it.
type Row struct {
	Locality
	ParentName   string `json:"parentName"`
	CurrentLevel string `json:"currentLevel"`
	CurrentYear  int    `json:"currentYear"`
	ChildCount   int    `json:"childCount"`
}

// Page is one page of localities.
type Page struct {
	Items    []Row `json:"items"`
	Total    int64 `json:"total"`
	Page     int   `json:"page"`
	PageSize int   `json:"pageSize"`
}

var listSort = map[string]string{
	"name": "sort_key", "code": "code", "kind": "kind", "level": "level",
	"validFrom": "valid_from", "validTo": "valid_to", "currentLevel": levelRank,
	"currentYear": "current_year", "updatedAt": "updated_at", "deletedAt": "deleted_at",
}

// levelRank orders the current NTM level by rank, not by code: none, chưa
// đạt, đạt chuẩn (thôn đạt chuẩn), nâng cao, kiểu mẫu.
var levelRank = "CASE COALESCE(" + currentStatus("level") + ", '') WHEN 'chua_dat' THEN 1 " +
	"WHEN 'dat_chuan' THEN 2 WHEN 'thon_dat_chuan' THEN 2 WHEN 'nang_cao' THEN 3 WHEN 'kieu_mau' THEN 4 ELSE 0 END"

// currentStatus is the live status row with the greatest (year,
// decision_date, created_at) of the locality in the outer query; the index on
// locality_id makes it one short lookup per row.
func currentStatus(col string) string {
	return "(SELECT s." + col + " FROM locality_ntm_statuses s WHERE s.locality_id = localities.id AND s.deleted_at IS NULL " +
		"ORDER BY s.year DESC, s.decision_date DESC, s.created_at DESC LIMIT 1)"
}

// rowSelect adds the computed columns of Row.
const rowSelect = "localities.*, " +
	"(SELECT p.name FROM localities p WHERE p.id = localities.parent_id) AS parent_name, " +
	"(SELECT COUNT(*) FROM localities c WHERE c.parent_id = localities.id AND c.deleted_at IS NULL) AS child_count"

func selectRows(tx *gorm.DB) *gorm.DB {
	// COALESCE: no status sorts first on both engines (NULLs do not).
	return tx.Select(rowSelect + ", COALESCE(" + currentStatus("level") + ", '') AS current_level, " +
		"COALESCE(" + currentStatus("year") + ", 0) AS current_year")
}

// List returns one page of the agency's localities.
func (s *Service) List(ctx context.Context, agencyID string, q Query) (Page, error) {
	page := Page{Items: []Row{}}
	if q.Flag != "" && flagColumn[q.Flag] == "" {
		return page, fault.New(fault.ErrInvalid, "errors.locality.badFilter", "filter", q.Flag)
	}
	tx := s.db.WithContext(ctx).Model(&Locality{})
	tx = q.Scope(tx, listSort, "sort_key").Where("localities.agency_id = ?", agencyID)
	if q.ParentID != "" {
		tx = tx.Where("localities.parent_id = ?", q.ParentID)
	}
	if q.Kind != "" {
		tx = tx.Where("localities.kind = ?", q.Kind)
	}
	if q.Level != 0 {
		tx = tx.Where("localities.level = ?", q.Level)
	}
	if q.Flag != "" {
		tx = tx.Where("localities."+flagColumn[q.Flag]+" = ?", true)
	}
	switch q.NTMLevel {
	case "":
	case "none":
		tx = tx.Where(currentStatus("level") + " IS NULL")
	default:
		tx = tx.Where(currentStatus("level")+" = ?", q.NTMLevel)
	}
	today := time.Now().Format(fault.DateLayout)
	// A village is no longer current once its commune was dissolved (a
	// merger ends the commune; its villages go with it).
	const ended = "(COALESCE(localities.valid_to, '') <> '' AND localities.valid_to < @today)"
	const communeEnded = "(localities.level = 4 AND EXISTS (SELECT 1 FROM localities pc WHERE pc.id = localities.parent_id " +
		"AND COALESCE(pc.valid_to, '') <> '' AND pc.valid_to < @today))"
	switch q.Validity {
	case "current":
		tx = tx.Where("NOT "+ended+" AND NOT "+communeEnded, sql.Named("today", today))
	case "historical":
		tx = tx.Where("("+ended+" OR "+communeEnded+")", sql.Named("today", today))
	}
	// Count without the computed columns (and without the sort on them,
	// which gorm drops for a count).
	if err := tx.Session(&gorm.Session{}).Count(&page.Total).Error; err != nil {
		return page, fmt.Errorf("count localities: %w", err)
	}
	ptx, p, size := q.Paginate(selectRows(tx))
	page.Page, page.PageSize = p, size
	if err := ptx.Find(&page.Items).Error; err != nil {
		return page, fmt.Errorf("list localities: %w", err)
	}
	return page, nil
}

// Children returns the live children of parentID ("" = the roots) for a lazy tree.
func (s *Service) Children(ctx context.Context, agencyID, parentID string) ([]Row, error) {
	out := []Row{}
	tx := s.db.WithContext(ctx).Model(&Locality{}).Where("localities.agency_id = ?", agencyID)
	if parentID == "" {
		tx = tx.Where("localities.parent_id IS NULL")
	} else {
		tx = tx.Where("localities.parent_id = ?", parentID)
	}
	err := selectRows(tx).Order("localities.level ASC").Order("localities.sort_key ASC").Order("localities.id ASC").Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("locality children: %w", err)
	}
	return out, nil
}
