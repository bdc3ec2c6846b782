// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  areaBounds,
  areaCentroid,
  areaRing,
  areaSquareMetres,
  areaTester,
  areaToPolygon,
  countInArea,
  destination,
  distanceM,
  pointInArea,
  validateArea,
  type GeoArea,
} from '../../../src/domain/geo/areas';

const centre = { lat: 53.8, lng: -1.55 };
/** A square of side 2*half metres around `c`, corners from destination(). */
function square(c: { lat: number; lng: number }, half: number): GeoArea {
  const n = destination(c, 0, half).lat;
  const s = destination(c, 180, half).lat;
  const e = destination(c, 90, half).lng;
  const w = destination(c, 270, half).lng;
  return { shape: 'polygon', points: [{ lat: s, lng: w }, { lat: s, lng: e }, { lat: n, lng: e }, { lat: n, lng: w }] };
}

describe('distances', () => {
  it('haversine distance and destination agree', () => {
    const p = destination(centre, 45, 1234);
    expect(distanceM(centre, p)).toBeCloseTo(1234, 3);
    // One degree of latitude is about 111.2 km.
    expect(distanceM({ lat: 50, lng: 0 }, { lat: 51, lng: 0 })).toBeCloseTo(111195, -1);
  });
});

describe('validateArea', () => {
  it('accepts a drawn polygon and a circle', () => {
    expect(validateArea(square(centre, 200))).toEqual({ ok: true });
    expect(validateArea({ shape: 'circle', centre, radiusM: 300 })).toEqual({ ok: true });
  });

  it('refuses polygons with too few points, NaN, crossing edges, no area or too large', () => {
    const msg = (a: GeoArea): string => {
      const r = validateArea(a);
      return r.ok ? 'ok' : r.message;
    };
    expect(msg({ shape: 'polygon', points: [centre, { lat: 53.81, lng: -1.55 }] })).toMatch(/at least 3 different points \(it has 2\)/);
    // A closing point repeating the first does not count as a third.
    expect(msg({ shape: 'polygon', points: [centre, { lat: 53.81, lng: -1.55 }, centre] })).toMatch(/at least 3/);
    expect(msg({ shape: 'polygon', points: [centre, { lat: Number.NaN, lng: -1.55 }, { lat: 53.81, lng: -1.54 }] })).toMatch(/Point 2 .* not a number/);
    expect(msg({ shape: 'polygon', points: [centre, { lat: 95, lng: -1.55 }, { lat: 53.81, lng: -1.54 }] })).toMatch(/Point 2 .*not a valid latitude/);
    const bowtie: GeoArea = {
      shape: 'polygon',
      points: [{ lat: 53.8, lng: -1.56 }, { lat: 53.81, lng: -1.54 }, { lat: 53.8, lng: -1.54 }, { lat: 53.81, lng: -1.56 }],
    };
    expect(msg(bowtie)).toMatch(/edges cross/);
    expect(msg({ shape: 'polygon', points: [centre, { lat: 53.81, lng: -1.55 }, { lat: 53.82, lng: -1.55 }] })).toMatch(/no area/);
    expect(msg(square(centre, 60000))).toMatch(/within 50 km/);
  });

  it('refuses circles with a bad centre or a radius of 0, below 0, NaN or 50 km and more', () => {
    expect(validateArea({ shape: 'circle', centre, radiusM: 0 })).toMatchObject({ ok: false, message: expect.stringMatching(/more than 0/) });
    expect(validateArea({ shape: 'circle', centre, radiusM: -5 })).toMatchObject({ ok: false });
    expect(validateArea({ shape: 'circle', centre, radiusM: Number.NaN })).toMatchObject({ ok: false, message: expect.stringMatching(/not a number/) });
    expect(validateArea({ shape: 'circle', centre, radiusM: 50000 })).toMatchObject({ ok: false, message: expect.stringMatching(/under 50 km/) });
    expect(validateArea({ shape: 'circle', centre: { lat: Number.NaN, lng: 0 }, radiusM: 10 })).toMatchObject({ ok: false });
  });
});

