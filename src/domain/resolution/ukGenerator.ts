/**
 * A seeded generator of fictional UK multi-agency person records with ground truth, for measuring
 * entity resolution on data shaped like a child-exploitation problem profile rather than on FEBRL.
 *
 * Fictional people live in households in a fictional area (postcodes KB and NS, which are not real UK
 * postcode areas). Each person is recorded by one to six agencies, each with its own habits:
 *   police     "SMITH, Darren" or "SMITH Darren", DD/MM/YYYY, 07700 900123, plate with a space, PNC and
 *              Niche numbers, street names
 *   social care  given and family name apart, ISO dates, +44 7700 900123, LCS number, address
 *   health     "Darren Smith", DD.MM.YYYY, 07700900123, NHS number (999 test range)
 *   education  names apart, UPN for children, address
 *   youth justice  "Darren SMITH", PNC sometimes
 *   voluntary  often a nickname only ("Dazza"), a phone or an e-mail, no date of birth
 *   housing    full name, address and postcode, landline-style mobile
 * with the corruptions partner data has: UK nicknames (Darren -> Dazza / Daz), typos, SURNAME first,
 * day and month swapped, year or a digit out, missing fields, look-alike characters and partial plates,
 * abbreviated or flat-first addresses, phone formats.
 *
 * The hard cases are there on purpose: brothers and sisters (same surname, home, landline and car),
 * twins (also the same date of birth), a father and son with the same name at the same address, common
 * names ("Mohammed Khan", "Jack Smith") held by several people, and a few taxi-office numbers recorded for
 * many people. Phones use only Ofcom's drama range 07700 900000-900999, so at scale a mobile number is
 * shared by many fictional people (the model's term frequencies see to that).
 *
 * Pure and deterministic for a seed.
 */
import { chance, createRng, int, pick, weightedPick, UK_NICKNAMES, type Rng } from './shared';

export const UK_COLUMNS = [
  'record_id',
  'agency',
  'name',
  'given_name',
  'family_name',
  'alias',
  'dob',
  'sex',
  'phone',
  'email',
  'vehicle',
  'address',
  'postcode',
  'pnc',
  'niche_id',
  'nhs_number',
  'upn',
  'lcs_id',
] as const;
type Column = (typeof UK_COLUMNS)[number];

/** Command-line arguments that map the generated columns (after the file name). */
export const UK_CLI_ARGS: readonly string[] = [
  '--id', 'record_id',
  '--map', 'name=name',
  '--map', 'givenName=given_name',
  '--map', 'familyName=family_name',
  '--map', 'alias=alias',
  '--map', 'dob=dob',
  '--map', 'sex=sex',
  '--map', 'phone=phone',
  '--map', 'email=email',
  '--map', 'vehicle=vehicle',
  '--map', 'address=address',
  '--map', 'postcode=postcode',
  '--map', 'identifier=pnc',
  '--map', 'identifier=niche_id',
  '--map', 'identifier=nhs_number',
  '--map', 'identifier=upn',
  '--map', 'identifier=lcs_id',
];

export interface UkDataset {
  columns: readonly string[];
  rows: string[][];
  /** The fictional person each row records (same index as rows). */
  truth: string[];
}

export interface UkGeneratorOptions {
  records: number;
  seed?: number;
  /** The date ages are reckoned from (ISO). */
  now?: string;
}

// ---------------------------------------------------------------- name lists (fictional people)

