package app

import (
	"chungsuc/internal/org"
	"chungsuc/internal/store"
)

// Org is the facade for the agency profile, units and staff.
type Org struct{ core *Core }

// NewOrg binds the org facade.
func NewOrg(c *Core) *Org { return &Org{core: c} }

// run resolves the agency and calls fn with the org service.
func (o *Org) run(op string, fn func(svc *org.Service, agencyID string) error) error {
	return o.core.fail(op, o.core.with(func(db *store.DB) error {
		id, err := agencyID(ctxOf(o.core), db)
		if err != nil {
			return err
		}
		return fn(org.NewService(db.DB), id)
	}))
}

// GetAgency returns the agency profile.
func (o *Org) GetAgency() (org.Agency, error) {
	var a org.Agency
	err := o.run("org.getAgency", func(svc *org.Service, _ string) (err error) {
		a, err = svc.CurrentAgency(ctxOf(o.core))
		return err
	})
	return a, err
}

// SaveAgency saves the agency profile (Version must be current).
func (o *Org) SaveAgency(a org.Agency) (org.Agency, error) {
	err := o.run("org.saveAgency", func(svc *org.Service, aid string) (err error) {
		a.ID = aid
		a, err = svc.SaveAgency(ctxOf(o.core), a)
		return err
	})
	return a, err
}

// ListUnits returns one page of units.
func (o *Org) ListUnits(q org.UnitQuery) (org.UnitPage, error) {
	var page org.UnitPage
	err := o.run("org.listUnits", func(svc *org.Service, aid string) (err error) {
		page, err = svc.ListUnits(ctxOf(o.core), aid, q)
		return err
	})
	return page, err
}

// AllUnits returns every live unit, for the tree and the pickers.
func (o *Org) AllUnits() ([]org.Unit, error) {
	var list []org.Unit
	err := o.run("org.allUnits", func(svc *org.Service, aid string) (err error) {
		list, err = svc.AllUnits(ctxOf(o.core), aid)
		return err
	})
	return list, err
}

// GetUnit returns one unit (to reload it after a stale save).
func (o *Org) GetUnit(id string) (org.Unit, error) {
	var u org.Unit
	err := o.run("org.getUnit", func(svc *org.Service, aid string) (err error) {
		u, err = svc.GetUnit(ctxOf(o.core), aid, id)
		return err
	})
	return u, err
}

// SaveUnit creates (empty id) or updates a unit.
func (o *Org) SaveUnit(u org.Unit) (org.Unit, error) {
	err := o.run("org.saveUnit", func(svc *org.Service, aid string) (err error) {
		u, err = svc.SaveUnit(ctxOf(o.core), aid, u)
		return err
	})
	return u, err
}

// DeleteUnit soft-deletes a unit.
func (o *Org) DeleteUnit(id string) error {
	return o.run("org.deleteUnit", func(svc *org.Service, aid string) error {
		return svc.DeleteUnit(ctxOf(o.core), aid, id)
	})
}

// RestoreUnit undoes a unit's deletion.
func (o *Org) RestoreUnit(id string) error {
	return o.run("org.restoreUnit", func(svc *org.Service, aid string) error {
		return svc.RestoreUnit(ctxOf(o.core), aid, id)
	})
}

// ListStaff returns one page of staff.
func (o *Org) ListStaff(q org.StaffQuery) (org.StaffPage, error) {
	var page org.StaffPage
	err := o.run("org.listStaff", func(svc *org.Service, aid string) (err error) {
		page, err = svc.ListStaff(ctxOf(o.core), aid, q)
		return err
	})
	return page, err
}

// GetStaff returns one staff member (to reload it after a stale save).
func (o *Org) GetStaff(id string) (org.Staff, error) {
	var p org.Staff
	err := o.run("org.getStaff", func(svc *org.Service, aid string) (err error) {
		p, err = svc.GetStaff(ctxOf(o.core), aid, id)
		return err
	})
	return p, err
}

// SaveStaff creates (empty id) or updates a staff member.
func (o *Org) SaveStaff(p org.Staff) (org.Staff, error) {
	err := o.run("org.saveStaff", func(svc *org.Service, aid string) (err error) {
		p, err = svc.SaveStaff(ctxOf(o.core), aid, p)
		return err
	})
	return p, err
}

// DeleteStaff soft-deletes a staff member.
func (o *Org) DeleteStaff(id string) error {
	return o.run("org.deleteStaff", func(svc *org.Service, aid string) error {
		return svc.DeleteStaff(ctxOf(o.core), aid, id)
	})
}

// RestoreStaff undoes a staff member's deletion.
func (o *Org) RestoreStaff(id string) error {
	return o.run("org.restoreStaff", func(svc *org.Service, aid string) error {
		return svc.RestoreStaff(ctxOf(o.core), aid, id)
	})
}
