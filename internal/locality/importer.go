package locality

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"gorm.io/gorm"

	"chungsuc/internal/fault"
	"chungsuc/internal/sheet"
	"chungsuc/internal/store"
	"chungsuc/internal/vntext"
)

// Import formats.
const (
	FormatGSO3     = "gso3"     // tỉnh – huyện – xã (before 1/7/2025)
	FormatGSO2     = "gso2"     // tỉnh – xã (from 1/7/2025)
	FormatVillages = "villages" // the villages template
)

// Import actions of a preview row.
const (
	ActionCreate    = "create"
	ActionUpdate    = "update"
	ActionUnchanged = "unchanged"
	ActionError     = "error"
)

// Problem is what is wrong with a row (or the file): a message key with its
// params, and the column (as headed in the file) it concerns.
type Problem struct {
	Column string         `json:"column"`
	Key    string         `json:"key"`
	Params map[string]any `json:"params,omitempty"`
}

// Repair is a cell the import rewrote: legacy encodings (tcvn3, vni),
// decomposed text (nfd), a byte-order mark (bom) or stray white space (spaces).
type Repair struct {
	Column string `json:"column"`
	From   string `json:"from"`
	To     string `json:"to"`
	How    string `json:"how"`
}

// PreviewRow is one locality the file names and what the import would do
// with it. A file row of the statistics-office list names a province, a
// district and a commune: the first row naming a province or a district
// gives it its own preview row, with the same Row.
type PreviewRow struct {
	// Row is the line in the file (1-based, header included).
	Row        int       `json:"row"`
	Code       string    `json:"code"`
	Name       string    `json:"name"`
	Kind       string    `json:"kind"`
	ParentCode string    `json:"parentCode"`
	ParentName string    `json:"parentName"`
	Action     string    `json:"action"`
	Problems   []Problem `json:"problems"`
	Repairs    []Repair  `json:"repairs"`
}

// ImportCounts counts the preview rows by action.
type ImportCounts struct {
	Create    int `json:"create"`
	Update    int `json:"update"`
	Unchanged int `json:"unchanged"`
	Error     int `json:"error"`
}

// ImportPreview is what an import would do, computed without writing.
type ImportPreview struct {
	FileName     string       `json:"fileName"`
	SHA256       string       `json:"sha256"`
	Format       string       `json:"format"`
	Rows         []PreviewRow `json:"rows"`
	Counts       ImportCounts `json:"counts"`
	Repairs      int          `json:"repairs"`
	CanCommit    bool         `json:"canCommit"`
	FileProblems []Problem    `json:"fileProblems"`
}

