// Package dashboard computes the "Tổng quan" figures: the active campaign's
// targets against the data (each with the count and the denominator behind
// it), the pass rate of each criterion, the progress of the communes each
// sponsoring unit supports, the trend by year and the sponsorship rule; the
// localities behind every figure (drill-down) and the .xlsx export.
//
// Every aggregate is one set-based SQL statement valid on SQLite and
// PostgreSQL; the assessment figures read the cached totals in
// assessments and assessment_criteria, never the values.
package dashboard

// Metrics a campaign target may name (campaign_targets.metric). A target
// with another metric is listed with Met nil. "communes_below_N" takes any
// whole N ("communes_below_15").
const (
	MetricCommunesNTM         = "communes_ntm"
	MetricCommunesNTMAdvanced = "communes_ntm_advanced"
	MetricCommunesNTMModel    = "communes_ntm_model"
	MetricCommunesBelow       = "communes_below_" // + N
	MetricDistrictsNTM        = "districts_ntm"
	MetricVillagesNTMDBKK     = "villages_ntm_dbkk"
	MetricUnitsSponsoring     = "units_sponsoring"
)

// Drill-only metrics: the denominators and the assessed / unassessed split.
const (
	MetricCommunes           = "communes"
	MetricCommunesAssessed   = "communes_assessed"
	MetricCommunesUnassessed = "communes_unassessed"
	MetricDistricts          = "districts"
	MetricVillagesDBKK       = "villages_dbkk"
)

// Metrics lists the target metrics the dashboard computes (for the campaign
// editor's hints); communes_below_15 stands for the communes_below_N family.
var Metrics = []string{MetricCommunesNTM, MetricCommunesNTMAdvanced, MetricCommunesNTMModel,
	MetricCommunesBelow + "15", MetricDistrictsNTM, MetricVillagesNTMDBKK, MetricUnitsSponsoring}

// Query chooses what the dashboard shows.
type Query struct {
	// CampaignID "" = the agency's active campaign.
	CampaignID string `json:"campaignId"`
	// AsOf (YYYY-MM-DD) "" = the earlier of today and the campaign's end.
	AsOf string `json:"asOf"`
	// ProvinceID "" = every locality of the agency.
	ProvinceID string `json:"provinceId"`
	// SetCode "" = the set the campaign's phase selects.
	SetCode string `json:"setCode"`
}

// CampaignRef names the campaign the figures are for.
type CampaignRef struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	FromYear int    `json:"fromYear"`
	ToYear   int    `json:"toYear"`
	// Period is "2021 - 2025".
	Period string `json:"period"`
}

// SetRef names the criteria set the assessment figures read (its current
// revision); empty Code when no set applies.
type SetRef struct {
	ID        string `json:"id"`
	Code      string `json:"code"`
	Name      string `json:"name"`
	Phase     string `json:"phase"`
	Confirmed bool   `json:"confirmed"`
}

// Dashboard is everything the "Tổng quan" screen shows.
type Dashboard struct {
	Campaign CampaignRef `json:"campaign"`
	AsOf     string      `json:"asOf"`
	// ProvinceID / Province: the province filtered on ("" = all).
	ProvinceID string `json:"provinceId"`
	Province   string `json:"province"`
	SetCode    string `json:"setCode"`
	Set        SetRef `json:"set"`
	// Communes counted (kind xã, valid at AsOf), the denominator of the
	// commune shares.
	Communes int `json:"communes"`
	// Targets: every campaign target, in the campaign's order.
	Targets []TargetFigure `json:"targets"`
	// Sponsoring is the units_sponsoring figure when no target uses that
	// metric (nil when one does: it is then among Targets).
	Sponsoring   *TargetFigure   `json:"sponsoring"`
	Units        []UnitProgress  `json:"units"`
	CriteriaPass []CriterionPass `json:"criteriaPass"`
	Trend        []YearPoint     `json:"trend"`
	Sponsorship  Sponsorship     `json:"sponsorship"`
}

