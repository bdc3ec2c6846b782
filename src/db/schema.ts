/**
 * The only module that declares the IndexedDB schema (through Dexie). Every schema version is listed here
 * with its upgrade, and each version has an upgrade test in tests/db/.
 *
 * Indexes hold only ids, kinds and dates, never names or other personal data: search runs over an
 * in-memory index (src/domain/search.ts). That keeps the door open for encryption at rest (a later
 * issue): a Dexie DBCore middleware can encrypt every stored value except these non-identifying keys,
 * and no caller has to change.
 */
import Dexie, { type Table } from 'dexie';
import type { AuditRecord, Entity, IntelItem, Link, Workspace } from '../domain/model';

/** Small key/value settings kept per browser (the local user name, UI preferences). */
export interface MetaRecord {
  key: string;
  value: unknown;
}

export const DB_NAME = 'linkwall';

export class LinkwallDb extends Dexie {
  workspaces!: Table<Workspace, string>;
  entities!: Table<Entity, string>;
  links!: Table<Link, string>;
  items!: Table<IntelItem, string>;
  audit!: Table<AuditRecord, number>;
  meta!: Table<MetaRecord, string>;

  constructor(name: string = DB_NAME) {
    super(name);
    // Version 1: the foundation (issue 2).
    this.version(1).stores({
      workspaces: 'id, updatedAt',
      entities: 'id, workspaceId, [workspaceId+kind]',
      links: 'id, workspaceId, from, to',
      items: 'id, workspaceId',
      audit: '++seq, workspaceId, at',
      meta: 'key',
    });
  }
}

let shared: LinkwallDb | null = null;

/** The app's database. Tests create their own with `new LinkwallDb(uniqueName)`. */
export function getDb(): LinkwallDb {
  if (!shared) shared = new LinkwallDb();
  return shared;
}
