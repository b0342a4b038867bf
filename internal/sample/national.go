package sample

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"chungsuc/internal/assessment"
	"chungsuc/internal/campaign"
	"chungsuc/internal/criteria"
	"chungsuc/internal/fault"
	"chungsuc/internal/locality"
	"chungsuc/internal/org"
	"chungsuc/internal/sponsor"
	"chungsuc/internal/store"
)

// The national-size synthetic dataset ("chungsuc sample --scale national"):
// a load test, not a picture of any real place. Sizes at scale 1 follow the
// administrative structure before 1/7/2025.
const (
	natProvinces   = 63
	natDistricts   = 700
	natCommunes    = 10600
	natVillagesPer = 5
	natRegsPerUnit = 40
	natFromYear    = 2021
	natToYear      = 2025
	natYears       = natToYear - natFromYear + 1
	natCriteria    = 19
	natPerCriteria = 3

	// NationalSetCode is the synthetic 57-indicator criteria set.
	NationalSetCode = "mo-phong-57"
	// NationalMetaKey records the scale of a generated national dataset.
	NationalMetaKey = "sample_national"
	// NationalNote marks every generated row that has a note.
	NationalNote = "(dữ liệu mô phỏng quy mô toàn quốc, không phải số liệu thật)"
	// MaxScale bounds --scale: 1 is the national size.
	MaxScale = 4.0
)

// natRegion describes the provinces of one region (locality.Regions order):
// how many there are at scale 1, and the shares that shape the synthetic
// communes (recognised NTM by 2020, special difficulty, mountain, coast,
// border) and the shift of the region's levels from the common level.
type natRegion struct {
	provinces                              int
	ntm2020, sd, mountain, coastal, border float64
	shift                                  float64
}

var natRegions = []natRegion{
	{14, 0.35, 0.35, 0.85, 0, 0.12, -15},  // trung du miền núi phía Bắc
	{11, 0.90, 0.01, 0.03, 0.08, 0, 10},   // đồng bằng sông Hồng
	{6, 0.60, 0.15, 0.35, 0.15, 0.05, -5}, // Bắc Trung Bộ
	{8, 0.55, 0.12, 0.30, 0.20, 0, -5},    // duyên hải Nam Trung Bộ
	{5, 0.45, 0.25, 0.70, 0, 0.08, -10},   // Tây Nguyên
	{6, 0.80, 0.02, 0.05, 0.05, 0.03, 10}, // Đông Nam Bộ
	{13, 0.60, 0.08, 0, 0.15, 0.03, 0},    // đồng bằng sông Cửu Long
}

// natHardness weighs how often each synthetic criterion is the one a
// commune has not met yet (so pass rates differ from one criterion to the next).
var natHardness = [natCriteria]float64{1, 4, 2, 1, 3, 2, 3, 2, 2, 5, 4, 2, 5, 2, 3, 1, 6, 1, 1}

// NationalOptions tune LoadNational.
type NationalOptions struct {
	// Scale multiplies the national sizes (1 = national; 0.1 = a tenth).
	Scale float64
	// Force adds the dataset beside data that is not sample data.
	Force bool
	// Progress, if set, is told what is being written: a stage name
	// (localities, statuses, registrations, assessments), rows done, total.
	Progress func(stage string, done, total int)
}

// NationalResult counts what LoadNational wrote.
type NationalResult struct {
	AgencyID      string  `json:"agencyId"`
	Scale         float64 `json:"scale"`
	Provinces     int     `json:"provinces"`
	Districts     int     `json:"districts"`
	Communes      int     `json:"communes"`
	Villages      int     `json:"villages"`
	Statuses      int     `json:"statuses"`
	Units         int     `json:"units"`
	Registrations int     `json:"registrations"`
	Assessments   int     `json:"assessments"`
	Values        int     `json:"values"`
	CriterionRows int     `json:"criterionRows"`
}

