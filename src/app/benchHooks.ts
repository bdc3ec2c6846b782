/**
 * Hooks for the benchmark scripts (bench/*.bench.mjs), reachable as window.__linkwallBench. They only
 * generate fictional synthetic data in this browser's own store; nothing is sent anywhere.
 */
import { readAllRecords } from '../db/pages';
import type { LinkwallDb } from '../db/schema';
import { generateSyntheticWorkspace } from '../domain/synthetic';
import { SearchIndex } from '../domain/search';
import { storeWorkspace } from '../services/workspaces';

declare global {
  interface Window {
    __linkwallBench?: {
      storeSynthetic(count: number): Promise<{ workspaceId: string; generateMs: number; storeMs: number }>;
      searchLatency(workspaceId: string, queries: string[]): Promise<{ buildMs: number; times: number[]; hits: number[] }>;
      dropRowCache(workspaceId: string): Promise<void>;
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
