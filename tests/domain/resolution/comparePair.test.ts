// @vitest-environment node
/** Comparing two entities an analyst picked: the scan's score and evidence, whether or not the scan proposed them. */
import { describe, expect, it } from 'vitest';
import { DEMO_DARREN_KEY, generateDemoWorkspace } from '../../../src/domain/demo';
import type { Entity, Person } from '../../../src/domain/model';
import { comparePair, comparePairAsync, comparisonVerdict, percent, whyNotComparable } from '../../../src/domain/resolution/comparePair';
import { resolveOthers } from '../../../src/domain/resolution/others';
import { resolvePeopleSync } from '../../../src/domain/resolution/people';
import { pairKey, ResolutionCancelled } from '../../../src/domain/resolution/types';
import { recordsFromWorkspace } from '../../../src/domain/resolution/workspace';
import { fact, hotspot, link, name, person, phone, vehicle } from '../factories';

const demo = generateDemoWorkspace();
const scan = resolvePeopleSync(recordsFromWorkspace(demo.entities, demo.links));
const byId = new Map(demo.entities.map((e) => [e.id, e]));
const listed = new Set(scan.pairs.map((p) => pairKey(p.leftId, p.rightId)));
const darren = Object.keys(demo.truthPersonKey).filter((id) => demo.truthPersonKey[id] === DEMO_DARREN_KEY);

/** Two demo people who are different people and whom the scan does not pair. */
function unrelatedPair(): [string, string] {
  const people = demo.entities.filter((e) => e.kind === 'person').map((e) => e.id);
  for (const a of people)
    for (const b of people)
      if (a < b && demo.truthPersonKey[a] !== demo.truthPersonKey[b] && !listed.has(pairKey(a, b))) return [a, b];
  throw new Error('no unrelated pair in the demo');
}

describe('comparePair for people', () => {
  it('gives a pair the scan finds exactly the scan probability, band and fields, whichever way round it is asked', () => {
    expect(darren).toHaveLength(3);
    const [a, b] = darren as [string, string];
    const inScan = scan.pairs.find((p) => pairKey(p.leftId, p.rightId) === pairKey(a, b));
    expect(inScan).toBeDefined();
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      const c = comparePair(demo.entities, demo.links, x, y);
      expect(c).toMatchObject({ kind: 'person', proposed: true, leftId: inScan?.leftId, rightId: inScan?.rightId, band: inScan?.band, merged: inScan?.merged });
      expect(c.probability).toBe(inScan?.probability);
      expect(c.weight).toBe(inScan?.weight);
      expect(c.fields).toEqual(inScan?.fields);
    }
  });

  it('scores an unrelated pair low, explains it field by field, and says so plainly', () => {
    const [a, b] = unrelatedPair();
    const c = comparePair(demo.entities, demo.links, a, b);
    expect(c.proposed).toBe(false);
    expect(c.band).toBe('review');
    expect(c.probability).toBeLessThan(scan.thresholds.review);
    expect([c.leftId, c.rightId].sort()).toEqual([a, b].sort());
    expect(c.fields.length).toBeGreaterThan(0);
    for (const f of c.fields) {
      expect(f.explanation).toMatch(/bits\]/);
      expect(typeof f.weight).toBe('number');
    }
    expect(c.fields.some((f) => f.weight < 0)).toBe(true);
    expect(comparisonVerdict(c)).toMatch(/^The engine rates these (under 1%|\d+%) likely the same: merge only on evidence you hold\./);
  });

  it('scores a pair the scan leaves out with the same model as the scan', () => {
    // A pair the scan lists; with "Not the same" it is left out of the scan, so comparePair scores it
    // itself (the path taken for pairs the engine never proposed): the result must be the scan's.
    const p1 = person({ id: 'x1', names: [name('legal', 'Bartholomew', 'Quennell')], dob: fact('1990-02-03') });
    const p2 = person({ id: 'x2', names: [name('legal', 'Bartholomew', 'Quennell')], dob: fact('1990-02-03') });
    const entities: Entity[] = [...demo.entities, p1, p2];
    const run = resolvePeopleSync(recordsFromWorkspace(entities, demo.links));
    const inRun = run.pairs.find((p) => pairKey(p.leftId, p.rightId) === pairKey('x1', 'x2'));
    expect(inRun?.band).toBe('confident');
    // "Not the same" keeps the pair out of the scan; comparing it still scores it with the same model.
    const c = comparePair(entities, demo.links, 'x1', 'x2', { cannotLink: new Set([pairKey('x1', 'x2')]) });
    expect(c.proposed).toBe(false);
    expect(c.probability).toBeCloseTo(inRun?.probability ?? 0, 6);
    expect(c.fields.map((f) => [f.field, f.level])).toEqual(inRun?.fields.map((f) => [f.field, f.level]));
    expect(comparisonVerdict(c)).toMatch(/did not propose/);
  });

  it('gives the same answer in slices, and can be cancelled', async () => {
    const [a, b] = unrelatedPair();
    expect(await comparePairAsync(demo.entities, demo.links, a, b)).toEqual(comparePair(demo.entities, demo.links, a, b));
    await expect(comparePairAsync(demo.entities, demo.links, a, b, {}, undefined, () => true)).rejects.toBeInstanceOf(ResolutionCancelled);
  });
});

