// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { csvField, ENTITY_CSV_HEADERS, entitiesCsv, LINK_CSV_HEADERS, linksCsv, neutraliseFormula, toCsv } from '../../../src/domain/exchange';
import type { Entity } from '../../../src/domain/model';
import { business, intel, link, person } from '../factories';
import { entities, items, links } from './fixture';

/** A small RFC 4180 reader for the tests. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && body[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

describe('formula neutralisation', () => {
  it.each([
    ['=HYPERLINK("http://example.invalid","click")', `'=HYPERLINK("http://example.invalid","click")`],
    ['+447700900123', "'+447700900123"],
    ['-3', "'-3"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
    ['\uFF1D1+1', "'\uFF1D1+1"],
    ['Darren Smith', 'Darren Smith'],
    ['07700 900123', '07700 900123'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%j -> %j', (cell, expected) => {
    expect(neutraliseFormula(cell)).toBe(expected);
  });

  it('neutralises before quoting, so the quotes cannot hide the formula', () => {
    expect(csvField('=1+1,2')).toBe(`"'=1+1,2"`);
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
  });

  it('neutralises formulas hidden in names, notes and sources in the exports', () => {
    const evil: Entity = person({
      id: 'p9',
      names: [{ kind: 'legal', given: '=cmd|', family: "'/C calc'!A0", full: "=cmd|'/C calc'!A0", sources: ['i9'] }],
      notes: [{ value: '@SUM(1+1)*cmd|"/C calc"!A0', sources: ['i9'] }],
    });
    const item = intel({ id: 'i9', agency: '+Evil agency', reference: '-1' });
    const text = entitiesCsv({ entities: [evil, business({ id: 'b9', name: { value: '-Star Kebabs', sources: ['i9'] } })], links: [], items: [item] });
    const rows = readCsv(text);
    for (const row of rows) for (const cell of row) expect(cell, `cell ${JSON.stringify(cell)}`).not.toMatch(/^[=+\-@\t\r]/);
    const header = rows[0] ?? [];
    const row = rows[1] ?? [];
    expect(row[header.indexOf('Legal names')]).toBe("'=cmd|'/C calc'!A0");
    expect(row[header.indexOf('Notes')]).toBe(`'@SUM(1+1)*cmd|"/C calc"!A0`);
    expect(row[header.indexOf('Agencies')]).toBe("'+Evil agency");
    expect(rows[2]?.[header.indexOf('Label')]).toBe("'-Star Kebabs");
    const linkRows = readCsv(linksCsv({ entities: [evil], links: [link({ id: 'l9', from: 'p9', to: 'p9', note: '=1+2', sources: ['i9'] })], items: [item] }));
    expect(linkRows[1]?.[LINK_CSV_HEADERS.indexOf('Note')]).toBe("'=1+2");
    expect(linkRows[1]?.[LINK_CSV_HEADERS.indexOf('Sources')]).toBe("'+Evil agency -1 (2C P)");
  });
});

describe('entities and links CSV', () => {
  it('writes RFC 4180 with a byte-order mark and CRLF line ends', () => {
    const text = toCsv([
      ['a', 'b'],
      ['1,2', 'x'],
    ]);
    expect(text).toBe('\uFEFFa,b\r\n"1,2",x\r\n');
    expect(toCsv([['a']], { bom: false })).toBe('a\r\n');
  });

  it('has one row per entity, plain-English headers, multi-value facts joined with "; " and sources as agency + reference', () => {
    const rows = readCsv(entitiesCsv({ entities, links, items }));
    expect(rows[0]).toEqual([...ENTITY_CSV_HEADERS]);
    expect(rows).toHaveLength(entities.length + 1);
    const col = (row: string[] | undefined, h: (typeof ENTITY_CSV_HEADERS)[number]) => row?.[ENTITY_CSV_HEADERS.indexOf(h)];
    const darren = rows.find((r) => col(r, 'ID') === 'p1');
    expect(col(darren, 'Label')).toBe('Darren Smith ("Dazza")');
    expect(col(darren, 'Date of birth')).toBe('1991-03-14');
    expect(col(darren, 'Aliases')).toBe('Daz Smyth');
    expect(col(darren, 'Identifiers')).toBe('PNC: 91/123456X');
    expect(col(darren, 'Links')).toBe('5');
    expect(col(darren, 'Sources')).toBe('Northshire Police NP/2024/0001 (2C P); Northshire Police LEGACY/77 (B2 4)');
    expect(col(darren, 'Notes')).toBe('Seen at the bus station most Fridays.\nUsually with two others.');
    const spider = rows.find((r) => col(r, 'ID') === 'p3');
    expect(col(spider, 'Roles')).toBe('Facilitator; Associate');
    const phone = rows.find((r) => col(r, 'ID') === 'ph1');
    // Neutralised like every cell that starts with "+": still readable.
    expect(col(phone, 'Phone number')).toBe("'+447700900123");
    const flat = rows.find((r) => col(r, 'ID') === 'a1');
    expect(col(flat, 'Address')).toBe('Flat 3, 40 Canal Street, Kelbridge');
    expect(col(flat, 'Longitude')).toBe("'-1.54785");
    const kebabs = rows.find((r) => col(r, 'ID') === 'b1');
    expect(col(kebabs, 'Licences')).toBe('Late night refreshment; Alcohol');
    expect(col(kebabs, 'Sources')).toBe('Kelbridge Academy KA & "Co" <1> (Ungraded)');
  });

  it('writes one row per link with both ends, dates and grade strength', () => {
    const rows = readCsv(linksCsv({ entities, links, items }));
    expect(rows[0]).toEqual([...LINK_CSV_HEADERS]);
    expect(rows).toHaveLength(links.length + 1);
    const l2 = rows.find((r) => r[0] === 'l2');
    expect(l2).toEqual([
      'l2',
      'Transported by',
      'From → To',
      'p2',
      'Jade Hall',
      'p1',
      'Darren Smith ("Dazza")',
      '2024-02-10',
      '',
      '',
      'Strong (A/B or 1/2)',
      "Kelbridge Children's Social Care CSC-0042 (1B C (A2 S2))",
    ]);
  });

  it('shows young people by pseudonym without identifying columns', () => {
    const pseudonyms = new Map([['p2', 'YP-01']]);
    const text = entitiesCsv({ entities, links, items, pseudonyms }) + linksCsv({ entities, links, items, pseudonyms });
    expect(text).not.toMatch(/Jade|Hall|2011-06-02|LCS-99881|Missing from care|CSC-0042|\bp2\b/);
    expect(text).toContain('YP-01');
  });
});
