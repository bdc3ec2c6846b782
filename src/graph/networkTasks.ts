/**
 * What a network-analysis worker does, as pure functions (no DOM, no Worker API), so the worker
 * (src/workers/network.worker.ts) is a thin shell and all of this runs in Node tests.
 *
 * The client (networkClient.ts) packs the chart's graph once (`packGraph`: node ids deduplicated, links as
 * two Int32Arrays of node indexes), sends it to each worker with its first task, and asks for tasks:
 *
 *   { kind: 'paths', part, parts, betweenness }  part k of n of the breadth-first searches -> PathSums
 *   { kind: 'degree' } / { kind: 'eigenvector' }  values and ranks per node index
 *   { kind: 'louvain', seed }                     LouvainResult
 *
 * Every result is typed arrays (`resultTransferables` lists their buffers, so posting them copies
 * nothing). `assembleAnalysis` turns the results into the NetworkAnalysis analyseNetworkSync would give:
 * the parts' sums added (addPathSums) and finished exactly as src/domain/network does.
 */
import {
  addPathSums,
  buildGraph,
  degreeCentrality,
  eigenvectorCentrality,
  finishBetweenness,
  finishCloseness,
  louvain,
  pathSteps,
  rankDescending,
  type EdgeInput,
  type EigenvectorValues,
  type LouvainResult,
  type Measure,
  type MeasureValues,
  type NetworkAnalysis,
  type NetworkGraph,
  type PathPrecision,
  type PathSums,
} from '../domain/network';

// ------------------------------------------------------------------------------------------ graph input

/** A graph as the worker receives it: n nodes numbered 0..n-1, link k joins from[k] and to[k]. */
export interface PackedGraph {
  n: number;
  from: Int32Array;
  to: Int32Array;
  /** Per link, when any link has a weight (a missing weight is 1); null otherwise. */
  weight: Float64Array | null;
}

/** Node ids and links as given to buildGraph, or already packed. */
export type GraphInput = { nodeIds: readonly string[]; edges: readonly EdgeInput[] } | PackedGraph;

/**
 * Packs node ids and links for the workers: repeated ids are dropped (the first stays, as buildGraph
 * does), so `ids` is the graph's node order; links with an end that is not a node are left out (buildGraph
 * skips them too); dates are not kept (no measure here uses them). Throws a RangeError for a weight that
 * is not a finite number > 0, as buildGraph does.
 */
export function packGraph(nodeIds: Iterable<string>, edges: readonly EdgeInput[]): { ids: string[]; packed: PackedGraph } {
  const ids: string[] = [];
  const index = new Map<string, number>();
  for (const id of nodeIds) {
    if (index.has(id)) continue;
    index.set(id, ids.length);
    ids.push(id);
  }
  const L = edges.length;
  const from = new Int32Array(L);
  const to = new Int32Array(L);
  let weight: Float64Array | null = null;
  let k = 0;
  for (let e = 0; e < L; e++) {
    const edge = edges[e] as EdgeInput;
    if (edge.weight !== undefined) {
      const w = edge.weight;
      if (!(typeof w === 'number' && Number.isFinite(w) && w > 0)) {
        throw new RangeError(`packGraph: link ${e} (${edge.from} - ${edge.to}) has weight ${String(w)}; weights must be finite and > 0`);
      }
    }
    const a = index.get(edge.from);
    const b = index.get(edge.to);
    if (a === undefined || b === undefined) continue;
    if (edge.weight !== undefined && !weight) weight = new Float64Array(L).fill(1);
    from[k] = a;
    to[k] = b;
    if (weight) weight[k] = edge.weight ?? 1;
    k++;
  }
  // Trimmed copies when links were left out: a posted view would carry its whole buffer.
  const trim = <T extends Int32Array | Float64Array>(a: T): T => (k === L ? a : (a.slice(0, k) as T));
  return { ids, packed: { n: ids.length, from: trim(from), to: trim(to), weight: weight ? trim(weight) : null } };
}

function isPacked(input: GraphInput): input is PackedGraph {
  return 'from' in input;
}

/** The NetworkGraph of an input. A packed graph's node ids are "0".."n-1" (results are per node index). */
export function graphFromInput(input: GraphInput): NetworkGraph {
  if (!isPacked(input)) return buildGraph(input.nodeIds, input.edges);
  const { n, from, to, weight } = input;
  const ids = Array.from({ length: n }, (_, i) => String(i));
  const edges: EdgeInput[] = new Array<EdgeInput>(from.length);
  for (let k = 0; k < from.length; k++) {
    const a = ids[from[k] as number];
    const b = ids[to[k] as number];
    if (a === undefined || b === undefined) throw new RangeError(`graphFromInput: link ${k} joins ${from[k]} and ${to[k]}, outside 0..${n - 1}`);
    edges[k] = weight ? { from: a, to: b, weight: weight[k] as number } : { from: a, to: b };
  }
  return buildGraph(ids, edges);
}

