package award

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"chungsuc/internal/campaign"
	"chungsuc/internal/fault"
	"chungsuc/internal/org"
	"chungsuc/internal/store"
	"chungsuc/internal/vntext"
)

// Check kinds: the evaluators a rule may name.
const (
	// CheckGuidance is shown, never evaluated.
	CheckGuidance = "guidance"
	// CheckManual is a condition the data cannot tell: always unknown.
	CheckManual = "manual"
	// CheckHistoryCount counts history records of the given forms or
	// titles in the last Years years: met when there are at least Min.
	CheckHistoryCount = "history_count"
	// CheckHistoryHas is met when the history holds one such record.
	CheckHistoryHas = "history_has"
	// CheckCampaignYears is met when the proposal is at one of Stages of a
	// campaign lasting at least Min years (ToYear − FromYear + 1).
	CheckCampaignYears = "campaign_years"
	// CheckStaffCategory is met when the person's staff category is in In;
	// otherwise Otherwise ("not_met", the default, or "unknown").
	CheckStaffCategory = "staff_category"
	// CheckCouncilPassed is met when the subject passed the council vote in
	// a proposal of the campaign; otherwise unknown.
	CheckCouncilPassed = "council_passed"
	// CheckThematicNote lists the history records that NĐ 152/2025 Điều 4
	// khoản 3 keeps from counting (a finding, shown as guidance).
	CheckThematicNote = "thematic_note"
	// CheckAllOf holds when all its Parts hold.
	CheckAllOf = "all_of"
)

// CheckKinds lists the check kinds.
var CheckKinds = []string{CheckGuidance, CheckManual, CheckHistoryCount, CheckHistoryHas, CheckCampaignYears,
	CheckStaffCategory, CheckCouncilPassed, CheckThematicNote, CheckAllOf}

// Results of one rule.
const (
	ResultMet      = "met"
	ResultNotMet   = "not_met"
	ResultUnknown  = "unknown"
	ResultGuidance = "guidance"
)

// Verdicts of a check.
const (
	// VerdictEligible: every evaluated condition is met by the data.
	VerdictEligible = "du"
	// VerdictNotEligible: the data shows a condition is not met.
	VerdictNotEligible = "chua_du"
	// VerdictUnknown: the data cannot tell (or no rule is encoded).
	VerdictUnknown = "chua_xac_dinh"
)

// Params are the JSON parameters of a rule (each check reads its own).
type Params struct {
	// Forms are catalogue codes a history record may have.
	Forms []string `json:"forms,omitempty"`
	// Titles match records without a catalogue code: the folded title
	// (lower case, no diacritics) contains one of them and none of NotTitles.
	Titles    []string `json:"titles,omitempty"`
	NotTitles []string `json:"notTitles,omitempty"`
	Min       int      `json:"min,omitempty"`
	// Years is the window ending at the reference year (0 = all years).
	Years           int      `json:"years,omitempty"`
	ExcludeThematic bool     `json:"excludeThematic,omitempty"`
	Stages          []string `json:"stages,omitempty"`
	In              []string `json:"in,omitempty"`
	Otherwise       string   `json:"otherwise,omitempty"`
	// Label is the part of the legal text this check covers.
	Label string `json:"label,omitempty"`
	Parts []Part `json:"parts,omitempty"`
}

// Part is one condition of an all_of rule.
type Part struct {
	Check  string `json:"check"`
	Params Params `json:"params"`
}

