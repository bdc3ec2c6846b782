// Duplicate scan in the app (issue 4): a 100,000-entity workspace (60,000 people) re-scanned in the
// resolve worker, with the time to the stored queue and the longest main-thread task meanwhile.
import { longestTask, resetLongTasks, setUser, watchLongTasks } from '../tests/e2e/harness.mjs';

export const name = 'duplicates';
const COUNT = 100_000;

/** @param {{ page: import('playwright-core').Page, url: string, log: Function }} ctx */
export async function run({ page, url, log }) {
  await watchLongTasks(page);
  await page.goto(url);
  await setUser(page, 'Bench Analyst', { waitMs: 10_000 });
  await page.waitForFunction(() => !!window.__linkwallBench, null, { timeout: 30_000 });
  const stored = await page.evaluate((n) => window.__linkwallBench.storeSynthetic(n), COUNT);
  await page.goto(`${url}#/w/${encodeURIComponent(stored.workspaceId)}/entities`);
  await page.waitForFunction(() => document.querySelector('#result-count')?.getAttribute('data-ready') === 'true', null, { timeout: 120_000 });
  await resetLongTasks(page);
  const t0 = Date.now();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Duplicates' }).click();
  await page.getByRole('status').filter({ hasText: 'Scanning' }).waitFor({ timeout: 30_000 });
  let sawProgress = false;
  const poll = setInterval(async () => {
    const v = await page.locator('progress[aria-label="Scan progress"]').getAttribute('value').catch(() => null);
    if (v && Number(v) > 0) sawProgress = true;
  }, 500);
  await page.getByText(/^Last scan /).waitFor({ timeout: 600_000 });
  await page.getByRole('button', { name: 'Re-scan workspace' }).waitFor({ timeout: 600_000 });
  clearInterval(poll);
  const ms = Date.now() - t0;
    const toReview = await page.getByRole('radiogroup', { name: 'Show' }).innerText();
  log('duplicates.scan_100k_entities', ms / 1000, 's', 'informational (60,000 people, in the worker)');
  log('duplicates.progress_shown', sawProgress ? 'yes' : 'no', '', 'informational');
  log('duplicates.longest_main_task', await longestTask(page), 'ms', 'informational (page stays responsive)');
  log('duplicates.queue', toReview.replace(/\s+/g, ' '), '', 'informational');
}