// ParseScale reads a --scale value: "national" (= 1) or a number in (0, MaxScale].
func ParseScale(s string) (float64, error) {
	s = strings.TrimSpace(strings.ToLower(s))
	if s == "national" || s == "toan-quoc" {
		return 1, nil
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", "."), 64)
	if err != nil || math.IsNaN(f) || f <= 0 || f > MaxScale {
		return 0, fault.New(fault.ErrInvalid, "errors.sample.badScale", "value", s, "max", MaxScale)
	}
	return f, nil
}

// natSizes are the counts at a scale: at least one of each.
func natSizes(scale float64) (provinces, districts, communes int) {
	n := func(full int, atLeast int) int {
		return max(atLeast, int(math.Round(float64(full)*scale)))
	}
	provinces = n(natProvinces, 1)
	districts = n(natDistricts, provinces)
	communes = n(natCommunes, districts)
	return
}

// natCommune is what the generator keeps of one commune.
type natCommune struct {
	id     string
	region int
	place  criteria.Place
	// Years of recognition (0: not reached by 2025).
	datChuan, nangCao, kieuMau int
	// met is the number of criteria met each year.
	met [natYears]int
	// rank orders the criteria: those ranked first are the ones not met.
	rank [natCriteria]int
	// fails says which indicators fail while a criterion is not met (bits).
	fails [natCriteria]uint8
}

func (c *natCommune) level(year int) string {
	switch {
	case c.kieuMau != 0 && c.kieuMau <= year:
		return locality.NTMKieuMau
	case c.nangCao != 0 && c.nangCao <= year:
		return locality.NTMNangCao
	case c.datChuan != 0 && c.datChuan <= year:
		return locality.NTMDatChuan
	}
	return locality.NTMChuaDat
}

// plan draws the commune's NTM history and its criteria met each year,
// consistent with each other: all 19 from the year of recognition on,
// fewer before (17–18 the year before), never more than 18 otherwise.
func (c *natCommune) plan(r *rand.Rand, reg natRegion) {
	p2020, pLater := reg.ntm2020, 0.55
	if c.place.SpecialDifficulty {
		p2020, pLater = p2020*0.4, 0.35
	}
	switch {
	case r.Float64() < p2020:
		c.datChuan = 2011 + r.IntN(10)
	case r.Float64() < pLater:
		c.datChuan = natFromYear + r.IntN(natYears)
	}
	if c.datChuan != 0 && r.Float64() < 0.38 {
		if y := max(c.datChuan+1, 2019+r.IntN(7)); y <= natToYear {
			c.nangCao = y
		}
	}
	if c.nangCao != 0 && r.Float64() < 0.3 {
		if y := max(c.nangCao+1, 2022+r.IntN(4)); y <= natToYear {
			c.kieuMau = y
		}
	}
	var reached [natYears]bool
	for i := range reached {
		reached[i] = c.datChuan != 0 && c.datChuan <= natFromYear+i
	}
	low, span := 6, 10
	if c.place.SpecialDifficulty {
		low, span = 5, 9
	}
	copy(c.met[:], metPath(r, natCriteria, reached[:], low, span))
	copy(c.rank[:], criteriaRanks(r, natHardness[:]))
	for i := range c.fails {
		c.fails[i] = uint8(failMask(r, natPerCriteria))
	}
}

// nationalSet is the synthetic set: 19 criteria × 3 indicators, levels by
// region for the numeric ones, the special-difficulty rule on.
func nationalSet(agencyID string) criteria.Set {
	s := criteria.Set{
		AgencyID: agencyID, Code: NationalSetCode, Revision: 1, Current: true,
		Name:   "Bộ tiêu chí mô phỏng 57 chỉ tiêu — dữ liệu thử tải, không phải văn bản pháp lý",
		Target: criteria.TargetDatChuan, Scope: locality.LevelCommune, Phase: "2021-2025",
		Dimension: criteria.DimensionRegion, SpecialRule: true,
		SpecialRuleText: "Mô phỏng: xã đặc biệt khó khăn và xã an toàn khu áp dụng mức của vùng trung du miền núi phía Bắc.",
		DecisionNumber:  "MP-57 (mô phỏng)", ValidFrom: "2021-01-01", ValidTo: "2025-12-31",
		Confirmed: false, Sample: true,
		Sources: "Sinh tự động bởi “chungsuc sample --scale” để đo hiệu năng; mọi tiêu chí, chỉ tiêu và mức đều là giả định.",
		Note:    NationalNote,
	}
	s.ID = store.NewID()
	s.SearchKey = store.SearchKey(s.Code, s.Name, s.DecisionNumber)
	for n := 1; n <= natCriteria; n++ {
		c := criteria.Criterion{SetID: s.ID, No: n, Name: fmt.Sprintf("Tiêu chí mô phỏng %d", n),
			Group: strconv.Itoa(1 + (n-1)*5/natCriteria), SortOrder: n, Sources: "Mô phỏng"}
		c.ID = store.NewID()
		for j := 1; j <= natPerCriteria; j++ {
			ind := criteria.Indicator{SetID: s.ID, CriterionID: c.ID, Code: fmt.Sprintf("%d.%d", n, j),
				SortOrder: j, Sector: "Ngành mô phỏng " + strconv.Itoa(1+n%6), Sources: "Mô phỏng"}
			ind.ID = store.NewID()
			var common float64
			switch {
			case j == 1:
				ind.Kind, ind.Requirement = criteria.KindPassFail, "Đạt"
				ind.Name = fmt.Sprintf("Chỉ tiêu mô phỏng %d.1 (đạt / không đạt)", n)
			case j == 2:
				common = float64(70 + (n%4)*5)
				ind.Kind, ind.Comparator, ind.Unit = criteria.KindPercent, ">=", "%"
				ind.Name = fmt.Sprintf("Chỉ tiêu mô phỏng %d.2 (tỷ lệ, càng cao càng tốt)", n)
			case n%2 == 1:
				common = float64(8 + n%5)
				ind.Kind, ind.Comparator, ind.Unit = criteria.KindPercent, "<=", "%"
				ind.Name = fmt.Sprintf("Chỉ tiêu mô phỏng %d.3 (tỷ lệ, càng thấp càng tốt)", n)
			default:
				common = float64(40 + n*2)
				ind.Kind, ind.Comparator, ind.Unit = criteria.KindNumber, ">=", "triệu đồng"
				ind.Name = fmt.Sprintf("Chỉ tiêu mô phỏng %d.3 (số, càng cao càng tốt)", n)
			}
			if ind.Kind != criteria.KindPassFail {
				ind.Threshold = &common
				ind.Requirement = ind.Comparator + strconv.FormatFloat(common, 'f', -1, 64)
				for ri, reg := range natRegions {
					level := common + reg.shift
					switch {
					case ind.Kind == criteria.KindNumber:
						level = common * (1 + reg.shift/50)
					case ind.Comparator == "<=":
						level = common - reg.shift/5
					}
					level = math.Max(0, math.Min(100, math.Round(level))) // percentages and numbers alike stay small
					t := criteria.Threshold{IndicatorID: ind.ID, Key: locality.Regions[ri], Comparator: ind.Comparator,
						Threshold: &level, Requirement: ind.Comparator + strconv.FormatFloat(level, 'f', -1, 64)}
					t.ID = store.NewID()
					ind.Thresholds = append(ind.Thresholds, t)
				}
			}
			c.Indicators = append(c.Indicators, ind)
		}
		s.Criteria = append(s.Criteria, c)
	}
	return s
}

// natUnits are the synthetic agency's units: the required kinds, and a few
// others that may register too.
var natUnits = []struct {
	name, kind string
}{
	{"Văn phòng", org.KindPhong}, {"Thanh tra", org.KindPhong}, {"Phòng Kế hoạch - Tài chính", org.KindPhong},
	{"Phòng Tổng hợp", org.KindPhong}, {"Phòng Kinh tế", org.KindPhong}, {"Phòng Hạ tầng", org.KindPhong},
	{"Phòng Văn hóa - Xã hội", org.KindPhong}, {"Phòng Môi trường", org.KindPhong}, {"Phòng Đất đai", org.KindPhong},
	{"Phòng Nông nghiệp", org.KindPhong}, {"Phòng Pháp chế", org.KindPhong}, {"Phòng Truyền thông", org.KindPhong},
	{"Chi cục Phát triển nông thôn", org.KindDonViThuoc}, {"Chi cục Thủy lợi", org.KindDonViThuoc},
	{"Chi cục Kiểm lâm", org.KindDonViThuoc}, {"Chi cục Bảo vệ môi trường", org.KindDonViThuoc},
	{"Trung tâm Khuyến nông", org.KindDonViTrucThuoc}, {"Trung tâm Nước sạch", org.KindDonViTrucThuoc},
	{"Trung tâm Công nghệ thông tin", org.KindDonViTrucThuoc}, {"Trung tâm Quan trắc", org.KindDonViTrucThuoc},
	{"Trung tâm Dịch vụ nông nghiệp", org.KindDonViTrucThuoc}, {"Ban Quản lý dự án", org.KindDonViTrucThuoc},
	{"Công đoàn", org.KindDoanThe}, {"Đoàn Thanh niên", org.KindDoanThe},
}

func nationalCampaign(agencyID string) campaign.Campaign {
	return campaign.Campaign{
		AgencyID: agencyID,
		Name:     "Phong trào mô phỏng quy mô toàn quốc giai đoạn 2021 - 2025 (dữ liệu thử tải)",
		FromYear: natFromYear, ToYear: natToYear, Active: true,
		Description: "Dữ liệu sinh tự động để đo hiệu năng trên quy mô cả nước; các mục tiêu dưới đây là giả định. " + NationalNote,
		Targets: []campaign.Target{
			{Label: "Ít nhất 80% số xã đạt chuẩn nông thôn mới (mô phỏng)", Metric: "communes_ntm", Comparator: ">=", Value: 80, ValueUnit: "%", CountUnit: "xã"},
			{Label: "Ít nhất 40% số xã đạt chuẩn nông thôn mới nâng cao (mô phỏng)", Metric: "communes_ntm_advanced", Comparator: ">=", Value: 40, ValueUnit: "%", CountUnit: "xã"},
			{Label: "Ít nhất 10% số xã đạt chuẩn nông thôn mới kiểu mẫu (mô phỏng)", Metric: "communes_ntm_model", Comparator: ">=", Value: 10, ValueUnit: "%", CountUnit: "xã"},
			{Label: "Không còn xã đạt dưới 15 tiêu chí (mô phỏng)", Metric: "communes_below_15", Comparator: "<=", Value: 0, ValueUnit: "xã"},
			{Label: "Ít nhất 50% số đơn vị cấp huyện đạt chuẩn nông thôn mới (mô phỏng)", Metric: "districts_ntm", Comparator: ">=", Value: 50, ValueUnit: "%", CountUnit: "đơn vị"},
			{Label: "Ít nhất 50% số thôn, bản của xã đặc biệt khó khăn đạt chuẩn nông thôn mới (mô phỏng)", Metric: "villages_ntm_dbkk", Comparator: ">=", Value: 50, ValueUnit: "%", CountUnit: "thôn"},
		},
		Milestones: []campaign.Milestone{
			{Name: "Sơ kết giữa kỳ (mô phỏng)", Kind: "so_ket", DueDate: "2023-12-31"},
			{Name: "Tổng kết giai đoạn (mô phỏng)", Kind: "tong_ket", DueDate: "2025-12-31"},
		},
	}
}

// checkNationalTarget refuses a database holding anything but sample data
// (unless force), and one that already holds a national dataset.
func checkNationalTarget(tx *gorm.DB, force bool) error {
	if force {
		return nil
	}
	if v, err := store.MetaTx(tx, NationalMetaKey); err == nil && v != "" {
		return fault.New(fault.ErrRefused, "errors.sample.nationalExists")
	}
	var agencies, real int64
	if err := tx.Model(&org.Agency{}).Count(&agencies).Error; err != nil {
		return err
	}
	if agencies == 0 {
		return nil
	}
	if v, err := store.MetaTx(tx, MetaKey); err != nil || v != "1" {
		return fault.New(fault.ErrRefused, "errors.sample.notSample")
	}
	if err := tx.Model(&locality.Locality{}).Where("sample = ?", false).Count(&real).Error; err != nil {
		return err
	}
	if real > 0 {
		return fault.New(fault.ErrRefused, "errors.sample.notSample")
	}
	return nil
}

// LoadNational generates the national-size synthetic dataset at a scale
// into db, as a new agency beside whatever sample data is there, in one
// transaction: 63 provinces "Tỉnh mô phỏng 01" …, 700 districts, 10,600
// xã (every level-3 unit is a xã, so all count in the NTM figures) with 5
// villages each, the NTM history 2021–2025, the synthetic set mo-phong-57,
// one finalised assessment a year 2021–2025 for every xã with all its
// values, criterion results and totals, units with registrations, and an
// active campaign whose targets use the dashboard metrics. Everything is
// marked Sample. The same scale always gives the same data, up to the IDs.
func LoadNational(ctx context.Context, db *store.DB, opt NationalOptions) (NationalResult, error) {
	if opt.Scale <= 0 || opt.Scale > MaxScale || math.IsNaN(opt.Scale) {
		return NationalResult{}, fault.New(fault.ErrInvalid, "errors.sample.badScale", "value", opt.Scale, "max", MaxScale)
	}
	g := &natGen{opt: opt, res: NationalResult{Scale: opt.Scale}, now: time.Now().UTC().Truncate(time.Microsecond)}
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := checkNationalTarget(tx, opt.Force); err != nil {
			return err
		}
		g.ctx, g.tx = ctx, tx
		return g.run()
	})
	if err != nil {
		return NationalResult{}, err
	}
	// Fresh statistics, or SQLite plans the first queries on this much
	// data poorly.
	if err := db.Analyse(ctx); err != nil {
		return g.res, err
	}
	return g.res, nil
}

