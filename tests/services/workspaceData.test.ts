import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LinkwallDb } from '../../src/db/schema';
import type { Workspace } from '../../src/domain/model';
import { clearHistory, type Session } from '../../src/services/commit';
import { saveEntity, saveLink } from '../../src/services/records';
import { WorkspaceData, type WorkspaceSnapshot } from '../../src/services/workspaceData';
import { storeWorkspace } from '../../src/services/workspaces';
import { intel, link, name, person, phone } from '../domain/factories';

let n = 0;
let session: Session;
let data: WorkspaceData | null = null;
const ws: Workspace = {
  id: 'ws1',
  name: 'Test',
  marking: 'OFFICIAL-SENSITIVE',
  termsOfReference: '',
  fictional: true,
  createdAt: '2024-01-01T00:00:00Z',
  updatedAt: '2024-01-01T00:00:00Z',
};

function until(d: WorkspaceData, ok: (s: WorkspaceSnapshot) => boolean, ms = 3000): Promise<WorkspaceSnapshot> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const s = d.getSnapshot();
      if (ok(s)) {
        off();
        clearTimeout(t);
        resolve(s);
      }
    };
    const off = d.subscribe(check);
    const t = setTimeout(() => {
      off();
      reject(new Error('timed out waiting for the workspace data'));
    }, ms);
    check();
  });
}

beforeEach(async () => {
  clearHistory();
  session = { db: new LinkwallDb(`wsdata-${Date.now()}-${n++}`), user: 'Analyst A' };
  await storeWorkspace(
    session,
    { workspace: ws, entities: [person({ id: 'p1' }), phone({ id: 'ph1' })], links: [link({ id: 'l1', from: 'p1', to: 'ph1', type: 'uses-phone' })], items: [intel()] },
    'test-load',
    'Loaded',
  );
});

afterEach(() => data?.dispose());

describe('the open workspace in memory', () => {
  it('opens from the stored table snapshot first, then every record, with rows and a search index', async () => {
    data = new WorkspaceData(session.db, 'ws1');
    const first = await until(data, (s) => !s.loading);
    expect(first.rows.map((r) => r.id).sort()).toEqual(['p1', 'ph1']);
    const full = await until(data, (s) => s.complete && s.search !== null);
    expect(full.entities.size).toBe(2);
    expect(full.rows.find((r) => r.id === 'ph1')).toMatchObject({ links: 1, sub: expect.stringContaining('Darren Smith'), agencyTypes: ['police'] });
    expect(full.search?.search('dazza').hits.map((h) => h.id)).toEqual(['p1']);
    expect(full.search?.search('darren').hits.map((h) => h.id)).toEqual(['p1']);
  });

  it('follows committed changes: rows, link counts, neighbours and the search index', async () => {
    data = new WorkspaceData(session.db, 'ws1');
    await until(data, (s) => s.complete && s.search !== null);
    const p1 = (await data.getSnapshot().entities.get('p1'))!;
    await saveEntity(session, { ...(p1 as ReturnType<typeof person>), names: [name('legal', 'Daniel', 'Okafor')] }, p1);
    const renamed = await until(data, (s) => s.rows.some((r) => r.label === 'Daniel Okafor'));
    expect(renamed.rows.find((r) => r.id === 'ph1')?.sub).toContain('Daniel Okafor');
    expect(renamed.search?.search('okafor').hits.map((h) => h.id)).toEqual(['p1']);
    await saveEntity(session, person({ id: 'p2', names: [name('legal', 'Jade', 'Hall')] }), null);
    await saveLink(session, link({ id: 'l2', from: 'p2', to: 'ph1', type: 'uses-phone' }), null, (id) => id);
    const linked = await until(data, (s) => s.rows.find((r) => r.id === 'ph1')?.links === 2);
    expect(linked.rows.map((r) => r.label)).toEqual(['07700 900123', 'Daniel Okafor', 'Jade Hall'].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
  });

  it('without a current snapshot it reads every record before showing rows', async () => {
    await session.db.rowCache.clear();
    data = new WorkspaceData(session.db, 'ws1');
    const s = await until(data, (x) => !x.loading);
    expect(s.complete).toBe(true);
    expect(s.rows).toHaveLength(2);
  });
});
