/**
 * Prepared records: what the comparators need, computed once per record rather than once per pair.
 *
 * Each value carries its term frequency (`tf`): the share of records (holding that field at all) that
 * hold this value. Agreement on a value held by many records ("smith", a taxi office's phone) is less
 * telling than agreement on a rare one ("barraclough", a personal mobile); the model uses `tf` in place
 * of the average chance agreement for exact matches (Splink's term-frequency adjustment).
 */
import { foldText, nameVariants, phoneticKey } from './shared';
import type { ResolutionRecord } from './types';

/** One part of a name (the given or the family part), ready to compare. */
export interface NameSlot {
  /** Given part: the first given name ("john" of "john paul"); family part: all words ("smith jones"). */
  s: string;
  tokens: string[];
  /** Given part: the first given name; family part: the words without spaces ("vanderberg"). */
  compact: string;
  /** Phonetic key of `compact`. */
  ph: string;
  tf: number;
}

export interface PName {
  given: NameSlot;
  family: NameSlot;
}

export interface PDate {
  y: number;
  m: number;
  d: number;
  /** YYYYMMDD */
  digits: string;
  /** Days since 0000-01-01 (approximate for impossible dates), for "within a month". */
  day: number;
  tf: number;
}

export interface PAge {
  years: number;
  /** Estimated year of birth (fractional). */
  birth: number;
  /** The date the estimate refers to, as a fractional year. */
  asOf: number;
}

export interface PValue {
  v: string;
  tf: number;
}

export interface PPhone extends PValue {
  /** Digits without the country code (national significant number) for typo comparison. */
  nsn: string;
}

export interface PPlate extends PValue {
  /** With look-alike characters unified (O->0, I->1, ...). */
  conf: string;
  partial: boolean;
  /** Count of known characters (not ? or *). */
  known: number;
}

export interface PAddress extends PValue {
  /** House and flat numbers ("14", "2", "14a"). */
  numbers: string[];
  /** Words, abbreviations expanded ("st" -> "street"). */
  words: string[];
  /** The words run together, for addresses written without spaces ("pridhamstreet"). */
  compact: string;
}

export interface PPostcode extends PValue {
  uk: boolean;
  /** UK sector ("LS1 4") and district ("LS1"); for other codes the first characters. */
  sector: string;
  district: string;
}

export interface PIdentifier extends PValue {
  scheme: string;
  value: string;
}

export interface PRecord {
  /** Position in the engine's working order (name order, see `prepareRecords`). */
  index: number;
  /** Position in the input. */
  inputIndex: number;
  id: string;
  names: PName[];
  aliases: PValue[];
  dobs: PDate[];
  ages: PAge[];
  /** 0 unknown, 1 female, 2 male */
  sex: number;
  phones: PPhone[];
  emails: PValue[];
  handles: PValue[];
  vehicles: PPlate[];
  addresses: PAddress[];
  postcodes: PPostcode[];
  identifiers: PIdentifier[];
  network: PValue[];
  linked: Set<string> | null;
  source: ResolutionRecord;
}

// ---------------------------------------------------------------- helpers shared with comparators

const variantCache = new Map<string, Set<string> | null>();

/** Known nickname forms of a folded given name (Dazza -> darren, daz), cached; null when none. */
export function variantsOf(name: string): Set<string> | null {
  let v = variantCache.get(name);
  if (v === undefined) {
    const list = nameVariants(name);
    v = list.length > 1 ? new Set(list.slice(1)) : null;
    if (variantCache.size > 50_000) variantCache.clear();
    variantCache.set(name, v);
  }
  return v;
}

const phoneticCache = new Map<string, string>();
export function phon(word: string): string {
  let k = phoneticCache.get(word);
  if (k === undefined) {
    k = phoneticKey(word);
    if (phoneticCache.size > 200_000) phoneticCache.clear();
    phoneticCache.set(word, k);
  }
  return k;
}

