/**
 * Create or edit an entity of any kind, in a dialog. One set of fields per kind; what is typed is
 * normalised (plates, phones, postcodes) and checked before anything is saved, and each problem is shown
 * in plain words at its field.
 *
 * Provenance: values left unchanged keep the sources they already cite; new or changed values cite the
 * items chosen in the form's SourcePicker (an item recorded inline is saved in the same transaction).
 */
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { FormFooter, useFormState } from './formKit';
import { Dialog } from '../../components/Dialog';
import { Field, problemFor } from '../../components/Field';
import { useNotify } from '../../components/notify';
import { entityLabel, HOTSPOT_TYPE_LABEL } from '../../domain/labels';
import {
  BUSINESS_TYPES,
  BUSINESS_TYPE_LABEL,
  ETHNICITIES,
  ETHNICITY_LABEL,
  HOTSPOT_TYPES,
  KIND_LABEL,
  NAME_KINDS,
  NAME_KIND_LABEL,
  PLACE_TYPES,
  PLACE_TYPE_LABEL,
  RISK_LEVELS,
  ROLES,
  ROLE_LABEL,
  SEXES,
  type Address,
  type Business,
  type BusinessType,
  type Entity,
  type EntityKind,
  type Ethnicity,
  type Fact,
  type GeoPoint,
  type Hotspot,
  type HotspotType,
  type Identifier,
  type NameKind,
  type Person,
  type PersonName,
  type Phone,
  type PlaceType,
  type RiskLevel,
  type Role,
  type Sex,
  type Vehicle,
} from '../../domain/model';
import { normaliseDate, normalisePhone, normalisePlate, normalisePostcode, parsePersonName, todayIso } from '../../domain/normalise';
import { deepEqual, newId, nowIso } from '../../domain/util';
import { validateEntity, validateIntelItem, type Problem } from '../../domain/validate';
import { useSession } from '../../hooks/session';
import { saveEntity, saveItemWith, ValidationError } from '../../services/records';
import { EntityPicker } from './EntityPicker';
import { buildNewItem, itemProblemsOf, SourcePicker, type ItemDraft } from './SourcePicker';
import { LikelyMatches, type MatchQuery } from './LikelyMatches';
import './forms.css';

export const NO_SOURCE_MESSAGE = 'Choose the intelligence item this comes from, or record a new one.';

const KIND_WORD: Record<EntityKind, string> = {
  person: 'person',
  vehicle: 'vehicle',
  phone: 'phone / handle',
  address: 'address',
  business: 'business',
  hotspot: 'hot spot',
};

const ID_PREFIX: Record<EntityKind, string> = {
  person: 'p',
  vehicle: 'v',
  phone: 'ph',
  address: 'a',
  business: 'b',
  hotspot: 'h',
};

const SEX_LABEL: Record<Sex, string> = { female: 'Female', male: 'Male', other: 'Other', unknown: 'Unknown' };
const RISK_LABEL: Record<RiskLevel, string> = { unknown: 'Not assessed', low: 'Low', medium: 'Medium', high: 'High' };

export const PLATFORMS = ['Snapchat', 'Instagram', 'WhatsApp', 'Facebook', 'TikTok', 'Telegram', 'X', 'Other'] as const;
const IDENTIFIER_SCHEMES = ['PNC', 'NHS', 'LCS', 'UPN', 'Niche', 'Athena', 'Mosaic'];

/** Fields of the stored record whose problems belong to the inline intelligence item. */
const ITEM_FIELDS = new Set(['agency', 'reference', 'dateRecorded', 'dateOfIntelligence', 'text', 'grading', 'author']);

// ---------------------------------------------------------------- drafts (what the form holds)

interface NameDraft {
  key: string;
  kind: NameKind;
  given: string;
  family: string;
  full: string;
}
interface IdentifierDraft {
  key: string;
  scheme: string;
  value: string;
}
interface PersonDraft {
  kind: 'person';
  names: NameDraft[];
  dob: string;
  ageYears: string;
  ageAsOf: string;
  sex: Sex;
  ethnicity: Ethnicity;
  roles: Role[];
  riskLevel: RiskLevel;
  identifiers: IdentifierDraft[];
}
interface VehicleDraft {
  kind: 'vehicle';
  registration: string;
  make: string;
  model: string;
  colour: string;
}
interface PhoneDraft {
  kind: 'phone';
  phoneType: 'number' | 'handle';
  number: string;
  platform: string;
  otherPlatform: string;
  handle: string;
}
interface AddressDraft {
  kind: 'address';
  lines: string;
  postcode: string;
  placeType: PlaceType;
  lat: string;
  lng: string;
}
interface BusinessDraft {
  kind: 'business';
  name: string;
  businessType: BusinessType;
  licences: string;
}
interface HotspotDraft {
  kind: 'hotspot';
  name: string;
  hotspotType: HotspotType;
  description: string;
  lat: string;
  lng: string;
  addressId: string | null;
}
type Draft = PersonDraft | VehicleDraft | PhoneDraft | AddressDraft | BusinessDraft | HotspotDraft;

