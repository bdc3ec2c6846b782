/**
 * Resolving vehicles, phones and online handles, addresses and businesses: which entities of the same
 * kind record the same thing. Simpler than people (resolvePeople): few fields, so no fitted model, but
 * the same normalisers and comparators, candidate pairs from normalised keys, and evidence in bits with
 * a fixed weight per level, explained field by field. A pair's probability is
 * 1 / (1 + 2^-(PRIOR + evidence)), banded like people (DEFAULT_THRESHOLDS).
 *
 *   vehicle   registration (exact / look-alike characters O-0 I-1 / partial plate fits / one character
 *             apart / different), make, model, colour
 *   phone     number in E.164 (exact only: a digit apart is another line); a handle (exact, one
 *             character apart) and its platform
 *   address   the lines (flat forms and abbreviations normalised, as for people), postcode, and map
 *             position when both have an exact one
 *   business  name without "the" and legal suffixes ("The Star Cars Ltd" ~ "Star Cars"), type, and the
 *             addresses it is linked to (when links are given)
 */
import type { Entity, EntityKind, Link } from './shared';
import { foldText, normalisePhone } from './shared';
import { addressLevel, plateLevel, postcodeLevel } from './compare';
import { probabilityOf, weightOf } from './model';
import { prepareAddress, preparePlate, preparePostcode, type PAddress, type PPlate, type PPostcode } from './prepare';
import { normaliseHandle, normalisePostcodeValue } from './records';
import { jaroWinkler, withinOneEdit } from './similarity';
import type { FieldExplanation, PairBand, Thresholds } from './types';
import { DEFAULT_THRESHOLDS, pairKey } from './types';

export type OtherKind = Extract<EntityKind, 'vehicle' | 'phone' | 'address' | 'business'>;
export type OtherField =
  | 'registration'
  | 'make'
  | 'model'
  | 'colour'
  | 'number'
  | 'handle'
  | 'platform'
  | 'lines'
  | 'postcode'
  | 'location'
  | 'name'
  | 'businessType'
  | 'address';

export interface EntityPair {
  kind: OtherKind;
  leftId: string;
  rightId: string;
  probability: number;
  /** Evidence in bits, prior included. */
  weight: number;
  band: PairBand;
  fields: FieldExplanation<OtherField>[];
}

export interface ResolveOthersOptions {
  thresholds?: Partial<Thresholds>;
  /** Pairs an analyst has said are "Not the same" (keys from `pairKey`). */
  cannotLink?: ReadonlySet<string>;
}

/** Prior log-odds (bits) that two entities of one kind sharing a key are the same. */
export const OTHERS_PRIOR = -6.5;
/** Blocks of more entities than this say too little to compare. */
const MAX_BLOCK = 50;

type Evidence = FieldExplanation<OtherField>;

const ev = (field: OtherField, level: string, weight: number, explanation: string, left: string[], right: string[]): Evidence => ({
  field,
  level,
  weight,
  explanation: `${explanation} [${weight >= 0 ? '+' : ''}${weight} bits]`,
  leftValues: left,
  rightValues: right,
});

function sameText(field: OtherField, label: string, a: string | undefined, b: string | undefined, agree: number, differ: number): Evidence[] {
  const x = a ? foldText(a) : '';
  const y = b ? foldText(b) : '';
  if (!x || !y) return [];
  return x === y || (x.length >= 4 && jaroWinkler(x, y) >= 0.92)
    ? [ev(field, 'same', agree, `${label}: the same`, [a ?? ''], [b ?? ''])]
    : [ev(field, 'different', differ, `${label}: different`, [a ?? ''], [b ?? ''])];
}

// ---------------------------------------------------------------- vehicles

interface VehicleItem {
  kind: 'vehicle';
  id: string;
  plate: PPlate;
  make?: string;
  model?: string;
  colour?: string;
}

const PLATE_LEVELS: readonly [string, number, string][] = [
  ['exact', 20, 'same registration'],
  ['confusable', 9, 'same registration but for look-alike characters (O/0, I/1...)'],
  ['partial-strong', 6, 'a partial plate fits (5 or more characters known)'],
  ['partial-weak', 3, 'a partial plate fits (3 or 4 characters known)'],
  ['typo', 4, 'one character apart'],
  ['different', -12, 'different registrations'],
];

