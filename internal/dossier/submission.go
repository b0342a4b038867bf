package dossier

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"gorm.io/gorm"

	"chungsuc/internal/award"
	"chungsuc/internal/campaign"
	"chungsuc/internal/document"
	"chungsuc/internal/fault"
	"chungsuc/internal/org"
	"chungsuc/internal/pdf"
	"chungsuc/internal/vntext"
)

// Keys of the tables frozen into the Tờ trình and the Biên bản.
const (
	TableList    = "danh_sach_khen_thuong"
	TableBallots = "ket_qua_bo_phieu"
)

var periodSuffix = regexp.MustCompile(`(?i)\s*,?\s*giai đoạn\s+\d{4}\s*[-–]\s*\d{4}\s*$`)

func foldText(s string) string { return vntext.Fold(s) }

// today is the day a draft is dated against (the acts in force).
func today() string { return document.Today().Format(fault.DateLayout) }

// countText is "02 tập thể và 03 cá nhân".
func countText(units, staff int) string { return document.CountText(units, staff, " và ") }

// listTable is the Danh sách: I. TẬP THỂ then II. CÁ NHÂN, with the
// name (for a person with position and unit), birth year and gender of a
// person, the summary and the form proposed.
func (b *batch) listTable() pdf.Table {
	t := pdf.Table{RepeatHeader: true, FontSize: 12, Columns: []pdf.Column{
		{Title: "TT", Width: 5, Align: "C"},
		{Title: "Tên tập thể / Họ và tên, chức vụ, đơn vị công tác", Width: 27, Align: "L"},
		{Title: "Năm sinh", Width: 7, Align: "C"},
		{Title: "Giới tính", Width: 7, Align: "C"},
		{Title: "Tóm tắt thành tích", Width: 38, Align: "J"},
		{Title: "Hình thức đề nghị", Width: 16, Align: "L"},
	}}
	t.Rows = b.groupRows(len(t.Columns), func(i int, n nominee) []pdf.Cell {
		year, gender := "", ""
		if !n.isUnit() {
			if n.BirthYear > 0 {
				year = strconv.Itoa(n.BirthYear)
			}
			gender = genderText(n.Gender)
		}
		return []pdf.Cell{{Text: strconv.Itoa(i)}, {Text: n.nameLine()}, {Text: year}, {Text: gender},
			{Text: strings.TrimSpace(n.Summary)}, {Text: b.formName(n)}}
	}, true)
	return t
}

// groupRows makes the rows of nominees under the group rows "I. TẬP THỂ"
// and "II. CÁ NHÂN" (a group without nominees is left out), numbering
// each group from 1. onlyIncluded leaves out the nominees voted down.
func (b *batch) groupRows(cols int, row func(i int, n nominee) []pdf.Cell, onlyIncluded bool) [][]pdf.Cell {
	var rows [][]pdf.Cell
	for g, group := range []struct {
		label string
		unit  bool
	}{{"TẬP THỂ", true}, {"CÁ NHÂN", false}} {
		_ = g
		var members []nominee
		for _, n := range b.nominees {
			if n.isUnit() == group.unit && (!onlyIncluded || n.included()) {
				members = append(members, n)
			}
		}
		if len(members) == 0 {
			continue
		}
		label := "I. " + group.label
		if len(rows) > 0 {
			label = "II. " + group.label
		}
		gr := []pdf.Cell{{Text: label, Bold: true, Span: cols}}
		for i := 1; i < cols; i++ {
			gr = append(gr, pdf.Cell{})
		}
		rows = append(rows, gr)
		for i, n := range members {
			rows = append(rows, row(i+1, n))
		}
	}
	if len(rows) == 0 {
		empty := []pdf.Cell{{Text: "Chưa có tập thể, cá nhân nào được đề nghị.", Span: cols}}
		for i := 1; i < cols; i++ {
			empty = append(empty, pdf.Cell{})
		}
		rows = append(rows, empty)
	}
	return rows
}

