/**
 * The chart's network analysis off the page's main thread: a small pool of Web Workers
 * (src/workers/network.worker.ts, `Math.min(2, navigator.hardwareConcurrency || 2)` of them, started on
 * first use or by `networkPool().warm()`, which the analysis panel calls when the chart opens, and kept
 * alive between analyses) runs the tasks of networkTasks.ts.
 *
 *   analyseInWorkers(nodeIds, edges, { measures, groups, signal?, onProgress? })
 *     -> Promise<{ analysis: NetworkAnalysis, groups: LouvainResult | null, ms, workers }>
 *
 * - The breadth-first searches behind betweenness and closeness (about 90 % of the work) are split into
 *   8 parts per worker, taken by whichever worker is free, and added up here (the same sums as
 *   analyseNetworkSync: tests/graph/networkTasks.test.ts). Louvain, eigenvector and degree are queued
 *   ahead of the search parts, so they overlap with the searches on the other worker.
 * - Each worker is sent the graph (packed: two Int32Arrays of node indexes) with its first task on it and
 *   keeps it; a graph equal to the last one (same ids and links, even as new arrays) is not sent again,
 *   and its finished task results are reused (switching between betweenness and closeness, or turning
 *   groups on, does not search again).
 * - `signal` aborts: the promise rejects with NetworkAnalysisCancelled at once, queued tasks are dropped,
 *   and a worker still busy with one of the analysis's tasks is terminated as soon as another task needs
 *   it (a fresh one starts), so a stale analysis never holds up the next one; its result is ignored. If
 *   the same task on the same graph is asked for first (the view was rebuilt with the same entities and
 *   links), the running task is taken over instead of started again.
 * - Where there is no Worker (Node, jsdom tests) the same tasks run on the calling thread, one per
 *   macrotask.
 *
 * The main thread only packs the graph (a few ms for 50,000 links) and finishes the sums (normalising and
 * ranking: a few ms), so the page stays responsive.
 */
import { NetworkAnalysisCancelled, type EdgeInput, type LouvainResult, type Measure, type NetworkAnalysis, type PathPrecision } from '../domain/network';
import {
  assembleAnalysis,
  createNetworkTaskHandler,
  packGraph,
  planTasks,
  samePackedGraph,
  taskWork,
  type NetworkTask,
  type NetworkTaskReply,
  type NetworkTaskRequest,
  type NetworkTaskResult,
  type PackedGraph,
} from './networkTasks';

export interface AnalysisProgress {
  /** Overall fraction done, 0..1 (by estimated work). */
  fraction: number;
}

export interface AnalyseInWorkersOptions {
  /** Centralities to compute (any of degree, betweenness, closeness, eigenvector). */
  measures: readonly Measure[];
  /** Also Louvain communities (seed 1 unless `seed`). */
  groups: boolean;
  signal?: AbortSignal;
  onProgress?: (p: AnalysisProgress) => void;
  /** As analyseNetwork: degree becomes strength, eigenvector and Louvain use link weights. Default false. */
  weighted?: boolean;
  precision?: PathPrecision;
  seed?: number;
  /** Another pool than the shared one (tests). */
  pool?: NetworkWorkerPool;
}

export interface WorkerAnalysis {
  /** As analyseNetworkSync's (ms per measure: the workers' compute time, search parts added up). */
  analysis: NetworkAnalysis;
  groups: LouvainResult | null;
  /** Wall-clock milliseconds from the call to the result. */
  ms: number;
  /** Workers in the pool. */
  workers: number;
}

// ------------------------------------------------------------------------------------------ the pool

/** What the pool needs of a worker (a Web Worker through `browserWorker`, or an in-thread stand-in). */
export interface TaskWorker {
  post(request: NetworkTaskRequest, transfer: Transferable[]): void;
  terminate(): void;
  onReply: ((reply: NetworkTaskReply) => void) | null;
  /** The worker itself failed (did not load, ran out of memory...): its running task fails. */
  onFailure: ((message: string) => void) | null;
}

export interface TaskOutcome {
  result: NetworkTaskResult;
  ms: number;
}

interface Queued {
  taskId: number;
  graphKey: number;
  packed: PackedGraph;
  task: NetworkTask;
  /** JSON of the task, to recognise the same task asked again. */
  signature: string;
  onProgress: (fraction: number) => void;
  resolve: (outcome: TaskOutcome) => void;
  reject: (err: unknown) => void;
  /** Cancelled while running: nobody waits for it; its worker is terminated as soon as it is needed. */
  orphan: boolean;
}

