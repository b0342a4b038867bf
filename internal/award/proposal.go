package award

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"chungsuc/internal/campaign"
	"chungsuc/internal/fault"
	"chungsuc/internal/store"
	"chungsuc/internal/vntext"
)

// moves are the legal status changes: a batch is voted (đã xét), may be
// reopened for editing, is submitted (đã trình), may be returned (trả lại,
// then resubmitted or reopened, which means a new vote) and ends with the
// decision (đã có quyết định), which is final.
var moves = map[string][]string{
	StatusDraft:     {StatusReviewed},
	StatusReviewed:  {StatusDraft, StatusSubmitted},
	StatusSubmitted: {StatusReturned, StatusDecided},
	StatusReturned:  {StatusSubmitted, StatusDraft},
}

// CanMove reports whether a proposal may go from one status to another.
func CanMove(from, to string) bool { return slices.Contains(moves[from], to) }

// NextStatuses lists the statuses a proposal may move to.
func NextStatuses(from string) []string { return append([]string{}, moves[from]...) }

// textEditable: summaries, reports and attachments change in these statuses.
func textEditable(status string) bool { return status == StatusDraft || status == StatusReturned }

// Limits of the vote figures.
const maxMembers = 1000

func (p *Proposal) normalise() {
	p.CampaignID = vntext.Clean(p.CampaignID)
	p.Stage = vntext.Clean(p.Stage)
	p.Name = vntext.Clean(p.Name)
	p.SubmitTo = vntext.CleanText(p.SubmitTo)
	p.ThresholdBase = vntext.Clean(p.ThresholdBase)
	p.Note = vntext.CleanText(p.Note)
	p.SearchKey = SearchKey(p.Name, p.SubmitTo, p.DecisionNumber, p.Note)
}

func (p *Proposal) validate() *fault.Validation {
	var v fault.Validation
	v.Required("campaignId", p.CampaignID)
	v.OneOf("stage", p.Stage, Stages...)
	if p.Year < 1900 || p.Year > 2100 {
		v.Add("year", "validation.range", "min", 1900, "max", 2100)
	}
	v.Text("name", p.Name, true, 300)
	v.MaxLen("submitTo", p.SubmitTo, 2000)
	if p.Threshold <= 0 || p.Threshold > 100 || p.Threshold != p.Threshold {
		v.Add("threshold", "validation.award.threshold")
	}
	v.OneOf("thresholdBase", p.ThresholdBase, ThresholdBases...)
	v.MaxLen("note", p.Note, 5000)
	return &v
}

// ProposalQuery is the proposals list's query.
type ProposalQuery struct {
	store.ListQuery
	CampaignID string `json:"campaignId"`
	Status     string `json:"status"`
	Year       int    `json:"year"`
}

// ProposalRow is one proposal in the list with its campaign and counts.
type ProposalRow struct {
	Proposal
	CampaignName string `json:"campaignName"`
	Nominees     int    `json:"nominees"`
	Units        int    `json:"units"`
	People       int    `json:"people"`
}

// ProposalPage is one page of proposals.
type ProposalPage struct {
	Items    []ProposalRow `json:"items"`
	Total    int64         `json:"total"`
	Page     int           `json:"page"`
	PageSize int           `json:"pageSize"`
}

var proposalSort = map[string]string{
	"name": "name", "year": "year", "stage": "stage", "status": "status", "meetingDate": "meeting_date",
	"createdAt": "created_at", "updatedAt": "updated_at", "deletedAt": "deleted_at",
}

const proposalSelect = `award_proposals.*,
 (SELECT c.name FROM campaigns c WHERE c.id = award_proposals.campaign_id) AS campaign_name,
 (SELECT COUNT(*) FROM award_nominees n WHERE n.proposal_id = award_proposals.id AND n.deleted_at IS NULL) AS nominees,
 (SELECT COUNT(*) FROM award_nominees n WHERE n.proposal_id = award_proposals.id AND n.deleted_at IS NULL AND n.subject_kind = 'unit') AS units,
 (SELECT COUNT(*) FROM award_nominees n WHERE n.proposal_id = award_proposals.id AND n.deleted_at IS NULL AND n.subject_kind = 'staff') AS people`

