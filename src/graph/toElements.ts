/**
 * Pure adapter from the workspace to chart elements (issue 5): one node per entity on the view, one edge
 * per pair and link type (parallel links of the same type shown once with a count), each carrying what
 * the chart draws: kind, label (or a young person's pseudonym), role colour, and for links the type,
 * dates and how well the best source is graded (solid / dashed / dotted). No Cytoscape here: the
 * component that owns the Cytoscape instance maps these to its element format.
 */
import { gradeStrength, type GradeStrength } from '../domain/grading';
import { entityLabel } from '../domain/labels';
import { LINK_TYPE_LABEL, type Entity, type EntityKind, type Id, type IntelItem, type Link, type Role } from '../domain/model';
import { formatDateUk } from '../domain/normalise';
import type { ChartGroup } from '../services/walls';

export type { ChartGroup };

/** Role shown on a person, strongest first (a person with several roles shows the first of these). */
export const ROLE_PRIORITY: readonly Role[] = ['organiser', 'facilitator', 'abuser', 'young-person-at-risk', 'associate', 'witness', 'professional'];

export const ROLE_COLOUR: Record<Role, string> = {
  organiser: '#b3261e',
  facilitator: '#c0620a',
  abuser: '#7a1f5c',
  'young-person-at-risk': '#0b7a75',
  associate: '#5b6575',
  witness: '#2f6d3a',
  professional: '#3f51b5',
};

/** The short badge a role shows on a person's icon (explained in the legend). */
export const ROLE_BADGE: Record<Role, string> = {
  organiser: 'O',
  facilitator: 'F',
  abuser: 'Ab',
  'young-person-at-risk': 'YP',
  associate: 'As',
  witness: 'W',
  professional: 'Pr',
};

export const KIND_COLOUR: Record<EntityKind, string> = {
  person: '#2b4c7e',
  vehicle: '#6a4c93',
  phone: '#0b7a75',
  address: '#8a5a00',
  business: '#b3261e',
  hotspot: '#c0620a',
};

export interface ChartNode {
  id: Id;
  kind: EntityKind;
  label: string;
  role: Role | null;
  colour: string;
  /** True for a young person at risk (shown by pseudonym in presentation mode). */
  youngPerson: boolean;
  /** The open group box this entity is drawn in (see applyGroups). */
  parent?: string;
}

export interface ChartEdge {
  id: string;
  source: Id;
  target: Id;
  type: Link['type'];
  label: string;
  /** Number of links of this type between the pair. */
  count: number;
  strength: GradeStrength;
  dateFrom?: string;
  dateTo?: string;
  linkIds: Id[];
}

const STRENGTH_ORDER: Record<GradeStrength, number> = { strong: 3, medium: 2, weak: 1 };

export function primaryRole(e: Entity): Role | null {
  if (e.kind !== 'person') return null;
  const roles = new Set(e.roles.map((r) => r.value));
  return ROLE_PRIORITY.find((r) => roles.has(r)) ?? null;
}

/**
 * Stable pseudonyms for the workspace's young people at risk: YP-01, YP-02... in the order they were
 * first recorded (then by id), so the same young person keeps the same pseudonym across views and days.
 */
export function pseudonyms(entities: Iterable<Entity>): Map<Id, string> {
  const yps = [...entities].filter((e) => e.kind === 'person' && !e.mergedInto && e.roles.some((r) => r.value === 'young-person-at-risk'));
  yps.sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1));
  const width = Math.max(2, String(yps.length).length);
  return new Map(yps.map((e, i) => [e.id, `YP-${String(i + 1).padStart(width, '0')}`]));
}

export interface ToElementsOptions {
  /** Show young people by pseudonym instead of name. */
  pseudonymise: boolean;
  pseudonyms: ReadonlyMap<Id, string>;
  /** Show parallel links of one type between a pair as one edge with a count. */
  aggregate: boolean;
}

function strengthOf(l: Link, items: ReadonlyMap<Id, IntelItem>): GradeStrength {
  let best: GradeStrength = 'weak';
  for (const s of l.sources) {
    const item = items.get(s);
    if (item && STRENGTH_ORDER[gradeStrength(item.grading)] > STRENGTH_ORDER[best]) best = gradeStrength(item.grading);
  }
  return best;
}

