import { beforeEach, describe, expect, it, vi } from 'vitest';
import { countRecords, readAllRecords } from '../../src/db/pages';
import { LinkwallDb } from '../../src/db/schema';
import { demoDuplicateGroups, generateDemoWorkspace } from '../../src/domain/demo';
import { BundleError, type WorkspaceBundle } from '../../src/domain/exchange';
import type { ImportBatch } from '../../src/domain/importPlan';
import type { Workspace } from '../../src/domain/model';
import { BundleConflictError, exportWorkspaceBundle, importWorkspaceBundle } from '../../src/services/bundle';
import { clearHistory, type Session } from '../../src/services/commit';
import { loadDemoWorkspace } from '../../src/services/demo';
import { commitImport } from '../../src/services/importer';
import { mergeEntities, recordDecision } from '../../src/services/merge';
import { saveViews } from '../../src/services/walls';
import { deleteWorkspace } from '../../src/services/workspaces';
import { intel, name, person } from '../domain/factories';

let n = 0;
let session: Session;
let wsId: string;

// The demo workspace has about 450 entities, 600 links and 900 items: generous time on a shared machine.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

beforeEach(async () => {
  clearHistory();
  session = { db: new LinkwallDb(`bundle-${Date.now()}-${n++}`), user: 'Analyst A' };
  wsId = await seedDemo(session);
});

/** The demo workspace with something in every table a bundle carries. */
async function seedDemo(s: Session): Promise<string> {
  const id = await loadDemoWorkspace(s);
  const demo = generateDemoWorkspace();
  const [a, b] = demoDuplicateGroups(demo)[0]?.entityIds ?? [];
  const [ea, eb] = [demo.entities.find((e) => e.id === a), demo.entities.find((e) => e.id === b)];
  if (!a || !b || !ea || !eb) throw new Error('the demo has no duplicate pair');
  await recordDecision(s, id, ea, eb, 'same', 0.93);
  await mergeEntities(s, id, a, b, 0.93);
  const people = demo.entities.filter((e) => e.kind === 'person').slice(0, 5);
  await saveViews(s.db, id, {
    current: 'view-main',
    views: [
      { id: 'view-main', name: 'Main wall', nodes: people.map((p) => p.id), positions: Object.fromEntries(people.map((p, i) => [p.id, { x: i * 120.5, y: -i * 30 }])) },
      { id: 'view-2', name: 'Taxi firm', nodes: [], positions: {} },
    ],
  });
  await s.db.meta.put({ key: `wall:${id}`, value: { nodes: [people[0]?.id], positions: {} } });
  const batch: ImportBatch = {
    importId: 'imp-bundle-1',
    workspaceId: id,
    fileName: 'school.csv',
    sheet: '',
    agency: 'Kelbridge Academy',
    rows: 3,
    importedRows: 2,
    blankRows: 0,
    items: [intel({ id: 'it-school-1', workspaceId: id, agency: 'Kelbridge Academy', agencyType: 'education', reference: 'school.csv row 2', grading: { scheme: 'ungraded' } })],
    entities: [person({ id: 'p-school-1', workspaceId: id, names: [{ ...name('legal', 'Mia', 'Brook'), sources: ['it-school-1'] }], sex: { value: 'female', sources: ['it-school-1'] } })],
    links: [],
    events: [
      {
        id: 'ev-1',
        workspaceId: id,
        crimeId: 'abc123',
        month: '2026-05',
        reportedBy: 'Northshire Police',
        fallsWithin: 'Northshire Police',
        location: { lat: 53.79, lng: -1.54 },
        locationText: 'On or near Canal Street',
        lsoaCode: 'E01000001',
        lsoaName: 'Kelbridge 001A',
        crimeType: 'Anti-social behaviour',
        outcome: '',
        context: '',
        origin: { importId: 'imp-bundle-1', fileName: 'school.csv', row: 3 },
      },
    ],
    quarantined: [{ rowNumber: 4, headers: ['Name', 'Mobile'], cells: ['', '=not a phone'], reasons: ['Row 4: no name and "=not a phone" is not a phone number.'] }],
  };
  await commitImport(s, batch, { columns: { Name: 'name' } }, ['Name', 'Mobile']);
  await s.db.templates.put({ id: 'tpl-1', name: 'School returns', agency: 'Kelbridge Academy', signature: 'name|mobile', headers: ['Name', 'Mobile'], mapping: {}, createdAt: '2026-01-01', updatedAt: '2026-01-01' });
  return id;
}

