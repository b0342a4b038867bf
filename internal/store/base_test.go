package store_test

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"testing"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"chungsuc/internal/fault"
	"chungsuc/internal/store"
	"chungsuc/internal/store/storetest"
)

// widget is a test-only table that embeds store.Base like every model does.
type widget struct {
	store.Base
	Name      string
	SearchKey string
}

func widgets(t *testing.T) *store.DB {
	t.Helper()
	db := storetest.Open(t)
	if err := db.AutoMigrate(&widget{}); err != nil {
		t.Fatal(err)
	}
	return db
}

func TestNewIDIsTimeOrderedUUIDv7(t *testing.T) {
	ids := make([]string, 2000)
	for i := range ids {
		ids[i] = store.NewID()
		u, err := uuid.Parse(ids[i])
		if err != nil || u.Version() != 7 || u.Variant() != uuid.RFC4122 {
			t.Fatalf("%s: version %d variant %v err %v", ids[i], u.Version(), u.Variant(), err)
		}
	}
	if !sort.StringsAreSorted(ids) {
		t.Fatal("ids taken one after another are not in order")
	}
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			t.Fatalf("duplicate id %s", id)
		}
		seen[id] = true
	}
}

func TestVersionedUpdate(t *testing.T) {
	db := widgets(t)
	w := widget{Name: "một"}
	if err := db.Create(&w).Error; err != nil {
		t.Fatal(err)
	}
	if w.Version != 1 || w.ID == "" {
		t.Fatalf("new row: version %d id %q", w.Version, w.ID)
	}
	if u, _ := uuid.Parse(w.ID); u.Version() != 7 {
		t.Fatalf("id %s is not a UUIDv7", w.ID)
	}
	stale := w
	w.Name = "hai"
	if err := store.UpdateVersioned(db.DB, &w, "widget", "name"); err != nil {
		t.Fatal(err)
	}
	if w.Version != 2 {
		t.Fatalf("version after update %d", w.Version)
	}
	w.Name = "ba"
	if err := store.UpdateVersioned(db.DB, &w, "widget", "name"); err != nil || w.Version != 3 {
		t.Fatalf("second update: %v version %d", err, w.Version)
	}

	stale.Name = "cũ"
	err := store.UpdateVersioned(db.DB, &stale, "widget", "name")
	if !errors.Is(err, fault.ErrStale) || keyOf(err) != "errors.stale" {
		t.Fatalf("stale update: %v", err)
	}
	if stale.Version != 1 {
		t.Fatalf("a refused update changed the caller's version to %d", stale.Version)
	}
	var got widget
	db.Take(&got, "id = ?", w.ID)
	if got.Name != "ba" || got.Version != 3 {
		t.Fatalf("row after stale update: %+v", got)
	}

	missing := widget{Base: store.Base{ID: store.NewID(), Version: 1}, Name: "x"}
	if err := store.UpdateVersioned(db.DB, &missing, "widget", "name"); !errors.Is(err, fault.ErrNotFound) {
		t.Fatalf("update of a missing row: %v", err)
	}
	if err := store.UpdateVersioned(db.DB, &widget{}, "widget", "name"); !errors.Is(err, fault.ErrNotFound) {
		t.Fatalf("update without id: %v", err)
	}
}

func TestSoftDeleteAndRestore(t *testing.T) {
	db := widgets(t)
	w := widget{Name: "giữ lại"}
	db.Create(&w)
	if err := store.SoftDelete(db.DB, &widget{}, "widget", w.ID); err != nil {
		t.Fatal(err)
	}
	var got widget
	if err := store.Get(db.DB, &got, "widget", w.ID); !errors.Is(err, fault.ErrNotFound) {
		t.Fatalf("deleted row still visible: %v", err)
	}
	if err := db.Unscoped().Take(&got, "id = ?", w.ID).Error; err != nil || !got.DeletedAt.Valid || got.Version != 2 {
		t.Fatalf("deleted row: %+v %v", got, err)
	}
	// Deleting twice: the row is no longer live.
	if err := store.SoftDelete(db.DB, &widget{}, "widget", w.ID); !errors.Is(err, fault.ErrNotFound) {
		t.Fatalf("second delete: %v", err)
	}
	if err := store.Restore(db.DB, &widget{}, "widget", w.ID); err != nil {
		t.Fatal(err)
	}
	if err := store.Get(db.DB, &got, "widget", w.ID); err != nil || got.Version != 3 || got.Name != "giữ lại" {
		t.Fatalf("restored row: %+v %v", got, err)
	}
	if err := store.Restore(db.DB, &widget{}, "widget", w.ID); !errors.Is(err, fault.ErrNotFound) {
		t.Fatalf("restore of a live row: %v", err)
	}
	if err := store.SoftDelete(db.DB, &widget{}, "widget", store.NewID()); !errors.Is(err, fault.ErrNotFound) {
		t.Fatalf("delete of a missing row: %v", err)
	}
}

var widgetSort = map[string]string{"name": "search_key"}

