package dashboard

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"chungsuc/internal/campaign"
	"chungsuc/internal/fault"
	"chungsuc/internal/locality"
	"chungsuc/internal/sponsor"
)

// Service computes the dashboard over one database.
type Service struct {
	db *gorm.DB
}

// NewService returns the dashboard service.
func NewService(db *gorm.DB) *Service { return &Service{db: db} }

// Today is the reference day for the default AsOf; tests may replace it.
var Today = func() time.Time { return time.Now() }

// Steps is the number of progress steps Compute reports.
const Steps = 7

// targetDatChuan is criteria.TargetDatChuan: the sets that grant the
// commune "đạt chuẩn" level (the package is not imported to keep the
// dashboard independent of the criteria editor).
const targetDatChuan = "dat_chuan"

// Phases of the criteria sets a campaign period selects.
var phases = []struct {
	name     string
	from, to int
}{{"2021-2025", 2021, 2025}, {"2026-2030", 2026, 2030}}

// PhaseOf is the criteria phase a campaign period lies in, "" if none.
func PhaseOf(fromYear, toYear int) string {
	for _, p := range phases {
		if fromYear >= p.from && toYear <= p.to && fromYear <= toYear {
			return p.name
		}
	}
	return ""
}

// resolved is a Query with its campaign, day, province and set looked up.
type resolved struct {
	camp     campaign.Campaign
	asOf     string
	province locality.Locality
	set      SetRef
	sc       scope
}

// resolve loads the campaign, checks the day and the province and chooses
// the criteria set.
func (s *Service) resolve(ctx context.Context, agencyID string, q Query) (resolved, error) {
	var r resolved
	cs := campaign.NewService(s.db)
	var err error
	if q.CampaignID == "" {
		r.camp, err = cs.Active(ctx, agencyID)
	} else {
		r.camp, err = cs.Get(ctx, agencyID, q.CampaignID)
	}
	if err != nil {
		return r, err
	}
	end := fmt.Sprintf("%04d-12-31", r.camp.ToYear)
	r.asOf = strings.TrimSpace(q.AsOf)
	if r.asOf == "" {
		r.asOf = Today().Format(fault.DateLayout)
		if r.asOf > end {
			r.asOf = end
		}
	} else if t, err := time.Parse(fault.DateLayout, r.asOf); err != nil || t.Year() < 1900 || t.Year() > 2100 {
		return r, fault.New(fault.ErrInvalid, "errors.dashboard.badDate", "date", r.asOf)
	}
	if q.ProvinceID != "" {
		err := s.db.WithContext(ctx).Where("agency_id = ? AND id = ?", agencyID, q.ProvinceID).Limit(1).Find(&r.province).Error
		if err != nil {
			return r, fmt.Errorf("dashboard province: %w", err)
		}
		if r.province.ID == "" {
			return r, fault.NotFound("locality")
		}
	}
	r.set, err = s.chooseSet(ctx, agencyID, q.SetCode, PhaseOf(r.camp.FromYear, r.camp.ToYear))
	if err != nil {
		return r, err
	}
	r.sc = scope{agency: agencyID, date: r.asOf, year: yearOf(r.asOf), start: fmt.Sprintf("%04d-01-01", r.camp.FromYear),
		province: q.ProvinceID, code: r.set.Code, campaign: r.camp.ID, sets: []string{}}
	if r.set.Code != "" {
		err := s.db.WithContext(ctx).Table("criteria_sets").Where("agency_id = ? AND code = ?", agencyID, r.set.Code).
			Order("revision ASC").Pluck("id", &r.sc.sets).Error
		if err != nil {
			return r, fmt.Errorf("dashboard set revisions: %w", err)
		}
	}
	return r, nil
}

// chooseSet returns the current revision of the set code asked for, or of
// the commune "đạt chuẩn" set of the phase: when several codes qualify, the
// one with the most finalised assessments (then by code).
func (s *Service) chooseSet(ctx context.Context, agencyID, code, phase string) (SetRef, error) {
	db := s.db.WithContext(ctx)
	var rows []struct {
		ID, Code, Name, Phase string
		Confirmed             bool
	}
	tx := db.Table("criteria_sets").Select("id, code, name, phase, confirmed").
		Where("agency_id = ? AND deleted_at IS NULL AND current = ?", agencyID, true)
	if code != "" {
		tx = tx.Where("code = ?", code)
	} else {
		if phase == "" {
			return SetRef{}, nil
		}
		tx = tx.Where("target = ? AND scope = ? AND phase = ?", targetDatChuan, locality.LevelCommune, phase)
	}
	if err := tx.Order("code ASC").Order("revision DESC").Scan(&rows).Error; err != nil {
		return SetRef{}, fmt.Errorf("dashboard set: %w", err)
	}
	if len(rows) == 0 {
		if code != "" {
			return SetRef{}, fault.New(fault.ErrNotFound, "errors.dashboard.setNotFound", "code", code)
		}
		return SetRef{}, nil
	}
	best := 0
	if len(rows) > 1 {
		// Several codes qualify: the one the agency assesses with.
		var counts []struct {
			Code string
			N    int
		}
		err := db.Table("assessments a").Select("s.code, COUNT(*) AS n").Joins("JOIN criteria_sets s ON s.id = a.set_id").
			Where("s.agency_id = ? AND a.status = ? AND a.deleted_at IS NULL", agencyID, "hoan_tat").
			Group("s.code").Scan(&counts).Error
		if err != nil {
			return SetRef{}, fmt.Errorf("dashboard set use: %w", err)
		}
		n := map[string]int{}
		for _, c := range counts {
			n[c.Code] = c.N
		}
		for i, r := range rows {
			if n[r.Code] > n[rows[best].Code] {
				best = i
			}
		}
	}
	x := rows[best]
	return SetRef{ID: x.ID, Code: x.Code, Name: x.Name, Phase: x.Phase, Confirmed: x.Confirmed}, nil
}

