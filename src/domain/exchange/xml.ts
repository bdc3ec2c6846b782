/**
 * A small, strict XML 1.0 reader and writer: enough for the exchange formats (ANX, GraphML, GEXF), with
 * no DOM so it runs in Node, a worker and the page alike.
 *
 * Reader: elements, attributes, text, CDATA, comments and processing instructions; the five predefined
 * entities and character references. It refuses what a chart file never needs and what could be abused:
 * a DOCTYPE (and so any custom entity or external reference), unknown entities, characters XML forbids,
 * mismatched or unclosed tags, duplicate attributes, text outside the root element. Every error carries
 * the line and column where it was found. Namespace prefixes are kept as part of names ("viz:position");
 * `localName` strips them.
 *
 * Writer: `renderXml` turns a small element tree into text, escaping every attribute and text value, and
 * dropping characters XML 1.0 cannot carry at all (control characters other than tab, line feed and
 * carriage return; unpaired surrogates).
 */

export interface XmlElement {
  type: 'element';
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  /** Where the start tag begins (1-based). */
  line: number;
  column: number;
}

export interface XmlText {
  type: 'text';
  text: string;
}

export type XmlNode = XmlElement | XmlText;

export class XmlError extends Error {
  readonly line: number;
  readonly column: number;
  constructor(message: string, line: number, column: number) {
    super(`Line ${line}, column ${column}: ${message}`);
    this.name = 'XmlError';
    this.line = line;
    this.column = column;
  }
}

// ---------------------------------------------------------------- reading

const NAME_START = /[A-Za-z_:\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD]/;
const NAME_CHAR = /[-.0-9A-Za-z_:\u00B7\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u037D\u037F-\u1FFF\u200C-\u200D\u203F\u2040\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD]/;
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\n' || c === '\t' || c === '\r';

function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

export interface ParseXmlOptions {
  /** Deepest nesting accepted (default 200). */
  maxDepth?: number;
}

