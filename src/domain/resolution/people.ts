/**
 * Resolving person records: which records are the same person.
 *
 *   1. prepare    normalised values, sound keys and term frequencies per record (prepare.ts)
 *   2. estimate   u probabilities from random pairs of records (model.ts)
 *   3. block      candidate pairs from several blocking keys (blocking.ts): near-linear work
 *   4. score      each candidate compared field by field (compare.ts); patterns tallied for fitting
 *   5. fit        m by EM over the candidate patterns, the prior match probability, u corrected
 *   6. cluster    confident pairs joined strongest first, without chaining (cluster.ts)
 *   7. explain    pairs at or above the review threshold with per-field explanations (explain.ts)
 *
 * The work is written as a generator that yields progress now and then, so the same code runs
 * synchronously (`resolvePeopleSync`: command line, tests) or in slices that let a Web Worker hear a
 * cancel message between them (`resolvePeople`). Deterministic: the same records, options and seed
 * give the same result.
 */
import { createRng } from './shared';
import { buildBlocksSteps, forEachCandidate } from './blocking';
import { clusterWithoutChaining } from './cluster';
import { Comparison, compareRecords, FIELD_COUNT, FIELD_SPECS } from './compare';
import { explainComparison } from './explain';
import { CONTRADICTION_WEIGHT, correctU, fitMSteps, LevelCounts, LINKED_WEIGHT, PatternTable, PersonModel, probabilityOf, uFromSample, weightOf } from './model';
import { prepareRecordsSteps, STEP, type PRecord } from './prepare';
import type {
  CancelCheck,
  PersonCluster,
  ProgressCallback,
  ResolutionPhase,
  ResolutionProgress,
  ResolutionRecord,
  ResolutionResult,
  ResolveOptions,
  ScoredPair,
  Thresholds,
} from './types';
import { DEFAULT_THRESHOLDS, pairKey, ResolutionCancelled } from './types';

/** Most EM iterations per session. */
const EM_MAX_ITERATIONS = 100;

/** Rough share of the total time each phase takes, for the overall fraction. */
const PHASES: [ResolutionPhase, number][] = [
  ['preparing', 0.14],
  ['estimating', 0.1],
  ['blocking', 0.15],
  ['scoring', 0.45],
  ['fitting', 0.11],
  ['clustering', 0.03],
  ['explaining', 0.02],
];
const PHASE_START = new Map<ResolutionPhase, [number, number]>();
{
  let at = 0;
  for (const [p, share] of PHASES) {
    PHASE_START.set(p, [at, share]);
    at += share;
  }
}

/** Milliseconds spent in each phase (a phase's time runs from its first progress report to the next phase's). */
class PhaseClock {
  readonly ms: Partial<Record<ResolutionPhase, number>> = {};
  private current: ResolutionPhase | null = null;
  private since = Date.now();
  enter(phase: ResolutionPhase): void {
    if (phase === this.current) return;
    this.stop();
    this.current = phase;
    this.since = Date.now();
  }
  stop(): void {
    if (this.current) this.ms[this.current] = (this.ms[this.current] ?? 0) + Date.now() - this.since;
    this.current = null;
  }
}

function progress(phase: ResolutionPhase, done: number, total: number, clock?: PhaseClock): ResolutionProgress {
  clock?.enter(phase);
  const [start, share] = PHASE_START.get(phase) ?? [0, 0];
  return { phase, done, total, fraction: Math.min(1, start + share * (total > 0 ? done / total : 1)) };
}

/**
 * Candidate pairs in growable typed arrays (a few million pairs fit in tens of MB): the two records, the
 * comparison pattern, whether they are linked to each other, and the term frequency of each exactly
 * agreeing value (a short list per pair, stored flat).
 */
class PairStore {
  left = new Int32Array(1024);
  right = new Int32Array(1024);
  pattern = new Int32Array(1024);
  linked = new Uint8Array(1024);
  /** Entries [tfStart[k], tfStart[k + 1]) of tfField / tfValue belong to pair k. */
  tfStart = new Int32Array(1025);
  tfField = new Uint8Array(1024);
  tfValue = new Float32Array(1024);
  length = 0;
  private tfLength = 0;

  private static grow<T extends Int32Array | Float32Array | Uint8Array>(a: T, size: number, make: (n: number) => T): T {
    if (a.length >= size) return a;
    const b = make(Math.max(size, a.length * 2));
    b.set(a);
    return b;
  }

