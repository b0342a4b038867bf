package award_test

import (
	"errors"
	"testing"

	"gorm.io/gorm"

	"chungsuc/internal/award"
)

func (w *world) check(who, form, proposalID string) award.Eligibility {
	w.t.Helper()
	in := award.CheckInput{FormCode: form, ProposalID: proposalID}
	if id, ok := w.units[who]; ok {
		in.SubjectKind, in.UnitID = award.SubjectUnit, &id
	} else {
		in.SubjectKind, in.StaffID = award.SubjectStaff, w.person(who)
	}
	e, err := w.svc.Check(ctx, w.agency, in)
	must(w.t, err)
	return e
}

// find returns the result of a rule (or of a part "code.N") and its item.
func find(t testing.TB, e award.Eligibility, code string) (award.RuleResult, award.ResultItem) {
	t.Helper()
	for _, it := range e.Items {
		for _, r := range it.Rules {
			if r.Code == code {
				return r, it
			}
			for _, p := range r.Parts {
				if p.Code == code {
					return p, it
				}
			}
		}
	}
	t.Fatalf("rule %s not in the result: %+v", code, e.Items)
	return award.RuleResult{}, award.ResultItem{}
}

// voted makes a batch of camp at stage with who nominated for form and the
// given ballots of 9 members, moved to đã xét (or left in nháp).
func (w *world) voted(camp, stage, who, form string, ballots int, review bool) award.Proposal {
	w.t.Helper()
	p := w.proposal(camp, stage, 2025)
	n := w.nominate(p, who, form)
	p = w.vote(p, map[string]int{n.ID: ballots})
	if review {
		p = w.mustMove(p, award.StatusReviewed)
	}
	return p
}

// titleRecord writes a record by title only (no catalogue code).
func (w *world) titleRecord(who string, year int, title string, thematic bool) {
	w.t.Helper()
	_, err := w.svc.SaveRecord(ctx, w.agency, award.Record{SubjectKind: award.SubjectStaff, StaffID: w.person(who), Year: year,
		Kind: award.KindForm, Title: title, Thematic: thematic})
	must(w.t, err)
}

