/**
 * Hot spot areas drawn on the map: a polygon or a circle. Validation, area, centroid, point-in-area (to
 * count the crime events inside a hot spot) and circle -> polygon (for export).
 *
 * Hot spots are small (a circle's radius is under 50 km, a polygon's points within 50 km of its centre),
 * so areas and centroids are worked out on a local equirectangular projection around the shape, which
 * is accurate to a fraction of a percent at that size; distances use the haversine formula.
 */
import type { LatLng } from './osgb';

export type { LatLng } from './osgb';

export type GeoArea =
  | { shape: 'polygon'; /** The ring, not closed (the first point is not repeated). */ points: LatLng[] }
  | { shape: 'circle'; centre: LatLng; radiusM: number };

export const MAX_AREA_RADIUS_M = 50_000;

/** Mean Earth radius (IUGG), metres. */
export const EARTH_RADIUS_M = 6371008.8;
const RAD = Math.PI / 180;
const DEG = 180 / Math.PI;

/** Great-circle distance in metres (haversine). */
export function distanceM(a: LatLng, b: LatLng): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLng = (b.lng - a.lng) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The point `distance` metres from `from` on the initial bearing `bearingDeg` (clockwise from north). */
export function destination(from: LatLng, bearingDeg: number, distance: number): LatLng {
  const d = distance / EARTH_RADIUS_M;
  const t = bearingDeg * RAD;
  const phi1 = from.lat * RAD;
  const lambda1 = from.lng * RAD;
  const phi2 = Math.asin(Math.sin(phi1) * Math.cos(d) + Math.cos(phi1) * Math.sin(d) * Math.cos(t));
  const lambda2 = lambda1 + Math.atan2(Math.sin(t) * Math.sin(d) * Math.cos(phi1), Math.cos(d) - Math.sin(phi1) * Math.sin(phi2));
  return { lat: phi2 * DEG, lng: ((((lambda2 * DEG + 540) % 360) + 360) % 360) - 180 };
}

const finite = (p: LatLng): boolean =>
  typeof p?.lat === 'number' && typeof p?.lng === 'number' && Number.isFinite(p.lat) && Number.isFinite(p.lng);
const inRange = (p: LatLng): boolean => Math.abs(p.lat) <= 90 && Math.abs(p.lng) <= 180;

/** The ring without a repeated closing point or consecutive duplicates. */
function cleanRing(points: readonly LatLng[]): LatLng[] {
  const out: LatLng[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (!last || last.lat !== p.lat || last.lng !== p.lng) out.push(p);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (out.length > 1 && first && last && first.lat === last.lat && first.lng === last.lng) out.pop();
  return out;
}

/** Local projection (metres east / north of `origin`). */
function projector(origin: LatLng): { x: (p: LatLng) => number; y: (p: LatLng) => number; back: (x: number, y: number) => LatLng } {
  const k = Math.cos(origin.lat * RAD) * EARTH_RADIUS_M * RAD;
  const m = EARTH_RADIUS_M * RAD;
  return {
    x: (p) => (p.lng - origin.lng) * k,
    y: (p) => (p.lat - origin.lat) * m,
    back: (x, y) => ({ lat: origin.lat + y / m, lng: origin.lng + x / k }),
  };
}

/** Signed planar area (m²) and centroid of a ring on the local projection. */
function ringMoments(points: readonly LatLng[]): { area: number; centroid: LatLng } {
  // Origin at the middle of the bounding box: the result does not depend on where the ring starts.
  let [south, north, west, east] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const p of points) {
    south = Math.min(south, p.lat);
    north = Math.max(north, p.lat);
    west = Math.min(west, p.lng);
    east = Math.max(east, p.lng);
  }
  const origin = points.length ? { lat: (south + north) / 2, lng: (west + east) / 2 } : { lat: 0, lng: 0 };
  const pr = projector(origin);
  let a2 = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    const q = points[(i + 1) % points.length]!;
    const x0 = pr.x(p);
    const y0 = pr.y(p);
    const x1 = pr.x(q);
    const y1 = pr.y(q);
    const cross = x0 * y1 - x1 * y0;
    a2 += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  if (a2 === 0) {
    const mean = points.reduce((s, p) => ({ lat: s.lat + p.lat / points.length, lng: s.lng + p.lng / points.length }), { lat: 0, lng: 0 });
    return { area: 0, centroid: mean };
  }
  return { area: a2 / 2, centroid: pr.back(cx / (3 * a2), cy / (3 * a2)) };
}

