package sampletest

import (
	"context"
	"testing"

	"gorm.io/gorm"

	"chungsuc/internal/award"
	"chungsuc/internal/campaign"
	"chungsuc/internal/org"
	"chungsuc/internal/store"
)

// Ballot describes the voted batch VotedProposal adds: the unit proposed
// (its first staff member by name is the person), the batch's year and name,
// the council's size (all present) and the ballots each nominee received.
type Ballot struct {
	Unit    string
	Year    int
	Name    string
	Members int
	For     int
}

// VotedProposal adds to the sample database at dsn a proposal batch of the
// active campaign, already voted (đã xét), with one unit and one person
// proposed for a Giấy khen, and returns its id.
func VotedProposal(t testing.TB, dsn string, b Ballot) string {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, dsn, store.Options{BackupDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	a, err := org.NewService(db.DB).CurrentAgency(ctx)
	if err != nil {
		t.Fatal(err)
	}
	c, err := campaign.NewService(db.DB).Active(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	var id string
	err = db.Transaction(func(tx *gorm.DB) error {
		if err := award.Seed(tx, a.ID); err != nil {
			return err
		}
		var u org.Unit
		if err := tx.Where("agency_id = ? AND name = ?", a.ID, b.Unit).Take(&u).Error; err != nil {
			return err
		}
		var p org.Staff
		if err := tx.Where("unit_id = ?", u.ID).Order("full_name").Limit(1).Take(&p).Error; err != nil {
			return err
		}
		pr := award.Proposal{AgencyID: a.ID, CampaignID: c.ID, Stage: award.StageTongKet, Year: b.Year, Name: b.Name,
			Status: award.StatusReviewed, SubmitTo: "Giám đốc Sở", Threshold: 50, ThresholdBase: award.ThresholdTotal,
			MeetingDate: "2025-12-15", MembersTotal: b.Members, MembersPresent: b.Members, ChairName: "Nguyễn Huệ", SecretaryName: "Lê Văn Thư"}
		if err := tx.Create(&pr).Error; err != nil {
			return err
		}
		for i, n := range []award.Nominee{
			{SubjectKind: award.SubjectUnit, UnitID: &u.ID, FormCode: award.FormGiayKhen, ReportForm: award.ReportUnit},
			{SubjectKind: award.SubjectStaff, StaffID: &p.ID, FormCode: award.FormGiayKhen, ReportForm: award.ReportStaff},
		} {
			n.ProposalID, n.SortOrder, n.Voted, n.BallotsFor = pr.ID, i, true, b.For
			if err := tx.Create(&n).Error; err != nil {
				return err
			}
		}
		id = pr.ID
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}
