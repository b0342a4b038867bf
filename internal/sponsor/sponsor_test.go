package sponsor_test

import (
	"errors"
	"math"
	"strings"
	"testing"

	"chungsuc/internal/fault"
	"chungsuc/internal/org"
	"chungsuc/internal/sponsor"
	"chungsuc/internal/store"
	"chungsuc/internal/store/storetest"
)

func fieldKeys(t *testing.T, err error) map[string]string {
	t.Helper()
	fe, ok := fault.As(err)
	if !ok || !errors.Is(err, fault.ErrInvalid) {
		t.Fatalf("want a validation error, got %v", err)
	}
	m := map[string]string{}
	for _, f := range fe.Fields {
		if _, seen := m[f.Field]; !seen {
			m[f.Field] = f.Key
		}
	}
	return m
}

func TestRegistrationValidation(t *testing.T) {
	w := newWorld(t)
	t.Logf("engine: %s", storetest.Describe())
	str := func(s string) *string { return &s }
	cases := []struct {
		name  string
		edit  func(r *sponsor.Registration)
		field string
		key   string
	}{
		{"no unit", func(r *sponsor.Registration) { r.UnitID = "" }, "unitId", "validation.required"},
		{"unknown unit", func(r *sponsor.Registration) { r.UnitID = store.NewID() }, "unitId", "validation.sponsor.unitMissing"},
		{"no locality", func(r *sponsor.Registration) { r.LocalityID = " " }, "localityId", "validation.required"},
		{"unknown locality", func(r *sponsor.Registration) { r.LocalityID = store.NewID() }, "localityId", "validation.sponsor.localityMissing"},
		{"district", func(r *sponsor.Registration) { r.LocalityID = w.places["Huyện Minh Hóa"] }, "localityId", "validation.sponsor.localityLevel"},
		{"province", func(r *sponsor.Registration) { r.LocalityID = w.places["Tỉnh Mẫu"] }, "localityId", "validation.sponsor.localityLevel"},
		{"unknown campaign", func(r *sponsor.Registration) { r.CampaignID = str(store.NewID()) }, "campaignId", "validation.sponsor.campaignMissing"},
		{"no start", func(r *sponsor.Registration) { r.FromDate = "" }, "fromDate", "validation.required"},
		{"bad start", func(r *sponsor.Registration) { r.FromDate = "01/07/2022" }, "fromDate", "validation.date"},
		{"bad end", func(r *sponsor.Registration) { r.ToDate = "2023-02-30" }, "toDate", "validation.date"},
		{"end before start", func(r *sponsor.Registration) { r.ToDate = "2022-06-30" }, "toDate", "validation.sponsor.period"},
		{"negative visits", func(r *sponsor.Registration) { r.CommitVisits = -1 }, "commitVisits", "validation.range"},
		{"negative funds", func(r *sponsor.Registration) { r.CommitFunds = -5 }, "commitFunds", "validation.range"},
		{"negative workdays", func(r *sponsor.Registration) { r.CommitWorkdays = -0.5 }, "commitWorkdays", "validation.range"},
		{"two decimals", func(r *sponsor.Registration) { r.CommitWorkdays = 2.25 }, "commitWorkdays", "validation.sponsor.oneDecimal"},
		{"NaN workdays", func(r *sponsor.Registration) { r.CommitWorkdays = math.NaN() }, "commitWorkdays", "validation.number"},
		{"content too long", func(r *sponsor.Registration) { r.Content = strings.Repeat("ă", 5001) }, "content", "validation.tooLong"},
		{"unknown contact", func(r *sponsor.Registration) { r.ContactStaffID = str(store.NewID()) }, "contactStaffId", "validation.sponsor.contactMissing"},
		{"other agency's contact", func(r *sponsor.Registration) { r.ContactStaffID = str(w.otherStf) }, "contactStaffId", "validation.sponsor.contactMissing"},
		{"created finished", func(r *sponsor.Registration) { r.Status = sponsor.StatusHoanThanh }, "status", "validation.oneOf"},
		{"unknown status", func(r *sponsor.Registration) { r.Status = "xong" }, "status", "validation.oneOf"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := w.reg("VP", "Xã Thường")
			c.edit(&r)
			_, err := w.svc.Save(w.ctx, w.agency, r)
			if got := fieldKeys(t, err)[c.field]; got != c.key {
				t.Fatalf("%s: %q, want %q (%v)", c.field, got, c.key, err)
			}
		})
	}
	if n := w.count("sponsor_registrations"); n != 0 {
		t.Fatalf("refused saves wrote %d rows", n)
	}
	// Boundaries that are fine: 5000 characters, one decimal, same-day period, NFD text.
	r := w.reg("VP", "Bản Khó 1")
	r.Content = strings.Repeat("ă", 5000)
	r.CommitWorkdays = 0.1
	r.ToDate = r.FromDate
	saved := w.save(r)
	r = w.reg("VP", "Xã Thường")
	r.Content = "Ho\u0302\u0303 tro\u031B\u0323"
	saved = w.save(r)
	if saved.Content != "Hỗ trợ" {
		t.Fatalf("content not NFC: %q", saved.Content)
	}
}

