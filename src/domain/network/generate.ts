/**
 * Seeded synthetic networks for tests and benchmarks (never shown as real data): a uniform random graph
 * G(n, m) and a Watts-Strogatz small world (a ring where each node links to its k nearest, each link
 * rewired with probability p: clustered like real criminal networks, with short paths).
 */
import { mulberry32 } from '../random';
import { type EdgeInput } from './graph';

export interface SyntheticNetwork {
  ids: string[];
  edges: EdgeInput[];
}

function nodeIds(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `n${i}`);
}

/** n nodes and m distinct links chosen uniformly (no self-links, no parallel links). */
export function randomNetwork(n: number, m: number, seed = 1): SyntheticNetwork {
  const max = (n * (n - 1)) / 2;
  if (m > max) throw new RangeError(`randomNetwork: at most ${max} links on ${n} nodes`);
  const rand = mulberry32(seed);
  const ids = nodeIds(n);
  const seen = new Set<number>();
  const edges: EdgeInput[] = [];
  while (edges.length < m) {
    const a = Math.floor(rand() * n);
    const b = Math.floor(rand() * n);
    if (a === b) continue;
    const key = a < b ? a * n + b : b * n + a;
    if (seen.has(key)) continue;
    seen.add(key);
    edges.push({ from: ids[a] as string, to: ids[b] as string });
  }
  return { ids, edges };
}

/** Watts-Strogatz: n nodes, each linked to its k nearest on a ring (k even: n*k/2 links), each link's far
 *  end rewired with probability p to a uniformly chosen node (no self-links or parallel links). */
export function smallWorldNetwork(n: number, k: number, p: number, seed = 1): SyntheticNetwork {
  const rand = mulberry32(seed);
  const ids = nodeIds(n);
  const half = Math.floor(k / 2);
  const key = (a: number, b: number): number => (a < b ? a * n + b : b * n + a);
  const seen = new Set<number>();
  const pairs: [number, number][] = [];
  for (let u = 0; u < n; u++) {
    for (let j = 1; j <= half; j++) {
      const v = (u + j) % n;
      if (u === v || seen.has(key(u, v))) continue;
      seen.add(key(u, v));
      pairs.push([u, v]);
    }
  }
  for (const pair of pairs) {
    if (rand() >= p) continue;
    const [u, v] = pair;
    for (let attempt = 0; attempt < 20; attempt++) {
      const w = Math.floor(rand() * n);
      if (w === u || seen.has(key(u, w))) continue;
      seen.delete(key(u, v));
      seen.add(key(u, w));
      pair[1] = w;
      break;
    }
  }
  return { ids, edges: pairs.map(([a, b]) => ({ from: ids[a] as string, to: ids[b] as string })) };
}
