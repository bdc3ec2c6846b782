/**
 * The Entities table's row for an entity: everything the table shows, filters and sorts on, derived from
 * the entity, the items it cites and its link count. Rows are small and flat, so a whole workspace's rows
 * can be kept as one stored snapshot that opens a 100,000-entity table in a fraction of a second.
 */
import { entityLabel, entitySubtitle } from './labels';
import { AGENCY_TYPES, type AgencyType, type Entity, type EntityKind, type Id, type IntelItem, type Role } from './model';
import { entitySources } from './provenance';

export interface EntityRow {
  id: Id;
  kind: EntityKind;
  label: string;
  /** Lower-case label without leading quotes or wildcards, for sorting. */
  sortKey: string;
  sub: string;
  roles: Role[];
  agencies: string[];
  agencyTypes: AgencyType[];
  links: number;
  updatedAt: string;
}

/**
 * `linkedPeople` are labels of the people an object (phone, vehicle, address...) is linked to: the table
 * shows who uses a phone or drives a car, which is what an analyst scans for.
 */
export function toEntityRow(e: Entity, items: ReadonlyMap<Id, IntelItem>, links: number, linkedPeople: readonly string[] = [], today?: string): EntityRow {
  const label = entityLabel(e);
  const base = entitySubtitle(e, today, { roles: false });
  const people = linkedPeople.length
    ? `Linked to ${linkedPeople.slice(0, 2).join(', ')}${linkedPeople.length > 2 ? ` and ${linkedPeople.length - 2} more` : ''}`
    : '';
  const agencies = new Set<string>();
  const types = new Set<AgencyType>();
  for (const s of entitySources(e)) {
    const item = items.get(s);
    if (item) {
      agencies.add(item.agency);
      types.add(item.agencyType);
    }
  }
  return {
    id: e.id,
    kind: e.kind,
    label,
    sortKey: label.replace(/^["*?]+/, '').toLowerCase(),
    sub: [e.kind === 'phone' && e.phoneType === 'number' ? '' : base, people].filter(Boolean).join(' · '),
    roles: e.kind === 'person' ? [...new Set(e.roles.map((r) => r.value))] : [],
    agencies: [...agencies].sort(),
    agencyTypes: AGENCY_TYPES.filter((t) => types.has(t)),
    links,
    updatedAt: e.updatedAt,
  };
}

export function compareRows(a: EntityRow, b: EntityRow): number {
  return a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : a.id < b.id ? -1 : 1;
}

/** Link counts per entity id. */
export function countLinks(links: Iterable<{ from: Id; to: Id }>): Map<Id, number> {
  const counts = new Map<Id, number>();
  for (const l of links) {
    counts.set(l.from, (counts.get(l.from) ?? 0) + 1);
    counts.set(l.to, (counts.get(l.to) ?? 0) + 1);
  }
  return counts;
}

/** Labels of the people linked to each non-person entity. */
export function linkedPeopleLabels(entities: ReadonlyMap<Id, Entity>, links: Iterable<{ from: Id; to: Id }>): Map<Id, string[]> {
  const out = new Map<Id, string[]>();
  const labels = new Map<Id, string>();
  const note = (thing: Id, personId: Id): void => {
    const t = entities.get(thing);
    const p = entities.get(personId);
    if (!t || !p || t.kind === 'person' || p.kind !== 'person') return;
    const list = out.get(thing) ?? [];
    let label = labels.get(personId);
    if (label === undefined) labels.set(personId, (label = entityLabel(p)));
    if (!list.includes(label)) list.push(label);
    out.set(thing, list);
  };
  for (const l of links) {
    note(l.from, l.to);
    note(l.to, l.from);
  }
  return out;
}

/** Rows of a whole workspace, sorted by label. */
export function toEntityRows(entities: readonly Entity[], items: ReadonlyMap<Id, IntelItem>, links: readonly { from: Id; to: Id }[]): EntityRow[] {
  const counts = countLinks(links);
  const people = linkedPeopleLabels(new Map(entities.map((e) => [e.id, e])), links);
  const rows: EntityRow[] = [];
  for (const e of entities) if (!e.mergedInto) rows.push(toEntityRow(e, items, counts.get(e.id) ?? 0, people.get(e.id)));
  return rows.sort(compareRows);
}

const SNAPSHOT_CHUNK = 4000;

/**
 * Rows as JSON in chunks: a stored snapshot is parsed chunk by chunk, so opening a large workspace never
 * blocks the page for long.
 */
export function encodeRowSnapshot(rows: readonly EntityRow[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < rows.length; i += SNAPSHOT_CHUNK) out.push(JSON.stringify(rows.slice(i, i + SNAPSHOT_CHUNK)));
  return out;
}
