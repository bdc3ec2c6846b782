/**
 * Normalising what analysts type: phone numbers (E.164), UK vehicle registrations (including partial
 * plates), UK postcodes, free text for searching, person names and form dates.
 *
 * Pure TypeScript (runs in the browser, a worker, Node and tests). Every failure comes back as a message in
 * plain words that quotes what was typed and says what is wrong, ready to show next to a form field.
 */
import { parsePhoneNumberFromString, validatePhoneNumberLength } from 'libphonenumber-js';
import type { IsoDate } from './model';

export type Normalised<T> = ({ ok: true } & T) | { ok: false; message: string };

function quote(raw: string): string {
  return `"${raw.trim()}"`;
}

// ---------------------------------------------------------------- phones

/** Characters a phone number may be written with (besides digits). */
const PHONE_CHARS = /^[\d\s+().\-/]*$/;

/**
 * Normalises a telephone number to E.164, reading it as a UK number unless it carries a country code
 * ("+33 ...", "0033 ..."). Numbers in the Ofcom drama ranges (07700 900xxx) are accepted: they have the
 * right shape even though no network issues them.
 */
export function normalisePhone(raw: string): Normalised<{ e164: string; national: string }> {
  const text = raw.trim();
  if (!text) return { ok: false, message: 'No phone number was given.' };
  if (!PHONE_CHARS.test(text)) {
    const bad = [...text].find((ch) => !/[\d\s+().\-/]/.test(ch)) ?? '';
    return {
      ok: false,
      message: `${quote(raw)} is not a phone number: it contains "${bad}" (use digits, spaces and an optional leading +).`,
    };
  }
  const digits = text.replace(/\D/g, '');
  if (!digits) return { ok: false, message: `${quote(raw)} is not a phone number: it has no digits.` };
  if (text.indexOf('+') > 0 || (text.match(/\+/g) ?? []).length > 1)
    return { ok: false, message: `${quote(raw)} is not a phone number: "+" may only come at the start.` };

  const parsed = parsePhoneNumberFromString(text, 'GB');
  const lengthProblem = validatePhoneNumberLength(text, 'GB');
  const isUk = parsed ? parsed.countryCallingCode === '44' : !text.startsWith('+') && !digits.startsWith('00');
  const where = isUk ? 'a UK number' : parsed ? `a number with country code +${parsed.countryCallingCode}` : 'a phone number';
  if (!parsed || lengthProblem) {
    switch (lengthProblem) {
      case 'TOO_SHORT':
        return { ok: false, message: `${quote(raw)} is not a phone number: too few digits for ${where}.` };
      case 'TOO_LONG':
        return { ok: false, message: `${quote(raw)} is not a phone number: too many digits for ${where}.` };
      case 'INVALID_COUNTRY':
        return { ok: false, message: `${quote(raw)} is not a phone number: the country code is not recognised.` };
      case 'INVALID_LENGTH':
        return { ok: false, message: `${quote(raw)} is not a phone number: the number of digits is wrong for ${where}.` };
      default:
        return { ok: false, message: `${quote(raw)} is not a phone number.` };
    }
  }
  if (!parsed.isPossible())
    return { ok: false, message: `${quote(raw)} is not a phone number: the number of digits is wrong for ${where}.` };
  const nsn = parsed.nationalNumber;
  // Too short to lose its trunk "0" ("07700 9001"), libphonenumber keeps it in the national number.
  if (isUk && (nsn.startsWith('0') || nsn.length < 9))
    return { ok: false, message: `${quote(raw)} is not a phone number: too few digits for a UK number.` };
  // UK mobiles are always 07xxx xxxxxx (10 digits after the 0); libphonenumber's "possible" check would
  // let a mobile with a digit missing through as if it were a short geographic number.
  if (isUk && nsn.startsWith('7') && nsn.length !== 10 && !parsed.isValid()) {
    const few = nsn.length < 10;
    return {
      ok: false,
      message: `${quote(raw)} is not a phone number: too ${few ? 'few' : 'many'} digits for a UK mobile (expected 11 digits starting 07).`,
    };
  }
  return { ok: true, e164: parsed.number, national: isUk ? parsed.formatNational() : parsed.formatInternational() };
}

