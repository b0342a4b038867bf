// Package criteria holds the NTM criteria sets as versioned data: a set,
// its criteria and indicators, and the requirement of each indicator, which
// may differ by region (2021–2025) or by commune group (2026–2030). Every
// item says whether it was checked against the official text; what was not
// is shown as "chưa đối chiếu".
package criteria

import (
	"chungsuc/internal/store"
)

// Targets: the NTM level a set grants (labels in vi.json under criteria.target).
const (
	TargetDatChuan     = "dat_chuan"
	TargetNangCao      = "nang_cao"
	TargetKieuMau      = "kieu_mau"
	TargetThonDatChuan = "thon_dat_chuan"
	TargetHuyen        = "huyen_dat_chuan"
)

// Targets lists the targets in display order.
var Targets = []string{TargetDatChuan, TargetNangCao, TargetKieuMau, TargetThonDatChuan, TargetHuyen}

// Dimensions: what a requirement varies by (labels under criteria.dimension).
const (
	DimensionNone   = "none"
	DimensionRegion = "region"
	DimensionGroup  = "group"
)

// Dimensions lists the dimensions.
var Dimensions = []string{DimensionNone, DimensionRegion, DimensionGroup}

// Indicator kinds (labels under criteria.kind).
const (
	KindPassFail = "dat"     // value "dat" or "khong_dat"
	KindPercent  = "percent" // a number from 0 to 100
	KindNumber   = "number"  // any number
	KindText     = "text"    // free text; the assessor decides met / not met
)

// Kinds lists the indicator kinds.
var Kinds = []string{KindPassFail, KindPercent, KindNumber, KindText}

// Comparators a numeric requirement may use.
var Comparators = []string{">=", ">", "<=", "<", "="}

// Pass/fail values of a KindPassFail indicator.
const (
	ValueDat      = "dat"
	ValueKhongDat = "khong_dat"
)

// RegionSpecial is the region whose levels special-difficulty and ATK
// communes use when the set's special rule applies (QĐ 318/QĐ-TTg, Điều 1).
const RegionSpecial = "trung_du_mien_nui_phia_bac"

// Set is one revision of a criteria set. Code is stable across revisions;
// a set that has assessments is never changed in place: saving it creates
// revision N+1 and the old one stays for the assessments that used it.
type Set struct {
	store.Base
	AgencyID   string  `gorm:"size:36" json:"agencyId"`
	Code       string  `json:"code"`
	Revision   int     `json:"revision"`
	PreviousID *string `gorm:"size:36" json:"previousId"`
	Current    bool    `json:"current"`
	Name       string  `json:"name"`
	Target     string  `json:"target"`
	// Scope is the locality level assessed: 2 huyện, 3 xã, 4 thôn.
	Scope     int    `json:"scope"`
	Phase     string `json:"phase"`
	Dimension string `json:"dimension"`
	// SpecialRule: special-difficulty and ATK communes use the levels of
	// RegionSpecial; SpecialRuleText quotes the rule.
	SpecialRule     bool   `json:"specialRule"`
	SpecialRuleText string `json:"specialRuleText"`
	DecisionNumber  string `json:"decisionNumber"`
	DecisionDate    string `json:"decisionDate"`
	DecisionIssuer  string `json:"decisionIssuer"`
	DecisionSigner  string `json:"decisionSigner"`
	Appendix        string `json:"appendix"`
	ValidFrom       string `json:"validFrom"`
	ValidTo         string `json:"validTo"`
	Confirmed       bool   `json:"confirmed"`
	Sources         string `json:"sources"`
	Note            string `json:"note"`
	Sample          bool   `json:"sample"`
	SearchKey       string `json:"-"`

	Amendments []Amendment `gorm:"foreignKey:SetID" json:"amendments"`
	Conditions []Condition `gorm:"foreignKey:SetID" json:"conditions"`
	Criteria   []Criterion `gorm:"foreignKey:SetID" json:"criteria"`
}

// TableName is the criteria sets table.
func (Set) TableName() string { return "criteria_sets" }

// Amendment is a decision that amended the set.
type Amendment struct {
	store.Base
	SetID     string `gorm:"size:36" json:"setId"`
	Number    string `json:"number"`
	Date      string `json:"date"`
	Issuer    string `json:"issuer"`
	Note      string `json:"note"`
	Confirmed bool   `json:"confirmed"`
	Sources   string `json:"sources"`
	SortOrder int    `json:"sortOrder"`
}

// TableName is the amendments table.
func (Amendment) TableName() string { return "criteria_amendments" }

// Condition is a recognition condition of the set (e.g. the four conditions
// of a xã NTM kiểu mẫu); ProvinceDefined marks one the province specifies.
type Condition struct {
	store.Base
	SetID           string `gorm:"size:36" json:"setId"`
	No              int    `json:"no"`
	Text            string `json:"text"`
	ProvinceDefined bool   `json:"provinceDefined"`
	Confirmed       bool   `json:"confirmed"`
	Sources         string `json:"sources"`
}

// TableName is the conditions table.
func (Condition) TableName() string { return "criteria_conditions" }

// Criterion is one numbered criterion ("17. Môi trường và an toàn thực phẩm").
type Criterion struct {
	store.Base
	SetID      string      `gorm:"size:36" json:"setId"`
	No         int         `json:"no"`
	Name       string      `json:"name"`
	Group      string      `json:"group"`
	Confirmed  bool        `json:"confirmed"`
	Sources    string      `json:"sources"`
	SortOrder  int         `json:"sortOrder"`
	Indicators []Indicator `gorm:"foreignKey:CriterionID" json:"indicators"`
}

// TableName is the criteria table.
func (Criterion) TableName() string { return "criteria_criteria" }

// Indicator is one chỉ tiêu ("17.2"). Comparator, Threshold and Requirement
// are the common level; Thresholds hold the levels by region or group.
type Indicator struct {
	store.Base
	SetID       string      `gorm:"size:36" json:"setId"`
	CriterionID string      `gorm:"size:36" json:"criterionId"`
	Code        string      `json:"code"`
	Name        string      `json:"name"`
	Kind        string      `json:"kind"`
	Comparator  string      `json:"comparator"`
	Threshold   *float64    `json:"threshold"`
	Requirement string      `json:"requirement"`
	Unit        string      `json:"unit"`
	Sector      string      `json:"sector"`
	Confirmed   bool        `json:"confirmed"`
	Sources     string      `json:"sources"`
	SortOrder   int         `json:"sortOrder"`
	Thresholds  []Threshold `gorm:"foreignKey:IndicatorID" json:"thresholds"`
}

// TableName is the indicators table.
func (Indicator) TableName() string { return "criteria_indicators" }

// Threshold is the requirement of an indicator for one region code or one
// commune group ("1", "2", "3").
type Threshold struct {
	store.Base
	IndicatorID string   `gorm:"size:36" json:"indicatorId"`
	Key         string   `json:"key"`
	Comparator  string   `json:"comparator"`
	Threshold   *float64 `json:"threshold"`
	Requirement string   `json:"requirement"`
	Confirmed   bool     `json:"confirmed"`
}

// TableName is the thresholds table.
func (Threshold) TableName() string { return "criteria_thresholds" }
