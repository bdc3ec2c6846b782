/**
 * The map as a PNG, drawn on a canvas of our own (not a screenshot: no tile, no foreign image, so the
 * canvas is never tainted and nothing is fetched): the current view's basemap (sea, coastline, force
 * areas) projected with the map's own projection, heat, crime events, links, circles of uncertainty, hot
 * spot areas, markers as kind-coloured icons (Path2D of the chart's icon paths) with role badges and
 * labels, a scale bar, a legend, the attributions of the bundled data, and the security marking at the
 * top and the bottom.
 *
 * The layout, legend rows, projection and scale bar are pure functions (tested); `mapToPng` draws.
 */
import type L from 'leaflet';
import { KIND_ICON_PATH } from '../components/icons';
import { areaToPolygon } from '../domain/geo/areas';
import { ENTITY_KINDS, KIND_LABEL, ROLE_LABEL, ROLES, type EntityKind, type Role } from '../domain/model';
import { KIND_COLOUR, ROLE_BADGE, ROLE_COLOUR } from '../graph/toElements';
import { COAST, COAST_STROKE, FORCE_AREAS, FORCE_STROKE, LAND_COLOUR, polygons, SEA_COLOUR } from './basemap';
import { GEO_ATTRIBUTIONS } from './data/attribution';
import { heatRampFor, paintHeat } from './heatLayer';
import { buildClusterIndex, EVENT_CLUSTER, queryClusterIndex, type ClusterBubble } from './clusterCore';
import { clusterDiameter, EVENT_COLOUR, EVENT_ICON_PATH, formatCount, LABEL_ZOOM, LINK_DASH } from './markers';
import { packPoints, projectPacked, worldScale } from './projection';
import type { HeatInput, MapEvent, MapLayers, MapLinkLine, MapPoint } from './types';

export interface MapLegendRow {
  kind: 'marker' | 'badge' | 'precision' | 'area' | 'line' | 'dot' | 'cluster' | 'heat' | 'force';
  colour: string;
  label: string;
  /** 'marker': the icon path (24x24). */
  icon?: string;
  /** 'badge': the role badge text. */
  badge?: string;
  /** 'line': Leaflet / canvas dash pattern ("9 6"); none for solid. */
  dash?: string;
  /** 'heat': which ramp. */
  heat?: HeatInput['id'];
}

const LINK_LEGEND: Record<MapLinkLine['strength'], string> = {
  strong: 'Link graded A/B (5x5x5 1/2)',
  medium: 'Link graded C/D (3/4)',
  weak: 'Link graded E, 5 or ungraded',
};

/** The legend of what is on the map: only the kinds, roles and layers present. */
export function mapLegendRows(input: {
  points: readonly MapPoint[];
  heat?: readonly HeatInput[];
  links?: readonly MapLinkLine[];
  events?: readonly unknown[];
  layers?: Partial<MapLayers>;
}): MapLegendRow[] {
  const layers = input.layers ?? {};
  const rows: MapLegendRow[] = [];
  const kinds = new Set(input.points.map((p) => p.kind));
  for (const k of ENTITY_KINDS) if (kinds.has(k)) rows.push({ kind: 'marker', colour: KIND_COLOUR[k], label: KIND_LABEL[k], icon: KIND_ICON_PATH[k] });
  if (kinds.has('event')) rows.push({ kind: 'marker', colour: EVENT_COLOUR, label: 'Crime event', icon: EVENT_ICON_PATH });
  const roles = new Set(input.points.map((p) => p.role).filter((r): r is Role => !!r));
  for (const r of ROLES) if (roles.has(r)) rows.push({ kind: 'badge', colour: ROLE_COLOUR[r], label: ROLE_LABEL[r], badge: ROLE_BADGE[r] });
  if (layers.precision !== false && input.points.some((p) => p.precision !== 'exact' && p.radiusM > 0))
    rows.push({ kind: 'precision', colour: '#5b6575', label: 'Probable area of a place not known exactly' });
  if (input.points.some((p) => p.area)) rows.push({ kind: 'area', colour: KIND_COLOUR.hotspot, label: 'Hot spot area' });
  if (layers.links !== false && input.links?.length) {
    const strengths = new Set(input.links.map((l) => l.strength));
    for (const s of ['strong', 'medium', 'weak'] as const) if (strengths.has(s)) rows.push({ kind: 'line', colour: '#3d4654', label: LINK_LEGEND[s], ...(LINK_DASH[s] ? { dash: LINK_DASH[s] } : {}) });
  }
  if (layers.events !== false && input.events?.length) {
    rows.push({ kind: 'dot', colour: EVENT_COLOUR, label: `Crime event (${input.events.length.toLocaleString('en-GB')})` });
    if (layers.clusters !== false && input.events.length > 1) rows.push({ kind: 'cluster', colour: EVENT_COLOUR, label: 'Crime events close together (number)' });
  }
  for (const h of input.heat ?? [])
    rows.push({ kind: 'heat', colour: '', heat: h.id, label: h.id === 'events' ? 'Crime density (light few, dark many)' : 'Intel density (light few, dark many)' });
  if (layers.forceAreas !== false) rows.push({ kind: 'force', colour: FORCE_STROKE, label: 'Police force area boundary' });
  return rows;
}

