// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  PRECISION_RADIUS_M,
  locate,
  locateAll,
  locationsOf,
  outcodeTableLookup,
  personFeatures,
  placeFeatures,
  placePeople,
  postcodeParts,
  postcodesToLookUp,
  type GeoLookups,
} from '../../../src/domain/geo/geocode';
import type { Role } from '../../../src/domain/model';
import outcodes from '../../../src/map/data/outcodes.json';
import { address, business, fact, hotspot, link, name, person, phone } from '../factories';

const OUTCODES = outcodes as Record<string, number[]>;
const postcodes = new Map([
  ['LS1 4AP', { lat: 53.7965, lng: -1.5478 }],
  ['LS2 7HZ', { lat: 53.8032, lng: -1.5493 }],
]);
const lookups: GeoLookups = { fullPostcode: (pc) => postcodes.get(pc), outcode: outcodeTableLookup(OUTCODES) };
const LS1 = OUTCODES.LS1!;
const role = (value: Role) => fact(value);

describe('locate', () => {
  it('a stored location fact wins, with its own precision', () => {
    const a = address({ location: fact({ lat: 53.8, lng: -1.55, precision: 'exact' }) });
    expect(locate(a, lookups)).toEqual({ lat: 53.8, lng: -1.55, precision: 'exact', radiusM: PRECISION_RADIUS_M.exact });
    const manual = address({ location: fact({ lat: 53.8, lng: -1.55, precision: 'manual' }) });
    expect(locate(manual, lookups)?.radiusM).toBe(PRECISION_RADIUS_M.manual);
    // A stored district-precision point takes the district's radius.
    const district = address({ location: fact({ lat: 53.8, lng: -1.55, precision: 'district' }) });
    expect(locate(district, lookups)?.radiusM).toBe(LS1[3]);
  });

  it('then the full postcode in the imported table, whatever its spelling', () => {
    expect(locate(address({ postcode: fact('ls14ap') }), lookups)).toEqual({ lat: 53.7965, lng: -1.5478, precision: 'postcode', radiusM: 100 });
  });

  it('then the postcode district centroid, with the district radius', () => {
    expect(locate(address({ postcode: fact('LS1 9ZZ') }), lookups)).toEqual({ lat: LS1[0], lng: LS1[1], precision: 'district', radiusM: LS1[3] });
    // A district on its own.
    expect(locate(address({ postcode: fact('LS1') }), lookups)?.precision).toBe('district');
    // Without a radius in the table: the default.
    const bare: GeoLookups = { fullPostcode: () => undefined, outcode: () => ({ lat: 1, lng: 2 }) };
    expect(locate(address({ postcode: fact('LS1 9ZZ') }), bare)?.radiusM).toBe(PRECISION_RADIUS_M.district);
  });

  it('else nothing; people, vehicles and phones have no location of their own', () => {
    expect(locate(address({ postcode: fact('ZZ1 1ZZ') }), lookups)).toBeNull();
    expect(locate(address({ postcode: undefined }), lookups)).toBeNull();
    expect(locate(address({ location: fact({ lat: Number.NaN, lng: 0, precision: 'exact' }), postcode: undefined }), lookups)).toBeNull();
    expect(locate(person(), lookups)).toBeNull();
    expect(locate(phone(), lookups)).toBeNull();
    expect(locate(hotspot({ location: fact({ lat: 51.5, lng: -0.1, precision: 'manual' }) }), lookups)?.precision).toBe('manual');
  });

  it('postcodeParts and postcodesToLookUp', () => {
    expect(postcodeParts('sw1a1aa')).toEqual({ full: 'SW1A 1AA', outcode: 'SW1A' });
    expect(postcodeParts('sw1a')).toEqual({ outcode: 'SW1A' });
    expect(postcodeParts('nonsense')).toEqual({});
    const entities = [
      address({ id: 'a1', postcode: fact('ls1 4ap') }),
      address({ id: 'a2', postcode: fact('LS1 4AP') }),
      address({ id: 'a3', postcode: fact('LS2 7HZ'), location: fact({ lat: 53.8, lng: -1.5, precision: 'exact' }) }),
      address({ id: 'a4', postcode: fact('LS3') }),
    ];
    expect(postcodesToLookUp(entities)).toEqual(['LS1 4AP']);
  });
});