// ParseParams reads a rule's parameters, refusing unknown fields.
func ParseParams(s string) (Params, error) {
	var p Params
	if strings.TrimSpace(s) == "" {
		return p, nil
	}
	dec := json.NewDecoder(bytes.NewReader([]byte(s)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return p, err
	}
	if dec.More() {
		return p, fmt.Errorf("trailing data")
	}
	return p, nil
}

// validateParams checks a rule's parameters for its check kind; it returns
// "" or a message key with its params. forms are the agency's forms.
func validateParams(check, raw string, forms map[string]Form, top bool) (string, []any) {
	if vntext.Len(raw) > 10000 {
		return "validation.tooLong", []any{"max", 10000, "length", vntext.Len(raw)}
	}
	p, err := ParseParams(raw)
	if err != nil {
		return "validation.award.paramsJSON", nil
	}
	return p.validate(check, forms, top)
}

func (p Params) validate(check string, forms map[string]Form, top bool) (string, []any) {
	for _, f := range p.Forms {
		if _, ok := forms[f]; !ok {
			return "validation.award.paramsForm", []any{"code", f}
		}
	}
	switch check {
	case CheckHistoryCount, CheckHistoryHas:
		if len(p.Forms) == 0 && len(p.Titles) == 0 {
			return "validation.award.paramsForms", nil
		}
		if p.Years < 0 || p.Years > 100 {
			return "validation.award.paramsYears", nil
		}
		if check == CheckHistoryCount && (p.Min < 1 || p.Min > 100) {
			return "validation.award.paramsMin", nil
		}
	case CheckCampaignYears:
		if p.Min < 1 || p.Min > 100 {
			return "validation.award.paramsMin", nil
		}
		for _, s := range p.Stages {
			if !slices.Contains(Stages, s) {
				return "validation.award.paramsStage", []any{"stage", s}
			}
		}
	case CheckStaffCategory:
		if len(p.In) == 0 {
			return "validation.award.paramsCategory", nil
		}
		for _, c := range p.In {
			if !slices.Contains(org.Categories, c) {
				return "validation.award.paramsCategory", nil
			}
		}
		if p.Otherwise != "" && p.Otherwise != ResultNotMet && p.Otherwise != ResultUnknown {
			return "validation.award.paramsOtherwise", nil
		}
	case CheckAllOf:
		if !top || len(p.Parts) == 0 || len(p.Parts) > 10 {
			return "validation.award.paramsParts", nil
		}
		for _, part := range p.Parts {
			switch part.Check {
			case CheckManual, CheckHistoryCount, CheckHistoryHas, CheckCampaignYears, CheckStaffCategory, CheckCouncilPassed:
			default:
				return "validation.award.paramsParts", nil
			}
			if key, kv := part.Params.validate(part.Check, forms, false); key != "" {
				return key, kv
			}
		}
	}
	return "", nil
}

// Candidate is the unit or person a check is for.
type Candidate struct {
	SubjectKind string  `json:"subjectKind"`
	UnitID      *string `json:"unitId"`
	StaffID     *string `json:"staffId"`
}

// CheckInput is what the eligibility check needs: the candidate, the form
// and, when the check is made for a nomination, the proposal (its campaign,
// stage, year and meeting date are the context of the rules).
type CheckInput struct {
	Candidate
	FormCode   string `json:"formCode"`
	ProposalID string `json:"proposalId"`
}

// Evidence is a history record or a council vote a result rests on.
type Evidence struct {
	RecordID       string `json:"recordId,omitempty"`
	Year           int    `json:"year,omitempty"`
	Title          string `json:"title,omitempty"`
	DecisionNumber string `json:"decisionNumber,omitempty"`
	DecisionDate   string `json:"decisionDate,omitempty"`
	DecisionIssuer string `json:"decisionIssuer,omitempty"`
	Thematic       bool   `json:"thematic"`
	// Counted is false for a record a rule leaves out (thematic, NĐ 152/2025 Điều 4 khoản 3).
	Counted      bool    `json:"counted"`
	ProposalID   string  `json:"proposalId,omitempty"`
	ProposalName string  `json:"proposalName,omitempty"`
	Percent      float64 `json:"percent,omitempty"`
}

// RuleResult is the outcome of one rule (or one part of an all_of rule):
// the status, the reason as a vi.json key (award.reason.*) with its params,
// and the evidence.
type RuleResult struct {
	Code      string         `json:"code"`
	FormCode  string         `json:"formCode"`
	GroupCode string         `json:"groupCode"`
	Check     string         `json:"check"`
	Article   string         `json:"article"`
	Quote     string         `json:"quote"`
	Label     string         `json:"label"`
	Source    string         `json:"source"`
	Confirmed bool           `json:"confirmed"`
	Status    string         `json:"status"`
	Reason    string         `json:"reason"`
	Params    map[string]any `json:"params" ts_type:"{ [key: string]: any }"`
	Evidence  []Evidence     `json:"evidence"`
	Parts     []RuleResult   `json:"parts"`
}

// ResultItem is one condition of the check: a single rule (Group "") that
// must hold, or a group of alternatives of which one must hold.
type ResultItem struct {
	Group  string       `json:"group"`
	Status string       `json:"status"`
	Rules  []RuleResult `json:"rules"`
}

// ResultCounts counts the rules by result.
type ResultCounts struct {
	Met      int `json:"met"`
	NotMet   int `json:"notMet"`
	Unknown  int `json:"unknown"`
	Guidance int `json:"guidance"`
}

// Eligibility is the pre-check of a candidate for a form.
type Eligibility struct {
	Form        Form         `json:"form"`
	SubjectKind string       `json:"subjectKind"`
	SubjectName string       `json:"subjectName"`
	Category    string       `json:"category"`
	ProposalID  string       `json:"proposalId"`
	RefDate     string       `json:"refDate"`
	RefYear     int          `json:"refYear"`
	Items       []ResultItem `json:"items"`
	Verdict     string       `json:"verdict"`
	Counts      ResultCounts `json:"counts"`
}

// evaluation is the context of one check.
type evaluation struct {
	tx       *gorm.DB
	agencyID string
	subj     subject
	form     Form
	prop     *Proposal
	camp     *campaign.Campaign
	refDate  string
	refYear  int
	history  []Record
	loaded   bool
}

// Check evaluates the active rules of a form for a candidate.
func (s *Service) Check(ctx context.Context, agencyID string, in CheckInput) (Eligibility, error) {
	var out Eligibility
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		out, err = checkTx(tx, agencyID, in)
		return err
	})
	return out, err
}

