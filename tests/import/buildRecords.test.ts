// @vitest-environment node
/**
 * Rows to records: what each row makes, how exact identifiers merge within a file, what quarantines a
 * row and what only drops a cell (every path with its message), provenance, progress and cancel.
 */
import { describe, expect, it } from 'vitest';
import type { Grading } from '../../src/domain/grading';
import type { Address, Business, Entity, Hotspot, Person, Phone, Vehicle } from '../../src/domain/model';
import { validateEntity, validateIntelItem, validateLink } from '../../src/domain/validate';
import { buildImport, buildImportAsync, importIdFactory, mapRow, matchKeysOf, type ImportBuild, type RowOk, type RowResult } from '../../src/import/buildRecords';
import { defaultLinkRules, emptyMapping, suggestMapping, type ColumnMapping, type ImportMapping, type ImportSettings } from '../../src/import/mapping';
import { parseFile } from '../../src/import/parseFile';
import type { ParsedSheet } from '../../src/import/types';
import { ctx, fixture, TODAY } from './helpers';

const G2CP: Grading = { scheme: '3x5x2', source: '2', intelligence: 'C', handling: 'P' };

async function sheetOf(name: string): Promise<ParsedSheet> {
  const s = (await parseFile(name, fixture(name))).sheets[0];
  if (!s) throw new Error('no sheet');
  return s;
}

/** A mapping from "header -> slot.field" pairs (extra column options after a "|": split, dmy, mdy, scheme=..., platform=...). */
function mappingFor(headers: string[], spec: Record<string, string>, settings: Partial<ImportSettings> = {}): ImportMapping {
  const m = emptyMapping({ agency: 'Northshire Police', agencyType: 'police', defaultGrading: G2CP, ...settings });
  for (const [header, target] of Object.entries(spec)) {
    const [where = '', ...opts] = target.split('|');
    const [slot = '', field = ''] = where.split('.');
    const column = headers.indexOf(header);
    if (column < 0) throw new Error(`no column ${header}`);
    const c: ColumnMapping = { column, header, slot, field };
    for (const o of opts) {
      if (o === 'split') c.split = true;
      else if (o === 'dmy' || o === 'mdy') c.dateOrder = o;
      else if (o.startsWith('scheme=')) c.scheme = o.slice(7);
      else if (o.startsWith('platform=')) c.platform = o.slice(9);
    }
    m.columns.push(c);
  }
  m.links = defaultLinkRules(m);
  return m;
}

function row(headers: string[], spec: Record<string, string>, cells: Record<string, string>, settings: Partial<ImportSettings> = {}): RowResult {
  const m = mappingFor(headers, spec, settings);
  return mapRow(m, headers, headers.map((h) => cells[h] ?? ''), 2, ctx({ fileName: 'partner.csv' }));
}

function ok(r: RowResult): RowOk {
  if (!r.ok) throw new Error(`quarantined: ${r.reasons.join(' | ')}`);
  return r;
}

function reasons(r: RowResult): string[] {
  if (r.ok) throw new Error('the row was imported');
  return r.reasons;
}

const of = <K extends Entity['kind']>(r: RowOk, kind: K) => r.entities.map((e) => e.entity).filter((e): e is Extract<Entity, { kind: K }> => e.kind === kind);
const problems = (r: RowResult) => r.problems.map((p) => `${p.kind}: ${p.header ? `${p.header}: ` : ''}${p.message}`);

function expectAllValid(b: ImportBuild): void {
  for (const e of b.entities) expect(validateEntity(e, TODAY), JSON.stringify(e)).toEqual([]);
  for (const l of b.links) expect(validateLink(l), JSON.stringify(l)).toEqual([]);
  for (const i of b.items) expect(validateIntelItem(i, TODAY), JSON.stringify(i)).toEqual([]);
  const ids = new Set(b.entities.map((e) => e.id));
  for (const l of b.links) {
    expect(ids.has(l.from)).toBe(true);
    expect(ids.has(l.to)).toBe(true);
  }
  const items = new Set(b.items.map((i) => i.id));
  for (const e of b.entities) for (const s of JSON.stringify(e).match(/"it-\d+"/g) ?? []) expect(items.has(JSON.parse(s) as string)).toBe(true);
}