interface Slot {
  worker: TaskWorker;
  graphKey: number | null;
  running: Queued | null;
}

/** A Web Worker running network.worker.ts. */
export function browserWorker(): TaskWorker {
  const w = new Worker(new URL('../workers/network.worker.ts', import.meta.url), { type: 'module' });
  const tw: TaskWorker = {
    post: (request, transfer) => w.postMessage(request, transfer),
    terminate: () => w.terminate(),
    onReply: null,
    onFailure: null,
  };
  w.onmessage = (ev: MessageEvent<NetworkTaskReply>) => tw.onReply?.(ev.data);
  w.onerror = (ev: ErrorEvent) => {
    ev.preventDefault();
    tw.onFailure?.(ev.message || 'The network analysis worker failed.');
  };
  w.onmessageerror = () => tw.onFailure?.('The network analysis worker sent a message that could not be read.');
  return tw;
}

/** The worker's handler on the calling thread, one task per macrotask (where there is no Worker). */
export function inThreadWorker(): TaskWorker {
  let alive = true;
  const tw: TaskWorker = {
    post: (request) => {
      setTimeout(() => {
        if (alive) handle(request);
      }, 0);
    },
    terminate: () => {
      alive = false;
    },
    onReply: null,
    onFailure: null,
  };
  const handle = createNetworkTaskHandler((reply) => {
    if (alive) tw.onReply?.(reply);
  });
  return tw;
}

/** The default pool size: two workers, or one on a single-core machine. */
export function defaultPoolSize(): number {
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency : 0;
  return Math.max(1, Math.min(2, cores || 2));
}

const noProgress = (): void => undefined;

/**
 * Workers, each running one task at a time, taking queued tasks in order (quick tasks are queued ahead
 * of path-search parts). Workers start on first need and stay until `dispose`.
 *
 * A cancelled task that is running is *orphaned*: its caller is told at once (NetworkAnalysisCancelled)
 * and its result will be ignored; its worker is terminated (and replaced) as soon as another task needs
 * one. Until then the same task on the same graph, asked again, takes the orphan over instead of starting
 * again: a view rebuilt with the same entities and links while the analysis runs loses nothing.
 */
export class NetworkWorkerPool {
  readonly size: number;
  private readonly create: () => TaskWorker;
  private readonly slots: (Slot | null)[];
  private queue: Queued[] = [];
  private nextTaskId = 1;
  /** Workers started so far (tests, diagnostics). */
  started = 0;

  constructor(options: { size?: number; create?: () => TaskWorker } = {}) {
    this.size = Math.max(1, Math.floor(options.size ?? defaultPoolSize()));
    this.create = options.create ?? (typeof Worker !== 'undefined' ? browserWorker : inThreadWorker);
    this.slots = Array.from({ length: this.size }, () => null);
  }

  /** Runs one task on a graph (`graphKey` names `packed`); `cancel([taskId])` drops it. */
  submit(graphKey: number, packed: PackedGraph, task: NetworkTask, onProgress: (fraction: number) => void = noProgress): { promise: Promise<TaskOutcome>; taskId: number } {
    const signature = JSON.stringify(task);
    let settle: Pick<Queued, 'resolve' | 'reject'> = { resolve: () => undefined, reject: () => undefined };
    const promise = new Promise<TaskOutcome>((resolve, reject) => {
      settle = { resolve, reject };
    });
    const orphan = this.slots.find((s) => s?.running?.orphan && s.running.graphKey === graphKey && s.running.signature === signature)?.running;
    if (orphan) {
      Object.assign(orphan, settle, { onProgress, orphan: false });
      return { promise, taskId: orphan.taskId };
    }
    const entry: Queued = { taskId: this.nextTaskId++, graphKey, packed, task, signature, onProgress, ...settle, orphan: false };
    // Quick tasks go ahead of queued search parts; otherwise first come, first served.
    const at = task.kind !== 'paths' ? this.queue.findIndex((q) => q.task.kind === 'paths') : -1;
    if (at < 0) this.queue.push(entry);
    else this.queue.splice(at, 0, entry);
    this.pump();
    return { promise, taskId: entry.taskId };
  }

  /**
   * Drops tasks: queued ones are removed, running ones orphaned (see the class). Their promises reject
   * with NetworkAnalysisCancelled.
   */
  cancel(taskIds: Iterable<number>): void {
    const ids = new Set(taskIds);
    if (ids.size === 0) return;
    const dropped = this.queue.filter((q) => ids.has(q.taskId));
    this.queue = this.queue.filter((q) => !ids.has(q.taskId));
    for (const slot of this.slots) {
      const r = slot?.running;
      if (!r || r.orphan || !ids.has(r.taskId)) continue;
      dropped.push({ ...r });
      Object.assign(r, { orphan: true, onProgress: noProgress, resolve: () => undefined, reject: () => undefined });
    }
    for (const q of dropped) q.reject(new NetworkAnalysisCancelled());
    this.pump();
  }

