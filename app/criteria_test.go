package app_test

import (
	"os"
	"path/filepath"
	"testing"

	"chungsuc/app"
	"chungsuc/internal/criteria"
	"chungsuc/internal/store"
)

func TestCriteriaFacade(t *testing.T) {
	f := withSample(t)
	c := app.NewCriteria(f.core)
	ch := c.Choices()
	if len(ch.Regions) != 7 || len(ch.Groups) != 3 || len(ch.Kinds) != 4 || len(ch.Targets) != 5 {
		t.Fatalf("choices %+v", ch)
	}
	page, err := c.List(criteria.Query{ListQuery: store.ListQuery{Search: "xa ntm"}, Current: "yes"})
	if err != nil || page.Total < 4 {
		t.Fatalf("list %+v %v", page, err)
	}
	if _, err := c.List(criteria.Query{Current: "maybe"}); err != nil {
		uiError(t, err, "errors.criteria.badFilter")
	} else {
		t.Fatal("bad filter accepted")
	}
	x, err := c.GetCurrent("xa-ntm-2021-2025")
	if err != nil || len(x.Criteria) != 19 {
		t.Fatalf("current %d criteria %v", len(x.Criteria), err)
	}
	if _, err := c.Get(store.NewID()); err != nil {
		uiError(t, err, "errors.notFound")
	} else {
		t.Fatal("unknown id found")
	}
	revs, err := c.Revisions("xa-ntm-2021-2025")
	if err != nil || len(revs) != 1 {
		t.Fatalf("revisions %+v %v", revs, err)
	}
	// Save creates; a bad set reports its fields.
	res, err := c.Save(criteria.Set{Code: "bo-tinh", Name: "Bộ của tỉnh", Target: criteria.TargetDatChuan, Scope: 3,
		Dimension: criteria.DimensionGroup, Criteria: []criteria.Criterion{{No: 1, Name: "Quy hoạch", Indicators: []criteria.Indicator{
			{Code: "1.1", Name: "Có quy hoạch", Kind: criteria.KindPassFail}}}}})
	if err != nil || res.NewRevision || res.Set.Revision != 1 {
		t.Fatalf("save %+v %v", res, err)
	}
	if _, err := c.Save(criteria.Set{Code: "Bộ Sai"}); err != nil {
		ue := uiError(t, err, "errors.invalid")
		if len(ue.Fields) == 0 {
			t.Fatalf("no field errors: %+v", ue)
		}
	} else {
		t.Fatal("invalid set saved")
	}
	if err := c.Delete(res.Set.ID); err != nil {
		t.Fatal(err)
	}
	if err := c.Restore(res.Set.ID); err != nil {
		t.Fatal(err)
	}

	// Export through the (scripted) save dialog, then import it back.
	answer := filepath.Join(t.TempDir(), "answer")
	t.Setenv(app.DialogAnswerEnv, answer)
	if p, err := c.Export(x.ID); err != nil || p != "" {
		t.Fatalf("cancelled export %q %v", p, err)
	}
	dest := filepath.Join(t.TempDir(), "bo.xlsx")
	if err := os.WriteFile(answer, []byte(dest), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := c.Export(x.ID)
	if err != nil || p != dest {
		t.Fatalf("export %q %v", p, err)
	}
	if err := os.WriteFile(answer, []byte(dest), 0o644); err != nil {
		t.Fatal(err)
	}
	if p, err := c.PickImportFile(); err != nil || p != dest {
		t.Fatalf("pick %q %v", p, err)
	}
	pv, err := c.PreviewImport(dest)
	if err != nil || pv.Action != criteria.ActionIdentical || pv.CanCommit {
		t.Fatalf("preview %+v %v", pv, err)
	}
	_, err = c.CommitImport(dest, "0000")
	uiError(t, err, "errors.import.changed")
	if r, err := c.CommitImport(dest, pv.SHA256); err != nil || r.SetID != x.ID {
		t.Fatalf("commit identical %+v %v", r, err)
	}
}

func TestCriteriaSaveTemplate(t *testing.T) {
	f := withSample(t)
	c := app.NewCriteria(f.core)
	answer := filepath.Join(t.TempDir(), "answer")
	t.Setenv(app.DialogAnswerEnv, answer)
	dest := filepath.Join(t.TempDir(), "mau.xlsx")
	if err := os.WriteFile(answer, []byte(dest), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := c.SaveTemplate(criteria.DimensionGroup)
	if err != nil || p != dest {
		t.Fatalf("template %q %v", p, err)
	}
	// The empty template is refused until it is filled in (no code, no name).
	pv, err := c.PreviewImport(dest)
	if err != nil || pv.CanCommit || len(pv.Problems) == 0 {
		t.Fatalf("empty template preview %+v %v", pv.Problems, err)
	}
}
