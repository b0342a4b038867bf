import * as A from '../../wailsjs/go/app/Awards'
import { app, attach, award } from '../../wailsjs/go/models'
import { call } from './error'
import type { PageOf, Plain } from './types'

export type AwardForm = Plain<award.Form>
export type AwardRule = Plain<award.Rule>
export type Proposal = Plain<award.Proposal>
export type ProposalRow = Plain<award.ProposalRow>
export type ProposalQuery = Plain<award.ProposalQuery>
export type ProposalDetail = Plain<award.ProposalDetail>
export type Nominee = Plain<award.Nominee>
export type NomineeDetail = Plain<award.NomineeDetail>
export type AwardEvent = Plain<award.Event>
export type AwardRecord = Plain<award.Record>
export type RecordRow = Plain<award.RecordRow>
export type RecordQuery = Plain<award.RecordQuery>
export type ImportPreview = Plain<award.ImportPreview>
export type ImportRow = Plain<award.ImportRow>
export type ImportResult = Plain<award.ImportResult>
export type ImportProblem = Plain<award.Problem>
export type Eligibility = Plain<award.Eligibility>
export type ResultItem = Plain<award.ResultItem>
export type RuleResult = Plain<award.RuleResult>
export type Evidence = Plain<award.Evidence>
export type VoteInput = Plain<award.VoteInput>
export type MoveInput = Plain<award.MoveInput>
export type CheckInput = Plain<award.CheckInput>
export type AwardChoices = Plain<app.AwardChoices>
export type Attachment = Plain<attach.Attachment>

/** The proposal statuses in workflow order. */
export const STATUSES = ['nhap', 'da_xet', 'da_trinh', 'tra_lai', 'da_quyet_dinh'] as const
export const STAGES = ['so_ket', 'tong_ket', 'dot_xuat'] as const
export const REPORT_FORMS = ['tap_the', 'ca_nhan', 'chuyen_de'] as const
export const TARGETS = ['tap_the', 'ca_nhan', 'ca_hai'] as const
export const KINDS = ['hinh_thuc', 'danh_hieu'] as const
export const ORIGINS = ['nhap_tay', 'nhap_excel', 'quyet_dinh'] as const
export const CHECK_KINDS = ['guidance', 'manual', 'history_count', 'history_has', 'campaign_years', 'staff_category', 'council_passed', 'thematic_note', 'all_of'] as const
export const THRESHOLD_BASES = ['tong_so', 'co_mat', 'tong_so_tu', 'co_mat_tu'] as const
export const RESULTS = ['met', 'not_met', 'unknown', 'guidance'] as const
export const VERDICTS = ['du', 'chua_du', 'chua_xac_dinh'] as const

/** The legal moves (the backend's workflow; it refuses any other). */
const MOVES: Record<string, string[]> = {
  nhap: ['da_xet'],
  da_xet: ['nhap', 'da_trinh'],
  da_trinh: ['tra_lai', 'da_quyet_dinh'],
  tra_lai: ['da_trinh', 'nhap'],
}

/** Statuses a batch may move to from the given one. */
export function nextStatuses(status: string): string[] {
  return [...(MOVES[status] ?? [])]
}

/** What a move asks for: a reason (required to return), the decision, or nothing but an optional note. */
export function moveNeeds(from: string, to: string): 'reason' | 'decision' | 'note' {
  void from
  if (to === 'tra_lai') return 'reason'
  return to === 'da_quyet_dinh' ? 'decision' : 'note'
}

/** Nominees and ballots change only in nháp; texts and files in nháp and trả lại. */
export const nomineesEditable = (status: string) => status === 'nhap'
export const textsEditable = (status: string) => status === 'nhap' || status === 'tra_lai'

type Vote = Pick<Proposal, 'threshold' | 'thresholdBase' | 'membersTotal' | 'membersPresent'>

/** The members the percentage is of (all, or those present). */
export function voteBase(p: Vote): number {
  return p.thresholdBase === 'co_mat' || p.thresholdBase === 'co_mat_tu' ? p.membersPresent : p.membersTotal
}

/** Inclusive threshold ("từ … trở lên")? */
export const atLeast = (p: Pick<Proposal, 'thresholdBase'>) => p.thresholdBase === 'tong_so_tu' || p.thresholdBase === 'co_mat_tu'

/** Ballots for / base × 100 (0 without a base): the backend's Percent. */
export function percentOf(ballots: number, p: Vote): number {
  const base = voteBase(p)
  return base > 0 ? (ballots * 100) / base : 0
}

