import { beforeEach, describe, expect, it } from 'vitest';
import { all, count, putRaw, rec } from '../helpers/store';
import { ConflictError } from '../../src/db/changes';
import { LinkwallDb } from '../../src/db/schema';
import type { Person, Workspace } from '../../src/domain/model';
import { onChange, type ChangeNotice } from '../../src/services/changeBus';
import { clearHistory, redo, undo, type Session } from '../../src/services/commit';
import { deleteEntity, deleteItem, entityDeleteImpact, itemDeleteImpact, saveEntity, saveLink, ValidationError } from '../../src/services/records';
import { createWorkspace, storeWorkspace } from '../../src/services/workspaces';
import { entitySources } from '../../src/domain/provenance';
import { address, intel, link, name, person, phone } from '../domain/factories';

let n = 0;
let session: Session;
let ws: Workspace;

beforeEach(async () => {
  clearHistory();
  session = { db: new LinkwallDb(`records-${Date.now()}-${n++}`), user: 'Analyst A' };
  ws = {
    id: 'ws1',
    name: 'Test',
    marking: 'OFFICIAL-SENSITIVE',
    termsOfReference: '',
    fictional: true,
    createdAt: '2024-01-01T00:00:00Z',
    updatedAt: '2024-01-01T00:00:00Z',
  };
  await storeWorkspace(session, { workspace: ws, entities: [], links: [], items: [intel()] }, 'test-load', 'Loaded test workspace');
});

