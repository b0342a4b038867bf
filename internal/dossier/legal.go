package dossier

import (
	"regexp"
	"sort"
	"strings"

	"gorm.io/gorm"

	"chungsuc/internal/award"
)

// Act is a legal instrument the Tờ trình knows how to cite by name and
// date. Which acts a Tờ trình cites comes from the award catalogue and
// rules (the legal basis of the forms proposed and the rules in force on
// the date); this table only says how to write them and when they are in
// force.
type Act struct {
	// Match finds the act in a catalogue or rule text (after folding).
	Match *regexp.Regexp `json:"-"`
	// Citation follows "Căn cứ ".
	Citation string `json:"citation"`
	// Order: laws (0) before decrees (1).
	Order int `json:"order"`
	// ValidFrom, ValidTo ("YYYY-MM-DD", "" = open) bound when it is cited.
	ValidFrom string `json:"validFrom"`
	ValidTo   string `json:"validTo"`
	Source    string `json:"source"`
	Confirmed bool   `json:"confirmed"`
}

// Acts are the instruments of OFFICIAL-FORMAT.md B.1. A decree is cited
// without its date and title where the reference does not confirm them.
var Acts = []Act{
	{Match: regexp.MustCompile(`(?i)luat thi dua,? khen thuong (so 06/2022/qh15|2022)`),
		Citation: "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022", Order: 0, ValidFrom: "2024-01-01",
		Source: "Luật Thi đua, khen thưởng số 06/2022/QH15, thông qua ngày 15/6/2022, hiệu lực từ 01/01/2024 (OFFICIAL-FORMAT.md B.1); văn bản quy phạm pháp luật được viện dẫn bằng tên và ngày thông qua.", Confirmed: true},
	{Match: regexp.MustCompile(`(?i)nghi dinh (so )?98/2023/nd-cp`),
		Citation: "Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ", Order: 1, ValidFrom: "2024-01-01", ValidTo: "2025-06-30",
		Source: "Nghị định 98/2023/NĐ-CP ngày 31/12/2023, hiệu lực 01/01/2024, hết hiệu lực 01/7/2025 (OFFICIAL-FORMAT.md B.1).", Confirmed: true},
	{Match: regexp.MustCompile(`(?i)nghi dinh (so )?152/2025/nd-cp`),
		Citation: "Nghị định số 152/2025/NĐ-CP của Chính phủ", Order: 1, ValidFrom: "2025-07-01",
		Source: "Nghị định 152/2025/NĐ-CP, hiệu lực 01/7/2025, thay thế Nghị định 98/2023/NĐ-CP (OFFICIAL-FORMAT.md B.1); ngày ban hành (14/6/2025) và trích yếu chưa xác nhận nên không ghi.", Confirmed: false},
}

// anyDecree finds a decree the Acts table does not know.
var anyDecree = regexp.MustCompile(`(?i)nghi dinh (so )?(\d+/\d{4})/nd-cp`)

func inForce(from, to, day string) bool {
	return (from == "" || from <= day) && (to == "" || day <= to)
}

// actLines are the "Căn cứ" citations of the acts the catalogue data names
// for the forms proposed (their legal basis) and for the rules of those
// forms or of every form, in force on day, laws first.
func actLines(tx *gorm.DB, agencyID string, forms []award.Form, day string) ([]string, error) {
	var texts []string
	codes := []string{"*"}
	for _, f := range forms {
		if inForce(f.ValidFrom, f.ValidTo, day) {
			texts = append(texts, f.LegalBasis)
		}
		codes = append(codes, f.Code)
	}
	var rules []award.Rule
	if err := tx.Where("agency_id = ? AND active = ? AND form_code IN ?", agencyID, true, codes).Find(&rules).Error; err != nil {
		return nil, err
	}
	for _, r := range rules {
		if inForce(r.ValidFrom, r.ValidTo, day) {
			texts = append(texts, r.Article)
		}
	}
	type cite struct {
		order int
		text  string
	}
	var out []cite
	seen := map[string]bool{}
	add := func(order int, text string) {
		if !seen[text] {
			seen[text] = true
			out = append(out, cite{order, text})
		}
	}
	for _, t := range texts {
		f := foldText(t)
		known := false
		for _, a := range Acts {
			if a.Match.MatchString(f) {
				known = true
				if inForce(a.ValidFrom, a.ValidTo, day) {
					add(a.Order, a.Citation)
				}
			}
		}
		if known {
			continue
		}
		for _, m := range anyDecree.FindAllStringSubmatch(f, -1) {
			add(1, "Nghị định số "+strings.ToUpper(m[2])+"/NĐ-CP của Chính phủ")
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].order < out[j].order })
	lines := make([]string, len(out))
	for i, c := range out {
		lines[i] = c.text
	}
	return lines, nil
}
