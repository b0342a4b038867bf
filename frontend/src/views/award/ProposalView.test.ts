// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import { NDialogProvider, NMessageProvider, NNotificationProvider } from 'naive-ui'
import { i18n } from '../../i18n'
import type { ProposalDetail } from '../../api/award'

const api = vi.hoisted(() => ({ get: vi.fn(), vote: vi.fn(), move: vi.fn() }))

vi.mock('../../api/award', async (orig) => {
  const real = await orig<typeof import('../../api/award')>()
  return { ...real, getProposal: api.get, recordVote: api.vote, moveProposal: api.move, listForms: async () => [] }
})
vi.mock('../../api/org', async (orig) => ({
  ...(await orig<typeof import('../../api/org')>()),
  allUnits: async () => [{ id: 'u', name: 'Văn phòng Sở', parentId: null, kind: 'phong', active: true, sortOrder: 10 }],
  listStaff: async () => ({ items: [{ id: 's', fullName: 'Nguyễn Văn An', position: 'Trưởng phòng', unitId: 'u' }], total: 1, page: 1, pageSize: 500 }),
}))
// The printed forms are another screen part's business.
vi.mock('./PrintPanel.vue', () => ({ default: { name: 'PrintPanel', props: ['proposalId', 'status', 'toTrinhDocId', 'bienBanDocId'], render: () => h('div', { 'data-testid': 'print-stub' }) } }))

import ProposalView from './ProposalView.vue'

vi.setConfig({ testTimeout: 60_000 })

const form = { id: 'f', code: 'bk_tinh', name: 'Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh', kind: 'hinh_thuc', target: 'ca_hai', confirmed: false }
function nominee(id: string, name: string, kind: string, ballots: number, voted: boolean) {
  return {
    id, version: 1, createdAt: '', updatedAt: '', deletedAt: null, proposalId: 'p1', subjectKind: kind, unitId: kind === 'unit' ? 'u' : undefined,
    staffId: kind === 'staff' ? 's' : undefined, formCode: 'bk_tinh', reportForm: 'chuyen_de', summary: 'Tóm tắt', report: '', ballotsFor: ballots, voted,
    sortOrder: 10, note: '', name, position: kind === 'staff' ? 'Trưởng phòng' : '', unitName: kind === 'staff' ? 'Văn phòng Sở' : '', birthYear: 1980,
    gender: 'nam', category: 'cong_chuc', form, percent: 0, passed: false, history: [], attachments: [],
  }
}
function detail(over: Partial<ProposalDetail> = {}): ProposalDetail {
  return {
    id: 'p1', version: 4, createdAt: '', updatedAt: '', deletedAt: null, agencyId: 'a', campaignId: 'c', stage: 'tong_ket', year: 2025,
    name: 'Đề nghị khen thưởng tổng kết', status: 'nhap', submitTo: 'Ủy ban nhân dân tỉnh Quảng Bình', threshold: 50, thresholdBase: 'tong_so',
    meetingDate: '', meetingPlace: '', membersTotal: 0, membersPresent: 0, chairName: '', secretaryName: '', conclusion: '', returnReason: '',
    decisionNumber: '', decisionDate: '', decisionIssuer: '', note: '',
    campaign: { id: 'c', name: 'Chung sức xây dựng nông thôn mới', fromYear: 2021, toYear: 2025, legalBases: [], targets: [], milestones: [] },
    nominees: [nominee('n1', 'Văn phòng Sở', 'unit', 0, false), nominee('n2', 'Nguyễn Văn An', 'staff', 0, false)],
    events: [{ id: 'e1', proposalId: 'p1', fromStatus: '', toStatus: 'nhap', reason: '', at: '2025-12-01T08:00:00Z' }],
    forms: { bk_tinh: form }, base: 0, passed: 0, next: ['da_xet'],
    ...over,
  } as unknown as ProposalDetail
}

let wrapper: VueWrapper | null = null
async function mountView() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/awards/proposals/:id', name: 'award-proposal', component: ProposalView, props: true },
      { path: '/:p(.*)*', name: 'awards', component: { render: () => null } },
    ],
  })
  await router.push('/awards/proposals/p1')
  await router.isReady()
  const Host = defineComponent({ render: () => h(NMessageProvider, () => h(NNotificationProvider, () => h(NDialogProvider, () => h(RouterView)))) })
  wrapper = mount(Host, { global: { plugins: [createPinia(), i18n, router] }, attachTo: document.body })
  await flushPromises()
  await vi.waitFor(() => expect(wrapper!.find('[data-testid="award-status"]').exists()).toBe(true))
  return wrapper
}
const input = (testid: string) => document.querySelector(`input[data-testid="${testid}"]`) as HTMLInputElement
async function type(testid: string, value: string) {
  const el = input(testid)
  el.value = value
  el.dispatchEvent(new Event('input'))
  el.dispatchEvent(new Event('blur'))
  await flushPromises()
}
const click = async (testid: string) => {
  ;(document.querySelector(`[data-testid="${testid}"]`) as HTMLElement).click()
  await flushPromises()
}