func yearOf(day string) int {
	y, _ := strconv.Atoi(day[:4])
	return y
}

func round(x float64, digits int) float64 {
	p := math.Pow(10, float64(digits))
	return math.Round(x*p) / p
}

// pct is n of d in %, to 0.1; 0 when d is 0.
func pct(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return round(100*float64(n)/float64(d), 1)
}

// belowN parses "communes_below_N".
func belowN(metric string) (int, bool) {
	if !strings.HasPrefix(metric, MetricCommunesBelow) {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimPrefix(metric, MetricCommunesBelow))
	if err != nil || n < 1 || n > 1000 {
		return 0, false
	}
	return n, true
}

// compare applies a target's comparator.
func compare(actual float64, comparator string, value float64) *bool {
	var ok bool
	const eps = 1e-9
	switch comparator {
	case ">=", "":
		ok = actual >= value-eps
	case "<=":
		ok = actual <= value+eps
	case "=":
		ok = math.Abs(actual-value) <= eps
	default:
		return nil
	}
	return &ok
}

// settle fills Actual, Share and Met from Count and Denominator.
func (f *TargetFigure) settle() {
	f.Share = pct(f.Count, f.Denominator)
	if f.ValueUnit == "%" {
		f.Actual = f.Share
		if f.Denominator == 0 {
			f.Met = nil
			return
		}
		f.Met = compare(100*float64(f.Count)/float64(f.Denominator), f.Comparator, f.Value)
		return
	}
	f.Actual = float64(f.Count)
	f.Met = compare(f.Actual, f.Comparator, f.Value)
}

// figures are the counts the targets read, computed once.
type figures struct {
	communes                      communeStats
	districts, districtsNTM       int
	districtsEnded                int
	villages, villagesNTM         int
	unitsRequired, unitsComplying int
	complianceDate                string
}

// figure turns one target into its figure.
func (f *figures) figure(t campaign.Target, hasSet bool) TargetFigure {
	out := TargetFigure{TargetID: t.ID, Label: t.Label, Metric: t.Metric, Comparator: t.Comparator, Value: t.Value,
		ValueUnit: t.ValueUnit, TargetCount: t.Count, CountUnit: t.CountUnit}
	c := f.communes
	out.Known = true
	switch t.Metric {
	case MetricCommunesNTM:
		out.Count, out.Denominator = c.NTM, c.Communes
	case MetricCommunesNTMAdvanced:
		out.Count, out.Denominator = c.NangCao, c.Communes
	case MetricCommunesNTMModel:
		out.Count, out.Denominator = c.KieuMau, c.Communes
	case MetricDistrictsNTM:
		out.Count, out.Denominator = f.districtsNTM, f.districts
		if f.districtsEnded > 0 {
			out.NoteKey = "dashboard.note.districtsEnded"
		}
	case MetricVillagesNTMDBKK:
		out.Count, out.Denominator = f.villagesNTM, f.villages
	case MetricUnitsSponsoring:
		out.Count, out.Denominator = f.unitsComplying, f.unitsRequired
	default:
		n, ok := belowN(t.Metric)
		if !ok {
			out.Known = false
			return out
		}
		out.Count, out.Denominator, out.Unassessed = c.below(n), c.Assessed, c.Communes-c.Assessed
		if !hasSet {
			out.NoteKey = "dashboard.note.noSet"
			out.DrillMetric = t.Metric
			out.Met = nil
			return out
		}
		if out.Unassessed > 0 {
			out.NoteKey = "dashboard.note.unassessed"
		}
		out.DrillMetric = t.Metric
		out.settle()
		if out.Denominator == 0 {
			out.Met = nil // nothing assessed: unknown, not "none below"
		}
		return out
	}
	out.DrillMetric = t.Metric
	out.settle()
	return out
}

