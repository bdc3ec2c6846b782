/** Small builders for domain records in tests. */
import type { Address, Business, Fact, Hotspot, IntelItem, Link, Person, PersonName, Phone, Vehicle } from '../../src/domain/model';

const base = { workspaceId: 'ws1', createdAt: '2024-01-01T00:00:00Z', updatedAt: '2024-01-01T00:00:00Z', notes: [] };
export const fact = <T>(value: T): Fact<T> => ({ value, sources: ['i1'] });

export function name(kind: PersonName['kind'], given: string, family: string, full = `${given} ${family}`.trim()): PersonName {
  return { kind, given, family, full, sources: ['i1'] };
}

export function person(over: Partial<Person> = {}): Person {
  return {
    ...base,
    id: 'p1',
    kind: 'person',
    names: [name('legal', 'Darren', 'Smith')],
    sex: fact('male'),
    ethnicity: fact('unknown'),
    roles: [],
    identifiers: [],
    ...over,
  };
}

export function vehicle(over: Partial<Vehicle> = {}): Vehicle {
  return { ...base, id: 'v1', kind: 'vehicle', partial: false, ...over };
}

export function phone(over: Partial<Phone> = {}): Phone {
  return { ...base, id: 'ph1', kind: 'phone', phoneType: 'number', number: fact('+447700900123'), ...over };
}

export function address(over: Partial<Address> = {}): Address {
  return { ...base, id: 'a1', kind: 'address', lines: fact(['12 Mill Lane', 'Northtown']), postcode: fact('LS1 4AP'), placeType: 'home', ...over };
}

export function business(over: Partial<Business> = {}): Business {
  return { ...base, id: 'b1', kind: 'business', name: fact('Star Kebabs'), businessType: 'takeaway', licences: [], ...over };
}

export function hotspot(over: Partial<Hotspot> = {}): Hotspot {
  return { ...base, id: 'h1', kind: 'hotspot', name: fact('Bus station'), hotspotType: 'transport', description: '', ...over };
}

export function link(over: Partial<Link> = {}): Link {
  return {
    id: 'l1',
    workspaceId: 'ws1',
    type: 'associate',
    from: 'p1',
    to: 'p2',
    sources: ['i1'],
    createdAt: base.createdAt,
    updatedAt: base.updatedAt,
    ...over,
  };
}

export function intel(over: Partial<IntelItem> = {}): IntelItem {
  return {
    id: 'i1',
    workspaceId: 'ws1',
    agency: 'Northshire Police',
    agencyType: 'police',
    reference: 'NP/2024/0001',
    author: 'DC Jones',
    dateOfIntelligence: '2024-02-01',
    dateRecorded: '2024-02-03',
    text: 'Dazza seen driving a silver Astra, plate ends 4XY.',
    statementType: 'fact',
    grading: { scheme: '3x5x2', source: '2', intelligence: 'C', handling: 'P' },
    createdAt: base.createdAt,
    updatedAt: base.updatedAt,
    ...over,
  };
}
