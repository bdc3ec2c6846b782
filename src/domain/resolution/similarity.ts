/**
 * String similarity for comparators. Edit distance (Damerau-Levenshtein, optimal string alignment) is the
 * project's own `editDistance` from search.ts; this adds Jaro-Winkler, the usual measure for short
 * strings such as names (it forgives typos near the end more than near the start).
 */
import { editDistance } from './shared';

export { editDistance };

// Scratch buffers reused between calls (names are short; grown on demand). Not shared across threads.
let flagsA = new Uint8Array(64);
let flagsB = new Uint8Array(64);

/** Jaro similarity in [0, 1]. */
export function jaro(a: string, b: string): number {
  if (a === b) return a.length ? 1 : 0;
  const la = a.length;
  const lb = b.length;
  if (!la || !lb) return 0;
  if (flagsA.length < la) flagsA = new Uint8Array(la * 2);
  if (flagsB.length < lb) flagsB = new Uint8Array(lb * 2);
  flagsA.fill(0, 0, la);
  flagsB.fill(0, 0, lb);
  const range = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - range);
    const hi = Math.min(lb - 1, i + range);
    const c = a.charCodeAt(i);
    for (let j = lo; j <= hi; j++) {
      if (flagsB[j] === 0 && b.charCodeAt(j) === c) {
        flagsA[i] = 1;
        flagsB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (!matches) return 0;
  let t = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (flagsA[i] === 0) continue;
    while (flagsB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) t++;
    k++;
  }
  const m = matches;
  return (m / la + m / lb + (m - t / 2) / m) / 3;
}

const letterCounts = new Int16Array(65536);

/**
 * An upper bound on Jaro-Winkler, in time linear in the lengths: Jaro can match at most the letters
 * the two strings have in common (as multisets). Used to skip the full computation for the many pairs
 * (mostly different people) that cannot reach a threshold.
 */
export function jaroWinklerBound(a: string, b: string): number {
  const la = a.length;
  const lb = b.length;
  if (!la || !lb) return 0;
  for (let i = 0; i < la; i++) letterCounts[a.charCodeAt(i)] = (letterCounts[a.charCodeAt(i)] ?? 0) + 1;
  let common = 0;
  for (let i = 0; i < lb; i++) {
    const c = b.charCodeAt(i);
    if ((letterCounts[c] ?? 0) > 0) {
      letterCounts[c] = (letterCounts[c] ?? 0) - 1;
      common++;
    }
  }
  for (let i = 0; i < la; i++) letterCounts[a.charCodeAt(i)] = 0;
  const j = (common / la + common / lb + 1) / 3;
  let prefix = 0;
  const max = Math.min(4, la, lb);
  while (prefix < max && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return j > 0.7 ? j + prefix * 0.1 * (1 - j) : j;
}

/** Jaro-Winkler similarity when it can reach `threshold`; 0 when the bound shows it cannot. */
export function jaroWinklerAtLeast(a: string, b: string, threshold: number): number {
  return jaroWinklerBound(a, b) < threshold ? 0 : jaroWinkler(a, b);
}

/** Jaro-Winkler similarity in [0, 1] (prefix scale 0.1, up to 4 characters). */
export function jaroWinkler(a: string, b: string): number {
  const j = jaro(a, b);
  if (j <= 0.7) return j;
  let prefix = 0;
  const max = Math.min(4, a.length, b.length);
  while (prefix < max && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return j + prefix * 0.1 * (1 - j);
}

/**
 * True when the strings are at most one edit apart (insert, delete, substitute, or swap two neighbours),
 * in one linear pass: the hot path of comparisons (dates, names, numbers) where `editDistance` would
 * allocate its tables for every pair.
 */
export function withinOneEdit(a: string, b: string): boolean {
  const la = a.length;
  const lb = b.length;
  if (la === lb) {
    let i = 0;
    while (i < la && a.charCodeAt(i) === b.charCodeAt(i)) i++;
    if (i === la) return true;
    let j = la - 1;
    while (j > i && a.charCodeAt(j) === b.charCodeAt(j)) j--;
    if (j === i) return true; // one substitution
    // two neighbours swapped
    return j === i + 1 && a.charCodeAt(i) === b.charCodeAt(j) && a.charCodeAt(j) === b.charCodeAt(i);
  }
  if (la - lb !== 1 && lb - la !== 1) return false;
  const s = la < lb ? a : b;
  const l = la < lb ? b : a;
  let i = 0;
  while (i < s.length && s.charCodeAt(i) === l.charCodeAt(i)) i++;
  for (; i < s.length; i++) if (s.charCodeAt(i) !== l.charCodeAt(i + 1)) return false;
  return true;
}

/** True when the two strings differ by at most `max` edits (insert, delete, substitute, swap neighbours). */
export function withinEdits(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  if (max === 1) return withinOneEdit(a, b);
  return editDistance(a, b, max) <= max;
}

/**
 * Two words that are the same but for a typo: one edit apart, or Jaro-Winkler >= 0.9 when they start
 * alike (a cheap test first, since most word pairs share nothing).
 */
export function wordsAlike(x: string, y: string): boolean {
  if (x === y) return true;
  if (x.length < 4 || y.length < 4) return false;
  if (x.charCodeAt(0) !== y.charCodeAt(0) && !(x.charCodeAt(0) === y.charCodeAt(1) && x.charCodeAt(1) === y.charCodeAt(0)))
    return false;
  return withinOneEdit(x, y) || jaroWinklerAtLeast(x, y, 0.9) >= 0.9;
}