// ballotBase is the number the percentage is taken of.
func (b *batch) ballotBase() int {
	if b.Base > 0 {
		return b.Base
	}
	return award.VoteBase(b.Proposal)
}

// percentText writes a share with one decimal: "85,7".
func percentText(x float64) string {
	s := strconv.FormatFloat(x, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	return strings.Replace(s, ".", ",", 1)
}

// ballotTable is the Biên bản's table: every nominee the council looked
// at, with the votes for, the share and the result.
func (b *batch) ballotTable() pdf.Table {
	t := pdf.Table{RepeatHeader: true, FontSize: 12, Columns: []pdf.Column{
		{Title: "TT", Width: 6, Align: "C"},
		{Title: "Tên tập thể, cá nhân", Width: 34, Align: "L"},
		{Title: "Hình thức đề nghị", Width: 22, Align: "L"},
		{Title: "Số phiếu đồng ý", Width: 12, Align: "C"},
		{Title: "Tỷ lệ %", Width: 11, Align: "C"},
		{Title: "Kết quả", Width: 15, Align: "C"},
	}}
	t.Rows = b.groupRows(len(t.Columns), func(i int, n nominee) []pdf.Cell {
		votes, share, result := "", "", "Chưa bỏ phiếu"
		if n.Voted {
			votes = fmt.Sprintf("%d/%d", n.BallotsFor, b.ballotBase())
			share = percentText(n.Percent)
			result = map[bool]string{true: "Đạt", false: "Không đạt"}[n.Passed]
		}
		return []pdf.Cell{{Text: strconv.Itoa(i)}, {Text: n.nameLine()}, {Text: b.formName(n)}, {Text: votes}, {Text: share}, {Text: result}}
	}, false)
	return t
}

// thresholdText is the share a nominee needs: "tỷ lệ phiếu đồng ý trên
// 50% tổng số thành viên Hội đồng", "… từ 70% số thành viên Hội đồng có
// mặt trở lên" (award.ThresholdBases).
func (b *batch) thresholdText() string {
	base := "tổng số thành viên Hội đồng"
	switch b.Proposal.ThresholdBase {
	case award.ThresholdPresent, award.ThresholdPresentAtLeast:
		base = "số thành viên Hội đồng có mặt"
	}
	pct := percentText(b.Proposal.Threshold) + "%"
	if award.AtLeast(b.Proposal) {
		return "tỷ lệ phiếu đồng ý từ " + pct + " " + base + " trở lên"
	}
	return "tỷ lệ phiếu đồng ý trên " + pct + " " + base
}

// submitTo are the Kính gửi lines of the proposal.
func (b *batch) submitTo() []string {
	var out []string
	for _, l := range strings.Split(b.Proposal.SubmitTo, "\n") {
		l = strings.TrimRight(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(l), "- ")), ";.,")
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}

// superior is who the Tờ trình asks to decide: the first Kính gửi line,
// else the superior of the document settings.
func (b *batch) superior() string {
	if to := b.submitTo(); len(to) > 0 {
		return to[0]
	}
	return b.settings.Superior
}

// proposalPhrase is de_nghi.hinh_thuc: one form by name, else "khen thưởng".
func (b *batch) proposalPhrase() string {
	groups := b.byForm()
	if len(groups) == 1 {
		return formPhrase(groups[0].form)
	}
	return "khen thưởng"
}

// meetingDay is the meeting date in words, or blanks.
func (b *batch) meetingDay() string {
	return document.LongDate(b.Proposal.MeetingDate, b.Proposal.Year)
}

func twoDigits(n int) string { return fmt.Sprintf("%02d", n) }

// conclusion is de_nghi.ket_luan: the council's own words, else a
// sentence made from the vote.
func (b *batch) conclusion() []string {
	if c := strings.TrimSpace(b.Proposal.Conclusion); c != "" {
		var out []string
		for _, l := range strings.Split(c, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				out = append(out, l)
			}
		}
		return out
	}
	inc := b.included()
	units, staff := counts(inc)
	return []string{fmt.Sprintf("Hội đồng thống nhất đề nghị %s xem xét, trình cấp có thẩm quyền %s cho %s đạt %s (có danh sách kèm theo).",
		document.Sentence(b.agency.HeadTitle)+" "+b.settings.ShortName, b.proposalPhrase(), countText(units, staff), b.thresholdText())}
}

