/**
 * i2 Analyst's Notebook exchange files (ANX, the XML form of a chart): export a chart view, and import a
 * chart as entities, links, intelligence items and positions.
 *
 * What an exported chart carries:
 * - one entity type per kind with an i2 standard icon name (Person, Vehicle/Car, Mobile Phone,
 *   Online Account, Address/House, Organisation, Location), each entity's label (young people by pseudonym),
 *   its identity (the Linkwall id, or the pseudonym), position and notes (as the item description);
 * - attributes in plain-English attribute classes: names by kind (legal name, alias, nickname, street
 *   name), date of birth, estimated age, sex, ethnicity, role, risk level, identifiers, registration
 *   (and whether partial), make, model, colour, phone number, platform and handle, address lines,
 *   postcode, place type, latitude / longitude, business type, licences, hot spot type and description.
 *   Several values of one class are joined with "; " (address lines with line breaks);
 * - links with their type (an i2 link type per Linkwall type, named as in Linkwall), label, dates (the
 *   item date is the start; "Date from" / "Date to" attributes hold both), note, an arrow from `from` to
 *   `to` for directed types (none for associate, family, relationship, seen with, online contact), and a
 *   line strength from the best grade (Confirmed solid A/B, Unconfirmed dashed C/D, Tentative dotted E
 *   or ungraded);
 * - sources: every cited item as a card (agency as source type, reference, date of intelligence, grades,
 *   handling conditions in the summary; the item text only with `includeItemText`), and the strongest
 *   item's reference and grades on the chart item itself. Grades use three grade collections that list
 *   both schemes side by side, written "1 (3x5x2): Reliable", "A (5x5x5): Always reliable"; GradeOne is
 *   the source evaluation, GradeTwo the intelligence assessment, GradeThree the handling code;
 * - the workspace name as the chart title and the security marking in the chart summary (subject,
 *   category and a "Security marking" property).
 * What it does not carry: which item supports which single attribute (cards belong to the whole entity
 * or link), the item text unless asked, a hot spot's reference to its address record, merged-away
 * records, the chart's colours and layout settings, and a visible marking on the chart canvas (i2 shows
 * the summary in the chart properties).
 *
 * Import reads ANX written by Linkwall or by i2 (or other tools): entity types are recognised by name or
 * icon ("Man", "Car", "Telephone", "House", "Company"...), attributes by common names ("DOB", "VRM",
 * "Mobile"...), link types by Linkwall's names or common i2 ones. Every fact cites one new intelligence
 * item describing the file; each card becomes an item (with its grades when they are in the two schemes);
 * a link cites its cards, an entity lists its cards in a note. Malformed files fail with an AnxError that
 * names the element and line.
 */
import type { Grading, Grading3x5x2, Grading5x5x5 } from '../grading';
import { entityLabel, formatPlate, HOTSPOT_TYPE_LABEL } from '../labels';
import {
  BUSINESS_TYPE_LABEL,
  BUSINESS_TYPES,
  ETHNICITIES,
  ETHNICITY_LABEL,
  HOTSPOT_TYPES,
  LINK_TYPE_LABEL,
  LINK_TYPE_REVERSE_LABEL,
  LINK_TYPES,
  LOCATION_PRECISIONS,
  PLACE_TYPE_LABEL,
  PLACE_TYPES,
  RISK_LEVELS,
  ROLE_LABEL,
  ROLES,
  SECURITY_MARKINGS,
  type AgencyType,
  type Entity,
  type EntityKind,
  type Ethnicity,
  type Fact,
  type GeoPoint,
  type Id,
  type Identifier,
  type IntelItem,
  type IsoDate,
  type IsoDateTime,
  type Link,
  type LinkType,
  type NameKind,
  type PersonName,
  type Role,
  type SecurityMarking,
  type Sex,
} from '../model';
import { isIsoDate, normaliseDate, normalisePhone, normalisePlate, normalisePostcode } from '../normalise';
import { newId as randomId, nowIso } from '../util';
import {
  bestStrength,
  chartContents,
  displayLabel,
  isPseudonymised,
  placeEntities,
  strongestItem,
  SYMMETRIC_LINK_TYPES,
  type ChartExportInput,
  type Point,
} from './common';
import { childElements, decodeXmlBytes, describeElement, el, firstChild, localName, parseXml, renderXml, XmlError, type XmlElement, type XmlOut } from './xml';

// ================================================================ shared vocabulary

type AttType = 'AttText' | 'AttTime' | 'AttNumber' | 'AttFlag';

/** Attribute classes Linkwall writes (and reads back first). */
const AC = {
  legal: { name: 'Legal name', type: 'AttText' },
  alias: { name: 'Alias', type: 'AttText' },
  nickname: { name: 'Nickname', type: 'AttText' },
  street: { name: 'Street name', type: 'AttText' },
  pseudonym: { name: 'Pseudonym', type: 'AttFlag' },
  dob: { name: 'Date of birth', type: 'AttTime' },
  estimatedAge: { name: 'Estimated age', type: 'AttText' },
  sex: { name: 'Sex', type: 'AttText' },
  ethnicity: { name: 'Ethnicity', type: 'AttText' },
  role: { name: 'Role', type: 'AttText' },
  risk: { name: 'Risk level', type: 'AttText' },
  identifier: { name: 'Identifier', type: 'AttText' },
  registration: { name: 'Registration', type: 'AttText' },
  partial: { name: 'Partial registration', type: 'AttFlag' },
  make: { name: 'Make', type: 'AttText' },
  model: { name: 'Model', type: 'AttText' },
  colour: { name: 'Colour', type: 'AttText' },
  phone: { name: 'Phone number', type: 'AttText' },
  platform: { name: 'Platform', type: 'AttText' },
  handle: { name: 'Handle', type: 'AttText' },
  address: { name: 'Address', type: 'AttText' },
  postcode: { name: 'Postcode', type: 'AttText' },
  placeType: { name: 'Place type', type: 'AttText' },
  lat: { name: 'Latitude', type: 'AttNumber' },
  lng: { name: 'Longitude', type: 'AttNumber' },
  precision: { name: 'Location precision', type: 'AttText' },
  name: { name: 'Name', type: 'AttText' },
  businessType: { name: 'Business type', type: 'AttText' },
  licence: { name: 'Licence', type: 'AttText' },
  hotspotType: { name: 'Hot spot type', type: 'AttText' },
  hotspotDescription: { name: 'Hot spot description', type: 'AttText' },
  dateFrom: { name: 'Date from', type: 'AttTime' },
  dateTo: { name: 'Date to', type: 'AttTime' },
} as const satisfies Record<string, { name: string; type: AttType }>;
type AcKey = keyof typeof AC;

/** Other names for the same attribute in charts made elsewhere (compared folded: lower case, letters and digits only). */
const AC_SYNONYMS: Partial<Record<AcKey, string[]>> = {
  legal: ['name', 'fullname', 'personname', 'legalname'],
  alias: ['aliases', 'aka', 'alsoknownas', 'othername'],
  nickname: ['nicknames', 'knownas', 'nick'],
  street: ['streetnames'],
  dob: ['dob', 'dateofbirth', 'birthdate', 'born'],
  sex: ['gender'],
  role: ['roles'],
  risk: ['risk'],
  identifier: ['identifiers', 'pnc', 'pncid'],
  registration: ['vrm', 'reg', 'registrationnumber', 'vehicleregistration', 'numberplate', 'plate', 'index'],
  colour: ['color'],
  phone: ['telephonenumber', 'phone', 'mobile', 'mobilenumber', 'telephone', 'number', 'msisdn'],
  handle: ['username', 'account', 'email', 'emailaddress'],
  address: ['addressline', 'addresslines', 'street', 'fulladdress'],
  postcode: ['postalcode', 'zip', 'zipcode'],
  lat: ['lat'],
  lng: ['long', 'lon'],
  licence: ['licences', 'license', 'licenses'],
  hotspotDescription: ['description'],
};

