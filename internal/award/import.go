package award

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
	"gorm.io/gorm"

	"chungsuc/internal/fault"
	"chungsuc/internal/fileout"
	"chungsuc/internal/sheet"
	"chungsuc/internal/vntext"
)

// Import of past awards from Excel (or CSV), with the same rules as the
// other imports: a preview that writes nothing, then a commit of the same
// file (same SHA-256) that writes every row or none.
//
// Every row must name a live unit or person of the agency: the history is
// there to be counted by the eligibility check and printed in the reports,
// and both follow the unit or the person. A row whose name matches nobody
// (or several people) is an error, never a silent name-only record; add the
// person (or fix the name) and import again. Names match ignoring case and
// diacritics when exactly one unit or person fits; an exact match wins over
// a diacritic-insensitive one, and for people the "Đơn vị" column picks
// among namesakes. A row already in the history (same subject, year, title
// and decision number) is reported unchanged and skipped, so importing the
// same file twice adds nothing.

// Import actions of a preview row.
const (
	ImportCreate    = "create"
	ImportUnchanged = "unchanged"
	ImportError     = "error"
)

// Problem is what is wrong with a row (or the file), or a notice about it:
// a message key with its params and the column (as headed in the file).
type Problem struct {
	Column string         `json:"column"`
	Key    string         `json:"key"`
	Params map[string]any `json:"params,omitempty" ts_type:"{ [key: string]: any }"`
}

// Repair is a cell the import rewrote: legacy encodings (tcvn3, vni),
// decomposed text (nfd), a byte-order mark (bom) or stray white space (spaces).
type Repair struct {
	Column string `json:"column"`
	From   string `json:"from"`
	To     string `json:"to"`
	How    string `json:"how"`
}

// ImportRow is one line of the file and what the import would do with it.
type ImportRow struct {
	// Row is the line in the file (1-based, header included).
	Row            int       `json:"row"`
	SubjectKind    string    `json:"subjectKind"`
	Name           string    `json:"name"`
	UnitName       string    `json:"unitName"`
	Year           int       `json:"year"`
	Kind           string    `json:"kind"`
	Title          string    `json:"title"`
	FormCode       string    `json:"formCode"`
	DecisionNumber string    `json:"decisionNumber"`
	DecisionDate   string    `json:"decisionDate"`
	DecisionIssuer string    `json:"decisionIssuer"`
	Thematic       bool      `json:"thematic"`
	Note           string    `json:"note"`
	UnitID         *string   `json:"unitId"`
	StaffID        *string   `json:"staffId"`
	MatchedName    string    `json:"matchedName"`
	Action         string    `json:"action"`
	Problems       []Problem `json:"problems"`
	Notices        []Problem `json:"notices"`
	Repairs        []Repair  `json:"repairs"`
}

// ImportCounts counts the preview rows by action.
type ImportCounts struct {
	Create    int `json:"create"`
	Unchanged int `json:"unchanged"`
	Error     int `json:"error"`
}

// ImportPreview is what an import would do, computed without writing.
type ImportPreview struct {
	FileName     string       `json:"fileName"`
	SHA256       string       `json:"sha256"`
	Rows         []ImportRow  `json:"rows"`
	Counts       ImportCounts `json:"counts"`
	Repairs      int          `json:"repairs"`
	CanCommit    bool         `json:"canCommit"`
	FileProblems []Problem    `json:"fileProblems"`
}

// ImportResult is what a committed import wrote.
type ImportResult struct {
	Created   int `json:"created"`
	Unchanged int `json:"unchanged"`
}

type role int

const (
	roleNone role = iota
	roleSubject
	roleName
	roleUnit
	roleYear
	roleKind
	roleTitle
	roleNumber
	roleDate
	roleIssuer
	roleThematic
	roleNote
)

// TemplateHeader is the header row of the template, in its order (the
// import matches the names, not the order).
var TemplateHeader = []string{"Đối tượng", "Tên", "Đơn vị", "Năm", "Loại", "Danh hiệu/hình thức", "Số quyết định",
	"Ngày quyết định", "Cơ quan ban hành", "Chuyên đề/đột xuất (x)", "Ghi chú"}

