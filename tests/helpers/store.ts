/** Test access to the paged store by record id (workspace 'ws1' unless given). */
import { countRecords, getRecord, readAllRecords, writeRecords, type PagedRecords, type PagedTableName } from '../../src/db/pages';
import type { LinkwallDb } from '../../src/db/schema';

export function rec<T extends PagedTableName>(db: LinkwallDb, table: T, id: string, ws = 'ws1'): Promise<PagedRecords[T] | undefined> {
  return getRecord(db, table, ws, id);
}

export function all<T extends PagedTableName>(db: LinkwallDb, table: T, ws = 'ws1'): Promise<PagedRecords[T][]> {
  return readAllRecords(db, table, ws);
}

export function count(db: LinkwallDb, table: PagedTableName, ws = 'ws1'): Promise<number> {
  return countRecords(db, table, ws);
}

/** Writes a record behind the services' back, as another tab or an older version might have. */
export function putRaw<T extends PagedTableName>(db: LinkwallDb, table: T, record: PagedRecords[T], ws = 'ws1'): Promise<void> {
  return db.transaction('rw', db[table], () => writeRecords(db, table, ws, [{ id: record.id, before: null, after: record }], null));
}
