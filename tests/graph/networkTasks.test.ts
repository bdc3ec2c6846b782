// @vitest-environment node
/**
 * The worker's tasks (src/graph/networkTasks.ts) and the pool that runs them (src/graph/networkClient.ts,
 * with in-thread stand-ins for Web Workers): the searches split into parts and added up, eigenvector,
 * degree and Louvain give exactly what analyseNetworkSync and louvain give on the calling thread.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  analyseNetworkSync,
  buildGraph,
  louvain,
  MEASURES,
  NetworkAnalysisCancelled,
  randomNetwork,
  smallWorldNetwork,
  type EdgeInput,
  type Measure,
  type NetworkAnalysis,
} from '../../src/domain/network';
import { analyseInWorkers, inThreadWorker, NetworkWorkerPool, type TaskWorker } from '../../src/graph/networkClient';
import {
  assembleAnalysis,
  createNetworkTaskHandler,
  graphFromInput,
  packGraph,
  planTasks,
  resultTransferables,
  runNetworkTask,
  samePackedGraph,
  type NetworkTaskReply,
  type NetworkTaskRequest,
  type NetworkTaskResult,
} from '../../src/graph/networkTasks';

function loadFixture(name: string): { ids: string[]; edges: EdgeInput[] } {
  const lines = readFileSync(`tests/fixtures/networks/${name}.edges.csv`, 'utf8').trim().split(/\r?\n/).slice(1);
  const ids: string[] = [];
  const seen = new Set<string>();
  const edges: EdgeInput[] = [];
  for (const line of lines) {
    const [from = '', to = '', weight = ''] = line.split(',');
    for (const id of [from, to]) {
      if (seen.has(id)) continue;
      seen.add(id);
      ids.push(id);
    }
    edges.push({ from, to, weight: Number(weight) });
  }
  return { ids, edges };
}

/** Parallel links, a self-link, a link to an unknown id, a repeated id, an isolated node, two components. */
const awkward = {
  ids: ['a', 'b', 'c', 'd', 'b', 'e', 'f', 'g', 'h', 'lonely'],
  edges: [
    { from: 'a', to: 'b' },
    { from: 'b', to: 'a' },
    { from: 'b', to: 'c', date: '2024-01-02' },
    { from: 'c', to: 'c' },
    { from: 'c', to: 'd' },
    { from: 'd', to: 'a' },
    { from: 'd', to: 'nobody' },
    { from: 'e', to: 'f' },
    { from: 'f', to: 'g' },
    { from: 'g', to: 'h' },
    { from: 'h', to: 'e' },
    { from: 'e', to: 'g' },
  ] satisfies EdgeInput[],
};

const graphs: { name: string; ids: string[]; edges: EdgeInput[] }[] = [
  { name: 'random 400 / 1,600', ...randomNetwork(400, 1600, 7) },
  { name: 'small world 500, k 6', ...smallWorldNetwork(500, 6, 0.1, 3) },
  { name: 'LONDON_GANG (weighted fixture)', ...loadFixture('LONDON_GANG') },
  { name: 'morselli_siren (fixture)', ...loadFixture('morselli_siren') },
  { name: 'awkward', ...awkward },
];

/** The tasks of one analysis run through the worker's handler (as the worker does), results assembled. */
function runThroughHandler(ids: readonly string[], edges: readonly EdgeInput[], measures: readonly Measure[], parts: number, options: { weighted?: boolean } = {}) {
  const { ids: order, packed } = packGraph(ids, edges);
  const replies: { reply: NetworkTaskReply; transfer: ArrayBuffer[] }[] = [];
  const handle = createNetworkTaskHandler((reply, transfer) => replies.push({ reply, transfer }));
  const tasks = planTasks({ measures, groups: true, parts, weighted: options.weighted ?? false });
  tasks.forEach((task, i) => handle({ type: 'task', taskId: i + 1, graphKey: 1, task, ...(i === 0 ? { graph: packed } : {}) }));
  const done = replies.map((r) => r.reply).filter((r): r is Extract<NetworkTaskReply, { type: 'done' }> => r.type === 'done');
  expect(done.length, JSON.stringify(replies.filter((r) => r.reply.type === 'error'))).toBe(tasks.length);
  // Results come back in the worker's order; assemble them shuffled (workers finish in any order).
  const shuffled = [...done].reverse();
  return { order, replies, ...assembleAnalysis(order, measures, shuffled) };
}

