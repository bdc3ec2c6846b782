// Network analysis in the app (issue target: degree, betweenness, closeness and eigenvector centrality
// and Louvain groups on 10,000 nodes and 50,000 links <= 5 s, the page responsive): the chart's analysis
// (src/graph/networkClient.ts, the path searches split over the worker pool, Louvain and eigenvector
// overlapping) on seeded synthetic networks, a uniform random graph and a clustered small world
// (Watts-Strogatz, k = 10, p = 0.1), through window.__linkwallBench.analyseSyntheticNetwork. The workers
// are started before each figure, as the chart's analysis panel does when the chart opens; each figure
// is from the call to the finished result (packing the graph, sending it, building it in each worker,
// the searches, Louvain, eigenvector, degree, and normalising and ranking on the main thread).
//
// The longest main-thread task is watched as in tests/e2e/harness.mjs (watchLongTasks / longestTask), but
// with each task's start time, so that only tasks during the analysis count: the hook generates the
// network on the main thread first, which is not part of the analysis.
import { setUser } from '../tests/e2e/harness.mjs';

export const name = 'network';
const TARGET_S = 5;

/** @param {{ page: import('playwright-core').Page, url: string, log: Function }} ctx */
export async function run({ page, url, log }) {
  await page.addInitScript(() => {
    window.__timedLongTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__timedLongTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(url);
  await setUser(page, 'Bench Analyst', { waitMs: 10_000 });
  await page.waitForFunction(() => !!window.__linkwallBench?.analyseSyntheticNetwork, null, { timeout: 30_000 });

  let longest = 0;
  for (const kind of ['random', 'smallworld']) {
    const r = await page.evaluate((k) => window.__linkwallBench.analyseSyntheticNetwork(k, 10_000, 50_000), kind);
    const tag = `${Math.round(r.n / 1000)}k_${Math.round(r.m / 1000)}k`;
    log(`network.analysis_${tag}_${kind}`, r.ms / 1000, 's', TARGET_S);
    log(
      `network.${kind}_detail`,
      `${r.workers} workers, searches ${(r.searchMs / 1000).toFixed(2)} s of worker time, ${r.groups} groups, Q = ${r.modularity.toFixed(3)}`,
      '',
      'informational',
    );
    const during = await page.evaluate(
      ([from, to]) => (window.__timedLongTasks ?? []).filter((t) => t.start < to && t.start + t.duration > from).map((t) => t.duration),
      [r.startedAt, r.endedAt],
    );
    longest = Math.max(longest, ...during);
  }
  log('network.longest_main_task', longest, 'ms', 'informational (0: no task over 50 ms during the analyses)');
}
