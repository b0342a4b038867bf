package emulation

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"chungsuc/internal/campaign"
	"chungsuc/internal/fault"
	"chungsuc/internal/org"
	"chungsuc/internal/store"
	"chungsuc/internal/vntext"
)

// SheetKey names one subject's sheet of one year of a campaign.
type SheetKey struct {
	CampaignID  string `json:"campaignId"`
	Year        int    `json:"year"`
	SubjectKind string `json:"subjectKind"`
	// SubjectID is the unit's id (tap_the) or the staff member's (ca_nhan).
	SubjectID string `json:"subjectId"`
}

func (k *SheetKey) normalise() {
	k.CampaignID = vntext.Clean(k.CampaignID)
	k.SubjectKind = vntext.Clean(k.SubjectKind)
	k.SubjectID = vntext.Clean(k.SubjectID)
}

// ItemView is one criterion of a sheet with its scores and the facts the
// database holds for it.
type ItemView struct {
	Criterion Criterion `json:"criterion"`
	// ItemID is "" while the criterion has not been scored on this sheet.
	ItemID       string   `json:"itemId"`
	SelfScore    float64  `json:"selfScore"`
	Evidence     string   `json:"evidence"`
	ReviewScore  *float64 `json:"reviewScore"`
	ReviewReason string   `json:"reviewReason"`
	// Facts are the facts of the criterion's fact kind (none without one).
	Facts []Fact `json:"facts"`
}

// SheetDetail is a sheet as the score screen shows it. A subject without
// a sheet yet gets an unsaved one (ID "", status tu_cham, version 0): the
// first self-assessment save creates it.
type SheetDetail struct {
	Sheet
	SubjectID    string     `json:"subjectId"`
	SubjectName  string     `json:"subjectName"`
	UnitName     string     `json:"unitName"`
	Position     string     `json:"position"`
	CampaignName string     `json:"campaignName"`
	GradeName    string     `json:"gradeName"`
	MaxTotal     float64    `json:"maxTotal"`
	Items        []ItemView `json:"items"`
	Facts        []Fact     `json:"facts"`
	Grades       []Grade    `json:"grades"`
}

// subject is a unit or a staff member as a sheet names it.
type subject struct {
	ID, Name, UnitName, Position string
}

// findSubject returns the agency's live unit or staff member, or a field
// error on "subjectId".
func findSubject(tx *gorm.DB, agencyID, kind, id string, v *fault.Validation) (subject, error) {
	if id == "" {
		v.Add("subjectId", "validation.required")
		return subject{}, nil
	}
	switch kind {
	case TargetUnit:
		var u org.Unit
		if err := tx.Where("agency_id = ? AND id = ?", agencyID, id).Limit(1).Find(&u).Error; err != nil {
			return subject{}, fmt.Errorf("find unit: %w", err)
		}
		if u.ID == "" {
			v.Add("subjectId", "errors.emulation.subjectMissing")
			return subject{}, nil
		}
		return subject{ID: u.ID, Name: u.Name}, nil
	case TargetStaff:
		var p org.Staff
		if err := tx.Where("agency_id = ? AND id = ?", agencyID, id).Limit(1).Find(&p).Error; err != nil {
			return subject{}, fmt.Errorf("find staff: %w", err)
		}
		if p.ID == "" {
			v.Add("subjectId", "errors.emulation.subjectMissing")
			return subject{}, nil
		}
		sub := subject{ID: p.ID, Name: p.FullName, Position: p.Position}
		if p.UnitID != nil {
			var u org.Unit
			if err := tx.Unscoped().Select("name").Where("id = ?", *p.UnitID).Limit(1).Find(&u).Error; err != nil {
				return subject{}, fmt.Errorf("find unit: %w", err)
			}
			sub.UnitName = u.Name
		}
		return sub, nil
	}
	return subject{}, nil
}

