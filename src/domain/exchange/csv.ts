/**
 * CSV exports of entities and links: one row per entity or link, headers in plain English, several values
 * of one fact joined with "; ", sources written as agency, reference and grade ("Northshire Police
 * NP/2024/0001 (2C P)"), dates as ISO YYYY-MM-DD (a spreadsheet cannot misread them as US dates).
 * RFC 4180: fields with a comma, double quote or line break are quoted, quotes doubled, CRLF line ends.
 * A UTF-8 byte-order mark is written first by default, so Excel reads accents and "£" correctly.
 *
 * Formula neutralisation (OWASP "CSV injection"): a cell whose first character is =, +, -, @, tab or
 * carriage return (or the full-width ＝ ＋ － ＠ that some spreadsheets also accept) gets a leading
 * apostrophe, so no spreadsheet runs it as a formula. This applies to every such cell, including ones
 * that are harmless: a phone number in international form is written '+447700900123 and a negative
 * longitude '-1.54910. They stay readable (the apostrophe shows), and we prefer that over guessing which
 * cells are "really" numbers, because a guess is exactly what an attacker would aim at.
 *
 * Young people shown by pseudonym (the `pseudonyms` map) appear by it, without names, date of birth,
 * estimated age, identifiers, ethnicity or notes, and with their sources' references withheld.
 */
import { formatPlate, HOTSPOT_TYPE_LABEL, personNameText } from '../labels';
import {
  BUSINESS_TYPE_LABEL,
  ETHNICITY_LABEL,
  KIND_LABEL,
  LINK_TYPE_LABEL,
  PLACE_TYPE_LABEL,
  ROLE_LABEL,
  type Entity,
  type Fact,
  type Id,
  type IntelItem,
  type Link,
} from '../model';
import { entitySources } from '../provenance';
import { bestStrength, displayLabel, isPseudonymised, SYMMETRIC_LINK_TYPES, sourceText } from './common';

export interface CsvInput {
  entities: readonly Entity[];
  links: readonly Link[];
  items: readonly IntelItem[];
  pseudonyms?: ReadonlyMap<Id, string>;
}

export interface CsvOptions {
  /** Start with a UTF-8 byte-order mark (default true: Excel needs it to read UTF-8). */
  bom?: boolean;
}

