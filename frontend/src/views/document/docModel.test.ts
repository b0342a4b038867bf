import { describe, expect, it } from 'vitest'
import { translator } from '../../test/i18n'
import vi from '../../locales/vi.json'
import {
  DOC_STATUSES, MARKUP_LEGEND, SIGN_FORMS, authorityLines, blockingFindings, bodyBlockAt, checkDraft, findings, formFor, formatDocNumber, groupFieldErrors, lineKind, linesToList,
  listToLines, markupOutline, placeOf, signFormKey, statusKey, statusTagType,
} from './docModel'
import { fieldMessage } from '../../api/error'

const tr = translator()
const has = (key: string) => tr.te(key)

describe('markup', () => {
  it('classifies lines like pdf.ParseMarkup', () => {
    expect(lineKind('# I. MỤC ĐÍCH, YÊU CẦU')).toBe('h1')
    expect(lineKind('## 1. Mục đích')).toBe('h2')
    expect(lineKind('### a) Đối với tập thể')).toBe('h3')
    expect(lineKind('  - Cán bộ, công chức')).toBe('dash')
    expect(lineKind('> Căn cứ Luật Thi đua, khen thưởng;')).toBe('basis')
    expect(lineKind('^ Phần I')).toBe('center')
    expect(lineKind('{{bang:dang_ky}}')).toBe('table')
    expect(lineKind('{{ngat_trang}}')).toBe('pagebreak')
    expect(lineKind('   ')).toBe('blank')
    expect(lineKind('-5% so với năm trước')).toBe('para')
    expect(lineKind('#hashtag')).toBe('para')
    expect(lineKind('Đây là **đoạn văn** có {{bang:x}} ở giữa.')).toBe('para')
  })

  it('outlines a section', () => {
    const o = markupOutline('# I. MỤC ĐÍCH\n\n## 1. Mục đích\nNội dung.\n- một\n{{bang:dang_ky}}\n')
    expect(o.blocks).toBe(5)
    expect(o.headings).toEqual(['I. MỤC ĐÍCH', '1. Mục đích'])
    expect(o.tables).toEqual(['dang_ky'])
    expect(markupOutline(null).blocks).toBe(0)
  })

  it('finds the section and line of a body block', () => {
    const sections = [{ markup: '# I. A\n\nđoạn 1' }, { markup: '' }, { markup: 'x\ny\n\nz' }]
    expect(bodyBlockAt(sections, 0)).toEqual({ section: 0, line: 1 })
    expect(bodyBlockAt(sections, 1)).toEqual({ section: 0, line: 3 })
    expect(bodyBlockAt(sections, 2)).toEqual({ section: 2, line: 1 })
    expect(bodyBlockAt(sections, 4)).toEqual({ section: 2, line: 4 })
    expect(bodyBlockAt(sections, 5)).toBeNull()
  })

  it('has a legend entry in vi.json for every markup form', () => {
    expect(MARKUP_LEGEND.map((l) => lineKind(l.syntax.split('  ')[0]))).toEqual(['h1', 'h2', 'h3', 'dash', 'basis', 'center', 'table', 'pagebreak', 'para'])
    for (const l of MARKUP_LEGEND) expect(has(l.key), l.key).toBe(true)
  })
})

describe('lists edited as lines', () => {
  it('splits, trims and drops blank lines', () => {
    expect(linesToList('UBND tỉnh (để b/c);\r\n\n  Các phòng, đơn vị thuộc Sở;  \nLưu: VT, VP.\n')).toEqual(['UBND tỉnh (để b/c);', 'Các phòng, đơn vị thuộc Sở;', 'Lưu: VT, VP.'])
    expect(linesToList('')).toEqual([])
    expect(linesToList(null)).toEqual([])
  })

  it('round-trips a list', () => {
    const list = ['Như trên;', 'Lưu: VT, VP.']
    expect(listToLines(list)).toBe('Như trên;\nLưu: VT, VP.')
    expect(linesToList(listToLines(list))).toEqual(list)
    expect(listToLines(null)).toBe('')
  })
})

describe('printed strings', () => {
  it('prints the number with a leading zero, and the blank of a draft', () => {
    expect(formatDocNumber(5, 'KH-STNMT')).toBe('05/KH-STNMT')
    expect(formatDocNumber(12, 'BB-HĐTĐKT')).toBe('12/BB-HĐTĐKT')
    expect(formatDocNumber(0, 'KH-STNMT')).toBe('…/KH-STNMT')
    expect(formatDocNumber(0, '')).toBe('')
  })

  it('builds the authority lines of each signing form', () => {
    expect(authorityLines('', 'Sở Tài nguyên và Môi trường', 'Giám đốc', 'Giám đốc')).toEqual(['GIÁM ĐỐC'])
    expect(authorityLines('KT', '', 'GIÁM ĐỐC', 'Phó Giám đốc')).toEqual(['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'])
    expect(authorityLines('Q', '', 'GIÁM ĐỐC', 'Phó Giám đốc')).toEqual(['Q. GIÁM ĐỐC'])
    expect(authorityLines('TM', 'Hội đồng Thi đua - Khen thưởng', 'GIÁM ĐỐC', 'Chủ tịch')).toEqual(['TM. HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG', 'CHỦ TỊCH'])
    expect(authorityLines('TL', '', 'GIÁM ĐỐC', 'Chánh Văn phòng')).toEqual(['TL. GIÁM ĐỐC', 'CHÁNH VĂN PHÒNG'])
    expect(authorityLines('TUQ', '', 'GIÁM ĐỐC', 'Chánh Văn phòng')).toEqual(['TUQ. GIÁM ĐỐC', 'CHÁNH VĂN PHÒNG'])
  })

  it('keeps the signer form when it fits, else takes the usual one', () => {
    const deputy = { forms: ['KT', 'TM'], form: 'KT' }
    expect(formFor(deputy, 'TM')).toBe('TM')
    expect(formFor(deputy, '')).toBe('KT')
    expect(formFor(undefined, 'Q')).toBe('Q')
  })

  it('labels every status and signing form', () => {
    for (const s of DOC_STATUSES) expect(has(statusKey(s)), s).toBe(true)
    for (const f of SIGN_FORMS) expect(has(signFormKey(f)), f || 'none').toBe(true)
    expect(tr.t(statusKey(''))).toBe('Dự thảo')
    expect(statusTagType('ban_hanh')).toBe('success')
    expect(statusTagType('thu_hoi')).toBe('error')
    expect(statusTagType('du_thao')).toBe('default')
    expect(vi.nav.documents).toBe('Văn bản')
  })
})

