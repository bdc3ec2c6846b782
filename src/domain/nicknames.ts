/**
 * Given names and their nicknames, so "Dazza" finds Darren and "Becky" finds Rebecca.
 *
 * Knowledge comes from the generated public lists in nicknameData.ts plus a hand-written list of British
 * forms below (Dazza, Gazza, Tel, Shaz...). Names are grouped: a formal name with its nicknames and spelling
 * variants. Two names are equivalent when one group holds both; this is deliberately NOT transitive, so
 * Warren ~ Wazza and Wayne ~ Wazza does not make Warren ~ Wayne. All names are compared folded (foldText).
 */
import { foldText } from './normalise';
import { NICKNAME_DATA } from './nicknameData';

/**
 * British given names with the nicknames and spellings used for them in the UK, one group per line:
 * the formal name first. Only real, commonly heard forms.
 */
export const UK_NICKNAMES: readonly string[] = [
  'darren daz dazza',
  'gary gaz gazza',
  'gareth gaz gazza',
  'barry baz bazza',
  'terence terry tel',
  'terrence terry tel',
  'sharon shaz shazza',
  'rebecca becky becks becca',
  'karen kaz kazza',
  'caroline caz caro carrie',
  'carol caz',
  'sarah saz sara sal sally',
  'charlotte lottie charlie',
  'jonathan jon jonny jonty',
  'michael mike mick micky mickey mikey',
  'david dave davey davy dai',
  'daniel dan danny',
  'christopher chris kit',
  'anthony tony ant',
  'stephen steven steve stevie',
  'thomas tom tommy',
  'william will bill billy liam',
  'robert rob bob bobby robbie',
  'james jim jimmy jamie',
  'john jack johnny jon',
  'margaret maggie peggy meg mags',
  'elizabeth liz beth lizzie betty libby',
  'kelly kel',
  'jordan jord',
  'kieran kez',
  'warren wazza waz',
  'wayne wazza',
  'shane shaney',
  'paul pauly',
  'craig craigy',
  'lewis lew',
  'ryan ry',
  'nathan nath nate',
  'nathaniel nat nate',
  'jason jase',
  'samantha sam sammy',
  'samuel sam sammy',
  'jessica jess jessie',
  'jennifer jen jenny',
  'victoria vicky vic tori',
  'natasha tash tasha',
  'kimberley kimberly kim',
  'stacey stacy stace',
  'chantelle chan',
  'leanne lea',
  'gemma gem',
  'amanda mandy',
  'deborah debra debbie debs',
  'joanne jo',
  'jacqueline jackie jacqui',
  'patricia pat trish tricia',
  'patrick pat paddy',
  'alexander alex al sandy alec',
  'alexandra alex lexi sandy',
  'mohammed mo moe muhammad mohamed mohammad muhammed mohd',
  'imran immy',
  'kamran kam',
  'tariq taz',
  'zeeshan zee',
  'asif az',
  'richard rich richie rick ricky dick',
  'andrew andy drew',
  'matthew matt matty',
  'benjamin ben benny benji',
  'joseph joe joey',
  'edward ed eddie ted teddy ned',
  'charles charlie chas chaz',
  'henry harry hal',
  'harrison harry',
  'nicholas nick nicky',
  'nicola nicky nic nikki',
  'peter pete',
  'philip phil',
  'phillip phil',
  'timothy tim timmy',
  'kenneth ken kenny',
  'ronald ron ronnie',
  'donald don donny',
  'raymond ray',
  'leonard len lenny',
  'frederick fred freddie freddy',
  'alfred alf alfie',
  'joshua josh',
  'zachary zach zak zac',
  'callum cal',
  'connor con',
  'declan dec',
  'rachel rach',
  'katherine kate katie kath kathy kat',
  'catherine kate katie cath cathy cat',
  'kathryn kate katie kath kathy',
  'susan sue susie suzy',
  'danielle dani',
  'abigail abbie abby abi',
  'laura loz',
  'lauren loz',
  'lawrence laurie larry loz',
  'laurence laurie larry loz',
  'dominic dom',
  'jeremy jez',
  'gerald gerry ged',
  'gerard gerry ged',
  'bernard bernie',
  'francis frank frankie fran',
  'frances fran frankie',
  'dean deano',
  'lee leigh',
  'kevin kev',
  'trevor trev',
  'nigel nige',
  'malcolm mal',
  'derek del',
  'derrick del',
  'delroy del',
  'clifford cliff',
  'leslie les',
  'stuart stu',
  'stewart stu',
  'martin marty',
  'sebastian seb',
  'oliver ollie olly',
  'george georgie',
  'georgina georgie gina',
  'christine chris chrissie tina',
  'christina chris chrissie tina',
  'rosemary rose rosie',
  'josephine jo josie',
  'gillian gill jill gilly',
  'sophie soph',
  'sophia soph',
  'katrina kat trina',
  'ashley ash',
  'tyrone ty',
  'tyler ty',
  'sean shaun shawn',
  'bradley brad',
  'reginald reg reggie',
  'douglas doug dougie',
  'gregory greg',
  'geoffrey geoff jeff',
  'jeffrey jeff geoff',
  'vincent vince vinny',
  'mitchell mitch',
  'harriet hattie',
  'eleanor ellie nell',
  'isabel izzy issy bella',
  'isabella izzy issy bella',
  'amelia millie',
  'emily em emmy',
  'olivia liv livvy',
  'tracey tracy',
];

