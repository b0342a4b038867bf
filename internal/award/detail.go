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
	for _, n := range noms {
		subj, err := loadSubjectAny(tx, n.SubjectKind, n.UnitID, n.StaffID)
		if err != nil {
			return d, err
		}
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
		q := sameSubject(tx.Model(&Record{}), "award_records", n.SubjectKind, n.UnitID, n.StaffID).
			Where("award_records.agency_id = ? AND (award_records.proposal_id IS NULL OR award_records.proposal_id <> ?)", agencyID, p.ID)
		if err := q.Order("year ASC").Order("decision_date ASC").Order("id ASC").Find(&nd.History).Error; err != nil {
			return d, fmt.Errorf("nominee history: %w", err)
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