func list(t *testing.T, db *gorm.DB, q store.ListQuery) ([]string, int, int) {
	t.Helper()
	tx := q.Scope(db.Model(&widget{}), widgetSort, "search_key")
	tx, page, size := q.Paginate(tx)
	var ws []widget
	if err := tx.Find(&ws).Error; err != nil {
		t.Fatal(err)
	}
	names := []string{}
	for _, w := range ws {
		names = append(names, w.Name)
	}
	return names, page, size
}

func TestListQuerySearch(t *testing.T) {
	db := widgets(t)
	for _, n := range []string{"100% xã đạt chuẩn", "a_b", "axb", "Nông thôn mới", "nong thon cu", `a\b`, "Đoàn Thanh niên"} {
		if err := db.Create(&widget{Name: n, SearchKey: store.SearchKey(n)}).Error; err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		search string
		want   []string
	}{
		{"%", []string{"100% xã đạt chuẩn"}},
		{"_", []string{"a_b"}},
		{"a_b", []string{"a_b"}},
		{`\`, []string{`a\b`}},
		{"NÔNG THÔN", []string{"nong thon cu", "Nông thôn mới"}},
		{"thon moi", []string{"Nông thôn mới"}},
		{"moi thon", []string{"Nông thôn mới"}}, // every word, any order
		{"doan", []string{"Đoàn Thanh niên"}},
		{"dat chuan", []string{"100% xã đạt chuẩn"}},
		{"'; DROP TABLE widgets; --", []string{}},
		{"   ", []string{"100% xã đạt chuẩn", "a_b", `a\b`, "axb", "Đoàn Thanh niên", "nong thon cu", "Nông thôn mới"}},
	}
	for _, c := range cases {
		got, _, _ := list(t, db.DB, store.ListQuery{Search: c.search, SortBy: "name"})
		sort.Strings(got)
		want := append([]string{}, c.want...)
		sort.Strings(want)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("search %q: got %q, want %q", c.search, got, want)
		}
	}
}

func TestListQueryPagingAndSort(t *testing.T) {
	db := widgets(t)
	for i := 0; i < 7; i++ {
		n := fmt.Sprintf("mục %d", i)
		db.Create(&widget{Name: n, SearchKey: store.SearchKey(n)})
	}
	cases := []struct {
		q        store.ListQuery
		want     string
		page, sz int
	}{
		{store.ListQuery{Page: 1, PageSize: 3}, "[mục 0 mục 1 mục 2]", 1, 3},
		{store.ListQuery{Page: 3, PageSize: 3}, "[mục 6]", 3, 3},
		{store.ListQuery{Page: 4, PageSize: 3}, "[]", 4, 3},
		{store.ListQuery{Page: 0, PageSize: 3}, "[mục 0 mục 1 mục 2]", 1, 3},
		{store.ListQuery{Page: -5, PageSize: 2}, "[mục 0 mục 1]", 1, 2},
		{store.ListQuery{PageSize: 0}, "[mục 0 mục 1 mục 2 mục 3 mục 4 mục 5 mục 6]", 1, 20},
		{store.ListQuery{PageSize: -1}, "[mục 0 mục 1 mục 2 mục 3 mục 4 mục 5 mục 6]", 1, 20},
		{store.ListQuery{PageSize: 100000}, "[mục 0 mục 1 mục 2 mục 3 mục 4 mục 5 mục 6]", 1, store.MaxPageSize},
		{store.ListQuery{PageSize: 2, Desc: true, SortBy: "name"}, "[mục 6 mục 5]", 1, 2},
		// An unknown sort column falls back to the default, never into SQL.
		{store.ListQuery{PageSize: 2, SortBy: "name; DROP TABLE widgets"}, "[mục 0 mục 1]", 1, 2},
	}
	for _, c := range cases {
		got, page, size := list(t, db.DB, c.q)
		if fmt.Sprint(got) != c.want || page != c.page || size != c.sz {
			t.Errorf("%+v: got %v page %d size %d, want %s page %d size %d", c.q, got, page, size, c.want, c.page, c.sz)
		}
	}
}

func TestListQueryDeletedView(t *testing.T) {
	db := widgets(t)
	a, b := widget{Name: "còn"}, widget{Name: "đã xóa"}
	db.Create(&a)
	db.Create(&b)
	store.SoftDelete(db.DB, &widget{}, "widget", b.ID)
	live, _, _ := list(t, db.DB, store.ListQuery{})
	gone, _, _ := list(t, db.DB, store.ListQuery{Deleted: true})
	if fmt.Sprint(live) != "[còn]" || fmt.Sprint(gone) != "[đã xóa]" {
		t.Fatalf("live %v deleted %v", live, gone)
	}
}

func TestMetaRoundTrip(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	if v, err := db.Meta(ctx, "absent"); v != "" || err != nil {
		t.Fatalf("absent key: %q %v", v, err)
	}
	for _, v := range []string{"1", "2"} {
		if err := db.SetMeta(ctx, "sample_loaded", v); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.Meta(ctx, "sample_loaded"); got != v {
			t.Fatalf("meta = %q, want %q", got, v)
		}
	}
	if empty, err := db.IsEmpty(ctx); !empty || err != nil {
		t.Fatalf("new database empty = %v %v", empty, err)
	}
	insertAgency(t, db.DB, "SỞ")
	if empty, _ := db.IsEmpty(ctx); empty {
		t.Fatal("database with an agency reported empty")
	}
}
