// One ordered end-to-end flow through the real UI and the real Go backend:
// `wails dev` serves both on E2E_URL (started by run.sh with a throw-away
// database); playwright-core drives Debian's Chromium. Steps share one page;
// once a step fails the later ones are skipped (they depend on it).
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from 'playwright-core'

const BASE = process.env.E2E_URL ?? 'http://127.0.0.1:34115'
const OUT = process.env.E2E_OUT ?? new URL('../out', import.meta.url).pathname
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium'
const DATA_DIR = process.env.E2E_DATA_DIR ?? '' // the app's throw-away data folder (run.sh)
const T = 15_000 // default wait for anything on screen (the backend is local)

const AGENCY = 'SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG'
const UNIT = 'Tổ Công tác nông thôn mới'
const PERSON = 'Phạm Thị Hòa Bình'
const BIRTH_YEAR = '1988'

let browser
let page
const pageErrors = []
const consoleLines = []
let failedStep = ''
let shot = 0

/** A step of the flow: skipped once an earlier one failed; screenshot on failure. */
function step(name, fn) {
  test(name, async (t) => {
    if (failedStep) {
      t.skip(`earlier step failed: ${failedStep}`)
      return
    }
    try {
      await fn(t)
    } catch (err) {
      failedStep = name
      const file = join(OUT, `e2e-fail-${String(++shot).padStart(2, '0')}.png`)
      await page?.screenshot({ path: file, fullPage: true }).catch(() => {})
      err.message += `\n  (screenshot: ${file})`
      throw err
    }
  })
}

const id = (testId) => page.getByTestId(testId)
const visible = (locator, timeout = T) => locator.first().waitFor({ state: 'visible', timeout })
const hidden = (locator, timeout = T) => locator.first().waitFor({ state: 'hidden', timeout })
const text = (s) => page.getByText(s, { exact: false })
/** A validation message shown inline, under its form field. */
const inline = (s) => page.locator('.n-form-item-feedback', { hasText: s })

/** The row of a data table (by test id) that contains s. */
const row = (tableId, s) => id(tableId).locator('tbody tr', { hasText: s })

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Lower case without Vietnamese diacritics ("Nguyễn Văn" → "nguyen van"). */
const plain = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase()

/** Open a Naive UI NSelect (its root carries the test id) and pick an option by its text. */
async function pick(testId, optionText) {
  await id(testId).click()
  const menu = page.locator('.n-base-select-menu:visible')
  await visible(menu)
  await menu.locator('.n-base-select-option', { hasText: new RegExp(`^\\s*${escapeRe(optionText)}\\s*$`) }).first().click()
  await hidden(menu)
}

/** Open a Naive UI NTreeSelect (root carries the test id), narrow it by typing if it is filterable, pick a node. */
async function pickTree(testId, nodeText) {
  await id(testId).click()
  const menu = page.locator('.n-tree-select-menu:visible')
  await visible(menu)
  const input = id(testId).locator('input.n-base-selection-input')
  if ((await input.count()) > 0) await input.first().fill(nodeText)
  await menu.locator('.n-tree-node-content__text', { hasText: new RegExp(`^\\s*${escapeRe(nodeText)}\\s*$`) }).first().click()
  await hidden(menu)
}

