import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
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

describe('every pick list that can be typed into', () => {
  // A filterable NSelect or NTreeSelect without matchVN would filter with
  // Naive UI's default, which does not ignore diacritics.
  it('filters with matchVN (remote lists search on the backend)', () => {
    const files = (function walk(dir: string): string[] {
      return readdirSync(dir).flatMap((name) => {
        const p = join(dir, name)
        return statSync(p).isDirectory() ? walk(p) : p.endsWith('.vue') ? [p] : []
      })
    })(fileURLToPath(new URL('..', import.meta.url)))
    const missing: string[] = []
    for (const f of files) {
      for (const tag of readFileSync(f, 'utf8').match(/<N(?:Select|TreeSelect)\b[^>]*>/gs) ?? []) {
        if (/\bfilterable\b/.test(tag) && !/\bremote\b/.test(tag) && !/:filter="matchVN"/.test(tag)) missing.push(`${f}: ${tag.slice(0, 80)}`)
      }
    }
    expect(files.length).toBeGreaterThan(20)
    expect(missing).toEqual([])
  })
})
