import { describe, expect, it } from 'vitest'
import {
  campaignYears, checkReview, checkSelf, defaultYear, factGroup, formTotals, getSheet, gradeOf, itemForms, listCriteria, listSheets, needsReason,
  reopenSheet, reviewInput, saveSelf, selfInput, type Grade, type SheetDetail,
} from './emulation'

type Fn = (...args: unknown[]) => Promise<unknown>
function bridge(app: Record<string, Record<string, Fn>>) {
  ;(globalThis as unknown as { window: unknown }).window = { go: { app } }
}

const crit = (id: string, code: string, maxScore: number) => ({
  id, code, maxScore, name: code, evidence: '', fact: '', source: '', target: 'tap_the', campaignId: 'c', agencyId: 'a', sortOrder: 0,
  createdAt: '', updatedAt: '', deletedAt: null, version: 1,
})

const sheet = (over: Partial<SheetDetail> = {}): SheetDetail =>
  ({
    id: 's1', version: 3, campaignId: 'c', year: 2025, subjectKind: 'tap_the', subjectId: 'u1', status: 'da_nop', selfTotal: 0, grade: '',
    items: [
      { criterion: crit('k1', 'TT1', 30), itemId: 'i1', selfScore: 25, evidence: 'VB', reviewScore: undefined, reviewReason: '', facts: [] },
      { criterion: crit('k2', 'TT2', 40), itemId: 'i2', selfScore: 30, evidence: '', reviewScore: 28, reviewReason: 'thiếu minh chứng', facts: [] },
    ],
    facts: [],
    grades: [],
    ...over,
  }) as unknown as SheetDetail

describe('sheet form', () => {
  it('starts the review at the stored review score, else the self score', () => {
    const f = itemForms(sheet())
    expect(f.map((x) => x.reviewScore)).toEqual([25, 28])
    expect(formTotals(f)).toEqual({ self: 55, review: 53 })
    expect(f.map(needsReason)).toEqual([false, true])
  })

  it('checks bounds and the reason of a changed score like the backend', () => {
    const f = itemForms(sheet())
    f[0].selfScore = 31
    expect(checkSelf(f)).toEqual([{ field: 'items.k1.selfScore', key: 'errors.emulation.scoreRange', params: { min: 0, max: 30 } }])
    f[0].reviewScore = 20
    f[1].reviewReason = ' '
    expect(checkReview(f).map((e) => e.field)).toEqual(['items.k1.reviewReason', 'items.k2.reviewReason'])
    f[0].reviewScore = -1
    expect(checkReview(f)[0]).toMatchObject({ field: 'items.k1.reviewScore', key: 'errors.emulation.scoreRange' })
  })

  it('builds the inputs: every criterion, reasons only where the score changed', () => {
    const d = sheet()
    const f = itemForms(d)
    f[0].reviewReason = 'không đổi điểm'
    const r = reviewInput(d, f, 'Thống nhất')
    expect(r).toMatchObject({ sheetId: 's1', version: 3, note: 'Thống nhất' })
    expect(r.items.map((x) => [x.criterionId, x.score, x.reason])).toEqual([
      ['k1', 25, ''],
      ['k2', 28, 'thiếu minh chứng'],
    ])
    const s = selfInput(sheet({ id: '', version: 0 }), f, 'ghi chú')
    expect(s).toMatchObject({ campaignId: 'c', year: 2025, subjectKind: 'tap_the', subjectId: 'u1', sheetId: '', version: 0, note: 'ghi chú' })
    expect(s.items[0]).toEqual({ criterionId: 'k1', score: 25, evidence: 'VB', reason: '' })
  })

  it('grades a total by the highest minimum it reaches', () => {
    const grades = [
      { code: 'xuat_sac', minScore: 90 },
      { code: 'tot', minScore: 75 },
      { code: 'kha', minScore: 60 },
    ] as Grade[]
    expect(gradeOf(grades, 90)?.code).toBe('xuat_sac')
    expect(gradeOf(grades, 89.99)?.code).toBe('tot')
    expect(gradeOf(grades, 59.99)).toBeNull()
  })

  it('knows the campaign years and the year to open', () => {
    const c = { fromYear: 2021, toYear: 2025 }
    expect(campaignYears(c)).toEqual([2025, 2024, 2023, 2022, 2021])
    expect(campaignYears({ fromYear: 0, toYear: 0 })).toEqual([])
    expect(defaultYear(c, new Date(2023, 5, 1))).toBe(2023)
    expect(defaultYear(c, new Date(2027, 0, 1))).toBe(2025)
    expect(defaultYear(c, new Date(2019, 0, 1))).toBe(2021)
    expect(factGroup('ho_tro.dang_ky')).toBe('ho_tro')
    expect(factGroup('x')).toBe('x')
  })
})

describe('bindings', () => {
  it('fills nil lists of a sheet and of a list', async () => {
    let sent: unknown
    bridge({
      Emulation: {
        Sheet: (k) => {
          sent = k
          return Promise.resolve({ id: '', items: [{ criterion: crit('k1', 'TT1', 30), selfScore: 0, facts: null }], facts: null, grades: null })
        },
        Sheets: () => Promise.resolve({ campaignId: 'c', year: 2025, target: 'tap_the', rows: null }),
        Criteria: () => Promise.resolve(null),
      },
    })
    const d = await getSheet({ campaignId: 'c', year: 2025, subjectKind: 'tap_the', subjectId: 'u1' })
    expect(sent).toMatchObject({ campaignId: 'c', year: 2025, subjectKind: 'tap_the', subjectId: 'u1' })
    expect(d.facts).toEqual([])
    expect(d.grades).toEqual([])
    expect(d.items[0].facts).toEqual([])
    expect((await listSheets('c', 2025, 'tap_the')).rows).toEqual([])
    expect(await listCriteria('c', '')).toEqual([])
  })

  it('sends the whole self-assessment and decodes field errors', async () => {
    let sent: Record<string, unknown> = {}
    bridge({
      Emulation: {
        SaveSelf: (input) => {
          sent = input as Record<string, unknown>
          return Promise.reject('{"key":"errors.invalid","fields":[{"field":"items.k1.selfScore","key":"errors.emulation.scoreRange"}],"code":"E-7"}')
        },
        Reopen: (id, version, reason) => Promise.resolve({ id, version: (version as number) + 1, reviewNote: reason, items: null, facts: null, grades: null }),
      },
    })
    const d = sheet({ id: '', version: 0 })
    await expect(saveSelf(selfInput(d, itemForms(d), ''))).rejects.toMatchObject({ key: 'errors.invalid', fields: [{ field: 'items.k1.selfScore' }] })
    expect(sent).toMatchObject({ subjectId: 'u1', sheetId: '', items: [{ criterionId: 'k1', score: 25 }, { criterionId: 'k2', score: 30 }] })
    const r = await reopenSheet('s1', 4, 'Bổ sung')
    expect(r).toMatchObject({ id: 's1', version: 5, reviewNote: 'Bổ sung', items: [] })
  })
})
