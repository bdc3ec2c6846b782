/**
 * The postcode table: an analyst imports a postcode file (ONS Postcode Directory, Code-Point Open, or
 * any postcode / latitude / longitude CSV; see domain/geo/postcodeFile.ts) once, and the map places
 * addresses by full postcode from it. Reference data shared by every workspace (not audited: it holds
 * no personal data and no workspace's data).
 *
 * The file is streamed with papaparse in chunks of about 1 MB (a 2.6 million-row ONSPD never sits in
 * memory as a whole) and written with bulkPut, about 10,000 postcodes per transaction, with progress.
 * A file whose first row is not recognised, or whose first chunk holds no usable postcode, is refused
 * before anything is written. A postcode already in the table is overwritten by the file's.
 */
import Papa from 'papaparse';
import {
  POSTCODE_FILE_FORMAT_LABEL,
  PostcodeFileError,
  postcodeFileParser,
  type PostcodeFileFormat,
  type PostcodeFileParser,
  type PostcodeFileReport,
  type PostcodePoint,
} from '../domain/geo/postcodeFile';
import { normalisePostcode } from '../domain/normalise';
import type { LinkwallDb, PostcodeRecord } from '../db/schema';

export { PostcodeFileError } from '../domain/geo/postcodeFile';

/** The `meta` key holding what was imported. */
export const POSTCODE_META_KEY = 'postcodeFiles';

/** Postcodes per write transaction. */
export const POSTCODE_WRITE_BATCH = 10_000;
/** Bytes (characters for a string) papaparse reads per chunk. */
export const POSTCODE_READ_CHUNK = 1 << 20;

export interface PostcodeImportProgress {
  /** Share of the file read, 0..1. */
  fraction: number;
  /** Data rows read so far (header and blank rows not counted). */
  rows: number;
  accepted: number;
  skipped: number;
  /** Postcodes stored so far. */
  written: number;
}

/** One imported file, as recorded in `meta`. */
export interface PostcodeFileRecord {
  name: string;
  format: PostcodeFileFormat;
  formatLabel: string;
  importedAt: string;
  rows: number;
  /** Postcodes stored from this file. */
  count: number;
  skipped: number;
  /** False when the import was cancelled part-way (the postcodes written until then are kept). */
  complete: boolean;
}

export interface PostcodeTableInfo {
  /** The files imported, oldest first (only those since the table was last cleared or replaced). */
  files: PostcodeFileRecord[];
  /** Postcodes in the table now. */
  total: number;
}

export interface PostcodeImportOptions {
  /** The file's name as shown to the analyst (defaults to a File's name). */
  name?: string;
  /** Empty the table first (when the first batch is written, so a refused file leaves it as it was). */
  replace?: boolean;
  /** Cancels the import: the promise rejects with an AbortError; postcodes already written are kept. */
  signal?: AbortSignal;
  /** For tests: the import time. */
  now?: () => Date;
  /** For tests: read chunk size (default POSTCODE_READ_CHUNK). */
  chunkSize?: number;
  /** For tests: postcodes per write transaction (default POSTCODE_WRITE_BATCH). */
  batchSize?: number;
}

export interface PostcodeImportResult {
  report: PostcodeFileReport;
  file: PostcodeFileRecord;
  info: PostcodeTableInfo;
}

function abortError(): Error {
  const e = new Error('The postcode import was cancelled.');
  e.name = 'AbortError';
  return e;
}

async function readInfo(db: LinkwallDb): Promise<PostcodeFileRecord[]> {
  const rec = await db.meta.get(POSTCODE_META_KEY);
  const files = (rec?.value as { files?: PostcodeFileRecord[] } | undefined)?.files;
  return Array.isArray(files) ? files : [];
}

/**
 * Imports a postcode file into the table. `file` is a Blob / File (read in chunks) or the file's text.
 * Rejects with PostcodeFileError (nothing written) when the file is not recognised.
 */
