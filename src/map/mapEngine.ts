/**
 * The imperative half of MapCanvas: owns the Leaflet map and every layer on it, and is told what to
 * draw through setters (MapCanvas calls them from effects). Leaflet lives here and in the small layer
 * classes beside it.
 *
 * Panes, bottom to top: basemap (coast, canvas) 150 < tiles 200 (only when the analyst configured a tile
 * server) < heat (our canvases) 300 < overlay (force areas, precision circles, hot spot areas, links,
 * drawing: one Leaflet canvas) 390 < crime-event dots (our canvas) 410 < markers 600.
 *
 * Speed: events are packed into typed arrays once per data change; their cluster index is built in a
 * worker (clusterClient.ts); after each move only the clusters of the visible box (plus a margin) are
 * asked for and the marker elements are diffed by key, so a pan touches only what appeared or left.
 * Entities (a few thousand at most) are clustered on the page. Selected and draggable entities are never
 * clustered, so a selection made in the table is always visible on the map.
 */
import { PLAIN_ICON, L } from './leafletSetup';
import { GEO_ATTRIBUTIONS } from './data/attribution';
import { coastLayer, forceAreaLayer } from './basemap';
import { EventClusterClient } from './clusterClient';
import { buildClusterIndex, ENTITY_CLUSTER, EVENT_CLUSTER, queryClusterIndex, type ClusterBubble, type PointIndex } from './clusterCore';
import { DotLayer } from './dotLayer';
import { DrawTool } from './drawTool';
import { HeatLayer } from './heatLayer';
import { clusterAriaLabel, clusterDiameter, clusterHtml, formatCount, LABEL_ZOOM, LINK_DASH, markerAriaLabel, markerHtml, MARKER_SIZE, type ClusterKind } from './markers';
import { packPoints, sameEvents } from './projection';
import type { DrawMode, DrawResult, HeatInput, MapEvent, MapLayers, MapLinkLine, MapPoint } from './types';

export interface MapEngineHandlers {
  onSelect(ids: string[], additive: boolean): void;
  onMovePoint?(id: string, lat: number, lng: number): void;
  onDrawn?(result: DrawResult): void;
  onDrawCancel?(): void;
  /** A sentence for a live region (drawing steps). */
  onStatus?(text: string): void;
}

/** England and Wales. */
export const DEFAULT_VIEW = { center: L.latLng(52.6, -1.7), zoom: 6 };
/** Markers are kept for this much of the view's size beyond each edge (no pop-in on short pans). */
const VIEW_MARGIN = 0.2;
/** The same for crime-event clusters (there are many more of them). */
const EVENT_MARGIN = 0.1;

export const DEFAULT_LAYERS: MapLayers = { clusters: true, precision: true, links: true, forceAreas: true, events: true };

interface MarkerEntry {
  marker: L.Marker;
  /** What the element shows; a change makes a new marker. */
  sig: string;
  point?: MapPoint;
  clusterKind?: ClusterKind;
  bubble?: ClusterBubble;
  /** The last name / state written on a point's element (unchanged: not written again). */
  decorated?: string;
}

const finite = (p: { lat: number; lng: number }): boolean => Number.isFinite(p.lat) && Number.isFinite(p.lng) && Math.abs(p.lat) <= 90 && Math.abs(p.lng) <= 180;
const additiveEvent = (e: Event | undefined): boolean => !!e && ((e as MouseEvent).ctrlKey || (e as MouseEvent).metaKey || (e as MouseEvent).shiftKey);

const sameLayers = (a: MapLayers, b: MapLayers): boolean =>
  a.clusters === b.clusters && a.precision === b.precision && a.links === b.links && a.forceAreas === b.forceAreas && a.events === b.events;

