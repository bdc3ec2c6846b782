// @vitest-environment node
/** The mapping model: suggestions from headers and contents, default links, validation, templates. */
import { describe, expect, it } from 'vitest';
import {
  addSlot,
  applyTemplate,
  defaultLinkRules,
  emptyMapping,
  findTemplates,
  headerSignature,
  suggestMapping,
  toTemplate,
  validateMapping,
  type ImportMapping,
} from '../../src/import/mapping';
import { parseFile } from '../../src/import/parseFile';
import { fixture, TODAY } from './helpers';

const targets = (m: ImportMapping) => Object.fromEntries(m.columns.map((c) => [c.header, `${c.slot}.${c.field}`]));

describe('suggestMapping', () => {
  it('maps a police nominal export from its headers, with the usual links', async () => {
    const sheet = (await parseFile('police-nominals.csv', fixture('police-nominals.csv'))).sheets[0];
    if (!sheet) throw new Error('no sheet');
    const { mapping, columns } = suggestMapping(sheet.headers, sheet.rows, { today: TODAY, settings: { agency: 'Northshire Police', agencyType: 'police' } });
    expect(targets(mapping)).toEqual({
      Surname: 'personA.familyName',
      Forename: 'personA.givenName',
      DOB: 'personA.dob',
      Mobile: 'phone.number',
      VRM: 'vehicle.registration',
      'Address 1': 'address.line',
      Town: 'address.line',
      Postcode: 'address.postcode',
      Ref: 'item.reference',
      Date: 'item.dateOfIntelligence',
      Grading: 'item.grading',
    });
    expect(mapping.links).toEqual([
      { from: 'personA', to: 'phone', type: 'uses-phone' },
      { from: 'personA', to: 'vehicle', type: 'drives-vehicle' },
      { from: 'personA', to: 'address', type: 'lives-at' },
    ]);
    // The sample settles both date columns as day-first; the multi-number cell makes the phone column split.
    expect(mapping.columns.find((c) => c.header === 'DOB')?.dateOrder).toBe('dmy');
    expect(mapping.columns.find((c) => c.header === 'Date')?.dateOrder).toBe('dmy');
    expect(mapping.columns.find((c) => c.header === 'Mobile')?.split).toBe(true);
    expect(columns.find((c) => c.header === 'Surname')).toMatchObject({ confidence: 'high', reason: 'header "Surname"' });
    expect(mapping.settings).toMatchObject({ agency: 'Northshire Police', agencyType: 'police', defaultGrading: { scheme: 'ungraded' }, problemPolicy: 'keep-row' });
  });

  it("maps a school's spreadsheet: the pupil is person A, the associated adult person B with their own car and phone", async () => {
    const sheet = (await parseFile('school-concerns.xlsx', fixture('school-concerns.xlsx'))).sheets[0];
    if (!sheet) throw new Error('no sheet');
    const { mapping, columns } = suggestMapping(sheet.headers, sheet.rows, { today: TODAY });
    expect(targets(mapping)).toEqual({
      'Pupil Name': 'personA.fullName',
      'Date of Birth': 'personA.dob',
      'Pupil Mobile': 'phone.number',
      Concern: 'item.text',
      'Date of Concern': 'item.dateOfIntelligence',
      'Staff Member': 'item.author',
      'Associated Adult': 'personB.fullName',
      "Adult's Car": 'vehicle2.registration',
      "Adult's Mobile": 'phone2.number',
    });
    expect(mapping.slots.find((s) => s.id === 'vehicle2')).toMatchObject({ kind: 'vehicle', owner: 'personB', label: 'Vehicle of Person B' });
    expect(mapping.links).toEqual([
      { from: 'personA', to: 'personB', type: 'associate' },
      { from: 'personA', to: 'phone', type: 'uses-phone' },
      { from: 'personB', to: 'vehicle2', type: 'drives-vehicle' },
      { from: 'personB', to: 'phone2', type: 'uses-phone' },
    ]);
    // "Year Group" (10, 11) is not mistaken for Excel dates in January 1900.
    expect(columns.find((c) => c.header === 'Year Group')).toMatchObject({ confidence: 'low' });
    expect(columns.find((c) => c.header === 'Year Group')?.slot).toBeUndefined();
  });

  it('recognises the words analysts use', () => {
    const headers = ['D.O.B.', 'First name', 'Last name', 'AKA', 'Street name', 'Gender', 'Ethnicity', 'Tel No', 'Reg', 'Post code', 'House number', 'Street', 'Snapchat', 'E-mail', 'Source evaluation', 'Intelligence assessment', 'Handling code', 'Notes', 'PNC ID', 'Name (2)', 'Associate DOB', 'Risk level'];
    const { mapping } = suggestMapping(headers, [], { today: TODAY });
    const t = targets(mapping);
    expect(t).toMatchObject({
      'D.O.B.': 'personA.dob',
      'First name': 'personA.givenName',
      'Last name': 'personA.familyName',
      AKA: 'personA.alias',
      'Street name': 'personA.streetName',
      Gender: 'personA.sex',
      Ethnicity: 'personA.ethnicity',
      'Tel No': 'phone.number',
      Reg: 'vehicle.registration',
      'Post code': 'address.postcode',
      'House number': 'address.line',
      Street: 'address.line',
      Snapchat: 'phone.handle',
      'E-mail': 'phone.handle',
      'Source evaluation': 'item.sourceEvaluation',
      'Intelligence assessment': 'item.intelligenceAssessment',
      'Handling code': 'item.handlingCode',
      Notes: 'item.text',
      'PNC ID': 'personA.identifier',
      'Name (2)': 'personB.fullName',
      'Associate DOB': 'personB.dob',
      'Risk level': 'personA.riskLevel',
    });
    expect(mapping.columns.find((c) => c.header === 'Snapchat')?.platform).toBe('Snapchat');
    expect(mapping.columns.find((c) => c.header === 'E-mail')?.platform).toBe('Email');
    expect(mapping.columns.find((c) => c.header === 'PNC ID')?.scheme).toBe('PNC');
  });

  it('reads unlabelled columns by their contents', () => {
    const headers = ['A', 'B', 'C', 'D', 'E', 'F'];
    const rows = [
      ['07700 900123', 'NT1 4AB', 'AB12 CDE', 'd.smith@example.org', '14/03/1989', 'hello'],
      ['07700 900456', 'NT2 7HD', 'KX65 LMN', 'k.holt@example.org', '03/11/1992', 'world'],
      ['07700900789', 'NT3 9QZ', 'YY11ZZZ', 'i.akhtar@example.org', '21/07/1985', ''],
    ];
    const { mapping, columns } = suggestMapping(headers, rows, { today: TODAY });
    expect(targets(mapping)).toEqual({ A: 'phone.number', B: 'address.postcode', C: 'vehicle.registration', D: 'phone.handle', E: 'personA.dob' });
    expect(columns.find((c) => c.header === 'A')?.reason).toBe('3 of 3 values are phone numbers');
    expect(columns.find((c) => c.header === 'F')?.reason).toBe("neither the header nor the values say what this column holds: left unmapped (its values go into the item's text)");
  });

  it('tells a phone column from house numbers when the header is just "Number"', () => {
    const phones = suggestMapping(['Number'], [['07700 900123'], ['07700 900456']]);
    expect(targets(phones.mapping)).toEqual({ Number: 'phone.number' });
    const houses = suggestMapping(['Number', 'Street'], [['12', 'Mill Lane'], ['40A', 'Canal Street']]);
    expect(targets(houses.mapping)).toEqual({ Number: 'address.line', Street: 'address.line' });
  });

  it('leaves a date column ambiguous for the wizard to ask', () => {
    const { mapping, columns } = suggestMapping(['Date', 'Name'], [['01/02/2024', 'x'], ['03/04/2024', 'y']], { today: TODAY });
    expect(mapping.columns[0]?.dateOrder).toBeUndefined();
    expect(columns[0]?.dates).toMatchObject({ ambiguous: true, suggested: 'dmy' });
  });
});