var headerRoles = map[string]role{
	"doituong": roleSubject, "loaidoituong": roleSubject, "tapthecanhan": roleSubject, "doituongkhenthuong": roleSubject,
	"ten": roleName, "hoten": roleName, "hovaten": roleName, "tendoituong": roleName, "tentapthecanhan": roleName,
	"tentapthe": roleName, "hotententapthe": roleName, "tentapthehoten": roleName,
	"donvi": roleUnit, "donvicongtac": roleUnit, "phongdonvi": roleUnit, "thuocdonvi": roleUnit,
	"nam": roleYear, "namkhenthuong": roleYear, "namtang": roleYear, "namdat": roleYear,
	"loai": roleKind, "loaikhenthuong": roleKind, "danhhieuhayhinhthuc": roleKind,
	"danhhieuhinhthuc": roleTitle, "danhhieuhinhthuckhenthuong": roleTitle, "hinhthuc": roleTitle, "danhhieu": roleTitle,
	"hinhthuckhenthuong": roleTitle, "hinhthucdanhhieu": roleTitle, "danhhieuthidua": roleTitle, "tendanhhieuhinhthuc": roleTitle,
	"soquyetdinh": roleNumber, "soqd": roleNumber, "sokyhieu": roleNumber, "soquyetdinhkhenthuong": roleNumber,
	"ngayquyetdinh": roleDate, "ngayqd": roleDate, "ngayky": roleDate, "ngaybanhanh": roleDate,
	"coquanbanhanh": roleIssuer, "coquanquyetdinh": roleIssuer, "capquyetdinh": roleIssuer, "noibanhanh": roleIssuer,
	"coquanraquyetdinh": roleIssuer, "nguoiky": roleIssuer,
	"chuyendedotxuatx": roleThematic, "chuyendedotxuat": roleThematic, "chuyende": roleThematic, "dotxuat": roleThematic,
	"theochuyende": roleThematic, "chuyendehoacdotxuat": roleThematic,
	"ghichu": roleNote,
}

var requiredRoles = []role{roleSubject, roleName, roleYear, roleTitle}

// PreviewImport reads a file of past awards and says what importing it
// would do; nothing is written.
func (s *Service) PreviewImport(ctx context.Context, agencyID, path string) (ImportPreview, error) {
	var pv ImportPreview
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		p, err := buildImport(tx, agencyID, path)
		if err == nil {
			pv = p.preview
		}
		return err
	})
	if err != nil {
		return ImportPreview{FileName: filepath.Base(path), Rows: []ImportRow{}, FileProblems: []Problem{}}, err
	}
	return pv, nil
}

// CommitImport re-reads the file, checks it is the one previewed (same
// SHA-256) and free of errors, and writes every new row in one transaction.
func (s *Service) CommitImport(ctx context.Context, agencyID, path, sum string) (ImportResult, error) {
	var res ImportResult
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		p, err := buildImport(tx, agencyID, path)
		if err != nil {
			return err
		}
		pv := p.preview
		c := sheet.Commit{FileName: pv.FileName, SHA256: pv.SHA256, Previewed: sum, ErrorRows: pv.Counts.Error}
		if len(pv.FileProblems) > 0 {
			c.ProblemKey, c.ProblemParams = pv.FileProblems[0].Key, pv.FileProblems[0].Params
		}
		if err := c.Check(); err != nil {
			return err
		}
		if len(p.records) > 0 {
			if err := tx.CreateInBatches(p.records, 25).Error; err != nil {
				return fmt.Errorf("import records: %w", err)
			}
		}
		res = ImportResult{Created: len(p.records), Unchanged: pv.Counts.Unchanged}
		return nil
	})
	return res, err
}

type importPlan struct {
	preview ImportPreview
	records []Record
}

func fileProblem(pv *ImportPreview, key string, kv ...any) {
	pv.FileProblems = append(pv.FileProblems, Problem{Key: key, Params: kv2map(kv)})
}

