// Official documents end to end, through the real UI and the real Go backend:
// generate the plan of the active campaign from the sample data, check the
// header, sections and signer it shows, add a sentence to a section, save,
// check the format (thể thức), issue it (the number is assigned), preview it
// inside the window with pdf.js, save the PDF through the scripted native
// dialog and read that PDF back with poppler (pdftotext, pdfinfo); then
// attach the signed copy, revoke it, and reserve the next number (the revoked
// one is not given again). On a fresh database it loads the sample itself.
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import {
  T, clickWithDialogAnswer, escapeRe, hidden, id, inline, openWithSample, page, plain, screenshot, search, settle, step, uncaughtErrors, useBrowser, visible, workDir,
} from './lib.mjs'

const dir = workDir('document')
const pdfFile = join(dir, 'Kế hoạch phong trào.pdf')

// What the sample's plan must show (internal/sample: the agency, its head, the active campaign).
const SYMBOL = 'KH-STNMT'
const CAMPAIGN = 'chung sức xây dựng nông thôn mới'
const SIGNER = 'Nguyễn Huệ'
const HEAD_TITLE = 'GIÁM ĐỐC'
const REVOKE_REASON = 'Phát hiện sai sót về số liệu tại phụ lục'
// The sentence added to the plan, unique to this run; short enough to stay on one line.
const SENTENCE = `Kiểm thử đầu cuối lần ${Date.now().toString(36).toUpperCase()}.`

const seen = {}

/** Today as dd/mm/yyyy, as the screen shows dates. */
function todayVN() {
  const d = new Date()
  const p = (n) => String(n).padStart(2, '0')
  return `${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()}`
}

/** The text of a PDF as poppler extracts it (layout kept), white space squeezed. */
const pdfText = (file) => execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
const squeeze = (s) => s.replace(/\s+/g, ' ')

/** The value of a textarea or input by test id. */
const valueOf = (testId) => id(testId).first().inputValue()

/** Waits until the editor has no unsaved edits (the "Chưa lưu" tag is gone and the save button idle). */
async function savedState() {
  await page.waitForFunction(() => !document.querySelector('[data-testid="form-save"] .n-base-loading'), null, { timeout: T })
  await hidden(page.locator('[data-testid="document-editor"] .n-tag', { hasText: 'Chưa lưu' }))
}

