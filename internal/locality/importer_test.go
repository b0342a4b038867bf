package locality_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gorm.io/gorm"

	"chungsuc/internal/fault"
	"chungsuc/internal/locality"
	"chungsuc/internal/store"
)

// writeFile writes lines as a CSV file in a temp dir.
func writeFile(t testing.TB, name string, lines ...string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const gso3Header = "Tỉnh / Thành phố,Mã TP,Quận Huyện,Mã QH,Phường Xã,Mã PX,Cấp"

var gso3Clean = []string{
	gso3Header,
	"Tỉnh Quảng Bình,44,Huyện Minh Hóa,452,Thị trấn Quy Đạt,19111,Thị trấn",
	"Tỉnh Quảng Bình,44,Huyện Minh Hóa,452,Xã Dân Hóa,19114,Xã",
	"Tỉnh Quảng Bình,44,Thành phố Đồng Hới,450,Phường Hải Thành,19081,Phường",
	"Tỉnh Quảng Trị,45,Huyện Vĩnh Linh,464,Xã Vĩnh Thái,19363,Xã",
	"Tỉnh Quảng Trị,45,Huyện Cồn Cỏ,471,Đặc khu Cồn Cỏ,19500,Đặc khu",
}

func (f fx) count(t testing.TB) int64 {
	t.Helper()
	var n int64
	if err := f.db.Unscoped().Model(&locality.Locality{}).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func (f fx) preview(t testing.TB, path string) locality.ImportPreview {
	t.Helper()
	pv, err := f.svc.PreviewImport(ctx, f.agency, path)
	if err != nil {
		t.Fatalf("preview: %v", err)
	}
	return pv
}

func (f fx) importFile(t testing.TB, path string) locality.ImportResult {
	t.Helper()
	pv := f.preview(t, path)
	res, err := f.svc.CommitImport(ctx, f.agency, path, pv.SHA256)
	if err != nil {
		t.Fatalf("commit: %v (preview %+v)", err, pv)
	}
	return res
}

func (f fx) byCode(t testing.TB, code string) locality.Locality {
	t.Helper()
	var l locality.Locality
	if err := f.db.Where("agency_id = ? AND code = ?", f.agency, code).Take(&l).Error; err != nil {
		t.Fatalf("code %s: %v", code, err)
	}
	return l
}

func TestImportGSO3CreatesTreeAndIsIdempotent(t *testing.T) {
	f := setup(t)
	path := writeFile(t, "ds.csv", gso3Clean...)
	pv := f.preview(t, path)
	if f.count(t) != 0 {
		t.Fatal("the preview wrote")
	}
	if pv.Format != "gso3" || !pv.CanCommit || pv.Counts != (locality.ImportCounts{Create: 11}) || len(pv.FileProblems) != 0 || len(pv.SHA256) != 64 {
		t.Fatalf("preview %+v", pv)
	}
	// Rows: province, district, commune on the line that first names them.
	want := []struct {
		row               int
		code, kind, pcode string
	}{{2, "44", "tinh", ""}, {2, "452", "huyen", "44"}, {2, "19111", "thi_tran", "452"}, {3, "19114", "xa", "452"},
		{4, "450", "thanh_pho", "44"}, {4, "19081", "phuong", "450"}, {5, "45", "tinh", ""}, {5, "464", "huyen", "45"},
		{5, "19363", "xa", "464"}, {6, "471", "huyen", "45"}, {6, "19500", "dac_khu", "471"}}
	for i, w := range want {
		r := pv.Rows[i]
		if r.Row != w.row || r.Code != w.code || r.Kind != w.kind || r.ParentCode != w.pcode || r.Action != "create" {
			t.Errorf("row %d: %+v, want %+v", i, r, w)
		}
	}
	res, err := f.svc.CommitImport(ctx, f.agency, path, pv.SHA256)
	if err != nil || res != (locality.ImportResult{Created: 11}) {
		t.Fatalf("commit %+v %v", res, err)
	}
	com := f.byCode(t, "19114")
	d, err := f.svc.Get(ctx, f.agency, com.ID)
	if err != nil || len(d.Path) != 2 || d.Path[0].Name != "Tỉnh Quảng Bình" || d.Path[1].Name != "Huyện Minh Hóa" || d.Level != 3 {
		t.Fatalf("detail %+v %v", d, err)
	}
	// Searchable like a saved one.
	p, err := f.svc.List(ctx, f.agency, locality.Query{ListQuery: store.ListQuery{Search: "dan hoa"}})
	if err != nil || p.Total != 1 {
		t.Fatalf("search %+v %v", p, err)
	}
	// Again: nothing to do, nothing duplicated.
	pv = f.preview(t, path)
	if pv.Counts != (locality.ImportCounts{Unchanged: 11}) || pv.CanCommit {
		t.Fatalf("second preview %+v", pv.Counts)
	}
	res = f.importFile(t, path)
	if res != (locality.ImportResult{Unchanged: 11}) || f.count(t) != 11 {
		t.Fatalf("second commit %+v, %d rows", res, f.count(t))
	}
	// A renamed commune and a lost leading zero: update by code.
	renamed := append([]string{}, gso3Clean...)
	renamed[2] = "Tỉnh Quảng Bình,44,Huyện Minh Hóa,452,Xã Dân Hoá Mới,19114,Xã"
	renamed[4] = "Tỉnh Quảng Trị,45,Huyện Vĩnh Linh,464,Xã Vĩnh Thái,19363,Xã"
	pv = f.preview(t, writeFile(t, "ds2.csv", renamed...))
	if pv.Counts != (locality.ImportCounts{Update: 1, Unchanged: 10}) {
		t.Fatalf("rename preview %+v", pv.Counts)
	}
	res = f.importFile(t, writeFile(t, "ds2.csv", renamed...))
	if res != (locality.ImportResult{Updated: 1, Unchanged: 10}) || f.count(t) != 11 {
		t.Fatalf("rename %+v", res)
	}
	if l := f.byCode(t, "19114"); l.Name != "Xã Dân Hoá Mới" || l.Version != 2 || l.ID != com.ID {
		t.Fatalf("renamed %+v", l)
	}
}

func TestImportGSO2AfterGSO3MovesCommunes(t *testing.T) {
	f := setup(t)
	f.importFile(t, writeFile(t, "a.csv", gso3Clean...))
	// Post-2025 list: no district columns, other header spellings.
	path := writeFile(t, "b.csv",
		"Mã,Tên,Cấp,Mã TP,Tỉnh Thành Phố",
		"19114,Xã Dân Hóa,Xã,44,Tỉnh Quảng Bình",
		"19999,Xã Kim Điền,Xã,44,Tỉnh Quảng Bình",
		"1,Không mã,Xã,44,Tỉnh Quảng Bình")
	pv := f.preview(t, path)
	if pv.Format != "gso2" || pv.Counts != (locality.ImportCounts{Create: 2, Update: 1, Unchanged: 1}) {
		t.Fatalf("preview %+v %+v", pv.Format, pv.Rows)
	}
	if pv.Rows[3].Code != "00001" {
		t.Fatalf("code not padded: %+v", pv.Rows[3])
	}
	f.importFile(t, path)
	prov := f.byCode(t, "44")
	if l := f.byCode(t, "19114"); l.ParentID == nil || *l.ParentID != prov.ID {
		t.Fatalf("not moved: %+v", l)
	}
}

func TestImportAdoptsLocalityWithoutCode(t *testing.T) {
	f := setup(t)
	p := f.save(t, locality.Locality{Name: "Tỉnh Quảng Bình", Kind: "tinh"})
	f.save(t, locality.Locality{Name: "Huyện Minh Hóa", Kind: "huyen", ParentID: &p.ID})
	pv := f.preview(t, writeFile(t, "a.csv", gso3Clean...))
	if pv.Counts.Update != 2 || pv.Counts.Error != 0 {
		t.Fatalf("%+v", pv.Counts)
	}
	f.importFile(t, writeFile(t, "a.csv", gso3Clean...))
	if l := f.byCode(t, "44"); l.ID != p.ID {
		t.Fatalf("province duplicated: %+v", l)
	}
}

func problemKeys(r locality.PreviewRow) []string {
	var out []string
	for _, p := range r.Problems {
		out = append(out, p.Key+"@"+p.Column)
	}
	return out
}

func TestImportBadRowsRefusedAndNothingWritten(t *testing.T) {
	f := setup(t)
	f.importFile(t, writeFile(t, "a.csv", gso3Clean[:2]...))
	before := f.count(t)
	path := writeFile(t, "bad.csv",
		gso3Header,
		"Tỉnh Quảng Bình,44,Huyện Minh Hóa,452,Xã Trọng Hóa,19117,Xã", // 2 ok
		"Tỉnh Quảng Bình,44,Huyện Minh Hóa,452,Xã Trùng Mã,19117,Xã",  // 3 duplicate code
		"Tỉnh Quảng Bình,44,Huyện Minh Hóa,452,,19120,Xã",             // 4 empty name
		"Tỉnh Quảng Bình,44,Huyện Minh Hóa,452,Xã Lạ,19121,Làng",      // 5 unknown Cấp
		"Tỉnh Quảng Bình,44,Huyện Minh Hóa,452,Xã Chữ,19A22,Xã",       // 6 code not digits
		"Tỉnh Quảng Bình,44,Huyện Minh Hóa,452,,,",                    // 7 missing columns
		"Tỉnh Quảng Bìnhh,44,Huyện Minh Hóa,452,Xã Sai Tỉnh,19123,Xã", // 8 province name differs
		"Tỉnh Quảng Bình,44,Huyện Minh Hóa,19111,Xã Cấp Sai,19124,Xã", // 9 code of a commune used as district
		"Tỉnh Quảng Bình,44,Huyện Minh Hóa,452,Xã Trọng Hóa,19125,Xã", // 10 same name, same district
		"Tỉnh Quảng Bình,44,Huyện Minh Hóa,452,Xã Không Cấp,19126,",   // 11 empty Cấp: from the name
		"Tỉnh Quảng Bình,44,Huyện Minh Hóa,452,Làng Không Rõ,19127,",  // 12 empty Cấp, no prefix
	)
	pv := f.preview(t, path)
	byLine := map[int]locality.PreviewRow{}
	for _, r := range pv.Rows {
		byLine[r.Row] = r // the commune comes last on its line
	}
	want := map[int]string{
		3:  "errors.import.row.duplicateCode@Mã PX",
		4:  "errors.import.row.emptyName@Phường Xã",
		5:  "errors.import.row.unknownLevel@Cấp",
		6:  "errors.import.row.codeNotDigits@Mã PX",
		7:  "errors.import.row.missingColumns@Phường Xã",
		8:  "errors.import.row.nameMismatch@Tỉnh / Thành phố",
		9:  "errors.import.row.codeOtherLevel@Mã QH",
		10: "errors.import.row.duplicateName@Phường Xã",
		12: "errors.import.row.noLevel@Cấp",
	}
	for line, key := range want {
		r := byLine[line]
		if r.Action != "error" || len(r.Problems) == 0 || problemKeys(r)[0] != key {
			t.Errorf("line %d: %s %v, want %s", line, r.Action, problemKeys(r), key)
		}
	}
	if r := byLine[2]; r.Action != "create" {
		t.Errorf("line 2: %+v", r)
	}
	if r := byLine[11]; r.Action != "create" || r.Kind != "xa" {
		t.Errorf("line 11: %+v", r)
	}
	if pv.CanCommit || pv.Counts.Error != len(want) {
		t.Fatalf("counts %+v", pv.Counts)
	}
	if p := byLine[3].Problems[0]; p.Params["line"] != 2 || p.Params["code"] != "19117" {
		t.Fatalf("params %+v", p.Params)
	}
	_, err := f.svc.CommitImport(ctx, f.agency, path, pv.SHA256)
	if fe, ok := fault.As(err); !ok || fe.Key != "errors.import.hasErrors" || fe.Params["count"] != len(want) {
		t.Fatalf("commit: %v", err)
	}
	if f.count(t) != before {
		t.Fatal("a refused import wrote")
	}
}

func TestImportChangedFileAndFileProblems(t *testing.T) {
	f := setup(t)
	path := writeFile(t, "a.csv", gso3Clean...)
	pv := f.preview(t, path)
	if err := os.WriteFile(path, []byte(strings.Join(gso3Clean[:3], "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := f.svc.CommitImport(ctx, f.agency, path, pv.SHA256)
	if fe, ok := fault.As(err); !ok || fe.Key != "errors.import.changed" || !errors.Is(err, fault.ErrConflict) {
		t.Fatalf("changed: %v", err)
	}
	if f.count(t) != 0 {
		t.Fatal("wrote")
	}
	cases := []struct {
		name, path, key string
	}{
		{"missing file", filepath.Join(t.TempDir(), "none.csv"), "errors.import.unreadable"},
		{"unknown columns", writeFile(t, "x.csv", "Họ tên,Ngày sinh", "A,1"), "errors.import.unknownColumns"},
		{"header only", writeFile(t, "y.csv", gso3Header), "errors.import.empty"},
		{"half gso3", writeFile(t, "z.csv", "Tỉnh,Mã TP,Quận Huyện,Phường Xã,Mã PX", "A,1,B,C,2"), "errors.import.unknownColumns"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pv := f.preview(t, c.path)
			if len(pv.FileProblems) != 1 || pv.FileProblems[0].Key != c.key || pv.CanCommit {
				t.Fatalf("%+v", pv.FileProblems)
			}
			if _, err := f.svc.CommitImport(ctx, f.agency, c.path, pv.SHA256); err == nil {
				t.Fatal("committed")
			}
		})
	}
	pv = f.preview(t, cases[3].path)
	if m := pv.FileProblems[0].Params["missing"]; m != "Mã QH" {
		t.Fatalf("missing %v", m)
	}
}

func TestImportVillages(t *testing.T) {
	f := setup(t)
	f.importFile(t, writeFile(t, "a.csv", gso3Clean...))
	path := writeFile(t, "thon.csv",
		"Mã xã,Tên thôn/bản,Loại,Ghi chú",
		"19114,Bản Ra Mai,bản,",
		"19114,Bản Ra Mai,bản,", // 3 duplicate
		"19114,Thôn Tân Lợi,,",
		"19114,Tổ 1,tổ dân phố,ven sông",
		"19999,Thôn Ma,thôn,",   // 6 unknown commune
		"452,Thôn Huyện,thôn,",  // 7 a district
		"19114,Thôn Lạ,xóm,",    // 8 unknown kind
		"19114,,thôn,",          // 9 empty name
		"19111,Bản Ra Mai,bản,", // another commune: fine
	)
	pv := f.preview(t, path)
	if pv.Format != "villages" {
		t.Fatalf("format %q %+v", pv.Format, pv.FileProblems)
	}
	want := map[int]string{3: "errors.import.row.duplicateName", 6: "errors.import.row.unknownParent",
		7: "errors.import.row.parentLevel", 8: "errors.import.row.unknownKind", 9: "errors.import.row.emptyName"}
	for _, r := range pv.Rows {
		if k, bad := want[r.Row]; bad {
			if r.Action != "error" || r.Problems[0].Key != k {
				t.Errorf("line %d: %+v, want %s", r.Row, r, k)
			}
		} else if r.Action != "create" {
			t.Errorf("line %d: %+v", r.Row, r)
		}
	}
	if pv.Rows[2].Kind != "thon" || pv.Rows[3].Kind != "to_dan_pho" || pv.Rows[0].ParentName != "Xã Dân Hóa" {
		t.Fatalf("rows %+v", pv.Rows[:4])
	}
	ok := writeFile(t, "thon-ok.csv",
		"Mã xã,Tên thôn/bản,Loại,Ghi chú",
		"19114,Bản Ra Mai,bản,",
		"19114,Thôn Tân Lợi,,",
		"19114,Tổ 1,tổ dân phố,ven sông")
	if res := f.importFile(t, ok); res.Created != 3 {
		t.Fatalf("%+v", res)
	}
	com := f.byCode(t, "19114")
	kids, err := f.svc.Children(ctx, f.agency, com.ID)
	if err != nil || len(kids) != 3 || kids[0].Level != 4 {
		t.Fatalf("villages %+v %v", kids, err)
	}
	// Re-import: matched by (commune, name); a changed note updates.
	again := writeFile(t, "thon-2.csv",
		"Mã xã,Tên thôn/bản,Loại,Ghi chú",
		"19114,Bản  Ra Mai ,bản,",
		"19114,Thôn Tân Lợi,,",
		"19114,Tổ 1,tổ dân phố,ven suối")
	pv = f.preview(t, again)
	if pv.Counts != (locality.ImportCounts{Update: 1, Unchanged: 2}) {
		t.Fatalf("%+v %+v", pv.Counts, pv.Rows)
	}
	if res := f.importFile(t, again); res.Updated != 1 || f.count(t) != 14 {
		t.Fatalf("%+v %d", res, f.count(t))
	}
}

func TestImportFailureMidWriteLeavesNothing(t *testing.T) {
	f := setup(t)
	f.importFile(t, writeFile(t, "a.csv", gso3Clean[:3]...))
	before := f.count(t)
	renamed := append([]string{}, gso3Clean...)
	renamed[1] = "Tỉnh Quảng Bình,44,Huyện Minh Hóa,452,Thị trấn Quy Đạt Mới,19111,Thị trấn"
	path := writeFile(t, "b.csv", renamed...)
	pv := f.preview(t, path)
	if pv.Counts.Create == 0 || pv.Counts.Update != 1 {
		t.Fatalf("%+v", pv.Counts)
	}
	// The database fails on the first update, after the inserts.
	boom := errors.New("injected failure")
	if err := f.db.Callback().Update().Before("gorm:update").Register("test:fail", func(tx *gorm.DB) {
		if tx.Statement.Table == "localities" {
			_ = tx.AddError(boom)
		}
	}); err != nil {
		t.Fatal(err)
	}
	_, err := f.svc.CommitImport(ctx, f.agency, path, pv.SHA256)
	if !errors.Is(err, boom) {
		t.Fatalf("commit: %v", err)
	}
	if err := f.db.Callback().Update().Remove("test:fail"); err != nil {
		t.Fatal(err)
	}
	if f.count(t) != before || f.byCode(t, "19111").Name != "Thị trấn Quy Đạt" {
		t.Fatalf("partial write: %d rows, before %d", f.count(t), before)
	}
}

func TestVillageTemplateRoundTrip(t *testing.T) {
	f := setup(t)
	p := filepath.Join(t.TempDir(), locality.VillageTemplateName)
	if err := locality.WriteVillageTemplate(p); err != nil {
		t.Fatal(err)
	}
	pv := f.preview(t, p)
	if pv.Format != "villages" || len(pv.Rows) != 2 || pv.CanCommit {
		t.Fatalf("%+v", pv)
	}
	for _, r := range pv.Rows {
		if !strings.Contains(r.Name, "(ví dụ)") || r.Problems[0].Key != "errors.import.row.unknownParent" {
			t.Fatalf("%+v", r)
		}
	}
}

func TestDetectFormatHeaderVariants(t *testing.T) {
	cases := []struct {
		header []string
		want   string
	}{
		{[]string{"Tỉnh / Thành phố", "Mã TP", "Quận Huyện", "Mã QH", "Phường Xã", "Mã PX", "Cấp"}, "gso3"},
		{[]string{"Mã", "Tên", "Cấp", "Mã QH", "Quận Huyện", "Mã TP", "Tỉnh / Thành Phố", "Tên Tiếng Anh"}, "gso3"},
		{[]string{"TỈNH THÀNH PHỐ", "MÃ TP", "QUẬN HUYỆN", "MÃ QH", "PHƯỜNG XÃ", "MÃ PX"}, "gso3"},
		{[]string{"tinh thanh pho", "ma tp", "quan huyen", "ma qh", "phuong xa", "ma px", "cap"}, "gso3"},
		{[]string{"Mã", "Tên", "Cấp", "Mã TP", "Tỉnh/Thành phố"}, "gso2"},
		{[]string{"Tỉnh", "Mã tỉnh", "Xã", "Mã xã"}, "gso2"},
		{[]string{"Mã xã", "Tên thôn/bản", "Loại", "Ghi chú"}, "villages"},
		{[]string{"Mã xã", "Tên thôn, bản"}, "villages"},
		{[]string{"Mã", "Tên"}, ""},
		{[]string{"Tỉnh", "Mã TP", "Quận Huyện", "Phường Xã", "Mã PX"}, ""},
		{nil, ""},
	}
	for _, c := range cases {
		if got, _ := locality.DetectFormat(c.header); got != c.want {
			t.Errorf("%q: %q, want %q", c.header, got, c.want)
		}
	}
	if _, missing := locality.DetectFormat([]string{"Mã xã", "Loại"}); len(missing) != 1 || missing[0] != "Tên thôn/bản" {
		t.Errorf("missing %q", missing)
	}
}

func TestGSOKind(t *testing.T) {
	for in, want := range map[string]string{
		"Tỉnh": "tinh", "Thành phố Trung ương": "thanh_pho_tw", "thành phố trực thuộc trung ương": "thanh_pho_tw",
		"HUYỆN": "huyen", "Quận": "quan", "Thị xã": "thi_xa", "Xã": "xa", "Phường": "phuong", "Thị trấn": "thi_tran",
		"Đặc khu": "dac_khu", "Dac khu": "dac_khu", "thôn": "", "": "",
	} {
		if got := locality.GSOKind(in, true); got != want {
			t.Errorf("GSOKind(%q) = %q, want %q", in, got, want)
		}
	}
	if locality.GSOKind("Thành phố", true) != "thanh_pho" || locality.GSOKind("Thành phố", false) != "thanh_pho_tw" {
		t.Error("Thành phố by context")
	}
}

// fixture is a file of the sheet package's test data.
func fixture(name string) string { return filepath.Join("..", "sheet", "testdata", name) }

func TestImportFixtures(t *testing.T) {
	f := setup(t)
	clean := f.preview(t, fixture("gso3-clean.csv"))
	if clean.Format != "gso3" || !clean.CanCommit || clean.Counts.Error != 0 || clean.Repairs != 0 {
		t.Fatalf("clean %+v", clean)
	}
	names := map[string]string{}
	for _, r := range clean.Rows {
		names[r.Code] = r.Name
	}
	// Every variant reads to the same localities; the legacy ones say what they repaired.
	for _, c := range []struct {
		file, how string
	}{
		{"gso3-bom-crlf.csv", "bom"}, {"gso3-semicolon.csv", ""}, {"gso3-tcvn3.csv", "tcvn3"},
		{"gso3-vni.csv", "vni"}, {"gso3-nfd.csv", "nfd"}, {"gso3-merged-header.xlsx", ""},
	} {
		t.Run(c.file, func(t *testing.T) {
			pv := f.preview(t, fixture(c.file))
			// The workbook holds only some of the rows.
			same := pv.Counts == clean.Counts || strings.HasSuffix(c.file, ".xlsx") && pv.Counts.Error == 0 && pv.Counts.Create > 5
			if pv.Format != "gso3" || !same {
				t.Fatalf("%+v %+v", pv.Counts, pv.FileProblems)
			}
			hows := map[string]int{}
			for _, r := range pv.Rows {
				if names[r.Code] != r.Name {
					t.Errorf("%s: %q, want %q", r.Code, r.Name, names[r.Code])
				}
				for _, rp := range r.Repairs {
					hows[rp.How]++
					if rp.How != "bom" && (rp.Column == "" || rp.From == rp.To) {
						t.Errorf("repair %+v", rp)
					}
				}
			}
			if c.how != "" && hows[c.how] == 0 {
				t.Errorf("no %s repair: %v", c.how, hows)
			}
			if c.how == "" && pv.Repairs != 0 {
				t.Errorf("repairs %v", hows)
			}
		})
	}
	// Import the TCVN3 list, then the clean one: nothing changes.
	res := f.importFile(t, fixture("gso3-tcvn3.csv"))
	if res.Created != clean.Counts.Create {
		t.Fatalf("%+v", res)
	}
	if pv := f.preview(t, fixture("gso3-clean.csv")); pv.Counts.Unchanged != len(pv.Rows) {
		t.Fatalf("after tcvn3: %+v", pv.Counts)
	}
	// Villages of the imported communes.
	pv := f.preview(t, fixture("villages.csv"))
	if pv.Format != "villages" || !pv.CanCommit || pv.Counts.Create != 4 {
		t.Fatalf("villages %+v", pv)
	}
	// The post-2025 list adds a province code already used: same code, other name.
	pv = f.preview(t, fixture("gso2-clean.csv"))
	if pv.Format != "gso2" {
		t.Fatalf("gso2 %+v", pv)
	}
}

func TestImportBadRowsFixture(t *testing.T) {
	f := setup(t)
	pv := f.preview(t, fixture("gso3-bad-rows.csv"))
	got := map[int]string{}
	for _, r := range pv.Rows {
		if r.Action == "error" {
			got[r.Row] = r.Problems[0].Key
		}
	}
	want := map[int]string{
		3: "errors.import.row.duplicateCode",
		5: "errors.import.row.emptyName",
		6: "errors.import.row.unknownLevel",
		7: "errors.import.row.missingColumns",
		8: "errors.import.row.emptyCode",
	}
	if len(got) != len(want) || pv.Counts.Error != len(want) || pv.CanCommit {
		t.Fatalf("errors %v, want %v", got, want)
	}
	for line, key := range want {
		if got[line] != key {
			t.Errorf("line %d: %s, want %s", line, got[line], key)
		}
	}
	if _, err := f.svc.CommitImport(ctx, f.agency, fixture("gso3-bad-rows.csv"), pv.SHA256); err == nil || f.count(t) != 0 {
		t.Fatalf("commit: %v, %d rows", err, f.count(t))
	}
}
