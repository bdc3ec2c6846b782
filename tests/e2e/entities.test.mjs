// Issue 2 in a real browser: the demo, search, the detail panel, editing with persistence across reloads
// and browser restarts, creating a person with a nickname and linking a phone, a bad postcode, two tabs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, screenshot } from './harness.mjs';

let server;
let browser;

before(async () => {
  ({ server, browser } = await openApp({ demo: true }));
  const { page } = browser;
  // Wait for the search index to be ready (the count stops saying it is building).
  await page.waitForFunction(() => !document.querySelector('#result-count')?.textContent?.includes('still building'), null, { timeout: 30_000 });
}, { timeout: 120_000 });

after(async () => {
  await browser?.close();
  await server?.close();
});

async function search(page, text) {
  const box = page.getByRole('searchbox', { name: 'Search entities' });
  await box.fill('');
  await box.fill(text);
  await page.waitForTimeout(150);
}

function rowNames(page) {
  return page.locator('[role="grid"] .tbody [role="row"] .c-label').allTextContents();
}

test('the demo workspace loads, is labelled fictional, and offers every section', { timeout: 60_000 }, async () => {
  const { page } = browser;
  await page.getByText('Fictional demo data').waitFor();
  for (const name of ['Entities', 'Import', 'Duplicates', 'Chart', 'Map', 'Timeline', 'Report', 'Audit log']) {
    assert.equal(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).count(), 1, name);
  }
  const count = await page.locator('#result-count').textContent();
  assert.match(count ?? '', /450 entities/);
  await screenshot(page, 'entities-demo');
});

test('search finds Dazza by nickname and by a misspelling, plates and phones in any format', { timeout: 60_000 }, async () => {
  const { page } = browser;
  await search(page, 'dazza');
  const names = await rowNames(page);
  assert.ok(names.some((n) => n.includes('Darren Smith')), `dazza -> ${names.join(' | ')}`);
  await search(page, 'Darren Smyth');
  assert.ok((await rowNames(page)).some((n) => n.includes('Darren Smith')));
  await search(page, '07700 900');
  assert.ok((await rowNames(page)).length > 5, 'phones by national format');
  await search(page, '+447700900');
  assert.ok((await rowNames(page)).length > 5, 'phones by E.164');
  await screenshot(page, 'entities-search-phone');
});

test('open Darren, edit a field, reload and see the edit; it survives a browser restart', { timeout: 120_000 }, async () => {
  let page = browser.page;
  await search(page, 'dazza');
  await page.locator('[role="grid"] .tbody [role="row"]', { hasText: 'Darren Smith' }).first().click();
  const panel = page.getByRole('complementary', { name: /Darren Smith/ });
  await panel.waitFor();
  await panel.getByText('Attributes').waitFor();
  assert.ok(await panel.getByRole('button', { name: /^Source: Northshire Police/ }).count() > 0, 'facts cite police items');
  await screenshot(page, 'entities-darren-detail');

  await panel.getByRole('button', { name: 'Edit' }).first().click();
  const dialog = page.getByRole('dialog', { name: /Edit person/ });
  await dialog.waitFor();
  await dialog.getByRole('group', { name: 'Name 1' }).getByLabel('Family name').fill('Smith-Jones');
  await dialog.getByRole('searchbox', { name: 'Find intelligence item' }).fill('NP');
  await dialog.getByRole('button', { name: /^Cite / }).first().click();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('complementary', { name: /Darren Smith-Jones/ }).waitFor();

  // Ctrl+Z undoes the edit, Ctrl+Shift+Z redoes it (focus outside text fields).
  await page.locator('[role="grid"] .tbody').focus();
  await page.keyboard.press('Control+z');
  await page.getByRole('complementary', { name: /Darren Smith \("Dazza"\)/ }).waitFor();
  await page.getByRole('status').getByText(/Undone: Edit person/).waitFor();
  await page.keyboard.press('Control+Shift+z');
  await page.getByRole('complementary', { name: /Darren Smith-Jones/ }).waitFor();

  await page.reload();
  await page.getByRole('complementary', { name: /Darren Smith-Jones/ }).waitFor({ timeout: 30_000 });

  await browser.restart();
  page = browser.page;
  await page.goto(page.url() === 'about:blank' ? server.url : page.url());
  await page.goto(`${server.url}#/`);
  await page.getByRole('link', { name: /Operation Juniper/ }).click();
  await search(page, 'Smith-Jones');
  assert.ok((await rowNames(page)).some((n) => n.includes('Darren Smith-Jones')), 'edit survived a browser restart');
});

