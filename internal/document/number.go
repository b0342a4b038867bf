package document

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"chungsuc/internal/fault"
	"chungsuc/internal/store"
	"chungsuc/internal/vntext"
)

// counter is one row of document_counters: the last number given out in
// a series of an issuer in a calendar year.
type counter struct {
	store.Base
	AgencyID   string
	IssuerKey  string
	Series     string
	Year       int
	LastNumber int
}

func (counter) TableName() string { return "document_counters" }

func onPostgres(tx *gorm.DB) bool { return tx.Dialector.Name() == "postgres" }

// lockCounter returns the counter row of a series, created if missing,
// locked for the rest of the transaction: SELECT … FOR UPDATE on
// PostgreSQL (a second issuer of the same series waits here until the
// first commits); on SQLite a write to the row takes the database's write
// lock, which serialises every writer.
func lockCounter(tx *gorm.DB, agencyID, issuerKey, series string, year int) (counter, error) {
	c := counter{AgencyID: agencyID, IssuerKey: issuerKey, Series: series, Year: year}
	err := tx.Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "agency_id"}, {Name: "issuer_key"}, {Name: "series"}, {Name: "year"}},
		DoNothing: true,
	}).Create(&c).Error
	if err != nil {
		return c, fmt.Errorf("create number counter: %w", err)
	}
	key := tx.Where("agency_id = ? AND issuer_key = ? AND series = ? AND year = ?", agencyID, issuerKey, series, year)
	if onPostgres(tx) {
		key = key.Clauses(clause.Locking{Strength: "UPDATE"})
	} else if err := tx.Exec("UPDATE document_counters SET version = version WHERE agency_id = ? AND issuer_key = ? AND series = ? AND year = ?",
		agencyID, issuerKey, series, year).Error; err != nil {
		return c, fmt.Errorf("lock number counter: %w", err)
	}
	var got counter
	if err := key.Take(&got).Error; err != nil {
		return c, fmt.Errorf("lock number counter: %w", err)
	}
	return got, nil
}

// allocate gives out the next number of a series under the counter's
// lock and records it in the number register with the given status. The
// register is consulted too, so a counter that lags behind (a restored or
// hand-edited database) can never hand out a number twice.
func allocate(tx *gorm.DB, agencyID, issuerKey, series string, year int, typeCode, status string, documentID *string, note string) (Reservation, error) {
	c, err := lockCounter(tx, agencyID, issuerKey, series, year)
	if err != nil {
		return Reservation{}, err
	}
	var maxUsed int
	if err := tx.Unscoped().Model(&Reservation{}).
		Where("agency_id = ? AND issuer_key = ? AND series = ? AND year = ?", agencyID, issuerKey, series, year).
		Select("COALESCE(MAX(number), 0)").Scan(&maxUsed).Error; err != nil {
		return Reservation{}, fmt.Errorf("number register: %w", err)
	}
	next := max(c.LastNumber, maxUsed) + 1
	res := tx.Model(&counter{}).Where("id = ?", c.ID).
		Updates(map[string]any{"last_number": next, "version": gorm.Expr("version + 1")})
	if res.Error != nil {
		return Reservation{}, fmt.Errorf("advance number counter: %w", res.Error)
	}
	r := Reservation{AgencyID: agencyID, IssuerKey: issuerKey, Series: series, Year: year, Number: next,
		TypeCode: typeCode, Status: status, DocumentID: documentID, Note: note}
	if err := tx.Create(&r).Error; err != nil {
		if errors.Is(err, gorm.ErrDuplicatedKey) {
			return r, fault.Wrap(err, fault.ErrConflict, "errors.document.numberTaken", "number", next)
		}
		return r, fmt.Errorf("record number: %w", err)
	}
	return r, nil
}

func (r *Reservation) decorate(symbol string) {
	r.NumberText = NumberText(r.Number, symbol)
}

