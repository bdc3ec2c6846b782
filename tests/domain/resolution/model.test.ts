// @vitest-environment node
/**
 * The match model and clustering: term frequencies (Barraclough outweighs Smith; a number shared by a
 * taxi office weighs little), supporting evidence that is never enough alone, clustering that does not
 * chain, analysts' "Not the same", progress and cancellation.
 */
import { describe, expect, it } from 'vitest';
import { clusterWithoutChaining } from '../../../src/domain/resolution/cluster';
import { PersonModel, weightOf } from '../../../src/domain/resolution/model';
import { FIELD_SPECS } from '../../../src/domain/resolution/compare';
import { resolvePeople, resolvePeopleSync } from '../../../src/domain/resolution/people';
import { recordFromFields } from '../../../src/domain/resolution/records';
import { pairKey, ResolutionCancelled, type ResolutionResult, type ScoredPair } from '../../../src/domain/resolution/types';
import { strangers, strangersWithDuplicates } from './helpers';

function pairOf(result: ResolutionResult, a: string, b: string): ScoredPair | undefined {
  return result.pairs.find((p) => (p.leftId === a && p.rightId === b) || (p.leftId === b && p.rightId === a));
}
const weightOfField = (p: ScoredPair | undefined, field: string): number => p?.fields.find((f) => f.field === field)?.weight ?? NaN;
const clusterOf = (result: ResolutionResult, id: string) => result.clusters.find((c) => c.recordIds.includes(id));

describe('how telling an agreement is', () => {
  it('weighs agreeing on "Barraclough" more than on "Smith"', () => {
    const smiths = Array.from({ length: 40 }, (_, i) =>
      recordFromFields(`smith${i}`, { givenName: [['Kyle', 'Jade', 'Mason', 'Leah'][i % 4] ?? ''], familyName: ['Smith'], dob: [`19${50 + i}-05-0${(i % 9) + 1}`] }),
    );
    const records = [
      ...strangersWithDuplicates(200),
      ...smiths,
      recordFromFields('smithA', { givenName: ['Aaron'], familyName: ['Smith'], dob: ['1980-01-01'] }),
      recordFromFields('smithB', { givenName: ['Aaron'], familyName: ['Smith'], dob: ['1980-01-01'] }),
      recordFromFields('b1', { givenName: ['Aaron'], familyName: ['Barraclough'], dob: ['1981-02-02'] }),
      recordFromFields('b2', { givenName: ['Aaron'], familyName: ['Barraclough'], dob: ['1981-02-02'] }),
    ];
    const result = resolvePeopleSync(records);
    const smith = weightOfField(pairOf(result, 'smithA', 'smithB'), 'familyName');
    const barraclough = weightOfField(pairOf(result, 'b1', 'b2'), 'familyName');
    expect(barraclough).toBeGreaterThan(smith + 1.5);
    expect(pairOf(result, 'smithA', 'smithB')?.fields.find((f) => f.field === 'familyName')?.explanation).toMatch(/42 of/);
  });

  it('weighs a phone shared by many people (a taxi office) far less than a personal number', () => {
    const taxi = '07700 900999';
    const drivers = strangers(30, 'd').map((r) => ({ ...r, phones: [...r.phones, '+447700900999'] }));
    const records = [
      ...strangersWithDuplicates(200),
      ...drivers,
      recordFromFields('t1', { givenName: ['Reece'], familyName: ['Holroyd'], dob: ['1990-06-06'], phone: [taxi] }),
      recordFromFields('t2', { givenName: ['Reece'], familyName: ['Holroyd'], dob: ['1990-06-06'], phone: [taxi] }),
      recordFromFields('m1', { givenName: ['Leon'], familyName: ['Ackroyd'], dob: ['1991-07-07'], phone: ['07700 900888'] }),
      recordFromFields('m2', { givenName: ['Leon'], familyName: ['Ackroyd'], dob: ['1991-07-07'], phone: ['+44 7700 900888'] }),
    ];
    const result = resolvePeopleSync(records);
    const shared = pairOf(result, 't1', 't2');
    const personal = pairOf(result, 'm1', 'm2');
    expect(weightOfField(shared, 'phone')).toBeLessThan(weightOfField(personal, 'phone') - 3);
    expect(shared?.fields.find((f) => f.field === 'phone')?.explanation).toMatch(/shared by many/);
  });
});

