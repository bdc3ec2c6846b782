/**
 * Importing an i2 Analyst's Notebook chart (ANX): the file is read with fromAnx (domain/exchange), its
 * entities, links and intelligence items are stored like any other import (ONE transaction with the
 * import's history record, its audit records and the table snapshot; exact identifiers attach to entities
 * already in the workspace; undone as a whole from the import history), and the chart becomes a new chart
 * view named after the file, with the entities where they were on the i2 chart. The view is written in
 * the same transaction, so either everything is there or nothing is.
 */
import { commitChanges, type RecordChange } from '../db/changes';
import { readAllRecords } from '../db/pages';
import { exactKeys } from '../domain/attach';
import { AnxError, fromAnx } from '../domain/exchange/anx';
import { planImport, type ImportBatch } from '../domain/importPlan';
import type { AuditRecord, Entity, Id, ImportRecord, SecurityMarking } from '../domain/model';
import { encodeRowSnapshot, toEntityRows } from '../domain/rows';
import { newId, nowIso, plural } from '../domain/util';
import { publish } from './changeBus';
import type { Session } from './commit';
import { loadViews, newView, saveViews } from './walls';

export interface AnxImportSummary {
  importId: Id;
  /** The new chart view (made current) and its name. */
  viewId: Id;
  viewName: string;
  /** The chart's title and security marking, when it states them. */
  title: string | null;
  marking: SecurityMarking | null;
  counts: {
    /** Entities on the new view (incoming entities that share an exact identifier count once). */
    entities: number;
    newEntities: number;
    /** Entities already in the workspace that the chart's entities attached to by exact identifiers. */
    matchedEntities: number;
    links: number;
    items: number;
  };
  /** What was imported approximately or left out, in words; and a marking different from the workspace's. */
  warnings: string[];
}

/** "juniper-chart.anx" → "juniper-chart"; made unique among the workspace's view names. */
function viewNameFor(fileName: string, taken: readonly string[]): string {
  const base = fileName.replace(/\.(anx|xml)$/i, '').trim() || 'i2 chart';
  let name = base;
  for (let n = 2; taken.includes(name); n++) name = `${base} (${n})`;
  return name;
}

/**
 * Imports an ANX chart (its text, or the file's bytes in any encoding i2 writes) into the workspace.
 * Throws AnxError (with line and column where known) when the file is not a readable chart or holds no
 * entity Linkwall can import; nothing is written then.
 */
