// Bench runner: serves the built app, starts headless Chromium through the e2e harness and runs every
// bench/*.bench.mjs in file-name order. `npm run bench` builds first.
//
//   node bench/run.mjs [filter...]   run only benches whose file name or `name` contains a filter
//   BENCH_STRICT=1                   exit 1 when a figure misses its target
//
// A bench module exports `name` (string) and `async run({ page, url, log, browser, server })`.
// `log(label, value, unit, target?)` prints one aligned figure; `target` is a number (meaning
// value <= target) or a string such as '<= 10', '>= 50' or 'informational'.
// Before each bench the origin's storage (IndexedDB, localStorage, caches...) is wiped, so every
// bench starts from an empty app. Results are also written to bench/out/results-<stamp>.json.

import { readdir, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startServer, launchBrowser, isLocalUrl } from '../tests/e2e/harness.mjs';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const LABEL_WIDTH = 28;

function formatValue(value) {
  if (typeof value !== 'number') return String(value);
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value) && Math.abs(value) >= 1000) return String(value);
  const abs = Math.abs(value);
  return value.toFixed(abs >= 100 ? 0 : abs >= 10 ? 1 : 2);
}

/** Parse a target into { op, limit } or null (informational). */
function parseTarget(target) {
  if (typeof target === 'number') return { op: '<=', limit: target };
  if (typeof target !== 'string') return null;
  const m = /^\s*(<=|>=|<|>)\s*(-?[\d.]+)/.exec(target);
  return m ? { op: m[1], limit: Number(m[2]) } : null;
}

function meets(value, { op, limit }) {
  if (typeof value !== 'number') return true;
  if (op === '<=') return value <= limit;
  if (op === '<') return value < limit;
  if (op === '>=') return value >= limit;
  return value > limit;
}

async function main() {
  const filters = process.argv.slice(2);
  const files = (await readdir(BENCH_DIR))
    .filter((f) => f.endsWith('.bench.mjs'))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

  const server = await startServer();
  const browser = await launchBrowser();
  const cpus = os.cpus();
  const header = {
    date: new Date().toISOString(),
    node: process.version,
    chromium: browser.version(),
    cpus: os.availableParallelism?.() ?? cpus.length,
    cpuModel: cpus[0]?.model?.trim() ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
  };
  console.log('Linkwall bench');
  console.log(`  date      ${header.date}`);
  console.log(`  node      ${header.node}`);
  console.log(`  chromium  ${header.chromium}`);
  console.log(`  cpus      ${header.cpus} x ${header.cpuModel}, ${header.memoryGiB} GiB RAM`);
  console.log(`  url       ${server.url}`);
  console.log('');

  const results = [];
  let failedBenches = 0;
  let missedTargets = 0;
  try {
    for (const file of files) {
      const mod = await import(pathToFileURL(path.join(BENCH_DIR, file)).href);
      const name = typeof mod.name === 'string' ? mod.name : file.replace(/\.bench\.mjs$/, '');
      if (filters.length > 0 && !filters.some((f) => file.includes(f) || name.includes(f))) continue;
      if (typeof mod.run !== 'function') {
        console.log(`# ${name} (${file}): no run() export, skipped`);
        continue;
      }
      console.log(`# ${name}`);
      const log = (label, value, unit = '', target) => {
        const parsed = parseTarget(target);
        const ok = parsed ? meets(value, parsed) : true;
        if (!ok) missedTargets += 1;
        const targetText =
          target === undefined
            ? ''
            : parsed
              ? ` (target ${parsed.op} ${parsed.limit}${unit ? ' ' + unit : ''})${ok ? '' : '  !! MISSED'}`
              : ` (${target})`;
        const line = `${label.padEnd(LABEL_WIDTH)} ${formatValue(value).padStart(8)} ${String(unit).padEnd(3)}${targetText}`;
        console.log(line.trimEnd());
        results.push({ bench: name, label, value, unit, target: target ?? null, ok });
      };

      // Each bench starts on an empty origin: clear all storage, then leave the page on about:blank.
      const page = browser.page;
      await page.goto(server.url, { waitUntil: 'commit' });
      const cdp = await browser.context.newCDPSession(page);
      await cdp.send('Storage.clearDataForOrigin', { origin: new URL(server.url).origin, storageTypes: 'all' });
      await cdp.detach();
      await page.goto('about:blank');

      const started = performance.now();
      try {
        await mod.run({ page: browser.page, url: server.url, log, browser, server });
        console.log(`  (${name} took ${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
      } catch (err) {
        failedBenches += 1;
        console.log(`  !! ${name} FAILED: ${err?.stack ?? err}\n`);
        results.push({ bench: name, error: String(err?.message ?? err) });
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }

  const foreign = browser.foreignRequests().filter((r) => !isLocalUrl(r.url));
  if (foreign.length > 0) {
    console.log(`!! ${foreign.length} request(s) left 127.0.0.1:\n  ${foreign.map((r) => r.url).join('\n  ')}`);
  }
  const errors = browser.pageErrors();
  if (errors.length > 0) console.log(`note: ${errors.length} page/console error(s):\n  ${errors.join('\n  ')}`);

  const outDir = path.join(BENCH_DIR, 'out');
  await mkdir(outDir, { recursive: true });
  const outFile = path.join(outDir, `results-${header.date.replace(/[:.]/g, '-')}.json`);
  await writeFile(outFile, JSON.stringify({ ...header, results, foreign, errors }, null, 2) + '\n');
  console.log(`results written to ${path.relative(process.cwd(), outFile)}`);
  console.log(`${failedBenches} bench(es) failed, ${missedTargets} target(s) missed`);

  if (failedBenches > 0 || foreign.length > 0) process.exitCode = 1;
  else if (missedTargets > 0 && process.env.BENCH_STRICT === '1') process.exitCode = 1;
}

main().catch((err) => {
  console.error(err?.stack ?? err);
  process.exitCode = 1;
});
