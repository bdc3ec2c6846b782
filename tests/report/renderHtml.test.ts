// @vitest-environment node
/** The HTML product: self-contained, A4 with the marking on every page, escaped, pictures inlined. */
import { describe, expect, it } from 'vitest';
import { DEMO_NOW, generateDemoWorkspace } from '../../src/domain/demo';
import { addInsert, newReport, updateSection } from '../../src/domain/report/model';
import { renderableFor } from '../../src/domain/report/recipients';
import { renderReportHtml, safeImageUrl } from '../../src/report/renderHtml';

const demo = generateDemoWorkspace();
const PNG_1X1 = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

function product(profile: 'police-internal' | 'mase-partners' | 'strategic-board', images?: Record<string, string>) {
  let r = newReport(demo.workspace, undefined, { id: 'r1', now: `${DEMO_NOW}T12:00:00Z`, author: 'A. Analyst' });
  r = updateSection(r, 's-key-findings', { text: 'It is highly likely that <script>alert(1)</script> & "two" groups operate.' });
  r = addInsert(r, 's-offenders', { id: 'chart1', type: 'chart-view', viewId: 'v1', name: 'Main wall' });
  r = addInsert(r, 's-locations', { id: 'map1', type: 'map-view', name: 'Hot spots' });
  const rr = renderableFor(r, demo, profile, { today: DEMO_NOW, generatedAt: `${DEMO_NOW}T12:00:00Z` });
  return { rr, html: renderReportHtml(rr, images ? { images } : {}) };
}

describe('renderReportHtml', () => {
  it('prints on A4 with the marking top and bottom of every page and "Page X of Y"', () => {
    const { html } = product('mase-partners');
    expect(html).toMatch(/@page \{\s*size: A4;\s*margin: 22mm 16mm;/);
    expect(html).toContain('@top-center { content: "OFFICIAL-SENSITIVE"');
    expect(html).toContain('@bottom-center { content: "OFFICIAL-SENSITIVE"');
    expect(html).toContain('@bottom-right { content: "Page " counter(page) " of " counter(pages)');
    expect(html).toContain('<div class="marking-fixed marking-top" aria-hidden="true">OFFICIAL-SENSITIVE</div>');
    expect(html).toContain('<div class="marking-fixed marking-bottom" aria-hidden="true">OFFICIAL-SENSITIVE</div>');
  });

  it('is self-contained: no script, no request to any host', () => {
    const { html } = product('strategic-board', { chart1: PNG_1X1, map1: 'https://tiles.example.org/1/2/3.png' });
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(?:src|href)="(?!data:|#)/);
    expect(html).not.toMatch(/url\(|@import|https?:\/\//);
    expect(html).toContain(`<img src="${PNG_1X1}"`);
    // The map picture was not a data URL: a placeholder instead.
    expect(html).toContain('Picture not captured: Map: Hot spots');
    expect(safeImageUrl('data:image/svg+xml;base64,PHN2Zz4=')).not.toBeNull();
    expect(safeImageUrl('javascript:alert(1)')).toBeNull();
  });

  it('escapes the analyst’s text', () => {
    const { html } = product('police-internal');
    expect(html).toContain('It is highly likely that &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;two&quot; groups operate.');
  });

  it('has the cover, contents, every section, the grading key; the restricted annex on its own marked page for police only', () => {
    const { rr, html } = product('police-internal');
    for (const s of rr.sections) expect(html).toContain(`id="${s.anchor}"`);
    expect(html).toContain('Handling: No further dissemination');
    expect(html).toContain('Annex: Grading and handling key');
    expect(html).toContain('<section class="restricted" id="restricted-annex"');
    expect(html).toMatch(/@page restricted \{\s*@top-center \{ content: "OFFICIAL-SENSITIVE – PERSONAL – RESTRICTED ANNEX"/);
    expect(html.indexOf('id="restricted-annex"')).toBeGreaterThan(html.indexOf('Annex: Sources of intelligence'));
    const board = product('strategic-board').html;
    expect(board).not.toContain('class="restricted"');
    expect(board).toContain('Counts below 5 are shown as &quot;&lt;5&quot;');
  });
});