/** The backend's Passed: ballots × 100 against threshold × base. */
export function passedOf(ballots: number, p: Vote): boolean {
  const base = voteBase(p)
  if (base <= 0 || ballots <= 0) return false
  const lhs = ballots * 100
  const rhs = p.threshold * base
  return atLeast(p) ? lhs >= rhs - 1e-9 : lhs > rhs + 1e-9
}

/** The threshold base split into what it is of and how it compares. */
export function splitBase(base: string): { of: 'tong_so' | 'co_mat'; inclusive: boolean } {
  return { of: base.startsWith('co_mat') ? 'co_mat' : 'tong_so', inclusive: base.endsWith('_tu') }
}
export const joinBase = (of: 'tong_so' | 'co_mat', inclusive: boolean) => (inclusive ? `${of}_tu` : of)

/** One section of a báo cáo thành tích (award.ReportSection). */
export interface ReportSection {
  heading: string
  markup: string
}

/** Nominee.report: "" or the JSON of the sections. */
export function parseReport(s: string | null | undefined): ReportSection[] {
  if (!s || !s.trim()) return []
  try {
    const v: unknown = JSON.parse(s)
    if (!Array.isArray(v)) return []
    return v
      .filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null)
      .map((x) => ({ heading: typeof x.heading === 'string' ? x.heading : '', markup: typeof x.markup === 'string' ? x.markup : '' }))
  } catch {
    return []
  }
}

export function formatReport(sections: ReportSection[]): string {
  const kept = sections.filter((s) => s.heading.trim() || s.markup.trim())
  return kept.length ? JSON.stringify(kept.map((s) => ({ heading: s.heading.trim(), markup: s.markup }))) : ''
}

const ISO = /^\d{4}-\d{2}-\d{2}$/

/** Reason params for display: ISO dates as dd/mm/yyyy, the rest unchanged. */
export function reasonParams(p: Record<string, unknown> | null | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(p ?? {})) {
    out[k] = typeof v === 'string' && ISO.test(v) ? `${v.slice(8, 10)}/${v.slice(5, 7)}/${v.slice(0, 4)}` : v
  }
  return out
}

const arr = <T>(a: T[] | null | undefined): T[] => (Array.isArray(a) ? a : [])

export function normaliseRule(r: RuleResult): RuleResult {
  return { ...r, params: r.params ?? {}, evidence: arr(r.evidence), parts: arr(r.parts).map(normaliseRule) }
}

export function normaliseEligibility(e: Eligibility): Eligibility {
  return { ...e, items: arr(e.items).map((it) => ({ ...it, rules: arr(it.rules).map(normaliseRule) })) }
}

export function normaliseNominee(n: NomineeDetail): NomineeDetail {
  return { ...n, history: arr(n.history), attachments: arr(n.attachments) }
}

/** Nil lists arrive as null; the timeline is oldest first. */
export function normaliseDetail(d: ProposalDetail): ProposalDetail {
  return {
    ...d,
    nominees: arr(d.nominees).map(normaliseNominee),
    events: arr(d.events),
    forms: d.forms ?? {},
    next: arr(d.next),
    campaign: { ...d.campaign, legalBases: arr(d.campaign?.legalBases), targets: arr(d.campaign?.targets), milestones: arr(d.campaign?.milestones) },
  }
}

export function normaliseImport(p: ImportPreview): ImportPreview {
  return {
    ...p,
    rows: arr(p.rows).map((r) => ({ ...r, problems: arr(r.problems), notices: arr(r.notices), repairs: arr(r.repairs) })),
    fileProblems: arr(p.fileProblems),
  }
}

// Only the editable fields travel back: empty time stamps would not parse.
const clean = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([k, v]) => v !== undefined && v !== null && !['createdAt', 'updatedAt', 'deletedAt'].includes(k))) as T

/** What the proposal form edits (an empty id creates). */
export type ProposalInput = Pick<Proposal, 'campaignId' | 'stage' | 'year' | 'name' | 'submitTo' | 'threshold' | 'thresholdBase' | 'note'> & {
  id: string
  version: number
}
/** What the nominee form edits (an empty id creates). */
export type NomineeInput = Pick<Nominee, 'proposalId' | 'subjectKind' | 'formCode' | 'reportForm' | 'summary' | 'report' | 'note' | 'sortOrder'> & {
  id: string
  version: number
  unitId?: string | null
  staffId?: string | null
}
/** What the history form edits (an empty id creates). */
export type RecordInput = Pick<
  AwardRecord,
  'subjectKind' | 'subjectName' | 'year' | 'kind' | 'formCode' | 'title' | 'decisionNumber' | 'decisionDate' | 'decisionIssuer' | 'thematic' | 'note'