// checkKey validates a sheet key: the campaign, the year within its
// period, the kind and the subject.
func checkKey(tx *gorm.DB, agencyID string, k SheetKey) (campaign.Campaign, subject, error) {
	var v fault.Validation
	c, err := loadCampaign(tx, agencyID, k.CampaignID, &v)
	if err != nil {
		return c, subject{}, err
	}
	if c.ID != "" && (k.Year < c.FromYear || k.Year > c.ToYear) {
		v.Add("year", "errors.emulation.yearOutside", "from", c.FromYear, "to", c.ToYear)
	}
	var sub subject
	if checkTarget(&v, "subjectKind", k.SubjectKind) {
		if sub, err = findSubject(tx, agencyID, k.SubjectKind, k.SubjectID, &v); err != nil {
			return c, sub, err
		}
	}
	return c, sub, v.Err()
}

// findSheet loads the live sheet of a key; ID "" when there is none.
func findSheet(tx *gorm.DB, agencyID string, k SheetKey) (Sheet, error) {
	var sh Sheet
	q := tx.Where("agency_id = ? AND campaign_id = ? AND year = ? AND subject_kind = ?", agencyID, k.CampaignID, k.Year, k.SubjectKind)
	if k.SubjectKind == TargetUnit {
		q = q.Where("unit_id = ?", k.SubjectID)
	} else {
		q = q.Where("staff_id = ?", k.SubjectID)
	}
	if err := q.Order("created_at ASC").Order("id ASC").Limit(1).Find(&sh).Error; err != nil {
		return sh, fmt.Errorf("find sheet: %w", err)
	}
	return sh, nil
}

func keyOf(sh Sheet) SheetKey {
	k := SheetKey{CampaignID: sh.CampaignID, Year: sh.Year, SubjectKind: sh.SubjectKind}
	if sh.UnitID != nil {
		k.SubjectID = *sh.UnitID
	} else if sh.StaffID != nil {
		k.SubjectID = *sh.StaffID
	}
	return k
}

// sheetOf loads a live sheet of the agency by id.
func sheetOf(tx *gorm.DB, agencyID, id string) (Sheet, error) {
	var sh Sheet
	err := store.Get(tx.Where("agency_id = ?", agencyID), &sh, entitySheet, vntext.Clean(id))
	return sh, err
}

// itemsOf maps criterion id → the sheet's live item.
func itemsOf(tx *gorm.DB, sheetID string) (map[string]Item, error) {
	out := map[string]Item{}
	if sheetID == "" {
		return out, nil
	}
	var items []Item
	if err := tx.Where("sheet_id = ?", sheetID).Find(&items).Error; err != nil {
		return nil, fmt.Errorf("sheet items: %w", err)
	}
	for _, it := range items {
		out[it.CriterionID] = it
	}
	return out, nil
}

// selfTotal sums the self scores of the sheet's items of live criteria of
// its target.
func selfTotal(tx *gorm.DB, sh *Sheet) (float64, error) {
	crits, err := criteriaOf(tx, sh.AgencyID, sh.CampaignID, sh.SubjectKind)
	if err != nil {
		return 0, err
	}
	items, err := itemsOf(tx, sh.ID)
	if err != nil {
		return 0, err
	}
	total := 0.0
	for _, c := range crits {
		total += items[c.ID].SelfScore
	}
	return round2(total), nil
}

// Sheet returns the sheet of a subject for a year of a campaign with its
// criteria, scores and facts; an unsaved sheet when there is none yet.
func (s *Service) Sheet(ctx context.Context, agencyID string, k SheetKey) (SheetDetail, error) {
	k.normalise()
	tx := s.db.WithContext(ctx)
	if _, _, err := checkKey(tx, agencyID, k); err != nil {
		return SheetDetail{}, err
	}
	sh, err := findSheet(tx, agencyID, k)
	if err != nil {
		return SheetDetail{}, err
	}
	if sh.ID == "" {
		sh = newSheet(agencyID, k)
	}
	return detail(ctx, tx, sh)
}

