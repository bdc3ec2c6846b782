// Entities at scale (issue 2): store 100,000 entities; search-as-you-type latency per keystroke over
// them; time from navigation to an interactive Entities table.
import { longestTask, setUser, watchLongTasks } from '../tests/e2e/harness.mjs';

export const name = 'entities';
const COUNT = 100_000;

function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

/** @param {{ page: import('playwright-core').Page, url: string, log: Function }} ctx */
export async function run({ page, url, log }) {
  await page.goto(url);
  await setUser(page, 'Bench Analyst', { waitMs: 10_000 });
  await page.waitForFunction(() => !!window.__linkwallBench, null, { timeout: 30_000 });

  const stored = await page.evaluate((n) => window.__linkwallBench.storeSynthetic(n), COUNT);
  log('entities.generate_100k', stored.generateMs / 1000, 's', 'informational');
  log('entities.store_100k', stored.storeMs / 1000, 's', 10);

  // Keystroke by keystroke, as an analyst types: every prefix of each query.
  const queries = ['dazza', 'darren smyth', 'barraclough', 'kx19 ab', '07700 900123', 'kb1 4', 'mohammed khan', 'sarah'];
  const keystrokes = queries.flatMap((q) => [...q].map((_, i) => q.slice(0, i + 1)));
  const engine = await page.evaluate(({ id, ks }) => window.__linkwallBench.searchLatency(id, ks), { id: stored.workspaceId, ks: keystrokes });
  log('search.index_build_100k', engine.buildMs, 'ms', 'informational');
  log('search.keystrokes', engine.times.length, '', 'informational');
  log('search.median_per_key', percentile(engine.times, 50), 'ms', 'informational');
  log('search.p95_per_key', percentile(engine.times, 95), 'ms', 50);
  log('search.max_per_key', Math.max(...engine.times), 'ms', 'informational');

  // Long main-thread tasks while the workspace opens (the table must stay usable while the rest loads).
  await watchLongTasks(page);
  // The table: from navigation to a rendered, focusable first row.
  const target = `${url}#/w/${encodeURIComponent(stored.workspaceId)}/entities`;
  await page.goto('about:blank');
  const t0 = Date.now();
  await page.goto(target, { waitUntil: 'commit' });
  await page.locator('[role="grid"] [role="row"][aria-rowindex="2"]').waitFor({ timeout: 60_000 });
  const wall = (Date.now() - t0) / 1000;
  const inPage = (await page.evaluate(() => performance.now())) / 1000;
  log('table.interactive_100k', inPage, 's', 1.5);
  log('table.wall_incl_browser', wall, 's', 'informational');
  // Scroll responsiveness: jump to the end of the list and wait for the last row.
  const s0 = Date.now();
  await page.locator('[role="grid"] .tbody').focus();
  await page.keyboard.press('End');
  await page.locator(`[role="grid"] [role="row"][aria-rowindex="${COUNT + 1}"]`).waitFor({ timeout: 30_000 });
  log('table.jump_to_end', Date.now() - s0, 'ms', 'informational');
  await page.waitForFunction(() => document.querySelector('#result-count')?.getAttribute('data-ready') === 'true', null, { timeout: 60_000 });
    log('open.longest_task_100k', await longestTask(page), 'ms', 'informational (until search ready)');

  // Search through the real UI: type into the search box, keystroke by keystroke, and wait until the
  // table shows the results for what has been typed (includes React rendering and the CDP round trip).
  await page.waitForFunction(() => document.querySelector('#result-count')?.getAttribute('data-ready') === 'true', null, { timeout: 60_000 });
  const box = page.getByRole('searchbox', { name: 'Search entities' });
  await box.click();
  const uiTimes = [];
  let typed = '';
  for (const ch of 'darren smyth') {
    typed += ch;
    const k0 = Date.now();
    await box.press(ch === ' ' ? 'Space' : ch);
    await page.waitForFunction((q) => document.querySelector('#result-count')?.getAttribute('data-query') === q, typed, { timeout: 10_000, polling: 'raf' });
    uiTimes.push(Date.now() - k0);
  }
  log('search.ui_median_per_key', percentile(uiTimes, 50), 'ms', 'informational (incl. render + CDP)');
  log('search.ui_p95_per_key', percentile(uiTimes, 95), 'ms', 'informational (incl. render + CDP)');

  // Opening without the stored table snapshot (first open after it was dropped): reads every record.
  await page.evaluate((id) => window.__linkwallBench.dropRowCache(id), stored.workspaceId);
  await page.goto('about:blank');
  await page.goto(target, { waitUntil: 'commit' });
  await page.locator('[role="grid"] [role="row"][aria-rowindex="2"]').waitFor({ timeout: 60_000 });
  log('table.interactive_100k_no_snapshot', (await page.evaluate(() => performance.now())) / 1000, 's', 'informational');
}
