// Client-side checks run before a save, giving the same {field, key, params}
// shape the backend uses, so both show up the same way under the fields.
// The backend stays the authority; these only spare a round trip.
import type { FieldError } from '../api/error'

export class Checker {
  readonly errors: FieldError[] = []

  add(field: string, key: string, params?: Record<string, unknown>): void {
    if (!this.errors.some((e) => e.field === field)) this.errors.push({ field, key, params })
  }

  has(field: string): boolean {
    return this.errors.some((e) => e.field === field)
  }

  /** Required and/or at most max characters (counted as the user sees them). */
  text(field: string, value: string | null | undefined, opts: { required?: boolean; max?: number }): void {
    const v = (value ?? '').trim()
    if (opts.required && v === '') {
      this.add(field, 'validation.required')
      return
    }
    const length = [...v.normalize('NFC')].length
    if (opts.max !== undefined && length > opts.max) this.add(field, 'validation.tooLong', { max: opts.max, length })
  }

  required(field: string, value: unknown): void {
    if (value === null || value === undefined || value === '') this.add(field, 'validation.required')
  }

  email(field: string, value: string | null | undefined): void {
    const v = (value ?? '').trim()
    if (v && !/^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+$/.test(v)) this.add(field, 'validation.email')
  }

  phone(field: string, value: string | null | undefined): void {
    const v = (value ?? '').trim()
    if (v && !/^[0-9 +().-]{6,20}$/.test(v)) this.add(field, 'validation.phone')
  }

  /** An optional ISO date within 1900–2100. */
  date(field: string, value: string | null | undefined, opts: { required?: boolean; notFuture?: string } = {}): void {
    const v = value ?? ''
    if (!v) {
      if (opts.required) this.add(field, 'validation.required')
      return
    }
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v)
    const d = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null
    if (!m || !d || d.getUTCMonth() !== +m[2] - 1 || +m[1] < 1900 || +m[1] > 2100) {
      this.add(field, 'validation.date')
      return
    }
    if (opts.notFuture && v > opts.notFuture) this.add(field, 'validation.dateFuture')
  }

  /** An optional (0 = empty) or required integer within [min, max]. */
  range(field: string, value: number | null | undefined, min: number, max: number, required = false): void {
    if (value === null || value === undefined || (value === 0 && !required)) {
      if (required) this.add(field, 'validation.required')
      return
    }
    if (!Number.isFinite(value)) this.add(field, 'validation.number')
    else if (value < min || value > max) this.add(field, 'validation.range', { min, max })
  }
}
