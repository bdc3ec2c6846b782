/**
 * The mapping model: how a sheet's columns become records. Pure data (JSON-safe, so it can be stored in
 * a template, in the import history and sent to the worker).
 *
 * - A row is read into SLOTS: person A, person B, a phone / handle, a vehicle, an address, a business,
 *   a hot spot and the row's intelligence item (more slots can be added: a second phone owned by person
 *   B...). Each non-item slot makes zero or more entities per row.
 * - Each COLUMN maps to a slot's FIELD. Several columns can feed one field: text fields join in `order`
 *   ("House number" + "Street" + "Town" become the address's lines), list fields collect values
 *   (two nickname columns), and entity fields make one entity per value (two mobile columns, two phones).
 * - A column can hold several values in one cell ("07700 900123; 07700 900456") when `split` is set.
 * - A date column has an explicit day-first / month-first `dateOrder` when its values are ambiguous.
 * - LINK RULES join the entities of two slots (person -> phone "uses phone" by default); editable.
 * - SETTINGS hold what is true of the whole file: the agency, its type, the default grading, the
 *   statement type, the default role of the people in it.
 *
 * `suggestMapping` proposes a mapping from header names and cell contents; `headerSignature` and
 * `findTemplates` offer saved templates again when a file with the same headers arrives.
 */
import { validateGrading, type Grading } from '../domain/grading';
import {
  AGENCY_TYPES,
  LINK_TYPES,
  ROLES,
  type AgencyType,
  type BusinessType,
  type EntityKind,
  type HotspotType,
  type IsoDate,
  type LinkType,
  type PlaceType,
  type Role,
} from '../domain/model';
import { foldText, normalisePlate, normalisePostcode, ukPlateFormat } from '../domain/normalise';
import { analyseDateColumn, type DateColumnAnalysis, type DateOrder } from './dates';
import { isEmptyMarker, platformName, readGrading, readHandle, readPhone, splitPhones, splitValues } from './values';

// ---------------------------------------------------------------- slots and fields

export type SlotKind = EntityKind | 'item';

export interface SlotDef {
  /** Stable id within the mapping: "personA", "phone", "phoneB"... */
  id: string;
  kind: SlotKind;
  label: string;
  /** For a non-person slot: the person slot whose thing it is ("phoneB" belongs to "personB"); default links use it. */
  owner?: string;
  /** Person slots: the role every person of this slot gets (e.g. "young-person-at-risk" for a school's pupils). */
  role?: Role;
  /** Address / business / hot spot slots: the type when no column gives one (a "Hotel" column's businesses are hotels). */
  defaultType?: PlaceType | BusinessType | HotspotType;
}

/**
 * How values combine when several columns (or several values in one cell) feed a field:
 * - 'join': texts joined in column order (names, address lines, item text);
 * - 'list': each value is one more fact (nicknames, roles, identifiers, licences, notes);
 * - 'entities': each value makes its own entity (phone numbers, handles, registrations);
 * - 'one': a single value (the first is kept; others are reported).
 */
export type FieldCombine = 'join' | 'list' | 'entities' | 'one';

export type FieldType = 'text' | 'name' | 'date' | 'phone' | 'handle' | 'plate' | 'postcode' | 'number' | 'code';

export interface FieldDef {
  field: string;
  label: string;
  combine: FieldCombine;
  type: FieldType;
  /** Shown in the wizard under the field. */
  hint?: string;
}

const f = (field: string, label: string, combine: FieldCombine, type: FieldType, hint?: string): FieldDef => (hint ? { field, label, combine, type, hint } : { field, label, combine, type });

export const FIELDS: Record<SlotKind, readonly FieldDef[]> = {
  person: [
    f('fullName', 'Full name', 'join', 'name', '"SMITH, John", "John SMITH" or "John Smith": split into given and family names'),
    f('givenName', 'Given name(s)', 'join', 'name'),
    f('familyName', 'Family name', 'join', 'name'),
    f('nickname', 'Nickname', 'list', 'name'),
    f('alias', 'Alias', 'list', 'name'),
    f('streetName', 'Street name', 'list', 'name', 'The name the person is known by on the street, not a road'),
    f('dob', 'Date of birth', 'one', 'date'),
    f('estimatedAge', 'Estimated age', 'one', 'number', 'Whole years, as of the date of intelligence'),
    f('sex', 'Sex', 'one', 'code'),
    f('ethnicity', 'Ethnicity', 'one', 'code', 'ONS groups, police 18+1 codes (W1, A2...) or IC codes'),
    f('role', 'Role', 'list', 'code'),
    f('riskLevel', 'Risk level', 'one', 'code'),
    f('identifier', 'Identifier', 'list', 'text', 'A reference in an agency system (PNC, NHS, UPN...): name the system'),
    f('note', 'Note', 'list', 'text'),
  ],
  phone: [
    f('number', 'Phone number', 'entities', 'phone'),
    f('handle', 'Online handle / e-mail', 'entities', 'handle', 'Name the platform, or map a platform column'),
    f('platform', 'Platform', 'one', 'text'),
    f('note', 'Note', 'list', 'text'),
  ],
  vehicle: [
    f('registration', 'Registration', 'entities', 'plate', 'Full or partial ("ends 4XY"); several plates make several vehicles'),
    f('make', 'Make', 'one', 'text'),
    f('model', 'Model', 'one', 'text'),
    f('colour', 'Colour', 'one', 'text'),
    f('note', 'Note', 'list', 'text'),
  ],
  address: [
    f('line', 'Address line', 'join', 'text', 'Several columns (house number, street, town) become the lines, in order'),
    f('postcode', 'Postcode', 'one', 'postcode'),
    f('placeType', 'Place type', 'one', 'code'),
    f('lat', 'Latitude', 'one', 'number'),
    f('lng', 'Longitude', 'one', 'number'),
    f('note', 'Note', 'list', 'text'),
  ],
  business: [
    f('name', 'Business name', 'join', 'text'),
    f('type', 'Business type', 'one', 'code'),
    f('licence', 'Licence reference', 'list', 'text'),
    f('note', 'Note', 'list', 'text'),
  ],
  hotspot: [
    f('name', 'Hot spot name', 'join', 'text'),
    f('type', 'Hot spot type', 'one', 'code'),
    f('description', 'Description', 'join', 'text'),
    f('lat', 'Latitude', 'one', 'number'),
    f('lng', 'Longitude', 'one', 'number'),
    f('note', 'Note', 'list', 'text'),
  ],
  item: [
    f('reference', 'Reference', 'join', 'text', 'Default: "<file> row <n>"'),
    f('dateOfIntelligence', 'Date of intelligence', 'one', 'date'),
    f('dateRecorded', 'Date recorded', 'one', 'date', 'Default: the import date, or the date set for the file'),
    f('text', 'Text', 'join', 'text', 'Default: every cell of the row, "Header: value"'),
    f('author', 'Author', 'join', 'text'),
    f('statementType', 'Fact or assessment', 'one', 'code'),
    f('grading', 'Grading (whole code)', 'one', 'code', '"2B P", "1A C (A2 S2)", "B2 4" or "Ungraded"'),
    f('sourceEvaluation', 'Source evaluation', 'one', 'code', '3x5x2: 1-3; 5x5x5: A-E'),
    f('intelligenceAssessment', 'Intelligence assessment', 'one', 'code', '3x5x2: A-E; 5x5x5: 1-5'),
    f('handlingCode', 'Handling code', 'one', 'code', '3x5x2: P or C; 5x5x5: 1-5'),
    f('handlingConditions', 'Handling conditions', 'join', 'text'),
    f('gradingScheme', 'Grading scheme', 'one', 'code', '3x5x2, 5x5x5 or ungraded'),
  ],
};

