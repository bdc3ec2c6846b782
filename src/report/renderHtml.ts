/**
 * Renders a RenderableReport (src/domain/report/recipients.ts) as one self-contained HTML document: inline
 * CSS, pictures as data URLs, no script, no font and no request to any host. The same document is the
 * "HTML" export, what the browser prints to PDF (A4, the security marking in the top and bottom page
 * margins of every page, "Page X of Y" bottom right, via CSS page-margin boxes: Chromium 131+) and what
 * the app previews on screen (where the marking is a fixed banner top and bottom instead).
 *
 * Layout: cover (title, recipient, document control, handling caveat with the 3x5x2 key in brief) on its
 * own page; contents; the sections, figures as tables with numbered captions and their summary sentence;
 * the grading key and the sources annex; the restricted annex (police internal only) starting on its own
 * page, as a named page whose margins carry the annex's own marking, with a banner of its own as well.
 *
 * Pure string building: runs in the page, a worker and Node.
 */
import type { RenderBlock, RenderSection, RenderTable, RenderableReport } from '../domain/report/recipients';

export interface RenderHtmlOptions {
  /** Pictures of chart and map inserts by insert id (data URLs); they win over pictures kept in the product. */
  images?: Readonly<Record<string, string>>;
}

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));

/** A CSS string literal (for `content:`), safe inside a <style> element. */
const cssString = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/</g, '\\3c ').replace(/[\r\n]+/g, ' ')}"`;

const DATA_URL = /^data:image\/(?:png|jpeg|gif|webp|svg\+xml);base64,[A-Za-z0-9+/=\s]+$/;

/** Only pictures inlined as data URLs are used: anything else would make the file fetch something. */
export function safeImageUrl(url: string | undefined): string | null {
  return url && DATA_URL.test(url) ? url.replace(/\s+/g, '') : null;
}

function table(t: RenderTable, caption: string | null, cls = ''): string {
  const head = `<thead><tr>${t.columns.map((c) => `<th scope="col"${c.align === 'right' ? ' class="num"' : ''}>${esc(c.label)}</th>`).join('')}</tr></thead>`;
  const totals = new Set(t.totalRows ?? []);
  const body = t.rows.length
    ? t.rows
        .map(
          (row, r) =>
            `<tr${totals.has(r) ? ' class="total"' : ''}>${row
              .map((cell, i) => `<td${t.columns[i]?.align === 'right' ? ' class="num"' : ''}>${esc(cell)}</td>`)
              .join('')}</tr>`,
        )
        .join('\n')
    : `<tr><td colspan="${Math.max(1, t.columns.length)}" class="empty">Nothing to show.</td></tr>`;
  const small = t.rows.length <= 16 ? ' keep' : '';
  return `<table class="${(cls + small).trim()}">${caption !== null ? `<caption>${esc(caption)}</caption>` : ''}${head}<tbody>${body}</tbody></table>`;
}

