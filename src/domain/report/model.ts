/**
 * The problem profile as a document (issue "Report"): pure types and edits, no React, Dexie or DOM.
 *
 * A `Report` is one *version* of a workspace's problem profile: the template sections (domain.md section 2)
 * in the analyst's order, each with the analyst's judgement as plain text (blank lines separate
 * paragraphs), the automatic figures it shows (figures.ts computes them from the workspace) and what the
 * analyst inserted (saved chart views, map views, tables from a filtered entity list); the structured
 * intelligence gaps and recommendations (4P); the previous version's recommendations under review; and the
 * originators' approvals that let withheld material go to partners (recipients.ts).
 *
 * Lifecycle:
 *
 *   newReport(workspace)                 version 1, the template with default figures and hints
 *   edit: updateSection, moveSection, setSectionIncluded, addCustomSection, removeSection,
 *         addGap / updateGap / removeGap, addRecommendation / updateRecommendation / removeRecommendation,
 *         reviewPrevious, carryForward, addApproval / removeApproval, updateControl
 *         (each returns a new Report; each throws ReportFrozenError on a frozen version)
 *   freezeReport(report, data, ...)      recipients.ts: computes the figures and the rendered product for
 *                                        every recipient profile once and keeps them (`snapshot`), so a
 *                                        frozen version never changes
 *   newReport(workspace, frozen)         the next version starts from the frozen one: same sections and
 *                                        texts, open gaps, and the frozen version's recommendations to review
 *
 * While a version is a draft its figures are live (computed from the workspace whenever it is shown or
 * exported); once frozen they come from the snapshot.
 */
import type { Id, IsoDate, IsoDateTime, SecurityMarking, Workspace } from '../model';
import { newId } from '../util';
import type { FigureId, ReportFigures } from './figures';
import type { RecipientProfileId, RenderableReport } from './recipients';

// ---------------------------------------------------------------- sections

export const SECTION_KINDS = [
  'document-control',
  'introduction',
  'key-findings',
  'method',
  'context',
  'scale',
  'victims',
  'offenders',
  'locations',
  'modus-operandi',
  'partnership',
  'gaps',
  'recommendations',
  'previous-review',
  'annexes',
] as const;
export type TemplateSectionKind = (typeof SECTION_KINDS)[number];
export type SectionKind = TemplateSectionKind | 'custom';

/** A figure shown in a section: which automatic figure, optionally with the analyst's own caption. */
export interface FigureRef {
  figure: FigureId;
  caption?: string;
}

/** Columns an inserted entity table can show. */
export const ENTITY_COLUMNS = [
  'label',
  'kind',
  'role',
  'age',
  'sex',
  'ethnicity',
  'risk',
  'type',
  'postcode',
  'agencies',
  'items',
  'links',
  'first-recorded',
] as const;
export type EntityColumn = (typeof ENTITY_COLUMNS)[number];
export const ENTITY_COLUMN_LABEL: Record<EntityColumn, string> = {
  label: 'Name / identifier',
  kind: 'Kind',
  role: 'Role',
  age: 'Age',
  sex: 'Sex',
  ethnicity: 'Ethnicity',
  risk: 'Risk level',
  type: 'Type',
  postcode: 'Postcode district',
  agencies: 'Agencies',
  items: 'Intelligence items',
  links: 'Links',
  'first-recorded': 'First recorded',
};

/** A picture of the chart or map captured for a frozen version (so it never changes either). */
export interface CapturedImage {
  /** `data:image/png;base64,...` or `data:image/jpeg;base64,...`. */
  dataUrl: string;
  width: number;
  height: number;
  capturedAt: IsoDateTime;
}

/**
 * What the analyst inserted into a section. Chart and map views are pictures the app draws (with their
 * legend, young people by pseudonym, victim-side places generalised) and hands to the renderers as data
 * URLs keyed by the insert's id; an entity table is built from the entities as they are when rendered.
 */
