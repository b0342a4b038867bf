package award_test

import (
	"errors"
	"fmt"
	"testing"

	"chungsuc/internal/award"
	"chungsuc/internal/fault"
	"chungsuc/internal/store/storetest"
)

func TestVoteMathBoundaries(t *testing.T) {
	p := func(base string, threshold float64, total, present int) award.Proposal {
		return award.Proposal{ThresholdBase: base, Threshold: threshold, MembersTotal: total, MembersPresent: present}
	}
	cases := []struct {
		name    string
		p       award.Proposal
		ballots int
		percent float64
		passed  bool
	}{
		{"half of an even council is not more than half", p(award.ThresholdTotal, 50, 8, 8), 4, 50, false},
		{"one more than half passes", p(award.ThresholdTotal, 50, 8, 8), 5, 62.5, true},
		{"odd council: 5 of 9", p(award.ThresholdTotal, 50, 9, 7), 5, 500.0 / 9, true},
		{"odd council: 4 of 9", p(award.ThresholdTotal, 50, 9, 7), 4, 400.0 / 9, false},
		{"of the present: 4 of 7 present", p(award.ThresholdPresent, 50, 9, 7), 4, 400.0 / 7, true},
		{"of the present: absent members do not count against", p(award.ThresholdPresent, 50, 9, 6), 3, 50, false},
		{"at least half: exactly half passes", p(award.ThresholdTotalAtLeast, 50, 8, 8), 4, 50, true},
		{"at least 70 %: 7 of 10", p(award.ThresholdTotalAtLeast, 70, 10, 10), 7, 70, true},
		{"at least 70 %: 6 of 10", p(award.ThresholdTotalAtLeast, 70, 10, 10), 6, 60, false},
		{"more than 70 %: 7 of 10 does not", p(award.ThresholdTotal, 70, 10, 10), 7, 70, false},
		{"at least of the present", p(award.ThresholdPresentAtLeast, 50, 10, 4), 2, 50, true},
		{"no members: nothing passes", p(award.ThresholdTotal, 50, 0, 0), 0, 0, false},
		{"zero ballots never pass, even at 0 %", p(award.ThresholdTotalAtLeast, 0, 5, 5), 0, 0, false},
		{"unanimous", p(award.ThresholdTotal, 50, 7, 7), 7, 100, true},
		{"default base is all members", p("", 50, 10, 4), 4, 40, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := award.Percent(c.ballots, c.p); fmt.Sprintf("%.6f", got) != fmt.Sprintf("%.6f", c.percent) {
				t.Errorf("percent %v, want %v", got, c.percent)
			}
			if got := award.Passed(c.ballots, c.p); got != c.passed {
				t.Errorf("passed %v, want %v", got, c.passed)
			}
		})
	}
}

// inStatus builds a batch with one unit and one person (both voted, the
// unit passing) and walks it to the given status by legal moves.
func inStatus(w *world, status string) award.Proposal {
	w.t.Helper()
	p := w.proposal(w.camp, award.StageTongKet, 2025)
	u := w.nominate(p, "VP", award.FormBKTinh)
	s := w.nominate(p, "Nguyễn Văn An", award.FormGiayKhen)
	p = w.vote(p, map[string]int{u.ID: 7, s.ID: 3})
	switch status {
	case award.StatusDraft:
		return p
	case award.StatusReviewed:
		return w.mustMove(p, award.StatusReviewed)
	case award.StatusSubmitted:
		p = w.mustMove(p, award.StatusReviewed)
		return w.mustMove(p, award.StatusSubmitted)
	case award.StatusReturned:
		p = w.mustMove(p, award.StatusReviewed)
		p = w.mustMove(p, award.StatusSubmitted)
		return w.mustMove(p, award.StatusReturned, "Thiếu báo cáo thành tích")
	case award.StatusDecided:
		p = w.mustMove(p, award.StatusReviewed)
		p = w.mustMove(p, award.StatusSubmitted)
		return w.mustMove(p, award.StatusDecided)
	}
	w.t.Fatalf("status %s", status)
	return p
}