/** Letters that look or sound alike on plates and in partner data, unified. */
const PLATE_CONFUSABLE: Record<string, string> = { O: '0', Q: '0', D: '0', I: '1', Z: '2', S: '5', B: '8', G: '6' };

export function plateConfusable(plate: string): string {
  let out = '';
  for (const ch of plate) out += PLATE_CONFUSABLE[ch] ?? ch;
  return out;
}

/** Street-address abbreviations expanded so "14 High St" and "14 High Street" agree. */
const ADDRESS_WORDS: Record<string, string> = {
  st: 'street', str: 'street', rd: 'road', ave: 'avenue', av: 'avenue', ln: 'lane', cres: 'crescent', cr: 'crescent',
  cl: 'close', ct: 'court', crt: 'court', dr: 'drive', drv: 'drive', gdns: 'gardens', gdn: 'garden', gr: 'grove',
  gro: 'grove', pl: 'place', plc: 'place', sq: 'square', ter: 'terrace', terr: 'terrace', tce: 'terrace', pk: 'park',
  wy: 'way', hse: 'house', ho: 'house', bldg: 'building', blvd: 'boulevard', pde: 'parade', mt: 'mount', nth: 'north',
  sth: 'south', est: 'estate', cir: 'circuit', cct: 'circuit', hwy: 'highway', mews: 'mews', vlge: 'village',
  apt: 'flat', apartment: 'flat', appt: 'flat', unit: 'flat', rm: 'room',
};
/** Words that only say what follows is a number ("flat 2", "no. 14"). */
const NUMBER_WORDS = new Set(['flat', 'no', 'number', 'room', 'floor']);

export function parseAddress(text: string): { numbers: string[]; words: string[]; key: string; compact: string } {
  const numbers: string[] = [];
  const words: string[] = [];
  // "14a" and "2/14" give numbers; "flat 2" gives 2.
  for (const raw of foldText(text).split(' ')) {
    if (!raw) continue;
    const w = ADDRESS_WORDS[raw] ?? raw;
    if (/\d/.test(w)) {
      for (const part of w.split(/[^0-9a-z]+/)) if (part) numbers.push(part.replace(/^0+(?=\d)/, ''));
    } else if (!NUMBER_WORDS.has(w)) words.push(w);
  }
  numbers.sort();
  const sortedWords = [...words].sort();
  return { numbers, words, key: `${numbers.join(' ')}|${sortedWords.join(' ')}`, compact: words.join('') };
}

const CUMULATIVE_DAYS = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

/** Days since year 0 (leap days ignored; month and day clamped into range for corrupt dates). */
export function dayNumber(y: number, m: number, d: number): number {
  const month = Math.min(Math.max(m, 1), 12);
  return y * 365.25 + (CUMULATIVE_DAYS[month - 1] ?? 0) + Math.min(Math.max(d, 1), 31) - 1;
}

function fractionalYear(y: number, m: number, d: number): number {
  return dayNumber(y, m, d) / 365.25;
}

function isoParts(iso: string): [number, number, number] | null {
  const r = iso.match(/^(\d{4})-(\d{2})-(\d{2})/);
  return r ? [Number(r[1]), Number(r[2]), Number(r[3])] : null;
}

/** A normalised plate ready to compare. */
export function preparePlate(v: string, tf = 0): PPlate {
  return { v, tf, conf: plateConfusable(v), partial: /[?*]/.test(v), known: v.replace(/[?*]/g, '').length };
}

function addressOf(a: ReturnType<typeof parseAddress>, tf: number): PAddress {
  return { v: a.key, tf, numbers: a.numbers, words: a.words, compact: a.compact };
}

/** Address text (without the postcode) ready to compare. */
export function prepareAddress(text: string, tf = 0): PAddress {
  return addressOf(parseAddress(text), tf);
}

