/**
 * An analyst's postcode file: which kind it is (from its first row) and its rows as located postcodes.
 *
 * Recognised:
 * - **ONS Postcode Directory** (ONSPD) CSV: a postcode column `pcds` (preferred: with its space), `pcd`,
 *   `pcd7`, `pcd8` or `pcd2`, and `lat` + `long`. Postcodes with no grid reference carry latitude
 *   99.999999: skipped and counted.
 * - **Postcode, latitude, longitude** files (doogal, getthedata, the London test file...): a `postcode`
 *   column with `latitude`/`lat` and `longitude`/`long`/`lng`/`lon`. Rows with no coordinates are skipped.
 * - **Code-Point Open** (Ordnance Survey): `Postcode, Positional_quality_indicator, Eastings, Northings,
 *   ...` with or without that header (or its short form `PC, PQ, EA, NO`); British National Grid
 *   coordinates converted to WGS84 (osgb.ts, about 5 m). Quality 90 means "no coordinates": skipped.
 * - Any other file with a postcode column and `eastings` + `northings`: as Code-Point Open.
 *
 * The caller reads the file (papaparse, in chunks) and hands the first row to `postcodeFileParser`, then
 * every chunk of rows to `push`. Blank rows are ignored (not counted). Pure: no DOM, no storage.
 */
import { normalisePostcode } from '../normalise';
import { gridToWgs84, isOnNationalGrid } from './osgb';

export type PostcodeFileFormat = 'onspd' | 'postcode-lat-long' | 'code-point-open' | 'postcode-grid';

export const POSTCODE_FILE_FORMAT_LABEL: Record<PostcodeFileFormat, string> = {
  onspd: 'ONS Postcode Directory',
  'postcode-lat-long': 'Postcode, latitude, longitude',
  'code-point-open': 'OS Code-Point Open',
  'postcode-grid': 'Postcode, eastings, northings (British National Grid)',
};

/** A postcode and where it is (WGS84 degrees). `postcode` is normalised ("SW1A 1AA"). */
export interface PostcodePoint {
  postcode: string;
  lat: number;
  lng: number;
}

export interface SkippedRow {
  /** The row as a spreadsheet numbers it (the header, if any, is row 1). */
  row: number;
  reason: string;
}

export interface PostcodeFileReport {
  format: PostcodeFileFormat;
  /** Data rows read (header and blank rows not counted): rows = accepted + skippedCount. */
  rows: number;
  accepted: number;
  skippedCount: number;
  /** The first MAX_SKIPPED_LISTED skipped rows with the reason. */
  skipped: SkippedRow[];
}

export const MAX_SKIPPED_LISTED = 100;

/** The file is not a postcode file we know: nothing in it should be used. */
export class PostcodeFileError extends Error {
  override name = 'PostcodeFileError';
}

/** Where the values are in each row. */
export interface PostcodeFileLayout {
  format: PostcodeFileFormat;
  /** False for Code-Point Open files without a header: the first row is data. */
  hasHeader: boolean;
  postcode: number;
  lat?: number;
  lng?: number;
  easting?: number;
  northing?: number;
  /** Code-Point Open positional quality indicator (90 = no coordinates). */
  quality?: number;
}

/** Great Britain, Northern Ireland, the Isle of Man and the Channel Islands with a margin. */
const UK_BOUNDS = { south: 49.0, north: 61.5, west: -9.0, east: 2.5 };
/** ONSPD's value for a postcode with no grid reference. */
const ONSPD_NO_LOCATION = 99.999999;

const key = (h: string): string =>
  h
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '_');

function findColumn(keys: string[], names: string[]): number | undefined {
  for (const n of names) {
    const i = keys.indexOf(n);
    if (i >= 0) return i;
  }
  return undefined;
}

