/**
 * The workspace bundle: a whole workspace as one JSON file that restores exactly (entities, links, items,
 * crime events, import history, quarantine, duplicate decisions, merges, the audit log, chart views and
 * other per-workspace settings; saved column mappings optionally).
 *
 * The text is deterministic: top-level fields in a fixed order, every object's keys sorted, record lists
 * sorted by id (the audit log in the order it was written), one record per line so two bundles can be
 * compared with a diff tool. A SHA-256 checksum of the text (without the checksum line) detects a file
 * changed or damaged after export; it is not a signature (anyone who edits the file can recompute it).
 * The hash is computed with Web Crypto (`crypto.subtle`, in browsers, workers and Node 20) unless a
 * hasher is injected.
 */
import {
  AUDIT_CATEGORIES,
  ENTITY_KINDS,
  SECURITY_MARKINGS,
  type AuditRecord,
  type CrimeEvent,
  type Entity,
  type Id,
  type ImportRecord,
  type IntelItem,
  type IsoDateTime,
  type Link,
  type MergeRecord,
  type PairDecision,
  type QuarantineRow,
  type Workspace,
} from '../model';
import { nowIso } from '../util';

export const BUNDLE_FORMAT = 'linkwall-bundle';
export const BUNDLE_VERSION = 1;

/** A saved column mapping (the shape of db/schema.ts TemplateRecord). */
export interface BundleTemplate {
  id: string;
  name: string;
  agency: string;
  signature: string;
  headers: string[];
  mapping: unknown;
  createdAt: string;
  updatedAt: string;
}

/** The chart's named views (the shape services/walls.ts stores; other fields, such as pins and groups, travel as they are). */
export interface BundleChartView {
  id: string;
  name: string;
  nodes: Id[];
  positions: Record<Id, { x: number; y: number }>;
  [more: string]: unknown;
}
export interface BundleChartViews {
  current: string;
  views: BundleChartView[];
}

/** Audit records travel without their store sequence number (the receiving store assigns new ones, in order). */
export type BundleAuditRecord = Omit<AuditRecord, 'seq'>;

export interface WorkspaceBundleData {
  workspace: Workspace;
  entities: Entity[];
  links: Link[];
  items: IntelItem[];
  events: CrimeEvent[];
  imports: ImportRecord[];
  quarantine: QuarantineRow[];
  /** Saved column mappings (not tied to a workspace): only when asked for. */
  templates?: BundleTemplate[];
  decisions: PairDecision[];
  merges: MergeRecord[];
  /** The workspace's audit log, oldest first. */
  audit: BundleAuditRecord[];
  chartViews: BundleChartViews | null;
  /** Other per-workspace settings, by name (the settings key without ":<workspace id>"). */
  meta: Record<string, unknown>;
}

export interface WorkspaceBundle extends WorkspaceBundleData {
  format: typeof BUNDLE_FORMAT;
  version: typeof BUNDLE_VERSION;
  generator: string;
  exportedAt: IsoDateTime;
  checksum: { algorithm: 'SHA-256'; value: string };
}

export class BundleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BundleError';
  }
}

/** Hex digest of the UTF-8 text. */
export type Hasher = (text: string) => Promise<string>;

export const sha256Hex: Hasher = async (text) => {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new BundleError('Web Crypto (crypto.subtle) is not available here, so the bundle checksum cannot be computed.');
  const digest = await subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
};

// ---------------------------------------------------------------- writing

const HEADER_KEYS = ['format', 'version', 'generator', 'exportedAt', 'checksum'] as const;
const BODY_KEYS = ['workspace', 'entities', 'links', 'items', 'events', 'imports', 'quarantine', 'templates', 'decisions', 'merges', 'audit', 'chartViews', 'meta'] as const;
const RECORD_LISTS = ['entities', 'links', 'items', 'events', 'imports', 'quarantine', 'decisions', 'merges', 'audit'] as const;
const TOP_ORDER: readonly string[] = [...HEADER_KEYS, ...BODY_KEYS];

/** JSON with every object's keys sorted; undefined values left out (as JSON.stringify does). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const s = JSON.stringify(value);
    return s === undefined ? 'null' : s;
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined || typeof v === 'function' ? 'null' : canonicalJson(v))).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const k of Object.keys(obj).sort()) {
    const v = obj[k];
    if (v === undefined || typeof v === 'function') continue;
    parts.push(`${JSON.stringify(k)}:${canonicalJson(v)}`);
  }
  return `{${parts.join(',')}}`;
}

/** The bundle as text, with or without its checksum line: one top-level field per line, one record per line. */
function layout(bundle: Record<string, unknown>, withChecksum: boolean): string {
  const keys = [
    ...TOP_ORDER.filter((k) => Object.prototype.hasOwnProperty.call(bundle, k)),
    ...Object.keys(bundle)
      .filter((k) => !TOP_ORDER.includes(k))
      .sort(),
  ].filter((k) => (withChecksum || k !== 'checksum') && bundle[k] !== undefined);
  const lines = keys.map((k) => {
    const v = bundle[k];
    const value = Array.isArray(v) && v.length ? `[\n${v.map((r) => canonicalJson(r)).join(',\n')}\n]` : canonicalJson(v);
    return `${JSON.stringify(k)}:${value}`;
  });
  return `{\n${lines.join(',\n')}\n}\n`;
}

