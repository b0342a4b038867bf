// Package assessment holds the NTM checklists: one locality assessed against
// one criteria set on one date, value by value, with the met / not-met result
// computed against the locality's own requirement, and every change kept.
package assessment

import (
	"time"

	"chungsuc/internal/store"
)

// Statuses (labels in vi.json under assessment.status). A finalised
// assessment is read-only until it is reopened with a reason.
const (
	StatusDraft    = "nhap"
	StatusFinal    = "hoan_tat"
	StatusReopened = "mo_lai"
)

// Statuses lists the statuses.
var Statuses = []string{StatusDraft, StatusFinal, StatusReopened}

// Editable reports whether values may change in this status.
func Editable(status string) bool { return status == StatusDraft || status == StatusReopened }

// Assessment is one locality × one set × one date. The totals are kept up to
// date on every save so lists, the matrix and the dashboard read them directly.
type Assessment struct {
	store.Base
	AgencyID        string     `gorm:"size:36" json:"agencyId"`
	LocalityID      string     `gorm:"size:36" json:"localityId"`
	SetID           string     `gorm:"size:36" json:"setId"`
	Date            string     `json:"date"`
	Year            int        `json:"year"`
	Status          string     `json:"status"`
	AssessorStaffID *string    `gorm:"size:36" json:"assessorStaffId"`
	AssessorName    string     `json:"assessorName"`
	Note            string     `json:"note"`
	ReopenReason    string     `json:"reopenReason"`
	FinalisedAt     *time.Time `json:"finalisedAt"`
	CriteriaMet     int        `json:"criteriaMet"`
	CriteriaTotal   int        `json:"criteriaTotal"`
	IndicatorsMet   int        `json:"indicatorsMet"`
	IndicatorsTotal int        `json:"indicatorsTotal"`
	// IndicatorsDone counts indicators with a decided result (met or not).
	IndicatorsDone int  `json:"indicatorsDone"`
	Sample         bool `json:"sample"`
}

// TableName is the assessments table.
func (Assessment) TableName() string { return "assessments" }

// Value is the entry for one indicator. Computed is the app's result against
// the requirement (nil: cannot decide); Override is the assessor's decision,
// which needs a reason; Met = Override if set, else Computed.
type Value struct {
	store.Base
	AssessmentID   string   `gorm:"size:36" json:"assessmentId"`
	IndicatorID    string   `gorm:"size:36" json:"indicatorId"`
	Value          string   `json:"value"`
	Number         *float64 `json:"number"`
	Computed       *bool    `json:"computed"`
	Override       *bool    `json:"override"`
	OverrideReason string   `json:"overrideReason"`
	Met            *bool    `json:"met"`
	Note           string   `json:"note"`
}

// TableName is the values table.
func (Value) TableName() string { return "assessment_values" }

// CriterionResult caches whether a criterion is met in an assessment: all its
// indicators met. It is rewritten with every value saved.
type CriterionResult struct {
	AssessmentID    string `gorm:"primaryKey;size:36" json:"assessmentId"`
	CriterionID     string `gorm:"primaryKey;size:36" json:"criterionId"`
	Met             bool   `json:"met"`
	IndicatorsMet   int    `json:"indicatorsMet"`
	IndicatorsTotal int    `json:"indicatorsTotal"`
}

// TableName is the criterion results table.
func (CriterionResult) TableName() string { return "assessment_criteria" }

// Event actions (labels under assessment.action).
const (
	ActionCreate   = "create"
	ActionValue    = "value"
	ActionHeader   = "header"
	ActionFinalise = "finalise"
	ActionReopen   = "reopen"
	ActionDelete   = "delete"
	ActionRestore  = "restore"
	// ActionEvidenceAdd / ActionEvidenceDelete: a file attached to or
	// removed from a value (NewValue / OldValue hold the file name).
	ActionEvidenceAdd    = "evidence_add"
	ActionEvidenceDelete = "evidence_delete"
)

// Event is one entry of an assessment's history; nothing is ever rewritten.
type Event struct {
	store.Base
	AssessmentID string  `gorm:"size:36" json:"assessmentId"`
	Action       string  `json:"action"`
	Actor        string  `json:"actor"`
	IndicatorID  *string `gorm:"size:36" json:"indicatorId"`
	Field        string  `json:"field"`
	OldValue     string  `json:"oldValue"`
	NewValue     string  `json:"newValue"`
	Reason       string  `json:"reason"`
}

// TableName is the events table.
func (Event) TableName() string { return "assessment_events" }
