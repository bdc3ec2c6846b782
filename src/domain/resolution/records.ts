/**
 * Building `ResolutionRecord`s from raw values (a CSV row, an import, a test) with the project's
 * normalisers: names folded and split ("SMITH, John" -> john / smith), dates of birth in any common
 * format to YYYY-MM-DD, phones to E.164, plates and postcodes normalised, identifiers upper-cased.
 * Values that cannot be read are dropped rather than compared as garbage.
 */
import {
  foldText,
  isKnownNickname,
  nameVariants,
  normalisePhone,
  normalisePlate,
  normalisePostcode,
  parsePersonName,
} from './shared';
import type { AgeEstimate, ResolutionName, ResolutionRecord } from './types';

/** The fields a CSV column (or several joined) can be mapped to. */
export const INPUT_FIELDS = [
  'name',
  'givenName',
  'familyName',
  'alias',
  'dob',
  'sex',
  'phone',
  'email',
  'handle',
  'vehicle',
  'address',
  'postcode',
  'identifier',
] as const;
export type InputField = (typeof INPUT_FIELDS)[number];

/** Raw values of one record, as typed; each list may hold several values. */
export type RawPersonFields = Partial<Record<Exclude<InputField, 'identifier'>, string[]>> & {
  /** Identifiers with the scheme (agency system or column) they belong to. */
  identifier?: { scheme: string; value: string }[];
  ageEstimate?: AgeEstimate[];
};

export function emptyRecord(id: string): ResolutionRecord {
  return {
    id,
    names: [],
    aliases: [],
    dobs: [],
    ageEstimates: [],
    sex: null,
    phones: [],
    emails: [],
    handles: [],
    vehicles: [],
    addresses: [],
    postcodes: [],
    identifiers: [],
    network: [],
    linkedRecords: [],
  };
}

const pushUnique = <T>(list: T[], v: T): void => {
  if (!list.includes(v)) list.push(v);
};

// ---------------------------------------------------------------- names

/** Nicknames written inside a name: Darren "Dazza" Smith, Darren (Daz) Smith. */
const QUOTED = /["“”‘’'(]\s*([^"“”‘’'()]+?)\s*["“”‘’')]/g;

/** A nickname that is a known diminutive (Dazza, Becky) counts as a given name; any other is an alias. */
export function nicknameIsGivenName(nickname: string): boolean {
  const f = foldText(nickname);
  return !f.includes(' ') && (isKnownNickname(f) || nameVariants(f).length > 1);
}

/** Adds a nickname ("Dazza", "Smudge") to a record: as a given name when it is a known diminutive, else as an alias. */
export function addNickname(rec: ResolutionRecord, nickname: string, family = ''): void {
  const f = foldText(nickname);
  if (!f) return;
  if (nicknameIsGivenName(f)) addName(rec, { given: f, family: foldText(family) });
  else pushUnique(rec.aliases, f);
}

export function addName(rec: ResolutionRecord, name: ResolutionName): void {
  const given = foldText(name.given);
  const family = foldText(name.family);
  if (!given && !family) return;
  if (!rec.names.some((n) => n.given === given && n.family === family)) rec.names.push({ given, family });
}

/**
 * A full name in any order: "SMITH, John", "John SMITH", "Darren 'Dazza' Smith". Quoted or bracketed
 * parts are nicknames.
 */
export function addFullName(rec: ResolutionRecord, raw: string): void {
  const nicks: string[] = [];
  const text = raw.replace(QUOTED, (_, n: string) => {
    nicks.push(n);
    return ' ';
  });
  const { given, family } = parsePersonName(text);
  addName(rec, { given, family });
  for (const n of nicks) addNickname(rec, n, family);
}

// ---------------------------------------------------------------- dates of birth

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * A date of birth as YYYY-MM-DD from YYYYMMDD, ISO, UK day-first (14/03/1991, 14.3.91, 14-03-1991) or
 * "14 March 1991". Two-digit years are read as 19xx above 30, 20xx otherwise. The digits are kept even
 * when the date is impossible (a corrupt "1991-13-02"), since a typo is still evidence; null when it
 * cannot be read at all.
 */
export function normaliseDob(raw: string): string | null {
  const t = raw.trim().toLowerCase();
  if (!t) return null;
  let y: number;
  let m: number;
  let d: number;
  let r: RegExpMatchArray | null;
  if ((r = t.match(/^(\d{4})(\d{2})(\d{2})$/))) [y, m, d] = [Number(r[1]), Number(r[2]), Number(r[3])];
  else if ((r = t.match(/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ t].*)?$/))) [y, m, d] = [Number(r[1]), Number(r[2]), Number(r[3])];
  else if ((r = t.match(/^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{2}|\d{4})$/))) {
    const yy = r[3] ?? '';
    y = yy.length === 2 ? (Number(yy) > 30 ? 1900 : 2000) + Number(yy) : Number(yy);
    [d, m] = [Number(r[1]), Number(r[2])];
  } else if ((r = t.match(/^(\d{1,2})(?:st|nd|rd|th)?[ -]([a-z]{3,9})[ -,]*(\d{4})$/)) && MONTHS[(r[2] ?? '').slice(0, 3)]) {
    [d, m, y] = [Number(r[1]), MONTHS[(r[2] ?? '').slice(0, 3)] ?? 0, Number(r[3])];
  } else return null;
  if (y < 1850 || y > 2100 || m > 99 || d > 99) return null;
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

