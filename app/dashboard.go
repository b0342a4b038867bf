package app

// Dashboard is the facade for the "Tổng quan" screen: the active campaign's targets against the data, with drill-down and export.
type Dashboard struct{ core *Core }

// NewDashboard binds the facade.
func NewDashboard(c *Core) *Dashboard { return &Dashboard{core: c} }
