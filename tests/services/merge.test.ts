import { beforeEach, describe, expect, it } from 'vitest';
import { LinkwallDb } from '../../src/db/schema';
import type { Person, Workspace } from '../../src/domain/model';
import { entitySources } from '../../src/domain/provenance';
import { clearHistory, type Session } from '../../src/services/commit';
import { mergeEntities, recordDecision, unmerge, unmergeImpact } from '../../src/services/merge';
import { storeWorkspace } from '../../src/services/workspaces';
import { fact, intel, link, name, person, phone } from '../domain/factories';
import { all, rec } from '../helpers/store';

let n = 0;
let session: Session;
const ws: Workspace = { id: 'ws1', name: 'T', marking: 'OFFICIAL-SENSITIVE', termsOfReference: '', fictional: true, createdAt: '', updatedAt: '' };
const police = person({ id: 'p-police', names: [name('legal', 'Darren', 'Smith'), name('nickname', '', '', 'Dazza')], dob: fact('1991-03-14') });
const social = person({
  id: 'p-csc',
  names: [{ ...name('legal', 'Daz', 'Smyth'), sources: ['i2'] }],
  estimatedAge: { value: { years: 35, asOf: '2026-04-03' }, sources: ['i2'] },
  sex: { value: 'male', sources: ['i2'] },
  ethnicity: { value: 'unknown', sources: ['i2'] },
  roles: [{ value: 'abuser', sources: ['i2'] }],
});

beforeEach(async () => {
  clearHistory();
  session = { db: new LinkwallDb(`merge-${Date.now()}-${n++}`), user: 'Analyst A' };
  await storeWorkspace(
    session,
    {
      workspace: ws,
      entities: [police, social, phone({ id: 'ph1' })],
      links: [link({ id: 'l1', from: 'p-csc', to: 'ph1', type: 'uses-phone', sources: ['i2'] }), link({ id: 'l2', from: 'p-police', to: 'p-csc', type: 'associate' })],
      items: [intel(), intel({ id: 'i2', agency: "Kelbridge Children's Social Care", agencyType: 'childrens-social-care', reference: 'CSC-1' })],
    },
    'test',
    'Loaded',
  );
});

describe('merge and unmerge', () => {
  it('merging keeps every value and citation of both; names become aliases; links move', async () => {
    const record = await mergeEntities(session, 'ws1', 'p-police', 'p-csc', 0.93);
    const merged = (await rec(session.db, 'entities', 'p-police')) as Person;
    expect(merged.names.map((x) => `${x.kind}:${x.full}`)).toEqual(['legal:Darren Smith', 'nickname:Dazza', 'alias:Daz Smyth']);
    expect(merged.roles.map((r) => r.value)).toEqual(['abuser']);
    expect(entitySources(merged).sort()).toEqual(['i1', 'i2']);
    expect((await rec(session.db, 'entities', 'p-csc'))?.mergedInto).toBe('p-police');
    expect((await rec(session.db, 'links', 'l1'))?.from).toBe('p-police');
    expect(await rec(session.db, 'links', 'l2')).toBeUndefined();
    expect((await session.db.audit.where('workspaceId').equals('ws1').toArray()).some((a) => a.category === 'combination' && a.action === 'merge')).toBe(true);
    expect((await unmergeImpact(session.db, record.id)).editedSince).toBe(false);
  });

  it('unmerge restores both records and their links exactly', async () => {
    const before = { entities: await all(session.db, 'entities'), links: await all(session.db, 'links') };
    const record = await mergeEntities(session, 'ws1', 'p-police', 'p-csc');
    await unmerge(session, record.id);
    const sort = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
    expect(sort(await all(session.db, 'entities'))).toEqual(sort(before.entities));
    expect(sort(await all(session.db, 'links'))).toEqual(sort(before.links));
    expect((await session.db.merges.get(record.id))?.status).toBe('unmerged');
    await expect(unmerge(session, record.id)).rejects.toThrow(/already been unmerged/);
  });

  it('decisions are stored and audited', async () => {
    await recordDecision(session, 'ws1', police, social, 'not-same', 0.6);
    const d = await session.db.decisions.where('workspaceId').equals('ws1').toArray();
    expect(d).toHaveLength(1);
    expect(d[0]?.decision).toBe('not-same');
  });
});
