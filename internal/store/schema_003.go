package store

import (
	"time"

	"gorm.io/gorm"
)

// Frozen structs of schema step 3: NTM criteria sets and assessments. Never
// edit them after release: add a step.

type m3CriteriaSet struct {
	Base     m1Base    `gorm:"embedded"`
	AgencyID string    `gorm:"size:36;not null;index"`
	Agency   *m1Agency `gorm:"foreignKey:AgencyID;references:ID"`
	// Code is stable across revisions ("xa-ntm-2021-2025"); Revision counts
	// the versions of one code and Current marks the newest.
	Code            string  `gorm:"size:60;not null;index"`
	Revision        int     `gorm:"not null;default:1"`
	PreviousID      *string `gorm:"size:36"`
	Current         bool    `gorm:"not null;default:true;index"`
	Name            string  `gorm:"size:300;not null"`
	Target          string  `gorm:"size:20;not null"`
	Scope           int     `gorm:"not null"`
	Phase           string  `gorm:"size:20"`
	Dimension       string  `gorm:"size:10;not null"`
	SpecialRule     bool    `gorm:"not null;default:false"`
	SpecialRuleText string  `gorm:"type:text"`
	DecisionNumber  string  `gorm:"size:60"`
	DecisionDate    string  `gorm:"size:10"`
	DecisionIssuer  string  `gorm:"size:200"`
	DecisionSigner  string  `gorm:"size:200"`
	Appendix        string  `gorm:"size:60"`
	ValidFrom       string  `gorm:"size:10"`
	ValidTo         string  `gorm:"size:10"`
	Confirmed       bool    `gorm:"not null;default:false"`
	Sources         string  `gorm:"type:text"`
	Note            string  `gorm:"type:text"`
	Sample          bool    `gorm:"not null;default:false"`
	SearchKey       string  `gorm:"size:600;index"`
}

func (m3CriteriaSet) TableName() string { return "criteria_sets" }

type m3Amendment struct {
	Base      m1Base         `gorm:"embedded"`
	SetID     string         `gorm:"size:36;not null;index"`
	Set       *m3CriteriaSet `gorm:"foreignKey:SetID;references:ID"`
	Number    string         `gorm:"size:60"`
	Date      string         `gorm:"size:10"`
	Issuer    string         `gorm:"size:200"`
	Note      string         `gorm:"type:text"`
	Confirmed bool           `gorm:"not null;default:false"`
	Sources   string         `gorm:"type:text"`
	SortOrder int            `gorm:"not null;default:0"`
}

func (m3Amendment) TableName() string { return "criteria_amendments" }

type m3Condition struct {
	Base            m1Base         `gorm:"embedded"`
	SetID           string         `gorm:"size:36;not null;index"`
	Set             *m3CriteriaSet `gorm:"foreignKey:SetID;references:ID"`
	No              int            `gorm:"not null"`
	Text            string         `gorm:"type:text;not null"`
	ProvinceDefined bool           `gorm:"not null;default:false"`
	Confirmed       bool           `gorm:"not null;default:false"`
	Sources         string         `gorm:"type:text"`
}

func (m3Condition) TableName() string { return "criteria_conditions" }

type m3Criterion struct {
	Base      m1Base         `gorm:"embedded"`
	SetID     string         `gorm:"size:36;not null;index"`
	Set       *m3CriteriaSet `gorm:"foreignKey:SetID;references:ID"`
	No        int            `gorm:"not null"`
	Name      string         `gorm:"size:300;not null"`
	Group     string         `gorm:"size:200"`
	Confirmed bool           `gorm:"not null;default:false"`
	Sources   string         `gorm:"type:text"`
	SortOrder int            `gorm:"not null;default:0"`
}

func (m3Criterion) TableName() string { return "criteria_criteria" }

type m3Indicator struct {
	Base        m1Base         `gorm:"embedded"`
	SetID       string         `gorm:"size:36;not null;index"`
	Set         *m3CriteriaSet `gorm:"foreignKey:SetID;references:ID"`
	CriterionID string         `gorm:"size:36;not null;index"`
	Criterion   *m3Criterion   `gorm:"foreignKey:CriterionID;references:ID"`
	Code        string         `gorm:"size:20"`
	Name        string         `gorm:"type:text;not null"`
	Kind        string         `gorm:"size:10;not null"`
	Comparator  string         `gorm:"size:4"`
	Threshold   *float64
	Requirement string `gorm:"size:300"`
	Unit        string `gorm:"size:30"`
	Sector      string `gorm:"size:200"`
	Confirmed   bool   `gorm:"not null;default:false"`
	Sources     string `gorm:"type:text"`
	SortOrder   int    `gorm:"not null;default:0"`
}

