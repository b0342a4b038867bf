// Package emulation holds the emulation criteria of a campaign (tiêu chí
// thi đua for collectives and for individuals, each with a maximum score and
// the evidence expected), the grades a total score earns, and the yearly
// score sheets: a unit's or a person's self-assessment with evidence, the
// emulation council's review with adjusted scores and reasons, the ranking
// and the classification. Facts the database already holds (registrations,
// activities, communes' criteria progress, NTM recognitions, documents
// drafted) are gathered for each sheet with their source, never retyped.
package emulation

import (
	"time"

	"chungsuc/internal/store"
)

// Subjects of a criterion or a sheet.
const (
	TargetUnit  = "tap_the" // a collective: a unit of the agency
	TargetStaff = "ca_nhan" // an individual: a staff member
)

// Sheet statuses (labels in vi.json under emulation.status).
const (
	StatusDraft     = "tu_cham"  // being self-assessed
	StatusSubmitted = "da_nop"   // submitted to the council
	StatusReviewed  = "da_duyet" // reviewed by the council
)

// Criterion is one emulation criterion of a campaign.
type Criterion struct {
	store.Base
	AgencyID   string `gorm:"size:36" json:"agencyId"`
	CampaignID string `gorm:"size:36" json:"campaignId"`
	// Target is TargetUnit or TargetStaff.
	Target string `json:"target"`
	Code   string `json:"code"`
	Name   string `json:"name"`
	// Evidence is what the assessed must show (minh chứng).
	Evidence string  `json:"evidence"`
	MaxScore float64 `json:"maxScore"`
	// Fact names the facts gathered for this criterion ("" for none):
	// see Facts.
	Fact string `json:"fact"`
	// Source says where the criterion comes from (the plan's section).
	Source    string `json:"source"`
	SortOrder int    `json:"sortOrder"`
}

// TableName is the criteria table.
func (Criterion) TableName() string { return "emulation_criteria" }

// Grade is a classification a reviewed total earns: the highest grade whose
// MinScore the total reaches.
type Grade struct {
	store.Base
	AgencyID   string  `gorm:"size:36" json:"agencyId"`
	CampaignID string  `gorm:"size:36" json:"campaignId"`
	Code       string  `json:"code"`
	Name       string  `json:"name"`
	MinScore   float64 `json:"minScore"`
	SortOrder  int     `json:"sortOrder"`
}

// TableName is the grades table.
func (Grade) TableName() string { return "emulation_grades" }

// Sheet is one subject's score sheet for one year of a campaign.
type Sheet struct {
	store.Base
	AgencyID    string   `gorm:"size:36" json:"agencyId"`
	CampaignID  string   `gorm:"size:36" json:"campaignId"`
	Year        int      `json:"year"`
	SubjectKind string   `json:"subjectKind"`
	UnitID      *string  `gorm:"size:36" json:"unitId"`
	StaffID     *string  `gorm:"size:36" json:"staffId"`
	Status      string   `json:"status"`
	SelfTotal   float64  `json:"selfTotal"`
	ReviewTotal *float64 `json:"reviewTotal"`
	// Grade is the code of the grade of the reviewed total.
	Grade       string     `json:"grade"`
	SelfNote    string     `json:"selfNote"`
	ReviewNote  string     `json:"reviewNote"`
	SubmittedAt *time.Time `json:"submittedAt" ts_type:"string | null"`
	ReviewedAt  *time.Time `json:"reviewedAt" ts_type:"string | null"`
}

// TableName is the sheets table.
func (Sheet) TableName() string { return "emulation_sheets" }

// Item is the score of one criterion on a sheet.
type Item struct {
	store.Base
	SheetID      string   `gorm:"size:36" json:"sheetId"`
	CriterionID  string   `gorm:"size:36" json:"criterionId"`
	SelfScore    float64  `json:"selfScore"`
	Evidence     string   `json:"evidence"`
	ReviewScore  *float64 `json:"reviewScore"`
	ReviewReason string   `json:"reviewReason"`
}

// TableName is the items table.
func (Item) TableName() string { return "emulation_items" }
