/**
 * A small seeded pseudo-random number generator (mulberry32) and helpers, for deterministic demo data and
 * tests. Pure TypeScript: no DOM, no Node APIs. Not for anything security-related.
 */

export interface Rng {
  /** The next float in [0, 1). */
  next(): number;
  /** The seed the generator started from. */
  readonly seed: number;
  /** Ids already issued by `seededId` from this generator, so ids stay unique within a run. */
  readonly issued: Set<string>;
}

/** mulberry32: a fast 32-bit generator with a full 2^32 period; good enough for demo data. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a hash of a string, for seeding from text ("demo-2026"). */
export function seedFromString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function createRng(seed: number | string): Rng {
  const numeric = typeof seed === 'string' ? seedFromString(seed) : Math.floor(seed) >>> 0;
  const next = mulberry32(numeric);
  return { next, seed: numeric, issued: new Set<string>() };
}

/** A float in [min, max). */
export function float(rng: Rng, min: number, max: number): number {
  return min + (max - min) * rng.next();
}

/** An integer in [min, max], both inclusive. */
export function int(rng: Rng, min: number, max: number): number {
  const lo = Math.ceil(Math.min(min, max));
  const hi = Math.floor(Math.max(min, max));
  return lo + Math.floor(rng.next() * (hi - lo + 1));
}

/** True with probability p (0..1). */
export function chance(rng: Rng, p: number): boolean {
  return rng.next() < p;
}

/** One element, uniformly. Throws on an empty list. */
export function pick<T>(rng: Rng, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick: empty list');
  // The index is always in range, so the element exists (it may itself be `undefined` if T allows it).
  return items[Math.floor(rng.next() * items.length)] as T;
}

/** One value, with probability proportional to its weight. Weights must be >= 0 and not all zero. */
export function weightedPick<T>(rng: Rng, entries: ReadonlyArray<readonly [T, number]>): T {
  let total = 0;
  for (const [, w] of entries) total += Math.max(0, w);
  if (entries.length === 0 || total <= 0) throw new Error('weightedPick: no positive weights');
  let r = rng.next() * total;
  for (const [value, w] of entries) {
    const weight = Math.max(0, w);
    if (r < weight) return value;
    r -= weight;
  }
  // Floating-point edge: fall back to the last positively weighted entry.
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i];
    if (entry && entry[1] > 0) return entry[0];
  }
  throw new Error('weightedPick: unreachable');
}

/** A shuffled copy (Fisher-Yates); the input is left as it was. */
export function shuffle<T>(rng: Rng, items: readonly T[]): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const a = out[i] as T;
    out[i] = out[j] as T;
    out[j] = a;
  }
  return out;
}

/** Up to n distinct elements, in random order. */
export function sample<T>(rng: Rng, items: readonly T[], n: number): T[] {
  return shuffle(rng, items).slice(0, Math.max(0, n));
}

/** An id like "p-3f9a2c1d": the prefix, a dash and 8 hex digits, unique among ids issued by this generator. */
export function seededId(rng: Rng, prefix: string): string {
  for (let attempt = 0; attempt < 1000; attempt++) {
    const n = Math.floor(rng.next() * 0x100000000);
    const id = `${prefix}-${n.toString(16).padStart(8, '0')}`;
    if (!rng.issued.has(id)) {
      rng.issued.add(id);
      return id;
    }
  }
  throw new Error(`seededId: could not find a free id for prefix "${prefix}"`);
}
