package sample

import (
	"fmt"
	"math/rand/v2"
	"time"

	"gorm.io/gorm"

	"chungsuc/internal/assessment"
	"chungsuc/internal/criteria"
	"chungsuc/internal/locality"
)

// Codes of the seeded sets the sample assesses against.
const (
	sampleSetCode     = "xa-ntm-2021-2025"
	sampleNextSetCode = "xa-ntm-2026-2030"
	sampleAssessor    = "Tổ thẩm định (dữ liệu mẫu)"
	// sampleDraftDate is the date of the drafts of the 2026–2030 set.
	sampleDraftDate = "2026-03-16"
)

// sampleCommuneRow is what the assessments sample reads of a commune.
type sampleCommuneRow struct {
	ID                string
	ParentID          *string
	Region            string
	CommuneGroup      int
	SpecialDifficulty bool
	SafeZone          bool
	ValidFrom         string
	ValidTo           string
}

// loadSet reads the current revision of a set code of the agency with its
// criteria, indicators and thresholds in order; ok is false when absent.
func loadSet(tx *gorm.DB, agencyID, code string) (criteria.Set, bool, error) {
	var s criteria.Set
	err := tx.Where("agency_id = ? AND code = ? AND current = ?", agencyID, code, true).
		Preload("Criteria", func(db *gorm.DB) *gorm.DB { return db.Order("sort_order ASC").Order("no ASC").Order("id ASC") }).
		Preload("Criteria.Indicators", func(db *gorm.DB) *gorm.DB {
			return db.Order("sort_order ASC").Order("code ASC").Order("id ASC")
		}).
		Preload("Criteria.Indicators.Thresholds", func(db *gorm.DB) *gorm.DB { return db.Order("key ASC") }).
		Limit(1).Find(&s).Error
	if err != nil {
		return s, false, fmt.Errorf("sample set %s: %w", code, err)
	}
	return s, s.ID != "", nil
}

// hardnessOf weighs the criteria of a set by number (the same weights as
// the national dataset: income, production and environment lag most).
func hardnessOf(s *criteria.Set) []float64 {
	h := make([]float64, len(s.Criteria))
	for i, c := range s.Criteria {
		h[i] = 1
		if c.No >= 1 && c.No <= len(natHardness) {
			h[i] = natHardness[c.No-1]
		}
	}
	return h
}

// sampleAssessments builds the rows of one set's assessments and writes
// them with the bulk writers.
type sampleAssessments struct {
	g          *natGen
	wa, wc, wv *bulkWriter
	we         *bulkWriter
}

func (b *sampleAssessments) write(a *assessment.Assessment, s *criteria.Set, values []*assessment.Value, final bool) error {
	byInd := make(map[string]*assessment.Value, len(values))
	for _, v := range values {
		v.AssessmentID = a.ID
		b.g.stamp(&v.Base)
		byInd[v.IndicatorID] = v
	}
	rows := results(a, s.Criteria, byInd)
	if err := b.wa.Add(a); err != nil {
		return err
	}
	for i := range rows {
		if err := b.wc.Add(&rows[i]); err != nil {
			return err
		}
	}
	for _, v := range values {
		if err := b.wv.Add(v); err != nil {
			return err
		}
	}
	events := []assessment.Event{{AssessmentID: a.ID, Action: assessment.ActionCreate}}
	if final {
		events = append(events, assessment.Event{AssessmentID: a.ID, Action: assessment.ActionFinalise})
	} else {
		for _, v := range values {
			id := v.IndicatorID
			e := assessment.Event{AssessmentID: a.ID, Action: assessment.ActionValue, IndicatorID: &id, Field: "value", NewValue: v.Value}
			if v.Number != nil {
				e.Field, e.NewValue = "number", fmt.Sprint(*v.Number)
			}
			events = append(events, e)
		}
	}
	for i := range events {
		b.g.stamp(&events[i].Base)
		if err := b.we.Add(&events[i]); err != nil {
			return err
		}
	}
	return nil
}

