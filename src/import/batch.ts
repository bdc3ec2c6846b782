/**
 * What the engine made of a sheet, as the batch the import services store: shared by the import worker
 * and the re-import of corrected quarantined rows.
 */
import type { ImportBatch } from '../domain/importPlan';
import type { ImportBuild } from './buildRecords';
import type { CrimeEventsResult } from './policeUk';

export type BatchBase = Pick<ImportBatch, 'importId' | 'workspaceId' | 'fileName' | 'sheet' | 'agency'>;

export function batchFromBuild(base: BatchBase, build: ImportBuild): ImportBatch {
  return {
    ...base,
    rows: build.counts.rows,
    importedRows: build.counts.imported,
    blankRows: build.counts.blank,
    items: build.items,
    entities: build.entities,
    links: build.links,
    events: [],
    quarantined: build.quarantined.map((q) => ({ rowNumber: q.rowNumber, headers: q.headers, cells: q.cells, reasons: q.reasons })),
  };
}

export function batchFromEvents(base: BatchBase, result: CrimeEventsResult): ImportBatch {
  return {
    ...base,
    rows: result.counts.rows,
    importedRows: result.counts.events,
    blankRows: result.counts.blank,
    items: [],
    entities: [],
    links: [],
    events: result.events,
    quarantined: result.quarantined,
  };
}
