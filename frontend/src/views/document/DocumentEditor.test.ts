// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import { NDialogProvider, NMessageProvider, NNotificationProvider } from 'naive-ui'
import { i18n } from '../../i18n'
import { AppError } from '../../api/error'
import type { Doc } from '../../api/document'

const api = vi.hoisted(() => ({
  get: vi.fn(),
  save: vi.fn(),
  check: vi.fn(),
}))

vi.mock('../../api/document', async (orig) => {
  const real = await orig<typeof import('../../api/document')>()
  return {
    ...real,
    getDocument: api.get,
    saveDocument: api.save,
    checkDocument: api.check,
    getDocSettings: async () => ({ draftUnit: 'VP' }),
    listTypes: async () => [
      { code: 'ke_hoach', name: 'Kế hoạch', title: 'KẾ HOẠCH', abbrev: 'KH', series: 'chung', letter: false, needsKinhGui: false, nhuTren: false, active: true },
      { code: 'bao_cao', name: 'Báo cáo', title: 'BÁO CÁO', abbrev: 'BC', series: 'chung', letter: false, needsKinhGui: true, nhuTren: true, active: true },
    ],
    listIssuers: async () => [{ key: 'agency', kind: 'agency', name: 'SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG', parentBody: 'UBND TỈNH QUẢNG BÌNH', abbrev: 'STNMT', headTitle: 'GIÁM ĐỐC' }],
    listSigners: async () => [
      { name: 'Nguyễn Huệ', title: 'GIÁM ĐỐC', head: true, forms: ['', 'TM', 'Q'], form: '' },
      { name: 'Trần Văn Mẫu', title: 'PHÓ GIÁM ĐỐC', head: false, forms: ['KT', 'TM'], form: 'KT' },
    ],
  }
})

import DocumentEditor from './DocumentEditor.vue'

vi.setConfig({ testTimeout: 60_000 })

function doc(over: Partial<Doc> = {}): Doc {
  return {
    id: 'd1', createdAt: '', updatedAt: '', deletedAt: null, version: 2, agencyId: 'a', typeCode: 'ke_hoach', issuerKey: 'agency', status: 'du_thao', series: 'chung',
    year: 2025, number: 0, symbol: 'KH-STNMT', date: '', summary: 'Tổ chức thực hiện Phong trào thi đua', draftUnit: 'VP', kinhGui: [],
    recipients: ['UBND tỉnh;', 'Lưu: VT, VP.'],
    sections: [
      { key: 'muc_dich', title: 'Mục đích, yêu cầu', markup: '# I. MỤC ĐÍCH, YÊU CẦU\n## 1. Mục đích\nĐoạn văn.' },
      { key: 'to_chuc', title: 'Tổ chức thực hiện', markup: '# II. TỔ CHỨC THỰC HIỆN\n- Văn phòng Sở.' },
    ],
    appendices: [], signForm: 'KT', headTitle: 'GIÁM ĐỐC', signerTitle: 'PHÓ GIÁM ĐỐC', signerName: 'Trần Văn Mẫu', templateCode: 'ke-hoach-phong-trao',
    pdfSha256: '', pdfPages: 0, pdfFont: '', asOf: '', signedFileName: '', revokeReason: '', note: '', typeName: 'Kế hoạch', issuerName: 'SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG', numberText: '',
    ...over,
  }
}

let wrapper: VueWrapper | null = null
async function mountEditor(path = '/documents/d1') {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/documents/:id', component: DocumentEditor, props: true },
      { path: '/:p(.*)*', component: { render: () => null } },
    ],
  })
  await router.push(path)
  await router.isReady()
  const Host = defineComponent({
    render: () => h(NMessageProvider, () => h(NNotificationProvider, () => h(NDialogProvider, () => h(RouterView)))),
  })
  wrapper = mount(Host, { global: { plugins: [createPinia(), i18n, router] }, attachTo: document.body })
  await flushPromises()
  await vi.waitFor(() => expect(wrapper!.find('[data-testid="section-markup-0"]').exists()).toBe(true))
  return { w: wrapper, router }
}

const feedback = () => [...document.querySelectorAll('.n-form-item-feedback')].map((e) => e.textContent?.trim() ?? '').filter(Boolean)
const textarea = (w: VueWrapper, testid: string) => w.find(`textarea[data-testid="${testid}"]`)

beforeEach(() => {
  api.get.mockReset().mockResolvedValue(doc())
  api.save.mockReset()
  api.check.mockReset()
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  document.body.innerHTML = ''
})

