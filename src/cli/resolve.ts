/**
 * Command line for person entity resolution, the same engine as the app (src/domain/resolution).
 *
 *   npm run --silent resolve -- FILE.csv [FILE2.csv ...] --id COLUMN --map FIELD=COLUMN[,COLUMN...] ...
 *       [--threshold P] [--review P] [--stats]
 *
 * Reads CSV files with a header row (all with the same columns), resolves the rows as people and prints
 * CSV to stdout: `record_id,entity_id`, one line per input row; rows resolved together share an
 * entity_id (the id of the cluster's first row). Nothing else goes to stdout.
 *
 *   --id COLUMN        the column holding each row's unique id
 *   --map FIELD=COLS   FIELD is one of name (full name, any order), givenName, familyName, alias, dob, sex,
 *                      phone, email, handle, vehicle, address, postcode, identifier. Several columns joined
 *                      by commas are concatenated with spaces; --map may be repeated for the same FIELD
 *                      (each mapping gives separate values). A cell may hold several values split by ";".
 *                      Identifiers compare only within the same mapping (one mapping = one id scheme).
 *   --threshold P      merge (confident) threshold as a match probability, 0 < P < 1 (default 0.99)
 *   --review P         review threshold (default 0.5, lowered to the merge threshold if above it)
 *   --stats            print records, clusters, pairs, time and peak memory to stderr
 *
 * Header names and cells are trimmed. Bad arguments or an unreadable file: a one-line reason on stderr,
 * exit status 2.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import Papa from 'papaparse';
import { INPUT_FIELDS, recordFromFields, splitValues, type InputField, type RawPersonFields } from '../domain/resolution/records';
import { resolvePeopleSync } from '../domain/resolution/people';
import type { ResolutionRecord } from '../domain/resolution/types';

class UsageError extends Error {}

interface Mapping {
  field: InputField;
  columns: string[];
  /** As written after "=", the identifier scheme for identifiers. */
  spec: string;
}

interface Args {
  files: string[];
  id: string;
  maps: Mapping[];
  threshold?: number;
  review?: number;
  stats: boolean;
}

const USAGE = 'usage: resolve FILE.csv [FILE2.csv ...] --id COLUMN --map FIELD=COLUMN[,COLUMN...] [--threshold P] [--review P] [--stats]';

function probability(flag: string, raw: string | undefined): number {
  const x = Number(raw);
  if (raw === undefined || raw.trim() === '' || !Number.isFinite(x) || x <= 0 || x >= 1)
    throw new UsageError(`${flag} needs a probability between 0 and 1 (exclusive), got "${raw ?? ''}"`);
  return x;
}

export function parseArgs(argv: string[]): Args {
  const args: Args = { files: [], id: '', maps: [], stats: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--id') args.id = value().trim();
    else if (a === '--map') {
      const spec = value();
      const eq = spec.indexOf('=');
      if (eq < 0) throw new UsageError(`--map "${spec}" is not FIELD=COLUMN[,COLUMN...]`);
      const field = spec.slice(0, eq).trim();
      if (!(INPUT_FIELDS as readonly string[]).includes(field))
        throw new UsageError(`--map: unknown field "${field}" (use one of ${INPUT_FIELDS.join(', ')})`);
      const columns = spec
        .slice(eq + 1)
        .split(',')
        .map((c) => c.trim());
      if (columns.some((c) => !c)) throw new UsageError(`--map "${spec}": empty column name`);
      args.maps.push({ field: field as InputField, columns, spec: spec.slice(eq + 1).trim() });
    } else if (a === '--threshold') args.threshold = probability(a, value());
    else if (a === '--review') args.review = probability(a, value());
    else if (a === '--stats') args.stats = true;
    else if (a === '--help' || a === '-h') throw new UsageError(USAGE);
    else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
    else args.files.push(a);
  }
  if (!args.files.length) throw new UsageError(`no CSV file given (${USAGE})`);
  if (!args.id) throw new UsageError('--id COLUMN is required');
  if (!args.maps.length) throw new UsageError('at least one --map FIELD=COLUMN is required');
  return args;
}

