package award

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"

	"chungsuc/internal/attach"
	"chungsuc/internal/campaign"
	"chungsuc/internal/fault"
	"chungsuc/internal/vntext"
)

// NomineeDetail is a nominee with what the lists, the reports and the
// minutes print about it.
type NomineeDetail struct {
	Nominee
	// Name is the unit's name or the person's full name.
	Name string `json:"name"`
	// Position and UnitName are the person's position and unit ("" for a unit).
	Position  string `json:"position"`
	UnitName  string `json:"unitName"`
	BirthYear int    `json:"birthYear"`
	Gender    string `json:"gender"`
	Category  string `json:"category"`
	Form      Form   `json:"form"`
	// Percent is ballots for / base × 100; Passed applies the threshold.
	Percent float64 `json:"percent"`
	Passed  bool    `json:"passed"`
	// History is the subject's earlier awards and titles, oldest first (the
	// records written by this proposal's decision are not "earlier").
	History     []Record            `json:"history"`
	Attachments []attach.Attachment `json:"attachments"`
}

// ProposalDetail is a proposal batch with everything about it.
type ProposalDetail struct {
	Proposal
	Campaign campaign.Campaign `json:"campaign"`
	Nominees []NomineeDetail   `json:"nominees"`
	// Events is the timeline, oldest first.
	Events []Event `json:"events"`
	// Forms are the catalogue entries the nominees use, by code.
	Forms map[string]Form `json:"forms" ts_type:"{ [code: string]: Form }"`
	// Base is the number of members the percentages are of.
	Base   int `json:"base"`
	Passed int `json:"passed"`
	// Next lists the statuses the batch may move to.
	Next []string `json:"next"`
}

// GetProposal returns a live proposal batch with its campaign, nominees
// (collectives first, then individuals, each in their order), events and forms.
func (s *Service) GetProposal(ctx context.Context, agencyID, id string) (ProposalDetail, error) {
	var d ProposalDetail
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		d, err = GetProposalTx(tx, agencyID, id)
		return err
	})
	return d, err
}

// GetProposalTx is GetProposal inside the caller's transaction.
func GetProposalTx(tx *gorm.DB, agencyID, id string) (ProposalDetail, error) {
	d := ProposalDetail{Nominees: []NomineeDetail{}, Events: []Event{}, Forms: map[string]Form{}}
	p, err := liveProposal(tx, agencyID, id)
	if err != nil {
		return d, err
	}
	d.Proposal, d.Base, d.Next = p, VoteBase(p), NextStatuses(p.Status)
	order := func(db *gorm.DB) *gorm.DB { return db.Order("sort_order ASC") }
	if err := tx.Unscoped().Preload("LegalBases", order).Preload("Targets", order).Preload("Milestones", order).
		Where("id = ?", p.CampaignID).Limit(1).Find(&d.Campaign).Error; err != nil {
		return d, fmt.Errorf("proposal campaign: %w", err)
	}
	if err := tx.Where("proposal_id = ?", p.ID).Order("at ASC").Order("id ASC").Find(&d.Events).Error; err != nil {
		return d, fmt.Errorf("proposal events: %w", err)
	}
	var noms []Nominee
	if err := tx.Where("proposal_id = ?", p.ID).
		Order("CASE WHEN subject_kind = 'unit' THEN 0 ELSE 1 END").Order("sort_order ASC").Order("id ASC").
		Find(&noms).Error; err != nil {
		return d, fmt.Errorf("proposal nominees: %w", err)
	}
	forms, err := formsByCode(tx, agencyID)
	if err != nil {
		return d, err
	}
	ids := make([]string, 0, len(noms))
	for _, n := range noms {
		ids = append(ids, n.ID)
	}
	files := map[string][]attach.Attachment{}
	if len(ids) > 0 {
		var list []attach.Attachment
		if err := tx.Where("agency_id = ? AND owner_type = ? AND owner_id IN ?", agencyID, OwnerNominee, ids).
			Order("created_at ASC").Order("id ASC").Find(&list).Error; err != nil {
			return d, fmt.Errorf("nominee attachments: %w", err)
		}
		for _, a := range list {
			files[a.OwnerID] = append(files[a.OwnerID], a)
		}
	}
	subjects, history, err := nomineeSubjects(tx, agencyID, p.ID, noms)
	if err != nil {
		return d, err
	}
	for _, n := range noms {
		subj := subjects[subjectKey(n.SubjectKind, n.UnitID, n.StaffID)]
		subj.Kind, subj.UnitID, subj.StaffID = n.SubjectKind, n.UnitID, n.StaffID
		nd := NomineeDetail{Nominee: n, Name: subj.Name, Position: subj.Position, UnitName: subj.UnitName,
			BirthYear: subj.BirthYear, Gender: subj.Gender, Category: subj.Category, Form: forms[n.FormCode],
			Percent: Percent(n.BallotsFor, p), Passed: n.Voted && Passed(n.BallotsFor, p),
			History: []Record{}, Attachments: files[n.ID]}
		if nd.Attachments == nil {
			nd.Attachments = []attach.Attachment{}
		}
		if f, ok := forms[n.FormCode]; ok {
			d.Forms[n.FormCode] = f
		}
		if h := history[subjectKey(n.SubjectKind, n.UnitID, n.StaffID)]; h != nil {
			nd.History = h
		}
		if nd.Passed {
			d.Passed++
		}
		d.Nominees = append(d.Nominees, nd)
	}
	return d, nil
}