const fold = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** i2 entity types per kind (phones split into numbers and online accounts). */
const ENTITY_TYPES = {
  person: { name: 'Person', iconFile: 'Person' },
  vehicle: { name: 'Vehicle', iconFile: 'Car' },
  phone: { name: 'Mobile Phone', iconFile: 'Mobile Phone' },
  handle: { name: 'Online Account', iconFile: 'Internet' },
  address: { name: 'Address', iconFile: 'House' },
  business: { name: 'Organisation', iconFile: 'Organisation' },
  hotspot: { name: 'Location', iconFile: 'Location' },
} as const;
type AnxEntityType = keyof typeof ENTITY_TYPES;

/** Words that identify a kind in foreign charts' type names and icon names (folded). */
const KIND_WORDS: [AnxEntityType, string[]][] = [
  ['handle', ['onlineaccount', 'email', 'emailaddress', 'internet', 'socialmedia', 'website', 'username', 'handle', 'onlinehandle']],
  ['phone', ['mobilephone', 'mobile', 'phone', 'telephone', 'cellphone', 'sim', 'handset', 'landline', 'communicationdevice']],
  ['person', ['person', 'man', 'woman', 'male', 'female', 'boy', 'girl', 'child', 'suspect', 'victim', 'offender', 'witness', 'individual', 'nominal', 'people']],
  ['vehicle', ['vehicle', 'car', 'van', 'lorry', 'truck', 'motorcycle', 'motorbike', 'taxi', 'bus', 'numberplate']],
  ['address', ['address', 'house', 'flat', 'residence', 'home', 'building', 'property', 'premises']],
  ['business', ['organisation', 'organization', 'business', 'company', 'shop', 'firm', 'takeaway', 'hotel', 'pub', 'bar', 'restaurant', 'store']],
  ['hotspot', ['location', 'place', 'hotspot', 'area', 'park', 'site', 'carpark']],
];

function kindOfType(typeName: string, iconFile: string): AnxEntityType | null {
  const names = [fold(typeName), fold(iconFile)].filter(Boolean);
  for (const n of names) for (const [kind, words] of KIND_WORDS) if (words.includes(n)) return kind;
  for (const n of names) for (const [kind, words] of KIND_WORDS) if (words.some((w) => w.length >= 4 && n.includes(w))) return kind;
  return null;
}

// ---------------------------------------------------------------- grades

const SOURCE_5X5X5_MEANING = { A: 'Always reliable', B: 'Mostly reliable', C: 'Sometimes reliable', D: 'Unreliable', E: 'Untested source' } as const;
const INTEL_5X5X5_MEANING = {
  '1': 'Known to be true without reservation',
  '2': 'Known personally to the source but not to the officer',
  '3': 'Not personally known to the source but corroborated',
  '4': 'Cannot be judged',
  '5': 'Suspected to be false or malicious',
} as const;
const HANDLING_5X5X5_MEANING = {
  '1': 'May be disseminated to other law enforcement and prosecuting agencies',
  '2': 'May be disseminated to UK non-prosecuting parties',
  '3': 'May be disseminated to foreign law enforcement agencies',
  '4': 'Only within the originating agency',
  '5': 'No further dissemination: refer to the originator',
} as const;
const SOURCE_3X5X2_MEANING = { '1': 'Reliable', '2': 'Untested', '3': 'Not reliable' } as const;
const INTEL_3X5X2_MEANING = {
  A: 'Known directly to the source',
  B: 'Known indirectly to the source but corroborated',
  C: 'Known indirectly to the source',
  D: 'Not known',
  E: 'Suspected to be false',
} as const;
const HANDLING_3X5X2_MEANING = { P: 'Lawful sharing permitted', C: 'Lawful sharing permitted with conditions' } as const;

interface GradeEntry {
  scheme: '3x5x2' | '5x5x5';
  code: string;
  text: string;
}
const gradeList = (pairs: [GradeEntry['scheme'], Record<string, string>][]): GradeEntry[] =>
  pairs.flatMap(([scheme, meanings]) => Object.entries(meanings).map(([code, meaning]) => ({ scheme, code, text: `${code} (${scheme}): ${meaning}` })));

/** GradeOne: source evaluation; GradeTwo: intelligence assessment; GradeThree: handling. Both schemes, never converted. */
const GRADES: [GradeEntry[], GradeEntry[], GradeEntry[]] = [
  gradeList([['3x5x2', SOURCE_3X5X2_MEANING], ['5x5x5', SOURCE_5X5X5_MEANING]]),
  gradeList([['3x5x2', INTEL_3X5X2_MEANING], ['5x5x5', INTEL_5X5X5_MEANING]]),
  gradeList([['3x5x2', HANDLING_3X5X2_MEANING], ['5x5x5', HANDLING_5X5X5_MEANING]]),
];

function gradeIndices(g: Grading): [number, number, number] | null {
  if (g.scheme === 'ungraded') return null;
  const find = (list: GradeEntry[], code: string): number => list.findIndex((e) => e.scheme === g.scheme && e.code === code);
  const idx: [number, number, number] = [find(GRADES[0], g.source), find(GRADES[1], g.intelligence), find(GRADES[2], g.handling)];
  return idx.every((i) => i >= 0) ? idx : null;
}

/** Reads "2 (3x5x2): Untested" back into a scheme and code. */
function parseGradeText(text: string): { scheme: '3x5x2' | '5x5x5'; code: string } | null {
  const m = /^\s*([A-Z0-9])\s*\((3x5x2|5x5x5)\)/i.exec(text);
  if (!m || !m[1] || !m[2]) return null;
  return { scheme: m[2].toLowerCase() as '3x5x2' | '5x5x5', code: m[1].toUpperCase() };
}

function gradingFrom(texts: [string | undefined, string | undefined, string | undefined]): Grading | null {
  const [s, i, h] = texts.map((t) => (t === undefined ? null : parseGradeText(t)));
  if (!s || !i || !h || s.scheme !== i.scheme || i.scheme !== h.scheme) return null;
  if (s.scheme === '3x5x2') {
    if (!(s.code in SOURCE_3X5X2_MEANING) || !(i.code in INTEL_3X5X2_MEANING) || !(h.code in HANDLING_3X5X2_MEANING)) return null;
    return { scheme: '3x5x2', source: s.code, intelligence: i.code, handling: h.code } as Grading3x5x2;
  }
  if (!(s.code in SOURCE_5X5X5_MEANING) || !(i.code in INTEL_5X5X5_MEANING) || !(h.code in HANDLING_5X5X5_MEANING)) return null;
  return { scheme: '5x5x5', source: s.code, intelligence: i.code, handling: h.code } as Grading5x5x5;
}

const STRENGTH_NAME = { strong: 'Confirmed', medium: 'Unconfirmed', weak: 'Tentative' } as const;

const SEX_LABEL: Record<Sex, string> = { female: 'Female', male: 'Male', other: 'Other', unknown: 'Unknown' };
const RISK_LABEL = { unknown: 'Unknown', low: 'Low', medium: 'Medium', high: 'High' } as const;
const PRECISION_LABEL = { exact: 'Exact', postcode: 'Postcode', district: 'District', manual: 'Placed by hand' } as const;

// ================================================================ export

export interface AnxExportOptions {
  /** Put each cited item's text on its card (default false: agency, reference, date and grades only). */
  includeItemText?: boolean;
}

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
const anxDateTime = (d: IsoDate): string => `${d}T00:00:00.000`;
const attTime = (d: IsoDate): string => `${d}T00:00:00`;

