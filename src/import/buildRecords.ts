/**
 * Rows to records. `mapRow` reads one row through a mapping into an intelligence item (the row's
 * provenance: agency, file, row number, grading), entities whose every fact cites that item, and the
 * links between them. `buildImport` runs every row, merges entities that share an exact identifier
 * within the file (two rows, one phone: ONE phone), and quarantines the rows that cannot be imported,
 * with the reasons. Pure and synchronous (a Web Worker runs it; `buildImportAsync` yields now and then
 * so the worker can hear "Cancel").
 *
 * WHAT QUARANTINES A ROW (nothing is imported from it; it is kept with its reasons to correct and retry):
 * - the parser could not read it reliably (more values than columns, an unclosed quote);
 * - nothing in it can be imported (the mapped columns are empty, or every value failed);
 * - a person, business or hot spot slot has details but no name ("DOB 31/01/2008, Mobile ..." and no
 *   name, nickname or street name): the details would have nowhere to go;
 * - its grading cells cannot be read ("1A X"): handling restrictions are never guessed;
 * - with the 'quarantine-row' policy, any cell problem at all.
 * WHAT ONLY DROPS A CELL (the rest of the row is imported; the problem is listed for the row and the
 * value is kept in the item's text, so nothing is lost): a phone that is not a phone number, a
 * registration with impossible characters, a postcode that is not a UK postcode (the address keeps its
 * lines), an unreadable, ambiguous (no order chosen) or future date, an age that is not a number, a
 * coordinate out of range, a sex / ethnicity / role / risk word that is not recognised. A value Linkwall
 * reads approximately (an IC code as an ethnicity group, an unknown place type as "Other") is a NOTE.
 *
 * Exact-identifier keys come from src/domain/attach.ts (`exactKeys`), the same keys the import services
 * use against stored entities; `matchKeysOf` prefixes them with the entity kind.
 */
import { exactKeys } from '../domain/attach';
import type { Grading } from '../domain/grading';
import { personNameText } from '../domain/labels';
import type {
  Address,
  Business,
  BusinessType,
  Entity,
  EntityKind,
  Ethnicity,
  Fact,
  GeoPoint,
  Hotspot,
  HotspotType,
  Id,
  IntelItem,
  IsoDate,
  IsoDateTime,
  Link,
  LinkType,
  Person,
  PersonName,
  Phone,
  PlaceType,
  RiskLevel,
  Role,
  Sex,
  Vehicle,
} from '../domain/model';
import { foldText, isOutcode, normalisePostcode, parsePersonName, properCaseName } from '../domain/normalise';
import { nowIso, todayIso } from '../domain/util';
import { validateEntity } from '../domain/validate';
import { parseDateCell, SMALL_SERIAL_BEFORE, type DateOrder, type DateParse } from './dates';
import { fieldDef, type FieldDef, type ImportMapping, type SlotDef } from './mapping';
import type { ParsedSheet } from './types';
import {
  isEmptyMarker,
  platformName,
  readPlate,
  readAge,
  readBusinessType,
  readCoordinate,
  readEthnicity,
  readGrading,
  readHandle,
  readHotspotType,
  readPhone,
  readPlaceType,
  readRisk,
  readRole,
  readSex,
  readStatementType,
  splitPhones,
  splitValues,
  type GradingCells,
} from './values';

// ---------------------------------------------------------------- public types

/** What the builder needs to know besides the mapping. */
export interface BuildContext {
  importId: Id;
  workspaceId: Id;
  fileName: string;
  /** The sheet's name for a workbook (it goes into default references: "file.xlsx (Pupils) row 12"). */
  sheetName?: string;
  /** Timestamp for createdAt / updatedAt. Default: now. */
  now?: IsoDateTime;
  /** Today (ISO): future dates are refused, two-digit years pivot on it. Default: the local date. */
  today?: IsoDate;
  /** Id generator (prefixes "it", "p", "v", "ph", "a", "b", "h", "lk"). Default: importIdFactory(). */
  newId?: (prefix: string) => Id;
}

/** A value that was left out (`dropped`) or read approximately (`note`). */
export interface CellProblem {
  /** Column index; -1 for a problem of the row as a whole. */
  column: number;
  header: string;
  /** The cell as it was. */
  value: string;
  message: string;
  kind: 'dropped' | 'note';
}

export interface RowEntity {
  /** The mapping slot the entity came from ("personA", "phone"...). */
  slot: string;
  entity: Entity;
  /** Exact-identifier keys (see matchKeysOf). */
  keys: string[];
  /** buildImport's preview only: the row that first made this entity, when this row matched it. */
  sameAsRow?: number;
}

export interface RowOk {
  ok: true;
  rowNumber: number;
  item: IntelItem;
  entities: RowEntity[];
  links: Link[];
  problems: CellProblem[];
}

export interface RowRejected {
  ok: false;
  rowNumber: number;
  /** Why the row was quarantined, in plain words. */
  reasons: string[];
  problems: CellProblem[];
}

export type RowResult = RowOk | RowRejected;

// ---------------------------------------------------------------- keys

/** The exact-identifier keys of an entity, kind-prefixed ("phone|phone:+447700900123"): same scheme for stored and imported entities. */
export function matchKeysOf(e: Entity): string[] {
  return exactKeys(e).map((k) => `${e.kind}|${k}`);
}

// ---------------------------------------------------------------- compiled mapping

interface Col {
  index: number;
  header: string;
  def: FieldDef;
  order: number;
  split: boolean;
  dateOrder?: DateOrder;
  scheme?: string;
  platform?: string;
}

interface CompiledSlot {
  slot: SlotDef;
  fields: Map<string, Col[]>;
  columns: Col[];
  /** Item slot: whether any grading column is mapped. */
  grading?: boolean;
}

interface Compiled {
  slots: CompiledSlot[];
  item: CompiledSlot;
  mapping: ImportMapping;
  headers: readonly string[];
  /** For each entity slot, whether a lives-at rule points at it (address default type "home"). */
  livesAt: Set<string>;
  /** Columns the mapping uses. */
  mapped: Set<number>;
  /** Scratch space for RowReader (per-cell emptiness), reused row after row. */
  seen: Uint8Array;
  /** Link rules as indexes into `slots` (rules whose slots have no columns are left out). */
  linkPlan: { from: number; to: number; type: LinkType }[];
  agency: string;
  author: string;
}

/** The mapping prepared for reading rows: columns grouped by slot and field, links by slot index. */
function compile(mapping: ImportMapping, headers: readonly string[]): Compiled {
  const bySlot = new Map<string, CompiledSlot>();
  for (const s of mapping.slots) bySlot.set(s.id, { slot: s, fields: new Map(), columns: [] });
  for (const c of mapping.columns) {
    const cs = bySlot.get(c.slot);
    if (!cs) throw new Error(`Column "${c.header}" is mapped to a slot that does not exist ("${c.slot}").`);
    const def = fieldDef(cs.slot.kind, c.field);
    if (!def) throw new Error(`Column "${c.header}": ${cs.slot.label} has no field "${c.field}".`);
    if (c.column < 0 || c.column >= headers.length) throw new Error(`Column "${c.header}" is not in this sheet.`);
    const col: Col = { index: c.column, header: headers[c.column] ?? c.header, def, order: c.order ?? c.column, split: !!c.split };
    if (c.dateOrder) col.dateOrder = c.dateOrder;
    if (c.scheme) col.scheme = c.scheme;
    if (c.platform) col.platform = c.platform;
    const list = cs.fields.get(c.field) ?? [];
    list.push(col);
    cs.fields.set(c.field, list);
    cs.columns.push(col);
  }
  for (const cs of bySlot.values()) for (const list of cs.fields.values()) list.sort((a, b) => a.order - b.order || a.index - b.index);
  const item = [...bySlot.values()].find((s) => s.slot.kind === 'item');
  if (!item) throw new Error('The mapping has no intelligence item slot.');
  if (!mapping.settings.agency.trim()) throw new Error('Say which agency the file came from.');
  item.grading = ['grading', 'sourceEvaluation', 'intelligenceAssessment', 'handlingCode', 'handlingConditions', 'gradingScheme'].some((f) => item.fields.has(f));
  const slots = [...bySlot.values()].filter((s) => s.slot.kind !== 'item' && s.columns.length > 0);
  const slotIndex = (id: string): number => slots.findIndex((s) => s.slot.id === id);
  const compiled: Compiled = {
    slots,
    item,
    mapping,
    headers,
    livesAt: new Set(mapping.links.filter((l) => l.type === 'lives-at').map((l) => l.to)),
    mapped: new Set(mapping.columns.map((c) => c.column)),
    seen: new Uint8Array(headers.length),
    linkPlan: mapping.links.map((l) => ({ from: slotIndex(l.from), to: slotIndex(l.to), type: l.type })).filter((l) => l.from >= 0 && l.to >= 0 && l.from !== l.to),
    agency: tidy(mapping.settings.agency),
    author: tidy(mapping.settings.author ?? ''),
  };
  return compiled;
}

