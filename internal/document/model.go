// Package document is the register of official documents (văn bản): the
// document types of Nghị định 30/2020/NĐ-CP Phụ lục III with their number
// series, the issuers (the agency and its councils), drafts built from
// templates and data, the issue transaction that assigns the number and the
// date and archives the PDF, reservations of numbers, the signed copy and
// revocation.
package document

import (
	"time"

	"chungsuc/internal/pdf"
	"chungsuc/internal/store"
)

// Document statuses (labels in vi.json under document.status).
const (
	StatusDraft   = "du_thao"
	StatusIssued  = "ban_hanh"
	StatusRevoked = "thu_hoi"
)

// Statuses lists the statuses in lifecycle order.
var Statuses = []string{StatusDraft, StatusIssued, StatusRevoked}

// Reservation statuses (labels in vi.json under document.reservationStatus).
const (
	ReservationHeld      = "giu_cho" // reserved, not used yet
	ReservationUsed      = "da_dung" // the number of an issued document
	ReservationCancelled = "huy"     // released; the number is not reused
)

// Signing forms (ô 7a): "" the head signs; TM thay mặt a collective body;
// KT ký thay (a deputy); Q quyền; TL thừa lệnh; TUQ thừa ủy quyền.
var SignForms = []string{"", "TM", "KT", "Q", "TL", "TUQ"}

// IssuerAgency is the issuer key of the agency itself; a council's key is
// its unit id.
const IssuerAgency = "agency"

// Issuer kinds.
const (
	IssuerKindAgency  = "agency"
	IssuerKindCouncil = "council"
)

// Type is a document type of an agency (Phụ lục III, Mục I) with its
// numbering series.
type Type struct {
	store.Base
	AgencyID string `gorm:"size:36" json:"agencyId"`
	// Code is stable ("ke_hoach", "cong_van").
	Code string `json:"code"`
	// Name is the type as listed, "Kế hoạch".
	Name string `json:"name"`
	// Title is the tên loại printed in ô 5a, "KẾ HOẠCH"; empty for a công văn.
	Title string `json:"title"`
	// Abbrev is the type's abbreviation in the number, "KH"; empty for a
	// công văn, whose symbol is ISSUER-UNIT ("STNMT-VP").
	Abbrev string `json:"abbrev"`
	// Series is the numbering series key; types with the same key share
	// one sequence of numbers per issuer and calendar year.
	Series string `json:"series"`
	// Letter marks a công văn: no tên loại, the trích yếu printed as
	// "V/v …" under the number, symbol ISSUER-UNIT.
	Letter bool `json:"letter"`
	// NeedsKinhGui: the type normally has a "Kính gửi" line (Tờ trình,
	// Báo cáo to a superior, Công văn); NhuTren: Nơi nhận starts with
	// "Như trên;".
	NeedsKinhGui bool `json:"needsKinhGui"`
	NhuTren      bool `json:"nhuTren"`
	// Source names the text the type comes from; Confirmed is false for
	// what is practice rather than the decree's wording.
	Source    string `json:"source"`
	Confirmed bool   `json:"confirmed"`
	// Builtin: seeded from the decree (the code cannot change).
	Builtin   bool `json:"builtin"`
	Active    bool `json:"active"`
	SortOrder int  `json:"sortOrder"`
}

// TableName is the document types table.
func (Type) TableName() string { return "document_types" }

// Issuer is who issues a document: the agency, or one of its councils
// (a unit of kind hội đồng) with its own number series.
type Issuer struct {
	// Key is IssuerAgency or the council's unit id.
	Key  string `json:"key"`
	Kind string `json:"kind"`
	// Name is printed in ô 2 (upper case); ParentBody above it.
	Name       string `json:"name"`
	ParentBody string `json:"parentBody"`
	// Abbrev goes into the number: "KH-STNMT", "BB-HĐTĐKT".
	Abbrev string `json:"abbrev"`
	// HeadTitle is the title of the head who signs ("GIÁM ĐỐC", "CHỦ TỊCH").
	HeadTitle string `json:"headTitle"`
}

// Signer is a person who may sign for the agency, with the signing forms
// that fit their position.
type Signer struct {
	Name  string `json:"name"`
	Title string `json:"title"`
	// Head is true for the head of the agency.
	Head  bool     `json:"head"`
	Forms []string `json:"forms"`
	// Form is the usual one ("" for the head, "KT" for a deputy).
	Form string `json:"form"`
}

// Section is one editable part of the content: a key (stable, from the
// template), a title for the editor (not printed; the markup carries the
// headings) and the markup of pdf.ParseMarkup.
type Section struct {
	Key    string `json:"key"`
	Title  string `json:"title"`
	Markup string `json:"markup"`
}

// Appendix is a Phụ lục: its label, title, orientation and markup (which
// may hold {{bang:KEY}} tables). The "(Kèm theo …)" line is made from the
// document's number and date.
type Appendix struct {
	Label     string `json:"label"`
	Title     string `json:"title"`
	Landscape bool   `json:"landscape"`
	Markup    string `json:"markup"`
}

