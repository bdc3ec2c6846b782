/**
 * Recipient profiles and the product each receives (pure; no React, Dexie or DOM).
 *
 *   RECIPIENT_PROFILES                               police internal, MASE partners, strategic board
 *   recipientData(report, data, profile)             the workspace as the profile may see it, and what was withheld
 *   handlingCaveat(items, approvals)                 the product's handling caveat: the most restrictive included
 *   prepareForRecipient(report, figures, data, profile, options?): RenderableReport
 *   renderableFor(report, data, profile, options)    the above in one call; a frozen version's stored product
 *   freezeReport(report, data, options)              freezes a version: figures and products kept in its snapshot
 *
 * What a profile decides (domain.md sections 3 and 5):
 * - Young people at risk are shown by pseudonym (YP-01...) in the main body for *every* profile, wherever
 *   they appear: figures, inserted tables, and the analyst's own text (their full names, aliases and
 *   nicknames written there are replaced by the pseudonym; a given or family name alone is reported as a
 *   warning). Their real identities appear only in the restricted annex, separately marked, and only in the
 *   police-internal product.
 * - Victim-side places (a young person's home, placement, school or care home) are generalised to their
 *   postcode district in the main body for every profile (figures.ts `makeNamer`); exact places only in the
 *   restricted annex.
 * - Items whose handling forbids wider sharing (3x5x2 handling C with S2, 5x5x5 handling 4 or 5:
 *   grading.ts `needsOriginatorApproval`) are left out of the partners' and the board's products unless the
 *   analyst recorded the originator's approval (`report.approvals`). Left out means the figures are
 *   computed without them: facts and links that only they support are dropped, entities only they
 *   support disappear.
 * - The strategic board gets counts below 5 as "<5" (every count cell of every table and every count in
 *   the summary sentences; a percentage derived from a suppressed count is hidden too) and no nominal
 *   lists (columns listing people's names); it gets a summary of the sources instead of the item list.
 * - The product's handling caveat is the most restrictive handling among the items it includes.
 * - Pictures of chart and map views are drawn by the app, not here: each image block says how
 *   (`requirements`: pseudonyms, legend, victim-side places generalised).
 *
 * `warnings` (never printed) tell the analyst what to check before sending: names replaced in their text,
 * a given or family name of a young person left in it, numbers below 5 in their text for the board,
 * sections without text, pictures not captured, items withheld.
 *
 * A RenderableReport is plain data, every string final (numbers formatted, suppression applied), so the
 * renderers (src/report/renderHtml.ts, renderDocx.ts) only lay it out.
 */
import { entityLabel, HOTSPOT_TYPE_LABEL, personNameText } from '../labels';
import {
  gradingCode,
  HANDLING_MEANING_3X5X2,
  INTEL_MEANING_3X5X2,
  needsOriginatorApproval,
  SOURCE_MEANING_3X5X2,
  type Grading,
} from '../grading';
import {
  BUSINESS_TYPE_LABEL,
  ETHNICITY_LABEL,
  KIND_LABEL,
  PLACE_TYPE_LABEL,
  type Entity,
  type Fact,
  type Id,
  type IntelItem,
  type IsoDate,
  type IsoDateTime,
  type Link,
  type Person,
} from '../model';
import { formatDateUk } from '../normalise';
import { entitySources } from '../provenance';
import {
  ageBand,
  ageOf,
  computeFigures,
  formatSentence,
  isYoungPerson,
  makeNamer,
  rolesText,
  youngPersonPseudonyms,
  type FigureId,
  type FigureOptions,
  type FigureTable,
  type ReportData,
  type ReportFigures,
} from './figures';
import {
  ENTITY_COLUMN_LABEL,
  FOUR_P,
  RECOMMENDATION_STATUS_LABEL,
  ReportFrozenError,
  textBlocks,
  type EntityColumn,
  type Insert,
  type OriginatorApproval,
  type Report,
  type ReportSection,
  type ReportSnapshot,
} from './model';

// ---------------------------------------------------------------- profiles

export const RECIPIENT_PROFILE_IDS = ['police-internal', 'mase-partners', 'strategic-board'] as const;
export type RecipientProfileId = (typeof RECIPIENT_PROFILE_IDS)[number];

export interface RecipientRules {
  /** The restricted annex with the young people's real identities. */
  restrictedAnnex: boolean;
  /** Leave out items needing the originator's approval unless it is recorded. */
  withholdRestrictedItems: boolean;
  /** Counts below 5 shown as "<5". */
  suppressSmallCounts: boolean;
  /** Columns that list people by name (who uses a car, a group's main members). */
  nominalLists: boolean;
  /** The list of intelligence items relied on, or a summary by agency. */
  sources: 'items' | 'summary';
}

export interface RecipientProfile {
  id: RecipientProfileId;
  label: string;
  audience: string;
  rules: RecipientRules;
}

export const RECIPIENT_PROFILES: Record<RecipientProfileId, RecipientProfile> = {
  'police-internal': {
    id: 'police-internal',
    label: 'Police internal',
    audience: 'The force’s intelligence, investigation and safeguarding staff.',
    rules: { restrictedAnnex: true, withholdRestrictedItems: false, suppressSmallCounts: false, nominalLists: true, sources: 'items' },
  },
  'mase-partners': {
    id: 'mase-partners',
    label: 'MASE partners',
    audience: 'The multi-agency sexual exploitation meeting: police, children’s social care, health, education, youth justice, housing and voluntary-sector partners.',
    rules: { restrictedAnnex: false, withholdRestrictedItems: true, suppressSmallCounts: false, nominalLists: true, sources: 'items' },
  },
  'strategic-board': {
    id: 'strategic-board',
    label: 'Strategic board',
    audience: 'Commissioners and the strategic safeguarding board, deciding resources and disruption.',
    rules: { restrictedAnnex: false, withholdRestrictedItems: true, suppressSmallCounts: true, nominalLists: false, sources: 'summary' },
  },
};

// ---------------------------------------------------------------- what a profile may see

export interface WithheldItem {
  itemId: Id;
  agency: string;
  reference: string;
  grading: string;
  reason: string;
}

export interface RecipientDataResult {
  data: ReportData;
  withheld: WithheldItem[];
  /** Items needing approval that go in because the originator approved. */
  approved: Id[];
}

function withheldReason(g: Grading): string {
  if (g.scheme === '3x5x2') return 'Handling C with S2: not to be sanitised or shared without the originator';
  if (g.scheme === '5x5x5' && g.handling === '4') return '5x5x5 handling 4: originating agency only';
  return '5x5x5 handling 5: no further dissemination without the originator';
}