// CheckNominee evaluates the eligibility of a nominee for its form in its proposal.
func (s *Service) CheckNominee(ctx context.Context, agencyID, nomineeID string) (Eligibility, error) {
	var out Eligibility
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		n, _, err := nomineeOf(tx, agencyID, nomineeID)
		if err != nil {
			return err
		}
		out, err = checkTx(tx, agencyID, CheckInput{
			Candidate: Candidate{SubjectKind: n.SubjectKind, UnitID: n.UnitID, StaffID: n.StaffID},
			FormCode:  n.FormCode, ProposalID: n.ProposalID,
		})
		return err
	})
	return out, err
}

func checkTx(tx *gorm.DB, agencyID string, in CheckInput) (Eligibility, error) {
	out := Eligibility{Items: []ResultItem{}}
	in.SubjectKind = vntext.Clean(in.SubjectKind)
	in.FormCode = vntext.Clean(in.FormCode)
	in.ProposalID = vntext.Clean(in.ProposalID)
	unitID, staffID := subjectRef(in.SubjectKind, vntext.CleanRef(in.UnitID), vntext.CleanRef(in.StaffID))
	subj, err := loadSubject(tx, agencyID, in.SubjectKind, unitID, staffID)
	if err != nil {
		return out, err
	}
	var form Form
	if err := tx.Where("agency_id = ? AND code = ?", agencyID, in.FormCode).Limit(1).Find(&form).Error; err != nil {
		return out, fmt.Errorf("check form: %w", err)
	}
	if form.ID == "" {
		return out, fault.NotFound("awardForm")
	}
	ev := &evaluation{tx: tx, agencyID: agencyID, subj: subj, form: form, refDate: todayISO()}
	if in.ProposalID != "" {
		var p Proposal
		if err := store.Get(tx.Where("agency_id = ?", agencyID), &p, "awardProposal", in.ProposalID); err != nil {
			return out, err
		}
		ev.prop = &p
		var c campaign.Campaign
		if err := tx.Unscoped().Where("id = ?", p.CampaignID).Limit(1).Find(&c).Error; err != nil {
			return out, fmt.Errorf("check campaign: %w", err)
		}
		if c.ID != "" {
			ev.camp = &c
		}
		if p.MeetingDate != "" {
			ev.refDate = p.MeetingDate
		}
	}
	if t, err := time.Parse(fault.DateLayout, ev.refDate); err == nil {
		ev.refYear = t.Year()
	}
	if ev.prop != nil && ev.prop.Year > 0 {
		ev.refYear = ev.prop.Year
	}
	out.Form, out.SubjectKind, out.SubjectName, out.Category = form, subj.Kind, subj.Name, subj.Category
	out.ProposalID, out.RefDate, out.RefYear = in.ProposalID, ev.refDate, ev.refYear

	out.Items = append(out.Items, ev.formItems()...)
	var rules []Rule
	err = tx.Where("agency_id = ? AND active = ? AND form_code IN ?", agencyID, true, []string{form.Code, formAnyCode}).
		Order("sort_order ASC").Order("code ASC").Find(&rules).Error
	if err != nil {
		return out, fmt.Errorf("check rules: %w", err)
	}
	groups := map[string]int{}
	for _, r := range rules {
		if !targetFits(r.Target, subj.Kind) {
			continue
		}
		res, err := ev.rule(r)
		if err != nil {
			return out, err
		}
		if r.GroupCode == "" {
			out.Items = append(out.Items, ResultItem{Rules: []RuleResult{res}})
			continue
		}
		i, ok := groups[r.GroupCode]
		if !ok {
			i = len(out.Items)
			groups[r.GroupCode] = i
			out.Items = append(out.Items, ResultItem{Group: r.GroupCode})
		}
		out.Items[i].Rules = append(out.Items[i].Rules, res)
	}
	for i := range out.Items {
		out.Items[i].Status = itemStatus(out.Items[i])
		for _, r := range out.Items[i].Rules {
			switch r.Status {
			case ResultMet:
				out.Counts.Met++
			case ResultNotMet:
				out.Counts.NotMet++
			case ResultUnknown:
				out.Counts.Unknown++
			default:
				out.Counts.Guidance++
			}
		}
	}
	out.Verdict = verdict(out.Items)
	return out, nil
}

