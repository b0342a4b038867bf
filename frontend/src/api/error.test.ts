import { describe, expect, it, vi } from 'vitest'
import { AppError, call, describeError, fieldMessages, toAppError } from './error'
import { translator } from '../test/i18n'

const tr = translator()

describe('toAppError', () => {
  it('decodes the JSON string a rejected binding carries', () => {
    const e = toAppError(
      '{"key":"errors.invalid","params":{"x":1},"fields":[{"field":"name","key":"validation.required"},{"field":"deputies.0.name","key":"validation.tooLong","params":{"max":100,"length":120}}],"code":"E-3F9A2C"}',
    )
    expect(e).toBeInstanceOf(AppError)
    expect(e.key).toBe('errors.invalid')
    expect(e.params).toEqual({ x: 1 })
    expect(e.code).toBe('E-3F9A2C')
    expect(e.fields).toEqual([
      { field: 'name', key: 'validation.required', params: {} },
      { field: 'deputies.0.name', key: 'validation.tooLong', params: { max: 100, length: 120 } },
    ])
    expect(e.isValidation).toBe(true)
  })

  it('turns anything else into errors.internal without keeping the raw text', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    for (const raw of ['sql: database is locked', '{not json', '{"key":42}', '{"key":"no spaces allowed here"}', 42, null, undefined, new TypeError('x is undefined')]) {
      const e = toAppError(raw)
      expect(e.key).toBe('errors.internal')
      expect(e.code).toBe('')
      expect(describeError(e, tr)).not.toContain('database is locked')
    }
    spy.mockRestore()
  })

  it('reads an Error whose message is the JSON, and keeps an AppError as is', () => {
    const e = toAppError(new Error('{"key":"errors.stale","params":{"entity":"unit"},"code":"E-1"}'))
    expect(e.key).toBe('errors.stale')
    expect(toAppError(e)).toBe(e)
  })

  it('skips malformed field entries', () => {
    const e = toAppError({ key: 'errors.invalid', fields: [{ field: 'name' }, 'x', { field: 'email', key: 'validation.email' }] })
    expect(e.fields.map((f) => f.field)).toEqual(['email'])
  })
})

describe('call', () => {
  it('rejects with an AppError for a rejected promise and for a synchronous throw', async () => {
    await expect(call(() => Promise.reject('{"key":"errors.db.closed","code":"E-2"}'))).rejects.toMatchObject({ key: 'errors.db.closed', code: 'E-2' })
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    await expect(
      call(() => {
        throw new TypeError("Cannot read properties of undefined (reading 'app')")
      }),
    ).rejects.toMatchObject({ key: 'errors.internal' })
    spy.mockRestore()
  })
})

describe('describeError', () => {
  it('translates the entity before the message and appends the code', () => {
    const text = describeError(new AppError('errors.notFound', { entity: 'unit' }, [], 'E-ABC123'), tr)
    expect(text).toBe('Không tìm thấy đơn vị (có thể đã bị xóa). (Mã lỗi: E-ABC123)')
  })

  it('leaves an unknown entity as it is', () => {
    expect(describeError(new AppError('errors.stale', { entity: 'thing' }), tr)).toContain('Dữ liệu thing')
  })

  it('does not append the code to validation errors', () => {
    const text = describeError(new AppError('errors.invalid', {}, [], 'E-1'), tr)
    expect(text).toBe('Thông tin nhập chưa hợp lệ. Vui lòng kiểm tra các ô được đánh dấu.')
  })

  it('shows the internal message with its code once, or without a code', () => {
    expect(describeError(new AppError('errors.internal', {}, [], 'E-9'), tr)).toBe(
      'Đã xảy ra lỗi không mong muốn. Dữ liệu của bạn không bị thay đổi. Mã lỗi: E-9.',
    )
    expect(describeError(new AppError('errors.internal'), tr)).toBe('Đã xảy ra lỗi không mong muốn. Dữ liệu của bạn không bị thay đổi.')
  })

  it('treats a key missing from vi.json as internal', () => {
    expect(describeError(new AppError('errors.somethingNew', {}, [], 'E-7'), tr)).toContain('Mã lỗi: E-7')
  })

  it('interpolates params of backend messages', () => {
    const text = describeError(new AppError('errors.unit.notEmpty', { name: 'Văn phòng Sở', units: 2, staff: 5 }, [], 'E-5'), tr)
    expect(text).toBe('Không thể xóa “Văn phòng Sở”: còn 2 đơn vị trực thuộc và 5 cán bộ. Hãy chuyển hoặc xóa trước. (Mã lỗi: E-5)')
  })
})

describe('fieldMessages', () => {
  it('maps each field to its first message, with params', () => {
    const err = new AppError('errors.invalid', {}, [
      { field: 'name', key: 'validation.tooLong', params: { max: 200, length: 250 } },
      { field: 'name', key: 'validation.required' },
      { field: 'milestones.2.dueDate', key: 'validation.date' },
      { field: 'parentId', key: 'validation.unit.parentCycle' },
      { field: 'x', key: 'validation.unknownThing' },
    ])
    expect(fieldMessages(err, tr)).toEqual({
      name: 'Quá dài: tối đa 200 ký tự (hiện có 250).',
      'milestones.2.dueDate': 'Ngày không hợp lệ.',
      parentId: 'Không thể đặt đơn vị dưới một đơn vị con của chính nó.',
      x: 'Giá trị không hợp lệ.',
    })
  })
})