// ---------------------------------------------------------------- reading one row

/** Whitespace collapsed and trimmed (most cells need nothing: tested first, without allocating). */
const tidy = (s: string): string => (/\s\s|[\t\n\r\f\v\u00a0]|^\s|\s$/.test(s) ? s.replace(/\s+/g, ' ').trim() : s);

/** foldText, with a shortcut for plain ASCII letters, digits and spaces (where it only lower-cases and closes up spaces). */
function fold(s: string): string {
  if (/^[A-Za-z0-9 ]*$/.test(s)) return /^ | $| {2}/.test(s) ? s.toLowerCase().replace(/ +/g, ' ').trim() : s.toLowerCase();
  return foldText(s);
}

/** properCaseName, without its work for names already written properly ("Darren") or plainly in capitals ("SMITH"). */
function properCase(s: string): string {
  if (/^[A-Z][a-z]+$/.test(s) || s === '') return s;
  if (/^[A-Z]{2,}$/.test(s) && !/^MA?C/.test(s)) return s.charAt(0) + s.slice(1).toLowerCase();
  return properCaseName(s);
}
const readPostcode = normalisePostcode;
const quote = (s: string): string => `"${tidy(s)}"`;
const ID_PREFIX: Record<EntityKind, string> = { person: 'p', vehicle: 'v', phone: 'ph', address: 'a', business: 'b', hotspot: 'h' };

const NO_VALUES: { col: Col; value: string }[] = [];
const NO_ENTITIES: Entity[] = [];
const NO_PROBLEMS: { field: string; message: string }[] = [];
const NO_OPTS = {};
/** Dates repeat a lot in a file: each distinct cell is parsed once per order (keyed by the cell itself: no key to build). */
const DATE_CACHES = { none: new Map<string, DateParse>(), dmy: new Map<string, DateParse>(), mdy: new Map<string, DateParse>() };
let dateCacheToday = '';

function cachedDate(value: string, order: DateOrder | undefined, today: IsoDate): DateParse {
  if (today !== dateCacheToday) {
    for (const m of Object.values(DATE_CACHES)) m.clear();
    dateCacheToday = today;
  }
  const cache = DATE_CACHES[order ?? 'none'];
  let r = cache.get(value);
  if (!r) {
    r = parseDateCell(value, order ? { today, order } : { today });
    if (cache.size > 50_000) cache.clear();
    cache.set(value, r);
  }
  return r;
}

/**
 * The facts of one row share ONE sources array ([item id]): a person alone has five facts, and 100,000
 * rows would otherwise make a million one-element arrays. Only one-element arrays are ever shared, so
 * merging copies a one-element array before adding to it (`own`). Code outside the engine must copy
 * sources before changing them (src/domain/attach.ts does).
 */
function own(holder: { sources: Id[] }): Id[] {
  if (holder.sources.length <= 1) holder.sources = [...holder.sources];
  return holder.sources;
}

class RowReader {
  readonly problems: CellProblem[] = [];
  readonly fatal: string[] = [];
  readonly src: Id[];
  /** Per cell: 0 not looked at, 1 empty (or a marker such as N/A), 2 has a value. */
  private readonly seen: Uint8Array;
  constructor(
    readonly row: readonly string[],
    readonly itemId: Id,
    readonly today: IsoDate,
    seen: Uint8Array,
  ) {
    this.src = [itemId];
    seen.fill(0);
    this.seen = seen;
  }

  raw(col: Col): string {
    return this.row[col.index] ?? '';
  }

  /** isEmptyMarker of a cell, worked out once per row. */
  empty(col: Col): boolean {
    const i = col.index;
    let s = this.seen[i] ?? 0;
    if (s === 0) {
      s = isEmptyMarker(this.row[i] ?? '') ? 1 : 2;
      this.seen[i] = s;
    }
    return s === 1;
  }

  drop(col: Col | null, value: string, message: string): void {
    this.problems.push({ column: col?.index ?? -1, header: col?.header ?? '', value, message, kind: 'dropped' });
  }

  note(col: Col | null, value: string, message: string): void {
    this.problems.push({ column: col?.index ?? -1, header: col?.header ?? '', value, message, kind: 'note' });
  }

  fact<T>(value: T): Fact<T> {
    return { value, sources: this.src };
  }

  /** Non-empty values of a field, each with its column; markers such as "N/A" count as empty unless `text`. */
  values(cols: Col[] | undefined, opts: { text?: boolean; splitter?: (s: string) => string[] } = NO_OPTS): { col: Col; value: string }[] {
    if (!cols) return NO_VALUES;
    const out: { col: Col; value: string }[] = [];
    for (const col of cols) {
      const raw = this.raw(col);
      if (opts.text ? !/\S/.test(raw) : this.empty(col)) continue;
      if (col.split && !opts.text) {
        for (const v of (opts.splitter ?? splitValues)(raw)) if (!isEmptyMarker(v)) out.push({ col, value: v });
      } else out.push({ col, value: opts.text ? raw.trim() : tidy(raw) });
    }
    return out;
  }

  /** One value: the first non-empty; further ones are reported as not used. */
  one(cols: Col[] | undefined, label: string): { col: Col; value: string } | undefined {
    const vs = this.values(cols);
    const first = vs[0];
    for (let i = 1; i < vs.length; i++) {
      const extra = vs[i];
      if (extra && fold(extra.value) !== fold(first?.value ?? ''))
        this.drop(extra.col, extra.value, `${label} ${quote(first?.value ?? '')} was used; this second value was not.`);
    }
    return first;
  }

  /** The non-empty values of a field joined with spaces (markers such as N/A left out). */
  joinedValues(cols: Col[] | undefined): string {
    if (!cols) return '';
    const vs = this.values(cols);
    if (vs.length === 1) return vs[0]?.value ?? '';
    return vs.map((v) => v.value).join(' ');
  }

  joined(cols: Col[] | undefined, sep = ' '): string {
    return this.values(cols, { text: true })
      .map((v) => tidy(v.value))
      .join(sep)
      .trim();
  }

  date(cols: Col[] | undefined, label: string, opts: { future?: boolean } = {}): IsoDate | undefined {
    const v = this.one(cols, label);
    if (!v) return undefined;
    const r = cachedDate(v.value, v.col.dateOrder, this.today);
    if (!r.ok) {
      this.drop(v.col, v.value, `${label}: ${r.message}`);
      return undefined;
    }
    if (r.serial && r.value < SMALL_SERIAL_BEFORE) {
      this.drop(v.col, v.value, `${label}: ${quote(v.value)} is a small number, not a date (as an Excel date number it would be ${r.value}).`);
      return undefined;
    }
    if (!opts.future && r.value > this.today) {
      this.drop(v.col, v.value, `${label} ${quote(v.value)} is in the future.`);
      return undefined;
    }
    return r.value;
  }

