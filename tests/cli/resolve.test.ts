// @vitest-environment node
/**
 * The resolve command line: output format (CSV on stdout only), its mapping options, and one-line
 * errors with exit status 2. Spawns the real command (node --import tsx src/cli/resolve.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'linkwall-resolve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/resolve.ts', ...args], { encoding: 'utf8', cwd: process.cwd() });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Two people recorded twice each (police style and partner style), one recorded once, and padding.
const header = ' ref , first , last , full_name , born , mobile , street , town , postcode , nhs \n';
const rows = [
  'A1,Darren,Smith,,14/03/1991,07700 900855,14 High St,Kelbridge,KB1 4AP,999 123 4567',
  'A2,,,"SMITH, Dazza",1991-03-14,+44 7700 900855,Flat 2,, KB1 4AP,9991234567',
  'B1,Rebecca,Barraclough,,02/05/2009,07700 900111;07700 900112,3 Mill Lane,Kelbridge,KB2 1AA,999 765 4321',
  'B2,Becky,Barraclough,,2009-05-02,07700 900112,3 Mill Ln,,kb21aa,',
  'C1,Kyle,Okafor,,20/10/1988,,,,,',
];
for (let i = 0; i < 40; i++) rows.push(`Z${i},Person${i},Family${i % 13},,${String((i % 28) + 1).padStart(2, '0')}/0${(i % 9) + 1}/19${60 + i},07700 900${String(300 + i)},${i} Side Street,Town,KB${(i % 9) + 1} ${i % 10}ZZ,`);
const csv = file('people.csv', `${header}${rows.join('\n')}\n`);
const MAP = [
  '--id', 'ref',
  '--map', 'givenName=first', '--map', 'familyName=last', '--map', 'name=full_name', '--map', 'dob=born',
  '--map', 'phone=mobile', '--map', 'address=street,town', '--map', 'postcode=postcode', '--map', 'identifier=nhs',
];

describe('resolve command line', { timeout: 60_000 }, () => {
  it('prints record_id,entity_id for every record, duplicates sharing an entity', () => {
    const r = run([csv, ...MAP]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('record_id,entity_id');
    expect(lines).toHaveLength(rows.length + 1);
    const entity = new Map(lines.slice(1).map((l) => l.split(',') as [string, string]));
    expect([...entity.keys()]).toEqual(rows.map((row) => row.split(',')[0]));
    expect(entity.get('A1')).toBe(entity.get('A2'));
    expect(entity.get('B1')).toBe(entity.get('B2'));
    expect(entity.get('A1')).not.toBe(entity.get('B1'));
    expect(entity.get('C1')).toBe('C1');
  });

  it('reads several files with the same columns, and keeps stats off stdout', () => {
    const second = file('more.csv', `${header}D1,Kyle,Okafor,,20/10/1988,,,,,\n`);
    const r = run([csv, second, ...MAP, '--stats', '--threshold', '0.95']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(rows.length + 2);
    expect(r.stdout).not.toMatch(/records=|peak/);
    expect(r.stderr).toMatch(/^records=46 .*peak_rss_mb=\d+/);
  });

  it.each([
    [[], /no CSV file/],
    [['people.csv'], /--id COLUMN is required/],
    [['people.csv', '--id', 'ref'], /at least one --map/],
    [['people.csv', '--id', 'ref', '--map', 'shoeSize=first'], /unknown field "shoeSize"/],
    [['people.csv', '--id', 'ref', '--map', 'givenName'], /is not FIELD=COLUMN/],
    [['people.csv', '--id', 'ref', '--map', 'givenName=nope'], /column "nope" is not in the header/],
    [['people.csv', '--id', 'nope', '--map', 'givenName=first'], /column "nope" is not in the header/],
    [['people.csv', '--id', 'ref', '--map', 'givenName=first', '--threshold', '1.5'], /--threshold needs a probability/],
    [['people.csv', '--id', 'ref', '--map', 'givenName=first', '--threshold'], /--threshold needs a value/],
    [['people.csv', '--id', 'ref', '--map', 'givenName=first', '--frobnicate'], /unknown option --frobnicate/],
    [['missing.csv', '--id', 'ref', '--map', 'givenName=first'], /cannot read .*missing\.csv: no such file/],
  ] as const)('rejects %j with one line on stderr and exit status 2', (args, message) => {
    const r = run(args.map((a) => (a.endsWith('.csv') ? join(dir, a) : a)));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('rejects files whose columns differ, and ids that repeat or are missing', () => {
    const other = file('other.csv', 'ref,first\nX1,Kyle\n');
    const repeat = file('repeat.csv', 'ref,first\nX1,Kyle\nX1,Kyle\n');
    const blank = file('blank.csv', 'ref,first\n,Kyle\n');
    const cases: [string[], RegExp][] = [
      [[csv, other, ...MAP], /does not have the same columns/],
      [[repeat, '--id', 'ref', '--map', 'givenName=first'], /id "X1" appears more than once/],
      [[blank, '--id', 'ref', '--map', 'givenName=first'], /empty id/],
    ];
    for (const [args, message] of cases) {
      const r = run(args);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
