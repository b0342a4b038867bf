// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import { NDialogProvider, NMessageProvider, NNotificationProvider } from 'naive-ui'
import { i18n } from '../../i18n'
import type { Checklist, ValueInput, ValueResult } from '../../api/assessment'

const api = vi.hoisted(() => ({
  checklist: vi.fn(),
  save: vi.fn(),
  flushHandlers: [] as (() => Promise<unknown>)[],
  flushDone: vi.fn(),
  want: vi.fn(),
}))

vi.mock('../../api/assessment', async (orig) => {
  const real = await orig<typeof import('../../api/assessment')>()
  return {
    ...real,
    getChecklist: api.checklist,
    saveValue: api.save,
    wantFlush: api.want,
    onAppFlush: (fn: () => Promise<unknown>) => {
      // As the real one: the handler, then FlushDone.
      const run = async () => {
        try {
          await fn()
        } finally {
          await api.flushDone()
        }
      }
      api.flushHandlers.push(run)
      return () => {
        api.flushHandlers = api.flushHandlers.filter((f) => f !== run)
      }
    },
  }
})

import ChecklistView from './ChecklistView.vue'

vi.setConfig({ testTimeout: 60_000 })

const item = (id: string, code: string, kind: string, over: Record<string, unknown> = {}) => ({
  id, criterionId: '', code, name: `Chỉ tiêu ${code}`, kind, unit: kind === 'percent' ? '%' : '', sector: '', confirmed: code !== '2.1', sources: '', sortOrder: 0,
  requirement: { key: 'bac_trung_bo', reason: 'region', comparator: '>=', threshold: kind === 'percent' ? 80 : undefined, text: kind === 'dat' ? 'Đạt' : '', confirmed: false, specific: true },
  value: { id: '', assessmentId: 'a1', indicatorId: id, value: '', met: null, computed: null, override: null, overrideReason: '', note: '' },
  evidence: [],
  previous: null,
  ...over,
})

function checklist(): Checklist {
  return {
    assessment: {
      id: 'a1', version: 4, localityId: 'l1', setId: 's1', date: '2025-06-01', year: 2025, status: 'nhap', assessorName: 'Nguyễn Văn A', note: '', reopenReason: '',
      criteriaMet: 0, criteriaTotal: 2, indicatorsMet: 0, indicatorsTotal: 3, indicatorsDone: 0, sample: false,
    },
    editable: true,
    locality: { id: 'l1', name: 'Xã Dân Hóa', code: '19000', path: 'Tỉnh Quảng Bình', kind: 'xa', level: 3, region: 'bac_trung_bo', regionInherited: true, communeGroup: 0, specialDifficulty: false, safeZone: false, border: false, mountain: false, island: false, ethnicArea: '' },
    set: { id: 's1', code: 'xa-ntm-2021-2025', revision: 1, current: true, name: 'Bộ tiêu chí xã NTM', target: 'dat_chuan', scope: 3, phase: '2021-2025', dimension: 'region', specialRule: true, specialRuleText: '', decisionNumber: '318/QĐ-TTg', decisionDate: '2022-03-08', decisionIssuer: '', appendix: '', validFrom: '', validTo: '', confirmed: false, sample: false },
    keyUsed: 'bac_trung_bo',
    keyReason: 'region',
    criteria: [
      { id: 'c1', no: 1, name: 'Quy hoạch', group: '1', confirmed: true, sources: '', sortOrder: 1, met: false, indicatorsMet: 0, indicatorsTotal: 2, indicatorsDone: 0, previousMet: null, indicators: [item('i11', '1.1', 'dat'), item('i12', '1.2', 'percent')] },
      { id: 'c2', no: 2, name: 'Giao thông', group: '1', confirmed: true, sources: '', sortOrder: 2, met: false, indicatorsMet: 0, indicatorsTotal: 1, indicatorsDone: 0, previousMet: null, indicators: [item('i21', '2.1', 'dat')] },
    ],
    previous: null,
  } as unknown as Checklist
}