/** The local part of a name ("viz:position" -> "position"). */
export function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/** Parses a document and returns its root element. Throws XmlError (with line and column) when it is not well-formed. */
export function parseXml(input: string, options: ParseXmlOptions = {}): XmlElement {
  const maxDepth = options.maxDepth ?? 200;
  // Line ends are normalised first (XML 1.0 section 2.11), so positions count lines as editors do.
  const src = (input.charCodeAt(0) === 0xfeff ? input.slice(1) : input).replace(/\r\n?/g, '\n');
  const lineStarts = [0];
  for (let i = src.indexOf('\n'); i >= 0; i = src.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const where = (at: number): { line: number; column: number } => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: at - (lineStarts[lo] ?? 0) + 1 };
  };
  const fail = (message: string, at: number): never => {
    const p = where(Math.min(at, src.length));
    throw new XmlError(message, p.line, p.column);
  };

  const bad = FORBIDDEN_CHAR.exec(src);
  if (bad) fail(`the character U+${(bad[0].charCodeAt(0)).toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML.`, bad.index);

  let pos = 0;
  const startsWith = (s: string): boolean => src.startsWith(s, pos);
  const skipSpace = (): void => {
    while (isSpace(src[pos])) pos++;
  };

  const readName = (what: string): string => {
    const start = pos;
    if (!NAME_START.test(src[pos] ?? '')) fail(`expected ${what}, found ${describe(src[pos])}.`, pos);
    pos++;
    while (pos < src.length && NAME_CHAR.test(src[pos] ?? '')) pos++;
    return src.slice(start, pos);
  };

  /** Decodes entity and character references in raw text starting at `offset` in the source. */
  const decode = (raw: string, offset: number): string => {
    if (!raw.includes('&')) return raw;
    let out = '';
    let last = 0;
    for (let i = raw.indexOf('&'); i >= 0; i = raw.indexOf('&', last)) {
      out += raw.slice(last, i);
      const end = raw.indexOf(';', i);
      if (end < 0 || end - i > 12) fail('"&" must start a reference such as &amp; (write a literal ampersand as &amp;).', offset + i);
      const ref = raw.slice(i + 1, end);
      if (ref.startsWith('#')) {
        const cp = /^#x[0-9A-Fa-f]+$/.test(ref) ? parseInt(ref.slice(2), 16) : /^#[0-9]+$/.test(ref) ? parseInt(ref.slice(1), 10) : NaN;
        if (!Number.isFinite(cp) || !isXmlChar(cp)) fail(`&${ref}; is not a character XML allows.`, offset + i);
        out += String.fromCodePoint(cp);
      } else {
        const ch = PREDEFINED[ref];
        if (ch === undefined) fail(`unknown entity &${ref}; (only &lt; &gt; &amp; &quot; &apos; and character references are accepted).`, offset + i);
        out += ch;
      }
      last = end + 1;
    }
    return out + raw.slice(last);
  };

  const skipComment = (): void => {
    const start = pos;
    const end = src.indexOf('-->', pos + 4);
    if (end < 0) fail('a comment is not closed with "-->".', start);
    if (src.slice(pos + 4, end).includes('--')) fail('"--" is not allowed inside a comment.', start);
    pos = end + 3;
  };
  const skipPi = (): void => {
    const start = pos;
    pos += 2;
    const target = readName('a processing-instruction name');
    if (target.toLowerCase() === 'xml') fail('the XML declaration may only come at the very start of the file.', start);
    const end = src.indexOf('?>', pos);
    if (end < 0) fail('a processing instruction is not closed with "?>".', start);
    pos = end + 2;
  };
  /** Comments, processing instructions and white space between top-level constructs. */
  const skipMisc = (): void => {
    for (;;) {
      skipSpace();
      if (startsWith('<!--')) skipComment();
      else if (startsWith('<?')) skipPi();
      else return;
    }
  };

  // XML declaration
  if (startsWith('<?xml') && isSpace(src[5])) {
    const end = src.indexOf('?>');
    if (end < 0) fail('the XML declaration is not closed with "?>".', 0);
    const decl = src.slice(0, end);
    const version = /\bversion\s*=\s*["']([^"']*)["']/.exec(decl)?.[1];
    if (!version) fail('the XML declaration has no version.', 0);
    if (version !== '1.0' && version !== '1.1') fail(`XML version "${version}" is not supported.`, 0);
    pos = end + 2;
  }
  skipMisc();
  if (startsWith('<!DOCTYPE')) fail('a DOCTYPE is not accepted (chart files have none, and it can hide entity definitions).', pos);
  if (pos >= src.length) fail('the file is empty: no root element.', pos);
  if (src[pos] !== '<') fail(`expected the root element, found ${describe(src[pos])}.`, pos);

  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;

  const readStartTag = (): void => {
    const start = pos;
    pos++; // '<'
    const name = readName('an element name');
    const p = where(start);
    const el: XmlElement = { type: 'element', name, attributes: {}, children: [], line: p.line, column: p.column };
    for (;;) {
      const hadSpace = isSpace(src[pos]);
      skipSpace();
      if (startsWith('/>') || src[pos] === '>') break;
      if (pos >= src.length) fail(`the start tag <${name}> is not closed.`, start);
      if (!hadSpace) fail(`expected white space before the next attribute of <${name}>, found ${describe(src[pos])}.`, pos);
      const attrAt = pos;
      const attr = readName(`an attribute name or the end of <${name}>`);
      skipSpace();
      if (src[pos] !== '=') fail(`attribute ${attr} of <${name}> has no "=" and value.`, pos);
      pos++;
      skipSpace();
      const q = src[pos];
      if (q !== '"' && q !== "'") fail(`the value of attribute ${attr} of <${name}> must be in quotes.`, pos);
      const vStart = pos + 1;
      const vEnd = src.indexOf(q as string, vStart);
      if (vEnd < 0) fail(`the value of attribute ${attr} of <${name}> is not closed.`, pos);
      const raw = src.slice(vStart, vEnd);
      const lt = raw.indexOf('<');
      if (lt >= 0) fail(`"<" is not allowed in an attribute value (attribute ${attr} of <${name}>).`, vStart + lt);
      if (Object.prototype.hasOwnProperty.call(el.attributes, attr)) fail(`attribute ${attr} appears twice on <${name}>.`, attrAt);
      // Literal white space in attribute values reads as spaces (XML 1.0 section 3.3.3); references keep theirs.
      el.attributes[attr] = decode(raw.replace(/[\t\n]/g, ' '), vStart);
      pos = vEnd + 1;
    }
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else root = el;
    if (src[pos] === '/') {
      pos += 2;
      return;
    }
    pos++;
    if (stack.length >= maxDepth) fail(`elements are nested more than ${maxDepth} deep.`, start);
    stack.push(el);
  };

  readStartTag();
  while (stack.length) {
    const current = stack[stack.length - 1] as XmlElement;
    if (pos >= src.length) fail(`<${current.name}> (line ${current.line}) is not closed before the end of the file.`, pos);
    if (src[pos] === '<') {
      if (startsWith('</')) {
        const at = pos;
        pos += 2;
        const name = readName('an element name in the end tag');
        skipSpace();
        if (src[pos] !== '>') fail(`the end tag </${name}> is not closed with ">".`, pos);
        pos++;
        if (name !== current.name) fail(`found </${name}> where </${current.name}> (opened at line ${current.line}) was expected.`, at);
        stack.pop();
      } else if (startsWith('<!--')) skipComment();
      else if (startsWith('<![CDATA[')) {
        const end = src.indexOf(']]>', pos + 9);
        if (end < 0) fail('a CDATA section is not closed with "]]>".', pos);
        pushText(current, src.slice(pos + 9, end));
        pos = end + 3;
      } else if (startsWith('<?')) skipPi();
      else if (startsWith('<!')) fail('declarations are not accepted inside the document.', pos);
      else readStartTag();
    } else {
      const next = src.indexOf('<', pos);
      const end = next < 0 ? src.length : next;
      const raw = src.slice(pos, end);
      const cdataEnd = raw.indexOf(']]>');
      if (cdataEnd >= 0) fail('"]]>" is not allowed in text.', pos + cdataEnd);
      pushText(current, decode(raw, pos));
      pos = end;
    }
  }
  skipMisc();
  if (pos < src.length) fail(`only one root element is allowed; found ${describe(src[pos])} after </${(root as XmlElement | null)?.name ?? ''}>.`, pos);
  return root as unknown as XmlElement;
}