export type Insert =
  | { id: Id; type: 'chart-view'; viewId: Id; name: string; caption?: string; image?: CapturedImage }
  | { id: Id; type: 'map-view'; viewId?: Id; name: string; caption?: string; image?: CapturedImage }
  | { id: Id; type: 'entity-table'; title: string; entityIds: Id[]; columns: EntityColumn[] };

export interface ReportSection {
  id: Id;
  kind: SectionKind;
  title: string;
  /** The analyst's judgement: plain text, paragraphs separated by blank lines. */
  text: string;
  /** What to write here (shown to the analyst as a placeholder; never rendered). */
  hint: string;
  /** False when the analyst dropped the section from this version (it is kept, to be taken back). */
  included: boolean;
  figures: FigureRef[];
  inserts: Insert[];
}

// ---------------------------------------------------------------- gaps, recommendations, approvals

export const FOUR_P = ['Pursue', 'Prevent', 'Protect', 'Prepare'] as const;
export type FourP = (typeof FOUR_P)[number];
export const FOUR_P_MEANING: Record<FourP, string> = {
  Pursue: 'Disrupt and prosecute offenders',
  Prevent: 'Stop people becoming involved in offending',
  Protect: 'Safeguard young people and reduce their vulnerability',
  Prepare: 'Strengthen the partnership’s ability to respond',
};

export const RECOMMENDATION_STATUSES = ['open', 'in-progress', 'done', 'dropped'] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];
export const RECOMMENDATION_STATUS_LABEL: Record<RecommendationStatus, string> = {
  open: 'Open',
  'in-progress': 'In progress',
  done: 'Done',
  dropped: 'Dropped',
};

export interface Recommendation {
  id: Id;
  text: string;
  owner: string;
  /** ISO date; '' while not set. */
  due: IsoDate;
  status: RecommendationStatus;
  category: FourP;
}

/** A recommendation of the previous version, as it stood when that version was frozen, under review. */
export interface ReviewedRecommendation {
  recommendation: Recommendation;
  fromVersion: number;
  /** The status the review finds now. Starts as the frozen status. */
  status: RecommendationStatus;
  comment: string;
  /** Re-issued in this version as a new recommendation (carryForward). */
  carriedForward: boolean;
}

export const GAP_PRIORITIES = ['high', 'medium', 'low'] as const;
export type GapPriority = (typeof GAP_PRIORITIES)[number];

export interface IntelGap {
  id: Id;
  text: string;
  owner?: string;
  priority: GapPriority;
  /** How the gap will be filled (the collection plan). */
  collection?: string;
  status?: 'open' | 'closed';
}

/**
 * The originator of an item whose handling forbids wider sharing (3x5x2 C with S2, 5x5x5 handling 4/5)
 * agreed to it going to partners in this product. Without one the item is left out for partners and boards.
 */
export interface OriginatorApproval {
  itemId: Id;
  approvedBy: string;
  date: IsoDate;
  note: string;
}

// ---------------------------------------------------------------- document control, snapshot, report

export interface DocumentControl {
  author: string;
  /** Who owns the product (e.g. the MASE chair or the intelligence manager). */
  owner: string;
  termsOfReferenceRef: string;
  /** The data date range the profile covers; set from the workspace when empty. */
  dataFrom: IsoDate;
  dataTo: IsoDate;
  /** The date the data was taken from the workspace (the freeze date for a frozen version). */
  extractionDate: IsoDate;
  /** At most 12 months after the version (HMICFRS: refreshed at least yearly). */
  nextRefreshDue: IsoDate;
  distribution: string[];
  approvedBy: string;
  peerReviewedBy: string;
}

/** What a frozen version keeps, so it never changes and the next version can say what changed since. */
export interface ReportSnapshot {
  takenAt: IsoDateTime;
  takenBy: string;
  /** The figures on the whole workspace (the analyst's view; the diff of the next version starts here). */
  figures: ReportFigures;
  /** The product as each recipient profile receives it. */
  rendered: Record<RecipientProfileId, RenderableReport>;
  /** Entities (not merged away) and links of the workspace when frozen. */
  entityIds: Id[];
  linkIds: Id[];
  /** People and hot spots among entityIds (so the diff needs no kinds of entities that may since be gone). */
  personIds: Id[];
  hotspotIds: Id[];
}

