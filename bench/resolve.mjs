#!/usr/bin/env node
// Entity-resolution benchmark: `npm run bench:resolve`.
//
// Runs the command line (src/cli/resolve.ts, the same engine as the app) on each data set, scores the
// clusters at the confident (merge) threshold with ../shared/bench/score-clusters.mjs, and prints plain
// aligned lines: pair precision / recall / F1 and B-cubed per set, the time and peak memory for 100,000
// generated UK records, the demo workspace, and the app's path (asynchronous, with progress) on a
// 100,000-entity workspace. Files go to bench/out/resolve/ (git-ignored).
//
//   node bench/resolve.mjs [--quick]      --quick skips the 100,000-record runs
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(root, '..', 'shared');
const out = join(root, 'bench', 'out', 'resolve');
const scorer = join(shared, 'bench', 'score-clusters.mjs');
const febrl = join(shared, 'data', 'er', 'febrl');
const fake = join(shared, 'data', 'er', 'splink-fake-1000', 'fake_1000.csv');
const quick = process.argv.includes('--quick');
mkdirSync(out, { recursive: true });

/** Runs a TypeScript entry point with tsx; returns stdout, stderr, status and wall time. */
function tsx(args, stdoutFile) {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', 'tsx', ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr.trim().split('\n').pop()}`);
  if (stdoutFile) writeFileSync(stdoutFile, r.stdout);
  return { stdout: r.stdout, stderr: r.stderr, seconds };
}

