// Package pdf renders administrative documents to A4 PDF in the layout of
// Nghị định 30/2020/NĐ-CP, Phụ lục I (see OFFICIAL-FORMAT.md): the
// two-column header, the title with its rule, a justified body with
// first-line indents, numbered headings, dash lists, tables, landscape
// appendices, the Nơi nhận / signature footer and page numbers from page 2.
//
// The document model below is plain data (JSON-tagged): the document
// register stores it, the UI edits its text through the markup of
// ParseMarkup, and tests compare it as golden structure files.
package pdf

// Doc is one document to print.
type Doc struct {
	Header Header `json:"header"`
	Title  Title  `json:"title"`
	// KinhGui lists the addressees (ô 9a). One addressee prints on the
	// "Kính gửi:" line; several print one per line with "- " and ";"/".".
	KinhGui []string `json:"kinhGui,omitempty"`
	// Body is the content (ô 6). The renderer appends "./." to the last
	// paragraph unless it already ends so.
	Body       []Block    `json:"body"`
	Footer     Footer     `json:"footer"`
	Appendices []Appendix `json:"appendices,omitempty"`
	// Margins in mm; zero values take the defaults 20/20/30/15.
	Margins Margins `json:"margins"`
	// Meta goes into the PDF information dictionary.
	Meta Meta `json:"meta"`
}

// Header is the two-column header of page 1 (ô 1–4, 5b).
type Header struct {
	// ParentBody is the governing body (ô 2, upper line, regular), may be empty.
	ParentBody string `json:"parentBody"`
	// Issuer is the issuing body (ô 2, bold, with the short rule under it).
	Issuer string `json:"issuer"`
	// Number is the document number; 0 prints a blank for a draft
	// ("Số:      /KH-STNMT"). Numbers below 10 print with a leading zero.
	Number int `json:"number"`
	// Symbol is the ký hiệu after the slash, e.g. "KH-STNMT" or "STNMT-VP".
	// Empty Symbol and zero Number leave out the "Số:" line (e.g. a unit's
	// own báo cáo thành tích).
	Symbol string `json:"symbol"`
	// Place is the địa danh of ô 4, e.g. "Quảng Bình".
	Place string `json:"place"`
	// Date is the signing date "YYYY-MM-DD"; empty prints blanks for the day
	// and month of a draft, with Year.
	Date string `json:"date"`
	Year int    `json:"year"`
	// Subject is the công văn's "V/v …" line (ô 5b); empty for other types.
	Subject string `json:"subject,omitempty"`
}

// Title is ô 5a: the type name and the trích yếu, with the rule under them.
type Title struct {
	// TypeName is printed upper case, e.g. "KẾ HOẠCH"; empty for a công văn.
	TypeName string `json:"typeName"`
	// Summary is the trích yếu, bold, may wrap.
	Summary string `json:"summary"`
}

// Block kinds.
const (
	KindParagraph = "para"   // justified, first-line indent
	KindHeading1  = "h1"     // "I. MỤC ĐÍCH, YÊU CẦU": bold, upper case
	KindHeading2  = "h2"     // "1. Mục đích": bold
	KindHeading3  = "h3"     // "a) Đối với tập thể": italic
	KindDash      = "dash"   // "- item": justified, dash at the first-line indent
	KindBasis     = "basis"  // "Căn cứ …;": italic, one per line
	KindCenter    = "center" // centred line (e.g. "Phần I")
	KindTable     = "table"  // a table; Table must be set
	KindPageBreak = "pagebreak"
)

// Block is one element of the body or of an appendix. Text may carry inline
// markup: **bold**, *italic*, ***bold italic***; a backslash escapes "*".
type Block struct {
	Kind string `json:"kind"`
	// Label is the heading number without its punctuation ("I", "1", "a");
	// the renderer prints "I. ", "1. ", "a) ".
	Label string `json:"label,omitempty"`
	Text  string `json:"text,omitempty"`
	Table *Table `json:"table,omitempty"`
	// Ref names a table the register fills from data ("{{bang:dang_ky}}"
	// in markup); the renderer ignores a block with a Ref and no Table.
	Ref string `json:"ref,omitempty"`
}

// Table is a ruled table. Widths are relative weights of the text width.
type Table struct {
	Columns []Column `json:"columns"`
	Rows    [][]Cell `json:"rows"`
	// RepeatHeader repeats the header row on every page the table spans.
	RepeatHeader bool `json:"repeatHeader"`
	// FontSize in pt; 0 means 12 (13 for portrait body tables is also legal).
	FontSize float64 `json:"fontSize,omitempty"`
}

// Column is one column of a table.
type Column struct {
	Title string  `json:"title"`
	Width float64 `json:"width"`
	// Align is "L", "C" or "R" for the body cells (header cells are centred, bold).
	Align string `json:"align,omitempty"`
}

// Cell is one cell. A row whose first cell has Span = number of columns is a
// group row ("I. TẬP THỂ").
type Cell struct {
	Text string `json:"text"`
	Bold bool   `json:"bold,omitempty"`
	Span int    `json:"span,omitempty"`
}

// Appendix is a Phụ lục on its own pages with its own page numbering.
type Appendix struct {
	// Label, e.g. "Phụ lục" or "Phụ lục I" (14 pt bold, centred).
	Label string `json:"label"`
	// Title is printed upper case, bold, centred.
	Title string `json:"title"`
	// Ref is the italic line "(Kèm theo Kế hoạch số 05/KH-STNMT ngày …)".
	Ref       string  `json:"ref"`
	Landscape bool    `json:"landscape"`
	Body      []Block `json:"body"`
}

// Footer is the Nơi nhận / signature table at the end of the content.
type Footer struct {
	// Recipients are the Nơi nhận lines without the leading "- "; the last
	// is normally "Lưu: VT, VP.".
	Recipients []string `json:"recipients"`
	// Authority are the upper-case lines of ô 7a, e.g. ["KT. GIÁM ĐỐC",
	// "PHÓ GIÁM ĐỐC"] or ["GIÁM ĐỐC"].
	Authority []string `json:"authority"`
	// SignerName is ô 7b.
	SignerName string `json:"signerName"`
	// Note is the italic line under the authority, e.g. "(Ký, đóng dấu)" on
	// a báo cáo thành tích; empty for most documents.
	Note string `json:"note,omitempty"`
	// SignNote is printed small and italic in the signing space of a draft or
	// of a copy, e.g. "(Đã ký)"; empty leaves the space blank.
	SignNote string `json:"signNote,omitempty"`
	// Left, when set, replaces Nơi nhận with a second signer on the left
	// (Biên bản: THƯ KÝ left, CHỦ TOẠ right; báo cáo thành tích).
	Left *Signer `json:"left,omitempty"`
}

// Signer is a signature column.
type Signer struct {
	Authority []string `json:"authority"`
	// Note is the italic line under the authority, e.g. "(Ký, đóng dấu)".
	Note string `json:"note,omitempty"`
	Name string `json:"name"`
}

// Margins in millimetres.
type Margins struct {
	Top    float64 `json:"top"`
	Bottom float64 `json:"bottom"`
	Left   float64 `json:"left"`
	Right  float64 `json:"right"`
}

// Meta is written to the PDF information dictionary. CreatedAt
// ("YYYY-MM-DDTHH:MM:SSZ") fixes the creation date so output is
// deterministic; empty means the zero time.
type Meta struct {
	Title     string `json:"title"`
	Subject   string `json:"subject"`
	Author    string `json:"author"`
	CreatedAt string `json:"createdAt"`
}
