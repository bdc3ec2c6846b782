// @vitest-environment node
/** Dates in mixed formats, and the words and codes agencies use (sex, ethnicity, roles, grading, phones). */
import { describe, expect, it } from 'vitest';
import { normalisePhone, normalisePlate } from '../../src/domain/normalise';
import { analyseDateColumn, excelSerialToIso, parseDateCell } from '../../src/import/dates';
import {
  isEmptyMarker,
  platformName,
  readAge,
  readCoordinate,
  readEthnicity,
  readGrading,
  readHandle,
  readPhone,
  readPlaceType,
  readPlate,
  readRisk,
  readRole,
  readSex,
  splitPhones,
  splitValues,
} from '../../src/import/values';

const TODAY = '2025-06-01';
const ok = (raw: string, order?: 'dmy' | 'mdy') => {
  const r = parseDateCell(raw, { today: TODAY, ...(order ? { order } : {}) });
  if (!r.ok) throw new Error(`${raw}: ${r.message}`);
  return r.value;
};
const why = (raw: string, order?: 'dmy' | 'mdy') => {
  const r = parseDateCell(raw, { today: TODAY, ...(order ? { order } : {}) });
  if (r.ok) throw new Error(`${raw} was read as ${r.value}`);
  return r.message;
};

describe('dates', () => {
  it('reads the formats partner systems write', () => {
    for (const v of ['31/01/2024', '31-01-2024', '31.1.2024', '31/1/24', '2024-01-31', '2024/01/31', '20240131', '31-Jan-24', '31 Jan 2024', '31 January 2024', '31st January 2024', 'Wed 31 Jan 2024', 'January 31, 2024', 'Jan 31 2024', '45322'])
      expect(ok(v), v).toBe('2024-01-31');
  });

  it('reads a time after the date, and ISO timestamps as the date written (no time-zone shift)', () => {
    expect(parseDateCell('31/01/2024 13:45', { today: TODAY })).toEqual({ ok: true, value: '2024-01-31', time: '13:45' });
    expect(parseDateCell('2024-07-31T23:20:00+00:00', { today: TODAY })).toEqual({ ok: true, value: '2024-07-31', time: '23:20' });
    expect(parseDateCell('12/31/2024 1:05 pm', { today: TODAY })).toEqual({ ok: true, value: '2024-12-31', time: '13:05' });
    expect(parseDateCell('45322.75', { today: TODAY })).toEqual({ ok: true, value: '2024-01-31', time: '18:00', serial: true });
  });

  it("reads Excel serial numbers with Excel's fictional 29 February 1900", () => {
    expect(excelSerialToIso(1)).toBe('1900-01-01');
    expect(excelSerialToIso(59)).toBe('1900-02-28');
    expect(excelSerialToIso(60)).toBeNull();
    expect(excelSerialToIso(61)).toBe('1900-03-01');
    expect(excelSerialToIso(36526)).toBe('2000-01-01');
    expect(excelSerialToIso(45322)).toBe('2024-01-31');
    expect(excelSerialToIso(60000)).toBe('2064-04-08');
    expect(excelSerialToIso(60001)).toBeNull();
    expect(excelSerialToIso(0)).toBeNull();
    expect(why('60')).toBe('"60" is Excel\'s serial number for 29 February 1900, a day that did not exist.');
  });

  it('pivots two-digit years on today', () => {
    expect(ok('31/01/25')).toBe('2025-01-31');
    expect(ok('31/01/26')).toBe('1926-01-31');
    expect(ok('14-Mar-89')).toBe('1989-03-14');
  });

  it('never guesses 01/02/2024: ambiguous without an order, read with one', () => {
    const r = parseDateCell('01/02/2024', { today: TODAY });
    expect(r).toEqual({
      ok: false,
      ambiguous: true,
      message: '"01/02/2024" could be 1 February 2024 or 2 January 2024: choose whether this column writes the day or the month first.',
    });
    expect(ok('01/02/2024', 'dmy')).toBe('2024-02-01');
    expect(ok('01/02/2024', 'mdy')).toBe('2024-01-02');
    // Values that can only be read one way need no order; equal day and month neither.
    expect(ok('13/02/2024')).toBe('2024-02-13');
    expect(ok('02/13/2024')).toBe('2024-02-13');
    expect(ok('02/02/2024')).toBe('2024-02-02');
  });

  it('says why a value is not a date', () => {
    expect(why('32/01/2024')).toBe('"32/01/2024" is not a real date: there is no day 32 in a month.');
    expect(why('29/02/2023')).toBe('"29/02/2023" is not a real date: February 2023 has 28 days.');
    expect(why('13/13/2024')).toBe('"13/13/2024" is not a real date: neither 13 nor 13 can be a month.');
    expect(why('2024-13-01')).toBe('"2024-13-01" is not a real date: there is no month 13.');
    expect(why('2024')).toBe('"2024" is only a year: give the full date (use a date such as 31/01/2024, 2024-01-31 or 31-Jan-2024).');
    expect(why('Jan 2024')).toBe('"Jan 2024" gives only a month: give the full date (use a date such as 31/01/2024, 2024-01-31 or 31-Jan-2024).');
    expect(why('31 Foo 2024')).toBe('"31 Foo 2024" is not a date we can read: "Foo" is not a month.');
    expect(why('last Tuesday')).toBe('"last Tuesday" is not a date we can read (use a date such as 31/01/2024, 2024-01-31 or 31-Jan-2024).');
    expect(why('31/01/2024 25:00')).toBe('"31/01/2024 25:00" has a time that is not a real time of day.');
    expect(why('70000')).toBe('"70000" is a number, not a date (use a date such as 31/01/2024, 2024-01-31 or 31-Jan-2024).');
    expect(why('')).toBe('No date was given.');
  });

  it('analyses a column: settled by unambiguous values, asks when it cannot tell or values disagree', () => {
    const settled = analyseDateColumn(['01/02/2024', '13/02/2024', '2024-03-01', 'x']);
    expect(settled).toMatchObject({ ambiguous: false, order: 'dmy', conflicting: false, values: 4, dates: 3 });
    expect(settled.examples.dayFirst).toEqual(['13/02/2024']);
    expect(settled.examples.unreadable[0]?.value).toBe('x');
    const us = analyseDateColumn(['01/02/2024', '12/31/2024']);
    expect(us).toMatchObject({ ambiguous: false, order: 'mdy' });
    const ask = analyseDateColumn(['01/02/2024', '03/04/2024', '', '2024-01-01']);
    expect(ask).toMatchObject({ ambiguous: true, suggested: 'dmy', conflicting: false });
    expect(ask.order).toBeUndefined();
    expect(ask.examples.ambiguous).toEqual(['01/02/2024', '03/04/2024']);
    const mixed = analyseDateColumn(['13/01/2024', '01/13/2024', '05/06/2024']);
    expect(mixed).toMatchObject({ ambiguous: true, conflicting: true });
    expect(analyseDateColumn(['2024-01-31', '31-Jan-24', '45322'])).toMatchObject({ ambiguous: false, dates: 3, serials: 1, smallSerials: 0 });
    expect(analyseDateColumn(['10', '11', '10'])).toMatchObject({ dates: 3, serials: 3, smallSerials: 3 });
  });
});