/** Same points (by value): a parent that rebuilds its arrays on every render costs nothing here. */
function samePoints(a: readonly MapPoint[], b: readonly MapPoint[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const p = a[i]!;
    const q = b[i]!;
    if (p === q) continue;
    if (
      p.id !== q.id || p.kind !== q.kind || p.lat !== q.lat || p.lng !== q.lng || p.label !== q.label || p.colour !== q.colour ||
      p.precision !== q.precision || p.radiusM !== q.radiusM || (p.role ?? null) !== (q.role ?? null) || !!p.faded !== !!q.faded ||
      !!p.draggable !== !!q.draggable || JSON.stringify(p.area ?? null) !== JSON.stringify(q.area ?? null)
    )
      return false;
  }
  return true;
}

function sameLinks(a: readonly MapLinkLine[], b: readonly MapLinkLine[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const p = a[i]!;
    const q = b[i]!;
    if (p === q) continue;
    if (p.id !== q.id || p.strength !== q.strength || p.label !== q.label || p.from[0] !== q.from[0] || p.from[1] !== q.from[1] || p.to[0] !== q.to[0] || p.to[1] !== q.to[1]) return false;
  }
  return true;
}

export class MapEngine {
  readonly map: L.Map;
  private readonly overlay: L.Canvas;
  private readonly forces: L.GeoJSON;
  private readonly heat: Record<HeatInput['id'], HeatLayer>;
  private readonly dots: DotLayer;
  private readonly attribution: L.Control.Attribution;
  private readonly draw: DrawTool;
  private readonly clusterClient = new EventClusterClient(EVENT_CLUSTER);
  private readonly resize: ResizeObserver | null;
  private tile: L.TileLayer | null = null;
  private tileKey = '';

  private layers: MapLayers = DEFAULT_LAYERS;
  private points: readonly MapPoint[] = [];
  private events: readonly MapEvent[] = [];
  /** Bumped for every new list of events: an index built for an older list is not used. */
  private eventsToken = 0;
  private eventIndexById: Map<string, number> | null = null;
  private eventsState: 'none' | 'indexing' | 'ready' = 'none';
  private links: readonly MapLinkLine[] = [];
  private selected: ReadonlySet<string> = new Set();

  private entityIndex: { index: PointIndex; points: MapPoint[] } | null = null;
  private loosePoints: MapPoint[] = [];
  private entityIndexDirty = true;

  private readonly markers = new Map<string, MarkerEntry>();
  private readonly spare: Record<ClusterKind, MarkerEntry[]> = { entities: [], events: [] };
  private readonly circles = new Map<string, { layer: L.Circle; sig: string }>();
  private readonly areas = new Map<string, { layer: L.Path; sig: string; id: string }>();
  private readonly linkGroup = L.layerGroup();
  private refreshFrame = 0;
  private eventQuerySeq = 0;
  private destroyed = false;
  private readonly moveTimers = new Map<string, number>();

  constructor(
    private readonly container: HTMLElement,
    private readonly handlers: () => MapEngineHandlers,
  ) {
    const map = L.map(container, {
      center: DEFAULT_VIEW.center,
      zoom: DEFAULT_VIEW.zoom,
      minZoom: 3,
      maxZoom: 18,
      preferCanvas: true,
      attributionControl: false,
      keyboard: true,
      keyboardPanDelta: 100,
      worldCopyJump: false,
    });
    this.map = map;
    container.classList.add('lw-map');
    const pane = (name: string, z: number, pointer = true): void => {
      const el = map.createPane(name);
      el.style.zIndex = String(z);
      if (!pointer) el.style.pointerEvents = 'none';
    };
    pane('lw-basemap', 150, false);
    pane('lw-heat', 300, false);
    pane('lw-overlay', 390);
    pane('lw-events', 410, false);

    const base = L.canvas({ pane: 'lw-basemap', padding: 0.1 });
    this.overlay = L.canvas({ pane: 'lw-overlay', padding: 0.1, tolerance: 4 });
    coastLayer(base).addTo(map);
    this.forces = forceAreaLayer(this.overlay);
    this.heat = { intel: new HeatLayer('intel', 'lw-heat'), events: new HeatLayer('events', 'lw-heat') };
    this.dots = new DotLayer('lw-events');
    this.linkGroup.addTo(map);

    this.attribution = L.control.attribution({ prefix: 'Leaflet' }).addTo(map);
    for (const a of GEO_ATTRIBUTIONS) this.attribution.addAttribution(a);

    this.draw = new DrawTool(
      map,
      this.overlay,
      (r) => this.handlers().onDrawn?.(r),
      (t) => this.handlers().onStatus?.(t),
      () => this.handlers().onDrawCancel?.(),
    );

    map.on('moveend', () => this.scheduleRefresh());
    // A boundary's name follows the pointer; after a move by keyboard or a click it would be left stale.
    map.on('movestart', () => this.forces.eachLayer((l) => void l.closeTooltip()));
    map.on('zoomend', () => container.classList.toggle('lw-labels', map.getZoom() >= LABEL_ZOOM));
    map.on('click', (e: L.LeafletMouseEvent) => this.mapClicked(e));
    this.resize =
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver(() => {
            if (!this.destroyed) map.invalidateSize({ debounceMoveend: true });
          });
    this.resize?.observe(container);
    this.setLayers(DEFAULT_LAYERS);
    container.dataset.events = 'none';
  }

