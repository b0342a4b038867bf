import { describe, expect, it } from 'vitest'
import { formatMoney, formatWorkdays, parseVNNumber, shortHash } from './format'
import { localityLabel, flagsOf, pathText } from './locality'
import { levelOfKind } from './codes'

describe('money and workdays', () => {
  it('formats đồng with dots and the unit', () => {
    expect(formatMoney(1234567)).toBe('1.234.567 đ')
    expect(formatMoney(0)).toBe('0 đ')
    expect(formatMoney(500)).toBe('500 đ')
    expect(formatMoney(null)).toBe('')
  })
  it('formats workdays with a decimal comma', () => {
    expect(formatWorkdays(1.5)).toBe('1,5')
    expect(formatWorkdays(12)).toBe('12')
    expect(formatWorkdays(0.25)).toBe('0,25')
    expect(formatWorkdays(1234.5)).toBe('1.234,5')
  })
  it('reads numbers typed the Vietnamese way', () => {
    expect(parseVNNumber('1.234.567')).toBe(1234567)
    expect(parseVNNumber('1.234.567 đ')).toBe(1234567)
    expect(parseVNNumber('1,5')).toBe(1.5)
    expect(parseVNNumber('')).toBeNull()
    expect(parseVNNumber('abc')).toBeNull()
  })
  it('shortens a hash', () => {
    expect(shortHash('3f9a2c1b4d5e6f708192a3b4c5d6e7f8')).toBe('3f9a2c1b4d5e…')
    expect(shortHash('')).toBe('')
  })
})

describe('locality helpers', () => {
  it('derives the level from the kind', () => {
    expect(levelOfKind('tinh')).toBe(1)
    expect(levelOfKind('thanh_pho')).toBe(2)
    expect(levelOfKind('dac_khu')).toBe(3)
    expect(levelOfKind('to_dan_pho')).toBe(4)
    expect(levelOfKind('x')).toBe(0)
  })
  it('labels, flags and paths', () => {
    expect(localityLabel({ name: 'Xã Mẫu Sơn', code: '19000', kind: 'xa', parentName: 'Huyện Minh Hóa' })).toBe('Xã Mẫu Sơn (19000) — Huyện Minh Hóa')
    expect(localityLabel({ name: 'Thôn 2', code: '', kind: 'thon' })).toBe('Thôn 2')
    expect(flagsOf({ island: true, border: true, mountain: false })).toEqual(['border', 'island'])
    expect(pathText([{ name: 'Tỉnh A' }, { name: 'Xã B' }])).toBe('Tỉnh A › Xã B')
  })
})
