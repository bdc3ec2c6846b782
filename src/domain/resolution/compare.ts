/**
 * Field comparators for person records. Each field compares to one of a few graded LEVELS, from the
 * strongest agreement to disagreement, or to "null" when either record lacks the field (no evidence
 * either way). The model (model.ts) gives every level a weight from its m and u probabilities.
 *
 *   givenName   exact | nickname or short form (Dazza~Darren, Sam~Samantha) | typo | sounds alike |
 *               initial or another given name | similar | different
 *   familyName  exact | typo | sounds alike | part of a double-barrelled name | similar | different
 *   dob         exact | day/month swapped | one digit or the year out | within a month | two of three parts |
 *               different
 *   age         (an estimated age against a date of birth or another estimate) within a year | fits |
 *               roughly fits | differs
 *   phone, email, handle, identifier: exact | near (one digit / small typo) | different
 *   vehicle     exact | look-alike characters (O/0, I/1) | partial plate fits (5+ / 3-4 known) | typo | different
 *   address     exact (flat forms and abbreviations normalised) | same property | near | weak | different
 *   postcode    exact | same sector (or a typo) | same district | different
 *   sex         same | different
 *   alias       exact | similar | different (neutral)   -- supporting evidence only
 *   network     shared linked entity | none (neutral)    -- supporting evidence only
 *
 * Names are compared both ways round (given~given, family~family, and crossed) because partner data
 * writes "SMITH John" as often as "John Smith"; the better reading wins. Multi-valued fields (several
 * names, phones, addresses) take the best-agreeing pair of values. The comparator also reports the term
 * frequency of an exactly agreeing value, so agreeing on "barraclough" weighs more than on "smith".
 */
import { plateMatches } from './shared';
import type { NameSlot, PAddress, PAge, PDate, PRecord } from './prepare';
import { variantsOf } from './prepare';
import { jaroWinklerAtLeast, withinEdits, wordsAlike } from './similarity';
import type { PersonField } from './types';
import { PERSON_FIELDS } from './types';

export interface LevelSpec {
  key: string;
  /** Short label shown to the analyst ("nickname"). */
  label: string;
  /** Prior m probability: P(level | same person), before fitting. */
  m: number;
  /** The exact level of a field whose weight is adjusted by the value's term frequency. */
  tf?: boolean;
  /** Weight forced to 0 (absence of a shared alias or associate says nothing). */
  neutral?: boolean;
}

export interface FieldSpec {
  field: PersonField;
  label: string;
  /** Supporting evidence only: never enough on its own (see model.ts, `combine`). */
  supporting: boolean;
  /**
   * The levels are nested, each a weaker form of the one before (same postcode > same sector > same
   * district), so no level may weigh more than the one before it. Name and date levels are not nested
   * (a nickname is not "more" than a typo); any of their levels still weighs at most an exact agreement.
   */
  ordered?: boolean;
  /**
   * A stable attribute (date of birth, sex, an agency's number): one person's records rarely disagree
   * on it, so a strong disagreement keeps two records out of one cluster (model.ts, CONTRADICTION_WEIGHT).
   * Names are not stable in this sense: a typo ("Waye") and a nickname ("Wazza") of one name compare as
   * different to each other.
   */
  stable?: boolean;
  levels: LevelSpec[];
}

const L = (key: string, label: string, m: number, extra: Partial<LevelSpec> = {}): LevelSpec => ({ key, label, m, ...extra });

