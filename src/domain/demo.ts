/**
 * The fictional demo workspace: "Operation Juniper", a problem profile of group-based child sexual
 * exploitation in Kelbridge, a made-up town in the made-up Northshire force area. Everything in it is
 * invented: people, places, businesses, vehicles, phone numbers (only the Ofcom drama range 07700 900xxx),
 * references and events. Deterministic for a seed (no clock, no Math.random).
 *
 * The data is untidy on purpose, the way partner data is: about 25 people are recorded more than once by
 * different agencies as separate person entities (typos, SURNAME-first, nickname only, day/month swapped,
 * year off by one, an age estimate instead of a date of birth). `truthPersonKey` is the ground truth for
 * duplicate resolution: person entities that share a key are the same (fictional) person.
 *
 * Pure TypeScript: no React, Dexie or DOM.
 */
import type { Grading, Grading3x5x2, Grading5x5x5 } from './grading';
import type {
  Address,
  AgencyType,
  Business,
  BusinessType,
  Entity,
  Ethnicity,
  Fact,
  Hotspot,
  HotspotType,
  Id,
  Identifier,
  IntelItem,
  IsoDate,
  Link,
  LinkType,
  NameKind,
  Person,
  Phone,
  PlaceType,
  RiskLevel,
  Role,
  Sex,
  Vehicle,
  Workspace,
} from './model';
import { chance, createRng, float, int, pick, sample, seededId, shuffle, weightedPick, type Rng } from './random';

// ================================================================ public API

export const DEMO_SEED = 20261121;
export const DEMO_NOW: IsoDate = '2026-11-01';

/** Exact sizes of the generated demo. */
export const DEMO_COUNTS = {
  person: 150,
  vehicle: 60,
  phone: 120,
  address: 80,
  business: 25,
  hotspot: 15,
  links: 600,
  items: 900,
} as const;

/** Every demo phone number lies in the Ofcom drama range 07700 900000-900999. */
export const DEMO_PHONE_RANGE = { first: '+447700900000', last: '+447700900999' } as const;

/** The personKey of Darren Smith ("Dazza"), recorded by three agencies in three different ways. */
export const DEMO_DARREN_KEY = 'darren-smith';

export const DEMO_WORKSPACE_NAME = 'Operation Juniper (fictional demo)';

export interface DemoWorkspace {
  workspace: Workspace;
  entities: Entity[];
  links: Link[];
  items: IntelItem[];
  /**
   * Ground truth for duplicate resolution: every person entity id -> the key of the (fictional) real
   * person it records. Entities sharing a key are the same person, recorded separately by different
   * agencies. Darren Smith's key is `DEMO_DARREN_KEY`.
   */
  truthPersonKey: Record<Id, string>;
}

export interface DemoDuplicateGroup {
  personKey: string;
  /** Person entity ids recording the same person, in generation order (the first is the primary record). */
  entityIds: Id[];
}

/** The groups of person entities that record the same real person (only groups of two or more). */
export function demoDuplicateGroups(demo: Pick<DemoWorkspace, 'truthPersonKey'>): DemoDuplicateGroup[] {
  const byKey = new Map<string, Id[]>();
  for (const [id, key] of Object.entries(demo.truthPersonKey)) {
    const list = byKey.get(key);
    if (list) list.push(id);
    else byKey.set(key, [id]);
  }
  return [...byKey.entries()]
    .filter(([, ids]) => ids.length > 1)
    .map(([personKey, entityIds]) => ({ personKey, entityIds }))
    .sort((a, b) => a.personKey.localeCompare(b.personKey));
}

/**
 * Generates the demo workspace. Deterministic: the same seed and `now` give the same data, ids included.
 * `now` is the extraction date (ISO `YYYY-MM-DD`); intelligence is spread over the two years before it.
 */
export function generateDemoWorkspace(seed: number = DEMO_SEED, now: IsoDate = DEMO_NOW): DemoWorkspace {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(now) || Number.isNaN(Date.parse(`${now}T00:00:00Z`)))
    throw new Error(`generateDemoWorkspace: "${now}" is not an ISO date (YYYY-MM-DD).`);
  return new DemoBuilder(seed, now).build();
}

/** Problems with a demo's internal consistency (empty when sound). Used by tests and as a self-check. */
export function demoIntegrityProblems(demo: Pick<DemoWorkspace, 'entities' | 'links' | 'items'>): string[] {
  const problems: string[] = [];
  const itemIds = new Set<Id>();
  for (const i of demo.items) {
    if (itemIds.has(i.id)) problems.push(`duplicate item id ${i.id}`);
    itemIds.add(i.id);
    if (i.dateOfIntelligence && i.dateOfIntelligence > i.dateRecorded)
      problems.push(`item ${i.id}: date of intelligence after date recorded`);
  }
  const cited = new Set<Id>();
  const checkSources = (where: string, sources: Id[]): void => {
    if (sources.length === 0) problems.push(`${where}: no sources`);
    for (const s of sources) {
      if (!itemIds.has(s)) problems.push(`${where}: unknown source ${s}`);
      cited.add(s);
    }
  };
  const entityIds = new Set<Id>();
  for (const e of demo.entities) {
    if (entityIds.has(e.id)) problems.push(`duplicate entity id ${e.id}`);
    entityIds.add(e.id);
    for (const [where, f] of entityFacts(e)) checkSources(`${e.id} ${where}`, f);
  }
  const linkIds = new Set<Id>();
  for (const l of demo.links) {
    if (linkIds.has(l.id) || entityIds.has(l.id)) problems.push(`duplicate link id ${l.id}`);
    linkIds.add(l.id);
    if (!entityIds.has(l.from)) problems.push(`link ${l.id}: unknown from ${l.from}`);
    if (!entityIds.has(l.to)) problems.push(`link ${l.id}: unknown to ${l.to}`);
    if (l.from === l.to) problems.push(`link ${l.id}: from = to`);
    if (l.sources.length > 3) problems.push(`link ${l.id}: more than three sources`);
    checkSources(`link ${l.id}`, l.sources);
  }
  for (const id of itemIds) if (!cited.has(id)) problems.push(`item ${id} is cited by nothing`);
  return problems;
}

/** Every sourced value of an entity, as [label, sources]. */
function entityFacts(e: Entity): [string, Id[]][] {
  const out: [string, Id[]][] = e.notes.map((n, i) => [`note ${i}`, n.sources]);
  const add = (label: string, f: Fact<unknown> | undefined): void => {
    if (f) out.push([label, f.sources]);
  };
  switch (e.kind) {
    case 'person':
      e.names.forEach((n, i) => out.push([`name ${i}`, n.sources]));
      add('dob', e.dob);
      add('estimatedAge', e.estimatedAge);
      add('sex', e.sex);
      add('ethnicity', e.ethnicity);
      e.roles.forEach((r, i) => add(`role ${i}`, r));
      add('riskLevel', e.riskLevel);
      e.identifiers.forEach((r, i) => add(`identifier ${i}`, r));
      break;
    case 'vehicle':
      add('registration', e.registration);
      add('make', e.make);
      add('model', e.model);
      add('colour', e.colour);
      break;
    case 'phone':
      add('number', e.number);
      add('handle', e.handle);
      break;
    case 'address':
      add('lines', e.lines);
      add('postcode', e.postcode);
      add('location', e.location);
      break;
    case 'business':
      add('name', e.name);
      e.licences.forEach((l, i) => add(`licence ${i}`, l));
      break;
    case 'hotspot':
      add('name', e.name);
      add('location', e.location);
      break;
  }
  return out;
}

// ================================================================ agencies

type AgencyKey = 'police' | 'csc' | 'health' | 'education' | 'yjs' | 'safesteps' | 'housing' | 'licensing';

interface AgencyDef {
  name: string;
  type: AgencyType;
  authors: readonly string[];
}

const AGENCIES: Record<AgencyKey, AgencyDef> = {
  police: {
    name: 'Northshire Police',
    type: 'police',
    authors: [
      'DC 4471 K. Ramsden',
      'PC 2290 S. Iqbal',
      'DS 1187 J. Whitworth',
      'Intelligence Analyst R. Okonjo',
      'PCSO 8812 L. Firth',
      'DC 3054 A. Begum',
      'PC 1932 M. Kowalczyk',
      'DI 0408 H. Pearson',
    ],
  },
  csc: {
    name: "Kelbridge Children's Social Care",
    type: 'childrens-social-care',
    authors: ['SW H. Dawson', 'SW T. Mensah', 'Team Manager C. Ackroyd', 'SW P. Kaur', 'Exploitation Lead G. Barraclough'],
  },
  health: {
    name: 'Kelbridge Health (Sexual Health Service)',
    type: 'health',
    authors: ['Sexual Health Nurse M. Hinchliffe', 'Safeguarding Nurse D. Asare', 'School Nurse F. Tandy'],
  },
  education: {
    name: 'Kelbridge Schools / Education Welfare',
    type: 'education',
    authors: ['EWO B. Stansfield', 'DSL F. Lumb', 'Attendance Officer N. Shah'],
  },
  yjs: {
    name: 'Kelbridge Youth Justice Service',
    type: 'youth-offending',
    authors: ['YJ Officer N. Rahman', 'YJ Officer C. Feeney'],
  },
  safesteps: {
    name: 'Safe Steps Kelbridge',
    type: 'voluntary-sector',
    authors: ['Outreach Worker E. Kealey', 'Project Lead S. Holroyd', 'Outreach Worker J. Adebayo'],
  },
  housing: {
    name: 'Kelbridge Homes',
    type: 'housing',
    authors: ['Tenancy Officer G. Mellor', 'ASB Officer R. Lister'],
  },
  licensing: {
    name: 'Kelbridge Council Licensing',
    type: 'other',
    authors: ['Licensing Officer P. Gaunt', 'Licensing Enforcement W. Fawcett'],
  },
};

/** The agencies the demo draws on (name and type), for pickers and tests. */
export const DEMO_AGENCIES: readonly { name: string; type: AgencyType }[] = Object.values(AGENCIES).map((a) => ({
  name: a.name,
  type: a.type,
}));

/** Which agencies tend to record each kind of link. */
const LINK_AGENCY: Record<LinkType, [AgencyKey, number][]> = {
  associate: [['police', 1]],
  family: [['police', 5], ['csc', 3], ['housing', 2]],
  relationship: [['police', 4], ['csc', 4], ['health', 2], ['safesteps', 2], ['education', 1]],
  'seen-with': [['police', 6], ['csc', 2], ['education', 1], ['safesteps', 2], ['yjs', 1]],
  'transported-by': [['police', 5], ['csc', 3], ['education', 2], ['safesteps', 2], ['yjs', 1], ['health', 1]],
  'lives-at': [['police', 5], ['csc', 3], ['housing', 2]],
  frequents: [['police', 5], ['safesteps', 2], ['csc', 2], ['yjs', 1]],
  'uses-phone': [['police', 6], ['csc', 2], ['health', 1], ['safesteps', 1], ['yjs', 1]],
  'drives-vehicle': [['police', 1]],
  'owns-vehicle': [['police', 1]],
  'works-at': [['police', 4], ['licensing', 1]],
  called: [['police', 1]],
  'online-contact': [['police', 4], ['csc', 2], ['safesteps', 2]],
  'located-at': [['licensing', 1]],
};

const SYMMETRIC_LINKS: ReadonlySet<LinkType> = new Set<LinkType>([
  'associate',
  'family',
  'relationship',
  'seen-with',
  'called',
  'online-contact',
]);

// ================================================================ names

interface NamePool {
  male: readonly string[];
  female: readonly string[];
  surnames: readonly string[];
  /** Surnames used only for women ("Begum", "Kaur"), picked some of the time. */
  femaleSurnames?: readonly string[];
}

type PoolKey = 'wb' | 'pak' | 'bang' | 'ind' | 'chi' | 'wasia' | 'carib' | 'afr' | 'eeu' | 'irish' | 'trav' | 'arab';

const POOLS: Record<PoolKey, NamePool> = {
  wb: {
    male: ['Craig', 'Lee', 'Jason', 'Wayne', 'Dean', 'Ryan', 'Liam', 'Jordan', 'Kyle', 'Callum', 'Connor', 'Jake', 'Lewis', 'Shane', 'Gary', 'Paul', 'Mark', 'Stephen', 'Carl', 'Nathan', 'Tyler', 'Kieran', 'Scott', 'Adam', 'Ricky', 'Danny', 'Jamie', 'Aaron', 'Brandon', 'Reece', 'Mason', 'Harvey', 'Owen'],
    female: ['Chloe', 'Jade', 'Courtney', 'Megan', 'Paige', 'Shannon', 'Amber', 'Ellie', 'Holly', 'Lauren', 'Leah', 'Keira', 'Demi', 'Tia', 'Bethany', 'Abbie', 'Kayleigh', 'Jessica', 'Summer', 'Lacey', 'Evie', 'Millie', 'Sophie', 'Caitlin', 'Kelly', 'Donna', 'Joanne', 'Michelle', 'Gemma', 'Stacey'],
    surnames: ['Walker', 'Wood', 'Hirst', 'Firth', 'Barker', 'Sutcliffe', 'Haigh', 'Lockwood', 'Brook', 'Shaw', 'Hall', 'Dyson', 'Crowther', 'Ackroyd', 'Kershaw', 'Ellis', 'Holt', 'Naylor', 'Pickles', 'Greenwood', 'Booth', 'Thompson', 'Stephens', 'Hudson', 'Marsden', 'Whitaker', 'Rhodes', 'Senior', 'Bentley', 'Smith', 'Jackson', 'Taylor', 'Wilson', 'Clarke', 'Parkin', 'Priestley', 'Oldroyd', 'Exley', 'Horsfall', 'Illingworth'],
  },
  pak: {
    male: ['Imran', 'Asif', 'Tariq', 'Zubair', 'Kamran', 'Adeel', 'Bilal', 'Nadeem', 'Shahid', 'Faisal', 'Rizwan', 'Amir', 'Sajid', 'Hamza', 'Usman', 'Waqas', 'Zeeshan', 'Arshad', 'Haroon', 'Naveed'],
    female: ['Ayesha', 'Sana', 'Nadia', 'Zara', 'Hina', 'Amina', 'Iqra', 'Maryam', 'Aleena', 'Rabia', 'Saima'],
    surnames: ['Khan', 'Hussain', 'Ahmed', 'Iqbal', 'Akhtar', 'Mahmood', 'Rashid', 'Bashir', 'Malik', 'Ali', 'Butt', 'Raza', 'Shah', 'Aslam', 'Javed', 'Qureshi'],
  },
  bang: {
    male: ['Rahim', 'Shahed', 'Anwar', 'Jamal', 'Foysal', 'Rubel', 'Sohel', 'Mizan'],
    female: ['Ruksana', 'Shamima', 'Nazia', 'Sumaiya', 'Farhana'],
    surnames: ['Miah', 'Uddin', 'Islam', 'Chowdhury', 'Rahman', 'Hoque', 'Ahmed'],
    femaleSurnames: ['Begum', 'Khatun'],
  },
  ind: {
    male: ['Rajesh', 'Sanjay', 'Vikram', 'Harjit', 'Gurpreet', 'Manpreet', 'Amit', 'Ravi', 'Jaspal'],
    female: ['Priya', 'Anjali', 'Simran', 'Neha', 'Harpreet', 'Pooja'],
    surnames: ['Patel', 'Singh', 'Sharma', 'Gill', 'Sandhu', 'Mistry', 'Dhillon', 'Bains', 'Chauhan'],
    femaleSurnames: ['Kaur'],
  },
  chi: {
    male: ['Wei', 'Jun', 'Ming', 'Hao'],
    female: ['Mei', 'Lin', 'Xiu', 'Yan'],
    surnames: ['Chen', 'Wong', 'Li', 'Zhang', 'Liu', 'Cheung'],
  },
  wasia: {
    male: ['Ahmad', 'Farhad', 'Rebin', 'Aram', 'Karwan', 'Jawad', 'Omid', 'Sherzad', 'Hemin'],
    female: ['Shirin', 'Parisa', 'Roya', 'Sara', 'Nasrin'],
    surnames: ['Rahimi', 'Karimi', 'Ahmadi', 'Hassani', 'Mohammadi', 'Aziz', 'Rasul', 'Qadir'],
  },
  carib: {
    male: ['Jerome', 'Marcus', 'Tyrone', 'Dwayne', 'Andre', 'Delroy', 'Leon', 'Nathaniel', 'Shaquille', 'Kyrie'],
    female: ['Shanice', 'Aaliyah', 'Keisha', 'Chantelle', 'Tanisha', 'Jada', 'Kiara', 'Nia'],
    surnames: ['Campbell', 'Francis', 'Clarke', 'Brown', 'Williams', 'Thomas', 'Grant', 'Edwards', 'Reid', 'Henry', 'Gayle', 'Bailey'],
  },
  afr: {
    male: ['Kwame', 'Emeka', 'Tobi', 'Chidi', 'Kofi', 'Samuel', 'Daniel', 'Femi', 'Yusuf', 'Abdi'],
    female: ['Amara', 'Precious', 'Adaeze', 'Blessing', 'Esther', 'Hodan', 'Chioma'],
    surnames: ['Okafor', 'Mensah', 'Adeyemi', 'Osei', 'Okoro', 'Boateng', 'Nwosu', 'Asante', 'Warsame', 'Abdi'],
  },
  eeu: {
    male: ['Marek', 'Tomasz', 'Andrei', 'Lukas', 'Florin', 'Mihai', 'Pawel', 'Ionut', 'Jakub', 'Dawid', 'Vasile'],
    female: ['Natalia', 'Kasia', 'Ioana', 'Daria', 'Andreea', 'Oliwia', 'Bianca'],
    surnames: ['Nowak', 'Popescu', 'Ionescu', 'Horvath', 'Balog', 'Kaminski', 'Dumitru', 'Lakatos', 'Wisniewski', 'Zielinski', 'Stan', 'Rusu', 'Kowalski'],
  },
  irish: {
    male: ['Sean', 'Declan', 'Ciaran', 'Padraig', 'Conor', 'Eoin'],
    female: ['Siobhan', 'Niamh', 'Aoife', 'Roisin', 'Orla'],
    surnames: ['Murphy', "O'Neill", 'Doyle', 'Byrne', 'Gallagher', 'Kelly', 'Brennan', 'Quinn', 'Walsh'],
  },
  trav: {
    male: ['Johnny', 'Patrick', 'Levi', 'Jimmy', 'Martin', 'Tommy'],
    female: ['Mary', 'Bridget', 'Margaret', 'Kathleen', 'Shannon'],
    surnames: ['Price', 'Doherty', 'McDonagh', 'Ward', 'Joyce', 'Connors', 'Maughan'],
  },
  arab: {
    male: ['Omar', 'Karim', 'Khalid', 'Sami', 'Yasir'],
    female: ['Layla', 'Noor', 'Yasmin', 'Huda'],
    surnames: ['Haddad', 'Mansour', 'Saleh', 'Nasser', 'Hamdan'],
  },
};

