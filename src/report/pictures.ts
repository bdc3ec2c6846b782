/**
 * The pictures of the report's chart and map inserts, drawn by the app for one recipient profile (from the
 * data that profile may see: recipientData), as PNG data URLs. PNG is used for every format: the HTML
 * (and so the PDF) and the .docx embed the same picture; Word cannot show an SVG data URL.
 *
 * - A chart view: the saved view's entities at their saved positions (src/services/walls.ts; an entity
 *   never placed on the chart yet goes on a ring around the others), drawn by the chart's own SVG
 *   exporter (chartToSvg: legend, security marking top and bottom), young people by pseudonym and
 *   victim-side places generalised to their postcode district (the report's namer), then rasterised on an
 *   offscreen canvas.
 * - A map view: the workspace's located places (optionally with the people placed at them) drawn by the
 *   map's PNG exporter (renderMapExport: bundled basemap, force areas, legend, scale bar, attributions,
 *   marking) on a view fitted to what is drawn, with a Web Mercator view of our own instead of a live
 *   Leaflet map; victim-side places by postcode district, young people by pseudonym.
 *
 * Pictures are cached per insert, profile and workspace version (drawing the demo's main wall takes
 * a few hundred milliseconds).
 */
import { DEMO_DISTRICTS } from '../domain/demo';
import { outcodeTableLookup, type GeoLookups } from '../domain/geo/geocode';
import type { Entity, Id, IntelItem, Link } from '../domain/model';
import { makeNamer, youngPersonPseudonyms, type ReportData } from '../domain/report/figures';
import type { Insert, Report } from '../domain/report/model';
import { recipientData, type RecipientProfileId } from '../domain/report/recipients';
import { chartToSvg, type PlacedNode } from '../graph/exportChart';
import { NO_FILTER, toChartElements } from '../graph/toElements';
import outcodeTable from '../map/data/outcodes.json';
import { renderMapExport, type ExportMapView } from '../map/exportMap';
import { buildMapModel } from '../map/mapData';
import { mercatorX, mercatorY, latFromMercatorY, worldScale } from '../map/projection';
import type { ChartViewRecord } from '../services/walls';

export interface Picture {
  dataUrl: string;
  width: number;
  height: number;
}

/** The built-in map views a report can insert (the map has no saved views of its own yet). */
export const MAP_VIEWS: readonly { id: string; name: string; people: boolean }[] = [
  { id: 'places', name: 'Hot spots, businesses and addresses', people: false },
  { id: 'places-people', name: 'Places and the people linked to them', people: true },
];

const MAX_PNG_WIDTH = 2400;
const MAX_PNG_HEIGHT = 3200;

/** An SVG document drawn on an offscreen canvas: a PNG data URL at most 2,400 px wide. */
export async function svgToPng(svg: string, maxWidth = MAX_PNG_WIDTH): Promise<Picture> {
  const m = svg.match(/<svg[^>]*\bwidth="([\d.]+)"[^>]*\bheight="([\d.]+)"/);
  const w = Number(m?.[1] ?? 800);
  const h = Number(m?.[2] ?? 600);
  // Small charts are drawn at up to twice their size, so that they print sharp.
  const scale = Math.min(2, maxWidth / w, MAX_PNG_HEIGHT / h);
  const width = Math.max(1, Math.round(w * scale));
  const height = Math.max(1, Math.round(h * scale));
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const g = canvas.getContext('2d');
    if (!g) throw new Error('This browser cannot draw the picture (no 2D canvas).');
    g.fillStyle = '#ffffff';
    g.fillRect(0, 0, width, height);
    g.drawImage(img, 0, 0, width, height);
    return { dataUrl: canvas.toDataURL('image/png'), width, height };
  } finally {
    URL.revokeObjectURL(url);
  }
}

function maps(data: ReportData): { entities: Map<Id, Entity>; items: Map<Id, IntelItem>; links: Link[] } {
  return { entities: new Map(data.entities.map((e) => [e.id, e])), items: new Map(data.items.map((i) => [i.id, i])), links: [...data.links] };
}

/**
 * The saved chart view as an SVG (legend and marking), from `data` (a profile's view of the workspace),
 * young people by pseudonym, victim-side places generalised. `pseudonyms` are the whole workspace's.
 */
