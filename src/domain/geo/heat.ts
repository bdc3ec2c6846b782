/**
 * A density grid for the map's heat layer, and its colour ramp. Rendering-free: the caller projects its
 * points to pixels (x right, y down), asks for the grid, and paints the cells (a canvas, an SVG...).
 *
 * Counting is one pass over typed arrays: 50,000 points take a few milliseconds.
 */

export interface DensityGrid {
  /** Cell size in pixels. */
  cellSize: number;
  cols: number;
  rows: number;
  /** Counts (or summed weights) per cell, row by row: cell (col, row) is counts[row * cols + col]. */
  counts: Float64Array;
  /** The largest cell value (0 when no point fell in the grid). */
  max: number;
  /** Points that fell inside the grid / outside it (or were not numbers). */
  inside: number;
  outside: number;
}

export interface DensityOptions {
  /** The area covered, in pixels from (0, 0). Points outside are not counted. */
  width: number;
  height: number;
  /** Cell size in pixels (> 0). */
  cellSize: number;
  /** A weight per point (same order); 1 each when absent. */
  weights?: ArrayLike<number>;
  /** Spread each cell over its neighbours with a box blur of this many cells (0 = none). */
  smooth?: number;
}

/** Points either as objects or as x / y arrays (typed arrays are fastest). */
export type ProjectedPoints = readonly { x: number; y: number }[] | { xs: ArrayLike<number>; ys: ArrayLike<number> };

/**
 * Counts points per cell. Cells are `cellSize` pixels square from the top-left corner; the last column
 * and row may extend past width / height.
 */
export function densityGrid(points: ProjectedPoints, options: DensityOptions): DensityGrid {
  const { width, height, weights } = options;
  const cellSize = options.cellSize;
  if (!(cellSize > 0) || !Number.isFinite(cellSize)) throw new RangeError(`The cell size must be a number above 0 (it is ${cellSize}).`);
  const cols = Math.max(1, Math.ceil(Math.max(0, width) / cellSize));
  const rows = Math.max(1, Math.ceil(Math.max(0, height) / cellSize));
  const counts = new Float64Array(cols * rows);
  const inv = 1 / cellSize;
  let inside = 0;
  let outside = 0;
  const add = (x: number, y: number, i: number): void => {
    // NaN fails both comparisons, so it is counted as outside.
    if (x >= 0 && x < width && y >= 0 && y < height) {
      const c = (x * inv) | 0;
      const r = (y * inv) | 0;
      counts[r * cols + c]! += weights ? (weights[i] ?? 0) : 1;
      inside++;
    } else outside++;
  };
  if ('xs' in points) {
    const { xs, ys } = points;
    const n = Math.min(xs.length, ys.length);
    for (let i = 0; i < n; i++) add(xs[i]!, ys[i]!, i);
  } else {
    for (let i = 0; i < points.length; i++) {
      const p = points[i]!;
      add(p.x, p.y, i);
    }
  }
  const smooth = Math.max(0, Math.floor(options.smooth ?? 0));
  const grid = smooth > 0 ? boxBlur(counts, cols, rows, smooth) : counts;
  let max = 0;
  for (let i = 0; i < grid.length; i++) if (grid[i]! > max) max = grid[i]!;
  return { cellSize, cols, rows, counts: grid, max, inside, outside };
}

/** A separable box blur (sum over a (2r+1)² window, divided by its size). */
function boxBlur(src: Float64Array, cols: number, rows: number, r: number): Float64Array {
  const tmp = new Float64Array(src.length);
  const out = new Float64Array(src.length);
  const size = 2 * r + 1;
  for (let y = 0; y < rows; y++) {
    const row = y * cols;
    let sum = 0;
    for (let x = -r; x <= r; x++) if (x >= 0 && x < cols) sum += src[row + x]!;
    for (let x = 0; x < cols; x++) {
      tmp[row + x] = sum / size;
      const outX = x - r;
      const inX = x + r + 1;
      if (outX >= 0) sum -= src[row + outX]!;
      if (inX < cols) sum += src[row + inX]!;
    }
  }
  for (let x = 0; x < cols; x++) {
    let sum = 0;
    for (let y = -r; y <= r; y++) if (y >= 0 && y < rows) sum += tmp[y * cols + x]!;
    for (let y = 0; y < rows; y++) {
      out[y * cols + x] = sum / size;
      const outY = y - r;
      const inY = y + r + 1;
      if (outY >= 0) sum -= tmp[outY * cols + x]!;
      if (inY < rows) sum += tmp[inY * cols + x]!;
    }
  }
  return out;
}

export type Rgba = [number, number, number, number];

/**
 * Colour stops of the ramp, low to high: pale yellow through orange to dark red, the alpha rising with
 * it so sparse cells stay see-through. Light-to-dark in lightness as well as hue, so it still reads for
 * colour-blind viewers and in greyscale print.
 */
export const HEAT_STOPS: readonly { at: number; rgba: Rgba }[] = [
  { at: 0, rgba: [255, 255, 204, 0] },
  { at: 0.15, rgba: [255, 237, 160, 0.45] },
  { at: 0.35, rgba: [254, 178, 76, 0.6] },
  { at: 0.55, rgba: [253, 141, 60, 0.7] },
  { at: 0.75, rgba: [240, 59, 32, 0.8] },
  { at: 1, rgba: [150, 0, 38, 0.9] },
];

/** The ramp's colour at t (0..1, clamped): [r, g, b (0-255), alpha (0-1)]. */
export function heatColour(t: number): Rgba {
  const v = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0;
  for (let i = 1; i < HEAT_STOPS.length; i++) {
    const hi = HEAT_STOPS[i]!;
    if (v <= hi.at) {
      const lo = HEAT_STOPS[i - 1]!;
      const f = (v - lo.at) / (hi.at - lo.at);
      const mix = (k: number): number => lo.rgba[k]! + (hi.rgba[k]! - lo.rgba[k]!) * f;
      return [Math.round(mix(0)), Math.round(mix(1)), Math.round(mix(2)), Math.round(mix(3) * 1000) / 1000];
    }
  }
  const last = HEAT_STOPS[HEAT_STOPS.length - 1]!.rgba;
  return [last[0], last[1], last[2], last[3]];
}

/** The ramp's colour at t as CSS ("rgba(253, 141, 60, 0.7)"). */
export function heatCss(t: number): string {
  const [r, g, b, a] = heatColour(t);
  return `rgba(${r}, ${g}, ${b}, ${a})`;
}

/** The ramp as a lookup table of `steps` RGBA bytes (for ImageData), index 0 = lowest. */
export function heatRamp(steps = 256): Uint8ClampedArray {
  const n = Math.max(2, Math.floor(steps));
  const out = new Uint8ClampedArray(n * 4);
  for (let i = 0; i < n; i++) {
    const [r, g, b, a] = heatColour(i / (n - 1));
    out.set([r, g, b, Math.round(a * 255)], i * 4);
  }
  return out;
}

/**
 * A cell's value scaled to 0..1 for the ramp. 'sqrt' (the default) keeps a few very busy cells from
 * washing every other cell out; 'linear' is proportional; 'log' flattens most.
 */
export function heatScale(value: number, max: number, scale: 'linear' | 'sqrt' | 'log' = 'sqrt'): number {
  if (!(max > 0) || !(value > 0)) return 0;
  const t = scale === 'linear' ? value / max : scale === 'sqrt' ? Math.sqrt(value / max) : Math.log1p(value) / Math.log1p(max);
  return Math.min(1, t);
}