describe('a police nominal export', () => {
  async function build() {
    const sheet = await sheetOf('police-nominals.csv');
    const { mapping } = suggestMapping(sheet.headers, sheet.rows, { today: TODAY, settings: { agency: 'Northshire Police', agencyType: 'police', defaultGrading: G2CP } });
    return buildImport(sheet, mapping, { ...ctx({ fileName: 'police-nominals.csv' }), previewRows: 3 });
  }

  it('accounts for every row: imported + quarantined + blank = rows in the file', async () => {
    const b = await build();
    expect(b.counts).toEqual({
      rows: 10,
      imported: 7,
      quarantined: 2,
      blank: 1,
      withProblems: 2,
      items: 7,
      entities: 18,
      mergedInFile: 7,
      links: 13,
      byKind: { person: 5, vehicle: 4, phone: 5, address: 4, business: 0, hotspot: 0 },
    });
    expectAllValid(b);
  });

  it('makes a person, phones, a vehicle and an address per row, linked, every fact citing the row', async () => {
    const b = await build();
    const holt = b.entities.find((e): e is Person => e.kind === 'person' && e.names[0]?.family === 'Holt');
    expect(holt?.names[0]).toMatchObject({ kind: 'legal', given: 'Kieran', family: 'Holt', full: 'Kieran Holt' });
    expect(holt?.dob?.value).toBe('1992-11-03');
    const holtRow = b.items.find((i) => i.origin?.row === 3);
    expect(holtRow).toMatchObject({
      agency: 'Northshire Police',
      agencyType: 'police',
      reference: 'NP/24/0102',
      dateOfIntelligence: '2024-02-05',
      dateRecorded: TODAY,
      statementType: 'fact',
      grading: { scheme: '3x5x2', source: '1', intelligence: 'A', handling: 'C', conditions: 'A2 S2', actionCode: 'A2', sanitisation: 'S2' },
      origin: { importId: 'imp-1', fileName: 'police-nominals.csv', row: 3 },
    });
    // "07700 900456; 07700 900457": two phones. "Flat 3, 40 Canal Street": two lines.
    const linksOfHolt = b.links.filter((l) => l.from === holt?.id);
    expect(linksOfHolt.map((l) => l.type).sort()).toEqual(['drives-vehicle', 'lives-at', 'uses-phone', 'uses-phone']);
    const addr = b.entities.find((e): e is Address => e.kind === 'address' && e.postcode?.value === 'NT2 7HD');
    expect(addr?.lines.value).toEqual(['Flat 3', '40 Canal Street', 'Northtown']);
    expect(addr?.placeType).toBe('home');
    // The partial plate is kept (and has no exact key).
    const partial = b.entities.find((e): e is Vehicle => e.kind === 'vehicle' && e.partial);
    expect(partial?.registration?.value).toBe('*4XY');
    expect(matchKeysOf(partial as Vehicle)).toEqual([]);
  });

  it('makes ONE entity of the same exact identifier in two rows, citing both rows', async () => {
    const b = await build();
    const darren = b.entities.filter((e): e is Person => e.kind === 'person' && e.names[0]?.family === 'Smith');
    expect(darren).toHaveLength(1);
    const [row2, row4] = [b.items.find((i) => i.origin?.row === 2)?.id, b.items.find((i) => i.origin?.row === 4)?.id];
    expect(darren[0]?.names[0]?.sources).toEqual([row2, row4]);
    const phone = b.entities.find((e): e is Phone => e.kind === 'phone' && e.number?.value === '+447700900123');
    expect(phone?.number?.sources).toEqual([row2, row4]);
    const uses = b.links.filter((l) => l.to === phone?.id);
    expect(uses).toHaveLength(1);
    expect(uses[0]?.sources).toEqual([row2, row4]);
    // "KX65 LMN" and "KX65LMN" on rows 3 and 11 are the same plate.
    expect(b.entities.filter((e) => e.kind === 'vehicle' && e.registration?.value === 'KX65LMN')).toHaveLength(1);
  });

  it('quarantines a person with details but no name, and an unreadable grading, with the reasons', async () => {
    const b = await build();
    expect(b.quarantined.map((q) => [q.rowNumber, q.reasons])).toEqual([
      [7, ['Person A has details (DOB "05/05/1995") but no name: a person needs a name, nickname or street name.']],
      [8, ['Grading "2B X" cannot be read: the 3x5x2 handling code must be P or C.']],
    ]);
    expect(b.quarantined[0]?.cells).toEqual(['', '', '05/05/1995', '07700 900321', '', '', '', '', 'NP/24/0106', '14/02/2024', '2B P']);
    expect(b.quarantined[0]?.headers).toEqual(['Surname', 'Forename', 'DOB', 'Mobile', 'VRM', 'Address 1', 'Town', 'Postcode', 'Ref', 'Date', 'Grading']);
  });

  it('keeps a row with a bad phone or a bad postcode, listing what was left out', async () => {
    const b = await build();
    expect(b.problemRows.map((p) => [p.rowNumber, p.status, p.problems.map((x) => `${x.kind}: ${x.header}: ${x.message}`)])).toEqual([
      [5, 'imported', ['note: Town: Only "Northtown" was given: not enough for an address (it stays in the item\'s text).']],
      [6, 'imported', ['dropped: Mobile: "07700 9001" is not a phone number: too few digits for a UK number.']],
      [7, 'quarantined', []],
      [8, 'quarantined', []],
      [9, 'imported', ['dropped: Postcode: "NT9 9Z" is not a UK postcode (expected something like "LS1 4AP").']],
    ]);
    const ward = b.entities.find((e): e is Address => e.kind === 'address' && e.lines.value[0] === '5 Station Road');
    expect(ward?.postcode).toBeUndefined();
    // With no text column, the item's text is the whole row: the dropped value is still there.
    expect(b.items.find((i) => i.origin?.row === 6)?.text).toContain('Mobile: 07700 9001');
  });

  it('previews the first rows with final ids, saying which entities an earlier row already made', async () => {
    const b = await build();
    expect(b.preview).toHaveLength(3);
    const third = b.preview[2];
    if (!third?.ok) throw new Error('row 4 should be imported');
    expect(third.rowNumber).toBe(4);
    expect(third.entities.map((e) => [e.slot, e.sameAsRow])).toEqual([
      ['personA', 2],
      ['phone', 2],
      ['address', 2],
    ]);
    expect(third.links.every((l) => b.links.includes(l))).toBe(true);
  });
});