/**
 * The digit strings a user might type when looking for this number: with the country code, with the
 * trunk "0" (for UK numbers) and the bare national significant number. A query from `phoneQueryDigits`
 * matches the number when it is a substring of any key.
 */
export function phoneSearchKeys(e164: string): string[] {
  const parsed = parsePhoneNumberFromString(e164);
  const digits = e164.replace(/\D/g, '');
  if (!parsed) return digits ? [digits] : [];
  const cc = parsed.countryCallingCode;
  const nsn = parsed.nationalNumber;
  const keys = [`${cc}${nsn}`];
  if (cc === '44') keys.push(`0${nsn}`);
  else {
    const national = parsed.formatNational().replace(/\D/g, '');
    if (national && national !== nsn) keys.push(national);
  }
  keys.push(nsn);
  return [...new Set(keys)];
}

/**
 * The digits of a search query when it looks like (part of) a phone number: only digits, spaces and
 * + ( ) - . / and at least 4 digits. An international prefix "00" is dropped ("0044 7700" -> "447700")
 * and a bracketed UK trunk zero "+44 (0)7700" -> "447700", so the result matches `phoneSearchKeys`.
 * Returns null for anything else.
 */
export function phoneQueryDigits(q: string): string | null {
  const text = q.trim();
  if (!text || !PHONE_CHARS.test(text)) return null;
  let digits = text.replace(/\D/g, '');
  if (digits.length < 4) return null;
  if (/^00[1-9]/.test(digits)) digits = digits.slice(2);
  if (/^440/.test(digits) && (text.startsWith('+') || /^\s*00/.test(text) || /\(0\)/.test(text))) {
    digits = `44${digits.slice(3)}`;
  }
  return digits.length >= 4 ? digits : null;
}

// ---------------------------------------------------------------- vehicle registrations

export type PlateFormat = 'current' | 'prefix' | 'suffix' | 'dateless' | 'northern-ireland';

export const PLATE_FORMAT_LABEL: Record<PlateFormat, string> = {
  current: 'Current format (2001 on)',
  prefix: 'Prefix format (1983-2001)',
  suffix: 'Suffix format (1963-1983)',
  dateless: 'Dateless',
  'northern-ireland': 'Northern Ireland',
};

/** Longest significant length of a plate (letters, digits, "?" and "*"). */
export const MAX_PLATE_LENGTH = 8;

const PLATE_PATTERNS: [PlateFormat, RegExp, (m: RegExpMatchArray) => string][] = [
  ['current', /^([A-Z]{2}[0-9]{2})([A-Z]{3})$/, (m) => `${m[1]} ${m[2]}`],
  ['prefix', /^([A-Z][0-9]{1,3})([A-Z]{3})$/, (m) => `${m[1]} ${m[2]}`],
  ['suffix', /^([A-Z]{3})([0-9]{1,3}[A-Z])$/, (m) => `${m[1]} ${m[2]}`],
  // Northern Ireland: up to three letters whose last two are a county code containing I or Z, then 1-4 digits.
  ['northern-ireland', /^([A-Z]?(?:[A-Z][IZ]|[IZ][A-Z]))([0-9]{1,4})$/, (m) => `${m[1]} ${m[2]}`],
  ['dateless', /^([A-Z]{1,3})([0-9]{1,4})$/, (m) => `${m[1]} ${m[2]}`],
  ['dateless', /^([0-9]{1,4})([A-Z]{1,3})$/, (m) => `${m[1]} ${m[2]}`],
];

/** Which UK registration format a normalised full plate follows, or null (foreign, partial, unusual). */
export function ukPlateFormat(value: string): PlateFormat | null {
  for (const [format, re] of PLATE_PATTERNS) if (re.test(value)) return format;
  return null;
}

