// The hot-spot map (issue 6) in a real browser, with no network: the demo map, placing by postcode
// district and by an imported postcode file, a police.uk import shown as a heat layer, selection shared
// with the table and the chart, exports (GeoJSON, KML, PNG), and proof that no request leaves 127.0.0.1.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openApp, screenshot, ROOT } from './harness.mjs';

const SHARED = [process.env.LINKWALL_SHARED, path.resolve(ROOT, '../shared'), '/work/shared'].filter(Boolean).find((d) => existsSync(path.join(d, 'data')));

let server;
let browser;
let realNames = [];

before(async () => {
  ({ server, browser } = await openApp({ demo: true }));
  const { page } = browser;
  await page.getByLabel('Role', { exact: true }).selectOption('young-person-at-risk');
  await page.waitForTimeout(300);
  realNames = (await page.locator('[role="grid"] .tbody [role="row"] .c-label').allTextContents()).map((t) => t.replace(/\s*\(".*"\)$/, '').replace(/"/g, '').trim()).filter(Boolean);
  await page.getByLabel('Role', { exact: true }).selectOption('');
}, { timeout: 120_000 });

after(async () => {
  await browser?.close();
  await server?.close();
});

const nav = (name) => browser.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();

async function openMap() {
  const { page } = browser;
  await nav('Map');
  await page.locator('.leaflet-container').waitFor();
  await page.locator('[data-testid="map-counts"]').waitFor();
}

async function exportFile(label) {
  const { page } = browser;
  await page.locator('summary', { hasText: 'Export' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: label }).click()]);
  await page.keyboard.press('Escape');
  return readFileSync(await download.path());
}

async function addAddress(lines, postcode) {
  const { page } = browser;
  await nav('Entities');
  await page.getByRole('button', { name: 'New address' }).click();
  const dialog = page.getByRole('dialog', { name: 'New address' });
  await dialog.getByLabel('Address lines').fill(lines.join('\n'));
  await dialog.getByLabel('Postcode').fill(postcode);
  await dialog.getByRole('searchbox', { name: 'Find intelligence item' }).fill('NP');
  await dialog.getByRole('button', { name: /^Cite / }).first().click();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'detached' });
}

const featureOf = (geojson, startsWith) => geojson.features.find((f) => f.properties.label.startsWith(startsWith));

test('the demo map: offline basemap, markers, pseudonyms, selection shared with the table and the chart', { timeout: 180_000 }, async () => {
  const { page } = browser;
  // Selected in the table: selected on the map.
  await page.getByLabel('Search entities').fill('Kelbridge Kebabs');
  await page.locator('[role="row"]', { hasText: 'Kelbridge Kebabs' }).first().click();
  await openMap();
  const counts = await page.locator('[data-testid="map-counts"]').textContent();
  const places = Number(/(\d+) places/.exec(counts)?.[1]);
  assert.ok(places > 50, counts);
  const pressed = page.locator('.leaflet-marker-icon[aria-pressed="true"]');
  await pressed.first().waitFor();
  assert.match(await pressed.first().getAttribute('aria-label'), /^Kelbridge Kebabs, Business/);
  await page.waitForTimeout(500);
  await screenshot(page, 'map-demo');
  // Young people by pseudonym: no real name on the map, in its labels or in any marker's name.
  const text = await page.evaluate(() => {
    const map = document.querySelector('.leaflet-container');
    return map.innerText + [...map.querySelectorAll('[aria-label]')].map((e) => e.getAttribute('aria-label')).join('\n');
  });
  for (const n of realNames) assert.ok(!text.includes(n), `young person's real name on the map page: ${n}`);

  // Selected on the map: selected on the chart (or offered to add when not on the view).
  await page.evaluate(() => void window.__linkwallBench.map.setZoom(16, { animate: false }));
  const marker = page.locator('.leaflet-marker-icon[aria-pressed="false"][aria-label*=", Address"]').first();
  await marker.waitFor();
  const id = await marker.getAttribute('data-id');
  await marker.click();
  await page.locator(`.leaflet-marker-icon[data-id="${id}"][aria-pressed="true"]`).waitFor();
  await nav('Chart');
  await page.locator('.cy-host[data-layout="done"]').waitFor({ timeout: 60_000 });
  const onChart = await page.evaluate((x) => window.__linkwallBench.cy.getElementById(x).nonempty(), id);
  if (onChart) await page.waitForFunction((x) => window.__linkwallBench.cy.$('node:selected').map((n) => n.id()).includes(x), id);
  else await page.getByText('Selected in the table, not on this view.').waitFor();
  assert.deepEqual(browser.foreignRequests(), []);
});