/** Which pools a true ethnicity draws given names and surnames from: [given pools, surname pools]. */
const ETHNICITY_POOLS: Partial<Record<Ethnicity, [PoolKey[], PoolKey[]]>> = {
  'white-british': [['wb'], ['wb']],
  'white-irish': [['irish', 'wb'], ['irish']],
  'white-other': [['eeu'], ['eeu']],
  'white-roma': [['eeu'], ['eeu']],
  'white-gypsy-traveller': [['trav'], ['trav']],
  'asian-pakistani': [['pak'], ['pak']],
  'asian-bangladeshi': [['bang'], ['bang']],
  'asian-indian': [['ind'], ['ind']],
  'asian-chinese': [['chi'], ['chi']],
  'asian-other': [['wasia'], ['wasia']],
  'black-caribbean': [['carib', 'wb'], ['carib']],
  'black-african': [['afr'], ['afr']],
  'black-other': [['carib', 'afr'], ['carib', 'afr']],
  'mixed-white-black-caribbean': [['wb', 'carib'], ['wb', 'carib']],
  'mixed-white-black-african': [['wb', 'afr'], ['wb', 'afr']],
  'mixed-white-asian': [['wb', 'pak'], ['wb', 'pak']],
  'mixed-other': [['wb', 'eeu', 'carib'], ['wb', 'wasia']],
  arab: [['arab'], ['arab']],
  other: [['wasia', 'arab'], ['wasia', 'arab']],
};

const ETHNICITY_WEIGHTS: Record<'yp' | 'adult' | 'community', [Ethnicity, number][]> = {
  yp: [
    ['white-british', 55],
    ['mixed-white-black-caribbean', 8],
    ['mixed-white-asian', 5],
    ['asian-pakistani', 7],
    ['asian-bangladeshi', 3],
    ['black-caribbean', 4],
    ['black-african', 3],
    ['white-other', 6],
    ['white-gypsy-traveller', 3],
    ['white-irish', 2],
    ['arab', 1],
    ['asian-other', 2],
  ],
  adult: [
    ['white-british', 42],
    ['asian-pakistani', 18],
    ['asian-bangladeshi', 4],
    ['asian-indian', 3],
    ['black-caribbean', 5],
    ['black-african', 4],
    ['white-other', 9],
    ['white-irish', 3],
    ['mixed-white-black-caribbean', 3],
    ['mixed-white-asian', 2],
    ['arab', 3],
    ['asian-other', 3],
    ['other', 1],
  ],
  community: [
    ['white-british', 60],
    ['asian-pakistani', 10],
    ['asian-indian', 6],
    ['black-african', 4],
    ['black-caribbean', 4],
    ['white-other', 6],
    ['white-irish', 4],
    ['mixed-other', 3],
    ['asian-chinese', 3],
  ],
};

/** Nicknames that follow from a given name; others come from STREET_NAMES. "Dazza" is Darren's alone. */
const NICKNAMES: Record<string, string> = {
  Craig: 'Craigy', Lee: 'Leeroy', Jason: 'Jase', Wayne: 'Wazza', Dean: 'Deano', Ryan: 'Ry', Jordan: 'Jord',
  Kyle: 'Ky', Callum: 'Cal', Connor: 'Con', Lewis: 'Lew', Shane: 'Shaney', Gary: 'Gaz', Paul: 'Pauly',
  Mark: 'Marky', Stephen: 'Stevie', Carl: 'Carlo', Nathan: 'Nate', Kieran: 'Kez', Scott: 'Scotty', Ricky: 'Rick',
  Danny: 'Dan', Jamie: 'Jay', Aaron: 'Az', Imran: 'Immy', Asif: 'Assy', Tariq: 'Taz', Zubair: 'Zubi', Kamran: 'Kam',
  Adeel: 'Deel', Bilal: 'Bilz', Nadeem: 'Nad', Shahid: 'Shady', Faisal: 'Fez', Rizwan: 'Riz', Amir: 'Ams',
  Sajid: 'Saj', Hamza: 'Hamz', Usman: 'Uzzy', Waqas: 'Waq', Zeeshan: 'Zee', Haroon: 'Ronnie', Naveed: 'Nav',
  Jerome: 'Romey', Marcus: 'Marco', Tyrone: 'Ty', Dwayne: 'Dee', Andre: 'Dre', Delroy: 'Del', Leon: 'Lenny',
  Kwame: 'K', Emeka: 'Meks', Tobi: 'T', Chidi: 'Chid', Kofi: 'Kof', Marek: 'Mark', Tomasz: 'Tommo',
  Andrei: 'Andy', Lukas: 'Luke', Florin: 'Flo', Mihai: 'Mickey', Pawel: 'Paulie', Jakub: 'Kuba', Dawid: 'Dave',
  Sean: 'Shaunie', Declan: 'Dec', Ciaran: 'Kiz', Johnny: 'Johnno', Patrick: 'Paddy', Jimmy: 'Jim', Tommy: 'Tom',
  Omar: 'Omz', Karim: 'Kaz', Khalid: 'Kal', Rajesh: 'Raj', Sanjay: 'Sanj', Vikram: 'Vik', Gurpreet: 'Gurps',
  Jaspal: 'Jas', Farhad: 'Far', Jawad: 'Jay-D', Ahmad: 'Ahmo', Rahim: 'Rah', Anwar: 'Anny', Jamal: 'Jam',
  Chloe: 'Chlo', Jade: 'Jadey', Megan: 'Meg', Courtney: 'Court', Shannon: 'Shan', Bethany: 'Beth',
  Kayleigh: 'Kay', Abbie: 'Abz', Ellie: 'Els', Holly: 'Hols', Lauren: 'Lozza', Jessica: 'Jess', Summer: 'Sum',
  Lacey: 'Lace', Sophie: 'Soph', Caitlin: 'Cait', Ayesha: 'Ash', Natalia: 'Nat', Aaliyah: 'Liyah', Keisha: 'Kee',
  Tanisha: 'Tash', Kasia: 'Kas', Daria: 'Dasha', Niamh: 'Neevs', Amara: 'Mara', Precious: 'Presh', Zara: 'Zaz',
  Maryam: 'Mimi', Simran: 'Sim', Priya: 'Pri', Millie: 'Mills', Paige: 'Paigey', Demi: 'Dems', Evie: 'Eves',
};

const STREET_NAMES = ['Ghost', 'Tiny', 'Scrappy', 'Bones', 'Ace', 'Kingo', 'Chops', 'Digger', 'Flash', 'Shadow', 'Biggz', 'Rocco', 'Snipes', 'Blaze', 'Smokey', 'Junior', 'Mini', 'Buzz', 'Duke', 'Rico', 'Skinny', 'Milo', 'Trigger', 'Ozzy', 'Nitro', 'Sparky', 'Gizmo', 'Tank', 'Moose', 'Bugsy', 'Chico', 'Fitz', 'Dodger', 'Spud', 'Taffy', 'Mack'];
/** Nicknames for young people whose given name has no usual short form. */
const YOUNG_NICKNAMES = ['Kiki', 'Coco', 'Tink', 'Sunny', 'Bee', 'Lulu', 'Roo', 'Bex', 'Dot', 'Pip', 'Jojo', 'Bibi', 'Dee-Dee', 'Lils', 'Nini', 'Bam', 'Lil J', 'Rudy'];

/** Spelling variants an agency might record instead ("Smith" -> "Smyth"). */
const TYPOS: Record<string, string> = {
  Smith: 'Smyth', Thompson: 'Thomson', Stephens: 'Stevens', Hussain: 'Hussein', Ahmed: 'Ahmad', Khan: 'Kahn',
  Clarke: 'Clark', Campbell: 'Cambell', Greenwood: 'Greenwod', Sutcliffe: 'Sutcliff', Lockwood: 'Lockward',
  Haigh: 'Haig', Iqbal: 'Iqbaal', Rahman: 'Rehman', Chowdhury: 'Choudhury', Kowalski: 'Kowalsky',
  Popescu: 'Popesku', "O'Neill": "O'Neil", Marsden: 'Marsdon', Mahmood: 'Mehmood', Malik: 'Mallik',
  Wilson: 'Willson', Whitaker: 'Whittaker', Illingworth: 'Illingsworth', Qureshi: 'Quraishi', Osei: 'Osie',
  Kayleigh: 'Kayley', Jade: 'Jayde', Chloe: 'Cloe', Megan: 'Meghan', Aaliyah: 'Aliyah', Shannon: 'Shanon',
  Courtney: 'Cortney', Lacey: 'Lacy', Zubair: 'Zubayr', Kamran: 'Kamron', Mohammed: 'Muhammad', Jerome: 'Jerrome',
};

// ================================================================ places

const STREETS = [
  'Mill Lane', 'Canal Street', 'Wharf Road', 'Foundry Street', 'Beck Side', 'Moorgate Road', 'Tanner Row',
  'Hollin Lane', 'Calder View', 'Sough Lane', 'Ashgrove Terrace', 'Low Fold', 'Spinner Street', 'Weaver Close',
  'Cloth Hall Street', 'Bridge End', 'Kell Road', 'Kelbridge Road', 'Station Parade', 'Northgate', 'Fleece Street',
  "Dyer's Walk", 'Shuttle Street', 'Loom Close', 'Carr Bottom Road', 'Raven Street', 'Stoney Royd', 'Crag View',
  'Ings Lane', 'Wool Row', 'Holme Bank', 'Thorn Tree Street', 'Scar Top Lane', 'Cinder Hill', 'Brick Kiln Lane',
  'Chapel Fold', 'Victoria Terrace', 'Lidget Hill', 'Pennine View', 'Gannow Street',
];
const BUILDINGS = ['Weaver Court', 'Calder House', 'Foundry Mill Apartments', 'Kell House', 'Wharfside Flats', 'Beckett Court'];

interface BusinessDef {
  name: string;
  type: BusinessType;
  /** Network hub (0, 1, 2) or a network's secondary haunt. */
  network?: number;
  hub?: boolean;
  licence?: 'lnr' | 'pho' | 'premises';
}

const BUSINESS_DEFS: BusinessDef[] = [
  { name: 'Kelbridge Kebabs', type: 'takeaway', network: 0, hub: true, licence: 'lnr' },
  { name: 'Mill Lane Grill', type: 'takeaway', network: 0, licence: 'lnr' },
  { name: 'Golden Dragon Kelbridge', type: 'takeaway', licence: 'lnr' },
  { name: 'Peri Peri Hut', type: 'takeaway', licence: 'lnr' },
  { name: 'Bridge End Fish Bar', type: 'takeaway', licence: 'lnr' },
  { name: 'Chick Stop', type: 'takeaway', licence: 'lnr' },
  { name: 'Star Cars', type: 'taxi-firm', network: 1, hub: true, licence: 'pho' },
  { name: 'Kel Cabs', type: 'taxi-firm', licence: 'pho' },
  { name: 'A1 Kelbridge Private Hire', type: 'taxi-firm', network: 1, licence: 'pho' },
  { name: 'Riverside Taxis', type: 'taxi-firm', licence: 'pho' },
  { name: 'Riverside Lodge Hotel', type: 'hotel', network: 2, hub: true, licence: 'premises' },
  { name: 'Station Hotel Kelbridge', type: 'hotel', licence: 'premises' },
  { name: 'Moorview Hotel', type: 'hotel', licence: 'premises' },
  { name: 'Canal View B&B', type: 'b-and-b', network: 2 },
  { name: 'The Willows Guest House', type: 'b-and-b' },
  { name: 'Rose Cottage B&B', type: 'b-and-b' },
  { name: 'Kelbridge Convenience Store', type: 'shop', licence: 'premises' },
  { name: 'Quick Stop Mini Market', type: 'shop', network: 0, licence: 'premises' },
  { name: 'Mill Lane Vapes', type: 'shop' },
  { name: 'Phone Fix Kelbridge', type: 'shop', network: 1 },
  { name: 'Northgate Off-Licence', type: 'shop', licence: 'premises' },
  { name: 'Foundry Street Food & Wine', type: 'shop', licence: 'premises' },
  { name: 'The Wheatsheaf', type: 'bar', licence: 'premises' },
  { name: 'Bar Nova', type: 'bar', network: 2, licence: 'premises' },
  { name: 'Kelbridge Hand Car Wash', type: 'other' },
];

/** The businesses the three offender networks form around. */
const NETWORK_HUBS = ['Kelbridge Kebabs', 'Star Cars', 'Riverside Lodge Hotel'] as const;

const BUSINESS_PLACE: Record<BusinessType, PlaceType> = {
  hotel: 'hotel',
  'b-and-b': 'b-and-b',
  takeaway: 'takeaway',
  'taxi-firm': 'taxi-office',
  shop: 'shop',
  bar: 'other',
  other: 'other',
};