// TestTransitions tries every from/to pair: the legal ones work and write
// an event, the others are refused with errors.award.badMove and change nothing.
func TestTransitions(t *testing.T) {
	t.Logf("engine: %s", storetest.Describe())
	legal := map[[2]string]bool{
		{award.StatusDraft, award.StatusReviewed}:     true,
		{award.StatusReviewed, award.StatusDraft}:     true,
		{award.StatusReviewed, award.StatusSubmitted}: true,
		{award.StatusSubmitted, award.StatusReturned}: true,
		{award.StatusReturned, award.StatusSubmitted}: true,
		{award.StatusReturned, award.StatusDraft}:     true,
		{award.StatusSubmitted, award.StatusDecided}:  true,
	}
	w := newWorld(t)
	for _, from := range award.Statuses {
		for _, to := range award.Statuses {
			t.Run(from+"→"+to, func(t *testing.T) {
				w.t = t
				p := inStatus(w, from)
				before := w.get(p.ID)
				if got := award.CanMove(from, to); got != legal[[2]string{from, to}] {
					t.Fatalf("CanMove = %v", got)
				}
				out, err := w.move(p, to, "Lý do thử")
				after := w.get(p.ID)
				if legal[[2]string{from, to}] {
					if err != nil {
						t.Fatalf("legal move refused: %v", err)
					}
					if out.Status != to || after.Status != to || len(after.Events) != len(before.Events)+1 {
						t.Fatalf("status %s/%s, events %d → %d", out.Status, after.Status, len(before.Events), len(after.Events))
					}
					ev := after.Events[len(after.Events)-1]
					if ev.FromStatus != from || ev.ToStatus != to {
						t.Fatalf("event %+v", ev)
					}
					return
				}
				if keyOf(err) != "errors.award.badMove" || !errors.Is(err, fault.ErrConflict) {
					t.Fatalf("illegal move: %v", err)
				}
				if after.Status != from || after.Version != before.Version || len(after.Events) != len(before.Events) {
					t.Fatal("a refused move changed the batch")
				}
			})
		}
	}
	// An unknown status is a field error, not a move.
	w.t = t
	p := inStatus(w, award.StatusDraft)
	if _, err := w.move(p, "xong"); fieldKeys(t, err)["to"] != "validation.oneOf" {
		t.Fatalf("unknown status: %v", err)
	}
}

