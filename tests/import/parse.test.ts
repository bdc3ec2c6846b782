// @vitest-environment node
/**
 * Reading files: encodings, delimiters, quoted line breaks, headers, blank and ragged rows, row numbers,
 * .xlsx workbooks, and every file that is refused (with its message).
 */
import { describe, expect, it } from 'vitest';
import writeExcelFile from 'write-excel-file/node';
import { decodeText } from '../../src/import/decode';
import { detectDelimiter, parseCsv } from '../../src/import/parseCsv';
import { parseFile } from '../../src/import/parseFile';
import { excelDateText, excelNumberText } from '../../src/import/parseXlsx';
import { uniqueHeaders } from '../../src/import/sheet';
import { ImportFileError, MAX_COLUMNS, type ParsedWorkbook } from '../../src/import/types';
import { enc, fixture } from './helpers';

async function refused(name: string, bytes: Uint8Array): Promise<ImportFileError> {
  try {
    await parseFile(name, bytes);
  } catch (e) {
    expect(e).toBeInstanceOf(ImportFileError);
    return e as ImportFileError;
  }
  throw new Error(`${name} was read, but it should have been refused`);
}

function only(wb: ParsedWorkbook) {
  expect(wb.sheets).toHaveLength(1);
  const s = wb.sheets[0];
  if (!s) throw new Error('no sheet');
  return s;
}

describe('decodeText', () => {
  it('strips a UTF-8 byte-order mark and reports it', () => {
    const d = decodeText(fixture('bom-utf8-comma.csv'));
    expect(d).toMatchObject({ encoding: 'utf-8', bom: true });
    expect(d.text.startsWith('Surname')).toBe(true);
    expect(d.text).toContain('Chloë');
  });

  it('reads UTF-16LE and UTF-16BE with a BOM, and UTF-16LE without one', () => {
    expect(decodeText(fixture('utf16le-tab.txt'))).toMatchObject({ encoding: 'utf-16le', bom: true });
    expect(decodeText(fixture('utf16le-tab.txt')).text).toContain('ŻUKOWSKI');
    const be = new Uint8Array([0xfe, 0xff, 0, 0x41, 0, 0x2c, 0, 0x42]);
    expect(decodeText(be)).toEqual({ text: 'A,B', encoding: 'utf-16be', bom: true });
    const le = new Uint8Array([...'Name\tDOB\r\n'].flatMap((c) => [c.charCodeAt(0), 0]));
    expect(decodeText(le)).toEqual({ text: 'Name\tDOB\r\n', encoding: 'utf-16le', bom: false });
  });

  it('falls back to windows-1252 when the bytes are not valid UTF-8', () => {
    const d = decodeText(fixture('semicolon-1252.csv'));
    expect(d.encoding).toBe('windows-1252');
    expect(d.text).toContain('Prénom');
    expect(d.text).toContain('£20');
    // 0x80 is the euro sign in windows-1252 (not a control character as in ISO-8859-1).
    expect(decodeText(new Uint8Array([0x80, 0x35])).text).toBe('€5');
  });

  it('keeps valid UTF-8 without a BOM as UTF-8, and honours a forced encoding', () => {
    expect(decodeText(enc('Zoë,£5'))).toEqual({ text: 'Zoë,£5', encoding: 'utf-8', bom: false });
    expect(decodeText(enc('Zoë'), 'windows-1252').text).toBe('ZoÃ«');
  });
});