const HOTSPOT_DEFS: { name: string; type: HotspotType; description: string }[] = [
  { name: 'Kelbridge Bus Station', type: 'transport', description: 'Covered bus station; young people gather after school and late evening. CCTV covers the stands only.' },
  { name: 'The Calder Centre', type: 'shopping-centre', description: 'Town-centre shopping centre; food court and rear service yard used as a meeting point.' },
  { name: 'Victoria Park', type: 'park', description: 'Town park with bandstand and poorly lit paths; groups drink here at weekends.' },
  { name: 'Riverside Park', type: 'park', description: 'Riverside park near the Riverside Lodge Hotel; cars park up on the access road after dark.' },
  { name: 'Mill Lane car park', type: 'car-park', description: 'Surface car park behind the Mill Lane takeaways; no CCTV.' },
  { name: 'Station Road multi-storey car park', type: 'car-park', description: 'Top deck used for meeting cars late evening.' },
  { name: 'Canal towpath (Lock 4 to Foundry Bridge)', type: 'area', description: 'Towpath stretch used as a cut-through; reports of young people drinking under the bridge.' },
  { name: 'Kelbridge Retail Park car park', type: 'car-park', description: 'Large retail park car park; cars collect young people from the fast-food drive-through.' },
  { name: 'Moorside recreation ground', type: 'park', description: 'Recreation ground on the Moorside estate; pavilion used for gatherings.' },
  { name: 'Foundry Street shops parade', type: 'street', description: 'Parade of late-opening shops and takeaways.' },
  { name: 'Kelbridge Railway Station', type: 'transport', description: 'Railway station forecourt and taxi rank.' },
  { name: 'Holme Woods', type: 'area', description: 'Woodland on the edge of town reached by car from Holme Bank.' },
  { name: 'Beck Side play area', type: 'park', description: 'Play area where older youths and adults gather after dark.' },
  { name: 'Market Square', type: 'area', description: 'Town-centre square; night-time economy area at weekends.' },
  { name: 'Wharf Road underpass', type: 'street', description: 'Pedestrian underpass linking the estate and town centre.' },
];

const SCHOOLS = ['Kelbridge Academy', "St Aidan's Catholic High School", 'Calder Valley School', 'Moorside Pupil Referral Unit', 'Kelbridge College'];
const CARE_HOMES = ['Hollin House', 'Brook View', 'Oakfield Lodge', 'Larkspur House'];

/** Kelbridge is fictional; its coordinates are put in a box in West Yorkshire. */
const GEO_BOX = { latMin: 53.7, latMax: 53.76, lngMin: -1.62, lngMax: -1.52 } as const;

/**
 * Kelbridge is fictional, and so are its postcode districts KB1-KB9 (no real table holds them): their
 * centres, on a 3 x 3 grid over the town, let the map place the demo's addresses by district like real
 * ones. [lat, lng, postcode count, radius m], the bundled outcode table's format.
 */
export const DEMO_DISTRICTS: Readonly<Record<string, readonly [number, number, number, number]>> = Object.fromEntries(
  Array.from({ length: 9 }, (_, i) => {
    const row = Math.floor(i / 3);
    const col = i % 3;
    const lat = GEO_BOX.latMin + ((row + 0.5) / 3) * (GEO_BOX.latMax - GEO_BOX.latMin);
    const lng = GEO_BOX.lngMin + ((col + 0.5) / 3) * (GEO_BOX.lngMax - GEO_BOX.lngMin);
    return [`KB${i + 1}`, [Math.round(lat * 1e5) / 1e5, Math.round(lng * 1e5) / 1e5, 400, 1400] as const];
  }),
);

const POSTCODE_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
const PLATE_LETTERS = 'ABCDEFGHJKLMNOPRSTUVWXY';
const PLATE_AREAS = ['YA', 'YB', 'YC', 'YD', 'YE', 'YF', 'YG', 'YH', 'YJ', 'YK', 'YL', 'YM', 'YN', 'YP', 'YR', 'YS', 'YT', 'YX', 'YY', 'KX', 'KY', 'MA', 'SN'];

const MAKES: [string, readonly string[], number][] = [
  ['Vauxhall', ['Astra', 'Corsa', 'Insignia', 'Zafira'], 6],
  ['Ford', ['Focus', 'Fiesta', 'Mondeo', 'Transit Custom'], 6],
  ['Volkswagen', ['Golf', 'Passat', 'Polo'], 5],
  ['BMW', ['3 Series', '5 Series', 'X5'], 4],
  ['Audi', ['A3', 'A4', 'Q5'], 4],
  ['Mercedes-Benz', ['C-Class', 'E-Class', 'A-Class'], 3],
  ['Toyota', ['Corolla', 'Auris', 'Yaris'], 3],
  ['Skoda', ['Octavia', 'Fabia'], 2],
  ['Nissan', ['Qashqai', 'Micra', 'Juke'], 3],
  ['Peugeot', ['208', '308'], 2],
  ['Kia', ['Sportage', 'Ceed'], 2],
  ['Hyundai', ['i30', 'Tucson'], 2],
  ['Seat', ['Leon', 'Ibiza'], 2],
  ['Honda', ['Civic'], 1],
];
const TAXI_MODELS: [string, string][] = [
  ['Toyota', 'Prius'],
  ['Skoda', 'Octavia'],
  ['Toyota', 'Corolla'],
  ['Kia', 'Niro'],
  ['Skoda', 'Superb'],
];
const COLOURS: [string, number][] = [
  ['silver', 6],
  ['black', 6],
  ['white', 5],
  ['grey', 5],
  ['blue', 3],
  ['red', 2],
  ['dark green', 1],
];

const JOBS: { title: string; business?: string; place?: 'school' | 'care-home'; hotspot?: string }[] = [
  { title: 'night manager at Riverside Lodge Hotel', business: 'Riverside Lodge Hotel' },
  { title: 'receptionist at Station Hotel Kelbridge', business: 'Station Hotel Kelbridge' },
  { title: 'owner of The Willows Guest House', business: 'The Willows Guest House' },
  { title: 'designated safeguarding lead', place: 'school' },
  { title: 'residential care worker', place: 'care-home' },
  { title: "children's home manager", place: 'care-home' },
  { title: 'pastoral lead', place: 'school' },
  { title: 'detached youth worker' },
  { title: 'bus station supervisor', hotspot: 'Kelbridge Bus Station' },
  { title: 'shop manager at Kelbridge Convenience Store', business: 'Kelbridge Convenience Store' },
];

// ================================================================ dates

const DAY_MS = 86_400_000;
const WINDOW_DAYS = 730;

