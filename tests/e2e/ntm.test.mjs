// NTM checklist end to end, through the real UI and the real Go backend:
// read the dashboard, assess a commune that has no assessment yet, close the
// window half-way through, reopen and find the draft with what was typed,
// finish and finalise it, and see the dashboard figures and the drill-down
// change. Runs on the sample data (loads it on a fresh database).
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  BASE, T, clickWithDialogAnswer, closeAndReopen, exactRe, hidden, id, maybeConfirm, openWithSample, page, pickLocality, pickTree, save, screenshot,
  step, uncaughtErrors, useBrowser, visible, workDir,
} from './lib.mjs'
import { existsSync } from 'node:fs'
import { join } from 'node:path'

// A commune of the sample created by the 1/7/2025 merger: it has no
// assessment yet, so finalising one adds it to the assessed communes.
const COMMUNE = 'Xã Mẫu Tuyên Hóa'
const SET_CODE = 'xa-ntm-2021-2025'
const DATE = '01/12/2025'
const REASON = 'Đối chiếu hồ sơ thẩm định tại xã'

const seen = {}

/** The dashboard's NTM panel, loaded. */
async function openDashboard() {
  await id('nav-overview').click()
  await visible(id('ntm-panel'))
  await page.waitForSelector('[data-testid="ntm-panel"][data-loading="false"]', { timeout: 60_000 })
  await visible(id('ntm-targets'))
}

const target = (metric) => page.locator(`[data-testid="ntm-target"][data-metric="${metric}"]`)
const criterion = (no) => page.locator(`[data-testid="ntm-criterion"][data-no="${no}"]`)
const num = async (loc, attr) => Number(await loc.getAttribute(attr))

/** Every indicator row of the checklist. */
const rows = () => page.locator('[data-testid^="check-row-"]')

/** Waits until the autosave says everything is saved. */
const allSaved = () => page.waitForSelector('[data-testid="save-state"][data-state="saved"]', { timeout: T })

/**
 * Fills one indicator row: Đạt (or Không đạt) on a pass/fail row, 100 on a
 * numeric one; where the app cannot decide (no level for this commune), the
 * assessor's decision with a reason.
 */
async function fillRow(r, pass = true) {
  const pf = r.getByTestId(pass ? 'pf-dat' : 'pf-khong_dat')
  if ((await pf.count()) > 0) {
    await pf.click()
  } else {
    const input = r.locator('input[data-testid="check-input"]')
    await input.fill('100')
    await input.press('Tab')
  }
  // The result arrives with the save; undecided means the app has no level to compare with.
  await allSaved()
  if ((await r.getAttribute('data-met')) === 'undecided') {
    if ((await r.getByTestId('check-override').count()) === 0) await r.getByTestId('check-more').click()
    await r.getByTestId('check-override').click()
    const menu = page.locator('.n-base-select-menu:visible')
    await visible(menu)
    await menu.locator('.n-base-select-option', { hasText: exactRe(pass ? 'Đạt' : 'Không đạt') }).first().click()
    await hidden(menu)
    await r.getByTestId('check-override-reason').fill(REASON)
    await r.getByTestId('check-override-reason').press('Tab')
    await allSaved()
  }
  const want = pass ? 'met' : 'notMet'
  await page.waitForFunction(([el, w]) => el.dataset.met === w, [await r.elementHandle(), want], { timeout: T })
}

