import { describe, expect, it } from 'vitest'
import {
  draftBienBan, draftReport, draftToTrinh, exportList, listLayouts, listOffsets, previewDossier, reportForms, saveLayout, saveOffset, startBatch, toLayoutInput,
  type Layout,
} from './dossier'

type Fn = (...args: unknown[]) => Promise<unknown>
function bridge(fns: Record<string, Fn>) {
  ;(globalThis as unknown as { window: unknown }).window = { go: { app: { Dossiers: fns } } }
}

const layout = (over: Partial<Layout> = {}) =>
  ({
    id: 'l1', version: 1, code: 'giay-khen-a4-ngang', name: 'Giấy khen khổ A4 ngang', formCode: 'giay_khen', pageW: 297, pageH: 210,
    fields: [{ key: 'ho_ten', label: 'Họ và tên', x: 148.5, y: 100, w: 220, size: 24, style: 'B', align: 'C' }], note: '', builtin: true, sortOrder: 10,
    ...over,
  }) as Layout

describe('dossier wrappers', () => {
  it('fills the lists of a dossier result and passes the proposal id', async () => {
    let asked = ''
    bridge({
      Preview: (id) => {
        asked = id as string
        return Promise.resolve({ pdf: 'JVBERi0=', pages: 12, font: 'Liberation Serif', parts: null, replaced: null, missing: null, drafts: true, fileName: 'x.pdf' })
      },
    })
    const r = await previewDossier('p1')
    expect(asked).toBe('p1')
    expect(r).toMatchObject({ pdf: 'JVBERi0=', pages: 12, parts: [], replaced: [], missing: [], drafts: true })
  })

  it('normalises the drafted documents, the report sections and the forms', async () => {
    bridge({
      DraftToTrinh: () => Promise.resolve({ id: 'd1', typeCode: 'to_trinh', kinhGui: null, recipients: ['Như trên'], sections: null, appendices: null }),
      DraftBienBan: () => Promise.resolve({ id: 'd2', typeCode: 'bien_ban', kinhGui: null, recipients: null, sections: [], appendices: null, leftSigner: { authority: ['THƯ KÝ'], name: 'B' } }),
      DraftReport: () => Promise.resolve(null),
      ReportForms: () => Promise.resolve([{ code: 'tap_the', name: 'x', headings: null, left: null, right: null, source: 's', confirmed: false, note: '' }]),
    })
    const tt = await draftToTrinh('p1')
    expect(tt.kinhGui).toEqual([])
    expect(tt.recipients).toEqual(['Như trên'])
    const bb = await draftBienBan('p1')
    expect(bb.leftSigner?.authority).toEqual(['THƯ KÝ'])
    expect(bb.sections).toEqual([])
    expect(await draftReport('n1')).toEqual([])
    const [f] = await reportForms()
    expect(f.headings).toEqual([])
    expect(f.confirmed).toBe(false)
  })

  it('sends layouts with numbers and offsets without time stamps', async () => {
    let sentLayout: Record<string, unknown> = {}
    let sentOffset: Record<string, unknown> = {}
    bridge({
      Layouts: () => Promise.resolve([{ ...layout(), fields: null }]),
      SaveLayout: (l) => {
        sentLayout = JSON.parse(JSON.stringify(l))
        return Promise.resolve({ ...(l as object), version: 2 })
      },
      Offsets: () => Promise.resolve(null),
      SaveOffset: (o) => {
        sentOffset = JSON.parse(JSON.stringify(o))
        return Promise.resolve({ ...(o as object), version: 1 })
      },
    })
    expect((await listLayouts())[0].fields).toEqual([])
    expect(await listOffsets()).toEqual([])
    const l = layout()
    ;(l.fields[0] as unknown as { x: unknown }).x = '150.5'
    l.fields[0].align = ''
    const saved = await saveLayout(l)
    expect(saved.version).toBe(2)
    expect(sentLayout).toMatchObject({ code: 'giay-khen-a4-ngang', pageW: 297, fields: [{ key: 'ho_ten', x: 150.5, align: 'L' }] })
    expect(toLayoutInput(layout({ pageW: Number.NaN })).pageW).toBe(0)
    await saveOffset({ printer: 'Canon', dx: 1.5, dy: -2, createdAt: 'x', updatedAt: 'y', deletedAt: null } as never)
    expect(sentOffset).toMatchObject({ printer: 'Canon', dx: 1.5, dy: -2, id: '' })
    expect(sentOffset).not.toHaveProperty('createdAt')
  })

  it('passes the batch mode and decodes a cancellation', async () => {
    let mode: unknown
    bridge({
      StartBatch: (_id, combined) => {
        mode = combined
        return Promise.resolve({ files: null, pages: 0, reports: 0 })
      },
      ExportXLSX: () => Promise.reject('{"key":"errors.cancelled","code":"E-1"}'),
    })
    const r = await startBatch('p1', true)
    expect(mode).toBe(true)
    expect(r.files).toEqual([])
    await expect(exportList('p1')).rejects.toMatchObject({ key: 'errors.cancelled' })
  })
})
