package sponsor_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"chungsuc/internal/fault"
	"chungsuc/internal/sheet"
	"chungsuc/internal/sponsor"
)

func keyOf(err error) string {
	if fe, ok := fault.As(err); ok {
		return fe.Key
	}
	if err != nil {
		return "plain: " + err.Error()
	}
	return ""
}

func TestAttachmentsAreCopiedOnceAndChecked(t *testing.T) {
	w := newWorld(t)
	r := w.save(w.reg("VP", "Xã Thường"))
	a1 := w.act(r.ID, "2024-01-10", "khao_sat", 0, 1)
	a2 := w.act(r.ID, "2024-02-10", "huong_dan", 0, 1)
	dataDir, src := t.TempDir(), t.TempDir()
	content := []byte("%PDF-1.4\nbiên bản khảo sát\n")
	// An NFD file name with Vietnamese text.
	name := filepath.Join(src, "Bie\u0302n ba\u0309n kha\u0309o sa\u0301t.PDF")
	must(t, os.WriteFile(name, content, 0o644))
	sum := sha256.Sum256(content)
	hexSum := hex.EncodeToString(sum[:])

	first, err := w.svc.AddAttachment(w.ctx, w.agency, dataDir, a1.ID, name)
	must(t, err)
	wantRel := "attachments/" + hexSum[:2] + "/" + hexSum + ".pdf"
	if first.StoredPath != wantRel || first.SHA256 != hexSum || first.Size != int64(len(content)) ||
		first.FileName != "Biên bản khảo sát.PDF" || first.MimeType != "application/pdf" || first.OwnerID != a1.ID {
		t.Fatalf("attachment %+v", first)
	}
	// The same content again: same row for the same activity, a new row
	// sharing the stored copy for another activity.
	again, err := w.svc.AddAttachment(w.ctx, w.agency, dataDir, a1.ID, name)
	must(t, err)
	if again.ID != first.ID {
		t.Fatal("the same file attached twice to one activity made two rows")
	}
	copyName := filepath.Join(src, "ban-sao.pdf")
	must(t, os.WriteFile(copyName, content, 0o644))
	second, err := w.svc.AddAttachment(w.ctx, w.agency, dataDir, a2.ID, copyName)
	must(t, err)
	if second.ID == first.ID || second.StoredPath != first.StoredPath {
		t.Fatalf("second %+v", second)
	}
	files := 0
	filepath.WalkDir(filepath.Join(dataDir, "attachments"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files++
		}
		return nil
	})
	if files != 1 {
		t.Fatalf("%d stored files, want 1 (no temporary left behind)", files)
	}
	// The source may go away: the copy is what is opened.
	must(t, os.Remove(name))
	p, err := w.svc.Path(w.ctx, w.agency, dataDir, first.ID)
	must(t, err)
	if got, _ := os.ReadFile(p); !bytes.Equal(got, content) || !strings.HasPrefix(p, dataDir) {
		t.Fatalf("path %s", p)
	}
	d, err := w.svc.Get(w.ctx, w.agency, r.ID)
	must(t, err)
	for _, a := range d.Activities {
		if len(a.Attachments) != 1 {
			t.Fatalf("activity %s has %d attachments", a.ID, len(a.Attachments))
		}
	}
	// A changed stored copy is detected; so is a missing one.
	must(t, os.WriteFile(p, []byte("tampered"), 0o644))
	if _, err := w.svc.Path(w.ctx, w.agency, dataDir, first.ID); keyOf(err) != "errors.sponsor.attachmentDamaged" {
		t.Fatalf("tampered: %v", err)
	}
	must(t, os.Remove(p))
	if _, err := w.svc.Path(w.ctx, w.agency, dataDir, first.ID); keyOf(err) != "errors.sponsor.attachmentDamaged" {
		t.Fatalf("missing: %v", err)
	}
	// Re-attaching the original repairs the stored copy.
	must(t, os.WriteFile(name, content, 0o644))
	_, err = w.svc.AddAttachment(w.ctx, w.agency, dataDir, a1.ID, name)
	must(t, err)
	if _, err := w.svc.Path(w.ctx, w.agency, dataDir, second.ID); err != nil {
		t.Fatalf("after repair: %v", err)
	}
	// A stored path pointing outside the data folder is refused.
	for _, bad := range []string{"../outside.pdf", "/etc/passwd", "attachments/../../x", `attachments\ab\x`, "C:/x", "other/ab/x"} {
		must(t, w.db.Model(&sponsor.Attachment{}).Where("id = ?", second.ID).Update("stored_path", bad).Error)
		if _, err := w.svc.Path(w.ctx, w.agency, dataDir, second.ID); keyOf(err) != "errors.sponsor.attachmentPath" {
			t.Fatalf("stored path %q: %v", bad, err)
		}
	}
	// Soft delete and restore.
	must(t, w.svc.DeleteAttachment(w.ctx, w.agency, first.ID))
	if _, err := w.svc.Path(w.ctx, w.agency, dataDir, first.ID); !errors.Is(err, fault.ErrNotFound) {
		t.Fatalf("deleted attachment: %v", err)
	}
	must(t, w.svc.RestoreAttachment(w.ctx, w.agency, first.ID))
	if _, err := w.svc.Path(w.ctx, w.otherAg, dataDir, first.ID); !errors.Is(err, fault.ErrNotFound) {
		t.Fatalf("other agency: %v", err)
	}
}

