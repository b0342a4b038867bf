package assessment_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"chungsuc/internal/assessment"
	"chungsuc/internal/criteria"
	"chungsuc/internal/fault"
	"chungsuc/internal/store/storetest"
)

func TestCreateChecksAndRefusesDuplicates(t *testing.T) {
	w := newWorld(t)
	t.Logf("engine: %s", storetest.Describe())
	staff := w.staff
	a, err := w.svc.Create(w.ctx, w.agency, assessment.NewInput{LocalityID: w.places["Xã Bình Minh"], SetID: w.set.ID,
		Date: "2024-11-20", AssessorStaffID: &staff, Note: " đợt  1 "})
	must(t, err)
	if a.Status != assessment.StatusDraft || a.Year != 2024 || a.AssessorName != "Nguyễn Văn An" ||
		a.CriteriaTotal != 3 || a.IndicatorsTotal != 4 || a.CriteriaMet != 0 || a.IndicatorsDone != 0 {
		t.Fatalf("created %+v", a)
	}
	// One cached row per criterion from the start, so the matrix has cells.
	if n := w.count("assessment_criteria", "assessment_id = ?", a.ID); n != 3 {
		t.Fatalf("%d criterion rows", n)
	}
	missing := "no-such-staff"
	cases := []struct {
		name string
		in   assessment.NewInput
		key  string
		fk   string
	}{
		{"duplicate date", assessment.NewInput{LocalityID: w.places["Xã Bình Minh"], SetID: w.set.ID, Date: "2024-11-20"}, "errors.assessment.duplicate", ""},
		{"no locality", assessment.NewInput{SetID: w.set.ID, Date: "2024-11-20"}, "errors.invalid", "localityId:validation.required"},
		{"bad date", assessment.NewInput{LocalityID: w.places["Xã Bình Minh"], SetID: w.set.ID, Date: "20/11/2024"}, "errors.invalid", "date:validation.date"},
		{"village against a commune set", assessment.NewInput{LocalityID: w.places["Thôn Một"], SetID: w.set.ID, Date: "2024-11-20"}, "errors.invalid", "localityId:validation.assessment.scope"},
		{"district against a commune set", assessment.NewInput{LocalityID: w.places["Huyện Một"], SetID: w.set.ID, Date: "2024-11-20"}, "errors.invalid", "localityId:validation.assessment.scope"},
		{"unknown set", assessment.NewInput{LocalityID: w.places["Xã Bình Minh"], SetID: "nope", Date: "2024-11-20"}, "errors.invalid", "setId:validation.assessment.setMissing"},
		{"unknown staff", assessment.NewInput{LocalityID: w.places["Xã Bình Minh"], SetID: w.set.ID, Date: "2024-11-21", AssessorStaffID: &missing}, "errors.invalid", "assessorStaffId:validation.assessment.staffMissing"},
	}
	for _, c := range cases {
		_, err := w.svc.Create(w.ctx, w.agency, c.in)
		if keyOf(err) != c.key {
			t.Fatalf("%s: %v, want %s", c.name, err, c.key)
		}
		if c.fk != "" {
			wantField(t, err, c.fk)
		}
	}
	// Another agency cannot use this agency's locality or set.
	_, err = w.svc.Create(w.ctx, w.other, assessment.NewInput{LocalityID: w.places["Xã Bình Minh"], SetID: w.set.ID, Date: "2024-12-01"})
	wantKey(t, err, "errors.invalid")
	// A set without criteria cannot be assessed.
	empty := criteria.Set{AgencyID: w.agency, Code: "xa-rong", Revision: 1, Current: true, Name: "Rỗng", Target: criteria.TargetKieuMau,
		Scope: 3, Dimension: criteria.DimensionNone}
	must(t, w.db.Create(&empty).Error)
	_, err = w.svc.Create(w.ctx, w.agency, assessment.NewInput{LocalityID: w.places["Xã Bình Minh"], SetID: empty.ID, Date: "2024-11-20"})
	wantKey(t, err, "errors.assessment.setEmpty")
	// The same date is free for another locality, and for the same locality after deletion.
	w.create("Xã Khó Khăn", "2024-11-20")
	must(t, w.svc.Delete(w.ctx, w.agency, a.ID, ""))
	b := w.create("Xã Bình Minh", "2024-11-20")
	// Restoring the deleted one now clashes with b.
	wantKey(t, w.svc.Restore(w.ctx, w.agency, a.ID, ""), "errors.assessment.duplicate")
	must(t, w.svc.Delete(w.ctx, w.agency, b.ID, ""))
	must(t, w.svc.Restore(w.ctx, w.agency, a.ID, ""))
	if got := w.get(a.ID); got.DeletedAt.Valid {
		t.Fatal("not restored")
	}
	if n := w.count("assessments", "agency_id = ?", w.agency); n != 3 {
		t.Fatalf("refused creates wrote rows: %d assessments", n)
	}
}