// bases are de_nghi.can_cu: the acts the catalogue names, the campaign's
// plans (its own issued Kế hoạch and the plans among the campaign's legal
// bases), and the council's meeting.
func (s *Service) bases(ctx context.Context, tx *gorm.DB, b *batch) ([]string, error) {
	var forms []award.Form
	for _, g := range b.byForm() {
		forms = append(forms, g.form)
	}
	lines, err := actLines(tx, b.agency.ID, forms, today())
	if err != nil {
		return nil, err
	}
	docs := document.NewServiceDB(tx, s.dataDir)
	for _, lb := range b.Campaign.LegalBases {
		if isPlan(lb) {
			c, err := docs.Cite(ctx, b.agency.ID, lb)
			if err != nil {
				return nil, err
			}
			lines = append(lines, c)
		}
	}
	var plans []document.Document
	if err := tx.Where("agency_id = ? AND campaign_id = ? AND type_code = ? AND status = ?", b.agency.ID, b.Proposal.CampaignID, "ke_hoach", document.StatusIssued).
		Order("date").Find(&plans).Error; err != nil {
		return nil, fmt.Errorf("campaign plans: %w", err)
	}
	for _, p := range plans {
		lines = append(lines, fmt.Sprintf("Kế hoạch số %s ngày %s của %s về %s", document.NumberText(p.Number, p.Symbol), document.ShortDate(p.Date),
			b.settings.FullName, lowerFirst(strings.TrimRight(p.Summary, ".;"))))
	}
	council := b.settings.Council
	if council == "" {
		council = "Hội đồng Thi đua - Khen thưởng"
	}
	if bb, ok, err := s.issuedDoc(tx, b.agency.ID, b.Proposal.BienBanDocID); err != nil {
		return nil, err
	} else if ok {
		lines = append(lines, fmt.Sprintf("Biên bản họp %s số %s ngày %s", council, document.NumberText(bb.Number, bb.Symbol), document.ShortDate(bb.Date)))
	} else if b.Proposal.MeetingDate != "" {
		lines = append(lines, fmt.Sprintf("Kết quả họp %s ngày %s", council, document.ShortDate(b.Proposal.MeetingDate)))
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		end := ";"
		if i == len(lines)-1 {
			end = "."
		}
		out[i] = "> Căn cứ " + strings.TrimRight(l, ";.,") + end
	}
	return out, nil
}

// isPlan: a legal basis of the campaign that is a plan (Kế hoạch), or a
// decision issuing one.
func isPlan(lb campaign.LegalBasis) bool {
	return strings.Contains(strings.ToUpper(lb.Number), "/KH-") || strings.HasPrefix(foldText(lb.Title), "ban hanh ke hoach")
}

