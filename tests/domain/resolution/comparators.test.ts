// @vitest-environment node
/** Field comparators: graded levels for names, dates, phones, plates, addresses and identifiers. */
import { describe, expect, it } from 'vitest';
import { normaliseDob, recordFromFields } from '../../../src/domain/resolution/records';
import { levels } from './helpers';

describe('names', () => {
  it('knows UK nicknames and diminutives: Dazza ~ Darren, Gazza ~ Gary, Baz ~ Barry, Tel ~ Terence, Shaz ~ Sharon, Becky ~ Rebecca', () => {
    for (const [a, b] of [
      ['Darren', 'Dazza'],
      ['Darren', 'Daz'],
      ['Gary', 'Gazza'],
      ['Barry', 'Baz'],
      ['Terence', 'Tel'],
      ['Sharon', 'Shaz'],
      ['Rebecca', 'Becky'],
    ]) {
      expect(levels({ name: [`${a} Smith`] }, { name: [`${b} Smith`] }).givenName, `${a} ~ ${b}`).toBe('nickname');
    }
  });

  it('reads "SMITH, John" and "SMITH John" as John Smith', () => {
    expect(levels({ name: ['SMITH, John'] }, { name: ['John Smith'] })).toMatchObject({ givenName: 'exact', familyName: 'exact' });
    expect(levels({ name: ['SMITH John'] }, { name: ['john smith'] })).toMatchObject({ givenName: 'exact', familyName: 'exact' });
  });

  it('explains a crossed reading with the values actually compared', async () => {
    const { prepareRecords } = await import('../../../src/domain/resolution/prepare');
    const { Comparison, compareRecords } = await import('../../../src/domain/resolution/compare');
    const { explainComparison } = await import('../../../src/domain/resolution/explain');
    const { PersonModel } = await import('../../../src/domain/resolution/model');
    const { FIELD_SPECS } = await import('../../../src/domain/resolution/compare');
    const recs = [recordFromFields('a', { givenName: ['John'], familyName: ['Smith'] }), recordFromFields('b', { givenName: ['SMITH'], familyName: ['John'] })];
    const { prepared, counts } = prepareRecords(recs);
    const m = FIELD_SPECS.map((x) => Float64Array.from(x.levels.map((l) => l.m)));
    const model = new PersonModel(m, m, 0.01, 7);
    for (const [x, y] of [[prepared[0], prepared[1]], [prepared[1], prepared[0]]] as const) {
      if (!x || !y) throw new Error('prepare failed');
      const cmp = new Comparison();
      compareRecords(x, y, cmp);
      const fields = explainComparison(x, y, cmp, model, counts);
      // Each part shows the one value both records agree on (never "john" against "smith").
      const given = fields.find((f) => f.field === 'givenName')?.explanation.match(/same \("(\w+)"\)/)?.[1];
      const family = fields.find((f) => f.field === 'familyName')?.explanation.match(/same \("(\w+)"\)/)?.[1];
      expect(new Set([given, family])).toEqual(new Set(['john', 'smith']));
      expect(fields.find((f) => f.field === 'givenName')?.explanation).toMatch(/other way round/);
    }
    // Here the second record is the one written the other way round: the nickname is what was compared.
    const other = prepareRecords([recordFromFields('c', { givenName: ['Dazza'], familyName: ['Smith'] }), recordFromFields('d', { givenName: ['SMITH'], familyName: ['Darren'] })]);
    const [c, d] = other.prepared[0]?.id === 'c' ? other.prepared : [...other.prepared].reverse();
    if (!c || !d) throw new Error('prepare failed');
    const cmp = new Comparison();
    compareRecords(c, d, cmp);
    const given = explainComparison(c, d, cmp, model, other.counts).find((f) => f.field === 'givenName');
    expect(given).toMatchObject({ level: 'nickname' });
    expect(given?.explanation).toMatch(/"dazza" and "darren"/);
  });

  it('tries a name the other way round when an agency put the surname in the given-name field', () => {
    const l = levels({ givenName: ['SMITH'], familyName: ['John'] }, { givenName: ['John'], familyName: ['Smith'] });
    expect(l).toMatchObject({ givenName: 'exact', familyName: 'exact', crossed: true });
  });

  it('grades initials, typos and sound-alikes', () => {
    expect(levels({ name: ['J Smith'] }, { name: ['John Smith'] }).givenName).toBe('partial');
    expect(levels({ name: ['Jonh Smyth'] }, { name: ['John Smith'] })).toMatchObject({ givenName: 'typo', familyName: 'typo' });
    expect(levels({ name: ['Philips Jones'] }, { name: ['Fillips Jones'] }).givenName).toBe('phonetic');
    expect(levels({ name: ['Darren Smith'] }, { name: ['Kelly Smith'] }).givenName).toBe('different');
  });

  it('keeps a nickname that is not a known diminutive as an alias (supporting evidence only)', () => {
    const r = recordFromFields('x', { name: ['Darren "Dazza" Smith', 'Tyler (Smudge) Kershaw'] });
    expect(r.names).toContainEqual({ given: 'dazza', family: 'smith' });
    expect(r.aliases).toEqual(['smudge']);
  });
});

