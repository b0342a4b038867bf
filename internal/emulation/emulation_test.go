package emulation_test

import (
	"errors"
	"math"
	"strings"
	"testing"

	"gorm.io/gorm"

	"chungsuc/internal/document"
	"chungsuc/internal/emulation"
	"chungsuc/internal/fault"
	"chungsuc/internal/locality"
	"chungsuc/internal/sponsor"
	"chungsuc/internal/store"
	"chungsuc/internal/store/storetest"
)

func TestCriterionValidation(t *testing.T) {
	w := newWorld(t)
	t.Logf("engine: %s", storetest.Describe())
	valid := func() emulation.Criterion {
		return emulation.Criterion{CampaignID: w.camp.ID, Target: emulation.TargetUnit, Code: "A1",
			Name: "Hoàn thành văn bản hướng dẫn", MaxScore: 20, Evidence: "Danh sách văn bản"}
	}
	cases := []struct {
		name  string
		edit  func(c *emulation.Criterion)
		field string
		key   string
	}{
		{"no target", func(c *emulation.Criterion) { c.Target = "" }, "target", "validation.required"},
		{"bad target", func(c *emulation.Criterion) { c.Target = "nhom" }, "target", "validation.oneOf"},
		{"no code", func(c *emulation.Criterion) { c.Code = " " }, "code", "validation.required"},
		{"bad code", func(c *emulation.Criterion) { c.Code = "A 1/2" }, "code", "errors.emulation.code"},
		{"no name", func(c *emulation.Criterion) { c.Name = "" }, "name", "validation.required"},
		{"zero max", func(c *emulation.Criterion) { c.MaxScore = 0 }, "maxScore", "errors.emulation.maxScore"},
		{"negative max", func(c *emulation.Criterion) { c.MaxScore = -5 }, "maxScore", "errors.emulation.maxScore"},
		{"huge max", func(c *emulation.Criterion) { c.MaxScore = 1000.5 }, "maxScore", "errors.emulation.maxScore"},
		{"NaN max", func(c *emulation.Criterion) { c.MaxScore = math.NaN() }, "maxScore", "validation.number"},
		{"three decimals", func(c *emulation.Criterion) { c.MaxScore = 2.125 }, "maxScore", "errors.emulation.twoDecimals"},
		{"unknown fact", func(c *emulation.Criterion) { c.Fact = "bao_chi" }, "fact", "validation.oneOf"},
		{"person's fact on a unit", func(c *emulation.Criterion) { c.Fact = emulation.FactParticipation }, "fact", "errors.emulation.factTarget"},
		{"no campaign", func(c *emulation.Criterion) { c.CampaignID = "" }, "campaignId", "validation.required"},
		{"unknown campaign", func(c *emulation.Criterion) { c.CampaignID = store.NewID() }, "campaignId", "errors.emulation.campaignMissing"},
		{"long evidence", func(c *emulation.Criterion) { c.Evidence = strings.Repeat("ă", 5001) }, "evidence", "validation.tooLong"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := valid()
			tc.edit(&c)
			_, err := w.svc.SaveCriterion(w.ctx, w.agency, c)
			wantField(t, err, tc.field, tc.key)
		})
	}
	// Another agency cannot write into this campaign.
	_, err := w.svc.SaveCriterion(w.ctx, w.other, valid())
	wantField(t, err, "campaignId", "errors.emulation.campaignMissing")

	// NFC at the boundary; the code is unique per campaign and target.
	c := valid()
	c.Name = "Hoa\u0300n tha\u0300nh  va\u0306n ba\u0309n"
	saved, err := w.svc.SaveCriterion(w.ctx, w.agency, c)
	must(t, err)
	if saved.Name != "Hoàn thành văn bản" || saved.Version != 1 {
		t.Fatalf("saved %+v", saved)
	}
	dup := valid()
	dup.Code = "a1"
	_, err = w.svc.SaveCriterion(w.ctx, w.agency, dup)
	wantField(t, err, "code", "errors.emulation.codeTaken")
	dup.Target = emulation.TargetStaff
	_, err = w.svc.SaveCriterion(w.ctx, w.agency, dup)
	must(t, err)

	// An update keeps campaign and target; a stale one is refused.
	saved.Target, saved.MaxScore = emulation.TargetStaff, 25
	upd, err := w.svc.SaveCriterion(w.ctx, w.agency, saved)
	must(t, err)
	if upd.Target != emulation.TargetUnit || upd.MaxScore != 25 || upd.Version != 2 {
		t.Fatalf("updated %+v", upd)
	}
	saved.Version = 1
	_, err = w.svc.SaveCriterion(w.ctx, w.agency, saved)
	if !errors.Is(err, fault.ErrStale) {
		t.Fatalf("stale save: %v", err)
	}

	// The maximum cannot go below a score already given.
	w.crit["A1"] = upd
	w.self(emulation.TargetUnit, "VP", map[string]float64{"A1": 18})
	upd.MaxScore = 15
	_, err = w.svc.SaveCriterion(w.ctx, w.agency, upd)
	wantField(t, err, "maxScore", "errors.emulation.maxBelowScores")
	upd.MaxScore = 18
	_, err = w.svc.SaveCriterion(w.ctx, w.agency, upd)
	must(t, err)
}