describe('defaultLinkRules and addSlot', () => {
  it('links things to their owner, and a business to its address when no person is mapped', () => {
    let m = emptyMapping();
    m.columns = [
      { column: 0, header: 'Business', slot: 'business', field: 'name' },
      { column: 1, header: 'Address', slot: 'address', field: 'line' },
    ];
    expect(defaultLinkRules(m)).toEqual([{ from: 'business', to: 'address', type: 'located-at' }]);
    const added = addSlot(m, 'phone', 'personB');
    m = added.mapping;
    expect(added.slot).toEqual({ id: 'phone2', kind: 'phone', label: 'Phone / handle of Person B', owner: 'personB' });
    m.columns.push({ column: 2, header: 'Associate', slot: 'personB', field: 'fullName' }, { column: 3, header: 'Mobile', slot: 'phone2', field: 'number' });
    expect(defaultLinkRules(m)).toEqual([
      { from: 'personB', to: 'address', type: 'lives-at' },
      { from: 'personB', to: 'business', type: 'works-at' },
      { from: 'personB', to: 'phone2', type: 'uses-phone' },
    ]);
  });
});

describe('validateMapping', () => {
  const headers = ['Name', 'Date', 'Mobile'];
  const rows = [
    ['Darren SMITH', '01/02/2024', '07700 900123'],
    ['Kieran HOLT', '03/04/2024', '07700 900456'],
  ];
  const base = (): ImportMapping => {
    const m = emptyMapping({ agency: 'Northshire Police', agencyType: 'police' });
    m.columns = [
      { column: 0, header: 'Name', slot: 'personA', field: 'fullName' },
      { column: 1, header: 'Date', slot: 'item', field: 'dateOfIntelligence' },
      { column: 2, header: 'Mobile', slot: 'phone', field: 'number' },
    ];
    m.links = defaultLinkRules(m);
    return m;
  };

  it('asks for the order of an ambiguous date column, with examples', () => {
    const issues = validateMapping(base(), headers, rows);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ level: 'error', column: 1, message: 'Column "Date" has dates such as 01/02/2024 that could be day-first or month-first: choose which.' });
    expect(issues[0]?.dates?.examples.ambiguous).toEqual(['01/02/2024', '03/04/2024']);
    const m = base();
    const date = m.columns[1];
    if (date) date.dateOrder = 'dmy';
    expect(validateMapping(m, headers, rows)).toEqual([]);
  });

  it('reports a missing agency, unknown slots and fields, bad columns and bad link rules', () => {
    const m = base();
    m.settings.agency = ' ';
    m.settings.defaultGrading = { scheme: '3x5x2', source: '2', intelligence: 'B', handling: 'X' as 'P' };
    m.columns.push({ column: 7, header: 'Gone', slot: 'personA', field: 'nickname' }, { column: 0, header: 'Name', slot: 'ghost', field: 'x' }, { column: 2, header: 'Mobile', slot: 'phone', field: 'colour' });
    m.links.push({ from: 'personA', to: 'personA', type: 'associate' }, { from: 'personA', to: 'item', type: 'associate' });
    const messages = validateMapping(m, headers, rows.map((r) => [r[0] ?? '', '13/02/2024', r[2] ?? ''])).map((i) => `${i.level}: ${i.message}`);
    expect(messages).toEqual([
      'error: Say which agency the file came from.',
      'error: Default grading: Handling code must be P or C.',
      'error: Column "Gone" is not in this sheet.',
      'error: Column "Name" is mapped to a slot that does not exist ("ghost").',
      'error: Column "Mobile": Phone / handle has no field "colour".',
      'error: A link rule joins Person A to itself.',
      'error: Links join entities, not the intelligence item.',
    ]);
  });

  it('needs something to import, and warns about handles without a platform and repeated single fields', () => {
    const m = emptyMapping({ agency: 'Kelbridge Academy' });
    expect(validateMapping(m, headers).map((i) => i.message)).toEqual(['Map at least one column to a person, phone, vehicle, address, business or hot spot.']);
    m.columns = [
      { column: 0, header: 'Name', slot: 'phone', field: 'handle' },
      { column: 1, header: 'Date', slot: 'item', field: 'dateRecorded', dateOrder: 'dmy' },
      { column: 2, header: 'Mobile', slot: 'item', field: 'dateRecorded', split: true },
    ];
    expect(validateMapping(m, headers).map((i) => `${i.level}: ${i.message}`)).toEqual([
      'warning: Column "Mobile" and "Date" both give Intelligence item\'s date recorded: the first non-empty one is used.',
      'warning: Column "Mobile": Date recorded takes one value, so only the first of several values is used.',
      'warning: Phone / handle: handles have no platform (name it on the column, or map a platform column); they will be recorded with platform "Unknown".',
    ]);
  });
});

