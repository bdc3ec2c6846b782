/**
 * CSV text to a ParsedSheet, with papaparse (the only place papaparse is used). The delimiter is
 * detected among comma, semicolon, tab and pipe from the header line (counted outside quotes); quoted
 * line breaks stay inside their cell.
 *
 * Row numbers: `rowNumbers` are the rows a spreadsheet shows when it opens the file (the header is row 1,
 * a blank line is a row, a record with a line break inside a quoted cell is ONE row); `lineNumbers` are
 * the text lines the records start on (what a text editor shows). Analysts are told row numbers.
 */
import Papa from 'papaparse';
import { finishSheet } from './sheet';
import { ImportFileError, type Delimiter, type ParsedSheet } from './types';

export const DELIMITERS: readonly Delimiter[] = [',', ';', '\t', '|'];

export const DELIMITER_LABEL: Record<Delimiter, string> = {
  ',': 'comma',
  ';': 'semicolon',
  '\t': 'tab',
  '|': 'pipe',
};

/**
 * Counts each candidate delimiter outside quotes in the first records. The header line decides (it has
 * no free text); a tie goes to the delimiter whose count stays the same in the lines below it.
 */
export function detectDelimiter(text: string): Delimiter {
  const limit = Math.min(text.length, 1 << 16);
  const counts: number[][] = [];
  let current = [0, 0, 0, 0];
  let inQuotes = false;
  let blank = true;
  for (let i = 0; i < limit && counts.length < 20; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 34 /* " */) {
      if (inQuotes && text.charCodeAt(i + 1) === 34) i++;
      else inQuotes = !inQuotes;
      blank = false;
      continue;
    }
    if (inQuotes) continue;
    if (ch === 10 || ch === 13) {
      if (!blank) counts.push(current);
      current = [0, 0, 0, 0];
      blank = true;
      if (ch === 13 && text.charCodeAt(i + 1) === 10) i++;
      continue;
    }
    if (ch !== 32) blank = false;
    if (ch === 44) current[0]!++;
    else if (ch === 59) current[1]!++;
    else if (ch === 9) current[2]!++;
    else if (ch === 124) current[3]!++;
  }
  if (!blank && counts.length < 20) counts.push(current);
  const header = counts[0];
  if (!header) return ',';
  const max = Math.max(...header);
  if (max === 0) {
    // One column in the header: take a delimiter the data rows use consistently, if any.
    for (let d = 0; d < 4; d++) {
      const rest = counts.slice(1).map((c) => c[d] ?? 0);
      if (rest.length && rest.every((n) => n > 0 && n === rest[0])) return DELIMITERS[d] ?? ',';
    }
    return ',';
  }
  const tied = [0, 1, 2, 3].filter((d) => header[d] === max);
  if (tied.length === 1) return DELIMITERS[tied[0] ?? 0] ?? ',';
  const consistency = (d: number): number => counts.slice(1).filter((c) => c[d] === max).length;
  tied.sort((a, b) => consistency(b) - consistency(a) || a - b);
  return DELIMITERS[tied[0] ?? 0] ?? ',';
}

export interface CsvParse {
  sheet: ParsedSheet;
  delimiter: Delimiter;
}

/**
 * Parses CSV text (already decoded; see decode.ts). Throws ImportFileError for an empty file or a file
 * with a header row and no data. `name` names the sheet (the file name).
 */
export function parseCsv(text: string, name: string, opts: { delimiter?: Delimiter; headerRow?: number } = {}): CsvParse {
  let body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // Excel's "sep=;" first line names the delimiter; Excel hides it, so it is not a row.
  const sep = /^sep=([,;\t|])[ \t]*(?:\r\n|\n|\r|$)/i.exec(body);
  if (sep) body = body.slice(sep[0].length);
  if (body.trim() === '') throw new ImportFileError('empty', `${name} is empty: it has no header row and no data.`);
  const delimiter = opts.delimiter ?? (sep?.[1] as Delimiter | undefined) ?? detectDelimiter(body);
  const result = Papa.parse<string[]>(body, {
    delimiter,
    quoteChar: '"',
    escapeChar: '"',
    header: false,
    skipEmptyLines: false,
    dynamicTyping: false,
  });
  const records = result.data;
  const linebreak = result.meta.linebreak || '\n';
  // A final line break is not a blank row.
  const last = records[records.length - 1];
  if (last && last.length === 1 && last[0] === '' && (body.endsWith('\n') || body.endsWith('\r'))) records.pop();

  const problems = new Map<number, string>();
  let unclosed = false;
  for (const e of result.errors) {
    if (e.code === 'MissingQuotes' && typeof e.row === 'number') {
      unclosed = true;
      problems.set(
        e.row,
        'A quote (") opens a cell in this row and is never closed, so everything after it in the file was read into this row. Correct the quotes and import the row again.',
      );
    } else if (e.code === 'InvalidQuotes' && typeof e.row === 'number' && !problems.has(e.row)) {
      problems.set(e.row, 'This row has a badly placed quote ("), so its cells may be split in the wrong places. Check the row and correct it.');
    }
  }

  // Row numbers (records, as a spreadsheet numbers them) and the text line each record starts on.
  const numbers = new Array<number>(records.length);
  const lines = new Array<number>(records.length);
  const nl = linebreak === '\r' ? '\r' : '\n';
  let line = 1;
  for (let i = 0; i < records.length; i++) {
    numbers[i] = i + 1;
    lines[i] = line;
    let extra = 0;
    const rec = records[i] ?? [];
    for (const cell of rec) {
      if (cell.length === 0) continue;
      let at = cell.indexOf(nl);
      while (at !== -1) {
        extra++;
        at = cell.indexOf(nl, at + 1);
      }
    }
    line += 1 + extra;
  }

  const sheet = finishSheet(name, records, numbers, {
    mode: 'csv',
    lineNumbers: lines,
    recordProblems: problems,
    ...(opts.headerRow !== undefined ? { headerRow: opts.headerRow } : {}),
  });
  if (!sheet) throw new ImportFileError('empty', `${name} is empty: it has no header row and no data.`);
  if (sheet.rows.length === 0)
    throw new ImportFileError(
      'header-only',
      `${name} has a header row (${sheet.headers.length === 1 ? '1 column' : `${sheet.headers.length.toLocaleString('en-GB')} columns`}) but no data rows: there is nothing to import.`,
    );
  if (unclosed)
    sheet.warnings.unshift('A quote (") is never closed, so the end of the file was read into one row: that row is quarantined.');
  return { sheet, delimiter };
}
