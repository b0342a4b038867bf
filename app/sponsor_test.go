package app_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"chungsuc/app"
	"chungsuc/internal/sheet"
	"chungsuc/internal/sponsor"
	"chungsuc/internal/store"
)

// place is a localities row written beside the app (internal/locality is
// another facade's business).
type place struct {
	store.Base
	AgencyID          string
	ParentID          *string
	Name              string
	Kind              string
	Level             int
	SpecialDifficulty bool
}

func (place) TableName() string { return "localities" }

func TestSponsorFacadeRoundTrip(t *testing.T) {
	f := withSample(t)
	sp := app.NewSponsors(f.core)
	ag, err := f.org.GetAgency()
	if err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(context.Background(), f.dsn, store.Options{NoMigrate: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	commune := place{AgencyID: ag.ID, Name: "Xã Thử Nghiệm", Kind: "xa", Level: 3, SpecialDifficulty: true}
	if err := db.Create(&commune).Error; err != nil {
		t.Fatal(err)
	}
	village := place{AgencyID: ag.ID, ParentID: &commune.ID, Name: "Bản Thử", Kind: "ban", Level: 4}
	if err := db.Create(&village).Error; err != nil {
		t.Fatal(err)
	}
	units, err := f.org.AllUnits()
	if err != nil {
		t.Fatal(err)
	}
	var unitID string
	for _, u := range units {
		if u.Name == "Phòng Biển, đảo và Khí tượng thủy văn" {
			unitID = u.ID
		}
	}
	before, err := sp.Compliance()
	if err != nil {
		t.Fatal(err)
	}

	_, err = sp.Save(sponsor.Registration{UnitID: unitID, LocalityID: commune.ID, FromDate: "2022-13-01"})
	ue := uiError(t, err, "errors.invalid")
	if len(ue.Fields) != 1 || ue.Fields[0].Field != "fromDate" {
		t.Fatalf("fields %+v", ue.Fields)
	}
	r, err := sp.Save(sponsor.Registration{UnitID: unitID, LocalityID: village.ID, FromDate: "2024-01-15", Content: "Hỗ trợ bản"})
	if err != nil {
		t.Fatal(err)
	}
	r, err = sp.SetStatus(r.ID, r.Version, sponsor.StatusDangThucHien, "")
	if err != nil {
		t.Fatal(err)
	}
	_, err = sp.SetStatus(r.ID, r.Version, sponsor.StatusDangKy, "")
	uiError(t, err, "errors.sponsor.statusMove")

	act, err := sp.SaveActivity(sponsor.ActivityInput{Activity: sponsor.Activity{RegistrationID: r.ID, Date: "2024-03-01", Kind: "ho_tro_kinh_phi", AmountVND: 7_500_000}})
	if err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(t.TempDir(), "bien-ban.txt")
	if err := os.WriteFile(src, []byte("Biên bản bàn giao"), 0o644); err != nil {
		t.Fatal(err)
	}
	att, err := sp.AddAttachment(act.ID, src)
	if err != nil {
		t.Fatal(err)
	}
	p, err := sp.AttachmentPath(att.ID)
	if err != nil || !strings.HasPrefix(p, f.dataDir) {
		t.Fatalf("stored at %s (%v), data folder %s", p, err, f.dataDir)
	}
	if err := os.WriteFile(p, []byte("sửa"), 0o644); err != nil {
		t.Fatal(err)
	}
	uiError(t, sp.OpenAttachment(att.ID), "errors.sponsor.attachmentDamaged")
	_, err = sp.AddAttachment(act.ID, filepath.Join(t.TempDir(), "khong-co.pdf"))
	uiError(t, err, "errors.sponsor.attachmentMissing")

	d, err := sp.Get(r.ID)
	if err != nil || len(d.Activities) != 1 || len(d.Activities[0].Attachments) != 1 || d.LocalityPath != "Bản Thử, Xã Thử Nghiệm" {
		t.Fatalf("detail %+v %v", d, err)
	}
	after, err := sp.Compliance()
	if err != nil {
		t.Fatal(err)
	}
	if after.Complying != before.Complying+1 || after.Required != before.Required {
		t.Fatalf("compliance before %d/%d, after %d/%d", before.Complying, before.Required, after.Complying, after.Required)
	}
	ls, err := sp.LocalitySupport(commune.ID)
	if err != nil || len(ls.Units) != 1 || ls.Units[0].AmountVND != 7_500_000 {
		t.Fatalf("support %+v %v", ls, err)
	}
	page, err := sp.List(sponsor.Query{LocalityID: commune.ID})
	if err != nil || page.Total != 1 || page.Items[0].AmountVND != 7_500_000 {
		t.Fatalf("list %+v %v", page, err)
	}

	out := filepath.Join(t.TempDir(), "xuat.xlsx")
	if err := sp.ExportTo(out); err != nil {
		t.Fatal(err)
	}
	wb, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := wb.GetRows(sheet.SheetRegistrations)
	wb.Close()
	found := false
	for _, row := range rows {
		found = found || (len(row) > 2 && row[2] == "Bản Thử, Xã Thử Nghiệm")
	}
	if !found {
		t.Fatalf("the registration is not in the workbook: %q", rows)
	}
	// Export through the (scripted) save dialog; a name without extension gets .xlsx.
	answer := filepath.Join(t.TempDir(), "answer")
	t.Setenv(app.DialogAnswerEnv, answer)
	target := filepath.Join(t.TempDir(), "qua-hop-thoai")
	if err := os.WriteFile(answer, []byte(target), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := sp.Export()
	if err != nil || got != target+".xlsx" {
		t.Fatalf("export %q %v", got, err)
	}
	if _, err := os.Stat(got); err != nil {
		t.Fatal(err)
	}
	// No answer written: the user cancelled.
	if got, err := sp.Export(); err != nil || got != "" {
		t.Fatalf("cancelled export %q %v", got, err)
	}
	if got, err := sp.PickAttachment(); err != nil || got != "" {
		t.Fatalf("cancelled pick %q %v", got, err)
	}
	if name := app.ExportName(time.Date(2025, 1, 5, 0, 0, 0, 0, time.UTC)); name != "dang-ky-ho-tro-20250105.xlsx" {
		t.Fatal(name)
	}

	if err := sp.Delete(r.ID); err != nil {
		t.Fatal(err)
	}
	_, err = sp.Get(r.ID)
	ue = uiError(t, err, "errors.notFound")
	if ue.Params["entity"] != "registration" {
		t.Fatalf("params %v", ue.Params)
	}
	if err := sp.Restore(r.ID); err != nil {
		t.Fatal(err)
	}
	if d, err := sp.Get(r.ID); err != nil || len(d.Activities) != 1 {
		t.Fatalf("restored %+v %v", d, err)
	}
	if err := sp.DeleteActivity(act.ID); err != nil {
		t.Fatal(err)
	}
	if err := sp.RestoreActivity(act.ID); err != nil {
		t.Fatal(err)
	}
	if err := sp.DeleteAttachment(att.ID); err != nil {
		t.Fatal(err)
	}
}