describe('templates', () => {
  it('signs headers regardless of order, case and punctuation', () => {
    const a = headerSignature(['Surname', 'Forename', 'D.O.B']);
    expect(a).toMatch(/^h1-3-[0-9a-f]{16}$/);
    expect(headerSignature(['forename', 'DOB', 'SURNAME'])).toBe(a);
    expect(headerSignature(['Surname', 'Forename'])).not.toBe(a);
    expect(headerSignature(['Surname', 'Forename', 'Mobile'])).not.toBe(a);
  });

  it('offers saved templates for the same headers first, then close ones, and re-points columns by header', () => {
    const headers = ['Surname', 'Forename', 'DOB', 'Mobile'];
    const { mapping } = suggestMapping(headers, [], { settings: { agency: 'Northshire Police', agencyType: 'police' } });
    const t = toTemplate('tpl-1', 'Northshire nominals', mapping, headers);
    expect(t).toMatchObject({ id: 'tpl-1', name: 'Northshire nominals', agency: 'Northshire Police', signature: headerSignature(headers), headers });
    const other = toTemplate('tpl-2', 'Schools', suggestMapping(['Pupil Name', 'Concern'], []).mapping, ['Pupil Name', 'Concern']);

    const same = findTemplates([other, t], ['MOBILE', 'dob', 'forename', 'surname']);
    expect(same.map((m) => [m.template.id, m.exact, m.coverage])).toEqual([['tpl-1', true, 1]]);
    const reordered = applyTemplate(t, ['Mobile', 'DOB', 'Surname', 'Forename']);
    expect(reordered.missing).toEqual([]);
    expect(reordered.mapping.columns.map((c) => [c.header, c.column, `${c.slot}.${c.field}`])).toEqual([
      ['Surname', 2, 'personA.familyName'],
      ['Forename', 3, 'personA.givenName'],
      ['DOB', 1, 'personA.dob'],
      ['Mobile', 0, 'phone.number'],
    ]);

    // A later export of the same system, one column dropped and one added.
    const close = findTemplates([t], ['Surname', 'Forename', 'DOB', 'Email']);
    expect(close[0]).toMatchObject({ exact: false, coverage: 0.75, missing: ['Mobile'], extra: ['Email'] });
    expect(applyTemplate(t, ['Surname', 'Forename', 'DOB', 'Email']).missing).toEqual(['Mobile']);
    expect(findTemplates([t], ['Ref', 'Text'])).toEqual([]);
  });
});