// TestEligibilityRules: every encoded rule, met / not met / unknown.
func TestEligibilityRules(t *testing.T) {
	const an, binh, dung = "Nguyễn Văn An", "Trần Thị Bình", "Phạm Thị Dung"
	cases := []struct {
		name  string
		setup func(w *world) (who, form, proposal string)
		want  []result
	}{
		// Luật 2022 Điều 73 khoản 1 điểm a: passed the council vote in the campaign.
		{"73.1.a met: passed the vote of this batch", func(w *world) (string, string, string) {
			return an, award.FormBKTTg, w.voted(w.camp, award.StageTongKet, an, award.FormBKTTg, 6, true).ID
		}, []result{{"bk_ttg.k1.a", award.ResultMet, "award.reason.councilPassed"}}},
		{"73.1.a met: passed in another batch of the campaign", func(w *world) (string, string, string) {
			w.voted(w.camp, award.StageSoKet, an, award.FormGiayKhen, 8, true)
			return an, award.FormBKTTg, w.proposal(w.camp, award.StageTongKet, 2025).ID
		}, []result{{"bk_ttg.k1.a", award.ResultMet, "award.reason.councilPassed"}}},
		{"73.1.a unknown: the vote failed", func(w *world) (string, string, string) {
			return an, award.FormBKTTg, w.voted(w.camp, award.StageTongKet, an, award.FormBKTTg, 4, true).ID
		}, []result{{"bk_ttg.k1.a", award.ResultUnknown, "award.reason.councilNotYet"}}},
		{"73.1.a unknown: the vote is not final (nháp)", func(w *world) (string, string, string) {
			return an, award.FormBKTTg, w.voted(w.camp, award.StageTongKet, an, award.FormBKTTg, 8, false).ID
		}, []result{{"bk_ttg.k1.a", award.ResultUnknown, "award.reason.councilNotYet"}}},
		{"73.1.a unknown: passed in another campaign", func(w *world) (string, string, string) {
			w.voted(w.short, award.StageTongKet, an, award.FormGiayKhen, 8, true)
			return an, award.FormBKTTg, w.proposal(w.camp, award.StageTongKet, 2025).ID
		}, []result{{"bk_ttg.k1.a", award.ResultUnknown, "award.reason.councilNotYet"}}},
		{"73.1.a unknown: no proposal", func(w *world) (string, string, string) {
			return an, award.FormBKTTg, ""
		}, []result{{"bk_ttg.k1.a", award.ResultUnknown, "award.reason.noProposal"}, {"bk_ttg.k1", award.ResultUnknown, ""}}},
		// Điểm b: a Bằng khen of a ministry or province and 3 CSTĐCS in 5 years.
		{"73.1.b not met: no bằng khen", func(w *world) (string, string, string) {
			for _, y := range []int{2022, 2023, 2024} {
				w.record(an, y, award.FormCSTDCS, false)
			}
			return an, award.FormBKTTg, ""
		}, []result{{"bk_ttg.k1.b", award.ResultNotMet, "award.reason.partNotMet"},
			{"bk_ttg.k1.b.1", award.ResultNotMet, "award.reason.historyMissing"},
			{"bk_ttg.k1.b.2", award.ResultMet, "award.reason.historyCountMet"},
			{"bk_ttg.k1.b.3", award.ResultUnknown, "award.reason.manual"}}},
		{"73.1.b not met: two CSTĐCS", func(w *world) (string, string, string) {
			w.record(an, 2022, award.FormBKTinh, false)
			w.record(an, 2023, award.FormCSTDCS, false)
			w.record(an, 2024, award.FormCSTDCS, false)
			return an, award.FormBKTTg, ""
		}, []result{{"bk_ttg.k1.b", award.ResultNotMet, "award.reason.partNotMet"}, {"bk_ttg.k1.b.1", award.ResultMet, "award.reason.historyHas"},
			{"bk_ttg.k1.b.2", award.ResultNotMet, "award.reason.historyCountShort"}}},
		{"73.1.b unknown: the data holds, the 5 years of duty cannot be known", func(w *world) (string, string, string) {
			w.record(an, 2022, award.FormBKTinh, false)
			for _, y := range []int{2021, 2023, 2025} {
				w.record(an, y, award.FormCSTDCS, false)
			}
			return an, award.FormBKTTg, w.proposal(w.camp, award.StageTongKet, 2025).ID
		}, []result{{"bk_ttg.k1.b", award.ResultUnknown, "award.reason.partUnknown"},
			{"bk_ttg.k1.b.2", award.ResultMet, "award.reason.historyCountMet"}, {"bk_ttg.k1", award.ResultUnknown, ""}}},
		{"73.1.b not met: a thematic CSTĐCS does not count (NĐ 152 Điều 4.3)", func(w *world) (string, string, string) {
			w.record(an, 2022, award.FormBKTinh, false)
			w.record(an, 2021, award.FormCSTDCS, false)
			w.record(an, 2023, award.FormCSTDCS, false)
			w.record(an, 2024, award.FormCSTDCS, true)
			return an, award.FormBKTTg, w.proposal(w.camp, award.StageTongKet, 2025).ID
		}, []result{{"bk_ttg.k1.b.2", award.ResultNotMet, "award.reason.historyCountShort"}}},
		{"73.1.b not met: a CSTĐCS before the five years", func(w *world) (string, string, string) {
			w.record(an, 2022, award.FormBKTinh, false)
			for _, y := range []int{2019, 2023, 2024} {
				w.record(an, y, award.FormCSTDCS, false)
			}
			return an, award.FormBKTTg, w.proposal(w.camp, award.StageTongKet, 2025).ID
		}, []result{{"bk_ttg.k1.b.2", award.ResultNotMet, "award.reason.historyCountShort"}}},
		{"73.1.b: a thematic bằng khen does not count", func(w *world) (string, string, string) {
			w.record(an, 2022, award.FormBKTinh, true)
			return an, award.FormBKTTg, ""
		}, []result{{"bk_ttg.k1.b.1", award.ResultNotMet, "award.reason.historyMissing"}}},
		{"73.1.b: a ministry's bằng khen entered by title counts", func(w *world) (string, string, string) {
			w.titleRecord(an, 2021, "Bằng khen của Bộ trưởng Bộ Tài nguyên và Môi trường", false)
			return an, award.FormBKTTg, ""
		}, []result{{"bk_ttg.k1.b.1", award.ResultMet, "award.reason.historyHas"}}},
		{"73.1.b: the Prime Minister's bằng khen is not one of a ministry or province", func(w *world) (string, string, string) {
			w.titleRecord(an, 2021, "Bằng khen của Thủ tướng Chính phủ", false)
			return an, award.FormBKTTg, ""
		}, []result{{"bk_ttg.k1.b.1", award.ResultNotMet, "award.reason.historyMissing"}}},
		{"73.1.c and d are unknown", func(w *world) (string, string, string) {
			return an, award.FormBKTTg, ""
		}, []result{{"bk_ttg.k1.c", award.ResultUnknown, "award.reason.manual"}, {"bk_ttg.k1.d", award.ResultUnknown, "award.reason.manual"},
			{"bk_ttg.k1.chap_hanh", award.ResultGuidance, "award.reason.guidanceConfirmed"}}},
		// Luật 2022 Điều 44 khoản 2.
		{"44.2 applies to người lao động", func(w *world) (string, string, string) {
			return binh, award.FormHCLDBa, ""
		}, []result{{"hcld.k2.doi_tuong", award.ResultMet, "award.reason.categoryIn"}}},
		{"44.2 unknown for a công chức (khoản 1, 3 not encoded)", func(w *world) (string, string, string) {
			return an, award.FormHCLDBa, ""
		}, []result{{"hcld.k2.doi_tuong", award.ResultUnknown, "award.reason.categoryOther"},
			{"hcld.k1", award.ResultGuidance, "award.reason.guidanceUnconfirmed"}}},
		{"44.2 unknown without a category", func(w *world) (string, string, string) {
			return dung, award.FormHCLDBa, ""
		}, []result{{"hcld.k2.doi_tuong", award.ResultUnknown, "award.reason.categoryUnknown"}}},
		{"44.2 first standard: tổng kết of a 5-year movement, launcher unknown", func(w *world) (string, string, string) {
			return binh, award.FormHCLDBa, w.proposal(w.camp, award.StageTongKet, 2025).ID
		}, []result{{"hcld.k2.a.1", award.ResultMet, "award.reason.campaignLong"}, {"hcld.k2.a.2", award.ResultUnknown, "award.reason.manual"},
			{"hcld.k2.a", award.ResultUnknown, "award.reason.partUnknown"}, {"hcld.k2", award.ResultUnknown, ""}}},
		{"44.2 first standard met at sơ kết too", func(w *world) (string, string, string) {
			return binh, award.FormHCLDBa, w.proposal(w.camp, award.StageSoKet, 2023).ID
		}, []result{{"hcld.k2.a.1", award.ResultMet, "award.reason.campaignLong"}}},
		{"44.2 first standard not met: a 3-year movement", func(w *world) (string, string, string) {
			return binh, award.FormHCLDBa, w.proposal(w.short, award.StageTongKet, 2025).ID
		}, []result{{"hcld.k2.a.1", award.ResultNotMet, "award.reason.campaignShort"}, {"hcld.k2.a", award.ResultNotMet, "award.reason.partNotMet"},
			{"hcld.k2", award.ResultUnknown, ""}}},
		{"44.2 first standard not met: an đột xuất batch", func(w *world) (string, string, string) {
			return binh, award.FormHCLDBa, w.proposal(w.camp, award.StageDotXuat, 2025).ID
		}, []result{{"hcld.k2.a.1", award.ResultNotMet, "award.reason.stageNotIn"}}},
		{"44.2 first standard unknown without a proposal", func(w *world) (string, string, string) {
			return binh, award.FormHCLDBa, ""
		}, []result{{"hcld.k2.a.1", award.ResultUnknown, "award.reason.noProposal"}}},
		// NĐ 152/2025 Điều 4 khoản 3: the finding.
		{"NĐ 152 4.3 lists the thematic records", func(w *world) (string, string, string) {
			w.record(an, 2024, award.FormGiayKhen, true)
			w.record(an, 2023, award.FormCSTDCS, false)
			return an, award.FormBKTTg, ""
		}, []result{{"bk_ttg.nd152.d4k3", award.ResultGuidance, "award.reason.thematicListed"}}},
		{"NĐ 152 4.3 with no thematic record", func(w *world) (string, string, string) {
			return "VP", award.FormBKTinh, ""
		}, []result{{"bk_tinh.nd152.d4k3", award.ResultGuidance, "award.reason.thematicNone"}}},
		{"NĐ 152 rules are not in force before 1/7/2025", func(w *world) (string, string, string) {
			p := w.proposal(w.camp, award.StageSoKet, 2025)
			n := w.nominate(p, an, award.FormBKTTg)
			d := w.get(p.ID)
			_, err := w.svc.RecordVote(ctx, w.agency, award.VoteInput{ProposalID: p.ID, Version: d.Version, MeetingDate: "2025-06-20",
				MembersTotal: 5, MembersPresent: 5, Ballots: []award.Ballot{{NomineeID: n.ID, BallotsFor: 5}}})
			must(w.t, err)
			return an, award.FormBKTTg, p.ID
		}, []result{{"bk_ttg.nd152.d4k3", award.ResultGuidance, "award.reason.ruleNotInForce"},
			{"bk_ttg.k1.a", award.ResultUnknown, "award.reason.councilNotYet"}}},
		// The form itself.
		{"form: legal basis in force", func(w *world) (string, string, string) {
			return "VP", award.FormGiayKhen, ""
		}, []result{{"form.valid", award.ResultMet, "award.reason.basisInForce"}, {"giay_khen.d75", award.ResultGuidance, "award.reason.guidanceUnconfirmed"}}},
		{"form: legal basis expired", func(w *world) (string, string, string) {
			w.editForm(award.FormGiayKhen, func(f *award.Form) { f.ValidTo = "2025-06-30" })
			return "VP", award.FormGiayKhen, ""
		}, []result{{"form.valid", award.ResultNotMet, "award.reason.basisExpired"}}},
		{"form: legal basis not yet in force at the meeting", func(w *world) (string, string, string) {
			w.editForm(award.FormGiayKhen, func(f *award.Form) { f.ValidFrom = "2026-01-01" })
			return "VP", award.FormGiayKhen, w.voted(w.camp, award.StageTongKet, "VP", award.FormGiayKhen, 8, false).ID
		}, []result{{"form.valid", award.ResultNotMet, "award.reason.basisNotYet"}}},
		{"form: a person's title for a unit", func(w *world) (string, string, string) {
			return "VP", award.FormCSTDCS, ""
		}, []result{{"form.target", award.ResultNotMet, "award.reason.targetWrong"}}},
		{"form: inactive", func(w *world) (string, string, string) {
			w.editForm(award.FormLDTT, nil)
			return an, award.FormLDTT, ""
		}, []result{{"form.active", award.ResultNotMet, "award.reason.formInactive"}}},
	}
	// One world for every case; each case runs in a transaction that is
	// rolled back, so the cases do not see each other's data (a world per
	// case costs a migrated database each, which the race detector makes slow).
	base := newWorld(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := base.db.Transaction(func(tx *gorm.DB) error {
				w := base.in(t, tx)
				checkCase(t, w, c.setup, c.want)
				return errRollback
			})
			if !errors.Is(err, errRollback) {
				t.Fatal(err)
			}
		})
	}
}

