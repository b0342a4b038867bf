import { describe, expect, it } from 'vitest'
import { translator } from '../../test/i18n'
import { clock, criterionJump, differsFromPrevious, entryFrom, entryProblem, historyValue, isEmptyEntry, keyCommand, metState, step, toValueInput, valueText } from './checklist'
import { cellState, defaultSetFor, phaseYears, uniqueCodes, yearChoices } from './lists'
import { timelineOption } from './timelineChart'

const tr = translator()

describe('entries', () => {
  it('reads a stored value by kind', () => {
    expect(entryFrom({ value: 'dat', note: 'ok' }, 'dat')).toEqual({ value: 'dat', numText: '', override: null, overrideReason: '', note: 'ok' })
    expect(entryFrom({ number: 85.5 }, 'percent').numText).toBe('85,5')
    expect(entryFrom({ number: 1234 }, 'number').numText).toBe('1.234')
    expect(entryFrom({ override: false, overrideReason: 'Chưa có biên bản' }, 'text')).toMatchObject({ override: false, overrideReason: 'Chưa có biên bản' })
    expect(isEmptyEntry(entryFrom(null, 'dat'))).toBe(true)
  })

  it('finds what keeps an entry from being sent', () => {
    const e = entryFrom(null, 'percent')
    expect(entryProblem({ ...e, numText: '85,5' }, 'percent')).toBe('')
    expect(entryProblem({ ...e, numText: '8x' }, 'percent')).toBe('assessment.check.badNumber')
    expect(entryProblem({ ...e, numText: '120' }, 'percent')).toBe('assessment.check.percentRange')
    expect(entryProblem({ ...e, numText: '120' }, 'number')).toBe('')
    expect(entryProblem({ ...e, numText: '' }, 'percent')).toBe('')
    expect(entryProblem({ ...e, override: true, overrideReason: 'abc' }, 'text')).toBe('assessment.check.reasonShort')
    expect(entryProblem({ ...e, override: true, overrideReason: 'Có biên bản' }, 'text')).toBe('')
  })

  it('sends the full state of one indicator', () => {
    const base = entryFrom(null, 'percent')
    expect(toValueInput('a', 'i', { ...base, numText: '1.234,5', note: ' x ' }, 'number')).toEqual({
      assessmentId: 'a', indicatorId: 'i', value: '', number: 1234.5, override: undefined, overrideReason: '', note: 'x', actor: '',
    })
    const cleared = toValueInput('a', 'i', { ...base, numText: '' }, 'percent')
    expect(cleared).not.toHaveProperty('number', expect.anything())
    expect(toValueInput('a', 'i', { ...base, value: 'khong_dat', override: true, overrideReason: ' Đã khắc phục ' }, 'dat')).toMatchObject({
      value: 'khong_dat', override: true, overrideReason: 'Đã khắc phục',
    })
    // The reason goes with the decision only.
    expect(toValueInput('a', 'i', { ...base, value: 'dat', override: null, overrideReason: 'stale' }, 'dat').overrideReason).toBe('')
  })

  it('compares with the previous value', () => {
    const e = entryFrom({ number: 80 }, 'percent')
    expect(differsFromPrevious('percent', e, { number: 80 } as never)).toBe(false)
    expect(differsFromPrevious('percent', e, { number: 75 } as never)).toBe(true)
    expect(differsFromPrevious('dat', entryFrom({ value: 'dat' }, 'dat'), { value: 'khong_dat' } as never)).toBe(true)
    expect(differsFromPrevious('dat', entryFrom({ value: 'dat' }, 'dat'), null)).toBe(false)
    expect(valueText('percent', '', 85.5, '', tr)).toBe('85,5%')
    expect(valueText('number', '', 12, 'km', tr)).toBe('12 km')
    expect(valueText('dat', 'khong_dat', null, '', tr)).toBe('Không đạt')
    expect(valueText('text', 'Có quy hoạch', null, '', tr)).toBe('Có quy hoạch')
    expect(metState(true)).toBe('met')
    expect(metState(false)).toBe('notMet')
    expect(metState(null)).toBe('undecided')
  })
})

