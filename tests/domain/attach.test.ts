// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { attachFacts, exactKeys } from '../../src/domain/attach';
import type { Person, Vehicle } from '../../src/domain/model';
import { entitySources } from '../../src/domain/provenance';
import { address, fact, name, person, phone, vehicle } from './factories';

describe('exact identifier keys', () => {
  it('uses E.164 phones, full plates, postcode + house number, name + DOB', () => {
    expect(exactKeys(phone())).toEqual(['phone:+447700900123']);
    expect(exactKeys(vehicle({ registration: fact('KX19ABC') }))).toEqual(['plate:KX19ABC']);
    expect(exactKeys(vehicle({ registration: fact('*4XY'), partial: true }))).toEqual([]);
    expect(exactKeys(address({ lines: fact(['Flat 2, 14 High St', 'Kelbridge']), postcode: fact('KB1 4AP') }))).toEqual(['address:KB1 4AP|14/2']);
    expect(exactKeys(address({ lines: fact(['14 High Street flat 2']), postcode: fact('KB1 4AP') }))).toEqual(['address:KB1 4AP|14/2']);
    expect(exactKeys(person({ dob: fact('1991-03-14') }))).toEqual(['person:darren smith|1991-03-14']);
    expect(exactKeys(person())).toEqual([]);
  });
});

describe('attaching facts never drops a value', () => {
  it('adds citations to agreeing values, adds new values, keeps disagreements as notes', () => {
    const existing = person({ dob: fact('1991-03-14') });
    const incoming: Person = person({
      names: [{ ...name('legal', 'Darren', 'Smith'), sources: ['i2'] }, { ...name('nickname', '', '', 'Dazza'), sources: ['i2'] }],
      dob: { value: '1991-04-13', sources: ['i2'] },
      sex: { value: 'unknown', sources: ['i2'] },
      roles: [{ value: 'organiser', sources: ['i2'] }],
    });
    const out = attachFacts(existing, incoming) as Person;
    expect(out.names).toHaveLength(2);
    expect(out.names[0]?.sources).toEqual(['i1', 'i2']);
    expect(out.dob?.value).toBe('1991-03-14');
    expect(out.notes.map((n) => n.value)).toEqual(['Also recorded: date of birth 1991-04-13']);
    expect(out.sex.value).toBe('male');
    expect(out.roles.map((r) => r.value)).toEqual(['organiser']);
    expect(entitySources(out).sort()).toEqual(['i1', 'i2']);
  });

  it('fills a missing make on a vehicle', () => {
    const out = attachFacts(vehicle({ registration: fact('KX19ABC') }), vehicle({ registration: { value: 'KX19ABC', sources: ['i2'] }, make: { value: 'Vauxhall', sources: ['i2'] } })) as Vehicle;
    expect(out.make?.value).toBe('Vauxhall');
    expect(out.registration?.sources).toEqual(['i1', 'i2']);
  });
});