/** The chart view as an ANX document (UTF-8 XML text). */
export function toAnx(input: ChartExportInput, options: AnxExportOptions = {}): string {
  const { entities, links, items } = chartContents(input);
  const positions = placeEntities(input, entities);
  const pseudonyms = input.pseudonyms;
  let nextId = 0;
  const id = (): string => `ID${++nextId}`;

  const strengthIds = { Default: id(), Confirmed: id(), Unconfirmed: id(), Tentative: id() };
  const strengthStyle = { Default: 'DotStyleSolid', Confirmed: 'DotStyleSolid', Unconfirmed: 'DotStyleDashed', Tentative: 'DotStyleDotted' } as const;
  const gradeIds = GRADES.map((list) => list.map(() => id()));

  const usedClasses = new Map<AcKey, string>();
  const classRef = (k: AcKey): string => {
    let ref = usedClasses.get(k);
    if (!ref) {
      ref = id();
      usedClasses.set(k, ref);
    }
    return ref;
  };
  const usedTypes = new Map<AnxEntityType, string>();
  const typeRef = (t: AnxEntityType): string => {
    let ref = usedTypes.get(t);
    if (!ref) {
      ref = id();
      usedTypes.set(t, ref);
    }
    return ref;
  };
  const usedLinkTypes = new Map<LinkType, string>();
  const linkTypeRef = (t: LinkType): string => {
    let ref = usedLinkTypes.get(t);
    if (!ref) {
      ref = id();
      usedLinkTypes.set(t, ref);
    }
    return ref;
  };

  const attribute = (k: AcKey, value: string | number | boolean): XmlOut =>
    el('Attribute', { AttributeClass: AC[k].name, AttributeClassReference: classRef(k), Value: String(value) });

  const gradeAttrs = (item: IntelItem | undefined): Record<string, string | undefined> => {
    const idx = item ? gradeIndices(item.grading) : null;
    return idx ? { GradeOneIndex: String(idx[0]), GradeTwoIndex: String(idx[1]), GradeThreeIndex: String(idx[2]) } : {};
  };

  const cards = (sources: readonly Id[], withhold: boolean): XmlOut | null => {
    const cited = [...new Set(sources)].map((s) => items.get(s)).filter((i): i is IntelItem => !!i);
    if (!cited.length) return null;
    return el(
      'CardCollection',
      undefined,
      cited.map((item) => {
        const date = item.dateOfIntelligence ?? item.dateRecorded;
        const g = item.grading;
        const conditions =
          g.scheme === '3x5x2' && g.handling === 'C' ? [g.actionCode, g.sanitisation, g.conditions?.trim()].filter(Boolean).join(' ') : '';
        const reference = withhold ? '' : item.reference.trim();
        const summary = `${item.agency.trim()}${reference ? `: ${reference}` : ''}${conditions ? `; handling conditions: ${conditions}` : ''}`;
        return el('Card', {
          Summary: summary,
          DateSet: date ? 'true' : undefined,
          DateTime: date ? anxDateTime(date) : undefined,
          SourceType: item.agency.trim() || undefined,
          SourceReference: reference || undefined,
          ...gradeAttrs(item),
          Text: options.includeItemText && item.text.trim() ? item.text : undefined,
        });
      }),
    );
  };

  const entityIds = new Map<Id, number>();
  const chartItems: XmlOut[] = [];

  for (const e of entities) {
    const entityNo = entityIds.size + 1;
    entityIds.set(e.id, entityNo);
    const pseudo = isPseudonymised(e, pseudonyms);
    const label = displayLabel(e, pseudonyms);
    const pos = positions.get(e.id) ?? { x: 0, y: 0 };
    const attrs: XmlOut[] = [];
    const add = (k: AcKey, value: string | number | boolean | undefined): void => {
      if (value === undefined || value === '' || (typeof value === 'number' && !Number.isFinite(value))) return;
      attrs.push(attribute(k, value));
    };
    const joined = (values: (string | undefined)[]): string => [...new Set(values.map((v) => (v ?? '').trim()).filter(Boolean))].join('; ');
    let anxType: AnxEntityType = e.kind;
    // Sources of what is exported: a pseudonymised person's withheld facts do not count.
    let sources: Id[] = [];
    const cite = (f: { sources: Id[] } | undefined): void => {
      if (f) sources.push(...f.sources);
    };
    switch (e.kind) {
      case 'person': {
        if (pseudo) add('pseudonym', true);
        else {
          // Classes in the order their first name comes, so the import can keep the order.
          for (const kind of [...new Set(e.names.map((n) => n.kind))]) {
            const names = e.names.filter((n) => n.kind === kind);
            add(kind, joined(names.map((n) => n.full.trim() || `${n.given} ${n.family}`.trim())));
            names.forEach(cite);
          }
          if (e.dob && isIsoDate(e.dob.value)) add('dob', attTime(e.dob.value));
          cite(e.dob);
          if (e.estimatedAge) add('estimatedAge', `${e.estimatedAge.value.years} (as of ${e.estimatedAge.value.asOf})`);
          cite(e.estimatedAge);
          if (e.ethnicity.value !== 'unknown') {
            add('ethnicity', ETHNICITY_LABEL[e.ethnicity.value]);
            cite(e.ethnicity);
          }
          add('identifier', joined(e.identifiers.map((i) => `${i.value.scheme.trim()}: ${i.value.value.trim()}`)));
          e.identifiers.forEach(cite);
        }
        if (e.sex.value !== 'unknown') {
          add('sex', SEX_LABEL[e.sex.value]);
          cite(e.sex);
        }
        add('role', joined(e.roles.map((r) => ROLE_LABEL[r.value])));
        e.roles.forEach(cite);
        if (e.riskLevel) add('risk', RISK_LABEL[e.riskLevel.value]);
        cite(e.riskLevel);
        break;
      }
      case 'vehicle':
        if (e.registration) add('registration', formatPlate(e.registration.value));
        if (e.partial) add('partial', true);
        add('make', e.make?.value.trim());
        add('model', e.model?.value.trim());
        add('colour', e.colour?.value.trim());
        [e.registration, e.make, e.model, e.colour].forEach(cite);
        break;
      case 'phone':
        if (e.phoneType === 'handle') anxType = 'handle';
        add('phone', e.number?.value.trim());
        add('platform', e.platform?.trim());
        add('handle', e.handle?.value.trim());
        [e.number, e.handle].forEach(cite);
        break;
      case 'address':
        add('address', e.lines.value.join('\n').trim() ? e.lines.value.join('\n') : undefined);
        add('postcode', e.postcode?.value);
        add('placeType', PLACE_TYPE_LABEL[e.placeType]);
        if (e.location) {
          add('lat', e.location.value.lat);
          add('lng', e.location.value.lng);
          add('precision', PRECISION_LABEL[e.location.value.precision]);
        }
        [e.lines, e.postcode, e.location].forEach(cite);
        break;
      case 'business':
        add('name', e.name.value);
        add('businessType', BUSINESS_TYPE_LABEL[e.businessType]);
        add('licence', joined(e.licences.map((l) => l.value)));
        cite(e.name);
        e.licences.forEach(cite);
        break;
      case 'hotspot':
        add('name', e.name.value);
        add('hotspotType', HOTSPOT_TYPE_LABEL[e.hotspotType]);
        add('hotspotDescription', e.description.trim() || undefined);
        if (e.location) {
          add('lat', e.location.value.lat);
          add('lng', e.location.value.lng);
          add('precision', PRECISION_LABEL[e.location.value.precision]);
        }
        [e.name, e.location].forEach(cite);
        break;
    }
    const notes = pseudo ? [] : e.notes.filter((n) => n.value.trim());
    notes.forEach(cite);
    sources = [...new Set(sources)];
    const best = strongestItem(sources, items);
    const type = ENTITY_TYPES[anxType];
    const cardCollection = cards(sources, pseudo);
    chartItems.push(
      el(
        'ChartItem',
        {
          Id: id(),
          Label: label,
          Description: notes.length ? notes.map((n) => n.value.trim()).join('\n\n') : undefined,
          XPosition: pos.x,
          SourceType: best?.agency.trim() || undefined,
          SourceReference: best && !pseudo ? best.reference.trim() || undefined : undefined,
          ...gradeAttrs(best),
        },
        [
          el('End', { X: pos.x, Y: pos.y, Z: 0 }, [
            el('Entity', { EntityId: entityNo, Identity: pseudo ? label : e.id, LabelIsIdentity: 'false' }, [
              el('Icon', undefined, [el('IconStyle', { Type: type.name, EntityTypeReference: typeRef(anxType) })]),
              ...(cardCollection ? [cardCollection] : []),
            ]),
          ]),
          ...(attrs.length ? [el('AttributeCollection', undefined, attrs)] : []),
        ],
      ),
    );
  }

  for (const l of links) {
    const end1 = entityIds.get(l.from);
    const end2 = entityIds.get(l.to);
    if (end1 === undefined || end2 === undefined) continue;
    const fromPseudo = pseudonyms?.has(l.from) ?? false;
    const toPseudo = pseudonyms?.has(l.to) ?? false;
    const withhold = fromPseudo || toPseudo;
    const best = strongestItem(l.sources, items);
    const attrs: XmlOut[] = [];
    if (l.dateFrom && isIsoDate(l.dateFrom)) attrs.push(attribute('dateFrom', attTime(l.dateFrom)));
    if (l.dateTo && isIsoDate(l.dateTo)) attrs.push(attribute('dateTo', attTime(l.dateTo)));
    const cardCollection = cards(l.sources, withhold);
    const strength = STRENGTH_NAME[bestStrength(l.sources, items)];
    const dated = l.dateFrom && isIsoDate(l.dateFrom) ? l.dateFrom : undefined;
    chartItems.push(
      el(
        'ChartItem',
        {
          Id: id(),
          Label: LINK_TYPE_LABEL[l.type],
          Description: l.note?.trim() || undefined,
          DateSet: dated ? 'true' : undefined,
          DateTime: dated ? anxDateTime(dated) : undefined,
          SourceType: best?.agency.trim() || undefined,
          SourceReference: best && !withhold ? best.reference.trim() || undefined : undefined,
          ...gradeAttrs(best),
        },
        [
          el('Link', { End1Id: end1, End2Id: end2 }, [
            ...(cardCollection ? [cardCollection] : []),
            el('LinkStyle', {
              Strength: strength,
              ArrowStyle: SYMMETRIC_LINK_TYPES.has(l.type) ? undefined : 'ArrowOnHead',
              Type: LINK_TYPE_LABEL[l.type],
              LinkTypeReference: linkTypeRef(l.type),
            }),
          ]),
          ...(attrs.length ? [el('AttributeCollection', undefined, attrs)] : []),
        ],
      ),
    );
  }

  const exportedAt = input.exportedAt ?? nowIso();
  const marking = input.workspace.marking;
  const pseudoCount = entities.filter((e) => isPseudonymised(e, pseudonyms)).length;
  const comments = [
    `Exported from Linkwall on ${exportedAt.slice(0, 10)}: ${count(entities.length, 'entity', 'entities')} and ${count(links.length, 'link', 'links')}.`,
    pseudoCount ? `${pseudoCount} young ${pseudoCount === 1 ? 'person is' : 'people are'} shown by pseudonym.` : '',
    `Handle as ${marking}.`,
  ]
    .filter(Boolean)
    .join(' ');

  const chart = el('Chart', { IdReferenceLinking: 'false' }, [
    el('ApplicationVersion', { Major: 9, Minor: 0, Point: 0, Build: 0 }),
    el(
      'StrengthCollection',
      undefined,
      (Object.keys(strengthIds) as (keyof typeof strengthIds)[]).map((name) => el('Strength', { Id: strengthIds[name], Name: name, DotStyle: strengthStyle[name] })),
    ),
    ...(['GradeOne', 'GradeTwo', 'GradeThree'] as const).map((tag, g) =>
      el(tag, undefined, [
        el(
          'StringCollection',
          undefined,
          (GRADES[g] ?? []).map((entry, i) => el('String', { Id: gradeIds[g]?.[i], Text: entry.text })),
        ),
      ]),
    ),
    ...(usedClasses.size
      ? [
          el(
            'AttributeClassCollection',
            undefined,
            [...usedClasses].map(([k, ref]) =>
              el('AttributeClass', {
                Id: ref,
                Name: AC[k].name,
                Type: AC[k].type,
                IsUser: 'true',
                UserCanAdd: 'true',
                UserCanRemove: 'true',
                ShowValue: 'true',
                ShowClassName: AC[k].type === 'AttFlag' ? 'true' : undefined,
              }),
            ),
          ),
        ]
      : []),
    ...(usedTypes.size
      ? [
          el(
            'EntityTypeCollection',
            undefined,
            [...usedTypes].map(([t, ref]) =>
              el('EntityType', { Id: ref, Name: ENTITY_TYPES[t].name, IconFile: ENTITY_TYPES[t].iconFile, PreferredRepresentation: 'RepresentAsIcon' }),
            ),
          ),
        ]
      : []),
    ...(usedLinkTypes.size
      ? [el('LinkTypeCollection', undefined, [...usedLinkTypes].map(([t, ref]) => el('LinkType', { Id: ref, Name: LINK_TYPE_LABEL[t], Colour: 0 })))]
      : []),
    el('Summary', undefined, [
      el('FieldCollection', undefined, [
        el('Field', { Type: 'SummaryFieldTitle', Field: input.workspace.name }),
        el('Field', { Type: 'SummaryFieldSubject', Field: `Security marking: ${marking}` }),
        el('Field', { Type: 'SummaryFieldCategory', Field: marking }),
        el('Field', { Type: 'SummaryFieldComments', Field: comments }),
      ]),
      el('CustomPropertyCollection', undefined, [
        el('CustomProperty', { Name: 'Security marking', Type: 'String', Value: marking }),
        el('CustomProperty', { Name: 'Exported by', Type: 'String', Value: 'Linkwall' }),
      ]),
      el('Origin', { CreatedDate: exportedAt.slice(0, 19), EditTime: 0, RevisionNumber: 1 }),
    ]),
    el('ChartItemCollection', undefined, chartItems),
  ]);
  return renderXml(chart, { comment: `${marking}: ${input.workspace.name}` });
}