func kv2map(kv []any) map[string]any {
	if len(kv) == 0 {
		return nil
	}
	m := map[string]any{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[fmt.Sprint(kv[i])] = kv[i+1]
	}
	return m
}

// matcher holds the agency's units, staff, forms and history for matching.
type matcher struct {
	units      []unitRow
	staff      []staffRow
	unitName   map[string]string // unit id → name
	forms      map[string]Form
	existing   map[string]bool // history keys
	inFile     map[string]int  // history key → line
	agencyID   string
	thisYear   int
	todayISO   string
	formByNorm map[string]string // normalised name or alias → code
}

func newMatcher(tx *gorm.DB, agencyID string) (*matcher, error) {
	m := &matcher{agencyID: agencyID, unitName: map[string]string{}, existing: map[string]bool{}, inFile: map[string]int{},
		formByNorm: map[string]string{}, thisYear: Today().Year(), todayISO: todayISO()}
	if err := tx.Where("agency_id = ?", agencyID).Order("sort_order ASC").Order("id ASC").Find(&m.units).Error; err != nil {
		return nil, fmt.Errorf("import units: %w", err)
	}
	for _, u := range m.units {
		m.unitName[u.ID] = u.Name
	}
	if err := tx.Where("agency_id = ?", agencyID).Order("id ASC").Find(&m.staff).Error; err != nil {
		return nil, fmt.Errorf("import staff: %w", err)
	}
	forms, err := formsByCode(tx, agencyID)
	if err != nil {
		return nil, err
	}
	m.forms = forms
	for code, f := range forms {
		m.formByNorm[normTitle(f.Name)] = code
	}
	for code, aliases := range formAliases {
		if _, ok := forms[code]; !ok {
			continue
		}
		for _, a := range aliases {
			if _, taken := m.formByNorm[normTitle(a)]; !taken {
				m.formByNorm[normTitle(a)] = code
			}
		}
	}
	var recs []Record
	if err := tx.Select("subject_kind, unit_id, staff_id, year, form_code, title, decision_number").Where("agency_id = ?", agencyID).
		Find(&recs).Error; err != nil {
		return nil, fmt.Errorf("import history: %w", err)
	}
	for _, r := range recs {
		m.existing[historyKey(r.SubjectKind, r.UnitID, r.StaffID, r.Year, r.FormCode, r.Title, r.DecisionNumber)] = true
	}
	return m, nil
}

// historyKey identifies a record for the duplicate checks: the subject,
// the year, the catalogue entry (or the title when there is none) and the
// decision number.
func historyKey(kind string, unitID, staffID *string, year int, formCode, title, number string) string {
	id := ""
	if kind == SubjectUnit && unitID != nil {
		id = *unitID
	} else if staffID != nil {
		id = *staffID
	}
	what := "=" + formCode
	if formCode == "" {
		what = normTitle(title)
	}
	return fmt.Sprintf("%s|%s|%d|%s|%s", kind, id, year, what, vntext.Fold(number))
}

// formAliases are other ways files name the built-in forms.
var formAliases = map[string][]string{
	FormHCLDBa:   {"Huân chương Lao động hạng 3", "Huân chương Lao động hạng III", "HCLĐ hạng Ba"},
	FormBKTTg:    {"Bằng khen Thủ tướng Chính phủ", "Bằng khen của Thủ tướng", "Bằng khen Thủ tướng", "Bằng khen TTg", "Bằng khen TTCP"},
	FormBKTinh:   {"Bằng khen của Chủ tịch UBND tỉnh", "Bằng khen của UBND tỉnh", "Bằng khen UBND tỉnh", "Bằng khen Chủ tịch UBND tỉnh", "Bằng khen của Ủy ban nhân dân tỉnh", "Bằng khen tỉnh"},
	FormGiayKhen: {"Giấy khen của Giám đốc Sở", "Giấy khen Giám đốc Sở", "Giấy khen của Giám đốc"},
	FormCSTDCS:   {"CSTĐCS", "Chiến sỹ thi đua cơ sở", "Danh hiệu Chiến sĩ thi đua cơ sở"},
	FormLDTT:     {"LĐTT", "Danh hiệu Lao động tiên tiến"},
	FormTTLDXS:   {"TTLĐXS", "Danh hiệu Tập thể lao động xuất sắc"},
}