export function chartViewSvg(view: Pick<ChartViewRecord, 'nodes' | 'positions' | 'groups' | 'name'>, data: ReportData, pseudonyms: ReadonlyMap<Id, string>, marking: string, title: string): string {
  const { entities, items, links } = maps(data);
  const { nodes, edges } = toChartElements(view.nodes, entities, links, items, { pseudonymise: true, pseudonyms, aggregate: true });
  const namer = makeNamer({ entities: data.entities.filter((e) => !e.mergedInto), links: data.links }, pseudonyms);
  const placed = nodes.filter((n) => view.positions[n.id]);
  const unplaced = nodes.filter((n) => !view.positions[n.id]);
  // Entities never laid out on the chart: on a ring around the others (or a circle of their own).
  const xs = placed.map((n) => view.positions[n.id]!.x);
  const ys = placed.map((n) => view.positions[n.id]!.y);
  const cx = xs.length ? (Math.min(...xs) + Math.max(...xs)) / 2 : 0;
  const cy = ys.length ? (Math.min(...ys) + Math.max(...ys)) / 2 : 0;
  const inner = xs.length ? Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)) / 2 + 120 : 0;
  const radius = Math.max(inner, (unplaced.length * 90) / (2 * Math.PI), 120);
  const at = (n: (typeof nodes)[number], i: number): { x: number; y: number } =>
    view.positions[n.id] ?? { x: cx + radius * Math.cos((2 * Math.PI * i) / Math.max(1, unplaced.length)), y: cy + radius * Math.sin((2 * Math.PI * i) / Math.max(1, unplaced.length)) };
  const out: PlacedNode[] = [...placed.map((n) => ({ ...n, ...at(n, 0) })), ...unplaced.map((n, i) => ({ ...n, ...at(n, i) }))].map((n) => {
    const e = entities.get(n.id);
    return e ? { ...n, label: namer.name(e) } : n;
  });
  return chartToSvg(out, edges, { marking, title, groups: (view.groups ?? []).filter((g) => !g.collapsed) });
}

// ---------------------------------------------------------------- map pictures

const outcodeLookup = outcodeTableLookup({ ...(outcodeTable as Record<string, number[]>), ...DEMO_DISTRICTS });
const LOOKUPS: GeoLookups = { fullPostcode: () => undefined, outcode: outcodeLookup };

interface Pt {
  x: number;
  y: number;
  add(p: { x: number; y: number }): Pt;
}
const pt = (x: number, y: number): Pt => ({ x, y, add: (p) => pt(x + p.x, y + p.y) });

/**
 * A fixed Web Mercator view of `size` CSS pixels fitted to the points (what the map export needs of a
 * Leaflet map, without one).
 */
export function fittedView(points: readonly { lat: number; lng: number }[], size = { x: 1000, y: 720 }): ExportMapView {
  const mx = points.map((p) => mercatorX(p.lng));
  const my = points.map((p) => mercatorY(p.lat));
  const x0 = mx.length ? Math.min(...mx) : mercatorX(-1.5);
  const x1 = mx.length ? Math.max(...mx) : mercatorX(-1.5);
  const y0 = my.length ? Math.min(...my) : mercatorY(53);
  const y1 = my.length ? Math.max(...my) : mercatorY(53);
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  // 8% margin each side; at most street level (zoom 16), at least a county (zoom 8).
  const fit = Math.min((size.x * 0.84) / Math.max(1e-9, (x1 - x0) * 256), (size.y * 0.84) / Math.max(1e-9, (y1 - y0) * 256));
  const zoom = Math.max(8, Math.min(16, Math.log2(fit)));
  const S = worldScale(zoom);
  const origin = pt(cx * S - size.x / 2, cy * S - size.y / 2);
  const toLatLng = (x: number, y: number) => ({ lat: latFromMercatorY((origin.y + y) / S), lng: ((origin.x + x) / S) * 360 - 180 });
  const view = {
    getSize: () => pt(size.x, size.y),
    getZoom: () => zoom,
    getCenter: () => toLatLng(size.x / 2, size.y / 2),
    getBounds: () => {
      const nw = toLatLng(0, 0);
      const se = toLatLng(size.x, size.y);
      return { getWest: () => nw.lng, getEast: () => se.lng, getNorth: () => nw.lat, getSouth: () => se.lat };
    },
    getPixelOrigin: () => origin,
    containerPointToLayerPoint: (p: [number, number] | { x: number; y: number }) => (Array.isArray(p) ? pt(p[0], p[1]) : pt(p.x, p.y)),
    latLngToContainerPoint: (ll: [number, number] | { lat: number; lng: number }) => {
      const [lat, lng] = Array.isArray(ll) ? ll : [ll.lat, ll.lng];
      return pt(mercatorX(lng) * S - origin.x, mercatorY(lat) * S - origin.y);
    },
  };
  // Only the methods above are used by the export (ExportMapView picks them from L.Map).
  return view as unknown as ExportMapView;
}

function distanceM(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const x = (b.lng - a.lng) * rad * Math.cos(((a.lat + b.lat) / 2) * rad);
  const y = (b.lat - a.lat) * rad;
  return Math.hypot(x, y) * 6_371_000;
}

