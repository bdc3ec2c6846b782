/**
 * Public types of entity resolution (duplicate detection) for Linkwall.
 *
 * A `ResolutionRecord` is the neutral, normalised form of one person record, whatever it came from: a
 * Person entity with the phones, vehicles and addresses it is linked to (`recordsFromWorkspace`), or a
 * row of a CSV file (`recordFromFields`). The engine (`resolvePeople`) only ever sees these records.
 */

/** The fields compared between two person records, each giving graded evidence. */
export const PERSON_FIELDS = [
  'givenName',
  'familyName',
  'dob',
  'age',
  'sex',
  'phone',
  'email',
  'handle',
  'vehicle',
  'address',
  'postcode',
  'identifier',
  'alias',
  'network',
] as const;
export type PersonField = (typeof PERSON_FIELDS)[number];

/** An estimated age: "about 35" as of a date (ISO). */
export interface AgeEstimate {
  years: number;
  asOf: string;
}

export interface ResolutionName {
  /** Given names, folded ("john paul"); may be empty (surname only). */
  given: string;
  /** Family name, folded ("smith", "van der berg"); may be empty (a nickname on its own). */
  family: string;
}

/**
 * One person record, normalised. Every list may be empty; nothing is required but `id`.
 * Values are already normalised (folded names, ISO dates, E.164 phones, normalised plates and
 * postcodes), so two records can be compared without re-parsing.
 */
export interface ResolutionRecord {
  id: string;
  /** Names to compare as names. Order within a name is not trusted: "SMITH John" is tried both ways. */
  names: ResolutionName[];
  /** Street names, aliases and nicknames that are not known diminutives ("Smudge"): supporting evidence only. */
  aliases: string[];
  /** Dates of birth as `YYYY-MM-DD` (digits as recorded, so a corrupt "1979-13-02" is kept). */
  dobs: string[];
  ageEstimates: AgeEstimate[];
  sex: 'female' | 'male' | null;
  /** E.164 where the number could be read ("+447700900123"), otherwise its digits. */
  phones: string[];
  /** Lower-case e-mail addresses. */
  emails: string[];
  /** Online handles, folded, "platform:handle" when the platform is known. */
  handles: string[];
  /** Normalised registrations (upper case, no spaces; "?" and "*" in partial plates). */
  vehicles: string[];
  /** Address text without the postcode, folded. */
  addresses: string[];
  /** Normalised UK postcodes ("LS1 4AP"), or the folded text of any other postal code. */
  postcodes: string[];
  /** "SCHEME:VALUE" (scheme may be empty), upper case, letters and digits only in the value. */
  identifiers: string[];
  /** Ids of other entities this record is linked to (associates, businesses, hot spots): supporting evidence. */
  network: string[];
  /** Ids of person records this one is directly linked to (family, associate...): evidence of two people. */
  linkedRecords: string[];
}

/** Match probabilities (0..1) that divide confident merges, pairs for review and nothing. */
export interface Thresholds {
  /** At or above: the pair is proposed as a confident merge (and clustered). */
  confident: number;
  /** At or above (and below `confident`): the pair goes to an analyst for review. */
  review: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { confident: 0.99, review: 0.5 };

/** A key for an unordered pair of record ids (for `cannotLink`). */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

export interface ResolveOptions {
  thresholds?: Partial<Thresholds>;
  /**
   * No chaining: two clusters are joined only if no pair across them is clearly different, that is
   * every cross pair's evidence alone (prior odds taken as even) gives at least this match probability,
   * so A~B and B~C with A clearly not C stay apart. Default 0.05 (evidence of at least -4.2 bits).
   */
  clusterFloor?: number;
  /** Pairs an analyst has said are "Not the same" (keys from `pairKey`): never merged, never proposed. */
  cannotLink?: ReadonlySet<string>;
  /** Build per-field explanations for the returned pairs (default true; the command line turns it off). */
  explain?: boolean;
  /**
   * Blocks (records sharing a blocking key) larger than this are not used to make pairs; blocks over 30
   * are compared by sorted neighbourhood rather than in full. Default 2,000.
   */
  maxBlockSize?: number;
  /** Refine the m probabilities by expectation-maximisation on the candidate pairs (default true). */
  em?: boolean;
  /** Random pairs sampled to estimate u probabilities (default 300,000; all pairs when fewer). */
  sampleSize?: number;
  /** Seed for the random sample (default 1): the same input gives the same result. */
  seed?: number;
  /** Fix the prior probability that two random records match instead of estimating it. */
  priorMatchProbability?: number;
}

/** How one field contributed to a pair's score. */
export interface FieldExplanation<F extends string = PersonField> {
  field: F;
  /** The comparison level reached ("exact", "nickname", "day/month swapped", ...). */
  level: string;
  /** Evidence in bits (log2 Bayes factor): positive for a match, negative against, 0 neutral. */
  weight: number;
  /** Plain words: why this level and weight. */
  explanation: string;
  leftValues: string[];
  rightValues: string[];
}

export type PairBand = 'confident' | 'review';

/** A scored pair of records. People's fields are `PersonField`s; `ScoredPair<string>` takes any kind's. */
export interface ScoredPair<F extends string = PersonField> {
  leftId: string;
  rightId: string;
  /** Posterior match probability. */
  probability: number;
  /** Total evidence in bits, prior included (probability = 1 / (1 + 2^-weight)). */
  weight: number;
  band: PairBand;
  /** True when the two records ended up in the same cluster. */
  merged: boolean;
  /** Why a confident pair was not merged (it would chain two clearly different records together). */
  note?: string;
  /** Per-field evidence (empty when `explain` is false). */
  fields: FieldExplanation<F>[];
}

export interface PersonCluster {
  /** The id of the cluster's first record (in input order): a stable entity id. */
  id: string;
  recordIds: string[];
}

export interface ResolutionStats {
  records: number;
  candidatePairs: number;
  /** Blocks skipped because they were larger than `maxBlockSize`. */
  skippedBlocks: number;
  sampledPairs: number;
  emIterations: number;
  /** Estimated prior probability that two random records match. */
  priorMatchProbability: number;
  confidentPairs: number;
  reviewPairs: number;
  /** Confident pairs left unmerged because a cross pair was clearly different. */
  blockedMerges: number;
  clusters: number;
  milliseconds: number;
  /** Time spent in each phase. */
  phaseMilliseconds: Partial<Record<ResolutionPhase, number>>;
}

/** The fitted model, for display ("what does an exact surname weigh?") and tests. */
export interface FieldModel {
  field: PersonField;
  supporting: boolean;
  levels: { key: string; label: string; m: number; u: number; weight: number; termFrequency: boolean }[];
}

export interface ResolutionResult {
  /** Every record in exactly one cluster (singletons included). */
  clusters: PersonCluster[];
  /** Scored pairs at or above the review threshold, best first. */
  pairs: ScoredPair[];
  stats: ResolutionStats;
  model: FieldModel[];
  thresholds: Thresholds;
}

export type ResolutionPhase = 'preparing' | 'estimating' | 'blocking' | 'scoring' | 'fitting' | 'clustering' | 'explaining';

export interface ResolutionProgress {
  phase: ResolutionPhase;
  /** Work done and total within the phase. */
  done: number;
  total: number;
  /** Overall progress 0..1 (rough). */
  fraction: number;
}

export type ProgressCallback = (p: ResolutionProgress) => void;
export type CancelCheck = () => boolean;

/** Thrown (rejected) when `shouldCancel` returned true. */
export class ResolutionCancelled extends Error {
  constructor() {
    super('Resolution was cancelled.');
    this.name = 'ResolutionCancelled';
  }
}
