import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  addEvidence, assessmentQuery, flushDone, getChecklist, getMatrix, getTimeline, isRefusal, listAssessments, matrixQuery, onAppFlush, saveValue, wantFlush,
} from './assessment'
import { AppError } from './error'

type Fn = (...args: unknown[]) => unknown
function bridge(app: Record<string, Record<string, Fn>>, runtime: Record<string, Fn> = {}) {
  ;(globalThis as unknown as { window: unknown }).window = { go: { app }, runtime }
}
afterEach(() => {
  vi.restoreAllMocks()
})

describe('assessments', () => {
  it('fills nil lists of a checklist', async () => {
    bridge({
      Assessments: {
        Checklist: () =>
          Promise.resolve({
            assessment: { id: 'a1' },
            editable: true,
            criteria: [{ id: 'c1', indicators: [{ id: 'i1', evidence: null, value: null }] }, { id: 'c2', indicators: null }],
          }),
      },
    })
    const c = await getChecklist('a1')
    expect(c.criteria[0].indicators[0].evidence).toEqual([])
    expect(c.criteria[0].indicators[0].value).toEqual({})
    expect(c.criteria[1].indicators).toEqual([])
  })

  it('fills nil rows of the matrix and the timeline', async () => {
    bridge({
      Assessments: {
        Matrix: () => Promise.resolve({ criteria: null, rows: [{ localityId: 'l', met: null }], total: 1 }),
        Timeline: () => Promise.resolve({ setCodes: null, criteria: null, years: [{ year: 2024, met: null }] }),
        List: () => Promise.resolve({ items: null, total: 0, page: 1, pageSize: 20 }),
      },
    })
    const m = await getMatrix(matrixQuery({ setCode: 'xa-ntm-2021-2025' }))
    expect(m.criteria).toEqual([])
    expect(m.rows[0].met).toEqual([])
    const t = await getTimeline('l', '')
    expect(t.setCodes).toEqual([])
    expect(t.years[0].met).toEqual([])
    expect((await listAssessments(assessmentQuery())).items).toEqual([])
  })

  it('sends the value without nulls and decodes a refusal', async () => {
    let sent: unknown
    bridge({
      Assessments: {
        SaveValue: (v) => {
          sent = v
          return Promise.reject('{"key":"validation.assessment.overrideReason","code":""}')
        },
      },
    })
    const err = await saveValue({ assessmentId: 'a', indicatorId: 'i', value: 'dat', overrideReason: '', note: '', actor: '' } as never).catch((e) => e)
    expect(err).toBeInstanceOf(AppError)
    expect(isRefusal(err)).toBe(true)
    expect(sent).toEqual({ assessmentId: 'a', indicatorId: 'i', value: 'dat', overrideReason: '', note: '', actor: '' })
  })

  it('tells refusals (hold) from transient failures (retry)', () => {
    expect(isRefusal(new AppError('errors.invalid'))).toBe(true)
    expect(isRefusal(new AppError('errors.assessment.notEditable'))).toBe(true)
    expect(isRefusal(new AppError('errors.notFound', { entity: 'assessment' }))).toBe(true)
    expect(isRefusal(new AppError('errors.db.closed'))).toBe(false)
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    expect(isRefusal(new TypeError('failed to fetch'))).toBe(false)
  })

  it('gives null when the evidence dialog is cancelled', async () => {
    bridge({ Assessments: { AddEvidence: () => Promise.resolve(null) } })
    expect(await addEvidence('a', 'i')).toBeNull()
  })
})

describe('flush on close', () => {
  it('runs the handler on app:flush, then reports FlushDone', async () => {
    const order: string[] = []
    let listener: (() => void) | undefined
    const off = vi.fn()
    bridge(
      { System: { FlushDone: () => (order.push('done'), Promise.resolve()), WantFlush: (on) => (order.push(`want ${on}`), Promise.resolve()) } },
      {
        EventsOnMultiple: (name, cb) => {
          expect(name).toBe('app:flush')
          listener = cb as () => void
          return off
        },
      },
    )
    await wantFlush(true)
    const stop = onAppFlush(async () => {
      await Promise.resolve()
      order.push('flushed')
    })
    listener?.()
    await vi.waitFor(() => expect(order).toContain('done'))
    expect(order).toEqual(['want true', 'flushed', 'done'])
    stop()
    expect(off).toHaveBeenCalled()
  })

  it('reports FlushDone even when the flush fails', async () => {
    const done = vi.fn(() => Promise.resolve())
    let listener: (() => void) | undefined
    bridge({ System: { FlushDone: done } }, { EventsOnMultiple: (_n, cb) => ((listener = cb as () => void), () => undefined) })
    onAppFlush(() => Promise.reject(new Error('db locked')))
    listener?.()
    await vi.waitFor(() => expect(done).toHaveBeenCalledTimes(1))
  })

  it('does nothing when the backend has no flush methods or no runtime', async () => {
    bridge({ System: {} })
    await expect(flushDone()).resolves.toBeUndefined()
    await expect(wantFlush(true)).resolves.toBeUndefined()
    const stop = onAppFlush(() => Promise.resolve())
    expect(() => stop()).not.toThrow()
  })
})