export function fieldDef(kind: SlotKind, field: string): FieldDef | undefined {
  return FIELDS[kind].find((d) => d.field === field);
}

// ---------------------------------------------------------------- the mapping

export interface ColumnMapping {
  /** Index into the sheet's headers. */
  column: number;
  /** The header at mapping time: templates find the column again by it. */
  header: string;
  slot: string;
  field: string;
  /** Position among the columns feeding the same field (lower first). Defaults to the column index. */
  order?: number;
  /** The cell may hold several values separated by ; | / , or line breaks. */
  split?: boolean;
  /** Date fields: how to read 01/02/2024. Needed when the column's values are ambiguous. */
  dateOrder?: DateOrder;
  /** Identifier fields: the system ("PNC", "UPN"). Defaults to the header. */
  scheme?: string;
  /** Handle fields: the platform when no platform column is mapped ("Snapchat", "Email"). */
  platform?: string;
}

export interface LinkRule {
  from: string;
  to: string;
  type: LinkType;
}

export interface ImportSettings {
  /** The originating agency, as the analyst names it ("Northshire Police"). Required. */
  agency: string;
  agencyType: AgencyType;
  /** The grading of every row without grading cells. Partner data is often ungraded. */
  defaultGrading: Grading;
  statementType: 'fact' | 'assessment';
  /** Author of every item without an author column. */
  author?: string;
  /** Date recorded of every item without a date-recorded column (default: the import date). */
  dateRecorded?: IsoDate;
  /** The role of people in person slots that set none (the slot's own `role` wins). */
  defaultRole?: Role;
  /** Which sheet of a workbook (informational; the caller picks the sheet). */
  sheet?: string;
  /**
   * 'keep-row' (default): a cell that cannot be read is left out with a warning and the rest of the row is
   * imported (its value stays in the item's text). 'quarantine-row': any such problem quarantines the row.
   */
  problemPolicy: 'keep-row' | 'quarantine-row';
}

export interface ImportMapping {
  version: 1;
  slots: SlotDef[];
  columns: ColumnMapping[];
  links: LinkRule[];
  settings: ImportSettings;
}

export const DEFAULT_SLOTS: readonly SlotDef[] = [
  { id: 'personA', kind: 'person', label: 'Person A' },
  { id: 'personB', kind: 'person', label: 'Person B' },
  { id: 'phone', kind: 'phone', label: 'Phone / handle' },
  { id: 'vehicle', kind: 'vehicle', label: 'Vehicle' },
  { id: 'address', kind: 'address', label: 'Address' },
  { id: 'business', kind: 'business', label: 'Business' },
  { id: 'hotspot', kind: 'hotspot', label: 'Hot spot' },
  { id: 'item', kind: 'item', label: 'Intelligence item' },
];

export const DEFAULT_SETTINGS: ImportSettings = {
  agency: '',
  agencyType: 'other',
  defaultGrading: { scheme: 'ungraded' },
  statementType: 'fact',
  problemPolicy: 'keep-row',
};

/** An empty mapping with the default slots. */
export function emptyMapping(settings: Partial<ImportSettings> = {}): ImportMapping {
  return { version: 1, slots: DEFAULT_SLOTS.map((s) => ({ ...s })), columns: [], links: [], settings: { ...DEFAULT_SETTINGS, ...settings } };
}

const LINK_FROM_PERSON: Partial<Record<SlotKind, LinkType>> = {
  phone: 'uses-phone',
  vehicle: 'drives-vehicle',
  address: 'lives-at',
  business: 'works-at',
  hotspot: 'frequents',
  person: 'associate',
};

/**
 * The usual links between the slots the mapping uses: each person to their phones (uses phone), vehicles
 * (drives vehicle), addresses (lives at), businesses (works at) and hot spots (frequents); person A to
 * the other people (associate). A thing owned by person B (`owner`) links to person B. With no person in
 * the row, a business or hot spot is "located at" the address.
 */
export function defaultLinkRules(mapping: Pick<ImportMapping, 'slots' | 'columns'>): LinkRule[] {
  const used = new Set(mapping.columns.map((c) => c.slot));
  const slots = mapping.slots.filter((s) => used.has(s.id) && s.kind !== 'item');
  const people = slots.filter((s) => s.kind === 'person');
  const rules: LinkRule[] = [];
  const first = people[0];
  for (const s of slots) {
    if (s.kind === 'person') {
      if (first && s.id !== first.id) rules.push({ from: first.id, to: s.id, type: 'associate' });
      continue;
    }
    const owner = (s.owner && people.find((p) => p.id === s.owner)) || first;
    const type = LINK_FROM_PERSON[s.kind];
    if (owner && type) rules.push({ from: owner.id, to: s.id, type });
  }
  if (!first) {
    for (const s of slots.filter((x) => x.kind === 'business' || x.kind === 'hotspot'))
      for (const a of slots.filter((x) => x.kind === 'address')) rules.push({ from: s.id, to: a.id, type: 'located-at' });
  }
  return rules;
}