// Compute gathers every figure of the dashboard; progress (may be nil) is
// called after each of the Steps steps.
func (s *Service) Compute(ctx context.Context, agencyID string, q Query, progress func(step, steps int)) (Dashboard, error) {
	step := 0
	tick := func() {
		step++
		if progress != nil {
			progress(step, Steps)
		}
	}
	r, err := s.resolve(ctx, agencyID, q)
	if err != nil {
		return Dashboard{}, err
	}
	d := Dashboard{
		Campaign: CampaignRef{ID: r.camp.ID, Name: r.camp.Name, FromYear: r.camp.FromYear, ToYear: r.camp.ToYear,
			Period: fmt.Sprintf("%d - %d", r.camp.FromYear, r.camp.ToYear)},
		AsOf: r.asOf, ProvinceID: r.province.ID, Province: r.province.Name, SetCode: r.set.Code, Set: r.set,
		Targets: []TargetFigure{}, Units: []UnitProgress{}, CriteriaPass: []CriterionPass{}, Trend: []YearPoint{},
	}
	tick()
	var f figures
	if f.communes, err = s.communeStats(ctx, r.sc); err != nil {
		return d, err
	}
	d.Communes = f.communes.Communes
	tick()
	if f.districts, f.districtsNTM, f.districtsEnded, err = s.districtStats(ctx, r.sc); err != nil {
		return d, err
	}
	if f.villages, f.villagesNTM, err = s.villageStats(ctx, r.sc); err != nil {
		return d, err
	}
	tick()
	day, _ := time.Parse(fault.DateLayout, r.asOf)
	comp, err := sponsor.NewService(s.db).Compliance(ctx, agencyID, day)
	if err != nil {
		return d, err
	}
	f.unitsRequired, f.unitsComplying, f.complianceDate = comp.Required, comp.Complying, comp.ReferenceDate
	d.Sponsorship = Sponsorship{UnitsTotal: comp.Required, UnitsCompliant: comp.Complying, ReferenceDate: comp.ReferenceDate}
	usesSponsoring := false
	for _, t := range r.camp.Targets {
		d.Targets = append(d.Targets, f.figure(t, r.set.Code != ""))
		usesSponsoring = usesSponsoring || t.Metric == MetricUnitsSponsoring
	}
	if !usesSponsoring {
		x := f.figure(campaign.Target{Metric: MetricUnitsSponsoring, Comparator: ">=", Value: float64(comp.Required)}, true)
		x.Label = ""
		x.NoteKey = "dashboard.note.sponsoringRule"
		d.Sponsoring = &x
	}
	tick()
	if d.CriteriaPass, err = s.criteriaPass(ctx, r.sc); err != nil {
		return d, err
	}
	if err := s.nameCriteria(ctx, r.set.ID, d.CriteriaPass); err != nil {
		return d, err
	}
	tick()
	if d.Units, err = s.unitProgress(ctx, r.sc); err != nil {
		return d, err
	}
	tick()
	if d.Trend, err = s.trend(ctx, r, f.communes); err != nil {
		return d, err
	}
	tick()
	return d, nil
}

// nameCriteria gives each criterion number the name it has in the set's
// current revision (older revisions may word it differently).
func (s *Service) nameCriteria(ctx context.Context, setID string, list []CriterionPass) error {
	if setID == "" || len(list) == 0 {
		return nil
	}
	var cur []struct {
		No   int
		Name string
	}
	if err := s.db.WithContext(ctx).Table("criteria_criteria").Select("no", "name").
		Where("set_id = ? AND deleted_at IS NULL", setID).Scan(&cur).Error; err != nil {
		return fmt.Errorf("dashboard criteria names: %w", err)
	}
	names := map[int]string{}
	for _, c := range cur {
		names[c.No] = c.Name
	}
	for i := range list {
		if n, ok := names[list[i].No]; ok {
			list[i].Name = n
		}
	}
	return nil
}

// yearScope is the scope of the trend point of year y: the end of the year,
// or the as-of day for its own year.
func yearScope(sc scope, y int) scope {
	sc.year = y
	if end := fmt.Sprintf("%04d-12-31", y); end < sc.date {
		sc.date = end
	}
	return sc
}

// trend computes one point per campaign year up to the as-of year.
func (s *Service) trend(ctx context.Context, r resolved, last communeStats) ([]YearPoint, error) {
	out := []YearPoint{}
	to := r.camp.ToYear
	if y := yearOf(r.asOf); y < to {
		to = y
	}
	for y := r.camp.FromYear; y <= to; y++ {
		sc := yearScope(r.sc, y)
		c := last
		if sc.date != r.sc.date || sc.year != r.sc.year {
			var err error
			if c, err = s.communeStats(ctx, sc); err != nil {
				return nil, err
			}
		}
		out = append(out, YearPoint{Year: y, Date: sc.date, Communes: c.Communes, NTM: c.NTM, NangCao: c.NangCao,
			KieuMau: c.KieuMau, Assessed: c.Assessed, AvgCriteria: c.avg()})
	}
	return out, nil
}

// errNoMetric is returned by Drill for a figure it cannot list.
func errNoMetric(metric string) error {
	return fault.New(fault.ErrInvalid, "errors.dashboard.unknownMetric", "metric", metric)
}
