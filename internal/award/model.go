// Package award holds the award catalogue (hình thức khen thưởng and danh
// hiệu thi đua, with the deciding authority and the legal basis with its
// validity dates), the eligibility rules as data with their source article,
// the award history of units and people (entered, imported from Excel, or
// written by a decision), and the proposal batches per campaign and stage
// with their nominees, the council's secret-ballot vote and the status
// workflow nháp → đã xét → đã trình → trả lại → đã có quyết định.
package award

import (
	"time"

	"chungsuc/internal/store"
)

// Subjects.
const (
	SubjectUnit  = "unit"  // a collective (tập thể): a unit of the agency
	SubjectStaff = "staff" // an individual (cá nhân): a staff member
)

// Targets of a form or a rule.
const (
	TargetUnit  = "tap_the"
	TargetStaff = "ca_nhan"
	TargetBoth  = "ca_hai"
)

// Kinds of a catalogue entry and of a history record.
const (
	KindForm  = "hinh_thuc" // hình thức khen thưởng (Huân chương, Bằng khen, Giấy khen)
	KindTitle = "danh_hieu" // danh hiệu thi đua (Chiến sĩ thi đua cơ sở, Lao động tiên tiến…)
)

// Proposal stages.
const (
	StageSoKet   = "so_ket"
	StageTongKet = "tong_ket"
	StageDotXuat = "dot_xuat"
)

// Proposal statuses (labels in vi.json under award.status).
const (
	StatusDraft     = "nhap"
	StatusReviewed  = "da_xet"
	StatusSubmitted = "da_trinh"
	StatusReturned  = "tra_lai"
	StatusDecided   = "da_quyet_dinh"
)

// Report forms (báo cáo thành tích) of a nominee.
const (
	ReportUnit     = "tap_the"   // công trạng, tập thể
	ReportStaff    = "ca_nhan"   // công trạng, cá nhân
	ReportThematic = "chuyen_de" // thi đua theo chuyên đề / đợt
)

// Origins of a history record.
const (
	OriginManual   = "nhap_tay"
	OriginImport   = "nhap_excel"
	OriginDecision = "quyet_dinh"
)

// Form is one entry of the award catalogue.
type Form struct {
	store.Base
	AgencyID string `gorm:"size:36" json:"agencyId"`
	Code     string `json:"code"`
	Name     string `json:"name"`
	// Kind is KindForm or KindTitle.
	Kind string `json:"kind"`
	// Target is TargetUnit, TargetStaff or TargetBoth.
	Target string `json:"target"`
	// Level orders the forms by merit (Giấy khen < Bằng khen tỉnh <
	// Bằng khen Thủ tướng < Huân chương); 0 for titles.
	Level int `json:"level"`
	// Authority is who decides (Chủ tịch nước, Thủ tướng Chính phủ…).
	Authority  string `json:"authority"`
	LegalBasis string `json:"legalBasis"`
	// ValidFrom and ValidTo ("YYYY-MM-DD", "" = open) bound the legal basis.
	ValidFrom string `json:"validFrom"`
	ValidTo   string `json:"validTo"`
	// Copies is the number of dossier sets to file (0 = not known).
	Copies    int    `json:"copies"`
	Confirmed bool   `json:"confirmed"`
	Source    string `json:"source"`
	Note      string `json:"note"`
	Builtin   bool   `json:"builtin"`
	Active    bool   `json:"active"`
	SortOrder int    `json:"sortOrder"`
}

// TableName is the catalogue table.
func (Form) TableName() string { return "award_forms" }

// Rule is one eligibility condition of a form, as data: Check names the
// evaluator, Params its JSON parameters. Rules of one GroupCode are
// alternatives ("đáp ứng một trong các tiêu chuẩn sau"); rules without a
// group must all hold. A rule whose Check is "guidance" is shown, never
// evaluated.
type Rule struct {
	store.Base
	AgencyID  string `gorm:"size:36" json:"agencyId"`
	Code      string `json:"code"`
	FormCode  string `json:"formCode"`
	Target    string `json:"target"`
	GroupCode string `json:"groupCode"`
	Check     string `json:"check"`
	Params    string `json:"params"`
	// Article is the source, e.g. "Luật Thi đua, khen thưởng 2022, Điều 73, khoản 1, điểm b".
	Article   string `json:"article"`
	Quote     string `json:"quote"`
	ValidFrom string `json:"validFrom"`
	ValidTo   string `json:"validTo"`
	Confirmed bool   `json:"confirmed"`
	Source    string `json:"source"`
	Builtin   bool   `json:"builtin"`
	Active    bool   `json:"active"`
	SortOrder int    `json:"sortOrder"`
}

// TableName is the rules table.
func (Rule) TableName() string { return "award_rules" }