// ---------------------------------------------------------------- layout

export interface ExportLayout {
  width: number;
  height: number;
  /** Size unit: 1 at 1,400 px wide. */
  u: number;
  /** Export pixels per map (CSS) pixel. */
  k: number;
  map: { x: number; y: number; w: number; h: number };
  legend: { x: number; y: number; w: number; rowH: number };
  titleY: number;
  attributionY: number;
  markingTopY: number;
  markingBottomY: number;
}

/** Where everything goes for a view of `mapSize` CSS pixels exported `width` pixels wide. */
export function exportLayout(mapSize: { x: number; y: number }, width: number, legendRows: number, attributionLines: number): ExportLayout {
  const W = Math.max(600, Math.min(8000, Math.round(width)));
  const u = W / 1400;
  const pad = 20 * u;
  const legendW = 330 * u;
  const banner = 40 * u;
  const title = 34 * u;
  const mapW = W - legendW - 3 * pad;
  const k = mapW / Math.max(1, mapSize.x);
  const mapH = Math.max(1, mapSize.y) * k;
  const rowH = 26 * u;
  const legendH = (legendRows + 1.5) * rowH;
  const attrH = (attributionLines + 0.5) * 15 * u;
  const top = banner + title;
  const body = Math.max(mapH, legendH);
  const height = Math.ceil(top + body + pad + attrH + banner);
  return {
    width: W,
    height,
    u,
    k,
    map: { x: pad, y: top, w: mapW, h: mapH },
    legend: { x: pad * 2 + mapW, y: top, w: legendW, rowH },
    titleY: banner + title * 0.62,
    attributionY: top + body + pad,
    markingTopY: banner * 0.68,
    markingBottomY: height - banner * 0.32,
  };
}

/** The map methods the export uses. */
export type ExportMapView = Pick<L.Map, 'getSize' | 'getZoom' | 'getCenter' | 'getBounds' | 'getPixelOrigin' | 'containerPointToLayerPoint' | 'latLngToContainerPoint'>;

/** (lat, lng) -> export pixels inside the map box (0, 0 = its top left). */
export function exportProjector(map: ExportMapView, k: number): (lat: number, lng: number) => [number, number] {
  return (lat, lng) => {
    const p = map.latLngToContainerPoint([lat, lng]);
    return [p.x * k, p.y * k];
  };
}

const EARTH_CIRCUMFERENCE_M = 40075016.686;

/** Metres per CSS pixel at a latitude and zoom (Web Mercator). */
export function metresPerPixel(lat: number, zoom: number): number {
  return (EARTH_CIRCUMFERENCE_M * Math.cos((lat * Math.PI) / 180)) / worldScale(zoom);
}