  /** Starts every worker now (loading a worker's code takes a moment), so the first analysis need not. */
  warm(): void {
    for (let i = 0; i < this.size; i++) {
      if (this.slots[i]) continue;
      try {
        this.startWorker(i);
      } catch {
        return; // started again (and failing properly) when a task needs it
      }
    }
  }

  /** Terminates every worker; queued and running tasks reject with NetworkAnalysisCancelled. */
  dispose(): void {
    const waiting = this.queue;
    this.queue = [];
    this.slots.forEach((slot, i) => {
      if (!slot) return;
      this.slots[i] = null;
      slot.worker.terminate();
      if (slot.running) waiting.push(slot.running);
    });
    for (const q of waiting) q.reject(new NetworkAnalysisCancelled());
  }

  /** Tasks waiting, running and orphaned (tests, diagnostics). */
  get pending(): { queued: number; running: number; orphaned: number } {
    const running = this.slots.filter((s) => s?.running && !s.running.orphan).length;
    const orphaned = this.slots.filter((s) => s?.running?.orphan).length;
    return { queued: this.queue.length, running, orphaned };
  }

  /** Gives queued tasks to workers: idle ones first, then new ones, then those running orphans. */
  private pump(): void {
    while (this.queue.length > 0) {
      let i = this.slots.findIndex((s) => s !== null && s.running === null);
      if (i < 0) i = this.slots.indexOf(null);
      if (i < 0) {
        i = this.slots.findIndex((s) => s?.running?.orphan);
        if (i < 0) return; // all busy with wanted work
        this.slots[i]?.worker.terminate();
        this.slots[i] = null;
      }
      let slot = this.slots[i];
      if (!slot) {
        try {
          slot = this.startWorker(i);
        } catch (err) {
          // No worker can be started: fail what is waiting rather than leave it hanging.
          const waiting = this.queue;
          this.queue = [];
          for (const q of waiting) q.reject(err);
          return;
        }
      }
      const q = this.queue.shift() as Queued;
      slot.running = q;
      const request: NetworkTaskRequest = { type: 'task', taskId: q.taskId, graphKey: q.graphKey, task: q.task };
      if (slot.graphKey !== q.graphKey) {
        request.graph = q.packed; // copied (structured clone), not transferred: other workers need it too
        slot.graphKey = q.graphKey;
      }
      slot.worker.post(request, []);
    }
  }

  private startWorker(i: number): Slot {
    const worker = this.create();
    this.started++;
    const slot: Slot = { worker, graphKey: null, running: null };
    this.slots[i] = slot;
    worker.onReply = (reply) => {
      const q = slot.running;
      if (this.slots[i] !== slot || !q || q.taskId !== reply.taskId) return; // stale
      if (reply.type === 'progress') {
        q.onProgress(reply.fraction);
        return;
      }
      slot.running = null;
      if (reply.type === 'done') q.resolve({ result: reply.result, ms: reply.ms });
      else q.reject(new Error(reply.message));
      this.pump();
    };
    worker.onFailure = (message) => {
      if (this.slots[i] !== slot) return;
      this.slots[i] = null;
      worker.terminate();
      slot.running?.reject(new Error(message));
      this.pump();
    };
    return slot;
  }
}

let sharedPool: NetworkWorkerPool | null = null;

/** The app's pool, started on first use. */
export function networkPool(): NetworkWorkerPool {
  sharedPool ??= new NetworkWorkerPool();
  return sharedPool;
}

// ------------------------------------------------------------------------------------------ graphs and results

interface KnownGraph {
  key: number;
  nodeIds: readonly string[];
  edges: readonly EdgeInput[];
  ids: string[];
  packed: PackedGraph;
  /** Finished task results on this graph, by task signature. */
  results: Map<string, TaskOutcome>;
}

const knownGraphs = new WeakMap<NetworkWorkerPool, KnownGraph>();
let nextGraphKey = 1;

