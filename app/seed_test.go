package app_test

import (
	"context"
	"testing"

	"chungsuc/app"
	"chungsuc/internal/criteria"
	"chungsuc/internal/org"
	"chungsuc/internal/store"
	"chungsuc/internal/store/storetest"
)

func setCodes(t *testing.T, c *app.Core) map[string]bool {
	t.Helper()
	page, err := app.NewCriteria(c).List(criteria.Query{ListQuery: store.ListQuery{Page: 1, PageSize: 100}, Current: "yes"})
	if err != nil {
		t.Fatalf("list sets: %v", err)
	}
	codes := map[string]bool{}
	for _, r := range page.Items {
		codes[r.Code] = true
	}
	return codes
}

// A department that starts without the sample still gets the national sets.
func TestSetupWithProfileSeedsCriteria(t *testing.T) {
	f := newCore(t, storetest.DSN(t))
	if _, err := f.sys.Setup(org.Agency{Name: "SỞ Y TẾ", ParentBody: "UBND TỈNH HUẾ", Abbrev: "SYT", PlaceName: "Huế"}, false); err != nil {
		t.Fatal(err)
	}
	codes := setCodes(t, f.core)
	for _, want := range []string{"xa-ntm-2021-2025", "xa-ntm-nang-cao-2021-2025", "xa-ntm-kieu-mau-2021-2025", "xa-ntm-2026-2030"} {
		if !codes[want] {
			t.Errorf("set %s missing after setup; have %v", want, codes)
		}
	}
}

// A database from an older release (an agency, no criteria sets) gets the
// sets when the window opens it.
func TestOpeningOlderDatabaseSeedsCriteria(t *testing.T) {
	dsn := storetest.DSN(t)
	f := newCore(t, dsn)
	if _, err := f.sys.Setup(org.Agency{Name: "SỞ Y TẾ", ParentBody: "UBND TỈNH HUẾ", Abbrev: "SYT", PlaceName: "Huế"}, false); err != nil {
		t.Fatal(err)
	}
	f.core.Close()
	db, err := store.Open(context.Background(), dsn, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"criteria_thresholds", "criteria_indicators", "criteria_criteria", "criteria_conditions", "criteria_amendments", "criteria_sets"} {
		if err := db.DB.Exec("DELETE FROM " + table).Error; err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	again := newCore(t, dsn)
	if codes := setCodes(t, again.core); !codes["xa-ntm-2021-2025"] {
		t.Fatalf("sets not seeded on open: %v", codes)
	}
}