describe('phones', () => {
  it('reads UK numbers to E.164, quickly, exactly as normalisePhone does', () => {
    const samples: string[] = [];
    for (let i = 0; i < 400; i++) {
      const n = String(900000 + ((i * 7919) % 1000)).padStart(6, '0');
      const prefixes = ['07700 ', '07700-', '+44 7700 ', '0044 7700 ', '(07700) ', '01632 ', '020 7946 ', '0161 496 ', '0300 ', '+447700'];
      samples.push(`${prefixes[i % prefixes.length]}${prefixes[i % prefixes.length]?.startsWith('020') || prefixes[i % prefixes.length]?.startsWith('0161') ? n.slice(2) : n}`);
    }
    for (const s of samples) {
      const slow = normalisePhone(s);
      const fast = readPhone(s);
      expect(fast.ok, s).toBe(slow.ok);
      if (fast.ok && slow.ok) expect(fast.e164, s).toBe(slow.e164);
    }
    expect(readPhone('07700 900123')).toEqual({ ok: true, e164: '+447700900123' });
    expect(readPhone('7700900123')).toEqual({ ok: true, e164: '+447700900123' });
    expect(readPhone('+44 (0)7700 900123')).toEqual({ ok: true, e164: '+447700900123' });
    expect(readPhone('+33 6 12 34 56 78')).toEqual({ ok: true, e164: '+33612345678' });
  });

  it('reads plates quickly, exactly as normalisePlate does', () => {
    const samples = ['AB12 CDE', 'ab12cde', ' KX65 LMN ', 'A123 BCD', 'ABC 123D', '1234 AB', 'ABZ 1234', 'car 4XY', 'ends 4XY', 'plate ends in 4XY', 'AB12 C?E', 'AB12*', 'Reg: AB12 CDE', 'AB12 CDE!', 'AB 12 CD E FGH', 'AB1234567', '12', 'AB12  CDE', 'the 4XY'];
    for (let i = 0; i < 300; i++) samples.push(`${String.fromCharCode(65 + (i % 26))}${i % 3 ? String.fromCharCode(66 + (i % 20)) : ''}${i % 100}${i % 2 ? ' ' : ''}${String.fromCharCode(67 + (i % 20)).repeat(1 + (i % 4))}`);
    for (const s of samples) expect(readPlate(s), s).toEqual(normalisePlate(s));
  });

  it('refuses what is not a phone number, with the reason', () => {
    expect(readPhone('07700 9001')).toEqual({ ok: false, message: '"07700 9001" is not a phone number: too few digits for a UK number.' });
    expect(readPhone('no phone')).toEqual({ ok: false, message: '"no phone" is not a phone number: it contains "n" (use digits, spaces and an optional leading +).' });
    expect(readPhone('077009001234')).toEqual({ ok: false, message: '"077009001234" is not a phone number: too many digits for a UK number.' });
  });

  it('splits cells holding several numbers', () => {
    expect(splitPhones('07700 900123; 07700 900456')).toEqual(['07700 900123', '07700 900456']);
    expect(splitPhones('07700 900123 / 07700 900456 or 07700900789')).toEqual(['07700 900123', '07700 900456', '07700900789']);
    expect(splitValues('Dazza / D-Man; Daz\nDarren')).toEqual(['Dazza', 'D-Man', 'Daz', 'Darren']);
  });

  it('reads handles and e-mail addresses, and names platforms', () => {
    expect(readHandle('@dazza_99', 'Snapchat')).toEqual({ ok: true, value: 'dazza_99' });
    expect(readHandle('Dazza 99', 'Snapchat')).toEqual({ ok: false, message: '"Dazza 99" is not a Snapchat handle: a handle has no spaces.' });
    expect(readHandle('D.Smith@Example.org', 'Email')).toEqual({ ok: true, value: 'd.smith@example.org' });
    expect(readHandle('d.smith at example', 'Email')).toEqual({ ok: false, message: '"d.smith at example" is not an e-mail address.' });
    expect(platformName('snap')).toBe('Snapchat');
    expect(platformName('Insta handle')).toBe('Instagram');
    expect(platformName('E-mail')).toBe('Email');
    expect(platformName('Surname')).toBeNull();
  });
});

