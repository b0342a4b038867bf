package dossier_test

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"chungsuc/internal/document"
	"chungsuc/internal/fault"
)

// outline reads the bookmarks of a PDF with pdftohtml -xml: title and page.
func outline(t *testing.T, b []byte) [][2]string {
	t.Helper()
	if _, err := exec.LookPath("pdftohtml"); err != nil {
		t.Skip("pdftohtml (poppler-utils) is not installed")
	}
	p := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftohtml", "-xml", "-i", "-stdout", "-q", p).Output()
	if err != nil {
		t.Fatalf("pdftohtml: %v", err)
	}
	var items [][2]string
	for _, m := range regexp.MustCompile(`<item page="(\d+)">([^<]*)</item>`).FindAllStringSubmatch(string(out), -1) {
		items = append(items, [2]string{m[2], m[1]})
	}
	return items
}

func TestDossier(t *testing.T) {
	ctx := context.Background()
	fixedToday(t, "2025-12-20")
	f := newFx(t, defaultNominees)
	var steps [][2]int
	res, err := f.svc.Dossier(ctx, f.agencyID, f.proposal.ID, func(step, total int) { steps = append(steps, [2]int{step, total}) })
	if err != nil {
		t.Fatal(err)
	}
	// Tờ trình, Biên bản (drafted in memory: the register has neither
	// yet), the group and the five proposed nominees.
	if len(res.Parts) != 8 || !res.Drafts || len(res.Missing) != 0 || res.Parts[0].Title != "Tờ trình (dự thảo, chưa lưu vào sổ văn bản)" ||
		res.Parts[2].Title != "Báo cáo thành tích" || res.Parts[3].Level != 1 || res.Parts[3].Title != "Văn phòng Sở" {
		t.Fatalf("parts %+v", res.Parts)
	}
	if last := steps[len(steps)-1]; last[0] != last[1] {
		t.Fatalf("progress ends at %v", last)
	}
	for i := 1; i < len(res.Parts); i++ {
		if res.Parts[i].Page < res.Parts[i-1].Page || res.Parts[i].Page <= 1 {
			t.Fatalf("start pages %+v", res.Parts)
		}
	}
	text := pdfText(t, res.PDF)
	wantAll(t, "hồ sơ", text, "HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG", "Đề nghị khen thưởng tổng kết Phong trào thi đua năm 2025",
		"TỜ TRÌNH", "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG", "BIÊN BẢN", "BÁO CÁO THÀNH TÍCH", "(Dự thảo)",
		"THƯ KÝ", "CHỦ TỌA", "Trần Thị Thư Ký")
	wantNone(t, "hồ sơ", text, "Người được đề nghị số 6")
	// The contents lines give each part's start page.
	layout := pdfRaw(t, res.PDF, "-layout", "-f", "1", "-l", "1")
	for _, p := range res.Parts {
		re := regexp.MustCompile(regexp.QuoteMeta(p.Title) + `\s+` + strconv.Itoa(p.Page) + `\s*$`)
		found := false
		for _, l := range strings.Split(layout, "\n") {
			if re.MatchString(strings.TrimSpace(l)) {
				found = true
			}
		}
		if !found {
			t.Errorf("contents line for %q page %d not found in:\n%s", p.Title, p.Page, layout)
		}
	}
	// One bookmark per part, at its page.
	marks := outline(t, res.PDF)
	if len(marks) != len(res.Parts)+1 || marks[0][0] != "Mục lục" {
		t.Fatalf("outline %v", marks)
	}
	for i, p := range res.Parts {
		if marks[i+1][0] != p.Title || marks[i+1][1] != strconv.Itoa(p.Page) {
			t.Errorf("bookmark %v, part %+v", marks[i+1], p)
		}
	}
	// Each part starts on its page: the Biên bản's title is on its first page.
	bb := pdfText(t, res.PDF, "-f", strconv.Itoa(res.Parts[1].Page), "-l", strconv.Itoa(res.Parts[1].Page))
	if !strings.Contains(bb, "BIÊN BẢN") {
		t.Errorf("page %d is not the Biên bản: %s", res.Parts[1].Page, bb)
	}

	// Drafted into the register, then issued: the dossier prints the frozen
	// Tờ trình under its number, and the draft Biên bản marked.
	tt, err := f.svc.DraftToTrinh(ctx, f.agencyID, f.proposal.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.DraftBienBan(ctx, f.agencyID, f.proposal.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.docs.Issue(ctx, f.agencyID, document.IssueRequest{ID: tt.ID, Date: "2025-12-20"}); err != nil {
		t.Fatal(err)
	}
	// The register's copy is frozen: a later change of the proposal does not show.
	if err := f.db.Exec("UPDATE award_proposals SET submit_to = ? WHERE id = ?", "Sở Nội vụ", f.proposal.ID).Error; err != nil {
		t.Fatal(err)
	}
	res, err = f.svc.Dossier(ctx, f.agencyID, f.proposal.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Parts[0].Title != "Tờ trình số 01/TTr-STNMT ngày 20/12/2025" || res.Parts[0].Draft || res.Parts[1].Title != "Biên bản (dự thảo)" || !res.Parts[1].Draft {
		t.Fatalf("parts %+v", res.Parts)
	}
	first := pdfText(t, res.PDF, "-f", strconv.Itoa(res.Parts[0].Page), "-l", strconv.Itoa(res.Parts[0].Page))
	wantAll(t, "tờ trình đã ban hành", first, "Số: 01/TTr-STNMT", "Kính gửi: Giám đốc Sở")
	wantNone(t, "tờ trình đã ban hành", first, "Sở Nội vụ", "(Dự thảo)")
	text = pdfText(t, res.PDF)
	wantAll(t, "hồ sơ", text, "(Kèm theo Tờ trình số 01/TTr-STNMT ngày 20 tháng 12 năm 2025")

	// A cancelled context stops it.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := f.svc.Dossier(cctx, f.agencyID, f.proposal.ID, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: %v", err)
	}
}

func TestPrintReports(t *testing.T) {
	ctx := context.Background()
	fixedToday(t, "2025-12-20")
	f := newFx(t, defaultNominees)
	dir := t.TempDir()
	var last [2]int
	res, err := f.svc.PrintReports(ctx, f.agencyID, f.proposal.ID, dir, false, func(s, n int) { last = [2]int{s, n} })
	if err != nil {
		t.Fatal(err)
	}
	if res.Reports != 5 || len(res.Files) != 5 || last[0] != last[1] || last[1] != 10 {
		t.Fatalf("batch %+v, progress %v", res, last)
	}
	if filepath.Base(res.Files[0]) != "01 - Văn phòng Sở.pdf" {
		t.Errorf("file %s", res.Files[0])
	}
	b, _ := os.ReadFile(res.Files[1])
	wantAll(t, "báo cáo 2", pdfText(t, b), "BÁO CÁO THÀNH TÍCH", "Thanh tra Sở")

	// Combined: one file with contents and bookmarks.
	out := filepath.Join(t.TempDir(), "bao-cao.pdf")
	res, err = f.svc.PrintReports(ctx, f.agencyID, f.proposal.ID, out, true, nil)
	if err != nil || len(res.Files) != 1 {
		t.Fatalf("combined %+v %v", res, err)
	}
	b, _ = os.ReadFile(out)
	if marks := outline(t, b); len(marks) != 6 || marks[1][0] != "Văn phòng Sở" {
		t.Fatalf("outline %v", marks)
	}

	// Cancelled: nothing is written.
	empty := t.TempDir()
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := f.svc.PrintReports(cctx, f.agencyID, f.proposal.ID, empty, false, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: %v", err)
	}
	if list, _ := os.ReadDir(empty); len(list) != 0 {
		t.Fatalf("cancelled batch wrote %d files", len(list))
	}
	// Not a folder.
	_, err = f.svc.PrintReports(ctx, f.agencyID, f.proposal.ID, out, false, nil)
	if fe, ok := fault.As(err); !ok || fe.Key != "errors.dossier.notFolder" {
		t.Fatalf("not a folder: %v", err)
	}
}
