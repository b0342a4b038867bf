package assessment

import "gorm.io/gorm"

// SetGroupLatest forces the grouped or the per-locality lookup of the
// latest assessments in the matrix (both must give the same rows); it
// returns a function restoring the default.
func SetGroupLatest(on bool) func() {
	old := groupLatest
	groupLatest = func(*gorm.DB) bool { return on }
	return func() { groupLatest = old }
}