/** The plate with a space in the usual place ("AB12CDE" -> "AB12 CDE"); partial or unknown formats unchanged. */
export function spacePlate(value: string): string {
  for (const [, re, space] of PLATE_PATTERNS) {
    const m = value.match(re);
    if (m) return space(m);
  }
  return value;
}

/** Words before "ends"/"starts" in a description: "the plate ends in 4XY", "reg starts AB12". */
const PLATE_WORDS = '(?:(?:the|vehicle|car|van|plate|reg|registration|number|vrm|index|partial|which|that)\\s+)*';
const PLATE_ENDS = new RegExp(`^${PLATE_WORDS}(?:ends|ending|finishes|finishing)(?:\\s+(?:in|with|on))?(?:[\\s:,]+|$)`, 'i');
const PLATE_STARTS = new RegExp(`^${PLATE_WORDS}(?:starts|starting|begins|beginning)(?:\\s+(?:with|in))?(?:[\\s:,]+|$)`, 'i');
/** A label before the plate itself: "Reg: AB12 CDE", "VRM - AB12CDE". */
const PLATE_LABEL = /^(?:reg|registration|vrm|index|plate)\s*[:-]\s*/i;

/**
 * Normalises a vehicle registration: upper case, no spaces or hyphens. A partial plate uses "?" for each
 * unknown character and "*" for an unknown run of characters; "ends 4XY" / "plate ends in 4XY" become
 * "*4XY" and "starts AB12" becomes "AB12*". A full plate in no UK format (foreign, unusual) is accepted.
 */
