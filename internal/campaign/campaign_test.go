package campaign_test

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"chungsuc/internal/campaign"
	"chungsuc/internal/fault"
	"chungsuc/internal/org"
	"chungsuc/internal/store"
	"chungsuc/internal/store/storetest"
)

func setup(t *testing.T) (*store.DB, *campaign.Service, string) {
	t.Helper()
	db := storetest.Open(t)
	a, err := org.NewService(db.DB).SaveAgency(context.Background(), org.Agency{
		Name: "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", ParentBody: "UBND TỈNH QUẢNG TRỊ", Abbrev: "SNNMT", PlaceName: "Quảng Trị",
	})
	if err != nil {
		t.Fatal(err)
	}
	return db, campaign.NewService(db.DB), a.ID
}

func intp(n int) *int { return &n }

func valid() campaign.Campaign {
	return campaign.Campaign{
		Name: "Chung sức xây dựng nông thôn mới", FromYear: 2021, ToYear: 2025, Active: true,
		LegalBases: []campaign.LegalBasis{
			{Number: "587/QĐ-TTg", Date: "2022-05-18", Issuer: "Thủ tướng Chính phủ"},
			{Number: "1017/KH-UBND", Date: "2022-06-13"},
		},
		Targets: []campaign.Target{
			{Label: "87% số xã đạt chuẩn", Comparator: ">=", Value: 87, ValueUnit: "%", Count: intp(112), CountUnit: "xã"},
			{Label: "Còn nhiều nhất 04 xã dưới 15 tiêu chí", Comparator: "<=", Value: 4, ValueUnit: "xã"},
			{Label: "49 thôn đạt chuẩn", Comparator: ">=", Value: 49, ValueUnit: "thôn"},
		},
		Milestones: []campaign.Milestone{
			{Name: "Sơ kết", Kind: "so_ket", DueDate: "2023-12-31"},
			{Name: "Tổng kết", Kind: "tong_ket", DueDate: "2025-12-31"},
		},
	}
}

