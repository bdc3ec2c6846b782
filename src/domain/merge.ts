/**
 * Merging two records of the same entity (issue 4). Nothing is dropped: every value and every citation of
 * both is kept; the absorbed person's legal names that differ from the survivor's become aliases; values
 * that disagree with a single-valued fact are kept as sourced notes ("Also recorded: date of birth ...").
 */
import { attachFacts } from './attach';
import { personNameText } from './labels';
import type { Entity, Link } from './model';
import { foldText } from './normalise';

/** The survivor with everything of `absorbed` added. */
export function mergeEntityFacts(survivor: Entity, absorbed: Entity): Entity {
  if (survivor.kind === 'person' && absorbed.kind === 'person') {
    const legal = new Set(survivor.names.filter((n) => n.kind === 'legal').map((n) => foldText(personNameText(n))));
    const names = absorbed.names.map((n) => (n.kind === 'legal' && !legal.has(foldText(personNameText(n))) ? { ...n, kind: 'alias' as const } : n));
    return attachFacts(survivor, { ...absorbed, names });
  }
  return attachFacts(survivor, absorbed);
}

/**
 * The links of `absorbed` moved to `survivor`. A link that would join the survivor to itself (the two
 * records were linked to each other) is dropped from the merged view; Unmerge restores it.
 */
export function rewireLinks(links: readonly Link[], absorbedId: string, survivorId: string): { moved: Link[]; dropped: Link[] } {
  const moved: Link[] = [];
  const dropped: Link[] = [];
  for (const l of links) {
    if (l.from !== absorbedId && l.to !== absorbedId) continue;
    const next = { ...l, from: l.from === absorbedId ? survivorId : l.from, to: l.to === absorbedId ? survivorId : l.to };
    if (next.from === next.to) dropped.push(l);
    else moved.push(next);
  }
  return { moved, dropped };
}
