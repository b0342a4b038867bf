package award

import (
	"context"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"chungsuc/internal/fault"
	"chungsuc/internal/store"
	"chungsuc/internal/vntext"
)

// RecordQuery is the award history list's query.
type RecordQuery struct {
	store.ListQuery
	SubjectKind string `json:"subjectKind"`
	UnitID      string `json:"unitId"`
	StaffID     string `json:"staffId"`
	Year        int    `json:"year"`
	Kind        string `json:"kind"`
	FormCode    string `json:"formCode"`
	Origin      string `json:"origin"`
	// Thematic is "yes", "no" or "" for all.
	Thematic string `json:"thematic"`
}

// RecordRow is one history record with the names of its subject today.
type RecordRow struct {
	Record
	// UnitName is the person's current unit ("" for a unit).
	UnitName     string `json:"unitName"`
	FormName     string `json:"formName"`
	ProposalName string `json:"proposalName"`
}

// RecordPage is one page of history records.
type RecordPage struct {
	Items    []RecordRow `json:"items"`
	Total    int64       `json:"total"`
	Page     int         `json:"page"`
	PageSize int         `json:"pageSize"`
}

var recordSort = map[string]string{
	"year": "year", "subjectName": "subject_name", "title": "title", "decisionDate": "decision_date",
	"decisionNumber": "decision_number", "kind": "kind", "updatedAt": "updated_at", "deletedAt": "deleted_at",
}

const recordSelect = `award_records.*,
 (SELECT u.name FROM units u WHERE u.id = (SELECT s.unit_id FROM staff s WHERE s.id = award_records.staff_id)) AS unit_name,
 (SELECT f.name FROM award_forms f WHERE f.agency_id = award_records.agency_id AND f.code = award_records.form_code AND f.deleted_at IS NULL) AS form_name,
 (SELECT p.name FROM award_proposals p WHERE p.id = award_records.proposal_id) AS proposal_name`

// Records returns one page of the agency's award history, newest year
// first by default. The search matches the record's own text and the
// current names of its unit or person, ignoring diacritics.
func (s *Service) Records(ctx context.Context, agencyID string, q RecordQuery) (RecordPage, error) {
	if q.SortBy == "" {
		q.SortBy, q.Desc = "year", true
	}
	search := q.Search
	q.Search = ""
	tx := q.Scope(s.db.WithContext(ctx).Model(&Record{}), recordSort, "year").
		Where("award_records.agency_id = ?", agencyID)
	for _, word := range strings.Fields(vntext.Fold(search)) {
		like := "%" + store.EscapeLike(word) + "%"
		tx = tx.Where("(award_records.search_key LIKE ? ESCAPE '\\' OR award_records.unit_id IN (SELECT id FROM units WHERE search_key LIKE ? ESCAPE '\\') OR "+
			"award_records.staff_id IN (SELECT id FROM staff WHERE search_key LIKE ? ESCAPE '\\'))", like, like, like)
	}
	if q.SubjectKind != "" {
		tx = tx.Where("award_records.subject_kind = ?", q.SubjectKind)
	}
	if q.UnitID != "" {
		// A unit's history includes its people's.
		tx = tx.Where("(award_records.unit_id = ? OR award_records.staff_id IN (SELECT id FROM staff WHERE unit_id = ?))", q.UnitID, q.UnitID)
	}
	if q.StaffID != "" {
		tx = tx.Where("award_records.staff_id = ?", q.StaffID)
	}
	if q.Year != 0 {
		tx = tx.Where("award_records.year = ?", q.Year)
	}
	if q.Kind != "" {
		tx = tx.Where("award_records.kind = ?", q.Kind)
	}
	if q.FormCode != "" {
		tx = tx.Where("award_records.form_code = ?", q.FormCode)
	}
	if q.Origin != "" {
		tx = tx.Where("award_records.origin = ?", q.Origin)
	}
	switch q.Thematic {
	case "yes":
		tx = tx.Where("award_records.thematic = ?", true)
	case "no":
		tx = tx.Where("award_records.thematic = ?", false)
	}
	page := RecordPage{Items: []RecordRow{}}
	if err := tx.Session(&gorm.Session{}).Count(&page.Total).Error; err != nil {
		return page, fmt.Errorf("count records: %w", err)
	}
	tx, page.Page, page.PageSize = q.Paginate(tx.Select(recordSelect))
	if err := tx.Find(&page.Items).Error; err != nil {
		return page, fmt.Errorf("list records: %w", err)
	}
	return page, nil
}

