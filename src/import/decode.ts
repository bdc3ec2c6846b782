/**
 * Bytes to text for CSV files, with the encoding detected the way partner agencies' exports need:
 * a byte-order mark wins (UTF-8, UTF-16LE, UTF-16BE); otherwise UTF-16 without a BOM is recognised by
 * its zero bytes; otherwise the bytes are UTF-8 if they are valid UTF-8, else windows-1252 (what Excel
 * on Windows writes for "CSV (Comma delimited)", e.g. "£" as 0xA3 and "é" as 0xE9).
 */
import type { TextEncodingName } from './types';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  /** True when the bytes began with a byte-order mark (it is not part of `text`). */
  bom: boolean;
}

export function toUint8Array(bytes: ArrayBuffer | Uint8Array): Uint8Array {
  return bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
}

/** UTF-16 without a BOM: ASCII-heavy text has a zero in every other byte. Returns the byte order or null. */
function sniffUtf16(b: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(b.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenZeros++;
    if (b[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be';
  return null;
}

/** windows-1252's 0x80-0x9F (the rest is ISO-8859-1); 0x81, 0x8D, 0x8F, 0x90, 0x9D are unassigned and kept as-is. */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];

/**
 * windows-1252 by table: Node 20's TextDecoder reads the "windows-1252" label as ISO-8859-1 (0x80 comes
 * out as U+0080, not "€"), so the same file would read differently in tests and in the browser.
 */
function decodeCp1252(b: Uint8Array): string {
  let out = '';
  const chunk = 8192;
  const codes = new Array<number>(chunk);
  for (let start = 0; start < b.length; start += chunk) {
    const end = Math.min(b.length, start + chunk);
    codes.length = end - start;
    for (let i = start; i < end; i++) {
      const c = b[i] ?? 0;
      codes[i - start] = c >= 0x80 && c <= 0x9f ? (CP1252_HIGH[c - 0x80] ?? c) : c;
    }
    out += String.fromCharCode.apply(null, codes);
  }
  return out;
}

function decodeWith(encoding: TextEncodingName, bytes: Uint8Array, fatal = false): string {
  if (encoding === 'windows-1252') return decodeCp1252(bytes);
  return new TextDecoder(encoding, { fatal, ignoreBOM: true }).decode(bytes);
}

/** Decodes a CSV file's bytes. `force` skips detection (the wizard's "read as..." choice). */
export function decodeText(input: ArrayBuffer | Uint8Array, force?: TextEncodingName): DecodedText {
  const b = toUint8Array(input);
  let bom: TextEncodingName | null = null;
  let skip = 0;
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
    bom = 'utf-8';
    skip = 3;
  } else if (b[0] === 0xff && b[1] === 0xfe) {
    bom = 'utf-16le';
    skip = 2;
  } else if (b[0] === 0xfe && b[1] === 0xff) {
    bom = 'utf-16be';
    skip = 2;
  }
  const body = skip ? b.subarray(skip) : b;
  if (force) return { text: decodeWith(force, force === bom ? body : b), encoding: force, bom: force === bom };
  if (bom) return { text: decodeWith(bom, body), encoding: bom, bom: true };
  const utf16 = sniffUtf16(b);
  if (utf16) return { text: decodeWith(utf16, b), encoding: utf16, bom: false };
  try {
    return { text: decodeWith('utf-8', b, true), encoding: 'utf-8', bom: false };
  } catch {
    return { text: decodeWith('windows-1252', b), encoding: 'windows-1252', bom: false };
  }
}

export const ENCODING_LABEL: Record<TextEncodingName, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 (little-endian)',
  'utf-16be': 'UTF-16 (big-endian)',
  'windows-1252': 'Windows-1252 (Western European)',
};