// result is an expected finding: a rule (or group) code, its status and reason key.
type result struct {
	code   string
	status string
	reason string
}

// errRollback ends a test case's transaction without keeping anything.
var errRollback = errors.New("rollback")

// in is the world seen through tx: its service and its database handle use
// the transaction.
func (w *world) in(t testing.TB, tx *gorm.DB) *world {
	c := *w
	c.t = t
	c.svc = award.NewService(tx)
	db := *w.db
	db.DB = tx
	c.db = &db
	return &c
}

func checkCase(t *testing.T, w *world, setup func(w *world) (string, string, string), want []result) {
	t.Helper()
	who, form, prop := setup(w)
	e := w.check(who, form, prop)
	for _, want := range want {
		if want.reason == "" { // a group
			found := false
			for _, it := range e.Items {
				if it.Group == want.code {
					found = true
					if it.Status != want.status {
						t.Errorf("group %s: %s, want %s", want.code, it.Status, want.status)
					}
				}
			}
			if !found {
				t.Errorf("group %s missing", want.code)
			}
			continue
		}
		r, _ := find(t, e, want.code)
		if r.Status != want.status || r.Reason != want.reason {
			t.Errorf("%s: %s %s, want %s %s (%v)", want.code, r.Status, r.Reason, want.status, want.reason, r.Params)
		}
	}
}

