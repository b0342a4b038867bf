import * as C from '../../wailsjs/go/app/Criteria'
import { criteria } from '../../wailsjs/go/models'
import { call } from './error'
import type { PageOf, Plain } from './types'

export type CriteriaSet = Plain<criteria.Set>
export type Amendment = Plain<criteria.Amendment>
export type Condition = Plain<criteria.Condition>
export type Criterion = Plain<criteria.Criterion>
export type Indicator = Plain<criteria.Indicator>
export type Threshold = Plain<criteria.Threshold>
export type Requirement = Plain<criteria.Requirement>
export type SetRow = Plain<criteria.SetRow>
export type SetQuery = Plain<criteria.Query>
export type SaveResult = Plain<criteria.SaveResult>
export type SetProblem = Plain<criteria.Problem>
export type SetChange = Plain<criteria.Change>
export type SetImportCounts = Plain<criteria.ImportCounts>
export type SetImportPreview = Plain<criteria.ImportPreview>
export type SetImportResult = Plain<criteria.ImportResult>
export type CriteriaChoices = Plain<criteria.Choices>

const arr = <T>(a: T[] | null | undefined): T[] => (Array.isArray(a) ? a : [])

/** Go's nil slices arrive as null: give the screens arrays all the way down. */
export function normaliseSet(s: CriteriaSet): CriteriaSet {
  return {
    ...s,
    amendments: arr(s.amendments),
    conditions: arr(s.conditions),
    criteria: arr(s.criteria).map((c) => ({
      ...c,
      indicators: arr(c.indicators).map((i) => ({ ...i, thresholds: arr(i.thresholds) })),
    })),
  } as CriteriaSet
}

export function normalisePreview(p: SetImportPreview): SetImportPreview {
  const counts = p.counts ?? ({} as SetImportCounts)
  return {
    ...p,
    canCommit: !!p.canCommit,
    changes: arr(p.changes),
    problems: arr(p.problems),
    counts: {
      criteria: counts.criteria ?? 0,
      indicators: counts.indicators ?? 0,
      thresholds: counts.thresholds ?? 0,
      conditions: counts.conditions ?? 0,
      amendments: counts.amendments ?? 0,
      unconfirmed: counts.unconfirmed ?? 0,
    },
    set: p.set ? normaliseSet(p.set) : p.set,
  }
}

export function normaliseChoices(c: Partial<CriteriaChoices> | null | undefined): CriteriaChoices {
  return {
    targets: arr(c?.targets),
    dimensions: arr(c?.dimensions),
    kinds: arr(c?.kinds),
    comparators: arr(c?.comparators),
    regions: arr(c?.regions),
    groups: arr(c?.groups),
    scopes: arr(c?.scopes),
    phases: arr(c?.phases),
  }
}

// What travels back to Save: the editable fields of the set and its children,
// without time stamps (they would not parse when empty) or null pointers.
function stripBase<T extends object>(o: T): T {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(o)) {
    if (k === 'createdAt' || k === 'updatedAt' || k === 'deletedAt') continue
    if (v === undefined || v === null) continue
    out[k] = v
  }
  return out as T
}

/** The set as Save takes it: children in their display order, sort orders renumbered. */
export function toSaveInput(s: CriteriaSet): CriteriaSet {
  const num = (x: number | null | undefined) => (x === null || x === undefined || Number.isNaN(x) ? undefined : x)
  return stripBase({
    ...s,
    amendments: arr(s.amendments).map((a, i) => stripBase({ ...a, sortOrder: i + 1 })),
    conditions: arr(s.conditions).map((c) => stripBase({ ...c })),
    criteria: arr(s.criteria).map((c, ci) =>
      stripBase({
        ...c,
        sortOrder: ci + 1,
        indicators: arr(c.indicators).map((ind, ii) =>
          stripBase({
            ...ind,
            sortOrder: ii + 1,
            threshold: num(ind.threshold),
            thresholds: arr(ind.thresholds).map((t) => stripBase({ ...t, threshold: num(t.threshold) })),
          }),
        ),
      }),
    ),
  } as CriteriaSet)
}

/** A list query with nothing filtered. */
export function setQuery(over: Partial<SetQuery> = {}): SetQuery {
  return { search: '', sortBy: '', desc: false, page: 1, pageSize: 100, deleted: false, phase: '', target: '', current: 'yes', ...over }
}

export const listSets = (q: SetQuery): Promise<PageOf<SetRow>> =>
  call(() => C.List(criteria.Query.createFrom(q))).then((p): PageOf<SetRow> => ({ ...p, total: Number(p.total ?? 0), items: arr(p.items) }))
export const getSet = (id: string): Promise<CriteriaSet> => call(() => C.Get(id)).then(normaliseSet)
export const getCurrentSet = (code: string): Promise<CriteriaSet> => call(() => C.GetCurrent(code)).then(normaliseSet)
export const setRevisions = (code: string): Promise<SetRow[]> => call(() => C.Revisions(code)).then((a): SetRow[] => arr(a))
export const saveSet = (s: CriteriaSet): Promise<SaveResult> =>
  call(() => C.Save(criteria.Set.createFrom(toSaveInput(s)))).then((r) => ({ ...r, newRevision: !!r.newRevision, set: normaliseSet(r.set) }))
export const deleteSet = (id: string): Promise<void> => call(() => C.Delete(id))
export const restoreSet = (id: string): Promise<void> => call(() => C.Restore(id))
/** Opens the native file dialog; "" means the user cancelled. */
export const pickSetFile = (): Promise<string> => call(() => C.PickImportFile())
export const previewSetImport = (path: string): Promise<SetImportPreview> => call(() => C.PreviewImport(path)).then(normalisePreview)
export const commitSetImport = (path: string, sha256: string): Promise<SetImportResult> => call(() => C.CommitImport(path, sha256))
/** Save dialog, then writes the .xlsx template of the set; "" means cancelled. */
export const exportSet = (setId: string): Promise<string> => call(() => C.Export(setId))
export const criteriaChoices = (): Promise<CriteriaChoices> => call(() => C.Choices()).then(normaliseChoices)

/** Counts of a set's items not checked against the official text (for the detail screen). */
export function unconfirmedCount(s: CriteriaSet): number {
  let n = s.confirmed ? 0 : 1
  for (const a of s.amendments) if (!a.confirmed) n++
  for (const c of s.conditions) if (!c.confirmed) n++
  for (const c of s.criteria) {
    if (!c.confirmed) n++
    for (const i of c.indicators) {
      if (!i.confirmed) n++
      for (const t of i.thresholds) if (!t.confirmed) n++
    }
  }
  return n
}
