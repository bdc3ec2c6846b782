/**
 * Duplicate review use cases: record a decision on a pair, merge two entities (one transaction, audited as
 * combination), unmerge exactly, and keep the last scan of the workspace.
 */
import type { RecordChange } from '../db/changes';
import { commitChanges } from '../db/changes';
import { getRecords, readAllRecords } from '../db/pages';
import type { LinkwallDb, ScanRecord } from '../db/schema';
import { entityLabel } from '../domain/labels';
import { mergeEntityFacts, rewireLinks } from '../domain/merge';
import type { Decision, Entity, MergeRecord, PairDecision } from '../domain/model';
import { pairKey } from '../domain/resolution/types';
import { deepEqual, newId, nowIso } from '../domain/util';
import { publish } from './changeBus';
import { logAudit, type Session } from './commit';

export async function recordDecision(session: Session, workspaceId: string, a: Entity, b: Entity, decision: Decision, probability?: number): Promise<PairDecision> {
  const d: PairDecision = {
    workspaceId,
    pair: pairKey(a.id, b.id),
    a: a.id,
    b: b.id,
    decision,
    ...(probability !== undefined ? { probability } : {}),
    user: session.user,
    at: nowIso(),
  };
  await session.db.transaction('rw', [session.db.decisions, session.db.audit], async () => {
    await session.db.decisions.put(d);
    await session.db.audit.add({
      workspaceId,
      at: d.at,
      user: session.user,
      category: 'combination',
      action: `decision-${decision}`,
      summary: `Duplicate review: ${entityLabel(a)} and ${entityLabel(b)} marked "${decision === 'same' ? 'Same' : decision === 'not-same' ? 'Not the same' : 'Unsure'}"`,
      recordIds: [a.id, b.id],
    });
  });
  publish({ workspaceId, ids: {}, audit: true });
  return d;
}

export function decisionsOf(db: LinkwallDb, workspaceId: string): Promise<PairDecision[]> {
  return db.decisions.where('workspaceId').equals(workspaceId).toArray();
}

/**
 * Merges `absorbedId` into `survivorId`: the survivor gains every value and citation of the absorbed
 * record, the absorbed record's links move to the survivor, and the absorbed record is kept hidden
 * (`mergedInto`) so Unmerge can restore both exactly. One transaction.
 */
export async function mergeEntities(session: Session, workspaceId: string, survivorId: string, absorbedId: string, probability?: number): Promise<MergeRecord> {
  const { db } = session;
  const [survivor, absorbed] = await getRecords(db, 'entities', workspaceId, [survivorId, absorbedId]);
  if (!survivor || !absorbed) throw new Error('One of the two records is no longer in the workspace.');
  if (survivor.kind !== absorbed.kind) throw new Error(`A ${survivor.kind} cannot be merged with a ${absorbed.kind}.`);
  if (survivor.mergedInto || absorbed.mergedInto) throw new Error('One of the two records has already been merged into another.');
  const links = await readAllRecords(db, 'links', workspaceId);
  const touching = links.filter((l) => l.from === absorbedId || l.to === absorbedId);
  const { moved, dropped } = rewireLinks(touching, absorbedId, survivorId);
  const now = nowIso();
  const merged: Entity = { ...mergeEntityFacts(survivor, absorbed), updatedAt: now };
  const hidden: Entity = { ...absorbed, mergedInto: survivorId, updatedAt: now };
  const record: MergeRecord = {
    id: newId('mg'),
    workspaceId,
    survivorId,
    absorbedId,
    survivorBefore: survivor,
    absorbedBefore: absorbed,
    survivorAfter: merged,
    linksBefore: touching,
    ...(probability !== undefined ? { probability } : {}),
    user: session.user,
    at: now,
    status: 'merged',
  };
  const changes: RecordChange[] = [
    { table: 'entities', id: survivorId, before: survivor, after: merged },
    { table: 'entities', id: absorbedId, before: absorbed, after: hidden },
    ...moved.map((l): RecordChange => ({ table: 'links', id: l.id, before: touching.find((t) => t.id === l.id) ?? null, after: l })),
    ...dropped.map((l): RecordChange => ({ table: 'links', id: l.id, before: l, after: null })),
    { table: 'merges', id: record.id, before: null, after: record },
  ];
  const label = `Merged ${entityLabel(absorbed)} into ${entityLabel(survivor)}`;
  const revision = await commitChanges(db, { workspaceId, label, changes }, [
    { workspaceId, at: now, user: session.user, category: 'combination', action: 'merge', summary: `${label}${probability !== undefined ? ` (match probability ${(probability * 100).toFixed(1)}%)` : ''}`, recordIds: [survivorId, absorbedId] },
  ]);
  await db.decisions.put({ workspaceId, pair: pairKey(survivorId, absorbedId), a: survivorId, b: absorbedId, decision: 'same', ...(probability !== undefined ? { probability } : {}), user: session.user, at: now });
  publish({ workspaceId, ids: { entities: [survivorId, absorbedId], links: touching.map((l) => l.id) }, audit: true, revision });
  return record;
}

