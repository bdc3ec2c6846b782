/** A small fictional chart with every kind, grading scheme and link shape, for the exchange tests. */
import type { Entity, IntelItem, Link } from '../../../src/domain/model';
import type { ChartExportInput } from '../../../src/domain/exchange';
import { address, business, hotspot, intel, link, name, person, phone, vehicle } from '../factories';

const src = (...ids: string[]) => ({ sources: ids });

export const items: IntelItem[] = [
  intel({ id: 'i1' }),
  intel({
    id: 'i2',
    agency: "Kelbridge Children's Social Care",
    agencyType: 'childrens-social-care',
    reference: 'CSC-0042',
    grading: { scheme: '3x5x2', source: '1', intelligence: 'B', handling: 'C', actionCode: 'A2', sanitisation: 'S2', conditions: 'Not to be shared without the originator' },
  }),
  intel({ id: 'i3', agency: 'Northshire Police', reference: 'LEGACY/77', grading: { scheme: '5x5x5', source: 'B', intelligence: '2', handling: '4' } }),
  intel({ id: 'i4', agency: 'Kelbridge Academy', agencyType: 'education', reference: 'KA & "Co" <1>', grading: { scheme: 'ungraded' } }),
];

export const entities: Entity[] = [
  person({
    id: 'p1',
    names: [name('legal', 'Darren', 'Smith'), name('nickname', '', '', 'Dazza'), { ...name('alias', 'Daz', 'Smyth'), sources: ['i3'] }],
    dob: { value: '1991-03-14', ...src('i1') },
    sex: { value: 'male', ...src('i1') },
    ethnicity: { value: 'white-british', ...src('i1') },
    roles: [{ value: 'organiser', ...src('i1', 'i3') }],
    riskLevel: { value: 'high', ...src('i3') },
    identifiers: [{ value: { scheme: 'PNC', value: '91/123456X' }, ...src('i3') }],
    notes: [{ value: 'Seen at the bus station most Fridays.\nUsually with two others.', ...src('i1') }],
  }),
  person({
    id: 'p2',
    names: [name('legal', 'Jade', 'Hall')],
    dob: { value: '2011-06-02', ...src('i2') },
    sex: { value: 'female', ...src('i2') },
    roles: [{ value: 'young-person-at-risk', ...src('i2') }],
    identifiers: [{ value: { scheme: 'LCS', value: 'LCS-99881' }, ...src('i2') }],
    notes: [{ value: 'Missing from care twice in March.', ...src('i2') }],
  }),
  person({
    id: 'p3',
    names: [name('nickname', '', '', 'Spider')],
    estimatedAge: { value: { years: 35, asOf: '2024-04-03' }, ...src('i4') },
    sex: { value: 'unknown', ...src('i4') },
    roles: [{ value: 'facilitator', ...src('i4') }, { value: 'associate', ...src('i4') }],
  }),
  vehicle({ id: 'v1', registration: { value: 'AB12CDE', ...src('i1') }, make: { value: 'Vauxhall', ...src('i1') }, model: { value: 'Astra', ...src('i1') }, colour: { value: 'Silver', ...src('i1') } }),
  vehicle({ id: 'v2', registration: { value: '*4XY', ...src('i1') }, partial: true, colour: { value: 'Black', ...src('i1') } }),
  phone({ id: 'ph1', number: { value: '+447700900123', ...src('i1') } }),
  phone({ id: 'ph2', phoneType: 'handle', number: undefined, platform: 'Snapchat', handle: { value: 'dazza_91', ...src('i4') } }),
  address({
    id: 'a1',
    lines: { value: ['Flat 3', '40 Canal Street', 'Kelbridge'], ...src('i1') },
    postcode: { value: 'LS1 4AP', ...src('i1') },
    placeType: 'hmo',
    location: { value: { lat: 53.79648, lng: -1.54785, precision: 'postcode' }, ...src('i1') },
  }),
  business({ id: 'b1', name: { value: 'Star Kebabs', ...src('i4') }, businessType: 'takeaway', licences: [{ value: 'Late night refreshment', ...src('i4') }, { value: 'Alcohol', ...src('i4') }] }),
  hotspot({ id: 'h1', name: { value: 'Kelbridge Bus Station', ...src('i1') }, hotspotType: 'transport', description: 'Stands 4-6, evenings', location: { value: { lat: 53.8, lng: -1.55, precision: 'exact' }, ...src('i1') } }),
];

export const links: Link[] = [
  link({ id: 'l1', type: 'associate', from: 'p1', to: 'p3', sources: ['i1', 'i3'], dateFrom: '2024-01-05', dateTo: '2024-03-01' }),
  link({ id: 'l2', type: 'transported-by', from: 'p2', to: 'p1', sources: ['i2'], dateFrom: '2024-02-10' }),
  link({ id: 'l3', type: 'uses-phone', from: 'p1', to: 'ph1', sources: ['i1'] }),
  link({ id: 'l4', type: 'drives-vehicle', from: 'p1', to: 'v1', sources: ['i1'], note: 'Seen driving on 3 occasions' }),
  link({ id: 'l5', type: 'drives-vehicle', from: 'p1', to: 'v1', sources: ['i4'], dateFrom: '2024-05-01' }),
  link({ id: 'l6', type: 'lives-at', from: 'p3', to: 'a1', sources: ['i4'] }),
  link({ id: 'l7', type: 'works-at', from: 'p3', to: 'b1', sources: ['i4'] }),
  link({ id: 'l8', type: 'frequents', from: 'p2', to: 'h1', sources: ['i2'] }),
  link({ id: 'l9', type: 'online-contact', from: 'p2', to: 'ph2', sources: ['i2'] }),
  link({ id: 'l10', type: 'seen-with', from: 'v2', to: 'p3', sources: ['i4'] }),
];

export function chartInput(over: Partial<ChartExportInput> = {}): ChartExportInput {
  return {
    workspace: { name: 'Operation Juniper & <friends>', marking: 'OFFICIAL-SENSITIVE' },
    entities,
    links,
    items,
    positions: Object.fromEntries(entities.map((e, i) => [e.id, { x: 100 * i, y: i % 2 ? 50.4 : -20 }])),
    exportedAt: '2024-06-01T12:00:00.000Z',
    ...over,
  };
}
