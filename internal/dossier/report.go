package dossier

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"gorm.io/gorm"

	"chungsuc/internal/award"
	"chungsuc/internal/document"
	"chungsuc/internal/emulation"
	"chungsuc/internal/fault"
	"chungsuc/internal/org"
	"chungsuc/internal/pdf"
)

// The history tables of part III of a báo cáo thành tích, as {{bang:KEY}}
// lines of its markup.
const (
	TableTitles = "danh_hieu" // danh hiệu thi đua
	TableAwards = "hinh_thuc" // hình thức khen thưởng
)

// sourceReports says where the report forms come from and how sure that is.
const sourceReports = "Thể thức: Nghị định 30/2020/NĐ-CP (phần đầu hai cột, không có dòng “Số:” khi đơn vị tự lập báo cáo — chưa xác nhận). " +
	"Danh mục 11 mẫu báo cáo thành tích của Phụ lục Nghị định 152/2025/NĐ-CP: đã xác nhận; số hiệu mẫu: chưa xác nhận. " +
	"Các đề mục I, II, III dựng lại theo mẫu của Nghị định 91/2017/NĐ-CP và Nghị định 98/2023/NĐ-CP như thường được sao chép: " +
	"CHƯA XÁC NHẬN, cần đối chiếu phụ lục Nghị định 152/2025/NĐ-CP (OFFICIAL-FORMAT.md B.2, B.3)."

// ReportForm is one form of báo cáo thành tích: its headings, the two
// signers and where the structure comes from.
type ReportForm struct {
	// Code is award.ReportUnit, award.ReportStaff or award.ReportThematic.
	Code string `json:"code"`
	Name string `json:"name"`
	// Headings are the level-1 headings of the draft, in order.
	Headings []string `json:"headings"`
	// Left and Right are the signers' titles (the footer).
	Left  []string `json:"left"`
	Right []string `json:"right"`
	// Source names the reference; Confirmed is false: the section
	// structure is UNCONFIRMED against Nghị định 152/2025/NĐ-CP.
	Source    string `json:"source"`
	Confirmed bool   `json:"confirmed"`
	Note      string `json:"note"`
}

const (
	hUnit1   = "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH"
	hStaff1  = "I. SƠ LƯỢC LÝ LỊCH"
	hTheme1  = "I. THÔNG TIN CHUNG"
	hResults = "II. THÀNH TÍCH ĐẠT ĐƯỢC"
	hHistory = "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG"
)

// ReportForms lists the three forms the dossier drafts (OFFICIAL-FORMAT.md
// B.3 (1) tập thể, (2) cá nhân, (3) thi đua theo chuyên đề).
func ReportForms() []ReportForm {
	return []ReportForm{
		{Code: award.ReportUnit, Name: "Báo cáo thành tích đề nghị khen thưởng công trạng cho tập thể",
			Headings: []string{hUnit1, hResults, hHistory},
			Left:     []string{"THỦ TRƯỞNG ĐƠN VỊ CẤP TRÊN TRỰC TIẾP", "XÁC NHẬN, ĐỀ NGHỊ"}, Right: []string{"THỦ TRƯỞNG ĐƠN VỊ"},
			Source: sourceReports},
		{Code: award.ReportStaff, Name: "Báo cáo thành tích đề nghị khen thưởng công trạng cho cá nhân",
			Headings: []string{hStaff1, hResults, hHistory},
			Left:     []string{"THỦ TRƯỞNG ĐƠN VỊ", "XÁC NHẬN, ĐỀ NGHỊ"}, Right: []string{"NGƯỜI BÁO CÁO THÀNH TÍCH"},
			Source: sourceReports},
		{Code: award.ReportThematic, Name: "Báo cáo thành tích đề nghị khen thưởng thi đua theo chuyên đề (tập thể hoặc cá nhân)",
			Headings: []string{hTheme1, hResults, hHistory},
			Left:     []string{"(như mẫu tập thể hoặc cá nhân)"}, Right: []string{"(như mẫu tập thể hoặc cá nhân)"},
			Source: sourceReports,
			Note:   "Mẫu dùng cho khen thưởng phong trào thi đua theo chuyên đề như “Cả nước chung sức xây dựng nông thôn mới”. Mẫu có mục III hay không: chưa xác nhận; bản soạn vẫn kèm bảng các hình thức đã được khen thưởng."},
	}
}

