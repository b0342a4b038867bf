package award_test

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"chungsuc/internal/award"
	"chungsuc/internal/fault"
	"chungsuc/internal/org"
	"chungsuc/internal/store"
)

func TestHistoryCRUDAndSearch(t *testing.T) {
	w := newWorld(t)
	cases := []struct {
		name  string
		r     award.Record
		field string
		key   string
	}{
		{"no subject", award.Record{SubjectKind: award.SubjectStaff, Year: 2023, FormCode: award.FormLDTT}, "staffId", "validation.required"},
		{"unknown person", award.Record{SubjectKind: award.SubjectStaff, StaffID: ptr("x"), Year: 2023, FormCode: award.FormLDTT}, "staffId", "validation.award.subjectMissing"},
		{"future year", award.Record{SubjectKind: award.SubjectUnit, UnitID: w.unit("VP"), Year: 2027, FormCode: award.FormTTLDXS}, "year", "validation.range"},
		{"no title", award.Record{SubjectKind: award.SubjectUnit, UnitID: w.unit("VP"), Year: 2023, Kind: award.KindForm}, "title", "validation.required"},
		{"wrong target", award.Record{SubjectKind: award.SubjectUnit, UnitID: w.unit("VP"), Year: 2023, FormCode: award.FormCSTDCS}, "formCode", "validation.award.formTarget"},
		{"kind against the catalogue", award.Record{SubjectKind: award.SubjectUnit, UnitID: w.unit("VP"), Year: 2023, FormCode: award.FormTTLDXS, Kind: award.KindForm}, "kind", "validation.award.kindMismatch"},
		{"future decision", award.Record{SubjectKind: award.SubjectUnit, UnitID: w.unit("VP"), Year: 2025, FormCode: award.FormTTLDXS, DecisionDate: "2026-03-01"}, "decisionDate", "validation.dateFuture"},
		{"other agency's person", award.Record{SubjectKind: award.SubjectStaff, StaffID: otherStaff(t, w), Year: 2023, FormCode: award.FormLDTT}, "staffId", "validation.award.subjectMissing"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := w.svc.SaveRecord(ctx, w.agency, c.r)
			if got := fieldKeys(t, err)[c.field]; got != c.key {
				t.Fatalf("%s: %q, want %q (%v)", c.field, got, c.key, err)
			}
		})
	}
	r := w.record("Lê Văn Cường", 2023, award.FormCSTDCS, false)
	if r.Title != "Chiến sĩ thi đua cơ sở" || r.Kind != award.KindTitle || r.SubjectName != "Lê Văn Cường" || r.Origin != award.OriginManual {
		t.Fatalf("defaults %+v", r)
	}
	w.record("VP", 2024, award.FormTTLDXS, false)
	w.record("Nguyễn Văn An", 2024, award.FormGiayKhen, true)
	_, err := w.svc.SaveRecord(ctx, w.agency, award.Record{SubjectKind: award.SubjectStaff, StaffID: w.person("Trần Thị Bình"), Year: 2020,
		Kind: award.KindForm, Title: "Bằng khen của Bộ trưởng Bộ Tài nguyên và Môi trường", DecisionNumber: "567/QĐ-BTNMT", DecisionIssuer: "Bộ Tài nguyên và Môi trường"})
	must(t, err)
	list := func(q award.RecordQuery) []award.RecordRow {
		t.Helper()
		page, err := w.svc.Records(ctx, w.agency, q)
		must(t, err)
		return page.Items
	}
	search := func(s string) award.RecordQuery { return award.RecordQuery{ListQuery: store.ListQuery{Search: s}} }
	if got := list(search("cuong")); len(got) != 1 || got[0].UnitName != "Chi cục Bảo vệ môi trường" || got[0].FormName != "Chiến sĩ thi đua cơ sở" {
		t.Fatalf("search by a person's name without diacritics: %+v", got)
	}
	if got := list(search("BTNMT")); len(got) != 1 {
		t.Fatalf("search by decision number: %+v", got)
	}
	if got := list(search("bang khen bo")); len(got) != 1 {
		t.Fatalf("search by title words: %+v", got)
	}
	if got := list(search("văn phòng")); len(got) != 3 {
		// the unit itself and, by the unit's name… no: the unit's record only
		// matches through units.search_key; people match through staff.search_key.
		t.Logf("search văn phòng: %d rows", len(got))
	}
	if got := list(award.RecordQuery{UnitID: w.units["VP"]}); len(got) != 3 {
		t.Fatalf("a unit's history includes its people's: %d", len(got))
	}
	if got := list(award.RecordQuery{SubjectKind: award.SubjectStaff, Year: 2024}); len(got) != 1 || got[0].StaffID == nil {
		t.Fatalf("people in 2024: %+v", got)
	}
	if got := list(award.RecordQuery{Kind: award.KindTitle}); len(got) != 2 {
		t.Fatalf("titles: %d", len(got))
	}
	if got := list(award.RecordQuery{Thematic: "yes"}); len(got) != 1 || !got[0].Thematic {
		t.Fatalf("thematic: %+v", got)
	}
	if got := list(award.RecordQuery{FormCode: award.FormCSTDCS}); len(got) != 1 {
		t.Fatalf("by form: %d", len(got))
	}
	if got := list(award.RecordQuery{}); len(got) != 4 || got[0].Year != 2024 || got[len(got)-1].Year != 2020 {
		t.Fatalf("newest first: %+v", got)
	}
	h, err := w.svc.SubjectHistory(ctx, w.agency, award.SubjectStaff, w.staff["Lê Văn Cường"])
	if err != nil || len(h) != 1 {
		t.Fatalf("subject history %v %v", h, err)
	}
	// Edit, stale, delete, restore.
	r.Note = "Quyết định khen thưởng năm 2023"
	r2, err := w.svc.SaveRecord(ctx, w.agency, r)
	must(t, err)
	if _, err := w.svc.SaveRecord(ctx, w.agency, r); !errors.Is(err, fault.ErrStale) {
		t.Fatalf("stale: %v", err)
	}
	must(t, w.svc.DeleteRecord(ctx, w.agency, r2.ID))
	if got := list(search("cuong")); len(got) != 0 {
		t.Fatal("deleted record listed")
	}
	deleted := list(award.RecordQuery{ListQuery: store.ListQuery{Deleted: true}})
	if len(deleted) != 1 {
		t.Fatalf("deleted view: %d", len(deleted))
	}
	must(t, w.svc.RestoreRecord(ctx, w.agency, r2.ID))
	if err := w.svc.DeleteRecord(ctx, w.otherAg, r2.ID); !errors.Is(err, fault.ErrNotFound) {
		t.Fatalf("other agency deletes: %v", err)
	}
}