// loadAssessments adds the sample's NTM checklists: for every sample xã
// that has an NTM history, one finalised assessment a year 2021–2025
// against the seeded xa-ntm-2021-2025 set, consistent with that history
// (all 19 criteria met from the year of recognition on, between 8 and 18
// before or without it), and two drafts of 2026 against the 2026–2030 set
// for communes formed on 1/7/2025. Values, criterion results and totals
// follow the assessment package's rules. Without the seeded set (or sample
// communes) it adds nothing.
func loadAssessments(tx *gorm.DB, agencyID string) error {
	set, ok, err := loadSet(tx, agencyID, sampleSetCode)
	if err != nil || !ok || len(set.Criteria) == 0 {
		return err
	}
	var communes []sampleCommuneRow
	err = tx.Model(&locality.Locality{}).
		Select("id, parent_id, region, commune_group, special_difficulty, safe_zone, valid_from, valid_to").
		Where("agency_id = ? AND level = ? AND kind = ? AND sample = ?", agencyID, locality.LevelCommune, locality.KindXa, true).
		Order("id ASC").Scan(&communes).Error
	if err != nil {
		return fmt.Errorf("sample communes: %w", err)
	}
	// Regions of the ancestors, for communes that have none of their own.
	var all []sampleCommuneRow
	if err := tx.Model(&locality.Locality{}).Select("id, parent_id, region").
		Where("agency_id = ?", agencyID).Scan(&all).Error; err != nil {
		return fmt.Errorf("sample localities: %w", err)
	}
	byID := make(map[string]sampleCommuneRow, len(all))
	for _, l := range all {
		byID[l.ID] = l
	}
	regionOf := func(l sampleCommuneRow) string {
		for depth := 0; l.Region == "" && l.ParentID != nil && depth < 6; depth++ {
			l = byID[*l.ParentID]
		}
		return l.Region
	}
	var statuses []locality.NTMStatus
	if err := tx.Where("locality_id IN (?)", tx.Model(&locality.Locality{}).Select("id").
		Where("agency_id = ? AND level = ? AND sample = ?", agencyID, locality.LevelCommune, true)).
		Order("year ASC").Find(&statuses).Error; err != nil {
		return fmt.Errorf("sample statuses: %w", err)
	}
	levels := map[string]map[int]string{}
	for _, st := range statuses {
		if levels[st.LocalityID] == nil {
			levels[st.LocalityID] = map[int]string{}
		}
		levels[st.LocalityID][st.Year] = st.Level
	}
	levelAt := func(id string, year int) string {
		lv := locality.NTMChuaDat
		for y := year - 30; y <= year; y++ {
			if l, ok := levels[id][y]; ok {
				lv = l
			}
		}
		return lv
	}

	g := &natGen{ctx: tx.Statement.Context, tx: tx, now: time.Now().UTC().Truncate(time.Microsecond)}
	b := &sampleAssessments{g: g}
	if b.wa, err = g.bulk(&assessment.Assessment{}); err != nil {
		return err
	}
	if b.wc, err = g.bulk(&assessment.CriterionResult{}, b.wa); err != nil {
		return err
	}
	if b.wv, err = g.bulk(&assessment.Value{}, b.wa); err != nil {
		return err
	}
	if b.we, err = g.bulk(&assessment.Event{}, b.wa, b.wv); err != nil {
		return err
	}
	hard := hardnessOf(&set)
	var formed []sampleCommuneRow // communes formed on 1/7/2025
	for i, c := range communes {
		if levels[c.ID] == nil {
			if c.ValidFrom >= "2025-07-01" {
				formed = append(formed, c)
			}
			continue
		}
		r := rand.New(rand.NewPCG(uint64(i)+1, 0x5a3e))
		place := criteria.Place{Region: regionOf(c), CommuneGroup: c.CommuneGroup, SpecialDifficulty: c.SpecialDifficulty, SafeZone: c.SafeZone}
		key, reason := criteria.KeyFor(&set, place)
		reached := make([]bool, natYears)
		for y := range reached {
			reached[y] = levelAt(c.ID, natFromYear+y) != locality.NTMChuaDat
		}
		met := metPath(r, len(set.Criteria), reached, 8, 7)
		rank := criteriaRanks(r, hard)
		fails := make([]int, len(set.Criteria))
		for ci := range set.Criteria {
			fails[ci] = failMask(r, len(set.Criteria[ci].Indicators))
		}
		for yi := 0; yi < natYears; yi++ {
			y := natFromYear + yi
			date := fmt.Sprintf("%d-%02d-%02d", y, 10+i%2, 5+i%20)
			if c.ValidTo != "" && c.ValidTo < date {
				date = fmt.Sprintf("%d-05-%02d", y, 5+i%20)
				if c.ValidTo < date {
					continue
				}
			}
			a := assessment.Assessment{AgencyID: agencyID, LocalityID: c.ID, SetID: set.ID, Date: date, Year: y,
				Status: assessment.StatusFinal, AssessorName: sampleAssessor, Note: SampleNote, Sample: true}
			g.stamp(&a.Base)
			fin, _ := time.Parse("2006-01-02", date)
			fin = fin.Add(7*24*time.Hour + 9*time.Hour)
			a.FinalisedAt = &fin
			notMet := len(set.Criteria) - met[yi]
			var values []*assessment.Value
			for ci := range set.Criteria {
				cr := &set.Criteria[ci]
				for j := range cr.Indicators {
					ind := &cr.Indicators[j]
					want := rank[ci] >= notMet || fails[ci]&(1<<min(j, 30)) == 0
					v := &assessment.Value{IndicatorID: ind.ID}
					fillValue(v, ind, criteria.RequirementFor(ind, key, reason), want, r)
					values = append(values, v)
				}
			}
			if err := b.write(&a, &set, values, true); err != nil {
				return err
			}
			if a.CriteriaMet != met[yi] {
				return fmt.Errorf("sample assessment: %d criteria met, planned %d", a.CriteriaMet, met[yi])
			}
		}
	}
	if err := sampleDrafts(tx, agencyID, b, formed); err != nil {
		return err
	}
	for _, w := range []*bulkWriter{b.wa, b.wc, b.wv, b.we} {
		if err := w.Flush(); err != nil {
			return fmt.Errorf("sample assessments: %w", err)
		}
	}
	return nil
}

