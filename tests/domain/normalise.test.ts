// @vitest-environment node
/** What users rely on when they type phones, plates, postcodes, names and dates. */
import { describe, expect, it } from 'vitest';
import {
  ageOn,
  foldText,
  isIsoDate,
  isOutcode,
  normaliseDate,
  normaliseOutcode,
  normalisePhone,
  normalisePlate,
  normalisePostcode,
  parsePersonName,
  phoneQueryDigits,
  phoneSearchKeys,
  plateMatches,
  plateSearchKey,
  ukPlateFormat,
} from '../../src/domain/normalise';

describe('normalisePhone', () => {
  it.each(['07700 900123', '+44 7700 900123', '(07700) 900-123', '447700900123', '0044 7700 900123', '+44 (0)7700 900123', '07700900123'])(
    'reads %s as +447700900123',
    (raw) => {
      expect(normalisePhone(raw)).toEqual({ ok: true, e164: '+447700900123', national: '07700 900123' });
    },
  );

  it('reads UK landlines and keeps foreign numbers with their country code', () => {
    expect(normalisePhone('0113 496 0000')).toMatchObject({ ok: true, e164: '+441134960000', national: '0113 496 0000' });
    expect(normalisePhone('+33 6 12 34 56 78')).toMatchObject({ ok: true, e164: '+33612345678' });
  });

  it('says in plain words why a number is wrong', () => {
    expect(normalisePhone('12345')).toEqual({
      ok: false,
      message: '"12345" is not a phone number: too few digits for a UK number.',
    });
    const long = normalisePhone('077009001234');
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.message).toMatch(/^"077009001234" is not a phone number: too many digits/);
    const short = normalisePhone('0770090012');
    expect(short.ok).toBe(false);
    if (!short.ok) expect(short.message).toContain('too few digits for a UK mobile');
    const letters = normalisePhone('07700 9OO123');
    expect(letters.ok).toBe(false);
    if (!letters.ok) expect(letters.message).toContain('contains "O"');
    expect(normalisePhone('   ').ok).toBe(false);
  });
});

describe('phone search', () => {
  it('offers the digit strings people type', () => {
    expect(phoneSearchKeys('+447700900123')).toEqual(['447700900123', '07700900123', '7700900123']);
  });

  it.each([
    ['07700 900', true],
    ['+44 7700 900123', true],
    ['0044 7700 900', true],
    ['+44 (0)7700 900', true],
    ['447700', true],
    ['900 123', true],
    ['07700 900124', false],
    ['01632', false],
  ])('query %s matches +447700900123: %s', (q, expected) => {
    const digits = phoneQueryDigits(q);
    expect(digits).not.toBeNull();
    const keys = phoneSearchKeys('+447700900123');
    expect(keys.some((k) => k.includes(digits ?? '#'))).toBe(expected);
  });

  it('does not treat words or short numbers as phone queries', () => {
    expect(phoneQueryDigits('Dazza')).toBeNull();
    expect(phoneQueryDigits('123')).toBeNull();
    expect(phoneQueryDigits('AB12 CDE')).toBeNull();
    expect(phoneQueryDigits('')).toBeNull();
  });
});

