// @vitest-environment node
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { distanceM } from '../../../src/domain/geo/areas';
import { wgs84ToGrid } from '../../../src/domain/geo/osgb';
import {
  MAX_SKIPPED_LISTED,
  PostcodeFileError,
  parsePostcodeFile,
  postcodeFileParser,
  recognisePostcodeFile,
} from '../../../src/domain/geo/postcodeFile';
import { hasGeoData, headLines, LONDON_FILE } from './geoData';

const rowsOf = (text: string): string[][] => Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' }).data;

describe('recognising a postcode file', () => {
  it('knows the ONS Postcode Directory by its pcd columns and prefers pcds', () => {
    const layout = recognisePostcodeFile(['pcd', 'pcd2', 'pcds', 'dointr', 'doterm', 'oseast1m', 'osnrth1m', 'lat', 'long']);
    expect(layout).toMatchObject({ format: 'onspd', hasHeader: true, postcode: 2, lat: 7, lng: 8 });
    expect(recognisePostcodeFile(['PCD7', 'PCD8', 'PCDS', 'LAT', 'LONG'])).toMatchObject({ format: 'onspd', postcode: 2 });
  });

  it('knows postcode, latitude, longitude files whatever the case, spacing or BOM', () => {
    expect(recognisePostcodeFile(['\uFEFFPostcode', 'Latitude', 'Longitude'])).toMatchObject({ format: 'postcode-lat-long', postcode: 0, lat: 1, lng: 2 });
    expect(recognisePostcodeFile(['id', 'Post Code', 'lng', 'lat'])).toMatchObject({ postcode: 1, lat: 3, lng: 2 });
  });

  it('knows Code-Point Open with its header, its short header, or none', () => {
    expect(recognisePostcodeFile(['Postcode', 'Positional_quality_indicator', 'Eastings', 'Northings', 'Country_code'])).toMatchObject({
      format: 'code-point-open',
      hasHeader: true,
      postcode: 0,
      quality: 1,
      easting: 2,
      northing: 3,
    });
    expect(recognisePostcodeFile(['PC', 'PQ', 'EA', 'NO', 'CY', 'RH', 'LH', 'CC', 'DC', 'WC'])).toMatchObject({ format: 'code-point-open', hasHeader: true });
    expect(recognisePostcodeFile(['AB101AA', '10', '394251', '806376', 'S92000003', '', 'S08000020'])).toMatchObject({
      format: 'code-point-open',
      hasHeader: false,
    });
    expect(recognisePostcodeFile(['postcode', 'easting', 'northing'])).toMatchObject({ format: 'postcode-grid' });
  });

  it('the London test file is a postcode / latitude / longitude file (its eastings are not used)', () => {
    const header = 'postcode,latitude,longitude,eastings,northings,positional_quality,country_code,admin_district_code,admin_ward_code'.split(',');
    expect(recognisePostcodeFile(header)).toMatchObject({ format: 'postcode-lat-long', lat: 1, lng: 2 });
  });

  it('refuses other files, naming what it found and what it expected', () => {
    expect(() => recognisePostcodeFile(['Surname', 'Forename', 'DOB'])).toThrow(PostcodeFileError);
    expect(() => recognisePostcodeFile(['Surname', 'Forename', 'DOB'])).toThrow(/no postcode column among "Surname", "Forename", "DOB".*Expected an ONS Postcode Directory/);
    expect(() => recognisePostcodeFile(['postcode', 'ward'])).toThrow(/has a postcode column \("postcode"\) but no latitude and longitude or eastings and northings/);
    expect(() => recognisePostcodeFile(['', ''])).toThrow(/first row is empty/);
  });
});

