/**
 * Hooks for the benchmark scripts (bench/*.bench.mjs), reachable as window.__linkwallBench. They only
 * generate fictional synthetic data in this browser's own store; nothing is sent anywhere.
 */
import { readAllRecords, writeRecords } from '../db/pages';
import type { LinkwallDb } from '../db/schema';
import { generateSyntheticWorkspace } from '../domain/synthetic';
import { SearchIndex } from '../domain/search';
import { storeWorkspace } from '../services/workspaces';
import { saveWall } from '../services/walls';
import type { CrimeEvent, Link } from '../domain/model';
import { MEASURES, randomNetwork, smallWorldNetwork } from '../domain/network';
import { analyseInWorkers, networkPool } from '../graph/networkClient';

declare global {
  interface Window {
    __linkwallBench?: {
      storeSynthetic(count: number): Promise<{ workspaceId: string; generateMs: number; storeMs: number }>;
      searchLatency(workspaceId: string, queries: string[]): Promise<{ buildMs: number; times: number[]; hits: number[] }>;
      dropRowCache(workspaceId: string): Promise<void>;
      storeSyntheticGraph(nodes: number, links: number): Promise<{ workspaceId: string; storeMs: number }>;
      /** A workspace of 200 entities and `count` street-level crime events scattered over London (seeded). */
      storeSyntheticEvents(count: number): Promise<{ workspaceId: string; storeMs: number }>;
      /** The map's Leaflet instance, once the map is open. */
      map?: unknown;
      /** The chart's Cytoscape instance, once a chart is open (for pan/zoom frame rates). */
      cy?: unknown;
      /** A seeded synthetic network (uniform random, or a Watts-Strogatz small world with k = 2 links / nodes,
       *  p = 0.1), then all four centralities and Louvain groups of it in the analysis workers, as the chart
       *  runs them, with the workers started first (as the chart does when it opens). `ms` is the analysis
       *  alone; startedAt / endedAt (performance.now()) bound it. */
      analyseSyntheticNetwork(
        kind: 'random' | 'smallworld',
        nodes?: number,
        links?: number,
      ): Promise<{ n: number; m: number; generateMs: number; ms: number; startedAt: number; endedAt: number; workers: number; groups: number; modularity: number; searchMs: number }>;
    };
  }
}

