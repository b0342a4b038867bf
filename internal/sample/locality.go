package sample

import (
	"fmt"

	"gorm.io/gorm"

	"chungsuc/internal/locality"
	"chungsuc/internal/store"
)

// SampleNote marks every sample locality, status and merger.
const SampleNote = "(dữ liệu mẫu)"

// districtSpec is one district-level unit of the province before 1/7/2025,
// by its real name and code, with the number of its communes by kind and
// how many of its xã lie in the western mountains.
type districtSpec struct {
	name, kind, code    string
	phuong, thiTran, xa int
	// mountain: xã flagged vùng núi (the first ones); border and sd (special
	// difficulty) are counted among them; coastal: the last xã.
	mountain, border, sd, coastal int
	// offset varies the sample names from one district to the next.
	offset int
}

var sampleDistricts = []districtSpec{
	{name: "Thành phố Đồng Hới", kind: locality.KindThanhPho, code: "450", phuong: 10, xa: 6, coastal: 2, offset: 0},
	{name: "Thị xã Ba Đồn", kind: locality.KindThiXa, code: "458", phuong: 6, xa: 10, coastal: 3, offset: 4},
	{name: "Huyện Minh Hóa", kind: locality.KindHuyen, code: "452", thiTran: 1, xa: 14, mountain: 14, border: 4, sd: 10, offset: 8},
	{name: "Huyện Tuyên Hóa", kind: locality.KindHuyen, code: "453", thiTran: 1, xa: 18, mountain: 18, border: 2, sd: 8, offset: 12},
	{name: "Huyện Quảng Trạch", kind: locality.KindHuyen, code: "454", xa: 17, coastal: 5, offset: 16},
	{name: "Huyện Bố Trạch", kind: locality.KindHuyen, code: "455", thiTran: 2, xa: 26, mountain: 8, border: 3, sd: 5, coastal: 6, offset: 20},
	{name: "Huyện Quảng Ninh", kind: locality.KindHuyen, code: "456", thiTran: 1, xa: 13, mountain: 3, border: 1, sd: 2, coastal: 3, offset: 24},
	{name: "Huyện Lệ Thủy", kind: locality.KindHuyen, code: "457", thiTran: 2, xa: 25, mountain: 3, border: 1, sd: 2, coastal: 3, offset: 28},
}

// sampleWords make the invented commune names ("Xã Mẫu Sơn"): every sample
// name starts with "Mẫu" so that none passes for a real commune.
var sampleWords = []string{"Sơn", "Thủy", "Phong", "Lâm", "Hải", "Tân", "An", "Bình", "Hòa", "Thành", "Phú", "Mỹ",
	"Long", "Trung", "Đông", "Tây", "Nam", "Bắc", "Lộc", "Thuận", "Hưng", "Xuân", "Quang", "Vĩnh", "Hiền", "Đức",
	"Kim", "Ngọc", "Minh", "Hạ", "Thượng", "Trường"}

// Sample NTM levels by 2025 of the 129 xã: 27 special-difficulty xã (15
// still below the standard), 102 others (8 model, 26 advanced).
const (
	sampleKieuMau = 8
	sampleNangCao = 26
	sampleSDBelow = 15
)

// mergers of 1/7/2025: a new commune of the merged province and how many
// old communes of which district form it.
var sampleMergers = []struct {
	name, kind string
	district   int
	from       int
	group      int
}{
	{"Xã Mẫu Minh Hóa", locality.KindXa, 2, 3, 3},
	{"Xã Mẫu Dân Hóa", locality.KindXa, 2, 2, 3},
	{"Xã Mẫu Tuyên Hóa", locality.KindXa, 3, 4, 2},
	{"Xã Mẫu Bố Trạch", locality.KindXa, 5, 3, 2},
	{"Xã Mẫu Quảng Ninh", locality.KindXa, 6, 2, 1},
	{"Phường Mẫu Đồng Hới", locality.KindPhuong, 0, 3, 1},
}

type sampleCommune struct {
	l        locality.Locality
	district int
	xa       int // index among the district's xã, -1 for phường and thị trấn
}

