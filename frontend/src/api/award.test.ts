import { describe, expect, it } from 'vitest'
import {
  STATUSES, formatReport, getProposal, joinBase, listRecords, moveNeeds, moveProposal, nextStatuses, normaliseEligibility, parseReport, passedOf,
  percentOf, previewImport, reasonParams, splitBase, voteBase,
} from './award'

type Fn = (...args: unknown[]) => Promise<unknown>
function bridge(app: Record<string, Record<string, Fn>>) {
  ;(globalThis as unknown as { window: unknown }).window = { go: { app } }
}

const vote = (thresholdBase: string, threshold: number, membersTotal: number, membersPresent: number) => ({ thresholdBase, threshold, membersTotal, membersPresent })

describe('workflow', () => {
  it('allows exactly the workflow’s moves', () => {
    expect(nextStatuses('nhap')).toEqual(['da_xet'])
    expect(nextStatuses('da_xet')).toEqual(['nhap', 'da_trinh'])
    expect(nextStatuses('da_trinh')).toEqual(['tra_lai', 'da_quyet_dinh'])
    expect(nextStatuses('tra_lai')).toEqual(['da_trinh', 'nhap'])
    expect(nextStatuses('da_quyet_dinh')).toEqual([])
    for (const s of STATUSES) expect(nextStatuses(s).every((x) => (STATUSES as readonly string[]).includes(x))).toBe(true)
  })

  it('asks for a reason to return and for the decision to close', () => {
    expect(moveNeeds('da_trinh', 'tra_lai')).toBe('reason')
    expect(moveNeeds('da_trinh', 'da_quyet_dinh')).toBe('decision')
    expect(moveNeeds('nhap', 'da_xet')).toBe('note')
  })
})

describe('vote math (mirrors award.Percent and award.Passed)', () => {
  it('takes the percentage of all members or of those present', () => {
    expect(voteBase(vote('tong_so', 50, 9, 7))).toBe(9)
    expect(voteBase(vote('co_mat_tu', 50, 9, 7))).toBe(7)
    expect(percentOf(4, vote('tong_so', 50, 8, 8))).toBe(50)
    expect(percentOf(3, vote('tong_so', 50, 0, 0))).toBe(0)
  })

  it('compares strictly or inclusively as the base says', () => {
    expect(passedOf(4, vote('tong_so', 50, 8, 8))).toBe(false)
    expect(passedOf(5, vote('tong_so', 50, 8, 8))).toBe(true)
    expect(passedOf(4, vote('tong_so_tu', 50, 8, 8))).toBe(true)
    expect(passedOf(7, vote('tong_so_tu', 70, 10, 10))).toBe(true)
    expect(passedOf(7, vote('tong_so', 70, 10, 10))).toBe(false)
    expect(passedOf(4, vote('co_mat', 50, 9, 7))).toBe(true)
    expect(passedOf(0, vote('tong_so_tu', 0, 5, 5))).toBe(false)
  })

  it('splits and joins the threshold base', () => {
    expect(splitBase('co_mat_tu')).toEqual({ of: 'co_mat', inclusive: true })
    expect(splitBase('tong_so')).toEqual({ of: 'tong_so', inclusive: false })
    expect(joinBase('co_mat', false)).toBe('co_mat')
    expect(joinBase('tong_so', true)).toBe('tong_so_tu')
  })
})

describe('report sections', () => {
  it('round-trips and drops empty sections', () => {
    const s = formatReport([{ heading: ' I. SƠ LƯỢC ', markup: 'Tên: Văn phòng' }, { heading: '', markup: '  ' }])
    expect(parseReport(s)).toEqual([{ heading: 'I. SƠ LƯỢC', markup: 'Tên: Văn phòng' }])
    expect(formatReport([])).toBe('')
    expect(parseReport('')).toEqual([])
    expect(parseReport('{')).toEqual([])
    expect(parseReport('{"heading":"x"}')).toEqual([])
  })
})

describe('reasons', () => {
  it('shows ISO dates as dd/mm/yyyy', () => {
    expect(reasonParams({ date: '2025-12-22', count: 3, to: 2025 })).toEqual({ date: '22/12/2025', count: 3, to: 2025 })
    expect(reasonParams(null)).toEqual({})
  })

  it('normalises nil lists of an eligibility check', () => {
    const e = normaliseEligibility({
      items: [{ group: 'g', status: 'unknown', rules: [{ code: 'r', params: null, evidence: null, parts: [{ code: 'r.1', evidence: null, parts: null }] }] }],
    } as never)
    expect(e.items[0].rules[0].evidence).toEqual([])
    expect(e.items[0].rules[0].params).toEqual({})
    expect(e.items[0].rules[0].parts[0].evidence).toEqual([])
  })
})

describe('bindings', () => {
  it('reads a proposal with lists filled in', async () => {
    bridge({
      Awards: {
        GetProposal: (id) =>
          Promise.resolve({ id, status: 'da_xet', nominees: [{ id: 'n1', history: null, attachments: null }], events: null, forms: null, next: null, campaign: { legalBases: null } }),
      },
    })
    const d = await getProposal('p1')
    expect(d.nominees[0].history).toEqual([])
    expect(d.nominees[0].attachments).toEqual([])
    expect(d.events).toEqual([])
    expect(d.forms).toEqual({})
    expect(d.next).toEqual([])
    expect(d.campaign.targets).toEqual([])
  })

  it('sends the query and decodes refusals', async () => {
    let sent: Record<string, unknown> = {}
    bridge({
      Awards: {
        Records: (q) => {
          sent = q as Record<string, unknown>
          return Promise.resolve({ items: null, total: 0, page: 1, pageSize: 20 })
        },
        Move: () => Promise.reject('{"key":"errors.award.badMove","params":{"from":"nhap","to":"da_trinh"},"code":"E-9"}'),
        PreviewImport: () => Promise.resolve({ rows: [{ row: 2, problems: null, notices: null, repairs: null }], fileProblems: null }),
      },
    })
    const page = await listRecords({ search: 'an', sortBy: '', desc: false, page: 1, pageSize: 20, deleted: false, subjectKind: '', unitId: '', staffId: '', year: 2024, kind: '', formCode: '', origin: '', thematic: 'yes' })
    expect(page.items).toEqual([])
    expect(sent.year).toBe(2024)
    expect(sent.thematic).toBe('yes')
    await expect(moveProposal({ proposalId: 'p', version: 1, to: 'da_trinh', reason: '', decisionNumber: '', decisionDate: '', decisionIssuer: '' })).rejects.toMatchObject({
      key: 'errors.award.badMove',
      code: 'E-9',
    })
    const pv = await previewImport('/tmp/x.xlsx')
    expect(pv.rows[0].problems).toEqual([])
    expect(pv.fileProblems).toEqual([])
  })
})