// GetSheet returns a saved sheet by id.
func (s *Service) GetSheet(ctx context.Context, agencyID, id string) (SheetDetail, error) {
	tx := s.db.WithContext(ctx)
	sh, err := sheetOf(tx, agencyID, id)
	if err != nil {
		return SheetDetail{}, err
	}
	return detail(ctx, tx, sh)
}

func newSheet(agencyID string, k SheetKey) Sheet {
	sh := Sheet{AgencyID: agencyID, CampaignID: k.CampaignID, Year: k.Year, SubjectKind: k.SubjectKind, Status: StatusDraft}
	id := k.SubjectID
	if k.SubjectKind == TargetUnit {
		sh.UnitID = &id
	} else {
		sh.StaffID = &id
	}
	return sh
}

// detail builds the screen's view of a sheet (saved or not).
func detail(ctx context.Context, tx *gorm.DB, sh Sheet) (SheetDetail, error) {
	k := keyOf(sh)
	d := SheetDetail{Sheet: sh, SubjectID: k.SubjectID, Items: []ItemView{}, Facts: []Fact{}, Grades: []Grade{}}
	var v fault.Validation
	sub, err := findSubject(tx.Unscoped().Session(&gorm.Session{}), sh.AgencyID, sh.SubjectKind, k.SubjectID, &v)
	if err != nil {
		return d, err
	}
	d.SubjectName, d.UnitName, d.Position = sub.Name, sub.UnitName, sub.Position
	var c campaign.Campaign
	if err := tx.Unscoped().Select("id, name").Where("id = ?", sh.CampaignID).Limit(1).Find(&c).Error; err != nil {
		return d, fmt.Errorf("sheet campaign: %w", err)
	}
	d.CampaignName = c.Name
	crits, err := criteriaOf(tx, sh.AgencyID, sh.CampaignID, sh.SubjectKind)
	if err != nil {
		return d, err
	}
	items, err := itemsOf(tx, sh.ID)
	if err != nil {
		return d, err
	}
	facts, err := facts(ctx, tx, sh.AgencyID, sh.CampaignID, sh.Year, sh.SubjectKind, k.SubjectID)
	if err != nil {
		return d, err
	}
	d.Facts = facts
	for _, cr := range crits {
		it := items[cr.ID]
		iv := ItemView{Criterion: cr, ItemID: it.ID, SelfScore: it.SelfScore, Evidence: it.Evidence,
			ReviewScore: it.ReviewScore, ReviewReason: it.ReviewReason, Facts: []Fact{}}
		if cr.Fact != "" {
			for _, f := range facts {
				if FactGroup(f.Key) == cr.Fact {
					iv.Facts = append(iv.Facts, f)
				}
			}
		}
		d.MaxTotal += cr.MaxScore
		d.Items = append(d.Items, iv)
	}
	d.MaxTotal = round2(d.MaxTotal)
	if d.Grades, err = gradesOf(tx, sh.AgencyID, sh.CampaignID); err != nil {
		return d, err
	}
	for _, g := range d.Grades {
		if g.Code == sh.Grade && sh.Grade != "" {
			d.GradeName = g.Name
		}
	}
	return d, nil
}

// ItemInput is the score of one criterion as the sheet's form sends it.
type ItemInput struct {
	CriterionID string  `json:"criterionId"`
	Score       float64 `json:"score"`
	// Evidence is the self-assessment's evidence text (ignored by a review).
	Evidence string `json:"evidence"`
	// Reason explains a review score that differs from the self score
	// (ignored by a self-assessment).
	Reason string `json:"reason"`
}

// SelfInput is a self-assessment save. SheetID "" with Version 0 creates
// the sheet of the key; a save of an existing sheet carries its id and
// version.
type SelfInput struct {
	SheetKey
	SheetID string      `json:"sheetId"`
	Version int64       `json:"version"`
	Note    string      `json:"note"`
	Items   []ItemInput `json:"items"`
}

