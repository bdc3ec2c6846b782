// Startup: time from navigation to the first screen (on an empty origin: the one-time "Your name" prompt),
// then, once the name is given, from a reload to the "Load demo workspace" button.
import { setUser } from '../tests/e2e/harness.mjs';

export const name = 'startup';

/** @param {{ page: import('playwright-core').Page, url: string, log: Function }} ctx */
export async function run({ page, url, log }) {
  const t0 = performance.now();
  await page.goto(url, { waitUntil: 'commit' });
  await page.getByLabel('Your name').waitFor({ state: 'visible', timeout: 60_000 });
  log('startup.cold_to_first_screen', (performance.now() - t0) / 1000, 's', 5);
  log('startup.cold_in_page', (await page.evaluate(() => performance.now())) / 1000, 's', 'page clock');
  await setUser(page, 'Bench Analyst', { waitMs: 10_000 });
  const t1 = performance.now();
  await page.reload({ waitUntil: 'commit' });
  await page.getByRole('button', { name: 'Load demo workspace' }).waitFor({ state: 'visible', timeout: 60_000 });
  log('startup.reload_to_button', (performance.now() - t1) / 1000, 's', 3);
}