func newSampleLocality(agencyID string, parent *locality.Locality, kind, name, code string) locality.Locality {
	l := locality.Locality{AgencyID: agencyID, Kind: kind, Name: name, Code: code, Sample: true, Note: SampleNote,
		Region: "bac_trung_bo"}
	l.ID = store.NewID()
	if parent != nil {
		id := parent.ID
		l.ParentID = &id
	}
	l.Normalise()
	return l
}

// loadLocalities adds the sample province, its communes and villages, their
// NTM status history and a few 1/7/2025 mergers.
func loadLocalities(tx *gorm.DB, agencyID string) error {
	prov := newSampleLocality(agencyID, nil, locality.KindTinh, "Tỉnh Quảng Bình", "44")
	prov.ValidTo = "2025-06-30"
	var districts []locality.Locality
	var communes []sampleCommune
	for d, spec := range sampleDistricts {
		dist := newSampleLocality(agencyID, &prov, spec.kind, spec.name, spec.code)
		dist.ValidTo = "2025-06-30"
		districts = append(districts, dist)
		for i := 0; i < spec.phuong; i++ {
			l := newSampleLocality(agencyID, &dist, locality.KindPhuong, fmt.Sprintf("Phường Mẫu %d", i+1), "")
			communes = append(communes, sampleCommune{l, d, -1})
		}
		for i := 0; i < spec.thiTran; i++ {
			l := newSampleLocality(agencyID, &dist, locality.KindThiTran, "Thị trấn Mẫu "+sampleWords[(spec.offset+31-i)%len(sampleWords)], "")
			communes = append(communes, sampleCommune{l, d, -1})
		}
		for i := 0; i < spec.xa; i++ {
			l := newSampleLocality(agencyID, &dist, locality.KindXa, "Xã Mẫu "+sampleWords[(spec.offset+i)%len(sampleWords)], "")
			l.Mountain = i < spec.mountain
			l.Border = i < spec.border
			l.SpecialDifficulty = i < spec.sd
			l.CoastalLowland = i >= spec.xa-spec.coastal
			l.SafeZone = d == 2 && i == spec.mountain-1 // an old resistance base in Minh Hóa
			switch {
			case l.SpecialDifficulty:
				l.EthnicArea = "III"
			case l.Mountain:
				l.EthnicArea = "II"
			}
			communes = append(communes, sampleCommune{l, d, i})
		}
	}

	statuses := sampleStatuses(communes)
	villages, villageStatuses := sampleVillages(agencyID, communes)
	statuses = append(statuses, villageStatuses...)

	// The merged province from 1/7/2025, without districts.
	newProv := newSampleLocality(agencyID, nil, locality.KindTinh, "Tỉnh Quảng Trị", "")
	newProv.ValidFrom = "2025-07-01"
	var merged []locality.Locality
	var lineages []locality.Lineage
	for k, m := range sampleMergers {
		n := newSampleLocality(agencyID, &newProv, m.kind, m.name, "")
		n.ValidFrom, n.CommuneGroup = "2025-07-01", m.group
		taken := 0
		for i := range communes {
			c := &communes[i]
			fits := c.district == m.district && ((m.kind == locality.KindPhuong) == (c.l.Kind == locality.KindPhuong))
			// Each merger takes old communes the earlier ones left.
			if !fits || c.l.ValidTo != "" || taken == m.from || (k == 0 && c.xa >= 0 && c.xa%2 == 1) {
				continue
			}
			taken++
			c.l.ValidTo = "2025-06-30"
			n.Mountain, n.Border = n.Mountain || c.l.Mountain, n.Border || c.l.Border
			n.SpecialDifficulty = n.SpecialDifficulty || c.l.SpecialDifficulty
			n.CoastalLowland = n.CoastalLowland || c.l.CoastalLowland
			if c.l.EthnicArea > n.EthnicArea {
				n.EthnicArea = c.l.EthnicArea
			}
			g := locality.Lineage{AgencyID: agencyID, PredecessorID: c.l.ID, SuccessorID: n.ID, EffectiveDate: "2025-07-01",
				Resolution: "1680/NQ-UBTVQH15 (mẫu)", Note: SampleNote}
			g.ID = store.NewID()
			lineages = append(lineages, g)
		}
		merged = append(merged, n)
	}

	all := []locality.Locality{prov, newProv}
	all = append(all, districts...)
	for _, c := range communes {
		all = append(all, c.l)
	}
	all = append(all, merged...)
	all = append(all, villages...)
	// Parents before children: the slice is in level order already except
	// for the merged communes, which follow their province.
	if err := tx.CreateInBatches(all, 200).Error; err != nil {
		return fmt.Errorf("sample localities: %w", err)
	}
	if err := tx.CreateInBatches(statuses, 300).Error; err != nil {
		return fmt.Errorf("sample ntm statuses: %w", err)
	}
	if err := tx.CreateInBatches(lineages, 100).Error; err != nil {
		return fmt.Errorf("sample lineage: %w", err)
	}
	return nil
}