// normTitle folds a title for matching: no diacritics, no punctuation,
// "UBND" spelt out.
func normTitle(s string) string {
	f := vntext.Fold(s)
	var b strings.Builder
	for _, r := range f {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		} else {
			b.WriteByte(' ')
		}
	}
	words := strings.Fields(b.String())
	for i, w := range words {
		if w == "ubnd" {
			words[i] = "uy ban nhan dan"
		}
	}
	return strings.Join(words, " ")
}

// formOf links a title to the catalogue ("" when nothing matches).
func (m *matcher) formOf(title string) string {
	return m.formByNorm[normTitle(title)]
}

func buildImport(tx *gorm.DB, agencyID, path string) (*importPlan, error) {
	p := &importPlan{preview: ImportPreview{FileName: filepath.Base(path), Rows: []ImportRow{}, FileProblems: []Problem{}}}
	pv := &p.preview
	data, err := os.ReadFile(path)
	if err != nil {
		fileProblem(pv, "errors.import.unreadable", "path", path)
		return p, nil
	}
	h := sha256.Sum256(data)
	pv.SHA256 = hex.EncodeToString(h[:])
	t, err := sheet.ReadFile(path)
	if err != nil {
		if fe, ok := fault.As(err); ok && strings.HasPrefix(fe.Key, "errors.import.") {
			pv.FileProblems = append(pv.FileProblems, Problem{Key: fe.Key, Params: fe.Params})
			return p, nil
		}
		fileProblem(pv, "errors.import.unreadable", "path", path)
		return p, nil
	}
	col := map[role]int{}
	for i, hdr := range t.Header {
		if r := headerRoles[sheet.FoldHeader(hdr)]; r != roleNone {
			if _, seen := col[r]; !seen {
				col[r] = i
			}
		}
	}
	var missing []string
	for _, r := range requiredRoles {
		if _, ok := col[r]; !ok {
			missing = append(missing, TemplateHeader[templateIndex[r]])
		}
	}
	if len(missing) > 0 {
		var found []string
		for _, hdr := range t.Header {
			if hdr = vntext.Clean(hdr); hdr != "" {
				found = append(found, hdr)
			}
		}
		fileProblem(pv, "errors.award.import.columns", "missing", strings.Join(missing, ", "), "found", strings.Join(found, ", "))
		return p, nil
	}
	m, err := newMatcher(tx, agencyID)
	if err != nil {
		return nil, err
	}
	bom := strings.Contains(strings.ToLower(t.Encoding), "bom")
	for i, r := range t.Rows {
		row, rec := m.row(t.Header, col, r)
		if bom && i == 0 {
			row.Repairs = append([]Repair{{From: "\ufeff", How: "bom"}}, row.Repairs...)
		}
		pv.Repairs += len(row.Repairs)
		switch row.Action {
		case ImportCreate:
			pv.Counts.Create++
			p.records = append(p.records, rec)
		case ImportUnchanged:
			pv.Counts.Unchanged++
		default:
			pv.Counts.Error++
		}
		pv.Rows = append(pv.Rows, row)
	}
	pv.CanCommit = len(pv.FileProblems) == 0 && pv.Counts.Error == 0 && pv.Counts.Create > 0
	return p, nil
}

// templateIndex is each role's column in TemplateHeader.
var templateIndex = map[role]int{roleSubject: 0, roleName: 1, roleUnit: 2, roleYear: 3, roleKind: 4, roleTitle: 5,
	roleNumber: 6, roleDate: 7, roleIssuer: 8, roleThematic: 9, roleNote: 10}

