package award

import (
	"encoding/json"
	"strings"

	"chungsuc/internal/fault"
	"chungsuc/internal/vntext"
)

// ReportSection is one editable section of a nominee's báo cáo thành tích:
// its heading as printed and its text in the documents' markup.
type ReportSection struct {
	Heading string `json:"heading"`
	Markup  string `json:"markup"`
}

// maxReportSections bounds the sections of one report.
const maxReportSections = 100

// ParseReport reads Nominee.Report: "" is no section yet; anything else
// must be the JSON of a list of sections. Texts come back in NFC.
func ParseReport(s string) ([]ReportSection, error) {
	out := []ReportSection{}
	if strings.TrimSpace(s) == "" {
		return out, nil
	}
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		return []ReportSection{}, fault.Wrap(err, fault.ErrInvalid, "validation.award.report")
	}
	if out == nil {
		out = []ReportSection{}
	}
	if len(out) > maxReportSections {
		return []ReportSection{}, fault.New(fault.ErrInvalid, "validation.award.report")
	}
	for i := range out {
		out[i].Heading = vntext.Clean(out[i].Heading)
		out[i].Markup = vntext.CleanText(out[i].Markup)
	}
	return out, nil
}

// FormatReport writes sections as Nominee.Report; no section gives "".
func FormatReport(sections []ReportSection) string {
	if len(sections) == 0 {
		return ""
	}
	clean := make([]ReportSection, len(sections))
	for i, s := range sections {
		clean[i] = ReportSection{Heading: vntext.Clean(s.Heading), Markup: vntext.CleanText(s.Markup)}
	}
	b, err := json.Marshal(clean)
	if err != nil {
		return ""
	}
	return string(b)
}