const rowKey = () => newId('row');
const isShortName = (k: NameKind) => k === 'nickname' || k === 'street';

function nameDraft(n?: PersonName): NameDraft {
  if (!n) return { key: rowKey(), kind: 'legal', given: '', family: '', full: '' };
  if (isShortName(n.kind)) return { key: rowKey(), kind: n.kind, given: '', family: '', full: n.full || `${n.given} ${n.family}`.trim() };
  const parsed = !n.given && !n.family && n.full ? parsePersonName(n.full) : { given: n.given, family: n.family };
  return { key: rowKey(), kind: n.kind, given: parsed.given, family: parsed.family, full: '' };
}

function geoText(p: GeoPoint | undefined): { lat: string; lng: string } {
  return p ? { lat: String(p.lat), lng: String(p.lng) } : { lat: '', lng: '' };
}

function emptyDraft(kind: EntityKind): Draft {
  switch (kind) {
    case 'person':
      return {
        kind,
        names: [nameDraft()],
        dob: '',
        ageYears: '',
        ageAsOf: '',
        sex: 'unknown',
        ethnicity: 'unknown',
        roles: [],
        riskLevel: 'unknown',
        identifiers: [],
      };
    case 'vehicle':
      return { kind, registration: '', make: '', model: '', colour: '' };
    case 'phone':
      return { kind, phoneType: 'number', number: '', platform: 'Snapchat', otherPlatform: '', handle: '' };
    case 'address':
      return { kind, lines: '', postcode: '', placeType: 'other', lat: '', lng: '' };
    case 'business':
      return { kind, name: '', businessType: 'other', licences: '' };
    case 'hotspot':
      return { kind, name: '', hotspotType: 'area', description: '', lat: '', lng: '', addressId: null };
  }
}

function draftOf(e: Entity): Draft {
  switch (e.kind) {
    case 'person':
      return {
        kind: 'person',
        names: e.names.length ? e.names.map(nameDraft) : [nameDraft()],
        dob: e.dob?.value ?? '',
        ageYears: e.estimatedAge ? String(e.estimatedAge.value.years) : '',
        ageAsOf: e.estimatedAge?.value.asOf ?? '',
        sex: e.sex.value,
        ethnicity: e.ethnicity.value,
        roles: [...new Set(e.roles.map((r) => r.value))],
        riskLevel: e.riskLevel?.value ?? 'unknown',
        identifiers: e.identifiers.map((i) => ({ key: rowKey(), scheme: i.value.scheme, value: i.value.value })),
      };
    case 'vehicle':
      return {
        kind: 'vehicle',
        registration: e.registration?.value ?? '',
        make: e.make?.value ?? '',
        model: e.model?.value ?? '',
        colour: e.colour?.value ?? '',
      };
    case 'phone': {
      const known = (PLATFORMS as readonly string[]).includes(e.platform ?? '');
      return {
        kind: 'phone',
        phoneType: e.phoneType,
        number: e.number?.value ?? '',
        platform: e.platform ? (known ? e.platform : 'Other') : 'Snapchat',
        otherPlatform: e.platform && !known ? e.platform : '',
        handle: e.handle?.value ?? '',
      };
    }
    case 'address':
      return {
        kind: 'address',
        lines: e.lines.value.join('\n'),
        postcode: e.postcode?.value ?? '',
        placeType: e.placeType,
        ...geoText(e.location?.value),
      };
    case 'business':
      return { kind: 'business', name: e.name.value, businessType: e.businessType, licences: e.licences.map((l) => l.value).join(', ') };
    case 'hotspot':
      return {
        kind: 'hotspot',
        name: e.name.value,
        hotspotType: e.hotspotType,
        description: e.description,
        ...geoText(e.location?.value),
        addressId: e.addressId ?? null,
      };
  }
}

// ---------------------------------------------------------------- draft -> entity

/**
 * Builds facts, keeping the sources of unchanged values and citing `sources` for new or changed ones.
 * `cited` records whether any value needed the new sources.
 */
class Citer {
  cited = false;
  constructor(private readonly sources: string[]) {}

  fact<T>(prev: Fact<T> | undefined, value: T): Fact<T> {
    if (prev && deepEqual(prev.value, value)) return prev;
    this.cited = true;
    return { value, sources: [...this.sources] };
  }

  optional<T>(prev: Fact<T> | undefined, value: T | undefined): Fact<T> | undefined {
    return value === undefined ? undefined : this.fact(prev, value);
  }