/** A new slot of `kind` with a free id ("phone2"), optionally owned by a person slot. */
export function addSlot(mapping: ImportMapping, kind: Exclude<SlotKind, 'item'>, owner?: string): { mapping: ImportMapping; slot: SlotDef } {
  const base = kind === 'person' ? 'person' : kind;
  let n = 2;
  const ids = new Set(mapping.slots.map((s) => s.id));
  while (ids.has(`${base}${n}`)) n++;
  const def = DEFAULT_SLOTS.find((s) => s.kind === kind);
  const ownerLabel = owner ? mapping.slots.find((s) => s.id === owner)?.label : undefined;
  const slot: SlotDef = {
    id: `${base}${n}`,
    kind,
    label: ownerLabel ? `${def?.label ?? kind} of ${ownerLabel}` : `${def?.label ?? kind} ${n}`,
    ...(owner ? { owner } : {}),
  };
  return { mapping: { ...mapping, slots: [...mapping.slots, slot] }, slot };
}

// ---------------------------------------------------------------- validation

export interface MappingIssue {
  level: 'error' | 'warning';
  /** The column concerned, if any. */
  column?: number;
  message: string;
  /** For ambiguous date columns: what the wizard shows when it asks. */
  dates?: DateColumnAnalysis;
}

/**
 * Problems with a mapping before it is run. Errors must be fixed (no agency, a column or slot that does
 * not exist, a date column that needs its order chosen); warnings are worth a look. With the sheet's rows,
 * date columns are analysed in full, so a 01/02/2024 on row 9,000 is not missed.
 */
export function validateMapping(mapping: ImportMapping, headers: readonly string[], rows?: readonly (readonly string[])[]): MappingIssue[] {
  const issues: MappingIssue[] = [];
  const slots = new Map(mapping.slots.map((s) => [s.id, s]));
  if (!mapping.settings.agency.trim()) issues.push({ level: 'error', message: 'Say which agency the file came from.' });
  if (!AGENCY_TYPES.includes(mapping.settings.agencyType)) issues.push({ level: 'error', message: `"${mapping.settings.agencyType}" is not an agency type.` });
  if (mapping.slots.filter((s) => s.kind === 'item').length !== 1) issues.push({ level: 'error', message: 'A mapping needs exactly one intelligence item slot.' });
  for (const m of validateGrading(mapping.settings.defaultGrading)) issues.push({ level: 'error', message: `Default grading: ${m}` });
  if (mapping.settings.defaultRole && !ROLES.includes(mapping.settings.defaultRole))
    issues.push({ level: 'error', message: `"${mapping.settings.defaultRole}" is not a role.` });
  const entityColumns = mapping.columns.filter((c) => slots.get(c.slot)?.kind !== 'item');
  if (entityColumns.length === 0) issues.push({ level: 'error', message: 'Map at least one column to a person, phone, vehicle, address, business or hot spot.' });
  const seenOne = new Map<string, ColumnMapping>();
  for (const c of mapping.columns) {
    const where = `Column "${c.header}"`;
    if (c.column < 0 || c.column >= headers.length) {
      issues.push({ level: 'error', column: c.column, message: `${where} is not in this sheet.` });
      continue;
    }
    const slot = slots.get(c.slot);
    if (!slot) {
      issues.push({ level: 'error', column: c.column, message: `${where} is mapped to a slot that does not exist ("${c.slot}").` });
      continue;
    }
    const def = fieldDef(slot.kind, c.field);
    if (!def) {
      issues.push({ level: 'error', column: c.column, message: `${where}: ${slot.label} has no field "${c.field}".` });
      continue;
    }
    if (def.combine === 'one') {
      const key = `${c.slot}.${c.field}`;
      const prev = seenOne.get(key);
      if (prev)
        issues.push({ level: 'warning', column: c.column, message: `${where} and "${prev.header}" both give ${slot.label}'s ${def.label.toLowerCase()}: the first non-empty one is used.` });
      else seenOne.set(key, c);
    }
    if (c.split && def.combine === 'one')
      issues.push({ level: 'warning', column: c.column, message: `${where}: ${def.label} takes one value, so only the first of several values is used.` });
    if (def.type === 'date' && rows) {
      const a = analyseDateColumn(columnValues(rows, c.column));
      if (a.ambiguous && !c.dateOrder)
        issues.push({
          level: 'error',
          column: c.column,
          dates: a,
          message: a.conflicting
            ? `${where} mixes day-first (${a.examples.dayFirst[0]}) and month-first (${a.examples.monthFirst[0]}) dates: choose how to read values such as ${a.examples.ambiguous[0] ?? a.examples.dayFirst[0]}.`
            : `${where} has dates such as ${a.examples.ambiguous[0]} that could be day-first or month-first: choose which.`,
        });
    }
  }
  const handleSlots = new Set(mapping.columns.filter((c) => c.field === 'handle' && !c.platform).map((c) => c.slot));
  for (const s of handleSlots)
    if (!mapping.columns.some((c) => c.slot === s && c.field === 'platform'))
      issues.push({ level: 'warning', message: `${slots.get(s)?.label ?? s}: handles have no platform (name it on the column, or map a platform column); they will be recorded with platform "Unknown".` });
  for (const r of mapping.links) {
    const a = slots.get(r.from);
    const b = slots.get(r.to);
    if (!a || !b) issues.push({ level: 'error', message: `A link rule joins a slot that does not exist (${!a ? r.from : r.to}).` });
    else if (a.id === b.id) issues.push({ level: 'error', message: `A link rule joins ${a.label} to itself.` });
    else if (a.kind === 'item' || b.kind === 'item') issues.push({ level: 'error', message: 'Links join entities, not the intelligence item.' });
    else if (!LINK_TYPES.includes(r.type)) issues.push({ level: 'error', message: `"${r.type}" is not a link type.` });
  }
  return issues;
}

