/**
 * Where entities go on the map, with how precisely each is known.
 *
 * An address or hot spot is placed by, in order: its stored location fact (with that fact's precision),
 * its full postcode in the analyst's imported postcode table ('postcode', ~100 m), or its postcode
 * district's centroid from the bundled outcode table ('district'). A hot spot with no location of its
 * own takes its address's; a business takes the place it is `located-at`. People have no location of
 * their own: `placePeople` puts them at the places they are linked to.
 *
 * Lookups are injected so the UI can back them with IndexedDB (full postcodes, fetched up front with
 * `postcodesToLookUp` + services/postcodes.lookupPostcodes) and the bundled JSON (outcodes).
 * Pure: no DOM, no storage.
 */
import { entityLabel } from '../labels';
import { ENTITY_KINDS, type Entity, type EntityKind, type Id, type Link, type LinkType, type LocationPrecision, type PlaceType, type Role } from '../model';
import { normaliseOutcode, normalisePostcode } from '../normalise';
import { entitySources } from '../provenance';
import type { GeoArea } from './areas';

/** A point from a lookup table. `radiusM`: how far from it the real place may be (outcodes carry one). */
export interface LookupPoint {
  lat: number;
  lng: number;
  radiusM?: number;
}

export interface GeoLookups {
  /** A normalised full postcode ("SW1A 1AA") -> its point, from the imported postcode table. */
  fullPostcode: (postcode: string) => LookupPoint | undefined;
  /** A postcode district ("SW1A") -> its centroid, from the bundled outcode table. */
  outcode: (outcode: string) => LookupPoint | undefined;
}

/** A place on the map and how well it is known: the true place is probably within `radiusM` metres. */
export interface Located {
  lat: number;
  lng: number;
  precision: LocationPrecision;
  radiusM: number;
  /** For a location taken from another entity (a hot spot's address, a business's premises): its id. */
  via?: Id;
}

/**
 * Radius per precision, metres. 'exact': a geocoded or surveyed point (building level). 'manual': a pin
 * an analyst placed by hand on the map (street level). 'postcode': a full postcode's centroid (a postcode
 * covers ~15 addresses; ~100 m in towns, more in the country). 'district': used only when the district
 * table has no radius of its own; the bundled one does (scripts/build-geo.mjs: estimated from the
 * spacing of neighbouring district centroids, 300 m - 20 km, 1.5-4 km in most towns).
 */
export const PRECISION_RADIUS_M: Record<LocationPrecision, number> = {
  exact: 10,
  manual: 50,
  postcode: 100,
  district: 2500,
};

export const PRECISION_LABEL: Record<LocationPrecision, string> = {
  exact: 'Exact',
  manual: 'Placed by hand',
  postcode: 'Postcode',
  district: 'Postcode district',
};

/**
 * A lookup over the bundled outcode table ({"AB10": [lat, lng, postcodeCount, radiusM]}, see
 * src/map/data/outcodes.json). Case and spaces in the query are ignored.
 */
export function outcodeTableLookup(table: Readonly<Record<string, readonly number[]>>): (outcode: string) => LookupPoint | undefined {
  return (outcode) => {
    const row = table[outcode.replace(/\s+/g, '').toUpperCase()];
    if (!row || typeof row[0] !== 'number' || typeof row[1] !== 'number') return undefined;
    return row[3] !== undefined ? { lat: row[0], lng: row[1], radiusM: row[3] } : { lat: row[0], lng: row[1] };
  };
}

const validPoint = (p: { lat: number; lng: number } | undefined): p is { lat: number; lng: number } =>
  !!p && Number.isFinite(p.lat) && Number.isFinite(p.lng) && Math.abs(p.lat) <= 90 && Math.abs(p.lng) <= 180;

