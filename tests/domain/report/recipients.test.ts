// @vitest-environment node
/**
 * What each recipient profile receives, on the demo workspace: young people by pseudonym everywhere in the
 * main body, the restricted annex only for police internal, small counts suppressed for boards, withheld
 * items left out for partners and boards unless approved, and the most restrictive handling as the caveat.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_NOW, generateDemoWorkspace } from '../../../src/domain/demo';
import { needsOriginatorApproval } from '../../../src/domain/grading';
import { entityLabel, personNameText } from '../../../src/domain/labels';
import type { IntelItem, Person } from '../../../src/domain/model';
import { computeFigures, isYoungPerson, youngPersonPseudonyms } from '../../../src/domain/report/figures';
import { addApproval, addInsert, newReport, updateSection, type Report } from '../../../src/domain/report/model';
import {
  FiguresScopeError,
  figuresFor,
  handlingCaveat,
  nameScrubber,
  prepareForRecipient,
  RECIPIENT_PROFILE_IDS,
  recipientData,
  renderableFor,
  stripWithheld,
  SUPPRESSED,
  type RenderableReport,
} from '../../../src/domain/report/recipients';
import { renderReportHtml } from '../../../src/report/renderHtml';
import { intel, person } from '../factories';

const demo = generateDemoWorkspace();
const yps = demo.entities.filter((e): e is Person => e.kind === 'person' && isYoungPerson(e));
const pseudonyms = youngPersonPseudonyms(demo.entities);
const NOW = `${DEMO_NOW}T12:00:00.000Z`;

function report(): Report {
  let r = newReport(demo.workspace, undefined, { id: 'r1', now: NOW, author: 'A. Analyst' });
  const yp = yps[0]!;
  r = updateSection(r, 's-victims', { text: `${entityLabel(yp)} was found at a hotel twice.\n\n- ${personNameText(yp.names[0]!)} needs a plan` });
  const people = demo.entities.filter((e) => e.kind === 'person').slice(0, 30).map((e) => e.id);
  return addInsert(r, 's-annexes', { id: 'ins1', type: 'entity-table', title: 'People named in the profile', entityIds: people, columns: ['label', 'role', 'age', 'items', 'links'] });
}
const live = (r: Report, profile: (typeof RECIPIENT_PROFILE_IDS)[number]) => renderableFor(r, demo, profile, { today: DEMO_NOW, generatedAt: NOW });

/** Every string of the product outside the restricted annex. */
function mainBody(rr: RenderableReport): string {
  const { restrictedAnnex: _annex, withheld: _w, warnings: _x, ...rest } = rr;
  return JSON.stringify(rest);
}