  push(i: number, j: number, pattern: number, cmp: Comparison): void {
    const k = this.length;
    this.left = PairStore.grow(this.left, k + 1, (n) => new Int32Array(n));
    this.right = PairStore.grow(this.right, k + 1, (n) => new Int32Array(n));
    this.pattern = PairStore.grow(this.pattern, k + 1, (n) => new Int32Array(n));
    this.linked = PairStore.grow(this.linked, k + 1, (n) => new Uint8Array(n));
    this.tfStart = PairStore.grow(this.tfStart, k + 2, (n) => new Int32Array(n));
    this.left[k] = i;
    this.right[k] = j;
    this.pattern[k] = pattern;
    this.linked[k] = cmp.linked ? 1 : 0;
    for (let f = 0; f < FIELD_COUNT; f++) {
      if (cmp.levels[f] !== 0 || !TF_FIELD[f]) continue;
      this.tfField = PairStore.grow(this.tfField, this.tfLength + 1, (n) => new Uint8Array(n));
      this.tfValue = PairStore.grow(this.tfValue, this.tfLength + 1, (n) => new Float32Array(n));
      this.tfField[this.tfLength] = f;
      this.tfValue[this.tfLength] = cmp.tf[f] ?? 0;
      this.tfLength++;
    }
    this.length = k + 1;
    this.tfStart[k + 1] = this.tfLength;
  }

  /**
   * Core and supporting evidence of pair k: the pattern's own plus its exact, tf-adjusted agreements.
   * Written into `out` ([core, support]) rather than returned, as it runs for every candidate pair.
   */
  evidence(k: number, model: PersonModel, patterns: PatternTable, pw: { core: Float64Array; support: Float64Array }, out: Float64Array): void {
    const p = this.pattern[k] as number;
    let core = (pw.core[p] ?? 0) + (this.linked[k] ? LINKED_WEIGHT : 0);
    let support = pw.support[p] ?? 0;
    const levels = patterns.levels[p] as Int8Array;
    for (let e = this.tfStart[k] as number; e < (this.tfStart[k + 1] as number); e++) {
      const f = this.tfField[e] as number;
      const w = model.fieldWeight(levels, f, this.tfValue[e] as number);
      if (SUPPORTING[f]) support += w;
      else core += w;
    }
    out[0] = core;
    out[1] = support;
  }
}

const TF_FIELD = FIELD_SPECS.map((s) => s.levels[0]?.tf === true);
const SUPPORTING = FIELD_SPECS.map((s) => s.supporting);

/** Core and supporting weight of each pattern under a model, leaving out exact tf-adjusted agreements (per pair). */
function patternWeights(patterns: PatternTable, model: PersonModel): { core: Float64Array; support: Float64Array } {
  const core = new Float64Array(patterns.size);
  const support = new Float64Array(patterns.size);
  for (let p = 0; p < patterns.size; p++) {
    const e = model.evidence(patterns.levels[p] as Int8Array, null, false);
    core[p] = e.core;
    support[p] = e.support;
  }
  return { core, support };
}

/** A scored pair and whether the run itself lists it (a candidate at or above review, not "Not the same"). */
export interface PairScore {
  pair: ScoredPair;
  listed: boolean;
}

/**
 * A finished run and a scorer for any pair of its records: the listed pair as the run returns it, or any
 * other pair scored, banded and explained with the same fitted model and term frequencies.
 */
export interface ResolvedRun {
  result: ResolutionResult;
  scorePair(aId: string, bId: string): PairScore;
}