export function toChartElements(
  nodeIds: Iterable<Id>,
  entities: ReadonlyMap<Id, Entity>,
  links: Iterable<Link>,
  items: ReadonlyMap<Id, IntelItem>,
  options: ToElementsOptions,
): { nodes: ChartNode[]; edges: ChartEdge[] } {
  const on = new Set<Id>();
  const nodes: ChartNode[] = [];
  for (const id of nodeIds) {
    const e = entities.get(id);
    if (!e || e.mergedInto || on.has(id)) continue;
    on.add(id);
    const role = primaryRole(e);
    const youngPerson = e.kind === 'person' && e.roles.some((r) => r.value === 'young-person-at-risk');
    const label = youngPerson && options.pseudonymise ? (options.pseudonyms.get(id) ?? 'YP') : entityLabel(e);
    nodes.push({ id, kind: e.kind, label, role, colour: role ? ROLE_COLOUR[role] : KIND_COLOUR[e.kind], youngPerson });
  }
  const edges = new Map<string, ChartEdge>();
  for (const l of links) {
    if (!on.has(l.from) || !on.has(l.to)) continue;
    const [a, b] = l.from < l.to ? [l.from, l.to] : [l.to, l.from];
    const key = options.aggregate ? `${a}|${b}|${l.type}` : l.id;
    const strength = strengthOf(l, items);
    const prev = edges.get(key);
    if (prev) {
      prev.count++;
      prev.linkIds.push(l.id);
      if (STRENGTH_ORDER[strength] > STRENGTH_ORDER[prev.strength]) prev.strength = strength;
      if (l.dateFrom && (!prev.dateFrom || l.dateFrom < prev.dateFrom)) prev.dateFrom = l.dateFrom;
      if (l.dateTo && (!prev.dateTo || l.dateTo > prev.dateTo)) prev.dateTo = l.dateTo;
      continue;
    }
    edges.set(key, {
      id: `e:${key}`,
      source: l.from,
      target: l.to,
      type: l.type,
      label: LINK_TYPE_LABEL[l.type],
      count: 1,
      strength,
      ...(l.dateFrom ? { dateFrom: l.dateFrom } : {}),
      ...(l.dateTo ? { dateTo: l.dateTo } : {}),
      linkIds: [l.id],
    });
  }
  for (const e of edges.values()) {
    const dates = e.dateFrom ? ` ${formatDateUk(e.dateFrom)}${e.dateTo ? `–${formatDateUk(e.dateTo)}` : ''}` : '';
    e.label = `${LINK_TYPE_LABEL[e.type]}${e.count > 1 ? ` ×${e.count}` : ''}${dates}`;
  }
  return { nodes, edges: [...edges.values()] };
}

/** The entities within `hops` links of the given ones (the "expand" of the chart). */
export function neighbours(start: Iterable<Id>, links: Iterable<Link>, hops = 1): Set<Id> {
  const adjacency = new Map<Id, Id[]>();
  for (const l of links) {
    (adjacency.get(l.from) ?? adjacency.set(l.from, []).get(l.from)!).push(l.to);
    (adjacency.get(l.to) ?? adjacency.set(l.to, []).get(l.to)!).push(l.from);
  }
  const seen = new Set(start);
  let frontier = [...seen];
  for (let h = 0; h < hops; h++) {
    const next: Id[] = [];
    for (const id of frontier) for (const n of adjacency.get(id) ?? []) if (!seen.has(n)) {
      seen.add(n);
      next.push(n);
    }
    frontier = next;
  }
  return seen;
}

export interface ChartFilter {
  kinds: ReadonlySet<EntityKind>;
  /** People must have this role (other kinds are not affected). */
  role: Role | null;
  /** Entities must cite an item of this agency. */
  agency: string | null;
  minStrength: GradeStrength;
  /** Links must fall in this range (ISO dates); links without a date pass only when no range is set. */
  from: string | null;
  to: string | null;
  /** Entities must keep at least this many links that pass. */
  minLinks: number;
}

export const NO_FILTER: ChartFilter = { kinds: new Set(), role: null, agency: null, minStrength: 'weak', from: null, to: null, minLinks: 0 };

/**
 * Which nodes and edges pass the filter. `agenciesOf` gives an entity's agencies (from the table rows).
 * An empty `kinds` set means every kind.
 */
export function applyChartFilter(
  nodes: readonly ChartNode[],
  edges: readonly ChartEdge[],
  f: ChartFilter,
  agenciesOf: (id: Id) => readonly string[],
): { nodes: Set<Id>; edges: Set<string> } {
  const okNode = new Set<Id>();
  for (const n of nodes) {
    if (f.kinds.size && !f.kinds.has(n.kind)) continue;
    if (f.role && n.kind === 'person' && n.role !== f.role) continue;
    if (f.agency && !agenciesOf(n.id).includes(f.agency)) continue;
    okNode.add(n.id);
  }
  const okEdge = new Set<string>();
  const degree = new Map<Id, number>();
  for (const e of edges) {
    if (!okNode.has(e.source) || !okNode.has(e.target)) continue;
    if (STRENGTH_ORDER[e.strength] < STRENGTH_ORDER[f.minStrength]) continue;
    if (f.from || f.to) {
      if (!e.dateFrom) continue;
      const end = e.dateTo ?? e.dateFrom;
      if (f.to && e.dateFrom > f.to) continue;
      if (f.from && end < f.from) continue;
    }
    okEdge.add(e.id);
    degree.set(e.source, (degree.get(e.source) ?? 0) + 1);
    degree.set(e.target, (degree.get(e.target) ?? 0) + 1);
  }
  if (f.minLinks > 0) {
    for (const id of [...okNode]) if ((degree.get(id) ?? 0) < f.minLinks) okNode.delete(id);
    for (const e of edges) if (okEdge.has(e.id) && (!okNode.has(e.source) || !okNode.has(e.target))) okEdge.delete(e.id);
  }
  return { nodes: okNode, edges: okEdge };
}