describe('what quarantines a row', () => {
  const H = ['Name', 'DOB', 'Mobile', 'Business', 'Licence', 'Hot spot', 'Lat', 'Lng', 'Grading', 'Notes', 'Extra'];
  const spec = { Name: 'personA.fullName', DOB: 'personA.dob|dmy', Mobile: 'phone.number', Business: 'business.name', Licence: 'business.licence', 'Hot spot': 'hotspot.name', Lat: 'hotspot.lat', Lng: 'hotspot.lng', Grading: 'item.grading', Notes: 'item.text' };

  it('nothing to import: the mapped columns are empty', () => {
    expect(reasons(row(H, spec, { Notes: 'just a note', Extra: 'x' }))).toEqual([
      'Nothing to import: the columns mapped to people, phones, vehicles, addresses, businesses or hot spots are empty in this row (it has values only in "Notes", "Extra").',
    ]);
    expect(reasons(row(H, spec, { Name: 'N/A', Mobile: '-' }))).toEqual(['Nothing to import: the row is empty in every mapped column.']);
  });

  it('nothing could be imported: every value failed', () => {
    expect(reasons(row(H, spec, { Mobile: '07700 9001' }))).toEqual(['Nothing in this row could be imported: "07700 9001" is not a phone number: too few digits for a UK number.']);
  });

  it('a person, business or hot spot with details but no name', () => {
    expect(reasons(row(H, spec, { DOB: '31/01/2008', Mobile: '07700 900123' }))).toEqual([
      'Person A has details (DOB "31/01/2008") but no name: a person needs a name, nickname or street name.',
    ]);
    expect(reasons(row(H, spec, { Name: 'Darren SMITH', Licence: 'LN/000123' }))).toEqual(['Business has details (Licence "LN/000123") but no name: a business needs a name.']);
    expect(reasons(row(H, spec, { Name: 'Darren SMITH', Lat: '53.1', Lng: '-1.5' }))).toEqual(['Hot spot has details (Lat "53.1", Lng "-1.5") but no name: a hot spot needs a name.']);
  });

  it('a grading that cannot be read', () => {
    expect(reasons(row(H, spec, { Name: 'Darren SMITH', Grading: '9Z' }))).toEqual([
      'Grading "9Z" cannot be read: expected a 3x5x2 code such as "2B P" or a 5x5x5 code such as "B2 4".',
    ]);
  });

  it('a row the parser could not read reliably', async () => {
    const sheet = await sheetOf('broken-rows.csv');
    const m = mappingFor(sheet.headers, { Name: 'personA.fullName', Mobile: 'phone.number', Notes: 'item.text' });
    const b = buildImport(sheet, m, ctx({ fileName: 'broken-rows.csv' }));
    expect(b.counts).toMatchObject({ rows: 3, imported: 1, quarantined: 2 });
    expect(b.quarantined.map((q) => [q.rowNumber, q.reasons[0]?.slice(0, 40)])).toEqual([
      [3, 'This row has 4 values but the file has 3'],
      [4, 'A quote (") opens a cell in this row and'],
    ]);
    expect(b.quarantined[0]?.cells).toEqual(['Kieran HOLT', '07700 900456', 'seen with Darren', ' Imran and Lee']);
  });

  it("any cell problem, under the 'quarantine-row' policy", () => {
    const r = row(H, spec, { Name: 'Darren SMITH', Mobile: '07700 9001', DOB: '32/01/2008' }, { problemPolicy: 'quarantine-row' });
    expect(reasons(r)).toEqual(['DOB: Date of birth: "32/01/2008" is not a real date: there is no day 32 in a month.', 'Mobile: "07700 9001" is not a phone number: too few digits for a UK number.']);
    expect(row(H, spec, { Name: 'Darren SMITH', Mobile: '07700 900123' }, { problemPolicy: 'quarantine-row' }).ok).toBe(true);
  });
});

