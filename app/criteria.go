package app

// Criteria is the facade for the "Tiêu chí NTM" screen: criteria sets, their revisions, import and export.
type Criteria struct{ core *Core }

// NewCriteria binds the facade.
func NewCriteria(c *Core) *Criteria { return &Criteria{core: c} }
