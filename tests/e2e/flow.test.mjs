// One ordered end-to-end flow through the real UI and the real Go backend:
// `wails dev` serves both on E2E_URL (started by run.sh with a throw-away
// database); playwright-core drives Debian's Chromium. Steps share one page;
// once a step fails the later ones are skipped (they depend on it).
// This suite expects a fresh database (it checks the first-run setup screen).
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import {
  AGENCY, BASE, DATA_DIR, OUT, T, hidden, id, inline, maybeConfirm, page, pick, pickTree, plain, row, save, search, step,
  uncaughtErrors, useBrowser, visible,
} from './lib.mjs'

const UNIT = 'Tổ Công tác nông thôn mới'
const PERSON = 'Phạm Thị Hòa Bình'
const BIRTH_YEAR = '1988'

describe('Chung Sức end to end', () => {
  useBrowser('e2e')

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
    assert.deepEqual(uncaughtErrors(), [])
  })
})