// ------------------------------------------------------------------------------------------ tasks

export type NetworkTask =
  | { kind: 'paths'; part: number; parts: number; betweenness: boolean; precision?: PathPrecision }
  | { kind: 'degree'; weighted?: boolean }
  | { kind: 'eigenvector'; weighted?: boolean; maxIter?: number; tol?: number }
  | { kind: 'louvain'; seed?: number; resolution?: number; weighted?: boolean };

export type NetworkTaskResult =
  | { kind: 'paths'; sums: PathSums }
  | { kind: 'degree'; values: Float64Array; ranks: Int32Array }
  | { kind: 'eigenvector'; values: Float64Array; ranks: Int32Array; converged: boolean; iterations: number }
  | { kind: 'louvain'; groups: LouvainResult };

/** Runs one task on the graph. `onProgress` hears the task's fraction done (path searches only). */
export function runNetworkTask(graph: NetworkGraph, task: NetworkTask, onProgress?: (fraction: number) => void): NetworkTaskResult {
  switch (task.kind) {
    case 'paths': {
      const steps = pathSteps(graph, { betweenness: task.betweenness, part: task.part, parts: task.parts, precision: task.precision ?? 'single' });
      for (;;) {
        const r = steps.next();
        if (r.done) return { kind: 'paths', sums: r.value };
        onProgress?.(r.value);
      }
    }
    case 'degree': {
      const values = degreeCentrality(graph, task.weighted ?? false);
      return { kind: 'degree', values, ranks: rankDescending(values) };
    }
    case 'eigenvector': {
      const r = eigenvectorCentrality(graph, {
        weighted: task.weighted ?? false,
        ...(task.maxIter !== undefined ? { maxIter: task.maxIter } : {}),
        ...(task.tol !== undefined ? { tol: task.tol } : {}),
      });
      return { kind: 'eigenvector', values: r.values, ranks: rankDescending(r.values), converged: r.converged, iterations: r.iterations };
    }
    case 'louvain':
      return {
        kind: 'louvain',
        groups: louvain(graph, {
          seed: task.seed ?? 1,
          ...(task.resolution !== undefined ? { resolution: task.resolution } : {}),
          weighted: task.weighted ?? false,
        }),
      };
  }
}

/** The buffers a result can hand over without copying. */
export function resultTransferables(result: NetworkTaskResult): ArrayBuffer[] {
  const arrays: ArrayBufferView[] =
    result.kind === 'paths'
      ? [result.sums.bc, result.sums.reached, result.sums.distSum]
      : result.kind === 'louvain'
        ? [result.groups.community, result.groups.sizes]
        : [result.values, result.ranks];
  const buffers = new Set<ArrayBuffer>();
  for (const a of arrays) if (a.buffer instanceof ArrayBuffer && a.buffer.byteLength > 0) buffers.add(a.buffer);
  return [...buffers];
}

/**
 * Relative cost of a task on a graph of n nodes and m distinct links (edge visits, as analyseNetwork
 * estimates them), for the overall progress fraction.
 */
export function taskWork(task: NetworkTask, n: number, m: number): number {
  switch (task.kind) {
    case 'paths':
      return ((task.betweenness ? n + 3 * m : n + 2 * m) * n) / Math.max(1, task.parts);
    case 'degree':
      return n;
    case 'eigenvector':
      return 30 * (n + 2 * m);
    case 'louvain':
      return 40 * (n + 2 * m);
  }
}

// ------------------------------------------------------------------------------------------ worker protocol

/** Main thread -> worker. `graph` comes with the first task on a graph the worker does not hold. */
export interface NetworkTaskRequest {
  type: 'task';
  taskId: number;
  graphKey: number;
  graph?: PackedGraph;
  task: NetworkTask;
}

/** Worker -> main thread. */
export type NetworkTaskReply =
  | { type: 'progress'; taskId: number; fraction: number }
  | { type: 'done'; taskId: number; result: NetworkTaskResult; ms: number; graphMs: number }
  | { type: 'error'; taskId: number; message: string };

const clock = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/**
 * The worker's message handling: keeps the last graph it was sent (built once, used by every task on it),
 * runs each task and posts the reply with its buffers transferred. Progress is posted at most every
 * `progressMs` (default 150).
 */
export function createNetworkTaskHandler(
  post: (reply: NetworkTaskReply, transfer: ArrayBuffer[]) => void,
  options: { progressMs?: number; now?: () => number } = {},
): (request: NetworkTaskRequest) => void {
  const now = options.now ?? clock;
  const progressMs = options.progressMs ?? 150;
  let held: { key: number; graph: NetworkGraph } | null = null;
  return (request) => {
    const { taskId } = request;
    try {
      const t0 = now();
      if (request.graph) {
        held = null; // drop the old graph before building the next
        held = { key: request.graphKey, graph: graphFromInput(request.graph) };
      }
      if (!held || held.key !== request.graphKey) throw new Error(`The worker does not hold graph ${request.graphKey}.`);
      const t1 = now();
      let last = t1;
      const result = runNetworkTask(held.graph, request.task, (fraction) => {
        const t = now();
        if (t - last < progressMs) return;
        last = t;
        post({ type: 'progress', taskId, fraction }, []);
      });
      post({ type: 'done', taskId, result, ms: now() - t1, graphMs: t1 - t0 }, resultTransferables(result));
    } catch (err) {
      post({ type: 'error', taskId, message: err instanceof Error ? err.message : String(err) }, []);
    }
  };
}

