// The editor's logic, kept out of the components so it can be tested: the
// markup legend and line classes (the same rules as pdf.ParseMarkup), list
// fields edited one line per item, the number as printed, the signing
// authority lines, and where a check finding or a save error belongs.
import type { FieldError, Translator } from '../../api/error'
import { translateParams } from '../../api/error'
import type { Problem } from '../../api/document'

/** The issuer key of the agency itself (a council's key is its unit id). */
export const AGENCY_ISSUER = 'agency'
export const DOC_STATUSES = ['du_thao', 'ban_hanh', 'thu_hoi'] as const
export const SIGN_FORMS = ['', 'KT', 'TM', 'Q', 'TL', 'TUQ'] as const
/** The templates the register's toolbar generates from. */
export const TEMPLATE_PLAN = 'ke-hoach-phong-trao'
export const TEMPLATE_INTERIM = 'bao-cao-so-ket'
export const TEMPLATE_FINAL = 'bao-cao-tong-ket'

/** vi.json key of a status's label. */
export const statusKey = (s: string) => `document.status.${s || 'du_thao'}`
/** vi.json key of a signing form's label ("" = the head signs). */
export const signFormKey = (f: string) => `document.signForm.${f || 'none'}`

export function statusTagType(s: string): 'default' | 'success' | 'error' {
  if (s === 'ban_hanh') return 'success'
  if (s === 'thu_hoi') return 'error'
  return 'default'
}

// ---------------------------------------------------------------- markup

/** One line of the legend: what to type and the vi.json key of what it gives. */
export interface LegendItem {
  syntax: string
  key: string
}

export const MARKUP_LEGEND: LegendItem[] = [
  { syntax: '# I. MỤC ĐÍCH, YÊU CẦU', key: 'document.markup.h1' },
  { syntax: '## 1. Mục đích', key: 'document.markup.h2' },
  { syntax: '### a) Đối với tập thể', key: 'document.markup.h3' },
  { syntax: '- nội dung', key: 'document.markup.dash' },
  { syntax: '> Căn cứ …;', key: 'document.markup.basis' },
  { syntax: '^ dòng chữ', key: 'document.markup.center' },
  { syntax: '{{bang:KEY}}', key: 'document.markup.table' },
  { syntax: '{{ngat_trang}}', key: 'document.markup.pageBreak' },
  { syntax: '**đậm**  *nghiêng*', key: 'document.markup.inline' },
]

export type LineKind = 'blank' | 'h1' | 'h2' | 'h3' | 'dash' | 'basis' | 'center' | 'table' | 'pagebreak' | 'para'

