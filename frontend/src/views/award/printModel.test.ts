import { describe, expect, it } from 'vitest'
import { translator } from '../../test/i18n'
import type { DossierResult, Layout } from '../../api/dossier'
import { canDraft, canPrintCertificates, contentsOf, layoutProblems, newField, offsetFor, paperText, percentOf, reportCount, validOffset } from './printModel'

const tr = translator()

const layout = (): Layout => ({
  id: 'l1', version: 1, code: 'giay-khen-a4-ngang', name: 'Giấy khen', formCode: 'giay_khen', pageW: 297, pageH: 210, note: '', builtin: true, sortOrder: 10,
  fields: [
    { key: 'ho_ten', label: 'Họ và tên', x: 148.5, y: 100, w: 220, size: 24, style: 'B', align: 'C' },
    { key: 'ngay', label: 'Ngày', x: 205, y: 152, w: 130, size: 14, style: 'I', align: 'C' },
  ],
})

describe('print model', () => {
  it('says what a status allows', () => {
    expect(canDraft('nhap')).toBe(true)
    expect(canDraft('da_trinh')).toBe(true)
    expect(canDraft('da_quyet_dinh')).toBe(false)
    expect(canPrintCertificates('nhap')).toBe(false)
    expect(canPrintCertificates('tra_lai')).toBe(false)
    expect(canPrintCertificates('da_xet')).toBe(true)
    expect(canPrintCertificates('da_quyet_dinh')).toBe(true)
  })

  it('turns progress into a percent below 100 while running', () => {
    expect(percentOf(0, 10)).toBe(0)
    expect(percentOf(5, 10)).toBe(50)
    expect(percentOf(10, 10)).toBe(99)
    expect(percentOf(3, 0)).toBe(0)
  })

  it('lists the contents with the draft tag and counts the reports', () => {
    const r = {
      parts: [
        { title: 'Tờ trình (dự thảo)', level: 0, page: 2, draft: true },
        { title: 'Biên bản số 01/BB-HĐTĐKT', level: 0, page: 5, draft: false },
        { title: 'Báo cáo thành tích', level: 0, page: 7, draft: false },
        { title: 'Văn phòng Sở', level: 1, page: 7, draft: false },
        { title: 'Thanh tra Sở', level: 1, page: 9, draft: false },
      ],
    } as DossierResult
    const c = contentsOf(r)
    expect(c[0].tagKey).toBe('dossier.contents.draft')
    expect(tr.te(c[0].tagKey)).toBe(true)
    expect(c[1].tagKey).toBe('')
    expect(reportCount(r)).toBe(2)
    expect(contentsOf(null)).toEqual([])
  })

  it('checks a layout like the backend and adds fields that are not there yet', () => {
    const l = layout()
    expect(layoutProblems(l)).toEqual([])
    l.fields[1].key = 'ho_ten'
    l.fields[0].x = 400
    l.fields[0].size = 3
    const p = layoutProblems(l)
    expect(p.map((x) => `${x.index}.${x.field}`)).toEqual(['0.x', '0.size', '1.key'])
    for (const x of p) expect(tr.te(x.key)).toBe(true)
    const f = newField(layout(), [{ key: 'ho_ten', label: 'Họ và tên', x: 0, y: 0, w: 0, size: 0, style: '', align: '' }, { key: 'nguoi_ky', label: 'Người ký', x: 0, y: 0, w: 0, size: 0, style: '', align: '' }])
    expect(f).toMatchObject({ key: 'nguoi_ky', x: 149, y: 105, align: 'C' })
  })

  it('describes the paper and finds a printer offset', () => {
    const p = paperText({ pageW: 297, pageH: 210 })
    expect(tr.t(p.key, { w: p.w, h: p.h })).toBe('Ngang 297 × 210 mm')
    expect(paperText({ pageW: 210, pageH: 297 }).key).toBe('dossier.cert.portrait')
    const list = [{ printer: 'Canon', dx: 1.5, dy: -2 }] as never
    expect(offsetFor(list, ' Canon ')).toEqual({ dx: 1.5, dy: -2 })
    expect(offsetFor(list, 'HP')).toEqual({ dx: 0, dy: 0 })
    expect(validOffset(30)).toBe(true)
    expect(validOffset(-30.5)).toBe(false)
    expect(validOffset(Number.NaN)).toBe(false)
  })
})

describe('print model keys', () => {
  it('names every style, alignment and document kind in vi.json', async () => {
    const { ALIGNS, ALIGN_KEYS, DOC_KIND_KEYS, STYLES, STYLE_KEYS } = await import('./printModel')
    for (const s of STYLES) expect(tr.te(STYLE_KEYS[s]), s).toBe(true)
    for (const a of ALIGNS) expect(tr.te(ALIGN_KEYS[a]), a).toBe(true)
    for (const k of Object.values(DOC_KIND_KEYS)) expect(tr.te(k), k).toBe(true)
  })
})