// LatestProposalID returns the id of the agency's newest live batch (by
// year, then creation), or a NotFound error when there is none.
func (s *Service) LatestProposalID(ctx context.Context, agencyID string) (string, error) {
	var p Proposal
	err := s.db.WithContext(ctx).Select("id").Where("agency_id = ?", agencyID).
		Order("year DESC").Order("created_at DESC").Order("id DESC").Take(&p).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return "", fault.NotFound("awardProposal")
	}
	if err != nil {
		return "", fmt.Errorf("latest proposal: %w", err)
	}
	return p.ID, nil
}

// docRow is the little of a document SetDocuments checks.
type docRow struct {
	ID       string `gorm:"column:id"`
	AgencyID string `gorm:"column:agency_id"`
}

func (docRow) TableName() string { return "documents" }

// SetDocuments links the drafted Tờ trình and Biên bản to a batch. A nil
// id leaves that link as it is; a pointer to "" clears it. The link is not
// an edit of the batch: its version does not change.
func (s *Service) SetDocuments(ctx context.Context, agencyID, proposalID string, toTrinhDocID, bienBanDocID *string) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		p, err := liveProposal(tx, agencyID, proposalID)
		if err != nil {
			return err
		}
		set := map[string]any{}
		for col, ref := range map[string]*string{"to_trinh_doc_id": toTrinhDocID, "bien_ban_doc_id": bienBanDocID} {
			if ref == nil {
				continue
			}
			id := vntext.Clean(*ref)
			if id == "" {
				set[col] = nil
				continue
			}
			var doc docRow
			if err := tx.Where("agency_id = ? AND id = ? AND deleted_at IS NULL", agencyID, id).Limit(1).Find(&doc).Error; err != nil {
				return fmt.Errorf("check document: %w", err)
			}
			if doc.ID == "" {
				return fault.NotFound("document")
			}
			set[col] = id
		}
		if len(set) == 0 {
			return nil
		}
		if err := tx.Model(&Proposal{}).Where("id = ?", p.ID).UpdateColumns(set).Error; err != nil {
			return fmt.Errorf("link documents: %w", err)
		}
		return nil
	})
}

// subjectKey names a unit or a person across the nominees of a batch.
func subjectKey(kind string, unitID, staffID *string) string {
	switch {
	case kind == SubjectUnit && unitID != nil:
		return "u:" + *unitID
	case kind == SubjectStaff && staffID != nil:
		return "s:" + *staffID
	}
	return ""
}

// nomineeSubjects loads, in a few queries whatever the batch's size, the
// name, position and unit of every nominee and their earlier titles and
// awards (the records of this batch's own decision excluded), oldest first.
func nomineeSubjects(tx *gorm.DB, agencyID, proposalID string, noms []Nominee) (map[string]subject, map[string][]Record, error) {
	var unitIDs, staffIDs []string
	for _, n := range noms {
		switch {
		case n.SubjectKind == SubjectUnit && n.UnitID != nil:
			unitIDs = append(unitIDs, *n.UnitID)
		case n.SubjectKind == SubjectStaff && n.StaffID != nil:
			staffIDs = append(staffIDs, *n.StaffID)
		}
	}
	subjects := map[string]subject{}
	history := map[string][]Record{}
	if len(unitIDs)+len(staffIDs) == 0 {
		return subjects, history, nil
	}
	var people []staffRow
	if len(staffIDs) > 0 {
		if err := tx.Unscoped().Where("id IN ?", staffIDs).Find(&people).Error; err != nil {
			return nil, nil, fmt.Errorf("nominee staff: %w", err)
		}
	}
	allUnits := append([]string{}, unitIDs...)
	for _, p := range people {
		if p.UnitID != nil {
			allUnits = append(allUnits, *p.UnitID)
		}
	}
	unitName := map[string]string{}
	if len(allUnits) > 0 {
		var units []unitRow
		if err := tx.Unscoped().Where("id IN ?", allUnits).Find(&units).Error; err != nil {
			return nil, nil, fmt.Errorf("nominee units: %w", err)
		}
		for _, u := range units {
			unitName[u.ID] = u.Name
		}
	}
	for _, id := range unitIDs {
		subjects["u:"+id] = subject{Name: unitName[id]}
	}
	for _, p := range people {
		s := subject{Name: p.FullName, Position: p.Position, BirthYear: p.BirthYear, Gender: p.Gender, Category: p.Category}
		if p.UnitID != nil {
			s.UnitName = unitName[*p.UnitID]
		}
		subjects["s:"+p.ID] = s
	}
	if len(unitIDs) == 0 {
		unitIDs = []string{""}
	}
	if len(staffIDs) == 0 {
		staffIDs = []string{""}
	}
	var recs []Record
	if err := tx.Where("agency_id = ? AND (proposal_id IS NULL OR proposal_id <> ?)", agencyID, proposalID).
		Where("(subject_kind = ? AND unit_id IN ?) OR (subject_kind = ? AND staff_id IN ?)", SubjectUnit, unitIDs, SubjectStaff, staffIDs).
		Order("year ASC").Order("decision_date ASC").Order("id ASC").Find(&recs).Error; err != nil {
		return nil, nil, fmt.Errorf("nominee history: %w", err)
	}
	for _, r := range recs {
		k := subjectKey(r.SubjectKind, r.UnitID, r.StaffID)
		history[k] = append(history[k], r)
	}
	return subjects, history, nil
}
