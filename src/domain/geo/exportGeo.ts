/**
 * Map features -> GeoJSON (RFC 7946) and KML 2.2, for GIS tools and Google Earth. Both carry the
 * workspace's security marking: GeoJSON as a top-level `marking` member and on every feature's
 * properties (GIS tools keep properties but drop unknown top-level members); KML in the document's name
 * and description. Hot spot areas are exported as polygons (circles as 64-point polygons).
 *
 * Generalise first (generalise.ts) when the file is for an audience other than the analyst.
 */
import { KIND_PLURAL, ENTITY_KINDS, LINK_TYPE_LABEL, ROLE_LABEL, type EntityKind, type SecurityMarking } from '../model';
import { areaRing, areaSquareMetres } from './areas';
import { PRECISION_LABEL, type MapFeature } from './geocode';

export interface GeoExportOptions {
  marking: SecurityMarking;
  /** The map's title (workspace name and view). */
  title: string;
  /** ISO timestamp of the export. */
  generatedAt: string;
  /** Attribution lines of the data used (src/map/data/attribution.ts, the postcode file's). */
  attribution?: readonly string[];
}

const COORD_DP = 6;
const r = (x: number): number => Math.round(x * 10 ** COORD_DP) / 10 ** COORD_DP;

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** "Postcode (within about 100 m)". */
export function precisionText(f: MapFeature): string {
  const m = f.location.radiusM;
  const within = m >= 1000 ? `${(m / 1000).toFixed(m >= 10000 ? 0 : 1)} km` : `${Math.round(m)} m`;
  return `${PRECISION_LABEL[f.location.precision]} (within about ${within})`;
}

// ---------------------------------------------------------------- GeoJSON

export interface GeoJsonPoint {
  type: 'Point';
  coordinates: [number, number];
}
export interface GeoJsonPolygon {
  type: 'Polygon';
  coordinates: [number, number][][];
}
export interface GeoJsonFeature {
  type: 'Feature';
  id: string;
  geometry: GeoJsonPoint | GeoJsonPolygon;
  properties: Record<string, string | number | boolean | string[] | null>;
}
export interface GeoJsonExport {
  type: 'FeatureCollection';
  marking: SecurityMarking;
  title: string;
  generatedAt: string;
  attribution: string[];
  features: GeoJsonFeature[];
}

function properties(f: MapFeature, marking: SecurityMarking): GeoJsonFeature['properties'] {
  return {
    id: f.id,
    kind: f.kind,
    label: f.label,
    precision: f.location.precision,
    radiusM: Math.round(f.location.radiusM),
    roles: f.roles.slice(),
    sources: f.sources,
    generalised: f.generalised === true,
    ...(f.area ? { shape: f.area.shape, areaM2: Math.round(areaSquareMetres(f.area)) } : {}),
    ...(f.area?.shape === 'circle' ? { areaRadiusM: f.area.radiusM } : {}),
    ...(f.linkType ? { linkType: f.linkType } : {}),
    ...(f.placeId ? { placeId: f.placeId } : {}),
    marking,
  };
}

/** The features as a GeoJSON FeatureCollection (WGS84 [lng, lat], 6 dp). */
export function toGeoJson(features: readonly MapFeature[], options: GeoExportOptions): GeoJsonExport {
  return {
    type: 'FeatureCollection',
    marking: options.marking,
    title: options.title,
    generatedAt: options.generatedAt,
    attribution: [...(options.attribution ?? [])],
    features: features.map((f): GeoJsonFeature => ({
      type: 'Feature',
      id: f.id,
      geometry: f.area
        ? { type: 'Polygon', coordinates: [areaRing(f.area).map(([lng, lat]): [number, number] => [r(lng), r(lat)])] }
        : { type: 'Point', coordinates: [r(f.location.lng), r(f.location.lat)] },
      properties: properties(f, options.marking),
    })),
  };
}

