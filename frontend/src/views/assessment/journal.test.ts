import { describe, expect, it } from 'vitest'
import { checklistJournal, sameEntry } from './journal'
import type { Entry } from './checklist'

class MemoryStorage implements Storage {
  private m = new Map<string, string>()
  get length() {
    return this.m.size
  }
  clear() {
    this.m.clear()
  }
  getItem(k: string) {
    return this.m.get(k) ?? null
  }
  key(i: number) {
    return [...this.m.keys()][i] ?? null
  }
  removeItem(k: string) {
    this.m.delete(k)
  }
  setItem(k: string, v: string) {
    this.m.set(k, v)
  }
}

const entry = (over: Partial<Entry> = {}): Entry => ({ value: '', numText: '', override: null, overrideReason: '', note: '', ...over })

describe('checklist journal', () => {
  it('keeps typed entries across instances until they are removed', () => {
    const s = new MemoryStorage()
    const j = checklistJournal('a1', s)
    j.put('i1', entry({ numText: '87,5' }))
    j.put('i2', entry({ value: 'dat' }))
    const again = checklistJournal('a1', s)
    expect(again.get('i1')?.numText).toBe('87,5')
    expect(Object.keys(again.all()).sort()).toEqual(['i1', 'i2'])
    again.remove('i1')
    expect(checklistJournal('a1', s).get('i1')).toBeUndefined()
    again.remove('i2')
    expect(s.length).toBe(0)
  })

  it('keeps checklists apart and survives corrupt storage', () => {
    const s = new MemoryStorage()
    checklistJournal('a1', s).put('i1', entry({ value: 'dat' }))
    expect(checklistJournal('a2', s).all()).toEqual({})
    s.setItem('chungsuc.checklist.a3', '{not json')
    expect(checklistJournal('a3', s).all()).toEqual({})
  })

  it('works without storage', () => {
    const j = checklistJournal('a1', null)
    j.put('i1', entry({ note: 'x' }))
    expect(j.get('i1')?.note).toBe('x')
  })

  it('compares entries by content', () => {
    expect(sameEntry(entry({ numText: '1' }), entry({ numText: '1' }))).toBe(true)
    expect(sameEntry(entry({ numText: '1' }), entry({ numText: '2' }))).toBe(false)
  })
})