// ------------------------------------------------------------------------------------------ plan and assemble

export interface PlanOptions {
  measures: readonly Measure[];
  groups: boolean;
  /** Parts the path searches are split into. */
  parts: number;
  weighted?: boolean;
  precision?: PathPrecision;
  seed?: number;
}

/** The tasks one analysis needs, quick ones first (they overlap with the searches on a free worker). */
export function planTasks(options: PlanOptions): NetworkTask[] {
  const want = new Set(options.measures);
  const weighted = options.weighted ?? false;
  const tasks: NetworkTask[] = [];
  if (options.groups) tasks.push({ kind: 'louvain', seed: options.seed ?? 1, weighted });
  if (want.has('eigenvector')) tasks.push({ kind: 'eigenvector', weighted });
  if (want.has('degree')) tasks.push({ kind: 'degree', weighted });
  if (want.has('betweenness') || want.has('closeness')) {
    const parts = Math.max(1, Math.floor(options.parts));
    const betweenness = want.has('betweenness');
    for (let part = 0; part < parts; part++) tasks.push({ kind: 'paths', part, parts, betweenness, ...(options.precision ? { precision: options.precision } : {}) });
  }
  return tasks;
}

export interface AssembledAnalysis {
  analysis: NetworkAnalysis;
  groups: LouvainResult | null;
}

/**
 * The NetworkAnalysis of the results of `planTasks` (any order). `ids` is the node order (packGraph's);
 * `ms` per measure is the workers' compute time (the path searches' parts added up).
 */
export function assembleAnalysis(
  ids: readonly string[],
  measures: readonly Measure[],
  results: readonly { result: NetworkTaskResult; ms?: number }[],
): AssembledAnalysis {
  const want = new Set(measures);
  const n = ids.length;
  const analysis: NetworkAnalysis = { ids, ms: {} };
  let groups: LouvainResult | null = null;
  const parts: PathSums[] = [];
  let pathMs = 0;
  for (const { result, ms = 0 } of results) {
    if (result.kind === 'paths') {
      parts.push(result.sums);
      pathMs += ms;
    } else if (result.kind === 'louvain') groups = result.groups;
    else if (result.kind === 'degree' && want.has('degree')) {
      analysis.degree = { values: result.values, ranks: result.ranks };
      analysis.ms.degree = ms;
    } else if (result.kind === 'eigenvector' && want.has('eigenvector')) {
      const ev: EigenvectorValues = { values: result.values, ranks: result.ranks, converged: result.converged, iterations: result.iterations };
      analysis.eigenvector = ev;
      analysis.ms.eigenvector = ms;
    }
  }
  const wantB = want.has('betweenness');
  const wantC = want.has('closeness');
  if (wantB || wantC) {
    if (parts.length === 0) throw new Error('assembleAnalysis: no path search results');
    const sums = parts.length === 1 ? (parts[0] as PathSums) : addPathSums(parts);
    if (wantB) {
      const values = finishBetweenness(n, sums.bc);
      analysis.betweenness = { values, ranks: rankDescending(values) } satisfies MeasureValues;
      analysis.ms.betweenness = pathMs;
    }
    if (wantC) {
      const values = finishCloseness(n, sums.reached, sums.distSum);
      analysis.closeness = { values, ranks: rankDescending(values) };
      analysis.ms.closeness = wantB ? 0 : pathMs;
    }
  }
  return { analysis, groups };
}

/** Whether two packed graphs (and their node ids) are the same, so a graph rebuilt with equal content
 *  keeps the workers' copy and the results already computed. */
export function samePackedGraph(a: { ids: readonly string[]; packed: PackedGraph }, b: { ids: readonly string[]; packed: PackedGraph }): boolean {
  if (a.ids.length !== b.ids.length || a.packed.from.length !== b.packed.from.length) return false;
  if ((a.packed.weight === null) !== (b.packed.weight === null)) return false;
  for (let i = 0; i < a.ids.length; i++) if (a.ids[i] !== b.ids[i]) return false;
  const { from, to, weight } = a.packed;
  for (let k = 0; k < from.length; k++) if (from[k] !== b.packed.from[k] || to[k] !== b.packed.to[k]) return false;
  if (weight && b.packed.weight) for (let k = 0; k < weight.length; k++) if (!Object.is(weight[k], b.packed.weight[k])) return false;
  return true;
}
