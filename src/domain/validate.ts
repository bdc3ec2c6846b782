/**
 * Validators for entities, links and intelligence items. Each returns a list of problems in plain words
 * (empty when valid), keyed by the field they concern ("dob", "names[0].full", "postcode") so a form can
 * show each message beside its field. Values are expected in their stored, normalised form (see
 * normalise.ts): a registration "AB12CDE", a postcode "LS1 4AP", a phone "+447700900123".
 */
import { validateGrading } from './grading';
import type { Address, Business, Entity, GeoPoint, Hotspot, IntelItem, IsoDate, Link, Person, Phone, Vehicle } from './model';
import { formatDateUk, isIsoDate, normaliseDate, normalisePhone, normalisePlate, normalisePostcode, todayIso } from './normalise';

export interface Problem {
  field: string;
  message: string;
}

/** Earliest date of birth accepted. */
export const EARLIEST_DOB: IsoDate = '1900-01-01';
export const MAX_AGE_YEARS = 120;

const blank = (s: string | undefined | null): boolean => !s || !s.trim();

/**
 * Checks a stored ISO date. Returns the problem message (naming the field in words) or null. A value that
 * is not in `YYYY-MM-DD` form but reads as a date (e.g. "29/02/2020") is reported as not stored properly.
 */
function dateProblem(label: string, value: string): string | null {
  if (isIsoDate(value)) return null;
  const r = normaliseDate(value);
  if (r.ok) return `${label} "${value}" must be stored as ${r.value}.`;
  return `${label}: ${r.message}`;
}

function geoProblems(field: string, p: GeoPoint): Problem[] {
  const out: Problem[] = [];
  if (!Number.isFinite(p.lat) || p.lat < -90 || p.lat > 90)
    out.push({ field, message: `Latitude ${String(p.lat)} is out of range (it must be between -90 and 90).` });
  if (!Number.isFinite(p.lng) || p.lng < -180 || p.lng > 180)
    out.push({ field, message: `Longitude ${String(p.lng)} is out of range (it must be between -180 and 180).` });
  return out;
}

function validatePerson(e: Person, today: IsoDate): Problem[] {
  const out: Problem[] = [];
  const filled = (n: Person['names'][number]): boolean => !blank(n.full) || !blank(n.given) || !blank(n.family);
  if (e.names.length === 0) {
    out.push({ field: 'names', message: 'A person needs at least one name (a nickname or street name will do).' });
  } else {
    e.names.forEach((n, i) => {
      if (!filled(n))
        out.push({ field: `names[${i}].full`, message: `Name ${i + 1} is empty: type a name or remove it.` });
    });
  }
  if (e.dob) {
    const problem = dateProblem('Date of birth', e.dob.value);
    if (problem) out.push({ field: 'dob', message: problem });
    else if (e.dob.value > today)
      out.push({ field: 'dob', message: `Date of birth ${formatDateUk(e.dob.value)} is in the future.` });
    else if (e.dob.value < EARLIEST_DOB)
      out.push({ field: 'dob', message: `Date of birth ${formatDateUk(e.dob.value)} is before 1900: check the year.` });
  }
  if (e.estimatedAge) {
    const { years, asOf } = e.estimatedAge.value;
    if (!Number.isFinite(years) || years < 0 || years > MAX_AGE_YEARS)
      out.push({
        field: 'estimatedAge',
        message: `Estimated age ${String(years)} is not possible: it must be between 0 and ${MAX_AGE_YEARS} years.`,
      });
    const problem = dateProblem('The date the age estimate refers to', asOf);
    if (problem) out.push({ field: 'estimatedAge.asOf', message: problem });
    else if (asOf > today)
      out.push({ field: 'estimatedAge.asOf', message: `The age estimate's date ${formatDateUk(asOf)} is in the future.` });
  }
  e.identifiers.forEach((id, i) => {
    if (blank(id.value.scheme) || blank(id.value.value))
      out.push({
        field: `identifiers[${i}]`,
        message: `Identifier ${i + 1} needs both a system (e.g. "PNC") and a value.`,
      });
  });
  return out;
}

function validateVehicle(e: Vehicle): Problem[] {
  const out: Problem[] = [];
  if (e.registration) {
    const raw = e.registration.value;
    const r = normalisePlate(raw);
    if (!r.ok) out.push({ field: 'registration', message: r.message });
    else if (r.value !== raw)
      out.push({ field: 'registration', message: `Registration "${raw}" must be stored as "${r.value}".` });
    else if (r.partial && !e.partial)
      out.push({
        field: 'partial',
        message: `Registration "${raw}" has unknown characters, so the vehicle must be marked as a partial plate.`,
      });
  }
  return out;
}

