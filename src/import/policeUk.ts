/**
 * data.police.uk files, recognised by their headers and imported without a mapping.
 *
 * Street-level crime files ("2016-12-greater-manchester-street.csv": Crime ID, Month, Reported by,
 * Falls within, Longitude, Latitude, Location, LSOA code, LSOA name, Crime type, Last outcome category,
 * Context) become CrimeEvents: dated (by month, as published) and located (the publisher's anonymised
 * "on or near" point) context for the map. They are not entities of the network.
 * - Rows without a Crime ID (anti-social behaviour is published without one) are events like any other,
 *   with an id of their own. Two rows with the same Crime ID (it happens) are both kept.
 * - Rows without coordinates ("No Location") are events without a location, counted as such.
 * - A row with a Month that is not a month, coordinates that are not numbers or out of range, only one
 *   of the two coordinates, or no crime type is quarantined with the reason.
 * - The Month may also read as Excel re-saves it ("Dec-16", "12/2016", a date cell).
 *
 * Stop-and-search files (Type, Date, Part of a policing operation, Latitude, Longitude, Gender, Age range,
 * ... Object of search, Outcome) and outcomes files are recognised and REFUSED with a message saying what
 * they are: a stop and search is not a crime, and mixing searches into the crime layer would mislead.
 */
import type { CrimeEvent, Id } from '../domain/model';
import { foldText } from '../domain/normalise';
import { newId as randomId } from '../domain/util';
import type { ParsedSheet } from './types';
import { readCoordinate } from './values';

export type { CrimeEvent } from '../domain/model';

export type PoliceUkKind = 'street' | 'stop-and-search' | 'outcomes';

const STREET_REQUIRED = ['month', 'reported by', 'falls within', 'longitude', 'latitude', 'location', 'lsoa code', 'lsoa name', 'crime type'];
const STOP_SEARCH_REQUIRED = ['type', 'date', 'latitude', 'longitude', 'gender', 'age range', 'legislation', 'object of search', 'outcome'];
const OUTCOMES_REQUIRED = ['crime id', 'month', 'reported by', 'falls within', 'longitude', 'latitude', 'lsoa code', 'outcome type'];

/** Which data.police.uk file the headers belong to, or null for any other file. */
export function policeUkKind(headers: readonly string[]): PoliceUkKind | null {
  const have = new Set(headers.map((h) => foldText(h)));
  const all = (cols: string[]): boolean => cols.every((c) => have.has(c));
  if (all(STREET_REQUIRED)) return 'street';
  if (all(OUTCOMES_REQUIRED)) return 'outcomes';
  if (all(STOP_SEARCH_REQUIRED)) return 'stop-and-search';
  return null;
}

/** True for a data.police.uk street-level crime file. */
export function isPoliceUkCrimeFile(headers: readonly string[]): boolean {
  return policeUkKind(headers) === 'street';
}

/** Why a recognised data.police.uk file other than street crime is not imported (null for street files). */
export function policeUkRejection(kind: PoliceUkKind, fileName: string): string | null {
  switch (kind) {
    case 'street':
      return null;
    case 'stop-and-search':
      return `${fileName} is a data.police.uk stop-and-search file (one row per search: type, date, object of search, outcome), not a street-level crime file. Searches are not crimes, so Linkwall does not put them on the crime layer. Download the "street" crime file for the same force and month instead.`;
    case 'outcomes':
      return `${fileName} is a data.police.uk outcomes file (what happened to crimes reported earlier), not a street-level crime file. Import the "street" crime file for the force and month instead: it carries each crime's latest outcome.`;
  }
}

const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTHS: Record<string, number> = { sept: 9 };
MONTH_NAMES.forEach((m, i) => {
  MONTHS[m] = i + 1;
  MONTHS[m.slice(0, 3)] = i + 1;
});

/** A published month to `YYYY-MM`: "2016-12", "2016-12-01", "Dec-16", "December 2016", "12/2016", "2016/12". */
export function parseMonth(raw: string): string | null {
  const t = raw.trim();
  const ok = (y: number, m: number): string | null => (m >= 1 && m <= 12 && y >= 1900 && y <= 2200 ? `${y}-${String(m).padStart(2, '0')}` : null);
  let m = /^(\d{4})[-/.](\d{1,2})(?:[-/.]\d{1,2}(?:T.*)?)?$/.exec(t);
  if (m) return ok(Number(m[1]), Number(m[2]));
  m = /^(\d{1,2})[-/.](\d{4})$/.exec(t);
  if (m) return ok(Number(m[2]), Number(m[1]));
  m = /^([a-z]+)\.?[\s\-/]+(\d{2}|\d{4})$/i.exec(t);
  if (m) {
    const month = MONTHS[(m[1] ?? '').toLowerCase()];
    const y = (m[2] ?? '').length === 2 ? 2000 + Number(m[2]) : Number(m[2]);
    return month ? ok(y, month) : null;
  }
  return null;
}

export interface CrimeEventQuarantine {
  rowNumber: number;
  headers: string[];
  cells: string[];
  reasons: string[];
}

export interface CrimeEventCounts {
  /** Rows after the header, blank ones included: rows = events + quarantined + blank. */
  rows: number;
  events: number;
  /** Events with coordinates. */
  located: number;
  /** Events published without coordinates ("No Location"): kept, not on the map. */
  noLocation: number;
  /** Events published without a Crime ID (anti-social behaviour). */
  noCrimeId: number;
  /** Rows whose Crime ID appeared on an earlier row (both kept). */
  repeatedCrimeIds: number;
  quarantined: number;
  blank: number;
}