const MALE = [
  'Darren', 'Gary', 'Barry', 'Terence', 'Michael', 'David', 'Daniel', 'Christopher', 'Anthony', 'Steven', 'Thomas',
  'William', 'Robert', 'James', 'John', 'Jonathan', 'Richard', 'Andrew', 'Matthew', 'Joseph', 'Nicholas', 'Samuel',
  'Benjamin', 'Joshua', 'Callum', 'Connor', 'Declan', 'Jordan', 'Kieran', 'Liam', 'Ryan', 'Jason', 'Nathan', 'Lewis',
  'Jack', 'Harry', 'Oliver', 'George', 'Charlie', 'Alfie', 'Tyler', 'Kyle', 'Reece', 'Bradley', 'Shane', 'Wayne',
  'Craig', 'Lee', 'Dean', 'Kevin', 'Paul', 'Mark', 'Scott', 'Stuart', 'Martin', 'Peter', 'Philip', 'Ian', 'Neil',
  'Mohammed', 'Imran', 'Kamran', 'Tariq', 'Zeeshan', 'Asif', 'Usman', 'Bilal', 'Hamza', 'Adeel', 'Faisal', 'Omar',
  'Yusuf', 'Ibrahim', 'Haroon', 'Sohail', 'Amir', 'Arjun', 'Rajesh', 'Vikram', 'Jaspal', 'Gurpreet', 'Kwame', 'Kofi',
  'Emeka', 'Tobi', 'Chidi', 'Marek', 'Tomasz', 'Pawel', 'Jakub', 'Andrei', 'Mihai', 'Florin', 'Lukas', 'Delroy',
  'Jerome', 'Tyrone', 'Marcus', 'Leon', 'Jermaine', 'Patrick', 'Sean', 'Ciaran', 'Ethan', 'Mason', 'Logan', 'Riley',
];
const FEMALE = [
  'Sharon', 'Rebecca', 'Karen', 'Caroline', 'Sarah', 'Charlotte', 'Margaret', 'Elizabeth', 'Kelly', 'Samantha',
  'Jessica', 'Jennifer', 'Victoria', 'Natasha', 'Kimberley', 'Stacey', 'Chantelle', 'Leanne', 'Gemma', 'Amanda',
  'Deborah', 'Joanne', 'Jacqueline', 'Patricia', 'Alexandra', 'Rachel', 'Katherine', 'Catherine', 'Susan', 'Danielle',
  'Abigail', 'Laura', 'Lauren', 'Nicola', 'Christine', 'Gillian', 'Sophie', 'Eleanor', 'Isabella', 'Amelia', 'Emily',
  'Olivia', 'Chloe', 'Jade', 'Megan', 'Courtney', 'Shannon', 'Bethany', 'Kayleigh', 'Abbie', 'Ellie', 'Holly',
  'Summer', 'Lacey', 'Caitlin', 'Paige', 'Demi', 'Evie', 'Millie', 'Amber', 'Jasmine', 'Ruby', 'Grace', 'Lily',
  'Aisha', 'Ayesha', 'Saima', 'Nadia', 'Fatima', 'Maryam', 'Amina', 'Zara', 'Sana', 'Hina', 'Priya', 'Simran',
  'Amara', 'Precious', 'Keisha', 'Tanisha', 'Aaliyah', 'Kasia', 'Daria', 'Natalia', 'Ioana', 'Andreea', 'Niamh',
  'Siobhan', 'Tracey', 'Donna', 'Michelle', 'Claire', 'Emma', 'Hannah', 'Leah', 'Mia', 'Zoe', 'Freya', 'Poppy',
];
/** Family names with rough frequency weights: Smith is common, Barraclough rare. */
const FAMILY: readonly (readonly [string, number])[] = [
  ['Smith', 60], ['Jones', 35], ['Taylor', 25], ['Brown', 25], ['Williams', 22], ['Wilson', 20], ['Johnson', 18],
  ['Davies', 18], ['Robinson', 15], ['Wright', 15], ['Thompson', 15], ['Evans', 14], ['Walker', 14], ['White', 13],
  ['Roberts', 13], ['Green', 12], ['Hall', 12], ['Wood', 12], ['Jackson', 12], ['Clarke', 12], ['Khan', 30],
  ['Hussain', 25], ['Ali', 22], ['Ahmed', 20], ['Patel', 18], ['Begum', 12], ['Shah', 10], ['Iqbal', 8], ['Akhtar', 8],
  ['Rahman', 8], ['Mahmood', 6], ['Malik', 6], ['Qureshi', 4], ['Butt', 5], ['Singh', 10], ['Kaur', 8], ['Sharma', 4],
  ['Lewis', 8], ['Harris', 8], ['Martin', 8], ['Cooper', 7], ['King', 7], ['Lee', 7], ['Baker', 6], ['Turner', 6],
  ['Hill', 6], ['Moore', 6], ['Ward', 6], ['Morris', 6], ['Clark', 5], ['Parker', 5], ['Mitchell', 5], ['Shaw', 5],
  ['Marshall', 4], ['Barraclough', 1], ['Sutcliffe', 2], ['Ackroyd', 1], ['Holroyd', 1], ['Hinchliffe', 1],
  ['Crowther', 1], ['Greenwood', 2], ['Whitworth', 1], ['Lumb', 1], ['Firth', 2], ['Pickles', 1], ['Haigh', 1],
  ['Mellor', 2], ['Stansfield', 1], ['Illingworth', 1], ['Lockwood', 2], ['Marsden', 2], ['Whitaker', 2],
  ['Brook', 2], ['Exley', 1], ['Kershaw', 1], ['Booth', 3], ['Dyson', 2], ['Haworth', 1], ['Ramsden', 1],
  ['Kowalski', 2], ['Nowak', 2], ['Wisniewski', 1], ['Kaminski', 1], ['Popescu', 2], ['Ionescu', 1], ['Stan', 1],
  ['Okafor', 2], ['Mensah', 2], ['Asante', 1], ['Adebayo', 2], ['Osei', 1], ['Boateng', 1], ['Campbell', 4],
  ['Murphy', 4], ["O'Neill", 2], ['McDonald', 3], ['Reid', 3], ['Maughan', 1], ['Gallagher', 2], ['Doherty', 2],
  ['Chowdhury', 2], ['Miah', 3], ['Uddin', 3], ['Islam', 3], ['Nwosu', 1], ['Gayle', 1], ['Grant', 3], ['Brennan', 1],
];
const STREET_NAMES = [
  'Ghost', 'Tiny', 'Scrappy', 'Bones', 'Kingo', 'Chops', 'Digger', 'Flash', 'Shadow', 'Biggz', 'Rocco', 'Snipes',
  'Blaze', 'Smokey', 'Buzz', 'Duke', 'Rico', 'Skinny', 'Trigger', 'Ozzy', 'Nitro', 'Sparky', 'Gizmo', 'Tank',
  'Moose', 'Bugsy', 'Chico', 'Dodger', 'Spud', 'Taffy', 'Smudge', 'Chalky', 'Robbo', 'Macca', 'Sully', 'Tommo',
];
const STREETS = [
  'Mill Lane', 'Canal Street', 'Wharf Road', 'Foundry Street', 'Beck Side', 'Moorgate Road', 'Tanner Row', 'High Street',
  'Station Road', 'Church Lane', 'Victoria Road', 'Park Avenue', 'Queen Street', 'King Street', 'Manor Road',
  'Albert Terrace', 'Bridge Street', 'Holme Lane', 'Cross Street', 'Union Street', 'Water Lane', 'Green Lane',
  'Chapel Street', 'Market Street', 'New Road', 'School Lane', 'York Road', 'Leeds Road', 'Halifax Road',
  'Bradford Road', 'Moor Lane', 'Back Lane', 'Crown Street', 'Albion Street', 'Northgate', 'Westgate', 'Southfield Road',
  'Ashfield Close', 'Beech Grove', 'Cedar Drive', 'Elm Crescent', 'Hawthorn Avenue', 'Laburnum Terrace', 'Larch Close',
  'Maple Court', 'Oak Way', 'Rowan Drive', 'Sycamore Avenue', 'Willow Court', 'Birch Close', 'Heather Road',
  'Primrose Hill', 'Bank Street', 'Spring Gardens', 'Fountain Street', 'Weaver Street', 'Loom Street', 'Cotton Street',
];
const TOWNS = ['Kelbridge', 'Northtown', 'Moorside', 'Holmfield', 'Bankfoot', 'Lowmoor', 'Thornleigh'];
const STREET_ABBREVIATIONS: Record<string, string> = { Street: 'St', Road: 'Rd', Lane: 'Ln', Avenue: 'Ave', Terrace: 'Terr', Close: 'Cl', Crescent: 'Cres', Drive: 'Dr', Court: 'Ct', Grove: 'Gr', Gardens: 'Gdns' };
const LETTERS = 'ABCDEFGHJKLMNOPRSTUVWXYZ';
const POSTCODE_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