/** The map of the workspace's places as `data` shows them, as a PNG. */
export async function mapViewPicture(data: ReportData, pseudonyms: ReadonlyMap<Id, string>, people: boolean, marking: string, title: string): Promise<Picture> {
  const { entities, items, links } = maps(data);
  const model = buildMapModel(entities, links, items, LOOKUPS, { filter: NO_FILTER, fade: false, agenciesOf: () => [], pseudonyms, audience: 'district' });
  // Places known only to their district share one circle of uncertainty: drawn once, not once a place
  // (dozens of overlapping translucent circles would turn each district into a dark blob).
  const circles: { lat: number; lng: number; r: number }[] = [];
  const points = model.points
    .filter((p) => people || p.kind !== 'person')
    .map((p) => {
      if (p.precision === 'exact' || !(p.radiusM > 0)) return p;
      const near = circles.some((c) => c.r === p.radiusM && distanceM(c, p) < p.radiusM * 0.5);
      if (near) return { ...p, radiusM: 0 };
      circles.push({ lat: p.lat, lng: p.lng, r: p.radiusM });
      return p;
    });
  const ids = new Set(points.map((p) => p.id));
  const drawn = new Set(points.map((p) => `${p.lat},${p.lng}`));
  const lines = model.links.filter((l) => drawn.has(`${l.from[0]},${l.from[1]}`) && drawn.has(`${l.to[0]},${l.to[1]}`));
  const view = fittedView(points.filter((p) => ids.has(p.id)));
  const canvas = renderMapExport(view, { points, links: people ? lines : [], marking, title, width: 2000, layers: { clusters: false } });
  return { dataUrl: canvas.toDataURL('image/png'), width: canvas.width, height: canvas.height };
}

// ---------------------------------------------------------------- per insert and profile, cached

const cache = new Map<string, Promise<Picture | null>>();
const CACHE_LIMIT = 40;

function cached(key: string, make: () => Promise<Picture | null>): Promise<Picture | null> {
  const hit = cache.get(key);
  if (hit) return hit;
  const p = make().catch(() => null);
  cache.set(key, p);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  return p;
}

export interface PictureContext {
  data: ReportData;
  /** Bumps with every change of the workspace (the cache key). */
  version: number;
  views: readonly ChartViewRecord[];
  marking: string;
}

/** The picture of one chart or map insert for a profile (null: the view is gone or could not be drawn). */
export function insertPicture(report: Pick<Report, 'approvals'>, ins: Extract<Insert, { type: 'chart-view' | 'map-view' }>, profile: RecipientProfileId, ctx: PictureContext): Promise<Picture | null> {
  const view = ins.type === 'chart-view' ? ctx.views.find((v) => v.id === ins.viewId) : undefined;
  const viewKey = view ? JSON.stringify([view.nodes.length, view.positions[view.nodes[0] ?? ''], view.groups?.length ?? 0]) : '';
  const approvals = report.approvals.map((a) => a.itemId).join(',');
  const key = `${ins.id}|${ins.type === 'chart-view' ? ins.viewId : (ins.viewId ?? 'places')}|${profile}|${ctx.version}|${ctx.marking}|${approvals}|${viewKey}`;
  return cached(key, async () => {
    const scoped = recipientData(report, ctx.data, profile).data;
    const pseudonyms = youngPersonPseudonyms(ctx.data.entities);
    if (ins.type === 'chart-view') {
      if (!view) return null;
      return svgToPng(chartViewSvg(view, scoped, pseudonyms, ctx.marking, `Link chart: ${ins.name}`));
    }
    const people = MAP_VIEWS.find((m) => m.id === ins.viewId)?.people ?? false;
    return mapViewPicture(scoped, pseudonyms, people, ctx.marking, `Map: ${ins.name}`);
  });
}

/** Every chart and map picture of a draft for a profile, by insert id. */
export async function picturesFor(report: Report, profile: RecipientProfileId, ctx: PictureContext): Promise<Record<Id, Picture>> {
  const out: Record<Id, Picture> = {};
  for (const s of report.sections) {
    if (!s.included) continue;
    for (const ins of s.inserts) {
      if (ins.type === 'entity-table') continue;
      const p = await insertPicture(report, ins, profile, ctx);
      if (p) out[ins.id] = p;
    }
  }
  return out;
}

/** Data URLs only (what the renderers take). */
export function dataUrls(pictures: Readonly<Record<Id, Picture>>): Record<Id, string> {
  return Object.fromEntries(Object.entries(pictures).map(([id, p]) => [id, p.dataUrl]));
}
