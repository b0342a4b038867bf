import { afterEach, describe, expect, it } from 'vitest'
import { allFigures, dashboardQuery, drillDashboard, drillQuery, exportDashboard, getDashboard, normaliseDashboard, onProgress, type Dashboard } from './dashboard'

type Fn = (...args: unknown[]) => unknown
function bridge(app: Record<string, Record<string, Fn>>, runtime?: Record<string, Fn>) {
  ;(globalThis as unknown as { window: unknown }).window = { go: { app }, runtime }
}
afterEach(() => {
  delete (globalThis as unknown as { window?: unknown }).window
})

const raw = {
  campaign: { id: 'c1', name: 'Phong trào', fromYear: 2021, toYear: 2025, period: '2021 - 2025' },
  asOf: '2025-06-30',
  provinceId: '',
  province: '',
  setCode: 'xa-ntm-2021-2025',
  set: { id: 's1', code: 'xa-ntm-2021-2025', name: 'Bộ tiêu chí', phase: '2021-2025', confirmed: false },
  communes: 10,
  targets: [
    {
      targetId: 't1', label: 'Xã đạt chuẩn', metric: 'communes_ntm', comparator: '>=', value: 80, valueUnit: '%', targetCount: null, countUnit: 'xã',
      known: true, actual: 40, share: 40, count: 4, denominator: 10, unassessed: 0, met: false, drillMetric: 'communes_ntm', noteKey: '',
    },
    {
      targetId: 't2', label: 'Khác', metric: 'something', comparator: '>=', value: 1, valueUnit: 'xã', targetCount: null, countUnit: '',
      known: false, actual: 0, share: 0, count: 0, denominator: 0, unassessed: 0, met: null, drillMetric: '', noteKey: '',
    },
  ],
  sponsoring: null,
  units: null,
  criteriaPass: null,
  trend: null,
  sponsorship: { unitsTotal: 3, unitsCompliant: 2, referenceDate: '2025-06-30' },
}

describe('dashboard api', () => {
  it('sends the whole query and fills nil lists and pointers', async () => {
    let sent: unknown
    bridge({
      Dashboard: {
        Get: (q) => {
          sent = q
          return Promise.resolve(raw)
        },
      },
    })
    const d = await getDashboard({ asOf: '2025-06-30' })
    expect(sent).toEqual({ campaignId: '', asOf: '2025-06-30', provinceId: '', setCode: '' })
    expect(d.units).toEqual([])
    expect(d.criteriaPass).toEqual([])
    expect(d.trend).toEqual([])
    expect(d.sponsoring).toBeUndefined()
    expect(d.targets[0].met).toBe(false)
    expect(d.targets[1].met).toBeUndefined()
    expect(d.targets[0].targetCount).toBeUndefined()
    expect(allFigures(d).map((f) => f.targetId)).toEqual(['t1', 't2'])
  })

  it('lists the separate sponsoring figure after the targets', () => {
    const d = normaliseDashboard({ ...raw, sponsoring: { ...raw.targets[0], targetId: '', metric: 'units_sponsoring' } } as unknown as Dashboard)
    expect(allFigures(d).map((f) => f.metric)).toEqual(['communes_ntm', 'something', 'units_sponsoring'])
  })

  it('decodes errors', async () => {
    bridge({ Dashboard: { Get: () => Promise.reject('{"key":"errors.campaign.noActive","code":"E-1"}') } })
    await expect(getDashboard()).rejects.toMatchObject({ key: 'errors.campaign.noActive', code: 'E-1' })
  })

  it('drills with a full query and keys rows by locality or unit', async () => {
    let sent: Record<string, unknown> = {}
    bridge({
      Dashboard: {
        Drill: (q) => {
          sent = q as Record<string, unknown>
          return Promise.resolve({
            rowKind: 'locality',
            metric: 'communes_ntm',
            asOf: '2025-06-30',
            items: [
              { localityId: 'l1', unitId: '', name: 'Xã A' },
              { localityId: '', unitId: 'u1', name: 'Phòng B' },
            ],
            total: 2,
            page: 1,
            pageSize: 20,
          })
        },
      },
    })
    const p = await drillDashboard({ asOf: '2025-06-30', criterionNo: 17, passed: false, page: 2 })
    expect(sent).toEqual({ ...drillQuery(), asOf: '2025-06-30', criterionNo: 17, passed: false, page: 2 })
    expect(Object.keys(sent).sort()).toEqual(
      ['campaignId', 'asOf', 'provinceId', 'setCode', 'metric', 'criterionNo', 'passed', 'unitId', 'year', 'search', 'sortBy', 'desc', 'page', 'pageSize'].sort(),
    )
    expect(p.items.map((r) => r.id)).toEqual(['l1', 'u1'])
    expect(p.total).toBe(2)
    bridge({ Dashboard: { Drill: () => Promise.resolve({ rowKind: '', items: null, total: 0 }) } })
    const empty = await drillDashboard({})
    expect(empty.items).toEqual([])
    expect(empty.rowKind).toBe('locality')
  })

  it('exports through the save dialog ("" = cancelled)', async () => {
    let sent: unknown
    bridge({
      Dashboard: {
        Export: (q) => {
          sent = q
          return Promise.resolve('')
        },
      },
    })
    await expect(exportDashboard(dashboardQuery({ campaignId: 'c1' }))).resolves.toBe('')
    expect(sent).toEqual({ campaignId: 'c1', asOf: '', provinceId: '', setCode: '' })
  })
})

describe('onProgress', () => {
  it('passes on the events of its task only and stops listening', () => {
    const listeners: Fn[] = []
    let offCalls = 0
    bridge(
      {},
      {
        EventsOnMultiple: (name, cb) => {
          expect(name).toBe('progress')
          listeners.push(cb as Fn)
          return () => {
            offCalls++
          }
        },
      },
    )
    const seen: number[] = []
    const off = onProgress('dashboard', (p) => seen.push(p.step))
    listeners[0]({ task: 'dashboard', step: 1, steps: 7 })
    listeners[0]({ task: 'import', step: 2, steps: 7 })
    listeners[0]('garbage')
    listeners[0]({ task: 'dashboard', step: 3, steps: 7 })
    expect(seen).toEqual([1, 3])
    off()
    expect(offCalls).toBe(1)
  })

  it('does nothing outside the Wails window', () => {
    const off = onProgress('dashboard', () => {
      throw new Error('not called')
    })
    expect(() => off()).not.toThrow()
  })
})
