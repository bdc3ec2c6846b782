/**
 * Attaching incoming facts to an existing entity, on exact identifiers only (issue 3): an imported row's
 * phone +447700900123 IS the stored phone +447700900123. Fuzzier sameness is the duplicate review's
 * job (issue 4): an import never merges on a guess.
 *
 * Exact keys: a phone's E.164 number or a platform + handle; a full (not partial) plate; postcode + house
 * number (+ flat); a person's folded legal name or alias + date of birth; a business licence reference.
 *
 * Attaching never drops a value: a value the entity already has gains the incoming citations; a value
 * it lacks is added; a value that conflicts with a single-valued fact (another date of birth, another
 * make) is kept as a sourced note "Also recorded: ...", so nothing is lost and the analyst sees the
 * disagreement.
 */
import { personNameText } from './labels';
import type { Entity, Fact, Id } from './model';
import { foldText, normalisePostcode } from './normalise';
import { unique } from './util';

function houseKey(lines: string[]): string | null {
  const text = lines.join(' ').toLowerCase();
  const flat = /\b(?:flat|apartment|apt|unit|room)\s*([0-9]+[a-z]?)\b/.exec(text)?.[1];
  const withoutFlat = text.replace(/\b(?:flat|apartment|apt|unit|room)\s*[0-9]+[a-z]?\b/g, ' ');
  const house = /\b([0-9]+[a-z]?)\b/.exec(withoutFlat)?.[1];
  if (!house) return null;
  return flat ? `${house}/${flat}` : house;
}

/** The exact identifier keys of an entity (empty when it has none). */
export function exactKeys(e: Entity): string[] {
  switch (e.kind) {
    case 'phone':
      if (e.phoneType === 'number' && e.number) return [`phone:${e.number.value}`];
      if (e.handle) return [`handle:${foldText(e.platform ?? '')}:${e.handle.value.trim().replace(/^@/, '').toLowerCase()}`];
      return [];
    case 'vehicle':
      return e.registration && !e.partial ? [`plate:${e.registration.value.toUpperCase()}`] : [];
    case 'address': {
      if (!e.postcode) return [];
      const pc = normalisePostcode(e.postcode.value);
      const house = houseKey(e.lines.value);
      return pc.ok && house ? [`address:${pc.value}|${house}`] : [];
    }
    case 'person': {
      if (!e.dob) return [];
      const dob = e.dob.value;
      return unique(
        e.names
          .filter((n) => n.kind === 'legal' || n.kind === 'alias')
          .map((n) => foldText(personNameText(n)))
          .filter(Boolean)
          .map((name) => `person:${name}|${dob}`),
      );
    }
    case 'business':
      return e.licences.map((l) => `licence:${l.value.replace(/\s+/g, '').toUpperCase()}`);
    case 'hotspot':
      return [];
  }
}

function mergeSources(a: Id[], b: Id[]): Id[] {
  return unique([...a, ...b]);
}

/** Adds the incoming facts of a list to the existing list: same value gains sources, new value is added. */
function mergeList<T>(existing: Fact<T>[], incoming: Fact<T>[], same: (x: T, y: T) => boolean): Fact<T>[] {
  const out = existing.map((f) => ({ ...f, sources: [...f.sources] }));
  for (const f of incoming) {
    const hit = out.find((o) => same(o.value, f.value));
    if (hit) hit.sources = mergeSources(hit.sources, f.sources);
    else out.push({ ...f, sources: [...f.sources] });
  }
  return out;
}

const sameText = (x: string, y: string): boolean => foldText(x) === foldText(y);

/**
 * A single-valued fact: the same value gains sources; a missing one is filled; a different one is kept
 * as a note so that nothing is dropped.
 */
function mergeOne<T>(
  existing: Fact<T> | undefined,
  incoming: Fact<T> | undefined,
  label: string,
  show: (v: T) => string,
  notes: Fact<string>[],
  same: (x: T, y: T) => boolean = (x, y) => JSON.stringify(x) === JSON.stringify(y),
  isUnknown: (v: T) => boolean = () => false,
): Fact<T> | undefined {
  if (!incoming || isUnknown(incoming.value)) return existing ?? incoming;
  if (!existing || isUnknown(existing.value)) return incoming;
  if (same(existing.value, incoming.value)) return { ...existing, sources: mergeSources(existing.sources, incoming.sources) };
  notes.push({ value: `Also recorded: ${label} ${show(incoming.value)}`, sources: [...incoming.sources] });
  return existing;
}

