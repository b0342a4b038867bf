// pdf.js, loaded on first use (it is large) with its worker.
//
// The worker runs in its own thread where the page is served over http(s):
// the Wails dev server and WebView2 (http://wails.localhost). WebKitGTK and
// WKWebView serve the app from the custom scheme wails://, whose origin is
// opaque; a module worker from there is not reliably allowed, so there the
// worker's code runs on the main thread (pdf.js's "fake worker"), which is
// fine for documents of a few pages.
import type * as PDFJS from 'pdfjs-dist'
import workerUrl from 'pdfjs-dist/legacy/build/pdf.worker.min.mjs?url'

export type PdfJs = typeof PDFJS

/** True when a real Web Worker should be used for pages served with this protocol. */
export function useWorkerThread(protocol: string): boolean {
  return protocol === 'http:' || protocol === 'https:'
}

let loading: Promise<PdfJs> | null = null

export function loadPdfJs(): Promise<PdfJs> {
  loading ??= (async () => {
    // The legacy build: transpiled and polyfilled for WebKit as well as Chromium.
    const lib = (await import('pdfjs-dist/legacy/build/pdf.mjs')) as unknown as PdfJs
    lib.GlobalWorkerOptions.workerSrc = workerUrl
    if (!useWorkerThread(window.location.protocol)) {
      const g = globalThis as unknown as { pdfjsWorker?: unknown }
      g.pdfjsWorker ??= await import(/* @vite-ignore */ workerUrl)
    }
    return lib
  })().catch((e) => {
    loading = null
    throw e
  })
  return loading
}

/** The bytes of a PDF as the backend sends them: base64 text (Go []byte in JSON) or a list of numbers. */
export function pdfBytes(data: string | number[] | Uint8Array | null | undefined): Uint8Array {
  if (!data) return new Uint8Array()
  if (data instanceof Uint8Array) return data
  if (Array.isArray(data)) return Uint8Array.from(data)
  const bin = atob(data)
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}

/** The zoom that makes a page of pageWidth (CSS px at scale 1) fill width, less a gutter. */
export function fitWidthScale(containerWidth: number, pageWidth: number, gutter = 32): number {
  if (pageWidth <= 0 || containerWidth <= gutter) return 1
  return Math.max(0.25, Math.min(4, (containerWidth - gutter) / pageWidth))
}