// SubjectHistory returns a unit's or a person's live records, oldest first.
func (s *Service) SubjectHistory(ctx context.Context, agencyID, subjectKind, id string) ([]Record, error) {
	out := []Record{}
	unitID, staffID := subjectRef(subjectKind, &id, &id)
	q := sameSubject(s.db.WithContext(ctx).Model(&Record{}), "award_records", subjectKind, unitID, staffID).
		Where("award_records.agency_id = ?", agencyID)
	if err := q.Order("year ASC").Order("decision_date ASC").Order("id ASC").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("subject history: %w", err)
	}
	return out, nil
}

func (r *Record) normalise() {
	r.SubjectKind = vntext.Clean(r.SubjectKind)
	r.UnitID, r.StaffID = subjectRef(r.SubjectKind, vntext.CleanRef(r.UnitID), vntext.CleanRef(r.StaffID))
	r.SubjectName = vntext.Clean(r.SubjectName)
	r.Kind = vntext.Clean(r.Kind)
	r.FormCode = vntext.Clean(r.FormCode)
	r.Title = vntext.Clean(r.Title)
	r.DecisionNumber = vntext.Clean(r.DecisionNumber)
	r.DecisionDate = vntext.Clean(r.DecisionDate)
	r.DecisionIssuer = vntext.Clean(r.DecisionIssuer)
	r.Note = vntext.CleanText(r.Note)
}

func (r *Record) keys() {
	r.SearchKey = SearchKey(r.SubjectName, r.Title, r.DecisionNumber, r.DecisionIssuer, r.Note)
}

// validateRecord checks a record's fields (the subject and the form are
// resolved by the caller into subj and f).
func validateRecord(r *Record, v *fault.Validation) {
	v.OneOf("subjectKind", r.SubjectKind, Subjects...)
	v.MaxLen("subjectName", r.SubjectName, 300)
	thisYear := Today().Year()
	if r.Year < 1945 || r.Year > thisYear {
		v.Add("year", "validation.range", "min", 1945, "max", thisYear)
	}
	v.OneOf("kind", r.Kind, Kinds...)
	v.Text("title", r.Title, true, 300)
	v.MaxLen("decisionNumber", r.DecisionNumber, 60)
	if d, ok := v.Date("decisionDate", r.DecisionDate, false); ok && d.Format(fault.DateLayout) > todayISO() {
		v.Add("decisionDate", "validation.dateFuture")
	}
	v.MaxLen("decisionIssuer", r.DecisionIssuer, 200)
	v.MaxLen("note", r.Note, 2000)
}

