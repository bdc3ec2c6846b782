// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { distanceM } from '../../../src/domain/geo/areas';
import { gridToOsgb36, gridToWgs84, isOnNationalGrid, osgb36ToGrid, wgs84ToGrid } from '../../../src/domain/geo/osgb';
import { hasGeoData, headLines, LONDON_FILE } from './geoData';

const dms = (d: number, m: number, s: number): number => d + m / 60 + s / 3600;

describe('British National Grid <-> WGS84', () => {
  it('matches the worked example of the OS guide (Annex C): E 651409.903, N 313177.270', () => {
    const p = gridToOsgb36(651409.903, 313177.27);
    // 52° 39′ 27.2531″ N, 1° 43′ 4.5177″ E (OSGB36): 0.0001″ is about 3 mm.
    expect(p.lat).toBeCloseTo(dms(52, 39, 27.2531), 7);
    expect(p.lng).toBeCloseTo(dms(1, 43, 4.5177), 7);
    const back = osgb36ToGrid(dms(52, 39, 27.2531), dms(1, 43, 4.5177));
    expect(back.easting).toBeCloseTo(651409.903, 2);
    expect(back.northing).toBeCloseTo(313177.27, 2);
  });

  it.skipIf(!hasGeoData)('agrees with the London postcode file (eastings/northings and WGS84 given) within 1 m on its first 2,000 rows', () => {
    const lines = headLines(LONDON_FILE, 2001).slice(1);
    let worst = 0;
    let n = 0;
    for (const line of lines) {
      const [, lat, lng, e, nn] = line.split(',');
      if (!lat) continue;
      const w = gridToWgs84(Number(e), Number(nn));
      worst = Math.max(worst, distanceM(w, { lat: Number(lat), lng: Number(lng) }));
      n++;
    }
    expect(n).toBeGreaterThan(1900);
    expect(worst).toBeLessThan(1);
  });

  it('round-trips WGS84 -> grid -> WGS84 to the millimetre across Great Britain', () => {
    for (const [lat, lng] of [
      [50.066, -5.715], // Land's End
      [51.5007, -0.1246], // Westminster
      [53.4808, -2.2426], // Manchester
      [57.1497, -2.0943], // Aberdeen
      [60.15, -1.15], // Lerwick
    ] as const) {
      const g = wgs84ToGrid(lat, lng);
      expect(isOnNationalGrid(g.easting, g.northing)).toBe(true);
      const back = gridToWgs84(g.easting, g.northing);
      expect(distanceM(back, { lat, lng })).toBeLessThan(0.01);
    }
  });

  it('knows the grid extent', () => {
    expect(isOnNationalGrid(0, 0)).toBe(false);
    expect(isOnNationalGrid(530000, 180000)).toBe(true);
    expect(isOnNationalGrid(Number.NaN, 180000)).toBe(false);
    expect(isOnNationalGrid(800000, 180000)).toBe(false);
  });
});
