// Shared helpers of the end-to-end suites. Each suite file runs in its own
// node process (node --test), so the module state below (browser, page, the
// first failed step) belongs to one suite.
//
// A suite calls useBrowser('prefix') inside its describe(), then declares its
// ordered steps with step(); once a step fails the later ones are skipped.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'

export const BASE = process.env.E2E_URL ?? 'http://127.0.0.1:34115'
export const OUT = process.env.E2E_OUT ?? new URL('../out', import.meta.url).pathname
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium'
export const DATA_DIR = process.env.E2E_DATA_DIR ?? '' // the app's throw-away data folder (run.sh)
/** The file whose content answers the app's next native file dialog (app/dialog.go). */
export const DIALOG_FILE = process.env.E2E_DIALOG_FILE ?? ''
export const T = 15_000 // default wait for anything on screen (the backend is local)

/** The agency of the sample data, as the header shows it. */
export const AGENCY = 'SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG'

/** The current page; set by useBrowser's before hook. */
export let page
let browser
let prefix = 'e2e'
let failedStep = ''
let shot = 0
const pageErrors = []
const consoleLines = []

function watch(p) {
  p.on('pageerror', (err) => pageErrors.push(String(err?.stack ?? err)))
  p.on('console', (m) => consoleLines.push(`[${m.type()}] ${m.text()}`))
  p.on('response', (r) => {
    if (r.status() >= 400) consoleLines.push(`[http ${r.status()}] ${r.url()}`)
  })
}

/**
 * Close the window's page as a user closing the window would (the page's
 * unload handlers run, nothing waits for them) and open a new one at url in
 * the same browser profile; \`page\` is the new page afterwards.
 */
export async function closeAndReopen(url) {
  const context = page.context()
  await page.close({ runBeforeUnload: true })
  page = await context.newPage()
  watch(page)
  await page.goto(url, { waitUntil: 'domcontentloaded' })
}

/** Launch Debian's Chromium for the suite; screenshots and logs go to OUT as `${name}-…`. */
export function useBrowser(name = 'e2e') {
  prefix = name
  before(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--lang=vi-VN',
      ],
    })
    const context = await browser.newContext({ viewport: { width: 1366, height: 860 }, locale: 'vi-VN' })
    context.setDefaultTimeout(T)
    page = await context.newPage()
    watch(page)
  })
  after(async () => {
    if (page) await page.screenshot({ path: join(OUT, `${prefix}-final.png`), fullPage: true }).catch(() => {})
    writeFileSync(join(OUT, `${prefix}-console.log`), consoleLines.join('\n') + '\n')
    await browser?.close()
  })
}

/** A step of the flow: skipped once an earlier one failed; screenshot on failure. */
export function step(name, fn) {
  test(name, async (t) => {
    if (failedStep) {
      t.skip(`earlier step failed: ${failedStep}`)
      return
    }
    try {
      await fn(t)
    } catch (err) {
      failedStep = name
      const file = join(OUT, `${prefix}-fail-${String(++shot).padStart(2, '0')}.png`)
      await page?.screenshot({ path: file, fullPage: true }).catch(() => {})
      err.message += `\n  (screenshot: ${file})`
      throw err
    }
  })
}

/** The uncaught page errors seen so far (a suite asserts there are none). */
export const uncaughtErrors = () => pageErrors

/** Wait (briefly) until no CSS transition or animation is running: drawers slide, tabs fade. */
export const settle = (timeout = 2000) =>
  page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), null, { timeout }).catch(() => {})

/** A screenshot of the viewport, once it has settled, into OUT as `${prefix}-${name}.png`. */
export async function screenshot(name) {
  await settle()
  await page.screenshot({ path: join(OUT, `${prefix}-${name}.png`) })
}

export const id = (testId) => page.getByTestId(testId)
export const visible = (locator, timeout = T) => locator.first().waitFor({ state: 'visible', timeout })
export const hidden = (locator, timeout = T) => locator.first().waitFor({ state: 'hidden', timeout })
export const text = (s) => page.getByText(s, { exact: false })
/** A validation message shown inline, under its form field. */
export const inline = (s) => page.locator('.n-form-item-feedback', { hasText: s })

/** The rows of a data table (by test id) that contain s. */
export const row = (tableId, s) => id(tableId).locator('tbody tr', { hasText: s })

