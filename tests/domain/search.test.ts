// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { editDistance, SearchIndex } from '../../src/domain/search';
import { address, fact, name, person, phone, vehicle } from './factories';

const darren = person({ id: 'darren', names: [name('legal', 'Darren', 'Smith'), name('nickname', '', '', 'Dazza')] });
const daz = person({ id: 'daz', names: [name('legal', 'Daz', 'Smyth')] });
const gary = person({ id: 'gary', names: [name('legal', 'Gary', 'Barraclough')] });
const astra = vehicle({ id: 'astra', registration: fact('KX19ABC'), make: fact('Vauxhall'), model: fact('Astra') });
const mobile = phone({ id: 'mob', number: fact('+447700900123') });
const home = address({ id: 'home', lines: fact(['14 High Street', 'Kelbridge']), postcode: fact('KB1 4AP') });

function ids(index: SearchIndex, q: string): string[] {
  return index.search(q).hits.map((h) => h.id);
}

describe('search-as-you-type', () => {
  const index = new SearchIndex([darren, daz, gary, astra, mobile, home]);

  it('finds a person by nickname, in any case', () => {
    expect(ids(index, 'dazza')[0]).toBe('darren');
    expect(ids(index, 'DAZZA')).toContain('darren');
  });

  it('finds a person by a misspelt name ("Darren Smyth")', () => {
    expect(ids(index, 'Darren Smyth')).toContain('darren');
    expect(ids(index, 'Darren Smyth')).not.toContain('gary');
  });

  it('finds a person by nickname equivalence (the formal name finds the nickname-only record)', () => {
    expect(ids(index, 'daz')).toEqual(expect.arrayContaining(['daz', 'darren']));
  });

  it('finds prefixes while typing', () => {
    expect(ids(index, 'barr')).toEqual(['gary']);
    expect(ids(index, 'd')).toEqual(expect.arrayContaining(['darren', 'daz']));
  });

  it('finds vehicles by plate with or without spaces, and by part of it', () => {
    expect(ids(index, 'KX19ABC')[0]).toBe('astra');
    expect(ids(index, 'kx19 abc')[0]).toBe('astra');
    expect(ids(index, '19ab')).toContain('astra');
  });

  it('finds phones in any format', () => {
    for (const q of ['07700 900123', '07700900123', '+44 7700 900123', '447700900123', '900123', '(07700) 900-123']) {
      expect(ids(index, q), q).toContain('mob');
    }
  });

  it('finds addresses by postcode with or without the space, and by street', () => {
    expect(ids(index, 'KB1 4AP')).toContain('home');
    expect(ids(index, 'kb14ap')).toContain('home');
    expect(ids(index, 'high street')).toContain('home');
  });

  it('returns nothing for unrelated text, and handles empty queries', () => {
    expect(ids(index, 'zzzzqqq')).toEqual([]);
    expect(index.search('   ').total).toBe(0);
  });

  it('follows edits and deletions incrementally', () => {
    const ix = new SearchIndex([darren, gary]);
    ix.upsert(person({ id: 'darren', names: [name('legal', 'Darren', 'Jones')] }));
    expect(ids(ix, 'smith')).not.toContain('darren');
    expect(ids(ix, 'jones')).toContain('darren');
    ix.remove('gary');
    expect(ids(ix, 'barraclough')).toEqual([]);
    expect(ix.size).toBe(1);
  });
});

describe('editDistance', () => {
  it('counts a transposition as one edit and stops above the bound', () => {
    expect(editDistance('smith', 'smiht', 2)).toBe(1);
    expect(editDistance('smith', 'smyth', 2)).toBe(1);
    expect(editDistance('abc', 'xyzabc', 1)).toBe(2);
  });
});