// ================================================================ import

export class AnxError extends Error {
  readonly line: number | undefined;
  readonly column: number | undefined;
  constructor(message: string, line?: number, column?: number) {
    super(message);
    this.name = 'AnxError';
    this.line = line;
    this.column = column;
  }
}

export interface AnxImportOptions {
  /** The workspace the records are made for. */
  workspaceId: Id;
  /** The file's name, recorded on the import item. */
  fileName?: string;
  /** Who is importing (the import item's author). */
  user?: string;
  /** The time of the import (defaults to now). */
  now?: IsoDateTime;
  /** Id maker (defaults to random ids with the usual prefixes). */
  newId?: (prefix: string) => string;
}

export interface AnxImportResult {
  title: string | null;
  marking: SecurityMarking | null;
  entities: Entity[];
  links: Link[];
  /** The item describing the file (first) and one per distinct source card. */
  items: IntelItem[];
  /** The id of the item describing the file, which every imported fact cites. */
  fileItemId: Id;
  positions: Record<Id, Point>;
  /** The i2 identity of each imported entity, by new id. */
  identities: Record<Id, string>;
  /** Things imported approximately or left out (unknown entity or link types, unreadable values). */
  warnings: string[];
}

interface RawCard {
  agency: string;
  reference: string;
  date?: IsoDate;
  grades: [string | undefined, string | undefined, string | undefined];
  summary: string;
  text: string;
}

const fail = (element: XmlElement, message: string): never => {
  throw new AnxError(`${describeElement(element)}: ${message}`, element.line, element.column);
};