function expectSameAnalysis(got: NetworkAnalysis, want: NetworkAnalysis, measures: readonly Measure[]): void {
  expect(got.ids).toEqual(want.ids);
  for (const m of MEASURES) {
    if (!measures.includes(m)) {
      expect(got[m]).toBeUndefined();
      continue;
    }
    const g = got[m];
    const w = want[m];
    expect(g, m).toBeDefined();
    expect(w, m).toBeDefined();
    if (!g || !w) continue;
    // Betweenness sums the parts in another order: equal to the last bits (relative 1e-12).
    let worst = 0;
    for (let i = 0; i < w.values.length; i++) {
      const a = g.values[i] as number;
      const b = w.values[i] as number;
      worst = Math.max(worst, Math.abs(a - b) / Math.max(1e-300, Math.abs(b)));
    }
    expect(worst, `${m}: worst relative difference`).toBeLessThan(1e-12);
    if (m !== 'betweenness') expect(Array.from(g.values), m).toEqual(Array.from(w.values));
    expect(Array.from(g.ranks), `${m} ranks`).toEqual(Array.from(w.ranks));
  }
  if (measures.includes('eigenvector')) {
    expect(got.eigenvector?.converged).toBe(want.eigenvector?.converged);
    expect(got.eigenvector?.iterations).toBe(want.eigenvector?.iterations);
  }
}

describe('packGraph and graphFromInput', () => {
  it.each(graphs)('$name: the packed graph is the graph buildGraph makes', ({ ids, edges }) => {
    const direct = buildGraph(ids, edges);
    const { ids: order, packed } = packGraph(ids, edges);
    expect(order).toEqual(direct.ids);
    const g = graphFromInput(packed);
    expect(g.n).toBe(direct.n);
    expect(g.m).toBe(direct.m);
    expect(Array.from(g.offsets)).toEqual(Array.from(direct.offsets));
    expect(Array.from(g.neighbours)).toEqual(Array.from(direct.neighbours));
    expect(Array.from(g.weights)).toEqual(Array.from(direct.weights));
    expect(Array.from(g.multiplicity)).toEqual(Array.from(direct.multiplicity));
    // The unpacked form builds the same graph too.
    expect(Array.from(graphFromInput({ nodeIds: ids, edges }).neighbours)).toEqual(Array.from(direct.neighbours));
  });

  it('drops links to unknown ids and repeated ids, keeps self-links for buildGraph to skip', () => {
    const { ids, packed } = packGraph(awkward.ids, awkward.edges);
    expect(ids).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'lonely']);
    expect(packed.n).toBe(9);
    expect(packed.from.length).toBe(awkward.edges.length - 1);
    expect(packed.from.buffer.byteLength).toBe(packed.from.length * 4); // trimmed: posts no spare bytes
    expect(packed.weight).toBeNull();
    expect(graphFromInput(packed).skipped.selfLinks).toBe(1);
  });

  it('rejects a bad weight as buildGraph does, and a packed link outside the nodes', () => {
    expect(() => packGraph(['a', 'b'], [{ from: 'a', to: 'b', weight: 0 }])).toThrow(RangeError);
    expect(() => graphFromInput({ n: 2, from: Int32Array.of(0), to: Int32Array.of(2), weight: null })).toThrow(RangeError);
  });

  it('samePackedGraph tells equal content from different content', () => {
    const a = packGraph(awkward.ids, awkward.edges);
    const b = packGraph([...awkward.ids], awkward.edges.map((e) => ({ ...e })));
    expect(samePackedGraph(a, b)).toBe(true);
    expect(samePackedGraph(a, packGraph(awkward.ids, awkward.edges.slice(1)))).toBe(false);
    expect(samePackedGraph(a, packGraph([...awkward.ids].reverse(), awkward.edges))).toBe(false);
    expect(samePackedGraph(a, packGraph(awkward.ids, awkward.edges.map((e) => ({ ...e, weight: 2 }))))).toBe(false);
  });
});