// row reads and checks one line.
func (m *matcher) row(header []string, col map[role]int, r sheet.Row) (ImportRow, Record) {
	row := ImportRow{Row: r.Line, Problems: []Problem{}, Notices: []Problem{}, Repairs: []Repair{}}
	v := map[role]string{}
	colName := func(ro role) string {
		if i, ok := col[ro]; ok && i < len(header) {
			return vntext.Clean(header[i])
		}
		return TemplateHeader[templateIndex[ro]]
	}
	problem := func(ro role, key string, kv ...any) {
		row.Problems = append(row.Problems, Problem{Column: colName(ro), Key: key, Params: kv2map(kv)})
	}
	byIndex := map[int]role{}
	for ro, i := range col {
		byIndex[i] = ro
	}
	for i := range header {
		raw := ""
		if i < len(r.Cells) {
			raw = r.Cells[i]
		}
		ro, used := byIndex[i]
		if !used {
			continue
		}
		fixed, how, ok := vntext.RepairLegacy(raw)
		if !ok {
			problem(ro, "errors.import.row.unreadable", "value", raw)
			continue
		}
		if how != "" && fixed != raw {
			row.Repairs = append(row.Repairs, Repair{Column: vntext.Clean(header[i]), From: raw, To: fixed, How: how})
		}
		if ro == roleNote {
			v[ro] = vntext.CleanText(fixed)
		} else {
			v[ro] = vntext.Clean(fixed)
		}
	}
	row.Name, row.UnitName, row.Title = v[roleName], v[roleUnit], v[roleTitle]
	row.DecisionNumber, row.DecisionIssuer, row.Note = v[roleNumber], v[roleIssuer], v[roleNote]

	// Subject kind.
	switch kind, ok := ParseSubject(v[roleSubject]); {
	case v[roleSubject] == "":
		problem(roleSubject, "errors.award.import.subjectEmpty")
	case !ok:
		problem(roleSubject, "errors.award.import.subjectUnknown", "value", v[roleSubject])
	default:
		row.SubjectKind = kind
	}
	// Year.
	if y, ok := ParseYear(v[roleYear]); !ok {
		if v[roleYear] == "" {
			problem(roleYear, "errors.award.import.yearEmpty")
		} else {
			problem(roleYear, "errors.award.import.yearBad", "value", v[roleYear])
		}
	} else if y < 1945 || y > m.thisYear {
		problem(roleYear, "errors.award.import.yearRange", "value", y, "max", m.thisYear)
	} else {
		row.Year = y
	}
	// Title and form.
	switch {
	case row.Title == "":
		problem(roleTitle, "errors.award.import.titleEmpty")
	case vntext.Len(row.Title) > 300:
		problem(roleTitle, "validation.tooLong", "max", 300, "length", vntext.Len(row.Title))
	default:
		row.FormCode = m.formOf(row.Title)
	}
	form, linked := m.forms[row.FormCode]
	// Kind.
	if k := v[roleKind]; k != "" {
		kind, ok := ParseKind(k)
		switch {
		case !ok:
			problem(roleKind, "errors.award.import.kindUnknown", "value", k)
		case linked && kind != form.Kind:
			problem(roleKind, "errors.award.import.kindMismatch", "title", form.Name)
		default:
			row.Kind = kind
		}
	} else if linked {
		row.Kind = form.Kind
	} else if row.Title != "" {
		problem(roleKind, "errors.award.import.kindEmpty")
	}
	// Decision.
	if vntext.Len(row.DecisionNumber) > 60 {
		problem(roleNumber, "validation.tooLong", "max", 60, "length", vntext.Len(row.DecisionNumber))
	}
	if d, ok := ParseDate(v[roleDate]); !ok {
		problem(roleDate, "errors.award.import.dateBad", "value", v[roleDate])
	} else if d > m.todayISO {
		problem(roleDate, "validation.dateFuture")
	} else {
		row.DecisionDate = d
	}
	if vntext.Len(row.DecisionIssuer) > 200 {
		problem(roleIssuer, "validation.tooLong", "max", 200, "length", vntext.Len(row.DecisionIssuer))
	}
	if th, ok := ParseFlag(v[roleThematic]); !ok {
		problem(roleThematic, "errors.award.import.flagBad", "value", v[roleThematic])
	} else {
		row.Thematic = th
	}
	if vntext.Len(row.Note) > 2000 {
		problem(roleNote, "validation.tooLong", "max", 2000, "length", vntext.Len(row.Note))
	}
	// Subject.
	if row.Name == "" {
		problem(roleName, "errors.award.import.nameEmpty")
	} else if row.SubjectKind != "" {
		m.matchSubject(&row, problem, colName(roleUnit))
	}
	if linked && row.SubjectKind != "" && !targetFits(form.Target, row.SubjectKind) {
		problem(roleTitle, "errors.award.import.formTarget", "title", form.Name, "target", targetNames[form.Target])
	}
	if len(row.Problems) > 0 {
		row.Action = ImportError
		return row, Record{}
	}
	key := historyKey(row.SubjectKind, row.UnitID, row.StaffID, row.Year, row.FormCode, row.Title, row.DecisionNumber)
	if line, ok := m.inFile[key]; ok {
		problem(roleName, "errors.award.import.duplicate", "line", line)
		row.Action = ImportError
		return row, Record{}
	}
	m.inFile[key] = row.Row
	if m.existing[key] {
		row.Action = ImportUnchanged
		return row, Record{}
	}
	row.Action = ImportCreate
	rec := Record{AgencyID: m.agencyID, SubjectKind: row.SubjectKind, UnitID: row.UnitID, StaffID: row.StaffID,
		SubjectName: row.MatchedName, Year: row.Year, Kind: row.Kind, FormCode: row.FormCode, Title: row.Title,
		DecisionNumber: row.DecisionNumber, DecisionDate: row.DecisionDate, DecisionIssuer: row.DecisionIssuer,
		Thematic: row.Thematic, Origin: OriginImport, Note: row.Note}
	if row.FormCode != "" {
		rec.Title = form.Name
	}
	rec.keys()
	return row, rec
}

