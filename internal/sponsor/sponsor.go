// Package sponsor holds each unit's registered support for a commune or a
// village (đăng ký hỗ trợ xây dựng nông thôn mới), the activity log under
// each registration with its participants and attached files, the plan's
// compliance rule and the Excel export.
//
// The package reads the localities table directly through a small local
// struct rather than importing internal/locality: it only needs a place's
// name, kind, level, parent and special-difficulty flag.
package sponsor

import (
	"context"
	"fmt"
	"math"
	"time"

	"gorm.io/gorm"

	"chungsuc/internal/campaign"
	"chungsuc/internal/fault"
	"chungsuc/internal/org"
	"chungsuc/internal/store"
	"chungsuc/internal/vntext"
)

// Registration statuses (labels in vi.json under sponsor.status).
const (
	StatusDangKy       = "dang_ky"
	StatusDangThucHien = "dang_thuc_hien"
	StatusHoanThanh    = "hoan_thanh"
	StatusHuy          = "huy"
)

// Statuses lists the registration statuses in their order.
var Statuses = []string{StatusDangKy, StatusDangThucHien, StatusHoanThanh, StatusHuy}

// moves are the allowed status changes; hoan_thanh and huy are final.
var moves = map[string][]string{
	StatusDangKy:       {StatusDangThucHien, StatusHuy},
	StatusDangThucHien: {StatusHoanThanh, StatusHuy},
}

// CanMove reports whether a registration may go from one status to another.
func CanMove(from, to string) bool {
	for _, s := range moves[from] {
		if s == to {
			return true
		}
	}
	return false
}

// Activity kinds (labels in vi.json under sponsor.activityKind).
var ActivityKinds = []string{"khao_sat", "huong_dan", "tuyen_truyen", "ho_tro_kinh_phi", "ho_tro_hien_vat", "ngay_cong", "khac"}

// RequiredUnitKinds are the unit kinds the plan obliges to register:
// divisions and attached units. Leadership, Party, mass organisations and
// councils may register but are not counted.
var RequiredUnitKinds = []string{org.KindPhong, org.KindDonViThuoc, org.KindDonViTrucThuoc}

// Locality levels a registration may point at.
const (
	levelCommune = 3
	levelVillage = 4
)

// Limits of the numeric fields; beyond them a value is a typing slip.
const (
	maxVisits   = 10000
	maxVND      = int64(1_000_000_000_000_000) // 10^15 đồng
	maxWorkdays = 1_000_000.0
	// MaxAttachmentBytes bounds one attached file.
	MaxAttachmentBytes = 50 << 20
)

// Today is the reference date for "active" and "not in the future"; tests
// may replace it.
var Today = func() time.Time { return time.Now() }

func todayISO() string { return Today().Format(fault.DateLayout) }

// Registration is one unit's registered support for a commune or village.
type Registration struct {
	store.Base
	AgencyID   string  `gorm:"size:36" json:"agencyId"`
	UnitID     string  `gorm:"size:36" json:"unitId"`
	LocalityID string  `gorm:"size:36" json:"localityId"`
	CampaignID *string `gorm:"size:36" json:"campaignId"`
	FromDate   string  `json:"fromDate"`
	ToDate     string  `json:"toDate"`
	// Content is the support the unit commits to (nội dung hỗ trợ).
	Content string `json:"content"`
	// Commitments: visits (lượt), funds in whole đồng, workdays (ngày công).
	CommitVisits   int     `json:"commitVisits"`
	CommitFunds    int64   `json:"commitFunds"`
	CommitWorkdays float64 `json:"commitWorkdays"`
	CommitNote     string  `json:"commitNote"`
	ContactStaffID *string `gorm:"size:36" json:"contactStaffId"`
	ContactNote    string  `json:"contactNote"`
	Status         string  `json:"status"`
	CancelReason   string  `json:"cancelReason"`
	SearchKey      string  `json:"-"`
}

// TableName is the registrations table.
func (Registration) TableName() string { return "sponsor_registrations" }