function plateKeys(p: PPlate): string[] {
  const keys: string[] = [];
  if (!p.partial) keys.push(`v:${p.conf}`);
  const tail = p.conf.match(/([A-Z0-9]{3})$/);
  if (tail) keys.push(`vs:${tail[1]}`);
  const head = p.conf.match(/^([A-Z0-9]{4})/);
  if (head) keys.push(`vb:${head[1]}`);
  return keys;
}

function compareVehicles(a: VehicleItem, b: VehicleItem): Evidence[] {
  const out: Evidence[] = [];
  const spec = PLATE_LEVELS[plateLevel(a.plate, b.plate)];
  if (spec) out.push(ev('registration', spec[0], spec[1], `Registration: ${spec[2]}`, [a.plate.v], [b.plate.v]));
  out.push(...sameText('make', 'Make', a.make, b.make, 2, -4));
  out.push(...sameText('model', 'Model', a.model, b.model, 1, -2));
  out.push(...sameText('colour', 'Colour', a.colour, b.colour, 1, -1));
  return out;
}

// ---------------------------------------------------------------- phones and handles

interface NumberItem {
  kind: 'phone';
  id: string;
  number: string;
}
interface HandleItem {
  kind: 'phone';
  id: string;
  handle: string;
  platform: string;
  platformLabel: string;
}
type PhoneItem = NumberItem | HandleItem;

function comparePhones(a: PhoneItem, b: PhoneItem): Evidence[] {
  if ('number' in a && 'number' in b) {
    return a.number === b.number
      ? [ev('number', 'exact', 20, 'Number: the same', [a.number], [b.number])]
      : [ev('number', 'different', -20, 'Number: different', [a.number], [b.number])];
  }
  if ('handle' in a && 'handle' in b) {
    const out: Evidence[] = [];
    if (a.handle === b.handle) out.push(ev('handle', 'exact', 14, 'Handle: the same', [a.handle], [b.handle]));
    else if (a.handle.length >= 5 && withinOneEdit(a.handle, b.handle))
      out.push(ev('handle', 'typo', 5, 'Handle: one character apart', [a.handle], [b.handle]));
    else out.push(ev('handle', 'different', -14, 'Handle: different', [a.handle], [b.handle]));
    if (a.platform && b.platform)
      out.push(
        a.platform === b.platform
          ? ev('platform', 'same', 2, 'Platform: the same', [a.platformLabel], [b.platformLabel])
          : ev('platform', 'different', -6, 'Platform: different (one name on two platforms may be two people)', [a.platformLabel], [b.platformLabel]),
      );
    return out;
  }
  return [];
}

// ---------------------------------------------------------------- addresses

interface AddressItem {
  kind: 'address';
  id: string;
  lines: string;
  address: PAddress | null;
  postcode: PPostcode | null;
  location?: { lat: number; lng: number; precision: string };
}

const ADDRESS_LEVELS: readonly [string, number, string][] = [
  ['exact', 14, 'the same'],
  ['same-property', 12, 'the same property, written differently'],
  ['near', 5, 'similar'],
  ['weak', 1, 'some words in common'],
  ['different', -10, 'different'],
];
const POSTCODE_LEVELS: readonly [string, number, string][] = [
  ['exact', 6, 'the same'],
  ['sector', 1, 'the same sector or one character apart'],
  ['district', 0, 'the same district'],
  ['different', -10, 'different'],
];

function metres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const x = (b.lng - a.lng) * rad * Math.cos(((a.lat + b.lat) / 2) * rad);
  const y = (b.lat - a.lat) * rad;
  return Math.sqrt(x * x + y * y) * 6_371_000;
}

