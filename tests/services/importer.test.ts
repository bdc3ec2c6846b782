import { beforeEach, describe, expect, it } from 'vitest';
import { LinkwallDb } from '../../src/db/schema';
import type { ImportBatch } from '../../src/domain/importPlan';
import type { Person, Phone, Workspace } from '../../src/domain/model';
import { clearHistory, type Session } from '../../src/services/commit';
import { commitImport, setQuarantineStatus, undoImport, undoImportImpact } from '../../src/services/importer';
import { saveEntity } from '../../src/services/records';
import { storeWorkspace } from '../../src/services/workspaces';
import { intel, link, name, person, phone } from '../domain/factories';
import { all, count, rec } from '../helpers/store';

let n = 0;
let session: Session;
const ws: Workspace = { id: 'ws1', name: 'T', marking: 'OFFICIAL-SENSITIVE', termsOfReference: '', fictional: true, createdAt: '', updatedAt: '' };
const existingPhone = phone({ id: 'ph-old', number: { value: '+447700900123', sources: ['i1'] } });

function batch(): ImportBatch {
  const src = ['imp-item-1'];
  return {
    importId: 'imp1',
    workspaceId: 'ws1',
    fileName: 'school.csv',
    sheet: '',
    agency: 'Kelbridge Schools',
    rows: 3,
    importedRows: 2,
    blankRows: 0,
    items: [intel({ id: 'imp-item-1', agency: 'Kelbridge Schools', agencyType: 'education', reference: 'school.csv row 2', grading: { scheme: 'ungraded' } })],
    entities: [
      person({ id: 'new-p', names: [{ ...name('legal', 'Jade', 'Hall'), sources: src }], sex: { value: 'female', sources: src }, ethnicity: { value: 'unknown', sources: src } }),
      phone({ id: 'new-ph', number: { value: '+447700900123', sources: src } }),
    ],
    links: [link({ id: 'new-l', from: 'new-p', to: 'new-ph', type: 'uses-phone', sources: src })],
    events: [],
    quarantined: [{ rowNumber: 4, headers: ['Name', 'Mobile'], cells: ['', 'not a phone'], reasons: ['Row 4: nothing to import: no name and "not a phone" is not a phone number.'] }],
  };
}

beforeEach(async () => {
  clearHistory();
  session = { db: new LinkwallDb(`importer-${Date.now()}-${n++}`), user: 'Analyst A' };
  await storeWorkspace(session, { workspace: ws, entities: [existingPhone, person({ id: 'p1' })], links: [], items: [intel()] }, 'test', 'Loaded');
});

describe('committing an import', () => {
  it('creates new records, attaches exact matches, quarantines bad rows, and counts add up', async () => {
    const record = await commitImport(session, batch(), { any: 'mapping' }, ['Name', 'Mobile']);
    expect(record.counts).toMatchObject({ rows: 3, imported: 2, quarantined: 1, newEntities: 1, matchedEntities: 1, links: 1, items: 1 });
    expect(record.counts.imported + record.counts.quarantined).toBe(record.counts.rows);
    expect(await rec(session.db, 'entities', 'new-ph')).toBeUndefined();
    expect(((await rec(session.db, 'entities', 'ph-old')) as Phone).number?.sources).toEqual(['i1', 'imp-item-1']);
    expect((await rec(session.db, 'links', 'new-l'))?.to).toBe('ph-old');
    expect(await session.db.quarantine.where('importId').equals('imp1').count()).toBe(1);
    const audit = await session.db.audit.where('workspaceId').equals('ws1').toArray();
    expect(audit.map((a) => a.category)).toEqual(expect.arrayContaining(['collection', 'combination']));
    // The stored table snapshot includes the new person.
    const snap = (await session.db.rowCache.get('ws1'))!.rows.flatMap((c) => JSON.parse(c) as { id: string }[]);
    expect(snap.map((r) => r.id)).toContain('new-p');
  });

  it('undo removes what it added and restores what it attached to, exactly', async () => {
    const before = await all(session.db, 'entities');
    await commitImport(session, batch(), {}, []);
    await undoImport(session, 'imp1');
    expect((await all(session.db, 'entities')).sort((a, b) => a.id.localeCompare(b.id))).toEqual(before.sort((a, b) => a.id.localeCompare(b.id)));
    expect(await count(session.db, 'links')).toBe(0);
    expect(await count(session.db, 'items')).toBe(1);
    expect(await session.db.quarantine.count()).toBe(0);
    expect((await session.db.imports.get('imp1'))?.status).toBe('undone');
    await expect(undoImport(session, 'imp1')).rejects.toThrow(/already been undone/);
  });

  it('undo after an edit of an attached entity removes only the import citations and what rested on them', async () => {
    await commitImport(session, batch(), {}, []);
    const attached = (await rec(session.db, 'entities', 'ph-old')) as Phone;
    await saveEntity(session, { ...attached, notes: [{ value: 'Seen at the bus station', sources: ['i1'] }] }, attached);
    // A hand-made link to the imported person goes with it.
    const p1 = (await rec(session.db, 'entities', 'p1')) as Person;
    expect(p1).toBeTruthy();
    const impact = await undoImportImpact(session.db, 'imp1');
    expect(impact.linksToCreated).toBe(0);
    await undoImport(session, 'imp1');
    const now = (await rec(session.db, 'entities', 'ph-old')) as Phone;
    expect(now.number?.sources).toEqual(['i1']);
    expect(now.notes.map((x) => x.value)).toEqual(['Seen at the bus station']);
  });

  it('quarantined rows can be resolved or discarded with a reason', async () => {
    await commitImport(session, batch(), {}, []);
    const rows = await session.db.quarantine.toArray();
    await setQuarantineStatus(session, rows, 'discarded', 'Duplicate of row 3');
    expect((await session.db.quarantine.toArray())[0]?.status).toBe('discarded');
  });
});
