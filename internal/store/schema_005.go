package store

import (
	"time"

	"gorm.io/gorm"
)

// Frozen structs of schema step 5: emulation scoring (criteria, grades,
// yearly score sheets) and awards (catalogue, eligibility rules, award
// history, proposals with nominees and the council vote, certificate
// layouts and printer offsets). Never edit them after release: add a step.

type m5EmulationCriterion struct {
	Base       m1Base      `gorm:"embedded"`
	AgencyID   string      `gorm:"size:36;not null;index"`
	Agency     *m1Agency   `gorm:"foreignKey:AgencyID;references:ID"`
	CampaignID string      `gorm:"size:36;not null;index"`
	Campaign   *m1Campaign `gorm:"foreignKey:CampaignID;references:ID"`
	Target     string      `gorm:"size:10;not null"`
	Code       string      `gorm:"size:40;not null"`
	Name       string      `gorm:"type:text;not null"`
	Evidence   string      `gorm:"type:text"`
	MaxScore   float64     `gorm:"not null;default:0"`
	Fact       string      `gorm:"size:40"`
	Source     string      `gorm:"type:text"`
	SortOrder  int         `gorm:"not null;default:0"`
}

func (m5EmulationCriterion) TableName() string { return "emulation_criteria" }

type m5EmulationGrade struct {
	Base       m1Base      `gorm:"embedded"`
	AgencyID   string      `gorm:"size:36;not null;index"`
	Agency     *m1Agency   `gorm:"foreignKey:AgencyID;references:ID"`
	CampaignID string      `gorm:"size:36;not null;index"`
	Campaign   *m1Campaign `gorm:"foreignKey:CampaignID;references:ID"`
	Code       string      `gorm:"size:40;not null"`
	Name       string      `gorm:"size:120;not null"`
	MinScore   float64     `gorm:"not null;default:0"`
	SortOrder  int         `gorm:"not null;default:0"`
}

func (m5EmulationGrade) TableName() string { return "emulation_grades" }

type m5EmulationSheet struct {
	Base        m1Base      `gorm:"embedded"`
	AgencyID    string      `gorm:"size:36;not null;index"`
	Agency      *m1Agency   `gorm:"foreignKey:AgencyID;references:ID"`
	CampaignID  string      `gorm:"size:36;not null;index"`
	Campaign    *m1Campaign `gorm:"foreignKey:CampaignID;references:ID"`
	Year        int         `gorm:"not null;index"`
	SubjectKind string      `gorm:"size:10;not null"`
	UnitID      *string     `gorm:"size:36;index"`
	Unit        *m1Unit     `gorm:"foreignKey:UnitID;references:ID"`
	StaffID     *string     `gorm:"size:36;index"`
	Staff       *m1Staff    `gorm:"foreignKey:StaffID;references:ID"`
	Status      string      `gorm:"size:20;not null;index"`
	SelfTotal   float64     `gorm:"not null;default:0"`
	ReviewTotal *float64
	Grade       string `gorm:"size:40"`
	SelfNote    string `gorm:"type:text"`
	ReviewNote  string `gorm:"type:text"`
	SubmittedAt *time.Time
	ReviewedAt  *time.Time
}

func (m5EmulationSheet) TableName() string { return "emulation_sheets" }

type m5EmulationItem struct {
	Base         m1Base                `gorm:"embedded"`
	SheetID      string                `gorm:"size:36;not null;index"`
	Sheet        *m5EmulationSheet     `gorm:"foreignKey:SheetID;references:ID"`
	CriterionID  string                `gorm:"size:36;not null;index"`
	Criterion    *m5EmulationCriterion `gorm:"foreignKey:CriterionID;references:ID"`
	SelfScore    float64               `gorm:"not null;default:0"`
	Evidence     string                `gorm:"type:text"`
	ReviewScore  *float64
	ReviewReason string `gorm:"type:text"`
}

func (m5EmulationItem) TableName() string { return "emulation_items" }

type m5AwardForm struct {
	Base       m1Base    `gorm:"embedded"`
	AgencyID   string    `gorm:"size:36;not null;index"`
	Agency     *m1Agency `gorm:"foreignKey:AgencyID;references:ID"`
	Code       string    `gorm:"size:40;not null"`
	Name       string    `gorm:"size:300;not null"`
	Kind       string    `gorm:"size:20;not null"`
	Target     string    `gorm:"size:10;not null"`
	Level      int       `gorm:"not null;default:0"`
	Authority  string    `gorm:"size:200"`
	LegalBasis string    `gorm:"type:text"`
	ValidFrom  string    `gorm:"size:10"`
	ValidTo    string    `gorm:"size:10"`
	Copies     int       `gorm:"not null;default:0"`
	Confirmed  bool      `gorm:"not null;default:false"`
	Source     string    `gorm:"type:text"`
	Note       string    `gorm:"type:text"`
	Builtin    bool      `gorm:"not null;default:false"`
	Active     bool      `gorm:"not null;default:true"`
	SortOrder  int       `gorm:"not null;default:0"`
}

