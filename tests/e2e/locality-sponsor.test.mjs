// Localities and sponsorships end to end, through the real UI and the real Go
// backend (`wails dev`, started by run.sh): import a commune list with a
// legacy-encoded name, register a unit's support for a village of a
// special-difficulty commune, log an activity with an attachment, watch the
// compliance view and the commune view change, export the Excel workbook and
// read it back. Native file dialogs are answered through E2E_DIALOG_FILE
// (app/dialog.go). Independent of flow.test.mjs: on a fresh database it loads
// the sample through the setup screen itself.
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import JSZip from 'jszip'
import {
  DATA_DIR, T, clickWithDialogAnswer, exactRe, hidden, id, openWithSample, page, pick, pickTree, row, rowByFirstCell, save,
  pickLocality, screenshot, search, step, uncaughtErrors, useBrowser, visible, workDir,
} from './lib.mjs'

const dir = workDir('locality-sponsor')

// ------------------------------------------------------------------ fixtures

// TCVN 5712:1993 (VN1) bytes 0x80–0xFF → Unicode, as in libiconv lib/tcvn.h
// (internal/vntext/legacy.go decodes with the same table).
const TCVN_HIGH = [
  0x00c0, 0x1ea2, 0x00c3, 0x00c1, 0x1ea0, 0x1eb6, 0x1eac, 0x00c8, 0x1eba, 0x1ebc, 0x00c9, 0x1eb8, 0x1ec6, 0x00cc, 0x1ec8, 0x0128,
  0x00cd, 0x1eca, 0x00d2, 0x1ece, 0x00d5, 0x00d3, 0x1ecc, 0x1ed8, 0x1edc, 0x1ede, 0x1ee0, 0x1eda, 0x1ee2, 0x00d9, 0x1ee6, 0x0168,
  0x00a0, 0x0102, 0x00c2, 0x00ca, 0x00d4, 0x01a0, 0x01af, 0x0110, 0x0103, 0x00e2, 0x00ea, 0x00f4, 0x01a1, 0x01b0, 0x0111, 0x1eb0,
  0x0300, 0x0309, 0x0303, 0x0301, 0x0323, 0x00e0, 0x1ea3, 0x00e3, 0x00e1, 0x1ea1, 0x1eb2, 0x1eb1, 0x1eb3, 0x1eb5, 0x1eaf, 0x1eb4,
  0x1eae, 0x1ea6, 0x1ea8, 0x1eaa, 0x1ea4, 0x1ec0, 0x1eb7, 0x1ea7, 0x1ea9, 0x1eab, 0x1ea5, 0x1ead, 0x00e8, 0x1ec2, 0x1ebb, 0x1ebd,
  0x00e9, 0x1eb9, 0x1ec1, 0x1ec3, 0x1ec5, 0x1ebf, 0x1ec7, 0x00ec, 0x1ec9, 0x1ec4, 0x1ebe, 0x1ed2, 0x0129, 0x00ed, 0x1ecb, 0x00f2,
  0x1ed4, 0x1ecf, 0x00f5, 0x00f3, 0x1ecd, 0x1ed3, 0x1ed5, 0x1ed7, 0x1ed1, 0x1ed9, 0x1edd, 0x1edf, 0x1ee1, 0x1edb, 0x1ee3, 0x00f9,
  0x1ed6, 0x1ee7, 0x0169, 0x00fa, 0x1ee5, 0x1eeb, 0x1eed, 0x1eef, 0x1ee9, 0x1ef1, 0x1ef3, 0x1ef7, 0x1ef9, 0x00fd, 0x1ef5, 0x1ed0,
]
const TCVN_ENCODE = new Map(TCVN_HIGH.map((u, i) => [u, 0x80 + i]))

/** Unicode Vietnamese → TCVN3 (".VnTime") bytes, as old office files hold it. */
function tcvn3(s) {
  return Buffer.from(
    [...s.normalize('NFC')].map((ch) => {
      const u = ch.codePointAt(0)
      if (u < 0x80) return u
      const b = TCVN_ENCODE.get(u)
      if (b === undefined) throw new Error(`no TCVN3 code for ${ch}`)
      return b
    }),
  )
}

