/**
 * Data for the resolution benchmark (bench/resolve.mjs), from the same domain code as the app:
 *
 *   tsx src/cli/resolution-data.ts uk N OUT_DIR [SEED]
 *       writes OUT_DIR/uk-N.csv (fictional UK multi-agency records) and OUT_DIR/uk-N-truth.csv
 *       (record_id,true_id), and prints the command-line arguments that map its columns (JSON)
 *   tsx src/cli/resolution-data.ts app N
 *       the app's path: a synthetic workspace of N entities (people, vehicles, phones, addresses) turned
 *       into records and resolved with the asynchronous, cancellable API as a Web Worker would, then
 *       resolveOthers; prints one JSON line (times, progress events, the longest gap between them)
 *   tsx src/cli/resolution-data.ts demo OUT_DIR
 *       resolves the fictional demo workspace's people (entities + links, as the app would) and writes
 *       OUT_DIR/demo-pred.csv (record_id,entity_id), OUT_DIR/demo-truth.csv and OUT_DIR/demo-pairs.csv
 *       (every pair at or above review with its band and whether it is a true duplicate)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDemoWorkspace } from '../domain/demo';
import { resolveOthers } from '../domain/resolution/others';
import { resolvePeople, resolvePeopleSync } from '../domain/resolution/people';
import { generateSyntheticWorkspace } from '../domain/synthetic';
import { generateUkRecords, UK_CLI_ARGS, ukDatasetToCsv } from '../domain/resolution/ukGenerator';
import { recordsFromWorkspace } from '../domain/resolution/workspace';

async function main(argv: string[]): Promise<number> {
  const [what, ...rest] = argv;
  if (what === 'uk') {
    const [nText, dir, seedText] = rest;
    const n = Number(nText);
    if (!Number.isInteger(n) || n <= 0 || !dir) throw new Error('usage: resolution-data uk N OUT_DIR [SEED]');
    mkdirSync(dir, { recursive: true });
    const { records, truth } = ukDatasetToCsv(generateUkRecords({ records: n, seed: seedText ? Number(seedText) : 2026 }));
    writeFileSync(join(dir, `uk-${n}.csv`), records);
    writeFileSync(join(dir, `uk-${n}-truth.csv`), truth);
    process.stdout.write(`${JSON.stringify(UK_CLI_ARGS)}\n`);
    return 0;
  }
  if (what === 'app') {
    const n = Number(rest[0]);
    if (!Number.isInteger(n) || n <= 0) throw new Error('usage: resolution-data app N');
    const { entities } = generateSyntheticWorkspace(n);
    const started = performance.now();
    const records = recordsFromWorkspace(entities, []);
    const recordsMs = performance.now() - started;
    let last = performance.now();
    let longestGap = 0;
    let gapPhase = '';
    let events = 0;
    const result = await resolvePeople(records, {}, (p) => {
      const now = performance.now();
      if (now - last > longestGap) {
        longestGap = now - last;
        gapPhase = p.phase;
      }
      last = now;
      events++;
    });
    const peopleMs = performance.now() - started;
    const others = resolveOthers(entities, []);
    const totalMs = performance.now() - started;
    process.stdout.write(
      `${JSON.stringify({
        entities: n,
        people: records.length,
        records_ms: Math.round(recordsMs),
        people_ms: Math.round(peopleMs),
        progress_events: events,
        longest_gap_ms: Math.round(longestGap),
        longest_gap_before: gapPhase,
        person_pairs: result.pairs.length,
        other_pairs: others.pairs.length,
        others_ms: Math.round(totalMs - peopleMs),
        total_ms: Math.round(totalMs),
        peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
      })}\n`,
    );
    return 0;
  }
  if (what === 'demo') {
    const [dir] = rest;
    if (!dir) throw new Error('usage: resolution-data demo OUT_DIR');
    mkdirSync(dir, { recursive: true });
    const demo = generateDemoWorkspace();
    const result = resolvePeopleSync(recordsFromWorkspace(demo.entities, demo.links), { explain: false });
    const pred = ['record_id,entity_id'];
    for (const c of result.clusters) for (const id of c.recordIds) pred.push(`${id},${c.id}`);
    const truth = ['record_id,true_id', ...Object.entries(demo.truthPersonKey).map(([id, key]) => `${id},${key}`)];
    const pairs = ['left_id,right_id,probability,band,merged,true_duplicate'];
    for (const p of result.pairs) {
      const same = demo.truthPersonKey[p.leftId] === demo.truthPersonKey[p.rightId];
      pairs.push(`${p.leftId},${p.rightId},${p.probability.toFixed(4)},${p.band},${p.merged},${same}`);
    }
    writeFileSync(join(dir, 'demo-pred.csv'), `${pred.join('\n')}\n`);
    writeFileSync(join(dir, 'demo-truth.csv'), `${truth.join('\n')}\n`);
    writeFileSync(join(dir, 'demo-pairs.csv'), `${pairs.join('\n')}\n`);
    return 0;
  }
  throw new Error('usage: resolution-data uk N OUT_DIR [SEED] | app N | demo OUT_DIR');
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`resolution-data: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  },
);
