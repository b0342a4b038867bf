// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { NDialogProvider, NMessageProvider, NNotificationProvider } from 'naive-ui'
import { i18n } from '../../i18n'
import type { ReviewInput, SelfInput, SheetDetail, SheetKey } from '../../api/emulation'

const api = vi.hoisted(() => ({ get: vi.fn(), self: vi.fn(), submit: vi.fn(), review: vi.fn(), reopen: vi.fn() }))
vi.mock('../../api/emulation', async (orig) => {
  const real = await orig<typeof import('../../api/emulation')>()
  return { ...real, getSheet: api.get, saveSelf: api.self, submitSheet: api.submit, reviewSheet: api.review, reopenSheet: api.reopen }
})

import SheetDrawer from './SheetDrawer.vue'

vi.setConfig({ testTimeout: 60_000 })

const crit = (id: string, code: string, maxScore: number, fact = '') => ({
  id, code, maxScore, fact, name: `Tiêu chí ${code}`, evidence: 'Danh sách văn bản', source: 'Kế hoạch, mục III.1.a', target: 'tap_the',
  campaignId: 'c', agencyId: 'a', sortOrder: 0, createdAt: '', updatedAt: '', deletedAt: null, version: 1,
})

function sheet(over: Partial<SheetDetail> = {}): SheetDetail {
  return {
    id: '', version: 0, campaignId: 'c', year: 2025, subjectKind: 'tap_the', subjectId: 'u1', unitId: 'u1', status: 'tu_cham', selfTotal: 0, grade: '',
    selfNote: '', reviewNote: '', subjectName: 'Văn phòng Sở', unitName: '', position: '', campaignName: 'Chung sức', gradeName: '', maxTotal: 70,
    items: [
      { criterion: crit('k1', 'TT1', 30, 'van_ban'), itemId: '', selfScore: 0, evidence: '', reviewReason: '',
        facts: [{ key: 'van_ban.tong', label: 'Văn bản đã soạn thảo, ban hành trong năm', value: '2 văn bản', count: 2, source: 'Sổ văn bản', link: '/documents' }] },
      { criterion: crit('k2', 'TT2', 40), itemId: '', selfScore: 0, evidence: '', reviewReason: '', facts: [] },
    ],
    facts: [{ key: 'van_ban.tong', label: 'Văn bản đã soạn thảo, ban hành trong năm', value: '2 văn bản', count: 2, source: 'Sổ văn bản', link: '/documents' }],
    grades: [
      { code: 'tot', name: 'Tốt', minScore: 50 },
      { code: 'chua_dat', name: 'Chưa đạt', minScore: 0 },
    ],
    createdAt: '', updatedAt: '', deletedAt: null, agencyId: 'a',
    ...over,
  } as unknown as SheetDetail
}

let wrapper: VueWrapper | null = null
async function open() {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { render: () => null } }] })
  await router.push('/emulation')
  const show = ref(true)
  const key: SheetKey = { campaignId: 'c', year: 2025, subjectKind: 'tap_the', subjectId: 'u1' }
  const Host = defineComponent({
    render: () =>
      h(NMessageProvider, () =>
        h(NNotificationProvider, () => h(NDialogProvider, () => h(SheetDrawer, { show: show.value, 'onUpdate:show': (v: boolean) => (show.value = v), sheetKey: key }))),
      ),
  })
  wrapper = mount(Host, { global: { plugins: [createPinia(), i18n, router] }, attachTo: document.body })
  await flushPromises()
  await vi.waitFor(() => expect(q('[data-testid="emu-criterion-row"]')).not.toBeNull())
  return show
}

const q = (sel: string) => document.querySelector(sel) as HTMLElement | null
const input = (testid: string) => q(`[data-testid="${testid}"]`) as HTMLInputElement
async function type(testid: string, text: string) {
  const el = input(testid)
  el.focus()
  el.value = text
  el.dispatchEvent(new Event('input', { bubbles: true }))
  el.dispatchEvent(new Event('blur', { bubbles: true }))
  el.dispatchEvent(new Event('change', { bubbles: true }))
  await flushPromises()
}
async function click(testid: string) {
  q(`[data-testid="${testid}"]`)!.click()
  await flushPromises()
}
async function confirmDialog() {
  await vi.waitFor(() => expect(q('[data-testid="confirm-ok"]')).not.toBeNull())
  q('[data-testid="confirm-ok"]')!.click()
  await flushPromises()
}

beforeEach(() => {
  api.get.mockReset().mockResolvedValue(sheet())
  api.self.mockReset()
  api.submit.mockReset()
  api.review.mockReset()
  api.reopen.mockReset()
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  document.body.innerHTML = ''
})