describe('what only drops a cell (or notes it)', () => {
  const H = ['Name', 'Nickname', 'DOB', 'Age', 'Sex', 'Ethnicity', 'Mobile', 'VRM', 'Make', 'Address', 'Postcode', 'Place', 'Date', 'Recorded', 'Notes', 'Year'];
  const spec = {
    Name: 'personA.fullName',
    Nickname: 'personA.nickname|split',
    DOB: 'personA.dob',
    Age: 'personA.estimatedAge',
    Sex: 'personA.sex',
    Ethnicity: 'personA.ethnicity',
    Mobile: 'phone.number',
    VRM: 'vehicle.registration|split',
    Make: 'vehicle.make',
    Address: 'address.line',
    Postcode: 'address.postcode',
    Place: 'address.placeType',
    Date: 'item.dateOfIntelligence',
    Recorded: 'item.dateRecorded',
    Notes: 'item.text',
  };

  it('reads a full row', () => {
    const r = ok(
      row(H, spec, {
        Name: 'SMITH, Darren',
        Nickname: 'Dazza / D',
        DOB: '14/03/1989',
        Sex: 'M',
        Ethnicity: 'W1',
        Mobile: '07700 900123',
        VRM: 'AB12 CDE',
        Make: 'Vauxhall',
        Address: '12 Mill Lane, Northtown, NT1 4AB',
        Place: 'House',
        Date: '2024-02-01',
        Recorded: '2024-02-03',
        Notes: 'Seen at the bus station.',
        Year: '11',
      }),
    );
    const [p] = of(r, 'person');
    expect(p?.names.map((n) => [n.kind, n.given, n.family, n.full])).toEqual([
      ['legal', 'Darren', 'Smith', 'Darren Smith'],
      ['nickname', '', '', 'Dazza'],
      ['nickname', '', '', 'D'],
    ]);
    expect([p?.sex.value, p?.ethnicity.value, p?.dob?.value]).toEqual(['male', 'white-british', '1989-03-14']);
    const [a] = of(r, 'address');
    expect([a?.lines.value, a?.postcode?.value, a?.placeType]).toEqual([['12 Mill Lane', 'Northtown'], 'NT1 4AB', 'home']);
    expect(of(r, 'vehicle')[0]).toMatchObject({ registration: { value: 'AB12CDE' }, make: { value: 'Vauxhall' }, partial: false });
    expect(r.item).toMatchObject({ dateOfIntelligence: '2024-02-01', dateRecorded: '2024-02-03', reference: 'partner.csv row 2', grading: G2CP });
    // The mapped text, then the unmapped columns, so the item keeps everything the row said.
    expect(r.item.text).toBe('Seen at the bus station.\n\nOther columns:\nYear: 11');
    expect(r.links.map((l) => l.type)).toEqual(['uses-phone', 'drives-vehicle', 'lives-at']);
    expect(r.problems).toEqual([]);
    expect(r.entities.find((e) => e.slot === 'personA')?.keys).toEqual(['person|person:darren smith|1989-03-14']);
  });

  it('drops what cannot be read, keeps the rest, and records the dropped values in the text', () => {
    const r = ok(
      row(H, spec, {
        Name: 'Darren SMITH',
        DOB: '01/02/1989',
        Age: 'fifteen',
        Sex: 'Q',
        Mobile: '07700 9001',
        VRM: 'AB12 CDE!',
        Address: '5 Station Road',
        Postcode: 'NT9 9Z',
        Date: '2031-01-01',
        Recorded: 'yesterday',
        Notes: 'Seen.',
      }),
    );
    expect(problems(r)).toEqual([
      'dropped: Date: Date of intelligence "2031-01-01" is in the future.',
      'dropped: Recorded: Date recorded: "yesterday" is not a date we can read (use a date such as 31/01/2024, 2024-01-31 or 31-Jan-2024). The date recorded is set to 2025-06-01.',
      'dropped: DOB: Date of birth: "01/02/1989" could be 1 February 1989 or 2 January 1989: choose whether this column writes the day or the month first.',
      'dropped: Age: "fifteen" is not an age in whole years.',
      'dropped: Sex: "Q" is not a sex Linkwall knows (use Female, Male, Other or Unknown).',
      'dropped: Mobile: "07700 9001" is not a phone number: too few digits for a UK number.',
      'dropped: VRM: "AB12 CDE!" is not a registration: it contains "!". Use letters and digits, with "?" for an unknown character and "*" for an unknown run.',
      'dropped: Postcode: "NT9 9Z" is not a UK postcode (expected something like "LS1 4AP").',
    ]);
    const [p] = of(r, 'person');
    expect(p?.dob).toBeUndefined();
    expect(p?.sex.value).toBe('unknown');
    expect(of(r, 'address')[0]?.lines.value).toEqual(['5 Station Road']);
    expect(of(r, 'phone')).toEqual([]);
    expect(of(r, 'vehicle')).toEqual([]);
    expect(r.item.dateOfIntelligence).toBeUndefined();
    expect(r.item.dateRecorded).toBe(TODAY);
    expect(r.item.text).toBe(
      'Seen.\n\nNot imported from this row: Date "2031-01-01"; Recorded "yesterday"; DOB "01/02/1989"; Age "fifteen"; Sex "Q"; Mobile "07700 9001"; VRM "AB12 CDE!"; Postcode "NT9 9Z".',
    );
  });

  it('notes what it reads approximately', () => {
    const r = ok(row(H, spec, { Name: 'Darren SMITH', DOB: '14/03/1989', Age: '35', Ethnicity: 'IC1', Postcode: 'NT1', Address: '12 Mill Lane', Place: 'Igloo', VRM: 'AB12 CDE; KX65 LMN', Make: 'Ford' }));
    expect(problems(r)).toEqual([
      'note: Age: Estimated age 35 not recorded: the date of birth is known.',
      'note: Ethnicity: "IC1" is an officer-observed code: recorded as White: other.',
      'note: Make: The make, model and colour were recorded on the first of 2 vehicles (AB12CDE).',
      'note: Postcode: "NT1" is only a postcode district: kept in the address lines, not as the postcode.',
      'note: Place: "Igloo" is not a place type Linkwall knows: recorded as "Other".',
    ]);
    expect(of(r, 'address')[0]?.lines.value).toEqual(['12 Mill Lane', 'NT1']);
    expect(of(r, 'vehicle').map((v) => [v.registration?.value, v.make?.value])).toEqual([
      ['AB12CDE', 'Ford'],
      ['KX65LMN', undefined],
    ]);
  });

  it('reads several phone numbers in one cell even when the column is not marked as holding several', () => {
    const r = ok(row(H, spec, { Name: 'Darren SMITH', Mobile: '07700 900123 / 07700 900456' }));
    expect(of(r, 'phone').map((p) => p.number?.value)).toEqual(['+447700900123', '+447700900456']);
    expect(problems(r)).toEqual(['note: Mobile: Read as 2 phone numbers.']);
  });
});