func TestSaveDefaultsUpdateAndStale(t *testing.T) {
	w := newWorld(t)
	r := w.save(w.reg("VP", "Xã Thường"))
	if r.Status != sponsor.StatusDangKy || r.CampaignID == nil || *r.CampaignID != w.camp || r.Version != 1 {
		t.Fatalf("defaults: %+v", r)
	}
	first := r
	first.Content = "Nội dung mới"
	first.Status = sponsor.StatusHoanThanh // ignored: status changes only by SetStatus
	first.CancelReason = "x"
	saved, err := w.svc.Save(w.ctx, w.agency, first)
	must(t, err)
	if saved.Version != 2 || saved.Status != sponsor.StatusDangKy || saved.CancelReason != "" {
		t.Fatalf("update: %+v", saved)
	}
	r.Content = "Bản cũ"
	if _, err := w.svc.Save(w.ctx, w.agency, r); !errors.Is(err, fault.ErrStale) {
		t.Fatalf("stale save: %v", err)
	}
	got, err := w.svc.Get(w.ctx, w.agency, r.ID)
	must(t, err)
	if got.Content != "Nội dung mới" || got.UnitName != "Văn phòng Sở" || got.LocalityPath != "Xã Thường, Huyện Minh Hóa" || !got.Active || got.CampaignName == "" {
		t.Fatalf("detail %+v", got)
	}
	// Another agency cannot read or change it.
	if _, err := w.svc.Get(w.ctx, w.otherAg, r.ID); !errors.Is(err, fault.ErrNotFound) {
		t.Fatalf("other agency get: %v", err)
	}
	saved.Content = "chen ngang"
	if _, err := w.svc.Save(w.ctx, w.otherAg, saved); !errors.Is(err, fault.ErrNotFound) {
		t.Fatalf("other agency save: %v", err)
	}
	if err := w.svc.Delete(w.ctx, w.otherAg, r.ID); !errors.Is(err, fault.ErrNotFound) {
		t.Fatalf("other agency delete: %v", err)
	}
}

func TestDuplicateRegistration(t *testing.T) {
	w := newWorld(t)
	r := w.save(w.reg("VP", "Xã Thường"))
	_, err := w.svc.Save(w.ctx, w.agency, w.reg("VP", "Xã Thường"))
	if got := fieldKeys(t, err)["localityId"]; got != "validation.sponsor.duplicate" {
		t.Fatalf("duplicate: %v", err)
	}
	// Another unit, or another place, is fine.
	w.save(w.reg("KHTC", "Xã Thường"))
	w.save(w.reg("VP", "Xã Khó"))
	// Once the first is cancelled a new one may be made; restoring... the
	// cancelled one is not open, so nothing clashes.
	_, err = w.svc.SetStatus(w.ctx, w.agency, r.ID, r.Version, sponsor.StatusHuy, "Đổi địa bàn")
	must(t, err)
	second := w.save(w.reg("VP", "Xã Thường"))
	// Deleting the second and adding a third, then restoring the second, clashes.
	must(t, w.svc.Delete(w.ctx, w.agency, second.ID))
	w.save(w.reg("VP", "Xã Thường"))
	err = w.svc.Restore(w.ctx, w.agency, second.ID)
	if fe, ok := fault.As(err); !ok || fe.Key != "errors.sponsor.restoreDuplicate" {
		t.Fatalf("restore clash: %v", err)
	}
}