  destroy(): void {
    this.destroyed = true;
    if (this.refreshFrame) cancelAnimationFrame(this.refreshFrame);
    for (const t of this.moveTimers.values()) clearTimeout(t);
    this.resize?.disconnect();
    this.clusterClient.dispose();
    this.draw.destroy();
    this.map.remove();
  }

  // ---------------------------------------------------------------- setters

  setLayers(layers: MapLayers): void {
    const before = this.layers;
    if (before !== DEFAULT_LAYERS && sameLayers(before, layers) && this.map.hasLayer(this.dots) === (layers.events && this.events.length > 0)) return;
    this.layers = layers;
    const toggle = (layer: L.Layer, on: boolean): void => {
      if (on && !this.map.hasLayer(layer)) layer.addTo(this.map);
      else if (!on && this.map.hasLayer(layer)) layer.remove();
    };
    toggle(this.forces, layers.forceAreas);
    toggle(this.linkGroup, layers.links);
    toggle(this.dots, layers.events && this.events.length > 0);
    if (before.clusters !== layers.clusters) this.entityIndexDirty = true;
    this.scheduleRefresh();
  }

  setPoints(points: readonly MapPoint[]): void {
    if (samePoints(points, this.points)) {
      this.points = points;
      return;
    }
    this.points = points;
    this.entityIndexDirty = true;
    this.updateAreas();
    this.scheduleRefresh();
  }

  setEvents(events: readonly MapEvent[]): void {
    if (sameEvents(events, this.events)) {
      this.events = events;
      return;
    }
    this.events = events;
    const token = ++this.eventsToken;
    this.eventIndexById = null;
    this.dots.setPoints(packPoints(events));
    this.dots.setVisible(new Int32Array(0));
    this.setLayers(this.layers);
    this.scheduleRefresh();
    this.removeMarkers((k) => k.startsWith('vc:'));
    if (!events.length) {
      this.setEventsState('none');
      return;
    }
    this.setEventsState('indexing');
    const lng = Float64Array.from(events, (e) => e.lng);
    const lat = Float64Array.from(events, (e) => e.lat);
    void this.clusterClient.load(lng, lat).then((ok) => {
      if (!ok || this.destroyed || token !== this.eventsToken) return;
      this.container.dataset.indexMs = String(Math.round(this.clusterClient.lastBuildMs));
      this.setEventsState('ready');
      void this.refreshEvents();
    });
    this.applySelection();
  }