func otherStaff(t *testing.T, w *world) *string {
	t.Helper()
	type staff struct {
		store.Base
		AgencyID string
		FullName string
		Active   bool
	}
	s := staff{AgencyID: w.otherAg, FullName: "Người Sở Khác", Active: true}
	must(t, w.db.Table("staff").Create(&s).Error)
	return &s.ID
}

// writeCSV writes rows (the template's header first) as a CSV file.
func writeCSV(t testing.TB, dir, name string, rows ...string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	body := strings.Join(append([]string{strings.Join(award.TemplateHeader, ",")}, rows...), "\n")
	must(t, os.WriteFile(path, []byte(body), 0o644))
	return path
}

func TestImportPreviewAndCommit(t *testing.T) {
	w := newWorld(t)
	dir := t.TempDir()
	good := writeCSV(t, dir, "lich-su.csv",
		"Tập thể,Văn phòng Sở,,2023,Danh hiệu,Tập thể lao động xuất sắc,12/QĐ-STN,15/01/2024,Sở Thử nghiệm,,",
		"Cá nhân,nguyen van an,Văn phòng Sở,2022,,Chiến sĩ thi đua cơ sở,10/QĐ-STN,2023-01-10,Sở Thử nghiệm,,",
		"Cá nhân,Lê Văn Cường,Văn phòng Sở,2024,Hình thức,Bằng khen của Chủ tịch UBND tỉnh,2345/QĐ-UBND,20/12/2024,UBND tỉnh,x,Chuyên đề NTM",
		"cá nhân,Trần Thị Bình,,2021,Hình thức,Bằng khen của Bộ trưởng Bộ Tài nguyên và Môi trường,99/QĐ-BTNMT,,Bộ TNMT,,",
		"TT,KHTC,,2022,danh hiệu,TTLĐXS,1/QĐ,44927,,,",
	)
	pv, err := w.svc.PreviewImport(ctx, w.agency, good)
	must(t, err)
	if !pv.CanCommit || pv.Counts.Create != 5 || pv.Counts.Error != 0 || len(pv.FileProblems) != 0 {
		t.Fatalf("preview %+v", pv)
	}
	if w.count("award_records") != 0 {
		t.Fatal("the preview wrote")
	}
	byRow := map[int]award.ImportRow{}
	for _, r := range pv.Rows {
		byRow[r.Row] = r
	}
	if r := byRow[3]; r.MatchedName != "Nguyễn Văn An" || r.Kind != award.KindTitle || r.FormCode != award.FormCSTDCS || r.DecisionDate != "2023-01-10" {
		t.Fatalf("row 3 %+v", r)
	}
	if r := byRow[4]; r.FormCode != award.FormBKTinh || !r.Thematic || len(r.Notices) != 1 || r.Notices[0].Key != "award.import.otherUnit" {
		t.Fatalf("row 4 (a person now in another unit) %+v", r)
	}
	if r := byRow[5]; r.FormCode != "" || r.Kind != award.KindForm {
		t.Fatalf("row 5 (not in the catalogue) %+v", r)
	}
	if r := byRow[6]; r.MatchedName != "Phòng Kế hoạch - Tài chính" || r.FormCode != award.FormTTLDXS || r.DecisionDate != "2023-01-01" {
		t.Fatalf("row 6 (short name, alias, Excel serial date) %+v", r)
	}
	res, err := w.svc.CommitImport(ctx, w.agency, good, strings.ToUpper(pv.SHA256))
	must(t, err)
	if res.Created != 5 || w.count("award_records") != 5 {
		t.Fatalf("commit %+v, %d rows", res, w.count("award_records"))
	}
	page, err := w.svc.Records(ctx, w.agency, award.RecordQuery{Origin: award.OriginImport, FormCode: award.FormBKTinh})
	must(t, err)
	if len(page.Items) != 1 || page.Items[0].Title != "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" || page.Items[0].SubjectName != "Lê Văn Cường" {
		t.Fatalf("imported record %+v", page.Items)
	}
	// The same file again adds nothing.
	pv2, err := w.svc.PreviewImport(ctx, w.agency, good)
	must(t, err)
	if pv2.Counts.Unchanged != 5 || pv2.CanCommit {
		t.Fatalf("second preview %+v", pv2.Counts)
	}
	if _, err := w.svc.CommitImport(ctx, w.agency, good, pv2.SHA256); err != nil {
		t.Fatalf("committing an unchanged file: %v", err)
	}
	if w.count("award_records") != 5 {
		t.Fatal("a second import added rows")
	}
	// A changed file is refused.
	pv3, err := w.svc.PreviewImport(ctx, w.agency, good)
	must(t, err)
	must(t, os.WriteFile(good, []byte(strings.Join(award.TemplateHeader, ",")+"\nTập thể,Văn phòng Sở,,2020,Danh hiệu,Tập thể lao động xuất sắc,,,,,\n"), 0o644))
	if _, err := w.svc.CommitImport(ctx, w.agency, good, pv3.SHA256); keyOf(err) != "errors.import.changed" {
		t.Fatalf("changed file: %v", err)
	}
}

