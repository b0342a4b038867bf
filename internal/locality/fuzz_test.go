package locality_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"chungsuc/internal/locality"
	"chungsuc/internal/sheet"
)

// FuzzDetectFormat: any header is either recognised or names what is missing.
func FuzzDetectFormat(f *testing.F) {
	for _, s := range []string{gso3Header, "Mã,Tên,Cấp,Mã TP,Tỉnh Thành Phố", "Mã xã,Tên thôn/bản,Loại,Ghi chú", "", ",,,", "Mã\x00,Tên\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		format, missing := locality.DetectFormat(strings.Split(line, ","))
		if (format == "") == (len(missing) == 0) {
			t.Fatalf("format %q, missing %q", format, missing)
		}
		_ = sheet.FoldHeader(line)
	})
}

// FuzzImport: any file body previews without panic; a commit either writes
// exactly what it reports or nothing at all.
func FuzzImport(f *testing.F) {
	for _, seed := range []string{
		strings.Join(gso3Clean, "\n"),
		gso3Header + "\nTỉnh A,1,Huyện B,2,Xã C,3,Xã\nTỉnh A,1,Huyện B,2,Xã C,3,Xã",
		gso3Header + "\nT\xd8nh Qu\xb6ng B\xd7nh,44,Huy\xd6n Minh H\xe3a,452,X\xb7 D\xa9n H\xe3a,19114,X\xb7",
		"Mã,Tên,Cấp,Mã TP,Tỉnh Thành Phố\n19114,Xã Dân Hóa,Xã,44,Tỉnh Quảng Bình\n1,,,,",
		"Mã xã,Tên thôn/bản,Loại\n19111,Thôn 1,thôn\n19111,\"Thôn, 2\",xóm",
		"\ufeff" + gso3Header + "\r\n\"a\"\"b\",1,,,,,",
	} {
		f.Add(seed)
	}
	fx := setup(f)
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, body string) {
		path := filepath.Join(dir, "f.csv")
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		before := fx.count(t)
		pv, err := fx.svc.PreviewImport(ctx, fx.agency, path)
		if err != nil {
			t.Fatalf("preview: %v", err)
		}
		if fx.count(t) != before {
			t.Fatal("the preview wrote")
		}
		res, err := fx.svc.CommitImport(ctx, fx.agency, path, pv.SHA256)
		after := fx.count(t)
		switch {
		case err != nil && after != before:
			t.Fatalf("refused (%v) but wrote %d rows", err, after-before)
		case err == nil && after-before != int64(res.Created):
			t.Fatalf("reported %d created, wrote %d", res.Created, after-before)
		case err == nil && (pv.Counts.Error > 0 || len(pv.FileProblems) > 0):
			t.Fatalf("committed a file with problems: %+v %+v", pv.Counts, pv.FileProblems)
		}
	})
}