describe('people, handles, places and items', () => {
  it('builds names, identifiers, roles and risk; the slot role or the default role when the row has none', () => {
    const H = ['Forename', 'Surname', 'Alias', 'Street name', 'PNC', 'UPN', 'Role', 'Risk'];
    const spec = { Forename: 'personA.givenName', Surname: 'personA.familyName', Alias: 'personA.alias', 'Street name': 'personA.streetName', PNC: 'personA.identifier|scheme=PNC', UPN: 'personA.identifier', Role: 'personA.role', Risk: 'personA.riskLevel' };
    const r = ok(row(H, spec, { Forename: 'darren', Surname: "o'neill", Alias: 'John SMYTHE', 'Street name': '"Dazza"', PNC: '89/123456X', UPN: 'A123', Role: 'Organiser', Risk: 'Red' }));
    const [p] = of(r, 'person');
    expect(p?.names.map((n) => [n.kind, n.full])).toEqual([
      ['legal', "Darren O'Neill"],
      ['alias', 'John Smythe'],
      ['street', 'Dazza'],
    ]);
    expect(p?.identifiers.map((i) => i.value)).toEqual([
      { scheme: 'PNC', value: '89/123456X' },
      { scheme: 'UPN', value: 'A123' },
    ]);
    expect(p?.roles.map((x) => x.value)).toEqual(['organiser']);
    expect(p?.riskLevel?.value).toBe('high');
    const byDefault = ok(row(['Name'], { Name: 'personA.fullName' }, { Name: 'Chloe Barker' }, { defaultRole: 'young-person-at-risk' }));
    expect(of(byDefault, 'person')[0]?.roles.map((x) => x.value)).toEqual(['young-person-at-risk']);
  });

  it('makes handles with their platform, e-mail addresses, and uses a platform column', () => {
    const H = ['Name', 'Snapchat', 'Email', 'Handle', 'Platform'];
    const r = ok(
      row(H, { Name: 'personA.fullName', Snapchat: 'phone.handle|platform=Snapchat', Email: 'phone.handle|platform=Email' }, { Name: 'Darren SMITH', Snapchat: '@dazza_99', Email: 'D.Smith@Example.org' }),
    );
    expect(of(r, 'phone').map((p) => [p.phoneType, p.platform, p.handle?.value])).toEqual([
      ['handle', 'Snapchat', 'dazza_99'],
      ['handle', 'Email', 'd.smith@example.org'],
    ]);
    const viaColumn = ok(row(H, { Name: 'personA.fullName', Handle: 'phone.handle', Platform: 'phone.platform' }, { Name: 'Darren SMITH', Handle: 'dazza.99', Platform: 'insta' }));
    expect(of(viaColumn, 'phone')[0]).toMatchObject({ platform: 'Instagram', handle: { value: 'dazza.99' } });
    expect(matchKeysOf(of(viaColumn, 'phone')[0] as Phone)).toEqual(['phone|handle:instagram:dazza.99']);
    const noPlatform = ok(row(H, { Name: 'personA.fullName', Handle: 'phone.handle' }, { Name: 'Darren SMITH', Handle: 'dazza.99' }));
    expect(of(noPlatform, 'phone')[0]?.platform).toBe('Unknown');
  });

  it('joins address columns in order: a bare house number joins the street', () => {
    const H = ['Town', 'Street', 'No', 'Postcode'];
    const m = mappingFor(H, { Street: 'address.line', No: 'address.line', Town: 'address.line', Postcode: 'address.postcode' });
    for (const c of m.columns) c.order = { No: 1, Street: 2, Town: 3 }[c.header] ?? 9;
    const r = ok(mapRow(m, H, ['Northtown', 'Mill Lane', '12', 'nt1 4ab'], 2, ctx()));
    const [a] = of(r, 'address');
    expect([a?.lines.value, a?.postcode?.value, a?.placeType]).toEqual([['12 Mill Lane', 'Northtown'], 'NT1 4AB', 'other']);
    expect(r.entities[0]?.keys).toEqual(['address|address:NT1 4AB|12']);
  });

  it('makes businesses and hot spots with their types and locations', () => {
    const H = ['Venue', 'Type', 'Licence', 'Place', 'Lat', 'Lng', 'Description'];
    const r = ok(
      row(
        H,
        { Venue: 'business.name', Type: 'business.type', Licence: 'business.licence|split', Place: 'hotspot.name', Lat: 'hotspot.lat', Lng: 'hotspot.lng', Description: 'hotspot.description' },
        { Venue: 'Star Kebabs', Type: 'Take away', Licence: 'LN/1; LN/2', Place: 'Bus station', Lat: '53.5', Lng: '-2.2', Description: 'Young people gather after school' },
      ),
    );
    const [b] = of(r, 'business') as Business[];
    expect([b?.name.value, b?.businessType, b?.licences.map((l) => l.value)]).toEqual(['Star Kebabs', 'takeaway', ['LN/1', 'LN/2']]);
    const [h] = of(r, 'hotspot') as Hotspot[];
    expect(h).toMatchObject({ name: { value: 'Bus station' }, hotspotType: 'other', description: 'Young people gather after school', location: { value: { lat: 53.5, lng: -2.2, precision: 'exact' } } });
    // No person in the row: the business and the hot spot are located at... no address either, so no links.
    expect(r.links).toEqual([]);
    const half = ok(row(H, { Place: 'hotspot.name', Lat: 'hotspot.lat', Lng: 'hotspot.lng' }, { Place: 'Park', Lat: '95' }));
    expect(problems(half)).toEqual(['dropped: Lat: Latitude given without longitude: the location needs both.']);
    const far = ok(row(H, { Place: 'hotspot.name', Lat: 'hotspot.lat', Lng: 'hotspot.lng' }, { Place: 'Park', Lat: '95', Lng: '1' }));
    expect(problems(far)).toEqual(['dropped: Lat: Latitude 95 is out of range (it must be between -90 and 90).']);
  });

  it('reads the item: reference, author, statement type, grading from separate columns', () => {
    const H = ['Name', 'Ref', 'Officer', 'Type', 'Source', 'Intel', 'Handling', 'Conditions', 'Summary', 'Detail'];
    const r = ok(
      row(
        H,
        { Name: 'personA.fullName', Ref: 'item.reference', Officer: 'item.author', Type: 'item.statementType', Source: 'item.sourceEvaluation', Intel: 'item.intelligenceAssessment', Handling: 'item.handlingCode', Conditions: 'item.handlingConditions', Summary: 'item.text', Detail: 'item.text' },
        { Name: 'Darren SMITH', Ref: 'IR/123', Officer: 'DC 1234 Jones', Type: 'Assessment', Source: '1', Intel: 'B', Handling: 'C', Conditions: 'A2 S2 not to be shared', Summary: 'Seen', Detail: 'with YP' },
        { defaultGrading: { scheme: 'ungraded' } },
      ),
    );
    expect(r.item).toMatchObject({
      reference: 'IR/123',
      author: 'DC 1234 Jones',
      statementType: 'assessment',
      grading: { scheme: '3x5x2', source: '1', intelligence: 'B', handling: 'C', conditions: 'A2 S2 not to be shared', actionCode: 'A2', sanitisation: 'S2' },
      text: 'Summary: Seen\nDetail: with YP',
    });
  });

  it('defaults the reference to "<file> (<sheet>) row <n>"', () => {
    const m = mappingFor(['Name'], { Name: 'personA.fullName' });
    const r = ok(mapRow(m, ['Name'], ['Darren SMITH'], 12, ctx({ fileName: 'school.xlsx', sheetName: 'Concerns' })));
    expect(r.item.reference).toBe('school.xlsx (Concerns) row 12');
    expect(r.item.text).toBe('Name: Darren SMITH');
    expect(r.item.origin).toEqual({ importId: 'imp-1', fileName: 'school.xlsx', row: 12 });
  });

  it('refuses an Excel serial that is a small number, not a date', () => {
    const r = ok(row(['Name', 'DOB'], { Name: 'personA.fullName', DOB: 'personA.dob' }, { Name: 'Darren SMITH', DOB: '15' }));
    expect(problems(r)).toEqual(['dropped: DOB: Date of birth: "15" is a small number, not a date (as an Excel date number it would be 1900-01-15).']);
  });
});

