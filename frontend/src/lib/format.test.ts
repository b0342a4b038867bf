import { describe, expect, it } from 'vitest'
import { comparatorSign, formatDate, formatDateTime, formatNumber, formatPeriod, formatSize, milestoneStatus, todayISO } from './format'

describe('formatDate', () => {
  it('shows ISO dates as dd/mm/yyyy', () => {
    expect(formatDate('2025-01-05')).toBe('05/01/2025')
    expect(formatDate('2022-05-18T00:00:00Z')).toBe('18/05/2022')
    expect(formatDate('')).toBe('')
    expect(formatDate(null)).toBe('')
  })
  it('formats a time stamp in local time', () => {
    const d = new Date(2025, 0, 5, 14, 3)
    expect(formatDateTime(d.toISOString())).toBe('05/01/2025 14:03')
    expect(formatDateTime('nonsense')).toBe('')
  })
  it('gives today as ISO', () => {
    expect(todayISO(new Date(2026, 10, 8))).toBe('2026-11-08')
  })
})

describe('formatNumber', () => {
  it('uses Vietnamese separators', () => {
    expect(formatNumber(1234.5)).toBe('1.234,5')
    expect(formatNumber(1234567)).toBe('1.234.567')
    expect(formatNumber(87)).toBe('87')
    expect(formatNumber(0.125, 2)).toBe('0,13')
    expect(formatNumber(-1500.25)).toBe('-1.500,25')
    expect(formatNumber(2.5, 0)).toBe('3')
    expect(formatNumber(Number.NaN)).toBe('')
    expect(formatNumber(null)).toBe('')
  })
  it('formats sizes and periods', () => {
    expect(formatSize(512)).toBe('512 B')
    expect(formatSize(1536)).toBe('1,5 KB')
    expect(formatSize(5 * 1024 * 1024)).toBe('5 MB')
    expect(formatPeriod(2021, 2025)).toBe('2021–2025')
    expect(formatPeriod(2025, 2025)).toBe('2025')
  })
  it('shows comparators as signs', () => {
    expect(comparatorSign('>=')).toBe('≥')
    expect(comparatorSign('<=')).toBe('≤')
  })
})

describe('milestoneStatus', () => {
  const today = '2026-11-28'
  it('is done once there is a done date, whatever the due date', () => {
    expect(milestoneStatus({ dueDate: '2020-01-01', doneDate: '2020-02-01' }, today)).toBe('done')
  })
  it('is overdue before today and upcoming from today on', () => {
    expect(milestoneStatus({ dueDate: '2026-11-27', doneDate: '' }, today)).toBe('overdue')
    expect(milestoneStatus({ dueDate: '2026-11-28', doneDate: '' }, today)).toBe('upcoming')
    expect(milestoneStatus({ dueDate: '2027-01-01' }, today)).toBe('upcoming')
  })
  it('is undated without a due date', () => {
    expect(milestoneStatus({ dueDate: '' }, today)).toBe('undated')
  })
})
