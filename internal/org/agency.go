// Package org holds the agency profile, its units and its staff.
package org

import (
	"context"
	"errors"
	"fmt"
	"unicode"

	"gorm.io/gorm"

	"chungsuc/internal/fault"
	"chungsuc/internal/store"
	"chungsuc/internal/vntext"
)

// Deputy is one deputy head (Phó Giám đốc) who may sign "KT.".
type Deputy struct {
	Title string `json:"title"`
	Name  string `json:"name"`
}

// Agency is the issuing agency: every printed document takes its header,
// number suffix, place of signing and signer from here.
type Agency struct {
	store.Base
	// Name is the issuing agency as printed, e.g. "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG".
	Name string `json:"name"`
	// ParentBody is the governing body printed above it, e.g. "UBND TỈNH QUẢNG BÌNH".
	ParentBody string `json:"parentBody"`
	// Abbrev is used in document numbers: "05/KH-STNMT".
	Abbrev string `json:"abbrev"`
	// PlaceName is used in the date line: "Quảng Bình, ngày 05 tháng 01 năm 2025".
	PlaceName string   `json:"placeName"`
	Address   string   `json:"address"`
	Phone     string   `json:"phone"`
	Email     string   `json:"email"`
	Website   string   `json:"website"`
	HeadTitle string   `json:"headTitle"`
	HeadName  string   `json:"headName"`
	Deputies  []Deputy `gorm:"serializer:json;type:text" json:"deputies"`
}

// TableName is the agencies table.
func (Agency) TableName() string { return "agencies" }

func (a *Agency) normalise() {
	a.Name = vntext.Clean(a.Name)
	a.ParentBody = vntext.Clean(a.ParentBody)
	a.Abbrev = vntext.Clean(a.Abbrev)
	a.PlaceName = vntext.Clean(a.PlaceName)
	a.Address = vntext.Clean(a.Address)
	a.Phone = vntext.Clean(a.Phone)
	a.Email = vntext.Clean(a.Email)
	a.Website = vntext.Clean(a.Website)
	a.HeadTitle = vntext.Clean(a.HeadTitle)
	a.HeadName = vntext.Clean(a.HeadName)
	deps := a.Deputies[:0:0]
	for _, d := range a.Deputies {
		d.Title, d.Name = vntext.Clean(d.Title), vntext.Clean(d.Name)
		if d.Title != "" || d.Name != "" {
			deps = append(deps, d)
		}
	}
	a.Deputies = deps
}

func (a *Agency) validate() error {
	var v fault.Validation
	v.Text("name", a.Name, true, 200)
	v.Text("parentBody", a.ParentBody, false, 200)
	v.Text("abbrev", a.Abbrev, true, 30)
	if a.Abbrev != "" && !validAbbrev(a.Abbrev) {
		v.Add("abbrev", "validation.abbrev")
	}
	v.Text("placeName", a.PlaceName, true, 100)
	v.Text("address", a.Address, false, 300)
	v.Phone("phone", a.Phone)
	v.Email("email", a.Email)
	v.MaxLen("website", a.Website, 200)
	v.Text("headTitle", a.HeadTitle, false, 100)
	v.Text("headName", a.HeadName, false, 100)
	for i, d := range a.Deputies {
		if d.Name == "" {
			v.Add(fmt.Sprintf("deputies.%d.name", i), "validation.required")
		}
		v.MaxLen(fmt.Sprintf("deputies.%d.name", i), d.Name, 100)
		v.MaxLen(fmt.Sprintf("deputies.%d.title", i), d.Title, 100)
	}
	return v.Err()
}

// validAbbrev accepts what appears after the dash in "KH-STNMT": letters
// (Vietnamese included), digits, and inner dashes or ampersands.
func validAbbrev(s string) bool {
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9', r == '-', r == '&':
		case r == ' ' || r == '/':
			return false
		default:
			if !unicode.IsLetter(r) {
				return false
			}
		}
	}
	return true
}

// Service is the org domain over one database.
type Service struct {
	db *gorm.DB
}

// NewService returns the org service.
func NewService(db *gorm.DB) *Service { return &Service{db: db} }

// CurrentAgency returns the agency this database works for: the oldest live
// one. A shared server may hold several; a desktop holds one.
func (s *Service) CurrentAgency(ctx context.Context) (Agency, error) {
	var a Agency
	err := s.db.WithContext(ctx).Order("created_at ASC").Order("id ASC").Take(&a).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return a, fault.New(fault.ErrNotFound, "errors.agency.missing")
	}
	if err != nil {
		return a, fmt.Errorf("current agency: %w", err)
	}
	return a, nil
}

// SaveAgency creates the agency (when a.ID is empty) or updates it.
func (s *Service) SaveAgency(ctx context.Context, a Agency) (Agency, error) {
	a.normalise()
	if err := a.validate(); err != nil {
		return a, err
	}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if a.ID == "" {
			return CreateAgencyTx(tx, &a)
		}
		return store.UpdateVersioned(tx, &a, "agency", "name", "parent_body", "abbrev", "place_name",
			"address", "phone", "email", "website", "head_title", "head_name", "deputies")
	})
	return a, err
}

// CreateAgencyTx inserts a new agency (first run, sample loading).
func CreateAgencyTx(tx *gorm.DB, a *Agency) error {
	a.normalise()
	if err := a.validate(); err != nil {
		return err
	}
	if a.Deputies == nil {
		a.Deputies = []Deputy{}
	}
	if err := tx.Create(a).Error; err != nil {
		return fmt.Errorf("create agency: %w", err)
	}
	return nil
}
