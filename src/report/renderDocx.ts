/**
 * Renders a RenderableReport (src/domain/report/recipients.ts) as an editable Word document with the
 * docx library: A4, the security marking in the header and footer of every page with "Page X of Y"
 * fields, section headings in Word's Heading 1 / Heading 2 styles (so the navigation pane and a table of
 * contents work), figures as tables with captions (Word's Caption style) and a repeated header row, the
 * grading key and sources, and the restricted annex (police internal only) in a Word section of its own
 * starting on a new page, whose header and footer carry the annex's own marking.
 *
 * Works in the browser and in Node: the result is the .docx file's bytes (wrap them in a Blob with
 * DOCX_MIME to download). Pictures of chart and map views are embedded when they are PNG, JPEG or GIF data
 * URLs; others get a placeholder paragraph.
 */
import {
  AlignmentType,
  BorderStyle,
  convertMillimetersToTwip,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ISectionOptions,
} from 'docx';
import type { RenderBlock, RenderSection, RenderTable, RenderableReport } from '../domain/report/recipients';
import { safeImageUrl } from './renderHtml';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export interface RenderDocxOptions {
  /** Pictures of chart and map inserts by insert id (data URLs); they win over pictures kept in the product. */
  images?: Readonly<Record<string, string>>;
}

const NAVY = '14284B';
const RED = '8B0000';
const A4 = { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) };
const MARGINS = {
  top: convertMillimetersToTwip(22),
  bottom: convertMillimetersToTwip(22),
  left: convertMillimetersToTwip(16),
  right: convertMillimetersToTwip(16),
  header: convertMillimetersToTwip(8),
  footer: convertMillimetersToTwip(8),
};
/** Text width in pixels at 96 dpi: 178 mm. */
const TEXT_WIDTH_PX = Math.floor((178 / 25.4) * 96);
const MAX_IMAGE_HEIGHT_PX = Math.floor((200 / 25.4) * 96);

function markingHeader(marking: string, colour: string): Header {
  return new Header({
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: marking, bold: true, size: 20, color: colour, characterSpacing: 20 })] })],
  });
}

function markingFooter(marking: string, colour: string): Footer {
  return new Footer({
    children: [
      new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: marking, bold: true, size: 20, color: colour, characterSpacing: 20 })] }),
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: 16, color: '333333' })],
      }),
    ],
  });
}

const cellBorder = { style: BorderStyle.SINGLE, size: 4, color: '8A94A6' };
const borders = { top: cellBorder, bottom: cellBorder, left: cellBorder, right: cellBorder, insideHorizontal: cellBorder, insideVertical: cellBorder };

function docxTable(t: RenderTable, headerFill = 'E6EBF3'): Table {
  const totals = new Set(t.totalRows ?? []);
  // Long tables (the sources annex has a row per item) make thousands of cells: formatting comes from the
  // TableText style and the table's cell margins rather than from each cell, which halves the time.
  const cell = (text: string, right: boolean, strong: boolean, fill?: string): TableCell =>
    new TableCell({
      ...(fill ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill } } : {}),
      children: [new Paragraph({ style: 'TableText', ...(right ? { alignment: AlignmentType.RIGHT } : {}), children: [strong ? new TextRun({ text, bold: true }) : new TextRun(text)] })],
    });
  const header = new TableRow({ tableHeader: true, cantSplit: true, children: t.columns.map((c) => cell(c.label, c.align === 'right', true, headerFill)) });
  const rows = t.rows.length
    ? t.rows.map(
        (row, r) =>
          new TableRow({ cantSplit: true, children: row.map((v, i) => cell(v, t.columns[i]?.align === 'right', totals.has(r), totals.has(r) ? 'EEF1F6' : undefined)) }),
      )
    : [new TableRow({ children: [new TableCell({ columnSpan: Math.max(1, t.columns.length), children: [new Paragraph({ style: 'TableText', children: [new TextRun({ text: 'Nothing to show.', italics: true })] })] })] })];
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    rows: [header, ...rows],
  });
}

function base64Bytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Pixel size of a PNG, JPEG or GIF (null when unknown). */
export function imageSize(bytes: Uint8Array, type: 'png' | 'jpg' | 'gif'): { width: number; height: number } | null {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    if (type === 'png') return { width: dv.getUint32(16), height: dv.getUint32(20) };
    if (type === 'gif') return { width: dv.getUint16(6, true), height: dv.getUint16(8, true) };
    let i = 2;
    while (i + 9 < bytes.length) {
      if (bytes[i] !== 0xff) return null;
      const marker = bytes[i + 1]!;
      const len = dv.getUint16(i + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return { height: dv.getUint16(i + 5), width: dv.getUint16(i + 7) };
      i += 2 + len;
    }
  } catch {
    return null;
  }
  return null;
}