/** Items the profile may not receive (needing approval, with none recorded). */
export function withheldItems(items: readonly IntelItem[], approvals: readonly OriginatorApproval[], profile: RecipientProfile): WithheldItem[] {
  if (!profile.rules.withholdRestrictedItems) return [];
  const approved = new Set(approvals.map((a) => a.itemId));
  return items
    .filter((i) => needsOriginatorApproval(i.grading) && !approved.has(i.id))
    .map((i) => ({ itemId: i.id, agency: i.agency, reference: i.reference, grading: gradingCode(i.grading), reason: withheldReason(i.grading) }));
}

const keepFact = (f: { sources: Id[] }, out: ReadonlySet<Id>): boolean => f.sources.length === 0 || f.sources.some((s) => !out.has(s));
function cleanFact<T>(f: Fact<T>, out: ReadonlySet<Id>): Fact<T> {
  return { value: f.value, sources: f.sources.filter((s) => !out.has(s)) };
}
function optional<T>(f: Fact<T> | undefined, out: ReadonlySet<Id>): Fact<T> | undefined {
  return f && keepFact(f, out) ? cleanFact(f, out) : undefined;
}
function facts<T>(list: readonly Fact<T>[], out: ReadonlySet<Id>): Fact<T>[] {
  return list.filter((f) => keepFact(f, out)).map((f) => cleanFact(f, out));
}
function set<T extends object, K extends keyof T>(obj: T, key: K, value: T[K] | undefined): void {
  if (value === undefined) delete obj[key];
  else obj[key] = value;
}

/**
 * The entity without what only withheld items support: such facts are dropped (a required one becomes
 * unknown or empty), the withheld items are taken out of every fact's sources, and an entity every fact of
 * which came from withheld items is dropped altogether (null).
 */
export function stripWithheld(e: Entity, out: ReadonlySet<Id>): Entity | null {
  if (!out.size) return e;
  const sources = entitySources(e);
  if (sources.length && sources.every((s) => out.has(s))) return null;
  const notes = facts(e.notes, out);
  switch (e.kind) {
    case 'person': {
      const p: Person = {
        ...e,
        notes,
        names: e.names.filter((n) => keepFact(n, out)).map((n) => ({ ...n, sources: n.sources.filter((s) => !out.has(s)) })),
        sex: keepFact(e.sex, out) ? cleanFact(e.sex, out) : { value: 'unknown', sources: [] },
        ethnicity: keepFact(e.ethnicity, out) ? cleanFact(e.ethnicity, out) : { value: 'unknown', sources: [] },
        roles: facts(e.roles, out),
        identifiers: facts(e.identifiers, out),
      };
      set(p, 'dob', optional(e.dob, out));
      set(p, 'estimatedAge', optional(e.estimatedAge, out));
      set(p, 'riskLevel', optional(e.riskLevel, out));
      return p;
    }
    case 'vehicle': {
      const v = { ...e, notes };
      set(v, 'registration', optional(e.registration, out));
      set(v, 'make', optional(e.make, out));
      set(v, 'model', optional(e.model, out));
      set(v, 'colour', optional(e.colour, out));
      return v;
    }
    case 'phone': {
      const ph = { ...e, notes };
      set(ph, 'number', optional(e.number, out));
      set(ph, 'handle', optional(e.handle, out));
      return ph;
    }
    case 'address': {
      const a = { ...e, notes, lines: keepFact(e.lines, out) ? cleanFact(e.lines, out) : { value: [] as string[], sources: [] } };
      set(a, 'postcode', optional(e.postcode, out));
      set(a, 'location', optional(e.location, out));
      return a;
    }
    case 'business':
      return { ...e, notes, name: keepFact(e.name, out) ? cleanFact(e.name, out) : { value: '', sources: [] }, licences: facts(e.licences, out) };
    case 'hotspot': {
      const h = { ...e, notes, name: keepFact(e.name, out) ? cleanFact(e.name, out) : { value: '', sources: [] } };
      set(h, 'location', optional(e.location, out));
      set(h, 'area', optional(e.area, out));
      return h;
    }
  }
}

/** The workspace as the profile may see it: withheld items removed with what only they support. */
export function recipientData(report: Pick<Report, 'approvals'>, data: ReportData, profileId: RecipientProfileId): RecipientDataResult {
  const profile = RECIPIENT_PROFILES[profileId];
  const withheld = withheldItems(data.items, report.approvals, profile);
  const approvedIds = new Set(report.approvals.map((a) => a.itemId));
  const approved = data.items.filter((i) => needsOriginatorApproval(i.grading) && approvedIds.has(i.id)).map((i) => i.id);
  if (!withheld.length) return { data, withheld, approved: profile.rules.withholdRestrictedItems ? approved : [] };
  const out = new Set(withheld.map((w) => w.itemId));
  const entities: Entity[] = [];
  for (const e of data.entities) {
    const kept = stripWithheld(e, out);
    if (kept) entities.push(kept);
  }
  const ids = new Set(entities.map((e) => e.id));
  const links: Link[] = [];
  for (const l of data.links) {
    if (!ids.has(l.from) || !ids.has(l.to)) continue;
    if (l.sources.length && l.sources.every((s) => out.has(s))) continue;
    links.push(l.sources.some((s) => out.has(s)) ? { ...l, sources: l.sources.filter((s) => !out.has(s)) } : l);
  }
  return {
    data: { ...data, entities, links, items: data.items.filter((i) => !out.has(i.id)) },
    withheld,
    approved,
  };
}

// ---------------------------------------------------------------- handling caveat

export interface HandlingCaveat {
  /** 0 lawful sharing permitted ... 4 no further dissemination. */
  level: 0 | 1 | 2 | 3 | 4;
  code: string;
  title: string;
  text: string;
  /** Distinct conditions of the included handling-C items (code and conditions text). */
  conditions: string[];
}

/** How restrictive an item's handling is (the schemes are never converted; this only orders them). */
export function handlingLevel(g: Grading): HandlingCaveat['level'] {
  if (g.scheme === 'ungraded') return 0;
  if (g.scheme === '3x5x2') return g.handling === 'P' ? 0 : g.sanitisation === 'S2' ? 3 : 2;
  if (g.handling === '5') return 4;
  if (g.handling === '4') return 3;
  return 1;
}