func TestSaveValueUsesTheLocalitysRequirement(t *testing.T) {
	w := newWorld(t)
	ordinary := w.create("Xã Bình Minh", "2024-10-01")  // inherits bac_trung_bo: ≥80
	special := w.create("Xã Khó Khăn", "2024-10-01")    // special rule: trung du level ≥50
	ownRegion := w.create("Xã Đồng Bằng", "2024-10-01") // no level for its region: common ≥70
	cases := []struct {
		a    assessment.Assessment
		x    float64
		want bool
	}{
		{ordinary, 75, false}, {ordinary, 80, true},
		{special, 50, true}, {special, 49.5, false},
		{ownRegion, 70, true}, {ownRegion, 69, false},
	}
	for _, c := range cases {
		r, err := w.svc.SaveValue(w.ctx, w.agency, assessment.ValueInput{AssessmentID: c.a.ID, IndicatorID: w.ind["2.1"], Number: f64(c.x)})
		must(t, err)
		if r.Value.Met == nil || *r.Value.Met != c.want || r.Value.Computed == nil || *r.Value.Computed != c.want {
			t.Errorf("%s %.1f: met %v, want %v", c.a.LocalityID, c.x, r.Value.Met, c.want)
		}
	}
	cl, err := w.svc.Checklist(w.ctx, w.agency, special.ID)
	must(t, err)
	if cl.KeyUsed != criteria.RegionSpecial || cl.KeyReason != criteria.ReasonSpecial {
		t.Fatalf("key %s %s", cl.KeyUsed, cl.KeyReason)
	}
	cl, err = w.svc.Checklist(w.ctx, w.agency, ordinary.ID)
	must(t, err)
	req := cl.Criteria[1].Indicators[0].Requirement
	if cl.KeyUsed != "bac_trung_bo" || cl.KeyReason != criteria.ReasonRegion || !cl.Locality.RegionInherited ||
		req.Threshold == nil || *req.Threshold != 80 || !req.Specific || cl.Locality.Path != "Tỉnh Thử › Huyện Một" {
		t.Fatalf("checklist header %+v key %s req %+v", cl.Locality, cl.KeyUsed, req)
	}
	if len(cl.Criteria) != 3 || len(cl.Criteria[1].Indicators) != 2 || cl.Criteria[1].Indicators[0].Value.Number == nil ||
		*cl.Criteria[1].Indicators[0].Value.Number != 80 || cl.Criteria[0].Indicators[0].Value.ID != "" {
		t.Fatalf("checklist criteria %+v", cl.Criteria)
	}
}

