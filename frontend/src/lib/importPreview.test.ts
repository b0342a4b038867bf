import { describe, expect, it } from 'vitest'
import { normalisePreview, type ImportPreview, type PreviewRow } from '../api/locality'
import { filterRows, previewCounts, problemText, repairText } from './importPreview'
import { translator } from '../test/i18n'

const tr = translator()

const row = (over: Partial<PreviewRow>): PreviewRow => ({
  row: 2, code: '19000', name: 'Xã A', kind: 'xa', parentCode: '450', parentName: 'Huyện B', action: 'create', problems: [], repairs: [], ...over,
})

const preview = (): ImportPreview =>
  normalisePreview({
    fileName: 'ds.csv',
    sha256: 'ab',
    format: 'gso3',
    counts: { create: 2, update: 1, unchanged: 0, error: 1 },
    repairs: 2,
    canCommit: false,
    fileProblems: null as unknown as [],
    rows: [
      row({ row: 2 }),
      row({ row: 3, repairs: [{ column: 'Phường Xã', from: 'X· Qu¶ng', to: 'Xã Quảng', how: 'tcvn3' }] }),
      row({ row: 4, action: 'error', problems: [{ column: 'Mã PX', key: 'errors.import.duplicateCode', params: { code: '19000', row: 2 } }] }),
      { ...row({ row: 5, action: 'update' }), problems: null as unknown as [], repairs: [{ column: 'Cấp', from: 'Xa\u0303', to: 'Xã', how: 'nfd' }] },
    ],
  })

describe('import preview', () => {
  it('normalises nil slices and counts repaired rows', () => {
    const p = preview()
    expect(p.fileProblems).toEqual([])
    expect(p.rows[3].problems).toEqual([])
    expect(previewCounts(p).map((c) => [c.key, c.n])).toEqual([
      ['create', 2], ['update', 1], ['unchanged', 0], ['error', 1], ['repaired', 2],
    ])
  })

  it('filters error rows, repaired rows, or both', () => {
    const rows = preview().rows
    expect(filterRows(rows, { onlyErrors: false, onlyRepaired: false }).map((r) => r.row)).toEqual([2, 3, 4, 5])
    expect(filterRows(rows, { onlyErrors: true, onlyRepaired: false }).map((r) => r.row)).toEqual([4])
    expect(filterRows(rows, { onlyErrors: false, onlyRepaired: true }).map((r) => r.row)).toEqual([3, 5])
    expect(filterRows(rows, { onlyErrors: true, onlyRepaired: true }).map((r) => r.row)).toEqual([3, 4, 5])
  })

  it('writes repairs in Vietnamese', () => {
    expect(repairText({ column: 'Phường Xã', from: 'X· Qu¶ng', to: 'Xã Quảng', how: 'tcvn3' }, tr)).toBe('đã sửa mã TCVN3: «X· Qu¶ng» → «Xã Quảng»')
    expect(repairText({ column: 'x', from: 'a', to: 'b', how: 'other' }, tr)).toBe('đã sửa (other): «a» → «b»')
  })

  it('translates problems and names their column', () => {
    expect(problemText({ column: 'Tên', key: 'locality.import.testOnlyMissingKey' }, tr)).toBe('Cột «Tên»: Dòng có lỗi không xác định.')
    expect(problemText({ column: '', key: 'validation.required' }, tr)).toBe('Không được để trống.')
  })
})
