// @vitest-environment node
/** From entities and links to records (evidence through the graph), and the fictional demo workspace. */
import { describe, expect, it } from 'vitest';
import { DEMO_DARREN_KEY, generateDemoWorkspace } from '../../../src/domain/demo';
import { resolvePeopleSync } from '../../../src/domain/resolution/people';
import { recordsFromWorkspace } from '../../../src/domain/resolution/workspace';
import type { Person } from '../../../src/domain/model';
import { address, fact, link, name, person, phone, vehicle } from '../factories';
import { strangersWithDuplicates } from './helpers';

describe('recordsFromWorkspace', () => {
  it('carries the phones, vehicles and homes linked to a person, and sorts names from street names', () => {
    const p = person({
      id: 'p1',
      names: [name('legal', 'Darren', 'Smith'), name('nickname', '', '', 'Dazza'), name('street', '', '', 'Smudge')],
      dob: fact('1991-03-14'),
      identifiers: [fact({ scheme: 'PNC', value: '08/575728V' })],
    });
    const other = person({ id: 'p2', names: [name('legal', 'Kyle', 'Clarke')] });
    const entities = [
      p,
      other,
      phone({ id: 'ph1', number: fact('+447700900855') }),
      phone({ id: 'ph2', phoneType: 'handle', platform: 'Snapchat', handle: fact('@dazza_kb'), number: undefined }),
      vehicle({ id: 'v1', registration: fact('KX68LHH') }),
      address({ id: 'a1', lines: fact(['Flat 2', '14 High St']), postcode: fact('KB1 4AP') }),
    ];
    const links = [
      link({ id: 'l1', type: 'uses-phone', from: 'p1', to: 'ph1' }),
      link({ id: 'l2', type: 'uses-phone', from: 'p1', to: 'ph2' }),
      link({ id: 'l3', type: 'drives-vehicle', from: 'p1', to: 'v1' }),
      link({ id: 'l4', type: 'lives-at', from: 'p1', to: 'a1' }),
      link({ id: 'l5', type: 'associate', from: 'p2', to: 'p1' }),
    ];
    const [r] = recordsFromWorkspace(entities, links);
    expect(r).toMatchObject({
      id: 'p1',
      names: [
        { given: 'darren', family: 'smith' },
        { given: 'dazza', family: '' },
      ],
      aliases: ['smudge'],
      dobs: ['1991-03-14'],
      sex: 'male',
      phones: ['+447700900855'],
      handles: ['snapchat:dazzakb'],
      vehicles: ['KX68LHH'],
      addresses: ['flat 2 14 high st'],
      postcodes: ['KB1 4AP'],
      identifiers: ['PNC:08575728V'],
      linkedRecords: ['p2'],
      network: ['p2'],
    });
  });

  it('leaves out people merged into another', () => {
    const merged: Person = person({ id: 'p9', mergedInto: 'p1' });
    expect(recordsFromWorkspace([person(), merged], []).map((r) => r.id)).toEqual(['p1']);
  });

  it('lets two records linked to the same phone support each other (evidence through the graph)', () => {
    const entities = [
      person({ id: 'x', names: [name('nickname', '', '', 'Dazza')], sex: fact('unknown') }),
      person({ id: 'y', names: [name('legal', 'Darren', 'Smith')] }),
      phone({ id: 'ph1', number: fact('07700 900855') }),
      phone({ id: 'ph2', number: fact('+44 7700 900855') }),
    ];
    const links = [link({ id: 'l1', type: 'uses-phone', from: 'x', to: 'ph1' }), link({ id: 'l2', type: 'uses-phone', from: 'y', to: 'ph2' })];
    const records = [...strangersWithDuplicates(60), ...recordsFromWorkspace(entities, links)];
    const result = resolvePeopleSync(records);
    const pair = result.pairs.find((p) => [p.leftId, p.rightId].sort().join() === 'x,y');
    expect(pair?.fields.find((f) => f.field === 'phone')).toMatchObject({ level: 'exact' });
    expect(pair?.fields.find((f) => f.field === 'givenName')).toMatchObject({ level: 'nickname' });
  });
});

describe('the demo workspace', () => {
  const demo = generateDemoWorkspace();
  const result = resolvePeopleSync(recordsFromWorkspace(demo.entities, demo.links));
  const same = (a: string, b: string): boolean => demo.truthPersonKey[a] === demo.truthPersonKey[b];

  it("brings Darren Smith's partner records to Darren's police record (at least for review)", () => {
    const ids = Object.keys(demo.truthPersonKey).filter((id) => demo.truthPersonKey[id] === DEMO_DARREN_KEY);
    expect(ids).toHaveLength(3);
    const byId = new Map(demo.entities.map((e) => [e.id, e]));
    const police = ids.find((id) => {
      const e = byId.get(id);
      return e?.kind === 'person' && e.names.some((n) => n.kind === 'legal' && n.given === 'Darren');
    });
    expect(police).toBeDefined();
    for (const other of ids.filter((id) => id !== police)) {
      const pair = result.pairs.find((p) => [p.leftId, p.rightId].sort().join() === [police, other].sort().join());
      expect(pair, `Darren's police record ~ ${other}`).toBeDefined();
      expect(pair?.probability).toBeGreaterThanOrEqual(result.thresholds.review);
    }
  });

  it('proposes no confident merge of two different people', () => {
    const confident = result.pairs.filter((p) => p.band === 'confident');
    expect(confident.length).toBeGreaterThanOrEqual(10);
    for (const p of confident) expect(same(p.leftId, p.rightId), `${p.leftId} ~ ${p.rightId}`).toBe(true);
    for (const c of result.clusters) for (const id of c.recordIds) expect(same(id, c.recordIds[0] ?? id)).toBe(true);
  });
});