func TestSaveValueTotalsEventsAndValidation(t *testing.T) {
	w := newWorld(t)
	a := w.create("Xã Bình Minh", "2024-10-01")
	save := func(in assessment.ValueInput) (assessment.ValueResult, error) {
		in.AssessmentID = a.ID
		return w.svc.SaveValue(w.ctx, w.agency, in)
	}
	events := func() int64 {
		return w.count("assessment_events", "assessment_id = ? AND action = ?", a.ID, assessment.ActionValue)
	}

	r, err := save(assessment.ValueInput{IndicatorID: w.ind["1.1"], Value: criteria.ValueDat, Actor: "Nguyễn Văn An"})
	must(t, err)
	if !r.Changed || !r.Criterion.Met || r.Totals.CriteriaMet != 1 || r.Totals.IndicatorsDone != 1 || r.Totals.Version != a.Version+1 {
		t.Fatalf("first save %+v", r)
	}
	if n := events(); n != 2 { // value "" → dat, met "" → true
		t.Fatalf("%d events after the first save", n)
	}
	// The same entry again changes nothing: no event, no new version.
	r2, err := save(assessment.ValueInput{IndicatorID: w.ind["1.1"], Value: criteria.ValueDat})
	must(t, err)
	if r2.Changed || r2.Totals.Version != r.Totals.Version || events() != 2 {
		t.Fatalf("unchanged save %+v, %d events", r2, events())
	}
	// A note only: one event.
	r3, err := save(assessment.ValueInput{IndicatorID: w.ind["1.1"], Value: criteria.ValueDat, Note: "Theo QĐ phê duyệt"})
	must(t, err)
	if !r3.Changed || events() != 3 || r3.Totals.Version != r.Totals.Version+1 || r3.Value.Version != r.Value.Version+1 {
		t.Fatalf("note save %+v", r3)
	}
	// Criterion 2 needs both indicators.
	r4, err := save(assessment.ValueInput{IndicatorID: w.ind["2.1"], Number: f64(95)})
	must(t, err)
	if r4.Criterion.Met || r4.Criterion.IndicatorsMet != 1 || r4.Criterion.IndicatorsTotal != 2 || r4.Totals.CriteriaMet != 1 {
		t.Fatalf("half criterion %+v", r4)
	}
	r5, err := save(assessment.ValueInput{IndicatorID: w.ind["2.2"], Number: f64(2)})
	must(t, err)
	if !r5.Criterion.Met || r5.Totals.CriteriaMet != 2 || r5.Totals.IndicatorsMet != 3 || r5.Totals.IndicatorsDone != 3 {
		t.Fatalf("criterion 2 %+v", r5)
	}
	// Override of a computed result needs a reason; the reason goes with it.
	_, err = save(assessment.ValueInput{IndicatorID: w.ind["2.2"], Number: f64(2), Override: bp(false), OverrideReason: "ít"})
	wantField(t, err, "overrideReason:validation.assessment.overrideReason")
	before := events()
	r6, err := save(assessment.ValueInput{IndicatorID: w.ind["2.2"], Number: f64(2), Override: bp(false), OverrideReason: "Số liệu chưa được xác nhận"})
	must(t, err)
	if r6.Value.Computed == nil || !*r6.Value.Computed || *r6.Value.Met || r6.Criterion.Met || r6.Totals.CriteriaMet != 1 {
		t.Fatalf("override %+v", r6)
	}
	if n := events() - before; n != 3 { // override, overrideReason, met
		t.Fatalf("override wrote %d events", n)
	}
	// Removing the override drops the reason.
	r7, err := save(assessment.ValueInput{IndicatorID: w.ind["2.2"], Number: f64(2), OverrideReason: "bỏ qua"})
	must(t, err)
	if r7.Value.Override != nil || r7.Value.OverrideReason != "" || !*r7.Value.Met {
		t.Fatalf("override removed %+v", r7.Value)
	}
	bad := []struct {
		name string
		in   assessment.ValueInput
		fk   string
	}{
		{"percent over 100", assessment.ValueInput{IndicatorID: w.ind["2.1"], Number: f64(100.5)}, "number:validation.assessment.percent"},
		{"percent negative", assessment.ValueInput{IndicatorID: w.ind["2.1"], Number: f64(-1)}, "number:validation.assessment.percent"},
		{"pass/fail word", assessment.ValueInput{IndicatorID: w.ind["1.1"], Value: "co"}, "value:validation.oneOf"},
		{"long text", assessment.ValueInput{IndicatorID: w.ind["3.1"], Value: strings.Repeat("x", 2001)}, "value:validation.tooLong"},
	}
	for _, c := range bad {
		_, err := save(c.in)
		if keyOf(err) != "errors.invalid" {
			t.Fatalf("%s: %v", c.name, err)
		}
		wantField(t, err, c.fk)
	}
	// A number kind ignores text; a text kind ignores the number.
	r8, err := save(assessment.ValueInput{IndicatorID: w.ind["3.1"], Value: "Có", Number: f64(3)})
	must(t, err)
	if r8.Value.Number != nil || r8.Value.Computed != nil || r8.Value.Met != nil {
		t.Fatalf("text %+v", r8.Value)
	}
	_, err = save(assessment.ValueInput{IndicatorID: "not-in-set", Value: "dat"})
	if !isNotFound(err) {
		t.Fatalf("unknown indicator: %v", err)
	}
	_, err = w.svc.SaveValue(w.ctx, w.other, assessment.ValueInput{AssessmentID: a.ID, IndicatorID: w.ind["1.1"], Value: "dat"})
	if !isNotFound(err) {
		t.Fatalf("other agency: %v", err)
	}
	// The cache equals a full recomputation and the stored totals.
	got := w.get(a.ID)
	counts, err := assessment.Recompute(w.db.DB, a.ID)
	must(t, err)
	if got.CriteriaMet != counts.CriteriaMet || got.IndicatorsMet != counts.IndicatorsMet || got.IndicatorsDone != counts.IndicatorsDone ||
		got.CriteriaMet != 2 || got.IndicatorsDone != 3 || got.Version != r8.Totals.Version {
		t.Fatalf("stored %+v, recomputed %+v", got, counts)
	}
	var cached []assessment.CriterionResult
	must(t, w.db.Where("assessment_id = ?", a.ID).Find(&cached).Error)
	if len(cached) != 3 {
		t.Fatalf("%d cached rows", len(cached))
	}
}

