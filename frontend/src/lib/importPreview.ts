// The import preview dialog's view model: counts, row filters and the
// Vietnamese text of problems and repairs.
import type { ImportPreview, PreviewRow, Problem, Repair } from '../api/locality'
import type { Translator } from '../api/error'
import { labelKey } from './codes'

export interface CountItem {
  /** create | update | unchanged | error | repaired */
  key: string
  n: number
  type: 'success' | 'info' | 'default' | 'error' | 'warning'
}

/** The five counts shown above the table ("đã sửa mã" counts rows). */
export function previewCounts(p: ImportPreview): CountItem[] {
  const repairedRows = p.rows.filter((r) => r.repairs.length > 0).length
  return [
    { key: 'create', n: p.counts.create, type: 'success' },
    { key: 'update', n: p.counts.update, type: 'info' },
    { key: 'unchanged', n: p.counts.unchanged, type: 'default' },
    { key: 'error', n: p.counts.error, type: 'error' },
    { key: 'repaired', n: repairedRows, type: 'warning' },
  ]
}

export interface RowFilter {
  onlyErrors: boolean
  onlyRepaired: boolean
}

/** Rows kept by the two check boxes (both on: rows with an error or a repair). */
export function filterRows(rows: PreviewRow[], f: RowFilter): PreviewRow[] {
  if (!f.onlyErrors && !f.onlyRepaired) return rows
  return rows.filter((r) => (f.onlyErrors && (r.action === 'error' || r.problems.length > 0)) || (f.onlyRepaired && r.repairs.length > 0))
}

export const actionTagType: Record<string, CountItem['type']> = {
  create: 'success',
  update: 'info',
  unchanged: 'default',
  error: 'error',
}

/** One problem in Vietnamese, its column first when known. */
export function problemText(p: Problem, tr: Translator): string {
  const params = { ...(p.params ?? {}) }
  const text = tr.te(p.key) ? tr.t(p.key, params) : tr.t('locality.import.problemUnknown')
  return p.column ? tr.t('locality.import.inColumn', { column: p.column, text }) : text
}

/** "đã sửa mã TCVN3: «Qu¶ng B×nh» → «Quảng Bình»". */
export function repairText(r: Repair, tr: Translator): string {
  const k = labelKey.repairKind(r.how)
  const how = tr.te(k) ? tr.t(k) : tr.t('locality.import.repairOther', { how: r.how })
  return tr.t('locality.import.repairText', { how, from: r.from, to: r.to })
}