function imageParagraph(dataUrl: string | null, alt: string, caption: string): Paragraph {
  const m = dataUrl?.match(/^data:image\/(png|jpeg|gif);base64,(.+)$/);
  if (m) {
    const type = m[1] === 'jpeg' ? 'jpg' : (m[1] as 'png' | 'gif');
    const bytes = base64Bytes(m[2]!);
    const size = imageSize(bytes, type);
    if (size && size.width > 0 && size.height > 0) {
      const scale = Math.min(1, TEXT_WIDTH_PX / size.width, MAX_IMAGE_HEIGHT_PX / size.height);
      return new Paragraph({
        alignment: AlignmentType.CENTER,
        keepNext: true,
        children: [
          new ImageRun({
            type,
            data: bytes,
            transformation: { width: Math.round(size.width * scale), height: Math.round(size.height * scale) },
            altText: { name: caption, description: alt, title: caption },
          }),
        ],
      });
    }
  }
  return new Paragraph({
    keepNext: true,
    border: { top: cellBorder, bottom: cellBorder, left: cellBorder, right: cellBorder },
    spacing: { before: 240, after: 240 },
    alignment: AlignmentType.CENTER,
    children: [new TextRun({ text: `Picture not available in this format: ${caption}`, italics: true, color: '555555' })],
  });
}

function blockElements(b: RenderBlock, images: Readonly<Record<string, string>>): (Paragraph | Table)[] {
  switch (b.type) {
    case 'paragraph':
      return [new Paragraph({ text: b.text })];
    case 'list':
      return b.items.map((t) => new Paragraph({ text: t, bullet: { level: 0 } }));
    case 'notice':
      return [new Paragraph({ children: [new TextRun({ text: b.text, italics: true })] })];
    case 'table': {
      const out: (Paragraph | Table)[] = [];
      if (b.summary) out.push(new Paragraph({ keepNext: true, children: [new TextRun({ text: b.summary, bold: true })] }));
      out.push(new Paragraph({ style: 'Caption', keepNext: true, children: [new TextRun({ text: `Table ${b.number}: ${b.caption}` })] }));
      out.push(docxTable(b.table));
      if (b.note) out.push(new Paragraph({ spacing: { before: 60 }, children: [new TextRun({ text: b.note, size: 18, color: '444444' })] }));
      else out.push(new Paragraph({ spacing: { after: 0 }, children: [] }));
      return out;
    }
    case 'image':
      return [
        imageParagraph(safeImageUrl(images[b.insertId] ?? b.dataUrl), b.alt, b.caption),
        new Paragraph({ style: 'Caption', children: [new TextRun({ text: `Figure ${b.number}: ${b.caption}` })] }),
      ];
  }
}

function sectionElements(s: RenderSection, images: Readonly<Record<string, string>>, annex: boolean): (Paragraph | Table)[] {
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(annex ? `Annex: ${s.title}` : `${s.number}  ${s.title}`)] }),
    ...s.blocks.flatMap((b) => blockElements(b, images)),
  ];
}

