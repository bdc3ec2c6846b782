/**
 * The Fellegi-Sunter match model (the model Splink implements), with the parameters estimated from the
 * records themselves.
 *
 * For each field f and comparison level l:
 *   m[f][l] = P(level l | the two records are the same person)
 *   u[f][l] = P(level l | they are different people)
 *   weight  = log2(m / u) bits of evidence; a pair's score is the prior log-odds plus the sum of its
 *             field weights, and its match probability is 1 / (1 + 2^-score).
 *
 * How each parameter is found (the fitting itself is in people.ts, step 5):
 *   u     From random pairs of records (all pairs for small inputs), which are almost all non-matches;
 *         then corrected for the few true matches among them once the prior is known.
 *   tf    Term-frequency adjustment for exact agreement: instead of the average u, the share of records
 *         holding that very value, so "Barraclough" outweighs "Smith", and a phone held by 30 records (a
 *         taxi office) weighs far less than a personal mobile.
 *   m     Priors for multi-agency person records (compare.ts), refined by expectation-maximisation in
 *         sessions as Splink does (`fitMSteps`): among candidate pairs with the same date of birth (which
 *         teaches how names, addresses, phones... vary within one person) and among those with the
 *         same full name (which teaches the rest), with u fixed and the priors as Dirichlet
 *         pseudo-counts, so small workspaces stay close to the priors and large files learn their own
 *         error rates. (One EM over all candidates goes wrong at scale: candidates are mostly
 *         different people who share a blocking key, and it learns "shares a given name" instead.)
 *   prior The probability that two random records match, estimated by iterating
 *         prior = (sum of match probabilities of candidate pairs) / (number of all pairs).
 *
 * Supporting evidence (street names and aliases, shared associates and places) is weighed the same way
 * but combined under a rule (`combine`): it counts only when the other fields already favour a match,
 * and it can never lift a pair into the confident band by itself.
 *
 * Households (`fieldWeight`): the model assumes fields independent given match status, which family
 * members break: a father and son, or two siblings, share a family name, an address, a landline and a
 * car. So when the given names are clearly different, agreement on the household fields (address,
 * postcode, phone, vehicle) counts half.
 */
import { F, FIELD_COUNT, FIELD_SPECS, GIVEN_DIFFERENT, HOUSEHOLD_FIELDS } from './compare';
import type { FieldModel } from './types';

/** Evidence (bits) added when two records are directly linked to each other as different people. */
export const LINKED_WEIGHT = -12;

/**
 * A stable field (date of birth, sex, identifier) disagreeing with at most this weight (fitted: 64
 * times likelier between two people than within one) is a contradiction: two such records never share
 * a cluster, whatever else agrees. A father and son share a name, an address and a phone, but not a
 * date of birth. In data where dates are often mistyped (FEBRL about -4.5 bits, Splink's fake_1000
 * about -1.7) the fitted weight is milder and does not veto.
 */
export const CONTRADICTION_WEIGHT = -6;
const STABLE = FIELD_SPECS.map((s) => s.stable === true);

export const log2 = (x: number): number => Math.log(x) / Math.LN2;
export const probabilityOf = (weight: number): number => 1 / (1 + 2 ** -weight);
export const weightOf = (probability: number): number => {
  const p = Math.min(Math.max(probability, 1e-12), 1 - 1e-12);
  return log2(p / (1 - p));
};

/** Level counts per field (index -1 = null is not counted). */
export class LevelCounts {
  readonly counts: Float64Array[] = FIELD_SPECS.map((s) => new Float64Array(s.levels.length));
  total = 0;
  add(levels: Int8Array, times = 1): void {
    for (let f = 0; f < FIELD_COUNT; f++) {
      const l = levels[f] ?? -1;
      if (l >= 0) (this.counts[f] as Float64Array)[l] = ((this.counts[f] as Float64Array)[l] ?? 0) + times;
    }
    this.total += times;
  }
  fieldTotal(f: number): number {
    let t = 0;
    for (const c of this.counts[f] as Float64Array) t += c;
    return t;
  }
}

