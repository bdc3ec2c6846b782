// @vitest-environment node
/** Nicknames: a search for "Dazza" must find Darren, and unrelated names must stay apart. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NICKNAME_DATA } from '../../src/domain/nicknameData';
import {
  UK_NICKNAMES,
  areNicknameEquivalent,
  formalNamesFor,
  isKnownNickname,
  nameVariants,
} from '../../src/domain/nicknames';

describe('areNicknameEquivalent', () => {
  it.each([
    ['Dazza', 'Darren'],
    ['daz', 'DARREN'],
    ['Gazza', 'Gary'],
    ['Baz', 'Barry'],
    ['Tel', 'Terence'],
    ['Shaz', 'Sharon'],
    ['Becky', 'Rebecca'],
    ['Kaz', 'Karen'],
    ['Mick', 'Michael'],
    ['Dai', 'David'],
    ['Bill', 'William'],
    ['Liam', 'William'],
    ['Peggy', 'Margaret'],
    ['Mo', 'Mohammed'],
    ['Taz', 'Tariq'],
    ['Wazza', 'Warren'],
    ['Wazza', 'Wayne'],
    ['Stephen', 'Steven'],
    ['Lottie', 'Charlotte'],
    ['Jack', 'John'],
    ['Zoë', 'zoe'],
  ])('%s ~ %s', (a, b) => {
    expect(areNicknameEquivalent(a, b)).toBe(true);
    expect(areNicknameEquivalent(b, a)).toBe(true);
  });

  it.each([
    ['Darren', 'Gary'],
    ['Dazza', 'Gazza'],
    ['Sharon', 'Karen'],
    ['Warren', 'Wayne'],
    ['Rebecca', 'Barry'],
    ['Tariq', 'Imran'],
    ['Darren', ''],
  ])('%s is not %s', (a, b) => {
    expect(areNicknameEquivalent(a, b)).toBe(false);
  });
});

describe('nameVariants', () => {
  it('lists the formal name and its nicknames, folded, itself first', () => {
    expect(nameVariants('Dazza')).toEqual(['dazza', 'darren', 'daz']);
    expect(nameVariants('Darren')).toEqual(['darren', 'daz', 'dazza']);
    const tel = nameVariants('Tel');
    expect(tel[0]).toBe('tel');
    expect(tel).toEqual(expect.arrayContaining(['terence', 'terry']));
  });

  it('includes names from the generated public lists', () => {
    expect(nameVariants('Daniel')).toEqual(expect.arrayContaining(['dan', 'danny']));
    expect(nameVariants('Abigail')).toEqual(expect.arrayContaining(['abby', 'gail']));
  });

  it('returns just the name when it is unknown, and nothing for a blank', () => {
    expect(nameVariants('Xyzzy')).toEqual(['xyzzy']);
    expect(nameVariants('  ')).toEqual([]);
  });
});

describe('isKnownNickname / formalNamesFor', () => {
  it('knows nicknames from formal names', () => {
    expect(isKnownNickname('Dazza')).toBe(true);
    expect(isKnownNickname('Becky')).toBe(true);
    expect(isKnownNickname('Darren')).toBe(false);
    expect(isKnownNickname('Xyzzy')).toBe(false);
    expect(formalNamesFor('Gaz')).toEqual(['gareth', 'gary']);
    expect(formalNamesFor('Darren')).toEqual([]);
  });
});

describe('data', () => {
  it('has a British list of at least 80 groups, each a formal name with at least one other form', () => {
    expect(UK_NICKNAMES.length).toBeGreaterThanOrEqual(80);
    for (const line of UK_NICKNAMES) {
      expect(line).toMatch(/^[a-z]+( [a-z]+)+$/);
    }
  });

  it('generated data is a compact, well-formed string', () => {
    const groups = NICKNAME_DATA.split(';');
    expect(groups.length).toBeGreaterThan(1000);
    for (const g of groups) expect(g).toMatch(/^[a-z]+(,[a-z]+)+$/);
  });

  const dataDir = '/work/shared/data/nicknames';
  it.skipIf(!existsSync(dataDir))('nicknameData.ts is what scripts/build-nicknames.mjs generates', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nick-'));
    try {
      const out = join(dir, 'nicknameData.ts');
      execFileSync(process.execPath, ['scripts/build-nicknames.mjs', dataDir, out]);
      expect(readFileSync(out, 'utf8')).toBe(readFileSync('src/domain/nicknameData.ts', 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
