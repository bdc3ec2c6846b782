/// <reference lib="webworker" />
/**
 * The duplicate scan, off the page's main thread: reads the workspace, resolves its people (and its
 * vehicles, phones, addresses and businesses) with the engine in src/domain/resolution, leaves out pairs
 * an analyst said are not the same, and stores the candidate pairs as the workspace's latest scan.
 * Progress is posted; Cancel stops it between slices.
 */
import { readAllRecords } from '../db/pages';
import { getDb } from '../db/schema';
import { resolveOthers } from '../domain/resolution/others';
import { resolvePeople } from '../domain/resolution/people';
import { pairKey, ResolutionCancelled } from '../domain/resolution/types';
import { recordsFromWorkspace } from '../domain/resolution/workspace';

declare const self: DedicatedWorkerGlobalScope;

export type ToResolveWorker = { type: 'scan'; jobId: string; workspaceId: string } | { type: 'cancel'; jobId: string };
export type FromResolveWorker =
  | { type: 'progress'; jobId: string; phase: string; fraction: number }
  | { type: 'done'; jobId: string; pairs: number; records: number; ms: number }
  | { type: 'cancelled'; jobId: string }
  | { type: 'error'; jobId: string; message: string };

const MAX_PAIRS = 5000;
const cancelled = new Set<string>();

function post(m: FromResolveWorker): void {
  self.postMessage(m);
}

async function scan(jobId: string, workspaceId: string): Promise<void> {
  const db = getDb();
  const t0 = performance.now();
  const [entities, links, decisions, rev] = await db.transaction('r', [db.entities, db.links, db.decisions, db.revisions], () =>
    Promise.all([
      readAllRecords(db, 'entities', workspaceId),
      readAllRecords(db, 'links', workspaceId),
      db.decisions.where('workspaceId').equals(workspaceId).toArray(),
      db.revisions.get(workspaceId),
    ]),
  );
  const records = recordsFromWorkspace(entities, links);
  const cannotLink = new Set(decisions.filter((d) => d.decision === 'not-same').map((d) => pairKey(d.a, d.b)));
  const result = await resolvePeople(
    records,
    { cannotLink },
    (p) => post({ type: 'progress', jobId, phase: p.phase, fraction: p.fraction }),
    () => cancelled.has(jobId),
  );
  // Vehicles, phones and handles, addresses and businesses too (quick: exact and fuzzy keys).
  const others = resolveOthers(entities, links, { cannotLink }).pairs.map((p) => ({ ...p, merged: false }));
  const pairs = [...result.pairs, ...others].sort((a, b) => b.probability - a.probability).slice(0, MAX_PAIRS);
  await db.scans.put({
    workspaceId,
    revision: rev?.revision ?? 0,
    at: new Date().toISOString(),
    pairs: JSON.stringify(pairs),
    stats: { ...result.stats, shownPairs: pairs.length },
  });
  post({ type: 'done', jobId, pairs: pairs.length, records: records.length, ms: performance.now() - t0 });
}

self.onmessage = (ev: MessageEvent<ToResolveWorker>) => {
  const msg = ev.data;
  if (msg.type === 'cancel') {
    cancelled.add(msg.jobId);
    return;
  }
  scan(msg.jobId, msg.workspaceId).catch((err: unknown) => {
    if (err instanceof ResolutionCancelled) post({ type: 'cancelled', jobId: msg.jobId });
    else post({ type: 'error', jobId: msg.jobId, message: err instanceof Error ? err.message : String(err) });
  });
};