function* columnValues(rows: readonly (readonly string[])[], column: number): Generator<string> {
  for (const r of rows) yield r[column] ?? '';
}

// ---------------------------------------------------------------- suggestions

export interface ColumnSuggestion {
  column: number;
  header: string;
  /** Absent when nothing fits (the column is left unmapped; its values still reach the item's text). */
  slot?: string;
  field?: string;
  confidence: 'high' | 'medium' | 'low';
  /** Why, in plain words: 'header "DOB"', '9 of 10 values are UK postcodes'. */
  reason: string;
  /** Date columns: the analysis of the sample (the wizard asks when `ambiguous`). */
  dates?: DateColumnAnalysis;
}

interface Target {
  kind: SlotKind;
  field: string;
  confidence?: 'high' | 'medium' | 'low';
  scheme?: string;
  platform?: string;
  defaultType?: PlaceType | BusinessType | HotspotType;
  /** Decide from the contents (phone vs house number, road vs street name...). */
  check?: 'number' | 'streetName' | 'vehicle' | 'location';
}

const H = (re: string): RegExp => new RegExp(`^(?:${re})$`);

/** Header words to targets, tried in order on the folded header ("D.O.B." -> "d o b", compact "dob"). */
const HEADER_RULES: [RegExp, Target][] = [
  // person
  [H('surnames?|family names?|last names?|lastname|sname|second name|surname s'), { kind: 'person', field: 'familyName' }],
  [H('forenames?|first names?|firstname|given names?|christian names?|fname|forename s|middle names?'), { kind: 'person', field: 'givenName' }],
  [H('names?|full names?|person|persons? name|person s name|subject|subject name|nominal|nominal name|young person|young persons? name|child|child s name|childs? name|pupil|pupil name|student|student name|client|client name|individual|yp|yp name|victim|victim name'), { kind: 'person', field: 'fullName' }],
  [H('nick ?names?|known as|preferred name|goes by'), { kind: 'person', field: 'nickname' }],
  [H('alias|aliases|alias names?|aka|a k a|also known as|other names?'), { kind: 'person', field: 'alias' }],
  [H('street names?|street alias|gang name|street nickname'), { kind: 'person', field: 'streetName', check: 'streetName' }],
  [H('dob|d o b|date of birth|birth ?date|born|birthday|date born|dob dd mm yyyy'), { kind: 'person', field: 'dob' }],
  [H('age|estimated age|approx age|approximate age|est age|age estimate|apparent age|age approx'), { kind: 'person', field: 'estimatedAge' }],
  [H('sex|gender|sex gender|gender identity'), { kind: 'person', field: 'sex' }],
  [H('ethnicity|ethnic origin|ethnic group|ethnic background|ethnic appearance|self defined ethnicity|officer defined ethnicity|sde|ode|ethnic code|ethnicity code'), { kind: 'person', field: 'ethnicity' }],
  [H('roles?|nominal type|subject type|involvement|person type|nominal role'), { kind: 'person', field: 'role' }],
  [H('risk|risk level|cse risk|cse risk level|risk rating|risk category|risk assessment|risk grading'), { kind: 'person', field: 'riskLevel' }],
  [H('pnc|pnc id|pnc no|pnc number|pncid'), { kind: 'person', field: 'identifier', scheme: 'PNC' }],
  [H('cro|cro no|cro number'), { kind: 'person', field: 'identifier', scheme: 'CRO' }],
  [H('niche|niche id|niche no|niche nominal|niche number'), { kind: 'person', field: 'identifier', scheme: 'Niche' }],
  [H('upn|unique pupil number|pupil number|upn number'), { kind: 'person', field: 'identifier', scheme: 'UPN' }],
  [H('nhs|nhs no|nhs number'), { kind: 'person', field: 'identifier', scheme: 'NHS' }],
  [H('lcs|lcs id|lcs no|lcs number'), { kind: 'person', field: 'identifier', scheme: 'LCS' }],
  [H('mosaic|mosaic id|mosaic no|mosaic number'), { kind: 'person', field: 'identifier', scheme: 'Mosaic' }],
  [H('ni number|ni no|nino|national insurance|national insurance number'), { kind: 'person', field: 'identifier', scheme: 'NI number' }],
  [H('athena|athena id|athena number'), { kind: 'person', field: 'identifier', scheme: 'Athena' }],
  [H('nominal id|person id|person ref|nominal ref|nominal number|client id|child id|case id|system id'), { kind: 'person', field: 'identifier' }],
  // phones and handles
  [H('mobiles?|mobile numbers?|mobile no|mob|mob no|mobile phone|phones?|phone numbers?|phone no|telephone|telephone number|tel|tel no|tel number|contact number|contact no|contact tel|contact phone|home phone|landline|cell|cell phone|msisdn|handset|mobile tel'), { kind: 'phone', field: 'number' }],
  [H('number|no|contact'), { kind: 'phone', field: 'number', confidence: 'low', check: 'number' }],
  [H('handles?|usernames?|user names?|social media|online handle|social media handle|social media account|online account|profile|account name'), { kind: 'phone', field: 'handle' }],
  [H('platform|app|social media platform|network|social network'), { kind: 'phone', field: 'platform' }],
  // vehicles
  [H('vrm|vrn|reg|reg no|reg number|registration|registration number|registration no|vehicle reg|vehicle registration|vehicle vrm|vehicle reg no|index|index number|number plate|plate|licence plate|license plate|car reg|reg mark|registration mark'), { kind: 'vehicle', field: 'registration' }],
  [H('vehicle|car|vehicle details|vehicles|car details'), { kind: 'vehicle', field: 'registration', confidence: 'low', check: 'vehicle' }],
  [H('make|vehicle make|car make|manufacturer'), { kind: 'vehicle', field: 'make' }],
  [H('model|vehicle model|car model|make model|make and model|make & model'), { kind: 'vehicle', field: 'model' }],
  [H('colou?r|vehicle colou?r|car colou?r'), { kind: 'vehicle', field: 'colour' }],
  // addresses
  [H('post ?code|postal code|zip|zip code|pc|home postcode|address postcode'), { kind: 'address', field: 'postcode' }],
  [H('address|addresses|address \\d|address line|address line \\d|address\\d|addr|addr \\d|line \\d|home address|street address|current address|first line|first line of address|house name|house number|house no|house|flat|flat no|flat number|building|building name|street|road|street road|locality|district|village|town|city|town city|town or city|county|neighbourhood|estate|area'), { kind: 'address', field: 'line' }],
  [H('place type|location type|premises type|address type|property type|type of premises|type of address|accommodation type'), { kind: 'address', field: 'placeType' }],
  [H('lat|latitude|lat dd'), { kind: 'address', field: 'lat' }],
  [H('lng|lon|long|longitude|lng dd'), { kind: 'address', field: 'lng' }],
  // businesses
  [H('business|business name|premises|premises name|company|company name|venue|venue name|employer|workplace|place of work|shop|shop name|establishment|organisation|organization'), { kind: 'business', field: 'name' }],
  [H('hotel|hotel name'), { kind: 'business', field: 'name', defaultType: 'hotel' }],
  [H('takeaway|take away|takeaway name'), { kind: 'business', field: 'name', defaultType: 'takeaway' }],
  [H('taxi firm|taxi company|taxi operator|private hire operator'), { kind: 'business', field: 'name', defaultType: 'taxi-firm' }],
  [H('b b|bed and breakfast|guest house'), { kind: 'business', field: 'name', defaultType: 'b-and-b' }],
  [H('business type|type of business|business category|premises category'), { kind: 'business', field: 'type' }],
  [H('licen[cs]e|licen[cs]e number|licen[cs]e no|licen[cs]e ref|licen[cs]e reference|premises licen[cs]e|operator licen[cs]e'), { kind: 'business', field: 'licence' }],
  // hot spots
  [H('hot ?spots?|hot ?spot name|location of concern|area of concern|place of concern|venue of concern|meeting place|location seen|seen at|where seen|place seen'), { kind: 'hotspot', field: 'name' }],
  [H('location|location name|place|place name|locations'), { kind: 'hotspot', field: 'name', confidence: 'medium', check: 'location' }],
  [H('hot ?spot type|type of location|type of place'), { kind: 'hotspot', field: 'type' }],
  [H('location description|hot ?spot description|description of location|place description'), { kind: 'hotspot', field: 'description' }],
  // the intelligence item
  [H('ref|refs|reference|ref no|ref number|reference number|reference no|urn|log no|log number|log ref|incident number|incident no|incident ref|crime number|crime no|crime ref|crime reference|occurrence number|occurrence no|occurrence ref|case number|case no|case ref|intel ref|intel reference|intelligence ref|intelligence reference|ir number|ir no|ir ref|report number|report no|report ref|referral number|referral ref|referral id|record id|entry id|sms number'), { kind: 'item', field: 'reference' }],
  [H('id'), { kind: 'item', field: 'reference', confidence: 'low' }],
  [H('date|dates|date of intelligence|intelligence date|intel date|incident date|date of incident|occurred|occurred date|date occurred|event date|date of event|date seen|sighting date|date of sighting|when|date time|datetime|date and time|incident date time|date of concern|concern date|referral date|date of referral|date of report'), { kind: 'item', field: 'dateOfIntelligence' }],
  [H('date recorded|recorded|recorded date|recorded on|date entered|entered|entered date|created|created date|date created|created on|date reported|reported date|report date|date submitted|submitted|submitted date|input date|date input|date logged|logged'), { kind: 'item', field: 'dateRecorded' }],
  [H('text|notes?|details|description|summary|narrative|intelligence|intel|intelligence text|intel text|comments?|information|info|concerns?|log|log entry|details of concern|circumstances|incident details|what happened|observations|remarks|content|report|free text|intelligence report|account|rationale'), { kind: 'item', field: 'text' }],
  [H('author|officer|recorded by|reporter|submitted by|staff|staff member|entered by|reporting officer|officer name|officer in case|oic|created by|author name|submitting officer|source officer|worker|social worker|practitioner|referrer|completed by'), { kind: 'item', field: 'author' }],
  [H('grading|grade|3x5x2|5x5x5|3x5x2 grading|5x5x5 grading|3x5x2 grade|5x5x5 grade|evaluation code|intelligence grading|intel grading|intel grade|int grading|nim grading'), { kind: 'item', field: 'grading' }],
  [H('source evaluation|source eval|source grading|source grade|source rating|se|source reliability|evaluation'), { kind: 'item', field: 'sourceEvaluation' }],
  [H('intelligence assessment|intel assessment|information assessment|intelligence evaluation|intel evaluation|ia|intelligence grade|information grade|information evaluation'), { kind: 'item', field: 'intelligenceAssessment' }],
  [H('handling code|handling|hc|handling instructions|handling instruction'), { kind: 'item', field: 'handlingCode' }],
  [H('handling conditions?|conditions|sanitisation|sanitisation code|handling notes'), { kind: 'item', field: 'handlingConditions' }],
  [H('grading scheme|scheme|grading system'), { kind: 'item', field: 'gradingScheme' }],
  [H('statement type|fact or assessment|fact assessment|type of statement|fact opinion'), { kind: 'item', field: 'statementType' }],
];