/** A scale bar of a round length (1, 2 or 5 x 10^n metres) at most `maxPx` pixels long. */
export function scaleBar(metresPerPx: number, maxPx: number): { metres: number; px: number; label: string } {
  const maxM = metresPerPx * maxPx;
  const pow = 10 ** Math.floor(Math.log10(Math.max(maxM, 1e-9)));
  const metres = [5, 2, 1].map((f) => f * pow).find((m) => m <= maxM) ?? pow;
  return { metres, px: metres / metresPerPx, label: metres >= 1000 ? `${metres / 1000} km` : `${metres} m` };
}

/** Splits text into lines no wider than `max` by `measure`. */
export function wrapText(text: string, max: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && measure(next) > max) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

// ---------------------------------------------------------------- drawing

export interface MapExportOptions {
  points: readonly MapPoint[];
  heat?: readonly HeatInput[];
  events?: readonly MapEvent[];
  links?: readonly MapLinkLine[];
  layers?: Partial<MapLayers>;
  /** Security marking, at the top and the bottom. */
  marking: string;
  title: string;
  /** Default: mapLegendRows of what is drawn. */
  legend?: readonly MapLegendRow[];
  /** Pixels (600-8,000; default 2,400). */
  width?: number;
  /** Attribution lines (default: the bundled data's; add the tile server's or the postcode file's). */
  attribution?: readonly string[];
  /** Ids to draw with the selection ring. */
  selected?: readonly string[];
}

const FONT = 'Arial, Helvetica, sans-serif';
/** More crime events than this in view are drawn clustered (when the clusters layer is on). */
const CLUSTER_EVENTS_ABOVE = 1500;
/** Every marker is labelled when at most this many are in view (or zoomed in to LABEL_ZOOM). */
const LABELS_UP_TO = 60;

function iconPathOf(kind: MapPoint['kind']): string {
  return kind === 'event' ? EVENT_ICON_PATH : KIND_ICON_PATH[kind as EntityKind];
}

