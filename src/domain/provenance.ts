/**
 * Provenance helpers: which intelligence items an entity's facts cite, and removing a citation.
 * Works on any fact-shaped value (an object with a `sources: string[]` array) wherever it sits in the
 * record, so new fact fields are covered without changing this file.
 */
import type { Entity, Id } from './model';

function isSourced(x: unknown): x is { sources: Id[] } {
  return typeof x === 'object' && x !== null && Array.isArray((x as { sources?: unknown }).sources);
}

function walk(x: unknown, visit: (f: { sources: Id[] }) => void): void {
  if (Array.isArray(x)) {
    for (const v of x) walk(v, visit);
  } else if (typeof x === 'object' && x !== null) {
    if (isSourced(x)) visit(x);
    for (const v of Object.values(x)) if (typeof v === 'object' && v !== null) walk(v, visit);
  }
}

/** Every intelligence item id the entity cites, once each. */
export function entitySources(e: Entity): Id[] {
  const out = new Set<Id>();
  walk(e, (f) => f.sources.forEach((s) => out.add(s)));
  return [...out];
}

/** A copy of the entity with `itemId` removed from every fact's sources. */
export function withoutSource<E extends Entity>(e: E, itemId: Id): E {
  const copy = structuredClone(e);
  walk(copy, (f) => {
    f.sources = f.sources.filter((s) => s !== itemId);
  });
  return copy;
}

/** Facts of the entity that cite no item at all, by a readable path ("names[1]", "dob"). */
export function uncitedFacts(e: Entity): string[] {
  const out: string[] = [];
  const visit = (x: unknown, path: string): void => {
    if (Array.isArray(x)) x.forEach((v, i) => visit(v, `${path}[${i}]`));
    else if (typeof x === 'object' && x !== null) {
      if (isSourced(x) && x.sources.length === 0) out.push(path);
      for (const [k, v] of Object.entries(x)) if (k !== 'sources' && typeof v === 'object') visit(v, path ? `${path}.${k}` : k);
    }
  };
  visit(e, '');
  return out;
}