/** Click OK on the confirm dialog if one opens within a moment; wait for it to close. */
async function maybeConfirm(timeout = 3000) {
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
async function search(testId, q) {
  await id(testId).fill(q)
  await page.waitForTimeout(600) // the search is debounced (250 ms), then one backend call
}

/** The form's save button, clicked; a form closes (or shows errors). */
const save = () => id('form-save').click()

describe('Chung Sức end to end', () => {
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
    page.on('pageerror', (err) => pageErrors.push(String(err?.stack ?? err)))
    page.on('console', (m) => consoleLines.push(`[${m.type()}] ${m.text()}`))
    page.on('response', (r) => {
      if (r.status() >= 400) consoleLines.push(`[http ${r.status()}] ${r.url()}`)
    })
  })

  after(async () => {
    if (page) {
      await page.screenshot({ path: join(OUT, 'e2e-final.png'), fullPage: true }).catch(() => {})
    }
    writeFileSync(join(OUT, 'e2e-console.log'), consoleLines.join('\n') + '\n')
    await browser?.close()
  })

  step('first run shows the setup screen', async () => {
    await page.goto(BASE, { waitUntil: 'domcontentloaded' })
    await visible(id('setup-use-sample'), 30_000)
    await visible(id('setup-name'))
    assert.equal(await id('startup-error').count(), 0, 'no start-up error')
  })

  step('"Dùng dữ liệu mẫu" loads the sample: header and dashboard', async () => {
    await id('setup-use-sample').click()
    await visible(id('dashboard'), 30_000)
    await assert.doesNotReject(
      page.waitForFunction(
        ([sel, want]) => document.querySelector(sel)?.textContent?.toUpperCase().includes(want),
        ['[data-testid="header-agency"]', AGENCY],
        { timeout: T },
      ),
      'header shows the agency',
    )
    await visible(id('header-sample'))
    assert.match(await id('header-sample').innerText(), /Dữ liệu mẫu/i)
    await page.screenshot({ path: join(OUT, 'e2e-dashboard.png') })
  })

  step('create a unit through the form', async () => {
    await id('nav-org').click()
    await id('tab-units').click()
    await visible(id('units-table'))
    await id('units-new').click()
    await visible(id('unit-name'))
    await id('unit-name').fill(UNIT)
    await id('unit-short-name').fill('TCT-NTM')
    await pick('unit-kind', 'Khác')
    await save()
    await hidden(id('unit-name'))
    await search('units-search', 'nong thon moi')
    await visible(row('units-table', UNIT))
  })

  step('the same name under the same parent is refused inline, nothing saved', async () => {
    await id('units-new').click()
    await visible(id('unit-name'))
    await id('unit-name').fill(UNIT)
    await pick('unit-kind', 'Khác')
    await save()
    await visible(inline(`Đã có đơn vị “${UNIT}” ở cùng cấp.`))
    assert.equal(await id('unit-name').isVisible(), true, 'the form stays open')
    // An empty name is refused too, before anything reaches the database.
    await id('unit-name').fill('')
    await save()
    await visible(inline('Không được để trống.'))
    await id('form-cancel').click()
    await hidden(id('unit-name'))
    await search('units-search', 'nong thon moi')
    await visible(row('units-table', UNIT))
    assert.equal(await row('units-table', UNIT).count(), 1, 'still exactly one such unit')
  })

  step('create a staff member in that unit', async () => {
    await id('nav-staff').click()
    await visible(id('staff-table'))
    await id('staff-new').click()
    await visible(id('staff-full-name'))
    await id('staff-full-name').fill(PERSON)
    await pickTree('staff-unit', UNIT)
    await id('staff-birth-year').fill(BIRTH_YEAR)
    await id('staff-position').fill('Chuyên viên').catch(() => {}) // optional field
    await save()
    await hidden(id('staff-full-name'))
  })

  step('search without diacritics finds the new person and the sample staff', async () => {
    await search('staff-search', 'hoa binh')
    await visible(row('staff-table', PERSON))
    await search('staff-search', 'nguyen van')
    await visible(row('staff-table', 'Nguyễn Văn'))
    const rows = await id('staff-table').locator('tbody tr').allInnerTexts()
    assert.ok(rows.length > 0, 'some rows')
    const stray = rows.filter((r) => !plain(r).includes('nguyen van'))
    assert.deepEqual(stray, [], 'every row matches "nguyen van" without diacritics')
  })

  step('a bad e-mail address is refused', async () => {
    await search('staff-search', 'hoa binh')
    await row('staff-table', PERSON).getByTestId('row-edit').click()
    await visible(id('staff-email'))
    await id('staff-email').fill('hoa.binh@@khong-hop-le')
    await save()
    await visible(inline('Địa chỉ thư điện tử không hợp lệ.'))
    await id('form-cancel').click()
    await hidden(id('staff-email'))
  })

  step('soft delete, see it under "Đã xóa", restore it', async () => {
    await search('staff-search', 'hoa binh')
    await row('staff-table', PERSON).getByTestId('row-delete').click()
    assert.ok(await maybeConfirm(), 'a delete asks for confirmation')
    await hidden(row('staff-table', PERSON))
    await id('staff-show-deleted').click()
    await visible(row('staff-table', PERSON))
    await row('staff-table', PERSON).getByTestId('row-restore').click()
    await maybeConfirm()
    await hidden(row('staff-table', PERSON)) // no longer among the deleted
    await id('staff-show-deleted').click() // back to the live list
    await search('staff-search', 'hoa binh')
    await visible(row('staff-table', PERSON))
  })

  step('after a reload everything is still there', async () => {
    await page.reload({ waitUntil: 'domcontentloaded' })
    await visible(id('header-agency'), 30_000)
    assert.match((await id('header-agency').innerText()).toUpperCase(), new RegExp(AGENCY))
    await id('nav-staff').click()
    await search('staff-search', 'hoa binh')
    await visible(row('staff-table', PERSON))
    await id('nav-org').click()
    await id('tab-units').click()
    await search('units-search', 'nong thon moi')
    await visible(row('units-table', UNIT))
    await page.screenshot({ path: join(OUT, 'e2e-units-after-reload.png') })
    await id('nav-staff').click()
    await search('staff-search', 'hoa binh')
    await visible(row('staff-table', PERSON))
    await page.screenshot({ path: join(OUT, 'e2e-staff-after-reload.png') })
  })

  step('settings: the data folder, and "Sao lưu ngay" adds a backup', async () => {
    await id('nav-settings').click()
    await visible(id('settings-data-dir'))
    if (DATA_DIR) assert.equal((await id('settings-data-dir').innerText()).trim(), DATA_DIR)
    const table = id('settings-backups-table')
    await visible(table)
    const manualRows = table.locator('tbody tr', { hasText: 'manual' })
    const before = await manualRows.count()
    await id('settings-backup-now').click()
    await page.waitForFunction(
      ([sel, n]) => [...document.querySelectorAll(sel)].filter((r) => r.textContent.includes('manual')).length > n,
      ['[data-testid="settings-backups-table"] tbody tr', before],
      { timeout: T },
    )
    if (DATA_DIR) {
      const files = readdirSync(join(DATA_DIR, 'backups')).filter((f) => f.startsWith('manual'))
      assert.equal(files.length, before + 1, `one more manual backup on disk: ${files.join(', ')}`)
    }
    await page.screenshot({ path: join(OUT, 'e2e-settings.png') })
  })

  test('no uncaught error in the page', () => {
    assert.deepEqual(pageErrors, [])
  })
})
