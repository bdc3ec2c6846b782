/**
 * Paths on the network: the shortest path between two nodes (fewest links, breadth-first) and the nodes
 * within N links of one or more nodes, optionally *date-ordered* (time-respecting): only through links in
 * date order, each next link's date >= the previous one's.
 *
 * Date-ordered: a link used on a path must have a date; a link with a period (date .. dateTo) can be used
 * at any time in it, so after arriving at time t a link can be taken when its end >= t, and one arrives
 * at max(t, its start). Undated links are never used. The search goes layer by layer (1 link, 2 links...)
 * keeping for each node the earliest arrival so far; an earlier arrival with no more links dominates a
 * later one, so this finds the fewest-links date-ordered path, and among those the one arriving earliest.
 * Cost O(hops x links) at worst.
 *
 * Ties between equally short paths go to the lowest node indexes (neighbours are visited in index
 * order), so results are deterministic.
 */
import { type NetworkGraph, nodeIndex } from './graph';

export interface PathOptions {
  /** Only through links in date order (see the header). Default false. */
  dateOrdered?: boolean;
}

export interface PathResult {
  /** Node ids from the start to the end, both included. */
  ids: string[];
  /** The same as node indexes. */
  nodes: number[];
  /** For each hop, the index (in the edges given to buildGraph) of a link used: for an undirected hop
   *  through parallel links, the lowest index; date-ordered, the link actually used. */
  links: number[];
  hops: number;
  /** Date-ordered only: when each hop's link was taken (max(arrival, link start)), as a number. */
  times?: number[];
}

export interface HopNode {
  id: string;
  index: number;
  /** Fewest links from the nearest start (date-ordered: fewest links of a date-ordered path). */
  hops: number;
}

// -------------------------------------------------------------------------------- plain breadth-first

function bfs(graph: NetworkGraph, starts: readonly number[], maxHops: number, target: number): { dist: Int32Array; parentSlot: Int32Array; parent: Int32Array; order: Int32Array; count: number } {
  const { n, offsets, neighbours } = graph;
  const dist = new Int32Array(n).fill(-1);
  const parent = new Int32Array(n).fill(-1);
  const parentSlot = new Int32Array(n).fill(-1);
  const order = new Int32Array(n);
  let tail = 0;
  for (const s of starts) {
    if (dist[s] === 0) continue;
    dist[s] = 0;
    order[tail++] = s;
  }
  let head = 0;
  outer: while (head < tail) {
    const u = order[head++] as number;
    const du = dist[u] as number;
    if (du >= maxHops) break;
    for (let j = offsets[u] as number, end = offsets[u + 1] as number; j < end; j++) {
      const v = neighbours[j] as number;
      if ((dist[v] as number) >= 0) continue;
      dist[v] = du + 1;
      parent[v] = u;
      parentSlot[v] = j;
      order[tail++] = v;
      if (v === target) break outer;
    }
  }
  return { dist, parent, parentSlot, order, count: tail };
}

// -------------------------------------------------------------------------------- date-ordered

interface Events {
  node: number[];
  parent: number[];
  link: number[];
  time: number[];
}

/**
 * Layered earliest-arrival search. Returns the events (node reached, at time, through link, from event)
 * and, per node, the event of its first (fewest-links) arrival and its hop count.
 */