func lowerFirst(s string) string {
	for i, r := range s {
		return strings.ToLower(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// issuedDoc returns the document of id when it is issued.
func (s *Service) issuedDoc(tx *gorm.DB, agencyID string, id *string) (document.Document, bool, error) {
	if id == nil || *id == "" {
		return document.Document{}, false, nil
	}
	var d document.Document
	if err := tx.Where("id = ? AND agency_id = ?", *id, agencyID).Limit(1).Find(&d).Error; err != nil {
		return d, false, fmt.Errorf("document: %w", err)
	}
	return d, d.ID != "" && d.Status == document.StatusIssued, nil
}

// fill is what the Tờ trình and the Biên bản templates take from the
// proposal.
func (s *Service) fill(ctx context.Context, tx *gorm.DB, b *batch) (document.Fill, error) {
	inc := b.included()
	units, staff := counts(inc)
	allUnits, allStaff := counts(b.nominees)
	var perForm []string
	for i, g := range b.byForm() {
		end := ";"
		if i == len(b.byForm())-1 {
			end = "."
		}
		perForm = append(perForm, "- "+g.form.Name+": "+document.CountText(g.units, g.staff, ", ")+end)
	}
	if len(perForm) == 0 {
		perForm = []string{"- Chưa có tập thể, cá nhân nào được đề nghị."}
	}
	bases, err := s.bases(ctx, tx, b)
	if err != nil {
		return document.Fill{}, err
	}
	p := b.Proposal
	chair, secretary := strings.TrimSpace(p.ChairName), strings.TrimSpace(p.SecretaryName)
	if chair == "" {
		chair = "[[Họ và tên, chức vụ của chủ tọa]]"
	}
	if secretary == "" {
		secretary = "[[Họ và tên, chức vụ của thư ký]]"
	}
	place := strings.TrimSpace(p.MeetingPlace)
	if place == "" {
		place = "[[Địa điểm họp]]"
	}
	asOf := today()
	if p.MeetingDate != "" && p.MeetingDate < asOf {
		asOf = p.MeetingDate
	}
	f := document.Fill{
		CampaignID: p.CampaignID,
		Year:       p.Year,
		AsOf:       asOf,
		Values: map[string]string{
			"de_nghi.ten":            p.Name,
			"de_nghi.hinh_thuc":      b.proposalPhrase(),
			"de_nghi.so_luong":       countText(units, staff),
			"de_nghi.so_luong_xet":   countText(allUnits, allStaff),
			"de_nghi.cap_trinh":      b.superior(),
			"de_nghi.hop_ngay":       b.meetingDay(),
			"de_nghi.hop_dia_diem":   place,
			"de_nghi.hop_thanh_phan": fmt.Sprintf("%s/%s thành viên Hội đồng có mặt", twoDigits(p.MembersPresent), twoDigits(p.MembersTotal)),
			"de_nghi.hop_tong_so":    twoDigits(p.MembersTotal),
			"de_nghi.hop_co_mat":     twoDigits(p.MembersPresent),
			"de_nghi.hop_chu_toa":    chair,
			"de_nghi.hop_thu_ky":     secretary,
			"de_nghi.nguong":         b.thresholdText(),
		},
		Blocks: map[string][]string{
			"de_nghi.can_cu":         bases,
			"de_nghi.theo_hinh_thuc": perForm,
			"de_nghi.ket_luan":       b.conclusion(),
		},
	}
	return f, nil
}

// DraftToTrinh creates, or refreshes while it is a draft, the Tờ trình
// of a proposal in the document register (template
// document.TemplateAwardSubmission, issued by the agency): Kính gửi from
// the proposal, the legal bases, the movement's results, the numbers
// proposed per form and the Danh sách as its landscape appendix (a frozen
// table). The proposal is linked to it.
func (s *Service) DraftToTrinh(ctx context.Context, agencyID, proposalID string) (document.Document, error) {
	return s.draftDoc(ctx, agencyID, proposalID, true)
}

// DraftBienBan creates, or refreshes while it is a draft, the Biên bản of
// the council's meeting (template document.TemplateAwardMinutes, issued by
// the council in its own series, NĐ 30 Mẫu 1.9): time and place, members,
// the ballot table, the conclusion; THƯ KÝ signs on the left and CHỦ TỌA
// on the right. The proposal is linked to it.
func (s *Service) DraftBienBan(ctx context.Context, agencyID, proposalID string) (document.Document, error) {
	return s.draftDoc(ctx, agencyID, proposalID, false)
}

// councilKey is the issuer key of the agency's emulation council: the
// first active unit of kind hội đồng.
func councilKey(ctx context.Context, docs *document.Service, agencyID string) (document.Issuer, error) {
	issuers, err := docs.Issuers(ctx, agencyID)
	if err != nil {
		return document.Issuer{}, err
	}
	for _, is := range issuers {
		if is.Kind == document.IssuerKindCouncil {
			return is, nil
		}
	}
	return document.Issuer{}, fault.New(fault.ErrRefused, "errors.dossier.noCouncil")
}

// draftFor builds the draft of the Tờ trình (submission) or the Biên bản
// of a loaded proposal, without saving it.
func (s *Service) draftFor(ctx context.Context, tx *gorm.DB, b *batch, submission bool) (document.Document, error) {
	docs := document.NewServiceDB(tx, s.dataDir)
	f, err := s.fill(ctx, tx, b)
	if err != nil {
		return document.Document{}, err
	}
	code := document.TemplateAwardSubmission
	if submission {
		f.Tables = map[string]pdf.Table{TableList: b.listTable()}
	} else {
		code = document.TemplateAwardMinutes
		is, err := councilKey(ctx, docs, b.agency.ID)
		if err != nil {
			return document.Document{}, err
		}
		f.IssuerKey = is.Key
		f.Tables = map[string]pdf.Table{TableBallots: b.ballotTable()}
	}
	d, err := docs.DraftFilled(ctx, b.agency.ID, code, f)
	if err != nil {
		return d, err
	}
	if submission {
		if to := b.submitTo(); len(to) > 0 {
			d.KinhGui = to
		}
		if len(d.KinhGui) > 0 && (len(d.Recipients) == 0 || !strings.HasPrefix(d.Recipients[0], "Như trên")) {
			d.Recipients = append([]string{"Như trên"}, d.Recipients...)
		}
	} else {
		// The chair signs on the right, the secretary on the left.
		d.SignForm, d.HeadTitle, d.SignerTitle, d.SignerName = "", "CHỦ TỌA", "CHỦ TỌA", strings.TrimSpace(b.Proposal.ChairName)
		d.LeftSigner = &pdf.Signer{Authority: []string{"THƯ KÝ"}, Name: strings.TrimSpace(b.Proposal.SecretaryName)}
	}
	d.Note = "Soạn từ đợt đề nghị khen thưởng “" + b.Proposal.Name + "”."
	return d, nil
}

func (s *Service) draftDoc(ctx context.Context, agencyID, proposalID string, submission bool) (document.Document, error) {
	var out document.Document
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		b, err := s.load(ctx, tx, agencyID, proposalID)
		if err != nil {
			return err
		}
		linked := b.Proposal.BienBanDocID
		if submission {
			linked = b.Proposal.ToTrinhDocID
		}
		d, err := s.draftFor(ctx, tx, b, submission)
		if err != nil {
			return err
		}
		docs := document.NewServiceDB(tx, s.dataDir)
		if linked != nil && *linked != "" {
			old, err := docs.Get(ctx, agencyID, *linked)
			switch {
			case err == nil && old.Status == document.StatusDraft:
				// Refresh the draft in place: same id, the version it has.
				d.ID, d.Version, d.CreatedAt = old.ID, old.Version, old.CreatedAt
			case err == nil && old.Status == document.StatusIssued:
				return fault.New(fault.ErrRefused, "errors.dossier.issued", "number", old.NumberText)
			case err != nil && !errors.Is(err, fault.ErrNotFound):
				return err
			}
		}
		saved, err := docs.Save(ctx, agencyID, d)
		if err != nil {
			return err
		}
		id := saved.ID
		var tt, bb *string
		if submission {
			tt = &id
		} else {
			bb = &id
		}
		if err := award.NewService(tx).SetDocuments(ctx, agencyID, proposalID, tt, bb); err != nil {
			return err
		}
		out = saved
		return nil
	})
	return out, err
}

// unitKindName names a unit's kind in running text.
var unitKindName = map[string]string{
	org.KindPhong: "phòng chuyên môn", org.KindDonViThuoc: "đơn vị thuộc", org.KindDonViTrucThuoc: "đơn vị trực thuộc",
	org.KindDoanThe: "tổ chức đoàn thể", org.KindDang: "tổ chức đảng",
}
