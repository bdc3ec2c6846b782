// @vitest-environment node
/** Validators: what the forms refuse, and the plain words they use. */
import { describe, expect, it } from 'vitest';
import type { Grading } from '../../src/domain/grading';
import { validateEntity, validateIntelItem, validateLink, type Problem } from '../../src/domain/validate';
import { address, business, fact, hotspot, intel, link, name, person, phone, vehicle } from './factories';

const TODAY = '2024-06-01';
const fields = (ps: Problem[]): string[] => ps.map((p) => p.field);

describe('validateEntity: person', () => {
  it('accepts a person with a name', () => {
    expect(validateEntity(person(), TODAY)).toEqual([]);
    expect(validateEntity(person({ names: [name('nickname', '', '', 'Dazza')] }), TODAY)).toEqual([]);
  });

  it('needs at least one name with something in it', () => {
    expect(fields(validateEntity(person({ names: [] }), TODAY))).toEqual(['names']);
    const ps = validateEntity(person({ names: [name('legal', 'Darren', 'Smith'), name('alias', ' ', '', ' ')] }), TODAY);
    expect(ps).toEqual([{ field: 'names[1].full', message: 'Name 2 is empty: type a name or remove it.' }]);
  });

  it('checks the date of birth is real, not in the future and not before 1900', () => {
    expect(validateEntity(person({ dob: fact('2008-05-10') }), TODAY)).toEqual([]);
    expect(validateEntity(person({ dob: fact('2024-06-02') }), TODAY)).toEqual([
      { field: 'dob', message: 'Date of birth 02/06/2024 is in the future.' },
    ]);
    expect(fields(validateEntity(person({ dob: fact('1899-12-31') }), TODAY))).toEqual(['dob']);
    const bad = validateEntity(person({ dob: fact('2020-02-30') }), TODAY);
    expect(bad).toHaveLength(1);
    expect(bad[0]?.message).toContain('February 2020 has 29 days');
    expect(validateEntity(person({ dob: fact('10/05/2008') }), TODAY)).toEqual([
      { field: 'dob', message: 'Date of birth "10/05/2008" must be stored as 2008-05-10.' },
    ]);
  });

  it('keeps estimated ages between 0 and 120', () => {
    expect(validateEntity(person({ estimatedAge: fact({ years: 15, asOf: '2024-01-01' }) }), TODAY)).toEqual([]);
    expect(validateEntity(person({ estimatedAge: fact({ years: 0, asOf: '2024-01-01' }) }), TODAY)).toEqual([]);
    expect(fields(validateEntity(person({ estimatedAge: fact({ years: 121, asOf: '2024-01-01' }) }), TODAY))).toEqual(['estimatedAge']);
    expect(fields(validateEntity(person({ estimatedAge: fact({ years: -1, asOf: '2024-01-01' }) }), TODAY))).toEqual(['estimatedAge']);
    expect(fields(validateEntity(person({ estimatedAge: fact({ years: Number.NaN, asOf: '2024-01-01' }) }), TODAY))).toEqual(['estimatedAge']);
  });
});

describe('validateEntity: vehicle', () => {
  it('accepts a vehicle with no registration, a full plate or a marked partial plate', () => {
    expect(validateEntity(vehicle(), TODAY)).toEqual([]);
    expect(validateEntity(vehicle({ registration: fact('AB12CDE') }), TODAY)).toEqual([]);
    expect(validateEntity(vehicle({ registration: fact('*4XY'), partial: true }), TODAY)).toEqual([]);
  });

  it('wants the registration stored normalised and valid', () => {
    expect(validateEntity(vehicle({ registration: fact('ab12 cde') }), TODAY)).toEqual([
      { field: 'registration', message: 'Registration "ab12 cde" must be stored as "AB12CDE".' },
    ]);
    const bad = validateEntity(vehicle({ registration: fact('AB12 C£E') }), TODAY);
    expect(fields(bad)).toEqual(['registration']);
    expect(bad[0]?.message).toContain('contains "£"');
    expect(fields(validateEntity(vehicle({ registration: fact('*4XY'), partial: false }), TODAY))).toEqual(['partial']);
  });
});

describe('validateEntity: phone', () => {
  it('wants numbers in E.164', () => {
    expect(validateEntity(phone(), TODAY)).toEqual([]);
    expect(validateEntity(phone({ number: fact('07700 900123') }), TODAY)).toEqual([
      { field: 'number', message: 'Phone number "07700 900123" must be stored in international form "+447700900123".' },
    ]);
    expect(fields(validateEntity(phone({ number: fact('12345') }), TODAY))).toEqual(['number']);
    expect(fields(validateEntity(phone({ number: undefined }), TODAY))).toEqual(['number']);
  });

  it('wants both platform and handle for an online account', () => {
    const ok = phone({ phoneType: 'handle', number: undefined, platform: 'Snapchat', handle: fact('dazza_99') });
    expect(validateEntity(ok, TODAY)).toEqual([]);
    expect(fields(validateEntity(phone({ phoneType: 'handle', number: undefined }), TODAY))).toEqual(['platform', 'handle']);
  });
});

