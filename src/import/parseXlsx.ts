/**
 * Excel .xlsx workbooks to ParsedSheets, with read-excel-file's "universal" entry point: it reads an
 * ArrayBuffer with no DOM and no Node built-ins, so the same code runs in the import Web Worker, on the
 * page and in vitest (the "browser" entry spawns its own workers; the "node" one needs Node streams).
 * read-excel-file has no open security advisories, unlike the SheetJS package on npm.
 *
 * Every sheet is listed (empty ones with a warning). Cells become text the way Excel shows them:
 * date cells as ISO dates ("2024-01-31", or "2024-01-31T13:45" when they carry a time), numbers without
 * float noise (0.1 + 0.2 shows as "0.3"), booleans as TRUE / FALSE.
 */
import readXlsxFile from 'read-excel-file/universal';
import { finishSheet } from './sheet';
import { ImportFileError, type ParsedSheet } from './types';

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** A date cell as text: the date alone at midnight, otherwise with the time (to the second when needed). */
export function excelDateText(d: Date): string {
  // read-excel-file floors the serial's fraction, so 13:45 can arrive as 13:44:59.999: round to the second.
  const t = new Date(Math.round(d.getTime() / 1000) * 1000);
  const date = `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
  const h = t.getUTCHours();
  const m = t.getUTCMinutes();
  const s = t.getUTCSeconds();
  if (h === 0 && m === 0 && s === 0) return date;
  return `${date}T${pad(h)}:${pad(m)}${s ? `:${pad(s)}` : ''}`;
}

/** A number as Excel shows it in General format: at most 15 significant digits, no trailing zeros. */
export function excelNumberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  const v = Number(n.toPrecision(15));
  if (Number.isInteger(v) && Math.abs(v) < 1e21) return v.toFixed(0);
  return String(v);
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return excelNumberText(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return excelDateText(v);
  return String(v);
}

function toArrayBuffer(bytes: ArrayBuffer | Uint8Array): ArrayBuffer {
  if (bytes instanceof ArrayBuffer) return bytes;
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
}

function columnLetters(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** read-excel-file's errors, in words an analyst can act on. */
function explain(fileName: string, err: unknown): ImportFileError {
  const e = err as { name?: string; code?: string; message?: string };
  if (e?.name === 'InvalidInputError') {
    if (e.code === 'XLS_FILE_NOT_SUPPORTED')
      return new ImportFileError(
        'legacy-xls',
        `${fileName} is an old-style Excel 97-2003 workbook (.xls) or a password-protected workbook. Open it in Excel, remove any password, and save it as "Excel Workbook (.xlsx)" or CSV.`,
      );
    if (e.code === 'NO_DATA') return new ImportFileError('empty', `${fileName} is empty.`);
    return new ImportFileError('bad-xlsx', `${fileName} is not a readable Excel .xlsx workbook (the file is damaged or of another kind).`);
  }
  const msg = e?.message ?? String(err);
  const cell = /<c\/> at row (\d+), col (\d+): (\w+)/.exec(msg);
  if (cell) {
    const ref = `${columnLetters(Number(cell[2]))}${cell[1]}`;
    const what =
      cell[3] === 'VALUE_MISSING'
        ? 'has a formula whose result was never saved'
        : cell[3] === 'FORMAT_INVALID'
          ? 'has a number format the file does not define'
          : 'holds a value that cannot be read';
    return new ImportFileError(
      'bad-xlsx',
      `${fileName}: cell ${ref} ${what}. Open the workbook in Excel, let it recalculate, and save it again (or save the sheet as CSV).`,
    );
  }
  if (/file not found inside/.test(msg))
    return new ImportFileError('not-xlsx', `${fileName} is a zip archive but not an Excel .xlsx workbook.`);
  return new ImportFileError('bad-xlsx', `${fileName} could not be read as an Excel .xlsx workbook: ${msg}`);
}

/**
 * Reads every sheet of an .xlsx workbook. Empty sheets are listed with no rows and a warning; a workbook
 * with no data on any sheet is an ImportFileError. Row numbers are the worksheet's own.
 */
export async function parseXlsx(fileName: string, bytes: ArrayBuffer | Uint8Array, opts: { headerRow?: number } = {}): Promise<ParsedSheet[]> {
  let sheets: { sheet: string; data: unknown[][] }[];
  try {
    sheets = (await readXlsxFile(toArrayBuffer(bytes), { trim: false })) as unknown as { sheet: string; data: unknown[][] }[];
  } catch (err) {
    throw explain(fileName, err);
  }
  const out: ParsedSheet[] = [];
  for (const s of sheets) {
    const records = s.data.map((row) => row.map(cellText));
    const numbers = records.map((_, i) => i + 1);
    let sheet: ParsedSheet | null;
    try {
      sheet = finishSheet(s.sheet, records, numbers, { mode: 'xlsx', ...(opts.headerRow !== undefined ? { headerRow: opts.headerRow } : {}) });
    } catch (err) {
      if (err instanceof ImportFileError && err.code === 'no-data') sheet = null;
      else throw err;
    }
    out.push(
      sheet ?? {
        name: s.sheet,
        headers: [],
        rows: [],
        rowNumbers: [],
        headerRowNumber: 0,
        blankRows: 0,
        totalRows: 0,
        rowProblems: [],
        warnings: ['This sheet is empty.'],
      },
    );
  }
  if (!out.some((s) => s.rows.length > 0)) {
    const headerOnly = out.some((s) => s.headers.length > 0);
    throw new ImportFileError(
      headerOnly ? 'header-only' : 'empty',
      headerOnly
        ? `${fileName} has column headers but no data rows on any sheet: there is nothing to import.`
        : `${fileName} has no data: every sheet is empty.`,
    );
  }
  return out;
}
