package app

import (
	"chungsuc/internal/campaign"
	"chungsuc/internal/store"
)

// Campaigns is the facade for the emulation movements.
type Campaigns struct{ core *Core }

// NewCampaigns binds the campaign facade.
func NewCampaigns(c *Core) *Campaigns { return &Campaigns{core: c} }

// run resolves the agency and calls fn with the campaign service.
func (f *Campaigns) run(op string, fn func(svc *campaign.Service, agencyID string) error) error {
	return f.core.fail(op, f.core.with(func(db *store.DB) error {
		id, err := agencyID(ctxOf(f.core), db)
		if err != nil {
			return err
		}
		return fn(campaign.NewService(db.DB), id)
	}))
}

// List returns one page of campaigns.
func (f *Campaigns) List(q store.ListQuery) (campaign.Page, error) {
	var page campaign.Page
	err := f.run("campaign.list", func(svc *campaign.Service, aid string) (err error) {
		page, err = svc.List(ctxOf(f.core), aid, q)
		return err
	})
	return page, err
}

// Get returns a campaign with its legal bases, targets and milestones.
func (f *Campaigns) Get(id string) (campaign.Campaign, error) {
	var c campaign.Campaign
	err := f.run("campaign.get", func(svc *campaign.Service, aid string) (err error) {
		c, err = svc.Get(ctxOf(f.core), aid, id)
		return err
	})
	return c, err
}

// Save creates or updates a campaign with its lists.
func (f *Campaigns) Save(c campaign.Campaign) (campaign.Campaign, error) {
	err := f.run("campaign.save", func(svc *campaign.Service, aid string) (err error) {
		c, err = svc.Save(ctxOf(f.core), aid, c)
		return err
	})
	return c, err
}

// SetActive makes a campaign the active one.
func (f *Campaigns) SetActive(id string) error {
	return f.run("campaign.setActive", func(svc *campaign.Service, aid string) error {
		return svc.SetActive(ctxOf(f.core), aid, id)
	})
}

// Delete soft-deletes a campaign.
func (f *Campaigns) Delete(id string) error {
	return f.run("campaign.delete", func(svc *campaign.Service, aid string) error {
		return svc.Delete(ctxOf(f.core), aid, id)
	})
}

// Restore undoes a campaign's deletion.
func (f *Campaigns) Restore(id string) error {
	return f.run("campaign.restore", func(svc *campaign.Service, aid string) error {
		return svc.Restore(ctxOf(f.core), aid, id)
	})
}