describe('tasks split and combined equal the single-threaded analysis', () => {
  describe.each(graphs)('$name', ({ ids, edges }) => {
    const graph = buildGraph(ids, edges);

    it.each([1, 2, 3, 8])('all four measures and Louvain, searches in %i part(s)', (parts) => {
      const { analysis, groups } = runThroughHandler(ids, edges, MEASURES, parts);
      expectSameAnalysis(analysis, analyseNetworkSync(graph), MEASURES);
      const want = louvain(graph, { seed: 1 });
      expect(groups).not.toBeNull();
      expect(Array.from(groups?.community ?? [])).toEqual(Array.from(want.community));
      expect(groups?.modularity).toBe(want.modularity);
      expect(groups?.count).toBe(want.count);
    });

    it('one measure at a time; closeness alone searches without betweenness', () => {
      for (const m of MEASURES) {
        const { analysis } = runThroughHandler(ids, edges, [m], 2);
        expectSameAnalysis(analysis, analyseNetworkSync(graph, { measures: [m] }), [m]);
      }
      expect(planTasks({ measures: ['closeness'], groups: false, parts: 2 })).toEqual([
        { kind: 'paths', part: 0, parts: 2, betweenness: false },
        { kind: 'paths', part: 1, parts: 2, betweenness: false },
      ]);
    });

    it('weighted degree (strength), eigenvector and Louvain', () => {
      const { analysis, groups } = runThroughHandler(ids, edges, ['degree', 'eigenvector'], 1, { weighted: true });
      expectSameAnalysis(analysis, analyseNetworkSync(graph, { measures: ['degree', 'eigenvector'], weighted: true }), ['degree', 'eigenvector']);
      expect(Array.from(groups?.community ?? [])).toEqual(Array.from(louvain(graph, { seed: 1, weighted: true }).community));
    });
  });

  it('double precision searches match analyseNetworkSync in double', () => {
    const { ids, edges } = graphs[1] as (typeof graphs)[number];
    const graph = buildGraph(ids, edges);
    const { ids: order, packed } = packGraph(ids, edges);
    const g = graphFromInput(packed);
    const tasks = planTasks({ measures: ['betweenness'], groups: false, parts: 3, precision: 'double' });
    const results = tasks.map((t) => ({ result: runNetworkTask(g, t) }));
    expectSameAnalysis(assembleAnalysis(order, ['betweenness'], results).analysis, analyseNetworkSync(graph, { measures: ['betweenness'], precision: 'double' }), ['betweenness']);
  });
});

describe('the worker message handler', () => {
  it('keeps the graph between tasks, transfers the result buffers, reports progress and errors', () => {
    const net = randomNetwork(300, 900, 1);
    const { packed } = packGraph(net.ids, net.edges);
    const replies: { reply: NetworkTaskReply; transfer: ArrayBuffer[] }[] = [];
    let clock = 0;
    const handle = createNetworkTaskHandler((reply, transfer) => replies.push({ reply, transfer }), { progressMs: 1, now: () => (clock += 1) });
    handle({ type: 'task', taskId: 1, graphKey: 5, graph: packed, task: { kind: 'paths', part: 0, parts: 2, betweenness: true } });
    handle({ type: 'task', taskId: 2, graphKey: 5, task: { kind: 'louvain', seed: 1 } });
    handle({ type: 'task', taskId: 3, graphKey: 6, task: { kind: 'degree' } });
    const byTask = (id: number) => replies.filter((r) => r.reply.taskId === id);
    expect(byTask(1).some((r) => r.reply.type === 'progress')).toBe(true);
    const done1 = byTask(1).find((r) => r.reply.type === 'done');
    expect(done1?.transfer.length).toBe(3);
    const result1 = done1?.reply.type === 'done' ? done1.reply.result : null;
    expect(result1?.kind).toBe('paths');
    if (result1?.kind === 'paths') expect(done1?.transfer).toContain(result1.sums.bc.buffer);
    expect(byTask(2).at(-1)?.reply.type).toBe('done');
    expect(byTask(2).at(-1)?.transfer.length).toBe(2);
    // A task on a graph the worker was not sent fails with a message, and the worker carries on.
    expect(byTask(3)).toEqual([{ reply: { type: 'error', taskId: 3, message: 'The worker does not hold graph 6.' }, transfer: [] }]);
  });

  it('lists every buffer of each result kind once', () => {
    const g = buildGraph(awkward.ids, awkward.edges);
    const kinds: NetworkTaskResult['kind'][] = [];
    for (const task of planTasks({ measures: MEASURES, groups: true, parts: 1 })) {
      const r = runNetworkTask(g, task);
      kinds.push(r.kind);
      const buffers = resultTransferables(r);
      expect(new Set(buffers).size).toBe(buffers.length);
      expect(buffers.length).toBe(r.kind === 'paths' ? 3 : 2);
    }
    expect(kinds).toEqual(['louvain', 'eigenvector', 'degree', 'paths']);
  });
});

