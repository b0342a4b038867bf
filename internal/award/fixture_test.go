package award_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"chungsuc/internal/award"
	"chungsuc/internal/campaign"
	"chungsuc/internal/fault"
	"chungsuc/internal/org"
	"chungsuc/internal/store"
	"chungsuc/internal/store/storetest"
)

var ctx = context.Background()

// fixedToday is the reference date of every test.
var fixedToday = time.Date(2026, 1, 20, 9, 0, 0, 0, time.UTC)

// world is a small agency: units, staff of each category, a five-year
// campaign and a three-year one, and the seeded catalogue.
type world struct {
	t       testing.TB
	db      *store.DB
	svc     *award.Service
	agency  string
	camp    string // 2021–2025
	short   string // 2023–2025
	units   map[string]string
	staff   map[string]string
	otherAg string
}

func newWorld(t testing.TB) *world {
	t.Helper()
	old := award.Today
	award.Today = func() time.Time { return fixedToday }
	t.Cleanup(func() { award.Today = old })
	db := storetest.Open(t)
	w := &world{t: t, db: db, svc: award.NewService(db.DB), units: map[string]string{}, staff: map[string]string{}}
	osvc := org.NewService(db.DB)
	a, err := osvc.SaveAgency(ctx, org.Agency{Name: "SỞ THỬ NGHIỆM", Abbrev: "STN", PlaceName: "Quảng Bình"})
	must(t, err)
	w.agency = a.ID
	for _, u := range []struct{ short, name, kind string }{
		{"VP", "Văn phòng Sở", org.KindPhong},
		{"KHTC", "Phòng Kế hoạch - Tài chính", org.KindPhong},
		{"CC", "Chi cục Bảo vệ môi trường", org.KindDonViThuoc},
		{"TT", "Trung tâm Quan trắc", org.KindDonViTrucThuoc},
	} {
		saved, err := osvc.SaveUnit(ctx, a.ID, org.Unit{Name: u.name, ShortName: u.short, Kind: u.kind, Active: true})
		must(t, err)
		w.units[u.short] = saved.ID
	}
	for _, p := range []struct{ name, unit, cat string }{
		{"Nguyễn Văn An", "VP", org.CategoryCongChuc},
		{"Trần Thị Bình", "VP", org.CategoryNguoiLaoDong},
		{"Lê Văn Cường", "CC", org.CategoryVienChuc},
		{"Phạm Thị Dung", "TT", ""},
		{"Hoàng Văn Em", "KHTC", org.CategoryCongChuc},
	} {
		u := w.units[p.unit]
		saved, err := osvc.SaveStaff(ctx, a.ID, org.Staff{FullName: p.name, UnitID: &u, Category: p.cat, Gender: "nam", BirthYear: 1980, Active: true})
		must(t, err)
		w.staff[p.name] = saved.ID
	}
	csvc := campaign.NewService(db.DB)
	c, err := csvc.Save(ctx, a.ID, campaign.Campaign{Name: "Chung sức xây dựng nông thôn mới", FromYear: 2021, ToYear: 2025, Active: true})
	must(t, err)
	w.camp = c.ID
	c2, err := csvc.Save(ctx, a.ID, campaign.Campaign{Name: "Phong trào ngắn", FromYear: 2023, ToYear: 2025})
	must(t, err)
	w.short = c2.ID
	must(t, award.Seed(db.DB, a.ID))
	other := org.Agency{Name: "SỞ KHÁC", Abbrev: "SK", PlaceName: "Huế"}
	must(t, db.Create(&other).Error)
	w.otherAg = other.ID
	return w
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func ptr(s string) *string { return &s }

func (w *world) unit(short string) *string { return ptr(w.units[short]) }
func (w *world) person(name string) *string {
	id, ok := w.staff[name]
	if !ok {
		w.t.Fatalf("no staff %s", name)
	}
	return &id
}

// proposal creates a draft batch of the campaign at a stage and year.
func (w *world) proposal(camp, stage string, year int) award.Proposal {
	w.t.Helper()
	p, err := w.svc.SaveProposal(ctx, w.agency, award.Proposal{CampaignID: camp, Stage: stage, Year: year,
		Name: "Đề nghị khen thưởng thử nghiệm"})
	must(w.t, err)
	return p
}

// nominate adds a unit (short name) or a person (full name) for a form.
func (w *world) nominate(p award.Proposal, who, form string) award.Nominee {
	w.t.Helper()
	n := award.Nominee{ProposalID: p.ID, FormCode: form}
	if id, ok := w.units[who]; ok {
		n.SubjectKind, n.UnitID = award.SubjectUnit, &id
	} else {
		n.SubjectKind, n.StaffID = award.SubjectStaff, w.person(who)
	}
	saved, err := w.svc.SaveNominee(ctx, w.agency, n)
	must(w.t, err)
	return saved
}

func (w *world) get(id string) award.ProposalDetail {
	w.t.Helper()
	d, err := w.svc.GetProposal(ctx, w.agency, id)
	must(w.t, err)
	return d
}

// vote records a meeting of 9 members, 8 present, with the given ballots
// per nominee id.
func (w *world) vote(p award.Proposal, ballots map[string]int) award.Proposal {
	w.t.Helper()
	d := w.get(p.ID)
	in := award.VoteInput{ProposalID: p.ID, Version: d.Version, MeetingDate: "2025-12-10", MembersTotal: 9, MembersPresent: 8,
		ChairName: "Nguyễn Huệ", SecretaryName: "Trần Văn Mẫu"}
	for id, b := range ballots {
		in.Ballots = append(in.Ballots, award.Ballot{NomineeID: id, BallotsFor: b})
	}
	out, err := w.svc.RecordVote(ctx, w.agency, in)
	must(w.t, err)
	return out
}

func (w *world) move(p award.Proposal, to string, extra ...string) (award.Proposal, error) {
	w.t.Helper()
	d := w.get(p.ID)
	in := award.MoveInput{ProposalID: p.ID, Version: d.Version, To: to}
	if len(extra) > 0 {
		in.Reason = extra[0]
	}
	if to == award.StatusDecided {
		in.DecisionNumber, in.DecisionDate, in.DecisionIssuer = "123/QĐ-UBND", "2026-01-05", "Chủ tịch UBND tỉnh"
	}
	return w.svc.Move(ctx, w.agency, in)
}

func (w *world) mustMove(p award.Proposal, to string, extra ...string) award.Proposal {
	w.t.Helper()
	out, err := w.move(p, to, extra...)
	must(w.t, err)
	return out
}

// record writes a history record by hand.
func (w *world) record(who string, year int, form string, thematic bool) award.Record {
	w.t.Helper()
	r := award.Record{Year: year, FormCode: form, Thematic: thematic, DecisionNumber: "1/QĐ", DecisionDate: ""}
	if id, ok := w.units[who]; ok {
		r.SubjectKind, r.UnitID = award.SubjectUnit, &id
	} else {
		r.SubjectKind, r.StaffID = award.SubjectStaff, w.person(who)
	}
	saved, err := w.svc.SaveRecord(ctx, w.agency, r)
	must(w.t, err)
	return saved
}

func (w *world) count(table string) int64 {
	w.t.Helper()
	var n int64
	must(w.t, w.db.Table(table).Where("deleted_at IS NULL").Count(&n).Error)
	return n
}

// keyOf returns the message key of a domain error ("" for nil).
func keyOf(err error) string {
	if err == nil {
		return ""
	}
	if fe, ok := fault.As(err); ok {
		return fe.Key
	}
	return "not a fault: " + err.Error()
}

// fieldKeys maps each field of a validation error to its first key.
func fieldKeys(t testing.TB, err error) map[string]string {
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