export function normalisePlate(raw: string): Normalised<{ value: string; partial: boolean }> {
  let text = raw.trim().replace(/^["']+|["']+$/g, '').trim();
  if (!text) return { ok: false, message: 'No registration was given.' };
  text = text.replace(PLATE_LABEL, '');
  let prefix = '';
  let suffix = '';
  if (PLATE_ENDS.test(text)) {
    text = text.replace(PLATE_ENDS, '');
    prefix = '*';
  } else if (PLATE_STARTS.test(text)) {
    text = text.replace(PLATE_STARTS, '');
    suffix = '*';
  }
  const bad = [...text].find((ch) => !/[A-Za-z0-9?*\s-]/.test(ch));
  if (bad !== undefined) {
    return {
      ok: false,
      message: `${quote(raw)} is not a registration: it contains "${bad}". Use letters and digits, with "?" for an unknown character and "*" for an unknown run.`,
    };
  }
  const value = `${prefix}${text.replace(/[\s-]+/g, '').toUpperCase()}${suffix}`.replace(/\*+/g, '*');
  if (!/[A-Z0-9]/.test(value)) {
    return {
      ok: false,
      message: text.trim()
        ? `${quote(raw)} is not a registration: at least one letter or digit must be known.`
        : 'No registration was given.',
    };
  }
  if (value.length > MAX_PLATE_LENGTH) {
    return {
      ok: false,
      message: `${quote(raw)} is not a registration: it has ${value.length} characters and a plate has at most ${MAX_PLATE_LENGTH}.`,
    };
  }
  return { ok: true, value, partial: /[?*]/.test(value) };
}

/**
 * The part of a normalised plate to use for a substring search: the longest run of known characters
 * ("*4XY" -> "4XY", "AB12???" -> "AB12"; a full plate is its own key). Use `plateMatches` for an exact
 * wildcard comparison.
 */
export function plateSearchKey(value: string): string {
  const runs = value.toUpperCase().split(/[?*\s-]+/).filter(Boolean);
  let best = '';
  for (const run of runs) if (run.length > best.length) best = run;
  return best;
}

/**
 * True when a (possibly partial) normalised plate could be the same as another normalised plate: "?" is
 * one character, "*" any run. Works both ways: two partial plates match when some plate fits both.
 */
export function plateMatches(a: string, b: string): boolean {
  const x = a.toUpperCase();
  const y = b.toUpperCase();
  // Dynamic programming over the two patterns: memo[i][j] = can x[i..] and y[j..] describe the same plate.
  const memo = new Map<number, boolean>();
  const go = (i: number, j: number): boolean => {
    const key = i * 64 + j;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    let result: boolean;
    const cx = x[i];
    const cy = y[j];
    if (cx === undefined && cy === undefined) result = true;
    else if (cx === '*') result = go(i + 1, j) || (cy !== undefined && go(i, j + 1));
    else if (cy === '*') result = go(i, j + 1) || (cx !== undefined && go(i + 1, j));
    else if (cx === undefined || cy === undefined) result = false;
    else result = (cx === '?' || cy === '?' || cx === cy) && go(i + 1, j + 1);
    memo.set(key, result);
    return result;
  };
  return go(0, 0);
}

// ---------------------------------------------------------------- postcodes

// Outward code: A9, A99, AA9, AA99, A9A, AA9A with the Royal Mail letter restrictions.
const OUTCODE =
  '(?:[A-PR-UWYZ][0-9][0-9]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?|[A-PR-UWYZ][0-9][A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])';
const INCODE = '[0-9][ABD-HJLNP-UW-Z]{2}';
const POSTCODE_RE = new RegExp(`^(${OUTCODE})(${INCODE})$`);
const OUTCODE_RE = new RegExp(`^${OUTCODE}$`);

const POSTCODE_EXAMPLE = 'expected something like "LS1 4AP"';
const OUTCODE_EXAMPLE = 'expected something like "LS1"';

/** Normalises a UK postcode: upper case, one space before the last three characters ("sw1a1aa" -> "SW1A 1AA"). */
export function normalisePostcode(raw: string): Normalised<{ value: string; outcode: string; inward: string }> {
  const compact = raw.replace(/\s+/g, '').toUpperCase();
  if (!compact) return { ok: false, message: 'No postcode was given.' };
  if (compact === 'GIR0AA') return { ok: true, value: 'GIR 0AA', outcode: 'GIR', inward: '0AA' };
  const m = compact.match(POSTCODE_RE);
  if (!m || m[1] === undefined || m[2] === undefined)
    return { ok: false, message: `${quote(raw)} is not a UK postcode (${POSTCODE_EXAMPLE}).` };
  return { ok: true, value: `${m[1]} ${m[2]}`, outcode: m[1], inward: m[2] };
}

/** True when the text is a postcode district on its own ("LS1", "sw1a"). */
export function isOutcode(raw: string): boolean {
  return OUTCODE_RE.test(raw.replace(/\s+/g, '').toUpperCase());
}

/** Normalises a postcode district on its own ("ls1" -> "LS1"). */
export function normaliseOutcode(raw: string): Normalised<{ value: string }> {
  const compact = raw.replace(/\s+/g, '').toUpperCase();
  if (!compact) return { ok: false, message: 'No postcode district was given.' };
  if (!OUTCODE_RE.test(compact))
    return { ok: false, message: `${quote(raw)} is not a UK postcode district (${OUTCODE_EXAMPLE}).` };
  return { ok: true, value: compact };
}

// ---------------------------------------------------------------- text

const FOLD_SPECIAL: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

/**
 * Folds text for matching: lower case, diacritics stripped ("Zoë" -> "zoe"), apostrophes removed
 * ("O'Neill" -> "oneill"), other punctuation to spaces, whitespace collapsed and trimmed.
 */
export function foldText(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (ch) => FOLD_SPECIAL[ch] ?? ch)
    .replace(/['’‘`´ʼ]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

// ---------------------------------------------------------------- person names

const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'master', 'prof', 'sir', 'dame', 'rev']);
/** Lower-case particles that belong to the family name ("Ludwig van Beethoven"). */
const PARTICLES = new Set(['van', 'von', 'de', 'der', 'den', 'del', 'della', 'da', 'das', 'dos', 'di', 'du', 'la', 'le', 'bin', 'ibn', 'bint', 'al', 'el', 'ter', 'ten', 'ap']);
/** "Mac" names written with a capital after "Mac"; others ("Mack", "Machin") are left alone. */
const MAC_NAMES = new Set([
  'macdonald', 'macleod', 'mackenzie', 'macgregor', 'macmillan', 'macintosh', 'mackintosh', 'mackay', 'maclean',
  'macfarlane', 'macpherson', 'mackinnon', 'macaulay', 'macneil', 'macinnes', 'macrae', 'macdougall', 'macarthur',
  'maclaren', 'maclennan', 'macneill', 'macintyre', 'macallister', 'maccallum', 'macdonnell', 'macewan', 'macgowan',
]);

function capitalise(part: string): string {
  const lower = part.toLowerCase();
  if (!lower) return lower;
  if (/^mc\p{L}{2,}/u.test(lower)) return `Mc${lower.charAt(2).toUpperCase()}${lower.slice(3)}`;
  if (MAC_NAMES.has(lower)) return `Mac${lower.charAt(3).toUpperCase()}${lower.slice(4)}`;
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

/** Proper-cases one word: "O'NEILL" -> "O'Neill", "MCDONALD" -> "McDonald", "SMITH-JONES" -> "Smith-Jones". */
function properCaseWord(word: string): string {
  return word
    .split('-')
    .map((piece) => {
      const bits = piece.split(/(['’])/);
      // Capitalise after an apostrophe only for one-letter prefixes (O'Neill, D'Arcy), not "Ma'am"-style.
      let out = '';
      for (let i = 0; i < bits.length; i++) {
        const bit = bits[i] ?? '';
        if (i % 2 === 1) out += bit;
        else if (i === 0) out += capitalise(bit);
        else out += (bits[i - 2] ?? '').length === 1 ? capitalise(bit) : bit.toLowerCase();
      }
      return out;
    })
    .join('-');
}

function isAllCaps(word: string): boolean {
  return /\p{Lu}/u.test(word) && !/\p{Ll}/u.test(word);
}

/** Proper-cases a name typed in capitals or lower case; a mixed-case word ("DeShawn", "McAllister") is kept. */
export function properCaseName(s: string): string {
  return s
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => (isAllCaps(w) || !/\p{Lu}/u.test(w) ? properCaseWord(w) : w))
    .join(' ');
}

/**
 * Splits a typed name into given and family names: "SMITH, John" -> John / Smith; "John Paul SMITH" ->
 * "John Paul" / "Smith"; "SMITH John" (family in capitals, police style) -> John / Smith. A single word is
 * taken as a given name. Titles (Mr, Mrs, Dr...) are dropped and capitals are proper-cased.
 */
export function parsePersonName(raw: string): { given: string; family: string } {
  const text = raw.replace(/\s+/g, ' ').trim();
  if (!text) return { given: '', family: '' };
  const comma = text.indexOf(',');
  if (comma >= 0) {
    const family = text.slice(0, comma);
    const given = stripTitles(text.slice(comma + 1).replace(/,/g, ' ').split(' ').filter(Boolean));
    return { given: properCaseName(given.join(' ')), family: properCaseName(family) };
  }
  const words = stripTitles(text.split(' '));
  if (words.length === 0) return { given: '', family: '' };
  if (words.length === 1) return { given: properCaseName(words[0] ?? ''), family: '' };

  // Police style: the family name alone in capitals, at the start or the end ("SMITH John", "John SMITH").
  const caps = words.map((w) => isAllCaps(w) && /\p{L}{2}/u.test(w));
  const someCaps = caps.some(Boolean);
  const allCaps = caps.every(Boolean);
  if (someCaps && !allCaps) {
    let lead = 0;
    while (lead < words.length && caps[lead]) lead++;
    let trail = 0;
    while (trail < words.length && caps[words.length - 1 - trail]) trail++;
    if (trail > 0 && lead === 0) {
      return {
        given: properCaseName(words.slice(0, words.length - trail).join(' ')),
        family: properCaseName(words.slice(words.length - trail).join(' ')),
      };
    }
    if (lead > 0 && trail === 0) {
      return { given: properCaseName(words.slice(lead).join(' ')), family: properCaseName(words.slice(0, lead).join(' ')) };
    }
  }
  // Otherwise the last word is the family name, with any lower-case particles before it.
  let start = words.length - 1;
  while (start > 1 && PARTICLES.has((words[start - 1] ?? '').toLowerCase())) start--;
  const familyWords = words.slice(start);
  const family = familyWords
    .map((w, i) => (i < familyWords.length - 1 && PARTICLES.has(w) && w === w.toLowerCase() ? w : properCaseName(w)))
    .join(' ');
  return { given: properCaseName(words.slice(0, start).join(' ')), family };
}

function stripTitles(words: string[]): string[] {
  const out = [...words];
  while (out.length > 1 && TITLES.has((out[0] ?? '').toLowerCase().replace(/\.$/, ''))) out.shift();
  return out;
}

// ---------------------------------------------------------------- dates

const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/**
 * Normalises a date typed in a form to `YYYY-MM-DD`. Accepts ISO (2020-02-29) and UK day-first order
 * (29/02/2020, 29-02-2020, 29.2.2020). Rejects impossible dates ("31/02/2020") and two-digit years.
 * Whether a date may be in the future is for the validators to decide.
 */
export function normaliseDate(raw: string): Normalised<{ value: IsoDate }> {
  const text = raw.trim();
  if (!text) return { ok: false, message: 'No date was given.' };
  let y: number;
  let m: number;
  let d: number;
  const iso = text.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/);
  const uk = text.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})$/);
  if (iso) {
    y = Number(iso[1]);
    m = Number(iso[2]);
    d = Number(iso[3]);
  } else if (uk) {
    if ((uk[3] ?? '').length !== 4)
      return { ok: false, message: `${quote(raw)} is not a date we can read: write the year in full (e.g. 29/02/2020).` };
    d = Number(uk[1]);
    m = Number(uk[2]);
    y = Number(uk[3]);
  } else {
    return {
      ok: false,
      message: `${quote(raw)} is not a date we can read: use day/month/year (e.g. 29/02/2020) or 2020-02-29.`,
    };
  }
  if (y < 1) return { ok: false, message: `${quote(raw)} is not a real date: there is no year 0.` };
  if (m < 1 || m > 12) return { ok: false, message: `${quote(raw)} is not a real date: there is no month ${m}.` };
  const dim = daysInMonth(y, m);
  if (d < 1 || d > dim)
    return { ok: false, message: `${quote(raw)} is not a real date: ${MONTH_NAMES[m - 1] ?? ''} ${y} has ${dim} days.` };
  return { ok: true, value: `${pad(y, 4)}-${pad(m)}-${pad(d)}` };
}

/** True when `s` is a real ISO date `YYYY-MM-DD` (the stored form). */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const r = normaliseDate(s);
  return r.ok && r.value === s;
}

/** Today's date in the local time zone as `YYYY-MM-DD`. */
export function todayIso(now: Date = new Date()): IsoDate {
  return `${pad(now.getFullYear(), 4)}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** An ISO date shown the UK way: "2020-02-29" -> "29/02/2020" (anything else unchanged). */
export function formatDateUk(iso: IsoDate): string {
  const m = iso.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** Whole years between a date of birth and a later date (both ISO), or null if either is not a date. */
export function ageOn(dob: IsoDate, on: IsoDate): number | null {
  if (!isIsoDate(dob) || !isIsoDate(on)) return null;
  const [by, bm, bd] = dob.split('-').map(Number);
  const [ty, tm, td] = on.split('-').map(Number);
  if (by === undefined || bm === undefined || bd === undefined || ty === undefined || tm === undefined || td === undefined)
    return null;
  let age = ty - by;
  if (tm < bm || (tm === bm && td < bd)) age--;
  return age;
}