/** Fields in PERSON_FIELDS order. m priors are for multi-agency person records (fitted by EM later). */
export const FIELD_SPECS: readonly FieldSpec[] = [
  {
    field: 'givenName',
    label: 'Given name',
    supporting: false,
    levels: [
      L('exact', 'same', 0.8, { tf: true }),
      L('nickname', 'nickname or short form', 0.06),
      L('typo', 'a typo apart', 0.05),
      L('phonetic', 'sounds alike', 0.02),
      L('partial', 'initial or another given name agrees', 0.02),
      L('similar', 'similar', 0.02),
      L('different', 'different', 0.03),
    ],
  },
  {
    field: 'familyName',
    label: 'Family name',
    supporting: false,
    levels: [
      L('exact', 'same', 0.85, { tf: true }),
      L('typo', 'a typo apart', 0.06),
      L('phonetic', 'sounds alike', 0.02),
      L('partial', 'part of a double-barrelled name', 0.02),
      L('similar', 'similar', 0.02),
      L('different', 'different', 0.03),
    ],
  },
  {
    field: 'dob',
    label: 'Date of birth',
    supporting: false,
    stable: true,
    levels: [
      L('exact', 'same date of birth', 0.8, { tf: true }),
      L('swapped', 'day and month swapped', 0.03),
      L('typo', 'one digit or the year out', 0.07),
      L('close', 'within about a month', 0.02),
      L('partial', 'two of day, month and year agree', 0.04),
      L('different', 'different dates', 0.04),
    ],
  },
  {
    // Compared only when at least one record has an estimated age and no date of birth.
    field: 'age',
    label: 'Age',
    supporting: false,
    ordered: true,
    levels: [
      L('close', 'estimated age fits within a year', 0.5),
      L('fits', 'estimated age fits', 0.3),
      L('near', 'estimated age roughly fits', 0.15),
      L('different', 'ages differ', 0.05),
    ],
  },
  {
    field: 'sex',
    label: 'Sex',
    supporting: false,
    stable: true,
    levels: [L('same', 'same', 0.98), L('different', 'different', 0.02)],
  },
  {
    field: 'phone',
    label: 'Phone',
    supporting: false,
    ordered: true,
    levels: [L('exact', 'same number', 0.7, { tf: true }), L('typo', 'one digit apart', 0.02), L('different', 'different numbers', 0.28)],
  },
  {
    field: 'email',
    label: 'E-mail',
    supporting: false,
    ordered: true,
    levels: [L('exact', 'same address', 0.8, { tf: true }), L('fuzzy', 'nearly the same', 0.1), L('different', 'different', 0.1)],
  },
  {
    field: 'handle',
    label: 'Online handle',
    supporting: false,
    ordered: true,
    levels: [L('exact', 'same handle', 0.8, { tf: true }), L('fuzzy', 'nearly the same', 0.05), L('different', 'different', 0.15)],
  },
  {
    field: 'vehicle',
    label: 'Vehicle',
    supporting: false,
    levels: [
      L('exact', 'same registration', 0.55, { tf: true }),
      L('confusable', 'same but for look-alike characters (O/0, I/1...)', 0.05),
      L('partial-strong', 'partial plate fits (5+ characters known)', 0.08),
      L('partial-weak', 'partial plate fits (3-4 characters known)', 0.07),
      L('typo', 'one character apart', 0.05),
      L('different', 'different vehicles', 0.2),
    ],
  },
  {
    field: 'address',
    label: 'Address',
    supporting: false,
    ordered: true,
    levels: [
      L('exact', 'same address', 0.5, { tf: true }),
      L('same-property', 'same property, written differently', 0.12),
      L('near', 'similar address', 0.12),
      L('weak', 'some words in common', 0.06),
      L('different', 'different addresses', 0.2),
    ],
  },
  {
    field: 'postcode',
    label: 'Postcode',
    supporting: false,
    ordered: true,
    levels: [
      L('exact', 'same postcode', 0.65, { tf: true }),
      L('sector', 'same sector or one character apart', 0.05),
      L('district', 'same district', 0.1),
      L('different', 'different', 0.2),
    ],
  },
  {
    field: 'identifier',
    label: 'Identifier',
    supporting: false,
    stable: true,
    ordered: true,
    levels: [L('exact', 'same number', 0.9, { tf: true }), L('typo', 'one character apart', 0.05), L('different', 'different numbers in the same system', 0.05)],
  },
  {
    field: 'alias',
    label: 'Street name / alias',
    supporting: true,
    ordered: true,
    levels: [L('exact', 'same', 0.75, { tf: true }), L('fuzzy', 'similar', 0.1), L('different', 'none in common', 0.15, { neutral: true })],
  },
  {
    field: 'network',
    label: 'Shared associates and places',
    supporting: true,
    levels: [L('shared', 'linked to the same entity', 0.3, { tf: true }), L('none', 'none in common', 0.7, { neutral: true })],
  },
];