describe('Official documents end to end', () => {
  useBrowser('e2e-doc')

  step('open the register (Văn bản)', async () => {
    await openWithSample()
    await id('nav-documents').click()
    await visible(id('documents-table'))
    await visible(id('documents-generate-plan'))
    await screenshot('register-empty')
  })

  step('generate the plan from the active campaign: header, sections, recipients and signer from the sample', async () => {
    await id('documents-generate-plan').click()
    await page.waitForURL(/#\/documents\/[0-9a-f-]{36}$/, { timeout: 30_000 })
    await visible(id('document-editor'))
    seen.url = page.url()
    assert.match(await id('doc-status').innerText(), /Dự thảo/)
    assert.match(await id('doc-number-preview').innerText(), new RegExp(`Số: …/${escapeRe(SYMBOL)}`))
    const summary = await valueOf('doc-summary')
    assert.match(plain(summary), new RegExp(escapeRe(plain(CAMPAIGN))), `the trích yếu names the campaign: ${summary}`)
    assert.match(summary, /2021\s*[-–]\s*2025/, 'the trích yếu has the period')
    // The sections: the plan's skeleton with the sample's facts.
    const n = await page.locator('[data-testid^="section-markup-"]').count()
    assert.ok(n >= 3, `the plan has its sections (${n})`)
    const all = []
    for (let i = 0; i < n; i++) all.push(await valueOf(`section-markup-${i}`))
    const body = all.join('\n')
    assert.match(body, /^# I\. MỤC ĐÍCH, YÊU CẦU/m, 'heading I')
    assert.match(body, /^## 1\. Mục đích/m, 'heading 1')
    assert.match(body, /Quảng Bình/, 'the province')
    assert.doesNotMatch(body, /\{\{(?!bang:|ngat_trang)[^}]*\}\}/, 'every placeholder was filled')
    seen.sections = n
    const recipients = await valueOf('doc-recipients')
    assert.match(recipients, /Lưu: VT, VP$/, 'Nơi nhận ends with Lưu: VT, VP (the punctuation is added when printing)')
    assert.equal(await valueOf('doc-signer-name'), SIGNER)
    assert.match(await id('doc-authority').innerText(), new RegExp(HEAD_TITLE))
    await screenshot('plan-generated')
  })

  step('add a sentence to the first section and save', async () => {
    const box = id('section-markup-0')
    const before = await box.inputValue()
    await box.fill(`${before.replace(/\s+$/, '')}\n${SENTENCE}\n`)
    await visible(page.locator('[data-testid="document-editor"] .n-tag', { hasText: 'Chưa lưu' }))
    // The preview of unsaved edits is rendered from the editor's content; exporting waits for a save.
    await id('doc-preview').click()
    await visible(id('preview-unsaved'))
    await page.waitForSelector('[data-testid="pdf-viewer"][data-state="ready"]', { timeout: 30_000 })
    assert.ok(Number(await id('pdf-viewer').getAttribute('data-pages')) >= 2)
    assert.equal(await id('preview-save-pdf').isDisabled(), true, 'no PDF export of unsaved edits')
    await page.keyboard.press('Escape')
    await hidden(id('preview-drawer'))
    await id('form-save').first().click()
    await visible(page.locator('.n-message', { hasText: 'Đã lưu dự thảo' }))
    await savedState()
    // Read back from the register, not from the form.
    await page.reload({ waitUntil: 'domcontentloaded' })
    await visible(id('section-markup-0'))
    assert.ok((await valueOf('section-markup-0')).includes(SENTENCE), 'the sentence was saved')
  })

  step('check the format (thể thức)', async () => {
    await id('doc-check').click()
    const result = id('check-result')
    await visible(result)
    const count = Number(await result.getAttribute('data-count'))
    const text = await result.innerText()
    assert.equal(count, 0, `the generated plan follows the decree's format; findings:\n${text}`)
    assert.match(text, /Không phát hiện sai sót/)
  })

  step('issue it: the next number of the KH series and today’s date', async () => {
    await id('doc-issue').click()
    await visible(id('issue-dialog'))
    await visible(id('issue-check-ok').or(id('issue-problems')))
    await screenshot('issue-dialog')
    await id('issue-confirm').click()
    await hidden(id('issue-dialog'))
    await visible(id('doc-number'))
    const numberLine = (await id('doc-number').innerText()).trim()
    const m = new RegExp(`^Số: (\\d{2,})/${escapeRe(SYMBOL)}$`).exec(numberLine)
    assert.ok(m, `the number is shown as “Số: NN/${SYMBOL}”: ${numberLine}`)
    seen.number = `${m[1]}/${SYMBOL}`
    seen.n = Number(m[1])
    assert.match(await id('doc-date').innerText(), new RegExp(escapeRe(todayVN())))
    assert.match(await id('doc-status').innerText(), /Đã ban hành/)
    // Frozen: the content can no longer be edited.
    assert.equal(await id('section-markup-0').isDisabled(), true, 'the content is read-only once issued')
    await assert.rejects(id('form-save').first().waitFor({ state: 'visible', timeout: 500 }), 'no save button once issued')
    await screenshot('issued')
  })

  step('preview inside the window: pdf.js draws at least two pages, the font is named', async () => {
    await id('doc-preview').click()
    await visible(id('preview-drawer'))
    await page.waitForSelector('[data-testid="pdf-viewer"][data-state="ready"]', { timeout: 30_000 })
    const pages = Number(await id('pdf-viewer').getAttribute('data-pages'))
    assert.ok(pages >= 2, `the plan has at least two pages (${pages})`)
    assert.match(await id('pdf-page-count').innerText(), new RegExp(`${pages} trang`))
    const drawn = await page.$$eval('[data-testid="pdf-page"]', (cs) =>
      cs.map((c) => {
        // Some dark pixels on every page: text was drawn, not a blank canvas.
        const ctx = c.getContext('2d')
        const { data } = ctx.getImageData(0, 0, c.width, c.height)
        let dark = 0
        for (let i = 0; i < data.length; i += 16) if (data[i + 3] > 0 && data[i] < 128 && data[i + 1] < 128 && data[i + 2] < 128) dark++
        return { rendered: c.dataset.rendered === 'true', w: c.width, h: c.height, dark }
      }),
    )
    assert.equal(drawn.length, pages)
    for (const [i, p] of drawn.entries()) {
      assert.ok(p.rendered && p.w > 300, `page ${i + 1} drawn: ${JSON.stringify(p)}`)
      assert.ok(p.dark > 100, `page ${i + 1} has text on it: ${JSON.stringify(p)}`)
    }
    // The body is portrait; the appendix of the units' communes is landscape.
    assert.ok(drawn[0].h > drawn[0].w, 'page 1 is portrait')
    assert.ok(drawn.at(-1).w > drawn.at(-1).h, 'the appendix is landscape')
    const font = (await id('preview-font').innerText()).trim()
    assert.match(font, /^Phông chữ: (Times New Roman|Liberation Serif)/, font)
    seen.font = font
    await visible(id('preview-archived'))
    await screenshot('preview')
  })

  step('save the PDF through the native dialog and read it back', async () => {
    await clickWithDialogAnswer(id('preview-save-pdf'), pdfFile)
    await visible(page.locator('.n-message', { hasText: 'Đã lưu PDF' }))
    for (let i = 0; i < 50 && !existsSync(pdfFile); i++) await page.waitForTimeout(100)
    assert.ok(existsSync(pdfFile) && statSync(pdfFile).size > 1000, 'the PDF was written')
    const text = squeeze(pdfText(pdfFile))
    assert.ok(text.includes(`Số: ${seen.number}`), `the number ${seen.number} is printed`)
    assert.ok(text.includes('KẾ HOẠCH'), 'the type name')
    assert.ok(text.includes(SENTENCE), `the edited sentence “${SENTENCE}”`)
    assert.ok(text.includes(SIGNER), 'the signer')
    assert.ok(text.includes(HEAD_TITLE), 'the authority line')
    assert.ok(text.includes('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'), 'Quốc hiệu')
    assert.ok(/Quảng Bình, ngày \d{2} tháng \d{2} năm \d{4}/.test(text), 'the place and date line with leading zeros')
    const info = execFileSync('pdfinfo', [pdfFile], { encoding: 'utf8' })
    assert.match(info, /Page size:\s+595(\.\d+)? x 841(\.\d+)? pts \(A4\)/, info)
    const pdfPages = Number(/Pages:\s+(\d+)/.exec(info)?.[1])
    assert.ok(pdfPages >= 2, `pages: ${pdfPages}`)
    await page.keyboard.press('Escape')
    await hidden(id('preview-drawer'))
  })

  step('the register lists it with its number, found by a search without diacritics', async () => {
    await id('nav-documents').click()
    await visible(id('documents-table'))
    await search('documents-search', 'chung suc xay dung')
    const r = id('documents-table').locator('tbody tr', { hasText: seen.number })
    await visible(r)
    assert.match(await r.innerText(), /Đã ban hành/)
    assert.match(await r.innerText(), new RegExp(escapeRe(todayVN())))
    assert.match(await r.innerText(), new RegExp(SIGNER))
    await screenshot('register')
    await r.getByTestId('row-open').click()
    await visible(id('doc-number'))
  })

  step('attach the signed copy through the native dialog', async () => {
    await clickWithDialogAnswer(id('doc-attach-signed'), pdfFile)
    await visible(id('doc-signed'))
    assert.match(await id('doc-signed').innerText(), /Kế hoạch phong trào\.pdf/)
    await visible(id('doc-open-signed'))
  })

  step('revoke it: the reason is required', async () => {
    await id('doc-revoke').click()
    await visible(id('revoke-dialog'))
    await id('revoke-confirm').click()
    await visible(inline('Không được để trống'))
    await id('revoke-reason').fill(REVOKE_REASON)
    await id('revoke-confirm').click()
    await hidden(id('revoke-dialog'))
    await page.waitForFunction(() => /Đã thu hồi/.test(document.querySelector('[data-testid="doc-status"]')?.textContent ?? ''), null, { timeout: T })
    assert.match(await id('doc-revoked').innerText(), new RegExp(escapeRe(REVOKE_REASON)))
    assert.match(await id('doc-number').innerText(), new RegExp(escapeRe(seen.number)), 'the number stays')
    await screenshot('revoked')
  })

  step('reserve the next number: the revoked one is not given again', async () => {
    await id('nav-documents').click()
    await id('tab-numbers').click()
    await visible(id('numbers-table'))
    await id('numbers-reserve').click()
    await visible(id('reserve-dialog'))
    await settle()
    await id('reserve-note').fill('Giữ số cho kế hoạch bổ sung')
    await id('form-save').filter({ visible: true }).last().click()
    await visible(id('reserve-result'))
    const next = `${String(seen.n + 1).padStart(2, '0')}/${SYMBOL}`
    assert.match(await id('reserve-result').innerText(), new RegExp(escapeRe(next)))
    await id('reserve-close').click()
    await hidden(id('reserve-dialog'))
    const held = id('numbers-table').locator('tbody tr', { hasText: next })
    await visible(held)
    assert.match(await held.innerText(), /Giữ trước/)
    assert.match(await id('numbers-table').locator('tbody tr', { hasText: seen.number }).first().innerText(), /Đã dùng/)
    await screenshot('numbers')
  })

  step('the plan template lists its placeholders; an edit is saved and can be put back', async () => {
    await id('tab-templates').click()
    const item = id('template-ke-hoach-phong-trao')
    await visible(item)
    await item.click()
    await visible(id('template-placeholders').locator('tbody tr', { hasText: '{{phong_trao.ten}}' }))
    const summary = id('template-summary')
    const original = await summary.inputValue()
    assert.match(original, /\{\{phong_trao\./, `the template's trích yếu has placeholders: ${original}`)
    await summary.fill(`${original} (bản sửa thử)`)
    await id('form-save').filter({ visible: true }).last().click()
    await visible(page.locator('.n-message', { hasText: 'Đã lưu mẫu' }))
    await visible(item.locator('.n-tag', { hasText: 'Đã sửa' }))
    assert.match(await summary.inputValue(), /bản sửa thử/)
    await id('template-reset').click()
    await id('confirm-ok').last().click()
    await visible(page.locator('.n-message', { hasText: 'Đã khôi phục mẫu' }))
    await page.waitForFunction((v) => document.querySelector('[data-testid="template-summary"]')?.value === v, original, { timeout: T })
    await hidden(item.locator('.n-tag', { hasText: 'Đã sửa' }))
    await screenshot('templates')
  })

  step('the types list the KH series', async () => {
    await id('tab-types').click()
    const r = id('types-table').locator('tbody tr', { hasText: 'Kế hoạch' }).first()
    await visible(r)
    assert.match(await r.innerText(), /\bKH\b/)
    assert.match(await r.innerText(), /KẾ HOẠCH/)
  })

  step('a blank document of a type: created on save, then deleted as a draft', async () => {
    await id('tab-documents').click()
    await id('documents-new').click()
    await id('documents-new-thong_bao').click()
    await page.waitForURL(/#\/documents\/new\?type=thong_bao$/)
    await visible(id('document-editor'))
    assert.match(await id('doc-number-preview').innerText(), /Số: …\/TB-STNMT/)
    await id('form-save').first().click()
    await visible(inline('Không được để trống'))
    await id('doc-summary').fill('Lịch trực cơ quan dịp nghỉ lễ')
    await id('section-markup-0').fill('Sở thông báo lịch trực như sau:\n- Ngày 30/4: Văn phòng Sở.')
    await id('form-save').first().click()
    await page.waitForURL(/#\/documents\/[0-9a-f-]{36}$/)
    await savedState()
    await id('doc-delete').click()
    await id('confirm-ok').last().click()
    await visible(id('documents-table'))
    await search('documents-search', 'lich truc')
    await visible(page.locator('[data-testid="documents-table"] .muted', { hasText: 'Không có kết quả' }))
  })

  test('no uncaught error in the page', () => {
    assert.deepEqual(uncaughtErrors(), [])
  })
})
