import * as A from '../../wailsjs/go/app/Assessments'
import * as S from '../../wailsjs/go/app/System'
import { EventsOn } from '../../wailsjs/runtime/runtime'
import { assessment, attach } from '../../wailsjs/go/models'
import { call, toAppError } from './error'
import type { PageOf, Plain } from './types'

export type Assessment = Plain<assessment.Assessment>
export type AssessmentValue = Plain<assessment.Value>
export type AssessmentRow = Plain<assessment.Row>
export type AssessmentQuery = Plain<assessment.Query>
export type NewAssessment = Plain<assessment.NewInput>
export type Checklist = Plain<assessment.Checklist>
export type CheckCriterion = Plain<assessment.CheckCriterion>
export type CheckItem = Plain<assessment.CheckItem>
export type PrevValue = Plain<assessment.PrevValue>
export type ValueInput = Plain<assessment.ValueInput>
export type ValueResult = Plain<assessment.ValueResult>
export type Totals = Plain<assessment.Totals>
export type EventRow = Plain<assessment.EventRow>
export type Timeline = Plain<assessment.Timeline>
export type TimelineYear = Plain<assessment.TimelineYear>
export type MatrixQuery = Plain<assessment.MatrixQuery>
export type Matrix = Plain<assessment.Matrix>
export type MatrixRow = Plain<assessment.MatrixRow>
export type Evidence = Plain<attach.Attachment>

const arr = <T>(a: T[] | null | undefined): T[] => (Array.isArray(a) ? a : [])

/** Go's nil slices arrive as null: give the screens arrays all the way down. */
export function normaliseChecklist(c: Checklist): Checklist {
  return {
    ...c,
    editable: !!c.editable,
    criteria: arr(c.criteria).map((cr) => ({
      ...cr,
      indicators: arr(cr.indicators).map((i) => ({ ...i, evidence: arr(i.evidence), value: i.value ?? ({} as AssessmentValue) })),
    })),
  }
}

export function normaliseTimeline(t: Timeline): Timeline {
  return { ...t, setCodes: arr(t.setCodes), criteria: arr(t.criteria), years: arr(t.years).map((y) => ({ ...y, met: arr(y.met) })) }
}

export function normaliseMatrix(m: Matrix): Matrix {
  return { ...m, total: Number(m.total ?? 0), criteria: arr(m.criteria), rows: arr(m.rows).map((r) => ({ ...r, met: arr(r.met) })) }
}

/** A list query with nothing filtered. */
export function assessmentQuery(over: Partial<AssessmentQuery> = {}): AssessmentQuery {
  return { search: '', sortBy: '', desc: false, page: 1, pageSize: 20, deleted: false, localityId: '', setCode: '', setId: '', year: 0, status: '', parentId: '', ...over }
}

/** A matrix query with nothing filtered. */
export function matrixQuery(over: Partial<MatrixQuery> = {}): MatrixQuery {
  return { setCode: '', year: 0, parentId: '', unitId: '', search: '', onlyNotMet: 0, assessed: '', sortBy: 'name', desc: false, page: 1, pageSize: 50, ...over }
}

/**
 * True when a failed save will fail again the same way until the user
 * changes something (a validation error, a finalised assessment): the
 * autosave holds such a value instead of retrying it.
 */
export function isRefusal(e: unknown): boolean {
  const err = toAppError(e)
  return err.isValidation || err.key.startsWith('errors.assessment.') || err.key === 'errors.notFound'
}

// Only the editable fields travel back: the time stamps would not parse if empty.
const clean = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([k, v]) => v !== undefined && v !== null && k !== 'createdAt' && k !== 'updatedAt' && k !== 'deletedAt' && k !== 'finalisedAt')) as T

export const listAssessments = (q: AssessmentQuery): Promise<PageOf<AssessmentRow>> =>
  call(() => A.List(assessment.Query.createFrom(q))).then((p): PageOf<AssessmentRow> => ({ ...p, total: Number(p.total ?? 0), items: arr(p.items) }))
