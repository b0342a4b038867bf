package document

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"gorm.io/gorm"

	"chungsuc/internal/fault"
	"chungsuc/internal/org"
	"chungsuc/internal/store"
	"chungsuc/internal/vntext"
)

// councilHeadTitle is the title of a council's chair, who signs its
// documents "TM. HỘI ĐỒNG … / CHỦ TỊCH".
const councilHeadTitle = "CHỦ TỊCH"

func loadAgency(tx *gorm.DB, agencyID string) (org.Agency, error) {
	var a org.Agency
	err := store.Get(tx, &a, "agency", agencyID)
	return a, err
}

func agencyIssuer(a org.Agency) Issuer {
	return Issuer{Key: IssuerAgency, Kind: IssuerKindAgency, Name: a.Name, ParentBody: a.ParentBody,
		Abbrev: a.Abbrev, HeadTitle: a.HeadTitle}
}

func councilIssuer(a org.Agency, u org.Unit) Issuer {
	return Issuer{Key: u.ID, Kind: IssuerKindCouncil, Name: strings.ToUpper(u.Name), ParentBody: a.Name,
		Abbrev: u.ShortName, HeadTitle: councilHeadTitle}
}

// Issuers lists the agency first, then its active councils (units of kind
// hội đồng), each of which numbers its documents in its own series.
func (s *Service) Issuers(ctx context.Context, agencyID string) ([]Issuer, error) {
	tx := s.db.WithContext(ctx)
	a, err := loadAgency(tx, agencyID)
	if err != nil {
		return nil, err
	}
	out := []Issuer{agencyIssuer(a)}
	var units []org.Unit
	if err := tx.Where("agency_id = ? AND kind = ? AND active = ?", agencyID, org.KindHoiDong, true).
		Order("sort_order ASC").Order("sort_key ASC").Find(&units).Error; err != nil {
		return nil, fmt.Errorf("councils: %w", err)
	}
	for _, u := range units {
		out = append(out, councilIssuer(a, u))
	}
	return out, nil
}

// issuerOf resolves an issuer key ("" is the agency).
func issuerOf(tx *gorm.DB, a org.Agency, key string) (Issuer, error) {
	if key == "" || key == IssuerAgency {
		return agencyIssuer(a), nil
	}
	var u org.Unit
	err := tx.Where("id = ? AND agency_id = ? AND kind = ?", key, a.ID, org.KindHoiDong).Take(&u).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Issuer{}, fault.New(fault.ErrNotFound, "errors.document.unknownIssuer")
	}
	if err != nil {
		return Issuer{}, fmt.Errorf("issuer: %w", err)
	}
	return councilIssuer(a, u), nil
}

// Signers lists the head (signing in their own name, TM. for a collective
// body, or as acting head Q.) and the deputies (KT.).
func (s *Service) Signers(ctx context.Context, agencyID string) ([]Signer, error) {
	a, err := loadAgency(s.db.WithContext(ctx), agencyID)
	if err != nil {
		return nil, err
	}
	return signersOf(a), nil
}

func signersOf(a org.Agency) []Signer {
	out := []Signer{}
	if a.HeadName != "" || a.HeadTitle != "" {
		out = append(out, Signer{Name: a.HeadName, Title: a.HeadTitle, Head: true, Forms: []string{"", "TM", "Q"}, Form: ""})
	}
	for _, d := range a.Deputies {
		out = append(out, Signer{Name: d.Name, Title: d.Title, Forms: []string{"KT", "TM"}, Form: "KT"})
	}
	return out
}

