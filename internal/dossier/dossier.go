// Package dossier prints the forms of an award proposal (hồ sơ đề nghị
// khen thưởng): the Tờ trình with its Danh sách and the Biên bản of the
// emulation council, drafted into the document register from the proposal;
// the báo cáo thành tích of every nominee, drafted from the data and
// editable; the combined dossier PDF with a contents page and bookmarks;
// batch printing of the reports; the Excel list; and Giấy khen printed onto
// pre-printed blank certificates with per-printer offsets.
//
// The layouts follow Nghị định 30/2020/NĐ-CP (the engine in internal/pdf);
// the content and the section structure of the forms are practice and are
// marked UNCONFIRMED against the appendix of Nghị định 152/2025/NĐ-CP
// (OFFICIAL-FORMAT.md B.2, B.3).
package dossier

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"gorm.io/gorm"

	"chungsuc/internal/award"
	"chungsuc/internal/campaign"
	"chungsuc/internal/document"
	"chungsuc/internal/emulation"
	"chungsuc/internal/fault"
	"chungsuc/internal/org"
	"chungsuc/internal/pdf"
	"chungsuc/internal/store"
)

// Service prints the forms of award proposals over one database.
type Service struct {
	db      *gorm.DB
	dataDir string
}

// NewService returns the service; dataDir is the data folder of the
// document register (archived PDFs).
func NewService(db *gorm.DB, dataDir string) *Service { return &Service{db: db, dataDir: dataDir} }

// engine returns the process-wide PDF engine.
func engine() (*pdf.Engine, error) {
	e, err := pdf.Default()
	if err != nil {
		return nil, fault.Wrap(err, fault.ErrRefused, "errors.document.pdfEngine")
	}
	return e, nil
}

// nominee is one nominee as the forms print it.
type nominee struct {
	award.NomineeDetail
	unit  *org.Unit  // the unit (tập thể) or the person's unit
	staff *org.Staff // the person (cá nhân)
	// head is the name of the head of the unit (or of the person's unit).
	head string
}

func (n nominee) isUnit() bool { return n.SubjectKind == award.SubjectUnit }

// subjectID is the unit's or the person's id.
func (n nominee) subjectID() string {
	if n.isUnit() && n.UnitID != nil {
		return *n.UnitID
	}
	if n.StaffID != nil {
		return *n.StaffID
	}
	return ""
}

// included: a nominee the council voted down is left out of the forms;
// before the vote every nominee is in.
func (n nominee) included() bool { return !(n.Voted && !n.Passed) }

// batch is a proposal with what its forms need.
type batch struct {
	award.ProposalDetail
	agency   org.Agency
	settings document.Settings
	// nominees in print order: units first, then people, each by SortOrder.
	nominees []nominee
	// standings caches the emulation standings of the year by target.
	standings map[string][]emulation.Standing
}

// load reads a proposal with its nominees, the agency and the wording.
func (s *Service) load(ctx context.Context, tx *gorm.DB, agencyID, proposalID string) (*batch, error) {
	det, err := award.NewService(tx).GetProposal(ctx, agencyID, proposalID)
	if err != nil {
		return nil, err
	}
	b := &batch{ProposalDetail: det}
	if err := store.Get(tx, &b.agency, "agency", agencyID); err != nil {
		return nil, err
	}
	if b.settings, err = document.NewServiceDB(tx, s.dataDir).Settings(ctx, agencyID); err != nil {
		return nil, err
	}
	var unitIDs, staffIDs []string
	for _, n := range det.Nominees {
		if n.UnitID != nil {
			unitIDs = append(unitIDs, *n.UnitID)
		}
		if n.StaffID != nil {
			staffIDs = append(staffIDs, *n.StaffID)
		}
	}
	staff := map[string]*org.Staff{}
	if len(staffIDs) > 0 {
		var list []org.Staff
		if err := tx.Unscoped().Where("id IN ?", staffIDs).Find(&list).Error; err != nil {
			return nil, fmt.Errorf("nominee staff: %w", err)
		}
		for i := range list {
			staff[list[i].ID] = &list[i]
			if list[i].UnitID != nil {
				unitIDs = append(unitIDs, *list[i].UnitID)
			}
		}
	}
	units := map[string]*org.Unit{}
	var heads []string
	if len(unitIDs) > 0 {
		var list []org.Unit
		if err := tx.Unscoped().Where("id IN ?", unitIDs).Find(&list).Error; err != nil {
			return nil, fmt.Errorf("nominee units: %w", err)
		}
		for i := range list {
			units[list[i].ID] = &list[i]
			if list[i].HeadStaffID != nil {
				heads = append(heads, *list[i].HeadStaffID)
			}
		}
	}
	headNames := map[string]string{}
	if len(heads) > 0 {
		var list []org.Staff
		if err := tx.Unscoped().Select("id", "full_name").Where("id IN ?", heads).Find(&list).Error; err != nil {
			return nil, fmt.Errorf("unit heads: %w", err)
		}
		for _, p := range list {
			headNames[p.ID] = p.FullName
		}
	}
	for _, d := range det.Nominees {
		n := nominee{NomineeDetail: d}
		if d.StaffID != nil {
			n.staff = staff[*d.StaffID]
			if n.staff != nil && n.staff.UnitID != nil {
				n.unit = units[*n.staff.UnitID]
			}
		} else if d.UnitID != nil {
			n.unit = units[*d.UnitID]
		}
		if n.unit != nil && n.unit.HeadStaffID != nil {
			n.head = headNames[*n.unit.HeadStaffID]
		}
		b.nominees = append(b.nominees, n)
	}
	sort.SliceStable(b.nominees, func(i, j int) bool {
		a, c := b.nominees[i], b.nominees[j]
		if a.isUnit() != c.isUnit() {
			return a.isUnit()
		}
		return a.SortOrder < c.SortOrder
	})
	return b, nil
}