/** The product's handling caveat: the most restrictive handling among the items it includes. */
export function handlingCaveat(items: readonly IntelItem[], approvals: readonly OriginatorApproval[] = []): HandlingCaveat {
  let level: HandlingCaveat['level'] = 0;
  const codes = new Set<string>();
  const conditions = new Map<string, string>();
  for (const i of items) {
    const l = handlingLevel(i.grading);
    if (l > level) {
      level = l;
      codes.clear();
    }
    if (l === level && i.grading.scheme !== 'ungraded') codes.add(i.grading.scheme === '3x5x2' ? `3x5x2 ${i.grading.handling}${i.grading.sanitisation ? ` ${i.grading.sanitisation}` : ''}` : `5x5x5 handling ${i.grading.handling}`);
    if (i.grading.scheme === '3x5x2' && i.grading.handling === 'C') {
      const stated = i.grading.conditions?.trim().replace(/[.;]+$/, '');
      const codes = [i.grading.actionCode, i.grading.sanitisation].filter(Boolean).join(' ');
      const text = stated || (codes ? `Handling C (${codes})` : 'Handling C');
      conditions.set(text.toLowerCase(), text);
    }
  }
  const approvedCount = items.filter((i) => needsOriginatorApproval(i.grading) && approvals.some((a) => a.itemId === i.id)).length;
  const code = [...codes].sort().join(', ') || 'no handling conditions';
  const list = [...conditions.values()].sort();
  const conditionsText = list.length ? ` Conditions attached to the material: ${list.slice(0, 12).join('; ')}${list.length > 12 ? `; and ${list.length - 12} more (see the sources annex)` : ''}.` : '';
  const approvalText = approvedCount ? ` The originators approved the inclusion of ${approvedCount} item${approvedCount === 1 ? '' : 's'} whose handling otherwise forbids wider sharing.` : '';
  switch (level) {
    case 0:
      return {
        level,
        code,
        title: 'Lawful sharing permitted',
        text: 'The material in this product may be shared lawfully (3x5x2 handling code P). Ungraded partner information is shared under the partnership’s information-sharing agreement.',
        conditions: list,
      };
    case 1:
      return {
        level,
        code,
        title: 'Dissemination as the 5x5x5 handling codes permit',
        text: `The product includes legacy 5x5x5 material (${code}): share it only as those codes permit.${conditionsText}`,
        conditions: list,
      };
    case 2:
      return {
        level,
        code,
        title: 'Lawful sharing permitted with conditions',
        text: `The product includes material under handling code C: share it only within the conditions set by the originators.${conditionsText}`,
        conditions: list,
      };
    case 3:
      return {
        level,
        code,
        title: 'Not to be shared or sanitised further without the originator',
        text: `The product includes material that may not be sanitised or shared beyond its recipients without the originating agency’s agreement (${code}).${approvalText}${conditionsText}`,
        conditions: list,
      };
    case 4:
      return {
        level,
        code,
        title: 'No further dissemination',
        text: `The product includes material under 5x5x5 handling code 5: no further dissemination; refer to the originator before any use beyond the recipients.${approvalText}${conditionsText}`,
        conditions: list,
      };
  }
}

// ---------------------------------------------------------------- the renderable product

export interface RenderColumn {
  label: string;
  align: 'left' | 'right';
}
export interface RenderTable {
  columns: RenderColumn[];
  rows: string[][];
  /** Indexes of total rows (bold). */
  totalRows?: number[];
}

export type RenderBlock =
  | { type: 'paragraph'; text: string }
  | { type: 'list'; items: string[] }
  | { type: 'notice'; text: string }
  | { type: 'table'; number: number; caption: string; table: RenderTable; summary?: string; note?: string; figure?: FigureId }
  | {
      type: 'image';
      number: number;
      caption: string;
      insertId: Id;
      kind: 'chart' | 'map';
      alt: string;
      /** From options.images or the frozen capture; renderers show a placeholder without one. */
      dataUrl?: string;
      /** How the app must draw the picture for this audience. */
      requirements: string;
    };

export interface RenderSection {
  id: Id;
  kind: ReportSection['kind'] | 'grading-key' | 'sources';
  /** "1", "2"... for the sections; "Annex" for the back matter. */
  number: string;
  title: string;
  anchor: string;
  blocks: RenderBlock[];
}

export interface RenderableReport {
  title: string;
  workspaceName: string;
  version: number;
  status: 'draft' | 'frozen';
  frozenAt?: IsoDateTime;
  generatedAt: IsoDateTime;
  profile: { id: RecipientProfileId; label: string; audience: string };
  /** The security marking, top and bottom of every page. */
  marking: string;
  caveat: HandlingCaveat;
  /** The cover's document control rows. */
  cover: { label: string; value: string }[];
  sections: RenderSection[];
  /** Grading key and sources: always rendered after the sections. */
  backMatter: RenderSection[];
  restrictedAnnex?: { marking: string; title: string; notice: string; table: RenderTable };
  /** For the analyst (not printed): items left out and why. */
  withheld: WithheldItem[];
  /** For the analyst (not printed): things to check before sending. */
  warnings: string[];
  suppressed: boolean;
}

export interface PrepareOptions {
  /** When the product is made (default: now). */
  generatedAt?: IsoDateTime;
  /** Pictures of chart and map inserts, by insert id (data URLs). */
  images?: Readonly<Record<Id, string>>;
}

// ---------------------------------------------------------------- formatting

const SMALL = 5;
/** A stand-alone 0-4 in running text (not part of a date, code, decimal or larger number). */
const SMALL_NUMBER = /(?<![\w.,/:£$-])[0-4](?![\w.,/:%])/;
export const SUPPRESSED = '<5';

function countText(n: number, suppress: boolean): string {
  if (suppress && n < SMALL) return SUPPRESSED;
  return n.toLocaleString('en-GB');
}

function percentText(n: number): string {
  return `${(Math.round(n * 10) / 10).toLocaleString('en-GB', { maximumFractionDigits: 1 })}%`;
}

