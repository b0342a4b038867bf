package dossier_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"chungsuc/internal/award"
	"chungsuc/internal/campaign"
	"chungsuc/internal/document"
	"chungsuc/internal/dossier"
	"chungsuc/internal/org"
	"chungsuc/internal/sample/sampletest"
	"chungsuc/internal/store"
)

// fixedToday pins the register's reference day for the test.
func fixedToday(t testing.TB, day string) {
	t.Helper()
	d, err := time.Parse("2006-01-02", day)
	if err != nil {
		t.Fatal(err)
	}
	old := document.Today
	document.Today = func() time.Time { return d }
	t.Cleanup(func() { document.Today = old })
}

// fx is a sample database with one proposal batch.
type fx struct {
	db         *store.DB
	svc        *dossier.Service
	docs       *document.Service
	agencyID   string
	campaignID string
	proposal   award.Proposal
	nominees   []award.Nominee
	dataDir    string
}

// nomSpec is one nominee of the fixture: a unit or a person (by name),
// the form, the report form and the votes (-1: not voted).
type nomSpec struct {
	unit, staff, form, report string
	votes                     int
}

// defaultNominees: two collectives and four people, one of whom the
// council votes down (3 of 9 members).
var defaultNominees = []nomSpec{
	{unit: "Văn phòng Sở", form: award.FormGiayKhen, report: award.ReportUnit, votes: 8},
	{unit: "Thanh tra Sở", form: award.FormBKTinh, report: award.ReportThematic, votes: 9},
	{staff: "#0", form: award.FormGiayKhen, report: award.ReportStaff, votes: 7},
	{staff: "#1", form: award.FormGiayKhen, report: award.ReportThematic, votes: 6},
	{staff: "#2", form: award.FormBKTinh, report: award.ReportStaff, votes: 8},
	{staff: "#3", form: award.FormGiayKhen, report: award.ReportStaff, votes: 3},
}