/** The block a markup line makes (pdf.ParseMarkup's rules, without the inline marks). */
export function lineKind(raw: string): LineKind {
  const line = raw.trim()
  if (!line) return 'blank'
  if (/^\{\{\s*bang:[^{}]+\}\}$/.test(line)) return 'table'
  if (/^\{\{\s*ngat_trang\s*\}\}$/.test(line)) return 'pagebreak'
  if (/^###(\s|$)/.test(line)) return 'h3'
  if (/^##(\s|$)/.test(line)) return 'h2'
  if (/^#(\s|$)/.test(line)) return 'h1'
  if (/^-(\s|$)/.test(line)) return 'dash'
  if (/^>(\s|$)/.test(line)) return 'basis'
  if (/^\^(\s|$)/.test(line)) return 'center'
  return 'para'
}

/** Blocks of a section's markup, and the headings in it (for the section's summary line). */
export function markupOutline(markup: string | null | undefined): { blocks: number; headings: string[]; tables: string[] } {
  const out = { blocks: 0, headings: [] as string[], tables: [] as string[] }
  for (const line of (markup ?? '').split(/\r?\n/)) {
    const k = lineKind(line)
    if (k === 'blank') continue
    out.blocks++
    if (k === 'h1' || k === 'h2' || k === 'h3') out.headings.push(line.trim().replace(/^#+\s*/, ''))
    if (k === 'table') out.tables.push(line.trim().replace(/^\{\{\s*bang:|\}\}$/g, '').trim())
  }
  return out
}

/** Which section, and which line of it (1-based), the body block n of the printed document comes from. */
export function bodyBlockAt(sections: { markup: string }[], n: number): { section: number; line: number } | null {
  let seen = 0
  for (let s = 0; s < sections.length; s++) {
    const lines = (sections[s].markup ?? '').split(/\r?\n/)
    for (let i = 0; i < lines.length; i++) {
      if (lineKind(lines[i]) === 'blank') continue
      if (seen === n) return { section: s, line: i + 1 }
      seen++
    }
  }
  return null
}

// ---------------------------------------------------------------- lists

/** A textarea's text to a list: one item a line, trimmed, blank lines dropped. */
export function linesToList(text: string | null | undefined): string[] {
  return (text ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
}

/** A list to a textarea's text. */
export function listToLines(list: string[] | null | undefined): string {
  return (list ?? []).join('\n')
}

// ---------------------------------------------------------------- printed strings

/** "05/KH-STNMT" (leading zero below 10); a draft (0) shows the blank the paper leaves. */
export function formatDocNumber(n: number | null | undefined, symbol: string): string {
  if (!n) return symbol ? `…/${symbol}` : ''
  const num = n < 10 ? `0${n}` : String(n)
  return symbol ? `${num}/${symbol}` : num
}

/** The authority lines of the signature block, as pdf.Authority prints them. */
export function authorityLines(form: string, body: string, headTitle: string, signerTitle: string): string[] {
  const up = (s: string) => s.trim().toLocaleUpperCase('vi')
  switch (form) {
    case 'KT':
      return [`KT. ${up(headTitle)}`, up(signerTitle)]
    case 'Q':
      return [`Q. ${up(headTitle)}`]
    case 'TM':
      return [`TM. ${up(body)}`, up(signerTitle)]
    case 'TL':
    case 'TUQ':
      return [`${form}. ${up(headTitle)}`, up(signerTitle)]
    default:
      return [up(headTitle)]
  }
}

// ---------------------------------------------------------------- check findings and save errors

/** Where a finding of Check() (a path into the printed pdf.Doc) shows in the editor. */
export interface Place {
  /** The editor's field ("summary", "recipients", "sections.2", …) or "" for the document as a whole. */
  field: string
  /** vi.json key of the place's label, with its params. */
  labelKey: string
  params: Record<string, unknown>
}

export function placeOf(path: string, sections: { markup: string }[] = []): Place {
  const parts = path.split('.')
  const index = (i: number) => Number(parts[i]) + 1
  const p = (field: string, labelKey: string, params: Record<string, unknown> = {}): Place => ({ field, labelKey, params })
  switch (parts[0]) {
    case 'header':
      if (parts[1] === 'number' || parts[1] === 'symbol') return p('number', 'document.place.number')
      if (parts[1] === 'date' || parts[1] === 'year' || parts[1] === 'place') return p('date', 'document.place.date')
      if (parts[1] === 'issuer' || parts[1] === 'parentBody') return p('issuerKey', 'document.place.issuer')
      if (parts[1] === 'subject') return p('summary', 'document.place.summary')
      break
    case 'title':
      return parts[1] === 'typeName' ? p('typeCode', 'document.place.type') : p('summary', 'document.place.summary')
    case 'kinhGui':
      return parts.length > 1 ? p('kinhGui', 'document.place.kinhGuiLine', { n: index(1) }) : p('kinhGui', 'document.place.kinhGui')
    case 'footer':
      if (parts[1] === 'recipients') return parts.length > 2 ? p('recipients', 'document.place.recipientLine', { n: index(2) }) : p('recipients', 'document.place.recipients')
      if (parts[1] === 'authority') return p('signForm', 'document.place.authority')
      if (parts[1] === 'signerName') return p('signerName', 'document.place.signer')
      break
    case 'body': {
      const at = parts.length > 1 ? bodyBlockAt(sections, Number(parts[1])) : null
      if (at) return p(`sections.${at.section}`, 'document.place.sectionLine', { section: at.section + 1, line: at.line })
      return p('sections', 'document.place.body')
    }
    case 'appendices':
      return parts.length > 1 ? p(`appendices.${parts[1]}`, 'document.place.appendix', { n: index(1) }) : p('appendices', 'document.place.appendices')
    // The register's own checks name the editor's fields directly.
    case 'sections':
      return parts.length > 1 ? p(`sections.${parts[1]}`, 'document.place.section', { n: index(1) }) : p('sections', 'document.place.body')
    case 'recipients':
      return parts.length > 1 ? p('recipients', 'document.place.recipientLine', { n: index(1) }) : p('recipients', 'document.place.recipients')
    case 'summary':
      return p('summary', 'document.place.summary')
    case 'signerName':
      return p('signerName', 'document.place.signer')
    case 'signerTitle':
    case 'headTitle':
    case 'signForm':
      return p(parts[0], 'document.place.authority')
    case 'margins':
      return p('', 'document.place.margins')
  }
  return p('', 'document.place.document')
}

/** A finding as the check panel lists it: where, and what (in Vietnamese). */
export interface Finding {
  field: string
  where: string
  text: string
  /** Advice only: the backend issues the document anyway. */
  warning: boolean
}

/** The findings that stop "Ban hành" (the others are advice). */
export const blockingFindings = (f: Finding[]): Finding[] => f.filter((x) => !x.warning)

export function findings(problems: Problem[], tr: Translator, sections: { markup: string }[] = []): Finding[] {
  return problems.map((pr) => {
    const place = placeOf(pr.field, sections)
    const text = tr.te(pr.key) ? tr.t(pr.key, translateParams(pr.params, tr)) : tr.t('document.check.unknown')
    return { field: place.field, where: tr.t(place.labelKey, place.params), text, warning: !!pr.warning }
  })
}

/**
 * Save errors shown at the form items: an error on one line of a list field
 * ("recipients.2") shows under the whole list with its line number; an error
 * inside a section or appendix ("sections.1.markup") under that card.
 */
export function groupFieldErrors(errors: FieldError[], message: (f: FieldError) => string, tr: Translator): Record<string, string> {
  const out: Record<string, string> = {}
  const put = (field: string, text: string) => {
    if (!(field in out)) out[field] = text
  }
  for (const f of errors) {
    const parts = f.field.split('.')
    const text = message(f)
    if ((parts[0] === 'recipients' || parts[0] === 'kinhGui') && parts.length > 1 && /^\d+$/.test(parts[1])) {
      put(parts[0], tr.t('document.place.lineMessage', { n: Number(parts[1]) + 1, message: text }))
    } else if ((parts[0] === 'sections' || parts[0] === 'appendices') && parts.length > 2) {
      put(`${parts[0]}.${parts[1]}.${parts[2]}`, text)
      put(`${parts[0]}.${parts[1]}`, text)
    } else {
      put(f.field, text)
    }
  }
  return out
}

// ---------------------------------------------------------------- client checks

export interface DraftLike {
  typeCode: string
  summary: string
  signerName: string
  sections: { title: string; markup: string }[]
  appendices: { label: string; markup: string }[]
}

/** The few checks the editor makes before a save (the backend checks everything). */
export function checkDraft(d: DraftLike): FieldError[] {
  const out: FieldError[] = []
  if (!d.typeCode) out.push({ field: 'typeCode', key: 'validation.required' })
  if (!d.summary.trim()) out.push({ field: 'summary', key: 'validation.required' })
  d.appendices.forEach((a, i) => {
    if (!a.label.trim() && !a.markup.trim()) out.push({ field: `appendices.${i}.markup`, key: 'document.check.emptyAppendix' })
  })
  return out
}

/** The sign form a signer normally uses, when the current one does not fit them. */
export function formFor(signer: { forms: string[]; form: string } | undefined, current: string): string {
  if (!signer) return current
  if (signer.forms.includes(current)) return current
  return signer.form
}