func TestStatusMoves(t *testing.T) {
	cases := []struct {
		path   []string // statuses to pass through from dang_ky
		to     string
		reason string
		want   string // "" ok, else error key
	}{
		{nil, sponsor.StatusDangThucHien, "", ""},
		{nil, sponsor.StatusHuy, "Đơn vị sáp nhập", ""},
		{nil, sponsor.StatusHuy, "  ", "errors.invalid"},
		{nil, sponsor.StatusHoanThanh, "", "errors.sponsor.statusMove"},
		{nil, sponsor.StatusDangKy, "", "errors.sponsor.statusMove"},
		{nil, "xong", "", "errors.invalid"},
		{[]string{sponsor.StatusDangThucHien}, sponsor.StatusHoanThanh, "", ""},
		{[]string{sponsor.StatusDangThucHien}, sponsor.StatusHuy, "Hết kinh phí", ""},
		{[]string{sponsor.StatusDangThucHien}, sponsor.StatusDangKy, "", "errors.sponsor.statusMove"},
		{[]string{sponsor.StatusDangThucHien, sponsor.StatusHoanThanh}, sponsor.StatusHuy, "muộn", "errors.sponsor.statusMove"},
		{[]string{sponsor.StatusDangThucHien, sponsor.StatusHoanThanh}, sponsor.StatusDangThucHien, "", "errors.sponsor.statusMove"},
		{[]string{sponsor.StatusHuy}, sponsor.StatusDangThucHien, "", "errors.sponsor.statusMove"},
	}
	w := newWorld(t)
	for i, c := range cases {
		place := []string{"Xã Thường", "Xã Khó", "Bản Khó 1", "Bản Khó 2", "Thôn Thường 1"}[i%5]
		unit := []string{"VP", "KHTC", "CC"}[i/5]
		r := w.save(w.reg(unit, place))
		for _, s := range c.path {
			var err error
			r, err = w.svc.SetStatus(w.ctx, w.agency, r.ID, r.Version, s, "lý do")
			must(t, err)
		}
		got, err := w.svc.SetStatus(w.ctx, w.agency, r.ID, r.Version, c.to, c.reason)
		key := ""
		if fe, ok := fault.As(err); ok {
			key = fe.Key
		} else if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		if key != c.want {
			t.Fatalf("case %d %v → %s: %q, want %q", i, c.path, c.to, key, c.want)
		}
		if c.want == "" && (got.Status != c.to || got.Version != r.Version+1 || (c.to == sponsor.StatusHuy) != (got.CancelReason != "")) {
			t.Fatalf("case %d: %+v", i, got)
		}
	}
	r := w.save(w.reg("TT", "Xã Thường"))
	if _, err := w.svc.SetStatus(w.ctx, w.agency, r.ID, r.Version+5, sponsor.StatusDangThucHien, ""); !errors.Is(err, fault.ErrStale) {
		t.Fatalf("stale status: %v", err)
	}
}

