import { describe, expect, it } from 'vitest'
import { blankCriterion, blankIndicator, blankSet, findThreshold, nextCriterionNo, nextIndicatorCode, patchThreshold, prepareForSave } from './editorModel'
import { moveItem } from '../../lib/rows'

describe('criteria set editor', () => {
  it('numbers new criteria and indicators after the existing ones', () => {
    const s = blankSet()
    expect(nextCriterionNo(s)).toBe(1)
    s.criteria.push(blankCriterion(17), blankCriterion(3))
    expect(nextCriterionNo(s)).toBe(18)
    const c = s.criteria[0]
    expect(nextIndicatorCode(c)).toBe('17.1')
    c.indicators.push(blankIndicator('17.1'), blankIndicator('17.4'), blankIndicator('x'))
    expect(nextIndicatorCode(c)).toBe('17.5')
  })

  it('creates a level row for a key on first input, then updates it', () => {
    const ind = blankIndicator('17.2')
    expect(findThreshold(ind, 'bac_trung_bo')).toBeUndefined()
    patchThreshold(ind, 'bac_trung_bo', { threshold: 85 })
    patchThreshold(ind, 'bac_trung_bo', { comparator: '>=' })
    expect(ind.thresholds).toHaveLength(1)
    expect(findThreshold(ind, 'bac_trung_bo')).toMatchObject({ key: 'bac_trung_bo', threshold: 85, comparator: '>=', confirmed: false })
  })

  it('drops empty levels, levels of unused keys and numbers of non-numeric kinds before saving', () => {
    const s = blankSet()
    s.dimension = 'region'
    const c = blankCriterion(17)
    c.name = '  Môi trường  '
    const pct = blankIndicator('17.2')
    pct.kind = 'percent'
    pct.threshold = 80
    patchThreshold(pct, 'bac_trung_bo', { threshold: 85 })
    patchThreshold(pct, 'tay_nguyen', { requirement: '' })
    patchThreshold(pct, '2', { threshold: 70 })
    const pf = blankIndicator('17.3')
    pf.kind = 'dat'
    pf.threshold = 5
    pf.comparator = '>='
    c.indicators.push(pct, pf)
    s.criteria.push(c)
    s.conditions.push({ no: 1, text: '  ' } as never)
    const out = prepareForSave(s, ['bac_trung_bo', 'tay_nguyen'])
    expect(out.criteria[0].name).toBe('Môi trường')
    expect(out.criteria[0].indicators[0].thresholds.map((t) => t.key)).toEqual(['bac_trung_bo'])
    expect(out.criteria[0].indicators[1]).not.toHaveProperty('threshold')
    expect(out.criteria[0].indicators[1].comparator).toBe('')
    expect(out.conditions).toEqual([])
    // The form itself is untouched.
    expect(s.criteria[0].indicators[0].thresholds).toHaveLength(3)
  })

  it('moves rows within bounds', () => {
    const a = [1, 2, 3]
    expect(moveItem(a, 0, -1)).toBe(false)
    expect(moveItem(a, 0, 1)).toBe(true)
    expect(a).toEqual([2, 1, 3])
    expect(moveItem(a, 2, 1)).toBe(false)
  })
})