function dateOf(value: string | undefined): IsoDate | undefined {
  if (!value) return undefined;
  const iso = /^(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]*(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(value.trim());
  if (iso?.[1] && isIsoDate(iso[1])) return iso[1];
  const r = normaliseDate(value.split(/[T ]/)[0] ?? '');
  return r.ok ? r.value : undefined;
}

function guessAgencyType(agency: string): AgencyType {
  const a = agency.toLowerCase();
  if (/police|constabulary|\bmet\b|\bnca\b|crime agency/.test(a)) return 'police';
  if (/social care|children'?s services|\bcsc\b|social services|safeguarding/.test(a)) return 'childrens-social-care';
  if (/\bnhs\b|health|hospital|\bgp\b|sexual health|ambulance/.test(a)) return 'health';
  if (/school|academy|college|education/.test(a)) return 'education';
  if (/youth offending|youth justice|\byot\b/.test(a)) return 'youth-offending';
  if (/housing|homes/.test(a)) return 'housing';
  if (/probation/.test(a)) return 'probation';
  if (/charity|barnardo|nspcc|voluntary|trust\b/.test(a)) return 'voluntary-sector';
  return 'other';
}

function byLabel<K extends string>(value: string, ids: readonly K[], labels: Record<K, string>): K | undefined {
  const f = fold(value);
  return ids.find((k) => fold(labels[k]) === f || fold(k) === f);
}

/** Splits a name into given and family names without changing its case: "Smith, Darren" or "Darren Smith". */
function splitName(full: string): { given: string; family: string } {
  const text = full.replace(/\s+/g, ' ').trim();
  const comma = text.indexOf(',');
  if (comma >= 0) return { given: text.slice(comma + 1).trim(), family: text.slice(0, comma).trim() };
  const space = text.lastIndexOf(' ');
  return space < 0 ? { given: text, family: '' } : { given: text.slice(0, space), family: text.slice(space + 1) };
}

const splitList = (v: string): string[] =>
  v
    .split(/;\s*/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Reads an ANX document (text, or the file's bytes) into Linkwall records. Throws AnxError when the file is malformed. */
export function fromAnx(input: string | Uint8Array, options: AnxImportOptions): AnxImportResult {
  let text: string;
  try {
    text = typeof input === 'string' ? input : decodeXmlBytes(input);
  } catch (e) {
    throw new AnxError(`This file cannot be read as an ANX chart: ${(e as Error).message}`);
  }
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (e) {
    if (e instanceof XmlError) throw new AnxError(`This file is not well-formed XML, so it cannot be an ANX chart. ${e.message}`, e.line, e.column);
    throw e;
  }
  if (localName(root.name) !== 'Chart')
    throw new AnxError(`This is not an i2 ANX chart: its root element is <${root.name}> (line ${root.line}), where <Chart> was expected.`, root.line, root.column);

  const makeId = options.newId ?? randomId;
  const now = options.now ?? nowIso();
  const today = now.slice(0, 10);
  const warnings: string[] = [];
  const fileName = options.fileName?.trim() || 'ANX file';

  // ------------------------------------------------ chart-level collections
  const attributeClasses = new Map<string, string>();
  for (const coll of childElements(root, 'AttributeClassCollection'))
    for (const ac of childElements(coll, 'AttributeClass')) {
      const acId = ac.attributes.Id;
      const name = ac.attributes.Name;
      if (!name) fail(ac, 'an attribute class has no Name.');
      if (acId) attributeClasses.set(acId, name as string);
    }
  const entityTypes = new Map<string, { name: string; iconFile: string }>();
  for (const coll of childElements(root, 'EntityTypeCollection'))
    for (const et of childElements(coll, 'EntityType')) {
      if (et.attributes.Id) entityTypes.set(et.attributes.Id, { name: et.attributes.Name ?? '', iconFile: et.attributes.IconFile ?? '' });
    }
  const linkTypes = new Map<string, string>();
  for (const coll of childElements(root, 'LinkTypeCollection'))
    for (const lt of childElements(coll, 'LinkType')) if (lt.attributes.Id) linkTypes.set(lt.attributes.Id, lt.attributes.Name ?? '');
  const gradeTexts = (['GradeOne', 'GradeTwo', 'GradeThree'] as const).map((tag) => {
    const g = firstChild(root, tag);
    const sc = g ? firstChild(g, 'StringCollection') : undefined;
    return sc ? childElements(sc, 'String').map((s) => s.attributes.Text ?? '') : [];
  });

  let title: string | null = null;
  let marking: SecurityMarking | null = null;
  let createdDate: IsoDate | undefined;
  const summary = firstChild(root, 'Summary');
  if (summary) {
    const fields = firstChild(summary, 'FieldCollection');
    for (const f of fields ? childElements(fields, 'Field') : []) {
      const value = f.attributes.Field ?? '';
      if (f.attributes.Type === 'SummaryFieldTitle' && value.trim()) title = value.trim();
      if (f.attributes.Type === 'SummaryFieldCategory' && (SECURITY_MARKINGS as readonly string[]).includes(value.trim())) marking = value.trim() as SecurityMarking;
    }
    const props = firstChild(summary, 'CustomPropertyCollection');
    for (const p of props ? childElements(props, 'CustomProperty') : []) {
      const value = (p.attributes.Value ?? '').trim();
      if (fold(p.attributes.Name ?? '') === 'securitymarking' && (SECURITY_MARKINGS as readonly string[]).includes(value)) marking = value as SecurityMarking;
    }
    createdDate = dateOf(firstChild(summary, 'Origin')?.attributes.CreatedDate);
  }

  const collection = firstChild(root, 'ChartItemCollection');
  if (!collection) throw new AnxError(`The chart has no <ChartItemCollection> (the element that holds its entities and links), so there is nothing to import.`, root.line, root.column);

  // ------------------------------------------------ items
  const fileItemId = makeId('it');
  const items: IntelItem[] = [];
  const itemByKey = new Map<string, Id>();
  const gradeIndex = (element: XmlElement, attr: string, g: 0 | 1 | 2): string | undefined => {
    const raw = element.attributes[attr];
    if (raw === undefined || raw.trim() === '' || raw.trim() === '-1') return undefined;
    const n = Number(raw);
    const list = gradeTexts[g] ?? [];
    if (!Number.isInteger(n) || n < 0 || n >= list.length)
      fail(element, `${attr}="${raw}" does not point into the chart's ${['GradeOne', 'GradeTwo', 'GradeThree'][g]} list (${list.length} ${list.length === 1 ? 'entry' : 'entries'}).`);
    return list[n];
  };
  const readCard = (c: XmlElement): RawCard => {
    const date = c.attributes.DateSet === 'true' ? dateOf(c.attributes.DateTime) : undefined;
    return {
      agency: (c.attributes.SourceType ?? '').trim(),
      reference: (c.attributes.SourceReference ?? '').trim(),
      ...(date ? { date } : {}),
      grades: [gradeIndex(c, 'GradeOneIndex', 0), gradeIndex(c, 'GradeTwoIndex', 1), gradeIndex(c, 'GradeThreeIndex', 2)],
      summary: (c.attributes.Summary ?? '').trim(),
      text: (c.attributes.Text ?? '').trim(),
    };
  };
  const itemFor = (card: RawCard): Id => {
    const grading = gradingFrom(card.grades);
    const gradeNote =
      !grading && card.grades.some((g) => g !== undefined)
        ? ` Grades on the chart: ${card.grades.map((g, i) => (g === undefined ? '' : `${['source', 'intelligence', 'handling'][i]} "${g}"`)).filter(Boolean).join(', ')}.`
        : '';
    const agency = card.agency || 'Unknown source (i2 chart)';
    const body = card.text || card.summary || `A source cited on the i2 chart "${title ?? fileName}".`;
    const item: Omit<IntelItem, 'id'> = {
      workspaceId: options.workspaceId,
      agency,
      agencyType: guessAgencyType(agency),
      reference: card.reference,
      author: '',
      ...(card.date && card.date <= today ? { dateOfIntelligence: card.date } : {}),
      dateRecorded: today,
      text: `${body}${gradeNote}`,
      statementType: 'fact',
      grading: grading ?? { scheme: 'ungraded' },
      createdAt: now,
      updatedAt: now,
    };
    const key = JSON.stringify([item.agency, item.reference, item.grading, item.dateOfIntelligence ?? '', item.text]);
    const known = itemByKey.get(key);
    if (known) return known;
    const itemId = makeId('it');
    itemByKey.set(key, itemId);
    items.push({ id: itemId, ...item });
    return itemId;
  };
  /** Items for a chart item's cards, or for its own source fields when it has no cards. */
  const cardItems = (chartItem: XmlElement, holder: XmlElement): Id[] => {
    const coll = firstChild(holder, 'CardCollection');
    const cardEls = coll ? childElements(coll, 'Card') : [];
    if (cardEls.length) return [...new Set(cardEls.map((c) => itemFor(readCard(c))))];
    const own = readCard(chartItem);
    if (own.agency || own.reference || own.grades.some((g) => g !== undefined)) return [itemFor({ agency: own.agency, reference: own.reference, grades: own.grades, summary: '', text: '' })];
    return [];
  };

  // ------------------------------------------------ attributes
  const readAttributes = (chartItem: XmlElement): Map<string, string[]> => {
    const out = new Map<string, string[]>();
    for (const coll of childElements(chartItem, 'AttributeCollection'))
      for (const a of childElements(coll, 'Attribute')) {
        const ref = a.attributes.AttributeClassReference;
        const name = a.attributes.AttributeClass ?? (ref !== undefined ? attributeClasses.get(ref) : undefined);
        if (name === undefined)
          fail(a, ref !== undefined ? `AttributeClassReference="${ref}" names no attribute class of the chart.` : 'an attribute names no attribute class.');
        const key = fold(name as string);
        const list = out.get(key) ?? [];
        list.push(a.attributes.Value ?? '');
        out.set(key, list);
      }
    return out;
  };
  const attrValues = (attrs: Map<string, string[]>, k: AcKey): string[] => {
    const own = attrs.get(fold(AC[k].name));
    if (own) return own;
    for (const syn of AC_SYNONYMS[k] ?? []) {
      const v = attrs.get(syn);
      if (v) return v;
    }
    return [];
  };
  const attr1 = (attrs: Map<string, string[]>, k: AcKey): string | undefined => {
    const v = attrValues(attrs, k)
      .map((s) => s.trim())
      .filter(Boolean);
    return v.length ? v.join('; ') : undefined;
  };

  // ------------------------------------------------ chart items
  const src = (): Id[] => [fileItemId];
  const fact = <T>(value: T): Fact<T> => ({ value, sources: src() });
  const entities: Entity[] = [];
  const positions: Record<Id, Point> = {};
  const identities: Record<Id, string> = {};
  const byEntityId = new Map<string, Id>();
  const byChartItemId = new Map<string, Id>();
  const byIdentity = new Map<string, Id>();
  const skippedEnds = new Map<string, string>();
  const linkItems: XmlElement[] = [];
  const seenEntityIds = new Map<string, XmlElement>();

  for (const ci of childElements(collection, 'ChartItem')) {
    const end = firstChild(ci, 'End');
    const entityEl = end ? firstChild(end, 'Entity') : undefined;
    const linkEl = firstChild(ci, 'Link');
    if (linkEl) {
      linkItems.push(ci);
      continue;
    }
    if (!end || !entityEl) {
      warnings.push(`${describeElement(ci)} is neither an entity nor a link; it was left out.`);
      continue;
    }
    const entityNo = entityEl.attributes.EntityId;
    if (entityNo !== undefined) {
      const prev = seenEntityIds.get(entityNo);
      if (prev) fail(ci, `EntityId="${entityNo}" is also used by ${describeElement(prev)}; each entity needs its own.`);
      seenEntityIds.set(entityNo, ci);
    }
    const label = (ci.attributes.Label ?? '').replace(/\s+/g, ' ').trim();
    const identity = entityEl.attributes.Identity ?? '';
    const style = childElements(entityEl).flatMap((rep) => (localName(rep.name) === 'CardCollection' ? [] : childElements(rep))).find((s) => /Style$/.test(localName(s.name)));
    const typeRef = style?.attributes.EntityTypeReference;
    const declared = typeRef !== undefined ? entityTypes.get(typeRef) : undefined;
    const typeName = style?.attributes.Type ?? declared?.name ?? '';
    const iconFile = declared?.iconFile ?? [...entityTypes.values()].find((t) => t.name === typeName)?.iconFile ?? '';
    const anxType = kindOfType(typeName, iconFile);
    const where = describeElement(ci);
    if (!anxType) {
      warnings.push(`${where} ("${label || identity}") has the entity type "${typeName || 'none'}", which is not a person, vehicle, phone, address, business or location; it was left out, with its links.`);
      if (entityNo !== undefined) skippedEnds.set(`id:${entityNo}`, label || identity);
      if (ci.attributes.Id) skippedEnds.set(`ci:${ci.attributes.Id}`, label || identity);
      if (identity) skippedEnds.set(`identity:${identity}`, label || identity);
      continue;
    }
    const attrs = readAttributes(ci);
    const entity = buildEntity(anxType, label, attrs, {
      id: makeId(anxType === 'handle' ? 'ph' : anxType === 'hotspot' ? 'h' : anxType[0] ?? 'e'),
      fact,
      sources: src,
      attrValues,
      attr1,
      warn: (m) => warnings.push(`${where} ("${label || identity}"): ${m}`),
      workspaceId: options.workspaceId,
      now,
      today,
    });
    const description = (ci.attributes.Description ?? '').trim();
    if (description) for (const note of description.split(/\n\s*\n/)) if (note.trim()) entity.notes.push(fact(note.trim()));
    const cited = cardItems(ci, entityEl);
    if (cited.length) entity.notes.push({ value: 'Sources cited for this entity on the imported i2 chart (not tied to one attribute).', sources: cited });
    if (label && !attrs.has(fold(AC.pseudonym.name)) && entityLabel(entity) !== label) entity.notes.push(fact(`Label on the imported chart: ${label}`));

    const xRaw = end.attributes.X ?? ci.attributes.XPosition;
    const yRaw = end.attributes.Y;
    const x = xRaw === undefined ? 0 : Number(xRaw);
    const y = yRaw === undefined ? 0 : Number(yRaw);
    if (!Number.isFinite(x) || !Number.isFinite(y)) fail(ci, `its position (X="${xRaw ?? ''}", Y="${yRaw ?? ''}") is not a pair of numbers.`);
    positions[entity.id] = { x, y };
    identities[entity.id] = identity;
    entities.push(entity);
    if (entityNo !== undefined) byEntityId.set(entityNo, entity.id);
    if (ci.attributes.Id) byChartItemId.set(ci.attributes.Id, entity.id);
    if (identity && !byIdentity.has(identity)) byIdentity.set(identity, entity.id);
  }

  const links: Link[] = [];
  for (const ci of linkItems) {
    const linkEl = firstChild(ci, 'Link') as XmlElement;
    const resolveEnd = (n: 1 | 2): Id | null => {
      const byId = linkEl.attributes[`End${n}Id`];
      const byRef = linkEl.attributes[`End${n}Reference`];
      if (byId === undefined && byRef === undefined) fail(ci, `the link has no End${n}Id or End${n}Reference, so it is not clear what it joins.`);
      const found =
        (byId !== undefined ? byEntityId.get(byId) : undefined) ??
        (byRef !== undefined ? (byChartItemId.get(byRef) ?? byIdentity.get(byRef)) : undefined);
      if (found) return found;
      const skipped =
        (byId !== undefined ? skippedEnds.get(`id:${byId}`) : undefined) ??
        (byRef !== undefined ? (skippedEnds.get(`ci:${byRef}`) ?? skippedEnds.get(`identity:${byRef}`)) : undefined);
      if (skipped !== undefined) return null;
      return fail(ci, `the link's ${n === 1 ? 'first' : 'second'} end (${byId !== undefined ? `End${n}Id="${byId}"` : `End${n}Reference="${byRef}"`}) is not an entity on the chart.`);
    };
    const a = resolveEnd(1);
    const b = resolveEnd(2);
    const where = describeElement(ci);
    if (a === null || b === null) {
      warnings.push(`${where}: the link joins an entity that was left out, so it was left out too.`);
      continue;
    }
    if (a === b) {
      warnings.push(`${where}: the link joins an entity to itself; it was left out.`);
      continue;
    }
    const style = firstChild(linkEl, 'LinkStyle');
    const typeRef = style?.attributes.LinkTypeReference;
    const typeName = (style?.attributes.Type ?? (typeRef !== undefined ? linkTypes.get(typeRef) : undefined) ?? ci.attributes.Label ?? '').trim();
    const matched = matchLinkType(typeName) ?? matchLinkType(ci.attributes.Label ?? '');
    const arrow = style?.attributes.ArrowStyle ?? 'ArrowNone';
    let [from, to] = arrow === 'ArrowOnTail' ? [b, a] : [a, b];
    if (matched?.reversed) [from, to] = [to, from];
    const attrs = readAttributes(ci);
    const dateFrom = dateOf(attrValues(attrs, 'dateFrom')[0]) ?? (ci.attributes.DateSet === 'true' ? dateOf(ci.attributes.DateTime) : undefined);
    const dateTo = dateOf(attrValues(attrs, 'dateTo')[0]);
    const notes: string[] = [];
    const description = (ci.attributes.Description ?? '').trim();
    if (description) notes.push(description);
    if (!matched) {
      warnings.push(`${where}: the link type "${typeName || 'none'}" is not one Linkwall knows; it was imported as Associate.`);
      if (typeName) notes.push(`Link type on the imported chart: ${typeName}`);
    }
    const cited = cardItems(ci, linkEl);
    links.push({
      id: makeId('lk'),
      workspaceId: options.workspaceId,
      type: matched?.type ?? 'associate',
      from,
      to,
      ...(dateFrom ? { dateFrom } : {}),
      ...(dateTo ? { dateTo } : {}),
      ...(notes.length ? { note: notes.join('\n\n') } : {}),
      sources: [fileItemId, ...cited],
      createdAt: now,
      updatedAt: now,
    });
  }

  const fileItem: IntelItem = {
    id: fileItemId,
    workspaceId: options.workspaceId,
    agency: "i2 Analyst's Notebook chart",
    agencyType: 'other',
    reference: fileName,
    author: options.user ?? '',
    ...(createdDate && createdDate <= today ? { dateOfIntelligence: createdDate } : {}),
    dateRecorded: today,
    text: `Imported from the i2 Analyst's Notebook chart ${title ? `"${title}" ` : ''}(${fileName})${marking ? `, marked ${marking}` : ''}: ${count(entities.length, 'entity', 'entities')} and ${count(links.length, 'link', 'links')}.`,
    statementType: 'assessment',
    grading: { scheme: 'ungraded' },
    createdAt: now,
    updatedAt: now,
  };
  return { title, marking, entities, links, items: [fileItem, ...items], fileItemId, positions, identities, warnings };
}

interface BuildContext {
  id: Id;
  workspaceId: Id;
  now: IsoDateTime;
  today: IsoDate;
  fact: <T>(value: T) => Fact<T>;
  sources: () => Id[];
  attrValues: (attrs: Map<string, string[]>, k: AcKey) => string[];
  attr1: (attrs: Map<string, string[]>, k: AcKey) => string | undefined;
  warn: (message: string) => void;
}

/** Where an attribute class first comes among the item's attributes (-1 when absent). */
function attrPosition(attrs: Map<string, string[]>, k: AcKey, c: BuildContext): number {
  const values = c.attrValues(attrs, k);
  if (!values.length) return -1;
  return [...attrs.values()].indexOf(values);
}

function readLocation(attrs: Map<string, string[]>, c: BuildContext): Fact<GeoPoint> | undefined {
  const lat = c.attr1(attrs, 'lat');
  const lng = c.attr1(attrs, 'lng');
  if (lat === undefined || lng === undefined) return undefined;
  const la = Number(lat);
  const ln = Number(lng);
  if (!Number.isFinite(la) || !Number.isFinite(ln) || Math.abs(la) > 90 || Math.abs(ln) > 180) {
    c.warn(`the location ${lat}, ${lng} is not a latitude and longitude; it was left out.`);
    return undefined;
  }
  const p = c.attr1(attrs, 'precision');
  const precision = (p ? byLabel(p, LOCATION_PRECISIONS, PRECISION_LABEL) : undefined) ?? 'manual';
  return c.fact({ lat: la, lng: ln, precision });
}

function buildEntity(type: AnxEntityType, label: string, attrs: Map<string, string[]>, c: BuildContext): Entity {
  const base = { id: c.id, workspaceId: c.workspaceId, createdAt: c.now, updatedAt: c.now, notes: [] as Fact<string>[] };
  const { fact, attr1, attrValues, warn } = c;
  switch (type) {
    case 'person': {
      const names: PersonName[] = [];
      // In the order the name attributes come in the file.
      const nameKinds = (['legal', 'alias', 'nickname', 'street'] as const satisfies readonly NameKind[])
        .map((kind) => ({ kind, at: attrPosition(attrs, kind, c) }))
        .filter((k) => k.at >= 0)
        .sort((a, b) => a.at - b.at);
      for (const { kind } of nameKinds) {
        for (const v of attrValues(attrs, kind)) {
          for (const full of splitList(v)) {
            const parts = kind === 'legal' || kind === 'alias' ? splitName(full) : { given: '', family: '' };
            names.push({ kind, ...parts, full, sources: c.sources() });
          }
        }
      }
      if (!names.length && label) {
        const pseudonymous = attrValues(attrs, 'pseudonym').some((v) => v.trim().toLowerCase() === 'true');
        const both = /^(.+?) \("(.+)"\)$/.exec(label);
        const nickOnly = /^"(.+)"$/.exec(label);
        if (pseudonymous) names.push({ kind: 'alias', given: '', family: '', full: label, sources: c.sources() });
        else if (nickOnly?.[1]) names.push({ kind: 'nickname', given: '', family: '', full: nickOnly[1], sources: c.sources() });
        else if (both?.[1] && both[2]) {
          names.push({ kind: 'legal', ...splitName(both[1]), full: both[1], sources: c.sources() });
          names.push({ kind: 'nickname', given: '', family: '', full: both[2], sources: c.sources() });
        } else if (label !== 'Unnamed person') names.push({ kind: 'legal', ...splitName(label), full: label, sources: c.sources() });
      }
      const dobRaw = attr1(attrs, 'dob');
      const dob = dateOf(dobRaw);
      if (dobRaw && !dob) warn(`the date of birth "${dobRaw}" is not a date; it was left out.`);
      const ageRaw = attr1(attrs, 'estimatedAge');
      const age = ageRaw ? /^(\d{1,3})(?:\s*\(as of (\d{4}-\d{2}-\d{2})\))?/.exec(ageRaw) : null;
      if (ageRaw && !age) warn(`the estimated age "${ageRaw}" is not a number of years; it was left out.`);
      const sexRaw = attr1(attrs, 'sex');
      const sex: Sex = sexRaw
        ? (byLabel(sexRaw, ['female', 'male', 'other', 'unknown'] as const, SEX_LABEL) ?? ({ f: 'female', m: 'male' } as Record<string, Sex>)[fold(sexRaw)] ?? 'unknown')
        : 'unknown';
      const ethRaw = attr1(attrs, 'ethnicity');
      const ethnicity: Ethnicity = ethRaw ? (byLabel(ethRaw, ETHNICITIES, ETHNICITY_LABEL) ?? 'unknown') : 'unknown';
      if (ethRaw && ethnicity === 'unknown' && fold(ethRaw) !== 'unknown') warn(`the ethnicity "${ethRaw}" is not one of the ONS groups; it was recorded as unknown.`);
      const roles: Fact<Role>[] = [];
      for (const r of attrValues(attrs, 'role').flatMap(splitList)) {
        const role = byLabel(r, ROLES, ROLE_LABEL);
        if (role && !roles.some((x) => x.value === role)) roles.push(fact(role));
        else if (!role) warn(`the role "${r}" is not one Linkwall knows; it was left out.`);
      }
      const riskRaw = attr1(attrs, 'risk');
      const risk = riskRaw ? byLabel(riskRaw, RISK_LEVELS, RISK_LABEL) : undefined;
      const identifiers: Fact<Identifier>[] = attrValues(attrs, 'identifier')
        .flatMap(splitList)
        .map((v) => {
          const i = v.indexOf(': ');
          return fact(i > 0 ? { scheme: v.slice(0, i).trim(), value: v.slice(i + 2).trim() } : { scheme: 'Other', value: v });
        });
      return {
        ...base,
        kind: 'person',
        names,
        ...(dob ? { dob: fact(dob) } : {}),
        ...(age?.[1] ? { estimatedAge: fact({ years: Number(age[1]), asOf: age[2] && isIsoDate(age[2]) ? age[2] : c.today }) } : {}),
        sex: fact(sex),
        ethnicity: fact(ethnicity),
        roles,
        ...(risk ? { riskLevel: fact(risk) } : {}),
        identifiers,
      };
    }
    case 'vehicle': {
      const regRaw = attr1(attrs, 'registration') ?? (label ? label.replace(/\s*\(.*\)\s*$/, '') : undefined);
      const reg = regRaw ? normalisePlate(regRaw) : undefined;
      if (attr1(attrs, 'registration') && reg && !reg.ok) warn(`the registration "${regRaw}" could not be read (${reg.message}); it was left out.`);
      const partialFlag = attrValues(attrs, 'partial').some((v) => v.trim().toLowerCase() === 'true');
      const make = attr1(attrs, 'make');
      const model = attr1(attrs, 'model');
      const colour = attr1(attrs, 'colour');
      return {
        ...base,
        kind: 'vehicle',
        ...(reg?.ok ? { registration: fact(reg.value) } : {}),
        partial: partialFlag || (reg?.ok ? reg.partial : false),
        ...(make ? { make: fact(make) } : {}),
        ...(model ? { model: fact(model) } : {}),
        ...(colour ? { colour: fact(colour) } : {}),
      };
    }
    case 'phone':
    case 'handle': {
      const numberRaw = attr1(attrs, 'phone');
      const handleRaw = attr1(attrs, 'handle');
      const platform = attr1(attrs, 'platform');
      const isHandle = type === 'handle' || (!numberRaw && !!handleRaw);
      if (isHandle) {
        let handle = handleRaw;
        let plat = platform;
        if (!handle && label && label !== 'Unknown handle') {
          const i = label.indexOf(': ');
          if (i > 0 && !plat) {
            plat = label.slice(0, i);
            handle = label.slice(i + 2);
          } else handle = label;
        }
        const num = numberRaw ? normalisePhone(numberRaw) : undefined;
        return {
          ...base,
          kind: 'phone',
          phoneType: 'handle',
          ...(numberRaw ? { number: fact(num?.ok ? num.e164 : numberRaw) } : {}),
          ...(plat ? { platform: plat } : {}),
          ...(handle ? { handle: fact(handle) } : {}),
        };
      }
      const raw = numberRaw ?? (label && label !== 'Unknown number' ? label : undefined);
      const parsed = raw ? normalisePhone(raw) : undefined;
      if (raw && parsed && !parsed.ok) {
        if (numberRaw) warn(`the phone number "${raw}" could not be read (${parsed.message}); it was kept as written.`);
        else warn(`no phone number could be read from the label.`);
      }
      const number = parsed?.ok ? parsed.e164 : numberRaw;
      return { ...base, kind: 'phone', phoneType: 'number', ...(number ? { number: fact(number) } : {}) };
    }
    case 'address': {
      const linesRaw = attrValues(attrs, 'address').join('\n');
      let lines = linesRaw.trim() ? linesRaw.split('\n').map((l) => l.trim()) : [];
      let postcodeRaw = attr1(attrs, 'postcode');
      if (!lines.length && label && label !== 'Unknown address') {
        const parts = label.split(', ').map((s) => s.trim());
        const last = parts[parts.length - 1];
        if (!postcodeRaw && parts.length > 1 && last && normalisePostcode(last).ok) {
          postcodeRaw = last;
          parts.pop();
        }
        lines = parts;
      }
      if (lines.length === 1 && lines[0]?.includes(', ') && !linesRaw.includes('\n')) lines = lines[0].split(', ');
      const pc = postcodeRaw ? normalisePostcode(postcodeRaw) : undefined;
      if (postcodeRaw && pc && !pc.ok) warn(`the postcode "${postcodeRaw}" is not a UK postcode; it was kept as written.`);
      const placeRaw = attr1(attrs, 'placeType');
      const placeType = (placeRaw ? byLabel(placeRaw, PLACE_TYPES, PLACE_TYPE_LABEL) : undefined) ?? (placeRaw ? 'other' : 'home');
      const location = readLocation(attrs, c);
      return {
        ...base,
        kind: 'address',
        lines: fact(lines),
        ...(postcodeRaw ? { postcode: fact(pc?.ok ? pc.value : postcodeRaw) } : {}),
        ...(location ? { location } : {}),
        placeType,
      };
    }
    case 'business': {
      const typeRaw = attr1(attrs, 'businessType');
      return {
        ...base,
        kind: 'business',
        name: fact(attrValues(attrs, 'name')[0] ?? label),
        businessType: (typeRaw ? byLabel(typeRaw, BUSINESS_TYPES, BUSINESS_TYPE_LABEL) : undefined) ?? 'other',
        licences: attrValues(attrs, 'licence').flatMap(splitList).map((l) => fact(l)),
      };
    }
    case 'hotspot': {
      const typeRaw = attr1(attrs, 'hotspotType');
      const location = readLocation(attrs, c);
      return {
        ...base,
        kind: 'hotspot',
        name: fact(attrValues(attrs, 'name')[0] ?? label),
        hotspotType: (typeRaw ? byLabel(typeRaw, HOTSPOT_TYPES, HOTSPOT_TYPE_LABEL) : undefined) ?? 'other',
        description: attrValues(attrs, 'hotspotDescription')[0] ?? '',
        ...(location ? { location } : {}),
      };
    }
  }
}

/** Common i2 link type names (folded) and the Linkwall type they mean; `true` reads the link the other way. */
const LINK_SYNONYMS: Record<string, [LinkType, boolean]> = {
  link: ['associate', false],
  associates: ['associate', false],
  knownassociate: ['associate', false],
  association: ['associate', false],
  relative: ['family', false],
  related: ['family', false],
  sibling: ['family', false],
  parent: ['family', false],
  partner: ['relationship', false],
  girlfriend: ['relationship', false],
  boyfriend: ['relationship', false],
  seentogether: ['seen-with', false],
  sighting: ['seen-with', false],
  call: ['called', false],
  calls: ['called', false],
  telephonecall: ['called', false],
  phonecall: ['called', false],
  text: ['called', false],
  sms: ['called', false],
  livesat: ['lives-at', false],
  residesat: ['lives-at', false],
  resident: ['lives-at', false],
  resides: ['lives-at', false],
  uses: ['uses-phone', false],
  user: ['uses-phone', false],
  drives: ['drives-vehicle', false],
  driver: ['drives-vehicle', false],
  owns: ['owns-vehicle', false],
  owner: ['owns-vehicle', false],
  registeredkeeper: ['owns-vehicle', false],
  employedby: ['works-at', false],
  employee: ['works-at', false],
  worksfor: ['works-at', false],
  visits: ['frequents', false],
  visited: ['frequents', false],
  transported: ['transported-by', true],
  drove: ['transported-by', true],
  online: ['online-contact', false],
  socialmedia: ['online-contact', false],
  message: ['online-contact', false],
  location: ['located-at', false],
};

function matchLinkType(name: string): { type: LinkType; reversed: boolean } | null {
  const f = fold(name);
  if (!f) return null;
  for (const t of LINK_TYPES) if (fold(LINK_TYPE_LABEL[t]) === f || fold(t) === f) return { type: t, reversed: false };
  for (const t of LINK_TYPES) if (fold(LINK_TYPE_REVERSE_LABEL[t]) === f) return { type: t, reversed: !SYMMETRIC_LINK_TYPES.has(t) };
  const syn = LINK_SYNONYMS[f];
  return syn ? { type: syn[0], reversed: syn[1] } : null;
}

/** The attribute class names Linkwall writes, for documentation and tests. */
export const ANX_ATTRIBUTE_CLASSES: readonly string[] = Object.values(AC).map((a) => a.name);
export const ANX_ENTITY_TYPES: Readonly<Record<EntityKind | 'handle', { name: string; iconFile: string }>> = ENTITY_TYPES;
export const ANX_NAME_CLASS: Readonly<Record<NameKind, string>> = { legal: AC.legal.name, alias: AC.alias.name, nickname: AC.nickname.name, street: AC.street.name };
