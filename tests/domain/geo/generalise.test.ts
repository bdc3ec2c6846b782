// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { generaliseForAudience, markVictimSide, victimSidePlaces } from '../../../src/domain/geo/generalise';
import { locateAll, locationsOf, outcodeTableLookup, personFeatures, placeFeatures, placePeople, type GeoLookups } from '../../../src/domain/geo/geocode';
import type { Role } from '../../../src/domain/model';
import outcodes from '../../../src/map/data/outcodes.json';
import { address, business, fact, hotspot, link, name, person } from '../factories';

const OUTCODES = outcodes as Record<string, number[]>;
const lookups: GeoLookups = {
  fullPostcode: (pc) => ({ 'LS1 4AP': { lat: 53.7965, lng: -1.5478 }, 'LS2 7HZ': { lat: 53.8032, lng: -1.5493 } })[pc],
  outcode: outcodeTableLookup(OUTCODES),
};
const role = (value: Role) => fact(value);

// A fictional young person, the care home she is placed at, her school, her family home, the takeaway
// she frequents, and an adult who lives at a flat she visits.
const entities = [
  person({ id: 'yp', names: [name('legal', 'Jade', 'Fenwick-Orr')], roles: [role('young-person-at-risk')] }),
  person({ id: 'adult', names: [name('legal', 'Marcus', 'Stelling')], roles: [role('abuser')] }),
  address({ id: 'care', lines: fact(['Birchwood House', '4 Elm Row']), postcode: fact('LS1 4AP'), placeType: 'care-home' }),
  address({ id: 'school', lines: fact(['Northtown Academy']), postcode: fact('LS2 7HZ'), placeType: 'school' }),
  address({ id: 'home', lines: fact(['9 Quarry Street']), postcode: fact('LS6 2AB'), placeType: 'home', location: fact({ lat: 53.82, lng: -1.57, precision: 'exact' }) }),
  address({ id: 'flat', lines: fact(['Flat 2', '30 Canal Wharf']), postcode: fact('LS11 5QN'), placeType: 'flat', location: fact({ lat: 53.79, lng: -1.55, precision: 'exact' }) }),
  business({ id: 'takeaway', name: fact('Golden Grill') }),
  address({ id: 'premises', lines: fact(['1 Market Street']), postcode: fact('LS1 6DT'), placeType: 'takeaway', location: fact({ lat: 53.797, lng: -1.543, precision: 'exact' }) }),
  hotspot({ id: 'carehs', name: fact('Outside Birchwood House'), addressId: 'care' }),
];
const links = [
  link({ id: 'l1', type: 'lives-at', from: 'yp', to: 'care' }),
  link({ id: 'l2', type: 'frequents', from: 'yp', to: 'school' }),
  link({ id: 'l3', type: 'lives-at', from: 'yp', to: 'home', dateTo: '2023-05-01' }),
  link({ id: 'l4', type: 'frequents', from: 'yp', to: 'flat' }),
  link({ id: 'l5', type: 'lives-at', from: 'adult', to: 'flat' }),
  link({ id: 'l6', type: 'frequents', from: 'yp', to: 'takeaway' }),
  link({ id: 'l7', type: 'located-at', from: 'takeaway', to: 'premises' }),
];

describe('victim-side places', () => {
  it("are a young person at risk's homes, care home and school; places of exploitation are not", () => {
    const v = victimSidePlaces(entities, links);
    expect(Object.fromEntries(v)).toEqual({
      care: 'Care home of a young person at risk',
      school: 'School of a young person at risk',
      home: 'Home of a young person at risk',
      carehs: 'Care home of a young person at risk',
    });
  });

  it('a person who is not a young person at risk makes nothing victim-side', () => {
    const adultOnly = links.filter((l) => l.from === 'adult');
    expect(victimSidePlaces(entities, adultOnly).size).toBe(0);
  });
});

describe('generaliseForAudience', () => {
  const victim = victimSidePlaces(entities, links);
  const located = locateAll(entities, links, lookups);
  const features = placeFeatures(entities, links, located, { victimSide: victim });

  it('exact: unchanged', () => {
    const out = generaliseForAudience(features, 'exact', lookups);
    expect(out).toEqual(features);
  });

  it('hide: victim-side places are gone, and people are no longer drawn there', () => {
    const out = generaliseForAudience(features, 'hide', lookups);
    expect(out.map((f) => f.id).sort()).toEqual(['flat', 'premises', 'takeaway']);
    const people = personFeatures(entities, placePeople(entities, links, locationsOf(out), '2024-01-01'));
    expect(people.find((p) => p.id === 'yp')).toMatchObject({ placeId: 'flat' });
  });

  it('district: victim-side places move to their district centroid and lose their address', () => {
    const out = generaliseForAudience(features, 'district', lookups);
    const care = out.find((f) => f.id === 'care')!;
    const LS1 = OUTCODES.LS1!;
    expect(care).toEqual({
      id: 'care',
      kind: 'address',
      label: 'Location generalised to postcode district LS1',
      location: { lat: LS1[0], lng: LS1[1], precision: 'district', radiusM: LS1[3] },
      roles: ['young-person-at-risk'],
      sources: 1,
      outcode: 'LS1',
      victimSide: 'Care home of a young person at risk',
      generalised: true,
    });
    expect(JSON.stringify(out)).not.toMatch(/Birchwood|Elm Row|Quarry|Northtown|LS1 4AP|LS2 7HZ|LS6 2AB|care-home|Academy/);
    // The hot spot outside the care home is generalised with it.
    expect(out.find((f) => f.id === 'carehs')).toMatchObject({ generalised: true, outcode: 'LS1' });
    // Exploitation locations keep their exact place.
    expect(out.find((f) => f.id === 'flat')).toMatchObject({ location: { precision: 'exact', lat: 53.79 } });
    expect(out.find((f) => f.id === 'takeaway')).toMatchObject({ label: 'Golden Grill', location: { precision: 'exact' } });
    // A victim-side place with no known district cannot be generalised safely: it is left out.
    const noDistrict = generaliseForAudience([{ ...care, outcode: undefined, generalised: undefined }], 'district', lookups);
    expect(noDistrict).toEqual([]);
  });

  it('markVictimSide marks features placed through a victim-side place', () => {
    const plain = placeFeatures(entities, links, located);
    expect(plain.some((f) => f.victimSide)).toBe(false);
    const marked = markVictimSide(plain, victim);
    expect(marked.filter((f) => f.victimSide).map((f) => f.id).sort()).toEqual(['care', 'carehs', 'home', 'school']);
  });
});