func (m5AwardForm) TableName() string { return "award_forms" }

type m5AwardRule struct {
	Base      m1Base    `gorm:"embedded"`
	AgencyID  string    `gorm:"size:36;not null;index"`
	Agency    *m1Agency `gorm:"foreignKey:AgencyID;references:ID"`
	Code      string    `gorm:"size:60;not null"`
	FormCode  string    `gorm:"size:40;not null;index"`
	Target    string    `gorm:"size:10;not null"`
	GroupCode string    `gorm:"size:40"`
	Check     string    `gorm:"size:40;not null"`
	Params    string    `gorm:"type:text"`
	Article   string    `gorm:"size:300"`
	Quote     string    `gorm:"type:text"`
	ValidFrom string    `gorm:"size:10"`
	ValidTo   string    `gorm:"size:10"`
	Confirmed bool      `gorm:"not null;default:false"`
	Source    string    `gorm:"type:text"`
	Builtin   bool      `gorm:"not null;default:false"`
	Active    bool      `gorm:"not null;default:true"`
	SortOrder int       `gorm:"not null;default:0"`
}

func (m5AwardRule) TableName() string { return "award_rules" }

type m5AwardProposal struct {
	Base           m1Base      `gorm:"embedded"`
	AgencyID       string      `gorm:"size:36;not null;index"`
	Agency         *m1Agency   `gorm:"foreignKey:AgencyID;references:ID"`
	CampaignID     string      `gorm:"size:36;not null;index"`
	Campaign       *m1Campaign `gorm:"foreignKey:CampaignID;references:ID"`
	Stage          string      `gorm:"size:20;not null"`
	Year           int         `gorm:"not null"`
	Name           string      `gorm:"size:300;not null"`
	Status         string      `gorm:"size:20;not null;index"`
	SubmitTo       string      `gorm:"type:text"`
	Threshold      float64     `gorm:"not null;default:0"`
	ThresholdBase  string      `gorm:"size:20"`
	MeetingDate    string      `gorm:"size:10"`
	MeetingPlace   string      `gorm:"size:200"`
	MembersTotal   int         `gorm:"not null;default:0"`
	MembersPresent int         `gorm:"not null;default:0"`
	ChairName      string      `gorm:"size:120"`
	SecretaryName  string      `gorm:"size:120"`
	Conclusion     string      `gorm:"type:text"`
	ReturnReason   string      `gorm:"type:text"`
	DecisionNumber string      `gorm:"size:60"`
	DecisionDate   string      `gorm:"size:10"`
	DecisionIssuer string      `gorm:"size:200"`
	ToTrinhDocID   *string     `gorm:"size:36"`
	BienBanDocID   *string     `gorm:"size:36"`
	Note           string      `gorm:"type:text"`
	SearchKey      string      `gorm:"size:600;index"`
}

func (m5AwardProposal) TableName() string { return "award_proposals" }

type m5AwardNominee struct {
	Base        m1Base           `gorm:"embedded"`
	ProposalID  string           `gorm:"size:36;not null;index"`
	Proposal    *m5AwardProposal `gorm:"foreignKey:ProposalID;references:ID"`
	SubjectKind string           `gorm:"size:10;not null"`
	UnitID      *string          `gorm:"size:36;index"`
	Unit        *m1Unit          `gorm:"foreignKey:UnitID;references:ID"`
	StaffID     *string          `gorm:"size:36;index"`
	Staff       *m1Staff         `gorm:"foreignKey:StaffID;references:ID"`
	FormCode    string           `gorm:"size:40;not null"`
	ReportForm  string           `gorm:"size:20;not null"`
	Summary     string           `gorm:"type:text"`
	Report      string           `gorm:"type:text"`
	BallotsFor  int              `gorm:"not null;default:0"`
	Voted       bool             `gorm:"not null;default:false"`
	SortOrder   int              `gorm:"not null;default:0"`
	Note        string           `gorm:"type:text"`
}

func (m5AwardNominee) TableName() string { return "award_nominees" }

type m5AwardEvent struct {
	Base       m1Base           `gorm:"embedded"`
	ProposalID string           `gorm:"size:36;not null;index"`
	Proposal   *m5AwardProposal `gorm:"foreignKey:ProposalID;references:ID"`
	FromStatus string           `gorm:"size:20;not null"`
	ToStatus   string           `gorm:"size:20;not null"`
	Reason     string           `gorm:"type:text"`
	At         time.Time
}

