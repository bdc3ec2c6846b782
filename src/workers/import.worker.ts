/// <reference lib="webworker" />
/**
 * The import worker: reads the file, maps every row and stores the result, off the page's main thread so
 * the page stays usable with 100,000-row files. Cancel works until the final save, which is one
 * transaction: the store is either as before the import or holds all of it.
 */
import { readAllRecords } from '../db/pages';
import { getDb } from '../db/schema';
import { planImport, type ImportBatch } from '../domain/importPlan';
import { newId } from '../domain/util';
import { batchFromBuild, batchFromEvents } from '../import/batch';
import { buildImportAsync, importIdFactory } from '../import/buildRecords';
import { parseFile } from '../import/parseFile';
import { policeUkKind, policeUkRejection, toCrimeEvents } from '../import/policeUk';
import type { ImportMapping } from '../import/mapping';
import type { ParsedSheet, ParsedWorkbook } from '../import/types';
import { commitImport } from '../services/importer';
import { summariseImport, type FileSummary, type FromWorker, type PreviewResult, type ToWorker } from './importProtocol';

declare const self: DedicatedWorkerGlobalScope;

const SAMPLE_ROWS = 100;
const files = new Map<string, ParsedWorkbook>();
const cancelled = new Set<string>();

function post(msg: FromWorker): void {
  self.postMessage(msg);
}

function summarise(wb: ParsedWorkbook): FileSummary {
  return {
    fileName: wb.fileName,
    format: wb.format,
    ...(wb.encoding ? { encoding: wb.encoding } : {}),
    ...(wb.delimiter ? { delimiter: wb.delimiter } : {}),
    warnings: wb.warnings,
    sheets: wb.sheets.map((s) => {
      const kind = policeUkKind(s.headers);
      return {
        name: s.name,
        headers: s.headers,
        sample: s.rows.slice(0, SAMPLE_ROWS),
        sampleRowNumbers: s.rowNumbers.slice(0, SAMPLE_ROWS),
        rows: s.rows.length,
        totalRows: s.totalRows,
        blankRows: s.blankRows,
        warnings: s.warnings,
        policeUk: kind,
        policeUkRejection: kind ? policeUkRejection(kind, wb.fileName) : null,
      };
    }),
  };
}

function sheetOf(jobId: string, index: number): { wb: ParsedWorkbook; sheet: ParsedSheet } {
  const wb = files.get(jobId);
  const sheet = wb?.sheets[index];
  if (!wb || !sheet) throw new Error('The file is no longer open: choose it again.');
  return { wb, sheet };
}

async function makeBatch(
  jobId: string,
  sheetIndex: number,
  mapping: ImportMapping | null,
  workspaceId: string,
  agency: string,
  previewRows: number,
  onProgress?: (done: number, total: number) => void,
): Promise<{ batch: ImportBatch; preview: PreviewResult['rows']; build: Awaited<ReturnType<typeof buildImportAsync>> | null; events?: PreviewResult['events'] } | null> {
  const { wb, sheet } = sheetOf(jobId, sheetIndex);
  const importId = `imp-${jobId}`;
  const base = { importId, workspaceId, fileName: wb.fileName, sheet: wb.format === 'xlsx' ? sheet.name : '', agency };
  if (!mapping) {
    const result = toCrimeEvents(sheet, importId, wb.fileName, { workspaceId, newId });
    onProgress?.(sheet.rows.length, sheet.rows.length);
    return {
      batch: batchFromEvents(base, result),
      preview: [],
      build: null,
      events: { events: result.counts.events, located: result.counts.located, noLocation: result.counts.noLocation, noCrimeId: result.counts.noCrimeId, ...(result.months ? { months: result.months } : {}) },
    };
  }
  const build = await buildImportAsync(sheet, mapping, {
    // Short ids: a UUID per record costs ~150 MB more at 100,000 rows.
    newId: importIdFactory(),
    importId,
    workspaceId,
    fileName: wb.fileName,
    ...(wb.format === 'xlsx' ? { sheetName: sheet.name } : {}),
    previewRows,
    progressEvery: 2000,
    onProgress: (p) => onProgress?.(p.done, p.total),
    shouldCancel: () => cancelled.has(jobId),
  });
  if (build.cancelled) return null;
  return {
    batch: batchFromBuild(base, build),
    preview: build.preview,
    build,
  };
}

async function handle(msg: ToWorker): Promise<void> {
  switch (msg.type) {
    case 'inspect': {
      const wb = await parseFile(msg.fileName, msg.bytes);
      files.set(msg.jobId, wb);
      post({ type: 'inspected', jobId: msg.jobId, summary: summarise(wb) });
      return;
    }
    case 'preview': {
      const made = await makeBatch(msg.jobId, msg.sheet, msg.mapping, msg.workspaceId, msg.agency, 25);
      if (!made) return;
      const plan = planImport(made.batch, await readAllRecords(getDb(), 'entities', msg.workspaceId));
      const counts = made.build?.counts ?? {
        rows: made.batch.rows,
        imported: made.batch.importedRows,
        quarantined: made.batch.quarantined.length,
        blank: made.batch.blankRows,
        withProblems: 0,
        items: 0,
        entities: 0,
        mergedInFile: 0,
        links: 0,
        byKind: { person: 0, vehicle: 0, phone: 0, address: 0, business: 0, hotspot: 0 },
      };
      post({
        type: 'previewed',
        jobId: msg.jobId,
        preview: {
          counts,
          matchedExisting: plan.counts.matchedEntities,
          newEntities: plan.counts.newEntities,
          rows: made.preview,
          quarantined: (made.build?.quarantined ?? made.batch.quarantined.map((q) => ({ ...q, problems: [] }))).slice(0, 200).map((q) => ({ rowNumber: q.rowNumber, reasons: q.reasons, problems: q.problems })),
          ...(made.events ? { events: made.events } : {}),
        },
      });
      return;
    }
    case 'run': {
      cancelled.delete(msg.jobId);
      const made = await makeBatch(msg.jobId, msg.sheet, msg.mapping, msg.workspaceId, msg.agency, 0, (done, total) =>
        post({ type: 'progress', jobId: msg.jobId, phase: 'mapping', done, total }),
      );
      if (!made || cancelled.has(msg.jobId)) {
        post({ type: 'cancelled', jobId: msg.jobId });
        return;
      }
      const total = made.batch.rows;
      post({ type: 'progress', jobId: msg.jobId, phase: 'saving', done: total, total });
      const record = await commitImport(
        { db: getDb(), user: msg.user },
        { ...made.batch, ...(msg.templateName ? { templateName: msg.templateName } : {}) },
        msg.mapping,
        sheetOf(msg.jobId, msg.sheet).sheet.headers,
      );
      post({ type: 'done', jobId: msg.jobId, record: summariseImport(record) });
      return;
    }
    case 'cancel':
      cancelled.add(msg.jobId);
      return;
    case 'forget':
      files.delete(msg.jobId);
      cancelled.delete(msg.jobId);
      return;
  }
}

self.onmessage = (ev: MessageEvent<ToWorker>) => {
  const msg = ev.data;
  handle(msg).catch((err: unknown) => {
    post({ type: 'error', jobId: msg.jobId, message: err instanceof Error ? err.message : String(err) });
  });
};
