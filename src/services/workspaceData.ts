/**
 * An in-memory copy of one workspace's records, loaded once and then patched record by record from change
 * notices (this tab's commits and other tabs', through the change bus). Views read snapshots of it through
 * hooks/useWorkspaceData; with 100,000 entities, re-querying IndexedDB on every edit would be too slow.
 *
 * Opening is in two phases, because reading 100,000 full records takes seconds:
 *   1. the stored table snapshot (rowCache) if it matches the workspace's revision: the Entities table is
 *      usable at once (`complete` false: entities/links/items are still empty);
 *   2. the full records; rows are then kept up to date incrementally, and the snapshot is re-saved a
 *      little after changes stop.
 * The search index is built after phase 2, in slices, so the page stays responsive.
 */
import { getRecords, readAllRecords } from '../db/pages';
import type { LinkwallDb } from '../db/schema';
import type { Entity, Id, IntelItem, Link, Workspace } from '../domain/model';
import { entitySources } from '../domain/provenance';
import { entityLabel } from '../domain/labels';
import { compareRows, encodeRowSnapshot, toEntityRow, type EntityRow } from '../domain/rows';
import { SearchIndex } from '../domain/search';
import { onChange, type ChangeNotice } from './changeBus';

export interface WorkspaceSnapshot {
  workspaceId: Id;
  workspace: Workspace | null;
  entities: ReadonlyMap<Id, Entity>;
  links: ReadonlyMap<Id, Link>;
  items: ReadonlyMap<Id, IntelItem>;
  /** Table rows of the live entities, sorted by label. */
  rows: readonly EntityRow[];
  /** Bumps on every change: a cheap key for memoised derivations. */
  version: number;
  /** True until the workspace record (and the table rows, from the snapshot or in full) are read. */
  loading: boolean;
  /** True once every record is in memory (phase 2). */
  complete: boolean;
  /** Null until built; patched incrementally after. */
  search: SearchIndex | null;
  /** Load error in words, if the store could not be read. */
  error: string | null;
}

const SNAPSHOT_DELAY_MS = 3000;
const SLICE = 5000;

/** Lets the page handle input and paint when this task has run for a while (about 40 ms). */
let sliceStart = 0;
async function maybeYield(): Promise<void> {
  const now = performance.now();
  if (now - sliceStart < 40) return;
  await new Promise((resolve) => setTimeout(resolve, 0));
  sliceStart = performance.now();
}

async function inSlices<T>(list: readonly T[], each: (x: T) => void): Promise<void> {
  for (let i = 0; i < list.length; i += SLICE) {
    const end = Math.min(list.length, i + SLICE);
    for (let k = i; k < end; k++) each(list[k] as T);
    if (end < list.length) await maybeYield();
  }
}

export class WorkspaceData {
  private entities = new Map<Id, Entity>();
  private links = new Map<Id, Link>();
  private items = new Map<Id, IntelItem>();
  private adjacency = new Map<Id, Set<Id>>();
  private rowsById = new Map<Id, EntityRow>();
  private sortedRows: EntityRow[] = [];
  private rowsDirty = false;
  private workspace: Workspace | null = null;
  private index: SearchIndex | null = null;
  private listeners = new Set<() => void>();
  private snapshot: WorkspaceSnapshot;
  private version = 0;
  private loading = true;
  private complete = false;
  private error: string | null = null;
  private unsubscribe: () => void;
  private loadToken = 0;
  /** The highest workspace revision whose changes are in memory. */
  private revision = 0;
  private snapshotTimer: ReturnType<typeof setTimeout> | null = null;
  private pending: ChangeNotice[] = [];
  private changedWhileIndexing = new Set<Id>();

  constructor(
    private readonly db: LinkwallDb,
    readonly workspaceId: Id,
  ) {
    this.snapshot = this.makeSnapshot();
    this.unsubscribe = onChange((n) => this.onNotice(n));
    void this.load();
  }

  dispose(): void {
    this.unsubscribe();
    this.listeners.clear();
    this.loadToken++;
    if (this.snapshotTimer) clearTimeout(this.snapshotTimer);
  }

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  getSnapshot = (): WorkspaceSnapshot => this.snapshot;

  private makeSnapshot(): WorkspaceSnapshot {
    if (this.rowsDirty) {
      this.sortedRows = [...this.rowsById.values()].sort(compareRows);
      this.rowsDirty = false;
    }
    return {
      workspaceId: this.workspaceId,
      workspace: this.workspace,
      entities: this.entities,
      links: this.links,
      items: this.items,
      rows: this.sortedRows,
      version: this.version,
      loading: this.loading,
      complete: this.complete,
      search: this.index,
      error: this.error,
    };
  }

