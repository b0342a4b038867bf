import * as D from '../../wailsjs/go/app/Dashboard'
import { EventsOn } from '../../wailsjs/runtime/runtime'
import { dashboard } from '../../wailsjs/go/models'
import { call } from './error'
import type { PageOf, Plain } from './types'

export type Dashboard = Plain<dashboard.Dashboard>
export type DashboardQuery = Plain<dashboard.Query>
export type TargetFigure = Plain<dashboard.TargetFigure>
export type UnitProgress = Plain<dashboard.UnitProgress>
export type CriterionPass = Plain<dashboard.CriterionPass>
export type YearPoint = Plain<dashboard.YearPoint>
export type DrillQuery = Plain<dashboard.DrillQuery>
export type DrillRow = Plain<dashboard.DrillRow>
export type DrillPageRaw = Plain<dashboard.DrillPage>
/** A drill row with the id the tables key on (the locality, or the unit). */
export type DrillItem = DrillRow & { id: string }
export interface DrillPage extends PageOf<DrillItem> {
  rowKind: string
  metric: string
  asOf: string
}

const arr = <T>(a: T[] | null | undefined): T[] => (Array.isArray(a) ? a : [])

/** The whole query (every field present), from the fields given. */
export function dashboardQuery(q: Partial<DashboardQuery> = {}): DashboardQuery {
  return { campaignId: '', asOf: '', provinceId: '', setCode: '', ...q }
}

/** The whole drill query (every field present), from the fields given. */
export function drillQuery(q: Partial<DrillQuery> = {}): DrillQuery {
  return {
    ...dashboardQuery(),
    metric: '',
    criterionNo: 0,
    passed: false,
    unitId: '',
    year: 0,
    search: '',
    sortBy: '',
    desc: false,
    page: 1,
    pageSize: 20,
    ...q,
  }
}

function figure(f: TargetFigure): TargetFigure {
  return {
    ...f,
    met: f.met ?? undefined,
    targetCount: f.targetCount ?? undefined,
    count: f.count ?? 0,
    denominator: f.denominator ?? 0,
    unassessed: f.unassessed ?? 0,
    drillMetric: f.drillMetric ?? '',
    noteKey: f.noteKey ?? '',
  }
}

/** Go's nil slices and pointers arrive as null: give the screen arrays and undefined. */
export function normaliseDashboard(d: Dashboard): Dashboard {
  return {
    ...d,
    set: d.set ?? { id: '', code: '', name: '', phase: '', confirmed: false },
    targets: arr(d.targets).map(figure),
    sponsoring: d.sponsoring ? figure(d.sponsoring) : undefined,
    units: arr(d.units),
    criteriaPass: arr(d.criteriaPass),
    trend: arr(d.trend),
    sponsorship: d.sponsorship ?? { unitsTotal: 0, unitsCompliant: 0, referenceDate: '' },
  }
}

/** Every figure of the dashboard: the campaign's targets, then the sponsoring figure if apart. */
export function allFigures(d: Dashboard): TargetFigure[] {
  return d.sponsoring ? [...d.targets, d.sponsoring] : d.targets
}

export function normaliseDrill(p: DrillPageRaw): DrillPage {
  return {
    rowKind: p.rowKind || 'locality',
    metric: p.metric ?? '',
    asOf: p.asOf ?? '',
    total: Number(p.total ?? 0),
    page: p.page ?? 1,
    pageSize: p.pageSize ?? 20,
    items: arr(p.items).map((r) => ({ ...r, id: r.localityId || r.unitId })),
  }
}

/** Computes the dashboard (the backend reports its steps through onProgress('dashboard', …)). */
export const getDashboard = (q: Partial<DashboardQuery> = {}): Promise<Dashboard> =>
  call(() => D.Get(dashboard.Query.createFrom(dashboardQuery(q)))).then(normaliseDashboard)
/** One page of the localities (or units) behind a figure. */
export const drillDashboard = (q: Partial<DrillQuery>): Promise<DrillPage> =>
  call(() => D.Drill(dashboard.DrillQuery.createFrom(drillQuery(q)))).then(normaliseDrill)
/** Save dialog, then writes the dashboard tables to .xlsx; "" means the user cancelled. */
export const exportDashboard = (q: Partial<DashboardQuery> = {}): Promise<string> => call(() => D.Export(dashboard.Query.createFrom(dashboardQuery(q))))
/** The metrics the dashboard computes (hints for a campaign's targets). */
export const dashboardMetrics = (): Promise<string[]> => call(() => D.Metrics()).then((m) => arr(m))

/** A "progress" event of a long task. */
export interface Progress {
  task: string
  step: number
  steps: number
}

function isProgress(v: unknown): v is Progress {
  if (!v || typeof v !== 'object') return false
  const p = v as Record<string, unknown>
  return typeof p.task === 'string' && typeof p.step === 'number' && typeof p.steps === 'number'
}

/**
 * Calls fn with each "progress" event of the task; returns the function
 * that stops listening. Outside the Wails window (tests) it listens to nothing.
 */
export function onProgress(task: string, fn: (p: Progress) => void): () => void {
  try {
    const off = EventsOn('progress', (payload: unknown) => {
      if (isProgress(payload) && payload.task === task) fn(payload)
    })
    return typeof off === 'function' ? off : () => {}
  } catch {
    return () => {}
  }
}