export interface Report {
  id: Id;
  workspaceId: Id;
  title: string;
  version: number;
  status: 'draft' | 'frozen';
  frozenAt?: IsoDateTime;
  frozenBy?: string;
  /** The version this one started from. */
  basedOn?: Id;
  marking: SecurityMarking;
  /** The period figures count by. */
  period: 'month' | 'quarter';
  control: DocumentControl;
  sections: ReportSection[];
  gaps: IntelGap[];
  recommendations: Recommendation[];
  previousRecommendations: ReviewedRecommendation[];
  approvals: OriginatorApproval[];
  /** For a frozen version: the figures and products as frozen, and the entity and link ids. */
  snapshot?: ReportSnapshot;
  /** The previous frozen version's ids (copied from its snapshot), for "what changed since". */
  previousIds?: Pick<ReportSnapshot, 'entityIds' | 'linkIds' | 'personIds' | 'hotspotIds'> & { version: number; frozenAt?: IsoDateTime };
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
}

// ---------------------------------------------------------------- the template

export interface SectionTemplate {
  kind: TemplateSectionKind;
  title: string;
  hint: string;
  figures: FigureId[];
}

export const SECTION_TEMPLATE: readonly SectionTemplate[] = [
  {
    kind: 'document-control',
    title: 'Document control',
    hint: 'Version, author, owner, terms-of-reference reference, data date range, extraction date, next refresh (at most 12 months), distribution list, approval and peer review. The table is filled from the document control details; add anything else here.',
    figures: [],
  },
  {
    kind: 'introduction',
    title: 'Introduction and terms of reference',
    hint: 'Aim and purpose, the terms of reference, scope (area, period, definitions used) and what is excluded.',
    figures: [],
  },
  {
    kind: 'key-findings',
    title: 'Key findings',
    hint: 'Three to six findings, most important first, each with confidence language ("it is highly likely that...") and the evidence behind it.',
    figures: [],
  },
  {
    kind: 'method',
    title: 'Method and sources',
    hint: 'Agencies and systems that contributed, the period, how intelligence was graded, and data-quality caveats: say what the completeness figures mean for the findings.',
    figures: ['completeness', 'grading'],
  },
  {
    kind: 'context',
    title: 'Context and changes since the last version',
    hint: 'What has changed since the previous profile: new people, links and places, enforcement and safeguarding activity, changes in partners or systems.',
    figures: ['changes'],
  },
  {
    kind: 'scale',
    title: 'Scale and extent',
    hint: 'How big the problem is and which way it is going: intelligence, young people at risk by risk level, missing episodes. Say whether changes reflect the problem or recording.',
    figures: ['counts', 'yp-risk', 'missing'],
  },
  {
    kind: 'victims',
    title: 'Victims and young people at risk',
    hint: 'Aggregated and anonymised only: age bands, sex, care status, vulnerabilities and indicators. Never name a young person here; pseudonyms (YP-01...) only.',
    figures: ['yp-age-sex'],
  },
  {
    kind: 'offenders',
    title: 'Offenders and networks',
    hint: 'Organisers, facilitators, abusers and associates; the networks and whether the offending is group-based; key individuals by network measures and why they matter; what is unknown.',
    figures: ['key-individuals', 'groups'],
  },
  {
    kind: 'locations',
    title: 'Locations',
    hint: 'Hot spots, hotels and B&Bs, takeaways, taxi firms and addresses; day and time patterns. Victim-side places (homes, schools, care homes) only in aggregate.',
    figures: ['places'],
  },
  {
    kind: 'modus-operandi',
    title: 'Modus operandi and enablers',
    hint: 'How young people are targeted, groomed and moved: vehicles, phones and online platforms, alcohol and drugs, gifts.',
    figures: ['vehicles-phones'],
  },
  {
    kind: 'partnership',
    title: 'Partnership picture',
    hint: 'What each agency holds and shares, the systems and processes, and where sharing works or does not.',
    figures: ['agencies'],
  },
  {
    kind: 'gaps',
    title: 'Intelligence gaps',
    hint: 'What is not known and matters, with the collection plan to fill each gap (the list below).',
    figures: [],
  },
  {
    kind: 'recommendations',
    title: 'Recommendations',
    hint: 'Pursue, Prevent, Protect and Prepare actions, each with an owner, a due date and a status (the list below).',
    figures: [],
  },
  {
    kind: 'previous-review',
    title: 'Review of previous recommendations',
    hint: 'What happened to each recommendation of the previous version and what it achieved.',
    figures: [],
  },
  {
    kind: 'annexes',
    title: 'Annexes',
    hint: 'Link charts, maps and data tables supporting the assessment. The grading key and the list of sources are added automatically.',
    figures: [],
  },
];

