/**
 * The compact graph every network measure runs on: nodes are numbered 0..n-1 in the order of the ids
 * given, adjacency is CSR (compressed sparse rows) in typed arrays, so it is cheap to build, to transfer
 * to or from a Web Worker and to walk in tight loops. Pure TypeScript: no DOM, no Node APIs.
 *
 * Two views of the same links are kept:
 * - the *simple* undirected graph (`offsets`, `neighbours`, `weights`, `multiplicity`, `firstLink`): one
 *   entry per distinct pair in each direction, neighbours sorted ascending. Parallel links between a
 *   pair (A-B twice, or A->B and B->A) are one edge there; `weights` holds the sum of their weights
 *   (each link's weight defaults to 1) and `multiplicity` their number. Centralities use it unweighted
 *   unless weighted is asked.
 * - the *multi* view (`linkOffsets`, `linkAdj`, `linkFrom`, `linkTo`, `linkStart`, `linkEnd`): every link
 *   separately with its dates, for time-respecting ("date-ordered") paths.
 *
 * Links whose end is not among the node ids, and self-links (A-A), are left out and counted in
 * `skipped` (a self-link carries no network information for a link chart; networkx would count it twice
 * in a degree).
 */

export interface EdgeInput {
  from: string;
  to: string;
  /** Tie strength, > 0. Default 1. Summed over parallel links. */
  weight?: number;
  /**
   * When the link happened (or started): an ISO date / timestamp string or a number (any monotonic scale,
   * e.g. epoch ms). Only used by date-ordered paths; a link without a valid date is never used by them.
   */
  date?: string | number | null;
  /** When the link ended (inclusive), for a link that lasted a period. Default: `date` (an instant). */
  dateTo?: string | number | null;
}

export interface NetworkGraph {
  /** Node index -> id. */
  readonly ids: readonly string[];
  /** Id -> node index. */
  readonly index: ReadonlyMap<string, number>;
  /** Number of nodes. */
  readonly n: number;
  /** Number of distinct undirected pairs (edges of the simple graph). */
  readonly m: number;
  /** Simple graph CSR: the neighbours of u are neighbours[offsets[u] .. offsets[u+1]), ascending. Length n+1. */
  readonly offsets: Int32Array;
  /** Length 2m. */
  readonly neighbours: Int32Array;
  /** Per adjacency slot: summed weight of the links between the pair. Length 2m. */
  readonly weights: Float64Array;
  /** Per adjacency slot: the number of links between the pair. Length 2m. */
  readonly multiplicity: Int32Array;
  /** Per adjacency slot: the lowest index (into the input edges) of a link between the pair. Length 2m. */
  readonly firstLink: Int32Array;
  /** Multi view: links incident to u are linkAdj[linkOffsets[u] .. linkOffsets[u+1]) (input edge indexes). */
  readonly linkOffsets: Int32Array;
  readonly linkAdj: Int32Array;
  /** Per input edge: node indexes of its ends (-1 when the link was skipped). */
  readonly linkFrom: Int32Array;
  readonly linkTo: Int32Array;
  /** Per input edge: start and end time as numbers (NaN when undated or invalid). */
  readonly linkStart: Float64Array;
  readonly linkEnd: Float64Array;
  /** Number of input edges (skipped ones included, so that indexes match the caller's array). */
  readonly linkCount: number;
  readonly skipped: { unknownEnd: number; selfLinks: number };
}

/** A date as a number: numbers as given, strings through Date.parse (ISO dates are UTC midnight). */
export function timeOf(value: string | number | null | undefined): number {
  if (value === null || value === undefined || value === '') return NaN;
  if (typeof value === 'number') return Number.isFinite(value) ? value : NaN;
  const t = Date.parse(value);
  return Number.isFinite(t) ? t : NaN;
}

/**
 * Builds the graph. `nodeIds` fixes the node order (repeated ids are ignored); edges are undirected.
 * Throws a RangeError for a weight that is not a finite number > 0.
 */
