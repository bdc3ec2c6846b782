// @vitest-environment node
/** src/domain/resolution is pure domain code: it reaches the rest of src/domain only through shared.ts. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = 'src/domain/resolution';
const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));

describe('src/domain/resolution purity', () => {
  it.each(files)('%s imports only its own folder (or src/domain through shared.ts) and no browser globals', (file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    const specifiers = [...text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]/gm)].map((m) => m[1] ?? m[2] ?? '');
    for (const s of specifiers) {
      if (file === 'shared.ts') expect(s.startsWith('../') && !s.startsWith('../../'), `${file} imports ${s}`).toBe(true);
      else expect(s.startsWith('./'), `${file} imports ${s}`).toBe(true);
    }
    expect(text).not.toMatch(/\b(window|document|localStorage|sessionStorage|indexedDB|navigator)\./);
  });
});
