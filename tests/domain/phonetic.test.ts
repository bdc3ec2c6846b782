// @vitest-environment node
/** Sound-alike matching: a search for one spelling must find the others. */
import { describe, expect, it } from 'vitest';
import { phoneticKey, phoneticTokens, soundex, soundsAlike } from '../../src/domain/phonetic';

describe('soundex', () => {
  it.each([
    ['Robert', 'R163'],
    ['Rupert', 'R163'],
    ['Ashcraft', 'A261'],
    ['Tymczak', 'T522'],
    ['Pfister', 'P236'],
    ['Honeyman', 'H555'],
    ['Lee', 'L000'],
    ['Smith', 'S530'],
    ['Smyth', 'S530'],
    ["O'Neill", 'O540'],
  ])('%s -> %s', (name, code) => {
    expect(soundex(name)).toBe(code);
  });

  it('gives nothing for text without letters', () => {
    expect(soundex('')).toBe('');
    expect(soundex('123')).toBe('');
  });
});

describe('phoneticKey', () => {
  it.each([
    [['Smith', 'Smyth', 'Smithe', 'SMITH']],
    [['Darren', 'Daren', 'Darran']],
    [['Stephen', 'Steven']],
    [['Catherine', 'Kathryn', 'Katherine', 'Cathryn']],
    [['Mohammed', 'Muhammad', 'Mohamed', 'Mohammad', 'Muhammed']],
    [['Jonathan', 'Johnathan']],
    [['Philip', 'Phillip', 'Filip']],
    [['Megan', 'Meghan']],
    [['Zoë', 'Zoe']],
    [['Kerry', 'Kerri', 'Kerrie']],
  ])('%j share one key', (names) => {
    const keys = new Set(names.map(phoneticKey));
    expect(keys.size).toBe(1);
    expect([...keys][0]).not.toBe('');
  });

  it.each([
    ['Smith', 'Smart'],
    ['Darren', 'Gary'],
    ['Stephen', 'Simon'],
    ['Mohammed', 'Mahmood'],
    ['Catherine', 'Caroline'],
  ])('%s and %s do not sound alike', (a, b) => {
    expect(soundsAlike(a, b)).toBe(false);
  });

  it('keys every word of a full name', () => {
    expect(phoneticTokens('Darren SMYTH')).toEqual([phoneticKey('Darren'), phoneticKey('Smith')]);
    expect(phoneticKey('Darren Smyth')).toBe(`${phoneticKey('Daren')} ${phoneticKey('Smith')}`);
    expect(phoneticKey('')).toBe('');
    expect(soundsAlike('', '')).toBe(false);
  });
});