describe('normalisePlate', () => {
  it.each([
    ['ab12 cde', 'AB12CDE'],
    ['AB12-CDE', 'AB12CDE'],
    [' a123 bcd ', 'A123BCD'],
    ['ABC 123D', 'ABC123D'],
    ['ABZ 1234', 'ABZ1234'],
    ['Reg: AB12 CDE', 'AB12CDE'],
  ])('full plate %s -> %s', (raw, value) => {
    expect(normalisePlate(raw)).toEqual({ ok: true, value, partial: false });
  });

  it.each([
    ['ends 4XY', '*4XY'],
    ['plate ends in 4XY', '*4XY'],
    ['the plate ends with 4 XY', '*4XY'],
    ['*4XY', '*4XY'],
    ['AB12 ???', 'AB12???'],
    ['starts AB12', 'AB12*'],
    ['a?12 cde', 'A?12CDE'],
    ['** 4xy', '*4XY'],
  ])('partial plate %s -> %s', (raw, value) => {
    expect(normalisePlate(raw)).toEqual({ ok: true, value, partial: true });
  });

  it('accepts personalised and foreign plates that follow no UK format, as full plates', () => {
    expect(normalisePlate('B 33 NNN')).toEqual({ ok: true, value: 'B33NNN', partial: false });
    expect(normalisePlate('WOB 7GH 2')).toEqual({ ok: true, value: 'WOB7GH2', partial: false });
    expect(ukPlateFormat('WOB7GH2')).toBeNull();
  });

  it('rejects what cannot be a plate, saying why', () => {
    const empty = normalisePlate('  ');
    expect(empty).toEqual({ ok: false, message: 'No registration was given.' });
    const bad = normalisePlate('AB12 C£E');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toBe('"AB12 C£E" is not a registration: it contains "£". Use letters and digits, with "?" for an unknown character and "*" for an unknown run.');
    const long = normalisePlate('ABCD 12345');
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.message).toContain('has 9 characters and a plate has at most 8');
    expect(normalisePlate('???').ok).toBe(false);
    expect(normalisePlate('ends').ok).toBe(false);
  });

  it('recognises UK formats', () => {
    expect(ukPlateFormat('AB12CDE')).toBe('current');
    expect(ukPlateFormat('A123BCD')).toBe('prefix');
    expect(ukPlateFormat('ABC123D')).toBe('suffix');
    expect(ukPlateFormat('ABZ1234')).toBe('northern-ireland');
    expect(ukPlateFormat('IA 12'.replace(' ', ''))).toBe('northern-ireland');
    expect(ukPlateFormat('ABC123')).toBe('dateless');
    expect(ukPlateFormat('1234AB')).toBe('dateless');
    expect(ukPlateFormat('*4XY')).toBeNull();
  });

  it('search keys and wildcard matching find the full plate from a partial one', () => {
    expect(plateSearchKey('*4XY')).toBe('4XY');
    expect(plateSearchKey('AB12???')).toBe('AB12');
    expect(plateSearchKey('AB12CDE')).toBe('AB12CDE');
    expect('LR14XY'.includes(plateSearchKey('*4XY'))).toBe(true);
    expect(plateMatches('*4XY', 'LR64XY')).toBe(true);
    expect(plateMatches('AB12???', 'AB12CDE')).toBe(true);
    expect(plateMatches('AB12???', 'AB12CD')).toBe(false);
    expect(plateMatches('A?12CDE', 'AB12CDE')).toBe(true);
    expect(plateMatches('*4XY', 'LR64XZ')).toBe(false);
    expect(plateMatches('AB*', '*XY')).toBe(true);
    expect(plateMatches('AB12CDE', 'AB12CDF')).toBe(false);
  });
});

describe('normalisePostcode', () => {
  it.each([
    ['sw1a1aa', 'SW1A 1AA', 'SW1A', '1AA'],
    ['ls1 4ap', 'LS1 4AP', 'LS1', '4AP'],
    ['  M1   1AE ', 'M1 1AE', 'M1', '1AE'],
    ['B338TH', 'B33 8TH', 'B33', '8TH'],
    ['EC1A 1BB', 'EC1A 1BB', 'EC1A', '1BB'],
    ['W1A0AX', 'W1A 0AX', 'W1A', '0AX'],
    ['gir0aa', 'GIR 0AA', 'GIR', '0AA'],
    ['BT7 1NN', 'BT7 1NN', 'BT7', '1NN'],
  ])('%s -> %s', (raw, value, outcode, inward) => {
    expect(normalisePostcode(raw)).toEqual({ ok: true, value, outcode, inward });
  });

  it.each(['XX99 9ZZZ', 'LS99 XXX', 'LS1', '12345', 'LS1 4CP', 'QS1 4AP'])('rejects %s with an example', (raw) => {
    expect(normalisePostcode(raw)).toEqual({
      ok: false,
      message: `"${raw}" is not a UK postcode (expected something like "LS1 4AP").`,
    });
  });

  it('handles a district on its own', () => {
    expect(isOutcode('ls1')).toBe(true);
    expect(isOutcode('SW1A')).toBe(true);
    expect(isOutcode('LS1 4AP')).toBe(false);
    expect(normaliseOutcode(' ls1 ')).toEqual({ ok: true, value: 'LS1' });
    expect(normaliseOutcode('LS1 4AP').ok).toBe(false);
  });
});

