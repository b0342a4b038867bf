// "Thi đua": the emulation criteria and grades of a campaign, the yearly
// score sheets of units and staff (self-assessment → submitted → reviewed by
// the council, reopened with a reason), the facts the database holds for
// each sheet, and the standings. Totals are computed by the backend; the
// helpers here only preview them while typing.
import * as E from '../../wailsjs/go/app/Emulation'
import { emulation } from '../../wailsjs/go/models'
import type { FieldError } from './error'
import { call } from './error'
import type { Plain } from './types'

export type Criterion = Plain<emulation.Criterion>
export type Grade = Plain<emulation.Grade>
export type Fact = Plain<emulation.Fact>
export type ItemView = Plain<emulation.ItemView>
export type SheetDetail = Plain<emulation.SheetDetail>
export type SheetRow = Plain<emulation.SheetRow>
export type SheetList = Plain<emulation.SheetList>
export type Standing = Plain<emulation.Standing>
export type Defaults = Plain<emulation.Defaults>
export type SheetKey = Plain<emulation.SheetKey>
export type ItemInput = Plain<emulation.ItemInput>
export type SelfInput = Plain<emulation.SelfInput>
export type ReviewInput = Plain<emulation.ReviewInput>

/** Subjects: a collective (a unit) or an individual (a staff member). */
export const TARGETS = ['tap_the', 'ca_nhan'] as const
export type Target = (typeof TARGETS)[number]

/** Sheet statuses in their order. */
export const STATUSES = ['tu_cham', 'da_nop', 'da_duyet'] as const

/** Fact kinds a criterion may show (Criterion.fact) and the subject each is about. */
export const FACT_TARGETS: Record<string, Target> = {
  van_ban: 'tap_the',
  tuyen_truyen: 'tap_the',
  ho_tro: 'tap_the',
  tham_gia: 'ca_nhan',
}

/** vi.json keys of the labels (kept literal for the i18n check). */
export const statusLabelKey: Record<string, string> = {
  tu_cham: 'emulation.status.tu_cham',
  da_nop: 'emulation.status.da_nop',
  da_duyet: 'emulation.status.da_duyet',
  '': 'emulation.status.none',
}
export const targetLabelKey: Record<string, string> = {
  tap_the: 'emulation.target.tap_the',
  ca_nhan: 'emulation.target.ca_nhan',
}
export const factLabelKey: Record<string, string> = {
  van_ban: 'emulation.fact.van_ban',
  tuyen_truyen: 'emulation.fact.tuyen_truyen',
  ho_tro: 'emulation.fact.ho_tro',
  tham_gia: 'emulation.fact.tham_gia',
}
export const statusTagType: Record<string, 'default' | 'info' | 'success' | 'warning'> = {
  tu_cham: 'warning',
  da_nop: 'info',
  da_duyet: 'success',
  '': 'default',
}

const arr = <T>(a: T[] | null | undefined): T[] => (Array.isArray(a) ? a : [])

/** Go's nil slices arrive as null. */
export function normaliseSheet(d: SheetDetail): SheetDetail {
  return {
    ...d,
    items: arr(d.items).map((it) => ({ ...it, facts: arr(it.facts) })),
    facts: arr(d.facts),
    grades: arr(d.grades),
  }
}

export function normaliseList(l: SheetList): SheetList {
  return { ...l, rows: arr(l.rows) }
}

/** The kind part of a fact key ("ho_tro" of "ho_tro.dang_ky"). */
export function factGroup(key: string): string {
  const i = key.indexOf('.')
  return i < 0 ? key : key.slice(0, i)
}

const round2 = (x: number) => Math.round(x * 100) / 100

/** What the sheet's form edits for one criterion. */
export interface ItemForm {
  criterionId: string
  code: string
  maxScore: number
  selfScore: number
  evidence: string
  /** The council's score (starts at the stored review score, else the self score). */
  reviewScore: number
  reviewReason: string
}

/** The form rows of a sheet. */
export function itemForms(d: SheetDetail): ItemForm[] {
  return d.items.map((it) => ({
    criterionId: it.criterion.id,
    code: it.criterion.code,
    maxScore: it.criterion.maxScore,
    selfScore: it.selfScore,
    evidence: it.evidence,
    reviewScore: it.reviewScore ?? it.selfScore,
    reviewReason: it.reviewReason,
  }))
}

/** The totals of the form as typed (the backend computes the stored ones). */
export function formTotals(items: ItemForm[]): { self: number; review: number } {
  return {
    self: round2(items.reduce((s, it) => s + (it.selfScore || 0), 0)),
    review: round2(items.reduce((s, it) => s + (it.reviewScore || 0), 0)),
  }
}

/** A review score that differs from the self score needs a reason. */
export function needsReason(it: ItemForm): boolean {
  return round2(it.reviewScore) !== round2(it.selfScore)
}

