package sheet

import (
	"strings"

	"chungsuc/internal/fault"
	"chungsuc/internal/vntext"
)

// FoldHeader reduces a header cell to the letters and digits of its fold,
// so that "Số quyết định", "SO QUYET DINH:" and "số_quyết_định" name the
// same column.
func FoldHeader(s string) string {
	var b strings.Builder
	for _, r := range vntext.Fold(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Commit is what an import's commit finds when it reads the file again:
// the file's name and SHA-256 now, the SHA-256 the user saw in the preview,
// the first problem with the file as a whole (Key "" for none) and the
// number of rows in error.
type Commit struct {
	FileName      string
	SHA256        string
	Previewed     string
	ProblemKey    string
	ProblemParams map[string]any
	ErrorRows     int
}

// Check refuses a commit of a file that cannot be read as a whole, that
// changed since its preview, or that has rows in error; nothing is written
// then (the caller's transaction is rolled back).
func (c Commit) Check() error {
	if c.ProblemKey != "" {
		e := fault.New(fault.ErrRefused, c.ProblemKey)
		e.Params = c.ProblemParams
		return e
	}
	if c.SHA256 == "" || !strings.EqualFold(c.SHA256, strings.TrimSpace(c.Previewed)) {
		return fault.New(fault.ErrConflict, "errors.import.changed", "file", c.FileName)
	}
	if c.ErrorRows > 0 {
		return fault.New(fault.ErrRefused, "errors.import.hasErrors", "count", c.ErrorRows)
	}
	return nil
}
