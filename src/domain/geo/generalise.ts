/**
 * Victim-side locations and how they are shown to an audience.
 *
 * A young person's home, care home or school tells a reader where to find a child. On a map shown or sent
 * beyond the analyst (a multi-agency meeting, a partner) such places are either generalised to their
 * postcode district's centroid or hidden. Which places are victim-side is decided from the links
 * (src/domain/model.ts) between a place and a person with the role `young-person-at-risk`:
 *
 * - `lives-at` an address, business or hot spot: their home, or their placement (care home, hotel or
 *   B&B placement, supported accommodation);
 * - any link to an address whose place type is `care-home` or `school`: a care home or school they
 *   attend or are linked to.
 *
 * Places a young person only `frequents` (a takeaway, a park, an offender's flat) are where exploitation
 * happens: they stay on the map as they are, since showing them is the point of the map.
 * A hot spot or business placed through a victim-side address (its `via`) is victim-side too.
 */
import type { Entity, Id, Link } from '../model';
import { PRECISION_RADIUS_M, sortFeatures, type GeoLookups, type Located, type MapFeature } from './geocode';

export type AudienceMode = 'exact' | 'district' | 'hide';

export const AUDIENCE_MODE_LABEL: Record<AudienceMode, string> = {
  exact: 'Exact locations (analyst only)',
  district: "Young people's homes, care homes and schools shown by postcode district",
  hide: "Young people's homes, care homes and schools hidden",
};

/** The victim-side places of the workspace: place id -> the reason, in words. */
export function victimSidePlaces(entities: readonly Entity[], links: readonly Link[]): Map<Id, string> {
  const byId = new Map(entities.map((e) => [e.id, e]));
  const atRisk = new Set(
    entities.filter((e) => e.kind === 'person' && !e.mergedInto && e.roles.some((r) => r.value === 'young-person-at-risk')).map((e) => e.id),
  );
  const out = new Map<Id, string>();
  for (const l of links) {
    for (const [personId, placeId] of [
      [l.from, l.to],
      [l.to, l.from],
    ] as const) {
      if (!atRisk.has(personId)) continue;
      const place = byId.get(placeId);
      if (!place || (place.kind !== 'address' && place.kind !== 'business' && place.kind !== 'hotspot')) continue;
      const type = place.kind === 'address' ? place.placeType : undefined;
      let reason: string | undefined;
      if (type === 'care-home') reason = 'Care home of a young person at risk';
      else if (type === 'school') reason = 'School of a young person at risk';
      else if (l.type === 'lives-at') reason = place.kind === 'address' ? 'Home of a young person at risk' : 'Where a young person at risk is living';
      if (reason && !out.has(placeId)) out.set(placeId, reason);
    }
  }
  // Hot spots at a victim-side address.
  for (const e of entities) {
    if (e.kind === 'hotspot' && e.addressId && out.has(e.addressId) && !out.has(e.id)) out.set(e.id, out.get(e.addressId) ?? '');
  }
  return out;
}

/** Marks the features that are victim-side places (or placed through one) with the reason. */
export function markVictimSide(features: readonly MapFeature[], victimSide: ReadonlyMap<Id, string>): MapFeature[] {
  return features.map((f) => {
    const reason = victimSide.get(f.id) ?? (f.location.via ? victimSide.get(f.location.via) : undefined);
    return reason ? { ...f, victimSide: reason } : f;
  });
}

/**
 * The features as this audience may see them. 'exact': unchanged. 'hide': victim-side places removed.
 * 'district': each victim-side place moved to its postcode district's centroid, labelled only by the
 * district, its area, place type and postcode details dropped; one whose district is not known (or not
 * in the table) is removed, since it cannot be shown safely. People are not victim-side places: place
 * them afterwards (geocode.placePeople with `locationsOf(result)`) so they follow. The result is sorted
 * by kind, label and id.
 */
export function generaliseForAudience(
  features: readonly MapFeature[],
  mode: AudienceMode,
  lookups: Pick<GeoLookups, 'outcode'>,
): MapFeature[] {
  if (mode === 'exact') return features.slice();
  const out: MapFeature[] = [];
  for (const f of features) {
    if (!f.victimSide || f.kind === 'person') {
      out.push(f);
      continue;
    }
    if (mode === 'hide' || !f.outcode) continue;
    const centre = lookups.outcode(f.outcode);
    if (!centre || !Number.isFinite(centre.lat) || !Number.isFinite(centre.lng)) continue;
    const location: Located = { lat: centre.lat, lng: centre.lng, precision: 'district', radiusM: centre.radiusM ?? PRECISION_RADIUS_M.district };
    out.push({
      id: f.id,
      kind: f.kind,
      label: `Location generalised to postcode district ${f.outcode}`,
      location,
      roles: f.roles,
      sources: f.sources,
      outcode: f.outcode,
      victimSide: f.victimSide,
      generalised: true,
    });
  }
  // Re-sorted, so the order does not hint at the exact labels.
  return sortFeatures(out);
}
