// Client checks per form, mirroring the backend's limits.
import type { FieldError } from '../api/error'
import type { AgencyInput, StaffInput, UnitInput } from '../api/org'
import type { CampaignInput } from '../api/campaign'
import type { LineageInput, LocalityInput, NTMStatusInput } from '../api/locality'
import type { ActivityInput, RegistrationInput } from '../api/sponsor'
import { levelOfKind } from './codes'
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

export function checkLocality(l: LocalityInput): FieldError[] {
  const c = new Checker()
  c.text('name', l.name, { required: true, max: 200 })
  c.text('code', l.code, { max: 20 })
  if (l.code && !c.has('code') && !/^[0-9]+$/.test(l.code.trim())) c.add('code', 'validation.locality.codeDigits')
  c.required('kind', l.kind)
  const level = levelOfKind(l.kind)
  if (level > 1 && !l.parentId) c.add('parentId', 'validation.locality.parentRequired')
  if (l.id && l.parentId === l.id) c.add('parentId', 'validation.locality.parentSelf')
  c.date('validFrom', l.validFrom)
  c.date('validTo', l.validTo)
  if (l.validFrom && l.validTo && !c.has('validFrom') && !c.has('validTo') && l.validTo < l.validFrom) c.add('validTo', 'validation.locality.validPeriod')
  c.text('note', l.note, { max: 2000 })
  return c.errors
}

export function checkStatus(s: NTMStatusInput): FieldError[] {
  const c = new Checker()
  c.required('level', s.level)
  c.range('year', s.year, 2010, 2100, true)
  c.text('decisionNumber', s.decisionNumber, { max: 60 })
  c.date('decisionDate', s.decisionDate)
  c.text('decisionIssuer', s.decisionIssuer, { max: 200 })
  c.text('note', s.note, { max: 2000 })
  return c.errors
}

export function checkLineage(l: LineageInput, selfId: string): FieldError[] {
  const c = new Checker()
  const other = l.predecessorId === selfId ? l.successorId : l.predecessorId
  if (!other) c.add('other', 'validation.required')
  else if (l.predecessorId === l.successorId) c.add('other', 'validation.locality.lineageSelf')
  c.date('effectiveDate', l.effectiveDate)
  c.text('resolution', l.resolution, { max: 100 })
  c.text('note', l.note, { max: 2000 })
  return c.errors
}

export function checkRegistration(r: RegistrationInput): FieldError[] {
  const c = new Checker()
  c.required('unitId', r.unitId)
  c.required('localityId', r.localityId)
  c.date('fromDate', r.fromDate, { required: true })
  c.date('toDate', r.toDate)
  if (r.fromDate && r.toDate && !c.has('fromDate') && !c.has('toDate') && r.toDate < r.fromDate) c.add('toDate', 'validation.sponsor.period')
  c.text('content', r.content, { max: 5000 })
  if (r.commitVisits < 0) c.add('commitVisits', 'validation.number')
  if (r.commitFunds < 0) c.add('commitFunds', 'validation.number')
  if (r.commitWorkdays < 0) c.add('commitWorkdays', 'validation.number')
  else if (!Number.isInteger(Math.round(r.commitWorkdays * 1000) / 100)) c.add('commitWorkdays', 'validation.sponsor.oneDecimal')
  c.text('commitNote', r.commitNote, { max: 2000 })
  c.text('contactNote', r.contactNote, { max: 300 })
  return c.errors
}

export function checkActivity(a: ActivityInput, today: string): FieldError[] {
  const c = new Checker()
  c.date('date', a.date, { required: true, notFuture: today })
  c.required('kind', a.kind)
  c.text('description', a.description, { required: true, max: 5000 })
  if (!Number.isFinite(a.amountVND) || a.amountVND < 0) c.add('amountVND', 'validation.number')
  if (!Number.isFinite(a.workdays) || a.workdays < 0) c.add('workdays', 'validation.number')
  else if (!Number.isInteger(Math.round(a.workdays * 1000) / 100)) c.add('workdays', 'validation.sponsor.oneDecimal')
  c.text('result', a.result, { max: 5000 })
  return c.errors
}
