/**
 * Paged storage for a workspace's entities, links and intelligence items.
 *
 * Why pages: IndexedDB costs about 0.07-0.1 ms per stored record whatever its size, so 100,000 entities
 * written one record each take 7-10 s, and reading them back 1.5-2.5 s. Each workspace's records are
 * therefore kept in PAGE_COUNT page records, keyed [workspaceId, page]; a record's page is a hash of its
 * id, so it can be found without a directory. Storing 100,000 entities is ~256 writes; an edit rewrites one
 * page (a few hundred records at that size: milliseconds).
 *
 * Callers never see pages: they get and put records by id through these functions and db/changes.ts.
 * Trap: never write a page outside a transaction that also read it (lost updates); commitChanges does
 * the read-check-write in one transaction.
 */
import Dexie from 'dexie';
import type { CrimeEvent, Entity, IntelItem, Link } from '../domain/model';
import type { LinkwallDb } from './schema';

export const PAGE_COUNT = 256;

export interface PagedRecords {
  entities: Entity;
  links: Link;
  items: IntelItem;
  events: CrimeEvent;
}
export type PagedTableName = keyof PagedRecords;
export const PAGED_TABLES: readonly PagedTableName[] = ['entities', 'links', 'items', 'events'];

export interface PageRecord<T> {
  workspaceId: string;
  page: number;
  records: Record<string, T>;
}

/** FNV-1a hash of the id, modulo PAGE_COUNT. Stable forever: changing it would lose records. */
export function pageOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % PAGE_COUNT;
}

function table<T extends PagedTableName>(db: LinkwallDb, name: T): Dexie.Table<PageRecord<PagedRecords[T]>, [string, number]> {
  return db[name] as unknown as Dexie.Table<PageRecord<PagedRecords[T]>, [string, number]>;
}

function workspaceRange<T extends PagedTableName>(db: LinkwallDb, name: T, workspaceId: string) {
  return table(db, name).where('[workspaceId+page]').between([workspaceId, Dexie.minKey], [workspaceId, Dexie.maxKey], true, true);
}

const READ_BATCH = 16;

/**
 * Every record of a table in a workspace. Pages are read in batches, each delivered in its own task, so a
 * 100,000-record workspace never blocks the page for long while it loads.
 */
export async function readAllRecords<T extends PagedTableName>(db: LinkwallDb, name: T, workspaceId: string): Promise<PagedRecords[T][]> {
  const out: PagedRecords[T][] = [];
  for (let first = 0; first < PAGE_COUNT; first += READ_BATCH) {
    const pages = await table(db, name)
      .where('[workspaceId+page]')
      .between([workspaceId, first], [workspaceId, first + READ_BATCH], true, false)
      .toArray();
    for (const p of pages) for (const r of Object.values(p.records)) out.push(r);
  }
  return out;
}

export async function countRecords(db: LinkwallDb, name: PagedTableName, workspaceId: string): Promise<number> {
  let n = 0;
  await workspaceRange(db, name, workspaceId).each((p) => {
    n += Object.keys(p.records).length;
  });
  return n;
}

/** Records by id (undefined where absent), in the order asked. */
export async function getRecords<T extends PagedTableName>(
  db: LinkwallDb,
  name: T,
  workspaceId: string,
  ids: readonly string[],
): Promise<(PagedRecords[T] | undefined)[]> {
  if (!ids.length) return [];
  const pageNos = [...new Set(ids.map(pageOf))];
  const pages = await table(db, name).bulkGet(pageNos.map((p) => [workspaceId, p] as [string, number]));
  const byNo = new Map(pageNos.map((p, i) => [p, pages[i]] as const));
  return ids.map((id) => byNo.get(pageOf(id))?.records[id]);
}

export async function getRecord<T extends PagedTableName>(db: LinkwallDb, name: T, workspaceId: string, id: string): Promise<PagedRecords[T] | undefined> {
  return (await getRecords(db, name, workspaceId, [id]))[0];
}

export interface RecordWrite<R> {
  id: string;
  before: R | null;
  after: R | null;
}

/**
 * Applies writes to one table of one workspace: reads the pages concerned, checks each record's `before`
 * with `check` (unless null), and writes the pages back. Must run inside a transaction covering the table.
 */
export async function writeRecords<T extends PagedTableName>(
  db: LinkwallDb,
  name: T,
  workspaceId: string,
  writes: readonly RecordWrite<PagedRecords[T]>[],
  check: ((current: PagedRecords[T] | null, before: PagedRecords[T] | null) => void) | null,
): Promise<void> {
  const pageNos = [...new Set(writes.map((w) => pageOf(w.id)))];
  const t = table(db, name);
  const existing = await t.bulkGet(pageNos.map((p) => [workspaceId, p] as [string, number]));
  const pages = new Map<number, PageRecord<PagedRecords[T]>>();
  pageNos.forEach((p, i) => pages.set(p, existing[i] ?? { workspaceId, page: p, records: {} }));
  for (const w of writes) {
    const page = pages.get(pageOf(w.id));
    if (!page) continue;
    if (check) check(page.records[w.id] ?? null, w.before);
    if (w.after) page.records[w.id] = w.after;
    else delete page.records[w.id];
  }
  const toPut = [...pages.values()].filter((p) => Object.keys(p.records).length > 0);
  const toDelete = [...pages.values()].filter((p) => Object.keys(p.records).length === 0).map((p) => [p.workspaceId, p.page] as [string, number]);
  if (toPut.length) await t.bulkPut(toPut);
  if (toDelete.length) await t.bulkDelete(toDelete);
}

/** Deletes every page of a workspace in the table. */
export async function deleteAllRecords(db: LinkwallDb, name: PagedTableName, workspaceId: string): Promise<void> {
  await workspaceRange(db, name, workspaceId).delete();
}
