/**
 * The report's automatic figures, computed from the workspace (pure; no React, Dexie or DOM).
 *
 *   computeFigures(data, { period, today, ... }): ReportFigures
 *   diffSince(previousIds, data): ReportDiff
 *   youngPersonPseudonyms(entities): Map<id, 'YP-01'...>   (the same numbering as the chart's pseudonyms)
 *
 * Every figure is a small table (caption, typed columns, rows) with a one-line summary sentence whose
 * numbers are kept apart (`{0}`, `{1}`... in the template) so that a recipient profile can suppress small
 * counts in the sentence as well as in the table (recipients.ts). Cells hold raw values (numbers are not
 * formatted here).
 *
 * Safe for any audience's main body by construction: young people at risk appear only by pseudonym, and
 * victim-side places (a young person's home, placement, school or care home: geo/generalise.ts) only
 * generalised to their postcode district. What a profile must not see at all (withheld items) is removed
 * from the data *before* the figures are computed (recipients.ts, `recipientData`).
 *
 * The figures: counts and trends by period; young people by risk level and by age band and sex; missing
 * episodes; contributions per agency; completeness (% unknown per key field); grading and handling;
 * key individuals by betweenness and degree with their roles; groups (Louvain); hot spots and businesses
 * with the number of items about each; vehicles and phones linked to two or more people; and, when a
 * previous frozen version is given, what changed since it.
 *
 * Cost: the demo (450 entities, 600 links, 900 items) takes ~30-60 ms in Node. The network figures run
 * exact betweenness on every entity and link, O(n·m) (src/domain/network: 10,000 entities and 50,000
 * links take several seconds), so past `maxBetweennessNodes` (5,000) people are ranked by their links
 * alone; pass `analysis` and `communities` computed elsewhere (the chart's network worker) to keep
 * betweenness for a large workspace.
 */
import { gradeStrength, type Grading } from '../grading';
import { victimSidePlaces } from '../geo/generalise';
import { entityLabel, HOTSPOT_TYPE_LABEL } from '../labels';
import {
  AGENCY_TYPE_LABEL,
  BUSINESS_TYPE_LABEL,
  ROLE_LABEL,
  type CrimeEvent,
  type Entity,
  type Id,
  type IntelItem,
  type IsoDate,
  type Link,
  type Person,
  type Role,
  type Workspace,
} from '../model';
import { analyseNetworkSync, buildGraph, degreeOf, louvain, type LouvainResult, type NetworkAnalysis } from '../network';
import { ageOn, isIsoDate } from '../normalise';
import { entitySources } from '../provenance';

// ---------------------------------------------------------------- types

export const FIGURE_IDS = [
  'counts',
  'yp-risk',
  'yp-age-sex',
  'missing',
  'agencies',
  'completeness',
  'grading',
  'key-individuals',
  'groups',
  'places',
  'vehicles-phones',
  'changes',
] as const;
export type FigureId = (typeof FIGURE_IDS)[number];

export const FIGURE_TITLE: Record<FigureId, string> = {
  counts: 'Intelligence, people and links by period',
  'yp-risk': 'Young people at risk by risk level',
  'yp-age-sex': 'Young people at risk by age band and sex',
  missing: 'Missing episodes',
  agencies: 'Contributions by agency',
  completeness: 'Completeness: records with key fields unknown',
  grading: 'Intelligence by grading and handling',
  'key-individuals': 'Key individuals by network measures',
  groups: 'Groups found in the network',
  places: 'Hot spots and businesses',
  'vehicles-phones': 'Vehicles and phones linked to several people',
  changes: 'Changes since the previous version',
};

/** The workspace as the figures see it (the cache's snapshot, or a recipient's filtered copy). */
export interface ReportData {
  workspace: Workspace;
  entities: readonly Entity[];
  links: readonly Link[];
  items: readonly IntelItem[];
  events?: readonly CrimeEvent[];
}

/**
 * text: words; count: a number of things (suppressed below 5 for boards); percent: 0-100, derived from the
 * count in column `of` (hidden with it); measure: a network measure (0-1); list: names of people or things
 * (left out for audiences that get no nominal lists); date: an ISO date.
 */
export type ColumnKind = 'text' | 'count' | 'percent' | 'measure' | 'list' | 'date';
export interface FigureColumn {
  label: string;
  kind: ColumnKind;
  of?: number;
}
export type FigureCell = string | number | null;

/** A sentence with its numbers apart: "{0} young people..." with counts [12]. Counts are suppressible. */
export interface FigureSentence {
  template: string;
  counts: number[];
}

export interface FigureTable {
  id: FigureId;
  caption: string;
  columns: FigureColumn[];
  rows: FigureCell[][];
  /** Indexes of rows that are totals (shown in bold). */
  totalRows?: number[];
  summary: FigureSentence;
  /** How the figure was worked out, when the reader needs to know (shown under the table). */
  note?: string;
}

export interface Period {
  key: string;
  label: string;
  from: IsoDate;
  to: IsoDate;
}

export interface ReportFigures {
  today: IsoDate;
  period: 'month' | 'quarter';
  periods: Period[];
  /** Earliest and latest date of intelligence (or recorded) among the items. */
  dataRange: { from: IsoDate; to: IsoDate } | null;
  totals: { people: number; youngPeople: number; offenders: number; links: number; items: number; hotspots: number; businesses: number; vehicles: number; phones: number };
  /** Items left out of the data the figures were computed on (recipients.ts checks this). */
  withheldItemIds: Id[];
  figures: Record<FigureId, FigureTable>;
}

export interface FigureOptions {
  period: 'month' | 'quarter';
  today: IsoDate;
  /** How many periods the counts cover (default 12 months or 8 quarters). */
  periods?: number;
  /** Degree and betweenness computed elsewhere on these data's entities and links (ids = entity ids). */
  analysis?: NetworkAnalysis;
  /** Louvain on the same graph (node order = analysis.ids). */
  communities?: LouvainResult;
  /** Pseudonyms of the whole workspace (default: from data.entities); pass them when data is filtered. */
  pseudonyms?: ReadonlyMap<Id, string>;
  /** The previous frozen version's ids, for the "changes" figure. */
  previous?: PreviousIds;
  /** Recorded in the result: the items that were removed from `data` before computing. */
  withheldItemIds?: readonly Id[];
  /** Rows in the key-individual list, the places and the vehicle/phone tables (default 10, 20 and 20). */
  top?: number;
  /** Above this many entities, betweenness is not computed (ranked by links) unless `analysis` is given. Default 5,000. */
  maxBetweennessNodes?: number;
}

