/**
 * Sound-alike keys for names, so a search for "Smyth" finds "Smith" and "Kathryn" finds "Catherine".
 *
 * - `soundex`: classic American Soundex (first letter + three digits), for reports and interchange.
 * - `phoneticKey`: Linkwall's own consonant-skeleton key, written for this project (metaphone-like rules
 *   tuned on British and South Asian name spellings). It is what search and duplicate detection use:
 *   unlike Soundex it treats C/K, PH/F, V/F, TH alike and ignores vowels after the first letter.
 *
 * Pure TypeScript; input is folded (case, accents, apostrophes) before keying.
 */
import { foldText } from './normalise';

const SOUNDEX_CODE: Record<string, string> = {
  b: '1', f: '1', p: '1', v: '1',
  c: '2', g: '2', j: '2', k: '2', q: '2', s: '2', x: '2', z: '2',
  d: '3', t: '3',
  l: '4',
  m: '5', n: '5',
  r: '6',
};

function lettersOnly(name: string): string {
  return foldText(name).replace(/[^a-z]/g, '');
}

/**
 * American Soundex ("Robert" -> "R163", "Tymczak" -> "T522", "Pfister" -> "P236"). H and W do not separate
 * letters with the same code; vowels do. Returns "" when the name has no Latin letters.
 */
export function soundex(name: string): string {
  const s = lettersOnly(name);
  const first = s.charAt(0);
  if (!first) return '';
  let out = first.toUpperCase();
  let last = SOUNDEX_CODE[first] ?? '';
  for (let i = 1; i < s.length && out.length < 4; i++) {
    const ch = s.charAt(i);
    const code = SOUNDEX_CODE[ch];
    if (code) {
      if (code !== last) out += code;
      last = code;
    } else if (ch !== 'h' && ch !== 'w') {
      last = ''; // a vowel (or y) separates two letters with the same code
    }
  }
  return out.padEnd(4, '0');
}

const VOWELS = new Set(['A', 'E', 'I', 'O', 'U']);
const isVowel = (c: string | undefined): boolean => c !== undefined && VOWELS.has(c);
const isFront = (c: string | undefined): boolean => c === 'E' || c === 'I' || c === 'Y';

/** Key for one word of upper-case A-Z letters. */
function keyWord(word: string): string {
  let s = word;
  if (/^(KN|GN|PN|AE|WR)/.test(s)) s = s.slice(1);
  if (s.startsWith('X')) s = `S${s.slice(1)}`;
  if (s.startsWith('WH')) s = `W${s.slice(2)}`;
  const codes: string[] = [];
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charAt(i);
    const prev = i > 0 ? s.charAt(i - 1) : undefined;
    const next = i + 1 < n ? s.charAt(i + 1) : undefined;
    const next2 = i + 2 < n ? s.charAt(i + 2) : undefined;
    if (c === prev && c !== 'C') continue; // doubled letters sound once
    switch (c) {
      case 'A':
      case 'E':
      case 'I':
      case 'O':
      case 'U':
        if (i === 0) codes.push('A');
        break;
      case 'Y':
        if (isVowel(next)) codes.push('Y');
        else if (i === 0) codes.push('A');
        break;
      case 'B':
        if (!(prev === 'M' && i === n - 1)) codes.push('B'); // "Lamb"
        break;
      case 'C':
        if (next === 'H') {
          codes.push(prev === 'S' || next2 === 'R' ? 'K' : 'X'); // "Christopher", "Schofield" / "Charlotte"
          i++;
        } else if (isFront(next)) {
          if (prev !== 'S') codes.push('S'); // "Scion": the S already sounds
        } else if (next === 'K') {
          codes.push('K');
          i++;
        } else codes.push('K');
        break;
      case 'D':
        if (next === 'G' && isFront(next2)) {
          codes.push('J'); // "Hodge"
          i++;
        } else codes.push('T');
        break;
      case 'G':
        if (next === 'H') {
          if (isVowel(next2)) codes.push('K'); // "Meghan" like "Megan"
          i++; // otherwise silent: "Leigh", "Hugh"
        } else if (next === 'N' && (i + 2 === n || (next2 === 'E' && s.charAt(i + 3) === 'D' && i + 4 === n))) {
          // silent G: "Benign", "Signed"
        } else if (isFront(next)) codes.push('J');
        else codes.push('K');
        break;
      case 'H':
        if (isVowel(next) && !(prev !== undefined && 'CSPTG'.includes(prev))) codes.push('H');
        break;
      case 'K':
        if (prev !== 'C') codes.push('K');
        break;
      case 'P':
        if (next === 'H') {
          codes.push('F');
          i++;
        } else codes.push('P');
        break;
      case 'Q':
        codes.push('K');
        break;
      case 'S':
        if (next === 'H') {
          codes.push('X');
          i++;
        } else if (next === 'I' && (next2 === 'O' || next2 === 'A')) codes.push('X');
        else if (next === 'C' && next2 === 'H') {
          codes.push('S', 'K');
          i += 2;
        } else codes.push('S');
        break;
      case 'T':
        if (next === 'H') {
          codes.push('0');
          i++;
        } else if (next === 'I' && (next2 === 'O' || next2 === 'A')) codes.push('X');
        else if (!(next === 'C' && next2 === 'H')) codes.push('T');
        break;
      case 'V':
        codes.push('F');
        break;
      case 'W':
        if (isVowel(next)) codes.push('W');
        break;
      case 'X':
        codes.push('K', 'S');
        break;
      case 'Z':
        codes.push('S');
        break;
      default:
        codes.push(c); // F J L M N R
    }
  }
  let out = '';
  for (const code of codes) if (out.charAt(out.length - 1) !== code) out += code;
  return out;
}

/**
 * Linkwall's phonetic key: one key per word, joined by spaces ("Smith" -> "SM0", "Catherine" -> "K0RN").
 * Names that sound alike share a key: Smith/Smyth/Smithe, Darren/Daren, Stephen/Steven,
 * Catherine/Kathryn, Mohammed/Muhammad/Mohamed. Returns "" for text with no Latin letters.
 */
export function phoneticKey(name: string): string {
  return phoneticTokens(name).join(' ');
}

/** The phonetic key of each word of the text, in order (empty words dropped), for indexing. */
export function phoneticTokens(text: string): string[] {
  return foldText(text)
    .split(' ')
    .map((w) => w.replace(/[^a-z]/g, '').toUpperCase())
    .filter(Boolean)
    .map(keyWord)
    .filter(Boolean);
}

/** True when two names have the same, non-empty phonetic key. */
export function soundsAlike(a: string, b: string): boolean {
  const ka = phoneticKey(a);
  return ka !== '' && ka === phoneticKey(b);
}
