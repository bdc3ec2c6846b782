// Network analysis speed (src/domain/network), in Node: all four centralities and Louvain on seeded
// synthetic graphs of 10,000 nodes and 50,000 links, a uniform random graph and a clustered small world
// (Watts-Strogatz, k = 10, p = 0.1: police networks are clustered). Single-threaded, like one Web Worker.
//
//   npm run bench:network                    (tsx bench/network.mjs)
//   tsx bench/network.mjs --runs 3           best of 3 runs per figure (the machine may be shared)
//   tsx bench/network.mjs --workers 2        also the total with the searches split over 2 worker threads
//   BENCH_STRICT=1                           exit 1 when a single-threaded total misses its target
//
// Each measure is timed on its own; `total` is one run of what the app asks for: analyseNetwork with
// all four measures (betweenness and closeness share their searches) plus louvain. Target: total <= 5 s.
// With --workers N the searches run as N parts in worker threads (pathSteps part/parts, addPathSums),
// louvain on the main thread meanwhile; the workers are started and given the graph before timing
// (that start-up is printed apart).
import os from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
// Worker threads do not inherit tsx's loader: they load the TypeScript through tsx's API.
const network = isMainThread
  ? await import('../src/domain/network/index.ts')
  : await (await import('tsx/esm/api')).tsImport('../src/domain/network/index.ts', import.meta.url);
const {
  addPathSums,
  analyseNetworkSync,
  betweennessCentrality,
  buildGraph,
  closenessCentrality,
  degreeCentrality,
  eigenvectorCentrality,
  louvain,
  pathSteps,
  randomNetwork,
  smallWorldNetwork,
} = network;

const TARGET_S = 5;
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? Math.max(1, Math.floor(Number(args[i + 1])) || 1) : 1;
};
const RUNS = option('--runs');
const WORKERS = option('--workers');

// Worker thread: run its part of the searches on the graph it was given.
if (!isMainThread) {
  const graph = workerData;
  parentPort.on('message', ({ part, parts }) => {
    const steps = pathSteps(graph, { betweenness: true, part, parts });
    let r = steps.next();
    while (!r.done) r = steps.next();
    parentPort.postMessage(r.value, [r.value.bc.buffer, r.value.reached.buffer, r.value.distSum.buffer]);
  });
  parentPort.postMessage('ready');
}

/** Starts n workers holding the graph's adjacency; resolves when all are ready. */
async function startWorkers(g, n) {
  const data = { n: g.n, m: g.m, offsets: g.offsets, neighbours: g.neighbours };
  const workers = Array.from({ length: n }, () => new Worker(new URL(import.meta.url), { workerData: data}));
  await Promise.all(workers.map((w) => new Promise((resolve, reject) => (w.once('message', resolve), w.once('error', reject)))));
  return workers;
}

function runParts(workers) {
  return Promise.all(
    workers.map(
      (w, part) =>
        new Promise((resolve, reject) => {
          w.once('message', resolve);
          w.once('error', reject);
          w.postMessage({ part, parts: workers.length });
        }),
    ),
  );
}

if (isMainThread) {
  const lines = [];
  function log(label, value, unit, note = '') {
    lines.push([label, value, unit, note]);
    const text = typeof value === 'number' ? value.toFixed(value >= 100 ? 0 : 2) : String(value);
    console.log(`${label.padEnd(44)} ${text.padStart(7)} ${unit.padEnd(3)} ${note}`.trimEnd());
  }

  /** Best wall time (s) of RUNS runs of fn; returns [seconds, last result]. */
  function time(fn) {
    let best = Infinity;
    let result;
    for (let r = 0; r < RUNS; r++) {
      const t0 = performance.now();
      result = fn();
      best = Math.min(best, (performance.now() - t0) / 1000);
    }
    return [best, result];
  }

  const cpus = os.cpus();
  console.log(
    `node ${process.version}, ${os.availableParallelism?.() ?? cpus.length} cpus (${cpus[0]?.model?.trim() ?? 'unknown'}), ` +
      `load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}, ${RUNS === 1 ? '1 run' : `best of ${RUNS} runs`} per figure`,
  );

  // Warm the JIT on a small graph so the figures are steady-state code.
  {
    const w = randomNetwork(2000, 10000, 99);
    const g = buildGraph(w.ids, w.edges);
    analyseNetworkSync(g);
    louvain(g, { seed: 1 });
  }

  const graphs = [
    ['', 'uniform random G(n, m)', () => randomNetwork(10_000, 50_000, 2026)],
    ['smallworld.', 'Watts-Strogatz small world, k = 10, p = 0.1', () => smallWorldNetwork(10_000, 10, 0.1, 2026)],
  ];
  let missed = false;
  for (const [prefix, description, make] of graphs) {
    console.log(`\n${description}`);
    const net = make();
    const [buildS, g] = time(() => buildGraph(net.ids, net.edges));
    const tag = `${Math.round(g.n / 1000)}k_${Math.round(g.m / 1000)}k`;
    const target = `(target <= ${TARGET_S} s total)`;
    log(`network.${prefix}build_${tag}`, buildS, 's', '(informational)');
    log(`network.${prefix}degree_${tag}`, time(() => degreeCentrality(g))[0], 's', target);
    log(`network.${prefix}betweenness_${tag}`, time(() => betweennessCentrality(g))[0], 's', target);
    log(`network.${prefix}closeness_${tag}`, time(() => closenessCentrality(g))[0], 's', target);
    const [eigS, eig] = time(() => eigenvectorCentrality(g));
    log(`network.${prefix}eigenvector_${tag}`, eigS, 's', `${target} ${eig.iterations} iterations${eig.converged ? '' : ', not converged'}`);
    const [louS, lou] = time(() => louvain(g, { seed: 1 }));
    log(`network.${prefix}louvain_${tag}`, louS, 's', `${target} Q = ${lou.modularity.toFixed(4)}, ${lou.count} communities`);
    const [totalS] = time(() => {
      analyseNetworkSync(g);
      return louvain(g, { seed: 1 });
    });
    const ok = totalS <= TARGET_S;
    if (!ok) missed = true;
    log(`network.${prefix}total_${tag}`, totalS, 's', `(target <= ${TARGET_S} s) ${ok ? 'ok' : 'MISSED'}`);

    if (WORKERS > 1) {
      const t0 = performance.now();
      const workers = await startWorkers(g, WORKERS);
      log(`network.${prefix}worker_start_${WORKERS}`, (performance.now() - t0) / 1000, 's', '(informational: not in the total)');
      let best = Infinity;
      for (let r = 0; r < RUNS; r++) {
        const t1 = performance.now();
        const pending = runParts(workers);
        louvain(g, { seed: 1 });
        const sums = addPathSums(await pending);
        analyseNetworkSync(g, { pathSums: sums });
        best = Math.min(best, (performance.now() - t1) / 1000);
      }
      await Promise.all(workers.map((w) => w.terminate()));
      const okW = best <= TARGET_S;
      log(`network.${prefix}total_${tag}_${WORKERS}workers`, best, 's', `(target <= ${TARGET_S} s) ${okW ? 'ok' : 'MISSED'}`);
    }
  }

  if (process.env.BENCH_STRICT === '1' && missed) process.exitCode = 1;
}