// Activity is one thing a unit did under a registration.
type Activity struct {
	store.Base
	RegistrationID string  `gorm:"size:36" json:"registrationId"`
	Date           string  `json:"date"`
	Kind           string  `json:"kind"`
	Description    string  `json:"description"`
	AmountVND      int64   `gorm:"column:amount_vnd" json:"amountVND"`
	Workdays       float64 `json:"workdays"`
	Result         string  `json:"result"`
	SearchKey      string  `json:"-"`
}

// TableName is the activities table.
func (Activity) TableName() string { return "sponsor_activities" }

// Participant links an activity to a staff member who took part.
type Participant struct {
	ActivityID string `gorm:"primaryKey;size:36"`
	StaffID    string `gorm:"primaryKey;size:36"`
}

// TableName is the participants table.
func (Participant) TableName() string { return "sponsor_activity_participants" }

// place is the little of a locality this package needs.
type place struct {
	ID                string         `gorm:"primaryKey"`
	AgencyID          string         `gorm:"column:agency_id"`
	ParentID          *string        `gorm:"column:parent_id"`
	Name              string         `gorm:"column:name"`
	Kind              string         `gorm:"column:kind"`
	Level             int            `gorm:"column:level"`
	SpecialDifficulty bool           `gorm:"column:special_difficulty"`
	DeletedAt         gorm.DeletedAt `gorm:"column:deleted_at"`
}

func (place) TableName() string { return "localities" }

// Service is the sponsorship domain over one database.
type Service struct {
	db *gorm.DB
}

// NewService returns the sponsorship service.
func NewService(db *gorm.DB) *Service { return &Service{db: db} }

// line and text clean one-line and multi-line input. Besides vntext's NFC
// and spacing they drop NUL bytes and replace invalid UTF-8, which
// PostgreSQL refuses to store.

// searchKeyMax is the size of the search_key columns (characters).
const searchKeyMax = 600

// SearchKey is store.SearchKey cut to the column's size: a long text is
// searchable by its beginning.
func SearchKey(parts ...string) string {
	k := store.SearchKey(parts...)
	if r := []rune(k); len(r) > searchKeyMax {
		k = string(r[:searchKeyMax])
	}
	return k
}

func (r *Registration) normalise() {
	r.UnitID = vntext.Clean(r.UnitID)
	r.LocalityID = vntext.Clean(r.LocalityID)
	r.CampaignID = vntext.CleanRef(r.CampaignID)
	r.ContactStaffID = vntext.CleanRef(r.ContactStaffID)
	r.FromDate = vntext.Clean(r.FromDate)
	r.ToDate = vntext.Clean(r.ToDate)
	r.Content = vntext.CleanText(r.Content)
	r.CommitNote = vntext.CleanText(r.CommitNote)
	r.ContactNote = vntext.Clean(r.ContactNote)
	r.Status = vntext.Clean(r.Status)
	r.CancelReason = vntext.CleanText(r.CancelReason)
	r.SearchKey = SearchKey(r.Content, r.CommitNote, r.ContactNote)
}

// checkWorkdays adds a field error unless w is a finite number in range
// with at most one decimal (half days are the finest unit used).
func checkWorkdays(v *fault.Validation, field string, w float64) {
	switch {
	case math.IsNaN(w) || math.IsInf(w, 0):
		v.Add(field, "validation.number")
	case w < 0 || w > maxWorkdays:
		v.Add(field, "validation.range", "min", 0, "max", int(maxWorkdays))
	case math.Abs(w*10-math.Round(w*10)) > 1e-6:
		v.Add(field, "validation.sponsor.oneDecimal")
	}
}

func checkVND(v *fault.Validation, field string, n int64) {
	if n < 0 || n > maxVND {
		v.Add(field, "validation.range", "min", 0, "max", maxVND)
	}
}