  private emit(): void {
    this.version++;
    this.snapshot = this.makeSnapshot();
    for (const l of this.listeners) l();
  }

  async load(): Promise<void> {
    const token = ++this.loadToken;
    const { db, workspaceId } = this;
    this.complete = false;
    try {
      // Phase 1: the workspace and, if current, its table snapshot.
      const [workspace, rev, cache] = await db.transaction('r', [db.workspaces, db.revisions, db.rowCache], () =>
        Promise.all([db.workspaces.get(workspaceId), db.revisions.get(workspaceId), db.rowCache.get(workspaceId)]),
      );
      if (token !== this.loadToken) return;
      this.workspace = workspace ?? null;
      if (cache && cache.revision === (rev?.revision ?? 0) && this.loading) {
        const rows: EntityRow[] = [];
        for (const chunk of cache.rows) {
          for (const r of JSON.parse(chunk) as EntityRow[]) rows.push(r);
          await maybeYield();
          if (token !== this.loadToken) return;
        }
        this.rowsById = new Map(rows.map((r) => [r.id, r]));
        this.sortedRows = rows;
        this.loading = false;
        this.emit();
      }
      // Phase 2: every record.
      const [entities, links, items, rev2] = await db.transaction('r', [db.entities, db.links, db.items, db.revisions], () =>
        Promise.all([
          readAllRecords(db, 'entities', workspaceId),
          readAllRecords(db, 'links', workspaceId),
          readAllRecords(db, 'items', workspaceId),
          db.revisions.get(workspaceId),
        ]),
      );
      if (token !== this.loadToken) return;
      this.revision = rev2?.revision ?? 0;
      // Built in slices: a workspace with 300,000 links would otherwise block the page for a while.
      const entityMap = new Map<Id, Entity>();
      const linkMap = new Map<Id, Link>();
      const adjacency = new Map<Id, Set<Id>>();
      await inSlices(entities, (e) => entityMap.set(e.id, e));
      await inSlices(links, (l) => {
        linkMap.set(l.id, l);
        for (const end of [l.from, l.to]) {
          let set = adjacency.get(end);
          if (!set) adjacency.set(end, (set = new Set()));
          set.add(l.id);
        }
      });
      if (token !== this.loadToken) return;
      this.entities = entityMap;
      this.links = linkMap;
      this.items = new Map(items.map((i) => [i.id, i]));
      this.adjacency = adjacency;
      // Rows from a current snapshot are exact: recompute them only when there was none (saves seconds
      // of main-thread work at 100,000 entities).
      if (!cache || cache.revision !== this.revision || this.rowsById.size === 0) {
        const rowsById = new Map<Id, EntityRow>();
        await inSlices(entities, (e) => {
          if (!e.mergedInto) rowsById.set(e.id, this.rowOf(e));
        });
        if (token !== this.loadToken) return;
        this.rowsById = rowsById;
        this.rowsDirty = true;
      }
      this.index = null;
      this.error = null;
      this.complete = true;
      if (!cache || cache.revision !== this.revision) this.scheduleSnapshotSave();
    } catch (err) {
      this.error = `The workspace could not be read from this browser's storage: ${(err as Error).message}`;
    }
    this.loading = false;
    this.emit();
    // Changes announced while loading are applied now (most are already in what was read).
    const pending = this.pending;
    this.pending = [];
    for (const n of pending) await this.applyNotice(n);
    if (!this.error) setTimeout(() => this.buildIndex(token), 30);
  }

  private rowOf(e: Entity): EntityRow {
    const linkIds = this.adjacency.get(e.id);
    const people: string[] = [];
    if (e.kind !== 'person' && linkIds) {
      for (const lid of linkIds) {
        const l = this.links.get(lid);
        const other = l ? this.entities.get(l.from === e.id ? l.to : l.from) : undefined;
        if (other?.kind === 'person') {
          const label = entityLabel(other);
          if (!people.includes(label)) people.push(label);
        }
      }
    }
    return toEntityRow(e, this.items, linkIds?.size ?? 0, people);
  }

  /** Builds the search index in slices so the page stays responsive. */
  private buildIndex(token: number): void {
    const all = [...this.entities.values()];
    const index = new SearchIndex();
    let i = 0;
    const step = (): void => {
      if (token !== this.loadToken) return;
      const end = Math.min(all.length, i + 5000);
      for (; i < end; i++) {
        const e = all[i];
        if (e) index.upsert(e);
      }
      if (i < all.length) setTimeout(step, 0);
      else {
        // Entities changed while the index was being built are patched in.
        for (const id of this.changedWhileIndexing) {
          const e = this.entities.get(id);
          if (e) index.upsert(e);
          else index.remove(id);
        }
        this.changedWhileIndexing.clear();
        this.index = index;
        this.emit();
      }
    };
    step();
  }