// reportFormOf is the nominee's report form (by its subject when unset).
func reportFormOf(n nominee) string {
	switch n.ReportForm {
	case award.ReportUnit, award.ReportStaff, award.ReportThematic:
		return n.ReportForm
	}
	if n.isUnit() {
		return award.ReportUnit
	}
	return award.ReportStaff
}

// esc keeps data text literal inside markup.
func esc(s string) string {
	s = strings.ReplaceAll(strings.TrimSpace(s), "\n", " ")
	return strings.ReplaceAll(s, "*", `\*`)
}

func guide(s string) string { return "[[" + s + "]]" }

// dataLines are what the data says of a nominee for the proposal's year:
// the facts of the emulation module and the score of the year, as dash
// lines; nothing when the module has none.
func (s *Service) dataLines(ctx context.Context, tx *gorm.DB, b *batch, n nominee) []string {
	kind := emulation.TargetStaff
	if n.isUnit() {
		kind = emulation.TargetUnit
	}
	year := b.Proposal.Year
	svc := emulation.NewService(tx)
	var out []string
	if facts, err := svc.Facts(ctx, b.agency.ID, b.Proposal.CampaignID, year, kind, n.subjectID()); err == nil {
		for _, f := range facts {
			if strings.TrimSpace(f.Value) == "" {
				continue
			}
			out = append(out, "- "+esc(f.Label)+": "+esc(strings.TrimRight(f.Value, ".;"))+";")
		}
	}
	if list, err := b.standingsOf(ctx, svc, kind); err == nil {
		id := n.subjectID()
		for _, st := range list {
			if (st.UnitID != nil && *st.UnitID == id) || (st.StaffID != nil && *st.StaffID == id) {
				line := fmt.Sprintf("- Kết quả chấm điểm thi đua năm %d: %s điểm", year, percentText(st.Total))
				if !st.Reviewed {
					line += " (tự chấm, Hội đồng chưa xét)"
				} else {
					if st.GradeName != "" {
						line += ", xếp loại " + esc(st.GradeName)
					}
					if st.Rank > 0 && st.Of > 0 {
						line += fmt.Sprintf(", xếp thứ %d/%d", st.Rank, st.Of)
					}
				}
				out = append(out, line+";")
				break
			}
		}
	}
	if len(out) > 0 {
		last := out[len(out)-1]
		out[len(out)-1] = strings.TrimSuffix(last, ";") + "."
	}
	return out
}