  setLinks(links: readonly MapLinkLine[]): void {
    if (sameLinks(links, this.links)) {
      this.links = links;
      return;
    }
    this.links = links;
    this.linkGroup.clearLayers();
    for (const l of links) {
      if (!finite({ lat: l.from[0], lng: l.from[1] }) || !finite({ lat: l.to[0], lng: l.to[1] })) continue;
      const dash = LINK_DASH[l.strength];
      const line = L.polyline([l.from, l.to], { renderer: this.overlay, color: '#3d4654', weight: 2.5, opacity: 0.85, ...(dash ? { dashArray: dash } : {}) });
      if (l.label) line.bindTooltip(l.label, { sticky: true });
      this.linkGroup.addLayer(line);
    }
  }

  setHeat(inputs: readonly HeatInput[]): void {
    for (const id of ['intel', 'events'] as const) {
      const input = inputs.find((h) => h.id === id);
      const layer = this.heat[id];
      if (input) {
        layer.setPoints(input.points);
        if (!this.map.hasLayer(layer)) layer.addTo(this.map);
      } else if (this.map.hasLayer(layer)) layer.remove();
    }
  }

  setSelected(ids: readonly string[]): void {
    const next = new Set(ids);
    const cur = this.selected;
    if (next.size === cur.size && [...next].every((id) => cur.has(id))) return;
    this.selected = next;
    if (this.layers.clusters) this.entityIndexDirty = true;
    this.applySelection();
    this.scheduleRefresh();
  }

  setDrawMode(mode: DrawMode): void {
    this.draw.setMode(mode);
  }

  setTile(url: string | null | undefined, attribution?: string): void {
    const key = url ? `${url}\n${attribution ?? ''}` : '';
    if (key === this.tileKey) return;
    this.tileKey = key;
    this.tile?.remove();
    this.tile = null;
    if (url) this.tile = L.tileLayer(url, { attribution: attribution || 'Map tiles: the tile server configured in settings', maxZoom: 19 }).addTo(this.map);
  }

  /** Fits the view to the whole picture: the points and the crime events. */
  fit(animate = false): void {
    const bounds = L.latLngBounds([]);
    for (const p of this.points) if (finite(p)) bounds.extend([p.lat, p.lng]);
    for (const e of this.events) if (finite(e)) bounds.extend([e.lat, e.lng]);
    if (!bounds.isValid()) return;
    const size = this.map.getSize();
    if (bounds.getNorthEast().equals(bounds.getSouthWest()) || size.x === 0) this.map.setView(bounds.getCenter(), Math.max(this.map.getZoom(), 15), { animate });
    else this.map.fitBounds(bounds, { padding: [48, 48], maxZoom: 16, animate });
  }

  /** Figures for tests and the bench. */
  stats(): { markers: number; entityClusters: number; eventClusters: number; dots: number; eventsState: string; heat: Record<string, number> } {
    let entityClusters = 0;
    let eventClusters = 0;
    let markers = 0;
    for (const [k] of this.markers) {
      if (k.startsWith('ec:')) entityClusters++;
      else if (k.startsWith('vc:')) eventClusters++;
      else markers++;
    }
    return { markers, entityClusters, eventClusters, dots: this.dots.lastDrawn, eventsState: this.eventsState, heat: { intel: this.heat.intel.lastInside, events: this.heat.events.lastInside } };
  }

  // ---------------------------------------------------------------- refresh

  private setEventsState(state: 'none' | 'indexing' | 'ready'): void {
    this.eventsState = state;
    this.container.dataset.events = state;
  }

  private scheduleRefresh(): void {
    if (this.refreshFrame || this.destroyed) return;
    this.refreshFrame = requestAnimationFrame(() => {
      this.refreshFrame = 0;
      if (this.destroyed) return;
      this.refreshEntities();
      void this.refreshEvents();
    });
  }

  /** The view plus a margin as [west, south, east, north]. */
  private viewBox(margin = VIEW_MARGIN): [number, number, number, number] {
    const b = this.map.getBounds();
    const dLat = (b.getNorth() - b.getSouth()) * margin;
    const dLng = (b.getEast() - b.getWest()) * margin;
    return [b.getWest() - dLng, b.getSouth() - dLat, b.getEast() + dLng, b.getNorth() + dLat];
  }

