/**
 * Web Mercator arithmetic for the map's own canvas layers (heat, crime-event dots) and the PNG export.
 *
 * Leaflet's `map.latLngToContainerPoint` allocates two objects per call and walks the CRS: fine for a
 * few hundred markers, slow for 50,000 events redrawn on every move. So points are packed once per data
 * change into typed arrays of *normalised* Mercator coordinates (0..1 across the world, the same
 * projection as Leaflet's EPSG:3857), and a redraw is one multiply-add per point:
 *
 *   pixel x on the canvas = mx * scale - originX   (scale = 256 * 2^zoom, origin = the canvas's top left
 *                                                   in absolute projected pixels at that zoom)
 *
 * No Leaflet here: pure arithmetic, tested against Leaflet's own projection.
 */

/** Leaflet's SphericalMercator.MAX_LATITUDE. */
export const MAX_MERCATOR_LAT = 85.0511287798;
const RAD = Math.PI / 180;

/** Longitude -> 0..1 across the world (west to east). */
export function mercatorX(lng: number): number {
  return (lng + 180) / 360;
}

/** Latitude -> 0..1 across the world (north to south), clamped as Leaflet clamps it. */
export function mercatorY(lat: number): number {
  const s = Math.sin(Math.max(-MAX_MERCATOR_LAT, Math.min(MAX_MERCATOR_LAT, lat)) * RAD);
  return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
}

/** Inverse of mercatorY. */
export function latFromMercatorY(y: number): number {
  return (2 * Math.atan(Math.exp((0.5 - y) * 2 * Math.PI)) - Math.PI / 2) / RAD;
}

/** Pixels across the whole world at a zoom (Leaflet's `crs.scale(zoom)` for 256 px tiles). */
export function worldScale(zoom: number): number {
  return 256 * 2 ** zoom;
}

/** Points packed for fast redraws: normalised Mercator x / y and optional weights, same order as the input. */
export interface PackedPoints {
  n: number;
  mx: Float64Array;
  my: Float64Array;
  /** null when every point weighs 1. */
  weights: Float64Array | null;
}

/** Packs points; those with a latitude or longitude that is not a finite number get NaN and are never drawn. */
export function packPoints(points: readonly { lat: number; lng: number; weight?: number }[]): PackedPoints {
  const n = points.length;
  const mx = new Float64Array(n);
  const my = new Float64Array(n);
  let weights: Float64Array | null = null;
  for (let i = 0; i < n; i++) {
    const p = points[i]!;
    const ok = Number.isFinite(p.lat) && Number.isFinite(p.lng);
    mx[i] = ok ? mercatorX(p.lng) : NaN;
    my[i] = ok ? mercatorY(p.lat) : NaN;
    if (p.weight !== undefined && p.weight !== 1) {
      weights ??= new Float64Array(n).fill(1);
      weights[i] = Number.isFinite(p.weight) && p.weight > 0 ? p.weight : 0;
    }
  }
  return { n, mx, my, weights };
}

/** Where a canvas sits: its top-left corner in absolute projected pixels, and the zoom's world scale. */
export interface CanvasFrame {
  originX: number;
  originY: number;
  scale: number;
  width: number;
  height: number;
}

/**
 * Projects packed points onto a canvas frame into `xs` / `ys` (reused when long enough). Returns the
 * arrays (length n); points off the frame are projected too (densityGrid counts them as outside).
 */
export function projectPacked(points: PackedPoints, frame: CanvasFrame, xs?: Float32Array, ys?: Float32Array): { xs: Float32Array; ys: Float32Array } {
  const outX = xs && xs.length >= points.n ? xs : new Float32Array(points.n);
  const outY = ys && ys.length >= points.n ? ys : new Float32Array(points.n);
  const { scale, originX, originY } = frame;
  const { mx, my } = points;
  for (let i = 0; i < points.n; i++) {
    outX[i] = mx[i]! * scale - originX;
    outY[i] = my[i]! * scale - originY;
  }
  return { xs: outX.length === points.n ? outX : outX.subarray(0, points.n), ys: outY.length === points.n ? outY : outY.subarray(0, points.n) };
}

/** Signs that two event lists are the same (ids and coordinates, in order): the index is not rebuilt. */
export function sameEvents(a: readonly { id: string; lat: number; lng: number }[], b: readonly { id: string; lat: number; lng: number }[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const p = a[i]!;
    const q = b[i]!;
    if (p.id !== q.id || p.lat !== q.lat || p.lng !== q.lng) return false;
  }
  return true;
}
