package org_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"chungsuc/internal/fault"
	"chungsuc/internal/org"
	"chungsuc/internal/store"
	"chungsuc/internal/store/storetest"
)

func setup(t *testing.T) (*org.Service, org.Agency) {
	t.Helper()
	db := storetest.Open(t)
	svc := org.NewService(db.DB)
	a, err := svc.SaveAgency(context.Background(), org.Agency{
		Name: "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", ParentBody: "UBND TỈNH QUẢNG TRỊ",
		Abbrev: "SNNMT", PlaceName: "Quảng Trị",
	})
	if err != nil {
		t.Fatalf("save agency: %v", err)
	}
	return svc, a
}

// fieldKey returns the key of the first error on field, or "".
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

func TestAgencyValidation(t *testing.T) {
	svc, a := setup(t)
	ctx := context.Background()
	cases := []struct {
		name  string
		edit  func(*org.Agency)
		field string
		key   string
	}{
		{"empty name", func(a *org.Agency) { a.Name = "   " }, "name", "validation.required"},
		{"long name", func(a *org.Agency) { a.Name = strings.Repeat("Đ", 201) }, "name", "validation.tooLong"},
		{"abbrev with slash", func(a *org.Agency) { a.Abbrev = "KH/ST" }, "abbrev", "validation.abbrev"},
		{"bad email", func(a *org.Agency) { a.Email = "so@" }, "email", "validation.email"},
		{"no place", func(a *org.Agency) { a.PlaceName = "" }, "placeName", "validation.required"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := a
			c.edit(&b)
			_, err := svc.SaveAgency(ctx, b)
			if got := fieldKey(err, c.field); got != c.key {
				t.Fatalf("field %s: got %q (err %v), want %q", c.field, got, err, c.key)
			}
			cur, err := svc.CurrentAgency(ctx)
			if err != nil || cur.Name != a.Name || cur.Version != a.Version {
				t.Fatalf("a refused save changed the row: %+v %v", cur, err)
			}
		})
	}
}

func TestAgencyStaleVersion(t *testing.T) {
	svc, a := setup(t)
	ctx := context.Background()
	first := a
	first.Phone = "0232 3822 111"
	if _, err := svc.SaveAgency(ctx, first); err != nil {
		t.Fatal(err)
	}
	stale := a
	stale.Phone = "0232 0000 000"
	_, err := svc.SaveAgency(ctx, stale)
	if !errors.Is(err, fault.ErrStale) {
		t.Fatalf("stale save: got %v, want ErrStale", err)
	}
	cur, _ := svc.CurrentAgency(ctx)
	if cur.Phone != "0232 3822 111" || cur.Version != 2 {
		t.Fatalf("row after stale save: phone %q version %d", cur.Phone, cur.Version)
	}
}