function segmentsCross(a: LatLng, b: LatLng, c: LatLng, d: LatLng): boolean {
  const orient = (p: LatLng, q: LatLng, r: LatLng): number => Math.sign((q.lng - p.lng) * (r.lat - p.lat) - (q.lat - p.lat) * (r.lng - p.lng));
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  // Proper crossings only: touching at a shared end point is how neighbouring edges meet.
  return o1 * o2 < 0 && o3 * o4 < 0;
}

export type AreaCheck = { ok: true } | { ok: false; message: string };

/**
 * Checks a drawn area: a polygon needs at least 3 distinct points, all numbers in range, edges that do
 * not cross, a non-zero area, and every point within 50 km of its centre; a circle a centre in range
 * and a radius above 0 and under 50 km.
 */
export function validateArea(area: GeoArea): AreaCheck {
  if (area.shape === 'circle') {
    if (!finite(area.centre)) return { ok: false, message: 'The circle has no valid centre (its latitude or longitude is not a number).' };
    if (!inRange(area.centre)) return { ok: false, message: 'The circle\'s centre is not a valid latitude and longitude.' };
    if (typeof area.radiusM !== 'number' || !Number.isFinite(area.radiusM)) return { ok: false, message: 'The circle\'s radius is not a number.' };
    if (area.radiusM <= 0) return { ok: false, message: 'The circle\'s radius must be more than 0 m.' };
    if (area.radiusM >= MAX_AREA_RADIUS_M) return { ok: false, message: `The circle's radius must be under ${MAX_AREA_RADIUS_M / 1000} km (it is ${(area.radiusM / 1000).toFixed(1)} km).` };
    return { ok: true };
  }
  if (!Array.isArray(area.points)) return { ok: false, message: 'The polygon has no points.' };
  const bad = area.points.findIndex((p) => !finite(p));
  if (bad >= 0) return { ok: false, message: `Point ${bad + 1} of the polygon is not a number.` };
  const outside = area.points.findIndex((p) => !inRange(p));
  if (outside >= 0) return { ok: false, message: `Point ${outside + 1} of the polygon is not a valid latitude and longitude.` };
  const ring = cleanRing(area.points);
  if (ring.length < 3) return { ok: false, message: `A polygon needs at least 3 different points (it has ${ring.length}).` };
  for (let i = 0; i < ring.length; i++) {
    for (let j = i + 2; j < ring.length; j++) {
      if (i === 0 && j === ring.length - 1) continue;
      if (segmentsCross(ring[i]!, ring[(i + 1) % ring.length]!, ring[j]!, ring[(j + 1) % ring.length]!))
        return { ok: false, message: `The polygon's edges cross (edge ${i + 1} and edge ${j + 1}): draw its outline without crossing itself.` };
    }
  }
  const { area: m2, centroid } = ringMoments(ring);
  if (Math.abs(m2) < 1) return { ok: false, message: 'The polygon has no area (its points are in a line).' };
  const far = Math.max(...ring.map((p) => distanceM(centroid, p)));
  if (far >= MAX_AREA_RADIUS_M) return { ok: false, message: `The polygon must fit within ${MAX_AREA_RADIUS_M / 1000} km of its centre (a point is ${(far / 1000).toFixed(1)} km away).` };
  return { ok: true };
}

/** The area in square metres. */
export function areaSquareMetres(area: GeoArea): number {
  if (area.shape === 'circle') return Math.PI * area.radiusM * area.radiusM;
  return Math.abs(ringMoments(cleanRing(area.points)).area);
}