export async function importAnx(session: Session, workspaceId: Id, fileName: string, input: string | Uint8Array): Promise<AnxImportSummary> {
  const { db } = session;
  const workspace = await db.workspaces.get(workspaceId);
  if (!workspace) throw new Error('That workspace is not in this browser any more.');
  const now = nowIso();
  const read = fromAnx(input, { workspaceId, fileName, user: session.user, now });
  if (!read.entities.length)
    throw new AnxError(
      `The chart ${fileName} has no entity Linkwall can import (people, vehicles, phones, online accounts, addresses, businesses or locations).${read.warnings.length ? ` ${read.warnings.slice(0, 3).join(' ')}` : ''}`,
    );
  const warnings = [...read.warnings];
  if (read.marking && read.marking !== workspace.marking)
    warnings.unshift(`The chart is marked ${read.marking}; this workspace is marked ${workspace.marking}. Check that the workspace's marking still fits.`);

  const importId = newId('imp');
  const chartItems = read.entities.length + read.links.length;
  const batch: ImportBatch = {
    importId,
    workspaceId,
    fileName,
    sheet: '',
    agency: read.items.find((i) => i.id === read.fileItemId)?.agency ?? "i2 Analyst's Notebook chart",
    rows: chartItems,
    importedRows: chartItems,
    blankRows: 0,
    items: read.items,
    entities: read.entities,
    links: read.links,
    events: [],
    quarantined: [],
  };

  // Set inside the transaction (a cast, so TypeScript does not narrow it to null).
  let summary = null as AnxImportSummary | null;
  let revision = 0;
  const tables = [db.entities, db.links, db.items, db.imports, db.audit, db.revisions, db.rowCache, db.meta];
  await db.transaction('rw', tables, async () => {
    const [entities, links, items] = await Promise.all([
      readAllRecords(db, 'entities', workspaceId),
      readAllRecords(db, 'links', workspaceId),
      readAllRecords(db, 'items', workspaceId),
    ]);
    const plan = planImport(batch, entities);
    const record: ImportRecord = {
      id: importId,
      workspaceId,
      fileName,
      sheet: '',
      agency: batch.agency,
      user: session.user,
      importedAt: now,
      counts: plan.counts,
      status: 'imported',
      created: { entities: plan.newEntities.map((e) => e.id), links: plan.links.map((l) => l.id), items: batch.items.map((i) => i.id), events: [] },
      attached: plan.attached.map((a) => ({ id: a.after.id, before: a.before, after: a.after })),
      candidates: plan.newEntities.filter((e) => e.kind === 'person').map((e) => e.id),
      mapping: { format: 'anx' },
      headers: [],
    };
    const changes: RecordChange[] = [
      { table: 'imports', id: record.id, before: null, after: record },
      ...batch.items.map((r): RecordChange => ({ table: 'items', id: r.id, before: null, after: r })),
      ...plan.newEntities.map((r): RecordChange => ({ table: 'entities', id: r.id, before: null, after: r })),
      ...plan.attached.map((a): RecordChange => ({ table: 'entities', id: a.after.id, before: a.before, after: a.after })),
      ...plan.links.map((r): RecordChange => ({ table: 'links', id: r.id, before: null, after: r })),
    ];

    // Where each of the chart's entities went: itself when new, else the entity it attached to.
    const created = new Set(plan.newEntities.map((e) => e.id));
    const owner = new Map<string, Id>();
    for (const e of [...plan.attached.map((a) => a.after), ...plan.newEntities])
      for (const k of exactKeys(e)) if (!owner.has(`${e.kind}|${k}`)) owner.set(`${e.kind}|${k}`, e.id);
    const target = (e: Entity): Id | undefined => (created.has(e.id) ? e.id : exactKeys(e).map((k) => owner.get(`${e.kind}|${k}`)).find((id) => id !== undefined));
    const nodes: Id[] = [];
    const positions: Record<Id, { x: number; y: number }> = {};
    for (const e of read.entities) {
      const id = target(e);
      if (!id || id in positions) continue;
      nodes.push(id);
      const p = read.positions[e.id];
      positions[id] = p ? { x: p.x, y: p.y } : { x: 0, y: 0 };
    }

    const attachedIds = new Set(plan.attached.map((a) => a.after.id));
    const allEntities = [...entities.filter((e) => !attachedIds.has(e.id)), ...plan.attached.map((a) => a.after), ...plan.newEntities];
    const itemMap = new Map([...items, ...batch.items].map((i) => [i.id, i]));
    const rows = toEntityRows(allEntities, itemMap, [...links, ...plan.links]);
    const c = plan.counts;
    const title = read.title ? ` "${read.title}"` : '';
    const audit: Omit<AuditRecord, 'seq'>[] = [
      {
        workspaceId,
        at: now,
        user: session.user,
        category: 'collection',
        action: 'import-anx',
        summary: `Imported the i2 chart${title} ${fileName}${read.marking ? ` (marked ${read.marking})` : ''}: ${plural(c.newEntities, 'new entity', 'new entities')}, ${plural(c.matchedEntities, 'existing entity', 'existing entities')} matched, ${plural(c.links, 'link')}, ${plural(c.items, 'intelligence item')}${warnings.length ? `; ${plural(warnings.length, 'warning')}` : ''}`,
        recordIds: [record.id],
      },
    ];
    if (plan.attached.length)
      audit.push({
        workspaceId,
        at: now,
        user: session.user,
        category: 'combination',
        action: 'import-attach',
        summary: `Import ${fileName} attached facts to ${plural(plan.attached.length, 'existing entity', 'existing entities')} by exact identifiers`,
        recordIds: plan.attached.map((a) => a.after.id),
      });
    revision = await commitChanges(db, { workspaceId, label: `Import of the i2 chart ${fileName}`, changes }, audit, { rowSnapshot: encodeRowSnapshot(rows) });

    const views = (await loadViews(db, workspaceId)) ?? { current: '', views: [] };
    const view = newView(
      viewNameFor(
        fileName,
        views.views.map((v) => v.name),
      ),
      { nodes, positions },
    );
    await saveViews(db, workspaceId, { current: view.id, views: [...views.views, view] });
    summary = {
      importId,
      viewId: view.id,
      viewName: view.name,
      title: read.title,
      marking: read.marking,
      counts: { entities: nodes.length, newEntities: c.newEntities, matchedEntities: c.matchedEntities, links: c.links, items: c.items },
      warnings,
    };
  });
  publish({ workspaceId, ids: {}, reload: true, audit: true, revision });
  if (!summary) throw new Error('The chart could not be imported.');
  return summary;
}
