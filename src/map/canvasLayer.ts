/**
 * A Leaflet layer that is one <canvas> of our own in a pane, covering the view plus a margin, redrawn
 * when the map stops moving (moveend, which also follows every zoom and resize). While the map is
 * dragged the canvas moves with the map pane (no redraw: panning stays smooth with 50,000 points); during
 * a zoom animation it is scaled with a CSS transform like Leaflet's own vector renderers.
 *
 * Subclasses implement `draw(ctx, frame)`; the frame says where the canvas sits in projected pixels, so
 * points packed with projection.ts go straight to canvas pixels. The canvas takes no pointer events:
 * clicks are hit-tested by the owner through map events.
 */
import L from 'leaflet';
import type { CanvasFrame } from './projection';

export abstract class CanvasLayer extends L.Layer {
  protected canvas: HTMLCanvasElement | null = null;
  /** The frame of the last draw (null before the first). */
  protected frame: CanvasFrame | null = null;
  /** Top-left corner of the canvas (geographic), its zoom: for the zoom animation. */
  private anchor: { latLng: L.LatLng; zoom: number } | null = null;
  private raf = 0;
  private readonly padding: number;

  constructor(pane: string, padding = 0.15) {
    super();
    L.Util.setOptions(this, { pane });
    this.padding = padding;
  }

  override onAdd(map: L.Map): this {
    this.canvas = L.DomUtil.create('canvas', 'lw-canvas-layer leaflet-zoom-animated');
    this.getPane()?.appendChild(this.canvas);
    this.reset(map);
    return this;
  }

  override onRemove(_map: L.Map): this {
    if (this.raf) cancelAnimationFrame(this.raf);
    this.raf = 0;
    this.canvas?.remove();
    this.canvas = null;
    this.frame = null;
    return this;
  }

  override getEvents(): { [name: string]: L.LeafletEventHandlerFn } {
    return {
      moveend: () => this.reset(this._map),
      viewreset: () => this.reset(this._map),
      zoomanim: (e) => this.animateZoom(e as L.ZoomAnimEvent),
    };
  }

  /** Redraw at the next animation frame (after a data change). */
  redraw(): void {
    if (!this._map || this.raf) return;
    this.raf = requestAnimationFrame(() => {
      this.raf = 0;
      if (this._map) this.reset(this._map);
    });
  }

  /** Redraw now (exports and tests). */
  redrawNow(): void {
    if (this._map) this.reset(this._map);
  }

  protected abstract draw(ctx: CanvasRenderingContext2D, frame: CanvasFrame): void;

  private reset(map: L.Map | undefined): void {
    const canvas = this.canvas;
    if (!map || !canvas) return;
    const size = map.getSize();
    const pad = L.point(Math.round(size.x * this.padding), Math.round(size.y * this.padding));
    const topLeft = map.containerPointToLayerPoint(pad.multiplyBy(-1)).round();
    const width = size.x + 2 * pad.x;
    const height = size.y + 2 * pad.y;
    L.DomUtil.setPosition(canvas, topLeft);
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
      canvas.style.width = `${width}px`;
      canvas.style.height = `${height}px`;
    }
    const zoom = map.getZoom();
    const origin = map.getPixelOrigin();
    this.anchor = { latLng: map.layerPointToLatLng(topLeft), zoom };
    this.frame = { originX: origin.x + topLeft.x, originY: origin.y + topLeft.y, scale: map.options.crs?.scale(zoom) ?? 256 * 2 ** zoom, width, height };
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const t0 = performance.now();
    ctx.clearRect(0, 0, width, height);
    if (width > 0 && height > 0) this.draw(ctx, this.frame);
    canvas.dataset.drawMs = (performance.now() - t0).toFixed(1);
  }

  private animateZoom(e: L.ZoomAnimEvent): void {
    const map = this._map;
    if (!map || !this.canvas || !this.anchor) return;
    const scale = map.getZoomScale(e.zoom, this.anchor.zoom);
    // Where the canvas's top-left corner will be, in the layer coordinates the map uses after the zoom
    // (as Leaflet's renderers do it, with public methods only).
    const panePos = L.DomUtil.getPosition(map.getPane('mapPane')!);
    const newOrigin = map.project(e.center, e.zoom).subtract(map.getSize().divideBy(2)).add(panePos).round();
    const offset = map.project(this.anchor.latLng, e.zoom).subtract(newOrigin);
    L.DomUtil.setTransform(this.canvas, offset, scale);
  }
}