/** The existing entity with the incoming one's facts attached. Both must be of the same kind. */
export function attachFacts(existing: Entity, incoming: Entity): Entity {
  const notes = mergeList(existing.notes, incoming.notes, sameText);
  const extra: Fact<string>[] = [];
  let out: Entity;
  if (existing.kind === 'person' && incoming.kind === 'person') {
    const names = [...existing.names.map((n) => ({ ...n, sources: [...n.sources] }))];
    for (const n of incoming.names) {
      const hit = names.find((o) => o.kind === n.kind && sameText(personNameText(o), personNameText(n)));
      if (hit) hit.sources = mergeSources(hit.sources, n.sources);
      else names.push({ ...n, sources: [...n.sources] });
    }
    out = {
      ...existing,
      names,
      dob: mergeOne(existing.dob, incoming.dob, 'date of birth', (v) => v, extra),
      estimatedAge: existing.dob ? existing.estimatedAge : mergeOne(existing.estimatedAge, incoming.estimatedAge, 'estimated age', (v) => `${v.years} (as of ${v.asOf})`, extra),
      sex: mergeOne(existing.sex, incoming.sex, 'sex', (v) => v, extra, undefined, (v) => v === 'unknown') ?? existing.sex,
      ethnicity: mergeOne(existing.ethnicity, incoming.ethnicity, 'ethnicity', (v) => v, extra, undefined, (v) => v === 'unknown') ?? existing.ethnicity,
      roles: mergeList(existing.roles, incoming.roles, (x, y) => x === y),
      riskLevel: mergeOne(existing.riskLevel, incoming.riskLevel, 'risk level', (v) => v, extra, undefined, (v) => v === 'unknown'),
      identifiers: mergeList(existing.identifiers, incoming.identifiers, (x, y) => x.scheme === y.scheme && x.value === y.value),
    };
  } else if (existing.kind === 'vehicle' && incoming.kind === 'vehicle') {
    out = {
      ...existing,
      registration: mergeOne(existing.registration, incoming.registration, 'registration', (v) => v, extra),
      make: mergeOne(existing.make, incoming.make, 'make', (v) => v, extra, sameText),
      model: mergeOne(existing.model, incoming.model, 'model', (v) => v, extra, sameText),
      colour: mergeOne(existing.colour, incoming.colour, 'colour', (v) => v, extra, sameText),
    };
  } else if (existing.kind === 'phone' && incoming.kind === 'phone') {
    out = {
      ...existing,
      number: mergeOne(existing.number, incoming.number, 'number', (v) => v, extra),
      handle: mergeOne(existing.handle, incoming.handle, 'handle', (v) => v, extra, sameText),
    };
  } else if (existing.kind === 'address' && incoming.kind === 'address') {
    out = {
      ...existing,
      lines: mergeOne(existing.lines, incoming.lines, 'address', (v) => v.join(', '), extra, (x, y) => sameText(x.join(' '), y.join(' '))) ?? existing.lines,
      postcode: mergeOne(existing.postcode, incoming.postcode, 'postcode', (v) => v, extra),
      location: mergeOne(existing.location, incoming.location, 'location', (v) => `${v.lat}, ${v.lng}`, extra),
    };
  } else if (existing.kind === 'business' && incoming.kind === 'business') {
    out = {
      ...existing,
      name: mergeOne(existing.name, incoming.name, 'name', (v) => v, extra, sameText) ?? existing.name,
      licences: mergeList(existing.licences, incoming.licences, (x, y) => x.replace(/\s+/g, '').toUpperCase() === y.replace(/\s+/g, '').toUpperCase()),
    };
  } else if (existing.kind === 'hotspot' && incoming.kind === 'hotspot') {
    out = {
      ...existing,
      name: mergeOne(existing.name, incoming.name, 'name', (v) => v, extra, sameText) ?? existing.name,
      location: mergeOne(existing.location, incoming.location, 'location', (v) => `${v.lat}, ${v.lng}`, extra),
      area: mergeOne(existing.area, incoming.area, 'area', (v) => JSON.stringify(v), extra, (x, y) => JSON.stringify(x) === JSON.stringify(y)),
    };
  } else {
    throw new Error(`Cannot attach a ${incoming.kind} to a ${existing.kind}.`);
  }
  return { ...out, notes: mergeList(notes, extra, sameText) };
}