test('places are placed by postcode district, and by full postcode after a postcode file is imported', { timeout: 180_000 }, async () => {
  const { page } = browser;
  assert.ok(SHARED, 'the shared data folder (../shared) is needed for this test');
  await addAddress(['1 Park Row', 'Leeds'], 'LS1 5HD');
  // A postcode file: the first 3,000 London postcodes of the shared file (WGS84 latitude / longitude).
  const london = readFileSync(path.join(SHARED, 'data/geo/london-postcodes-2014-08-wgs84.csv'), 'utf8').split('\n');
  const dir = mkdtempSync(path.join(tmpdir(), 'linkwall-postcodes-'));
  const file = path.join(dir, 'london-postcodes-sample.csv');
  writeFileSync(file, london.slice(0, 3001).join('\n'));
  const [postcode, lat, lng] = london[1500].split(',');
  await addAddress(['Flat 2, 10 Test Road', 'London'], postcode);
  await openMap();
  await page.locator('summary', { hasText: 'Basemap' }).click();
  await page.getByLabel('Postcode file').setInputFiles(file);
  await page.getByText(/Imported 3,000 postcodes/).waitFor({ timeout: 60_000 });
  await page.keyboard.press('Escape');
  const geo = JSON.parse((await exportFile('Export GeoJSON')).toString('utf8'));
  assert.equal(geo.marking, 'OFFICIAL-SENSITIVE');
  const leeds = featureOf(geo, '1 Park Row');
  assert.equal(leeds?.properties.precision, 'district', 'placed at the LS1 district centre');
  const flat = featureOf(geo, 'Flat 2, 10 Test Road');
  assert.equal(flat?.properties.precision, 'postcode', 'placed by the imported full postcode');
  assert.ok(Math.abs(flat.geometry.coordinates[1] - Number(lat)) < 1e-4 && Math.abs(flat.geometry.coordinates[0] - Number(lng)) < 1e-4);
  // Exports generalise victim-side places and use pseudonyms.
  const exported = JSON.stringify(geo);
  for (const n of realNames) assert.ok(!exported.includes(n), `young person's real name in the GeoJSON: ${n}`);
  assert.ok(geo.features.some((f) => f.properties.generalised), 'victim-side places generalised to their district');
  const kml = (await exportFile('Export KML')).toString('utf8');
  assert.match(kml, /<kml xmlns="http:\/\/www.opengis.net\/kml\/2.2">/);
  assert.match(kml, /OFFICIAL-SENSITIVE/);
  for (const n of realNames) assert.ok(!kml.includes(n), `young person's real name in the KML: ${n}`);
  const png = await exportFile('Export PNG');
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  writeFileSync(path.join(ROOT, 'test-results/screenshots/map-export.png'), png);
  assert.deepEqual(browser.foreignRequests(), []);
});

test('a data.police.uk import shows as clustered crime events and a heat layer', { timeout: 180_000 }, async () => {
  const { page } = browser;
  await nav('Import');
  await page.getByLabel('Spreadsheet file').setInputFiles(path.join(SHARED, 'data/police-uk/2016-12-greater-manchester-street.PARTIAL-bolton.csv'));
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.getByRole('heading', { name: 'What the import will make' }).waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: /^Import \d/ }).click();
  await page.getByRole('heading', { name: /^Imported / }).waitFor({ timeout: 120_000 });
  await openMap();
  await page.waitForFunction(() => document.querySelector('.leaflet-container')?.getAttribute('data-events') === 'ready', null, { timeout: 60_000 });
  const counts = await page.locator('[data-testid="map-counts"]').textContent();
  assert.match(counts, /[\d,]+ of [\d,]+ crime events/);
  await page.getByLabel('Crime type').selectOption({ index: 1 });
  await page.waitForFunction(() => /of [\d,]+ crime events/.test(document.querySelector('[data-testid="map-counts"]')?.textContent ?? ''));
  // Over Bolton, clusters and the density of crime events.
  await page.evaluate(() => void window.__linkwallBench.map.setView([53.578, -2.43], 13, { animate: false }));
  await page.waitForFunction(() => Number(document.querySelector('.leaflet-container')?.getAttribute('data-event-clusters') ?? 0) > 0);
  await page.waitForTimeout(500);
  await screenshot(page, 'map-policeuk-heat');
  assert.ok((await page.locator('.leaflet-container canvas').count()) >= 2, 'basemap and heat canvases');
  assert.deepEqual(browser.foreignRequests(), []);
  assert.deepEqual(browser.pageErrors(), []);
});
