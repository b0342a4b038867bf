package sponsor

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"chungsuc/internal/campaign"
	"chungsuc/internal/fault"
	"chungsuc/internal/fileout"
	"chungsuc/internal/org"
	"chungsuc/internal/sheet"
	"chungsuc/internal/vntext"
)

// ExportData gathers what the sponsorship workbook shows on the given day:
// every live registration with its totals, every active unit (and any other
// unit holding a registration) against the rule, and every supported
// commune with its villages rolled up.
func (s *Service) ExportData(ctx context.Context, agencyID string, today time.Time) (sheet.SponsorExport, error) {
	db := s.db.WithContext(ctx)
	day := today.Format(fault.DateLayout)
	out := sheet.SponsorExport{Date: day, Registrations: []sheet.SponsorRegistration{},
		Units: []sheet.SponsorUnit{}, Communes: []sheet.SponsorCommune{}}
	var a org.Agency
	if err := db.Where("id = ?", agencyID).Limit(1).Find(&a).Error; err != nil {
		return out, fmt.Errorf("export agency: %w", err)
	}
	out.Agency = a.Name
	var active campaign.Campaign
	if err := db.Select("name").Where("agency_id = ? AND active = ?", agencyID, true).Limit(1).Find(&active).Error; err != nil {
		return out, fmt.Errorf("export campaign: %w", err)
	}
	out.Campaign = active.Name

	rows, err := s.allRows(ctx, agencyID)
	if err != nil {
		return out, err
	}
	var camps []campaign.Campaign
	if err := db.Unscoped().Select("id", "name").Where("agency_id = ?", agencyID).Find(&camps).Error; err != nil {
		return out, fmt.Errorf("export campaigns: %w", err)
	}
	campName := map[string]string{}
	for _, c := range camps {
		campName[c.ID] = c.Name
	}
	ids := make([]string, 0, len(rows))
	for _, r := range rows {
		ids = append(ids, r.LocalityID)
	}
	ps, err := loadPlaces(db, ids)
	if err != nil {
		return out, err
	}
	// Registrations sorted by unit, then place, then start.
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if ka, kb := vntext.Fold(a.UnitName), vntext.Fold(b.UnitName); ka != kb {
			return ka < kb
		}
		if pa, pb := vntext.Fold(a.LocalityPath), vntext.Fold(b.LocalityPath); pa != pb {
			return pa < pb
		}
		return a.FromDate < b.FromDate
	})
	type unitTotals struct {
		regs, acts int
		amount     int64
		days       float64
	}
	perUnit := map[string]*unitTotals{}
	type communeTotals struct {
		sheet.SponsorCommune
		units map[string]bool
	}
	perCommune := map[string]*communeTotals{}
	for _, r := range rows {
		camp := ""
		if r.CampaignID != nil {
			camp = campName[*r.CampaignID]
		}
		out.Registrations = append(out.Registrations, sheet.SponsorRegistration{
			Unit: r.UnitName, Locality: r.LocalityPath, LocalityKind: r.LocalityKind, Campaign: camp,
			FromDate: r.FromDate, ToDate: r.ToDate, Content: r.Content,
			CommitVisits: r.CommitVisits, CommitFunds: r.CommitFunds, CommitWorkdays: r.CommitWorkdays, CommitNote: r.CommitNote,
			Status: r.Status, Activities: r.ActivityCount, AmountVND: r.AmountVND, Workdays: r.Workdays,
		})
		u := perUnit[r.UnitID]
		if u == nil {
			u = &unitTotals{}
			perUnit[r.UnitID] = u
		}
		u.regs, u.acts, u.amount, u.days = u.regs+1, u.acts+r.ActivityCount, u.amount+r.AmountVND, u.days+r.Workdays

		c, ok := ps.commune(r.LocalityID)
		if !ok {
			continue
		}
		ct := perCommune[c.ID]
		if ct == nil {
			parent := ""
			if c.ParentID != nil {
				parent = ps[*c.ParentID].Name
			}
			ct = &communeTotals{SponsorCommune: sheet.SponsorCommune{Commune: c.Name, CommuneKind: c.Kind,
				Parent: parent, SpecialDifficulty: c.SpecialDifficulty}, units: map[string]bool{}}
			perCommune[c.ID] = ct
		}
		ct.units[r.UnitID] = true
		ct.Registrations++
		if c.ID != r.LocalityID {
			ct.VillageRegistrations++
		}
		ct.Activities += r.ActivityCount
		ct.AmountVND += r.AmountVND
		ct.Workdays += r.Workdays
	}

	comp, err := s.Compliance(ctx, agencyID, today)
	if err != nil {
		return out, err
	}
	listed := map[string]bool{}
	addUnit := func(id, name, kind string, required, complies bool, active int, places []string) {
		listed[id] = true
		u := perUnit[id]
		if u == nil {
			u = &unitTotals{}
		}
		out.Units = append(out.Units, sheet.SponsorUnit{Unit: name, UnitKind: kind, Required: required, Complies: complies,
			Registrations: u.regs, ActiveRegistrations: active, Activities: u.acts, AmountVND: u.amount, Workdays: u.days,
			Localities: strings.Join(places, "; ")})
	}
	for _, c := range comp.Units {
		addUnit(c.UnitID, c.UnitName, c.UnitKind, c.Required, c.Complies, c.ActiveRegistrations, c.Localities)
	}
	// Units no longer active (or deleted) that still hold registrations.
	var extra []string
	for id := range perUnit {
		if !listed[id] {
			extra = append(extra, id)
		}
	}
	if len(extra) > 0 {
		var units []org.Unit
		if err := db.Unscoped().Where("id IN ?", extra).Order("sort_order ASC").Order("sort_key ASC").Order("id ASC").Find(&units).Error; err != nil {
			return out, fmt.Errorf("export units: %w", err)
		}
		for _, u := range units {
			addUnit(u.ID, u.Name, u.Kind, false, false, 0, nil)
		}
	}
	for _, c := range perCommune {
		c.Units = len(c.units)
		out.Communes = append(out.Communes, c.SponsorCommune)
	}
	sort.Slice(out.Communes, func(i, j int) bool {
		a, b := out.Communes[i], out.Communes[j]
		if ka, kb := vntext.Fold(a.Parent), vntext.Fold(b.Parent); ka != kb {
			return ka < kb
		}
		if ka, kb := vntext.Fold(a.Commune), vntext.Fold(b.Commune); ka != kb {
			return ka < kb
		}
		return a.Commune < b.Commune
	})
	return out, nil
}

// ExportSummary says what an export wrote.
type ExportSummary struct {
	Registrations int `json:"registrations"`
	Units         int `json:"units"`
	Communes      int `json:"communes"`
}

// ExportTo writes the sponsorship workbook to path (replacing a file that
// is there: the save dialog has asked). It writes a temporary file beside it
// and renames it, so a failed export never leaves half a workbook.
func (s *Service) ExportTo(ctx context.Context, agencyID, path string, today time.Time) (ExportSummary, error) {
	data, err := s.ExportData(ctx, agencyID, today)
	if err != nil {
		return ExportSummary{}, err
	}
	sum := ExportSummary{Registrations: len(data.Registrations), Units: len(data.Units), Communes: len(data.Communes)}
	refuse := func(err error) (ExportSummary, error) {
		return ExportSummary{}, fault.Wrap(err, fault.ErrRefused, "errors.sponsor.exportWrite", "path", path)
	}
	if err := fileout.Write(path, func(w io.Writer) error { return sheet.WriteSponsorWorkbook(w, data) }); err != nil {
		return refuse(err)
	}
	return sum, nil
}