/** A figure table as the profile sees it: counts formatted (and suppressed), lists dropped if need be. */
export function renderFigureTable(f: FigureTable, rules: Pick<RecipientRules, 'suppressSmallCounts' | 'nominalLists'>): RenderTable {
  const keep = f.columns.map((c, i) => (c.kind === 'list' && !rules.nominalLists ? -1 : i)).filter((i) => i >= 0);
  const suppress = rules.suppressSmallCounts;
  const rows = f.rows.map((row) =>
    keep.map((i) => {
      const col = f.columns[i]!;
      const v = row[i];
      if (v === null || v === undefined || v === '') return col.kind === 'text' || col.kind === 'list' ? '' : '–';
      switch (col.kind) {
        case 'count':
          return typeof v === 'number' ? countText(v, suppress) : String(v);
        case 'percent': {
          if (typeof v !== 'number') return String(v);
          const base = col.of !== undefined ? row[col.of] : undefined;
          if (suppress && typeof base === 'number' && base < SMALL) return '–';
          return percentText(v);
        }
        case 'measure':
          return typeof v === 'number' ? v.toFixed(3) : String(v);
        case 'date':
          return typeof v === 'string' ? formatDateUk(v) : String(v);
        default:
          return String(v);
      }
    }),
  );
  return {
    columns: keep.map((i) => {
      const c = f.columns[i]!;
      return { label: c.label, align: c.kind === 'count' || c.kind === 'percent' || c.kind === 'measure' ? 'right' : 'left' };
    }),
    rows,
    ...(f.totalRows ? { totalRows: f.totalRows } : {}),
  };
}

// ---------------------------------------------------------------- young people's names in free text

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface NameScrubber {
  /**
   * The text with young people's names replaced by their pseudonyms: full names (legal names and aliases,
   * and the label the app shows), and, unless `namesOnly`, nicknames and street names too.
   */
  scrub(text: string, namesOnly?: boolean): string;
  /** Parts of young people's names (a given or family name alone) still in the text: "Oldroyd (YP-03)". */
  partial(text: string): string[];
}

function alternation(m: ReadonlyMap<string, string>): RegExp | null {
  if (!m.size) return null;
  const body = [...m.keys()]
    .sort((a, b) => b.length - a.length)
    .map(escapeRe)
    .join('|');
  return new RegExp(`(?<![\\p{L}\\p{N}])(${body})(?![\\p{L}\\p{N}])`, 'giu');
}

/** Builds the scrubber from the whole workspace's young people (never from a filtered copy). */
export function nameScrubber(entities: readonly Entity[], pseudonyms: ReadonlyMap<Id, string>): NameScrubber {
  const full = new Map<string, string>();
  const nick = new Map<string, string>();
  const parts = new Map<string, string>();
  const add = (m: Map<string, string>, s: string, p: string): void => {
    const t = s.replace(/\s+/g, ' ').trim();
    if (t.length >= 3 && !m.has(t.toLowerCase())) m.set(t.toLowerCase(), p);
  };
  for (const e of entities) {
    const p = pseudonyms.get(e.id);
    if (!p || e.kind !== 'person') continue;
    add(full, entityLabel(e), p);
    for (const n of e.names) {
      if (n.kind === 'nickname' || n.kind === 'street') {
        add(nick, personNameText(n), p);
        continue;
      }
      add(full, personNameText(n), p);
      if (n.given && n.family) add(full, `${n.given} ${n.family}`, p);
      add(parts, n.given.split(/\s+/)[0] ?? '', p);
      add(parts, n.family, p);
    }
  }
  const both = new Map([...nick, ...full]);
  const fullRe = alternation(full);
  const bothRe = alternation(both);
  const partRe = alternation(parts);
  return {
    scrub(text: string, namesOnly = false): string {
      const re = namesOnly ? fullRe : bothRe;
      const map = namesOnly ? full : both;
      if (!re || !text) return text;
      return text.replace(re, (m) => map.get(m.toLowerCase()) ?? m);
    },
    partial(text: string): string[] {
      if (!partRe || !text) return [];
      const found = new Set<string>();
      for (const m of text.matchAll(partRe)) found.add(`${m[0]} (${parts.get(m[0].toLowerCase()) ?? 'a young person'})`);
      return [...found];
    },
  };
}

// ---------------------------------------------------------------- grading key

const SOURCE_MEANING_5X5X5: Record<string, string> = {
  A: 'Always reliable',
  B: 'Mostly reliable',
  C: 'Sometimes reliable',
  D: 'Unreliable',
  E: 'Untested source',
};
const INTEL_MEANING_5X5X5: Record<string, string> = {
  '1': 'Known to be true without reservation',
  '2': 'Known personally to the source but not to the officer',
  '3': 'Not personally known to the source but corroborated',
  '4': 'Cannot be judged',
  '5': 'Suspected to be false or malicious',
};
const HANDLING_MEANING_5X5X5: Record<string, string> = {
  '1': 'May be disseminated to other law enforcement and prosecuting agencies',
  '2': 'May be disseminated to UK non-prosecuting parties',
  '3': 'May be disseminated to non-UK law enforcement agencies',
  '4': 'May be disseminated within the originating agency only',
  '5': 'No further dissemination: refer to the originator',
};

export function gradingKeyBlocks(startNumber: number): RenderBlock[] {
  const rows = (part: string, meanings: Record<string, string>): string[][] => Object.entries(meanings).map(([code, meaning]) => [part, code, meaning]);
  const columns: RenderColumn[] = [
    { label: 'Part', align: 'left' },
    { label: 'Code', align: 'left' },
    { label: 'Meaning', align: 'left' },
  ];
  return [
    {
      type: 'paragraph',
      text: 'Each intelligence item is graded by its originator, in the 3x5x2 scheme (current) or the 5x5x5 scheme (older records); partner information is often ungraded. The schemes are kept as recorded and never converted. A grade is written source, assessment, handling: "2B P" is an untested source, known indirectly but corroborated, lawful sharing permitted.',
    },
    {
      type: 'table',
      number: startNumber,
      caption: '3x5x2 grading',
      table: {
        columns,
        rows: [
          ...rows('Source evaluation', SOURCE_MEANING_3X5X2),
          ...rows('Intelligence assessment', INTEL_MEANING_3X5X2),
          ...rows('Handling', HANDLING_MEANING_3X5X2),
          ['Handling conditions', 'A1–A3, S1–S2', 'Action and sanitisation codes set by the originator with handling C; S2: not to be sanitised without the originator'],
        ],
      },
    },
    {
      type: 'table',
      number: startNumber + 1,
      caption: '5x5x5 grading (legacy)',
      table: {
        columns,
        rows: [...rows('Source evaluation', SOURCE_MEANING_5X5X5), ...rows('Intelligence evaluation', INTEL_MEANING_5X5X5), ...rows('Handling', HANDLING_MEANING_5X5X5)],
      },
    },
  ];
}

