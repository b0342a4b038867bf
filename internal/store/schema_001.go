package store

import (
	"time"

	"gorm.io/gorm"
)

// Frozen structs of schema step 1. Never edit them after release: add a step.

type m1Base struct {
	ID        string `gorm:"primaryKey;size:36"`
	CreatedAt time.Time
	UpdatedAt time.Time
	DeletedAt gorm.DeletedAt `gorm:"index"`
	Version   int64          `gorm:"not null;default:1"`
}

type m1Agency struct {
	Base       m1Base `gorm:"embedded"`
	Name       string `gorm:"size:200;not null"`
	ParentBody string `gorm:"size:200"`
	Abbrev     string `gorm:"size:30"`
	PlaceName  string `gorm:"size:100"`
	Address    string `gorm:"size:300"`
	Phone      string `gorm:"size:30"`
	Email      string `gorm:"size:120"`
	Website    string `gorm:"size:200"`
	HeadTitle  string `gorm:"size:100"`
	HeadName   string `gorm:"size:100"`
	Deputies   string `gorm:"type:text"`
}

func (m1Agency) TableName() string { return "agencies" }

type m1Unit struct {
	Base        m1Base    `gorm:"embedded"`
	AgencyID    string    `gorm:"size:36;not null;index"`
	Agency      *m1Agency `gorm:"foreignKey:AgencyID;references:ID"`
	ParentID    *string   `gorm:"size:36;index"`
	Parent      *m1Unit   `gorm:"foreignKey:ParentID;references:ID"`
	Name        string    `gorm:"size:200;not null"`
	ShortName   string    `gorm:"size:60"`
	Kind        string    `gorm:"size:30;not null"`
	HeadStaffID *string   `gorm:"size:36"`
	Active      bool      `gorm:"not null;default:true"`
	SortOrder   int       `gorm:"not null;default:0"`
	Note        string    `gorm:"type:text"`
	SearchKey   string    `gorm:"size:600;index"`
	SortKey     string    `gorm:"size:300;index"`
}

func (m1Unit) TableName() string { return "units" }

type m1Staff struct {
	Base      m1Base    `gorm:"embedded"`
	AgencyID  string    `gorm:"size:36;not null;index"`
	Agency    *m1Agency `gorm:"foreignKey:AgencyID;references:ID"`
	UnitID    *string   `gorm:"size:36;index"`
	Unit      *m1Unit   `gorm:"foreignKey:UnitID;references:ID"`
	FullName  string    `gorm:"size:120;not null"`
	Gender    string    `gorm:"size:10"`
	BirthDate string    `gorm:"size:10"`
	BirthYear int       `gorm:"not null;default:0"`
	Position  string    `gorm:"size:120"`
	Rank      string    `gorm:"size:120"`
	Category  string    `gorm:"size:30"`
	Phone     string    `gorm:"size:30"`
	Email     string    `gorm:"size:120"`
	Active    bool      `gorm:"not null;default:true"`
	Note      string    `gorm:"type:text"`
	SearchKey string    `gorm:"size:600;index"`
	SortKey   string    `gorm:"size:300;index"`
}

func (m1Staff) TableName() string { return "staff" }

type m1Campaign struct {
	Base        m1Base    `gorm:"embedded"`
	AgencyID    string    `gorm:"size:36;not null;index"`
	Agency      *m1Agency `gorm:"foreignKey:AgencyID;references:ID"`
	Name        string    `gorm:"size:300;not null"`
	FromYear    int       `gorm:"not null"`
	ToYear      int       `gorm:"not null"`
	Description string    `gorm:"type:text"`
	Active      bool      `gorm:"not null;default:false"`
	SearchKey   string    `gorm:"size:600;index"`
}

func (m1Campaign) TableName() string { return "campaigns" }

type m1LegalBasis struct {
	Base       m1Base      `gorm:"embedded"`
	CampaignID string      `gorm:"size:36;not null;index"`
	Campaign   *m1Campaign `gorm:"foreignKey:CampaignID;references:ID"`
	Number     string      `gorm:"size:60"`
	Date       string      `gorm:"size:10"`
	Issuer     string      `gorm:"size:200"`
	Title      string      `gorm:"type:text"`
	SortOrder  int         `gorm:"not null;default:0"`
}

func (m1LegalBasis) TableName() string { return "campaign_legal_bases" }

type m1Target struct {
	Base       m1Base      `gorm:"embedded"`
	CampaignID string      `gorm:"size:36;not null;index"`
	Campaign   *m1Campaign `gorm:"foreignKey:CampaignID;references:ID"`
	Label      string      `gorm:"size:500;not null"`
	Metric     string      `gorm:"size:60"`
	Comparator string      `gorm:"size:4"`
	Value      float64
	ValueUnit  string `gorm:"size:30"`
	Count      *int
	CountUnit  string `gorm:"size:30"`
	SortOrder  int    `gorm:"not null;default:0"`
}

func (m1Target) TableName() string { return "campaign_targets" }

type m1Milestone struct {
	Base       m1Base      `gorm:"embedded"`
	CampaignID string      `gorm:"size:36;not null;index"`
	Campaign   *m1Campaign `gorm:"foreignKey:CampaignID;references:ID"`
	Name       string      `gorm:"size:300;not null"`
	Kind       string      `gorm:"size:30"`
	DueDate    string      `gorm:"size:10"`
	DoneDate   string      `gorm:"size:10"`
	Note       string      `gorm:"type:text"`
	SortOrder  int         `gorm:"not null;default:0"`
}

func (m1Milestone) TableName() string { return "campaign_milestones" }

func migrate001(tx *gorm.DB) error {
	return tx.AutoMigrate(&m1Agency{}, &m1Unit{}, &m1Staff{}, &m1Campaign{},
		&m1LegalBasis{}, &m1Target{}, &m1Milestone{})
}

// Migrations is the schema history, oldest first. Append only.
var Migrations = []Migration{
	{Version: 1, Name: "agency, units, staff, campaigns", Up: migrate001},
	{Version: 2, Name: "localities, NTM status, lineage, sponsorships, attachments", Up: migrate002},
	{Version: 3, Name: "NTM criteria sets, assessments", Up: migrate003},
	{Version: 4, Name: "document register: types, numbers, documents, templates", Up: migrate004},
	{Version: 5, Name: "emulation scoring; award catalogue, rules, history, proposals, certificates", Up: migrate005},
}