beforeEach(() => {
  api.get.mockReset().mockResolvedValue(detail())
  api.vote.mockReset()
  api.move.mockReset()
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  document.body.innerHTML = ''
})

describe('ProposalView', () => {
  it('shows the batch, the threshold source and a ballot input per nominee', async () => {
    const w = await mountView()
    expect(w.find('[data-testid="award-status"]').text()).toBe('Nháp')
    expect(w.find('[data-testid="award-threshold"]').text()).toContain('trên 50% tổng số thành viên Hội đồng')
    expect(w.find('[data-testid="award-threshold"]').text()).toContain('quy chế')
    expect(input('award-ballots-0')).toBeTruthy()
    expect(input('award-ballots-1')).toBeTruthy()
    expect(w.find('[data-testid="award-add-nominee"]').exists()).toBe(true)
    expect(w.find('[data-testid="award-move-da_xet"]').exists()).toBe(true)
    expect(w.find('[data-testid="print-stub"]').exists()).toBe(true)
  })

  it('computes the percentage as typed, saves the vote before moving to đã xét, then moves', async () => {
    api.vote.mockImplementation(async (v) => ({ ...v, version: 5 }))
    api.move.mockResolvedValue({})
    const w = await mountView()
    await type('award-members-total', '9')
    await type('award-members-present', '8')
    await type('award-ballots-0', '5')
    await type('award-ballots-1', '4')
    expect(w.find('[data-testid="award-percent-0"]').text()).toBe('55,56%')
    expect(w.find('[data-testid="award-passed-0"]').text()).toBe('Đạt')
    expect(w.find('[data-testid="award-passed-1"]').text()).toBe('Không đạt')
    await click('award-move-da_xet')
    expect(api.vote).toHaveBeenCalledTimes(1)
    const sent = api.vote.mock.calls[0][0]
    expect(sent).toMatchObject({ proposalId: 'p1', version: 4, membersTotal: 9, membersPresent: 8 })
    expect(sent.ballots).toEqual([{ nomineeId: 'n1', ballotsFor: 5 }, { nomineeId: 'n2', ballotsFor: 4 }])
    await vi.waitFor(() => expect(document.querySelector('[data-testid="award-move-dialog"]')).toBeTruthy())
    await click('award-move-confirm')
    expect(api.move).toHaveBeenCalledTimes(1)
    expect(api.move.mock.calls[0][0]).toMatchObject({ proposalId: 'p1', to: 'da_xet' })
  })

  it('opens the nominee form with the subject and the forms that fit', async () => {
    await mountView()
    await click('award-add-nominee')
    await vi.waitFor(() => expect(document.querySelector('[data-testid="award-nominee-subject"]')).toBeTruthy())
    expect(document.querySelector('[data-testid="award-nominee-form"]')).toBeTruthy()
    expect(document.querySelector('[data-testid="award-nominee-kind-staff"]')).toBeTruthy()
    // A new nominee cannot draft from data before it is saved.
    expect((document.querySelector('[data-testid="award-draft-summary"]') as HTMLButtonElement).disabled).toBe(true)
  })

  it('needs a reason to return a submitted batch', async () => {
    api.get.mockResolvedValue(detail({ status: 'da_trinh', next: ['tra_lai', 'da_quyet_dinh'], membersTotal: 9, membersPresent: 8 } as Partial<ProposalDetail>))
    api.move.mockResolvedValue({})
    const w = await mountView()
    expect(input('award-ballots-0')).toBeFalsy()
    expect(w.find('[data-testid="award-add-nominee"]').exists()).toBe(false)
    await click('award-move-tra_lai')
    await click('award-move-confirm')
    expect(api.move).not.toHaveBeenCalled()
    const reason = document.querySelector('textarea[data-testid="award-reason"]') as HTMLTextAreaElement
    reason.value = 'Thiếu biên bản họp'
    reason.dispatchEvent(new Event('input'))
    await flushPromises()
    await click('award-move-confirm')
    expect(api.move).toHaveBeenCalledTimes(1)
    expect(api.move.mock.calls[0][0]).toMatchObject({ to: 'tra_lai', reason: 'Thiếu biên bản họp', version: 4 })
  })

  it('asks for the decision number, date and issuer', async () => {
    api.get.mockResolvedValue(detail({ status: 'da_trinh', next: ['tra_lai', 'da_quyet_dinh'] } as Partial<ProposalDetail>))
    api.move.mockResolvedValue({})
    await mountView()
    await click('award-move-da_quyet_dinh')
    expect(input('award-decision-issuer').value).toBe('Ủy ban nhân dân tỉnh Quảng Bình')
    await click('award-move-confirm')
    expect(api.move).not.toHaveBeenCalled()
    await type('award-decision-number', '123/QĐ-UBND')
    await click('award-move-confirm')
    expect(api.move).toHaveBeenCalledTimes(1)
    expect(api.move.mock.calls[0][0]).toMatchObject({ to: 'da_quyet_dinh', decisionNumber: '123/QĐ-UBND', decisionIssuer: 'Ủy ban nhân dân tỉnh Quảng Bình' })
    expect(api.move.mock.calls[0][0].decisionDate).toMatch(/^\d{4}-\d{2}-\d{2}$/)
  })
})