/** Distinct comparison patterns (a level per field) with how many candidate pairs showed each. */
export class PatternTable {
  readonly levels: Int8Array[] = [];
  readonly counts: number[] = [];
  private index = new Map<number, number>();
  /** The pattern id of these levels, adding it if new. */
  idOf(levels: Int8Array): number {
    let key = 0;
    for (let f = 0; f < FIELD_COUNT; f++) key = key * 10 + ((levels[f] ?? -1) + 1);
    let id = this.index.get(key);
    if (id === undefined) {
      id = this.levels.length;
      this.index.set(key, id);
      this.levels.push(Int8Array.from(levels));
      this.counts.push(0);
    }
    this.counts[id] = (this.counts[id] ?? 0) + 1;
    return id;
  }
  get size(): number {
    return this.levels.length;
  }
}

export interface EmResult {
  m: Float64Array[];
  iterations: number;
}

/**
 * An EM training session (Splink's "EM with a blocking rule"): the candidate pairs that agree exactly
 * on some fields, whose parameters it cannot learn (every pair agrees on them) and which it leaves out.
 * Among pairs that share a date of birth, different people's names are as unrelated as any two
 * people's, so the session can learn how names vary within one person, and vice versa.
 */
export interface EmSession {
  /** Fields that must agree exactly (level 0) for a pattern to take part. */
  agreeOn: number[];
}

/**
 * The sessions used: same date of birth (teaches names and the rest), same full name (teaches dates and
 * the rest) and, where records carry them, same agency identifier (almost all true matches, so it
 * teaches everything else cleanly: namesakes and a father and son at one address do not blur it).
 */
export const EM_SESSIONS: readonly EmSession[] = [{ agreeOn: [F.dob] }, { agreeOn: [F.given, F.family] }, { agreeOn: [F.identifier] }];

/**
 * m probabilities by expectation-maximisation, one session per EmSession, with u fixed at the
 * random-pair estimates (the non-matches within a session are random pairs as far as the fields left
 * in are concerned) and the priors as Dirichlet pseudo-counts (`strength` per field). A field's m is
 * the average of the sessions that could learn it, weighted by the matches each found and its purity.
 * A generator: yields the number of EM iterations done so far, one per iteration.
 */
export function* fitMSteps(patterns: PatternTable, u: Float64Array[], strength = 30, maxIterations = 100): Generator<number, EmResult> {
  const mPrior = FIELD_SPECS.map((s) => Float64Array.from(s.levels.map((l) => l.m)));
  const sum = FIELD_SPECS.map((s) => new Float64Array(s.levels.length));
  const weightOfSessions = new Float64Array(FIELD_COUNT);
  let iterations = 0;
  for (const session of EM_SESSIONS) {
    const excluded = new Set(session.agreeOn);
    const members: number[] = [];
    for (let p = 0; p < patterns.size; p++) {
      const lv = patterns.levels[p] as Int8Array;
      if (session.agreeOn.every((f) => lv[f] === 0)) members.push(p);
    }
    const m = mPrior.map((a) => Float64Array.from(a));
    let share = 0.5;
    let matched = 0;
    for (let it = 0; it < maxIterations; it++) {
      iterations++;
      yield iterations;
      // E step
      const mc = FIELD_SPECS.map((s) => new Float64Array(s.levels.length));
      matched = 0;
      let total = 0;
      for (const p of members) {
        const lv = patterns.levels[p] as Int8Array;
        let lm = Math.log(share);
        let lu = Math.log(1 - share);
        for (let f = 0; f < FIELD_COUNT; f++) {
          const l = lv[f] ?? -1;
          if (l < 0 || excluded.has(f)) continue;
          lm += Math.log((m[f] as Float64Array)[l] ?? 1e-9);
          lu += Math.log((u[f] as Float64Array)[l] ?? 1e-9);
        }
        const d = lu - lm;
        const q = d > 50 ? 0 : 1 / (1 + Math.exp(d));
        const c = patterns.counts[p] ?? 0;
        matched += c * q;
        total += c;
        for (let f = 0; f < FIELD_COUNT; f++) {
          const l = lv[f] ?? -1;
          if (l >= 0 && !excluded.has(f)) (mc[f] as Float64Array)[l] = ((mc[f] as Float64Array)[l] ?? 0) + c * q;
        }
      }
      // M step
      let change = 0;
      const nextShare = total > 0 ? Math.min(0.999, Math.max(1e-6, matched / total)) : share;
      change = Math.abs(nextShare - share);
      share = nextShare;
      for (let f = 0; f < FIELD_COUNT; f++) {
        if (excluded.has(f)) continue;
        const row = mc[f] as Float64Array;
        let t = 0;
        for (let l = 0; l < row.length; l++) t += (row[l] ?? 0) + strength * ((mPrior[f] as Float64Array)[l] ?? 0);
        for (let l = 0; l < row.length; l++) {
          const next = Math.max(1e-6, ((row[l] ?? 0) + strength * ((mPrior[f] as Float64Array)[l] ?? 0)) / t);
          change = Math.max(change, Math.abs(next - ((m[f] as Float64Array)[l] ?? 0)));
          (m[f] as Float64Array)[l] = next;
        }
      }
      if (change < 1e-5) break;
    }
    // Weigh this session's estimates by the matches it found (plus the prior's pseudo-count) and by
    // its purity: in a session that is mostly non-matches, non-matches that agree for other reasons
    // (namesakes, a father and son at one address) pass for matches and blur m, so where the sessions
    // disagree the purest (shared identifier) prevails.
    const w = (matched + strength) * share ** 8;
    for (let f = 0; f < FIELD_COUNT; f++) {
      if (excluded.has(f)) continue;
      weightOfSessions[f] = (weightOfSessions[f] ?? 0) + w;
      const row = sum[f] as Float64Array;
      for (let l = 0; l < row.length; l++) row[l] = (row[l] ?? 0) + w * ((m[f] as Float64Array)[l] ?? 0);
    }
  }
  const m = sum.map((row, f) => {
    const w = weightOfSessions[f] ?? 0;
    return w > 0 ? Float64Array.from(row, (x) => x / w) : Float64Array.from(mPrior[f] as Float64Array);
  });
  return { m, iterations };
}