/** Draws the export onto a new canvas and returns it (mapToPng encodes it). */
export function renderMapExport(map: ExportMapView, opts: MapExportOptions): HTMLCanvasElement {
  const layers = opts.layers ?? {};
  const legend = opts.legend ?? mapLegendRows({ points: opts.points, heat: opts.heat ?? [], links: opts.links ?? [], events: opts.events ?? [], layers });
  const attribution = [...(opts.attribution ?? GEO_ATTRIBUTIONS)];
  const canvas = document.createElement('canvas');
  const measureCtx = canvas.getContext('2d');
  if (!measureCtx) throw new Error('This browser cannot draw the map picture (no 2D canvas).');
  // Attribution lines depend on the width: lay out once to know it, wrap, then lay out for good.
  const width = Math.max(600, Math.min(8000, Math.round(opts.width ?? 2400)));
  const u0 = width / 1400;
  measureCtx.font = `${11 * u0}px ${FONT}`;
  const attrLines = attribution.flatMap((a) => wrapText(a, width - 40 * u0, (s) => measureCtx.measureText(s).width));
  const L0 = exportLayout(map.getSize(), width, legend.length, attrLines.length);
  canvas.width = L0.width;
  canvas.height = L0.height;
  const ctx = canvas.getContext('2d')!;
  const { u, k } = L0;
  const project = exportProjector(map, k);

  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, L0.width, L0.height);
  // Marking and title.
  ctx.fillStyle = '#000000';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'alphabetic';
  ctx.font = `bold ${20 * u}px ${FONT}`;
  ctx.fillText(opts.marking, L0.width / 2, L0.markingTopY);
  ctx.fillText(opts.marking, L0.width / 2, L0.markingBottomY);
  ctx.textAlign = 'left';
  ctx.font = `bold ${17 * u}px ${FONT}`;
  ctx.fillText(opts.title, L0.map.x, L0.titleY);

  // ---- the map box
  const box = L0.map;
  ctx.save();
  ctx.beginPath();
  ctx.rect(box.x, box.y, box.w, box.h);
  ctx.clip();
  ctx.translate(box.x, box.y);
  ctx.fillStyle = SEA_COLOUR;
  ctx.fillRect(0, 0, box.w, box.h);

  const ring = (coords: number[][]): void => {
    coords.forEach((c, i) => {
      const [x, y] = project(c[1]!, c[0]!);
      if (i === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    });
    ctx.closePath();
  };
  ctx.fillStyle = LAND_COLOUR;
  ctx.strokeStyle = COAST_STROKE;
  ctx.lineWidth = 0.8 * u;
  for (const poly of polygons(COAST)) {
    ctx.beginPath();
    poly.forEach(ring);
    ctx.fill('evenodd');
    ctx.stroke();
  }
  if (layers.forceAreas !== false) {
    ctx.strokeStyle = FORCE_STROKE;
    ctx.globalAlpha = 0.75;
    ctx.lineWidth = 1.2 * u;
    ctx.setLineDash([5 * u, 4 * u]);
    for (const poly of polygons(FORCE_AREAS)) {
      ctx.beginPath();
      poly.forEach(ring);
      ctx.stroke();
    }
    ctx.setLineDash([]);
    ctx.globalAlpha = 1;
  }

  // Heat: the same grid as on screen, in export pixels.
  const zoom = map.getZoom();
  const topLeft = map.containerPointToLayerPoint([0, 0]).add(map.getPixelOrigin());
  const frame = { originX: topLeft.x * k, originY: topLeft.y * k, scale: worldScale(zoom) * k, width: Math.ceil(box.w), height: Math.ceil(box.h) };
  for (const h of opts.heat ?? []) {
    const packed = packPoints(h.points);
    paintHeat(ctx, projectPacked(packed, frame), packed.weights, frame.width, frame.height, heatRampFor(h.id), { cellSize: 8 * k });
  }

  // Crime events as on screen: clustered when many are in view, the rest as dots.
  const bubbles: ClusterBubble[] = [];
  if (layers.events !== false && opts.events?.length) {
    const events = opts.events;
    const packed = packPoints(events);
    const { xs, ys } = projectPacked(packed, frame);
    const r = 4 * k;
    const inView = (i: number): boolean => xs[i]! > -r && ys[i]! > -r && xs[i]! < box.w + r && ys[i]! < box.h + r;
    let shown: ArrayLike<number> | null = null;
    let count = 0;
    for (let i = 0; i < packed.n; i++) if (inView(i)) count++;
    if (layers.clusters !== false && count > CLUSTER_EVENTS_ABOVE) {
      const index = buildClusterIndex(Float64Array.from(events, (e) => e.lng), Float64Array.from(events, (e) => e.lat), EVENT_CLUSTER);
      const b = map.getBounds();
      const q = queryClusterIndex(index, [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], zoom);
      bubbles.push(...q.clusters);
      shown = q.points;
    }
    ctx.fillStyle = EVENT_COLOUR;
    ctx.strokeStyle = '#ffffff';
    ctx.lineWidth = 1.5 * k;
    const dot = (i: number): void => {
      if (!inView(i)) return;
      ctx.beginPath();
      ctx.arc(xs[i]!, ys[i]!, r, 0, Math.PI * 2);
      ctx.fill();
      ctx.stroke();
    };
    if (shown) for (let j = 0; j < shown.length; j++) dot(shown[j]!);
    else for (let i = 0; i < packed.n; i++) dot(i);
  }

  // Links.
  if (layers.links !== false)
    for (const l of opts.links ?? []) {
      const [x1, y1] = project(l.from[0], l.from[1]);
      const [x2, y2] = project(l.to[0], l.to[1]);
      const dash = LINK_DASH[l.strength];
      ctx.setLineDash(dash ? dash.split(' ').map((d) => Number(d) * k) : []);
      ctx.strokeStyle = '#3d4654';
      ctx.globalAlpha = 0.85;
      ctx.lineWidth = 2.5 * k;
      ctx.beginPath();
      ctx.moveTo(x1, y1);
      ctx.lineTo(x2, y2);
      ctx.stroke();
    }
  ctx.setLineDash([]);
  ctx.globalAlpha = 1;

  // Circles of uncertainty and hot spot areas.
  for (const p of opts.points) {
    if (layers.precision === false || p.precision === 'exact' || !(p.radiusM > 0)) continue;
    const [x, y] = project(p.lat, p.lng);
    const r = (p.radiusM / metresPerPixel(p.lat, zoom)) * k;
    ctx.beginPath();
    ctx.arc(x, y, r, 0, Math.PI * 2);
    ctx.fillStyle = p.colour;
    ctx.globalAlpha = 0.08;
    ctx.fill();
    ctx.globalAlpha = 0.8;
    ctx.setLineDash([4 * k, 4 * k]);
    ctx.strokeStyle = p.colour;
    ctx.lineWidth = 1.5 * k;
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.globalAlpha = 1;
  }
  for (const p of opts.points) {
    if (!p.area) continue;
    ctx.beginPath();
    areaToPolygon(p.area, 96).forEach((q, i) => {
      const [x, y] = project(q.lat, q.lng);
      if (i === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    });
    ctx.closePath();
    ctx.fillStyle = p.colour;
    ctx.globalAlpha = 0.15;
    ctx.fill();
    ctx.globalAlpha = 0.9;
    ctx.strokeStyle = p.colour;
    ctx.lineWidth = 2.5 * k;
    ctx.stroke();
    ctx.globalAlpha = 1;
  }

  // Crime-event clusters, under the entities.
  for (const c of bubbles) {
    const [x, y] = project(c.lat, c.lng);
    const d = clusterDiameter(c.count) * k;
    ctx.beginPath();
    ctx.arc(x, y, d / 2, 0, Math.PI * 2);
    ctx.fillStyle = 'rgba(74, 20, 140, 0.78)';
    ctx.fill();
    ctx.lineWidth = 2 * k;
    ctx.strokeStyle = 'rgba(255,255,255,0.9)';
    ctx.stroke();
    ctx.fillStyle = '#ffffff';
    ctx.font = `bold ${13 * k}px ${FONT}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(formatCount(c.count), x, y);
  }

  // Markers, then their labels (on top of every marker).
  const selected = new Set(opts.selected ?? []);
  const placed: { p: MapPoint; x: number; y: number }[] = [];
  for (const p of opts.points) {
    const [x, y] = project(p.lat, p.lng);
    if (x < -40 * k || y < -40 * k || x > box.w + 40 * k || y > box.h + 40 * k) continue;
    placed.push({ p, x, y });
    drawMarker(ctx, p, x, y, k, selected.has(p.id));
  }
  ctx.font = `600 ${12 * k}px ${FONT}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  ctx.lineJoin = 'round';
  // Labels as on screen: all of them when zoomed in or few are in view, else only the selected ones'.
  const allLabels = zoom >= LABEL_ZOOM || placed.length <= LABELS_UP_TO;
  for (const { p, x, y } of placed) {
    if (!allLabels && !selected.has(p.id)) continue;
    ctx.globalAlpha = p.faded ? 0.4 : 1;
    ctx.strokeStyle = 'rgba(255,255,255,0.95)';
    ctx.lineWidth = 4 * k;
    ctx.strokeText(p.label, x, y + 18 * k);
    ctx.fillStyle = '#1b1f24';
    ctx.fillText(p.label, x, y + 18 * k);
  }
  ctx.globalAlpha = 1;

  // Scale bar, bottom left of the map.
  const bar = scaleBar(metresPerPixel(map.getCenter().lat, zoom), 120);
  const bx = 12 * u;
  const by = box.h - 14 * u;
  const bw = bar.px * k;
  ctx.fillStyle = 'rgba(255,255,255,0.85)';
  ctx.fillRect(bx - 6 * u, by - 22 * u, bw + 12 * u + 60 * u, 30 * u);
  ctx.strokeStyle = '#1b1f24';
  ctx.lineWidth = 2 * u;
  ctx.beginPath();
  ctx.moveTo(bx, by - 6 * u);
  ctx.lineTo(bx, by);
  ctx.lineTo(bx + bw, by);
  ctx.lineTo(bx + bw, by - 6 * u);
  ctx.stroke();
  ctx.fillStyle = '#1b1f24';
  ctx.font = `${12 * u}px ${FONT}`;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  ctx.fillText(bar.label, bx + bw + 6 * u, by);
  ctx.restore();

  ctx.strokeStyle = '#5b6575';
  ctx.lineWidth = 1.5 * u;
  ctx.strokeRect(box.x, box.y, box.w, box.h);

  // ---- legend
  const lg = L0.legend;
  ctx.fillStyle = '#1b1f24';
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.font = `bold ${15 * u}px ${FONT}`;
  ctx.fillText('Legend', lg.x, lg.y + lg.rowH * 0.5);
  legend.forEach((row, i) => drawLegendRow(ctx, row, lg.x, lg.y + lg.rowH * (i + 1.5), u, lg.w));

  // ---- attribution
  ctx.fillStyle = '#4a5361';
  ctx.font = `${11 * u}px ${FONT}`;
  ctx.textBaseline = 'top';
  attrLines.forEach((line, i) => ctx.fillText(line, L0.map.x, L0.attributionY + i * 15 * u));
  return canvas;
}

function drawMarker(ctx: CanvasRenderingContext2D, p: MapPoint, x: number, y: number, k: number, selected: boolean): void {
  const r = 15 * k;
  ctx.save();
  ctx.globalAlpha = p.faded && !selected ? 0.35 : 1;
  ctx.beginPath();
  if (p.kind === 'person') ctx.arc(x, y, r, 0, Math.PI * 2);
  else ctx.roundRect(x - r, y - r, 2 * r, 2 * r, 8 * k);
  if (selected) {
    ctx.lineWidth = 12 * k;
    ctx.strokeStyle = '#ffbf47';
    ctx.stroke();
  }
  ctx.fillStyle = '#ffffff';
  ctx.fill();
  ctx.lineWidth = 3 * k;
  ctx.strokeStyle = p.colour;
  ctx.stroke();
  ctx.translate(x - 10 * k, y - 10 * k);
  ctx.scale((20 * k) / 24, (20 * k) / 24);
  ctx.fillStyle = p.colour;
  ctx.fill(new Path2D(iconPathOf(p.kind)));
  ctx.restore();
  if (p.role) drawBadge(ctx, ROLE_BADGE[p.role], ROLE_COLOUR[p.role], x + 19 * k - (ROLE_BADGE[p.role].length > 1 ? 8.5 : 6.5) * k, y - 13.5 * k, k, p.faded && !selected ? 0.35 : 1);
}

/** A role badge centred on (cx, cy). */
function drawBadge(ctx: CanvasRenderingContext2D, text: string, colour: string, cx: number, cy: number, k: number, alpha = 1): void {
  const w = (text.length > 1 ? 17 : 13) * k;
  const h = 13 * k;
  ctx.save();
  ctx.globalAlpha = alpha;
  ctx.beginPath();
  ctx.roundRect(cx - w / 2, cy - h / 2, w, h, h / 2);
  ctx.fillStyle = colour;
  ctx.fill();
  ctx.lineWidth = 1.2 * k;
  ctx.strokeStyle = '#ffffff';
  ctx.stroke();
  ctx.fillStyle = '#ffffff';
  ctx.font = `bold ${10 * k}px ${FONT}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(text, cx, cy + 0.5 * k);
  ctx.restore();
}

function drawLegendRow(ctx: CanvasRenderingContext2D, row: MapLegendRow, x: number, y: number, u: number, w: number): void {
  const sx = x + 14 * u;
  ctx.save();
  switch (row.kind) {
    case 'marker': {
      const r = 11 * u;
      ctx.beginPath();
      if (row.icon === KIND_ICON_PATH.person) ctx.arc(sx, y, r, 0, Math.PI * 2);
      else ctx.roundRect(sx - r, y - r, 2 * r, 2 * r, 6 * u);
      ctx.fillStyle = '#ffffff';
      ctx.fill();
      ctx.lineWidth = 2.2 * u;
      ctx.strokeStyle = row.colour;
      ctx.stroke();
      ctx.translate(sx - 7.5 * u, y - 7.5 * u);
      ctx.scale((15 * u) / 24, (15 * u) / 24);
      ctx.fillStyle = row.colour;
      if (row.icon) ctx.fill(new Path2D(row.icon));
      break;
    }
    case 'badge':
      drawBadge(ctx, row.badge ?? '', row.colour, sx, y, u * 1.1);
      break;
    case 'precision':
    case 'area':
      ctx.beginPath();
      ctx.arc(sx, y, 10 * u, 0, Math.PI * 2);
      ctx.fillStyle = row.colour;
      ctx.globalAlpha = row.kind === 'area' ? 0.2 : 0.1;
      ctx.fill();
      ctx.globalAlpha = 0.9;
      ctx.strokeStyle = row.colour;
      ctx.lineWidth = (row.kind === 'area' ? 2.5 : 1.5) * u;
      if (row.kind === 'precision') ctx.setLineDash([3 * u, 3 * u]);
      ctx.stroke();
      break;
    case 'line':
    case 'force':
      ctx.beginPath();
      ctx.moveTo(sx - 12 * u, y);
      ctx.lineTo(sx + 12 * u, y);
      ctx.strokeStyle = row.colour;
      ctx.lineWidth = (row.kind === 'force' ? 1.5 : 2.5) * u;
      ctx.setLineDash(row.kind === 'force' ? [5 * u, 4 * u] : row.dash ? row.dash.split(' ').map((d) => Number(d) * u) : []);
      ctx.stroke();
      break;
    case 'cluster':
      ctx.beginPath();
      ctx.arc(sx, y, 11 * u, 0, Math.PI * 2);
      ctx.fillStyle = 'rgba(74, 20, 140, 0.78)';
      ctx.fill();
      ctx.fillStyle = '#ffffff';
      ctx.font = `bold ${10 * u}px ${FONT}`;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText('12', sx, y + 0.5 * u);
      break;
    case 'dot':
      ctx.beginPath();
      ctx.arc(sx, y, 4.5 * u, 0, Math.PI * 2);
      ctx.fillStyle = row.colour;
      ctx.fill();
      break;
    case 'heat': {
      const ramp = heatRampFor(row.heat ?? 'events');
      const steps = ramp.length / 4;
      const gw = 28 * u;
      for (let i = 0; i < gw; i++) {
        const j = Math.round((i / gw) * (steps - 1)) * 4;
        ctx.fillStyle = `rgba(${ramp[j]}, ${ramp[j + 1]}, ${ramp[j + 2]}, ${Math.max(0.15, ramp[j + 3]! / 255)})`;
        ctx.fillRect(sx - 14 * u + i, y - 7 * u, 1.5, 14 * u);
      }
      break;
    }
  }
  ctx.restore();
  ctx.fillStyle = '#1b1f24';
  ctx.font = `${13 * u}px ${FONT}`;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  const label = wrapText(row.label, w - 40 * u, (s) => ctx.measureText(s).width);
  // A long label is cut to one line with an ellipsis (the legend keeps one row per entry).
  ctx.fillText(label.length > 1 ? `${label[0]}…` : (label[0] ?? ''), x + 34 * u, y);
}

/** The map's current view as a PNG (see the file comment). */
export function mapToPng(map: ExportMapView, opts: MapExportOptions): Promise<Blob> {
  const canvas = renderMapExport(map, opts);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The browser could not make the PNG (the picture may be too large: try a smaller width).'))), 'image/png'),
  );
}

