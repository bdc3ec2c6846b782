#!/usr/bin/env node
/**
 * Parse time of a whole postcode file in Node: papaparse in 1 MB chunks (as services/postcodes.ts reads
 * it) and domain/geo/postcodeFile.ts. IndexedDB writes are not timed: Node with fake-indexeddb says
 * nothing about a browser's IndexedDB.
 *
 * Usage: npx tsx bench/postcodes.mjs [file.csv]   (default: the London file in ../shared/data/geo)
 */
import { readFileSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { postcodeFileParser } from '../src/domain/geo/postcodeFile.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const file = process.argv[2] ?? join(root, '../shared/data/geo/london-postcodes-2014-08-wgs84.csv');
const CHUNK = 1 << 20;

const t0 = performance.now();
const text = readFileSync(file, 'utf8');
const tRead = performance.now() - t0;

function run(withParser) {
  let parser = null;
  let points = 0;
  let chunks = 0;
  const t = performance.now();
  Papa.parse(text, {
    header: false,
    skipEmptyLines: 'greedy',
    chunkSize: CHUNK,
    chunk(results) {
      chunks++;
      let rows = results.data;
      if (!withParser) return;
      if (!parser) {
        parser = postcodeFileParser(rows[0]);
        rows = rows.slice(1);
      }
      points += parser.push(rows).length;
    },
  });
  return { ms: performance.now() - t, points, chunks, report: parser?.report() };
}

run(true); // warm up
const papaOnly = run(false);
const full = run(true);
const mb = statSync(file).size / 1e6;
console.log(`file: ${file} (${mb.toFixed(1)} MB), read ${tRead.toFixed(0)} ms`);
console.log(`papaparse alone, ${papaOnly.chunks} chunks: ${papaOnly.ms.toFixed(0)} ms`);
console.log(
  `papaparse + postcodeFileParser: ${full.ms.toFixed(0)} ms for ${full.report.rows} rows ` +
    `(${((full.report.rows / full.ms) * 1000).toFixed(0)} rows/s); ${full.points} located, ${full.report.skippedCount} skipped; format ${full.report.format}`,
);
console.log(`heap used: ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);
