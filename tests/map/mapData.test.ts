// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { DEMO_DISTRICTS, generateDemoWorkspace } from '../../src/domain/demo';
import { outcodeTableLookup } from '../../src/domain/geo/geocode';
import { entityLabel } from '../../src/domain/labels';
import type { CrimeEvent } from '../../src/domain/model';
import { NO_FILTER, pseudonyms } from '../../src/graph/toElements';
import { buildMapModel, eventFacets, filterEvents } from '../../src/map/mapData';

const demo = generateDemoWorkspace();
const entities = new Map(demo.entities.map((e) => [e.id, e]));
const items = new Map(demo.items.map((i) => [i.id, i]));
const lookups = { fullPostcode: () => undefined, outcode: outcodeTableLookup(DEMO_DISTRICTS) };
const names = pseudonyms(demo.entities);
const base = { filter: NO_FILTER, fade: false, agenciesOf: () => [], pseudonyms: names, audience: 'exact' as const };

describe('the map model', () => {
  const model = buildMapModel(entities, demo.links, items, lookups, base);

  it('places every place with a location or a known district, and people through their places', () => {
    const kinds = new Set(model.points.map((p) => p.kind));
    for (const k of ['address', 'business', 'hotspot', 'person']) expect(kinds.has(k as never)).toBe(true);
    const precisions = new Set(model.points.map((p) => p.precision));
    expect(precisions.has('exact')).toBe(true);
    expect(precisions.has('district')).toBe(true);
    const addresses = demo.entities.filter((e) => e.kind === 'address' && !e.mergedInto);
    expect(model.points.filter((p) => p.kind === 'address').length).toBe(addresses.length);
    expect(model.links.length).toBeGreaterThan(20);
    expect(model.intelHeat.length).toBeGreaterThan(20);
  });

  it('shows young people by pseudonym, never by name', () => {
    const yps = demo.entities.filter((e) => names.has(e.id));
    const placed = model.points.filter((p) => names.has(p.id));
    expect(placed.length).toBeGreaterThan(3);
    for (const p of placed) expect(p.label).toMatch(/^YP-\d\d$/);
    const labels = model.points.map((p) => p.label).join('\n');
    for (const y of yps) expect(labels.includes(entityLabel(y))).toBe(false);
  });

  it('generalises victim-side places to their district for an audience, or hides them', () => {
    const exactVictim = model.points.filter((p) => p.victimSide && p.kind !== 'person');
    expect(exactVictim.length).toBeGreaterThan(0);
    const district = buildMapModel(entities, demo.links, items, lookups, { ...base, audience: 'district' });
    for (const p of district.points.filter((x) => x.victimSide && x.kind !== 'person')) {
      expect(p.generalised).toBe(true);
      expect(p.precision).toBe('district');
      expect(p.label).toMatch(/^Location generalised to postcode district KB\d$/);
    }
    const hidden = buildMapModel(entities, demo.links, items, lookups, { ...base, audience: 'hide' });
    expect(hidden.points.some((p) => p.victimSide && p.kind !== 'person')).toBe(false);
  });

  it('applies the chart filters: kind, and fading instead of hiding', () => {
    const hotspots = buildMapModel(entities, demo.links, items, lookups, { ...base, filter: { ...NO_FILTER, kinds: new Set(['hotspot']) } });
    expect(hotspots.points.every((p) => p.kind === 'hotspot')).toBe(true);
    const faded = buildMapModel(entities, demo.links, items, lookups, { ...base, fade: true, filter: { ...NO_FILTER, kinds: new Set(['hotspot']) } });
    expect(faded.points.length).toBe(model.points.length);
    expect(faded.points.filter((p) => !p.faded).every((p) => p.kind === 'hotspot')).toBe(true);
  });
});

describe('crime events on the map', () => {
  const ev = (id: string, month: string, crimeType: string, located = true): CrimeEvent => ({
    id,
    workspaceId: 'w',
    month,
    reportedBy: 'City of London Police',
    fallsWithin: 'City of London Police',
    ...(located ? { location: { lat: 51.51, lng: -0.09 } } : {}),
    locationText: 'On or near Example Street',
    lsoaCode: 'E01000001',
    lsoaName: 'City of London 001A',
    crimeType,
    outcome: '',
    context: '',
    origin: { importId: 'i', fileName: 'f.csv', row: 1 },
  });
  const events = [ev('a', '2017-01', 'Burglary'), ev('b', '2017-02', 'Shoplifting'), ev('c', '2017-03', 'Burglary'), ev('d', '2017-03', 'Burglary', false)];
  it('filters by type and month, with the shared date range, and leaves unlocated rows out', () => {
    expect(filterEvents(events, { types: new Set(), from: null, to: null }, NO_FILTER).map((e) => e.id)).toEqual(['a', 'b', 'c']);
    expect(filterEvents(events, { types: new Set(['Burglary']), from: null, to: null }, NO_FILTER).map((e) => e.id)).toEqual(['a', 'c']);
    expect(filterEvents(events, { types: new Set(), from: '2017-02', to: null }, { from: null, to: '2017-02-28' }).map((e) => e.id)).toEqual(['b']);
    expect(eventFacets(events)).toEqual({ types: [{ type: 'Burglary', count: 3 }, { type: 'Shoplifting', count: 1 }], months: ['2017-01', '2017-02', '2017-03'] });
  });
});