/** The first and last link dates among the edges (for the time slider). */
export function dateRange(edges: readonly ChartEdge[]): { from: string; to: string } | null {
  let from: string | null = null;
  let to: string | null = null;
  for (const e of edges) {
    if (!e.dateFrom) continue;
    const end = e.dateTo ?? e.dateFrom;
    if (!from || e.dateFrom < from) from = e.dateFrom;
    if (!to || end > to) to = end;
  }
  return from && to ? { from, to } : null;
}


/** A group as the chart draws it: an open box around its members, or one node standing for them. */
export interface ChartGroupNode {
  /** The chart id of the box (`g:<group id>`). */
  id: string;
  groupId: string;
  label: string;
  /** Members present on the view. */
  count: number;
  collapsed: boolean;
  /** Members' ids (for "select the group's members", analysis and export). */
  members: Id[];
}

export const groupNodeId = (groupId: string): string => `g:${groupId}`;

/**
 * Applies a view's groups to its elements. Members of an open group get `parent` (the box); members of a
 * collapsed group disappear into one node, and their links are re-drawn to it, merged per other end and
 * link type (counts added, best grade, widest dates); links inside a collapsed group are not drawn. An
 * entity belongs to at most one group (the first that lists it); groups with no member on the view are
 * left out.
 */
export function applyGroups(
  nodes: readonly ChartNode[],
  edges: readonly ChartEdge[],
  groups: readonly ChartGroup[],
): { nodes: ChartNode[]; edges: ChartEdge[]; groups: ChartGroupNode[] } {
  const present = new Set(nodes.map((n) => n.id));
  const groupOf = new Map<Id, ChartGroup>();
  for (const g of groups) for (const m of g.members) if (present.has(m) && !groupOf.has(m)) groupOf.set(m, g);
  const groupNodes: ChartGroupNode[] = [];
  for (const g of groups) {
    const members = g.members.filter((m) => groupOf.get(m) === g);
    if (members.length) groupNodes.push({ id: groupNodeId(g.id), groupId: g.id, label: g.label, count: members.length, collapsed: g.collapsed, members });
  }
  if (!groupNodes.length) return { nodes: [...nodes], edges: [...edges], groups: [] };
  const outNodes: ChartNode[] = [];
  for (const n of nodes) {
    const g = groupOf.get(n.id);
    if (!g) outNodes.push(n);
    else if (!g.collapsed) outNodes.push({ ...n, parent: groupNodeId(g.id) });
  }
  const endOf = (id: Id): string => {
    const g = groupOf.get(id);
    return g?.collapsed ? groupNodeId(g.id) : id;
  };
  const outEdges = new Map<string, ChartEdge>();
  const rerouted = new Set<string>();
  for (const e of edges) {
    const source = endOf(e.source);
    const target = endOf(e.target);
    if (source === e.source && target === e.target) {
      outEdges.set(e.id, e);
      continue;
    }
    if (source === target) continue;
    const [a, b] = source < target ? [source, target] : [target, source];
    const key = `e:${a}|${b}|${e.type}`;
    rerouted.add(key);
    const prev = outEdges.get(key);
    if (!prev) {
      outEdges.set(key, { ...e, id: key, source, target, linkIds: [...e.linkIds] });
      continue;
    }
    prev.count += e.count;
    prev.linkIds.push(...e.linkIds);
    if (STRENGTH_ORDER[e.strength] > STRENGTH_ORDER[prev.strength]) prev.strength = e.strength;
    if (e.dateFrom && (!prev.dateFrom || e.dateFrom < prev.dateFrom)) prev.dateFrom = e.dateFrom;
    const end = e.dateTo ?? e.dateFrom;
    const prevEnd = prev.dateTo ?? prev.dateFrom;
    if (end && (!prevEnd || end > prevEnd)) prev.dateTo = end;
  }
  for (const key of rerouted) {
    const e = outEdges.get(key)!;
    const dates = e.dateFrom ? ` ${formatDateUk(e.dateFrom)}${e.dateTo && e.dateTo !== e.dateFrom ? `–${formatDateUk(e.dateTo)}` : ''}` : '';
    e.label = `${LINK_TYPE_LABEL[e.type]}${e.count > 1 ? ` ×${e.count}` : ''}${dates}`;
  }
  return { nodes: outNodes, edges: [...outEdges.values()], groups: groupNodes };
}
