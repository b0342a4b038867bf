// Vietnamese texts of the criteria set import preview: one problem of the
// file, one difference from the current revision.
import type { Translator } from '../../api/error'
import { codeLabel } from './codes'

export interface ProblemLike {
  key: string
  params?: Record<string, unknown>
  sheet?: string
  line?: number
  column?: string
}

/** The problem in Vietnamese (the sheet, line and column are shown beside it). */
export function importProblemText(p: ProblemLike, tr: Translator): string {
  if (!p.key || !tr.te(p.key)) return tr.t('criteria.import.problemUnknown')
  return tr.t(p.key, { ...(p.params ?? {}) })
}

const SET_FIELDS: Record<string, string> = {
  name: 'criteria.name',
  code: 'criteria.code',
  target: 'criteria.targetLabel',
  scope: 'criteria.scopeLabel',
  phase: 'criteria.phase',
  dimension: 'criteria.dimensionLabel',
  specialRule: 'criteria.specialRule',
  specialRuleText: 'criteria.specialRuleText',
  decisionNumber: 'criteria.decisionNumber',
  decisionDate: 'criteria.decisionDate',
  decisionIssuer: 'criteria.decisionIssuer',
  decisionSigner: 'criteria.decisionSigner',
  appendix: 'criteria.appendix',
  validFrom: 'criteria.validFrom',
  validTo: 'criteria.validTo',
  confirmed: 'criteria.confirmedLabel',
  sources: 'criteria.sources',
  note: 'common.note',
}

/**
 * "Tiêu chí 3: Thêm" for a change {what: "criterion", key: "3", kind:
 * "added"}; what is set (key = the field), amendment, condition, criterion,
 * indicator or threshold. An unknown kind of item shows the backend's label.
 */
export function changeText(c: { what: string; key: string; label?: string; kind: string }, tr: Translator): string {
  const kind = codeLabel(tr, 'changeKind', c.kind)
  const id = c.key
  let what: string
  switch (c.what) {
    case 'set': {
      const k = SET_FIELDS[id]
      what = tr.t('criteria.import.item.set', { field: k ? tr.t(k) : id })
      break
    }
    case 'criterion':
      what = tr.t('criteria.import.item.criterion', { id })
      break
    case 'indicator':
      what = tr.t('criteria.import.item.indicator', { id })
      break
    case 'condition':
      what = tr.t('criteria.import.item.condition', { id })
      break
    case 'amendment':
      what = tr.t('criteria.import.item.amendment', { id })
      break
    case 'threshold':
      what = tr.t('criteria.import.item.threshold', { id })
      break
    default:
      what = c.label || [c.what, id].filter(Boolean).join(' ')
  }
  return `${what}: ${kind}`
}