export function buildGraph(nodeIds: Iterable<string>, edges: readonly EdgeInput[]): NetworkGraph {
  const ids: string[] = [];
  const index = new Map<string, number>();
  for (const id of nodeIds) {
    if (index.has(id)) continue;
    index.set(id, ids.length);
    ids.push(id);
  }
  const n = ids.length;
  const L = edges.length;
  const linkFrom = new Int32Array(L).fill(-1);
  const linkTo = new Int32Array(L).fill(-1);
  const linkStart = new Float64Array(L).fill(NaN);
  const linkEnd = new Float64Array(L).fill(NaN);
  const linkWeight = new Float64Array(L);
  const skipped = { unknownEnd: 0, selfLinks: 0 };
  const degreeMulti = new Int32Array(n + 1);

  for (let e = 0; e < L; e++) {
    const edge = edges[e] as EdgeInput;
    const w = edge.weight ?? 1;
    if (!(typeof w === 'number' && Number.isFinite(w) && w > 0)) {
      throw new RangeError(`buildGraph: link ${e} (${edge.from} - ${edge.to}) has weight ${String(w)}; weights must be finite and > 0`);
    }
    const a = index.get(edge.from);
    const b = index.get(edge.to);
    if (a === undefined || b === undefined) {
      skipped.unknownEnd++;
      continue;
    }
    if (a === b) {
      skipped.selfLinks++;
      continue;
    }
    linkFrom[e] = a;
    linkTo[e] = b;
    linkWeight[e] = w;
    const start = timeOf(edge.date);
    const endRaw = timeOf(edge.dateTo);
    linkStart[e] = start;
    // An end before the start is taken as an instant at the start; an end without a start is no date.
    linkEnd[e] = Number.isNaN(start) ? NaN : Number.isNaN(endRaw) || endRaw < start ? start : endRaw;
    degreeMulti[a] = (degreeMulti[a] as number) + 1;
    degreeMulti[b] = (degreeMulti[b] as number) + 1;
  }

  // Multi view, counting sort by node; each node's slice then sorted by (neighbour, link index) through a
  // numeric key neighbour * L + link (exact in a double for any realistic size).
  const linkOffsets = new Int32Array(n + 1);
  for (let u = 0; u < n; u++) linkOffsets[u + 1] = (linkOffsets[u] as number) + (degreeMulti[u] as number);
  const total = linkOffsets[n] as number;
  const keys = new Float64Array(total);
  const fill = linkOffsets.slice(0, n);
  const Lk = Math.max(L, 1);
  for (let e = 0; e < L; e++) {
    const a = linkFrom[e] as number;
    if (a < 0) continue;
    const b = linkTo[e] as number;
    keys[(fill[a] as number)++] = b * Lk + e;
    keys[(fill[b] as number)++] = a * Lk + e;
  }
  const linkAdj = new Int32Array(total);
  const nbrOfSlot = new Int32Array(total);
  let distinctSlots = 0;
  for (let u = 0; u < n; u++) {
    const s = linkOffsets[u] as number;
    const t = linkOffsets[u + 1] as number;
    if (t - s > 1) keys.subarray(s, t).sort();
    let prev = -1;
    for (let j = s; j < t; j++) {
      const k = keys[j] as number;
      const v = Math.floor(k / Lk);
      linkAdj[j] = k - v * Lk;
      nbrOfSlot[j] = v;
      if (v !== prev) distinctSlots++;
      prev = v;
    }
  }

  // Simple view: merge runs of the same neighbour.
  const offsets = new Int32Array(n + 1);
  const neighbours = new Int32Array(distinctSlots);
  const weights = new Float64Array(distinctSlots);
  const multiplicity = new Int32Array(distinctSlots);
  const firstLink = new Int32Array(distinctSlots);
  let k = 0;
  for (let u = 0; u < n; u++) {
    const s = linkOffsets[u] as number;
    const t = linkOffsets[u + 1] as number;
    let prev = -1;
    for (let j = s; j < t; j++) {
      const v = nbrOfSlot[j] as number;
      const e = linkAdj[j] as number;
      if (v !== prev) {
        neighbours[k] = v;
        weights[k] = linkWeight[e] as number;
        multiplicity[k] = 1;
        firstLink[k] = e;
        k++;
        prev = v;
      } else {
        weights[k - 1] = (weights[k - 1] as number) + (linkWeight[e] as number);
        multiplicity[k - 1] = (multiplicity[k - 1] as number) + 1;
      }
    }
    offsets[u + 1] = k;
  }

  return {
    ids,
    index,
    n,
    m: distinctSlots / 2,
    offsets,
    neighbours,
    weights,
    multiplicity,
    firstLink,
    linkOffsets,
    linkAdj,
    linkFrom,
    linkTo,
    linkStart,
    linkEnd,
    linkCount: L,
    skipped,
  };
}

/** The node index of an id; throws a RangeError for an id that is not in the graph. */
export function nodeIndex(graph: NetworkGraph, id: string): number {
  const i = graph.index.get(id);
  if (i === undefined) throw new RangeError(`Unknown node id: ${id}`);
  return i;
}

/** Degree in the simple graph (distinct neighbours). */
export function degreeOf(graph: NetworkGraph, u: number): number {
  return (graph.offsets[u + 1] as number) - (graph.offsets[u] as number);
}