// ---------------------------------------------------------------- prepare

/** Thrown when figures were computed on data that still holds items this profile may not receive. */
export class FiguresScopeError extends Error {
  constructor(profile: RecipientProfileId, missing: number) {
    super(`The figures were computed with ${missing} item(s) the ${RECIPIENT_PROFILES[profile].label} profile may not receive: compute them on recipientData(...).data.`);
    this.name = 'FiguresScopeError';
  }
}

const anchorOf = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'section';

const RISK_LABEL: Record<string, string> = { unknown: 'Unknown', low: 'Low', medium: 'Medium', high: 'High' };
const SEX_LABEL: Record<string, string> = { female: 'Female', male: 'Male', other: 'Other', unknown: 'Unknown' };

export function prepareForRecipient(
  report: Report,
  figures: ReportFigures,
  data: ReportData,
  profileId: RecipientProfileId,
  options: PrepareOptions = {},
): RenderableReport {
  const profile = RECIPIENT_PROFILES[profileId];
  const rules = profile.rules;
  const scoped = recipientData(report, data, profileId);
  const given = new Set(figures.withheldItemIds);
  const missing = scoped.withheld.filter((w) => !given.has(w.itemId)).length;
  if (missing) throw new FiguresScopeError(profileId, missing);

  const view = scoped.data;
  const generatedAt = options.generatedAt ?? new Date().toISOString();
  const today = figures.today;
  const pseudonyms = youngPersonPseudonyms(data.entities);
  const scrubber = nameScrubber(data.entities, pseudonyms);
  const namer = makeNamer({ entities: view.entities.filter((e) => !e.mergedInto), links: view.links }, pseudonyms);
  const warnings: string[] = [];
  /** Replaces young people's names by pseudonyms; `partials`: also warn about given or family names alone. */
  const suppress = rules.suppressSmallCounts;
  const clean = (text: string, where: string, partials = true): string => {
    // Generated table cells: full names only (an offender's nickname may be a young person's too).
    const out = scrubber.scrub(text, !partials);
    if (out !== text) warnings.push(`${where}: a young person's name was replaced by their pseudonym.`);
    if (partials) {
      for (const p of scrubber.partial(out)) warnings.push(`${where}: "${p}" is part of a young person's name; check it does not identify them.`);
      // The analyst's own numbers are not suppressed: say where a small one appears.
      if (suppress && SMALL_NUMBER.test(out)) warnings.push(`${where}: mentions a number below 5; if it counts people or places, write "fewer than five" for this audience.`);
    }
    return out;
  };
  const sentence = (s: FigureTable['summary']): string => formatSentence(s, (n) => countText(n, suppress));
  const caveat = handlingCaveat(view.items, report.approvals);

  let tableNo = 0;
  let imageNo = 0;
  const figureBlock = (id: FigureId, caption?: string): RenderBlock => {
    const f = figures.figures[id];
    if (!f.rows.length) return { type: 'notice', text: sentence(f.summary) };
    const table = renderFigureTable(f, rules);
    // Figures name young people by pseudonym already; this also catches a young person's name on a record
    // not marked as a young person (an unmerged duplicate, typically).
    table.rows = table.rows.map((row) => row.map((c, i) => (table.columns[i]?.align === 'left' ? clean(c, `Table "${f.caption}"`, false) : c)));
    return {
      type: 'table',
      number: ++tableNo,
      caption: caption ? clean(caption, 'A figure caption') : f.caption,
      table,
      summary: sentence(f.summary),
      ...(f.note ? { note: f.note } : {}),
      figure: id,
    };
  };

  const viewById = new Map(view.entities.map((e) => [e.id, e]));
  const linkCount = new Map<Id, number>();
  for (const l of view.links) {
    linkCount.set(l.from, (linkCount.get(l.from) ?? 0) + 1);
    linkCount.set(l.to, (linkCount.get(l.to) ?? 0) + 1);
  }
  const itemById = new Map(view.items.map((i) => [i.id, i]));
  const entityCell = (e: Entity, c: EntityColumn): string => {
    switch (c) {
      case 'label':
        return namer.name(e);
      case 'kind':
        return KIND_LABEL[e.kind];
      case 'role':
        return rolesText(e);
      case 'age': {
        if (e.kind !== 'person') return '';
        const age = ageOf(e, today);
        return pseudonyms.has(e.id) || isYoungPerson(e) ? ageBand(age) : age === null ? 'Unknown' : String(age);
      }
      case 'sex':
        return e.kind === 'person' ? (SEX_LABEL[e.sex.value] ?? '') : '';
      case 'ethnicity':
        return e.kind === 'person' ? ETHNICITY_LABEL[e.ethnicity.value] : '';
      case 'risk':
        return e.kind === 'person' ? (RISK_LABEL[e.riskLevel?.value ?? 'unknown'] ?? '') : '';
      case 'type':
        return e.kind === 'address'
          ? PLACE_TYPE_LABEL[e.placeType]
          : e.kind === 'business'
            ? BUSINESS_TYPE_LABEL[e.businessType]
            : e.kind === 'hotspot'
              ? HOTSPOT_TYPE_LABEL[e.hotspotType]
              : e.kind === 'phone'
                ? e.phoneType === 'handle'
                  ? `Online handle${e.platform ? ` (${e.platform})` : ''}`
                  : 'Phone number'
                : e.kind === 'vehicle'
                  ? [e.colour?.value, e.make?.value, e.model?.value].filter(Boolean).join(' ')
                  : '';
      case 'postcode':
        return e.kind === 'address' && e.postcode?.value ? (e.postcode.value.trim().toUpperCase().split(/\s+/)[0] ?? '') : '';
      case 'agencies':
        return [...new Set(entitySources(e).map((s) => itemById.get(s)?.agency).filter((a): a is string => !!a))].sort().join(', ');
      case 'items':
        return countText(entitySources(e).filter((s) => itemById.has(s)).length, suppress);
      case 'links':
        return countText(linkCount.get(e.id) ?? 0, suppress);
      case 'first-recorded':
        return formatDateUk(e.createdAt.slice(0, 10));
    }
  };
  const insertBlock = (ins: Insert, section: string): RenderBlock => {
    if (ins.type === 'entity-table') {
      const columns = ins.columns.length ? ins.columns : (['label', 'kind', 'role'] as EntityColumn[]);
      const shown = ins.entityIds.map((id) => viewById.get(id)).filter((e): e is Entity => !!e && !e.mergedInto);
      if (shown.length < ins.entityIds.length) warnings.push(`${section}: ${ins.entityIds.length - shown.length} of the entities in table "${ins.title}" are not in this product (merged, deleted or withheld).`);
      return {
        type: 'table',
        number: ++tableNo,
        caption: clean(ins.title, section) || 'Entities',
        table: {
          columns: columns.map((c) => ({ label: ENTITY_COLUMN_LABEL[c], align: c === 'items' || c === 'links' ? 'right' : 'left' })),
          rows: shown.map((e) => columns.map((c) => (c === 'label' ? clean(entityCell(e, c), section, false) : entityCell(e, c)))),
        },
      };
    }
    const dataUrl = options.images?.[ins.id] ?? ins.image?.dataUrl;
    if (!dataUrl) warnings.push(`${section}: the ${ins.type === 'chart-view' ? 'chart view' : 'map view'} "${ins.name}" has no picture yet.`);
    const kind = ins.type === 'chart-view' ? 'chart' : 'map';
    return {
      type: 'image',
      number: ++imageNo,
      caption: clean(ins.caption ?? (kind === 'chart' ? `Link chart: ${ins.name}` : `Map: ${ins.name}`), section),
      insertId: ins.id,
      kind,
      alt: kind === 'chart' ? `Link chart "${ins.name}" with its legend` : `Map "${ins.name}" with its legend`,
      ...(dataUrl ? { dataUrl } : {}),
      requirements:
        kind === 'chart'
          ? 'Draw with the legend and young people by pseudonym.'
          : 'Draw with the legend, young people by pseudonym, and victim-side places generalised to their postcode district.',
    };
  };

  const control = report.control;
  const range = control.dataFrom && control.dataTo ? { from: control.dataFrom, to: control.dataTo } : figures.dataRange;
  const statusText = report.status === 'frozen' ? `Frozen${report.frozenAt ? ` on ${formatDateUk(report.frozenAt.slice(0, 10))}` : ''}` : 'Draft';
  const controlRows: [string, string][] = [
    ['Version', `${report.version}${report.previousIds ? ` (follows version ${report.previousIds.version})` : ''}`],
    ['Status', statusText],
    ['Author', clean(control.author, 'Document control') || 'Not recorded'],
    ['Owner', clean(control.owner, 'Document control') || 'Not recorded'],
    ['Terms of reference', clean(control.termsOfReferenceRef, 'Document control') || 'Not recorded'],
    ['Data date range', range ? `${formatDateUk(range.from)} to ${formatDateUk(range.to)}` : 'No intelligence yet'],
    ['Extraction date', formatDateUk(control.extractionDate || today)],
    ['Next refresh due', control.nextRefreshDue ? formatDateUk(control.nextRefreshDue) : 'Not set'],
    ['Distribution', control.distribution.length ? clean(control.distribution.join('; '), 'Document control') : profile.label],
    ['Approved by', clean(control.approvedBy, 'Document control') || 'Not yet approved'],
    ['Peer review', clean(control.peerReviewedBy, 'Document control') || 'Not yet reviewed'],
    ['Recipient profile', profile.label],
    ['Security marking', report.marking],
    ['Handling caveat', caveat.title],
  ];

  const sections: RenderSection[] = [];
  let number = 0;
  for (const s of report.sections) {
    if (!s.included) continue;
    const title = clean(s.title, 'A section title') || 'Untitled section';
    const where = `Section "${title}"`;
    const blocks: RenderBlock[] = [];
    if (s.kind === 'document-control')
      blocks.push({ type: 'table', number: ++tableNo, caption: 'Document control', table: { columns: [{ label: 'Item', align: 'left' }, { label: 'Detail', align: 'left' }], rows: controlRows.map((r) => [...r]) } });
    for (const b of textBlocks(s.text)) {
      if (b.type === 'paragraph') blocks.push({ type: 'paragraph', text: clean(b.text, where) });
      else blocks.push({ type: 'list', items: b.items.map((t) => clean(t, where)) });
    }
    // Sections whose content is a structured list or annex material need no text of their own.
    const listed = s.kind === 'document-control' || s.kind === 'gaps' || s.kind === 'recommendations' || s.kind === 'previous-review' || s.kind === 'annexes';
    if (!s.text.trim() && !listed) {
      warnings.push(`${where} has no text yet.`);
      if (report.status === 'draft') blocks.push({ type: 'notice', text: 'Draft: the assessment for this section has not been written yet.' });
    }
    for (const f of s.figures) blocks.push(figureBlock(f.figure, f.caption));
    if (s.kind === 'gaps') {
      const order = { high: 0, medium: 1, low: 2 };
      const gaps = report.gaps.filter((g) => g.status !== 'closed').sort((a, b) => order[a.priority] - order[b.priority]);
      blocks.push(
        gaps.length
          ? {
              type: 'table',
              number: ++tableNo,
              caption: 'Intelligence gaps and collection plan',
              table: {
                columns: ['#', 'Gap', 'Priority', 'Owner', 'Collection plan'].map((label) => ({ label, align: 'left' as const })),
                rows: gaps.map((g, i) => [String(i + 1), clean(g.text, where), g.priority[0]!.toUpperCase() + g.priority.slice(1), clean(g.owner ?? '', where), clean(g.collection ?? '', where)]),
              },
            }
          : { type: 'notice', text: 'No intelligence gaps are recorded in this version.' },
      );
    }
    if (s.kind === 'recommendations') {
      const recs = report.recommendations.slice().sort((a, b) => FOUR_P.indexOf(a.category) - FOUR_P.indexOf(b.category));
      blocks.push(
        recs.length
          ? {
              type: 'table',
              number: ++tableNo,
              caption: 'Recommendations (Pursue, Prevent, Protect, Prepare)',
              table: {
                columns: ['#', 'Category', 'Recommendation', 'Owner', 'Due', 'Status'].map((label) => ({ label, align: 'left' as const })),
                rows: recs.map((r, i) => [String(i + 1), r.category, clean(r.text, where), clean(r.owner, where), r.due ? formatDateUk(r.due) : 'Not set', RECOMMENDATION_STATUS_LABEL[r.status]]),
              },
            }
          : { type: 'notice', text: 'No recommendations are recorded in this version.' },
      );
    }
    if (s.kind === 'previous-review') {
      const prev = report.previousRecommendations;
      blocks.push(
        prev.length
          ? {
              type: 'table',
              number: ++tableNo,
              caption: `Recommendations of version ${prev[0]!.fromVersion} reviewed`,
              table: {
                columns: ['Category', 'Recommendation', 'Owner', 'Due', `Status at version ${prev[0]!.fromVersion}`, 'Status now', 'Review'].map((label) => ({ label, align: 'left' as const })),
                rows: prev.map((p) => [
                  p.recommendation.category,
                  clean(p.recommendation.text, where),
                  clean(p.recommendation.owner, where),
                  p.recommendation.due ? formatDateUk(p.recommendation.due) : 'Not set',
                  RECOMMENDATION_STATUS_LABEL[p.recommendation.status],
                  RECOMMENDATION_STATUS_LABEL[p.status],
                  clean([p.comment, p.carriedForward ? 'Carried forward to this version.' : ''].filter(Boolean).join(' '), where),
                ]),
              },
            }
          : { type: 'notice', text: report.previousIds ? 'The previous version made no recommendations.' : 'This is the first version: there are no earlier recommendations to review.' },
      );
    }
    for (const ins of s.inserts) blocks.push(insertBlock(ins, where));
    number++;
    sections.push({ id: s.id, kind: s.kind, number: String(number), title, anchor: `s${number}-${anchorOf(title)}`, blocks });
  }

  // Back matter: the grading key, then the sources.
  const backMatter: RenderSection[] = [];
  const keyBlocks = gradingKeyBlocks(tableNo + 1);
  tableNo += 2;
  backMatter.push({ id: 'grading-key', kind: 'grading-key', number: 'Annex', title: 'Grading and handling key', anchor: 'annex-grading-key', blocks: keyBlocks });
  const sourceBlocks: RenderBlock[] = [];
  if (rules.sources === 'items') {
    const approvedIds = new Set(report.approvals.map((a) => a.itemId));
    const items = view.items.slice().sort((a, b) => (a.dateOfIntelligence ?? a.dateRecorded).localeCompare(b.dateOfIntelligence ?? b.dateRecorded) || a.reference.localeCompare(b.reference));
    sourceBlocks.push({
      type: 'paragraph',
      text: 'Every intelligence item this product relies on, with its originator, reference, date of intelligence (separate from the date it was recorded), grade and handling conditions. The items’ text is not reproduced.',
    });
    sourceBlocks.push({
      type: 'table',
      number: ++tableNo,
      caption: 'Intelligence items relied on',
      table: {
        columns: ['Originator', 'Reference', 'Date of intelligence', 'Date recorded', 'Grade', 'Handling conditions'].map((label) => ({ label, align: 'left' as const })),
        rows: items.map((i) => [
          i.agency,
          i.reference,
          i.dateOfIntelligence ? formatDateUk(i.dateOfIntelligence) : 'Not known',
          formatDateUk(i.dateRecorded),
          gradingCode(i.grading),
          [
            i.grading.scheme === '3x5x2' ? (i.grading.conditions ?? '') : '',
            needsOriginatorApproval(i.grading) && approvedIds.has(i.id) && rules.withholdRestrictedItems ? 'Originator approved inclusion' : '',
          ]
            .filter(Boolean)
            .join('; '),
        ]),
      },
    });
  } else {
    const by = new Map<string, [number, number, number]>();
    for (const i of view.items) {
      const r = by.get(i.agency) ?? by.set(i.agency, [0, 0, 0]).get(i.agency)!;
      r[i.grading.scheme === '3x5x2' ? 0 : i.grading.scheme === '5x5x5' ? 1 : 2]++;
    }
    sourceBlocks.push({ type: 'paragraph', text: 'The intelligence behind this product, by originating agency and grading scheme. The item-level list (references, dates, grades and handling conditions) is held by the analyst.' });
    sourceBlocks.push({
      type: 'table',
      number: ++tableNo,
      caption: 'Intelligence relied on, by agency',
      table: {
        columns: [
          { label: 'Originator', align: 'left' },
          { label: '3x5x2', align: 'right' },
          { label: '5x5x5', align: 'right' },
          { label: 'Ungraded', align: 'right' },
          { label: 'Total', align: 'right' },
        ],
        rows: [...by.entries()]
          .sort((a, b) => a[0].localeCompare(b[0]))
          .map(([agency, r]) => [agency, ...r.map((n) => countText(n, suppress)), countText(r[0] + r[1] + r[2], suppress)]),
      },
    });
  }
  if (scoped.withheld.length)
    sourceBlocks.push({ type: 'notice', text: 'Some intelligence is not included in this version because its handling conditions do not permit sharing it with this audience.' });
  if (suppress) sourceBlocks.push({ type: 'notice', text: 'Counts below 5 are shown as "<5" and percentages based on them are not shown, to protect the young people concerned. Totals include the suppressed counts.' });
  backMatter.push({ id: 'sources', kind: 'sources', number: 'Annex', title: 'Sources of intelligence', anchor: 'annex-sources', blocks: sourceBlocks });

  // The restricted annex: the identities behind the pseudonyms (police internal only).
  let restrictedAnnex: RenderableReport['restrictedAnnex'];
  if (rules.restrictedAnnex && pseudonyms.size) {
    const byId = new Map(data.entities.map((e) => [e.id, e]));
    const full = makeNamer({ entities: data.entities.filter((e) => !e.mergedInto), links: data.links }, pseudonyms);
    const homes = new Map<Id, string[]>();
    for (const l of data.links) {
      for (const [who, where] of [
        [l.from, l.to],
        [l.to, l.from],
      ] as const) {
        if (!pseudonyms.has(who) || !full.victimSide.has(where)) continue;
        const place = byId.get(where);
        if (place) (homes.get(who) ?? homes.set(who, []).get(who)!).push(`${entityLabel(place)} (${full.victimSide.get(where)!.toLowerCase()})`);
      }
    }
    const rows = [...pseudonyms.entries()]
      .sort((a, b) => (a[1] < b[1] ? -1 : 1))
      .map(([id, pseudonym]) => {
        const p = byId.get(id) as Person | undefined;
        if (!p) return [pseudonym, '', '', '', '', '', ''];
        const names = [...new Set(p.names.map((n) => personNameText(n)).filter(Boolean))].join('; ') || 'Unnamed';
        const dob = p.dob ? formatDateUk(p.dob.value) : p.estimatedAge ? `Est. age ${p.estimatedAge.value.years} (${formatDateUk(p.estimatedAge.value.asOf)})` : 'Unknown';
        return [
          pseudonym,
          names,
          dob,
          SEX_LABEL[p.sex.value] ?? '',
          RISK_LABEL[p.riskLevel?.value ?? 'unknown'] ?? '',
          p.identifiers.map((i) => `${i.value.scheme} ${i.value.value}`).join('; '),
          [...new Set(homes.get(id) ?? [])].join('; '),
        ];
      });
    restrictedAnnex = {
      marking: `${report.marking} – PERSONAL – RESTRICTED ANNEX`,
      title: 'Restricted annex: identities of young people at risk',
      notice:
        'This annex identifies victims and young people at risk, who have lifelong anonymity. Keep it separately from the main report; do not copy it, or any part of it, into the main body or into products for partners or boards. Police internal use only.',
      table: {
        columns: ['Pseudonym', 'Names', 'Date of birth or age', 'Sex', 'Risk level', 'Identifiers', 'Home, placement, school or care home'].map((label) => ({ label, align: 'left' as const })),
        rows,
      },
    };
  }

  if (scoped.withheld.length) warnings.push(`${scoped.withheld.length} item(s) are left out of this product under their handling conditions (record the originator's approval to include one).`);
  if (report.status === 'draft') warnings.push('This version is a draft: its figures change with the workspace until it is frozen.');

  const workspaceName = clean(data.workspace.name, 'The workspace name');
  return {
    title: clean(report.title, 'The title') || 'Problem profile',
    workspaceName,
    version: report.version,
    status: report.status,
    ...(report.frozenAt ? { frozenAt: report.frozenAt } : {}),
    generatedAt,
    profile: { id: profile.id, label: profile.label, audience: profile.audience },
    marking: report.marking,
    caveat,
    cover: [
      { label: 'Version', value: String(report.version) },
      { label: 'Date', value: formatDateUk((report.frozenAt ?? generatedAt).slice(0, 10)) },
      { label: 'Author', value: clean(control.author, 'Document control') || 'Not recorded' },
      { label: 'Status', value: statusText },
      { label: 'Recipient profile', value: profile.label },
      { label: 'Handling caveat', value: `${caveat.title} (${caveat.code})` },
    ],
    sections,
    backMatter,
    ...(restrictedAnnex ? { restrictedAnnex } : {}),
    withheld: scoped.withheld,
    warnings: [...new Set(warnings)],
    suppressed: suppress,
  };
}

