// Package campaign holds the emulation movements (phong trào thi đua): their
// period, legal bases, measurable targets and milestones. One campaign of an
// agency is the active one; the header and the dashboard follow it.
package campaign

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"gorm.io/gorm"

	"chungsuc/internal/fault"
	"chungsuc/internal/store"
	"chungsuc/internal/vntext"
)

// Campaign is one phong trào thi đua.
type Campaign struct {
	store.Base
	AgencyID    string       `gorm:"size:36" json:"agencyId"`
	Name        string       `json:"name"`
	FromYear    int          `json:"fromYear"`
	ToYear      int          `json:"toYear"`
	Description string       `json:"description"`
	Active      bool         `json:"active"`
	SearchKey   string       `json:"-"`
	LegalBases  []LegalBasis `gorm:"foreignKey:CampaignID" json:"legalBases"`
	Targets     []Target     `gorm:"foreignKey:CampaignID" json:"targets"`
	Milestones  []Milestone  `gorm:"foreignKey:CampaignID" json:"milestones"`
}

// TableName is the campaigns table.
func (Campaign) TableName() string { return "campaigns" }

// LegalBasis is a decision, plan or resolution the campaign rests on.
type LegalBasis struct {
	store.Base
	CampaignID string `gorm:"size:36" json:"campaignId"`
	// Number as written, e.g. "587/QĐ-TTg".
	Number    string `json:"number"`
	Date      string `json:"date"`
	Issuer    string `json:"issuer"`
	Title     string `json:"title"`
	SortOrder int    `json:"sortOrder"`
}

// TableName is the legal bases table.
func (LegalBasis) TableName() string { return "campaign_legal_bases" }

// Comparators a target may use.
var Comparators = []string{">=", "<=", "="}

// Target is a measurable goal, e.g. "≥ 87% số xã đạt chuẩn NTM (112 xã)".
type Target struct {
	store.Base
	CampaignID string `gorm:"size:36" json:"campaignId"`
	Label      string `json:"label"`
	// Metric names the figure the dashboard computes for it (issue of the
	// dashboard); empty for a target that is followed by hand.
	Metric     string  `json:"metric"`
	Comparator string  `json:"comparator"`
	Value      float64 `json:"value"`
	ValueUnit  string  `json:"valueUnit"`
	Count      *int    `json:"count"`
	CountUnit  string  `json:"countUnit"`
	SortOrder  int     `json:"sortOrder"`
}

// TableName is the targets table.
func (Target) TableName() string { return "campaign_targets" }

// Milestone kinds (labels in vi.json under campaign.milestoneKind).
var MilestoneKinds = []string{"ban_hanh_ke_hoach", "so_ket", "tong_ket", "kiem_tra", "bao_cao", "khac"}

// Milestone is a dated step: issuing the plan, the mid-term and final reviews, yearly checks.
type Milestone struct {
	store.Base
	CampaignID string `gorm:"size:36" json:"campaignId"`
	Name       string `json:"name"`
	Kind       string `json:"kind"`
	DueDate    string `json:"dueDate"`
	DoneDate   string `json:"doneDate"`
	Note       string `json:"note"`
	SortOrder  int    `json:"sortOrder"`
}

// TableName is the milestones table.
func (Milestone) TableName() string { return "campaign_milestones" }

func (c *Campaign) normalise() {
	c.Name = vntext.Clean(c.Name)
	c.Description = vntext.CleanText(c.Description)
	c.SearchKey = store.SearchKey(c.Name)
	for i := range c.LegalBases {
		b := &c.LegalBases[i]
		b.Number, b.Date, b.Issuer = vntext.Clean(b.Number), vntext.Clean(b.Date), vntext.Clean(b.Issuer)
		b.Title = vntext.CleanText(b.Title)
		b.SortOrder = i
	}
	for i := range c.Targets {
		t := &c.Targets[i]
		t.Label, t.Metric, t.Comparator = vntext.Clean(t.Label), vntext.Clean(t.Metric), vntext.Clean(t.Comparator)
		t.ValueUnit, t.CountUnit = vntext.Clean(t.ValueUnit), vntext.Clean(t.CountUnit)
		t.SortOrder = i
	}
	for i := range c.Milestones {
		m := &c.Milestones[i]
		m.Name, m.Kind = vntext.Clean(m.Name), vntext.Clean(m.Kind)
		m.DueDate, m.DoneDate = vntext.Clean(m.DueDate), vntext.Clean(m.DoneDate)
		m.Note = vntext.CleanText(m.Note)
		m.SortOrder = i
	}
	if c.LegalBases == nil {
		c.LegalBases = []LegalBasis{}
	}
	if c.Targets == nil {
		c.Targets = []Target{}
	}
	if c.Milestones == nil {
		c.Milestones = []Milestone{}
	}
}