describe('parsing a postcode file', () => {
  it.skipIf(!hasGeoData)('parses the first 2,000 lines of the real London file', () => {
    const [header, ...lines] = headLines(LONDON_FILE, 2000);
    const t0 = performance.now();
    const { points, report } = parsePostcodeFile(rowsOf(header!)[0]!, rowsOf(lines.join('\n')));
    const ms = performance.now() - t0;
    expect(report.format).toBe('postcode-lat-long');
    expect(report.rows).toBe(1999);
    expect(report.accepted + report.skippedCount).toBe(report.rows);
    expect(report.skipped.length).toBe(report.skippedCount);
    expect(points[0]).toEqual({ postcode: 'BR1 1AB', lat: 51.406271, lng: 0.015177 });
    for (const p of points) {
      expect(p.postcode).toMatch(/^[A-Z]{1,2}[0-9][0-9A-Z]? [0-9][A-Z]{2}$/);
      expect(p.lat).toBeGreaterThan(51.2);
      expect(p.lat).toBeLessThan(51.8);
    }
    expect(ms).toBeLessThan(500);
  });

  it('skips and counts unlocated rows: ONSPD latitude 99.999999, empty coordinates, bad postcodes, wrong country', () => {
    const header = ['pcd', 'pcds', 'lat', 'long'];
    const rows = [
      ['SW1A1AA', 'SW1A 1AA', '51.501009', '-0.141588'],
      ['AB1 0AA', 'AB1 0AA', '99.999999', '0.000000'],
      ['', '', '', ''],
      ['XX', 'not a postcode', '51.5', '-0.1'],
      ['LS1 4AP', 'LS1 4AP', '', ''],
      ['LS1 4AQ', 'LS1 4AQ', '-1.5', '53.8'],
      ['LS1 4AR', 'LS1 4AR', 'north', '-1.5'],
      ['ls14as', 'ls1 4as', '53.79', '-1.54'],
    ];
    const { points, report } = parsePostcodeFile(header, rows);
    expect(points).toEqual([
      { postcode: 'SW1A 1AA', lat: 51.501009, lng: -0.141588 },
      { postcode: 'LS1 4AS', lat: 53.79, lng: -1.54 },
    ]);
    expect(report).toMatchObject({ format: 'onspd', rows: 7, accepted: 2, skippedCount: 5 });
    expect(report.skipped.map((s) => s.row)).toEqual([3, 5, 6, 7, 8]);
    expect(report.skipped[0]!.reason).toMatch(/99\.999999/);
    expect(report.skipped[1]!.reason).toMatch(/not a UK postcode/);
    expect(report.skipped[2]!.reason).toMatch(/no latitude and longitude/);
    expect(report.skipped[3]!.reason).toMatch(/not in the UK/);
    expect(report.skipped[4]!.reason).toMatch(/not numbers/);
  });

  it('converts Code-Point Open eastings/northings (no header) to WGS84 and skips quality 90', () => {
    // Grid references made from known WGS84 points, so the round trip is checked too.
    const westminster = wgs84ToGrid(51.501009, -0.141588);
    const rows = [
      ['SW1A1AA', '10', String(Math.round(westminster.easting)), String(Math.round(westminster.northing)), 'E92000001', '', '', '', 'E09000033', 'E05000644'],
      ['SW1A2AA', '90', '0', '0', 'E92000001', '', '', '', '', ''],
      ['N1  6AA', '10', '531500', '183500', 'E92000001', '', '', '', '', ''],
    ];
    const parser = postcodeFileParser(rows[0]!);
    expect(parser.layout.hasHeader).toBe(false);
    const points = parser.push(rows.slice(1));
    expect(points.map((p) => p.postcode)).toEqual(['SW1A 1AA', 'N1 6AA']);
    expect(distanceM(points[0]!, { lat: 51.501009, lng: -0.141588 })).toBeLessThan(1.5);
    expect(parser.report()).toMatchObject({ format: 'code-point-open', rows: 3, accepted: 2, skippedCount: 1, skipped: [{ row: 2 }] });
    expect(parser.report().skipped[0]!.reason).toMatch(/positional quality 90/);
  });

  it('numbers rows as a spreadsheet does across chunks, and lists at most 100 skipped rows', () => {
    const parser = postcodeFileParser(['postcode', 'latitude', 'longitude']);
    const bad = Array.from({ length: 150 }, () => ['nope', '51.5', '-0.1']);
    parser.push(bad.slice(0, 70));
    parser.push([['E1 6AN', '51.5', '-0.07'], ...bad.slice(70)]);
    const r = parser.report();
    expect(r.rows).toBe(151);
    expect(r.accepted).toBe(1);
    expect(r.skippedCount).toBe(150);
    expect(r.skipped).toHaveLength(MAX_SKIPPED_LISTED);
    expect(r.skipped[0]!.row).toBe(2);
    expect(r.skipped[70]!.row).toBe(73);
  });
});
