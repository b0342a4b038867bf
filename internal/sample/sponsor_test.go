package sample

import (
	"context"
	"fmt"
	"testing"
	"time"

	"gorm.io/gorm"

	"chungsuc/internal/campaign"
	"chungsuc/internal/org"
	"chungsuc/internal/sponsor"
	"chungsuc/internal/store"
	"chungsuc/internal/store/storetest"
)

// testPlace writes localities rows without internal/locality.
type testPlace struct {
	store.Base
	AgencyID          string
	ParentID          *string
	Name              string
	Kind              string
	Level             int
	SpecialDifficulty bool
	SortKey           string
}

func (testPlace) TableName() string { return "localities" }

// ownLocalities writes a district with 20 communes, every fourth one of
// special difficulty with three villages, plus an out-of-scope ward.
func ownLocalities(t *testing.T, tx *gorm.DB, agencyID string) {
	t.Helper()
	d := testPlace{AgencyID: agencyID, Name: "Huyện Mẫu", Kind: "huyen", Level: 2}
	if err := tx.Create(&d).Error; err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 20; i++ {
		c := testPlace{AgencyID: agencyID, ParentID: &d.ID, Name: fmt.Sprintf("Xã Mẫu %02d", i), Kind: "xa", Level: 3, SpecialDifficulty: i%4 == 0}
		c.SortKey = c.Name
		if err := tx.Create(&c).Error; err != nil {
			t.Fatal(err)
		}
		for j := 0; c.SpecialDifficulty && j < 3; j++ {
			v := testPlace{AgencyID: agencyID, ParentID: &c.ID, Name: fmt.Sprintf("Bản %d", j+1), Kind: "ban", Level: 4}
			if err := tx.Create(&v).Error; err != nil {
				t.Fatal(err)
			}
		}
	}
	w := testPlace{AgencyID: agencyID, ParentID: &d.ID, Name: "Phường Ngoài", Kind: "phuong", Level: 3}
	if err := tx.Create(&w).Error; err != nil {
		t.Fatal(err)
	}
}

func TestSponsorshipsSample(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	a, err := Load(ctx, db, false)
	if err != nil {
		t.Fatal(err)
	}
	// The locality sample may or may not be there; give this test its own
	// places and build the sponsorships afresh on them.
	var c campaign.Campaign
	if err := db.Where("agency_id = ? AND active = ?", a.ID, true).Take(&c).Error; err != nil {
		t.Fatal(err)
	}
	err = db.Transaction(func(tx *gorm.DB) error {
		for _, tbl := range []string{"assessment_events", "assessment_values", "assessment_criteria", "assessments", "sponsor_activity_participants", "sponsor_activities", "sponsor_registrations", "locality_lineages", "locality_ntm_statuses", "localities"} {
			if err := tx.Exec("DELETE FROM " + tbl).Error; err != nil {
				return err
			}
		}
		ownLocalities(t, tx, a.ID)
		start := time.Now()
		err := loadSponsorships(tx, a.ID, c.ID)
		t.Logf("sponsorships loaded in %v", time.Since(start))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	svc := sponsor.NewService(db.DB)
	comp, err := svc.Compliance(ctx, a.ID, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	none := 0
	for _, u := range comp.Units {
		if u.Required && u.ActiveRegistrations == 0 {
			none++
		}
	}
	if comp.Required < 10 || comp.Required-comp.Complying < 2 || comp.Required-comp.Complying > 3 || none < 2 || none > 3 {
		t.Fatalf("compliance %d/%d, %d required units without a registration", comp.Complying, comp.Required, none)
	}
	page, err := svc.List(ctx, a.ID, sponsor.Query{ListQuery: store.ListQuery{PageSize: 500}})
	if err != nil {
		t.Fatal(err)
	}
	statuses, villages := map[string]int{}, 0
	for _, r := range page.Items {
		statuses[r.Status]++
		if r.LocalityKind == "ban" {
			villages++
		}
		if r.FromDate < "2022-01-01" || r.FromDate > "2025-12-31" || r.LocalityKind == "phuong" {
			t.Errorf("registration %+v", r.Registration)
		}
		if r.Status == sponsor.StatusHuy && r.CancelReason == "" {
			t.Error("cancelled without a reason")
		}
	}
	if len(statuses) != 4 || villages < 2 {
		t.Fatalf("statuses %v, %d for villages", statuses, villages)
	}
	var acts []sponsor.Activity
	if err := db.Find(&acts).Error; err != nil {
		t.Fatal(err)
	}
	var amount int64
	var days float64
	for _, x := range acts {
		if x.Date < "2022-01-01" || x.Date > "2025-12-31" {
			t.Errorf("activity dated %s", x.Date)
		}
		amount += x.AmountVND
		days += x.Workdays
	}
	var parts int64
	db.Model(&sponsor.Participant{}).Count(&parts)
	if len(acts) < 20 || amount == 0 || days == 0 || parts == 0 {
		t.Fatalf("%d activities, %d đồng, %v workdays, %d participants", len(acts), amount, days, parts)
	}
	// Every sample row passes the service's own rules.
	for _, r := range page.Items {
		reg := r.Registration
		if _, err := svc.Save(ctx, a.ID, reg); err != nil {
			t.Fatalf("sample registration refused by the service: %v", err)
		}
	}
}

func TestSponsorshipsWithoutLocalities(t *testing.T) {
	db := storetest.Open(t)
	err := db.Transaction(func(tx *gorm.DB) error {
		ag := Agency()
		ag.Abbrev = "KHAC"
		if err := org.CreateAgencyTx(tx, &ag); err != nil {
			return err
		}
		if err := loadUnitsAndStaff(tx, ag.ID); err != nil {
			return err
		}
		return loadSponsorships(tx, ag.ID, store.NewID())
	})
	if err != nil {
		t.Fatal(err)
	}
	var n int64
	db.Model(&sponsor.Registration{}).Count(&n)
	if n != 0 {
		t.Fatalf("%d registrations without localities", n)
	}
}