export function sectionTemplate(kind: TemplateSectionKind): SectionTemplate {
  const t = SECTION_TEMPLATE.find((s) => s.kind === kind);
  if (!t) throw new Error(`Unknown report section kind: ${kind}`);
  return t;
}

// ---------------------------------------------------------------- creating a version

export class ReportFrozenError extends Error {
  constructor() {
    super('This version is frozen and cannot be changed. Start the next version to make changes.');
    this.name = 'ReportFrozenError';
  }
}

export interface NewReportOptions {
  id?: Id;
  /** ISO timestamp of creation (default: now). */
  now?: IsoDateTime;
  author?: string;
  title?: string;
}

function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * A new version. Without `previous`: version 1, every template section in order, with its default figures
 * and hint, the introduction starting from the workspace's terms of reference. With `previous` (normally
 * the last frozen version): version + 1 based on it, its sections (order, texts, figures, inserts, what was
 * dropped; captured pictures are not copied, they are taken again), its open gaps, and its recommendations
 * to review; the new version's own recommendation list starts empty (carryForward re-issues one).
 */
export function newReport(workspace: Workspace, previous?: Report, options: NewReportOptions = {}): Report {
  const now = options.now ?? new Date().toISOString();
  const today = now.slice(0, 10);
  const id = options.id ?? newId('report');
  const control: DocumentControl = {
    author: options.author ?? previous?.control.author ?? '',
    owner: previous?.control.owner ?? '',
    termsOfReferenceRef: previous?.control.termsOfReferenceRef ?? '',
    dataFrom: '',
    dataTo: '',
    extractionDate: '',
    nextRefreshDue: addMonths(today, 12),
    distribution: previous ? [...previous.control.distribution] : [],
    approvedBy: '',
    peerReviewedBy: '',
  };
  const base = {
    id,
    workspaceId: workspace.id,
    status: 'draft' as const,
    marking: previous?.marking ?? workspace.marking,
    period: previous?.period ?? ('quarter' as const),
    control,
    approvals: [] as OriginatorApproval[],
    createdAt: now,
    updatedAt: now,
  };
  if (!previous) {
    const sections: ReportSection[] = SECTION_TEMPLATE.map((t) => ({
      id: `s-${t.kind}`,
      kind: t.kind,
      title: t.title,
      text: t.kind === 'introduction' ? workspace.termsOfReference.trim() : '',
      hint: t.hint,
      included: true,
      figures: t.figures.map((figure) => ({ figure })),
      inserts: [],
    }));
    return {
      ...base,
      title: options.title ?? `Problem profile: ${workspace.name}`,
      version: 1,
      sections,
      gaps: [],
      recommendations: [],
      previousRecommendations: [],
    };
  }
  const sections: ReportSection[] = previous.sections.map((s) => ({
    ...s,
    figures: s.figures.map((f) => ({ ...f })),
    inserts: s.inserts.map((ins) => {
      if (ins.type === 'entity-table') return { ...ins, entityIds: [...ins.entityIds], columns: [...ins.columns] };
      const { image: _image, ...rest } = ins;
      return rest;
    }),
  }));
  const snapshot = previous.snapshot;
  return {
    ...base,
    title: options.title ?? previous.title,
    version: previous.version + 1,
    basedOn: previous.id,
    sections,
    gaps: previous.gaps.filter((g) => g.status !== 'closed').map((g) => ({ ...g })),
    recommendations: [],
    previousRecommendations: previous.recommendations.map((r) => ({
      recommendation: { ...r },
      fromVersion: previous.version,
      status: r.status,
      comment: '',
      carriedForward: false,
    })),
    ...(snapshot
      ? {
          previousIds: {
            version: previous.version,
            ...(previous.frozenAt ? { frozenAt: previous.frozenAt } : {}),
            entityIds: snapshot.entityIds,
            linkIds: snapshot.linkIds,
            personIds: snapshot.personIds,
            hotspotIds: snapshot.hotspotIds,
          },
        }
      : {}),
  };
}