/** The text without the lines that may differ: exportedAt, the checksum and the audit block. */
function stable(text: string): string {
  return text
    .replace(/^"exportedAt":.*\n/m, '')
    .replace(/^"checksum":.*\n/m, '')
    .replace(/^"audit":\[\n[\s\S]*?\n\],\n/m, '');
}

describe('workspace bundle export and import', () => {
  it('exports every table of the workspace', async () => {
    const bundle = JSON.parse(await exportWorkspaceBundle(session.db, wsId, { includeTemplates: true })) as WorkspaceBundle;
    expect(bundle.workspace.id).toBe(wsId);
    expect(bundle.entities).toHaveLength(await countRecords(session.db, 'entities', wsId));
    expect(bundle.links.length).toBeGreaterThan(500);
    expect(bundle.items.length).toBeGreaterThan(800);
    expect(bundle.events.map((e) => e.id)).toEqual(['ev-1']);
    expect(bundle.imports.map((i) => i.id)).toEqual(['imp-bundle-1']);
    expect(bundle.quarantine).toHaveLength(1);
    expect(bundle.decisions).toHaveLength(1);
    expect(bundle.merges).toHaveLength(1);
    expect(bundle.audit.map((a) => a.action)).toEqual(['load-demo', 'decision-same', 'merge', 'import']);
    expect(bundle.audit.every((a) => !('seq' in a))).toBe(true);
    expect(bundle.chartViews?.views.map((v) => v.name)).toEqual(['Main wall', 'Taxi firm']);
    expect(bundle.meta).toEqual({ wall: expect.any(Object) });
    expect(bundle.templates?.map((t) => t.id)).toEqual(['tpl-1']);
    expect(JSON.parse(await exportWorkspaceBundle(session.db, wsId)).templates).toBeUndefined();
  });

  it('export, delete, import, export again: the two bundles are identical except exportedAt (and the audit log grows)', async () => {
    const first = await exportWorkspaceBundle(session.db, wsId);
    const ws = (await session.db.workspaces.get(wsId)) as Workspace;
    await deleteWorkspace(session, ws);
    expect(await session.db.workspaces.get(wsId)).toBeUndefined();

    const result = await importWorkspaceBundle(session.db, first, { user: 'Analyst B' });
    expect(result.workspaceId).toBe(wsId);
    const second = await exportWorkspaceBundle(session.db, wsId);

    expect(stable(second)).toBe(stable(first));
    const [b1, b2] = [JSON.parse(first), JSON.parse(second)] as [WorkspaceBundle, WorkspaceBundle];
    const { exportedAt: _e1, checksum: _c1, audit: a1, ...rest1 } = b1;
    const { exportedAt: _e2, checksum: _c2, audit: a2, ...rest2 } = b2;
    expect(rest2).toEqual(rest1);
    // The audit log is append-only: it keeps the history, then that the workspace was deleted and restored.
    expect(a2.slice(0, a1.length)).toEqual(a1);
    expect(a2.slice(a1.length).map((a) => [a.category, a.action, a.user])).toEqual([
      ['erasure', 'delete-workspace', 'Analyst A'],
      ['collection', 'import-bundle', 'Analyst B'],
    ]);
    // Derived records are rebuilt: the table snapshot is current.
    const revision = (await session.db.revisions.get(wsId))?.revision;
    expect((await session.db.rowCache.get(wsId))?.revision).toBe(revision);
  });

  it('restores into another browser exactly', async () => {
    const first = await exportWorkspaceBundle(session.db, wsId, { includeTemplates: true });
    const other: Session = { db: new LinkwallDb(`bundle-other-${Date.now()}-${n++}`), user: 'Analyst C' };
    await importWorkspaceBundle(other.db, first, { user: 'Analyst C' });
    const second = await exportWorkspaceBundle(other.db, wsId, { includeTemplates: true });
    expect(stable(second)).toBe(stable(first));
    const [b1, b2] = [JSON.parse(first), JSON.parse(second)] as [WorkspaceBundle, WorkspaceBundle];
    expect(b2.audit.slice(0, b1.audit.length)).toEqual(b1.audit);
    expect(b2.audit.slice(b1.audit.length).map((a) => a.action)).toEqual(['import-bundle']);
    expect(await other.db.templates.get('tpl-1')).toMatchObject({ name: 'School returns' });
  });

  it('refuses to overwrite an existing workspace, unless imported as a new one with every record re-keyed', async () => {
    const text = await exportWorkspaceBundle(session.db, wsId);
    await expect(importWorkspaceBundle(session.db, text)).rejects.toThrow(BundleConflictError);
    await expect(importWorkspaceBundle(session.db, text)).rejects.toThrow(/already has the workspace "Operation Juniper \(fictional demo\)"/);

    const copy = await importWorkspaceBundle(session.db, text, { asNew: true, user: 'Analyst A' });
    expect(copy.workspaceId).not.toBe(wsId);
    expect(copy.name).toBe('Operation Juniper (fictional demo) (copy)');
    const [orig, dup] = [JSON.parse(text), JSON.parse(await exportWorkspaceBundle(session.db, copy.workspaceId))] as [WorkspaceBundle, WorkspaceBundle];
    expect(dup.entities.map((e) => e.id)).toEqual(orig.entities.map((e) => e.id));
    expect(dup.entities.every((e) => e.workspaceId === copy.workspaceId)).toBe(true);
    expect(dup.imports[0]?.id).not.toBe('imp-bundle-1');
    expect(dup.quarantine[0]?.importId).toBe(dup.imports[0]?.id);
    expect(dup.events[0]?.origin.importId).toBe(dup.imports[0]?.id);
    expect(dup.merges[0]?.id).not.toBe(orig.merges[0]?.id);
    expect(dup.decisions).toHaveLength(1);
    expect(dup.chartViews).toEqual(orig.chartViews);
    expect(dup.audit.at(-1)?.action).toBe('import-bundle-copy');
    // The original is untouched.
    expect(await exportWorkspaceBundle(session.db, wsId).then((t) => stable(t))).toBe(stable(text));
    expect(await session.db.imports.get('imp-bundle-1')).toMatchObject({ workspaceId: wsId });
  });

  it('writes everything in one transaction: a failure part-way leaves nothing written', async () => {
    const text = await exportWorkspaceBundle(session.db, wsId);
    const other = new LinkwallDb(`bundle-fail-${Date.now()}-${n++}`);
    const spy = vi.spyOn(other.audit, 'bulkAdd').mockRejectedValue(new Error('The disk is full'));
    await expect(importWorkspaceBundle(other, text, { user: 'Analyst C' })).rejects.toThrow(/disk is full/);
    spy.mockRestore();
    expect(await other.workspaces.count()).toBe(0);
    for (const t of ['entities', 'links', 'items', 'events'] as const) expect(await readAllRecords(other, t, wsId)).toEqual([]);
    for (const t of [other.imports, other.quarantine, other.decisions, other.merges, other.audit, other.meta, other.revisions, other.rowCache]) expect(await t.count()).toBe(0);
  });

  it('refuses a damaged bundle before writing anything', async () => {
    const text = await exportWorkspaceBundle(session.db, wsId);
    const other = new LinkwallDb(`bundle-bad-${Date.now()}-${n++}`);
    await expect(importWorkspaceBundle(other, text.replace('Operation Juniper', 'Operation Jupiter'))).rejects.toThrow(BundleError);
    await expect(importWorkspaceBundle(other, '{"format":"something-else"}')).rejects.toThrow(/not a Linkwall workspace bundle/);
    expect(await other.workspaces.count()).toBe(0);
  });
});