func (c *Campaign) validate() *fault.Validation {
	var v fault.Validation
	v.Text("name", c.Name, true, 300)
	if c.FromYear < 2000 || c.FromYear > 2100 {
		v.Add("fromYear", "validation.range", "min", 2000, "max", 2100)
	}
	if c.ToYear < 2000 || c.ToYear > 2100 {
		v.Add("toYear", "validation.range", "min", 2000, "max", 2100)
	} else if !v.Has("fromYear") && c.ToYear < c.FromYear {
		v.Add("toYear", "validation.campaign.period")
	}
	v.MaxLen("description", c.Description, 5000)
	for i, b := range c.LegalBases {
		f := func(n string) string { return fmt.Sprintf("legalBases.%d.%s", i, n) }
		v.Text(f("number"), b.Number, true, 60)
		v.Date(f("date"), b.Date, false)
		v.Text(f("issuer"), b.Issuer, false, 200)
		v.Text(f("title"), b.Title, false, 1000)
	}
	for i, t := range c.Targets {
		f := func(n string) string { return fmt.Sprintf("targets.%d.%s", i, n) }
		v.Text(f("label"), t.Label, true, 500)
		v.MaxLen(f("metric"), t.Metric, 60)
		v.OneOf(f("comparator"), t.Comparator, Comparators...)
		if math.IsNaN(t.Value) || math.IsInf(t.Value, 0) || t.Value < 0 || t.Value > 1e12 {
			v.Add(f("value"), "validation.number")
		}
		if t.ValueUnit == "%" && t.Value > 100 {
			v.Add(f("value"), "validation.range", "min", 0, "max", 100)
		}
		v.MaxLen(f("valueUnit"), t.ValueUnit, 30)
		if t.Count != nil && *t.Count < 0 {
			v.Add(f("count"), "validation.number")
		}
		v.MaxLen(f("countUnit"), t.CountUnit, 30)
	}
	for i, m := range c.Milestones {
		f := func(n string) string { return fmt.Sprintf("milestones.%d.%s", i, n) }
		v.Text(f("name"), m.Name, true, 300)
		if m.Kind != "" {
			v.OneOf(f("kind"), m.Kind, MilestoneKinds...)
		}
		v.Date(f("dueDate"), m.DueDate, false)
		v.Date(f("doneDate"), m.DoneDate, false)
		v.MaxLen(f("note"), m.Note, 2000)
	}
	return &v
}

// Service is the campaign domain over one database.
type Service struct {
	db *gorm.DB
}

// NewService returns the campaign service.
func NewService(db *gorm.DB) *Service { return &Service{db: db} }

// Page is one page of campaigns (without their children).
type Page struct {
	Items    []Campaign `json:"items"`
	Total    int64      `json:"total"`
	Page     int        `json:"page"`
	PageSize int        `json:"pageSize"`
}

var campaignSort = map[string]string{
	"name": "search_key", "fromYear": "from_year", "toYear": "to_year",
	"updatedAt": "updated_at", "deletedAt": "deleted_at",
}

// List returns one page of the agency's campaigns, newest period first by default.
func (s *Service) List(ctx context.Context, agencyID string, q store.ListQuery) (Page, error) {
	if q.SortBy == "" {
		q.SortBy, q.Desc = "fromYear", true
	}
	tx := q.Scope(s.db.WithContext(ctx).Model(&Campaign{}), campaignSort, "from_year").Where("agency_id = ?", agencyID)
	var page Page
	var err error
	page.Items, page.Total, page.Page, page.PageSize, err = store.FindPage[Campaign](tx, q)
	if err != nil {
		return page, fmt.Errorf("list campaigns: %w", err)
	}
	return page, nil
}

func withChildren(tx *gorm.DB) *gorm.DB {
	order := func(db *gorm.DB) *gorm.DB { return db.Order("sort_order ASC") }
	return tx.Preload("LegalBases", order).Preload("Targets", order).Preload("Milestones", order)
}

// Get returns a live campaign with its legal bases, targets and milestones.
func (s *Service) Get(ctx context.Context, agencyID, id string) (Campaign, error) {
	var c Campaign
	err := store.Get(withChildren(s.db.WithContext(ctx)).Where("agency_id = ?", agencyID), &c, "campaign", id)
	return c, err
}

// Active returns the agency's active campaign, or a NotFound error.
func (s *Service) Active(ctx context.Context, agencyID string) (Campaign, error) {
	var c Campaign
	err := withChildren(s.db.WithContext(ctx)).Where("agency_id = ? AND active = ?", agencyID, true).Take(&c).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return c, fault.New(fault.ErrNotFound, "errors.campaign.noActive")
	}
	if err != nil {
		return c, fmt.Errorf("active campaign: %w", err)
	}
	return c, nil
}