describe('DocumentEditor', () => {
  it('shows the draft: the blank number, the sections, the recipients one a line and the signature block', async () => {
    const { w } = await mountEditor()
    expect(w.find('[data-testid="doc-number-preview"]').text()).toBe('Số: …/KH-STNMT')
    expect(w.find('[data-testid="doc-status"]').text()).toBe('Dự thảo')
    expect((textarea(w, 'section-markup-1').element as HTMLTextAreaElement).value).toBe('# II. TỔ CHỨC THỰC HIỆN\n- Văn phòng Sở.')
    expect((textarea(w, 'doc-recipients').element as HTMLTextAreaElement).value).toBe('UBND tỉnh;\nLưu: VT, VP.')
    expect(w.find('[data-testid="doc-authority"]').text()).toContain('KT. GIÁM ĐỐC')
    expect(w.find('[data-testid="doc-authority"]').text()).toContain('PHÓ GIÁM ĐỐC')
    expect(w.find('[data-testid="markup-legend"]').text()).toContain('{{bang:KEY}}')
    expect(w.find('[data-testid="section-0"]').text()).toContain('3 đoạn · 2 đề mục')
  })

  it('saves the recipients typed one a line as a list', async () => {
    api.save.mockImplementation(async (d: Doc) => ({ ...d, version: 3 }))
    const { w } = await mountEditor()
    await textarea(w, 'doc-recipients').setValue('UBND tỉnh (để b/c);\n\n  Các phòng, đơn vị thuộc Sở;\nLưu: VT, VP.\n')
    await w.find('[data-testid="form-save"]').trigger('click')
    await flushPromises()
    expect(api.save).toHaveBeenCalledTimes(1)
    expect(api.save.mock.calls[0][0].recipients).toEqual(['UBND tỉnh (để b/c);', 'Các phòng, đơn vị thuộc Sở;', 'Lưu: VT, VP.'])
  })

  it('edits the left signer of a Biên bản in place of Nơi nhận and saves it', async () => {
    api.get.mockResolvedValue(doc({ typeCode: 'bien_ban', recipients: [], leftSigner: { authority: ['THƯ KÝ'], name: 'Lê Văn Thư' } as Doc['leftSigner'] }))
    api.save.mockImplementation(async (d: Doc) => ({ ...d, version: 3 }))
    const { w } = await mountEditor()
    expect(w.find('[data-testid="doc-left-signer"]').exists()).toBe(true)
    expect(textarea(w, 'doc-recipients').exists()).toBe(false)
    expect((textarea(w, 'doc-left-authority').element as HTMLTextAreaElement).value).toBe('THƯ KÝ')
    await w.find('input[data-testid="doc-left-name"]').setValue('Trần Thị Ghi')
    await w.find('[data-testid="form-save"]').trigger('click')
    await flushPromises()
    expect(api.save).toHaveBeenCalledTimes(1)
    expect(api.save.mock.calls[0][0].leftSigner).toEqual({ authority: ['THƯ KÝ'], name: 'Trần Thị Ghi' })
  })

  it('shows the backend’s field errors at the fields, a list line with its number', async () => {
    api.save.mockRejectedValue(
      new AppError('errors.invalid', {}, [
        { field: 'summary', key: 'validation.required' },
        { field: 'recipients.1', key: 'validation.tooLong', params: { max: 300, length: 301 } },
        { field: 'sections.1.markup', key: 'validation.required' },
      ]),
    )
    const { w } = await mountEditor()
    await w.find('[data-testid="form-save"]').trigger('click')
    await flushPromises()
    await vi.waitFor(() => expect(feedback().length).toBeGreaterThanOrEqual(3))
    const texts = feedback()
    expect(texts).toContain('Không được để trống.')
    expect(texts.some((t) => t.startsWith('Dòng 2: ') && t.includes('300'))).toBe(true)
    const section = w.find('[data-testid="section-1"]')
    expect(section.find('.n-form-item-feedback').text()).toBe('Không được để trống.')
  })

  it('does not call the backend when the trích yếu is empty', async () => {
    const { w } = await mountEditor()
    await textarea(w, 'doc-summary').setValue('   ')
    await w.find('[data-testid="form-save"]').trigger('click')
    await flushPromises()
    expect(api.save).not.toHaveBeenCalled()
    expect(feedback()).toContain('Không được để trống.')
  })

  it('lists the format findings in Vietnamese with where they are', async () => {
    api.check.mockResolvedValue([
      { field: 'footer.recipients.0', key: 'document.check.emptyAppendix' },
      { field: 'body.4', key: 'pdf.check.notAKeyAnyMore' },
    ])
    const { w } = await mountEditor()
    await w.find('[data-testid="doc-check"]').trigger('click')
    await flushPromises()
    const result = w.find('[data-testid="check-result"]')
    expect(result.attributes('data-count')).toBe('2')
    const items = result.findAll('[data-testid="check-finding"]').map((li) => li.text())
    expect(items[0]).toBe('Nơi nhận, dòng 1: Phụ lục chưa có nội dung.')
    expect(items[1]).toBe('Phần 2, dòng 2: Chưa đúng thể thức.')
  })

  it('shows an issued document read-only with its number and date', async () => {
    api.get.mockResolvedValue(doc({ status: 'ban_hanh', number: 5, numberText: '05/KH-STNMT', date: '2025-01-05', pdfSha256: 'ab'.repeat(32), pdfPages: 4 }))
    const { w } = await mountEditor()
    expect(w.find('[data-testid="doc-number"]').text()).toBe('Số: 05/KH-STNMT')
    expect(w.find('[data-testid="doc-date"]').text()).toContain('05/01/2025')
    expect(w.find('[data-testid="doc-status"]').text()).toBe('Đã ban hành')
    expect((textarea(w, 'section-markup-0').element as HTMLTextAreaElement).disabled).toBe(true)
    expect(w.find('[data-testid="form-save"]').exists()).toBe(false)
    expect(w.find('[data-testid="doc-revoke"]').exists()).toBe(true)
    expect(w.find('[data-testid="doc-attach-signed"]').exists()).toBe(true)
  })

  it('starts a blank draft of the type asked for, with Như trên and the head as signer', async () => {
    const { w } = await mountEditor('/documents/new?type=bao_cao')
    expect(api.get).not.toHaveBeenCalled()
    expect((textarea(w, 'doc-recipients').element as HTMLTextAreaElement).value).toBe('Như trên\nLưu: VT, VP')
    expect(w.find('[data-testid="doc-number-preview"]').text()).toBe('Số: …/BC-STNMT')
    expect(w.find('textarea[data-testid="doc-kinh-gui"]').exists()).toBe(true)
    expect((w.find('input[data-testid="doc-signer-name"]').element as HTMLInputElement).value).toBe('Nguyễn Huệ')
    expect(w.find('[data-testid="doc-authority"]').text()).toContain('GIÁM ĐỐC')
  })
})