// matchSubject finds the row's unit or person.
func (m *matcher) matchSubject(row *ImportRow, problem func(role, string, ...any), unitCol string) {
	name := row.Name
	if row.SubjectKind == SubjectUnit {
		var exact, folded []unitRow
		for _, u := range m.units {
			switch {
			case vntext.Key(u.Name) == vntext.Key(name) || (u.ShortName != "" && vntext.Key(u.ShortName) == vntext.Key(name)):
				exact = append(exact, u)
			case vntext.Fold(u.Name) == vntext.Fold(name) || (u.ShortName != "" && vntext.Fold(u.ShortName) == vntext.Fold(name)):
				folded = append(folded, u)
			}
		}
		pick := exact
		if len(pick) == 0 {
			pick = folded
		}
		switch len(pick) {
		case 0:
			problem(roleName, "errors.award.import.unitNotFound", "name", name)
		case 1:
			id := pick[0].ID
			row.UnitID, row.MatchedName = &id, pick[0].Name
		default:
			problem(roleName, "errors.award.import.unitAmbiguous", "name", name, "count", len(pick))
		}
		return
	}
	var exact, folded []staffRow
	for _, s := range m.staff {
		switch {
		case vntext.Key(s.FullName) == vntext.Key(name):
			exact = append(exact, s)
		case vntext.Fold(s.FullName) == vntext.Fold(name):
			folded = append(folded, s)
		}
	}
	pick := exact
	if len(pick) == 0 {
		pick = folded
	}
	inUnit := func(list []staffRow) []staffRow {
		var out []staffRow
		for _, s := range list {
			if s.UnitID == nil {
				continue
			}
			for _, u := range m.units {
				if u.ID == *s.UnitID && (vntext.Fold(u.Name) == vntext.Fold(row.UnitName) ||
					(u.ShortName != "" && vntext.Fold(u.ShortName) == vntext.Fold(row.UnitName))) {
					out = append(out, s)
				}
			}
		}
		return out
	}
	if row.UnitName != "" && len(pick) > 1 {
		if narrowed := inUnit(pick); len(narrowed) > 0 {
			pick = narrowed
		}
	}
	switch len(pick) {
	case 0:
		problem(roleName, "errors.award.import.staffNotFound", "name", name)
	case 1:
		s := pick[0]
		id := s.ID
		row.StaffID, row.MatchedName = &id, s.FullName
		if row.UnitName != "" && len(inUnit(pick)) == 0 {
			current := ""
			if s.UnitID != nil {
				current = m.unitName[*s.UnitID]
			}
			row.Notices = append(row.Notices, Problem{Column: unitCol, Key: "award.import.otherUnit",
				Params: map[string]any{"unit": row.UnitName, "current": current}})
		}
	default:
		problem(roleName, "errors.award.import.staffAmbiguous", "name", name, "count", len(pick))
	}
}