// Proposals returns one page of the agency's proposals, newest first by default.
func (s *Service) Proposals(ctx context.Context, agencyID string, q ProposalQuery) (ProposalPage, error) {
	if q.SortBy == "" {
		q.SortBy, q.Desc = "createdAt", true
	}
	tx := q.Scope(s.db.WithContext(ctx).Model(&Proposal{}), proposalSort, "created_at").
		Where("award_proposals.agency_id = ?", agencyID)
	if q.CampaignID != "" {
		tx = tx.Where("campaign_id = ?", q.CampaignID)
	}
	if q.Status != "" {
		tx = tx.Where("status = ?", q.Status)
	}
	if q.Year != 0 {
		tx = tx.Where("year = ?", q.Year)
	}
	page := ProposalPage{Items: []ProposalRow{}}
	if err := tx.Session(&gorm.Session{}).Count(&page.Total).Error; err != nil {
		return page, fmt.Errorf("count proposals: %w", err)
	}
	tx, page.Page, page.PageSize = q.Paginate(tx.Select(proposalSelect))
	if err := tx.Find(&page.Items).Error; err != nil {
		return page, fmt.Errorf("list proposals: %w", err)
	}
	return page, nil
}

// event writes one row of the proposal's timeline.
func event(tx *gorm.DB, proposalID, from, to, reason string) error {
	e := Event{ProposalID: proposalID, FromStatus: from, ToStatus: to, Reason: reason,
		At: time.Now().UTC().Truncate(time.Microsecond)}
	if err := tx.Create(&e).Error; err != nil {
		return fmt.Errorf("proposal event: %w", err)
	}
	return nil
}

// SaveProposal creates (empty ID) or updates a proposal batch. A new batch
// starts as a draft with the default threshold (more than 50 % of all
// members) unless one is given. In nháp every field of the batch may
// change; in trả lại only the addressees and the note; otherwise nothing.
// The council meeting changes through RecordVote, the status through Move.
func (s *Service) SaveProposal(ctx context.Context, agencyID string, p Proposal) (Proposal, error) {
	p.AgencyID = agencyID
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return SaveProposalTx(tx, &p)
	})
	return p, err
}

// SaveProposalTx is SaveProposal inside the caller's transaction.
func SaveProposalTx(tx *gorm.DB, p *Proposal) error {
	creating := p.ID == ""
	if creating {
		if p.Threshold == 0 {
			p.Threshold = DefaultThreshold
		}
		if p.ThresholdBase == "" {
			p.ThresholdBase = ThresholdTotal
		}
	} else {
		var old Proposal
		if err := store.Get(tx.Where("agency_id = ?", p.AgencyID), &old, "awardProposal", p.ID); err != nil {
			return err
		}
		if p.Version != old.Version {
			return fault.Stale("awardProposal")
		}
		switch old.Status {
		case StatusDraft:
		case StatusReturned:
			sub, note := p.SubmitTo, p.Note
			keep := old
			keep.SubmitTo, keep.Note = sub, note
			*p = keep
		default:
			return fault.New(fault.ErrConflict, "errors.award.locked", "status", old.Status)
		}
		// Fields of the meeting, the decision and the documents never change here.
		p.Status, p.MeetingDate, p.MeetingPlace = old.Status, old.MeetingDate, old.MeetingPlace
		p.MembersTotal, p.MembersPresent, p.ChairName = old.MembersTotal, old.MembersPresent, old.ChairName
		p.SecretaryName, p.Conclusion, p.ReturnReason = old.SecretaryName, old.Conclusion, old.ReturnReason
		p.DecisionNumber, p.DecisionDate, p.DecisionIssuer = old.DecisionNumber, old.DecisionDate, old.DecisionIssuer
		p.ToTrinhDocID, p.BienBanDocID = old.ToTrinhDocID, old.BienBanDocID
	}
	p.normalise()
	v := p.validate()
	if p.CampaignID != "" {
		n, err := count(tx, &campaign.Campaign{}, "agency_id = ? AND id = ?", p.AgencyID, p.CampaignID)
		if err != nil {
			return fmt.Errorf("check campaign: %w", err)
		}
		if n == 0 {
			v.Add("campaignId", "validation.award.campaignMissing")
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	if creating {
		p.Status = StatusDraft
		p.MeetingDate, p.MeetingPlace, p.MembersTotal, p.MembersPresent = "", "", 0, 0
		p.ChairName, p.SecretaryName, p.Conclusion, p.ReturnReason = "", "", "", ""
		p.DecisionNumber, p.DecisionDate, p.DecisionIssuer = "", "", ""
		p.ToTrinhDocID, p.BienBanDocID = nil, nil
		if err := tx.Create(p).Error; err != nil {
			return fmt.Errorf("create proposal: %w", err)
		}
		return event(tx, p.ID, "", StatusDraft, "")
	}
	return store.UpdateVersioned(tx, p, "awardProposal", "campaign_id", "stage", "year", "name", "submit_to",
		"threshold", "threshold_base", "note", "search_key")
}

// DeleteProposal soft-deletes a draft batch (its nominees stay with it for
// a restore). A batch past nháp is part of the record and stays.
func (s *Service) DeleteProposal(ctx context.Context, agencyID, id string) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var p Proposal
		if err := store.Get(tx.Where("agency_id = ?", agencyID), &p, "awardProposal", id); err != nil {
			return err
		}
		if p.Status != StatusDraft {
			return fault.New(fault.ErrConflict, "errors.award.deleteNotDraft")
		}
		return store.SoftDelete(tx, &Proposal{}, "awardProposal", id)
	})
}

