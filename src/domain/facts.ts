/**
 * An entity's attributes as a flat list of labelled, sourced values: what the detail panel (and later
 * the report's nominal annex) shows, each value with the intelligence items it came from.
 */
import { formatPhoneNational, formatPlate, HOTSPOT_TYPE_LABEL, personNameText } from './labels';
import {
  BUSINESS_TYPE_LABEL,
  ETHNICITY_LABEL,
  NAME_KIND_LABEL,
  PLACE_TYPE_LABEL,
  ROLE_LABEL,
  type Entity,
  type Id,
} from './model';
import { formatDateUk } from './normalise';

export interface FactRow {
  label: string;
  value: string;
  /** Null for a value that is a classification of the record rather than a sourced fact (place type). */
  sources: Id[] | null;
}

const SEX_LABEL = { female: 'Female', male: 'Male', other: 'Other', unknown: 'Unknown' } as const;
const RISK_LABEL = { unknown: 'Unknown', low: 'Low', medium: 'Medium', high: 'High' } as const;

export function entityFacts(e: Entity): FactRow[] {
  const rows: FactRow[] = [];
  const add = (label: string, value: string | undefined, sources?: Id[]): void => {
    if (value !== undefined && value !== '') rows.push({ label, value, sources: sources ?? null });
  };
  switch (e.kind) {
    case 'person':
      for (const n of e.names) add(NAME_KIND_LABEL[n.kind], personNameText(n), n.sources);
      if (e.dob) add('Date of birth', formatDateUk(e.dob.value), e.dob.sources);
      if (e.estimatedAge) add('Estimated age', `${e.estimatedAge.value.years} (as of ${formatDateUk(e.estimatedAge.value.asOf)})`, e.estimatedAge.sources);
      add('Sex', SEX_LABEL[e.sex.value], e.sex.sources);
      add('Ethnicity', ETHNICITY_LABEL[e.ethnicity.value], e.ethnicity.sources);
      for (const r of e.roles) add('Role', ROLE_LABEL[r.value], r.sources);
      if (e.riskLevel) add('Risk level', RISK_LABEL[e.riskLevel.value], e.riskLevel.sources);
      for (const i of e.identifiers) add(`Identifier (${i.value.scheme})`, i.value.value, i.sources);
      break;
    case 'vehicle':
      if (e.registration) add(e.partial ? 'Registration (partial)' : 'Registration', formatPlate(e.registration.value), e.registration.sources);
      if (e.make) add('Make', e.make.value, e.make.sources);
      if (e.model) add('Model', e.model.value, e.model.sources);
      if (e.colour) add('Colour', e.colour.value, e.colour.sources);
      break;
    case 'phone':
      if (e.number) add('Number', `${formatPhoneNational(e.number.value)} (${e.number.value})`, e.number.sources);
      if (e.handle) add(`Handle${e.platform ? ` on ${e.platform}` : ''}`, e.handle.value, e.handle.sources);
      break;
    case 'address':
      add('Address', e.lines.value.filter(Boolean).join(', '), e.lines.sources);
      if (e.postcode) add('Postcode', e.postcode.value, e.postcode.sources);
      add('Place type', PLACE_TYPE_LABEL[e.placeType]);
      if (e.location) add('Location', `${e.location.value.lat.toFixed(5)}, ${e.location.value.lng.toFixed(5)} (${e.location.value.precision})`, e.location.sources);
      break;
    case 'business':
      add('Name', e.name.value, e.name.sources);
      add('Type', BUSINESS_TYPE_LABEL[e.businessType]);
      for (const l of e.licences) add('Licence', l.value, l.sources);
      break;
    case 'hotspot':
      add('Name', e.name.value, e.name.sources);
      add('Type', HOTSPOT_TYPE_LABEL[e.hotspotType]);
      add('Description', e.description);
      if (e.location) add('Location', `${e.location.value.lat.toFixed(5)}, ${e.location.value.lng.toFixed(5)} (${e.location.value.precision})`, e.location.sources);
      if (e.area)
        add(
          'Area',
          e.area.value.shape === 'circle'
            ? `Circle of ${Math.round(e.area.value.radiusM)} m around ${e.area.value.centre.lat.toFixed(5)}, ${e.area.value.centre.lng.toFixed(5)}`
            : `Polygon of ${e.area.value.points.length} points`,
          e.area.sources,
        );
      break;
  }
  for (const n of e.notes) add('Note', n.value, n.sources);
  return rows;
}