const byKey =
  <T>(key: (r: T) => string) =>
  (a: T, b: T): number => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };

/** The data in the bundle's order: record lists sorted by id (decisions by pair), audit seq numbers removed. */
export function normaliseBundleData(data: WorkspaceBundleData): WorkspaceBundleData {
  const byId = byKey<{ id: string }>((r) => r.id);
  return {
    workspace: data.workspace,
    entities: [...data.entities].sort(byId),
    links: [...data.links].sort(byId),
    items: [...data.items].sort(byId),
    events: [...data.events].sort(byId),
    imports: [...data.imports].sort(byId),
    quarantine: [...data.quarantine].sort(byId),
    ...(data.templates ? { templates: [...data.templates].sort(byId) } : {}),
    decisions: [...data.decisions].sort(byKey((d) => d.pair)),
    merges: [...data.merges].sort(byId),
    audit: data.audit.map((a) => {
      const copy: Partial<AuditRecord> = { ...a };
      delete copy.seq;
      return copy as BundleAuditRecord;
    }),
    chartViews: data.chartViews,
    meta: data.meta,
  };
}

export interface SerialiseOptions {
  exportedAt?: IsoDateTime;
  hasher?: Hasher;
}

/** The bundle's text: deterministic, with its SHA-256 checksum. */
export async function serialiseBundle(data: WorkspaceBundleData, options: SerialiseOptions = {}): Promise<string> {
  const hasher = options.hasher ?? sha256Hex;
  const body: Record<string, unknown> = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    generator: 'Linkwall',
    exportedAt: options.exportedAt ?? nowIso(),
    ...normaliseBundleData(data),
  };
  const value = await hasher(layout(body, false));
  return layout({ ...body, checksum: { algorithm: 'SHA-256', value } }, true);
}

// ---------------------------------------------------------------- reading

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isString = (x: unknown): x is string => typeof x === 'string';

function listProblems(problems: string[]): string {
  const shown = problems.slice(0, 5);
  const more = problems.length - shown.length;
  return `${shown.join(' ')}${more > 0 ? ` (and ${more} more problem${more === 1 ? '' : 's'})` : ''}`;
}

export interface ParseOptions {
  hasher?: Hasher;
}

/**
 * Reads and checks a bundle: its format and version, its checksum, then that every list is there and that
 * every record belongs to the bundle's workspace. Throws BundleError with a plain-words message.
 */