// RestoreProposal undeletes a batch whose campaign is live.
func (s *Service) RestoreProposal(ctx context.Context, agencyID, id string) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var p Proposal
		if err := store.Get(tx.Unscoped().Where("agency_id = ? AND deleted_at IS NOT NULL", agencyID), &p, "awardProposal", id); err != nil {
			return err
		}
		n, err := count(tx, &campaign.Campaign{}, "id = ?", p.CampaignID)
		if err != nil {
			return err
		}
		if n == 0 {
			return fault.New(fault.ErrConflict, "errors.award.campaignDeleted")
		}
		return store.Restore(tx, &Proposal{}, "awardProposal", id)
	})
}

// liveProposal loads a live proposal of the agency.
func liveProposal(tx *gorm.DB, agencyID, id string) (Proposal, error) {
	var p Proposal
	err := store.Get(tx.Where("agency_id = ?", agencyID), &p, "awardProposal", id)
	return p, err
}

// nomineeOf loads a live nominee of a live proposal of the agency.
func nomineeOf(tx *gorm.DB, agencyID, id string) (Nominee, Proposal, error) {
	var n Nominee
	if err := store.Get(tx, &n, "awardNominee", id); err != nil {
		return n, Proposal{}, err
	}
	p, err := liveProposal(tx, agencyID, n.ProposalID)
	if err != nil {
		if fe, ok := fault.As(err); ok && fe.Key == "errors.notFound" {
			return n, p, fault.NotFound("awardNominee")
		}
		return n, p, err
	}
	return n, p, nil
}

func (n *Nominee) normalise() {
	n.ProposalID = vntext.Clean(n.ProposalID)
	n.SubjectKind = vntext.Clean(n.SubjectKind)
	n.UnitID, n.StaffID = subjectRef(n.SubjectKind, vntext.CleanRef(n.UnitID), vntext.CleanRef(n.StaffID))
	n.FormCode = vntext.Clean(n.FormCode)
	n.ReportForm = vntext.Clean(n.ReportForm)
	n.Summary = vntext.CleanText(n.Summary)
	n.Report = strings.TrimSpace(vntext.NFC(n.Report))
	n.Note = vntext.CleanText(n.Note)
}

// SaveNominee creates (empty ID) or updates a nominee. In nháp everything
// but the ballots may change (they change through RecordVote); in trả lại
// only the summary, the report form, the report and the note; otherwise
// nothing. A new nominee gets the report form "chuyên đề" unless one is
// given: the app's campaigns are thematic movements.
func (s *Service) SaveNominee(ctx context.Context, agencyID string, n Nominee) (Nominee, error) {
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return SaveNomineeTx(tx, agencyID, &n)
	})
	return n, err
}