type natGen struct {
	ctx      context.Context
	tx       *gorm.DB
	opt      NationalOptions
	res      NationalResult
	now      time.Time
	agencyID string
	set      criteria.Set
	communes []natCommune
	// villages of special-difficulty communes, for the registrations.
	sdVillages []string
	lastTell   time.Time
}

func (g *natGen) tell(stage string, done, total int) {
	if g.opt.Progress == nil {
		return
	}
	if done < total && time.Since(g.lastTell) < time.Second {
		return
	}
	g.lastTell = time.Now()
	g.opt.Progress(stage, done, total)
}

func (g *natGen) bulk(model any, before ...*bulkWriter) (*bulkWriter, error) {
	return newBulk(g.ctx, g.tx, model, g.now, before...)
}

func (g *natGen) stamp(b *store.Base) {
	if b.ID == "" {
		b.ID = store.NewID()
	}
	b.CreatedAt, b.UpdatedAt, b.Version = g.now, g.now, 1
}

func (g *natGen) run() error {
	a := org.Agency{
		Name: "CƠ QUAN MÔ PHỎNG QUY MÔ TOÀN QUỐC", ParentBody: "DỮ LIỆU THỬ TẢI (MÔ PHỎNG)", Abbrev: "MP",
		PlaceName: "Hà Nội", HeadTitle: "THỦ TRƯỞNG", HeadName: "Người ký mô phỏng",
	}
	if err := org.CreateAgencyTx(g.tx, &a); err != nil {
		return fmt.Errorf("national agency: %w", err)
	}
	g.agencyID, g.res.AgencyID = a.ID, a.ID
	c := nationalCampaign(a.ID)
	if err := campaign.SaveTx(g.tx, &c); err != nil {
		return fmt.Errorf("national campaign: %w", err)
	}
	if err := g.writeSet(); err != nil {
		return err
	}
	if err := g.writeLocalities(); err != nil {
		return err
	}
	if err := g.writeRegistrations(c.ID); err != nil {
		return err
	}
	if err := g.writeAssessments(); err != nil {
		return err
	}
	if err := store.SetMetaTx(g.tx, NationalMetaKey, strconv.FormatFloat(g.opt.Scale, 'f', -1, 64)); err != nil {
		return err
	}
	return store.SetMetaTx(g.tx, MetaKey, "1")
}