  /** Saves the table snapshot once changes have settled, if nothing newer was committed meanwhile. */
  private scheduleSnapshotSave(): void {
    if (this.snapshotTimer) clearTimeout(this.snapshotTimer);
    this.snapshotTimer = setTimeout(() => {
      this.snapshotTimer = null;
      if (!this.complete) return;
      const rows = encodeRowSnapshot(this.makeSnapshot().rows);
      const { db, workspaceId, revision } = this;
      void db
        .transaction('rw', [db.revisions, db.rowCache], async () => {
          const current = (await db.revisions.get(workspaceId))?.revision ?? 0;
          if (current === revision) await db.rowCache.put({ workspaceId, revision, rows });
        })
        .catch(() => {
          // A snapshot is only a cache: if it cannot be saved, the next open reads the full records.
        });
    }, SNAPSHOT_DELAY_MS);
  }

  private addAdjacency(l: Link): void {
    for (const end of [l.from, l.to]) {
      let s = this.adjacency.get(end);
      if (!s) this.adjacency.set(end, (s = new Set()));
      s.add(l.id);
    }
  }

  private removeAdjacency(l: Link): void {
    this.adjacency.get(l.from)?.delete(l.id);
    this.adjacency.get(l.to)?.delete(l.id);
  }

  /** The links that touch an entity. */
  linksOf(entityId: Id): Link[] {
    const ids = this.adjacency.get(entityId);
    if (!ids) return [];
    const out: Link[] = [];
    for (const id of ids) {
      const l = this.links.get(id);
      if (l) out.push(l);
    }
    return out;
  }

  private onNotice(n: ChangeNotice): void {
    if (n.workspaceId !== this.workspaceId) return;
    if (!this.complete && !n.reload) {
      this.pending.push(n);
      return;
    }
    void this.applyNotice(n);
  }

  private async applyNotice(n: ChangeNotice): Promise<void> {
    if (n.reload) {
      this.loading = true;
      await this.load();
      return;
    }
    const { db } = this;
    const entityIds = n.ids.entities ?? [];
    const linkIds = n.ids.links ?? [];
    const itemIds = n.ids.items ?? [];
    const wsIds = n.ids.workspaces ?? [];
    if (!entityIds.length && !linkIds.length && !itemIds.length && !wsIds.length) return;
    const ws = this.workspaceId;
    const [entities, links, items, workspace] = await db.transaction('r', [db.entities, db.links, db.items, db.workspaces], () =>
      Promise.all([
        getRecords(db, 'entities', ws, entityIds),
        getRecords(db, 'links', ws, linkIds),
        getRecords(db, 'items', ws, itemIds),
        wsIds.length ? db.workspaces.get(ws) : Promise.resolve(undefined),
      ]),
    );
    const touched = new Set<Id>();
    itemIds.forEach((id, i) => {
      const it = items[i];
      if (it) this.items.set(id, it);
      else this.items.delete(id);
    });
    linkIds.forEach((id, i) => {
      const old = this.links.get(id);
      if (old) {
        this.removeAdjacency(old);
        touched.add(old.from).add(old.to);
      }
      const l = links[i];
      if (l) {
        this.links.set(id, l);
        this.addAdjacency(l);
        touched.add(l.from).add(l.to);
      } else this.links.delete(id);
    });
    entityIds.forEach((id, i) => {
      const e = entities[i];
      touched.add(id);
      if (!this.index) this.changedWhileIndexing.add(id);
      if (e) {
        this.entities.set(id, e);
        this.index?.upsert(e);
      } else {
        this.entities.delete(id);
        this.index?.remove(id);
      }
    });
    if (itemIds.length) {
      // An item's agency may have changed: refresh the rows of the entities citing it.
      const changed = new Set(itemIds);
      for (const e of this.entities.values()) if (entitySources(e).some((s) => changed.has(s))) touched.add(e.id);
    }
    for (const id of [...touched]) {
      if (this.entities.get(id)?.kind !== 'person') continue;
      for (const l of this.linksOf(id)) touched.add(l.from === id ? l.to : l.from);
    }
    for (const id of touched) {
      const e = this.entities.get(id);
      if (e && !e.mergedInto) this.rowsById.set(id, this.rowOf(e));
      else this.rowsById.delete(id);
    }
    this.rowsDirty = true;
    if (wsIds.length) this.workspace = workspace ?? null;
    if (n.revision !== undefined && n.revision > this.revision) this.revision = n.revision;
    this.emit();
    this.scheduleSnapshotSave();
  }
}