// ---------------------------------------------------------------- one call, and freezing

export interface LiveOptions extends PrepareOptions, Pick<FigureOptions, 'today' | 'periods' | 'top' | 'analysis' | 'communities'> {}

/** The figures as the profile may see them: on its filtered data (a frozen version: from the snapshot). */
export function figuresFor(report: Report, data: ReportData, profileId: RecipientProfileId, options: LiveOptions): ReportFigures {
  const scoped = recipientData(report, data, profileId);
  return computeFigures(scoped.data, {
    period: report.period,
    today: options.today,
    ...(options.periods ? { periods: options.periods } : {}),
    ...(options.top ? { top: options.top } : {}),
    // A precomputed analysis is of the whole workspace: only valid when nothing was withheld.
    ...(!scoped.withheld.length && options.analysis ? { analysis: options.analysis } : {}),
    ...(!scoped.withheld.length && options.communities ? { communities: options.communities } : {}),
    pseudonyms: youngPersonPseudonyms(data.entities),
    ...(report.previousIds ? { previous: report.previousIds } : {}),
    withheldItemIds: scoped.withheld.map((w) => w.itemId),
  });
}

/** The product for a profile: a frozen version's stored one, or a draft's computed now from the workspace. */
export function renderableFor(report: Report, data: ReportData, profileId: RecipientProfileId, options: LiveOptions): RenderableReport {
  if (report.status === 'frozen') {
    const stored = report.snapshot?.rendered[profileId];
    if (!stored) throw new Error('This frozen version has no stored product for that recipient profile.');
    return stored;
  }
  return prepareForRecipient(report, figuresFor(report, data, profileId, options), data, profileId, options);
}