function* resolveSteps(records: readonly ResolutionRecord[], options: ResolveOptions): Generator<ResolutionProgress, ResolvedRun, void> {
  const started = Date.now();
  const clock = new PhaseClock();
  const thresholds: Thresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  if (!(thresholds.review > 0 && thresholds.review <= thresholds.confident && thresholds.confident < 1))
    throw new Error(`Thresholds must satisfy 0 < review <= confident < 1 (got review ${thresholds.review}, confident ${thresholds.confident}).`);
  const clusterFloor = options.clusterFloor ?? 0.05;
  const cannotLink = options.cannotLink ?? new Set<string>();
  const explain = options.explain ?? true;
  const maxBlockSize = options.maxBlockSize ?? 2000;
  const sampleSize = options.sampleSize ?? 100_000;
  const n = records.length;
  const ids = new Set<string>();
  for (const r of records) {
    if (ids.has(r.id)) throw new Error(`Record id "${r.id}" appears more than once.`);
    ids.add(r.id);
  }

  // Runs a step generator (yielding "done" counts) as part of a phase, reporting progress as it goes.
  function* phase<T>(name: ResolutionPhase, total: number, steps: Generator<number, T>): Generator<ResolutionProgress, T, void> {
    yield progress(name, 0, total, clock);
    for (;;) {
      const r = steps.next();
      if (r.done) return r.value;
      yield progress(name, r.value, total, clock);
    }
  }

  // 1. prepare
  const { prepared, counts } = yield* phase('preparing', 2 * n, prepareRecordsSteps(records));

  // 2. u from random pairs (every pair when there are few).
  const cmp = new Comparison();
  const sample = new LevelCounts();
  const allPairs = (n * (n - 1)) / 2;
  if (allPairs <= sampleSize) {
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        compareRecords(prepared[i] as PRecord, prepared[j] as PRecord, cmp);
        sample.add(cmp.levels);
      }
      if (i % 64 === 0) yield progress('estimating', i, n, clock);
    }
  } else {
    const rng = createRng(options.seed ?? 1);
    for (let s = 0; s < sampleSize; s++) {
      const i = Math.floor(rng.next() * n);
      let j = Math.floor(rng.next() * (n - 1));
      if (j >= i) j++;
      compareRecords(prepared[i] as PRecord, prepared[j] as PRecord, cmp);
      sample.add(cmp.levels);
      if (s % 8192 === 0) yield progress('estimating', s, sampleSize, clock);
    }
  }
  const uRaw = uFromSample(sample);

  // 3. blocking
  const blocks = yield* phase('blocking', 2 * n, buildBlocksSteps(prepared, maxBlockSize));

  // 4. score candidates
  const patterns = new PatternTable();
  const pairs = new PairStore();
  const mark = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const a = prepared[i] as PRecord;
    forEachCandidate(blocks, i, mark, (j) => {
      compareRecords(a, prepared[j] as PRecord, cmp);
      pairs.push(i, j, patterns.idOf(cmp.levels), cmp);
    });
    if (i % 512 === 0) yield progress('scoring', i, n, clock);
  }
  yield progress('scoring', n, n, clock);

  // 5. fit: m by EM, then the prior and u corrected for the matches among the random pairs.
  const fitTotal = 3 * EM_MAX_ITERATIONS + 3;
  const m =
    (options.em ?? true) && pairs.length > 0
      ? yield* phase('fitting', fitTotal, fitMSteps(patterns, uRaw, 30, EM_MAX_ITERATIONS))
      : { m: FIELD_SPECS.map((s) => Float64Array.from(s.levels.map((l) => l.m))), iterations: 0 };
  const confidentWeight = weightOf(thresholds.confident);
  const clamp = (p: number): number => Math.min(0.5, Math.max(allPairs > 0 ? 1 / (10 * allPairs) : 1e-9, p));
  // Start from "each record has one duplicate" and let the iteration below find the prior.
  let prior = options.priorMatchProbability ?? clamp(allPairs > 0 ? n / 2 / allPairs : 1e-6);
  // The prior: iterate prior = (sum of the candidates' match probabilities) / (all pairs) with each
  // pair's evidence fixed, then correct u for the matches among the random pairs and do it once more.
  const evidence = new Float32Array(pairs.length);
  const both = new Float64Array(2);
  const settlePrior = function* (model: PersonModel): Generator<ResolutionProgress, void, void> {
    const pw = patternWeights(patterns, model);
    for (let k = 0; k < pairs.length; k++) {
      pairs.evidence(k, model, patterns, pw, both);
      evidence[k] = (both[0] as number) + (both[1] as number);
      if (k % (16 * STEP) === 0) yield progress('fitting', fitTotal - 3, fitTotal, clock);
    }
    for (let iteration = 0; iteration < 50 && options.priorMatchProbability === undefined && allPairs > 0; iteration++) {
      const priorWeight = weightOf(prior);
      let expected = 0;
      for (let k = 0; k < pairs.length; k++) expected += probabilityOf(priorWeight + (evidence[k] as number));
      const next = clamp(expected / allPairs);
      const settled = Math.abs(next - prior) <= 0.002 * prior;
      prior = next;
      if (settled) break;
      yield progress('fitting', fitTotal - 3, fitTotal, clock);
    }
  };
  yield* settlePrior(new PersonModel(m.m, uRaw, prior, confidentWeight));
  yield* settlePrior(new PersonModel(m.m, correctU(uRaw, m.m, prior, sample), prior, confidentWeight));
  const model = new PersonModel(m.m, correctU(uRaw, m.m, prior, sample), prior, confidentWeight);
  const pw = patternWeights(patterns, model);
  yield progress('fitting', fitTotal, fitTotal, clock);

  // 6. cluster the confident pairs, strongest first, without chaining.
  const reviewWeight = weightOf(thresholds.review);
  const floorWeight = weightOf(clusterFloor);
  const weight = new Float64Array(pairs.length);
  const kept: number[] = [];
  for (let k = 0; k < pairs.length; k++) {
    if (k % (16 * STEP) === 0) yield progress('clustering', 0, 1, clock);
    pairs.evidence(k, model, patterns, pw, both);
    const w = model.combine(both[0] as number, both[1] as number);
    weight[k] = w;
    if (w >= reviewWeight) {
      const a = prepared[pairs.left[k] as number] as PRecord;
      const b = prepared[pairs.right[k] as number] as PRecord;
      if (!cannotLink.has(pairKey(a.id, b.id))) kept.push(k);
    }
  }
  kept.sort((x, y) => (weight[y] ?? 0) - (weight[x] ?? 0) || x - y);
  const confident = kept.filter((k) => (weight[k] ?? 0) >= confidentWeight);
  const acceptCache = new Map<number, boolean>();
  const acceptable = (x: number, y: number): boolean => {
    const [lo, hi] = x < y ? [x, y] : [y, x];
    const key = lo * n + hi;
    let ok = acceptCache.get(key);
    if (ok === undefined) {
      const a = prepared[lo] as PRecord;
      const b = prepared[hi] as PRecord;
      if (cannotLink.has(pairKey(a.id, b.id))) ok = false;
      else {
        // The evidence alone, without the prior: two records that merely have nothing in common are
        // not "clearly different"; two whose fields disagree are, and so are two that contradict each
        // other on a field this data says one person almost never varies on.
        // Two records linked to each other (family, associate...) were recorded as two people.
        compareRecords(a, b, cmp);
        const e = model.evidence(cmp.levels, cmp.tf, cmp.linked);
        ok = !cmp.linked && e.core + Math.min(0, e.support) >= floorWeight && model.strongestContradiction(cmp.levels) > CONTRADICTION_WEIGHT;
      }
      acceptCache.set(key, ok);
    }
    return ok;
  };
  yield progress('clustering', 0, confident.length, clock);
  const clustered = clusterWithoutChaining({
    n,
    left: Int32Array.from(confident, (k) => pairs.left[k] as number),
    right: Int32Array.from(confident, (k) => pairs.right[k] as number),
    weight: Float64Array.from(confident, (k) => weight[k] as number),
    acceptable,
    margin: confidentWeight,
  });
  const blockedPairs = new Map([...clustered.blocked].map(([pos, reason]) => [confident[pos] as number, reason]));
  yield progress('clustering', confident.length, confident.length, clock);

  // 7. pairs at or above review, with explanations.
  // One pair of records (working indices i < j) with weight w, as the run reports it.
  const scored = (i: number, j: number, w: number, blocked: string | undefined): ScoredPair => {
    const a = prepared[i] as PRecord;
    const b = prepared[j] as PRecord;
    const merged = clustered.clusterOf[i] === clustered.clusterOf[j];
    const band = w >= confidentWeight && !blocked ? 'confident' : 'review';
    const pair: ScoredPair = { leftId: a.id, rightId: b.id, probability: probabilityOf(w), weight: w, band, merged, fields: [] };
    if (blocked === 'chain') pair.note = 'Scores above the merge threshold, but merging would put records of clearly different people together.';
    else if (blocked === 'ambiguous')
      pair.note = 'Scores above the merge threshold, but one of the records fits another, clearly different person about as well: it could be either.';
    if (explain) {
      compareRecords(a, b, cmp);
      pair.fields = explainComparison(a, b, cmp, model, counts);
    }
    return pair;
  };
  const out: ScoredPair[] = [];
  let confidentPairs = 0;
  for (let idx = 0; idx < kept.length; idx++) {
    const k = kept[idx] as number;
    const pair = scored(pairs.left[k] as number, pairs.right[k] as number, weight[k] ?? 0, blockedPairs.get(k));
    if (pair.band === 'confident') confidentPairs++;
    out.push(pair);
    if (idx % 256 === 0) yield progress('explaining', idx, kept.length, clock);
  }
  // Any other pair, on request (comparePair): the same comparison, model and explanations.
  let listedPairs: Map<string, ScoredPair> | null = null;
  let byId: Map<string, PRecord> | null = null;
  const scorePair = (aId: string, bId: string): PairScore => {
    listedPairs ??= new Map(out.map((p) => [pairKey(p.leftId, p.rightId), p]));
    const listed = listedPairs.get(pairKey(aId, bId));
    if (listed) return { pair: listed, listed: true };
    byId ??= new Map(prepared.map((r) => [r.id, r]));
    const x = byId.get(aId);
    const y = byId.get(bId);
    if (!x || !y) throw new Error(`No person record "${x ? bId : aId}" among the records resolved.`);
    if (x === y) throw new Error('A record cannot be compared with itself.');
    // Oriented as the engine orients its candidates (working order), so a pair scores as it would in a scan.
    const [a, b] = x.index < y.index ? [x, y] : [y, x];
    compareRecords(a, b, cmp);
    return { pair: scored(a.index, b.index, model.score(cmp.levels, cmp.tf, cmp.linked), undefined), listed: false };
  };

  // Clusters in input order of their first record, each named after that record.
  const workingIndex = new Int32Array(n);
  for (const r of prepared) workingIndex[r.inputIndex] = r.index;
  const clusters: PersonCluster[] = [];
  const clusterByNumber = new Map<number, PersonCluster>();
  for (let i = 0; i < n; i++) {
    const c = clustered.clusterOf[workingIndex[i] as number] as number;
    const id = (records[i] as ResolutionRecord).id;
    const cluster = clusterByNumber.get(c);
    if (cluster) cluster.recordIds.push(id);
    else {
      const created = { id, recordIds: [id] };
      clusterByNumber.set(c, created);
      clusters.push(created);
    }
  }
  yield progress('explaining', kept.length, kept.length, clock);
  clock.stop();
  return {
    scorePair,
    result: {
      clusters,
      pairs: out,
      thresholds,
      model: model.summary(),
      stats: {
        records: n,
        candidatePairs: pairs.length,
        skippedBlocks: blocks.skipped,
        sampledPairs: sample.total,
        emIterations: m.iterations,
        priorMatchProbability: prior,
        confidentPairs,
        reviewPairs: out.length - confidentPairs,
        blockedMerges: clustered.blocked.size,
        clusters: clustered.clusters,
        milliseconds: Date.now() - started,
        phaseMilliseconds: clock.ms,
      },
    },
  };
}