export const FIELD_COUNT = FIELD_SPECS.length;

/** The given-name level "clearly different" (see the household rule in model.ts). */
export const GIVEN_DIFFERENT = 6;
/** Fields a household shares: two family members agree on them as one person would. */
export const HOUSEHOLD_FIELDS: readonly boolean[] = FIELD_SPECS.map((s) => ['address', 'postcode', 'phone', 'vehicle'].includes(s.field));
if (FIELD_SPECS.some((s, i) => s.field !== PERSON_FIELDS[i])) throw new Error('FIELD_SPECS out of order');

export const F = {
  given: 0,
  family: 1,
  dob: 2,
  age: 3,
  sex: 4,
  phone: 5,
  email: 6,
  handle: 7,
  vehicle: 8,
  address: 9,
  postcode: 10,
  identifier: 11,
  alias: 12,
  network: 13,
} as const;

const NULL = -1;
const G = { exact: 0, nickname: 1, typo: 2, phonetic: 3, partial: 4, similar: 5, different: 6 } as const;
const FM = { exact: 0, typo: 1, phonetic: 2, partial: 3, similar: 4, different: 5 } as const;
const D = { exact: 0, swapped: 1, typo: 2, close: 3, partial: 4, different: 5 } as const;
const AGE = { close: 0, fits: 1, near: 2, different: 3 } as const;
const V = { exact: 0, confusable: 1, strong: 2, weak: 3, typo: 4, different: 5 } as const;
const A = { exact: 0, same: 1, near: 2, weak: 3, different: 4 } as const;

/**
 * The result of comparing two records: a level per field (-1 = null), the term frequency of the value
 * behind an exact agreement (0 when none), and which values were compared (for explanations).
 */
export class Comparison {
  readonly levels = new Int8Array(FIELD_COUNT);
  readonly tf = new Float64Array(FIELD_COUNT);
  /** Index of the best value on each side (names: the name index). */
  readonly left = new Int16Array(FIELD_COUNT);
  readonly right = new Int16Array(FIELD_COUNT);
  /** True when the best name reading was crossed (one record's given name is the other's family name). */
  crossed = false;
  /** Which record was read the other way round when crossed: its given part compared as a family name. */
  crossedSide: 'left' | 'right' = 'left';
  /** The two records are directly linked to each other as different people. */
  linked = false;
}

// Ranks used only to choose the best reading of two names (which name pair, straight or crossed).
const RANK_G = [10, 8, 7, 6, 3, 2, -5];
const RANK_F = [10, 7, 6, 4, 2, -5];

function tokensShare(a: string[], b: string[], minLength: number): boolean {
  for (const x of a) if (x.length >= minLength && b.includes(x)) return true;
  return false;
}

/** Given-name level of two name slots. */
export function givenLevel(a: NameSlot, b: NameSlot): number {
  const x = a.s;
  const y = b.s;
  if (!x || !y) return NULL;
  if (x === y) return G.exact;
  if (x.length === 1 || y.length === 1) {
    if (x.charCodeAt(0) === y.charCodeAt(0)) return G.partial;
    return tokensShare(a.tokens, b.tokens, 2) ? G.partial : G.different;
  }
  const vx = variantsOf(x);
  if (vx !== null && vx.has(y)) return G.nickname;
  const short = x.length < y.length ? x : y;
  const long = x.length < y.length ? y : x;
  if (short.length >= 3 && long.startsWith(short)) return G.nickname;
  if (short.length >= 4 && withinEdits(x, y, 1)) return G.typo;
  const jw = jaroWinklerAtLeast(x, y, 0.85);
  if (jw >= 0.94) return G.typo;
  if (a.ph && a.ph === b.ph) return G.phonetic;
  if (tokensShare(a.tokens, b.tokens, 2)) return G.partial;
  if (jw >= 0.85) return G.similar;
  return G.different;
}

