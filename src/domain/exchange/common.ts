/**
 * What the chart exports (ANX, GraphML, GEXF, CSV) share: their input (a chart view's entities, links,
 * the items they cite, positions, the workspace's name and marking), young people's pseudonyms, roles,
 * grade strength and the short text naming a source.
 */
import { gradeStrength, gradingCode, type GradeStrength } from '../grading';
import { entityLabel } from '../labels';
import { LINK_TYPE_LABEL, type Entity, type Id, type IntelItem, type IsoDate, type IsoDateTime, type Link, type LinkType, type Role, type SecurityMarking } from '../model';

export interface Point {
  x: number;
  y: number;
}

export interface ChartExportInput {
  workspace: { name: string; marking: SecurityMarking };
  /** The entities on the chart view (merged-away entities are left out). */
  entities: readonly Entity[];
  /** Links; those whose two ends are not both among `entities` are left out. */
  links: readonly Link[];
  /** The intelligence items the entities and links cite (others are ignored). */
  items: readonly IntelItem[];
  /** Positions on the chart by entity id (entities without one are laid out on a grid). */
  positions?: Readonly<Record<Id, Point>> | ReadonlyMap<Id, Point>;
  /**
   * Young people at risk to show by pseudonym ("YP-01"): their names and identifying attributes (date of
   * birth, estimated age, identifiers, ethnicity, notes) are left out and their sources' references withheld.
   */
  pseudonyms?: ReadonlyMap<Id, string>;
  /** When the export was made (defaults to now). */
  exportedAt?: IsoDateTime;
}

/** Role shown for a person with several, strongest first (as on the chart). */
export const ROLE_PRIORITY: readonly Role[] = ['organiser', 'facilitator', 'abuser', 'young-person-at-risk', 'associate', 'witness', 'professional'];

export function primaryRole(e: Entity): Role | null {
  if (e.kind !== 'person') return null;
  const roles = new Set(e.roles.map((r) => r.value));
  return ROLE_PRIORITY.find((r) => roles.has(r)) ?? null;
}

export function rolesOf(e: Entity): Role[] {
  if (e.kind !== 'person') return [];
  const roles = new Set(e.roles.map((r) => r.value));
  return ROLE_PRIORITY.filter((r) => roles.has(r));
}

/** Links whose types read the same both ways; the others point from `from` to `to`. */
export const SYMMETRIC_LINK_TYPES: ReadonlySet<LinkType> = new Set<LinkType>(['associate', 'family', 'relationship', 'seen-with', 'online-contact']);

const STRENGTH_ORDER: Record<GradeStrength, number> = { strong: 3, medium: 2, weak: 1 };

export function strongerOf(a: GradeStrength, b: GradeStrength): GradeStrength {
  return STRENGTH_ORDER[b] > STRENGTH_ORDER[a] ? b : a;
}

/** The best grade strength among the cited items ("weak" when none is known). */
export function bestStrength(sources: readonly Id[], items: ReadonlyMap<Id, IntelItem>): GradeStrength {
  let best: GradeStrength = 'weak';
  for (const s of sources) {
    const item = items.get(s);
    if (item) best = strongerOf(best, gradeStrength(item.grading));
  }
  return best;
}

/** The cited item with the strongest grading (the first of equals), if any is known. */
export function strongestItem(sources: readonly Id[], items: ReadonlyMap<Id, IntelItem>): IntelItem | undefined {
  let best: IntelItem | undefined;
  for (const s of sources) {
    const item = items.get(s);
    if (item && (!best || STRENGTH_ORDER[gradeStrength(item.grading)] > STRENGTH_ORDER[gradeStrength(best.grading)])) best = item;
  }
  return best;
}

/** "Northshire Police NP/2024/0001 (2C P)": agency, reference and grade of a source. */
export function sourceText(item: IntelItem, options: { withholdReference?: boolean } = {}): string {
  const ref = options.withholdReference ? '(reference withheld)' : item.reference.trim();
  return `${item.agency.trim()}${ref ? ` ${ref}` : ''} (${gradingCode(item.grading)})`;
}

export function isPseudonymised(e: Entity, pseudonyms: ReadonlyMap<Id, string> | undefined): boolean {
  return e.kind === 'person' && !!pseudonyms?.has(e.id);
}

/** The label shown for an entity: its pseudonym when it has one, else its usual label. */
export function displayLabel(e: Entity, pseudonyms: ReadonlyMap<Id, string> | undefined): string {
  return (e.kind === 'person' ? pseudonyms?.get(e.id) : undefined) ?? entityLabel(e);
}

