/**
 * Crime events as small dots on our own canvas: never one DOM node (or one Leaflet layer) per event.
 * Draws either every event (clusters off) or only those the cluster index leaves unclustered at this
 * zoom. A dot is a pre-drawn sprite copied with drawImage; only dots on the canvas are drawn.
 * Clicks are hit-tested here (`hitTest`), from the map's click events.
 */
import L from 'leaflet';
import { CanvasLayer } from './canvasLayer';
import { EVENT_COLOUR } from './markers';
import { packPoints, type CanvasFrame, type PackedPoints } from './projection';

const DOT_RADIUS = 4;
const DOT_RING = 1.5;
const SELECTED_RADIUS = 8;
/** Above this many dots they are stamped into one ImageData (drawImage per dot is slow without a GPU). */
const STAMP_ABOVE = 2000;
/** Above this many, smaller dots (a crowd of big ones is a blot anyway, and stamping costs per pixel). */
const SMALL_ABOVE = 15000;

/** A dot as pixel offsets and straight-alpha RGBA: the event colour, a white ring, an antialiased edge. */
interface DotMask {
  dx: Int8Array;
  dy: Int8Array;
  rgba: Uint8ClampedArray;
}

function dotMask(colour: string, radius: number, ring: number): DotMask {
  const hex = colour.replace('#', '');
  const rgb = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const outer = radius + ring;
  const reach = Math.ceil(outer + 1);
  const dx: number[] = [];
  const dy: number[] = [];
  const rgba: number[] = [];
  for (let y = -reach; y <= reach; y++)
    for (let x = -reach; x <= reach; x++) {
      const d = Math.hypot(x, y);
      const a = Math.min(1, Math.max(0, outer + 0.5 - d));
      if (a <= 0) continue;
      const core = Math.min(1, Math.max(0, radius + 0.5 - d));
      dx.push(x);
      dy.push(y);
      // Mix the core colour into white by how much of the pixel is core.
      rgba.push(...rgb.map((c) => Math.round(c! * core + 255 * (1 - core))), Math.round(a * 255));
    }
  return { dx: Int8Array.from(dx), dy: Int8Array.from(dy), rgba: Uint8ClampedArray.from(rgba) };
}

/** Stamps the mask at (x, y) into straight-alpha RGBA pixels, compositing "over" what is there. */
function stamp(data: Uint8ClampedArray, width: number, height: number, mask: DotMask, x: number, y: number): void {
  const { dx, dy, rgba } = mask;
  for (let k = 0; k < dx.length; k++) {
    const px = x + dx[k]!;
    const py = y + dy[k]!;
    if (px < 0 || py < 0 || px >= width || py >= height) continue;
    const o = (py * width + px) * 4;
    const a = rgba[k * 4 + 3]!;
    if (a === 255 || data[o + 3] === 0) {
      data[o] = rgba[k * 4]!;
      data[o + 1] = rgba[k * 4 + 1]!;
      data[o + 2] = rgba[k * 4 + 2]!;
      data[o + 3] = a;
      continue;
    }
    const sa = a / 255;
    const da = data[o + 3]! / 255;
    const oa = sa + da * (1 - sa);
    for (let c = 0; c < 3; c++) data[o + c] = (rgba[k * 4 + c]! * sa + data[o + c]! * da * (1 - sa)) / oa;
    data[o + 3] = oa * 255;
  }
}

function sprite(radius: number, fill: string, stroke: string, strokeWidth: number): HTMLCanvasElement | null {
  const size = Math.ceil(2 * (radius + strokeWidth)) + 2;
  const c = document.createElement('canvas');
  c.width = size;
  c.height = size;
  const ctx = c.getContext('2d');
  if (!ctx) return null;
  ctx.beginPath();
  ctx.arc(size / 2, size / 2, radius, 0, Math.PI * 2);
  ctx.fillStyle = fill;
  ctx.fill();
  ctx.lineWidth = strokeWidth;
  ctx.strokeStyle = stroke;
  ctx.stroke();
  return c;
}

