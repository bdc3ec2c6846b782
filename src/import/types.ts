/**
 * Types shared by the parsers (CSV, .xlsx) and the record builder. Pure: no React, no store.
 */

/** Text encodings the CSV reader recognises (see decode.ts). */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** A CSV delimiter Linkwall detects. */
export type Delimiter = ',' | ';' | '\t' | '|';

/** A problem that stops one row from being read cleanly (it is quarantined by the record builder). */
export interface RowProblem {
  /** Index into `ParsedSheet.rows`. */
  index: number;
  message: string;
}

/**
 * One table of a file: a CSV file, or one sheet of a workbook. Every data row is kept (nothing is
 * silently dropped): `rows.length + blankRows === totalRows`.
 */
export interface ParsedSheet {
  /** The sheet's name in a workbook; the file name for a CSV. */
  name: string;
  /** Column names: trimmed; blanks named "Column 3"; repeats made unique ("Name", "Name (2)"). */
  headers: string[];
  /**
   * Data rows (blank rows left out and counted in `blankRows`). Every row has at least `headers.length`
   * cells (missing trailing cells read as ""); a row with MORE values than there are headers keeps them
   * all and is listed in `rowProblems`.
   */
  rows: string[][];
  /**
   * For each data row, its row number as a spreadsheet shows it: the header row is row 1 (unless blank or
   * title rows come before it), a blank line is a row, and a CSV record with a quoted line break inside a
   * cell is still ONE row (as Excel numbers it). This is the number analysts are told ("row 12").
   */
  rowNumbers: number[];
  /** CSV only: the text line each data row starts on (differs from the row number after quoted line breaks). */
  lineNumbers?: number[];
  /** Row number of the header row (after skipped blank or title rows). */
  headerRowNumber: number;
  /** Completely empty rows after the header: skipped, but counted so the totals add up. */
  blankRows: number;
  /** Rows after the header in the file or sheet: `rows.length + blankRows`. */
  totalRows: number;
  /** Rows that cannot be read reliably (extra values, an unclosed quote): the builder quarantines them. */
  rowProblems: RowProblem[];
  /** Things the analyst should know about the sheet as a whole (plain words). */
  warnings: string[];
}

export interface ParsedWorkbook {
  fileName: string;
  format: 'csv' | 'xlsx';
  /** CSV: the text encoding that was used. */
  encoding?: TextEncodingName;
  /** CSV: the delimiter that was detected (or given). */
  delimiter?: Delimiter;
  /** A CSV has one sheet; a workbook lists every sheet (empty ones too, with a warning). */
  sheets: ParsedSheet[];
  /** File-level notes (e.g. "read as windows-1252"). */
  warnings: string[];
}

export type ImportFileErrorCode =
  | 'empty'
  | 'header-only'
  | 'binary'
  | 'legacy-xls'
  | 'ods'
  | 'not-xlsx'
  | 'bad-xlsx'
  | 'no-data'
  | 'too-many-columns'
  | 'unknown-format';

/** A file Linkwall cannot read at all. `message` is in plain words, ready to show. */
export class ImportFileError extends Error {
  readonly code: ImportFileErrorCode;
  constructor(code: ImportFileErrorCode, message: string) {
    super(message);
    this.name = 'ImportFileError';
    this.code = code;
  }
}

/**
 * The most columns a sheet may have: Excel's own limit (column XFD). A file with more is almost
 * certainly not a table (or was read with the wrong delimiter).
 */
export const MAX_COLUMNS = 16_384;

/** Options for reading a file. */
export interface ParseOptions {
  /** CSV: force a delimiter instead of detecting it. */
  delimiter?: Delimiter;
  /** CSV: force an encoding instead of detecting it. */
  encoding?: TextEncodingName;
  /**
   * The row number (1-based, as a spreadsheet shows it) of the header row, when the automatic choice
   * (first non-blank row, skipping a one-cell title row, combining a row of group titles) is wrong.
   */
  headerRow?: number;
}
