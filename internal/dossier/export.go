package dossier

import (
	"context"
	"io"

	"chungsuc/internal/fault"
	"chungsuc/internal/fileout"
	"chungsuc/internal/sheet"
)

// Labels of the stages and statuses in the workbook (the same words as
// vi.json's award.stage and award.status).
var (
	stageLabel  = map[string]string{"so_ket": "Sơ kết", "tong_ket": "Tổng kết", "dot_xuat": "Đột xuất"}
	statusLabel = map[string]string{"nhap": "Nháp", "da_xet": "Đã xét", "da_trinh": "Đã trình", "tra_lai": "Trả lại", "da_quyet_dinh": "Đã có quyết định"}
)

// exportData is the proposal list of a loaded proposal.
func (b *batch) exportData(day string) sheet.AwardExport {
	data := sheet.AwardExport{Agency: b.settings.FullName, Campaign: campaignName(b.Campaign), Proposal: b.Proposal.Name,
		Stage: stageLabel[b.Proposal.Stage], Status: statusLabel[b.Proposal.Status], Date: day}
	if data.Agency == "" {
		data.Agency = b.agency.Name
	}
	if b.Proposal.Threshold > 0 {
		data.Threshold = "Yêu cầu: " + b.thresholdText()
	}
	for _, n := range b.nominees {
		data.Rows = append(data.Rows, sheet.AwardRow{Unit: n.isUnit(), Name: n.Name, Position: n.Position, UnitName: n.UnitName,
			BirthYear: n.BirthYear, Gender: genderText(n.Gender), Form: b.formName(n), Summary: n.Summary, Voted: n.Voted,
			Ballots: n.BallotsFor, Base: b.ballotBase(), Percent: n.Percent, Passed: n.Passed, Note: n.Note})
	}
	return data
}

// ExportList writes the proposal list workbook (every nominee with the
// form, the summary and the vote) to w.
func (s *Service) ExportList(ctx context.Context, agencyID, proposalID string, w io.Writer) error {
	b, err := s.load(ctx, s.db.WithContext(ctx), agencyID, proposalID)
	if err != nil {
		return err
	}
	return sheet.WriteAwardList(w, b.exportData(today()))
}

// ExportListTo writes the workbook to path, complete or not at all.
func (s *Service) ExportListTo(ctx context.Context, agencyID, proposalID, path string) error {
	b, err := s.load(ctx, s.db.WithContext(ctx), agencyID, proposalID)
	if err != nil {
		return err
	}
	data := b.exportData(today())
	if err := fileout.Write(path, func(w io.Writer) error { return sheet.WriteAwardList(w, data) }); err != nil {
		return fault.Wrap(err, fault.ErrRefused, "errors.dossier.writeFile", "path", path)
	}
	return nil
}

// ExportName is the file name the save dialog proposes.
func (s *Service) ExportName(ctx context.Context, agencyID, proposalID string) (string, error) {
	b, err := s.load(ctx, s.db.WithContext(ctx), agencyID, proposalID)
	if err != nil {
		return "", err
	}
	return "danh-sach-de-nghi-" + safeName(b.Proposal.Name) + ".xlsx", nil
}