// ---------------------------------------------------------------- edits (each returns a new Report)

function draft(report: Report, change: Partial<Report>, now?: IsoDateTime): Report {
  if (report.status === 'frozen') throw new ReportFrozenError();
  return { ...report, ...change, updatedAt: now ?? new Date().toISOString() };
}

export function updateReport(report: Report, change: Partial<Pick<Report, 'title' | 'marking' | 'period'>>): Report {
  return draft(report, change);
}

export function updateControl(report: Report, change: Partial<DocumentControl>): Report {
  return draft(report, { control: { ...report.control, ...change } });
}

export function updateSection(
  report: Report,
  sectionId: Id,
  change: Partial<Pick<ReportSection, 'title' | 'text' | 'included' | 'figures' | 'inserts'>>,
): Report {
  if (!report.sections.some((s) => s.id === sectionId)) throw new Error(`No section ${sectionId} in this report`);
  return draft(report, { sections: report.sections.map((s) => (s.id === sectionId ? { ...s, ...change } : s)) });
}

export function setSectionIncluded(report: Report, sectionId: Id, included: boolean): Report {
  return updateSection(report, sectionId, { included });
}

/** Moves a section to a new position (0-based, clamped). */
export function moveSection(report: Report, sectionId: Id, toIndex: number): Report {
  const from = report.sections.findIndex((s) => s.id === sectionId);
  if (from < 0) throw new Error(`No section ${sectionId} in this report`);
  const sections = report.sections.slice();
  const [moved] = sections.splice(from, 1);
  const to = Math.max(0, Math.min(sections.length, Math.floor(toIndex)));
  sections.splice(to, 0, moved!);
  return draft(report, { sections });
}

export function addCustomSection(report: Report, title: string, atIndex = report.sections.length, id: Id = newId('section')): Report {
  const section: ReportSection = { id, kind: 'custom', title: title.trim() || 'New section', text: '', hint: '', included: true, figures: [], inserts: [] };
  const sections = report.sections.slice();
  sections.splice(Math.max(0, Math.min(sections.length, atIndex)), 0, section);
  return draft(report, { sections });
}

/** Removes a custom section. Template sections are dropped (setSectionIncluded false), not removed. */
export function removeSection(report: Report, sectionId: Id): Report {
  const s = report.sections.find((x) => x.id === sectionId);
  if (!s) throw new Error(`No section ${sectionId} in this report`);
  if (s.kind !== 'custom') return setSectionIncluded(report, sectionId, false);
  return draft(report, { sections: report.sections.filter((x) => x.id !== sectionId) });
}

export function addInsert(report: Report, sectionId: Id, insert: Insert): Report {
  const s = report.sections.find((x) => x.id === sectionId);
  if (!s) throw new Error(`No section ${sectionId} in this report`);
  return updateSection(report, sectionId, { inserts: [...s.inserts, insert] });
}

export function removeInsert(report: Report, insertId: Id): Report {
  return draft(report, { sections: report.sections.map((s) => (s.inserts.some((i) => i.id === insertId) ? { ...s, inserts: s.inserts.filter((i) => i.id !== insertId) } : s)) });
}