describe('merging within the file', () => {
  const H = ['Name', 'DOB', 'Mobile', 'VRM', 'Make', 'Sex'];
  const spec = { Name: 'personA.fullName', DOB: 'personA.dob|dmy', Mobile: 'phone.number', VRM: 'vehicle.registration', Make: 'vehicle.make', Sex: 'personA.sex' };
  const sheet = (rows: string[][]) => ({ headers: H, rows, rowNumbers: rows.map((_, i) => i + 2) });

  it('two people sharing a phone: one phone, two links; a disagreement is kept as a note', () => {
    const m = mappingFor(H, spec);
    const b = buildImport(
      sheet([
        ['Darren SMITH', '14/03/1989', '07700 900123', 'AB12 CDE', 'Vauxhall', 'M'],
        ['Kieran HOLT', '03/11/1992', '07700 900123', 'AB12CDE', 'Ford', ''],
        ['Darren SMITH', '14/03/1989', '', '', '', 'F'],
      ]),
      m,
      ctx(),
    );
    expect(b.counts).toMatchObject({ imported: 3, entities: 4, mergedInFile: 3, links: 4 });
    const phone = b.entities.find((e) => e.kind === 'phone');
    expect(b.links.filter((l) => l.to === phone?.id).map((l) => l.from)).toHaveLength(2);
    const car = b.entities.find((e): e is Vehicle => e.kind === 'vehicle');
    expect(car?.make?.value).toBe('Vauxhall');
    expect(car?.notes.map((n) => n.value)).toEqual(['Also recorded: make Ford']);
    const darren = b.entities.find((e): e is Person => e.kind === 'person' && e.names[0]?.full === 'Darren Smith');
    expect(darren?.sex.value).toBe('male');
    expect(darren?.notes.map((n) => n.value)).toEqual(['Also recorded: sex female']);
    expectAllValid(b);
  });

  it('does not merge people on a name alone: they become duplicate candidates for the review', () => {
    const m = mappingFor(H, spec);
    const b = buildImport(
      sheet([
        ['Darren SMITH', '14/03/1989', '', '', '', ''],
        ['Darren Smith', '', '', '', '', ''],
        ['Darren SMITH', '15/03/1989', '', '', '', ''],
      ]),
      m,
      ctx(),
    );
    expect(b.counts.entities).toBe(3);
    expect(b.candidates).toEqual([{ entityIds: b.entities.map((e) => e.id), reason: 'Same name "darren smith" with different or missing dates of birth.' }]);
  });

  it('gives stored entities the same keys as imported ones', () => {
    const stored: Person = {
      id: 'p-old',
      workspaceId: 'ws-1',
      kind: 'person',
      createdAt: '',
      updatedAt: '',
      notes: [],
      names: [{ kind: 'legal', given: 'Darren', family: 'Smith', full: 'Darren Smith', sources: ['i1'] }],
      dob: { value: '1989-03-14', sources: ['i1'] },
      sex: { value: 'male', sources: ['i1'] },
      ethnicity: { value: 'unknown', sources: ['i1'] },
      roles: [],
      identifiers: [],
    };
    const r = ok(mapRow(mappingFor(H, spec), H, ['SMITH, Darren', '14/03/1989', '', '', '', ''], 2, ctx()));
    expect(r.entities[0]?.keys).toEqual(matchKeysOf(stored));
  });
});

