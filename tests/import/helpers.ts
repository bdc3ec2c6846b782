/** Shared bits for the import engine tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BuildContext } from '../../src/import/buildRecords';

export const FIXTURES = join(__dirname, '../fixtures/import');

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, name)));
}

export const TODAY = '2025-06-01';

/** A deterministic build context: ids "p-1", "it-2"... */
export function ctx(over: Partial<BuildContext> = {}): BuildContext {
  let n = 0;
  return {
    importId: 'imp-1',
    workspaceId: 'ws-1',
    fileName: 'test.csv',
    now: '2025-06-01T09:00:00.000Z',
    today: TODAY,
    newId: (prefix: string) => `${prefix}-${++n}`,
    ...over,
  };
}

export const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
