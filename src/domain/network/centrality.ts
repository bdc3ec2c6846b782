/**
 * Centralities on the undirected simple graph (parallel links count once), matching networkx:
 *
 * - degree: `nx.degree_centrality` = degree / (n - 1) (1 for every node when n <= 1). Weighted: the node
 *   strength, `G.degree(weight='weight')`, the sum of its links' weights (not normalised).
 * - betweenness: `nx.betweenness_centrality(G, normalized=True)` for an undirected, unweighted graph:
 *   Brandes' algorithm, pair dependencies summed over every source (each pair counted from both ends)
 *   and multiplied by 1 / ((n - 1)(n - 2)); all 0 when n <= 2.
 * - closeness: `nx.closeness_centrality(G)` with wf_improved=True (Wasserman and Faust): for a node that
 *   reaches r nodes (itself included) at total distance D, (r - 1) / D * (r - 1) / (n - 1); 0 when D = 0.
 * - eigenvector: `nx.eigenvector_centrality(G, max_iter=100, tol=1e-6)`: power iteration on A + I from
 *   the uniform vector, Euclidean normalisation after each step, stop when the L1 change is below n*tol.
 *   networkx raises PowerIterationFailedConvergence when it does not converge; here the last iterate is
 *   returned with `converged: false`. Disconnected graphs get exactly networkx's iteration: the
 *   component with the largest eigenvalue dominates and the others decay towards 0.
 *
 * Betweenness and closeness come from the same breadth-first searches (brandes.ts: 32 sources at a time),
 * shared when both are asked; that is the heavy part, O(n (n + m)). Closeness alone is much cheaper.
 */
import { finishBetweenness, finishCloseness, pathSteps, type PathPrecision, type PathSums } from './brandes';
import { type NetworkGraph } from './graph';

export const MEASURES = ['degree', 'betweenness', 'closeness', 'eigenvector'] as const;
export type Measure = (typeof MEASURES)[number];

export interface MeasureValues {
  /** Per node index. */
  values: Float64Array;
  /** Per node index: 1 = highest value; tied values (within 1e-9 relative) share the best rank ("1224"). */
  ranks: Int32Array;
}

export interface EigenvectorValues extends MeasureValues {
  converged: boolean;
  iterations: number;
}

export interface NetworkProgress {
  /** The measure being computed. */
  phase: Measure;
  /** Overall fraction done, 0..1. */
  fraction: number;
}

export interface AnalyseOptions {
  /** Default: all four. */
  measures?: readonly Measure[];
  /** Degree becomes strength and eigenvector uses link weights (summed over parallel links). Betweenness
   *  and closeness are always unweighted (hop counts). Default false. */
  weighted?: boolean;
  /** Betweenness arithmetic: 'single' (default, faster, relative error ~1e-7) or 'double' (64-bit
   *  throughout, like networkx). See brandes.ts. */
  precision?: PathPrecision;
  /** Betweenness and closeness from searches already run elsewhere, e.g. split over several workers with
   *  pathSteps(graph, { betweenness, part, parts }) and added with addPathSums. */
  pathSums?: PathSums;
  /** Eigenvector power iteration: networkx's defaults max_iter=100, tol=1e-6. */
  maxIter?: number;
  tol?: number;
  onProgress?: (p: NetworkProgress) => void;
  /** Checked between slices; when it returns true the analysis throws / rejects NetworkAnalysisCancelled. */
  shouldCancel?: () => boolean;
  /** Async runner only: yield to the event loop about this often (ms). Default 40. */
  sliceMs?: number;
}

export interface NetworkAnalysis {
  /** Node index -> id, as in the graph. */
  ids: readonly string[];
  degree?: MeasureValues;
  betweenness?: MeasureValues;
  closeness?: MeasureValues;
  eigenvector?: EigenvectorValues;
  /** Milliseconds per measure (betweenness and closeness share their search when both are asked: the
   *  shared time is reported under betweenness and closeness gets 0). */
  ms: Partial<Record<Measure, number>>;
}

