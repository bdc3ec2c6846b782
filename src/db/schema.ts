/**
 * The only module that declares the IndexedDB schema (through Dexie). Every schema version is listed here
 * with its upgrade, and each version has an upgrade test in tests/db/.
 *
 * Keys and indexes hold only ids, page numbers and dates, never names or other personal data: search
 * runs over an in-memory index (src/domain/search.ts). That keeps the door open for encryption at rest (a later
 * issue): a Dexie DBCore middleware can encrypt every stored value except these non-identifying keys,
 * and no caller has to change.
 */
import Dexie, { type Table } from 'dexie';
import type { AuditRecord, CrimeEvent, Entity, ImportRecord, IntelItem, Link, MergeRecord, PairDecision, QuarantineRow, Workspace } from '../domain/model';
import type { PageRecord } from './pages';

/** Small key/value settings kept per browser (the local user name, UI preferences). */
export interface MetaRecord {
  key: string;
  value: unknown;
}

/** A counter bumped by every commit to a workspace: tells whether a derived snapshot is current. */
export interface RevisionRecord {
  workspaceId: string;
  revision: number;
}

/**
 * A derived snapshot of a workspace's Entities-table rows (EntityRow[] as JSON chunks), valid while `revision`
 * equals the workspace's revision. It lets a 100,000-entity table open before the full records are read.
 * Trap: it is a cache. It is never a source of truth and may always be deleted.
 */
export interface RowCacheRecord {
  workspaceId: string;
  revision: number;
  /** JSON chunks (see encodeRowSnapshot), parsed one at a time. */
  rows: string[];
}

/** A saved column mapping, offered again when a file with the same headers arrives (any workspace). */
export interface TemplateRecord {
  id: string;
  name: string;
  agency: string;
  /** headerSignature() of the file the mapping was made for, and its headers. */
  signature: string;
  headers: string[];
  /** The mapping itself (src/import/mapping.ts owns its shape). */
  mapping: unknown;
  createdAt: string;
  updatedAt: string;
}

/** The last duplicate scan of a workspace: candidate pairs (JSON), valid for the revision it was made at. */
export interface ScanRecord {
  workspaceId: string;
  revision: number;
  at: string;
  /** ScoredPair[] as JSON (src/domain/resolution owns the shape). */
  pairs: string;
  stats: unknown;
}

/**
 * One postcode of the analyst's imported postcode file (ONS Postcode Directory, Code-Point Open...):
 * reference data shared by every workspace. `pc` is the normalised postcode ("SW1A 1AA"); lat / lng are
 * WGS84 degrees. A public directory entry, not personal data: a postcode in this table says nothing
 * about anyone (which addresses a workspace holds is never written here).
 */
export interface PostcodeRecord {
  pc: string;
  lat: number;
  lng: number;
}

export const DB_NAME = 'linkwall';

export class LinkwallDb extends Dexie {
  workspaces!: Table<Workspace, string>;
  /** Entities, links and items are stored in pages: read and write them only through db/pages.ts. */
  entities!: Table<PageRecord<Entity>, [string, number]>;
  links!: Table<PageRecord<Link>, [string, number]>;
  items!: Table<PageRecord<IntelItem>, [string, number]>;
  audit!: Table<AuditRecord, number>;
  meta!: Table<MetaRecord, string>;
  revisions!: Table<RevisionRecord, string>;
  rowCache!: Table<RowCacheRecord, string>;
  events!: Table<PageRecord<CrimeEvent>, [string, number]>;
  imports!: Table<ImportRecord, string>;
  quarantine!: Table<QuarantineRow, string>;
  templates!: Table<TemplateRecord, string>;
  decisions!: Table<PairDecision, [string, string]>;
  merges!: Table<MergeRecord, string>;
  scans!: Table<ScanRecord, string>;
  /** The imported postcode table (not per workspace): read and write it through services/postcodes.ts. */
  postcodes!: Table<PostcodeRecord, string>;

  constructor(name: string = DB_NAME) {
    super(name);
    // Version 1: the foundation (issue 2). Entities, links and items live in pages keyed
    // [workspaceId+page] (see pages.ts: per-record IndexedDB writes are too slow at 100,000 records).
    this.version(1).stores({
      workspaces: 'id, updatedAt',
      entities: '[workspaceId+page]',
      links: '[workspaceId+page]',
      items: '[workspaceId+page]',
      audit: '++seq, workspaceId, at',
      meta: 'key',
      revisions: 'workspaceId',
      rowCache: 'workspaceId',
    });
    // Version 2: imports (issue 3): crime events (paged like entities), import history, the quarantine
    // of rows that could not be imported, and saved column mappings. New tables only: no data moves.
    this.version(2).stores({
      events: '[workspaceId+page]',
      imports: 'id, workspaceId',
      quarantine: 'id, workspaceId, importId',
      templates: 'id, agency, signature',
    });
    // Version 3: duplicate resolution (issue 4): analysts' decisions on candidate pairs, merges (so each
    // can be undone exactly) and the last scan of each workspace. New tables only.
    this.version(3).stores({
      decisions: '[workspaceId+pair], workspaceId',
      merges: 'id, workspaceId, survivorId, absorbedId',
      scans: 'workspaceId',
    });
    // Version 4: the map (issue 6): the postcode table an analyst imports to place addresses by full
    // postcode. Reference data for every workspace, keyed by the normalised postcode; what file it came
    // from is kept in `meta` (key 'postcodeFiles'). A new table only.
    this.version(4).stores({
      postcodes: 'pc',
    });
  }
}

let shared: LinkwallDb | null = null;

/** The app's database. Tests create their own with `new LinkwallDb(uniqueName)`. */
export function getDb(): LinkwallDb {
  if (!shared) shared = new LinkwallDb();
  return shared;
}
