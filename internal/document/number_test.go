package document_test

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"testing"

	"chungsuc/internal/document"
	"chungsuc/internal/store/storetest"
)

func TestReservations(t *testing.T) {
	ctx := context.Background()
	fixedToday(t, "2025-05-01")
	_, svc, aid, councilID, _ := bareAgency(t)
	r1, err := svc.Reserve(ctx, aid, document.ReserveRequest{TypeCode: "ke_hoach", Note: "Kế hoạch hội nghị"})
	if err != nil || r1.Number != 1 || r1.Year != 2025 || r1.Status != document.ReservationHeld || r1.NumberText != "01/KH-SYT" {
		t.Fatalf("reserve %+v %v", r1, err)
	}
	r2, err := svc.Reserve(ctx, aid, document.ReserveRequest{TypeCode: "ke_hoach"})
	if err != nil || r2.Number != 2 {
		t.Fatalf("second reservation %+v %v", r2, err)
	}
	rc, err := svc.Reserve(ctx, aid, document.ReserveRequest{TypeCode: "ke_hoach", IssuerKey: councilID, Year: 2024})
	if err != nil || rc.NumberText != "01/KH-HĐTĐKT" || rc.Year != 2024 {
		t.Fatalf("council reservation %+v %v", rc, err)
	}
	_, err = svc.Reserve(ctx, aid, document.ReserveRequest{TypeCode: "khong_co"})
	wantKey(t, err, "errors.document.unknownType")

	// An issue without a reservation takes the next free number.
	d, _ := svc.Save(ctx, aid, simpleDraft("ke_hoach", "", "Không dùng số giữ trước"))
	d, err = svc.Issue(ctx, aid, document.IssueRequest{ID: d.ID, Date: "2025-05-02"})
	if err != nil || d.Number != 3 {
		t.Fatalf("issue %d %v", d.Number, err)
	}
	// A reservation of another issuer, series or year does not fit.
	e, _ := svc.Save(ctx, aid, simpleDraft("ke_hoach", "", "Dùng số giữ trước"))
	_, err = svc.Issue(ctx, aid, document.IssueRequest{ID: e.ID, Date: "2025-05-02", ReservationID: rc.ID})
	wantKey(t, err, "errors.document.reservationMismatch")
	tb, _ := svc.Save(ctx, aid, simpleDraft("thong_bao", "", "Thông báo"))
	_, err = svc.Issue(ctx, aid, document.IssueRequest{ID: tb.ID, Date: "2025-05-02", ReservationID: r1.ID})
	wantKey(t, err, "errors.document.reservationMismatch")
	e, err = svc.Issue(ctx, aid, document.IssueRequest{ID: e.ID, Date: "2025-05-02", ReservationID: r1.ID})
	if err != nil || e.Number != 1 || e.NumberText != "01/KH-SYT" {
		t.Fatalf("issue with reservation %+v %v", e.NumberText, err)
	}
	f, _ := svc.Save(ctx, aid, simpleDraft("ke_hoach", "", "Dùng lại số đã dùng"))
	_, err = svc.Issue(ctx, aid, document.IssueRequest{ID: f.ID, Date: "2025-05-02", ReservationID: r1.ID})
	wantKey(t, err, "errors.document.reservationNotHeld")

	// A released number is never given out again.
	_, err = svc.CancelReservation(ctx, aid, r2.ID, "")
	wantKey(t, err, "errors.invalid")
	c2, err := svc.CancelReservation(ctx, aid, r2.ID, "Không ban hành nữa")
	if err != nil || c2.Status != document.ReservationCancelled || c2.Reason != "Không ban hành nữa" {
		t.Fatalf("cancel %+v %v", c2, err)
	}
	_, err = svc.Issue(ctx, aid, document.IssueRequest{ID: f.ID, Date: "2025-05-02", ReservationID: r2.ID})
	wantKey(t, err, "errors.document.reservationNotHeld")
	if f, err = svc.Issue(ctx, aid, document.IssueRequest{ID: f.ID, Date: "2025-05-02"}); err != nil || f.Number != 4 {
		t.Fatalf("after a release the next is 4: %d %v", f.Number, err)
	}

	list, err := svc.Reservations(ctx, aid, "ke_hoach", 2025)
	if err != nil || len(list) != 4 {
		t.Fatalf("register %+v %v", list, err)
	}
	got := []string{}
	for _, r := range list {
		got = append(got, fmt.Sprintf("%s %s", r.NumberText, r.Status))
	}
	want := []string{"04/KH-SYT da_dung", "03/KH-SYT da_dung", "02/KH-SYT huy", "01/KH-SYT da_dung"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("register %v, want %v", got, want)
	}
	all, _ := svc.Reservations(ctx, aid, "", 0)
	if len(all) != 5 {
		t.Fatalf("whole register %d rows", len(all))
	}
}