describe('SheetDrawer', () => {
  it('shows the criteria with the facts the data holds, and saves the typed self scores', async () => {
    api.self.mockImplementation(async (s: SelfInput) => sheet({ id: 's1', version: 2, selfTotal: 50.5, items: sheet().items.map((it, i) => ({ ...it, selfScore: s.items[i].score })) }))
    await open()
    expect(q('[data-testid="emu-facts-TT1"]')!.textContent).toContain('2 văn bản')
    expect(q('[data-testid="emu-facts-TT1"]')!.textContent).toContain('Nguồn: Sổ văn bản')
    expect(q('[data-testid="emu-fact-link"]')).not.toBeNull()
    expect(q('[data-testid="emu-facts-TT2"]')).toBeNull()
    expect(q('[data-testid="emu-review"]')).toBeNull()
    await type('emu-self-score-TT1', '20,5')
    await type('emu-self-score-TT2', '30')
    expect(q('[data-testid="emu-self-total"]')!.textContent!.trim()).toBe('50,5')
    await click('emu-save')
    expect(api.self).toHaveBeenCalledTimes(1)
    expect(api.self.mock.calls[0][0]).toMatchObject({ campaignId: 'c', year: 2025, subjectId: 'u1', sheetId: '', version: 0 })
    expect((api.self.mock.calls[0][0] as SelfInput).items.map((i) => i.score)).toEqual([20.5, 30])
  })

  it('refuses a score above the maximum before calling the backend', async () => {
    await open()
    await type('emu-self-score-TT1', '31')
    await click('emu-save')
    expect(api.self).not.toHaveBeenCalled()
    expect(document.body.textContent).toContain('Điểm phải từ 0 đến 30.')
  })

  it('submits after saving unsaved scores', async () => {
    api.self.mockResolvedValue(sheet({ id: 's1', version: 2, selfTotal: 25 }))
    api.submit.mockResolvedValue(sheet({ id: 's1', version: 3, status: 'da_nop', selfTotal: 25 }))
    await open()
    await type('emu-self-score-TT1', '25')
    await click('emu-submit')
    await confirmDialog()
    expect(api.self).toHaveBeenCalledTimes(1)
    expect(api.submit).toHaveBeenCalledWith('s1', 2)
    await vi.waitFor(() => expect(q('[data-testid="emu-sheet-status"]')!.dataset.status).toBe('da_nop'))
    expect(q('[data-testid="emu-review-score-TT1"]')).not.toBeNull()
  })

  it('asks for a reason when the council changes a score, then reviews', async () => {
    const submitted = sheet({
      id: 's1', version: 3, status: 'da_nop', selfTotal: 55,
      items: sheet().items.map((it, i) => ({ ...it, itemId: `i${i}`, selfScore: i ? 30 : 25 })),
    })
    api.get.mockResolvedValue(submitted)
    api.review.mockImplementation(async (r: ReviewInput) => ({ ...submitted, version: 4, status: 'da_duyet', reviewTotal: 50, grade: 'tot', gradeName: 'Tốt',
      items: submitted.items.map((it, i) => ({ ...it, reviewScore: r.items[i].score, reviewReason: r.items[i].reason })) }))
    await open()
    expect(input('emu-review-score-TT2').value).toBe('30')
    await type('emu-review-score-TT1', '20')
    expect(q('[data-testid="emu-review-total"]')!.textContent!.trim()).toBe('50')
    await click('emu-review')
    expect(api.review).not.toHaveBeenCalled()
    expect(document.body.textContent).toContain('Cần ghi lý do vì điểm Hội đồng khác điểm tự chấm.')
    await type('emu-review-reason-TT1', 'Một văn bản ban hành chậm')
    await click('emu-review')
    await confirmDialog()
    expect(api.review).toHaveBeenCalledTimes(1)
    const sent = api.review.mock.calls[0][0] as ReviewInput
    expect(sent).toMatchObject({ sheetId: 's1', version: 3 })
    expect(sent.items.map((i) => [i.score, i.reason])).toEqual([
      [20, 'Một văn bản ban hành chậm'],
      [30, ''],
    ])
    await vi.waitFor(() => expect(q('[data-testid="emu-sheet-grade"]')!.textContent).toBe('Tốt'))
    expect(q('[data-testid="emu-review"]')).toBeNull()
    expect(q('[data-testid="emu-reopen"]')).not.toBeNull()
  })

  it('reopens with a reason only', async () => {
    api.get.mockResolvedValue(sheet({ id: 's1', version: 5, status: 'da_duyet', reviewTotal: 50 }))
    api.reopen.mockResolvedValue(sheet({ id: 's1', version: 6, status: 'tu_cham', reviewNote: 'Bổ sung minh chứng' }))
    await open()
    await click('emu-reopen')
    await vi.waitFor(() => expect(q('[data-testid="emu-reopen-ok"]')).not.toBeNull())
    await click('emu-reopen-ok')
    expect(api.reopen).not.toHaveBeenCalled()
    await type('emu-reopen-reason', 'Bổ sung minh chứng')
    await click('emu-reopen-ok')
    expect(api.reopen).toHaveBeenCalledWith('s1', 5, 'Bổ sung minh chứng')
    await vi.waitFor(() => expect(q('[data-testid="emu-reopen-note"]')!.textContent).toContain('Bổ sung minh chứng'))
  })
})