export class NetworkAnalysisCancelled extends Error {
  constructor() {
    super('Network analysis was cancelled.');
    this.name = 'NetworkAnalysisCancelled';
  }
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

// ------------------------------------------------------------------------------------------ ranks

/** Ranks by descending value: 1 for the highest; values equal within 1e-9 (relative) share a rank. */
export function rankDescending(values: ArrayLike<number>, relTol = 1e-9): Int32Array {
  const n = values.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const v = Float64Array.from(values);
  order.sort((a, b) => (v[b] as number) - (v[a] as number) || a - b);
  const ranks = new Int32Array(n);
  let groupValue = NaN;
  let groupRank = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k] as number;
    const x = v[i] as number;
    if (k === 0 || !(Math.abs(groupValue - x) <= relTol * Math.max(Math.abs(groupValue), Math.abs(x)) + 1e-15)) {
      groupValue = x;
      groupRank = k + 1;
    }
    ranks[i] = groupRank;
  }
  return ranks;
}

// ------------------------------------------------------------------------------------------ degree

export function degreeCentrality(graph: NetworkGraph, weighted = false): Float64Array {
  const { n, offsets, weights } = graph;
  const out = new Float64Array(n);
  if (weighted) {
    for (let u = 0; u < n; u++) {
      let s = 0;
      for (let j = offsets[u] as number, end = offsets[u + 1] as number; j < end; j++) s += weights[j] as number;
      out[u] = s;
    }
    return out;
  }
  if (n <= 1) return out.fill(1);
  const scale = 1 / (n - 1);
  for (let u = 0; u < n; u++) out[u] = ((offsets[u + 1] as number) - (offsets[u] as number)) * scale;
  return out;
}

// ------------------------------------------------------------------------------------------ betweenness, closeness

/** Betweenness (networkx-normalised) of every node, in one go. */
export function betweennessCentrality(graph: NetworkGraph, precision: PathPrecision = 'single'): Float64Array {
  const sums = runSteps(pathSteps(graph, { betweenness: true, precision }));
  return finishBetweenness(graph.n, sums.bc);
}

/** Closeness (networkx, Wasserman-Faust) of every node, in one go. */
export function closenessCentrality(graph: NetworkGraph): Float64Array {
  const sums = runSteps(pathSteps(graph, { betweenness: false }));
  return finishCloseness(graph.n, sums.reached, sums.distSum);
}

