package cli_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"chungsuc/internal/locality"
	"chungsuc/internal/org"
	"chungsuc/internal/store"
	"chungsuc/internal/store/storetest"
)

func importFixture(name string) string { return filepath.Join("..", "sheet", "testdata", name) }

// agencyDB returns the DSN of a database holding just an agency.
func agencyDB(t *testing.T) string {
	t.Helper()
	env(t)
	dsn := storetest.DSN(t)
	db, err := store.Open(context.Background(), dsn, store.Options{BackupDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := org.NewService(db.DB).SaveAgency(context.Background(), org.Agency{
		Name: "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", ParentBody: "UBND TỈNH QUẢNG TRỊ", Abbrev: "SNNMT", PlaceName: "Quảng Trị",
	}); err != nil {
		t.Fatal(err)
	}
	return dsn
}

func localityCount(t *testing.T, dsn string) int64 {
	t.Helper()
	db, err := store.Open(context.Background(), dsn, store.Options{NoMigrate: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int64
	if err := db.Unscoped().Model(&locality.Locality{}).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func TestLocalityImportDryRunThenImport(t *testing.T) {
	m := messages(t)
	dsn := agencyDB(t)
	r := run(t, m, "locality", "import", importFixture("gso3-clean.csv"), "--dry-run", "--db", dsn)
	if r.code != 0 || !strings.HasPrefix(r.stdout, "Tệp gso3-clean.csv (danh mục 3 cấp tỉnh – huyện – xã): 18 tạo mới, 0 cập nhật, 0 không đổi, 0 dòng lỗi; 0 ô đã sửa.\n") ||
		!strings.Contains(r.stdout, "Chạy thử") {
		t.Fatalf("dry run: %+v", r)
	}
	if n := localityCount(t, dsn); n != 0 {
		t.Fatalf("dry run wrote %d rows", n)
	}
	r = run(t, m, "locality", "import", importFixture("gso3-clean.csv"), "--db", dsn)
	if r.code != 0 || !strings.Contains(r.stdout, "18 tạo mới, 0 cập nhật, 0 không đổi.") {
		t.Fatalf("import: %+v", r)
	}
	if n := localityCount(t, dsn); n != 18 {
		t.Fatalf("%d rows, want 18", n)
	}
	// The same list in TCVN3: every repair reported, nothing to change.
	r = run(t, m, "locality", "import", importFixture("gso3-tcvn3.csv"), "--db", dsn)
	if r.code != 0 || !strings.Contains(r.stdout, "0 tạo mới, 0 cập nhật, 18 không đổi") ||
		!strings.Contains(r.stdout, "Dòng 3, cột «Phường Xã»: đã sửa mã TCVN3: «Ph") ||
		!strings.Contains(r.stdout, "» → «Phường Mẫu Đông»\n") {
		t.Fatalf("tcvn3: %+v", r)
	}
	if n := localityCount(t, dsn); n != 18 {
		t.Fatalf("%d rows after re-import", n)
	}
	// A BOM is reported once, on the first row.
	r = run(t, m, "locality", "import", importFixture("gso3-bom-crlf.csv"), "--dry-run", "--db", dsn)
	if r.code != 0 || !strings.Contains(r.stdout, "Dòng 2: đã bỏ ký tự BOM ở đầu tệp.") {
		t.Fatalf("bom: %+v", r)
	}
}

func TestLocalityImportRefused(t *testing.T) {
	m := messages(t)
	dsn := agencyDB(t)
	for _, dry := range []bool{true, false} {
		argv := []string{"locality", "import", importFixture("gso3-bad-rows.csv"), "--db", dsn}
		if dry {
			argv = append(argv, "--dry-run")
		}
		r := run(t, m, argv...)
		if r.code != 1 || !strings.Contains(r.stdout, ", 5 dòng lỗi;") ||
			!strings.Contains(r.stdout, "Dòng 3, cột «Mã PX»: Mã 99004 đã có ở dòng 2 của tệp.\n") ||
			!strings.Contains(r.stdout, "Dòng 5, cột «Phường Xã»: Thiếu tên.\n") ||
			!strings.Contains(r.stdout, "Dòng 6, cột «Cấp»: Không nhận ra cấp «Làng xã»") ||
			!strings.Contains(r.stdout, "Dòng 7, cột «Mã PX»: Dòng thiếu cột: Mã PX, Cấp.\n") ||
			!strings.Contains(r.stdout, "Dòng 8, cột «Mã PX»: Thiếu mã đơn vị hành chính.\n") ||
			!strings.Contains(r.stderr, "chưa có gì được ghi") {
			t.Fatalf("dry %v: %+v", dry, r)
		}
		if n := localityCount(t, dsn); n != 0 {
			t.Fatalf("a refused import wrote %d rows", n)
		}
	}
	r := run(t, m, "locality", "import", filepath.Join(t.TempDir(), "none.csv"), "--db", dsn)
	if r.code != 1 || !strings.Contains(r.stdout, "Tệp none.csv: Không đọc được tệp") {
		t.Fatalf("missing file: %+v", r)
	}
	r = run(t, m, "locality", "import", "--db", dsn)
	if r.code != 2 || !strings.Contains(r.stderr, "locality import") {
		t.Fatalf("no file: %+v", r)
	}
	// Villages need their communes first.
	r = run(t, m, "locality", "import", importFixture("villages.csv"), "--db", dsn)
	if r.code != 1 || !strings.Contains(r.stdout, "Dòng 2, cột «Mã xã»: Không có xã, phường, thị trấn nào mang mã 99004.") {
		t.Fatalf("villages: %+v", r)
	}
}

func TestLocalityImportWithoutAgency(t *testing.T) {
	m := messages(t)
	env(t)
	dsn := storetest.DSN(t)
	r := run(t, m, "locality", "import", importFixture("gso3-clean.csv"), "--db", dsn)
	if r.code != 1 || !strings.Contains(r.stderr, "Chưa có thông tin cơ quan") {
		t.Fatalf("%+v", r)
	}
}
