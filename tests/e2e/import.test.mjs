// Issue 3 in a real browser: a police.uk crime file without a mapping; a two-agency pair with a saved
// mapping offered again; correcting a quarantined row; undoing an import.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openApp, screenshot, ROOT } from './harness.mjs';

const FIXTURES = path.join(ROOT, 'tests/fixtures/import');
// The project's shared data sits beside the checkout (../shared); LINKWALL_SHARED can point elsewhere.
const SHARED = [process.env.LINKWALL_SHARED, path.resolve(ROOT, '../shared'), '/work/shared']
  .filter(Boolean)
  .map((d) => path.join(d, 'data/police-uk'))
  .find((d) => existsSync(d));
let server;
let browser;

before(async () => {
  ({ server, browser } = await openApp({ user: 'Import Analyst' }));
  const { page } = browser;
  await page.getByRole('button', { name: 'New workspace' }).click();
  await page.getByLabel('Name').fill('Operation Alder (import test)');
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }).click();
}, { timeout: 120_000 });

after(async () => {
  await browser?.close();
  await server?.close();
});

const main = () => browser.page;
const tab = (name) => main().getByRole('tab', { name });

async function chooseFile(file) {
  await tab('New import').click();
  const again = main().getByRole('button', { name: 'Import another file' });
  if (await again.isVisible()) await again.click();
  await main().getByLabel('Spreadsheet file').setInputFiles(file);
  await main().getByRole('button', { name: 'Preview' }).waitFor({ timeout: 30_000 });
}

async function previewAndImport() {
  await main().getByRole('button', { name: 'Preview' }).click();
  await main().getByRole('heading', { name: 'What the import will make' }).waitFor({ timeout: 60_000 });
  const counts = {};
  for (const dt of await main().locator('.preview-counts dt').allTextContents()) {
    counts[dt] = Number((await main().locator('.preview-counts div', { hasText: dt }).locator('dd').textContent()).replace(/,/g, ''));
  }
  return counts;
}

async function runImport() {
  await main().getByRole('button', { name: /^Import \d/ }).click();
  await main().getByRole('heading', { name: /^Imported / }).waitFor({ timeout: 120_000 });
}

test('a data.police.uk street-crime file is recognised and its counts add up', { timeout: 180_000 }, async () => {
  assert.ok(SHARED, 'the shared data folder (../shared/data/police-uk) is needed for this test');
  const file = path.join(SHARED, '2016-12-greater-manchester-street.PARTIAL-bolton.csv');
  await chooseFile(file);
  await main().getByRole('heading', { name: 'data.police.uk street-level crime' }).waitFor();
  const counts = await previewAndImport();
  const lines = readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.trim()).length - 1;
  assert.equal(counts['Will be imported'] + counts['Quarantined'] + (counts['Blank (skipped)'] ?? 0), counts['Rows after the header']);
  assert.equal(counts['Will be imported'] + counts['Quarantined'], lines, 'every non-blank line is imported or quarantined');
  assert.ok(counts['Crime events'] > 2000, JSON.stringify(counts));
  assert.ok(counts['Without a Crime ID'] > 0, 'anti-social behaviour rows are kept');
  await screenshot(main(), 'import-policeuk-preview');
  await runImport();
  await tab(/History/).click();
  await main().getByRole('cell', { name: /greater-manchester/ }).first().waitFor();
});

test('two agencies: police nominals with a mapping saved and offered again, then a school workbook', { timeout: 180_000 }, async () => {
  const page = main();
  await chooseFile(path.join(FIXTURES, 'police-nominals.csv'));
  // Suggested from the headers.
  assert.match(await page.getByLabel('Column "Surname" becomes').inputValue(), /familyName/);
  assert.match(await page.getByLabel('Column "VRM" becomes').inputValue(), /registration/);
  await page.getByLabel('Agency', { exact: true }).fill('Northtown Police');
  await page.getByLabel('Agency type').selectOption('police');
  await screenshot(page, 'import-mapping');
  const counts = await previewAndImport();
  assert.ok(counts['Quarantined'] >= 1, 'the row without a name is quarantined');
  assert.equal(counts['Will be imported'] + counts['Quarantined'] + (counts['Blank (skipped)'] ?? 0), counts['Rows after the header']);
  await page.getByLabel('Mapping name').fill('Northtown nominals');
  await page.getByRole('button', { name: 'Save mapping' }).click();
  await page.getByRole('status').getByText(/Saved the mapping/).waitFor();
  await screenshot(page, 'import-preview');
  await runImport();

  // A second file with the same headers gets the saved mapping without asking.
  const dir = mkdtempSync(path.join(tmpdir(), 'lw-import-'));
  const second = path.join(dir, 'police-nominals-week2.csv');
  writeFileSync(second, 'Surname,Forename,DOB,Mobile,VRM,Address 1,Town,Postcode,Ref,Date,Grading\nPRICE,Connor,02/04/1990,07700 900777,,9 Mill Lane,Northtown,NT1 4AB,NP/24/0201,01/03/2024,2B P\n');
  await chooseFile(second);
  await page.getByText('In use: "Northtown nominals"').waitFor({ timeout: 15_000 });
  assert.equal(await page.getByLabel('Agency', { exact: true }).inputValue(), 'Northtown Police');
  await previewAndImport();
  await runImport();

  // The school's workbook: different headers, some of the same people, phones and cars.
  await chooseFile(path.join(FIXTURES, 'school-concerns.xlsx'));
  await page.getByLabel('Agency', { exact: true }).fill('Northtown Academy');
  await page.getByLabel('Agency type').selectOption('education');
  const school = await previewAndImport();
  assert.ok(school['Matched to existing'] >= 1, `the school's rows attach to the police's phone and car: ${JSON.stringify(school)}`);
  await runImport();
});