export interface PreviousIds {
  version: number;
  frozenAt?: string;
  entityIds: readonly Id[];
  linkIds: readonly Id[];
  personIds: readonly Id[];
  hotspotIds: readonly Id[];
}

// ---------------------------------------------------------------- people helpers

const OFFENDER_ROLES: readonly Role[] = ['organiser', 'facilitator', 'abuser'];
/** Role shown first for a person with several (the same order as the chart's ROLE_PRIORITY). */
const ROLE_ORDER: readonly Role[] = ['organiser', 'facilitator', 'abuser', 'young-person-at-risk', 'associate', 'witness', 'professional'];

export const isYoungPerson = (e: Entity): boolean => e.kind === 'person' && e.roles.some((r) => r.value === 'young-person-at-risk');
export const isOffender = (e: Entity): boolean => e.kind === 'person' && e.roles.some((r) => OFFENDER_ROLES.includes(r.value));

/** The person's roles, strongest first, as words ("Organiser, Associate"); "Not recorded" when none. */
export function rolesText(e: Entity): string {
  if (e.kind !== 'person') return '';
  const roles = new Set(e.roles.map((r) => r.value));
  const list = ROLE_ORDER.filter((r) => roles.has(r)).map((r) => ROLE_LABEL[r]);
  return list.length ? list.join(', ') : 'Not recorded';
}

/**
 * Stable pseudonyms for the young people at risk: YP-01, YP-02... in the order first recorded (then id),
 * exactly as src/graph/toElements.ts `pseudonyms` numbers them, so the report and the chart agree.
 */
export function youngPersonPseudonyms(entities: Iterable<Entity>): Map<Id, string> {
  const yps = [...entities].filter((e) => !e.mergedInto && isYoungPerson(e));
  yps.sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1));
  const width = Math.max(2, String(yps.length).length);
  return new Map(yps.map((e, i) => [e.id, `YP-${String(i + 1).padStart(width, '0')}`]));
}

/** Age in whole years on `today`, from the date of birth or the estimate (moved on by the time since). */
export function ageOf(p: Person, today: IsoDate): number | null {
  if (p.dob) {
    const a = ageOn(p.dob.value, today);
    if (a !== null && a >= 0) return a;
  }
  if (p.estimatedAge && isIsoDate(p.estimatedAge.value.asOf)) {
    const since = ageOn(p.estimatedAge.value.asOf, today);
    return p.estimatedAge.value.years + Math.max(0, since ?? 0);
  }
  return null;
}

export const AGE_BANDS = ['Under 13', '13 to 15', '16 to 17', '18 and over', 'Unknown'] as const;
export function ageBand(age: number | null): (typeof AGE_BANDS)[number] {
  if (age === null) return 'Unknown';
  if (age < 13) return 'Under 13';
  if (age < 16) return '13 to 15';
  if (age < 18) return '16 to 17';
  return '18 and over';
}

/** The postcode district of a place: its postcode, its address, or the address it is located at. */
export function outcodeOf(e: Entity, byId: ReadonlyMap<Id, Entity>, locatedAt: ReadonlyMap<Id, Id[]>): string | null {
  const fromAddress = (a: Entity | undefined): string | null =>
    a?.kind === 'address' && a.postcode?.value ? (a.postcode.value.trim().toUpperCase().split(/\s+/)[0] ?? null) : null;
  if (e.kind === 'address') return fromAddress(e);
  if (e.kind === 'hotspot' && e.addressId) {
    const o = fromAddress(byId.get(e.addressId));
    if (o) return o;
  }
  for (const other of locatedAt.get(e.id) ?? []) {
    const o = fromAddress(byId.get(other));
    if (o) return o;
  }
  return null;
}

/**
 * How the main body names an entity: young people by pseudonym; victim-side places generalised to their
 * postcode district; everything else by its label.
 */
export interface Namer {
  name(e: Entity): string;
  pseudonyms: ReadonlyMap<Id, string>;
  victimSide: ReadonlyMap<Id, string>;
}

export function makeNamer(data: Pick<ReportData, 'entities' | 'links'>, pseudonyms: ReadonlyMap<Id, string>): Namer {
  const byId = new Map(data.entities.map((e) => [e.id, e]));
  const locatedAt = new Map<Id, Id[]>();
  for (const l of data.links) {
    if (l.type !== 'located-at') continue;
    (locatedAt.get(l.from) ?? locatedAt.set(l.from, []).get(l.from)!).push(l.to);
    (locatedAt.get(l.to) ?? locatedAt.set(l.to, []).get(l.to)!).push(l.from);
  }
  const victimSide = victimSidePlaces(data.entities as Entity[], data.links as Link[]);
  return {
    pseudonyms,
    victimSide,
    name(e: Entity): string {
      const p = pseudonyms.get(e.id);
      if (p) return p;
      // A person recorded as a young person only in this (filtered) copy still gets a generic name.
      if (isYoungPerson(e)) return 'Young person (pseudonym not assigned)';
      const reason = victimSide.get(e.id);
      if (reason) {
        const outcode = outcodeOf(e, byId, locatedAt);
        return `${reason} (generalised${outcode ? ` to postcode district ${outcode}` : ''})`;
      }
      return entityLabel(e);
    },
  };
}

// ---------------------------------------------------------------- dates and periods

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number): string => String(n).padStart(2, '0');
const lastDay = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