/** A normalised postcode ready to compare. */
export function preparePostcode(v: string, tf = 0): PPostcode {
  const uk = /^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$/.test(v);
  const district = uk ? v.slice(0, v.indexOf(' ')) : v.slice(0, Math.max(1, v.length - 1));
  const sector = uk ? v.slice(0, v.indexOf(' ') + 2) : district;
  return { v, tf, uk, district, sector };
}

// ---------------------------------------------------------------- term frequencies

class Counter {
  private counts = new Map<string, number>();
  /** Records holding at least one value of this field. */
  holders = 0;
  addRecord(values: Iterable<string>): void {
    let any = false;
    const seen = new Set<string>();
    for (const v of values) {
      if (!v || seen.has(v)) continue;
      seen.add(v);
      any = true;
      this.counts.set(v, (this.counts.get(v) ?? 0) + 1);
    }
    if (any) this.holders++;
  }
  count(v: string): number {
    return this.counts.get(v) ?? 0;
  }
  /** Share of holders holding `v` (at most 0.5, so agreeing on even the commonest value is not evidence against). */
  tf(v: string): number {
    return this.holders ? Math.min(0.5, Math.max(1, this.count(v)) / this.holders) : 0.5;
  }
}

/** How many records hold each value of each field: term frequencies and "shared by N records" notes. */
export interface ValueCounts {
  count(field: CountedField, value: string): number;
  holders(field: CountedField): number;
}
export type CountedField =
  | 'given'
  | 'family'
  | 'alias'
  | 'dob'
  | 'phone'
  | 'email'
  | 'handle'
  | 'vehicle'
  | 'address'
  | 'postcode'
  | 'identifier'
  | 'network';

// ---------------------------------------------------------------- preparing

function slot(s: string, tokens: string[], compact: string): NameSlot {
  return { s, tokens, compact, ph: compact ? phon(compact) : '', tf: 1 };
}

const firstWord = (s: string): string => {
  const space = s.indexOf(' ');
  return space < 0 ? s : s.slice(0, space);
};

/** Input indices sorted by first family name, then given name (ties in input order). */
function localityOrder(records: readonly ResolutionRecord[]): Int32Array {
  const keys = records.map((r) => {
    const n = r.names[0];
    return n ? `${n.family}\u0000${n.given}` : `\uffff${r.dobs[0] ?? ''}`;
  });
  return Int32Array.from(records.keys()).sort((a, b) => {
    const x = keys[a] as string;
    const y = keys[b] as string;
    return x < y ? -1 : x > y ? 1 : a - b;
  });
}

function prepName(given: string, family: string): PName {
  const gTokens = given ? given.split(' ').filter(Boolean) : [];
  const fTokens = family ? family.split(' ').filter(Boolean) : [];
  const first = gTokens[0] ?? '';
  return { given: slot(first, gTokens, first), family: slot(fTokens.join(' '), fTokens, fTokens.join('')) };
}

export interface Prepared {
  prepared: PRecord[];
  counts: ValueCounts;
}

/** Prepares records for comparison: parsed values with term frequencies. */
export function prepareRecords(records: readonly ResolutionRecord[]): Prepared {
  return drain(prepareRecordsSteps(records));
}