// editForm changes a catalogue entry (nil edit: deactivates it).
func (w *world) editForm(code string, edit func(*award.Form)) {
	w.t.Helper()
	forms, err := w.svc.Forms(ctx, w.agency)
	must(w.t, err)
	for _, f := range forms {
		if f.Code != code {
			continue
		}
		if edit == nil {
			_, err := w.svc.SetFormActive(ctx, w.agency, f.ID, f.Version, false)
			must(w.t, err)
			return
		}
		edit(&f)
		_, err := w.svc.SaveForm(ctx, w.agency, f)
		must(w.t, err)
		return
	}
	w.t.Fatalf("no form %s", code)
}

func TestEligibilityEvidenceAndVerdict(t *testing.T) {
	w := newWorld(t)
	const an = "Nguyễn Văn An"
	w.record(an, 2022, award.FormBKTinh, false)
	w.record(an, 2021, award.FormCSTDCS, false) // before the five years to 2026
	w.record(an, 2022, award.FormCSTDCS, false)
	w.record(an, 2023, award.FormCSTDCS, true)
	w.record(an, 2024, award.FormCSTDCS, false)
	e := w.check(an, award.FormBKTTg, "")
	r, _ := find(t, e, "bk_ttg.k1.b.2")
	counted, left := 0, 0
	for _, ev := range r.Evidence {
		if ev.Counted {
			counted++
		} else if ev.Thematic && ev.Year == 2023 {
			left++
		}
	}
	if counted != 2 || left != 1 || r.Params["count"] != 2 || r.Params["excluded"] != 1 || r.Params["from"] != 2022 || r.Params["to"] != 2026 {
		t.Fatalf("evidence %+v params %v", r.Evidence, r.Params)
	}
	th, _ := find(t, e, "bk_ttg.nd152.d4k3")
	if len(th.Evidence) != 1 || th.Evidence[0].Year != 2023 || th.Evidence[0].Counted {
		t.Fatalf("thematic finding %+v", th.Evidence)
	}
	if e.Verdict != award.VerdictUnknown || e.RefYear != 2026 || e.RefDate != "2026-01-20" || e.SubjectName != an {
		t.Fatalf("verdict %s ref %s/%d", e.Verdict, e.RefDate, e.RefYear)
	}
	if e.Counts.Met+e.Counts.NotMet+e.Counts.Unknown+e.Counts.Guidance == 0 {
		t.Fatal("no counts")
	}
	// Unconfirmed rules are marked.
	g, _ := find(t, e, "bk_ttg.k1.d")
	if g.Confirmed {
		t.Fatal("73.1.d's tail is unconfirmed")
	}

	// Verdicts with a rule of the agency's own: Giấy khen needs a CSTĐCS.
	rule, err := w.svc.SaveRule(ctx, w.agency, award.Rule{Code: "rieng.gk", FormCode: award.FormGiayKhen, Target: award.TargetStaff,
		Check: award.CheckHistoryHas, Params: `{"forms":["cstdcs"]}`, Article: "Quy chế thi đua của Sở, Điều 9"})
	must(t, err)
	if e := w.check(an, award.FormGiayKhen, ""); e.Verdict != award.VerdictEligible {
		t.Fatalf("eligible: %s %+v", e.Verdict, e.Items)
	}
	if e := w.check("Trần Thị Bình", award.FormGiayKhen, ""); e.Verdict != award.VerdictNotEligible {
		t.Fatalf("not eligible: %s", e.Verdict)
	}
	// A unit: the rule does not apply; only guidance is left.
	if e := w.check("VP", award.FormGiayKhen, ""); e.Verdict != award.VerdictUnknown {
		t.Fatalf("unit: %s", e.Verdict)
	}
	// A deactivated rule is skipped.
	_, err = w.svc.SetRuleActive(ctx, w.agency, rule.ID, rule.Version, false)
	must(t, err)
	if e := w.check("Trần Thị Bình", award.FormGiayKhen, ""); e.Verdict != award.VerdictUnknown {
		t.Fatalf("deactivated rule still counts: %s", e.Verdict)
	}
	// An expired form: not eligible whatever the rules.
	w.editForm(award.FormGiayKhen, func(f *award.Form) { f.ValidTo = "2025-06-30" })
	if e := w.check(an, award.FormGiayKhen, ""); e.Verdict != award.VerdictNotEligible {
		t.Fatalf("expired form: %s", e.Verdict)
	}
	// Generic checks: a count over all years, and a category rule that refuses.
	_, err = w.svc.SaveRule(ctx, w.agency, award.Rule{Code: "rieng.dem", FormCode: award.FormBKTinh, Target: award.TargetStaff,
		Check: award.CheckHistoryCount, Params: `{"forms":["cstdcs"],"min":3}`, Article: "Quy chế"})
	must(t, err)
	_, err = w.svc.SaveRule(ctx, w.agency, award.Rule{Code: "rieng.nhom", FormCode: award.FormBKTinh, Target: award.TargetStaff,
		Check: award.CheckStaffCategory, Params: `{"in":["vien_chuc"]}`, Article: "Quy chế"})
	must(t, err)
	e = w.check(an, award.FormBKTinh, "")
	if r, _ := find(t, e, "rieng.dem"); r.Status != award.ResultMet || r.Reason != "award.reason.historyCountMetAll" {
		t.Fatalf("count over all years: %+v", r)
	}
	if r, _ := find(t, e, "rieng.nhom"); r.Status != award.ResultNotMet || r.Reason != "award.reason.categoryNotIn" {
		t.Fatalf("category: %+v", r)
	}
	if e.Verdict != award.VerdictNotEligible {
		t.Fatalf("verdict %s", e.Verdict)
	}
	// The check of a nominee uses its batch.
	p := w.proposal(w.camp, award.StageTongKet, 2025)
	n := w.nominate(p, "Lê Văn Cường", award.FormBKTinh)
	en, err := w.svc.CheckNominee(ctx, w.agency, n.ID)
	must(t, err)
	if en.ProposalID != p.ID || en.RefYear != 2025 || en.Category != "vien_chuc" {
		t.Fatalf("nominee check %+v", en)
	}
	if r, _ := find(t, en, "rieng.nhom"); r.Status != award.ResultMet {
		t.Fatalf("category of a viên chức: %+v", r)
	}
}