function result(v: ValueInput, met: boolean | null, version: number): ValueResult {
  return {
    value: { id: `v-${v.indicatorId}`, assessmentId: 'a1', indicatorId: v.indicatorId, value: v.value, number: v.number, met, computed: met, override: v.override ?? null, overrideReason: v.overrideReason, note: v.note },
    criterion: { assessmentId: 'a1', criterionId: v.indicatorId.startsWith('i1') ? 'c1' : 'c2', met: false, indicatorsMet: met ? 1 : 0, indicatorsTotal: 2 },
    totals: { assessmentId: 'a1', status: 'nhap', version, criteriaMet: 0, criteriaTotal: 2, indicatorsMet: met ? 1 : 0, indicatorsTotal: 3, indicatorsDone: 1 },
    changed: true,
  } as unknown as ValueResult
}

let wrapper: VueWrapper | null = null
async function mountChecklist() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/assessments/:id', component: ChecklistView, props: true },
      { path: '/:p(.*)*', component: { render: () => null } },
    ],
  })
  await router.push('/assessments/a1')
  await router.isReady()
  const Host = defineComponent({
    render: () => h(NMessageProvider, () => h(NNotificationProvider, () => h(NDialogProvider, () => h(RouterView)))),
  })
  wrapper = mount(Host, { global: { plugins: [createPinia(), i18n, router] }, attachTo: document.body })
  await flushPromises()
  await vi.waitFor(() => expect(wrapper!.find('[data-testid="check-row-1.1"]').exists()).toBe(true))
  return { w: wrapper, router }
}

const row = (w: VueWrapper, code: string) => w.find(`[data-testid="check-row-${code}"]`)
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms))

beforeEach(() => {
  localStorage.clear()
  api.checklist.mockReset().mockResolvedValue(checklist())
  api.save.mockReset()
  api.flushDone.mockReset().mockResolvedValue(undefined)
  api.want.mockReset().mockResolvedValue(undefined)
  api.flushHandlers = []
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  document.body.innerHTML = ''
})