export class DotLayer extends CanvasLayer {
  private packed: PackedPoints = packPoints([]);
  /** Indexes of the events to draw; null: all. */
  private visible: Int32Array | null = null;
  private selected: ReadonlySet<number> = new Set();
  private dot: HTMLCanvasElement | null | undefined;
  private ring: HTMLCanvasElement | null | undefined;
  private masks: { big: DotMask; small: DotMask } | null = null;
  private image: ImageData | null = null;
  /** Dots drawn at the last draw (tests, the bench). */
  lastDrawn = 0;

  constructor(pane: string) {
    super(pane, 0.1);
  }

  setPoints(packed: PackedPoints): void {
    this.packed = packed;
    this.visible = null;
    this.redraw();
  }

  /** Which events to draw (indexes into the packed points), or null for all. */
  setVisible(indexes: Int32Array | null): void {
    this.visible = indexes;
    this.redraw();
  }

  setSelected(indexes: ReadonlySet<number>): void {
    this.selected = indexes;
    this.redraw();
  }

  protected draw(ctx: CanvasRenderingContext2D, frame: CanvasFrame): void {
    this.dot ??= sprite(DOT_RADIUS, EVENT_COLOUR, '#ffffff', DOT_RING);
    this.ring ??= sprite(SELECTED_RADIUS, EVENT_COLOUR, '#ffbf47', 4);
    const { mx, my, n } = this.packed;
    const { scale, originX, originY, width, height } = frame;
    const dot = this.dot;
    const visible = this.visible;
    let drawn = 0;
    if ((visible ? visible.length : n) > STAMP_ABOVE) {
      // Many dots: stamped into one image, put once.
      this.masks ??= { big: dotMask(EVENT_COLOUR, DOT_RADIUS, DOT_RING), small: dotMask(EVENT_COLOUR, 2.2, 1) };
      if (!this.image || this.image.width !== width || this.image.height !== height) this.image = ctx.createImageData(width, height);
      const img = this.image;
      img.data.fill(0);
      const mask = (visible ? visible.length : n) > SMALL_ABOVE ? this.masks.small : this.masks.big;
      const one = (i: number): void => {
        const x = Math.round(mx[i]! * scale - originX);
        const y = Math.round(my[i]! * scale - originY);
        if (!(x > -8 && x < width + 8 && y > -8 && y < height + 8) || this.selected.has(i)) return;
        stamp(img.data, width, height, mask, x, y);
        drawn++;
      };
      if (visible) for (let k = 0; k < visible.length; k++) one(visible[k]!);
      else for (let i = 0; i < n; i++) one(i);
      ctx.putImageData(img, 0, 0);
    } else {
      const one = (i: number): void => {
        const x = mx[i]! * scale - originX;
        const y = my[i]! * scale - originY;
        if (!(x > -10 && x < width + 10 && y > -10 && y < height + 10)) return;
        if (this.selected.has(i)) return;
        if (dot) ctx.drawImage(dot, (x - dot.width / 2) | 0, (y - dot.height / 2) | 0);
        drawn++;
      };
      if (visible) for (let k = 0; k < visible.length; k++) one(visible[k]!);
      else for (let i = 0; i < n; i++) one(i);
    }
    // Selected events on top, bigger, with the selection colour.
    const ring = this.ring;
    if (ring)
      for (const i of this.selected) {
        if (i >= n) continue;
        const x = mx[i]! * scale - originX;
        const y = my[i]! * scale - originY;
        ctx.drawImage(ring, (x - ring.width / 2) | 0, (y - ring.height / 2) | 0);
      }
    this.lastDrawn = drawn;
  }

  /** The index of the drawn dot nearest the container point within `tolerance` pixels, or -1. */
  hitTest(point: L.Point, tolerance = 7): number {
    const map = this._map;
    if (!map || !this.frame) return -1;
    const abs = map.containerPointToLayerPoint(point).add(map.getPixelOrigin());
    const scale = this.frame.scale;
    const { mx, my, n } = this.packed;
    let best = -1;
    let bestD = tolerance * tolerance;
    const test = (i: number): void => {
      const dx = mx[i]! * scale - abs.x;
      const dy = my[i]! * scale - abs.y;
      const d = dx * dx + dy * dy;
      if (d <= bestD) {
        bestD = d;
        best = i;
      }
    };
    const visible = this.visible;
    if (visible) for (let k = 0; k < visible.length; k++) test(visible[k]!);
    else for (let i = 0; i < n; i++) test(i);
    return best;
  }
}