// validate checks the fields that need no database.
func (r *Registration) validate(creating bool) *fault.Validation {
	var v fault.Validation
	v.Required("unitId", r.UnitID)
	v.Required("localityId", r.LocalityID)
	from, okFrom := v.Date("fromDate", r.FromDate, true)
	to, okTo := v.Date("toDate", r.ToDate, false)
	if okFrom && okTo && to.Before(from) {
		v.Add("toDate", "validation.sponsor.period")
	}
	v.MaxLen("content", r.Content, 5000)
	if r.CommitVisits < 0 || r.CommitVisits > maxVisits {
		v.Add("commitVisits", "validation.range", "min", 0, "max", maxVisits)
	}
	checkVND(&v, "commitFunds", r.CommitFunds)
	checkWorkdays(&v, "commitWorkdays", r.CommitWorkdays)
	v.MaxLen("commitNote", r.CommitNote, 2000)
	v.MaxLen("contactNote", r.ContactNote, 300)
	if creating {
		// A new registration starts registered, or already under way when
		// entered after the fact; finishing and cancelling are moves.
		v.OneOf("status", r.Status, StatusDangKy, StatusDangThucHien)
	}
	return &v
}

// Save creates (empty ID) or updates a registration. On create an empty
// campaign becomes the agency's active one (if any) and an empty status
// "dang_ky". On update the status and cancel reason are kept as stored:
// they change only through SetStatus.
func (s *Service) Save(ctx context.Context, agencyID string, r Registration) (Registration, error) {
	r.AgencyID = agencyID
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return SaveTx(tx, &r)
	})
	return r, err
}

// SaveTx validates and writes r inside the caller's transaction.
func SaveTx(tx *gorm.DB, r *Registration) error {
	r.normalise()
	creating := r.ID == ""
	if creating {
		if r.Status == "" {
			r.Status = StatusDangKy
		}
		r.CancelReason = ""
		if r.CampaignID == nil {
			var c campaign.Campaign
			err := tx.Select("id").Where("agency_id = ? AND active = ?", r.AgencyID, true).Limit(1).Find(&c).Error
			if err != nil {
				return fmt.Errorf("active campaign: %w", err)
			}
			if c.ID != "" {
				r.CampaignID = &c.ID
			}
		}
	} else {
		var old Registration
		if err := store.Get(tx.Where("agency_id = ?", r.AgencyID), &old, "registration", r.ID); err != nil {
			return err
		}
		r.Status, r.CancelReason = old.Status, old.CancelReason
	}
	v := r.validate(creating)
	if err := checkRegistrationRefs(tx, r, v); err != nil {
		return err
	}
	if err := v.Err(); err != nil {
		return err
	}
	if creating {
		if err := tx.Create(r).Error; err != nil {
			return fmt.Errorf("create registration: %w", err)
		}
		return nil
	}
	return store.UpdateVersioned(tx, r, "registration", "unit_id", "locality_id", "campaign_id",
		"from_date", "to_date", "content", "commit_visits", "commit_funds", "commit_workdays",
		"commit_note", "contact_staff_id", "contact_note", "search_key")
}

func count(tx *gorm.DB, model any, where string, args ...any) (int64, error) {
	var n int64
	err := tx.Model(model).Where(where, args...).Count(&n).Error
	return n, err
}

