package award

import (
	"context"
	"fmt"
	"regexp"

	"gorm.io/gorm"

	"chungsuc/internal/fault"
	"chungsuc/internal/store"
	"chungsuc/internal/vntext"
)

// Seed gives the agency every built-in form and rule it does not have yet
// (a code it already has, even deleted, is left alone): on first run, and
// on a database made by an older release.
func Seed(tx *gorm.DB, agencyID string) error {
	haveForms, err := store.AgencyCodes(tx, &Form{}, agencyID)
	if err != nil {
		return fmt.Errorf("award forms seed: %w", err)
	}
	var forms []Form
	for _, f := range BuiltinForms() {
		if !haveForms[f.Code] {
			f.AgencyID = agencyID
			forms = append(forms, f)
		}
	}
	if len(forms) > 0 {
		if err := tx.Create(&forms).Error; err != nil {
			return fmt.Errorf("award forms seed: %w", err)
		}
	}
	haveRules, err := store.AgencyCodes(tx, &Rule{}, agencyID)
	if err != nil {
		return fmt.Errorf("award rules seed: %w", err)
	}
	var rules []Rule
	for _, r := range BuiltinRules() {
		if !haveRules[r.Code] {
			r.AgencyID = agencyID
			rules = append(rules, r)
		}
	}
	if len(rules) > 0 {
		if err := tx.CreateInBatches(&rules, 50).Error; err != nil {
			return fmt.Errorf("award rules seed: %w", err)
		}
	}
	return nil
}

// codeRe is what a catalogue or rule code may look like.
var codeRe = regexp.MustCompile(`^[a-z0-9][a-z0-9_.\-]{0,59}$`)

// Forms returns the agency's catalogue (inactive entries too), by level
// and sort order.
func (s *Service) Forms(ctx context.Context, agencyID string) ([]Form, error) {
	out := []Form{}
	err := s.db.WithContext(ctx).Where("agency_id = ?", agencyID).
		Order("sort_order ASC").Order("level DESC").Order("id ASC").Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("list award forms: %w", err)
	}
	return out, nil
}

// formsByCode loads the agency's forms by code (inactive ones too).
func formsByCode(tx *gorm.DB, agencyID string) (map[string]Form, error) {
	var list []Form
	if err := tx.Where("agency_id = ?", agencyID).Find(&list).Error; err != nil {
		return nil, fmt.Errorf("load award forms: %w", err)
	}
	out := make(map[string]Form, len(list))
	for _, f := range list {
		out[f.Code] = f
	}
	return out, nil
}

func (f *Form) normalise() {
	f.Code = vntext.Clean(f.Code)
	f.Name = vntext.Clean(f.Name)
	f.Kind = vntext.Clean(f.Kind)
	f.Target = vntext.Clean(f.Target)
	f.Authority = vntext.Clean(f.Authority)
	f.LegalBasis = vntext.CleanText(f.LegalBasis)
	f.ValidFrom = vntext.Clean(f.ValidFrom)
	f.ValidTo = vntext.Clean(f.ValidTo)
	f.Source = vntext.CleanText(f.Source)
	f.Note = vntext.CleanText(f.Note)
}

func checkPeriod(v *fault.Validation, from, to string) {
	a, okA := v.Date("validFrom", from, false)
	b, okB := v.Date("validTo", to, false)
	if okA && okB && b.Before(a) {
		v.Add("validTo", "validation.award.period")
	}
}

func (f *Form) validate() *fault.Validation {
	var v fault.Validation
	if v.Required("code", f.Code) && !codeRe.MatchString(f.Code) {
		v.Add("code", "validation.award.code")
	}
	v.Text("name", f.Name, true, 300)
	v.OneOf("kind", f.Kind, Kinds...)
	v.OneOf("target", f.Target, Targets...)
	if f.Level < 0 || f.Level > 100 {
		v.Add("level", "validation.range", "min", 0, "max", 100)
	}
	if f.Copies < 0 || f.Copies > 20 {
		v.Add("copies", "validation.range", "min", 0, "max", 20)
	}
	v.MaxLen("authority", f.Authority, 200)
	v.MaxLen("legalBasis", f.LegalBasis, 2000)
	checkPeriod(&v, f.ValidFrom, f.ValidTo)
	v.MaxLen("source", f.Source, 5000)
	v.MaxLen("note", f.Note, 5000)
	return &v
}

// SaveForm creates (empty ID) or updates a catalogue entry. The code of an
// existing entry never changes (nominees, rules and history point at it);
// built-in entries are editable like the agency's own.
func (s *Service) SaveForm(ctx context.Context, agencyID string, f Form) (Form, error) {
	f.AgencyID = agencyID
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		f.normalise()
		creating := f.ID == ""
		if !creating {
			var old Form
			if err := store.Get(tx.Where("agency_id = ?", agencyID), &old, "awardForm", f.ID); err != nil {
				return err
			}
			f.Code, f.Builtin, f.Active = old.Code, old.Builtin, old.Active
		}
		v := f.validate()
		if creating && !v.Has("code") {
			have, err := store.AgencyCodes(tx, &Form{}, agencyID)
			if err != nil {
				return fmt.Errorf("check form code: %w", err)
			}
			if have[f.Code] || f.Code == formAnyCode {
				v.Add("code", "validation.award.codeTaken")
			}
		}
		if err := v.Err(); err != nil {
			return err
		}
		if creating {
			f.Builtin, f.Active = false, true
			if err := tx.Create(&f).Error; err != nil {
				return fmt.Errorf("create award form: %w", err)
			}
			return nil
		}
		return store.UpdateVersioned(tx, &f, "awardForm", "name", "kind", "target", "level", "authority", "legal_basis",
			"valid_from", "valid_to", "copies", "confirmed", "source", "note", "sort_order")
	})
	return f, err
}

