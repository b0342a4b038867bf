package award_test

import (
	"testing"

	"chungsuc/internal/store"
	"chungsuc/internal/store/storetest"
)

// breakInserts makes every insert into table fail (when cond holds, if
// given, e.g. "NEW.title = 'X'") until the test ends: the way to fail a
// write half-way on both engines.
func breakInserts(t *testing.T, w *world, table string, cond ...string) {
	t.Helper()
	when := ""
	if storetest.OnPostgres() {
		if len(cond) > 0 {
			when = "WHEN (" + cond[0] + ")"
		}
		must(t, w.db.Exec(`CREATE OR REPLACE FUNCTION test_break_insert() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'broken for the test'; END $$ LANGUAGE plpgsql`).Error)
		must(t, w.db.Exec(`CREATE TRIGGER test_break BEFORE INSERT ON `+table+` FOR EACH ROW `+when+` EXECUTE FUNCTION test_break_insert()`).Error)
		t.Cleanup(func() { w.db.Exec(`DROP TRIGGER IF EXISTS test_break ON ` + table) })
		return
	}
	if len(cond) > 0 {
		when = "WHEN " + cond[0]
	}
	must(t, w.db.Exec(`CREATE TRIGGER test_break BEFORE INSERT ON `+table+` `+when+` BEGIN SELECT RAISE(ABORT, 'broken for the test'); END`).Error)
	t.Cleanup(func() { w.db.Exec(`DROP TRIGGER IF EXISTS test_break`) })
}

// insertDocument writes a bare row of the documents table (the register is
// another package's business) and returns its id.
func insertDocument(t *testing.T, w *world) string {
	t.Helper()
	id := store.NewID()
	must(t, w.db.Exec(`INSERT INTO documents (id, created_at, updated_at, version, agency_id, type_code, issuer_key, status, year, number, pdf_pages)
		VALUES (?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1, ?, 'TTr', 'agency', 'nhap', 2025, 0, 0)`, id, w.agency).Error)
	return id
}