function readCsv(path: string): string[][] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : ((e as Error).message ?? 'error')}`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' });
  const fatal = parsed.errors.find((e) => e.type === 'Quotes');
  if (fatal) throw new UsageError(`cannot read ${path}: bad CSV at row ${(fatal.row ?? 0) + 1} (${fatal.message})`);
  if (!parsed.data.length) throw new UsageError(`cannot read ${path}: the file is empty (a header row is needed)`);
  return parsed.data;
}

function csvCell(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows of all files as records (validated header, ids). */
export function loadRecords(args: Args): ResolutionRecord[] {
  let header: string[] | null = null;
  let columnIndex = new Map<string, number>();
  const records: ResolutionRecord[] = [];
  const seen = new Set<string>();
  for (const file of args.files) {
    const rows = readCsv(file);
    const head = (rows[0] ?? []).map((h) => h.trim());
    if (!header) {
      header = head;
      columnIndex = new Map(head.map((h, i) => [h, i]));
      const missing = [args.id, ...args.maps.flatMap((m) => m.columns)].find((c) => !columnIndex.has(c));
      if (missing !== undefined) throw new UsageError(`column "${missing}" is not in the header of ${file} (${head.join(', ')})`);
    } else if (head.join('\u0000') !== header.join('\u0000')) {
      throw new UsageError(`${file} does not have the same columns as ${args.files[0] ?? ''}`);
    }
    const idCol = columnIndex.get(args.id) ?? 0;
    for (let r = 1; r < rows.length; r++) {
      const row = rows[r] ?? [];
      const cell = (c: string): string => (row[columnIndex.get(c) ?? -1] ?? '').trim();
      const id = (row[idCol] ?? '').trim();
      if (!id) throw new UsageError(`${file} row ${r + 1}: empty id in column "${args.id}"`);
      if (seen.has(id)) throw new UsageError(`${file} row ${r + 1}: id "${id}" appears more than once`);
      seen.add(id);
      const raw: RawPersonFields = {};
      for (const m of args.maps) {
        const lists = m.columns.map((c) => splitValues(cell(c)));
        const count = Math.max(0, ...lists.map((l) => l.length));
        const values: string[] = [];
        for (let k = 0; k < count; k++) {
          const v = lists
            .map((l) => l[k] ?? (l.length === 1 ? l[0] : '') ?? '')
            .filter(Boolean)
            .join(' ');
          if (v) values.push(v);
        }
        if (m.field === 'identifier') (raw.identifier ??= []).push(...values.map((value) => ({ scheme: m.spec, value })));
        else (raw[m.field] ??= []).push(...values);
      }
      records.push(recordFromFields(id, raw));
    }
  }
  return records;
}

export function main(argv: string[]): number {
  const started = Date.now();
  try {
    const args = parseArgs(argv);
    const records = loadRecords(args);
    const confident = args.threshold ?? 0.99;
    const review = Math.min(args.review ?? 0.5, confident);
    const result = resolvePeopleSync(records, { thresholds: { confident, review }, explain: false });
    const entityOf = new Map<string, string>();
    for (const c of result.clusters) for (const id of c.recordIds) entityOf.set(id, c.id);
    const lines = ['record_id,entity_id'];
    for (const r of records) lines.push(`${csvCell(r.id)},${csvCell(entityOf.get(r.id) ?? r.id)}`);
    process.stdout.write(`${lines.join('\n')}\n`);
    if (args.stats) {
      const s = result.stats;
      const peak = process.resourceUsage().maxRSS / 1024;
      process.stderr.write(
        `records=${s.records} entities=${s.clusters} candidate_pairs=${s.candidatePairs} confident_pairs=${s.confidentPairs} ` +
          `review_pairs=${s.reviewPairs} blocked_merges=${s.blockedMerges} prior=${s.priorMatchProbability.toExponential(2)} ` +
          `em_iterations=${s.emIterations} engine_ms=${s.milliseconds} ` +
          `phases_ms=${Object.entries(s.phaseMilliseconds).map(([k, v]) => `${k}:${v}`).join(',')} ` +
          `total_ms=${Date.now() - started} peak_rss_mb=${peak.toFixed(0)}\n`,
      );
    }
    return 0;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`resolve: ${message.split('\n')[0] ?? ''}\n`);
    return 2;
  }
}

// Run when executed (tsx src/cli/resolve.ts ...), not when imported by tests.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main(process.argv.slice(2));