// included lists the nominees the forms print (see nominee.included).
func (b *batch) included() []nominee {
	var out []nominee
	for _, n := range b.nominees {
		if n.included() {
			out = append(out, n)
		}
	}
	return out
}

// campaignName is the movement's name as the forms cite it: "Phong trào
// thi đua “Cả nước chung sức xây dựng nông thôn mới” giai đoạn 2021 - 2025".
func campaignName(c campaign.Campaign) string {
	name := strings.TrimSpace(c.Name)
	short := strings.Trim(periodSuffix.ReplaceAllString(name, ""), " “”\"")
	s := "Phong trào thi đua “" + short + "”"
	if c.FromYear > 0 && c.ToYear > 0 {
		s += fmt.Sprintf(" giai đoạn %d - %d", c.FromYear, c.ToYear)
	}
	return s
}

// formPhrase is what a Tờ trình proposes for a form: "tặng Bằng khen của
// …", or for a title "tặng danh hiệu “Chiến sĩ thi đua cơ sở”".
func formPhrase(f award.Form) string {
	if f.Kind == award.KindTitle {
		return "tặng danh hiệu “" + f.Name + "”"
	}
	return "tặng " + f.Name
}

// formGroup counts the included nominees of one form.
type formGroup struct {
	form         award.Form
	units, staff int
}

// byForm groups the included nominees by form, highest level first.
func (b *batch) byForm() []formGroup {
	idx := map[string]int{}
	var out []formGroup
	for _, n := range b.included() {
		i, ok := idx[n.FormCode]
		if !ok {
			i = len(out)
			idx[n.FormCode] = i
			f := n.Form
			if f.Name == "" {
				f = b.Forms[n.FormCode]
			}
			if f.Name == "" {
				f.Name = n.FormCode
			}
			out = append(out, formGroup{form: f})
		}
		if n.isUnit() {
			out[i].units++
		} else {
			out[i].staff++
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].form.Level > out[j].form.Level })
	return out
}

// counts returns the number of units and people among ns.
func counts(ns []nominee) (units, staff int) {
	for _, n := range ns {
		if n.isUnit() {
			units++
		} else {
			staff++
		}
	}
	return units, staff
}

// genderText is the printed gender.
func genderText(g string) string {
	switch strings.ToLower(strings.TrimSpace(g)) {
	case "nam":
		return "Nam"
	case "nu", "nữ":
		return "Nữ"
	}
	return ""
}

// formName is the nominee's form as printed.
func (b *batch) formName(n nominee) string {
	if n.Form.Name != "" {
		return n.Form.Name
	}
	if f, ok := b.Forms[n.FormCode]; ok && f.Name != "" {
		return f.Name
	}
	return n.FormCode
}

// nameLine is "Họ và tên, chức vụ, đơn vị" of a person or the unit's name.
func (n nominee) nameLine() string {
	if n.isUnit() {
		return n.Name
	}
	parts := []string{n.Name}
	if p := strings.TrimSpace(n.Position); p != "" {
		parts = append(parts, p)
	}
	if u := strings.TrimSpace(n.UnitName); u != "" {
		parts = append(parts, u)
	}
	return strings.Join(parts, ", ")
}
