import { describe, expect, it } from 'vitest'
import { getSet, listSets, normalisePreview, normaliseSet, previewSetImport, saveSet, setQuery, toSaveInput, unconfirmedCount, type CriteriaSet } from './criteria'

type Fn = (...args: unknown[]) => Promise<unknown>
function bridge(app: Record<string, Record<string, Fn>>) {
  ;(globalThis as unknown as { window: unknown }).window = { go: { app } }
}

const rawSet = (over: Record<string, unknown> = {}) =>
  ({
    id: 's1',
    version: 3,
    createdAt: '2025-01-01T00:00:00Z',
    updatedAt: '2025-01-02T00:00:00Z',
    deletedAt: null,
    code: 'xa-ntm-2021-2025',
    revision: 1,
    previousId: null,
    current: true,
    name: 'Bộ tiêu chí quốc gia về xã nông thôn mới',
    dimension: 'region',
    confirmed: false,
    amendments: null,
    conditions: null,
    criteria: [
      {
        id: 'c17',
        no: 17,
        name: 'Môi trường và an toàn thực phẩm',
        confirmed: true,
        indicators: [
          { id: 'i1', code: '17.1', name: 'Tỷ lệ hộ sử dụng nước sạch', kind: 'percent', threshold: null, thresholds: null, confirmed: false },
          {
            id: 'i2',
            code: '17.2',
            kind: 'percent',
            threshold: 80,
            confirmed: true,
            thresholds: [{ id: 't1', key: 'bac_trung_bo', threshold: 85, confirmed: false, createdAt: '2025-01-01T00:00:00Z' }],
          },
        ],
      },
      { id: 'c18', no: 18, name: 'Hệ thống chính trị', confirmed: false, indicators: null },
    ],
    ...over,
  }) as unknown as CriteriaSet

describe('criteria sets', () => {
  it('fills nil lists all the way down', () => {
    const s = normaliseSet(rawSet())
    expect(s.amendments).toEqual([])
    expect(s.conditions).toEqual([])
    expect(s.criteria[0].indicators[0].thresholds).toEqual([])
    expect(s.criteria[1].indicators).toEqual([])
  })

  it('counts every item not checked against the official text', () => {
    // set + 17.1 + threshold of 17.2 + criterion 18
    expect(unconfirmedCount(normaliseSet(rawSet()))).toBe(4)
    expect(unconfirmedCount(normaliseSet(rawSet({ confirmed: true, criteria: [] })))).toBe(0)
  })

  it('sends the set without time stamps or nulls, with sort orders in screen order', () => {
    const s = normaliseSet(rawSet())
    const input = toSaveInput(s) as unknown as Record<string, unknown>
    expect(input).not.toHaveProperty('createdAt')
    expect(input).not.toHaveProperty('deletedAt')
    expect(input).not.toHaveProperty('previousId')
    const crit = (input.criteria as Array<Record<string, unknown>>)[0]
    expect(crit.sortOrder).toBe(1)
    const inds = crit.indicators as Array<Record<string, unknown>>
    expect(inds.map((i) => i.sortOrder)).toEqual([1, 2])
    expect(inds[0]).not.toHaveProperty('threshold')
    expect(inds[1].threshold).toBe(80)
    const th = (inds[1].thresholds as Array<Record<string, unknown>>)[0]
    expect(th).toEqual({ id: 't1', key: 'bac_trung_bo', threshold: 85, confirmed: false })
    expect(input.id).toBe('s1')
    expect(input.version).toBe(3)
  })

  it('reads through the bindings, fills a nil page and decodes errors', async () => {
    let sent: unknown
    bridge({
      Criteria: {
        List: (q) => {
          sent = q
          return Promise.resolve({ items: null, total: 0, page: 1, pageSize: 100 })
        },
        Get: () => Promise.resolve(rawSet()),
        Save: () => Promise.reject('{"key":"errors.invalid","fields":[{"field":"criteria.0.indicators.1.code","key":"validation.required"}],"code":""}'),
      },
    })
    const page = await listSets(setQuery({ search: 'nong thon', phase: '2021-2025' }))
    expect(page.items).toEqual([])
    expect(sent).toMatchObject({ search: 'nong thon', phase: '2021-2025', current: 'yes', target: '', deleted: false })
    const s = await getSet('s1')
    expect(s.amendments).toEqual([])
    await expect(saveSet(s)).rejects.toMatchObject({ key: 'errors.invalid', fields: [{ field: 'criteria.0.indicators.1.code', key: 'validation.required' }] })
  })

  it('says when saving made a new revision', async () => {
    bridge({ Criteria: { Save: () => Promise.resolve({ set: rawSet({ id: 's2', revision: 2, amendments: null }), newRevision: true }) } })
    const res = await saveSet(normaliseSet(rawSet()))
    expect(res.newRevision).toBe(true)
    expect(res.set.revision).toBe(2)
    expect(res.set.amendments).toEqual([])
  })

  it('normalises an import preview', async () => {
    bridge({ Criteria: { PreviewImport: () => Promise.resolve({ fileName: 'a.xlsx', action: 'error', canCommit: false, changes: null, problems: null, counts: null, set: rawSet() }) } })
    const p = await previewSetImport('/tmp/a.xlsx')
    expect(p.changes).toEqual([])
    expect(p.problems).toEqual([])
    expect(p.counts).toEqual({ criteria: 0, indicators: 0, thresholds: 0, conditions: 0, amendments: 0, unconfirmed: 0 })
    expect(normalisePreview({ ...p, canCommit: undefined as unknown as boolean }).canCommit).toBe(false)
  })
})
