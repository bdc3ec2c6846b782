import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { getRecord, pageOf } from '../../src/db/pages';
import { LinkwallDb } from '../../src/db/schema';

let n = 0;
const uniqueName = () => `schema-test-${Date.now()}-${n++}`;

describe('schema', () => {
  it('the current version opens on an empty browser with every table and index', async () => {
    const db = new LinkwallDb(uniqueName());
    await db.open();
    expect(db.verno).toBe(4);
    expect(db.tables.map((t) => t.name).sort()).toEqual(
      ['audit', 'decisions', 'entities', 'events', 'imports', 'items', 'links', 'merges', 'meta', 'postcodes', 'quarantine', 'revisions', 'rowCache', 'scans', 'templates', 'workspaces'],
    );
    expect(db.quarantine.schema.indexes.map((i) => i.name).sort()).toEqual(['importId', 'workspaceId']);
    expect(db.entities.schema.primKey.keyPath).toEqual(['workspaceId', 'page']);
    expect(db.entities.schema.indexes).toEqual([]);
    expect(db.audit.schema.primKey.auto).toBe(true);
    db.close();
  });

  it('upgrades a database written by version 1 to the current version and keeps its data', async () => {
    const name = uniqueName();
    // Write with a bare Dexie declaration of version 1, as an older build of the app would have.
    const old = new Dexie(name);
    old.version(1).stores({
      workspaces: 'id, updatedAt',
      entities: '[workspaceId+page]',
      links: '[workspaceId+page]',
      items: '[workspaceId+page]',
      audit: '++seq, workspaceId, at',
      meta: 'key',
      revisions: 'workspaceId',
      rowCache: 'workspaceId',
    });
    await old.table('meta').put({ key: 'userName', value: 'Analyst A' });
    await old.table('entities').put({ workspaceId: 'w1', page: pageOf('e1'), records: { e1: { id: 'e1', workspaceId: 'w1', kind: 'person' } } });
    old.close();
    const db = new LinkwallDb(name);
    await db.open();
    expect(await db.meta.get('userName')).toEqual({ key: 'userName', value: 'Analyst A' });
    expect(await getRecord(db, 'entities', 'w1', 'e1')).toMatchObject({ id: 'e1', kind: 'person' });
    expect(db.verno).toBe(4);
    expect(await db.imports.count()).toBe(0);
    expect(await db.decisions.count()).toBe(0);
    await db.templates.put({ id: 't1', name: 'School weekly', agency: 'Kelbridge Schools', signature: 'a|b', headers: ['a', 'b'], mapping: {}, createdAt: '', updatedAt: '' });
    expect(await db.templates.where('signature').equals('a|b').count()).toBe(1);
    db.close();
  });

  it('upgrades a database written by version 2 (imports) to version 3 and keeps its imports', async () => {
    const name = uniqueName();
    const old = new Dexie(name);
    old.version(1).stores({ workspaces: 'id, updatedAt', entities: '[workspaceId+page]', links: '[workspaceId+page]', items: '[workspaceId+page]', audit: '++seq, workspaceId, at', meta: 'key', revisions: 'workspaceId', rowCache: 'workspaceId' });
    old.version(2).stores({ events: '[workspaceId+page]', imports: 'id, workspaceId', quarantine: 'id, workspaceId, importId', templates: 'id, agency, signature' });
    await old.table('imports').put({ id: 'imp1', workspaceId: 'w1', fileName: 'a.csv' });
    old.close();
    const db = new LinkwallDb(name);
    await db.open();
    expect(db.verno).toBe(4);
    expect((await db.imports.get('imp1'))?.fileName).toBe('a.csv');
    await db.decisions.put({ workspaceId: 'w1', pair: 'a|b', a: 'a', b: 'b', decision: 'not-same', user: 'A', at: '' });
    expect(await db.decisions.where('workspaceId').equals('w1').count()).toBe(1);
    db.close();
  });

  it('indexes hold no personal data (names are searched in memory, so encryption at rest can wrap values)', () => {
    const db = new LinkwallDb(uniqueName());
    const indexed = db.tables.flatMap((t) => [t.schema.primKey.name, ...t.schema.indexes.map((i) => i.name)]);
    for (const key of indexed) expect(key).not.toMatch(/name|dob|postcode|registration|number|handle|text/i);
  });
});