/** Family-name level of two name slots. */
export function familyLevel(a: NameSlot, b: NameSlot): number {
  const x = a.compact;
  const y = b.compact;
  if (!x || !y) return NULL;
  if (x === y) return FM.exact;
  if (Math.min(x.length, y.length) >= 4 && withinEdits(x, y, 1)) return FM.typo;
  const jw = jaroWinklerAtLeast(x, y, 0.85);
  if (jw >= 0.94) return FM.typo;
  if (a.ph && a.ph === b.ph) return FM.phonetic;
  const short = x.length < y.length ? x : y;
  const long = x.length < y.length ? y : x;
  if (tokensShare(a.tokens, b.tokens, 3) || (short.length >= 4 && long.includes(short))) return FM.partial;
  if (jw >= 0.85) return FM.similar;
  return FM.different;
}

const rankOf = (table: number[], level: number): number => (level < 0 ? 0 : (table[level] ?? 0));

function compareNames(a: PRecord, b: PRecord, out: Comparison): void {
  let best = -Infinity;
  let bg = NULL;
  let bf = NULL;
  let gtf = 0;
  let ftf = 0;
  for (let i = 0; i < a.names.length; i++) {
    const x = a.names[i];
    if (!x) continue;
    for (let j = 0; j < b.names.length; j++) {
      const y = b.names[j];
      if (!y) continue;
      // Straight: given ~ given, family ~ family.
      const g1 = givenLevel(x.given, y.given);
      const f1 = familyLevel(x.family, y.family);
      const r1 = rankOf(RANK_G, g1) + rankOf(RANK_F, f1);
      if (r1 > best) {
        best = r1;
        bg = g1;
        bf = f1;
        gtf = g1 === G.exact ? x.given.tf : 0;
        ftf = f1 === FM.exact ? Math.max(x.family.tf, y.family.tf) : 0;
        out.left[F.given] = i;
        out.right[F.given] = j;
        out.crossed = false;
      }
      // Crossed: one record has the names the other way round ("SMITH John" as given SMITH). Only
      // worth reading when a crossed part at least starts with the same letter.
      if (
        r1 < 20 &&
        x.family.s &&
        y.family.s &&
        (x.family.s.charCodeAt(0) === y.given.s.charCodeAt(0) || x.given.s.charCodeAt(0) === y.family.s.charCodeAt(0))
      ) {
        const g2 = givenLevel(x.family, y.given);
        const f2 = familyLevel(x.given, y.family);
        const g3 = givenLevel(x.given, y.family);
        const f3 = familyLevel(x.family, y.given);
        // Use the crossed reading only if it is the better one for both parts together.
        const r2 = rankOf(RANK_G, g2) + rankOf(RANK_F, f2) - 1;
        const r3 = rankOf(RANK_G, g3) + rankOf(RANK_F, f3) - 1;
        if (r2 > best && r2 >= r3) {
          best = r2;
          bg = g2;
          bf = f2;
          gtf = g2 === G.exact ? Math.max(x.family.tf, y.given.tf) : 0;
          ftf = f2 === FM.exact ? Math.max(x.given.tf, y.family.tf) : 0;
          out.left[F.given] = i;
          out.right[F.given] = j;
          out.crossed = true;
          out.crossedSide = 'left';
        } else if (r3 > best) {
          best = r3;
          bg = g3;
          bf = f3;
          gtf = g3 === G.exact ? Math.max(x.given.tf, y.family.tf) : 0;
          ftf = f3 === FM.exact ? Math.max(x.family.tf, y.given.tf) : 0;
          out.left[F.given] = i;
          out.right[F.given] = j;
          out.crossed = true;
          out.crossedSide = 'right';
        }
      }
    }
  }
  out.levels[F.given] = bg;
  out.levels[F.family] = bf;
  out.tf[F.given] = gtf;
  out.tf[F.family] = ftf;
  out.left[F.family] = out.left[F.given] ?? 0;
  out.right[F.family] = out.right[F.given] ?? 0;
}