  /** True when any column of the slot has a value (markers such as N/A do not count). */
  hasData(cs: CompiledSlot): boolean {
    for (const col of cs.columns) if (!this.empty(col)) return true;
    return false;
  }

  describe(cs: CompiledSlot): string {
    return cs.columns
      .filter((c) => !this.empty(c))
      .slice(0, 3)
      .map((c) => `${c.header} ${quote(this.raw(c))}`)
      .join(', ');
  }
}

/*
 * Entities are written as plain object literals with every property listed: V8 builds an object literal
 * that starts with a spread ({ ...common, names }) through a slow path, which cost ~10 µs per person.
 */

interface SlotEnv {
  r: RowReader;
  ws: Id;
  now: IsoDateTime;
  newId: (prefix: string) => Id;
  /** The date an estimated age refers to. */
  asOf: IsoDate;
  compiled: Compiled;
}

function notesOf(env: SlotEnv, cs: CompiledSlot): Fact<string>[] {
  return env.r.values(cs.fields.get('note'), { text: true }).map((v) => env.r.fact(tidy(v.value)));
}

function readPerson(env: SlotEnv, cs: CompiledSlot): Person | null {
  const { r } = env;
  if (!r.hasData(cs)) return null;
  const names: PersonName[] = [];
  const seen: string[] = [];
  const addName = (n: Omit<PersonName, 'sources'>): void => {
    const text = n.full || `${n.given} ${n.family}`;
    if (names.length === 0 && /\S/.test(text)) {
      // The first name needs no comparison (most people have one): fold only when a second one comes.
      seen.push('');
    } else {
      if (seen[0] === '' && names[0]) seen[0] = `${names[0].kind}|${fold(names[0].full || `${names[0].given} ${names[0].family}`)}`;
      const folded = fold(text);
      const key = `${n.kind}|${folded}`;
      if (!folded || seen.includes(key)) return;
      seen.push(key);
    }
    names.push({ kind: n.kind, given: n.given, family: n.family, full: n.full, sources: r.src });
  };
  const given = properCase(r.joinedValues(cs.fields.get('givenName')));
  const family = properCase(r.joinedValues(cs.fields.get('familyName')));
  const full = r.joinedValues(cs.fields.get('fullName'));
  if (given || family) addName({ kind: 'legal', given, family, full: tidy(`${given} ${family}`) });
  if (full) {
    const p = parsePersonName(full);
    const text = tidy(`${p.given} ${p.family}`);
    if (!given && !family) addName({ kind: 'legal', given: p.given, family: p.family, full: text });
    else if (fold(text) !== fold(`${given} ${family}`)) addName({ kind: 'alias', given: p.given, family: p.family, full: text });
  }
  for (const v of r.values(cs.fields.get('alias'))) {
    const p = parsePersonName(v.value);
    addName({ kind: 'alias', given: p.given, family: p.family, full: tidy(`${p.given} ${p.family}`) || v.value });
  }
  for (const v of r.values(cs.fields.get('nickname'))) addName({ kind: 'nickname', given: '', family: '', full: v.value.replace(/^["']+|["']+$/g, '') });
  for (const v of r.values(cs.fields.get('streetName'))) addName({ kind: 'street', given: '', family: '', full: v.value.replace(/^["']+|["']+$/g, '') });

  const dob = r.date(cs.fields.get('dob'), 'Date of birth');
  let estimatedAge: Fact<{ years: number; asOf: IsoDate }> | undefined;
  const age = r.one(cs.fields.get('estimatedAge'), 'Estimated age');
  if (age) {
    const a = readAge(age.value);
    if (!a.ok) r.drop(age.col, age.value, a.message);
    else if (dob) r.note(age.col, age.value, `Estimated age ${a.value} not recorded: the date of birth is known.`);
    else estimatedAge = r.fact({ years: a.value, asOf: env.asOf });
  }
  let sex: Sex = 'unknown';
  const sexCell = r.one(cs.fields.get('sex'), 'Sex');
  if (sexCell) {
    const s = readSex(sexCell.value);
    if (s.ok) sex = s.value;
    else r.drop(sexCell.col, sexCell.value, s.message);
  }
  let ethnicity: Ethnicity = 'unknown';
  const ethCell = r.values(cs.fields.get('ethnicity'), { text: true })[0];
  if (ethCell) {
    const e = readEthnicity(ethCell.value);
    if (e.ok) {
      ethnicity = e.value;
      if (e.note) r.note(ethCell.col, ethCell.value, e.note);
    } else if (!isEmptyMarker(ethCell.value)) r.drop(ethCell.col, ethCell.value, e.message);
  }
  const roles: Fact<Role>[] = [];
  for (const v of r.values(cs.fields.get('role'))) {
    const role = readRole(v.value);
    if (!role.ok) r.drop(v.col, v.value, role.message);
    else if (!roles.some((x) => x.value === role.value)) roles.push(r.fact(role.value));
  }
  const defaultRole = cs.slot.role ?? env.compiled.mapping.settings.defaultRole;
  if (roles.length === 0 && defaultRole) roles.push(r.fact(defaultRole));
  let riskLevel: Fact<RiskLevel> | undefined;
  const risk = r.one(cs.fields.get('riskLevel'), 'Risk level');
  if (risk) {
    const v = readRisk(risk.value);
    if (v.ok) riskLevel = r.fact(v.value);
    else r.drop(risk.col, risk.value, v.message);
  }
  const identifiers: Person['identifiers'] = [];
  for (const v of r.values(cs.fields.get('identifier'))) {
    const scheme = tidy(v.col.scheme ?? v.col.header);
    if (!identifiers.some((i) => i.value.scheme === scheme && i.value.value === v.value)) identifiers.push(r.fact({ scheme, value: v.value }));
  }
  if (names.length === 0) {
    r.fatal.push(`${cs.slot.label} has details (${r.describe(cs)}) but no name: a person needs a name, nickname or street name.`);
    return null;
  }
  const p: Person = {
    id: env.newId(ID_PREFIX.person), workspaceId: env.ws, kind: 'person', createdAt: env.now, updatedAt: env.now, notes: [],
    names,
    sex: r.fact(sex),
    ethnicity: r.fact(ethnicity),
    roles,
    identifiers,
  };
  p.notes = notesOf(env, cs);
  if (dob) p.dob = r.fact(dob);
  if (estimatedAge) p.estimatedAge = estimatedAge;
  if (riskLevel) p.riskLevel = riskLevel;
  return p;
}

function readPhones(env: SlotEnv, cs: CompiledSlot): Phone[] {
  const { r } = env;
  if (!r.hasData(cs)) return [];
  const out: Phone[] = [];
  const seen = new Set<string>();
  for (const v of r.values(cs.fields.get('number'), { splitter: splitPhones })) {
    let parts = [v.value];
    let res = readPhone(v.value);
    if (!res.ok && !v.col.split) {
      // "07700 900123 / 07700 900456" in a column not marked as holding several: take them if all are numbers.
      const several = splitPhones(v.value);
      if (several.length > 1 && several.every((s) => readPhone(s).ok)) {
        parts = several;
        r.note(v.col, v.value, `Read as ${several.length} phone numbers.`);
      }
    }
    for (const part of parts) {
      res = readPhone(part);
      if (!res.ok) {
        r.drop(v.col, part, res.message);
        continue;
      }
      if (seen.has(res.e164)) continue;
      seen.add(res.e164);
      out.push({ id: env.newId(ID_PREFIX.phone), workspaceId: env.ws, kind: 'phone', createdAt: env.now, updatedAt: env.now, notes: [], phoneType: 'number', number: r.fact(res.e164) });
    }
  }
  const handleCols = cs.fields.get('handle');
  const platformCell = r.one(cs.fields.get('platform'), 'Platform');
  const rowPlatform = platformCell ? (platformName(platformCell.value) ?? tidy(platformCell.value)) : '';
  for (const v of r.values(handleCols)) {
    const platform = rowPlatform || v.col.platform || 'Unknown';
    const h = readHandle(v.value, platform);
    if (!h.ok) {
      r.drop(v.col, v.value, h.message);
      continue;
    }
    const key = `${fold(platform)}|${h.value.toLowerCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ id: env.newId(ID_PREFIX.phone), workspaceId: env.ws, kind: 'phone', createdAt: env.now, updatedAt: env.now, notes: [], phoneType: 'handle', platform, handle: r.fact(h.value) });
  }
  if (platformCell && !handleCols?.some((c) => !isEmptyMarker(r.raw(c))))
    r.drop(platformCell.col, platformCell.value, `Platform ${quote(platformCell.value)} was given without a handle.`);
  const notes = notesOf(env, cs);
  if (notes.length) {
    const first = out[0];
    if (first) first.notes = notes;
    else for (const v of r.values(cs.fields.get('note'), { text: true })) r.drop(v.col, v.value, `A note for ${cs.slot.label} with no phone or handle to attach it to.`);
  }
  return out;
}

function readVehicles(env: SlotEnv, cs: CompiledSlot): Vehicle[] {
  const { r } = env;
  if (!r.hasData(cs)) return [];
  const out: Vehicle[] = [];
  const seen = new Set<string>();
  for (const v of r.values(cs.fields.get('registration'))) {
    const p = readPlate(v.value);
    if (!p.ok) {
      r.drop(v.col, v.value, p.message);
      continue;
    }
    if (seen.has(p.value)) continue;
    seen.add(p.value);
    out.push({ id: env.newId(ID_PREFIX.vehicle), workspaceId: env.ws, kind: 'vehicle', createdAt: env.now, updatedAt: env.now, notes: [], partial: p.partial, registration: r.fact(p.value) });
  }
  const make = r.one(cs.fields.get('make'), 'Make');
  const model = r.one(cs.fields.get('model'), 'Model');
  const colour = r.one(cs.fields.get('colour'), 'Colour');
  const notes = notesOf(env, cs);
  if (out.length === 0 && (make || model || colour || notes.length)) out.push({ id: env.newId(ID_PREFIX.vehicle), workspaceId: env.ws, kind: 'vehicle', createdAt: env.now, updatedAt: env.now, notes: [], partial: false });
  const first = out[0];
  if (first) {
    if (make) first.make = r.fact(make.value);
    if (model) first.model = r.fact(model.value);
    if (colour) first.colour = r.fact(colour.value);
    if (notes.length) first.notes = notes;
    if (out.length > 1 && (make || model || colour)) {
      const d = make ?? model ?? colour;
      if (d) r.note(d.col, d.value, `The make, model and colour were recorded on the first of ${out.length} vehicles (${first.registration?.value ?? ''}).`);
    }
  }
  return out;
}

/** Address columns that name a place, not a property: alone they do not make an address. */
const LOCALITY_HEADER = /\b(?:town|city|county|district|area|locality|village|region|country|borough|ward|neighbourhood)\b/i;
const POSTCODE_TAIL = /[\s,]+([A-Za-z]{1,2}\d[A-Za-z\d]?\s*\d[A-Za-z]{2})$/;
const HOUSE_NUMBER = /^\d+[a-z]?(?:\s*[-–]\s*\d+[a-z]?)?$/i;

function readAddress(env: SlotEnv, cs: CompiledSlot): Address | null {
  const { r } = env;
  if (!r.hasData(cs)) return null;
  // Lines: each cell split at commas and line breaks; a bare house number joins the part after it.
  const parts: { col: Col; text: string }[] = [];
  for (const v of r.values(cs.fields.get('line'), { text: true })) {
    if (!/[,\n\r]/.test(v.value)) {
      parts.push({ col: v.col, text: tidy(v.value) });
      continue;
    }
    for (const piece of v.value.split(/\s*[,\n\r]+\s*/)) if (tidy(piece)) parts.push({ col: v.col, text: tidy(piece) });
  }
  let postcode: string | undefined;
  const pcCell = r.one(cs.fields.get('postcode'), 'Postcode');
  if (pcCell) {
    const pc = readPostcode(pcCell.value);
    if (pc.ok) postcode = pc.value;
    else if (isOutcode(pcCell.value)) {
      parts.push({ col: pcCell.col, text: pcCell.value.toUpperCase() });
      r.note(pcCell.col, pcCell.value, `${quote(pcCell.value)} is only a postcode district: kept in the address lines, not as the postcode.`);
    } else r.drop(pcCell.col, pcCell.value, pc.message);
  }
  // A postcode written in the address itself ("12 Mill Lane, Northtown LS1 4AP").
  const last = parts[parts.length - 1];
  if (last) {
    let value: string | undefined;
    let cut: number | undefined;
    const whole = /\d/.test(last.text) && last.text.length <= 9 ? readPostcode(last.text) : null;
    if (whole?.ok) value = whole.value;
    else if (/\d[A-Za-z]{2}$/.test(last.text)) {
      const tail = POSTCODE_TAIL.exec(last.text);
      const pc = tail?.[1] ? readPostcode(tail[1]) : null;
      if (tail && pc?.ok) {
        value = pc.value;
        cut = tail.index;
      }
    }
    if (value && (!postcode || postcode === value)) {
      postcode = value;
      if (cut === undefined) parts.pop();
      else last.text = tidy(last.text.slice(0, cut));
    }
  }
  const lines: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (!p) continue;
    const next = parts[i + 1];
    if (HOUSE_NUMBER.test(p.text) && next && !HOUSE_NUMBER.test(next.text)) {
      next.text = `${p.text} ${next.text}`;
      continue;
    }
    if (lines.length === 0 || !lines.some((l) => l === p.text || fold(l) === fold(p.text))) lines.push(p.text);
  }
  let location: Fact<GeoPoint> | undefined;
  const lat = r.one(cs.fields.get('lat'), 'Latitude');
  const lng = r.one(cs.fields.get('lng'), 'Longitude');
  if (lat || lng) location = readLocation(r, lat, lng);
  let placeType: PlaceType = (cs.slot.defaultType as PlaceType | undefined) ?? (env.compiled.livesAt.has(cs.slot.id) ? 'home' : 'other');
  const pt = r.one(cs.fields.get('placeType'), 'Place type');
  if (pt) {
    const v = readPlaceType(pt.value);
    if (v.ok) {
      placeType = v.value;
      if (v.note) r.note(pt.col, pt.value, v.note);
    }
  }
  if (lines.length === 0 && !postcode) {
    if (location && lat) r.drop(lat.col, lat.value, `A location with no address line or postcode was not imported as an address.`);
    return null;
  }
  // A town alone ("Northtown") is not an address: every such row would make another "Northtown".
  if (!postcode && parts.every((p) => LOCALITY_HEADER.test(p.col.header))) {
    const first = parts[0];
    if (first) r.note(first.col, first.text, `Only ${quote(lines.join(', '))} was given: not enough for an address (it stays in the item's text).`);
    return null;
  }
  const a: Address = { id: env.newId(ID_PREFIX.address), workspaceId: env.ws, kind: 'address', createdAt: env.now, updatedAt: env.now, notes: [], lines: r.fact(lines), placeType };
  if (postcode) a.postcode = r.fact(postcode);
  if (location) a.location = location;
  a.notes = notesOf(env, cs);
  return a;
}

function readLocation(r: RowReader, lat: { col: Col; value: string } | undefined, lng: { col: Col; value: string } | undefined): Fact<GeoPoint> | undefined {
  if (!lat || !lng) {
    const given = (lat ?? lng) as { col: Col; value: string };
    r.drop(given.col, given.value, `${lat ? 'Latitude' : 'Longitude'} given without ${lat ? 'longitude' : 'latitude'}: the location needs both.`);
    return undefined;
  }
  const a = readCoordinate(lat.value, 'lat');
  const b = readCoordinate(lng.value, 'lng');
  if (!a.ok) r.drop(lat.col, lat.value, a.message);
  if (!b.ok) r.drop(lng.col, lng.value, b.message);
  if (!a.ok || !b.ok) return undefined;
  return r.fact({ lat: a.value, lng: b.value, precision: 'exact' });
}

function readBusiness(env: SlotEnv, cs: CompiledSlot): Business | null {
  const { r } = env;
  if (!r.hasData(cs)) return null;
  const name = r.joined(cs.fields.get('name'));
  let businessType: BusinessType = (cs.slot.defaultType as BusinessType | undefined) ?? 'other';
  const t = r.one(cs.fields.get('type'), 'Business type');
  if (t) {
    const v = readBusinessType(t.value);
    if (v.ok) {
      businessType = v.value;
      if (v.note) r.note(t.col, t.value, v.note);
    }
  }
  const licences: Fact<string>[] = [];
  for (const v of r.values(cs.fields.get('licence'))) if (!licences.some((l) => l.value === v.value)) licences.push(r.fact(v.value));
  if (!name) {
    r.fatal.push(`${cs.slot.label} has details (${r.describe(cs)}) but no name: a business needs a name.`);
    return null;
  }
  const b: Business = { id: env.newId(ID_PREFIX.business), workspaceId: env.ws, kind: 'business', createdAt: env.now, updatedAt: env.now, notes: [], name: r.fact(name), businessType, licences };
  b.notes = notesOf(env, cs);
  return b;
}

function readHotspot(env: SlotEnv, cs: CompiledSlot): Hotspot | null {
  const { r } = env;
  if (!r.hasData(cs)) return null;
  const name = r.joined(cs.fields.get('name'));
  let hotspotType: HotspotType = (cs.slot.defaultType as HotspotType | undefined) ?? 'other';
  const t = r.one(cs.fields.get('type'), 'Hot spot type');
  if (t) {
    const v = readHotspotType(t.value);
    if (v.ok) {
      hotspotType = v.value;
      if (v.note) r.note(t.col, t.value, v.note);
    }
  }
  const description = r.joined(cs.fields.get('description'), '\n');
  let location: Fact<GeoPoint> | undefined;
  const lat = r.one(cs.fields.get('lat'), 'Latitude');
  const lng = r.one(cs.fields.get('lng'), 'Longitude');
  if (lat || lng) location = readLocation(r, lat, lng);
  if (!name) {
    r.fatal.push(`${cs.slot.label} has details (${r.describe(cs)}) but no name: a hot spot needs a name.`);
    return null;
  }
  const h: Hotspot = { id: env.newId(ID_PREFIX.hotspot), workspaceId: env.ws, kind: 'hotspot', createdAt: env.now, updatedAt: env.now, notes: [], name: r.fact(name), hotspotType, description };
  if (location) h.location = location;
  h.notes = notesOf(env, cs);
  return h;
}

function readItemGrading(r: RowReader, cs: CompiledSlot, fallback: Grading): Grading | null {
  if (!cs.grading) return fallback;
  const cells: GradingCells = {};
  const set = (k: keyof GradingCells, field: string): void => {
    const v = r.values(cs.fields.get(field), { text: true })[0]?.value;
    if (v !== undefined && !isEmptyMarker(v)) cells[k] = v;
  };
  set('code', 'grading');
  set('source', 'sourceEvaluation');
  set('intelligence', 'intelligenceAssessment');
  set('handling', 'handlingCode');
  set('conditions', 'handlingConditions');
  set('scheme', 'gradingScheme');
  const g = readGrading(cells, fallback);
  if (!g.ok) {
    r.fatal.push(g.message);
    return null;
  }
  return g.value;
}

/**
 * Reads one row. `rowNumber` is the row as the analyst sees it (ParsedSheet.rowNumbers). Ids come from
 * `ctx.newId`; the entities are drafts: new records citing the row's item, with exact-identifier keys.
 */
export function mapRow(mapping: ImportMapping, headers: readonly string[], row: readonly string[], rowNumber: number, ctx: BuildContext): RowResult {
  const compiled = compile(mapping, headers);
  return readRow(compiled, row, rowNumber, resolveContext(ctx));
}

interface Ctx {
  importId: Id;
  workspaceId: Id;
  fileName: string;
  sheetName?: string;
  now: IsoDateTime;
  today: IsoDate;
  newId: (prefix: string) => Id;
}

/**
 * Ids for one import: a random 64-bit stem drawn once, then a counter ("p-k3j9x0q2m4a1-1z"). As unique
 * as random UUIDs for this purpose, and several times lighter: 100,000 rows make ~800,000 ids, and
 * UUID strings alone would hold ~150 MB.
 */
export function importIdFactory(): (prefix: string) => Id {
  const bytes = new Uint8Array(8);
  const c = globalThis.crypto;
  if (c && typeof c.getRandomValues === 'function') c.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  let stem = '';
  for (const b of bytes) stem += b.toString(36).padStart(2, '0');
  let n = 0;
  return (prefix: string) => `${prefix}-${stem}-${(n++).toString(36)}`;
}

function resolveContext(ctx: BuildContext): Ctx {
  const out: Ctx = {
    importId: ctx.importId,
    workspaceId: ctx.workspaceId,
    fileName: ctx.fileName,
    now: ctx.now ?? nowIso(),
    today: ctx.today ?? todayIso(),
    newId: ctx.newId ?? importIdFactory(),
  };
  if (ctx.sheetName) out.sheetName = ctx.sheetName;
  return out;
}

function readRow(compiled: Compiled, row: readonly string[], rowNumber: number, ctx: Ctx): RowResult {
  const { mapping, headers } = compiled;
  const settings = mapping.settings;
  const itemId = ctx.newId('it');
  const r = new RowReader(row, itemId, ctx.today, compiled.seen);
  const ic = compiled.item;

  // The item first: an estimated age refers to its date.
  const dateOfIntelligence = r.date(ic.fields.get('dateOfIntelligence'), 'Date of intelligence');
  let dateRecorded = settings.dateRecorded ?? ctx.today;
  const recCols = ic.fields.get('dateRecorded');
  if (recCols) {
    const before = r.problems.length;
    const d = r.date(recCols, 'Date recorded');
    if (d) dateRecorded = d;
    else if (r.problems.length > before) {
      const p = r.problems[r.problems.length - 1];
      if (p) p.message += ` The date recorded is set to ${dateRecorded}.`;
    }
  }
  const grading = readItemGrading(r, ic, settings.defaultGrading);
  let statementType = settings.statementType;
  const st = r.one(ic.fields.get('statementType'), 'Statement type');
  if (st) {
    const v = readStatementType(st.value);
    if (v.ok) statementType = v.value;
    else r.drop(st.col, st.value, `${v.message} Recorded as "${statementType}".`);
  }

  const env: SlotEnv = { r, ws: ctx.workspaceId, now: ctx.now, newId: ctx.newId, asOf: dateOfIntelligence ?? dateRecorded, compiled };
  const entities: RowEntity[] = [];
  const bySlot: Entity[][] = [];
  let anyData = false;
  for (const cs of compiled.slots) {
    if (r.hasData(cs)) anyData = true;
    let made: Entity[] = NO_ENTITIES;
    switch (cs.slot.kind) {
      case 'person': {
        const p = readPerson(env, cs);
        if (p) made = [p];
        break;
      }
      case 'phone':
        made = readPhones(env, cs);
        break;
      case 'vehicle':
        made = readVehicles(env, cs);
        break;
      case 'address': {
        const a = readAddress(env, cs);
        if (a) made = [a];
        break;
      }
      case 'business': {
        const b = readBusiness(env, cs);
        if (b) made = [b];
        break;
      }
      case 'hotspot': {
        const h = readHotspot(env, cs);
        if (h) made = [h];
        break;
      }
      case 'item':
        break;
    }
    // Safety net: the stored records must be valid. Numbers came from the phone normaliser already.
    let valid: Entity[] | null = null;
    for (let i = 0; i < made.length; i++) {
      const e = made[i] as Entity;
      const problems = e.kind === 'phone' && e.phoneType === 'number' ? NO_PROBLEMS : validateEntity(e, ctx.today);
      if (problems.length > 0) {
        for (const p of problems) r.drop(null, '', `${cs.slot.label}: ${p.message}`);
        if (!valid) valid = made.slice(0, i);
      } else if (valid) valid.push(e);
    }
    if (valid) made = valid;
    bySlot.push(made);
    for (const e of made) entities.push({ slot: cs.slot.id, entity: e, keys: matchKeysOf(e) });
  }

  // The item's text: the mapped text columns (then the cells of the columns mapped to nothing, so the
  // item keeps everything the row said), or, without text, the whole row.
  const textCols = ic.fields.get('text');
  const texts = r.values(textCols, { text: true });
  let text: string;
  if (texts.length === 0) text = transcript(headers, row);
  else {
    text = texts.length === 1 ? (texts[0]?.value ?? '') : texts.map((t) => `${t.col.header}: ${t.value}`).join('\n');
    const others = transcript(headers, row, compiled.mapped);
    if (others) text += `\n\nOther columns:\n${others}`;
  }
  if (texts.length > 0 && r.problems.length > 0) {
    const dropped = r.problems.filter((p) => p.kind === 'dropped' && p.value);
    if (dropped.length > 0) text += `\n\nNot imported from this row: ${dropped.map((p) => `${p.header} ${quote(p.value)}`).join('; ')}.`;
  }
  if (!text) text = `Row ${rowNumber} of ${ctx.fileName}`;

  const item: IntelItem = {
    id: itemId,
    workspaceId: ctx.workspaceId,
    agency: compiled.agency,
    agencyType: settings.agencyType,
    reference: r.joined(ic.fields.get('reference')) || `${ctx.fileName}${ctx.sheetName ? ` (${ctx.sheetName})` : ''} row ${rowNumber}`,
    author: r.joined(ic.fields.get('author')) || compiled.author,
    dateRecorded,
    text,
    statementType,
    grading: grading ?? { scheme: 'ungraded' },
    origin: { importId: ctx.importId, fileName: ctx.fileName, row: rowNumber },
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
  if (dateOfIntelligence) item.dateOfIntelligence = dateOfIntelligence;

  // The item is valid by construction (agency checked once per mapping, a default reference, dates read
  // and checked against today, text never empty, grading read by readGrading); tests run validateIntelItem
  // over every item of the fixtures.
  const reasons = r.fatal.length ? [...r.fatal] : [];
  if (entities.length === 0 && reasons.length === 0) {
    if (!anyData) {
      const unmapped = headers.filter((_, i) => !isEmptyMarker(row[i] ?? '') && !compiled.slots.some((cs) => cs.columns.some((c) => c.index === i)));
      reasons.push(
        unmapped.length
          ? `Nothing to import: the columns mapped to people, phones, vehicles, addresses, businesses or hot spots are empty in this row (it has values only in ${unmapped.slice(0, 4).map((h) => `"${h}"`).join(', ')}${unmapped.length > 4 ? '...' : ''}).`
          : 'Nothing to import: the row is empty in every mapped column.',
      );
    } else reasons.push(`Nothing in this row could be imported: ${r.problems.filter((p) => p.kind === 'dropped').map((p) => p.message).join(' ')}`);
  }
  if (settings.problemPolicy === 'quarantine-row' && reasons.length === 0)
    for (const p of r.problems) if (p.kind === 'dropped') reasons.push(p.header ? `${p.header}: ${p.message}` : p.message);
  if (reasons.length > 0) return { ok: false, rowNumber, reasons, problems: r.problems };

  const links: Link[] = [];
  for (const rule of compiled.linkPlan) {
    const from = bySlot[rule.from] ?? NO_ENTITIES;
    const to = bySlot[rule.to] ?? NO_ENTITIES;
    for (const a of from)
      for (const b of to) {
        // Valid by construction (two different entities, one source, no dates): validateLink would only agree.
        if (a.id !== b.id) links.push({ id: ctx.newId('lk'), workspaceId: ctx.workspaceId, type: rule.type, from: a.id, to: b.id, sources: r.src, createdAt: ctx.now, updatedAt: ctx.now });
      }
  }
  return { ok: true, rowNumber, item, entities, links, problems: r.problems };
}

/** The row as "Header: value" lines (the item's text when no text column is mapped), leaving out `skip` columns. */
export function transcript(headers: readonly string[], row: readonly string[], skip?: ReadonlySet<number>): string {
  let out = '';
  for (let i = 0; i < row.length; i++) {
    if (skip?.has(i)) continue;
    const v = (row[i] ?? '').trim();
    if (v) out += `${out ? '\n' : ''}${headers[i] ?? `Column ${i + 1}`}: ${v}`;
  }
  return out;
}

// ---------------------------------------------------------------- merging within the file

function pushSources(dst: Id[], src: readonly Id[]): void {
  for (const s of src) if (dst[dst.length - 1] !== s && !(dst.length < 8 && dst.includes(s))) dst.push(s);
}

function mergeFactList<T>(dst: Fact<T>[], src: readonly Fact<T>[], same: (a: T, b: T) => boolean): void {
  for (const f of src) {
    const hit = dst.find((d) => same(d.value, f.value));
    if (hit) pushSources(own(hit), f.sources);
    else dst.push({ value: f.value, sources: [...f.sources] });
  }
}

const sameText = (a: string, b: string): boolean => a === b || fold(a) === fold(b);
const sameLines = (a: string[], b: string[]): boolean => (a.length === b.length && a.every((x, i) => x === b[i])) || sameText(a.join(' '), b.join(' '));

/**
 * Folds an incoming single-valued fact into the target's: the same value gains the sources; a missing
 * one is filled; a different one is kept as a note ("Also recorded: date of birth 2008-02-01"), so the
 * disagreement stays visible. Returns the fact to store.
 */
function mergeOne<T>(
  cur: Fact<T> | undefined,
  inc: Fact<T> | undefined,
  notes: Fact<string>[],
  label: string,
  show: (v: T) => string,
  same: (a: T, b: T) => boolean = (a, b) => a === b,
  unknown: (v: T) => boolean = () => false,
): Fact<T> | undefined {
  if (!inc || unknown(inc.value)) return cur ?? inc;
  if (!cur || unknown(cur.value)) return { value: inc.value, sources: [...inc.sources] };
  if (same(cur.value, inc.value)) {
    pushSources(own(cur), inc.sources);
    return cur;
  }
  mergeFactList(notes, [{ value: `Also recorded: ${label} ${show(inc.value)}`, sources: inc.sources as Id[] }], sameText);
  return cur;
}

/** Merges `inc` into `t` in place (both of the same kind), as src/domain/attach.ts does for stored entities. */
function absorb(t: Entity, inc: Entity): void {
  mergeFactList(t.notes, inc.notes, sameText);
  const notes = t.notes;
  if (t.kind === 'person' && inc.kind === 'person') {
    for (const n of inc.names) {
      const text = fold(personNameText(n));
      const hit = t.names.find((o) => o.kind === n.kind && fold(personNameText(o)) === text);
      if (hit) pushSources(own(hit), n.sources);
      else t.names.push({ ...n, sources: [...n.sources] });
    }
    const dob = mergeOne(t.dob, inc.dob, notes, 'date of birth', (v) => v);
    if (dob) t.dob = dob;
    if (!t.dob) {
      const age = mergeOne(t.estimatedAge, inc.estimatedAge, notes, 'estimated age', (v) => `${v.years} (as of ${v.asOf})`, (a, b) => a.years === b.years && a.asOf === b.asOf);
      if (age) t.estimatedAge = age;
    }
    t.sex = mergeOne(t.sex, inc.sex, notes, 'sex', (v) => v, undefined, (v) => v === 'unknown') ?? t.sex;
    t.ethnicity = mergeOne(t.ethnicity, inc.ethnicity, notes, 'ethnicity', (v) => v, undefined, (v) => v === 'unknown') ?? t.ethnicity;
    mergeFactList(t.roles, inc.roles, (a, b) => a === b);
    const risk = mergeOne(t.riskLevel, inc.riskLevel, notes, 'risk level', (v) => v, undefined, (v) => v === 'unknown');
    if (risk) t.riskLevel = risk;
    mergeFactList(t.identifiers, inc.identifiers, (a, b) => a.scheme === b.scheme && a.value === b.value);
  } else if (t.kind === 'vehicle' && inc.kind === 'vehicle') {
    const reg = mergeOne(t.registration, inc.registration, notes, 'registration', (v) => v);
    if (reg) t.registration = reg;
    const make = mergeOne(t.make, inc.make, notes, 'make', (v) => v, sameText);
    if (make) t.make = make;
    const model = mergeOne(t.model, inc.model, notes, 'model', (v) => v, sameText);
    if (model) t.model = model;
    const colour = mergeOne(t.colour, inc.colour, notes, 'colour', (v) => v, sameText);
    if (colour) t.colour = colour;
  } else if (t.kind === 'phone' && inc.kind === 'phone') {
    const n = mergeOne(t.number, inc.number, notes, 'number', (v) => v);
    if (n) t.number = n;
    const h = mergeOne(t.handle, inc.handle, notes, 'handle', (v) => v, sameText);
    if (h) t.handle = h;
  } else if (t.kind === 'address' && inc.kind === 'address') {
    t.lines = mergeOne(t.lines, inc.lines, notes, 'address', (v) => v.join(', '), sameLines) ?? t.lines;
    const pc = mergeOne(t.postcode, inc.postcode, notes, 'postcode', (v) => v);
    if (pc) t.postcode = pc;
    const loc = mergeOne(t.location, inc.location, notes, 'location', (v) => `${v.lat}, ${v.lng}`, (a, b) => a.lat === b.lat && a.lng === b.lng);
    if (loc) t.location = loc;
  } else if (t.kind === 'business' && inc.kind === 'business') {
    t.name = mergeOne(t.name, inc.name, notes, 'name', (v) => v, sameText) ?? t.name;
    mergeFactList(t.licences, inc.licences, (a, b) => a.replace(/\s+/g, '').toUpperCase() === b.replace(/\s+/g, '').toUpperCase());
  } else if (t.kind === 'hotspot' && inc.kind === 'hotspot') {
    t.name = mergeOne(t.name, inc.name, notes, 'name', (v) => v, sameText) ?? t.name;
  }
}

// ---------------------------------------------------------------- the whole sheet

/** The rows to build from: a ParsedSheet, or corrected quarantined rows (headers + rows + their row numbers). */
export type SheetRows = Pick<ParsedSheet, 'headers' | 'rows' | 'rowNumbers'> & Partial<Pick<ParsedSheet, 'rowProblems' | 'blankRows' | 'name'>>;

export interface BuildProgress {
  done: number;
  total: number;
}

export interface BuildOptions extends BuildContext {
  /** Called every `progressEvery` rows (default 1,000) and at the end. */
  onProgress?: (p: BuildProgress) => void;
  /** Checked every 256 rows; when it returns true the build stops and returns what it has (`cancelled`). */
  shouldCancel?: () => boolean;
  progressEvery?: number;
  /** Keep the full RowResult of the first N rows (for the preview), ids as in the final records. Default 0. */
  previewRows?: number;
}

export interface QuarantinedRow {
  rowNumber: number;
  headers: string[];
  cells: string[];
  reasons: string[];
  problems: CellProblem[];
}

/** A row with something to show: quarantined, or imported with dropped values or notes. */
export interface RowOutcome {
  rowNumber: number;
  status: 'imported' | 'quarantined';
  itemId?: Id;
  /** The entities the row made or added to (ids of the final, merged records). */
  entityIds: Id[];
  /** Cell problems: dropped values and notes. */
  problems: CellProblem[];
}

export interface BuildCounts {
  /** Rows after the header, blank ones included: rows = imported + quarantined + blank. */
  rows: number;
  imported: number;
  quarantined: number;
  blank: number;
  /** Imported rows with at least one dropped value. */
  withProblems: number;
  items: number;
  /** Distinct entities after merging exact identifiers within the file. */
  entities: number;
  /** Entity drafts that merged into an entity from an earlier row (or the same row). */
  mergedInFile: number;
  links: number;
  byKind: Record<EntityKind, number>;
}

/** People the import did not merge but the analyst may want to compare (same name, no or different DOB). */
export interface DuplicateCandidate {
  entityIds: Id[];
  reason: string;
}

export interface ImportBuild {
  items: IntelItem[];
  entities: Entity[];
  links: Link[];
  quarantined: QuarantinedRow[];
  /** Every row with a problem (quarantined, or imported with dropped values or notes), in file order. Clean rows are not listed. */
  problemRows: RowOutcome[];
  /** Full results of the first `previewRows` rows. */
  preview: RowResult[];
  candidates: DuplicateCandidate[];
  counts: BuildCounts;
  /** True when shouldCancel stopped the build: the result covers the rows read so far only. */
  cancelled: boolean;
}

/**
 * Builds records row by row. Feed rows with `add` (in file order), then `finish`. buildImport and
 * buildImportAsync wrap it; it can also take rows as a streaming parser produces them.
 */
export class ImportBuilder {
  private readonly compiled: Compiled;
  private readonly ctx: Ctx;
  private readonly headers: string[];
  private readonly items: IntelItem[] = [];
  private readonly entities: Entity[] = [];
  /** Row number that first made each entity, by index in `entities`. */
  private readonly firstRow: number[] = [];
  /** Exact-identifier key -> index in `entities`. */
  private readonly byKey = new Map<string, number>();
  /** Links by their from-entity's index (a few each): dedupe without a 300,000-entry map. */
  private readonly outLinks: (Link[] | undefined)[] = [];
  private readonly allLinks: Link[] = [];
  private readonly quarantined: QuarantinedRow[] = [];
  private readonly problemRows: RowOutcome[] = [];
  private readonly preview: RowResult[] = [];
  private readonly sameName = new Map<string, Id | Id[]>();
  private readonly candidates: DuplicateCandidate[] = [];
  private readonly previewRows: number;
  private merged = 0;
  private withProblems = 0;

  constructor(headers: readonly string[], mapping: ImportMapping, ctx: BuildContext & { previewRows?: number }) {
    this.headers = [...headers];
    this.compiled = compile(mapping, headers);
    this.ctx = resolveContext(ctx);
    this.previewRows = ctx.previewRows ?? 0;
  }

  /** Adds one row. `problem` is a parser row problem (the row is quarantined with it). */
  add(cells: readonly string[], rowNumber: number, problem?: string): RowResult {
    const result: RowResult = problem
      ? { ok: false, rowNumber, reasons: [problem], problems: [] }
      : readRow(this.compiled, cells, rowNumber, this.ctx);
    const inPreview = this.preview.length < this.previewRows;
    if (!result.ok) {
      this.quarantined.push({ rowNumber, headers: this.headers, cells: [...cells], reasons: result.reasons, problems: result.problems });
      this.problemRows.push({ rowNumber, status: 'quarantined', entityIds: [], problems: result.problems });
      if (inPreview) this.preview.push(result);
      return result;
    }
    this.items.push(result.item);
    // Each draft of this row -> the index of the final entity (itself, or the earlier one it matched).
    const draftIds: Id[] = [];
    const finalIndex: number[] = [];
    const previewEntities: RowEntity[] = [];
    for (const re of result.entities) {
      const e = re.entity;
      let ti = -1;
      for (const k of re.keys) {
        const hit = this.byKey.get(k);
        if (hit === undefined) continue;
        if (ti < 0) ti = hit;
        else if (hit !== ti) {
          const a = this.entities[ti]?.id ?? '';
          const b = this.entities[hit]?.id ?? '';
          if (!this.candidates.some((c) => c.entityIds.includes(a) && c.entityIds.includes(b)))
            this.candidates.push({ entityIds: [a, b], reason: `Row ${rowNumber} shares exact identifiers with both.` });
        }
      }
      draftIds.push(e.id);
      const target = ti >= 0 ? this.entities[ti] : undefined;
      if (target) {
        absorb(target, e);
        finalIndex.push(ti);
        this.merged++;
        // Only a person's keys can grow by merging (another name with the same date of birth).
        if (target.kind === 'person') for (const k of matchKeysOf(target)) if (!this.byKey.has(k)) this.byKey.set(k, ti);
        if (inPreview) {
          const pe: RowEntity = { slot: re.slot, entity: target, keys: re.keys };
          const first = this.firstRow[ti];
          if (first !== undefined) pe.sameAsRow = first;
          previewEntities.push(pe);
        }
      } else {
        const i = this.entities.length;
        this.entities.push(e);
        this.firstRow.push(rowNumber);
        finalIndex.push(i);
        for (const k of re.keys) if (!this.byKey.has(k)) this.byKey.set(k, i);
        if (e.kind === 'person') this.noteName(e, re.keys);
        if (inPreview) previewEntities.push(re);
      }
    }
    const rowLinks: Link[] = [];
    for (const l of result.links) {
      const fi = finalIndex[draftIds.indexOf(l.from)] ?? -1;
      const ti = finalIndex[draftIds.indexOf(l.to)] ?? -1;
      if (fi < 0 || ti < 0 || fi === ti) continue;
      const from = this.entities[fi];
      const to = this.entities[ti];
      if (!from || !to) continue;
      let out = this.outLinks[fi];
      const hit = out?.find((x) => x.to === to.id && x.type === l.type);
      if (hit) {
        pushSources(own(hit), l.sources);
        if (inPreview) rowLinks.push(hit);
      } else {
        // The row's own link object, re-pointed at the merged entities.
        l.from = from.id;
        l.to = to.id;
        if (!out) {
          out = [];
          this.outLinks[fi] = out;
        }
        out.push(l);
        this.allLinks.push(l);
        if (inPreview) rowLinks.push(l);
      }
    }
    if (result.problems.length > 0) {
      if (result.problems.some((p) => p.kind === 'dropped')) this.withProblems++;
      const entityIds: Id[] = [];
      for (const i of finalIndex) {
        const id = this.entities[i]?.id;
        if (id && !entityIds.includes(id)) entityIds.push(id);
      }
      this.problemRows.push({ rowNumber, status: 'imported', itemId: result.item.id, entityIds, problems: result.problems });
    }
    if (inPreview) this.preview.push({ ...result, entities: previewEntities, links: rowLinks });
    return result;
  }

  private noteName(p: Person, keys: readonly string[]): void {
    // With a date of birth the folded names are in the exact keys ("person|person:<name>|<dob>").
    const names = p.dob ? keys.map((k) => k.slice(14, k.lastIndexOf('|'))) : p.names.filter((n) => n.kind === 'legal').map((n) => fold(personNameText(n)));
    for (const key of names) {
      if (!key) continue;
      const prev = this.sameName.get(key);
      if (prev === undefined) this.sameName.set(key, p.id);
      else if (typeof prev === 'string') {
        if (prev !== p.id) this.sameName.set(key, [prev, p.id]);
      } else if (!prev.includes(p.id)) prev.push(p.id);
    }
  }

  finish(opts: { blankRows?: number; cancelled?: boolean } = {}): ImportBuild {
    const byKind: Record<EntityKind, number> = { person: 0, vehicle: 0, phone: 0, address: 0, business: 0, hotspot: 0 };
    for (const e of this.entities) byKind[e.kind]++;
    const candidates = [...this.candidates];
    for (const [name, ids] of this.sameName)
      if (typeof ids !== 'string') candidates.push({ entityIds: [...ids], reason: `Same name "${name}" with different or missing dates of birth.` });
    const blank = opts.blankRows ?? 0;
    const imported = this.items.length;
    const links = this.allLinks;
    return {
      items: this.items,
      entities: this.entities,
      links,
      quarantined: this.quarantined,
      problemRows: this.problemRows,
      preview: this.preview,
      candidates,
      counts: {
        rows: imported + this.quarantined.length + blank,
        imported,
        quarantined: this.quarantined.length,
        blank,
        withProblems: this.withProblems,
        items: imported,
        entities: this.entities.length,
        mergedInFile: this.merged,
        links: links.length,
        byKind,
      },
      cancelled: !!opts.cancelled,
    };
  }
}


function problemIndex(sheet: SheetRows): Map<number, string> {
  const m = new Map<number, string>();
  for (const p of sheet.rowProblems ?? []) m.set(p.index, p.message);
  return m;
}

/**
 * Builds every row of a sheet: items, merged entities, links, quarantined rows (with reasons) and
 * counts that add up (rows = imported + quarantined + blank). Throws if the mapping does not fit the
 * sheet (a column or slot that does not exist): check it first with validateMapping.
 */
export function buildImport(sheet: SheetRows, mapping: ImportMapping, options: BuildOptions): ImportBuild {
  const builder = new ImportBuilder(sheet.headers, mapping, options);
  const problems = problemIndex(sheet);
  const total = sheet.rows.length;
  const every = Math.max(1, options.progressEvery ?? 1000);
  let cancelled = false;
  let done = 0;
  for (let i = 0; i < total; i++) {
    if (options.shouldCancel && (i & 255) === 0 && options.shouldCancel()) {
      cancelled = true;
      break;
    }
    builder.add(sheet.rows[i] ?? [], sheet.rowNumbers[i] ?? i + 2, problems.get(i));
    done = i + 1;
    if (options.onProgress && done % every === 0) options.onProgress({ done, total });
  }
  options.onProgress?.({ done, total });
  return builder.finish({ blankRows: sheet.blankRows ?? 0, cancelled });
}

/**
 * buildImport that yields to the event loop every `yieldEvery` rows (default 2,000), so a Web Worker
 * can receive a cancel message between slices (a synchronous loop never sees one).
 */
export async function buildImportAsync(sheet: SheetRows, mapping: ImportMapping, options: BuildOptions & { yieldEvery?: number }): Promise<ImportBuild> {
  const builder = new ImportBuilder(sheet.headers, mapping, options);
  const problems = problemIndex(sheet);
  const total = sheet.rows.length;
  const every = Math.max(1, options.progressEvery ?? 1000);
  const slice = Math.max(1, options.yieldEvery ?? 2000);
  let cancelled = false;
  for (let i = 0; i < total; i++) {
    if (i > 0 && i % slice === 0) await new Promise<void>((resolve) => setTimeout(resolve, 0));
    if (options.shouldCancel && (i % slice === 0 || (i & 255) === 0) && options.shouldCancel()) {
      cancelled = true;
      break;
    }
    builder.add(sheet.rows[i] ?? [], sheet.rowNumbers[i] ?? i + 2, problems.get(i));
    if (options.onProgress && (i + 1) % every === 0) options.onProgress({ done: i + 1, total });
  }
  const result = builder.finish({ blankRows: sheet.blankRows ?? 0, cancelled });
  options.onProgress?.({ done: result.counts.imported + result.counts.quarantined, total });
  return result;
}
