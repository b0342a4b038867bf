package assessment

import (
	"time"

	"chungsuc/internal/attach"
	"chungsuc/internal/criteria"
	"chungsuc/internal/store"
)

// NewInput is what the "Tạo đánh giá" dialog sends.
type NewInput struct {
	LocalityID      string  `json:"localityId"`
	SetID           string  `json:"setId"`
	Date            string  `json:"date"`
	AssessorStaffID *string `json:"assessorStaffId"`
	AssessorName    string  `json:"assessorName"`
	Note            string  `json:"note"`
	// Copy pre-fills the values from the previous finalised assessment of
	// the same set code (the yearly re-assessment starts from last year's).
	Copy  bool   `json:"copy"`
	Actor string `json:"actor"`
}

// LocalityInfo is the assessed locality as the checklist header shows it.
// Region is the effective region (the nearest ancestor's when the locality
// has none; RegionInherited then says so).
type LocalityInfo struct {
	ID                string `json:"id"`
	Name              string `json:"name"`
	Code              string `json:"code"`
	Path              string `json:"path"`
	Kind              string `json:"kind"`
	Level             int    `json:"level"`
	Region            string `json:"region"`
	RegionInherited   bool   `json:"regionInherited"`
	CommuneGroup      int    `json:"communeGroup"`
	SpecialDifficulty bool   `json:"specialDifficulty"`
	SafeZone          bool   `json:"safeZone"`
	Border            bool   `json:"border"`
	Mountain          bool   `json:"mountain"`
	Island            bool   `json:"island"`
	EthnicArea        string `json:"ethnicArea"`
}

// SetInfo is the header of a criteria set (no children).
type SetInfo struct {
	ID              string `json:"id"`
	Code            string `json:"code"`
	Revision        int    `json:"revision"`
	Current         bool   `json:"current"`
	Name            string `json:"name"`
	Target          string `json:"target"`
	Scope           int    `json:"scope"`
	Phase           string `json:"phase"`
	Dimension       string `json:"dimension"`
	SpecialRule     bool   `json:"specialRule"`
	SpecialRuleText string `json:"specialRuleText"`
	DecisionNumber  string `json:"decisionNumber"`
	DecisionDate    string `json:"decisionDate"`
	DecisionIssuer  string `json:"decisionIssuer"`
	Appendix        string `json:"appendix"`
	ValidFrom       string `json:"validFrom"`
	ValidTo         string `json:"validTo"`
	Confirmed       bool   `json:"confirmed"`
	Sample          bool   `json:"sample"`
}

// PrevInfo names the previous assessment the checklist compares with.
type PrevInfo struct {
	ID              string `json:"id"`
	Date            string `json:"date"`
	Year            int    `json:"year"`
	SetID           string `json:"setId"`
	SetRevision     int    `json:"setRevision"`
	CriteriaMet     int    `json:"criteriaMet"`
	CriteriaTotal   int    `json:"criteriaTotal"`
	IndicatorsMet   int    `json:"indicatorsMet"`
	IndicatorsTotal int    `json:"indicatorsTotal"`
}

// PrevValue is an indicator's value in the previous assessment, matched by
// indicator id, or by criterion number and indicator code across revisions.
type PrevValue struct {
	AssessmentID string   `json:"assessmentId"`
	Date         string   `json:"date"`
	Value        string   `json:"value"`
	Number       *float64 `json:"number"`
	Met          *bool    `json:"met"`
	Override     *bool    `json:"override"`
	Note         string   `json:"note"`
}

// CheckItem is one indicator row of the checklist: the indicator, its
// requirement for this locality, the value entered (ID "" when none yet),
// the evidence files and the previous value.
type CheckItem struct {
	ID          string               `json:"id"`
	CriterionID string               `json:"criterionId"`
	Code        string               `json:"code"`
	Name        string               `json:"name"`
	Kind        string               `json:"kind"`
	Unit        string               `json:"unit"`
	Sector      string               `json:"sector"`
	Confirmed   bool                 `json:"confirmed"`
	Sources     string               `json:"sources"`
	SortOrder   int                  `json:"sortOrder"`
	Requirement criteria.Requirement `json:"requirement"`
	Value       Value                `json:"value"`
	Evidence    []Evidence           `json:"evidence"`
	Previous    *PrevValue           `json:"previous"`
}

