// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, nextTick } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { createRouter, createMemoryHistory } from 'vue-router'
import { NDialogProvider, NMessageProvider, NNotificationProvider } from 'naive-ui'
import { i18n } from '../../i18n'
import type { Dashboard, DrillPage, Progress } from '../../api/dashboard'

const api = vi.hoisted(() => ({
  progress: [] as ((p: Progress) => void)[],
  get: vi.fn(),
  drill: vi.fn(),
  exp: vi.fn(),
}))

vi.mock('../../components/echarts', () => ({
  createChart: () => ({ setOption: () => {}, resize: () => {}, dispose: () => {}, on: () => {} }),
}))
vi.mock('../../api/locality', () => ({
  listLocalities: () => Promise.resolve({ items: [], total: 0, page: 1, pageSize: 100 }),
  localityQuery: (o: unknown) => o,
}))
vi.mock('../../api/dashboard', async (orig) => {
  const real = await orig<typeof import('../../api/dashboard')>()
  return {
    ...real,
    getDashboard: api.get,
    drillDashboard: api.drill,
    exportDashboard: api.exp,
    onProgress: (_task: string, fn: (p: Progress) => void) => {
      api.progress.push(fn)
      return () => {
        api.progress = api.progress.filter((f) => f !== fn)
      }
    },
  }
})

import NtmPanel from './NtmPanel.vue'

// Naive UI's first render in jsdom is slow (styles are generated on the fly), more so on a busy machine.
vi.setConfig({ testTimeout: 60_000 })

const dashboard = (over: Partial<Dashboard> = {}): Dashboard => ({
  campaign: { id: 'c1', name: 'PT', fromYear: 2021, toYear: 2025, period: '2021 - 2025' },
  asOf: '2025-06-30',
  provinceId: '',
  province: '',
  setCode: 'xa-ntm-2021-2025',
  set: { id: 's1', code: 'xa-ntm-2021-2025', name: 'Bộ tiêu chí xã NTM', phase: '2021-2025', confirmed: false },
  communes: 10,
  targets: [
    {
      targetId: 't1', label: 'Tỷ lệ xã đạt chuẩn NTM', metric: 'communes_ntm', comparator: '>=', value: 80, valueUnit: '%', countUnit: 'xã',
      known: true, actual: 40, share: 40, count: 4, denominator: 10, unassessed: 0, met: false, drillMetric: 'communes_ntm', noteKey: '',
    },
    {
      targetId: 't2', label: 'Xã dưới 15 tiêu chí', metric: 'communes_below_15', comparator: '<=', value: 0, valueUnit: 'xã', countUnit: 'xã',
      known: true, actual: 2, share: 25, count: 2, denominator: 8, unassessed: 2, met: false, drillMetric: 'communes_below_15', noteKey: '',
    },
  ],
  sponsoring: {
    targetId: '', label: '', metric: 'units_sponsoring', comparator: '>=', value: 11, valueUnit: '', countUnit: '',
    known: true, actual: 8, share: 72.7, count: 8, denominator: 11, unassessed: 0, met: false, drillMetric: 'units_sponsoring', noteKey: 'dashboard.note.sponsoringRule',
  },
  units: [{ unitId: 'u1', unitName: 'Văn phòng', communes: 3, communesNTM: 1, assessed: 3, avgCriteria: 16.3 }],
  criteriaPass: [
    { no: 1, name: 'Quy hoạch', passed: 8, assessed: 8, rate: 100 },
    { no: 17, name: 'Môi trường', passed: 2, assessed: 8, rate: 25 },
  ],
  trend: [{ year: 2025, date: '2025-06-30', communes: 10, ntm: 4, nangCao: 1, kieuMau: 0, assessed: 8, avgCriteria: 16 }],
  sponsorship: { unitsTotal: 3, unitsCompliant: 2, referenceDate: '2025-06-30' },
  ...over,
})

const page = (over: Partial<DrillPage> = {}): DrillPage => ({
  rowKind: 'locality', metric: 'communes_ntm', asOf: '2025-06-30', total: 4, page: 1, pageSize: 20,
  items: [{ id: 'l1', localityId: 'l1', unitId: '', name: 'Xã A', path: 'Huyện B', kind: 'xa', level: 'dat_chuan', levelYear: 2023, assessmentId: 'a1', assessmentDate: '2025-03-01', criteriaMet: 19, criteriaTotal: 19 }],
  ...over,
})

function mountPanel() {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { render: () => null } }] })
  const Host = defineComponent({
    render: () => h(NMessageProvider, () => h(NNotificationProvider, () => h(NDialogProvider, () => h(NtmPanel, { campaignId: 'c1' })))),
  })
  return mount(Host, { global: { plugins: [createPinia(), i18n, router] }, attachTo: document.body })
}

beforeEach(() => {
  api.progress = []
  api.get.mockReset()
  api.drill.mockReset()
  api.exp.mockReset()
  ;(globalThis as unknown as { ResizeObserver?: unknown }).ResizeObserver = undefined
})
afterEach(() => {
  document.body.innerHTML = ''
})

