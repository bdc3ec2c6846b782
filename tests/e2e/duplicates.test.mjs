// Issue 4 in a real browser: the demo's duplicate queue, a side-by-side comparison, merge, the merged
// person with both sources, unmerge, both back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, screenshot } from './harness.mjs';

let server;
let browser;

before(async () => {
  ({ server, browser } = await openApp({ user: 'Review Analyst', demo: true }));
}, { timeout: 120_000 });

after(async () => {
  await browser?.close();
  await server?.close();
});

test('review a pair, merge it, see both sources, unmerge, see both back', { timeout: 240_000 }, async () => {
  const { page } = browser;
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Duplicates' }).click();
  const queue = page.getByRole('complementary', { name: 'Review queue' });
  const darrenPair = queue.getByRole('button', { name: /Darren Smith.*and|and.*Darren Smith/ }).first();
  await darrenPair.waitFor({ timeout: 120_000 });
  await darrenPair.click();
  const comparison = page.getByRole('region', { name: 'Comparison' });
  await comparison.getByRole('heading', { name: 'Evidence, field by field' }).waitFor();
  assert.ok((await comparison.locator('.evidence tbody tr').count()) >= 3, 'field-by-field evidence');
  await screenshot(page, 'duplicates-compare');
  const names = (await comparison.locator('.dup-col h3').allTextContents()).map((t) => t.trim());
  assert.equal(names.length, 2);

  await comparison.getByRole('button', { name: /Same: merge/ }).click();
  await page.getByRole('status').getByText(/^Merged /).waitFor({ timeout: 30_000 });
  const merged = (await page.getByRole('status').textContent()) ?? '';
  const survivor = /into (.*)\. Unmerge/.exec(merged)?.[1] ?? '';
  assert.ok(survivor, merged);

  // The merged person shows the values and sources of both records.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Entities' }).click();
  await page.getByRole('searchbox', { name: 'Search entities' }).fill('Darren Smith');
  await page.locator('[role="grid"] .tbody [role="row"]', { hasText: survivor }).first().click();
  const panel = page.getByRole('complementary', { name: new RegExp(survivor.replace(/[()"]/g, '.')) });
  await panel.getByRole('heading', { name: /Merged records \(1\)/ }).waitFor();
  const agencies = new Set((await panel.locator('.source-chip .chip-agency').allTextContents()).map((t) => t.trim()));
  assert.ok(agencies.size >= 2, `sources of both records: ${[...agencies].join(', ')}`);
  await screenshot(page, 'duplicates-merged-person');

  await panel.getByRole('button', { name: 'Unmerge' }).click();
  await page.getByRole('dialog', { name: /^Unmerge/ }).getByRole('button', { name: 'Unmerge' }).click();
  await page.getByRole('status').getByText(/are two records again/).waitFor();
  await page.getByRole('searchbox', { name: 'Search entities' }).fill('');
  await page.getByRole('searchbox', { name: 'Search entities' }).fill('Darren Smith');
  for (const n of names) {
    await page.locator('[role="grid"] .tbody [role="row"] .c-label', { hasText: n.replace(/^\W+/, '') }).first().waitFor({ timeout: 15_000 });
  }
  assert.deepEqual(browser.foreignRequests(), []);
  assert.deepEqual(browser.pageErrors(), []);
});

test('typing a new person suggests the existing records it may duplicate, before saving', { timeout: 60_000 }, async () => {
  const { page } = browser;
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Entities' }).click();
  await page.getByRole('button', { name: 'New person' }).click();
  const dialog = page.getByRole('dialog', { name: 'New person' });
  await dialog.getByRole('group', { name: 'Name 1' }).getByLabel('Given name(s)').fill('Darren');
  await dialog.getByRole('group', { name: 'Name 1' }).getByLabel('Family name').fill('Smyth');
  const hint = dialog.getByRole('complementary', { name: 'Possible existing records' });
  await hint.getByText(/Darren Smith/).first().waitFor({ timeout: 10_000 });
  await screenshot(page, 'entities-likely-matches');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
});
