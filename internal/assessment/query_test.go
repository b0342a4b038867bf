package assessment_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"chungsuc/internal/assessment"
	"chungsuc/internal/criteria"
	"chungsuc/internal/store"
)

func TestPreviousCompareAndCopy(t *testing.T) {
	w := newWorld(t)
	old := w.create("Xã Bình Minh", "2023-11-01")
	w.fill(old.ID, map[int]bool{1: true, 2: false, 3: true})
	w.finalise(old.ID)
	// A later draft is not "previous"; an older finalised one of another
	// locality is not either.
	other := w.create("Xã Khó Khăn", "2023-05-01")
	w.fill(other.ID, map[int]bool{1: true, 2: true, 3: true})
	w.finalise(other.ID)

	cur := w.create("Xã Bình Minh", "2024-11-01")
	cl, err := w.svc.Checklist(w.ctx, w.agency, cur.ID)
	must(t, err)
	if cl.Previous == nil || cl.Previous.ID != old.ID || cl.Previous.CriteriaMet != 2 || cl.Previous.SetRevision != 1 {
		t.Fatalf("previous %+v", cl.Previous)
	}
	p21 := cl.Criteria[1].Indicators[0].Previous
	if p21 == nil || p21.Number == nil || *p21.Number != 10 || p21.Met == nil || *p21.Met || p21.Date != "2023-11-01" {
		t.Fatalf("previous 2.1 %+v", p21)
	}
	if pm := cl.Criteria[1].PreviousMet; pm == nil || *pm {
		t.Fatalf("criterion 2 previously met %v", pm)
	}
	if pm := cl.Criteria[0].PreviousMet; pm == nil || !*pm {
		t.Fatalf("criterion 1 previously met %v", pm)
	}
	// The earliest has no previous.
	cl0, err := w.svc.Checklist(w.ctx, w.agency, old.ID)
	must(t, err)
	if cl0.Previous != nil || cl0.Criteria[0].Indicators[0].Previous != nil {
		t.Fatalf("first assessment has a previous %+v", cl0.Previous)
	}

	// A new revision of the set (new indicator ids, same codes): previous
	// values are matched by criterion number and code, and Copy copies
	// them, decided again with the current requirement, overrides kept.
	rev2, ind2 := w.makeSet("xa-thu", 2, &w.set.ID)
	must(t, w.db.Model(&criteria.Set{}).Where("id = ?", w.set.ID).Update("current", false).Error)
	c2, err := w.svc.Create(w.ctx, w.agency, assessment.NewInput{LocalityID: w.places["Xã Bình Minh"], SetID: rev2.ID, Date: "2025-11-01", Copy: true})
	must(t, err)
	// Previous of a 2025 assessment is the 2023 one (the 2024 one is a draft).
	cl2, err := w.svc.Checklist(w.ctx, w.agency, c2.ID)
	must(t, err)
	if cl2.Previous == nil || cl2.Previous.ID != old.ID || cl2.Set.Revision != 2 {
		t.Fatalf("previous across revisions %+v", cl2.Previous)
	}
	item := cl2.Criteria[1].Indicators[0]
	if item.ID != ind2["2.1"] || item.Previous == nil || *item.Previous.Number != 10 {
		t.Fatalf("matched by code %+v", item)
	}
	if item.Value.ID == "" || item.Value.Number == nil || *item.Value.Number != 10 || item.Value.Met == nil || *item.Value.Met {
		t.Fatalf("copied value %+v", item.Value)
	}
	text := cl2.Criteria[2].Indicators[0].Value
	if text.Override == nil || !*text.Override || text.OverrideReason != "Đã kiểm tra thực tế" || text.Value != "Có nhà văn hóa" {
		t.Fatalf("copied override %+v", text)
	}
	if c2.CriteriaMet != 2 || c2.IndicatorsDone != 4 {
		t.Fatalf("copied totals %+v", c2)
	}
	hist, err := w.svc.History(w.ctx, w.agency, c2.ID)
	must(t, err)
	if len(hist) != 2 || hist[0].Field != "copyFrom" || hist[0].NewValue != old.ID {
		t.Fatalf("copy events %+v", hist)
	}
	// Same date under another revision of the code is a duplicate.
	_, err = w.svc.Create(w.ctx, w.agency, assessment.NewInput{LocalityID: w.places["Xã Bình Minh"], SetID: w.set.ID, Date: "2025-11-01"})
	wantKey(t, err, "errors.assessment.duplicate")
	// Copy without a previous assessment simply starts empty.
	c3, err := w.svc.Create(w.ctx, w.agency, assessment.NewInput{LocalityID: w.places["Xã Đồng Bằng"], SetID: rev2.ID, Date: "2025-11-01", Copy: true})
	must(t, err)
	if c3.IndicatorsDone != 0 {
		t.Fatalf("copy from nothing %+v", c3)
	}
}