// Document is one document of the register.
type Document struct {
	store.Base
	AgencyID string `gorm:"size:36" json:"agencyId"`
	TypeCode string `json:"typeCode"`
	// IssuerKey is IssuerAgency or a council's unit id.
	IssuerKey string `json:"issuerKey"`
	Status    string `json:"status"`
	// Series, Year and Number are set at issue (Number 0 for a draft).
	Series string `json:"series"`
	Year   int    `json:"year"`
	Number int    `json:"number"`
	// Symbol is the ký hiệu after the slash ("KH-STNMT", "STNMT-VP"); kept
	// up to date for drafts, frozen at issue.
	Symbol string `json:"symbol"`
	// Date is the issue date (YYYY-MM-DD); empty for a draft.
	Date string `json:"date"`
	// Summary is the trích yếu (printed "V/v …" for a công văn).
	Summary string `json:"summary"`
	// DraftUnit is the drafting unit's abbreviation: "Lưu: VT, VP." and the
	// công văn symbol "STNMT-VP".
	DraftUnit  string     `json:"draftUnit"`
	KinhGui    []string   `gorm:"serializer:json;type:text" json:"kinhGui"`
	Recipients []string   `gorm:"serializer:json;type:text" json:"recipients"`
	Sections   []Section  `gorm:"serializer:json;type:text" json:"sections"`
	Appendices []Appendix `gorm:"serializer:json;type:text" json:"appendices"`
	// SignForm is one of SignForms; HeadTitle the head's title the form
	// refers to ("GIÁM ĐỐC"); SignerTitle and SignerName the person.
	SignForm    string `json:"signForm"`
	HeadTitle   string `json:"headTitle"`
	SignerTitle string `json:"signerTitle"`
	SignerName  string `json:"signerName"`
	// LeftSigner is a second signer printed on the left instead of Nơi
	// nhận (a Biên bản: THƯ KÝ on the left, CHỦ TỌA on the right); nil
	// for none.
	LeftSigner   *pdf.Signer `gorm:"serializer:json;type:text" json:"leftSigner"`
	TemplateCode string      `json:"templateCode"`
	CampaignID   *string     `gorm:"size:36" json:"campaignId"`
	// ReservationID is the number register row of an issued document.
	ReservationID *string    `gorm:"size:36" json:"reservationId"`
	IssuedAt      *time.Time `json:"issuedAt" ts_type:"string | null"`
	// Final is the frozen pdf.Doc (JSON) of an issued document.
	Final string `gorm:"type:text" json:"-"`
	// The archived PDF (attach.Files copy) of an issued document.
	PDFAttachmentID *string `gorm:"column:pdf_attachment_id;size:36" json:"pdfAttachmentId"`
	PDFSHA256       string  `gorm:"column:pdf_sha256" json:"pdfSha256"`
	PDFPages        int     `gorm:"column:pdf_pages" json:"pdfPages"`
	// PDFFont names the font the archived PDF was printed with.
	PDFFont string `gorm:"column:pdf_font" json:"pdfFont"`
	// The signed copy (scan or signed PDF).
	SignedAttachmentID *string    `gorm:"size:36" json:"signedAttachmentId"`
	SignedFileName     string     `json:"signedFileName"`
	RevokeReason       string     `json:"revokeReason"`
	RevokedAt          *time.Time `json:"revokedAt" ts_type:"string | null"`
	// AsOf is the day the data tables ({{bang:…}}) are read at
	// (YYYY-MM-DD); "" = today, and the issue date once issued.
	AsOf string `json:"asOf"`
	// DataTables are tables frozen into the document when it was drafted
	// (the Danh sách of an award Tờ trình, the ballot table of a Biên
	// bản), by the KEY of their {{bang:KEY}} line. A {{bang:KEY}} line
	// takes the document's own table first, then the register's data
	// tables. Saving a draft with DataTables nil keeps the stored ones.
	DataTables map[string]pdf.Table `gorm:"serializer:json;type:text" json:"dataTables,omitempty"`
	Note       string               `json:"note"`
	SearchKey  string               `json:"-"`

	// Names for the list and the editor (not stored).
	TypeName   string `gorm:"-" json:"typeName"`
	IssuerName string `gorm:"-" json:"issuerName"`
	// NumberText is "05/KH-STNMT" once issued, "" for a draft.
	NumberText string `gorm:"-" json:"numberText"`
}

// TableName is the documents table.
func (Document) TableName() string { return "documents" }

// Reservation is one row of the number register: every number given out,
// reserved ahead (giu_cho), used by an issued document (da_dung) or
// released (huy; never reused).
type Reservation struct {
	store.Base
	AgencyID  string `gorm:"size:36" json:"agencyId"`
	IssuerKey string `json:"issuerKey"`
	Series    string `json:"series"`
	Year      int    `json:"year"`
	Number    int    `json:"number"`
	// TypeCode is the type the number was reserved for (its series).
	TypeCode   string  `json:"typeCode"`
	Status     string  `json:"status"`
	DocumentID *string `gorm:"size:36" json:"documentId"`
	Note       string  `json:"note"`
	// Reason is why a reservation was released.
	Reason string `json:"reason"`
	// NumberText is "05/KH-STNMT" (not stored).
	NumberText string `gorm:"-" json:"numberText"`
}

