#!/usr/bin/env node
/**
 * Builds the offline geography the map bundles (run by hand; the output is committed):
 *
 *   src/map/data/outcodes.json        GB postcode district centroids: {"AB10":[lat,lng,count,radiusM],...}
 *   src/map/data/basemap-coast.json   coastline / country outlines of GB and its neighbours (GeoJSON)
 *   src/map/data/force-areas.json     the 43 police force areas of England and Wales (GeoJSON, name + code)
 *   src/map/data/attribution.ts       the attribution each of them must carry
 *
 * from /work/shared/data/geo (see that folder's README):
 *   gb-outcode-centroids-2014-08.csv                 outcode,latitude,longitude,postcode_count
 *   natural-earth-10m-uk-and-neighbours.geojson      Natural Earth 1:10m countries (via world-atlas)
 *   police_force_areas_dec2023_EW_BUC.geojson        ONS force areas, ultra-generalised
 *
 * District radius (the 4th value of an outcode): how far from its centroid a postcode of the district
 * typically lies. The centroid file has no areas, so it is estimated from the spacing of the centroids:
 * 0.8 x the mean distance to the 3 nearest other district centroids, rounded to 50 m and clamped to
 * 300 m - 20 km. Checked against the London postcode file: the distance within which 90% of a London
 * district's postcodes lie is 0.47-1.25 x that mean spacing (median 0.69) over 340 districts.
 *
 * Coastline: polygons outside the box 12 W - 10 E, 47 N - 62 N are dropped (French overseas territories,
 * Corsica, the Dutch Caribbean), every ring is simplified with Douglas-Peucker (our own, below; tolerance
 * 0.002 degrees of latitude, about 200 m, longitude scaled by cos(latitude)), rings that collapse to fewer
 * than 4 points are dropped, and coordinates are rounded to 4 dp (about 10 m). The source is quantised to
 * about 0.0036 degrees already, so the tolerance removes little visible detail: 15,774 -> ~9,700 points,
 * ~167 KB (~53 KB gzipped). Force areas are only rounded (already generalised by ONS): ~158 KB.
 *
 * Usage: node scripts/build-geo.mjs [dataDir]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = process.argv[2] ?? '/work/shared/data/geo';
const outDir = join(root, 'src/map/data');
mkdirSync(outDir, { recursive: true });

/** Exact wording from /work/shared/data/README.md. */
const ATTRIBUTION = {
  outcodes:
    'Contains OS data © Crown copyright and database right 2014; Contains Royal Mail data © Royal Mail copyright and database right 2014; Contains National Statistics data © Crown copyright and database right 2014',
  forceAreas:
    'Source: Office for National Statistics licensed under the Open Government Licence v.3.0; Contains OS data © Crown copyright and database right 2023',
  coast: 'Natural Earth, public domain (via world-atlas, ISC)',
};

const COAST_BOX = { west: -12, east: 10, south: 47, north: 62 };
const COAST_TOLERANCE = 0.002;

const round = (x, dp) => {
  const f = 10 ** dp;
  return Math.round(x * f) / f;
};

// ---------------------------------------------------------------- outcodes

const EARTH_RADIUS_M = 6371008.8;
const RAD = Math.PI / 180;
function distanceM(aLat, aLng, bLat, bLng) {
  const dLat = (bLat - aLat) * RAD;
  const dLng = (bLng - aLng) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(aLat * RAD) * Math.cos(bLat * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

function buildOutcodes() {
  const text = readFileSync(join(dataDir, 'gb-outcode-centroids-2014-08.csv'), 'utf8').replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/).filter((l) => l.trim());
  const header = lines[0].split(',').map((h) => h.trim().toLowerCase());
  const col = (name) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`outcode file: no "${name}" column in ${header.join(',')}`);
    return i;
  };
  const [iOut, iLat, iLng, iCount] = [col('outcode'), col('latitude'), col('longitude'), col('postcode_count')];
  const rows = [];
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    const outcode = cells[iOut].trim().toUpperCase();
    const lat = Number(cells[iLat]);
    const lng = Number(cells[iLng]);
    const count = Number(cells[iCount]);
    if (!/^[A-Z]{1,2}[0-9][0-9A-Z]?$/.test(outcode) || !Number.isFinite(lat) || !Number.isFinite(lng) || !(lat > 49 && lat < 61.5))
      throw new Error(`outcode file: bad row "${line}"`);
    rows.push({ outcode, lat, lng, count: Number.isFinite(count) ? count : 0 });
  }
  const out = {};
  for (const a of rows) {
    const nearest = [Infinity, Infinity, Infinity];
    for (const b of rows) {
      if (b === a) continue;
      const d = distanceM(a.lat, a.lng, b.lat, b.lng);
      if (d < nearest[2]) {
        nearest[2] = d;
        nearest.sort((x, y) => x - y);
      }
    }
    const spacing = (nearest[0] + nearest[1] + nearest[2]) / 3;
    const radiusM = Math.min(20000, Math.max(300, Math.round((0.8 * spacing) / 50) * 50));
    out[a.outcode] = [round(a.lat, 5), round(a.lng, 5), a.count, radiusM];
  }
  return out;
}