// SetFormActive deactivates (hides from new nominations) or reactivates a
// catalogue entry; entries are never deleted since history points at them.
func (s *Service) SetFormActive(ctx context.Context, agencyID, id string, version int64, active bool) (Form, error) {
	var f Form
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := store.Get(tx.Where("agency_id = ?", agencyID), &f, "awardForm", id); err != nil {
			return err
		}
		if f.Version != version {
			return fault.Stale("awardForm")
		}
		f.Active = active
		return store.UpdateVersioned(tx, &f, "awardForm", "active")
	})
	return f, err
}

// Rules returns the agency's rules of a form ("" for every form), the
// rules of every form ("*") included, in their order.
func (s *Service) Rules(ctx context.Context, agencyID, formCode string) ([]Rule, error) {
	out := []Rule{}
	q := s.db.WithContext(ctx).Where("agency_id = ?", agencyID)
	if formCode != "" {
		q = q.Where("form_code IN ?", []string{formCode, formAnyCode})
	}
	if err := q.Order("sort_order ASC").Order("code ASC").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list award rules: %w", err)
	}
	return out, nil
}

func (r *Rule) normalise() {
	r.Code = vntext.Clean(r.Code)
	r.FormCode = vntext.Clean(r.FormCode)
	r.Target = vntext.Clean(r.Target)
	r.GroupCode = vntext.Clean(r.GroupCode)
	r.Check = vntext.Clean(r.Check)
	r.Params = vntext.CleanText(r.Params)
	if r.Params == "" {
		r.Params = "{}"
	}
	r.Article = vntext.Clean(r.Article)
	r.Quote = vntext.CleanText(r.Quote)
	r.ValidFrom = vntext.Clean(r.ValidFrom)
	r.ValidTo = vntext.Clean(r.ValidTo)
	r.Source = vntext.CleanText(r.Source)
}

func (r *Rule) validate(forms map[string]Form) *fault.Validation {
	var v fault.Validation
	if v.Required("code", r.Code) && !codeRe.MatchString(r.Code) {
		v.Add("code", "validation.award.code")
	}
	if v.Required("formCode", r.FormCode) && r.FormCode != formAnyCode {
		if _, ok := forms[r.FormCode]; !ok {
			v.Add("formCode", "validation.award.formMissing")
		}
	}
	v.OneOf("target", r.Target, Targets...)
	if r.GroupCode != "" && !codeRe.MatchString(r.GroupCode) {
		v.Add("groupCode", "validation.award.code")
	}
	if v.Required("check", r.Check) {
		v.OneOf("check", r.Check, CheckKinds...)
	}
	if !v.Has("check") {
		if key, kv := validateParams(r.Check, r.Params, forms, true); key != "" {
			v.Add("params", key, kv...)
		}
	}
	v.Text("article", r.Article, true, 300)
	v.MaxLen("quote", r.Quote, 5000)
	checkPeriod(&v, r.ValidFrom, r.ValidTo)
	v.MaxLen("source", r.Source, 5000)
	return &v
}

// SaveRule creates (empty ID) or updates an eligibility rule. The code of
// an existing rule never changes.
func (s *Service) SaveRule(ctx context.Context, agencyID string, r Rule) (Rule, error) {
	r.AgencyID = agencyID
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		r.normalise()
		creating := r.ID == ""
		if !creating {
			var old Rule
			if err := store.Get(tx.Where("agency_id = ?", agencyID), &old, "awardRule", r.ID); err != nil {
				return err
			}
			r.Code, r.Builtin, r.Active = old.Code, old.Builtin, old.Active
		}
		forms, err := formsByCode(tx, agencyID)
		if err != nil {
			return err
		}
		v := r.validate(forms)
		if creating && !v.Has("code") {
			have, err := store.AgencyCodes(tx, &Rule{}, agencyID)
			if err != nil {
				return fmt.Errorf("check rule code: %w", err)
			}
			if have[r.Code] {
				v.Add("code", "validation.award.codeTaken")
			}
		}
		if err := v.Err(); err != nil {
			return err
		}
		if creating {
			r.Builtin, r.Active = false, true
			if err := tx.Create(&r).Error; err != nil {
				return fmt.Errorf("create award rule: %w", err)
			}
			return nil
		}
		return store.UpdateVersioned(tx, &r, "awardRule", "form_code", "target", "group_code", "check", "params",
			"article", "quote", "valid_from", "valid_to", "confirmed", "source", "sort_order")
	})
	return r, err
}

// SetRuleActive deactivates (the check skips it) or reactivates a rule.
func (s *Service) SetRuleActive(ctx context.Context, agencyID, id string, version int64, active bool) (Rule, error) {
	var r Rule
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := store.Get(tx.Where("agency_id = ?", agencyID), &r, "awardRule", id); err != nil {
			return err
		}
		if r.Version != version {
			return fault.Stale("awardRule")
		}
		r.Active = active
		return store.UpdateVersioned(tx, &r, "awardRule", "active")
	})
	return r, err
}