  /** A list of facts: each value keeps the sources of an equal previous value. */
  list<T>(prev: Fact<T>[], values: T[]): Fact<T>[] {
    return values.map((v) => this.fact(prev.find((p) => deepEqual(p.value, v)), v));
  }

  name(prev: PersonName[], n: Omit<PersonName, 'sources'>): PersonName {
    const same = prev.find((p) => p.kind === n.kind && p.given === n.given && p.family === n.family && p.full === n.full);
    if (same) return same;
    this.cited = true;
    return { ...n, sources: [...this.sources] };
  }
}

const tidy = (s: string): string => s.replace(/\s+/g, ' ').trim();
const orUndefined = (s: string): string | undefined => tidy(s) || undefined;

/** Parses optional latitude/longitude text: both or neither, numbers in range. */
function parseLocation(latText: string, lngText: string, problems: Problem[]): { lat: number; lng: number } | undefined {
  const lt = latText.trim();
  const lg = lngText.trim();
  if (!lt && !lg) return undefined;
  if (!lt || !lg) {
    problems.push({
      field: !lt ? 'location.lat' : 'location.lng',
      message: 'Give both latitude and longitude, or leave both empty.',
    });
    return undefined;
  }
  const lat = Number(lt);
  const lng = Number(lg);
  let ok = true;
  if (!Number.isFinite(lat)) {
    problems.push({ field: 'location.lat', message: `Latitude "${lt}" is not a number (e.g. 53.7996).` });
    ok = false;
  } else if (lat < -90 || lat > 90) {
    problems.push({ field: 'location.lat', message: `Latitude ${lt} is out of range: it must be between -90 and 90.` });
    ok = false;
  }
  if (!Number.isFinite(lng)) {
    problems.push({ field: 'location.lng', message: `Longitude "${lg}" is not a number (e.g. -1.5491).` });
    ok = false;
  } else if (lng < -180 || lng > 180) {
    problems.push({ field: 'location.lng', message: `Longitude ${lg} is out of range: it must be between -180 and 180.` });
    ok = false;
  }
  return ok ? { lat, lng } : undefined;
}

function locationFact(c: Citer, prev: Fact<GeoPoint> | undefined, point: { lat: number; lng: number } | undefined): Fact<GeoPoint> | undefined {
  if (!point) return undefined;
  if (prev && prev.value.lat === point.lat && prev.value.lng === point.lng) return prev;
  return c.fact(undefined, { ...point, precision: 'manual' });
}

interface Built {
  entity: Entity;
  /** Problems found while reading the form (normalisers, numbers, both-or-neither). */
  problems: Problem[];
  /** True when a new or changed value needs a source. */
  needsSource: boolean;
}