// itemStatus aggregates an item: a single rule is its own status; a group
// of alternatives is met when one is met, not met when every evaluated one
// is not met, unknown otherwise. Guidance rules are left out.
func itemStatus(it ResultItem) string {
	var evaluated []string
	for _, r := range it.Rules {
		if r.Status != ResultGuidance {
			evaluated = append(evaluated, r.Status)
		}
	}
	if len(evaluated) == 0 {
		return ResultGuidance
	}
	if it.Group == "" {
		return evaluated[0]
	}
	if slices.Contains(evaluated, ResultMet) {
		return ResultMet
	}
	for _, s := range evaluated {
		if s != ResultNotMet {
			return ResultUnknown
		}
	}
	return ResultNotMet
}

// verdict: not eligible when an item is not met; eligible when every
// evaluated item is met (and there is one); otherwise unknown.
func verdict(items []ResultItem) string {
	n, met := 0, 0
	for _, it := range items {
		switch it.Status {
		case ResultNotMet:
			return VerdictNotEligible
		case ResultMet:
			met++
			n++
		case ResultUnknown:
			n++
		}
	}
	// The form's own checks (validity, target) alone decide nothing.
	rules := 0
	for _, it := range items {
		if it.Status != ResultGuidance && !strings.HasPrefix(firstCode(it), "form.") {
			rules++
		}
	}
	if rules == 0 || met < n {
		return VerdictUnknown
	}
	return VerdictEligible
}

func firstCode(it ResultItem) string {
	if len(it.Rules) == 0 {
		return ""
	}
	return it.Rules[0].Code
}

func kv(pairs ...any) map[string]any {
	m := map[string]any{}
	for i := 0; i+1 < len(pairs); i += 2 {
		m[fmt.Sprint(pairs[i])] = pairs[i+1]
	}
	return m
}

// formItems are the checks of the form itself: active, for this kind of
// subject, and its legal basis in force at the reference date.
func (ev *evaluation) formItems() []ResultItem {
	f := ev.form
	base := RuleResult{FormCode: f.Code, Article: f.LegalBasis, Source: f.Source, Confirmed: f.Confirmed,
		Params: map[string]any{}, Evidence: []Evidence{}, Parts: []RuleResult{}}
	var items []ResultItem
	add := func(code, status, reason string, params map[string]any) {
		r := base
		r.Code, r.Check, r.Status, r.Reason, r.Params = code, "form", status, reason, params
		items = append(items, ResultItem{Status: status, Rules: []RuleResult{r}})
	}
	if !f.Active {
		add("form.active", ResultNotMet, "award.reason.formInactive", kv("form", f.Name))
	}
	if !targetFits(f.Target, ev.subj.Kind) {
		add("form.target", ResultNotMet, "award.reason.targetWrong", kv("form", f.Name, "target", targetNames[f.Target]))
	}
	switch {
	case f.ValidFrom != "" && ev.refDate < f.ValidFrom:
		add("form.valid", ResultNotMet, "award.reason.basisNotYet", kv("from", f.ValidFrom, "date", ev.refDate))
	case f.ValidTo != "" && ev.refDate > f.ValidTo:
		add("form.valid", ResultNotMet, "award.reason.basisExpired", kv("to", f.ValidTo, "date", ev.refDate))
	default:
		add("form.valid", ResultMet, "award.reason.basisInForce", kv("from", f.ValidFrom, "to", f.ValidTo, "date", ev.refDate))
	}
	return items
}

