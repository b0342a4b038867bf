package app_test

import (
	"testing"

	"chungsuc/app"
	"chungsuc/internal/emulation"
	"chungsuc/internal/store"
)

func TestEmulationFacadeRoundTrip(t *testing.T) {
	f := withSample(t)
	em := app.NewEmulation(f.core)
	page, err := f.camp.List(store.ListQuery{})
	if err != nil || len(page.Items) == 0 {
		t.Fatalf("campaigns %+v %v", page, err)
	}
	campID := page.Items[0].ID

	// The sample's criteria and grades are there; the defaults add nothing.
	d, err := em.CreateDefaults(campID)
	if err != nil || d.Criteria != 0 || d.Grades != 0 {
		t.Fatalf("defaults %+v %v", d, err)
	}
	crits, err := em.Criteria(campID, emulation.TargetUnit)
	if err != nil || len(crits) != 3 {
		t.Fatalf("criteria %d %v", len(crits), err)
	}
	grades, err := em.Grades(campID)
	if err != nil || len(grades) != 4 {
		t.Fatalf("grades %d %v", len(grades), err)
	}
	_, err = em.SaveCriterion(emulation.Criterion{CampaignID: campID, Target: emulation.TargetUnit, Code: "TT9", Name: "Thử", MaxScore: 0})
	ue := uiError(t, err, "errors.invalid")
	if len(ue.Fields) != 1 || ue.Fields[0].Field != "maxScore" || ue.Fields[0].Key != "errors.emulation.maxScore" {
		t.Fatalf("fields %+v", ue.Fields)
	}

	// A unit without a sheet: the IT centre.
	list, err := em.Sheets(campID, 2025, emulation.TargetUnit)
	if err != nil {
		t.Fatal(err)
	}
	var row emulation.SheetRow
	for _, r := range list.Rows {
		if r.Name == "Trung tâm Công nghệ thông tin tài nguyên và môi trường" {
			row = r
		}
	}
	if row.SubjectID == "" || row.SheetID != "" || list.Ranked != 5 {
		t.Fatalf("row %+v ranked %d", row, list.Ranked)
	}
	key := emulation.SheetKey{CampaignID: campID, Year: 2025, SubjectKind: emulation.TargetUnit, SubjectID: row.SubjectID}
	sh, err := em.Sheet(key)
	if err != nil || sh.ID != "" || len(sh.Items) != 3 || len(sh.Facts) == 0 {
		t.Fatalf("unsaved sheet %+v %v", sh.Sheet, err)
	}
	in := emulation.SelfInput{SheetKey: key}
	for _, it := range sh.Items {
		in.Items = append(in.Items, emulation.ItemInput{CriterionID: it.Criterion.ID, Score: it.Criterion.MaxScore, Evidence: "Báo cáo năm"})
	}
	in.Items[0].Score = 31
	_, err = em.SaveSelf(in)
	ue = uiError(t, err, "errors.invalid")
	if ue.Fields[0].Field != "items."+sh.Items[0].Criterion.ID+".selfScore" {
		t.Fatalf("fields %+v", ue.Fields)
	}
	in.Items[0].Score = 30
	sh, err = em.SaveSelf(in)
	if err != nil || sh.SelfTotal != 100 {
		t.Fatalf("saved %+v %v", sh.Sheet, err)
	}
	_, err = em.Review(emulation.ReviewInput{SheetID: sh.ID, Version: sh.Version})
	uiError(t, err, "errors.emulation.badMove")
	if sh, err = em.Submit(sh.ID, sh.Version); err != nil {
		t.Fatal(err)
	}
	rv := emulation.ReviewInput{SheetID: sh.ID, Version: sh.Version,
		Items: []emulation.ItemInput{{CriterionID: sh.Items[2].Criterion.ID, Score: 30}}}
	_, err = em.Review(rv)
	ue = uiError(t, err, "errors.invalid")
	if ue.Fields[0].Key != "errors.emulation.reasonRequired" {
		t.Fatalf("fields %+v", ue.Fields)
	}
	rv.Items[0].Reason = "Chưa đủ minh chứng kết quả hỗ trợ"
	if sh, err = em.Review(rv); err != nil || *sh.ReviewTotal != 90 || sh.GradeName != "Xuất sắc" {
		t.Fatalf("reviewed %+v %v", sh.Sheet, err)
	}
	st, err := em.Standings(campID, 2025, emulation.TargetUnit)
	if err != nil {
		t.Fatal(err)
	}
	// 94, 91, then this unit's 90.
	if st[2].SheetID != sh.ID || st[2].Rank != 3 || st[2].Of != 6 {
		t.Fatalf("standings %+v", st[:3])
	}
	_, err = em.Reopen(sh.ID, sh.Version, "")
	uiError(t, err, "errors.invalid")
	if sh, err = em.Reopen(sh.ID, sh.Version, "Bổ sung minh chứng"); err != nil || sh.Status != emulation.StatusDraft {
		t.Fatalf("reopened %+v %v", sh.Sheet, err)
	}
	_, err = em.Submit(sh.ID, sh.Version-1)
	uiError(t, err, "errors.stale")
	facts, err := em.Facts(campID, 2025, emulation.TargetUnit, row.SubjectID)
	if err != nil || len(facts) == 0 {
		t.Fatalf("facts %v %v", facts, err)
	}
	_, err = em.Facts(campID, 2030, emulation.TargetUnit, row.SubjectID)
	uiError(t, err, "errors.invalid")
	uiError(t, em.DeleteCriterion(crits[0].ID), "errors.emulation.criterionInUse")
}
