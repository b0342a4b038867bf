package award_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"chungsuc/internal/award"
)

// FuzzImport: any file body previews without panic; a commit either writes
// exactly what it reports or nothing at all.
func FuzzImport(f *testing.F) {
	header := strings.Join(award.TemplateHeader, ",")
	for _, seed := range []string{
		header + "\nTập thể,Văn phòng Sở,,2023,Danh hiệu,Tập thể lao động xuất sắc,12/QĐ,15/01/2024,Sở,,",
		header + "\nCá nhân,nguyen van an,VP,2022,,CSTĐCS,,44927,,x,\nCá nhân,nguyen van an,VP,2022,,CSTĐCS,,44927,,x,",
		header + "\nC\xb8 nh\xa9n,L\xaa V\xa8n C\xad\xeang,,2024,H\xd7nh th\xf8c,Gi\xcay khen,,,,,",
		"Đối tượng;Tên;Năm;Danh hiệu/hình thức\nTập thể;KHTC;2021;Giấy khen\n;;;\n",
		"\ufeff" + header + "\r\n\"a\"\"b\",1,,,,,,,,,",
		"Tên,Năm\nA,2020",
		"",
	} {
		f.Add(seed)
	}
	w := newWorld(f)
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, body string) {
		path := filepath.Join(dir, "f.csv")
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		before := rows(t, w)
		pv, err := w.svc.PreviewImport(ctx, w.agency, path)
		if err != nil {
			t.Fatalf("preview: %v", err)
		}
		if rows(t, w) != before {
			t.Fatal("the preview wrote")
		}
		for _, r := range pv.Rows {
			if (r.Action == award.ImportError) != (len(r.Problems) > 0) {
				t.Fatalf("row %d: action %s with %d problems", r.Row, r.Action, len(r.Problems))
			}
			if !utf8.ValidString(r.Name + r.Title + r.Note) {
				t.Fatalf("row %d keeps invalid UTF-8", r.Row)
			}
		}
		res, err := w.svc.CommitImport(ctx, w.agency, path, pv.SHA256)
		after := rows(t, w)
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

// FuzzCellParsers: the cell readers never panic and give canonical values.
func FuzzCellParsers(f *testing.F) {
	for _, s := range []string{"15/01/2024", "2024-01-15", "45306", "2023", "2023.0", "x", "Tập thể", "Hình thức", "Bằng khen của Chủ tịch UBND tỉnh", "\xff", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if d, ok := award.ParseDate(s); ok && d != "" && (len(d) != 10 || d[4] != '-' || d[7] != '-') {
			t.Fatalf("ParseDate(%q) = %q", s, d)
		}
		if y, ok := award.ParseYear(s); ok && (y < 0 || y > 9999) {
			t.Fatalf("ParseYear(%q) = %d", s, y)
		}
		award.ParseFlag(s)
		if k, ok := award.ParseSubject(s); ok && k != award.SubjectUnit && k != award.SubjectStaff {
			t.Fatalf("ParseSubject(%q) = %q", s, k)
		}
		if k, ok := award.ParseKind(s); ok && k != award.KindForm && k != award.KindTitle {
			t.Fatalf("ParseKind(%q) = %q", s, k)
		}
		if _, err := award.ParseReport(s); err == nil {
			_ = award.FormatReport(nil)
		}
		if _, err := award.ParseParams(s); err != nil {
			return
		}
	})
}

// rows counts the live history rows (world.count calls the fuzz F's Helper).
func rows(t *testing.T, w *world) int64 {
	t.Helper()
	var n int64
	if err := w.db.Table("award_records").Where("deleted_at IS NULL").Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}
