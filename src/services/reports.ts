/**
 * The workspace's problem profile, version by version (issue "Report"). Stored in this browser's `meta`
 * table under `reports:<workspaceId>` as `{ reports, current }`: every version (drafts and frozen ones) and
 * the one the analyst has open. The report is the analyst's product, not intelligence: its figures are
 * computed from the workspace (src/domain/report), and only a frozen version keeps them.
 *
 *   loadReports(db, workspaceId)                  the versions, oldest first, and the open one (null: none yet)
 *   createFirstReport(session, workspace)         version 1 from the template (or the versions already there)
 *   saveReport(db, report)                        stores a draft; refuses to change a frozen version
 *   setCurrentReport(db, workspaceId, id)         which version the Report section shows
 *   freeze(session, workspaceId, report, data, options)
 *                                                 freezes the draft (freezeReport: figures and products kept),
 *                                                 stored with its audit record in one transaction
 *   startNextVersion(session, workspace)          the next draft, from the latest (frozen) version
 */
import type { LinkwallDb } from '../db/schema';
import type { Id, Workspace } from '../domain/model';
import type { ReportData } from '../domain/report/figures';
import { newReport, ReportFrozenError, type Report } from '../domain/report/model';
import { freezeReport, RECIPIENT_PROFILE_IDS, type FreezeOptions, type RecipientProfileId } from '../domain/report/recipients';
import { logAudit, type Session } from './commit';

export interface ReportStore {
  /** Every version, oldest first. */
  reports: Report[];
  /** The version the Report section shows. */
  current: Id;
}

const key = (workspaceId: Id): string => `reports:${workspaceId}`;

function sorted(store: ReportStore): ReportStore {
  return { ...store, reports: store.reports.slice().sort((a, b) => a.version - b.version) };
}

async function read(db: LinkwallDb, workspaceId: Id): Promise<ReportStore | null> {
  const rec = await db.meta.get(key(workspaceId));
  return rec ? sorted(rec.value as ReportStore) : null;
}

async function write(db: LinkwallDb, workspaceId: Id, store: ReportStore): Promise<void> {
  await db.meta.put({ key: key(workspaceId), value: sorted(store) });
}

export async function loadReports(db: LinkwallDb, workspaceId: Id): Promise<ReportStore | null> {
  return read(db, workspaceId);
}

/** Version 1 from the template, unless the workspace has versions already (then those are returned). */
export async function createFirstReport(session: Session, workspace: Workspace, options: { now?: string } = {}): Promise<ReportStore> {
  const { db } = session;
  return db.transaction('rw', db.meta, async () => {
    const existing = await read(db, workspace.id);
    if (existing?.reports.length) return existing;
    const report = newReport(workspace, undefined, { author: session.user, ...(options.now ? { now: options.now } : {}) });
    const store = { reports: [report], current: report.id };
    await write(db, workspace.id, store);
    return store;
  });
}

export class ReportNotFoundError extends Error {
  constructor(id: Id) {
    super(`There is no report version ${id} in this workspace.`);
    this.name = 'ReportNotFoundError';
  }
}

/**
 * Stores a draft. Refuses (ReportFrozenError) when the stored version is frozen, and refuses to freeze a
 * version by saving it (freeze() does that, with its snapshot and audit record).
 */
export async function saveReport(db: LinkwallDb, report: Report): Promise<Report> {
  return db.transaction('rw', db.meta, async () => {
    const store = await read(db, report.workspaceId);
    const stored = store?.reports.find((r) => r.id === report.id);
    if (stored?.status === 'frozen') throw new ReportFrozenError();
    if (report.status !== 'draft') throw new Error('A version is frozen with freeze(), not saved frozen.');
    if (!store || !stored) {
      if (store?.reports.some((r) => r.version === report.version)) throw new Error(`There is already a version ${report.version} of this report.`);
      await write(db, report.workspaceId, { reports: [...(store?.reports ?? []), report], current: store?.current ?? report.id });
      return report;
    }
    await write(db, report.workspaceId, { ...store, reports: store.reports.map((r) => (r.id === report.id ? report : r)) });
    return report;
  });
}

