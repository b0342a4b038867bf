package criteria

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"gorm.io/gorm"

	"chungsuc/internal/fault"
	"chungsuc/internal/fileout"
	"chungsuc/internal/vntext"
)

// plan is a computed import.
type plan struct {
	preview  ImportPreview
	set      Set
	existing *Set
}

// PreviewImport reads a set template (.xlsx) and says what importing it
// would do; nothing is written.
func (s *Service) PreviewImport(ctx context.Context, agencyID, path string) (ImportPreview, error) {
	var p *plan
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		p, err = buildPlan(tx, agencyID, path)
		return err
	})
	if err != nil {
		return emptyPreview(path), err
	}
	return p.preview, nil
}

// CommitImport re-reads the file, checks it is the one previewed (same
// SHA-256) and free of problems, and writes the set in one transaction: a
// new set, or a new revision of the code when anything differs from the
// current one (which stays as it is, with its assessments).
func (s *Service) CommitImport(ctx context.Context, agencyID, path, sum string) (ImportResult, error) {
	var res ImportResult
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		p, err := buildPlan(tx, agencyID, path)
		if err != nil {
			return err
		}
		pv := p.preview
		if !strings.EqualFold(pv.SHA256, strings.TrimSpace(sum)) || pv.SHA256 == "" {
			if len(pv.Problems) > 0 && pv.Problems[0].Line == 0 && pv.Problems[0].Sheet == "" {
				fp := pv.Problems[0]
				e := fault.New(fault.ErrRefused, fp.Key)
				e.Params = fp.Params
				return e
			}
			return fault.New(fault.ErrConflict, "errors.import.changed", "file", pv.FileName)
		}
		if len(pv.Problems) > 0 {
			return fault.New(fault.ErrRefused, "errors.criteria.import.hasProblems", "count", len(pv.Problems))
		}
		res = ImportResult{Action: pv.Action, Code: pv.Code}
		switch pv.Action {
		case ActionIdentical:
			res.SetID, res.Revision = p.existing.ID, p.existing.Revision
			return nil
		case ActionRevision:
			set, err := newRevision(tx, p.existing, p.set)
			if err != nil {
				return err
			}
			res.SetID, res.Revision = set.ID, set.Revision
			return nil
		}
		set := p.set
		set.AgencyID, set.Revision, set.Current, set.PreviousID = agencyID, pv.NewRevision, true, nil
		if err := createSet(tx, &set); err != nil {
			return err
		}
		res.SetID, res.Revision = set.ID, set.Revision
		return nil
	})
	return res, err
}

func emptyPreview(path string) ImportPreview {
	return ImportPreview{FileName: filepath.Base(path), Changes: []Change{}, Problems: []Problem{}, Set: emptySet()}
}

func emptySet() Set {
	s := Set{Dimension: DimensionNone}
	emptySlices(&s)
	return s
}

func fileProblem(pv *ImportPreview, key string, kv ...any) {
	p := Problem{Key: key}
	if len(kv) > 1 {
		p.Params = map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			p.Params[fmt.Sprint(kv[i])] = kv[i+1]
		}
	}
	pv.Problems = append(pv.Problems, p)
	pv.Action = ActionError
}

// ParseFile reads a set template without touching a database: the set as
// read (normalised) and the problems found (reading and validation).
func ParseFile(data []byte) (Set, []Problem) {
	wb, err := ReadWorkbook(data)
	if err != nil {
		return emptySet(), []Problem{{Key: "errors.criteria.import.notWorkbook"}}
	}
	return ParseWorkbook(wb)
}

// ParseWorkbook reads a set out of a workbook's sheets (see ParseFile).
func ParseWorkbook(wb Workbook) (Set, []Problem) {
	p := parseWorkbook(wb)
	p.set.Normalise()
	p.fieldProblems(p.set.Validate().Err())
	if p.problems == nil {
		p.problems = []Problem{}
	}
	order := map[string]int{}
	for i, n := range []string{"", SheetSet, SheetCriteria, SheetIndicators, SheetConditions, SheetAmendments} {
		order[vntext.Fold(n)] = i
	}
	sort.SliceStable(p.problems, func(i, j int) bool {
		a, b := p.problems[i], p.problems[j]
		if oa, ob := order[vntext.Fold(a.Sheet)], order[vntext.Fold(b.Sheet)]; oa != ob {
			return oa < ob
		}
		return a.Line < b.Line
	})
	return p.set, p.problems
}

