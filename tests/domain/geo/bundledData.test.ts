// @vitest-environment node
/** The geography bundled with the app (src/map/data, made by scripts/build-geo.mjs). */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { outcodeTableLookup } from '../../../src/domain/geo/geocode';
import { COAST_ATTRIBUTION, FORCE_AREAS_ATTRIBUTION, GEO_ATTRIBUTIONS, OUTCODES_ATTRIBUTION } from '../../../src/map/data/attribution';
import outcodes from '../../../src/map/data/outcodes.json';
import { hasGeoData, OUTCODE_FILE, GEO_DIR } from './geoData';

const DATA = join(__dirname, '../../../src/map/data');
const readJson = (name: string): { type: string; features: { properties: Record<string, string>; geometry: { type: string; coordinates: unknown } }[] } =>
  JSON.parse(readFileSync(join(DATA, name), 'utf8'));
const table = outcodes as Record<string, number[]>;

function* coordinates(x: unknown): Generator<number[]> {
  if (Array.isArray(x) && typeof x[0] === 'number') yield x as number[];
  else if (Array.isArray(x)) for (const y of x) yield* coordinates(y);
}

describe('bundled geography', () => {
  it('outcodes.json: 2,880 GB districts as [lat, lng, postcodes, radiusM]', () => {
    const keys = Object.keys(table);
    expect(keys).toHaveLength(2880);
    const bad = keys.filter((k) => {
      const [lat, lng, count, radius] = table[k]!;
      return (
        !/^[A-Z]{1,2}[0-9][0-9A-Z]?$/.test(k) ||
        !(lat! > 49.8 && lat! < 61 && lng! > -8.7 && lng! < 1.8) ||
        !(count! >= 0) ||
        !(radius! >= 300 && radius! <= 20000)
      );
    });
    expect(bad).toEqual([]);
    // Central London districts are small, the Highlands large.
    expect(table.EC1A![3]).toBeLessThan(1000);
    expect(table.IV27![3]).toBeGreaterThan(10000);
    const lookup = outcodeTableLookup(table);
    expect(lookup(' sw1a ')).toEqual({ lat: table.SW1A![0], lng: table.SW1A![1], radiusM: table.SW1A![3] });
    expect(lookup('ZZ1')).toBeUndefined();
  });

  it.skipIf(!hasGeoData)('outcodes.json holds every row of the real outcode CSV, rounded to 5 dp', () => {
    const rows = Papa.parse<Record<string, string>>(readFileSync(OUTCODE_FILE, 'utf8'), { header: true, skipEmptyLines: 'greedy' }).data;
    expect(rows).toHaveLength(2880);
    const bad = rows.filter((r) => {
      const [lat, lng, count] = table[r.outcode!] ?? [];
      return (
        Math.abs(lat! - Number(r.latitude)) > 5e-6 || Math.abs(lng! - Number(r.longitude)) > 5e-6 || count !== Number(r.postcode_count)
      );
    });
    expect(bad).toEqual([]);
  });

  it('basemap-coast.json: GB and its neighbours, well under 400 KB, 4 dp, closed rings, nothing overseas', () => {
    const size = statSync(join(DATA, 'basemap-coast.json')).size;
    expect(size).toBeLessThan(250 * 1024);
    const coast = readJson('basemap-coast.json');
    expect(coast.type).toBe('FeatureCollection');
    expect(coast.features.map((f) => f.properties.name).sort()).toEqual(
      ['Belgium', 'France', 'Guernsey', 'Ireland', 'Isle of Man', 'Jersey', 'Netherlands', 'United Kingdom'],
    );
    const problems: string[] = [];
    for (const f of coast.features) {
      if (f.geometry.type !== 'Polygon' && f.geometry.type !== 'MultiPolygon') problems.push(`${f.properties.name}: ${f.geometry.type}`);
      const polygons = (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates) as number[][][][];
      for (const ring of polygons.flat()) {
        const first = ring[0]!;
        const last = ring[ring.length - 1]!;
        if (ring.length < 4 || first[0] !== last[0] || first[1] !== last[1]) problems.push(`${f.properties.name}: open ring`);
      }
      for (const [lng, lat] of coordinates(f.geometry.coordinates)) {
        // 4 dp; nothing south of 41 N or west of 12 W (no French Guiana, no Caribbean).
        if (Math.round(lng! * 1e4) / 1e4 !== lng || Math.round(lat! * 1e4) / 1e4 !== lat) problems.push(`${f.properties.name}: ${lng},${lat} not 4 dp`);
        if (lat! < 41 || lng! < -12) problems.push(`${f.properties.name}: ${lng},${lat} overseas`);
      }
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('force-areas.json: the 43 police force areas of England and Wales, with name and code', () => {
    const forces = readJson('force-areas.json');
    expect(forces.features).toHaveLength(43);
    const names = forces.features.map((f) => f.properties.name);
    expect(names).toContain('Metropolitan Police');
    expect(names).toContain('London, City of');
    expect(names).toContain('Dyfed-Powys');
    expect(forces.features.every((f) => /^[EW]\d{8}$/.test(f.properties.code!))).toBe(true);
    expect(statSync(join(DATA, 'force-areas.json')).size).toBeLessThan(250 * 1024);
  });

  it.skipIf(!hasGeoData)('attributions carry the exact wording of the data README', () => {
    const readme = readFileSync(join(GEO_DIR, '../README.md'), 'utf8');
    for (const a of [OUTCODES_ATTRIBUTION, FORCE_AREAS_ATTRIBUTION, COAST_ATTRIBUTION]) expect(readme).toContain(a);
    expect(GEO_ATTRIBUTIONS).toHaveLength(3);
  });
});
