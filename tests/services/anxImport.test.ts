import { beforeEach, describe, expect, it } from 'vitest';
import { LinkwallDb } from '../../src/db/schema';
import { AnxError, toAnx } from '../../src/domain/exchange';
import type { Person, Workspace } from '../../src/domain/model';
import { importAnx } from '../../src/services/anxImport';
import { clearHistory, type Session } from '../../src/services/commit';
import { undoImport } from '../../src/services/importer';
import { loadViews, saveViews } from '../../src/services/walls';
import { storeWorkspace } from '../../src/services/workspaces';
import { chartInput, entities as chartEntities, links as chartLinks } from '../domain/exchange/fixture';
import { all, count } from '../helpers/store';

let n = 0;
let session: Session;
const ws: Workspace = { id: 'ws1', name: 'T', marking: 'OFFICIAL-SENSITIVE', termsOfReference: '', fictional: true, createdAt: '', updatedAt: '' };

beforeEach(async () => {
  clearHistory();
  session = { db: new LinkwallDb(`anx-import-${Date.now()}-${n++}`), user: 'Analyst A' };
  await storeWorkspace(session, { workspace: ws, entities: [], links: [], items: [] }, 'test', 'Created');
});

const anx = (over: Parameters<typeof chartInput>[0] = {}) => toAnx(chartInput(over));