/** Prefixes (or suffixes) that put a column on the second person: "Associate surname", "Name (2)". */
const PERSON_B_PREFIX = /^(?:associates?|associated|associated adults?|associated persons?|suspects?|offenders?|perpetrators?|perp|person 2|person b|second person|other person|subject 2|nominal 2|p2|boyfriends?|adults?|alleged perpetrators?|alleged offenders?)\s+(.+)$/;
/** Prefixes that name the main person: "Pupil surname", "YP DOB", "Subject name". */
const PERSON_A_PREFIX = /^(?:person|person 1|subject|subject 1|nominal|nominal 1|young person|young persons|yp|child|childs|child s|pupil|pupils|pupil s|student|students|victim|victims|client|clients|p1|main|primary)\s+(.+)$/;
const SECOND_SUFFIX = /^(.+?)\s+(?:2|ii|b)$/;

function matchHeader(folded: string): Target | undefined {
  const compact = folded.replace(/\s+/g, '');
  for (const [re, t] of HEADER_RULES) if (re.test(folded) || re.test(compact)) return t;
  const platform = platformName(folded);
  if (platform) return { kind: 'phone', field: platform === 'WhatsApp' ? 'number' : 'handle', platform };
  return undefined;
}

interface Placement {
  target: Target;
  /** 'B' for the second person (or a thing of theirs), 'A' otherwise. */
  who: 'A' | 'B';
}

