import { describe, expect, it, vi } from 'vitest'
import { useImportPreview } from './importPreview'

describe('useImportPreview', () => {
  it('reads the picked file and opens the preview', async () => {
    const read = vi.fn(async (p: string) => ({ rows: 3, p }))
    const onError = vi.fn()
    const imp = useImportPreview(async () => '/tmp/a.xlsx', read, onError)
    await imp.start()
    expect(read).toHaveBeenCalledWith('/tmp/a.xlsx')
    expect(imp.preview.value).toEqual({ rows: 3, p: '/tmp/a.xlsx' })
    expect(imp.path.value).toBe('/tmp/a.xlsx')
    expect(imp.show.value).toBe(true)
    expect(imp.busy.value).toBe(false)
    expect(onError).not.toHaveBeenCalled()
  })

  it('does nothing when the dialog is cancelled', async () => {
    const read = vi.fn()
    const imp = useImportPreview(async () => '', read, vi.fn())
    await imp.start()
    expect(read).not.toHaveBeenCalled()
    expect(imp.show.value).toBe(false)
  })

  it('reports a read error and keeps the dialog closed', async () => {
    const err = new Error('bad file')
    const onError = vi.fn()
    const imp = useImportPreview(async () => '/tmp/b.xlsx', async () => { throw err }, onError)
    await imp.start()
    expect(onError).toHaveBeenCalledWith(err)
    expect(imp.show.value).toBe(false)
    expect(imp.preview.value).toBeNull()
    expect(imp.busy.value).toBe(false)
  })
})
