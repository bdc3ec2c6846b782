// @vitest-environment node
/** The automatic figures, on small workspaces whose answers can be worked out by hand. */
import { describe, expect, it } from 'vitest';
import { generateDemoWorkspace } from '../../../src/domain/demo';
import type { Entity, IntelItem, Link, Person, Role, Workspace } from '../../../src/domain/model';
import { computeFigures, diffSince, formatSentence, periodsUpTo, youngPersonPseudonyms, type ReportData } from '../../../src/domain/report/figures';
import { pseudonyms as chartPseudonyms } from '../../../src/graph/toElements';
import { address, business, hotspot, intel, link, name, person, vehicle } from '../factories';

const workspace: Workspace = {
  id: 'ws1',
  name: 'Test',
  marking: 'OFFICIAL',
  termsOfReference: '',
  fictional: true,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};
const TODAY = '2026-07-01';

const src = (...ids: string[]) => ({ sources: ids });
function who(id: string, given: string, family: string, roles: Role[], itemIds: string[], over: Partial<Person> = {}): Person {
  return person({
    id,
    names: [{ ...name('legal', given, family), sources: itemIds }],
    roles: roles.map((value) => ({ value, ...src(...itemIds) })),
    sex: { value: 'female', ...src(...itemIds) },
    ethnicity: { value: 'unknown', ...src(...itemIds) },
    createdAt: `2026-0${1 + (id.charCodeAt(1) % 5)}-01T00:00:00Z`,
    ...over,
  });
}
const item = (id: string, date: string, over: Partial<IntelItem> = {}): IntelItem => intel({ id, reference: `REF-${id}`, dateOfIntelligence: date, dateRecorded: date, ...over });

/**
 * A star: organiser o1 linked to facilitator f1, abuser a1 and young people y1, y2; f1 and a1 linked to a
 * hot spot and a car; y1 is missing twice (one item reports it, one is a referral that must not count).
 */
function small(): ReportData {
  const items: IntelItem[] = [
    item('i1', '2026-01-10'),
    item('i2', '2026-02-10', { agency: "Northtown Children's Social Care", agencyType: 'childrens-social-care', grading: { scheme: 'ungraded' } }),
    item('i3', '2026-04-05', { text: 'Jade Bell reported missing from home at 22:00; found 6 hours later. Return home interview completed.' }),
    item('i4', '2026-05-20', { text: 'Referral for Jade Bell: repeated missing episodes, older boyfriend.' }),
    item('i5', '2026-05-21', { text: 'Jade Bell reported missing from placement; found at the bus station. Return home interview declined.' }),
    item('i6', '2026-06-30', { dateOfIntelligence: undefined, dateRecorded: '2026-06-30' }),
    item('i7', '2025-06-01'),
  ];
  const entities: Entity[] = [
    who('o1', 'Darren', 'Smith', ['organiser'], ['i1'], { ethnicity: { value: 'white-british', sources: ['i1'] }, dob: { value: '1990-01-01', sources: ['i1'] } }),
    who('f1', 'Kyle', 'Clarke', ['facilitator'], ['i2']),
    who('a1', 'Lee', 'Wilson', ['abuser'], ['i7']),
    who('y1', 'Jade', 'Bell', ['young-person-at-risk'], ['i3'], {
      dob: { value: '2011-03-01', sources: ['i3'] },
      riskLevel: { value: 'high', sources: ['i3'] },
      notes: [{ value: 'Missing episode 21/05/2026 (5 hours).', sources: ['i5'] }],
      createdAt: '2026-01-01T00:00:00Z',
    }),
    who('y2', 'Amy', 'Cole', ['young-person-at-risk'], ['i4'], { estimatedAge: { value: { years: 15, asOf: '2025-07-01' }, sources: ['i4'] }, createdAt: '2026-02-01T00:00:00Z' }),
    hotspot({ id: 'h1', name: { value: 'Bus station', sources: ['i6'] } }),
    vehicle({ id: 'v1', registration: { value: 'AB12CDE', sources: ['i6'] } }),
    vehicle({ id: 'v2', registration: { value: 'XY12ZZZ', sources: ['i6'] } }),
  ];
  const links: Link[] = [
    link({ id: 'l1', from: 'o1', to: 'f1', dateFrom: '2026-01-10', sources: ['i1'] }),
    link({ id: 'l2', from: 'o1', to: 'a1', dateFrom: '2026-02-10', sources: ['i2'] }),
    link({ id: 'l3', from: 'o1', to: 'y1', dateFrom: '2026-04-05', sources: ['i3'] }),
    link({ id: 'l4', from: 'o1', to: 'y2', dateFrom: '2026-05-20', sources: ['i4'] }),
    link({ id: 'l5', type: 'frequents', from: 'f1', to: 'h1', dateFrom: '2026-06-30', sources: ['i6'] }),
    link({ id: 'l6', type: 'frequents', from: 'a1', to: 'h1', dateFrom: '2026-06-30', sources: ['i5'] }),
    link({ id: 'l7', type: 'drives-vehicle', from: 'f1', to: 'v1', dateFrom: '2026-06-30', sources: ['i6'] }),
    link({ id: 'l8', type: 'drives-vehicle', from: 'a1', to: 'v1', dateFrom: '2026-06-30', sources: ['i6'] }),
    link({ id: 'l9', type: 'drives-vehicle', from: 'a1', to: 'v2', dateFrom: '2026-06-30', sources: ['i6'] }),
  ];
  return { workspace, entities, links, items };
}