// ReviewInput is the council's review of a submitted sheet: a score for
// every criterion (a criterion left out keeps its self score) and a
// reason wherever the score differs from the self score.
type ReviewInput struct {
	SheetID string      `json:"sheetId"`
	Version int64       `json:"version"`
	Note    string      `json:"note"`
	Items   []ItemInput `json:"items"`
}

// critIndex checks that every item names a distinct live criterion of the
// list; it returns the criteria by id.
func critIndex(v *fault.Validation, crits []Criterion, items []ItemInput) map[string]Criterion {
	byID := make(map[string]Criterion, len(crits))
	for _, c := range crits {
		byID[c.ID] = c
	}
	seen := map[string]bool{}
	for i := range items {
		items[i].CriterionID = vntext.Clean(items[i].CriterionID)
		id := items[i].CriterionID
		if _, ok := byID[id]; !ok {
			v.Add("items", "errors.emulation.criterionMissing")
			continue
		}
		if seen[id] {
			v.Add("items", "errors.emulation.duplicateItem")
		}
		seen[id] = true
	}
	return byID
}

// SaveSelf saves a self-assessment (status tu_cham only): the scores and
// evidence of the criteria sent, the note, and the self total. The first
// save of a subject's year creates its sheet.
func (s *Service) SaveSelf(ctx context.Context, agencyID string, in SelfInput) (SheetDetail, error) {
	var sh Sheet
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) (err error) {
		sh, err = SaveSelfTx(tx, agencyID, in)
		return err
	})
	if err != nil {
		return SheetDetail{}, err
	}
	return detail(ctx, s.db.WithContext(ctx), sh)
}

// SaveSelfTx is SaveSelf inside the caller's transaction.
func SaveSelfTx(tx *gorm.DB, agencyID string, in SelfInput) (Sheet, error) {
	in.SheetKey.normalise()
	in.SheetID = vntext.Clean(in.SheetID)
	in.Note = vntext.CleanText(in.Note)
	var sh Sheet
	if in.SheetID != "" {
		var err error
		if sh, err = sheetOf(tx, agencyID, in.SheetID); err != nil {
			return sh, err
		}
	} else {
		if _, _, err := checkKey(tx, agencyID, in.SheetKey); err != nil {
			return sh, err
		}
		if err := lockCampaign(tx, in.CampaignID); err != nil {
			return sh, err
		}
		existing, err := findSheet(tx, agencyID, in.SheetKey)
		if err != nil {
			return sh, err
		}
		if existing.ID != "" {
			// Someone else saved this subject's sheet first.
			return sh, fault.Stale(entitySheet)
		}
		sh = newSheet(agencyID, in.SheetKey)
	}
	if sh.ID != "" && sh.Version != in.Version {
		return sh, fault.Stale(entitySheet)
	}
	if sh.Status != StatusDraft {
		return sh, fault.New(fault.ErrConflict, "errors.emulation.notEditable", "status", sh.Status)
	}
	crits, err := criteriaOf(tx, agencyID, sh.CampaignID, sh.SubjectKind)
	if err != nil {
		return sh, err
	}
	var v fault.Validation
	byID := critIndex(&v, crits, in.Items)
	for i := range in.Items {
		it := &in.Items[i]
		it.Evidence = vntext.CleanText(it.Evidence)
		c, ok := byID[it.CriterionID]
		if !ok {
			continue
		}
		checkScore(&v, fieldOf(c.ID, "selfScore"), it.Score, 0, c.MaxScore)
		v.MaxLen(fieldOf(c.ID, "evidence"), it.Evidence, maxTextLen)
	}
	v.MaxLen("note", in.Note, maxTextLen)
	if err := v.Err(); err != nil {
		return sh, err
	}
	sh.SelfNote = in.Note
	if sh.ID == "" {
		if err := tx.Create(&sh).Error; err != nil {
			return sh, fmt.Errorf("create sheet: %w", err)
		}
	}
	items, err := itemsOf(tx, sh.ID)
	if err != nil {
		return sh, err
	}
	for _, in := range in.Items {
		old, ok := items[in.CriterionID]
		if !ok {
			it := Item{SheetID: sh.ID, CriterionID: in.CriterionID, SelfScore: round2(in.Score), Evidence: in.Evidence}
			if err := tx.Create(&it).Error; err != nil {
				return sh, fmt.Errorf("create item: %w", err)
			}
			continue
		}
		if old.SelfScore == round2(in.Score) && old.Evidence == in.Evidence {
			continue
		}
		err := tx.Model(&Item{}).Where("id = ?", old.ID).Updates(map[string]any{
			"self_score": round2(in.Score), "evidence": in.Evidence, "version": gorm.Expr("version + 1"), "updated_at": time.Now().UTC(),
		}).Error
		if err != nil {
			return sh, fmt.Errorf("update item: %w", err)
		}
	}
	if sh.SelfTotal, err = selfTotal(tx, &sh); err != nil {
		return sh, err
	}
	return sh, store.UpdateVersioned(tx, &sh, entitySheet, "self_total", "self_note")
}