func TestDefaultsMirrorThePlanAndAreCreatedOnce(t *testing.T) {
	w := newWorld(t)
	d, err := w.svc.CreateDefaults(w.ctx, w.agency, w.camp.ID)
	must(t, err)
	if d.Criteria != 6 || d.Grades != 4 {
		t.Fatalf("defaults %+v", d)
	}
	list, err := w.svc.Criteria(w.ctx, w.agency, w.camp.ID, "")
	must(t, err)
	sum := map[string]float64{}
	for _, c := range list {
		sum[c.Target] += c.MaxScore
		section := "III.1.a"
		if c.Target == emulation.TargetStaff {
			section = "III.1.b"
		}
		if !strings.Contains(c.Source, section) || !strings.Contains(c.Source, "gợi ý ban đầu") || c.Evidence == "" {
			t.Errorf("%s: source %q evidence %q", c.Code, c.Source, c.Evidence)
		}
	}
	if sum[emulation.TargetUnit] != 100 || sum[emulation.TargetStaff] != 100 {
		t.Fatalf("sums %v", sum)
	}
	if list[0].Target != emulation.TargetUnit || list[0].Code != "TT1" || list[0].Fact != emulation.FactDocuments ||
		list[2].Fact != emulation.FactSupport || list[5].Fact != emulation.FactParticipation {
		t.Fatalf("order/facts %+v", list)
	}
	// The agency's edits stay; a removed criterion comes back only by code.
	list[0].MaxScore = 35
	_, err = w.svc.SaveCriterion(w.ctx, w.agency, list[0])
	must(t, err)
	must(t, w.svc.DeleteCriterion(w.ctx, w.agency, list[1].ID))
	d, err = w.svc.CreateDefaults(w.ctx, w.agency, w.camp.ID)
	must(t, err)
	if d.Criteria != 1 || d.Grades != 0 {
		t.Fatalf("second defaults %+v", d)
	}
	again, err := w.svc.Criteria(w.ctx, w.agency, w.camp.ID, emulation.TargetUnit)
	must(t, err)
	if len(again) != 3 || again[0].MaxScore != 35 {
		t.Fatalf("after second defaults %+v", again)
	}
	grades, err := w.svc.Grades(w.ctx, w.agency, w.camp.ID)
	must(t, err)
	if len(grades) != 4 || grades[0].Name != "Xuất sắc" || grades[3].MinScore != 0 {
		t.Fatalf("grades %+v", grades)
	}
	_, err = w.svc.CreateDefaults(w.ctx, w.agency, store.NewID())
	if !errors.Is(err, fault.ErrNotFound) {
		t.Fatalf("unknown campaign: %v", err)
	}
}

func TestGradeBoundaries(t *testing.T) {
	grades := []emulation.Grade{
		{Code: "xuat_sac", MinScore: 90}, {Code: "tot", MinScore: 75}, {Code: "kha", MinScore: 60}, {Code: "chua_dat", MinScore: 0},
	}
	for _, tc := range []struct {
		total float64
		want  string
	}{
		{100, "xuat_sac"}, {90, "xuat_sac"}, {89.99, "tot"}, {75, "tot"}, {74.999999, "tot"}, {74.99, "kha"},
		{60, "kha"}, {59.99, "chua_dat"}, {0, "chua_dat"},
	} {
		g, ok := emulation.GradeOf(grades, tc.total)
		if !ok || g.Code != tc.want {
			t.Errorf("total %v: %q (%v), want %q", tc.total, g.Code, ok, tc.want)
		}
	}
	// Without a catch-all grade a low total earns none.
	if _, ok := emulation.GradeOf(grades[:3], 10); ok {
		t.Error("10 points earned a grade above 60")
	}
	if _, ok := emulation.GradeOf(nil, 99); ok {
		t.Error("a grade without grades")
	}
}