  private rebuildEntityIndex(): void {
    this.entityIndexDirty = false;
    const clusterable: MapPoint[] = [];
    const loose: MapPoint[] = [];
    for (const p of this.points) {
      if (!finite(p)) continue;
      if (!this.layers.clusters || p.draggable || this.selected.has(p.id)) loose.push(p);
      else clusterable.push(p);
    }
    this.loosePoints = loose;
    this.entityIndex = clusterable.length
      ? {
          index: buildClusterIndex(
            Float64Array.from(clusterable, (p) => p.lng),
            Float64Array.from(clusterable, (p) => p.lat),
            ENTITY_CLUSTER,
          ),
          points: clusterable,
        }
      : null;
  }

  private refreshEntities(): void {
    const t0 = performance.now();
    if (this.entityIndexDirty) this.rebuildEntityIndex();
    const box = this.viewBox();
    const inBox = (p: { lat: number; lng: number }): boolean => p.lng >= box[0] && p.lng <= box[2] && p.lat >= box[1] && p.lat <= box[3];
    const zoom = this.map.getZoom();
    const wanted = new Map<string, { point?: MapPoint; bubble?: ClusterBubble }>();
    if (this.entityIndex) {
      const q = queryClusterIndex(this.entityIndex.index, box, zoom);
      for (const c of q.clusters) wanted.set(`ec:${c.id}`, { bubble: c });
      for (const i of q.points) {
        const p = this.entityIndex.points[i];
        if (p) wanted.set(`p:${p.id}`, { point: p });
      }
    }
    // Never-clustered points (selected, draggable, or all with clusters off): those near the view.
    for (const p of this.loosePoints) if (inBox(p) || p.draggable) wanted.set(`p:${p.id}`, { point: p });

    this.removeMarkers((k) => k.startsWith('p:') && !wanted.has(k));
    this.spareClusters((k) => k.startsWith('ec:') && !wanted.has(k));
    for (const [key, w] of wanted) {
      if (w.point) this.putPoint(key, w.point);
      else if (w.bubble) this.putCluster(key, w.bubble, 'entities');
    }
    this.dropSpare('entities');
    this.updateCircles(wanted);
    this.container.dataset.markers = String([...this.markers.keys()].filter((k) => k.startsWith('p:')).length);
    this.container.dataset.entityMs = (performance.now() - t0).toFixed(1);
  }

  private async refreshEvents(): Promise<void> {
    const seq = ++this.eventQuerySeq;
    if (!this.layers.events || !this.events.length) {
      this.removeMarkers((k) => k.startsWith('vc:'));
      return;
    }
    if (!this.layers.clusters) {
      this.removeMarkers((k) => k.startsWith('vc:'));
      this.dots.setVisible(null);
      this.container.dataset.eventClusters = '0';
      return;
    }
    if (this.eventsState !== 'ready') return;
    const result = await this.clusterClient.query(this.viewBox(EVENT_MARGIN), this.map.getZoom());
    if (!result || seq !== this.eventQuerySeq || this.destroyed) return;
    const t0 = performance.now();
    const wanted = new Set(result.clusters.map((c) => `vc:${c.id}`));
    this.spareClusters((k) => k.startsWith('vc:') && !wanted.has(k));
    for (const c of result.clusters) this.putCluster(`vc:${c.id}`, c, 'events');
    this.dropSpare('events');
    this.dots.setVisible(result.points);
    this.container.dataset.eventClusters = String(result.clusters.length);
    this.container.dataset.clusterMs = (performance.now() - t0).toFixed(1);
    this.container.dataset.eventsDrawn = String(Number(this.container.dataset.eventsDrawn ?? 0) + 1);
  }

  private removeMarkers(which: (key: string) => boolean): void {
    for (const [key, entry] of this.markers) {
      if (!which(key)) continue;
      entry.marker.remove();
      this.markers.delete(key);
    }
  }

  // ---------------------------------------------------------------- markers

