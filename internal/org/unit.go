package org

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"chungsuc/internal/fault"
	"chungsuc/internal/store"
	"chungsuc/internal/vntext"
)

// Unit kinds. The list is what a department has; the label of each lives
// in vi.json (org.unitKind.<code>).
const (
	KindPhong          = "phong"             // Văn phòng, Thanh tra, phòng chuyên môn
	KindDonViThuoc     = "don_vi_thuoc"      // chi cục, đơn vị thuộc Sở
	KindDonViTrucThuoc = "don_vi_truc_thuoc" // đơn vị sự nghiệp trực thuộc
	KindLanhDao        = "lanh_dao"          // Ban lãnh đạo
	KindDang           = "dang"              // Đảng bộ, chi bộ
	KindDoanThe        = "doan_the"          // Công đoàn, Đoàn Thanh niên, Hội Cựu chiến binh
	KindHoiDong        = "hoi_dong"          // Hội đồng Thi đua - Khen thưởng
	KindKhac           = "khac"
)

// UnitKinds lists the kinds in display order.
var UnitKinds = []string{KindLanhDao, KindPhong, KindDonViThuoc, KindDonViTrucThuoc, KindDang, KindDoanThe, KindHoiDong, KindKhac}

// Unit is a division, attached unit, mass organisation or council of the agency.
type Unit struct {
	store.Base
	AgencyID    string  `gorm:"size:36" json:"agencyId"`
	ParentID    *string `gorm:"size:36" json:"parentId"`
	Name        string  `json:"name"`
	ShortName   string  `json:"shortName"`
	Kind        string  `json:"kind"`
	HeadStaffID *string `gorm:"size:36" json:"headStaffId"`
	Active      bool    `json:"active"`
	SortOrder   int     `json:"sortOrder"`
	Note        string  `json:"note"`
	SearchKey   string  `json:"-"`
	SortKey     string  `json:"-"`
}

// TableName is the units table.
func (Unit) TableName() string { return "units" }

func (u *Unit) normalise() {
	u.Name = vntext.Clean(u.Name)
	u.ShortName = vntext.Clean(u.ShortName)
	u.Note = vntext.CleanText(u.Note)
	u.ParentID = vntext.CleanRef(u.ParentID)
	u.HeadStaffID = vntext.CleanRef(u.HeadStaffID)
	u.SearchKey = store.SearchKey(u.Name, u.ShortName)
	u.SortKey = vntext.Fold(u.Name)
}

// UnitQuery is the units list screen's query.
type UnitQuery struct {
	store.ListQuery
	Kind     string `json:"kind"`
	ParentID string `json:"parentId"`
	// Active is "" for all, "yes" or "no".
	Active string `json:"active"`
}

// UnitPage is one page of units.
type UnitPage struct {
	Items    []Unit `json:"items"`
	Total    int64  `json:"total"`
	Page     int    `json:"page"`
	PageSize int    `json:"pageSize"`
}

var unitSort = map[string]string{
	"name": "sort_key", "shortName": "short_name", "kind": "kind",
	"sortOrder": "sort_order", "updatedAt": "updated_at", "deletedAt": "deleted_at",
}

// ListUnits returns one page of the agency's units.
func (s *Service) ListUnits(ctx context.Context, agencyID string, q UnitQuery) (UnitPage, error) {
	tx := s.db.WithContext(ctx).Model(&Unit{})
	tx = q.Scope(tx, unitSort, "sort_order").Where("agency_id = ?", agencyID)
	if q.Kind != "" {
		tx = tx.Where("kind = ?", q.Kind)
	}
	if q.ParentID != "" {
		tx = tx.Where("parent_id = ?", q.ParentID)
	}
	switch q.Active {
	case "yes":
		tx = tx.Where("active = ?", true)
	case "no":
		tx = tx.Where("active = ?", false)
	}
	var page UnitPage
	var err error
	page.Items, page.Total, page.Page, page.PageSize, err = store.FindPage[Unit](tx, q.ListQuery)
	if err != nil {
		return page, fmt.Errorf("list units: %w", err)
	}
	return page, nil
}

// AllUnits returns every live unit of the agency, for trees and pickers.
func (s *Service) AllUnits(ctx context.Context, agencyID string) ([]Unit, error) {
	out := []Unit{}
	err := s.db.WithContext(ctx).Where("agency_id = ?", agencyID).
		Order("sort_order ASC").Order("sort_key ASC").Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("all units: %w", err)
	}
	return out, nil
}

// GetUnit returns one live unit.
func (s *Service) GetUnit(ctx context.Context, agencyID, id string) (Unit, error) {
	var u Unit
	err := store.Get(s.db.WithContext(ctx).Where("agency_id = ?", agencyID), &u, "unit", id)
	return u, err
}

func (u *Unit) validate() *fault.Validation {
	var v fault.Validation
	v.Text("name", u.Name, true, 200)
	v.Text("shortName", u.ShortName, false, 60)
	if u.Kind == "" {
		v.Add("kind", "validation.required")
	} else {
		v.OneOf("kind", u.Kind, UnitKinds...)
	}
	v.MaxLen("note", u.Note, 2000)
	if u.SortOrder < 0 || u.SortOrder > 9999 {
		v.Add("sortOrder", "validation.range", "min", 0, "max", 9999)
	}
	return &v
}

