package dossier_test

import (
	"context"
	"fmt"
	"os"
	"testing"

	"chungsuc/internal/award"
)

// benchNominees are n nominees: ten collectives (the sample's divisions
// and units, the same ones again past ten) and n-10 people, with every
// report form and two award forms, all voted through.
func benchNominees(n int) []nomSpec {
	units := []string{"Văn phòng Sở", "Thanh tra Sở", "Phòng Kế hoạch - Tài chính", "Phòng Quản lý đất đai", "Phòng Tài nguyên nước - Khoáng sản",
		"Phòng Biển, đảo và Khí tượng thủy văn", "Chi cục Bảo vệ môi trường", "Văn phòng Đăng ký đất đai",
		"Trung tâm Công nghệ thông tin tài nguyên và môi trường", "Trung tâm Quan trắc tài nguyên và môi trường"}
	forms := []string{award.FormGiayKhen, award.FormBKTinh}
	reports := []string{award.ReportStaff, award.ReportThematic}
	var out []nomSpec
	for i := 0; i < n; i++ {
		if i < len(units) {
			out = append(out, nomSpec{unit: units[i], form: forms[i%2], report: []string{award.ReportUnit, award.ReportThematic}[i%2], votes: 8})
			continue
		}
		out = append(out, nomSpec{staff: fmt.Sprintf("#%d", i-len(units)), form: forms[i%2], report: reports[i%2], votes: 7})
	}
	return out
}

// BenchmarkDossier200 renders the combined dossier of a proposal with 200
// nominees: the Tờ trình with its Danh sách and the Biên bản drafted in
// memory, 200 báo cáo thành tích drafted from the data (facts and scores
// of the emulation module, award history), contents and bookmarks. The
// sample database and the batch are set up outside the timer. Run with
// -cpu 1,2 for one and both cores (tests/bench/dossier.sh).
func BenchmarkDossier200(b *testing.B) {
	fixedToday(b, "2025-12-20")
	f := newFx(b, benchNominees(200))
	ctx := context.Background()
	var pages, size, parts int
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := f.svc.Dossier(ctx, f.agencyID, f.proposal.ID, nil)
		if err != nil {
			b.Fatal(err)
		}
		pages, size, parts = res.Pages, len(res.PDF), len(res.Parts)
	}
	s := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(s, "s/dossier")
	b.ReportMetric(float64(pages), "pages")
	b.ReportMetric(float64(parts), "parts")
	b.ReportMetric(float64(size), "bytes")
	if out := os.Getenv("DOSSIER_BENCH_OUT"); out != "" {
		res, err := f.svc.Dossier(ctx, f.agencyID, f.proposal.ID, nil)
		if err == nil {
			_ = os.WriteFile(out, res.PDF, 0o644)
		}
	}
}

// BenchmarkReports200 prints the 200 reports one PDF each (rendered on
// every core) into a folder.
func BenchmarkReports200(b *testing.B) {
	fixedToday(b, "2025-12-20")
	f := newFx(b, benchNominees(200))
	ctx := context.Background()
	dir := b.TempDir()
	var pages int
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := f.svc.PrintReports(ctx, f.agencyID, f.proposal.ID, dir, false, nil)
		if err != nil {
			b.Fatal(err)
		}
		pages = res.Pages
	}
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/batch")
	b.ReportMetric(float64(pages), "pages")
}