function pushText(el: XmlElement, text: string): void {
  if (!text) return;
  const last = el.children[el.children.length - 1];
  if (last && last.type === 'text') last.text += text;
  else el.children.push({ type: 'text', text });
}

function describe(ch: string | undefined): string {
  if (ch === undefined) return 'the end of the file';
  if (ch === '\n') return 'a line break';
  return `"${ch}"`;
}

// ---------------------------------------------------------------- navigating

/** Child elements, optionally only those with this name (compared without namespace prefix). */
export function childElements(el: XmlElement, name?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) if (c.type === 'element' && (name === undefined || localName(c.name) === name)) out.push(c);
  return out;
}

export function firstChild(el: XmlElement, name: string): XmlElement | undefined {
  for (const c of el.children) if (c.type === 'element' && localName(c.name) === name) return c;
  return undefined;
}

/** The element's text content (its own and its descendants'), concatenated. */
export function textContent(el: XmlElement): string {
  let out = '';
  for (const c of el.children) out += c.type === 'text' ? c.text : textContent(c);
  return out;
}

/** "<ChartItem Id="ID4"> at line 12" — for messages that name where a problem is. */
export function describeElement(el: XmlElement, idAttr = 'Id'): string {
  const id = el.attributes[idAttr];
  return `<${el.name}${id !== undefined ? ` ${idAttr}="${id}"` : ''}> at line ${el.line}`;
}

// ---------------------------------------------------------------- writing

/** An element to write: attributes in the order given (undefined values are left out). */
export interface XmlOut {
  name: string;
  attrs?: Record<string, string | number | boolean | undefined>;
  children?: (XmlOut | string)[];
}

// eslint-disable-next-line no-control-regex
const UNWRITABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text content, escaped. Characters XML cannot carry at all are dropped. */
export function escapeXmlText(s: string): string {
  return s.replace(UNWRITABLE, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** An attribute value, escaped; tab, line feed and carriage return become references so they survive reading. */
export function escapeXmlAttr(s: string): string {
  return s
    .replace(UNWRITABLE, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

export function el(name: string, attrs?: XmlOut['attrs'], children?: XmlOut['children']): XmlOut {
  return { name, ...(attrs ? { attrs } : {}), ...(children ? { children } : {}) };
}

/** Writes a document: the XML declaration, then the root element indented two spaces per level. */
export function renderXml(root: XmlOut, options: { comment?: string } = {}): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  if (options.comment) out.push(`<!-- ${options.comment.replace(/--+/g, '-').replace(UNWRITABLE, '')} -->\n`);
  const write = (node: XmlOut, depth: number): void => {
    const pad = '  '.repeat(depth);
    let open = `${pad}<${node.name}`;
    for (const [k, v] of Object.entries(node.attrs ?? {})) if (v !== undefined) open += ` ${k}="${escapeXmlAttr(String(v))}"`;
    const children = node.children ?? [];
    if (!children.length) {
      out.push(`${open}/>\n`);
    } else if (children.every((c) => typeof c === 'string')) {
      out.push(`${open}>${escapeXmlText(children.join(''))}</${node.name}>\n`);
    } else {
      out.push(`${open}>\n`);
      for (const c of children) {
        if (typeof c === 'string') out.push(`${pad}  ${escapeXmlText(c)}\n`);
        else write(c, depth + 1);
      }
      out.push(`${pad}</${node.name}>\n`);
    }
  };
  write(root, 0);
  return out.join('');
}

/**
 * Decodes the bytes of an XML file: by byte-order mark (UTF-8, UTF-16 LE/BE), else by the encoding its
 * declaration names (windows-1252, ISO-8859-1...), else as UTF-8. Uses TextDecoder (Node, browsers, workers).
 */
export function decodeXmlBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2));
  // UTF-16 without a mark: "<" then a zero byte (or the reverse).
  if (bytes[0] === 0x3c && bytes[1] === 0x00) return new TextDecoder('utf-16le', { fatal: true }).decode(bytes);
  if (bytes[0] === 0x00 && bytes[1] === 0x3c) return new TextDecoder('utf-16be', { fatal: true }).decode(bytes);
  let head = '';
  for (let i = 0; i < Math.min(bytes.length, 200); i++) head += String.fromCharCode(bytes[i] ?? 0);
  const declared = /^<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1]?.toLowerCase() ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(declared, { fatal: true });
  } catch {
    throw new Error(`The file declares the encoding "${declared}", which cannot be read here (save it as UTF-8).`);
  }
  try {
    return decoder.decode(bytes);
  } catch {
    throw new Error(`The file is not valid ${declared.toUpperCase()} text (save it as UTF-8).`);
  }
}