func TestActivitiesAndParticipants(t *testing.T) {
	w := newWorld(t)
	r := w.save(w.reg("VP", "Xã Thường"))
	deletedStaff := w.staff["Trần Thị Bình"]
	cases := []struct {
		name  string
		edit  func(a *sponsor.ActivityInput)
		field string
		key   string
	}{
		{"no date", func(a *sponsor.ActivityInput) { a.Date = "" }, "date", "validation.required"},
		{"bad date", func(a *sponsor.ActivityInput) { a.Date = "2024-13-01" }, "date", "validation.date"},
		{"future", func(a *sponsor.ActivityInput) { a.Date = "2025-06-16" }, "date", "validation.dateFuture"},
		{"no kind", func(a *sponsor.ActivityInput) { a.Kind = "" }, "kind", "validation.required"},
		{"bad kind", func(a *sponsor.ActivityInput) { a.Kind = "an_uong" }, "kind", "validation.oneOf"},
		{"negative amount", func(a *sponsor.ActivityInput) { a.AmountVND = -1 }, "amountVND", "validation.range"},
		{"negative days", func(a *sponsor.ActivityInput) { a.Workdays = -1 }, "workdays", "validation.range"},
		{"long result", func(a *sponsor.ActivityInput) { a.Result = strings.Repeat("x", 5001) }, "result", "validation.tooLong"},
		{"long description", func(a *sponsor.ActivityInput) { a.Description = strings.Repeat("x", 5001) }, "description", "validation.tooLong"},
		{"unknown registration", func(a *sponsor.ActivityInput) { a.RegistrationID = store.NewID() }, "registrationId", "validation.sponsor.registrationMissing"},
		{"stranger", func(a *sponsor.ActivityInput) { a.ParticipantIDs = []string{w.otherStf} }, "participantIds", "validation.sponsor.participantMissing"},
		{"deleted staff", func(a *sponsor.ActivityInput) { a.ParticipantIDs = []string{deletedStaff} }, "participantIds", "validation.sponsor.participantMissing"},
	}
	must(t, org.NewService(w.db.DB).DeleteStaff(w.ctx, w.agency, deletedStaff))
	for _, c := range cases {
		in := sponsor.ActivityInput{Activity: sponsor.Activity{RegistrationID: r.ID, Date: "2025-06-15", Kind: "khao_sat"}}
		c.edit(&in)
		_, err := w.svc.SaveActivity(w.ctx, w.agency, in)
		if got := fieldKeys(t, err)[c.field]; got != c.key {
			t.Fatalf("%s: %s = %q, want %q (%v)", c.name, c.field, got, c.key, err)
		}
	}
	if n := w.count("sponsor_activities") + w.count("sponsor_activity_participants"); n != 0 {
		t.Fatalf("refused saves wrote %d rows", n)
	}
	a := w.act(r.ID, "2024-03-01", "ho_tro_kinh_phi", 12_500_000, 1.5, "Nguyễn Văn An", "Lê Văn Cường", "Nguyễn Văn An")
	if len(a.Participants) != 2 || a.Version != 1 {
		t.Fatalf("participants %+v", a.Participants)
	}
	// Saving again replaces the participants, in one go.
	in := sponsor.ActivityInput{Activity: a.Activity, ParticipantIDs: []string{w.staff["Lê Văn Cường"]}}
	in.Result = "Hoàn thành"
	in.RegistrationID = store.NewID() // an activity stays under its registration
	b, err := w.svc.SaveActivity(w.ctx, w.agency, in)
	must(t, err)
	if len(b.Participants) != 1 || b.Participants[0].FullName != "Lê Văn Cường" || b.Version != 2 || b.RegistrationID != r.ID {
		t.Fatalf("after update %+v", b)
	}
	// A stale save changes nothing, participants included.
	in = sponsor.ActivityInput{Activity: a.Activity, ParticipantIDs: []string{w.staff["Nguyễn Văn An"]}}
	if _, err := w.svc.SaveActivity(w.ctx, w.agency, in); !errors.Is(err, fault.ErrStale) {
		t.Fatalf("stale activity: %v", err)
	}
	d, err := w.svc.Get(w.ctx, w.agency, r.ID)
	must(t, err)
	if len(d.Activities) != 1 || len(d.Activities[0].Participants) != 1 || d.Activities[0].Participants[0].ID != w.staff["Lê Văn Cường"] {
		t.Fatalf("detail after stale save %+v", d.Activities)
	}
	// Another agency cannot touch it.
	if err := w.svc.DeleteActivity(w.ctx, w.otherAg, a.ID); !errors.Is(err, fault.ErrNotFound) {
		t.Fatalf("other agency delete activity: %v", err)
	}
	must(t, w.svc.DeleteActivity(w.ctx, w.agency, a.ID))
	// The deleted activity is listed under "Đã xóa", with its participants,
	// and nowhere else; another agency sees nothing.
	gone, err := w.svc.DeletedActivities(w.ctx, w.agency, r.ID)
	must(t, err)
	if len(gone) != 1 || gone[0].ID != a.ID || len(gone[0].Participants) != 1 {
		t.Fatalf("deleted activities %+v", gone)
	}
	if d, _ := w.svc.Get(w.ctx, w.agency, r.ID); len(d.Activities) != 0 {
		t.Fatalf("a deleted activity is still listed: %+v", d.Activities)
	}
	if _, err := w.svc.DeletedActivities(w.ctx, w.otherAg, r.ID); !errors.Is(err, fault.ErrNotFound) {
		t.Fatalf("other agency deleted activities: %v", err)
	}
	must(t, w.svc.RestoreActivity(w.ctx, w.agency, a.ID))
	gone, err = w.svc.DeletedActivities(w.ctx, w.agency, r.ID)
	must(t, err)
	if len(gone) != 0 {
		t.Fatalf("restored activity still under Đã xóa: %+v", gone)
	}
}

