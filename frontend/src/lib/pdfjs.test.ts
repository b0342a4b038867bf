import { describe, expect, it } from 'vitest'
import { fitWidthScale, pdfBytes, useWorkerThread } from './pdfjs'

describe('pdf.js helpers', () => {
  it('decodes the PDF bytes as the backend sends them', () => {
    expect(Array.from(pdfBytes('JVBERi0='))).toEqual([0x25, 0x50, 0x44, 0x46, 0x2d]) // "%PDF-"
    expect(Array.from(pdfBytes([1, 2, 3]))).toEqual([1, 2, 3])
    const u = new Uint8Array([9])
    expect(pdfBytes(u)).toBe(u)
    expect(pdfBytes('').length).toBe(0)
    expect(pdfBytes(null).length).toBe(0)
  })

  it('uses a worker thread only where the page is served over http(s)', () => {
    expect(useWorkerThread('http:')).toBe(true)
    expect(useWorkerThread('https:')).toBe(true)
    expect(useWorkerThread('wails:')).toBe(false)
    expect(useWorkerThread('file:')).toBe(false)
  })

  it('fits a page to the pane width, within bounds', () => {
    expect(fitWidthScale(627, 595)).toBeCloseTo(1, 5)
    expect(fitWidthScale(1222, 595)).toBeCloseTo(2, 5)
    expect(fitWidthScale(10, 595)).toBe(1)
    expect(fitWidthScale(100000, 595)).toBe(4)
    expect(fitWidthScale(800, 0)).toBe(1)
  })
})