function validatePhone(e: Phone): Problem[] {
  const out: Problem[] = [];
  if (e.phoneType === 'number') {
    const raw = e.number?.value ?? '';
    if (blank(raw)) out.push({ field: 'number', message: 'A phone number is needed.' });
    else {
      const r = normalisePhone(raw);
      if (!r.ok) out.push({ field: 'number', message: r.message });
      else if (r.e164 !== raw)
        out.push({
          field: 'number',
          message: `Phone number "${raw}" must be stored in international form "${r.e164}".`,
        });
    }
  } else {
    if (blank(e.platform))
      out.push({ field: 'platform', message: 'An online handle needs its platform (e.g. Snapchat, Instagram).' });
    if (blank(e.handle?.value)) out.push({ field: 'handle', message: 'An online handle needs the handle itself.' });
  }
  return out;
}

function validateAddress(e: Address): Problem[] {
  const out: Problem[] = [];
  const hasLine = e.lines.value.some((l) => !blank(l));
  const postcode = e.postcode?.value ?? '';
  if (!hasLine && blank(postcode))
    out.push({ field: 'lines', message: 'An address needs at least one line or a postcode.' });
  if (!blank(postcode)) {
    const r = normalisePostcode(postcode);
    if (!r.ok)
      out.push({
        field: 'postcode',
        message: `Postcode "${postcode.trim()}" is not a UK postcode (expected something like "LS1 4AP").`,
      });
    else if (r.value !== postcode)
      out.push({ field: 'postcode', message: `Postcode "${postcode}" must be stored as "${r.value}".` });
  }
  if (e.location) out.push(...geoProblems('location', e.location.value));
  return out;
}

function validateBusiness(e: Business): Problem[] {
  return blank(e.name.value) ? [{ field: 'name', message: 'A business needs a name.' }] : [];
}

function validateHotspot(e: Hotspot): Problem[] {
  const out: Problem[] = [];
  if (blank(e.name.value)) out.push({ field: 'name', message: 'A hot spot needs a name.' });
  if (e.location) out.push(...geoProblems('location', e.location.value));
  return out;
}

/** Problems with an entity of any kind (empty when valid). `today` (ISO) defaults to the local date. */
export function validateEntity(e: Entity, today: IsoDate = todayIso()): Problem[] {
  switch (e.kind) {
    case 'person':
      return validatePerson(e, today);
    case 'vehicle':
      return validateVehicle(e);
    case 'phone':
      return validatePhone(e);
    case 'address':
      return validateAddress(e);
    case 'business':
      return validateBusiness(e);
    case 'hotspot':
      return validateHotspot(e);
  }
}

/** Problems with a link (empty when valid). */
export function validateLink(l: Link): Problem[] {
  const out: Problem[] = [];
  if (blank(l.from) || blank(l.to)) out.push({ field: 'to', message: 'A link must join two records.' });
  else if (l.from === l.to) out.push({ field: 'to', message: 'A link must join two different records, not a record to itself.' });
  let fromOk = false;
  let toOk = false;
  if (l.dateFrom !== undefined && l.dateFrom !== '') {
    const p = dateProblem('Start date', l.dateFrom);
    if (p) out.push({ field: 'dateFrom', message: p });
    else fromOk = true;
  }
  if (l.dateTo !== undefined && l.dateTo !== '') {
    const p = dateProblem('End date', l.dateTo);
    if (p) out.push({ field: 'dateTo', message: p });
    else toOk = true;
  }
  if (fromOk && toOk && l.dateFrom !== undefined && l.dateTo !== undefined && l.dateFrom > l.dateTo)
    out.push({
      field: 'dateTo',
      message: `The link ends (${formatDateUk(l.dateTo)}) before it starts (${formatDateUk(l.dateFrom)}).`,
    });
  if (l.sources.filter((s) => !blank(s)).length === 0)
    out.push({ field: 'sources', message: 'Every link must cite at least one intelligence item.' });
  return out;
}

/** Problems with an intelligence item (empty when valid). `today` (ISO) defaults to the local date. */
export function validateIntelItem(i: IntelItem, today: IsoDate = todayIso()): Problem[] {
  const out: Problem[] = [];
  if (blank(i.agency)) out.push({ field: 'agency', message: 'Say which agency the intelligence came from.' });
  if (blank(i.reference)) out.push({ field: 'reference', message: "Give the originating agency's reference." });
  if (blank(i.dateRecorded)) out.push({ field: 'dateRecorded', message: 'Give the date the intelligence was recorded.' });
  else {
    const p = dateProblem('Date recorded', i.dateRecorded);
    if (p) out.push({ field: 'dateRecorded', message: p });
    else if (i.dateRecorded > today)
      out.push({ field: 'dateRecorded', message: `Date recorded ${formatDateUk(i.dateRecorded)} is in the future.` });
  }
  if (i.dateOfIntelligence !== undefined && i.dateOfIntelligence !== '') {
    const p = dateProblem('Date of intelligence', i.dateOfIntelligence);
    if (p) out.push({ field: 'dateOfIntelligence', message: p });
    else if (i.dateOfIntelligence > today)
      out.push({
        field: 'dateOfIntelligence',
        message: `Date of intelligence ${formatDateUk(i.dateOfIntelligence)} is in the future.`,
      });
  }
  if (blank(i.text)) out.push({ field: 'text', message: 'The intelligence text is empty.' });
  for (const message of validateGrading(i.grading)) out.push({ field: 'grading', message });
  return out;
}