// sampleStatuses gives every xã one status row a year, 2021–2025, with the
// recognising decision of the level it held that year.
func sampleStatuses(communes []sampleCommune) []locality.NTMStatus {
	var out []locality.NTMStatus
	sdBelow, model, advanced := 0, 0, 0
	n := 0
	for _, c := range communes {
		if c.xa < 0 {
			continue
		}
		n++
		// Years of recognition (0 = not reached).
		var datChuan, nangCao, kieuMau int
		switch {
		case c.l.SpecialDifficulty && sdBelow < sampleSDBelow:
			sdBelow++
		case c.l.SpecialDifficulty:
			datChuan = 2022 + n%4
		case model < sampleKieuMau && (c.district <= 1 || c.district >= 6) && n%3 == 0:
			model++
			datChuan, nangCao, kieuMau = 2015+n%4, 2021+n%2, 2024+n%2
		case advanced < sampleNangCao && n%3 != 2:
			advanced++
			datChuan, nangCao = 2014+n%7, 2022+n%4
		default:
			datChuan = 2014 + n%12
		}
		for y := 2021; y <= 2025; y++ {
			st := locality.NTMStatus{LocalityID: c.l.ID, Level: locality.NTMChuaDat, Year: y, Note: SampleNote}
			var since int
			switch {
			case kieuMau != 0 && kieuMau <= y:
				st.Level, since = locality.NTMKieuMau, kieuMau
			case nangCao != 0 && nangCao <= y:
				st.Level, since = locality.NTMNangCao, nangCao
			case datChuan != 0 && datChuan <= y:
				st.Level, since = locality.NTMDatChuan, datChuan
			}
			if since != 0 {
				st.DecisionNumber = fmt.Sprintf("%d/QĐ-UBND (mẫu)", 100+(n*37+since)%3900)
				st.DecisionDate = fmt.Sprintf("%d-%02d-%02d", since, 6+n%7, 1+n%28)
				st.DecisionIssuer = "UBND tỉnh Quảng Bình"
			}
			st.ID = store.NewID()
			out = append(out, st)
		}
	}
	return out
}

// sampleVillages gives each special-difficulty xã three villages (bản in the
// mountains, thôn elsewhere); about half are recognised thôn đạt chuẩn NTM.
func sampleVillages(agencyID string, communes []sampleCommune) ([]locality.Locality, []locality.NTMStatus) {
	var villages []locality.Locality
	var statuses []locality.NTMStatus
	k := 0
	for i := range communes {
		c := &communes[i]
		if !c.l.SpecialDifficulty {
			continue
		}
		for j := 0; j < 3; j++ {
			kind, word := locality.KindThon, "Thôn"
			if c.l.Mountain && c.district <= 3 {
				kind, word = locality.KindBan, "Bản"
			}
			v := newSampleLocality(agencyID, &c.l, kind, fmt.Sprintf("%s Mẫu %d", word, j+1), "")
			v.SpecialDifficulty, v.Mountain, v.Border = c.l.SpecialDifficulty, c.l.Mountain, c.l.Border
			v.EthnicArea = c.l.EthnicArea
			villages = append(villages, v)
			if j == 0 || (j == 1 && k%2 == 0) {
				y := 2022 + k%4
				st := locality.NTMStatus{LocalityID: v.ID, Level: locality.NTMThonDatChuan, Year: y,
					DecisionNumber: fmt.Sprintf("%d/QĐ-UBND (mẫu)", 500+k*13), DecisionDate: fmt.Sprintf("%d-11-%02d", y, 1+k%28),
					DecisionIssuer: "UBND huyện", Note: SampleNote}
				st.ID = store.NewID()
				statuses = append(statuses, st)
			}
			k++
		}
	}
	return villages, statuses
}
