package sample

import (
	"fmt"

	"gorm.io/gorm"

	"chungsuc/internal/award"
	"chungsuc/internal/org"
)

// The sample's award data: the catalogue, some earlier awards of the units
// and people (one of them thematic), and the tổng kết 2025 proposal batch of
// the campaign with three units and three people, their summaries drafted
// from the scores and the sponsorship, and the council's vote (đã xét).
// Decision numbers are invented and marked as sample data.

// AwardMeetingDate is the date of the sample council meeting, after the
// scores were reviewed (see sampleReviewed).
const AwardMeetingDate = "2025-12-22"

// sampleHistory is one earlier award: the subject (a unit's name, or
// "head:<unit>" for its head, "worker:<unit>" for its người lao động).
type sampleHistory struct {
	who      string
	year     int
	form     string
	number   string
	date     string
	issuer   string
	thematic bool
	note     string
}

const (
	issuerSo    = "Sở Tài nguyên và Môi trường tỉnh Quảng Bình"
	issuerTinh  = "Ủy ban nhân dân tỉnh Quảng Bình"
	sampleNote  = "Dữ liệu mẫu."
	unitVP      = "Văn phòng Sở"
	unitQLDD    = "Phòng Quản lý đất đai"
	unitThanhTr = "Thanh tra Sở"
)

var sampleHistories = []sampleHistory{
	{unitVP, 2022, award.FormTTLDXS, "35/QĐ-STNMT", "2023-01-16", issuerSo, false, sampleNote},
	{unitVP, 2023, award.FormTTLDXS, "28/QĐ-STNMT", "2024-01-15", issuerSo, false, sampleNote},
	{unitVP, 2024, award.FormTTLDXS, "31/QĐ-STNMT", "2025-01-14", issuerSo, false, sampleNote},
	{unitQLDD, 2021, award.FormGiayKhen, "412/QĐ-STNMT", "2021-12-28", issuerSo, false, sampleNote},
	{unitQLDD, 2023, award.FormTTLDXS, "28/QĐ-STNMT", "2024-01-15", issuerSo, false, sampleNote},
	{unitQLDD, 2024, award.FormTTLDXS, "31/QĐ-STNMT", "2025-01-14", issuerSo, false, sampleNote},
	{unitThanhTr, 2024, award.FormTTLDXS, "31/QĐ-STNMT", "2025-01-14", issuerSo, false, sampleNote},
	{"head:" + unitQLDD, 2021, award.FormCSTDCS, "30/QĐ-STNMT", "2022-01-17", issuerSo, false, sampleNote},
	{"head:" + unitQLDD, 2022, award.FormBKTinh, "2810/QĐ-UBND", "2022-12-15", issuerTinh, false, sampleNote},
	{"head:" + unitQLDD, 2022, award.FormLDTT, "35/QĐ-STNMT", "2023-01-16", issuerSo, false, sampleNote},
	{"head:" + unitQLDD, 2023, award.FormCSTDCS, "28/QĐ-STNMT", "2024-01-15", issuerSo, false, sampleNote},
	{"head:" + unitQLDD, 2023, award.FormGiayKhen, "390/QĐ-STNMT", "2023-12-26", issuerSo, true,
		"Khen thưởng sơ kết Phong trào thi đua “Cả nước chung sức xây dựng nông thôn mới” (thi đua theo chuyên đề). Dữ liệu mẫu."},
	{"head:" + unitQLDD, 2024, award.FormCSTDCS, "31/QĐ-STNMT", "2025-01-14", issuerSo, false, sampleNote},
	{"head:" + unitVP, 2021, award.FormLDTT, "30/QĐ-STNMT", "2022-01-17", issuerSo, false, sampleNote},
	{"head:" + unitVP, 2022, award.FormCSTDCS, "35/QĐ-STNMT", "2023-01-16", issuerSo, false, sampleNote},
	{"head:" + unitVP, 2023, award.FormLDTT, "28/QĐ-STNMT", "2024-01-15", issuerSo, false, sampleNote},
	{"head:" + unitVP, 2024, award.FormCSTDCS, "31/QĐ-STNMT", "2025-01-14", issuerSo, false, sampleNote},
	{"worker:" + unitVP, 2023, award.FormLDTT, "28/QĐ-STNMT", "2024-01-15", issuerSo, false, sampleNote},
	{"worker:" + unitVP, 2024, award.FormLDTT, "31/QĐ-STNMT", "2025-01-14", issuerSo, false, sampleNote},
}

// sampleNominee is one nominee of the tổng kết batch with its ballots.
type sampleNominee struct {
	who     string
	form    string
	ballots int
}

// Nine council members, eight present; the threshold is more than half of
// all members (5 votes). Thanh tra Sở gets 4 and does not pass.
var sampleNominees = []sampleNominee{
	{unitQLDD, award.FormBKTinh, 8},
	{unitVP, award.FormGiayKhen, 7},
	{unitThanhTr, award.FormGiayKhen, 4},
	{"head:" + unitQLDD, award.FormBKTTg, 8},
	{"head:" + unitVP, award.FormBKTinh, 7},
	{"worker:" + unitVP, award.FormGiayKhen, 6},
}

// sampleSubjects resolves the sample's subject names.
type sampleSubjects struct {
	tx       *gorm.DB
	agencyID string
	units    map[string]org.Unit
}

