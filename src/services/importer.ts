/**
 * Import use cases: store an import batch (new records, facts attached to existing entities by exact
 * identifiers, crime events, quarantined rows, the import's history record) in ONE transaction with its
 * audit records; undo a whole import; mark quarantined rows; mapping templates.
 *
 * Runs in the import worker as well as on the page: it uses only the store and pure domain code.
 */
import type { RecordChange } from '../db/changes';
import { commitChanges } from '../db/changes';
import { getRecords, readAllRecords } from '../db/pages';
import type { LinkwallDb, TemplateRecord } from '../db/schema';
import { detachImport, planImport, type ImportBatch, type ImportPlan } from '../domain/importPlan';
import type { AuditRecord, Entity, ImportRecord, QuarantineRow } from '../domain/model';
import { encodeRowSnapshot, toEntityRows } from '../domain/rows';
import { deepEqual, newId, nowIso, plural } from '../domain/util';
import { publish } from './changeBus';
import type { Session } from './commit';

/** Reads the workspace's entities and works out what the batch would do (for the preview and the commit). */
export async function previewImport(db: LinkwallDb, batch: ImportBatch): Promise<ImportPlan> {
  return planImport(batch, await readAllRecords(db, 'entities', batch.workspaceId));
}

function audit(session: Session, workspaceId: string, a: Omit<AuditRecord, 'seq' | 'workspaceId' | 'at' | 'user'>): Omit<AuditRecord, 'seq'> {
  return { workspaceId, at: nowIso(), user: session.user, ...a };
}

/**
 * Stores the batch. Reads the workspace inside the same transaction as the write, so an entity changed
 * meanwhile cannot be overwritten. Also stores the table snapshot of the whole workspace, so the page
 * does not have to recompute 100,000 rows after a large import.
 */
export async function commitImport(session: Session, batch: ImportBatch, mapping: unknown, headers: string[]): Promise<ImportRecord> {
  const { db } = session;
  const ws = batch.workspaceId;
  const [entities, links, items] = await Promise.all([
    readAllRecords(db, 'entities', ws),
    readAllRecords(db, 'links', ws),
    readAllRecords(db, 'items', ws),
  ]);
  const plan = planImport(batch, entities);
  const now = nowIso();
  const record: ImportRecord = {
    id: batch.importId,
    workspaceId: ws,
    fileName: batch.fileName,
    sheet: batch.sheet,
    agency: batch.agency,
    user: session.user,
    importedAt: now,
    ...(batch.templateName ? { templateName: batch.templateName } : {}),
    counts: plan.counts,
    status: 'imported',
    created: {
      entities: plan.newEntities.map((e) => e.id),
      links: plan.links.map((l) => l.id),
      items: batch.items.map((i) => i.id),
      events: batch.events.map((e) => e.id),
    },
    attached: plan.attached.map((a) => ({ id: a.after.id, before: a.before, after: a.after })),
    candidates: plan.newEntities.filter((e) => e.kind === 'person').map((e) => e.id),
    mapping,
    headers,
  };
  const quarantine: QuarantineRow[] = batch.quarantined.map((q) => ({
    id: newId('q'),
    workspaceId: ws,
    importId: batch.importId,
    fileName: batch.fileName,
    rowNumber: q.rowNumber,
    headers: q.headers,
    cells: q.cells,
    reasons: q.reasons,
    status: 'open',
    updatedAt: now,
  }));
  const changes: RecordChange[] = [
    { table: 'imports', id: record.id, before: null, after: record },
    ...quarantine.map((q): RecordChange => ({ table: 'quarantine', id: q.id, before: null, after: q })),
    ...batch.items.map((r): RecordChange => ({ table: 'items', id: r.id, before: null, after: r })),
    ...plan.newEntities.map((r): RecordChange => ({ table: 'entities', id: r.id, before: null, after: r })),
    ...plan.attached.map((a): RecordChange => ({ table: 'entities', id: a.after.id, before: a.before, after: a.after })),
    ...plan.links.map((r): RecordChange => ({ table: 'links', id: r.id, before: null, after: r })),
    ...batch.events.map((r): RecordChange => ({ table: 'events', id: r.id, before: null, after: r })),
  ];
  // The workspace as it will be, for the table snapshot.
  const attachedIds = new Set(plan.attached.map((a) => a.after.id));
  const allEntities = [...entities.filter((e) => !attachedIds.has(e.id)), ...plan.attached.map((a) => a.after), ...plan.newEntities];
  const itemMap = new Map([...items, ...batch.items].map((i) => [i.id, i]));
  const rows = toEntityRows(allEntities, itemMap, [...links, ...plan.links]);
  const c = plan.counts;
  const summary = `Imported ${batch.fileName}${batch.sheet ? ` (${batch.sheet})` : ''} from ${batch.agency}: ${plural(c.rows, 'row')}, ${plural(c.newEntities, 'new entity', 'new entities')}, ${plural(c.matchedEntities, 'existing entity', 'existing entities')} matched, ${plural(c.links, 'link')}, ${plural(c.events, 'crime event')}, ${plural(c.quarantined, 'row')} quarantined`;
  const auditRecords = [audit(session, ws, { category: 'collection', action: 'import', summary, recordIds: [record.id] })];
  if (plan.attached.length)
    auditRecords.push(
      audit(session, ws, {
        category: 'combination',
        action: 'import-attach',
        summary: `Import ${batch.fileName} attached facts to ${plural(plan.attached.length, 'existing entity', 'existing entities')} by exact identifiers`,
        recordIds: plan.attached.map((a) => a.after.id),
      }),
    );
  const revision = await commitChanges(db, { workspaceId: ws, label: summary, changes }, auditRecords, { rowSnapshot: encodeRowSnapshot(rows) });
  publish({ workspaceId: ws, ids: {}, reload: true, audit: true, revision });
  return record;
}