/** Field errors the form can see before a save (same fields as the backend's). */
export function checkSelf(items: ItemForm[]): FieldError[] {
  const out: FieldError[] = []
  for (const it of items) {
    const s = it.selfScore
    if (!Number.isFinite(s) || s < 0 || s > it.maxScore) {
      out.push({ field: `items.${it.criterionId}.selfScore`, key: 'errors.emulation.scoreRange', params: { min: 0, max: it.maxScore } })
    }
  }
  return out
}

export function checkReview(items: ItemForm[]): FieldError[] {
  const out: FieldError[] = []
  for (const it of items) {
    const s = it.reviewScore
    if (!Number.isFinite(s) || s < 0 || s > it.maxScore) {
      out.push({ field: `items.${it.criterionId}.reviewScore`, key: 'errors.emulation.scoreRange', params: { min: 0, max: it.maxScore } })
    } else if (needsReason(it) && !it.reviewReason.trim()) {
      out.push({ field: `items.${it.criterionId}.reviewReason`, key: 'errors.emulation.reasonRequired' })
    }
  }
  return out
}

/** The grade a total earns: the highest minimum it reaches. */
export function gradeOf(grades: Grade[], total: number): Grade | null {
  let best: Grade | null = null
  for (const g of grades) if (round2(total) >= round2(g.minScore) && (!best || g.minScore > best.minScore)) best = g
  return best
}

/** The years of a campaign, newest first. */
export function campaignYears(c: { fromYear: number; toYear: number } | null | undefined): number[] {
  if (!c || !c.fromYear || !c.toYear || c.toYear < c.fromYear) return []
  const out: number[] = []
  for (let y = c.toYear; y >= c.fromYear; y--) out.push(y)
  return out
}

/** The year to open: this year when the campaign covers it, else its last year. */
export function defaultYear(c: { fromYear: number; toYear: number } | null | undefined, now: Date = new Date()): number {
  const years = campaignYears(c)
  if (!years.length) return now.getFullYear()
  const y = now.getFullYear()
  return years.includes(y) ? y : y > years[0] ? years[0] : years[years.length - 1]
}

export const listCriteria = (campaignId: string, target: string): Promise<Criterion[]> => call(() => E.Criteria(campaignId, target)).then(arr)
export const saveCriterion = (c: Criterion): Promise<Criterion> => call(() => E.SaveCriterion(emulation.Criterion.createFrom(c)))
export const deleteCriterion = (id: string): Promise<void> => call(() => E.DeleteCriterion(id))
export const listGrades = (campaignId: string): Promise<Grade[]> => call(() => E.Grades(campaignId)).then(arr)
export const saveGrade = (g: Grade): Promise<Grade> => call(() => E.SaveGrade(emulation.Grade.createFrom(g)))
export const deleteGrade = (id: string): Promise<void> => call(() => E.DeleteGrade(id))
export const createDefaults = (campaignId: string): Promise<Defaults> => call(() => E.CreateDefaults(campaignId))
export const listSheets = (campaignId: string, year: number, target: string): Promise<SheetList> =>
  call(() => E.Sheets(campaignId, year, target)).then(normaliseList)
export const getSheet = (key: SheetKey): Promise<SheetDetail> => call(() => E.Sheet(emulation.SheetKey.createFrom(key))).then(normaliseSheet)
export const saveSelf = (input: SelfInput): Promise<SheetDetail> => call(() => E.SaveSelf(emulation.SelfInput.createFrom(input))).then(normaliseSheet)
export const submitSheet = (id: string, version: number): Promise<SheetDetail> => call(() => E.Submit(id, version)).then(normaliseSheet)
export const reviewSheet = (input: ReviewInput): Promise<SheetDetail> => call(() => E.Review(emulation.ReviewInput.createFrom(input))).then(normaliseSheet)
export const reopenSheet = (id: string, version: number, reason: string): Promise<SheetDetail> => call(() => E.Reopen(id, version, reason)).then(normaliseSheet)
export const listStandings = (campaignId: string, year: number, target: string): Promise<Standing[]> => call(() => E.Standings(campaignId, year, target)).then(arr)
export const listFacts = (campaignId: string, year: number, kind: string, subjectId: string): Promise<Fact[]> =>
  call(() => E.Facts(campaignId, year, kind, subjectId)).then(arr)

/** The self-assessment save of a form. */
export function selfInput(d: SheetDetail, items: ItemForm[], note: string): SelfInput {
  return {
    campaignId: d.campaignId,
    year: d.year,
    subjectKind: d.subjectKind,
    subjectId: d.subjectId,
    sheetId: d.id,
    version: d.version,
    note,
    items: items.map((it) => ({ criterionId: it.criterionId, score: it.selfScore, evidence: it.evidence, reason: '' })),
  }
}

/** The review of a form: every criterion's score, reasons only for changed ones. */
export function reviewInput(d: SheetDetail, items: ItemForm[], note: string): ReviewInput {
  return {
    sheetId: d.id,
    version: d.version,
    note,
    items: items.map((it) => ({ criterionId: it.criterionId, score: it.reviewScore, evidence: '', reason: needsReason(it) ? it.reviewReason : '' })),
  }
}
