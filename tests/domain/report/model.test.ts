// @vitest-environment node
/** The report model: the template, edits, freezing and the next version. */
import { describe, expect, it } from 'vitest';
import { DEMO_NOW, generateDemoWorkspace } from '../../../src/domain/demo';
import {
  addCustomSection,
  addGap,
  addRecommendation,
  carryForward,
  moveSection,
  newReport,
  removeSection,
  reviewPrevious,
  SECTION_KINDS,
  SECTION_TEMPLATE,
  setSectionIncluded,
  textBlocks,
  updateSection,
  validateRecommendation,
  ReportFrozenError,
} from '../../../src/domain/report/model';
import { freezeReport, renderableFor } from '../../../src/domain/report/recipients';
import type { Workspace } from '../../../src/domain/model';

const workspace: Workspace = {
  id: 'ws1',
  name: 'Operation Test',
  marking: 'OFFICIAL-SENSITIVE',
  termsOfReference: 'Aim: understand group-based exploitation in Northtown.',
  fictional: true,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};
const NOW = '2026-11-01T12:00:00.000Z';

describe('newReport', () => {
  it('lays out the 15 template sections in order with default figures and a hint each', () => {
    const r = newReport(workspace, undefined, { id: 'r1', now: NOW, author: 'A. Analyst' });
    expect(r.version).toBe(1);
    expect(r.status).toBe('draft');
    expect(r.marking).toBe('OFFICIAL-SENSITIVE');
    expect(r.sections.map((s) => s.kind)).toEqual([...SECTION_KINDS]);
    expect(r.sections.every((s) => s.included && s.hint.length > 20)).toBe(true);
    const scale = r.sections.find((s) => s.kind === 'scale')!;
    expect(scale.figures.map((f) => f.figure)).toEqual(['counts', 'yp-risk', 'missing']);
    expect(r.sections.find((s) => s.kind === 'offenders')!.figures.map((f) => f.figure)).toEqual(['key-individuals', 'groups']);
    expect(r.sections.find((s) => s.kind === 'introduction')!.text).toBe(workspace.termsOfReference);
    expect(r.control.author).toBe('A. Analyst');
    expect(r.control.nextRefreshDue).toBe('2027-11-01');
    expect(SECTION_TEMPLATE).toHaveLength(15);
  });

  it('edits: reorder, drop, add and remove a custom section, all without touching the original', () => {
    const r = newReport(workspace, undefined, { id: 'r1', now: NOW });
    const moved = moveSection(r, 's-key-findings', 0);
    expect(moved.sections[0]!.kind).toBe('key-findings');
    expect(r.sections[0]!.kind).toBe('document-control');
    const dropped = setSectionIncluded(moved, 's-annexes', false);
    expect(dropped.sections.find((s) => s.id === 's-annexes')!.included).toBe(false);
    const custom = addCustomSection(dropped, 'Operation Birch update', 3, 'c1');
    expect(custom.sections[3]!).toMatchObject({ id: 'c1', kind: 'custom', title: 'Operation Birch update' });
    expect(removeSection(custom, 'c1').sections.some((s) => s.id === 'c1')).toBe(false);
    // A template section is dropped, not removed.
    const gone = removeSection(custom, 's-context');
    expect(gone.sections.find((s) => s.id === 's-context')!.included).toBe(false);
    expect(updateSection(r, 's-key-findings', { text: 'It is highly likely...' }).sections[2]!.text).toBe('It is highly likely...');
  });

  it('reads paragraphs and bulleted lists from the text', () => {
    expect(textBlocks('First line\ncontinues.\n\n- one\n- two\n\n\nLast.')).toEqual([
      { type: 'paragraph', text: 'First line continues.' },
      { type: 'list', items: ['one', 'two'] },
      { type: 'paragraph', text: 'Last.' },
    ]);
  });

  it('validates recommendations (owner, due date, 4P category)', () => {
    expect(validateRecommendation({ text: 'Review licences', owner: '', due: '', status: 'open', category: 'Pursue' })).toEqual([
      'Every recommendation needs an owner.',
      'Every recommendation needs a due date.',
    ]);
    expect(validateRecommendation({ text: 'x', owner: 'Licensing', due: '2027-01-31', status: 'open', category: 'Protect' })).toEqual([]);
  });
});