// newFx opens a copy of the sample with a "tổng kết 2025" proposal voted
// by the council (not yet submitted).
func newFx(t testing.TB, specs []nomSpec) *fx {
	t.Helper()
	ctx := context.Background()
	db := sampletest.Open(t)
	a, err := org.NewService(db.DB).CurrentAgency(ctx)
	if err != nil {
		t.Fatal(err)
	}
	f := &fx{db: db, agencyID: a.ID, dataDir: t.TempDir()}
	f.svc = dossier.NewService(db.DB, f.dataDir)
	f.docs = document.NewService(db, f.dataDir)
	c, err := campaign.NewService(db.DB).Active(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	f.campaignID = c.ID
	err = db.Transaction(func(tx *gorm.DB) error {
		if err := award.Seed(tx, a.ID); err != nil {
			return err
		}
		var units []org.Unit
		if err := tx.Where("agency_id = ?", a.ID).Find(&units).Error; err != nil {
			return err
		}
		unitID := map[string]string{}
		for _, u := range units {
			unitID[u.Name] = u.ID
		}
		var staff []org.Staff
		if err := tx.Where("agency_id = ? AND unit_id IS NOT NULL", a.ID).Order("birth_year, full_name").Find(&staff).Error; err != nil {
			return err
		}
		// More people than the sample has (the benchmark): invented ones,
		// spread over the divisions.
		people := 0
		for _, s := range specs {
			if s.staff != "" {
				people++
			}
		}
		var divisions []org.Unit
		for _, u := range units {
			if u.Kind == org.KindPhong || u.Kind == org.KindDonViThuoc || u.Kind == org.KindDonViTrucThuoc {
				divisions = append(divisions, u)
			}
		}
		for k := len(staff); k < people; k++ {
			u := divisions[k%len(divisions)]
			p := org.Staff{AgencyID: a.ID, UnitID: &u.ID, FullName: inventedName(k), Gender: []string{"nam", "nu"}[k%2],
				BirthYear: 1970 + k%30, Position: "Chuyên viên", Rank: "Chuyên viên", Category: org.CategoryCongChuc, Active: true}
			if err := org.CreateStaffTx(tx, &p); err != nil {
				return err
			}
			staff = append(staff, p)
		}
		f.proposal = award.Proposal{AgencyID: a.ID, CampaignID: c.ID, Stage: award.StageTongKet, Year: 2025,
			Name: "Đề nghị khen thưởng tổng kết Phong trào thi đua năm 2025", Status: award.StatusReviewed,
			SubmitTo: "Giám đốc Sở", Threshold: 50, ThresholdBase: award.ThresholdTotal,
			MeetingDate: "2025-12-15", MeetingPlace: "Phòng họp số 1, trụ sở Sở", MembersTotal: 9, MembersPresent: 9,
			ChairName: "Nguyễn Huệ", SecretaryName: "Trần Thị Thư Ký"}
		if err := tx.Create(&f.proposal).Error; err != nil {
			return err
		}
		for i, s := range specs {
			n := award.Nominee{ProposalID: f.proposal.ID, FormCode: s.form, ReportForm: s.report, SortOrder: (i + 1) * 10,
				Summary: fmt.Sprintf("Hoàn thành xuất sắc nhiệm vụ; tích cực hỗ trợ xã xây dựng nông thôn mới (%d).", i+1)}
			if s.unit != "" {
				id := unitID[s.unit]
				if id == "" {
					return fmt.Errorf("no unit %s", s.unit)
				}
				n.SubjectKind, n.UnitID = award.SubjectUnit, &id
			} else {
				var k int
				fmt.Sscanf(s.staff, "#%d", &k)
				id := staff[k%len(staff)].ID
				n.SubjectKind, n.StaffID = award.SubjectStaff, &id
			}
			if s.votes >= 0 {
				n.Voted, n.BallotsFor = true, s.votes
			}
			if err := tx.Create(&n).Error; err != nil {
				return err
			}
			f.nominees = append(f.nominees, n)
		}
		// Earlier awards of the first unit and the first person.
		recs := []award.Record{
			{SubjectKind: award.SubjectUnit, UnitID: f.nominees[0].UnitID, SubjectName: "Văn phòng Sở", Year: 2023, Kind: award.KindTitle,
				Title: "Tập thể lao động xuất sắc", DecisionNumber: "45/QĐ-STNMT", DecisionDate: "2024-01-15", DecisionIssuer: "Giám đốc Sở Tài nguyên và Môi trường"},
			{SubjectKind: award.SubjectUnit, UnitID: f.nominees[0].UnitID, SubjectName: "Văn phòng Sở", Year: 2022, Kind: award.KindForm,
				Title: "Giấy khen", DecisionNumber: "12/QĐ-STNMT", DecisionDate: "2023-01-10", DecisionIssuer: "Giám đốc Sở Tài nguyên và Môi trường"},
		}
		for i := range recs {
			recs[i].AgencyID, recs[i].Origin = a.ID, award.OriginManual
			if err := tx.Create(&recs[i]).Error; err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// reload reads the proposal row again.
func (f *fx) reload(t testing.TB) award.Proposal {
	t.Helper()
	var p award.Proposal
	if err := f.db.Where("id = ?", f.proposal.ID).Take(&p).Error; err != nil {
		t.Fatal(err)
	}
	return p
}

// pdfText extracts the text of a PDF with pdftotext, white space collapsed.
func pdfText(t testing.TB, b []byte, args ...string) string {
	t.Helper()
	return collapse(pdfRaw(t, b, args...))
}

func pdfRaw(t testing.TB, b []byte, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	p := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", append(append([]string{"-enc", "UTF-8"}, args...), p, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// pageSizes lists the size in points of every page ("841.89 x 595.28").
func pageSizes(t testing.TB, b []byte) []string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdfinfo", "-f", "1", "-l", "9999", p).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	var sizes []string
	for _, m := range regexp.MustCompile(`Page\s+\d+ size:\s+([\d.]+ x [\d.]+) pts`).FindAllStringSubmatch(string(out), -1) {
		sizes = append(sizes, m[1])
	}
	return sizes
}

var spaces = regexp.MustCompile(`\s+`)

func collapse(s string) string { return strings.TrimSpace(spaces.ReplaceAllString(s, " ")) }

func wantAll(t testing.TB, what, text string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}

func wantNone(t testing.TB, what, text string, bad ...string) {
	t.Helper()
	for _, w := range bad {
		if strings.Contains(text, w) {
			t.Errorf("%s has %q", what, w)
		}
	}
}

// staffName is the full name of a nominee person.
func (f *fx) staffName(t testing.TB, i int) string {
	t.Helper()
	var p org.Staff
	if err := f.db.Where("id = ?", *f.nominees[i].StaffID).Take(&p).Error; err != nil {
		t.Fatal(err)
	}
	return p.FullName
}

// inventedName is the k-th invented full name (all different for k < 1728).
func inventedName(k int) string {
	family := []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"}
	middle := []string{"Văn", "Thị", "Minh", "Thanh", "Quốc", "Ngọc", "Hữu", "Thu", "Đức", "Hồng", "Xuân", "Kim"}
	given := []string{"An", "Bảo", "Cường", "Dung", "Giang", "Hà", "Khoa", "Lâm", "Mai", "Nhung", "Oanh", "Quyên"}
	return family[k%12] + " " + middle[(k/12)%12] + " " + given[(k/144)%12] + " " + given[(k*7)%12]
}