// sentence writes an upper-case title as running text: "GIÁM ĐỐC" →
// "Giám đốc".
func sentence(s string) string {
	s = strings.ToLower(s)
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// defaultSettings derives the wording from the agency profile and units
// where nothing has been saved: good guesses, meant to be reviewed.
func defaultSettings(tx *gorm.DB, a org.Agency) (Settings, error) {
	st := Settings{AgencyID: a.ID, FullName: sentence(a.Name), DraftUnit: "VP"}
	if f := strings.Fields(st.FullName); len(f) > 0 {
		st.ShortName = f[0]
	}
	st.Superior = superiorOf(a)
	var units []org.Unit
	if err := tx.Where("agency_id = ? AND active = ? AND kind IN ?", a.ID, true, []string{org.KindPhong, org.KindHoiDong}).
		Order("sort_order ASC").Order("sort_key ASC").Find(&units).Error; err != nil {
		return st, fmt.Errorf("document settings: %w", err)
	}
	for _, u := range units {
		switch {
		case u.Kind == org.KindHoiDong && st.Council == "":
			st.Council = u.Name
		case u.Kind == org.KindPhong && st.Secretariat == "" && strings.HasPrefix(vntext.Fold(u.Name), "van phong"):
			st.Secretariat = u.Name
			if u.ShortName != "" && validSymbolPart(u.ShortName) {
				st.DraftUnit = u.ShortName
			}
		}
	}
	return st, nil
}

// superiorOf writes the governing body as running text when it is a
// people's committee: "UBND TỈNH QUẢNG BÌNH" → "Ủy ban nhân dân tỉnh
// Quảng Bình" (the place name as the profile writes it).
func superiorOf(a org.Agency) string {
	p := a.ParentBody
	if p == "" {
		return ""
	}
	up := strings.ToUpper(p)
	for _, prefix := range []string{"UBND ", "ỦY BAN NHÂN DÂN ", "UỶ BAN NHÂN DÂN "} {
		if !strings.HasPrefix(up, prefix) {
			continue
		}
		rest := strings.ToLower(strings.TrimSpace(p[len(prefix):]))
		if place := a.PlaceName; place != "" {
			if i := strings.Index(rest, strings.ToLower(place)); i >= 0 {
				rest = rest[:i] + place + rest[i+len(strings.ToLower(place)):]
			}
		}
		return strings.TrimSpace("Ủy ban nhân dân " + rest)
	}
	return p
}

func (st *Settings) normalise() {
	st.FullName = vntext.Clean(st.FullName)
	st.ShortName = vntext.Clean(st.ShortName)
	st.DraftUnit = vntext.Clean(st.DraftUnit)
	st.Secretariat = vntext.Clean(st.Secretariat)
	st.Council = vntext.Clean(st.Council)
	st.Superior = vntext.Clean(st.Superior)
}

func (st *Settings) validate() error {
	var v fault.Validation
	v.Text("fullName", st.FullName, true, 300)
	v.Text("shortName", st.ShortName, true, 60)
	if st.DraftUnit != "" && !validSymbolPart(st.DraftUnit) {
		v.Add("draftUnit", "validation.abbrev")
	}
	v.MaxLen("draftUnit", st.DraftUnit, 30)
	v.MaxLen("secretariat", st.Secretariat, 200)
	v.MaxLen("council", st.Council, 200)
	v.MaxLen("superior", st.Superior, 300)
	return v.Err()
}

// settingsTx returns the saved settings, or the derived ones (not saved).
func settingsTx(tx *gorm.DB, a org.Agency) (Settings, error) {
	var st Settings
	if err := tx.Where("agency_id = ?", a.ID).Limit(1).Find(&st).Error; err != nil {
		return st, fmt.Errorf("document settings: %w", err)
	}
	if st.ID != "" {
		return st, nil
	}
	return defaultSettings(tx, a)
}

// Settings returns the agency's wording for the templates.
func (s *Service) Settings(ctx context.Context, agencyID string) (Settings, error) {
	tx := s.db.WithContext(ctx)
	a, err := loadAgency(tx, agencyID)
	if err != nil {
		return Settings{}, err
	}
	return settingsTx(tx, a)
}

// SaveSettings saves the agency's wording (one row per agency).
func (s *Service) SaveSettings(ctx context.Context, agencyID string, st Settings) (Settings, error) {
	st.normalise()
	st.AgencyID = agencyID
	if err := st.validate(); err != nil {
		return st, err
	}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return SaveSettingsTx(tx, &st)
	})
	return st, err
}

// SaveSettingsTx saves the settings inside the caller's transaction (the
// sample sets its own).
func SaveSettingsTx(tx *gorm.DB, st *Settings) error {
	st.normalise()
	if err := st.validate(); err != nil {
		return err
	}
	var cur Settings
	if err := tx.Where("agency_id = ?", st.AgencyID).Limit(1).Find(&cur).Error; err != nil {
		return fmt.Errorf("document settings: %w", err)
	}
	if cur.ID == "" {
		st.Base = store.Base{}
		if err := tx.Create(st).Error; err != nil {
			return fmt.Errorf("create document settings: %w", err)
		}
		return nil
	}
	if st.ID == "" {
		// A save from a form that showed the derived values: it applies to
		// the current row.
		st.ID, st.Version = cur.ID, cur.Version
	}
	if st.ID != cur.ID {
		return fault.NotFound("documentSettings")
	}
	return store.UpdateVersioned(tx, st, "documentSettings", "full_name", "short_name", "draft_unit", "secretariat", "council", "superior")
}