function compareAddresses(a: AddressItem, b: AddressItem): Evidence[] {
  const out: Evidence[] = [];
  if (a.address && b.address) {
    const l = ADDRESS_LEVELS[addressLevel(a.address, b.address)];
    if (l) out.push(ev('lines', l[0], l[1], `Address: ${l[2]}`, [a.lines], [b.lines]));
  }
  if (a.postcode && b.postcode) {
    const l = POSTCODE_LEVELS[postcodeLevel(a.postcode, b.postcode)];
    if (l) out.push(ev('postcode', l[0], l[1], `Postcode: ${l[2]}`, [a.postcode.v], [b.postcode.v]));
  }
  if (a.location && b.location) {
    const d = metres(a.location, b.location);
    const left = [`${a.location.lat},${a.location.lng}`];
    const right = [`${b.location.lat},${b.location.lng}`];
    if (d <= 25) out.push(ev('location', 'same', 3, `Map position: ${Math.round(d)} m apart`, left, right));
    else if (d > 500 && a.location.precision === 'exact' && b.location.precision === 'exact')
      out.push(ev('location', 'far', -8, `Map position: ${Math.round(d)} m apart`, left, right));
  }
  return out;
}

// ---------------------------------------------------------------- businesses

/** A business name without "the", legal suffixes and punctuation ("The Star Cars Ltd." -> "star cars"). */
export function businessNameKey(name: string): string {
  return foldText(name.replace(/&/g, ' and '))
    .split(' ')
    .filter((w) => w && !['the', 'ltd', 'limited', 'plc', 'llp', 'co', 'company', 'uk'].includes(w))
    .join(' ');
}

/** Words too common in business names to pair on. */
const GENERIC_WORDS = new Set(['and', 'cars', 'taxis', 'taxi', 'private', 'hire', 'hotel', 'kebabs', 'kebab', 'pizza', 'takeaway', 'bar', 'cafe', 'shop', 'stores', 'store', 'house', 'lodge', 'grill', 'express', 'services']);

interface BusinessItem {
  kind: 'business';
  id: string;
  label: string;
  name: string;
  words: string[];
  type: string;
  addresses: Set<string>;
}

function compareBusinesses(a: BusinessItem, b: BusinessItem): Evidence[] {
  const out: Evidence[] = [];
  const shared = a.words.filter((w) => b.words.includes(w)).length;
  const jaccard = shared / (a.words.length + b.words.length - shared);
  if (a.name === b.name) out.push(ev('name', 'exact', 10, 'Name: the same (ignoring "the", "Ltd"...)', [a.label], [b.label]));
  else if (jaccard >= 0.75 || withinOneEdit(a.name, b.name) || jaroWinkler(a.name, b.name) >= 0.95)
    out.push(ev('name', 'near', 6, 'Name: nearly the same', [a.label], [b.label]));
  else if (jaccard >= 0.5) out.push(ev('name', 'partial', 1, 'Name: some words in common', [a.label], [b.label]));
  else out.push(ev('name', 'different', -8, 'Name: different', [a.label], [b.label]));
  if (a.type === b.type) out.push(ev('businessType', 'same', 1, 'Type: the same', [a.type], [b.type]));
  else if (a.type !== 'other' && b.type !== 'other') out.push(ev('businessType', 'different', -3, 'Type: different', [a.type], [b.type]));
  if (a.addresses.size && b.addresses.size) {
    const common = [...a.addresses].some((x) => b.addresses.has(x));
    out.push(
      common
        ? ev('address', 'same', 5, 'Linked to the same address', [...a.addresses], [...b.addresses])
        : ev('address', 'different', -2, 'Linked to different addresses', [...a.addresses], [...b.addresses]),
    );
  }
  return out;
}

// ---------------------------------------------------------------- preparing and pairing

type Item = VehicleItem | PhoneItem | AddressItem | BusinessItem;