function dateLevel(x: PDate, y: PDate): number {
  if (x.digits === y.digits) return D.exact;
  if (x.y === y.y && x.m === y.d && x.d === y.m) return D.swapped;
  if (x.m === y.m && x.d === y.d && Math.abs(x.y - y.y) === 1) return D.typo;
  if (withinEdits(x.digits, y.digits, 1)) return D.typo;
  if (Math.abs(x.day - y.day) <= 35) return D.close;
  const same = (x.y === y.y ? 1 : 0) + (x.m === y.m ? 1 : 0) + (x.d === y.d ? 1 : 0);
  return same >= 2 ? D.partial : D.different;
}

/** How far an age estimate may be out: a year or so for children, more for adults. */
const ageTolerance = (years: number): number => (years < 18 ? 1.5 : Math.max(2.5, years * 0.1));

function ageLevel(diff: number, tol: number): number {
  if (diff <= 1) return AGE.close;
  if (diff <= tol) return AGE.fits;
  if (diff <= 2 * tol + 1) return AGE.near;
  return AGE.different;
}

function birthOf(d: PDate): number {
  return d.day / 365.25;
}

/** The best age level so far in `compareDob` (module state rather than a closure per call: hot path). */
let ageBest = NULL;

function considerAge(birthA: number, birthB: number, tol: number, i: number, j: number, out: Comparison): void {
  const l = ageLevel(Math.abs(birthA - birthB), tol);
  if (ageBest === NULL || l < ageBest) {
    ageBest = l;
    out.left[F.age] = i;
    out.right[F.age] = j;
  }
}

function compareDob(a: PRecord, b: PRecord, out: Comparison): void {
  let best = NULL;
  let tf = 0;
  for (let i = 0; i < a.dobs.length; i++) {
    const x = a.dobs[i] as PDate;
    for (let j = 0; j < b.dobs.length; j++) {
      const y = b.dobs[j] as PDate;
      const l = dateLevel(x, y);
      if (best === NULL || l < best || (l === D.exact && x.tf < tf)) {
        best = l;
        tf = l === D.exact ? x.tf : 0;
        out.left[F.dob] = i;
        out.right[F.dob] = j;
      }
    }
  }
  out.levels[F.dob] = best;
  out.tf[F.dob] = tf;
  // Ages: only when dates of birth cannot be compared, at least one side having an estimated age.
  ageBest = NULL;
  if (best === NULL && (a.ages.length || b.ages.length)) {
    for (let i = 0; i < a.dobs.length; i++)
      for (let j = 0; j < b.ages.length; j++) {
        const e = b.ages[j] as PAge;
        considerAge(birthOf(a.dobs[i] as PDate), e.birth, ageTolerance(e.years), i, a.dobs.length + j, out);
      }
    for (let i = 0; i < a.ages.length; i++) {
      const e = a.ages[i] as PAge;
      for (let j = 0; j < b.dobs.length; j++) considerAge(e.birth, birthOf(b.dobs[j] as PDate), ageTolerance(e.years), a.dobs.length + i, j, out);
      for (let j = 0; j < b.ages.length; j++) {
        const f = b.ages[j] as PAge;
        considerAge(e.birth, f.birth, 1.5 * Math.max(ageTolerance(e.years), ageTolerance(f.years)), a.dobs.length + i, b.dobs.length + j, out);
      }
    }
  }
  const age = ageBest;
  out.levels[F.age] = age;
  out.tf[F.age] = 0;
}