/** The GeoJSON as text (what is written to the .geojson file). */
export function geoJsonText(features: readonly MapFeature[], options: GeoExportOptions): string {
  return `${JSON.stringify(toGeoJson(features, options), null, 1)}\n`;
}

// ---------------------------------------------------------------- KML

/**
 * Text for XML content and attribute values: & < > " ' escaped, and characters XML 1.0 does not allow
 * (control characters, lone surrogates, U+FFFE/U+FFFF) removed.
 */
export function xmlEscape(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

function description(f: MapFeature): string {
  const lines = [`Kind: ${f.kind}`, `Location: ${precisionText(f)}`];
  if (f.generalised) lines.push('Generalised for this audience (shown at its postcode district).');
  if (f.roles.length) lines.push(`Roles: ${f.roles.map((x) => ROLE_LABEL[x] ?? x).join(', ')}`);
  if (f.linkType) lines.push(`Shown at a place linked by: ${LINK_TYPE_LABEL[f.linkType] ?? f.linkType}`);
  if (f.area) lines.push(`Area: ${f.area.shape}, ${Math.round(areaSquareMetres(f.area)).toLocaleString('en-GB')} m²`);
  lines.push(`Intelligence items: ${f.sources}`);
  return lines.join('\n');
}

const coord = (lng: number, lat: number): string => `${r(lng)},${r(lat)}`;

function placemark(f: MapFeature, marking: SecurityMarking): string {
  const geometry = f.area
    ? `<Polygon><outerBoundaryIs><LinearRing><coordinates>${areaRing(f.area)
        .map(([lng, lat]) => coord(lng, lat))
        .join(' ')}</coordinates></LinearRing></outerBoundaryIs></Polygon>`
    : `<Point><coordinates>${coord(f.location.lng, f.location.lat)}</coordinates></Point>`;
  const data: [string, string][] = [
    ['id', f.id],
    ['kind', f.kind],
    ['precision', f.location.precision],
    ['radiusM', String(Math.round(f.location.radiusM))],
    ['roles', f.roles.join(',')],
    ['sources', String(f.sources)],
    ['marking', marking],
  ];
  return (
    `      <Placemark>\n` +
    `        <name>${xmlEscape(f.label)}</name>\n` +
    `        <description>${xmlEscape(description(f))}</description>\n` +
    `        <ExtendedData>${data.map(([k, v]) => `<Data name="${k}"><value>${xmlEscape(v)}</value></Data>`).join('')}</ExtendedData>\n` +
    `        ${geometry}\n` +
    `      </Placemark>\n`
  );
}

/** The features as a KML 2.2 document: one folder per kind, a Placemark per feature. */
export function toKml(features: readonly MapFeature[], options: GeoExportOptions): string {
  const { marking } = options;
  const byKind = new Map<EntityKind, MapFeature[]>();
  for (const f of features) {
    const list = byKind.get(f.kind);
    if (list) list.push(f);
    else byKind.set(f.kind, [f]);
  }
  const docDescription = [
    `${marking}`,
    `${options.title}`,
    `Exported ${options.generatedAt}. Handle according to its marking: ${marking}.`,
    ...(options.attribution ?? []),
  ].join('\n');
  let out =
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<kml xmlns="http://www.opengis.net/kml/2.2">\n` +
    `  <Document>\n` +
    `    <name>${xmlEscape(`${marking}: ${options.title}`)}</name>\n` +
    `    <description>${xmlEscape(docDescription)}</description>\n`;
  for (const kind of ENTITY_KINDS) {
    const list = byKind.get(kind);
    if (!list?.length) continue;
    out += `    <Folder>\n      <name>${xmlEscape(capital(KIND_PLURAL[kind]))}</name>\n`;
    for (const f of list) out += placemark(f, marking);
    out += `    </Folder>\n`;
  }
  out += `  </Document>\n</kml>\n`;
  return out;
}