func TestGradeValidationAndRegrade(t *testing.T) {
	w := newWorld(t)
	w.defaults()
	grades, err := w.svc.Grades(w.ctx, w.agency, w.camp.ID)
	must(t, err)
	_, err = w.svc.SaveGrade(w.ctx, w.agency, emulation.Grade{CampaignID: w.camp.ID, Code: "tot", Name: "Tốt lần hai", MinScore: 80})
	wantField(t, err, "code", "errors.emulation.codeTaken")
	_, err = w.svc.SaveGrade(w.ctx, w.agency, emulation.Grade{CampaignID: w.camp.ID, Code: "gioi", Name: "Giỏi", MinScore: 75})
	wantField(t, err, "minScore", "errors.emulation.gradeMinTaken")
	_, err = w.svc.SaveGrade(w.ctx, w.agency, emulation.Grade{CampaignID: w.camp.ID, Code: "am", Name: "Âm", MinScore: -1})
	wantField(t, err, "minScore", "errors.emulation.scoreRange")
	_, err = w.svc.SaveGrade(w.ctx, w.agency, emulation.Grade{CampaignID: w.camp.ID, Code: "x", MinScore: 10})
	wantField(t, err, "name", "validation.required")

	d := w.review(w.submit(w.self(emulation.TargetUnit, "VP", map[string]float64{"TT1": 28, "TT2": 25, "TT3": 35})), nil)
	if d.ReviewTotal == nil || *d.ReviewTotal != 88 || d.Grade != "tot" || d.GradeName != "Tốt" {
		t.Fatalf("reviewed %v grade %q", d.ReviewTotal, d.Grade)
	}
	// Lowering "Xuất sắc" to 85 grades the reviewed sheet again.
	top := grades[0]
	top.MinScore = 85
	_, err = w.svc.SaveGrade(w.ctx, w.agency, top)
	must(t, err)
	d, err = w.svc.GetSheet(w.ctx, w.agency, d.ID)
	must(t, err)
	if d.Grade != "xuat_sac" {
		t.Fatalf("after the grade change: %q", d.Grade)
	}
	top.Version++
	must(t, w.svc.DeleteGrade(w.ctx, w.agency, top.ID))
	d, err = w.svc.GetSheet(w.ctx, w.agency, d.ID)
	must(t, err)
	if d.Grade != "tot" {
		t.Fatalf("after deleting the top grade: %q", d.Grade)
	}
}

func TestScoringBounds(t *testing.T) {
	w := newWorld(t)
	w.defaults()
	k := w.key(emulation.TargetUnit, "VP")
	tt1, tt2 := w.crit["TT1"], w.crit["TT2"]
	for _, tc := range []struct {
		name  string
		items []emulation.ItemInput
		field string
		key   string
	}{
		{"above the maximum", []emulation.ItemInput{{CriterionID: tt1.ID, Score: 30.01}}, "items." + tt1.ID + ".selfScore", "errors.emulation.scoreRange"},
		{"negative", []emulation.ItemInput{{CriterionID: tt1.ID, Score: -1}}, "items." + tt1.ID + ".selfScore", "errors.emulation.scoreRange"},
		{"three decimals", []emulation.ItemInput{{CriterionID: tt1.ID, Score: 10.125}}, "items." + tt1.ID + ".selfScore", "errors.emulation.twoDecimals"},
		{"infinite", []emulation.ItemInput{{CriterionID: tt1.ID, Score: math.Inf(1)}}, "items." + tt1.ID + ".selfScore", "validation.number"},
		{"unknown criterion", []emulation.ItemInput{{CriterionID: store.NewID(), Score: 1}}, "items", "errors.emulation.criterionMissing"},
		{"person's criterion", []emulation.ItemInput{{CriterionID: w.crit["CN1"].ID, Score: 1}}, "items", "errors.emulation.criterionMissing"},
		{"twice", []emulation.ItemInput{{CriterionID: tt1.ID, Score: 1}, {CriterionID: tt1.ID, Score: 2}}, "items", "errors.emulation.duplicateItem"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := w.svc.SaveSelf(w.ctx, w.agency, emulation.SelfInput{SheetKey: k, Items: tc.items})
			wantField(t, err, tc.field, tc.key)
		})
	}
	// Nothing was written by the refused saves.
	var n int64
	must(t, w.db.Table("emulation_sheets").Count(&n).Error)
	if n != 0 {
		t.Fatalf("%d sheets after refused saves", n)
	}
	// The bounds themselves are fine; totals are computed on the server.
	d, err := w.svc.SaveSelf(w.ctx, w.agency, emulation.SelfInput{SheetKey: k, Note: "Tự chấm",
		Items: []emulation.ItemInput{{CriterionID: tt1.ID, Score: 30}, {CriterionID: tt2.ID, Score: 0.25, Evidence: "Ba buổi"}}})
	must(t, err)
	if d.ID == "" || d.SelfTotal != 30.25 || d.Status != emulation.StatusDraft || d.MaxTotal != 100 || len(d.Items) != 3 {
		t.Fatalf("sheet %+v", d.Sheet)
	}
	// Year outside the campaign, subjects of another agency, bad kind.
	for _, tc := range []struct {
		edit  func(k *emulation.SheetKey)
		field string
		key   string
	}{
		{func(k *emulation.SheetKey) { k.Year = 2026 }, "year", "errors.emulation.yearOutside"},
		{func(k *emulation.SheetKey) { k.SubjectID = store.NewID() }, "subjectId", "errors.emulation.subjectMissing"},
		{func(k *emulation.SheetKey) { k.SubjectKind = "nhom" }, "subjectKind", "validation.oneOf"},
		{func(k *emulation.SheetKey) { k.SubjectKind = emulation.TargetStaff }, "subjectId", "errors.emulation.subjectMissing"},
	} {
		bad := w.key(emulation.TargetUnit, "KHTC")
		tc.edit(&bad)
		_, err := w.svc.SaveSelf(w.ctx, w.agency, emulation.SelfInput{SheetKey: bad})
		wantField(t, err, tc.field, tc.key)
	}
}

