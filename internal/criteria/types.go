package criteria

import (
	"chungsuc/internal/store"
)

// Query is the criteria sets list screen's query.
type Query struct {
	store.ListQuery
	Phase  string `json:"phase"`
	Target string `json:"target"`
	// Current is "" or "all" (every revision) or "yes" (current revisions only).
	Current string `json:"current"`
}

// SetRow is a set as the list shows it, with its counts.
type SetRow struct {
	Set
	CriteriaCount  int `json:"criteriaCount"`
	IndicatorCount int `json:"indicatorCount"`
	// UnconfirmedCount counts the items (set, amendments, conditions,
	// criteria, indicators, thresholds) not checked against the official text.
	UnconfirmedCount int `json:"unconfirmedCount"`
	AssessmentCount  int `json:"assessmentCount"`
}

// Page is one page of sets.
type Page struct {
	Items    []SetRow `json:"items"`
	Total    int64    `json:"total"`
	Page     int      `json:"page"`
	PageSize int      `json:"pageSize"`
}

// SaveResult is what Save did: NewRevision is true when the set had
// assessments and the save created revision Set.Revision instead of
// changing the one edited.
type SaveResult struct {
	Set         Set  `json:"set"`
	NewRevision bool `json:"newRevision"`
}

// Import actions.
const (
	ActionCreate    = "create"    // no set with this code yet
	ActionRevision  = "revision"  // a new revision of an existing code
	ActionIdentical = "identical" // same as the current revision: nothing to do
	ActionError     = "error"     // the file has problems
)

// Problem is one thing wrong with the file: the sheet, line (1-based,
// header included; 0 = the whole sheet or file), the column as headed, and
// a message key with params.
type Problem struct {
	Sheet  string         `json:"sheet"`
	Line   int            `json:"line"`
	Column string         `json:"column"`
	Key    string         `json:"key"`
	Params map[string]any `json:"params,omitempty"`
}

// Change is one difference between the file and the current revision:
// What is "set", "amendment", "condition", "criterion" or "indicator"; Key
// is the set field (JSON name), the amendment's number, the condition's or
// criterion's number or the indicator's code; Label says it in Vietnamese
// ("Tiêu chí 3", "Chỉ tiêu 17.2", "Bộ tiêu chí: Tên"); Kind is added,
// removed or changed.
type Change struct {
	What  string `json:"what"`
	Key   string `json:"key"`
	Label string `json:"label"`
	Kind  string `json:"kind"`
}

// ImportCounts counts what the file holds.
type ImportCounts struct {
	Criteria    int `json:"criteria"`
	Indicators  int `json:"indicators"`
	Thresholds  int `json:"thresholds"`
	Conditions  int `json:"conditions"`
	Amendments  int `json:"amendments"`
	Unconfirmed int `json:"unconfirmed"`
}

// ImportPreview is what importing a file would do; nothing is written.
type ImportPreview struct {
	FileName  string `json:"fileName"`
	SHA256    string `json:"sha256"`
	Code      string `json:"code"`
	Name      string `json:"name"`
	Action    string `json:"action"`
	CanCommit bool   `json:"canCommit"`
	// The current revision of the code, when there is one.
	ExistingID       string `json:"existingId"`
	ExistingRevision int    `json:"existingRevision"`
	ExistingAssessed int    `json:"existingAssessed"`
	// NewRevision is the revision the import would create (0 = none).
	NewRevision int          `json:"newRevision"`
	Counts      ImportCounts `json:"counts"`
	Changes     []Change     `json:"changes"`
	Problems    []Problem    `json:"problems"`
	// Set is the set as read from the file (no IDs), for display.
	Set Set `json:"set"`
}

// ImportResult is what a committed import wrote.
type ImportResult struct {
	Action   string `json:"action"`
	SetID    string `json:"setId"`
	Code     string `json:"code"`
	Revision int    `json:"revision"`
}

// Choices lists the values the editor offers.
type Choices struct {
	Targets     []string `json:"targets"`
	Dimensions  []string `json:"dimensions"`
	Kinds       []string `json:"kinds"`
	Comparators []string `json:"comparators"`
	Regions     []string `json:"regions"`
	Groups      []string `json:"groups"`
	Scopes      []int    `json:"scopes"`
	Phases      []string `json:"phases"`
}