function runSteps<T>(steps: Generator<unknown, T, void>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

// ------------------------------------------------------------------------------------------ eigenvector

export interface EigenvectorOptions {
  weighted?: boolean;
  maxIter?: number;
  tol?: number;
}

function* eigenvectorSteps(graph: NetworkGraph, opts: EigenvectorOptions): Generator<number, { values: Float64Array; converged: boolean; iterations: number }, void> {
  const { n, offsets, neighbours, weights } = graph;
  const maxIter = opts.maxIter ?? 100;
  const tol = opts.tol ?? 1e-6;
  const weighted = opts.weighted ?? false;
  if (n === 0) return { values: new Float64Array(0), converged: true, iterations: 0 };
  let x = new Float64Array(n).fill(1 / n);
  let next = new Float64Array(n);
  for (let it = 1; it <= maxIter; it++) {
    // next = (A + I) x, pulled row by row (A is symmetric).
    let sq = 0;
    for (let u = 0; u < n; u++) {
      let s = x[u] as number;
      const end = offsets[u + 1] as number;
      if (weighted) for (let j = offsets[u] as number; j < end; j++) s += (x[neighbours[j] as number] as number) * (weights[j] as number);
      else for (let j = offsets[u] as number; j < end; j++) s += x[neighbours[j] as number] as number;
      next[u] = s;
      sq += s * s;
    }
    const norm = Math.sqrt(sq) || 1;
    let change = 0;
    for (let u = 0; u < n; u++) {
      const v = (next[u] as number) / norm;
      next[u] = v;
      change += Math.abs(v - (x[u] as number));
    }
    const t = x;
    x = next;
    next = t;
    if (change < n * tol) return { values: x, converged: true, iterations: it };
    yield it;
  }
  return { values: x, converged: false, iterations: maxIter };
}

/** Eigenvector centrality as networkx computes it (see the header); never throws on non-convergence. */
export function eigenvectorCentrality(graph: NetworkGraph, opts: EigenvectorOptions = {}): { values: Float64Array; converged: boolean; iterations: number } {
  const steps = eigenvectorSteps(graph, opts);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

// ------------------------------------------------------------------------------------------ analyse

function* analyseSteps(graph: NetworkGraph, options: AnalyseOptions): Generator<NetworkProgress, NetworkAnalysis, void> {
  const measures = new Set<Measure>(options.measures ?? MEASURES);
  const { n, m } = graph;
  const weighted = options.weighted ?? false;
  const result: NetworkAnalysis = { ids: graph.ids, ms: {} };
  const wantB = measures.has('betweenness');
  const wantC = measures.has('closeness');

  // Work estimate for the overall fraction (edge visits).
  const perSource = wantB ? n + 3 * m : wantC ? n + 2 * m : 0;
  const eigenWork = measures.has('eigenvector') ? 30 * (n + 2 * m) : 0;
  const totalWork = Math.max(1, n + perSource * n + eigenWork);
  let done = 0;

  if (measures.has('degree')) {
    const t0 = now();
    const values = degreeCentrality(graph, weighted);
    result.degree = { values, ranks: rankDescending(values) };
    result.ms.degree = now() - t0;
    done += n;
    yield { phase: 'degree', fraction: done / totalWork };
  }

  if (wantB || wantC) {
    const t0 = now();
    const phase: Measure = wantB ? 'betweenness' : 'closeness';
    let sums = options.pathSums;
    if (!sums) {
      const steps = pathSteps(graph, { betweenness: wantB, precision: options.precision ?? 'single' });
      let r = steps.next();
      while (!r.done) {
        yield { phase, fraction: (done + r.value * n * perSource) / totalWork };
        r = steps.next();
      }
      sums = r.value;
    }
    done += n * perSource;
    if (wantB) {
      const values = finishBetweenness(n, sums.bc);
      result.betweenness = { values, ranks: rankDescending(values) };
    }
    if (wantC) {
      const values = finishCloseness(n, sums.reached, sums.distSum);
      result.closeness = { values, ranks: rankDescending(values) };
    }
    const ms = now() - t0;
    if (wantB) result.ms.betweenness = ms;
    if (wantC) result.ms.closeness = wantB ? 0 : ms;
  }

  if (measures.has('eigenvector')) {
    const t0 = now();
    const opts: EigenvectorOptions = { weighted };
    if (options.maxIter !== undefined) opts.maxIter = options.maxIter;
    if (options.tol !== undefined) opts.tol = options.tol;
    const steps = eigenvectorSteps(graph, opts);
    const perIter = n + 2 * m;
    for (;;) {
      const r = steps.next();
      if (r.done) {
        result.eigenvector = { ...r.value, ranks: rankDescending(r.value.values) };
        break;
      }
      if (r.value % 10 === 0) yield { phase: 'eigenvector', fraction: Math.min(1, (done + r.value * perIter) / totalWork) };
    }
    result.ms.eigenvector = now() - t0;
  }
  return result;
}

/** Runs the analysis to the end in one go (Node, tests). Throws NetworkAnalysisCancelled if cancelled. */
export function analyseNetworkSync(graph: NetworkGraph, options: AnalyseOptions = {}): NetworkAnalysis {
  const steps = analyseSteps(graph, options);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (options.shouldCancel?.()) throw new NetworkAnalysisCancelled();
    options.onProgress?.(r.value);
  }
}

/**
 * Runs the analysis in slices of about `sliceMs`, yielding to the event loop between them so that, in a
 * Web Worker, a "cancel" message can set the flag `shouldCancel` reads (the promise then rejects with
 * NetworkAnalysisCancelled). `onProgress` hears the overall fraction after each slice.
 */
export async function analyseNetwork(graph: NetworkGraph, options: AnalyseOptions = {}): Promise<NetworkAnalysis> {
  const sliceMs = options.sliceMs ?? 40;
  const steps = analyseSteps(graph, options);
  let sliceStart = now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (now() - sliceStart >= sliceMs) {
      options.onProgress?.(r.value);
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      sliceStart = now();
      if (options.shouldCancel?.()) throw new NetworkAnalysisCancelled();
    }
  }
}
