/**
 * What an import will do to a workspace, worked out before anything is written: which incoming entities
 * are new, which attach to existing ones by an exact identifier (see attach.ts), and the links rewired to
 * the entities they really join. Pure, so the preview, the worker and the tests share it.
 *
 * Undoing an import (detachImport) removes exactly what it added: its own records, and its citations and
 * the values that rested only on them from the entities it attached to.
 */
import { attachFacts, exactKeys } from './attach';
import type { CrimeEvent, Entity, Id, ImportCounts, IntelItem, Link } from './model';
import { withoutSource } from './provenance';

export interface QuarantineDraft {
  rowNumber: number;
  headers: string[];
  cells: string[];
  reasons: string[];
}

/** What the import engine made of a file, before it meets the workspace. */
export interface ImportBatch {
  importId: Id;
  workspaceId: Id;
  fileName: string;
  sheet: string;
  agency: string;
  templateName?: string;
  /** Rows after the header in the file or sheet: rows = importedRows + quarantined + blankRows. */
  rows: number;
  /** Rows that became records. */
  importedRows: number;
  /** Completely empty rows (skipped). */
  blankRows: number;
  items: IntelItem[];
  entities: Entity[];
  links: Link[];
  events: CrimeEvent[];
  quarantined: QuarantineDraft[];
}

export interface ImportPlan {
  newEntities: Entity[];
  attached: { before: Entity; after: Entity }[];
  links: Link[];
  counts: ImportCounts;
}

/**
 * Matches the batch against the existing entities by exact keys. Incoming entities sharing a key with
 * each other (two rows, one phone) become one; incoming entities sharing a key with an existing entity
 * attach to it. Links are rewired accordingly; a link that would join an entity to itself is dropped.
 */
export function planImport(batch: ImportBatch, existing: Iterable<Entity>): ImportPlan {
  const byKey = new Map<string, Id>();
  const current = new Map<Id, Entity>();
  const existingIds = new Set<Id>();
  for (const e of existing) {
    if (e.mergedInto) continue;
    existingIds.add(e.id);
    current.set(e.id, e);
    for (const k of exactKeys(e)) if (!byKey.has(`${e.kind}|${k}`)) byKey.set(`${e.kind}|${k}`, e.id);
  }
  const redirect = new Map<Id, Id>();
  const newIds: Id[] = [];
  for (const e of batch.entities) {
    const keys = exactKeys(e).map((k) => `${e.kind}|${k}`);
    const target = keys.map((k) => byKey.get(k)).find((id): id is Id => id !== undefined);
    if (target) {
      const t = current.get(target);
      if (t && t.kind === e.kind) {
        current.set(target, attachFacts(t, e));
        redirect.set(e.id, target);
        continue;
      }
    }
    current.set(e.id, e);
    newIds.push(e.id);
    for (const k of keys) if (!byKey.has(k)) byKey.set(k, e.id);
  }
  const attachedIds = [...new Set([...redirect.values()].filter((id) => existingIds.has(id)))];
  const seen = new Set<string>();
  const links: Link[] = [];
  for (const l of batch.links) {
    const from = redirect.get(l.from) ?? l.from;
    const to = redirect.get(l.to) ?? l.to;
    if (from === to) continue;
    // The same link from two rows (same ends, type and source) is recorded once.
    const key = `${from}|${to}|${l.type}|${l.dateFrom ?? ''}|${l.sources.join(',')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    links.push({ ...l, from, to });
  }
  const original = new Map<Id, Entity>();
  for (const e of existing) original.set(e.id, e);
  const attached = attachedIds.map((id) => ({ before: original.get(id) as Entity, after: current.get(id) as Entity }));
  const newEntities = newIds.map((id) => current.get(id) as Entity);
  return {
    newEntities,
    attached,
    links,
    counts: {
      rows: batch.rows,
      imported: batch.importedRows,
      quarantined: batch.quarantined.length,
      blank: batch.blankRows,
      newEntities: newEntities.length,
      matchedEntities: attached.length,
      links: links.length,
      items: batch.items.length,
      events: batch.events.length,
    },
  };
}

/** A fact survives undoing an import unless the import's citations were all it had. */
function survives(f: { sources: Id[] } | undefined, orig: { sources: Id[] } | undefined): boolean {
  return !orig || orig.sources.length === 0 || (f?.sources.length ?? 0) > 0;
}

function keepOne<T extends { sources: Id[] }>(f: T | undefined, orig: T | undefined): T | undefined {
  return survives(f, orig) ? f : undefined;
}

function keepMany<T extends { sources: Id[] }>(fs: T[], origs: T[]): T[] {
  return fs.filter((f, i) => survives(f, origs[i]));
}

/**
 * The entity without an import's citations, and without the optional values that rested only on them.
 * Used to undo an import from an entity that was edited after the import.
 */
export function detachImport(e: Entity, itemIds: Iterable<Id>): Entity {
  let out: Entity = e;
  for (const id of itemIds) out = withoutSource(out, id);
  const notes = keepMany(out.notes, e.notes);
  if (out.kind === 'person' && e.kind === 'person') {
    return {
      ...out,
      notes,
      names: keepMany(out.names, e.names),
      roles: keepMany(out.roles, e.roles),
      identifiers: keepMany(out.identifiers, e.identifiers),
      dob: keepOne(out.dob, e.dob),
      estimatedAge: keepOne(out.estimatedAge, e.estimatedAge),
      riskLevel: keepOne(out.riskLevel, e.riskLevel),
    };
  }
  if (out.kind === 'vehicle' && e.kind === 'vehicle')
    return { ...out, notes, make: keepOne(out.make, e.make), model: keepOne(out.model, e.model), colour: keepOne(out.colour, e.colour) };
  if (out.kind === 'phone' && e.kind === 'phone') return { ...out, notes, handle: keepOne(out.handle, e.handle) };
  if (out.kind === 'address' && e.kind === 'address') return { ...out, notes, postcode: keepOne(out.postcode, e.postcode), location: keepOne(out.location, e.location) };
  if (out.kind === 'business' && e.kind === 'business') return { ...out, notes, licences: keepMany(out.licences, e.licences) };
  return { ...out, notes };
}