// Vietnamese names used in reason params (the reasons themselves are in vi.json).
var (
	targetNames   = map[string]string{TargetUnit: "tập thể", TargetStaff: "cá nhân", TargetBoth: "tập thể và cá nhân"}
	stageNames    = map[string]string{StageSoKet: "sơ kết", StageTongKet: "tổng kết", StageDotXuat: "đột xuất"}
	categoryNames = map[string]string{org.CategoryCongChuc: "công chức", org.CategoryVienChuc: "viên chức",
		org.CategoryNguoiLaoDong: "người lao động"}
)

func names(codes []string, m map[string]string) string {
	out := make([]string, 0, len(codes))
	for _, c := range codes {
		if n, ok := m[c]; ok {
			out = append(out, n)
		} else {
			out = append(out, c)
		}
	}
	return strings.Join(out, ", ")
}

// rule evaluates one rule.
func (ev *evaluation) rule(r Rule) (RuleResult, error) {
	res := RuleResult{Code: r.Code, FormCode: r.FormCode, GroupCode: r.GroupCode, Check: r.Check, Article: r.Article,
		Quote: r.Quote, Source: r.Source, Confirmed: r.Confirmed, Params: map[string]any{}, Evidence: []Evidence{}, Parts: []RuleResult{}}
	if (r.ValidFrom != "" && ev.refDate < r.ValidFrom) || (r.ValidTo != "" && ev.refDate > r.ValidTo) {
		res.Status, res.Reason = ResultGuidance, "award.reason.ruleNotInForce"
		res.Params = kv("from", r.ValidFrom, "to", r.ValidTo, "date", ev.refDate)
		return res, nil
	}
	p, err := ParseParams(r.Params)
	if err != nil {
		// A rule saved through SaveRule always parses; one edited in the
		// database by hand is shown, not evaluated.
		res.Status, res.Reason = ResultGuidance, "award.reason.badParams"
		return res, nil
	}
	res.Label = p.Label
	if r.Check == CheckGuidance {
		res.Status, res.Reason = ResultGuidance, "award.reason.guidanceUnconfirmed"
		if r.Confirmed {
			res.Reason = "award.reason.guidanceConfirmed"
		}
		return res, nil
	}
	if r.Check == CheckAllOf {
		all := ResultMet
		for i, part := range p.Parts {
			pr := RuleResult{Code: fmt.Sprintf("%s.%d", r.Code, i+1), FormCode: r.FormCode, GroupCode: r.GroupCode,
				Check: part.Check, Article: r.Article, Label: part.Params.Label, Confirmed: r.Confirmed,
				Params: map[string]any{}, Evidence: []Evidence{}, Parts: []RuleResult{}}
			if err := ev.eval(part.Check, part.Params, &pr); err != nil {
				return res, err
			}
			switch {
			case pr.Status == ResultNotMet:
				all = ResultNotMet
			case pr.Status != ResultMet && all == ResultMet:
				all = ResultUnknown
			}
			res.Parts = append(res.Parts, pr)
		}
		res.Status = all
		res.Reason = map[string]string{ResultMet: "award.reason.allMet", ResultNotMet: "award.reason.partNotMet",
			ResultUnknown: "award.reason.partUnknown"}[all]
		return res, nil
	}
	err = ev.eval(r.Check, p, &res)
	return res, err
}

// eval runs one evaluator into res.
func (ev *evaluation) eval(check string, p Params, res *RuleResult) error {
	switch check {
	case CheckManual:
		res.Status, res.Reason = ResultUnknown, "award.reason.manual"
	case CheckHistoryCount, CheckHistoryHas:
		return ev.historyCheck(check, p, res)
	case CheckThematicNote:
		return ev.thematic(res)
	case CheckCampaignYears:
		ev.campaignYears(p, res)
	case CheckStaffCategory:
		ev.category(p, res)
	case CheckCouncilPassed:
		return ev.council(res)
	default:
		res.Status, res.Reason = ResultGuidance, "award.reason.badParams"
	}
	return nil
}