describe('two agencies about the same people', () => {
  it("the school's rows meet the police's records on exact identifiers only", async () => {
    const police = await sheetOf('police-nominals.csv');
    const school = (await parseFile('school-concerns.xlsx', fixture('school-concerns.xlsx'))).sheets[0];
    if (!school) throw new Error('no sheet');
    const pm = suggestMapping(police.headers, police.rows, { today: TODAY, settings: { agency: 'Northshire Police', agencyType: 'police', defaultGrading: G2CP } }).mapping;
    const sm = suggestMapping(school.headers, school.rows, { today: TODAY, settings: { agency: 'Kelbridge Academy', agencyType: 'education', defaultRole: 'young-person-at-risk' } }).mapping;
    sm.slots = sm.slots.map((s) => (s.id === 'personB' ? { ...s, role: 'associate' } : s));
    const pb = buildImport(police, pm, ctx({ importId: 'imp-police', fileName: 'police-nominals.csv' }));
    const sb = buildImport(school, sm, ctx({ importId: 'imp-school', fileName: 'school-concerns.xlsx', sheetName: 'Concerns' }));
    expect(sb.counts).toMatchObject({ rows: 4, imported: 4, quarantined: 0 });
    expectAllValid(sb);
    const policeKeys = new Map(pb.entities.flatMap((e) => matchKeysOf(e).map((k) => [k, e] as const)));
    const shared = sb.entities.flatMap((e) => matchKeysOf(e).filter((k) => policeKeys.has(k)));
    // Darren's car and phone, Kieran's car; the people themselves have no date of birth in the school's rows.
    expect(shared.sort()).toEqual(['phone|phone:+447700900123', 'vehicle|plate:AB12CDE', 'vehicle|plate:KX65LMN']);
    const adults = sb.entities.filter((e): e is Person => e.kind === 'person' && e.roles.some((r) => r.value === 'associate'));
    expect(adults.map((p) => p.names[0]?.full)).toEqual(['Darren Smith', 'Kieran Holt']);
    const pupils = sb.entities.filter((e): e is Person => e.kind === 'person' && e.roles.some((r) => r.value === 'young-person-at-risk'));
    expect(pupils.map((p) => [p.names[0]?.full, p.dob?.value])).toEqual([
      ['Chloe Barker', '2009-05-12'],
      ['Mia Hughes', '2008-11-03'],
      ['Jade Wilson', '2009-01-30'],
    ]);
    // Chloe's two rows are one pupil (same name and date of birth), citing both concerns.
    expect(pupils[0]?.names[0]?.sources).toHaveLength(2);
  });
});

