// The Report section (issue 7): the demo profile edited (text, a dropped and a moved section, a chart
// view, a map view, an entity table, a gap and a recommendation), exported for each recipient profile as
// HTML and printed to PDF by Chromium (the marking and "Page X of Y" on every page, no young person's real
// name for partners and the board, "<5" for the board), the board's Word file unzipped to well-formed XML
// with the sections, every export in the audit log as a disclosure; then frozen (no longer editable) and
// version 2 started (what changed since version 1, the recommendation under review).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { openApp, ROOT, screenshot } from './harness.mjs';

let server;
let browser;
const OUT = path.join(ROOT, 'test-results', 'report');
const PROFILES = ['police-internal', 'mase-partners', 'strategic-board'];
const LABEL = { 'police-internal': 'Police internal', 'mase-partners': 'MASE partners', 'strategic-board': 'Strategic board' };

before(async () => {
  await mkdir(OUT, { recursive: true });
  ({ server, browser } = await openApp({ demo: true }));
}, { timeout: 120_000 });

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A minimal zip reader: the central directory, then each entry stored or deflated. */
function unzip(bytes) {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = bytes.length - 22;
  while (eocd >= 0 && dv.getUint32(eocd, true) !== 0x06054b50) eocd--;
  assert.ok(eocd >= 0, 'a zip file');
  const count = dv.getUint16(eocd + 10, true);
  let p = dv.getUint32(eocd + 16, true);
  const out = new Map();
  for (let i = 0; i < count; i++) {
    assert.equal(dv.getUint32(p, true), 0x02014b50, 'central directory entry');
    const method = dv.getUint16(p + 10, true);
    const size = dv.getUint32(p + 20, true);
    const nameLen = dv.getUint16(p + 28, true);
    const extraLen = dv.getUint16(p + 30, true);
    const commentLen = dv.getUint16(p + 32, true);
    const local = dv.getUint32(p + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLen));
    const start = local + 30 + dv.getUint16(local + 26, true) + dv.getUint16(local + 28, true);
    const raw = bytes.subarray(start, start + size);
    out.set(name, method === 0 ? raw : new Uint8Array(inflateRawSync(raw)));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** Light well-formedness check: one root, every start tag closed in order, no bare "&" or "<" in text. */
function assertWellFormedXml(text, what) {
  const body = text.replace(/^(\uFEFF)?<\?xml [^>]*\?>/, '').replace(/<!--[\s\S]*?-->/g, '');
  assert.doesNotMatch(body, /&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/, `${what}: a bare & is escaped`);
  const stack = [];
  let roots = 0;
  const tag = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(body); m; m = tag.exec(body)) {
    const between = body.slice(last, m.index);
    assert.ok(!between.includes('<') && !between.includes('>'), `${what}: stray < or > before offset ${m.index}: ${between.slice(0, 80)}`);
    last = tag.lastIndex;
    const [, close, name, , selfClose] = m;
    if (close) assert.equal(stack.pop(), name, `${what}: </${name}> closes what was opened`);
    else {
      if (stack.length === 0) roots++;
      if (!selfClose) stack.push(name);
    }
  }
  assert.equal(body.slice(last).trim(), '', `${what}: nothing after the root`);
  assert.equal(stack.length, 0, `${what}: every element is closed`);
  assert.equal(roots, 1, `${what}: one root element`);
}

const xmlText = (xml) =>
  xml
    .replace(/<w:tab\/>/g, '\t')
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