describe('dates of birth and ages', () => {
  it('reads the usual formats', () => {
    for (const raw of ['1991-03-12', '12/03/1991', '12.3.1991', '19910312', '12 March 1991', '12/03/91']) expect(normaliseDob(raw), raw).toBe('1991-03-12');
    expect(normaliseDob('not a date')).toBeNull();
  });

  it('sees day and month swapped, a year out, a digit out', () => {
    expect(levels({ dob: ['1991-03-12'] }, { dob: ['12/03/1991'] }).dob).toBe('exact');
    expect(levels({ dob: ['1991-03-12'] }, { dob: ['1991-12-03'] }).dob).toBe('swapped');
    expect(levels({ dob: ['1991-03-12'] }, { dob: ['1992-03-12'] }).dob).toBe('typo');
    expect(levels({ dob: ['1991-03-12'] }, { dob: ['1991-03-13'] }).dob).toBe('typo');
    expect(levels({ dob: ['1991-03-12'] }, { dob: ['1974-08-30'] }).dob).toBe('different');
  });

  it('compares an estimated age with a date of birth', () => {
    expect(levels({ dob: ['1991-03-12'] }, { ageEstimate: [{ years: 35, asOf: '2026-04-03' }] }).age).toBe('close');
    expect(levels({ dob: ['1991-03-12'] }, { ageEstimate: [{ years: 38, asOf: '2026-04-03' }] }).age).toBe('fits');
    expect(levels({ dob: ['1991-03-12'] }, { ageEstimate: [{ years: 20, asOf: '2026-04-03' }] }).age).toBe('different');
  });
});

describe('phones, e-mails, handles, identifiers', () => {
  it('compares phones in E.164 whatever the format', () => {
    expect(levels({ phone: ['07700 900123'] }, { phone: ['+44 (0)7700 900123'] }).phone).toBe('exact');
    expect(levels({ phone: ['07700900123'] }, { phone: ['0044 7700 900 123'] }).phone).toBe('exact');
    expect(levels({ phone: ['07700 900123'] }, { phone: ['07700 900124'] }).phone).toBe('typo');
  });

  it('compares e-mails and handles folded', () => {
    expect(levels({ email: ['Dazza.Smith@Example.com'] }, { email: ['dazza.smith@example.com'] }).email).toBe('exact');
    expect(levels({ email: ['dazza.smith@example.com'] }, { email: ['dazza.smith@example.org'] }).email).toBe('fuzzy');
    expect(levels({ handle: ['@dazza_kb'] }, { handle: ['dazza_kb'] }).handle).toBe('exact');
  });

  it('compares identifiers only within one scheme', () => {
    const nhs = (value: string) => ({ identifier: [{ scheme: 'NHS', value }] });
    expect(levels(nhs('999 123 4567'), nhs('9991234567')).identifier).toBe('exact');
    expect(levels(nhs('999 123 4567'), nhs('999 123 4568')).identifier).toBe('typo');
    expect(levels(nhs('999 123 4567'), { identifier: [{ scheme: 'PNC', value: '9991234567' }] }).identifier).toBeUndefined();
  });
});

describe('vehicles', () => {
  it('sees O/0 and I/1 confusion', () => {
    expect(levels({ vehicle: ['AB12 CDO'] }, { vehicle: ['ab12cd0'] }).vehicle).toBe('confusable');
    expect(levels({ vehicle: ['YI64 ABC'] }, { vehicle: ['Y164ABC'] }).vehicle).toBe('confusable');
  });

  it('matches partial plates by how much is known', () => {
    expect(levels({ vehicle: ['AB12 C??'] }, { vehicle: ['AB12CDE'] }).vehicle).toBe('partial-strong');
    expect(levels({ vehicle: ['ends 4XY'] }, { vehicle: ['YX64 XY'] }).vehicle).toBe('partial-weak');
    expect(levels({ vehicle: ['ends 4XY'] }, { vehicle: ['YX61 ABC'] }).vehicle).toBe('different');
  });
});

describe('addresses', () => {
  it('reads flat forms and abbreviations alike', () => {
    expect(levels({ address: ['Flat 2, 14 High St'] }, { address: ['14 High Street flat 2'] }).address).toBe('exact');
    expect(levels({ address: ['14 High Street, Leeds LS1 4AP'] }, { address: ['14 High St'], postcode: ['ls14ap'] }).address).toBe('same-property');
    expect(levels({ address: ['14 High Street'] }, { address: ['16 High Street'] }).address).toBe('different');
  });

  it('grades postcodes, and does not count the postcode again when the address already agrees', () => {
    expect(levels({ postcode: ['LS1 4AP'] }, { postcode: ['LS1 4AQ'] }).postcode).toBe('sector');
    expect(levels({ address: ['14 High St'], postcode: ['LS1 4AP'] }, { address: ['14 High Street'], postcode: ['LS1 4AP'] }).postcode).toBeUndefined();
  });
});