/** Runs a step generator to its end. */
export function drain<T>(steps: Generator<unknown, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** How often (in records) long loops yield, so a worker can report progress and hear "cancel". */
export const STEP = 4096;

/**
 * `prepareRecords` in steps: yields the number of records done (two passes, so up to twice the count)
 * every STEP records.
 */
export function* prepareRecordsSteps(records: readonly ResolutionRecord[]): Generator<number, Prepared> {
  const counters: Record<CountedField, Counter> = {
    given: new Counter(),
    family: new Counter(),
    alias: new Counter(),
    dob: new Counter(),
    phone: new Counter(),
    email: new Counter(),
    handle: new Counter(),
    vehicle: new Counter(),
    address: new Counter(),
    postcode: new Counter(),
    identifier: new Counter(),
    network: new Counter(),
  };
  const parsedAddresses: ReturnType<typeof parseAddress>[][] = [];
  let done = 0;
  for (const r of records) {
    if (++done % STEP === 0) yield done;
    counters.given.addRecord(r.names.map((n) => firstWord(n.given)));
    counters.family.addRecord(r.names.map((n) => n.family));
    counters.alias.addRecord(r.aliases);
    counters.dob.addRecord(r.dobs);
    counters.phone.addRecord(r.phones);
    counters.email.addRecord(r.emails);
    counters.handle.addRecord(r.handles);
    counters.vehicle.addRecord(r.vehicles.filter((v) => !/[?*]/.test(v)));
    const addrs = r.addresses.map(parseAddress);
    parsedAddresses.push(addrs);
    counters.address.addRecord(addrs.map((a) => a.key));
    counters.postcode.addRecord(r.postcodes);
    counters.identifier.addRecord(r.identifiers);
    counters.network.addRecord(r.network);
  }
  // Records are laid out in memory in name order (and given indices in that order), so that records
  // compared with each other (which share name keys) sit close together: at 100,000 records, fetching
  // scattered records from memory costs more than comparing them.
  const order = localityOrder(records);
  const prepared: PRecord[] = [];
  for (let index = 0; index < order.length; index++) {
    if (++done % STEP === 0) yield done;
    const inputIndex = order[index] as number;
    const r = records[inputIndex] as ResolutionRecord;
    const names = r.names.map((n) => prepName(n.given, n.family));
    for (const n of names) {
      n.given.tf = counters.given.tf(n.given.s);
      n.family.tf = counters.family.tf(n.family.s);
    }
    const dobs: PDate[] = [];
    for (const iso of r.dobs) {
      const p = isoParts(iso);
      if (p) dobs.push({ y: p[0], m: p[1], d: p[2], digits: iso.replace(/-/g, ''), day: dayNumber(p[0], p[1], p[2]), tf: counters.dob.tf(iso) });
    }
    const ages: PAge[] = [];
    for (const a of r.ageEstimates) {
      const p = isoParts(a.asOf);
      if (!p) continue;
      const asOf = fractionalYear(p[0], p[1], p[2]);
      ages.push({ years: a.years, asOf, birth: asOf - a.years - 0.5 });
    }
    prepared.push({
      index,
      inputIndex,
      id: r.id,
      names,
      aliases: r.aliases.map((v) => ({ v, tf: counters.alias.tf(v) })),
      dobs,
      ages,
      sex: r.sex === 'female' ? 1 : r.sex === 'male' ? 2 : 0,
      phones: r.phones.map((v) => {
        const digits = v.replace(/\D/g, '');
        return { v, tf: counters.phone.tf(v), nsn: v.startsWith('+44') ? digits.slice(2) : digits };
      }),
      emails: r.emails.map((v) => ({ v, tf: counters.email.tf(v) })),
      handles: r.handles.map((v) => ({ v, tf: counters.handle.tf(v) })),
      vehicles: r.vehicles.map((v) => preparePlate(v, counters.vehicle.tf(v))),
      addresses: (parsedAddresses[inputIndex] ?? []).map((a) => addressOf(a, counters.address.tf(a.key))),
      postcodes: r.postcodes.map((v) => preparePostcode(v, counters.postcode.tf(v))),
      identifiers: r.identifiers.map((v) => {
        const colon = v.indexOf(':');
        return { v, tf: counters.identifier.tf(v), scheme: colon >= 0 ? v.slice(0, colon) : '', value: colon >= 0 ? v.slice(colon + 1) : v };
      }),
      network: r.network.map((v) => ({ v, tf: counters.network.tf(v) })),
      linked: r.linkedRecords.length ? new Set(r.linkedRecords) : null,
      source: r,
    });
  }
  const counts: ValueCounts = {
    count: (field, value) => counters[field].count(value),
    holders: (field) => counters[field].holders,
  };
  return { prepared, counts };
}