// ParseSubject reads the "Đối tượng" cell: tập thể or cá nhân.
func ParseSubject(s string) (string, bool) {
	switch vntext.Fold(strings.Trim(vntext.Clean(s), ".")) {
	case "tap the", "tt", "tap the (don vi)", "don vi", "unit":
		return SubjectUnit, true
	case "ca nhan", "cn", "staff":
		return SubjectStaff, true
	}
	return "", false
}

// ParseKind reads the "Loại" cell: danh hiệu (thi đua) or hình thức (khen thưởng).
func ParseKind(s string) (string, bool) {
	switch vntext.Fold(strings.Trim(vntext.Clean(s), ".")) {
	case "danh hieu", "danh hieu thi dua", "dh":
		return KindTitle, true
	case "hinh thuc", "hinh thuc khen thuong", "khen thuong", "ht":
		return KindForm, true
	}
	return "", false
}

// ParseYear reads a year ("2023", or "2023.0" from a spreadsheet).
func ParseYear(s string) (int, bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(strings.TrimSuffix(s, ".0"), ",0")
	if len(s) != 4 {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, false
	}
	return n, true
}

// ParseDate reads dd/mm/yyyy, yyyy-mm-dd or an Excel date serial; "" is
// "" (the date is optional).
func ParseDate(cell string) (string, bool) {
	s := vntext.Clean(cell)
	if s == "" {
		return "", true
	}
	for _, layout := range []string{"2006-01-02", "02/01/2006", "2/1/2006", "02-01-2006", "02.01.2006", "2/1/06"} {
		if t, err := time.Parse(layout, s); err == nil && t.Year() >= 1900 && t.Year() <= 2100 {
			return t.Format(fault.DateLayout), true
		}
	}
	if n, err := strconv.Atoi(s); err == nil && n > 0 && n < 80000 {
		// Excel's day 1 is 1900-01-01, with its fictitious 29/02/1900.
		t := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n)
		return t.Format(fault.DateLayout), true
	}
	return "", false
}

// ParseFlag reads the thematic mark: "x" (or có, 1, ✓) is yes, empty (or
// không, 0) is no.
func ParseFlag(s string) (bool, bool) {
	switch vntext.Fold(vntext.Clean(s)) {
	case "x", "co", "1", "yes", "true", "v", "✓", "✔", "chuyen de", "dot xuat":
		return true, true
	case "", "khong", "0", "no", "false", "-":
		return false, true
	}
	return false, false
}

// TemplateName is the file name the save dialog proposes.
const TemplateName = "mau-lich-su-khen-thuong.xlsx"

// templateExamples are marked "(ví dụ)": their names match nobody, so
// importing them unchanged fails instead of slipping in.
var templateExamples = [][]string{
	{"Tập thể", "Phòng Mẫu (ví dụ)", "", "2023", "Danh hiệu", "Tập thể lao động xuất sắc", "125/QĐ-STNMT", "15/01/2024", "Sở Tài nguyên và Môi trường", "", "(ví dụ) Đối tượng: Tập thể hoặc Cá nhân"},
	{"Cá nhân", "Nguyễn Văn Mẫu (ví dụ)", "Phòng Mẫu (ví dụ)", "2024", "Hình thức", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "2345/QĐ-UBND", "20/12/2024", "Ủy ban nhân dân tỉnh", "x", "(ví dụ) Đánh x nếu khen theo chuyên đề hoặc đột xuất"},
}

