/**
 * The map's density heat layer: our own canvas (no heat-map plugin), painted from heat.ts's density grid
 * and colour ramp. Points are packed once per data change; each redraw (when the map stops moving)
 * projects them with one multiply-add each, counts them per cell, and paints the grid as a tiny image
 * scaled up with smoothing (50,000 points: a few milliseconds).
 *
 * Crime events use heat.ts's yellow-to-dark-red ramp; intelligence a blue-to-violet one, so both can be
 * on at once and told apart (both light-to-dark, readable in greyscale).
 */
import { densityGrid, heatRamp, heatScale, type Rgba } from '../domain/geo/heat';
import { CanvasLayer } from './canvasLayer';
import { packPoints, projectPacked, type CanvasFrame, type PackedPoints } from './projection';
import type { HeatInput } from './types';

/** Stops of the intelligence ramp (see HEAT_STOPS in heat.ts for the events ramp). */
export const INTEL_HEAT_STOPS: readonly { at: number; rgba: Rgba }[] = [
  { at: 0, rgba: [237, 248, 251, 0] },
  { at: 0.15, rgba: [191, 211, 230, 0.45] },
  { at: 0.4, rgba: [140, 150, 198, 0.6] },
  { at: 0.7, rgba: [136, 86, 167, 0.75] },
  { at: 1, rgba: [110, 1, 107, 0.9] },
];

/** A ramp of `steps` RGBA bytes from colour stops (as heat.ts's heatRamp). */
export function rampFromStops(stops: readonly { at: number; rgba: Rgba }[], steps = 256): Uint8ClampedArray {
  const out = new Uint8ClampedArray(steps * 4);
  for (let i = 0; i < steps; i++) {
    const t = i / (steps - 1);
    let k = 1;
    while (k < stops.length - 1 && t > stops[k]!.at) k++;
    const lo = stops[k - 1]!;
    const hi = stops[k]!;
    const f = hi.at === lo.at ? 1 : Math.min(1, Math.max(0, (t - lo.at) / (hi.at - lo.at)));
    for (let c = 0; c < 3; c++) out[i * 4 + c] = Math.round(lo.rgba[c]! + (hi.rgba[c]! - lo.rgba[c]!) * f);
    out[i * 4 + 3] = Math.round((lo.rgba[3] + (hi.rgba[3] - lo.rgba[3]) * f) * 255);
  }
  return out;
}

let rampCache: Record<HeatInput['id'], Uint8ClampedArray> | null = null;
/** The colour ramp of a heat input. */
export function heatRampFor(id: HeatInput['id']): Uint8ClampedArray {
  rampCache ??= { events: heatRamp(256), intel: rampFromStops(INTEL_HEAT_STOPS, 256) };
  return rampCache[id];
}

export interface HeatPaintOptions {
  /** Grid cell in canvas pixels (default 8). */
  cellSize?: number;
  /** Blur radius in cells (default 2): three box blurs of this radius, close to a Gaussian. */
  smooth?: number;
}

/**
 * Three passes of a separable box blur (radius r, in place on `a`): close to a Gaussian of sigma
 * ~ r * 1.2 cells, so a lone point becomes a round blob instead of heat.ts's one-pass square.
 */
export function blurGrid(a: Float64Array, cols: number, rows: number, r: number): Float64Array {
  if (r <= 0) return a;
  const tmp = new Float64Array(a.length);
  const size = 2 * r + 1;
  const pass = (src: Float64Array, dst: Float64Array, n: number, lines: number, step: number, lineStep: number): void => {
    for (let l = 0; l < lines; l++) {
      const base = l * lineStep;
      let sum = 0;
      for (let i = 0; i <= r && i < n; i++) sum += src[base + i * step]!;
      for (let i = 0; i < n; i++) {
        dst[base + i * step] = sum / size;
        const out = i - r;
        const inn = i + r + 1;
        if (out >= 0) sum -= src[base + out * step]!;
        if (inn < n) sum += src[base + inn * step]!;
      }
    }
  };
  for (let k = 0; k < 3; k++) {
    pass(a, tmp, cols, rows, 1, cols);
    pass(tmp, a, rows, cols, cols, 1);
  }
  return a;
}

/**
 * Paints a density heat map of projected points onto `ctx` (0, 0)-(width, height). Shared by the layer
 * and the PNG export. Returns the number of points that fell on the canvas.
 */
export function paintHeat(
  ctx: CanvasRenderingContext2D,
  points: { xs: ArrayLike<number>; ys: ArrayLike<number> },
  weights: ArrayLike<number> | null,
  width: number,
  height: number,
  ramp: Uint8ClampedArray,
  options: HeatPaintOptions = {},
): number {
  const cellSize = options.cellSize ?? 8;
  const grid = densityGrid(points, { width, height, cellSize, smooth: 0, ...(weights ? { weights } : {}) });
  if (!(grid.max > 0)) return grid.inside;
  blurGrid(grid.counts, grid.cols, grid.rows, options.smooth ?? 2);
  let max = 0;
  for (let i = 0; i < grid.counts.length; i++) if (grid.counts[i]! > max) max = grid.counts[i]!;
  const img = ctx.createImageData(grid.cols, grid.rows);
  const steps = ramp.length / 4;
  const data = img.data;
  for (let i = 0; i < grid.counts.length; i++) {
    const v = grid.counts[i]!;
    if (!(v > 0)) continue;
    const k = Math.round(heatScale(v, max, 'sqrt') * (steps - 1)) * 4;
    data[i * 4] = ramp[k]!;
    data[i * 4 + 1] = ramp[k + 1]!;
    data[i * 4 + 2] = ramp[k + 2]!;
    data[i * 4 + 3] = ramp[k + 3]!;
  }
  const small = document.createElement('canvas');
  small.width = grid.cols;
  small.height = grid.rows;
  const sctx = small.getContext('2d');
  if (!sctx) return grid.inside;
  sctx.putImageData(img, 0, 0);
  ctx.save();
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'low';
  ctx.drawImage(small, 0, 0, grid.cols * cellSize, grid.rows * cellSize);
  ctx.restore();
  return grid.inside;
}

export class HeatLayer extends CanvasLayer {
  private packed: PackedPoints = packPoints([]);
  private source: HeatInput['points'] | null = null;
  private xs: Float32Array = new Float32Array(0);
  private ys: Float32Array = new Float32Array(0);
  /** Points on the canvas at the last draw (tests, the bench). */
  lastInside = 0;

  constructor(
    readonly heatId: HeatInput['id'],
    pane: string,
  ) {
    super(pane, 0.1);
  }

  setPoints(points: HeatInput['points']): void {
    if (points === this.source) return;
    this.source = points;
    this.packed = packPoints(points);
    this.redraw();
  }

  protected draw(ctx: CanvasRenderingContext2D, frame: CanvasFrame): void {
    if (this.packed.n === 0) {
      this.lastInside = 0;
      return;
    }
    const projected = projectPacked(this.packed, frame, this.xs, this.ys);
    if (projected.xs.buffer !== this.xs.buffer) {
      this.xs = projected.xs;
      this.ys = projected.ys;
    }
    this.lastInside = paintHeat(ctx, projected, this.packed.weights, frame.width, frame.height, heatRampFor(this.heatId));
  }
}
