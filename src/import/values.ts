/**
 * Reading single cells into model values: the words and codes partner agencies use for sex, ethnicity
 * (ONS / police 18+1 codes, IC codes), roles, risk, place / business / hot spot types, statement type and
 * grading (3x5x2 and 5x5x5 codes, never converted into each other); "no value" markers (N/A, NULL, -);
 * cells holding several values; and a fast, cached phone normaliser for bulk imports.
 *
 * Every reader returns either a value or a message that quotes the cell and says what was expected.
 */
import { HANDLING_3X5X2, HANDLING_5X5X5, INTEL_3X5X2, INTEL_5X5X5, SOURCE_3X5X2, SOURCE_5X5X5, type Grading } from '../domain/grading';
import {
  BUSINESS_TYPES,
  BUSINESS_TYPE_LABEL,
  ETHNICITIES,
  ETHNICITY_LABEL,
  HOTSPOT_TYPES,
  PLACE_TYPES,
  PLACE_TYPE_LABEL,
  ROLES,
  ROLE_LABEL,
  type BusinessType,
  type Ethnicity,
  type HotspotType,
  type PlaceType,
  type RiskLevel,
  type Role,
  type Sex,
} from '../domain/model';
import { HOTSPOT_TYPE_LABEL } from '../domain/labels';
import { foldText, MAX_PLATE_LENGTH, normalisePhone, normalisePlate } from '../domain/normalise';

export type Read<T> = { ok: true; value: T; note?: string } | { ok: false; message: string };

const quote = (s: string): string => `"${s.trim()}"`;

// ---------------------------------------------------------------- empty markers and several values

const EMPTY_MARKERS = new Set(['-', '--', '---', 'n/a', 'na', 'n.a.', 'null', 'none', 'nil', 'unknown', 'not known', 'nk', 'n/k', '?', 'tbc', 'tbd', '#n/a', 'not recorded', 'no', 'none known', 'not given', 'no phone', 'no mobile', 'no number', 'no car', 'no vehicle', 'no email']);

/**
 * True when a cell means "no value" for a structured field (a name, phone, plate, date, code...): blank,
 * or N/A, NULL, -, none, no, unknown, not known, TBC. Free-text fields never use this.
 */
export function isEmptyMarker(raw: string): boolean {
  // The longest marker has 12 characters: longer cells only need a non-blank test (no allocation).
  if (raw.length > 16) return !/\S/.test(raw);
  const t = raw.trim().toLowerCase();
  return !t || EMPTY_MARKERS.has(t);
}

/**
 * Splits a cell holding several values: "Dazza; D", "Dazza / D", "Dazza, D", one per line. A slash
 * without spaces stays ("LN/0012", "89/123456X" are one value each).
 */
