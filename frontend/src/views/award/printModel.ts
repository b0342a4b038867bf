// The print panels' logic, kept out of the components so it can be
// tested: what a proposal's status allows, the progress of a long task,
// the contents of a dossier, and the certificate layout editor's checks.
import type { DossierResult, Layout, PartInfo, PlacedField, PrinterOffset } from '../../api/dossier'

/** The proposal statuses (award.Status*). */
export type ProposalStatus = 'nhap' | 'da_xet' | 'da_trinh' | 'tra_lai' | 'da_quyet_dinh'

/** The Tờ trình and the Biên bản are drafted (or refreshed) until the decision. */
export function canDraft(status: string): boolean {
  return status !== 'da_quyet_dinh'
}

/** Certificates need the council's vote: from "đã xét" on (not while back in editing). */
export function canPrintCertificates(status: string): boolean {
  return status === 'da_xet' || status === 'da_trinh' || status === 'da_quyet_dinh'
}

/** A progress step → whole percent, never 100 while the task still runs. */
export function percentOf(step: number, steps: number): number {
  if (!steps || steps <= 0 || step <= 0) return 0
  return Math.min(99, Math.floor((step * 100) / steps))
}

/** One line of the dossier's contents as the panel lists it. */
export interface ContentsLine extends PartInfo {
  /** The vi.json key of the tag shown beside it ("" for none). */
  tagKey: string
}

export function contentsOf(r: DossierResult | null): ContentsLine[] {
  if (!r) return []
  return r.parts.map((p) => ({ ...p, tagKey: p.draft ? 'dossier.contents.draft' : '' }))
}

/** The number of reports (parts under "Báo cáo thành tích"). */
export function reportCount(r: DossierResult | null): number {
  return r ? r.parts.filter((p) => p.level === 1).length : 0
}

// ---------------------------------------------------------------- certificates

export const STYLES = ['', 'B', 'I', 'BI'] as const
export const ALIGNS = ['L', 'C', 'R'] as const
/** vi.json keys of the styles, the alignments and the two register documents. */
export const STYLE_KEYS: Record<string, string> = { '': 'dossier.cert.styles.none', B: 'dossier.cert.styles.B', I: 'dossier.cert.styles.I', BI: 'dossier.cert.styles.BI' }
export const ALIGN_KEYS: Record<string, string> = { L: 'dossier.cert.aligns.L', C: 'dossier.cert.aligns.C', R: 'dossier.cert.aligns.R' }
export const DOC_KIND_KEYS = { toTrinh: 'dossier.type.toTrinh', bienBan: 'dossier.type.bienBan' } as const

/** A field problem found before saving: the field index, what and the vi.json key. */
export interface FieldProblem {
  index: number
  field: 'key' | 'x' | 'y' | 'w' | 'size'
  key: string
}

/** The checks SaveLayout makes, to mark the inputs before the round trip. */
export function layoutProblems(l: Layout): FieldProblem[] {
  const out: FieldProblem[] = []
  const seen = new Set<string>()
  l.fields.forEach((f, index) => {
    if (!/^[a-z0-9_-]{1,40}$/.test(f.key)) out.push({ index, field: 'key', key: 'dossier.cert.badKey' })
    else if (seen.has(f.key)) out.push({ index, field: 'key', key: 'dossier.cert.keyTwice' })
    seen.add(f.key)
    if (!(f.x >= 0 && f.x <= l.pageW)) out.push({ index, field: 'x', key: 'dossier.cert.offPaper' })
    if (!(f.y >= 0 && f.y <= l.pageH)) out.push({ index, field: 'y', key: 'dossier.cert.offPaper' })
    if (!(f.w >= 0 && f.w <= l.pageW)) out.push({ index, field: 'w', key: 'dossier.cert.offPaper' })
    if (!(f.size === 0 || (f.size >= 6 && f.size <= 72))) out.push({ index, field: 'size', key: 'dossier.cert.badSize' })
  })
  return out
}

/** A new field for the layout: the first key not used yet, in the middle of the paper. */
export function newField(l: Layout, keys: PlacedField[]): PlacedField {
  const used = new Set(l.fields.map((f) => f.key))
  const pick = keys.find((k) => !used.has(k.key)) ?? { key: `truong_${l.fields.length + 1}`, label: '' }
  return { key: pick.key, label: pick.label, x: Math.round(l.pageW / 2), y: Math.round(l.pageH / 2), w: Math.round(l.pageW * 0.6), size: 14, style: '', align: 'C' }
}

/** "A4 ngang (297 × 210 mm)" style description of a layout's paper. */
export function paperText(l: Pick<Layout, 'pageW' | 'pageH'>): { key: string; w: number; h: number } {
  return { key: l.pageW > l.pageH ? 'dossier.cert.landscape' : 'dossier.cert.portrait', w: l.pageW, h: l.pageH }
}

/** The saved offset of a printer (zero when none). */
export function offsetFor(list: PrinterOffset[], printer: string): { dx: number; dy: number } {
  const name = printer.trim()
  const o = list.find((x) => x.printer === name)
  return o ? { dx: o.dx, dy: o.dy } : { dx: 0, dy: 0 }
}

/** Offsets are whole tenths of a millimetre within ±30 mm. */
export function validOffset(v: number): boolean {
  return Number.isFinite(v) && Math.abs(v) <= 30
}