// ImportResult is what a committed import wrote.
type ImportResult struct {
	Created   int `json:"created"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
}

// Column roles recognised in a header.
type role int

const (
	roleNone role = iota
	roleProvName
	roleProvCode
	roleDistName
	roleDistCode
	roleName
	roleCode
	roleLevel
	roleVillageName
	roleVillageKind
	roleNote
)

// headerAliases maps a folded header (lower case, no diacritics, letters
// and digits only) to its role. "maxa" is the commune's code in the lists
// and the parent commune's code in the villages template.
var headerAliases = map[string]role{
	"tinhthanhpho": roleProvName, "tinhtp": roleProvName, "tinh": roleProvName, "tentinh": roleProvName,
	"tentinhthanhpho": roleProvName, "tentinhtp": roleProvName, "thanhphotinh": roleProvName,
	"matp": roleProvCode, "matinh": roleProvCode, "matinhthanhpho": roleProvCode, "matinhtp": roleProvCode,
	"quanhuyen": roleDistName, "huyen": roleDistName, "tenhuyen": roleDistName, "tenquanhuyen": roleDistName,
	"huyenquan": roleDistName, "quanhuyenthixa": roleDistName,
	"maqh": roleDistCode, "mahuyen": roleDistCode, "maquanhuyen": roleDistCode,
	"phuongxa": roleName, "xaphuong": roleName, "xa": roleName, "tenxa": roleName, "ten": roleName,
	"tenphuongxa": roleName, "phuongxathitran": roleName, "tendonvi": roleName, "tendvhc": roleName,
	"mapx": roleCode, "maxa": roleCode, "ma": roleCode, "maphuongxa": roleCode, "madvhc": roleCode, "madonvi": roleCode,
	"cap": roleLevel, "capdvhc": roleLevel, "capdonvi": roleLevel,
	"tenthonban": roleVillageName, "thonban": roleVillageName, "tenthon": roleVillageName, "thon": roleVillageName,
	"tenthonbanlang": roleVillageName, "thonbanlang": roleVillageName, "tenthonbanlangap": roleVillageName,
	"tenthonbantodanpho": roleVillageName,
	"loai":               roleVillageKind, "loaithon": roleVillageKind, "loaithonban": roleVillageKind,
	"ghichu": roleNote,
}

// expected names the columns of each format, as the official files head them.
var expected = map[string][]struct {
	r     role
	label string
}{
	FormatGSO3: {{roleProvName, "Tỉnh / Thành phố"}, {roleProvCode, "Mã TP"}, {roleDistName, "Quận Huyện"},
		{roleDistCode, "Mã QH"}, {roleName, "Phường Xã"}, {roleCode, "Mã PX"}},
	FormatGSO2:     {{roleProvName, "Tỉnh / Thành phố"}, {roleProvCode, "Mã TP"}, {roleName, "Phường Xã"}, {roleCode, "Mã PX"}},
	FormatVillages: {{roleCode, "Mã xã"}, {roleVillageName, "Tên thôn/bản"}},
}

// layout is a recognised header: the format and the column of each role.
type layout struct {
	format string
	col    map[role]int
	header []string
}

// DetectFormat recognises a header. It returns the format, or "" and the
// labels of the columns missing for the nearest format.
func DetectFormat(header []string) (format string, missing []string) {
	l, missing := detect(header)
	return l.format, missing
}

func detect(header []string) (layout, []string) {
	l := layout{col: map[role]int{}, header: header}
	for i, h := range header {
		r := headerAliases[sheet.FoldHeader(h)]
		if r == roleNone {
			continue
		}
		if _, seen := l.col[r]; !seen {
			l.col[r] = i
		}
	}
	order := []string{FormatGSO3, FormatGSO2}
	_, vn := l.col[roleVillageName]
	_, vk := l.col[roleVillageKind]
	if vn || vk {
		order = []string{FormatVillages}
	}
	var best []string
	for _, f := range order {
		var miss []string
		for _, e := range expected[f] {
			if _, ok := l.col[e.r]; !ok {
				miss = append(miss, e.label)
			}
		}
		if len(miss) == 0 {
			if f == FormatGSO2 {
				// A district column without its twin is a broken gso3 list.
				_, dn := l.col[roleDistName]
				_, dc := l.col[roleDistCode]
				if dn != dc {
					continue
				}
			}
			l.format = f
			return l, nil
		}
		if best == nil || len(miss) < len(best) {
			best = miss
		}
	}
	return l, best
}

// communeKinds maps a folded "Cấp" value to a commune kind.
var communeKinds = map[string]string{
	"xa": KindXa, "phuong": KindPhuong, "thi tran": KindThiTran, "dac khu": KindDacKhu,
}

// villageKinds maps a folded "Loại" value to a village kind.
var villageKinds = map[string]string{
	"thon": KindThon, "ban": KindBan, "lang": KindLang, "ap": KindAp, "to dan pho": KindToDanPho,
	"khu pho": KindToDanPho, "to": KindToDanPho, "khom": KindAp, "soc": KindAp, "buon": KindBan,
}

// GSOKind maps a "Cấp" value of the statistics-office lists to a kind
// (diacritic- and case-insensitive); level2 says "Thành phố" is a district.
func GSOKind(value string, level2 bool) string {
	switch f := vntext.Fold(value); f {
	case "tinh":
		return KindTinh
	case "thanh pho trung uong", "thanh pho truc thuoc trung uong", "tp truc thuoc trung uong":
		return KindThanhPhoTW
	case "huyen":
		return KindHuyen
	case "quan":
		return KindQuan
	case "thi xa":
		return KindThiXa
	case "thanh pho":
		if level2 {
			return KindThanhPho
		}
		return KindThanhPhoTW
	default:
		return communeKinds[f]
	}
}

// kindByPrefix guesses a kind from the name's first words.
func kindByPrefix(name string, prefixes []struct{ p, kind string }) string {
	f := vntext.Fold(name)
	for _, p := range prefixes {
		if strings.HasPrefix(f, p.p+" ") {
			return p.kind
		}
	}
	return ""
}

var (
	provincePrefixes = []struct{ p, kind string }{{"thanh pho", KindThanhPhoTW}, {"tp", KindThanhPhoTW}, {"tinh", KindTinh}}
	districtPrefixes = []struct{ p, kind string }{{"quan", KindQuan}, {"huyen", KindHuyen}, {"thi xa", KindThiXa},
		{"thanh pho", KindThanhPho}, {"tp", KindThanhPho}}
	communePrefixes = []struct{ p, kind string }{{"xa", KindXa}, {"phuong", KindPhuong}, {"thi tran", KindThiTran},
		{"dac khu", KindDacKhu}}
	villagePrefixes = []struct{ p, kind string }{{"thon", KindThon}, {"ban", KindBan}, {"lang", KindLang},
		{"ap", KindAp}, {"to dan pho", KindToDanPho}}
)

// codeWidth is the official width of the codes; spreadsheets drop the
// leading zeros, which are put back.
var codeWidth = map[int]int{LevelProvince: 2, LevelDistrict: 3, LevelCommune: 5}

func padCode(code string, level int) string {
	if w := codeWidth[level]; IsDigits(code) && len(code) < w {
		return strings.Repeat("0", w-len(code)) + code
	}
	return code
}

// existing is what the import needs of a locality already in the database.
type existing struct {
	ID       string
	ParentID *string
	Code     string
	Name     string
	Kind     string
	Level    int
	Note     string
}

// entity is a locality the file names.
type entity struct {
	id         string
	code       string
	name       string
	kind       string
	level      int
	note       string
	parent     *entity // from the file
	parentID   *string
	row        *PreviewRow
	old        *existing
	setCode    bool // an existing locality without code gets one
	noteColumn bool
}

// plan is a computed import.
type plan struct {
	preview  ImportPreview
	entities []*entity
}

// PreviewImport reads the file and computes what an import would do; it writes nothing.
func (s *Service) PreviewImport(ctx context.Context, agencyID, path string) (ImportPreview, error) {
	var p *plan
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		p, err = buildPlan(tx, agencyID, path)
		return err
	})
	if err != nil {
		return ImportPreview{Rows: []PreviewRow{}, FileProblems: []Problem{}}, err
	}
	return p.preview, nil
}

// CommitImport re-reads the file, checks it is the one previewed (same
// SHA-256) and free of errors, and writes every row in one transaction.
func (s *Service) CommitImport(ctx context.Context, agencyID, path, sum string) (ImportResult, error) {
	var res ImportResult
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		p, err := buildPlan(tx, agencyID, path)
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
		res, err = p.write(tx, agencyID)
		return err
	})
	return res, err
}

func fileProblem(pv *ImportPreview, key string, kv ...any) {
	p := Problem{Key: key, Params: map[string]any{}}
	for i := 0; i+1 < len(kv); i += 2 {
		p.Params[fmt.Sprint(kv[i])] = kv[i+1]
	}
	pv.FileProblems = append(pv.FileProblems, p)
}

// buildPlan reads the file and matches it against the agency's localities.
func buildPlan(tx *gorm.DB, agencyID, path string) (*plan, error) {
	p := &plan{preview: ImportPreview{FileName: filepath.Base(path), Rows: []PreviewRow{}, FileProblems: []Problem{}}}
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
	lay, missing := detect(t.Header)
	if lay.format == "" {
		fileProblem(pv, "errors.import.unknownColumns", "missing", strings.Join(missing, ", "),
			"found", strings.Join(nonEmpty(t.Header), ", "))
		return p, nil
	}
	pv.Format = lay.format
	if len(t.Rows) == 0 {
		fileProblem(pv, "errors.import.empty")
		return p, nil
	}
	old, err := loadExisting(tx, agencyID)
	if err != nil {
		return nil, err
	}
	b := builder{p: p, lay: lay, old: old, byCode: map[string]*entity{}, byName: map[string]*entity{},
		bom: strings.Contains(strings.ToLower(t.Encoding), "bom")}
	for _, r := range t.Rows {
		b.row(r)
	}
	b.finish()
	return p, nil
}

func nonEmpty(ss []string) []string {
	out := []string{}
	for _, s := range ss {
		if s = vntext.Clean(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// index of the agency's live localities.
type index struct {
	byID     map[string]*existing
	byCode   map[string]*existing
	children map[string][]*existing // parent id ("" = root) -> children
}

func loadExisting(tx *gorm.DB, agencyID string) (*index, error) {
	var rows []existing
	err := tx.Model(&Locality{}).Select("id, parent_id, code, name, kind, level, note").
		Where("agency_id = ?", agencyID).Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("import: load localities: %w", err)
	}
	ix := &index{byID: map[string]*existing{}, byCode: map[string]*existing{}, children: map[string][]*existing{}}
	for i := range rows {
		e := &rows[i]
		ix.byID[e.ID] = e
		if e.Code != "" {
			ix.byCode[e.Code] = e
		}
		pid := ""
		if e.ParentID != nil {
			pid = *e.ParentID
		}
		ix.children[pid] = append(ix.children[pid], e)
	}
	return ix, nil
}

// childNamed finds a live child of parentID with the same name.
func (ix *index) childNamed(parentID, name string) *existing {
	k := vntext.Key(name)
	for _, c := range ix.children[parentID] {
		if vntext.Key(c.Name) == k {
			return c
		}
	}
	return nil
}

type builder struct {
	p      *plan
	lay    layout
	old    *index
	byCode map[string]*entity // codes named by the file
	byName map[string]*entity // parent key + "\x00" + name key
	bom    bool
	rows   []*PreviewRow
}

// cells of one file row after repair, by role.
type cells struct {
	v        map[role]string
	repairs  []Repair
	problems []Problem
}

func (b *builder) column(r role) string {
	if i, ok := b.lay.col[r]; ok && i < len(b.lay.header) {
		return vntext.Clean(b.lay.header[i])
	}
	return ""
}

// read repairs every cell of the row and picks the cells by role.
func (b *builder) read(r sheet.Row) cells {
	c := cells{v: map[role]string{}}
	byIndex := map[int]role{}
	for ro, i := range b.lay.col {
		byIndex[i] = ro
	}
	for i := range b.lay.header {
		raw := ""
		if i < len(r.Cells) {
			raw = r.Cells[i]
		}
		ro, used := byIndex[i]
		col := vntext.Clean(b.lay.header[i])
		fixed, how, ok := vntext.RepairLegacy(raw)
		if !ok {
			if used {
				c.problems = append(c.problems, Problem{Column: col, Key: "errors.import.row.unreadable", Params: map[string]any{"value": raw}})
				c.v[ro] = ""
			}
			continue
		}
		if how != "" && fixed != raw {
			c.repairs = append(c.repairs, Repair{Column: col, From: raw, To: fixed, How: how})
		}
		if used {
			c.v[ro] = vntext.Clean(fixed)
		}
	}
	return c
}

func (c *cells) problem(column, key string, kv ...any) {
	p := Problem{Column: column, Key: key}
	if len(kv) > 0 {
		p.Params = map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			p.Params[fmt.Sprint(kv[i])] = kv[i+1]
		}
	}
	c.problems = append(c.problems, p)
}

// code checks one code cell and returns it padded, or "" after a problem.
func (b *builder) code(c *cells, r role, level int) string {
	v := c.v[r]
	col := b.column(r)
	switch {
	case v == "":
		c.problem(col, "errors.import.row.emptyCode")
		return ""
	case !IsDigits(v) || len(v) > 20:
		c.problem(col, "errors.import.row.codeNotDigits", "code", v)
		return ""
	}
	return padCode(v, level)
}

func (b *builder) name(c *cells, r role) string {
	v := c.v[r]
	switch {
	case v == "":
		c.problem(b.column(r), "errors.import.row.emptyName")
	case vntext.Len(v) > 200:
		c.problem(b.column(r), "errors.import.row.nameTooLong", "max", 200)
		return ""
	}
	return v
}

func (b *builder) addRow(line int, e *entity, parentCode, parentName string) {
	e.row = &PreviewRow{Row: line, Code: e.code, Name: e.name, Kind: e.kind,
		ParentCode: parentCode, ParentName: parentName, Problems: []Problem{}, Repairs: []Repair{}}
	b.rows = append(b.rows, e.row)
}

// row handles one line of the file.
func (b *builder) row(r sheet.Row) {
	c := b.read(r)
	if b.bom && len(b.rows) == 0 {
		c.repairs = append([]Repair{{Column: "", From: "\ufeff", To: "", How: "bom"}}, c.repairs...)
	}
	blank := true
	for _, v := range r.Cells {
		if strings.TrimSpace(v) != "" {
			blank = false
		}
	}
	if blank {
		return
	}
	if b.lay.format == FormatVillages {
		b.village(r.Line, &c)
		return
	}
	b.commune(r.Line, &c)
}

// missingColumns reports a row cut short: two or more required cells empty.
func (b *builder) missingColumns(c *cells, roles []role) bool {
	var cols []string
	for _, r := range roles {
		if c.v[r] == "" {
			cols = append(cols, b.column(r))
		}
	}
	if len(cols) < 2 {
		return false
	}
	c.problem(cols[0], "errors.import.row.missingColumns", "columns", strings.Join(cols, ", "))
	return true
}

// commune handles a row of a statistics-office list.
func (b *builder) commune(line int, c *cells) {
	gso3 := b.lay.format == FormatGSO3
	required := []role{roleProvName, roleProvCode, roleName, roleCode}
	if gso3 {
		required = []role{roleProvName, roleProvCode, roleDistName, roleDistCode, roleName, roleCode}
	}
	var prov, dist *entity
	check := required
	if _, ok := b.lay.col[roleLevel]; ok {
		check = append(append([]role{}, required...), roleLevel)
	}
	cut := b.missingColumns(c, check)
	if !cut {
		pcode, pname := b.code(c, roleProvCode, LevelProvince), b.name(c, roleProvName)
		if pcode != "" && pname != "" {
			kind := kindByPrefix(pname, provincePrefixes)
			if kind == "" {
				kind = KindTinh
			}
			prov = b.upper(line, c, pcode, pname, kind, LevelProvince, nil, roleProvCode, roleProvName)
		}
		if gso3 {
			dcode, dname := b.code(c, roleDistCode, LevelDistrict), b.name(c, roleDistName)
			if dcode != "" && dname != "" && prov != nil {
				kind := kindByPrefix(dname, districtPrefixes)
				if kind == "" {
					kind = KindHuyen
				}
				dist = b.upper(line, c, dcode, dname, kind, LevelDistrict, prov, roleDistCode, roleDistName)
			}
		}
	}
	e := &entity{level: LevelCommune}
	if !cut {
		e.code = b.code(c, roleCode, LevelCommune)
		e.name = b.name(c, roleName)
	} else {
		e.code, e.name = c.v[roleCode], c.v[roleName]
	}
	e.parent = prov
	if gso3 {
		e.parent = dist
	}
	if !cut {
		lv, hasLevel := c.v[roleLevel], false
		if _, ok := b.lay.col[roleLevel]; ok && lv != "" {
			hasLevel = true
			e.kind = communeKinds[vntext.Fold(lv)]
		}
		if !hasLevel && e.name != "" {
			e.kind = kindByPrefix(e.name, communePrefixes)
		}
		switch {
		case e.kind == "" && hasLevel:
			c.problem(b.column(roleLevel), "errors.import.row.unknownLevel", "value", lv)
		case e.kind == "" && e.name != "":
			col := b.column(roleLevel)
			if col == "" {
				col = b.column(roleName)
			}
			c.problem(col, "errors.import.row.noLevel", "name", e.name)
		}
	}
	pc, pn := "", ""
	if e.parent != nil {
		pc, pn = e.parent.code, e.parent.name
	} else if gso3 {
		pc, pn = c.v[roleDistCode], c.v[roleDistName]
	} else {
		pc, pn = c.v[roleProvCode], c.v[roleProvName]
	}
	b.addRow(line, e, pc, pn)
	if e.code == "" {
		e.row.Code = c.v[roleCode]
	}
	if e.name == "" {
		e.row.Name = c.v[roleName]
	}
	if e.code != "" && len(c.problems) == 0 {
		b.match(c, e, roleCode, roleName)
	}
	b.settle(e, c)
}

// upper registers the province or district a row names (once per code) and
// checks that later rows agree with the first.
func (b *builder) upper(line int, c *cells, code, name, kind string, level int, parent *entity, codeRole, nameRole role) *entity {
	if e, ok := b.byCode[code]; ok {
		if e.row.Action == ActionError {
			c.problems = append(c.problems, e.row.Problems...)
			return nil
		}
		switch {
		case e.level != level:
			c.problem(b.column(codeRole), "errors.import.row.duplicateCode", "code", code, "line", e.row.Row)
			return nil
		case vntext.Key(e.name) != vntext.Key(name):
			c.problem(b.column(nameRole), "errors.import.row.nameMismatch", "code", code, "name", e.name, "line", e.row.Row)
		case parent != e.parent:
			c.problem(b.column(codeRole), "errors.import.row.parentMismatch", "code", code, "line", e.row.Row)
		}
		return e
	}
	e := &entity{code: code, name: name, kind: kind, level: level, parent: parent}
	pc, pn := "", ""
	if parent != nil {
		pc, pn = parent.code, parent.name
	}
	b.addRow(line, e, pc, pn)
	var own cells
	b.match(&own, e, codeRole, nameRole)
	if len(own.problems) > 0 {
		// A broken province or district is reported on the rows naming it,
		// not as a row of its own.
		b.rows = b.rows[:len(b.rows)-1]
		e.row.Action, e.row.Problems = ActionError, own.problems
		c.problems = append(c.problems, own.problems...)
		return nil
	}
	b.settle(e, &own)
	return e
}

// match finds the entity in the file and in the database and sets its action.
func (b *builder) match(c *cells, e *entity, codeRole, nameRole role) {
	if prev, ok := b.byCode[e.code]; ok && prev != e {
		c.problem(b.column(codeRole), "errors.import.row.duplicateCode", "code", e.code, "line", prev.row.Row)
		return
	}
	b.byCode[e.code] = e
	if old := b.old.byCode[e.code]; old != nil {
		if old.Level != e.level {
			c.problem(b.column(codeRole), "errors.import.row.codeOtherLevel", "code", e.code, "name", old.Name)
			return
		}
		e.old = old
	}
	parentKey := ""
	if e.parent != nil {
		parentKey = e.parent.code
	}
	nk := parentKey + "\x00" + vntext.Key(e.name)
	if prev, ok := b.byName[nk]; ok && prev != e {
		c.problem(b.column(nameRole), "errors.import.row.duplicateName", "name", e.name, "line", prev.row.Row)
		return
	}
	b.byName[nk] = e
	// The parent's id: from the file's entity (new or matched).
	if e.parent != nil {
		if e.parent.old != nil {
			id := e.parent.old.ID
			e.parentID = &id
		}
	}
	if e.old == nil && (e.parent == nil || e.parent.old != nil) {
		// An existing locality with the same name under the same parent and
		// no code is the same place: it gets the code.
		pid := ""
		if e.parentID != nil {
			pid = *e.parentID
		}
		if same := b.old.childNamed(pid, e.name); same != nil {
			if same.Code != "" || same.Level != e.level {
				c.problem(b.column(nameRole), "errors.import.row.nameTaken", "name", e.name, "code", same.Code)
				return
			}
			e.old, e.setCode = same, true
		}
	}
}

// settle records the row's problems and repairs and its action.
func (b *builder) settle(e *entity, c *cells) {
	pr := e.row
	pr.Problems = append(pr.Problems, c.problems...)
	pr.Repairs = append(pr.Repairs, c.repairs...)
	if e.name != "" {
		pr.Name = e.name
	}
	if e.code != "" {
		pr.Code = e.code
	}
	pr.Kind = e.kind
	if len(pr.Problems) > 0 {
		pr.Action = ActionError
		return
	}
	b.p.entities = append(b.p.entities, e)
	if e.old == nil {
		pr.Action = ActionCreate
		return
	}
	pr.Action = ActionUnchanged
	oldParent := ""
	if e.old.ParentID != nil {
		oldParent = *e.old.ParentID
	}
	newParent := ""
	if e.parentID != nil {
		newParent = *e.parentID
	} else if e.parent != nil {
		newParent = "new" // the parent is created by this import
	}
	if e.setCode || e.old.Name != e.name || e.old.Kind != e.kind || oldParent != newParent ||
		(e.noteColumn && e.old.Note != e.note) {
		pr.Action = ActionUpdate
	}
}

// village handles a row of the villages template.
func (b *builder) village(line int, c *cells) {
	e := &entity{level: LevelVillage, noteColumn: b.column(roleNote) != ""}
	cut := b.missingColumns(c, []role{roleCode, roleVillageName})
	parentCode := c.v[roleCode]
	if !cut {
		parentCode = b.code(c, roleCode, 0)
		e.name = b.name(c, roleVillageName)
	} else {
		e.name = c.v[roleVillageName]
	}
	e.note = vntext.CleanText(c.v[roleNote])
	if vntext.Len(e.note) > 2000 {
		c.problem(b.column(roleNote), "validation.tooLong", "max", 2000, "length", vntext.Len(e.note))
	}
	if k := c.v[roleVillageKind]; k != "" {
		e.kind = villageKinds[vntext.Fold(k)]
		if e.kind == "" {
			c.problem(b.column(roleVillageKind), "errors.import.row.unknownKind", "value", k)
		}
	} else if e.name != "" {
		e.kind = kindByPrefix(e.name, villagePrefixes)
		if e.kind == "" {
			e.kind = KindThon
		}
	}
	var parent *existing
	if parentCode != "" && !cut {
		parent = b.old.byCode[parentCode]
		if p := padCode(parentCode, LevelCommune); parent == nil && b.old.byCode[p] != nil {
			parentCode, parent = p, b.old.byCode[p]
		}
		switch {
		case parent == nil:
			c.problem(b.column(roleCode), "errors.import.row.unknownParent", "code", parentCode)
		case parent.Level != LevelCommune:
			c.problem(b.column(roleCode), "errors.import.row.parentLevel", "code", parentCode, "name", parent.Name)
			parent = nil
		}
	}
	pn := ""
	if parent != nil {
		pn = parent.Name
		id := parent.ID
		e.parentID = &id
	}
	b.addRow(line, e, parentCode, pn)
	if parent != nil && e.name != "" && len(c.problems) == 0 {
		nk := parent.ID + "\x00" + vntext.Key(e.name)
		if prev, ok := b.byName[nk]; ok {
			c.problem(b.column(roleVillageName), "errors.import.row.duplicateName", "name", e.name, "line", prev.row.Row)
		} else {
			b.byName[nk] = e
			if same := b.old.childNamed(parent.ID, e.name); same != nil {
				if same.Level != LevelVillage {
					c.problem(b.column(roleVillageName), "errors.import.row.nameTaken", "name", e.name, "code", same.Code)
				} else {
					e.old = same
				}
			}
		}
	}
	b.settle(e, c)
}

// finish counts the rows.
func (b *builder) finish() {
	pv := &b.p.preview
	for _, r := range b.rows {
		pv.Rows = append(pv.Rows, *r)
		switch r.Action {
		case ActionCreate:
			pv.Counts.Create++
		case ActionUpdate:
			pv.Counts.Update++
		case ActionUnchanged:
			pv.Counts.Unchanged++
		case ActionError:
			pv.Counts.Error++
		}
		pv.Repairs += len(r.Repairs)
	}
	pv.CanCommit = len(pv.FileProblems) == 0 && pv.Counts.Error == 0 && pv.Counts.Create+pv.Counts.Update > 0
}

// importBatch bounds one multi-row INSERT (SQLite allows 32766 parameters).
const importBatch = 25

// write applies the plan inside the caller's transaction.
func (p *plan) write(tx *gorm.DB, agencyID string) (ImportResult, error) {
	var res ImportResult
	// Ids first, so that children can point at parents created alongside.
	for _, e := range p.entities {
		if e.old == nil {
			e.id = store.NewID()
		} else {
			e.id = e.old.ID
		}
	}
	now := time.Now().UTC().Truncate(time.Microsecond)
	byLevel := map[int][]Locality{}
	var updates []*entity
	for _, e := range p.entities {
		if e.parent != nil {
			id := e.parent.id
			e.parentID = &id
		}
		switch e.row.Action {
		case ActionCreate:
			l := Locality{AgencyID: agencyID, ParentID: e.parentID, Code: e.code, Name: e.name, Kind: e.kind,
				Level: e.level, Note: e.note}
			l.ID, l.Version, l.CreatedAt, l.UpdatedAt = e.id, 1, now, now
			l.keys()
			byLevel[e.level] = append(byLevel[e.level], l)
			res.Created++
		case ActionUpdate:
			updates = append(updates, e)
			res.Updated++
		case ActionUnchanged:
			res.Unchanged++
		}
	}
	levels := make([]int, 0, len(byLevel))
	for lv := range byLevel {
		levels = append(levels, lv)
	}
	sort.Ints(levels)
	for _, lv := range levels {
		if err := tx.CreateInBatches(byLevel[lv], importBatch).Error; err != nil {
			return res, fmt.Errorf("import: create localities: %w", err)
		}
	}
	for _, e := range updates {
		l := Locality{Name: e.name, Code: e.code}
		l.keys()
		cols := map[string]any{
			"name": e.name, "kind": e.kind, "level": e.level, "parent_id": e.parentID,
			"search_key": l.SearchKey, "sort_key": l.SortKey, "updated_at": now,
			"version": gorm.Expr("version + 1"),
		}
		if e.setCode {
			cols["code"] = e.code
		}
		if e.noteColumn {
			cols["note"] = e.note
		}
		if err := tx.Model(&Locality{}).Where("id = ?", e.id).Updates(cols).Error; err != nil {
			return res, fmt.Errorf("import: update locality: %w", err)
		}
	}
	return res, nil
}