function buildEntity(draft: Draft, existing: Entity | null, workspaceId: string, sources: string[]): Built {
  const c = new Citer(sources);
  const problems: Problem[] = [];
  const now = nowIso();
  const base = {
    id: existing?.id ?? newId(ID_PREFIX[draft.kind]),
    workspaceId,
    createdAt: existing?.createdAt ?? now,
    updatedAt: existing?.updatedAt ?? now,
    notes: existing?.notes ?? [],
    ...(existing?.mergedInto ? { mergedInto: existing.mergedInto } : {}),
  };
  let entity: Entity;

  switch (draft.kind) {
    case 'person': {
      const prev = existing?.kind === 'person' ? existing : null;
      const names = draft.names.map((n) => {
        if (isShortName(n.kind)) return c.name(prev?.names ?? [], { kind: n.kind, given: '', family: '', full: tidy(n.full) });
        const given = tidy(n.given);
        const family = tidy(n.family);
        return c.name(prev?.names ?? [], { kind: n.kind, given, family, full: tidy(`${given} ${family}`) });
      });
      let estimatedAge: Fact<{ years: number; asOf: string }> | undefined;
      const ageText = draft.ageYears.trim();
      if (ageText) {
        const years = Number(ageText);
        if (!Number.isInteger(years)) problems.push({ field: 'estimatedAge', message: `Estimated age "${ageText}" must be a whole number of years.` });
        else estimatedAge = c.fact(prev?.estimatedAge, { years, asOf: draft.ageAsOf.trim() || todayIso() });
        if (draft.dob.trim())
          problems.push({ field: 'estimatedAge', message: 'Give a date of birth or an estimated age, not both.' });
      } else if (draft.ageAsOf.trim()) {
        problems.push({ field: 'estimatedAge', message: 'Type the estimated age in years, or clear its date.' });
      }
      const roles = [...new Set(draft.roles)];
      const atRisk = roles.includes('young-person-at-risk');
      const identifiers: Identifier[] = draft.identifiers.map((i) => ({ scheme: tidy(i.scheme), value: tidy(i.value) }));
      const person: Person = {
        ...base,
        kind: 'person',
        names,
        sex: c.fact(prev?.sex, draft.sex),
        ethnicity: c.fact(prev?.ethnicity, draft.ethnicity),
        roles: c.list(prev?.roles ?? [], roles),
        identifiers: c.list(prev?.identifiers ?? [], identifiers),
      };
      const dob = c.optional(prev?.dob, orUndefined(draft.dob));
      if (dob) person.dob = dob;
      if (estimatedAge) person.estimatedAge = estimatedAge;
      if (atRisk) person.riskLevel = c.fact(prev?.riskLevel, draft.riskLevel);
      entity = person;
      break;
    }
    case 'vehicle': {
      const prev = existing?.kind === 'vehicle' ? existing : null;
      const vehicle: Vehicle = { ...base, kind: 'vehicle', partial: false };
      if (draft.registration.trim()) {
        const r = normalisePlate(draft.registration);
        if (r.ok) {
          vehicle.registration = c.fact(prev?.registration, r.value);
          vehicle.partial = r.partial;
        } else problems.push({ field: 'registration', message: r.message });
      }
      const make = c.optional(prev?.make, orUndefined(draft.make));
      const model = c.optional(prev?.model, orUndefined(draft.model));
      const colour = c.optional(prev?.colour, orUndefined(draft.colour));
      if (make) vehicle.make = make;
      if (model) vehicle.model = model;
      if (colour) vehicle.colour = colour;
      entity = vehicle;
      break;
    }
    case 'phone': {
      const prev = existing?.kind === 'phone' ? existing : null;
      const phone: Phone = { ...base, kind: 'phone', phoneType: draft.phoneType };
      if (draft.phoneType === 'number') {
        const r = normalisePhone(draft.number);
        if (r.ok) phone.number = c.fact(prev?.number, r.e164);
        else problems.push({ field: 'number', message: draft.number.trim() ? r.message : 'Type the telephone number.' });
      } else {
        const platform = draft.platform === 'Other' ? tidy(draft.otherPlatform) || 'Other' : draft.platform;
        phone.platform = platform;
        const handle = tidy(draft.handle).replace(/^@+/, '');
        if (handle) phone.handle = c.fact(prev?.handle, handle);
        else problems.push({ field: 'handle', message: 'Type the handle (the account name on the platform).' });
      }
      entity = phone;
      break;
    }
    case 'address': {
      const prev = existing?.kind === 'address' ? existing : null;
      const lines = draft.lines
        .split('\n')
        .map(tidy)
        .filter(Boolean);
      const address: Address = { ...base, kind: 'address', lines: c.fact(prev?.lines, lines), placeType: draft.placeType };
      if (draft.postcode.trim()) {
        const r = normalisePostcode(draft.postcode);
        if (r.ok) address.postcode = c.fact(prev?.postcode, r.value);
        else problems.push({ field: 'postcode', message: r.message });
      }
      if (!lines.length && !draft.postcode.trim())
        problems.push({ field: 'lines', message: 'An address needs at least one line or a postcode.' });
      const location = locationFact(c, prev?.location, parseLocation(draft.lat, draft.lng, problems));
      if (location) address.location = location;
      entity = address;
      break;
    }
    case 'business': {
      const prev = existing?.kind === 'business' ? existing : null;
      const licences = [...new Set(draft.licences.split(',').map(tidy).filter(Boolean))];
      entity = {
        ...base,
        kind: 'business',
        name: c.fact(prev?.name, tidy(draft.name)),
        businessType: draft.businessType,
        licences: c.list(prev?.licences ?? [], licences),
      } satisfies Business;
      break;
    }
    case 'hotspot': {
      const prev = existing?.kind === 'hotspot' ? existing : null;
      const hotspot: Hotspot = {
        ...base,
        kind: 'hotspot',
        name: c.fact(prev?.name, tidy(draft.name)),
        hotspotType: draft.hotspotType,
        description: draft.description.trim(),
      };
      const location = locationFact(c, prev?.location, parseLocation(draft.lat, draft.lng, problems));
      if (location) hotspot.location = location;
      if (draft.addressId) hotspot.addressId = draft.addressId;
      entity = hotspot;
      break;
    }
  }
  return { entity, problems, needsSource: !existing || c.cited };
}

function withoutTimes(e: Entity): Record<string, unknown> {
  const { updatedAt: _u, createdAt: _c, ...rest } = e;
  return rest;
}

// ---------------------------------------------------------------- form pieces

type SetDraft<D> = (patch: Partial<D>) => void;

function ErrorText({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="error-text error-anchor" role="alert" tabIndex={-1}>
      {message}
    </p>
  );
}