// templateHelp is the second sheet of the template.
var templateHelp = [][]string{
	{"Cột", "Cách ghi"},
	{"Đối tượng", "Tập thể hoặc Cá nhân (bắt buộc)."},
	{"Tên", "Tên đơn vị (tập thể) hoặc họ và tên cán bộ (cá nhân), đúng như trong danh sách đơn vị, cán bộ của chương trình (bắt buộc; không phân biệt hoa thường, có dấu hay không dấu)."},
	{"Đơn vị", "Với cá nhân: đơn vị công tác, dùng để phân biệt người trùng tên (không bắt buộc)."},
	{"Năm", "Năm được khen thưởng, 4 chữ số (bắt buộc)."},
	{"Loại", "Danh hiệu (danh hiệu thi đua) hoặc Hình thức (hình thức khen thưởng); có thể bỏ trống nếu tên trùng với danh mục."},
	{"Danh hiệu/hình thức", "Tên danh hiệu hoặc hình thức khen thưởng (bắt buộc); trùng tên trong danh mục thì được liên kết với danh mục."},
	{"Số quyết định", "Ví dụ 125/QĐ-UBND."},
	{"Ngày quyết định", "Ngày/tháng/năm, ví dụ 15/01/2024."},
	{"Cơ quan ban hành", "Cơ quan, người có thẩm quyền ra quyết định."},
	{"Chuyên đề/đột xuất (x)", "Đánh x nếu khen thưởng theo phong trào thi đua theo chuyên đề hoặc thành tích đột xuất (Nghị định 152/2025/NĐ-CP Điều 4 khoản 3: không dùng làm căn cứ đề nghị cấp trên khen thưởng công trạng)."},
	{"Ghi chú", "Không bắt buộc."},
	{"", "Dòng có chữ (ví dụ) chỉ để minh họa: hãy xóa trước khi nhập. Chương trình xem trước toàn bộ tệp; chỉ nhập khi không còn dòng lỗi, và nhập tất cả hoặc không nhập gì."},
}

// WriteTemplate writes the history import template (.xlsx) to path, whole
// or not at all.
func WriteTemplate(path string) error {
	f := excelize.NewFile()
	defer f.Close()
	const main, help = "Lịch sử khen thưởng", "Hướng dẫn"
	fail := func(err error) error {
		return fault.Wrap(err, fault.ErrRefused, "errors.import.cannotWrite", "path", path)
	}
	if err := f.SetSheetName("Sheet1", main); err != nil {
		return fail(err)
	}
	if _, err := f.NewSheet(help); err != nil {
		return fail(err)
	}
	write := func(sheetName string, rows [][]string) error {
		for i, r := range rows {
			cell, err := excelize.CoordinatesToCellName(1, i+1)
			if err != nil {
				return err
			}
			vals := make([]any, len(r))
			for j, v := range r {
				vals[j] = v
			}
			if err := f.SetSheetRow(sheetName, cell, &vals); err != nil {
				return err
			}
		}
		return nil
	}
	if err := write(main, append([][]string{TemplateHeader}, templateExamples...)); err != nil {
		return fail(err)
	}
	if err := write(help, templateHelp); err != nil {
		return fail(err)
	}
	if text, err := f.NewStyle(&excelize.Style{NumFmt: 49}); err == nil {
		_ = f.SetColStyle(main, "D", text)
		_ = f.SetColStyle(main, "G:H", text)
	}
	if bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}}); err == nil {
		_ = f.SetRowStyle(main, 1, 1, bold)
		_ = f.SetRowStyle(help, 1, 1, bold)
	}
	for c, w := range map[string]float64{"A": 11, "B": 30, "C": 26, "D": 7, "E": 11, "F": 40, "G": 16, "H": 15, "I": 28, "J": 12, "K": 40} {
		_ = f.SetColWidth(main, c, c, w)
	}
	_ = f.SetColWidth(help, "A", "A", 24)
	_ = f.SetColWidth(help, "B", "B", 110)
	_ = f.SetPanes(main, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	f.SetActiveSheet(0)
	if err := fileout.Write(path, func(w io.Writer) error { return f.Write(w) }); err != nil {
		return fail(err)
	}
	return nil
}