func TestDeleteRegistrationTakesActivitiesAndRestoresThem(t *testing.T) {
	w := newWorld(t)
	r := w.save(w.reg("VP", "Xã Thường"))
	early := w.act(r.ID, "2023-01-10", "khao_sat", 0, 1)
	a2 := w.act(r.ID, "2023-05-10", "tuyen_truyen", 0, 0.5)
	a3 := w.act(r.ID, "2024-05-10", "ho_tro_kinh_phi", 5_000_000, 0)
	must(t, w.svc.DeleteActivity(w.ctx, w.agency, early.ID))
	must(t, w.svc.Delete(w.ctx, w.agency, r.ID))
	if _, err := w.svc.Get(w.ctx, w.agency, r.ID); !errors.Is(err, fault.ErrNotFound) {
		t.Fatalf("deleted registration still readable: %v", err)
	}
	if err := w.svc.RestoreActivity(w.ctx, w.agency, a2.ID); err == nil {
		t.Fatal("an activity of a deleted registration was restored alone")
	}
	page, err := w.svc.List(w.ctx, w.agency, sponsor.Query{ListQuery: store.ListQuery{Deleted: true}})
	must(t, err)
	if page.Total != 1 || page.Items[0].ID != r.ID {
		t.Fatalf("deleted list %+v", page)
	}
	must(t, w.svc.Restore(w.ctx, w.agency, r.ID))
	d, err := w.svc.Get(w.ctx, w.agency, r.ID)
	must(t, err)
	got := map[string]bool{}
	for _, a := range d.Activities {
		got[a.ID] = true
	}
	if len(got) != 2 || !got[a2.ID] || !got[a3.ID] {
		t.Fatalf("restored activities %v (the one deleted before must stay deleted)", got)
	}
	// Nothing was lost: the early one is still there, deleted.
	var n int64
	must(t, w.db.Unscoped().Model(&sponsor.Activity{}).Where("id = ? AND deleted_at IS NOT NULL", early.ID).Count(&n).Error)
	if n != 1 {
		t.Fatal("the activity deleted earlier vanished or came back")
	}
}

