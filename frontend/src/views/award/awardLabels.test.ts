import { describe, expect, it } from 'vitest'
import vi from '../../locales/vi.json'
import { CHECK_KINDS, KINDS, ORIGINS, REPORT_FORMS, RESULTS, STAGES, STATUSES, TARGETS, VERDICTS, nextStatuses } from '../../api/award'
import { awardKey, type AwardList } from './awardLabels'
import { translator } from '../../test/i18n'

function has(key: string): boolean {
  let node: unknown = vi
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return false
    node = (node as Record<string, unknown>)[part]
  }
  return typeof node === 'string' && node.trim() !== ''
}

// The reasons the eligibility check gives (internal/award ReasonKeys).
const REASONS = [
  'formInactive', 'targetWrong', 'basisNotYet', 'basisExpired', 'basisInForce', 'ruleNotInForce', 'badParams', 'guidanceUnconfirmed',
  'guidanceConfirmed', 'allMet', 'partNotMet', 'partUnknown', 'manual', 'historyHas', 'historyMissing', 'historyCountMet', 'historyCountShort',
  'historyCountMetAll', 'historyCountShortAll', 'thematicListed', 'thematicNone', 'noProposal', 'stageNotIn', 'campaignShort', 'campaignLong',
  'notAPerson', 'categoryUnknown', 'categoryIn', 'categoryOther', 'categoryNotIn', 'councilPassed', 'councilNotYet',
]

describe('award labels', () => {
  it('labels every code of the award lists', () => {
    const lists: [AwardList, readonly string[]][] = [
      ['status', STATUSES], ['stage', STAGES], ['subject', ['unit', 'staff']], ['target', TARGETS], ['kind', KINDS], ['origin', ORIGINS],
      ['reportForm', REPORT_FORMS], ['check', CHECK_KINDS], ['result', RESULTS], ['verdict', VERDICTS],
    ]
    const missing: string[] = []
    for (const [list, codes] of lists) for (const c of codes) if (!has(awardKey(list, c))) missing.push(awardKey(list, c))
    for (const from of STATUSES) {
      for (const to of nextStatuses(from)) {
        if (!has(awardKey('move', to))) missing.push(awardKey('move', to))
        if (!has(`award.moveHint.${from}_${to}`)) missing.push(`award.moveHint.${from}_${to}`)
      }
    }
    for (const r of REASONS) if (!has(`award.reason.${r}`)) missing.push(`award.reason.${r}`)
    expect(missing).toEqual([])
  })

  it('renders the reasons with their params', () => {
    const tr = translator()
    expect(tr.t('award.reason.historyCountShort', { count: 2, min: 3, from: 2021, to: 2025, excluded: 1 })).toBe(
      'Chỉ có 2 lần trong các năm 2021 – 2025, cần ít nhất 3 (theo lịch sử khen thưởng đã nhập; không tính 1 lần theo chuyên đề, đột xuất).',
    )
    expect(tr.t('award.thresholdMore', { threshold: '50', of: tr.t('award.baseOf.tong_so') })).toBe('Đạt khi được trên 50% tổng số thành viên Hội đồng đồng ý')
    expect(tr.t('award.paramsHint')).toContain('{"forms":["cstdcs"]')
  })
})
