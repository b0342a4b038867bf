package criteria

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"chungsuc/internal/fault"
	"chungsuc/internal/locality"
	"chungsuc/internal/store"
	"chungsuc/internal/vntext"
)

// Scopes a set may assess: district (records), commune, village.
var Scopes = []int{locality.LevelDistrict, locality.LevelCommune, locality.LevelVillage}

// Phases offered by the editor (free text is accepted too).
var Phases = []string{"2021-2025", "2026-2030"}

// Groups are the commune groups of the 2026–2030 set.
var Groups = []string{"1", "2", "3"}

// KeysFor lists the threshold keys a dimension allows.
func KeysFor(dimension string) []string {
	switch dimension {
	case DimensionRegion:
		return locality.Regions
	case DimensionGroup:
		return Groups
	}
	return nil
}

// ChoicesList returns the values the editor offers.
func ChoicesList() Choices {
	return Choices{Targets: Targets, Dimensions: Dimensions, Kinds: Kinds, Comparators: Comparators,
		Regions: locality.Regions, Groups: Groups, Scopes: Scopes, Phases: Phases}
}

// NormComparator maps the usual spellings (≥, ≤, ==, =>, =<) to a comparator.
func NormComparator(s string) string {
	switch strings.TrimSpace(s) {
	case "≥", ">=", "=>":
		return ">="
	case "≤", "<=", "=<":
		return "<="
	case ">":
		return ">"
	case "<":
		return "<"
	case "=", "==":
		return "="
	}
	return strings.TrimSpace(s)
}

// Normalise cleans the text fields of a set and its children, fixes the
// sort orders and fills the search key, as Save does.
func (s *Set) Normalise() {
	s.Code = strings.ToLower(vntext.Clean(s.Code))
	s.Name = vntext.Clean(s.Name)
	s.Target = vntext.Clean(s.Target)
	s.Phase = vntext.Clean(s.Phase)
	s.Dimension = vntext.Clean(s.Dimension)
	if s.Dimension == "" {
		s.Dimension = DimensionNone
	}
	s.SpecialRuleText = vntext.CleanText(s.SpecialRuleText)
	s.DecisionNumber = vntext.Clean(s.DecisionNumber)
	s.DecisionDate = vntext.Clean(s.DecisionDate)
	s.DecisionIssuer = vntext.Clean(s.DecisionIssuer)
	s.DecisionSigner = vntext.Clean(s.DecisionSigner)
	s.Appendix = vntext.Clean(s.Appendix)
	s.ValidFrom = vntext.Clean(s.ValidFrom)
	s.ValidTo = vntext.Clean(s.ValidTo)
	s.Sources = vntext.CleanText(s.Sources)
	s.Note = vntext.CleanText(s.Note)
	s.SearchKey = store.SearchKey(s.Code, s.Name, s.DecisionNumber)
	for i := range s.Amendments {
		a := &s.Amendments[i]
		a.Number, a.Date, a.Issuer = vntext.Clean(a.Number), vntext.Clean(a.Date), vntext.Clean(a.Issuer)
		a.Note, a.Sources = vntext.CleanText(a.Note), vntext.CleanText(a.Sources)
		a.SortOrder = i
	}
	for i := range s.Conditions {
		c := &s.Conditions[i]
		c.Text, c.Sources = vntext.CleanText(c.Text), vntext.CleanText(c.Sources)
	}
	for i := range s.Criteria {
		c := &s.Criteria[i]
		c.Name, c.Group, c.Sources = vntext.Clean(c.Name), vntext.Clean(c.Group), vntext.CleanText(c.Sources)
		c.SortOrder = i
		for j := range c.Indicators {
			ind := &c.Indicators[j]
			ind.Code, ind.Name, ind.Kind = vntext.Clean(ind.Code), vntext.Clean(ind.Name), vntext.Clean(ind.Kind)
			ind.Comparator = NormComparator(ind.Comparator)
			if ind.Threshold != nil && ind.Comparator == "" {
				ind.Comparator = ">="
			}
			ind.Requirement, ind.Unit, ind.Sector = vntext.Clean(ind.Requirement), vntext.Clean(ind.Unit), vntext.Clean(ind.Sector)
			ind.Sources = vntext.CleanText(ind.Sources)
			ind.SortOrder = j
			for k := range ind.Thresholds {
				t := &ind.Thresholds[k]
				t.Key = vntext.Clean(t.Key)
				t.Comparator = NormComparator(t.Comparator)
				if t.Threshold != nil && t.Comparator == "" {
					t.Comparator = ind.Comparator
					if t.Comparator == "" {
						t.Comparator = ">="
					}
				}
				t.Requirement = vntext.Clean(t.Requirement)
			}
		}
	}
}