const PERSON_B_ALONE = /^(?:associates?|associated adults?|associated persons?|adults?|older adults?|suspects?|offenders?|perpetrators?|alleged perpetrators?|alleged offenders?|boyfriends?|older boyfriends?|second person|other person|person 2|person b)$/;
const FIRST_SUFFIX = /^(.+?)\s+(?:1|i|a)$/;

function placeHeader(header: string): Placement | undefined {
  const folded = foldText(header);
  if (!folded) return undefined;
  if (PERSON_B_ALONE.test(folded)) return { target: { kind: 'person', field: 'fullName' }, who: 'B' };
  const direct = matchHeader(folded);
  if (direct) return { target: direct, who: 'A' };
  let m = PERSON_B_PREFIX.exec(folded);
  if (m?.[1]) {
    const t = matchHeader(m[1]);
    if (t && t.kind !== 'item') return { target: t, who: 'B' };
  }
  // "Name (2)" (a repeated header) and "Surname 2" are the second person's; "Mobile 2" is more of the same.
  m = SECOND_SUFFIX.exec(folded);
  if (m?.[1]) {
    const t = matchHeader(m[1]);
    if (t) return { target: t, who: t.kind === 'person' ? 'B' : 'A' };
  }
  m = FIRST_SUFFIX.exec(folded);
  if (m?.[1]) {
    const t = matchHeader(m[1]);
    if (t) return { target: t, who: 'A' };
  }
  m = PERSON_A_PREFIX.exec(folded);
  if (m?.[1]) {
    const t = matchHeader(m[1]);
    if (t && t.kind !== 'item') return { target: t, who: 'A' };
  }
  return undefined;
}

// -------- contents

const ROAD_WORDS = /\b(?:road|rd|street|st|lane|ln|avenue|ave|close|drive|dr|way|crescent|cres|court|ct|place|pl|grove|gardens|terrace|walk|square|hill|row|parade|mews|green|rise|view|park)\.?$/i;

interface ContentProfile {
  n: number;
  phones: number;
  plates: number;
  postcodes: number;
  emails: number;
  gradings: number;
  smallNumbers: number;
  roads: number;
  multiPhones: number;
  multiValues: number;
}

function profile(values: string[]): ContentProfile {
  const p: ContentProfile = { n: 0, phones: 0, plates: 0, postcodes: 0, emails: 0, gradings: 0, smallNumbers: 0, roads: 0, multiPhones: 0, multiValues: 0 };
  for (const raw of values) {
    const v = raw.trim();
    if (isEmptyMarker(v)) continue;
    p.n++;
    const parts = splitPhones(v);
    const phoneParts = parts.filter((x) => x.replace(/\D/g, '').length >= 10 && readPhone(x).ok);
    if (phoneParts.length > 0 && phoneParts.length === parts.length) {
      p.phones++;
      if (parts.length > 1) p.multiPhones++;
    }
    if (normalisePostcode(v).ok) p.postcodes++;
    else {
      const plate = normalisePlate(v);
      if (plate.ok && !plate.partial && ukPlateFormat(plate.value) && /[A-Z]/.test(plate.value) && /\d/.test(plate.value) && !/^\d+$/.test(v)) p.plates++;
    }
    if (readHandle(v, 'Email').ok) p.emails++;
    if (/^\d{1,4}[a-z]?$/i.test(v)) p.smallNumbers++;
    if (ROAD_WORDS.test(v)) p.roads++;
    if (/^[123][a-e]\s*[pc]\b|^[a-e][1-5]\s*[1-5]$/i.test(v) && readGrading({ code: v }, { scheme: 'ungraded' }).ok) p.gradings++;
    if (splitValues(v).length > 1) p.multiValues++;
  }
  return p;
}

const share = (k: number, n: number): number => (n ? k / n : 0);

function medianYear(values: string[]): number | null {
  const years = values
    .map((v) => /(\d{4})/.exec(v)?.[1] ?? /\d{1,2}[-/.]\d{1,2}[-/.](\d{2})$/.exec(v.trim())?.[1])
    .filter((y): y is string => !!y)
    .map((y) => (y.length === 2 ? (Number(y) > 30 ? 1900 + Number(y) : 2000 + Number(y)) : Number(y)))
    .sort((a, b) => a - b);
  return years.length ? (years[Math.floor(years.length / 2)] ?? null) : null;
}

export interface SuggestOptions {
  /** Today (ISO), for telling dates of birth from recent dates. */
  today?: IsoDate;
  /** Settings to start from (agency...). */
  settings?: Partial<ImportSettings>;
}

export interface MappingSuggestion {
  mapping: ImportMapping;
  columns: ColumnSuggestion[];
}

/**
 * Proposes a mapping from the headers and a sample of rows (the first 50-100 are plenty): header words
 * first ("Surname", "DOB", "VRM", "Postcode", "Associate mobile", "Snapchat"...), then the cells of the
 * columns the headers did not place (values that look like phone numbers, plates, postcodes, e-mail
 * addresses, grading codes or dates). Date columns get their order when the sample settles it; multi-phone
 * cells get `split`. Link rules are the defaults for the slots used.
 */
