package org

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"chungsuc/internal/fault"
	"chungsuc/internal/store"
	"chungsuc/internal/vntext"
)

// Staff categories (labels in vi.json under org.category).
const (
	CategoryCongChuc     = "cong_chuc"
	CategoryVienChuc     = "vien_chuc"
	CategoryNguoiLaoDong = "nguoi_lao_dong"
)

// Categories lists the staff categories.
var Categories = []string{CategoryCongChuc, CategoryVienChuc, CategoryNguoiLaoDong}

// Genders lists the gender codes.
var Genders = []string{"nam", "nu"}

// Staff is one civil servant, public employee or worker of the agency.
type Staff struct {
	store.Base
	AgencyID string  `gorm:"size:36" json:"agencyId"`
	UnitID   *string `gorm:"size:36" json:"unitId"`
	FullName string  `json:"fullName"`
	Gender   string  `json:"gender"`
	// BirthDate is YYYY-MM-DD when the full date is known; otherwise only
	// BirthYear is set.
	BirthDate string `json:"birthDate"`
	BirthYear int    `json:"birthYear"`
	Position  string `json:"position"`
	Rank      string `json:"rank"`
	Category  string `json:"category"`
	Phone     string `json:"phone"`
	Email     string `json:"email"`
	Active    bool   `json:"active"`
	Note      string `json:"note"`
	SearchKey string `json:"-"`
	SortKey   string `json:"-"`
}

// TableName is the staff table.
func (Staff) TableName() string { return "staff" }

func (p *Staff) normalise() {
	p.FullName = vntext.Clean(p.FullName)
	p.Gender = vntext.Clean(p.Gender)
	p.BirthDate = vntext.Clean(p.BirthDate)
	p.Position = vntext.Clean(p.Position)
	p.Rank = vntext.Clean(p.Rank)
	p.Category = vntext.Clean(p.Category)
	p.Phone = vntext.Clean(p.Phone)
	p.Email = vntext.Clean(p.Email)
	p.Note = vntext.CleanText(p.Note)
	p.UnitID = vntext.CleanRef(p.UnitID)
	p.SearchKey = store.SearchKey(p.FullName, p.Position, p.Phone, p.Email)
	p.SortKey = vntext.Fold(givenNameFirst(p.FullName))
}

// givenNameFirst puts the last word first: Vietnamese lists are ordered by
// given name ("An" before "Bình"), then by the whole name.
func givenNameFirst(full string) string {
	words := strings.Fields(full)
	if len(words) < 2 {
		return full
	}
	return words[len(words)-1] + " " + full
}

// Today is the reference date for age checks; tests may replace it.
var Today = func() time.Time { return time.Now() }

func (p *Staff) validate() *fault.Validation {
	var v fault.Validation
	v.Text("fullName", p.FullName, true, 120)
	if p.FullName != "" && strings.ContainsAny(p.FullName, "0123456789@#$%^*_=+<>{}[]|\\/") {
		v.Add("fullName", "validation.staff.nameChars")
	}
	if p.Gender != "" {
		v.OneOf("gender", p.Gender, Genders...)
	}
	if p.Category != "" {
		v.OneOf("category", p.Category, Categories...)
	}
	now := Today()
	if t, ok := v.Date("birthDate", p.BirthDate, false); ok {
		if t.After(now) {
			v.Add("birthDate", "validation.dateFuture")
		} else {
			p.BirthYear = t.Year()
		}
	}
	if p.BirthYear != 0 && !v.Has("birthDate") {
		if p.BirthYear < now.Year()-100 || p.BirthYear > now.Year()-15 {
			v.Add("birthYear", "validation.range", "min", now.Year()-100, "max", now.Year()-15)
		}
	}
	v.MaxLen("position", p.Position, 120)
	v.MaxLen("rank", p.Rank, 120)
	v.Phone("phone", p.Phone)
	v.Email("email", p.Email)
	v.MaxLen("note", p.Note, 2000)
	return &v
}

// StaffQuery is the staff list screen's query.
type StaffQuery struct {
	store.ListQuery
	UnitID   string `json:"unitId"`
	Category string `json:"category"`
	Active   string `json:"active"`
}

// StaffPage is one page of staff.
type StaffPage struct {
	Items    []Staff `json:"items"`
	Total    int64   `json:"total"`
	Page     int     `json:"page"`
	PageSize int     `json:"pageSize"`
}

var staffSort = map[string]string{
	"fullName": "sort_key", "birthYear": "birth_year", "position": "position",
	"category": "category", "updatedAt": "updated_at", "deletedAt": "deleted_at",
}