// SaveNomineeTx is SaveNominee inside the caller's transaction.
func SaveNomineeTx(tx *gorm.DB, agencyID string, n *Nominee) error {
	n.normalise()
	creating := n.ID == ""
	var prop Proposal
	if creating {
		p, err := liveProposal(tx, agencyID, n.ProposalID)
		if err != nil {
			return err
		}
		prop = p
		if prop.Status != StatusDraft {
			return fault.New(fault.ErrConflict, "errors.award.nomineesLocked", "status", prop.Status)
		}
		if n.ReportForm == "" {
			n.ReportForm = ReportThematic
		}
		n.BallotsFor, n.Voted = 0, false
	} else {
		old, p, err := nomineeOf(tx, agencyID, n.ID)
		if err != nil {
			return err
		}
		prop = p
		if n.Version != old.Version {
			return fault.Stale("awardNominee")
		}
		switch {
		case prop.Status == StatusDraft:
		case prop.Status == StatusReturned:
			if n.SubjectKind != old.SubjectKind || !sameRef(n.UnitID, old.UnitID) || !sameRef(n.StaffID, old.StaffID) ||
				n.FormCode != old.FormCode || n.SortOrder != old.SortOrder {
				return fault.New(fault.ErrConflict, "errors.award.nomineesLocked", "status", prop.Status)
			}
		default:
			return fault.New(fault.ErrConflict, "errors.award.nomineesLocked", "status", prop.Status)
		}
		n.ProposalID, n.BallotsFor, n.Voted = old.ProposalID, old.BallotsFor, old.Voted
	}
	var v fault.Validation
	v.OneOf("subjectKind", n.SubjectKind, Subjects...)
	var subj subject
	if !v.Has("subjectKind") {
		field := "unitId"
		if n.SubjectKind == SubjectStaff {
			field = "staffId"
		}
		s, err := loadSubject(tx, agencyID, n.SubjectKind, n.UnitID, n.StaffID)
		switch {
		case err == nil:
			subj = s
		case isNotFound(err):
			if (n.SubjectKind == SubjectUnit && n.UnitID == nil) || (n.SubjectKind == SubjectStaff && n.StaffID == nil) {
				v.Add(field, "validation.required")
			} else {
				v.Add(field, "validation.award.subjectMissing")
			}
		default:
			return err
		}
	}
	if v.Required("formCode", n.FormCode) {
		var f Form
		if err := tx.Where("agency_id = ? AND code = ?", agencyID, n.FormCode).Limit(1).Find(&f).Error; err != nil {
			return fmt.Errorf("check form: %w", err)
		}
		switch {
		case f.ID == "":
			v.Add("formCode", "validation.award.formMissing")
		case !f.Active && creating:
			v.Add("formCode", "validation.award.formInactive")
		case subj.Kind != "" && !targetFits(f.Target, subj.Kind):
			v.Add("formCode", "validation.award.formTarget")
		}
	}
	if v.Required("reportForm", n.ReportForm) {
		v.OneOf("reportForm", n.ReportForm, ReportForms...)
		if (n.ReportForm == ReportUnit && n.SubjectKind == SubjectStaff) || (n.ReportForm == ReportStaff && n.SubjectKind == SubjectUnit) {
			v.Add("reportForm", "validation.award.reportForm")
		}
	}
	v.MaxLen("summary", n.Summary, 3000)
	if vntext.Len(n.Report) > 200000 {
		v.Add("report", "validation.tooLong", "max", 200000, "length", vntext.Len(n.Report))
	} else if _, err := ParseReport(n.Report); err != nil {
		v.Add("report", "validation.award.report")
	}
	v.MaxLen("note", n.Note, 2000)
	if subj.Kind != "" {
		q := sameSubject(tx.Model(&Nominee{}), "award_nominees", subj.Kind, subj.UnitID, subj.StaffID).
			Where("award_nominees.proposal_id = ?", n.ProposalID)
		if !creating {
			q = q.Where("award_nominees.id <> ?", n.ID)
		}
		var dup int64
		if err := q.Count(&dup).Error; err != nil {
			return fmt.Errorf("check duplicate nominee: %w", err)
		}
		if dup > 0 {
			field := "unitId"
			if subj.Kind == SubjectStaff {
				field = "staffId"
			}
			v.Add(field, "validation.award.nomineeDuplicate")
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	if creating {
		if n.SortOrder == 0 {
			var max struct{ M int }
			if err := tx.Model(&Nominee{}).Select("COALESCE(MAX(sort_order), 0) AS m").Where("proposal_id = ?", n.ProposalID).
				Scan(&max).Error; err != nil {
				return fmt.Errorf("nominee order: %w", err)
			}
			n.SortOrder = max.M + 10
		}
		if err := tx.Create(n).Error; err != nil {
			return fmt.Errorf("create nominee: %w", err)
		}
		return nil
	}
	return store.UpdateVersioned(tx, n, "awardNominee", "subject_kind", "unit_id", "staff_id", "form_code", "report_form",
		"summary", "report", "sort_order", "note")
}

func sameRef(a, b *string) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

func isNotFound(err error) bool {
	fe, ok := fault.As(err)
	return ok && fe.Key == "errors.notFound"
}

// DeleteNominee soft-deletes a nominee of a draft batch.
func (s *Service) DeleteNominee(ctx context.Context, agencyID, id string) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		_, p, err := nomineeOf(tx, agencyID, id)
		if err != nil {
			return err
		}
		if p.Status != StatusDraft {
			return fault.New(fault.ErrConflict, "errors.award.nomineesLocked", "status", p.Status)
		}
		return store.SoftDelete(tx, &Nominee{}, "awardNominee", id)
	})
}

