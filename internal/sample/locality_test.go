package sample_test

import (
	"context"
	"strings"
	"testing"

	"chungsuc/internal/locality"
	"chungsuc/internal/org"
	"chungsuc/internal/sample"
	"chungsuc/internal/sample/sampletest"
	"chungsuc/internal/store"
)

func TestSampleLocalities(t *testing.T) {
	ctx := context.Background()
	db := sampletest.Open(t)
	a, err := org.NewService(db.DB).CurrentAgency(ctx)
	if err != nil {
		t.Fatal(err)
	}
	svc := locality.NewService(db.DB)
	count := func(q locality.Query) int {
		t.Helper()
		q.PageSize = 1
		p, err := svc.List(ctx, a.ID, q)
		if err != nil {
			t.Fatal(err)
		}
		return int(p.Total)
	}
	for level, want := range map[int]int{1: 2, 2: 8} {
		if got := count(locality.Query{Level: level}); got != want {
			t.Errorf("level %d: %d, want %d", level, got, want)
		}
	}
	// The 2021–2025 scope: xã under the eight districts.
	var xa []locality.Row
	for _, d := range mustChildren(t, svc, a.ID, "") {
		if d.Name != "Tỉnh Quảng Bình" {
			continue
		}
		if d.Code != "44" || d.ValidTo != "2025-06-30" || !d.Sample || d.ChildCount != 8 {
			t.Errorf("province %+v", d)
		}
		for _, dist := range mustChildren(t, svc, a.ID, d.ID) {
			if dist.ValidTo != "2025-06-30" || dist.Level != 2 {
				t.Errorf("district %+v", dist)
			}
			for _, c := range mustChildren(t, svc, a.ID, dist.ID) {
				if c.Kind == locality.KindXa {
					xa = append(xa, c)
				}
			}
		}
	}
	if len(xa) != 129 {
		t.Fatalf("%d xã in scope, want 129", len(xa))
	}
	levels := map[string]int{}
	sd := 0
	for _, c := range xa {
		levels[c.CurrentLevel]++
		if c.CurrentYear != 2025 || !c.Sample || c.Note != sample.SampleNote || !strings.HasPrefix(c.Name, "Xã Mẫu ") {
			t.Errorf("commune %+v", c)
		}
		if c.SpecialDifficulty {
			sd++
			if c.ChildCount != 3 {
				t.Errorf("%s has %d villages", c.Name, c.ChildCount)
			}
		}
	}
	want := map[string]int{"chua_dat": 15, "dat_chuan": 80, "nang_cao": 26, "kieu_mau": 8}
	for k, n := range want {
		if levels[k] != n {
			t.Errorf("%s: %d, want %d (all %v)", k, levels[k], n, levels)
		}
	}
	// At least 87% of the xã are NTM, as the plan's target needs.
	if ntm := 129 - levels["chua_dat"]; ntm*100 < 87*129 {
		t.Errorf("only %d NTM communes", ntm)
	}
	if sd < 20 || count(locality.Query{Level: 3, Flag: "border"}) == 0 || count(locality.Query{Level: 3, Flag: "coastalLowland"}) == 0 {
		t.Errorf("flags: %d special-difficulty", sd)
	}
	villages := count(locality.Query{Level: 4})
	if villages < 60 || villages != 3*sd {
		t.Errorf("%d villages for %d special-difficulty communes", villages, sd)
	}
	if n := count(locality.Query{Level: 4, NTMLevel: "thon_dat_chuan"}); n < 30 || n >= villages {
		t.Errorf("%d villages recognised", n)
	}
	// Every status row is marked as sample.
	var unmarked int64
	if err := db.Model(&locality.NTMStatus{}).Where("decision_number <> '' AND decision_number NOT LIKE ?", "%(mẫu)").
		Count(&unmarked).Error; err != nil || unmarked != 0 {
		t.Errorf("%d unmarked decisions (%v)", unmarked, err)
	}

	// The post-1/7/2025 level and its lineage, both ways.
	p, err := svc.List(ctx, a.ID, locality.Query{ListQuery: store.ListQuery{Search: "Mau Minh Hoa"}, Level: 3})
	if err != nil || len(p.Items) != 1 {
		t.Fatalf("merged commune: %+v %v", p, err)
	}
	d, err := svc.Get(ctx, a.ID, p.Items[0].ID)
	if err != nil || len(d.Predecessors) < 2 || len(d.Predecessors) > 4 || len(d.Path) != 1 || d.Path[0].Name != "Tỉnh Quảng Trị" ||
		d.ValidFrom != "2025-07-01" || d.CommuneGroup == 0 {
		t.Fatalf("merged detail %+v %v", d, err)
	}
	if !strings.Contains(d.Predecessors[0].Resolution, "(mẫu)") || d.Predecessors[0].EffectiveDate != "2025-07-01" {
		t.Errorf("lineage %+v", d.Predecessors[0])
	}
	old, err := svc.Get(ctx, a.ID, d.Predecessors[0].LocalityID)
	if err != nil || len(old.Successors) != 1 || old.Successors[0].LocalityID != d.ID || old.ValidTo != "2025-06-30" {
		t.Fatalf("predecessor %+v %v", old, err)
	}
	if old.Kind == locality.KindXa && len(old.Statuses) != 5 {
		t.Errorf("predecessor keeps its history: %d statuses", len(old.Statuses))
	}
	var lineages int64
	if err := db.Model(&locality.Lineage{}).Count(&lineages).Error; err != nil || lineages < 12 {
		t.Errorf("%d lineage rows", lineages)
	}
}

func mustChildren(t *testing.T, svc *locality.Service, agencyID, parent string) []locality.Row {
	t.Helper()
	rows, err := svc.Children(context.Background(), agencyID, parent)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}