// draftSections drafts the sections of a nominee's report from the data.
func (s *Service) draftSections(ctx context.Context, tx *gorm.DB, b *batch, n nominee) []award.ReportSection {
	form := reportFormOf(n)
	a := b.agency
	data := s.dataLines(ctx, tx, b, n)
	year := b.Proposal.Year
	var sec []award.ReportSection
	var part1 []string
	unitLines := func() []string {
		var l []string
		kind := ""
		if n.unit != nil {
			kind = unitKindName[n.unit.Kind]
		}
		intro := esc(n.Name)
		if kind != "" {
			intro += " là " + kind
		}
		intro += " thuộc " + esc(b.settings.FullName) + "."
		l = append(l, intro)
		var contact []string
		if a.Address != "" {
			contact = append(contact, "trụ sở: "+esc(a.Address))
		}
		if a.Phone != "" {
			contact = append(contact, "điện thoại: "+esc(a.Phone))
		}
		if a.Email != "" {
			contact = append(contact, "thư điện tử: "+esc(a.Email))
		}
		if a.Website != "" {
			contact = append(contact, "trang thông tin điện tử: "+esc(a.Website))
		}
		if len(contact) > 0 {
			l = append(l, "- "+upperFirst(strings.Join(contact, "; "))+".")
		}
		if n.head != "" {
			l = append(l, "- Thủ trưởng đơn vị: "+esc(n.head)+".")
		}
		if n.unit != nil {
			var staff int64
			tx.Model(&org.Staff{}).Where("unit_id = ? AND active = ?", n.unit.ID, true).Count(&staff)
			if staff > 0 {
				l = append(l, fmt.Sprintf("- Số cán bộ, công chức, viên chức, người lao động: %02d người.", staff))
			}
		}
		return l
	}
	staffLines := func() []string {
		p := n.staff
		var l []string
		l = append(l, "- Họ và tên: "+esc(n.Name)+".")
		born := ""
		if p != nil && p.BirthDate != "" {
			born = document.ShortDate(p.BirthDate)
		} else if n.BirthYear > 0 {
			born = "năm " + strconv.Itoa(n.BirthYear)
		}
		line := "- Sinh ngày, tháng, năm: "
		if born != "" {
			line += born
		} else {
			line += guide("ngày, tháng, năm sinh")
		}
		if g := genderText(n.Gender); g != "" {
			line += "; Giới tính: " + g
		}
		l = append(l, line+".")
		l = append(l, "- Quê quán: "+guide("quê quán")+"; Trú quán: "+guide("nơi ở hiện nay")+".")
		unit := esc(n.UnitName)
		if unit != "" {
			unit += ", "
		}
		l = append(l, "- Đơn vị công tác: "+unit+esc(b.settings.FullName)+".")
		pos := esc(n.Position)
		if pos == "" {
			pos = guide("chức vụ")
		}
		l = append(l, "- Chức vụ (Đảng, chính quyền, đoàn thể): "+pos+".")
		rank := ""
		if p != nil && p.Rank != "" {
			rank = "ngạch " + esc(p.Rank) + "; "
		}
		l = append(l, "- Trình độ chuyên môn, nghiệp vụ: "+rank+guide("trình độ chuyên môn, nghiệp vụ")+".")
		l = append(l, "- Học hàm, học vị, danh hiệu, giải thưởng: "+guide("nếu có")+".")
		return l
	}
	resultsIntro := fmt.Sprintf("Kết quả năm %d theo dữ liệu theo dõi trên phần mềm:", year)
	switch form {
	case award.ReportUnit:
		part1 = append([]string{"## 1. Đặc điểm, tình hình"}, unitLines()...)
		part1 = append(part1, guide("Quá trình thành lập và phát triển; cơ cấu tổ chức; cơ sở vật chất."),
			"## 2. Chức năng, nhiệm vụ", guide("Chức năng, nhiệm vụ được giao."))
		sec = append(sec, award.ReportSection{Heading: hUnit1, Markup: strings.Join(part1, "\n")})
		res := []string{"## 1. Kết quả đạt được"}
		if len(data) > 0 {
			res = append(res, resultsIntro)
			res = append(res, data...)
		}
		res = append(res, guide("Kết quả thực hiện nhiệm vụ được giao: chỉ tiêu, số liệu, so sánh với năm (kỳ) trước."),
			"## 2. Những biện pháp hoặc nguyên nhân đạt được thành tích; sáng kiến, kinh nghiệm; phong trào thi đua đã áp dụng",
			guide("Các biện pháp, sáng kiến, kinh nghiệm; các phong trào thi đua đã triển khai."),
			"## 3. Việc thực hiện chủ trương, chính sách của Đảng, pháp luật của Nhà nước; công tác xây dựng Đảng, đoàn thể",
			guide("Việc thực hiện chủ trương, chính sách, pháp luật; kết quả xây dựng Đảng, đoàn thể."))
		sec = append(sec, award.ReportSection{Heading: hResults, Markup: strings.Join(res, "\n")})
	case award.ReportStaff:
		sec = append(sec, award.ReportSection{Heading: hStaff1, Markup: strings.Join(staffLines(), "\n")})
		res := []string{"## 1. Quyền hạn, nhiệm vụ được giao hoặc đảm nhận", guide("Quyền hạn, nhiệm vụ được giao hoặc đảm nhận."),
			"## 2. Thành tích đạt được của cá nhân"}
		if len(data) > 0 {
			res = append(res, resultsIntro)
			res = append(res, data...)
		}
		res = append(res, guide("Kết quả thực hiện nhiệm vụ; sáng kiến, đề tài, giải pháp; công tác xây dựng Đảng, đoàn thể."))
		sec = append(sec, award.ReportSection{Heading: hResults, Markup: strings.Join(res, "\n")})
	default: // chuyên đề
		intro := unitLines
		if !n.isUnit() {
			intro = staffLines
		}
		sec = append(sec, award.ReportSection{Heading: hTheme1, Markup: strings.Join(intro(), "\n")})
		res := []string{"## 1. Kết quả thực hiện mục tiêu, nhiệm vụ, chỉ tiêu đã đăng ký trong " + esc(campaignName(b.Campaign))}
		if len(data) > 0 {
			res = append(res, resultsIntro)
			res = append(res, data...)
		}
		res = append(res, guide("Kết quả so với mục tiêu, chỉ tiêu đã đăng ký: số tiêu chí đạt, năm đạt chuẩn nông thôn mới (nâng cao, kiểu mẫu), kinh phí, ngày công, đất hiến, nguồn lực huy động."),
			"## 2. Các biện pháp, giải pháp đã thực hiện; sáng kiến, mô hình",
			guide("Các biện pháp, giải pháp; sáng kiến, mô hình, cách làm hiệu quả."),
			"## 3. Kinh nghiệm rút ra", guide("Bài học kinh nghiệm."))
		sec = append(sec, award.ReportSection{Heading: hResults, Markup: strings.Join(res, "\n")})
	}
	sec = append(sec, award.ReportSection{Heading: hHistory,
		Markup: "## 1. Danh hiệu thi đua\n{{bang:" + TableTitles + "}}\n## 2. Hình thức khen thưởng\n{{bang:" + TableAwards + "}}"})
	return sec
}