export const createAssessment = (n: NewAssessment): Promise<Assessment> => call(() => A.Create(assessment.NewInput.createFrom(clean(n))))
export const getChecklist = (id: string): Promise<Checklist> => call(() => A.Checklist(id)).then(normaliseChecklist)
export const saveValue = (v: ValueInput): Promise<ValueResult> => call(() => A.SaveValue(assessment.ValueInput.createFrom(clean(v))))
export const saveHeader = (a: Assessment): Promise<Assessment> => call(() => A.SaveHeader(assessment.Assessment.createFrom(clean(a))))
export const finaliseAssessment = (id: string, version: number): Promise<Assessment> => call(() => A.Finalise(id, version))
export const reopenAssessment = (id: string, version: number, reason: string): Promise<Assessment> => call(() => A.Reopen(id, version, reason))
export const deleteAssessment = (id: string): Promise<void> => call(() => A.Delete(id))
export const restoreAssessment = (id: string): Promise<void> => call(() => A.Restore(id))
export const assessmentHistory = (id: string): Promise<EventRow[]> => call(() => A.History(id)).then((a): EventRow[] => arr(a))
export const getTimeline = (localityId: string, setCode: string): Promise<Timeline> => call(() => A.Timeline(localityId, setCode)).then(normaliseTimeline)
export const getMatrix = (q: MatrixQuery): Promise<Matrix> => call(() => A.Matrix(assessment.MatrixQuery.createFrom(q))).then(normaliseMatrix)
/** Opens the file dialog and attaches the file to the indicator's value; null when cancelled. */
export const addEvidence = (assessmentId: string, indicatorId: string): Promise<Evidence | null> =>
  call(() => A.AddEvidence(assessmentId, indicatorId)).then((e) => e ?? null)
export const listEvidence = (valueId: string): Promise<Evidence[]> => call(() => A.ListEvidence(valueId)).then((a): Evidence[] => arr(a))
export const openEvidence = (id: string): Promise<void> => call(() => A.OpenEvidence(id))
export const deleteEvidence = (id: string): Promise<void> => call(() => A.DeleteEvidence(id))

// Closing the window with edits pending: while a screen that autosaves is
// open it says so (WantFlush), the backend then emits "app:flush" before
// closing and waits for FlushDone. Each call is guarded: an older backend
// without these methods, or the page outside the window, just skips them.

type Maybe = Record<string, unknown> | undefined
function systemMethod(name: string): ((...a: unknown[]) => Promise<unknown>) | null {
  const sys = ((globalThis as { window?: { go?: { app?: { System?: Maybe } } } }).window?.go?.app?.System ?? undefined) as Maybe
  const fn = sys?.[name]
  return typeof fn === 'function' ? (fn as (...a: unknown[]) => Promise<unknown>) : null
}

/** Tells the backend whether a screen with autosave is open; never fails. */
export async function wantFlush(on: boolean): Promise<void> {
  if (!systemMethod('WantFlush')) return
  try {
    await S.WantFlush(on)
  } catch {
    // Closing then simply does not wait.
  }
}

/** Tells the backend every pending edit is saved; never fails. */
export async function flushDone(): Promise<void> {
  if (!systemMethod('FlushDone')) return
  try {
    await S.FlushDone()
  } catch {
    // The backend stops waiting after its timeout.
  }
}

/**
 * Runs handler on the window's "app:flush" event, then reports FlushDone
 * (also when the handler fails). Returns the function that stops listening.
 */
export function onAppFlush(handler: () => Promise<unknown>): () => void {
  try {
    const off = EventsOn('app:flush', () => {
      void Promise.resolve()
        .then(handler)
        .catch(() => undefined)
        .then(flushDone)
    })
    return typeof off === 'function' ? off : () => undefined
  } catch {
    return () => undefined
  }
}