describe('progress, cancel, re-import', () => {
  const H = ['Name', 'Mobile'];
  const m = mappingFor(H, { Name: 'personA.fullName', Mobile: 'phone.number' });
  const big = { headers: H, rows: Array.from({ length: 2500 }, (_, i) => [`Person ${i} SMITH`, `07700 900${String(i % 1000).padStart(3, '0')}`]), rowNumbers: Array.from({ length: 2500 }, (_, i) => i + 2) };

  it('reports progress every N rows and at the end', () => {
    const seen: number[] = [];
    const b = buildImport(big, m, { ...ctx(), progressEvery: 1000, onProgress: (p) => seen.push(p.done) });
    expect(seen).toEqual([1000, 2000, 2500]);
    expect(b.counts).toMatchObject({ rows: 2500, imported: 2500, entities: 3500 });
  });

  it('stops when cancelled and says so', () => {
    let calls = 0;
    const b = buildImport(big, m, { ...ctx(), shouldCancel: () => ++calls > 3 });
    expect(b.cancelled).toBe(true);
    expect(b.counts.imported).toBe(768);
  });

  it('runs in slices that let a worker hear "Cancel"', async () => {
    let cancel = false;
    setTimeout(() => (cancel = true), 0);
    const b = await buildImportAsync(big, m, { ...ctx(), yieldEvery: 500, shouldCancel: () => cancel });
    expect(b.cancelled).toBe(true);
    expect(b.counts.imported).toBe(500);
    const all = await buildImportAsync(big, m, { ...ctx(), yieldEvery: 500 });
    expect(all.cancelled).toBe(false);
    expect(all.counts.imported).toBe(2500);
  });

  it('imports a corrected quarantined row with the same mapping and row number', async () => {
    const sheet = await sheetOf('police-nominals.csv');
    const { mapping } = suggestMapping(sheet.headers, sheet.rows, { today: TODAY, settings: { agency: 'Northshire Police', agencyType: 'police' } });
    const first = buildImport(sheet, mapping, ctx());
    const q = first.quarantined[0];
    if (!q) throw new Error('nothing quarantined');
    const cells = [...q.cells];
    cells[0] = 'PRICE';
    cells[1] = 'Jordan';
    const again = buildImport({ headers: q.headers, rows: [cells], rowNumbers: [q.rowNumber] }, mapping, ctx());
    expect(again.counts).toMatchObject({ rows: 1, imported: 1, quarantined: 0 });
    expect(again.items[0]?.origin?.row).toBe(7);
  });

  it('makes light, unique ids by default', () => {
    const id = importIdFactory();
    const ids = Array.from({ length: 1000 }, () => id('p'));
    expect(new Set(ids).size).toBe(1000);
    expect(ids[0]).toMatch(/^p-[0-9a-z]{8,16}-0$/);
    expect(importIdFactory()('p')).not.toBe(ids[0]);
  });
});
