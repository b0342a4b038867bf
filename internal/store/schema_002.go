package store

import "gorm.io/gorm"

// Frozen structs of schema step 2: localities and sponsorships. Never edit
// them after release: add a step.

type m2Locality struct {
	Base     m1Base      `gorm:"embedded"`
	AgencyID string      `gorm:"size:36;not null;index"`
	Agency   *m1Agency   `gorm:"foreignKey:AgencyID;references:ID"`
	ParentID *string     `gorm:"size:36;index"`
	Parent   *m2Locality `gorm:"foreignKey:ParentID;references:ID"`
	// Code is the official administrative-unit code (mã ĐVHC); empty for
	// villages, which have none.
	Code      string `gorm:"size:20;index"`
	Name      string `gorm:"size:200;not null"`
	Kind      string `gorm:"size:20;not null;index"`
	Level     int    `gorm:"not null;index"`
	ValidFrom string `gorm:"size:10"`
	ValidTo   string `gorm:"size:10"`
	// Flags the criteria and the targets depend on.
	SpecialDifficulty bool   `gorm:"not null;default:false"`
	Border            bool   `gorm:"not null;default:false"`
	Mountain          bool   `gorm:"not null;default:false"`
	CoastalLowland    bool   `gorm:"not null;default:false"`
	Island            bool   `gorm:"not null;default:false"`
	SafeZone          bool   `gorm:"not null;default:false"`
	EthnicArea        string `gorm:"size:4"`
	Region            string `gorm:"size:30"`
	CommuneGroup      int    `gorm:"not null;default:0"`
	Sample            bool   `gorm:"not null;default:false"`
	Note              string `gorm:"type:text"`
	SearchKey         string `gorm:"size:600;index"`
	SortKey           string `gorm:"size:300;index"`
}

func (m2Locality) TableName() string { return "localities" }

type m2NTMStatus struct {
	Base           m1Base      `gorm:"embedded"`
	LocalityID     string      `gorm:"size:36;not null;index"`
	Locality       *m2Locality `gorm:"foreignKey:LocalityID;references:ID"`
	Level          string      `gorm:"size:20;not null"`
	Year           int         `gorm:"not null"`
	DecisionNumber string      `gorm:"size:60"`
	DecisionDate   string      `gorm:"size:10"`
	DecisionIssuer string      `gorm:"size:200"`
	Note           string      `gorm:"type:text"`
}

func (m2NTMStatus) TableName() string { return "locality_ntm_statuses" }

type m2Lineage struct {
	Base          m1Base      `gorm:"embedded"`
	AgencyID      string      `gorm:"size:36;not null;index"`
	Agency        *m1Agency   `gorm:"foreignKey:AgencyID;references:ID"`
	PredecessorID string      `gorm:"size:36;not null;index"`
	Predecessor   *m2Locality `gorm:"foreignKey:PredecessorID;references:ID"`
	SuccessorID   string      `gorm:"size:36;not null;index"`
	Successor     *m2Locality `gorm:"foreignKey:SuccessorID;references:ID"`
	EffectiveDate string      `gorm:"size:10"`
	Resolution    string      `gorm:"size:100"`
	Note          string      `gorm:"type:text"`
}

func (m2Lineage) TableName() string { return "locality_lineages" }

type m2Registration struct {
	Base           m1Base      `gorm:"embedded"`
	AgencyID       string      `gorm:"size:36;not null;index"`
	Agency         *m1Agency   `gorm:"foreignKey:AgencyID;references:ID"`
	UnitID         string      `gorm:"size:36;not null;index"`
	Unit           *m1Unit     `gorm:"foreignKey:UnitID;references:ID"`
	LocalityID     string      `gorm:"size:36;not null;index"`
	Locality       *m2Locality `gorm:"foreignKey:LocalityID;references:ID"`
	CampaignID     *string     `gorm:"size:36;index"`
	Campaign       *m1Campaign `gorm:"foreignKey:CampaignID;references:ID"`
	FromDate       string      `gorm:"size:10"`
	ToDate         string      `gorm:"size:10"`
	Content        string      `gorm:"type:text"`
	CommitVisits   int         `gorm:"not null;default:0"`
	CommitFunds    int64       `gorm:"not null;default:0"`
	CommitWorkdays float64     `gorm:"not null;default:0"`
	CommitNote     string      `gorm:"type:text"`
	ContactStaffID *string     `gorm:"size:36"`
	ContactStaff   *m1Staff    `gorm:"foreignKey:ContactStaffID;references:ID"`
	ContactNote    string      `gorm:"size:300"`
	Status         string      `gorm:"size:20;not null;index"`
	CancelReason   string      `gorm:"type:text"`
	SearchKey      string      `gorm:"size:600;index"`
}

func (m2Registration) TableName() string { return "sponsor_registrations" }

type m2Activity struct {
	Base           m1Base          `gorm:"embedded"`
	RegistrationID string          `gorm:"size:36;not null;index"`
	Registration   *m2Registration `gorm:"foreignKey:RegistrationID;references:ID"`
	Date           string          `gorm:"size:10;not null"`
	Kind           string          `gorm:"size:30;not null"`
	Description    string          `gorm:"type:text"`
	AmountVND      int64           `gorm:"not null;default:0"`
	Workdays       float64         `gorm:"not null;default:0"`
	Result         string          `gorm:"type:text"`
	SearchKey      string          `gorm:"size:600;index"`
}

func (m2Activity) TableName() string { return "sponsor_activities" }

type m2Participant struct {
	ActivityID string      `gorm:"primaryKey;size:36"`
	Activity   *m2Activity `gorm:"foreignKey:ActivityID;references:ID"`
	StaffID    string      `gorm:"primaryKey;size:36"`
	Staff      *m1Staff    `gorm:"foreignKey:StaffID;references:ID"`
}

func (m2Participant) TableName() string { return "sponsor_activity_participants" }

type m2Attachment struct {
	Base     m1Base `gorm:"embedded"`
	AgencyID string `gorm:"size:36;not null;index"`
	// OwnerType and OwnerID name the row the file belongs to ("activity", id).
	OwnerType string `gorm:"size:30;not null;index:idx_attachment_owner"`
	OwnerID   string `gorm:"size:36;not null;index:idx_attachment_owner"`
	FileName  string `gorm:"size:300;not null"`
	// StoredPath is relative to the data folder ("attachments/ab/<sha256>");
	// the database never holds a path outside it.
	StoredPath string `gorm:"size:300;not null"`
	SHA256     string `gorm:"size:64;not null;index"`
	Size       int64  `gorm:"not null"`
	MimeType   string `gorm:"size:100"`
}

func (m2Attachment) TableName() string { return "attachments" }

func migrate002(tx *gorm.DB) error {
	return tx.AutoMigrate(&m2Locality{}, &m2NTMStatus{}, &m2Lineage{}, &m2Registration{},
		&m2Activity{}, &m2Participant{}, &m2Attachment{})
}
