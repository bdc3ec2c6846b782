/**
 * Workspace bundles in the store: export every table of one workspace as a bundle (domain/exchange/bundle.ts),
 * and import a bundle back in ONE transaction over every table concerned, so a failure leaves nothing
 * half-written.
 *
 * What a bundle holds: the workspace record; its entities, links, items and crime events (paged tables);
 * import history, quarantined rows, duplicate decisions and merges; its audit log (oldest first, without
 * store sequence numbers); its chart views (`chartViews:<id>` in the settings table) and any other
 * per-workspace setting (`<name>:<id>`); saved column mappings only with `includeTemplates` (they belong
 * to no workspace). Left out, because they are derived and rebuilt: the revision counter, the Entities
 * table snapshot and the last duplicate scan.
 *
 * Import refuses a workspace id that is already in this browser unless `asNew` (then the bundle becomes a
 * new workspace: see rekeyBundleData). Left-overs of a deleted workspace with the same id (decisions,
 * merges, settings that deleting a workspace keeps) are replaced by the bundle's. The audit log is
 * append-only: the bundle's records are added after this browser's (those already here are not added
 * twice), followed by one record of the import itself.
 *
 * Exporting is a disclosure: the caller records it with logAudit (as the chart export does) once the
 * file is saved.
 */
import { deleteAllRecords, readAllRecords, writeRecords, type PagedRecords, type PagedTableName, type RecordWrite } from '../db/pages';
import type { LinkwallDb, MetaRecord, TemplateRecord } from '../db/schema';
import {
  parseBundle,
  rekeyBundleData,
  serialiseBundle,
  type BundleAuditRecord,
  type BundleChartViews,
  type Hasher,
  type WorkspaceBundle,
  type WorkspaceBundleData,
} from '../domain/exchange/bundle';
import type { AuditRecord } from '../domain/model';
import { encodeRowSnapshot, toEntityRows } from '../domain/rows';
import { deepEqual, newId, nowIso } from '../domain/util';
import { publish } from './changeBus';
import { getUserName } from './workspaces';

const CHART_VIEWS = 'chartViews';

export interface ExportBundleOptions {
  /** Also carry this browser's saved column mappings (default false). */
  includeTemplates?: boolean;
  exportedAt?: string;
  hasher?: Hasher;
}

/** Everything of one workspace, read in one transaction (so it is consistent). */
export async function readWorkspaceBundleData(db: LinkwallDb, workspaceId: string, options: { includeTemplates?: boolean } = {}): Promise<WorkspaceBundleData> {
  const tables = [db.workspaces, db.entities, db.links, db.items, db.events, db.imports, db.quarantine, db.decisions, db.merges, db.audit, db.meta, db.templates];
  return db.transaction('r', tables, async () => {
    const workspace = await db.workspaces.get(workspaceId);
    if (!workspace) throw new Error(`There is no workspace ${workspaceId} in this browser to export.`);
    const [entities, links, items, events] = await Promise.all([
      readAllRecords(db, 'entities', workspaceId),
      readAllRecords(db, 'links', workspaceId),
      readAllRecords(db, 'items', workspaceId),
      readAllRecords(db, 'events', workspaceId),
    ]);
    const imports = await db.imports.where('workspaceId').equals(workspaceId).toArray();
    const quarantine = await db.quarantine.where('workspaceId').equals(workspaceId).toArray();
    const decisions = await db.decisions.where('workspaceId').equals(workspaceId).toArray();
    const merges = await db.merges.where('workspaceId').equals(workspaceId).toArray();
    // The workspaceId index keeps equal keys in primary-key (seq) order: oldest first.
    const audit = (await db.audit.where('workspaceId').equals(workspaceId).toArray()).sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
    const suffix = `:${workspaceId}`;
    const metaRecords = await db.meta.filter((m) => m.key.endsWith(suffix)).toArray();
    let chartViews: BundleChartViews | null = null;
    const meta: Record<string, unknown> = {};
    for (const m of metaRecords) {
      const name = m.key.slice(0, -suffix.length);
      if (name === CHART_VIEWS) chartViews = m.value as BundleChartViews;
      else meta[name] = m.value;
    }
    const templates = options.includeTemplates ? await db.templates.toArray() : undefined;
    return {
      workspace,
      entities,
      links,
      items,
      events,
      imports,
      quarantine,
      ...(templates ? { templates } : {}),
      decisions,
      merges,
      audit,
      chartViews,
      meta,
    };
  });
}

/** The workspace as bundle text (JSON with a SHA-256 checksum). */
export async function exportWorkspaceBundle(db: LinkwallDb, workspaceId: string, options: ExportBundleOptions = {}): Promise<string> {
  const data = await readWorkspaceBundleData(db, workspaceId, options);
  return serialiseBundle(data, { ...(options.exportedAt ? { exportedAt: options.exportedAt } : {}), ...(options.hasher ? { hasher: options.hasher } : {}) });
}

export interface ImportBundleOptions {
  /** Import as a new workspace (new id, records re-keyed) instead of restoring the bundle's. */
  asNew?: boolean;
  /** Who imports, for the audit log (defaults to this browser's user name). */
  user?: string;
  hasher?: Hasher;
}

export interface ImportBundleResult {
  workspaceId: string;
  name: string;
  counts: { entities: number; links: number; items: number; events: number; audit: number };
  /** Saved mappings in the bundle that were not added because this browser has a different one with the same id. */
  templatesKept: number;
}