// SaveUnit creates (empty ID) or updates a unit after checking the parent,
// the head and that no sibling has the same name.
func (s *Service) SaveUnit(ctx context.Context, agencyID string, u Unit) (Unit, error) {
	u.AgencyID = agencyID
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return SaveUnitTx(tx, &u)
	})
	return u, err
}

// CreateUnitTx inserts a new unit inside the caller's transaction.
func CreateUnitTx(tx *gorm.DB, u *Unit) error {
	u.ID = ""
	return SaveUnitTx(tx, u)
}

// SaveUnitTx validates and writes u inside the caller's transaction.
func SaveUnitTx(tx *gorm.DB, u *Unit) error {
	u.normalise()
	v := u.validate()
	if err := checkUnitRefs(tx, u, v); err != nil {
		return err
	}
	if err := v.Err(); err != nil {
		return err
	}
	if u.ID == "" {
		if err := tx.Create(u).Error; err != nil {
			return fmt.Errorf("create unit: %w", err)
		}
		return nil
	}
	if err := store.OwnedBy(tx, &Unit{}, "unit", u.ID, u.AgencyID); err != nil {
		return err
	}
	return store.UpdateVersioned(tx, u, "unit", "parent_id", "name", "short_name", "kind",
		"head_staff_id", "active", "sort_order", "note", "search_key", "sort_key")
}

// checkUnitRefs adds field errors for a bad parent, head or duplicate name.
func checkUnitRefs(tx *gorm.DB, u *Unit, v *fault.Validation) error {
	if u.ParentID != nil {
		if u.ID != "" && *u.ParentID == u.ID {
			v.Add("parentId", "validation.unit.parentSelf")
		} else {
			var parent Unit
			err := tx.Where("agency_id = ? AND id = ?", u.AgencyID, *u.ParentID).Limit(1).Find(&parent).Error
			if err != nil {
				return err
			}
			if parent.ID == "" {
				v.Add("parentId", "validation.unit.parentMissing")
			} else if u.ID != "" {
				cyc, err := isDescendant(tx, u.ID, parent.ID)
				if err != nil {
					return err
				}
				if cyc {
					v.Add("parentId", "validation.unit.parentCycle")
				}
			}
		}
	}
	if u.HeadStaffID != nil {
		var n int64
		if err := tx.Model(&Staff{}).Where("agency_id = ? AND id = ?", u.AgencyID, *u.HeadStaffID).Count(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			v.Add("headStaffId", "validation.unit.headMissing")
		}
	}
	if u.Name != "" && !v.Has("name") {
		taken, err := store.SiblingNameTaken(tx, &Unit{}, u.AgencyID, u.ParentID, u.ID, u.Name)
		if err != nil {
			return err
		}
		if taken {
			v.Add("name", "validation.unit.nameTaken", "name", u.Name)
		}
	}
	return nil
}

// isDescendant reports whether candidate lies in the subtree under root.
func isDescendant(tx *gorm.DB, root, candidate string) (bool, error) {
	seen := map[string]bool{}
	cur := candidate
	for cur != "" && !seen[cur] {
		if cur == root {
			return true, nil
		}
		seen[cur] = true
		var p struct{ ParentID *string }
		if err := tx.Model(&Unit{}).Unscoped().Select("parent_id").Where("id = ?", cur).Limit(1).Find(&p).Error; err != nil {
			return false, err
		}
		if p.ParentID == nil {
			return false, nil
		}
		cur = *p.ParentID
	}
	return false, nil
}

// DeleteUnit soft-deletes a unit that has no live sub-units and no live staff.
func (s *Service) DeleteUnit(ctx context.Context, agencyID, id string) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var u Unit
		if err := store.Get(tx.Where("agency_id = ?", agencyID), &u, "unit", id); err != nil {
			return err
		}
		var children, staff int64
		if err := tx.Model(&Unit{}).Where("parent_id = ?", id).Count(&children).Error; err != nil {
			return err
		}
		if err := tx.Model(&Staff{}).Where("unit_id = ?", id).Count(&staff).Error; err != nil {
			return err
		}
		if children > 0 || staff > 0 {
			return fault.New(fault.ErrConflict, "errors.unit.notEmpty", "name", u.Name, "units", children, "staff", staff)
		}
		return store.SoftDelete(tx, &Unit{}, "unit", id)
	})
}

// RestoreUnit undeletes a unit if its parent is live and its name is still free.
func (s *Service) RestoreUnit(ctx context.Context, agencyID, id string) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var u Unit
		if err := store.Get(tx.Unscoped().Where("agency_id = ? AND deleted_at IS NOT NULL", agencyID), &u, "unit", id); err != nil {
			return err
		}
		if u.ParentID != nil {
			var n int64
			if err := tx.Model(&Unit{}).Where("id = ?", *u.ParentID).Count(&n).Error; err != nil {
				return err
			}
			if n == 0 {
				return fault.New(fault.ErrConflict, "errors.unit.parentDeleted", "name", u.Name)
			}
		}
		taken, err := store.SiblingNameTaken(tx, &Unit{}, u.AgencyID, u.ParentID, u.ID, u.Name)
		if err != nil {
			return err
		}
		if taken {
			return fault.New(fault.ErrConflict, "errors.unit.restoreNameTaken", "name", u.Name)
		}
		return store.Restore(tx, &Unit{}, "unit", id)
	})
}