test('deleting asks and says what goes with it; undo brings it all back', { timeout: 60_000 }, async () => {
  const { page } = browser;
  await search(page, 'Kelbridge Kebabs');
  await page.locator('[role="grid"] .tbody [role="row"]', { hasText: 'Kelbridge Kebabs' }).first().click();
  const panel = page.getByRole('complementary', { name: /Kelbridge Kebabs/ });
  const linksHeading = await panel.getByRole('heading', { name: /^Links \(\d+\)$/ }).textContent();
  const linkCount = Number(/\((\d+)\)/.exec(linksHeading ?? '')?.[1]);
  assert.ok(linkCount > 3, linksHeading ?? '');
  await panel.getByRole('button', { name: 'Delete', exact: true }).click();
  const confirm = page.getByRole('dialog', { name: /Delete Kelbridge Kebabs/ });
  await confirm.getByText(new RegExp(`and its ${linkCount} links`)).waitFor();
  await screenshot(page, 'entities-delete-confirm');
  await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
  await confirm.waitFor({ state: 'detached' });
  await search(page, 'Kelbridge Kebabs');
  assert.equal((await rowNames(page)).filter((n) => n === 'Kelbridge Kebabs').length, 0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.locator('[role="grid"] .tbody [role="row"]', { hasText: 'Kelbridge Kebabs' }).first().click();
  await page.getByRole('complementary', { name: /Kelbridge Kebabs/ }).getByRole('heading', { name: `Links (${linkCount})` }).waitFor();
});

test('create a person with a nickname and link a phone to them', { timeout: 120_000 }, async () => {
  const { page } = browser;
  await page.getByRole('button', { name: 'New person' }).click();
  const dialog = page.getByRole('dialog', { name: 'New person' });
  await dialog.getByRole('group', { name: 'Name 1' }).getByLabel('Given name(s)').fill('Kestrel');
  await dialog.getByRole('group', { name: 'Name 1' }).getByLabel('Family name').fill('Moorcroft');
  await dialog.getByRole('button', { name: 'Add name' }).click();
  const second = dialog.getByRole('group', { name: 'Name 2' });
  await second.getByLabel('Name kind').selectOption({ label: 'Nickname' });
  await second.getByLabel('Name', { exact: true }).fill('Kezzy');
  await dialog.getByRole('checkbox', { name: 'Associate' }).check();
  await dialog.getByRole('checkbox', { name: 'Record a new intelligence item' }).check();
  await dialog.getByLabel('Agency', { exact: true }).fill('Safe Steps Kelbridge');
  await dialog.getByLabel('Reference').fill('SSK-E2E-1');
  await dialog.getByLabel('Text').fill('Outreach worker recorded a man known as Kezzy at the bus station.');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'detached' });

  await search(page, 'kezzy');
  assert.ok((await rowNames(page)).some((n) => n.includes('Kestrel Moorcroft')), 'found by nickname');
  const panel = page.getByRole('complementary', { name: /Kestrel Moorcroft/ });
  await panel.waitFor();
  await panel.getByRole('button', { name: 'Add link' }).click();
  const linkDialog = page.getByRole('dialog', { name: 'New link' });
  await linkDialog.getByRole('combobox', { name: 'Linked to' }).fill('07700 900');
  await linkDialog.getByRole('listbox', { name: 'Linked to' }).getByRole('option').first().click();
  await linkDialog.getByLabel('Link type').selectOption({ label: 'Uses phone' });
  await linkDialog.getByRole('searchbox', { name: 'Find intelligence item' }).fill('SSK-E2E-1');
  await linkDialog.getByRole('button', { name: /^Cite .*SSK-E2E-1/ }).click();
  await linkDialog.getByRole('button', { name: 'Save' }).click();
  await linkDialog.waitFor({ state: 'detached' });
  await panel.getByRole('heading', { name: 'Links (1)' }).waitFor();
  assert.equal(await panel.getByText('Uses phone').count(), 1);
  await screenshot(page, 'entities-new-person-linked');
});

test('a bad postcode shows a clear message and saves nothing', { timeout: 60_000 }, async () => {
  const { page } = browser;
  const before = await page.locator('#result-count').textContent();
  await search(page, '');
  const total = await page.locator('#result-count').textContent();
  await page.getByRole('button', { name: 'New address' }).click();
  const dialog = page.getByRole('dialog', { name: 'New address' });
  await dialog.getByLabel('Address lines').fill('99 Nowhere Road\nKelbridge');
  await dialog.getByLabel('Postcode').fill('KB99 ZZZZ');
  await dialog.getByRole('searchbox', { name: 'Find intelligence item' }).fill('NP');
  await dialog.getByRole('button', { name: /^Cite / }).first().click();
  await dialog.getByRole('button', { name: 'Save' }).click();
  const message = dialog.getByText(/is not a UK postcode/);
  await message.waitFor();
  assert.match((await message.textContent()) ?? '', /KB99 ZZZZ/);
  assert.equal(await dialog.getByLabel('Postcode').getAttribute('aria-invalid'), 'true');
  await screenshot(page, 'entities-bad-postcode');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await page.locator('#result-count').textContent(), total, `nothing saved (before: ${before})`);
});

test('two tabs on the same workspace stay consistent', { timeout: 90_000 }, async () => {
  const { page, context } = browser;
  const other = await context.newPage();
  await other.goto(page.url());
  // The URL may carry a selected entity: the table then opens scrolled to it, so wait for any row.
  await other.locator('[role="grid"] .tbody [role="row"]').first().waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'New vehicle' }).click();
  const dialog = page.getByRole('dialog', { name: 'New vehicle' });
  await dialog.getByLabel('Registration').fill('KB70 TAB');
  await dialog.getByLabel('Make').fill('Ford');
  await dialog.getByRole('searchbox', { name: 'Find intelligence item' }).fill('NP');
  await dialog.getByRole('button', { name: /^Cite / }).first().click();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'detached' });
  const box = other.getByRole('searchbox', { name: 'Search entities' });
  await box.fill('KB70TAB');
  await other.locator('[role="grid"] .tbody [role="row"]', { hasText: 'KB70 TAB' }).waitFor({ timeout: 15_000 });
  await other.close();
});

test('the audit log records the changes with who made them; nothing left the machine', { timeout: 60_000 }, async () => {
  const { page } = browser;
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
  const table = page.getByRole('table');
  await table.getByText('Loaded the fictional demo workspace').waitFor();
  assert.ok((await table.getByText('E2E Analyst').count()) > 3);
  assert.ok((await table.getByText('consultation').count()) > 0, 'views and searches are logged');
  await screenshot(page, 'audit-log');
  assert.deepEqual(browser.foreignRequests(), []);
  assert.deepEqual(browser.pageErrors().filter((e) => !e.includes('favicon')), []);
});