// Save creates or updates a campaign and replaces its legal bases, targets
// and milestones, all in one transaction. A campaign saved as active
// deactivates the others.
func (s *Service) Save(ctx context.Context, agencyID string, c Campaign) (Campaign, error) {
	c.normalise()
	c.AgencyID = agencyID
	if err := c.validate().Err(); err != nil {
		return c, err
	}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return SaveTx(tx, &c)
	})
	if err != nil {
		return c, err
	}
	return s.Get(ctx, agencyID, c.ID)
}

// SaveTx is Save inside the caller's transaction (sample loading).
func SaveTx(tx *gorm.DB, c *Campaign) error {
	c.normalise()
	if err := c.validate().Err(); err != nil {
		return err
	}
	if c.ID != "" {
		// The update below matches by id only: make sure the campaign is this
		// agency's before touching it or the agency's other campaigns.
		var n int64
		if err := tx.Model(&Campaign{}).Where("id = ? AND agency_id = ?", c.ID, c.AgencyID).Count(&n).Error; err != nil {
			return fmt.Errorf("find campaign: %w", err)
		}
		if n == 0 {
			return fault.NotFound("campaign")
		}
	}
	if c.Active {
		if err := tx.Model(&Campaign{}).Where("agency_id = ? AND active = ? AND id <> ?", c.AgencyID, true, c.ID).
			Updates(map[string]any{"active": false, "version": gorm.Expr("version + 1")}).Error; err != nil {
			return err
		}
	}
	children := []any{&c.LegalBases, &c.Targets, &c.Milestones}
	if c.ID == "" {
		if err := tx.Omit("LegalBases", "Targets", "Milestones").Create(c).Error; err != nil {
			return fmt.Errorf("create campaign: %w", err)
		}
	} else {
		if err := store.UpdateVersioned(tx, c, "campaign", "name", "from_year", "to_year", "description", "active", "search_key"); err != nil {
			return err
		}
		// The children are edited as part of the campaign, whose Version
		// guards them; the old ones are soft-deleted, so nothing is lost.
		now := time.Now().UTC()
		for _, m := range []any{&LegalBasis{}, &Target{}, &Milestone{}} {
			if err := tx.Model(m).Where("campaign_id = ?", c.ID).Update("deleted_at", now).Error; err != nil {
				return err
			}
		}
	}
	for i := range c.LegalBases {
		c.LegalBases[i].Base = store.Base{}
		c.LegalBases[i].CampaignID = c.ID
	}
	for i := range c.Targets {
		c.Targets[i].Base = store.Base{}
		c.Targets[i].CampaignID = c.ID
	}
	for i := range c.Milestones {
		c.Milestones[i].Base = store.Base{}
		c.Milestones[i].CampaignID = c.ID
	}
	for _, list := range children {
		if err := tx.Omit("Campaign").CreateInBatches(list, 100).Error; err != nil && !errors.Is(err, gorm.ErrEmptySlice) {
			return fmt.Errorf("save campaign children: %w", err)
		}
	}
	return nil
}

// SetActive makes the campaign the agency's active one.
func (s *Service) SetActive(ctx context.Context, agencyID, id string) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var c Campaign
		if err := store.Get(tx.Where("agency_id = ?", agencyID), &c, "campaign", id); err != nil {
			return err
		}
		if err := tx.Model(&Campaign{}).Where("agency_id = ? AND active = ?", agencyID, true).
			Updates(map[string]any{"active": false, "version": gorm.Expr("version + 1")}).Error; err != nil {
			return err
		}
		return tx.Model(&Campaign{}).Where("id = ?", id).
			Updates(map[string]any{"active": true, "version": gorm.Expr("version + 1")}).Error
	})
}

// Delete soft-deletes a campaign (it stops being active).
func (s *Service) Delete(ctx context.Context, agencyID, id string) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var c Campaign
		if err := store.Get(tx.Where("agency_id = ?", agencyID), &c, "campaign", id); err != nil {
			return err
		}
		if err := tx.Model(&Campaign{}).Where("id = ?", id).Update("active", false).Error; err != nil {
			return err
		}
		return store.SoftDelete(tx, &Campaign{}, "campaign", id)
	})
}

// Restore undeletes a campaign (inactive; the user may activate it again).
func (s *Service) Restore(ctx context.Context, agencyID, id string) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var c Campaign
		if err := store.Get(tx.Unscoped().Where("agency_id = ? AND deleted_at IS NOT NULL", agencyID), &c, "campaign", id); err != nil {
			return err
		}
		return store.Restore(tx, &Campaign{}, "campaign", id)
	})
}
