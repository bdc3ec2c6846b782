/**
 * Comparing two entities an analyst picked (on the chart or in the table), whether or not the engine
 * proposed them: the same score, band and field-by-field explanations the duplicate scan gives its pairs.
 *
 *   people   the whole workspace is resolved (the model is fitted on every record: u from random pairs,
 *            m by EM, the prior, term frequencies), then the pair is taken from the run's pairs if listed
 *            there, or scored and explained with that run's model (people.ts, `scorePair`)
 *   others   vehicles, phones / handles, addresses and businesses: `resolveOthers`'s fixed weights for the
 *            pair (others.ts, `scoreOtherPair`)
 *
 * Deterministic: a pair the scan lists gets exactly the scan's probability, band and fields.
 */
import type { Entity, EntityKind, Link } from './shared';
import { entityLabel, KIND_LABEL } from './shared';
import { isOtherKind, scoreOtherPair, type OtherField, type ResolveOthersOptions } from './others';
import { resolvePeopleRun, resolvePeopleRunSync, type PairScore } from './people';
import { recordsFromWorkspace } from './workspace';
import type { CancelCheck, PersonField, ProgressCallback, ResolveOptions, ScoredPair } from './types';
import { DEFAULT_THRESHOLDS } from './types';

/** Kinds two of which can be compared. */
export type ComparableKind = Extract<EntityKind, 'person' | 'vehicle' | 'phone' | 'address' | 'business'>;

/** A compared pair: a ScoredPair of any comparable kind. */
export interface PairComparison extends ScoredPair<PersonField | OtherField> {
  kind: ComparableKind;
  /**
   * True when the engine itself proposes the pair (a scan lists it: the records share a blocking key, it
   * scores at or above the review threshold and nobody said "Not the same"). False for a pair only an
   * analyst thought of, however it scores.
   */
  proposed: boolean;
}

export type ComparePairOptions = Pick<ResolveOptions, 'thresholds' | 'cannotLink'>;

/** True when entities of this kind can be compared (hot spots cannot). */
export function isComparableKind(kind: EntityKind): kind is ComparableKind {
  return kind === 'person' || isOtherKind(kind);
}

/**
 * Why these two entities cannot be compared, in words (null when they can): missing, the same one,
 * different kinds, a kind that is not compared, or one already merged into another.
 */
export function whyNotComparable(a: Entity | undefined, b: Entity | undefined): string | null {
  if (!a || !b) return 'One of the two records is no longer in the workspace.';
  if (a.id === b.id) return 'A record cannot be compared with itself: choose two.';
  const kindOf = (e: Entity): string => KIND_LABEL[e.kind].toLowerCase();
  if (a.kind !== b.kind) return `${entityLabel(a)} is a ${kindOf(a)} and ${entityLabel(b)} a ${kindOf(b)}: only two records of the same kind can be compared.`;
  if (!isComparableKind(a.kind)) return `Records of kind "${kindOf(a)}" are not compared for duplicates.`;
  const merged = [a, b].find((e) => e.mergedInto);
  if (merged) return `${entityLabel(merged)} has already been merged into another record: compare the record it was merged into.`;
  return null;
}

function checked(entities: readonly Entity[], aId: string, bId: string): ComparableKind {
  const a = entities.find((e) => e.id === aId);
  const b = entities.find((e) => e.id === bId);
  const why = whyNotComparable(a, b);
  if (why !== null || !a) throw new Error(why ?? 'Cannot compare these records.');
  return a.kind as ComparableKind;
}

function fromPeople({ pair, listed }: PairScore): PairComparison {
  return { ...pair, kind: 'person', proposed: listed };
}

function fromOthers(entities: readonly Entity[], links: readonly Link[], aId: string, bId: string, options: ComparePairOptions): PairComparison {
  const others: ResolveOthersOptions = {};
  if (options.thresholds) others.thresholds = options.thresholds;
  if (options.cannotLink) others.cannotLink = options.cannotLink;
  const { pair, listed } = scoreOtherPair(entities, links, aId, bId, others);
  return {
    leftId: pair.leftId,
    rightId: pair.rightId,
    probability: pair.probability,
    weight: pair.weight,
    band: pair.band,
    merged: false,
    fields: pair.fields,
    kind: pair.kind,
    proposed: listed,
  };
}

/**
 * Scores and explains one pair of entities of the same kind, as the duplicate scan would (see the file
 * comment). Throws an Error (with the reason in words) for two kinds, a hot spot, the same id, an id not
 * in `entities`, or a record already merged into another. For people this resolves every person of the
 * workspace (a fraction of a second for a few thousand, seconds at 100,000: use `comparePairAsync` in the
 * page).
 */
export function comparePair(entities: readonly Entity[], links: readonly Link[], aId: string, bId: string, options: ComparePairOptions = {}): PairComparison {
  const kind = checked(entities, aId, bId);
  if (kind !== 'person') return fromOthers(entities, links, aId, bId, options);
  return fromPeople(resolvePeopleRunSync(recordsFromWorkspace(entities, links), options).scorePair(aId, bId));
}

/**
 * `comparePair` in slices of about 40 ms that yield to the event loop (the page stays responsive on a
 * large workspace), with progress and cancel: rejects with ResolutionCancelled when `shouldCancel` says so.
 */
export async function comparePairAsync(
  entities: readonly Entity[],
  links: readonly Link[],
  aId: string,
  bId: string,
  options: ComparePairOptions = {},
  onProgress?: ProgressCallback,
  shouldCancel?: CancelCheck,
): Promise<PairComparison> {
  const kind = checked(entities, aId, bId);
  if (kind !== 'person') return fromOthers(entities, links, aId, bId, options);
  const run = await resolvePeopleRun(recordsFromWorkspace(entities, links), options, onProgress, shouldCancel);
  return fromPeople(run.scorePair(aId, bId));
}

/**
 * What the score means for a decision, in plain words: whether the engine proposes the pair, and a
 * warning when it rates it unlikely ("The engine rates these 3% likely the same: merge only on evidence
 * you hold.").
 */
export function comparisonVerdict(pair: Pick<PairComparison, 'probability' | 'band' | 'proposed'>, reviewThreshold = DEFAULT_THRESHOLDS.review): string {
  const pct = percent(pair.probability);
  if (pair.probability < reviewThreshold)
    return `The engine rates these ${pct} likely the same: merge only on evidence you hold.${pair.proposed ? '' : ' It would not have proposed this pair.'}`;
  if (!pair.proposed) return `The engine rates these ${pct} likely the same, though its scan did not propose the pair (no key in common, or marked not the same).`;
  return pair.band === 'confident'
    ? `The engine rates these ${pct} likely the same and proposes them as a confident merge.`
    : `The engine rates these ${pct} likely the same and proposes them for review.`;
}

/** A probability as a whole percentage, never rounded to 0% or 100% ("under 1%", "99.7%", "over 99.9%"). */
export function percent(p: number): string {
  if (p < 0.01) return 'under 1%';
  if (p >= 0.9995) return 'over 99.9%';
  if (p >= 0.995) return `${(Math.floor(p * 1000) / 10).toFixed(1)}%`;
  return `${Math.round(p * 100)}%`;
}
