/**
 * Synthetic workspaces of any size for benchmarks and scale tests: fictional people, vehicles, phones
 * and addresses with one intelligence item per 20 entities. Not the demo (see demo.ts): no story, just
 * volume with realistic token variety (names, plates, phones, postcodes).
 */
import type { Entity, IntelItem, Workspace } from './model';
import { createRng, int, pick } from './random';

const GIVEN = ['Aaron','Abdul','Adam','Aisha','Alfie','Amelia','Amir','Amy','Andrew','Anthony','Ava','Ben','Bethany','Bradley','Callum','Casey','Chloe','Connor','Craig','Daniel','Darren','David','Declan','Ella','Emily','Emma','Ethan','Faisal','Gary','Georgia','Grace','Hannah','Harry','Hassan','Imran','Isla','Jack','Jade','Jamie','Jason','Jessica','Joel','Jordan','Joshua','Kayleigh','Keiran','Kelly','Lauren','Leah','Lee','Liam','Lily','Luke','Megan','Mia','Michael','Mohammed','Nathan','Niamh','Olivia','Omar','Paige','Reece','Rhys','Ryan','Saima','Samuel','Sarah','Shane','Sophie','Stacey','Tariq','Thomas','Tyler','Usman','Wayne','Zara','Zoe'];
const FAMILY = ['Ahmed','Ali','Allen','Bailey','Baker','Barraclough','Bell','Brown','Butt','Campbell','Carter','Chapman','Clarke','Cooper','Davies','Dixon','Edwards','Evans','Fletcher','Green','Hall','Harris','Hill','Hughes','Hussain','Iqbal','Jackson','James','Johnson','Jones','Kaur','Khan','King','Lee','Lewis','Malik','Marshall','Martin','Mason','Mitchell','Moore','Morris','Murphy','Nowak','Okafor','Parker','Patel','Price','Rahman','Roberts','Robinson','Shah','Shaw','Singh','Smith','Stevens','Taylor','Thomas','Thompson','Turner','Walker','Ward','Watson','White','Wilkinson','Williams','Wilson','Wood','Wright','Young'];
const NICK = ['Dazza','Gazza','Baz','Tel','Shaz','Becky','Kaz','Jonno','Mikey','Tommo','Sully','Deano','Smudge','Chalky','Robbo','Macca'];
const STREETS = ['High Street','Station Road','Church Lane','Mill Lane','Victoria Road','Park Avenue','Queen Street','King Street','Manor Road','Albert Terrace','Canal Side','Bridge Street'];
const MAKES: [string, string][] = [['Vauxhall','Astra'],['Vauxhall','Corsa'],['Ford','Focus'],['Ford','Fiesta'],['BMW','3 Series'],['Audi','A3'],['Toyota','Prius'],['Skoda','Octavia'],['Volkswagen','Golf'],['Mercedes','C-Class']];
const COLOURS = ['Silver','Black','White','Grey','Blue','Red'];
const LETTERS = 'ABCDEFGHJKLMNOPRSTUVWXY';

export function generateSyntheticWorkspace(count: number, seed = 7, now = '2026-11-01T00:00:00.000Z'): { workspace: Workspace; entities: Entity[]; items: IntelItem[] } {
  const rng = createRng(seed);
  const wsId = `ws-synthetic-${count}-${seed}`;
  const workspace: Workspace = {
    id: wsId,
    name: `Synthetic scale test (${count.toLocaleString('en-GB')} entities, fictional)`,
    marking: 'OFFICIAL',
    termsOfReference: 'Generated fictional records for measuring speed. Nobody in it is real.',
    fictional: true,
    createdAt: now,
    updatedAt: now,
  };
  const items: IntelItem[] = [];
  const itemCount = Math.max(1, Math.ceil(count / 20));
  for (let i = 0; i < itemCount; i++) {
    items.push({
      id: `${wsId}-it-${i}`,
      workspaceId: wsId,
      agency: pick(rng, ['Northshire Police', 'Kelbridge Children\'s Social Care', 'Kelbridge Health']),
      agencyType: pick(rng, ['police', 'childrens-social-care', 'health'] as const),
      reference: `SYN-${String(i).padStart(6, '0')}`,
      author: 'Synthetic generator',
      dateOfIntelligence: '2026-01-01',
      dateRecorded: '2026-01-02',
      text: 'Synthetic record for scale testing.',
      statementType: 'fact',
      grading: { scheme: '3x5x2', source: '2', intelligence: 'B', handling: 'P' },
      createdAt: now,
      updatedAt: now,
    });
  }
  const entities: Entity[] = [];
  for (let i = 0; i < count; i++) {
    const src = [`${wsId}-it-${Math.floor(i / 20)}`];
    const id = `${wsId}-e-${i}`;
    const base = { id, workspaceId: wsId, createdAt: now, updatedAt: now, notes: [] };
    const r = i % 10;
    if (r < 6) {
      const given = pick(rng, GIVEN);
      const family = pick(rng, FAMILY);
      const names: Extract<Entity, { kind: 'person' }>['names'] = [{ kind: 'legal', given, family, full: `${given} ${family}`, sources: src }];
      if (rng.next() < 0.15) names.push({ kind: 'nickname', given: '', family: '', full: pick(rng, NICK), sources: src });
      entities.push({
        ...base,
        kind: 'person',
        names,
        dob: { value: `${int(rng, 1960, 2012)}-${String(int(rng, 1, 12)).padStart(2, '0')}-${String(int(rng, 1, 28)).padStart(2, '0')}`, sources: src },
        sex: { value: pick(rng, ['female', 'male', 'unknown'] as const), sources: src },
        ethnicity: { value: 'unknown', sources: src },
        roles: [{ value: pick(rng, ['associate', 'young-person-at-risk', 'abuser', 'facilitator', 'organiser'] as const), sources: src }],
        identifiers: [],
      });
    } else if (r < 8) {
      const [make, model] = pick(rng, MAKES);
      const reg = `${pick(rng, [...LETTERS])}${pick(rng, [...LETTERS])}${int(rng, 10, 25)}${pick(rng, [...LETTERS])}${pick(rng, [...LETTERS])}${pick(rng, [...LETTERS])}`;
      entities.push({ ...base, kind: 'vehicle', registration: { value: reg, sources: src }, partial: false, make: { value: make, sources: src }, model: { value: model, sources: src }, colour: { value: pick(rng, COLOURS), sources: src } });
    } else if (r < 9) {
      entities.push({ ...base, kind: 'phone', phoneType: 'number', number: { value: `+447700900${String(i % 1000).padStart(3, '0')}`, sources: src } });
    } else {
      entities.push({
        ...base,
        kind: 'address',
        lines: { value: [`${int(rng, 1, 200)} ${pick(rng, STREETS)}`, 'Kelbridge'], sources: src },
        postcode: { value: `KB${int(rng, 1, 9)} ${int(rng, 1, 9)}${pick(rng, [...LETTERS])}${pick(rng, [...LETTERS])}`, sources: src },
        placeType: 'home',
      });
    }
  }
  return { workspace, entities, items };
}
