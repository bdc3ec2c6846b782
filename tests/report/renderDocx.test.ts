// @vitest-environment node
/** The Word product: a valid .docx whose XML is well-formed, with every section, the marking and page fields. */
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DEMO_NOW, generateDemoWorkspace } from '../../src/domain/demo';
import { parseXml, textContent, type XmlElement } from '../../src/domain/exchange/xml';
import { entityLabel } from '../../src/domain/labels';
import { isYoungPerson } from '../../src/domain/report/figures';
import { addInsert, newReport, setSectionIncluded } from '../../src/domain/report/model';
import { RECIPIENT_PROFILE_IDS, renderableFor } from '../../src/domain/report/recipients';
import { imageSize, renderReportDocx } from '../../src/report/renderDocx';

/** A minimal zip reader: the central directory, then each entry stored or deflated. */
function unzip(bytes: Uint8Array): Map<string, Uint8Array> {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = bytes.length - 22;
  while (eocd >= 0 && dv.getUint32(eocd, true) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip file');
  const count = dv.getUint16(eocd + 10, true);
  let p = dv.getUint32(eocd + 16, true);
  const out = new Map<string, Uint8Array>();
  for (let i = 0; i < count; i++) {
    if (dv.getUint32(p, true) !== 0x02014b50) throw new Error('bad central directory');
    const method = dv.getUint16(p + 10, true);
    const size = dv.getUint32(p + 20, true);
    const nameLen = dv.getUint16(p + 28, true);
    const extraLen = dv.getUint16(p + 30, true);
    const commentLen = dv.getUint16(p + 32, true);
    const local = dv.getUint32(p + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLen));
    const dataStart = local + 30 + dv.getUint16(local + 26, true) + dv.getUint16(local + 28, true);
    const raw = bytes.subarray(dataStart, dataStart + size);
    out.set(name, method === 0 ? raw : new Uint8Array(inflateRawSync(raw)));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

const demo = generateDemoWorkspace();
const PNG_1X1 = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const xmlOf = (files: Map<string, Uint8Array>, name: string): string => new TextDecoder().decode(files.get(name)!);
const allText = (el: XmlElement): string => textContent(el);

describe('renderReportDocx', () => {
  let r = newReport(demo.workspace, undefined, { id: 'r1', now: `${DEMO_NOW}T12:00:00Z`, author: 'A. Analyst' });
  r = setSectionIncluded(r, 's-context', false);
  r = addInsert(r, 's-offenders', { id: 'chart1', type: 'chart-view', viewId: 'v1', name: 'Main wall' });

  it.each(RECIPIENT_PROFILE_IDS)('%s: unzips to well-formed XML with the sections, the marking and page numbers', async (profile) => {
    const rr = renderableFor(r, demo, profile, { today: DEMO_NOW, generatedAt: `${DEMO_NOW}T12:00:00Z` });
    const bytes = await renderReportDocx(rr, { images: { chart1: PNG_1X1 } });
    expect(bytes).toBeInstanceOf(Uint8Array);
    const files = unzip(bytes);
    expect([...files.keys()]).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/styles.xml']));
    for (const [name, data] of files) if (name.endsWith('.xml') || name.endsWith('.rels')) expect(() => parseXml(new TextDecoder().decode(data)), name).not.toThrow();

    const doc = parseXml(xmlOf(files, 'word/document.xml'));
    const text = allText(doc);
    for (const s of rr.sections) expect(text).toContain(`${s.number}  ${s.title}`);
    expect(text).not.toContain('Context and changes since the last version');
    expect(text).toContain('Annex: Grading and handling key');
    expect(xmlOf(files, 'word/document.xml')).toContain('<w:pStyle w:val="Heading1"/>');

    const headers = [...files.keys()].filter((n) => /^word\/header\d+\.xml$/.test(n)).map((n) => allText(parseXml(xmlOf(files, n))));
    const footers = [...files.keys()].filter((n) => /^word\/footer\d+\.xml$/.test(n)).map((n) => xmlOf(files, n));
    expect(headers).toContain('OFFICIAL-SENSITIVE');
    expect(footers.every((f) => f.includes('OFFICIAL-SENSITIVE') && />PAGE</.test(f) && />NUMPAGES</.test(f))).toBe(true);
    expect([...files.keys()].some((n) => n.startsWith('word/media/'))).toBe(true);

    if (profile === 'police-internal') {
      expect(headers).toContain('OFFICIAL-SENSITIVE – PERSONAL – RESTRICTED ANNEX');
      expect(text).toContain('Restricted annex: identities of young people at risk');
    } else {
      expect(headers.join(' ')).not.toMatch(/RESTRICTED ANNEX/);
      for (const yp of demo.entities.filter((e) => e.kind === 'person' && isYoungPerson(e))) expect(text).not.toContain(entityLabel(yp));
    }
    // The police product lists all 900 items: a few seconds on a busy machine.
  }, 30_000);

  it('reads picture sizes', () => {
    const png = Uint8Array.from(atob(PNG_1X1.split(',')[1]!), (c) => c.charCodeAt(0));
    expect(imageSize(png, 'png')).toEqual({ width: 1, height: 1 });
  });
});