describe('CSV', () => {
  it('detects comma, semicolon, tab and pipe from the header line', () => {
    expect(detectDelimiter('a,b,c\n1,2,3')).toBe(',');
    expect(detectDelimiter('Nom;Adresse, ville;DOB\nx;y;z')).toBe(';');
    expect(detectDelimiter('a\tb\tc\n1\t2\t3')).toBe('\t');
    expect(detectDelimiter('a|b|c\n1|2|3')).toBe('|');
    expect(detectDelimiter('"a,b";c;d\n1;2;3')).toBe(';');
    expect(detectDelimiter('Name\nDarren')).toBe(',');
  });

  it('reads a UTF-8 file with a BOM (no BOM in the first header)', async () => {
    const wb = await parseFile('bom-utf8-comma.csv', fixture('bom-utf8-comma.csv'));
    expect(wb).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ',' });
    const s = only(wb);
    expect(s.headers).toEqual(['Surname', 'Forename', 'Nickname', 'DOB', 'Mobile']);
    expect(s.rows[1]).toEqual(['BARKER', 'Chloë', '', '12/05/2009', '07700 900500']);
    expect(s.rowNumbers).toEqual([2, 3]);
    expect(s.totalRows).toBe(2);
  });

  it('reads semicolons in windows-1252 (é, £), with a delimiter inside quotes', async () => {
    const wb = await parseFile('semicolon-1252.csv', fixture('semicolon-1252.csv'));
    expect(wb).toMatchObject({ encoding: 'windows-1252', delimiter: ';' });
    expect(wb.warnings).toContain('Read as Windows-1252 (Western European) text.');
    const s = only(wb);
    expect(s.headers).toEqual(['Nom', 'Prénom', 'Notes', 'Montant']);
    expect(s.rows[0]).toEqual(['DUBOIS', 'Amélie', 'Payé 20 £; vu à la gare', '£20']);
    expect(s.rows[1]?.[0]).toBe('LEFÈVRE');
  });

  it('reads UTF-16LE tab-separated text (Excel "Unicode Text")', async () => {
    const wb = await parseFile('utf16le-tab.txt', fixture('utf16le-tab.txt'));
    expect(wb).toMatchObject({ encoding: 'utf-16le', delimiter: '\t' });
    expect(only(wb).rows).toEqual([
      ['HOLT', 'Kieran', 'KX65 LMN', 'Silver'],
      ['ŻUKOWSKI', 'Piotr', 'YY11 ZZZ', 'Black'],
    ]);
  });

  it('follows an Excel "sep=" line and does not count it as a row', async () => {
    const s = only(await parseFile('sep.csv', enc('sep=;\r\nName;Notes\r\nDarren SMITH;a, b\r\n')));
    expect(s.headers).toEqual(['Name', 'Notes']);
    expect(s.rows).toEqual([['Darren SMITH', 'a, b']]);
    expect(s.rowNumbers).toEqual([2]);
  });

  it('reads pipes', async () => {
    const s = only(await parseFile('pipe.csv', fixture('pipe.csv')));
    expect(s.headers).toEqual(['Name', 'Phone', 'Postcode']);
    expect(s.rows).toHaveLength(2);
  });

  it('keeps quoted line breaks in their cell: row numbers as a spreadsheet shows them, line numbers as a text editor does', async () => {
    const s = only(await parseFile('quoted-newlines.csv', fixture('quoted-newlines.csv')));
    expect(s.rows[1]).toEqual(['R2', 'Kieran HOLT', 'Line one\nline two, with a comma\nline "three"']);
    expect(s.rowNumbers).toEqual([2, 3, 4]);
    expect(s.lineNumbers).toEqual([2, 3, 6]);
    expect(s.totalRows).toBe(3);
  });

  it('names blank headers by position and makes repeated headers unique', async () => {
    const s = only(await parseFile('duplicate-blank-headers.csv', fixture('duplicate-blank-headers.csv')));
    // The trailing delimiter's empty column (no data under it) is dropped.
    expect(s.headers).toEqual(['Name', 'Column 2', 'Name (2)', 'DOB', 'Column 5', 'Name (3)']);
    expect(s.rows[0]).toHaveLength(6);
    expect(uniqueHeaders(['Name', 'NAME', 'name', ' ', 'Column 4', ''])).toEqual(['Name', 'NAME (2)', 'name (3)', 'Column 4', 'Column 4 (2)', 'Column 6']);
  });

  it('skips blank rows but counts them, so the totals add up', async () => {
    const s = only(await parseFile('police-nominals.csv', fixture('police-nominals.csv')));
    expect(s.rows).toHaveLength(9);
    expect(s.blankRows).toBe(1);
    expect(s.totalRows).toBe(10);
    expect(s.rowNumbers.at(-1)).toBe(11);
    expect(s.warnings).toContain('1 empty row skipped.');
  });

  it('pads short rows, and marks a row with more values than columns (an unquoted comma) as a row problem', async () => {
    const s = only(await parseFile('broken-rows.csv', fixture('broken-rows.csv')));
    expect(s.rows[1]).toEqual(['Kieran HOLT', '07700 900456', 'seen with Darren', ' Imran and Lee']);
    expect(s.rowProblems[0]).toEqual({
      index: 1,
      message:
        'This row has 4 values but the file has 3 columns: a value probably contains an unquoted delimiter, so the columns after it may be shifted. Check the row and correct it.',
    });
    const short = only(await parseFile('short.csv', enc('a,b,c\n1\n2,3\n')));
    expect(short.rows).toEqual([
      ['1', '', ''],
      ['2', '3', ''],
    ]);
    expect(short.warnings).toContain('2 rows had fewer values than there are columns; the missing cells were read as empty.');
  });

  it('reports an unclosed quote on the row where it opens', async () => {
    const s = only(await parseFile('broken-rows.csv', fixture('broken-rows.csv')));
    expect(s.rowProblems[1]).toEqual({
      index: 2,
      message:
        'A quote (") opens a cell in this row and is never closed, so everything after it in the file was read into this row. Correct the quotes and import the row again.',
    });
    expect(s.warnings[0]).toBe('A quote (") is never closed, so the end of the file was read into one row: that row is quarantined.');
  });

  it('skips a one-cell title above the table and combines group titles above column titles', async () => {
    const t = only(await parseFile('t.csv', enc('Northshire Police nominal export\n\nSurname,Forename,DOB\nSMITH,Darren,14/03/1989\n')));
    expect(t.headers).toEqual(['Surname', 'Forename', 'DOB']);
    expect(t.headerRowNumber).toBe(3);
    expect(t.rowNumbers).toEqual([4]);
    expect(t.warnings[0]).toBe('Row 1 ("Northshire Police nominal export") looks like a title and was skipped: the column headers are on row 3.');
    const g = only(await parseFile('g.csv', enc('Person,,Associate,\nSurname,Forename,Surname,Forename\nSMITH,Darren,HOLT,Kieran\n')));
    expect(g.headers).toEqual(['Person Surname', 'Person Forename', 'Associate Surname', 'Associate Forename']);
    // The analyst can say where the headers are.
    const forced = only(await parseFile('g.csv', enc('Person,,Associate,\nSurname,Forename,Surname,Forename\nSMITH,Darren,HOLT,Kieran\n'), { headerRow: 1 }));
    expect(forced.headers).toEqual(['Person', 'Column 2', 'Associate', 'Column 4']);
    expect(forced.rows).toHaveLength(2);
  });

  it('refuses an empty file and a file with only blank lines', async () => {
    expect((await refused('empty.csv', fixture('empty.csv'))).message).toBe('empty.csv is empty (0 bytes).');
    const e = await refused('blank.csv', enc('\r\n \r\n\r\n'));
    expect(e.code).toBe('empty');
    expect(e.message).toBe('blank.csv is empty: it has no header row and no data.');
  });

  it('refuses a file with a header row and no data', async () => {
    const e = await refused('header-only.csv', fixture('header-only.csv'));
    expect(e.code).toBe('header-only');
    expect(e.message).toBe('header-only.csv has a header row (4 columns) but no data rows: there is nothing to import.');
  });

  it('reads 10,000 columns', () => {
    const header = Array.from({ length: 10_000 }, (_, i) => `C${i}`).join(',');
    const row = Array.from({ length: 10_000 }, (_, i) => String(i)).join(',');
    const { sheet } = parseCsv(`${header}\n${row}\n${row}\n`, 'wide.csv');
    expect(sheet.headers).toHaveLength(10_000);
    expect(sheet.rows[1]?.[9_999]).toBe('9999');
  });

  it(`refuses more than ${MAX_COLUMNS.toLocaleString('en-GB')} columns`, () => {
    const header = Array.from({ length: MAX_COLUMNS + 1 }, (_, i) => `C${i}`).join(',');
    expect(() => parseCsv(`${header}\n1,2\n`, 'too-wide.csv')).toThrow(
      'too-wide.csv has 16,385 columns; Linkwall reads at most 16,384 (the most Excel allows). Check that the file is a table with one header row.',
    );
  });

  it('reads a 5 MB cell', async () => {
    const big = 'x'.repeat(5 * 1024 * 1024);
    const s = only(await parseFile('big-cell.csv', enc(`Ref,Notes\nR1,"${big}"\nR2,short\n`)));
    expect(s.rows[0]?.[1]).toHaveLength(5 * 1024 * 1024);
    expect(s.rows[1]).toEqual(['R2', 'short']);
    expect(s.rowNumbers).toEqual([2, 3]);
  });
});