function timeLayers(graph: NetworkGraph, starts: readonly number[], maxHops: number, target: number): { ev: Events; firstEvent: Int32Array; hops: Int32Array; reached: number[] } {
  const { n, linkOffsets, linkAdj, linkFrom, linkTo, linkStart, linkEnd } = graph;
  const best = new Float64Array(n).fill(Infinity);
  const hops = new Int32Array(n).fill(-1);
  const firstEvent = new Int32Array(n).fill(-1);
  const layerOf = new Int32Array(n).fill(-1);
  const layerEvent = new Int32Array(n).fill(-1);
  const ev: Events = { node: [], parent: [], link: [], time: [] };
  const reached: number[] = [];
  let frontier: number[] = [];
  for (const s of starts) {
    if (hops[s] === 0) continue;
    best[s] = -Infinity;
    hops[s] = 0;
    firstEvent[s] = ev.node.length;
    reached.push(s);
    frontier.push(ev.node.length);
    ev.node.push(s);
    ev.parent.push(-1);
    ev.link.push(-1);
    ev.time.push(-Infinity);
  }
  if (target >= 0 && hops[target] === 0) return { ev, firstEvent, hops, reached };
  for (let layer = 1; layer <= maxHops && frontier.length > 0; layer++) {
    const next: number[] = [];
    for (const e of frontier) {
      const u = ev.node[e] as number;
      const t = ev.time[e] as number;
      for (let j = linkOffsets[u] as number, end = linkOffsets[u + 1] as number; j < end; j++) {
        const l = linkAdj[j] as number;
        if (!((linkEnd[l] as number) >= t)) continue; // also skips undated links (NaN)
        const arrive = Math.max(t, linkStart[l] as number);
        const a = linkFrom[l] as number;
        const v = a === u ? (linkTo[l] as number) : a;
        if (!(arrive < (best[v] as number))) continue;
        best[v] = arrive;
        if (layerOf[v] === layer) {
          const k = layerEvent[v] as number;
          ev.parent[k] = e;
          ev.link[k] = l;
          ev.time[k] = arrive;
        } else {
          layerOf[v] = layer;
          const k = ev.node.length;
          layerEvent[v] = k;
          ev.node.push(v);
          ev.parent.push(e);
          ev.link.push(l);
          ev.time.push(arrive);
          next.push(k);
          if ((hops[v] as number) < 0) {
            hops[v] = layer;
            firstEvent[v] = k;
            reached.push(v);
          }
        }
      }
    }
    if (target >= 0 && (hops[target] as number) >= 0) break;
    frontier = next;
  }
  return { ev, firstEvent, hops, reached };
}

// -------------------------------------------------------------------------------- API

/**
 * The shortest path from `a` to `b` (ids), or null when there is none. Throws a RangeError for an id
 * that is not in the graph.
 */
export function shortestPath(graph: NetworkGraph, a: string, b: string, options: PathOptions = {}): PathResult | null {
  const s = nodeIndex(graph, a);
  const t = nodeIndex(graph, b);
  if (options.dateOrdered) {
    const { ev, firstEvent } = timeLayers(graph, [s], graph.n, t);
    let k = firstEvent[t] as number;
    if (k < 0) return null;
    const nodes: number[] = [];
    const links: number[] = [];
    const times: number[] = [];
    while (k >= 0) {
      nodes.push(ev.node[k] as number);
      if ((ev.link[k] as number) >= 0) {
        links.push(ev.link[k] as number);
        times.push(ev.time[k] as number);
      }
      k = ev.parent[k] as number;
    }
    nodes.reverse();
    links.reverse();
    times.reverse();
    return { ids: nodes.map((i) => graph.ids[i] as string), nodes, links, hops: links.length, times };
  }
  const { dist, parent, parentSlot } = bfs(graph, [s], graph.n, t);
  if ((dist[t] as number) < 0) return null;
  const nodes: number[] = [];
  const links: number[] = [];
  for (let v = t; v >= 0; v = parent[v] as number) {
    nodes.push(v);
    const slot = parentSlot[v] as number;
    if (slot >= 0) links.push(graph.firstLink[slot] as number);
  }
  nodes.reverse();
  links.reverse();
  return { ids: nodes.map((i) => graph.ids[i] as string), nodes, links, hops: links.length };
}

/**
 * The nodes within `maxHops` links of `start` (an id or several: distance to the nearest), the starts
 * included at 0, ordered by hops then by discovery. Throws a RangeError for an unknown id.
 */
export function withinHops(graph: NetworkGraph, start: string | readonly string[], maxHops: number, options: PathOptions = {}): HopNode[] {
  const starts = (typeof start === 'string' ? [start] : start).map((id) => nodeIndex(graph, id));
  const limit = Number.isNaN(maxHops) ? 0 : Math.max(0, Math.floor(maxHops));
  if (options.dateOrdered) {
    const { hops, reached } = timeLayers(graph, starts, limit, -1);
    return reached.map((i) => ({ id: graph.ids[i] as string, index: i, hops: hops[i] as number }));
  }
  const { dist, order, count } = bfs(graph, starts, limit, -1);
  const out: HopNode[] = [];
  for (let q = 0; q < count; q++) {
    const i = order[q] as number;
    out.push({ id: graph.ids[i] as string, index: i, hops: dist[i] as number });
  }
  return out;
}