function periodOf(y: number, m: number, period: 'month' | 'quarter'): Period {
  if (period === 'month')
    return { key: `${y}-${pad2(m)}`, label: `${MONTHS[m - 1]} ${y}`, from: `${y}-${pad2(m)}-01`, to: `${y}-${pad2(m)}-${pad2(lastDay(y, m))}` };
  const q = Math.floor((m - 1) / 3) + 1;
  const m1 = (q - 1) * 3 + 1;
  const m3 = m1 + 2;
  return {
    key: `${y}-Q${q}`,
    label: `Q${q} ${y} (${MONTHS[m1 - 1]}–${MONTHS[m3 - 1]})`,
    from: `${y}-${pad2(m1)}-01`,
    to: `${y}-${pad2(m3)}-${pad2(lastDay(y, m3))}`,
  };
}

/** The `n` complete periods up to `today` (the period holding today counts only when today is its last day). */
export function periodsUpTo(today: IsoDate, period: 'month' | 'quarter', n: number): Period[] {
  let y = Number(today.slice(0, 4));
  let m = Number(today.slice(5, 7));
  const step = period === 'month' ? 1 : 3;
  if (period === 'quarter') m = Math.floor((m - 1) / 3) * 3 + 1;
  if (periodOf(y, m, period).to !== today) {
    m -= step;
    if (m < 1) {
      m += 12;
      y--;
    }
  }
  const out: Period[] = [];
  for (let i = 0; i < n; i++) {
    out.unshift(periodOf(y, m, period));
    m -= step;
    if (m < 1) {
      m += 12;
      y--;
    }
  }
  return out;
}

function periodIndex(periods: readonly Period[]): (date: string | undefined) => number {
  return (date) => {
    if (!date) return -1;
    const d = date.slice(0, 10);
    // Few periods: a linear scan is fine.
    for (let i = 0; i < periods.length; i++) if (d >= periods[i]!.from && d <= periods[i]!.to) return i;
    return -1;
  };
}

const itemDate = (i: IntelItem): IsoDate => i.dateOfIntelligence ?? i.dateRecorded;

// ---------------------------------------------------------------- diff

export interface ReportDiff {
  newPeople: Id[];
  newYoungPeople: Id[];
  newOffenders: Id[];
  newLinks: Id[];
  newHotspots: Id[];
  newBusinesses: Id[];
  /** People of the previous version no longer in the picture (merged into another record, or erased). */
  gonePeople: Id[];
  goneLinks: Id[];
}

/** What is new in `data` since a frozen version (entity and link ids compared; merged records excluded). */
export function diffSince(previous: Pick<PreviousIds, 'entityIds' | 'linkIds' | 'personIds'>, data: Pick<ReportData, 'entities' | 'links'>): ReportDiff {
  const prevEntities = new Set(previous.entityIds);
  const prevLinks = new Set(previous.linkIds);
  const live = data.entities.filter((e) => !e.mergedInto);
  const liveIds = new Set(live.map((e) => e.id));
  const fresh = live.filter((e) => !prevEntities.has(e.id));
  const linkIds = new Set(data.links.map((l) => l.id));
  return {
    newPeople: fresh.filter((e) => e.kind === 'person').map((e) => e.id),
    newYoungPeople: fresh.filter(isYoungPerson).map((e) => e.id),
    newOffenders: fresh.filter(isOffender).map((e) => e.id),
    newLinks: data.links.filter((l) => !prevLinks.has(l.id)).map((l) => l.id),
    newHotspots: fresh.filter((e) => e.kind === 'hotspot').map((e) => e.id),
    newBusinesses: fresh.filter((e) => e.kind === 'business').map((e) => e.id),
    gonePeople: previous.personIds.filter((id) => !liveIds.has(id)),
    goneLinks: previous.linkIds.filter((id) => !linkIds.has(id)),
  };
}

// ---------------------------------------------------------------- the figures

const pct = (n: number, d: number): number | null => (d > 0 ? Math.round((n / d) * 1000) / 10 : null);

function listText(names: readonly string[], max = 6): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

function trendWord(now: number, before: number): string {
  if (now > before) return 'up from';
  if (now < before) return 'down from';
  return 'the same as';
}

/** Missing episodes are not an event type yet: items reporting a young person missing are counted. */
const MISSING_RE = /\breported missing\b|\bmissing from (?:home|care|placement|school|the (?:care )?home)\b|\bmissing episode\b(?!s)/i;
const RHI_RE = /return home interview (completed|declined|not yet done|not done|offered)/i;