/** The .docx file's bytes. */
export async function renderReportDocx(r: RenderableReport, options: RenderDocxOptions = {}): Promise<Uint8Array> {
  const images = options.images ?? {};
  const properties = { page: { size: A4, margin: MARGINS } };
  const cover: (Paragraph | Table)[] = [
    new Paragraph({
      spacing: { before: 1200, after: 120 },
      children: [
        new TextRun({ text: `PROBLEM PROFILE · VERSION ${r.version}`, size: 19, color: '444444', characterSpacing: 20 }),
        ...(r.status === 'draft' ? [new TextRun({ text: '   DRAFT', bold: true, color: RED, size: 19 })] : []),
      ],
    }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(r.title)] }),
    new Paragraph({ spacing: { after: 240 }, children: [new TextRun({ text: r.workspaceName, size: 26, color: '333333' })] }),
    new Paragraph({ spacing: { after: 240 }, children: [new TextRun({ text: 'Prepared for: ', bold: true }), new TextRun(`${r.profile.label}. ${r.profile.audience}`)] }),
    docxTable({ columns: [{ label: 'Document control', align: 'left' }, { label: '', align: 'left' }], rows: r.cover.map((c) => [c.label, c.value]) }),
    new Paragraph({ spacing: { before: 240 }, children: [] }),
    new Paragraph({
      heading: HeadingLevel.HEADING_2,
      border: { top: { style: BorderStyle.SINGLE, size: 12, color: NAVY, space: 4 } },
      children: [new TextRun(`Handling: ${r.caveat.title}`)],
    }),
    new Paragraph({ text: r.caveat.text }),
    new Paragraph({
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: NAVY, space: 4 } },
      children: [
        new TextRun({
          text: `Security marking: ${r.marking}, at the top and bottom of every page. Grades are written source, assessment, handling (3x5x2: source 1 reliable, 2 untested, 3 not reliable; assessment A known directly, B known indirectly and corroborated, C known indirectly, D not known, E suspected false; handling P sharing permitted, C sharing with conditions). The full key is in the annex.`,
          size: 19,
          color: '333333',
        }),
      ],
    }),
    new Paragraph({ pageBreakBefore: true, heading: HeadingLevel.HEADING_1, children: [new TextRun('Contents')] }),
    ...r.sections.map((s) => new Paragraph({ spacing: { after: 60 }, children: [new TextRun(`${s.number}  ${s.title}`)] })),
    ...r.backMatter.map((s) => new Paragraph({ spacing: { after: 60 }, children: [new TextRun(`Annex: ${s.title}`)] })),
    ...(r.restrictedAnnex ? [new Paragraph({ spacing: { after: 60 }, children: [new TextRun(`Annex: ${r.restrictedAnnex.title} (separately marked)`)] })] : []),
  ];
  const body: (Paragraph | Table)[] = [];
  r.sections.forEach((s, i) => {
    const els = sectionElements(s, images, false);
    if (i === 0) body.push(new Paragraph({ pageBreakBefore: true, children: [] }));
    body.push(...els);
  });
  for (const s of r.backMatter) body.push(...sectionElements(s, images, true));

  const sections: ISectionOptions[] = [
    {
      properties,
      headers: { default: markingHeader(r.marking, '000000') },
      footers: { default: markingFooter(r.marking, '000000') },
      children: [...cover, ...body],
    },
  ];
  if (r.restrictedAnnex) {
    const a = r.restrictedAnnex;
    const banner = (): Paragraph =>
      new Paragraph({
        alignment: AlignmentType.CENTER,
        border: { top: { style: BorderStyle.SINGLE, size: 16, color: RED, space: 4 }, bottom: { style: BorderStyle.SINGLE, size: 16, color: RED, space: 4 } },
        spacing: { before: 120, after: 240 },
        children: [new TextRun({ text: a.marking, bold: true, color: RED })],
      });
    sections.push({
      properties,
      headers: { default: markingHeader(a.marking, RED) },
      footers: { default: markingFooter(a.marking, RED) },
      children: [
        banner(),
        new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(a.title)] }),
        new Paragraph({ children: [new TextRun({ text: a.notice, bold: true, color: RED })] }),
        new Paragraph({ style: 'Caption', keepNext: true, children: [new TextRun('Pseudonyms and identities')] }),
        docxTable(a.table, 'F6E3E3'),
        banner(),
      ],
    });
  }

  const doc = new Document({
    creator: 'Linkwall',
    title: `${r.marking}: ${r.title} (version ${r.version})`,
    description: `Problem profile for ${r.profile.label}. Security marking ${r.marking}.`,
    styles: {
      default: {
        document: { run: { font: 'Arial', size: 22 }, paragraph: { spacing: { after: 120, line: 300 } } },
        title: { run: { font: 'Arial', size: 48, bold: true, color: NAVY } },
        heading1: { run: { font: 'Arial', size: 30, bold: true, color: NAVY }, paragraph: { spacing: { before: 360, after: 160 }, keepNext: true, keepLines: true, outlineLevel: 0 } },
        heading2: { run: { font: 'Arial', size: 24, bold: true, color: NAVY }, paragraph: { spacing: { before: 240, after: 80 }, keepNext: true, outlineLevel: 1 } },
        caption: { run: { font: 'Arial', size: 20, bold: true, color: NAVY }, paragraph: { spacing: { before: 60, after: 60 }, keepNext: true } },
      },
      paragraphStyles: [
        { id: 'TableText', name: 'Table Text', basedOn: 'Normal', quickFormat: true, run: { size: 18 }, paragraph: { spacing: { before: 0, after: 0, line: 240 } } },
      ],
    },
    sections,
  });
  return Packer.pack(doc, 'uint8array');
}