  private putPoint(key: string, p: MapPoint): void {
    const sig = `${p.kind}|${p.colour}|${p.role ?? ''}|${p.label}|${p.draggable ? 1 : 0}`;
    const have = this.markers.get(key);
    if (have && have.sig === sig) {
      const at = have.marker.getLatLng();
      if (at.lat !== p.lat || at.lng !== p.lng) have.marker.setLatLng([p.lat, p.lng]);
      have.point = p;
      this.decoratePoint(have);
      return;
    }
    have?.marker.remove();
    const icon = L.divIcon({
      className: `lw-marker${p.kind === 'person' ? ' lw-round' : ''}`,
      html: markerHtml(p),
      iconSize: [MARKER_SIZE, MARKER_SIZE],
      iconAnchor: [MARKER_SIZE / 2, MARKER_SIZE / 2],
    });
    const marker = L.marker([p.lat, p.lng], { icon, keyboard: true, draggable: !!p.draggable, riseOnHover: true, autoPanOnFocus: true });
    const entry: MarkerEntry = { marker, sig, point: p };
    marker.on('click', (e: L.LeafletMouseEvent) => {
      if (!this.draw.active) this.handlers().onSelect([entry.point!.id], additiveEvent(e.originalEvent));
    });
    marker.on('add', () => {
      const el = marker.getElement();
      if (!el) return;
      el.addEventListener('keydown', (ev) => this.pointKey(entry, ev));
      this.decoratePoint(entry);
    });
    marker.on('dragend', () => {
      const at = marker.getLatLng();
      this.handlers().onMovePoint?.(entry.point!.id, at.lat, at.lng);
    });
    marker.bindTooltip(p.label, { direction: 'top', offset: [0, -MARKER_SIZE / 2], opacity: 0.95 });
    this.markers.set(key, entry);
    marker.addTo(this.map);
  }

  /** Name, pressed state and classes of a point's element (kept on the element: focus survives selection). */
  private decoratePoint(entry: MarkerEntry): void {
    const el = entry.marker.getElement();
    const p = entry.point;
    if (!el || !p) return;
    const selected = this.selected.has(p.id);
    const name = markerAriaLabel(p) + (p.draggable ? ' (movable: arrow keys)' : '');
    const state = `${name}|${selected}|${!!p.faded}|${p.id}`;
    if (entry.decorated === state && el.dataset.id === p.id) return;
    entry.decorated = state;
    el.setAttribute('aria-label', name);
    el.setAttribute('aria-pressed', String(selected));
    el.dataset.id = p.id;
    el.classList.toggle('lw-selected', selected);
    el.classList.toggle('lw-faded', !!p.faded && !selected);
    entry.marker.setZIndexOffset(selected ? 1000 : 0);
  }

  private pointKey(entry: MarkerEntry, ev: KeyboardEvent): void {
    const p = entry.point;
    if (!p) return;
    if (ev.key === 'Enter' || ev.key === ' ' || ev.key === 'Spacebar') {
      ev.preventDefault();
      ev.stopPropagation();
      this.handlers().onSelect([p.id], ev.ctrlKey || ev.metaKey || ev.shiftKey);
      return;
    }
    // A movable marker moves with the arrow keys (Shift: further); the move is reported once they rest.
    const step = ev.shiftKey ? 25 : 5;
    const d = ev.key === 'ArrowLeft' ? [-step, 0] : ev.key === 'ArrowRight' ? [step, 0] : ev.key === 'ArrowUp' ? [0, -step] : ev.key === 'ArrowDown' ? [0, step] : null;
    if (!d || !p.draggable) return;
    ev.preventDefault();
    ev.stopPropagation();
    const at = this.map.latLngToContainerPoint(entry.marker.getLatLng()).add(L.point(d[0]!, d[1]!));
    const ll = this.map.containerPointToLatLng(at);
    entry.marker.setLatLng(ll);
    clearTimeout(this.moveTimers.get(p.id));
    this.moveTimers.set(
      p.id,
      window.setTimeout(() => {
        this.moveTimers.delete(p.id);
        const now = entry.marker.getLatLng();
        this.handlers().onMovePoint?.(p.id, now.lat, now.lng);
      }, 500),
    );
  }