describe('words and codes', () => {
  it('treats N/A, NULL, -, none, unknown... as no value', () => {
    for (const v of ['', '  ', 'N/A', 'n/a', 'NULL', '-', 'None', 'unknown', 'Not known', 'TBC', '#N/A', 'no phone']) expect(isEmptyMarker(v), v).toBe(true);
    for (const v of ['0', 'Nancy', 'NA1 1AA', 'a very long value that is not a marker']) expect(isEmptyMarker(v), v).toBe(false);
  });

  it('reads sex', () => {
    expect(readSex('F')).toEqual({ ok: true, value: 'female' });
    expect(readSex('Male')).toEqual({ ok: true, value: 'male' });
    expect(readSex('non-binary')).toEqual({ ok: true, value: 'other' });
    expect(readSex('Not stated')).toEqual({ ok: true, value: 'unknown' });
    expect(readSex('Q')).toEqual({ ok: false, message: '"Q" is not a sex Linkwall knows (use Female, Male, Other or Unknown).' });
  });

  it('reads ethnicity from ONS labels, 18+1 codes, IC codes and plain words', () => {
    expect(readEthnicity('W1')).toEqual({ ok: true, value: 'white-british' });
    expect(readEthnicity('A2')).toEqual({ ok: true, value: 'asian-pakistani' });
    expect(readEthnicity('Mixed: White and Black Caribbean')).toEqual({ ok: true, value: 'mixed-white-black-caribbean' });
    expect(readEthnicity('White - English/Welsh/Scottish/Northern Irish/British')).toEqual({ ok: true, value: 'white-british' });
    expect(readEthnicity('Black/African/Caribbean/Black British - Caribbean')).toEqual({ ok: true, value: 'black-caribbean' });
    expect(readEthnicity('Other ethnic group - Not stated')).toEqual({ ok: true, value: 'not-stated' });
    expect(readEthnicity('IC3')).toEqual({ ok: true, value: 'black-other', note: '"IC3" is an officer-observed code: recorded as Black: other.' });
    expect(readEthnicity('White')).toEqual({ ok: true, value: 'white-other', note: '"White" names no subgroup: recorded as White: other.' });
    expect(readEthnicity('Martian')).toEqual({
      ok: false,
      message: '"Martian" is not an ethnicity Linkwall recognises (use an ONS group such as "White: British" or a code such as W1).',
    });
  });

  it('reads roles, risk, place types, ages and coordinates', () => {
    expect(readRole('Victim')).toEqual({ ok: true, value: 'young-person-at-risk' });
    expect(readRole('Young person at risk')).toEqual({ ok: true, value: 'young-person-at-risk' });
    expect(readRole('Suspect').ok).toBe(false);
    expect(readRisk('Amber')).toEqual({ ok: true, value: 'medium' });
    expect(readRisk('High risk')).toEqual({ ok: true, value: 'high' });
    expect(readRisk('extreme')).toEqual({ ok: false, message: '"extreme" is not a risk level (use High, Medium, Low or Unknown).' });
    expect(readPlaceType('B&B')).toEqual({ ok: true, value: 'b-and-b' });
    expect(readPlaceType('Igloo')).toEqual({ ok: true, value: 'other', note: '"Igloo" is not a place type Linkwall knows: recorded as "Other".' });
    expect(readAge('approx 15 years')).toEqual({ ok: true, value: 15 });
    expect(readAge('14-15')).toEqual({ ok: false, message: '"14-15" is an age range: give one age in whole years.' });
    expect(readAge('teen')).toEqual({ ok: false, message: '"teen" is not an age in whole years.' });
    expect(readCoordinate('51.5', 'lat')).toEqual({ ok: true, value: 51.5 });
    expect(readCoordinate('91', 'lat')).toEqual({ ok: false, message: 'Latitude 91 is out of range (it must be between -90 and 90).' });
    expect(readCoordinate('west', 'lng')).toEqual({ ok: false, message: '"west" is not a longitude in decimal degrees.' });
  });
});