func TestStateMachine(t *testing.T) {
	w := newWorld(t)
	a := w.create("Xã Bình Minh", "2024-10-01")
	// Finalise is refused while indicators are undecided; the refusal says
	// how many and which.
	_, err := w.svc.Finalise(w.ctx, w.agency, a.ID, a.Version, "")
	wantKey(t, err, "errors.assessment.undecided")
	fe, _ := fault.As(err)
	if fe.Params["count"] != 4 || fe.Params["codes"] != "1.1, 2.1, 2.2, 3.1" {
		t.Fatalf("undecided params %v", fe.Params)
	}
	w.fill(a.ID, map[int]bool{1: true, 2: false, 3: true})
	a = w.get(a.ID)
	type step struct {
		name string
		run  func() error
		key  string // "" = succeeds
		want string // status afterwards
	}
	var stale int64
	steps := []step{
		{"stale version refused", func() error {
			_, err := w.svc.Finalise(w.ctx, w.agency, a.ID, a.Version-1, "")
			return err
		}, "errors.stale", assessment.StatusDraft},
		{"finalise", func() error {
			stale = a.Version
			f, err := w.svc.Finalise(w.ctx, w.agency, a.ID, a.Version, "")
			if err == nil && (f.FinalisedAt == nil || f.CriteriaMet != 2 || f.CriteriaTotal != 3) {
				t.Fatalf("finalised %+v", f)
			}
			return err
		}, "", assessment.StatusFinal},
		{"finalise twice", func() error {
			_, err := w.svc.Finalise(w.ctx, w.agency, a.ID, w.get(a.ID).Version, "")
			return err
		}, "errors.assessment.alreadyFinal", assessment.StatusFinal},
		{"values locked", func() error {
			_, err := w.svc.SaveValue(w.ctx, w.agency, assessment.ValueInput{AssessmentID: a.ID, IndicatorID: w.ind["1.1"], Value: "khong_dat"})
			return err
		}, "errors.assessment.notEditable", assessment.StatusFinal},
		{"header locked", func() error {
			h := w.get(a.ID)
			h.Note = "sửa"
			_, err := w.svc.SaveHeader(w.ctx, w.agency, h, "")
			return err
		}, "errors.assessment.notEditable", assessment.StatusFinal},
		{"delete refused", func() error { return w.svc.Delete(w.ctx, w.agency, a.ID, "") }, "errors.assessment.deleteFinal", assessment.StatusFinal},
		{"reopen with the old version", func() error {
			_, err := w.svc.Reopen(w.ctx, w.agency, a.ID, stale, "Sai số liệu giao thông", "")
			return err
		}, "errors.stale", assessment.StatusFinal},
		{"reopen without reason", func() error {
			_, err := w.svc.Reopen(w.ctx, w.agency, a.ID, w.get(a.ID).Version, "  ", "")
			return err
		}, "errors.invalid", assessment.StatusFinal},
		{"reopen", func() error {
			r, err := w.svc.Reopen(w.ctx, w.agency, a.ID, w.get(a.ID).Version, "Sai số liệu giao thông", "")
			if err == nil && (r.FinalisedAt != nil || r.ReopenReason != "Sai số liệu giao thông") {
				t.Fatalf("reopened %+v", r)
			}
			return err
		}, "", assessment.StatusReopened},
		{"reopen a reopened one", func() error {
			_, err := w.svc.Reopen(w.ctx, w.agency, a.ID, w.get(a.ID).Version, "Lần nữa cho chắc", "")
			return err
		}, "errors.assessment.notFinal", assessment.StatusReopened},
		{"edit after reopening", func() error {
			_, err := w.svc.SaveValue(w.ctx, w.agency, assessment.ValueInput{AssessmentID: a.ID, IndicatorID: w.ind["2.1"], Number: f64(90)})
			return err
		}, "", assessment.StatusReopened},
		{"finalise again", func() error {
			f, err := w.svc.Finalise(w.ctx, w.agency, a.ID, w.get(a.ID).Version, "")
			if err == nil && f.CriteriaMet != 3 {
				t.Fatalf("refinalised %+v", f)
			}
			return err
		}, "", assessment.StatusFinal},
	}
	for _, s := range steps {
		err := s.run()
		if keyOf(err) != s.key {
			t.Fatalf("%s: %v, want %q", s.name, err, s.key)
		}
		if got := w.get(a.ID).Status; got != s.want {
			t.Fatalf("%s: status %s, want %s", s.name, got, s.want)
		}
	}
	h, err := w.svc.History(w.ctx, w.agency, a.ID)
	must(t, err)
	var actions []string
	for _, e := range h {
		if e.Action != assessment.ActionValue {
			actions = append(actions, e.Action)
		}
	}
	if strings.Join(actions, ",") != "finalise,reopen,finalise,create" {
		t.Fatalf("history actions %v", actions)
	}
	if h[0].Action != assessment.ActionFinalise || h[0].OldValue != assessment.StatusReopened || h[0].Reason != "3/3" {
		t.Fatalf("newest event %+v", h[0])
	}
	for _, e := range h {
		if e.Action == assessment.ActionReopen && e.Reason != "Sai số liệu giao thông" {
			t.Fatalf("reopen event %+v", e)
		}
		if e.Action == assessment.ActionValue && (e.IndicatorCode == "" || e.CriterionNo == 0) {
			t.Fatalf("value event without indicator %+v", e)
		}
	}
	// A draft that has never been finalised can be deleted, with an event.
	d := w.create("Xã Bình Minh", "2025-10-01")
	must(t, w.svc.Delete(w.ctx, w.agency, d.ID, ""))
	if _, err := w.svc.Checklist(w.ctx, w.agency, d.ID); !isNotFound(err) {
		t.Fatalf("deleted checklist: %v", err)
	}
	hd, err := w.svc.History(w.ctx, w.agency, d.ID)
	must(t, err)
	if len(hd) != 2 || hd[0].Action != assessment.ActionDelete {
		t.Fatalf("deleted history %+v", hd)
	}
	if _, err := w.svc.History(w.ctx, w.other, d.ID); !isNotFound(err) {
		t.Fatalf("other agency history: %v", err)
	}
}