// rows counts rows of a table, deleted ones included when all is set.
func rows(t *testing.T, db *store.DB, table string, all bool) int64 {
	t.Helper()
	q := db.Table(table)
	if !all {
		q = q.Where("deleted_at IS NULL")
	}
	var n int64
	if err := q.Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func fieldKey(err error, field string) string {
	fe, ok := fault.As(err)
	if !ok {
		return ""
	}
	for _, f := range fe.Fields {
		if f.Field == field {
			return f.Key
		}
	}
	return ""
}

func TestSaveCreatesWithChildren(t *testing.T) {
	db, svc, aid := setup(t)
	in := valid()
	in.Name = norm.NFD.String("  Chung sức   xây dựng nông thôn mới ")
	c, err := svc.Save(context.Background(), aid, in)
	if err != nil {
		t.Fatal(err)
	}
	if c.Name != "Chung sức xây dựng nông thôn mới" || c.Version != 1 || c.AgencyID != aid {
		t.Fatalf("saved %q version %d agency %s", c.Name, c.Version, c.AgencyID)
	}
	if len(c.LegalBases) != 2 || len(c.Targets) != 3 || len(c.Milestones) != 2 {
		t.Fatalf("children %d %d %d", len(c.LegalBases), len(c.Targets), len(c.Milestones))
	}
	for i, tg := range c.Targets {
		if tg.SortOrder != i || tg.CampaignID != c.ID || tg.ID == "" {
			t.Fatalf("target %d: %+v", i, tg)
		}
	}
	if *c.Targets[0].Count != 112 || c.Targets[1].Count != nil {
		t.Fatal("target counts not kept")
	}
	page, err := svc.List(context.Background(), aid, store.ListQuery{Search: "nong thon"})
	if err != nil || page.Total != 1 {
		t.Fatalf("diacritic-insensitive list: %d %v", page.Total, err)
	}
	if rows(t, db, "campaign_targets", true) != 3 {
		t.Fatal("target rows")
	}
}

func TestValidationErrorWritesNothing(t *testing.T) {
	db, svc, aid := setup(t)
	c := valid()
	c.Targets[2].Comparator = "≥"
	_, err := svc.Save(context.Background(), aid, c)
	if !errors.Is(err, fault.ErrInvalid) || fieldKey(err, "targets.2.comparator") != "validation.oneOf" {
		t.Fatalf("got %v", err)
	}
	for _, tbl := range []string{"campaigns", "campaign_legal_bases", "campaign_targets", "campaign_milestones"} {
		if n := rows(t, db, tbl, true); n != 0 {
			t.Fatalf("%s has %d rows after a refused save", tbl, n)
		}
	}
}

// failOn installs a real database trigger that refuses a target with the
// given label, so that the failure happens inside Save's transaction, after
// the campaign row and the legal bases were written.
func failOn(t *testing.T, db *store.DB, label string) {
	t.Helper()
	var stmts []string
	if storetest.OnPostgres() {
		stmts = []string{
			`CREATE FUNCTION refuse_target() RETURNS trigger AS $$ BEGIN
			   IF NEW.label = '` + label + `' THEN RAISE EXCEPTION 'refused by test trigger'; END IF;
			   RETURN NEW; END $$ LANGUAGE plpgsql`,
			`CREATE TRIGGER refuse_target BEFORE INSERT ON campaign_targets FOR EACH ROW EXECUTE FUNCTION refuse_target()`,
		}
	} else {
		stmts = []string{`CREATE TRIGGER refuse_target BEFORE INSERT ON campaign_targets
			WHEN NEW.label = '` + label + `' BEGIN SELECT RAISE(ABORT, 'refused by test trigger'); END`}
	}
	for _, s := range stmts {
		if err := db.Exec(s).Error; err != nil {
			t.Fatalf("install trigger: %v", err)
		}
	}
}

func TestSaveIsOneTransaction(t *testing.T) {
	db, svc, aid := setup(t)
	ctx := context.Background()
	failOn(t, db, "hỏng")

	c := valid()
	c.Targets[2].Label = "hỏng"
	if _, err := svc.Save(ctx, aid, c); err == nil {
		t.Fatal("the trigger did not refuse the third target")
	}
	for _, tbl := range []string{"campaigns", "campaign_legal_bases", "campaign_targets", "campaign_milestones"} {
		if n := rows(t, db, tbl, true); n != 0 {
			t.Fatalf("%s has %d rows after a failed create", tbl, n)
		}
	}

	saved, err := svc.Save(ctx, aid, valid())
	if err != nil {
		t.Fatal(err)
	}
	edit := saved
	edit.Name = "Tên mới"
	edit.Targets = append([]campaign.Target{}, saved.Targets...)
	edit.Targets[2].Label = "hỏng"
	if _, err := svc.Save(ctx, aid, edit); err == nil {
		t.Fatal("the trigger did not refuse the edited target")
	}
	got, err := svc.Get(ctx, aid, saved.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != saved.Name || got.Version != saved.Version || len(got.Targets) != 3 || len(got.LegalBases) != 2 {
		t.Fatalf("a failed update changed the campaign: %q v%d, %d targets", got.Name, got.Version, len(got.Targets))
	}
	if rows(t, db, "campaign_targets", true) != 3 {
		t.Fatal("a failed update soft-deleted or added targets")
	}
}

func TestUpdateReplacesChildren(t *testing.T) {
	db, svc, aid := setup(t)
	ctx := context.Background()
	c, err := svc.Save(ctx, aid, valid())
	if err != nil {
		t.Fatal(err)
	}
	oldIDs := map[string]bool{}
	for _, tg := range c.Targets {
		oldIDs[tg.ID] = true
	}
	c.Targets = []campaign.Target{{Label: "Mục tiêu duy nhất", Comparator: "=", Value: 1}}
	c.Milestones = nil
	c.Description = "Dòng 1  \r\nDòng 2"
	up, err := svc.Save(ctx, aid, c)
	if err != nil {
		t.Fatal(err)
	}
	if up.Version != 2 || len(up.Targets) != 1 || len(up.Milestones) != 0 || len(up.LegalBases) != 2 {
		t.Fatalf("after update: v%d targets %d milestones %d bases %d", up.Version, len(up.Targets), len(up.Milestones), len(up.LegalBases))
	}
	if oldIDs[up.Targets[0].ID] || up.Description != "Dòng 1\nDòng 2" {
		t.Fatalf("update: %+v %q", up.Targets[0], up.Description)
	}
	if live, all := rows(t, db, "campaign_targets", false), rows(t, db, "campaign_targets", true); live != 1 || all != 4 {
		t.Fatalf("targets live %d all %d, want 1 and 4 (old ones soft-deleted)", live, all)
	}
	if live, all := rows(t, db, "campaign_milestones", false), rows(t, db, "campaign_milestones", true); live != 0 || all != 2 {
		t.Fatalf("milestones live %d all %d", live, all)
	}
}

func TestStaleSaveRefused(t *testing.T) {
	db, svc, aid := setup(t)
	ctx := context.Background()
	c, _ := svc.Save(ctx, aid, valid())
	first := c
	first.Name = "Lần sửa thứ nhất"
	if _, err := svc.Save(ctx, aid, first); err != nil {
		t.Fatal(err)
	}
	stale := c
	stale.Name = "Lần sửa cũ"
	stale.Targets = []campaign.Target{{Label: "x", Comparator: "=", Value: 1}}
	_, err := svc.Save(ctx, aid, stale)
	if !errors.Is(err, fault.ErrStale) {
		t.Fatalf("stale save: %v", err)
	}
	got, _ := svc.Get(ctx, aid, c.ID)
	if got.Name != "Lần sửa thứ nhất" || got.Version != 2 || len(got.Targets) != 3 {
		t.Fatalf("after stale save: %q v%d %d targets", got.Name, got.Version, len(got.Targets))
	}
	if rows(t, db, "campaign_targets", true) != 6 {
		t.Fatal("a stale save wrote targets")
	}
}

func TestOneActiveCampaignPerAgency(t *testing.T) {
	db, svc, aid := setup(t)
	ctx := context.Background()
	a1 := valid()
	c1, err := svc.Save(ctx, aid, a1)
	if err != nil {
		t.Fatal(err)
	}
	a2 := valid()
	a2.Name, a2.FromYear, a2.ToYear = "Giai đoạn 2026 - 2030", 2026, 2030
	c2, err := svc.Save(ctx, aid, a2)
	if err != nil {
		t.Fatal(err)
	}
	act, err := svc.Active(ctx, aid)
	if err != nil || act.ID != c2.ID {
		t.Fatalf("active after saving a second active campaign: %s %v", act.ID, err)
	}
	var n int64
	db.Table("campaigns").Where("agency_id = ? AND active = ?", aid, true).Count(&n)
	if n != 1 {
		t.Fatalf("%d active campaigns", n)
	}
	// Another agency's active campaign is not touched.
	other, err := org.NewService(db.DB).SaveAgency(ctx, org.Agency{Name: "SỞ KHÁC", Abbrev: "SK", PlaceName: "Huế"})
	if err != nil {
		t.Fatal(err)
	}
	oc, err := svc.Save(ctx, other.ID, valid())
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.SetActive(ctx, aid, c1.ID); err != nil {
		t.Fatal(err)
	}
	if act, _ := svc.Active(ctx, aid); act.ID != c1.ID {
		t.Fatalf("SetActive: active is %s", act.ID)
	}
	if act, _ := svc.Active(ctx, other.ID); act.ID != oc.ID {
		t.Fatal("SetActive in one agency deactivated another agency's campaign")
	}
	got2, _ := svc.Get(ctx, aid, c2.ID)
	if got2.Active || got2.Version <= c2.Version {
		t.Fatalf("the previous active campaign: active %v version %d", got2.Active, got2.Version)
	}
	// An agency cannot reach another agency's campaign.
	if err := svc.SetActive(ctx, aid, oc.ID); !errors.Is(err, fault.ErrNotFound) {
		t.Fatalf("SetActive across agencies: %v", err)
	}
	if err := svc.Delete(ctx, aid, oc.ID); !errors.Is(err, fault.ErrNotFound) {
		t.Fatalf("Delete across agencies: %v", err)
	}
	if _, err := svc.Get(ctx, aid, oc.ID); !errors.Is(err, fault.ErrNotFound) {
		t.Fatalf("Get across agencies: %v", err)
	}
	hijack := oc
	hijack.Name = "Bị sửa từ cơ quan khác"
	if _, err := svc.Save(ctx, aid, hijack); !errors.Is(err, fault.ErrNotFound) {
		t.Fatalf("Save across agencies: %v", err)
	}
	if got, _ := svc.Get(ctx, other.ID, oc.ID); got.Name != oc.Name || got.Version != oc.Version || len(got.Targets) != 3 {
		t.Fatalf("another agency's campaign was changed: %q v%d", got.Name, got.Version)
	}
}

func TestDeleteAndRestore(t *testing.T) {
	_, svc, aid := setup(t)
	ctx := context.Background()
	c, _ := svc.Save(ctx, aid, valid())
	if err := svc.Delete(ctx, aid, c.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Active(ctx, aid); keyOfErr(err) != "errors.campaign.noActive" {
		t.Fatalf("active after delete: %v", err)
	}
	if _, err := svc.Get(ctx, aid, c.ID); !errors.Is(err, fault.ErrNotFound) {
		t.Fatalf("get deleted: %v", err)
	}
	if err := svc.SetActive(ctx, aid, c.ID); !errors.Is(err, fault.ErrNotFound) {
		t.Fatalf("activate deleted: %v", err)
	}
	del, _ := svc.List(ctx, aid, store.ListQuery{Deleted: true})
	live, _ := svc.List(ctx, aid, store.ListQuery{})
	if del.Total != 1 || live.Total != 0 {
		t.Fatalf("deleted %d live %d", del.Total, live.Total)
	}
	if err := svc.Delete(ctx, aid, c.ID); !errors.Is(err, fault.ErrNotFound) {
		t.Fatalf("second delete: %v", err)
	}
	if err := svc.Restore(ctx, aid, c.ID); err != nil {
		t.Fatal(err)
	}
	got, err := svc.Get(ctx, aid, c.ID)
	if err != nil || got.Active || len(got.Targets) != 3 {
		t.Fatalf("restored: active %v targets %d %v", got.Active, len(got.Targets), err)
	}
	if err := svc.Restore(ctx, aid, c.ID); !errors.Is(err, fault.ErrNotFound) {
		t.Fatalf("restore of a live campaign: %v", err)
	}
}

func keyOfErr(err error) string {
	if fe, ok := fault.As(err); ok {
		return fe.Key
	}
	return ""
}

func TestValidationRules(t *testing.T) {
	_, svc, aid := setup(t)
	ctx := context.Background()
	cases := []struct {
		name  string
		edit  func(*campaign.Campaign)
		field string
		key   string
	}{
		{"empty name", func(c *campaign.Campaign) { c.Name = " \t " }, "name", "validation.required"},
		{"long name", func(c *campaign.Campaign) { c.Name = strings.Repeat("ư", 301) }, "name", "validation.tooLong"},
		{"from before 2000", func(c *campaign.Campaign) { c.FromYear = 1999 }, "fromYear", "validation.range"},
		{"to after 2100", func(c *campaign.Campaign) { c.ToYear = 2101 }, "toYear", "validation.range"},
		{"period reversed", func(c *campaign.Campaign) { c.FromYear, c.ToYear = 2025, 2021 }, "toYear", "validation.campaign.period"},
		{"long description", func(c *campaign.Campaign) { c.Description = strings.Repeat("a", 5001) }, "description", "validation.tooLong"},
		{"basis without number", func(c *campaign.Campaign) { c.LegalBases[1].Number = "" }, "legalBases.1.number", "validation.required"},
		{"basis month 13", func(c *campaign.Campaign) { c.LegalBases[0].Date = "2022-13-01" }, "legalBases.0.date", "validation.date"},
		{"basis dd/mm/yyyy", func(c *campaign.Campaign) { c.LegalBases[0].Date = "18/05/2022" }, "legalBases.0.date", "validation.date"},
		{"basis 30 February", func(c *campaign.Campaign) { c.LegalBases[0].Date = "2022-02-30" }, "legalBases.0.date", "validation.date"},
		{"target without label", func(c *campaign.Campaign) { c.Targets[0].Label = "" }, "targets.0.label", "validation.required"},
		{"target unicode comparator", func(c *campaign.Campaign) { c.Targets[1].Comparator = "≤" }, "targets.1.comparator", "validation.oneOf"},
		{"target no comparator", func(c *campaign.Campaign) { c.Targets[1].Comparator = "" }, "targets.1.comparator", "validation.oneOf"},
		{"percent over 100", func(c *campaign.Campaign) { c.Targets[0].Value = 100.5 }, "targets.0.value", "validation.range"},
		{"negative value", func(c *campaign.Campaign) { c.Targets[2].Value = -1 }, "targets.2.value", "validation.number"},
		{"NaN value", func(c *campaign.Campaign) { c.Targets[2].Value = math.NaN() }, "targets.2.value", "validation.number"},
		{"infinite value", func(c *campaign.Campaign) { c.Targets[2].Value = math.Inf(1) }, "targets.2.value", "validation.number"},
		{"negative count", func(c *campaign.Campaign) { c.Targets[0].Count = intp(-1) }, "targets.0.count", "validation.number"},
		{"milestone without name", func(c *campaign.Campaign) { c.Milestones[0].Name = "" }, "milestones.0.name", "validation.required"},
		{"milestone unknown kind", func(c *campaign.Campaign) { c.Milestones[1].Kind = "hop" }, "milestones.1.kind", "validation.oneOf"},
		{"milestone bad due date", func(c *campaign.Campaign) { c.Milestones[1].DueDate = "2025-02-29" }, "milestones.1.dueDate", "validation.date"},
		{"milestone done in 1800", func(c *campaign.Campaign) { c.Milestones[0].DoneDate = "1800-01-01" }, "milestones.0.doneDate", "validation.date"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := valid()
			c.edit(&in)
			_, err := svc.Save(ctx, aid, in)
			if !errors.Is(err, fault.ErrInvalid) || keyOfErr(err) != "errors.invalid" {
				t.Fatalf("got %v, want ErrInvalid", err)
			}
			if got := fieldKey(err, c.field); got != c.key {
				t.Fatalf("%s: %q (%v), want %q", c.field, got, err, c.key)
			}
		})
	}
	// Boundaries that are accepted.
	ok := valid()
	ok.FromYear, ok.ToYear = 2025, 2025
	ok.Targets[0].Value = 100
	ok.Targets[1].Value = 0
	ok.Milestones[0].Kind = ""
	ok.LegalBases[0].Date = ""
	if _, err := svc.Save(ctx, aid, ok); err != nil {
		t.Fatalf("boundary values refused: %v", err)
	}
	page, _ := svc.List(ctx, aid, store.ListQuery{})
	if page.Total != 1 {
		t.Fatalf("refused saves wrote campaigns: %d", page.Total)
	}
}
