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
  await page.locator('.cy-host[data-layout="done"]').waitFor({ timeout: 60_000 });
  const list = page.getByRole('list', { name: 'Entities on the chart' });
  await page.getByText(/^Entities on the chart/).click();
  await list.getByRole('listitem').first().waitFor();
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
  await page.locator('summary', { hasText: 'Export' }).click();
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
  // The arrow keys step to the next saved view: the meeting view, labels at least 24 px on the screen.
  await page.keyboard.press('ArrowRight');
  await present.locator('.present-view', { hasText: 'Meeting:' }).waitFor();
  await present.locator('.cy-host[data-layout="done"]').waitFor();
  await page.waitForTimeout(300);
  const fontPx = await page.evaluate(() => Math.min(...window.__linkwallBench.cy.nodes().map((n) => parseFloat(n.renderedStyle('font-size')))));
  assert.ok(fontPx >= 24, `labels on the projected chart are ${fontPx} px`);
  const meetingText = await page.evaluate(() => document.body.innerText);
  for (const n of realNames) assert.ok(!meetingText.includes(n), `young person's real name on the page in presentation mode: ${n}`);
  await screenshot(page, 'chart-present-meeting');
  await page.keyboard.press('Escape');
  await present.waitFor({ state: 'detached' });

  // Named views: a second, empty view; undo and redo cover it.
  page.once('dialog', (d) => void d.accept('Taxi firm'));
  await page.locator('summary', { hasText: 'Views' }).click();
  await page.getByRole('button', { name: 'New view' }).click();
  const views = page.getByLabel('Chart view');
  await page.waitForFunction(() => document.querySelectorAll('select[aria-label="Chart view"] option').length === 3);
  assert.equal(await views.locator('option:checked').textContent(), 'Taxi firm');
  await page.getByRole('button', { name: 'Undo chart edit' }).click();
  await page.waitForFunction(() => document.querySelectorAll('select[aria-label="Chart view"] option').length === 2);
  await page.getByRole('button', { name: 'Redo chart edit' }).click();
  await page.waitForFunction(() => document.querySelectorAll('select[aria-label="Chart view"] option').length === 3);
  assert.deepEqual(browser.foreignRequests(), []);
  assert.deepEqual(browser.pageErrors(), []);
});

test('groups, pins, the keyboard, and one selection shared with the entity table', { timeout: 180_000 }, async () => {
  const { page } = browser;
  await page.getByLabel('Chart view').selectOption({ label: 'Main wall' });
  await page.locator('.cy-host[data-layout="done"]').waitFor();
  const cyState = () =>
    page.evaluate(() => {
      const cy = window.__linkwallBench.cy;
      return {
        groups: cy.nodes('[?isGroup]').map((n) => ({ id: n.id(), collapsed: !!n.data('collapsed'), children: n.children().length })),
        locked: cy.nodes().filter((n) => n.locked()).map((n) => n.id()),
        nodes: cy.nodes().length,
        selected: cy.$('node:selected').map((n) => n.id()),
      };
    });
  const list = page.getByRole('list', { name: 'Entities on the chart' });
  if (!(await list.isVisible())) await page.getByText(/^Entities on the chart/).click();
  await list.getByRole('listitem').first().waitFor();
  const buttons = list.getByRole('button');
  const first = (await buttons.nth(2).textContent()).trim();
  await buttons.nth(2).click();
  await buttons.nth(3).click({ modifiers: ['Shift'] });
  await buttons.nth(4).click({ modifiers: ['Shift'] });
  page.once('dialog', (d) => void d.accept('Around the takeaway'));
  await page.getByRole('button', { name: 'Group…' }).click();
  await page.waitForFunction(() => window.__linkwallBench.cy.nodes('[?isGroup]').length === 1);
  let s = await cyState();
  assert.deepEqual(s.groups.map((g) => [g.collapsed, g.children]), [[false, 3]]);
  const open = s.nodes;
  await page.getByRole('button', { name: 'Collapse group' }).click();
  await page.waitForFunction(() => window.__linkwallBench.cy.nodes('[?collapsed]').length === 1);
  s = await cyState();
  assert.equal(s.nodes, open - 3, 'the three members are drawn as one box');
  await screenshot(page, 'chart-group-collapsed');
  await page.getByRole('button', { name: 'Undo chart edit' }).click();
  await page.waitForFunction(() => window.__linkwallBench.cy.nodes('[?collapsed]').length === 0);

  // Pin: a pinned entity is locked (layouts and stray drags leave it).
  await buttons.nth(5).click();
  await page.getByRole('button', { name: 'Pin', exact: true }).click();
  await page.waitForFunction(() => window.__linkwallBench.cy.nodes().filter((n) => n.locked()).length === 1);
  await page.getByRole('button', { name: 'Lay out', exact: true }).click();
  await page.locator('.cy-host[data-layout="done"]').waitFor();
  assert.equal((await cyState()).locked.length, 1);

  // The keyboard: N selects the next entity on the chart; Escape clears.
  await page.locator('.cy-host').focus();
  await page.keyboard.press('n');
  assert.equal((await cyState()).selected.length, 1);
  await page.keyboard.press('Escape');
  assert.equal((await cyState()).selected.length, 0);

  // Selecting on the chart selects in the table and the detail panel.
  await list.getByRole('button', { name: first }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Entities' }).click();
  await page.locator('#detail-title', { hasText: first.replace(/\s*\(.*$/, '') }).waitFor();
  assert.equal(await page.locator('[role="row"][aria-selected="true"]').count(), 1);
  // ...and the reverse: Ctrl-click a second person in the table; the chart shows both selected.
  await page.getByLabel('Search entities').fill('Dazza');
  await page.locator('[role="row"]', { hasText: 'Darren Smith' }).first().click({ modifiers: ['Control'] });
  await page.getByRole('heading', { name: '2 selected' }).waitFor();
  await page.getByRole('button', { name: /Compare and merge these two/ }).click();
  await page.getByRole('dialog', { name: /Compare two people/ }).waitFor();
  await screenshot(page, 'entities-compare-selected');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Chart' }).click();
  await page.locator('.cy-host[data-layout="done"]').waitFor();
  await page.waitForFunction(() => window.__linkwallBench.cy.$('node:selected').length >= 1);
  assert.deepEqual(browser.pageErrors(), []);
});