func TestFinaliseNeedsEveryIndicatorDecided(t *testing.T) {
	w := newWorld(t)
	a := w.create("Xã Bình Minh", "2024-10-01")
	w.fill(a.ID, map[int]bool{1: true, 2: true, 3: true})
	// A text indicator without an override is undecided.
	_, err := w.svc.SaveValue(w.ctx, w.agency, assessment.ValueInput{AssessmentID: a.ID, IndicatorID: w.ind["3.1"], Value: "Có"})
	must(t, err)
	_, err = w.svc.Finalise(w.ctx, w.agency, a.ID, w.get(a.ID).Version, "")
	wantKey(t, err, "errors.assessment.undecided")
	fe, _ := fault.As(err)
	if fe.Params["count"] != 1 || fe.Params["codes"] != "3.1" {
		t.Fatalf("params %v", fe.Params)
	}
	if ids, _ := fe.Params["ids"].([]string); len(ids) != 1 || ids[0] != w.ind["3.1"] {
		t.Fatalf("ids %v", fe.Params["ids"])
	}
}

func TestHeaderVersionConflictAndEvents(t *testing.T) {
	w := newWorld(t)
	a := w.create("Xã Bình Minh", "2024-10-01")
	w.create("Xã Bình Minh", "2024-12-01")
	h := a
	h.Note, h.AssessorName = "Đoàn kiểm tra của huyện", "Trần Thị Bình"
	saved, err := w.svc.SaveHeader(w.ctx, w.agency, h, "")
	must(t, err)
	if saved.Version != a.Version+1 || saved.Note != h.Note {
		t.Fatalf("saved %+v", saved)
	}
	// The same version again is stale.
	_, err = w.svc.SaveHeader(w.ctx, w.agency, h, "")
	if !errors.Is(err, fault.ErrStale) {
		t.Fatalf("stale header: %v", err)
	}
	// A value save moves the version too: the header must carry the new one.
	r, err := w.svc.SaveValue(w.ctx, w.agency, assessment.ValueInput{AssessmentID: a.ID, IndicatorID: w.ind["1.1"], Value: "dat"})
	must(t, err)
	saved.Date = "2024-12-01"
	_, err = w.svc.SaveHeader(w.ctx, w.agency, saved, "")
	wantKey(t, err, "errors.stale")
	saved.Version = r.Totals.Version
	_, err = w.svc.SaveHeader(w.ctx, w.agency, saved, "")
	wantKey(t, err, "errors.assessment.duplicate")
	saved.Date = "2025-01-15"
	saved2, err := w.svc.SaveHeader(w.ctx, w.agency, saved, "")
	must(t, err)
	if saved2.Year != 2025 {
		t.Fatalf("year %d", saved2.Year)
	}
	hist, err := w.svc.History(w.ctx, w.agency, a.ID)
	must(t, err)
	fields := map[string]string{}
	for _, e := range hist {
		if e.Action == assessment.ActionHeader {
			fields[e.Field] = e.OldValue + "→" + e.NewValue
		}
	}
	if fields["date"] != "2024-10-01→2025-01-15" || fields["note"] != "→Đoàn kiểm tra của huyện" || fields["assessorName"] != "→Trần Thị Bình" {
		t.Fatalf("header events %v", fields)
	}
}