func TestUnitTreeRules(t *testing.T) {
	svc, a := setup(t)
	ctx := context.Background()
	party, err := svc.SaveUnit(ctx, a.ID, org.Unit{Name: "Đảng bộ Sở", Kind: org.KindDang, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	cell, err := svc.SaveUnit(ctx, a.ID, org.Unit{Name: "Chi bộ Văn phòng", Kind: org.KindDang, ParentID: &party.ID, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	// Same name, other case and spacing, same parent: refused.
	_, err = svc.SaveUnit(ctx, a.ID, org.Unit{Name: "chi bộ  văn phòng", Kind: org.KindDang, ParentID: &party.ID})
	if fieldKey(err, "name") != "validation.unit.nameTaken" {
		t.Fatalf("duplicate sibling: %v", err)
	}
	// Same name under another parent: allowed.
	if _, err := svc.SaveUnit(ctx, a.ID, org.Unit{Name: "Chi bộ Văn phòng", Kind: org.KindDang}); err != nil {
		t.Fatalf("same name elsewhere: %v", err)
	}
	// A unit cannot move under its own child.
	party.ParentID = &cell.ID
	if _, err := svc.SaveUnit(ctx, a.ID, party); fieldKey(err, "parentId") != "validation.unit.parentCycle" {
		t.Fatalf("cycle: %v", err)
	}
	// Deleting a parent with children is refused; the child can go, then the parent.
	if err := svc.DeleteUnit(ctx, a.ID, party.ID); !errors.Is(err, fault.ErrConflict) {
		t.Fatalf("delete non-empty: %v", err)
	}
	if err := svc.DeleteUnit(ctx, a.ID, cell.ID); err != nil {
		t.Fatal(err)
	}
	if err := svc.DeleteUnit(ctx, a.ID, party.ID); err != nil {
		t.Fatal(err)
	}
	// The child cannot come back before its parent.
	if err := svc.RestoreUnit(ctx, a.ID, cell.ID); !errors.Is(err, fault.ErrConflict) {
		t.Fatalf("restore orphan: %v", err)
	}
	deleted, err := svc.ListUnits(ctx, a.ID, org.UnitQuery{ListQuery: store.ListQuery{Deleted: true}})
	if err != nil || deleted.Total != 2 {
		t.Fatalf("deleted view: %d %v", deleted.Total, err)
	}
	if err := svc.RestoreUnit(ctx, a.ID, party.ID); err != nil {
		t.Fatal(err)
	}
	if err := svc.RestoreUnit(ctx, a.ID, cell.ID); err != nil {
		t.Fatal(err)
	}
	live, _ := svc.ListUnits(ctx, a.ID, org.UnitQuery{})
	if live.Total != 3 {
		t.Fatalf("live units after restore: %d", live.Total)
	}
}

func TestStaffSearchIgnoresDiacriticsAndNFD(t *testing.T) {
	svc, a := setup(t)
	ctx := context.Background()
	u, err := svc.SaveUnit(ctx, a.ID, org.Unit{Name: "Phòng Quản lý đất đai", Kind: org.KindPhong, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{norm.NFD.String("Nguyễn Văn Đức"), "Trần Thị Bình", "Lê Đình An"} {
		if _, err := svc.SaveStaff(ctx, a.ID, org.Staff{FullName: name, UnitID: &u.ID, BirthYear: 1980, Active: true}); err != nil {
			t.Fatalf("save %s: %v", name, err)
		}
	}
	for q, want := range map[string]int{"nguyen van d": 1, "NGUYỄN": 1, "dinh": 1, "binh": 1, "thi": 1, "van": 1, "xyz": 0, "%": 0, "_": 0} {
		page, err := svc.ListStaff(ctx, a.ID, org.StaffQuery{ListQuery: store.ListQuery{Search: q}})
		if err != nil {
			t.Fatal(err)
		}
		if int(page.Total) != want {
			t.Errorf("search %q: %d results, want %d", q, page.Total, want)
		}
	}
	page, _ := svc.ListStaff(ctx, a.ID, org.StaffQuery{ListQuery: store.ListQuery{Search: "duc"}})
	if len(page.Items) != 1 || !norm.NFC.IsNormalString(page.Items[0].FullName) || page.Items[0].FullName != "Nguyễn Văn Đức" {
		t.Fatalf("stored name not NFC: %+v", page.Items)
	}
	// Sorted by given name: An, Bình, Đức.
	all, _ := svc.ListStaff(ctx, a.ID, org.StaffQuery{ListQuery: store.ListQuery{SortBy: "fullName"}})
	var got []string
	for _, p := range all.Items {
		got = append(got, p.FullName)
	}
	if len(got) != 3 || got[0] != "Lê Đình An" || got[1] != "Trần Thị Bình" || got[2] != "Nguyễn Văn Đức" {
		t.Fatalf("order: %v", got)
	}
}

func TestStaffValidationAndDuplicates(t *testing.T) {
	svc, a := setup(t)
	ctx := context.Background()
	cases := []struct {
		p     org.Staff
		field string
		key   string
	}{
		{org.Staff{FullName: ""}, "fullName", "validation.required"},
		{org.Staff{FullName: "Nguyễn Văn 2"}, "fullName", "validation.staff.nameChars"},
		{org.Staff{FullName: "Nguyễn An", BirthDate: "1990-02-30"}, "birthDate", "validation.date"},
		{org.Staff{FullName: "Nguyễn An", BirthDate: "2999-01-01"}, "birthDate", "validation.date"},
		{org.Staff{FullName: "Nguyễn An", BirthYear: 2020}, "birthYear", "validation.range"},
		{org.Staff{FullName: "Nguyễn An", Email: "an@"}, "email", "validation.email"},
		{org.Staff{FullName: "Nguyễn An", Category: "chuyen_gia"}, "category", "validation.oneOf"},
		{org.Staff{FullName: "Nguyễn An", UnitID: ptr("0190c6a0-0000-7000-8000-000000000000")}, "unitId", "validation.staff.unitMissing"},
	}
	for _, c := range cases {
		_, err := svc.SaveStaff(ctx, a.ID, c.p)
		if got := fieldKey(err, c.field); got != c.key {
			t.Errorf("%+v: %s = %q (%v), want %q", c.p, c.field, got, err, c.key)
		}
	}
	if _, err := svc.SaveStaff(ctx, a.ID, org.Staff{FullName: "Hồ Thị Lan", BirthDate: "1985-03-04"}); err != nil {
		t.Fatal(err)
	}
	_, err := svc.SaveStaff(ctx, a.ID, org.Staff{FullName: "hồ thị  lan", BirthYear: 1985})
	if fieldKey(err, "fullName") != "validation.staff.duplicate" {
		t.Fatalf("duplicate: %v", err)
	}
	page, _ := svc.ListStaff(ctx, a.ID, org.StaffQuery{})
	if page.Total != 1 {
		t.Fatalf("refused saves wrote rows: %d", page.Total)
	}
}

func ptr(s string) *string { return &s }

func TestOtherAgencysRowsCannotBeEdited(t *testing.T) {
	svc, a := setup(t)
	ctx := context.Background()
	b, err := svc.SaveAgency(ctx, org.Agency{Name: "SỞ KHÁC", Abbrev: "SK", PlaceName: "Huế"})
	if err != nil {
		t.Fatal(err)
	}
	u, err := svc.SaveUnit(ctx, b.ID, org.Unit{Name: "Văn phòng Sở", Kind: org.KindPhong, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	p, err := svc.SaveStaff(ctx, b.ID, org.Staff{FullName: "Võ Thị Hạnh", UnitID: &u.ID})
	if err != nil {
		t.Fatal(err)
	}
	hu, hp := u, p
	hu.Name, hp.FullName, hp.UnitID = "Đổi tên từ cơ quan khác", "Đổi Tên", nil
	if _, err := svc.SaveUnit(ctx, a.ID, hu); !errors.Is(err, fault.ErrNotFound) {
		t.Fatalf("unit save across agencies: %v", err)
	}
	if _, err := svc.SaveStaff(ctx, a.ID, hp); !errors.Is(err, fault.ErrNotFound) {
		t.Fatalf("staff save across agencies: %v", err)
	}
	gu, err := svc.GetUnit(ctx, b.ID, u.ID)
	if err != nil || gu.Name != u.Name || gu.Version != u.Version {
		t.Fatalf("unit changed: %+v %v", gu, err)
	}
	page, _ := svc.ListStaff(ctx, b.ID, org.StaffQuery{})
	if len(page.Items) != 1 || page.Items[0].FullName != p.FullName || page.Items[0].Version != p.Version {
		t.Fatalf("staff changed: %+v", page.Items)
	}
}