describe('refused files', () => {
  it('a legacy .xls (or password-protected) workbook', async () => {
    const e = await refused('old.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    expect(e.code).toBe('legacy-xls');
    expect(e.message).toBe(
      'old.xls is an old-style Excel 97-2003 workbook (.xls), or a password-protected workbook. Open it in Excel, remove any password, and save it as "Excel Workbook (.xlsx)" or CSV.',
    );
  });

  it('a PDF, an image, and binary data', async () => {
    expect((await refused('scan.csv', enc('%PDF-1.7\n...'))).message).toBe('scan.csv is a PDF document, not a spreadsheet. Linkwall imports CSV files and Excel .xlsx workbooks.');
    expect((await refused('photo.csv', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2]))).message).toBe(
      'photo.csv is a JPEG image, not a spreadsheet. Linkwall imports CSV files and Excel .xlsx workbooks.',
    );
    const e = await refused('data.bin', new Uint8Array([0x41, 0x2c, 0x42, 0x0a, 0x00, 0x01, 0x02, 0x03, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46]));
    expect(e.code).toBe('binary');
    expect(e.message).toBe('data.bin is not a text file (it holds binary data), so it cannot be read as CSV. Linkwall imports CSV files and Excel .xlsx workbooks.');
  });

  it('an HTML table saved with an Excel name', async () => {
    const e = await refused('export.xls', enc('<html><body><table><tr><td>Name</td></tr></table></body></html>'));
    expect(e.message).toBe('export.xls is a web page (some systems export HTML tables with an Excel file name). Open it in Excel and save it as .xlsx or CSV.');
  });

  it('an OpenDocument spreadsheet, a Word document and a damaged workbook', async () => {
    const zipHead = [0x50, 0x4b, 0x03, 0x04];
    const ods = new Uint8Array([...zipHead, ...enc('\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0mimetypeapplication/vnd.oasis.opendocument.spreadsheet')]);
    expect((await refused('p.ods', ods)).message).toBe('p.ods is an OpenDocument spreadsheet (.ods). Open it in LibreOffice or Excel and save it as .xlsx or CSV.');
    const docx = new Uint8Array([...zipHead, ...enc('....word/document.xml....')]);
    expect((await refused('letter.docx', docx)).message).toBe('letter.docx is a Word document, not a spreadsheet. Linkwall imports CSV files and Excel .xlsx workbooks.');
    const good = new Uint8Array(await writeExcelFile([['A'], ['1']]).toBuffer());
    const damaged = good.slice(0, Math.floor(good.length / 2));
    const e = await refused('damaged.xlsx', damaged);
    expect(e.code).toBe('bad-xlsx');
    expect(e.message).toBe('damaged.xlsx is not a readable Excel .xlsx workbook (the file is damaged or of another kind).');
  });

  it('a workbook with no data on any sheet, and one with headers only', async () => {
    const empty = new Uint8Array(await writeExcelFile([[null]]).toBuffer());
    const e = await refused('empty.xlsx', empty);
    expect(e.code).toBe('empty');
    expect(e.message).toBe('empty.xlsx has no data: every sheet is empty.');
    const headers = new Uint8Array(await writeExcelFile([['Surname', 'Forename']]).toBuffer());
    expect((await refused('headers.xlsx', headers)).message).toBe('headers.xlsx has column headers but no data rows on any sheet: there is nothing to import.');
  });
});

