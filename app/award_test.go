package app_test

import (
	"os"
	"path/filepath"
	"testing"

	"chungsuc/app"
	"chungsuc/internal/award"
	"chungsuc/internal/store"
)

func TestAwardsFacade(t *testing.T) {
	f := withSample(t)
	a := app.NewAwards(f.core)
	ch := a.Choices()
	if len(ch.Statuses) != 5 || ch.DefaultThreshold != 50 || len(ch.ThresholdBases) != 4 {
		t.Fatalf("choices %+v", ch)
	}
	forms, err := a.Forms()
	if err != nil || len(forms) != len(award.BuiltinForms()) {
		t.Fatalf("forms %d %v", len(forms), err)
	}
	rules, err := a.Rules(award.FormBKTTg)
	if err != nil || len(rules) == 0 {
		t.Fatalf("rules %d %v", len(rules), err)
	}
	// The sample's tổng kết batch, reviewed by the council.
	page, err := a.Proposals(award.ProposalQuery{})
	if err != nil || page.Total != 1 || page.Items[0].Status != award.StatusReviewed || page.Items[0].Nominees != 6 {
		t.Fatalf("proposals %+v %v", page, err)
	}
	id, err := a.LatestProposalID()
	if err != nil || id != page.Items[0].ID {
		t.Fatalf("latest %q %v", id, err)
	}
	d, err := a.GetProposal(id)
	if err != nil || len(d.Nominees) != 6 || d.Base != 9 {
		t.Fatalf("detail %+v %v", d.Proposal, err)
	}
	var ttg award.NomineeDetail
	for _, n := range d.Nominees {
		if n.FormCode == award.FormBKTTg {
			ttg = n
		}
	}
	e, err := a.CheckNominee(ttg.ID)
	if err != nil || e.Form.Code != award.FormBKTTg || len(e.Items) == 0 {
		t.Fatalf("check %+v %v", e, err)
	}
	if _, err := a.Check(award.CheckInput{Candidate: award.Candidate{SubjectKind: award.SubjectStaff, StaffID: ttg.StaffID}, FormCode: "khong_co"}); err != nil {
		uiError(t, err, "errors.notFound")
	} else {
		t.Fatal("check of an unknown form")
	}
	// Workflow through the facade: an illegal move, a reopen, a vote change.
	_, err = a.Move(award.MoveInput{ProposalID: id, Version: d.Version, To: award.StatusDecided})
	uiError(t, err, "errors.award.badMove")
	p, err := a.Move(award.MoveInput{ProposalID: id, Version: d.Version, To: award.StatusDraft, Reason: "Xét lại"})
	if err != nil || p.Status != award.StatusDraft {
		t.Fatalf("reopen %+v %v", p, err)
	}
	_, err = a.RecordVote(award.VoteInput{ProposalID: id, Version: p.Version, MeetingDate: "2025-12-22", MembersTotal: 9, MembersPresent: 10})
	ue := uiError(t, err, "errors.invalid")
	if len(ue.Fields) == 0 || ue.Fields[0].Field != "membersPresent" {
		t.Fatalf("fields %+v", ue.Fields)
	}
	text, err := a.DraftSummary(ttg.ID)
	if err != nil || text == "" {
		t.Fatalf("draft %q %v", text, err)
	}
	// Attachments through the (scripted) file dialog.
	answer := filepath.Join(t.TempDir(), "answer")
	t.Setenv(app.DialogAnswerEnv, answer)
	src := filepath.Join(t.TempDir(), "bien-ban.pdf")
	if err := os.WriteFile(src, []byte("%PDF-1.4 biên bản"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(answer, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	picked, err := a.PickAttachment()
	if err != nil || picked != src {
		t.Fatalf("pick %q %v", picked, err)
	}
	att, err := a.AddAttachment(ttg.ID, picked)
	if err != nil || att.FileName != "bien-ban.pdf" {
		t.Fatalf("attach %+v %v", att, err)
	}
	if err := a.DeleteAttachment(att.ID); err != nil {
		t.Fatal(err)
	}
	// History: validation, the template through the save dialog, and its preview.
	_, err = a.SaveRecord(award.Record{SubjectKind: award.SubjectUnit, Year: 2023, FormCode: award.FormTTLDXS})
	uiError(t, err, "errors.invalid")
	recs, err := a.Records(award.RecordQuery{ListQuery: store.ListQuery{Search: "bui hong"}})
	if err != nil || recs.Total == 0 {
		t.Fatalf("search %+v %v", recs, err)
	}
	dest := filepath.Join(t.TempDir(), "mau")
	if err := os.WriteFile(answer, []byte(dest), 0o644); err != nil {
		t.Fatal(err)
	}
	path, err := a.SaveTemplate()
	if err != nil || path != dest+".xlsx" {
		t.Fatalf("template %q %v", path, err)
	}
	pv, err := a.PreviewImport(path)
	if err != nil || pv.CanCommit || pv.Counts.Error != 2 {
		t.Fatalf("template preview %+v %v", pv.Counts, err)
	}
	_, err = a.CommitImport(path, pv.SHA256)
	uiError(t, err, "errors.import.hasErrors")
	if p, err := a.SaveTemplate(); err != nil || p != "" {
		t.Fatalf("cancelled template %q %v", p, err)
	}
}

// A database from before the awards gets the catalogue when it opens.
func TestOpeningSeedsAwards(t *testing.T) {
	f := withSample(t)
	f.core.Close()
	db, err := store.Open(t.Context(), f.dsn, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"award_rules", "award_forms"} {
		if err := db.DB.Exec("DELETE FROM " + table).Error; err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	again := newCore(t, f.dsn)
	forms, err := app.NewAwards(again.core).Forms()
	if err != nil || len(forms) != len(award.BuiltinForms()) {
		t.Fatalf("forms after reopening %d %v", len(forms), err)
	}
}
