package sample_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"chungsuc/internal/campaign"
	"chungsuc/internal/emulation"
	"chungsuc/internal/org"
	"chungsuc/internal/sample"
	"chungsuc/internal/sample/sampletest"
)

func TestEmulationSample(t *testing.T) {
	ctx := context.Background()
	db := sampletest.Open(t)
	a, err := org.NewService(db.DB).CurrentAgency(ctx)
	if err != nil {
		t.Fatal(err)
	}
	c, err := campaign.NewService(db.DB).Active(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	svc := emulation.NewService(db.DB)
	crits, err := svc.Criteria(ctx, a.ID, c.ID, "")
	if err != nil || len(crits) != 6 {
		t.Fatalf("criteria %d %v", len(crits), err)
	}
	grades, err := svc.Grades(ctx, a.ID, c.ID)
	if err != nil || len(grades) != 4 {
		t.Fatalf("grades %d %v", len(grades), err)
	}

	summary := func(target string) string {
		st, err := svc.Standings(ctx, a.ID, c.ID, sample.EmulationYear, target)
		if err != nil {
			t.Fatal(err)
		}
		var parts []string
		for _, s := range st {
			parts = append(parts, fmt.Sprintf("%d:%g:%s:%s", s.Rank, s.Total, s.GradeName, s.Status))
		}
		return strings.Join(parts, " ")
	}
	// Units: five reviewed (two level at 77, sharing rank 4), two submitted, one draft.
	want := "1:94:Xuất sắc:da_duyet 2:91:Xuất sắc:da_duyet 3:85:Tốt:da_duyet 4:77:Tốt:da_duyet 4:77:Tốt:da_duyet " +
		"0:92::da_nop 0:63::tu_cham 0:60::da_nop"
	if got := summary(emulation.TargetUnit); got != want {
		t.Errorf("unit standings\n got %s\nwant %s", got, want)
	}
	want = "1:93:Xuất sắc:da_duyet 2:92:Xuất sắc:da_duyet 3:86:Tốt:da_duyet 4:75:Tốt:da_duyet 0:65::da_nop 0:58::tu_cham"
	if got := summary(emulation.TargetStaff); got != want {
		t.Errorf("staff standings\n got %s\nwant %s", got, want)
	}

	// Every changed score carries its reason; the dates are fixed.
	l, err := svc.Sheets(ctx, a.ID, c.ID, sample.EmulationYear, emulation.TargetUnit)
	if err != nil {
		t.Fatal(err)
	}
	changed := 0
	for _, r := range l.Rows {
		if r.SheetID == "" {
			continue
		}
		d, err := svc.GetSheet(ctx, a.ID, r.SheetID)
		if err != nil {
			t.Fatal(err)
		}
		if d.Status == emulation.StatusReviewed && (d.ReviewedAt == nil || d.ReviewedAt.Format("2006-01-02") != "2025-12-18") {
			t.Errorf("%s reviewed at %v", d.SubjectName, d.ReviewedAt)
		}
		for _, it := range d.Items {
			if it.ReviewScore != nil && *it.ReviewScore != it.SelfScore {
				changed++
				if !strings.Contains(it.ReviewReason, "dữ liệu mẫu") {
					t.Errorf("%s %s: reason %q", d.SubjectName, it.Criterion.Code, it.ReviewReason)
				}
			}
		}
		// The sample's first unit supports a commune: its facts say so.
		if r.Name == "Văn phòng Sở" {
			var reg *emulation.Fact
			for i, f := range d.Facts {
				if f.Key == "ho_tro.dang_ky" {
					reg = &d.Facts[i]
				}
			}
			if reg == nil || reg.Count == 0 {
				t.Errorf("Văn phòng Sở registrations fact %+v", reg)
			}
		}
	}
	if changed != 3 {
		t.Errorf("%d changed unit scores, want 3", changed)
	}
}