export interface UndoImportImpact {
  record: ImportRecord;
  /** Records the import created that were edited since (they go all the same). */
  editedSince: number;
  /** Links made by hand since, to entities the import created: they go with them. */
  linksToCreated: number;
}

export async function undoImportImpact(db: LinkwallDb, importId: string): Promise<UndoImportImpact> {
  const record = await db.imports.get(importId);
  if (!record) throw new Error('That import is not in this workspace any more.');
  const createdIds = new Set(record.created.entities);
  const links = await readAllRecords(db, 'links', record.workspaceId);
  const own = new Set(record.created.links);
  const linksToCreated = links.filter((l) => !own.has(l.id) && (createdIds.has(l.from) || createdIds.has(l.to))).length;
  const current = await getRecords(db, 'entities', record.workspaceId, record.created.entities);
  const editedSince = current.filter((e) => e && e.updatedAt > record.importedAt).length;
  return { record, editedSince, linksToCreated };
}

/**
 * Undoes an import: removes what it created (and hand-made links to what it created), restores the
 * entities it attached to (exactly, when untouched since; otherwise by removing its citations and the
 * values resting only on them), removes its open quarantined rows, and marks it undone. One transaction.
 */
export async function undoImport(session: Session, importId: string): Promise<ImportRecord> {
  const { db } = session;
  let result: ImportRecord | null = null;
  let revision = 0;
  await db.transaction('rw', [db.imports, db.quarantine, db.entities, db.links, db.items, db.events, db.audit, db.revisions, db.rowCache], async () => {
    const record = await db.imports.get(importId);
    if (!record) throw new Error('That import is not in this workspace any more.');
    if (record.status === 'undone') throw new Error(`The import of ${record.fileName} has already been undone.`);
    const ws = record.workspaceId;
    const createdEntities = new Set(record.created.entities);
    const [ents, items, events, allLinks, attachedNow] = await Promise.all([
      getRecords(db, 'entities', ws, record.created.entities),
      getRecords(db, 'items', ws, record.created.items),
      getRecords(db, 'events', ws, record.created.events),
      readAllRecords(db, 'links', ws),
      getRecords(db, 'entities', ws, record.attached.map((a) => a.id)),
    ]);
    const ownLinks = new Set(record.created.links);
    const linksToDelete = allLinks.filter((l) => ownLinks.has(l.id) || createdEntities.has(l.from) || createdEntities.has(l.to));
    const quarantine = await db.quarantine.where('importId').equals(importId).toArray();
    const changes: RecordChange[] = [
      ...ents.flatMap((e): RecordChange[] => (e ? [{ table: 'entities', id: e.id, before: e, after: null }] : [])),
      ...items.flatMap((i): RecordChange[] => (i ? [{ table: 'items', id: i.id, before: i, after: null }] : [])),
      ...events.flatMap((ev): RecordChange[] => (ev ? [{ table: 'events', id: ev.id, before: ev, after: null }] : [])),
      ...linksToDelete.map((l): RecordChange => ({ table: 'links', id: l.id, before: l, after: null })),
      ...quarantine.map((q): RecordChange => ({ table: 'quarantine', id: q.id, before: q, after: null })),
    ];
    record.attached.forEach((a, i) => {
      const now = attachedNow[i];
      if (!now) return;
      const restored: Entity = deepEqual(now, a.after) ? a.before : detachImport(now, record.created.items);
      changes.push({ table: 'entities', id: a.id, before: now, after: restored });
    });
    const after: ImportRecord = { ...record, status: 'undone' };
    changes.push({ table: 'imports', id: record.id, before: record, after });
    revision = await commitChanges(
      db,
      { workspaceId: ws, label: `Undo import of ${record.fileName}`, changes },
      [
        audit(session, ws, {
          category: 'erasure',
          action: 'undo-import',
          summary: `Undid the import of ${record.fileName} (${record.agency}): removed ${plural(ents.filter(Boolean).length, 'entity', 'entities')}, ${plural(linksToDelete.length, 'link')}, ${plural(items.filter(Boolean).length, 'intelligence item')}, ${plural(events.filter(Boolean).length, 'crime event')}; restored ${plural(record.attached.length, 'entity', 'entities')}`,
          recordIds: [record.id],
        }),
      ],
    );
    result = after;
  });
  if (!result) throw new Error('The import could not be undone.');
  publish({ workspaceId: (result as ImportRecord).workspaceId, ids: {}, reload: true, audit: true, revision });
  return result;
}