// checkRegistrationRefs adds field errors for a missing unit, locality,
// campaign or contact, a locality of the wrong level, and a duplicate.
func checkRegistrationRefs(tx *gorm.DB, r *Registration, v *fault.Validation) error {
	if r.UnitID != "" {
		n, err := count(tx, &org.Unit{}, "agency_id = ? AND id = ?", r.AgencyID, r.UnitID)
		if err != nil {
			return fmt.Errorf("check unit: %w", err)
		}
		if n == 0 {
			v.Add("unitId", "validation.sponsor.unitMissing")
		}
	}
	if r.LocalityID != "" {
		var p place
		if err := tx.Where("agency_id = ? AND id = ?", r.AgencyID, r.LocalityID).Limit(1).Find(&p).Error; err != nil {
			return fmt.Errorf("check locality: %w", err)
		}
		switch {
		case p.ID == "":
			v.Add("localityId", "validation.sponsor.localityMissing")
		case p.Level != levelCommune && p.Level != levelVillage:
			v.Add("localityId", "validation.sponsor.localityLevel")
		}
	}
	if r.CampaignID != nil {
		n, err := count(tx, &campaign.Campaign{}, "agency_id = ? AND id = ?", r.AgencyID, *r.CampaignID)
		if err != nil {
			return fmt.Errorf("check campaign: %w", err)
		}
		if n == 0 {
			v.Add("campaignId", "validation.sponsor.campaignMissing")
		}
	}
	if r.ContactStaffID != nil {
		n, err := count(tx, &org.Staff{}, "agency_id = ? AND id = ?", r.AgencyID, *r.ContactStaffID)
		if err != nil {
			return fmt.Errorf("check contact: %w", err)
		}
		if n == 0 {
			v.Add("contactStaffId", "validation.sponsor.contactMissing")
		}
	}
	if !v.Has("unitId") && !v.Has("localityId") && r.UnitID != "" && r.LocalityID != "" {
		dup, err := duplicate(tx, r)
		if err != nil {
			return err
		}
		if dup {
			v.Add("localityId", "validation.sponsor.duplicate")
		}
	}
	return nil
}

// open are the statuses of a registration still running.
var open = []string{StatusDangKy, StatusDangThucHien}

func isOpen(status string) bool { return status == StatusDangKy || status == StatusDangThucHien }

// duplicate reports another live, open registration of the same unit for
// the same locality in the same campaign.
func duplicate(tx *gorm.DB, r *Registration) (bool, error) {
	if !isOpen(r.Status) {
		return false, nil
	}
	q := tx.Model(&Registration{}).Where("agency_id = ? AND unit_id = ? AND locality_id = ? AND status IN ?",
		r.AgencyID, r.UnitID, r.LocalityID, open)
	if r.CampaignID == nil {
		q = q.Where("campaign_id IS NULL")
	} else {
		q = q.Where("campaign_id = ?", *r.CampaignID)
	}
	if r.ID != "" {
		q = q.Where("id <> ?", r.ID)
	}
	var n int64
	if err := q.Count(&n).Error; err != nil {
		return false, fmt.Errorf("check duplicate registration: %w", err)
	}
	return n > 0, nil
}

// SetStatus moves a registration to another status: dang_ky → dang_thuc_hien
// or huy, dang_thuc_hien → hoan_thanh or huy. Cancelling needs a reason.
func (s *Service) SetStatus(ctx context.Context, agencyID, id string, version int64, status, reason string) (Registration, error) {
	var r Registration
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := store.Get(tx.Where("agency_id = ?", agencyID), &r, "registration", id); err != nil {
			return err
		}
		status = vntext.Clean(status)
		reason = vntext.CleanText(reason)
		var v fault.Validation
		v.OneOf("status", status, Statuses...)
		if status == StatusHuy {
			v.Text("cancelReason", reason, true, 2000)
		}
		if err := v.Err(); err != nil {
			return err
		}
		if r.Version != version {
			return fault.Stale("registration")
		}
		if !CanMove(r.Status, status) {
			return fault.New(fault.ErrConflict, "errors.sponsor.statusMove", "from", r.Status, "to", status)
		}
		r.Status = status
		if status == StatusHuy {
			r.CancelReason = reason
		}
		return store.UpdateVersioned(tx, &r, "registration", "status", "cancel_reason")
	})
	return r, err
}

// Delete soft-deletes a registration together with its live activities, in
// one transaction and with one timestamp, so that Restore brings back
// exactly the activities deleted with it (not those deleted before).
func (s *Service) Delete(ctx context.Context, agencyID, id string) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var r Registration
		if err := store.Get(tx.Where("agency_id = ?", agencyID), &r, "registration", id); err != nil {
			return err
		}
		now := time.Now().UTC().Truncate(time.Microsecond)
		set := map[string]any{"deleted_at": now, "version": gorm.Expr("version + 1")}
		if err := tx.Model(&Activity{}).Where("registration_id = ?", id).Updates(set).Error; err != nil {
			return fmt.Errorf("delete activities: %w", err)
		}
		res := tx.Model(&Registration{}).Where("id = ?", id).Updates(set)
		if res.Error != nil {
			return fmt.Errorf("delete registration: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return fault.NotFound("registration")
		}
		return nil
	})
}