// CheckCriterion is one criterion section of the checklist.
type CheckCriterion struct {
	ID              string      `json:"id"`
	No              int         `json:"no"`
	Name            string      `json:"name"`
	Group           string      `json:"group"`
	Confirmed       bool        `json:"confirmed"`
	Sources         string      `json:"sources"`
	SortOrder       int         `json:"sortOrder"`
	Met             bool        `json:"met"`
	IndicatorsMet   int         `json:"indicatorsMet"`
	IndicatorsTotal int         `json:"indicatorsTotal"`
	IndicatorsDone  int         `json:"indicatorsDone"`
	PreviousMet     *bool       `json:"previousMet"`
	Indicators      []CheckItem `json:"indicators"`
}

// Checklist is everything the checklist screen shows.
type Checklist struct {
	Assessment Assessment       `json:"assessment"`
	Editable   bool             `json:"editable"`
	Locality   LocalityInfo     `json:"locality"`
	Set        SetInfo          `json:"set"`
	KeyUsed    string           `json:"keyUsed"`
	KeyReason  string           `json:"keyReason"`
	Criteria   []CheckCriterion `json:"criteria"`
	Previous   *PrevInfo        `json:"previous"`
}

// ValueInput is the full state of one indicator's entry as the checklist
// sends it on every autosave. Value carries the pass/fail code ("dat",
// "khong_dat", "") or the text; Number the percentage or number. Override
// nil means "no override" (the reason is then dropped).
type ValueInput struct {
	AssessmentID   string   `json:"assessmentId"`
	IndicatorID    string   `json:"indicatorId"`
	Value          string   `json:"value"`
	Number         *float64 `json:"number"`
	Override       *bool    `json:"override"`
	OverrideReason string   `json:"overrideReason"`
	Note           string   `json:"note"`
	Actor          string   `json:"actor"`
}

// Totals are an assessment's cached totals after a save, with its new
// Version and status.
type Totals struct {
	AssessmentID    string    `json:"assessmentId"`
	Status          string    `json:"status"`
	Version         int64     `json:"version"`
	UpdatedAt       time.Time `json:"updatedAt" ts_type:"string"`
	CriteriaMet     int       `json:"criteriaMet"`
	CriteriaTotal   int       `json:"criteriaTotal"`
	IndicatorsMet   int       `json:"indicatorsMet"`
	IndicatorsTotal int       `json:"indicatorsTotal"`
	IndicatorsDone  int       `json:"indicatorsDone"`
}

// ValueResult is what SaveValue returns: the stored value, its criterion's
// new result and the assessment's new totals. Changed is false when the
// input equalled what was stored (nothing written, no event).
type ValueResult struct {
	Value     Value           `json:"value"`
	Criterion CriterionResult `json:"criterion"`
	Totals    Totals          `json:"totals"`
	Changed   bool            `json:"changed"`
}

// EventRow is one history entry with the indicator it concerns.
type EventRow struct {
	Event
	IndicatorCode string `json:"indicatorCode"`
	IndicatorName string `json:"indicatorName"`
	CriterionNo   int    `json:"criterionNo"`
}

// Query is the assessments list screen's query.
type Query struct {
	store.ListQuery
	LocalityID string `json:"localityId"`
	SetCode    string `json:"setCode"`
	SetID      string `json:"setId"`
	Year       int    `json:"year"`
	Status     string `json:"status"`
	// ParentID limits to localities under this one (children and grandchildren).
	ParentID string `json:"parentId"`
}

// Row is an assessment as the list shows it.
type Row struct {
	Assessment
	LocalityName string `json:"localityName"`
	LocalityKind string `json:"localityKind"`
	LocalityPath string `json:"localityPath"`
	SetCode      string `json:"setCode"`
	SetName      string `json:"setName"`
	SetRevision  int    `json:"setRevision"`
	SetConfirmed bool   `json:"setConfirmed"`
}