export interface CrimeEventsResult {
  events: CrimeEvent[];
  quarantined: CrimeEventQuarantine[];
  counts: CrimeEventCounts;
  /** First and last month of the events (`YYYY-MM`), when there are any. */
  months?: { from: string; to: string };
  warnings: string[];
}

/**
 * A data.police.uk street-level crime sheet to crime events. `opts.newId` makes the events' ids
 * (prefix "ev"); `workspaceId` is stamped on each.
 */
export function toCrimeEvents(
  sheet: Pick<ParsedSheet, 'headers' | 'rows' | 'rowNumbers'> & Partial<Pick<ParsedSheet, 'rowProblems' | 'blankRows'>>,
  importId: Id,
  fileName: string,
  opts: { workspaceId: Id; newId?: (prefix: string) => Id },
): CrimeEventsResult {
  const kind = policeUkKind(sheet.headers);
  if (kind !== 'street') throw new Error(kind ? (policeUkRejection(kind, fileName) ?? '') : `${fileName} is not a data.police.uk street-level crime file.`);
  const index = new Map<string, number>();
  sheet.headers.forEach((h, i) => {
    const k = foldText(h);
    if (!index.has(k)) index.set(k, i);
  });
  const col = (name: string): number => index.get(name) ?? -1;
  const c = {
    id: col('crime id'),
    month: col('month'),
    reportedBy: col('reported by'),
    fallsWithin: col('falls within'),
    lng: col('longitude'),
    lat: col('latitude'),
    location: col('location'),
    lsoaCode: col('lsoa code'),
    lsoaName: col('lsoa name'),
    type: col('crime type'),
    outcome: col('last outcome category'),
    context: col('context'),
  };
  const newId = opts.newId ?? randomId;
  const problems = new Map<number, string>();
  for (const p of sheet.rowProblems ?? []) problems.set(p.index, p.message);
  const events: CrimeEvent[] = [];
  const quarantined: CrimeEventQuarantine[] = [];
  const seenIds = new Set<string>();
  let noLocation = 0;
  let noCrimeId = 0;
  let repeated = 0;
  let from = '';
  let to = '';
  const headers = [...sheet.headers];
  for (let i = 0; i < sheet.rows.length; i++) {
    const row = sheet.rows[i] ?? [];
    const rowNumber = sheet.rowNumbers[i] ?? i + 2;
    const cell = (k: number): string => (k >= 0 ? (row[k] ?? '').trim() : '');
    const reasons: string[] = [];
    const parserProblem = problems.get(i);
    if (parserProblem) reasons.push(parserProblem);
    const monthText = cell(c.month);
    const month = parseMonth(monthText);
    if (!monthText) reasons.push('The Month is empty.');
    else if (!month) reasons.push(`The Month "${monthText}" is not a month (expected YYYY-MM, e.g. 2016-12).`);
    const latText = cell(c.lat);
    const lngText = cell(c.lng);
    let location: { lat: number; lng: number } | undefined;
    if (latText || lngText) {
      if (!latText || !lngText) reasons.push(`Only the ${latText ? 'latitude' : 'longitude'} is given: a location needs both.`);
      else {
        const lat = readCoordinate(latText, 'lat');
        const lng = readCoordinate(lngText, 'lng');
        if (!lat.ok) reasons.push(lat.message);
        if (!lng.ok) reasons.push(lng.message);
        if (lat.ok && lng.ok) location = { lat: lat.value, lng: lng.value };
      }
    }
    const crimeType = cell(c.type);
    if (!crimeType) reasons.push('The Crime type is empty.');
    if (reasons.length) {
      quarantined.push({ rowNumber, headers, cells: [...row], reasons });
      continue;
    }
    const crimeId = cell(c.id);
    const ev: CrimeEvent = {
      id: newId('ev'),
      workspaceId: opts.workspaceId,
      month: month as string,
      reportedBy: cell(c.reportedBy),
      fallsWithin: cell(c.fallsWithin),
      locationText: cell(c.location),
      lsoaCode: cell(c.lsoaCode),
      lsoaName: cell(c.lsoaName),
      crimeType,
      outcome: cell(c.outcome),
      context: cell(c.context),
      origin: { importId, fileName, row: rowNumber },
    };
    if (crimeId) {
      ev.crimeId = crimeId;
      if (seenIds.has(crimeId)) repeated++;
      else seenIds.add(crimeId);
    } else noCrimeId++;
    if (location) ev.location = location;
    else noLocation++;
    if (!from || ev.month < from) from = ev.month;
    if (!to || ev.month > to) to = ev.month;
    events.push(ev);
  }
  const blank = sheet.blankRows ?? 0;
  const warnings: string[] = [];
  const n = (k: number, one: string, many: string): string => `${k.toLocaleString('en-GB')} ${k === 1 ? one : many}`;
  if (noLocation) warnings.push(`${n(noLocation, 'event has', 'events have')} no location (published as "No Location"): kept, but not shown on the map.`);
  if (noCrimeId) warnings.push(`${n(noCrimeId, 'event has', 'events have')} no Crime ID (anti-social behaviour is published without one).`);
  if (repeated) warnings.push(`${n(repeated, 'row repeats', 'rows repeat')} a Crime ID of an earlier row (published that way): both kept.`);
  if (quarantined.length) warnings.push(`${n(quarantined.length, 'row', 'rows')} could not be read and ${quarantined.length === 1 ? 'is' : 'are'} quarantined.`);
  const result: CrimeEventsResult = {
    events,
    quarantined,
    counts: {
      rows: events.length + quarantined.length + blank,
      events: events.length,
      located: events.length - noLocation,
      noLocation,
      noCrimeId,
      repeatedCrimeIds: repeated,
      quarantined: quarantined.length,
      blank,
    },
    warnings,
  };
  if (from) result.months = { from, to };
  return result;
}
