import * as L from '../../wailsjs/go/app/Localities'
import { locality } from '../../wailsjs/go/models'
import { call } from './error'
import type { PageOf, Plain } from './types'

export type Locality = Plain<locality.Locality>
/** A locality in a list: with its parent's name and its current NTM level. */
export type LocalityRow = Plain<locality.Row>
export type LocalityQuery = Plain<locality.Query>
export type LocalityRef = Plain<locality.Ref>
export type NTMStatus = Plain<locality.NTMStatus>
export type LineageRef = Plain<locality.LineageRef>
export type LocalityDetail = Plain<locality.Detail>
export type Lineage = Plain<locality.Lineage>
export type Problem = Plain<locality.Problem>
export type Repair = Plain<locality.Repair>
export type PreviewRow = Plain<locality.PreviewRow>
export type ImportCounts = Plain<locality.ImportCounts>
export type ImportPreview = Plain<locality.ImportPreview>
export type ImportResult = Plain<locality.ImportResult>

/** What the locality form edits (an empty id creates). */
export type LocalityInput = Pick<
  Locality,
  | 'code'
  | 'name'
  | 'kind'
  | 'validFrom'
  | 'validTo'
  | 'specialDifficulty'
  | 'border'
  | 'mountain'
  | 'coastalLowland'
  | 'island'
  | 'safeZone'
  | 'ethnicArea'
  | 'region'
  | 'communeGroup'
  | 'note'
> & { id: string; version: number; parentId?: string | null; sample?: boolean }

export type NTMStatusInput = Pick<NTMStatus, 'localityId' | 'level' | 'year' | 'decisionNumber' | 'decisionDate' | 'decisionIssuer' | 'note'> & {
  id: string
  version: number
}

export type LineageInput = Pick<Lineage, 'predecessorId' | 'successorId' | 'effectiveDate' | 'resolution' | 'note'> & { id: string; version: number }

// Only the editable fields travel back: the time stamps would not parse if empty.
const clean = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T

const arr = <T>(a: T[] | null | undefined): T[] => (Array.isArray(a) ? a : [])

/** Go's nil slices arrive as null: give the screens arrays. */
export function normaliseDetail(d: LocalityDetail): LocalityDetail {
  return {
    ...d,
    path: arr(d.path),
    statuses: arr(d.statuses),
    current: d.current ?? undefined,
    predecessors: arr(d.predecessors),
    successors: arr(d.successors),
  }
}

export function normalisePreview(p: ImportPreview): ImportPreview {
  const counts = p.counts ?? { create: 0, update: 0, unchanged: 0, error: 0 }
  return {
    ...p,
    counts: { create: counts.create ?? 0, update: counts.update ?? 0, unchanged: counts.unchanged ?? 0, error: counts.error ?? 0 },
    repairs: p.repairs ?? 0,
    canCommit: !!p.canCommit,
    fileProblems: arr(p.fileProblems),
    rows: arr(p.rows).map((r) => ({ ...r, problems: arr(r.problems), repairs: arr(r.repairs) })),
  }
}

function page<T>(p: PageOf<T>): PageOf<T> {
  return { ...p, items: arr(p.items) }
}

export const listLocalities = (q: LocalityQuery): Promise<PageOf<LocalityRow>> => call(() => L.List(locality.Query.createFrom(q))).then((p): PageOf<LocalityRow> => page(p))
/** The children of a locality ("" gives the roots), for the lazy tree. */
export const localityChildren = (parentId: string): Promise<LocalityRow[]> => call(() => L.Children(parentId)).then((a): LocalityRow[] => arr(a))
export const getLocality = (id: string): Promise<LocalityDetail> => call(() => L.Get(id)).then(normaliseDetail)
export const saveLocality = (l: LocalityInput): Promise<Locality> => call(() => L.Save(locality.Locality.createFrom(clean(l))))
export const deleteLocality = (id: string): Promise<void> => call(() => L.Delete(id))
export const restoreLocality = (id: string): Promise<void> => call(() => L.Restore(id))
export const saveStatus = (s: NTMStatusInput): Promise<NTMStatus> => call(() => L.SaveStatus(locality.NTMStatus.createFrom(clean(s))))
export const deleteStatus = (id: string): Promise<void> => call(() => L.DeleteStatus(id))
export const saveLineage = (l: LineageInput): Promise<Lineage> => call(() => L.SaveLineage(locality.Lineage.createFrom(clean(l))))
export const deleteLineage = (id: string): Promise<void> => call(() => L.DeleteLineage(id))
/** Opens the native file dialog; "" means the user cancelled. */
export const pickImportFile = (): Promise<string> => call(() => L.PickImportFile())
export const previewImport = (path: string): Promise<ImportPreview> => call(() => L.PreviewImport(path)).then(normalisePreview)
export const commitImport = (path: string, sha256: string): Promise<ImportResult> => call(() => L.CommitImport(path, sha256))
/** Save dialog for the villages template; "" means the user cancelled. */
export const saveVillageTemplate = (): Promise<string> => call(() => L.SaveVillageTemplate())

/** A query with nothing filtered, for pickers and counts. */
export function localityQuery(over: Partial<LocalityQuery> = {}): LocalityQuery {
  return {
    search: '',
    sortBy: '',
    desc: false,
    page: 1,
    pageSize: 20,
    deleted: false,
    parentId: '',
    kind: '',
    level: 0,
    flag: '',
    ntmLevel: '',
    validity: '',
    ...over,
  }
}
