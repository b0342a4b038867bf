// The printed award forms (app.Dossiers): the Tờ trình and Biên bản of a
// proposal drafted into the document register, the báo cáo thành tích of a
// nominee, the combined dossier, batch printing with progress and cancel,
// the Excel list, and Giấy khen on pre-printed blanks.
import * as D from '../../wailsjs/go/app/Dossiers'
import { award, dossier } from '../../wailsjs/go/models'
import { call } from './error'
import { normaliseDoc, type Doc } from './document'
import type { Plain } from './types'

export type DossierResult = Plain<dossier.Result>
export type PartInfo = Plain<dossier.PartInfo>
export type BatchResult = Plain<dossier.BatchResult>
export type ReportForm = Plain<dossier.ReportForm>
export type Layout = Plain<dossier.Layout>
export type PlacedField = Layout['fields'][number]
export type PrinterOffset = Plain<award.PrinterOffset>
export type ReportSection = Plain<award.ReportSection>

const arr = <T>(a: T[] | null | undefined): T[] => (Array.isArray(a) ? a : [])

/** Go's nil slices arrive as null: the screens get arrays. */
export function normaliseResult(r: DossierResult): DossierResult {
  return { ...r, pdf: r.pdf ?? '', parts: arr(r.parts), replaced: arr(r.replaced), missing: arr(r.missing) }
}

export function normaliseLayout(l: Layout): Layout {
  return { ...l, fields: arr(l.fields).map((f) => ({ ...f })) }
}

export function normaliseForm(f: ReportForm): ReportForm {
  return { ...f, headings: arr(f.headings), left: arr(f.left), right: arr(f.right) }
}

/** A layout as SaveLayout takes it: numbers as numbers, no shown-only fields. */
export function toLayoutInput(l: Layout): Layout {
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : Number(v) || 0)
  return {
    ...l,
    pageW: num(l.pageW),
    pageH: num(l.pageH),
    fields: arr(l.fields).map((f) => ({ ...f, x: num(f.x), y: num(f.y), w: num(f.w), size: num(f.size), style: f.style ?? '', align: f.align || 'L' })),
  }
}

/** An offset as SaveOffset takes it (without the time stamps). */
export function toOffsetInput(o: Partial<PrinterOffset>): PrinterOffset {
  const { createdAt: _c, updatedAt: _u, deletedAt: _d, ...rest } = o as PrinterOffset
  const base = { id: '', version: 0, agencyId: '', note: '', printer: '' }
  return { ...base, ...rest, dx: Number(o.dx) || 0, dy: Number(o.dy) || 0 } as PrinterOffset
}

export const reportForms = (): Promise<ReportForm[]> => call(() => D.ReportForms()).then((a) => arr(a).map(normaliseForm))
/** Creates or refreshes (while a draft) the proposal's Tờ trình in the register. */
export const draftToTrinh = (proposalId: string): Promise<Doc> => call(() => D.DraftToTrinh(proposalId)).then(normaliseDoc)
/** Creates or refreshes (while a draft) the council's Biên bản in the register. */
export const draftBienBan = (proposalId: string): Promise<Doc> => call(() => D.DraftBienBan(proposalId)).then(normaliseDoc)
/** A nominee's báo cáo thành tích drafted from the data (not saved). */
export const draftReport = (nomineeId: string): Promise<ReportSection[]> => call(() => D.DraftReport(nomineeId)).then((a) => arr(a))
export const previewReport = (nomineeId: string): Promise<DossierResult> => call(() => D.PreviewReport(nomineeId)).then(normaliseResult)
/** The combined dossier (emits "progress" {task: "dossier"}; cancelBatch stops it). */
export const previewDossier = (proposalId: string): Promise<DossierResult> => call(() => D.Preview(proposalId)).then(normaliseResult)
/** Save dialog, then renders and writes the dossier; "" means the user cancelled. */
export const saveDossierPDF = (proposalId: string): Promise<string> => call(() => D.SavePDF(proposalId))
/** Folder (or, combined, file) dialog, then prints every report; no files means the user cancelled. */
export const startBatch = (proposalId: string, combined: boolean): Promise<BatchResult> =>
  call(() => D.StartBatch(proposalId, combined)).then((r) => ({ ...r, files: arr(r?.files) }))
export const cancelBatch = (): Promise<void> => call(() => D.CancelBatch())
/** Save dialog, then writes the proposal list workbook; "" means the user cancelled. */
export const exportList = (proposalId: string): Promise<string> => call(() => D.ExportXLSX(proposalId))

export const listLayouts = (): Promise<Layout[]> => call(() => D.Layouts()).then((a) => arr(a).map(normaliseLayout))
export const certFields = (): Promise<PlacedField[]> => call(() => D.CertFields()).then((a) => arr(a))
export const saveLayout = (l: Layout): Promise<Layout> => call(() => D.SaveLayout(dossier.Layout.createFrom(toLayoutInput(l)))).then(normaliseLayout)
export const deleteLayout = (id: string): Promise<void> => call(() => D.DeleteLayout(id))
export const resetLayout = (code: string): Promise<Layout> => call(() => D.ResetLayout(code)).then(normaliseLayout)
export const listOffsets = (): Promise<PrinterOffset[]> => call(() => D.Offsets()).then((a) => arr(a))
export const saveOffset = (o: Partial<PrinterOffset>): Promise<PrinterOffset> => call(() => D.SaveOffset(award.PrinterOffset.createFrom(toOffsetInput(o))))
export const previewCertificates = (proposalId: string, layoutCode: string, printer: string): Promise<DossierResult> =>
  call(() => D.PreviewCertificates(proposalId, layoutCode, printer)).then(normaliseResult)
/** Opens the certificates in the system's PDF viewer (print at 100 %). */
export const printCertificates = (proposalId: string, layoutCode: string, printer: string): Promise<void> =>
  call(() => D.PrintCertificates(proposalId, layoutCode, printer))
export const previewCalibration = (layoutCode: string, printer: string): Promise<DossierResult> =>
  call(() => D.PreviewCalibration(layoutCode, printer)).then(normaliseResult)
/** Opens the calibration page in the system's PDF viewer. */
export const printCalibration = (layoutCode: string, printer: string): Promise<void> => call(() => D.PrintCalibration(layoutCode, printer))
