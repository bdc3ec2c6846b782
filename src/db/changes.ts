/**
 * Writes to the store as change sets: every use case describes its writes as a list of
 * {table, id, before, after} and commits them, with its audit record, in ONE transaction. The same shape
 * gives undo/redo (commit the inverse) and tells the in-memory caches of every tab what changed.
 *
 * Trap: `before` is checked against what is stored (optimistic concurrency). If another tab changed the
 * record in between, the commit fails with a ConflictError and nothing is written.
 */
import type { AuditRecord, Entity, IntelItem, Link, Workspace } from '../domain/model';
import { deepEqual } from '../domain/util';
import type { LinkwallDb } from './schema';

export interface TableRecords {
  workspaces: Workspace;
  entities: Entity;
  links: Link;
  items: IntelItem;
}
export type TableName = keyof TableRecords;

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
}

/** Applies a change set and appends its audit records, atomically. */
export async function commitChanges(
  db: LinkwallDb,
  cs: ChangeSet,
  audit: Omit<AuditRecord, 'seq'>[],
  options: CommitOptions = {},
): Promise<void> {
  const byTable = new Map<TableName, RecordChange[]>();
  for (const c of cs.changes) {
    const list = byTable.get(c.table) ?? [];
    list.push(c);
    byTable.set(c.table, list);
  }
  const tables = [db.audit, ...[...byTable.keys()].map((t) => db[t])];
  await db.transaction('rw', tables, async () => {
    for (const [tableName, changes] of byTable) {
      const table = db[tableName];
      if (!options.trustBefore) {
        const current = await table.bulkGet(changes.map((c) => c.id));
        changes.forEach((c, i) => {
          if (!deepEqual(current[i] ?? null, c.before)) {
            throw new ConflictError(
              `This ${describeTable(tableName)} was changed elsewhere (perhaps in another tab) before your change could be saved. Nothing was saved; please look again and repeat the change.`,
            );
          }
        });
      }
      const puts = changes.filter((c) => c.after !== null).map((c) => c.after);
      const deletes = changes.filter((c) => c.after === null).map((c) => c.id);
      // The union type of tables makes bulkPut's parameter an intersection; each list holds this table's records.
      if (puts.length) await (table as unknown as { bulkPut(x: unknown[]): Promise<unknown> }).bulkPut(puts);
      if (deletes.length) await table.bulkDelete(deletes);
    }
    if (audit.length) await db.audit.bulkAdd(audit);
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
  }
}
