package sample_test

import (
	"context"
	"testing"

	"chungsuc/internal/criteria"
	"chungsuc/internal/org"
	"chungsuc/internal/sample/sampletest"
)

// TestLoadSeedsNationalCriteria: the sample agency gets the national sets,
// not marked as sample data (they are the reference, not invented).
func TestLoadSeedsNationalCriteria(t *testing.T) {
	ctx := context.Background()
	db := sampletest.Open(t)
	a, err := org.NewService(db.DB).CurrentAgency(ctx)
	if err != nil {
		t.Fatal(err)
	}
	svc := criteria.NewService(db.DB)
	for _, code := range []string{"xa-ntm-2021-2025", "xa-ntm-nang-cao-2021-2025", "xa-ntm-kieu-mau-2021-2025",
		"xa-ntm-2026-2030", "thon-ntm", "huyen-ntm-2021-2025"} {
		s, err := svc.GetCurrent(ctx, a.ID, code)
		if err != nil {
			t.Fatalf("%s: %v", code, err)
		}
		if s.Sample || s.Revision != 1 {
			t.Errorf("%s: sample=%v revision=%d", code, s.Sample, s.Revision)
		}
	}
	// Seeding again (first-run setup after the sample) adds nothing.
	if err := criteria.Seed(db.DB, a.ID); err != nil {
		t.Fatal(err)
	}
	revs, err := svc.Revisions(ctx, a.ID, "xa-ntm-2021-2025")
	if err != nil || len(revs) != 1 {
		t.Fatalf("revisions after a second seed: %d %v", len(revs), err)
	}
	if _, err := org.NewService(db.DB).CurrentAgency(ctx); err != nil {
		t.Fatal(err)
	}
}