test('the report: edit, insert, export for every recipient profile, freeze and version 2', { timeout: 480_000 }, async () => {
  const { page, context } = browser;
  const nav = page.getByRole('navigation', { name: 'Main' });

  // Real names of the young people at risk, from the Entities table.
  await page.getByLabel('Role', { exact: true }).selectOption('young-person-at-risk');
  await page.waitForTimeout(300);
  const realNames = (await page.locator('[role="grid"] .tbody [role="row"] .c-label').allTextContents()).map((t) => t.replace(/\s*\(".*"\)$/, '').replace(/"/g, '').trim()).filter(Boolean);
  assert.ok(realNames.length >= 5, `young people listed: ${realNames.length}`);
  const marking = (await page.getByRole('note', { name: 'Security marking' }).innerText()).trim();
  assert.equal(marking, 'OFFICIAL-SENSITIVE');

  // The chart saves its views (the main wall, laid out) for the report to insert.
  await nav.getByRole('link', { name: 'Chart' }).click();
  await page.locator('.cy-host[data-layout="done"]').waitFor({ timeout: 90_000 });
  await page.waitForTimeout(500);

  await nav.getByRole('link', { name: 'Report' }).click();
  const outline = page.getByRole('navigation', { name: 'Sections' });
  /** The outline's button for a section (its number, or "–" when dropped, then its title). */
  const sectionButton = (title) => outline.getByRole('button', { name: new RegExp(`^(\\d+|–) ${title}`) });
  await sectionButton('Key findings').waitFor({ timeout: 60_000 });
  await page.getByText('All changes saved').waitFor();
  await screenshot(page, 'report-document-control');

  // Edit a section's text (with a young person's real name: every product shows the pseudonym).
  await sectionButton('Key findings').click();
  const text = page.getByLabel('The analyst’s assessment');
  await text.fill(`It is highly likely that two linked groups exploit young people in Kelbridge town centre.\n\nIntelligence suggests ${realNames[0]} is taken to the hotels by car.\n\n- Taxi firms are used to move young people\n- Hot spots cluster around the bus station`);
  // Move Key findings above the introduction; drop the partnership picture.
  await outline.getByRole('button', { name: 'Move Key findings up' }).click();
  await outline.getByRole('checkbox', { name: 'Include Partnership picture' }).uncheck();
  const order = await outline.locator('.outline-name').allTextContents();
  assert.deepEqual(order.slice(0, 3), ['Document control', 'Key findings', 'Introduction and terms of reference']);

  // Offenders: the main wall as a chart view, and a table of the organisers.
  await sectionButton('Offenders and networks').click();
  await page.getByRole('button', { name: 'Insert chart view…' }).click();
  let dialog = page.getByRole('dialog', { name: 'Insert a chart view' });
  await dialog.getByLabel('Saved chart view').selectOption({ label: (await dialog.getByLabel('Saved chart view').locator('option', { hasText: 'Main wall' }).textContent()).trim() });
  await dialog.getByRole('button', { name: 'Insert chart view' }).click();
  await page.locator('.insert-card img.insert-picture').first().waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Insert entity table…' }).click();
  dialog = page.getByRole('dialog', { name: 'Insert an entity table' });
  await dialog.getByRole('combobox', { name: 'Kind' }).selectOption('person');
  await dialog.getByRole('combobox', { name: 'Role' }).selectOption('organiser');
  await dialog.getByRole('button', { name: /^Insert table of \d+/ }).click();
  await page.getByText(/^Table: Organisers/).waitFor();
  await screenshot(page, 'report-offenders');

  // Locations: the map of places.
  await sectionButton('Locations').click();
  await page.getByRole('button', { name: 'Insert map view…' }).click();
  dialog = page.getByRole('dialog', { name: 'Insert a map view' });
  await dialog.getByRole('button', { name: 'Insert map view' }).click();
  await page.locator('.insert-card img.insert-picture').first().waitFor({ timeout: 60_000 });
  await screenshot(page, 'report-locations');

  // A gap and a recommendation.
  await sectionButton('Intelligence gaps').click();
  await page.getByLabel('What is not known').fill('Who owns the silver Astra seen at the bus station');
  await page.getByRole('textbox', { name: 'Collection plan', exact: true }).fill('ANPR request; licensing check');
  await page.getByRole('button', { name: 'Add gap' }).click();
  await page.getByLabel('Gap 1', { exact: true }).waitFor();
  await sectionButton('Recommendations').click();
  await page.getByRole('button', { name: 'Add recommendation' }).click();
  await page.getByRole('alert').filter({ hasText: 'needs an owner' }).waitFor();
  await page.getByLabel('What is recommended').fill('Review the licences of the two taxi firms linked to the organisers');
  await page.getByLabel('4P category').selectOption('Pursue');
  await page.getByLabel('Owner', { exact: true }).fill('Kelbridge licensing team');
  await page.getByLabel('Due date', { exact: true }).fill('2027-03-31');
  await page.getByRole('button', { name: 'Add recommendation' }).click();
  await page.getByLabel('Text of recommendation 1').waitFor();
  assert.equal(await page.getByLabel('Owner of recommendation 1').inputValue(), 'Kelbridge licensing team');
  await page.getByText('All changes saved').waitFor();
  await screenshot(page, 'report-recommendations');

  // Export for each recipient profile: HTML downloaded, printed to PDF by Chromium (A4, CSS page size).
  await page.getByRole('button', { name: 'Export…' }).click();
  const exp = page.getByRole('dialog', { name: /^Export version 1/ });
  /** The product for the profile is built (its warnings shown) and no export is running. */
  const ready = (profile) =>
    page.waitForFunction((p) => !!document.querySelector(`.export-buttons[data-product="${p}"]`) && !document.querySelector('.export-buttons button:disabled'), profile, { timeout: 60_000 });
  const printer = await context.newPage();
  const pdfText = {};
  for (const profile of PROFILES) {
    await exp.getByLabel('Recipient profile').selectOption(profile);
    await ready(profile);
    if (profile === 'strategic-board') {
      const warnings = await exp.getByRole('list', { name: 'Warnings' }).innerText();
      assert.match(warnings, /left out of this product under their handling conditions/);
      await screenshot(page, 'report-export-board');
    }
    const [download] = await Promise.all([page.waitForEvent('download'), exp.getByRole('button', { name: 'Download HTML' }).click()]);
    const htmlFile = path.join(OUT, `${profile}.html`);
    await download.saveAs(htmlFile);
    const html = await readFile(htmlFile, 'utf8');
    assert.match(html, /^<!doctype html>/);
    assert.doesNotMatch(html, /<script/i);
    assert.ok(html.includes('<img src="data:image/png;base64,'), `${profile}: the chart and map pictures are inlined`);
    await printer.setContent(html, { waitUntil: 'load' });
    const pdfFile = path.join(OUT, `${profile}.pdf`);
    await printer.pdf({ path: pdfFile, format: 'A4', preferCSSPageSize: true, printBackground: true });
    const txt = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    await writeFile(path.join(OUT, `${profile}.txt`), txt);
    pdfText[profile] = txt;
    const pages = txt.split('\f').filter((p) => p.trim());
    assert.ok(pages.length >= 8, `${profile}: ${pages.length} pages`);
    pages.forEach((p, i) => {
      assert.ok(p.includes(marking), `${profile}: the marking on page ${i + 1}`);
      assert.match(p, new RegExp(`Page ${i + 1} of ${pages.length}`), `${profile}: "Page ${i + 1} of ${pages.length}" on page ${i + 1}`);
    });
    // Young people by pseudonym in the main body, whatever the analyst typed.
    assert.match(txt, /YP-\d\d is taken to the hotels by car/, `${profile}: the name in the text became a pseudonym`);
    assert.ok(txt.includes('Review the licences of the two taxi firms'), `${profile}: the recommendation`);
    assert.ok(!txt.includes('Partnership picture'), `${profile}: the dropped section is left out`);
    assert.ok(txt.indexOf('Key findings') < txt.indexOf('Introduction and terms of reference'), `${profile}: the moved section`);
    if (profile === 'police-internal') {
      assert.match(txt, /RESTRICTED ANNEX/, 'the police product has the restricted annex');
      assert.ok(realNames.some((n) => txt.includes(n)), 'the restricted annex names the young people');
    } else {
      for (const n of realNames) assert.ok(!txt.includes(n), `${profile}: a young person's real name in the PDF: ${n}`);
      assert.doesNotMatch(txt, /RESTRICTED ANNEX/);
    }
    if (profile === 'strategic-board') {
      assert.ok(txt.includes('<5'), 'the board gets small counts as "<5"');
      assert.match(txt, /Counts below 5 are shown as "<5"/);
    }
  }
  await printer.close();

  // Look at the board's first pages as pictures.
  execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '3', path.join(OUT, 'strategic-board.pdf'), path.join(OUT, 'strategic-board-page')]);
  const pngs = (await readdir(OUT)).filter((f) => /^strategic-board-page-\d+\.png$/.test(f));
  assert.equal(pngs.length, 3);

  // The board's Word file: a zip of well-formed XML with the sections, no real names.
  await exp.getByLabel('Recipient profile').selectOption('strategic-board');
  await ready('strategic-board');
  const [docxDownload] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), exp.getByRole('button', { name: 'Download Word (.docx)' }).click()]);
  const docxFile = path.join(OUT, 'strategic-board.docx');
  await docxDownload.saveAs(docxFile);
  const files = unzip(new Uint8Array(await readFile(docxFile)));
  assert.ok(files.has('word/document.xml') && files.has('[Content_Types].xml'));
  for (const [name, bytes] of files) if (name.endsWith('.xml') || name.endsWith('.rels')) assertWellFormedXml(new TextDecoder().decode(bytes), name);
  const docText = xmlText(new TextDecoder().decode(files.get('word/document.xml')));
  for (const title of ['Document control', 'Key findings', 'Introduction and terms of reference', 'Offenders and networks', 'Recommendations', 'Annex: Grading and handling key'])
    assert.ok(docText.includes(title), `the Word file has the section "${title}"`);
  assert.ok(!docText.includes('Partnership picture'));
  for (const n of realNames) assert.ok(!docText.includes(n), `a young person's real name in the Word file: ${n}`);
  assert.ok([...files.keys()].some((n) => n.startsWith('word/media/')), 'the pictures are embedded');
  const headers = [...files.keys()].filter((n) => /^word\/(header|footer)\d+\.xml$/.test(n)).map((n) => xmlText(new TextDecoder().decode(files.get(n))));
  assert.ok(headers.length >= 2 && headers.every((h) => h.includes(marking)), 'the marking in every header and footer');

  // The preview: the same HTML in a tab of its own (a blob: URL of the app's origin).
  const [tab] = await Promise.all([context.waitForEvent('page'), exp.getByRole('button', { name: 'Preview' }).click()]);
  await tab.waitForLoadState('load');
  assert.match(tab.url(), /^blob:http:\/\/127\.0\.0\.1:\d+\//);
  assert.match(await tab.title(), new RegExp(`^${marking}: .*Strategic board`));
  await tab.getByRole('heading', { name: /Key findings/ }).waitFor();
  await tab.close();

  // The print path: the browser's print engine on a hidden frame (headless Chromium has no dialog).
  await exp.getByRole('button', { name: 'Print / save as PDF' }).click();
  await exp.getByRole('status').filter({ hasText: 'Sent to the browser’s print dialog' }).waitFor({ timeout: 60_000 });
  await exp.getByRole('button', { name: 'Close' }).click();

  // Every export is a disclosure in the audit log, with its recipient profile and the file's hash.
  await nav.getByRole('link', { name: 'Audit log' }).click();
  await page.getByLabel('Category').selectOption('disclosure');
  const rows = page.locator('.audit-view tbody tr', { hasText: 'Exported the problem profile' });
  await rows.first().waitFor();
  const audit = await rows.allInnerTexts();
  assert.equal(audit.length, 5, audit.join('\n'));
  for (const profile of PROFILES) assert.ok(audit.some((r) => r.includes(`for the recipient profile ${LABEL[profile]}`) && /as HTML/.test(r)), `HTML export for ${profile} audited`);
  assert.ok(audit.some((r) => /as Word \(\.docx\) for the recipient profile Strategic board/.test(r)));
  assert.ok(audit.some((r) => /as PDF \(printed by the browser/.test(r)));
  assert.ok(audit.every((r) => /SHA-256 [0-9a-f]{64}/.test(r) && r.includes(`marked ${marking}`)));
  await screenshot(page, 'report-audit');

  // Freeze version 1: the text can no longer be edited.
  await nav.getByRole('link', { name: 'Report' }).click();
  await page.getByRole('button', { name: 'Freeze version 1…' }).click();
  await page.getByRole('dialog', { name: 'Freeze version 1?' }).getByRole('button', { name: 'Freeze version 1' }).click();
  await page.getByTestId('report-status').filter({ hasText: /^Frozen/ }).waitFor({ timeout: 120_000 });
  await sectionButton('Key findings').click();
  const frozenText = page.getByLabel('The analyst’s assessment');
  assert.equal(await frozenText.isEditable(), false, 'a frozen version cannot be edited');
  assert.match(await frozenText.inputValue(), /two linked groups/);
  assert.equal(await outline.getByRole('checkbox', { name: 'Include Key findings' }).isDisabled(), true);
  await screenshot(page, 'report-frozen');

  // A new organiser recorded after the freeze: version 2 says what changed.
  await nav.getByRole('link', { name: 'Entities' }).click();
  await page.getByRole('button', { name: 'New person' }).click();
  const form = page.getByRole('dialog', { name: 'New person' });
  await form.getByRole('group', { name: 'Name 1' }).getByLabel('Given name(s)').fill('Fennick');
  await form.getByRole('group', { name: 'Name 1' }).getByLabel('Family name').fill('Ashdown');
  await form.getByRole('checkbox', { name: 'Organiser' }).check();
  await form.getByRole('checkbox', { name: 'Record a new intelligence item' }).check();
  await form.getByLabel('Agency', { exact: true }).fill('Northshire Police');
  await form.getByLabel('Reference').fill('NP-E2E-REPORT-1');
  await form.getByLabel('Text').fill('A man calling himself Fennick Ashdown was seen driving young people from the bus station.');
  await form.getByRole('button', { name: 'Save' }).click();
  await form.waitFor({ state: 'detached' });
  await nav.getByRole('link', { name: 'Report' }).click();

  // Version 2 starts from it: what changed since version 1, and the recommendation under review.
  await page.getByRole('button', { name: 'Start version 2' }).click();
  const changes = page.getByRole('region', { name: /What changed since version 1/ });
  await changes.waitFor({ timeout: 60_000 });
  const changed = await changes.innerText();
  assert.match(changed, /New people\s+1/);
  assert.match(changed, /of whom offenders\s+1\s+Fennick Ashdown/);
  assert.match(await page.getByLabel('Version', { exact: true }).locator('option:checked').innerText(), /^2 \(draft\)/);
  await sectionButton('Key findings').click();
  assert.equal(await page.getByLabel('The analyst’s assessment').isEditable(), true, 'version 2 is a draft');
  await sectionButton('Context and changes since the last version').click();
  await page.getByText('Changes since the previous version (version 1)').waitFor();
  await sectionButton('Review of previous recommendations').click();
  await page.getByText('Recommendations of version 1 under review').waitFor();
  await page.getByRole('button', { name: 'Carry forward to this version' }).click();
  await page.getByRole('button', { name: 'Carried forward' }).waitFor();
  await screenshot(page, 'report-version-2');

  assert.deepEqual(browser.foreignRequests(), []);
  assert.deepEqual(browser.pageErrors(), []);
});