describe('ChecklistView', () => {
  it('shows the header, the level applied and the unconfirmed flags', async () => {
    const { w } = await mountChecklist()
    expect(w.find('[data-testid="checklist-totals"]').text()).toBe('Đạt 0/2 tiêu chí')
    expect(w.find('[data-testid="checklist-key-reason"]').text()).toContain('mức vùng Bắc Trung Bộ')
    expect(row(w, '2.1').find('[data-testid="unconfirmed-tag"]').exists()).toBe(true)
    expect(w.find('[data-testid="save-state"]').text()).toBe('Mọi thay đổi được tự động lưu')
    expect(api.want).toHaveBeenCalledWith(true)
  })

  it('D on a pass/fail row saves Đạt after a short pause and shows the result', async () => {
    api.save.mockImplementation(async (v: ValueInput) => result(v, true, 5))
    const { w } = await mountChecklist()
    const pf = row(w, '1.1').find('[data-passfail="1"]')
    await pf.trigger('keydown', { key: 'd' })
    expect(pf.attributes('data-value')).toBe('dat')
    expect(api.save).not.toHaveBeenCalled()
    expect(w.find('[data-testid="save-state"]').text()).toBe('Đang lưu…')
    await wait(450)
    await flushPromises()
    expect(api.save).toHaveBeenCalledTimes(1)
    expect(api.save.mock.calls[0][0]).toMatchObject({ assessmentId: 'a1', indicatorId: 'i11', value: 'dat' })
    expect(row(w, '1.1').attributes('data-met')).toBe('met')
    expect(w.find('[data-testid="save-state"]').text()).toMatch(/^Đã lưu lúc \d\d:\d\d:\d\d$/)
  })

  it('Enter moves to the next input and Alt+↓ to the next criterion', async () => {
    const { w } = await mountChecklist()
    const first = row(w, '1.1').find('[data-nav="primary"]').element as HTMLElement
    first.focus()
    first.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))
    expect(document.activeElement).toBe(row(w, '1.2').find('[data-nav="primary"]').element)
    ;(document.activeElement as HTMLElement).dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', altKey: true, bubbles: true }))
    expect(document.activeElement).toBe(first)
    first.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', altKey: true, bubbles: true }))
    expect(document.activeElement).toBe(row(w, '2.1').find('[data-nav="primary"]').element)
  })

  it('app:flush saves what is pending at once, then reports FlushDone', async () => {
    api.save.mockImplementation(async (v: ValueInput) => result(v, false, 5))
    const { w } = await mountChecklist()
    await row(w, '1.2').find('input').setValue('75,5')
    expect(api.save).not.toHaveBeenCalled()
    expect(api.flushHandlers).toHaveLength(1)
    await api.flushHandlers[0]()
    expect(api.save).toHaveBeenCalledTimes(1)
    expect(api.save.mock.calls[0][0]).toMatchObject({ indicatorId: 'i12', number: 75.5 })
    expect(api.flushDone).toHaveBeenCalledTimes(1)
    expect(api.flushDone.mock.invocationCallOrder[0]).toBeGreaterThan(api.save.mock.invocationCallOrder[0])
  })

  it('keeps the typed value when a save fails and says so', async () => {
    api.save.mockRejectedValue({ key: 'errors.db.closed', code: 'E-1' })
    const { w } = await mountChecklist()
    const input = row(w, '1.2').find('input')
    await input.setValue('90')
    await api.flushHandlers[0]()
    await flushPromises()
    expect((input.element as HTMLInputElement).value).toBe('90')
    expect(w.find('[data-testid="save-state"]').text()).toContain('Chưa lưu được 1 mục')
    expect(row(w, '1.2').find('[data-testid="check-error"]').exists()).toBe(true)
  })

  it('does not send a percentage over 100', async () => {
    const { w } = await mountChecklist()
    await row(w, '1.2').find('input').setValue('120')
    await api.flushHandlers[0]()
    expect(api.save).not.toHaveBeenCalled()
    expect(row(w, '1.2').find('[data-testid="check-error"]').text()).toBe('Tỷ lệ phải từ 0 đến 100.')
  })

  it('flushes before leaving the screen', async () => {
    api.save.mockImplementation(async (v: ValueInput) => result(v, true, 5))
    const { w, router } = await mountChecklist()
    await row(w, '2.1').find('[data-passfail="1"]').trigger('keydown', { key: 'K' })
    await router.push('/elsewhere')
    await flushPromises()
    expect(api.save).toHaveBeenCalledTimes(1)
    expect(api.save.mock.calls[0][0]).toMatchObject({ indicatorId: 'i21', value: 'khong_dat' })
    expect(router.currentRoute.value.path).toBe('/elsewhere')
  })

  it('keeps what was typed when the window closes before the save, and saves it on reopening', async () => {
    // The save never completes: the window "closes" with the value in flight.
    api.save.mockImplementation(() => new Promise(() => undefined))
    const first = await mountChecklist()
    await row(first.w, '1.2').find('input').setValue('66,5')
    first.w.unmount()
    wrapper = null
    expect(JSON.parse(localStorage.getItem('chungsuc.checklist.a1') ?? '{}').i12?.numText).toBe('66,5')

    api.save.mockReset().mockImplementation(async (v: ValueInput) => result(v, false, 6))
    const { w } = await mountChecklist()
    expect((row(w, '1.2').find('input').element as HTMLInputElement).value).toBe('66,5')
    await api.flushHandlers[api.flushHandlers.length - 1]()
    await flushPromises()
    expect(api.save).toHaveBeenCalledTimes(1)
    expect(api.save.mock.calls[0][0]).toMatchObject({ indicatorId: 'i12', number: 66.5 })
    expect(localStorage.getItem('chungsuc.checklist.a1')).toBeNull()
  })
})