func (s *sampleSubjects) resolve(who string) (kind string, unitID, staffID *string, err error) {
	prefix, name := "", who
	for _, p := range []string{"head:", "worker:"} {
		if len(who) > len(p) && who[:len(p)] == p {
			prefix, name = p, who[len(p):]
		}
	}
	u, ok := s.units[name]
	if !ok {
		return "", nil, nil, fmt.Errorf("sample award: no unit %s", name)
	}
	switch prefix {
	case "":
		id := u.ID
		return award.SubjectUnit, &id, nil, nil
	case "head:":
		if u.HeadStaffID == nil {
			return "", nil, nil, fmt.Errorf("sample award: %s has no head", name)
		}
		id := *u.HeadStaffID
		return award.SubjectStaff, nil, &id, nil
	}
	var p org.Staff
	if err := s.tx.Where("agency_id = ? AND unit_id = ? AND category = ?", s.agencyID, u.ID, org.CategoryNguoiLaoDong).
		Order("id ASC").Take(&p).Error; err != nil {
		return "", nil, nil, fmt.Errorf("sample award: người lao động of %s: %w", name, err)
	}
	return award.SubjectStaff, nil, &p.ID, nil
}

// loadAwards writes the sample's award data (after the emulation scores,
// which the summaries quote).
func loadAwards(tx *gorm.DB, agencyID, campaignID string) error {
	if err := award.Seed(tx, agencyID); err != nil {
		return err
	}
	var units []org.Unit
	if err := tx.Where("agency_id = ?", agencyID).Find(&units).Error; err != nil {
		return fmt.Errorf("sample award units: %w", err)
	}
	subj := &sampleSubjects{tx: tx, agencyID: agencyID, units: map[string]org.Unit{}}
	for _, u := range units {
		subj.units[u.Name] = u
	}
	svc := award.NewService(tx)
	ctx := tx.Statement.Context
	for _, h := range sampleHistories {
		kind, unitID, staffID, err := subj.resolve(h.who)
		if err != nil {
			return err
		}
		r := award.Record{SubjectKind: kind, UnitID: unitID, StaffID: staffID, Year: h.year, FormCode: h.form,
			DecisionNumber: h.number, DecisionDate: h.date, DecisionIssuer: h.issuer, Thematic: h.thematic, Note: h.note}
		if _, err := svc.SaveRecord(ctx, agencyID, r); err != nil {
			return fmt.Errorf("sample award history: %w", err)
		}
	}
	p := award.Proposal{AgencyID: agencyID, CampaignID: campaignID, Stage: award.StageTongKet, Year: EmulationYear,
		Name:     "Đề nghị khen thưởng tổng kết Phong trào thi đua “Cả nước chung sức xây dựng nông thôn mới” giai đoạn 2021 - 2025",
		SubmitTo: "Ủy ban nhân dân tỉnh Quảng Bình\nSở Nội vụ tỉnh Quảng Bình (Ban Thi đua - Khen thưởng)",
		Note:     "Dữ liệu mẫu: đợt đề nghị đã được Hội đồng Thi đua - Khen thưởng Sở xét, chưa trình."}
	if err := award.SaveProposalTx(tx, &p); err != nil {
		return fmt.Errorf("sample proposal: %w", err)
	}
	var ballots []award.Ballot
	for _, sn := range sampleNominees {
		kind, unitID, staffID, err := subj.resolve(sn.who)
		if err != nil {
			return err
		}
		n := award.Nominee{ProposalID: p.ID, SubjectKind: kind, UnitID: unitID, StaffID: staffID, FormCode: sn.form}
		if err := award.SaveNomineeTx(tx, agencyID, &n); err != nil {
			return fmt.Errorf("sample nominee: %w", err)
		}
		summary, err := award.DraftSummaryTx(tx, p, n)
		if err != nil {
			return err
		}
		n.Summary = summary
		if err := award.SaveNomineeTx(tx, agencyID, &n); err != nil {
			return fmt.Errorf("sample nominee summary: %w", err)
		}
		ballots = append(ballots, award.Ballot{NomineeID: n.ID, BallotsFor: sn.ballots})
	}
	chair, secretary := "Nguyễn Huệ", ""
	if vp, ok := subj.units[unitVP]; ok && vp.HeadStaffID != nil {
		var head org.Staff
		if err := tx.Where("id = ?", *vp.HeadStaffID).Take(&head).Error; err == nil {
			secretary = head.FullName
		}
	}
	vp, err := award.RecordVoteTx(tx, agencyID, award.VoteInput{ProposalID: p.ID, Version: p.Version, MeetingDate: AwardMeetingDate,
		MeetingPlace: "Phòng họp Sở Tài nguyên và Môi trường", MembersTotal: 9, MembersPresent: 8,
		ChairName: chair, SecretaryName: secretary,
		Conclusion: "Hội đồng thống nhất đề nghị khen thưởng các tập thể, cá nhân được trên 50% tổng số thành viên Hội đồng " +
			"đồng ý (theo Quy chế hoạt động của Hội đồng Thi đua - Khen thưởng Sở). Dữ liệu mẫu.",
		Ballots: ballots})
	if err != nil {
		return fmt.Errorf("sample vote: %w", err)
	}
	if _, err := award.MoveTx(tx, agencyID, award.MoveInput{ProposalID: p.ID, Version: vp.Version, To: award.StatusReviewed,
		Reason: "Họp Hội đồng Thi đua - Khen thưởng Sở ngày 22/12/2025 (dữ liệu mẫu)."}); err != nil {
		return fmt.Errorf("sample review: %w", err)
	}
	return nil
}