describe('area, centroid, bounds', () => {
  it('a 400 m square has 160,000 m² and its centre where it was drawn', () => {
    const sq = square(centre, 200);
    expect(areaSquareMetres(sq) / 160000).toBeCloseTo(1, 3);
    expect(distanceM(areaCentroid(sq), centre)).toBeLessThan(0.5);
    // Winding and a repeated closing point make no difference.
    const points = sq.shape === 'polygon' ? sq.points : [];
    const reversed: GeoArea = { shape: 'polygon', points: [...points].reverse().concat(points[points.length - 1]!) };
    expect(areaSquareMetres(reversed) / areaSquareMetres(sq)).toBeCloseTo(1, 9);
  });

  it('a circle: pi r², its centre, and a 64-point polygon of nearly the same area', () => {
    const c: GeoArea = { shape: 'circle', centre, radiusM: 500 };
    expect(areaSquareMetres(c)).toBeCloseTo(Math.PI * 250000, 6);
    expect(areaCentroid(c)).toEqual(centre);
    const poly = areaToPolygon(c);
    expect(poly).toHaveLength(64);
    for (const p of poly) expect(distanceM(centre, p)).toBeCloseTo(500, 3);
    const asPolygon: GeoArea = { shape: 'polygon', points: poly };
    expect(areaSquareMetres(asPolygon) / areaSquareMetres(c)).toBeGreaterThan(0.99);
    const b = areaBounds(c);
    expect(distanceM({ lat: b.north, lng: centre.lng }, centre)).toBeCloseTo(500, 0);
  });

  it('areaRing is a closed counter-clockwise GeoJSON ring', () => {
    for (const a of [square(centre, 100), { shape: 'circle', centre, radiusM: 100 } as GeoArea]) {
      const ring = areaRing(a);
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      let twice = 0;
      for (let i = 0; i < ring.length - 1; i++) twice += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
      expect(twice).toBeGreaterThan(0);
    }
  });
});

describe('point in area', () => {
  it('polygon and circle', () => {
    const sq = square(centre, 200);
    expect(pointInArea(centre, sq)).toBe(true);
    expect(pointInArea(destination(centre, 90, 190), sq)).toBe(true);
    expect(pointInArea(destination(centre, 90, 210), sq)).toBe(false);
    const c: GeoArea = { shape: 'circle', centre, radiusM: 200 };
    expect(pointInArea(destination(centre, 45, 199), c)).toBe(true);
    expect(pointInArea(destination(centre, 45, 201), c)).toBe(false);
    // A concave L shape: the notch is outside.
    const L: GeoArea = {
      shape: 'polygon',
      points: [
        { lat: 0, lng: 0 },
        { lat: 0, lng: 0.002 },
        { lat: 0.001, lng: 0.002 },
        { lat: 0.001, lng: 0.001 },
        { lat: 0.002, lng: 0.001 },
        { lat: 0.002, lng: 0 },
      ],
    };
    expect(pointInArea({ lat: 0.0005, lng: 0.0015 }, L)).toBe(true);
    expect(pointInArea({ lat: 0.0015, lng: 0.0015 }, L)).toBe(false);
    expect(pointInArea({ lat: 0.0015, lng: 0.0005 }, L)).toBe(true);
  });

  it('counts crime events inside a hot spot area (50,000 events quickly; events without a location skipped)', () => {
    const events: ({ lat: number; lng: number } | undefined)[] = [];
    let seed = 7;
    const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let i = 0; i < 50000; i++) events.push({ lat: 53.78 + rand() * 0.04, lng: -1.58 + rand() * 0.06 });
    events.push(undefined);
    const c: GeoArea = { shape: 'circle', centre, radiusM: 500 };
    const sq = square(centre, 500);
    // The best of 3 runs: the machine is shared, a single run may be descheduled.
    let ms = Infinity;
    let inCircle = 0;
    let inSquare = 0;
    for (let run = 0; run < 3; run++) {
      const t0 = performance.now();
      inCircle = countInArea(events, c);
      inSquare = countInArea(events, sq);
      ms = Math.min(ms, performance.now() - t0);
    }
    const brute = events.filter((e) => e && distanceM(centre, e) <= 500).length;
    expect(inCircle).toBe(brute);
    // Area ratio circle / square is pi/4.
    expect(inCircle / inSquare).toBeGreaterThan(0.7);
    expect(inCircle / inSquare).toBeLessThan(0.87);
    expect(ms).toBeLessThan(200);
    const inside = areaTester(sq);
    expect(inside(Number.NaN, Number.NaN)).toBe(false);
  });
});
