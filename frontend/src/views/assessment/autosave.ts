// The checklist's autosave queue, free of Vue so that it can be tested with
// fake timers. Each key (one indicator) keeps only its latest value; a value
// is saved DELAY ms after its last change, saves run one at a time in the
// order they became due, and a failed save keeps the typed value pending:
// a transient failure is retried with a growing delay, a refused one (a
// validation error) waits for the next change or an explicit flush.

/** The most the queue waits after a change before saving it. */
export const AUTOSAVE_DELAY_MS = 350

/** What to do after a failed save: try again later, or wait for the user. */
export type FailurePolicy = 'retry' | 'hold'

export interface AutosaveOptions<V, R> {
  save: (key: string, value: V) => Promise<R>
  /** Called after each successful save with the value that was sent. */
  onSaved?: (key: string, value: V, result: R, stillPending: boolean) => void
  /** Called after each failed save; the default policy is 'retry'. */
  onError?: (key: string, value: V, error: unknown) => FailurePolicy | void
  /** Called whenever the state (saving, pending, errors, saved time) changes. */
  onChange?: (state: AutosaveState) => void
  delay?: number
  retryDelay?: number
  maxRetryDelay?: number
  now?: () => Date
}

export interface AutosaveState {
  /** A save is in flight. */
  saving: boolean
  /** Keys with a value not saved yet (typed, waiting, failed or in flight). */
  pending: number
  /** Keys whose last save failed. */
  failed: string[]
  /** When the last save succeeded. */
  savedAt: Date | null
}

type Timer = ReturnType<typeof setTimeout>

export class Autosave<V, R = unknown> {
  private readonly opts: AutosaveOptions<V, R>
  private readonly delay: number
  private readonly values = new Map<string, V>()
  private readonly versions = new Map<string, number>()
  private readonly timers = new Map<string, Timer>()
  private readonly retryTimers = new Map<string, Timer>()
  private readonly retries = new Map<string, number>()
  private readonly errors = new Map<string, unknown>()
  private readonly due: string[] = []
  private running: Promise<void> | null = null
  private inFlight = false
  private savedAt: Date | null = null
  private disposed = false

  constructor(opts: AutosaveOptions<V, R>) {
    this.opts = opts
    this.delay = Math.min(opts.delay ?? AUTOSAVE_DELAY_MS, 400)
  }

  /** Records the latest value of a key and (re)starts its delay. */
  set(key: string, value: V): void {
    if (this.disposed) return
    this.values.set(key, value)
    this.versions.set(key, (this.versions.get(key) ?? 0) + 1)
    this.clearRetry(key)
    this.retries.delete(key)
    clearTimeout(this.timers.get(key))
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key)
        this.markDue(key)
        void this.pump()
      }, this.delay),
    )
    this.emit()
  }

  /** The value of a key that is not saved yet, if any. */
  pendingValue(key: string): V | undefined {
    return this.values.get(key)
  }

  /** The error of a key's last failed save, if it is still failing. */
  errorOf(key: string): unknown {
    return this.errors.get(key)
  }

  hasPending(): boolean {
    return this.values.size > 0
  }

  state(): AutosaveState {
    return { saving: this.inFlight, pending: this.values.size, failed: [...this.errors.keys()], savedAt: this.savedAt }
  }

  /**
   * Saves everything pending now (waiting values, failed ones once more)
   * and resolves when the queue is idle: true when nothing is left unsaved.
   */
  async flush(): Promise<boolean> {
    for (const [key, t] of this.timers) {
      clearTimeout(t)
      this.markDue(key)
    }
    this.timers.clear()
    for (const key of [...this.retryTimers.keys()]) {
      this.clearRetry(key)
      this.markDue(key)
    }
    for (const key of this.values.keys()) if (this.errors.has(key)) this.markDue(key)
    while (this.due.length || this.running) await this.pump()
    return this.values.size === 0
  }

  /** Stops every timer; pending values are dropped (flush first). */
  dispose(): void {
    this.disposed = true
    for (const t of this.timers.values()) clearTimeout(t)
    for (const t of this.retryTimers.values()) clearTimeout(t)
    this.timers.clear()
    this.retryTimers.clear()
  }

  private markDue(key: string) {
    if (!this.due.includes(key)) this.due.push(key)
  }

  private clearRetry(key: string) {
    const t = this.retryTimers.get(key)
    if (t !== undefined) clearTimeout(t)
    this.retryTimers.delete(key)
  }

  private pump(): Promise<void> {
    if (!this.running) {
      const p: Promise<void> = this.drain().finally(() => {
        if (this.running === p) this.running = null
      })
      this.running = p
    }
    return this.running
  }

  private async drain(): Promise<void> {
    while (this.due.length) {
      const key = this.due.shift() as string
      if (!this.values.has(key)) continue
      const value = this.values.get(key) as V
      const version = this.versions.get(key)
      this.inFlight = true
      this.emit()
      try {
        const result = await this.opts.save(key, value)
        const newer = this.versions.get(key) !== version
        if (!newer) this.values.delete(key)
        this.errors.delete(key)
        this.retries.delete(key)
        this.savedAt = (this.opts.now ?? (() => new Date()))()
        this.opts.onSaved?.(key, value, result, newer)
      } catch (e) {
        this.errors.set(key, e)
        const policy = this.opts.onError?.(key, value, e) ?? 'retry'
        // A newer value has its own timer; retry only the value that failed.
        if (policy === 'retry' && this.versions.get(key) === version && !this.disposed) this.scheduleRetry(key)
      } finally {
        this.inFlight = false
      }
    }
    this.emit()
  }

  private scheduleRetry(key: string) {
    const n = (this.retries.get(key) ?? 0) + 1
    this.retries.set(key, n)
    const base = this.opts.retryDelay ?? 1000
    const wait = Math.min(base * 2 ** (n - 1), this.opts.maxRetryDelay ?? 15000)
    this.clearRetry(key)
    this.retryTimers.set(
      key,
      setTimeout(() => {
        this.retryTimers.delete(key)
        this.markDue(key)
        void this.pump()
      }, wait),
    )
  }

  private emit() {
    this.opts.onChange?.(this.state())
  }
}