func TestListSearchFiltersAndTotals(t *testing.T) {
	w := newWorld(t)
	r1 := w.save(w.reg("VP", "Bản Khó 1"))
	r2 := w.save(w.reg("CC", "Xã Khó"))
	r3 := w.save(w.reg("KHTC", "Xã Thường"))
	w.act(r1.ID, "2023-01-10", "ho_tro_kinh_phi", 10_000_000, 0)
	w.act(r1.ID, "2023-02-10", "ngay_cong", 0, 2.5)
	w.act(r1.ID, "2023-03-10", "ngay_cong", 0, 1)
	gone := w.act(r1.ID, "2023-04-10", "ho_tro_kinh_phi", 99_000_000, 0)
	must(t, w.svc.DeleteActivity(w.ctx, w.agency, gone.ID))
	_, err := w.svc.SetStatus(w.ctx, w.agency, r3.ID, r3.Version, sponsor.StatusHuy, "lý do")
	must(t, err)

	list := func(q sponsor.Query) map[string]sponsor.Row {
		t.Helper()
		page, err := w.svc.List(w.ctx, w.agency, q)
		must(t, err)
		m := map[string]sponsor.Row{}
		for _, r := range page.Items {
			m[r.ID] = r
		}
		if int(page.Total) != len(m) {
			t.Fatalf("total %d, items %d", page.Total, len(m))
		}
		return m
	}
	all := list(sponsor.Query{})
	if len(all) != 3 {
		t.Fatalf("%d rows", len(all))
	}
	row := all[r1.ID]
	if row.ActivityCount != 3 || row.AmountVND != 10_000_000 || row.Workdays != 3.5 || row.UnitName != "Văn phòng Sở" ||
		row.LocalityName != "Bản Khó 1" || row.LocalityKind != "ban" || row.LocalityPath != "Bản Khó 1, Xã Khó, Huyện Minh Hóa" || !row.Active {
		t.Fatalf("row %+v", row)
	}
	if all[r3.ID].Active || all[r2.ID].ActivityCount != 0 {
		t.Fatal("active flag or empty totals")
	}
	for _, c := range []struct {
		q    sponsor.Query
		want []string
	}{
		{sponsor.Query{ListQuery: store.ListQuery{Search: "van phong"}}, []string{r1.ID}},
		{sponsor.Query{ListQuery: store.ListQuery{Search: "XA KHO"}}, []string{r1.ID, r2.ID}[1:]},
		{sponsor.Query{ListQuery: store.ListQuery{Search: "ban kho"}}, []string{r1.ID}},
		{sponsor.Query{ListQuery: store.ListQuery{Search: "100%"}}, nil},
		{sponsor.Query{LocalityID: w.places["Xã Khó"]}, []string{r1.ID, r2.ID}},
		{sponsor.Query{UnitID: w.units["CC"]}, []string{r2.ID}},
		{sponsor.Query{Status: "active"}, []string{r1.ID, r2.ID}},
		{sponsor.Query{Status: sponsor.StatusHuy}, []string{r3.ID}},
		{sponsor.Query{CampaignID: w.camp}, []string{r1.ID, r2.ID, r3.ID}},
	} {
		got := list(c.q)
		if len(got) != len(c.want) {
			t.Fatalf("%+v: %d rows, want %d", c.q, len(got), len(c.want))
		}
		for _, id := range c.want {
			if _, ok := got[id]; !ok {
				t.Fatalf("%+v: %s missing", c.q, id)
			}
		}
	}
	for _, sort := range []string{"unitName", "localityName", "fromDate", "status", "amountVND", "activityCount", "bogus"} {
		for _, desc := range []bool{false, true} {
			page, err := w.svc.List(w.ctx, w.agency, sponsor.Query{ListQuery: store.ListQuery{SortBy: sort, Desc: desc, PageSize: 2}})
			must(t, err)
			if page.Total != 3 || len(page.Items) != 2 {
				t.Fatalf("sort %s: %+v", sort, page)
			}
		}
	}
	page, err := w.svc.List(w.ctx, w.agency, sponsor.Query{ListQuery: store.ListQuery{SortBy: "amountVND", Desc: true}})
	must(t, err)
	if page.Items[0].ID != r1.ID {
		t.Fatal("sort by amount")
	}
}