export function addGap(report: Report, gap: Omit<IntelGap, 'id'> & { id?: Id }): Report {
  return draft(report, { gaps: [...report.gaps, { status: 'open', ...gap, id: gap.id ?? newId('gap') }] });
}

export function updateGap(report: Report, id: Id, change: Partial<Omit<IntelGap, 'id'>>): Report {
  return draft(report, { gaps: report.gaps.map((g) => (g.id === id ? { ...g, ...change } : g)) });
}

export function removeGap(report: Report, id: Id): Report {
  return draft(report, { gaps: report.gaps.filter((g) => g.id !== id) });
}

/** Problems with a recommendation, in plain words (empty when complete). */
export function validateRecommendation(r: Omit<Recommendation, 'id'>): string[] {
  const problems: string[] = [];
  if (!r.text.trim()) problems.push('Say what is recommended.');
  if (!r.owner.trim()) problems.push('Every recommendation needs an owner.');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(r.due)) problems.push('Every recommendation needs a due date.');
  if (!FOUR_P.includes(r.category)) problems.push('Choose Pursue, Prevent, Protect or Prepare.');
  if (!RECOMMENDATION_STATUSES.includes(r.status)) problems.push('Choose a status.');
  return problems;
}

export function addRecommendation(report: Report, rec: Omit<Recommendation, 'id'> & { id?: Id }): Report {
  return draft(report, { recommendations: [...report.recommendations, { ...rec, id: rec.id ?? newId('rec') }] });
}

export function updateRecommendation(report: Report, id: Id, change: Partial<Omit<Recommendation, 'id'>>): Report {
  return draft(report, { recommendations: report.recommendations.map((r) => (r.id === id ? { ...r, ...change } : r)) });
}

export function removeRecommendation(report: Report, id: Id): Report {
  return draft(report, { recommendations: report.recommendations.filter((r) => r.id !== id) });
}

/** Records the review of one of the previous version's recommendations. */
export function reviewPrevious(report: Report, recommendationId: Id, change: Partial<Pick<ReviewedRecommendation, 'status' | 'comment'>>): Report {
  return draft(report, {
    previousRecommendations: report.previousRecommendations.map((p) => (p.recommendation.id === recommendationId ? { ...p, ...change } : p)),
  });
}

/** Re-issues a previous recommendation in this version (new id, status open unless it was in progress). */
export function carryForward(report: Report, recommendationId: Id, id: Id = newId('rec')): Report {
  const prev = report.previousRecommendations.find((p) => p.recommendation.id === recommendationId);
  if (!prev) throw new Error(`No previous recommendation ${recommendationId}`);
  const r = prev.recommendation;
  return draft(report, {
    recommendations: [...report.recommendations, { ...r, id, status: prev.status === 'in-progress' ? 'in-progress' : 'open' }],
    previousRecommendations: report.previousRecommendations.map((p) => (p === prev ? { ...p, carriedForward: true } : p)),
  });
}

export function addApproval(report: Report, approval: OriginatorApproval): Report {
  return draft(report, { approvals: [...report.approvals.filter((a) => a.itemId !== approval.itemId), approval] });
}

export function removeApproval(report: Report, itemId: Id): Report {
  return draft(report, { approvals: report.approvals.filter((a) => a.itemId !== itemId) });
}

/** A section's text as blocks: blank lines separate paragraphs; a paragraph whose lines all start with
 * "- ", "* " or "• " is a bulleted list; other single line breaks are read as spaces. */
export function textBlocks(text: string): ({ type: 'paragraph'; text: string } | { type: 'list'; items: string[] })[] {
  const out: ({ type: 'paragraph'; text: string } | { type: 'list'; items: string[] })[] = [];
  for (const raw of text.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/)) {
    const lines = raw.split('\n').map((l) => l.trim()).filter(Boolean);
    if (!lines.length) continue;
    if (lines.every((l) => /^[-*\u2022]\s+/.test(l))) out.push({ type: 'list', items: lines.map((l) => l.replace(/^[-*\u2022]\s+/, '')) });
    else out.push({ type: 'paragraph', text: lines.join(' ') });
  }
  return out;
}