func TestSheetWorkflow(t *testing.T) {
	w := newWorld(t)
	w.defaults()
	k := w.key(emulation.TargetUnit, "VP")
	// An unsaved sheet until the first save.
	d, err := w.svc.Sheet(w.ctx, w.agency, k)
	must(t, err)
	if d.ID != "" || d.Version != 0 || d.Status != emulation.StatusDraft || d.SubjectName != "Văn phòng Sở" || len(d.Items) != 3 {
		t.Fatalf("unsaved sheet %+v", d)
	}
	// Review and reopen need a saved sheet.
	_, err = w.svc.Submit(w.ctx, w.agency, store.NewID(), 1)
	if !errors.Is(err, fault.ErrNotFound) {
		t.Fatalf("submit unknown: %v", err)
	}
	first := w.self(emulation.TargetUnit, "VP", map[string]float64{"TT1": 25, "TT2": 20})
	if first.SelfTotal != 45 {
		t.Fatalf("self total %v", first.SelfTotal)
	}
	// A second "first save" of the same subject finds the sheet taken.
	_, err = w.svc.SaveSelf(w.ctx, w.agency, emulation.SelfInput{SheetKey: k})
	if !errors.Is(err, fault.ErrStale) {
		t.Fatalf("second creation: %v", err)
	}
	d = w.self(emulation.TargetUnit, "VP", map[string]float64{"TT2": 22.5, "TT3": 30})
	if d.SelfTotal != 77.5 || d.Items[0].SelfScore != 25 || d.Items[1].Evidence != "Minh chứng TT2" {
		t.Fatalf("second save %+v", d)
	}
	// A save carrying the old version is refused and changes nothing.
	_, err = w.svc.SaveSelf(w.ctx, w.agency, emulation.SelfInput{SheetID: first.ID, Version: first.Version,
		Items: []emulation.ItemInput{{CriterionID: w.crit["TT1"].ID, Score: 1}}})
	if !errors.Is(err, fault.ErrStale) {
		t.Fatalf("stale save: %v", err)
	}
	// Illegal moves from tu_cham.
	_, err = w.svc.Review(w.ctx, w.agency, emulation.ReviewInput{SheetID: d.ID, Version: d.Version})
	wantKey(t, err, "errors.emulation.badMove")
	_, err = w.svc.Reopen(w.ctx, w.agency, d.ID, d.Version, "lý do")
	wantKey(t, err, "errors.emulation.badMove")
	_, err = w.svc.Submit(w.ctx, w.agency, d.ID, d.Version-1)
	if !errors.Is(err, fault.ErrStale) {
		t.Fatalf("stale submit: %v", err)
	}

	d = w.submit(d)
	if d.Status != emulation.StatusSubmitted || d.SubmittedAt == nil {
		t.Fatalf("submitted %+v", d.Sheet)
	}
	_, err = w.svc.Submit(w.ctx, w.agency, d.ID, d.Version)
	wantKey(t, err, "errors.emulation.badMove")
	_, err = w.svc.SaveSelf(w.ctx, w.agency, emulation.SelfInput{SheetID: d.ID, Version: d.Version})
	wantKey(t, err, "errors.emulation.notEditable")

	// The council changes TT3 without a reason: refused; with a reason: reviewed.
	tt3 := w.crit["TT3"]
	_, err = w.svc.Review(w.ctx, w.agency, emulation.ReviewInput{SheetID: d.ID, Version: d.Version,
		Items: []emulation.ItemInput{{CriterionID: tt3.ID, Score: 35}}})
	wantField(t, err, "items."+tt3.ID+".reviewReason", "errors.emulation.reasonRequired")
	_, err = w.svc.Review(w.ctx, w.agency, emulation.ReviewInput{SheetID: d.ID, Version: d.Version,
		Items: []emulation.ItemInput{{CriterionID: tt3.ID, Score: 41, Reason: "quá điểm"}}})
	wantField(t, err, "items."+tt3.ID+".reviewScore", "errors.emulation.scoreRange")
	// A score equal to the self score needs no reason (and keeps none).
	d, err = w.svc.Review(w.ctx, w.agency, emulation.ReviewInput{SheetID: d.ID, Version: d.Version, Note: "Thống nhất",
		Items: []emulation.ItemInput{
			{CriterionID: tt3.ID, Score: 35, Reason: "Đơn vị hỗ trợ thêm một xã, đủ minh chứng"},
			{CriterionID: w.crit["TT1"].ID, Score: 25, Reason: "không cần"},
		}})
	must(t, err)
	if d.Status != emulation.StatusReviewed || d.ReviewTotal == nil || *d.ReviewTotal != 82.5 || d.Grade != "tot" ||
		d.ReviewedAt == nil || d.ReviewNote != "Thống nhất" {
		t.Fatalf("reviewed %+v total %v", d.Sheet, d.ReviewTotal)
	}
	for _, it := range d.Items {
		want := it.SelfScore
		if it.Criterion.Code == "TT3" {
			want = 35
		}
		if it.ReviewScore == nil || *it.ReviewScore != want {
			t.Fatalf("%s review %v", it.Criterion.Code, it.ReviewScore)
		}
		if (it.ReviewReason != "") != (it.Criterion.Code == "TT3") {
			t.Fatalf("%s reason %q", it.Criterion.Code, it.ReviewReason)
		}
	}
	_, err = w.svc.Review(w.ctx, w.agency, emulation.ReviewInput{SheetID: d.ID, Version: d.Version})
	wantKey(t, err, "errors.emulation.badMove")
	_, err = w.svc.Submit(w.ctx, w.agency, d.ID, d.Version)
	wantKey(t, err, "errors.emulation.badMove")

	// Reopening needs a reason and clears the reviewed total.
	_, err = w.svc.Reopen(w.ctx, w.agency, d.ID, d.Version, "  ")
	wantField(t, err, "reason", "errors.emulation.reopenReason")
	d, err = w.svc.Reopen(w.ctx, w.agency, d.ID, d.Version, "Bổ sung minh chứng tiêu chí 3")
	must(t, err)
	if d.Status != emulation.StatusDraft || d.ReviewTotal != nil || d.Grade != "" || d.ReviewNote != "Bổ sung minh chứng tiêu chí 3" ||
		d.SubmittedAt != nil || d.Items[2].ReviewScore == nil {
		t.Fatalf("reopened %+v", d.Sheet)
	}
	// From da_nop too.
	d = w.submit(d)
	d, err = w.svc.Reopen(w.ctx, w.agency, d.ID, d.Version, "Đơn vị xin rút để sửa")
	must(t, err)
	if d.Status != emulation.StatusDraft {
		t.Fatalf("reopened from da_nop: %s", d.Status)
	}
	// Another agency sees none of it.
	_, err = w.svc.GetSheet(w.ctx, w.other, d.ID)
	if !errors.Is(err, fault.ErrNotFound) {
		t.Fatalf("other agency: %v", err)
	}
}