export function importPostcodeFile(
  db: LinkwallDb,
  file: Blob | string,
  onProgress?: (p: PostcodeImportProgress) => void,
  options: PostcodeImportOptions = {},
): Promise<PostcodeImportResult> {
  const name = options.name ?? (typeof file !== 'string' && 'name' in file && typeof file.name === 'string' ? file.name : 'postcode file');
  const total = typeof file === 'string' ? file.length : file.size;
  const now = options.now ?? (() => new Date());
  const batchSize = Math.max(1, options.batchSize ?? POSTCODE_WRITE_BATCH);

  return new Promise<PostcodeImportResult>((resolve, reject) => {
    let parser: PostcodeFileParser | null = null;
    let buffer: PostcodePoint[] = [];
    let written = 0;
    let firstWrite = true;
    let checked = false;
    let settled = false;
    let cursor = 0;
    let papaHandle: Papa.Parser | null = null;
    /** The chunk being handled (parsed and written), if any. */
    let inflight: Promise<void> = Promise.resolve();

    const progress = (): void => {
      if (!onProgress || !parser) return;
      const r = parser.report();
      onProgress({ fraction: total ? Math.min(1, cursor / total) : 1, rows: r.rows, accepted: r.accepted, skipped: r.skippedCount, written });
    };

    const fail = (e: unknown): void => {
      if (settled) return;
      settled = true;
      try {
        papaHandle?.abort();
      } catch {
        // The parser may already have stopped.
      }
      options.signal?.removeEventListener('abort', onAbort);
      const error = e instanceof Error ? e : new Error(String(e));
      // Postcodes already written stay (each is correct): record the file as incomplete.
      inflight
        .catch(() => undefined)
        .then(() => (parser && written > 0 ? record(false) : undefined))
        .then(
          () => reject(error),
          () => reject(error),
        );
    };

    const write = async (batch: PostcodePoint[]): Promise<void> => {
      const records: PostcodeRecord[] = batch.map((p) => ({ pc: p.postcode, lat: p.lat, lng: p.lng }));
      const replace = firstWrite && options.replace === true;
      firstWrite = false;
      await db.transaction('rw', db.postcodes, db.meta, async () => {
        if (replace) {
          await db.postcodes.clear();
          await db.meta.delete(POSTCODE_META_KEY);
        }
        await db.postcodes.bulkPut(records);
      });
      written += records.length;
    };

    const flush = async (all: boolean): Promise<void> => {
      while ((buffer.length >= batchSize || (all && buffer.length)) && !options.signal?.aborted) {
        const batch = buffer.slice(0, batchSize);
        buffer = buffer.slice(batch.length);
        await write(batch);
        progress();
      }
    };

    let recorded: Promise<PostcodeImportResult> | null = null;
    /** Records the file in `meta` (once). */
    const record = (complete: boolean): Promise<PostcodeImportResult> => (recorded ??= recordFile(complete));
    const recordFile = async (complete: boolean): Promise<PostcodeImportResult> => {
      const report = parser!.report();
      const entry: PostcodeFileRecord = {
        name,
        format: report.format,
        formatLabel: POSTCODE_FILE_FORMAT_LABEL[report.format],
        importedAt: now().toISOString(),
        rows: report.rows,
        count: written,
        skipped: report.skippedCount,
        complete,
      };
      await db.transaction('rw', db.meta, async () => {
        // With `replace`, the first write emptied the list.
        const files = await readInfo(db);
        await db.meta.put({ key: POSTCODE_META_KEY, value: { files: [...files, entry] } });
      });
      return { report, file: entry, info: await postcodeFileInfo(db) };
    };

    const handleChunk = async (rows: string[][]): Promise<void> => {
      if (options.signal?.aborted) throw abortError();
      let data = rows;
      if (!parser) {
        const [head, ...rest] = data;
        if (!head) return;
        parser = postcodeFileParser(head);
        data = rest;
      }
      buffer.push(...parser.push(data));
      const r = parser.report();
      // The first chunk with data rows must locate at least one postcode, or the file is refused unwritten.
      if (!checked && r.rows > 0) {
        checked = true;
        if (r.accepted === 0) {
          const examples = r.skipped
            .slice(0, 3)
            .map((s) => `row ${s.row}: ${s.reason}`)
            .join('; ');
          throw new PostcodeFileError(
            `${name} looks like a ${POSTCODE_FILE_FORMAT_LABEL[r.format]} file, but none of its first ${r.rows} rows has a usable postcode and location (${examples}). Nothing was imported.`,
          );
        }
      }
      await flush(false);
      progress();
    };

    // Cancelled: stop reading, let the chunk being written finish, keep what was written (recorded as
    // incomplete), then reject with an AbortError.
    const onAbort = (): void => fail(abortError());
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) {
      fail(abortError());
      return;
    }

    // papaparse streams any Blob (it uses only size and slice); its types name File.
    const source: File | string = typeof file === 'string' ? file : (file as File);
    Papa.parse<string[]>(source, {
      header: false,
      skipEmptyLines: 'greedy',
      dynamicTyping: false,
      chunkSize: options.chunkSize ?? POSTCODE_READ_CHUNK,
      chunk(results, handle) {
        if (settled) {
          handle.abort();
          return;
        }
        papaHandle = handle;
        cursor = results.meta.cursor;
        handle.pause();
        inflight = handleChunk(results.data);
        inflight.then(() => {
          if (!settled) handle.resume();
        }, fail);
      },
      complete() {
        if (settled) return;
        cursor = total;
        inflight = (async () => {
          if (!parser) throw new PostcodeFileError(`${name} is empty: it has no header row and no postcodes.`);
          await flush(true);
          if (written === 0) {
            const r = parser.report();
            throw new PostcodeFileError(
              r.rows === 0
                ? `${name} has a header row but no postcodes.`
                : `None of the ${r.rows} rows of ${name} has a usable postcode and location. Nothing was imported.`,
            );
          }
          if (settled) return;
          const result = await record(true);
          progress();
          if (settled) return;
          settled = true;
          options.signal?.removeEventListener('abort', onAbort);
          resolve(result);
        })();
        inflight.catch(fail);
      },
      error(err: Error) {
        fail(new PostcodeFileError(`${name} could not be read: ${err.message}`));
      },
    });
  });
}

/** The located postcodes among `postcodes` (any spelling: "sw1a1aa"), keyed by the normalised postcode. */
export async function lookupPostcodes(db: LinkwallDb, postcodes: readonly string[]): Promise<Map<string, { lat: number; lng: number }>> {
  const keys = [...new Set(postcodes.map((p) => normalisePostcode(p)).flatMap((n) => (n.ok ? [n.value] : [])))];
  const out = new Map<string, { lat: number; lng: number }>();
  if (!keys.length) return out;
  const found = await db.postcodes.bulkGet(keys);
  for (const r of found) if (r) out.set(r.pc, { lat: r.lat, lng: r.lng });
  return out;
}

/** What is in the postcode table: the files imported and how many postcodes it holds. */
export async function postcodeFileInfo(db: LinkwallDb): Promise<PostcodeTableInfo> {
  const [files, total] = await Promise.all([readInfo(db), db.postcodes.count()]);
  return { files, total };
}

/** Empties the postcode table and forgets the files imported. */
export async function clearPostcodes(db: LinkwallDb): Promise<void> {
  await db.transaction('rw', db.postcodes, db.meta, async () => {
    await db.postcodes.clear();
    await db.meta.delete(POSTCODE_META_KEY);
  });
}