describe('versions', () => {
  const demo = generateDemoWorkspace();
  let v1 = newReport(demo.workspace, undefined, { id: 'v1', now: NOW, author: 'A. Analyst' });
  v1 = addRecommendation(v1, { id: 'rec1', text: 'Licensing review of Riverside Lodge Hotel', owner: 'Licensing', due: '2027-01-31', status: 'open', category: 'Pursue' });
  v1 = addRecommendation(v1, { id: 'rec2', text: 'Return home interviews within 72 hours', owner: 'CSC', due: '2027-02-28', status: 'in-progress', category: 'Protect' });
  v1 = addGap(v1, { id: 'g1', text: 'Who books the hotel rooms?', priority: 'high' });
  v1 = addGap(v1, { id: 'g2', text: 'Closed gap', priority: 'low', status: 'closed' });
  v1 = updateSection(v1, 's-key-findings', { text: 'It is highly likely that two groups operate in Kelbridge.' });
  const frozen = freezeReport(v1, demo, { by: 'A. Analyst', at: NOW, today: DEMO_NOW });

  it('a frozen version refuses edits and keeps its products', () => {
    expect(frozen.status).toBe('frozen');
    expect(frozen.frozenBy).toBe('A. Analyst');
    expect(() => updateSection(frozen, 's-key-findings', { text: 'changed' })).toThrow(ReportFrozenError);
    expect(() => freezeReport(frozen, demo, { by: 'x', today: DEMO_NOW })).toThrow(ReportFrozenError);
    expect(Object.keys(frozen.snapshot!.rendered).sort()).toEqual(['mase-partners', 'police-internal', 'strategic-board']);
    expect(frozen.snapshot!.entityIds.length).toBe(demo.entities.length);
    expect(frozen.control.extractionDate).toBe(DEMO_NOW);
    // The workspace changes: the frozen product does not.
    const changed = { ...demo, items: demo.items.slice(0, 100) };
    const before = JSON.stringify(renderableFor(frozen, demo, 'mase-partners', { today: DEMO_NOW }));
    expect(JSON.stringify(renderableFor(frozen, changed, 'mase-partners', { today: '2027-06-01' }))).toBe(before);
  });

  it('the next version starts from the frozen one and carries its recommendations for review', () => {
    const v2 = newReport(demo.workspace, frozen, { id: 'v2', now: '2027-05-01T09:00:00Z' });
    expect(v2.version).toBe(2);
    expect(v2.basedOn).toBe('v1');
    expect(v2.status).toBe('draft');
    expect(v2.sections.find((s) => s.kind === 'key-findings')!.text).toBe('It is highly likely that two groups operate in Kelbridge.');
    expect(v2.recommendations).toEqual([]);
    expect(v2.previousRecommendations.map((p) => [p.recommendation.id, p.status, p.fromVersion])).toEqual([
      ['rec1', 'open', 1],
      ['rec2', 'in-progress', 1],
    ]);
    expect(v2.gaps.map((g) => g.id)).toEqual(['g1']);
    expect(v2.previousIds!.entityIds).toEqual(frozen.snapshot!.entityIds);
    const reviewed = reviewPrevious(v2, 'rec1', { status: 'done', comment: 'Licence suspended in March.' });
    expect(reviewed.previousRecommendations[0]).toMatchObject({ status: 'done', comment: 'Licence suspended in March.' });
    const carried = carryForward(reviewed, 'rec2', 'rec3');
    expect(carried.recommendations).toEqual([{ id: 'rec3', text: 'Return home interviews within 72 hours', owner: 'CSC', due: '2027-02-28', status: 'in-progress', category: 'Protect' }]);
    expect(carried.previousRecommendations[1]!.carriedForward).toBe(true);
    const rr = renderableFor(carried, demo, 'police-internal', { today: DEMO_NOW });
    const review = rr.sections.find((s) => s.kind === 'previous-review')!.blocks.find((b) => b.type === 'table');
    expect(review?.type === 'table' && review.table.rows[0]).toEqual([
      'Pursue',
      'Licensing review of Riverside Lodge Hotel',
      'Licensing',
      '31/01/2027',
      'Open',
      'Done',
      'Licence suspended in March.',
    ]);
  });
});