export function splitValues(raw: string): string[] {
  return raw
    .split(/\s*(?:[;|\n\r]|\s\/\s|,\s)\s*/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Like splitValues but for phone numbers, which use "/" and spaces inside themselves rarely: ; | , newline and " / ". */
export function splitPhones(raw: string): string[] {
  return raw
    .split(/\s*(?:[;|\n\r,]|\s\/\s|\s+or\s+|\s+and\s+)\s*/i)
    .map((s) => s.trim())
    .filter(Boolean);
}

// ---------------------------------------------------------------- phones

const PHONE_CACHE = new Map<string, { ok: true; e164: string } | { ok: false; message: string }>();
const CACHE_LIMIT = 200_000;

/**
 * normalisePhone (domain/normalise.ts) with a fast path and a cache: libphonenumber takes ~50 µs a call,
 * too slow for 100,000 rows. The fast path handles the common shapes whose result is certain (UK numbers
 * of 11 digits starting 01, 02, 03 or 07, written with or without +44, spaces, dots, dashes, brackets);
 * tests check it agrees with normalisePhone. Everything else goes through normalisePhone, cached.
 */
export function readPhone(raw: string): { ok: true; e164: string } | { ok: false; message: string } {
  const cached = PHONE_CACHE.get(raw);
  if (cached) return cached;
  let result: { ok: true; e164: string } | { ok: false; message: string };
  const compact = raw.replace(/[\s().-]/g, '');
  const m = /^(?:0|\+44|0044)([1237]\d{9})$/.exec(compact);
  if (m && !/\(0\)/.test(raw) && compact.indexOf('+') <= 0) result = { ok: true, e164: `+44${m[1]}` };
  else {
    const r = normalisePhone(raw);
    if (r.ok && r.e164.startsWith('+440'))
      // libphonenumber keeps the trunk 0 of a UK number too short to be one ("07700 9001" -> "+44077009001").
      result = { ok: false, message: `"${raw.trim()}" is not a phone number: too few digits for a UK number.` };
    else result = r.ok ? { ok: true, e164: r.e164 } : { ok: false, message: r.message };
  }
  if (PHONE_CACHE.size >= CACHE_LIMIT) PHONE_CACHE.clear();
  PHONE_CACHE.set(raw, result);
  return result;
}

/**
 * normalisePlate (domain/normalise.ts) with a fast path for the usual shape (at most three letters, then a
 * digit, then letters, digits and spaces: "AB12 CDE", "A123 BCD", "1234 AB"), which normalisePlate only
 * upper-cases and closes up. Tests check the two agree. Anything else (partial plates, "ends 4XY",
 * labels, bad characters) goes to normalisePlate.
 */
export function readPlate(raw: string): ReturnType<typeof normalisePlate> {
  const t = raw.trim();
  if (/^[A-Za-z]{0,3}\s?\d[A-Za-z0-9 ]*$/.test(t)) {
    const value = t.replace(/ +/g, '').toUpperCase();
    if (value.length <= MAX_PLATE_LENGTH) return { ok: true, value, partial: false };
  }
  return normalisePlate(raw);
}

/** Online handles and e-mail addresses: "@dazza_99" -> "dazza_99"; e-mails lower-cased. */
export function readHandle(raw: string, platform: string): Read<string> {
  const t = raw.trim();
  if (foldText(platform) === 'email' || foldText(platform) === 'e mail') {
    const email = t.replace(/^mailto:/i, '');
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return { ok: false, message: `${quote(raw)} is not an e-mail address.` };
    return { ok: true, value: email.toLowerCase() };
  }
  if (/\s/.test(t.replace(/^@\s*/, '')) && !/^https?:\/\//i.test(t))
    return { ok: false, message: `${quote(raw)} is not a ${platform} handle: a handle has no spaces.` };
  return { ok: true, value: t.replace(/^@\s*/, '') };
}

/** Platform names as written in headers and cells, to the spelling shown in Linkwall. */
const PLATFORMS: Record<string, string> = {
  snapchat: 'Snapchat', snap: 'Snapchat', sc: 'Snapchat', instagram: 'Instagram', insta: 'Instagram', ig: 'Instagram',
  facebook: 'Facebook', fb: 'Facebook', messenger: 'Facebook Messenger', 'facebook messenger': 'Facebook Messenger',
  tiktok: 'TikTok', 'tik tok': 'TikTok', whatsapp: 'WhatsApp', 'whats app': 'WhatsApp', telegram: 'Telegram',
  twitter: 'X (Twitter)', x: 'X (Twitter)', discord: 'Discord', kik: 'Kik', signal: 'Signal', wickr: 'Wickr',
  threads: 'Threads', youtube: 'YouTube', xbox: 'Xbox Live', psn: 'PlayStation Network', playstation: 'PlayStation Network',
  email: 'Email', 'e mail': 'Email', 'email address': 'Email', onlyfans: 'OnlyFans', grindr: 'Grindr', tinder: 'Tinder',
};

/** The platform named by a cell or header ("snap" -> "Snapchat"), or null. */
export function platformName(raw: string): string | null {
  const f = foldText(raw);
  return PLATFORMS[f] ?? PLATFORMS[f.replace(/\s*(?:handle|username|user name|name|id|account|profile)$/, '')] ?? null;
}

// ---------------------------------------------------------------- enumerations

function lookup<T extends string>(raw: string, table: Record<string, T>): T | undefined {
  const f = foldText(raw);
  return table[f] ?? table[f.replace(/\s+/g, '')];
}

const SEX_WORDS: Record<string, Sex> = {
  m: 'male', male: 'male', man: 'male', boy: 'male', mr: 'male',
  f: 'female', female: 'female', woman: 'female', girl: 'female', w: 'female', mrs: 'female', miss: 'female', ms: 'female',
  other: 'other', o: 'other', 'non binary': 'other', nonbinary: 'other', nb: 'other', x: 'other', intersex: 'other', 'trans': 'other',
  u: 'unknown', unknown: 'unknown', 'not known': 'unknown', nk: 'unknown', 'not stated': 'unknown', 'prefer not to say': 'unknown', i: 'unknown',
};

export function readSex(raw: string): Read<Sex> {
  const v = lookup(raw, SEX_WORDS);
  return v ? { ok: true, value: v } : { ok: false, message: `${quote(raw)} is not a sex Linkwall knows (use Female, Male, Other or Unknown).` };
}

/** Police / ONS 18+1 self-defined ethnicity codes. */
const ETHNICITY_CODES: Record<string, Ethnicity> = {
  w1: 'white-british', w2: 'white-irish', w3: 'white-gypsy-traveller', w4: 'white-roma', w9: 'white-other',
  m1: 'mixed-white-black-caribbean', m2: 'mixed-white-black-african', m3: 'mixed-white-asian', m9: 'mixed-other',
  a1: 'asian-indian', a2: 'asian-pakistani', a3: 'asian-bangladeshi', a4: 'asian-chinese', a9: 'asian-other',
  b1: 'black-caribbean', b2: 'black-african', b9: 'black-other', o1: 'asian-chinese', o2: 'arab', o9: 'other',
  ns: 'not-stated', 'not stated': 'not-stated', 'prefer not to say': 'not-stated', declined: 'not-stated', refused: 'not-stated',
  unknown: 'unknown', 'not known': 'unknown', nk: 'unknown', u: 'unknown',
};

/** Officer-observed IC codes: coarser than the model's groups, so they come with a note. */
const IC_CODES: Record<string, Ethnicity> = { ic1: 'white-other', ic2: 'white-other', ic3: 'black-other', ic4: 'asian-other', ic5: 'asian-other', ic6: 'arab', ic0: 'unknown', ic9: 'unknown' };

/** Reads an ethnicity from an ONS label, a police 18+1 code (W1, A2...), an IC code or plain words. */
export function readEthnicity(raw: string): Read<Ethnicity> {
  const f = foldText(raw);
  const code = ETHNICITY_CODES[f] ?? ETHNICITY_CODES[f.replace(/\s+/g, '')];
  if (code) return { ok: true, value: code };
  const ic = IC_CODES[f.replace(/\s+/g, '')];
  if (ic) return { ok: true, value: ic, note: `${quote(raw)} is an officer-observed code: recorded as ${ETHNICITY_LABEL[ic]}.` };
  for (const e of ETHNICITIES) if (foldText(ETHNICITY_LABEL[e]) === f || foldText(e) === f) return { ok: true, value: e };
  if (/\bnot stated\b|prefer not|\bdeclined\b|\brefused\b/.test(f)) return { ok: true, value: 'not-stated' };
  // "Group - subgroup" (the 2011/2021 census wording police.uk uses): the subgroup decides within its group.
  const dash = raw.split(/\s+[-–:]\s+/);
  if (dash.length === 2) {
    const group = foldText(dash[0] ?? '');
    const sub = foldText(dash[1] ?? '');
    const g = /mixed|multiple/.test(group) ? 'mixed' : /asian/.test(group) ? 'asian' : /black|african|caribbean/.test(group) ? 'black' : /white/.test(group) ? 'white' : /other/.test(group) ? 'other' : '';
    const any = /\bany other\b|\bother\b/.test(sub);
    const pick: Ethnicity | undefined =
      g === 'mixed'
        ? any ? 'mixed-other' : /caribbean/.test(sub) ? 'mixed-white-black-caribbean' : /african/.test(sub) ? 'mixed-white-black-african' : /asian/.test(sub) ? 'mixed-white-asian' : undefined
        : g === 'asian'
          ? any ? 'asian-other' : /pakistan/.test(sub) ? 'asian-pakistani' : /bangladesh/.test(sub) ? 'asian-bangladeshi' : /indian/.test(sub) ? 'asian-indian' : /chinese/.test(sub) ? 'asian-chinese' : undefined
          : g === 'black'
            ? any ? 'black-other' : /caribbean/.test(sub) ? 'black-caribbean' : /african/.test(sub) ? 'black-african' : undefined
            : g === 'white'
              ? /gypsy|traveller/.test(sub) ? 'white-gypsy-traveller' : /roma\b/.test(sub) ? 'white-roma' : /british|english|welsh|scottish/.test(sub) ? 'white-british' : /irish/.test(sub) ? 'white-irish' : any ? 'white-other' : undefined
              : g === 'other'
                ? /arab/.test(sub) ? 'arab' : any ? 'other' : undefined
                : undefined;
    if (pick) return { ok: true, value: pick };
  }
  const has = (w: string): boolean => new RegExp(`\\b${w}`).test(f);
  let v: Ethnicity | undefined;
  let coarse = false;
  if (has('gypsy') || has('traveller')) v = 'white-gypsy-traveller';
  else if (has('roma')) v = 'white-roma';
  else if (has('mixed') || has('dual') || (has('white') && (has('black') || has('asian') || has('caribbean') || has('african')))) {
    if (has('caribbean')) v = 'mixed-white-black-caribbean';
    else if (has('african')) v = 'mixed-white-black-african';
    else if (has('asian')) v = 'mixed-white-asian';
    else v = 'mixed-other';
  } else if (has('pakistan')) v = 'asian-pakistani';
  else if (has('bangladesh')) v = 'asian-bangladeshi';
  else if (has('indian')) v = 'asian-indian';
  else if (has('chinese')) v = 'asian-chinese';
  else if (has('arab')) v = 'arab';
  else if (has('caribbean')) v = 'black-caribbean';
  else if (has('african')) v = 'black-african';
  else if (has('british') || has('english') || has('welsh') || has('scottish') || has('northern irish')) v = 'white-british';
  else if (has('irish')) v = 'white-irish';
  else if (has('black') || has('asian') || has('white')) {
    v = has('black') ? 'black-other' : has('asian') ? 'asian-other' : 'white-other';
    coarse = !has('other');
  }
  else if (f === 'other' || has('any other')) v = 'other';
  if (!v) return { ok: false, message: `${quote(raw)} is not an ethnicity Linkwall recognises (use an ONS group such as "White: British" or a code such as W1).` };
  return coarse ? { ok: true, value: v, note: `${quote(raw)} names no subgroup: recorded as ${ETHNICITY_LABEL[v]}.` } : { ok: true, value: v };
}

const ROLE_WORDS: Record<string, Role> = {
  victim: 'young-person-at-risk', yp: 'young-person-at-risk', 'young person': 'young-person-at-risk', 'child at risk': 'young-person-at-risk',
  'at risk': 'young-person-at-risk', 'yp at risk': 'young-person-at-risk', 'young person at risk': 'young-person-at-risk', child: 'young-person-at-risk',
  'potential victim': 'young-person-at-risk', organiser: 'organiser', organizer: 'organiser', facilitator: 'facilitator', abuser: 'abuser',
  perpetrator: 'abuser', offender: 'abuser', associate: 'associate', witness: 'witness', professional: 'professional', staff: 'professional',
};

export function readRole(raw: string): Read<Role> {
  const v = lookup(raw, ROLE_WORDS) ?? ROLES.find((r) => foldText(ROLE_LABEL[r]) === foldText(raw) || r === foldText(raw).replace(/\s+/g, '-'));
  return v
    ? { ok: true, value: v }
    : { ok: false, message: `${quote(raw)} is not a role Linkwall knows (${ROLES.map((r) => ROLE_LABEL[r]).join(', ')}).` };
}

const RISK_WORDS: Record<string, RiskLevel> = {
  high: 'high', h: 'high', red: 'high', significant: 'high', severe: 'high',
  medium: 'medium', med: 'medium', m: 'medium', amber: 'medium', moderate: 'medium',
  low: 'low', l: 'low', green: 'low', standard: 'low',
  unknown: 'unknown', 'not assessed': 'unknown', 'not known': 'unknown',
};

export function readRisk(raw: string): Read<RiskLevel> {
  const v = lookup(raw, RISK_WORDS) ?? lookup(raw.replace(/\s*risk$/i, ''), RISK_WORDS);
  return v ? { ok: true, value: v } : { ok: false, message: `${quote(raw)} is not a risk level (use High, Medium, Low or Unknown).` };
}

function readKind<T extends string>(raw: string, all: readonly T[], labels: Record<T, string>, extra: Record<string, T>, what: string, fallback: T): Read<T> {
  const f = foldText(raw);
  const v = extra[f] ?? all.find((k) => foldText(labels[k]) === f || foldText(k) === f);
  if (v) return { ok: true, value: v };
  return { ok: true, value: fallback, note: `${quote(raw)} is not a ${what} Linkwall knows: recorded as "${labels[fallback]}".` };
}

export function readPlaceType(raw: string): Read<PlaceType> {
  return readKind(raw, PLACE_TYPES, PLACE_TYPE_LABEL, { house: 'home', 'home address': 'home', residential: 'home', 'bed and breakfast': 'b-and-b', bnb: 'b-and-b', 'b b': 'b-and-b', 'children s home': 'care-home', 'childrens home': 'care-home', 'care home': 'care-home', 'supported accommodation': 'care-home', academy: 'school', college: 'school', 'fast food': 'takeaway', 'take away': 'takeaway', taxi: 'taxi-office', 'taxi rank': 'taxi-office', apartment: 'flat', 'multi occupancy': 'hmo', 'car park': 'car-park', 'shopping centre': 'shopping-centre', mall: 'shopping-centre' }, 'place type', 'other');
}

export function readBusinessType(raw: string): Read<BusinessType> {
  return readKind(raw, BUSINESS_TYPES, BUSINESS_TYPE_LABEL, { 'bed and breakfast': 'b-and-b', bnb: 'b-and-b', 'b b': 'b-and-b', pub: 'bar', 'public house': 'bar', club: 'bar', 'night club': 'bar', nightclub: 'bar', taxi: 'taxi-firm', 'private hire': 'taxi-firm', 'taxi firm': 'taxi-firm', 'fast food': 'takeaway', 'take away': 'takeaway', 'off licence': 'shop', 'convenience store': 'shop', motel: 'hotel', 'guest house': 'b-and-b' }, 'business type', 'other');
}

export function readHotspotType(raw: string): Read<HotspotType> {
  return readKind(raw, HOTSPOT_TYPES, HOTSPOT_TYPE_LABEL, { 'bus station': 'transport', 'train station': 'transport', station: 'transport', 'railway station': 'transport', 'bus stop': 'transport', road: 'street', alley: 'street', 'shopping centre': 'shopping-centre', mall: 'shopping-centre', 'car park': 'car-park', estate: 'area', 'open space': 'park', playground: 'park' }, 'hot spot type', 'other');
}

export function readStatementType(raw: string): Read<'fact' | 'assessment'> {
  const f = foldText(raw);
  if (['fact', 'f', 'factual', 'known'].includes(f)) return { ok: true, value: 'fact' };
  if (['assessment', 'a', 'opinion', 'assessed', 'analysis', 'belief', 'suspicion'].includes(f)) return { ok: true, value: 'assessment' };
  return { ok: false, message: `${quote(raw)} is neither "fact" nor "assessment".` };
}

/** Estimated age in whole years: "15", "15 years", "approx 15", "c. 15". Ranges ("14-15") are refused. */
export function readAge(raw: string): Read<number> {
  const t = raw.trim().toLowerCase().replace(/^(?:approx\.?|approximately|about|around|c\.|circa|~|aged)\s*/, '').replace(/\s*(?:years?|yrs?|y\/o|yo|y)(?:\s*old)?$/, '');
  if (/^\d{1,3}$/.test(t)) {
    const n = Number(t);
    if (n <= 120) return { ok: true, value: n };
  }
  if (/^\d{1,3}\s*(?:-|to)\s*\d{1,3}$/.test(t)) return { ok: false, message: `${quote(raw)} is an age range: give one age in whole years.` };
  return { ok: false, message: `${quote(raw)} is not an age in whole years.` };
}

/** A latitude or longitude in decimal degrees. */
export function readCoordinate(raw: string, which: 'lat' | 'lng'): Read<number> {
  const t = raw.trim();
  if (!/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/.test(t)) return { ok: false, message: `${quote(raw)} is not a ${which === 'lat' ? 'latitude' : 'longitude'} in decimal degrees.` };
  const n = Number(t);
  const max = which === 'lat' ? 90 : 180;
  if (n < -max || n > max)
    return { ok: false, message: `${which === 'lat' ? 'Latitude' : 'Longitude'} ${t} is out of range (it must be between -${max} and ${max}).` };
  return { ok: true, value: n };
}

// ---------------------------------------------------------------- grading

export interface GradingCells {
  /** A whole code in one cell: "1A P", "2-B-C", "B2 4", "3x5x2 1AP", "Ungraded". */
  code?: string;
  source?: string;
  intelligence?: string;
  handling?: string;
  /** Handling conditions text (3x5x2 handling C); may carry action / sanitisation codes "A2 S2". */
  conditions?: string;
  /** "3x5x2", "5x5x5" or "ungraded", to settle a code that could be either. */
  scheme?: string;
}

const SOURCE_WORDS: Record<string, string> = { reliable: '1', untested: '2', 'not reliable': '3', unreliable: '3' };
const INTEL_WORDS: Record<string, string> = {
  'known directly': 'A', 'known directly to the source': 'A', 'known indirectly but corroborated': 'B',
  'known indirectly to the source but corroborated': 'B', 'known indirectly': 'C', 'known indirectly to the source': 'C',
  'not known': 'D', 'suspected to be false': 'E', 'suspected false': 'E',
};
const HANDLING_WORDS: Record<string, string> = {
  'lawful sharing permitted': 'P', 'lawful sharing permitted with conditions': 'C', permitted: 'P', conditions: 'C', 'with conditions': 'C',
};

function code(raw: string | undefined, words: Record<string, string>): string {
  if (!raw) return '';
  const f = foldText(raw);
  return words[f] ?? raw.trim().toUpperCase().replace(/\s+/g, '');
}

const UNGRADED = new Set(['ungraded', 'not graded', 'none', 'n/a', 'na', 'nil', '-', 'u']);

function conditionsOf(text: string): { actionCode?: 'A1' | 'A2' | 'A3'; sanitisation?: 'S1' | 'S2' } {
  const out: { actionCode?: 'A1' | 'A2' | 'A3'; sanitisation?: 'S1' | 'S2' } = {};
  const a = /\bA([123])\b/i.exec(text);
  const s = /\bS([12])\b/i.exec(text);
  if (a) out.actionCode = `A${a[1]}` as 'A1' | 'A2' | 'A3';
  if (s) out.sanitisation = `S${s[1]}` as 'S1' | 'S2';
  return out;
}

/**
 * Reads a row's grading from its cells, over the file's default. Blank cells leave the default; a code
 * that is not a 3x5x2 or 5x5x5 code is an error (handling restrictions must never be guessed). Parts given
 * in separate columns complete the default's other parts when both are of the same scheme.
 */
export function readGrading(cells: GradingCells, fallback: Grading): Read<Grading> {
  const blank = (s?: string): boolean => !s || !s.trim();
  if (blank(cells.code) && blank(cells.source) && blank(cells.intelligence) && blank(cells.handling) && blank(cells.scheme))
    return cells.conditions && !blank(cells.conditions) && fallback.scheme === '3x5x2' && fallback.handling === 'C'
      ? { ok: true, value: { ...fallback, conditions: cells.conditions.trim(), ...conditionsOf(cells.conditions) } }
      : { ok: true, value: fallback };
  const schemeText = foldText(cells.scheme ?? '').replace(/\s+/g, '');
  let scheme: '3x5x2' | '5x5x5' | 'ungraded' | undefined =
    schemeText === '3x5x2' || schemeText === '352' ? '3x5x2' : schemeText === '5x5x5' || schemeText === '555' ? '5x5x5' : UNGRADED.has(schemeText) || schemeText === 'ungraded' ? 'ungraded' : undefined;
  if (!blank(cells.scheme) && !scheme)
    return { ok: false, message: `Grading scheme ${quote(cells.scheme ?? '')} is not one Linkwall knows (3x5x2, 5x5x5 or ungraded).` };
  let source = code(cells.source, SOURCE_WORDS);
  let intel = code(cells.intelligence, INTEL_WORDS);
  let handling = code(cells.handling, HANDLING_WORDS);
  let extra = cells.conditions?.trim() ?? '';
  if (!blank(cells.code)) {
    const raw = (cells.code ?? '').trim();
    if (UNGRADED.has(raw.toLowerCase())) return { ok: true, value: { scheme: 'ungraded' } };
    let t = raw.toUpperCase();
    const prefix = /^(3\s*X\s*5\s*X\s*2|5\s*X\s*5\s*X\s*5)\s*[:-]?\s*/.exec(t);
    if (prefix) {
      scheme = prefix[1]?.startsWith('3') ? '3x5x2' : '5x5x5';
      t = t.slice(prefix[0].length);
    }
    // Action / sanitisation codes after the handling code: "1A C (A2 S2)".
    const cond = /[\s(,;]+((?:A[123]|S[12])(?:[\s,/]+(?:A[123]|S[12]))*)\)?\s*$/.exec(t);
    if (cond) {
      extra = [extra, cond[1] ?? ''].filter(Boolean).join(' ');
      t = t.slice(0, cond.index);
    }
    const compact = t.replace(/[\s/,.\-:()]+/g, '');
    const m3 = /^([123])([A-E])([PC])$/.exec(compact);
    const m555 = /^([A-E])([1-5])([1-5])$/.exec(compact);
    if (m3 && scheme !== '5x5x5') [, source, intel, handling] = m3 as unknown as [string, string, string, string];
    else if (m555 && scheme !== '3x5x2') [, source, intel, handling] = m555 as unknown as [string, string, string, string];
    else {
      const hint =
        /^[123][A-E]$/.test(compact) || /^[A-E][1-5]$/.test(compact)
          ? 'it has no handling code'
          : /^[123][A-E]./.test(compact)
            ? 'the 3x5x2 handling code must be P or C'
            : /^[A-E][1-5]./.test(compact)
              ? 'the 5x5x5 handling code must be 1 to 5'
              : 'expected a 3x5x2 code such as "2B P" or a 5x5x5 code such as "B2 4"';
      return { ok: false, message: `Grading ${quote(raw)} cannot be read: ${hint}.` };
    }
  }
  if (scheme === 'ungraded') return { ok: true, value: { scheme: 'ungraded' } };
  // Work out the scheme from the parts given, then complete missing parts from the default.
  const looks352 = (!source || /^[123]$/.test(source)) && (!intel || /^[A-E]$/.test(intel)) && (!handling || /^[PC]$/.test(handling));
  const looks555 = (!source || /^[A-E]$/.test(source)) && (!intel || /^[1-5]$/.test(intel)) && (!handling || /^[1-5]$/.test(handling));
  if (!scheme) scheme = looks352 && !looks555 ? '3x5x2' : looks555 && !looks352 ? '5x5x5' : fallback.scheme !== 'ungraded' ? fallback.scheme : looks352 ? '3x5x2' : '5x5x5';
  if (fallback.scheme === scheme) {
    source ||= fallback.source;
    intel ||= fallback.intelligence;
    handling ||= fallback.handling;
  }
  const given = [cells.code, cells.source, cells.intelligence, cells.handling].filter((s) => s && s.trim()).map((s) => (s ?? '').trim()).join(' ');
  if (scheme === '3x5x2') {
    if (!SOURCE_3X5X2.includes(source as never))
      return { ok: false, message: source ? `Source evaluation ${quote(source)} must be 1, 2 or 3 (3x5x2).` : `Grading ${quote(given)} has no source evaluation (1, 2 or 3).` };
    if (!INTEL_3X5X2.includes(intel as never))
      return { ok: false, message: intel ? `Intelligence assessment ${quote(intel)} must be A, B, C, D or E (3x5x2).` : `Grading ${quote(given)} has no intelligence assessment (A to E).` };
    if (!HANDLING_3X5X2.includes(handling as never))
      return { ok: false, message: handling ? `Handling code ${quote(handling)} must be P or C (3x5x2).` : `Grading ${quote(given)} has no handling code (P or C).` };
    const g: Grading = { scheme: '3x5x2', source: source as '1', intelligence: intel as 'A', handling: handling as 'P' };
    if (extra) {
      if (handling !== 'C') return { ok: false, message: `Handling conditions ${quote(extra)} only apply to handling code C, but the code is P.` };
      Object.assign(g, { conditions: extra }, conditionsOf(extra));
    }
    return { ok: true, value: g };
  }
  if (!SOURCE_5X5X5.includes(source as never))
    return { ok: false, message: source ? `Source evaluation ${quote(source)} must be A to E (5x5x5).` : `Grading ${quote(given)} has no source evaluation (A to E).` };
  if (!INTEL_5X5X5.includes(intel as never))
    return { ok: false, message: intel ? `Intelligence evaluation ${quote(intel)} must be 1 to 5 (5x5x5).` : `Grading ${quote(given)} has no intelligence evaluation (1 to 5).` };
  if (!HANDLING_5X5X5.includes(handling as never))
    return { ok: false, message: handling ? `Handling code ${quote(handling)} must be 1 to 5 (5x5x5).` : `Grading ${quote(given)} has no handling code (1 to 5).` };
  return { ok: true, value: { scheme: '5x5x5', source: source as 'A', intelligence: intel as '1', handling: handling as '1' } };
}