describe('writes through services', () => {
  it('creates a workspace with the default marking and audits it', async () => {
    const w = await createWorkspace(session, { name: 'Op Birch', marking: 'OFFICIAL-SENSITIVE', termsOfReference: 'Scope' });
    expect((await session.db.workspaces.get(w.id))?.marking).toBe('OFFICIAL-SENSITIVE');
    const audit = await session.db.audit.where('workspaceId').equals(w.id).toArray();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ user: 'Analyst A', category: 'collection', action: 'create-workspace' });
    await expect(createWorkspace(session, { name: '  ', marking: 'OFFICIAL', termsOfReference: '' })).rejects.toThrow(/Give the workspace a name/);
  });

  it('saves an entity and its audit record together', async () => {
    await saveEntity(session, person({ id: 'p1' }), null);
    expect(await rec(session.db, 'entities', 'p1')).toBeTruthy();
    const audit = await session.db.audit.where('workspaceId').equals('ws1').toArray();
    expect(audit.at(-1)).toMatchObject({ category: 'collection', action: 'create-entity', recordIds: ['p1'], user: 'Analyst A' });
  });

  it('rejects invalid input with plain words and stores nothing', async () => {
    const bad = address({ id: 'a-bad', postcode: { value: 'LS99 XXXX', sources: ['i1'] } });
    const before = await session.db.audit.count();
    await expect(saveEntity(session, bad, null)).rejects.toBeInstanceOf(ValidationError);
    await expect(saveEntity(session, bad, null)).rejects.toThrow(/postcode/i);
    expect(await rec(session.db, 'entities', 'a-bad')).toBeUndefined();
    expect(await session.db.audit.count()).toBe(before);
  });

  it('undo and redo an edit, each audited', async () => {
    const created = await saveEntity(session, person({ id: 'p1' }), null);
    const edited: Person = { ...(created as Person), names: [name('legal', 'Darren', 'Smyth')] };
    await saveEntity(session, edited, created);
    expect(((await rec(session.db, 'entities', 'p1')) as Person).names[0]?.family).toBe('Smyth');
    expect(await undo(session, 'ws1')).toMatch(/Edit person/);
    expect(((await rec(session.db, 'entities', 'p1')) as Person).names[0]?.family).toBe('Smith');
    expect(await redo(session, 'ws1')).toMatch(/Edit person/);
    expect(((await rec(session.db, 'entities', 'p1')) as Person).names[0]?.family).toBe('Smyth');
    const actions = (await session.db.audit.where('workspaceId').equals('ws1').toArray()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['undo', 'redo']));
  });

  it('refuses to overwrite a record changed elsewhere (another tab) and writes nothing', async () => {
    const created = await saveEntity(session, person({ id: 'p1' }), null);
    // Another tab edits the record directly.
    await putRaw(session.db, 'entities', { ...(created as Person), names: [name('legal', 'Other', 'Tab')] });
    const stale: Person = { ...(created as Person), names: [name('legal', 'Mine', 'Edit')] };
    await expect(saveEntity(session, stale, created)).rejects.toBeInstanceOf(ConflictError);
    expect(((await rec(session.db, 'entities', 'p1')) as Person).names[0]?.given).toBe('Other');
  });

  it('deleting an entity takes its links with it, and undo brings both back', async () => {
    await saveEntity(session, person({ id: 'p1' }), null);
    await saveEntity(session, phone({ id: 'ph1' }), null);
    await saveLink(session, link({ id: 'l1', from: 'p1', to: 'ph1', type: 'uses-phone' }), null, (id) => id);
    const p = (await rec(session.db, 'entities', 'p1'))!;
    const links = entityDeleteImpact('p1', await all(session.db, 'links'));
    expect(links.map((l) => l.id)).toEqual(['l1']);
    await deleteEntity(session, p, links);
    expect(await count(session.db, 'links')).toBe(0);
    expect(await rec(session.db, 'entities', 'p1')).toBeUndefined();
    await undo(session, 'ws1');
    expect(await rec(session.db, 'links', 'l1')).toBeTruthy();
    expect(await rec(session.db, 'entities', 'p1')).toBeTruthy();
  });

  it('a link must cite an intelligence item and join two different entities', async () => {
    await expect(saveLink(session, link({ sources: [] }), null, (id) => id)).rejects.toThrow(/cite at least one intelligence item/);
    await expect(saveLink(session, link({ from: 'p1', to: 'p1' }), null, (id) => id)).rejects.toBeInstanceOf(ValidationError);
  });

  it('deleting an intelligence item removes its citations and the links that rest on it alone', async () => {
    await putRaw(session.db, 'items', intel({ id: 'i2', reference: 'CSC/2' }));
    await saveEntity(session, person({ id: 'p1' }), null);
    await saveEntity(session, phone({ id: 'ph1' }), null);
    await saveLink(session, link({ id: 'only', from: 'p1', to: 'ph1', sources: ['i1'] }), null, (id) => id);
    await saveLink(session, link({ id: 'both', from: 'ph1', to: 'p1', sources: ['i1', 'i2'] }), null, (id) => id);
    const impact = itemDeleteImpact('i1', await all(session.db, 'entities'), await all(session.db, 'links'), entitySources);
    expect(impact.linksDeleted.map((l) => l.id)).toEqual(['only']);
    expect(impact.linksUncited.map((l) => l.id)).toEqual(['both']);
    await deleteItem(session, (await rec(session.db, 'items', 'i1'))!, impact);
    expect(await rec(session.db, 'links', 'only')).toBeUndefined();
    expect((await rec(session.db, 'links', 'both'))?.sources).toEqual(['i2']);
    expect(entitySources((await rec(session.db, 'entities', 'p1'))!)).not.toContain('i1');
  });

  it('tells listeners which records changed', async () => {
    const notices: ChangeNotice[] = [];
    const off = onChange((x) => notices.push(x));
    await saveEntity(session, person({ id: 'p9' }), null);
    off();
    expect(notices.at(-1)).toMatchObject({ workspaceId: 'ws1', ids: { entities: ['p9'] } });
  });
});

describe('workspaces', () => {
  it('deleting a workspace removes all its records and logs the erasure without the content', async () => {
    const { deleteWorkspace } = await import('../../src/services/workspaces');
    await saveEntity(session, person({ id: 'p1' }), null);
    await deleteWorkspace(session, ws);
    expect(await count(session.db, 'entities')).toBe(0);
    expect(await count(session.db, 'items')).toBe(0);
    expect(await session.db.workspaces.get('ws1')).toBeUndefined();
    const last = (await session.db.audit.where('workspaceId').equals('ws1').toArray()).at(-1);
    expect(last).toMatchObject({ category: 'erasure', action: 'delete-workspace' });
    expect(JSON.stringify(last)).not.toMatch(/Darren/);
  });
});
