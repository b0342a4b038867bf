package criteria

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"

	"gorm.io/gorm"

	"chungsuc/internal/store"
)

// The national sets, transcribed from the reference compiled in November
// 2026 (../shared/reference/ntm-criteria.md): what the sources confirm is
// marked confirmed; everything else carries Confirmed=false and its sources,
// and the UI shows it as "chưa đối chiếu". No indicator wording or level is
// added beyond the reference: a criterion without known indicators gets one
// whole-criterion indicator (code "N"), and a criterion whose known
// indicators are incomplete gets one "N.x" standing for the rest, so that
// communes can still be assessed criterion by criterion.
//
//go:embed seed/*.json
var seedFS embed.FS

// SeedSets returns the embedded national sets, normalised, without ids.
func SeedSets() ([]Set, error) {
	names, err := fs.Glob(seedFS, "seed/*.json")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []Set
	for _, n := range names {
		data, err := seedFS.ReadFile(n)
		if err != nil {
			return nil, err
		}
		var sets []Set
		if err := json.Unmarshal(data, &sets); err != nil {
			return nil, fmt.Errorf("criteria seed %s: %w", n, err)
		}
		out = append(out, sets...)
	}
	for i := range out {
		out[i].Normalise()
	}
	return out, nil
}

// Seed loads the national sets into an agency. It is idempotent: a set
// code the agency already has (even deleted) is left alone.
func Seed(tx *gorm.DB, agencyID string) error {
	sets, err := SeedSets()
	if err != nil {
		return err
	}
	// Runs at every start: one query for the codes the agency has.
	have, err := store.AgencyCodes(tx, &Set{}, agencyID)
	if err != nil {
		return fmt.Errorf("criteria seed: %w", err)
	}
	for _, s := range sets {
		if have[s.Code] {
			continue
		}
		s.AgencyID = agencyID
		if err := s.Validate().Err(); err != nil {
			return fmt.Errorf("criteria seed %s: %w", s.Code, err)
		}
		s.Revision, s.Current = 1, true
		if err := createSet(tx, &s); err != nil {
			return err
		}
	}
	return nil
}