describe('young people by pseudonym', () => {
  const r = report();
  it.each(RECIPIENT_PROFILE_IDS)('%s: no young person’s name in the main body, pseudonyms instead', (profile) => {
    const rr = live(r, profile);
    const body = mainBody(rr);
    for (const yp of yps) {
      expect(body).not.toContain(JSON.stringify(entityLabel(yp)).slice(1, -1));
      for (const n of yp.names) if (n.kind === 'legal' && personNameText(n).length > 3) expect(body).not.toContain(personNameText(n));
    }
    expect(body).toContain(pseudonyms.get(yps[0]!.id)!);
    const html = renderReportHtml(rr);
    const main = rr.restrictedAnnex ? html.slice(0, html.indexOf('id="restricted-annex"')) : html;
    for (const yp of yps) expect(main).not.toContain(entityLabel(yp).replace(/"/g, '&quot;'));
    expect(rr.warnings.some((w) => w.includes('replaced by their pseudonym'))).toBe(true);
  });

  it('the restricted annex, with the real identities, only for police internal', () => {
    const internal = live(r, 'police-internal');
    expect(internal.restrictedAnnex).toBeDefined();
    expect(internal.restrictedAnnex!.marking).toMatch(/RESTRICTED ANNEX/);
    expect(internal.restrictedAnnex!.table.rows).toHaveLength(pseudonyms.size);
    const first = internal.restrictedAnnex!.table.rows.find((row) => row[0] === pseudonyms.get(yps[0]!.id))!;
    expect(first[1]).toContain(personNameText(yps[0]!.names[0]!));
    for (const profile of ['mase-partners', 'strategic-board'] as const) {
      const rr = live(r, profile);
      expect(rr.restrictedAnnex).toBeUndefined();
      expect(renderReportHtml(rr)).not.toMatch(/RESTRICTED ANNEX/i);
    }
  });

  it('replaces full names and nicknames in free text, and warns about a given or family name alone', () => {
    const p = person({ id: 'y1', roles: [{ value: 'young-person-at-risk', sources: ['i1'] }], names: [
      { kind: 'legal', given: 'Jade', family: 'Bell', full: 'Jade Bell', sources: ['i1'] },
      { kind: 'nickname', given: '', family: '', full: 'JJ Bee', sources: ['i1'] },
    ] });
    const s = nameScrubber([p], new Map([['y1', 'YP-07']]));
    expect(s.scrub('Jade Bell, also "JJ Bee", was seen; JADE BELL again.')).toBe('YP-07, also "YP-07", was seen; YP-07 again.');
    expect(s.scrub('JJ Bee seen', true)).toBe('JJ Bee seen');
    expect(s.partial('Bell was there; Bellamy was not')).toEqual(['Bell (YP-07)']);
  });
});

describe('small counts for the strategic board', () => {
  const r = report();
  const board = live(r, 'strategic-board');

  it('no count below 5 appears as a number in any table of the product', () => {
    let suppressed = 0;
    for (const s of [...board.sections, ...board.backMatter])
      for (const b of s.blocks) {
        if (b.type !== 'table' || b.caption === 'Document control' || !b.figure && !b.caption.startsWith('People named') && s.kind !== 'sources') continue;
        b.table.columns.forEach((c, i) => {
          if (c.align !== 'right') return;
          for (const row of b.table.rows) {
            const v = row[i]!;
            if (v === SUPPRESSED) suppressed++;
            else if (/^\d[\d,]*$/.test(v)) expect(Number(v.replace(/,/g, '')), `${b.caption}: ${c.label}`).toBeGreaterThanOrEqual(5);
            else expect(v, `${b.caption}: ${c.label}`).toMatch(/%$|^\d+\.\d+$|^–$/);
          }
        });
      }
    expect(suppressed).toBeGreaterThan(20);
  });

  it('no count below 5 in the summary sentences either; the board gets no nominal lists', () => {
    for (const s of board.sections)
      for (const b of s.blocks) if (b.type === 'table' && b.summary) expect(b.summary, b.caption).not.toMatch(/(?<![\w.,<–-])[0-4](?![\d.,%x])/);
    const groups = board.sections.flatMap((s) => s.blocks).find((b) => b.type === 'table' && b.figure === 'groups');
    expect(groups?.type === 'table' && groups.table.columns.map((c) => c.label)).not.toContain('Main members');
    expect(board.warnings.some((w) => /mentions a number below 5/.test(w))).toBe(false);
    const told = live(updateSection(r, 's-scale', { text: 'Three hotels were used; 2 young people were found there on 1/3/2026.' }), 'strategic-board');
    expect(told.warnings.filter((w) => /mentions a number below 5/.test(w))).toEqual(['Section "Scale and extent": mentions a number below 5; if it counts people or places, write "fewer than five" for this audience.']);
    const internal = live(r, 'police-internal');
    const groupsInternal = internal.sections.flatMap((s) => s.blocks).find((b) => b.type === 'table' && b.figure === 'groups');
    expect(groupsInternal?.type === 'table' && groupsInternal.table.columns.map((c) => c.label)).toContain('Main members');
    expect(JSON.stringify(internal.sections)).not.toContain(SUPPRESSED);
  });
});

describe('handling', () => {
  const restricted = demo.items.filter((i) => needsOriginatorApproval(i.grading));

  it('items needing the originator are left out for partners and boards, unless approved', () => {
    expect(restricted.length).toBeGreaterThan(5);
    const r = report();
    expect(recipientData(r, demo, 'police-internal').withheld).toEqual([]);
    const partners = live(r, 'mase-partners');
    expect(partners.withheld.map((w) => w.itemId).sort()).toEqual(restricted.map((i) => i.id).sort());
    const html = renderReportHtml(partners);
    for (const i of restricted) expect(html).not.toContain(`>${i.reference}<`);
    expect(renderReportHtml(live(r, 'police-internal'))).toContain(`>${restricted[0]!.reference}<`);

    const approved = addApproval(r, { itemId: restricted[0]!.id, approvedBy: 'DS 1187 Whitworth', date: DEMO_NOW, note: 'Agreed for MASE' });
    const withApproval = live(approved, 'mase-partners');
    expect(withApproval.withheld.map((w) => w.itemId)).not.toContain(restricted[0]!.id);
    expect(renderReportHtml(withApproval)).toContain(`>${restricted[0]!.reference}<`);
    expect(withApproval.warnings.some((w) => /left out of this product/.test(w))).toBe(true);
  });

  it('what only withheld items support disappears: facts, links and entities', () => {
    const p = person({ id: 'p9', names: [{ kind: 'legal', given: 'A', family: 'B', full: 'A B', sources: ['x'] }], sex: { value: 'male', sources: ['x'] }, ethnicity: { value: 'arab', sources: ['ok', 'x'] }, roles: [{ value: 'abuser', sources: ['x'] }, { value: 'associate', sources: ['ok'] }] });
    const out = new Set(['x']);
    const kept = stripWithheld(p, out) as Person;
    expect(kept.names).toEqual([]);
    expect(kept.sex).toEqual({ value: 'unknown', sources: [] });
    expect(kept.ethnicity).toEqual({ value: 'arab', sources: ['ok'] });
    expect(kept.roles.map((x) => x.value)).toEqual(['associate']);
    expect(stripWithheld({ ...p, ethnicity: { value: 'arab', sources: ['x'] }, roles: [] }, out)).toBeNull();
  });

  it('the caveat is the most restrictive handling of what is included', () => {
    const it3 = (id: string, g: IntelItem['grading']) => intel({ id, grading: g });
    const p = it3('a', { scheme: '3x5x2', source: '1', intelligence: 'A', handling: 'P' });
    const c = it3('b', { scheme: '3x5x2', source: '2', intelligence: 'B', handling: 'C', actionCode: 'A1', sanitisation: 'S1', conditions: 'A1 S1: sanitised version may be shared' });
    const s2 = it3('c', { scheme: '3x5x2', source: '2', intelligence: 'B', handling: 'C', actionCode: 'A2', sanitisation: 'S2' });
    const h4 = it3('d', { scheme: '5x5x5', source: 'B', intelligence: '2', handling: '4' });
    const h5 = it3('e', { scheme: '5x5x5', source: 'B', intelligence: '2', handling: '5' });
    const u = it3('f', { scheme: 'ungraded' });
    expect(handlingCaveat([p, u]).level).toBe(0);
    expect(handlingCaveat([p, c, u])).toMatchObject({ level: 2, code: '3x5x2 C S1', conditions: ['A1 S1: sanitised version may be shared'] });
    expect(handlingCaveat([p, c, s2], [{ itemId: 'c', approvedBy: 'x', date: DEMO_NOW, note: '' }]).text).toMatch(/approved the inclusion of 1 item/);
    expect(handlingCaveat([c, h4, s2]).level).toBe(3);
    expect(handlingCaveat([h4, h5, p]).code).toBe('5x5x5 handling 5');
    // On the demo: internal includes 5x5x5 handling 5; partners only up to handling C until an approval.
    const r = report();
    expect(live(r, 'police-internal').caveat.level).toBe(4);
    expect(live(r, 'mase-partners').caveat.level).toBe(2);
    const h5demo = restricted.find((i) => i.grading.scheme === '5x5x5' && i.grading.handling === '5')!;
    expect(live(addApproval(r, { itemId: h5demo.id, approvedBy: 'x', date: DEMO_NOW, note: '' }), 'mase-partners').caveat.level).toBe(4);
  });

  it('refuses figures computed on data the profile may not see', () => {
    const r = report();
    const full = computeFigures(demo, { period: r.period, today: DEMO_NOW });
    expect(() => prepareForRecipient(r, full, demo, 'strategic-board')).toThrow(FiguresScopeError);
    expect(() => prepareForRecipient(r, full, demo, 'police-internal')).not.toThrow();
    const scoped = figuresFor(r, demo, 'strategic-board', { today: DEMO_NOW });
    expect(scoped.totals.items).toBe(demo.items.length - restricted.length);
  });
});