function positionLookup(input: ChartExportInput): (id: Id) => Point | undefined {
  const p = input.positions;
  if (!p) return () => undefined;
  if (p instanceof Map) return (id) => (p as ReadonlyMap<Id, Point>).get(id);
  const rec = p as Readonly<Record<Id, Point>>;
  return (id) => (Object.prototype.hasOwnProperty.call(rec, id) ? rec[id] : undefined);
}

/** Positions for every entity: the given ones, and a grid below them for the rest. Rounded to whole units. */
export function placeEntities(input: ChartExportInput, entities: readonly Entity[]): Map<Id, Point> {
  const get = positionLookup(input);
  const out = new Map<Id, Point>();
  let maxY = 0;
  const missing: Entity[] = [];
  for (const e of entities) {
    const p = get(e.id);
    if (p && Number.isFinite(p.x) && Number.isFinite(p.y)) {
      out.set(e.id, { x: Math.round(p.x), y: Math.round(p.y) });
      maxY = Math.max(maxY, Math.round(p.y));
    } else missing.push(e);
  }
  const cols = Math.max(1, Math.ceil(Math.sqrt(missing.length)));
  const top = out.size ? maxY + 200 : 0;
  missing.forEach((e, i) => out.set(e.id, { x: (i % cols) * 150, y: top + Math.floor(i / cols) * 150 }));
  return out;
}

/** The chart's entities (not merged away) and the links between them, in a stable order. */
export function chartContents(input: ChartExportInput): { entities: Entity[]; links: Link[]; items: Map<Id, IntelItem> } {
  const seen = new Set<Id>();
  const entities: Entity[] = [];
  for (const e of input.entities) {
    if (e.mergedInto || seen.has(e.id)) continue;
    seen.add(e.id);
    entities.push(e);
  }
  const linkIds = new Set<Id>();
  const links = input.links.filter((l) => {
    if (!seen.has(l.from) || !seen.has(l.to) || linkIds.has(l.id)) return false;
    linkIds.add(l.id);
    return true;
  });
  return { entities, links, items: new Map(input.items.map((i) => [i.id, i])) };
}

/** One edge per pair and link type: parallel links of a type are counted, their dates spanned, their best grade kept. */
export interface AggregatedEdge {
  id: string;
  source: Id;
  target: Id;
  type: LinkType;
  label: string;
  directed: boolean;
  count: number;
  strength: GradeStrength;
  dateFrom?: IsoDate;
  dateTo?: IsoDate;
  linkIds: Id[];
  sources: Id[];
}

export function aggregateLinks(links: readonly Link[], items: ReadonlyMap<Id, IntelItem>): AggregatedEdge[] {
  const edges = new Map<string, AggregatedEdge>();
  for (const l of links) {
    const directed = !SYMMETRIC_LINK_TYPES.has(l.type);
    const [a, b] = directed || l.from < l.to ? [l.from, l.to] : [l.to, l.from];
    const key = `${a}|${b}|${l.type}`;
    const strength = bestStrength(l.sources, items);
    const prev = edges.get(key);
    if (prev) {
      prev.count++;
      prev.linkIds.push(l.id);
      for (const s of l.sources) if (!prev.sources.includes(s)) prev.sources.push(s);
      prev.strength = strongerOf(prev.strength, strength);
      if (l.dateFrom && (!prev.dateFrom || l.dateFrom < prev.dateFrom)) prev.dateFrom = l.dateFrom;
      if (l.dateTo && (!prev.dateTo || l.dateTo > prev.dateTo)) prev.dateTo = l.dateTo;
      continue;
    }
    edges.set(key, {
      id: `e${edges.size + 1}`,
      source: a,
      target: b,
      type: l.type,
      label: LINK_TYPE_LABEL[l.type],
      directed,
      count: 1,
      strength,
      ...(l.dateFrom ? { dateFrom: l.dateFrom } : {}),
      ...(l.dateTo ? { dateTo: l.dateTo } : {}),
      linkIds: [l.id],
      sources: [...l.sources],
    });
  }
  return [...edges.values()];
}

/** The agencies behind a list of item ids, once each, in order. */
export function agenciesOf(sources: Iterable<Id>, items: ReadonlyMap<Id, IntelItem>): string[] {
  const out = new Set<string>();
  for (const s of sources) {
    const a = items.get(s)?.agency.trim();
    if (a) out.add(a);
  }
  return [...out];
}