export async function parseBundle(text: string, options: ParseOptions = {}): Promise<WorkspaceBundle> {
  const hasher = options.hasher ?? sha256Hex;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new BundleError(`This file is not a Linkwall workspace bundle: it is not valid JSON (${(e as Error).message}).`);
  }
  if (!isObject(parsed)) throw new BundleError('This file is not a Linkwall workspace bundle: it does not hold a JSON object.');
  const b = parsed;
  if (b.format !== BUNDLE_FORMAT)
    throw new BundleError(
      b.format === undefined
        ? `This file is not a Linkwall workspace bundle: it has no "format" field (a bundle says "format": "${BUNDLE_FORMAT}").`
        : `This file is not a Linkwall workspace bundle: its format is ${JSON.stringify(b.format)}, not "${BUNDLE_FORMAT}".`,
    );
  if (typeof b.version !== 'number' || !Number.isInteger(b.version) || b.version < 1)
    throw new BundleError(`This bundle's version (${JSON.stringify(b.version)}) is not one Linkwall knows.`);
  if (b.version > BUNDLE_VERSION)
    throw new BundleError(
      `This bundle was made by a newer version of Linkwall (bundle version ${b.version}; this version reads version ${BUNDLE_VERSION}). Update Linkwall to open it.`,
    );
  const checksum = b.checksum;
  if (!isObject(checksum) || checksum.algorithm !== 'SHA-256' || !isString(checksum.value) || !/^[0-9a-f]{64}$/.test(checksum.value))
    throw new BundleError('This bundle has no valid SHA-256 checksum, so it cannot be checked for damage. It was not made by Linkwall, or it was edited.');
  const actual = await hasher(layout(b, false));
  if (actual !== checksum.value)
    throw new BundleError('The bundle\'s checksum does not match its content: the file was changed or damaged after it was exported. Nothing was imported.');

  const problems: string[] = [];
  const ws = b.workspace;
  if (!isObject(ws) || !isString(ws.id) || !ws.id || !isString(ws.name)) {
    throw new BundleError('The bundle has no workspace record (with an id and a name): it is incomplete or damaged.');
  }
  if (!(SECURITY_MARKINGS as readonly unknown[]).includes(ws.marking)) problems.push(`The workspace's security marking ${JSON.stringify(ws.marking)} is not one Linkwall knows.`);
  for (const k of RECORD_LISTS) if (!Array.isArray(b[k])) problems.push(`The bundle has no "${k}" list: it is incomplete or damaged.`);
  if (b.templates !== undefined && !Array.isArray(b.templates)) problems.push('The bundle\'s "templates" is not a list.');
  if (!('chartViews' in b) || (b.chartViews !== null && !(isObject(b.chartViews) && Array.isArray(b.chartViews.views))))
    problems.push('The bundle has no "chartViews" (null when the workspace has none): it is incomplete or damaged.');
  if (!isObject(b.meta)) problems.push('The bundle has no "meta" object: it is incomplete or damaged.');
  if (problems.length) throw new BundleError(listProblems(problems));

  const wsId = ws.id;
  const check = (list: string, needsId: boolean, extra?: (r: Record<string, unknown>, where: string) => void): void => {
    const seen = new Set<string>();
    (b[list] as unknown[]).forEach((r, i) => {
      const where = `${list}[${i}]`;
      if (!isObject(r)) {
        problems.push(`${where} is not a record.`);
        return;
      }
      if (needsId) {
        if (!isString(r.id) || !r.id) problems.push(`${where} has no id.`);
        else if (seen.has(r.id)) problems.push(`${where}: the id ${r.id} appears twice in "${list}".`);
        else seen.add(r.id);
      }
      if (list !== 'templates' && r.workspaceId !== wsId)
        problems.push(`${where} belongs to workspace ${JSON.stringify(r.workspaceId)}, not to the bundle's workspace ${wsId}.`);
      extra?.(r, where);
    });
  };
  check('entities', true, (r, where) => {
    if (!(ENTITY_KINDS as readonly unknown[]).includes(r.kind)) problems.push(`${where} has the unknown kind ${JSON.stringify(r.kind)}.`);
  });
  const entityIds = new Set((b.entities as Record<string, unknown>[]).map((e) => e.id));
  check('links', true, (r, where) => {
    for (const end of ['from', 'to'] as const)
      if (!entityIds.has(r[end])) problems.push(`${where} joins ${JSON.stringify(r[end])}, which is not among the bundle's entities.`);
  });
  check('items', true);
  check('events', true);
  check('imports', true);
  check('quarantine', true);
  check('merges', true);
  if (Array.isArray(b.templates)) check('templates', true);
  const pairs = new Set<string>();
  check('decisions', false, (r, where) => {
    if (!isString(r.pair) || !isString(r.a) || !isString(r.b)) problems.push(`${where} is not a decision on a pair of records.`);
    else if (pairs.has(r.pair)) problems.push(`${where}: the pair ${r.pair} is decided twice.`);
    else pairs.add(r.pair);
  });
  check('audit', false, (r, where) => {
    if (!isString(r.at) || !(AUDIT_CATEGORIES as readonly unknown[]).includes(r.category) || !isString(r.action) || !Array.isArray(r.recordIds))
      problems.push(`${where} is not an audit record (time, category, action, record ids).`);
  });
  if (problems.length) throw new BundleError(`The bundle cannot be imported: ${listProblems(problems)}`);
  return b as unknown as WorkspaceBundle;
}

// ---------------------------------------------------------------- copying as a new workspace

function replaceStrings<T>(value: T, map: ReadonlyMap<string, string>): T {
  if (typeof value === 'string') return (map.get(value) ?? value) as T;
  if (Array.isArray(value)) return value.map((v) => replaceStrings(v, map)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    // defineProperty, so a "__proto__" key read from JSON stays a plain key.
    for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: replaceStrings(v, map), enumerable: true, writable: true, configurable: true });
    return out as T;
  }
  return value;
}

/**
 * The bundle's data as a new workspace: a new workspace id everywhere it appears (every record's
 * workspaceId, audit record ids, records kept inside import and merge records), and new ids for the
 * records whose ids are unique across workspaces (imports, quarantined rows, merges), with every reference
 * to them updated. Entity, link, item and event ids stay: they are unique within a workspace. Saved
 * mappings are shared by all workspaces and keep theirs. The name gets " (copy)".
 */
export function rekeyBundleData(data: WorkspaceBundleData, newWorkspaceId: Id, makeId: (prefix: string) => string): WorkspaceBundleData {
  const map = new Map<string, string>([[data.workspace.id, newWorkspaceId]]);
  for (const r of data.imports) map.set(r.id, makeId('imp'));
  for (const r of data.quarantine) map.set(r.id, makeId('q'));
  for (const r of data.merges) map.set(r.id, makeId('mg'));
  const { templates, ...rest } = data;
  const copy = replaceStrings(rest, map);
  return {
    ...copy,
    workspace: { ...copy.workspace, id: newWorkspaceId, name: `${data.workspace.name} (copy)` },
    ...(templates ? { templates } : {}),
  };
}