// Ballot is one nominee's count of votes for.
type Ballot struct {
	NomineeID  string `json:"nomineeId"`
	BallotsFor int    `json:"ballotsFor"`
}

// VoteInput is the council meeting and its secret-ballot counts.
type VoteInput struct {
	ProposalID     string   `json:"proposalId"`
	Version        int64    `json:"version"`
	MeetingDate    string   `json:"meetingDate"`
	MeetingPlace   string   `json:"meetingPlace"`
	MembersTotal   int      `json:"membersTotal"`
	MembersPresent int      `json:"membersPresent"`
	ChairName      string   `json:"chairName"`
	SecretaryName  string   `json:"secretaryName"`
	Conclusion     string   `json:"conclusion"`
	Ballots        []Ballot `json:"ballots"`
}

// RecordVote saves the council meeting of a draft batch and the ballot
// counts given (a nominee not listed keeps its count). Every figure is
// checked: members present ≤ members total, ballots for ≤ members present.
// A nominee whose count is recorded is marked as voted.
func (s *Service) RecordVote(ctx context.Context, agencyID string, in VoteInput) (Proposal, error) {
	var p Proposal
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		p, err = RecordVoteTx(tx, agencyID, in)
		return err
	})
	return p, err
}

// RecordVoteTx is RecordVote inside the caller's transaction.
func RecordVoteTx(tx *gorm.DB, agencyID string, in VoteInput) (Proposal, error) {
	p, err := liveProposal(tx, agencyID, vntext.Clean(in.ProposalID))
	if err != nil {
		return p, err
	}
	err = applyVote(tx, &p, in)
	return p, err
}