func TestStandingsWithTies(t *testing.T) {
	w := newWorld(t)
	w.defaults()
	full := map[string]float64{"TT1": 30, "TT2": 30, "TT3": 40}
	vp := w.review(w.submit(w.self(emulation.TargetUnit, "VP", full)), map[string]float64{"TT3": 20}) // 80
	kh := w.review(w.submit(w.self(emulation.TargetUnit, "KHTC", map[string]float64{"TT1": 30, "TT2": 20, "TT3": 30})), nil)
	cc := w.review(w.submit(w.self(emulation.TargetUnit, "CC", full)), map[string]float64{"TT1": 10, "TT2": 20, "TT3": 40}) // 70
	tt := w.submit(w.self(emulation.TargetUnit, "TT", full))                                                                // 100, unreviewed
	cd := w.self(emulation.TargetUnit, "CĐ", map[string]float64{"TT1": 5})                                                  // a union's draft
	st, err := w.svc.Standings(w.ctx, w.agency, w.camp.ID, 2025, emulation.TargetUnit)
	must(t, err)
	type row struct {
		id       string
		total    float64
		rank, of int
		reviewed bool
		grade    string
	}
	want := []row{
		{kh.ID, 80, 1, 3, true, "tot"}, // Phòng Kế hoạch … before Văn phòng Sở: same total, org order
		{vp.ID, 80, 1, 3, true, "tot"},
		{cc.ID, 70, 3, 3, true, "kha"},
		{tt.ID, 100, 0, 3, false, ""},
		{cd.ID, 5, 0, 3, false, ""},
	}
	if len(st) != len(want) {
		t.Fatalf("%d standings: %+v", len(st), st)
	}
	for i, x := range want {
		got := st[i]
		if got.SheetID != x.id && !(x.total == 80 && (got.SheetID == vp.ID || got.SheetID == kh.ID)) {
			t.Errorf("row %d: %s %s, want %s", i, got.SheetID, got.Name, x.id)
		}
		if got.Total != x.total || got.Rank != x.rank || got.Of != x.of || got.Reviewed != x.reviewed || got.Grade != x.grade {
			t.Errorf("row %d (%s): %+v, want %+v", i, got.Name, got, x)
		}
	}
	if st[2].GradeName != "Khá" || st[2].UnitID == nil || *st[2].UnitID != w.units["CC"] || st[2].Year != 2025 {
		t.Errorf("standing fields %+v", st[2])
	}
	// The scoring table: the divisions and attached units, plus the union
	// because it has a sheet; ranks from the standings.
	l, err := w.svc.Sheets(w.ctx, w.agency, w.camp.ID, 2025, emulation.TargetUnit)
	must(t, err)
	if len(l.Rows) != 5 || l.Ranked != 3 || l.MaxTotal != 100 || l.Criteria != 3 {
		t.Fatalf("list %+v", l)
	}
	byName := map[string]emulation.SheetRow{}
	for _, r := range l.Rows {
		byName[r.Name] = r
	}
	if r := byName["Chi cục Bảo vệ môi trường"]; r.Rank != 3 || r.GradeName != "Khá" || r.ReviewTotal == nil || *r.ReviewTotal != 70 {
		t.Errorf("CC row %+v", r)
	}
	if r := byName["Trung tâm Quan trắc"]; r.Status != emulation.StatusSubmitted || r.Rank != 0 || r.SelfTotal != 100 {
		t.Errorf("TT row %+v", r)
	}
	// Staff: every active person, none with a sheet yet.
	ls, err := w.svc.Sheets(w.ctx, w.agency, w.camp.ID, 2025, emulation.TargetStaff)
	must(t, err)
	// Units in the organisation's order (here by name: Chi cục before Văn
	// phòng), people by given name within a unit.
	if len(ls.Rows) != 3 || ls.Rows[0].UnitName != "Chi cục Bảo vệ môi trường" || ls.Rows[0].SheetID != "" ||
		ls.Rows[1].Name != "Nguyễn Văn An" || ls.Rows[2].Name != "Trần Thị Bình" || ls.Rows[2].Position != "Chuyên viên" {
		t.Fatalf("staff rows %+v", ls.Rows)
	}
	// Another year has its own sheets.
	other, err := w.svc.Standings(w.ctx, w.agency, w.camp.ID, 2024, emulation.TargetUnit)
	must(t, err)
	if len(other) != 0 {
		t.Fatalf("2024: %+v", other)
	}
	_, err = w.svc.Standings(w.ctx, w.agency, w.camp.ID, 2025, "nhom")
	wantField(t, err, "target", "validation.oneOf")
}

