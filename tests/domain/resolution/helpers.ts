/** Helpers for the resolution tests: compare two raw records, build datasets of distinct people. */
import { Comparison, compareRecords, FIELD_SPECS } from '../../../src/domain/resolution/compare';
import { prepareRecords } from '../../../src/domain/resolution/prepare';
import { recordFromFields, type RawPersonFields } from '../../../src/domain/resolution/records';
import type { PersonField, ResolutionRecord } from '../../../src/domain/resolution/types';

/** The comparison level (its key, e.g. "nickname") of each field compared between two raw records. */
export function levels(a: RawPersonFields, b: RawPersonFields): Partial<Record<PersonField, string>> & { crossed: boolean } {
  const { prepared } = prepareRecords([recordFromFields('a', a), recordFromFields('b', b)]);
  const [x, y] = prepared[0]?.id === 'a' ? [prepared[0], prepared[1]] : [prepared[1], prepared[0]];
  if (!x || !y) throw new Error('prepare failed');
  const cmp = new Comparison();
  compareRecords(x, y, cmp);
  const out: Partial<Record<PersonField, string>> & { crossed: boolean } = { crossed: cmp.crossed };
  FIELD_SPECS.forEach((spec, f) => {
    const l = cmp.levels[f] ?? -1;
    if (l >= 0) out[spec.field] = spec.levels[l]?.key ?? '';
  });
  return out;
}

const GIVEN = ['Aaron', 'Bethany', 'Callum', 'Delroy', 'Ella', 'Faisal', 'Grace', 'Hamza', 'Isla', 'Jerome', 'Keisha', 'Liam', 'Maryam', 'Niamh', 'Omar', 'Paige', 'Reece', 'Saima', 'Tyler', 'Usman', 'Wayne', 'Yusuf', 'Zara', 'Adeel', 'Bradley', 'Chantelle', 'Declan', 'Emeka', 'Freya', 'Gemma', 'Harvey', 'Imogen', 'Jasmine', 'Kamran', 'Leon', 'Millie', 'Nathan', 'Olivia', 'Precious', 'Ruby', 'Sohail', 'Tanisha', 'Vikram', 'Willow', 'Xander', 'Yasmin', 'Zeeshan'];
const FIRST = ['Ash', 'Black', 'Brad', 'Clay', 'Dun', 'Fair', 'Green', 'Hal', 'Hol', 'Ken', 'Lang', 'Mar', 'Mil', 'Nor', 'Ox', 'Pen', 'Rad', 'Stan', 'Thorn', 'Wal'];
const SECOND = ['worth', 'burn', 'ley', 'ton', 'field'];
/** A hundred made-up family names ("Ashworth", "Blackburn"...). */
const FAMILY = FIRST.flatMap((a) => SECOND.map((b) => `${a}${b}`));

/** `count` clearly different fictional people (no duplicates among them): background for the model. */
export function strangers(count: number, prefix = 's'): ResolutionRecord[] {
  const out: ResolutionRecord[] = [];
  for (let i = 0; i < count; i++) {
    const given = GIVEN[i % GIVEN.length] ?? 'Alex';
    const family = FAMILY[(i * 7) % FAMILY.length] ?? 'Smith';
    const day = String((i % 28) + 1).padStart(2, '0');
    const month = String((Math.floor(i / 28) % 12) + 1).padStart(2, '0');
    out.push(
      recordFromFields(`${prefix}${i}`, {
        givenName: [given],
        familyName: [family],
        dob: [`${1960 + (i % 45)}-${month}-${day}`],
        sex: [i % 2 ? 'female' : 'male'],
        phone: [`07700 900${String(i % 1000).padStart(3, '0')}`],
        postcode: [`KB${(i % 9) + 1} ${i % 10}AB`],
      }),
    );
  }
  return out;
}

/** `count` strangers plus a second record of every fifth (as real files have duplicates to learn from). */
export function strangersWithDuplicates(count: number, prefix = 's'): ResolutionRecord[] {
  const people = strangers(count, prefix);
  return [...people, ...people.filter((_, i) => i % 5 === 0).map((r) => ({ ...r, id: `${r.id}-again` }))];
}
