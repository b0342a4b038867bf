// Client checks per form, mirroring the backend's limits.
import type { FieldError } from '../api/error'
import type { AgencyInput, StaffInput, UnitInput } from '../api/org'
import type { CampaignInput } from '../api/campaign'
import { Checker } from './validate'

export function checkAgency(a: AgencyInput, full = true): FieldError[] {
  const c = new Checker()
  c.text('name', a.name, { required: true, max: 200 })
  c.text('parentBody', a.parentBody, { max: 200 })
  c.text('abbrev', a.abbrev, { required: true, max: 30 })
  if (a.abbrev && !c.has('abbrev') && !/^[\p{L}0-9&-]+$/u.test(a.abbrev.trim())) c.add('abbrev', 'validation.abbrev')
  c.text('placeName', a.placeName, { required: true, max: 100 })
  c.text('address', a.address, { max: 300 })
  c.phone('phone', a.phone)
  c.email('email', a.email)
  c.text('headTitle', a.headTitle, { max: 100 })
  c.text('headName', a.headName, { max: 100 })
  if (full) {
    c.text('website', a.website, { max: 200 })
    ;(a.deputies ?? []).forEach((d, i) => {
      c.text(`deputies.${i}.title`, d.title, { max: 100 })
      c.text(`deputies.${i}.name`, d.name, { required: true, max: 100 })
    })
  }
  return c.errors
}

export function checkUnit(u: UnitInput): FieldError[] {
  const c = new Checker()
  c.text('name', u.name, { required: true, max: 200 })
  c.text('shortName', u.shortName, { max: 60 })
  c.required('kind', u.kind)
  c.text('note', u.note, { max: 2000 })
  if (u.sortOrder < 0 || u.sortOrder > 9999) c.add('sortOrder', 'validation.range', { min: 0, max: 9999 })
  if (u.id && u.parentId === u.id) c.add('parentId', 'validation.unit.parentSelf')
  return c.errors
}

export function checkStaff(p: StaffInput, today: string): FieldError[] {
  const c = new Checker()
  c.text('fullName', p.fullName, { required: true, max: 120 })
  if (!c.has('fullName') && /[0-9@#$%^*_=+<>{}[\]|\\/]/.test(p.fullName)) c.add('fullName', 'validation.staff.nameChars')
  c.date('birthDate', p.birthDate, { notFuture: today })
  if (!p.birthDate && p.birthYear) {
    const year = +today.slice(0, 4)
    c.range('birthYear', p.birthYear, year - 100, year - 15)
  }
  c.text('position', p.position, { max: 120 })
  c.text('rank', p.rank, { max: 120 })
  c.phone('phone', p.phone)
  c.email('email', p.email)
  c.text('note', p.note, { max: 2000 })
  return c.errors
}

export function checkCampaign(x: CampaignInput): FieldError[] {
  const c = new Checker()
  c.text('name', x.name, { required: true, max: 300 })
  c.range('fromYear', x.fromYear, 2000, 2100, true)
  c.range('toYear', x.toYear, 2000, 2100, true)
  if (!c.has('fromYear') && !c.has('toYear') && x.toYear < x.fromYear) c.add('toYear', 'validation.campaign.period')
  c.text('description', x.description, { max: 5000 })
  x.legalBases.forEach((b, i) => {
    c.text(`legalBases.${i}.number`, b.number, { required: true, max: 60 })
    c.date(`legalBases.${i}.date`, b.date)
    c.text(`legalBases.${i}.issuer`, b.issuer, { max: 200 })
    c.text(`legalBases.${i}.title`, b.title, { max: 1000 })
  })
  x.targets.forEach((t, i) => {
    c.text(`targets.${i}.label`, t.label, { required: true, max: 500 })
    c.text(`targets.${i}.metric`, t.metric, { max: 60 })
    c.required(`targets.${i}.comparator`, t.comparator)
    if (t.value === null || t.value === undefined || !Number.isFinite(t.value) || t.value < 0) c.add(`targets.${i}.value`, 'validation.number')
    else if (t.valueUnit.trim() === '%' && t.value > 100) c.add(`targets.${i}.value`, 'validation.range', { min: 0, max: 100 })
    c.text(`targets.${i}.valueUnit`, t.valueUnit, { max: 30 })
    if (t.count !== null && t.count !== undefined && t.count < 0) c.add(`targets.${i}.count`, 'validation.number')
    c.text(`targets.${i}.countUnit`, t.countUnit, { max: 30 })
  })
  x.milestones.forEach((m, i) => {
    c.text(`milestones.${i}.name`, m.name, { required: true, max: 300 })
    c.date(`milestones.${i}.dueDate`, m.dueDate)
    c.date(`milestones.${i}.doneDate`, m.doneDate)
    c.text(`milestones.${i}.note`, m.note, { max: 2000 })
  })
  return c.errors
}