/** The postcode of an address as {full?, outcode?}, from its stored value (a full postcode or a district alone). */
export function postcodeParts(raw: string | undefined): { full?: string; outcode?: string } {
  if (!raw || !raw.trim()) return {};
  const full = normalisePostcode(raw);
  if (full.ok) return { full: full.value, outcode: full.outcode };
  const district = normaliseOutcode(raw);
  return district.ok ? { outcode: district.value } : {};
}

function districtRadius(outcode: string | undefined, lookups: GeoLookups): number {
  const r = outcode ? lookups.outcode(outcode)?.radiusM : undefined;
  return r !== undefined && r > 0 ? r : PRECISION_RADIUS_M.district;
}

function fromPostcode(raw: string | undefined, lookups: GeoLookups): Located | null {
  const { full, outcode } = postcodeParts(raw);
  if (full) {
    const p = lookups.fullPostcode(full);
    if (validPoint(p)) return { lat: p.lat, lng: p.lng, precision: 'postcode', radiusM: p.radiusM ?? PRECISION_RADIUS_M.postcode };
  }
  if (outcode) {
    const p = lookups.outcode(outcode);
    if (validPoint(p)) return { lat: p.lat, lng: p.lng, precision: 'district', radiusM: p.radiusM ?? PRECISION_RADIUS_M.district };
  }
  return null;
}

/** The entity's postcode as stored (addresses only). */
function postcodeOf(e: Entity): string | undefined {
  return e.kind === 'address' ? e.postcode?.value : undefined;
}

/**
 * Where the entity itself is: its stored location fact, else its full postcode, else its postcode
 * district, else null. Only addresses and hot spots have locations of their own (see `locateAll` for
 * hot spots through their address and businesses through their premises).
 */
export function locate(entity: Entity, lookups: GeoLookups): Located | null {
  if (entity.kind !== 'address' && entity.kind !== 'hotspot') return null;
  const fact = entity.location?.value;
  if (fact && validPoint(fact)) {
    const precision = fact.precision;
    const radiusM = precision === 'district' ? districtRadius(postcodeParts(postcodeOf(entity)).outcode, lookups) : PRECISION_RADIUS_M[precision];
    return { lat: fact.lat, lng: fact.lng, precision, radiusM };
  }
  return fromPostcode(postcodeOf(entity), lookups);
}

const PRECISION_RANK: Record<LocationPrecision, number> = { exact: 0, manual: 1, postcode: 2, district: 3 };

/** True when `a` is known better than `b` (precision first, then radius). */
export function betterLocated(a: Located, b: Located): boolean {
  const d = PRECISION_RANK[a.precision] - PRECISION_RANK[b.precision];
  return d !== 0 ? d < 0 : a.radiusM < b.radiusM;
}

/**
 * Every place of the workspace that can be put on the map (merged-away entities left out): addresses and
 * hot spots by `locate`, hot spots with no location of their own at their address (`addressId`),
 * businesses at the best-located address or hot spot they are linked to by `located-at` (either way).
 */
export function locateAll(entities: readonly Entity[], links: readonly Link[], lookups: GeoLookups): Map<Id, Located> {
  const live = entities.filter((e) => !e.mergedInto);
  const out = new Map<Id, Located>();
  for (const e of live) {
    const at = locate(e, lookups);
    if (at) out.set(e.id, at);
  }
  for (const e of live) {
    if (e.kind === 'hotspot' && !out.has(e.id) && e.addressId) {
      const at = out.get(e.addressId);
      if (at) out.set(e.id, { ...at, via: e.addressId });
    }
  }
  const kinds = new Map(live.map((e) => [e.id, e.kind]));
  for (const l of links) {
    if (l.type !== 'located-at') continue;
    for (const [biz, place] of [
      [l.from, l.to],
      [l.to, l.from],
    ] as const) {
      const placeKind = kinds.get(place);
      if (kinds.get(biz) !== 'business' || (placeKind !== 'address' && placeKind !== 'hotspot')) continue;
      const at = out.get(place);
      if (!at) continue;
      const current = out.get(biz);
      if (!current || betterLocated(at, current)) out.set(biz, { lat: at.lat, lng: at.lng, precision: at.precision, radiusM: at.radiusM, via: place });
    }
  }
  return out;
}

