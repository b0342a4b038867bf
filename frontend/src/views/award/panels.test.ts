// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, type Component } from 'vue'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import { NDialogProvider, NMessageProvider, NNotificationProvider } from 'naive-ui'
import { i18n } from '../../i18n'

const api = vi.hoisted(() => ({ records: vi.fn(), preview: vi.fn(), commit: vi.fn(), pick: vi.fn() }))

vi.mock('../../api/award', async (orig) => {
  const real = await orig<typeof import('../../api/award')>()
  return {
    ...real,
    listRecords: api.records,
    pickImportFile: api.pick,
    previewImport: api.preview,
    commitImport: api.commit,
    listForms: async () => [
      { id: 'f1', version: 1, code: 'bk_ttg', name: 'Bằng khen của Thủ tướng Chính phủ', kind: 'hinh_thuc', target: 'ca_hai', level: 30, authority: 'Thủ tướng Chính phủ',
        legalBasis: 'Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 73', validFrom: '2024-01-01', validTo: '', copies: 2, confirmed: true, source: 'https://x', note: '', builtin: true, active: true, sortOrder: 10 },
      { id: 'f2', version: 1, code: 'giay_khen', name: 'Giấy khen', kind: 'hinh_thuc', target: 'ca_hai', level: 10, authority: 'Thủ trưởng', legalBasis: 'Điều 75 (chưa xác nhận)',
        validFrom: '2024-01-01', validTo: '', copies: 0, confirmed: false, source: '', note: '', builtin: true, active: true, sortOrder: 20 },
    ],
    listRules: async () => [
      { id: 'r1', version: 1, code: 'bk_ttg.k1.a', formCode: 'bk_ttg', target: 'ca_nhan', groupCode: 'bk_ttg.k1', check: 'council_passed', params: '{}',
        article: 'Luật Thi đua, khen thưởng 2022, Điều 73, khoản 1, điểm a', quote: 'a) Có thành tích xuất sắc tiêu biểu…', validFrom: '2024-01-01', validTo: '', confirmed: true, source: '', builtin: true, active: true, sortOrder: 10 },
      { id: 'r2', version: 1, code: 'giay_khen.d75', formCode: 'giay_khen', target: 'ca_hai', groupCode: '', check: 'guidance', params: '{}',
        article: 'Luật Thi đua, khen thưởng 2022, Điều 75 (chưa xác nhận)', quote: 'Chưa xác nhận', validFrom: '2024-01-01', validTo: '', confirmed: false, source: '', builtin: true, active: true, sortOrder: 20 },
    ],
  }
})
vi.mock('../../api/org', async (orig) => ({ ...(await orig<typeof import('../../api/org')>()), allUnits: async () => [] }))
vi.mock('./CertificatePanel.vue', () => ({ default: { name: 'CertificatePanel', render: () => h('div', { 'data-testid': 'cert-stub' }) } }))

import HistoryPanel from './HistoryPanel.vue'
import CataloguePanel from './CataloguePanel.vue'

vi.setConfig({ testTimeout: 60_000 })
// jsdom has no matchMedia; the virtual list of the preview asks for it.
window.matchMedia ??= ((q: string) => ({ matches: false, media: q, onchange: null, addListener() {}, removeListener() {}, addEventListener() {},
  removeEventListener() {}, dispatchEvent: () => false })) as unknown as typeof window.matchMedia

let wrapper: VueWrapper | null = null
async function mountIn(c: Component) {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: c }] })
  await router.push('/awards')
  await router.isReady()
  const Host = defineComponent({ render: () => h(NMessageProvider, () => h(NNotificationProvider, () => h(NDialogProvider, () => h(RouterView)))) })
  wrapper = mount(Host, { global: { plugins: [createPinia(), i18n, router] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  document.body.innerHTML = ''
})

describe('HistoryPanel', () => {
  it('lists the records and previews an import before writing', async () => {
    api.records.mockResolvedValue({
      items: [{ id: 'h1', version: 1, subjectKind: 'staff', subjectName: 'Nguyễn Văn An', unitName: 'Văn phòng Sở', year: 2024, kind: 'danh_hieu', formCode: 'cstdcs',
        title: 'Chiến sĩ thi đua cơ sở', decisionNumber: '31/QĐ-STNMT', decisionDate: '2025-01-14', decisionIssuer: 'Sở', thematic: true, origin: 'nhap_tay', note: '', formName: '', proposalName: '' }],
      total: 1, page: 1, pageSize: 20,
    })
    api.pick.mockResolvedValue('/tmp/lich-su.xlsx')
    api.preview.mockResolvedValue({
      fileName: 'lich-su.xlsx', sha256: 'abc', canCommit: false, repairs: 0, fileProblems: [], counts: { create: 1, unchanged: 0, error: 1 },
      rows: [
        { row: 2, action: 'create', subjectKind: 'unit', name: 'Văn phòng Sở', matchedName: 'Văn phòng Sở', unitName: '', year: 2023, kind: 'danh_hieu', title: 'Tập thể lao động xuất sắc', formCode: 'ttldxs', decisionNumber: '', decisionDate: '', decisionIssuer: '', thematic: false, note: '', problems: [], notices: [], repairs: [] },
        { row: 3, action: 'error', subjectKind: 'staff', name: 'Người Lạ', matchedName: '', unitName: '', year: 2023, kind: 'danh_hieu', title: 'Lao động tiên tiến', formCode: 'ldtt', decisionNumber: '', decisionDate: '', decisionIssuer: '', thematic: false, note: '',
          problems: [{ column: 'Tên', key: 'errors.award.import.staffNotFound', params: { name: 'Người Lạ' } }], notices: [], repairs: [] },
      ],
    })
    const w = await mountIn(HistoryPanel)
    await vi.waitFor(() => expect(w.findAll('[data-testid="award-history-row"]').length).toBe(1))
    expect(w.find('[data-testid="award-history-row"]').text()).toContain('Chiến sĩ thi đua cơ sở')
    expect(w.find('[data-testid="award-thematic"]').exists()).toBe(true)
    await w.find('[data-testid="award-history-import"]').trigger('click')
    await flushPromises()
    await vi.waitFor(() => expect(document.querySelector('[data-testid="award-import-preview"]')).toBeTruthy())
    const text = document.querySelector('[data-testid="award-import-preview"]')!.textContent ?? ''
    // (the rows sit in a virtual list, which jsdom does not lay out)
    expect(text).toContain('1 dòng mới')
    expect(text).toContain('1 dòng lỗi')
    expect((document.querySelector('[data-testid="award-import-commit"]') as HTMLButtonElement).disabled).toBe(true)
    expect(api.commit).not.toHaveBeenCalled()
  })
})

describe('CataloguePanel', () => {
  it('shows forms and rules with their confirmed marks', async () => {
    const w = await mountIn(CataloguePanel)
    await vi.waitFor(() => expect(w.find('[data-testid="award-forms"]').text()).toContain('Bằng khen của Thủ tướng Chính phủ'))
    expect(w.findAll('[data-testid="award-unconfirmed"]').length).toBeGreaterThan(0)
  })
})
