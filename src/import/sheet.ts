/**
 * Turns the raw records of a CSV file or a worksheet into a ParsedSheet: finds the header row, names
 * blank headers, makes repeated headers unique, drops blank rows (counting them) and records each data
 * row's number as a spreadsheet shows it. Shared by parseCsv.ts and parseXlsx.ts.
 */
import { plural } from '../domain/util';
import { ImportFileError, MAX_COLUMNS, type ParsedSheet, type RowProblem } from './types';

export interface FinishOptions {
  /**
   * 'csv': the header decides the width; a row with more values than headers is a row problem (an
   * unquoted delimiter inside a value shifts the columns after it).
   * 'xlsx': the widest row decides; columns without a header are named "Column N".
   */
  mode: 'csv' | 'xlsx';
  /** Forced header row number (see ParseOptions.headerRow). */
  headerRow?: number;
  /** Text line each record starts on (CSV). */
  lineNumbers?: number[];
  /** Extra per-record problems found by the parser (e.g. an unclosed quote), by record index. */
  recordProblems?: Map<number, string>;
}

const isBlankCell = (c: string | undefined): boolean => c === undefined || c.trim() === '';

function nonEmptyCount(r: readonly string[]): number {
  let n = 0;
  for (const c of r) if (!isBlankCell(c)) n++;
  return n;
}

function isBlankRecord(r: readonly string[]): boolean {
  for (const c of r) if (!isBlankCell(c)) return false;
  return true;
}

/** Looks like a number or a date rather than a column title. */
const looksLikeData = (c: string): boolean => /^[\d\s.,:/\-+£$%]+$/.test(c.trim());

export const tidyHeader = (s: string): string => s.replace(/\s+/g, ' ').trim();

/**
 * Unique, non-blank column names: blanks become "Column 3" (its position), repeats get " (2)", " (3)"
 * (compared ignoring case, so "Name" and "NAME" are told apart as "Name" and "NAME (2)").
 */
