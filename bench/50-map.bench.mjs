// The map at scale (issue 6): 50,000 street-level crime events with clustering and the heat layer. First
// render (from clicking Map to the clusters and heat drawn) and pan/zoom frames per second measured with
// requestAnimationFrame while the mouse drags and wheels (headless Chromium, software rendering).
import { dragAround, framesPerSecond, longestTask, resetLongTasks, setUser, watchLongTasks } from '../tests/e2e/harness.mjs';

export const name = 'map';

/** @param {{ page: import('playwright-core').Page, url: string, log: Function }} ctx */
export async function run({ page, url, log }) {
  await watchLongTasks(page);
  await page.goto(url);
  await setUser(page, 'Bench Analyst', { waitMs: 10_000 });
  await page.waitForFunction(() => !!window.__linkwallBench, null, { timeout: 30_000 });
  const stored = await page.evaluate(() => window.__linkwallBench.storeSyntheticEvents(50_000));
  log('map.store_50k_events', stored.storeMs / 1000, 's', 'informational');
  await page.goto(`${url}#/w/${encodeURIComponent(stored.workspaceId)}/entities`);
  await page.waitForFunction(() => document.querySelector('#result-count')?.getAttribute('data-ready') === 'true', null, { timeout: 120_000 });
  await resetLongTasks(page);
  const t0 = await page.evaluate(() => performance.now());
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Map' }).click();
  await page.waitForFunction(() => {
    const el = document.querySelector('.leaflet-container');
    return el?.getAttribute('data-events') === 'ready' && Number(el.getAttribute('data-events-drawn') ?? 0) > 0 && Number(el.getAttribute('data-event-clusters') ?? 0) > 0;
  }, null, { timeout: 120_000 });
  // The heat layer is drawn in the same frame as the clusters; wait for that frame.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const t1 = await page.evaluate(() => performance.now());
  log('map.first_render_50k_events', (t1 - t0) / 1000, 's', 2);
  log('map.longest_task_first_render', await longestTask(page), 'ms', 'informational');
  const clusters = await page.locator('.leaflet-container').getAttribute('data-event-clusters');
  log('map.event_clusters_drawn', Number(clusters), '', 'informational (DOM markers instead of 50,000)');

  // Pan and zoom where the events are dense (central London at street-district zoom): many clusters and dots.
  await page.evaluate(() => void window.__linkwallBench.map.setView([51.505, -0.1], 13, { animate: false }));
  await page.waitForFunction(() => Number(document.querySelector('.leaflet-container')?.getAttribute('data-event-clusters') ?? 0) > 10, null, { timeout: 30_000 });
  log('map.event_clusters_at_zoom_13', Number(await page.locator('.leaflet-container').getAttribute('data-event-clusters')), '', 'informational');
  const box = await page.locator('.leaflet-container').boundingBox();
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const panFps = await framesPerSecond(page, () => dragAround(page, cx, cy));
  const zoomFps = await framesPerSecond(page, async () => {
    for (let i = 0; i < 12; i++) {
      await page.mouse.wheel(0, i % 6 < 3 ? -200 : 200);
      await page.waitForTimeout(120);
    }
  });
  log('map.pan_fps_50k', panFps, 'fps', '>= 30');
  log('map.zoom_fps_50k', zoomFps, 'fps', '>= 30');
}
