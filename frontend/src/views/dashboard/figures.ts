// Pure helpers of the dashboard: how a figure, a pass rate or a progress step
// reads, and how the rows are ordered. No Vue, no bindings: tested alone.
import { comparatorSign, formatNumber } from '../../lib/format'

/** The part of a target figure the helpers read. */
export interface FigureLike {
  comparator: string
  value: number
  valueUnit: string
  targetCount?: number | null
  actual: number
  count: number
  denominator: number
  met?: boolean | null
}

/** True when the target is a share of communes (valueUnit "%"), false for a count. */
export const isShare = (f: Pick<FigureLike, 'valueUnit'>) => f.valueUnit.trim() === '%'

/** 45.234 → "45,2%" (one decimal, trailing zero dropped); "" when not a number. */
export function formatShare(pct: number | null | undefined): string {
  const s = formatNumber(pct, 1)
  return s ? `${s}%` : ''
}

/** 123, 456 → "123/456"; a missing denominator gives "123". */
export function formatCount(count: number, denominator: number | null | undefined): string {
  const c = formatNumber(count ?? 0, 0)
  return denominator ? `${c}/${formatNumber(denominator, 0)}` : c
}

/** The share count/denominator in percent; null when there is nothing to divide by. */
export function shareOf(count: number, denominator: number): number | null {
  if (!denominator || !Number.isFinite(count) || !Number.isFinite(denominator)) return null
  return (count / denominator) * 100
}

/** The target as it reads: "≥ 80%" or "≥ 120 xã". */
export function formatTarget(f: Pick<FigureLike, 'comparator' | 'value' | 'valueUnit'>): string {
  const unit = isShare(f) ? '%' : f.valueUnit ? ` ${f.valueUnit}` : ''
  return `${comparatorSign(f.comparator)} ${formatNumber(f.value)}${unit}`.trim()
}

/**
 * What was achieved, the main number in the figure's own unit: the share
 * for a "%" target, the count for a count target.
 */
export function formatActual(f: Pick<FigureLike, 'valueUnit' | 'actual' | 'count'>): string {
  return isShare(f) ? formatShare(f.actual) : formatNumber(f.count, 0)
}

/**
 * The numbers behind it: "123/456" — with the share for a count target,
 * whose main number is already the count: "123/456 (27%)".
 */
export function formatBehind(f: Pick<FigureLike, 'count' | 'denominator' | 'valueUnit'>): string {
  const base = formatCount(f.count, f.denominator)
  if (isShare(f)) return base
  const share = shareOf(f.count, f.denominator)
  return share === null ? base : `${base} (${formatShare(share)})`
}

export type MetState = 'met' | 'notMet' | 'unknown'

export function metState(met: boolean | null | undefined): MetState {
  if (met === true) return 'met'
  if (met === false) return 'notMet'
  return 'unknown'
}

export const metTagType: Record<MetState, 'success' | 'warning' | 'default'> = {
  met: 'success',
  notMet: 'warning',
  unknown: 'default',
}

/** The part of a criterion pass rate the helpers read. */
export interface PassLike {
  no: number
  passed: number
  assessed: number
  rate: number
}

/**
 * The criteria that hold communes back first: by pass rate ascending, then
 * by criterion number; criteria nobody was assessed on go last.
 */
export function sortPassRates<T extends PassLike>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => {
    const ea = a.assessed > 0 ? 0 : 1
    const eb = b.assessed > 0 ? 0 : 1
    return ea - eb || a.rate - b.rate || a.no - b.no
  })
}

/** A progress event's step → whole percent (0–100), never past 99 while running. */
export function progressPercent(step: number, steps: number): number {
  if (!steps || steps <= 0 || !Number.isFinite(step)) return 0
  const p = Math.floor((Math.max(0, step) / steps) * 100)
  return Math.min(99, p)
}

/** Average criteria with one decimal: 15.25 → "15,3" ("—" when nothing was assessed). */
export function formatAverage(avg: number | null | undefined, assessed = 1): string {
  if (!assessed) return '—'
  return formatNumber(avg, 1) || '—'
}

/** Units with the most communes first, then by name (Vietnamese order). */
export function sortUnits<T extends { unitName: string; communes: number; communesNTM: number }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => b.communes - a.communes || b.communesNTM - a.communesNTM || a.unitName.localeCompare(b.unitName, 'vi'))
}

/** What the drill-down drawer lists: its title and the query of the figure. */
export interface DrillSpec {
  title: string
  /** The figure's part of the drill query (metric, criterionNo + passed, unitId, year). */
  query: {
    metric?: string
    criterionNo?: number
    passed?: boolean
    unitId?: string
    year?: number
  }
}

/** Trend series → the drill metric of its count at the end of a year. */
export const TREND_METRIC: Record<string, string> = {
  ntm: 'communes_ntm',
  nangCao: 'communes_ntm_advanced',
  kieuMau: 'communes_ntm_model',
  assessed: 'communes_assessed',
  communes: 'communes',
  avgCriteria: 'communes_assessed',
}