func TestMoveRequirements(t *testing.T) {
	w := newWorld(t)
	// nhap → da_xet needs the meeting and every ballot.
	p := w.proposal(w.camp, award.StageTongKet, 2025)
	if _, err := w.move(p, award.StatusReviewed); fieldKeys(t, err)["meetingDate"] != "validation.required" {
		t.Fatalf("no meeting: %v", err)
	}
	fk := fieldKeys(t, func() error { _, err := w.move(p, award.StatusReviewed); return err }())
	if fk["nominees"] != "validation.award.noNominees" || fk["membersTotal"] != "validation.award.membersRequired" {
		t.Fatalf("fields %v", fk)
	}
	u := w.nominate(p, "VP", award.FormBKTinh)
	s := w.nominate(p, "Nguyễn Văn An", award.FormGiayKhen)
	p = w.vote(p, map[string]int{u.ID: 2})
	if fk := fieldKeys(t, func() error { _, err := w.move(p, award.StatusReviewed); return err }()); fk["ballots"] != "validation.award.unvoted" {
		t.Fatalf("unvoted: %v", fk)
	}
	p = w.vote(p, map[string]int{s.ID: 1})
	p = w.mustMove(p, award.StatusReviewed)
	// Nobody passed (2 and 1 of 9): it cannot be submitted.
	if fk := fieldKeys(t, func() error { _, err := w.move(p, award.StatusSubmitted); return err }()); fk["nominees"] != "validation.award.nonePassed" {
		t.Fatalf("none passed: %v", fk)
	}
	// Reopen keeps the counts; nominees cannot change outside nháp.
	if _, err := w.svc.SaveNominee(ctx, w.agency, award.Nominee{ProposalID: p.ID, SubjectKind: award.SubjectUnit,
		UnitID: w.unit("CC"), FormCode: award.FormGiayKhen}); keyOf(err) != "errors.award.nomineesLocked" {
		t.Fatalf("nominee added in đã xét: %v", err)
	}
	p = w.mustMove(p, award.StatusDraft)
	d := w.get(p.ID)
	if !d.Nominees[0].Voted || d.Nominees[0].BallotsFor != 2 {
		t.Fatalf("reopen lost the counts: %+v", d.Nominees[0])
	}
	p = w.vote(p, map[string]int{u.ID: 6})
	p = w.mustMove(p, award.StatusReviewed)
	p = w.mustMove(p, award.StatusSubmitted)
	// Returning needs a reason.
	if fk := fieldKeys(t, func() error { _, err := w.move(p, award.StatusReturned, "  "); return err }()); fk["reason"] != "validation.required" {
		t.Fatalf("return without reason: %v", fk)
	}
	p = w.mustMove(p, award.StatusReturned, "Bổ sung biên bản")
	if p.ReturnReason != "Bổ sung biên bản" {
		t.Fatalf("reason %q", p.ReturnReason)
	}
	// In trả lại only the addressees and the note of the batch change.
	edit := w.get(p.ID).Proposal
	edit.Name, edit.SubmitTo, edit.Year = "Tên khác", "Ủy ban nhân dân tỉnh\nSở Nội vụ", 2020
	saved, err := w.svc.SaveProposal(ctx, w.agency, edit)
	if err != nil || saved.Name == "Tên khác" || saved.Year != 2025 || saved.SubmitTo != "Ủy ban nhân dân tỉnh\nSở Nội vụ" || saved.Status != award.StatusReturned {
		t.Fatalf("edit in trả lại %+v %v", saved, err)
	}
	p = saved
	// In trả lại the summary may change, the subject may not.
	d = w.get(p.ID)
	n := d.Nominees[0].Nominee
	n.Summary = "Tóm tắt bổ sung"
	if _, err := w.svc.SaveNominee(ctx, w.agency, n); err != nil {
		t.Fatalf("summary in trả lại: %v", err)
	}
	d = w.get(p.ID)
	n = d.Nominees[0].Nominee
	n.UnitID = w.unit("CC")
	if _, err := w.svc.SaveNominee(ctx, w.agency, n); keyOf(err) != "errors.award.nomineesLocked" {
		t.Fatalf("subject changed in trả lại: %v", err)
	}
	// Back to nháp: the vote is redone.
	p = w.mustMove(p, award.StatusDraft)
	for _, nd := range w.get(p.ID).Nominees {
		if nd.Voted || nd.BallotsFor != 0 {
			t.Fatalf("vote kept after trả lại → nháp: %+v", nd.Nominee)
		}
	}
	p = w.vote(p, map[string]int{u.ID: 6, s.ID: 5})
	p = w.mustMove(p, award.StatusReviewed)
	p = w.mustMove(p, award.StatusSubmitted)
	// The decision needs number, date and issuer; a date before the meeting is refused.
	d = w.get(p.ID)
	_, err = w.svc.Move(ctx, w.agency, award.MoveInput{ProposalID: p.ID, Version: d.Version, To: award.StatusDecided})
	fk = fieldKeys(t, err)
	if fk["decisionNumber"] != "validation.required" || fk["decisionDate"] != "validation.required" || fk["decisionIssuer"] != "validation.required" {
		t.Fatalf("decision fields: %v", fk)
	}
	_, err = w.svc.Move(ctx, w.agency, award.MoveInput{ProposalID: p.ID, Version: d.Version, To: award.StatusDecided,
		DecisionNumber: "1/QĐ", DecisionDate: "2025-12-01", DecisionIssuer: "UBND tỉnh"})
	if fieldKeys(t, err)["decisionDate"] != "validation.award.decisionBeforeMeeting" {
		t.Fatalf("decision before meeting: %v", err)
	}
	_, err = w.svc.Move(ctx, w.agency, award.MoveInput{ProposalID: p.ID, Version: d.Version, To: award.StatusDecided,
		DecisionNumber: "1/QĐ", DecisionDate: "2026-02-01", DecisionIssuer: "UBND tỉnh"})
	if fieldKeys(t, err)["decisionDate"] != "validation.dateFuture" {
		t.Fatalf("decision in the future: %v", err)
	}
	if w.count("award_records") != 0 {
		t.Fatal("a refused decision wrote history")
	}
	// A stale version is refused.
	if _, err := w.svc.Move(ctx, w.agency, award.MoveInput{ProposalID: p.ID, Version: d.Version - 1, To: award.StatusDecided,
		DecisionNumber: "1/QĐ", DecisionDate: "2026-01-05", DecisionIssuer: "UBND tỉnh"}); !errors.Is(err, fault.ErrStale) {
		t.Fatalf("stale: %v", err)
	}
}

