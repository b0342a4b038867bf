// The code lists of the criteria sets and assessments, where their labels
// live in vi.json, and the texts built from them (requirements, the reason a
// level applies). The backend's Choices() gives the lists the editor offers;
// these are the fallback and the reference for the label test.
import type { Translator } from '../../api/error'
import { REGIONS } from '../../lib/codes'
import { formatNumber } from '../../lib/format'

export const SET_TARGETS = ['dat_chuan', 'nang_cao', 'kieu_mau', 'thon_dat_chuan', 'huyen_dat_chuan']
export const SET_DIMENSIONS = ['none', 'region', 'group']
export const INDICATOR_KINDS = ['dat', 'percent', 'number', 'text']
export const SET_COMPARATORS = ['>=', '>', '<=', '<', '=']
export const SET_SCOPES = [2, 3, 4]
export const SET_PHASES = ['2021-2025', '2026-2030']
export const COMMUNE_GROUP_KEYS = ['1', '2', '3']
export const KEY_REASONS = ['common', 'region', 'special', 'group', 'unknown']
export const ASSESSMENT_STATUSES = ['nhap', 'hoan_tat', 'mo_lai']
export const ASSESSMENT_ACTIONS = ['create', 'value', 'header', 'finalise', 'reopen', 'delete', 'restore', 'evidence_add', 'evidence_delete']
export const IMPORT_SET_ACTIONS = ['create', 'revision', 'identical', 'error']
export const CHANGE_KINDS = ['added', 'removed', 'changed']
export const PASS_FAIL = ['dat', 'khong_dat']

const COMPARATOR_SIGNS: Record<string, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '=': '=' }

/** ">=" → "≥". */
export function sign(c: string | null | undefined): string {
  return COMPARATOR_SIGNS[c ?? ''] ?? c ?? ''
}

/** vi.json keys of the labels, by list. */
export const criteriaLabelKey = {
  target: (c: string) => `criteria.target.${c}`,
  dimension: (c: string) => `criteria.dimension.${c}`,
  kind: (c: string) => `criteria.kind.${c}`,
  scope: (c: string | number) => `criteria.scope.${c}`,
  keyReason: (c: string) => `criteria.keyReason.${c}`,
  status: (c: string) => `assessment.status.${c}`,
  action: (c: string) => `assessment.action.${c}`,
  importAction: (c: string) => `criteria.import.action.${c}`,
  changeKind: (c: string) => `criteria.import.change.${c}`,
  passFail: (c: string) => `assessment.passFail.${c}`,
}
export type CriteriaList = keyof typeof criteriaLabelKey

/** The label of a code, or the code itself when vi.json has none. */
export function codeLabel(tr: Translator, list: CriteriaList, code: string | number | null | undefined): string {
  if (code === null || code === undefined || code === '') return ''
  const k = criteriaLabelKey[list](code as string)
  return tr.te(k) ? tr.t(k) : String(code)
}

/** The threshold keys a set's dimension uses: the seven regions, or groups 1–3. */
export function thresholdKeys(dimension: string, regions: string[] = REGIONS, groups: string[] = COMMUNE_GROUP_KEYS): string[] {
  if (dimension === 'region') return regions
  if (dimension === 'group') return groups
  return []
}

/** "Bắc Trung Bộ" for a region key, "Nhóm 2" for a group key. */
export function keyLabel(tr: Translator, dimension: string, key: string): string {
  if (!key) return ''
  if (dimension === 'group' || /^[123]$/.test(key)) return tr.t('locality.communeGroupValue', { group: key })
  const k = `locality.region.${key}`
  return tr.te(k) ? tr.t(k) : key
}

export interface RequirementLike {
  comparator?: string
  threshold?: number | null
  text?: string
  requirement?: string
}

/**
 * The level as text: the written requirement when there is one, else the
 * comparator and number ("≥ 80%"); "" when the level is not known.
 */
export function requirementText(r: RequirementLike | null | undefined, unit = ''): string {
  if (!r) return ''
  const text = (r.text ?? r.requirement ?? '').trim()
  if (text) return text
  if (r.threshold === null || r.threshold === undefined) return ''
  const u = unit === '%' ? '%' : unit ? ` ${unit}` : ''
  return `${sign(r.comparator || '>=')} ${formatNumber(r.threshold, 2)}${u}`
}

/** The short form of a level for a table cell: "≥80%", "Đạt", or the text. */
export function levelCell(r: RequirementLike | null | undefined, unit = ''): string {
  if (!r) return ''
  if (r.threshold !== null && r.threshold !== undefined) return `${sign(r.comparator || '>=')}${formatNumber(r.threshold, 2)}${unit === '%' ? '%' : ''}`
  return (r.text ?? r.requirement ?? '').trim()
}

export interface ReasonInput {
  key: string
  reason: string
  dimension: string
  /** A level for the key was found (else the common level applies). */
  specific?: boolean
}

/**
 * Why this level applies to the locality, e.g. "mức vùng Trung du và miền núi
 * phía Bắc (xã ĐBKK, ATK)" or "mức nhóm 2".
 */
export function keyReasonText(tr: Translator, r: ReasonInput): string {
  const place = keyLabel(tr, r.dimension, r.key)
  let text: string
  switch (r.reason) {
    case 'special':
      text = tr.t('criteria.reasonText.special', { place })
      break
    case 'region':
      text = tr.t('criteria.reasonText.region', { place })
      break
    case 'group':
      text = tr.t('criteria.reasonText.group', { place })
      break
    case 'unknown':
      text = tr.t(r.dimension === 'group' ? 'criteria.reasonText.unknownGroup' : 'criteria.reasonText.unknownRegion')
      break
    default:
      text = tr.t('criteria.reasonText.common')
  }
  if (r.key && r.specific === false && r.reason !== 'common' && r.reason !== 'unknown') text += ' ' + tr.t('criteria.reasonText.fallback')
  return text
}

/** Tag colours of assessment statuses. */
export const statusType: Record<string, 'default' | 'info' | 'success' | 'warning' | 'error'> = {
  nhap: 'warning',
  hoan_tat: 'success',
  mo_lai: 'info',
}

/** "Đạt 17/19 tiêu chí". */
export function totalsText(tr: Translator, met: number, total: number): string {
  return tr.t('assessment.totals', { met: formatNumber(met, 0), total: formatNumber(total, 0) })
}