// ---------------------------------------------------------------- polygons

/** Perpendicular distance (squared) from p to the segment a-b, in degrees with longitude scaled by cos(lat). */
function segDist2(p, a, b, k) {
  const ax = a[0] * k;
  const bx = b[0] * k;
  const px = p[0] * k;
  let dx = bx - ax;
  let dy = b[1] - a[1];
  let x = ax;
  let y = a[1];
  if (dx !== 0 || dy !== 0) {
    const t = ((px - ax) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy);
    if (t > 1) {
      x = bx;
      y = b[1];
    } else if (t > 0) {
      x += dx * t;
      y += dy * t;
    }
  }
  dx = px - x;
  dy = p[1] - y;
  return dx * dx + dy * dy;
}

/** Douglas-Peucker simplification of an open polyline (iterative, keeps both ends). */
function douglasPeucker(points, tolerance) {
  if (points.length <= 2 || tolerance <= 0) return points.slice();
  const midLat = points.reduce((s, p) => s + p[1], 0) / points.length;
  const k = Math.cos(midLat * RAD);
  const tol2 = tolerance * tolerance;
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack = [[0, points.length - 1]];
  while (stack.length) {
    const [first, last] = stack.pop();
    let maxD = 0;
    let index = -1;
    for (let i = first + 1; i < last; i++) {
      const d = segDist2(points[i], points[first], points[last], k);
      if (d > maxD) {
        maxD = d;
        index = i;
      }
    }
    if (index >= 0 && maxD > tol2) {
      keep[index] = 1;
      stack.push([first, index], [index, last]);
    }
  }
  return points.filter((_, i) => keep[i]);
}

/** A closed ring simplified: split at its farthest point from the start so both halves keep their ends. */
function simplifyRing(ring, tolerance) {
  const open = ring.slice(0, -1);
  if (open.length < 4) return ring;
  let far = 1;
  let farD = -1;
  for (let i = 1; i < open.length; i++) {
    const d = (open[i][0] - open[0][0]) ** 2 + (open[i][1] - open[0][1]) ** 2;
    if (d > farD) {
      farD = d;
      far = i;
    }
  }
  const a = douglasPeucker(open.slice(0, far + 1), tolerance);
  const b = douglasPeucker([...open.slice(far), open[0]], tolerance);
  return [...a, ...b.slice(1)];
}

/** Rounds a ring to `dp` decimals, dropping repeated points; closes it. Null when fewer than 4 points remain. */
function roundRing(ring, dp) {
  const out = [];
  for (const p of ring) {
    const q = [round(p[0], dp), round(p[1], dp)];
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (first && (first[0] !== last[0] || first[1] !== last[1])) out.push([first[0], first[1]]);
  return out.length >= 4 ? out : null;
}

function bboxOf(ring) {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of ring) {
    if (x < w) w = x;
    if (x > e) e = x;
    if (y < s) s = y;
    if (y > n) n = y;
  }
  return { w, s, e, n };
}

const polygonsOf = (geometry) =>
  geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];

/** Polygons -> a Polygon or MultiPolygon geometry (null when none is left). */
function geometryOf(polygons) {
  if (!polygons.length) return null;
  return polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0] } : { type: 'MultiPolygon', coordinates: polygons };
}