// ---------------------------------------------------------------- other values

export function normaliseSex(raw: string): 'female' | 'male' | null {
  const t = foldText(raw);
  if (['m', 'male', 'man', 'boy', 'mr'].includes(t)) return 'male';
  if (['f', 'female', 'woman', 'girl', 'mrs', 'ms', 'miss'].includes(t)) return 'female';
  return null;
}

/** A phone number as E.164 when it can be read, else its digits (at least 6), else null. */
export function normalisePhoneValue(raw: string): string | null {
  const digits = raw.replace(/\D/g, '');
  if (digits.length < 6) return null;
  // Fast path for the common UK mobile forms (07700 900123, +44 7700 900123, 0044...).
  const uk = digits.match(/^(?:44|0044|0)?(7\d{9})$/);
  if (uk && !/[a-z]/i.test(raw)) return `+44${uk[1]}`;
  const r = normalisePhone(raw);
  return r.ok ? r.e164 : digits;
}

export function normaliseEmail(raw: string): string | null {
  const t = raw.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+$/.test(t) ? t : null;
}

export function normaliseHandle(raw: string, platform = ''): string | null {
  const h = foldText(raw.trim().replace(/^@+/, '')).replace(/ /g, '');
  if (!h) return null;
  const p = foldText(platform).replace(/ /g, '');
  return p ? `${p}:${h}` : h;
}

export function normaliseVehicle(raw: string): string | null {
  const r = normalisePlate(raw);
  return r.ok ? r.value : null;
}

/** A UK postcode normalised, else the folded text without spaces (other countries' codes). */
export function normalisePostcodeValue(raw: string): string | null {
  const r = normalisePostcode(raw);
  if (r.ok) return r.value;
  const t = foldText(raw).replace(/ /g, '');
  return t || null;
}

export function normaliseIdentifier(scheme: string, value: string): string | null {
  const v = value.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (!v) return null;
  return `${foldText(scheme).replace(/ /g, '').toUpperCase()}:${v}`;
}

/** A UK postcode at the end of an address line ("14 High St, Leeds LS1 4AP"). */
const TRAILING_POSTCODE = /[\s,]+([A-Z]{1,2}[0-9][A-Z0-9]?\s*[0-9][A-Z]{2})\s*$/i;

/** Adds an address; a UK postcode written at its end is moved to the postcodes. */
export function addAddress(rec: ResolutionRecord, raw: string): void {
  let text = raw;
  const pc = text.match(TRAILING_POSTCODE);
  if (pc?.[1]) {
    const n = normalisePostcode(pc[1]);
    if (n.ok) {
      pushUnique(rec.postcodes, n.value);
      text = text.slice(0, pc.index);
    }
  }
  const f = foldText(text);
  if (f) pushUnique(rec.addresses, f);
}

/** Splits a cell holding several values ("07700 900123; 07700 900456"). */
export function splitValues(cell: string): string[] {
  return cell
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * A record from raw values. Given and family names at the same position belong together (the first
 * given name with the first family name...); a full `name` may be in any order.
 */
export function recordFromFields(id: string, raw: RawPersonFields): ResolutionRecord {
  const rec = emptyRecord(id);
  const given = raw.givenName ?? [];
  const family = raw.familyName ?? [];
  for (let i = 0; i < Math.max(given.length, family.length); i++) addName(rec, { given: given[i] ?? '', family: family[i] ?? '' });
  for (const n of raw.name ?? []) addFullName(rec, n);
  for (const a of raw.alias ?? []) {
    const f = foldText(a);
    if (f) pushUnique(rec.aliases, f);
  }
  for (const d of raw.dob ?? []) {
    const v = normaliseDob(d);
    if (v) pushUnique(rec.dobs, v);
  }
  for (const a of raw.ageEstimate ?? []) if (Number.isFinite(a.years) && a.years >= 0) rec.ageEstimates.push(a);
  for (const s of raw.sex ?? []) rec.sex ??= normaliseSex(s);
  for (const p of raw.phone ?? []) {
    const v = normalisePhoneValue(p);
    if (v) pushUnique(rec.phones, v);
  }
  for (const e of raw.email ?? []) {
    const v = normaliseEmail(e);
    if (v) pushUnique(rec.emails, v);
  }
  for (const h of raw.handle ?? []) {
    const v = normaliseHandle(h);
    if (v) pushUnique(rec.handles, v);
  }
  for (const p of raw.vehicle ?? []) {
    const v = normaliseVehicle(p);
    if (v) pushUnique(rec.vehicles, v);
  }
  for (const a of raw.address ?? []) addAddress(rec, a);
  for (const p of raw.postcode ?? []) {
    const v = normalisePostcodeValue(p);
    if (v) pushUnique(rec.postcodes, v);
  }
  for (const i of raw.identifier ?? []) {
    const v = normaliseIdentifier(i.scheme, i.value);
    if (v) pushUnique(rec.identifiers, v);
  }
  return rec;
}