// ListStaff returns one page of the agency's staff.
func (s *Service) ListStaff(ctx context.Context, agencyID string, q StaffQuery) (StaffPage, error) {
	tx := s.db.WithContext(ctx).Model(&Staff{})
	tx = q.Scope(tx, staffSort, "sort_key").Where("agency_id = ?", agencyID)
	if q.UnitID != "" {
		tx = tx.Where("unit_id = ?", q.UnitID)
	}
	if q.Category != "" {
		tx = tx.Where("category = ?", q.Category)
	}
	switch q.Active {
	case "yes":
		tx = tx.Where("active = ?", true)
	case "no":
		tx = tx.Where("active = ?", false)
	}
	var page StaffPage
	var err error
	page.Items, page.Total, page.Page, page.PageSize, err = store.FindPage[Staff](tx, q.ListQuery)
	if err != nil {
		return page, fmt.Errorf("list staff: %w", err)
	}
	return page, nil
}

// SaveStaff creates (empty ID) or updates a staff member.
func (s *Service) SaveStaff(ctx context.Context, agencyID string, p Staff) (Staff, error) {
	p.AgencyID = agencyID
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return SaveStaffTx(tx, &p)
	})
	return p, err
}

// CreateStaffTx inserts a new staff member inside the caller's transaction.
func CreateStaffTx(tx *gorm.DB, p *Staff) error {
	p.ID = ""
	return SaveStaffTx(tx, p)
}

// SaveStaffTx validates and writes p inside the caller's transaction.
func SaveStaffTx(tx *gorm.DB, p *Staff) error {
	p.normalise()
	v := p.validate()
	if p.UnitID != nil {
		var n int64
		if err := tx.Model(&Unit{}).Where("agency_id = ? AND id = ?", p.AgencyID, *p.UnitID).Count(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			v.Add("unitId", "validation.staff.unitMissing")
		}
	}
	if p.FullName != "" && !v.Has("fullName") {
		dup, err := staffDuplicate(tx, p)
		if err != nil {
			return err
		}
		if dup {
			v.Add("fullName", "validation.staff.duplicate", "name", p.FullName)
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	if p.ID == "" {
		if err := tx.Create(p).Error; err != nil {
			return fmt.Errorf("create staff: %w", err)
		}
		return nil
	}
	if err := store.OwnedBy(tx, &Staff{}, "staff", p.ID, p.AgencyID); err != nil {
		return err
	}
	return store.UpdateVersioned(tx, p, "staff", "unit_id", "full_name", "gender", "birth_date",
		"birth_year", "position", "rank", "category", "phone", "email", "active", "note",
		"search_key", "sort_key")
}

// staffDuplicate reports a live person in the same unit with the same name
// and the same birth year: almost certainly the same person entered twice.
func staffDuplicate(tx *gorm.DB, p *Staff) (bool, error) {
	q := tx.Model(&Staff{}).Where("agency_id = ? AND birth_year = ?", p.AgencyID, p.BirthYear)
	if p.UnitID == nil {
		q = q.Where("unit_id IS NULL")
	} else {
		q = q.Where("unit_id = ?", *p.UnitID)
	}
	if p.ID != "" {
		q = q.Where("id <> ?", p.ID)
	}
	var names []string
	if err := q.Where("sort_key = ?", p.SortKey).Pluck("full_name", &names).Error; err != nil {
		return false, err
	}
	for _, n := range names {
		if vntext.Key(n) == vntext.Key(p.FullName) {
			return true, nil
		}
	}
	return false, nil
}

// DeleteStaff soft-deletes a staff member; a unit headed by them loses its head.
func (s *Service) DeleteStaff(ctx context.Context, agencyID, id string) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var p Staff
		if err := store.Get(tx.Where("agency_id = ?", agencyID), &p, "staff", id); err != nil {
			return err
		}
		var heads int64
		if err := tx.Model(&Unit{}).Where("head_staff_id = ?", id).Count(&heads).Error; err != nil {
			return err
		}
		if heads > 0 {
			return fault.New(fault.ErrConflict, "errors.staff.isHead", "name", p.FullName)
		}
		return store.SoftDelete(tx, &Staff{}, "staff", id)
	})
}

// RestoreStaff undeletes a staff member whose unit is still live.
func (s *Service) RestoreStaff(ctx context.Context, agencyID, id string) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var p Staff
		if err := store.Get(tx.Unscoped().Where("agency_id = ? AND deleted_at IS NOT NULL", agencyID), &p, "staff", id); err != nil {
			return err
		}
		if p.UnitID != nil {
			var n int64
			if err := tx.Model(&Unit{}).Where("id = ?", *p.UnitID).Count(&n).Error; err != nil {
				return err
			}
			if n == 0 {
				return fault.New(fault.ErrConflict, "errors.staff.unitDeleted", "name", p.FullName)
			}
		}
		return store.Restore(tx, &Staff{}, "staff", id)
	})
}

// GetStaff returns one live staff member.
func (s *Service) GetStaff(ctx context.Context, agencyID, id string) (Staff, error) {
	var p Staff
	err := store.Get(s.db.WithContext(ctx).Where("agency_id = ?", agencyID), &p, "staff", id)
	return p, err
}