const GSO_HEADER = 'Tỉnh / Thành phố,Mã TP,Quận Huyện,Mã QH,Phường Xã,Mã PX,Cấp'
// New communes under the sample's Huyện Minh Hóa (code 452) of Tỉnh Quảng Bình (44).
const PROVINCE = 'Tỉnh Quảng Bình,44,Huyện Minh Hóa,452'
const IMPORTED = [
  { code: '99101', name: 'Xã Thử Nghiệm Đông', level: 'Xã' },
  { code: '99102', name: 'Xã Thử Nghiệm Bắc', level: 'Xã' },
  { code: '99103', name: 'Thị trấn Thử Nghiệm', level: 'Thị trấn' },
]
const COMMUNE = IMPORTED[0]

/** A GSO list saved by an old office PC: every byte TCVN3, CRLF line ends. */
const tcvnFile = join(dir, 'danh-muc-xa-tcvn3.csv')
writeFileSync(tcvnFile, tcvn3([GSO_HEADER, ...IMPORTED.map((c) => `${PROVINCE},${c.name},${c.code},${c.level}`)].join('\r\n') + '\r\n'))

/** A list with one good and one bad row (an unknown "Cấp"): refused as a whole. */
const BAD_GOOD = 'Xã Thử Nghiệm Tây'
const badFile = join(dir, 'danh-muc-xa-co-loi.csv')
writeFileSync(badFile, [GSO_HEADER, `${PROVINCE},${BAD_GOOD},99104,Xã`, `${PROVINCE},Xã Cấp Lạ,99105,Làng xã`].join('\n') + '\n')

/** A small PNG (1×1, white) as the activity's attachment; a Vietnamese file name. */
const attachmentName = 'Biên bản hỗ trợ.png'
const attachmentFile = join(dir, attachmentName)
writeFileSync(
  attachmentFile,
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==', 'base64'),
)
const attachmentSHA = createHash('sha256').update(readFileSync(attachmentFile)).digest('hex')

const exportFile = join(dir, 'Đăng ký hỗ trợ.xlsx')

const CONTENT = 'Hỗ trợ thôn thu gom, phân loại rác thải và trồng cây xanh (kiểm thử tự động).'
const ACTIVITY = { kind: 'Hỗ trợ kinh phí', description: 'Hỗ trợ kinh phí mua thùng đựng rác cho các hộ gia đình', amount: '2500000', shown: '2.500.000 đ', workdays: '1,5' }

// What the steps learn and pass on.
const seen = { required: 0, complying: 0, unit: '', village: '', commune: '' }

// ------------------------------------------------------------------ helpers

/** "12/20 đơn vị" of the compliance summary as numbers. */
async function complianceCount() {
  await visible(id('compliance-summary'))
  const s = await id('compliance-summary').innerText()
  const m = s.match(/(\d[\d.]*)\s*\/\s*(\d[\d.]*)\s*đơn vị/)
  assert.ok(m, `the summary shows "x/y đơn vị": ${s}`)
  return { complying: Number(m[1].replace(/\./g, '')), required: Number(m[2].replace(/\./g, '')) }
}

/** Open the compliance tab afresh (it reloads when shown). */
async function openCompliance() {
  await id('nav-sponsorships').click()
  await id('tab-compliance').click()
  await visible(id('compliance-table'))
}

/** Rows of the localities table whose name link is exactly name. */
const localityRows = (name) =>
  id('localities-table').locator('tbody tr').filter({ has: page.getByTestId('row-open').filter({ hasText: exactRe(name) }) })