// Autosaves of one indicator may arrive together (a debounced save and the
// flush on leaving the field): none fails, the last one wins, the cache
// stays right and there is one value row.
func TestConcurrentSavesOfOneValue(t *testing.T) {
	w := newWorld(t)
	a := w.create("Xã Bình Minh", "2024-10-01")
	const n = 6
	errs := make(chan error, n)
	for i := 0; i < n; i++ {
		go func(i int) {
			x := float64(75 + i)
			_, err := w.svc.SaveValue(w.ctx, w.agency, assessment.ValueInput{AssessmentID: a.ID, IndicatorID: w.ind["2.1"], Number: &x})
			errs <- err
		}(i)
	}
	for i := 0; i < n; i++ {
		if err := <-errs; err != nil {
			t.Fatalf("concurrent save: %v", err)
		}
	}
	if c := w.count("assessment_values", "assessment_id = ?", a.ID); c != 1 {
		t.Fatalf("%d value rows", c)
	}
	// Different indicators of one criterion at once: the cached criterion
	// result must see both.
	ins := []assessment.ValueInput{
		{IndicatorID: w.ind["1.1"], Value: "dat"},
		{IndicatorID: w.ind["2.1"], Number: f64(95)},
		{IndicatorID: w.ind["2.2"], Number: f64(0)},
		{IndicatorID: w.ind["3.1"], Value: "Có", Override: bp(true), OverrideReason: "Đã kiểm tra thực tế"},
	}
	for _, in := range ins {
		go func(in assessment.ValueInput) {
			in.AssessmentID = a.ID
			_, err := w.svc.SaveValue(w.ctx, w.agency, in)
			errs <- err
		}(in)
	}
	for range ins {
		if err := <-errs; err != nil {
			t.Fatalf("concurrent save: %v", err)
		}
	}
	cached := func() string {
		var rows []assessment.CriterionResult
		must(t, w.db.Where("assessment_id = ?", a.ID).Order("criterion_id").Find(&rows).Error)
		return fmt.Sprint(rows)
	}
	got, before := w.get(a.ID), cached()
	counts, err := assessment.Recompute(w.db.DB, a.ID)
	must(t, err)
	if got.CriteriaMet != 3 || got.IndicatorsDone != 4 || got.CriteriaMet != counts.CriteriaMet || before != cached() {
		t.Fatalf("totals %+v vs %+v; cache %s vs %s", got, counts, before, cached())
	}
}