func TestRankSharesRanks(t *testing.T) {
	list := []emulation.Standing{
		{SheetID: "a", Total: 50, Reviewed: true}, {SheetID: "b", Total: 90, Reviewed: true},
		{SheetID: "c", Total: 70, Reviewed: true}, {SheetID: "d", Total: 90, Reviewed: true},
		{SheetID: "e", Total: 99}, {SheetID: "f", Total: 70.001, Reviewed: true}, {SheetID: "g", Total: 50, Reviewed: true},
	}
	emulation.Rank(list, func(a, b emulation.Standing) bool { return a.SheetID < b.SheetID })
	var got []string
	for _, s := range list {
		got = append(got, s.SheetID+":"+string(rune('0'+s.Rank)))
	}
	want := "b:1 d:1 c:3 f:3 a:5 g:5 e:0"
	if strings.Join(got, " ") != want {
		t.Fatalf("ranks %v, want %s", got, want)
	}
	if list[0].Of != 6 || list[6].Of != 6 {
		t.Fatalf("of %d", list[0].Of)
	}
}

func TestDeleteCriterion(t *testing.T) {
	w := newWorld(t)
	w.defaults()
	draft := w.self(emulation.TargetUnit, "VP", map[string]float64{"TT1": 10, "TT2": 20})
	if draft.SelfTotal != 30 {
		t.Fatalf("total %v", draft.SelfTotal)
	}
	// Only scored on a draft: deleted, and the draft's total follows.
	must(t, w.svc.DeleteCriterion(w.ctx, w.agency, w.crit["TT2"].ID))
	d, err := w.svc.GetSheet(w.ctx, w.agency, draft.ID)
	must(t, err)
	if d.SelfTotal != 10 || len(d.Items) != 2 || d.Version != draft.Version+1 {
		t.Fatalf("after delete %+v", d.Sheet)
	}
	// Scored on a submitted sheet: refused.
	w.submit(d)
	err = w.svc.DeleteCriterion(w.ctx, w.agency, w.crit["TT1"].ID)
	wantKey(t, err, "errors.emulation.criterionInUse")
	if !errors.Is(err, fault.ErrConflict) {
		t.Fatalf("kind: %v", err)
	}
	err = w.svc.DeleteCriterion(w.ctx, w.other, w.crit["TT3"].ID)
	if !errors.Is(err, fault.ErrNotFound) {
		t.Fatalf("other agency: %v", err)
	}
}