func TestCompliance(t *testing.T) {
	cases := []struct {
		name    string
		place   string
		status  []string
		toDate  string
		complys bool
	}{
		{"commune", "Xã Thường", nil, "", true},
		{"special commune", "Xã Khó", nil, "", true},
		{"village of special commune", "Bản Khó 1", nil, "", true},
		{"village of ordinary commune", "Thôn Thường 1", nil, "", false},
		{"running", "Xã Thường", []string{sponsor.StatusDangThucHien}, "", true},
		{"ends today", "Xã Thường", nil, "2025-06-15", true},
		{"expired", "Xã Thường", []string{sponsor.StatusDangThucHien}, "2025-06-14", false},
		{"finished", "Xã Thường", []string{sponsor.StatusDangThucHien, sponsor.StatusHoanThanh}, "", false},
		{"cancelled", "Xã Thường", []string{sponsor.StatusHuy}, "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := newWorld(t)
			r := w.reg("VP", c.place)
			r.ToDate = c.toDate
			r = w.save(r)
			for _, s := range c.status {
				var err error
				r, err = w.svc.SetStatus(w.ctx, w.agency, r.ID, r.Version, s, "lý do")
				must(t, err)
			}
			comp, err := w.svc.Compliance(w.ctx, w.agency, fixedToday)
			must(t, err)
			var vp *sponsor.ComplianceRow
			for i := range comp.Units {
				if comp.Units[i].UnitID == w.units["VP"] {
					vp = &comp.Units[i]
				}
			}
			if vp == nil || !vp.Required || vp.Complies != c.complys {
				t.Fatalf("VP row %+v", vp)
			}
			want := 0
			if c.complys {
				want = 1
			}
			if comp.Required != 4 || comp.Complying != want {
				t.Fatalf("required %d complying %d", comp.Required, comp.Complying)
			}
		})
	}
	// Units the plan does not oblige are listed but not counted.
	w := newWorld(t)
	w.save(w.reg("CD", "Xã Thường"))
	w.save(w.reg("LD", "Xã Khó"))
	comp, err := w.svc.Compliance(w.ctx, w.agency, fixedToday)
	must(t, err)
	if comp.Required != 4 || comp.Complying != 0 || len(comp.Units) != 6 {
		t.Fatalf("%+v", comp)
	}
	for i, u := range comp.Units {
		if u.UnitKind == org.KindDoanThe && (u.Required || !u.Complies || u.ActiveRegistrations != 1 || u.Localities[0] != "Xã Thường, Huyện Minh Hóa") {
			t.Fatalf("mass organisation row %+v", u)
		}
		if i < 4 && !u.Required {
			t.Fatal("required units are not listed first")
		}
	}
	// A place dissolved by a merger (its validity ended before the day) does
	// not count, nor does a village of such a commune.
	for _, place := range []string{"Xã Khó", "Bản Khó 1"} {
		wm := newWorld(t)
		must(t, wm.db.Table("localities").Where("id = ?", wm.places["Xã Khó"]).Update("valid_to", "2025-06-01").Error)
		wm.save(wm.reg("VP", place))
		comp, err := wm.svc.Compliance(wm.ctx, wm.agency, fixedToday)
		must(t, err)
		if comp.Complying != 0 {
			t.Fatalf("registration for %s of a dissolved commune counted: %+v", place, comp)
		}
		for _, u := range comp.Units {
			if u.UnitID == wm.units["VP"] && (len(u.Ended) != 1 || u.Ended[0] != u.Localities[0]) {
				t.Fatalf("the dissolved place is not named as ended: %+v", u)
			}
		}
	}
	// A deleted registration or a deleted place does not count.
	w2 := newWorld(t)
	r := w2.save(w2.reg("VP", "Xã Thường"))
	must(t, w2.svc.Delete(w2.ctx, w2.agency, r.ID))
	w2.save(w2.reg("KHTC", "Xã Khó"))
	must(t, w2.db.Exec("UPDATE localities SET deleted_at = CURRENT_TIMESTAMP WHERE id = ?", w2.places["Xã Khó"]).Error)
	comp, err = w2.svc.Compliance(w2.ctx, w2.agency, fixedToday)
	must(t, err)
	if comp.Complying != 0 {
		t.Fatalf("deleted rows counted: %+v", comp)
	}
}