test('a quarantined row is corrected and imported again', { timeout: 120_000 }, async () => {
  const page = main();
  await tab(/Quarantine/).click();
  const before = Number(/\((\d+)\)/.exec(await tab(/Quarantine/).textContent())?.[1]);
  assert.ok(before >= 1);
  const row7 = page.getByRole('row', { name: /^7 / });
  await row7.getByLabel('Row 7, Surname').fill('COLE');
  await row7.getByLabel('Row 7, Forename').fill('Ryan');
  await screenshot(page, 'import-quarantine');
  await page.locator('.quarantine-group', { hasText: 'police-nominals.csv' }).getByRole('button', { name: 'Import corrected rows' }).click();
  await page.getByRole('status').getByText(/Imported .*corrected row/).waitFor({ timeout: 30_000 });
  const after = Number(/\((\d+)\)/.exec(await tab(/Quarantine/).textContent())?.[1]);
  assert.ok(after < before, `${before} -> ${after}`);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Entities' }).click();
  await page.getByRole('searchbox', { name: 'Search entities' }).fill('Ryan Cole');
  await page.locator('[role="grid"] .tbody [role="row"]', { hasText: 'Ryan Cole' }).first().waitFor();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }).click();
});

test('Cancel during a large import leaves the workspace as it was', { timeout: 180_000 }, async () => {
  const page = main();
  await tab(/History/).click();
  const historyBefore = await page.locator('tbody tr').count();
  const dir = mkdtempSync(path.join(tmpdir(), 'lw-cancel-'));
  const big = path.join(dir, 'large-return.csv');
  const rows = ['Surname,Forename,DOB,Mobile,Postcode'];
  for (let i = 0; i < 80_000; i++) rows.push(`TESTER${i},Alex,01/02/19${50 + (i % 40)},07700 900${String(i % 1000).padStart(3, '0')},KB${1 + (i % 9)} 4AP`);
  writeFileSync(big, rows.join('\n'));
  await chooseFile(big);
  await page.getByLabel('Agency', { exact: true }).fill('Northtown Police');
  await page.getByLabel('Date order of column "DOB"').selectOption('dmy').catch(() => {});
  await previewAndImport();
  await page.getByRole('button', { name: /^Import \d/ }).click();
  await page.getByRole('progressbar', { name: 'Import progress' }).waitFor({ timeout: 30_000 });
  await screenshot(page, 'import-progress');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('status').getByText('Import cancelled: nothing was stored.').waitFor({ timeout: 60_000 });
  await tab(/History/).click();
  assert.equal(await page.locator('tbody tr').count(), historyBefore, 'no import recorded');
});

test('an import is undone in one step', { timeout: 120_000 }, async () => {
  const page = main();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Entities' }).click();
  const total = async () => Number(/([\d,]+) entit/.exec(await page.locator('#result-count').textContent())?.[1].replace(/,/g, ''));
  await page.getByRole('searchbox', { name: 'Search entities' }).fill('');
  const withSchool = await total();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }).click();
  await tab(/History/).click();
  await page.getByRole('button', { name: 'Undo the import of school-concerns.xlsx' }).click();
  const dialog = page.getByRole('dialog', { name: /Undo the import of school-concerns.xlsx/ });
  await dialog.getByRole('button', { name: 'Undo import' }).click();
  await page.getByRole('row', { name: /school-concerns.xlsx/ }).getByText('Undone').waitFor();
  await screenshot(page, 'import-history-undone');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Entities' }).click();
  await page.waitForFunction((n) => {
    const m = /([\d,]+) entit/.exec(document.querySelector('#result-count')?.textContent ?? '');
    return m && Number(m[1].replace(/,/g, '')) < n;
  }, withSchool, { timeout: 15_000 });
  assert.deepEqual(browser.foreignRequests(), []);
  assert.deepEqual(browser.pageErrors(), []);
});