const cells = (f: { rows: (string | number | null)[][] }, label: string) => f.rows.find((r) => r[0] === label);

describe('periods', () => {
  it('counts complete periods only, unless today is the last day of one', () => {
    expect(periodsUpTo('2026-11-01', 'quarter', 2).map((p) => p.key)).toEqual(['2026-Q2', '2026-Q3']);
    expect(periodsUpTo('2026-09-30', 'quarter', 1).map((p) => p.key)).toEqual(['2026-Q3']);
    expect(periodsUpTo('2026-01-15', 'month', 3).map((p) => [p.key, p.from, p.to])).toEqual([
      ['2025-10', '2025-10-01', '2025-10-31'],
      ['2025-11', '2025-11-01', '2025-11-30'],
      ['2025-12', '2025-12-01', '2025-12-31'],
    ]);
    expect(periodsUpTo('2024-03-31', 'month', 2).map((p) => p.to)).toEqual(['2024-02-29', '2024-03-31']);
  });

  it('fills summary sentences, with singular and plural words and suppressed counts', () => {
    const s = { template: '{0:group|groups} of {1:person|people} {1?is|are} here.', counts: [1, 3] };
    expect(formatSentence(s)).toBe('1 group of 3 people are here.');
    expect(formatSentence({ ...s, counts: [7, 1] })).toBe('7 groups of 1 person is here.');
    expect(formatSentence({ ...s, counts: [1, 1] }, (n) => (n < 5 ? '<5' : String(n)))).toBe('<5 groups of <5 people are here.');
  });
});

