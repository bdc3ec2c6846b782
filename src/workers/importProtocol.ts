/**
 * Messages between the page and the import worker. The worker keeps each parsed file (by job id) so the
 * page never holds or re-parses a large file: it asks for a summary, previews and the run.
 */
import type { ImportRecord } from '../domain/model';
import type { BuildCounts, CellProblem, RowResult } from '../import/buildRecords';
import type { ImportMapping } from '../import/mapping';
import type { PoliceUkKind } from '../import/policeUk';
import type { ParsedWorkbook } from '../import/types';

export interface SheetSummary {
  name: string;
  headers: string[];
  /** The first rows, for the wizard's column samples and suggestions. */
  sample: string[][];
  sampleRowNumbers: number[];
  rows: number;
  totalRows: number;
  blankRows: number;
  warnings: string[];
  policeUk: PoliceUkKind | null;
  /** A plain-words reason when this sheet is a police.uk file Linkwall does not import. */
  policeUkRejection: string | null;
}

export interface FileSummary {
  fileName: string;
  format: ParsedWorkbook['format'];
  encoding?: string;
  delimiter?: string;
  warnings: string[];
  sheets: SheetSummary[];
}

export interface PreviewResult {
  counts: BuildCounts;
  /** Entities of the file that attach to entities already in the workspace (exact identifiers). */
  matchedExisting: number;
  newEntities: number;
  rows: RowResult[];
  quarantined: { rowNumber: number; reasons: string[]; problems: CellProblem[] }[];
  /** Police.uk: events and how many have no location. */
  events?: { events: number; located: number; noLocation: number; noCrimeId: number; months?: { from: string; to: string } };
}

export type ToWorker =
  | { type: 'inspect'; jobId: string; fileName: string; bytes: ArrayBuffer }
  | { type: 'preview'; jobId: string; sheet: number; mapping: ImportMapping | null; workspaceId: string; agency: string }
  | {
      type: 'run';
      jobId: string;
      sheet: number;
      /** Null for a recognised police.uk crime file. */
      mapping: ImportMapping | null;
      workspaceId: string;
      user: string;
      agency: string;
      templateName?: string;
    }
  | { type: 'cancel'; jobId: string }
  | { type: 'forget'; jobId: string };

export type Phase = 'reading' | 'mapping' | 'saving';

/**
 * What the page is told of a finished import. Not the whole ImportRecord: its lists of created ids run to
 * hundreds of thousands for a large file, and copying them to the page would block it.
 */
export type ImportSummary = Pick<ImportRecord, 'id' | 'fileName' | 'sheet' | 'agency' | 'user' | 'importedAt' | 'counts' | 'status'>;

export function summariseImport(r: ImportRecord): ImportSummary {
  return { id: r.id, fileName: r.fileName, sheet: r.sheet, agency: r.agency, user: r.user, importedAt: r.importedAt, counts: r.counts, status: r.status };
}

export type FromWorker =
  | { type: 'inspected'; jobId: string; summary: FileSummary }
  | { type: 'previewed'; jobId: string; preview: PreviewResult }
  | { type: 'progress'; jobId: string; phase: Phase; done: number; total: number }
  | { type: 'done'; jobId: string; record: ImportSummary }
  | { type: 'cancelled'; jobId: string }
  | { type: 'error'; jobId: string; message: string };
