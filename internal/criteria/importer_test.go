package criteria_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"chungsuc/internal/criteria"
	"chungsuc/internal/fault"
	"chungsuc/internal/store"
)

func (f fx) count(t testing.TB, table string) int64 {
	t.Helper()
	var n int64
	if err := f.db.Unscoped().Table(table).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func copyFile(t testing.TB, src, dst string) string {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return dst
}

func TestImportCreateThenRevisionKeepsAssessedSet(t *testing.T) {
	f := setup(t)
	dir := t.TempDir()
	path := copyFile(t, fixture("group-valid.xlsx"), filepath.Join(dir, "tinh.xlsx"))
	pv, err := f.svc.PreviewImport(ctx, f.agency, path)
	if err != nil {
		t.Fatal(err)
	}
	if pv.Action != criteria.ActionCreate || !pv.CanCommit || pv.NewRevision != 1 || pv.Counts.Criteria != 2 ||
		pv.Counts.Indicators != 3 || pv.Counts.Thresholds != 6 || pv.Counts.Conditions != 1 {
		t.Fatalf("preview %+v", pv)
	}
	if n := f.count(t, "criteria_sets"); n != 0 {
		t.Fatalf("preview wrote %d sets", n)
	}
	res, err := f.svc.CommitImport(ctx, f.agency, path, pv.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	if res.Action != criteria.ActionCreate || res.Revision != 1 || res.Code != "xa-ntm-tinh-thu" {
		t.Fatalf("result %+v", res)
	}
	v1, err := f.svc.Get(ctx, f.agency, res.SetID)
	if err != nil {
		t.Fatal(err)
	}
	if v1.AgencyID != f.agency || !v1.Current || len(v1.Criteria[1].Indicators[0].Thresholds) != 3 {
		t.Fatalf("imported %+v", v1)
	}
	f.assess(t, v1.ID)

	// The same file again: identical, nothing to commit.
	pv, err = f.svc.PreviewImport(ctx, f.agency, path)
	if err != nil || pv.Action != criteria.ActionIdentical || pv.CanCommit || pv.ExistingAssessed != 1 {
		t.Fatalf("identical preview %+v %v", pv, err)
	}
	if res, err = f.svc.CommitImport(ctx, f.agency, path, pv.SHA256); err != nil || res.SetID != v1.ID {
		t.Fatalf("identical commit %+v %v", res, err)
	}

	// Change a level: a new revision; the assessed one is untouched.
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	_ = x.SetCellValue(criteria.SheetIndicators, "L3", "≥96")
	_ = x.SetCellValue(criteria.SheetIndicators, "C3", "Chỉ tiêu thử hai (sửa)")
	_ = x.Save()
	x.Close()
	pv, err = f.svc.PreviewImport(ctx, f.agency, path)
	if err != nil {
		t.Fatal(err)
	}
	if pv.Action != criteria.ActionRevision || pv.NewRevision != 2 || pv.ExistingID != v1.ID || len(pv.Changes) != 1 ||
		pv.Changes[0].Key != "2.1" || pv.Changes[0].Kind != criteria.ChangeChanged || pv.Changes[0].Label != "Chỉ tiêu 2.1" {
		t.Fatalf("revision preview %+v", pv)
	}
	res, err = f.svc.CommitImport(ctx, f.agency, path, pv.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	v2 := f.current(t, "xa-ntm-tinh-thu")
	if v2.ID != res.SetID || v2.Revision != 2 || *v2.PreviousID != v1.ID {
		t.Fatalf("v2 %+v", v2)
	}
	old, _ := f.svc.Get(ctx, f.agency, v1.ID)
	if old.Current || *old.Criteria[1].Indicators[0].Thresholds[0].Threshold != 95 {
		t.Fatalf("assessed revision changed: %+v", old.Criteria[1].Indicators[0].Thresholds)
	}
	if *v2.Criteria[1].Indicators[0].Thresholds[0].Threshold != 96 {
		t.Fatalf("new level not imported: %+v", v2.Criteria[1].Indicators[0].Thresholds)
	}
}

func TestImportRefusesChangedFileAndBadRows(t *testing.T) {
	f := setup(t)
	dir := t.TempDir()
	path := copyFile(t, fixture("group-valid.xlsx"), filepath.Join(dir, "tinh.xlsx"))
	pv, err := f.svc.PreviewImport(ctx, f.agency, path)
	if err != nil {
		t.Fatal(err)
	}
	// The file changes after the preview.
	copyFile(t, fixture("bad-rows.xlsx"), path)
	_, err = f.svc.CommitImport(ctx, f.agency, path, pv.SHA256)
	if keyOf(err) != "errors.import.changed" || !errors.Is(err, fault.ErrConflict) {
		t.Fatalf("changed file: %v", err)
	}
	// Bad rows: the preview lists them, the commit refuses them.
	pv, err = f.svc.PreviewImport(ctx, f.agency, path)
	if err != nil {
		t.Fatal(err)
	}
	if pv.Action != criteria.ActionError || pv.CanCommit || len(pv.Problems) < 10 {
		t.Fatalf("bad rows preview: %+v", pv)
	}
	_, err = f.svc.CommitImport(ctx, f.agency, path, pv.SHA256)
	if keyOf(err) != "errors.criteria.import.hasProblems" {
		t.Fatalf("bad rows commit: %v", err)
	}
	// File problems.
	for name, key := range map[string]string{"x.csv": "errors.import.unknownFormat", "x.xls": "errors.import.xls",
		"missing.xlsx": "errors.import.unreadable"} {
		p := filepath.Join(dir, name)
		if name != "missing.xlsx" {
			copyFile(t, fixture("group-valid.xlsx"), p)
		}
		pv, err := f.svc.PreviewImport(ctx, f.agency, p)
		if err != nil || len(pv.Problems) != 1 || pv.Problems[0].Key != key || pv.CanCommit {
			t.Errorf("%s: %+v %v", name, pv.Problems, err)
		}
		if _, err := f.svc.CommitImport(ctx, f.agency, p, ""); keyOf(err) != key {
			t.Errorf("%s commit: %v", name, err)
		}
	}
	for _, table := range []string{"criteria_sets", "criteria_criteria", "criteria_indicators", "criteria_thresholds"} {
		if n := f.count(t, table); n != 0 {
			t.Errorf("%s: %d rows written", table, n)
		}
	}
}

// TestImportAllOrNothing: a commit that fails while writing leaves nothing.
func TestImportAllOrNothing(t *testing.T) {
	f := setup(t)
	path := copyFile(t, fixture("group-valid.xlsx"), filepath.Join(t.TempDir(), "tinh.xlsx"))
	pv, err := f.svc.PreviewImport(ctx, f.agency, path)
	if err != nil {
		t.Fatal(err)
	}
	// Hide the thresholds table so the last insert of the commit fails.
	if err := f.db.Exec("ALTER TABLE criteria_thresholds RENAME TO criteria_thresholds_away").Error; err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.db.Exec("ALTER TABLE criteria_thresholds_away RENAME TO criteria_thresholds") })
	if _, err := f.svc.CommitImport(ctx, f.agency, path, pv.SHA256); err == nil {
		t.Fatal("commit without a thresholds table succeeded")
	}
	for _, table := range []string{"criteria_sets", "criteria_criteria", "criteria_indicators", "criteria_conditions"} {
		if n := f.count(t, table); n != 0 {
			t.Errorf("%s: %d rows left by a failed import", table, n)
		}
	}
}

func TestExportEmptyTemplateReadsBack(t *testing.T) {
	f := setup(t)
	res, err := f.svc.Save(ctx, f.agency, small("bo-thu"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), criteria.FileName(&res.Set))
	if err := f.svc.ExportTo(ctx, f.agency, res.Set.ID, path); err != nil {
		t.Fatal(err)
	}
	pv, err := f.svc.PreviewImport(ctx, f.agency, path)
	if err != nil || pv.Action != criteria.ActionIdentical {
		t.Fatalf("round trip of an edited set: %+v %v", pv, err)
	}
	if err := f.svc.ExportTo(ctx, f.agency, store.NewID(), path); !errors.Is(err, fault.ErrNotFound) {
		t.Fatalf("unknown set: %v", err)
	}
	if err := f.svc.ExportTo(ctx, f.agency, res.Set.ID, filepath.Join(t.TempDir(), "no", "dir.xlsx")); keyOf(err) != "errors.import.cannotWrite" {
		t.Fatalf("unwritable path: %v", err)
	}
}
