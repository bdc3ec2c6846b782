/**
 * Writes to the store as change sets: every use case describes its writes as a list of
 * {table, id, before, after} and commits them, with its audit record, in ONE transaction. The same shape
 * gives undo/redo (commit the inverse) and tells the in-memory caches of every tab what changed.
 *
 * Trap: `before` is checked against what is stored (optimistic concurrency). If another tab changed the
 * record in between, the commit fails with a ConflictError and nothing is written.
 */
import type { AuditRecord, CrimeEvent, Entity, ImportRecord, IntelItem, Link, MergeRecord, QuarantineRow, Workspace } from '../domain/model';
import { deepEqual } from '../domain/util';
import type Dexie from 'dexie';
import { writeRecords, type PagedRecords, type PagedTableName, type RecordWrite } from './pages';
import type { LinkwallDb } from './schema';

export interface TableRecords {
  workspaces: Workspace;
  imports: ImportRecord;
  quarantine: QuarantineRow;
  merges: MergeRecord;
  entities: Entity;
  links: Link;
  items: IntelItem;
  events: CrimeEvent;
}
export type TableName = keyof TableRecords;
/** Tables keyed by id alone (the others are paged per workspace: see pages.ts). */
type PlainTableName = 'workspaces' | 'imports' | 'quarantine' | 'merges';
const PLAIN_TABLES: readonly TableName[] = ['workspaces', 'imports', 'quarantine', 'merges'];

export type RecordChange = {
  [T in TableName]: { table: T; id: string; before: TableRecords[T] | null; after: TableRecords[T] | null };
}[TableName];

export interface ChangeSet {
  workspaceId: string;
  /** What the user did, in words ("Edit person Darren Smith"): shown in undo/redo and the audit log. */
  label: string;
  changes: RecordChange[];
}

export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

export function invertChangeSet(cs: ChangeSet, label: string): ChangeSet {
  return {
    workspaceId: cs.workspaceId,
    label,
    changes: cs.changes
      .map((c) => ({ ...c, before: c.after, after: c.before }) as RecordChange)
      .reverse(),
  };
}

export interface CommitOptions {
  /** Skip the per-record check of `before` (bulk loads of new records: the caller guarantees absence). */
  trustBefore?: boolean;
  /** Rows of the whole workspace after this change, to store as its table snapshot (bulk loads). */
  rowSnapshot?: string[];
}

/**
 * Applies a change set and appends its audit records, atomically; bumps the workspace's revision and
 * returns the new one.
 */
export async function commitChanges(
  db: LinkwallDb,
  cs: ChangeSet,
  audit: Omit<AuditRecord, 'seq'>[],
  options: CommitOptions = {},
): Promise<number> {
  const byTable = new Map<TableName, RecordChange[]>();
  for (const c of cs.changes) {
    const list = byTable.get(c.table) ?? [];
    list.push(c);
    byTable.set(c.table, list);
  }
  const tables = [db.audit, db.revisions, db.rowCache, ...[...byTable.keys()].map((t) => db[t])];
  return db.transaction('rw', tables, async () => {
    for (const [tableName, changes] of byTable) {
      const check = options.trustBefore
        ? null
        : (current: unknown, before: unknown) => {
            if (!deepEqual(current, before)) {
              throw new ConflictError(
                `This ${describeTable(tableName)} was changed elsewhere (perhaps in another tab) before your change could be saved. Nothing was saved; please look again and repeat the change.`,
              );
            }
          };
      if (PLAIN_TABLES.includes(tableName)) {
        // One of the plain tables; the cast names the shape they share (records keyed by `id`).
        const table = db[tableName as PlainTableName] as unknown as Dexie.Table<{ id: string }, string>;
        if (check) {
          const current = await table.bulkGet(changes.map((c) => c.id));
          changes.forEach((c, i) => check(current[i] ?? null, c.before));
        }
        const puts = changes.flatMap((c) => (c.after ? [c.after] : []));
        const deletes = changes.filter((c) => !c.after).map((c) => c.id);
        if (puts.length) await table.bulkPut(puts);
        if (deletes.length) await table.bulkDelete(deletes);
      } else {
        const paged = tableName as PagedTableName;
        await writeRecords(db, paged, cs.workspaceId, changes as RecordWrite<PagedRecords[typeof paged]>[], check);
      }
    }
    if (audit.length) await db.audit.bulkAdd(audit);
    const revision = ((await db.revisions.get(cs.workspaceId))?.revision ?? 0) + 1;
    await db.revisions.put({ workspaceId: cs.workspaceId, revision });
    if (options.rowSnapshot !== undefined) await db.rowCache.put({ workspaceId: cs.workspaceId, revision, rows: options.rowSnapshot });
    return revision;
  });
}

function describeTable(t: TableName): string {
  switch (t) {
    case 'workspaces':
      return 'workspace';
    case 'entities':
      return 'entity';
    case 'links':
      return 'link';
    case 'items':
      return 'intelligence item';
    case 'events':
      return 'crime event';
    case 'imports':
      return 'import';
    case 'quarantine':
      return 'quarantined row';
    case 'merges':
      return 'merge';
  }
}
