import { describe, expect, it } from 'vitest'
import {
  checkDocument, docQuery, generateDocument, getDocument, issueDocument, listDocuments, listReservations, listSigners, listTemplates, previewDocument, revokeDocument,
  saveDocument, saveTemplate, savePDF, toSaveInput, type Doc, type Template,
} from './document'

type Fn = (...args: unknown[]) => Promise<unknown>
function bridge(fns: Record<string, Fn>) {
  ;(globalThis as unknown as { window: unknown }).window = { go: { app: { Documents: fns } } }
}

const rawDoc = (over: Record<string, unknown> = {}) =>
  ({
    id: 'd1', createdAt: '2025-01-01T00:00:00Z', updatedAt: '2025-01-02T00:00:00Z', deletedAt: null, version: 2, agencyId: 'a', typeCode: 'ke_hoach', issuerKey: 'agency',
    status: 'du_thao', series: '', year: 2025, number: 0, symbol: 'KH-STNMT', date: '', summary: 'Tổ chức thực hiện Phong trào thi đua', draftUnit: 'VP',
    kinhGui: null, recipients: null, sections: null, appendices: null, signForm: 'KT', headTitle: 'GIÁM ĐỐC', signerTitle: 'PHÓ GIÁM ĐỐC', signerName: 'Nguyễn Văn A',
    templateCode: 'ke-hoach-phong-trao', campaignId: null, reservationId: null, issuedAt: null, pdfAttachmentId: null, pdfSha256: '', pdfPages: 0,
    signedAttachmentId: null, signedFileName: '', revokeReason: '', revokedAt: null, note: '', typeName: 'Kế hoạch', issuerName: 'SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG', numberText: '',
    ...over,
  }) as unknown as Doc

