/**
 * Blocking: which pairs of records are worth comparing at all.
 *
 * Comparing every pair is quadratic (5 billion pairs at 100,000 records). Instead each record gets
 * several blocking KEYS, each a cheap summary that a duplicate is likely to share even when other fields
 * are corrupted; two records become a candidate pair when they share ANY key (a union of blocking rules,
 * as in Splink). Keys, built from several independent fields so one typo cannot hide a duplicate:
 *
 *   gf  given name (sound key; a nickname also as its formal name: Dazza -> Darren) + family sound key,
 *       both ways round (SMITH John); g2 the same with the family name's first two letters instead
 *   fy  family sound key + year of birth + initial  fm  family sound key + day and month of birth
 *   d   date of birth with day and month in order (so a day/month swap shares it)
 *   p/e/el/h/i/a  phone, e-mail, e-mail user name, handle, identifier, alias (exact)
 *   vs/vb  a plate's last 3 and first 4 characters, look-alike characters unified (partial plates too)
 *   pc  postcode + family sound key                 ad  house number + street sound key + family initial
 *
 * Each key earns its place: measured on FEBRL, Splink's fake_1000, the UK generator and the demo, every
 * key is the only one shared by some true pairs. (Keys that never were, such as given name + date of
 * birth, were dropped: they cost time at scale and found nothing the others missed.)
 *
 * A block of up to 16 records is compared in full; a larger one (a common name, a phone number shared
 * by a hundred records) by sorted neighbourhood (see `buildBlocks`), and one larger than `maxBlockSize`
 * is skipped: the other keys still pair its real duplicates. The work stays near-linear in the number
 * of records.
 */
import { formalNamesFor } from './shared';
import type { PRecord } from './prepare';
import { phon, STEP } from './prepare';

function canonicalGiven(g: string): string[] {
  if (!g) return [];
  const keys = [phon(g)];
  if (g.length > 1) for (const formal of formalNamesFor(g).slice(0, 3)) keys.push(phon(formal));
  return keys;
}

/** The blocking keys of one record. */
export function blockingKeys(r: PRecord): string[] {
  const keys = new Set<string>();
  const years = new Set<number>();
  for (const d of r.dobs) years.add(d.y);
  // An estimated age gives a year of birth give or take one.
  for (const a of r.ages) for (const y of [Math.floor(a.birth), Math.ceil(a.birth)]) years.add(y);

  for (const n of r.names) {
    // Both readings of the name: given/family and family/given.
    const readings: [string, string, string][] = [[n.given.s, n.family.s, n.family.ph]];
    if (n.family.s && n.given.s) readings.push([n.family.tokens[0] ?? '', n.given.s, n.given.ph]);
    for (const [given, family, famPh] of readings) {
      if (!famPh) continue;
      const canon = canonicalGiven(given);
      for (const c of canon) keys.add(`gf:${c}|${famPh}`);
      // The same with the family name's first two letters: a typo that changes its sound key ("Rhdoes").
      if (canon[0] && family.length >= 2) keys.add(`g2:${canon[0]}|${family.slice(0, 2)}`);
      for (const d of r.dobs) keys.add(`fm:${famPh}|${d.m}-${d.d}`);
      for (const y of years) keys.add(`fy:${famPh}|${y}|${given.charAt(0)}`);
      for (const p of r.postcodes) keys.add(`pc:${p.v}|${famPh}`);
      for (const a of r.addresses) if (a.numbers[0] && a.words[0]) keys.add(`ad:${a.numbers[0]}|${phon(a.words[0])}|${family.charAt(0)}`);
    }
  }
  for (const d of r.dobs) keys.add(`d:${d.y}|${Math.min(d.m, d.d)}|${Math.max(d.m, d.d)}`);
  for (const p of r.phones) keys.add(`p:${p.v}`);
  for (const e of r.emails) {
    keys.add(`e:${e.v}`);
    const user = e.v.slice(0, e.v.indexOf('@'));
    if (user.length >= 4) keys.add(`el:${user}`);
  }
  for (const h of r.handles) keys.add(`h:${h.v.slice(h.v.indexOf(':') + 1)}`);
  for (const i of r.identifiers) keys.add(`i:${i.v}`);
  for (const a of r.aliases) keys.add(`a:${a.v}`);
  for (const v of r.vehicles) {
    const tail = v.conf.match(/([A-Z0-9]{3})$/);
    if (tail) keys.add(`vs:${tail[1]}`);
    const head = v.conf.match(/^([A-Z0-9]{4})/);
    if (head) keys.add(`vb:${head[1]}`);
  }
  return [...keys];
}

/**
 * Larger blocks, up to `maxBlockSize`, are compared by sorted neighbourhood within this window: at most
 * 4 * WINDOW neighbours per record (two orders, both sides).
 */