interface Index {
  groups: string[][];
  /** name -> indices of the groups holding it */
  byName: Map<string, number[]>;
  /** names that appear as a nickname (not the formal name) in some group */
  nicknames: Set<string>;
}

let index: Index | null = null;

function build(): Index {
  const groups: string[][] = [];
  for (const entry of NICKNAME_DATA.split(';')) {
    const names = entry.split(',').filter(Boolean);
    if (names.length > 1) groups.push(names);
  }
  for (const line of UK_NICKNAMES) {
    const names = line.split(' ').map(foldText).filter(Boolean);
    if (names.length > 1) groups.push(names);
  }
  const byName = new Map<string, number[]>();
  const nicknames = new Set<string>();
  groups.forEach((names, gi) => {
    names.forEach((name, i) => {
      const list = byName.get(name);
      if (list) {
        if (list[list.length - 1] !== gi) list.push(gi);
      } else byName.set(name, [gi]);
      if (i > 0) nicknames.add(name);
    });
  });
  return { groups, byName, nicknames };
}

function getIndex(): Index {
  index ??= build();
  return index;
}

/**
 * The names equivalent to a given name, folded: the name itself first, then every formal name and
 * nickname it shares a group with ("dazza" -> ["dazza", "darren", "daz"]). Unknown names give just
 * themselves; an empty name gives [].
 */
export function nameVariants(given: string): string[] {
  const name = foldText(given);
  if (!name) return [];
  const { groups, byName } = getIndex();
  const out = new Set<string>();
  for (const gi of byName.get(name) ?? []) for (const n of groups[gi] ?? []) if (n !== name) out.add(n);
  return [name, ...[...out].sort()];
}

/** True when the two given names are the same once folded, or one group holds both ("Dazza" ~ "Darren"). */
export function areNicknameEquivalent(a: string, b: string): boolean {
  const x = foldText(a);
  const y = foldText(b);
  if (!x || !y) return false;
  if (x === y) return true;
  const { byName } = getIndex();
  const gx = byName.get(x);
  const gy = byName.get(y);
  if (!gx || !gy) return false;
  const set = new Set(gx);
  return gy.some((g) => set.has(g));
}

/** True when the name is known as a nickname or diminutive of some formal name ("Dazza", "Becky"). */
export function isKnownNickname(s: string): boolean {
  return getIndex().nicknames.has(foldText(s));
}

/** The formal names a nickname stands for ("gaz" -> ["gareth", "gary"]); [] when it is not a known nickname. */
export function formalNamesFor(nickname: string): string[] {
  const name = foldText(nickname);
  const { groups, byName } = getIndex();
  const out = new Set<string>();
  for (const gi of byName.get(name) ?? []) {
    const group = groups[gi];
    const formal = group?.[0];
    if (formal !== undefined && formal !== name) out.add(formal);
  }
  return [...out].sort();
}