// DraftReport drafts the sections of a nominee's báo cáo thành tích from
// the data (the unit's or the person's profile, the facts and the score
// of the emulation module for the proposal's year); part III holds the
// tables of earlier titles and awards, filled from the award history when
// printed. What the data cannot say is guidance [[…]] to replace.
func (s *Service) DraftReport(ctx context.Context, agencyID, nomineeID string) ([]award.ReportSection, error) {
	tx := s.db.WithContext(ctx)
	b, n, err := s.loadNominee(ctx, tx, agencyID, nomineeID)
	if err != nil {
		return nil, err
	}
	return s.draftSections(ctx, tx, b, n), nil
}

// loadNominee loads the proposal of a nominee and the nominee.
func (s *Service) loadNominee(ctx context.Context, tx *gorm.DB, agencyID, nomineeID string) (*batch, nominee, error) {
	var row award.Nominee
	if err := tx.Where("id = ?", nomineeID).Limit(1).Find(&row).Error; err != nil {
		return nil, nominee{}, fmt.Errorf("nominee: %w", err)
	}
	if row.ID == "" {
		return nil, nominee{}, fault.NotFound("awardNominee")
	}
	b, err := s.load(ctx, tx, agencyID, row.ProposalID)
	if err != nil {
		return nil, nominee{}, err
	}
	for _, n := range b.nominees {
		if n.ID == nomineeID {
			return b, n, nil
		}
	}
	return nil, nominee{}, fault.NotFound("awardNominee")
}

// sectionsOf are the nominee's edited sections, else the draft.
func (s *Service) sectionsOf(ctx context.Context, tx *gorm.DB, b *batch, n nominee) ([]award.ReportSection, error) {
	if strings.TrimSpace(n.Report) != "" {
		secs, err := award.ParseReport(n.Report)
		if err != nil {
			return nil, err
		}
		if len(secs) > 0 {
			return secs, nil
		}
	}
	return s.draftSections(ctx, tx, b, n), nil
}

// historyTable is part III's table of the titles (danh hiệu) or of the
// awards (hình thức) the subject received before this proposal.
func (b *batch) historyTable(n nominee, kind string) pdf.Table {
	what, decided := "Hình thức khen thưởng", "khen thưởng"
	if kind == award.KindTitle {
		what, decided = "Danh hiệu thi đua", "công nhận"
	}
	t := pdf.Table{RepeatHeader: true, FontSize: 12, Columns: []pdf.Column{
		{Title: "Năm", Width: 12, Align: "C"},
		{Title: what, Width: 38, Align: "L"},
		{Title: "Số, ngày, tháng, năm của quyết định " + decided + "; cơ quan ban hành quyết định", Width: 50, Align: "L"},
	}}
	for _, r := range n.History {
		if r.Kind != kind || (r.ProposalID != nil && *r.ProposalID == b.Proposal.ID) {
			continue
		}
		dec := ""
		if r.DecisionNumber != "" {
			dec = "Quyết định số " + r.DecisionNumber
		}
		if r.DecisionDate != "" {
			dec = strings.TrimSpace(dec + " ngày " + document.ShortDate(r.DecisionDate))
		}
		if r.DecisionIssuer != "" {
			if dec != "" {
				dec += "; "
			}
			dec += r.DecisionIssuer
		}
		year := ""
		if r.Year > 0 {
			year = strconv.Itoa(r.Year)
		}
		t.Rows = append(t.Rows, []pdf.Cell{{Text: year}, {Text: r.Title}, {Text: dec}})
	}
	if len(t.Rows) == 0 {
		t.Rows = [][]pdf.Cell{{{Text: "Chưa có.", Span: 3}, {}, {}}}
	}
	return t
}

