import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { LinkwallDb } from '../../src/db/schema';

let n = 0;
const uniqueName = () => `schema-test-${Date.now()}-${n++}`;

describe('schema', () => {
  it('version 1 opens on an empty browser with every table and index', async () => {
    const db = new LinkwallDb(uniqueName());
    await db.open();
    expect(db.verno).toBe(1);
    expect(db.tables.map((t) => t.name).sort()).toEqual(['audit', 'entities', 'items', 'links', 'meta', 'workspaces']);
    expect(db.entities.schema.indexes.map((i) => i.name)).toEqual(expect.arrayContaining(['workspaceId', '[workspaceId+kind]']));
    expect(db.audit.schema.primKey.auto).toBe(true);
    db.close();
  });

  it('opens a database written by version 1 and keeps its data (upgrade path from v1)', async () => {
    const name = uniqueName();
    // Write with a bare Dexie declaration of version 1, as an older build of the app would have.
    const old = new Dexie(name);
    old.version(1).stores({
      workspaces: 'id, updatedAt',
      entities: 'id, workspaceId, [workspaceId+kind]',
      links: 'id, workspaceId, from, to',
      items: 'id, workspaceId',
      audit: '++seq, workspaceId, at',
      meta: 'key',
    });
    await old.table('meta').put({ key: 'userName', value: 'Analyst A' });
    await old.table('entities').put({ id: 'e1', workspaceId: 'w1', kind: 'person' });
    old.close();
    const db = new LinkwallDb(name);
    await db.open();
    expect(await db.meta.get('userName')).toEqual({ key: 'userName', value: 'Analyst A' });
    expect(await db.entities.where('[workspaceId+kind]').equals(['w1', 'person']).count()).toBe(1);
    db.close();
  });

  it('indexes hold no personal data (names are searched in memory, so encryption at rest can wrap values)', () => {
    const db = new LinkwallDb(uniqueName());
    const indexed = db.tables.flatMap((t) => t.schema.indexes.map((i) => i.name));
    for (const key of indexed) expect(key).not.toMatch(/name|dob|postcode|registration|number|handle|text/i);
  });
});
