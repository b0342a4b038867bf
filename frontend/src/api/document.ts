import * as D from '../../wailsjs/go/app/Documents'
import { document } from '../../wailsjs/go/models'
import { call } from './error'
import type { PageOf, Plain } from './types'

export type DocType = Plain<document.Type>
export type Issuer = Plain<document.Issuer>
export type Signer = Plain<document.Signer>
export type Section = Plain<document.Section>
export type Appendix = Plain<document.Appendix>
export type Doc = Plain<document.Document>
export type DocQuery = Plain<document.Query>
export type Preview = Plain<document.Preview>
export type Reservation = Plain<document.Reservation>
export type Template = Plain<document.Template>
export type Placeholder = Plain<document.Placeholder>
export type IssueRequest = Plain<document.IssueRequest>
export type ReserveRequest = Plain<document.ReserveRequest>
export type DocSettings = Plain<document.Settings>

/** One finding of the format check (pdf.Problem): a dotted path into the printed document and a vi.json key. */
export interface Problem {
  field: string
  key: string
  params?: Record<string, unknown>
  /** Advice (practice, not the decree): shown, but it does not stop the issue. */
  warning?: boolean
}

const arr = <T>(a: T[] | null | undefined): T[] => (Array.isArray(a) ? a : [])

/** Go's nil slices arrive as null: the screens get arrays. */
export function normaliseDoc(d: Doc): Doc {
  return {
    ...d,
    kinhGui: arr(d.kinhGui),
    recipients: arr(d.recipients),
    sections: arr(d.sections),
    appendices: arr(d.appendices),
  }
}

export function normaliseTemplate(t: Template): Template {
  return {
    ...t,
    kinhGui: arr(t.kinhGui),
    recipients: arr(t.recipients),
    sections: arr(t.sections),
    appendices: arr(t.appendices),
    placeholders: arr(t.placeholders),
  }
}

export function normalisePreview(p: Preview): Preview {
  return { ...p, pdf: p.pdf ?? '', replaced: arr(p.replaced), problems: arr(p.problems) }
}

export function normaliseSigner(s: Signer): Signer {
  return { ...s, forms: arr(s.forms) }
}

/** The list filters as the list state keeps them (strings), turned into the backend's query. */
export function docQuery(q: Partial<Omit<DocQuery, 'year'>> & { year?: number | string }): DocQuery {
  return {
    search: q.search ?? '',
    sortBy: q.sortBy ?? '',
    desc: q.desc ?? false,
    page: q.page ?? 1,
    pageSize: q.pageSize ?? 20,
    deleted: q.deleted ?? false,
    status: q.status ?? '',
    typeCode: q.typeCode ?? '',
    issuerKey: q.issuerKey ?? '',
    year: Number(q.year) || 0,
  }
}

/** A document as Save takes it: without what only the backend sets or shows. */
export function toSaveInput(d: Doc): Doc {
  const out = { ...normaliseDoc(d) } as Partial<Doc>
  for (const k of ['createdAt', 'updatedAt', 'deletedAt', 'issuedAt', 'revokedAt', 'typeName', 'issuerName', 'numberText'] as const) delete out[k]
  for (const k of ['campaignId', 'reservationId', 'pdfAttachmentId', 'signedAttachmentId'] as const) if (out[k] === null || out[k] === undefined) delete out[k]
  return out as Doc
}

export function toTemplateInput(t: Template): Template {
  const out = { ...normaliseTemplate(t) } as Partial<Template>
  for (const k of ['createdAt', 'updatedAt', 'deletedAt', 'placeholders'] as const) delete out[k]
  return out as Template
}

