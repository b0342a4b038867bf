package app_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"chungsuc/app"
	"chungsuc/internal/assessment"
	"chungsuc/internal/criteria"
	"chungsuc/internal/store"
)

func TestAssessmentFacadeRoundTrip(t *testing.T) {
	f := withSample(t)
	as := app.NewAssessments(f.core)
	ag, err := f.org.GetAgency()
	if err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(context.Background(), f.dsn, store.Options{NoMigrate: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	commune := place{AgencyID: ag.ID, Name: "Xã Thử Đánh Giá", Kind: "xa", Level: 3}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(db.Create(&commune).Error)
	must(db.Table("localities").Where("id = ?", commune.ID).Updates(map[string]any{"search_key": "xa thu danh gia", "sort_key": "xa thu danh gia"}).Error)
	th := 80.0
	set := criteria.Set{AgencyID: ag.ID, Code: "xa-thu-facade", Revision: 1, Current: true, Name: "Bộ thử", Target: criteria.TargetDatChuan,
		Scope: 3, Dimension: criteria.DimensionNone}
	must(db.Create(&set).Error)
	crit := criteria.Criterion{SetID: set.ID, No: 1, Name: "Giao thông"}
	must(db.Create(&crit).Error)
	ind := criteria.Indicator{SetID: set.ID, CriterionID: crit.ID, Code: "1.1", Name: "Tỷ lệ đường nhựa", Kind: criteria.KindPercent, Comparator: ">=", Threshold: &th}
	must(db.Create(&ind).Error)

	_, err = as.Create(assessment.NewInput{LocalityID: commune.ID, SetID: set.ID, Date: "2024-13-01"})
	ue := uiError(t, err, "errors.invalid")
	if len(ue.Fields) != 1 || ue.Fields[0].Field != "date" {
		t.Fatalf("fields %+v", ue.Fields)
	}
	a, err := as.Create(assessment.NewInput{LocalityID: commune.ID, SetID: set.ID, Date: "2024-11-01"})
	must(err)
	_, err = as.Finalise(a.ID, a.Version)
	uiError(t, err, "errors.assessment.undecided")
	x := 85.0
	r, err := as.SaveValue(assessment.ValueInput{AssessmentID: a.ID, IndicatorID: ind.ID, Number: &x})
	must(err)
	if !r.Criterion.Met || r.Totals.CriteriaMet != 1 {
		t.Fatalf("saved %+v", r)
	}
	src := filepath.Join(t.TempDir(), "anh-duong.jpg")
	must(os.WriteFile(src, []byte("ảnh"), 0o644))
	e, err := as.AddEvidenceFile(a.ID, ind.ID, src)
	must(err)
	if p, err := as.EvidencePath(e.ID); err != nil || !strings.HasPrefix(p, f.dataDir) {
		t.Fatalf("evidence at %s (%v)", p, err)
	}
	cl, err := as.Checklist(a.ID)
	must(err)
	if len(cl.Criteria) != 1 || len(cl.Criteria[0].Indicators[0].Evidence) != 1 || !cl.Editable {
		t.Fatalf("checklist %+v", cl)
	}
	fin, err := as.Finalise(a.ID, r.Totals.Version)
	must(err)
	_, err = as.SaveValue(assessment.ValueInput{AssessmentID: a.ID, IndicatorID: ind.ID, Number: &x})
	uiError(t, err, "errors.assessment.notEditable")
	m, err := as.Matrix(assessment.MatrixQuery{SetCode: set.Code, Search: "thu danh gia"})
	must(err)
	if m.Total != 1 || m.Rows[0].AssessmentID != a.ID || m.Rows[0].Met[0] != 1 {
		t.Fatalf("matrix %+v", m)
	}
	tl, err := as.Timeline(commune.ID, "")
	must(err)
	if len(tl.Years) != 1 || tl.Years[0].Year != 2024 {
		t.Fatalf("timeline %+v", tl)
	}
	page, err := as.List(assessment.Query{SetCode: set.Code})
	must(err)
	if page.Total != 1 || page.Items[0].Status != assessment.StatusFinal {
		t.Fatalf("list %+v", page)
	}
	_, err = as.Reopen(a.ID, fin.Version, "")
	uiError(t, err, "errors.invalid")
	_, err = as.Reopen(a.ID, fin.Version, "Sửa lại số liệu")
	must(err)
	h, err := as.History(a.ID)
	must(err)
	if len(h) < 4 || h[0].Action != assessment.ActionReopen || h[0].Actor != "" {
		t.Fatalf("history %+v", h)
	}
	must(as.DeleteEvidence(e.ID))
	must(as.Delete(a.ID))
	must(as.Restore(a.ID))
}