// Restore undeletes a registration and the activities deleted with it. It
// refuses when the unit or the locality has since been deleted, or when the
// unit now holds another open registration for the same place.
func (s *Service) Restore(ctx context.Context, agencyID, id string) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var r Registration
		if err := store.Get(tx.Unscoped().Where("agency_id = ? AND deleted_at IS NOT NULL", agencyID), &r, "registration", id); err != nil {
			return err
		}
		if n, err := count(tx, &org.Unit{}, "id = ?", r.UnitID); err != nil {
			return err
		} else if n == 0 {
			return fault.New(fault.ErrConflict, "errors.sponsor.unitDeleted")
		}
		if n, err := count(tx, &place{}, "id = ?", r.LocalityID); err != nil {
			return err
		} else if n == 0 {
			return fault.New(fault.ErrConflict, "errors.sponsor.localityDeleted")
		}
		dup, err := duplicate(tx, &r)
		if err != nil {
			return err
		}
		if dup {
			return fault.New(fault.ErrConflict, "errors.sponsor.restoreDuplicate")
		}
		deletedAt := r.DeletedAt.Time
		if err := store.Restore(tx, &Registration{}, "registration", id); err != nil {
			return err
		}
		err = tx.Unscoped().Model(&Activity{}).
			Where("registration_id = ? AND deleted_at IS NOT NULL AND deleted_at >= ?", id, deletedAt).
			Updates(map[string]any{"deleted_at": nil, "version": gorm.Expr("version + 1")}).Error
		if err != nil {
			return fmt.Errorf("restore activities: %w", err)
		}
		return nil
	})
}

// ActivityInput is an activity as the form sends it, with the ids of the
// staff who took part.
type ActivityInput struct {
	Activity
	ParticipantIDs []string `json:"participantIds"`
}

// StaffRef names a staff member.
type StaffRef struct {
	ID       string `json:"id"`
	FullName string `json:"fullName"`
}

// ActivityDetail is an activity with its participants and files.
type ActivityDetail struct {
	Activity
	Participants []StaffRef   `json:"participants"`
	Attachments  []Attachment `json:"attachments"`
}

func (a *ActivityInput) normalise() {
	a.RegistrationID = vntext.Clean(a.RegistrationID)
	a.Date = vntext.Clean(a.Date)
	a.Kind = vntext.Clean(a.Kind)
	a.Description = vntext.CleanText(a.Description)
	a.Result = vntext.CleanText(a.Result)
	a.SearchKey = SearchKey(a.Description, a.Result)
	seen := map[string]bool{}
	ids := []string{}
	for _, id := range a.ParticipantIDs {
		id = vntext.Clean(id)
		if id != "" && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	a.ParticipantIDs = ids
}

func (a *ActivityInput) validate() *fault.Validation {
	var v fault.Validation
	v.Required("registrationId", a.RegistrationID)
	if d, ok := v.Date("date", a.Date, true); ok && d.Format(fault.DateLayout) > todayISO() {
		v.Add("date", "validation.dateFuture")
	}
	if v.Required("kind", a.Kind) {
		v.OneOf("kind", a.Kind, ActivityKinds...)
	}
	checkVND(&v, "amountVND", a.AmountVND)
	checkWorkdays(&v, "workdays", a.Workdays)
	v.MaxLen("description", a.Description, 5000)
	v.MaxLen("result", a.Result, 5000)
	if len(a.ParticipantIDs) > 200 {
		v.Add("participantIds", "validation.range", "min", 0, "max", 200)
	}
	return &v
}

// SaveActivity creates (empty ID) or updates an activity and replaces its
// participants, in one transaction. An activity stays under the
// registration it was created for.
func (s *Service) SaveActivity(ctx context.Context, agencyID string, in ActivityInput) (ActivityDetail, error) {
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return SaveActivityTx(tx, agencyID, &in)
	})
	if err != nil {
		return ActivityDetail{}, err
	}
	return s.activityDetail(ctx, agencyID, in.ID)
}

