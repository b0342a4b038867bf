package award

import (
	"fmt"
	"time"

	"gorm.io/gorm"

	"chungsuc/internal/fault"
	"chungsuc/internal/store"
)

// Service is the award domain over one database.
type Service struct {
	db *gorm.DB
}

// NewService returns the award service.
func NewService(db *gorm.DB) *Service { return &Service{db: db} }

// Today is the reference date of the checks ("not in the future", the
// validity of a legal basis when a proposal has no meeting date yet); tests
// may replace it.
var Today = func() time.Time { return time.Now() }

func todayISO() string { return Today().Format(fault.DateLayout) }

// searchKeyMax is the size of the search_key columns (characters).
const searchKeyMax = 600

// SearchKey is store.SearchKey cut to the column's size.
func SearchKey(parts ...string) string {
	k := store.SearchKey(parts...)
	if r := []rune(k); len(r) > searchKeyMax {
		k = string(r[:searchKeyMax])
	}
	return k
}

// Subjects lists the nominee and history subjects.
var Subjects = []string{SubjectUnit, SubjectStaff}

// Targets lists the targets of a form or a rule.
var Targets = []string{TargetUnit, TargetStaff, TargetBoth}

// Kinds lists the kinds of a catalogue entry and of a history record.
var Kinds = []string{KindForm, KindTitle}

// Stages lists the proposal stages.
var Stages = []string{StageSoKet, StageTongKet, StageDotXuat}

// Statuses lists the proposal statuses in workflow order.
var Statuses = []string{StatusDraft, StatusReviewed, StatusSubmitted, StatusReturned, StatusDecided}

// ReportForms lists the report forms of a nominee.
var ReportForms = []string{ReportUnit, ReportStaff, ReportThematic}

// Origins lists the origins of a history record.
var Origins = []string{OriginManual, OriginImport, OriginDecision}

// targetOf is the target a subject kind needs of a form.
func targetOf(subjectKind string) string {
	if subjectKind == SubjectUnit {
		return TargetUnit
	}
	return TargetStaff
}

// targetFits reports whether a form or rule of target t applies to a
// subject of the given kind.
func targetFits(t, subjectKind string) bool {
	return t == TargetBoth || t == targetOf(subjectKind)
}

func count(tx *gorm.DB, model any, where string, args ...any) (int64, error) {
	var n int64
	err := tx.Model(model).Where(where, args...).Count(&n).Error
	return n, err
}

// unitRow and staffRow are the little of a unit and a staff member the
// package needs (names for lists, the category for the rules).
type unitRow struct {
	ID        string         `gorm:"column:id"`
	AgencyID  string         `gorm:"column:agency_id"`
	ParentID  *string        `gorm:"column:parent_id"`
	Name      string         `gorm:"column:name"`
	ShortName string         `gorm:"column:short_name"`
	Kind      string         `gorm:"column:kind"`
	Active    bool           `gorm:"column:active"`
	SortOrder int            `gorm:"column:sort_order"`
	DeletedAt gorm.DeletedAt `gorm:"column:deleted_at"`
}

func (unitRow) TableName() string { return "units" }

type staffRow struct {
	ID        string         `gorm:"column:id"`
	AgencyID  string         `gorm:"column:agency_id"`
	UnitID    *string        `gorm:"column:unit_id"`
	FullName  string         `gorm:"column:full_name"`
	Gender    string         `gorm:"column:gender"`
	BirthYear int            `gorm:"column:birth_year"`
	Position  string         `gorm:"column:position"`
	Rank      string         `gorm:"column:rank"`
	Category  string         `gorm:"column:category"`
	Active    bool           `gorm:"column:active"`
	DeletedAt gorm.DeletedAt `gorm:"column:deleted_at"`
}

func (staffRow) TableName() string { return "staff" }

// subject is a resolved unit or person.
type subject struct {
	Kind      string
	UnitID    *string
	StaffID   *string
	Name      string
	Position  string
	UnitName  string
	BirthYear int
	Gender    string
	Category  string
}

// loadSubject resolves a live unit or staff member of the agency; a missing
// one gives a NotFound error of the entity "unit" or "staff".
func loadSubject(tx *gorm.DB, agencyID, kind string, unitID, staffID *string) (subject, error) {
	switch kind {
	case SubjectUnit:
		if unitID == nil {
			return subject{}, fault.NotFound("unit")
		}
		var u unitRow
		if err := store.Get(tx.Where("agency_id = ?", agencyID), &u, "unit", *unitID); err != nil {
			return subject{}, err
		}
		return subject{Kind: kind, UnitID: &u.ID, Name: u.Name}, nil
	case SubjectStaff:
		if staffID == nil {
			return subject{}, fault.NotFound("staff")
		}
		var p staffRow
		if err := store.Get(tx.Where("agency_id = ?", agencyID), &p, "staff", *staffID); err != nil {
			return subject{}, err
		}
		s := subject{Kind: kind, StaffID: &p.ID, Name: p.FullName, Position: p.Position, BirthYear: p.BirthYear,
			Gender: p.Gender, Category: p.Category}
		if p.UnitID != nil {
			var u unitRow
			if err := tx.Unscoped().Select("name").Where("id = ?", *p.UnitID).Limit(1).Find(&u).Error; err != nil {
				return s, fmt.Errorf("staff unit: %w", err)
			}
			s.UnitName = u.Name
		}
		return s, nil
	}
	return subject{}, fault.New(fault.ErrInvalid, "errors.award.badSubject")
}

// sameSubject adds the WHERE clause of one subject's rows.
func sameSubject(tx *gorm.DB, table, kind string, unitID, staffID *string) *gorm.DB {
	if kind == SubjectUnit && unitID != nil {
		return tx.Where(table+".subject_kind = ? AND "+table+".unit_id = ?", SubjectUnit, *unitID)
	}
	if kind == SubjectStaff && staffID != nil {
		return tx.Where(table+".subject_kind = ? AND "+table+".staff_id = ?", SubjectStaff, *staffID)
	}
	return tx.Where("1 = 0")
}

// subjectRef cleans a subject reference: the id of the other kind is dropped.
func subjectRef(kind string, unitID, staffID *string) (*string, *string) {
	switch kind {
	case SubjectUnit:
		return unitID, nil
	case SubjectStaff:
		return nil, staffID
	}
	return unitID, staffID
}