  /**
   * A cluster bubble. Bubbles that left the view are reused for new ones (after a zoom every cluster is
   * new): the element is moved and relabelled, not removed and created again.
   */
  private putCluster(key: string, c: ClusterBubble, kind: ClusterKind): void {
    const sig = `${c.count}|${c.lat}|${c.lng}`;
    const have = this.markers.get(key);
    if (have && have.sig === sig) return;
    const reuse = have ?? this.spare[kind].pop();
    if (reuse) {
      reuse.sig = sig;
      reuse.bubble = c;
      reuse.marker.setLatLng([c.lat, c.lng]);
      this.labelCluster(reuse);
      this.markers.set(key, reuse);
      return;
    }
    const d = clusterDiameter(c.count);
    const icon = L.divIcon({ className: `lw-cluster lw-cluster-${kind}`, html: clusterHtml(c.count), iconSize: [d, d] });
    const marker = L.marker([c.lat, c.lng], { icon, keyboard: true, zIndexOffset: kind === 'entities' ? 500 : -500, autoPanOnFocus: false });
    const entry: MarkerEntry = { marker, sig, clusterKind: kind, bubble: c };
    const zoomIn = (): void => {
      const b = entry.bubble;
      if (this.draw.active || !b) return;
      this.map.setView([b.lat, b.lng], Math.min(this.map.getMaxZoom(), Math.max(b.expansionZoom, this.map.getZoom() + 1)));
    };
    marker.on('click', zoomIn);
    marker.on('add', () => {
      const el = marker.getElement();
      if (!el) return;
      this.labelCluster(entry);
      el.addEventListener('keydown', (ev) => {
        if (ev.key !== 'Enter' && ev.key !== ' ' && ev.key !== 'Spacebar') return;
        ev.preventDefault();
        ev.stopPropagation();
        zoomIn();
      });
    });
    this.markers.set(key, entry);
    marker.addTo(this.map);
  }

  private labelCluster(entry: MarkerEntry): void {
    const el = entry.marker.getElement();
    const c = entry.bubble;
    if (!el || !c || !entry.clusterKind) return;
    const d = clusterDiameter(c.count);
    if (el.style.width !== `${d}px`) {
      el.style.width = el.style.height = `${d}px`;
      el.style.marginLeft = el.style.marginTop = `${-d / 2}px`;
    }
    const count = el.firstElementChild;
    const text = formatCount(c.count);
    if (count && count.textContent !== text) count.textContent = text;
    el.setAttribute('aria-label', clusterAriaLabel(c.count, entry.clusterKind));
  }

  /** Takes the bubbles of these keys off the books, to be reused by putCluster; `dropSpare` removes what is left. */
  private spareClusters(which: (key: string) => boolean): void {
    for (const [key, entry] of this.markers) {
      if (!entry.clusterKind || !which(key)) continue;
      this.markers.delete(key);
      this.spare[entry.clusterKind].push(entry);
    }
  }

  private dropSpare(kind: ClusterKind): void {
    for (const entry of this.spare[kind]) entry.marker.remove();
    this.spare[kind].length = 0;
  }

  private applySelection(): void {
    for (const entry of this.markers.values()) if (entry.point) this.decoratePoint(entry);
    for (const a of this.areas.values()) a.layer.setStyle(this.areaStyle(a.id));
    // Selected crime events: drawn highlighted on the dots layer.
    const idx = new Set<number>();
    if (this.events.length && this.selected.size) {
      this.eventIndexById ??= new Map(this.events.map((e, i) => [e.id, i]));
      for (const id of this.selected) {
        const i = this.eventIndexById.get(id);
        if (i !== undefined) idx.add(i);
      }
    }
    this.dots.setSelected(idx);
  }

