import { describe, expect, it } from 'vitest'
import vi from '../../locales/vi.json'
import { translator } from '../../test/i18n'
import {
  ASSESSMENT_ACTIONS, ASSESSMENT_STATUSES, CHANGE_KINDS, IMPORT_SET_ACTIONS, INDICATOR_KINDS, KEY_REASONS, PASS_FAIL, SET_DIMENSIONS, SET_SCOPES, SET_TARGETS,
  codeLabel, criteriaLabelKey, keyLabel, keyReasonText, levelCell, requirementText, sign, thresholdKeys, totalsText,
} from './codes'
import { changeText, importProblemText } from './importText'

const tr = translator()

function has(key: string): boolean {
  let node: unknown = vi
  for (const p of key.split('.')) {
    if (!node || typeof node !== 'object' || !(p in node)) return false
    node = (node as Record<string, unknown>)[p]
  }
  return typeof node === 'string'
}

describe('labels', () => {
  it('labels every code of the criteria and assessment lists', () => {
    const lists = [
      [SET_TARGETS, criteriaLabelKey.target],
      [SET_DIMENSIONS, criteriaLabelKey.dimension],
      [INDICATOR_KINDS, criteriaLabelKey.kind],
      [SET_SCOPES.map(String), criteriaLabelKey.scope],
      [KEY_REASONS, criteriaLabelKey.keyReason],
      [ASSESSMENT_STATUSES, criteriaLabelKey.status],
      [ASSESSMENT_ACTIONS, criteriaLabelKey.action],
      [IMPORT_SET_ACTIONS, criteriaLabelKey.importAction],
      [CHANGE_KINDS, criteriaLabelKey.changeKind],
      [PASS_FAIL, criteriaLabelKey.passFail],
    ] as const
    for (const [codes, key] of lists) for (const c of codes) expect(has(key(c)), key(c)).toBe(true)
    for (const f of ['value', 'number', 'override', 'overrideReason', 'note', 'met', 'date', 'assessorName']) expect(has(`assessment.field.${f}`), f).toBe(true)
    expect(has('criteria.unconfirmed')).toBe(true)
    expect(tr.t('criteria.unconfirmed')).toBe('Chưa đối chiếu')
  })

  it('falls back to the code itself', () => {
    expect(codeLabel(tr, 'status', 'hoan_tat')).toBe('Hoàn tất')
    expect(codeLabel(tr, 'kind', 'unknown_kind')).toBe('unknown_kind')
    expect(codeLabel(tr, 'scope', 3)).toBe('Xã')
    expect(codeLabel(tr, 'target', '')).toBe('')
  })
})

describe('levels', () => {
  it('uses the seven regions or the three commune groups', () => {
    expect(thresholdKeys('region')).toHaveLength(7)
    expect(thresholdKeys('group')).toEqual(['1', '2', '3'])
    expect(thresholdKeys('none')).toEqual([])
    expect(keyLabel(tr, 'region', 'bac_trung_bo')).toBe('Bắc Trung Bộ')
    expect(keyLabel(tr, 'group', '2')).toBe('Nhóm 2')
    expect(keyLabel(tr, 'region', 'somewhere')).toBe('somewhere')
  })

  it('writes the requirement: the text first, else the comparator and number', () => {
    expect(requirementText({ text: 'Đạt', comparator: '>=', threshold: 80 })).toBe('Đạt')
    expect(requirementText({ comparator: '>=', threshold: 80, text: '' }, '%')).toBe('≥ 80%')
    expect(requirementText({ comparator: '<', threshold: 2.5, text: '' }, 'km')).toBe('< 2,5 km')
    expect(requirementText({ comparator: '', threshold: 95, requirement: '' })).toBe('≥ 95')
    expect(requirementText({ text: '' })).toBe('')
    expect(requirementText(null)).toBe('')
    expect(levelCell({ comparator: '>=', threshold: 85 }, '%')).toBe('≥85%')
    expect(levelCell({ requirement: 'Đạt' })).toBe('Đạt')
    expect(sign('<=')).toBe('≤')
  })

  it('says why a level applies to the locality', () => {
    expect(keyReasonText(tr, { key: 'trung_du_mien_nui_phia_bac', reason: 'special', dimension: 'region' })).toBe(
      'mức vùng Trung du và miền núi phía Bắc (xã đặc biệt khó khăn, xã an toàn khu)',
    )
    expect(keyReasonText(tr, { key: 'bac_trung_bo', reason: 'region', dimension: 'region' })).toBe('mức vùng Bắc Trung Bộ')
    expect(keyReasonText(tr, { key: '2', reason: 'group', dimension: 'group' })).toBe('mức Nhóm 2')
    expect(keyReasonText(tr, { key: '', reason: 'unknown', dimension: 'region' })).toContain('chưa ghi vùng')
    expect(keyReasonText(tr, { key: '', reason: 'unknown', dimension: 'group' })).toContain('chưa ghi nhóm')
    expect(keyReasonText(tr, { key: '', reason: 'common', dimension: 'none' })).toBe('mức chung của bộ tiêu chí')
    expect(keyReasonText(tr, { key: 'tay_nguyen', reason: 'region', dimension: 'region', specific: false })).toContain('mức chung')
  })

  it('writes the totals', () => {
    expect(totalsText(tr, 17, 19)).toBe('Đạt 17/19 tiêu chí')
  })
})

describe('import texts', () => {
  it('renders problems with their params, unknown keys as a generic message', () => {
    expect(importProblemText({ key: 'validation.required' }, tr)).toBe(tr.t('validation.required'))
    expect(importProblemText({ key: 'validation.criteria.noSuchThing' }, tr)).toBe('Giá trị không hợp lệ.')
  })

  it('names the item that changed', () => {
    expect(changeText({ what: 'criterion', key: '3', label: 'Tiêu chí 3', kind: 'added' }, tr)).toBe('Tiêu chí 3: Thêm')
    expect(changeText({ what: 'indicator', key: '17.2', label: '', kind: 'changed' }, tr)).toBe('Chỉ tiêu 17.2: Sửa')
    expect(changeText({ what: 'set', key: 'name', label: '', kind: 'changed' }, tr)).toBe('Thông tin bộ (Tên bộ tiêu chí): Sửa')
    expect(changeText({ what: 'amendment', key: '211/QĐ-TTg', label: '', kind: 'removed' }, tr)).toBe('Văn bản sửa đổi 211/QĐ-TTg: Bỏ')
    expect(changeText({ what: 'other', key: 'x', label: 'Mục khác', kind: 'changed' }, tr)).toBe('Mục khác: Sửa')
  })
})