describe('check findings and save errors', () => {
  const sections = [{ markup: '# I. MỤC ĐÍCH\nđoạn' }, { markup: '## 1. Nội dung\n\n- một' }]

  it('places a finding in the editor', () => {
    expect(placeOf('header.number')).toMatchObject({ field: 'number', labelKey: 'document.place.number' })
    expect(placeOf('header.date')).toMatchObject({ field: 'date' })
    expect(placeOf('title.summary')).toMatchObject({ field: 'summary' })
    expect(placeOf('kinhGui.1')).toEqual({ field: 'kinhGui', labelKey: 'document.place.kinhGuiLine', params: { n: 2 } })
    expect(placeOf('footer.recipients.3')).toEqual({ field: 'recipients', labelKey: 'document.place.recipientLine', params: { n: 4 } })
    expect(placeOf('footer.authority.0')).toMatchObject({ field: 'signForm' })
    expect(placeOf('body.3', sections)).toEqual({ field: 'sections.1', labelKey: 'document.place.sectionLine', params: { section: 2, line: 3 } })
    expect(placeOf('body.99', sections)).toMatchObject({ field: 'sections' })
    expect(placeOf('something.else')).toMatchObject({ field: '', labelKey: 'document.place.document' })
    // The register's own checks use the editor's field names.
    expect(placeOf('sections.2')).toEqual({ field: 'sections.2', labelKey: 'document.place.section', params: { n: 3 } })
    expect(placeOf('signerName')).toMatchObject({ field: 'signerName', labelKey: 'document.place.signer' })
    expect(placeOf('signerTitle')).toMatchObject({ field: 'signerTitle', labelKey: 'document.place.authority' })
    expect(placeOf('recipients')).toMatchObject({ field: 'recipients', labelKey: 'document.place.recipients' })
    for (const p of ['header.number', 'header.date', 'header.issuer', 'title.typeName', 'title.summary', 'kinhGui', 'kinhGui.0', 'footer.recipients', 'footer.recipients.0',
      'footer.authority.0', 'footer.signerName', 'body', 'body.0', 'appendices', 'appendices.0', 'margins', 'x', 'sections', 'sections.0', 'recipients', 'recipients.1',
      'summary', 'signerName', 'signerTitle']) {
      expect(has(placeOf(p, sections).labelKey), p).toBe(true)
    }
  })

  it('says each finding in Vietnamese, where it is and what is wrong', () => {
    const list = findings(
      [
        { field: 'footer.recipients.2', key: 'document.check.emptyAppendix' },
        { field: 'header.number', key: 'pdf.check.noSuchKeyYet' },
        { field: 'footer.recipients.5', key: 'pdf.check.recipientLuu', warning: true },
      ],
      tr,
    )
    expect(list[0]).toEqual({ field: 'recipients', where: 'Nơi nhận, dòng 3', text: 'Phụ lục chưa có nội dung.', warning: false })
    expect(list[1]).toEqual({ field: 'number', where: 'Số, ký hiệu', text: 'Chưa đúng thể thức.', warning: false })
    expect(list[2].warning).toBe(true)
    // Only the first two stop "Ban hành"; the third is advice.
    expect(blockingFindings(list).map((f) => f.field)).toEqual(['recipients', 'number'])
  })

  it('shows a save error on a list line under the list, with the line number', () => {
    const msg = (f: { field: string; key: string; params?: Record<string, unknown> }) => fieldMessage(f, tr)
    const map = groupFieldErrors(
      [
        { field: 'recipients.2', key: 'validation.required' },
        { field: 'recipients.4', key: 'validation.required' },
        { field: 'sections.1.markup', key: 'validation.tooLong', params: { max: 10, length: 12 } },
        { field: 'summary', key: 'validation.required' },
      ],
      msg,
      tr,
    )
    expect(map.recipients).toBe(`Dòng 3: ${tr.t('validation.required')}`)
    expect(map['sections.1']).toBe(tr.t('validation.tooLong', { max: 10, length: 12 }))
    expect(map['sections.1.markup']).toBe(map['sections.1'])
    expect(map.summary).toBe(tr.t('validation.required'))
  })

  it('checks the little it can before saving', () => {
    const d = { typeCode: '', summary: '  ', signerName: '', sections: [], appendices: [{ label: ' ', markup: '' }] }
    expect(checkDraft(d).map((e) => e.field)).toEqual(['typeCode', 'summary', 'appendices.0.markup'])
    expect(checkDraft({ ...d, typeCode: 'ke_hoach', summary: 'Kế hoạch', appendices: [] })).toEqual([])
  })
})