  private mapClicked(e: L.LeafletMouseEvent): void {
    if (this.draw.active) return;
    const additive = additiveEvent(e.originalEvent);
    if (this.layers.events && this.map.hasLayer(this.dots)) {
      const i = this.dots.hitTest(e.containerPoint);
      const ev = i >= 0 ? this.events[i] : undefined;
      if (ev) {
        L.popup({ closeButton: true, autoPan: false, offset: [0, -4] })
          .setLatLng([ev.lat, ev.lng])
          .setContent(ev.label.replace(/&/g, '&amp;').replace(/</g, '&lt;'))
          .openOn(this.map);
        this.handlers().onSelect([ev.id], additive);
        return;
      }
    }
    if (!additive && this.selected.size) this.handlers().onSelect([], false);
  }

  // ---------------------------------------------------------------- circles, areas

  private updateCircles(wanted: Map<string, { point?: MapPoint }>): void {
    const keep = new Set<string>();
    if (this.layers.precision) {
      for (const w of wanted.values()) {
        const p = w.point;
        if (!p || p.precision === 'exact' || !(p.radiusM > 0)) continue;
        keep.add(p.id);
        const sig = `${p.lat}|${p.lng}|${p.radiusM}|${p.colour}|${p.faded ? 1 : 0}`;
        const have = this.circles.get(p.id);
        if (have?.sig === sig) continue;
        have?.layer.remove();
        const layer = L.circle([p.lat, p.lng], {
          renderer: this.overlay,
          radius: p.radiusM,
          color: p.colour,
          weight: 1.5,
          opacity: p.faded ? 0.3 : 0.8,
          dashArray: '4 4',
          fillColor: p.colour,
          fillOpacity: p.faded ? 0.03 : 0.08,
          interactive: false,
        }).addTo(this.map);
        layer.bringToBack();
        this.circles.set(p.id, { layer, sig });
      }
    }
    for (const [id, c] of this.circles) {
      if (keep.has(id)) continue;
      c.layer.remove();
      this.circles.delete(id);
    }
  }

  private areaStyle(id: string): L.PathOptions {
    const p = this.points.find((q) => q.id === id);
    const selected = this.selected.has(id);
    return { color: selected ? '#ffbf47' : (p?.colour ?? '#c0620a'), weight: selected ? 5 : 2.5, opacity: p?.faded && !selected ? 0.35 : 0.9, fillOpacity: p?.faded ? 0.05 : 0.15, fillColor: p?.colour ?? '#c0620a' };
  }

  private updateAreas(): void {
    const keep = new Set<string>();
    for (const p of this.points) {
      const a = p.area;
      if (!a) continue;
      const sig = JSON.stringify(a) + p.colour + (p.faded ? 1 : 0);
      keep.add(p.id);
      const have = this.areas.get(p.id);
      if (have?.sig === sig) continue;
      have?.layer.remove();
      const opts = { renderer: this.overlay, ...this.areaStyle(p.id) };
      let layer: L.Path;
      if (a.shape === 'circle') {
        if (!finite(a.centre) || !(a.radiusM > 0)) continue;
        layer = L.circle([a.centre.lat, a.centre.lng], { ...opts, radius: a.radiusM });
      } else {
        const ring = a.points.filter(finite).map((q) => L.latLng(q.lat, q.lng));
        if (ring.length < 3) continue;
        layer = L.polygon(ring, opts);
      }
      const id = p.id;
      layer.on('click', (e: L.LeafletMouseEvent) => {
        if (this.draw.active) return;
        L.DomEvent.stop(e.originalEvent);
        this.handlers().onSelect([id], additiveEvent(e.originalEvent));
      });
      layer.bindTooltip(`${p.label} (hot spot area)`, { sticky: true });
      layer.addTo(this.map);
      this.areas.set(p.id, { layer, sig, id });
    }
    for (const [id, a] of this.areas) {
      if (keep.has(id)) continue;
      a.layer.remove();
      this.areas.delete(id);
    }
  }
}

export { PLAIN_ICON };
