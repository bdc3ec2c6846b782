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
import { buildBlocks } from './blocking';
import { clusterWithoutChaining } from './cluster';
import { Comparison, compareRecords, FIELD_COUNT, FIELD_SPECS } from './compare';
import { explainComparison } from './explain';
import { correctU, fitM, LevelCounts, LINKED_WEIGHT, PatternTable, PersonModel, probabilityOf, uFromSample, weightOf } from './model';
import { prepareRecords, type PRecord } from './prepare';
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

/** Rough share of the total time each phase takes, for the overall fraction. */
const PHASES: [ResolutionPhase, number][] = [
  ['preparing', 0.12],
  ['estimating', 0.1],
  ['blocking', 0.08],
  ['scoring', 0.5],
  ['fitting', 0.08],
  ['clustering', 0.06],
  ['explaining', 0.06],
];
const PHASE_START = new Map<ResolutionPhase, [number, number]>();
{
  let at = 0;
  for (const [p, share] of PHASES) {
    PHASE_START.set(p, [at, share]);
    at += share;
  }
}

function progress(phase: ResolutionPhase, done: number, total: number): ResolutionProgress {
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

  /** Core and supporting evidence of pair k: the pattern's own plus its exact, tf-adjusted agreements. */
  evidence(k: number, model: PersonModel, patterns: PatternTable, pw: { core: Float64Array; support: Float64Array }): [number, number] {
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
    return [core, support];
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

interface Resolved {
  result: ResolutionResult;
}

function* resolveSteps(records: readonly ResolutionRecord[], options: ResolveOptions): Generator<ResolutionProgress, Resolved, void> {
  const started = Date.now();
  const thresholds: Thresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  if (!(thresholds.review > 0 && thresholds.review <= thresholds.confident && thresholds.confident < 1))
    throw new Error(`Thresholds must satisfy 0 < review <= confident < 1 (got review ${thresholds.review}, confident ${thresholds.confident}).`);
  const clusterFloor = options.clusterFloor ?? 0.05;
  const cannotLink = options.cannotLink ?? new Set<string>();
  const explain = options.explain ?? true;
  const maxBlockSize = options.maxBlockSize ?? 150;
  const sampleSize = options.sampleSize ?? 300_000;
  const n = records.length;
  const ids = new Set<string>();
  for (const r of records) {
    if (ids.has(r.id)) throw new Error(`Record id "${r.id}" appears more than once.`);
    ids.add(r.id);
  }

  // 1. prepare
  yield progress('preparing', 0, n);
  const { prepared, counts } = prepareRecords(records);
  yield progress('preparing', n, n);

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
      if (i % 64 === 0) yield progress('estimating', i, n);
    }
  } else {
    const rng = createRng(options.seed ?? 1);
    for (let s = 0; s < sampleSize; s++) {
      const i = Math.floor(rng.next() * n);
      let j = Math.floor(rng.next() * (n - 1));
      if (j >= i) j++;
      compareRecords(prepared[i] as PRecord, prepared[j] as PRecord, cmp);
      sample.add(cmp.levels);
      if (s % 8192 === 0) yield progress('estimating', s, sampleSize);
    }
  }
  const uRaw = uFromSample(sample);

  // 3. blocking
  yield progress('blocking', 0, n);
  const blocks = buildBlocks(prepared, maxBlockSize);
  yield progress('blocking', n, n);

  // 4. score candidates
  const patterns = new PatternTable();
  const pairs = new PairStore();
  const mark = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const a = prepared[i] as PRecord;
    for (const b of blocks.blocksOf[i] as Int32Array) {
      for (const j of blocks.members[b] as Int32Array) {
        if (j <= i || mark[j] === i) continue;
        mark[j] = i;
        compareRecords(a, prepared[j] as PRecord, cmp);
        pairs.push(i, j, patterns.idOf(cmp.levels), cmp);
      }
    }
    if (i % 512 === 0) yield progress('scoring', i, n);
  }
  yield progress('scoring', n, n);

  // 5. fit: m by EM, then the prior and u corrected for the matches among the random pairs.
  yield progress('fitting', 0, 3);
  const m =
    (options.em ?? true) && pairs.length > 0
      ? fitM(patterns, uRaw)
      : { m: FIELD_SPECS.map((s) => Float64Array.from(s.levels.map((l) => l.m))), iterations: 0, candidateMatchShare: 0 };
  const confidentWeight = weightOf(thresholds.confident);
  const clamp = (p: number): number => Math.min(0.5, Math.max(allPairs > 0 ? 1 / (10 * allPairs) : 1e-9, p));
  let prior = options.priorMatchProbability ?? clamp(allPairs > 0 ? (m.candidateMatchShare * pairs.length) / allPairs : 1e-6);
  let model = new PersonModel(m.m, uRaw, prior, confidentWeight);
  let pw = patternWeights(patterns, model);
  yield progress('fitting', 1, 3);
  for (let iteration = 0; iteration < 30 && options.priorMatchProbability === undefined && allPairs > 0; iteration++) {
    let expected = 0;
    for (let k = 0; k < pairs.length; k++) {
      const [core, support] = pairs.evidence(k, model, patterns, pw);
      expected += probabilityOf(model.priorWeight + core + support);
    }
    const next = clamp(expected / allPairs);
    const settled = Math.abs(next - prior) <= 0.005 * prior;
    prior = next;
    model = new PersonModel(m.m, correctU(uRaw, m.m, prior, sample), prior, confidentWeight);
    pw = patternWeights(patterns, model);
    if (settled) break;
  }
  yield progress('fitting', 3, 3);

  // 6. cluster the confident pairs, strongest first, without chaining.
  const reviewWeight = weightOf(thresholds.review);
  const floorWeight = weightOf(clusterFloor);
  const weight = new Float64Array(pairs.length);
  const kept: number[] = [];
  for (let k = 0; k < pairs.length; k++) {
    const [core, support] = pairs.evidence(k, model, patterns, pw);
    const w = model.combine(core, support);
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
        // not "clearly different"; two whose fields disagree are.
        compareRecords(a, b, cmp);
        const e = model.evidence(cmp.levels, cmp.tf, cmp.linked);
        ok = e.core + Math.min(0, e.support) >= floorWeight;
      }
      acceptCache.set(key, ok);
    }
    return ok;
  };
  yield progress('clustering', 0, confident.length);
  const clustered = clusterWithoutChaining({
    n,
    left: Int32Array.from(confident, (k) => pairs.left[k] as number),
    right: Int32Array.from(confident, (k) => pairs.right[k] as number),
    acceptable,
  });
  const blockedPairs = new Set(clustered.blocked.map((pos) => confident[pos] as number));
  yield progress('clustering', confident.length, confident.length);

  // 7. pairs at or above review, with explanations.
  const out: ScoredPair[] = [];
  let confidentPairs = 0;
  for (let idx = 0; idx < kept.length; idx++) {
    const k = kept[idx] as number;
    const i = pairs.left[k] as number;
    const j = pairs.right[k] as number;
    const a = prepared[i] as PRecord;
    const b = prepared[j] as PRecord;
    const w = weight[k] ?? 0;
    const merged = clustered.clusterOf[i] === clustered.clusterOf[j];
    const blocked = blockedPairs.has(k);
    const band = w >= confidentWeight && !blocked ? 'confident' : 'review';
    if (band === 'confident') confidentPairs++;
    const pair: ScoredPair = { leftId: a.id, rightId: b.id, probability: probabilityOf(w), weight: w, band, merged, fields: [] };
    if (blocked) pair.note = 'Scores above the merge threshold, but merging would join records that are clearly different people.';
    if (explain) {
      compareRecords(a, b, cmp);
      pair.fields = explainComparison(a, b, cmp, model, counts);
    }
    out.push(pair);
    if (idx % 256 === 0) yield progress('explaining', idx, kept.length);
  }

  const clusters: PersonCluster[] = [];
  for (let i = 0; i < n; i++) {
    const c = clustered.clusterOf[i] as number;
    const id = (prepared[i] as PRecord).id;
    const cluster = clusters[c];
    if (cluster) cluster.recordIds.push(id);
    else clusters[c] = { id, recordIds: [id] };
  }
  yield progress('explaining', kept.length, kept.length);
  return {
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
        blockedMerges: clustered.blocked.length,
        clusters: clustered.clusters,
        milliseconds: Date.now() - started,
      },
    },
  };
}

/** Runs the resolution to the end in one go (command line, tests). Throws ResolutionCancelled if cancelled. */
export function resolvePeopleSync(
  records: readonly ResolutionRecord[],
  options: ResolveOptions = {},
  onProgress?: ProgressCallback,
  shouldCancel?: CancelCheck,
): ResolutionResult {
  const steps = resolveSteps(records, options);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value.result;
    if (shouldCancel?.()) throw new ResolutionCancelled();
    onProgress?.(next.value);
  }
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
  const steps = resolveSteps(records, options);
  let sliceStart = Date.now();
  let last: ResolutionProgress | null = null;
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value.result;
    last = next.value;
    if (Date.now() - sliceStart >= sliceMs) {
      onProgress?.(last);
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      sliceStart = Date.now();
      if (shouldCancel?.()) throw new ResolutionCancelled();
    }
  }
}