// move loads a live sheet for a status change after checking its version.
func move(tx *gorm.DB, agencyID, id string, version int64) (Sheet, error) {
	sh, err := sheetOf(tx, agencyID, id)
	if err != nil {
		return sh, err
	}
	if sh.Version != version {
		return sh, fault.Stale(entitySheet)
	}
	return sh, nil
}

// Submit hands a self-assessed sheet to the council: tu_cham → da_nop.
func (s *Service) Submit(ctx context.Context, agencyID, id string, version int64) (SheetDetail, error) {
	var sh Sheet
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) (err error) {
		sh, err = SubmitTx(tx, agencyID, id, version)
		return err
	})
	if err != nil {
		return SheetDetail{}, err
	}
	return detail(ctx, s.db.WithContext(ctx), sh)
}

// SubmitTx is Submit inside the caller's transaction.
func SubmitTx(tx *gorm.DB, agencyID, id string, version int64) (Sheet, error) {
	sh, err := move(tx, agencyID, id, version)
	if err != nil {
		return sh, err
	}
	if sh.Status != StatusDraft {
		return sh, badMove(sh.Status, StatusSubmitted)
	}
	now := Today().UTC()
	sh.Status, sh.SubmittedAt = StatusSubmitted, &now
	return sh, store.UpdateVersioned(tx, &sh, entitySheet, "status", "submitted_at")
}

// Review records the council's review of a submitted sheet: da_nop →
// da_duyet, with a score for every criterion, a reason for every score
// that differs from the self score, the reviewed total and its grade.
func (s *Service) Review(ctx context.Context, agencyID string, in ReviewInput) (SheetDetail, error) {
	var sh Sheet
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) (err error) {
		sh, err = ReviewTx(tx, agencyID, in)
		return err
	})
	if err != nil {
		return SheetDetail{}, err
	}
	return detail(ctx, s.db.WithContext(ctx), sh)
}