func TestAttachmentRefusals(t *testing.T) {
	w := newWorld(t)
	r := w.save(w.reg("VP", "Xã Thường"))
	a := w.act(r.ID, "2024-01-10", "khao_sat", 0, 1)
	dataDir, src := t.TempDir(), t.TempDir()
	empty := filepath.Join(src, "rong.txt")
	must(t, os.WriteFile(empty, nil, 0o644))
	big := filepath.Join(src, "lon.bin")
	f, err := os.Create(big)
	must(t, err)
	must(t, f.Truncate(sponsor.MaxAttachmentBytes+1))
	f.Close()
	exact := filepath.Join(src, "vua.bin")
	f, err = os.Create(exact)
	must(t, err)
	must(t, f.Truncate(sponsor.MaxAttachmentBytes))
	f.Close()
	ok := filepath.Join(src, "ok.txt")
	must(t, os.WriteFile(ok, []byte("nội dung"), 0o644))
	cases := []struct {
		activity, path, key string
	}{
		{a.ID, filepath.Join(src, "khong-co.pdf"), "errors.sponsor.attachmentMissing"},
		{a.ID, "", "errors.sponsor.attachmentMissing"},
		{a.ID, src, "errors.sponsor.attachmentNotFile"},
		{a.ID, empty, "errors.sponsor.attachmentEmpty"},
		{a.ID, big, "errors.sponsor.attachmentTooLarge"},
		{"no-such-activity", ok, "errors.notFound"},
	}
	for _, c := range cases {
		_, err := w.svc.AddAttachment(w.ctx, w.agency, dataDir, c.activity, c.path)
		if keyOf(err) != c.key {
			t.Fatalf("%s: %v, want %s", c.path, err, c.key)
		}
	}
	if n := w.count("attachments"); n != 0 {
		t.Fatalf("refused attachments wrote %d rows", n)
	}
	if entries, _ := os.ReadDir(dataDir); len(entries) != 0 {
		t.Fatalf("refused attachments wrote files: %v", entries)
	}
	if _, err := w.svc.AddAttachment(w.ctx, w.otherAg, dataDir, a.ID, ok); !errors.Is(err, fault.ErrNotFound) {
		t.Fatalf("other agency: %v", err)
	}
	// Exactly 50 MB is accepted; an odd extension is dropped from the stored name.
	at, err := w.svc.AddAttachment(w.ctx, w.agency, dataDir, a.ID, exact)
	must(t, err)
	if at.Size != sponsor.MaxAttachmentBytes {
		t.Fatalf("size %d", at.Size)
	}
	odd := filepath.Join(src, "x.p$f")
	must(t, os.WriteFile(odd, []byte("abc"), 0o644))
	at, err = w.svc.AddAttachment(w.ctx, w.agency, dataDir, a.ID, odd)
	must(t, err)
	if strings.Contains(at.StoredPath, "$") || strings.Contains(at.StoredPath, ".") || at.MimeType == "" {
		t.Fatalf("odd extension %+v", at)
	}
}

