import * as C from '../../wailsjs/go/app/Campaigns'
import { campaign, store } from '../../wailsjs/go/models'
import { call } from './error'
import type { PageOf, Plain } from './types'

export type Campaign = Plain<campaign.Campaign>
export type LegalBasis = Plain<campaign.LegalBasis>
export type Target = Plain<campaign.Target>
export type Milestone = Plain<campaign.Milestone>
export type ListQuery = Plain<store.ListQuery>

export type LegalBasisInput = Pick<LegalBasis, 'number' | 'date' | 'issuer' | 'title'>
export type TargetInput = Pick<Target, 'label' | 'metric' | 'comparator' | 'value' | 'valueUnit' | 'countUnit'> & {
  count?: number | null
}
export type MilestoneInput = Pick<Milestone, 'name' | 'kind' | 'dueDate' | 'doneDate' | 'note'>
/** A campaign as the editor sends it: the whole thing with its three lists. */
export interface CampaignInput {
  id: string
  version: number
  name: string
  fromYear: number
  toYear: number
  description: string
  active: boolean
  legalBases: LegalBasisInput[]
  targets: TargetInput[]
  milestones: MilestoneInput[]
}

/** The editable part of a loaded campaign (drops ids and time stamps of rows). */
export function toInput(c: Campaign): CampaignInput {
  return {
    id: c.id,
    version: c.version,
    name: c.name,
    fromYear: c.fromYear,
    toYear: c.toYear,
    description: c.description,
    active: c.active,
    legalBases: (c.legalBases ?? []).map((b) => ({ number: b.number, date: b.date, issuer: b.issuer, title: b.title })),
    targets: (c.targets ?? []).map((t) => ({
      label: t.label,
      metric: t.metric,
      comparator: t.comparator,
      value: t.value,
      valueUnit: t.valueUnit,
      count: t.count ?? null,
      countUnit: t.countUnit,
    })),
    milestones: (c.milestones ?? []).map((m) => ({
      name: m.name,
      kind: m.kind,
      dueDate: m.dueDate,
      doneDate: m.doneDate,
      note: m.note,
    })),
  }
}

export const listCampaigns = (q: ListQuery): Promise<PageOf<Campaign>> => call(() => C.List(store.ListQuery.createFrom(q)))
export const getCampaign = (id: string): Promise<Campaign> => call(() => C.Get(id))
export const saveCampaign = (c: CampaignInput): Promise<Campaign> => {
  const payload = {
    ...c,
    targets: c.targets.map((t) => {
      const { count, ...rest } = t
      return count === null || count === undefined ? rest : { ...rest, count }
    }),
  }
  return call(() => C.Save(campaign.Campaign.createFrom(payload)))
}
export const setActiveCampaign = (id: string): Promise<void> => call(() => C.SetActive(id))
export const deleteCampaign = (id: string): Promise<void> => call(() => C.Delete(id))
export const restoreCampaign = (id: string): Promise<void> => call(() => C.Restore(id))
