/**
 * Blocking: which pairs of records are worth comparing at all.
 *
 * Comparing every pair is quadratic (5 billion pairs at 100,000 records). Instead each record gets
 * several blocking KEYS, each a cheap summary that a duplicate is likely to share even when other fields
 * are corrupted; two records become a candidate pair when they share ANY key (a union of blocking rules,
 * as in Splink). Keys, built from several independent fields so one typo cannot hide a duplicate:
 *
 *   gf  given name (sound key; a nickname also as its formal name: Dazza -> Darren) + family sound key,
 *       both ways round (SMITH John)
 *   fy  family sound key + year of birth            gd  given sound key + date of birth
 *   fm  family sound key + day and month of birth   d   date of birth with day and month in order
 *                                                       (so a day/month swap shares it)
 *   gi  given + family initial + year (typos in the family name)
 *   ~gl ~fl  given + family initial, family + given initial, no year: broad keys, used only while their
 *       block is small (30), so they help small workspaces and vanish for common names in large files
 *   p/e/el/h/i/a  phone, e-mail, e-mail user name, handle, identifier, alias (exact)
 *   v/vs/vb  plate (look-alike characters unified), its last 3 and first 4 characters (partial plates)
 *   pc  postcode + family or given sound key        ad  house number + street sound key + family initial
 *
 * A block larger than `maxBlockSize` (a very common name with no other key narrowing it) is skipped:
 * the other keys still pair its real duplicates, and the work stays near-linear in the number of records.
 */
import { formalNamesFor } from './shared';
import type { PRecord } from './prepare';
import { phon } from './prepare';

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
      const canon = canonicalGiven(given);
      for (const c of canon) {
        if (famPh) keys.add(`gf:${c}|${famPh}`);
        for (const d of r.dobs) keys.add(`gd:${c}|${d.digits}`);
      }
      if (famPh) {
        for (const d of r.dobs) keys.add(`fm:${famPh}|${d.m}-${d.d}`);
        for (const y of years) keys.add(`fy:${famPh}|${y}`);
        if (given) for (const y of years) keys.add(`gi:${given}|${family.charAt(0)}|${y}`);
        for (const p of r.postcodes) keys.add(`pc:${p.v}|${famPh}`);
        for (const a of r.addresses) if (a.numbers[0] && a.words[0]) keys.add(`ad:${a.numbers[0]}|${phon(a.words[0])}|${family.charAt(0)}`);
      }
      if (given) for (const p of r.postcodes) keys.add(`pg:${p.v}|${canon[0] ?? ''}`);
      // Broad keys (no date): useful in small workspaces, dropped for common names by the smaller cap.
      if (given && famPh) keys.add(`~gl:${canon[0] ?? ''}|${family.charAt(0)}`);
      if (given && famPh) keys.add(`~fl:${famPh}|${given.charAt(0)}`);
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
    if (!v.partial) keys.add(`v:${v.conf}`);
    const tail = v.conf.match(/([A-Z0-9]{3})$/);
    if (tail) keys.add(`vs:${tail[1]}`);
    const head = v.conf.match(/^([A-Z0-9]{4})/);
    if (head) keys.add(`vb:${head[1]}`);
  }
  return [...keys];
}

/** Largest block used for a broad key (marked "~"): name parts without any date. */
const BROAD_BLOCK_SIZE = 30;

export interface Blocks {
  /** Members (record indices, ascending) of each usable block. */
  members: Int32Array[];
  /** Usable blocks of each record. */
  blocksOf: Int32Array[];
  skipped: number;
}

/** Groups records by blocking key; blocks of one record or more than `maxBlockSize` are dropped. */
export function buildBlocks(records: readonly PRecord[], maxBlockSize: number, onRecord?: (i: number) => void): Blocks {
  const byKey = new Map<string, number[]>();
  for (const r of records) {
    for (const k of blockingKeys(r)) {
      const list = byKey.get(k);
      if (list) list.push(r.index);
      else byKey.set(k, [r.index]);
    }
    onRecord?.(r.index);
  }
  const members: Int32Array[] = [];
  const blocksOfLists: number[][] = records.map(() => []);
  let skipped = 0;
  const broadCap = Math.min(maxBlockSize, BROAD_BLOCK_SIZE);
  for (const [key, list] of byKey) {
    if (list.length < 2) continue;
    if (list.length > (key.charCodeAt(0) === 126 /* ~ */ ? broadCap : maxBlockSize)) {
      skipped++;
      continue;
    }
    const id = members.length;
    members.push(Int32Array.from(list));
    for (const i of list) (blocksOfLists[i] as number[]).push(id);
  }
  return { members, blocksOf: blocksOfLists.map((l) => Int32Array.from(l)), skipped };
}
