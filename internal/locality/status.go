package locality

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"chungsuc/internal/fault"
	"chungsuc/internal/store"
	"chungsuc/internal/vntext"
)

// NTM levels (labels in vi.json under locality.ntmLevel).
const (
	NTMChuaDat      = "chua_dat"
	NTMDatChuan     = "dat_chuan"
	NTMNangCao      = "nang_cao"
	NTMKieuMau      = "kieu_mau"
	NTMThonDatChuan = "thon_dat_chuan"
)

// NTMLevels lists every NTM level.
var NTMLevels = []string{NTMChuaDat, NTMDatChuan, NTMNangCao, NTMKieuMau, NTMThonDatChuan}

// NTMLevelsFor lists the NTM levels a locality of the given level may hold:
// villages are recognised as "thôn đạt chuẩn", the others by the commune scale.
func NTMLevelsFor(level int) []string {
	if level == LevelVillage {
		return []string{NTMChuaDat, NTMThonDatChuan}
	}
	return []string{NTMChuaDat, NTMDatChuan, NTMNangCao, NTMKieuMau}
}

// NTMStatus is one entry of a locality's NTM history.
type NTMStatus struct {
	store.Base
	LocalityID     string `gorm:"size:36" json:"localityId"`
	Level          string `json:"level"`
	Year           int    `json:"year"`
	DecisionNumber string `json:"decisionNumber"`
	DecisionDate   string `json:"decisionDate"`
	DecisionIssuer string `json:"decisionIssuer"`
	Note           string `json:"note"`
}

// TableName is the NTM status table.
func (NTMStatus) TableName() string { return "locality_ntm_statuses" }

func (st *NTMStatus) normalise() {
	st.LocalityID = vntext.Clean(st.LocalityID)
	st.Level = vntext.Clean(st.Level)
	st.DecisionNumber = vntext.Clean(st.DecisionNumber)
	st.DecisionDate = vntext.Clean(st.DecisionDate)
	st.DecisionIssuer = vntext.Clean(st.DecisionIssuer)
	st.Note = vntext.CleanText(st.Note)
}

// liveLocality loads a live locality of the agency, or adds a field error.
func liveLocality(tx *gorm.DB, agencyID, id string) (Locality, error) {
	var l Locality
	if id == "" {
		return l, nil
	}
	if err := tx.Where("agency_id = ? AND id = ?", agencyID, id).Limit(1).Find(&l).Error; err != nil {
		return l, fmt.Errorf("find locality: %w", err)
	}
	return l, nil
}

// SaveStatus creates (empty ID) or updates an NTM status entry.
func (s *Service) SaveStatus(ctx context.Context, agencyID string, st NTMStatus) (NTMStatus, error) {
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return SaveStatusTx(tx, agencyID, &st)
	})
	return st, err
}

// SaveStatusTx validates and writes st inside the caller's transaction.
func SaveStatusTx(tx *gorm.DB, agencyID string, st *NTMStatus) error {
	st.normalise()
	var v fault.Validation
	loc, err := liveLocality(tx, agencyID, st.LocalityID)
	if err != nil {
		return err
	}
	if st.LocalityID == "" {
		v.Add("localityId", "validation.required")
	} else if loc.ID == "" {
		v.Add("localityId", "validation.locality.missing")
	}
	if st.Level == "" {
		v.Add("level", "validation.required")
	} else if loc.ID != "" {
		v.OneOf("level", st.Level, NTMLevelsFor(loc.Level)...)
	} else {
		v.OneOf("level", st.Level, NTMLevels...)
	}
	if st.Year < 2000 || st.Year > 2100 {
		v.Add("year", "validation.range", "min", 2000, "max", 2100)
	}
	v.Text("decisionNumber", st.DecisionNumber, false, 60)
	v.Date("decisionDate", st.DecisionDate, false)
	v.Text("decisionIssuer", st.DecisionIssuer, false, 200)
	v.MaxLen("note", st.Note, 2000)
	if err := v.Err(); err != nil {
		return err
	}
	if st.ID == "" {
		if err := tx.Create(st).Error; err != nil {
			return fmt.Errorf("create ntm status: %w", err)
		}
		return nil
	}
	if err := statusOwned(tx, agencyID, st.ID); err != nil {
		return err
	}
	return store.UpdateVersioned(tx, st, "ntmStatus", "locality_id", "level", "year",
		"decision_number", "decision_date", "decision_issuer", "note")
}

