/**
 * The one path for writes: a use case builds a ChangeSet, `commit` stores it with its audit record in one
 * transaction, records it for undo, and notifies every view. Undo/redo commit the inverse change set
 * (audited too).
 */
import { commitChanges, invertChangeSet, type ChangeSet, type CommitOptions } from '../db/changes';
import type { LinkwallDb } from '../db/schema';
import type { AuditCategory, AuditRecord } from '../domain/model';
import { nowIso } from '../domain/util';
import { noticeOf, publish } from './changeBus';

export interface AuditInfo {
  category: AuditCategory;
  action: string;
  /** Defaults to the change set's label. */
  summary?: string;
  /** Defaults to every record id the change set touches. */
  recordIds?: string[];
  reason?: string;
}

export interface Session {
  db: LinkwallDb;
  user: string;
}

interface History {
  past: ChangeSet[];
  future: ChangeSet[];
}
const histories = new Map<string, History>();
const historyListeners = new Set<() => void>();
const HISTORY_LIMIT = 200;

function historyOf(workspaceId: string): History {
  let h = histories.get(workspaceId);
  if (!h) {
    h = { past: [], future: [] };
    histories.set(workspaceId, h);
  }
  return h;
}

function emitHistory(): void {
  for (const l of historyListeners) l();
}

export function onHistoryChange(l: () => void): () => void {
  historyListeners.add(l);
  return () => historyListeners.delete(l);
}

export function undoState(workspaceId: string): { undo: string | null; redo: string | null } {
  const h = historyOf(workspaceId);
  return { undo: h.past.at(-1)?.label ?? null, redo: h.future.at(-1)?.label ?? null };
}

function auditRecord(session: Session, cs: ChangeSet, info: AuditInfo): Omit<AuditRecord, 'seq'> {
  return {
    workspaceId: cs.workspaceId,
    at: nowIso(),
    user: session.user,
    category: info.category,
    action: info.action,
    summary: info.summary ?? cs.label,
    recordIds: info.recordIds ?? [...new Set(cs.changes.map((c) => c.id))],
    ...(info.reason ? { reason: info.reason } : {}),
  };
}

export interface CommitFlags extends CommitOptions {
  /** Keep out of the undo history (bulk loads, workspace creation). */
  noUndo?: boolean;
  /** Tell caches to reload the workspace rather than patch record by record. */
  reload?: boolean;
}

export async function commit(session: Session, cs: ChangeSet, info: AuditInfo, flags: CommitFlags = {}): Promise<void> {
  const revision = await commitChanges(session.db, cs, [auditRecord(session, cs, info)], flags);
  if (!flags.noUndo) {
    const h = historyOf(cs.workspaceId);
    h.past.push(cs);
    if (h.past.length > HISTORY_LIMIT) h.past.shift();
    h.future = [];
    emitHistory();
  }
  publish(noticeOf(cs, revision, flags.reload));
}

/** Undoes the latest change in this tab's history for the workspace. Returns its label, or null. */
export async function undo(session: Session, workspaceId: string): Promise<string | null> {
  const h = historyOf(workspaceId);
  const cs = h.past.at(-1);
  if (!cs) return null;
  const inverse = invertChangeSet(cs, `Undo: ${cs.label}`);
  const revision = await commitChanges(session.db, inverse, [auditRecord(session, inverse, { category: 'alteration', action: 'undo' })]);
  h.past.pop();
  h.future.push(cs);
  emitHistory();
  publish(noticeOf(inverse, revision));
  return cs.label;
}

export async function redo(session: Session, workspaceId: string): Promise<string | null> {
  const h = historyOf(workspaceId);
  const cs = h.future.at(-1);
  if (!cs) return null;
  const again: ChangeSet = { ...cs, label: `Redo: ${cs.label}` };
  const revision = await commitChanges(session.db, again, [auditRecord(session, again, { category: 'alteration', action: 'redo' })]);
  h.future.pop();
  h.past.push(cs);
  emitHistory();
  publish(noticeOf(cs, revision));
  return cs.label;
}

/** Forget undo history (tests; switching user). */
export function clearHistory(): void {
  histories.clear();
  emitHistory();
}

/** Appends an audit record that is not tied to a write (consultation: viewing, searching; disclosure). */
export async function logAudit(session: Session, workspaceId: string, info: AuditInfo): Promise<void> {
  await session.db.audit.add({
    workspaceId,
    at: nowIso(),
    user: session.user,
    category: info.category,
    action: info.action,
    summary: info.summary ?? info.action,
    recordIds: info.recordIds ?? [],
    ...(info.reason ? { reason: info.reason } : {}),
  });
  publish({ workspaceId, ids: {}, audit: true });
}