describe('document wrappers', () => {
  it('turns the list filters (strings) into the query and fills a nil page', async () => {
    let sent: Record<string, unknown> = {}
    bridge({
      List: (q) => {
        sent = q as Record<string, unknown>
        return Promise.resolve({ items: [rawDoc()], total: 1, page: 1, pageSize: 20 })
      },
    })
    const page = await listDocuments(docQuery({ search: 'ke hoach', status: 'ban_hanh', typeCode: 'ke_hoach', year: '2025', page: 2, pageSize: 50 }))
    expect(sent).toMatchObject({ search: 'ke hoach', status: 'ban_hanh', typeCode: 'ke_hoach', issuerKey: '', year: 2025, page: 2, pageSize: 50, deleted: false })
    expect(page.items[0].sections).toEqual([])
    expect(page.items[0].recipients).toEqual([])
    expect(docQuery({ year: '' }).year).toBe(0)
    bridge({ List: () => Promise.resolve({ items: null, total: 0, page: 1, pageSize: 20 }) })
    expect((await listDocuments(docQuery({}))).items).toEqual([])
  })

  it('normalises a document and sends a save without the shown-only fields', async () => {
    let sent: Record<string, unknown> = {}
    bridge({
      Get: (id) => Promise.resolve(rawDoc({ id, kinhGui: ['UBND tỉnh Quảng Bình'] })),
      Save: (d) => {
        sent = JSON.parse(JSON.stringify(d)) // what goes over the wire
        return Promise.resolve(rawDoc({ version: 3, recipients: ['Lưu: VT, VP.'] }))
      },
    })
    const d = await getDocument('d9')
    expect(d.id).toBe('d9')
    expect(d.kinhGui).toEqual(['UBND tỉnh Quảng Bình'])
    expect(d.appendices).toEqual([])
    const saved = await saveDocument(d)
    expect(saved.version).toBe(3)
    expect(saved.recipients).toEqual(['Lưu: VT, VP.'])
    expect(sent).toMatchObject({ id: 'd9', version: 2, summary: 'Tổ chức thực hiện Phong trào thi đua', kinhGui: ['UBND tỉnh Quảng Bình'], sections: [] })
    for (const k of ['createdAt', 'updatedAt', 'deletedAt', 'issuedAt', 'revokedAt', 'numberText', 'typeName', 'issuerName', 'campaignId', 'reservationId']) {
      expect(sent, k).not.toHaveProperty(k)
    }
    expect(toSaveInput(rawDoc({ campaignId: 'c1' }))).toHaveProperty('campaignId', 'c1')
  })

  it('passes the generated draft, the check findings and the issue request through', async () => {
    let issued: unknown
    bridge({
      Generate: (code) => Promise.resolve(rawDoc({ templateCode: code, sections: [{ key: 'muc_dich', title: 'Mục đích', markup: '# I. MỤC ĐÍCH, YÊU CẦU' }] })),
      Check: () => Promise.resolve([{ field: 'footer.recipients.1', key: 'pdf.check.recipientEnd' }]),
      Issue: (r) => {
        issued = r
        return Promise.resolve(rawDoc({ status: 'ban_hanh', number: 5, numberText: '05/KH-STNMT', date: '2025-01-05' }))
      },
    })
    const g = await generateDocument('ke-hoach-phong-trao')
    expect(g.templateCode).toBe('ke-hoach-phong-trao')
    expect(g.sections[0].key).toBe('muc_dich')
    expect(await checkDocument(g)).toEqual([{ field: 'footer.recipients.1', key: 'pdf.check.recipientEnd' }])
    const d = await issueDocument({ id: 'd1', version: 2, date: '2025-01-05', reservationId: '' })
    expect(issued).toEqual({ id: 'd1', version: 2, date: '2025-01-05', reservationId: '' })
    expect(d.numberText).toBe('05/KH-STNMT')
    bridge({ Check: () => Promise.resolve(null) })
    expect(await checkDocument(g)).toEqual([])
  })

  it('fills the lists of a preview, of templates and of signers', async () => {
    bridge({
      Preview: () => Promise.resolve({ pdf: 'JVBERi0=', pages: 3, font: 'Liberation Serif', fontSource: 'nhúng sẵn', replaced: null, problems: null, archived: true }),
      Templates: () => Promise.resolve([{ code: 'ke-hoach-phong-trao', name: 'Kế hoạch', kinhGui: null, recipients: null, sections: null, appendices: null, placeholders: null }]),
      Signers: () => Promise.resolve([{ name: 'Nguyễn Văn A', title: 'GIÁM ĐỐC', head: true, forms: null, form: '' }]),
      Reservations: () => Promise.resolve(null),
    })
    const p = await previewDocument('d1')
    expect(p).toMatchObject({ pdf: 'JVBERi0=', pages: 3, replaced: [], problems: [], archived: true })
    const [tpl] = await listTemplates()
    expect(tpl.sections).toEqual([])
    expect(tpl.placeholders).toEqual([])
    expect((await listSigners())[0].forms).toEqual([])
    expect(await listReservations('', 0)).toEqual([])
  })

  it('sends a template without the placeholders and time stamps', async () => {
    let sent: Record<string, unknown> = {}
    bridge({
      SaveTemplate: (t) => {
        sent = JSON.parse(JSON.stringify(t))
        return Promise.resolve({ ...(t as object), placeholders: null })
      },
    })
    const tpl = { id: 't1', version: 1, createdAt: 'x', updatedAt: 'y', deletedAt: null, code: 'bao-cao-so-ket', name: 'Báo cáo sơ kết', placeholders: [{ name: 'co_quan.ten' }] } as unknown as Template
    const saved = await saveTemplate(tpl)
    expect(sent).not.toHaveProperty('placeholders')
    expect(sent).not.toHaveProperty('createdAt')
    expect(sent).toMatchObject({ id: 't1', code: 'bao-cao-so-ket', kinhGui: [], sections: [] })
    expect(saved.placeholders).toEqual([])
  })

  it('decodes the backend errors of revoke and save-as', async () => {
    bridge({
      Revoke: () => Promise.reject('{"key":"errors.invalid","fields":[{"field":"reason","key":"validation.required"}],"code":""}'),
      SavePDF: () => Promise.resolve(''),
    })
    await expect(revokeDocument('d1', '')).rejects.toMatchObject({ key: 'errors.invalid', fields: [{ field: 'reason', key: 'validation.required' }] })
    await expect(savePDF('d1')).resolves.toBe('')
  })
})