func (g *natGen) writeSet() error {
	g.set = nationalSet(g.agencyID)
	ws, err := g.bulk(&criteria.Set{})
	if err != nil {
		return err
	}
	wc, err := g.bulk(&criteria.Criterion{}, ws)
	if err != nil {
		return err
	}
	wi, err := g.bulk(&criteria.Indicator{}, wc)
	if err != nil {
		return err
	}
	wt, err := g.bulk(&criteria.Threshold{}, wi)
	if err != nil {
		return err
	}
	g.stamp(&g.set.Base)
	if err := ws.Add(&g.set); err != nil {
		return err
	}
	for i := range g.set.Criteria {
		cr := &g.set.Criteria[i]
		g.stamp(&cr.Base)
		if err := wc.Add(cr); err != nil {
			return err
		}
		for j := range cr.Indicators {
			ind := &cr.Indicators[j]
			g.stamp(&ind.Base)
			if err := wi.Add(ind); err != nil {
				return err
			}
			for k := range ind.Thresholds {
				g.stamp(&ind.Thresholds[k].Base)
				if err := wt.Add(&ind.Thresholds[k]); err != nil {
					return err
				}
			}
		}
	}
	return wt.Flush()
}

// natWords vary the synthetic names so that a search finds some of them.
var natWords = []string{"Phước", "Hòa", "Tân", "Thạnh", "Bình", "Đông", "Quảng", "Mỹ", "Long", "Hưng", "Xuân", "Vĩnh", "An", "Phú", "Sơn", "Lâm"}

