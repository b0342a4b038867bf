package app_test

import (
	"os"
	"path/filepath"
	"testing"

	"chungsuc/app"
	"chungsuc/internal/locality"
	"chungsuc/internal/store"
)

func TestLocalitiesFacade(t *testing.T) {
	f := withSample(t)
	loc := app.NewLocalities(f.core)
	roots, err := loc.Children("")
	if err != nil || len(roots) != 2 {
		t.Fatalf("roots %+v %v", roots, err)
	}
	page, err := loc.List(locality.Query{Level: 3, NTMLevel: "kieu_mau"})
	if err != nil || page.Total != 8 || page.Items[0].CurrentLevel != "kieu_mau" {
		t.Fatalf("list %+v %v", page.Total, err)
	}
	d, err := loc.Get(page.Items[0].ID)
	if err != nil || len(d.Path) != 2 || d.Current == nil || d.Current.Level != "kieu_mau" {
		t.Fatalf("get %+v %v", d, err)
	}
	// A validation error reaches the window as a UIError with its fields.
	_, err = loc.Save(locality.Locality{Name: "", Kind: "xa"})
	if ue := uiError(t, err, "errors.invalid"); len(ue.Fields) == 0 || ue.Fields[0].Field != "name" {
		t.Fatalf("fields %+v", ue.Fields)
	}
	// A commune with villages cannot be deleted.
	sd, err := loc.List(locality.Query{Level: 3, Flag: "specialDifficulty", ListQuery: store.ListQuery{PageSize: 1}})
	if err != nil || len(sd.Items) != 1 {
		t.Fatal(sd, err)
	}
	uiError(t, loc.Delete(sd.Items[0].ID), "errors.locality.notEmpty")
	// Status and lineage round trip.
	st, err := loc.SaveStatus(locality.NTMStatus{LocalityID: d.ID, Level: "kieu_mau", Year: 2026})
	if err != nil {
		t.Fatal(err)
	}
	if err := loc.DeleteStatus(st.ID); err != nil {
		t.Fatal(err)
	}
	uiError(t, loc.DeleteLineage("nope"), "errors.notFound")
	g, err := loc.SaveLineage(locality.Lineage{PredecessorID: d.ID, SuccessorID: sd.Items[0].ID, EffectiveDate: "2025-07-01"})
	if err != nil {
		t.Fatal(err)
	}
	if err := loc.DeleteLineage(g.ID); err != nil {
		t.Fatal(err)
	}
	// Import through the facade: preview, then commit with the preview's checksum.
	path := filepath.Join("..", "internal", "sheet", "testdata", "gso3-clean.csv")
	pv, err := loc.PreviewImport(path)
	if err != nil || !pv.CanCommit || pv.Format != "gso3" {
		t.Fatalf("preview %+v %v", pv, err)
	}
	_, err = loc.CommitImport(path, "0000")
	uiError(t, err, "errors.import.changed")
	res, err := loc.CommitImport(path, pv.SHA256)
	if err != nil || res.Created != pv.Counts.Create || res.Updated != pv.Counts.Update {
		t.Fatalf("commit %+v %v (preview %+v)", res, err, pv.Counts)
	}
}

func TestLocalityDialogsScripted(t *testing.T) {
	f := withSample(t)
	loc := app.NewLocalities(f.core)
	answer := filepath.Join(t.TempDir(), "answer")
	t.Setenv(app.DialogAnswerEnv, answer)
	// No answer written: cancelled.
	if p, err := loc.PickImportFile(); err != nil || p != "" {
		t.Fatalf("pick %q %v", p, err)
	}
	if p, err := loc.SaveVillageTemplate(); err != nil || p != "" {
		t.Fatalf("template cancelled %q %v", p, err)
	}
	dest := filepath.Join(t.TempDir(), "mau.xlsx")
	if err := os.WriteFile(answer, []byte(dest), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := loc.SaveVillageTemplate()
	if err != nil || p != dest {
		t.Fatalf("template %q %v", p, err)
	}
	pv, err := loc.PreviewImport(dest)
	if err != nil || pv.Format != "villages" || len(pv.Rows) != 2 || pv.CanCommit {
		t.Fatalf("template preview %+v %v", pv, err)
	}
}