func (m5AwardEvent) TableName() string { return "award_events" }

type m5AwardRecord struct {
	Base           m1Base           `gorm:"embedded"`
	AgencyID       string           `gorm:"size:36;not null;index"`
	Agency         *m1Agency        `gorm:"foreignKey:AgencyID;references:ID"`
	SubjectKind    string           `gorm:"size:10;not null"`
	UnitID         *string          `gorm:"size:36;index"`
	Unit           *m1Unit          `gorm:"foreignKey:UnitID;references:ID"`
	StaffID        *string          `gorm:"size:36;index"`
	Staff          *m1Staff         `gorm:"foreignKey:StaffID;references:ID"`
	SubjectName    string           `gorm:"size:300;not null"`
	Year           int              `gorm:"not null;index"`
	Kind           string           `gorm:"size:20;not null"`
	FormCode       string           `gorm:"size:40;index"`
	Title          string           `gorm:"size:300;not null"`
	DecisionNumber string           `gorm:"size:60"`
	DecisionDate   string           `gorm:"size:10"`
	DecisionIssuer string           `gorm:"size:200"`
	Thematic       bool             `gorm:"not null;default:false"`
	CampaignID     *string          `gorm:"size:36;index"`
	Campaign       *m1Campaign      `gorm:"foreignKey:CampaignID;references:ID"`
	ProposalID     *string          `gorm:"size:36;index"`
	Proposal       *m5AwardProposal `gorm:"foreignKey:ProposalID;references:ID"`
	NomineeID      *string          `gorm:"size:36"`
	Origin         string           `gorm:"size:20;not null"`
	Note           string           `gorm:"type:text"`
	SearchKey      string           `gorm:"size:600;index"`
}

func (m5AwardRecord) TableName() string { return "award_records" }

type m5CertLayout struct {
	Base      m1Base    `gorm:"embedded"`
	AgencyID  string    `gorm:"size:36;not null;index"`
	Agency    *m1Agency `gorm:"foreignKey:AgencyID;references:ID"`
	Code      string    `gorm:"size:40;not null"`
	Name      string    `gorm:"size:200;not null"`
	FormCode  string    `gorm:"size:40"`
	PageW     float64   `gorm:"not null;default:0"`
	PageH     float64   `gorm:"not null;default:0"`
	Fields    string    `gorm:"type:text"`
	Note      string    `gorm:"type:text"`
	Builtin   bool      `gorm:"not null;default:false"`
	SortOrder int       `gorm:"not null;default:0"`
}

func (m5CertLayout) TableName() string { return "award_cert_layouts" }

type m5PrinterOffset struct {
	Base     m1Base    `gorm:"embedded"`
	AgencyID string    `gorm:"size:36;not null;uniqueIndex:idx_printer_offset"`
	Agency   *m1Agency `gorm:"foreignKey:AgencyID;references:ID"`
	Printer  string    `gorm:"size:200;not null;uniqueIndex:idx_printer_offset"`
	DX       float64   `gorm:"column:dx;not null;default:0"`
	DY       float64   `gorm:"column:dy;not null;default:0"`
	Note     string    `gorm:"type:text"`
}

func (m5PrinterOffset) TableName() string { return "award_printer_offsets" }

// m5Document adds the data tables frozen into a document (the award list
// of a Tờ trình, the ballot table of a Biên bản: JSON, ref → pdf.Table) and
// the left signer of a Biên bản.
type m5Document struct {
	DataTables string `gorm:"type:text"`
	// LeftSigner is the second signer printed on the left instead of Nơi
	// nhận (Biên bản: THƯ KÝ): JSON of pdf.Signer, "" = none.
	LeftSigner string `gorm:"type:text"`
}

func (m5Document) TableName() string { return "documents" }

func migrate005(tx *gorm.DB) error {
	if err := tx.AutoMigrate(&m5EmulationCriterion{}, &m5EmulationGrade{}, &m5EmulationSheet{}, &m5EmulationItem{},
		&m5AwardForm{}, &m5AwardRule{}, &m5AwardProposal{}, &m5AwardNominee{}, &m5AwardEvent{}, &m5AwardRecord{},
		&m5CertLayout{}, &m5PrinterOffset{}); err != nil {
		return err
	}
	for _, col := range []string{"DataTables", "LeftSigner"} {
		if !tx.Migrator().HasColumn(&m5Document{}, col) {
			if err := tx.Migrator().AddColumn(&m5Document{}, col); err != nil {
				return err
			}
		}
	}
	return nil
}
