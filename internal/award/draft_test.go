package award_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"chungsuc/internal/award"
	"chungsuc/internal/emulation"
	"chungsuc/internal/sponsor"
	"chungsuc/internal/store"
)

// testLocality writes rows of the localities table without importing
// internal/locality.
type testLocality struct {
	store.Base
	AgencyID  string
	ParentID  *string
	Name      string
	Kind      string
	Level     int
	SearchKey string
	SortKey   string
}

func (testLocality) TableName() string { return "localities" }

func fptr(x float64) *float64 { return &x }

func TestDraftSummaryFromData(t *testing.T) {
	w := newWorld(t)
	p := w.proposal(w.camp, award.StageTongKet, 2025)
	u := w.nominate(p, "VP", award.FormBKTinh)
	s := w.nominate(p, "Nguyễn Văn An", award.FormGiayKhen)
	e := w.nominate(p, "Hoàng Văn Em", award.FormGiayKhen)

	// Without data the draft says so.
	text, err := w.svc.DraftSummary(ctx, w.agency, e.ID)
	must(t, err)
	if !strings.Contains(text, "Chưa có dữ liệu") {
		t.Fatalf("empty draft %q", text)
	}

	// Scores: two units in 2025 (VP second), VP in 2024 too; a grade.
	for _, g := range []emulation.Grade{{Code: "xuat_sac", Name: "Hoàn thành xuất sắc", MinScore: 90}} {
		g.AgencyID, g.CampaignID = w.agency, w.camp
		must(t, w.db.Create(&g).Error)
	}
	sheets := []emulation.Sheet{
		{Year: 2025, SubjectKind: emulation.TargetUnit, UnitID: w.unit("VP"), Status: emulation.StatusReviewed, SelfTotal: 90, ReviewTotal: fptr(92.5), Grade: "xuat_sac"},
		{Year: 2025, SubjectKind: emulation.TargetUnit, UnitID: w.unit("CC"), Status: emulation.StatusReviewed, SelfTotal: 95, ReviewTotal: fptr(96)},
		{Year: 2024, SubjectKind: emulation.TargetUnit, UnitID: w.unit("VP"), Status: emulation.StatusSubmitted, SelfTotal: 88},
		{Year: 2025, SubjectKind: emulation.TargetStaff, StaffID: w.person("Nguyễn Văn An"), Status: emulation.StatusDraft, SelfTotal: 47.25},
	}
	for _, sh := range sheets {
		sh.AgencyID, sh.CampaignID = w.agency, w.camp
		must(t, w.db.Create(&sh).Error)
	}
	// Sponsorship: VP supports a commune; An took part in two activities.
	commune := testLocality{AgencyID: w.agency, Name: "Xã Dân Hóa", Kind: "xa", Level: 3, SearchKey: "xa dan hoa", SortKey: "xa dan hoa"}
	must(t, w.db.Create(&commune).Error)
	ssvc := sponsor.NewService(w.db.DB)
	camp := w.camp
	reg, err := ssvc.Save(ctx, w.agency, sponsor.Registration{UnitID: w.units["VP"], LocalityID: commune.ID, CampaignID: &camp, FromDate: "2022-07-01"})
	must(t, err)
	for _, a := range []sponsor.ActivityInput{
		{Activity: sponsor.Activity{RegistrationID: reg.ID, Date: "2023-05-01", Kind: "khao_sat", AmountVND: 15_000_000, Workdays: 2.5}, ParticipantIDs: []string{w.staff["Nguyễn Văn An"]}},
		{Activity: sponsor.Activity{RegistrationID: reg.ID, Date: "2024-05-01", Kind: "tuyen_truyen", AmountVND: 20_000_000, Workdays: 3}, ParticipantIDs: []string{w.staff["Nguyễn Văn An"]}},
	} {
		_, err := ssvc.SaveActivity(ctx, w.agency, a)
		must(t, err)
	}
	text, err = w.svc.DraftSummary(ctx, w.agency, u.ID)
	must(t, err)
	for _, want := range []string{"năm 2025: 92,5 điểm (Hội đồng đã duyệt), xếp loại Hoàn thành xuất sắc, xếp thứ 2/2", "năm 2024: 88 điểm",
		"Đăng ký hỗ trợ 1 địa bàn xây dựng nông thôn mới (Xã Dân Hóa); thực hiện 2 hoạt động, hỗ trợ 35.000.000 đồng, 5,5 ngày công"} {
		if !strings.Contains(text, want) {
			t.Errorf("unit draft lacks %q:\n%s", want, text)
		}
	}
	text, err = w.svc.DraftSummary(ctx, w.agency, s.ID)
	must(t, err)
	for _, want := range []string{"năm 2025: 47,25 điểm (tự chấm, chưa duyệt).", "Tham gia 2 hoạt động hỗ trợ xây dựng nông thôn mới tại Xã Dân Hóa"} {
		if !strings.Contains(text, want) {
			t.Errorf("person draft lacks %q:\n%s", want, text)
		}
	}
	if _, err := w.svc.DraftSummary(ctx, w.otherAg, s.ID); keyOf(err) != "errors.notFound" {
		t.Fatalf("other agency: %v", err)
	}
}

func TestNomineeAttachments(t *testing.T) {
	w := newWorld(t)
	data := t.TempDir()
	src := filepath.Join(t.TempDir(), "bao-cao.pdf")
	must(t, os.WriteFile(src, []byte("%PDF-1.4 báo cáo thành tích"), 0o644))
	p := w.proposal(w.camp, award.StageTongKet, 2025)
	n := w.nominate(p, "VP", award.FormBKTinh)
	a, err := w.svc.AddAttachment(ctx, w.agency, data, n.ID, src)
	must(t, err)
	again, err := w.svc.AddAttachment(ctx, w.agency, data, n.ID, src)
	must(t, err)
	if again.ID != a.ID || a.OwnerType != award.OwnerNominee || a.FileName != "bao-cao.pdf" {
		t.Fatalf("attachment %+v / %+v", a, again)
	}
	path, err := w.svc.AttachmentPath(ctx, w.agency, data, a.ID)
	must(t, err)
	if b, err := os.ReadFile(path); err != nil || !strings.HasPrefix(string(b), "%PDF") {
		t.Fatalf("stored copy %v", err)
	}
	d := w.get(p.ID)
	if len(d.Nominees[0].Attachments) != 1 {
		t.Fatalf("detail attachments %+v", d.Nominees[0].Attachments)
	}
	if _, err := w.svc.AddAttachment(ctx, w.agency, data, n.ID, filepath.Join(t.TempDir(), "khong-co.pdf")); keyOf(err) != "errors.award.attachmentMissing" {
		t.Fatalf("missing file: %v", err)
	}
	// Locked once reviewed.
	p = w.vote(p, map[string]int{n.ID: 8})
	p = w.mustMove(p, award.StatusReviewed)
	if err := w.svc.DeleteAttachment(ctx, w.agency, a.ID); keyOf(err) != "errors.award.filesLocked" {
		t.Fatalf("delete in đã xét: %v", err)
	}
	if _, err := w.svc.AddAttachment(ctx, w.agency, data, n.ID, src); keyOf(err) != "errors.award.filesLocked" {
		t.Fatalf("add in đã xét: %v", err)
	}
	w.mustMove(p, award.StatusDraft)
	must(t, w.svc.DeleteAttachment(ctx, w.agency, a.ID))
	if d := w.get(p.ID); len(d.Nominees[0].Attachments) != 0 {
		t.Fatal("deleted attachment listed")
	}
}