function toDay(iso: IsoDate): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}
function fromDay(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
function ukDate(iso: IsoDate): string {
  const [y, m, d] = iso.split('-');
  return `${d ?? ''}/${m ?? ''}/${y ?? ''}`;
}
function ageOn(dob: IsoDate, on: IsoDate): number {
  const [by, bm, bd] = dob.split('-').map(Number);
  const [oy, om, od] = on.split('-').map(Number);
  if (by === undefined || bm === undefined || bd === undefined || oy === undefined || om === undefined || od === undefined)
    return 0;
  return oy - by - (om < bm || (om === bm && od < bd) ? 1 : 0);
}
function validIso(y: number, m: number, d: number): IsoDate | null {
  const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return fromDay(toDay(iso)) === iso ? iso : null;
}
function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

// ================================================================ internal records

type RoleGroup = 'yp' | 'offender' | 'associate' | 'witness' | 'professional';
type Variation = 'typo' | 'surname-first' | 'nickname-only' | 'dob-swap' | 'dob-year' | 'est-age';

function roleGroup(role: Role): RoleGroup {
  switch (role) {
    case 'young-person-at-risk':
      return 'yp';
    case 'organiser':
    case 'facilitator':
    case 'abuser':
      return 'offender';
    case 'associate':
      return 'associate';
    case 'witness':
      return 'witness';
    case 'professional':
      return 'professional';
  }
}

interface RealPerson {
  key: string;
  role: Role;
  network: number | null;
  /** Networks a young person is exposed to. */
  exposures: number[];
  sex: 'female' | 'male';
  ethnicity: Ethnicity;
  given: string;
  family: string;
  nickname?: string;
  streetName?: string;
  dob: IsoDate;
  risk: RiskLevel;
  hasPnc: boolean;
  job?: (typeof JOBS)[number];
  ids: Map<string, string>;
  records: PersonRec[];
  phones: PhoneRec[];
  vehicles: VehRec[];
}

interface PersonRec {
  rp: RealPerson;
  agency: AgencyKey;
  primary: boolean;
  nicknameOnly: boolean;
  person: Person;
  /** The name as this record writes it, for item texts. */
  label: string;
}

interface NameSpec {
  kind: NameKind;
  given: string;
  family: string;
  full: string;
}

interface RecordSpec {
  names: NameSpec[];
  dob?: IsoDate;
  estAge?: number;
  noAge?: boolean;
  sex: Sex;
  ethnicity: Ethnicity;
  roles: Role[];
  risk?: RiskLevel;
  identifiers: Identifier[];
}

interface VehRec {
  v: Vehicle;
  desc: string;
  taxi: boolean;
}
interface PhoneRec {
  ph: Phone;
  desc: string;
  owner: RealPerson;
  /** For a duplicate phone entity: the record that uses it (recorded by another agency). */
  dupRecord?: PersonRec;
}
interface AddrRec {
  a: Address;
  desc: string;
  name?: string;
}
interface BizRec {
  b: Business;
  def: BusinessDef;
  premises: AddrRec;
}
interface HsRec {
  h: Hotspot;
  name: string;
}

type Retext = (agency: AgencyKey, date: IsoDate) => string;

interface LinkOptions {
  type: LinkType;
  from: Id;
  to: Id;
  agency: AgencyKey;
  text: Retext;
  date?: IsoDate;
  statement?: 'fact' | 'assessment';
  endChance?: number;
  note?: string;
}

function fact<T>(value: T, source: Id): Fact<T> {
  return { value, sources: [source] };
}

function pronouns(sex: Sex): { subj: string; obj: string; poss: string } {
  if (sex === 'female') return { subj: 'she', obj: 'her', poss: 'her' };
  if (sex === 'male') return { subj: 'he', obj: 'him', poss: 'his' };
  return { subj: 'they', obj: 'them', poss: 'their' };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function spacedPlate(reg: string): string {
  return /^[A-Z]{2}\d{2}[A-Z]{3}$/.test(reg) ? `${reg.slice(0, 4)} ${reg.slice(4)}` : reg;
}

// ================================================================ the builder

class DemoBuilder {
  private readonly rng: Rng;
  private readonly now: IsoDate;
  private readonly nowDay: number;
  private readonly startDay: number;
  private readonly wsId: Id;

  private readonly items: IntelItem[] = [];
  private readonly itemById = new Map<Id, IntelItem>();
  private readonly refs = new Set<string>();
  private readonly links: Link[] = [];
  private readonly linkKeys = new Set<string>();
  private readonly linksByEntity = new Map<Id, Link[]>();
  private readonly retext = new Map<Id, Retext>();

  private readonly people: RealPerson[] = [];
  private readonly vehicles: VehRec[] = [];
  private readonly phones: PhoneRec[] = [];
  private readonly addresses: AddrRec[] = [];
  private readonly businesses: BizRec[] = [];
  private readonly hotspots: HsRec[] = [];

  private readonly usedNames = new Set<string>();
  private readonly usedNicknames = new Set<string>(['Dazza']);
  private readonly usedHandles = new Set<string>();
  private readonly usedPlates = new Set<string>();
  private readonly usedLines = new Set<string>();
  private readonly streetOutward = new Map<string, string>();

  constructor(seed: number, now: IsoDate) {
    this.rng = createRng(seed);
    this.now = now;
    this.nowDay = toDay(now);
    this.startDay = this.nowDay - WINDOW_DAYS;
    this.wsId = seededId(this.rng, 'ws');
  }

  // ---------------------------------------------------------------- small helpers

  private int(min: number, max: number): number {
    return int(this.rng, min, max);
  }
  private chance(p: number): boolean {
    return chance(this.rng, p);
  }
  private pick<T>(items: readonly T[]): T {
    return pick(this.rng, items);
  }
  private weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T {
    return weightedPick(this.rng, entries);
  }
  private randomDate(minDay = this.startDay, maxDay = this.nowDay): IsoDate {
    return fromDay(this.int(Math.max(minDay, this.startDay), Math.min(maxDay, this.nowDay)));
  }
  private time(): string {
    const hour = this.weighted<number>([[16, 1], [17, 1], [18, 2], [19, 2], [20, 3], [21, 3], [22, 3], [23, 3], [0, 2], [1, 2], [2, 1]]);
    return `${pad(hour, 2)}:${pad(this.int(0, 11) * 5, 2)}`;
  }
  private weekday(): string {
    return this.pick(['Friday', 'Saturday', 'Sunday', 'Thursday', 'Wednesday', 'Tuesday', 'Monday']);
  }
  private agencyFor(type: LinkType): AgencyKey {
    return this.weighted(LINK_AGENCY[type]);
  }

  // ---------------------------------------------------------------- intelligence items

  private reference(agency: AgencyKey, date: IsoDate): string {
    const year = date.slice(0, 4);
    for (;;) {
      let ref: string;
      switch (agency) {
        case 'police':
          ref = `NP-INT-${year}-${pad(this.int(1000, 99999), 6)}`;
          break;
        case 'csc':
          ref = `CSC-REF-${this.int(10000, 99999)}`;
          break;
        case 'health':
          ref = `KHS-SH-${this.int(100000, 999999)}`;
          break;
        case 'education':
          ref = `EDW-${year}-${pad(this.int(1, 9999), 4)}`;
          break;
        case 'yjs':
          ref = `YJS-${year}-${pad(this.int(1, 9999), 4)}`;
          break;
        case 'safesteps':
          ref = `SSK-${pad(this.int(1, 99999), 5)}`;
          break;
        case 'housing':
          ref = `KH-ASB-${pad(this.int(1, 99999), 5)}`;
          break;
        case 'licensing':
          ref = `KBL-${year}-${pad(this.int(1, 9999), 4)}`;
          break;
      }
      if (!this.refs.has(ref)) {
        this.refs.add(ref);
        return ref;
      }
    }
  }

  private grading(agency: AgencyKey, date: IsoDate): Grading {
    if (agency === 'police') {
      // Legacy 5x5x5 on older records only.
      if (toDay(date) < this.nowDay - 545 && this.chance(0.42)) return this.legacyGrading();
      return this.policeGrading();
    }
    if (agency === 'licensing' || this.chance(0.68)) return { scheme: 'ungraded' };
    const [source, intelligence] = this.weighted<['1' | '2', 'A' | 'B' | 'C']>([
      [['1', 'A'], 20],
      [['1', 'B'], 20],
      [['2', 'A'], 15],
      [['2', 'B'], 25],
      [['2', 'C'], 20],
    ]);
    return { scheme: '3x5x2', source, intelligence, handling: 'P' };
  }

  private policeGrading(): Grading3x5x2 {
    const [source, intelligence] = this.weighted<[Grading3x5x2['source'], Grading3x5x2['intelligence']]>([
      [['1', 'A'], 6],
      [['1', 'B'], 16],
      [['1', 'C'], 6],
      [['2', 'A'], 5],
      [['2', 'B'], 24],
      [['2', 'C'], 20],
      [['2', 'D'], 4],
      [['3', 'B'], 3],
      [['3', 'C'], 6],
      [['3', 'D'], 4],
      [['3', 'E'], 1],
    ]);
    if (!this.chance(0.1)) return { scheme: '3x5x2', source, intelligence, handling: 'P' };
    const actionCode = this.pick(['A1', 'A2', 'A3'] as const);
    const sanitisation = this.weighted<'S1' | 'S2'>([
      ['S1', 1],
      ['S2', 2],
    ]);
    const conditions =
      sanitisation === 'S2'
        ? `${actionCode} S2: not to be sanitised or disseminated beyond the MASE core group without reference to the originator (DS 1187).`
        : `${actionCode} S1: a sanitised version may be shared with partner agencies; originator to be consulted before executive action.`;
    return { scheme: '3x5x2', source, intelligence, handling: 'C', actionCode, sanitisation, conditions };
  }

  private legacyGrading(): Grading5x5x5 {
    return {
      scheme: '5x5x5',
      source: this.weighted<Grading5x5x5['source']>([['A', 10], ['B', 40], ['C', 35], ['D', 10], ['E', 5]]),
      intelligence: this.weighted<Grading5x5x5['intelligence']>([['1', 10], ['2', 40], ['3', 35], ['4', 10], ['5', 5]]),
      handling: this.weighted<Grading5x5x5['handling']>([['1', 10], ['2', 35], ['3', 35], ['4', 12], ['5', 8]]),
    };
  }

  private item(agency: AgencyKey, doi: IsoDate | undefined, text: string, statementType: 'fact' | 'assessment' = 'fact'): IntelItem {
    const base = doi ?? this.randomDate();
    const lag = this.weighted<[number, number]>([
      [[0, 0], 35],
      [[1, 3], 30],
      [[4, 14], 25],
      [[15, 60], 10],
    ]);
    const recorded = fromDay(Math.min(this.nowDay, toDay(base) + this.int(lag[0], lag[1])));
    const def = AGENCIES[agency];
    const createdAt = `${recorded}T${pad(this.int(8, 18), 2)}:${pad(this.int(0, 59), 2)}:00.000Z`;
    const item: IntelItem = {
      id: seededId(this.rng, 'i'),
      workspaceId: this.wsId,
      agency: def.name,
      agencyType: def.type,
      reference: this.reference(agency, recorded),
      author: this.pick(def.authors),
      dateRecorded: recorded,
      text,
      statementType,
      grading: this.grading(agency, base),
      createdAt,
      updatedAt: createdAt,
    };
    if (doi !== undefined) item.dateOfIntelligence = doi;
    this.items.push(item);
    this.itemById.set(item.id, item);
    return item;
  }

  // ---------------------------------------------------------------- links

  private addLink(o: LinkOptions): Link | null {
    if (this.links.length >= DEMO_COUNTS.links || o.from === o.to) return null;
    const key = SYMMETRIC_LINKS.has(o.type) ? `${o.type}|${[o.from, o.to].sort().join('|')}` : `${o.type}|${o.from}|${o.to}`;
    if (this.linkKeys.has(key)) return null;
    this.linkKeys.add(key);
    const date = o.date ?? this.randomDate();
    const item = this.item(o.agency, date, o.text(o.agency, date), o.statement ?? 'fact');
    const link: Link = {
      id: seededId(this.rng, 'l'),
      workspaceId: this.wsId,
      type: o.type,
      from: o.from,
      to: o.to,
      dateFrom: date,
      sources: [item.id],
      createdAt: '',
      updatedAt: '',
    };
    if (o.endChance && this.chance(o.endChance) && this.nowDay - toDay(date) > 90)
      link.dateTo = fromDay(this.int(toDay(date) + 30, this.nowDay - 1));
    if (o.note) link.note = o.note;
    this.links.push(link);
    this.retext.set(link.id, o.text);
    for (const id of [o.from, o.to]) {
      const list = this.linksByEntity.get(id);
      if (list) list.push(link);
      else this.linksByEntity.set(id, [link]);
    }
    return link;
  }

  /** The record an agency would use for a person: its own if it has one, otherwise the primary record. */
  private rec(rp: RealPerson, agency: AgencyKey): PersonRec {
    const own = rp.records.find((r) => r.agency === agency);
    const first = rp.records[0];
    if (!first) throw new Error(`person ${rp.key} has no records`);
    return own ?? first;
  }

  private linkPeople(
    type: LinkType,
    a: RealPerson,
    b: RealPerson,
    text: (ra: PersonRec, rb: PersonRec, agency: AgencyKey, date: IsoDate) => string,
    opts: { agency?: AgencyKey; statement?: 'fact' | 'assessment'; endChance?: number; note?: string } = {},
  ): Link | null {
    if (a === b) return null;
    const agency = opts.agency ?? this.agencyFor(type);
    const ra = this.rec(a, agency);
    const rb = this.rec(b, agency);
    return this.addLink({
      type,
      from: ra.person.id,
      to: rb.person.id,
      agency,
      text: (ag, d) => text(ra, rb, ag, d),
      ...(opts.statement ? { statement: opts.statement } : {}),
      ...(opts.endChance ? { endChance: opts.endChance } : {}),
      ...(opts.note ? { note: opts.note } : {}),
    });
  }

  private linkThing(
    type: LinkType,
    rp: RealPerson | PersonRec,
    thingId: Id,
    text: (r: PersonRec, agency: AgencyKey, date: IsoDate) => string,
    opts: { agency?: AgencyKey; statement?: 'fact' | 'assessment'; endChance?: number; date?: IsoDate } = {},
  ): Link | null {
    const agency = opts.agency ?? ('rp' in rp ? rp.agency : this.agencyFor(type));
    const r = 'rp' in rp ? rp : this.rec(rp, agency);
    return this.addLink({
      type,
      from: r.person.id,
      to: thingId,
      agency,
      text: (ag, d) => text(r, ag, d),
      ...(opts.statement ? { statement: opts.statement } : {}),
      ...(opts.endChance ? { endChance: opts.endChance } : {}),
      ...(opts.date ? { date: opts.date } : {}),
    });
  }

  // ================================================================ build

  build(): DemoWorkspace {
    this.buildPeople();
    this.buildBusinessesAndPlaces();
    this.buildPhones();
    this.buildVehicles();
    this.mandatoryLinks();
    if (this.links.length >= DEMO_COUNTS.links) throw new Error('demo: mandatory links exceed the link budget');
    this.structuralLinks();
    this.fillItems();
    this.sourceThings();
    this.stamp();

    const workspace: Workspace = {
      id: this.wsId,
      name: DEMO_WORKSPACE_NAME,
      marking: 'OFFICIAL-SENSITIVE',
      termsOfReference:
        'FICTIONAL DEMONSTRATION DATA. Every person, place, business, vehicle, telephone number, reference and event in ' +
        'this workspace is invented; Kelbridge and the Northshire force area do not exist, and any resemblance to real ' +
        'people or places is coincidental. Aim: a problem profile of group-based child sexual exploitation in Kelbridge, ' +
        `covering the 24 months to ${ukDate(this.now)}, that identifies offender networks, key locations and enablers ` +
        '(hotels, takeaways, taxi firms, vehicles, phones), young people at risk (in aggregate) and intelligence gaps, ' +
        'and recommends Pursue, Prevent, Protect and Prepare actions for the MASE partnership.',
      fictional: true,
      createdAt: `${fromDay(this.startDay)}T08:30:00.000Z`,
      updatedAt: `${this.now}T17:00:00.000Z`,
    };

    const truthPersonKey: Record<Id, string> = {};
    const persons: Person[] = [];
    for (const rp of this.people)
      for (const r of rp.records) {
        persons.push(r.person);
        truthPersonKey[r.person.id] = rp.key;
      }
    const entities: Entity[] = [
      ...persons,
      ...this.vehicles.map((v) => v.v),
      ...this.phones.map((p) => p.ph),
      ...this.addresses.map((a) => a.a),
      ...this.businesses.map((b) => b.b),
      ...this.hotspots.map((h) => h.h),
    ];
    const demo: DemoWorkspace = { workspace, entities, links: this.links, items: this.items, truthPersonKey };
    this.checkCounts(demo);
    return demo;
  }

  private checkCounts(demo: DemoWorkspace): void {
    const count = (k: Entity['kind']): number => demo.entities.filter((e) => e.kind === k).length;
    const wrong: string[] = [];
    for (const k of ['person', 'vehicle', 'phone', 'address', 'business', 'hotspot'] as const)
      if (count(k) !== DEMO_COUNTS[k]) wrong.push(`${k}: ${count(k)}`);
    if (demo.links.length !== DEMO_COUNTS.links) wrong.push(`links: ${demo.links.length}`);
    if (demo.items.length !== DEMO_COUNTS.items) wrong.push(`items: ${demo.items.length}`);
    if (wrong.length) throw new Error(`demo generator produced wrong counts (${wrong.join(', ')})`);
    const problems = demoIntegrityProblems(demo);
    if (problems.length) throw new Error(`demo generator integrity: ${problems.slice(0, 5).join('; ')}`);
  }

  // ================================================================ people

  private buildPeople(): void {
    const plan: { role: Role; network: number | null }[] = [];
    const facilitators = [4, 5, 4];
    const abusers = [8, 7, 7];
    for (let n = 0; n < 3; n++) {
      for (let i = 0; i < 3; i++) plan.push({ role: 'organiser', network: n });
      for (let i = 0; i < (facilitators[n] ?? 4); i++) plan.push({ role: 'facilitator', network: n });
      for (let i = 0; i < (abusers[n] ?? 7); i++) plan.push({ role: 'abuser', network: n });
      for (let i = 0; i < 5; i++) plan.push({ role: 'associate', network: n });
    }
    for (let i = 0; i < 34; i++) plan.push({ role: 'young-person-at-risk', network: null });
    for (let i = 0; i < 13; i++) plan.push({ role: 'associate', network: null });
    for (let i = 0; i < 8; i++) plan.push({ role: 'witness', network: null });
    for (let i = 0; i < 10; i++) plan.push({ role: 'professional', network: null });

    const jobs = shuffle(this.rng, JOBS);
    plan.forEach((p, index) => {
      const rp = index === 0 ? this.darren() : this.realPerson(p.role, p.network, index);
      if (p.role === 'professional') {
        const job = jobs.pop();
        if (job) rp.job = job;
      }
      this.people.push(rp);
    });

    const primaryAgency = new Map<RealPerson, AgencyKey>();
    for (const rp of this.people) primaryAgency.set(rp, rp.key === DEMO_DARREN_KEY ? 'police' : this.primaryAgency(rp));

    // Duplicates: about 25 people recorded more than once by different agencies.
    const byRole = (role: Role): RealPerson[] => this.people.filter((rp) => rp.role === role && rp.key !== DEMO_DARREN_KEY);
    const dupPeople = [
      ...sample(this.rng, byRole('young-person-at-risk'), 10),
      ...sample(this.rng, byRole('organiser'), 1),
      ...sample(this.rng, byRole('facilitator'), 3),
      ...sample(this.rng, byRole('abuser'), 6),
      ...sample(this.rng, byRole('associate').filter((rp) => rp.network !== null), 4),
    ];
    const schedule = shuffle<Variation>(this.rng, [
      ...Array<Variation>(5).fill('typo'),
      ...Array<Variation>(4).fill('surname-first'),
      ...Array<Variation>(4).fill('nickname-only'),
      ...Array<Variation>(4).fill('dob-swap'),
      ...Array<Variation>(4).fill('dob-year'),
      ...Array<Variation>(3).fill('est-age'),
    ]);
    const dupPlan = new Map<RealPerson, { agency: AgencyKey; variations: Variation[] }>();
    dupPeople.forEach((rp, i) => {
      const first = schedule[i] ?? 'typo';
      const variations: Variation[] = [first];
      if (first !== 'nickname-only' && this.chance(0.3)) {
        const second = this.pick<Variation>(['typo', 'dob-year', 'est-age', 'surname-first']);
        const dobKinds: Variation[] = ['dob-swap', 'dob-year', 'est-age'];
        if (second !== first && !(dobKinds.includes(first) && dobKinds.includes(second))) variations.push(second);
      }
      if (variations.includes('nickname-only') && !rp.nickname) rp.nickname = this.newNickname(rp.given, rp.role === 'young-person-at-risk');
      if (variations.includes('dob-swap')) {
        const [y, m] = rp.dob.split('-').map(Number);
        if (rp.role === 'young-person-at-risk' || y === undefined || m === undefined) {
          if (!this.swappable(rp.dob)) variations[variations.indexOf('dob-swap')] = 'dob-year';
        } else if (!this.swappable(rp.dob)) {
          // Adults: move the birthday to a day that can be mistaken for a month.
          let day = this.int(1, 12);
          if (day === m) day = day === 12 ? 1 : day + 1;
          rp.dob = validIso(y, m, day) ?? rp.dob;
        }
      }
      dupPlan.set(rp, { agency: this.dupAgency(rp, primaryAgency.get(rp) ?? 'police'), variations });
    });

    // Records: the primary first, then any duplicates.
    for (const rp of this.people) {
      if (rp.key === DEMO_DARREN_KEY) {
        this.darrenRecords(rp);
        continue;
      }
      const agency = primaryAgency.get(rp) ?? 'police';
      const date = this.randomDate();
      this.createRecord(rp, agency, true, this.spec(rp, agency, true, [], date), date, false);
      const dup = dupPlan.get(rp);
      if (dup) {
        const d = this.randomDate();
        this.createRecord(rp, dup.agency, false, this.spec(rp, dup.agency, false, dup.variations, d), d, dup.variations.includes('nickname-only'));
      }
    }
  }

  private swappable(dob: IsoDate): boolean {
    const [y, m, d] = dob.split('-').map(Number);
    return y !== undefined && m !== undefined && d !== undefined && d <= 12 && d !== m;
  }

  private darren(): RealPerson {
    this.usedNames.add('Darren Smith');
    return {
      key: DEMO_DARREN_KEY,
      role: 'organiser',
      network: 0,
      exposures: [],
      sex: 'male',
      ethnicity: 'white-british',
      given: 'Darren',
      family: 'Smith',
      nickname: 'Dazza',
      dob: '1991-03-14',
      risk: 'unknown',
      hasPnc: true,
      ids: new Map(),
      records: [],
      phones: [],
      vehicles: [],
    };
  }

  private darrenRecords(rp: RealPerson): void {
    const policeDate = this.randomDate(this.startDay, this.startDay + 200);
    this.createRecord(
      rp,
      'police',
      true,
      {
        names: [
          { kind: 'legal', given: 'Darren', family: 'Smith', full: 'Darren Smith' },
          { kind: 'nickname', given: '', family: '', full: 'Dazza' },
        ],
        dob: rp.dob,
        sex: 'male',
        ethnicity: 'white-british',
        roles: ['organiser'],
        identifiers: [
          { scheme: 'Niche', value: this.idFor(rp, 'Niche') },
          { scheme: 'PNC', value: this.idFor(rp, 'PNC') },
        ],
      },
      policeDate,
      false,
    );
    const cscDate = this.randomDate(this.nowDay - 300, this.nowDay - 30);
    this.createRecord(
      rp,
      'csc',
      false,
      {
        names: [{ kind: 'legal', given: 'Daz', family: 'Smyth', full: 'Daz Smyth' }],
        estAge: 35,
        sex: 'male',
        ethnicity: 'unknown',
        roles: ['abuser'],
        identifiers: [{ scheme: 'LCS', value: this.idFor(rp, 'LCS') }],
      },
      cscDate,
      false,
    );
    const healthDate = this.randomDate(this.nowDay - 400, this.nowDay - 20);
    this.createRecord(
      rp,
      'health',
      false,
      {
        names: [{ kind: 'nickname', given: '', family: '', full: 'Dazza' }],
        noAge: true,
        sex: 'male',
        ethnicity: 'unknown',
        roles: ['associate'],
        identifiers: [],
      },
      healthDate,
      true,
    );
  }

  private realPerson(role: Role, network: number | null, index: number): RealPerson {
    const group = roleGroup(role);
    const sex: 'female' | 'male' =
      group === 'yp'
        ? this.chance(0.78) ? 'female' : 'male'
        : group === 'offender'
          ? this.chance(0.96) ? 'male' : 'female'
          : group === 'associate'
            ? this.chance(0.65) ? 'male' : 'female'
            : group === 'professional'
              ? this.chance(0.55) ? 'female' : 'male'
              : this.chance(0.5) ? 'female' : 'male';
    const ethnicity = this.weighted(
      ETHNICITY_WEIGHTS[group === 'yp' ? 'yp' : group === 'witness' || group === 'professional' ? 'community' : 'adult'],
    );
    const [given, family] = this.newName(ethnicity, sex);
    const ageRange: Record<RoleGroup, [number, number]> = {
      yp: [12, 17],
      offender: role === 'organiser' ? [28, 52] : role === 'facilitator' ? [21, 48] : [19, 58],
      associate: [16, 45],
      witness: [18, 72],
      professional: [24, 62],
    };
    const age =
      group === 'yp'
        ? this.weighted<number>([[12, 2], [13, 4], [14, 7], [15, 9], [16, 7], [17, 5]])
        : this.int(...ageRange[group]);
    const rp: RealPerson = {
      key: `person-${pad(index + 1, 3)}`,
      role,
      network,
      exposures: [],
      sex,
      ethnicity,
      given,
      family,
      dob: this.dobForAge(age),
      risk: group === 'yp' ? this.weighted<RiskLevel>([['high', 10], ['medium', 12], ['low', 6], ['unknown', 6]]) : 'unknown',
      hasPnc: this.chance(group === 'offender' ? 0.65 : group === 'associate' ? 0.3 : group === 'yp' ? 0.12 : 0.05),
      ids: new Map(),
      records: [],
      phones: [],
      vehicles: [],
    };
    const nickChance = group === 'offender' ? 0.75 : group === 'associate' ? 0.4 : group === 'yp' ? 0.3 : 0;
    if (this.chance(nickChance)) rp.nickname = this.newNickname(given, group === 'yp');
    if (group === 'offender' && this.chance(0.35)) {
      const street = STREET_NAMES.filter((s) => !this.usedNicknames.has(s));
      if (street.length) {
        const s = this.pick(street);
        this.usedNicknames.add(s);
        rp.streetName = s;
      }
    }
    if (group === 'yp') {
      const first = this.int(0, 2);
      rp.exposures = this.chance(0.18) ? [] : this.chance(0.3) ? [first, (first + this.int(1, 2)) % 3] : [first];
    }
    return rp;
  }

  private newName(ethnicity: Ethnicity, sex: 'female' | 'male'): [string, string] {
    const [givenPools, surnamePools] = ETHNICITY_POOLS[ethnicity] ?? [['wb'], ['wb']];
    for (let attempt = 0; attempt < 200; attempt++) {
      const gp = POOLS[this.pick(givenPools)];
      const sp = POOLS[this.pick(surnamePools)];
      const given = this.pick(sex === 'female' ? gp.female : gp.male);
      const family = sex === 'female' && sp.femaleSurnames && this.chance(0.5) ? this.pick(sp.femaleSurnames) : this.pick(sp.surnames);
      const full = `${given} ${family}`;
      if (!this.usedNames.has(full)) {
        this.usedNames.add(full);
        return [given, family];
      }
    }
    throw new Error('demo: ran out of names');
  }

  private newNickname(given: string, young: boolean): string {
    const derived = NICKNAMES[given];
    if (derived && !this.usedNicknames.has(derived)) {
      this.usedNicknames.add(derived);
      return derived;
    }
    const free = (young ? YOUNG_NICKNAMES : STREET_NAMES).filter((s) => !this.usedNicknames.has(s));
    const nick = free.length ? this.pick(free) : `${given}-${this.usedNicknames.size}`;
    this.usedNicknames.add(nick);
    return nick;
  }

  private dobForAge(age: number): IsoDate {
    for (let attempt = 0; attempt < 20; attempt++) {
      const dob = fromDay(this.nowDay - this.int(Math.ceil(age * 365.25) + 1, Math.floor((age + 1) * 365.25) - 1));
      if (ageOn(dob, this.now) === age) return dob;
    }
    return fromDay(this.nowDay - Math.round((age + 0.5) * 365.25));
  }

  private primaryAgency(rp: RealPerson): AgencyKey {
    switch (roleGroup(rp.role)) {
      case 'yp':
        return this.weighted<AgencyKey>([['csc', 60], ['police', 30], ['yjs', 5], ['safesteps', 5]]);
      case 'associate':
        return ageOn(rp.dob, this.now) < 18
          ? this.weighted<AgencyKey>([['police', 70], ['yjs', 30]])
          : this.weighted<AgencyKey>([['police', 85], ['housing', 15]]);
      default:
        return 'police';
    }
  }

  private dupAgency(rp: RealPerson, primary: AgencyKey): AgencyKey {
    const options: [AgencyKey, number][] =
      rp.role === 'young-person-at-risk'
        ? [['police', 3], ['education', 3], ['health', 2], ['csc', 3], ['yjs', 1], ['safesteps', 2]]
        : roleGroup(rp.role) === 'offender'
          ? [['csc', 4], ['health', 2], ['safesteps', 3], ['housing', 2], ['education', 1]]
          : [['housing', 2], ['csc', 2], ['safesteps', 2], ['health', 1]];
    return this.weighted(options.filter(([a]) => a !== primary));
  }

  private idFor(rp: RealPerson, scheme: string): string {
    const existing = rp.ids.get(scheme);
    if (existing) return existing;
    let value: string;
    switch (scheme) {
      case 'Niche':
        value = `NP-NOM-${this.int(1000000, 9999999)}`;
        break;
      case 'PNC': {
        const firstYear = Math.min(Number(rp.dob.slice(0, 4)) + this.int(15, 22), Number(this.now.slice(0, 4)) - 1);
        value = `${pad(firstYear % 100, 2)}/${pad(this.int(1, 999999), 6)}${this.pick([...'ABCDEFGHJKLMNPQRTUVWXYZ'])}`;
        break;
      }
      case 'LCS':
        value = String(this.int(1000000, 9999999));
        break;
      case 'NHS':
        value = `999 ${pad(this.int(0, 999), 3)} ${pad(this.int(0, 9999), 4)}`;
        break;
      case 'UPN':
        value = `${this.pick([...'ABCDEFGHJKLMNPQRTUVWXYZ'])}999${pad(this.int(0, 9999), 4)}${pad(this.int(10, 25), 2)}${pad(this.int(0, 999), 3)}`;
        break;
      case 'YJS':
        value = `YJ${pad(this.int(0, 99999), 5)}`;
        break;
      case 'SSK':
        value = `SSK-CL-${pad(this.int(0, 9999), 4)}`;
        break;
      default:
        value = `T${pad(this.int(0, 999999), 6)}`;
    }
    rp.ids.set(scheme, value);
    return value;
  }

  private spec(rp: RealPerson, agency: AgencyKey, primary: boolean, variations: Variation[], date: IsoDate): RecordSpec {
    const group = roleGroup(rp.role);
    const names: NameSpec[] = [];
    const nickOnly = variations.includes('nickname-only') && rp.nickname !== undefined;
    if (nickOnly && rp.nickname) {
      names.push({ kind: 'nickname', given: '', family: '', full: rp.nickname });
    } else {
      let given = rp.given;
      let family = rp.family;
      if (variations.includes('typo')) [given, family] = this.typo(given, family);
      names.push(
        variations.includes('surname-first')
          ? { kind: 'legal', given: family.toUpperCase(), family: given, full: `${family.toUpperCase()} ${given}` }
          : { kind: 'legal', given, family, full: `${given} ${family}` },
      );
      const nickP = primary ? (agency === 'police' ? 0.9 : 0.5) : 0.35;
      if (rp.nickname && this.chance(nickP)) names.push({ kind: 'nickname', given: '', family: '', full: rp.nickname });
      if (rp.streetName && primary && agency === 'police')
        names.push({ kind: 'street', given: '', family: '', full: rp.streetName });
    }

    const spec: RecordSpec = {
      names,
      sex: rp.sex,
      ethnicity: rp.ethnicity,
      roles: [rp.role],
      identifiers: [],
    };

    // Date of birth or an estimate.
    const knowsDob = primary
      ? group === 'yp' || group === 'witness' || (group === 'professional' ? this.chance(0.5) : this.chance(0.85))
      : group === 'yp';
    const trueAge = ageOn(rp.dob, date);
    if (variations.includes('est-age') || nickOnly || (!knowsDob && !variations.includes('dob-swap') && !variations.includes('dob-year'))) {
      let est = trueAge + (group === 'yp' ? this.int(-1, 1) : this.int(-3, 4));
      if (group !== 'yp' && this.chance(0.4)) est = Math.round(est / 5) * 5;
      spec.estAge = Math.max(10, est);
    } else if (variations.includes('dob-swap')) {
      const [y, m, d] = rp.dob.split('-').map(Number);
      const swapped = y !== undefined && m !== undefined && d !== undefined ? validIso(y, d, m) : null;
      spec.dob = swapped ?? rp.dob;
    } else if (variations.includes('dob-year')) {
      const [y, m, d] = rp.dob.split('-').map(Number);
      const shifted = y !== undefined && m !== undefined && d !== undefined ? validIso(y + this.pick([-1, 1]), m, d) : null;
      spec.dob = shifted ?? rp.dob;
    } else {
      spec.dob = rp.dob;
    }

    // Sex and ethnicity, with the gaps real records have.
    // A nickname passed on second hand says nothing reliable about sex.
    if (!primary && (nickOnly || this.chance(0.06))) spec.sex = 'unknown';
    const unknownP = primary ? (agency === 'police' ? 0.32 : agency === 'csc' ? 0.2 : 0.45) : 0.6;
    if (this.chance(unknownP)) spec.ethnicity = 'unknown';
    else if (this.chance(0.04)) spec.ethnicity = 'not-stated';

    // Roles.
    if (!primary && group === 'offender') spec.roles = [agency === 'csc' && this.chance(0.6) ? 'abuser' : 'associate'];
    else if (primary && (rp.role === 'organiser' || rp.role === 'facilitator') && this.chance(0.4)) spec.roles = [rp.role, 'abuser'];

    if (group === 'yp') {
      if (primary) spec.risk = rp.risk;
      else if (this.chance(0.7)) spec.risk = this.chance(0.5) ? rp.risk : 'unknown';
    }

    // Identifiers from the recording agency's systems.
    const ids: Identifier[] = [];
    const add = (scheme: string): void => {
      ids.push({ scheme, value: this.idFor(rp, scheme) });
    };
    if (!nickOnly) {
      switch (agency) {
        case 'police':
          add('Niche');
          if (rp.hasPnc) add('PNC');
          break;
        case 'csc':
          if (group === 'yp' || this.chance(0.5)) add('LCS');
          if (group === 'yp' && this.chance(0.4)) add('NHS');
          break;
        case 'health':
          if (group === 'yp' && this.chance(0.85)) add('NHS');
          break;
        case 'education':
          if (group === 'yp') add('UPN');
          break;
        case 'yjs':
          add('YJS');
          if (rp.hasPnc && this.chance(0.6)) add('PNC');
          break;
        case 'safesteps':
          if (group === 'yp' && this.chance(0.7)) add('SSK');
          break;
        case 'housing':
          add('Tenancy');
          break;
        case 'licensing':
          break;
      }
    }
    spec.identifiers = ids;
    return spec;
  }

  private typo(given: string, family: string): [string, string] {
    const f = TYPOS[family];
    if (f) return [given, f];
    const g = TYPOS[given];
    if (g) return [g, family];
    // Drop one of a doubled letter, or swap two letters in the middle.
    const doubled = family.match(/([a-z])\1/);
    if (doubled && doubled.index !== undefined)
      return [given, family.slice(0, doubled.index) + family.slice(doubled.index + 1)];
    if (family.length >= 4) {
      const i = this.int(1, family.length - 3);
      const swapped = family.slice(0, i) + (family[i + 1] ?? '') + (family[i] ?? '') + family.slice(i + 2);
      if (swapped !== family) return [given, swapped];
    }
    return [given, `${family}e`];
  }

  private createRecord(rp: RealPerson, agency: AgencyKey, primary: boolean, spec: RecordSpec, date: IsoDate, nicknameOnly: boolean): PersonRec {
    const legal = spec.names.find((n) => n.kind === 'legal');
    const nick = spec.names.find((n) => n.kind !== 'legal');
    const label = legal ? legal.full : `'${nick?.full ?? 'unknown'}'`;
    const aka = legal && nick ? ` aka '${nick.full}'` : '';
    const ageText = spec.dob ? ` (DOB ${ukDate(spec.dob)})` : spec.estAge !== undefined ? ` (est. age ${spec.estAge})` : '';
    const text = this.introText(rp, agency, label, aka, ageText, spec);
    const group = roleGroup(rp.role);
    const statement: 'fact' | 'assessment' = group === 'offender' && agency === 'police' ? 'assessment' : 'fact';
    // A few partner records carry no date of intelligence, only the date recorded.
    const doi = !primary && agency !== 'police' && this.chance(0.1) ? undefined : date;
    const item = this.item(agency, doi, text, statement);
    const src = item.id;
    const person: Person = {
      id: seededId(this.rng, 'p'),
      workspaceId: this.wsId,
      kind: 'person',
      createdAt: '',
      updatedAt: '',
      notes: [],
      names: spec.names.map((n) => ({ ...n, sources: [src] })),
      sex: fact(spec.sex, src),
      ethnicity: fact(spec.ethnicity, src),
      roles: spec.roles.map((r) => fact(r, src)),
      identifiers: spec.identifiers.map((i) => fact(i, src)),
    };
    if (spec.dob) person.dob = fact(spec.dob, src);
    if (spec.estAge !== undefined && !spec.noAge) person.estimatedAge = fact({ years: spec.estAge, asOf: item.dateOfIntelligence ?? item.dateRecorded }, src);
    if (spec.risk) person.riskLevel = fact(spec.risk, src);
    const rec: PersonRec = { rp, agency, primary, nicknameOnly, person, label };
    rp.records.push(rec);
    return rec;
  }

  private introText(rp: RealPerson, agency: AgencyKey, label: string, aka: string, ageText: string, spec: RecordSpec): string {
    const group = roleGroup(rp.role);
    const p = pronouns(rp.sex);
    const hub = rp.network !== null ? NETWORK_HUBS[rp.network] ?? 'the town centre' : 'the town centre';
    const roleText: Partial<Record<Role, string>> = {
      organiser: 'an organiser (arranges meetings, transport and venues for other males)',
      facilitator: 'a facilitator (provides lifts, rooms and alcohol)',
      abuser: 'an abuser (suspected of sexual offences against children)',
    };
    if (group === 'yp') {
      switch (agency) {
        case 'police':
          return this.pick([
            `${label}${ageText} reported missing from home overnight; found in the company of older males. CSE risk flag added on Niche.`,
            `Return home interview passed to police: ${label}${ageText} disclosed being given alcohol and lifts by adult males. Child at risk of CSE nominal created.`,
          ]);
        case 'csc':
          return `Referral received for ${label}${ageText}: repeated missing episodes, older 'boyfriend', unexplained gifts. Strategy discussion held; CSE risk assessed as ${spec.risk ?? 'unknown'}.`;
        case 'health':
          return `${label}${ageText} attended Kelbridge sexual health clinic; disclosed relationship with an older male. Safeguarding referral made.`;
        case 'education':
          return `${label}${ageText}: persistent absence (attendance ${this.int(48, 82)}%); seen being collected from school gates by adult males in cars.`;
        case 'yjs':
          return `${label}${ageText} open to the Youth Justice Service (referral order). Worker concerned about exploitation by older associates.`;
        case 'safesteps':
          return `${label}${ageText} referred to Safe Steps outreach; engages inconsistently; talks about parties at flats with older men.`;
        default:
          return `Household record: ${label}${ageText} lives in the household; family raised concerns about ${p.obj} staying out overnight.`;
      }
    }
    if (group === 'witness')
      return `Witness account from ${label}${ageText}: has seen girls of school age collected by cars near ${this.pick(HOTSPOT_DEFS).name} late at night.`;
    if (group === 'professional')
      return `${label}${ageText}, ${rp.job?.title ?? 'a local professional'}, passed concerns to police as a professional contact.`;
    switch (agency) {
      case 'police':
        return group === 'offender'
          ? this.pick([
              `Nominal created: ${label}${ageText}${aka}. Assessed to be ${roleText[rp.role] ?? 'a person of interest'} in a group associated with ${hub}.`,
              `${label}${ageText}${aka} identified from multiple reports as ${roleText[rp.role] ?? 'a person of interest'}; frequently present around ${hub}.`,
            ])
          : `${label}${ageText}${aka} recorded as an associate of persons of interest${rp.network !== null ? ` linked to ${hub}` : ''}; no offending disclosed.`;
      case 'csc':
        return `Adult known as ${label}${ageText} named by a young person during direct work as someone who gives lifts, cigarettes and alcohol.`;
      case 'health':
        return `Young person attending clinic named an adult contact, ${label}${ageText}, as someone they 'hang around with'.`;
      case 'education':
        return `Male known as ${label}${ageText} seen waiting in a car outside school at home time on several occasions.`;
      case 'yjs':
        return `Young person on YJS caseload names ${label}${ageText} as an older associate who supplies cannabis.`;
      case 'safesteps':
        return `Outreach workers told by young people that ${label}${ageText} hosts parties and gives girls alcohol.`;
      case 'housing':
        return `Tenancy record for ${label}${ageText}: neighbours complain about girls visiting late at night.`;
      default:
        return `${label}${ageText} recorded.`;
    }
  }

  // ================================================================ businesses, hot spots, addresses

  private geo(): { lat: number; lng: number } {
    return {
      lat: Math.round(float(this.rng, GEO_BOX.latMin, GEO_BOX.latMax) * 1e5) / 1e5,
      lng: Math.round(float(this.rng, GEO_BOX.lngMin, GEO_BOX.lngMax) * 1e5) / 1e5,
    };
  }

  private postcode(street: string): string {
    let outward = this.streetOutward.get(street);
    if (!outward) {
      outward = `KB${this.int(1, 9)}`;
      this.streetOutward.set(street, outward);
    }
    const letter = (): string => this.pick([...POSTCODE_LETTERS]);
    return `${outward} ${this.int(0, 9)}${letter()}${letter()}`;
  }

  /** A fresh "12 Mill Lane" style line and its street. */
  private streetLine(): [string, string] {
    for (;;) {
      const street = this.pick(STREETS);
      const line = `${this.int(1, 160)} ${street}`;
      if (!this.usedLines.has(line)) {
        this.usedLines.add(line);
        return [line, street];
      }
    }
  }

  /** Address entity whose facts are sourced later (from the first item that mentions it). */
  private newAddress(lines: string[], street: string, placeType: PlaceType, geoChance: number, name?: string): AddrRec {
    const postcode = this.postcode(street);
    const a: Address = {
      id: seededId(this.rng, 'a'),
      workspaceId: this.wsId,
      kind: 'address',
      createdAt: '',
      updatedAt: '',
      notes: [],
      lines: { value: [...lines, 'Kelbridge'], sources: [] },
      postcode: { value: postcode, sources: [] },
      placeType,
    };
    if (this.chance(geoChance)) a.location = { value: { ...this.geo(), precision: 'exact' }, sources: [] };
    const rec: AddrRec = { a, desc: `${lines.join(', ')}, Kelbridge ${postcode}`, ...(name ? { name } : {}) };
    this.addresses.push(rec);
    return rec;
  }

  private buildBusinessesAndPlaces(): void {
    for (const def of BUSINESS_DEFS) {
      const [line, street] = this.streetLine();
      const premises = this.newAddress([line], street, BUSINESS_PLACE[def.type], 0.8);
      const year = this.int(2015, 2025);
      const licences: string[] = [];
      if (def.licence === 'lnr') licences.push(`Late night refreshment licence KB/LNR/${year}/${pad(this.int(1, 999), 4)}`);
      if (def.licence === 'pho') licences.push(`Private hire operator licence KB/PHO/${pad(this.int(1, 120), 4)}`);
      if (def.licence === 'premises') licences.push(`Premises licence KB/PL/${year}/${pad(this.int(1, 999), 4)}`);
      const kind = { hotel: 'hotel', 'b-and-b': 'bed and breakfast', takeaway: 'hot food takeaway', 'taxi-firm': 'private hire operator', shop: 'shop', bar: 'public house / bar', other: 'business' }[def.type];
      const item = this.item(
        'licensing',
        this.randomDate(),
        `Licensing record: ${def.name}, ${kind}, trading from ${premises.desc}. ${licences.length ? `Holds ${licences.join('; ')}.` : 'No licence held or required.'}`,
      );
      const b: Business = {
        id: seededId(this.rng, 'b'),
        workspaceId: this.wsId,
        kind: 'business',
        createdAt: '',
        updatedAt: '',
        notes: [],
        name: fact(def.name, item.id),
        businessType: def.type,
        licences: licences.map((l) => fact(l, item.id)),
      };
      this.businesses.push({ b, def, premises });
    }

    for (const def of HOTSPOT_DEFS) {
      const agency: AgencyKey = this.chance(0.7) ? 'police' : 'safesteps';
      const text =
        agency === 'police'
          ? `Neighbourhood team: ${def.name} identified as a location where young people gather and are approached by adult males, mainly ${this.weekday()} and ${this.weekday()} evenings.`
          : `Outreach mapping: ${def.name} is a regular spot for young people known to Safe Steps; adult males in cars seen nearby.`;
      const item = this.item(agency, this.randomDate(), text, agency === 'police' ? 'assessment' : 'fact');
      const h: Hotspot = {
        id: seededId(this.rng, 'h'),
        workspaceId: this.wsId,
        kind: 'hotspot',
        createdAt: '',
        updatedAt: '',
        notes: [],
        name: fact(def.name, item.id),
        hotspotType: def.type,
        description: def.description,
        location: fact({ ...this.geo(), precision: 'exact' as const }, item.id),
      };
      this.hotspots.push({ h, name: def.name });
    }

    for (const school of SCHOOLS) {
      const [line, street] = this.streetLine();
      this.newAddress([school, line], street, 'school', 1, school);
    }
    for (const home of CARE_HOMES) {
      const [line, street] = this.streetLine();
      this.newAddress([home, line], street, 'care-home', 0.5, home);
    }
    for (let i = 0; i < 30; i++) {
      const [line, street] = this.streetLine();
      this.newAddress([line], street, 'home', 0.4);
    }
    for (let i = 0; i < 10; i++) {
      if (this.chance(0.5)) {
        const [line, street] = this.streetLine();
        this.newAddress([`Flat ${this.int(1, 24)}`, line], street, 'flat', 0.4);
      } else {
        const building = this.pick(BUILDINGS);
        const street = this.pick(STREETS);
        const flat = `Flat ${this.int(1, 40)}, ${building}`;
        if (this.usedLines.has(flat)) {
          i--;
          continue;
        }
        this.usedLines.add(flat);
        this.newAddress([`Flat ${flat.split(',')[0]?.slice(5) ?? '1'}`, building, street], street, 'flat', 0.4);
      }
    }
    for (let i = 0; i < 6; i++) {
      const [line, street] = this.streetLine();
      this.newAddress([line], street, 'hmo', 0.4);
    }
  }

  // ================================================================ phones

  private buildPhones(): void {
    const numbers = shuffle(
      this.rng,
      Array.from({ length: 1000 }, (_, i) => i),
    );
    let next = 0;
    const newNumber = (owner: RealPerson): PhoneRec => {
      const n = numbers[next++] ?? 0;
      return this.phoneEntity(owner, `+447700900${pad(n, 3)}`);
    };
    const byRole = (role: Role): RealPerson[] => this.people.filter((rp) => rp.role === role);
    for (const rp of byRole('organiser')) rp.phones.push(newNumber(rp), newNumber(rp));
    for (const rp of [...byRole('facilitator'), ...byRole('abuser'), ...byRole('young-person-at-risk')]) rp.phones.push(newNumber(rp));
    const associates = shuffle(this.rng, byRole('associate'));
    const distinct = 102;
    while (next < distinct) {
      const rp = associates.shift();
      if (!rp) break;
      rp.phones.push(newNumber(rp));
    }
    // Online handles.
    const handleOwners = [
      ...sample(this.rng, byRole('young-person-at-risk'), 7),
      ...sample(this.rng, byRole('abuser'), 5),
      ...sample(this.rng, byRole('organiser'), 2),
    ];
    handleOwners.forEach((rp, i) => {
      const platform = i >= 12 ? 'WhatsApp' : this.pick(['Snapchat', 'Snapchat', 'Instagram']);
      rp.phones.push(this.handleEntity(rp, platform));
    });
    // Duplicate phone entities: the same number recorded separately by another agency.
    const darren = this.people.find((rp) => rp.key === DEMO_DARREN_KEY);
    const dazzaHealth = darren?.records.find((r) => r.agency === 'health');
    const darrenPhone = darren?.phones.find((p) => p.ph.phoneType === 'number');
    const dupSources: [PersonRec, PhoneRec][] = [];
    if (dazzaHealth && darrenPhone) dupSources.push([dazzaHealth, darrenPhone]);
    const otherDups = shuffle(
      this.rng,
      this.people.filter((rp) => rp.key !== DEMO_DARREN_KEY && rp.records.length > 1 && rp.phones.some((p) => p.ph.phoneType === 'number')),
    );
    for (const rp of otherDups) {
      if (dupSources.length >= 4) break;
      const rec = rp.records[1];
      const phone = rp.phones.find((p) => p.ph.phoneType === 'number');
      if (rec && phone) dupSources.push([rec, phone]);
    }
    for (const [rec, original] of dupSources) {
      const dup = this.phoneEntity(rec.rp, original.ph.number?.value ?? '+447700900000');
      dup.dupRecord = rec;
    }
    if (this.phones.length !== DEMO_COUNTS.phone) throw new Error(`demo: made ${this.phones.length} phones`);
  }

  private phoneEntity(owner: RealPerson, e164: string): PhoneRec {
    const ph: Phone = {
      id: seededId(this.rng, 'ph'),
      workspaceId: this.wsId,
      kind: 'phone',
      createdAt: '',
      updatedAt: '',
      notes: [],
      phoneType: 'number',
      number: { value: e164, sources: [] },
    };
    const rec: PhoneRec = { ph, desc: `07700 ${e164.slice(-6)}`, owner };
    this.phones.push(rec);
    return rec;
  }

  private handleEntity(owner: RealPerson, platform: string): PhoneRec {
    let handle = '';
    for (let attempt = 0; attempt < 50 && (!handle || this.usedHandles.has(handle)); attempt++) {
      const base = (owner.nickname ?? owner.given).toLowerCase().replace(/[^a-z]/g, '');
      const suffix = this.pick(['kb', 'x', 'xo', owner.dob.slice(2, 4), String(this.int(1, 99)), 'official', '']);
      const sep = this.pick(['_', '.', '']);
      handle = platform === 'WhatsApp' ? `${owner.nickname ?? owner.given} ${this.pick(['KB', 'Kelbridge', 'Biz', String(this.int(1, 9))])}` : `${base}${sep}${suffix}`;
    }
    this.usedHandles.add(handle);
    const ph: Phone = {
      id: seededId(this.rng, 'ph'),
      workspaceId: this.wsId,
      kind: 'phone',
      createdAt: '',
      updatedAt: '',
      notes: [],
      phoneType: 'handle',
      platform,
      handle: { value: handle, sources: [] },
    };
    const rec: PhoneRec = { ph, desc: `${platform} account '${handle}'`, owner };
    this.phones.push(rec);
    return rec;
  }

  // ================================================================ vehicles

  private plate(): string {
    for (;;) {
      const year = this.int(2008, 2025);
      const age = this.chance(0.5) ? year % 100 : (year % 100) + 50;
      const letters = Array.from({ length: 3 }, () => this.pick([...PLATE_LETTERS])).join('');
      const reg = `${this.pick(PLATE_AREAS)}${pad(age, 2)}${letters}`;
      if (!this.usedPlates.has(reg)) {
        this.usedPlates.add(reg);
        return reg;
      }
    }
  }

  private buildVehicles(): void {
    const taxiDrivers = this.people.filter((rp) => rp.network === 1 && rp.role === 'facilitator');
    const owners: RealPerson[] = [
      ...this.people.filter((rp) => rp.role === 'organiser'),
      ...this.people.filter((rp) => rp.role === 'facilitator'),
    ];
    const others = this.people.filter((rp) => ['abuser', 'associate', 'witness', 'professional'].includes(rp.role));
    while (owners.length < 52) {
      const rp = this.weighted(others.map((o) => [o, o.role === 'abuser' ? 4 : o.role === 'associate' ? 2 : 0.5] as const));
      if (rp.vehicles.length === 0 && !owners.includes(rp)) owners.push(rp);
      else if (owners.filter((o) => o === rp).length < 2 && this.chance(0.2)) owners.push(rp);
    }
    for (const rp of owners) {
      const taxi = taxiDrivers.includes(rp) && rp.vehicles.length === 0;
      let make: string;
      let model: string;
      if (taxi) [make, model] = this.pick(TAXI_MODELS);
      else {
        const [m, models] = this.weighted(MAKES.map(([mk, mods, w]) => [[mk, mods] as const, w] as const));
        make = m;
        model = this.pick(models);
      }
      const colour = taxi ? this.pick(['silver', 'black', 'white']) : this.weighted(COLOURS);
      rp.vehicles.push(this.vehicleEntity(this.plate(), false, make, model, colour, taxi));
    }
    // Partial plates from sightings: "KX19???", "*4XY", "????ABC".
    for (let i = 0; i < 8; i++) {
      const full = this.plate();
      const reg = [
        `${full.slice(0, 4)}???`,
        `*${full.slice(3)}`,
        `????${full.slice(4)}`,
        `${full.slice(0, 2)}??${full.slice(4, 6)}?`,
      ][i % 4] ?? full;
      const [m, models] = this.weighted(MAKES.map(([mk, mods, w]) => [[mk, mods] as const, w] as const));
      const knowsMake = this.chance(0.7);
      this.vehicleEntity(reg, true, knowsMake ? m : undefined, knowsMake && this.chance(0.6) ? this.pick(models) : undefined, this.weighted(COLOURS), false);
    }
    if (this.vehicles.length !== DEMO_COUNTS.vehicle) throw new Error(`demo: made ${this.vehicles.length} vehicles`);
  }

  private vehicleEntity(reg: string, partial: boolean, make: string | undefined, model: string | undefined, colour: string, taxi: boolean): VehRec {
    const v: Vehicle = {
      id: seededId(this.rng, 'v'),
      workspaceId: this.wsId,
      kind: 'vehicle',
      createdAt: '',
      updatedAt: '',
      notes: [],
      registration: { value: reg, sources: [] },
      partial,
      colour: { value: colour, sources: [] },
    };
    if (make) v.make = { value: make, sources: [] };
    if (model) v.model = { value: model, sources: [] };
    const what = [colour, make, model].filter(Boolean).join(' ') || `${colour} car`;
    const desc = partial ? `${what}, partial index ${reg}` : `${what} (${spacedPlate(reg)})`;
    const rec: VehRec = { v, desc, taxi };
    this.vehicles.push(rec);
    return rec;
  }

  // ================================================================ links

  private placeName(network: number | null): string {
    if (network !== null && this.chance(0.6)) {
      const own = this.businesses.filter((b) => b.def.network === network);
      if (own.length) return this.pick(own).def.name;
    }
    return this.chance(0.5) ? this.pick(this.hotspots).name : this.pick(this.businesses).def.name;
  }

  private members(network: number, roles?: Role[]): RealPerson[] {
    return this.people.filter((rp) => rp.network === network && (!roles || roles.includes(rp.role)));
  }

  private mandatoryLinks(): void {
    // Businesses trade from their premises.
    for (const b of this.businesses) {
      this.addLink({
        type: 'located-at',
        from: b.b.id,
        to: b.premises.a.id,
        agency: 'licensing',
        text: (_ag, d) => `Licensing inspection ${ukDate(d)}: ${b.def.name} trading from ${b.premises.desc}.`,
      });
    }

    // Every phone has a user.
    for (const phone of this.phones) {
      const owner: RealPerson | PersonRec = phone.dupRecord ?? phone.owner;
      const agency: AgencyKey | undefined = phone.dupRecord
        ? phone.dupRecord.agency
        : this.chance(0.7) || this.phones.some((p) => p.dupRecord && p.owner === phone.owner)
          ? phone.owner.records[0]?.agency
          : undefined;
      this.linkThing('uses-phone', owner, phone.ph.id, (r, ag) => this.usesPhoneText(r, phone, ag), agency ? { agency } : {});
    }

    // Every vehicle has a keeper or a driver.
    for (const rp of this.people)
      for (const v of rp.vehicles)
        this.linkThing(
          'owns-vehicle',
          rp,
          v.v.id,
          (r, _ag, d) =>
            v.taxi
              ? `Licensing/DVLA check ${ukDate(d)}: ${r.label} is registered keeper of ${v.desc}, a licensed private hire vehicle.`
              : `DVLA check ${ukDate(d)}: registered keeper of ${v.desc} is ${r.label}.`,
          { agency: 'police', endChance: 0.08 },
        );
    const drivers = this.people.filter((rp) => roleGroup(rp.role) === 'offender');
    for (const v of this.vehicles.filter((x) => x.v.partial)) {
      const rp = this.pick(drivers);
      rp.vehicles.push(v);
      this.linkThing(
        'drives-vehicle',
        rp,
        v.v.id,
        (r) => `${capitalise(v.desc)} seen collecting young people near ${this.placeName(rp.network)} at ${this.time()}; driver believed to be ${r.label}.`,
        { agency: 'police' },
      );
    }

    // Homes.
    const homes = shuffle(this.rng, this.addresses.filter((a) => a.a.placeType === 'home'));
    const careHomes = this.addresses.filter((a) => a.a.placeType === 'care-home');
    const adultPlaces = shuffle(this.rng, this.addresses.filter((a) => a.a.placeType === 'flat' || a.a.placeType === 'hmo'));
    const yps = shuffle(this.rng, this.people.filter((rp) => rp.role === 'young-person-at-risk'));
    yps.forEach((rp, i) => {
      const place = i < 6 ? careHomes[i % careHomes.length] : homes.shift();
      if (place) this.livesAt(rp, place, i < 6 ? 'csc' : undefined);
    });
    adultPlaces.push(...homes);
    const adults = shuffle(this.rng, this.people.filter((rp) => ['offender', 'associate', 'witness'].includes(roleGroup(rp.role))));
    const housed = adults.slice(0, 42);
    housed.forEach((rp, i) => {
      const place = adultPlaces[i] ?? this.pick(adultPlaces);
      this.livesAt(rp, place);
    });

    // Schools: every school has pupils on roll (education records).
    const schools = this.addresses.filter((a) => a.a.placeType === 'school');
    const pupils = sample(this.rng, yps, 15);
    pupils.forEach((rp, i) => {
      const school = i < schools.length ? schools[i] : this.pick(schools);
      if (!school) return;
      const sixteen = ageOn(rp.dob, this.now) >= 16;
      // The first pupils cover every school; later ones aged 16+ are mostly at the college.
      const college = schools.find((s) => s.name === 'Kelbridge College');
      const target = i >= schools.length && sixteen && college && this.chance(0.6) ? college : school;
      this.linkThing(
        'frequents',
        rp,
        target.a.id,
        (r, _ag, d) => `${r.label} on roll at ${target.name ?? 'school'}; attendance ${this.int(45, 88)}% for the term to ${ukDate(d)}.`,
        { agency: 'education' },
      );
    });

    // Network cores: organisers and facilitators work at their hub; organisers know each other.
    for (let n = 0; n < 3; n++) {
      const hub = this.businesses.find((b) => b.def.network === n && b.def.hub);
      if (!hub) continue;
      for (const rp of this.members(n, ['organiser', 'facilitator'])) this.worksAt(rp, hub);
      const orgs = this.members(n, ['organiser']);
      for (let i = 0; i < orgs.length; i++)
        for (let j = i + 1; j < orgs.length; j++) {
          const a = orgs[i];
          const b = orgs[j];
          if (a && b) this.associate(a, b);
        }
    }

    // Professionals at their workplaces.
    for (const rp of this.people.filter((p) => p.role === 'professional')) {
      const job = rp.job;
      const biz = job?.business ? this.businesses.find((b) => b.def.name === job.business) : undefined;
      if (biz) {
        this.worksAt(rp, biz);
        continue;
      }
      const place = job?.place ? this.pick(this.addresses.filter((a) => a.a.placeType === job.place)) : undefined;
      if (place) {
        this.linkThing('works-at', rp, place.a.id, (r) => `${r.label} works at ${place.name ?? place.desc} as ${job?.title ?? 'staff'}.`, { agency: 'police' });
        continue;
      }
      const hs = job?.hotspot ? this.hotspots.find((h) => h.name === job.hotspot) : undefined;
      const spot = hs ?? this.pick(this.hotspots);
      this.linkThing('works-at', rp, spot.h.id, (r) => `${r.label} (${job?.title ?? 'professional'}) works at ${spot.name} most evenings.`, { agency: 'police' });
    }

    // Every hot spot is frequented by someone.
    for (const hs of this.hotspots) {
      const rp = this.pick(this.people.filter((p) => p.role === 'young-person-at-risk' || roleGroup(p.role) === 'offender'));
      this.frequentsHotspot(rp, hs);
    }

    // Every duplicate record has links of its own (its agency's view of the person).
    for (const rp of this.people)
      for (const rec of rp.records.slice(1)) this.dupLinks(rec);

    // Everyone has at least one link.
    for (const rp of this.people)
      for (const rec of rp.records) {
        if (this.linksByEntity.get(rec.person.id)?.length) continue;
        this.fallbackLink(rec);
      }
  }

  private livesAt(rp: RealPerson, place: AddrRec, agency?: AgencyKey): Link | null {
    const care = place.a.placeType === 'care-home';
    return this.linkThing(
      'lives-at',
      rp,
      place.a.id,
      (r, ag) => {
        if (care) return `${r.label} placed at ${place.desc} (children's residential home).`;
        if (ag === 'housing') return `Tenancy record: ${r.label} listed as an occupant of ${place.desc}.`;
        if (ag === 'csc') return `Home visit: ${r.label} living at ${place.desc}.`;
        return `${r.label} resides at ${place.desc} (confirmed on address check).`;
      },
      { ...(agency ? { agency } : {}), endChance: 0.12 },
    );
  }

  private worksAt(rp: RealPerson, biz: BizRec): Link | null {
    const agency: AgencyKey = biz.def.type === 'taxi-firm' && this.chance(0.6) ? 'licensing' : 'police';
    const badge = `PH${pad(this.int(1, 9999), 4)}`;
    const post = this.pick(['night porter', 'manager', 'receptionist', 'part-owner']);
    return this.linkThing(
      'works-at',
      rp,
      biz.b.id,
      (r, ag) => {
        switch (biz.def.type) {
          case 'taxi-firm':
            return ag === 'licensing'
              ? `${r.label} holds private hire driver badge ${badge} and drives for ${biz.def.name}.`
              : `${r.label} seen operating as a driver for ${biz.def.name}.`;
          case 'takeaway':
            return `${r.label} works at ${biz.def.name} (seen behind the counter; named on staff list).`;
          case 'hotel':
          case 'b-and-b':
            return `${r.label} works at ${biz.def.name} as ${post}.`;
          default:
            return `${r.label} works at ${biz.def.name}.`;
        }
      },
      { agency, endChance: 0.1 },
    );
  }

  private associate(a: RealPerson, b: RealPerson): Link | null {
    const hub = a.network !== null ? NETWORK_HUBS[a.network] : undefined;
    return this.linkPeople(
      'associate',
      a,
      b,
      (ra, rb) =>
        hub
          ? `${ra.label} and ${rb.label} assessed as close associates: seen together repeatedly at ${hub} and sharing vehicles.`
          : `${ra.label} and ${rb.label} assessed as associates (seen together on several occasions).`,
      { agency: 'police', statement: 'assessment', endChance: 0.05 },
    );
  }

  private frequentsHotspot(rp: RealPerson | PersonRec, hs: HsRec, agency?: AgencyKey): Link | null {
    const person = 'rp' in rp ? rp.rp : rp;
    const group = roleGroup(person.role);
    return this.linkThing(
      'frequents',
      rp,
      hs.h.id,
      (r, ag) => {
        const p = pronouns(r.person.sex.value);
        if (group === 'yp') {
          switch (ag) {
            case 'csc':
              return `${r.label} tells worker ${p.subj} 'hangs about' at ${hs.name} most evenings.`;
            case 'safesteps':
              return `Outreach: ${r.label} regularly at ${hs.name} on ${this.weekday()} evenings.`;
            case 'yjs':
              return `${r.label} says ${p.subj} spends time at ${hs.name} with older friends.`;
            case 'education':
              return `${r.label} seen at ${hs.name} during school hours.`;
            case 'health':
              return `${r.label} told the nurse ${p.subj} spends most evenings at ${hs.name}.`;
            default:
              return `${r.label} seen at ${hs.name} at ${this.time()} with a group of older males.`;
          }
        }
        if (group === 'witness') return `${r.label} regularly walks through ${hs.name} and has seen cars collecting girls there.`;
        if (group === 'professional') return `${r.label} carries out outreach at ${hs.name}.`;
        return ag === 'safesteps'
          ? `Outreach workers see ${r.label} at ${hs.name} talking to young people.`
          : `${r.label} seen in a parked car at ${hs.name} at ${this.time()} talking to young people.`;
      },
      agency ? { agency } : {},
    );
  }

  private frequentsBusiness(rp: RealPerson | PersonRec, biz: BizRec, agency?: AgencyKey): Link | null {
    const person = 'rp' in rp ? rp.rp : rp;
    const yp = person.role === 'young-person-at-risk';
    return this.linkThing(
      'frequents',
      rp,
      biz.b.id,
      (r, ag) => {
        const p = pronouns(r.person.sex.value);
        if (biz.def.type === 'hotel' || biz.def.type === 'b-and-b')
          return yp
            ? `${r.label} seen entering ${biz.def.name} with an adult male at ${this.time()}.`
            : `${r.label} books rooms at ${biz.def.name} in cash, often late at night.`;
        if (yp)
          return ag === 'csc' || ag === 'safesteps'
            ? `${r.label} says ${p.subj} gets free food and cigarettes at ${biz.def.name}.`
            : `${r.label} seen going into ${biz.def.name} at ${this.time()}; staff give young people free food.`;
        return `${r.label} regularly seen at ${biz.def.name} late evenings.`;
      },
      agency ? { agency } : {},
    );
  }

  private transported(yp: RealPerson, driver: RealPerson, agency?: AgencyKey): Link | null {
    const veh = driver.vehicles.length ? this.pick(driver.vehicles) : undefined;
    const vehText = veh ? veh.desc : this.pick(['a dark hatchback', 'a silver saloon', 'a black car']);
    const place = this.placeName(driver.network);
    const link = this.linkPeople(
      'transported-by',
      yp,
      driver,
      (ry, rd, ag) => {
        const p = pronouns(ry.person.sex.value);
        switch (ag) {
          case 'csc':
            return `${ry.label} told carer ${p.subj} was dropped home at ${this.time()} by ${rd.label} in ${vehText}.`;
          case 'education':
            return `${ry.label} collected from school gates during the school day by ${rd.label} in ${vehText}.`;
          case 'safesteps':
            return `Outreach team saw ${ry.label} being driven away from ${place} by ${rd.label} in ${vehText}.`;
          case 'yjs':
            return `${ry.label} arrived at a YJS appointment in ${vehText} driven by ${rd.label}.`;
          case 'health':
            return `${ry.label} brought to clinic by ${rd.label}, who waited outside in ${vehText}.`;
          default:
            return `${ry.label} seen getting into ${vehText} driven by ${rd.label} outside ${place} at ${this.time()}.`;
        }
      },
      agency ? { agency } : {},
    );
    // The sighting also evidences who drives the vehicle.
    if (link && veh) {
      const vlink = (this.linksByEntity.get(veh.v.id) ?? []).find((l) => l.to === veh.v.id && l.from === link.to);
      const first = link.sources[0];
      if (vlink && first && vlink.sources.length < 3 && !vlink.sources.includes(first)) vlink.sources.push(first);
    }
    return link;
  }

  private relationship(yp: RealPerson, adult: RealPerson, agency?: AgencyKey): Link | null {
    const gap = Math.max(3, ageOn(adult.dob, this.now) - ageOn(yp.dob, this.now));
    return this.linkPeople(
      'relationship',
      yp,
      adult,
      (ry, ra, ag) => {
        const p = pronouns(ry.person.sex.value);
        switch (ag) {
          case 'csc':
            return `${ry.label} disclosed in direct work that ${ra.label} is ${p.poss} 'boyfriend' and buys ${p.obj} things.`;
          case 'health':
            return `${ry.label} attended clinic for emergency contraception; named ${p.poss} partner as ${ra.label}, an adult.`;
          case 'safesteps':
            return `${ry.label} told outreach worker ${p.subj} is 'seeing' ${ra.label}.`;
          case 'education':
            return `Friends report ${ry.label} is in a relationship with an older male, ${ra.label}.`;
          default:
            return `${ry.label} refers to ${ra.label} as ${p.poss} 'boyfriend'; ${ra.label} is about ${gap} years older.`;
        }
      },
      { ...(agency ? { agency } : {}), statement: this.chance(0.4) ? 'assessment' : 'fact', endChance: 0.25 },
    );
  }

  private seenWith(a: RealPerson, b: RealPerson, agency?: AgencyKey): Link | null {
    const place = this.placeName(a.network ?? b.network);
    return this.linkPeople(
      'seen-with',
      a,
      b,
      (ra, rb, ag) => {
        switch (ag) {
          case 'csc':
            return `Carers report ${ra.label} spending time with ${rb.label}.`;
          case 'safesteps':
            return `Outreach: ${ra.label} seen with ${rb.label} near ${place} late evening.`;
          case 'education':
            return `${ra.label} seen with ${rb.label} outside school at home time.`;
          case 'yjs':
            return `${ra.label} attended appointment with ${rb.label}, who waited outside.`;
          default:
            return this.chance(0.5)
              ? `Stop check at ${place}, ${this.time()}: ${ra.label} with ${rb.label}.`
              : `${ra.label} seen with ${rb.label} at ${place} at ${this.time()}.`;
        }
      },
      agency ? { agency } : {},
    );
  }

  private usesPhoneText(r: PersonRec, phone: PhoneRec, agency: AgencyKey): string {
    if (phone.ph.phoneType === 'handle')
      return agency === 'police'
        ? `${r.label} identified as the user of ${phone.desc} (profile images and open-source check).`
        : `${r.label} uses ${phone.desc}.`;
    if (r.nicknameOnly) return `Young person gave the number of the adult known as ${r.label} as ${phone.desc} and showed messages from it.`;
    switch (agency) {
      case 'police':
        return this.pick([`${r.label} using ${phone.desc} (subscriber check).`, `${phone.desc} attributed to ${r.label} (handset seized on arrest).`]);
      case 'csc':
        return `${r.label} gave ${phone.desc} as mobile number.`;
      case 'health':
        return `${r.label} gave ${phone.desc} as contact number at clinic registration.`;
      case 'housing':
        return `${r.label} listed ${phone.desc} on tenancy file.`;
      default:
        return `${r.label} contactable on ${phone.desc}.`;
    }
  }

  private called(pa: PhoneRec, pb: PhoneRec): Link | null {
    if (pa === pb || pa.ph.phoneType !== 'number' || pb.ph.phoneType !== 'number') return null;
    return this.addLink({
      type: 'called',
      from: pa.ph.id,
      to: pb.ph.id,
      agency: 'police',
      text: (_ag, d) => {
        const end = fromDay(Math.min(this.nowDay, toDay(d) + this.int(7, 90)));
        return `Call data: ${pa.desc} (${this.rec(pa.owner, 'police').label}) and ${pb.desc} (${this.rec(pb.owner, 'police').label}) in contact ${this.int(3, 180)} times between ${ukDate(d)} and ${ukDate(end)}.`;
      },
    });
  }

  private onlineContact(ypPhone: PhoneRec, adultPhone: PhoneRec, agency?: AgencyKey, adultRec?: PersonRec): Link | null {
    if (ypPhone === adultPhone) return null;
    const ag = agency ?? this.agencyFor('online-contact');
    return this.addLink({
      type: 'online-contact',
      from: ypPhone.ph.id,
      to: adultPhone.ph.id,
      agency: ag,
      text: (a) => {
        const yp = this.rec(ypPhone.owner, a).label;
        const adult = (adultRec ?? this.rec(adultPhone.owner, a)).label;
        return a === 'police'
          ? `Download of ${yp}'s phone: ${ypPhone.desc} in contact with ${adultPhone.desc} (${adult}); messages arrange to meet at ${this.placeName(adultPhone.owner.network)}.`
          : `${yp} showed worker messages on ${ypPhone.desc} from ${adultPhone.desc} (${adult}) asking to meet and offering a lift.`;
      },
    });
  }

  /** Links for a duplicate record, recorded by its own agency. */
  private dupLinks(rec: PersonRec): void {
    const rp = rec.rp;
    const group = roleGroup(rp.role);
    const agency = rec.agency;
    if (rp.key === DEMO_DARREN_KEY) {
      const yp = this.pick(this.ypsExposedTo(0));
      if (agency === 'csc') {
        this.relationship(yp, rp, 'csc');
        this.transported(this.pick(this.ypsExposedTo(0)), rp, 'csc');
      } else if (agency === 'health') {
        const dupPhone = this.phones.find((p) => p.dupRecord === rec);
        const ypPhone = yp.phones.find((p) => p.ph.phoneType === 'number');
        if (dupPhone && ypPhone) this.onlineContact(ypPhone, dupPhone, 'health', rec);
        this.relationship(yp, rp, 'health');
      }
      return;
    }
    const count = this.int(1, 2);
    for (let i = 0; i < count; i++) {
      if (group === 'yp') {
        const net = rp.exposures.length ? this.pick(rp.exposures) : null;
        const choice = this.int(0, 2);
        if (choice === 0 || net === null) this.frequentsHotspot(rec, this.pick(this.hotspots));
        else if (choice === 1) this.seenWith(rp, this.pick(this.members(net, ['abuser', 'facilitator', 'organiser'])), agency);
        else this.transported(rp, this.pick(this.drivers(net)), agency);
      } else if (group === 'offender' && rp.network !== null) {
        const yps = this.ypsExposedTo(rp.network);
        const yp = this.pick(yps.length ? yps : this.people.filter((p) => p.role === 'young-person-at-risk'));
        const choice = this.int(0, 2);
        if (choice === 0) this.relationship(yp, rp, agency);
        else if (choice === 1 && rp.vehicles.length) this.transported(yp, rp, agency);
        else this.seenWith(yp, rp, agency);
      } else {
        const yp = this.pick(this.people.filter((p) => p.role === 'young-person-at-risk'));
        if (agency === 'housing') this.seenWith(rp, yp, agency);
        else this.seenWith(yp, rp, agency);
      }
    }
  }

  private fallbackLink(rec: PersonRec): void {
    const rp = rec.rp;
    const group = roleGroup(rp.role);
    for (let attempt = 0; attempt < 10 && !this.linksByEntity.get(rec.person.id)?.length; attempt++) {
      if (group === 'offender' && rp.network !== null) {
        const other = this.pick(this.members(rp.network).filter((m) => m !== rp));
        if (rec.primary) this.associate(rp, other);
        else this.seenWith(other, rp, rec.agency);
      } else if (rec.primary && (group === 'associate' || group === 'witness' || group === 'professional') && rec.agency === 'police') {
        this.frequentsHotspot(rec, this.pick(this.hotspots));
      } else {
        this.frequentsHotspot(rec, this.pick(this.hotspots));
      }
    }
  }

  private ypsExposedTo(network: number): RealPerson[] {
    const yps = this.people.filter((rp) => rp.role === 'young-person-at-risk' && rp.exposures.includes(network));
    return yps.length ? yps : this.people.filter((rp) => rp.role === 'young-person-at-risk');
  }

  private drivers(network: number): RealPerson[] {
    const withCars = this.members(network, ['facilitator', 'organiser', 'abuser']).filter((rp) => rp.vehicles.length > 0);
    return withCars.length ? withCars : this.members(network, ['facilitator']);
  }

  private structuralLinks(): void {
    const yps = this.people.filter((rp) => rp.role === 'young-person-at-risk');
    const exposed = yps.filter((rp) => rp.exposures.length > 0);
    const offenderOf = (n: number): RealPerson[] => this.members(n, ['organiser', 'facilitator', 'abuser']);
    const numberPhones = (rps: RealPerson[]): PhoneRec[] => rps.flatMap((rp) => rp.phones.filter((p) => p.ph.phoneType === 'number'));
    const net = (): number => this.int(0, 2);

    const generators: [() => unknown, number][] = [
      [
        () => {
          const n = net();
          const pool = this.members(n, ['organiser', 'facilitator', 'abuser', 'associate']);
          const a = this.weighted(pool.map((rp) => [rp, rp.role === 'organiser' ? 4 : rp.role === 'facilitator' ? 3 : 1] as const));
          const b = this.weighted(pool.map((rp) => [rp, rp.role === 'organiser' ? 3 : rp.role === 'facilitator' ? 2 : 1] as const));
          return this.associate(a, b);
        },
        14,
      ],
      [
        () => {
          const a = this.pick(offenderOf(0).concat(offenderOf(1), offenderOf(2)));
          const b = this.pick(offenderOf(net()));
          return a.network !== b.network ? this.associate(a, b) : null;
        },
        1,
      ],
      [
        () => {
          const n = net();
          const phones = numberPhones(offenderOf(n).concat(this.members(n, ['associate'])));
          const a = this.pick(phones);
          const organiserPhones = numberPhones(this.members(n, ['organiser', 'facilitator']));
          const b = this.chance(0.6) ? this.pick(organiserPhones) : this.pick(phones);
          return this.called(a, b);
        },
        9,
      ],
      [
        () => {
          const yp = this.pick(exposed);
          const ypPhone = this.pick(numberPhones([yp]));
          const adult = this.pick(numberPhones(offenderOf(this.pick(yp.exposures))));
          return this.called(ypPhone, adult);
        },
        3,
      ],
      [
        () => {
          const yp = this.pick(exposed);
          return this.transported(yp, this.pick(this.drivers(this.pick(yp.exposures))));
        },
        10,
      ],
      [
        () => {
          const yp = this.pick(exposed);
          return this.relationship(yp, this.pick(this.members(this.pick(yp.exposures), ['abuser', 'organiser'])));
        },
        5,
      ],
      [
        () => {
          const yp = this.pick(exposed);
          const n = this.pick(yp.exposures);
          const ypPhone = this.pick(yp.phones);
          const adultPhones = offenderOf(n).flatMap((rp) => rp.phones);
          const handles = adultPhones.filter((p) => p.ph.phoneType === 'handle');
          const adultPhone = ypPhone.ph.phoneType === 'handle' && handles.length ? this.pick(handles) : this.pick(adultPhones);
          return this.onlineContact(ypPhone, adultPhone);
        },
        6,
      ],
      [
        () => {
          const r = this.int(0, 2);
          if (r === 0) {
            const yp = this.pick(exposed);
            return this.seenWith(yp, this.pick(offenderOf(this.pick(yp.exposures))));
          }
          if (r === 1) {
            const n = net();
            return this.seenWith(this.pick(offenderOf(n)), this.pick(this.members(n)));
          }
          return this.seenWith(this.pick(yps), this.pick(yps.concat(this.people.filter((p) => p.role === 'associate' && p.network === null))));
        },
        9,
      ],
      [
        () => {
          const rp = this.chance(0.6) ? this.pick(yps) : this.pick(offenderOf(net()));
          return this.frequentsHotspot(rp, this.pick(this.hotspots));
        },
        8,
      ],
      [
        () => {
          if (this.chance(0.5)) {
            const yp = this.pick(exposed);
            const n = this.pick(yp.exposures);
            const own = this.businesses.filter((b) => b.def.network === n);
            return this.frequentsBusiness(yp, this.pick(own));
          }
          const n = net();
          const rp = this.pick(this.members(n, ['abuser', 'associate', 'facilitator']));
          const own = this.businesses.filter((b) => b.def.network === n);
          return this.frequentsBusiness(rp, this.chance(0.8) ? this.pick(own) : this.pick(this.businesses));
        },
        6,
      ],
      [
        () => {
          const n = net();
          const rp = this.pick(offenderOf(n));
          const cars = this.members(n).flatMap((m) => m.vehicles).filter((v) => !rp.vehicles.includes(v));
          if (!cars.length) return null;
          const v = this.pick(cars);
          const link = this.linkThing(
            'drives-vehicle',
            rp,
            v.v.id,
            (r) => `${capitalise(v.desc)} stopped on ${this.pick(STREETS)} at ${this.time()}; driver ${r.label}${this.chance(0.5) ? ', with two teenage girls as passengers' : ''}.`,
            { agency: 'police' },
          );
          if (link) rp.vehicles.push(v);
          return link;
        },
        3,
      ],
      [
        () => {
          const n = net();
          const a = this.pick(this.members(n));
          const b = this.pick(this.members(n));
          const rel = a.sex === 'male' && b.sex === 'male' ? this.pick(['brothers', 'cousins', 'brothers-in-law']) : 'cousins';
          return this.linkPeople('family', a, b, (ra, rb, ag) =>
            ag === 'housing' ? `Household record: ${ra.label} and ${rb.label} are ${rel}.` : `${ra.label} and ${rb.label} are ${rel}.`,
          );
        },
        3,
      ],
      [
        () => {
          const yp = this.pick(yps);
          const relative = this.pick(this.people.filter((p) => p.role === 'associate' && p.network === null));
          const rel = relative.sex === 'male' ? this.pick(['older brother', 'cousin', "mother's partner", 'uncle']) : this.pick(['older sister', 'cousin', 'aunt']);
          return this.linkPeople('family', yp, relative, (ra, rb) => `${rb.label} is ${ra.label}'s ${rel}.`, {
            agency: this.pick<AgencyKey>(['csc', 'police']),
          });
        },
        1,
      ],
      [
        () => {
          const rp = this.pick(this.people.filter((p) => p.role !== 'professional'));
          const place = this.pick(this.addresses.filter((a) => ['home', 'flat', 'hmo'].includes(a.a.placeType)));
          return this.livesAt(rp, place);
        },
        2,
      ],
    ];
    for (let guard = 0; this.links.length < DEMO_COUNTS.links && guard < 100_000; guard++) this.weighted(generators)();
    if (this.links.length !== DEMO_COUNTS.links) throw new Error(`demo: made ${this.links.length} links`);
  }

  // ================================================================ more items: indicators and corroboration

  private fillItems(): void {
    const remaining = DEMO_COUNTS.items - this.items.length;
    if (remaining < 0) throw new Error(`demo: ${this.items.length} items before filling`);
    const notes = Math.floor(remaining * 0.5);
    const yps = this.people.filter((rp) => rp.role === 'young-person-at-risk');
    const riskWeight: Record<RiskLevel, number> = { high: 4, medium: 2, low: 1, unknown: 1.5 };
    for (let i = 0; i < notes; i++) this.indicator(this.weighted(yps.map((rp) => [rp, riskWeight[rp.risk]] as const)));
    let guard = 0;
    while (this.items.length < DEMO_COUNTS.items && guard++ < 100_000) {
      const link = this.pick(this.links);
      if (link.sources.length >= 3 || link.type === 'located-at') continue;
      const retext = this.retext.get(link.id);
      if (!retext) continue;
      const agency = this.agencyFor(link.type);
      const date = this.randomDate(toDay(link.dateFrom ?? this.now), this.nowDay);
      const item = this.item(agency, date, retext(agency, date), link.type === 'associate' ? 'assessment' : 'fact');
      link.sources.push(item.id);
    }
    if (this.items.length !== DEMO_COUNTS.items) throw new Error(`demo: made ${this.items.length} items`);
  }

  private indicator(rp: RealPerson): void {
    const kind = this.weighted<'missing' | 'absence' | 'health' | 'gift' | 'hotel' | 'intox'>([
      ['missing', 5],
      ['absence', 3],
      ['health', 2],
      ['gift', 2],
      ['hotel', 1],
      ['intox', 2],
    ]);
    const agency: AgencyKey =
      kind === 'missing' || kind === 'hotel'
        ? 'police'
        : kind === 'absence'
          ? 'education'
          : kind === 'health'
            ? 'health'
            : kind === 'gift'
              ? this.pick<AgencyKey>(['csc', 'safesteps'])
              : this.pick<AgencyKey>(['police', 'safesteps']);
    const rec = this.rec(rp, agency);
    const p = pronouns(rec.person.sex.value);
    const date = this.randomDate();
    const net = rp.exposures.length ? this.pick(rp.exposures) : null;
    let text: string;
    let note: string;
    switch (kind) {
      case 'missing': {
        const place = this.placeName(net);
        const hours = this.int(3, 40);
        const rhi = this.pick(['completed', 'declined', 'completed', 'not yet done']);
        text = `${rec.label} reported missing from ${this.pick(['home', 'placement'])} at ${this.time()}; found ${hours} hours later at ${place}. Return home interview ${rhi}.`;
        note = `Missing episode ${ukDate(date)} (${hours} hours), found at ${place}; return home interview ${rhi}.`;
        break;
      }
      case 'absence': {
        const n = this.int(4, 18);
        text = `${rec.label}: ${n} sessions of unauthorised absence in the month to ${ukDate(date)}; seen in the town centre during school hours.`;
        note = `School absence: ${n} unauthorised sessions in the month to ${ukDate(date)}.`;
        break;
      }
      case 'health': {
        const reason = this.pick(['emergency contraception', 'STI testing', 'a pregnancy test']);
        text = `${rec.label} attended the sexual health clinic for ${reason}; would not say who ${p.subj} had been with. Safeguarding concerns recorded.`;
        note = `Sexual health contact ${ukDate(date)} (${reason}).`;
        break;
      }
      case 'gift': {
        const gift = this.pick(['mobile phone', 'pair of designer trainers', 'jacket', 'vape and cash', 'gold chain']);
        text = `${rec.label} seen with a new ${gift} ${p.subj} could not account for; says an older friend bought it.`;
        note = `Unexplained gift (${gift}), ${ukDate(date)}.`;
        break;
      }
      case 'hotel': {
        const hotel = this.pick(this.businesses.filter((b) => b.def.type === 'hotel' || b.def.type === 'b-and-b')).def.name;
        text = `${rec.label} found at ${hotel} at ${this.time()} in a room booked in an adult's name. Adult not present on police arrival.`;
        note = `Found at ${hotel}, ${ukDate(date)}.`;
        break;
      }
      case 'intox': {
        const hs = this.pick(this.hotspots).name;
        text = `${rec.label} found heavily intoxicated at ${hs} at ${this.time()}; could not say where ${p.subj} got the alcohol.`;
        note = `Found intoxicated at ${hs}, ${ukDate(date)}.`;
        break;
      }
    }
    const item = this.item(agency, date, text, 'fact');
    rec.person.notes.push(fact(note, item.id));
  }

  // ================================================================ sources for things, timestamps

  /** Vehicles, phones and addresses cite the earliest items that mention them (their link items). */
  private sourceThings(): void {
    const firstItems = (id: Id): Id[] => {
      const links = (this.linksByEntity.get(id) ?? []).slice();
      const date = (l: Link): string => l.dateFrom ?? '';
      links.sort((a, b) => date(a).localeCompare(date(b)));
      const out: Id[] = [];
      for (const l of links) {
        const s = l.sources[0];
        if (s && !out.includes(s)) out.push(s);
      }
      return out;
    };
    for (const { v } of this.vehicles) {
      const ids = firstItems(v.id);
      const first = ids[0];
      if (!first) throw new Error(`demo: vehicle ${v.id} is mentioned by no item`);
      if (v.registration) v.registration.sources = ids.slice(0, 2);
      for (const f of [v.make, v.model, v.colour]) if (f) f.sources = [first];
    }
    for (const { ph } of this.phones) {
      const ids = firstItems(ph.id);
      const first = ids[0];
      if (!first) throw new Error(`demo: phone ${ph.id} is mentioned by no item`);
      if (ph.number) ph.number.sources = ids.slice(0, 2);
      if (ph.handle) ph.handle.sources = [first];
    }
    for (const { a } of this.addresses) {
      const ids = firstItems(a.id);
      const first = ids[0];
      if (!first) throw new Error(`demo: address ${a.id} is mentioned by no item`);
      a.lines.sources = [first];
      if (a.postcode) a.postcode.sources = ids.slice(0, 2);
      if (a.location) a.location.sources = [first];
    }
  }

  private stamp(): void {
    const created = (ids: Iterable<Id>): [string, string] => {
      let min = '';
      let max = '';
      for (const id of ids) {
        const item = this.itemById.get(id);
        if (!item) continue;
        if (!min || item.createdAt < min) min = item.createdAt;
        if (!max || item.createdAt > max) max = item.createdAt;
      }
      const fallback = `${this.now}T09:00:00.000Z`;
      return [min || fallback, max || fallback];
    };
    for (const l of this.links) {
      // A link runs from the earliest intelligence behind it.
      let earliest = l.dateFrom ?? this.now;
      for (const s of l.sources) {
        const item = this.itemById.get(s);
        const d = item?.dateOfIntelligence ?? item?.dateRecorded;
        if (d && d < earliest) earliest = d;
      }
      l.dateFrom = earliest;
      if (l.dateTo && l.dateTo <= earliest) delete l.dateTo;
      [l.createdAt, l.updatedAt] = created(l.sources);
    }
    const all: Entity[] = [
      ...this.people.flatMap((rp) => rp.records.map((r) => r.person)),
      ...this.vehicles.map((v) => v.v),
      ...this.phones.map((p) => p.ph),
      ...this.addresses.map((a) => a.a),
      ...this.businesses.map((b) => b.b),
      ...this.hotspots.map((h) => h.h),
    ];
    for (const e of all) [e.createdAt, e.updatedAt] = created(entityFacts(e).flatMap(([, s]) => s));
  }
}
