/**
 * From a workspace's entities and links to resolution records: each Person (not merged away) becomes a
 * record carrying what is linked to it, so that evidence flows through the graph. Two person records
 * that use the same phone, drive the same vehicle or live at the same address compare as agreeing on
 * that phone, vehicle or address (by value, so duplicate phone entities with one number still agree).
 * Links to other entities (associates, businesses, hot spots, addresses merely frequented) become the
 * supporting `network` field, and a direct link between two person records is evidence that someone
 * recorded them as two people.
 */
import type { Address, Entity, Id, Link, LinkType, Person, Phone, Vehicle } from './shared';
import { foldText } from './shared';
import {
  addAddress,
  addName,
  addNickname,
  addFullName,
  emptyRecord,
  normaliseDob,
  normaliseEmail,
  normaliseHandle,
  normaliseIdentifier,
  normalisePhoneValue,
  normalisePostcodeValue,
} from './records';
import type { ResolutionRecord } from './types';

/** Links through which a person's own phone, vehicle or home is recorded. */
const VALUE_LINKS: ReadonlySet<LinkType> = new Set<LinkType>(['uses-phone', 'drives-vehicle', 'owns-vehicle', 'lives-at']);

const pushUnique = <T>(list: T[], v: T | null | undefined): void => {
  if (v !== null && v !== undefined && !list.includes(v)) list.push(v);
};

/** The record of one person, without links. */
export function recordFromPerson(p: Person): ResolutionRecord {
  const rec = emptyRecord(p.id);
  for (const n of p.names) {
    if (n.kind === 'legal') {
      if (n.given.trim() || n.family.trim()) addName(rec, { given: n.given, family: n.family });
      else addFullName(rec, n.full);
    } else if (n.kind === 'nickname') {
      addNickname(rec, n.full || `${n.given} ${n.family}`);
    } else {
      // Street names and aliases: supporting evidence only.
      pushUnique(rec.aliases, foldText(n.full || `${n.given} ${n.family}`) || null);
    }
  }
  if (p.dob) pushUnique(rec.dobs, normaliseDob(p.dob.value));
  if (p.estimatedAge) rec.ageEstimates.push({ years: p.estimatedAge.value.years, asOf: p.estimatedAge.value.asOf });
  const sex = p.sex.value;
  rec.sex = sex === 'female' || sex === 'male' ? sex : null;
  for (const i of p.identifiers) pushUnique(rec.identifiers, normaliseIdentifier(i.value.scheme, i.value.value));
  return rec;
}

function addPhone(rec: ResolutionRecord, ph: Phone): void {
  if (ph.phoneType === 'number' && ph.number) {
    pushUnique(rec.phones, normalisePhoneValue(ph.number.value));
  } else if (ph.handle) {
    const email = normaliseEmail(ph.handle.value);
    if (email) pushUnique(rec.emails, email);
    else pushUnique(rec.handles, normaliseHandle(ph.handle.value, ph.platform ?? ''));
  }
}

function addVehicle(rec: ResolutionRecord, v: Vehicle): void {
  if (v.registration) pushUnique(rec.vehicles, v.registration.value.toUpperCase().replace(/\s+/g, ''));
}

function addHome(rec: ResolutionRecord, a: Address): void {
  const lines = a.lines.value.join(', ');
  if (lines.trim()) addAddress(rec, lines);
  if (a.postcode) pushUnique(rec.postcodes, normalisePostcodeValue(a.postcode.value));
}

/**
 * Resolution records for every person entity that has not been merged into another, in entity order,
 * with the phones, vehicles and home addresses linked to them.
 */
export function recordsFromWorkspace(entities: readonly Entity[], links: readonly Link[]): ResolutionRecord[] {
  const byId = new Map<Id, Entity>();
  for (const e of entities) byId.set(e.id, e);
  const records = new Map<Id, ResolutionRecord>();
  for (const e of entities) if (e.kind === 'person' && !e.mergedInto) records.set(e.id, recordFromPerson(e));
  for (const l of links) {
    for (const [selfId, otherId] of [
      [l.from, l.to],
      [l.to, l.from],
    ] as const) {
      const rec = records.get(selfId);
      const other = byId.get(otherId);
      if (!rec || !other) continue;
      if (other.kind === 'person') {
        if (records.has(otherId)) pushUnique(rec.linkedRecords, otherId);
        pushUnique(rec.network, otherId);
      } else if (VALUE_LINKS.has(l.type) && other.kind === 'phone') addPhone(rec, other);
      else if (VALUE_LINKS.has(l.type) && other.kind === 'vehicle') addVehicle(rec, other);
      else if (l.type === 'lives-at' && other.kind === 'address') addHome(rec, other);
      else if (other.kind === 'phone') addPhone(rec, other);
      else pushUnique(rec.network, otherId);
    }
  }
  return [...records.values()];
}