/** u probabilities from level counts over random pairs (half a count added so no level is impossible). */
export function uFromSample(sample: LevelCounts): Float64Array[] {
  return FIELD_SPECS.map((spec, f) => {
    const counts = sample.counts[f] as Float64Array;
    const total = sample.fieldTotal(f);
    const L = spec.levels.length;
    if (total === 0) {
      // Never seen in both records of a random pair: assume disagreement is the rule.
      return Float64Array.from(spec.levels.map((_, l) => (l === L - 1 ? 1 - 0.01 * (L - 1) : 0.01)));
    }
    return Float64Array.from(spec.levels.map((_, l) => ((counts[l] ?? 0) + 0.5) / (total + 0.5 * L)));
  });
}

/** The fitted parameters and the weights that follow from them. */
export class PersonModel {
  /** log2(m/u) per field and level (tf-adjusted levels: log2(m) only; the pair adds -log2(tf)). */
  private readonly base: Float64Array[];
  private readonly tfLevel: boolean[][];
  /** Least weight of an exact, term-frequency-adjusted agreement: the weight of the next level down. */
  private readonly floorOfTfLevel: number[];
  /** log2(m/u) per level without term frequencies (monotone), for display. */
  private readonly plain: number[][];
  readonly priorWeight: number;

  constructor(
    readonly m: Float64Array[],
    readonly u: Float64Array[],
    readonly prior: number,
    /** Weight of the confident threshold: supporting evidence cannot lift a pair to it. */
    readonly confidentWeight: number,
  ) {
    this.priorWeight = weightOf(prior);
    this.tfLevel = FIELD_SPECS.map((s) => s.levels.map((l) => l.tf === true));
    // log2(m/u), capped so that a level seen too rarely to estimate well (u from a handful of random
    // pairs) cannot outweigh a stronger one: nested levels never weigh more than the level before them.
    const plain = FIELD_SPECS.map((s, f) => {
      const w = s.levels.map((lv, l) => (lv.neutral ? 0 : log2(((m[f] as Float64Array)[l] ?? 1e-9) / ((u[f] as Float64Array)[l] ?? 1e-9))));
      // An exact level adjusted by term frequency is the average over all values (dominated by the
      // commonest), so it caps nothing; its own weight is kept at or above the next level's instead.
      for (let l = s.levels[0]?.tf ? 2 : 1; l < w.length; l++)
        if (!s.levels[l]?.neutral) w[l] = Math.min(w[l] ?? 0, (s.ordered ? w[l - 1] : w[0]) ?? 0);
      return w;
    });
    this.plain = plain;
    this.floorOfTfLevel = FIELD_SPECS.map((s, f) => {
      const next = s.levels[1];
      if (!s.levels[0]?.tf || !next || next.neutral) return -Infinity;
      return (plain[f] as number[])[1] ?? -Infinity;
    });
    this.base = FIELD_SPECS.map((s, f) =>
      Float64Array.from(s.levels.map((lv, l) => (lv.tf ? log2((m[f] as Float64Array)[l] ?? 1e-9) : ((plain[f] as number[])[l] ?? 0)))),
    );
  }

