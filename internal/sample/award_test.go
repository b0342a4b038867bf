package sample_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"chungsuc/internal/award"
	"chungsuc/internal/org"
	"chungsuc/internal/sample"
	"chungsuc/internal/sample/sampletest"
	"chungsuc/internal/store"
	"chungsuc/internal/store/storetest"
)

// awardFingerprint is the sample's award data without ids and timestamps.
func awardFingerprint(t *testing.T, db *store.DB) (string, award.ProposalDetail) {
	t.Helper()
	ctx := context.Background()
	a, err := org.NewService(db.DB).CurrentAgency(ctx)
	if err != nil {
		t.Fatal(err)
	}
	svc := award.NewService(db.DB)
	id, err := svc.LatestProposalID(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	d, err := svc.GetProposal(ctx, a.ID, id)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s|%s|%d|%s|%d/%d|%s\n", d.Name, d.Status, d.Year, d.MeetingDate, d.MembersPresent, d.MembersTotal, d.SecretaryName)
	for _, n := range d.Nominees {
		fmt.Fprintf(&b, "%s|%s|%d|%v|%s\n", n.Name, n.FormCode, n.BallotsFor, n.Passed, n.Summary)
	}
	page, err := svc.Records(ctx, a.ID, award.RecordQuery{ListQuery: store.ListQuery{PageSize: 100}})
	if err != nil {
		t.Fatal(err)
	}
	var recs []string
	for _, r := range page.Items {
		recs = append(recs, fmt.Sprintf("%s|%d|%s|%s|%v", r.SubjectName, r.Year, r.FormCode, r.DecisionNumber, r.Thematic))
	}
	sort.Strings(recs)
	b.WriteString(strings.Join(recs, "\n"))
	return b.String(), d
}

func TestAwardSample(t *testing.T) {
	ctx := context.Background()
	db := sampletest.Open(t)
	first, d := awardFingerprint(t, db)
	if d.Status != award.StatusReviewed || d.Stage != award.StageTongKet || d.Year != sample.EmulationYear || d.MeetingDate != sample.AwardMeetingDate {
		t.Fatalf("batch %+v", d.Proposal)
	}
	units, people, forms := 0, 0, map[string]int{}
	for _, n := range d.Nominees {
		if n.SubjectKind == award.SubjectUnit {
			units++
		} else {
			people++
		}
		forms[n.FormCode]++
		if !n.Voted || n.Summary == "" || strings.Contains(n.Summary, "Chưa có dữ liệu") {
			t.Errorf("nominee %s: voted %v, summary %q", n.Name, n.Voted, n.Summary)
		}
	}
	if units < 2 || people < 2 || forms[award.FormBKTinh] == 0 || forms[award.FormGiayKhen] == 0 || forms[award.FormBKTTg] != 1 {
		t.Fatalf("nominees: %d units, %d people, forms %v", units, people, forms)
	}
	if d.Passed != len(d.Nominees)-1 || len(d.Events) != 2 || d.Events[1].ToStatus != award.StatusReviewed {
		t.Fatalf("passed %d of %d, events %+v", d.Passed, len(d.Nominees), d.Events)
	}
	// The BK TTg nominee: 73.1.a met by the vote, b unknown (the data holds),
	// and the thematic Giấy khen listed as not counting.
	svc := award.NewService(db.DB)
	for _, n := range d.Nominees {
		if n.FormCode != award.FormBKTTg {
			continue
		}
		e, err := svc.CheckNominee(ctx, d.AgencyID, n.ID)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, it := range e.Items {
			for _, r := range it.Rules {
				got[r.Code] = r.Status
				if r.Code == "bk_ttg.nd152.d4k3" && len(r.Evidence) != 1 {
					t.Errorf("thematic finding %+v", r.Evidence)
				}
			}
		}
		if got["bk_ttg.k1.a"] != award.ResultMet || got["bk_ttg.k1.b"] != award.ResultUnknown {
			t.Fatalf("BK TTg check %v", got)
		}
		if len(n.History) < 5 {
			t.Fatalf("history of the BK TTg nominee %+v", n.History)
		}
	}
	if !strings.Contains(first, "|true") {
		t.Fatal("no thematic record in the sample history")
	}
	// Deterministic: a second load gives the same data.
	other := storetest.Open(t)
	if _, err := sample.Load(ctx, other, false); err != nil {
		t.Fatal(err)
	}
	second, _ := awardFingerprint(t, other)
	if first != second {
		t.Fatalf("the sample differs between loads:\n%s\n---\n%s", first, second)
	}
}
