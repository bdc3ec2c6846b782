/**
 * An in-memory copy of one workspace's records, loaded once and then patched record by record from change
 * notices (this tab's commits and other tabs', through the change bus). Views read snapshots of it through
 * hooks/useWorkspaceData; with 100,000 entities, re-querying IndexedDB on every edit would be too slow.
 *
 * The search index is built after the first load, in slices, so the table is usable at once.
 */
import type { LinkwallDb } from '../db/schema';
import { AGENCY_TYPES, type AgencyType, type Entity, type Id, type IntelItem, type Link, type Workspace } from '../domain/model';
import { entitySources } from '../domain/provenance';
import { SearchIndex } from '../domain/search';
import { onChange, type ChangeNotice } from './changeBus';

export interface WorkspaceSnapshot {
  workspaceId: Id;
  workspace: Workspace | null;
  entities: ReadonlyMap<Id, Entity>;
  links: ReadonlyMap<Id, Link>;
  items: ReadonlyMap<Id, IntelItem>;
  /** Bumps on every change: a cheap key for memoised derivations. */
  version: number;
  loading: boolean;
  /** Null until built; rebuilt incrementally after. */
  search: SearchIndex | null;
  /** Load error in words, if the store could not be read. */
  error: string | null;
}

export class WorkspaceData {
  private entities = new Map<Id, Entity>();
  private links = new Map<Id, Link>();
  private items = new Map<Id, IntelItem>();
  private adjacency = new Map<Id, Set<Id>>();
  private workspace: Workspace | null = null;
  private index: SearchIndex | null = null;
  private listeners = new Set<() => void>();
  private snapshot: WorkspaceSnapshot;
  private version = 0;
  private loading = true;
  private error: string | null = null;
  private unsubscribe: () => void;
  private loadToken = 0;
  private agencyCache: { version: number; map: Map<Id, string[]>; types: Map<Id, AgencyType[]> } | null = null;

  constructor(
    private readonly db: LinkwallDb,
    readonly workspaceId: Id,
  ) {
    this.snapshot = this.makeSnapshot();
    this.unsubscribe = onChange((n) => void this.onNotice(n));
    void this.load();
  }

  dispose(): void {
    this.unsubscribe();
    this.listeners.clear();
    this.loadToken++;
  }

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  getSnapshot = (): WorkspaceSnapshot => this.snapshot;

  private makeSnapshot(): WorkspaceSnapshot {
    return {
      workspaceId: this.workspaceId,
      workspace: this.workspace,
      entities: this.entities,
      links: this.links,
      items: this.items,
      version: this.version,
      loading: this.loading,
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
    this.loading = true;
    try {
      const { db, workspaceId } = this;
      const [workspace, entities, links, items] = await db.transaction('r', [db.workspaces, db.entities, db.links, db.items], () =>
        Promise.all([
          db.workspaces.get(workspaceId),
          db.entities.where('workspaceId').equals(workspaceId).toArray(),
          db.links.where('workspaceId').equals(workspaceId).toArray(),
          db.items.where('workspaceId').equals(workspaceId).toArray(),
        ]),
      );
      if (token !== this.loadToken) return;
      this.workspace = workspace ?? null;
      this.entities = new Map(entities.map((e) => [e.id, e]));
      this.links = new Map(links.map((l) => [l.id, l]));
      this.items = new Map(items.map((i) => [i.id, i]));
      this.adjacency.clear();
      for (const l of links) this.addAdjacency(l);
      this.index = null;
      this.error = null;
    } catch (err) {
      this.error = `The workspace could not be read from this browser's storage: ${(err as Error).message}`;
    }
    this.loading = false;
    this.emit();
    if (!this.error) this.buildIndex(token);
  }

  /** Builds the search index in slices so the page stays responsive. */
  private buildIndex(token: number): void {
    const all = [...this.entities.values()];
    const index = new SearchIndex();
    let i = 0;
    const step = (): void => {
      if (token !== this.loadToken) return;
      const end = Math.min(all.length, i + 20000);
      for (; i < end; i++) {
        const e = all[i];
        if (e) index.upsert(e);
      }
      if (i < all.length) setTimeout(step, 0);
      else {
        // Entities changed while the index was being built are patched in by re-upserting them.
        for (const e of this.entities.values()) if (!index.has(e.id)) index.upsert(e);
        this.index = index;
        this.emit();
      }
    };
    step();
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

  linkCount(entityId: Id): number {
    return this.adjacency.get(entityId)?.size ?? 0;
  }

  /** Agencies whose items an entity's facts (or its links) cite; derived, cached per version. */
  agenciesOf(entityId: Id): string[] {
    return this.agencyInfo(entityId).names;
  }

  /** The kinds of agency (police, social care...) whose items an entity cites, in a fixed order. */
  agencyTypesOf(entityId: Id): AgencyType[] {
    return this.agencyInfo(entityId).types;
  }

  private agencyInfo(entityId: Id): { names: string[]; types: AgencyType[] } {
    if (!this.agencyCache || this.agencyCache.version !== this.version)
      this.agencyCache = { version: this.version, map: new Map(), types: new Map() };
    const cached = this.agencyCache.map.get(entityId);
    if (cached) return { names: cached, types: this.agencyCache.types.get(entityId) ?? [] };
    const e = this.entities.get(entityId);
    const agencies = new Set<string>();
    const types = new Set<AgencyType>();
    if (e) {
      for (const s of entitySources(e)) {
        const item = this.items.get(s);
        if (item) {
          agencies.add(item.agency);
          types.add(item.agencyType);
        }
      }
    }
    const names = [...agencies].sort();
    const typeList = AGENCY_TYPES.filter((t) => types.has(t));
    this.agencyCache.map.set(entityId, names);
    this.agencyCache.types.set(entityId, typeList);
    return { names, types: typeList };
  }

  private async onNotice(n: ChangeNotice): Promise<void> {
    if (n.workspaceId !== this.workspaceId) return;
    if (n.reload) {
      await this.load();
      return;
    }
    const { db } = this;
    const entityIds = n.ids.entities ?? [];
    const linkIds = n.ids.links ?? [];
    const itemIds = n.ids.items ?? [];
    const wsIds = n.ids.workspaces ?? [];
    if (!entityIds.length && !linkIds.length && !itemIds.length && !wsIds.length) return;
    const [entities, links, items, ws] = await Promise.all([
      db.entities.bulkGet(entityIds),
      db.links.bulkGet(linkIds),
      db.items.bulkGet(itemIds),
      wsIds.length ? db.workspaces.get(this.workspaceId) : Promise.resolve(undefined),
    ]);
    entityIds.forEach((id, i) => {
      const e = entities[i];
      if (e) {
        this.entities.set(id, e);
        this.index?.upsert(e);
      } else {
        this.entities.delete(id);
        this.index?.remove(id);
      }
    });
    linkIds.forEach((id, i) => {
      const old = this.links.get(id);
      if (old) this.removeAdjacency(old);
      const l = links[i];
      if (l) {
        this.links.set(id, l);
        this.addAdjacency(l);
      } else this.links.delete(id);
    });
    itemIds.forEach((id, i) => {
      const it = items[i];
      if (it) this.items.set(id, it);
      else this.items.delete(id);
    });
    if (wsIds.length) this.workspace = ws ?? null;
    this.emit();
  }
}
