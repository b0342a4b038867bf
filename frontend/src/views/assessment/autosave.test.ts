import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AUTOSAVE_DELAY_MS, Autosave, type AutosaveState } from './autosave'

interface Call {
  key: string
  value: string
}

function deferred<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

/** A save that records its calls and answers as told (ok by default). */
function recorder() {
  const calls: Call[] = []
  let failNext = 0
  let failWith: unknown = new Error('db locked')
  const save = vi.fn(async (key: string, value: string) => {
    calls.push({ key, value })
    if (failNext > 0) {
      failNext--
      throw failWith
    }
    return `${key}=${value}`
  })
  return {
    calls,
    save,
    fail(n: number, err: unknown = new Error('db locked')) {
      failNext = n
      failWith = err
    },
  }
}

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('Autosave', () => {
  it('waits at most 400 ms after the last change and sends only the latest value', async () => {
    expect(AUTOSAVE_DELAY_MS).toBeLessThanOrEqual(400)
    const r = recorder()
    const q = new Autosave<string>({ save: r.save })
    q.set('17.2', '8')
    await vi.advanceTimersByTimeAsync(200)
    q.set('17.2', '85')
    await vi.advanceTimersByTimeAsync(200)
    expect(r.calls).toEqual([])
    q.set('17.2', '85,5')
    await vi.advanceTimersByTimeAsync(400)
    expect(r.calls).toEqual([{ key: '17.2', value: '85,5' }])
    expect(q.hasPending()).toBe(false)
  })

  it('never waits longer than 400 ms even when asked to', async () => {
    const r = recorder()
    const q = new Autosave<string>({ save: r.save, delay: 5000 })
    q.set('a', '1')
    await vi.advanceTimersByTimeAsync(400)
    expect(r.calls).toHaveLength(1)
  })

  it('saves one at a time, in the order the values became due', async () => {
    const order: string[] = []
    const gates = new Map<string, ReturnType<typeof deferred<string>>>()
    const q = new Autosave<string, string>({
      delay: 100,
      save: (key) => {
        order.push(`start ${key}`)
        const d = deferred<string>()
        gates.set(key, d)
        return d.promise.then((v) => {
          order.push(`end ${key}`)
          return v
        })
      },
    })
    q.set('1.1', 'dat')
    await vi.advanceTimersByTimeAsync(50)
    q.set('1.2', 'khong_dat')
    await vi.advanceTimersByTimeAsync(50) // 1.1 due
    await vi.advanceTimersByTimeAsync(50) // 1.2 due while 1.1 in flight
    expect(order).toEqual(['start 1.1'])
    gates.get('1.1')!.resolve('ok')
    await vi.advanceTimersByTimeAsync(0)
    expect(order).toEqual(['start 1.1', 'end 1.1', 'start 1.2'])
    gates.get('1.2')!.resolve('ok')
    await vi.advanceTimersByTimeAsync(0)
    expect(order).toEqual(['start 1.1', 'end 1.1', 'start 1.2', 'end 1.2'])
  })

  it('keeps a value typed while its previous value was being saved', async () => {
    const gate = deferred<string>()
    const sent: string[] = []
    const saved: Array<[string, boolean]> = []
    const q = new Autosave<string, string>({
      delay: 100,
      save: (_k, v) => {
        sent.push(v)
        return sent.length === 1 ? gate.promise : Promise.resolve('ok')
      },
      onSaved: (_k, v, _r, still) => saved.push([v, still]),
    })
    q.set('x', '1')
    await vi.advanceTimersByTimeAsync(100)
    q.set('x', '12')
    gate.resolve('ok')
    await vi.advanceTimersByTimeAsync(0)
    expect(saved).toEqual([['1', true]])
    expect(q.pendingValue('x')).toBe('12')
    await vi.advanceTimersByTimeAsync(100)
    expect(sent).toEqual(['1', '12'])
    expect(q.pendingValue('x')).toBeUndefined()
  })

  it('flush saves everything at once and reports success', async () => {
    const r = recorder()
    const q = new Autosave<string>({ save: r.save })
    q.set('a', '1')
    q.set('b', '2')
    q.set('a', '3')
    const ok = await q.flush()
    expect(ok).toBe(true)
    expect(r.calls).toEqual([
      { key: 'a', value: '3' },
      { key: 'b', value: '2' },
    ])
    await vi.advanceTimersByTimeAsync(1000)
    expect(r.calls).toHaveLength(2) // the timers were cancelled
  })

  it('flush waits for a save in flight and for values typed meanwhile', async () => {
    const gate = deferred<string>()
    const sent: string[] = []
    const q = new Autosave<string, string>({
      delay: 100,
      save: (k, v) => {
        sent.push(`${k}:${v}`)
        return sent.length === 1 ? gate.promise : Promise.resolve('ok')
      },
    })
    q.set('a', '1')
    await vi.advanceTimersByTimeAsync(100)
    q.set('b', '2')
    let done = false
    const p = q.flush().then((v) => {
      done = v
    })
    await vi.advanceTimersByTimeAsync(0)
    expect(done).toBe(false)
    gate.resolve('ok')
    await p
    expect(done).toBe(true)
    expect(sent).toEqual(['a:1', 'b:2'])
  })

  it('keeps the typed value after a failure and retries with a growing delay', async () => {
    const r = recorder()
    const states: AutosaveState[] = []
    const q = new Autosave<string>({ save: r.save, delay: 100, retryDelay: 1000, onChange: (s) => states.push(s) })
    r.fail(2)
    q.set('17.2', '90')
    await vi.advanceTimersByTimeAsync(100)
    expect(r.calls).toHaveLength(1)
    expect(q.pendingValue('17.2')).toBe('90')
    expect(q.state().failed).toEqual(['17.2'])
    await vi.advanceTimersByTimeAsync(999)
    expect(r.calls).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(r.calls).toHaveLength(2) // second failure: next try after 2 s
    await vi.advanceTimersByTimeAsync(1999)
    expect(r.calls).toHaveLength(2)
    await vi.advanceTimersByTimeAsync(1)
    expect(r.calls.map((c) => c.value)).toEqual(['90', '90', '90'])
    expect(q.hasPending()).toBe(false)
    expect(q.state().failed).toEqual([])
    expect(states.at(-1)?.savedAt).not.toBeNull()
  })

  it('holds a refused value until the user changes it, and flush tries it once more', async () => {
    const r = recorder()
    const q = new Autosave<string>({ save: r.save, delay: 100, onError: () => 'hold' })
    r.fail(1, { key: 'validation.assessment.overrideReason' })
    q.set('x', 'abc')
    await vi.advanceTimersByTimeAsync(100)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(r.calls).toHaveLength(1)
    expect(q.errorOf('x')).toEqual({ key: 'validation.assessment.overrideReason' })
    expect(q.pendingValue('x')).toBe('abc')
    r.fail(1, { key: 'validation.assessment.overrideReason' })
    expect(await q.flush()).toBe(false)
    expect(r.calls).toHaveLength(2)
    q.set('x', 'abcdef')
    await vi.advanceTimersByTimeAsync(100)
    expect(r.calls.at(-1)).toEqual({ key: 'x', value: 'abcdef' })
    expect(q.errorOf('x')).toBeUndefined()
    expect(q.hasPending()).toBe(false)
  })

  it('a new value replaces a failing one and cancels its retry', async () => {
    const r = recorder()
    const q = new Autosave<string>({ save: r.save, delay: 100, retryDelay: 500 })
    r.fail(1)
    q.set('x', 'old')
    await vi.advanceTimersByTimeAsync(100)
    q.set('x', 'new')
    await vi.advanceTimersByTimeAsync(2000)
    expect(r.calls.map((c) => c.value)).toEqual(['old', 'new'])
  })

  it('reports saving and the time of the last save', async () => {
    const gate = deferred<string>()
    const states: AutosaveState[] = []
    const at = new Date('2025-06-01T08:30:15')
    const q = new Autosave<string, string>({ save: () => gate.promise, delay: 100, now: () => at, onChange: (s) => states.push(s) })
    q.set('x', '1')
    expect(states.at(-1)).toEqual({ saving: false, pending: 1, failed: [], savedAt: null })
    await vi.advanceTimersByTimeAsync(100)
    expect(states.at(-1)?.saving).toBe(true)
    gate.resolve('ok')
    await vi.advanceTimersByTimeAsync(0)
    expect(states.at(-1)).toEqual({ saving: false, pending: 0, failed: [], savedAt: at })
  })

  it('does nothing after dispose', async () => {
    const r = recorder()
    const q = new Autosave<string>({ save: r.save, delay: 100 })
    q.set('x', '1')
    q.dispose()
    q.set('y', '2')
    await vi.advanceTimersByTimeAsync(1000)
    expect(r.calls).toEqual([])
  })
})