func TestLocalitySupport(t *testing.T) {
	w := newWorld(t)
	r1 := w.save(w.reg("VP", "Xã Khó"))
	r2 := w.save(w.reg("VP", "Bản Khó 1"))
	r3 := w.save(w.reg("CC", "Bản Khó 2"))
	w.save(w.reg("KHTC", "Xã Thường"))
	w.act(r1.ID, "2023-01-10", "ho_tro_kinh_phi", 1_000_000, 0)
	w.act(r2.ID, "2024-02-10", "ngay_cong", 0, 2.5)
	w.act(r3.ID, "2022-12-01", "khao_sat", 0, 1)
	_, err := w.svc.SetStatus(w.ctx, w.agency, r2.ID, r2.Version, sponsor.StatusDangThucHien, "")
	must(t, err)
	ls, err := w.svc.LocalitySupport(w.ctx, w.agency, w.places["Xã Khó"])
	must(t, err)
	if ls.Name != "Xã Khó" || ls.Path != "Xã Khó, Huyện Minh Hóa" || len(ls.Units) != 2 {
		t.Fatalf("%+v", ls)
	}
	vp := ls.Units[0]
	if vp.UnitID != w.units["VP"] {
		vp = ls.Units[1]
	}
	if vp.Registrations != 2 || vp.Activities != 2 || vp.AmountVND != 1_000_000 || vp.Workdays != 2.5 || vp.LastActivity != "2024-02-10" ||
		strings.Join(vp.Statuses, ",") != "dang_ky,dang_thuc_hien" {
		t.Fatalf("VP support %+v", vp)
	}
	// A village shows only itself; the district shows everything under it.
	ls, err = w.svc.LocalitySupport(w.ctx, w.agency, w.places["Bản Khó 2"])
	must(t, err)
	if len(ls.Units) != 1 || ls.Units[0].UnitID != w.units["CC"] {
		t.Fatalf("village %+v", ls)
	}
	ls, err = w.svc.LocalitySupport(w.ctx, w.agency, w.places["Huyện Minh Hóa"])
	must(t, err)
	if len(ls.Units) != 3 {
		t.Fatalf("district %+v", ls)
	}
	if _, err := w.svc.LocalitySupport(w.ctx, w.otherAg, w.places["Xã Khó"]); !errors.Is(err, fault.ErrNotFound) {
		t.Fatalf("other agency: %v", err)
	}
}

// FuzzValidateRegistration: whatever the form sends, Save does not panic,
// and a refused save writes nothing.
func FuzzValidateRegistration(f *testing.F) {
	f.Add("2022-07-01", "", "Hỗ trợ", 1, int64(1000), 2.5, "dang_ky", 0)
	f.Add("2022-07-01", "2022-06-01", "", -1, int64(-1), -0.5, "huy", 1)
	f.Add("x", "2100-12-31", "Ho\u0302\u0303", 0, int64(0), 0.05, "", 2)
	f.Add("2024-02-29", "2024-02-29", strings.Repeat("á", 5001), 10001, int64(1)<<62, math.Inf(1), "dang_thuc_hien", 3)
	// One database for the whole run: a fresh one per input is too slow to fuzz.
	w := newWorld(f)
	f.Fuzz(func(t *testing.T, from, to, content string, visits int, funds int64, days float64, status string, placeIdx int) {
		placeNames := []string{"Xã Thường", "Bản Khó 1", "Huyện Minh Hóa", "nowhere"}
		if placeIdx < 0 {
			placeIdx = -placeIdx
		}
		r := w.reg("VP", placeNames[placeIdx%len(placeNames)])
		r.FromDate, r.ToDate, r.Content, r.CommitVisits, r.CommitFunds, r.CommitWorkdays, r.Status = from, to, content, visits, funds, days, status
		count := func() int64 {
			var n int64
			if err := w.db.Table("sponsor_registrations").Count(&n).Error; err != nil {
				t.Fatal(err)
			}
			return n
		}
		before := count()
		_, err := w.svc.Save(w.ctx, w.agency, r)
		after := count()
		if err != nil {
			if _, ok := fault.As(err); !ok {
				t.Fatalf("not a domain error: %v", err)
			}
			if after != before {
				t.Fatal("a refused save wrote a row")
			}
		} else if after != before+1 {
			t.Fatal("an accepted save did not write one row")
		}
	})
}