export function registerBenchHooks(db: LinkwallDb, user: string): void {
  window.__linkwallBench = {
    async storeSynthetic(count) {
      const t0 = performance.now();
      const ws = generateSyntheticWorkspace(count);
      const t1 = performance.now();
      await storeWorkspace({ db, user }, { ...ws, links: [] }, 'load-synthetic', `Stored synthetic workspace of ${count} entities`);
      const t2 = performance.now();
      return { workspaceId: ws.workspace.id, generateMs: t1 - t0, storeMs: t2 - t1 };
    },
    async storeSyntheticEvents(count) {
      const t0 = performance.now();
      const ws = generateSyntheticWorkspace(200, 3);
      await storeWorkspace({ db, user }, { ...ws, links: [] }, 'load-synthetic', `Stored synthetic workspace for ${count} crime events`);
      let seed = 7;
      const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
      const types = ['Anti-social behaviour', 'Violence and sexual offences', 'Theft from the person', 'Shoplifting', 'Burglary', 'Vehicle crime', 'Drugs', 'Criminal damage and arson'];
      const events: CrimeEvent[] = [];
      for (let i = 0; i < count; i++) {
        // Denser towards a few centres, as street crime is.
        const centre = [
          [51.515, -0.09],
          [51.507, -0.128],
          [51.545, -0.055],
          [51.46, -0.115],
        ][i % 4]!;
        const r = rnd() ** 1.6 * 0.09;
        const a = rnd() * Math.PI * 2;
        events.push({
          id: `${ws.workspace.id}-ev-${i}`,
          workspaceId: ws.workspace.id,
          month: `2018-${String(1 + (i % 12)).padStart(2, '0')}`,
          reportedBy: 'Synthetic Police',
          fallsWithin: 'Synthetic Police',
          location: { lat: centre[0]! + r * Math.sin(a), lng: centre[1]! + r * Math.cos(a) * 1.6 },
          locationText: 'On or near a synthetic street',
          lsoaCode: 'E01000000',
          lsoaName: 'Synthetic 001A',
          crimeType: types[i % types.length]!,
          outcome: '',
          context: '',
          origin: { importId: 'synthetic', fileName: 'synthetic.csv', row: i + 2 },
        });
      }
      await db.transaction('rw', db.events, () => writeRecords(db, 'events', ws.workspace.id, events.map((e) => ({ id: e.id, before: null, after: e })), null));
      return { workspaceId: ws.workspace.id, storeMs: performance.now() - t0 };
    },
    async storeSyntheticGraph(nodeCount, linkCount) {
      const t0 = performance.now();
      const ws = generateSyntheticWorkspace(nodeCount, 11);
      const people = ws.entities.map((e) => e.id);
      const links: Link[] = [];
      let seed = 5;
      const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
      // Clustered like real networks: most links stay within a group of 50, some cross.
      for (let i = 0; i < linkCount; i++) {
        const a = Math.floor(rnd() * people.length);
        const b = rnd() < 0.8 ? Math.min(people.length - 1, Math.floor(a / 50) * 50 + Math.floor(rnd() * 50)) : Math.floor(rnd() * people.length);
        if (a === b) continue;
        links.push({ id: `${ws.workspace.id}-l-${i}`, workspaceId: ws.workspace.id, type: 'associate', from: people[a] as string, to: people[b] as string, dateFrom: '2026-01-01', sources: [ws.items[0]?.id ?? ''], createdAt: ws.workspace.createdAt, updatedAt: ws.workspace.createdAt });
      }
      await storeWorkspace({ db, user }, { ...ws, links }, 'load-synthetic', `Stored synthetic graph of ${nodeCount} entities and ${links.length} links`);
      await saveWall(db, ws.workspace.id, { nodes: people, positions: {} });
      return { workspaceId: ws.workspace.id, storeMs: performance.now() - t0 };
    },
    async analyseSyntheticNetwork(kind, nodeCount = 10_000, linkCount = 50_000) {
      networkPool().warm(); // as the chart's analysis panel does when the chart opens
      const t0 = performance.now();
      const net = kind === 'random' ? randomNetwork(nodeCount, linkCount, 2026) : smallWorldNetwork(nodeCount, Math.round((2 * linkCount) / nodeCount), 0.1, 2026);
      const generateMs = performance.now() - t0;
      // Let the generation's task end first, so the analysis is measured (and watched for long tasks) alone.
      await new Promise((resolve) => setTimeout(resolve, 50));
      const startedAt = performance.now();
      const r = await analyseInWorkers(net.ids, net.edges, { measures: MEASURES, groups: true });
      const endedAt = performance.now();
      return {
        n: net.ids.length,
        m: net.edges.length,
        generateMs,
        ms: r.ms,
        startedAt,
        endedAt,
        workers: r.workers,
        groups: r.groups?.count ?? 0,
        modularity: r.groups?.modularity ?? 0,
        searchMs: r.analysis.ms.betweenness ?? 0,
      };
    },
    async dropRowCache(workspaceId) {
      await db.rowCache.delete(workspaceId);
    },
    async searchLatency(workspaceId, queries) {
      const entities = await readAllRecords(db, 'entities', workspaceId);
      const t0 = performance.now();
      const index = new SearchIndex(entities);
      const buildMs = performance.now() - t0;
      const times: number[] = [];
      const hits: number[] = [];
      for (const q of queries) {
        const s = performance.now();
        hits.push(index.search(q).total);
        times.push(performance.now() - s);
      }
      return { buildMs, times, hits };
    },
  };
}

/** Lets the benchmarks reach the chart's Cytoscape instance (only when the bench hooks are present). */
export function exposeChartForBench(cy: unknown): void {
  if (window.__linkwallBench) window.__linkwallBench.cy = cy;
}

/** The map's Leaflet instance, once the map is open (for benches and browser tests). */
export function exposeMapForBench(map: unknown): void {
  if (window.__linkwallBench) window.__linkwallBench.map = map;
}