// Types may share a series: a Thông báo and a Kế hoạch then count together.
func TestSharedSeries(t *testing.T) {
	ctx := context.Background()
	_, svc, aid, _, _ := bareAgency(t)
	types, _ := svc.Types(ctx, aid)
	for _, ty := range types {
		if ty.Code == "thong_bao" {
			ty.Series = "ke_hoach"
			if _, err := svc.SaveType(ctx, aid, ty); err != nil {
				t.Fatal(err)
			}
		}
	}
	var got []string
	for i, code := range []string{"ke_hoach", "thong_bao", "ke_hoach"} {
		d, _ := svc.Save(ctx, aid, simpleDraft(code, "", "Văn bản"))
		d, err := svc.Issue(ctx, aid, document.IssueRequest{ID: d.ID, Date: fmt.Sprintf("2025-06-0%d", i+1)})
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, d.NumberText)
	}
	if fmt.Sprint(got) != "[01/KH-SYT 02/TB-SYT 03/KH-SYT]" {
		t.Fatalf("shared series %v", got)
	}
}

// Many issues and reservations at once, over two issuers and two types:
// every series gets distinct, consecutive numbers from 1, with no gap.
func TestConcurrentNumbers(t *testing.T) {
	ctx := context.Background()
	fixedToday(t, "2025-07-01")
	db, svc, aid, councilID, _ := bareAgency(t)
	t.Logf("engine: %s", storetest.Describe())
	issuers := []string{document.IssuerAgency, councilID}
	types := []string{"ke_hoach", "to_trinh"}
	const perCombo = 10
	type job struct {
		id, reservation string
	}
	var jobs []job
	for _, is := range issuers {
		for _, ty := range types {
			r, err := svc.Reserve(ctx, aid, document.ReserveRequest{TypeCode: ty, IssuerKey: is})
			if err != nil {
				t.Fatal(err)
			}
			for k := 0; k < perCombo; k++ {
				d, err := svc.Save(ctx, aid, simpleDraft(ty, is, fmt.Sprintf("Văn bản %s %d", ty, k)))
				if err != nil {
					t.Fatal(err)
				}
				j := job{id: d.ID}
				if k == 0 {
					j.reservation = r.ID
				}
				jobs = append(jobs, j)
			}
		}
	}
	var wg sync.WaitGroup
	errs := make(chan error, len(jobs)+8)
	start := make(chan struct{})
	for _, j := range jobs {
		wg.Add(1)
		go func(j job) {
			defer wg.Done()
			<-start
			_, err := svc.Issue(ctx, aid, document.IssueRequest{ID: j.id, Date: "2025-07-01", ReservationID: j.reservation})
			errs <- err
		}(j)
	}
	for _, is := range issuers {
		for _, ty := range types {
			for k := 0; k < 2; k++ {
				wg.Add(1)
				go func(is, ty string) {
					defer wg.Done()
					<-start
					_, err := svc.Reserve(ctx, aid, document.ReserveRequest{TypeCode: ty, IssuerKey: is})
					errs <- err
				}(is, ty)
			}
		}
	}
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	// The register: per series 1 + perCombo-1 issued + 2 reserved, 1..12.
	var rows []document.Reservation
	if err := db.Where("agency_id = ?", aid).Find(&rows).Error; err != nil {
		t.Fatal(err)
	}
	per := map[string][]int{}
	for _, r := range rows {
		k := r.IssuerKey + "/" + r.Series
		per[k] = append(per[k], r.Number)
	}
	if len(per) != 4 {
		t.Fatalf("series %v", per)
	}
	for k, nums := range per {
		sort.Ints(nums)
		for i, n := range nums {
			if n != i+1 {
				t.Fatalf("series %s numbers %v: not 1..%d", k, nums, len(nums))
			}
		}
		if len(nums) != perCombo+2 {
			t.Fatalf("series %s has %d numbers", k, len(nums))
		}
	}
	// Every issued document holds its register row's number.
	var docs []document.Document
	if err := db.Where("agency_id = ? AND status = ?", aid, document.StatusIssued).Find(&docs).Error; err != nil {
		t.Fatal(err)
	}
	if len(docs) != len(jobs) {
		t.Fatalf("%d issued, want %d", len(docs), len(jobs))
	}
	seen := map[string]bool{}
	byID := map[string]document.Reservation{}
	for _, r := range rows {
		byID[r.ID] = r
	}
	for _, d := range docs {
		key := fmt.Sprintf("%s/%s/%d", d.IssuerKey, d.Series, d.Number)
		if seen[key] {
			t.Fatalf("duplicate number %s", key)
		}
		seen[key] = true
		r := byID[*d.ReservationID]
		if r.Number != d.Number || r.Status != document.ReservationUsed || r.DocumentID == nil || *r.DocumentID != d.ID {
			t.Fatalf("document %s %d vs register %+v", d.ID, d.Number, r)
		}
	}
}