// SaveRecord creates (empty ID) or updates a history record entered by
// hand. The subject must be a live unit or person of the agency; an empty
// subject name becomes its current name, an empty title the form's name,
// an empty kind the form's kind. A record written by a decision keeps
// everything but its note and its thematic mark.
func (s *Service) SaveRecord(ctx context.Context, agencyID string, r Record) (Record, error) {
	r.AgencyID = agencyID
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		r.normalise()
		creating := r.ID == ""
		if !creating {
			var old Record
			if err := store.Get(tx.Where("agency_id = ?", agencyID), &old, "awardRecord", r.ID); err != nil {
				return err
			}
			if r.Version != old.Version {
				return fault.Stale("awardRecord")
			}
			r.Origin, r.CampaignID, r.ProposalID, r.NomineeID = old.Origin, old.CampaignID, old.ProposalID, old.NomineeID
			if old.Origin == OriginDecision {
				note, thematic, version := r.Note, r.Thematic, r.Version
				r = old
				r.Note, r.Thematic, r.Version = note, thematic, version
				var v fault.Validation
				v.MaxLen("note", r.Note, 2000)
				if err := v.Err(); err != nil {
					return err
				}
				r.keys()
				return store.UpdateVersioned(tx, &r, "awardRecord", "note", "thematic", "search_key")
			}
		} else {
			r.Origin, r.CampaignID, r.ProposalID, r.NomineeID = OriginManual, nil, nil, nil
		}
		var v fault.Validation
		if err := resolveRecord(tx, agencyID, &r, &v); err != nil {
			return err
		}
		validateRecord(&r, &v)
		if err := v.Err(); err != nil {
			return err
		}
		r.keys()
		if creating {
			if err := tx.Create(&r).Error; err != nil {
				return fmt.Errorf("create record: %w", err)
			}
			return nil
		}
		return store.UpdateVersioned(tx, &r, "awardRecord", "subject_kind", "unit_id", "staff_id", "subject_name",
			"year", "kind", "form_code", "title", "decision_number", "decision_date", "decision_issuer", "thematic",
			"note", "search_key")
	})
	return r, err
}

// resolveRecord checks the subject and the form and fills the defaults.
func resolveRecord(tx *gorm.DB, agencyID string, r *Record, v *fault.Validation) error {
	var subj subject
	if r.SubjectKind == SubjectUnit || r.SubjectKind == SubjectStaff {
		field := "unitId"
		if r.SubjectKind == SubjectStaff {
			field = "staffId"
		}
		s, err := loadSubject(tx, agencyID, r.SubjectKind, r.UnitID, r.StaffID)
		switch {
		case err == nil:
			subj = s
			if r.SubjectName == "" {
				r.SubjectName = s.Name
			}
		case isNotFound(err):
			if (r.SubjectKind == SubjectUnit && r.UnitID == nil) || (r.SubjectKind == SubjectStaff && r.StaffID == nil) {
				v.Add(field, "validation.required")
			} else {
				v.Add(field, "validation.award.subjectMissing")
			}
		default:
			return err
		}
	}
	if r.FormCode != "" {
		var f Form
		if err := tx.Where("agency_id = ? AND code = ?", agencyID, r.FormCode).Limit(1).Find(&f).Error; err != nil {
			return fmt.Errorf("check form: %w", err)
		}
		switch {
		case f.ID == "":
			v.Add("formCode", "validation.award.formMissing")
		case subj.Kind != "" && !targetFits(f.Target, subj.Kind):
			v.Add("formCode", "validation.award.formTarget")
		default:
			if r.Title == "" {
				r.Title = f.Name
			}
			if r.Kind == "" {
				r.Kind = f.Kind
			}
			if r.Kind != f.Kind {
				v.Add("kind", "validation.award.kindMismatch")
			}
		}
	}
	return nil
}

// DeleteRecord soft-deletes a history record; one written by a decision
// stays (reopen nothing: the decision is final).
func (s *Service) DeleteRecord(ctx context.Context, agencyID, id string) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var r Record
		if err := store.Get(tx.Where("agency_id = ?", agencyID), &r, "awardRecord", id); err != nil {
			return err
		}
		if r.Origin == OriginDecision {
			return fault.New(fault.ErrConflict, "errors.award.recordFromDecision")
		}
		return store.SoftDelete(tx, &Record{}, "awardRecord", id)
	})
}

// RestoreRecord undeletes a history record.
func (s *Service) RestoreRecord(ctx context.Context, agencyID, id string) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var r Record
		if err := store.Get(tx.Unscoped().Where("agency_id = ? AND deleted_at IS NOT NULL", agencyID), &r, "awardRecord", id); err != nil {
			return err
		}
		return store.Restore(tx, &Record{}, "awardRecord", id)
	})
}