// SaveActivityTx is SaveActivity inside the caller's transaction.
func SaveActivityTx(tx *gorm.DB, agencyID string, in *ActivityInput) error {
	in.normalise()
	creating := in.ID == ""
	if !creating {
		var old Activity
		if err := liveActivity(tx, agencyID, in.ID, &old); err != nil {
			return err
		}
		in.RegistrationID = old.RegistrationID
	}
	v := in.validate()
	if in.RegistrationID != "" {
		n, err := count(tx, &Registration{}, "agency_id = ? AND id = ?", agencyID, in.RegistrationID)
		if err != nil {
			return fmt.Errorf("check registration: %w", err)
		}
		if n == 0 {
			v.Add("registrationId", "validation.sponsor.registrationMissing")
		}
	}
	if len(in.ParticipantIDs) > 0 {
		var found []string
		if err := tx.Model(&org.Staff{}).Where("agency_id = ? AND id IN ?", agencyID, in.ParticipantIDs).
			Pluck("id", &found).Error; err != nil {
			return fmt.Errorf("check participants: %w", err)
		}
		if len(found) != len(in.ParticipantIDs) {
			v.Add("participantIds", "validation.sponsor.participantMissing", "count", len(in.ParticipantIDs)-len(found))
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	a := &in.Activity
	if creating {
		if err := tx.Create(a).Error; err != nil {
			return fmt.Errorf("create activity: %w", err)
		}
	} else if err := store.UpdateVersioned(tx, a, "activity", "date", "kind", "description",
		"amount_vnd", "workdays", "result", "search_key"); err != nil {
		return err
	}
	if err := tx.Where("activity_id = ?", a.ID).Delete(&Participant{}).Error; err != nil {
		return fmt.Errorf("replace participants: %w", err)
	}
	rows := make([]Participant, 0, len(in.ParticipantIDs))
	for _, id := range in.ParticipantIDs {
		rows = append(rows, Participant{ActivityID: a.ID, StaffID: id})
	}
	if len(rows) > 0 {
		if err := tx.CreateInBatches(rows, 200).Error; err != nil {
			return fmt.Errorf("save participants: %w", err)
		}
	}
	return nil
}

// liveActivity loads a live activity whose live registration is the agency's.
func liveActivity(tx *gorm.DB, agencyID, id string, a *Activity) error {
	q := tx.Where("registration_id IN (?)",
		tx.Session(&gorm.Session{NewDB: true}).Model(&Registration{}).Select("id").Where("agency_id = ?", agencyID))
	return store.Get(q, a, "activity", id)
}

// DeleteActivity soft-deletes an activity (its participants and files stay
// attached for a restore).
func (s *Service) DeleteActivity(ctx context.Context, agencyID, id string) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var a Activity
		if err := liveActivity(tx, agencyID, id, &a); err != nil {
			return err
		}
		return store.SoftDelete(tx, &Activity{}, "activity", id)
	})
}

// RestoreActivity undeletes an activity whose registration is live.
func (s *Service) RestoreActivity(ctx context.Context, agencyID, id string) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var a Activity
		regs := tx.Session(&gorm.Session{NewDB: true}).Unscoped().Model(&Registration{}).Select("id").Where("agency_id = ?", agencyID)
		if err := store.Get(tx.Unscoped().Where("deleted_at IS NOT NULL AND registration_id IN (?)", regs), &a, "activity", id); err != nil {
			return err
		}
		n, err := count(tx, &Registration{}, "id = ?", a.RegistrationID)
		if err != nil {
			return err
		}
		if n == 0 {
			return fault.New(fault.ErrConflict, "errors.sponsor.registrationDeleted")
		}
		return store.Restore(tx, &Activity{}, "activity", id)
	})
}
