/**
 * What the map draws, worked out from the workspace (pure: no React, no Leaflet): the located places and
 * the people placed through them, filtered with the chart's filters, young people by pseudonym, victim-
 * side places generalised for an audience, the links between what is on the map, the density inputs of
 * the heat layers, and the crime events that pass the map's own filters (type, months).
 */
import { generaliseForAudience, markVictimSide, victimSidePlaces, type AudienceMode } from '../domain/geo/generalise';
import { locateAll, locationsOf, personFeatures, placeFeatures, placePeople, type GeoLookups, type MapFeature } from '../domain/geo/geocode';
import type { GeoArea } from '../domain/geo/areas';
import type { CrimeEvent, Entity, Id, IntelItem, Link, LocationPrecision, Role } from '../domain/model';
import { applyChartFilter, KIND_COLOUR, ROLE_COLOUR, ROLE_PRIORITY, toChartElements, type ChartFilter } from '../graph/toElements';

export interface MapPointData {
  id: Id;
  kind: MapFeature['kind'];
  lat: number;
  lng: number;
  label: string;
  colour: string;
  precision: LocationPrecision;
  radiusM: number;
  role: Role | null;
  faded: boolean;
  area?: GeoArea;
  /** For a person: the place they are drawn at. */
  placeId?: Id;
  generalised: boolean;
  victimSide: boolean;
}

export interface MapLinkData {
  id: string;
  from: [number, number];
  to: [number, number];
  strength: 'strong' | 'medium' | 'weak';
  label: string;
}

export interface MapModel {
  points: MapPointData[];
  links: MapLinkData[];
  /** Places weighted by the number of intelligence items about them (the "hot spots from intelligence" layer). */
  intelHeat: { lat: number; lng: number; weight: number }[];
  /** Places and hot spots with no location at all: listed for placing by hand. */
  unlocated: Entity[];
  /** The features as drawn (for GeoJSON / KML export). */
  features: MapFeature[];
}

export interface MapModelOptions {
  filter: ChartFilter;
  /** Fade what does not pass the filter (true) or leave it off the map (false). */
  fade: boolean;
  agenciesOf: (id: Id) => readonly string[];
  /** Young people shown by pseudonym. */
  pseudonyms: ReadonlyMap<Id, string> | null;
  /** How victim-side places are shown: exactly (the analyst at the desk), by district or not at all. */
  audience: AudienceMode;
  /** The date links are judged current against (ISO), for placing people. */
  today?: string;
}

export function buildMapModel(
  entities: ReadonlyMap<Id, Entity>,
  links: readonly Link[],
  items: ReadonlyMap<Id, IntelItem>,
  lookups: GeoLookups,
  options: MapModelOptions,
): MapModel {
  const list = [...entities.values()].filter((e) => !e.mergedInto);
  const live = links.filter((l) => entities.has(l.from) && entities.has(l.to));
  const located = locateAll(list, live, lookups);
  const areas = new Map<Id, GeoArea>();
  for (const e of list) if (e.kind === 'hotspot' && e.area) areas.set(e.id, e.area.value);
  const victimSide = victimSidePlaces(list, live);
  let places = markVictimSide(placeFeatures(list, live, located, { areas, victimSide }), victimSide);
  places = generaliseForAudience(places, options.audience, lookups);
  // People follow the places as this audience sees them, so no person gives a hidden place away.
  const people = personFeatures(list, placePeople(list, live, locationsOf(places), options.today));
  const features = [...places, ...people];

  // The chart's filters, on the same elements the chart would draw.
  const { nodes, edges } = toChartElements(
    features.map((f) => f.id),
    entities,
    live,
    items,
    { pseudonymise: !!options.pseudonyms, pseudonyms: options.pseudonyms ?? new Map(), aggregate: false },
  );
  const passing = applyChartFilter(nodes, edges, options.filter, options.agenciesOf);
  const nodeById = new Map(nodes.map((n) => [n.id, n]));

  const points: MapPointData[] = [];
  const at = new Map<Id, [number, number]>();
  for (const f of features) {
    const pass = passing.nodes.has(f.id);
    if (!pass && !options.fade) continue;
    const node = nodeById.get(f.id);
    const role = node?.role ?? (f.kind === 'person' ? null : (ROLE_PRIORITY.find((r) => f.roles.includes(r)) ?? null));
    const label = f.generalised ? f.label : (node?.label ?? f.label);
    points.push({
      id: f.id,
      kind: f.kind,
      lat: f.location.lat,
      lng: f.location.lng,
      label,
      colour: f.kind === 'person' && role ? ROLE_COLOUR[role] : KIND_COLOUR[f.kind],
      precision: f.location.precision,
      radiusM: f.location.radiusM,
      role: f.kind === 'person' ? role : null,
      faded: !pass,
      ...(f.area ? { area: f.area } : {}),
      ...(f.placeId ? { placeId: f.placeId } : {}),
      generalised: !!f.generalised,
      victimSide: !!f.victimSide,
    });
    at.set(f.id, [f.location.lat, f.location.lng]);
  }

  const mapLinks: MapLinkData[] = [];
  for (const e of edges) {
    if (!passing.edges.has(e.id)) continue;
    const a = at.get(e.source);
    const b = at.get(e.target);
    if (!a || !b || (a[0] === b[0] && a[1] === b[1])) continue;
    mapLinks.push({ id: e.id, from: a, to: b, strength: e.strength, label: e.label });
  }

  const intelHeat = places.filter((f) => f.kind !== 'person' && passing.nodes.has(f.id)).map((f) => ({ lat: f.location.lat, lng: f.location.lng, weight: Math.max(1, f.sources) }));
  const shown = new Set(features.map((f) => f.id));
  const unlocated = list.filter((e) => (e.kind === 'address' || e.kind === 'business' || e.kind === 'hotspot') && !shown.has(e.id) && !(options.audience !== 'exact' && victimSide.has(e.id)));
  return { points, links: mapLinks, intelHeat, unlocated, features };
}

export interface EventFilter {
  /** Crime types shown; empty means all. */
  types: ReadonlySet<string>;
  /** Months (YYYY-MM) shown, inclusive; null for open ends. */
  from: string | null;
  to: string | null;
}

/** The located crime events that pass the map's event filter and the shared date range. */
export function filterEvents(events: readonly CrimeEvent[], f: EventFilter, shared: Pick<ChartFilter, 'from' | 'to'>): CrimeEvent[] {
  const from = maxOf(f.from, shared.from?.slice(0, 7) ?? null);
  const to = minOf(f.to, shared.to?.slice(0, 7) ?? null);
  return events.filter((e) => e.location && (!f.types.size || f.types.has(e.crimeType)) && (!from || e.month >= from) && (!to || e.month <= to));
}

const maxOf = (a: string | null, b: string | null): string | null => (a && b ? (a > b ? a : b) : (a ?? b));
const minOf = (a: string | null, b: string | null): string | null => (a && b ? (a < b ? a : b) : (a ?? b));

/** Crime types and months present among the events (for the filter controls), most common type first. */
export function eventFacets(events: readonly CrimeEvent[]): { types: { type: string; count: number }[]; months: string[] } {
  const types = new Map<string, number>();
  const months = new Set<string>();
  for (const e of events) {
    types.set(e.crimeType, (types.get(e.crimeType) ?? 0) + 1);
    months.add(e.month);
  }
  return {
    types: [...types].map(([type, count]) => ({ type, count })).sort((a, b) => b.count - a.count || a.type.localeCompare(b.type)),
    months: [...months].sort(),
  };
}
