import { describe, expect, it } from 'vitest';
import { countRecords, deleteAllRecords, getRecords, PAGE_COUNT, pageOf, readAllRecords, writeRecords } from '../../src/db/pages';
import { LinkwallDb } from '../../src/db/schema';
import { person } from '../domain/factories';

let n = 0;
const fresh = () => new LinkwallDb(`pages-${Date.now()}-${n++}`);

describe('paged records', () => {
  it('spreads ids over the pages deterministically', () => {
    expect(pageOf('p-1')).toBe(pageOf('p-1'));
    const used = new Set(Array.from({ length: 5000 }, (_, i) => pageOf(`p-${i}`)));
    expect(used.size).toBeGreaterThan(PAGE_COUNT * 0.9);
    for (const p of used) expect(p).toBeLessThan(PAGE_COUNT);
  });

  it('writes, reads by id and in full, and keeps workspaces apart', async () => {
    const db = fresh();
    const people = Array.from({ length: 600 }, (_, i) => person({ id: `p${i}`, workspaceId: 'w1' }));
    await db.transaction('rw', db.entities, () =>
      writeRecords(db, 'entities', 'w1', people.map((p) => ({ id: p.id, before: null, after: p })), null),
    );
    await db.transaction('rw', db.entities, () =>
      writeRecords(db, 'entities', 'w2', [{ id: 'p0', before: null, after: person({ id: 'p0', workspaceId: 'w2' }) }], null),
    );
    expect(await countRecords(db, 'entities', 'w1')).toBe(600);
    expect(await countRecords(db, 'entities', 'w2')).toBe(1);
    expect((await readAllRecords(db, 'entities', 'w1')).map((e) => e.id).sort()).toEqual(people.map((p) => p.id).sort());
    const got = await getRecords(db, 'entities', 'w1', ['p5', 'nope', 'p599']);
    expect(got.map((e) => e?.id)).toEqual(['p5', undefined, 'p599']);
    await deleteAllRecords(db, 'entities', 'w1');
    expect(await countRecords(db, 'entities', 'w1')).toBe(0);
    expect(await countRecords(db, 'entities', 'w2')).toBe(1);
  });

  it('a failed check leaves every page as it was', async () => {
    const db = fresh();
    await db.transaction('rw', db.entities, () => writeRecords(db, 'entities', 'w1', [{ id: 'a', before: null, after: person({ id: 'a' }) }], null));
    await expect(
      db.transaction('rw', db.entities, () =>
        writeRecords(
          db,
          'entities',
          'w1',
          [
            { id: 'b', before: null, after: person({ id: 'b' }) },
            { id: 'a', before: null, after: person({ id: 'a' }) },
          ],
          (current, before) => {
            if (current !== before) throw new Error('changed elsewhere');
          },
        ),
      ),
    ).rejects.toThrow('changed elsewhere');
    expect((await readAllRecords(db, 'entities', 'w1')).map((e) => e.id)).toEqual(['a']);
  });
});