const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** The cell with a leading apostrophe when a spreadsheet could read it as a formula. */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One CSV field: neutralised, then quoted if it holds a comma, quote or line break (RFC 4180). */
export function csvField(value: string | number | boolean | null | undefined): string {
  const text = neutraliseFormula(value === null || value === undefined ? '' : String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as CSV text (CRLF line ends, a final CRLF). */
export function toCsv(rows: readonly (readonly (string | number | boolean | null | undefined)[])[], options: CsvOptions = {}): string {
  const body = rows.map((r) => r.map(csvField).join(',')).join('\r\n');
  return `${options.bom === false ? '' : '\uFEFF'}${body}${rows.length ? '\r\n' : ''}`;
}

export const ENTITY_CSV_HEADERS = [
  'ID',
  'Kind',
  'Label',
  'Legal names',
  'Aliases',
  'Nicknames',
  'Street names',
  'Date of birth',
  'Estimated age',
  'Sex',
  'Ethnicity',
  'Roles',
  'Risk level',
  'Identifiers',
  'Registration',
  'Partial registration',
  'Make',
  'Model',
  'Colour',
  'Phone number',
  'Platform',
  'Handle',
  'Address',
  'Postcode',
  'Place type',
  'Latitude',
  'Longitude',
  'Business type',
  'Licences',
  'Hot spot type',
  'Description',
  'Notes',
  'Links',
  'Agencies',
  'Sources',
] as const;
type EntityColumn = (typeof ENTITY_CSV_HEADERS)[number];

export const LINK_CSV_HEADERS = ['ID', 'Type', 'Direction', 'From ID', 'From', 'To ID', 'To', 'Date from', 'Date to', 'Note', 'Grade strength', 'Sources'] as const;

const SEX_LABEL = { female: 'Female', male: 'Male', other: 'Other', unknown: 'Unknown' } as const;
const RISK_LABEL = { unknown: 'Unknown', low: 'Low', medium: 'Medium', high: 'High' } as const;
const STRENGTH_LABEL = { strong: 'Strong (A/B or 1/2)', medium: 'Medium (C/D or 3/4)', weak: 'Weak (E, 5 or ungraded)' } as const;

const joinValues = (values: readonly (string | undefined)[]): string => [...new Set(values.map((v) => (v ?? '').trim()).filter(Boolean))].join('; ');
const values = <T>(facts: readonly Fact<T>[], show: (v: T) => string): string => joinValues(facts.map((f) => show(f.value)));

function idFor(id: Id, entities: ReadonlyMap<Id, Entity>, pseudonyms: ReadonlyMap<Id, string> | undefined): string {
  const e = entities.get(id);
  return e && isPseudonymised(e, pseudonyms) ? (pseudonyms?.get(id) ?? id) : id;
}

function sourcesText(ids: readonly Id[], items: ReadonlyMap<Id, IntelItem>, withhold: boolean): string {
  return joinValues(ids.map((s) => items.get(s)).map((i) => (i ? sourceText(i, { withholdReference: withhold }) : undefined)));
}

/** Every entity (merged-away records left out) as a CSV table. */
export function entitiesCsv(input: CsvInput, options: CsvOptions = {}): string {
  const items = new Map(input.items.map((i) => [i.id, i]));
  const linkCount = new Map<Id, number>();
  for (const l of input.links) {
    linkCount.set(l.from, (linkCount.get(l.from) ?? 0) + 1);
    linkCount.set(l.to, (linkCount.get(l.to) ?? 0) + 1);
  }
  const byId = new Map(input.entities.map((e) => [e.id, e]));
  const rows: string[][] = [[...ENTITY_CSV_HEADERS]];
  for (const e of input.entities) {
    if (e.mergedInto) continue;
    const pseudo = isPseudonymised(e, input.pseudonyms);
    const row: Partial<Record<EntityColumn, string>> = {
      ID: idFor(e.id, byId, input.pseudonyms),
      Kind: e.kind === 'phone' && e.phoneType === 'handle' ? 'Online handle' : e.kind === 'phone' ? 'Phone' : KIND_LABEL[e.kind],
      Label: displayLabel(e, input.pseudonyms),
      Links: String(linkCount.get(e.id) ?? 0),
    };
    let sources = entitySources(e);
    switch (e.kind) {
      case 'person': {
        if (!pseudo) {
          const names = (kind: string): string => joinValues(e.names.filter((n) => n.kind === kind).map(personNameText));
          row['Legal names'] = names('legal');
          row.Aliases = names('alias');
          row.Nicknames = names('nickname');
          row['Street names'] = names('street');
          row['Date of birth'] = e.dob?.value ?? '';
          row['Estimated age'] = e.estimatedAge ? `${e.estimatedAge.value.years} (as of ${e.estimatedAge.value.asOf})` : '';
          row.Ethnicity = ETHNICITY_LABEL[e.ethnicity.value];
          row.Identifiers = values(e.identifiers, (i) => `${i.scheme}: ${i.value}`);
        } else {
          // Only what is shown is cited: the withheld facts' sources are not listed either.
          sources = [...new Set([e.sex, ...e.roles, ...(e.riskLevel ? [e.riskLevel] : [])].flatMap((f) => f.sources))];
        }
        row.Sex = SEX_LABEL[e.sex.value];
        row.Roles = values(e.roles, (r) => ROLE_LABEL[r]);
        row['Risk level'] = e.riskLevel ? RISK_LABEL[e.riskLevel.value] : '';
        break;
      }
      case 'vehicle':
        row.Registration = e.registration ? formatPlate(e.registration.value) : '';
        row['Partial registration'] = e.partial ? 'Yes' : 'No';
        row.Make = e.make?.value ?? '';
        row.Model = e.model?.value ?? '';
        row.Colour = e.colour?.value ?? '';
        break;
      case 'phone':
        row['Phone number'] = e.number?.value ?? '';
        row.Platform = e.platform ?? '';
        row.Handle = e.handle?.value ?? '';
        break;
      case 'address':
        row.Address = e.lines.value
          .map((line) => line.trim())
          .filter(Boolean)
          .join(', ');
        row.Postcode = e.postcode?.value ?? '';
        row['Place type'] = PLACE_TYPE_LABEL[e.placeType];
        row.Latitude = e.location ? String(e.location.value.lat) : '';
        row.Longitude = e.location ? String(e.location.value.lng) : '';
        break;
      case 'business':
        row['Business type'] = BUSINESS_TYPE_LABEL[e.businessType];
        row.Licences = values(e.licences, (l) => l);
        break;
      case 'hotspot':
        row['Hot spot type'] = HOTSPOT_TYPE_LABEL[e.hotspotType];
        row.Description = e.description.trim();
        row.Latitude = e.location ? String(e.location.value.lat) : '';
        row.Longitude = e.location ? String(e.location.value.lng) : '';
        break;
    }
    row.Notes = pseudo ? '' : values(e.notes, (n) => n);
    row.Agencies = joinValues(sources.map((s) => items.get(s)?.agency));
    row.Sources = sourcesText(sources, items, pseudo);
    rows.push(ENTITY_CSV_HEADERS.map((h) => row[h] ?? ''));
  }
  return toCsv(rows, options);
}

/** Every link between entities that are not merged away, as a CSV table. */
export function linksCsv(input: CsvInput, options: CsvOptions = {}): string {
  const items = new Map(input.items.map((i) => [i.id, i]));
  const byId = new Map(input.entities.map((e) => [e.id, e]));
  const rows: string[][] = [[...LINK_CSV_HEADERS]];
  const label = (id: Id): string => {
    const e = byId.get(id);
    return e ? displayLabel(e, input.pseudonyms) : '(not in this export)';
  };
  for (const l of input.links) {
    const from = byId.get(l.from);
    const to = byId.get(l.to);
    if (from?.mergedInto || to?.mergedInto) continue;
    const withhold = !!input.pseudonyms && (input.pseudonyms.has(l.from) || input.pseudonyms.has(l.to));
    rows.push([
      l.id,
      LINK_TYPE_LABEL[l.type],
      SYMMETRIC_LINK_TYPES.has(l.type) ? 'Both ways' : 'From → To',
      idFor(l.from, byId, input.pseudonyms),
      label(l.from),
      idFor(l.to, byId, input.pseudonyms),
      label(l.to),
      l.dateFrom ?? '',
      l.dateTo ?? '',
      l.note?.trim() ?? '',
      l.sources.some((s) => items.has(s)) ? STRENGTH_LABEL[bestStrength(l.sources, items)] : '',
      sourcesText(l.sources, items, withhold),
    ]);
  }
  return toCsv(rows, options);
}