// applyVote checks and saves a vote of a loaded proposal.
func applyVote(tx *gorm.DB, p *Proposal, in VoteInput) error {
	if p.Version != in.Version {
		return fault.Stale("awardProposal")
	}
	if p.Status != StatusDraft {
		return fault.New(fault.ErrConflict, "errors.award.voteLocked", "status", p.Status)
	}
	in.MeetingDate = vntext.Clean(in.MeetingDate)
	in.MeetingPlace = vntext.Clean(in.MeetingPlace)
	in.ChairName = vntext.Clean(in.ChairName)
	in.SecretaryName = vntext.Clean(in.SecretaryName)
	in.Conclusion = vntext.CleanText(in.Conclusion)
	var v fault.Validation
	if d, ok := v.Date("meetingDate", in.MeetingDate, false); ok && d.Format(fault.DateLayout) > todayISO() {
		v.Add("meetingDate", "validation.dateFuture")
	}
	v.MaxLen("meetingPlace", in.MeetingPlace, 200)
	if in.MembersTotal < 0 || in.MembersTotal > maxMembers {
		v.Add("membersTotal", "validation.range", "min", 0, "max", maxMembers)
	}
	switch {
	case in.MembersPresent < 0:
		v.Add("membersPresent", "validation.range", "min", 0, "max", maxMembers)
	case in.MembersPresent > in.MembersTotal && !v.Has("membersTotal"):
		v.Add("membersPresent", "validation.award.presentOverTotal", "total", in.MembersTotal)
	}
	v.MaxLen("chairName", in.ChairName, 120)
	v.MaxLen("secretaryName", in.SecretaryName, 120)
	v.MaxLen("conclusion", in.Conclusion, 5000)
	var noms []Nominee
	if err := tx.Where("proposal_id = ?", p.ID).Find(&noms).Error; err != nil {
		return fmt.Errorf("vote nominees: %w", err)
	}
	byID := map[string]*Nominee{}
	for i := range noms {
		byID[noms[i].ID] = &noms[i]
	}
	changed := map[string]bool{}
	for i, b := range in.Ballots {
		field := fmt.Sprintf("ballots.%d", i)
		n, ok := byID[vntext.Clean(b.NomineeID)]
		switch {
		case !ok:
			v.Add(field, "validation.award.nomineeMissing")
		case b.BallotsFor < 0:
			v.Add(field, "validation.range", "min", 0, "max", in.MembersPresent)
		case b.BallotsFor > in.MembersPresent:
			v.Add(field, "validation.award.ballotsOverPresent", "present", in.MembersPresent)
		default:
			n.BallotsFor, n.Voted = b.BallotsFor, true
			changed[n.ID] = true
		}
	}
	// Counts recorded earlier must still fit the members present.
	for _, n := range noms {
		if n.Voted && !changed[n.ID] && n.BallotsFor > in.MembersPresent {
			v.Add("membersPresent", "validation.award.presentUnderBallots", "ballots", n.BallotsFor)
			break
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	p.MeetingDate, p.MeetingPlace, p.MembersTotal, p.MembersPresent = in.MeetingDate, in.MeetingPlace, in.MembersTotal, in.MembersPresent
	p.ChairName, p.SecretaryName, p.Conclusion = in.ChairName, in.SecretaryName, in.Conclusion
	for id := range changed {
		n := byID[id]
		if err := tx.Model(&Nominee{}).Where("id = ?", id).Updates(map[string]any{
			"ballots_for": n.BallotsFor, "voted": true, "version": gorm.Expr("version + 1"),
			"updated_at": time.Now().UTC()}).Error; err != nil {
			return fmt.Errorf("save ballots: %w", err)
		}
	}
	return store.UpdateVersioned(tx, p, "awardProposal", "meeting_date", "meeting_place", "members_total",
		"members_present", "chair_name", "secretary_name", "conclusion")
}

// MoveInput is a status change with its reason or decision.
type MoveInput struct {
	ProposalID     string `json:"proposalId"`
	Version        int64  `json:"version"`
	To             string `json:"to"`
	Reason         string `json:"reason"`
	DecisionNumber string `json:"decisionNumber"`
	DecisionDate   string `json:"decisionDate"`
	DecisionIssuer string `json:"decisionIssuer"`
}

// Move changes a proposal's status along the workflow and writes the event:
//
//	nhap → da_xet: needs the meeting date, members total and present, and
//	  a ballot count on every nominee (at least one nominee);
//	da_xet → nhap: reopens, keeping the counts;
//	da_xet → da_trinh: needs at least one nominee who passed;
//	da_trinh → tra_lai: needs the reason;
//	tra_lai → da_trinh: resubmits;
//	tra_lai → nhap: back to editing; the vote must be redone;
//	da_trinh → da_quyet_dinh: needs the decision number, date and issuer,
//	  and writes one history record per nominee who passed.
//
// Any other move is refused with errors.award.badMove.
func (s *Service) Move(ctx context.Context, agencyID string, in MoveInput) (Proposal, error) {
	var p Proposal
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		p, err = MoveTx(tx, agencyID, in)
		return err
	})
	return p, err
}