func (g *natGen) writeLocalities() error {
	nProv, nDist, nComm := natSizes(g.opt.Scale)
	total := nProv + nDist + nComm*(1+natVillagesPer)
	wl, err := g.bulk(&locality.Locality{})
	if err != nil {
		return err
	}
	ws, err := g.bulk(&locality.NTMStatus{}, wl)
	if err != nil {
		return err
	}
	done := 0
	add := func(l *locality.Locality) error {
		l.Normalise()
		l.Sample, l.Note = true, NationalNote
		g.stamp(&l.Base)
		done++
		g.tell("localities", done, total)
		return wl.Add(l)
	}
	// Provinces by region, in proportion to the real counts.
	provRegion := make([]int, nProv)
	provIDs := make([]string, nProv)
	for p := range provRegion {
		at, cum := float64(p)*natProvinces/float64(nProv), 0
		for ri, reg := range natRegions {
			cum += reg.provinces
			if at < float64(cum) {
				provRegion[p] = ri
				break
			}
		}
		l := locality.Locality{AgencyID: g.agencyID, Kind: locality.KindTinh, Name: fmt.Sprintf("Tỉnh mô phỏng %02d", p+1),
			Region: locality.Regions[provRegion[p]]}
		l.ID = store.NewID()
		provIDs[p] = l.ID
		if err := add(&l); err != nil {
			return err
		}
	}
	distIDs := make([]string, nDist)
	distProv := make([]int, nDist)
	for d := range distIDs {
		p := d * nProv / nDist
		distProv[d] = p
		l := locality.Locality{AgencyID: g.agencyID, Kind: locality.KindHuyen, ParentID: &provIDs[p],
			Name: fmt.Sprintf("Huyện mô phỏng %s %03d", natWords[d%len(natWords)], d+1), Region: locality.Regions[provRegion[p]]}
		l.ID = store.NewID()
		distIDs[d] = l.ID
		if err := add(&l); err != nil {
			return err
		}
	}
	g.communes = make([]natCommune, nComm)
	distOf := make([]int, nComm)
	for i := range g.communes {
		d := i * nDist / nComm
		distOf[i] = d
		ri := provRegion[distProv[d]]
		reg := natRegions[ri]
		r := rand.New(rand.NewPCG(uint64(i)+1, 0x5eed))
		l := locality.Locality{AgencyID: g.agencyID, Kind: locality.KindXa, ParentID: &distIDs[d],
			Name:   fmt.Sprintf("Xã mô phỏng %s %s %05d", natWords[i%len(natWords)], natWords[(i/len(natWords))%len(natWords)], i+1),
			Region: locality.Regions[ri]}
		l.ID = store.NewID()
		l.Mountain = r.Float64() < reg.mountain
		l.SpecialDifficulty = r.Float64() < reg.sd
		l.Border = l.Mountain && r.Float64() < reg.border
		l.CoastalLowland = !l.Mountain && r.Float64() < reg.coastal
		l.SafeZone = ri == 0 && r.Float64() < 0.02
		switch {
		case l.SpecialDifficulty:
			l.EthnicArea = "III"
		case l.Mountain:
			l.EthnicArea = "II"
		}
		c := &g.communes[i]
		c.id, c.region = l.ID, ri
		c.place = criteria.Place{Region: l.Region, SpecialDifficulty: l.SpecialDifficulty, SafeZone: l.SafeZone}
		c.plan(r, reg)
		if err := add(&l); err != nil {
			return err
		}
	}
	// Villages after all communes (parents first), and the NTM history.
	statuses := 0
	addStatus := func(st *locality.NTMStatus) error {
		st.Note = NationalNote
		g.stamp(&st.Base)
		statuses++
		return ws.Add(st)
	}
	for i := range g.communes {
		c := &g.communes[i]
		r := rand.New(rand.NewPCG(uint64(i)+1, 0x7111))
		for j := 0; j < natVillagesPer; j++ {
			kind, word := locality.KindThon, "Thôn"
			if c.place.SpecialDifficulty {
				kind, word = locality.KindBan, "Bản"
			}
			v := locality.Locality{AgencyID: g.agencyID, Kind: kind, ParentID: &g.communes[i].id,
				Name: fmt.Sprintf("%s mô phỏng %d", word, j+1), Region: locality.Regions[c.region],
				SpecialDifficulty: c.place.SpecialDifficulty}
			v.ID = store.NewID()
			if err := add(&v); err != nil {
				return err
			}
			if !c.place.SpecialDifficulty {
				continue
			}
			g.sdVillages = append(g.sdVillages, v.ID)
			if r.Float64() < 0.5 {
				y := natFromYear + r.IntN(natYears)
				if err := addStatus(&locality.NTMStatus{LocalityID: v.ID, Level: locality.NTMThonDatChuan, Year: y,
					DecisionNumber: fmt.Sprintf("%d/QĐ-UBND (mô phỏng)", 1000+(i*7+j)%8000), DecisionDate: fmt.Sprintf("%d-10-%02d", y, 1+j),
					DecisionIssuer: "UBND huyện (mô phỏng)"}); err != nil {
					return err
				}
			}
		}
		for y := natFromYear; y <= natToYear; y++ {
			st := locality.NTMStatus{LocalityID: c.id, Level: c.level(y), Year: y}
			since := map[string]int{locality.NTMDatChuan: c.datChuan, locality.NTMNangCao: c.nangCao, locality.NTMKieuMau: c.kieuMau}[st.Level]
			if since != 0 {
				st.DecisionNumber = fmt.Sprintf("%d/QĐ-UBND (mô phỏng)", 100+(i*37+since)%9000)
				st.DecisionDate = fmt.Sprintf("%d-%02d-%02d", since, 6+i%6, 1+i%28)
				st.DecisionIssuer = "UBND tỉnh (mô phỏng)"
			}
			if err := addStatus(&st); err != nil {
				return err
			}
		}
	}
	// A district is recognised the first year at least 95% of its xã are.
	perDist := make([][natYears]int, nDist)
	sizeDist := make([]int, nDist)
	for i := range g.communes {
		d := distOf[i]
		sizeDist[d]++
		for y := 0; y < natYears; y++ {
			if g.communes[i].level(natFromYear+y) != locality.NTMChuaDat {
				perDist[d][y]++
			}
		}
	}
	for d := range perDist {
		for y := 0; y < natYears; y++ {
			if sizeDist[d] > 0 && perDist[d][y]*100 >= sizeDist[d]*95 {
				if err := addStatus(&locality.NTMStatus{LocalityID: distIDs[d], Level: locality.NTMDatChuan, Year: natFromYear + y,
					DecisionNumber: fmt.Sprintf("%d/QĐ-TTg (mô phỏng)", 100+d), DecisionDate: fmt.Sprintf("%d-12-15", natFromYear+y),
					DecisionIssuer: "Thủ tướng Chính phủ (mô phỏng)"}); err != nil {
					return err
				}
				break
			}
		}
	}
	if err := ws.Flush(); err != nil {
		return err
	}
	g.res.Provinces, g.res.Districts, g.res.Communes = nProv, nDist, nComm
	g.res.Villages, g.res.Statuses = nComm*natVillagesPer, statuses
	g.tell("statuses", statuses, statuses)
	return nil
}