/** The graph's key for the pool: the last graph's when the arrays, or their content, are the same. */
function graphFor(pool: NetworkWorkerPool, nodeIds: readonly string[], edges: readonly EdgeInput[]): KnownGraph {
  const last = knownGraphs.get(pool);
  if (last && last.nodeIds === nodeIds && last.edges === edges) return last;
  const { ids, packed } = packGraph(nodeIds, edges);
  if (last && samePackedGraph(last, { ids, packed })) {
    last.nodeIds = nodeIds;
    last.edges = edges;
    return last;
  }
  const known: KnownGraph = { key: nextGraphKey++, nodeIds, edges, ids, packed, results: new Map() };
  knownGraphs.set(pool, known);
  return known;
}

function signature(task: NetworkTask): string {
  return JSON.stringify(task);
}

/** A finished result that serves the task: a search with betweenness also serves closeness alone. */
function cached(known: KnownGraph, task: NetworkTask): TaskOutcome | undefined {
  const hit = known.results.get(signature(task));
  if (hit || task.kind !== 'paths' || task.betweenness) return hit;
  return known.results.get(signature({ ...task, betweenness: true }));
}

/** Search parts per worker: parts of ~0.4 s on 10,000 nodes and 50,000 links, so the workers finish
 *  together (a free worker takes the next part) and a cancelled part loses little. Each part costs a few
 *  ms of its own (source order, buffers). */
const PARTS_PER_WORKER = 8;

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());
const nextMacrotask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Centralities and (optionally) Louvain groups of a graph, computed in the worker pool (see the header).
 * Node ids and links are as buildGraph takes them (repeated ids are dropped; links to unknown ids and
 * self-links are left out); treat the arrays as immutable while the analysis runs.
 */
export async function analyseInWorkers(nodeIds: readonly string[], edges: readonly EdgeInput[], options: AnalyseInWorkersOptions): Promise<WorkerAnalysis> {
  const t0 = now();
  const { signal, onProgress } = options;
  if (signal?.aborted) throw new NetworkAnalysisCancelled();
  const pool = options.pool ?? networkPool();
  const known = graphFor(pool, nodeIds, edges);
  const n = known.ids.length;
  const batches = Math.ceil(n / 32);
  const tasks = planTasks({
    measures: options.measures,
    groups: options.groups,
    parts: Math.max(1, Math.min(PARTS_PER_WORKER * pool.size, batches)),
    ...(options.weighted !== undefined ? { weighted: options.weighted } : {}),
    ...(options.precision ? { precision: options.precision } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  });

  // Progress by estimated work (m: links as packed, an upper bound of the distinct pairs).
  const m = known.packed.from.length;
  const work = tasks.map((t) => taskWork(t, n, m));
  const totalWork = Math.max(1, work.reduce((a, b) => a + b, 0));
  const fractions = tasks.map(() => 0);
  let lastReported = -1;
  const report = (): void => {
    if (!onProgress) return;
    let done = 0;
    fractions.forEach((f, i) => (done += f * (work[i] as number)));
    const fraction = Math.min(1, done / totalWork);
    if (fraction - lastReported < 0.005 && fraction < 1) return;
    lastReported = fraction;
    onProgress({ fraction });
  };

  const submitted: number[] = [];
  const outcomes = tasks.map((task, i) => {
    const hit = cached(known, task);
    if (hit) {
      fractions[i] = 1;
      return Promise.resolve(hit);
    }
    const { promise, taskId } = pool.submit(known.key, known.packed, task, (f) => {
      fractions[i] = f;
      report();
    });
    submitted.push(taskId);
    return promise.then((outcome) => {
      known.results.set(signature(task), outcome);
      fractions[i] = 1;
      report();
      return outcome;
    });
  });
  const cancelAll = (): void => pool.cancel(submitted);
  let onAbort: (() => void) | null = null;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => {
      cancelAll();
      reject(new NetworkAnalysisCancelled());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => undefined);
  report();
  try {
    const results = await Promise.race([Promise.all(outcomes), aborted]);
    // Finished one measure per macrotask (normalising and ranking 10,000 nodes: a few ms each), so no
    // long task holds up the page.
    const { analysis, groups } = assembleAnalysis(known.ids, [], results);
    for (const m of options.measures) {
      await nextMacrotask();
      if (signal?.aborted) throw new NetworkAnalysisCancelled();
      const one = assembleAnalysis(known.ids, [m], results).analysis;
      Object.assign(analysis, { [m]: one[m] });
      analysis.ms[m] = one.ms[m] ?? 0;
    }
    // Betweenness and closeness share their searches: the time is reported under betweenness.
    if (analysis.betweenness && analysis.closeness) analysis.ms.closeness = 0;
    return { analysis, groups, ms: now() - t0, workers: pool.size };
  } catch (err) {
    cancelAll(); // one task failed: the others are no use
    throw err;
  } finally {
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}