export class BundleConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BundleConflictError';
  }
}

const auditKey = (a: BundleAuditRecord | AuditRecord): string =>
  JSON.stringify([a.at, a.user, a.category, a.action, a.summary, a.recordIds, a.reason ?? null]);

/** Restores a bundle (or, with `asNew`, copies it as a new workspace). One transaction: all or nothing. */
export async function importWorkspaceBundle(db: LinkwallDb, text: string, options: ImportBundleOptions = {}): Promise<ImportBundleResult> {
  const bundle: WorkspaceBundle = await parseBundle(text, options.hasher ? { hasher: options.hasher } : {});
  const user = options.user ?? (await getUserName(db)) ?? 'Unknown user';
  let data: WorkspaceBundleData = bundle;
  if (options.asNew) data = rekeyBundleData(bundle, newId('ws'), newId);
  const wsId = data.workspace.id;

  const tables = [
    db.workspaces,
    db.entities,
    db.links,
    db.items,
    db.events,
    db.imports,
    db.quarantine,
    db.templates,
    db.decisions,
    db.merges,
    db.audit,
    db.meta,
    db.revisions,
    db.rowCache,
    db.scans,
  ];
  let added = 0;
  let templatesKept = 0;
  await db.transaction('rw', tables, async () => {
    const existing = await db.workspaces.get(wsId);
    if (existing)
      throw new BundleConflictError(
        `This browser already has the workspace "${existing.name}" (${wsId}). Nothing was imported; import the bundle as a new workspace to keep both.`,
      );
    // Left-overs of a deleted workspace with this id: the bundle replaces them.
    for (const t of ['entities', 'links', 'items', 'events'] as const satisfies readonly PagedTableName[]) await deleteAllRecords(db, t, wsId);
    await db.imports.where('workspaceId').equals(wsId).delete();
    await db.quarantine.where('workspaceId').equals(wsId).delete();
    await db.decisions.where('workspaceId').equals(wsId).delete();
    await db.merges.where('workspaceId').equals(wsId).delete();
    await db.scans.delete(wsId);
    await db.rowCache.delete(wsId);
    const suffix = `:${wsId}`;
    await db.meta.filter((m) => m.key.endsWith(suffix)).delete();

    await db.workspaces.put(data.workspace);
    const put = async <T extends PagedTableName>(name: T, records: { id: string }[]): Promise<void> => {
      if (records.length)
        await writeRecords(db, name, wsId, records.map((r) => ({ id: r.id, before: null, after: r })) as RecordWrite<PagedRecords[T]>[], null);
    };
    await put('entities', data.entities);
    await put('links', data.links);
    await put('items', data.items);
    await put('events', data.events);
    if (data.imports.length) await db.imports.bulkPut(data.imports);
    if (data.quarantine.length) await db.quarantine.bulkPut(data.quarantine);
    if (data.decisions.length) await db.decisions.bulkPut(data.decisions);
    if (data.merges.length) await db.merges.bulkPut(data.merges);
    for (const t of data.templates ?? []) {
      const mine = await db.templates.get(t.id);
      if (!mine) await db.templates.add(t as TemplateRecord);
      else if (!deepEqual(mine, t)) templatesKept++;
    }
    const meta: MetaRecord[] = Object.entries(data.meta).map(([name, value]) => ({ key: `${name}${suffix}`, value }));
    if (data.chartViews) meta.push({ key: `${CHART_VIEWS}${suffix}`, value: data.chartViews });
    if (meta.length) await db.meta.bulkPut(meta);

    // Records this browser already holds (a workspace deleted here and now restored) are not added twice.
    const have = new Map<string, number>();
    for (const a of await db.audit.where('workspaceId').equals(wsId).toArray()) have.set(auditKey(a), (have.get(auditKey(a)) ?? 0) + 1);
    const history: AuditRecord[] = [];
    for (const a of data.audit) {
      const key = auditKey(a);
      const n = have.get(key) ?? 0;
      if (n > 0) have.set(key, n - 1);
      else history.push({ ...a });
    }
    added = history.length;
    const own: AuditRecord = {
      workspaceId: wsId,
      at: nowIso(),
      user,
      category: 'collection',
      action: options.asNew ? 'import-bundle-copy' : 'import-bundle',
      summary: options.asNew
        ? `Imported a copy of workspace "${bundle.workspace.name}" (${bundle.workspace.id}) from a bundle exported ${bundle.exportedAt}, as a new workspace`
        : `Restored workspace "${bundle.workspace.name}" from a bundle exported ${bundle.exportedAt}`,
      recordIds: [wsId],
    };
    await db.audit.bulkAdd([...history, own]);

    const revision = ((await db.revisions.get(wsId))?.revision ?? 0) + 1;
    await db.revisions.put({ workspaceId: wsId, revision });
    const itemMap = new Map(data.items.map((i) => [i.id, i]));
    await db.rowCache.put({ workspaceId: wsId, revision, rows: encodeRowSnapshot(toEntityRows(data.entities, itemMap, data.links)) });
  });
  publish({ workspaceId: wsId, ids: { workspaces: [wsId] }, reload: true, audit: true });
  return {
    workspaceId: wsId,
    name: data.workspace.name,
    counts: { entities: data.entities.length, links: data.links.length, items: data.items.length, events: data.events.length, audit: added },
    templatesKept,
  };
}
