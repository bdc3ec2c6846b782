// @vitest-environment node
/** src/domain must stay pure TypeScript: it runs in Node, a worker and tests, so no React, Dexie or DOM. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = 'src/domain';
const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
const FORBIDDEN = /^(react|react-dom|dexie|dexie-react-hooks|@testing-library)(\/|$)/;

describe('src/domain purity', () => {
  it.each(files)('%s imports no UI, storage or code from outside src/domain', (file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    const specifiers = [...text.matchAll(/\b(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1] ?? '');
    for (const s of specifiers) {
      expect(FORBIDDEN.test(s), `${file} imports ${s}`).toBe(false);
      expect(s.startsWith('../'), `${file} imports ${s} from outside src/domain`).toBe(false);
    }
    expect(text).not.toMatch(/\b(window|document|localStorage|sessionStorage|indexedDB|navigator)\./);
  });
});