func TestFactsFromTheData(t *testing.T) {
	w := newWorld(t)
	w.buildPlaces()
	w.defaults()
	ctx := w.ctx
	sp := sponsor.NewService(w.db.DB)
	an, binh := w.staff["Nguyễn Văn An"], w.staff["Trần Thị Bình"]
	reg := func(unit, place, from string, contact *string) sponsor.Registration {
		r, err := sp.Save(ctx, w.agency, sponsor.Registration{UnitID: w.units[unit], LocalityID: w.places[place], FromDate: from,
			CampaignID: &w.camp.ID, Content: "Hỗ trợ tiêu chí môi trường", ContactStaffID: contact})
		must(t, err)
		return r
	}
	vpReg := reg("VP", "Xã Bình Minh", "2024-03-01", &an)
	cc := w.staff["Lê Văn Cường"]
	reg("CC", "Bản Một", "2022-07-01", &cc)
	cancelled := reg("VP", "Xã Không Liên Quan", "2023-01-01", nil)
	_, err := sp.SetStatus(ctx, w.agency, cancelled.ID, cancelled.Version, sponsor.StatusHuy, "Phân công lại địa bàn")
	must(t, err)
	act := func(regID, date, kind string, amount int64, days float64, staff ...string) {
		_, err := sp.SaveActivity(ctx, w.agency, sponsor.ActivityInput{Activity: sponsor.Activity{RegistrationID: regID, Date: date,
			Kind: kind, AmountVND: amount, Workdays: days}, ParticipantIDs: staff})
		must(t, err)
	}
	act(vpReg.ID, "2024-12-01", "khao_sat", 0, 1, an) // last year: not counted
	act(vpReg.ID, "2025-03-05", "tuyen_truyen", 0, 0, an, binh)
	act(vpReg.ID, "2025-06-10", "ho_tro_kinh_phi", 12_500_000, 0)
	act(vpReg.ID, "2025-09-01", "ngay_cong", 0, 4.5, an)

	w.assess("Xã Bình Minh", "2024-11-10", 1)
	w.assess("Xã Bình Minh", "2025-05-01", 2)
	w.assess("Xã Bình Minh", "2025-11-15", 3)
	w.assess("Xã Khó Khăn", "2025-10-01", 2)
	w.assess("Xã Không Liên Quan", "2025-10-01", 3)

	lsvc := locality.NewService(w.db.DB)
	_, err = lsvc.SaveStatus(ctx, w.agency, locality.NTMStatus{LocalityID: w.places["Xã Bình Minh"], Level: locality.NTMDatChuan,
		Year: 2025, DecisionNumber: "123/QĐ-UBND", DecisionDate: "2025-12-05", DecisionIssuer: "UBND tỉnh Thử"})
	must(t, err)
	_, err = lsvc.SaveStatus(ctx, w.agency, locality.NTMStatus{LocalityID: w.places["Xã Không Liên Quan"], Level: locality.NTMDatChuan, Year: 2025})
	must(t, err)

	must(t, w.db.Transaction(func(tx *gorm.DB) error { return document.Seed(tx, w.agency) }))
	dsvc := document.NewServiceDB(w.db.DB, t.TempDir())
	issue := func(unit, summary, date string) document.Document {
		d, err := dsvc.Save(ctx, w.agency, document.Document{TypeCode: "ke_hoach", Summary: summary, DraftUnit: unit,
			Sections:   []document.Section{{Key: "noi_dung", Title: "Nội dung", Markup: "# I. NỘI DUNG\nNội dung của văn bản."}},
			Recipients: []string{"Lãnh đạo Sở", "Lưu: VT, " + unit},
			HeadTitle:  "GIÁM ĐỐC", SignerTitle: "GIÁM ĐỐC", SignerName: "Trần Văn An"})
		must(t, err)
		if date == "" {
			return d
		}
		d, err = dsvc.Issue(ctx, w.agency, document.IssueRequest{ID: d.ID, Version: d.Version, Date: date})
		must(t, err)
		return d
	}
	issue("VP", "Hướng dẫn năm trước", "2024-06-01")
	guide := issue("VP", "Hướng dẫn thực hiện tiêu chí môi trường", "2025-03-12")
	issue("KHTC", "Kế hoạch của phòng khác", "2025-04-01")
	issue("VP", "Bản nháp chưa ban hành", "")

	byKey := func(fs []emulation.Fact) map[string][]emulation.Fact {
		m := map[string][]emulation.Fact{}
		for _, f := range fs {
			m[f.Key] = append(m[f.Key], f)
			if f.Source == "" || f.Link == "" || f.Label == "" || f.Value == "" {
				t.Errorf("fact without source, link, label or value: %+v", f)
			}
		}
		return m
	}
	fs, err := w.svc.Facts(ctx, w.agency, w.camp.ID, 2025, emulation.TargetUnit, w.units["VP"])
	must(t, err)
	m := byKey(fs)
	one := func(key string) emulation.Fact {
		t.Helper()
		if len(m[key]) != 1 {
			t.Fatalf("%s: %+v", key, m[key])
		}
		return m[key][0]
	}
	if f := one("ho_tro.dang_ky"); f.Count != 1 || f.Value != "1 địa bàn: Xã Bình Minh" || f.Link != "/sponsorships" {
		t.Errorf("registrations %+v", f)
	}
	if f := one("ho_tro.hoat_dong"); f.Count != 3 || f.Value != "3 hoạt động; kinh phí, hiện vật 12.500.000 đồng; 4,5 ngày công" {
		t.Errorf("activities %+v", f)
	}
	if f := one("tuyen_truyen.hoat_dong"); f.Count != 1 || f.Value != "1 buổi: 5/3/2025 tại Xã Bình Minh" {
		t.Errorf("propaganda %+v", f)
	}
	if f := one("ho_tro.tien_do"); f.Count != 3 || f.Link != "/localities/"+w.places["Xã Bình Minh"]+"/timeline" ||
		f.Value != "Đạt 3/3 tiêu chí (đánh giá ngày 15/11/2025); trước đó đạt 1/3 (ngày 10/11/2024), tăng 2 tiêu chí" ||
		!strings.Contains(f.Source, "Bộ tiêu chí xã thử") {
		t.Errorf("progress %+v", f)
	}
	if f := one("ho_tro.cong_nhan"); f.Count != 1 ||
		f.Value != "Xã Bình Minh đạt chuẩn nông thôn mới (Quyết định số 123/QĐ-UBND ngày 5/12/2025 của UBND tỉnh Thử)" {
		t.Errorf("recognition %+v", f)
	}
	if f := one("van_ban.tong"); f.Count != 1 || f.Value != "1 văn bản" {
		t.Errorf("documents %+v", f)
	}
	if f := one("van_ban.van_ban"); f.Link != "/documents/"+guide.ID || f.Value != "Số "+guide.NumberText+" ngày 12/3/2025: Hướng dẫn thực hiện tiêu chí môi trường" {
		t.Errorf("document %+v (number %q)", f, guide.NumberText)
	}

	// CC supports a village: the progress of its commune, no recognition,
	// no document, no activity.
	fs, err = w.svc.Facts(ctx, w.agency, w.camp.ID, 2025, emulation.TargetUnit, w.units["CC"])
	must(t, err)
	m = byKey(fs)
	if f := one("ho_tro.dang_ky"); f.Value != "1 địa bàn: Bản Một (Xã Khó Khăn)" {
		t.Errorf("village registration %+v", f)
	}
	if f := one("ho_tro.tien_do"); f.Value != "Đạt 2/3 tiêu chí (đánh giá ngày 1/10/2025)" || f.Label != "Tiến độ tiêu chí NTM: Xã Khó Khăn" {
		t.Errorf("commune of the village %+v", f)
	}
	if f := one("ho_tro.cong_nhan"); f.Count != 0 || one("ho_tro.hoat_dong").Count != 0 || one("van_ban.tong").Count != 0 {
		t.Errorf("empty facts %+v", fs)
	}

	// A person: activities taken part in, registrations as the contact.
	fs, err = w.svc.Facts(ctx, w.agency, w.camp.ID, 2025, emulation.TargetStaff, an)
	must(t, err)
	m = byKey(fs)
	if f := one("tham_gia.hoat_dong"); f.Count != 2 || f.Value != "2 hoạt động tại Xã Bình Minh (ngày 5/3/2025, 1/9/2025)" {
		t.Errorf("participation %+v", f)
	}
	if f := one("tham_gia.dau_moi"); f.Count != 1 || f.Value != "1 địa bàn: Xã Bình Minh" {
		t.Errorf("contact %+v", f)
	}
	fs, err = w.svc.Facts(ctx, w.agency, w.camp.ID, 2025, emulation.TargetStaff, binh)
	must(t, err)
	if m = byKey(fs); one("tham_gia.hoat_dong").Count != 1 || one("tham_gia.dau_moi").Count != 0 {
		t.Errorf("Bình %+v", fs)
	}

	// The sheet shows each criterion's facts beside it.
	d, err := w.svc.Sheet(ctx, w.agency, w.key(emulation.TargetUnit, "VP"))
	must(t, err)
	for _, it := range d.Items {
		for _, f := range it.Facts {
			if emulation.FactGroup(f.Key) != it.Criterion.Fact {
				t.Errorf("%s shows %s", it.Criterion.Code, f.Key)
			}
		}
	}
	if len(d.Items[0].Facts) != 2 || len(d.Items[1].Facts) != 1 || len(d.Items[2].Facts) != 4 || len(d.Facts) != 7 {
		t.Errorf("facts per criterion: %d %d %d of %d", len(d.Items[0].Facts), len(d.Items[1].Facts), len(d.Items[2].Facts), len(d.Facts))
	}
	// Checked like a sheet key.
	_, err = w.svc.Facts(ctx, w.other, w.camp.ID, 2025, emulation.TargetUnit, w.units["VP"])
	wantField(t, err, "campaignId", "errors.emulation.campaignMissing")
}
