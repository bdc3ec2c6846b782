/**
 * The import's front door: any file's bytes to a ParsedWorkbook, dispatching on the content (not the
 * name): a zip archive is read as an .xlsx workbook; an old binary Excel file, an OpenDocument
 * spreadsheet, a PDF, an image, an HTML page saved as ".xls" are refused with a message saying what
 * they are and what to do; anything else is decoded as CSV text.
 */
import { ENCODING_LABEL, decodeText, toUint8Array } from './decode';
import { DELIMITER_LABEL, parseCsv } from './parseCsv';
import { parseXlsx } from './parseXlsx';
import { ImportFileError, type ParseOptions, type ParsedWorkbook } from './types';

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0): boolean => sig.every((v, i) => b[at + i] === v);

function asciiIncludes(b: Uint8Array, needle: string, from = 0, to = b.length): boolean {
  const n = needle.length;
  const first = needle.charCodeAt(0);
  const end = Math.min(to, b.length) - n;
  outer: for (let i = Math.max(0, from); i <= end; i++) {
    if (b[i] !== first) continue;
    for (let j = 1; j < n; j++) if (b[i + j] !== needle.charCodeAt(j)) continue outer;
    return true;
  }
  return false;
}

const BINARY_KINDS: { sig: number[]; what: string }[] = [
  { sig: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { sig: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { sig: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { sig: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
  { sig: [0x1f, 0x8b], what: 'a gzip-compressed file' },
  { sig: [0x37, 0x7a, 0xbc, 0xaf], what: 'a 7-Zip archive' },
  { sig: [0x52, 0x61, 0x72, 0x21], what: 'a RAR archive' },
];

const TRY_INSTEAD = 'Linkwall imports CSV files and Excel .xlsx workbooks.';

/** Refuses what is not a spreadsheet, with the reason. Returns the kind of file to read otherwise. */
export function sniffFormat(fileName: string, b: Uint8Array): 'csv' | 'xlsx' {
  if (b.length === 0) throw new ImportFileError('empty', `${fileName} is empty (0 bytes).`);
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04]) || startsWith(b, [0x50, 0x4b, 0x05, 0x06])) {
    if (asciiIncludes(b, 'opendocument.spreadsheet', 0, 200))
      throw new ImportFileError('ods', `${fileName} is an OpenDocument spreadsheet (.ods). Open it in LibreOffice or Excel and save it as .xlsx or CSV.`);
    const tail = Math.max(0, b.length - 65536);
    if (!asciiIncludes(b, 'xl/', tail) && !asciiIncludes(b, 'xl/', 0, 65536)) {
      const what = asciiIncludes(b, 'word/', tail) ? 'a Word document' : asciiIncludes(b, 'ppt/', tail) ? 'a PowerPoint file' : 'a zip archive';
      throw new ImportFileError('not-xlsx', `${fileName} is ${what}, not a spreadsheet. ${TRY_INSTEAD}`);
    }
    return 'xlsx';
  }
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))
    throw new ImportFileError(
      'legacy-xls',
      `${fileName} is an old-style Excel 97-2003 workbook (.xls), or a password-protected workbook. Open it in Excel, remove any password, and save it as "Excel Workbook (.xlsx)" or CSV.`,
    );
  for (const k of BINARY_KINDS)
    if (startsWith(b, k.sig)) throw new ImportFileError('binary', `${fileName} is ${k.what}, not a spreadsheet. ${TRY_INSTEAD}`);
  return 'csv';
}

/** Control characters other than tab, line feed, form feed and carriage return: the mark of a binary file. */
function looksBinary(text: string): boolean {
  const n = Math.min(text.length, 8192);
  if (n === 0) return false;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return true;
    if (c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13) control++;
  }
  return control / n > 0.01;
}

/**
 * Reads a file into sheets. Throws ImportFileError (with a message ready to show) when the file cannot
 * be imported at all: empty, header only, binary, legacy .xls, .ods, a zip that is not a workbook, more
 * than 16,384 columns, a damaged workbook.
 */
export async function parseFile(fileName: string, bytes: ArrayBuffer | Uint8Array, options: ParseOptions = {}): Promise<ParsedWorkbook> {
  const b = toUint8Array(bytes);
  const format = sniffFormat(fileName, b);
  const warnings: string[] = [];
  const lower = fileName.toLowerCase();
  if (format === 'xlsx') {
    const sheets = await parseXlsx(fileName, b, options.headerRow !== undefined ? { headerRow: options.headerRow } : {});
    return { fileName, format, sheets, warnings };
  }
  const decoded = decodeText(b, options.encoding);
  if (looksBinary(decoded.text))
    throw new ImportFileError('binary', `${fileName} is not a text file (it holds binary data), so it cannot be read as CSV. ${TRY_INSTEAD}`);
  const head = decoded.text.slice(0, 2048).trimStart().toLowerCase();
  if (head.startsWith('<') && /<(html|table|!doctype)/.test(head))
    throw new ImportFileError(
      'unknown-format',
      `${fileName} is a web page (some systems export HTML tables with an Excel file name). Open it in Excel and save it as .xlsx or CSV.`,
    );
  if (head.startsWith('<?xml') && head.includes('urn:schemas-microsoft-com:office:spreadsheet'))
    throw new ImportFileError('unknown-format', `${fileName} is an Excel 2003 XML spreadsheet. Open it in Excel and save it as .xlsx or CSV.`);
  const { sheet, delimiter } = parseCsv(decoded.text, fileName, {
    ...(options.delimiter ? { delimiter: options.delimiter } : {}),
    ...(options.headerRow !== undefined ? { headerRow: options.headerRow } : {}),
  });
  if (decoded.encoding !== 'utf-8') warnings.push(`Read as ${ENCODING_LABEL[decoded.encoding]} text.`);
  if (/\.(xlsx|xlsm|xls)$/.test(lower)) warnings.push(`${fileName} has a spreadsheet name but holds ${DELIMITER_LABEL[delimiter]}-separated text; it was read as CSV.`);
  return { fileName, format, encoding: decoded.encoding, delimiter, sheets: [sheet], warnings };
}