function prepareItem(e: Entity, addressesOf: ReadonlyMap<string, Set<string>>): { item: Item; keys: string[] } | null {
  switch (e.kind) {
    case 'vehicle': {
      const reg = e.registration?.value.toUpperCase().replace(/\s+/g, '');
      if (!reg) return null;
      const plate = preparePlate(reg);
      const item: VehicleItem = { kind: 'vehicle', id: e.id, plate };
      if (e.make) item.make = e.make.value;
      if (e.model) item.model = e.model.value;
      if (e.colour) item.colour = e.colour.value;
      return { item, keys: plateKeys(plate) };
    }
    case 'phone': {
      if (e.phoneType === 'number' && e.number) {
        const r = normalisePhone(e.number.value);
        const number = r.ok ? r.e164 : e.number.value.replace(/[^\d+]/g, '');
        return number ? { item: { kind: 'phone', id: e.id, number }, keys: [`n:${number}`] } : null;
      }
      const handle = e.handle ? (normaliseHandle(e.handle.value) ?? '') : '';
      if (!handle) return null;
      const item: HandleItem = { kind: 'phone', id: e.id, handle, platform: foldText(e.platform ?? '').replace(/ /g, ''), platformLabel: e.platform ?? '' };
      return { item, keys: [`h:${handle}`, ...(handle.length >= 5 ? [`h4:${handle.slice(0, 4)}`] : [])] };
    }
    case 'address': {
      const lines = e.lines.value.join(', ');
      const address = lines.trim() ? prepareAddress(lines) : null;
      const pc = e.postcode ? normalisePostcodeValue(e.postcode.value) : null;
      const item: AddressItem = { kind: 'address', id: e.id, lines, address, postcode: pc ? preparePostcode(pc) : null };
      if (e.location) item.location = e.location.value;
      const keys: string[] = [];
      if (item.postcode) keys.push(`pc:${item.postcode.v}`);
      if (address?.words[0]) keys.push(`ad:${address.numbers[0] ?? ''}|${address.words[0]}`);
      return keys.length ? { item, keys } : null;
    }
    case 'business': {
      const name = businessNameKey(e.name.value);
      if (!name) return null;
      const words = name.split(' ');
      const item: BusinessItem = { kind: 'business', id: e.id, label: e.name.value, name, words, type: e.businessType, addresses: addressesOf.get(e.id) ?? new Set() };
      return { item, keys: [`b:${name}`, ...words.filter((w) => w.length >= 3 && !GENERIC_WORDS.has(w)).map((w) => `bw:${w}`)] };
    }
    default:
      return null;
  }
}

function compareItems(a: Item, b: Item): Evidence[] {
  if (a.kind === 'vehicle' && b.kind === 'vehicle') return compareVehicles(a, b);
  if (a.kind === 'phone' && b.kind === 'phone') return comparePhones(a, b);
  if (a.kind === 'address' && b.kind === 'address') return compareAddresses(a, b);
  if (a.kind === 'business' && b.kind === 'business') return compareBusinesses(a, b);
  return [];
}

/** The addresses each business among `live` is linked to (businesses are compared by them). */
function addressesByBusiness(live: readonly Entity[], links: readonly Link[]): Map<string, Set<string>> {
  const kindOf = new Map<string, EntityKind>(live.map((e) => [e.id, e.kind]));
  const addressesOf = new Map<string, Set<string>>();
  for (const l of links) {
    for (const [a, b] of [
      [l.from, l.to],
      [l.to, l.from],
    ] as const) {
      if (kindOf.get(a) === 'business' && kindOf.get(b) === 'address') {
        const set = addressesOf.get(a) ?? new Set<string>();
        set.add(b);
        addressesOf.set(a, set);
      }
    }
  }
  return addressesOf;
}

/** Two prepared items of one kind scored: the evidence of each field, the prior added, banded. */
function scoreItems(a: Item, b: Item, confidentWeight: number): EntityPair {
  const fields = compareItems(a, b);
  const weight = OTHERS_PRIOR + fields.reduce((t, f) => t + f.weight, 0);
  return {
    kind: a.kind,
    leftId: a.id,
    rightId: b.id,
    probability: probabilityOf(weight),
    weight,
    band: weight >= confidentWeight ? 'confident' : 'review',
    fields,
  };
}

/**
 * Candidate duplicate pairs among vehicles, phones / handles, addresses and businesses (entities not
 * merged away), at or above the review threshold, best first, each explained field by field. `links`
 * (optional) let businesses be compared by the addresses they are linked to.
 */