function LocationFields({ lat, lng, set, problems }: { lat: string; lng: string; set: (p: { lat?: string; lng?: string }) => void; problems: Problem[] }) {
  const whole = problems.find((p) => p.field === 'location')?.message;
  return (
    <fieldset className="fieldset">
      <legend>Location (optional)</legend>
      <div className="form-grid">
        <Field label="Latitude" error={problemFor(problems, 'location.lat') ?? whole} hint="Decimal degrees, e.g. 53.7996.">
          <input type="text" inputMode="decimal" value={lat} onChange={(e) => set({ lat: e.target.value })} autoComplete="off" />
        </Field>
        <Field label="Longitude" error={problemFor(problems, 'location.lng')} hint="Decimal degrees, e.g. -1.5491.">
          <input type="text" inputMode="decimal" value={lng} onChange={(e) => set({ lng: e.target.value })} autoComplete="off" />
        </Field>
      </div>
    </fieldset>
  );
}

function PersonFields({ draft, set, problems }: { draft: PersonDraft; set: SetDraft<PersonDraft>; problems: Problem[] }) {
  const setName = (i: number, patch: Partial<NameDraft>) =>
    set({ names: draft.names.map((n, j) => (j === i ? { ...n, ...patch } : n)) });
  const changeNameKind = (i: number, kind: NameKind) => {
    const n = draft.names[i];
    if (!n) return;
    if (isShortName(kind) && !isShortName(n.kind)) setName(i, { kind, full: tidy(`${n.given} ${n.family}`), given: '', family: '' });
    else if (!isShortName(kind) && isShortName(n.kind)) setName(i, { kind, ...parsePersonName(n.full), full: '' });
    else setName(i, { kind });
  };
  const setIdent = (i: number, patch: Partial<IdentifierDraft>) =>
    set({ identifiers: draft.identifiers.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
  const atRisk = draft.roles.includes('young-person-at-risk');
  const namesError = problems.find((p) => p.field === 'names')?.message;

  return (
    <>
      <fieldset className="fieldset">
        <legend>Names</legend>
        {draft.names.map((n, i) => {
          const err = problemFor(problems, `names[${i}]`);
          return (
            <fieldset key={n.key} className="fieldset name-row">
              <legend>Name {i + 1}</legend>
              <div className="form-grid">
                <Field label="Name kind">
                  <select value={n.kind} onChange={(e) => changeNameKind(i, e.target.value as NameKind)}>
                    {NAME_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {NAME_KIND_LABEL[k]}
                      </option>
                    ))}
                  </select>
                </Field>
                {isShortName(n.kind) ? (
                  <Field label="Name" error={err} hint='As people say it, e.g. "Dazza".'>
                    <input type="text" value={n.full} onChange={(e) => setName(i, { full: e.target.value })} autoComplete="off" />
                  </Field>
                ) : (
                  <>
                    <Field label="Given name(s)" error={err}>
                      <input type="text" value={n.given} onChange={(e) => setName(i, { given: e.target.value })} autoComplete="off" />
                    </Field>
                    <Field label="Family name">
                      <input type="text" value={n.family} onChange={(e) => setName(i, { family: e.target.value })} autoComplete="off" />
                    </Field>
                  </>
                )}
              </div>
              <button
                type="button"
                className="danger small"
                onClick={() => set({ names: draft.names.filter((_, j) => j !== i) })}
              >
                Remove name
              </button>
            </fieldset>
          );
        })}
        <ErrorText message={namesError} />
        <button type="button" onClick={() => set({ names: [...draft.names, nameDraft()] })}>
          Add name
        </button>
      </fieldset>

      <fieldset className="fieldset">
        <legend>Age</legend>
        <div className="form-grid">
          <Field label="Date of birth" error={problemFor(problems, 'dob')} hint="Or give an estimated age instead.">
            <input type="date" value={draft.dob} onChange={(e) => set({ dob: e.target.value })} />
          </Field>
          <Field label="Estimated age" error={problems.find((p) => p.field === 'estimatedAge')?.message} hint="In years, when the date of birth is not known.">
            <input type="number" min={0} max={120} step={1} value={draft.ageYears} onChange={(e) => set({ ageYears: e.target.value })} />
          </Field>
          <Field label="Estimated age as of" error={problemFor(problems, 'estimatedAge.asOf')} hint="The date the estimate refers to (today if left empty).">
            <input type="date" value={draft.ageAsOf} onChange={(e) => set({ ageAsOf: e.target.value })} />
          </Field>
        </div>
      </fieldset>

      <div className="form-grid">
        <Field label="Sex">
          <select value={draft.sex} onChange={(e) => set({ sex: e.target.value as Sex })}>
            {SEXES.map((s) => (
              <option key={s} value={s}>
                {SEX_LABEL[s]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Ethnicity" hint="ONS 2021 groups. Leave as Unknown rather than guess.">
          <select value={draft.ethnicity} onChange={(e) => set({ ethnicity: e.target.value as Ethnicity })}>
            {ETHNICITIES.map((x) => (
              <option key={x} value={x}>
                {ETHNICITY_LABEL[x]}
              </option>
            ))}
          </select>
        </Field>
      </div>

      <fieldset className="fieldset">
        <legend>Roles in this profile</legend>
        <div className="checkbox-grid">
          {ROLES.map((r) => (
            <label key={r} className="checkbox">
              <input
                type="checkbox"
                checked={draft.roles.includes(r)}
                onChange={(e) => set({ roles: e.target.checked ? [...draft.roles, r] : draft.roles.filter((x) => x !== r) })}
              />
              {ROLE_LABEL[r]}
            </label>
          ))}
        </div>
        {atRisk && (
          <Field label="Risk level">
            <select value={draft.riskLevel} onChange={(e) => set({ riskLevel: e.target.value as RiskLevel })}>
              {RISK_LEVELS.map((r) => (
                <option key={r} value={r}>
                  {RISK_LABEL[r]}
                </option>
              ))}
            </select>
          </Field>
        )}
      </fieldset>

      <fieldset className="fieldset">
        <legend>Identifiers</legend>
        {draft.identifiers.length === 0 && <p className="hint">System references such as a PNC ID or NHS number.</p>}
        <datalist id="identifier-schemes">
          {IDENTIFIER_SCHEMES.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        {draft.identifiers.map((x, i) => {
          const err = problemFor(problems, `identifiers[${i}]`);
          return (
            <fieldset key={x.key} className="fieldset identifier-row">
              <legend>Identifier {i + 1}</legend>
              <div className="form-grid">
                <Field label="Identifier system" error={err} hint='E.g. "PNC", "NHS", "Niche".'>
                  <input type="text" list="identifier-schemes" value={x.scheme} onChange={(e) => setIdent(i, { scheme: e.target.value })} autoComplete="off" />
                </Field>
                <Field label="Identifier value">
                  <input type="text" value={x.value} onChange={(e) => setIdent(i, { value: e.target.value })} autoComplete="off" />
                </Field>
              </div>
              <button
                type="button"
                className="danger small"
                onClick={() => set({ identifiers: draft.identifiers.filter((_, j) => j !== i) })}
              >
                Remove identifier
              </button>
            </fieldset>
          );
        })}
        <button type="button" onClick={() => set({ identifiers: [...draft.identifiers, { key: rowKey(), scheme: '', value: '' }] })}>
          Add identifier
        </button>
      </fieldset>
    </>
  );
}

function VehicleFields({ draft, set, problems }: { draft: VehicleDraft; set: SetDraft<VehicleDraft>; problems: Problem[] }) {
  const plate = draft.registration.trim() ? normalisePlate(draft.registration) : null;
  return (
    <div className="form-grid">
      <Field
        label="Registration"
        error={problemFor(problems, 'registration') ?? problemFor(problems, 'partial')}
        hint={`Partial plates are fine: use ? for an unknown character, e.g. "KX19 ???", or write "ends 4XY".${
          plate?.ok ? ` Stored as ${plate.value}${plate.partial ? ' (partial plate)' : ''}.` : ''
        }`}
      >
        <input type="text" value={draft.registration} onChange={(e) => set({ registration: e.target.value })} autoComplete="off" />
      </Field>
      <Field label="Make">
        <input type="text" value={draft.make} onChange={(e) => set({ make: e.target.value })} autoComplete="off" />
      </Field>
      <Field label="Model">
        <input type="text" value={draft.model} onChange={(e) => set({ model: e.target.value })} autoComplete="off" />
      </Field>
      <Field label="Colour">
        <input type="text" value={draft.colour} onChange={(e) => set({ colour: e.target.value })} autoComplete="off" />
      </Field>
    </div>
  );
}

function PhoneFields({ draft, set, problems }: { draft: PhoneDraft; set: SetDraft<PhoneDraft>; problems: Problem[] }) {
  const radioName = useId();
  const phonePreview = draft.phoneType === 'number' && draft.number.trim() ? normalisePhone(draft.number) : null;
  return (
    <>
      <fieldset className="fieldset">
        <legend>Type</legend>
        <div className="radio-row">
          <label className="radio">
            <input type="radio" name={radioName} checked={draft.phoneType === 'number'} onChange={() => set({ phoneType: 'number' })} />
            Telephone number
          </label>
          <label className="radio">
            <input type="radio" name={radioName} checked={draft.phoneType === 'handle'} onChange={() => set({ phoneType: 'handle' })} />
            Online handle
          </label>
        </div>
      </fieldset>
      {draft.phoneType === 'number' ? (
        <Field
          label="Phone number"
          error={problemFor(problems, 'number')}
          hint={`UK numbers as written, e.g. "07700 900123"; others with their country code, e.g. "+33 6 12 34 56 78".${
            phonePreview?.ok ? ` Stored as ${phonePreview.e164}.` : ''
          }`}
        >
          <input type="tel" value={draft.number} onChange={(e) => set({ number: e.target.value })} autoComplete="off" />
        </Field>
      ) : (
        <div className="form-grid">
          <Field label="Platform" error={problemFor(problems, 'platform')}>
            <select value={draft.platform} onChange={(e) => set({ platform: e.target.value })}>
              {PLATFORMS.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </Field>
          {draft.platform === 'Other' && (
            <Field label="Other platform" hint="Which platform or app.">
              <input type="text" value={draft.otherPlatform} onChange={(e) => set({ otherPlatform: e.target.value })} autoComplete="off" />
            </Field>
          )}
          <Field label="Handle" error={problemFor(problems, 'handle')} hint="The account name, without the @.">
            <input type="text" value={draft.handle} onChange={(e) => set({ handle: e.target.value })} autoComplete="off" />
          </Field>
        </div>
      )}
    </>
  );
}

function AddressFields({ draft, set, problems }: { draft: AddressDraft; set: SetDraft<AddressDraft>; problems: Problem[] }) {
  return (
    <>
      <Field label="Address lines" error={problemFor(problems, 'lines')} hint="One line per row.">
        <textarea rows={4} value={draft.lines} onChange={(e) => set({ lines: e.target.value })} />
      </Field>
      <div className="form-grid">
        <Field label="Postcode" error={problemFor(problems, 'postcode')} hint='A full UK postcode, e.g. "LS1 4AP".'>
          <input type="text" value={draft.postcode} onChange={(e) => set({ postcode: e.target.value })} autoComplete="off" />
        </Field>
        <Field label="Place type">
          <select value={draft.placeType} onChange={(e) => set({ placeType: e.target.value as PlaceType })}>
            {PLACE_TYPES.map((p) => (
              <option key={p} value={p}>
                {PLACE_TYPE_LABEL[p]}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <LocationFields lat={draft.lat} lng={draft.lng} set={set} problems={problems} />
    </>
  );
}

function BusinessFields({ draft, set, problems }: { draft: BusinessDraft; set: SetDraft<BusinessDraft>; problems: Problem[] }) {
  return (
    <div className="form-grid">
      <Field label="Name" error={problemFor(problems, 'name')}>
        <input type="text" value={draft.name} onChange={(e) => set({ name: e.target.value })} autoComplete="off" />
      </Field>
      <Field label="Business type">
        <select value={draft.businessType} onChange={(e) => set({ businessType: e.target.value as BusinessType })}>
          {BUSINESS_TYPES.map((b) => (
            <option key={b} value={b}>
              {BUSINESS_TYPE_LABEL[b]}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Licence references" error={problemFor(problems, 'licences')} hint="Separate several with commas.">
        <input type="text" value={draft.licences} onChange={(e) => set({ licences: e.target.value })} autoComplete="off" />
      </Field>
    </div>
  );
}

function HotspotFields({ draft, set, problems, selfId }: { draft: HotspotDraft; set: SetDraft<HotspotDraft>; problems: Problem[]; selfId: string | null }) {
  return (
    <>
      <div className="form-grid">
        <Field label="Name" error={problemFor(problems, 'name')}>
          <input type="text" value={draft.name} onChange={(e) => set({ name: e.target.value })} autoComplete="off" />
        </Field>
        <Field label="Hot-spot type">
          <select value={draft.hotspotType} onChange={(e) => set({ hotspotType: e.target.value as HotspotType })}>
            {HOTSPOT_TYPES.map((h) => (
              <option key={h} value={h}>
                {HOTSPOT_TYPE_LABEL[h]}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field label="Description">
        <textarea rows={3} value={draft.description} onChange={(e) => set({ description: e.target.value })} />
      </Field>
      <LocationFields lat={draft.lat} lng={draft.lng} set={set} problems={problems} />
      <EntityPicker
        label="Linked address"
        kinds={['address']}
        {...(selfId ? { exclude: [selfId] } : {})}
        value={draft.addressId}
        onChange={(id) => set({ addressId: id })}
        hint="Optional: the address this hot spot is at."
      />
    </>
  );
}

// ---------------------------------------------------------------- the form

/** Focuses the first control marked invalid (or the first error message) in `root`. */
/** What to look for among existing records while a new one is typed. */
function matchQueryOf(d: Draft): MatchQuery {
  switch (d.kind) {
    case 'person': {
      const dob = normaliseDate(d.dob);
      // The first name typed is enough to search on; the search itself allows nicknames and typos.
      const text = d.names.map((n) => (n.kind === 'nickname' || n.kind === 'street' ? n.full : `${n.given} ${n.family}`).trim()).find(Boolean) ?? '';
      return { kind: 'person', text, ...(dob.ok ? { dob: dob.value } : {}) };
    }
    case 'vehicle':
      return { kind: 'vehicle', text: d.registration };
    case 'phone':
      return { kind: 'phone', text: d.phoneType === 'number' ? d.number : d.handle };
    case 'address':
      return { kind: 'address', text: `${d.postcode} ${d.lines.split('\n')[0] ?? ''}` };
    case 'business':
      return { kind: 'business', text: d.name };
    case 'hotspot':
      return { kind: 'hotspot', text: d.name };
  }
}

export function EntityForm({
  workspaceId,
  kind,
  existing,
  onClose,
}: {
  workspaceId: string;
  kind: EntityKind;
  existing: Entity | null;
  onClose: (savedId?: string) => void;
}) {
  const session = useSession();
  const notify = useNotify();
  const [draft, setDraft] = useState<Draft>(() => (existing ? draftOf(existing) : emptyDraft(kind)));
  const [sources, setSources] = useState<string[]>([]);
  const [newItem, setNewItem] = useState<ItemDraft | null>(null);
  const { problems, setProblems, saving, setSaving, formRef, fail } = useFormState();

  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }) as Draft);
  const word = KIND_WORD[existing?.kind ?? kind];

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    if (saving) return;
    const item = newItem ? buildNewItem(workspaceId, newItem, session.user) : null;
    const cited = item ? [...sources, item.id] : sources;
    const built = buildEntity(draft, existing, workspaceId, cited);
    const found = [...built.problems];
    for (const p of validateEntity(built.entity)) {
      if (!found.some((q) => q.field === p.field || q.field.startsWith(`${p.field}.`))) found.push(p);
    }
    if (item) found.push(...validateIntelItem(item).map((p) => ({ ...p, field: `item.${p.field}` })));
    if (built.needsSource && cited.length === 0) found.push({ field: 'sources', message: NO_SOURCE_MESSAGE });
    if (found.length) {
      fail(found);
      return;
    }
    if (existing && !item && deepEqual(withoutTimes(built.entity), withoutTimes(existing))) {
      notify('Nothing changed, so nothing was saved.');
      onClose(existing.id);
      return;
    }
    setProblems([]);
    setSaving(true);
    try {
      const label = entityLabel(built.entity);
      if (item) {
        await saveItemWith(
          session,
          item,
          [{ after: { ...built.entity, updatedAt: nowIso() }, before: existing }],
          [],
          `${existing ? 'Edit' : 'Create'} ${word} ${label} with intelligence item ${item.reference}`,
        );
      } else {
        await saveEntity(session, built.entity, existing);
      }
      notify(`Saved ${word} ${label}.`);
      onClose(built.entity.id);
    } catch (err) {
      setSaving(false);
      if (err instanceof ValidationError) {
        fail(err.problems.map((p) => (item && ITEM_FIELDS.has(p.field) ? { ...p, field: `item.${p.field}` } : p)));
      } else {
        const message = `Could not save: ${(err as Error).message}`;
        fail([{ field: 'form', message }]);
        notify(message, 'error');
      }
    }
  };

  const fields: ReactNode = (() => {
    switch (draft.kind) {
      case 'person':
        return <PersonFields draft={draft} set={set} problems={problems} />;
      case 'vehicle':
        return <VehicleFields draft={draft} set={set} problems={problems} />;
      case 'phone':
        return <PhoneFields draft={draft} set={set} problems={problems} />;
      case 'address':
        return <AddressFields draft={draft} set={set} problems={problems} />;
      case 'business':
        return <BusinessFields draft={draft} set={set} problems={problems} />;
      case 'hotspot':
        return <HotspotFields draft={draft} set={set} problems={problems} selfId={existing?.id ?? null} />;
    }
  })();

  const title = `${existing ? 'Edit' : 'New'} ${KIND_LABEL[existing?.kind ?? kind].toLowerCase()}`;
  const formError = problems.find((p) => p.field === 'form')?.message;

  return (
    <Dialog title={title} onClose={() => onClose()} wide>
      <form ref={formRef} className="entity-form" noValidate onSubmit={(e) => void submit(e)}>
        {fields}
        {!existing && <LikelyMatches query={matchQueryOf(draft)} workspaceId={workspaceId} />}
        {existing && (
          <p className="hint">
            Values you leave unchanged keep the sources they already cite. New or changed values will cite the items chosen below.
          </p>
        )}
        <SourcePicker
          workspaceId={workspaceId}
          value={sources}
          onChange={setSources}
          newItem={newItem}
          onNewItem={setNewItem}
          error={problemFor(problems, 'sources')}
          itemProblems={itemProblemsOf(problems)}
        />
        <FormFooter error={formError} saving={saving} onCancel={() => onClose()} />
      </form>
    </Dialog>
  );
}
