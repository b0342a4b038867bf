// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { NDialogProvider, NMessageProvider, NNotificationProvider } from 'naive-ui'
import { i18n } from '../../i18n'
import { AppError } from '../../api/error'

const api = vi.hoisted(() => ({
  draftToTrinh: vi.fn(),
  draftBienBan: vi.fn(),
  previewDossier: vi.fn(),
  startBatch: vi.fn(),
  cancelBatch: vi.fn(),
  exportList: vi.fn(),
  saveDossierPDF: vi.fn(),
}))
vi.mock('../../api/dossier', async (orig) => ({ ...(await orig<typeof import('../../api/dossier')>()), ...api }))
// The viewer needs pdf.js and canvases: a stub shows what it was given.
vi.mock('../../components/PdfViewer.vue', () => ({
  default: defineComponent({ props: { data: { type: Object, default: null } }, setup: (p) => () => h('div', { 'data-testid': 'pdf-stub', 'data-bytes': p.data ? p.data.length : 0 }) }),
}))
vi.mock('./CertificatePanel.vue', () => ({ default: defineComponent({ setup: () => () => h('div', { 'data-testid': 'cert-stub' }) }) }))

import PrintPanel from './PrintPanel.vue'

vi.setConfig({ testTimeout: 60_000 })

let wrapper: VueWrapper | null = null
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  vi.clearAllMocks()
  document.body.innerHTML = ''
})

async function mountPanel(props: Record<string, unknown>) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/awards', component: { render: () => null } },
      { path: '/documents/:id', name: 'document-edit', component: { render: () => null } },
    ],
  })
  await router.push('/awards')
  await router.isReady()
  const Host = defineComponent({
    render: () => h(NMessageProvider, () => h(NNotificationProvider, () => h(NDialogProvider, () => h(PrintPanel, props as never)))),
  })
  wrapper = mount(Host, { global: { plugins: [createPinia(), i18n, router] }, attachTo: document.body })
  await flushPromises()
  return { w: wrapper, router }
}

const btn = (w: VueWrapper, id: string) => w.find(`[data-testid="${id}"]`)

describe('PrintPanel', () => {
  it('drafts the Tờ trình and opens it in the document editor', async () => {
    api.draftToTrinh.mockResolvedValue({ id: 'doc-1', typeCode: 'to_trinh', kinhGui: [], recipients: [], sections: [], appendices: [] })
    const { w, router } = await mountPanel({ proposalId: 'p1', status: 'da_xet' })
    await btn(w, 'dossier-draft-totrinh').trigger('click')
    await flushPromises()
    expect(api.draftToTrinh).toHaveBeenCalledWith('p1')
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/documents/doc-1'))
    const emitted = w.findComponent(PrintPanel).emitted('drafted')
    expect(emitted?.[0]?.[1]).toBe('toTrinh')
  })

  it('disables drafting once decided and certificates before the vote', async () => {
    const { w } = await mountPanel({ proposalId: 'p1', status: 'da_quyet_dinh' })
    expect(btn(w, 'dossier-draft-totrinh').attributes('disabled')).toBeDefined()
    expect(btn(w, 'dossier-draft-bienban').attributes('disabled')).toBeDefined()
    expect(btn(w, 'dossier-certificates').attributes('disabled')).toBeUndefined()
    wrapper?.unmount()
    const again = await mountPanel({ proposalId: 'p1', status: 'nhap' })
    expect(btn(again.w, 'dossier-certificates').attributes('disabled')).toBeDefined()
  })

  it('previews the dossier with its contents and marks drafts', async () => {
    api.previewDossier.mockResolvedValue({
      pdf: 'JVBERi0xLjQK', pages: 14, font: 'Liberation Serif', replaced: [], missing: [], drafts: true, fileName: 'x.pdf',
      parts: [
        { title: 'Tờ trình (dự thảo)', level: 0, page: 2, draft: true },
        { title: 'Báo cáo thành tích', level: 0, page: 8, draft: false },
        { title: 'Văn phòng Sở', level: 1, page: 8, draft: false },
      ],
    })
    const { w } = await mountPanel({ proposalId: 'p1', status: 'da_xet' })
    await btn(w, 'dossier-preview').trigger('click')
    await flushPromises()
    expect(api.previewDossier).toHaveBeenCalledWith('p1')
    await vi.waitFor(() => expect(document.querySelectorAll('[data-testid="dossier-contents-line"]').length).toBe(3))
    const lines = [...document.querySelectorAll('[data-testid="dossier-contents-line"]')]
    expect(lines[0].textContent).toContain('Dự thảo')
    expect(lines[2].getAttribute('data-page')).toBe('8')
    expect(document.querySelector('[data-testid="dossier-drafts"]')).not.toBeNull()
    expect(Number(document.querySelector('[data-testid="pdf-stub"]')?.getAttribute('data-bytes'))).toBeGreaterThan(0)
  })

  it('runs the batch with a cancel button and reports a cancellation quietly', async () => {
    let reject: (e: unknown) => void = () => {}
    api.startBatch.mockImplementation(() => new Promise((_, rj) => (reject = rj)))
    api.cancelBatch.mockImplementation(async () => reject(new AppError('errors.cancelled')))
    const { w } = await mountPanel({ proposalId: 'p1', status: 'da_xet' })
    await btn(w, 'dossier-batch-combined').find('input').setValue(true)
    await btn(w, 'dossier-batch').trigger('click')
    await flushPromises()
    expect(api.startBatch).toHaveBeenCalledWith('p1', true)
    expect(btn(w, 'dossier-progress').exists()).toBe(true)
    await btn(w, 'dossier-batch-cancel').trigger('click')
    await flushPromises()
    expect(api.cancelBatch).toHaveBeenCalled()
    expect(btn(w, 'dossier-progress').exists()).toBe(false)
    await vi.waitFor(() => expect(document.body.textContent).toContain('Đã hủy; không tệp nào được ghi.'))
  })
})