describe('validateEntity: address', () => {
  it('needs a line or a postcode', () => {
    expect(validateEntity(address(), TODAY)).toEqual([]);
    expect(validateEntity(address({ lines: fact([]), postcode: fact('LS1 4AP') }), TODAY)).toEqual([]);
    expect(validateEntity(address({ lines: fact(['12 Mill Lane']), postcode: undefined }), TODAY)).toEqual([]);
    expect(fields(validateEntity(address({ lines: fact(['', ' ']), postcode: undefined }), TODAY))).toEqual(['lines']);
  });

  it('explains a bad postcode with an example', () => {
    expect(validateEntity(address({ postcode: fact('LS99 XXX') }), TODAY)).toEqual([
      { field: 'postcode', message: 'Postcode "LS99 XXX" is not a UK postcode (expected something like "LS1 4AP").' },
    ]);
    expect(validateEntity(address({ postcode: fact('ls14ap') }), TODAY)).toEqual([
      { field: 'postcode', message: 'Postcode "ls14ap" must be stored as "LS1 4AP".' },
    ]);
  });

  it('keeps coordinates on the globe', () => {
    expect(validateEntity(address({ location: fact({ lat: 53.8, lng: -1.55, precision: 'exact' }) }), TODAY)).toEqual([]);
    const ps = validateEntity(address({ location: fact({ lat: 91, lng: -181, precision: 'exact' }) }), TODAY);
    expect(fields(ps)).toEqual(['location', 'location']);
    expect(ps[0]?.message).toContain('between -90 and 90');
    expect(ps[1]?.message).toContain('between -180 and 180');
  });
});

describe('validateEntity: business and hot spot', () => {
  it('need a name', () => {
    expect(validateEntity(business(), TODAY)).toEqual([]);
    expect(validateEntity(business({ name: fact('  ') }), TODAY)).toEqual([{ field: 'name', message: 'A business needs a name.' }]);
    expect(validateEntity(hotspot(), TODAY)).toEqual([]);
    expect(validateEntity(hotspot({ name: fact('') }), TODAY)).toEqual([{ field: 'name', message: 'A hot spot needs a name.' }]);
    expect(fields(validateEntity(hotspot({ location: fact({ lat: 0, lng: 200, precision: 'manual' }) }), TODAY))).toEqual(['location']);
  });
});

describe('validateLink', () => {
  it('accepts a sourced link between two records', () => {
    expect(validateLink(link())).toEqual([]);
    expect(validateLink(link({ dateFrom: '2024-01-01', dateTo: '2024-01-01' }))).toEqual([]);
  });

  it('refuses a link without a source', () => {
    expect(validateLink(link({ sources: [] }))).toEqual([
      { field: 'sources', message: 'Every link must cite at least one intelligence item.' },
    ]);
  });

  it('refuses a link to itself, bad dates and an end before the start', () => {
    expect(fields(validateLink(link({ to: 'p1' })))).toEqual(['to']);
    expect(fields(validateLink(link({ dateFrom: '2024-02-30' })))).toEqual(['dateFrom']);
    expect(validateLink(link({ dateFrom: '2024-03-01', dateTo: '2024-02-01' }))).toEqual([
      { field: 'dateTo', message: 'The link ends (01/02/2024) before it starts (01/03/2024).' },
    ]);
  });
});

describe('validateIntelItem', () => {
  it('accepts a complete item', () => {
    expect(validateIntelItem(intel(), TODAY)).toEqual([]);
    expect(validateIntelItem(intel({ grading: { scheme: 'ungraded' }, dateOfIntelligence: undefined }), TODAY)).toEqual([]);
  });

  it('requires agency, reference, date recorded and text', () => {
    const ps = validateIntelItem(intel({ agency: ' ', reference: '', dateRecorded: '', text: '' }), TODAY);
    expect(fields(ps)).toEqual(['agency', 'reference', 'dateRecorded', 'text']);
  });

  it('refuses dates in the future but allows intelligence dated before it was recorded', () => {
    expect(validateIntelItem(intel({ dateOfIntelligence: '2023-01-01', dateRecorded: '2024-05-01' }), TODAY)).toEqual([]);
    expect(fields(validateIntelItem(intel({ dateOfIntelligence: '2024-07-01' }), TODAY))).toEqual(['dateOfIntelligence']);
    expect(fields(validateIntelItem(intel({ dateRecorded: '2024-07-01' }), TODAY))).toEqual(['dateRecorded']);
  });

  it('reports grading problems', () => {
    const grading = { scheme: '3x5x2', source: '4', intelligence: 'C', handling: 'P' } as unknown as Grading;
    const ps = validateIntelItem(intel({ grading }), TODAY);
    expect(ps).toEqual([{ field: 'grading', message: 'Source evaluation must be 1, 2 or 3.' }]);
  });
});
