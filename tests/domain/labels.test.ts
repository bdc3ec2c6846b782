// @vitest-environment node
/** Labels on chart nodes and list rows: what analysts read on the wall. */
import { describe, expect, it } from 'vitest';
import { entityLabel, entitySubtitle, formatPhoneNational, formatPlate } from '../../src/domain/labels';
import { address, business, fact, hotspot, name, person, phone, vehicle } from './factories';

const TODAY = '2024-06-01';

describe('formatPlate', () => {
  it.each([
    ['AB12CDE', 'AB12 CDE'],
    ['A123BCD', 'A123 BCD'],
    ['ABC123D', 'ABC 123D'],
    ['ABZ1234', 'ABZ 1234'],
    ['ABC123', 'ABC 123'],
    ['*4XY', '*4XY'],
    ['AB12???', 'AB12???'],
    ['WOB7GH2', 'WOB7GH2'],
  ])('%s -> %s', (value, shown) => {
    expect(formatPlate(value)).toBe(shown);
  });
});

describe('formatPhoneNational', () => {
  it('shows UK numbers the national way and others with their country code', () => {
    expect(formatPhoneNational('+447700900123')).toBe('07700 900123');
    expect(formatPhoneNational('+441134960000')).toBe('0113 496 0000');
    expect(formatPhoneNational('+33612345678')).toBe('+33 6 12 34 56 78');
    expect(formatPhoneNational('not a number')).toBe('not a number');
  });
});

describe('entityLabel', () => {
  it('names a person by legal name with the nickname in quotes', () => {
    expect(entityLabel(person())).toBe('Darren Smith');
    expect(entityLabel(person({ names: [name('nickname', '', '', 'Dazza'), name('legal', 'Darren', 'Smith')] }))).toBe(
      'Darren Smith ("Dazza")',
    );
    expect(entityLabel(person({ names: [name('street', '', '', 'D-Man')] }))).toBe('"D-Man"');
    expect(entityLabel(person({ names: [name('legal', 'Darren', 'Smith', '')] }))).toBe('Darren Smith');
    expect(entityLabel(person({ names: [] }))).toBe('Unnamed person');
  });

  it('labels vehicles by plate and make/model', () => {
    expect(entityLabel(vehicle({ registration: fact('AB12CDE'), make: fact('Vauxhall'), model: fact('Astra') }))).toBe(
      'AB12 CDE (Vauxhall Astra)',
    );
    expect(entityLabel(vehicle({ registration: fact('*4XY'), partial: true }))).toBe('*4XY');
    expect(entityLabel(vehicle({ colour: fact('Silver'), make: fact('Vauxhall'), model: fact('Astra') }))).toBe(
      'Silver Vauxhall Astra, registration unknown',
    );
    expect(entityLabel(vehicle())).toBe('Unknown vehicle');
  });

  it('labels phones and handles', () => {
    expect(entityLabel(phone())).toBe('07700 900123');
    expect(entityLabel(phone({ phoneType: 'handle', number: undefined, platform: 'Snapchat', handle: fact('dazza_99') }))).toBe(
      'Snapchat: dazza_99',
    );
  });

  it('labels addresses, businesses and hot spots', () => {
    expect(entityLabel(address())).toBe('12 Mill Lane, LS1 4AP');
    expect(entityLabel(address({ postcode: undefined }))).toBe('12 Mill Lane');
    expect(entityLabel(address({ lines: fact([]) }))).toBe('LS1 4AP');
    expect(entityLabel(business())).toBe('Star Kebabs');
    expect(entityLabel(hotspot())).toBe('Bus station');
    expect(entityLabel(hotspot({ name: fact('') }))).toBe('Unnamed hot spot');
  });
});

describe('entitySubtitle', () => {
  it('gives a person DOB with age, or estimated age, and roles', () => {
    const p = person({ dob: fact('2008-05-10'), roles: [fact('organiser'), fact('associate')] });
    expect(entitySubtitle(p, TODAY)).toBe('DOB 10/05/2008 (16) · Organiser, Associate');
    expect(entitySubtitle(person({ estimatedAge: fact({ years: 15, asOf: '2024-01-01' }) }), TODAY)).toBe(
      'Est. age 15 (as of 01/01/2024)',
    );
    expect(entitySubtitle(person(), TODAY)).toBe('');
  });

  it('describes vehicles, phones, addresses, businesses and hot spots', () => {
    expect(
      entitySubtitle(vehicle({ colour: fact('Silver'), make: fact('Vauxhall'), model: fact('Astra'), partial: true }), TODAY),
    ).toBe('Silver Vauxhall Astra · partial plate');
    expect(entitySubtitle(phone(), TODAY)).toBe('Phone +44 7700 900123');
    expect(entitySubtitle(address(), TODAY)).toBe('Northtown · Home');
    expect(entitySubtitle(business({ licences: [fact('LIC-1'), fact('LIC-2')] }), TODAY)).toBe('Takeaway · 2 licences');
    expect(entitySubtitle(hotspot({ description: 'Young people gather after school' }), TODAY)).toBe(
      'Transport · Young people gather after school',
    );
  });
});

describe('address labels', () => {
  it('keep the building with a flat number', () => {
    expect(entityLabel(address({ lines: fact(['Flat 3', '40 Canal Street', 'Northtown']), postcode: fact('NT2 7HD') }))).toBe('Flat 3, 40 Canal Street, NT2 7HD');
  });
});