// Proposal is one batch of award proposals of a campaign at one stage.
type Proposal struct {
	store.Base
	AgencyID   string `gorm:"size:36" json:"agencyId"`
	CampaignID string `gorm:"size:36" json:"campaignId"`
	Stage      string `json:"stage"`
	Year       int    `json:"year"`
	Name       string `json:"name"`
	Status     string `json:"status"`
	// SubmitTo is the Tờ trình's Kính gửi, one addressee per line.
	SubmitTo string `json:"submitTo"`
	// Threshold is the share of votes (percent) a nominee needs; strictly
	// more than half is "> 50" (ThresholdBase says of what: "tong_so"
	// members of the council or "co_mat" members present).
	Threshold      float64 `json:"threshold"`
	ThresholdBase  string  `json:"thresholdBase"`
	MeetingDate    string  `json:"meetingDate"`
	MeetingPlace   string  `json:"meetingPlace"`
	MembersTotal   int     `json:"membersTotal"`
	MembersPresent int     `json:"membersPresent"`
	ChairName      string  `json:"chairName"`
	SecretaryName  string  `json:"secretaryName"`
	Conclusion     string  `json:"conclusion"`
	ReturnReason   string  `json:"returnReason"`
	DecisionNumber string  `json:"decisionNumber"`
	DecisionDate   string  `json:"decisionDate"`
	DecisionIssuer string  `json:"decisionIssuer"`
	ToTrinhDocID   *string `gorm:"size:36" json:"toTrinhDocId"`
	BienBanDocID   *string `gorm:"size:36" json:"bienBanDocId"`
	Note           string  `json:"note"`
	SearchKey      string  `json:"-"`
}

// TableName is the proposals table.
func (Proposal) TableName() string { return "award_proposals" }

// Nominee is one unit or person proposed for a form in a batch.
type Nominee struct {
	store.Base
	ProposalID  string  `gorm:"size:36" json:"proposalId"`
	SubjectKind string  `json:"subjectKind"`
	UnitID      *string `gorm:"size:36" json:"unitId"`
	StaffID     *string `gorm:"size:36" json:"staffId"`
	FormCode    string  `json:"formCode"`
	ReportForm  string  `json:"reportForm"`
	// Summary is the short achievement summary of the Danh sách.
	Summary string `json:"summary"`
	// Report is the báo cáo thành tích: JSON of its editable sections.
	Report     string `json:"report"`
	BallotsFor int    `json:"ballotsFor"`
	// Voted is set once the ballot count is recorded.
	Voted     bool   `json:"voted"`
	SortOrder int    `json:"sortOrder"`
	Note      string `json:"note"`
}

// TableName is the nominees table.
func (Nominee) TableName() string { return "award_nominees" }

// Event is one status change of a proposal.
type Event struct {
	store.Base
	ProposalID string    `gorm:"size:36" json:"proposalId"`
	FromStatus string    `json:"fromStatus"`
	ToStatus   string    `json:"toStatus"`
	Reason     string    `json:"reason"`
	At         time.Time `json:"at" ts_type:"string"`
}

// TableName is the events table.
func (Event) TableName() string { return "award_events" }

// Record is one title or award a unit or person received.
type Record struct {
	store.Base
	AgencyID    string  `gorm:"size:36" json:"agencyId"`
	SubjectKind string  `json:"subjectKind"`
	UnitID      *string `gorm:"size:36" json:"unitId"`
	StaffID     *string `gorm:"size:36" json:"staffId"`
	// SubjectName is the name as written in the decision.
	SubjectName string `json:"subjectName"`
	Year        int    `json:"year"`
	Kind        string `json:"kind"`
	// FormCode links the catalogue when known; Title is the printed name.
	FormCode       string `json:"formCode"`
	Title          string `json:"title"`
	DecisionNumber string `json:"decisionNumber"`
	DecisionDate   string `json:"decisionDate"`
	DecisionIssuer string `json:"decisionIssuer"`
	// Thematic marks an award for a thematic movement or for a đột xuất
	// achievement: NĐ 152/2025 Điều 4 khoản 3 — not a basis for proposing
	// higher merit awards.
	Thematic   bool    `json:"thematic"`
	CampaignID *string `gorm:"size:36" json:"campaignId"`
	ProposalID *string `gorm:"size:36" json:"proposalId"`
	NomineeID  *string `gorm:"size:36" json:"nomineeId"`
	Origin     string  `json:"origin"`
	Note       string  `json:"note"`
	SearchKey  string  `json:"-"`
}

// TableName is the history table.
func (Record) TableName() string { return "award_records" }

// CertLayout is the field layout of one pre-printed certificate design.
type CertLayout struct {
	store.Base
	AgencyID string  `gorm:"size:36" json:"agencyId"`
	Code     string  `json:"code"`
	Name     string  `json:"name"`
	FormCode string  `json:"formCode"`
	PageW    float64 `json:"pageW"`
	PageH    float64 `json:"pageH"`
	// Fields is JSON of []pdf.PlacedField-like positions (see certificate.go).
	Fields    string `json:"fields"`
	Note      string `json:"note"`
	Builtin   bool   `json:"builtin"`
	SortOrder int    `json:"sortOrder"`
}

// TableName is the layouts table.
func (CertLayout) TableName() string { return "award_cert_layouts" }

// PrinterOffset is the calibration of one printer: every field moves by
// DX, DY millimetres (right and down positive).
type PrinterOffset struct {
	store.Base
	AgencyID string  `gorm:"size:36" json:"agencyId"`
	Printer  string  `json:"printer"`
	DX       float64 `gorm:"column:dx" json:"dx"`
	DY       float64 `gorm:"column:dy" json:"dy"`
	Note     string  `json:"note"`
}

// TableName is the offsets table.
func (PrinterOffset) TableName() string { return "award_printer_offsets" }