export interface UnmergeImpact {
  record: MergeRecord;
  /** The merged record was edited after the merge: those edits are lost by an exact unmerge. */
  editedSince: boolean;
}

export async function unmergeImpact(db: LinkwallDb, mergeId: string): Promise<UnmergeImpact> {
  const record = await db.merges.get(mergeId);
  if (!record) throw new Error('That merge is no longer recorded.');
  const [now] = await getRecords(db, 'entities', record.workspaceId, [record.survivorId]);
  return { record, editedSince: !!now && !deepEqual(now, record.survivorAfter) };
}

/** Puts both records and their links back exactly as they were before the merge. One transaction. */
export async function unmerge(session: Session, mergeId: string): Promise<void> {
  const { db } = session;
  const record = await db.merges.get(mergeId);
  if (!record) throw new Error('That merge is no longer recorded.');
  if (record.status === 'unmerged') throw new Error('These records have already been unmerged.');
  const ws = record.workspaceId;
  const [survivorNow, absorbedNow] = await getRecords(db, 'entities', ws, [record.survivorId, record.absorbedId]);
  const linkIds = record.linksBefore.map((l) => l.id);
  const linksNow = await getRecords(db, 'links', ws, linkIds);
  const now = nowIso();
  const changes: RecordChange[] = [
    { table: 'entities', id: record.survivorId, before: survivorNow ?? null, after: record.survivorBefore },
    { table: 'entities', id: record.absorbedId, before: absorbedNow ?? null, after: record.absorbedBefore },
    ...record.linksBefore.map((l, i): RecordChange => ({ table: 'links', id: l.id, before: linksNow[i] ?? null, after: l })),
    { table: 'merges', id: record.id, before: record, after: { ...record, status: 'unmerged' } },
  ];
  const label = `Unmerged ${entityLabel(record.absorbedBefore)} from ${entityLabel(record.survivorBefore)}`;
  const revision = await commitChanges(db, { workspaceId: ws, label, changes }, [
    { workspaceId: ws, at: now, user: session.user, category: 'combination', action: 'unmerge', summary: label, recordIds: [record.survivorId, record.absorbedId] },
  ]);
  await db.decisions.delete([ws, pairKey(record.survivorId, record.absorbedId)]);
  publish({ workspaceId: ws, ids: { entities: [record.survivorId, record.absorbedId], links: linkIds }, audit: true, revision });
}

export function mergesOf(db: LinkwallDb, entityId: string): Promise<MergeRecord[]> {
  return db.merges.where('survivorId').equals(entityId).filter((m) => m.status === 'merged').toArray();
}

export async function saveScan(db: LinkwallDb, scan: ScanRecord): Promise<void> {
  await db.scans.put(scan);
}

export async function logScan(session: Session, workspaceId: string, summary: string): Promise<void> {
  await logAudit(session, workspaceId, { category: 'consultation', action: 'duplicate-scan', summary });
}