// TableName is the number register table.
func (Reservation) TableName() string { return "document_numbers" }

// Template is the data a new draft starts from: the type, the texts with
// placeholders ({{co_quan.ten}}, {{muc_tieu}} …, see Placeholders) and
// tables ({{bang:KEY}}) filled at generation.
type Template struct {
	store.Base
	AgencyID   string     `gorm:"size:36" json:"agencyId"`
	Code       string     `json:"code"`
	TypeCode   string     `json:"typeCode"`
	Name       string     `json:"name"`
	Summary    string     `json:"summary"`
	KinhGui    []string   `gorm:"serializer:json;type:text" json:"kinhGui"`
	Recipients []string   `gorm:"serializer:json;type:text" json:"recipients"`
	Sections   []Section  `gorm:"serializer:json;type:text" json:"sections"`
	Appendices []Appendix `gorm:"serializer:json;type:text" json:"appendices"`
	SignForm   string     `json:"signForm"`
	// Milestone is the campaign milestone kind ("ban_hanh_ke_hoach",
	// "so_ket", "tong_ket") whose due date gives a generated document its
	// year and its data date; "" = today.
	Milestone string `json:"milestone"`
	// Source names what the template follows; Practice marks a structure
	// that is common practice, not the decree's wording.
	Source   string `json:"source"`
	Note     string `json:"note"`
	Practice bool   `json:"practice"`
	// Builtin: shipped with the program (ResetTemplate restores its text);
	// Customised: edited since seeding or the last reset.
	Builtin    bool `json:"builtin"`
	Customised bool `json:"customised"`
	SortOrder  int  `json:"sortOrder"`

	// Placeholders the template's texts may use (not stored).
	Placeholders []Placeholder `gorm:"-" json:"placeholders"`
}

// TableName is the templates table.
func (Template) TableName() string { return "document_templates" }

// Placeholder documents one {{…}} the generator fills.
type Placeholder struct {
	// Name as written between the braces, "co_quan.ten" or "bang:dang_ky".
	Name string `json:"name"`
	// Description in Vietnamese, Example a value from the sample.
	Description string `json:"description"`
	Example     string `json:"example"`
	// Block: the placeholder must stand alone on its line (lists, tables).
	Block bool `json:"block"`
}

// Settings are the agency's wording the templates use where the agency
// profile has only the upper-case printed name.
type Settings struct {
	store.Base
	AgencyID string `gorm:"size:36" json:"agencyId"`
	// FullName is the agency's name in running text, "Sở Tài nguyên và Môi
	// trường tỉnh Quảng Bình".
	FullName string `json:"fullName"`
	// ShortName is how the text calls it for short, "Sở".
	ShortName string `json:"shortName"`
	// DraftUnit is the default drafting unit's abbreviation ("VP").
	DraftUnit string `json:"draftUnit"`
	// Secretariat is the unit that advises on emulation work ("Văn phòng Sở").
	Secretariat string `json:"secretariat"`
	// Council is the emulation council's name in running text.
	Council string `json:"council"`
	// Superior is the body reports go to ("Kính gửi"), "Ủy ban nhân dân tỉnh".
	Superior string `json:"superior"`
}

// TableName is the settings table.
func (Settings) TableName() string { return "document_settings" }

// Query is the register list's query.
type Query struct {
	store.ListQuery
	Status    string `json:"status"`
	TypeCode  string `json:"typeCode"`
	IssuerKey string `json:"issuerKey"`
	// Year 0 = every year (drafts have the year of their creation).
	Year int `json:"year"`
}

// Page is one page of documents.
type Page struct {
	Items    []Document `json:"items"`
	Total    int64      `json:"total"`
	Page     int        `json:"page"`
	PageSize int        `json:"pageSize"`
}

// Preview is a rendered PDF for the viewer.
type Preview struct {
	// PDF travels as base64 in JSON.
	PDF        []byte            `json:"pdf" ts_type:"string"`
	Pages      int               `json:"pages"`
	Font       string            `json:"font"`
	FontSource string            `json:"fontSource"`
	Replaced   []pdf.Replacement `json:"replaced"`
	// Problems are the validator's findings (pdf.Validate) on the content.
	Problems []pdf.Problem `json:"problems"`
	// Archived: the PDF is the archived copy of an issued document.
	Archived bool `json:"archived"`
}

// IssueRequest issues a draft.
type IssueRequest struct {
	ID      string `json:"id"`
	Version int64  `json:"version"`
	// Date is the issue date (YYYY-MM-DD); "" = today.
	Date string `json:"date"`
	// ReservationID uses a reserved number (same issuer, series and year).
	ReservationID string `json:"reservationId"`
}

// ReserveRequest reserves the next number of a series.
type ReserveRequest struct {
	TypeCode  string `json:"typeCode"`
	IssuerKey string `json:"issuerKey"`
	// Year 0 = the current year.
	Year int    `json:"year"`
	Note string `json:"note"`
}