describe('keyboard', () => {
  const pf = { passFail: true, textarea: false }
  const input = { passFail: false, textarea: false }
  it('maps keys to commands', () => {
    expect(keyCommand({ key: 'ArrowDown', altKey: true }, input)).toBe('nextCriterion')
    expect(keyCommand({ key: 'ArrowUp', altKey: true }, pf)).toBe('prevCriterion')
    expect(keyCommand({ key: 'Enter' }, input)).toBe('next')
    expect(keyCommand({ key: 'Enter', shiftKey: true }, input)).toBe('prev')
    expect(keyCommand({ key: 'Enter' }, { passFail: false, textarea: true })).toBeNull()
    expect(keyCommand({ key: 'd' }, pf)).toBe('dat')
    expect(keyCommand({ key: 'D' }, pf)).toBe('dat')
    expect(keyCommand({ key: 'k' }, pf)).toBe('khong_dat')
    expect(keyCommand({ key: 'Delete' }, pf)).toBe('clear')
    // Typing a "d" in a text box is just typing.
    expect(keyCommand({ key: 'd' }, input)).toBeNull()
    expect(keyCommand({ key: 'd', ctrlKey: true }, pf)).toBeNull()
    expect(keyCommand({ key: 'x' }, pf)).toBeNull()
  })

  it('steps through inputs and jumps between criteria', () => {
    expect(step(5, 2, 1)).toBe(3)
    expect(step(5, 4, 1)).toBe(4)
    expect(step(5, 0, -1)).toBe(0)
    expect(step(5, -1, 1)).toBe(0)
    expect(step(0, 0, 1)).toBe(-1)
    // inputs of sections 0,0,0,1,1,2
    const s = [0, 0, 0, 1, 1, 2]
    expect(criterionJump(s, 1, 1)).toBe(3)
    expect(criterionJump(s, 3, 1)).toBe(5)
    expect(criterionJump(s, 5, 1)).toBe(5)
    expect(criterionJump(s, 4, -1)).toBe(3) // to the start of its own section first
    expect(criterionJump(s, 3, -1)).toBe(0)
    expect(criterionJump(s, 0, -1)).toBe(0)
    expect(criterionJump(s, -1, 1)).toBe(0)
  })

  it('formats the save time and history values', () => {
    expect(clock(new Date(2025, 5, 1, 8, 3, 9))).toBe('08:03:09')
    expect(historyValue('override', 'true', tr)).toBe('Đạt')
    expect(historyValue('met', 'false', tr)).toBe('Không đạt')
    expect(historyValue('value', 'khong_dat', tr)).toBe('Không đạt')
    expect(historyValue('number', '85.5', tr)).toBe('85,5')
    expect(historyValue('date', '2025-06-01', tr)).toBe('01/06/2025')
    expect(historyValue('note', '', tr)).toBe('—')
  })
})

describe('lists', () => {
  const sets = [
    { id: '1', code: 'xa-ntm-nang-cao-2021-2025', target: 'nang_cao', scope: 3, phase: '2021-2025', current: true, criteriaCount: 19 },
    { id: '2', code: 'xa-ntm-2021-2025', target: 'dat_chuan', scope: 3, phase: '2021-2025', current: true, criteriaCount: 19 },
    { id: '3', code: 'xa-ntm-2026-2030', target: 'dat_chuan', scope: 3, phase: '2026-2030', current: true, criteriaCount: 10 },
    { id: '4', code: 'thon-ntm', target: 'thon_dat_chuan', scope: 4, phase: '', current: true, criteriaCount: 0 },
  ]
  it('starts a new assessment with the commune set of the year', () => {
    expect(defaultSetFor(sets, 2024)?.id).toBe('2')
    expect(defaultSetFor(sets, 2027)?.id).toBe('3')
    expect(defaultSetFor(sets, 2040)?.id).toBe('3')
    expect(defaultSetFor([sets[0], sets[3]], 2024)?.id).toBe('1')
    expect(defaultSetFor([], 2024)).toBeNull()
    expect(phaseYears('2021–2025')).toEqual([2021, 2025])
    expect(phaseYears('')).toBeNull()
  })

  it('offers the years and reads the cells', () => {
    expect(yearChoices(2025)).toEqual([2026, 2025, 2024, 2023, 2022, 2021])
    expect(cellState(1)).toBe('met')
    expect(cellState(0)).toBe('notMet')
    expect(cellState(-1)).toBe('none')
    expect(uniqueCodes([{ code: 'a' }, { code: 'b' }, { code: 'a' }])).toEqual(['a', 'b'])
  })

  it('charts the criteria met per year', () => {
    const o = timelineOption(
      { years: [{ year: 2023, criteriaMet: 15, criteriaTotal: 19, indicatorsMet: 40, indicatorsTotal: 49 }, { year: 2024, criteriaMet: 17, criteriaTotal: 19, indicatorsMet: 45, indicatorsTotal: 49 }] },
      { met: 'Tiêu chí đạt', total: 'Tổng', indicators: 'Chỉ tiêu đạt' },
    ) as { xAxis: { data: string[] }; series: Array<{ name: string; data: number[] }> }
    expect(o.xAxis.data).toEqual(['2023', '2024'])
    expect(o.series[0]).toMatchObject({ name: 'Tiêu chí đạt', data: [15, 17] })
    expect(timelineOption(null, { met: 'a', total: 'b', indicators: 'c' })).toBeTruthy()
  })
})
