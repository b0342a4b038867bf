package assessment

import (
	"fmt"
	"strings"

	"gorm.io/gorm"

	"chungsuc/internal/criteria"
	"chungsuc/internal/fault"
	"chungsuc/internal/locality"
)

// PathSep separates the ancestors' names in a locality path.
const PathSep = " › "

// maxDepth bounds the walk up the tree (province, district, commune, village).
const maxDepth = 6

// localityInfo loads a live locality of the agency with its ancestors and
// returns the header the checklist shows and the place the requirement
// lookup needs.
func localityInfo(tx *gorm.DB, agencyID, id string) (LocalityInfo, criteria.Place, error) {
	var l locality.Locality
	if err := tx.Where("agency_id = ? AND id = ?", agencyID, id).Limit(1).Find(&l).Error; err != nil {
		return LocalityInfo{}, criteria.Place{}, fmt.Errorf("find locality: %w", err)
	}
	if l.ID == "" {
		return LocalityInfo{}, criteria.Place{}, fault.NotFound("locality")
	}
	info := LocalityInfo{
		ID: l.ID, Name: l.Name, Code: l.Code, Kind: l.Kind, Level: l.Level, Region: l.Region,
		CommuneGroup: l.CommuneGroup, SpecialDifficulty: l.SpecialDifficulty, SafeZone: l.SafeZone,
		Border: l.Border, Mountain: l.Mountain, Island: l.Island, EthnicArea: l.EthnicArea,
	}
	// Ancestors, deleted ones included so the path still reads.
	var names []string
	seen := map[string]bool{l.ID: true}
	for p, depth := l.ParentID, 0; p != nil && !seen[*p] && depth < maxDepth; depth++ {
		seen[*p] = true
		var a locality.Locality
		if err := tx.Unscoped().Select("id", "parent_id", "name", "region").Where("id = ?", *p).Limit(1).Find(&a).Error; err != nil {
			return info, criteria.Place{}, fmt.Errorf("locality path: %w", err)
		}
		if a.ID == "" {
			break
		}
		names = append([]string{a.Name}, names...)
		if info.Region == "" && a.Region != "" {
			info.Region, info.RegionInherited = a.Region, true
		}
		p = a.ParentID
	}
	info.Path = strings.Join(names, PathSep)
	place := criteria.Place{Region: info.Region, CommuneGroup: info.CommuneGroup,
		SpecialDifficulty: info.SpecialDifficulty, SafeZone: info.SafeZone}
	return info, place, nil
}

// pathsOf returns the ancestors' path of each locality, with a few batched
// queries (one per level), for a page of rows.
func pathsOf(tx *gorm.DB, ids []string) (map[string]string, error) {
	out := make(map[string]string, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	type node struct {
		ID       string
		ParentID *string
		Name     string
	}
	parent := map[string]*string{}
	names := map[string]string{}
	want := uniq(ids)
	for depth := 0; len(want) > 0 && depth <= maxDepth; depth++ {
		var rows []node
		if err := tx.Table("localities").Select("id, parent_id, name").Where("id IN ?", want).Scan(&rows).Error; err != nil {
			return nil, fmt.Errorf("locality paths: %w", err)
		}
		var next []string
		for _, r := range rows {
			parent[r.ID], names[r.ID] = r.ParentID, r.Name
			if r.ParentID != nil {
				if _, done := names[*r.ParentID]; !done {
					next = append(next, *r.ParentID)
				}
			}
		}
		want = uniq(next)
	}
	for _, id := range ids {
		var parts []string
		seen := map[string]bool{id: true}
		for p := parent[id]; p != nil && !seen[*p]; p = parent[*p] {
			seen[*p] = true
			n, ok := names[*p]
			if !ok {
				break
			}
			parts = append([]string{n}, parts...)
		}
		out[id] = strings.Join(parts, PathSep)
	}
	return out, nil
}

func uniq(s []string) []string {
	seen := make(map[string]bool, len(s))
	out := s[:0:0]
	for _, x := range s {
		if x != "" && !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// unscoped is tx without the soft-delete filter, as a session that can be
// reused for several queries (a plain chained *gorm.DB accumulates the
// conditions of every query made on it).
func unscoped(tx *gorm.DB) *gorm.DB { return tx.Unscoped().Session(&gorm.Session{}) }
