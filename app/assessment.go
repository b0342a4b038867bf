package app

// Assessments is the facade for the NTM checklists: assessments per locality, the year-over-year view and the province matrix.
type Assessments struct{ core *Core }

// NewAssessments binds the facade.
func NewAssessments(c *Core) *Assessments { return &Assessments{core: c} }