// TestDecisionWritesHistory: the decision writes one thematic record per
// nominee who passed, in the same transaction, and the event carries it.
func TestDecisionWritesHistory(t *testing.T) {
	w := newWorld(t)
	p := w.proposal(w.camp, award.StageTongKet, 2025)
	u := w.nominate(p, "VP", award.FormBKTinh)
	s := w.nominate(p, "Nguyễn Văn An", award.FormGiayKhen)
	f := w.nominate(p, "Trần Thị Bình", award.FormBKTTg)
	p = w.vote(p, map[string]int{u.ID: 8, s.ID: 5, f.ID: 4}) // 4 of 9 fails
	p = w.mustMove(p, award.StatusReviewed)
	p = w.mustMove(p, award.StatusSubmitted)
	p = w.mustMove(p, award.StatusDecided)
	if p.DecisionNumber != "123/QĐ-UBND" || p.DecisionDate != "2026-01-05" {
		t.Fatalf("decision %+v", p)
	}
	page, err := w.svc.Records(ctx, w.agency, award.RecordQuery{})
	must(t, err)
	if page.Total != 2 {
		t.Fatalf("%d records, want 2 (the failed nominee gets none)", page.Total)
	}
	for _, r := range page.Items {
		if r.Origin != award.OriginDecision || !r.Thematic || r.Year != 2026 || r.ProposalID == nil || *r.ProposalID != p.ID ||
			r.CampaignID == nil || r.DecisionIssuer != "Chủ tịch UBND tỉnh" || r.ProposalName == "" {
			t.Fatalf("record %+v", r)
		}
		if r.StaffID != nil && (r.SubjectName != "Nguyễn Văn An" || r.Title != "Giấy khen" || r.UnitName != "Văn phòng Sở") {
			t.Fatalf("person's record %+v", r)
		}
		if r.UnitID != nil && (r.SubjectName != "Văn phòng Sở" || r.Title != "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" || r.Kind != award.KindForm) {
			t.Fatalf("unit's record %+v", r)
		}
		// A decision's record cannot be deleted; its note can change.
		if err := w.svc.DeleteRecord(ctx, w.agency, r.ID); keyOf(err) != "errors.award.recordFromDecision" {
			t.Fatalf("delete decision record: %v", err)
		}
		edit := r.Record
		edit.Note, edit.Title, edit.Year = "Đã trao", "Khác", 2000
		saved, err := w.svc.SaveRecord(ctx, w.agency, edit)
		if err != nil || saved.Note != "Đã trao" || saved.Title != r.Title || saved.Year != r.Year {
			t.Fatalf("edit decision record: %+v %v", saved, err)
		}
	}
	d := w.get(p.ID)
	last := d.Events[len(d.Events)-1]
	if last.ToStatus != award.StatusDecided || last.Reason == "" {
		t.Fatalf("event %+v", last)
	}
	// The batch's own records are not "earlier" history of its nominees.
	for _, nd := range d.Nominees {
		if len(nd.History) != 0 {
			t.Fatalf("history of %s includes this decision: %+v", nd.Name, nd.History)
		}
	}
	if d.Passed != 2 || len(d.Next) != 0 {
		t.Fatalf("passed %d next %v", d.Passed, d.Next)
	}
	// Nothing changes after the decision.
	if _, err := w.svc.SaveProposal(ctx, w.agency, d.Proposal); keyOf(err) != "errors.award.locked" {
		t.Fatalf("edit decided batch: %v", err)
	}
	if err := w.svc.DeleteProposal(ctx, w.agency, p.ID); keyOf(err) != "errors.award.deleteNotDraft" {
		t.Fatalf("delete decided batch: %v", err)
	}
}

// TestDecisionAllOrNothing: when writing the history fails, the status
// stays and no record is left.
func TestDecisionAllOrNothing(t *testing.T) {
	w := newWorld(t)
	p := inStatus(w, award.StatusSubmitted)
	breakInserts(t, w, "award_events")
	if _, err := w.move(p, award.StatusDecided); err == nil {
		t.Fatal("decision without an events table succeeded")
	}
	if w.get(p.ID).Status != award.StatusSubmitted {
		t.Fatal("the status changed")
	}
	var n int64
	must(t, w.db.Table("award_records").Count(&n).Error)
	if n != 0 {
		t.Fatalf("%d records left by a failed decision", n)
	}
}

