// Startup: time from navigation to the "Load demo workspace" button being visible (empty profile).

export const name = 'startup';

/** @param {{ page: import('playwright-core').Page, url: string, log: Function }} ctx */
export async function run({ page, url, log }) {
  const button = page.getByRole('button', { name: 'Load demo workspace' });

  const measure = async (navigate) => {
    const t0 = performance.now();
    await navigate();
    await button.waitFor({ state: 'visible', timeout: 60_000 });
    const wall = (performance.now() - t0) / 1000;
    // The same moment on the page's own clock (milliseconds since its navigation started).
    const inPage = (await page.evaluate(() => performance.now())) / 1000;
    return { wall, inPage };
  };

  const cold = await measure(() => page.goto(url, { waitUntil: 'commit' }));
  log('startup.cold_to_button', cold.wall, 's', 5);
  log('startup.cold_in_page', cold.inPage, 's', 'page clock, upper bound');

  const warm = await measure(() => page.reload({ waitUntil: 'commit' }));
  log('startup.reload_to_button', warm.wall, 's', 3);
}