describe('supporting evidence (street names, aliases, shared associates)', () => {
  it('is never enough on its own', () => {
    const records = [
      ...strangersWithDuplicates(100),
      recordFromFields('x', { alias: ['Smudge'] }),
      recordFromFields('y', { alias: ['smudge'] }),
      recordFromFields('p', { alias: ['Smudge'], name: ['Kyle Nowak'], dob: ['1990-01-01'] }),
      recordFromFields('q', { alias: ['Smudge'], name: ['Omar Evans'], dob: ['2001-09-09'] }),
    ];
    const result = resolvePeopleSync(records);
    for (const [a, b] of [['x', 'y'], ['p', 'q'], ['x', 'p']] as const) expect(pairOf(result, a, b), `${a}~${b}`).toBeUndefined();
    expect(clusterOf(result, 'x')?.recordIds).toEqual(['x']);
  });

  it('counts only alongside other agreement, and cannot lift a pair to the confident band', () => {
    const flat = FIELD_SPECS.map((s) => Float64Array.from(s.levels.map((l) => l.m)));
    const u = FIELD_SPECS.map((s) => Float64Array.from(s.levels.map((_, i) => (i === s.levels.length - 1 ? 0.9 : 0.01))));
    const model = new PersonModel(flat, u, 1e-4, weightOf(0.99));
    const prior = model.priorWeight;
    // No core evidence: the alias is ignored.
    expect(model.combine(0, 12)).toBe(prior);
    // Some core evidence, well below confident: the alias helps but stops short of confident.
    const lifted = model.combine(10, 12);
    expect(lifted).toBeGreaterThan(prior + 10);
    expect(lifted).toBeLessThan(weightOf(0.99));
    // Already confident on core evidence: the alias adds to it.
    expect(model.combine(25, 3)).toBeCloseTo(prior + 28);
  });
});

describe('clustering without chaining', () => {
  const all = (): boolean => true;

  const notAC = (x: number, y: number): boolean => !((x === 0 && y === 2) || (x === 2 && y === 0));

  it('does not join A~B and B~C into one when A is clearly not C', () => {
    // B fits A far better than C: A and B join, C stays out (the B~C pair would chain).
    const clear = clusterWithoutChaining({
      n: 3,
      left: Int32Array.from([0, 1]),
      right: Int32Array.from([1, 2]),
      weight: Float64Array.from([20, 11]),
      acceptable: notAC,
      margin: 6.6,
    });
    expect(clear.clusterOf[0]).toBe(clear.clusterOf[1]);
    expect(clear.clusterOf[2]).not.toBe(clear.clusterOf[1]);
    expect([...clear.blocked.values()]).toEqual(['chain']);
    // B fits both about as well: it could be either, so it joins neither.
    const either = clusterWithoutChaining({
      n: 3,
      left: Int32Array.from([0, 1]),
      right: Int32Array.from([1, 2]),
      weight: Float64Array.from([12, 11]),
      acceptable: notAC,
      margin: 6.6,
    });
    expect(new Set(either.clusterOf).size).toBe(3);
  });

  it('leaves a record that fits two different people about equally well out of both', () => {
    const ambiguous = clusterWithoutChaining({
      n: 3,
      left: Int32Array.from([0, 0]),
      right: Int32Array.from([1, 2]),
      weight: Float64Array.from([12, 11]),
      acceptable: (x, y) => !((x === 1 && y === 2) || (x === 2 && y === 1)),
      margin: 6.6,
    });
    expect(new Set(ambiguous.clusterOf).size).toBe(3);
    expect([...ambiguous.blocked.values()]).toEqual(['ambiguous', 'ambiguous']);
    // ... but joins it to the clearly better one.
    const clear = clusterWithoutChaining({
      n: 3,
      left: Int32Array.from([0, 0]),
      right: Int32Array.from([1, 2]),
      weight: Float64Array.from([20, 8]),
      acceptable: (x, y) => !((x === 1 && y === 2) || (x === 2 && y === 1)),
      margin: 6.6,
    });
    expect(clear.clusterOf[0]).toBe(clear.clusterOf[1]);
    expect(clear.clusterOf[2]).not.toBe(clear.clusterOf[0]);
    expect(clusterWithoutChaining({ n: 2, left: Int32Array.from([0]), right: Int32Array.from([1]), weight: Float64Array.from([9]), acceptable: all, margin: 6.6 }).clusters).toBe(1);
  });

  it('keeps a father and son apart though a record with no date of birth fits both', () => {
    const father = recordFromFields('father', { name: ['John Barraclough'], dob: ['1975-02-03'], address: ['14 Mill Lane'], postcode: ['KB1 2AB'], phone: ['07700 900555'] });
    const son = recordFromFields('son', { name: ['John Barraclough'], dob: ['2008-11-20'], address: ['14 Mill Lane'], postcode: ['KB1 2AB'], phone: ['07700 900555'] });
    const either = recordFromFields('either', { name: ['John Barraclough'], address: ['14 Mill Ln'], postcode: ['KB1 2AB'], phone: ['07700 900555'] });
    // The workspace records them as family: a direct link between the two records.
    father.linkedRecords.push('son');
    son.linkedRecords.push('father');
    const result = resolvePeopleSync([...strangersWithDuplicates(200), father, son, either]);
    expect(clusterOf(result, 'father')?.recordIds).not.toContain('son');
    const withEither = clusterOf(result, 'either')?.recordIds ?? [];
    expect(withEither.includes('father') && withEither.includes('son')).toBe(false);
  });
});