export function resolveOthers(entities: readonly Entity[], links: readonly Link[] = [], options: ResolveOthersOptions = {}): { pairs: EntityPair[] } {
  const thresholds: Thresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  const cannotLink = options.cannotLink ?? new Set<string>();
  const live = entities.filter((e) => !e.mergedInto);
  const addressesOf = addressesByBusiness(live, links);
  const items: Item[] = [];
  const byKey = new Map<string, number[]>();
  for (const e of live) {
    const prepared = prepareItem(e, addressesOf);
    if (!prepared) continue;
    const i = items.length;
    items.push(prepared.item);
    for (const k of prepared.keys) {
      const key = `${prepared.item.kind}|${k}`;
      const list = byKey.get(key);
      if (list) list.push(i);
      else byKey.set(key, [i]);
    }
  }
  const reviewWeight = weightOf(thresholds.review);
  const confidentWeight = weightOf(thresholds.confident);
  const seen = new Set<number>();
  const pairs: EntityPair[] = [];
  for (const list of byKey.values()) {
    if (list.length < 2 || list.length > MAX_BLOCK) continue;
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const i = Math.min(list[x] as number, list[y] as number);
        const j = Math.max(list[x] as number, list[y] as number);
        if (seen.has(i * items.length + j)) continue;
        seen.add(i * items.length + j);
        const a = items[i] as Item;
        const b = items[j] as Item;
        if (cannotLink.has(pairKey(a.id, b.id))) continue;
        const pair = scoreItems(a, b, confidentWeight);
        if (pair.weight >= reviewWeight) pairs.push(pair);
      }
    }
  }
  pairs.sort((p, q) => q.weight - p.weight || (p.leftId < q.leftId ? -1 : p.leftId > q.leftId ? 1 : 0));
  return { pairs };
}

const OTHER_KINDS: ReadonlySet<EntityKind> = new Set<EntityKind>(['vehicle', 'phone', 'address', 'business']);

/** True for the kinds `resolveOthers` compares. */
export function isOtherKind(kind: EntityKind): kind is OtherKind {
  return OTHER_KINDS.has(kind);
}

/**
 * One pair of vehicles, phones / handles, addresses or businesses scored as `resolveOthers` scores its
 * candidates, whether or not it would be one. `listed`: `resolveOthers` itself returns the pair (it is
 * then returned as is). A pair with nothing comparable recorded on both sides (a vehicle without a
 * registration, a number against a handle) has no fields and the prior's probability.
 */
export function scoreOtherPair(
  entities: readonly Entity[],
  links: readonly Link[],
  aId: string,
  bId: string,
  options: ResolveOthersOptions = {},
): { pair: EntityPair; listed: boolean } {
  const listed = resolveOthers(entities, links, options).pairs.find((p) => pairKey(p.leftId, p.rightId) === pairKey(aId, bId));
  if (listed) return { pair: listed, listed: true };
  const live = entities.filter((e) => !e.mergedInto);
  const x = live.find((e) => e.id === aId);
  const y = live.find((e) => e.id === bId);
  if (!x || !y) throw new Error(`No ${x ? bId : aId} among the entities not merged away.`);
  if (x.kind !== y.kind || !isOtherKind(x.kind)) throw new Error(`A ${x.kind} and a ${y.kind} are not compared as vehicles, phones, addresses or businesses.`);
  // Oriented as resolveOthers orients its candidates (entity order).
  const [a, b] = live.indexOf(x) < live.indexOf(y) ? [x, y] : [y, x];
  const thresholds: Thresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  const confidentWeight = weightOf(thresholds.confident);
  const addressesOf = addressesByBusiness(live, links);
  const ia = prepareItem(a, addressesOf)?.item;
  const ib = prepareItem(b, addressesOf)?.item;
  if (ia && ib) return { pair: scoreItems(ia, ib, confidentWeight), listed: false };
  return {
    pair: { kind: x.kind, leftId: a.id, rightId: b.id, probability: probabilityOf(OTHERS_PRIOR), weight: OTHERS_PRIOR, band: 'review', fields: [] },
    listed: false,
  };
}