// AllConfirmed reports whether every item of the set (its criteria,
// indicators, thresholds, amendments and conditions) is confirmed.
func (s *Set) AllConfirmed() bool {
	return s.UnconfirmedItems() == 0
}

// UnconfirmedItems counts the child items not checked against the official
// text (the set's own flag excluded).
func (s *Set) UnconfirmedItems() int {
	n := 0
	for _, a := range s.Amendments {
		if !a.Confirmed {
			n++
		}
	}
	for _, c := range s.Conditions {
		if !c.Confirmed {
			n++
		}
	}
	for _, c := range s.Criteria {
		if !c.Confirmed {
			n++
		}
		for _, ind := range c.Indicators {
			if !ind.Confirmed {
				n++
			}
			for _, t := range ind.Thresholds {
				if !t.Confirmed {
					n++
				}
			}
		}
	}
	return n
}

var codeRe = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*$`)

func contains[T comparable](xs []T, x T) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// Validate checks a normalised set and its children; field names of
// children read "criteria.2.indicators.0.code".
func (s *Set) Validate() *fault.Validation {
	var v fault.Validation
	if v.Required("code", s.Code) {
		v.MaxLen("code", s.Code, 60)
		if !v.Has("code") && !codeRe.MatchString(s.Code) {
			v.Add("code", "validation.criteria.code")
		}
	}
	v.Text("name", s.Name, true, 300)
	if v.Required("target", s.Target) {
		v.OneOf("target", s.Target, Targets...)
	}
	if !contains(Scopes, s.Scope) {
		v.Add("scope", "validation.oneOf")
	}
	v.MaxLen("phase", s.Phase, 20)
	v.OneOf("dimension", s.Dimension, Dimensions...)
	if s.SpecialRule && s.Dimension != DimensionRegion {
		v.Add("specialRule", "validation.criteria.specialRule")
	}
	v.MaxLen("decisionNumber", s.DecisionNumber, 60)
	v.Date("decisionDate", s.DecisionDate, false)
	v.MaxLen("decisionIssuer", s.DecisionIssuer, 200)
	v.MaxLen("decisionSigner", s.DecisionSigner, 200)
	v.MaxLen("appendix", s.Appendix, 60)
	from, okFrom := v.Date("validFrom", s.ValidFrom, false)
	to, okTo := v.Date("validTo", s.ValidTo, false)
	if okFrom && okTo && to.Before(from) {
		v.Add("validTo", "validation.criteria.validPeriod")
	}
	if s.Confirmed && !s.AllConfirmed() {
		v.Add("confirmed", "validation.criteria.setConfirmed", "count", s.UnconfirmedItems())
	}
	for i, a := range s.Amendments {
		f := "amendments." + strconv.Itoa(i) + "."
		v.Text(f+"number", a.Number, true, 60)
		v.Date(f+"date", a.Date, false)
		v.MaxLen(f+"issuer", a.Issuer, 200)
	}
	condNo := map[int]bool{}
	for i, c := range s.Conditions {
		f := "conditions." + strconv.Itoa(i) + "."
		if c.No < 1 || c.No > 999 {
			v.Add(f+"no", "validation.range", "min", 1, "max", 999)
		} else if condNo[c.No] {
			v.Add(f+"no", "validation.criteria.duplicateNo", "no", c.No)
		}
		condNo[c.No] = true
		v.Text(f+"text", c.Text, true, 4000)
	}
	critNo := map[int]bool{}
	codes := map[string]bool{}
	keys := KeysFor(s.Dimension)
	for i, c := range s.Criteria {
		f := "criteria." + strconv.Itoa(i) + "."
		if c.No < 1 || c.No > 999 {
			v.Add(f+"no", "validation.range", "min", 1, "max", 999)
		} else if critNo[c.No] {
			v.Add(f+"no", "validation.criteria.duplicateNo", "no", c.No)
		}
		critNo[c.No] = true
		v.Text(f+"name", c.Name, true, 300)
		v.MaxLen(f+"group", c.Group, 200)
		for j, ind := range c.Indicators {
			g := f + "indicators." + strconv.Itoa(j) + "."
			if v.Required(g+"code", ind.Code) {
				v.MaxLen(g+"code", ind.Code, 20)
				if codes[vntext.Key(ind.Code)] {
					v.Add(g+"code", "validation.criteria.duplicateCode", "code", ind.Code)
				}
				codes[vntext.Key(ind.Code)] = true
			}
			v.Text(g+"name", ind.Name, true, 2000)
			if v.Required(g+"kind", ind.Kind) {
				v.OneOf(g+"kind", ind.Kind, Kinds...)
			}
			checkLevel(&v, g, ind.Kind, ind.Comparator, ind.Threshold)
			v.MaxLen(g+"requirement", ind.Requirement, 300)
			v.MaxLen(g+"unit", ind.Unit, 30)
			v.MaxLen(g+"sector", ind.Sector, 200)
			seen := map[string]bool{}
			for k, t := range ind.Thresholds {
				h := g + "thresholds." + strconv.Itoa(k) + "."
				switch {
				case keys == nil:
					v.Add(h+"key", "validation.criteria.noThresholds")
				case !contains(keys, t.Key):
					v.Add(h+"key", "validation.criteria.thresholdKey", "key", t.Key)
				case seen[t.Key]:
					v.Add(h+"key", "validation.criteria.duplicateKey", "key", t.Key)
				}
				seen[t.Key] = true
				checkLevel(&v, h, ind.Kind, t.Comparator, t.Threshold)
				v.MaxLen(h+"requirement", t.Requirement, 300)
				if t.Threshold == nil && t.Requirement == "" {
					v.Add(h+"requirement", "validation.criteria.thresholdEmpty")
				}
			}
		}
	}
	return &v
}

// checkLevel checks a comparator and a numeric level against the kind.
func checkLevel(v *fault.Validation, f, kind, comparator string, threshold *float64) {
	if comparator != "" {
		v.OneOf(f+"comparator", comparator, Comparators...)
	}
	if threshold == nil {
		return
	}
	x := *threshold
	switch {
	case kind != KindPercent && kind != KindNumber:
		v.Add(f+"threshold", "validation.criteria.thresholdKind")
	case math.IsNaN(x) || math.IsInf(x, 0):
		v.Add(f+"threshold", "validation.number")
	case kind == KindPercent && (x < 0 || x > 100):
		v.Add(f+"threshold", "validation.range", "min", 0, "max", 100)
	}
}

// Save creates (empty ID) or updates a set. A set that has assessments is
// not changed: the save creates the next revision of its code, which
// becomes current, and says so in the result.
func (s *Service) Save(ctx context.Context, agencyID string, in Set) (SaveResult, error) {
	var res SaveResult
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		res, err = SaveTx(tx, agencyID, in)
		return err
	})
	return res, err
}

// SaveTx is Save inside the caller's transaction.
func SaveTx(tx *gorm.DB, agencyID string, in Set) (SaveResult, error) {
	in.AgencyID = agencyID
	in.Normalise()
	v := in.Validate()
	if in.ID == "" {
		if !v.Has("code") {
			n, err := codeCount(tx, agencyID, in.Code, "")
			if err != nil {
				return SaveResult{}, err
			}
			if n > 0 {
				v.Add("code", "validation.criteria.codeTaken", "code", in.Code)
			}
		}
		if err := v.Err(); err != nil {
			return SaveResult{}, err
		}
		in.Revision, in.PreviousID, in.Current = 1, nil, true
		if err := createSet(tx, &in); err != nil {
			return SaveResult{}, err
		}
		emptySlices(&in)
		return SaveResult{Set: in}, nil
	}
	old, err := GetTx(tx, agencyID, in.ID)
	if err != nil {
		return SaveResult{}, err
	}
	if old.Version != in.Version {
		return SaveResult{}, fault.Stale("criteriaSet")
	}
	if !old.Current {
		return SaveResult{}, fault.New(fault.ErrConflict, "errors.criteria.notCurrent", "code", old.Code, "revision", old.Revision)
	}
	if in.Code != old.Code && !v.Has("code") {
		if old.Revision > 1 || old.PreviousID != nil {
			v.Add("code", "validation.criteria.codeFixed")
		} else if n, err := codeCount(tx, agencyID, in.Code, old.ID); err != nil {
			return SaveResult{}, err
		} else if n > 0 {
			v.Add("code", "validation.criteria.codeTaken", "code", in.Code)
		}
	}
	if err := v.Err(); err != nil {
		return SaveResult{}, err
	}
	in.Sample = old.Sample
	n, err := assessmentCount(tx, old.ID)
	if err != nil {
		return SaveResult{}, err
	}
	if n > 0 {
		if len(Diff(&old, &in)) == 0 {
			return SaveResult{Set: old}, nil
		}
		set, err := newRevision(tx, &old, in)
		return SaveResult{Set: set, NewRevision: true}, err
	}
	in.Revision, in.PreviousID, in.Current = old.Revision, old.PreviousID, true
	if err := store.UpdateVersioned(tx, &in, "criteriaSet", "code", "name", "target", "scope", "phase",
		"dimension", "special_rule", "special_rule_text", "decision_number", "decision_date", "decision_issuer",
		"decision_signer", "appendix", "valid_from", "valid_to", "confirmed", "sources", "note", "search_key"); err != nil {
		return SaveResult{}, err
	}
	if err := syncChildren(tx, &old, &in); err != nil {
		return SaveResult{}, err
	}
	set, err := GetTx(tx, agencyID, in.ID)
	return SaveResult{Set: set}, err
}

// codeCount counts the agency's live sets with code, other than id.
func codeCount(tx *gorm.DB, agencyID, code, exceptID string) (int64, error) {
	q := tx.Model(&Set{}).Where("agency_id = ? AND code = ?", agencyID, code)
	if exceptID != "" {
		q = q.Where("id <> ?", exceptID)
	}
	var n int64
	if err := q.Count(&n).Error; err != nil {
		return 0, fmt.Errorf("find code: %w", err)
	}
	return n, nil
}

// newRevision writes in as the next revision of old's code and makes it
// current; old is left as it was, apart from its Current flag.
func newRevision(tx *gorm.DB, old *Set, in Set) (Set, error) {
	var max int
	if err := tx.Unscoped().Model(&Set{}).Where("agency_id = ? AND code = ?", old.AgencyID, old.Code).
		Select("COALESCE(MAX(revision), 0)").Scan(&max).Error; err != nil {
		return Set{}, fmt.Errorf("max revision: %w", err)
	}
	demoted := *old
	demoted.Current = false
	if err := store.UpdateVersioned(tx, &demoted, "criteriaSet", "current"); err != nil {
		return Set{}, err
	}
	prev := old.ID
	in.AgencyID = old.AgencyID
	in.ID, in.Version, in.Revision, in.PreviousID, in.Current = "", 0, max+1, &prev, true
	if err := createSet(tx, &in); err != nil {
		return Set{}, err
	}
	emptySlices(&in)
	return in, nil
}

// createSet inserts a set and all its children with fresh ids.
func createSet(tx *gorm.DB, s *Set) error {
	s.ID, s.Version = "", 0
	s.CreatedAt, s.UpdatedAt = time.Time{}, time.Time{}
	s.DeletedAt = gorm.DeletedAt{}
	if err := tx.Omit(clause.Associations).Create(s).Error; err != nil {
		return fmt.Errorf("create criteria set: %w", err)
	}
	for i := range s.Amendments {
		s.Amendments[i].Base = store.Base{}
	}
	for i := range s.Conditions {
		s.Conditions[i].Base = store.Base{}
	}
	for i := range s.Criteria {
		s.Criteria[i].Base = store.Base{}
		for j := range s.Criteria[i].Indicators {
			s.Criteria[i].Indicators[j].Base = store.Base{}
		}
	}
	return writeChildren(tx, s, nil)
}

// writeChildren writes the children of s: amendments and conditions anew,
// criteria and indicators updated when their id is among the old ones (so
// that assessments keep pointing at them) and created otherwise,
// thresholds anew.
func writeChildren(tx *gorm.DB, s *Set, old *Set) error {
	oldCrit, oldInd := map[string]bool{}, map[string]bool{}
	if old != nil {
		for _, c := range old.Criteria {
			oldCrit[c.ID] = true
			for _, ind := range c.Indicators {
				oldInd[ind.ID] = true
			}
		}
	}
	for i := range s.Amendments {
		a := &s.Amendments[i]
		a.Base, a.SetID = store.Base{}, s.ID
	}
	if len(s.Amendments) > 0 {
		if err := tx.Create(&s.Amendments).Error; err != nil {
			return fmt.Errorf("create amendments: %w", err)
		}
	}
	for i := range s.Conditions {
		c := &s.Conditions[i]
		c.Base, c.SetID = store.Base{}, s.ID
	}
	if len(s.Conditions) > 0 {
		if err := tx.Create(&s.Conditions).Error; err != nil {
			return fmt.Errorf("create conditions: %w", err)
		}
	}
	var thresholds []Threshold
	for i := range s.Criteria {
		c := &s.Criteria[i]
		c.SetID = s.ID
		if err := upsertCriterion(tx, c, oldCrit); err != nil {
			return err
		}
		for j := range c.Indicators {
			ind := &c.Indicators[j]
			ind.SetID, ind.CriterionID = s.ID, c.ID
			if err := upsertIndicator(tx, ind, oldInd); err != nil {
				return err
			}
			for k := range ind.Thresholds {
				t := &ind.Thresholds[k]
				t.Base, t.IndicatorID = store.Base{}, ind.ID
				thresholds = append(thresholds, *t)
			}
		}
	}
	if len(thresholds) > 0 {
		if err := tx.CreateInBatches(&thresholds, 200).Error; err != nil {
			return fmt.Errorf("create thresholds: %w", err)
		}
		// Give the caller the ids.
		n := 0
		for i := range s.Criteria {
			for j := range s.Criteria[i].Indicators {
				for k := range s.Criteria[i].Indicators[j].Thresholds {
					s.Criteria[i].Indicators[j].Thresholds[k] = thresholds[n]
					n++
				}
			}
		}
	}
	return nil
}

// upsertCriterion writes c alone (not its indicators): updated when its id
// is one of old's, else created with a fresh id.
func upsertCriterion(tx *gorm.DB, c *Criterion, old map[string]bool) error {
	row := *c
	row.Indicators = nil
	err := upsertRow(tx, &row, &row.Base, old, "criterion", "no", "name", "group", "confirmed", "sources", "sort_order")
	c.Base = row.Base
	return err
}

// upsertIndicator writes ind alone (not its thresholds), as upsertCriterion.
func upsertIndicator(tx *gorm.DB, ind *Indicator, old map[string]bool) error {
	row := *ind
	row.Thresholds = nil
	err := upsertRow(tx, &row, &row.Base, old, "indicator", "criterion_id", "code", "name", "kind", "comparator",
		"threshold", "requirement", "unit", "sector", "confirmed", "sources", "sort_order")
	ind.Base = row.Base
	return err
}

func upsertRow(tx *gorm.DB, m any, b *store.Base, old map[string]bool, entity string, cols ...string) error {
	if b.ID != "" && old[b.ID] {
		delete(old, b.ID) // an id sent twice makes a second row
		cols = append(cols, "updated_at")
		if err := tx.Model(m).Select(cols).Updates(m).Error; err != nil {
			return fmt.Errorf("update %s: %w", entity, err)
		}
		if err := tx.Model(m).Where("id = ?", b.ID).UpdateColumn("version", gorm.Expr("version + 1")).Error; err != nil {
			return fmt.Errorf("update %s: %w", entity, err)
		}
		return nil
	}
	*b = store.Base{}
	if err := tx.Create(m).Error; err != nil {
		return fmt.Errorf("create %s: %w", entity, err)
	}
	return nil
}

// syncChildren replaces the children of old with those of in. Criteria and
// indicators that in no longer has are soft-deleted (deleted assessments
// may still point at them); amendments, conditions and thresholds are
// rewritten.
func syncChildren(tx *gorm.DB, old, in *Set) error {
	if err := tx.Unscoped().Where("set_id = ?", old.ID).Delete(&Amendment{}).Error; err != nil {
		return fmt.Errorf("delete amendments: %w", err)
	}
	if err := tx.Unscoped().Where("set_id = ?", old.ID).Delete(&Condition{}).Error; err != nil {
		return fmt.Errorf("delete conditions: %w", err)
	}
	if err := tx.Unscoped().Where("indicator_id IN (?)",
		tx.Unscoped().Model(&Indicator{}).Select("id").Where("set_id = ?", old.ID)).Delete(&Threshold{}).Error; err != nil {
		return fmt.Errorf("delete thresholds: %w", err)
	}
	if err := writeChildren(tx, in, old); err != nil {
		return err
	}
	keepCrit, keepInd := []string{""}, []string{""}
	for _, c := range in.Criteria {
		keepCrit = append(keepCrit, c.ID)
		for _, ind := range c.Indicators {
			keepInd = append(keepInd, ind.ID)
		}
	}
	if err := tx.Where("set_id = ? AND id NOT IN ?", old.ID, keepInd).Delete(&Indicator{}).Error; err != nil {
		return fmt.Errorf("delete indicators: %w", err)
	}
	if err := tx.Where("set_id = ? AND id NOT IN ?", old.ID, keepCrit).Delete(&Criterion{}).Error; err != nil {
		return fmt.Errorf("delete criteria: %w", err)
	}
	return nil
}