// MoveTx is Move inside the caller's transaction.
func MoveTx(tx *gorm.DB, agencyID string, in MoveInput) (Proposal, error) {
	p, err := liveProposal(tx, agencyID, vntext.Clean(in.ProposalID))
	if err != nil {
		return p, err
	}
	to := vntext.Clean(in.To)
	reason := vntext.CleanText(in.Reason)
	if !slices.Contains(Statuses, to) {
		var v fault.Validation
		v.Add("to", "validation.oneOf")
		return p, v.Err()
	}
	if p.Version != in.Version {
		return p, fault.Stale("awardProposal")
	}
	from := p.Status
	if !CanMove(from, to) {
		return p, fault.New(fault.ErrConflict, "errors.award.badMove", "from", from, "to", to)
	}
	var v fault.Validation
	v.MaxLen("reason", reason, 2000)
	var noms []Nominee
	if err := tx.Where("proposal_id = ?", p.ID).Order("sort_order ASC").Order("id ASC").Find(&noms).Error; err != nil {
		return p, fmt.Errorf("move nominees: %w", err)
	}
	cols := []string{"status"}
	switch {
	case from == StatusDraft && to == StatusReviewed:
		v.Required("meetingDate", p.MeetingDate)
		if p.MembersTotal < 1 {
			v.Add("membersTotal", "validation.award.membersRequired")
		}
		if p.MembersPresent < 1 {
			v.Add("membersPresent", "validation.award.membersRequired")
		}
		if len(noms) == 0 {
			v.Add("nominees", "validation.award.noNominees")
		}
		unvoted := 0
		for _, n := range noms {
			if !n.Voted {
				unvoted++
			}
		}
		if unvoted > 0 {
			v.Add("ballots", "validation.award.unvoted", "count", unvoted)
		}
	case from == StatusReviewed && to == StatusSubmitted:
		passed := 0
		for _, n := range noms {
			if n.Voted && Passed(n.BallotsFor, p) {
				passed++
			}
		}
		if passed == 0 {
			v.Add("nominees", "validation.award.nonePassed")
		}
	case to == StatusReturned:
		if v.Required("reason", reason) {
			p.ReturnReason = reason
			cols = append(cols, "return_reason")
		}
	case from == StatusReturned && to == StatusDraft:
		// The vote is redone: every count is cleared.
		if err := tx.Model(&Nominee{}).Where("proposal_id = ?", p.ID).Updates(map[string]any{
			"ballots_for": 0, "voted": false, "version": gorm.Expr("version + 1"), "updated_at": time.Now().UTC()}).Error; err != nil {
			return p, fmt.Errorf("clear ballots: %w", err)
		}
	case to == StatusDecided:
		p.DecisionNumber = vntext.Clean(in.DecisionNumber)
		p.DecisionDate = vntext.Clean(in.DecisionDate)
		p.DecisionIssuer = vntext.Clean(in.DecisionIssuer)
		v.Text("decisionNumber", p.DecisionNumber, true, 60)
		if d, ok := v.Date("decisionDate", p.DecisionDate, true); ok {
			iso := d.Format(fault.DateLayout)
			if iso > todayISO() {
				v.Add("decisionDate", "validation.dateFuture")
			} else if p.MeetingDate != "" && iso < p.MeetingDate {
				v.Add("decisionDate", "validation.award.decisionBeforeMeeting", "date", p.MeetingDate)
			}
		}
		v.Text("decisionIssuer", p.DecisionIssuer, true, 200)
		cols = append(cols, "decision_number", "decision_date", "decision_issuer", "search_key")
		p.SearchKey = SearchKey(p.Name, p.SubmitTo, p.DecisionNumber, p.Note)
	}
	if err := v.Err(); err != nil {
		return p, err
	}
	if to == StatusDecided {
		if err := writeDecision(tx, agencyID, p, noms); err != nil {
			return p, err
		}
		reason = strings.TrimSpace(fmt.Sprintf("%s %s %s", p.DecisionNumber, p.DecisionDate, reason))
	}
	p.Status = to
	if err := store.UpdateVersioned(tx, &p, "awardProposal", cols...); err != nil {
		return p, err
	}
	return p, event(tx, p.ID, from, to, reason)
}