// buildPlan reads the file and compares it with the agency's sets.
func buildPlan(tx *gorm.DB, agencyID, path string) (*plan, error) {
	p := &plan{preview: emptyPreview(path)}
	pv := &p.preview
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".xlsx", ".xlsm":
	case ".xls":
		fileProblem(pv, "errors.import.xls")
		return p, nil
	default:
		fileProblem(pv, "errors.import.unknownFormat", "ext", ext)
		return p, nil
	}
	st, err := os.Stat(path)
	if err != nil {
		fileProblem(pv, "errors.import.unreadable", "path", path)
		return p, nil
	}
	if st.Size() > MaxFileBytes {
		fileProblem(pv, "errors.import.tooLarge", "max", strconv.Itoa(MaxFileBytes>>20)+" MB")
		return p, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		fileProblem(pv, "errors.import.unreadable", "path", path)
		return p, nil
	}
	h := sha256.Sum256(data)
	pv.SHA256 = hex.EncodeToString(h[:])
	set, problems := ParseFile(data)
	p.set, pv.Set, pv.Problems = set, set, problems
	pv.Code, pv.Name = set.Code, set.Name
	pv.Counts = ImportCounts{Criteria: len(set.Criteria), Conditions: len(set.Conditions),
		Amendments: len(set.Amendments), Unconfirmed: set.UnconfirmedItems()}
	if !set.Confirmed {
		pv.Counts.Unconfirmed++
	}
	for _, c := range set.Criteria {
		pv.Counts.Indicators += len(c.Indicators)
		for _, ind := range c.Indicators {
			pv.Counts.Thresholds += len(ind.Thresholds)
		}
	}
	if len(problems) > 0 {
		pv.Action = ActionError
		return p, nil
	}
	cur, err := GetCurrentTx(tx, agencyID, set.Code)
	if err != nil && !isNotFound(err) {
		return nil, err
	}
	var max int
	if err := tx.Unscoped().Model(&Set{}).Where("agency_id = ? AND code = ?", agencyID, set.Code).
		Select("COALESCE(MAX(revision), 0)").Scan(&max).Error; err != nil {
		return nil, fmt.Errorf("max revision: %w", err)
	}
	if cur.ID == "" {
		pv.Action, pv.NewRevision, pv.CanCommit = ActionCreate, max+1, true
		return p, nil
	}
	p.existing = &cur
	pv.ExistingID, pv.ExistingRevision = cur.ID, cur.Revision
	n, err := assessmentCount(tx, cur.ID)
	if err != nil {
		return nil, err
	}
	pv.ExistingAssessed = int(n)
	pv.Changes = Diff(&cur, &set)
	if len(pv.Changes) == 0 {
		pv.Action = ActionIdentical
		return p, nil
	}
	pv.Action, pv.NewRevision, pv.CanCommit = ActionRevision, max+1, true
	return p, nil
}

func isNotFound(err error) bool {
	e, ok := fault.As(err)
	return ok && e.Kind == fault.ErrNotFound
}

// ExportTo writes a set revision to path as the import template.
func (s *Service) ExportTo(ctx context.Context, agencyID, setID, path string) error {
	set, err := s.Get(ctx, agencyID, setID)
	if err != nil {
		return err
	}
	return WriteFile(&set, path)
}

// WriteFile writes s as the template to path (through a temporary file,
// so a failed export leaves no half-written file).
func WriteFile(s *Set, path string) error {
	if err := fileout.Write(path, func(w io.Writer) error { return WriteTemplate(w, s) }); err != nil {
		return errWrite(err, path)
	}
	return nil
}

// FileName is the file name proposed when exporting s.
func FileName(s *Set) string {
	return "bo-tieu-chi-" + s.Code + "-ban-" + strconv.Itoa(s.Revision) + ".xlsx"
}

// TemplateName is the file name proposed for an empty template.
const TemplateName = "mau-bo-tieu-chi.xlsx"

// EmptyTemplate is the set an empty template is written from: the header
// rows to fill in and, for a dimension, its threshold columns.
func EmptyTemplate(dimension string) Set {
	if !contains(Dimensions, dimension) {
		dimension = DimensionNone
	}
	s := Set{Dimension: dimension, Scope: 3, Target: TargetDatChuan, SpecialRule: dimension == DimensionRegion}
	emptySlices(&s)
	return s
}
