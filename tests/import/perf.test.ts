// @vitest-environment node
/**
 * Performance of the pure engine on 100,000 generated rows of 10 columns (about 10 MB of CSV): parse,
 * suggest a mapping, build the records. It PRINTS the times (no assertion on them: the machine running
 * the tests is shared); the benchmark (<= 20 s end to end in the browser, worker included) is
 * measured by the bench scripts.
 */
import { describe, expect, it } from 'vitest';
import { buildImport } from '../../src/import/buildRecords';
import { suggestMapping } from '../../src/import/mapping';
import { parseFile } from '../../src/import/parseFile';

const GIVEN = ['John', 'Amy', 'Darren', 'Kyle', 'Sophie', 'Ryan', 'Chloe', 'Liam', 'Jade', 'Connor', 'Imran', 'Aisha'];
const FAMILY = ['SMITH', 'JONES', 'TAYLOR', 'BROWN', 'WILSON', 'DAVIES', 'EVANS', 'THOMAS', 'ROBERTS', 'JOHNSON', 'KHAN', 'PATEL'];
const pad = (n: number) => String(n).padStart(2, '0');

export function generateCsv(rows: number): string {
  const lines = ['Surname,Forename,DOB,Mobile,VRM,Address 1,Town,Postcode,Ref,Date'];
  for (let i = 0; i < rows; i++) {
    const d = 1 + (i % 28);
    const m = 1 + ((i * 7) % 12);
    lines.push(
      [
        `${FAMILY[i % FAMILY.length]}${i % 4001}`,
        GIVEN[(i * 7) % GIVEN.length],
        `${pad(d)}/${pad(m)}/${1960 + (i % 50)}`,
        `07700 ${900000 + ((i * 13) % 1000)}`,
        `${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + ((i * 3) % 26))}${10 + (i % 80)} ${String.fromCharCode(65 + ((i * 5) % 26))}${String.fromCharCode(65 + ((i * 11) % 26))}${String.fromCharCode(65 + ((i * 17) % 26))}`,
        `${1 + (i % 300)} ${['Mill Lane', 'Canal Street', 'Park Avenue', 'Station Road'][i % 4]}`,
        'Northtown',
        `NT${1 + (i % 9)} ${1 + (i % 9)}${String.fromCharCode(65 + (i % 20))}${String.fromCharCode(66 + ((i * 7) % 20))}`,
        `NP/${i}`,
        `${pad(d)}/${pad(m)}/2024`,
      ].join(','),
    );
  }
  return lines.join('\r\n');
}

describe('performance (prints only)', () => {
  it('parses, maps and builds 100,000 rows x 10 columns', { timeout: 240_000 }, async () => {
    const bytes = new TextEncoder().encode(generateCsv(100_000));
    let t = performance.now();
    const wb = await parseFile('big.csv', bytes);
    const parseMs = performance.now() - t;
    const sheet = wb.sheets[0];
    if (!sheet) throw new Error('no sheet');
    t = performance.now();
    const { mapping } = suggestMapping(sheet.headers, sheet.rows.slice(0, 100), { settings: { agency: 'Northshire Police', agencyType: 'police' } });
    const suggestMs = performance.now() - t;
    t = performance.now();
    let progress = 0;
    const b = buildImport(sheet, mapping, { importId: 'imp-perf', workspaceId: 'ws-perf', fileName: 'big.csv', onProgress: (p) => (progress = p.done) });
    const buildMs = performance.now() - t;
    expect(b.counts.rows).toBe(100_000);
    expect(b.counts.imported + b.counts.quarantined + b.counts.blank).toBe(100_000);
    expect(progress).toBe(100_000);
    console.log(
      `import engine, 100,000 rows x 10 columns (${(bytes.length / 1e6).toFixed(1)} MB): parse ${parseMs.toFixed(0)} ms, suggest ${suggestMs.toFixed(0)} ms, build ${buildMs.toFixed(0)} ms, total ${(parseMs + suggestMs + buildMs).toFixed(0)} ms; ${b.counts.entities.toLocaleString('en-GB')} entities, ${b.counts.links.toLocaleString('en-GB')} links, ${b.counts.items.toLocaleString('en-GB')} items, ${b.counts.quarantined} quarantined`,
    );
  });
});
