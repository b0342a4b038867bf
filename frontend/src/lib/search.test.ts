import { describe, expect, it } from 'vitest'
import { fold, matchVN } from './search'

describe('matchVN', () => {
  it('ignores diacritics, đ and case', () => {
    expect(fold('Lê Thị Minh Họa')).toBe('le thi minh hoa')
    expect(matchVN('le thi minh hoa', { label: 'Lê Thị Minh Họa' })).toBe(true)
    expect(matchVN('DONG HOI', { label: 'Thành phố Đồng Hới' })).toBe(true)
    expect(matchVN('  hoa ', { label: 'Lê Thị Minh Họa' })).toBe(true)
  })
  it('matches decomposed input too', () => {
    expect(matchVN('Họa'.normalize('NFD'), { label: 'Lê Thị Minh Họa' })).toBe(true)
  })
  it('does not match other text', () => {
    expect(matchVN('hung', { label: 'Lê Thị Minh Họa' })).toBe(false)
    expect(matchVN('x', {})).toBe(false)
  })
})
