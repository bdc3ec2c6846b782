// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { applyChartFilter, applyGroups, dateRange, neighbours, NO_FILTER, pseudonyms, toChartElements } from '../../src/graph/toElements';
import { generateDemoWorkspace } from '../../src/domain/demo';
import { entityLabel } from '../../src/domain/labels';

const demo = generateDemoWorkspace();
const entities = new Map(demo.entities.map((e) => [e.id, e]));
const items = new Map(demo.items.map((i) => [i.id, i]));

describe('chart elements', () => {
  it('pseudonymises every young person at risk, stably, and leaves no real name in the labels', () => {
    const ps = pseudonyms(demo.entities);
    expect(ps.size).toBeGreaterThan(30);
    expect(pseudonyms([...demo.entities].reverse())).toEqual(ps);
    const ids = demo.entities.map((e) => e.id);
    const { nodes } = toChartElements(ids, entities, demo.links, items, { pseudonymise: true, pseudonyms: ps, aggregate: true });
    const yp = nodes.filter((n) => n.youngPerson);
    expect(yp.length).toBe(ps.size);
    for (const n of yp) {
      expect(n.label).toMatch(/^YP-\d{2}$/);
      expect(n.label).not.toBe(entityLabel(entities.get(n.id)!));
    }
  });

  it('shows parallel links as one edge with a count, graded by the best source', () => {
    const ids = demo.entities.map((e) => e.id);
    const all = toChartElements(ids, entities, demo.links, items, { pseudonymise: false, pseudonyms: new Map(), aggregate: false });
    const agg = toChartElements(ids, entities, demo.links, items, { pseudonymise: false, pseudonyms: new Map(), aggregate: true });
    expect(all.edges.length).toBe(demo.links.length);
    expect(agg.edges.reduce((n, e) => n + e.count, 0)).toBe(demo.links.length);
    expect(new Set(agg.edges.map((e) => e.strength))).toEqual(new Set(['strong', 'medium', 'weak']));
  });

  it('expands a node to its neighbours, one or more hops', () => {
    const start = demo.links[0]!.from;
    const one = neighbours([start], demo.links, 1);
    const two = neighbours([start], demo.links, 2);
    expect(one.has(demo.links[0]!.to)).toBe(true);
    expect(two.size).toBeGreaterThan(one.size);
  });
});

describe('chart filters', () => {
  const ids = demo.entities.map((e) => e.id);
  const els = toChartElements(ids, entities, demo.links, items, { pseudonymise: false, pseudonyms: new Map(), aggregate: true });
  const none = () => [] as string[];
  it('keeps everything with no filter, and narrows by kind, grade, dates and links', () => {
    const all = applyChartFilter(els.nodes, els.edges, NO_FILTER, none);
    expect(all.nodes.size).toBe(els.nodes.length);
    expect(all.edges.size).toBe(els.edges.length);
    const people = applyChartFilter(els.nodes, els.edges, { ...NO_FILTER, kinds: new Set(['person']) }, none);
    expect([...people.nodes].every((id) => entities.get(id)?.kind === 'person')).toBe(true);
    const strong = applyChartFilter(els.nodes, els.edges, { ...NO_FILTER, minStrength: 'strong' }, none);
    expect(strong.edges.size).toBeLessThan(all.edges.size);
    const range = dateRange(els.edges)!;
    const firstHalf = applyChartFilter(els.nodes, els.edges, { ...NO_FILTER, to: range.from.slice(0, 4) + '-12-31' }, none);
    expect(firstHalf.edges.size).toBeLessThan(all.edges.size);
    const busy = applyChartFilter(els.nodes, els.edges, { ...NO_FILTER, minLinks: 5 }, none);
    expect(busy.nodes.size).toBeLessThan(all.nodes.size);
    expect(busy.nodes.size).toBeGreaterThan(0);
  });
});

describe('chart groups', () => {
  const ids = demo.entities.map((e) => e.id);
  const els = toChartElements(ids, entities, demo.links, items, { pseudonymise: false, pseudonyms: new Map(), aggregate: true });
  const hub = [...els.nodes].sort((a, b) => els.edges.filter((e) => e.source === b.id || e.target === b.id).length - els.edges.filter((e) => e.source === a.id || e.target === a.id).length)[0]!;
  const members = [hub.id, ...neighbours([hub.id], demo.links, 1)].filter((id, i, a) => a.indexOf(id) === i).slice(0, 6);

  it('draws an open group as a box around its members, changing nothing else', () => {
    const out = applyGroups(els.nodes, els.edges, [{ id: 'takeaway', label: 'Around the takeaway', members, collapsed: false }]);
    expect(out.groups).toEqual([expect.objectContaining({ id: 'g:takeaway', count: members.length, collapsed: false })]);
    expect(out.nodes.length).toBe(els.nodes.length);
    expect(out.nodes.filter((n) => n.parent === 'g:takeaway').map((n) => n.id).sort()).toEqual([...members].sort());
    expect(out.edges).toEqual(els.edges);
  });

  it('collapses a group into one node whose links keep every count and the best grade', () => {
    const out = applyGroups(els.nodes, els.edges, [{ id: 'takeaway', label: 'Around the takeaway', members, collapsed: true }]);
    const inside = new Set(members);
    expect(out.nodes.some((n) => inside.has(n.id))).toBe(false);
    expect(out.nodes.length).toBe(els.nodes.length - members.length);
    // Every link with exactly one end inside is now drawn to the group; links inside are not drawn.
    const crossing = els.edges.filter((e) => inside.has(e.source) !== inside.has(e.target));
    const toGroup = out.edges.filter((e) => e.source === 'g:takeaway' || e.target === 'g:takeaway');
    expect(toGroup.reduce((n, e) => n + e.count, 0)).toBe(crossing.reduce((n, e) => n + e.count, 0));
    expect(new Set(toGroup.flatMap((e) => e.linkIds))).toEqual(new Set(crossing.flatMap((e) => e.linkIds)));
    for (const e of toGroup) expect(e.label).toMatch(e.count > 1 ? /×\d+/ : /^[A-Z]/);
    const untouched = els.edges.filter((e) => !inside.has(e.source) && !inside.has(e.target));
    expect(out.edges.length).toBe(untouched.length + toGroup.length);
  });

  it('puts an entity in one group only and leaves out groups with nobody on the view', () => {
    const out = applyGroups(els.nodes, els.edges, [
      { id: 'a', label: 'A', members: members.slice(0, 3), collapsed: false },
      { id: 'b', label: 'B', members: members.slice(2), collapsed: false },
      { id: 'empty', label: 'Nobody here', members: ['not-on-view'], collapsed: true },
    ]);
    expect(out.groups.map((g) => [g.groupId, g.count])).toEqual([
      ['a', 3],
      ['b', members.length - 3],
    ]);
  });
});