/** Marks quarantined rows as resolved (imported again after correction) or discarded (with a reason). */
export async function setQuarantineStatus(session: Session, rows: QuarantineRow[], status: QuarantineRow['status'], reason?: string): Promise<void> {
  if (!rows.length) return;
  const ws = rows[0]?.workspaceId ?? '';
  const now = nowIso();
  await commitChanges(
    session.db,
    {
      workspaceId: ws,
      label: `${status === 'discarded' ? 'Discard' : 'Resolve'} ${plural(rows.length, 'quarantined row')}`,
      changes: rows.map((q): RecordChange => ({ table: 'quarantine', id: q.id, before: q, after: { ...q, status, updatedAt: now } })),
    },
    [
      audit(session, ws, {
        category: status === 'discarded' ? 'erasure' : 'alteration',
        action: `quarantine-${status}`,
        summary: `${status === 'discarded' ? 'Discarded' : 'Resolved'} ${plural(rows.length, 'quarantined row')}${reason ? `: ${reason}` : ''}`,
        recordIds: rows.map((r) => r.id),
        ...(reason ? { reason } : {}),
      }),
    ],
  );
  publish({ workspaceId: ws, ids: {}, audit: true });
}

export async function saveTemplate(db: LinkwallDb, t: Omit<TemplateRecord, 'id' | 'createdAt' | 'updatedAt'> & { id?: string }): Promise<TemplateRecord> {
  const now = nowIso();
  const existing = t.id ? await db.templates.get(t.id) : undefined;
  const rec: TemplateRecord = { ...t, id: t.id ?? newId('tpl'), createdAt: existing?.createdAt ?? now, updatedAt: now };
  if (!rec.name.trim()) throw new Error('Give the mapping a name, e.g. "Kelbridge Schools weekly return".');
  await db.templates.put(rec);
  return rec;
}

export function templatesFor(db: LinkwallDb, signature: string): Promise<TemplateRecord[]> {
  return db.templates.where('signature').equals(signature).toArray();
}
