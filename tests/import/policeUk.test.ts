// @vitest-environment node
/** data.police.uk files: street crime becomes crime events without a mapping; other police.uk files are refused. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFile } from '../../src/import/parseFile';
import { isPoliceUkCrimeFile, parseMonth, policeUkKind, policeUkRejection, toCrimeEvents } from '../../src/import/policeUk';
import type { ParsedSheet } from '../../src/import/types';
import { enc, fixture } from './helpers';

async function sheet(name: string, bytes: Uint8Array = fixture(name)): Promise<ParsedSheet> {
  const s = (await parseFile(name, bytes)).sheets[0];
  if (!s) throw new Error('no sheet');
  return s;
}

let n = 0;
const opts = { workspaceId: 'ws-1', newId: (p: string) => `${p}-${++n}` };
const HEADER = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';

describe('street-level crime files', () => {
  it('are recognised by their headers', async () => {
    const s = await sheet('police-uk-street-excerpt.csv');
    expect(policeUkKind(s.headers)).toBe('street');
    expect(isPoliceUkCrimeFile(s.headers)).toBe(true);
    expect(isPoliceUkCrimeFile((await sheet('police-nominals.csv')).headers)).toBe(false);
    expect(policeUkKind(['crime id', 'MONTH', 'Reported By', 'Falls within', 'Longitude', 'Latitude', 'Location', 'LSOA code', 'LSOA name', 'Crime type'])).toBe('street');
  });

  it('become dated, located events; rows without a Crime ID or coordinates are events too, counted', async () => {
    const s = await sheet('police-uk-street-excerpt.csv');
    const r = toCrimeEvents(s, 'imp-1', 'police-uk-street-excerpt.csv', opts);
    expect(r.counts).toEqual({ rows: 13, events: 13, located: 10, noLocation: 3, noCrimeId: 5, repeatedCrimeIds: 0, quarantined: 0, blank: 0 });
    expect(r.months).toEqual({ from: '2016-12', to: '2018-05' });
    expect(r.events[0]).toMatchObject({
      workspaceId: 'ws-1',
      crimeId: '356f6e3b1e3585e37630f2c954e85b55b949d862a46472170b9ddba928e7df15',
      month: '2017-01',
      reportedBy: 'City of London Police',
      fallsWithin: 'City of London Police',
      location: { lat: 51.518226, lng: -0.111497 },
      locationText: 'On or near Pedestrian Subway',
      lsoaCode: 'E01000914',
      lsoaName: 'Camden 028B',
      crimeType: 'Burglary',
      outcome: 'Offender given community sentence',
      context: '',
      origin: { importId: 'imp-1', fileName: 'police-uk-street-excerpt.csv', row: 2 },
    });
    const noLocation = r.events.find((e) => e.locationText === 'No Location' && e.crimeId);
    expect(noLocation?.location).toBeUndefined();
    const asb = r.events.filter((e) => e.crimeType === 'Anti-social behaviour');
    expect(asb).toHaveLength(5);
    expect(asb.every((e) => e.crimeId === undefined && e.id.startsWith('ev-'))).toBe(true);
    expect(new Set(r.events.map((e) => e.id)).size).toBe(13);
    expect(r.warnings).toEqual([
      '3 events have no location (published as "No Location"): kept, but not shown on the map.',
      '5 events have no Crime ID (anti-social behaviour is published without one).',
    ]);
  });

  it('read a Month as Excel re-saves it', () => {
    expect(parseMonth('2016-12')).toBe('2016-12');
    expect(parseMonth('2016-12-01')).toBe('2016-12');
    expect(parseMonth('Dec-16')).toBe('2016-12');
    expect(parseMonth('December 2016')).toBe('2016-12');
    expect(parseMonth('Sept 2017')).toBe('2017-09');
    expect(parseMonth('12/2016')).toBe('2016-12');
    expect(parseMonth('2016/12')).toBe('2016-12');
    expect(parseMonth('2016-13')).toBeNull();
    expect(parseMonth('Decembr-16')).toBeNull();
  });

  it('quarantine rows with an unreadable Month, bad or half coordinates, or no crime type; count blank rows', async () => {
    const rows = [
      HEADER,
      'a1,Dec-16,GMP,GMP,-2.46,53.62,On or near Scout Road,E01012628,Blackburn 018D,Burglary,,',
      'a2,Decembr-16,GMP,GMP,-2.46,53.62,On or near Scout Road,E01012628,Blackburn 018D,Burglary,,',
      'a3,2016-12,GMP,GMP,-2.46,95.1,On or near Scout Road,E01012628,Blackburn 018D,Burglary,,',
      'a4,2016-12,GMP,GMP,-2.46,,On or near Scout Road,E01012628,Blackburn 018D,Burglary,,',
      'a5,2016-12,GMP,GMP,west,53.6,On or near Scout Road,E01012628,Blackburn 018D,Burglary,,',
      'a6,2016-12,GMP,GMP,-2.46,53.62,On or near Scout Road,E01012628,Blackburn 018D,,,',
      ',,,,,,,,,,,',
      'a1,2016-12,GMP,GMP,-2.47,53.63,On or near Parking Area,E01012628,Blackburn 018D,Burglary,,',
    ];
    const s = await sheet('street.csv', enc(rows.join('\n')));
    const r = toCrimeEvents(s, 'imp-2', 'street.csv', opts);
    expect(r.counts).toEqual({ rows: 8, events: 2, located: 2, noLocation: 0, noCrimeId: 0, repeatedCrimeIds: 1, quarantined: 5, blank: 1 });
    expect(r.events[0]?.month).toBe('2016-12');
    expect(r.quarantined.map((q) => [q.rowNumber, q.reasons])).toEqual([
      [3, ['The Month "Decembr-16" is not a month (expected YYYY-MM, e.g. 2016-12).']],
      [4, ['Latitude 95.1 is out of range (it must be between -90 and 90).']],
      [5, ['Only the longitude is given: a location needs both.']],
      [6, ['"west" is not a longitude in decimal degrees.']],
      [7, ['The Crime type is empty.']],
    ]);
    expect(r.quarantined[0]?.cells[1]).toBe('Decembr-16');
    expect(r.warnings).toContain('1 row repeats a Crime ID of an earlier row (published that way): both kept.');
  });

  it.skipIf(!existsSync(join(__dirname, '../../../shared/data/police-uk/city-of-london-2017-01_to_2018-12-street.COMBINED.csv')))(
    'import the real City of London and Bolton files in full, every row accounted for',
    async () => {
      const dir = join(__dirname, '../../../shared/data/police-uk');
      const city = await sheet('city.csv', new Uint8Array(readFileSync(join(dir, 'city-of-london-2017-01_to_2018-12-street.COMBINED.csv'))));
      const r = toCrimeEvents(city, 'imp-3', 'city.csv', opts);
      expect(r.counts).toEqual({ rows: 15858, events: 15858, located: 14867, noLocation: 991, noCrimeId: 3043, repeatedCrimeIds: 52, quarantined: 0, blank: 0 });
      expect(r.months).toEqual({ from: '2017-01', to: '2018-12' });
      const bolton = await sheet('bolton.csv', new Uint8Array(readFileSync(join(dir, '2016-12-greater-manchester-street.PARTIAL-bolton.csv'))));
      expect(toCrimeEvents(bolton, 'imp-4', 'bolton.csv', opts).counts).toMatchObject({ rows: 2499, events: 2499, noCrimeId: 575, noLocation: 0 });
    },
  );
});

describe('other data.police.uk files', () => {
  it('a stop-and-search file is recognised and refused, saying what it is', async () => {
    const s = await sheet('police-uk-stop-and-search-excerpt.csv');
    expect(policeUkKind(s.headers)).toBe('stop-and-search');
    const message =
      'stops.csv is a data.police.uk stop-and-search file (one row per search: type, date, object of search, outcome), not a street-level crime file. Searches are not crimes, so Linkwall does not put them on the crime layer. Download the "street" crime file for the same force and month instead.';
    expect(policeUkRejection('stop-and-search', 'stops.csv')).toBe(message);
    expect(() => toCrimeEvents(s, 'imp-5', 'stops.csv', opts)).toThrow(message);
  });

  it('an outcomes file is refused too', () => {
    const headers = ['Crime ID', 'Month', 'Reported by', 'Falls within', 'Longitude', 'Latitude', 'Location', 'LSOA code', 'LSOA name', 'Outcome type'];
    expect(policeUkKind(headers)).toBe('outcomes');
    expect(policeUkRejection('outcomes', 'o.csv')).toBe(
      'o.csv is a data.police.uk outcomes file (what happened to crimes reported earlier), not a street-level crime file. Import the "street" crime file for the force and month instead: it carries each crime\'s latest outcome.',
    );
    expect(policeUkRejection('street', 'x.csv')).toBeNull();
  });
});