describe('comparePair for other kinds', () => {
  const entities: Entity[] = [
    vehicle({ id: 'v1', registration: fact('AB12CDO'), make: fact('Vauxhall') }),
    vehicle({ id: 'v2', registration: fact('AB12 CD0'), make: fact('vauxhall') }),
    vehicle({ id: 'v3', registration: fact('YX64ABC'), make: fact('Ford') }),
    vehicle({ id: 'v4', registration: undefined, make: fact('Ford') }),
    phone({ id: 'ph1', number: fact('07700 900123') }),
    phone({ id: 'h1', phoneType: 'handle', number: undefined, platform: 'Snapchat', handle: fact('@kb_smudge') }),
  ];

  it('gives a pair resolveOthers finds its score and fields', () => {
    const found = resolveOthers(entities).pairs.find((p) => pairKey(p.leftId, p.rightId) === pairKey('v1', 'v2'));
    const c = comparePair(entities, [], 'v2', 'v1');
    expect(c).toMatchObject({ kind: 'vehicle', proposed: true, probability: found?.probability, band: found?.band, merged: false });
    expect(c.fields).toEqual(found?.fields);
  });

  it('scores and explains a pair resolveOthers would not propose', () => {
    const c = comparePair(entities, [], 'v1', 'v3');
    expect(c.proposed).toBe(false);
    expect(c.probability).toBeLessThan(0.01);
    expect(c.fields[0]).toMatchObject({ field: 'registration', level: 'different' });
    expect(percent(c.probability)).toBe('under 1%');
  });

  it('gives a pair with nothing to compare the prior alone, without fields', () => {
    expect(comparePair(entities, [], 'v1', 'v4')).toMatchObject({ proposed: false, fields: [] });
    expect(comparePair(entities, [], 'ph1', 'h1')).toMatchObject({ kind: 'phone', proposed: false, fields: [] });
  });
});

describe('comparePair refuses', () => {
  const p1 = person({ id: 'p1', names: [name('legal', 'Imogen', 'Radley')] });
  const p2 = person({ id: 'p2', names: [name('legal', 'Imogen', 'Radleigh')] });
  const gone: Person = person({ id: 'p3', names: [name('legal', 'Imogen', 'Radley')], mergedInto: 'p1' });
  const entities: Entity[] = [p1, p2, gone, vehicle({ id: 'v1' }), hotspot({ id: 'hs1' }), hotspot({ id: 'hs2' })];
  const links = [link({ id: 'l1', from: 'p1', to: 'v1', type: 'drives-vehicle' })];

  it('two different kinds', () => {
    expect(() => comparePair(entities, links, 'p1', 'v1')).toThrow(/only two records of the same kind can be compared/);
  });
  it('a record merged into another', () => {
    expect(() => comparePair(entities, links, 'p1', 'p3')).toThrow(/already been merged into another record/);
  });
  it('one record twice, a missing record, and hot spots', () => {
    expect(() => comparePair(entities, links, 'p1', 'p1')).toThrow(/cannot be compared with itself/);
    expect(() => comparePair(entities, links, 'p1', 'nope')).toThrow(/no longer in the workspace/);
    expect(() => comparePair(entities, links, 'hs1', 'hs2')).toThrow(/not compared for duplicates/);
    expect(whyNotComparable(p1, p2)).toBeNull();
  });
});

describe('percent', () => {
  it('never rounds to 0% or 100%', () => {
    expect([0.001, 0.03, 0.5, 0.996, 0.99999].map(percent)).toEqual(['under 1%', '3%', '50%', '99.6%', 'over 99.9%']);
  });
});

// The demo's entities referenced here exist (a guard against a changed demo making the tests vacuous).
it('uses demo records that exist', () => {
  for (const id of darren) expect(byId.get(id)?.kind).toBe('person');
});