func TestCheckStoredPath(t *testing.T) {
	for p, ok := range map[string]bool{
		"attachments/ab/abcdef.pdf": true,
		"attachments/ab/abcdef":     true,
		"":                          false,
		"attachments":               false,
		"attachments/":              false,
		"attachments/../x":          false,
		"attachments/./x":           false,
		"attachments//x":            false,
		"/attachments/ab/x":         false,
		`attachments\ab\x`:          false,
		"C:attachments/x":           false,
		"backups/x.db":              false,
	} {
		if got := sponsor.CheckStoredPath(p) == nil; got != ok {
			t.Errorf("%q: accepted %v, want %v", p, got, ok)
		}
	}
}

func TestExportToReadsBack(t *testing.T) {
	w := newWorld(t)
	r1 := w.save(w.reg("VP", "Bản Khó 1"))
	r2 := w.save(w.reg("CC", "Xã Khó"))
	w.save(w.reg("KHTC", "Thôn Thường 1"))
	w.act(r1.ID, "2023-01-10", "ho_tro_kinh_phi", 12_345_678, 0)
	w.act(r2.ID, "2023-02-10", "ngay_cong", 0, 2.5)
	path := filepath.Join(t.TempDir(), "dang-ky.xlsx")
	sum, err := w.svc.ExportTo(w.ctx, w.agency, path, fixedToday)
	must(t, err)
	if sum.Registrations != 3 || sum.Units != 6 || sum.Communes != 2 {
		t.Fatalf("summary %+v", sum)
	}
	f, err := excelize.OpenFile(path)
	must(t, err)
	defer f.Close()
	rows, err := f.GetRows(sheet.SheetCommunes)
	must(t, err)
	// Header, then Xã Khó (2 registrations, one for its village) and Xã Thường, then the totals.
	var kho []string
	for _, row := range rows[sheet.HeaderRow:] {
		if len(row) > 1 && row[1] == "Xã Khó" {
			kho = row
		}
	}
	if kho == nil || kho[3] != "Huyện Minh Hóa" || kho[4] != "Có" || kho[5] != "2" || kho[6] != "2" || kho[7] != "1" {
		t.Fatalf("Xã Khó row %v in %v", kho, rows)
	}
	units, err := f.GetRows(sheet.SheetUnits)
	must(t, err)
	found := false
	for _, row := range units[sheet.HeaderRow:] {
		if len(row) > 4 && row[1] == "Phòng Kế hoạch - Tài chính" {
			found = true
			if row[3] != "Có" || row[4] != "Chưa đạt" {
				t.Fatalf("KHTC (village of an ordinary commune) %v", row)
			}
		}
		if len(row) > 4 && row[1] == "Trung tâm Quan trắc" && (row[4] != "Chưa đạt" || row[5] != "0") {
			t.Fatalf("unit without registration %v", row)
		}
	}
	if !found {
		t.Fatal("unit row missing")
	}
	v, err := f.GetCellValue(sheet.SheetRegistrations, "L4", excelize.Options{RawCellValue: true})
	must(t, err)
	if v != "12345678" && v != "0" {
		t.Fatalf("amount cell %q", v)
	}
	// The CLI and the dialog refuse nothing here: the file is replaced atomically.
	if _, err := w.svc.ExportTo(w.ctx, w.agency, path, fixedToday); err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.ExportTo(w.ctx, w.agency, filepath.Join(t.TempDir(), "no", "such", "dir.xlsx"), fixedToday); keyOf(err) != "errors.sponsor.exportWrite" {
		t.Fatalf("bad folder: %v", err)
	}
}