func TestRecordVoteValidation(t *testing.T) {
	w := newWorld(t)
	p := w.proposal(w.camp, award.StageTongKet, 2025)
	u := w.nominate(p, "VP", award.FormBKTinh)
	base := func() award.VoteInput {
		return award.VoteInput{ProposalID: p.ID, Version: w.get(p.ID).Version, MeetingDate: "2025-12-10", MembersTotal: 9, MembersPresent: 7,
			Ballots: []award.Ballot{{NomineeID: u.ID, BallotsFor: 5}}}
	}
	cases := []struct {
		name  string
		edit  func(*award.VoteInput)
		field string
		key   string
	}{
		{"present over total", func(v *award.VoteInput) { v.MembersPresent = 10 }, "membersPresent", "validation.award.presentOverTotal"},
		{"ballots over present", func(v *award.VoteInput) { v.Ballots[0].BallotsFor = 8 }, "ballots.0", "validation.award.ballotsOverPresent"},
		{"negative ballots", func(v *award.VoteInput) { v.Ballots[0].BallotsFor = -1 }, "ballots.0", "validation.range"},
		{"unknown nominee", func(v *award.VoteInput) { v.Ballots[0].NomineeID = "x" }, "ballots.0", "validation.award.nomineeMissing"},
		{"future meeting", func(v *award.VoteInput) { v.MeetingDate = "2026-02-01" }, "meetingDate", "validation.dateFuture"},
		{"bad date", func(v *award.VoteInput) { v.MeetingDate = "10/12/2025" }, "meetingDate", "validation.date"},
		{"huge council", func(v *award.VoteInput) { v.MembersTotal = 5000 }, "membersTotal", "validation.range"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := base()
			c.edit(&in)
			_, err := w.svc.RecordVote(ctx, w.agency, in)
			if got := fieldKeys(t, err)[c.field]; got != c.key {
				t.Fatalf("%s: %q, want %q (%v)", c.field, got, c.key, err)
			}
		})
	}
	p2, err := w.svc.RecordVote(ctx, w.agency, base())
	must(t, err)
	// Lowering the members present below a recorded count is refused.
	in := base()
	in.Version, in.MembersPresent, in.Ballots = p2.Version, 4, nil
	if _, err := w.svc.RecordVote(ctx, w.agency, in); fieldKeys(t, err)["membersPresent"] != "validation.award.presentUnderBallots" {
		t.Fatalf("present under ballots: %v", err)
	}
	d := w.get(p.ID)
	if d.Nominees[0].BallotsFor != 5 || !d.Nominees[0].Voted || fmt.Sprintf("%.4f", d.Nominees[0].Percent) != "55.5556" || !d.Nominees[0].Passed {
		t.Fatalf("nominee %+v", d.Nominees[0])
	}
	// Stale version.
	if _, err := w.svc.RecordVote(ctx, w.agency, award.VoteInput{ProposalID: p.ID, Version: 1}); !errors.Is(err, fault.ErrStale) {
		t.Fatalf("stale vote: %v", err)
	}
}