export async function setCurrentReport(db: LinkwallDb, workspaceId: Id, id: Id): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const store = await read(db, workspaceId);
    if (!store?.reports.some((r) => r.id === id)) throw new ReportNotFoundError(id);
    await write(db, workspaceId, { ...store, current: id });
  });
}

export interface ReportFreezeOptions extends Omit<FreezeOptions, 'by'> {
  /**
   * Pictures drawn for each recipient profile (the chart or map as that profile may see it, withheld
   * material left out). The product of each profile gets its own; the version keeps `images` (default:
   * the strategic board's, the most restricted) on its inserts.
   */
  profileImages?: Partial<Record<RecipientProfileId, Readonly<Record<Id, { dataUrl: string; width: number; height: number }>>>>;
}

/**
 * Freezes a draft: `report` is the analyst's latest edit of it (unsaved text included). Its figures and
 * the product for every recipient profile are computed now and kept, so the version never changes again.
 * Stored together with its audit record (alteration) in one transaction.
 */
export async function freeze(session: Session, workspaceId: Id, report: Report, data: ReportData, options: ReportFreezeOptions): Promise<Report> {
  const { db } = session;
  if (report.workspaceId !== workspaceId) throw new Error('That report belongs to another workspace.');
  const { profileImages, ...rest } = options;
  const images = rest.images ?? profileImages?.['strategic-board'] ?? profileImages?.['mase-partners'];
  const frozen = freezeReport(report, data, { ...rest, ...(images ? { images } : {}), by: session.user });
  // Each profile's product shows the pictures drawn for it.
  if (profileImages && frozen.snapshot) {
    for (const profile of RECIPIENT_PROFILE_IDS) {
      const own = profileImages[profile];
      if (!own) continue;
      const product = frozen.snapshot.rendered[profile];
      for (const s of product.sections)
        for (const b of s.blocks) if (b.type === 'image' && own[b.insertId]) b.dataUrl = own[b.insertId]!.dataUrl;
    }
  }
  await db.transaction('rw', db.meta, db.audit, async () => {
    const store = await read(db, workspaceId);
    const stored = store?.reports.find((r) => r.id === report.id);
    if (!store || !stored) throw new ReportNotFoundError(report.id);
    if (stored.status === 'frozen') throw new ReportFrozenError();
    await write(db, workspaceId, { ...store, reports: store.reports.map((r) => (r.id === report.id ? frozen : r)) });
    await logAudit(session, workspaceId, {
      category: 'alteration',
      action: 'freeze-report',
      summary: `Froze version ${frozen.version} of "${frozen.title}" (marked ${frozen.marking}): its figures and the product for every recipient profile are kept unchanged`,
      recordIds: [frozen.id],
    });
  });
  return frozen;
}

/**
 * The next version, started from the latest version (which must be frozen): same sections and texts, the
 * open gaps, the frozen version's recommendations to review, and what changed since. Becomes the open one.
 */
export async function startNextVersion(session: Session, workspace: Workspace, options: { now?: string } = {}): Promise<Report> {
  const { db } = session;
  return db.transaction('rw', db.meta, db.audit, async () => {
    const store = await read(db, workspace.id);
    const latest = store?.reports.at(-1);
    if (!store || !latest) throw new Error('There is no version to start from yet.');
    if (latest.status !== 'frozen') throw new Error(`Version ${latest.version} is still a draft: freeze it before starting the next version.`);
    const next = newReport(workspace, latest, { author: session.user, ...(options.now ? { now: options.now } : {}) });
    await write(db, workspace.id, { reports: [...store.reports, next], current: next.id });
    await logAudit(session, workspace.id, {
      category: 'alteration',
      action: 'start-report-version',
      summary: `Started version ${next.version} of "${next.title}" from the frozen version ${latest.version}`,
      recordIds: [next.id, latest.id],
    });
    return next;
  });
}