export const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
/** A regular expression matching exactly s, give or take surrounding white space. */
export const exactRe = (s) => new RegExp(`^\\s*${escapeRe(s)}\\s*$`)

/** The rows of a data table whose first cell is exactly s. */
export const rowByFirstCell = (tableId, s) =>
  id(tableId).locator('tbody tr').filter({ has: page.locator('td:first-child', { hasText: exactRe(s) }) })

/** Lower case without Vietnamese diacritics ("Nguyễn Văn" → "nguyen van"). */
export const plain = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase()

/** Open a Naive UI NSelect (its root carries the test id) and pick an option by its text. */
export async function pick(testId, optionText) {
  await id(testId).click()
  const menu = page.locator('.n-base-select-menu:visible')
  await visible(menu)
  await menu.locator('.n-base-select-option', { hasText: exactRe(optionText) }).first().click()
  await hidden(menu)
}

/** Open a Naive UI NTreeSelect (root carries the test id), narrow it by typing if it is filterable, pick a node. */
export async function pickTree(testId, nodeText) {
  await id(testId).click()
  const menu = page.locator('.n-tree-select-menu:visible')
  await visible(menu)
  const input = id(testId).locator('input.n-base-selection-input')
  if ((await input.count()) > 0) await input.first().fill(nodeText)
  await menu.locator('.n-tree-node-content__text', { hasText: exactRe(nodeText) }).first().click()
  await hidden(menu)
}

/** Click OK on the confirm dialog if one opens within a moment; wait for it to close. */
export async function maybeConfirm(timeout = 3000) {
  const ok = id('confirm-ok').last()
  try {
    await ok.waitFor({ state: 'visible', timeout })
  } catch {
    return false
  }
  await ok.click()
  await hidden(id('confirm-ok'))
  return true
}

/** Type into the search box of a list and wait for the table to settle on it. */
export async function search(testId, q) {
  await id(testId).fill(q)
  await page.waitForTimeout(600) // the search is debounced (250 ms), then one backend call
}

/** The visible form's save button, clicked; a form closes (or shows errors). */
export const save = () => id('form-save').filter({ visible: true }).last().click()

/** Open the app; on a fresh database load the sample through the setup screen. */
export async function openWithSample() {
  await page.goto(BASE, { waitUntil: 'domcontentloaded' })
  const setup = id('setup-use-sample')
  const header = id('header-agency')
  await visible(setup.or(header), 30_000)
  if (await setup.isVisible()) {
    await setup.click()
    await visible(id('dashboard'), 30_000)
  }
  await visible(header, 30_000)
}

/**
 * Answer the app's next native file dialog with path (app/dialog.go reads
 * and deletes the file); null leaves no answer, i.e. "cancelled".
 */
export function answerNextDialog(path) {
  if (!DIALOG_FILE) throw new Error('E2E_DIALOG_FILE is not set: run the suite through tests/e2e/run.sh')
  if (path === null) rmSync(DIALOG_FILE, { force: true })
  else writeFileSync(DIALOG_FILE, path + '\n')
}

/** True once the app has consumed the dialog answer. */
export const dialogAnswered = () => !existsSync(DIALOG_FILE)

/** A folder for the files a suite writes (inside run.sh's throw-away folder when given). */
export function workDir(name) {
  const base = process.env.E2E_TMP || tmpdir()
  return mkdtempSync(join(base, `${name}-`))
}

/** Pick a locality in a LocalityPicker by typing q (remote search); returns the chosen option's label. */
export async function pickLocality(testId, q, optionRe) {
  await id(testId).click()
  await id(testId).locator('input.n-base-selection-input').fill(q)
  await page.waitForTimeout(700) // debounced remote search
  const menu = page.locator('.n-base-select-menu:visible')
  await visible(menu)
  const opt = menu.locator('.n-base-select-option', { hasText: optionRe }).first()
  await visible(opt)
  const label = (await opt.innerText()).trim()
  await opt.click()
  await hidden(menu)
  return label
}

/** Open a file dialog by clicking button with the answer path; wait until the app has read it. */
export async function clickWithDialogAnswer(button, path) {
  answerNextDialog(path)
  await button.click()
  const deadline = Date.now() + T
  while (!dialogAnswered() && Date.now() < deadline) await page.waitForTimeout(100)
  assert.ok(dialogAnswered(), 'the app asked for a file (the scripted dialog answer was read)')
}
