// Package locality holds the administrative units a department works with:
// provinces, the districts kept for records before 1/7/2025, communes and
// villages; their flags (special difficulty, border, …), their NTM status
// history, the 1/7/2025 mergers (lineage) and the import of the official
// administrative-unit lists.
package locality

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"chungsuc/internal/fault"
	"chungsuc/internal/store"
	"chungsuc/internal/vntext"
)

// Kinds of locality (labels in vi.json under locality.kind).
const (
	KindTinh       = "tinh"
	KindThanhPhoTW = "thanh_pho_tw"
	KindHuyen      = "huyen"
	KindQuan       = "quan"
	KindThiXa      = "thi_xa"
	KindThanhPho   = "thanh_pho"
	KindXa         = "xa"
	KindPhuong     = "phuong"
	KindThiTran    = "thi_tran"
	KindDacKhu     = "dac_khu"
	KindThon       = "thon"
	KindBan        = "ban"
	KindLang       = "lang"
	KindAp         = "ap"
	KindToDanPho   = "to_dan_pho"
)

// Levels: province, district (before 1/7/2025), commune, village.
const (
	LevelProvince = 1
	LevelDistrict = 2
	LevelCommune  = 3
	LevelVillage  = 4
)

// Kinds lists the kinds in display order.
var Kinds = []string{KindTinh, KindThanhPhoTW, KindHuyen, KindQuan, KindThiXa, KindThanhPho,
	KindXa, KindPhuong, KindThiTran, KindDacKhu, KindThon, KindBan, KindLang, KindAp, KindToDanPho}

var kindLevel = map[string]int{
	KindTinh: 1, KindThanhPhoTW: 1,
	KindHuyen: 2, KindQuan: 2, KindThiXa: 2, KindThanhPho: 2,
	KindXa: 3, KindPhuong: 3, KindThiTran: 3, KindDacKhu: 3,
	KindThon: 4, KindBan: 4, KindLang: 4, KindAp: 4, KindToDanPho: 4,
}

// LevelOf is the level a kind belongs to, 0 for an unknown kind.
func LevelOf(kind string) int { return kindLevel[kind] }

// Regions of the 2021–2025 criteria.
var Regions = []string{"trung_du_mien_nui_phia_bac", "dong_bang_song_hong", "bac_trung_bo",
	"duyen_hai_nam_trung_bo", "tay_nguyen", "dong_nam_bo", "dong_bang_song_cuu_long"}

// EthnicAreas are khu vực I/II/III of the ethnic-minority and mountain areas ("" = none).
var EthnicAreas = []string{"", "I", "II", "III"}

// Flags are the JSON names of the boolean flags, usable as Query.Flag.
var Flags = []string{"specialDifficulty", "border", "mountain", "coastalLowland", "island", "safeZone"}

var flagColumn = map[string]string{
	"specialDifficulty": "special_difficulty", "border": "border", "mountain": "mountain",
	"coastalLowland": "coastal_lowland", "island": "island", "safeZone": "safe_zone",
}

// Locality is one administrative unit.
type Locality struct {
	store.Base
	AgencyID string  `gorm:"size:36" json:"agencyId"`
	ParentID *string `gorm:"size:36" json:"parentId"`
	// Code is the official code (mã ĐVHC), digits only; empty for villages.
	Code      string `json:"code"`
	Name      string `json:"name"`
	Kind      string `json:"kind"`
	Level     int    `json:"level"`
	ValidFrom string `json:"validFrom"`
	ValidTo   string `json:"validTo"`

	SpecialDifficulty bool   `json:"specialDifficulty"`
	Border            bool   `json:"border"`
	Mountain          bool   `json:"mountain"`
	CoastalLowland    bool   `json:"coastalLowland"`
	Island            bool   `json:"island"`
	SafeZone          bool   `json:"safeZone"`
	EthnicArea        string `json:"ethnicArea"`
	Region            string `json:"region"`
	CommuneGroup      int    `json:"communeGroup"`
	// Sample marks rows of the sample data.
	Sample    bool   `json:"sample"`
	Note      string `json:"note"`
	SearchKey string `json:"-"`
	SortKey   string `json:"-"`
}

