package sponsor_test

import (
	"context"
	"testing"
	"time"

	"chungsuc/internal/campaign"
	"chungsuc/internal/org"
	"chungsuc/internal/sponsor"
	"chungsuc/internal/store"
	"chungsuc/internal/store/storetest"
)

// testLocality writes rows of the localities table without importing
// internal/locality (built in parallel).
type testLocality struct {
	store.Base
	AgencyID          string
	ParentID          *string
	Name              string
	Kind              string
	Level             int
	SpecialDifficulty bool
	SearchKey         string
	SortKey           string
}

func (testLocality) TableName() string { return "localities" }

// world is a small agency: units of each kind, staff, an active campaign,
// a district with an ordinary and a special-difficulty commune and villages.
type world struct {
	t        testing.TB
	ctx      context.Context
	db       *store.DB
	svc      *sponsor.Service
	agency   string
	camp     string
	units    map[string]string // short name → id
	staff    map[string]string // name → id
	places   map[string]string // name → id
	otherAg  string
	otherStf string
}

var fixedToday = time.Date(2025, 6, 15, 0, 0, 0, 0, time.UTC)

func newWorld(t testing.TB) *world {
	t.Helper()
	old := sponsor.Today
	sponsor.Today = func() time.Time { return fixedToday }
	t.Cleanup(func() { sponsor.Today = old })
	ctx := context.Background()
	db := storetest.Open(t)
	w := &world{t: t, ctx: ctx, db: db, svc: sponsor.NewService(db.DB),
		units: map[string]string{}, staff: map[string]string{}, places: map[string]string{}}
	osvc := org.NewService(db.DB)
	a, err := osvc.SaveAgency(ctx, org.Agency{Name: "SỞ THỬ NGHIỆM", Abbrev: "STN", PlaceName: "Quảng Bình"})
	must(t, err)
	w.agency = a.ID
	for _, u := range []struct{ short, name, kind string }{
		{"VP", "Văn phòng Sở", org.KindPhong},
		{"KHTC", "Phòng Kế hoạch - Tài chính", org.KindPhong},
		{"CC", "Chi cục Bảo vệ môi trường", org.KindDonViThuoc},
		{"TT", "Trung tâm Quan trắc", org.KindDonViTrucThuoc},
		{"CD", "Công đoàn Sở", org.KindDoanThe},
		{"LD", "Lãnh đạo Sở", org.KindLanhDao},
	} {
		saved, err := osvc.SaveUnit(ctx, a.ID, org.Unit{Name: u.name, ShortName: u.short, Kind: u.kind, Active: true})
		must(t, err)
		w.units[u.short] = saved.ID
	}
	for _, p := range []struct{ name, unit string }{{"Nguyễn Văn An", "VP"}, {"Trần Thị Bình", "VP"}, {"Lê Văn Cường", "CC"}} {
		u := w.units[p.unit]
		saved, err := osvc.SaveStaff(ctx, a.ID, org.Staff{FullName: p.name, UnitID: &u, Active: true})
		must(t, err)
		w.staff[p.name] = saved.ID
	}
	c, err := campaign.NewService(db.DB).Save(ctx, a.ID, campaign.Campaign{Name: "Chung sức xây dựng nông thôn mới", FromYear: 2021, ToYear: 2025, Active: true})
	must(t, err)
	w.camp = c.ID

	w.place("Tỉnh Mẫu", "tinh", 1, "", false)
	w.place("Huyện Minh Hóa", "huyen", 2, "Tỉnh Mẫu", false)
	w.place("Xã Thường", "xa", 3, "Huyện Minh Hóa", false)
	w.place("Xã Khó", "xa", 3, "Huyện Minh Hóa", true)
	w.place("Thôn Thường 1", "thon", 4, "Xã Thường", false)
	w.place("Bản Khó 1", "ban", 4, "Xã Khó", false)
	w.place("Bản Khó 2", "ban", 4, "Xã Khó", false)

	// Another agency, whose rows must stay out of reach.
	b, err := osvc.SaveAgency(ctx, org.Agency{Name: "SỞ KHÁC", Abbrev: "SK", PlaceName: "Huế"})
	if err == nil {
		w.otherAg = b.ID
	} else {
		// SaveAgency may refuse a second agency: write it directly.
		other := org.Agency{Name: "SỞ KHÁC", Abbrev: "SK", PlaceName: "Huế"}
		must(t, db.Create(&other).Error)
		w.otherAg = other.ID
	}
	p := org.Staff{AgencyID: w.otherAg, FullName: "Người Sở Khác", Active: true}
	must(t, db.Create(&p).Error)
	w.otherStf = p.ID
	return w
}

func (w *world) place(name, kind string, level int, parent string, special bool) string {
	w.t.Helper()
	l := testLocality{AgencyID: w.agency, Name: name, Kind: kind, Level: level, SpecialDifficulty: special,
		SearchKey: store.SearchKey(name), SortKey: store.SearchKey(name)}
	if parent != "" {
		id := w.places[parent]
		l.ParentID = &id
	}
	must(w.t, w.db.Create(&l).Error)
	w.places[name] = l.ID
	return l.ID
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// reg returns a valid new registration of unit for place.
func (w *world) reg(unit, place string) sponsor.Registration {
	return sponsor.Registration{UnitID: w.units[unit], LocalityID: w.places[place], FromDate: "2022-07-01",
		Content: "Hỗ trợ tiêu chí môi trường", CommitVisits: 4, CommitFunds: 10_000_000, CommitWorkdays: 2.5}
}

func (w *world) save(r sponsor.Registration) sponsor.Registration {
	w.t.Helper()
	saved, err := w.svc.Save(w.ctx, w.agency, r)
	must(w.t, err)
	return saved
}

func (w *world) act(regID, date, kind string, amount int64, days float64, staff ...string) sponsor.ActivityDetail {
	w.t.Helper()
	in := sponsor.ActivityInput{Activity: sponsor.Activity{RegistrationID: regID, Date: date, Kind: kind, AmountVND: amount, Workdays: days}}
	for _, s := range staff {
		in.ParticipantIDs = append(in.ParticipantIDs, w.staff[s])
	}
	d, err := w.svc.SaveActivity(w.ctx, w.agency, in)
	must(w.t, err)
	return d
}

func (w *world) count(table string) int64 {
	w.t.Helper()
	var n int64
	must(w.t, w.db.Table(table).Count(&n).Error)
	return n
}
