/**
 * Display text for entities: the one-line label on a chart node or list row, and a subtitle with the
 * details that tell two similar records apart. Pure; dates shown the UK way (DD/MM/YYYY).
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import {
  BUSINESS_TYPE_LABEL,
  PLACE_TYPE_LABEL,
  ROLE_LABEL,
  type Entity,
  type HotspotType,
  type IsoDate,
  type Person,
  type PersonName,
} from './model';
import { ageOn, formatDateUk, spacePlate, todayIso } from './normalise';

export const HOTSPOT_TYPE_LABEL: Record<HotspotType, string> = {
  park: 'Park',
  'car-park': 'Car park',
  'shopping-centre': 'Shopping centre',
  street: 'Street',
  transport: 'Transport',
  address: 'Address',
  area: 'Area',
  other: 'Other',
};

const clean = (s: string | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();

/** A plate as shown: full UK plates spaced in the usual place ("AB12CDE" -> "AB12 CDE"); partial plates as they are. */
export function formatPlate(value: string): string {
  const v = value.replace(/\s+/g, '').toUpperCase();
  if (/[?*]/.test(v)) return v;
  return spacePlate(v);
}

/**
 * A stored E.164 number as people write it: UK numbers in national form ("+447700900123" ->
 * "07700 900123"), other countries in international form ("+33 6 12 34 56 78"). Unparseable input is
 * returned unchanged.
 */
export function formatPhoneNational(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return parsed.countryCallingCode === '44' ? parsed.formatNational() : parsed.formatInternational();
}

/** The text of one name: `full` if set, otherwise given + family. */
export function personNameText(n: PersonName): string {
  return clean(n.full) || clean(`${n.given} ${n.family}`);
}

function preferredName(p: Person): PersonName | undefined {
  const named = p.names.filter((n) => personNameText(n));
  return named.find((n) => n.kind === 'legal') ?? named.find((n) => n.kind === 'alias') ?? named[0];
}

function personLabel(p: Person): string {
  const main = preferredName(p);
  if (!main) return 'Unnamed person';
  const text = personNameText(main);
  if (main.kind === 'nickname' || main.kind === 'street') return `"${text}"`;
  const nick = p.names.find((n) => (n.kind === 'nickname' || n.kind === 'street') && personNameText(n));
  return nick ? `${text} ("${personNameText(nick)}")` : text;
}

function joinParts(parts: (string | undefined)[], sep = ' '): string {
  return parts.map(clean).filter(Boolean).join(sep);
}

/** The one-line label of an entity ('Darren Smith ("Dazza")', "AB12 CDE (Vauxhall Astra)", "07700 900123"). */
export function entityLabel(e: Entity): string {
  switch (e.kind) {
    case 'person':
      return personLabel(e);
    case 'vehicle': {
      const makeModel = joinParts([e.make?.value, e.model?.value]);
      const reg = clean(e.registration?.value);
      if (reg) return makeModel ? `${formatPlate(reg)} (${makeModel})` : formatPlate(reg);
      const described = joinParts([e.colour?.value, makeModel]);
      return described ? `${described}, registration unknown` : 'Unknown vehicle';
    }
    case 'phone': {
      if (e.phoneType === 'number') {
        const n = clean(e.number?.value);
        return n ? formatPhoneNational(n) : 'Unknown number';
      }
      const handle = clean(e.handle?.value);
      const platform = clean(e.platform);
      if (!handle) return platform ? `${platform}: unknown handle` : 'Unknown handle';
      return platform ? `${platform}: ${handle}` : handle;
    }
    case 'address': {
      const lines = e.lines.value.map((l) => clean(l)).filter(Boolean);
      // "Flat 3" alone says little: keep the building with it ("Flat 3, 40 Canal Street").
      const first = lines[0] && /^(?:flat|apartment|apt|unit|room)\s*\S+$/i.test(lines[0]) && lines[1] ? `${lines[0]}, ${lines[1]}` : lines[0];
      const postcode = clean(e.postcode?.value);
      return joinParts([first, postcode], ', ') || 'Unknown address';
    }
    case 'business':
      return clean(e.name.value) || 'Unnamed business';
    case 'hotspot':
      return clean(e.name.value) || 'Unnamed hot spot';
  }
}

/**
 * The details under the label: for a person date of birth (with age) or estimated age, and roles; for a
 * vehicle colour, make and model; for an address the other lines and place type; and so on.
 * `today` (ISO) is used to work out ages and defaults to the local date.
 */
export function entitySubtitle(e: Entity, today: IsoDate = todayIso(), options: { roles?: boolean } = {}): string {
  switch (e.kind) {
    case 'person': {
      const parts: string[] = [];
      if (e.dob) {
        const age = ageOn(e.dob.value, today);
        parts.push(`DOB ${formatDateUk(e.dob.value)}${age !== null && age >= 0 ? ` (${age})` : ''}`);
      } else if (e.estimatedAge) {
        const { years, asOf } = e.estimatedAge.value;
        parts.push(`Est. age ${years} (as of ${formatDateUk(asOf)})`);
      }
      const roles = options.roles === false ? [] : [...new Set(e.roles.map((r) => r.value))].map((r) => ROLE_LABEL[r]);
      if (roles.length) parts.push(roles.join(', '));
      return parts.join(' · ');
    }
    case 'vehicle': {
      const desc = joinParts([e.colour?.value, e.make?.value, e.model?.value]);
      return joinParts([desc, e.partial ? 'partial plate' : undefined], ' · ');
    }
    case 'phone':
      if (e.phoneType === 'number') {
        const n = clean(e.number?.value);
        const parsed = n ? parsePhoneNumberFromString(n) : undefined;
        return parsed ? `Phone ${parsed.formatInternational()}` : 'Phone';
      }
      return 'Online handle';
    case 'address': {
      const lines = e.lines.value.map((l) => clean(l)).filter(Boolean);
      return joinParts([lines.slice(1).join(', '), PLACE_TYPE_LABEL[e.placeType]], ' · ');
    }
    case 'business': {
      const licences = e.licences.filter((l) => clean(l.value)).length;
      return joinParts(
        [BUSINESS_TYPE_LABEL[e.businessType], licences ? `${licences} licence${licences === 1 ? '' : 's'}` : undefined],
        ' · ',
      );
    }
    case 'hotspot': {
      const desc = clean(e.description);
      return joinParts([HOTSPOT_TYPE_LABEL[e.hotspotType], desc.length > 60 ? `${desc.slice(0, 59)}…` : desc], ' · ');
    }
  }
}
