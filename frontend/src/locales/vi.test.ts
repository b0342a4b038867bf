import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import vi from './vi.json'
import {
  ACTIVITY_KINDS, COMPARATORS, GENDERS, IMPORT_ACTIONS, LOCALITY_FLAGS, LOCALITY_KINDS, LOCALITY_LEVELS, MILESTONE_KINDS, NTM_LEVELS, REGIONS, REPAIR_KINDS,
  SPONSOR_STATUSES, STAFF_CATEGORIES, UNIT_KINDS, labelKey,
} from '../lib/codes'

const SRC = join(__dirname, '..')

function flatten(node: unknown, prefix = '', out = new Map<string, unknown>()) {
  if (node && typeof node === 'object' && !Array.isArray(node)) {
    for (const [k, v] of Object.entries(node)) flatten(v, prefix ? `${prefix}.${k}` : k, out)
  } else out.set(prefix, node)
  return out
}
const messages = flatten(vi)

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) return sources(p)
    return /\.(ts|vue)$/.test(name) && !name.endsWith('.test.ts') ? [p] : []
  })
}

// Keys built at run time: the prefix and every value the suffix may take.
const DYNAMIC: Record<string, string[]> = {
  'dashboard.status.': ['done', 'overdue', 'upcoming', 'undated'],
  'settings.dbKindName.': ['sqlite', 'postgres'],
  'errors.entity.': ['agency', 'unit', 'staff', 'campaign', 'locality', 'ntmStatus', 'lineage', 'registration', 'activity', 'attachment'],
  'locality.flagShort.': [...LOCALITY_FLAGS],
  'locality.import.format.': ['gso3', 'gso2', 'villages', 'unknown'],
  'locality.import.count.': ['create', 'update', 'unchanged', 'error', 'repaired'],
  'sponsor.move.': ['dang_thuc_hien', 'hoan_thanh', 'huy'],
  'dashboard.localityCount.': ['1', '3', '4'],
  'document.reservationStatus.': ['giu_cho', 'da_dung', 'huy'],
}

describe('vi.json', () => {
  it('has only non-empty string messages', () => {
    for (const [k, v] of messages) {
      expect(typeof v, k).toBe('string')
      expect((v as string).trim(), k).not.toBe('')
    }
  })

  it('has every key the sources use', () => {
    const missing: string[] = []
    const used = new Set<string>()
    for (const file of sources(SRC)) {
      const text = readFileSync(file, 'utf8')
      const where = relative(SRC, file)
      for (const m of text.matchAll(/(?:\$t|\bt|\.t|\bte)\(\s*'([^'$]+)'/g)) used.add(`${m[1]}\t${where}`)
      for (const m of text.matchAll(/\b\w*Key:\s*'([^']+)'/g)) used.add(`${m[1]}\t${where}`)
      for (const m of text.matchAll(/\bempty-key="([^"]+)"/g)) used.add(`${m[1]}\t${where}`)
      for (const m of text.matchAll(/(?:\$t|\bt|\.t|\bte)\(\s*`([^`]*)`/g)) {
        const prefix = m[1].split('${')[0]
        if (!m[1].includes('${')) {
          used.add(`${m[1]}\t${where}`)
          continue
        }
        const values = DYNAMIC[prefix]
        if (!values) missing.push(`dynamic key ${m[1]} in ${where}: add it to DYNAMIC`)
        else for (const v of values) used.add(`${prefix}${v}\t${where}`)
      }
    }
    for (const entry of used) {
      const [key, where] = entry.split('\t')
      if (!messages.has(key)) missing.push(`${key} (${where})`)
    }
    expect(missing).toEqual([])
    expect(used.size).toBeGreaterThan(100)
  })

  it('labels every code of the code lists', () => {
    const lists = [
      [UNIT_KINDS, labelKey.unitKind],
      [STAFF_CATEGORIES, labelKey.staffCategory],
      [GENDERS, labelKey.gender],
      [MILESTONE_KINDS, labelKey.milestoneKind],
      [COMPARATORS, labelKey.comparator],
      [LOCALITY_KINDS, labelKey.localityKind],
      [LOCALITY_LEVELS, labelKey.localityLevel],
      [LOCALITY_FLAGS, labelKey.localityFlag],
      [REGIONS, labelKey.region],
      [NTM_LEVELS, labelKey.ntmLevel],
      [IMPORT_ACTIONS, labelKey.importAction],
      [REPAIR_KINDS, labelKey.repairKind],
      [SPONSOR_STATUSES, labelKey.sponsorStatus],
      [ACTIVITY_KINDS, labelKey.activityKind],
    ] as const
    for (const [codes, key] of lists) for (const c of codes) expect(messages.has(key(c)), key(c)).toBe(true)
    expect(messages.get('org.unitKind.phong')).toBe('Phòng chuyên môn')
    expect(messages.get(labelKey.comparator('>='))).toBe('≥')
    expect(messages.get(labelKey.localityFlag('specialDifficulty'))).toBe('Xã đặc biệt khó khăn')
    expect(messages.get(labelKey.sponsorStatus('huy'))).toBe('Đã hủy')
  })

  it('keeps the backend messages', () => {
    for (const k of ['errors.internal', 'errors.invalid', 'errors.stale', 'errors.db.notOurs', 'validation.required', 'validation.tooLong', 'cli.usage']) {
      expect(messages.has(k), k).toBe(true)
    }
  })

  it('writes no bare vue-i18n special characters', () => {
    for (const [k, v] of messages) {
      if (k.startsWith('cli.')) continue // rendered by the Go side only
      const s = (v as string).replace(/\{'[^']*'\}/g, '').replace(/\{[A-Za-z0-9_]+\}/g, '')
      expect(/[@|{}]/.test(s), `${k}: ${v}`).toBe(false)
    }
  })
})
