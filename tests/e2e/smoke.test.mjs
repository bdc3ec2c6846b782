// Smoke test: the built app loads in headless Chromium, shows its start screen, talks to no other host
// and raises no errors. Run with `npm run test:e2e` (builds first).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, screenshot, assertOnlyLocal, setUser, STEP_TIMEOUT_MS } from './harness.mjs';

/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;
/** @type {Awaited<ReturnType<typeof launchBrowser>>} */
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
}, { timeout: 90_000 });

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the app opens on its start screen, offline and without errors', { timeout: 120_000 }, async () => {
  const { page } = browser;
  await page.goto(server.url, { waitUntil: 'load', timeout: STEP_TIMEOUT_MS });

  await assert.doesNotReject(
    page.waitForFunction("document.title === 'Linkwall'", undefined, { timeout: STEP_TIMEOUT_MS }),
    'document title should be "Linkwall"',
  );
  assert.equal(await page.title(), 'Linkwall');

  // First use in a browser asks once for the analyst's name (recorded in the audit log).
  await page.getByLabel('Your name').waitFor({ timeout: STEP_TIMEOUT_MS });
  await screenshot(page, 'smoke-user-name');
  assert.equal(await setUser(page, 'Smoke Tester'), true);

  const loadDemo = page.getByRole('button', { name: 'Load demo workspace' });
  await loadDemo.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  assert.equal(await loadDemo.isVisible(), true);

  await screenshot(page, 'smoke-home');

  assertOnlyLocal(browser.requests());
  assert.deepEqual(browser.foreignRequests(), []);
  assert.deepEqual(browser.pageErrors(), []);
});
