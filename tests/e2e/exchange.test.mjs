// Exchange formats in the app: the current chart view exported as i2 ANX, GraphML, GEXF and CSV (young
// people by pseudonym, no spreadsheet formulas), the ANX imported back as a new chart view, and the
// workspace bundle exported from the home screen and restored as a copy.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { openApp, ROOT, screenshot } from './harness.mjs';

let server;
let browser;
const OUT = path.join(ROOT, 'test-results', 'exchange');

before(async () => {
  await mkdir(OUT, { recursive: true });
  ({ server, browser } = await openApp({ demo: true }));
}, { timeout: 120_000 });

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Light well-formedness check: one root, every start tag closed in order, no bare "&" or "<" in text. */
function assertWellFormedXml(text, root, what) {
  assert.match(text, /^(\uFEFF)?<\?xml [^>]*\?>/, `${what}: XML declaration first`);
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
  assert.match(body.trimStart(), new RegExp(`^<${root}[\\s>]`), `${what}: root is <${root}>`);
}

/** RFC 4180 rows (quoted fields with doubled quotes, CRLF). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && s[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

function assertNoNames(text, names, what) {
  for (const n of names) assert.ok(!text.includes(n), `young person's real name in the ${what}: ${n}`);
}

const formatCount = (n) => n.toLocaleString('en-GB');

test('chart view exports, the ANX back in as a view, and a bundle restored as a copy', { timeout: 420_000 }, async () => {
  const { page } = browser;
  // Real names of the young people at risk, from the Entities table.
  const role = page.getByLabel('Role', { exact: true });
  await role.selectOption('young-person-at-risk');
  await page.waitForTimeout(300);
  const realNames = (await page.locator('[role="grid"] .tbody [role="row"] .c-label').allTextContents()).map((t) => t.replace(/\s*\(".*"\)$/, '').replace(/"/g, '').trim()).filter(Boolean);
  assert.ok(realNames.length >= 5);
  await role.selectOption('');

  // The chart's current view (the Main wall).
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Chart' }).click();
  await page.locator('.cy-host[data-layout="done"]').waitFor({ timeout: 60_000 });
  const onChart = async () => Number((await page.getByText(/^Entities on the chart \(\d+\)/).textContent()).match(/\((\d+)\)/)[1]);
  const chartCount = await onChart();
  assert.ok(chartCount > 20, `the Main wall has the networks: ${chartCount}`);
  const pseudonymToggle = page.getByLabel('Young people by pseudonym');
  assert.equal(await pseudonymToggle.isChecked(), true);

  const exportMenu = page.locator('details.menu', { has: page.locator('summary', { hasText: 'Export' }) });
  const openExport = async () => {
    if (!(await exportMenu.evaluate((d) => d.open))) await page.locator('summary', { hasText: 'Export' }).click();
  };
  const download = async (name, count = 1) => {
    await openExport();
    const got = [];
    const all = new Promise((resolve) => {
      const on = (d) => {
        got.push(d);
        if (got.length === count) {
          page.off('download', on);
          resolve(got);
        }
      };
      page.on('download', on);
    });
    await page.getByRole('button', { name, exact: true }).click();
    const files = await all;
    const out = [];
    for (const d of files) {
      const file = path.join(OUT, d.suggestedFilename());
      await d.saveAs(file);
      out.push({ name: d.suggestedFilename(), file, text: await readFile(file, 'utf8') });
    }
    return out;
  };

  // i2 ANX: well-formed, one <Entity> per entity on the view, young people by pseudonym only.
  const [anx] = await download('Export i2 ANX');
  assert.match(anx.name, /\.anx$/);
  assertWellFormedXml(anx.text, 'Chart', 'ANX');
  assert.equal((anx.text.match(/<Entity\b/g) ?? []).length, chartCount, 'one entity per entity on the view');
  assert.match(anx.text, /YP-\d\d/);
  assert.match(anx.text, /OFFICIAL-SENSITIVE/);
  assertNoNames(anx.text, realNames, 'ANX');

  // GraphML and GEXF: well-formed, one node per entity, pseudonyms.
  const [graphml] = await download('Export GraphML');
  assert.match(graphml.name, /\.graphml$/);
  assertWellFormedXml(graphml.text, 'graphml', 'GraphML');
  assert.equal((graphml.text.match(/<node\b/g) ?? []).length, chartCount);
  assert.match(graphml.text, /YP-\d\d/);
  assertNoNames(graphml.text, realNames, 'GraphML');
  const [gexf] = await download('Export GEXF');
  assert.match(gexf.name, /\.gexf$/);
  assertWellFormedXml(gexf.text, 'gexf', 'GEXF');
  assert.equal((gexf.text.match(/<node\b/g) ?? []).length, chartCount);
  assert.match(gexf.text, /YP-\d\d/);
  assertNoNames(gexf.text, realNames, 'GEXF');

  // CSV: two files; no cell a spreadsheet would run as a formula.
  const csvs = await download('Export CSV (entities and links)', 2);
  const entitiesCsv = csvs.find((f) => /-entities\.csv$/.test(f.name));
  const linksCsv = csvs.find((f) => /-links\.csv$/.test(f.name));
  assert.ok(entitiesCsv && linksCsv, `both CSV files: ${csvs.map((f) => f.name).join(', ')}`);
  const entityRows = parseCsv(entitiesCsv.text);
  assert.equal(entityRows.length, chartCount + 1, 'a header and one row per entity');
  const linkRows = parseCsv(linksCsv.text);
  assert.ok(linkRows.length > chartCount / 2, `links: ${linkRows.length - 1}`);
  for (const [what, rows] of [['entities', entityRows], ['links', linkRows]]) {
    const width = rows[0].length;
    rows.forEach((r, i) => {
      assert.equal(r.length, width, `${what} CSV row ${i + 1} has ${width} cells`);
      for (const cell of r) assert.doesNotMatch(cell, /^[=+\-@\t\r]/, `${what} CSV row ${i + 1}: a cell starts a formula: ${cell}`);
    });
  }
  assert.ok(entityRows.some((r) => r.some((c) => /^'[+-]/.test(c))), 'phone numbers or coordinates are kept, neutralised with an apostrophe');
  assert.match(entitiesCsv.text, /YP-\d\d/);
  assertNoNames(entitiesCsv.text + linksCsv.text, realNames, 'CSV');
  await screenshot(page, 'exchange-export-menu');

  // Every export is in the audit log as a disclosure, with the file's SHA-256.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
  const disclosures = page.locator('tr', { hasText: /Exported the chart view .*SHA-256 [0-9a-f]{64}/ });
  // The last one is written just after its download starts.
  await disclosures.nth(3).waitFor();
  assert.equal(await disclosures.count(), 4);
  const anxHash = Buffer.from(await crypto.subtle.digest('SHA-256', await readFile(anx.file))).toString('hex');
  assert.equal(await page.locator('tr', { hasText: anxHash }).count(), 1, 'the ANX file hash is the one recorded');

  // The ANX back in through the Import section: a new chart view with the same entities.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }).click();
  await page.getByRole('heading', { name: "i2 Analyst's Notebook chart (.anx)" }).waitFor();
  await page.getByLabel('Chart file').setInputFiles(anx.file);
  const result = page.locator('.anx-result');
  await result.waitFor({ timeout: 60_000 });
  const message = await result.locator('p').first().textContent();
  assert.match(message, new RegExp(`: ${chartCount} entities \\(`), message);
  const viewName = message.match(/view "(.+)"/)[1];
  assert.ok(viewName, message);
  await screenshot(page, 'exchange-anx-imported');
  // A file that is not a chart is refused in plain words, with where the problem is.
  await page.getByLabel('Chart file').setInputFiles({ name: 'notes.anx', mimeType: 'application/xml', buffer: Buffer.from('<?xml version="1.0"?>\n<Chart>\n  <ChartItemCollection>\n</Chart>') });
  const refusal = page.getByRole('alert').filter({ hasText: 'notes.anx could not be imported' });
  await refusal.waitFor();
  assert.match(await refusal.textContent(), /line \d/i);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Chart' }).click();
  await page.locator('.cy-host[data-layout="done"]').waitFor({ timeout: 60_000 });
  assert.equal(await page.getByLabel('Chart view').locator('option:checked').textContent(), viewName);
  assert.equal(await onChart(), chartCount, 'the imported view has every entity of the exported one');
  await screenshot(page, 'exchange-anx-view');

  // The workspace bundle, from the home screen.
  await page.locator('a.brand').click();
  const exportBundle = page.getByRole('button', { name: /^Export bundle of Operation Juniper/ });
  await exportBundle.waitFor();
  const [bundleDownload] = await Promise.all([page.waitForEvent('download'), exportBundle.click()]);
  assert.match(bundleDownload.suggestedFilename(), /\.linkwall\.json$/);
  const bundleFile = path.join(OUT, bundleDownload.suggestedFilename());
  await bundleDownload.saveAs(bundleFile);
  const bundle = JSON.parse(await readFile(bundleFile, 'utf8'));
  const live = bundle.entities.filter((e) => !e.mergedInto).length;
  assert.ok(live >= 450, `the bundle holds the workspace: ${live} entities`);
  await screenshot(page, 'exchange-home');

  // Restoring it: the workspace is here already, so the copy is offered.
  await page.getByRole('button', { name: 'Restore a bundle…' }).click();
  // A file that is not a bundle is refused in plain words.
  await page.getByLabel('Bundle file').setInputFiles({ name: 'notes.linkwall.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1}') });
  await page.getByRole('alert').filter({ hasText: 'notes.linkwall.json could not be restored' }).waitFor();
  await screenshot(page, 'exchange-restore-refused');
  await page.getByLabel('Bundle file').setInputFiles(bundleFile);
  const conflict = page.getByRole('alert').filter({ hasText: 'already has the workspace' });
  await conflict.waitFor({ timeout: 60_000 });
  await screenshot(page, 'exchange-restore-conflict');
  await conflict.getByRole('button', { name: 'Restore as a copy' }).click();
  const restored = page.getByRole('status').filter({ hasText: /Restored a copy as ".*\(copy\)"/ });
  await restored.waitFor({ timeout: 60_000 });
  assert.equal(await page.locator('.ws-list > li').count(), 2);

  await restored.getByRole('link', { name: 'Open it' }).click();
  await page.locator('[role="grid"] [role="row"][aria-rowindex="2"]').waitFor({ timeout: 60_000 });
  await page.getByText(/\(copy\)/).first().waitFor();
  assert.match(await page.locator('#result-count').textContent(), new RegExp(`^${formatCount(live)} entities`));
  await screenshot(page, 'exchange-copy-open');

  assert.deepEqual(browser.foreignRequests(), []);
  assert.deepEqual(browser.pageErrors(), []);
});