function block(b: RenderBlock, images: Readonly<Record<string, string>>): string {
  switch (b.type) {
    case 'paragraph':
      return `<p>${esc(b.text)}</p>`;
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`;
    case 'notice':
      return `<p class="notice">${esc(b.text)}</p>`;
    case 'table':
      return `<figure class="fig-table">${b.summary ? `<p class="summary">${esc(b.summary)}</p>` : ''}${table(b.table, `Table ${b.number}: ${b.caption}`)}${
        b.note ? `<p class="note">${esc(b.note)}</p>` : ''
      }</figure>`;
    case 'image': {
      const url = safeImageUrl(images[b.insertId] ?? b.dataUrl);
      const body = url
        ? `<img src="${esc(url)}" alt="${esc(b.alt)}">`
        : `<div class="missing-image" role="img" aria-label="${esc(b.alt)}">Picture not captured: ${esc(b.caption)}</div>`;
      return `<figure class="fig-image">${body}<figcaption>Figure ${b.number}: ${esc(b.caption)}</figcaption></figure>`;
    }
  }
}

function section(s: RenderSection, images: Readonly<Record<string, string>>, annex = false): string {
  const heading = annex ? `Annex: ${esc(s.title)}` : `<span class="sec-num">${esc(s.number)}</span> ${esc(s.title)}`;
  return `<section class="section${annex ? ' annex' : ''}" id="${esc(s.anchor)}" aria-labelledby="${esc(s.anchor)}-h">
<h2 id="${esc(s.anchor)}-h">${heading}</h2>
${s.blocks.map((b) => block(b, images)).join('\n')}
</section>`;
}

const STYLE = (marking: string, annexMarking: string): string => `
@page {
  size: A4;
  margin: 22mm 16mm;
  @top-center { content: ${cssString(marking)}; font: 700 10pt Arial, Helvetica, sans-serif; color: #000; letter-spacing: 0.06em; }
  @bottom-center { content: ${cssString(marking)}; font: 700 10pt Arial, Helvetica, sans-serif; color: #000; letter-spacing: 0.06em; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 9pt Arial, Helvetica, sans-serif; color: #333; }
}
@page restricted {
  @top-center { content: ${cssString(annexMarking)}; font: 700 10pt Arial, Helvetica, sans-serif; color: #8b0000; }
  @bottom-center { content: ${cssString(annexMarking)}; font: 700 10pt Arial, Helvetica, sans-serif; color: #8b0000; }
}
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { font: 11pt/1.5 Arial, "Helvetica Neue", Helvetica, "Liberation Sans", sans-serif; color: #1a1a1a; background: #fff; }
body { margin: 0; }
main { max-width: 178mm; margin: 0 auto; }
h1 { font-size: 24pt; line-height: 1.2; margin: 0 0 6pt; color: #14284b; }
h2 { font-size: 15pt; line-height: 1.25; margin: 20pt 0 8pt; color: #14284b; border-bottom: 1.5pt solid #14284b; padding-bottom: 3pt; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 12pt; margin: 14pt 0 6pt; color: #14284b; break-after: avoid; }
p { margin: 0 0 8pt; orphans: 3; widows: 3; }
ul { margin: 0 0 8pt 18pt; padding: 0; }
.sec-num { display: inline-block; min-width: 1.6em; }
.marking-fixed { display: none; }
.cover { break-after: page; page-break-after: always; }
.cover .kicker { text-transform: uppercase; letter-spacing: 0.08em; font-size: 9.5pt; color: #444; margin-top: 28mm; }
.cover .subtitle { font-size: 13pt; color: #333; margin-bottom: 14pt; }
.cover .prepared { font-size: 12pt; margin-bottom: 14pt; }
.cover .draft { display: inline-block; border: 1.5pt solid #8b0000; color: #8b0000; font-weight: 700; padding: 1pt 6pt; margin-left: 6pt; }
.caveat { border: 1.5pt solid #14284b; padding: 8pt 10pt; margin: 14pt 0; break-inside: avoid; }
.caveat h2 { border: 0; margin: 0 0 4pt; font-size: 12pt; padding: 0; }
.caveat .key { font-size: 9.5pt; color: #333; margin: 6pt 0 0; }
.contents { break-after: page; page-break-after: always; }
.contents ol { list-style: none; padding: 0; margin: 0; }
.contents li { padding: 3pt 0; border-bottom: 0.5pt dotted #999; }
.contents a { color: inherit; text-decoration: none; }
.contents .sec-num { min-width: 3.2em; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; line-height: 1.35; margin: 0 0 4pt; }
table.keep { break-inside: avoid; page-break-inside: avoid; }
caption { caption-side: top; text-align: left; font-weight: 700; font-size: 10pt; padding: 0 0 4pt; color: #14284b; }
th, td { border: 0.5pt solid #8a94a6; padding: 3pt 5pt; text-align: left; vertical-align: top; }
th { background: #e6ebf3; font-weight: 700; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
tr.total td { font-weight: 700; background: #f3f5f9; }
tbody tr:nth-child(even) td { background: #fafbfd; }
tr.total td { background: #eef1f6; }
td.empty { color: #555; font-style: italic; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
figure { margin: 10pt 0 14pt; }
.summary { font-weight: 600; margin-bottom: 4pt; break-after: avoid-page; page-break-after: avoid; }
.note { font-size: 9pt; color: #444; margin-top: 3pt; }
.notice { font-style: italic; color: #333; }
.fig-image { break-inside: avoid; page-break-inside: avoid; text-align: center; }
.fig-image img { max-width: 100%; max-height: 220mm; height: auto; border: 0.5pt solid #8a94a6; }
.fig-image figcaption { text-align: left; font-weight: 700; font-size: 10pt; color: #14284b; margin-top: 4pt; }
.missing-image { border: 1pt dashed #8a94a6; padding: 30pt 10pt; color: #555; font-style: italic; }
table.control { max-width: 130mm; }
table.control th { width: 38%; background: #f3f5f9; }
.annex h2 { font-size: 14pt; }
.restricted { page: restricted; break-before: page; page-break-before: always; }
.restricted .banner { border: 2pt solid #8b0000; color: #8b0000; font-weight: 700; text-align: center; padding: 6pt; letter-spacing: 0.05em; margin: 0 0 10pt; }
.restricted h2 { color: #8b0000; border-color: #8b0000; }
.restricted .warning { border-left: 3pt solid #8b0000; padding: 4pt 8pt; background: #fbf0f0; }
@media screen {
  body { background: #eef0f4; padding: 44px 12px; }
  main { background: #fff; padding: 22mm 16mm; box-shadow: 0 1px 4px rgba(0,0,0,0.2); }
  .marking-fixed { display: block; position: fixed; left: 0; right: 0; z-index: 10; text-align: center; font: 700 12px/28px Arial, Helvetica, sans-serif; letter-spacing: 0.06em; background: #14284b; color: #fff; }
  .marking-top { top: 0; }
  .marking-bottom { bottom: 0; }
  .restricted { border-top: 4px solid #8b0000; margin-top: 30px; padding-top: 10px; }
  .cover .kicker { margin-top: 0; }
}
@media print {
  html { font-size: 10.5pt; }
  a { color: inherit; text-decoration: none; }
}
`;

/** The full HTML document of the product. */
export function renderReportHtml(r: RenderableReport, options: RenderHtmlOptions = {}): string {
  const images = options.images ?? {};
  const annexMarking = r.restrictedAnnex?.marking ?? r.marking;
  const contents = [
    ...r.sections.map((s) => `<li><a href="#${esc(s.anchor)}"><span class="sec-num">${esc(s.number)}</span> ${esc(s.title)}</a></li>`),
    ...r.backMatter.map((s) => `<li><a href="#${esc(s.anchor)}"><span class="sec-num">Annex</span> ${esc(s.title)}</a></li>`),
    ...(r.restrictedAnnex ? [`<li><a href="#restricted-annex"><span class="sec-num">Annex</span> ${esc(r.restrictedAnnex.title)} (separately marked)</a></li>`] : []),
  ].join('\n');
  const cover = `<section class="cover" aria-label="Cover">
<p class="kicker">Problem profile · Version ${r.version}${r.status === 'draft' ? '<span class="draft">DRAFT</span>' : ''}</p>
<h1>${esc(r.title)}</h1>
<p class="subtitle">${esc(r.workspaceName)}</p>
<p class="prepared"><strong>Prepared for:</strong> ${esc(r.profile.label)}. ${esc(r.profile.audience)}</p>
${table({ columns: [{ label: 'Document control', align: 'left' }, { label: '', align: 'left' }], rows: r.cover.map((c) => [c.label, c.value]) }, null, 'control')}
<div class="caveat" role="note" aria-label="Handling caveat">
<h2>Handling: ${esc(r.caveat.title)}</h2>
<p>${esc(r.caveat.text)}</p>
<p class="key">Security marking: ${esc(r.marking)}, at the top and bottom of every page. Grades are written source, assessment, handling (3x5x2: source 1 reliable, 2 untested, 3 not reliable; assessment A known directly, B known indirectly and corroborated, C known indirectly, D not known, E suspected false; handling P sharing permitted, C sharing with conditions). The full key is in the annex.</p>
</div>
</section>`;
  const restricted = r.restrictedAnnex
    ? `<section class="restricted" id="restricted-annex" aria-labelledby="restricted-annex-h">
<p class="banner">${esc(r.restrictedAnnex.marking)}</p>
<h2 id="restricted-annex-h">${esc(r.restrictedAnnex.title)}</h2>
<p class="warning">${esc(r.restrictedAnnex.notice)}</p>
${table(r.restrictedAnnex.table, 'Pseudonyms and identities')}
<p class="banner">${esc(r.restrictedAnnex.marking)}</p>
</section>`
    : '';
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<meta name="referrer" content="no-referrer">
<meta name="linkwall-marking" content="${esc(r.marking)}">
<meta name="linkwall-recipient" content="${esc(r.profile.id)}">
<title>${esc(r.marking)}: ${esc(r.title)} (version ${r.version}, ${esc(r.profile.label)})</title>
<style>${STYLE(r.marking, annexMarking)}</style>
</head>
<body>
<div class="marking-fixed marking-top" aria-hidden="true">${esc(r.marking)}</div>
<main>
${cover}
<nav class="contents" aria-labelledby="contents-h"><h2 id="contents-h">Contents</h2><ol>
${contents}
</ol></nav>
${r.sections.map((s) => section(s, images)).join('\n')}
${r.backMatter.map((s) => section(s, images, true)).join('\n')}
${restricted}
</main>
<div class="marking-fixed marking-bottom" aria-hidden="true">${esc(r.marking)}</div>
</body>
</html>
`;
}
