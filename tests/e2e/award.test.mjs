// Emulation scoring and award proposals end to end, through the real UI and
// the real Go backend: score two units of the sample (self-assessment with
// evidence, submit, a council review that lowers a score and must give a
// reason), then in Khen thưởng propose one of those units and one person,
// record the council's secret-ballot vote, move the batch to "đã xét", print
// the combined dossier (preview with pdf.js, save through the scripted native
// dialog and read it back with poppler), submit it, have it returned with a
// reason, resubmit it, record the decision and find both nominees in the
// award history with the decision number. On a fresh database it loads the
// sample itself.
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import {
  T, clickWithDialogAnswer, escapeRe, hidden, id, maybeConfirm, openWithSample, page, pick, pickTree, plain, screenshot, search, settle, step, uncaughtErrors, useBrowser, visible, workDir,
} from './lib.mjs'

const dir = workDir('award')
const dossierFile = join(dir, 'Hồ sơ đề nghị khen thưởng.pdf')
const RUN = Date.now().toString(36).toUpperCase()

// Two units of the sample with no 2025 score sheet yet (internal/sample/emulation.go);
// the sample's default criteria for units are TT1 (max 30), TT2 (30), TT3 (40).
const UNITS = [
  { name: 'Trung tâm Công nghệ thông tin tài nguyên và môi trường', self: { TT1: 28, TT2: 27, TT3: 36 } },
  { name: 'Trung tâm Quan trắc tài nguyên và môi trường', self: { TT1: 25, TT2: 26, TT3: 35 } },
]
const PERSON = 'Lê Thị Minh Họa'
const PROPOSAL = `Đề nghị khen thưởng đột xuất kiểm thử ${RUN}`
const FORM = 'Giấy khen'
const RETURN_REASON = `Bổ sung báo cáo thành tích có xác nhận của thủ trưởng đơn vị (${RUN})`
const DECISION = `${String(Math.floor(Math.random() * 900) + 100)}/QĐ-STNMT`
const squeeze = (s) => s.replace(/\s+/g, ' ')
const pdfText = (file) => squeeze(execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }))
const seen = {}

/** Move the open proposal to a status through its dialog (reason / decision fields filled by fill). */
async function move(to, fill) {
  await id(`award-move-${to}`).click()
  await visible(id('award-move-dialog'))
  if (fill) await fill()
  await id('award-move-confirm').click()
  await hidden(id('award-move-dialog'))
  await page.waitForFunction((s) => document.querySelector('[data-testid="award-status"]')?.textContent?.trim() === s, STATUS[to], { timeout: T })
}
/** Pick an award form in the nominee form; unconfirmed forms carry "(chưa xác nhận)" after the name. */
async function pickForm(name) {
  await id('award-nominee-form').click()
  const menu = page.locator('.n-base-select-menu:visible')
  await visible(menu)
  await menu.locator('.n-base-select-option', { hasText: new RegExp(`^\\s*${escapeRe(name)}(\\s*\\(.*\\))?\\s*$`) }).first().click()
  await hidden(menu)
}
const STATUS = { nhap: 'Nháp', da_xet: 'Đã xét', da_trinh: 'Đã trình', tra_lai: 'Trả lại', da_quyet_dinh: 'Đã có quyết định' }