export function uniqueHeaders(raw: readonly string[]): string[] {
  const named = raw.map((h, i) => tidyHeader(h ?? '') || `Column ${i + 1}`);
  const taken = new Set(named.map((h) => h.toLowerCase()));
  const seen = new Map<string, number>();
  return named.map((h) => {
    const key = h.toLowerCase();
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n === 1) return h;
    let k = n;
    let candidate = `${h} (${k})`;
    while (taken.has(candidate.toLowerCase())) candidate = `${h} (${++k})`;
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}

function quoteShort(s: string, max = 40): string {
  const t = tidyHeader(s);
  return `"${t.length > max ? `${t.slice(0, max - 1)}…` : t}"`;
}

interface HeaderChoice {
  /** Index of the (last) header record. */
  index: number;
  headers: string[];
  note?: string;
}

function chooseHeader(records: string[][], numbers: number[], first: number, forced?: number): HeaderChoice {
  if (forced !== undefined) {
    const i = numbers.indexOf(forced);
    if (i >= 0) {
      const rec = records[i] ?? [];
      if (isBlankRecord(rec)) throw new ImportFileError('no-data', `Row ${forced} is empty, so it cannot be the header row.`);
      return { index: i, headers: rec.slice() };
    }
    throw new ImportFileError('no-data', `There is no row ${forced} to use as the header row.`);
  }
  const h = records[first] ?? [];
  let next = first + 1;
  while (next < records.length && isBlankRecord(records[next] ?? [])) next++;
  const h2 = records[next];
  if (!h2) return { index: first, headers: h.slice() };
  const n1 = nonEmptyCount(h);
  const n2 = nonEmptyCount(h2);
  const textOnly = (r: string[]): boolean => r.every((c) => isBlankCell(c) || !looksLikeData(c));
  // A title above the table: one cell in the first column, then a full header row.
  if (n1 === 1 && !isBlankCell(h[0]) && n2 >= 3 && textOnly(h2)) {
    return {
      index: next,
      headers: h2.slice(),
      note: `Row ${numbers[first]} (${quoteShort(h[0] ?? '')}) looks like a title and was skipped: the column headers are on row ${numbers[next]}.`,
    };
  }
  // Group titles above the column titles ("Person" over Surname / Forename, often merged cells): combined.
  const aligned = h.every((c, i) => isBlankCell(c) || !isBlankCell(h2[i]));
  if (n1 >= 1 && n2 >= 2 && n1 * 2 <= n2 && aligned && textOnly(h) && textOnly(h2)) {
    const width = Math.max(h.length, h2.length);
    const out: string[] = [];
    let group = '';
    for (let i = 0; i < width; i++) {
      if (!isBlankCell(h[i])) group = tidyHeader(h[i] ?? '');
      const sub = tidyHeader(h2[i] ?? '');
      out.push(group && sub ? `${group} ${sub}` : sub || group);
    }
    return {
      index: next,
      headers: out,
      note: `Rows ${numbers[first]} and ${numbers[next]} were read together as the column headers (group titles such as ${quoteShort(
        h.find((c) => !isBlankCell(c)) ?? '',
      )} above column titles).`,
    };
  }
  return { index: first, headers: h.slice() };
}

/**
 * Builds the ParsedSheet from raw records. `numbers[i]` is record i's row number. Returns null when the
 * records hold nothing but blanks.
 */
export function finishSheet(name: string, records: string[][], numbers: number[], opts: FinishOptions): ParsedSheet | null {
  let first = 0;
  while (first < records.length && isBlankRecord(records[first] ?? [])) first++;
  if (first >= records.length) return null;
  const warnings: string[] = [];
  const choice = chooseHeader(records, numbers, first, opts.headerRow);
  if (choice.note) warnings.push(choice.note);
  const headerIndex = choice.index;
  const rawHeaders = choice.headers;

  // Width: the header's (trailing blank header cells dropped) ...
  let width = rawHeaders.length;
  while (width > 0 && isBlankCell(rawHeaders[width - 1])) width--;
  // ... widened to the data where the data has values under blank headers.
  let dataWidth = 0;
  for (let i = headerIndex + 1; i < records.length; i++) {
    const r = records[i] ?? [];
    for (let j = r.length - 1; j >= dataWidth; j--) {
      if (!isBlankCell(r[j])) {
        dataWidth = j + 1;
        break;
      }
    }
  }
  if (opts.mode === 'xlsx') width = Math.max(width, dataWidth);
  else width = Math.max(width, Math.min(dataWidth, rawHeaders.length));
  if (width === 0) width = 1;
  if (width > MAX_COLUMNS || dataWidth > MAX_COLUMNS)
    throw new ImportFileError(
      'too-many-columns',
      `${name} has ${Math.max(width, dataWidth).toLocaleString('en-GB')} columns; Linkwall reads at most ${MAX_COLUMNS.toLocaleString(
        'en-GB',
      )} (the most Excel allows). Check that the file is a table with one header row.`,
    );
  const headers = uniqueHeaders(rawHeaders.slice(0, width).concat(Array(Math.max(0, width - rawHeaders.length)).fill('')));

  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  const lineNumbers: number[] | undefined = opts.lineNumbers ? [] : undefined;
  const rowProblems: RowProblem[] = [];
  let blankRows = 0;
  let short = 0;
  for (let i = headerIndex + 1; i < records.length; i++) {
    const r = records[i] ?? [];
    const problem = opts.recordProblems?.get(i);
    if (!problem && isBlankRecord(r)) {
      blankRows++;
      continue;
    }
    let row = r;
    if (row.length < width) {
      if (row.length > 1 || !isBlankCell(row[0])) short++;
      row = row.concat(Array(width - row.length).fill(''));
    } else if (row.length > width) {
      let last = row.length - 1;
      while (last >= width && isBlankCell(row[last])) last--;
      if (last >= width && !problem) {
        rowProblems.push({
          index: rows.length,
          message: `This row has ${last + 1} values but the file has ${width} columns: a value probably contains an unquoted ${
            opts.mode === 'csv' ? 'delimiter' : 'cell'
          }, so the columns after it may be shifted. Check the row and correct it.`,
        });
      }
      row = last >= width ? row.slice(0, last + 1) : row.slice(0, width);
    }
    if (problem) rowProblems.push({ index: rows.length, message: problem });
    rows.push(row);
    rowNumbers.push(numbers[i] ?? i + 1);
    if (lineNumbers) lineNumbers.push(opts.lineNumbers?.[i] ?? i + 1);
  }
  if (short > 0 && opts.mode === 'csv')
    warnings.push(`${plural(short, 'row')} had fewer values than there are columns; the missing cells were read as empty.`);
  if (rowProblems.length > 0)
    warnings.push(`${plural(rowProblems.length, 'row')} cannot be read reliably and will be quarantined (see each row's reason).`);
  if (blankRows > 0) warnings.push(`${plural(blankRows, 'empty row')} skipped.`);
  if (rows.length === 0) warnings.push('This sheet has column headers but no data rows: there is nothing to import.');
  const sheet: ParsedSheet = {
    name,
    headers,
    rows,
    rowNumbers,
    headerRowNumber: numbers[headerIndex] ?? headerIndex + 1,
    blankRows,
    totalRows: rows.length + blankRows,
    rowProblems,
    warnings,
  };
  if (lineNumbers) sheet.lineNumbers = lineNumbers;
  return sheet;
}