const ONSPD_POSTCODE = ['pcds', 'pcd', 'pcd7', 'pcd8', 'pcd2'];
const POSTCODE = ['postcode', 'post_code', 'postal_code', 'pc'];
const LAT = ['latitude', 'lat'];
const LNG = ['longitude', 'long', 'lng', 'lon'];
const EASTING = ['eastings', 'easting', 'ea', 'oseast1m'];
const NORTHING = ['northings', 'northing', 'no', 'osnrth1m'];
const QUALITY = ['positional_quality_indicator', 'positional_quality', 'pq', 'pqi'];

const INTEGER = /^\s*-?\d+\s*$/;

export const EXPECTED_COLUMNS =
  'an ONS Postcode Directory (a pcds, pcd, pcd7 or pcd8 column with lat and long), a file with postcode, latitude and longitude ' +
  'columns, or OS Code-Point Open (Postcode, Positional_quality_indicator, Eastings, Northings, with or without that header row)';

function listed(cells: string[]): string {
  const shown = cells.slice(0, 12).map((c) => `"${c.trim()}"`);
  return shown.join(', ') + (cells.length > 12 ? `, ... (${cells.length} columns)` : '');
}

/**
 * Recognises a postcode file from its first row (the header, or the first data row of a Code-Point Open
 * file without one). Throws PostcodeFileError naming what was found and what was expected.
 */
export function recognisePostcodeFile(firstRow: readonly string[]): PostcodeFileLayout {
  const cells = firstRow.map((c) => c ?? '');
  if (!cells.some((c) => c.trim())) throw new PostcodeFileError(`The postcode file's first row is empty. Expected ${EXPECTED_COLUMNS}.`);
  // Code-Point Open without a header: postcode, quality, eastings, northings, codes...
  if (
    cells.length >= 4 &&
    normalisePostcode(cells[0] ?? '').ok &&
    INTEGER.test(cells[1] ?? '') &&
    INTEGER.test(cells[2] ?? '') &&
    INTEGER.test(cells[3] ?? '')
  ) {
    return { format: 'code-point-open', hasHeader: false, postcode: 0, quality: 1, easting: 2, northing: 3 };
  }
  const keys = cells.map(key);
  const onspd = findColumn(keys, ONSPD_POSTCODE);
  const postcode = onspd ?? findColumn(keys, POSTCODE);
  const lat = findColumn(keys, LAT);
  const lng = findColumn(keys, LNG);
  const easting = findColumn(keys, EASTING);
  const northing = findColumn(keys, NORTHING);
  const quality = findColumn(keys, QUALITY);
  if (postcode === undefined) {
    throw new PostcodeFileError(
      `The postcode file's columns were not recognised: no postcode column among ${listed(cells)}. Expected ${EXPECTED_COLUMNS}.`,
    );
  }
  if (lat !== undefined && lng !== undefined) {
    return { format: onspd !== undefined ? 'onspd' : 'postcode-lat-long', hasHeader: true, postcode, lat, lng };
  }
  if (easting !== undefined && northing !== undefined) {
    return {
      format: quality !== undefined ? 'code-point-open' : 'postcode-grid',
      hasHeader: true,
      postcode,
      easting,
      northing,
      ...(quality !== undefined ? { quality } : {}),
    };
  }
  throw new PostcodeFileError(
    `The postcode file's columns were not recognised: it has a postcode column ("${cells[postcode]?.trim()}") but no latitude and longitude ` +
      `or eastings and northings columns among ${listed(cells)}. Expected ${EXPECTED_COLUMNS}.`,
  );
}

export interface PostcodeFileParser {
  readonly layout: PostcodeFileLayout;
  /** Parses the next rows (in file order, after the first row) and returns the located postcodes. */
  push(rows: readonly (readonly string[])[]): PostcodePoint[];
  /** The counts so far (a snapshot). */
  report(): PostcodeFileReport;
}

const isBlank = (row: readonly string[]): boolean => row.every((c) => !c || !c.trim());

/**
 * A stateful parser for a file read in chunks. `firstRow` is the file's first row; for a file without a
 * header (Code-Point Open) it is also the first data row, and is parsed by the first `push`.
 * Throws PostcodeFileError when the first row is not recognised.
 */