export function computeFigures(data: ReportData, options: FigureOptions): ReportFigures {
  const { today, period } = options;
  const top = options.top ?? 20;
  const periods = periodsUpTo(today, period, options.periods ?? (period === 'month' ? 12 : 8));
  const inPeriod = periodIndex(periods);
  const entities = data.entities.filter((e) => !e.mergedInto);
  const byId = new Map(entities.map((e) => [e.id, e]));
  const links = data.links.filter((l) => byId.has(l.from) && byId.has(l.to));
  const items = data.items;
  const itemById = new Map(items.map((i) => [i.id, i]));
  const pseudonyms = options.pseudonyms ?? youngPersonPseudonyms(data.entities);
  const namer = makeNamer({ entities, links }, pseudonyms);
  const people = entities.filter((e): e is Person => e.kind === 'person');
  const yps = people.filter(isYoungPerson);
  const offenders = people.filter(isOffender);

  // Items per entity (its facts) and per link end.
  const linksOf = new Map<Id, Link[]>();
  for (const l of links) {
    (linksOf.get(l.from) ?? linksOf.set(l.from, []).get(l.from)!).push(l);
    (linksOf.get(l.to) ?? linksOf.set(l.to, []).get(l.to)!).push(l);
  }
  const sourcesOf = new Map<Id, Id[]>();
  for (const e of entities) sourcesOf.set(e.id, entitySources(e));
  const firstRecorded = (e: Entity): IsoDate => {
    let first = '';
    for (const s of sourcesOf.get(e.id) ?? []) {
      const it = itemById.get(s);
      const d = it ? itemDate(it) : '';
      if (d && (!first || d < first)) first = d;
    }
    return first || e.createdAt.slice(0, 10);
  };
  const linkDate = (l: Link): IsoDate => {
    if (l.dateFrom) return l.dateFrom;
    let first = '';
    for (const s of l.sources) {
      const it = itemById.get(s);
      const d = it ? itemDate(it) : '';
      if (d && (!first || d < first)) first = d;
    }
    return first || l.createdAt.slice(0, 10);
  };

  let dataRange: ReportFigures['dataRange'] = null;
  for (const i of items) {
    const d = itemDate(i);
    if (!dataRange) dataRange = { from: d, to: d };
    else {
      if (d < dataRange.from) dataRange.from = d;
      if (d > dataRange.to) dataRange.to = d;
    }
  }

  // Missing episodes (needed by counts and the missing figure).
  const ypIds = new Set(yps.map((e) => e.id));
  const missingItems = new Map<Id, Set<Id>>(); // item -> young people it is about
  const noteMissing = (itemId: Id, personId: Id): void => {
    const it = itemById.get(itemId);
    if (!it) return;
    (missingItems.get(itemId) ?? missingItems.set(itemId, new Set()).get(itemId)!).add(personId);
  };
  for (const yp of yps) {
    for (const n of yp.notes) if (/^\s*missing episode\b/i.test(n.value) || MISSING_RE.test(n.value)) n.sources.forEach((s) => noteMissing(s, yp.id));
    for (const s of sourcesOf.get(yp.id) ?? []) {
      const it = itemById.get(s);
      if (it && MISSING_RE.test(it.text)) noteMissing(s, yp.id);
    }
  }
  for (const l of links) {
    const yp = ypIds.has(l.from) ? l.from : ypIds.has(l.to) ? l.to : null;
    if (!yp) continue;
    for (const s of l.sources) {
      const it = itemById.get(s);
      if (it && MISSING_RE.test(it.text)) noteMissing(s, yp);
    }
  }

  const figures = {} as Record<FigureId, FigureTable>;

  // ---- counts and trends
  {
    const hasEvents = (data.events?.length ?? 0) > 0;
    const rows = periods.map((): number[] => [0, 0, 0, 0, 0, 0]);
    for (const i of items) {
      const k = inPeriod(itemDate(i));
      if (k >= 0) rows[k]![0]!++;
    }
    for (const p of people) {
      const k = inPeriod(firstRecorded(p));
      if (k < 0) continue;
      rows[k]![1]!++;
      if (ypIds.has(p.id)) rows[k]![2]!++;
    }
    for (const l of links) {
      const k = inPeriod(linkDate(l));
      if (k >= 0) rows[k]![3]!++;
    }
    for (const itemId of missingItems.keys()) {
      const k = inPeriod(itemDate(itemById.get(itemId)!));
      if (k >= 0) rows[k]![4]!++;
    }
    if (hasEvents)
      for (const ev of data.events ?? []) {
        const k = inPeriod(`${ev.month}-01`);
        if (k >= 0) rows[k]![5]!++;
      }
    const totals = [0, 1, 2, 3, 4, 5].map((c) => rows.reduce((s, r) => s + r[c]!, 0));
    const columns: FigureColumn[] = [
      { label: period === 'month' ? 'Month' : 'Quarter', kind: 'text' },
      { label: 'Intelligence items', kind: 'count' },
      { label: 'People first recorded', kind: 'count' },
      { label: 'of whom young people at risk', kind: 'count' },
      { label: 'Links', kind: 'count' },
      { label: 'Missing episodes', kind: 'count' },
    ];
    if (hasEvents) columns.push({ label: 'Published crimes', kind: 'count' });
    const width = hasEvents ? 6 : 5;
    const last = rows.length - 1;
    const lastP = periods[last];
    const prevP = periods[last - 1];
    const summary: FigureSentence =
      lastP && prevP
        ? {
            template: `In ${lastP.label}, {0:intelligence item was|intelligence items were} recorded, ${trendWord(rows[last]![0]!, rows[last - 1]![0]!)} {1} in ${prevP.label}; {2:person was|people were} first recorded, {3} of them young people at risk (${trendWord(rows[last]![2]!, rows[last - 1]![2]!)} {4}).`,
            counts: [rows[last]![0]!, rows[last - 1]![0]!, rows[last]![1]!, rows[last]![2]!, rows[last - 1]![2]!],
          }
        : { template: 'No complete period to count yet.', counts: [] };
    figures.counts = {
      id: 'counts',
      caption: FIGURE_TITLE.counts,
      columns,
      rows: [...periods.map((p, k) => [p.label, ...rows[k]!.slice(0, width)]), ['Total', ...totals.slice(0, width)]],
      totalRows: [periods.length],
      summary,
      note: `Items are dated by the date of intelligence (or the date recorded when that is not known); people by the earliest item about them; links by their start date. Only complete ${period === 'month' ? 'months' : 'quarters'} are shown.`,
    };
  }

  // ---- young people by risk level
  {
    const levels = ['high', 'medium', 'low', 'unknown'] as const;
    const label = { high: 'High', medium: 'Medium', low: 'Low', unknown: 'Unknown or not recorded' };
    const count = { high: 0, medium: 0, low: 0, unknown: 0 };
    const recent = { high: 0, medium: 0, low: 0, unknown: 0 };
    const first = periods[0]?.from ?? '';
    for (const yp of yps) {
      const r = yp.riskLevel?.value ?? 'unknown';
      count[r]++;
      if (first && firstRecorded(yp) >= first) recent[r]++;
    }
    figures['yp-risk'] = {
      id: 'yp-risk',
      caption: FIGURE_TITLE['yp-risk'],
      columns: [
        { label: 'Risk level', kind: 'text' },
        { label: 'Young people', kind: 'count' },
        { label: '% of young people', kind: 'percent', of: 1 },
        { label: 'First recorded in the period covered', kind: 'count' },
      ],
      rows: [
        ...levels.map((l) => [label[l], count[l], pct(count[l], yps.length), recent[l]]),
        ['Total', yps.length, yps.length ? 100 : null, levels.reduce((s, l) => s + recent[l], 0)],
      ],
      totalRows: [levels.length],
      summary: { template: '{0:young person is|young people are} assessed as at risk; {1} at high risk, {2} at medium risk, and {3} with no risk level recorded.', counts: [yps.length, count.high, count.medium, count.unknown] },
    };
  }

  // ---- young people by age band and sex
  {
    const cols = ['female', 'male', 'other'] as const;
    const table = new Map(AGE_BANDS.map((b) => [b, { female: 0, male: 0, other: 0 }]));
    for (const yp of yps) {
      const band = ageBand(ageOf(yp, today));
      const sex = yp.sex.value === 'female' || yp.sex.value === 'male' ? yp.sex.value : 'other';
      table.get(band)![sex]++;
    }
    const rows: FigureCell[][] = AGE_BANDS.map((b) => {
      const r = table.get(b)!;
      return [b, r.female, r.male, r.other, r.female + r.male + r.other];
    });
    const tot = cols.map((c) => yps.filter((yp) => (yp.sex.value === 'female' || yp.sex.value === 'male' ? yp.sex.value : 'other') === c).length);
    rows.push(['Total', ...tot, yps.length]);
    const under16 = (table.get('Under 13')!.female + table.get('Under 13')!.male + table.get('Under 13')!.other) +
      (table.get('13 to 15')!.female + table.get('13 to 15')!.male + table.get('13 to 15')!.other);
    figures['yp-age-sex'] = {
      id: 'yp-age-sex',
      caption: FIGURE_TITLE['yp-age-sex'],
      columns: [
        { label: 'Age band', kind: 'text' },
        { label: 'Female', kind: 'count' },
        { label: 'Male', kind: 'count' },
        { label: 'Other or unknown', kind: 'count' },
        { label: 'Total', kind: 'count' },
      ],
      rows,
      totalRows: [AGE_BANDS.length],
      summary: { template: 'Of {0:young person|young people} at risk, {1} {1?is|are} female and {2} {2?is|are} under 16.', counts: [yps.length, tot[0]!, under16] },
      note: `Ages on ${today}, from the date of birth or an estimated age.`,
    };
  }

  // ---- missing episodes
  {
    const rows = periods.map(() => ({ episodes: 0, people: new Set<Id>(), completed: 0, declined: 0, other: 0 }));
    for (const [itemId, who] of missingItems) {
      const it = itemById.get(itemId)!;
      const k = inPeriod(itemDate(it));
      if (k < 0) continue;
      const r = rows[k]!;
      r.episodes++;
      who.forEach((p) => r.people.add(p));
      const rhi = RHI_RE.exec(it.text)?.[1]?.toLowerCase();
      if (rhi === 'completed') r.completed++;
      else if (rhi === 'declined') r.declined++;
      else r.other++;
    }
    const allPeople = new Set<Id>();
    rows.forEach((r) => r.people.forEach((p) => allPeople.add(p)));
    const sum = (f: (r: (typeof rows)[number]) => number): number => rows.reduce((s, r) => s + f(r), 0);
    const episodes = sum((r) => r.episodes);
    const completed = sum((r) => r.completed);
    figures.missing = {
      id: 'missing',
      caption: FIGURE_TITLE.missing,
      columns: [
        { label: period === 'month' ? 'Month' : 'Quarter', kind: 'text' },
        { label: 'Missing episodes', kind: 'count' },
        { label: 'Young people', kind: 'count' },
        { label: 'Return home interview completed', kind: 'count' },
        { label: 'Declined', kind: 'count' },
        { label: 'Not done or not recorded', kind: 'count' },
      ],
      rows: [
        ...periods.map((p, k) => {
          const r = rows[k]!;
          return [p.label, r.episodes, r.people.size, r.completed, r.declined, r.other];
        }),
        ['Total', episodes, allPeople.size, completed, sum((r) => r.declined), sum((r) => r.other)],
      ],
      totalRows: [periods.length],
      summary: { template: '{0:missing episode|missing episodes} of {1:young person|young people} {0?was|were} recorded in the period covered; a return home interview was completed after {2}.', counts: [episodes, allPeople.size, completed] },
      note: 'Missing episodes are not yet recorded as events in Linkwall: this counts intelligence items about a young person at risk whose text reports them missing (or that a note records as a missing episode), with the return home interview as the item states it. Treat as a minimum.',
    };
  }

  // ---- agencies
  {
    const by = new Map<string, { type: IntelItem['agencyType']; items: number; recent: number; ungraded: number }>();
    for (const i of items) {
      const a = by.get(i.agency) ?? by.set(i.agency, { type: i.agencyType, items: 0, recent: 0, ungraded: 0 }).get(i.agency)!;
      a.items++;
      if (inPeriod(itemDate(i)) >= 0) a.recent++;
      if (i.grading.scheme === 'ungraded') a.ungraded++;
    }
    const list = [...by.entries()].sort((a, b) => b[1].items - a[1].items || a[0].localeCompare(b[0]));
    const nonPolice = items.filter((i) => i.agencyType !== 'police').length;
    figures.agencies = {
      id: 'agencies',
      caption: FIGURE_TITLE.agencies,
      columns: [
        { label: 'Agency', kind: 'text' },
        { label: 'Type', kind: 'text' },
        { label: 'Intelligence items', kind: 'count' },
        { label: '% of items', kind: 'percent', of: 2 },
        { label: 'In the period covered', kind: 'count' },
        { label: 'Ungraded', kind: 'count' },
      ],
      rows: [
        ...list.map(([name, a]) => [name, AGENCY_TYPE_LABEL[a.type], a.items, pct(a.items, items.length), a.recent, a.ungraded]),
        ['Total', '', items.length, items.length ? 100 : null, list.reduce((s, [, a]) => s + a.recent, 0), list.reduce((s, [, a]) => s + a.ungraded, 0)],
      ],
      totalRows: [list.length],
      summary: { template: `${by.size} agenc${by.size === 1 ? 'y' : 'ies'} contributed {0:intelligence item|intelligence items}; {1} came from partners other than the police.`, counts: [items.length, nonPolice] },
    };
  }

  // ---- completeness
  {
    const groups = [people, yps, offenders] as const;
    const unknownEthnicity = (p: Person): boolean => p.ethnicity.value === 'unknown' || p.ethnicity.value === 'not-stated';
    const unknownAge = (p: Person): boolean => !p.dob && !p.estimatedAge;
    const unknownSex = (p: Person): boolean => p.sex.value === 'unknown';
    const unknownRisk = (p: Person): boolean => !p.riskLevel || p.riskLevel.value === 'unknown';
    const noRole = (p: Person): boolean => p.roles.length === 0;
    const fields: [string, (p: Person) => boolean][] = [
      ['Ethnicity', unknownEthnicity],
      ['Age (no date of birth or estimate)', unknownAge],
      ['Sex', unknownSex],
      ['Risk level', unknownRisk],
      ['Role', noRole],
    ];
    const rows: FigureCell[][] = [['Records', ...groups.flatMap((g) => [g.length, null])]];
    for (const [label, test] of fields) {
      rows.push([
        label,
        ...groups.flatMap((g) => {
          // A risk level is assessed for young people, not offenders.
          if (test === unknownRisk && g === offenders) return [null, null];
          const n = g.filter(test).length;
          return [n, pct(n, g.length)];
        }),
      ]);
    }
    const noDate = items.filter((i) => !i.dateOfIntelligence).length;
    const ethnicityYp = yps.filter(unknownEthnicity).length;
    figures.completeness = {
      id: 'completeness',
      caption: FIGURE_TITLE.completeness,
      columns: [
        { label: 'Field', kind: 'text' },
        { label: 'All people: unknown', kind: 'count' },
        { label: '%', kind: 'percent', of: 1 },
        { label: 'Young people at risk: unknown', kind: 'count' },
        { label: '%', kind: 'percent', of: 3 },
        { label: 'Offenders: unknown', kind: 'count' },
        { label: '%', kind: 'percent', of: 5 },
      ],
      rows,
      summary: {
        template: 'Ethnicity is unknown for {0} of {1:person|people} and for {2} of {3:young person|young people} at risk; {4:intelligence item has|intelligence items have} no date of intelligence.',
        counts: [people.filter(unknownEthnicity).length, people.length, ethnicityYp, yps.length, noDate],
      },
      note: 'Offenders are people recorded as organiser, facilitator or abuser (risk level does not apply to them). Ethnicity counts "not stated" as unknown. The first row gives the number of records in each group.',
    };
  }

  // ---- grading and handling
  {
    const rowsDef: [string, string, (g: Grading) => boolean][] = [
      ['Handling', '3x5x2 P: lawful sharing permitted', (g) => g.scheme === '3x5x2' && g.handling === 'P'],
      ['Handling', '3x5x2 C: sharing with conditions', (g) => g.scheme === '3x5x2' && g.handling === 'C' && g.sanitisation !== 'S2'],
      ['Handling', '3x5x2 C with S2: no sanitisation without the originator', (g) => g.scheme === '3x5x2' && g.handling === 'C' && g.sanitisation === 'S2'],
      ['Handling', '5x5x5 handling 1 to 3', (g) => g.scheme === '5x5x5' && ['1', '2', '3'].includes(g.handling)],
      ['Handling', '5x5x5 handling 4: originating agency only', (g) => g.scheme === '5x5x5' && g.handling === '4'],
      ['Handling', '5x5x5 handling 5: no further dissemination', (g) => g.scheme === '5x5x5' && g.handling === '5'],
      ['Handling', 'Ungraded (partner information)', (g) => g.scheme === 'ungraded'],
      ['Assessment', 'Strong: A or B (3x5x2), 1 or 2 (5x5x5)', (g) => g.scheme !== 'ungraded' && gradeStrength(g) === 'strong'],
      ['Assessment', 'Medium: C or D (3x5x2), 3 or 4 (5x5x5)', (g) => g.scheme !== 'ungraded' && gradeStrength(g) === 'medium'],
      ['Assessment', 'Weak: E (3x5x2), 5 (5x5x5)', (g) => g.scheme !== 'ungraded' && gradeStrength(g) === 'weak'],
    ];
    const rows = rowsDef.map(([group, label, test]) => {
      const n = items.filter((i) => test(i.grading)).length;
      return [group, label, n, pct(n, items.length)] as FigureCell[];
    });
    const graded = items.filter((i) => i.grading.scheme !== 'ungraded').length;
    figures.grading = {
      id: 'grading',
      caption: FIGURE_TITLE.grading,
      columns: [
        { label: 'Part', kind: 'text' },
        { label: 'Grading', kind: 'text' },
        { label: 'Items', kind: 'count' },
        { label: '% of items', kind: 'percent', of: 2 },
      ],
      rows,
      summary: { template: '{0} of {1} intelligence items are graded (3x5x2 or 5x5x5); the rest is ungraded partner information.', counts: [graded, items.length] },
      note: 'The two grading schemes are kept as recorded and never converted into each other.',
    };
  }

  // ---- network: key individuals and groups
  {
    const ids = entities.map((e) => e.id);
    const useGiven = options.analysis && options.analysis.ids.length === ids.length && options.analysis.degree && options.analysis.betweenness;
    const graph = buildGraph(ids, links.map((l) => ({ from: l.from, to: l.to })));
    // Exact betweenness is O(n·m): past the limit, people are ranked by their links alone.
    const exact = useGiven || graph.n <= (options.maxBetweennessNodes ?? 5000);
    const analysis = useGiven ? options.analysis! : analyseNetworkSync(graph, { measures: exact ? ['degree', 'betweenness'] : ['degree'] });
    const indexOf = new Map(analysis.ids.map((id, i) => [id, i]));
    const communities = options.communities && options.communities.community.length === analysis.ids.length ? options.communities : louvain(graph, { seed: 1 });
    const betweenness = (id: Id): number => analysis.betweenness?.values[indexOf.get(id) ?? -1] ?? 0;
    const neighbours = (id: Id): number => {
      const u = graph.index.get(id);
      return u === undefined ? 0 : degreeOf(graph, u);
    };
    // Groups: communities with at least three people, largest (by people) first.
    const members = new Map<number, Entity[]>();
    analysis.ids.forEach((id, i) => {
      const e = byId.get(id);
      const c = communities.community[i];
      if (e && c !== undefined) (members.get(c) ?? members.set(c, []).get(c)!).push(e);
    });
    const groupList = [...members.entries()]
      .map(([c, list]) => ({ c, list, people: list.filter((e): e is Person => e.kind === 'person') }))
      .filter((g) => g.people.length >= 3)
      .sort((a, b) => b.people.length - a.people.length || b.list.length - a.list.length || a.c - b.c);
    const groupName = new Map<number, string>(groupList.map((g, i) => [g.c, `Group ${i + 1}`]));
    const groupOf = (id: Id): string => {
      const c = communities.community[indexOf.get(id) ?? -1];
      return (c !== undefined && groupName.get(c)) || '–';
    };
    const rank = (a: Person, b: Person): number => betweenness(b.id) - betweenness(a.id) || neighbours(b.id) - neighbours(a.id) || (a.id < b.id ? -1 : 1);
    // Young people at risk are victims, not key individuals: they stay in the network (they often bridge
    // groups, which the groups figure shows) but are not ranked. Professionals are not ranked either.
    const ranked = people.filter((p) => neighbours(p.id) > 0).sort(rank);
    const topN = options.top ?? 10;
    const key = ranked.filter((p) => !isYoungPerson(p) && !p.roles.some((r) => r.value === 'professional')).slice(0, topN);
    const ypInTop = ranked.slice(0, topN).filter(isYoungPerson).length;
    figures['key-individuals'] = {
      id: 'key-individuals',
      caption: FIGURE_TITLE['key-individuals'],
      columns: [
        { label: 'Rank', kind: 'text' },
        { label: 'Person', kind: 'text' },
        { label: 'Role', kind: 'text' },
        { label: 'Betweenness', kind: 'measure' },
        { label: 'Linked entities', kind: 'count' },
        { label: 'Group', kind: 'text' },
      ],
      rows: key.map((p, i) => [String(i + 1), namer.name(p), rolesText(p), exact ? Math.round(betweenness(p.id) * 1000) / 1000 : null, neighbours(p.id), groupOf(p.id)]),
      summary: key.length
        ? {
            template: `${key[0] ? namer.name(key[0]) : ''} (${key[0] ? rolesText(key[0]).toLowerCase() : ''}) links more of the network than anyone else; {0} of the top ${key.length} are recorded as organisers, facilitators or abusers.`,
            counts: [key.filter(isOffender).length],
          }
        : { template: 'No links recorded between people yet.', counts: [] },
      note: `${exact ? '' : `Betweenness was not computed (${graph.n.toLocaleString('en-GB')} entities is more than the report computes while you wait): people are ranked by their links. `}Betweenness: the share of shortest paths between other entities that pass through the person (0 to 1), over every person, vehicle, phone and place and every link. Linked entities: distinct entities the person is linked to. Young people at risk and professionals are not ranked${ypInTop ? `; young people at risk would otherwise rank in the top ${topN}, bridging parts of the network` : ''}.`,
    };
    const shown = groupList.slice(0, 10);
    figures.groups = {
      id: 'groups',
      caption: FIGURE_TITLE.groups,
      columns: [
        { label: 'Group', kind: 'text' },
        { label: 'People', kind: 'count' },
        { label: 'Offenders', kind: 'count' },
        { label: 'Young people at risk', kind: 'count' },
        { label: 'Vehicles, phones and places', kind: 'count' },
        { label: 'Main members', kind: 'list' },
      ],
      rows: shown.map((g) => {
        const main = g.people.slice().sort(rank).slice(0, 4);
        return [
          groupName.get(g.c)!,
          g.people.length,
          g.people.filter(isOffender).length,
          g.people.filter(isYoungPerson).length,
          g.list.length - g.people.length,
          main.map((p) => `${namer.name(p)} (${rolesText(p).split(',')[0]!.toLowerCase()})`).join('; '),
        ];
      }),
      summary: {
        template: `The network divides into {0:group|groups} of three or more people (Louvain communities); the largest has {1:person|people}, {2} of them recorded as offenders.`,
        counts: [groupList.length, groupList[0]?.people.length ?? 0, groupList[0]?.people.filter(isOffender).length ?? 0],
      },
      note: `Groups are communities found by the Louvain method (modularity ${communities.modularity.toFixed(2)}) over every entity and link: people, vehicles, phones and places that are more linked to each other than to the rest.${groupList.length > shown.length ? ` The ${shown.length} largest of ${groupList.length} are shown.` : ''}`,
    };
  }

  // ---- places: hot spots and businesses
  {
    const places = entities.filter((e) => e.kind === 'hotspot' || e.kind === 'business');
    const stats = places.map((e) => {
      const its = new Set(sourcesOf.get(e.id) ?? []);
      const persons = new Set<Id>();
      for (const l of linksOf.get(e.id) ?? []) {
        l.sources.forEach((s) => its.add(s));
        const other = byId.get(l.from === e.id ? l.to : l.from);
        if (other?.kind === 'person') persons.add(other.id);
      }
      let latest = '';
      for (const s of its) {
        const it = itemById.get(s);
        if (it && itemDate(it) > latest) latest = itemDate(it);
      }
      const knownItems = [...its].filter((s) => itemById.has(s)).length;
      return { e, items: knownItems, people: persons.size, yps: [...persons].filter((p) => ypIds.has(p)).length, latest };
    });
    stats.sort((a, b) => b.items - a.items || b.people - a.people || namer.name(a.e).localeCompare(namer.name(b.e)));
    const shown = stats.slice(0, top);
    const typeOf = (e: Entity): string =>
      e.kind === 'hotspot' ? `Hot spot: ${HOTSPOT_TYPE_LABEL[e.hotspotType].toLowerCase()}` : e.kind === 'business' ? BUSINESS_TYPE_LABEL[e.businessType] : '';
    const withYp = stats.filter((s) => s.yps > 0).length;
    figures.places = {
      id: 'places',
      caption: FIGURE_TITLE.places,
      columns: [
        { label: 'Place', kind: 'text' },
        { label: 'Type', kind: 'text' },
        { label: 'Intelligence items', kind: 'count' },
        { label: 'People linked', kind: 'count' },
        { label: 'Young people at risk linked', kind: 'count' },
        { label: 'Latest item', kind: 'date' },
      ],
      rows: shown.map((s) => [namer.name(s.e), typeOf(s.e), s.items, s.people, s.yps, s.latest || null]),
      summary: shown[0]
        ? {
            template: `${namer.name(shown[0].e)} has the most intelligence ({0:item|items}); {1} of {2} hot spots and businesses are linked to young people at risk.`,
            counts: [shown[0].items, withYp, stats.length],
          }
        : { template: 'No hot spots or businesses recorded yet.', counts: [] },
      note: `Items: intelligence items cited by the place or by its links.${stats.length > shown.length ? ` The ${shown.length} places with most intelligence of ${stats.length} are shown.` : ''} Places where a young person lives or is placed are generalised to their postcode district.`,
    };
  }

  // ---- vehicles and phones linked to two or more people
  {
    const things = entities.filter((e) => e.kind === 'vehicle' || e.kind === 'phone');
    const rows = things
      .map((e) => {
        const persons = new Map<Id, Person>();
        const its = new Set(sourcesOf.get(e.id) ?? []);
        for (const l of linksOf.get(e.id) ?? []) {
          const other = byId.get(l.from === e.id ? l.to : l.from);
          if (other?.kind === 'person') persons.set(other.id, other);
          l.sources.forEach((s) => its.add(s));
        }
        return { e, persons: [...persons.values()], items: [...its].filter((s) => itemById.has(s)).length };
      })
      .filter((r) => r.persons.length >= 2)
      .sort((a, b) => b.persons.length - a.persons.length || b.items - a.items || entityLabel(a.e).localeCompare(entityLabel(b.e)));
    const vehicles = rows.filter((r) => r.e.kind === 'vehicle').length;
    const shown = rows.slice(0, top);
    figures['vehicles-phones'] = {
      id: 'vehicles-phones',
      caption: FIGURE_TITLE['vehicles-phones'],
      columns: [
        { label: 'Vehicle or phone', kind: 'text' },
        { label: 'Kind', kind: 'text' },
        { label: 'People linked', kind: 'count' },
        { label: 'Who', kind: 'list' },
        { label: 'Intelligence items', kind: 'count' },
      ],
      rows: shown.map((r) => [
        namer.name(r.e),
        r.e.kind === 'vehicle' ? 'Vehicle' : r.e.kind === 'phone' && r.e.phoneType === 'handle' ? 'Online handle' : 'Phone',
        r.persons.length,
        listText(r.persons.slice().sort((a, b) => Number(isYoungPerson(a)) - Number(isYoungPerson(b))).map((p) => namer.name(p))),
        r.items,
      ]),
      summary: { template: '{0:vehicle|vehicles} and {1:phone or online handle|phones or online handles} {1?is|are} linked to two or more people.', counts: [vehicles, rows.length - vehicles] },
      ...(rows.length > shown.length ? { note: `The ${shown.length} linked to most people of ${rows.length} are shown.` } : {}),
    };
  }

  // ---- changes since the previous version
  {
    const prev = options.previous;
    if (!prev) {
      figures.changes = {
        id: 'changes',
        caption: FIGURE_TITLE.changes,
        columns: [
          { label: 'Change', kind: 'text' },
          { label: 'Count', kind: 'count' },
          { label: 'Examples', kind: 'list' },
        ],
        rows: [],
        summary: { template: 'This is the first version: there is no earlier version to compare with.', counts: [] },
      };
    } else {
      const d = diffSince(prev, { entities, links });
      const names = (ids: Id[], pick?: (e: Entity) => boolean): string =>
        listText(
          ids
            .map((id) => byId.get(id))
            .filter((e): e is Entity => !!e && (!pick || pick(e)))
            .map((e) => namer.name(e)),
          8,
        );
      figures.changes = {
        id: 'changes',
        caption: `${FIGURE_TITLE.changes} (version ${prev.version})`,
        columns: [
          { label: 'Change', kind: 'text' },
          { label: 'Count', kind: 'count' },
          { label: 'Examples', kind: 'list' },
        ],
        rows: [
          ['New people', d.newPeople.length, ''],
          ['of whom young people at risk', d.newYoungPeople.length, names(d.newYoungPeople)],
          ['of whom offenders', d.newOffenders.length, names(d.newOffenders)],
          ['New links', d.newLinks.length, ''],
          ['New hot spots', d.newHotspots.length, names(d.newHotspots)],
          ['New businesses', d.newBusinesses.length, names(d.newBusinesses)],
          ['People no longer separate records (merged or erased)', d.gonePeople.length, ''],
        ],
        summary: {
          template: `Since version ${prev.version}, {0:person|people} (including {1:young person|young people} at risk and {2:offender|offenders}), {3:link|links} and {4:hot spot|hot spots} have been added.`,
          counts: [d.newPeople.length, d.newYoungPeople.length, d.newOffenders.length, d.newLinks.length, d.newHotspots.length],
        },
        note: 'Compared by record: a person recorded again by another agency counts as new until the duplicate is merged.',
      };
    }
  }

  return {
    today,
    period,
    periods,
    dataRange,
    totals: {
      people: people.length,
      youngPeople: yps.length,
      offenders: offenders.length,
      links: links.length,
      items: items.length,
      hotspots: entities.filter((e) => e.kind === 'hotspot').length,
      businesses: entities.filter((e) => e.kind === 'business').length,
      vehicles: entities.filter((e) => e.kind === 'vehicle').length,
      phones: entities.filter((e) => e.kind === 'phone').length,
    },
    withheldItemIds: [...(options.withheldItemIds ?? [])],
    figures,
  };
}

/**
 * A summary sentence with its counts filled in; formatCount decides how each is shown ("<5" for boards).
 * `{k}` is count k; `{k:one|many}` the count followed by the singular or plural words; `{k?one|many}` the
 * words alone. Singular only when the count is shown as "1".
 */
export function formatSentence(s: FigureSentence, formatCount: (n: number) => string = (n) => n.toLocaleString('en-GB')): string {
  return s.template.replace(/\{(\d+)(?:([:?])([^|}]*)\|([^}]*))?\}/g, (_, k: string, mode?: string, one?: string, many?: string) => {
    const n = s.counts[Number(k)];
    if (n === undefined) return '';
    const shown = formatCount(n);
    if (!mode) return shown;
    const words = shown === '1' ? one : many;
    return mode === ':' ? `${shown} ${words}` : (words ?? '');
  });
}