// reportDoc is the printable báo cáo thành tích of a nominee.
func (s *Service) reportDoc(ctx context.Context, tx *gorm.DB, b *batch, n nominee) (pdf.Doc, error) {
	secs, err := s.sectionsOf(ctx, tx, b, n)
	if err != nil {
		return pdf.Doc{}, err
	}
	form := reportFormOf(n)
	a := b.agency
	h := pdf.Header{ParentBody: a.ParentBody, Issuer: a.Name, Place: a.PlaceName, Year: b.Proposal.Year}
	if n.unit != nil && n.unit.Kind != org.KindLanhDao {
		h.ParentBody, h.Issuer = a.Name, strings.ToUpper(n.unit.Name)
	}
	phrase := strings.ToUpper("ĐỀ NGHỊ " + formPhrase(formOf(b, n)))
	if form == award.ReportThematic {
		phrase += " (VỀ THÀNH TÍCH THI ĐUA THEO CHUYÊN ĐỀ)"
	}
	doc := pdf.Doc{Header: h, Title: pdf.Title{TypeName: "BÁO CÁO THÀNH TÍCH", Summary: phrase}}
	if form == award.ReportThematic {
		doc.Body = append(doc.Body, pdf.Block{Kind: pdf.KindCenter, Text: esc(campaignName(b.Campaign))})
	}
	if form != award.ReportStaff {
		doc.Body = append(doc.Body, pdf.Block{Kind: pdf.KindCenter, Text: "**" + esc(n.nameLine()) + "**"})
	}
	tables := map[string]pdf.Table{TableTitles: b.historyTable(n, award.KindTitle), TableAwards: b.historyTable(n, award.KindForm)}
	for _, sec := range secs {
		if h := strings.TrimSpace(sec.Heading); h != "" {
			doc.Body = append(doc.Body, pdf.ParseMarkup("# "+h)...)
		}
		for _, bl := range pdf.ParseMarkup(sec.Markup) {
			if bl.Kind == pdf.KindTable && bl.Table == nil {
				if t, ok := tables[bl.Ref]; ok {
					bl.Table = &t
				}
			}
			doc.Body = append(doc.Body, bl)
		}
	}
	// The signers: B.3 (1) for a collective, (2) for a person; (3) takes
	// the pair of its subject.
	if n.isUnit() {
		doc.Footer = pdf.Footer{
			Left:      &pdf.Signer{Authority: []string{"THỦ TRƯỞNG ĐƠN VỊ CẤP TRÊN TRỰC TIẾP", "XÁC NHẬN, ĐỀ NGHỊ"}, Note: "(Ký, đóng dấu)", Name: a.HeadName},
			Authority: []string{"THỦ TRƯỞNG ĐƠN VỊ"}, Note: "(Ký, đóng dấu)", SignerName: n.head,
		}
	} else {
		doc.Footer = pdf.Footer{
			Left:      &pdf.Signer{Authority: []string{"THỦ TRƯỞNG ĐƠN VỊ", "XÁC NHẬN, ĐỀ NGHỊ"}, Note: "(Ký, đóng dấu)", Name: n.head},
			Authority: []string{"NGƯỜI BÁO CÁO THÀNH TÍCH"}, Note: "(Ký, ghi rõ họ và tên)", SignerName: n.Name,
		}
	}
	doc.Meta = pdf.Meta{Title: "Báo cáo thành tích: " + n.Name, Subject: b.Proposal.Name, Author: h.Issuer,
		CreatedAt: fmt.Sprintf("%04d-01-01T00:00:00Z", b.Proposal.Year)}
	return doc, nil
}

// formOf is the nominee's catalogue entry (its code as the name when the
// catalogue lost it).
func formOf(b *batch, n nominee) award.Form {
	f := n.Form
	if f.Name == "" {
		f = b.Forms[n.FormCode]
	}
	if f.Name == "" {
		f.Name = n.FormCode
	}
	return f
}

// upperFirst capitalises the first letter.
func upperFirst(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// standingsOf returns the year's standings of a target, read once per batch.
func (b *batch) standingsOf(ctx context.Context, svc *emulation.Service, target string) ([]emulation.Standing, error) {
	if list, ok := b.standings[target]; ok {
		return list, nil
	}
	list, err := svc.Standings(ctx, b.agency.ID, b.Proposal.CampaignID, b.Proposal.Year, target)
	if err != nil {
		return nil, err
	}
	if b.standings == nil {
		b.standings = map[string][]emulation.Standing{}
	}
	b.standings[target] = list
	return list, nil
}