// Reserve takes the next number of the type's series for an issuer and a
// year, ahead of issuing; Issue may then use it.
func (s *Service) Reserve(ctx context.Context, agencyID string, req ReserveRequest) (Reservation, error) {
	req.TypeCode = vntext.Clean(req.TypeCode)
	req.IssuerKey = vntext.Clean(req.IssuerKey)
	req.Note = vntext.Clean(req.Note)
	if req.IssuerKey == "" {
		req.IssuerKey = IssuerAgency
	}
	if req.Year == 0 {
		req.Year = Today().Year()
	}
	var v fault.Validation
	v.Required("typeCode", req.TypeCode)
	if req.Year < 1900 || req.Year > 2100 {
		v.Add("year", "validation.range", "min", 1900, "max", 2100)
	}
	v.MaxLen("note", req.Note, 300)
	if err := v.Err(); err != nil {
		return Reservation{}, err
	}
	var r Reservation
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		t, err := typeByCode(tx, agencyID, req.TypeCode)
		if err != nil {
			return err
		}
		a, err := loadAgency(tx, agencyID)
		if err != nil {
			return err
		}
		is, err := issuerOf(tx, a, req.IssuerKey)
		if err != nil {
			return err
		}
		if !validSymbolPart(is.Abbrev) {
			return fault.New(fault.ErrRefused, "errors.document.issuerAbbrev", "name", is.Name)
		}
		r, err = allocate(tx, agencyID, is.Key, t.Series, req.Year, t.Code, ReservationHeld, nil, req.Note)
		if err != nil {
			return err
		}
		r.decorate(Symbol(t, is.Abbrev, ""))
		return nil
	})
	return r, err
}

// Reservations lists the number register, newest first: one type's
// series ("" = every type) in one year (0 = every year).
func (s *Service) Reservations(ctx context.Context, agencyID, typeCode string, year int) ([]Reservation, error) {
	db := s.db.WithContext(ctx)
	tx := db.Where("agency_id = ?", agencyID)
	types, issuers, err := lookups(db, agencyID)
	if err != nil {
		return nil, err
	}
	if typeCode != "" {
		t, ok := types[typeCode]
		if !ok {
			return nil, fault.New(fault.ErrNotFound, "errors.document.unknownType", "code", typeCode)
		}
		tx = tx.Where("series = ?", t.Series)
	}
	if year != 0 {
		tx = tx.Where("year = ?", year)
	}
	out := []Reservation{}
	if err := tx.Order("year DESC").Order("number DESC").Order("issuer_key ASC").Limit(5000).Find(&out).Error; err != nil {
		return nil, fmt.Errorf("number register: %w", err)
	}
	// The number text of a used number is the document's own symbol.
	symbols := map[string]string{}
	var ids []string
	for _, r := range out {
		if r.DocumentID != nil {
			ids = append(ids, *r.DocumentID)
		}
	}
	if len(ids) > 0 {
		var docs []Document
		if err := db.Unscoped().Select("id", "symbol").Where("id IN ?", ids).Find(&docs).Error; err != nil {
			return nil, fmt.Errorf("number register documents: %w", err)
		}
		for _, d := range docs {
			symbols[d.ID] = d.Symbol
		}
	}
	for i := range out {
		r := &out[i]
		if r.DocumentID != nil && symbols[*r.DocumentID] != "" {
			r.decorate(symbols[*r.DocumentID])
			continue
		}
		r.decorate(Symbol(types[r.TypeCode], issuers[r.IssuerKey].Abbrev, ""))
	}
	return out, nil
}

// CancelReservation releases a reserved number. It stays in the register
// with the reason and is never given out again.
func (s *Service) CancelReservation(ctx context.Context, agencyID, id, reason string) (Reservation, error) {
	reason = vntext.CleanText(reason)
	var v fault.Validation
	v.Text("reason", reason, true, 1000)
	if err := v.Err(); err != nil {
		return Reservation{}, err
	}
	var r Reservation
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := store.Get(tx.Where("agency_id = ?", agencyID), &r, "reservation", id); err != nil {
			return err
		}
		if r.Status != ReservationHeld {
			return fault.New(fault.ErrRefused, "errors.document.reservationNotHeld")
		}
		r.Status, r.Reason = ReservationCancelled, reason
		return store.UpdateVersioned(tx, &r, "reservation", "status", "reason")
	})
	if err != nil {
		return r, err
	}
	types, issuers, err := lookups(s.db.WithContext(ctx), agencyID)
	if err != nil {
		return r, err
	}
	r.decorate(Symbol(types[r.TypeCode], issuers[r.IssuerKey].Abbrev, ""))
	return r, nil
}