/**
 * The best level over all value pairs of a multi-valued field; `level(x, y)` gives 0 for exact.
 * For exact agreement the rarest agreeing value's term frequency is kept.
 */
function bestOf<T extends { tf: number }>(
  f: number,
  xs: readonly T[],
  ys: readonly T[],
  level: (x: T, y: T) => number,
  out: Comparison,
): void {
  let best = NULL;
  let tf = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i] as T;
    for (let j = 0; j < ys.length; j++) {
      const y = ys[j] as T;
      const l = level(x, y);
      if (l === NULL) continue;
      if (best === NULL || l < best || (l === 0 && x.tf < tf)) {
        best = l;
        tf = l === 0 ? x.tf : 0;
        out.left[f] = i;
        out.right[f] = j;
      }
    }
  }
  out.levels[f] = best;
  out.tf[f] = tf;
}

const phoneLevel = (x: { v: string; nsn: string }, y: { v: string; nsn: string }): number => {
  if (x.v === y.v) return 0;
  if (x.nsn.length >= 9 && x.nsn.length === y.nsn.length && withinEdits(x.nsn, y.nsn, 1)) return 1;
  return 2;
};

const emailLevel = (x: { v: string }, y: { v: string }): number => {
  if (x.v === y.v) return 0;
  const ax = x.v.indexOf('@');
  const ay = y.v.indexOf('@');
  if (ax >= 4 && ax === ay && x.v.startsWith(y.v.slice(0, ay))) return 1; // same user, another domain
  // A typo or two: only addresses that start alike or share a domain are worth the edit distance.
  if (x.v.charCodeAt(0) !== y.v.charCodeAt(0) && x.v.slice(ax) !== y.v.slice(ay)) return 2;
  if (x.v.length >= 8 && withinEdits(x.v, y.v, 2)) return 1;
  return jaroWinklerAtLeast(x.v, y.v, 0.93) >= 0.93 ? 1 : 2;
};

/** Handle level: 0 same handle, 1 one character apart, 2 different. */
export const handleLevel = (x: { v: string }, y: { v: string }): number => {
  if (x.v === y.v) return 0;
  const hx = x.v.slice(x.v.indexOf(':') + 1);
  const hy = y.v.slice(y.v.indexOf(':') + 1);
  if (hx === hy) return 0;
  return hx.length >= 5 && withinEdits(hx, hy, 1) ? 1 : 2;
};

/** Plate level: 0 exact, 1 look-alike characters, 2/3 partial plate fits (5+ / 3-4 known), 4 typo, 5 different; -1 too little known. */
export const plateLevel = (x: { v: string; conf: string; partial: boolean; known: number }, y: typeof x): number => {
  if (!x.partial && !y.partial) {
    if (x.v === y.v) return V.exact;
    if (x.conf === y.conf) return V.confusable;
    if (x.v.length >= 5 && withinEdits(x.v, y.v, 1)) return V.typo;
    return V.different;
  }
  const known = Math.min(x.known, y.known);
  if (known < 3) return NULL; // "a plate with a 4 in it" says nothing
  if (!plateMatches(x.conf, y.conf)) return V.different;
  return known >= 5 ? V.strong : V.weak;
};

/** Dice similarity of two word lists where words a typo apart count as the same. */
function softDice(a: string[], b: string[]): number {
  if (!a.length || !b.length) return 0;
  let hits = 0;
  for (const x of a) {
    for (const y of b) {
      if (wordsAlike(x, y)) {
        hits++;
        break;
      }
    }
  }
  return (2 * hits) / (a.length + b.length);
}