// TargetFigure is one campaign target against the data.
type TargetFigure struct {
	// TargetID is "" for the separate units_sponsoring figure.
	TargetID    string  `json:"targetId"`
	Label       string  `json:"label"`
	Metric      string  `json:"metric"`
	Comparator  string  `json:"comparator"`
	Value       float64 `json:"value"`
	ValueUnit   string  `json:"valueUnit"`
	TargetCount *int    `json:"targetCount"`
	CountUnit   string  `json:"countUnit"`
	// Known: the metric is one the dashboard computes.
	Known bool `json:"known"`
	// Actual is the share in % (rounded to 0.1) when ValueUnit is "%",
	// else the count.
	Actual      float64 `json:"actual"`
	Share       float64 `json:"share"`
	Count       int     `json:"count"`
	Denominator int     `json:"denominator"`
	// Unassessed: communes without a finalised assessment (communes_below_N),
	// which the denominator (assessed communes) leaves out.
	Unassessed int `json:"unassessed"`
	// Met is nil when the metric is unknown or the share has no denominator.
	Met *bool `json:"met"`
	// DrillMetric is the metric Drill takes for the rows behind Count.
	DrillMetric string `json:"drillMetric"`
	// NoteKey (vi.json) explains how the figure was read, "" if nothing to say.
	NoteKey string `json:"noteKey"`
}

// UnitProgress is the communes one sponsoring unit supports.
type UnitProgress struct {
	UnitID      string  `json:"unitId"`
	UnitName    string  `json:"unitName"`
	Communes    int     `json:"communes"`
	CommunesNTM int     `json:"communesNTM"`
	Assessed    int     `json:"assessed"`
	AvgCriteria float64 `json:"avgCriteria"`
}

// CriterionPass is how many assessed communes pass one criterion.
type CriterionPass struct {
	No       int    `json:"no"`
	Name     string `json:"name"`
	Passed   int    `json:"passed"`
	Assessed int    `json:"assessed"`
	// Rate in % (0.1).
	Rate float64 `json:"rate"`
}

// YearPoint is the state at the end of one year of the campaign (at AsOf
// for its year).
type YearPoint struct {
	Year        int     `json:"year"`
	Date        string  `json:"date"`
	Communes    int     `json:"communes"`
	NTM         int     `json:"ntm"`
	NangCao     int     `json:"nangCao"`
	KieuMau     int     `json:"kieuMau"`
	Assessed    int     `json:"assessed"`
	AvgCriteria float64 `json:"avgCriteria"`
}

// Sponsorship is the plan's rule: the units obliged to register and those
// that do (internal/sponsor compliance on AsOf).
type Sponsorship struct {
	UnitsTotal     int    `json:"unitsTotal"`
	UnitsCompliant int    `json:"unitsCompliant"`
	ReferenceDate  string `json:"referenceDate"`
}

// DrillQuery names the figure whose localities to list: Metric, or
// CriterionNo with Passed, or UnitID (optionally with Metric communes_ntm
// or communes_assessed), each as of Query.AsOf or the end of Year.
type DrillQuery struct {
	Query
	Metric      string `json:"metric"`
	CriterionNo int    `json:"criterionNo"`
	Passed      bool   `json:"passed"`
	UnitID      string `json:"unitId"`
	// Year (of the campaign) reads the trend point of that year.
	Year     int    `json:"year"`
	Search   string `json:"search"`
	SortBy   string `json:"sortBy"`
	Desc     bool   `json:"desc"`
	Page     int    `json:"page"`
	PageSize int    `json:"pageSize"`
}

// Drill row kinds.
const (
	RowLocality = "locality"
	RowUnit     = "unit"
)

// DrillRow is one locality (or, for units_sponsoring, one unit) behind a figure.
type DrillRow struct {
	LocalityID string `json:"localityId"`
	UnitID     string `json:"unitId"`
	Name       string `json:"name"`
	// Path is the locality with its parents ("Xã A, Huyện B, Tỉnh C"); for
	// a unit, the places it supports.
	Path string `json:"path"`
	Kind string `json:"kind"`
	// Level is the NTM level at the figure's year ("" = no status), LevelYear its year.
	Level     string `json:"level"`
	LevelYear int    `json:"levelYear"`
	// The latest finalised assessment ("" = none).
	AssessmentID   string `json:"assessmentId"`
	AssessmentDate string `json:"assessmentDate"`
	CriteriaMet    int    `json:"criteriaMet"`
	CriteriaTotal  int    `json:"criteriaTotal"`
}

// DrillPage is one page of the rows behind a figure; Total equals the figure's count.
type DrillPage struct {
	RowKind  string     `json:"rowKind"`
	Metric   string     `json:"metric"`
	AsOf     string     `json:"asOf"`
	Items    []DrillRow `json:"items"`
	Total    int64      `json:"total"`
	Page     int        `json:"page"`
	PageSize int        `json:"pageSize"`
}
