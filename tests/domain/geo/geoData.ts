/**
 * The shared geography files (../shared/data/geo beside the checkout, see its README). Tests that read
 * them are skipped where the folder is absent (a clean clone elsewhere).
 */
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';

export const GEO_DIR = join(__dirname, '../../../../shared/data/geo');
export const LONDON_FILE = join(GEO_DIR, 'london-postcodes-2014-08-wgs84.csv');
export const OUTCODE_FILE = join(GEO_DIR, 'gb-outcode-centroids-2014-08.csv');
export const hasGeoData = existsSync(LONDON_FILE) && existsSync(OUTCODE_FILE);

/** The first `n` lines of a text file (header included), without reading the whole file. */
export function headLines(path: string, n: number): string[] {
  const fd = openSync(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let lines = 0;
    let pos = 0;
    const buf = Buffer.alloc(1 << 16);
    while (lines <= n) {
      const read = readSync(fd, buf, 0, buf.length, pos);
      if (read <= 0) break;
      const part = Buffer.from(buf.subarray(0, read));
      chunks.push(part);
      pos += read;
      for (const b of part) if (b === 10) lines++;
    }
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/).slice(0, n).filter((l) => l !== '');
  } finally {
    closeSync(fd);
  }
}
