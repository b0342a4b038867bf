// Vietnamese display formats: dd/mm/yyyy dates and 1.234,5 numbers. Written
// out by hand so the result does not depend on the web view's ICU data.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** "2025-01-05" → "05/01/2025"; anything else → "" (or the text as is). */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return ''
  const m = ISO_DATE.exec(iso.slice(0, 10))
  if (!m) return iso
  return `${m[3]}/${m[2]}/${m[1]}`
}

const pad = (n: number) => String(n).padStart(2, '0')

/** A time stamp (RFC 3339) → "05/01/2025 14:03" in local time. */
export function formatDateTime(ts: string | null | undefined): string {
  if (!ts) return ''
  const d = new Date(ts)
  if (Number.isNaN(d.getTime())) return ''
  return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/** Today as "YYYY-MM-DD" in local time. */
export function todayISO(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

/** 1234.5 → "1.234,5"; at most maxFraction decimals, trailing zeros dropped. */
export function formatNumber(n: number | null | undefined, maxFraction = 2): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return ''
  const neg = n < 0
  const fixed = Math.abs(n).toFixed(maxFraction)
  let [int, frac = ''] = fixed.split('.')
  frac = frac.replace(/0+$/, '')
  int = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.')
  const out = frac ? `${int},${frac}` : int
  return neg && out !== '0' ? `-${out}` : out
}

/** A file size: 1536 → "1,5 KB". */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${formatNumber(bytes, 0)} B`
  if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024, 1)} KB`
  return `${formatNumber(bytes / (1024 * 1024), 1)} MB`
}

/** A period of years: "2021–2025". */
export function formatPeriod(from: number, to: number): string {
  if (!from && !to) return ''
  if (from === to) return String(from)
  return `${from}–${to}`
}

export type MilestoneStatus = 'done' | 'overdue' | 'upcoming' | 'undated'

/**
 * A milestone is done once it has a done date; otherwise it is overdue when
 * its due date is before today, upcoming when it is today or later.
 */
export function milestoneStatus(m: { dueDate?: string; doneDate?: string }, today: string): MilestoneStatus {
  if (m.doneDate) return 'done'
  if (!m.dueDate) return 'undated'
  return m.dueDate < today ? 'overdue' : 'upcoming'
}

const COMPARATOR_SIGNS: Record<string, string> = { '>=': '≥', '<=': '≤', '=': '=' }

/** ">=" → "≥". */
export function comparatorSign(c: string): string {
  return COMPARATOR_SIGNS[c] ?? c
}

/** An amount in đồng: 1234567 → "1.234.567 đ" ("" for null). */
export function formatMoney(n: number | null | undefined): string {
  const s = formatNumber(n, 0)
  return s ? `${s} đ` : ''
}

/** Workdays with at most two decimals: 1.5 → "1,5". */
export function formatWorkdays(n: number | null | undefined): string {
  return formatNumber(n, 2)
}

/** The first characters of a SHA-256, for showing: "3f9a2c1b…". */
export function shortHash(sha: string | null | undefined, n = 12): string {
  if (!sha) return ''
  return sha.length > n ? `${sha.slice(0, n)}…` : sha
}

/** Reads a number typed the Vietnamese way ("1.234.567", "1,5"); null when empty or not a number. */
export function parseVNNumber(text: string | null | undefined): number | null {
  const s = (text ?? '').replace(/\s|đ/g, '')
  if (!s) return null
  if (!/^-?[0-9.]*(,[0-9]*)?$/.test(s)) return null
  const n = Number(s.replace(/\./g, '').replace(',', '.'))
  return Number.isFinite(n) ? n : null
}
