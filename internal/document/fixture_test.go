package document_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"chungsuc/internal/document"
	"chungsuc/internal/org"
	"chungsuc/internal/sample/sampletest"
	"chungsuc/internal/store"
	"chungsuc/internal/store/storetest"
)

// fixedToday pins the reference day for the test.
func fixedToday(t *testing.T, day string) {
	t.Helper()
	d, err := time.Parse("2006-01-02", day)
	if err != nil {
		t.Fatal(err)
	}
	old := document.Today
	document.Today = func() time.Time { return d }
	t.Cleanup(func() { document.Today = old })
}

// sampleSvc opens a copy of the sample database with the register over it.
func sampleSvc(t *testing.T) (*store.DB, *document.Service, string, string) {
	t.Helper()
	db := sampletest.Open(t)
	a, err := org.NewService(db.DB).CurrentAgency(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	dataDir := t.TempDir()
	return db, document.NewService(db, dataDir), a.ID, dataDir
}

// bareAgency opens an empty database with an agency, a council and the
// seeded types and templates.
func bareAgency(t *testing.T) (*store.DB, *document.Service, string, string, string) {
	t.Helper()
	ctx := context.Background()
	db := storetest.Open(t)
	a, err := org.NewService(db.DB).SaveAgency(ctx, org.Agency{Name: "SỞ Y TẾ", ParentBody: "UBND TỈNH HUẾ", Abbrev: "SYT",
		PlaceName: "Huế", HeadTitle: "GIÁM ĐỐC", HeadName: "Trần Văn An",
		Deputies: []org.Deputy{{Title: "PHÓ GIÁM ĐỐC", Name: "Lê Thị Bình"}}})
	if err != nil {
		t.Fatal(err)
	}
	var council org.Unit
	err = db.Transaction(func(tx *gorm.DB) error {
		council = org.Unit{AgencyID: a.ID, Name: "Hội đồng Thi đua - Khen thưởng Sở", ShortName: "HĐTĐKT", Kind: org.KindHoiDong, Active: true}
		if err := org.CreateUnitTx(tx, &council); err != nil {
			return err
		}
		return document.Seed(tx, a.ID)
	})
	if err != nil {
		t.Fatal(err)
	}
	dataDir := t.TempDir()
	return db, document.NewService(db, dataDir), a.ID, council.ID, dataDir
}

// simpleDraft is a draft that passes every check.
func simpleDraft(typeCode, issuer, summary string) document.Document {
	return document.Document{
		TypeCode: typeCode, IssuerKey: issuer, Summary: summary,
		Sections:   []document.Section{{Key: "noi_dung", Title: "Nội dung", Markup: "# I. NỘI DUNG\nNội dung của văn bản."}},
		Recipients: []string{"Lãnh đạo Sở", "Lưu: VT, VP"},
		HeadTitle:  "GIÁM ĐỐC", SignerTitle: "GIÁM ĐỐC", SignerName: "Trần Văn An", DraftUnit: "VP",
	}
}

// pdfText extracts the text of a PDF with pdftotext, white space collapsed.
func pdfText(t *testing.T, b []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	p := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", p, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return collapse(string(out))
}

var spaces = regexp.MustCompile(`\s+`)

func collapse(s string) string { return strings.TrimSpace(spaces.ReplaceAllString(s, " ")) }