export const listTypes = (): Promise<DocType[]> => call(() => D.Types()).then((a) => arr(a))
export const saveType = (t: DocType): Promise<DocType> => {
  const { createdAt: _c, updatedAt: _u, deletedAt: _d, ...rest } = t
  return call(() => D.SaveType(document.Type.createFrom(rest)))
}
export const listIssuers = (): Promise<Issuer[]> => call(() => D.Issuers()).then((a) => arr(a))
export const listSigners = (): Promise<Signer[]> => call(() => D.Signers()).then((a) => arr(a).map(normaliseSigner))
export const listDocuments = (q: DocQuery): Promise<PageOf<Doc>> =>
  call(() => D.List(document.Query.createFrom(q))).then((p): PageOf<Doc> => ({ ...p, total: Number(p.total) || 0, items: arr(p.items).map(normaliseDoc) }))
export const getDocument = (id: string): Promise<Doc> => call(() => D.Get(id)).then(normaliseDoc)
export const saveDocument = (d: Doc): Promise<Doc> => call(() => D.Save(document.Document.createFrom(toSaveInput(d)))).then(normaliseDoc)
export const deleteDocument = (id: string): Promise<void> => call(() => D.Delete(id))
/** A new draft from a template and the current data ("ke-hoach-phong-trao", "bao-cao-so-ket", "bao-cao-tong-ket"). */
export const generateDocument = (templateCode: string): Promise<Doc> => call(() => D.Generate(templateCode)).then(normaliseDoc)
export const checkDocument = (d: Doc): Promise<Problem[]> =>
  call(() => D.Check(document.Document.createFrom(toSaveInput(d)))).then((a) => arr(a as Problem[] | null))
export const previewDocument = (id: string): Promise<Preview> => call(() => D.Preview(id)).then(normalisePreview)
export const previewDraft = (d: Doc): Promise<Preview> => call(() => D.PreviewDraft(document.Document.createFrom(toSaveInput(d)))).then(normalisePreview)
export const issueDocument = (r: IssueRequest): Promise<Doc> => call(() => D.Issue(document.IssueRequest.createFrom(r))).then(normaliseDoc)
export const reserveNumber = (r: ReserveRequest): Promise<Reservation> => call(() => D.Reserve(document.ReserveRequest.createFrom(r)))
export const cancelReservation = (id: string, reason: string): Promise<Reservation> => call(() => D.CancelReservation(id, reason))
export const listReservations = (typeCode: string, year: number): Promise<Reservation[]> => call(() => D.Reservations(typeCode, year)).then((a) => arr(a))
/** Opens the native file dialog for the signed copy; the document unchanged when the user cancelled. */
export const attachSigned = (id: string): Promise<Doc> => call(() => D.AttachSigned(id)).then(normaliseDoc)
/** Opens the signed copy with the system's viewer. */
export const openSigned = (id: string): Promise<void> => call(() => D.OpenSigned(id))
export const revokeDocument = (id: string, reason: string): Promise<Doc> => call(() => D.Revoke(id, reason)).then(normaliseDoc)
/** Save dialog, then writes the PDF; "" means the user cancelled. */
export const savePDF = (id: string): Promise<string> => call(() => D.SavePDF(id))
/** Writes the PDF to a temporary file and opens it in the system's PDF viewer (to print). */
export const openPDF = (id: string): Promise<void> => call(() => D.OpenPDF(id))
export const listTemplates = (): Promise<Template[]> => call(() => D.Templates()).then((a) => arr(a).map(normaliseTemplate))
export const saveTemplate = (t: Template): Promise<Template> => call(() => D.SaveTemplate(document.Template.createFrom(toTemplateInput(t)))).then(normaliseTemplate)
export const resetTemplate = (code: string): Promise<Template> => call(() => D.ResetTemplate(code)).then(normaliseTemplate)
export const listPlaceholders = (): Promise<Placeholder[]> => call(() => D.Placeholders()).then((a) => arr(a))
export const getDocSettings = (): Promise<DocSettings> => call(() => D.Settings())
export const saveDocSettings = (s: DocSettings): Promise<DocSettings> => {
  const { createdAt: _c, updatedAt: _u, deletedAt: _d, ...rest } = s
  return call(() => D.SaveSettings(document.Settings.createFrom(rest)))
}