describe('.xlsx', () => {
  it('lists every sheet, reads date cells as ISO dates and numbers without float noise', async () => {
    const wb = await parseFile('two-sheets.xlsx', fixture('two-sheets.xlsx'));
    expect(wb.format).toBe('xlsx');
    expect(wb.sheets.map((s) => s.name)).toEqual(['Nominals', 'Vehicles', 'Notes']);
    const [nominals, vehicles, notes] = wb.sheets;
    expect(nominals?.headers).toEqual(['Name', 'DOB', 'First seen', 'Mobile', 'Score']);
    expect(nominals?.rows).toEqual([
      ['SMITH, Darren', '1989-03-14', '45322', '7700900123', '0.3'],
      ['HOLT, Kieran', '1992-11-03', '45337', '7700900456', '1234567.891'],
      ['AKHTAR, Imran', '1985-07-21T13:45', '60', '07700 900789', '12'],
    ]);
    // Worksheet row numbers; the blank row 4 is counted.
    expect(nominals?.rowNumbers).toEqual([2, 3, 5]);
    expect(nominals?.blankRows).toBe(1);
    // A title row above the table; a blank header (a merged cell) named by position.
    expect(vehicles?.headers).toEqual(['VRM', 'Make', 'Column 3', 'Colour']);
    expect(vehicles?.headerRowNumber).toBe(3);
    expect(vehicles?.rowNumbers).toEqual([4, 5]);
    expect(notes).toMatchObject({ rows: [], warnings: ['This sheet is empty.'] });
  });

  it('formats cells as Excel shows them', () => {
    expect(excelNumberText(0.1 + 0.2)).toBe('0.3');
    expect(excelNumberText(7700900123)).toBe('7700900123');
    expect(excelNumberText(1e21)).toBe('1e+21');
    expect(excelNumberText(-12.5)).toBe('-12.5');
    expect(excelDateText(new Date(Date.UTC(2024, 0, 31)))).toBe('2024-01-31');
    expect(excelDateText(new Date(Date.UTC(2024, 0, 31, 13, 44, 59, 999)))).toBe('2024-01-31T13:45');
    expect(excelDateText(new Date(Date.UTC(2024, 0, 31, 13, 45, 30)))).toBe('2024-01-31T13:45:30');
  });

  it('reads a formula cell by its saved result; one saved without a result reads as empty (nothing is calculated)', async () => {
    const bytes = new Uint8Array(
      await writeExcelFile([
        ['Name', 'Total'],
        ['x', { value: '=1+1', type: 'Formula' }],
      ]).toBuffer(),
    );
    const wb = await parseFile('f.xlsx', bytes);
    expect(wb.sheets[0]?.rows).toEqual([['x', '']]);
  });
});