export function suggestMapping(headers: readonly string[], sampleRows: readonly (readonly string[])[], opts: SuggestOptions = {}): MappingSuggestion {
  let mapping = emptyMapping(opts.settings);
  const suggestions: ColumnSuggestion[] = [];
  const columns: ColumnMapping[] = [];
  const taken = new Map<string, string>();
  const today = opts.today;
  const sample = (col: number): string[] => sampleRows.map((r) => r[col] ?? '').filter((v) => v.trim() !== '');

  const slotFor = (kind: SlotKind, who: 'A' | 'B', defaultType?: Target['defaultType']): string => {
    if (kind === 'item') return 'item';
    if (kind === 'person') return who === 'B' ? 'personB' : 'personA';
    const baseId = kind;
    if (who === 'A') {
      const s = mapping.slots.find((x) => x.id === baseId);
      if (s && defaultType && !s.defaultType) s.defaultType = defaultType;
      return baseId;
    }
    const existing = mapping.slots.find((s) => s.kind === kind && s.owner === 'personB');
    if (existing) return existing.id;
    const added = addSlot(mapping, kind, 'personB');
    mapping = added.mapping;
    if (defaultType) added.slot.defaultType = defaultType;
    return added.slot.id;
  };

  const place = (col: number, header: string, target: Target, who: 'A' | 'B', confidence: ColumnSuggestion['confidence'], reason: string, dates?: DateColumnAnalysis): void => {
    const slot = slotFor(target.kind, who, target.defaultType);
    const def = fieldDef(target.kind, target.field);
    const key = `${slot}.${target.field}`;
    if (def?.combine === 'one' && taken.has(key)) {
      // A second date column becomes the date recorded when that is free.
      if (target.kind === 'item' && target.field === 'dateOfIntelligence' && !taken.has('item.dateRecorded'))
        return place(col, header, { kind: 'item', field: 'dateRecorded' }, who, 'low', `${reason}; "${taken.get(key)}" already gives the date of intelligence`, dates);
      suggestions.push({ column: col, header, confidence: 'low', reason: `${reason}, but "${taken.get(key)}" already gives ${def.label.toLowerCase()}: left unmapped` });
      return;
    }
    taken.set(key, header);
    const cm: ColumnMapping = { column: col, header, slot, field: target.field };
    if (target.scheme || (target.kind === 'person' && target.field === 'identifier')) cm.scheme = target.scheme ?? header;
    if (target.platform) cm.platform = target.platform;
    const values = sample(col);
    if (def?.type === 'date') {
      const a = dates ?? analyseDateColumn(values, today ? { today } : {});
      if (a.order) cm.dateOrder = a.order;
      dates = a;
    }
    if (def && (def.combine === 'entities' || def.combine === 'list')) {
      const p = profile(values);
      if ((def.type === 'phone' && p.multiPhones > 0) || (def.type !== 'phone' && def.combine === 'list' && p.multiValues > 0 && def.type === 'name')) cm.split = true;
    }
    columns.push(cm);
    const s: ColumnSuggestion = { column: col, header, slot, field: target.field, confidence, reason };
    if (dates) s.dates = dates;
    suggestions.push(s);
  };

  // Two passes: columns whose headers say what they hold first, then the others by their contents (so a
  // column of numbers cannot take the date of intelligence from a "Date of concern" column to its right).
  const byContents: number[] = [];
  headers.forEach((header, col) => {
    const values = sample(col);
    const placed = placeHeader(header);
    if (!placed) {
      byContents.push(col);
      return;
    }
    const p = profile(values);
    {
      const t = placed.target;
      const why = `header "${header}"`;
      if (t.check === 'number') {
        if (share(p.phones, p.n) >= 0.6) return place(col, header, { kind: 'phone', field: 'number' }, placed.who, 'medium', `${why}; ${p.phones} of ${p.n} values are phone numbers`);
        if (share(p.smallNumbers, p.n) >= 0.6) return place(col, header, { kind: 'address', field: 'line' }, placed.who, 'medium', `${why}; the values look like house numbers`);
        suggestions.push({ column: col, header, confidence: 'low', reason: `${why} could be a phone or a house number; the values do not say which` });
        return;
      }
      if (t.check === 'streetName' && p.n > 0 && share(p.roads, p.n) >= 0.5)
        return place(col, header, { kind: 'address', field: 'line' }, 'A', 'medium', `${why}; the values look like roads`);
      if (t.check === 'vehicle') {
        if (share(p.plates, p.n) >= 0.6) return place(col, header, { kind: 'vehicle', field: 'registration' }, placed.who, 'medium', `${why}; the values look like registrations`);
        return place(col, header, { kind: 'vehicle', field: 'model' }, placed.who, 'low', `${why}; the values are not registrations, so they are read as the make and model`);
      }
      if (t.check === 'location' && p.n > 0 && share(p.postcodes, p.n) >= 0.6)
        return place(col, header, { kind: 'address', field: 'postcode' }, placed.who, 'medium', `${why}; the values are postcodes`);
      const def = fieldDef(t.kind, t.field);
      let confidence = t.confidence ?? 'high';
      let reason = why;
      if (def?.type === 'phone' && p.n >= 3 && share(p.phones, p.n) < 0.5) {
        confidence = 'low';
        reason += `; only ${p.phones} of ${p.n} values read as phone numbers`;
      }
      if (def?.type === 'postcode' && p.n >= 3 && share(p.postcodes, p.n) < 0.5) {
        confidence = 'low';
        reason += `; only ${p.postcodes} of ${p.n} values are UK postcodes`;
      }
      if (def?.type === 'date') {
        const a = analyseDateColumn(values, today ? { today } : {});
        if (p.n >= 3 && a.dateShare < 0.5) {
          confidence = 'low';
          reason += `; only ${a.dates} of ${a.values} values read as dates`;
        }
        return place(col, header, t, placed.who, confidence, reason, a);
      }
      return place(col, header, t, placed.who, confidence, reason);
    }
  });
  const placeByContents = (col: number): void => {
    const header = headers[col] ?? '';
    const values = sample(col);
    const p = profile(values);
    if (p.n === 0) {
      suggestions.push({ column: col, header, confidence: 'low', reason: 'the sample rows have no values in this column' });
      return;
    }
    const pct = (k: number): string => `${k} of ${p.n} values`;
    if (share(p.phones, p.n) >= 0.8) return place(col, header, { kind: 'phone', field: 'number' }, 'A', 'medium', `${pct(p.phones)} are phone numbers`);
    if (share(p.postcodes, p.n) >= 0.8) return place(col, header, { kind: 'address', field: 'postcode' }, 'A', 'medium', `${pct(p.postcodes)} are UK postcodes`);
    if (share(p.plates, p.n) >= 0.8) return place(col, header, { kind: 'vehicle', field: 'registration' }, 'A', 'medium', `${pct(p.plates)} are vehicle registrations`);
    if (share(p.emails, p.n) >= 0.8) return place(col, header, { kind: 'phone', field: 'handle', platform: 'Email' }, 'A', 'medium', `${pct(p.emails)} are e-mail addresses`);
    if (share(p.gradings, p.n) >= 0.8) return place(col, header, { kind: 'item', field: 'grading' }, 'A', 'medium', `${pct(p.gradings)} are grading codes`);
    const a = analyseDateColumn(values, today ? { today } : {});
    if (a.dateShare >= 0.8 && a.dates > 0 && a.smallSerials < a.dates / 2) {
      const year = medianYear(values);
      const now = Number((today ?? new Date().toISOString()).slice(0, 4));
      if (year !== null && year <= now - 8 && !taken.has('personA.dob'))
        return place(col, header, { kind: 'person', field: 'dob' }, 'A', 'low', `${a.dates} of ${a.values} values are dates around ${year}: read as dates of birth`, a);
      const field = !taken.has('item.dateOfIntelligence') ? 'dateOfIntelligence' : 'dateRecorded';
      return place(col, header, { kind: 'item', field }, 'A', 'low', `${a.dates} of ${a.values} values are dates`, a);
    }
    suggestions.push({ column: col, header, confidence: 'low', reason: 'neither the header nor the values say what this column holds: left unmapped (its values go into the item\'s text)' });
  };
  for (const col of byContents) placeByContents(col);

  mapping = { ...mapping, columns };
  // Drop slots nobody uses beyond the defaults, and set the default links.
  mapping.links = defaultLinkRules(mapping);
  suggestions.sort((a, b) => a.column - b.column);
  return { mapping, columns: suggestions };
}