/** The normalised full postcodes of the entities' addresses, once each: what to fetch from the postcode table. */
export function postcodesToLookUp(entities: readonly Entity[]): string[] {
  const out = new Set<string>();
  for (const e of entities) {
    if (e.mergedInto || e.kind !== 'address' || (e.location && validPoint(e.location.value))) continue;
    const { full } = postcodeParts(e.postcode?.value);
    if (full) out.add(full);
  }
  return [...out];
}

// ---------------------------------------------------------------- people

/** One place a person may be drawn at, and why. */
export interface PersonPlacement extends Located {
  personId: Id;
  /** The address, business or hot spot the person is linked to. */
  placeId: Id;
  linkId: Id;
  linkType: LinkType;
  dateFrom?: string;
  dateTo?: string;
  /** False when the link has ended: it has a `dateTo` before `today` (or any `dateTo` when no `today` is given). */
  current: boolean;
}

/** Which links say most about where a person is to be found, first to last. */
const PLACEMENT_ORDER: LinkType[] = ['lives-at', 'located-at', 'works-at', 'frequents', 'seen-with'];
const placementRank = (t: LinkType): number => {
  const i = PLACEMENT_ORDER.indexOf(t);
  return i < 0 ? PLACEMENT_ORDER.length : i;
};

/**
 * For each person (merged-away people left out), the located places they are linked to, best first:
 * current links before ended ones, then by link type (lives at, located at, works at, frequents, other),
 * then the better-located place. People with no located place are absent from the map.
 * `today` (ISO date) decides which links have ended.
 */
export function placePeople(
  people: readonly Entity[],
  links: readonly Link[],
  locatedById: ReadonlyMap<Id, Located>,
  today?: string,
): Map<Id, PersonPlacement[]> {
  const ids = new Set(people.filter((p) => p.kind === 'person' && !p.mergedInto).map((p) => p.id));
  const out = new Map<Id, PersonPlacement[]>();
  for (const l of links) {
    for (const [personId, placeId] of [
      [l.from, l.to],
      [l.to, l.from],
    ] as const) {
      if (!ids.has(personId) || ids.has(placeId)) continue;
      const at = locatedById.get(placeId);
      if (!at) continue;
      const current = !l.dateTo || (today !== undefined && l.dateTo >= today);
      const placement: PersonPlacement = {
        lat: at.lat,
        lng: at.lng,
        precision: at.precision,
        radiusM: at.radiusM,
        personId,
        placeId,
        linkId: l.id,
        linkType: l.type,
        current,
        ...(l.dateFrom ? { dateFrom: l.dateFrom } : {}),
        ...(l.dateTo ? { dateTo: l.dateTo } : {}),
      };
      const list = out.get(personId);
      if (list) list.push(placement);
      else out.set(personId, [placement]);
    }
  }
  for (const list of out.values()) {
    list.sort(
      (a, b) =>
        Number(b.current) - Number(a.current) ||
        placementRank(a.linkType) - placementRank(b.linkType) ||
        PRECISION_RANK[a.precision] - PRECISION_RANK[b.precision] ||
        a.radiusM - b.radiusM ||
        a.placeId.localeCompare(b.placeId),
    );
  }
  return out;
}

// ---------------------------------------------------------------- map features

/** One thing drawn on (or exported from) the map. */
export interface MapFeature {
  id: Id;
  kind: EntityKind;
  label: string;
  location: Located;
  /** Roles: a person's own; for a place, the roles of the people linked to it. */
  roles: Role[];
  /** How many intelligence items the entity's facts cite. */
  sources: number;
  /** The postcode district the place is in, when known (used to generalise it). */
  outcode?: string;
  placeType?: PlaceType;
  /** A hot spot's drawn area. */
  area?: GeoArea;
  /** For a person: the place they are drawn at. */
  placeId?: Id;
  linkType?: LinkType;
  /** Why this is a victim-side place (see generalise.ts), when it is one. */
  victimSide?: string;
  /** True when the location was generalised for the audience (label and point replaced). */
  generalised?: boolean;
}