func TestProposalAndNomineeValidation(t *testing.T) {
	w := newWorld(t)
	_, err := w.svc.SaveProposal(ctx, w.agency, award.Proposal{CampaignID: "x", Stage: "cuoi_nam", Year: 1800, Threshold: 120, ThresholdBase: "ai"})
	fk := fieldKeys(t, err)
	for field, key := range map[string]string{"campaignId": "validation.award.campaignMissing", "stage": "validation.oneOf",
		"year": "validation.range", "name": "validation.required", "threshold": "validation.award.threshold", "thresholdBase": "validation.oneOf"} {
		if fk[field] != key {
			t.Errorf("%s: %q, want %q", field, fk[field], key)
		}
	}
	p := w.proposal(w.camp, award.StageTongKet, 2025)
	if p.Status != award.StatusDraft || p.Threshold != 50 || p.ThresholdBase != award.ThresholdTotal {
		t.Fatalf("defaults %+v", p)
	}
	if d := w.get(p.ID); len(d.Events) != 1 || d.Events[0].ToStatus != award.StatusDraft {
		t.Fatalf("creation event %+v", d.Events)
	}
	cases := []struct {
		name  string
		n     award.Nominee
		field string
		key   string
	}{
		{"no subject", award.Nominee{SubjectKind: award.SubjectUnit, FormCode: award.FormGiayKhen}, "unitId", "validation.required"},
		{"unknown unit", award.Nominee{SubjectKind: award.SubjectUnit, UnitID: ptr("x"), FormCode: award.FormGiayKhen}, "unitId", "validation.award.subjectMissing"},
		{"bad kind", award.Nominee{SubjectKind: "team", FormCode: award.FormGiayKhen}, "subjectKind", "validation.oneOf"},
		{"unknown form", award.Nominee{SubjectKind: award.SubjectUnit, UnitID: w.unit("VP"), FormCode: "bk_bo"}, "formCode", "validation.award.formMissing"},
		{"person's title to a unit", award.Nominee{SubjectKind: award.SubjectUnit, UnitID: w.unit("VP"), FormCode: award.FormCSTDCS}, "formCode", "validation.award.formTarget"},
		{"unit's title to a person", award.Nominee{SubjectKind: award.SubjectStaff, StaffID: w.person("Nguyễn Văn An"), FormCode: award.FormTTLDXS}, "formCode", "validation.award.formTarget"},
		{"person's report for a unit", award.Nominee{SubjectKind: award.SubjectUnit, UnitID: w.unit("VP"), FormCode: award.FormGiayKhen, ReportForm: award.ReportStaff}, "reportForm", "validation.award.reportForm"},
		{"broken report", award.Nominee{SubjectKind: award.SubjectUnit, UnitID: w.unit("VP"), FormCode: award.FormGiayKhen, Report: "{"}, "report", "validation.award.report"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.n.ProposalID = p.ID
			_, err := w.svc.SaveNominee(ctx, w.agency, c.n)
			if got := fieldKeys(t, err)[c.field]; got != c.key {
				t.Fatalf("%s: %q, want %q (%v)", c.field, got, c.key, err)
			}
		})
	}
	n := w.nominate(p, "VP", award.FormBKTinh)
	if n.ReportForm != award.ReportThematic || n.SortOrder == 0 {
		t.Fatalf("nominee defaults %+v", n)
	}
	if _, err := w.svc.SaveNominee(ctx, w.agency, award.Nominee{ProposalID: p.ID, SubjectKind: award.SubjectUnit, UnitID: w.unit("VP"),
		FormCode: award.FormGiayKhen}); fieldKeys(t, err)["unitId"] != "validation.award.nomineeDuplicate" {
		t.Fatalf("duplicate nominee: %v", err)
	}
	// An inactive form cannot be proposed.
	forms, err := w.svc.Forms(ctx, w.agency)
	must(t, err)
	for _, f := range forms {
		if f.Code == award.FormHCLDBa {
			_, err := w.svc.SetFormActive(ctx, w.agency, f.ID, f.Version, false)
			must(t, err)
		}
	}
	if _, err := w.svc.SaveNominee(ctx, w.agency, award.Nominee{ProposalID: p.ID, SubjectKind: award.SubjectStaff,
		StaffID: w.person("Trần Thị Bình"), FormCode: award.FormHCLDBa}); fieldKeys(t, err)["formCode"] != "validation.award.formInactive" {
		t.Fatalf("inactive form: %v", err)
	}
	// Other agency: the batch is not found.
	if _, err := w.svc.GetProposal(ctx, w.otherAg, p.ID); !errors.Is(err, fault.ErrNotFound) {
		t.Fatalf("other agency: %v", err)
	}
	// Delete and restore a draft.
	must(t, w.svc.DeleteNominee(ctx, w.agency, n.ID))
	must(t, w.svc.DeleteProposal(ctx, w.agency, p.ID))
	page, err := w.svc.Proposals(ctx, w.agency, award.ProposalQuery{})
	must(t, err)
	if page.Total != 0 {
		t.Fatalf("deleted batch listed: %+v", page)
	}
	must(t, w.svc.RestoreProposal(ctx, w.agency, p.ID))
	page, err = w.svc.Proposals(ctx, w.agency, award.ProposalQuery{CampaignID: w.camp, Status: award.StatusDraft})
	must(t, err)
	if page.Total != 1 || page.Items[0].CampaignName == "" || page.Items[0].Nominees != 0 {
		t.Fatalf("restored batch %+v", page)
	}
}