describe('analysts and the app', () => {
  const twins = () => [
    ...strangersWithDuplicates(150),
    recordFromFields('a', { name: ['Kelly Hinchliffe'], dob: ['1999-04-04'], phone: ['07700 900444'], identifier: [{ scheme: 'NHS', value: '999 000 1111' }] }),
    recordFromFields('b', { name: ['HINCHLIFFE, Kelly'], dob: ['04/04/1999'], phone: ['+447700900444'], identifier: [{ scheme: 'NHS', value: '9990001111' }] }),
  ];

  it('merges a clear duplicate, explained field by field', () => {
    const result = resolvePeopleSync(twins());
    const p = pairOf(result, 'a', 'b');
    expect(p?.band).toBe('confident');
    expect(p?.merged).toBe(true);
    expect(p?.fields.map((f) => f.field)).toEqual(expect.arrayContaining(['givenName', 'familyName', 'dob', 'phone', 'identifier']));
    for (const f of p?.fields ?? []) expect(f).toMatchObject({ level: expect.any(String), weight: expect.any(Number), explanation: expect.any(String) });
    expect(clusterOf(result, 'a')?.recordIds.sort()).toEqual(['a', 'b']);
  });

  it('honours "Not the same"', () => {
    const result = resolvePeopleSync(twins(), { cannotLink: new Set([pairKey('b', 'a')]) });
    expect(pairOf(result, 'a', 'b')).toBeUndefined();
    expect(clusterOf(result, 'a')?.recordIds).toEqual(['a']);
  });

  it('is deterministic', () => {
    const strip = (r: ResolutionResult) => JSON.stringify({ clusters: r.clusters, pairs: r.pairs });
    expect(strip(resolvePeopleSync(twins()))).toBe(strip(resolvePeopleSync(twins())));
  });

  it('reports progress through every phase and can be cancelled', async () => {
    const seen: string[] = [];
    let fraction = 0;
    const result = await resolvePeople(twins(), {}, (p) => {
      if (seen[seen.length - 1] !== p.phase) seen.push(p.phase);
      expect(p.fraction).toBeGreaterThanOrEqual(fraction - 1e-9);
      fraction = p.fraction;
    }, undefined, 0);
    expect(seen).toEqual(['preparing', 'estimating', 'blocking', 'scoring', 'fitting', 'clustering', 'explaining']);
    expect(fraction).toBeCloseTo(1, 5);
    expect(result.stats.records).toBe(182);

    let calls = 0;
    await expect(resolvePeople(twins(), {}, undefined, () => ++calls > 3, 0)).rejects.toBeInstanceOf(ResolutionCancelled);
  });

  it('rejects bad thresholds and duplicate ids', () => {
    expect(() => resolvePeopleSync(twins(), { thresholds: { confident: 0.5, review: 0.9 } })).toThrow(/Thresholds/);
    expect(() => resolvePeopleSync([recordFromFields('a', {}), recordFromFields('a', {})])).toThrow(/more than once/);
  });
});