/**
 * The map features of the located places (addresses, businesses, hot spots). `areas` holds the drawn
 * areas of hot spots by id; `victimSide` the reasons from generalise.ts's `victimSidePlaces`.
 */
export function placeFeatures(
  entities: readonly Entity[],
  links: readonly Link[],
  located: ReadonlyMap<Id, Located>,
  options: { areas?: ReadonlyMap<Id, GeoArea>; victimSide?: ReadonlyMap<Id, string> } = {},
): MapFeature[] {
  const byId = new Map(entities.map((e) => [e.id, e]));
  const rolesAt = new Map<Id, Set<Role>>();
  for (const l of links) {
    for (const [a, b] of [
      [l.from, l.to],
      [l.to, l.from],
    ] as const) {
      const p = byId.get(a);
      if (p?.kind !== 'person' || p.mergedInto || !located.has(b)) continue;
      let set = rolesAt.get(b);
      if (!set) rolesAt.set(b, (set = new Set()));
      for (const r of p.roles) set.add(r.value);
    }
  }
  const out: MapFeature[] = [];
  for (const e of entities) {
    const at = located.get(e.id);
    if (!at || e.mergedInto || e.kind === 'person') continue;
    const via = at.via ? byId.get(at.via) : undefined;
    const outcode = postcodeParts(postcodeOf(e) ?? (via ? postcodeOf(via) : undefined)).outcode;
    const area = options.areas?.get(e.id);
    const victim = options.victimSide?.get(e.id) ?? (at.via ? options.victimSide?.get(at.via) : undefined);
    out.push({
      id: e.id,
      kind: e.kind,
      label: entityLabel(e),
      location: at,
      roles: [...(rolesAt.get(e.id) ?? [])].sort(),
      sources: entitySources(e).length,
      ...(outcode ? { outcode } : {}),
      ...(e.kind === 'address' ? { placeType: e.placeType } : {}),
      ...(area ? { area } : {}),
      ...(victim ? { victimSide: victim } : {}),
    });
  }
  return sortFeatures(out);
}

/**
 * People as map features, each at its first (best) placement from `placePeople`. Build the placements
 * from already generalised places (generalise.ts) so no person gives away a hidden place.
 */
export function personFeatures(people: readonly Entity[], placements: ReadonlyMap<Id, PersonPlacement[]>): MapFeature[] {
  const out: MapFeature[] = [];
  for (const p of people) {
    if (p.kind !== 'person' || p.mergedInto) continue;
    const best = placements.get(p.id)?.[0];
    if (!best) continue;
    out.push({
      id: p.id,
      kind: 'person',
      label: entityLabel(p),
      location: { lat: best.lat, lng: best.lng, precision: best.precision, radiusM: best.radiusM },
      roles: [...new Set(p.roles.map((r) => r.value))].sort(),
      sources: entitySources(p).length,
      placeId: best.placeId,
      linkType: best.linkType,
    });
  }
  return sortFeatures(out);
}

/** The features' locations by id (to place people at generalised places). */
export function locationsOf(features: readonly MapFeature[]): Map<Id, Located> {
  return new Map(features.map((f) => [f.id, f.location]));
}

/** Sorts features in place by kind (model order), label, id. */
export function sortFeatures(features: MapFeature[]): MapFeature[] {
  return features.sort((a, b) => ENTITY_KINDS.indexOf(a.kind) - ENTITY_KINDS.indexOf(b.kind) || a.label.localeCompare(b.label) || a.id.localeCompare(b.id));
}