func (g *natGen) writeRegistrations(campaignID string) error {
	w, err := g.bulk(&sponsor.Registration{})
	if err != nil {
		return err
	}
	per := max(1, int(math.Round(natRegsPerUnit*g.opt.Scale)))
	next := 0
	for k, spec := range natUnits {
		u := org.Unit{AgencyID: g.agencyID, Name: spec.name + " (mô phỏng)", Kind: spec.kind, Active: true, SortOrder: (k + 1) * 10}
		if err := org.CreateUnitTx(g.tx, &u); err != nil {
			return fmt.Errorf("national unit: %w", err)
		}
		g.res.Units++
		// Two required units have registered nothing (for the compliance figure).
		if k == 4 || k == 15 {
			continue
		}
		n := per
		if spec.kind == org.KindDoanThe {
			n = max(1, per/4)
		}
		for j := 0; j < n; j++ {
			next++
			loc := g.communes[(next*7919)%len(g.communes)].id
			if j%5 == 4 && len(g.sdVillages) > 0 {
				loc = g.sdVillages[(next*104729)%len(g.sdVillages)]
			}
			cid := campaignID
			r := sponsor.Registration{AgencyID: g.agencyID, UnitID: u.ID, LocalityID: loc, CampaignID: &cid,
				FromDate: fmt.Sprintf("%d-%02d-01", 2022+j%3, 1+j%12), Status: sponsor.StatusDangThucHien,
				Content:      "Hỗ trợ địa bàn thực hiện các tiêu chí nông thôn mới " + NationalNote,
				CommitVisits: 2 + j%3, CommitFunds: int64(5_000_000 * (1 + j%4)), CommitWorkdays: float64(3 + j%5)}
			switch j % 17 {
			case 3:
				r.Status = sponsor.StatusHoanThanh
				r.ToDate = "2023-12-31"
			case 11:
				r.Status, r.CancelReason = sponsor.StatusHuy, "Phân công lại địa bàn (mô phỏng)"
			}
			r.SearchKey = sponsor.SearchKey(r.Content)
			g.stamp(&r.Base)
			if err := w.Add(&r); err != nil {
				return err
			}
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	g.res.Registrations = w.Count
	g.tell("registrations", w.Count, w.Count)
	return nil
}

// natIndicator is one indicator with its criterion's position.
type natIndicator struct {
	ind       *criteria.Indicator
	criterion int
	pos       int
}

func (g *natGen) writeAssessments() error {
	wa, err := g.bulk(&assessment.Assessment{})
	if err != nil {
		return err
	}
	wc, err := g.bulk(&assessment.CriterionResult{}, wa)
	if err != nil {
		return err
	}
	wv, err := g.bulk(&assessment.Value{}, wa)
	if err != nil {
		return err
	}
	var inds []natIndicator
	for ci := range g.set.Criteria {
		for j := range g.set.Criteria[ci].Indicators {
			inds = append(inds, natIndicator{&g.set.Criteria[ci].Indicators[j], ci, j})
		}
	}
	// Requirements by threshold key (a handful of keys).
	reqs := map[string][]criteria.Requirement{}
	reqFor := func(p criteria.Place) []criteria.Requirement {
		key, reason := criteria.KeyFor(&g.set, p)
		if rs, ok := reqs[key+"|"+reason]; ok {
			return rs
		}
		rs := make([]criteria.Requirement, len(inds))
		for k, ni := range inds {
			rs[k] = criteria.RequirementFor(ni.ind, key, reason)
		}
		reqs[key+"|"+reason] = rs
		return rs
	}
	total := len(g.communes) * natYears
	values := make([]assessment.Value, len(inds))
	byInd := make(map[string]*assessment.Value, len(inds))
	done := 0
	for yi := 0; yi < natYears; yi++ {
		y := natFromYear + yi
		for i := range g.communes {
			c := &g.communes[i]
			r := rand.New(rand.NewPCG(uint64(i)+1, uint64(y)))
			rs := reqFor(c.place)
			month, day := 9+i%3, 1+i%28
			a := assessment.Assessment{AgencyID: g.agencyID, LocalityID: c.id, SetID: g.set.ID,
				Date: fmt.Sprintf("%d-%02d-%02d", y, month, day), Year: y, Status: assessment.StatusFinal,
				AssessorName: "Tổ thẩm định mô phỏng", Note: NationalNote, Sample: true}
			fin := time.Date(y, time.Month(month), day, 16, 0, 0, 0, time.UTC)
			a.FinalisedAt = &fin
			g.stamp(&a.Base)
			notMet := natCriteria - c.met[yi]
			for k, ni := range inds {
				v := &values[k]
				*v = assessment.Value{AssessmentID: a.ID, IndicatorID: ni.ind.ID}
				met := c.rank[ni.criterion] >= notMet || c.fails[ni.criterion]&(1<<ni.pos) == 0
				if met && ni.ind.Kind != criteria.KindPassFail && r.IntN(500) == 0 {
					// The assessor accepted a value below the level, with a reason.
					fillValue(v, ni.ind, rs[k], false, r)
					overrideMet(v, ni.ind, rs[k])
				} else {
					fillValue(v, ni.ind, rs[k], met, r)
				}
				g.stamp(&v.Base)
				byInd[ni.ind.ID] = v
			}
			rows := results(&a, g.set.Criteria, byInd)
			if a.CriteriaMet != c.met[yi] {
				return fmt.Errorf("national sample: commune %d year %d: %d criteria met, planned %d", i, y, a.CriteriaMet, c.met[yi])
			}
			if err := wa.Add(&a); err != nil {
				return err
			}
			for k := range rows {
				if err := wc.Add(&rows[k]); err != nil {
					return err
				}
			}
			for k := range values {
				if err := wv.Add(&values[k]); err != nil {
					return err
				}
			}
			done++
			g.tell("assessments", done, total)
		}
	}
	for _, w := range []*bulkWriter{wa, wc, wv} {
		if err := w.Flush(); err != nil {
			return err
		}
	}
	g.res.Assessments, g.res.CriterionRows, g.res.Values = wa.Count, wc.Count, wv.Count
	return nil
}