describe('Emulation scoring and award proposals end to end', () => {
  useBrowser('e2e-award')

  step('open the app with the sample', async () => {
    await openWithSample()
  })

  step('Thi đua: score two units of the sample (self-assessment, submit, council review with a reason)', async () => {
    await id('nav-emulation').click()
    await visible(id('emu-subjects'))
    await id('emu-target-tap_the').click()
    for (const unit of UNITS) {
      const r = id('emu-subjects').locator('[data-testid="emu-subject-row"]', { hasText: unit.name }).first()
      await visible(r)
      await r.click()
      await visible(id('emu-sheet'))
      for (const [code, score] of Object.entries(unit.self)) await id(`emu-self-score-${code}`).fill(String(score))
      await id('emu-self-evidence-TT3').fill(`Minh chứng ${unit.name}: biên bản làm việc với xã (kiểm thử)`)
      await id('emu-save').click()
      await visible(page.locator('.n-message', { hasText: /Đã lưu/ }))
      const selfTotal = Object.values(unit.self).reduce((a, b) => a + b, 0)
      assert.match(await id('emu-self-total').innerText(), new RegExp(`\\b${selfTotal}\\b`))
      await id('emu-submit').click()
      await maybeConfirm()
      await visible(page.locator('[data-testid="emu-sheet-status"][data-status="da_nop"]'))
      // The council lowers TT3 by two points and must say why.
      await id('emu-review-score-TT3').fill(String(unit.self.TT3 - 2))
      await id('emu-review').click()
      await visible(page.getByText(/lý do/i).first())
      await id('emu-review-reason-TT3').fill('Chưa đủ minh chứng về kinh phí hỗ trợ (kiểm thử)')
      await id('emu-review').click()
      await maybeConfirm()
      await visible(page.locator('[data-testid="emu-sheet-status"][data-status="da_duyet"]'))
      assert.match(await id('emu-review-total').innerText(), new RegExp(`\\b${selfTotal - 2}\\b`))
      await id('emu-close').click()
      await hidden(id('emu-sheet'))
      const row = id('emu-subjects').locator('[data-testid="emu-subject-row"]', { hasText: unit.name }).first()
      await visible(row.locator('[data-status="da_duyet"]').or(row.and(page.locator('[data-status="da_duyet"]'))))
      assert.match(await row.locator('[data-testid="emu-row-rank"]').innerText(), /\d+\s*\/\s*\d+/)
    }
    await screenshot('emulation-scored')
  })

  step('Khen thưởng: a new proposal batch (đột xuất) of the active campaign', async () => {
    await id('nav-awards').click()
    await visible(id('award-new-proposal'))
    await id('award-new-proposal').click()
    await visible(id('award-proposal-name'))
    await pick('award-proposal-stage', 'Đột xuất')
    await id('award-proposal-name').fill(PROPOSAL)
    await id('form-save').filter({ visible: true }).last().click()
    await hidden(id('award-proposal-name'))
    // The new batch opens (or is found in the list).
    const opened = await id('award-status').waitFor({ state: 'visible', timeout: 5000 }).then(() => true, () => false)
    if (!opened) {
      await id('award-proposal-open').filter({ hasText: PROPOSAL }).first().click()
      await visible(id('award-status'))
    }
    assert.equal((await id('award-status').innerText()).trim(), 'Nháp')
    seen.url = page.url()
  })

  step('propose one of the scored units and one person for a Giấy khen; the eligibility check answers', async () => {
    // The unit.
    await id('award-add-nominee').click()
    await visible(id('award-nominee-kind'))
    await id('award-nominee-kind-unit').click()
    await pickTree('award-nominee-subject', UNITS[0].name)
    await pickForm(FORM)
    await id('form-save').filter({ visible: true }).last().click()
    await hidden(id('award-nominee-kind'))
    // The person.
    await id('award-add-nominee').click()
    await visible(id('award-nominee-kind'))
    await id('award-nominee-kind-staff').click()
    await id('award-nominee-subject').click()
    await id('award-nominee-subject').locator('input').first().fill('le thi minh hoa')
    const menu = page.locator('.n-base-select-menu:visible')
    await visible(menu)
    await menu.locator('.n-base-select-option', { hasText: PERSON }).first().click()
    await hidden(menu)
    await pickForm(FORM)
    await id('form-save').filter({ visible: true }).last().click()
    await hidden(id('award-nominee-kind'))
    await visible(id('award-ballots-1'))
    const table = await page.locator('body').innerText()
    assert.ok(table.includes(UNITS[0].name) && table.includes(PERSON), 'both nominees are listed')
    // The eligibility pre-check of the person: rules with their article, each met / not met / unknown / guidance.
    await id('award-check-1').click()
    await visible(id('award-eligibility'))
    await visible(id('award-eligibility-verdict'))
    const rules = page.locator('[data-testid^="award-rule-status-"]')
    assert.ok((await rules.count()) > 0, 'the check lists the rules it applied')
    await screenshot('eligibility')
    await page.keyboard.press('Escape')
    await hidden(id('award-eligibility'))
  })

  step('record the council vote: 9 members, 8 present, 7 and 6 ballots → pass; move to đã xét', async () => {
    const date = id('award-meeting-date').locator('input')
    await date.fill('20/11/2026')
    await date.press('Enter')
    await id('award-members-total').fill('9')
    await id('award-members-present').fill('8')
    await id('award-ballots-0').fill('7')
    await id('award-ballots-1').fill('6')
    await id('award-save-vote').click()
    await visible(page.locator('.n-message', { hasText: /Đã lưu/ }))
    // 7/9 = 77,78 %, 6/9 = 66,67 % of all members: both above the default "more than 50 %".
    assert.match(await id('award-percent-0').innerText(), /77,78/)
    assert.match(await id('award-percent-1').innerText(), /66,67/)
    assert.match(await id('award-passed-0').innerText(), /Đạt/)
    assert.match(await id('award-passed-1').innerText(), /Đạt/)
    await move('da_xet')
    await screenshot('voted')
  })

  step('print the dossier: contents, Tờ trình with its Danh sách, Biên bản, both reports; saved and read back', async () => {
    await id('dossier-draft-totrinh').click()
    await visible(page.locator('.n-message', { hasText: /Tờ trình/ }))
    await page.goto(seen.url)
    await visible(id('dossier-draft-bienban'))
    await id('dossier-draft-bienban').click()
    await visible(page.locator('.n-message', { hasText: /Biên bản/ }))
    await page.goto(seen.url)
    await visible(id('dossier-preview'))
    await id('dossier-preview').click()
    await visible(id('dossier-preview-drawer'))
    await page.waitForSelector('[data-testid="pdf-viewer"][data-state="ready"]', { timeout: 60_000 })
    const pages = Number(await id('pdf-viewer').getAttribute('data-pages'))
    assert.ok(pages >= 5, `contents, Tờ trình, Danh sách, Biên bản and two reports (${pages} pages)`)
    const lines = id('dossier-contents-line')
    assert.ok((await lines.count()) >= 4, 'the contents lists the documents')
    await screenshot('dossier-preview')
    await page.keyboard.press('Escape')
    await hidden(id('dossier-preview-drawer'))
    await clickWithDialogAnswer(id('dossier-save'), dossierFile)
    for (let i = 0; i < 100 && !existsSync(dossierFile); i++) await page.waitForTimeout(100)
    assert.ok(existsSync(dossierFile) && statSync(dossierFile).size > 1000, 'the dossier PDF was written')
    const text = pdfText(dossierFile)
    for (const s of ['TỜ TRÌNH', 'DANH SÁCH', 'BIÊN BẢN', 'BÁO CÁO THÀNH TÍCH', 'Kính gửi', 'Như trên', 'I. TẬP THỂ', 'II. CÁ NHÂN', UNITS[0].name, PERSON]) {
      assert.ok(plain(text).includes(plain(s)), `the dossier has “${s}”`)
    }
    const info = execFileSync('pdfinfo', [dossierFile], { encoding: 'utf8' })
    assert.equal(Number(/Pages:\s+(\d+)/.exec(info)?.[1]), pages, 'the saved file is the previewed dossier')
    // The bookmarks (outline) name the documents.
    const xml = execFileSync('pdftohtml', ['-xml', '-i', '-stdout', '-q', dossierFile], { encoding: 'utf8', maxBuffer: 64 << 20 })
    assert.match(xml, /<outline>/, 'the PDF has bookmarks')
    assert.ok(plain(xml).includes(plain('Tờ trình')), 'a bookmark for the Tờ trình')
  })

  step('submit (đã trình), returned with a reason, resubmitted', async () => {
    await move('da_trinh')
    await move('tra_lai', () => id('award-reason').fill(RETURN_REASON))
    await visible(id('award-return-reason'))
    assert.ok((await id('award-return-reason').innerText()).includes(RETURN_REASON), 'the reason is shown on the batch')
    await screenshot('returned')
    await move('da_trinh')
    const events = await id('award-events').innerText()
    assert.ok(events.includes(RETURN_REASON), 'the return and its reason stay in the batch history')
  })

  step('record the decision: the batch is closed and both nominees enter the award history', async () => {
    await move('da_quyet_dinh', async () => {
      await id('award-decision-number').fill(DECISION)
      const d = id('award-decision-date').locator('input')
      await d.fill('27/11/2026')
      await d.press('Enter')
      await id('award-decision-issuer').fill('Giám đốc Sở Tài nguyên và Môi trường')
    })
    await visible(id('award-decision'))
    assert.ok((await id('award-decision').innerText()).includes(DECISION))
    assert.equal(await id('award-add-nominee').count(), 0, 'a decided batch can no longer be edited')
    await id('nav-awards').click()
    await id('award-tab-history').click()
    await visible(id('award-history-search'))
    await search('award-history-search', DECISION.split('/')[0])
    const rows = id('award-history-row').filter({ hasText: DECISION })
    await visible(rows)
    const all = (await rows.allInnerTexts()).join('\n')
    assert.ok(all.includes(UNITS[0].name), `the unit is in the history: ${all}`)
    assert.ok(all.includes(PERSON), `the person is in the history: ${all}`)
    assert.ok(all.includes(FORM), 'with the form awarded')
    await screenshot('history')
  })

  test('no uncaught errors in the page', () => {
    assert.deepEqual(uncaughtErrors(), [])
  })
})