> & { id: string; version: number; unitId?: string | null; staffId?: string | null }

export const awardChoices = (): Promise<AwardChoices> => call(() => A.Choices())
export const listForms = (): Promise<AwardForm[]> => call(() => A.Forms()).then((a) => arr(a))
export const saveForm = (f: AwardForm): Promise<AwardForm> => call(() => A.SaveForm(award.Form.createFrom(clean(f))))
export const setFormActive = (id: string, version: number, active: boolean): Promise<AwardForm> => call(() => A.SetFormActive(id, version, active))
export const listRules = (formCode = ''): Promise<AwardRule[]> => call(() => A.Rules(formCode)).then((a) => arr(a))
export const saveRule = (r: AwardRule): Promise<AwardRule> => call(() => A.SaveRule(award.Rule.createFrom(clean(r))))
export const setRuleActive = (id: string, version: number, active: boolean): Promise<AwardRule> => call(() => A.SetRuleActive(id, version, active))
export const checkEligibility = (c: CheckInput): Promise<Eligibility> => call(() => A.Check(award.CheckInput.createFrom(clean(c)))).then(normaliseEligibility)
export const checkNominee = (nomineeId: string): Promise<Eligibility> => call(() => A.CheckNominee(nomineeId)).then(normaliseEligibility)

export const listRecords = (q: RecordQuery): Promise<PageOf<RecordRow>> =>
  call(() => A.Records(award.RecordQuery.createFrom(q))).then((p) => ({ ...p, items: arr(p.items) }))
export const subjectHistory = (subjectKind: string, id: string): Promise<AwardRecord[]> => call(() => A.SubjectHistory(subjectKind, id)).then((a) => arr(a))
export const saveRecord = (r: RecordInput): Promise<AwardRecord> => call(() => A.SaveRecord(award.Record.createFrom(clean(r))))
export const deleteRecord = (id: string): Promise<void> => call(() => A.DeleteRecord(id))
export const restoreRecord = (id: string): Promise<void> => call(() => A.RestoreRecord(id))
/** Opens the native file dialog; "" means the user cancelled. */
export const pickImportFile = (): Promise<string> => call(() => A.PickImportFile())
export const previewImport = (path: string): Promise<ImportPreview> => call(() => A.PreviewImport(path)).then(normaliseImport)
export const commitImport = (path: string, sha256: string): Promise<ImportResult> => call(() => A.CommitImport(path, sha256))
/** Save dialog, then writes the template; "" means the user cancelled. */
export const saveTemplate = (): Promise<string> => call(() => A.SaveTemplate())

export const listProposals = (q: ProposalQuery): Promise<PageOf<ProposalRow>> =>
  call(() => A.Proposals(award.ProposalQuery.createFrom(q))).then((p) => ({ ...p, items: arr(p.items) }))
export const getProposal = (id: string): Promise<ProposalDetail> => call(() => A.GetProposal(id)).then(normaliseDetail)
export const latestProposalId = (): Promise<string> => call(() => A.LatestProposalID())
export const saveProposal = (p: ProposalInput): Promise<Proposal> => call(() => A.SaveProposal(award.Proposal.createFrom(clean(p))))
export const deleteProposal = (id: string): Promise<void> => call(() => A.DeleteProposal(id))
export const restoreProposal = (id: string): Promise<void> => call(() => A.RestoreProposal(id))
export const saveNominee = (n: NomineeInput): Promise<Nominee> => call(() => A.SaveNominee(award.Nominee.createFrom(clean(n))))
export const deleteNominee = (id: string): Promise<void> => call(() => A.DeleteNominee(id))
export const recordVote = (v: VoteInput): Promise<Proposal> => call(() => A.RecordVote(award.VoteInput.createFrom(v)))
export const moveProposal = (m: MoveInput): Promise<Proposal> => call(() => A.Move(award.MoveInput.createFrom(m)))
export const draftSummary = (nomineeId: string): Promise<string> => call(() => A.DraftSummary(nomineeId))
/** Opens the native file dialog; "" means the user cancelled. */
export const pickAttachment = (): Promise<string> => call(() => A.PickAttachment())
export const addAttachment = (nomineeId: string, path: string): Promise<Attachment> => call(() => A.AddAttachment(nomineeId, path))
export const openAttachment = (id: string): Promise<void> => call(() => A.OpenAttachment(id))
export const deleteAttachment = (id: string): Promise<void> => call(() => A.DeleteAttachment(id))