// sampleDrafts adds two drafts of 2026 against the 2026–2030 set for
// communes formed on 1/7/2025, with about half of the values entered.
func sampleDrafts(tx *gorm.DB, agencyID string, b *sampleAssessments, formed []sampleCommuneRow) error {
	set, ok, err := loadSet(tx, agencyID, sampleNextSetCode)
	if err != nil || !ok || len(set.Criteria) == 0 {
		return err
	}
	for k, c := range formed {
		if k == 2 {
			break
		}
		r := rand.New(rand.NewPCG(uint64(k)+1, 0xd4af))
		key, reason := criteria.KeyFor(&set, criteria.Place{Region: c.Region, CommuneGroup: c.CommuneGroup,
			SpecialDifficulty: c.SpecialDifficulty, SafeZone: c.SafeZone})
		a := assessment.Assessment{AgencyID: agencyID, LocalityID: c.ID, SetID: set.ID, Date: sampleDraftDate, Year: 2026,
			Status: assessment.StatusDraft, AssessorName: sampleAssessor, Note: "Đang nhập (dữ liệu mẫu)", Sample: true}
		b.g.stamp(&a.Base)
		var values []*assessment.Value
		n := 0
		for ci := range set.Criteria {
			for j := range set.Criteria[ci].Indicators {
				if n++; n%2 == k%2 {
					continue // not entered yet
				}
				ind := &set.Criteria[ci].Indicators[j]
				v := &assessment.Value{IndicatorID: ind.ID}
				fillValue(v, ind, criteria.RequirementFor(ind, key, reason), r.IntN(4) != 0, r)
				values = append(values, v)
			}
		}
		if err := b.write(&a, &set, values, false); err != nil {
			return err
		}
	}
	return nil
}