/** Address level: 0 exact, 1 same property, 2 near, 3 weak, 4 different. */
export const addressLevel = (x: PAddress, y: PAddress): number => {
  if (x.v === y.v) return A.exact;
  let common = 0;
  for (const n of x.numbers) if (y.numbers.includes(n)) common++;
  const bothNumbered = x.numbers.length > 0 && y.numbers.length > 0;
  const conflict = bothNumbered && common === 0;
  const agree = bothNumbered && common === x.numbers.length && common === y.numbers.length;
  const subset = bothNumbered && common > 0 && (common === x.numbers.length || common === y.numbers.length);
  let dice = softDice(x.words, y.words);
  // Words run together or split differently ("pridhamstreet"): compare the letters without spaces.
  if (
    dice < 0.75 &&
    x.compact.charCodeAt(0) === y.compact.charCodeAt(0) &&
    Math.abs(x.compact.length - y.compact.length) <= 0.2 * Math.max(x.compact.length, y.compact.length) &&
    (x.compact === y.compact || jaroWinklerAtLeast(x.compact, y.compact, 0.92) >= 0.92)
  )
    dice = 0.75;
  if ((agree || subset) && dice >= 0.75) return A.same;
  if ((!conflict && dice >= 0.6) || (agree && dice >= 0.4)) return A.near;
  if (!conflict && dice >= 0.35) return A.weak;
  return A.different;
};

/** Postcode level: 0 exact, 1 same sector or one character apart, 2 same district, 3 different. */
export const postcodeLevel = (x: { v: string; uk: boolean; sector: string; district: string }, y: typeof x): number => {
  if (x.v === y.v) return 0;
  if (x.uk && y.uk && x.sector === y.sector) return 1;
  if (withinEdits(x.v, y.v, 1)) return 1;
  if (x.district === y.district) return 2;
  return 3;
};

const identifierLevel = (x: { scheme: string; value: string; v: string }, y: typeof x): number => {
  if (x.scheme !== y.scheme) return NULL;
  if (x.value === y.value) return 0;
  return x.value.length >= 5 && withinEdits(x.value, y.value, 1) ? 1 : 2;
};

const aliasLevel = (x: { v: string }, y: { v: string }): number => {
  if (x.v === y.v) return 0;
  return x.v.length >= 4 && jaroWinklerAtLeast(x.v, y.v, 0.9) >= 0.9 ? 1 : 2;
};

const networkLevel = (x: { v: string }, y: { v: string }): number => (x.v === y.v ? 0 : 1);

/** Compares two prepared records field by field into `out`. */
export function compareRecords(a: PRecord, b: PRecord, out: Comparison): void {
  out.left.fill(0);
  out.right.fill(0);
  compareNames(a, b, out);
  compareDob(a, b, out);
  out.levels[F.sex] = a.sex && b.sex ? (a.sex === b.sex ? 0 : 1) : NULL;
  out.tf[F.sex] = 0;
  bestOf(F.phone, a.phones, b.phones, phoneLevel, out);
  bestOf(F.email, a.emails, b.emails, emailLevel, out);
  bestOf(F.handle, a.handles, b.handles, handleLevel, out);
  bestOf(F.vehicle, a.vehicles, b.vehicles, plateLevel, out);
  bestOf(F.address, a.addresses, b.addresses, addressLevel, out);
  bestOf(F.postcode, a.postcodes, b.postcodes, postcodeLevel, out);
  // A postcode is part of its address: when the addresses already agree, the postcode agreeing too is
  // the same evidence twice, so it is left out (a disagreeing postcode still counts).
  if ((out.levels[F.address] ?? -1) >= 0 && (out.levels[F.address] ?? 9) <= A.near && (out.levels[F.postcode] ?? 9) <= 1)
    out.levels[F.postcode] = NULL;
  bestOf(F.identifier, a.identifiers, b.identifiers, identifierLevel, out);
  bestOf(F.alias, a.aliases, b.aliases, aliasLevel, out);
  bestOf(F.network, a.network, b.network, networkLevel, out);
  out.linked = (a.linked !== null && a.linked.has(b.id)) || (b.linked !== null && b.linked.has(a.id));
}