func TestListFiltersAndPaths(t *testing.T) {
	w := newWorld(t)
	a := w.create("Xã Bình Minh", "2023-11-01")
	w.fill(a.ID, map[int]bool{1: true, 2: true, 3: true})
	w.finalise(a.ID)
	w.create("Xã Bình Minh", "2024-11-01")
	w.create("Xã Khó Khăn", "2024-11-01")
	d := w.create("Xã Đồng Bằng", "2024-11-01")
	must(t, w.svc.Delete(w.ctx, w.agency, d.ID, ""))
	list := func(q assessment.Query) []string {
		t.Helper()
		p, err := w.svc.List(w.ctx, w.agency, q)
		must(t, err)
		var out []string
		for _, r := range p.Items {
			out = append(out, fmt.Sprintf("%s@%s", r.LocalityName, r.Date))
		}
		if int(p.Total) != len(out) {
			t.Fatalf("total %d for %v", p.Total, out)
		}
		return out
	}
	cases := []struct {
		name string
		q    assessment.Query
		want string
	}{
		{"default: newest first, ties by creation", assessment.Query{}, "Xã Bình Minh@2024-11-01,Xã Khó Khăn@2024-11-01,Xã Bình Minh@2023-11-01"},
		{"search without diacritics", assessment.Query{ListQuery: lq("binh minh")}, "Xã Bình Minh@2024-11-01,Xã Bình Minh@2023-11-01"},
		{"year", assessment.Query{Year: 2023}, "Xã Bình Minh@2023-11-01"},
		{"status", assessment.Query{Status: assessment.StatusDraft}, "Xã Bình Minh@2024-11-01,Xã Khó Khăn@2024-11-01"},
		{"by locality name", assessment.Query{ListQuery: store.ListQuery{SortBy: "locality", Desc: true}, Status: assessment.StatusDraft}, "Xã Khó Khăn@2024-11-01,Xã Bình Minh@2024-11-01"},
		{"set code", assessment.Query{SetCode: "xa-thu", Year: 2023}, "Xã Bình Minh@2023-11-01"},
		{"other set code", assessment.Query{SetCode: "khac"}, ""},
		{"parent district", assessment.Query{ParentID: w.places["Huyện Hai"]}, ""},
		{"parent province", assessment.Query{ParentID: w.places["Tỉnh Thử"], Year: 2023}, "Xã Bình Minh@2023-11-01"},
		{"locality", assessment.Query{LocalityID: w.places["Xã Khó Khăn"]}, "Xã Khó Khăn@2024-11-01"},
		{"deleted", assessment.Query{ListQuery: deleted()}, "Xã Đồng Bằng@2024-11-01"},
	}
	for _, c := range cases {
		got := strings.Join(list(c.q), ",")
		if got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
	p, err := w.svc.List(w.ctx, w.agency, assessment.Query{Year: 2023})
	must(t, err)
	r := p.Items[0]
	if r.LocalityPath != "Tỉnh Thử › Huyện Một" || r.SetCode != "xa-thu" || r.SetRevision != 1 || r.CriteriaMet != 3 || r.Status != assessment.StatusFinal {
		t.Fatalf("row %+v", r)
	}
	if p, _ := w.svc.List(w.ctx, w.other, assessment.Query{}); p.Total != 0 {
		t.Fatal("other agency sees the rows")
	}
}

func lq(search string) store.ListQuery { return store.ListQuery{Search: search} }
func deleted() store.ListQuery         { return store.ListQuery{Deleted: true} }

func TestTimelineYearOverYear(t *testing.T) {
	w := newWorld(t)
	for _, c := range []struct {
		date string
		met  map[int]bool
		fin  bool
	}{
		{"2022-06-01", map[int]bool{1: true}, true},
		{"2022-11-01", map[int]bool{1: true, 2: true}, true}, // the later one of 2022 counts
		{"2023-11-01", map[int]bool{1: true, 2: true, 3: true}, true},
		{"2024-11-01", map[int]bool{}, false}, // a draft is not a year
	} {
		a := w.create("Xã Bình Minh", c.date)
		w.fill(a.ID, c.met)
		if c.fin {
			w.finalise(a.ID)
		}
	}
	tl, err := w.svc.Timeline(w.ctx, w.agency, w.places["Xã Bình Minh"], "")
	must(t, err)
	if tl.SetCode != "xa-thu" || len(tl.Criteria) != 3 || tl.Drafts != 1 || len(tl.SetCodes) != 1 || tl.LocalityPath != "Tỉnh Thử › Huyện Một" {
		t.Fatalf("timeline %+v", tl)
	}
	var got []string
	for _, y := range tl.Years {
		got = append(got, fmt.Sprintf("%d:%s:%d/%d:%v", y.Year, y.Date, y.CriteriaMet, y.CriteriaTotal, y.Met))
	}
	want := "2022:2022-11-01:2/3:[1 1 0] 2023:2023-11-01:3/3:[1 1 1]"
	if strings.Join(got, " ") != want {
		t.Fatalf("years %v, want %s", got, want)
	}
	empty, err := w.svc.Timeline(w.ctx, w.agency, w.places["Xã Khó Khăn"], "")
	must(t, err)
	if empty.SetCode != "" || len(empty.Years) != 0 {
		t.Fatalf("empty timeline %+v", empty)
	}
	if _, err := w.svc.Timeline(w.ctx, w.other, w.places["Xã Bình Minh"], ""); !isNotFound(err) {
		t.Fatalf("other agency: %v", err)
	}
}

func TestEvidence(t *testing.T) {
	w := newWorld(t)
	a := w.create("Xã Bình Minh", "2024-11-01")
	src := filepath.Join(t.TempDir(), "Bie\u0302n ba\u0309n.pdf")
	must(t, os.WriteFile(src, []byte("%PDF-1.4 biên bản"), 0o644))
	// No value yet: attaching creates an empty one.
	e, err := w.svc.AddEvidence(w.ctx, w.agency, w.dataDir, a.ID, w.ind["2.1"], src, "")
	must(t, err)
	if e.FileName != "Biên bản.pdf" || e.OwnerType != assessment.OwnerValue || e.MimeType != "application/pdf" {
		t.Fatalf("evidence %+v", e)
	}
	again, err := w.svc.AddEvidence(w.ctx, w.agency, w.dataDir, a.ID, w.ind["2.1"], src, "")
	must(t, err)
	if again.ID != e.ID {
		t.Fatal("the same file twice made two rows")
	}
	cl, err := w.svc.Checklist(w.ctx, w.agency, a.ID)
	must(t, err)
	item := cl.Criteria[1].Indicators[0]
	if item.Value.ID != e.OwnerID || len(item.Evidence) != 1 || item.Value.Met != nil || cl.Assessment.IndicatorsDone != 0 {
		t.Fatalf("checklist item %+v", item)
	}
	// Entering the value later keeps the evidence on the same row.
	r, err := w.svc.SaveValue(w.ctx, w.agency, assessment.ValueInput{AssessmentID: a.ID, IndicatorID: w.ind["2.1"], Number: f64(85)})
	must(t, err)
	if r.Value.ID != e.OwnerID || !*r.Value.Met {
		t.Fatalf("value %+v", r.Value)
	}
	list, err := w.svc.ListEvidence(w.ctx, w.agency, e.OwnerID)
	must(t, err)
	if len(list) != 1 {
		t.Fatalf("list %+v", list)
	}
	p, err := w.svc.EvidencePath(w.ctx, w.agency, w.dataDir, e.ID)
	must(t, err)
	if b, _ := os.ReadFile(p); string(b) != "%PDF-1.4 biên bản" {
		t.Fatalf("stored copy %q", b)
	}
	must(t, os.WriteFile(p, []byte("x"), 0o644))
	_, err = w.svc.EvidencePath(w.ctx, w.agency, w.dataDir, e.ID)
	wantKey(t, err, "errors.assessment.attachmentDamaged")
	_, err = w.svc.AddEvidence(w.ctx, w.agency, w.dataDir, a.ID, w.ind["2.1"], filepath.Join(t.TempDir(), "khong-co.pdf"), "")
	wantKey(t, err, "errors.assessment.attachmentMissing")
	if _, err := w.svc.ListEvidence(w.ctx, w.other, e.OwnerID); !isNotFound(err) {
		t.Fatalf("other agency: %v", err)
	}
	// Finalised: evidence is locked too.
	w.fill(a.ID, map[int]bool{1: true, 2: true, 3: true})
	w.finalise(a.ID)
	wantKey(t, w.svc.DeleteEvidence(w.ctx, w.agency, e.ID, ""), "errors.assessment.notEditable")
	_, err = w.svc.AddEvidence(w.ctx, w.agency, w.dataDir, a.ID, w.ind["1.1"], src, "")
	wantKey(t, err, "errors.assessment.notEditable")
	f := w.get(a.ID)
	_, err = w.svc.Reopen(w.ctx, w.agency, a.ID, f.Version, "Bổ sung minh chứng", "")
	must(t, err)
	must(t, w.svc.DeleteEvidence(w.ctx, w.agency, e.ID, ""))
	if list, _ := w.svc.ListEvidence(w.ctx, w.agency, e.OwnerID); len(list) != 0 {
		t.Fatalf("after delete %+v", list)
	}
	hist, err := w.svc.History(w.ctx, w.agency, a.ID)
	must(t, err)
	var ev []string
	for _, h := range hist {
		if strings.HasPrefix(h.Action, "evidence") {
			ev = append(ev, h.Action+":"+h.IndicatorCode+":"+h.OldValue+h.NewValue)
		}
	}
	if strings.Join(ev, ",") != "evidence_delete:2.1:Biên bản.pdf,evidence_add:2.1:Biên bản.pdf" {
		t.Fatalf("evidence events %v", ev)
	}
}