export interface FreezeOptions extends Omit<LiveOptions, 'generatedAt' | 'images'> {
  by: string;
  at?: IsoDateTime;
  /** Pictures of the chart and map inserts, captured now (kept in the version). */
  images?: Readonly<Record<Id, { dataUrl: string; width: number; height: number }>>;
}

/**
 * Freezes a draft: the figures of the whole workspace and the product for every recipient profile are
 * computed once and kept, with the entity and link ids (for the next version's "changes since"), the
 * pictures of its chart and map views and the extraction date. The result never changes again.
 */
export function freezeReport(report: Report, data: ReportData, options: FreezeOptions): Report {
  if (report.status === 'frozen') throw new ReportFrozenError();
  const at = options.at ?? new Date().toISOString();
  const today: IsoDate = options.today;
  const images: Record<Id, string> = {};
  const sections = report.sections.map((s) => ({
    ...s,
    inserts: s.inserts.map((ins): Insert => {
      if (ins.type === 'entity-table') return ins;
      const img = options.images?.[ins.id];
      if (!img) return ins;
      images[ins.id] = img.dataUrl;
      return { ...ins, image: { ...img, capturedAt: at } };
    }),
  }));
  const frozen: Report = {
    ...report,
    sections,
    status: 'frozen',
    frozenAt: at,
    frozenBy: options.by,
    control: { ...report.control, extractionDate: report.control.extractionDate || today },
    updatedAt: at,
  };
  const { images: _images, by: _by, at: _at, ...live } = options;
  const rendered = {} as Record<RecipientProfileId, RenderableReport>;
  let internal: ReportFigures | undefined;
  for (const id of RECIPIENT_PROFILE_IDS) {
    const figures = figuresFor(frozen, data, id, live);
    if (id === 'police-internal') internal = figures;
    rendered[id] = prepareForRecipient(frozen, figures, data, id, { generatedAt: at, images });
  }
  const live0 = data.entities.filter((e) => !e.mergedInto);
  const snapshot: ReportSnapshot = {
    takenAt: at,
    takenBy: options.by,
    figures: internal ?? figuresFor(frozen, data, 'police-internal', live),
    rendered,
    entityIds: live0.map((e) => e.id),
    linkIds: data.links.map((l) => l.id),
    personIds: live0.filter((e) => e.kind === 'person').map((e) => e.id),
    hotspotIds: live0.filter((e) => e.kind === 'hotspot').map((e) => e.id),
  };
  return { ...frozen, snapshot };
}