/** Nicknames per formal name from the project's UK nickname table (Darren -> Daz, Dazza). */
const NICKNAMES_OF = new Map<string, string[]>();
for (const line of UK_NICKNAMES) {
  const [formal, ...nicks] = line.split(' ');
  if (formal && nicks.length) NICKNAMES_OF.set(formal, nicks);
}

// ---------------------------------------------------------------- the fictional population

interface Household {
  family: string;
  houseNumber: number;
  flat: number | null;
  street: string;
  town: string;
  postcode: string;
  landline: string | null;
  car: string | null;
}

interface Person {
  key: string;
  sex: 'male' | 'female';
  given: string;
  middle: string | null;
  family: string;
  dob: [number, number, number];
  household: Household;
  mobile: string | null;
  email: string | null;
  plate: string | null;
  streetName: string | null;
  pnc: string | null;
  niche: string;
  nhs: string;
  upn: string | null;
  lcs: string | null;
  young: boolean;
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const drama = (rng: Rng): string => `07700 900${pad(int(rng, 0, 999), 3)}`;

function plate(rng: Rng): string {
  const area = `${pick(rng, ['Y', 'Y', 'Y', 'M', 'B', 'L', 'S', 'N'])}${LETTERS.charAt(int(rng, 0, LETTERS.length - 1))}`;
  const age = pick(rng, ['05', '08', '11', '12', '14', '15', '17', '18', '19', '20', '21', '58', '61', '62', '64', '65', '67', '68', '69', '70', '71', '73']);
  let tail = '';
  for (let i = 0; i < 3; i++) tail += LETTERS.charAt(int(rng, 0, LETTERS.length - 1));
  return `${area}${age}${tail}`;
}

function postcode(rng: Rng): string {
  const area = pick(rng, ['KB', 'KB', 'KB', 'NS']);
  return `${area}${int(rng, 1, 19)} ${int(rng, 0, 9)}${POSTCODE_LETTERS.charAt(int(rng, 0, 19))}${POSTCODE_LETTERS.charAt(int(rng, 0, 19))}`;
}

function daysIn(y: number, m: number): number {
  return [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 30;
}

class Population {
  readonly people: Person[] = [];
  private seq = 0;
  private readonly nowYear: number;
  private readonly taxiNumbers: string[];

  constructor(
    private readonly rng: Rng,
    now: string,
  ) {
    this.nowYear = Number(now.slice(0, 4));
    this.taxiNumbers = Array.from({ length: 4 }, () => drama(rng));
  }

  private dob(age: number): [number, number, number] {
    const y = this.nowYear - age - int(this.rng, 0, 1);
    const m = int(this.rng, 1, 12);
    return [y, m, int(this.rng, 1, daysIn(y, m))];
  }

  private ident(prefix: string, digits: number): string {
    let s = prefix;
    for (let i = 0; i < digits; i++) s += String(int(this.rng, 0, 9));
    return s;
  }

  private person(h: Household, sex: 'male' | 'female', age: number, given?: string, dob?: [number, number, number]): Person {
    const rng = this.rng;
    const young = age < 18;
    const g = given ?? pick(rng, sex === 'male' ? MALE : FEMALE);
    const key = `P${++this.seq}`;
    const email = chance(rng, young ? 0.25 : 0.35)
      ? `${g.toLowerCase()}${pick(rng, ['.', '_', ''])}${h.family.toLowerCase().replace(/[^a-z]/g, '')}${chance(rng, 0.6) ? int(rng, 1, 99) : ''}@${pick(rng, ['example.com', 'example.org', 'example.net'])}`
      : null;
    return {
      key,
      sex,
      given: g,
      middle: chance(rng, 0.25) ? pick(rng, sex === 'male' ? MALE : FEMALE) : null,
      family: h.family,
      dob: dob ?? this.dob(age),
      household: h,
      mobile: chance(rng, young ? 0.7 : 0.6) ? drama(rng) : null,
      email,
      plate: !young && chance(rng, 0.3) ? plate(rng) : null,
      streetName: chance(rng, young ? 0.05 : 0.12) ? pick(rng, STREET_NAMES) : null,
      pnc: chance(rng, young ? 0.15 : 0.35) ? `${pad(int(rng, 0, 24))}/${this.ident('', 6)}${LETTERS.charAt(int(rng, 0, 22))}` : null,
      niche: this.ident('NP-NOM-', 7),
      nhs: `999 ${this.ident('', 3)} ${this.ident('', 4)}`,
      upn: young ? `${LETTERS.charAt(int(rng, 0, 22))}${this.ident('', 12)}` : null,
      lcs: young || chance(rng, 0.2) ? this.ident('', 7) : null,
      young,
    };
  }

  /** Adds one household of people. */
  household(): void {
    const rng = this.rng;
    const family = weightedPick(rng, FAMILY);
    const h: Household = {
      family,
      houseNumber: int(rng, 1, 180),
      flat: chance(rng, 0.2) ? int(rng, 1, 12) : null,
      street: pick(rng, STREETS),
      town: pick(rng, TOWNS),
      postcode: postcode(rng),
      landline: chance(rng, 0.15) ? drama(rng) : null,
      car: chance(rng, 0.3) ? plate(rng) : null,
    };
    const kind = weightedPick(rng, [
      ['single', 45],
      ['parent-children', 30],
      ['siblings', 12],
      ['twins', 3],
      ['junior', 3],
      ['couple', 7],
    ] as const);
    const add = (p: Person): void => {
      this.people.push(p);
    };
    const sex = (): 'male' | 'female' => (chance(rng, 0.5) ? 'male' : 'female');
    const childAge = (): number => int(rng, 10, 19);
    switch (kind) {
      case 'single':
        add(this.person(h, sex(), chance(rng, 0.4) ? childAge() : int(rng, 18, 60)));
        break;
      case 'couple':
        add(this.person(h, 'male', int(rng, 20, 60)));
        add(this.person(h, 'female', int(rng, 20, 60)));
        break;
      case 'parent-children': {
        add(this.person(h, sex(), int(rng, 32, 55)));
        const kids = int(rng, 1, 3);
        for (let i = 0; i < kids; i++) add(this.person(h, sex(), childAge()));
        break;
      }
      case 'siblings': {
        const n = int(rng, 2, 3);
        for (let i = 0; i < n; i++) add(this.person(h, sex(), childAge()));
        break;
      }
      case 'twins': {
        const age = childAge();
        const a = this.person(h, sex(), age);
        add(a);
        // A twin: same date of birth and family, a different given name.
        let other = a.given;
        const s = sex();
        while (other === a.given) other = pick(rng, s === 'male' ? MALE : FEMALE);
        add(this.person(h, s, age, other, a.dob));
        break;
      }
      case 'junior': {
        // Father and son with the same name at the same address.
        const father = this.person(h, 'male', int(rng, 38, 55));
        add(father);
        add(this.person(h, 'male', int(rng, 14, 20), father.given));
        break;
      }
    }
  }

  taxi(): string {
    return pick(this.rng, this.taxiNumbers);
  }
}

// ---------------------------------------------------------------- agencies and corruption

type Agency = 'police' | 'csc' | 'health' | 'education' | 'yjs' | 'voluntary' | 'housing';

function typo(rng: Rng, word: string): string {
  if (word.length < 4) return word;
  const i = int(rng, 1, word.length - 2);
  switch (int(rng, 0, 3)) {
    case 0:
      return word.slice(0, i) + word.charAt(i + 1) + word.charAt(i) + word.slice(i + 2); // swap
    case 1:
      return word.slice(0, i) + word.slice(i + 1); // drop
    case 2:
      return word.slice(0, i) + word.charAt(i) + word.slice(i); // double
    default:
      return word.slice(0, i) + 'aeiouy'.charAt(int(rng, 0, 5)) + word.slice(i + 1); // vowel for a letter
  }
}

function formatDob(rng: Rng, [y, m, d]: [number, number, number], agency: Agency): string {
  let [yy, mm, dd] = [y, m, d];
  const r = rng.next();
  if (r < 0.03 && d <= 12 && d !== m) [mm, dd] = [d, m]; // day and month swapped
  else if (r < 0.05) yy += chance(rng, 0.5) ? 1 : -1; // year out
  else if (r < 0.07) dd = Math.min(daysIn(yy, mm), Math.max(1, dd + (chance(rng, 0.5) ? 1 : -1) * int(rng, 1, 9))); // a digit out
  if (dd > daysIn(yy, mm)) dd = daysIn(yy, mm);
  switch (agency) {
    case 'csc':
    case 'voluntary':
      return `${yy}-${pad(mm)}-${pad(dd)}`;
    case 'health':
      return `${pad(dd)}.${pad(mm)}.${yy}`;
    default:
      return `${pad(dd)}/${pad(mm)}/${yy}`;
  }
}

function formatPhone(rng: Rng, phone: string, agency: Agency): string {
  let digits = phone.replace(/\D/g, '');
  if (chance(rng, 0.01)) {
    // A digit mistyped, within the last three so the number stays in the drama range.
    const i = int(rng, 8, 10);
    digits = digits.slice(0, i) + String((Number(digits.charAt(i)) + 1) % 10) + digits.slice(i + 1);
  }
  const nsn = digits.slice(1);
  switch (agency) {
    case 'csc':
      return `+44 ${nsn.slice(0, 4)} ${nsn.slice(4)}`;
    case 'health':
      return digits;
    case 'housing':
      return `(${digits.slice(0, 5)}) ${digits.slice(5)}`;
    default:
      return `${digits.slice(0, 5)} ${digits.slice(5)}`;
  }
}

function formatPlate(rng: Rng, p: string): string {
  let out = p;
  const r = rng.next();
  if (r < 0.06) out = out.replace(/O/g, '0').replace(/I/g, '1'); // look-alike characters
  else if (r < 0.1) out = out.replace(/0/g, 'O');
  if (chance(rng, 0.05)) return `ends ${out.slice(-3)}`; // partial plate
  if (chance(rng, 0.03)) return `${out.slice(0, 4)} ${out.charAt(4)}??`;
  return chance(rng, 0.6) ? `${out.slice(0, 4)} ${out.slice(4)}` : out.toLowerCase();
}

function formatAddress(rng: Rng, h: Household): string {
  let street = h.street;
  if (chance(rng, 0.35)) street = street.replace(/\b(Street|Road|Lane|Avenue|Terrace|Close|Crescent|Drive|Court|Grove|Gardens)\b/, (w) => STREET_ABBREVIATIONS[w] ?? w);
  if (chance(rng, 0.03)) street = typo(rng, street);
  const town = chance(rng, 0.7) ? `, ${h.town}` : '';
  if (h.flat === null) return `${h.houseNumber} ${street}${town}`;
  return chance(rng, 0.5) ? `Flat ${h.flat}, ${h.houseNumber} ${street}${town}` : `${h.houseNumber} ${street} flat ${h.flat}${town}`;
}

function postcodeTypo(rng: Rng, pc: string): string {
  if (!chance(rng, 0.02)) return chance(rng, 0.2) ? pc.replace(' ', '').toLowerCase() : pc;
  const i = pc.length - 1;
  return pc.slice(0, i) + POSTCODE_LETTERS.charAt(int(rng, 0, 19));
}

/** One agency's record of a person. */
function recordOf(rng: Rng, pop: Population, p: Person, agency: Agency, id: string): Record<Column, string> {
  const row = Object.fromEntries(UK_COLUMNS.map((c) => [c, ''])) as Record<Column, string>;
  row.record_id = id;
  row.agency = agency;
  let given = p.given;
  let family = p.family;
  if (chance(rng, 0.05)) given = typo(rng, given);
  if (chance(rng, 0.06)) family = typo(rng, family);
  const nicks = NICKNAMES_OF.get(p.given.toLowerCase());
  const nicknameOnly = agency === 'voluntary' && chance(rng, 0.4) && nicks !== undefined;
  if (nicks && chance(rng, agency === 'voluntary' ? 0.5 : 0.1)) given = cap(pick(rng, nicks));
  if (p.middle && chance(rng, 0.3)) given = `${given} ${p.middle}`;
  if (nicknameOnly && nicks) row.name = cap(pick(rng, nicks));
  else {
    switch (agency) {
      case 'police':
        row.name = chance(rng, 0.5) ? `${family.toUpperCase()}, ${given}` : `${family.toUpperCase()} ${given}`;
        break;
      case 'yjs':
        row.name = `${given} ${family.toUpperCase()}`;
        break;
      case 'health':
      case 'housing':
      case 'voluntary':
        row.name = chance(rng, 0.04) ? `${family} ${given}` : `${given} ${family}`; // a few the other way round
        break;
      default:
        row.given_name = given;
        row.family_name = family;
    }
  }
  if (p.streetName && (agency === 'police' || agency === 'yjs' || agency === 'voluntary') && chance(rng, 0.6)) row.alias = p.streetName;
  const dobKnown = agency === 'voluntary' ? chance(rng, 0.3) : chance(rng, 0.88);
  if (dobKnown && !nicknameOnly) row.dob = formatDob(rng, p.dob, agency);
  if (chance(rng, 0.85)) row.sex = agency === 'police' ? (p.sex === 'male' ? 'M' : 'F') : p.sex;
  const phones: string[] = [];
  if (p.mobile && chance(rng, 0.55)) phones.push(formatPhone(rng, p.mobile, agency));
  if (p.household.landline && chance(rng, 0.3)) phones.push(formatPhone(rng, p.household.landline, agency));
  if (chance(rng, 0.005)) phones.push(formatPhone(rng, pop.taxi(), agency)); // a taxi office, recorded as if theirs
  row.phone = phones.join('; ');
  if (p.email && chance(rng, agency === 'voluntary' ? 0.6 : 0.25)) {
    // A typo in the user name only: the domain stays one of the reserved example domains.
    const at = p.email.indexOf('@');
    row.email = chance(rng, 0.03) ? `${typo(rng, p.email.slice(0, at))}${p.email.slice(at)}` : p.email;
  }
  const plates: string[] = [];
  if (p.plate && chance(rng, agency === 'police' ? 0.6 : 0.15)) plates.push(formatPlate(rng, p.plate));
  if (p.household.car && !p.young && chance(rng, agency === 'police' ? 0.3 : 0.05)) plates.push(formatPlate(rng, p.household.car));
  row.vehicle = plates.join('; ');
  if (agency !== 'voluntary' && chance(rng, agency === 'housing' || agency === 'csc' ? 0.9 : 0.55)) {
    row.address = formatAddress(rng, p.household);
    if (chance(rng, 0.8)) row.postcode = postcodeTypo(rng, p.household.postcode);
  }
  switch (agency) {
    case 'police':
      row.niche_id = p.niche;
      if (p.pnc) row.pnc = p.pnc;
      break;
    case 'yjs':
      if (p.pnc && chance(rng, 0.6)) row.pnc = p.pnc;
      break;
    case 'csc':
      if (p.lcs) row.lcs_id = p.lcs;
      if (p.young && chance(rng, 0.4)) row.nhs_number = p.nhs;
      break;
    case 'health':
      if (chance(rng, 0.85)) row.nhs_number = chance(rng, 0.5) ? p.nhs : p.nhs.replace(/ /g, '');
      break;
    case 'education':
      if (p.upn) row.upn = p.upn;
      break;
    default:
      break;
  }
  return row;
}

function agenciesFor(rng: Rng, p: Person): Agency[] {
  const n = weightedPick(rng, [
    [1, 50],
    [2, 25],
    [3, 13],
    [4, 7],
    [5, 3],
    [6, 2],
  ] as const);
  const pool: (readonly [Agency, number])[] = p.young
    ? [['police', 30], ['csc', 25], ['health', 15], ['education', 15], ['yjs', 8], ['voluntary', 12], ['housing', 2]]
    : [['police', 45], ['csc', 8], ['health', 12], ['yjs', 3], ['voluntary', 7], ['housing', 15]];
  return Array.from({ length: n }, () => weightedPick(rng, pool));
}

/** Generates about `records` fictional records (exactly that many), with the truth. */
export function generateUkRecords(options: UkGeneratorOptions): UkDataset {
  const rng = createRng(options.seed ?? 2026);
  const now = options.now ?? '2026-11-01';
  const target = Math.max(0, Math.floor(options.records));
  const pop = new Population(rng, now);
  const rows: string[][] = [];
  const truth: string[] = [];
  let n = 0;
  for (let i = 0; n < target; i++) {
    while (i >= pop.people.length) pop.household();
    const p = pop.people[i] as Person;
    for (const agency of agenciesFor(rng, p)) {
      if (n >= target) break;
      const id = `${agency.slice(0, 3).toUpperCase()}-${pad(++n, 6)}`;
      const rec = recordOf(rng, pop, p, agency, id);
      rows.push(UK_COLUMNS.map((c) => rec[c]));
      truth.push(p.key);
    }
  }
  // Records arrive in no particular order.
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [rows[i], rows[j]] = [rows[j] as string[], rows[i] as string[]];
    [truth[i], truth[j]] = [truth[j] as string, truth[i] as string];
  }
  return { columns: UK_COLUMNS, rows, truth };
}

function csvCell(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The dataset as CSV text (records) and the truth as `record_id,true_id`. */
export function ukDatasetToCsv(ds: UkDataset): { records: string; truth: string } {
  const records = [ds.columns.join(','), ...ds.rows.map((r) => r.map(csvCell).join(','))].join('\n') + '\n';
  const truth = ['record_id,true_id', ...ds.rows.map((r, i) => `${csvCell(r[0] ?? '')},${ds.truth[i] ?? ''}`)].join('\n') + '\n';
  return { records, truth };
}