func TestProposalDetailLatestAndDocuments(t *testing.T) {
	w := newWorld(t)
	if _, err := w.svc.LatestProposalID(ctx, w.agency); !errors.Is(err, fault.ErrNotFound) {
		t.Fatalf("latest of none: %v", err)
	}
	old := w.proposal(w.camp, award.StageSoKet, 2023)
	p := w.proposal(w.camp, award.StageTongKet, 2025)
	w.record("Nguyễn Văn An", 2022, award.FormCSTDCS, false)
	w.record("Nguyễn Văn An", 2020, award.FormLDTT, false)
	s := w.nominate(p, "Nguyễn Văn An", award.FormGiayKhen)
	u := w.nominate(p, "VP", award.FormBKTinh)
	id, err := w.svc.LatestProposalID(ctx, w.agency)
	if err != nil || id != p.ID || id == old.ID {
		t.Fatalf("latest %s %v", id, err)
	}
	d := w.get(p.ID)
	if len(d.Nominees) != 2 || d.Nominees[0].ID != u.ID || d.Nominees[1].ID != s.ID {
		t.Fatalf("units first: %+v", d.Nominees)
	}
	person := d.Nominees[1]
	if person.Name != "Nguyễn Văn An" || person.UnitName != "Văn phòng Sở" || person.BirthYear != 1980 || person.Gender != "nam" ||
		person.Form.Code != award.FormGiayKhen || len(person.History) != 2 || person.History[0].Year != 2020 {
		t.Fatalf("person %+v", person)
	}
	if d.Campaign.Name == "" || d.Forms[award.FormBKTinh].Name == "" || d.Base != 0 {
		t.Fatalf("detail %+v", d)
	}
	// Documents: unknown id refused, nil leaves, "" clears, version unchanged.
	if err := w.svc.SetDocuments(ctx, w.agency, p.ID, ptr("nope"), nil); !errors.Is(err, fault.ErrNotFound) {
		t.Fatalf("unknown document: %v", err)
	}
	docID := insertDocument(t, w)
	must(t, w.svc.SetDocuments(ctx, w.agency, p.ID, &docID, nil))
	d2 := w.get(p.ID)
	if d2.ToTrinhDocID == nil || *d2.ToTrinhDocID != docID || d2.BienBanDocID != nil || d2.Version != d.Version {
		t.Fatalf("documents %+v", d2.Proposal)
	}
	must(t, w.svc.SetDocuments(ctx, w.agency, p.ID, ptr(""), &docID))
	d2 = w.get(p.ID)
	if d2.ToTrinhDocID != nil || d2.BienBanDocID == nil {
		t.Fatalf("documents %+v", d2.Proposal)
	}
}

func TestReportRoundTrip(t *testing.T) {
	secs := []award.ReportSection{{Heading: "I. SƠ LƯỢC LÝ LỊCH", Markup: "Tên đơn vị: Văn phòng Sở\r\n"}, {Heading: "II. THÀNH TÍCH", Markup: "- Hoàn thành"}}
	s := award.FormatReport(secs)
	back, err := award.ParseReport(s)
	if err != nil || len(back) != 2 || back[0].Markup != "Tên đơn vị: Văn phòng Sở" || back[1].Heading != "II. THÀNH TÍCH" {
		t.Fatalf("round trip %+v %v", back, err)
	}
	if award.FormatReport(nil) != "" {
		t.Fatal("no sections should be empty")
	}
	if got, err := award.ParseReport(" "); err != nil || len(got) != 0 {
		t.Fatalf("empty: %v %v", got, err)
	}
	for _, bad := range []string{"{", `{"heading":"x"}`, `"x"`} {
		if _, err := award.ParseReport(bad); keyOf(err) != "validation.award.report" {
			t.Errorf("ParseReport(%q): %v", bad, err)
		}
	}
}

// A title decided with a batch is of the batch's year; a form of the decision's.
func TestDecisionYears(t *testing.T) {
	w := newWorld(t)
	p := w.proposal(w.camp, award.StageTongKet, 2025)
	title := w.nominate(p, "Lê Văn Cường", award.FormCSTDCS)
	form := w.nominate(p, "TT", award.FormGiayKhen)
	p = w.vote(p, map[string]int{title.ID: 8, form.ID: 8})
	p = w.mustMove(p, award.StatusReviewed)
	p = w.mustMove(p, award.StatusSubmitted)
	w.mustMove(p, award.StatusDecided)
	page, err := w.svc.Records(ctx, w.agency, award.RecordQuery{})
	must(t, err)
	for _, r := range page.Items {
		want := 2026
		if r.Kind == award.KindTitle {
			want = 2025
		}
		if r.Year != want {
			t.Errorf("%s %s: year %d, want %d", r.SubjectName, r.Title, r.Year, want)
		}
	}
	if page.Total != 2 {
		t.Fatalf("%d records", page.Total)
	}
}