export function postcodeFileParser(firstRow: readonly string[]): PostcodeFileParser {
  const layout = recognisePostcodeFile(firstRow);
  let rowNumber = layout.hasHeader ? 1 : 0;
  let rows = 0;
  let accepted = 0;
  let skippedCount = 0;
  const skipped: SkippedRow[] = [];
  let pending: readonly (readonly string[])[] = layout.hasHeader ? [] : [firstRow];

  const skip = (reason: string): void => {
    skippedCount++;
    if (skipped.length < MAX_SKIPPED_LISTED) skipped.push({ row: rowNumber, reason });
  };

  function parseRow(row: readonly string[]): PostcodePoint | null {
    const raw = (row[layout.postcode] ?? '').trim();
    if (!raw) {
      skip('No postcode.');
      return null;
    }
    const pc = normalisePostcode(raw);
    if (!pc.ok) {
      skip(pc.message);
      return null;
    }
    let lat: number;
    let lng: number;
    if (layout.lat !== undefined && layout.lng !== undefined) {
      const latText = (row[layout.lat] ?? '').trim();
      const lngText = (row[layout.lng] ?? '').trim();
      if (!latText || !lngText) {
        skip(`${pc.value} has no latitude and longitude.`);
        return null;
      }
      lat = Number(latText);
      lng = Number(lngText);
      if (!Number.isFinite(lat) || !Number.isFinite(lng)) {
        skip(`${pc.value}: latitude "${latText}" / longitude "${lngText}" are not numbers.`);
        return null;
      }
      if (Math.abs(lat - ONSPD_NO_LOCATION) < 1e-6) {
        skip(`${pc.value} has no location in the directory (latitude 99.999999).`);
        return null;
      }
    } else {
      const quality = layout.quality !== undefined ? (row[layout.quality] ?? '').trim() : '';
      if (quality === '90') {
        skip(`${pc.value} has no coordinates (positional quality 90).`);
        return null;
      }
      const eText = (row[layout.easting ?? -1] ?? '').trim();
      const nText = (row[layout.northing ?? -1] ?? '').trim();
      const easting = Number(eText);
      const northing = Number(nText);
      if (!eText || !nText || !Number.isFinite(easting) || !Number.isFinite(northing)) {
        skip(`${pc.value}: eastings "${eText}" / northings "${nText}" are not numbers.`);
        return null;
      }
      if (easting === 0 && northing === 0) {
        skip(`${pc.value} has no coordinates (eastings and northings 0).`);
        return null;
      }
      if (!isOnNationalGrid(easting, northing)) {
        skip(`${pc.value}: eastings ${eText} / northings ${nText} are outside the British National Grid.`);
        return null;
      }
      ({ lat, lng } = gridToWgs84(easting, northing));
    }
    if (lat < UK_BOUNDS.south || lat > UK_BOUNDS.north || lng < UK_BOUNDS.west || lng > UK_BOUNDS.east) {
      skip(`${pc.value}: ${lat}, ${lng} is not in the UK (latitude and longitude swapped?).`);
      return null;
    }
    return { postcode: pc.value, lat, lng };
  }

  return {
    layout,
    push(chunk) {
      const all = pending.length ? [...pending, ...chunk] : chunk;
      pending = [];
      const out: PostcodePoint[] = [];
      for (const row of all) {
        rowNumber++;
        if (isBlank(row)) continue;
        rows++;
        const p = parseRow(row);
        if (p) {
          out.push(p);
          accepted++;
        }
      }
      return out;
    },
    report() {
      return { format: layout.format, rows, accepted, skippedCount, skipped: skipped.slice() };
    },
  };
}

/** Parses a whole postcode file already split into rows (`header` is the first row). */
export function parsePostcodeFile(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): { points: PostcodePoint[]; report: PostcodeFileReport } {
  const parser = postcodeFileParser(header);
  const points = parser.push(rows);
  return { points, report: parser.report() };
}