describe('locateAll', () => {
  it('places hot spots at their address and businesses at the place they are located at', () => {
    const entities = [
      address({ id: 'a1', postcode: fact('LS1 4AP') }),
      address({ id: 'a2', postcode: fact('LS1 9ZZ') }),
      hotspot({ id: 'h1', addressId: 'a1' }),
      business({ id: 'b1' }),
      business({ id: 'b2' }),
      address({ id: 'gone', postcode: fact('LS1 4AP'), mergedInto: 'a1' }),
    ];
    const links = [
      link({ id: 'l1', type: 'located-at', from: 'b1', to: 'a2' }),
      link({ id: 'l2', type: 'located-at', from: 'a1', to: 'b1' }), // the better-located of two wins
      link({ id: 'l3', type: 'works-at', from: 'b2', to: 'a1' }), // not a location
    ];
    const located = locateAll(entities, links, lookups);
    expect([...located.keys()].sort()).toEqual(['a1', 'a2', 'b1', 'h1']);
    expect(located.get('h1')).toMatchObject({ precision: 'postcode', via: 'a1' });
    expect(located.get('b1')).toMatchObject({ precision: 'postcode', via: 'a1', lat: 53.7965 });
  });
});

describe('placePeople', () => {
  const entities = [
    person({ id: 'p1', names: [name('legal', 'Tiana', 'Marsh')], roles: [role('young-person-at-risk')] }),
    person({ id: 'p2', names: [name('legal', 'Kyle', 'Brennard')], roles: [role('organiser')] }),
    person({ id: 'p3', names: [name('legal', 'Nobody', 'Placed')] }),
    address({ id: 'home', postcode: fact('LS1 4AP') }),
    address({ id: 'old', postcode: fact('LS2 7HZ') }),
    business({ id: 'shop' }),
    hotspot({ id: 'park', location: fact({ lat: 53.79, lng: -1.54, precision: 'exact' }) }),
  ];
  const links = [
    link({ id: 'f1', type: 'frequents', from: 'p1', to: 'park' }),
    link({ id: 'l1', type: 'lives-at', from: 'p1', to: 'home' }),
    link({ id: 'l0', type: 'lives-at', from: 'p1', to: 'old', dateTo: '2023-01-01' }),
    link({ id: 'w1', type: 'works-at', from: 'p2', to: 'shop' }), // the shop has no location
    link({ id: 's1', type: 'seen-with', from: 'park', to: 'p2' }),
    link({ id: 'a1', type: 'associate', from: 'p1', to: 'p2' }),
  ];
  const located = locateAll(entities, links, lookups);

  it('gives each person the located places they are linked to, best first', () => {
    const placed = placePeople(entities, links, located, '2024-06-01');
    expect(placed.get('p1')!.map((p) => [p.placeId, p.linkType, p.current])).toEqual([
      ['home', 'lives-at', true],
      ['park', 'frequents', true],
      ['old', 'lives-at', false],
    ]);
    expect(placed.get('p2')!.map((p) => p.placeId)).toEqual(['park']);
    expect(placed.get('p1')![0]).toMatchObject({ lat: 53.7965, lng: -1.5478, precision: 'postcode', radiusM: 100, linkId: 'l1', personId: 'p1' });
    expect(placed.has('p3')).toBe(false);
  });

  it('makes map features of places and people', () => {
    const places = placeFeatures(entities, links, located);
    expect(places.map((f) => f.id)).toEqual(['home', 'old', 'park']);
    const home = places[0]!;
    expect(home).toMatchObject({ kind: 'address', label: '12 Mill Lane, LS1 4AP', outcode: 'LS1', placeType: 'home', roles: ['young-person-at-risk'], sources: 1 });
    expect(places[2]!.roles).toEqual(['organiser', 'young-person-at-risk']);
    const people = personFeatures(entities, placePeople(entities, links, locationsOf(places), '2024-06-01'));
    expect(people.map((p) => [p.label, p.placeId, p.linkType])).toEqual([
      ['Kyle Brennard', 'park', 'seen-with'],
      ['Tiana Marsh', 'home', 'lives-at'],
    ]);
  });
});