  /**
   * Weight of one field at one level; `tf` is the agreeing value's term frequency (exact levels). An
   * exact agreement never counts for less than the next level down (a common value typed right is at
   * least as telling as a rare one with a typo).
   */
  levelWeight(f: number, l: number, tf: number): number {
    if (l < 0) return 0;
    const b = (this.base[f] as Float64Array)[l] ?? 0;
    if (!(this.tfLevel[f] as boolean[])[l]) return b;
    const t = tf > 0 ? tf : ((this.u[f] as Float64Array)[l] ?? 1);
    return Math.max(b - log2(t), this.floorOfTfLevel[f] ?? -Infinity);
  }

  /** Weight of field f within a whole comparison (applies the household rule). */
  fieldWeight(levels: Int8Array, f: number, tf: number): number {
    const w = this.levelWeight(f, levels[f] ?? -1, tf);
    return w > 0 && HOUSEHOLD_FIELDS[f] && levels[F.given] === GIVEN_DIFFERENT ? w / 2 : w;
  }

  /** The most negative weight of a stable field (date of birth, sex, identifier) in a comparison; 0 if none. */
  strongestContradiction(levels: Int8Array): number {
    let worst = 0;
    for (let f = 0; f < FIELD_COUNT; f++) {
      const l = levels[f] ?? -1;
      if (l >= 0 && STABLE[f]) worst = Math.min(worst, this.levelWeight(f, l, 0));
    }
    return worst;
  }

  /** True when field f is a term-frequency-adjusted exact agreement in these levels. */
  isTfAgreement(levels: Int8Array, f: number): boolean {
    const l = levels[f] ?? -1;
    return l >= 0 && (this.tfLevel[f] as boolean[])[l] === true;
  }

  /**
   * Core and supporting evidence of a comparison (bits, prior not included). With `tf` null, exact
   * term-frequency-adjusted agreements are left out (the caller adds them per pair).
   */
  evidence(levels: Int8Array, tf: Float64Array | null, linked: boolean): { core: number; support: number } {
    let core = linked ? LINKED_WEIGHT : 0;
    let support = 0;
    for (let f = 0; f < FIELD_COUNT; f++) {
      const l = levels[f] ?? -1;
      if (l < 0) continue;
      if (tf === null && (this.tfLevel[f] as boolean[])[l]) continue;
      const w = this.fieldWeight(levels, f, tf?.[f] ?? 0);
      if ((FIELD_SPECS[f] as { supporting: boolean }).supporting) support += w;
      else core += w;
    }
    return { core, support };
  }

  /**
   * The total score (bits, prior included). Supporting evidence counts only when the core evidence
   * already favours a match (core > 0), and cannot by itself carry a pair to the confident threshold.
   */
  combine(core: number, support: number): number {
    const base = this.priorWeight + core;
    if (core <= 0 || support <= 0) return base + Math.min(0, support);
    const total = base + support;
    return base < this.confidentWeight ? Math.min(total, this.confidentWeight - 1e-6) : total;
  }

  score(levels: Int8Array, tf: Float64Array, linked: boolean): number {
    const { core, support } = this.evidence(levels, tf, linked);
    return this.combine(core, support);
  }

  summary(): FieldModel[] {
    return FIELD_SPECS.map((s, f) => ({
      field: s.field,
      supporting: s.supporting,
      levels: s.levels.map((lv, l) => ({
        key: lv.key,
        label: lv.label,
        m: (this.m[f] as Float64Array)[l] ?? 0,
        u: (this.u[f] as Float64Array)[l] ?? 0,
        weight: (this.plain[f] as number[])[l] ?? 0,
        termFrequency: lv.tf === true,
      })),
    }));
  }
}

/** u corrected for the true matches among the random pairs: u = (observed - prior * m) / (1 - prior). */
export function correctU(uRaw: Float64Array[], m: Float64Array[], prior: number, sample: LevelCounts): Float64Array[] {
  return uRaw.map((row, f) => {
    const total = sample.fieldTotal(f);
    const floor = total > 0 ? 0.5 / (total + 0.5 * row.length) : 1e-6;
    return Float64Array.from(row, (x, l) => Math.max(floor, (x - prior * ((m[f] as Float64Array)[l] ?? 0)) / (1 - prior)));
  });
}
