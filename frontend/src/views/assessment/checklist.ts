// The checklist's pure logic: what the user typed for one indicator (an
// "entry"), what is sent for it, the checks made before sending, how values
// read in the previous-value column, and the keyboard commands.
import type { AssessmentValue, PrevValue, ValueInput } from '../../api/assessment'
import type { Translator } from '../../api/error'
import { formatNumber, parseVNNumber } from '../../lib/format'

/** What the user typed for one indicator. numText is the number as typed ("85,5"). */
export interface Entry {
  value: string
  numText: string
  /** null: the computed result stands; true/false: the assessor's decision. */
  override: boolean | null
  overrideReason: string
  note: string
}

export const MIN_REASON = 5

export const isNumeric = (kind: string) => kind === 'percent' || kind === 'number'

/** The entry shown for a stored value. */
export function entryFrom(v: Partial<AssessmentValue> | null | undefined, kind: string): Entry {
  return {
    value: isNumeric(kind) ? '' : (v?.value ?? ''),
    numText: isNumeric(kind) && v?.number !== null && v?.number !== undefined ? formatNumber(v.number, 4) : '',
    override: v?.override ?? null,
    overrideReason: v?.overrideReason ?? '',
    note: v?.note ?? '',
  }
}

/**
 * The problem with an entry that keeps it from being sent (a vi.json key),
 * or '' when it can be saved.
 */
export function entryProblem(e: Entry, kind: string): string {
  if (isNumeric(kind) && e.numText.trim() !== '') {
    const n = parseVNNumber(e.numText)
    if (n === null) return 'assessment.check.badNumber'
    if (kind === 'percent' && (n < 0 || n > 100)) return 'assessment.check.percentRange'
  }
  if (e.override !== null && e.overrideReason.trim().length < MIN_REASON) return 'assessment.check.reasonShort'
  return ''
}

/** The full state of the entry as SaveValue takes it. */
export function toValueInput(assessmentId: string, indicatorId: string, e: Entry, kind: string): ValueInput {
  const numeric = isNumeric(kind)
  const n = numeric ? parseVNNumber(e.numText) : null
  const input: ValueInput = {
    assessmentId,
    indicatorId,
    value: numeric ? '' : kind === 'text' ? e.value.trim() : e.value,
    override: e.override ?? undefined,
    overrideReason: e.override === null ? '' : e.overrideReason.trim(),
    note: e.note.trim(),
    actor: '',
  } as ValueInput
  if (n !== null) input.number = n
  return input
}

/** True when the entry holds nothing at all. */
export function isEmptyEntry(e: Entry): boolean {
  return !e.value && !e.numText.trim() && e.override === null && !e.note.trim()
}

/** A value as the previous-value column shows it: "Đạt", "85,5%", the text. */
export function valueText(kind: string, value: string | undefined, num: number | null | undefined, unit: string, tr: Translator): string {
  if (isNumeric(kind)) {
    if (num === null || num === undefined) return ''
    const u = kind === 'percent' || unit === '%' ? '%' : unit ? ` ${unit}` : ''
    return `${formatNumber(num, 2)}${u}`
  }
  if (kind === 'dat') {
    if (value === 'dat') return tr.t('assessment.passFail.dat')
    if (value === 'khong_dat') return tr.t('assessment.passFail.khong_dat')
    return ''
  }
  return value ?? ''
}

/** True when the current entry differs from the previous assessment's value. */
export function differsFromPrevious(kind: string, e: Entry, prev: PrevValue | null | undefined): boolean {
  if (!prev) return false
  if (isNumeric(kind)) {
    const n = parseVNNumber(e.numText)
    const p = prev.number ?? null
    return n !== p
  }
  return (e.value ?? '').trim() !== (prev.value ?? '').trim()
}

export type MetState = 'met' | 'notMet' | 'undecided'

export function metState(met: boolean | null | undefined): MetState {
  if (met === true) return 'met'
  if (met === false) return 'notMet'
  return 'undecided'
}

export type KeyCommand = 'next' | 'prev' | 'nextCriterion' | 'prevCriterion' | 'dat' | 'khong_dat' | 'clear'

export interface KeyLike {
  key: string
  altKey?: boolean
  ctrlKey?: boolean
  metaKey?: boolean
  shiftKey?: boolean
}

/**
 * The checklist command of a key press: Alt+↓/↑ next/previous criterion,
 * Enter (Shift+Enter) next (previous) input, and on a pass/fail control
 * D / K / Delete to set Đạt / Không đạt / nothing. Typing in a text box is
 * left alone (only Enter and Alt+arrows act there; never in a text area).
 */
export function keyCommand(e: KeyLike, where: { passFail: boolean; textarea: boolean }): KeyCommand | null {
  if (e.ctrlKey || e.metaKey) return null
  if (e.altKey) {
    if (e.key === 'ArrowDown') return 'nextCriterion'
    if (e.key === 'ArrowUp') return 'prevCriterion'
    return null
  }
  if (e.key === 'Enter') {
    if (where.textarea) return null
    return e.shiftKey ? 'prev' : 'next'
  }
  if (!where.passFail || e.shiftKey) return null
  switch (e.key) {
    case 'd':
    case 'D':
    case 'đ':
    case 'Đ':
      return 'dat'
    case 'k':
    case 'K':
      return 'khong_dat'
    case 'Delete':
    case 'Backspace':
      return 'clear'
  }
  return null
}

/** The index to move to from i among n inputs (stays put at the ends). */
export function step(n: number, i: number, by: 1 | -1): number {
  if (n <= 0) return -1
  if (i < 0) return by > 0 ? 0 : n - 1
  return Math.min(n - 1, Math.max(0, i + by))
}

/** The first input of the next (or previous) criterion section, given each input's section. */
export function criterionJump(sections: number[], i: number, by: 1 | -1): number {
  if (!sections.length) return -1
  const cur = i >= 0 && i < sections.length ? sections[i] : by > 0 ? -Infinity : Infinity
  if (by > 0) {
    const j = sections.findIndex((s) => s > cur)
    return j === -1 ? i : j
  }
  // Previous: the first input of the section before the current one; from
  // the middle of a section, its own first input first.
  const first = sections.findIndex((s) => s === cur)
  if (first !== -1 && first < i) return first
  let prev = -1
  for (let k = 0; k < sections.length; k++) if (sections[k] < cur) prev = sections[k]
  if (prev === -1) return i
  return sections.findIndex((s) => s === prev)
}

/** "08:30:15". */
export function clock(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`
}

/** A history value as text: booleans and pass/fail codes in Vietnamese. */
export function historyValue(field: string, v: string, tr: Translator): string {
  if (v === '') return '—'
  if (field === 'override' || field === 'met' || field === 'computed') {
    if (v === 'true') return tr.t('assessment.passFail.dat')
    if (v === 'false') return tr.t('assessment.passFail.khong_dat')
  }
  if (field === 'value' && v === 'dat') return tr.t('assessment.passFail.dat')
  if (field === 'value' && v === 'khong_dat') return tr.t('assessment.passFail.khong_dat')
  if (field === 'number') {
    const n = Number(v)
    if (Number.isFinite(n)) return formatNumber(n, 4)
  }
  if (field === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return `${v.slice(8, 10)}/${v.slice(5, 7)}/${v.slice(0, 4)}`
  return v
}