// statusOwned refuses a status row whose locality is not the agency's.
func statusOwned(tx *gorm.DB, agencyID, id string) error {
	var n int64
	err := tx.Model(&NTMStatus{}).Joins("JOIN localities l ON l.id = locality_ntm_statuses.locality_id").
		Where("locality_ntm_statuses.id = ? AND l.agency_id = ?", id, agencyID).Count(&n).Error
	if err != nil {
		return fmt.Errorf("find ntm status: %w", err)
	}
	if n == 0 {
		return fault.NotFound("ntmStatus")
	}
	return nil
}

// DeleteStatus soft-deletes an NTM status entry.
func (s *Service) DeleteStatus(ctx context.Context, agencyID, id string) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := statusOwned(tx, agencyID, id); err != nil {
			return err
		}
		return store.SoftDelete(tx, &NTMStatus{}, "ntmStatus", id)
	})
}

// Lineage links a predecessor to its successor in a merger or split.
type Lineage struct {
	store.Base
	AgencyID      string `gorm:"size:36" json:"agencyId"`
	PredecessorID string `gorm:"size:36" json:"predecessorId"`
	SuccessorID   string `gorm:"size:36" json:"successorId"`
	EffectiveDate string `json:"effectiveDate"`
	Resolution    string `json:"resolution"`
	Note          string `json:"note"`
}

// TableName is the lineage table.
func (Lineage) TableName() string { return "locality_lineages" }

// SaveLineage creates (empty ID) or updates a lineage row.
func (s *Service) SaveLineage(ctx context.Context, agencyID string, g Lineage) (Lineage, error) {
	g.AgencyID = agencyID
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return SaveLineageTx(tx, &g)
	})
	return g, err
}

// SaveLineageTx validates and writes g inside the caller's transaction.
func SaveLineageTx(tx *gorm.DB, g *Lineage) error {
	g.PredecessorID = vntext.Clean(g.PredecessorID)
	g.SuccessorID = vntext.Clean(g.SuccessorID)
	g.EffectiveDate = vntext.Clean(g.EffectiveDate)
	g.Resolution = vntext.Clean(g.Resolution)
	g.Note = vntext.CleanText(g.Note)
	var v fault.Validation
	for _, side := range []struct{ field, id string }{{"predecessorId", g.PredecessorID}, {"successorId", g.SuccessorID}} {
		if side.id == "" {
			v.Add(side.field, "validation.required")
			continue
		}
		l, err := liveLocality(tx, g.AgencyID, side.id)
		if err != nil {
			return err
		}
		if l.ID == "" {
			v.Add(side.field, "validation.locality.missing")
		}
	}
	if g.PredecessorID != "" && g.PredecessorID == g.SuccessorID {
		v.Add("successorId", "validation.locality.lineageSelf")
	}
	v.Date("effectiveDate", g.EffectiveDate, false)
	v.Text("resolution", g.Resolution, false, 100)
	v.MaxLen("note", g.Note, 2000)
	if !v.Has("predecessorId") && !v.Has("successorId") {
		q := tx.Model(&Lineage{}).Where("agency_id = ? AND predecessor_id = ? AND successor_id = ?",
			g.AgencyID, g.PredecessorID, g.SuccessorID)
		if g.ID != "" {
			q = q.Where("id <> ?", g.ID)
		}
		var n int64
		if err := q.Count(&n).Error; err != nil {
			return fmt.Errorf("find lineage: %w", err)
		}
		if n > 0 {
			v.Add("successorId", "validation.locality.lineageTaken")
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	if g.ID == "" {
		if err := tx.Create(g).Error; err != nil {
			return fmt.Errorf("create lineage: %w", err)
		}
		return nil
	}
	if err := store.OwnedBy(tx, &Lineage{}, "lineage", g.ID, g.AgencyID); err != nil {
		return err
	}
	return store.UpdateVersioned(tx, g, "lineage", "predecessor_id", "successor_id",
		"effective_date", "resolution", "note")
}

// DeleteLineage soft-deletes a lineage row.
func (s *Service) DeleteLineage(ctx context.Context, agencyID, id string) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := store.OwnedBy(tx, &Lineage{}, "lineage", id, agencyID); err != nil {
			return err
		}
		return store.SoftDelete(tx, &Lineage{}, "lineage", id)
	})
}
