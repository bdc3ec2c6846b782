import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LinkwallDb } from '../../src/db/schema';
import {
  POSTCODE_META_KEY,
  POSTCODE_WRITE_BATCH,
  PostcodeFileError,
  clearPostcodes,
  importPostcodeFile,
  lookupPostcodes,
  postcodeFileInfo,
  type PostcodeImportProgress,
} from '../../src/services/postcodes';
import { hasGeoData, headLines, LONDON_FILE } from '../domain/geo/geoData';

let n = 0;
let db: LinkwallDb;
const now = () => new Date('2024-06-01T09:00:00Z');

beforeEach(async () => {
  db = new LinkwallDb(`postcodes-test-${Date.now()}-${n++}`);
  await db.open();
});
afterEach(() => db.close());

const LONDON_5000 = hasGeoData ? `${headLines(LONDON_FILE, 5000).join('\n')}\n` : '';

describe('importPostcodeFile', () => {
  it.skipIf(!hasGeoData)('imports the first 5,000 lines of the London file in chunks, with progress', async () => {
    const progress: PostcodeImportProgress[] = [];
    const result = await importPostcodeFile(db, LONDON_5000, (p) => progress.push(p), { name: 'london.csv', now, chunkSize: 64 * 1024 });
    expect(result.report.format).toBe('postcode-lat-long');
    expect(result.report.rows).toBe(4999);
    expect(result.report.accepted + result.report.skippedCount).toBe(4999);
    expect(await db.postcodes.count()).toBe(result.report.accepted);
    expect(result.file).toEqual({
      name: 'london.csv',
      format: 'postcode-lat-long',
      formatLabel: 'Postcode, latitude, longitude',
      importedAt: '2024-06-01T09:00:00.000Z',
      rows: 4999,
      count: result.report.accepted,
      skipped: result.report.skippedCount,
      complete: true,
    });
    expect(result.info).toEqual({ files: [result.file], total: result.report.accepted });
    // Several chunks were read; progress only goes forward and ends at the whole file.
    expect(progress.length).toBeGreaterThan(3);
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i]!.fraction).toBeGreaterThanOrEqual(progress[i - 1]!.fraction);
      expect(progress[i]!.rows).toBeGreaterThanOrEqual(progress[i - 1]!.rows);
    }
    expect(progress[progress.length - 1]).toMatchObject({ fraction: 1, rows: 4999, written: result.report.accepted });

    const found = await lookupPostcodes(db, ['br11ab', 'BR1 1AB', 'ZZ1 1ZZ', 'nonsense']);
    expect([...found.entries()]).toEqual([['BR1 1AB', { lat: 51.406271, lng: 0.015177 }]]);
  });

  it('writes in batches (10,000 by default) in separate transactions', async () => {
    const lines = ['postcode,latitude,longitude'];
    for (let i = 0; i < 2_345; i++) {
      const district = 1 + (i % 20);
      const sector = Math.floor(i / 20) % 10;
      const unit = Math.floor(i / 200);
      const letters = 'ABDEFGHJLNPQRSTUWXYZ';
      lines.push(`E${district} ${sector}${letters[unit % 20]}${letters[Math.floor(unit / 20) % 20]},51.5,-0.1`);
    }
    const puts: number[] = [];
    const original = db.postcodes.bulkPut.bind(db.postcodes);
    db.postcodes.bulkPut = ((records: unknown[]) => {
      puts.push(records.length);
      return original(records as never);
    }) as typeof db.postcodes.bulkPut;
    const result = await importPostcodeFile(db, lines.join('\r\n'), undefined, { name: 'made.csv', batchSize: 1000 });
    expect(puts).toEqual([1000, 1000, 345]);
    expect(result.report.accepted).toBe(2_345);
    expect(await db.postcodes.count()).toBe(2_345);
    expect(POSTCODE_WRITE_BATCH).toBe(10_000);
  });

  it('refuses a file that is not a postcode file before writing anything', async () => {
    await db.postcodes.put({ pc: 'E1 6AN', lat: 51.52, lng: -0.07 });
    await expect(importPostcodeFile(db, 'Surname,Forename,DOB\nSmith,Alex,2001-02-03\n', undefined, { name: 'people.csv', replace: true })).rejects.toThrow(
      /no postcode column among "Surname", "Forename", "DOB"/,
    );
    await expect(importPostcodeFile(db, 'postcode,latitude,longitude\nnot one,x,y\nnor this,1,2\n', undefined, { replace: true })).rejects.toThrow(
      PostcodeFileError,
    );
    // Also when the first chunk read holds only the header.
    await expect(importPostcodeFile(db, 'postcode,latitude,longitude\nnot one,x,y\nE1 6AN,51.5,-0.07\n', undefined, { chunkSize: 8 })).rejects.toThrow(
      /none of its first 1 rows has a usable postcode/,
    );
    await expect(importPostcodeFile(db, '', undefined, {})).rejects.toThrow(/empty/);
    await expect(importPostcodeFile(db, 'postcode,latitude,longitude\n', undefined, {})).rejects.toThrow(/header row but no postcodes/);
    // The table is as it was.
    expect(await db.postcodes.toArray()).toEqual([{ pc: 'E1 6AN', lat: 51.52, lng: -0.07 }]);
    expect(await db.meta.get(POSTCODE_META_KEY)).toBeUndefined();
  });

  it('adds to the table by default and replaces it when asked', async () => {
    await importPostcodeFile(db, 'postcode,latitude,longitude\nE1 6AN,51.52,-0.07\nE1 6AQ,51.521,-0.071\n', undefined, { name: 'a.csv', now });
    const second = await importPostcodeFile(db, 'postcode,latitude,longitude\nE1 6AN,51.5201,-0.0701\nN1 9GU,51.53,-0.12\n', undefined, { name: 'b.csv', now });
    expect(second.info.total).toBe(3);
    expect(second.info.files.map((f) => f.name)).toEqual(['a.csv', 'b.csv']);
    expect((await lookupPostcodes(db, ['E1 6AN'])).get('E1 6AN')).toEqual({ lat: 51.5201, lng: -0.0701 });
    const third = await importPostcodeFile(db, 'postcode,latitude,longitude\nSE1 7PB,51.5,-0.11\n', undefined, { name: 'c.csv', replace: true, now });
    expect(third.info).toMatchObject({ total: 1, files: [{ name: 'c.csv', count: 1 }] });
  });

  it('reads a Blob / File in chunks (Code-Point Open without a header)', async () => {
    const text = ['"SW1A1AA",10,529090,179645,"E92000001","E19000003","E18000007","","E09000033","E05000644"', '"SW1A2AA",90,0,0,"E92000001","","","","",""', '"N1  6AA",10,531500,183500,"E92000001","","","","",""'].join('\n');
    const file = new File([text], 'codepoint-sw.csv', { type: 'text/csv' });
    const result = await importPostcodeFile(db, file, undefined, { chunkSize: 100 });
    expect(result.file).toMatchObject({ name: 'codepoint-sw.csv', format: 'code-point-open', rows: 3, count: 2, skipped: 1 });
    const found = await lookupPostcodes(db, ['SW1A 1AA', 'N1 6AA', 'SW1A 2AA']);
    expect([...found.keys()]).toEqual(['SW1A 1AA', 'N1 6AA']);
    // These eastings / northings land at about 51.5010 N, 0.1416 W (outside Buckingham Palace).
    expect(found.get('SW1A 1AA')!.lat).toBeCloseTo(51.501, 3);
    expect(found.get('SW1A 1AA')!.lng).toBeCloseTo(-0.1416, 3);
  });

  it('can be cancelled: what was written stays, recorded as incomplete', async () => {
    const lines = ['postcode,latitude,longitude'];
    const letters = 'ABDEFGHJLNPQRSTUWXYZ';
    for (let i = 0; i < 3_000; i++) lines.push(`N${1 + (i % 20)} ${Math.floor(i / 20) % 10}${letters[Math.floor(i / 200) % 20]}${letters[Math.floor(i / 4000) % 20]},51.5,-0.1`);
    const controller = new AbortController();
    const run = importPostcodeFile(
      db,
      lines.join('\n'),
      (p) => {
        if (p.written >= 1_000) controller.abort();
      },
      { name: 'big.csv', signal: controller.signal, chunkSize: 16 * 1024, batchSize: 500 },
    );
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    const info = await postcodeFileInfo(db);
    expect(info.total).toBeGreaterThanOrEqual(1_000);
    expect(info.total).toBeLessThan(3_000);
    expect(info.files).toMatchObject([{ name: 'big.csv', complete: false, count: info.total }]);
  });
});

describe('clearPostcodes and postcodeFileInfo', () => {
  it('empties the table and forgets the files', async () => {
    expect(await postcodeFileInfo(db)).toEqual({ files: [], total: 0 });
    await importPostcodeFile(db, 'postcode,latitude,longitude\nE1 6AN,51.52,-0.07\n', undefined, { name: 'a.csv', now });
    expect((await postcodeFileInfo(db)).total).toBe(1);
    await clearPostcodes(db);
    expect(await postcodeFileInfo(db)).toEqual({ files: [], total: 0 });
    expect(await lookupPostcodes(db, [])).toEqual(new Map());
  });
});