function countPoints(features) {
  let n = 0;
  for (const f of features) for (const poly of polygonsOf(f.geometry)) for (const ring of poly) n += ring.length;
  return n;
}

// ---------------------------------------------------------------- coast

function buildCoast() {
  const src = JSON.parse(readFileSync(join(dataDir, 'natural-earth-10m-uk-and-neighbours.geojson'), 'utf8'));
  const features = [];
  let dropped = 0;
  for (const f of src.features) {
    const polygons = [];
    for (const poly of polygonsOf(f.geometry)) {
      const b = bboxOf(poly[0]);
      if (b.e < COAST_BOX.west || b.w > COAST_BOX.east || b.n < COAST_BOX.south || b.s > COAST_BOX.north) {
        dropped++;
        continue;
      }
      const rings = [];
      for (const [i, ring] of poly.entries()) {
        const r = roundRing(simplifyRing(ring, COAST_TOLERANCE), 4);
        if (r) rings.push(r);
        else if (i === 0) break;
      }
      if (rings.length) polygons.push(rings);
      else dropped++;
    }
    const geometry = geometryOf(polygons);
    if (geometry) features.push({ type: 'Feature', properties: { name: f.properties.name }, geometry });
  }
  return { fc: { type: 'FeatureCollection', features }, dropped, before: countPoints(src.features) };
}

// ---------------------------------------------------------------- force areas

function buildForceAreas() {
  const src = JSON.parse(readFileSync(join(dataDir, 'police_force_areas_dec2023_EW_BUC.geojson'), 'utf8'));
  const features = src.features
    .map((f) => {
      const polygons = [];
      for (const poly of polygonsOf(f.geometry)) {
        const rings = [];
        for (const [i, ring] of poly.entries()) {
          const r = roundRing(ring, 4);
          if (r) rings.push(r);
          else if (i === 0) break;
        }
        if (rings.length) polygons.push(rings);
      }
      return { type: 'Feature', properties: { name: f.properties.PFA23NM, code: f.properties.PFA23CD }, geometry: geometryOf(polygons) };
    })
    .filter((f) => f.geometry)
    .sort((a, b) => a.properties.name.localeCompare(b.properties.name));
  if (features.length !== 43) throw new Error(`force areas: expected 43, got ${features.length}`);
  return { type: 'FeatureCollection', features };
}

// ---------------------------------------------------------------- write

function write(name, text) {
  writeFileSync(join(outDir, name), text);
  console.log(`${name}: ${(Buffer.byteLength(text) / 1024).toFixed(1)} KB`);
}

const outcodes = buildOutcodes();
write('outcodes.json', `${JSON.stringify(outcodes)}\n`);
console.log(`  ${Object.keys(outcodes).length} districts`);

const coast = buildCoast();
write('basemap-coast.json', `${JSON.stringify(coast.fc)}\n`);
console.log(`  ${coast.fc.features.length} features, ${countPoints(coast.fc.features)} points (from ${coast.before}); ${coast.dropped} polygons dropped`);

const forces = buildForceAreas();
write('force-areas.json', `${JSON.stringify(forces)}\n`);
console.log(`  ${forces.features.length} force areas, ${countPoints(forces.features)} points`);

const quoted = (text) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const ts = `/**
 * Attributions of the bundled geography (generated by scripts/build-geo.mjs: do not edit by hand).
 * Show them wherever the data is shown or exported (map corner, exported maps and reports).
 */

/** outcodes.json: GB postcode district centroids (OS Code-Point Open 2014, Open Government Licence). */
export const OUTCODES_ATTRIBUTION = ${quoted(ATTRIBUTION.outcodes)};

/** force-areas.json: police force areas, December 2023 (ONS, Open Government Licence v3.0). */
export const FORCE_AREAS_ATTRIBUTION = ${quoted(ATTRIBUTION.forceAreas)};

/** basemap-coast.json: coastline and country outlines (Natural Earth 1:10m). */
export const COAST_ATTRIBUTION = ${quoted(ATTRIBUTION.coast)};

/** Every attribution, for a map's attribution control or an export's footer. */
export const GEO_ATTRIBUTIONS: readonly string[] = [COAST_ATTRIBUTION, OUTCODES_ATTRIBUTION, FORCE_AREAS_ATTRIBUTION];
`;
write('attribution.ts', ts);
