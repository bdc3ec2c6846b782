/**
 * Use cases for entities, links and intelligence items: validate (pure domain), describe the writes as a
 * change set, commit them with their audit record in one transaction.
 */
import type { RecordChange } from '../db/changes';
import type { Entity, IntelItem, Link } from '../domain/model';
import { withoutSource } from '../domain/provenance';
import { nowIso, plural } from '../domain/util';
import { validateEntity, validateIntelItem, validateLink, type Problem } from '../domain/validate';
import { entityLabel } from '../domain/labels';
import { commit, type Session } from './commit';

export class ValidationError extends Error {
  constructor(public readonly problems: Problem[]) {
    super(problems.map((p) => p.message).join(' '));
    this.name = 'ValidationError';
  }
}

const KIND_WORD: Record<Entity['kind'], string> = {
  person: 'person',
  vehicle: 'vehicle',
  phone: 'phone',
  address: 'address',
  business: 'business',
  hotspot: 'hot spot',
};

/** Creates (before = null) or updates an entity. */
export async function saveEntity(session: Session, entity: Entity, before: Entity | null): Promise<Entity> {
  const stamped: Entity = { ...entity, updatedAt: nowIso(), createdAt: before?.createdAt ?? entity.createdAt ?? nowIso() };
  const problems = validateEntity(stamped);
  if (problems.length) throw new ValidationError(problems);
  const verb = before ? 'Edit' : 'Create';
  await commit(
    session,
    {
      workspaceId: entity.workspaceId,
      label: `${verb} ${KIND_WORD[entity.kind]} ${entityLabel(stamped)}`,
      changes: [{ table: 'entities', id: entity.id, before, after: stamped }],
    },
    { category: before ? 'alteration' : 'collection', action: before ? 'update-entity' : 'create-entity' },
  );
  return stamped;
}

/** What deleting an entity takes with it: its links. */
export function entityDeleteImpact(entityId: string, links: Iterable<Link>): Link[] {
  return [...links].filter((l) => l.from === entityId || l.to === entityId);
}

export async function deleteEntity(session: Session, entity: Entity, links: Link[]): Promise<void> {
  await commit(
    session,
    {
      workspaceId: entity.workspaceId,
      label: `Delete ${KIND_WORD[entity.kind]} ${entityLabel(entity)}${links.length ? ` and ${plural(links.length, 'link')}` : ''}`,
      changes: [
        ...links.map((l): RecordChange => ({ table: 'links', id: l.id, before: l, after: null })),
        { table: 'entities', id: entity.id, before: entity, after: null },
      ],
    },
    { category: 'erasure', action: 'delete-entity', summary: `Deleted ${KIND_WORD[entity.kind]} ${entity.id} and ${plural(links.length, 'link')}` },
  );
}

export async function saveLink(session: Session, link: Link, before: Link | null, describe: (id: string) => string): Promise<Link> {
  const stamped: Link = { ...link, updatedAt: nowIso(), createdAt: before?.createdAt ?? link.createdAt ?? nowIso() };
  const problems = validateLink(stamped);
  if (problems.length) throw new ValidationError(problems);
  await commit(
    session,
    {
      workspaceId: link.workspaceId,
      label: `${before ? 'Edit' : 'Create'} link ${describe(link.from)} – ${describe(link.to)}`,
      changes: [{ table: 'links', id: link.id, before, after: stamped }],
    },
    { category: before ? 'alteration' : 'collection', action: before ? 'update-link' : 'create-link' },
  );
  return stamped;
}

export async function deleteLink(session: Session, link: Link): Promise<void> {
  await commit(
    session,
    { workspaceId: link.workspaceId, label: `Delete link ${link.type}`, changes: [{ table: 'links', id: link.id, before: link, after: null }] },
    { category: 'erasure', action: 'delete-link', summary: `Deleted link ${link.id}` },
  );
}

export async function saveItem(session: Session, item: IntelItem, before: IntelItem | null): Promise<IntelItem> {
  const stamped: IntelItem = { ...item, updatedAt: nowIso(), createdAt: before?.createdAt ?? item.createdAt ?? nowIso() };
  const problems = validateIntelItem(stamped);
  if (problems.length) throw new ValidationError(problems);
  await commit(
    session,
    {
      workspaceId: item.workspaceId,
      label: `${before ? 'Edit' : 'Record'} intelligence item ${item.reference}`,
      changes: [{ table: 'items', id: item.id, before, after: stamped }],
    },
    { category: before ? 'alteration' : 'collection', action: before ? 'update-item' : 'create-item' },
  );
  return stamped;
}

/**
 * Saves a new intelligence item together with the facts and links it supports, in one transaction.
 * Used when a fact is entered with a new source in the same form.
 */
export async function saveItemWith(
  session: Session,
  item: IntelItem,
  entities: { after: Entity; before: Entity | null }[],
  links: { after: Link; before: Link | null }[],
  label: string,
): Promise<void> {
  const problems = [
    ...validateIntelItem(item),
    ...entities.flatMap((e) => validateEntity(e.after)),
    ...links.flatMap((l) => validateLink(l.after)),
  ];
  if (problems.length) throw new ValidationError(problems);
  const now = nowIso();
  await commit(
    session,
    {
      workspaceId: item.workspaceId,
      label,
      changes: [
        { table: 'items', id: item.id, before: null, after: { ...item, createdAt: now, updatedAt: now } },
        ...entities.map((e): RecordChange => ({ table: 'entities', id: e.after.id, before: e.before, after: { ...e.after, updatedAt: now } })),
        ...links.map((l): RecordChange => ({ table: 'links', id: l.after.id, before: l.before, after: { ...l.after, updatedAt: now } })),
      ],
    },
    { category: 'collection', action: 'create-item-with-facts' },
  );
}

export interface ItemDeleteImpact {
  /** Links that cite only this item: they go with it. */
  linksDeleted: Link[];
  /** Links that also cite other items: they lose this citation. */
  linksUncited: Link[];
  /** Entities with at least one fact citing this item: the citation is removed. */
  entitiesUncited: Entity[];
}

export function itemDeleteImpact(itemId: string, entities: Iterable<Entity>, links: Iterable<Link>, citedBy: (e: Entity) => string[]): ItemDeleteImpact {
  const linksDeleted: Link[] = [];
  const linksUncited: Link[] = [];
  for (const l of links) {
    if (!l.sources.includes(itemId)) continue;
    (l.sources.length === 1 ? linksDeleted : linksUncited).push(l);
  }
  const entitiesUncited = [...entities].filter((e) => citedBy(e).includes(itemId));
  return { linksDeleted, linksUncited, entitiesUncited };
}

export async function deleteItem(session: Session, item: IntelItem, impact: ItemDeleteImpact): Promise<void> {
  await commit(
    session,
    {
      workspaceId: item.workspaceId,
      label: `Delete intelligence item ${item.reference}`,
      changes: [
        ...impact.linksDeleted.map((l): RecordChange => ({ table: 'links', id: l.id, before: l, after: null })),
        ...impact.linksUncited.map((l): RecordChange => ({ table: 'links', id: l.id, before: l, after: { ...l, sources: l.sources.filter((s) => s !== item.id) } })),
        ...impact.entitiesUncited.map((e): RecordChange => ({ table: 'entities', id: e.id, before: e, after: withoutSource(e, item.id) })),
        { table: 'items', id: item.id, before: item, after: null },
      ],
    },
    { category: 'erasure', action: 'delete-item', summary: `Deleted intelligence item ${item.id} (${item.reference})` },
  );
}