// TableName is the localities table.
func (Locality) TableName() string { return "localities" }

// Service is the localities service.
type Service struct {
	db *gorm.DB
}

// NewService returns the localities service.
func NewService(db *gorm.DB) *Service { return &Service{db: db} }

// Normalise cleans the text fields, derives the level from the kind and
// fills the search and sort keys, as Save does; for bulk loaders that insert
// rows themselves (the sample data).
func (l *Locality) Normalise() { l.normalise() }

func (l *Locality) normalise() {
	l.Name = vntext.Clean(l.Name)
	l.Code = vntext.Clean(l.Code)
	l.Kind = vntext.Clean(l.Kind)
	l.ValidFrom = vntext.Clean(l.ValidFrom)
	l.ValidTo = vntext.Clean(l.ValidTo)
	l.EthnicArea = vntext.Clean(l.EthnicArea)
	l.Region = vntext.Clean(l.Region)
	l.Note = vntext.CleanText(l.Note)
	l.ParentID = vntext.CleanRef(l.ParentID)
	l.Level = LevelOf(l.Kind)
	l.keys()
}

func (l *Locality) keys() {
	l.SearchKey = store.SearchKey(l.Name, l.Code)
	l.SortKey = vntext.Fold(l.Name)
}

// IsDigits reports whether s is a non-empty run of ASCII digits.
func IsDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func (l *Locality) validate() *fault.Validation {
	var v fault.Validation
	v.Text("name", l.Name, true, 200)
	if l.Kind == "" {
		v.Add("kind", "validation.required")
	} else {
		v.OneOf("kind", l.Kind, Kinds...)
	}
	if l.Code != "" {
		if !IsDigits(l.Code) {
			v.Add("code", "validation.locality.codeDigits")
		} else {
			v.MaxLen("code", l.Code, 20)
		}
	}
	from, okFrom := v.Date("validFrom", l.ValidFrom, false)
	to, okTo := v.Date("validTo", l.ValidTo, false)
	if okFrom && okTo && to.Before(from) {
		v.Add("validTo", "validation.locality.validPeriod")
	}
	if l.Region != "" {
		v.OneOf("region", l.Region, Regions...)
	}
	v.OneOf("ethnicArea", l.EthnicArea, EthnicAreas...)
	if l.CommuneGroup < 0 || l.CommuneGroup > 3 {
		v.Add("communeGroup", "validation.range", "min", 0, "max", 3)
	}
	v.MaxLen("note", l.Note, 2000)
	if l.Level == LevelVillage && l.ParentID == nil {
		v.Add("parentId", "validation.locality.villageParent")
	}
	return &v
}

// Save creates (empty ID) or updates a locality.
func (s *Service) Save(ctx context.Context, agencyID string, l Locality) (Locality, error) {
	l.AgencyID = agencyID
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return SaveTx(tx, &l)
	})
	return l, err
}

// SaveTx validates and writes l inside the caller's transaction.
func SaveTx(tx *gorm.DB, l *Locality) error {
	l.normalise()
	if l.ID != "" {
		if err := store.OwnedBy(tx, &Locality{}, "locality", l.ID, l.AgencyID); err != nil {
			return err
		}
	}
	v := l.validate()
	if err := checkRefs(tx, l, v); err != nil {
		return err
	}
	if err := v.Err(); err != nil {
		return err
	}
	if l.ID == "" {
		if err := tx.Create(l).Error; err != nil {
			return fmt.Errorf("create locality: %w", err)
		}
		return nil
	}
	return store.UpdateVersioned(tx, l, "locality", "parent_id", "code", "name", "kind", "level",
		"valid_from", "valid_to", "special_difficulty", "border", "mountain", "coastal_lowland",
		"island", "safe_zone", "ethnic_area", "region", "commune_group", "note", "search_key", "sort_key")
}