function score(truthFile, predFile) {
  const r = spawnSync(process.execPath, [scorer, truthFile, predFile], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`scorer failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** record_id,true_id from a CSV's id column (FEBRL: rec-N-org / rec-N-dup-k are person N). */
function truthCsv(files, idColumn, truthOf) {
  const lines = ['record_id,true_id'];
  for (const f of files) {
    const rows = readFileSync(f, 'utf8').split(/\r?\n/).filter((l) => l.trim());
    const head = rows[0].split(',').map((h) => h.trim());
    const at = head.indexOf(idColumn);
    for (const row of rows.slice(1)) {
      const cells = row.split(',').map((c) => c.trim());
      lines.push(`${cells[at]},${truthOf(cells, head)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

const stat = (stderr, key) => {
  const m = stderr.match(new RegExp(`${key}=([^ \\n]+)`));
  return m ? m[1] : '';
};

const FEBRL_MAP = ['--id', 'rec_id', '--map', 'givenName=given_name', '--map', 'familyName=surname', '--map', 'dob=date_of_birth',
  '--map', 'address=street_number,address_1,address_2,suburb,state', '--map', 'postcode=postcode', '--map', 'identifier=soc_sec_id'];
const FAKE_MAP = ['--id', 'unique_id', '--map', 'givenName=first_name', '--map', 'familyName=surname', '--map', 'dob=dob',
  '--map', 'address=city', '--map', 'email=email'];
const febrlTruth = (cells) => cells[0].match(/^rec-(\d+)-/)[1];

const rows = [];
function run(label, files, mapArgs, truthFile, target) {
  const pred = join(out, `${label.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}-pred.csv`);
  const r = tsx(['src/cli/resolve.ts', ...files, ...mapArgs, '--stats'], pred);
  const s = score(truthFile, pred);
  rows.push({ label, ...s, seconds: r.seconds, peak: stat(r.stderr, 'peak_rss_mb'), target, stats: r.stderr.trim() });
}

console.log('Linkwall entity resolution benchmark (clusters at the confident threshold, 0.99 match probability)');
console.log(`command: npm run --silent resolve -- ${join('..', 'shared', 'data', 'er', 'febrl', 'dataset3.csv')} ${FEBRL_MAP.join(' ')}`);
console.log('');

writeFileSync(join(out, 'febrl3-truth.csv'), truthCsv([join(febrl, 'dataset3.csv')], 'rec_id', febrlTruth));
run('FEBRL dataset3', [join(febrl, 'dataset3.csv')], FEBRL_MAP, join(out, 'febrl3-truth.csv'), 'F1 >= 0.98, P >= 0.99');

writeFileSync(join(out, 'febrl4-truth.csv'), truthCsv([join(febrl, 'dataset4a.csv'), join(febrl, 'dataset4b.csv')], 'rec_id', febrlTruth));
run('FEBRL dataset4a+4b', [join(febrl, 'dataset4a.csv'), join(febrl, 'dataset4b.csv')], FEBRL_MAP, join(out, 'febrl4-truth.csv'), 'F1 >= 0.99, P >= 0.99');

writeFileSync(join(out, 'fake1000-truth.csv'), truthCsv([fake], 'unique_id', (cells, head) => cells[head.indexOf('cluster')]));
run('Splink fake_1000', [fake], FAKE_MAP, join(out, 'fake1000-truth.csv'), 'F1 >= 0.90, P >= 0.99');

const ukArgs = JSON.parse(tsx(['src/cli/resolution-data.ts', 'uk', '10000', out]).stdout);
run('UK generated 10,000', [join(out, 'uk-10000.csv')], ukArgs, join(out, 'uk-10000-truth.csv'), 'P >= 0.99 (own set)');
if (!quick) {
  tsx(['src/cli/resolution-data.ts', 'uk', '100000', out]);
  run('UK generated 100,000', [join(out, 'uk-100000.csv')], ukArgs, join(out, 'uk-100000-truth.csv'), '<= 30 s');
}

tsx(['src/cli/resolution-data.ts', 'demo', out]);
const demo = score(join(out, 'demo-truth.csv'), join(out, 'demo-pred.csv'));
const demoPairs = readFileSync(join(out, 'demo-pairs.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
rows.push({ label: 'demo workspace (people)', ...demo, seconds: NaN, peak: '', target: 'truthPersonKey' });

const pad = (v, n) => String(v).padEnd(n);
const num = (x) => (Number.isFinite(x) ? x.toFixed(4) : '');
console.log(
  `${pad('data set', 26)}${pad('records', 9)}${pad('pair P', 8)}${pad('pair R', 8)}${pad('pair F1', 9)}${pad('B3 P', 8)}${pad('B3 R', 8)}${pad('B3 F1', 8)}${pad('time', 9)}${pad('peak', 9)}target`,
);
for (const r of rows) {
  console.log(
    `${pad(r.label, 26)}${pad(r.records, 9)}${pad(num(r.pair_precision), 8)}${pad(num(r.pair_recall), 8)}${pad(num(r.pair_f1), 9)}` +
      `${pad(num(r.bcubed_precision), 8)}${pad(num(r.bcubed_recall), 8)}${pad(num(r.bcubed_f1), 8)}` +
      `${pad(Number.isFinite(r.seconds) ? `${r.seconds.toFixed(1)} s` : '', 9)}${pad(r.peak ? `${r.peak} MB` : '', 9)}${r.target}`,
  );
}
console.log('');
const review = demoPairs.filter((p) => p[3] === 'review');
const confident = demoPairs.filter((p) => p[3] === 'confident');
console.log(
  `demo pairs: confident ${confident.length} (${confident.filter((p) => p[5] === 'true').length} true), ` +
    `review ${review.length} (${review.filter((p) => p[5] === 'true').length} true)`,
);
if (!quick) {
  const app = JSON.parse(tsx(['src/cli/resolution-data.ts', 'app', '100000']).stdout);
  console.log(
    `app path (100,000-entity synthetic workspace, ${app.people} people; async with progress as in a worker): ` +
      `people ${(app.people_ms / 1000).toFixed(1)} s, ${app.progress_events} progress events, longest gap ${app.longest_gap_ms} ms; ` +
      `vehicles/phones/addresses ${(app.others_ms / 1000).toFixed(1)} s (${app.other_pairs} pairs); total ${(app.total_ms / 1000).toFixed(1)} s, peak ${app.peak_rss_mb} MB`,
  );
}
console.log('');
for (const r of rows) if (r.stats) console.log(`${pad(r.label, 26)}${r.stats}`);
writeFileSync(join(out, 'results.json'), `${JSON.stringify(rows, null, 2)}\n`);