// ---------------------------------------------------------------- templates

/** A saved mapping, offered again for files with the same headers (storage is the services' job). */
export interface MappingTemplate {
  id: string;
  name: string;
  agency: string;
  /** headerSignature() of the headers the mapping was made for. */
  signature: string;
  /** Those headers, to say what differs when a file is similar but not the same. */
  headers: string[];
  mapping: ImportMapping;
  createdAt?: string;
  updatedAt?: string;
}

function fnv1a(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Headers compared for templates: folded and without spaces, so "D.O.B" and "dob", "Post code" and "POSTCODE" are the same. */
export function headerKey(h: string): string {
  return foldText(h).replace(/\s+/g, '');
}

/**
 * A short, order-insensitive signature of a header row: the same columns in any order, spelt in any case
 * or punctuation, give the same signature ("h1-12-3f9a0c1e5b7d2a40": version, column count, hash).
 */
export function headerSignature(headers: readonly string[]): string {
  const canon = headers.map(headerKey).sort().join('\u001f');
  const a = fnv1a(canon, 0x811c9dc5).toString(16).padStart(8, '0');
  const b = fnv1a(canon, 0x01234567).toString(16).padStart(8, '0');
  return `h1-${headers.length}-${a}${b}`;
}

export interface TemplateMatch {
  template: MappingTemplate;
  /** Same headers (in any order). */
  exact: boolean;
  /** Share of the template's mapped columns found in this file (0..1). */
  coverage: number;
  /** Mapped headers of the template this file lacks. */
  missing: string[];
  /** Headers of this file the template does not know. */
  extra: string[];
}

/**
 * Templates that fit these headers, best first: exact matches, then templates whose mapped columns are
 * mostly present (coverage >= 0.6), preferring the given agency's.
 */
export function findTemplates(templates: readonly MappingTemplate[], headers: readonly string[], agency?: string): TemplateMatch[] {
  const sig = headerSignature(headers);
  const here = new Set(headers.map(headerKey));
  const out: TemplateMatch[] = [];
  for (const t of templates) {
    const known = new Set(t.headers.map(headerKey));
    const mapped = [...new Set(t.mapping.columns.map((c) => c.header))];
    const missing = mapped.filter((h) => !here.has(headerKey(h)));
    const coverage = mapped.length ? (mapped.length - missing.length) / mapped.length : 0;
    const exact = t.signature === sig;
    if (!exact && coverage < 0.6) continue;
    out.push({ template: t, exact, coverage, missing, extra: headers.filter((h) => !known.has(headerKey(h))) });
  }
  const ag = agency ? foldText(agency) : '';
  return out.sort(
    (a, b) =>
      Number(b.exact) - Number(a.exact) ||
      Number(foldText(b.template.agency) === ag) - Number(foldText(a.template.agency) === ag) ||
      b.coverage - a.coverage ||
      (b.template.updatedAt ?? '').localeCompare(a.template.updatedAt ?? ''),
  );
}

/** A template to save: the mapping with its headers and signature. */
export function toTemplate(id: string, name: string, mapping: ImportMapping, headers: readonly string[]): MappingTemplate {
  return { id, name, agency: mapping.settings.agency, signature: headerSignature(headers), headers: [...headers], mapping: structuredClone(mapping) };
}

/**
 * The template's mapping re-pointed at this sheet's columns (found by header, ignoring case and
 * punctuation). Columns the file lacks are dropped and listed in `missing`.
 */
export function applyTemplate(template: MappingTemplate, headers: readonly string[]): { mapping: ImportMapping; missing: string[] } {
  const index = new Map<string, number>();
  headers.forEach((h, i) => {
    const k = headerKey(h);
    if (!index.has(k)) index.set(k, i);
  });
  const missing: string[] = [];
  const columns: ColumnMapping[] = [];
  for (const c of template.mapping.columns) {
    const i = index.get(headerKey(c.header));
    if (i === undefined) {
      if (!missing.includes(c.header)) missing.push(c.header);
      continue;
    }
    columns.push({ ...c, column: i, header: headers[i] ?? c.header });
  }
  const mapping = structuredClone(template.mapping);
  mapping.columns = columns;
  return { mapping, missing };
}