// ParentFits reports whether a locality of level child may sit under one of
// level parent: a district under a province, a commune under a province or a
// district, a village under a commune.
func ParentFits(child, parent int) bool {
	switch child {
	case LevelDistrict:
		return parent == LevelProvince
	case LevelCommune:
		return parent == LevelProvince || parent == LevelDistrict
	case LevelVillage:
		return parent == LevelCommune
	}
	return false
}

func checkRefs(tx *gorm.DB, l *Locality, v *fault.Validation) error {
	if l.ParentID != nil {
		if l.ID != "" && *l.ParentID == l.ID {
			v.Add("parentId", "validation.locality.parentSelf")
		} else {
			var p Locality
			if err := tx.Where("agency_id = ? AND id = ?", l.AgencyID, *l.ParentID).Limit(1).Find(&p).Error; err != nil {
				return fmt.Errorf("find parent: %w", err)
			}
			switch {
			case p.ID == "":
				v.Add("parentId", "validation.locality.parentMissing")
			case l.Level != 0 && !ParentFits(l.Level, p.Level):
				v.Add("parentId", "validation.locality.parentLevel", "parent", p.Name)
			}
		}
	}
	if l.Code != "" && !v.Has("code") {
		q := tx.Model(&Locality{}).Where("agency_id = ? AND code = ?", l.AgencyID, l.Code)
		if l.ID != "" {
			q = q.Where("id <> ?", l.ID)
		}
		var other Locality
		if err := q.Limit(1).Find(&other).Error; err != nil {
			return fmt.Errorf("find code: %w", err)
		}
		if other.ID != "" {
			v.Add("code", "validation.locality.codeTaken", "code", l.Code, "name", other.Name)
		}
	}
	if l.Name != "" && !v.Has("name") {
		taken, err := store.SiblingNameTaken(tx, &Locality{}, l.AgencyID, l.ParentID, l.ID, l.Name)
		if err != nil {
			return err
		}
		if taken {
			v.Add("name", "validation.locality.nameTaken", "name", l.Name)
		}
	}
	return nil
}

// registrationsTable is where sponsorships point at localities.
const registrationsTable = "sponsor_registrations"

// Delete soft-deletes a locality with no live children and no live registrations.
func (s *Service) Delete(ctx context.Context, agencyID, id string) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var l Locality
		if err := store.Get(tx.Where("agency_id = ?", agencyID), &l, "locality", id); err != nil {
			return err
		}
		var children, regs int64
		if err := tx.Model(&Locality{}).Where("parent_id = ?", id).Count(&children).Error; err != nil {
			return fmt.Errorf("count children: %w", err)
		}
		if err := tx.Table(registrationsTable).Where("locality_id = ? AND deleted_at IS NULL", id).Count(&regs).Error; err != nil {
			return fmt.Errorf("count registrations: %w", err)
		}
		if children > 0 || regs > 0 {
			return fault.New(fault.ErrConflict, "errors.locality.notEmpty", "name", l.Name,
				"children", children, "registrations", regs)
		}
		return store.SoftDelete(tx, &Locality{}, "locality", id)
	})
}

// Restore undeletes a locality if its parent is live and its code and name are free.
func (s *Service) Restore(ctx context.Context, agencyID, id string) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var l Locality
		if err := store.Get(tx.Unscoped().Where("agency_id = ? AND deleted_at IS NOT NULL", agencyID), &l, "locality", id); err != nil {
			return err
		}
		if l.ParentID != nil {
			var n int64
			if err := tx.Model(&Locality{}).Where("id = ?", *l.ParentID).Count(&n).Error; err != nil {
				return fmt.Errorf("find parent: %w", err)
			}
			if n == 0 {
				return fault.New(fault.ErrConflict, "errors.locality.parentDeleted", "name", l.Name)
			}
		}
		if l.Code != "" {
			var n int64
			if err := tx.Model(&Locality{}).Where("agency_id = ? AND code = ?", agencyID, l.Code).Count(&n).Error; err != nil {
				return fmt.Errorf("find code: %w", err)
			}
			if n > 0 {
				return fault.New(fault.ErrConflict, "errors.locality.restoreCodeTaken", "name", l.Name, "code", l.Code)
			}
		}
		taken, err := store.SiblingNameTaken(tx, &Locality{}, l.AgencyID, l.ParentID, l.ID, l.Name)
		if err != nil {
			return err
		}
		if taken {
			return fault.New(fault.ErrConflict, "errors.locality.restoreNameTaken", "name", l.Name)
		}
		return store.Restore(tx, &Locality{}, "locality", id)
	})
}