// loadHistory loads the subject's live records up to the reference year,
// leaving out those written by the proposal being checked.
func (ev *evaluation) loadHistory() error {
	if ev.loaded {
		return nil
	}
	q := sameSubject(ev.tx.Model(&Record{}), "award_records", ev.subj.Kind, ev.subj.UnitID, ev.subj.StaffID).
		Where("award_records.agency_id = ?", ev.agencyID)
	if ev.refYear > 0 {
		q = q.Where("award_records.year <= ?", ev.refYear)
	}
	if ev.prop != nil {
		q = q.Where("(award_records.proposal_id IS NULL OR award_records.proposal_id <> ?)", ev.prop.ID)
	}
	if err := q.Order("year ASC").Order("decision_date ASC").Order("id ASC").Find(&ev.history).Error; err != nil {
		return fmt.Errorf("check history: %w", err)
	}
	ev.loaded = true
	return nil
}

// matches reports whether a record is one of the forms or titles of p.
func (p Params) matches(r Record) bool {
	if r.FormCode != "" {
		return slices.Contains(p.Forms, r.FormCode)
	}
	title := vntext.Fold(r.Title)
	for _, n := range p.NotTitles {
		if n != "" && strings.Contains(title, vntext.Fold(n)) {
			return false
		}
	}
	for _, t := range p.Titles {
		if t != "" && strings.Contains(title, vntext.Fold(t)) {
			return true
		}
	}
	return false
}

func evidenceOf(r Record, counted bool) Evidence {
	return Evidence{RecordID: r.ID, Year: r.Year, Title: r.Title, DecisionNumber: r.DecisionNumber,
		DecisionDate: r.DecisionDate, DecisionIssuer: r.DecisionIssuer, Thematic: r.Thematic, Counted: counted}
}

func (ev *evaluation) historyCheck(check string, p Params, res *RuleResult) error {
	if err := ev.loadHistory(); err != nil {
		return err
	}
	from := 0
	if p.Years > 0 {
		from = ev.refYear - p.Years + 1
	}
	counted, excluded := 0, 0
	for _, r := range ev.history {
		if !p.matches(r) || r.Year < from {
			continue
		}
		if p.ExcludeThematic && r.Thematic {
			excluded++
			res.Evidence = append(res.Evidence, evidenceOf(r, false))
			continue
		}
		counted++
		res.Evidence = append(res.Evidence, evidenceOf(r, true))
	}
	res.Params = kv("count", counted, "excluded", excluded, "min", p.Min, "years", p.Years, "from", from, "to", ev.refYear)
	if check == CheckHistoryHas {
		if counted > 0 {
			res.Status, res.Reason = ResultMet, "award.reason.historyHas"
		} else {
			res.Status, res.Reason = ResultNotMet, "award.reason.historyMissing"
		}
		return nil
	}
	if counted >= p.Min {
		res.Status, res.Reason = ResultMet, "award.reason.historyCountMet"
	} else {
		res.Status, res.Reason = ResultNotMet, "award.reason.historyCountShort"
	}
	if p.Years == 0 {
		res.Reason += "All"
	}
	return nil
}

func (ev *evaluation) thematic(res *RuleResult) error {
	if err := ev.loadHistory(); err != nil {
		return err
	}
	for _, r := range ev.history {
		if r.Thematic {
			res.Evidence = append(res.Evidence, evidenceOf(r, false))
		}
	}
	res.Status = ResultGuidance
	res.Params = kv("count", len(res.Evidence))
	if len(res.Evidence) > 0 {
		res.Reason = "award.reason.thematicListed"
	} else {
		res.Reason = "award.reason.thematicNone"
	}
	return nil
}

func (ev *evaluation) campaignYears(p Params, res *RuleResult) {
	if ev.prop == nil || ev.camp == nil {
		res.Status, res.Reason = ResultUnknown, "award.reason.noProposal"
		return
	}
	c := ev.camp
	years := c.ToYear - c.FromYear + 1
	res.Params = kv("campaign", c.Name, "from", c.FromYear, "to", c.ToYear, "years", years, "min", p.Min,
		"stage", stageNames[ev.prop.Stage], "stages", names(p.Stages, stageNames))
	switch {
	case len(p.Stages) > 0 && !slices.Contains(p.Stages, ev.prop.Stage):
		res.Status, res.Reason = ResultNotMet, "award.reason.stageNotIn"
	case years < p.Min:
		res.Status, res.Reason = ResultNotMet, "award.reason.campaignShort"
	default:
		res.Status, res.Reason = ResultMet, "award.reason.campaignLong"
	}
}

