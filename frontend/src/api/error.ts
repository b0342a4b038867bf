// Every Go error reaches the window as a rejected promise whose value is a
// string holding JSON {key, params, fields, code} (app.UIError). This module
// turns any rejection into an AppError and renders it with vi.json; raw text
// from a rejection is never shown.

/** One problem with one input field, as the backend reports it. */
export interface FieldError {
  field: string
  key: string
  params?: Record<string, unknown>
}

export class AppError extends Error {
  readonly key: string
  readonly params: Record<string, unknown>
  readonly fields: FieldError[]
  readonly code: string

  constructor(key: string, params: Record<string, unknown> = {}, fields: FieldError[] = [], code = '') {
    super(key)
    this.name = 'AppError'
    this.key = key
    this.params = params
    this.fields = fields
    this.code = code
  }

  /** True for errors whose meaning is "fix the marked fields". */
  get isValidation(): boolean {
    return this.key === 'errors.invalid' || this.key.startsWith('validation.')
  }
}

const INTERNAL = 'errors.internal'
const KEY_RE = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)+$/

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function fromObject(o: Record<string, unknown>): AppError | null {
  if (typeof o.key !== 'string' || !KEY_RE.test(o.key)) return null
  const params = isRecord(o.params) ? o.params : {}
  const fields: FieldError[] = []
  if (Array.isArray(o.fields)) {
    for (const f of o.fields) {
      if (isRecord(f) && typeof f.field === 'string' && typeof f.key === 'string' && KEY_RE.test(f.key)) {
        fields.push({ field: f.field, key: f.key, params: isRecord(f.params) ? f.params : {} })
      }
    }
  }
  const code = typeof o.code === 'string' ? o.code : ''
  return new AppError(o.key, params, fields, code)
}

function fromString(s: string): AppError | null {
  const text = s.trim()
  if (!text.startsWith('{')) return null
  try {
    const v: unknown = JSON.parse(text)
    return isRecord(v) ? fromObject(v) : null
  } catch {
    return null
  }
}

/** Decodes whatever a rejected binding produced into an AppError. */
export function toAppError(e: unknown): AppError {
  if (e instanceof AppError) return e
  let decoded: AppError | null = null
  if (typeof e === 'string') decoded = fromString(e)
  else if (e instanceof Error) decoded = fromString(e.message)
  else if (isRecord(e)) decoded = fromObject(e)
  if (decoded) return decoded
  // Not ours (a JS exception, a Wails transport error): keep the detail for
  // the developer console only.
  console.error('unexpected error', e)
  return new AppError(INTERNAL)
}

/**
 * Runs a binding call and turns its rejection (or a synchronous throw, e.g.
 * when the page runs outside the Wails window) into an AppError.
 */
export async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (e) {
    throw toAppError(e)
  }
}

/** The translation functions the renderers need (vue-i18n's t and te). */
export interface Translator {
  t: (key: string, params?: Record<string, unknown>) => string
  te: (key: string) => boolean
}

/** Translates params.entity ("unit") into its Vietnamese noun ("đơn vị"). */
export function translateParams(params: Record<string, unknown> | undefined, tr: Translator): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(params ?? {}) }
  const entity = out.entity
  if (typeof entity === 'string' && tr.te(`errors.entity.${entity}`)) {
    out.entity = tr.t(`errors.entity.${entity}`)
  }
  return out
}

/** The message of one field error. */
export function fieldMessage(f: FieldError, tr: Translator): string {
  if (!tr.te(f.key)) return tr.t('validation.invalidField')
  return tr.t(f.key, translateParams(f.params, tr))
}

/** Field name → message (the first problem of each field). */
export function fieldMessages(err: AppError, tr: Translator): Record<string, string> {
  const out: Record<string, string> = {}
  for (const f of err.fields) {
    if (!(f.field in out)) out[f.field] = fieldMessage(f, tr)
  }
  return out
}

/** The whole Vietnamese message for an error, with its code when useful. */
export function describeError(e: unknown, tr: Translator): string {
  const err = toAppError(e)
  if (err.key === INTERNAL || !tr.te(err.key)) {
    if (!err.code) return tr.t('common.internalNoCode')
    return tr.t(INTERNAL, { code: err.code })
  }
  let text = tr.t(err.key, translateParams(err.params, tr))
  if (err.code && !err.isValidation) text += ' ' + tr.t('common.errorCode', { code: err.code })
  return text
}
