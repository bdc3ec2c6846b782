/**
 * Drawing on the map (no plugin): a hot spot's polygon or circle, or one point (manual placement).
 *
 * - polygon: each click adds a corner; double-click or Enter finishes (3 corners at least); Backspace
 *   takes the last corner back; Esc cancels.
 * - circle: click the centre, then click the edge (the circle follows the pointer in between).
 * - place: one click.
 * From the keyboard (the map focused): the arrow keys pan the view under a crosshair at its centre and
 * Space puts a corner / the centre / the edge / the place there.
 *
 * The result goes to `onDrawn`; the caller validates it (areas.ts validateArea) and leaves the mode.
 * `onStatus` gets a sentence for a live region at every step.
 */
import L from 'leaflet';
import { distanceM, type GeoArea } from '../domain/geo/areas';
import type { DrawMode, DrawResult } from './types';

const DRAW_COLOUR = '#1f5fbf';

export const DRAW_HELP: Record<DrawMode, string> = {
  none: '',
  polygon: 'Drawing an area: click each corner; double-click or Enter finishes, Backspace removes the last corner, Esc cancels. With the keyboard, pan with the arrow keys and press Space to put a corner at the crosshair.',
  circle: 'Drawing a circle: click the centre, then click the edge. Esc cancels. With the keyboard, pan with the arrow keys and press Space at the centre, then at the edge.',
  place: 'Placing: click the place. Esc cancels. With the keyboard, pan with the arrow keys and press Space to place at the crosshair.',
};

export class DrawTool {
  private mode: DrawMode = 'none';
  private corners: L.LatLng[] = [];
  private centre: L.LatLng | null = null;
  private readonly shapes: L.Layer[] = [];
  private rubber: L.Path | null = null;

  constructor(
    private readonly map: L.Map,
    private readonly renderer: L.Renderer,
    private readonly onDrawn: (result: DrawResult) => void,
    private readonly onStatus: (text: string) => void,
    private readonly onCancel: () => void = () => {},
  ) {
    map.on('click', this.click, this);
    map.on('mousemove', this.move, this);
    map.on('dblclick', this.dblclick, this);
    L.DomEvent.on(map.getContainer(), 'keydown', this.key as L.DomEvent.EventHandlerFn, this);
  }

  destroy(): void {
    this.clear();
    this.map.off('click', this.click, this);
    this.map.off('mousemove', this.move, this);
    this.map.off('dblclick', this.dblclick, this);
    L.DomEvent.off(this.map.getContainer(), 'keydown', this.key as L.DomEvent.EventHandlerFn, this);
  }

  get active(): boolean {
    return this.mode !== 'none';
  }

  setMode(mode: DrawMode): void {
    if (mode === this.mode) return;
    this.clear();
    this.mode = mode;
    const container = this.map.getContainer();
    container.classList.toggle('lw-drawing', mode !== 'none');
    if (mode === 'none') this.map.doubleClickZoom.enable();
    else this.map.doubleClickZoom.disable();
    this.onStatus(DRAW_HELP[mode]);
  }

  /** Drops the shape being drawn (the mode stays). */
  clear(): void {
    for (const s of this.shapes) s.remove();
    this.shapes.length = 0;
    this.rubber?.remove();
    this.rubber = null;
    this.corners = [];
    this.centre = null;
  }

  private click(e: L.LeafletMouseEvent): void {
    if (this.mode !== 'none') this.put(e.latlng);
  }

  private put(at: L.LatLng): void {
    if (this.mode === 'place') {
      this.onDrawn({ kind: 'place', lat: at.lat, lng: at.lng });
      return;
    }
    if (this.mode === 'circle') {
      if (!this.centre) {
        this.centre = at;
        this.shapes.push(L.circleMarker(at, { renderer: this.renderer, radius: 4, color: DRAW_COLOUR, fillOpacity: 1, interactive: false }).addTo(this.map));
        this.onStatus('Circle centre set: now click (or press Space at) the edge.');
        return;
      }
      const radiusM = distanceM(this.centre, at);
      if (!(radiusM > 0)) return;
      const area: GeoArea = { shape: 'circle', centre: { lat: this.centre.lat, lng: this.centre.lng }, radiusM };
      this.clear();
      this.onDrawn({ kind: 'circle', area });
      return;
    }
    if (this.mode !== 'polygon') return;
    const last = this.corners[this.corners.length - 1];
    // The two clicks of a double-click land on the same spot: one corner.
    if (last && this.map.latLngToContainerPoint(last).distanceTo(this.map.latLngToContainerPoint(at)) < 5) return;
    this.corners.push(at);
    this.shapes.push(L.circleMarker(at, { renderer: this.renderer, radius: 4, color: DRAW_COLOUR, fillColor: '#ffffff', fillOpacity: 1, weight: 2, interactive: false }).addTo(this.map));
    this.drawOutline(null);
    this.onStatus(`${this.corners.length} corner${this.corners.length === 1 ? '' : 's'}. ${this.corners.length >= 3 ? 'Double-click or Enter finishes.' : 'Add at least 3.'}`);
  }

  private drawOutline(pointer: L.LatLng | null): void {
    this.rubber?.remove();
    this.rubber = null;
    if (this.mode === 'polygon' && this.corners.length) {
      const ring = pointer ? [...this.corners, pointer] : this.corners;
      this.rubber = L.polygon(ring, { renderer: this.renderer, color: DRAW_COLOUR, weight: 2, dashArray: '6 4', fillOpacity: 0.12, interactive: false }).addTo(this.map);
    } else if (this.mode === 'circle' && this.centre && pointer) {
      this.rubber = L.circle(this.centre, { renderer: this.renderer, radius: distanceM(this.centre, pointer), color: DRAW_COLOUR, weight: 2, dashArray: '6 4', fillOpacity: 0.12, interactive: false }).addTo(this.map);
    }
  }

  private move(e: L.LeafletMouseEvent): void {
    if ((this.mode === 'polygon' && this.corners.length) || (this.mode === 'circle' && this.centre)) this.drawOutline(e.latlng);
  }

  private dblclick(e: L.LeafletMouseEvent): void {
    if (this.mode !== 'polygon') return;
    L.DomEvent.stop(e.originalEvent);
    this.finishPolygon();
  }

  private finishPolygon(): void {
    if (this.corners.length < 3) {
      this.onStatus(`An area needs at least 3 corners (it has ${this.corners.length}).`);
      return;
    }
    const area: GeoArea = { shape: 'polygon', points: this.corners.map((p) => ({ lat: p.lat, lng: p.lng })) };
    this.clear();
    this.onDrawn({ kind: 'polygon', area });
  }

  private key(ev: Event): void {
    const e = ev as KeyboardEvent;
    if (this.mode === 'none' || e.target !== this.map.getContainer()) return;
    if (e.key === 'Escape') {
      this.clear();
      this.onStatus('Drawing cancelled.');
      this.onCancel();
    } else if (e.key === 'Enter' && this.mode === 'polygon') this.finishPolygon();
    else if (e.key === ' ' || e.key === 'Spacebar') this.put(this.map.getCenter());
    else if (e.key === 'Backspace' && this.mode === 'polygon' && this.corners.length) {
      this.corners.pop();
      this.shapes.pop()?.remove();
      this.drawOutline(null);
      this.onStatus(`${this.corners.length} corners.`);
    } else return;
    e.preventDefault();
    e.stopPropagation();
  }
}
