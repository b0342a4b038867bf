package emulation

// The package reads the rows it does not own (units, staff, localities,
// registrations, activities, assessments, NTM statuses, documents) through
// small local structs and plain queries, and imports only org and
// campaign besides the store: internal/award and internal/dossier import
// this package, and the domain packages of those tables (sponsor,
// locality, assessment, document) may one day import them.

import (
	"fmt"
	"math"
	"regexp"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"chungsuc/internal/campaign"
	"chungsuc/internal/fault"
	"chungsuc/internal/org"
)

// Entity names of the errors (labels in vi.json under errors.entity).
const (
	entityCriterion = "emulationCriterion"
	entityGrade     = "emulationGrade"
	entitySheet     = "emulationSheet"
)

// Targets lists the subjects of criteria and sheets.
var Targets = []string{TargetUnit, TargetStaff}

// Statuses lists the sheet statuses in their order.
var Statuses = []string{StatusDraft, StatusSubmitted, StatusReviewed}

// SubjectUnitKinds are the unit kinds listed as collectives: the plan's
// "tập thể các phòng, đơn vị thuộc và trực thuộc Sở". A unit of another
// kind appears once it has a sheet.
var SubjectUnitKinds = []string{org.KindPhong, org.KindDonViThuoc, org.KindDonViTrucThuoc}

// Limits of the inputs.
const (
	maxScoreLimit = 1000.0   // the maximum score of one criterion
	maxGradeLimit = 100000.0 // the minimum score of a grade
	maxCodeLen    = 40
	maxNameLen    = 1000
	maxGradeName  = 120
	maxTextLen    = 5000
	maxSourceLen  = 1000
)

// Today is the reference time of submissions and reviews; tests may
// replace it.
var Today = func() time.Time { return time.Now() }

// Service is the emulation scoring domain over one database.
type Service struct {
	db *gorm.DB
}

// NewService returns the emulation service.
func NewService(db *gorm.DB) *Service { return &Service{db: db} }

var codeRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

// round2 rounds to hundredths: scores are typed with at most two decimals
// and totals compared at that precision.
func round2(x float64) float64 { return math.Round(x*100) / 100 }

// twoDecimals reports whether x has at most two decimals.
func twoDecimals(x float64) bool { return math.Abs(x*100-math.Round(x*100)) < 1e-6 }

// checkScore adds a field error unless x is a finite number in [min, max]
// with at most two decimals.
func checkScore(v *fault.Validation, field string, x, min, max float64) bool {
	switch {
	case math.IsNaN(x) || math.IsInf(x, 0):
		v.Add(field, "validation.number")
	case x < min || x > max:
		v.Add(field, "errors.emulation.scoreRange", "min", min, "max", max)
	case !twoDecimals(x):
		v.Add(field, "errors.emulation.twoDecimals")
	default:
		return true
	}
	return false
}

func onPostgres(tx *gorm.DB) bool { return tx.Dialector.Name() == "postgres" }

// loadCampaign returns the agency's live campaign, or a field error on
// "campaignId" in v (when v is nil, a NotFound error).
func loadCampaign(tx *gorm.DB, agencyID, id string, v *fault.Validation) (campaign.Campaign, error) {
	var c campaign.Campaign
	if id == "" {
		if v != nil {
			v.Add("campaignId", "validation.required")
			return c, nil
		}
		return c, fault.NotFound("campaign")
	}
	if err := tx.Where("agency_id = ? AND id = ?", agencyID, id).Limit(1).Find(&c).Error; err != nil {
		return c, fmt.Errorf("find campaign: %w", err)
	}
	if c.ID == "" {
		if v != nil {
			v.Add("campaignId", "errors.emulation.campaignMissing")
			return c, nil
		}
		return c, fault.NotFound("campaign")
	}
	return c, nil
}

// lockCampaign holds the campaign row for the rest of the transaction on
// PostgreSQL, so that two first saves of the same subject's sheet do not
// both create one (SQLite serialises writers anyway).
func lockCampaign(tx *gorm.DB, id string) error {
	if !onPostgres(tx) {
		return nil
	}
	var ids []string
	return tx.Model(&campaign.Campaign{}).Clauses(clause.Locking{Strength: "UPDATE"}).Where("id = ?", id).Pluck("id", &ids).Error
}

func checkTarget(v *fault.Validation, field, target string) bool {
	if target == "" {
		v.Add(field, "validation.required")
		return false
	}
	for _, t := range Targets {
		if t == target {
			return true
		}
	}
	v.Add(field, "validation.oneOf")
	return false
}

func badMove(from, to string) error {
	return fault.New(fault.ErrConflict, "errors.emulation.badMove", "from", from, "to", to)
}

// fieldOf names the field of one criterion's input on a sheet, e.g.
// "items.<criterionId>.selfScore".
func fieldOf(criterionID, name string) string {
	return "items." + criterionID + "." + name
}

// join writes a list as running text.
func join(parts []string, sep string) string { return strings.Join(parts, sep) }