describe('NTM checklist and dashboard end to end', () => {
  useBrowser('e2e-ntm')

  step('the dashboard shows the targets with the counts behind them', async () => {
    await openWithSample()
    await openDashboard()
    const below = target('communes_below_15')
    await visible(below)
    seen.assessed = await num(below, 'data-denominator')
    seen.below = await num(below, 'data-count')
    assert.ok(seen.assessed > 0, 'the sample has finalised assessments')
    await visible(criterion(17))
    seen.c17passed = await num(criterion(17), 'data-passed')
    seen.c17assessed = await num(criterion(17), 'data-assessed')
    assert.equal(seen.c17assessed, seen.assessed, 'criterion 17 is assessed in every assessed commune')
    // The figure's drill-down lists exactly the communes counted.
    await target('communes_ntm').click()
    await visible(id('drill-drawer'))
    const ntmCount = await num(target('communes_ntm'), 'data-count')
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="drill-total"]')?.dataset.total) === n, ntmCount, { timeout: T })
    await page.keyboard.press('Escape')
    await hidden(id('drill-drawer'))
    await screenshot('dashboard-before')
  })

  step('create an assessment of a commune without one', async () => {
    await id('nav-assessments').click()
    await visible(id('assessments-table'))
    await id('assessments-new').click()
    await visible(id('create-set'))
    await id('create-set').click()
    const menu = page.locator('.n-base-select-menu:visible')
    await visible(menu)
    await menu.locator('.n-base-select-option', { hasText: `(${SET_CODE})` }).first().click()
    await hidden(menu)
    await pickLocality('create-locality', 'tuyen hoa', new RegExp(`^${COMMUNE}`))
    const date = id('create-date').locator('input')
    await date.fill(DATE)
    await date.press('Enter')
    await save()
    await visible(id('checklist'), 30_000)
    await page.waitForURL(/#\/assessments\/[0-9a-f-]{36}$/)
    seen.url = page.url()
    assert.match(await id('checklist-locality').innerText(), new RegExp(COMMUNE))
    assert.match(await id('checklist-status').innerText(), /Nháp/i)
    // A special-difficulty commune is assessed at the Trung du miền núi phía Bắc level.
    assert.match(await id('checklist-key-reason').innerText(), /Trung du (và )?miền núi phía Bắc/i)
    await visible(page.getByTestId('unconfirmed-tag'))
  })

  step('fill half the checklist, then close the window while a value is still being typed', async () => {
    const n = await rows().count()
    assert.ok(n >= 19, `the checklist lists every indicator (${n})`)
    seen.rows = n
    seen.half = Math.floor(n / 2)
    for (let i = 0; i < seen.half; i++) await fillRow(rows().nth(i))
    // The next numeric row: typed, and the window closed at once, before the autosave delay.
    const next = page.locator('[data-testid^="check-row-"]:has(input[data-testid="check-input"]):not([data-met="met"])').first()
    seen.lastCode = (await next.getAttribute('data-testid')).replace('check-row-', '')
    await next.locator('input[data-testid="check-input"]').fill('93')
    await screenshot('checklist-half')
    await closeAndReopen(BASE)
    await visible(id('header-agency'), 30_000)
  })

  step('reopening finds the draft with everything typed', async () => {
    await id('nav-assessments').click()
    await visible(id('assessments-table'))
    const draft = id('assessments-table').locator('tbody tr', { hasText: COMMUNE }).filter({ hasText: /Nháp/ })
    await visible(draft)
    await draft.getByTestId('row-open').first().click()
    await visible(id('checklist'), 30_000)
    assert.equal(page.url(), seen.url, 'the same assessment')
    for (let i = 0; i < seen.half; i++) {
      assert.equal(await rows().nth(i).getAttribute('data-met'), 'met', `row ${i + 1} kept its value`)
    }
    const last = id(`check-row-${seen.lastCode}`)
    await page.waitForFunction(
      (el) => el.querySelector('[data-testid="check-input"]')?.value === '93',
      await last.elementHandle(),
      { timeout: T },
    )
    await allSaved()
    await screenshot('checklist-reopened')
  })

  step('finish the checklist with criterion 17 not met, and finalise', async () => {
    const n = await rows().count()
    for (let i = 0; i < n; i++) {
      const r = rows().nth(i)
      const code = (await r.getAttribute('data-testid')).replace('check-row-', '')
      const fail = code === '17.x'
      if (!fail && (await r.getAttribute('data-met')) === 'met') continue
      await fillRow(r, !fail)
    }
    assert.match(await id('checklist-totals').innerText(), /18\s*\/\s*19/)
    await id('checklist-finalise').click()
    await maybeConfirm(5000)
    await page.waitForFunction(() => /Hoàn tất/i.test(document.querySelector('[data-testid="checklist-status"]')?.textContent ?? ''), null, { timeout: T })
    await screenshot('checklist-final')
  })

  step('the dashboard counts the commune, and the drill-down lists it', async () => {
    await openDashboard()
    await id('ntm-refresh').click()
    await page.waitForSelector('[data-testid="ntm-panel"][data-loading="false"]', { timeout: 60_000 })
    const below = target('communes_below_15')
    await page.waitForFunction(
      ([sel, n]) => Number(document.querySelector(sel)?.dataset.denominator) === n,
      ['[data-testid="ntm-target"][data-metric="communes_below_15"]', seen.assessed + 1],
      { timeout: T },
    )
    assert.equal(await num(below, 'data-count'), seen.below, '18 criteria met is not "under 15"')
    assert.equal(await num(criterion(17), 'data-assessed'), seen.c17assessed + 1)
    assert.equal(await num(criterion(17), 'data-passed'), seen.c17passed, 'criterion 17 not met here')
    // Drill into criterion 17: the communes not meeting it now include this one.
    await id('ntm-criteria-table').locator('tbody tr', { hasText: 'Môi trường và an toàn thực phẩm' }).first().click()
    await visible(id('drill-drawer'))
    const notMet = seen.c17assessed + 1 - seen.c17passed
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="drill-total"]')?.dataset.total) === n, notMet, { timeout: T })
    await visible(id('drill-table').locator('tbody tr', { hasText: COMMUNE }))
    await screenshot('dashboard-after')
  })

  step('the year-over-year view of the commune shows the new year', async () => {
    await id('drill-table').locator('tbody tr', { hasText: COMMUNE }).getByTestId('drill-open-timeline').first().click()
    await visible(id('timeline-table'))
    await visible(id('timeline-table').getByTestId('timeline-year').filter({ hasText: '2025' }))
    assert.match(await id('timeline-table').innerText(), /18/)
    await screenshot('timeline')
  })

  step('the criteria screen shows the national set with its unconfirmed items flagged', async () => {
    await id('nav-criteria').click()
    await visible(id('criteria-table'))
    const r = id('criteria-table').locator('tbody tr', { hasText: SET_CODE })
    await visible(r)
    await r.getByTestId('row-open').first().click()
    await visible(id('set-criteria-table'))
    for (const no of [1, 17, 19]) await visible(id(`set-criterion-${no}`))
    assert.ok((await page.getByTestId('unconfirmed-tag').count()) > 0, 'unconfirmed items are flagged')
    assert.match(await page.locator('body').innerText(), /318\/QĐ-TTg/)
    await screenshot('criteria-set')
  })

  step('export the set to Excel; importing the same file changes nothing', async () => {
    const file = join(workDir('ntm'), 'bo-tieu-chi.xlsx')
    await clickWithDialogAnswer(id('set-export'), file)
    for (let i = 0; i < 50 && !existsSync(file); i++) await page.waitForTimeout(100)
    assert.ok(existsSync(file), 'the workbook was written')
    await id('set-back').click()
    await visible(id('criteria-table'))
    await clickWithDialogAnswer(id('criteria-import'), file)
    await visible(id('set-import-action'))
    assert.match(await id('set-import-action').innerText(), /Giống hệt phiên bản hiện hành/)
    assert.equal(await id('import-commit').isDisabled(), true, 'nothing to import')
    await screenshot('criteria-import-identical')
    await id('import-cancel').click()
    await hidden(id('set-import-action'))
  })

  step('the province matrix narrows to the communes a unit sponsors', async () => {
    await id('nav-assessments').click()
    await visible(id('assessments-table'))
    await id('assessments-matrix').click()
    await visible(id('matrix-table'))
    // The 2021–2025 set (the matrix opens on the set in force today).
    await id('matrix-set').click()
    const menu = page.locator('.n-base-select-menu:visible')
    await visible(menu)
    await menu.locator('.n-base-select-option', { hasText: '2021-2025' }).first().click()
    await hidden(menu)
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="matrix-cell"][data-state="met"]').length > 0, null, { timeout: T })
    const before = await id('matrix-table').locator('tbody tr').count()
    await pickTree('matrix-unit', 'Thanh tra Sở')
    await page.waitForFunction(
      (n) => {
        const rows = document.querySelectorAll('[data-testid="matrix-table"] tbody tr')
        return rows.length > 0 && rows.length < n
      },
      before,
      { timeout: T },
    )
    const first = id('matrix-table').locator('tbody tr').first()
    assert.match(await first.innerText(), /\d+\/19/, 'the criteria met of its latest finalised assessment')
    assert.ok((await first.locator('[data-testid="matrix-cell"][data-state="notMet"]').count()) > 0, 'the criteria it does not meet are marked')
    await screenshot('matrix-unit')
  })

  test('no uncaught error in the page', () => {
    assert.deepEqual(uncaughtErrors(), [])
  })
})