// ReviewTx is Review inside the caller's transaction.
func ReviewTx(tx *gorm.DB, agencyID string, in ReviewInput) (Sheet, error) {
	sh, err := move(tx, agencyID, in.SheetID, in.Version)
	if err != nil {
		return sh, err
	}
	if sh.Status != StatusSubmitted {
		return sh, badMove(sh.Status, StatusReviewed)
	}
	in.Note = vntext.CleanText(in.Note)
	crits, err := criteriaOf(tx, agencyID, sh.CampaignID, sh.SubjectKind)
	if err != nil {
		return sh, err
	}
	var v fault.Validation
	byID := critIndex(&v, crits, in.Items)
	given := map[string]ItemInput{}
	for _, it := range in.Items {
		if _, ok := byID[it.CriterionID]; ok {
			it.Reason = vntext.CleanText(it.Reason)
			given[it.CriterionID] = it
		}
	}
	items, err := itemsOf(tx, sh.ID)
	if err != nil {
		return sh, err
	}
	type change struct {
		crit   Criterion
		score  float64
		reason string
	}
	var changes []change
	total := 0.0
	for _, c := range crits {
		self := items[c.ID].SelfScore
		ch := change{crit: c, score: self}
		if g, ok := given[c.ID]; ok {
			ch.score, ch.reason = g.Score, g.Reason
			if !checkScore(&v, fieldOf(c.ID, "reviewScore"), g.Score, 0, c.MaxScore) {
				continue
			}
		}
		ch.score = round2(ch.score)
		if ch.score != round2(self) && ch.reason == "" {
			v.Add(fieldOf(c.ID, "reviewReason"), "errors.emulation.reasonRequired")
		}
		if ch.score == round2(self) {
			// A reason only explains a change.
			ch.reason = ""
		}
		v.MaxLen(fieldOf(c.ID, "reviewReason"), ch.reason, maxTextLen)
		total += ch.score
		changes = append(changes, ch)
	}
	v.MaxLen("note", in.Note, maxTextLen)
	if err := v.Err(); err != nil {
		return sh, err
	}
	now := time.Now().UTC()
	for _, ch := range changes {
		score := ch.score
		old, ok := items[ch.crit.ID]
		if !ok {
			it := Item{SheetID: sh.ID, CriterionID: ch.crit.ID, ReviewScore: &score, ReviewReason: ch.reason}
			if err := tx.Create(&it).Error; err != nil {
				return sh, fmt.Errorf("create item: %w", err)
			}
			continue
		}
		err := tx.Model(&Item{}).Where("id = ?", old.ID).Updates(map[string]any{
			"review_score": score, "review_reason": ch.reason, "version": gorm.Expr("version + 1"), "updated_at": now,
		}).Error
		if err != nil {
			return sh, fmt.Errorf("update item: %w", err)
		}
	}
	grades, err := gradesOf(tx, agencyID, sh.CampaignID)
	if err != nil {
		return sh, err
	}
	total = round2(total)
	reviewed := Today().UTC()
	sh.Status, sh.ReviewTotal, sh.ReviewNote, sh.ReviewedAt, sh.Grade = StatusReviewed, &total, in.Note, &reviewed, ""
	if g, ok := GradeOf(grades, total); ok {
		sh.Grade = g.Code
	}
	return sh, store.UpdateVersioned(tx, &sh, entitySheet, "status", "review_total", "review_note", "reviewed_at", "grade")
}

// Reopen sends a submitted or reviewed sheet back to self-assessment
// (da_nop or da_duyet → tu_cham) with a reason, kept as the council's
// note. The reviewed total and grade are cleared; the review scores stay
// on the items as the starting point of the next review.
func (s *Service) Reopen(ctx context.Context, agencyID, id string, version int64, reason string) (SheetDetail, error) {
	var sh Sheet
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) (err error) {
		sh, err = ReopenTx(tx, agencyID, id, version, reason)
		return err
	})
	if err != nil {
		return SheetDetail{}, err
	}
	return detail(ctx, s.db.WithContext(ctx), sh)
}

// ReopenTx is Reopen inside the caller's transaction.
func ReopenTx(tx *gorm.DB, agencyID, id string, version int64, reason string) (Sheet, error) {
	sh, err := move(tx, agencyID, id, version)
	if err != nil {
		return sh, err
	}
	if sh.Status != StatusSubmitted && sh.Status != StatusReviewed {
		return sh, badMove(sh.Status, StatusDraft)
	}
	reason = vntext.CleanText(reason)
	var v fault.Validation
	if reason == "" {
		v.Add("reason", "errors.emulation.reopenReason")
	}
	v.MaxLen("reason", reason, maxTextLen)
	if err := v.Err(); err != nil {
		return sh, err
	}
	sh.Status, sh.ReviewTotal, sh.Grade, sh.ReviewedAt, sh.SubmittedAt, sh.ReviewNote = StatusDraft, nil, "", nil, nil, reason
	return sh, store.UpdateVersioned(tx, &sh, entitySheet, "status", "review_total", "grade", "reviewed_at", "submitted_at", "review_note")
}