/** The centre of the area: a circle's centre, a polygon's area centroid. */
export function areaCentroid(area: GeoArea): LatLng {
  if (area.shape === 'circle') return { lat: area.centre.lat, lng: area.centre.lng };
  return ringMoments(cleanRing(area.points)).centroid;
}

export interface Bounds {
  south: number;
  west: number;
  north: number;
  east: number;
}

/** The bounding box of the area (a circle's, from its radius). */
export function areaBounds(area: GeoArea): Bounds {
  if (area.shape === 'circle') {
    const dLat = (area.radiusM / EARTH_RADIUS_M) * DEG;
    const dLng = dLat / Math.max(1e-9, Math.cos(area.centre.lat * RAD));
    return { south: area.centre.lat - dLat, north: area.centre.lat + dLat, west: area.centre.lng - dLng, east: area.centre.lng + dLng };
  }
  let b: Bounds = { south: Infinity, west: Infinity, north: -Infinity, east: -Infinity };
  for (const p of area.points) b = { south: Math.min(b.south, p.lat), north: Math.max(b.north, p.lat), west: Math.min(b.west, p.lng), east: Math.max(b.east, p.lng) };
  return b;
}

/**
 * A fast test for many points (bounding box first): `inside(lat, lng)`. Points on a polygon's edge may
 * fall either way; a circle includes its rim.
 */
export function areaTester(area: GeoArea): (lat: number, lng: number) => boolean {
  const b = areaBounds(area);
  if (area.shape === 'circle') {
    const { centre, radiusM } = area;
    return (lat, lng) => lat >= b.south && lat <= b.north && lng >= b.west && lng <= b.east && distanceM(centre, { lat, lng }) <= radiusM;
  }
  const ring = cleanRing(area.points);
  const n = ring.length;
  const xs = Float64Array.from(ring, (p) => p.lng);
  const ys = Float64Array.from(ring, (p) => p.lat);
  return (lat, lng) => {
    if (n < 3 || lat < b.south || lat > b.north || lng < b.west || lng > b.east) return false;
    // Ray casting (even-odd). Valid on raw degrees: the local projection is affine, which keeps insideness.
    let inside = false;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const yi = ys[i]!;
      const yj = ys[j]!;
      if (yi > lat !== yj > lat) {
        const x = ((xs[j]! - xs[i]!) * (lat - yi)) / (yj - yi) + xs[i]!;
        if (lng < x) inside = !inside;
      }
    }
    return inside;
  };
}

/** True when the point is inside the area. For many points, use `areaTester` once. */
export function pointInArea(point: LatLng, area: GeoArea): boolean {
  return areaTester(area)(point.lat, point.lng);
}

/** How many of the points fall inside the area (points without a location are not counted). */
export function countInArea(points: Iterable<{ lat: number; lng: number } | undefined | null>, area: GeoArea): number {
  const inside = areaTester(area);
  let n = 0;
  for (const p of points) if (p && inside(p.lat, p.lng)) n++;
  return n;
}

/** A circle as a polygon of `segments` points (not closed), clockwise from north; a polygon's own ring. */
export function areaToPolygon(area: GeoArea, segments = 64): LatLng[] {
  if (area.shape === 'polygon') return cleanRing(area.points);
  const n = Math.max(8, Math.round(segments));
  return Array.from({ length: n }, (_, i) => destination(area.centre, (360 * i) / n, area.radiusM));
}

/**
 * The area's outline as a closed GeoJSON ring ([lng, lat] pairs, first point repeated last), wound
 * counter-clockwise as RFC 7946 asks of an exterior ring.
 */
export function areaRing(area: GeoArea, segments = 64): [number, number][] {
  const points = areaToPolygon(area, segments);
  const ccw = ringMoments(points).area > 0;
  const ordered = ccw ? points : points.slice().reverse();
  const ring = ordered.map((p): [number, number] => [p.lng, p.lat]);
  if (ring[0]) ring.push([ring[0][0], ring[0][1]]);
  return ring;
}