// writeDecision writes one history record per nominee who passed (a form
// of the decision's year, a title of the batch's year). Every
// campaign of the app is a thematic movement (phong trào thi đua theo
// chuyên đề), so the records are thematic: NĐ 152/2025 Điều 4 khoản 3
// keeps them from counting toward higher merit awards.
func writeDecision(tx *gorm.DB, agencyID string, p Proposal, noms []Nominee) error {
	forms, err := formsByCode(tx, agencyID)
	if err != nil {
		return err
	}
	// A form (hình thức) is of the year of its decision; a title (danh
	// hiệu) is of the year it rewards, the batch's year.
	decisionYear := p.Year
	if t, err := time.Parse(fault.DateLayout, p.DecisionDate); err == nil {
		decisionYear = t.Year()
	}
	campID := p.CampaignID
	propID := p.ID
	var recs []Record
	for _, n := range noms {
		if !n.Voted || !Passed(n.BallotsFor, p) {
			continue
		}
		subj, err := loadSubjectAny(tx, n.SubjectKind, n.UnitID, n.StaffID)
		if err != nil {
			return err
		}
		f := forms[n.FormCode]
		title := f.Name
		if title == "" {
			title = n.FormCode
		}
		kind, year := f.Kind, decisionYear
		if kind == "" {
			kind = KindForm
		}
		if kind == KindTitle {
			year = p.Year
		}
		nid := n.ID
		r := Record{AgencyID: agencyID, SubjectKind: n.SubjectKind, UnitID: n.UnitID, StaffID: n.StaffID,
			SubjectName: subj.Name, Year: year, Kind: kind, FormCode: n.FormCode, Title: title,
			DecisionNumber: p.DecisionNumber, DecisionDate: p.DecisionDate, DecisionIssuer: p.DecisionIssuer,
			Thematic: true, CampaignID: &campID, ProposalID: &propID, NomineeID: &nid, Origin: OriginDecision}
		r.SearchKey = SearchKey(r.SubjectName, r.Title, r.DecisionNumber, r.DecisionIssuer, r.Note)
		recs = append(recs, r)
	}
	if len(recs) == 0 {
		return nil
	}
	if err := tx.CreateInBatches(&recs, 50).Error; err != nil {
		return fmt.Errorf("write decision history: %w", err)
	}
	return nil
}

// loadSubjectAny resolves a subject's name even when it has been deleted
// since it was nominated.
func loadSubjectAny(tx *gorm.DB, kind string, unitID, staffID *string) (subject, error) {
	s := subject{Kind: kind, UnitID: unitID, StaffID: staffID}
	switch {
	case kind == SubjectUnit && unitID != nil:
		var u unitRow
		if err := tx.Unscoped().Where("id = ?", *unitID).Limit(1).Find(&u).Error; err != nil {
			return s, fmt.Errorf("subject unit: %w", err)
		}
		s.Name = u.Name
	case kind == SubjectStaff && staffID != nil:
		var p staffRow
		if err := tx.Unscoped().Where("id = ?", *staffID).Limit(1).Find(&p).Error; err != nil {
			return s, fmt.Errorf("subject staff: %w", err)
		}
		s.Name, s.Position, s.BirthYear, s.Gender, s.Category = p.FullName, p.Position, p.BirthYear, p.Gender, p.Category
		if p.UnitID != nil {
			var u unitRow
			if err := tx.Unscoped().Where("id = ?", *p.UnitID).Limit(1).Find(&u).Error; err != nil {
				return s, fmt.Errorf("subject staff unit: %w", err)
			}
			s.UnitName = u.Name
		}
	}
	return s, nil
}