// Ref names a locality, e.g. in a path.
type Ref struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Kind string `json:"kind"`
}

// LineageRef is one side of a merger as seen from a locality.
type LineageRef struct {
	LineageID     string `json:"lineageId"`
	LocalityID    string `json:"localityId"`
	Name          string `json:"name"`
	Kind          string `json:"kind"`
	Code          string `json:"code"`
	EffectiveDate string `json:"effectiveDate"`
	Resolution    string `json:"resolution"`
	Note          string `json:"note"`
}

// Detail is a locality with its path, NTM history and mergers.
type Detail struct {
	Locality
	Path         []Ref        `json:"path"`
	Statuses     []NTMStatus  `json:"statuses"`
	Current      *NTMStatus   `json:"current"`
	Predecessors []LineageRef `json:"predecessors"`
	Successors   []LineageRef `json:"successors"`
}

// Get returns one live locality with its detail.
func (s *Service) Get(ctx context.Context, agencyID, id string) (Detail, error) {
	d := Detail{Path: []Ref{}, Statuses: []NTMStatus{}, Predecessors: []LineageRef{}, Successors: []LineageRef{}}
	db := s.db.WithContext(ctx)
	if err := store.Get(db.Where("agency_id = ?", agencyID), &d.Locality, "locality", id); err != nil {
		return d, err
	}
	// Ancestors, deleted ones included so the path still reads.
	seen := map[string]bool{id: true}
	for p := d.ParentID; p != nil && !seen[*p]; {
		seen[*p] = true
		var a Locality
		if err := db.Unscoped().Where("id = ?", *p).Limit(1).Find(&a).Error; err != nil {
			return d, fmt.Errorf("locality path: %w", err)
		}
		if a.ID == "" {
			break
		}
		d.Path = append([]Ref{{ID: a.ID, Name: a.Name, Kind: a.Kind}}, d.Path...)
		p = a.ParentID
	}
	if err := db.Where("locality_id = ?", id).
		Order("year DESC").Order("decision_date DESC").Order("created_at DESC").Find(&d.Statuses).Error; err != nil {
		return d, fmt.Errorf("locality statuses: %w", err)
	}
	if len(d.Statuses) > 0 {
		c := d.Statuses[0]
		d.Current = &c
	}
	var err error
	if d.Predecessors, err = lineageRefs(db, "successor_id", "predecessor_id", id); err != nil {
		return d, err
	}
	if d.Successors, err = lineageRefs(db, "predecessor_id", "successor_id", id); err != nil {
		return d, err
	}
	return d, nil
}

// lineageRefs lists the lineage rows whose col is id, naming the locality at other.
func lineageRefs(db *gorm.DB, col, other, id string) ([]LineageRef, error) {
	out := []LineageRef{}
	err := db.Table("locality_lineages AS g").
		Select("g.id AS lineage_id, l.id AS locality_id, l.name, l.kind, l.code, g.effective_date, g.resolution, g.note").
		Joins("JOIN localities l ON l.id = g."+other).
		Where("g."+col+" = ? AND g.deleted_at IS NULL", id).
		Order("g.effective_date DESC").Order("l.sort_key ASC").Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("locality lineage: %w", err)
	}
	return out, nil
}