describe('grading', () => {
  const ungraded = { scheme: 'ungraded' } as const;
  const g2bp = { scheme: '3x5x2', source: '2', intelligence: 'B', handling: 'P' } as const;

  it('reads 3x5x2 and 5x5x5 codes as written, never converting', () => {
    expect(readGrading({ code: '2B P' }, ungraded)).toEqual({ ok: true, value: g2bp });
    expect(readGrading({ code: '2-b-p' }, ungraded)).toEqual({ ok: true, value: g2bp });
    expect(readGrading({ code: '3x5x2: 1AP' }, ungraded)).toEqual({ ok: true, value: { scheme: '3x5x2', source: '1', intelligence: 'A', handling: 'P' } });
    expect(readGrading({ code: 'B2 4' }, ungraded)).toEqual({ ok: true, value: { scheme: '5x5x5', source: 'B', intelligence: '2', handling: '4' } });
    expect(readGrading({ code: '1A C (A2 S2)' }, ungraded)).toEqual({
      ok: true,
      value: { scheme: '3x5x2', source: '1', intelligence: 'A', handling: 'C', conditions: 'A2 S2', actionCode: 'A2', sanitisation: 'S2' },
    });
    expect(readGrading({ code: 'Ungraded' }, g2bp)).toEqual({ ok: true, value: ungraded });
  });

  it('uses the default when the cells are blank, and completes it from separate columns', () => {
    expect(readGrading({}, g2bp)).toEqual({ ok: true, value: g2bp });
    expect(readGrading({ code: '' }, g2bp)).toEqual({ ok: true, value: g2bp });
    expect(readGrading({ handling: 'C', conditions: 'A1: not to be shared with the suspect' }, g2bp)).toEqual({
      ok: true,
      value: { scheme: '3x5x2', source: '2', intelligence: 'B', handling: 'C', conditions: 'A1: not to be shared with the suspect', actionCode: 'A1' },
    });
    expect(readGrading({ source: 'Reliable', intelligence: 'Known directly', handling: 'P' }, ungraded)).toEqual({
      ok: true,
      value: { scheme: '3x5x2', source: '1', intelligence: 'A', handling: 'P' },
    });
    expect(readGrading({ source: 'C', intelligence: '3', handling: '1' }, ungraded)).toEqual({ ok: true, value: { scheme: '5x5x5', source: 'C', intelligence: '3', handling: '1' } });
  });

  it('refuses codes it cannot read, saying what is wrong', () => {
    const no = (cells: Parameters<typeof readGrading>[0], fallback: Parameters<typeof readGrading>[1] = ungraded) => {
      const r = readGrading(cells, fallback);
      if (r.ok) throw new Error(`read as ${JSON.stringify(r.value)}`);
      return r.message;
    };
    expect(no({ code: '2B X' })).toBe('Grading "2B X" cannot be read: the 3x5x2 handling code must be P or C.');
    expect(no({ code: 'B2 9' })).toBe('Grading "B2 9" cannot be read: the 5x5x5 handling code must be 1 to 5.');
    expect(no({ code: '2B' })).toBe('Grading "2B" cannot be read: it has no handling code.');
    expect(no({ code: 'good' })).toBe('Grading "good" cannot be read: expected a 3x5x2 code such as "2B P" or a 5x5x5 code such as "B2 4".');
    expect(no({ source: '4', intelligence: 'A', handling: 'P' })).toBe('Source evaluation "4" must be A to E (5x5x5).');
    expect(no({ source: '2', intelligence: 'B' })).toBe('Grading "2 B" has no handling code (P or C).');
    expect(no({ code: '2B P', conditions: 'A2' })).toBe('Handling conditions "A2" only apply to handling code C, but the code is P.');
    expect(no({ scheme: '4x4', code: '2B P' })).toBe('Grading scheme "4x4" is not one Linkwall knows (3x5x2, 5x5x5 or ungraded).');
  });
});