/** In-thread workers that count what they are sent. */
function countingPool(size: number) {
  const requests: NetworkTaskRequest[] = [];
  const terminated: number[] = [];
  let made = 0;
  const pool = new NetworkWorkerPool({
    size,
    create: (): TaskWorker => {
      const id = made++;
      const inner = inThreadWorker();
      const tw: TaskWorker = {
        post: (req, transfer) => {
          requests.push(req);
          inner.post(req, transfer);
        },
        terminate: () => {
          terminated.push(id);
          inner.terminate();
        },
        onReply: null,
        onFailure: null,
      };
      inner.onReply = (r) => tw.onReply?.(r);
      return tw;
    },
  });
  return { pool, requests, terminated };
}

describe('analyseInWorkers (pool with in-thread workers)', () => {
  const { ids, edges } = smallWorldNetwork(600, 6, 0.1, 11);
  const graph = buildGraph(ids, edges);

  it('equals analyseNetworkSync and louvain, with progress up to 1', async () => {
    const { pool, requests } = countingPool(2);
    const progress: number[] = [];
    const r = await analyseInWorkers(ids, edges, { measures: MEASURES, groups: true, pool, onProgress: (p) => progress.push(p.fraction) });
    expectSameAnalysis(r.analysis, analyseNetworkSync(graph), MEASURES);
    expect(Array.from(r.groups?.community ?? [])).toEqual(Array.from(louvain(graph, { seed: 1 }).community));
    expect(r.workers).toBe(2);
    expect(r.ms).toBeGreaterThan(0);
    expect(progress.at(-1)).toBe(1);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    // 16 search parts (8 per worker), the quick tasks ahead of them; the graph sent once per worker.
    expect(requests.length).toBe(19);
    expect(requests.slice(0, 2).map((q) => q.task.kind)).toEqual(['louvain', 'eigenvector']);
    expect(requests.filter((q) => q.graph).length).toBe(2);
    pool.dispose();
  });

  it('reuses finished results on the same graph, even given as new arrays; closeness from the betweenness searches', async () => {
    const { pool, requests } = countingPool(2);
    const first = await analyseInWorkers(ids, edges, { measures: ['betweenness'], groups: false, pool });
    const sent = requests.length;
    const again = await analyseInWorkers([...ids], edges.map((e) => ({ ...e })), { measures: ['closeness', 'betweenness'], groups: false, pool });
    expect(requests.length).toBe(sent);
    expect(Array.from(again.analysis.betweenness?.values ?? [])).toEqual(Array.from(first.analysis.betweenness?.values ?? []));
    expectSameAnalysis(again.analysis, analyseNetworkSync(graph, { measures: ['closeness', 'betweenness'] }), ['betweenness', 'closeness']);
    // Groups on the same graph: only Louvain runs, on workers that already hold the graph.
    await analyseInWorkers(ids, edges, { measures: [], groups: true, pool });
    expect(requests.slice(sent).map((q) => q.task.kind)).toEqual(['louvain']);
    expect(requests.slice(sent).some((q) => q.graph)).toBe(false);
    // Another graph is sent again.
    const other = randomNetwork(200, 500, 2);
    await analyseInWorkers(other.ids, other.edges, { measures: ['degree'], groups: false, pool });
    expect(requests.at(-1)?.graph?.n).toBe(200);
    pool.dispose();
  });

  it('an abort rejects with NetworkAnalysisCancelled at once, drops queued tasks, and terminates busy workers when the next analysis needs them', async () => {
    const { pool, terminated } = countingPool(2);
    const ctrl = new AbortController();
    const stale = analyseInWorkers(ids, edges, { measures: MEASURES, groups: true, pool, signal: ctrl.signal });
    expect(pool.pending).toEqual({ queued: 17, running: 2, orphaned: 0 });
    ctrl.abort();
    await expect(stale).rejects.toBeInstanceOf(NetworkAnalysisCancelled);
    expect(pool.pending).toEqual({ queued: 0, running: 0, orphaned: 2 });
    expect(terminated).toEqual([]);
    // Another graph: the orphans' workers are terminated and replaced at once.
    const other = randomNetwork(300, 1200, 9);
    const fresh = analyseInWorkers(other.ids, other.edges, { measures: ['betweenness'], groups: false, pool });
    expect(terminated).toEqual([0, 1]);
    expect(pool.pending).toEqual({ queued: 8, running: 2, orphaned: 0 }); // 10 parts: 300 nodes are 10 batches of 32
    expectSameAnalysis((await fresh).analysis, analyseNetworkSync(buildGraph(other.ids, other.edges), { measures: ['betweenness'] }), ['betweenness']);
    expect(pool.started).toBe(4);
    // Already aborted: rejects at once, nothing queued.
    await expect(analyseInWorkers(ids, edges, { measures: MEASURES, groups: false, pool, signal: AbortSignal.abort() })).rejects.toBeInstanceOf(NetworkAnalysisCancelled);
    expect(pool.pending).toEqual({ queued: 0, running: 0, orphaned: 0 });
    pool.dispose();
  });

  it('the same analysis asked again (same content, new arrays) takes over the running tasks', async () => {
    const { pool, requests, terminated } = countingPool(2);
    const ctrl = new AbortController();
    const stale = analyseInWorkers(ids, edges, { measures: ['closeness'], groups: true, pool, signal: ctrl.signal });
    const posted = requests.length;
    ctrl.abort();
    await expect(stale).rejects.toBeInstanceOf(NetworkAnalysisCancelled);
    const again = await analyseInWorkers([...ids], edges.map((e) => ({ ...e })), { measures: ['closeness'], groups: true, pool });
    expect(terminated).toEqual([]);
    expect(requests.length).toBe(17); // louvain and 16 search parts, each posted once
    expect(posted).toBe(2);
    expectSameAnalysis(again.analysis, analyseNetworkSync(graph, { measures: ['closeness'] }), ['closeness']);
    expect(Array.from(again.groups?.community ?? [])).toEqual(Array.from(louvain(graph, { seed: 1 }).community));
    pool.dispose();
  });

  it('an abort of one analysis leaves another one on the pool to finish', async () => {
    const { pool } = countingPool(2);
    const ctrl = new AbortController();
    const measure = analyseInWorkers(ids, edges, { measures: ['closeness'], groups: false, pool, signal: ctrl.signal });
    const groups = analyseInWorkers(ids, edges, { measures: [], groups: true, pool });
    ctrl.abort();
    await expect(measure).rejects.toBeInstanceOf(NetworkAnalysisCancelled);
    expect(Array.from((await groups).groups?.community ?? [])).toEqual(Array.from(louvain(graph, { seed: 1 }).community));
    pool.dispose();
  });

  it('a failing worker fails the analysis with its message, and the pool recovers', async () => {
    let broken = true;
    const pool = new NetworkWorkerPool({
      size: 1,
      create: () => {
        if (!broken) return inThreadWorker();
        const tw: TaskWorker = { post: () => setTimeout(() => tw.onFailure?.('out of memory'), 0), terminate: () => undefined, onReply: null, onFailure: null };
        return tw;
      },
    });
    await expect(analyseInWorkers(ids, edges, { measures: ['degree', 'closeness'], groups: false, pool })).rejects.toThrow('out of memory');
    broken = false;
    const r = await analyseInWorkers(ids, edges, { measures: ['degree'], groups: false, pool });
    expect(Array.from(r.analysis.degree?.values ?? [])).toEqual(Array.from(analyseNetworkSync(graph, { measures: ['degree'] }).degree?.values ?? []));
    pool.dispose();
  });

  it('a task error (bad packed graph) rejects with the worker message', async () => {
    const pool = new NetworkWorkerPool({ size: 1, create: inThreadWorker });
    const handlerError = pool.submit(1, { n: 1, from: Int32Array.of(0), to: Int32Array.of(3), weight: null }, { kind: 'degree' });
    await expect(handlerError.promise).rejects.toThrow(/outside 0..0/);
    pool.dispose();
  });

  it('with no links and no nodes', async () => {
    const pool = new NetworkWorkerPool({ size: 2, create: inThreadWorker });
    const empty = await analyseInWorkers([], [], { measures: MEASURES, groups: true, pool });
    expect(empty.analysis.ids).toEqual([]);
    expect(empty.groups?.count).toBe(0);
    const lonely = await analyseInWorkers(['x', 'y'], [], { measures: MEASURES, groups: true, pool });
    expectSameAnalysis(lonely.analysis, analyseNetworkSync(buildGraph(['x', 'y'], [])), MEASURES);
    pool.dispose();
  });
});