export const WINDOW = 4;
/** Blocks up to this size (the most a window would compare anyway) are compared in full. */
export const FULL_BLOCK_SIZE = 4 * WINDOW;

/** A block too large to compare in full: its members in two orders, each compared with near neighbours. */
export interface WindowedBlock {
  byDate: Int32Array;
  byName: Int32Array;
}

export interface Blocks {
  /** Members (record indices, ascending) of each block compared in full. */
  full: Int32Array[];
  windowed: WindowedBlock[];
  /** Full blocks of each record. */
  fullOf: Int32Array[];
  /** Windowed blocks of each record as triples: block, position by date, position by name. */
  windowedOf: Int32Array[];
  skipped: number;
}

/** Sort keys for windowed blocks: by date of birth (then name), and by name (then date). */
function sortKeys(r: PRecord): [string, string] {
  const d = r.dobs[0]?.digits ?? (r.ages[0] ? String(Math.round(r.ages[0].birth)) : '~');
  const n = r.names[0];
  const name = n ? `${n.family.ph} ${n.given.ph}` : '~';
  return [`${d}|${name}`, `${name}|${d}`];
}

/**
 * Groups records by blocking key (a generator yielding records done: keys, then blocks, up to twice
 * the count). Blocks of one record are dropped; blocks up to FULL_BLOCK_SIZE are
 * compared in full; larger ones (common names, a number shared by a hundred records) up to
 * `maxBlockSize` by sorted neighbourhood: each record is compared with the WINDOW records either side
 * of it when the block is sorted by date of birth, and again when sorted by name, so the work grows
 * linearly with the block; blocks larger still say too little to be worth even that and are skipped.
 */
export function* buildBlocksSteps(records: readonly PRecord[], maxBlockSize: number): Generator<number, Blocks> {
  const byKey = new Map<string, number[]>();
  for (const r of records) {
    if (r.index % STEP === 0) yield r.index;
    for (const k of blockingKeys(r)) {
      const list = byKey.get(k);
      if (list) list.push(r.index);
      else byKey.set(k, [r.index]);
    }
  }
  const full: Int32Array[] = [];
  const windowed: WindowedBlock[] = [];
  const fullOf: number[][] = records.map(() => []);
  const windowedOf: number[][] = records.map(() => []);
  let keysOf: [string, string][] | null = null;
  let skipped = 0;
  let seen = 0;
  for (const list of byKey.values()) {
    if (++seen % STEP === 0) yield records.length + Math.round((seen / byKey.size) * records.length);
    if (list.length < 2) continue;
    if (list.length <= FULL_BLOCK_SIZE) {
      const id = full.length;
      full.push(Int32Array.from(list));
      for (const i of list) (fullOf[i] as number[]).push(id);
    } else if (list.length <= maxBlockSize) {
      keysOf ??= records.map(sortKeys);
      const keys = keysOf;
      const order = (which: 0 | 1): Int32Array =>
        Int32Array.from([...list].sort((x, y) => {
          const a = (keys[x] as [string, string])[which];
          const b = (keys[y] as [string, string])[which];
          return a < b ? -1 : a > b ? 1 : x - y;
        }));
      const block: WindowedBlock = { byDate: order(0), byName: order(1) };
      const id = windowed.length;
      windowed.push(block);
      const posByName = new Map<number, number>();
      block.byName.forEach((i, pos) => posByName.set(i, pos));
      block.byDate.forEach((i, pos) => (windowedOf[i] as number[]).push(id, pos, posByName.get(i) ?? 0));
    } else skipped++;
  }
  return {
    full,
    windowed,
    fullOf: fullOf.map((l) => Int32Array.from(l)),
    windowedOf: windowedOf.map((l) => Int32Array.from(l)),
    skipped,
  };
}

/** Calls `visit(j)` once for every candidate partner j > i of record i. */
export function forEachCandidate(blocks: Blocks, i: number, mark: Int32Array, visit: (j: number) => void): void {
  for (const b of blocks.fullOf[i] as Int32Array) {
    for (const j of blocks.full[b] as Int32Array) {
      if (j <= i || mark[j] === i) continue;
      mark[j] = i;
      visit(j);
    }
  }
  const w = blocks.windowedOf[i] as Int32Array;
  for (let t = 0; t < w.length; t += 3) {
    const block = blocks.windowed[w[t] as number] as WindowedBlock;
    visitWindow(block.byDate, w[t + 1] as number, i, mark, visit);
    visitWindow(block.byName, w[t + 2] as number, i, mark, visit);
  }
}

function visitWindow(order: Int32Array, pos: number, i: number, mark: Int32Array, visit: (j: number) => void): void {
  const hi = Math.min(order.length - 1, pos + WINDOW);
  for (let q = Math.max(0, pos - WINDOW); q <= hi; q++) {
    const j = order[q] as number;
    if (j <= i || mark[j] === i) continue;
    mark[j] = i;
    visit(j);
  }
}
