package store

import (
	"time"

	"gorm.io/gorm"
)

// Frozen structs of schema step 4: the document register (types, number
// series, documents, templates). Never edit them after release: add a step.

type m4DocumentType struct {
	Base         m1Base    `gorm:"embedded"`
	AgencyID     string    `gorm:"size:36;not null;index:idx_document_type_code"`
	Agency       *m1Agency `gorm:"foreignKey:AgencyID;references:ID"`
	Code         string    `gorm:"size:40;not null;index:idx_document_type_code"`
	Name         string    `gorm:"size:120;not null"`
	Title        string    `gorm:"size:120"`
	Abbrev       string    `gorm:"size:20"`
	Series       string    `gorm:"size:40;not null"`
	Letter       bool      `gorm:"not null;default:false"`
	NeedsKinhGui bool      `gorm:"not null;default:false"`
	NhuTren      bool      `gorm:"not null;default:false"`
	Source       string    `gorm:"type:text"`
	Confirmed    bool      `gorm:"not null;default:false"`
	Builtin      bool      `gorm:"not null;default:false"`
	Active       bool      `gorm:"not null;default:true"`
	SortOrder    int       `gorm:"not null;default:0"`
}

func (m4DocumentType) TableName() string { return "document_types" }

// m4Counter is the last number given out in one series of one issuer in
// one calendar year; Issue and Reserve lock it.
type m4Counter struct {
	Base       m1Base    `gorm:"embedded"`
	AgencyID   string    `gorm:"size:36;not null;uniqueIndex:idx_document_counter"`
	Agency     *m1Agency `gorm:"foreignKey:AgencyID;references:ID"`
	IssuerKey  string    `gorm:"size:36;not null;uniqueIndex:idx_document_counter"`
	Series     string    `gorm:"size:40;not null;uniqueIndex:idx_document_counter"`
	Year       int       `gorm:"not null;uniqueIndex:idx_document_counter"`
	LastNumber int       `gorm:"not null;default:0"`
}

func (m4Counter) TableName() string { return "document_counters" }

type m4Document struct {
	Base               m1Base      `gorm:"embedded"`
	AgencyID           string      `gorm:"size:36;not null;index"`
	Agency             *m1Agency   `gorm:"foreignKey:AgencyID;references:ID"`
	TypeCode           string      `gorm:"size:40;not null;index"`
	IssuerKey          string      `gorm:"size:36;not null"`
	Status             string      `gorm:"size:20;not null;index"`
	Series             string      `gorm:"size:40"`
	Year               int         `gorm:"not null;default:0;index"`
	Number             int         `gorm:"not null;default:0"`
	Symbol             string      `gorm:"size:80"`
	Date               string      `gorm:"size:10;index"`
	Summary            string      `gorm:"type:text"`
	DraftUnit          string      `gorm:"size:30"`
	KinhGui            string      `gorm:"type:text"`
	Recipients         string      `gorm:"type:text"`
	Sections           string      `gorm:"type:text"`
	Appendices         string      `gorm:"type:text"`
	SignForm           string      `gorm:"size:10"`
	HeadTitle          string      `gorm:"size:120"`
	SignerTitle        string      `gorm:"size:120"`
	SignerName         string      `gorm:"size:120"`
	TemplateCode       string      `gorm:"size:60"`
	CampaignID         *string     `gorm:"size:36;index"`
	Campaign           *m1Campaign `gorm:"foreignKey:CampaignID;references:ID"`
	ReservationID      *string     `gorm:"size:36"`
	IssuedAt           *time.Time
	Final              string  `gorm:"type:text"`
	PDFAttachmentID    *string `gorm:"column:pdf_attachment_id;size:36"`
	PDFSHA256          string  `gorm:"column:pdf_sha256;size:64"`
	PDFPages           int     `gorm:"column:pdf_pages;not null;default:0"`
	PDFFont            string  `gorm:"column:pdf_font;size:200"`
	SignedAttachmentID *string `gorm:"size:36"`
	SignedFileName     string  `gorm:"size:300"`
	RevokeReason       string  `gorm:"type:text"`
	RevokedAt          *time.Time
	AsOf               string `gorm:"size:10"`
	Note               string `gorm:"type:text"`
	SearchKey          string `gorm:"size:600;index"`
}

func (m4Document) TableName() string { return "documents" }

// m4Number is the number register: one row per number given out (reserved,
// used by an issued document, or released). The unique index is the last
// guard against a duplicate number.
type m4Number struct {
	Base       m1Base      `gorm:"embedded"`
	AgencyID   string      `gorm:"size:36;not null;uniqueIndex:idx_document_number"`
	Agency     *m1Agency   `gorm:"foreignKey:AgencyID;references:ID"`
	IssuerKey  string      `gorm:"size:36;not null;uniqueIndex:idx_document_number"`
	Series     string      `gorm:"size:40;not null;uniqueIndex:idx_document_number"`
	Year       int         `gorm:"not null;uniqueIndex:idx_document_number"`
	Number     int         `gorm:"not null;uniqueIndex:idx_document_number"`
	TypeCode   string      `gorm:"size:40;not null"`
	Status     string      `gorm:"size:20;not null;index"`
	DocumentID *string     `gorm:"size:36;index"`
	Document   *m4Document `gorm:"foreignKey:DocumentID;references:ID"`
	Note       string      `gorm:"type:text"`
	Reason     string      `gorm:"type:text"`
}

func (m4Number) TableName() string { return "document_numbers" }

type m4Template struct {
	Base       m1Base    `gorm:"embedded"`
	AgencyID   string    `gorm:"size:36;not null;index:idx_document_template_code"`
	Agency     *m1Agency `gorm:"foreignKey:AgencyID;references:ID"`
	Code       string    `gorm:"size:60;not null;index:idx_document_template_code"`
	TypeCode   string    `gorm:"size:40;not null"`
	Name       string    `gorm:"size:300;not null"`
	Summary    string    `gorm:"type:text"`
	KinhGui    string    `gorm:"type:text"`
	Recipients string    `gorm:"type:text"`
	Sections   string    `gorm:"type:text"`
	Appendices string    `gorm:"type:text"`
	SignForm   string    `gorm:"size:10"`
	Milestone  string    `gorm:"size:30"`
	Source     string    `gorm:"type:text"`
	Note       string    `gorm:"type:text"`
	Practice   bool      `gorm:"not null;default:false"`
	Builtin    bool      `gorm:"not null;default:false"`
	Customised bool      `gorm:"not null;default:false"`
	SortOrder  int       `gorm:"not null;default:0"`
}

func (m4Template) TableName() string { return "document_templates" }

type m4Settings struct {
	Base        m1Base    `gorm:"embedded"`
	AgencyID    string    `gorm:"size:36;not null;uniqueIndex"`
	Agency      *m1Agency `gorm:"foreignKey:AgencyID;references:ID"`
	FullName    string    `gorm:"size:300"`
	ShortName   string    `gorm:"size:60"`
	DraftUnit   string    `gorm:"size:30"`
	Secretariat string    `gorm:"size:200"`
	Council     string    `gorm:"size:200"`
	Superior    string    `gorm:"size:300"`
}

func (m4Settings) TableName() string { return "document_settings" }

func migrate004(tx *gorm.DB) error {
	return tx.AutoMigrate(&m4DocumentType{}, &m4Counter{}, &m4Document{}, &m4Number{}, &m4Template{}, &m4Settings{})
}