describe('foldText', () => {
  it('folds case, accents, apostrophes and punctuation', () => {
    expect(foldText("  O'Néill-SMITH,  Zoë  ")).toBe('oneill smith zoe');
    expect(foldText('Dazza’s car')).toBe('dazzas car');
    expect(foldText('Straße')).toBe('strasse');
    expect(foldText('')).toBe('');
  });
});

describe('parsePersonName', () => {
  it.each([
    ['SMITH, John', 'John', 'Smith'],
    ['John Paul SMITH', 'John Paul', 'Smith'],
    ['SMITH John Paul', 'John Paul', 'Smith'],
    ['john smith', 'John', 'Smith'],
    ["SEAN O'NEILL", 'Sean', "O'Neill"],
    ['Ian MCDONALD', 'Ian', 'McDonald'],
    ['KERRY SMITH-JONES', 'Kerry', 'Smith-Jones'],
    ['Mr Darren Smith', 'Darren', 'Smith'],
    ['Ludwig van Beethoven', 'Ludwig', 'van Beethoven'],
    ['Dazza', 'Dazza', ''],
    ['DAZZA', 'Dazza', ''],
    ['', '', ''],
    ['Jo MACK', 'Jo', 'Mack'],
  ])('%s -> given %s, family %s', (raw, given, family) => {
    expect(parsePersonName(raw)).toEqual({ given, family });
  });
});

describe('normaliseDate', () => {
  it.each([
    ['2020-02-29', '2020-02-29'],
    ['29/02/2020', '2020-02-29'],
    ['1/3/2021', '2021-03-01'],
    ['01-03-2021', '2021-03-01'],
    ['01.03.2021', '2021-03-01'],
  ])('%s -> %s', (raw, value) => {
    expect(normaliseDate(raw)).toEqual({ ok: true, value });
  });

  it('reads day first, the UK way', () => {
    expect(normaliseDate('03/04/2021')).toEqual({ ok: true, value: '2021-04-03' });
  });

  it('rejects impossible dates in plain words', () => {
    expect(normaliseDate('31/02/2020')).toEqual({
      ok: false,
      message: '"31/02/2020" is not a real date: February 2020 has 29 days.',
    });
    expect(normaliseDate('29/02/2021')).toEqual({
      ok: false,
      message: '"29/02/2021" is not a real date: February 2021 has 28 days.',
    });
    expect(normaliseDate('2020-13-01')).toEqual({ ok: false, message: '"2020-13-01" is not a real date: there is no month 13.' });
    const twoDigit = normaliseDate('01/02/20');
    expect(twoDigit.ok).toBe(false);
    if (!twoDigit.ok) expect(twoDigit.message).toContain('year in full');
    expect(normaliseDate('next Tuesday').ok).toBe(false);
  });

  it('checks stored dates and works out ages', () => {
    expect(isIsoDate('2020-02-29')).toBe(true);
    expect(isIsoDate('2020-2-29')).toBe(false);
    expect(isIsoDate('2021-02-29')).toBe(false);
    expect(ageOn('2008-05-10', '2024-05-09')).toBe(15);
    expect(ageOn('2008-05-10', '2024-05-10')).toBe(16);
  });
});

describe('phone numbers that are too short to drop their trunk 0', () => {
  it('are refused, not stored as +440...', () => {
    const r = normalisePhone('07700 9001');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/too few digits/);
  });
});