/** Rows of each sheet of an .xlsx file, read with JSZip: { sheetName: { rowNumber: [cell texts] } }, plus the raw sheet XML. */
async function readWorkbook(file) {
  const zip = await JSZip.loadAsync(readFileSync(file))
  const xml = async (p) => (await zip.file(p)?.async('string')) ?? ''
  const unescape = (s) =>
    s
      .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
      .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
      .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&')
  const attr = (tag, name) => tag.match(new RegExp(`\\s${name}="([^"]*)"`))?.[1] ?? ''
  const texts = (s) => [...s.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => unescape(m[1])).join('')

  const shared = [...(await xml('xl/sharedStrings.xml')).matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => texts(m[1]))
  const rels = new Map([...(await xml('xl/_rels/workbook.xml.rels')).matchAll(/<Relationship\b[^>]*>/g)].map((m) => [attr(m[0], 'Id'), attr(m[0], 'Target')]))
  const sheets = {}
  const raw = {}
  const names = []
  for (const m of (await xml('xl/workbook.xml')).matchAll(/<sheet\b[^>]*>/g)) {
    const name = unescape(attr(m[0], 'name'))
    const target = rels.get(attr(m[0], 'r:id')) ?? ''
    const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`
    const body = await xml(path)
    names.push(name)
    raw[name] = body
    const rows = {}
    for (const c of body.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const ref = attr(c[1], 'r')
      const type = attr(c[1], 't')
      const inner = c[2] ?? ''
      const v = inner.match(/<v>([\s\S]*?)<\/v>/)?.[1]
      let value = ''
      if (type === 's') value = shared[Number(v)] ?? ''
      else if (type === 'inlineStr') value = texts(inner)
      else if (v !== undefined) value = unescape(v)
      const r = Number(ref.replace(/^[A-Z]+/, ''))
      ;(rows[r] ??= []).push(value)
    }
    sheets[name] = rows
  }
  return { names, sheets, raw }
}

// ------------------------------------------------------------------ the flow

describe('Địa bàn and đăng ký hỗ trợ end to end', () => {
  useBrowser('e2e-ls')

  step('the app is open with the sample data', async () => {
    await openWithSample()
    await visible(id('header-sample'))
  })

  step('Địa bàn: a list with a bad row is refused, nothing written', async () => {
    await id('nav-localities').click()
    await visible(id('localities-table'))
    await clickWithDialogAnswer(id('localities-import'), badFile)
    await visible(id('import-preview'))
    assert.match(await id('import-count-error').innerText(), /Lỗi: 1\b/)
    assert.match(await id('import-count-create').innerText(), /Mới: 1\b/)
    await visible(row('import-rows', 'Không nhận ra cấp «Làng xã»'))
    await visible(page.getByText('Tệp còn dòng lỗi nên chưa thể nhập'))
    assert.equal(await id('import-commit').isDisabled(), true, 'the import button is disabled')
    await screenshot('import-refused')
    await id('import-cancel').click()
    await hidden(id('import-preview'))
    await search('localities-search', 'thu nghiem tay')
    assert.equal(await localityRows(BAD_GOOD).count(), 0, 'the good row of the refused file was not written either')
  })

  step('Địa bàn: import a TCVN3-encoded GSO list: preview with counts and the repair, then commit', async () => {
    await clickWithDialogAnswer(id('localities-import'), tcvnFile)
    await visible(id('import-preview'))
    const preview = id('import-preview')
    assert.match(await preview.innerText(), /danh-muc-xa-tcvn3\.csv/)
    assert.match(await preview.innerText(), /Danh mục 3 cấp/)
    assert.match(await id('import-count-create').innerText(), /Mới: 3\b/)
    assert.match(await id('import-count-error').innerText(), /Lỗi: 0\b/)
    const repaired = Number((await id('import-count-repaired').innerText()).match(/(\d+)/)?.[1] ?? 0)
    assert.ok(repaired >= 1, `some rows were repaired (${repaired})`)
    const communeRow = row('import-rows', COMMUNE.code)
    await visible(communeRow)
    const rowText = await communeRow.innerText()
    assert.match(rowText, /Mới/)
    assert.match(rowText, /đã sửa mã TCVN3/)
    assert.ok(rowText.includes(`→ «${COMMUNE.name}»`), `the repair shows the repaired name: ${rowText}`)
    assert.equal(await id('import-commit').isEnabled(), true, 'the import button is enabled')
    await screenshot('import-preview')
    await id('import-commit').click()
    await hidden(id('import-preview'))
    await visible(page.getByText('Đã nhập: 3 mới'))
    await search('localities-search', 'thu nghiem dong')
    const r = localityRows(COMMUNE.name)
    await visible(r)
    const t = await r.first().innerText()
    assert.ok(t.includes(COMMUNE.code) && t.includes('Huyện Minh Hóa'), `code and parent shown: ${t}`)
    await search('localities-search', 'thu nghiem')
    for (const c of IMPORTED) await visible(localityRows(c.name))
    await screenshot('localities-imported')
  })

  step('Đăng ký hỗ trợ: the compliance tab shows x/y and a unit that is "Chưa đạt"', async () => {
    await openCompliance()
    Object.assign(seen, await complianceCount())
    assert.ok(seen.required > 0 && seen.complying < seen.required, `some unit is missing (${seen.complying}/${seen.required})`)
    const missing = id('compliance-table').locator('tbody tr').filter({ has: page.getByTestId('compliance-missing') })
    await visible(missing)
    assert.equal(await missing.count(), seen.required - seen.complying, 'one "Chưa đạt" row per missing unit')
    seen.unit = (await missing.first().locator('td').first().innerText()).trim()
    assert.ok(seen.unit, 'the unit has a name')
    assert.match(await missing.first().innerText(), /Chưa đạt/)
    await screenshot('compliance-before')
  })

  step('register that unit for a village of a special-difficulty commune', async (t) => {
    await id('tab-registrations').click()
    await visible(id('registrations-table'))
    await id('registrations-new').click()
    await visible(id('registration-unit'))
    await pickTree('registration-unit', seen.unit)
    const label = await pickLocality('registration-locality', 'ban mau 1', /^(Bản|Thôn) Mẫu 1 — /)
    ;[seen.village, seen.commune] = label.split(' — ')
    assert.ok(seen.commune, `the village shows its commune: ${label}`)
    // From today (the default) to the end of next year.
    const year = new Date().getFullYear() + 1
    const to = id('registration-to').locator('input')
    await to.fill(`31/12/${year}`)
    await to.press('Enter')
    await id('registration-content').fill(CONTENT)
    await screenshot('registration-form')
    await save()
    await hidden(id('registration-unit'))
    // A new registration opens its detail; open it from the list otherwise.
    const detail = id('registration-detail')
    const opened = await detail.waitFor({ state: 'visible', timeout: 5000 }).then(() => true, () => false)
    if (!opened) {
      t.diagnostic('the new registration did not open its detail by itself: opened from the list')
      await search('registrations-search', 'kiem thu tu dong')
      await row('registrations-table', seen.unit).getByTestId('row-open').first().click()
      await visible(detail)
    }
    const text = await detail.innerText()
    assert.ok(text.includes(seen.unit), 'the detail names the unit')
    assert.ok(text.includes(seen.village) && text.includes(seen.commune), `the detail names the village and its commune: ${text.slice(0, 300)}`)
    assert.ok(text.includes(`31/12/${year}`), 'the end date was kept')
    assert.match(await id('registration-status').innerText(), /Đã đăng ký/)
  })

  step('add an activity with an attachment', async () => {
    await id('activity-new').click()
    await visible(id('activity-description'))
    await pick('activity-kind', ACTIVITY.kind)
    await id('activity-description').fill(ACTIVITY.description)
    await id('activity-amount').fill(ACTIVITY.amount)
    await id('activity-workdays').fill(ACTIVITY.workdays)
    await id('activity-description').click() // leave the number fields
    await save()
    await hidden(id('activity-description'))
    const card = id('activity-card').filter({ hasText: ACTIVITY.description })
    await visible(card)
    const cardText = await card.innerText()
    assert.ok(cardText.includes(ACTIVITY.shown), `the card shows the amount: ${cardText}`)
    assert.ok(cardText.includes('1,5 ngày công'), `the card shows the workdays: ${cardText}`)

    await clickWithDialogAnswer(card.getByTestId('attachment-add'), attachmentFile)
    const table = card.getByTestId('attachments-table')
    await visible(table.locator('tbody tr', { hasText: attachmentName }))
    assert.ok((await table.innerText()).includes(attachmentSHA.slice(0, 12)), 'the table shows the start of the SHA-256')
    if (DATA_DIR) {
      const stored = join(DATA_DIR, 'attachments', attachmentSHA.slice(0, 2), `${attachmentSHA}.png`)
      assert.ok(existsSync(stored), `the file was copied into the data folder: ${stored}`)
    }
    await screenshot('registration-detail')
    await page.keyboard.press('Escape')
    await hidden(id('registration-detail'))
  })

  step('the compliance tab now shows the unit as "Đạt" and one more complying unit', async () => {
    await id('tab-compliance').click()
    await visible(id('compliance-table'))
    const r = rowByFirstCell('compliance-table', seen.unit)
    await visible(r.getByTestId('compliance-ok'))
    assert.match(await r.first().innerText(), /Đạt/)
    assert.ok((await r.first().innerText()).includes(seen.village), 'the supported village is listed')
    const now = await complianceCount()
    assert.deepEqual(now, { complying: seen.complying + 1, required: seen.required })
    await screenshot('compliance-after')
  })

  step('the commune view lists the unit among its supporters with the activity totals', async (t) => {
    await id('nav-localities').click()
    await visible(id('localities-table'))
    await search('localities-search', seen.commune)
    const candidates = localityRows(seen.commune)
    await visible(candidates)
    // Sample commune names may repeat across districts: the right one lists the unit.
    let found = false
    for (let i = 0; i < (await candidates.count()) && !found; i++) {
      await candidates.nth(i).getByTestId('row-open').click()
      await visible(id('locality-detail'))
      await visible(id('support-table'))
      const unitRow = rowByFirstCell('support-table', seen.unit)
      found = await unitRow.first().waitFor({ state: 'visible', timeout: 3000 }).then(() => true, () => false)
      if (found) {
        t.diagnostic(`commune "${seen.commune}": row ${i + 1} of ${await candidates.count()} with that name`)
        const u = await unitRow.first().innerText()
        assert.ok(u.includes(ACTIVITY.shown), `the amount is shown: ${u}`)
        assert.ok(u.includes('1,5'), `the workdays are shown: ${u}`)
        assert.ok(u.includes('Đã đăng ký'), `the status is shown: ${u}`)
        await visible(page.getByText('Bao gồm cả các đăng ký hỗ trợ thôn, bản thuộc xã.'))
        await screenshot('commune-support')
      }
      await page.keyboard.press('Escape')
      await hidden(id('locality-detail'))
    }
    assert.ok(found, `the commune "${seen.commune}" lists "${seen.unit}"`)
  })

  step('export to Excel and read the workbook back', async () => {
    await id('nav-sponsorships').click()
    await id('tab-registrations').click()
    await visible(id('registrations-table'))
    await clickWithDialogAnswer(id('sponsor-export'), exportFile)
    await visible(page.getByText('Đã xuất tệp Excel'))
    assert.ok(existsSync(exportFile), 'the workbook was written where the dialog said')

    const wb = await readWorkbook(exportFile)
    assert.deepEqual(wb.names, ['Đăng ký hỗ trợ', 'Theo đơn vị', 'Theo địa bàn'])
    const first = wb.sheets['Đăng ký hỗ trợ']
    const header = first[3] ?? []
    for (const h of ['STT', 'Đơn vị', 'Địa bàn', 'Từ ngày', 'Đến ngày', 'Nội dung hỗ trợ', 'Trạng thái', 'Kinh phí (đồng)', 'Ngày công']) {
      assert.ok(header.includes(h), `header "${h}" in row 3: ${header.join(' | ')}`)
    }
    assert.match(wb.raw['Đăng ký hỗ trợ'], /<pane\b[^>]*ySplit="3"[^>]*state="frozen"|<pane\b[^>]*state="frozen"[^>]*ySplit="3"/, 'the header row is frozen')
    const ours = Object.values(first).filter((cells) => cells.includes(seen.unit) && cells.some((c) => c.includes(seen.village) && c.includes(seen.commune)))
    assert.equal(ours.length, 1, `one row for ${seen.unit} at ${seen.village}, ${seen.commune}`)
    assert.ok(ours[0].includes(CONTENT), 'with the support content')
    assert.ok(ours[0].includes('2500000'), `with the activity amount: ${ours[0].join(' | ')}`)
    const units = Object.values(wb.sheets['Theo đơn vị']).find((cells) => cells.includes(seen.unit))
    assert.ok(units?.includes('Đạt'), `the unit complies in "Theo đơn vị": ${units?.join(' | ')}`)
  })

  test('no uncaught error in the page', () => {
    assert.deepEqual(uncaughtErrors(), [])
  })
})