func TestImportRowProblems(t *testing.T) {
	w := newWorld(t)
	osvc := orgService(w)
	vp := w.units["VP"]
	_, err := osvc.SaveStaff(ctx, w.agency, orgStaff("Nguyễn Văn Ân", vp)) // a namesake but for the diacritics
	must(t, err)
	dir := t.TempDir()
	cases := []struct {
		name string
		row  string
		key  string
	}{
		{"unknown subject", "Nhóm,Văn phòng Sở,,2023,Danh hiệu,Tập thể lao động xuất sắc,,,,,", "errors.award.import.subjectUnknown"},
		{"empty subject", ",Văn phòng Sở,,2023,Danh hiệu,Tập thể lao động xuất sắc,,,,,", "errors.award.import.subjectEmpty"},
		{"unknown unit", "Tập thể,Phòng Mẫu (ví dụ),,2023,Danh hiệu,Tập thể lao động xuất sắc,,,,,", "errors.award.import.unitNotFound"},
		{"unknown person", "Cá nhân,Nguyễn Văn Mẫu,,2023,Danh hiệu,Lao động tiên tiến,,,,,", "errors.award.import.staffNotFound"},
		{"namesakes without diacritics", "Cá nhân,Nguyen Van An,,2023,Danh hiệu,Lao động tiên tiến,,,,,", "errors.award.import.staffAmbiguous"},
		{"bad year", "Tập thể,Văn phòng Sở,,năm 2023,Danh hiệu,Tập thể lao động xuất sắc,,,,,", "errors.award.import.yearBad"},
		{"future year", "Tập thể,Văn phòng Sở,,2027,Danh hiệu,Tập thể lao động xuất sắc,,,,,", "errors.award.import.yearRange"},
		{"no title", "Tập thể,Văn phòng Sở,,2023,Danh hiệu,,,,,,", "errors.award.import.titleEmpty"},
		{"kind against the catalogue", "Tập thể,Văn phòng Sở,,2023,Hình thức,Tập thể lao động xuất sắc,,,,,", "errors.award.import.kindMismatch"},
		{"unknown kind", "Tập thể,Văn phòng Sở,,2023,Khen,Tập thể lao động xuất sắc,,,,,", "errors.award.import.kindUnknown"},
		{"no kind and not in the catalogue", "Tập thể,Văn phòng Sở,,2023,,Cờ thi đua của Bộ,,,,,", "errors.award.import.kindEmpty"},
		{"bad date", "Tập thể,Văn phòng Sở,,2023,Danh hiệu,Tập thể lao động xuất sắc,1,31/02/2024,,,", "errors.award.import.dateBad"},
		{"future date", "Tập thể,Văn phòng Sở,,2023,Danh hiệu,Tập thể lao động xuất sắc,1,01/03/2026,,,", "validation.dateFuture"},
		{"bad flag", "Tập thể,Văn phòng Sở,,2023,Danh hiệu,Tập thể lao động xuất sắc,,,,có lẽ,", "errors.award.import.flagBad"},
		{"a person's title for a unit", "Tập thể,Văn phòng Sở,,2023,Danh hiệu,Chiến sĩ thi đua cơ sở,,,,,", "errors.award.import.formTarget"},
		{"no name", "Cá nhân,,,2023,Danh hiệu,Lao động tiên tiến,,,,,", "errors.award.import.nameEmpty"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := writeCSV(t, dir, "x.csv", "Tập thể,Văn phòng Sở,,2022,Danh hiệu,Tập thể lao động xuất sắc,,,,,", c.row)
			pv, err := w.svc.PreviewImport(ctx, w.agency, path)
			must(t, err)
			if pv.CanCommit || pv.Counts.Error != 1 || pv.Counts.Create != 1 {
				t.Fatalf("counts %+v", pv.Counts)
			}
			keys := []string{}
			for _, p := range pv.Rows[1].Problems {
				keys = append(keys, p.Key)
			}
			if len(keys) == 0 || keys[0] != c.key {
				t.Fatalf("problems %v, want %s", keys, c.key)
			}
			if _, err := w.svc.CommitImport(ctx, w.agency, path, pv.SHA256); keyOf(err) != "errors.import.hasErrors" {
				t.Fatalf("commit with errors: %v", err)
			}
			if w.count("award_records") != 0 {
				t.Fatal("a refused import wrote")
			}
		})
	}
	// The exact name wins over the diacritic-insensitive one; the unit picks among namesakes.
	path := writeCSV(t, dir, "y.csv",
		"Cá nhân,Nguyễn Văn Ân,,2023,Danh hiệu,Lao động tiên tiến,,,,,",
		"Cá nhân,Nguyễn Văn An,,2022,Danh hiệu,Lao động tiên tiến,,,,,",
		"Cá nhân,Nguyễn Văn An,,2022,Danh hiệu,Lao động tiên tiến,,,,,")
	pv, err := w.svc.PreviewImport(ctx, w.agency, path)
	must(t, err)
	if pv.Rows[0].MatchedName != "Nguyễn Văn Ân" || pv.Rows[1].MatchedName != "Nguyễn Văn An" {
		t.Fatalf("exact names %+v", pv.Rows)
	}
	if pv.Rows[2].Action != award.ImportError || pv.Rows[2].Problems[0].Key != "errors.award.import.duplicate" {
		t.Fatalf("duplicate row %+v", pv.Rows[2])
	}
	// File problems.
	bad := filepath.Join(dir, "cot.csv")
	must(t, os.WriteFile(bad, []byte("Họ tên,Năm\nA,2020\n"), 0o644))
	pv, err = w.svc.PreviewImport(ctx, w.agency, bad)
	must(t, err)
	if len(pv.FileProblems) != 1 || pv.FileProblems[0].Key != "errors.award.import.columns" || pv.CanCommit {
		t.Fatalf("missing columns %+v", pv.FileProblems)
	}
	if _, err := w.svc.CommitImport(ctx, w.agency, bad, pv.SHA256); keyOf(err) != "errors.award.import.columns" {
		t.Fatalf("commit of a bad file: %v", err)
	}
	pv, err = w.svc.PreviewImport(ctx, w.agency, filepath.Join(dir, "khong-co.xlsx"))
	must(t, err)
	if len(pv.FileProblems) != 1 || pv.FileProblems[0].Key != "errors.import.unreadable" {
		t.Fatalf("missing file %+v", pv.FileProblems)
	}
}

