// @vitest-environment node
/** The fictional UK multi-agency generator: deterministic, the right shape, the corruptions partner data has. */
import { describe, expect, it } from 'vitest';
import { generateUkRecords, UK_COLUMNS, ukDatasetToCsv } from '../../../src/domain/resolution/ukGenerator';

describe('generateUkRecords', () => {
  const ds = generateUkRecords({ records: 3000, seed: 7 });
  const col = (name: (typeof UK_COLUMNS)[number]) => UK_COLUMNS.indexOf(name);
  const values = (name: (typeof UK_COLUMNS)[number]) => ds.rows.map((r) => r[col(name)] ?? '').filter(Boolean);

  it('is deterministic and exactly the size asked for, with truth for every row', () => {
    expect(ds.rows).toHaveLength(3000);
    expect(ds.truth).toHaveLength(3000);
    expect(new Set(ds.rows.map((r) => r[0])).size).toBe(3000);
    expect(generateUkRecords({ records: 3000, seed: 7 })).toEqual(ds);
    expect(generateUkRecords({ records: 3000, seed: 8 })).not.toEqual(ds);
    expect(new Set(ds.truth).size).toBeLessThan(2000); // people recorded more than once
  });

  it('uses only Ofcom drama-range mobiles and fictional postcode areas', () => {
    for (const cell of values('phone')) for (const p of cell.split(';')) expect(p.replace(/\D/g, '').replace(/^44/, '0')).toMatch(/^07700900\d{3}$/);
    for (const pc of values('postcode')) expect(pc.toUpperCase()).toMatch(/^(KB|NS)\d/);
    for (const e of values('email')) expect(e).toMatch(/@example\.(com|org|net)$/);
  });

  it('has the corruptions partner data has', () => {
    const names = values('name');
    expect(names.some((n) => /^[A-Z'-]{2,}, /.test(n))).toBe(true); // SMITH, Darren
    expect(names.some((n) => /^[A-Z'-]{2,} [A-Z][a-z]/.test(n))).toBe(true); // SMITH Darren
    expect(names.some((n) => ['Dazza', 'Gazza', 'Baz', 'Shaz', 'Becky', 'Tel'].includes(n.split(' ')[0] ?? ''))).toBe(true);
    expect(values('vehicle').some((v) => v.startsWith('ends ') || v.includes('?'))).toBe(true);
    expect(values('address').some((a) => /^Flat \d+,/.test(a)) && values('address').some((a) => / flat \d+/.test(a))).toBe(true);
    expect(values('dob').some((d) => /^\d{2}\.\d{2}\.\d{4}$/.test(d)) && values('dob').some((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))).toBe(true);
  });

  it('writes CSV and truth files', () => {
    const { records, truth } = ukDatasetToCsv(generateUkRecords({ records: 5, seed: 1 }));
    expect(records.split('\n')[0]).toBe(UK_COLUMNS.join(','));
    expect(records.trim().split('\n')).toHaveLength(6);
    expect(truth.split('\n')[0]).toBe('record_id,true_id');
  });
});
