// The chart at scale (issue 5): a view of 5,000 entities and 15,000 links: first render and force layout
// (fcose in the layout worker), the longest main-thread task meanwhile, and pan/zoom frames per second
// measured with requestAnimationFrame while the mouse drags and wheels (canvas renderer; headless
// Chromium, software rendering).
import { dragAround, framesPerSecond, longestTask, resetLongTasks, setUser, watchLongTasks } from '../tests/e2e/harness.mjs';

export const name = 'chart';

/** @param {{ page: import('playwright-core').Page, url: string, log: Function }} ctx */
export async function run({ page, url, log }) {
  await watchLongTasks(page);
  await page.goto(url);
  await setUser(page, 'Bench Analyst', { waitMs: 10_000 });
  await page.waitForFunction(() => !!window.__linkwallBench, null, { timeout: 30_000 });
  const stored = await page.evaluate(() => window.__linkwallBench.storeSyntheticGraph(5000, 15000));
  await page.goto(`${url}#/w/${encodeURIComponent(stored.workspaceId)}/entities`);
  await page.waitForFunction(() => document.querySelector('#result-count')?.getAttribute('data-ready') === 'true', null, { timeout: 120_000 });
  await measure(page, 'chart', 'render_and_layout_5k_15k', 10, '>= 30');
  // Opening the chart again: positions are saved, nothing to lay out.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Entities' }).click();
  await measure(page, 'chart', 'reopen_5k_15k', 'informational', 'informational');
  // The same view drawn by Cytoscape's WebGL renderer (opt-in in the app). Headless Chromium here has no
  // GPU (SwiftShader): informational only, see the README.
  await page.evaluate(() => localStorage.setItem('linkwall.chart.webgl', '1'));
  await page.goto(`${url}#/w/${encodeURIComponent(stored.workspaceId)}/entities`);
  await page.waitForFunction(() => document.querySelector('#result-count')?.getAttribute('data-ready') === 'true', null, { timeout: 120_000 });
  await measure(page, 'chart.webgl', 'reopen_5k_15k', 'informational (software WebGL)', 'informational (software WebGL)');
  await page.evaluate(() => localStorage.removeItem('linkwall.chart.webgl'));

  async function measure(page, prefix, what, renderTarget, fpsTarget) {
  await resetLongTasks(page);
  const t0 = await page.evaluate(() => performance.now());
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Chart' }).click();
  await page.locator('.cy-host[data-layout="done"]').waitFor({ timeout: 180_000 });
  const t1 = await page.evaluate(() => performance.now());
  log(`${prefix}.${what}`, (t1 - t0) / 1000, 's', renderTarget);
  const layoutMs = await page.locator('.cy-host').getAttribute('data-layout-ms');
  if (layoutMs) log(`${prefix}.layout_in_worker`, Number(layoutMs) / 1000, 's', 'informational');
  log(`${prefix}.longest_task_${what}`, await longestTask(page), 'ms', 'informational (layout runs in a worker)');

  // Pan and zoom as a user does (mouse drags and wheel turns), counting the frames the page paints.
  const box = await page.locator('.cy-host').boundingBox();
  // A user pans by dragging the background (a drag that starts on an entity moves the entity): start on
  // an empty spot of the chart.
  const spot = await page.evaluate(() => {
    const cy = window.__linkwallBench.cy;
    const boxes = cy.nodes().map((n) => n.renderedBoundingBox());
    const w = cy.width();
    const h = cy.height();
    for (let gy = 0.5; gy < 0.95; gy += 0.05)
      for (const gx of [0.5, 0.45, 0.55, 0.4, 0.6, 0.35, 0.65, 0.3, 0.7, 0.25, 0.75, 0.2, 0.8]) {
        const x = gx * w;
        const y = gy * h;
        if (!boxes.some((b) => x >= b.x1 - 6 && x <= b.x2 + 6 && y >= b.y1 - 6 && y <= b.y2 + 6)) return { x, y };
      }
    return { x: 20, y: h / 2 };
  });
  const cx = box.x + spot.x;
  const cy0 = box.y + spot.y;
  const fps = await framesPerSecond(page, async () => {
    await dragAround(page, cx, cy0);
    for (let i = 0; i < 30; i++) await page.mouse.wheel(0, i % 10 < 5 ? -120 : 120);
  });
  log(`${prefix}.pan_zoom_fps_${what === 'render_and_layout_5k_15k' ? '5k' : `5k_${what.replace('_5k_15k', '')}`}`, fps, 'fps', fpsTarget);
  }
}