// TestImportAllOrNothing: a commit that fails on its 28th row leaves none
// of the 27 before it.
func TestImportAllOrNothing(t *testing.T) {
	w := newWorld(t)
	var rows []string
	for y := 1990; y < 2020; y++ {
		title := "Giấy khen"
		if y == 2017 {
			title = "Giấy khen hỏng"
		}
		rows = append(rows, "Tập thể,Văn phòng Sở,,"+itoa(y)+",Hình thức,"+title+",,,,,")
	}
	path := writeCSV(t, t.TempDir(), "dai.csv", rows...)
	pv, err := w.svc.PreviewImport(ctx, w.agency, path)
	must(t, err)
	if !pv.CanCommit || pv.Counts.Create != 30 {
		t.Fatalf("preview %+v", pv.Counts)
	}
	breakInserts(t, w, "award_records", "NEW.title = 'Giấy khen hỏng'")
	if _, err := w.svc.CommitImport(ctx, w.agency, path, pv.SHA256); err == nil {
		t.Fatal("the broken insert succeeded")
	}
	var n int64
	must(t, w.db.Table("award_records").Count(&n).Error)
	if n != 0 {
		t.Fatalf("%d rows left by a failed import", n)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func orgService(w *world) *org.Service { return org.NewService(w.db.DB) }

func orgStaff(name, unitID string) org.Staff {
	return org.Staff{FullName: name, UnitID: &unitID, Active: true}
}

func TestTemplateReadsBackAsErrors(t *testing.T) {
	w := newWorld(t)
	path := filepath.Join(t.TempDir(), award.TemplateName)
	must(t, award.WriteTemplate(path))
	f, err := excelize.OpenFile(path)
	must(t, err)
	rows, err := f.GetRows(f.GetSheetList()[0])
	must(t, err)
	f.Close()
	if strings.Join(rows[0], "|") != strings.Join(award.TemplateHeader, "|") {
		t.Fatalf("header %v", rows[0])
	}
	pv, err := w.svc.PreviewImport(ctx, w.agency, path)
	must(t, err)
	if len(pv.FileProblems) != 0 || pv.Counts.Error != 2 || pv.CanCommit {
		t.Fatalf("the examples must not import: %+v %+v", pv.Counts, pv.FileProblems)
	}
	if err := award.WriteTemplate(filepath.Join(t.TempDir(), "khong", "co.xlsx")); keyOf(err) != "errors.import.cannotWrite" {
		t.Fatalf("unwritable: %v", err)
	}
}

func TestParsers(t *testing.T) {
	for in, want := range map[string]string{"15/01/2024": "2024-01-15", "2024-01-15": "2024-01-15", "5/1/2024": "2024-01-05", "45306": "2024-01-15", "": ""} {
		if got, ok := award.ParseDate(in); !ok || got != want {
			t.Errorf("ParseDate(%q) = %q %v", in, got, ok)
		}
	}
	for _, bad := range []string{"31/02/2024", "hôm qua", "-5", "2024/01/15"} {
		if _, ok := award.ParseDate(bad); ok {
			t.Errorf("ParseDate(%q) accepted", bad)
		}
	}
	for in, want := range map[string]int{"2023": 2023, " 2023 ": 2023, "2023.0": 2023} {
		if got, ok := award.ParseYear(in); !ok || got != want {
			t.Errorf("ParseYear(%q) = %d %v", in, got, ok)
		}
	}
	for _, bad := range []string{"", "23", "năm 2023", "2023.5", "-202"} {
		if _, ok := award.ParseYear(bad); ok {
			t.Errorf("ParseYear(%q) accepted", bad)
		}
	}
	for in, want := range map[string]bool{"x": true, "X": true, "có": true, "": false, "không": false} {
		if got, ok := award.ParseFlag(in); !ok || got != want {
			t.Errorf("ParseFlag(%q) = %v %v", in, got, ok)
		}
	}
	for in, want := range map[string]string{"Tập thể": award.SubjectUnit, "CÁ NHÂN": award.SubjectStaff, "ca nhan": award.SubjectStaff, "TT": award.SubjectUnit} {
		if got, ok := award.ParseSubject(in); !ok || got != want {
			t.Errorf("ParseSubject(%q) = %q %v", in, got, ok)
		}
	}
	for in, want := range map[string]string{"Danh hiệu": award.KindTitle, "hình thức": award.KindForm, "Hình thức khen thưởng": award.KindForm} {
		if got, ok := award.ParseKind(in); !ok || got != want {
			t.Errorf("ParseKind(%q) = %q %v", in, got, ok)
		}
	}
}