describe('computeFigures on a hand-built workspace', () => {
  const data = small();
  const f = computeFigures(data, { period: 'quarter', today: TODAY, periods: 2 });

  it('counts items, people first recorded, young people and links by quarter, with the trend', () => {
    const counts = f.figures.counts;
    // Q1 2026: i1, i2; Q2 2026: i3, i4, i5, i6 (i6 dated by its recording date); i7 (2025) is before.
    expect(counts.rows.map((r) => r.slice(0, 6))).toEqual([
      ['Q1 2026 (Jan–Mar)', 2, 2, 0, 2, 0],
      ['Q2 2026 (Apr–Jun)', 4, 2, 2, 7, 2],
      ['Total', 6, 4, 2, 9, 2],
    ]);
    expect(formatSentence(counts.summary)).toBe(
      'In Q2 2026 (Apr–Jun), 4 intelligence items were recorded, up from 2 in Q1 2026 (Jan–Mar); 2 people were first recorded, 2 of them young people at risk (up from 0).',
    );
  });

  it('young people by risk level and by age band and sex', () => {
    expect(cells(f.figures['yp-risk'], 'High')!.slice(1, 3)).toEqual([1, 50]);
    expect(cells(f.figures['yp-risk'], 'Unknown or not recorded')!.slice(1, 3)).toEqual([1, 50]);
    // y1 born 2011-03-01 is 15 on 2026-07-01; y2 estimated 15 on 2025-07-01 is 16 now.
    expect(cells(f.figures['yp-age-sex'], '13 to 15')).toEqual(['13 to 15', 1, 0, 0, 1]);
    expect(cells(f.figures['yp-age-sex'], '16 to 17')).toEqual(['16 to 17', 1, 0, 0, 1]);
  });

  it('missing episodes: items reporting a young person missing, not referrals mentioning past episodes', () => {
    const m = f.figures.missing;
    expect(cells(m, 'Q2 2026 (Apr–Jun)')).toEqual(['Q2 2026 (Apr–Jun)', 2, 1, 1, 1, 0]);
    expect(m.note).toMatch(/not yet recorded as events/);
  });

  it('contributions by agency and completeness', () => {
    const a = f.figures.agencies;
    expect(cells(a, 'Northshire Police')).toEqual(['Northshire Police', 'Police', 6, 85.7, 5, 0]);
    expect(cells(a, "Northtown Children's Social Care")).toEqual(["Northtown Children's Social Care", "Children's social care", 1, 14.3, 1, 1]);
    const c = f.figures.completeness;
    expect(cells(c, 'Records')).toEqual(['Records', 5, null, 2, null, 3, null]);
    // Ethnicity unknown for everyone but Darren Smith.
    expect(cells(c, 'Ethnicity')).toEqual(['Ethnicity', 4, 80, 2, 100, 2, 66.7]);
    // Age: only the organiser and the young people have a date of birth or an estimate.
    expect(cells(c, 'Age (no date of birth or estimate)')).toEqual(['Age (no date of birth or estimate)', 2, 40, 0, 0, 2, 66.7]);
    expect(formatSentence(c.summary)).toBe('Ethnicity is unknown for 4 of 5 people and for 2 of 2 young people at risk; 1 intelligence item has no date of intelligence.');
  });

  it('key individuals by betweenness, without young people; groups name them by pseudonym', () => {
    const k = f.figures['key-individuals'];
    expect(k.rows.map((r) => [r[1], r[2]])).toEqual([
      ['Darren Smith', 'Organiser'],
      ['Lee Wilson', 'Abuser'],
      ['Kyle Clarke', 'Facilitator'],
    ]);
    expect(k.rows[0]![4]).toBe(4);
    expect(k.rows[0]![3]).toBeGreaterThan(k.rows[1]![3] as number);
    const text = JSON.stringify(f.figures);
    expect(text).not.toContain('Jade Bell');
    expect(text).not.toContain('Amy Cole');
    expect(f.figures.groups.rows.map((r) => r[5]).join(' ')).toMatch(/YP-0[12]/);
  });

  it('ranks by links alone past the size limit for exact betweenness', () => {
    const g = computeFigures(data, { period: 'quarter', today: TODAY, periods: 2, maxBetweennessNodes: 3 });
    // Lee Wilson and Darren Smith both link 4 entities (ties in id order); no betweenness shown.
    expect(g.figures['key-individuals'].rows.map((r) => r.slice(1, 5))).toEqual([
      ['Lee Wilson', 'Abuser', null, 4],
      ['Darren Smith', 'Organiser', null, 4],
      ['Kyle Clarke', 'Facilitator', null, 3],
    ]);
    expect(g.figures['key-individuals'].note).toMatch(/^Betweenness was not computed/);
  });

  it('hot spots with the items about them; vehicles linked to two or more people', () => {
    // Bus station: its own item i6, and its links' items i6 and i5.
    expect(f.figures.places.rows).toEqual([['Bus station', 'Hot spot: transport', 2, 2, 0, '2026-06-30']]);
    const v = f.figures['vehicles-phones'];
    expect(v.rows).toEqual([['AB12 CDE', 'Vehicle', 2, 'Kyle Clarke, Lee Wilson', 1]]);
    expect(formatSentence(v.summary)).toBe('1 vehicle and 0 phones or online handles are linked to two or more people.');
  });

  it('generalises victim-side places and uses the chart’s pseudonyms', () => {
    const d = small();
    const hotel = business({ id: 'b1', name: { value: 'Riverside Hotel', sources: ['i6'] }, businessType: 'hotel' });
    const addr = address({ id: 'ad1', postcode: { value: 'KB3 4XY', sources: ['i6'] } });
    const withHotel: ReportData = {
      ...d,
      entities: [...d.entities, hotel, addr],
      links: [...d.links, link({ id: 'l10', type: 'lives-at', from: 'y1', to: 'b1', sources: ['i6'] }), link({ id: 'l11', type: 'located-at', from: 'b1', to: 'ad1', sources: ['i6'] })],
    };
    const g = computeFigures(withHotel, { period: 'quarter', today: TODAY, periods: 2 });
    const names = g.figures.places.rows.map((r) => r[0]);
    expect(names).toContain('Where a young person at risk is living (generalised to postcode district KB3)');
    expect(names).not.toContain('Riverside Hotel');
    const demo = generateDemoWorkspace();
    expect([...youngPersonPseudonyms(demo.entities)]).toEqual([...chartPseudonyms(demo.entities)]);
  });
});

describe('diffSince', () => {
  it('finds the people, links and hot spots added since a frozen version', () => {
    const data = small();
    const before = { entityIds: ['o1', 'f1', 'a1', 'y1', 'h1', 'v1', 'v2', 'gone'], linkIds: ['l1', 'l2', 'l3'], personIds: ['o1', 'f1', 'a1', 'y1', 'gone'] };
    const extra = hotspot({ id: 'h2', name: { value: 'Park', sources: ['i1'] } });
    const d = diffSince(before, { ...data, entities: [...data.entities, extra] });
    expect(d.newPeople).toEqual(['y2']);
    expect(d.newYoungPeople).toEqual(['y2']);
    expect(d.newLinks).toEqual(['l4', 'l5', 'l6', 'l7', 'l8', 'l9']);
    expect(d.newHotspots).toEqual(['h2']);
    expect(d.gonePeople).toEqual(['gone']);
    const f = computeFigures(
      { ...data, entities: [...data.entities, extra] },
      { period: 'quarter', today: TODAY, periods: 2, previous: { version: 1, ...before, hotspotIds: ['h1'] } },
    );
    expect(f.figures.changes.rows.slice(0, 2)).toEqual([
      ['New people', 1, ''],
      ['of whom young people at risk', 1, 'YP-02'],
    ]);
    expect(formatSentence(f.figures.changes.summary)).toBe('Since version 1, 1 person (including 1 young person at risk and 0 offenders), 6 links and 1 hot spot have been added.');
  });
});