function runSync(steps: Generator<ResolutionProgress, ResolvedRun, void>, onProgress?: ProgressCallback, shouldCancel?: CancelCheck): ResolvedRun {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (shouldCancel?.()) throw new ResolutionCancelled();
    onProgress?.(next.value);
  }
}

async function runSliced(
  steps: Generator<ResolutionProgress, ResolvedRun, void>,
  onProgress: ProgressCallback | undefined,
  shouldCancel: CancelCheck | undefined,
  sliceMs: number,
): Promise<ResolvedRun> {
  let sliceStart = Date.now();
  let last: ResolutionProgress | null = null;
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    last = next.value;
    if (Date.now() - sliceStart >= sliceMs) {
      onProgress?.(last);
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      sliceStart = Date.now();
      if (shouldCancel?.()) throw new ResolutionCancelled();
    }
  }
}

/** Runs the resolution to the end in one go (command line, tests). Throws ResolutionCancelled if cancelled. */
export function resolvePeopleSync(
  records: readonly ResolutionRecord[],
  options: ResolveOptions = {},
  onProgress?: ProgressCallback,
  shouldCancel?: CancelCheck,
): ResolutionResult {
  return runSync(resolveSteps(records, options), onProgress, shouldCancel).result;
}

/**
 * Resolves person records: clusters of the same person, the pairs for review with explanations, and
 * statistics. Runs in slices of about `sliceMs` milliseconds and yields to the event loop between them,
 * so in a Web Worker a "cancel" message can set the flag `shouldCancel` reads; the promise then
 * rejects with ResolutionCancelled. `onProgress` hears each phase's progress.
 */
export async function resolvePeople(
  records: readonly ResolutionRecord[],
  options: ResolveOptions = {},
  onProgress?: ProgressCallback,
  shouldCancel?: CancelCheck,
  sliceMs = 40,
): Promise<ResolutionResult> {
  return (await runSliced(resolveSteps(records, options), onProgress, shouldCancel, sliceMs)).result;
}

/** `resolvePeopleSync`, keeping a scorer for any pair of the records (comparePair.ts). */
export function resolvePeopleRunSync(records: readonly ResolutionRecord[], options: ResolveOptions = {}, onProgress?: ProgressCallback, shouldCancel?: CancelCheck): ResolvedRun {
  return runSync(resolveSteps(records, options), onProgress, shouldCancel);
}

/** `resolvePeople` (in slices), keeping a scorer for any pair of the records (comparePair.ts). */
export function resolvePeopleRun(
  records: readonly ResolutionRecord[],
  options: ResolveOptions = {},
  onProgress?: ProgressCallback,
  shouldCancel?: CancelCheck,
  sliceMs = 40,
): Promise<ResolvedRun> {
  return runSliced(resolveSteps(records, options), onProgress, shouldCancel, sliceMs);
}