func (m3Indicator) TableName() string { return "criteria_indicators" }

type m3Threshold struct {
	Base        m1Base       `gorm:"embedded"`
	IndicatorID string       `gorm:"size:36;not null;index"`
	Indicator   *m3Indicator `gorm:"foreignKey:IndicatorID;references:ID"`
	Key         string       `gorm:"size:40;not null"`
	Comparator  string       `gorm:"size:4"`
	Threshold   *float64
	Requirement string `gorm:"size:300"`
	Confirmed   bool   `gorm:"not null;default:false"`
}

func (m3Threshold) TableName() string { return "criteria_thresholds" }

type m3Assessment struct {
	Base            m1Base         `gorm:"embedded"`
	AgencyID        string         `gorm:"size:36;not null;index"`
	Agency          *m1Agency      `gorm:"foreignKey:AgencyID;references:ID"`
	LocalityID      string         `gorm:"size:36;not null;index:idx_assessment_locality_set_date"`
	Locality        *m2Locality    `gorm:"foreignKey:LocalityID;references:ID"`
	SetID           string         `gorm:"size:36;not null;index:idx_assessment_locality_set_date;index"`
	Set             *m3CriteriaSet `gorm:"foreignKey:SetID;references:ID"`
	Date            string         `gorm:"size:10;not null;index:idx_assessment_locality_set_date"`
	Year            int            `gorm:"not null;index"`
	Status          string         `gorm:"size:20;not null;index"`
	AssessorStaffID *string        `gorm:"size:36"`
	AssessorStaff   *m1Staff       `gorm:"foreignKey:AssessorStaffID;references:ID"`
	AssessorName    string         `gorm:"size:200"`
	Note            string         `gorm:"type:text"`
	ReopenReason    string         `gorm:"type:text"`
	FinalisedAt     *time.Time
	CriteriaMet     int  `gorm:"not null;default:0"`
	CriteriaTotal   int  `gorm:"not null;default:0"`
	IndicatorsMet   int  `gorm:"not null;default:0"`
	IndicatorsTotal int  `gorm:"not null;default:0"`
	IndicatorsDone  int  `gorm:"not null;default:0"`
	Sample          bool `gorm:"not null;default:false"`
}

func (m3Assessment) TableName() string { return "assessments" }

type m3Value struct {
	Base           m1Base        `gorm:"embedded"`
	AssessmentID   string        `gorm:"size:36;not null;uniqueIndex:idx_value_assessment_indicator"`
	Assessment     *m3Assessment `gorm:"foreignKey:AssessmentID;references:ID"`
	IndicatorID    string        `gorm:"size:36;not null;uniqueIndex:idx_value_assessment_indicator;index"`
	Indicator      *m3Indicator  `gorm:"foreignKey:IndicatorID;references:ID"`
	Value          string        `gorm:"type:text"`
	Number         *float64
	Computed       *bool
	Override       *bool
	OverrideReason string `gorm:"type:text"`
	Met            *bool
	Note           string `gorm:"type:text"`
}

func (m3Value) TableName() string { return "assessment_values" }

type m3CriterionResult struct {
	AssessmentID    string        `gorm:"primaryKey;size:36"`
	Assessment      *m3Assessment `gorm:"foreignKey:AssessmentID;references:ID"`
	CriterionID     string        `gorm:"primaryKey;size:36;index"`
	Criterion       *m3Criterion  `gorm:"foreignKey:CriterionID;references:ID"`
	Met             bool          `gorm:"not null;default:false"`
	IndicatorsMet   int           `gorm:"not null;default:0"`
	IndicatorsTotal int           `gorm:"not null;default:0"`
}

func (m3CriterionResult) TableName() string { return "assessment_criteria" }

type m3Event struct {
	Base         m1Base        `gorm:"embedded"`
	AssessmentID string        `gorm:"size:36;not null;index"`
	Assessment   *m3Assessment `gorm:"foreignKey:AssessmentID;references:ID"`
	Action       string        `gorm:"size:30;not null"`
	Actor        string        `gorm:"size:200"`
	IndicatorID  *string       `gorm:"size:36"`
	Field        string        `gorm:"size:40"`
	OldValue     string        `gorm:"type:text"`
	NewValue     string        `gorm:"type:text"`
	Reason       string        `gorm:"type:text"`
}

func (m3Event) TableName() string { return "assessment_events" }

func migrate003(tx *gorm.DB) error {
	return tx.AutoMigrate(&m3CriteriaSet{}, &m3Amendment{}, &m3Condition{}, &m3Criterion{},
		&m3Indicator{}, &m3Threshold{}, &m3Assessment{}, &m3Value{}, &m3CriterionResult{}, &m3Event{})
}
