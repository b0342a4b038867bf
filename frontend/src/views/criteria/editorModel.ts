// The criteria set editor's model: blank items, the per-key levels of an
// indicator, and the clean-up before saving (levels left empty are dropped,
// numbers and codes follow the order on screen).
import type { Amendment, Condition, CriteriaSet, Criterion, Indicator, Threshold } from '../../api/criteria'

export function blankSet(): CriteriaSet {
  return {
    id: '',
    version: 0,
    agencyId: '',
    code: '',
    revision: 0,
    current: true,
    name: '',
    target: 'dat_chuan',
    scope: 3,
    phase: '',
    dimension: 'none',
    specialRule: false,
    specialRuleText: '',
    decisionNumber: '',
    decisionDate: '',
    decisionIssuer: '',
    decisionSigner: '',
    appendix: '',
    validFrom: '',
    validTo: '',
    confirmed: false,
    sources: '',
    note: '',
    sample: false,
    amendments: [],
    conditions: [],
    criteria: [],
  } as unknown as CriteriaSet
}

export function blankAmendment(): Amendment {
  return { id: '', version: 0, setId: '', number: '', date: '', issuer: '', note: '', confirmed: false, sources: '', sortOrder: 0 } as unknown as Amendment
}

export function blankCondition(no: number): Condition {
  return { id: '', version: 0, setId: '', no, text: '', provinceDefined: false, confirmed: false, sources: '' } as unknown as Condition
}

export function blankCriterion(no: number): Criterion {
  return { id: '', version: 0, setId: '', no, name: '', group: '', confirmed: false, sources: '', sortOrder: 0, indicators: [] } as unknown as Criterion
}

export function blankIndicator(code: string): Indicator {
  return {
    id: '',
    version: 0,
    setId: '',
    criterionId: '',
    code,
    name: '',
    kind: 'dat',
    comparator: '',
    requirement: '',
    unit: '',
    sector: '',
    confirmed: false,
    sources: '',
    sortOrder: 0,
    thresholds: [],
  } as unknown as Indicator
}

/** The next free criterion number (one more than the largest). */
export function nextCriterionNo(s: Pick<CriteriaSet, 'criteria'>): number {
  return s.criteria.reduce((m, c) => Math.max(m, c.no || 0), 0) + 1
}

/** The next indicator code of a criterion: "17.3" after "17.1", "17.2". */
export function nextIndicatorCode(c: Pick<Criterion, 'no' | 'indicators'>): string {
  let max = 0
  for (const i of c.indicators) {
    const m = /^(\d+)\.(\d+)$/.exec(i.code.trim())
    if (m && Number(m[1]) === c.no) max = Math.max(max, Number(m[2]))
  }
  return `${c.no}.${max + 1}`
}

/** The indicator's level for a key, if it has one. */
export function findThreshold(ind: Pick<Indicator, 'thresholds'>, key: string): Threshold | undefined {
  return ind.thresholds.find((t) => t.key === key)
}

/** Sets part of the level for a key, creating the row when needed. */
export function patchThreshold(ind: Pick<Indicator, 'thresholds' | 'comparator'>, key: string, patch: Partial<Threshold>): Threshold {
  let t = findThreshold(ind, key)
  if (!t) {
    t = { id: '', version: 0, indicatorId: '', key, comparator: '', requirement: '', confirmed: false } as unknown as Threshold
    ind.thresholds.push(t)
  }
  Object.assign(t, patch)
  return t
}

const hasLevel = (t: Pick<Threshold, 'threshold' | 'requirement'>) => (t.threshold !== undefined && t.threshold !== null && !Number.isNaN(t.threshold)) || !!t.requirement?.trim()

/**
 * The set as it is saved: levels without a number or a text dropped, levels
 * of keys the dimension does not use dropped, a pass/fail or text
 * indicator without a numeric level; the input is left as it is.
 */
export function prepareForSave(s: CriteriaSet, keys: string[]): CriteriaSet {
  const copy = JSON.parse(JSON.stringify(s)) as CriteriaSet
  for (const c of copy.criteria) {
    c.name = c.name.trim()
    for (const i of c.indicators) {
      i.code = i.code.trim()
      i.name = i.name.trim()
      if (i.kind === 'dat' || i.kind === 'text') {
        delete (i as { threshold?: number }).threshold
        i.comparator = ''
      }
      i.thresholds = i.thresholds.filter((t) => keys.includes(t.key) && hasLevel(t))
    }
  }
  copy.conditions = copy.conditions.filter((c) => c.text.trim() !== '')
  copy.amendments = copy.amendments.filter((a) => a.number.trim() !== '' || a.note.trim() !== '')
  return copy
}