// Page is one page of assessments.
type Page struct {
	Items    []Row `json:"items"`
	Total    int64 `json:"total"`
	Page     int   `json:"page"`
	PageSize int   `json:"pageSize"`
}

// CriterionHead is one column of the timeline and the matrix.
type CriterionHead struct {
	No   int    `json:"no"`
	Name string `json:"name"`
}

// TimelineYear is the finalised assessment of one year (the latest of
// that year) with the met state of each criterion in header order:
// 1 met, 0 not met, -1 no data (the criterion is not in that revision).
type TimelineYear struct {
	Year            int    `json:"year"`
	AssessmentID    string `json:"assessmentId"`
	Date            string `json:"date"`
	SetID           string `json:"setId"`
	SetRevision     int    `json:"setRevision"`
	CriteriaMet     int    `json:"criteriaMet"`
	CriteriaTotal   int    `json:"criteriaTotal"`
	IndicatorsMet   int    `json:"indicatorsMet"`
	IndicatorsTotal int    `json:"indicatorsTotal"`
	Met             []int8 `json:"met"`
}

// Timeline is a locality's year-over-year view for one set code.
type Timeline struct {
	LocalityID   string          `json:"localityId"`
	LocalityName string          `json:"localityName"`
	LocalityPath string          `json:"localityPath"`
	SetCode      string          `json:"setCode"`
	SetName      string          `json:"setName"`
	SetCodes     []string        `json:"setCodes"`
	Criteria     []CriterionHead `json:"criteria"`
	Years        []TimelineYear  `json:"years"`
	// Drafts counts the assessments not finalised (not in the years).
	Drafts int `json:"drafts"`
}

// MatrixQuery filters the province matrix.
type MatrixQuery struct {
	SetCode string `json:"setCode"`
	// Year: the latest finalised assessment up to 31/12 of that year; 0 =
	// up to today.
	Year int `json:"year"`
	// ParentID: localities under this one (children and grandchildren).
	ParentID string `json:"parentId"`
	// UnitID: localities with a non-cancelled registration of this
	// sponsoring unit (on the locality or one of its villages) overlapping
	// the year.
	UnitID string `json:"unitId"`
	Search string `json:"search"`
	// OnlyNotMet: only rows whose assessment does not meet criterion No
	// OnlyNotMet (0 = no filter).
	OnlyNotMet int `json:"onlyNotMet"`
	// Assessed: "" all, "yes" only rows with a finalised assessment, "no"
	// only rows without.
	Assessed string `json:"assessed"`
	// SortBy: "name" (default), "criteriaMet", "date".
	SortBy   string `json:"sortBy"`
	Desc     bool   `json:"desc"`
	Page     int    `json:"page"`
	PageSize int    `json:"pageSize"`
}

// MatrixRow is one locality of the matrix. Met holds one cell per header
// criterion: 1 met, 0 not met, -1 no data.
type MatrixRow struct {
	LocalityID    string `json:"localityId"`
	Name          string `json:"name"`
	Path          string `json:"path"`
	AssessmentID  string `json:"assessmentId"`
	Date          string `json:"date"`
	SetRevision   int    `json:"setRevision"`
	CriteriaMet   int    `json:"criteriaMet"`
	CriteriaTotal int    `json:"criteriaTotal"`
	Met           []int8 `json:"met"`
}

// Matrix is one page of the localities × criteria grid.
type Matrix struct {
	SetCode  string          `json:"setCode"`
	SetName  string          `json:"setName"`
	Year     int             `json:"year"`
	AsOf     string          `json:"asOf"`
	Criteria []CriterionHead `json:"criteria"`
	Rows     []MatrixRow     `json:"rows"`
	Total    int64           `json:"total"`
	Page     int             `json:"page"`
	PageSize int             `json:"pageSize"`
}

// Evidence is a file attached to an indicator's value as evidence (minh
// chứng): a row of the attachments table with owner type "assessment_value".
type Evidence = attach.Attachment

// OwnerValue is the attachments owner type of evidence.
const OwnerValue = "assessment_value"
