// The link chart (first slice of issue 5): the demo wall, expanding, and presentation mode with
// pseudonyms (no young person's real name on the page).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openApp, screenshot } from './harness.mjs';

let server;
let browser;

before(async () => {
  ({ server, browser } = await openApp({ demo: true }));
}, { timeout: 120_000 });

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the demo chart, expand, and presentation with pseudonyms only', { timeout: 180_000 }, async () => {
  const { page } = browser;
  // Real names of the young people at risk, from the Entities table.
  await page.getByLabel('Role', { exact: true }).selectOption('young-person-at-risk');
  await page.waitForTimeout(300);
  const realNames = (await page.locator('[role="grid"] .tbody [role="row"] .c-label').allTextContents()).map((t) => t.replace(/\s*\(".*"\)$/, '').replace(/"/g, '').trim()).filter(Boolean);
  assert.ok(realNames.length >= 5);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Chart' }).click();
  await page.locator('.cy-host canvas').first().waitFor({ timeout: 30_000 });
  const list = page.getByRole('list', { name: 'Entities on the chart' });
  await page.getByText(/^Entities on the chart/).click();
  const before = await list.getByRole('listitem').count();
  assert.ok(before > 20, `the starting wall has the networks: ${before}`);
  await screenshot(page, 'chart-demo');

  // Analysis: size by betweenness lists the top people; the shortest path between two entities.
  await page.getByLabel('Size nodes by').selectOption('betweenness');
  await page.getByRole('table', { name: 'Top people by betweenness' }).getByRole('row').first().waitFor();
  const buttons = list.getByRole('button');
  await buttons.nth(0).click();
  await buttons.nth(1).click({ modifiers: ['Shift'] });
  await page.getByRole('button', { name: 'Shortest path' }).click();
  await page.locator('.path-info').getByText(/links?: .* → /).waitFor();
  await screenshot(page, 'chart-path');

  // Select an entity from the list and expand it.
  await list.getByRole('button').first().click();
  await page.getByRole('button', { name: 'Expand selected' }).click();
  await page.getByRole('status').getByText(/Added|Nothing more/).waitFor();

  // Export: a poster-sized PNG and an SVG, both with the legend and the marking, pseudonyms kept.
  await page.getByLabel('PNG width').selectOption('8000');
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PNG' }).click()]);
  await png.saveAs('test-results/screenshots/chart-export.png');
  const pngBytes = readFileSync(await png.path());
  assert.equal(pngBytes.subarray(1, 4).toString(), 'PNG');
  assert.equal(pngBytes.readUInt32BE(16), 8000, 'PNG width');
  const [svg] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export SVG' }).click()]);
  await svg.saveAs('test-results/chart-export.svg');
  const svgText = readFileSync(await svg.path(), 'utf8');
  assert.equal((svgText.match(/OFFICIAL-SENSITIVE/g) ?? []).length, 2, 'marking at the top and the bottom');
  assert.match(svgText, /Legend/);
  assert.match(svgText, /YP-\d\d/);
  for (const n of realNames) assert.ok(!svgText.includes(n), `young person's real name in the SVG: ${n}`);

  await page.getByRole('button', { name: 'Present', exact: true }).click();
  const present = page.getByRole('dialog', { name: 'Presentation' });
  await present.waitFor();
  await present.getByText(/^Entities on the chart/).click();
  const labels = await present.getByRole('list', { name: 'Entities on the chart' }).innerText();
  assert.match(labels, /YP-\d\d/);
  const text = await page.evaluate(() => document.body.innerText);
  for (const n of realNames) assert.ok(!text.includes(n), `young person's real name on the page in presentation mode: ${n}`);
  await screenshot(page, 'chart-present');
  await page.keyboard.press('Escape');
  await present.waitFor({ state: 'detached' });

  // Named views: a second, empty view; undo and redo cover it.
  page.once('dialog', (d) => void d.accept('Taxi firm'));
  await page.getByRole('button', { name: 'New view' }).click();
  const views = page.getByLabel('Chart view');
  await page.waitForFunction(() => document.querySelectorAll('select[aria-label="Chart view"] option').length === 2);
  assert.equal(await views.locator('option:checked').textContent(), 'Taxi firm');
  await page.getByRole('button', { name: 'Undo chart edit' }).click();
  await page.waitForFunction(() => document.querySelectorAll('select[aria-label="Chart view"] option').length === 1);
  await page.getByRole('button', { name: 'Redo chart edit' }).click();
  await page.waitForFunction(() => document.querySelectorAll('select[aria-label="Chart view"] option').length === 2);
  assert.deepEqual(browser.foreignRequests(), []);
  assert.deepEqual(browser.pageErrors(), []);
});