describe('NtmPanel', () => {
  it('shows the progress while computing, then the figures with the numbers behind them', async () => {
    let resolve: (d: Dashboard) => void = () => {}
    api.get.mockReturnValue(new Promise<Dashboard>((r) => (resolve = r)))
    const w = mountPanel()
    await flushPromises()
    expect(api.get).toHaveBeenCalledWith({ campaignId: 'c1', asOf: '', provinceId: '' })
    expect(w.find('[data-testid="ntm-progress"]').exists()).toBe(true)
    api.progress.forEach((f) => f({ task: 'dashboard', step: 3, steps: 7 }))
    await nextTick()
    expect(w.find('[data-testid="ntm-progress"]').text()).toContain('3/7')

    resolve(dashboard())
    await flushPromises()
    expect(w.find('[data-testid="ntm-progress"]').exists()).toBe(false)
    expect(api.progress).toEqual([]) // stopped listening

    const rows = w.findAll('[data-testid="ntm-target"]')
    expect(rows.map((r) => r.attributes('data-metric'))).toEqual(['communes_ntm', 'communes_below_15', 'units_sponsoring'])
    // The separate sponsoring figure has no label of its own: the metric's name stands in.
    expect(rows[2].text()).toContain(i18n.global.t('dashboard.metric.units_sponsoring'))
    expect(rows[2].find('[data-testid="ntm-target-count"]').text()).toBe('8/11 (72,7%)')
    expect(rows[0].attributes('data-count')).toBe('4')
    expect(rows[0].find('[data-testid="ntm-target-actual"]').text()).toBe('40%')
    expect(rows[0].find('[data-testid="ntm-target-count"]').text()).toBe('4/10')
    expect(rows[0].find('[data-testid="ntm-target-met"]').text()).toBe('Chưa đạt')
    expect(rows[1].find('[data-testid="ntm-target-unassessed"]').exists()).toBe(true)
    expect(w.find('[data-testid="ntm-unconfirmed"]').text()).toBe('Chưa đối chiếu')
    expect(w.find('[data-testid="ntm-set"]').attributes('data-code')).toBe('xa-ntm-2021-2025')
    // The criteria table lists the lowest pass rate first.
    expect(w.findAll('[data-testid="ntm-criterion"]').map((r) => r.attributes('data-no'))).toEqual(['17', '1'])
    expect(w.findAll('[data-testid="ntm-unit"]').length).toBe(1)
    expect(w.findAll('[data-testid="ntm-year"]').map((r) => r.attributes('data-year'))).toEqual(['2025'])
    w.unmount()
  })

  it('opens the drill-down with the resolved query of the figure', async () => {
    api.get.mockResolvedValue(dashboard())
    api.drill.mockResolvedValue(page())
    const w = mountPanel()
    await flushPromises()
    await w.findAll('[data-testid="ntm-target"]')[0].trigger('click')
    await flushPromises()
    expect(api.drill).toHaveBeenCalledTimes(1)
    expect(api.drill.mock.calls[0][0]).toMatchObject({ campaignId: 'c1', asOf: '2025-06-30', setCode: 'xa-ntm-2021-2025', metric: 'communes_ntm', page: 1 })
    expect(document.querySelector('[data-testid="drill-title"]')?.textContent).toBe('Tỷ lệ xã đạt chuẩn NTM')
    expect(document.querySelector('[data-testid="drill-total"]')?.textContent).toContain('4')
    expect(document.querySelectorAll('[data-testid="drill-tr"]').length).toBe(1)
    expect(document.querySelector('[data-testid="drill-row"]')?.getAttribute('data-locality-id')).toBe('l1')

    // A criterion row drills the communes that do not pass it.
    await w.findAll('[data-testid="ntm-criterion"]')[0].trigger('click')
    await flushPromises()
    expect(api.drill.mock.calls.at(-1)?.[0]).toMatchObject({ criterionNo: 17, passed: false, page: 1 })
    expect(document.querySelector('[data-testid="drill-title"]')?.textContent).toContain('17')
    w.unmount()
  })

  it('says when the computation failed and tries again', async () => {
    api.get.mockRejectedValueOnce({ key: 'errors.internal', code: 'E-9' }).mockResolvedValueOnce(dashboard({ set: { id: '', code: '', name: '', phase: '', confirmed: false }, setCode: '' }))
    const w = mountPanel()
    await flushPromises()
    expect(w.find('[data-testid="ntm-error"]').text()).toContain('E-9')
    await w.find('[data-testid="ntm-retry"]').trigger('click')
    await flushPromises()
    expect(w.find('[data-testid="ntm-error"]').exists()).toBe(false)
    expect(w.find('[data-testid="ntm-no-set"]').exists()).toBe(true)
    expect(w.find('[data-testid="ntm-criteria"]').exists()).toBe(false)
    w.unmount()
  })

  it('exports with the query the figures were computed with', async () => {
    api.get.mockResolvedValue(dashboard())
    api.exp.mockResolvedValue('/tmp/tong-quan.xlsx')
    const w = mountPanel()
    await flushPromises()
    await w.find('[data-testid="ntm-export"]').trigger('click')
    await flushPromises()
    expect(api.exp).toHaveBeenCalledWith({ campaignId: 'c1', asOf: '2025-06-30', provinceId: '', setCode: 'xa-ntm-2021-2025' })
    w.unmount()
  })
})
