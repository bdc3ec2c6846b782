// @vitest-environment node
/**
 * src/domain/network against networkx 3.x on six published criminal networks: every node's degree,
 * betweenness, closeness and eigenvector centrality, Louvain modularity, and breadth-first distances.
 * Expected values: tests/fixtures/networks/*.expected.json (scripts/networkx/expected.py).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  analyseNetwork,
  betweennessCentrality,
  buildGraph,
  closenessCentrality,
  degreeCentrality,
  eigenvectorCentrality,
  louvain,
  modularity,
  shortestPath,
  withinHops,
  type EdgeInput,
  type NetworkGraph,
} from '../../../src/domain/network';

const DIR = 'tests/fixtures/networks';

interface LouvainExpected {
  seed: number;
  modularity: number;
  communities: string[][];
  modularity_by_seed: { seeds: number[]; values: number[]; min: number; max: number };
}
interface Expected {
  name: string;
  nodes: string[];
  n: number;
  m: number;
  degree: Record<string, number>;
  strength: Record<string, number>;
  betweenness: Record<string, number>;
  closeness: Record<string, number>;
  eigenvector: { values: Record<string, number> | null; converged: boolean };
  eigenvector_weighted: { values: Record<string, number> | null; converged: boolean };
  louvain: LouvainExpected;
  louvain_weighted: LouvainExpected;
  distances: Record<string, Record<string, number>>;
}

function loadNetwork(file: string): { nodes: string[]; edges: EdgeInput[] } {
  const lines = readFileSync(join(DIR, file), 'utf8').trim().split(/\r?\n/);
  expect(lines[0]).toBe('source,target,weight');
  const nodes: string[] = [];
  const seen = new Set<string>();
  const edges: EdgeInput[] = [];
  for (const line of lines.slice(1)) {
    const [from = '', to = '', weight = ''] = line.split(',');
    for (const id of [from, to]) {
      if (!seen.has(id)) {
        seen.add(id);
        nodes.push(id);
      }
    }
    edges.push({ from, to, weight: Number(weight) });
  }
  return { nodes, edges };
}

const networks = readdirSync(DIR)
  .filter((f) => f.endsWith('.edges.csv'))
  .sort()
  .map((file) => {
    const expected = JSON.parse(readFileSync(join(DIR, file.replace('.edges.csv', '.expected.json')), 'utf8')) as Expected;
    const { nodes, edges } = loadNetwork(file);
    return { name: expected.name, expected, nodes, graph: buildGraph(nodes, edges) };
  });

function expectClose(graph: NetworkGraph, values: Float64Array, expected: Record<string, number>, tol: number, what: string): void {
  let worst = 0;
  graph.ids.forEach((id, i) => {
    const want = expected[id];
    expect(want, `${what}: networkx has no value for ${id}`).toBeTypeOf('number');
    const diff = Math.abs((values[i] as number) - (want as number));
    worst = Math.max(worst, diff);
    if (diff > tol) expect.fail(`${what} of ${id}: ${values[i]} vs networkx ${want} (|diff| ${diff} > ${tol})`);
  });
  expect(worst).toBeLessThanOrEqual(tol);
}

describe('networks against networkx', () => {
  it('finds all six fixture networks', () => {
    expect(networks.map((n) => n.name)).toEqual(['ITALIAN_GANGS', 'LONDON_GANG', 'MONTREALGANG', 'luciaetal_montagna', 'morselli_siren', 'morselli_togo']);
  });

  describe.each(networks)('$name', ({ expected, nodes, graph }) => {
    it('has networkx node order, node and edge counts', () => {
      expect(graph.ids).toEqual(expected.nodes);
      expect(nodes.length).toBe(expected.n);
      expect(graph.n).toBe(expected.n);
      expect(graph.m).toBe(expected.m);
    });

    it('degree centrality and strength match', () => {
      expectClose(graph, degreeCentrality(graph), expected.degree, 1e-12, 'degree');
      expectClose(graph, degreeCentrality(graph, true), expected.strength, 1e-9, 'strength');
    });

    it('betweenness matches within 1e-6 (single precision, the default) and 1e-12 (double)', () => {
      expectClose(graph, betweennessCentrality(graph), expected.betweenness, 1e-6, 'betweenness');
      expectClose(graph, betweennessCentrality(graph, 'double'), expected.betweenness, 1e-12, 'betweenness');
    });

    it('closeness (Wasserman-Faust) matches within 1e-6', () => {
      expectClose(graph, closenessCentrality(graph), expected.closeness, 1e-6, 'closeness');
    });

    it('eigenvector centrality matches within 1e-4, unweighted and weighted', () => {
      for (const [weighted, exp] of [
        [false, expected.eigenvector],
        [true, expected.eigenvector_weighted],
      ] as const) {
        const r = eigenvectorCentrality(graph, { weighted });
        expect(r.converged).toBe(exp.converged);
        if (exp.values) expectClose(graph, r.values, exp.values, 1e-4, weighted ? 'weighted eigenvector' : 'eigenvector');
      }
    });

    it('analyseNetwork gives the same values, with ranks', async () => {
      const a = await analyseNetwork(graph);
      expect(Array.from(a.degree?.values ?? [])).toEqual(Array.from(degreeCentrality(graph)));
      expectClose(graph, a.betweenness?.values ?? new Float64Array(), expected.betweenness, 1e-6, 'betweenness');
      expectClose(graph, a.closeness?.values ?? new Float64Array(), expected.closeness, 1e-6, 'closeness');
      if (expected.eigenvector.values) expectClose(graph, a.eigenvector?.values ?? new Float64Array(), expected.eigenvector.values, 1e-4, 'eigenvector');
      // The top-ranked node by betweenness is networkx's top node.
      const top = Object.entries(expected.betweenness).sort((x, y) => y[1] - x[1])[0]?.[0] as string;
      expect(a.betweenness?.ranks[graph.index.get(top) as number]).toBe(1);
    });

    it.each([
      ['unweighted', false],
      ['weighted', true],
    ] as const)('Louvain (%s): modularity within 0.02 of networkx or higher, and our modularity() agrees with networkx', (_, weighted) => {
      const exp = weighted ? expected.louvain_weighted : expected.louvain;
      // Our modularity of networkx's own partition is networkx's modularity.
      const labels = new Int32Array(graph.n);
      exp.communities.forEach((c, k) => c.forEach((id) => (labels[graph.index.get(id) as number] = k)));
      expect(modularity(graph, labels, { weighted })).toBeCloseTo(exp.modularity, 10);

      for (const seed of [1, 2, 3, 42]) {
        const r = louvain(graph, { seed, weighted });
        expect(r.modularity).toBeGreaterThanOrEqual(exp.modularity - 0.02);
        expect(r.modularity).toBeCloseTo(modularity(graph, r.community, { weighted }), 12);
        expect(r.sizes.reduce((s, x) => s + x, 0)).toBe(graph.n);
      }
    });

    it('breadth-first distances and paths match networkx', () => {
      for (const [source, dist] of Object.entries(expected.distances)) {
        const within = withinHops(graph, source, Infinity);
        const got = Object.fromEntries(within.map((h) => [h.id, h.hops]));
        expect(got).toEqual(dist);
        for (const [target, d] of Object.entries(dist)) {
          const p = shortestPath(graph, source, target);
          expect(p?.hops).toBe(d);
        }
        const unreachable = graph.ids.filter((id) => !(id in dist));
        for (const target of unreachable) expect(shortestPath(graph, source, target)).toBeNull();
      }
    });
  });
});