describe('importing an i2 chart', () => {
  it('stores the entities, links and items with an audit record and an import record, and adds a view named after the file', async () => {
    await saveViews(session.db, 'ws1', { current: 'v-main', views: [{ id: 'v-main', name: 'Main wall', nodes: [], positions: {} }] });
    const r = await importAnx(session, 'ws1', 'juniper.anx', anx());
    expect(r.counts).toMatchObject({ entities: chartEntities.length, newEntities: chartEntities.length, matchedEntities: 0, links: chartLinks.length });
    expect(await count(session.db, 'entities')).toBe(chartEntities.length);
    expect(await count(session.db, 'links')).toBe(chartLinks.length);
    expect(await count(session.db, 'items')).toBe(r.counts.items);
    expect(r.counts.items).toBeGreaterThan(1);
    expect(r.marking).toBe('OFFICIAL-SENSITIVE');
    expect(r.warnings).toEqual([]);

    const views = await loadViews(session.db, 'ws1');
    expect(views?.views.map((v) => v.name)).toEqual(['Main wall', 'juniper']);
    expect(views?.current).toBe(r.viewId);
    const view = views!.views.find((v) => v.id === r.viewId)!;
    expect(view.name).toBe(r.viewName);
    const stored = await all(session.db, 'entities');
    expect(new Set(view.nodes)).toEqual(new Set(stored.map((e) => e.id)));
    // Positions as on the chart (the fixture places entity i at x = 100 i).
    expect(Object.values(view.positions).map((p) => p.x).sort((a, b) => a - b)).toEqual(chartEntities.map((_, i) => 100 * i));

    const audit = await session.db.audit.where('workspaceId').equals('ws1').toArray();
    const own = audit.find((a) => a.action === 'import-anx');
    expect(own).toMatchObject({ category: 'collection', user: 'Analyst A', recordIds: [r.importId] });
    expect(own?.summary).toContain('juniper.anx');
    const record = await session.db.imports.get(r.importId);
    expect(record).toMatchObject({ fileName: 'juniper.anx', status: 'imported' });
    expect(record?.created.entities).toHaveLength(chartEntities.length);
    // The table snapshot is stored with the records.
    const snap = (await session.db.rowCache.get('ws1'))!.rows.flatMap((c) => JSON.parse(c) as { id: string }[]);
    expect(snap).toHaveLength(chartEntities.length);
  });

  it('attaches to entities already in the workspace by exact identifiers, and names the second view apart', async () => {
    const first = await importAnx(session, 'ws1', 'juniper.anx', anx());
    const second = await importAnx(session, 'ws1', 'juniper.anx', anx());
    // Darren Smith (name + date of birth), the phone, the full plate and the address (postcode + number) match.
    expect(second.counts.matchedEntities).toBeGreaterThanOrEqual(4);
    expect(second.counts.newEntities + second.counts.matchedEntities).toBe(chartEntities.length);
    expect(second.counts.entities).toBe(chartEntities.length);
    expect(await count(session.db, 'entities')).toBe(chartEntities.length + second.counts.newEntities);
    const views = await loadViews(session.db, 'ws1');
    expect(views?.views.map((v) => v.name)).toEqual(['juniper', 'juniper (2)']);
    const a = views!.views.find((v) => v.id === first.viewId)!;
    const b = views!.views.find((v) => v.id === second.viewId)!;
    // Matched entities appear on both views, by the workspace's own ids.
    expect(b.nodes.filter((id) => a.nodes.includes(id))).toHaveLength(second.counts.matchedEntities);
    const audit = await session.db.audit.where('workspaceId').equals('ws1').toArray();
    expect(audit.some((x) => x.category === 'combination' && x.action === 'import-attach')).toBe(true);
  });

  it('imports young people shown by pseudonym under the pseudonym only', async () => {
    const r = await importAnx(session, 'ws1', 'yp.anx', anx({ pseudonyms: new Map([['p2', 'YP-01']]) }));
    const people = (await all(session.db, 'entities')).filter((e): e is Person => e.kind === 'person');
    const names = people.flatMap((p) => p.names.map((x) => x.full));
    expect(names).toContain('YP-01');
    expect(names.join(' ')).not.toContain('Jade');
    expect(r.counts.entities).toBe(chartEntities.length);
  });

  it('warns when the chart is marked differently from the workspace', async () => {
    const r = await importAnx(session, 'ws1', 'secret.anx', anx({ workspace: { name: 'Elsewhere', marking: 'SECRET' } }));
    expect(r.marking).toBe('SECRET');
    expect(r.warnings[0]).toMatch(/marked SECRET; this workspace is marked OFFICIAL-SENSITIVE/);
  });

  it('is undone as a whole from the import history', async () => {
    const r = await importAnx(session, 'ws1', 'juniper.anx', anx());
    await undoImport(session, r.importId);
    expect(await count(session.db, 'entities')).toBe(0);
    expect(await count(session.db, 'links')).toBe(0);
    expect(await count(session.db, 'items')).toBe(0);
  });

  it('fails with the line and column of a malformed file, and writes nothing', async () => {
    const broken = anx().replace('</ChartItemCollection>', '</ChartItemCollectio>');
    const error = await importAnx(session, 'ws1', 'broken.anx', broken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AnxError);
    expect((error as AnxError).line).toBeGreaterThan(1);
    expect((error as AnxError).column).toBeGreaterThan(0);
    expect((error as AnxError).message).toMatch(/not well-formed XML/);
    expect(await count(session.db, 'entities')).toBe(0);
    expect(await loadViews(session.db, 'ws1')).toBeNull();
    expect(await session.db.imports.count()).toBe(0);
  });

  it('refuses a chart with nothing to import, and a file that is not a chart', async () => {
    const empty = '<?xml version="1.0"?><Chart><ChartItemCollection></ChartItemCollection></Chart>';
    await expect(importAnx(session, 'ws1', 'empty.anx', empty)).rejects.toThrow(/has no entity Linkwall can import/);
    await expect(importAnx(session, 'ws1', 'page.anx', '<html><body/></html>')).rejects.toThrow(/not an i2 ANX chart/);
    expect(await count(session.db, 'entities')).toBe(0);
  });

  it('reads the file as bytes (UTF-16 as i2 often writes it)', async () => {
    const text = anx();
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes[0] = 0xff;
    bytes[1] = 0xfe;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      bytes[2 + 2 * i] = c & 0xff;
      bytes[3 + 2 * i] = c >> 8;
    }
    const r = await importAnx(session, 'ws1', 'utf16.anx', bytes);
    expect(r.counts.entities).toBe(chartEntities.length);
  });
});
