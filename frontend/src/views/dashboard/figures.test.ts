import { describe, expect, it } from 'vitest'
import {
  TREND_METRIC, formatActual, formatAverage, formatBehind, formatCount, formatShare, formatTarget, isShare, metState, metTagType, progressPercent, shareOf, sortPassRates, sortUnits,
} from './figures'

describe('share and count', () => {
  it('formats a share with one decimal, the Vietnamese way', () => {
    expect(formatShare(45.234)).toBe('45,2%')
    expect(formatShare(80)).toBe('80%')
    expect(formatShare(0)).toBe('0%')
    expect(formatShare(100)).toBe('100%')
    expect(formatShare(33.35)).toMatch(/^33,[34]%$/)
    expect(formatShare(null)).toBe('')
    expect(formatShare(Number.NaN)).toBe('')
  })

  it('formats count/denominator with thousands separators', () => {
    expect(formatCount(123, 456)).toBe('123/456')
    expect(formatCount(8123, 10600)).toBe('8.123/10.600')
    expect(formatCount(5, 0)).toBe('5')
    expect(formatCount(0, 12)).toBe('0/12')
  })

  it('computes the share, null without a denominator', () => {
    expect(shareOf(1, 4)).toBe(25)
    expect(shareOf(3, 0)).toBeNull()
  })

  it('reads a figure in its own unit', () => {
    const share = { comparator: '>=', value: 80, valueUnit: '%', actual: 45.2, count: 113, denominator: 250 }
    const count = { comparator: '>=', value: 120, valueUnit: 'xã', actual: 113, count: 113, denominator: 250 }
    expect(isShare(share)).toBe(true)
    expect(isShare(count)).toBe(false)
    expect(formatTarget(share)).toBe('≥ 80%')
    expect(formatTarget(count)).toBe('≥ 120 xã')
    expect(formatTarget({ comparator: '<=', value: 5.5, valueUnit: '' })).toBe('≤ 5,5')
    expect(formatActual(share)).toBe('45,2%')
    expect(formatActual(count)).toBe('113')
    expect(formatBehind(share)).toBe('113/250')
    expect(formatBehind(count)).toBe('113/250 (45,2%)')
    expect(formatBehind({ ...count, denominator: 0 })).toBe('113')
  })

  it('tags met, not met and unknown', () => {
    expect(metState(true)).toBe('met')
    expect(metState(false)).toBe('notMet')
    expect(metState(null)).toBe('unknown')
    expect(metState(undefined)).toBe('unknown')
    expect(metTagType[metState(true)]).toBe('success')
    expect(metTagType[metState(undefined)]).toBe('default')
  })

  it('shows an average only when something was assessed', () => {
    expect(formatAverage(15.25, 3)).toMatch(/^15,[23]$/)
    expect(formatAverage(17, 1)).toBe('17')
    expect(formatAverage(0, 0)).toBe('—')
  })
})

describe('sorting', () => {
  it('puts the criteria that hold communes back first, unassessed last', () => {
    const rows = [
      { no: 1, passed: 9, assessed: 10, rate: 90 },
      { no: 17, passed: 3, assessed: 10, rate: 30 },
      { no: 5, passed: 0, assessed: 0, rate: 0 },
      { no: 6, passed: 3, assessed: 10, rate: 30 },
      { no: 19, passed: 10, assessed: 10, rate: 100 },
    ]
    expect(sortPassRates(rows).map((r) => r.no)).toEqual([6, 17, 1, 19, 5])
    expect(rows[0].no).toBe(1) // the input is left alone
  })

  it('orders units by communes, then NTM, then name', () => {
    const rows = [
      { unitName: 'Văn phòng', communes: 2, communesNTM: 1 },
      { unitName: 'Chi cục', communes: 3, communesNTM: 0 },
      { unitName: 'Ban', communes: 2, communesNTM: 1 },
      { unitName: 'Đảng ủy', communes: 2, communesNTM: 2 },
    ]
    expect(sortUnits(rows).map((r) => r.unitName)).toEqual(['Chi cục', 'Đảng ủy', 'Ban', 'Văn phòng'])
  })
})

describe('progress', () => {
  it('turns steps into a percent that stays under 100 while running', () => {
    expect(progressPercent(0, 7)).toBe(0)
    expect(progressPercent(3, 7)).toBe(42)
    expect(progressPercent(7, 7)).toBe(99)
    expect(progressPercent(9, 7)).toBe(99)
    expect(progressPercent(1, 0)).toBe(0)
    expect(progressPercent(-1, 7)).toBe(0)
  })
})

describe('trend drill', () => {
  it('maps every trend series to a drill metric the backend takes', () => {
    expect(TREND_METRIC.ntm).toBe('communes_ntm')
    expect(TREND_METRIC.nangCao).toBe('communes_ntm_advanced')
    expect(TREND_METRIC.kieuMau).toBe('communes_ntm_model')
    expect(TREND_METRIC.assessed).toBe('communes_assessed')
  })
})
