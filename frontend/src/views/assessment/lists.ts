// Small pure helpers of the assessment screens: the set a new assessment
// starts with, the years offered by the filters, the matrix cells.

export interface SetLike {
  id: string
  code: string
  target: string
  scope: number
  phase: string
  current: boolean
  criteriaCount?: number
}

/** "2021-2025" → [2021, 2025]; null when the phase is not a period. */
export function phaseYears(phase: string): [number, number] | null {
  const m = /^(\d{4})\s*[-–]\s*(\d{4})$/.exec(phase.trim())
  if (!m) return null
  return [Number(m[1]), Number(m[2])]
}

/**
 * The set a new assessment starts with: the current commune set (xã đạt
 * chuẩn NTM) whose phase holds the year, else the current commune set of
 * the latest phase, else the first set with criteria.
 */
export function defaultSetFor<T extends SetLike>(sets: T[], year: number): T | null {
  const usable = sets.filter((s) => s.current && (s.criteriaCount ?? 1) > 0)
  const communes = usable.filter((s) => s.target === 'dat_chuan' && s.scope === 3)
  const inPhase = communes.find((s) => {
    const p = phaseYears(s.phase)
    return !!p && p[0] <= year && year <= p[1]
  })
  if (inPhase) return inPhase
  const latest = [...communes].sort((a, b) => (phaseYears(b.phase)?.[0] ?? 0) - (phaseYears(a.phase)?.[0] ?? 0))[0]
  return latest ?? usable[0] ?? null
}

/** The years the filters offer, newest first: from `from` to this year + 1. */
export function yearChoices(now: number, from = 2021): number[] {
  const out: number[] = []
  for (let y = Math.max(now + 1, from); y >= from; y--) out.push(y)
  return out
}

export type CellState = 'met' | 'notMet' | 'none'

/** A matrix or timeline cell: 1 met, 0 not met, anything else no data. */
export function cellState(v: number | null | undefined): CellState {
  if (v === 1) return 'met'
  if (v === 0) return 'notMet'
  return 'none'
}

/** Unique set codes, in the order first seen. */
export function uniqueCodes(sets: { code: string }[]): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const s of sets) {
    if (!seen.has(s.code)) {
      seen.add(s.code)
      out.push(s.code)
    }
  }
  return out
}