func (ev *evaluation) category(p Params, res *RuleResult) {
	c := ev.subj.Category
	res.Params = kv("category", categoryNames[c], "in", names(p.In, categoryNames))
	switch {
	case ev.subj.Kind != SubjectStaff:
		res.Status, res.Reason = ResultNotMet, "award.reason.notAPerson"
	case c == "":
		res.Status, res.Reason = ResultUnknown, "award.reason.categoryUnknown"
	case slices.Contains(p.In, c):
		res.Status, res.Reason = ResultMet, "award.reason.categoryIn"
	case p.Otherwise == ResultUnknown:
		res.Status, res.Reason = ResultUnknown, "award.reason.categoryOther"
	default:
		res.Status, res.Reason = ResultNotMet, "award.reason.categoryNotIn"
	}
}

// votedStatuses are the statuses of a proposal whose vote is final.
var votedStatuses = []string{StatusReviewed, StatusSubmitted, StatusReturned, StatusDecided}

func (ev *evaluation) council(res *RuleResult) error {
	if ev.prop == nil {
		res.Status, res.Reason = ResultUnknown, "award.reason.noProposal"
		return nil
	}
	var rows []struct {
		Nominee
		PName string
	}
	q := ev.tx.Table("award_nominees").
		Select("award_nominees.*, award_proposals.name AS p_name").
		Joins("JOIN award_proposals ON award_proposals.id = award_nominees.proposal_id").
		Where("award_nominees.deleted_at IS NULL AND award_proposals.deleted_at IS NULL").
		Where("award_proposals.agency_id = ? AND award_proposals.campaign_id = ? AND award_proposals.status IN ?",
			ev.agencyID, ev.prop.CampaignID, votedStatuses).
		Where("award_nominees.voted = ?", true)
	q = sameSubject(q, "award_nominees", ev.subj.Kind, ev.subj.UnitID, ev.subj.StaffID)
	if err := q.Order("award_proposals.year ASC").Order("award_nominees.id ASC").Scan(&rows).Error; err != nil {
		return fmt.Errorf("check council votes: %w", err)
	}
	props := map[string]Proposal{}
	for _, r := range rows {
		p, ok := props[r.ProposalID]
		if !ok {
			if err := ev.tx.Where("id = ?", r.ProposalID).Take(&p).Error; err != nil {
				return fmt.Errorf("check council proposal: %w", err)
			}
			props[r.ProposalID] = p
		}
		if Passed(r.BallotsFor, p) {
			res.Evidence = append(res.Evidence, Evidence{ProposalID: p.ID, ProposalName: p.Name, Year: p.Year,
				Percent: Percent(r.BallotsFor, p), Counted: true})
		}
	}
	if len(res.Evidence) > 0 {
		res.Status, res.Reason = ResultMet, "award.reason.councilPassed"
		res.Params = kv("proposal", res.Evidence[0].ProposalName)
		return nil
	}
	res.Status, res.Reason = ResultUnknown, "award.reason.councilNotYet"
	return nil
}

// ReasonKeys lists every reason key the check may give (for the vi.json test).
var ReasonKeys = []string{
	"award.reason.formInactive", "award.reason.targetWrong", "award.reason.basisNotYet", "award.reason.basisExpired",
	"award.reason.basisInForce", "award.reason.ruleNotInForce", "award.reason.badParams", "award.reason.guidanceUnconfirmed",
	"award.reason.guidanceConfirmed", "award.reason.allMet", "award.reason.partNotMet", "award.reason.partUnknown",
	"award.reason.manual", "award.reason.historyHas", "award.reason.historyMissing", "award.reason.historyCountMet",
	"award.reason.historyCountShort", "award.reason.historyCountMetAll", "award.reason.historyCountShortAll",
	"award.reason.thematicListed", "award.reason.thematicNone", "award.reason.noProposal", "award.reason.stageNotIn",
	"award.reason.campaignShort", "award.reason.campaignLong", "award.reason.notAPerson", "award.reason.categoryUnknown",
	"award.reason.categoryIn", "award.reason.categoryOther", "award.reason.categoryNotIn", "award.reason.councilPassed",
	"award.reason.councilNotYet",
}
