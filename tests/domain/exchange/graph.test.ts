// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { childElements, firstChild, localName, parseXml, toGexf, toGraphml, type XmlElement } from '../../../src/domain/exchange';
import { chartInput, entities, links } from './fixture';

const kids = (e: XmlElement | undefined, name?: string) => (e ? childElements(e, name) : []);

describe('GraphML export', () => {
  const root = parseXml(toGraphml(chartInput({ pseudonyms: new Map([['p2', 'YP-01']]) })));
  const graph = firstChild(root, 'graph');
  const keys = new Map(kids(root, 'key').map((k) => [k.attributes.id, k.attributes]));
  const data = (e: XmlElement) => Object.fromEntries(kids(e, 'data').map((d) => [keys.get(d.attributes.key)?.['attr.name'], d.children[0]?.type === 'text' ? d.children[0].text : '']));

  it('declares every data key it uses, with a type and a domain', () => {
    expect(root.attributes.xmlns).toBe('http://graphml.graphdrawing.org/xmlns');
    const used = new Set([...kids(graph, 'node'), ...kids(graph, 'edge'), graph as XmlElement].flatMap((e) => kids(e, 'data').map((d) => d.attributes.key)));
    for (const key of used) expect(keys.has(key), `key ${key} is declared`).toBe(true);
    for (const k of keys.values()) {
      expect(['node', 'edge', 'graph']).toContain(k.for);
      expect(['string', 'int', 'double', 'boolean']).toContain(k['attr.type']);
    }
  });

  it('has one node per entity and one edge per pair and link type, with count, dates and grade strength', () => {
    const nodes = kids(graph, 'node');
    expect(nodes).toHaveLength(entities.length);
    const ids = new Set(nodes.map((n) => n.attributes.id));
    const edges = kids(graph, 'edge');
    // l4 and l5 (two "drives vehicle" links between the same pair) become one edge with a count of 2.
    expect(edges).toHaveLength(links.length - 1);
    for (const e of edges) {
      expect(ids.has(e.attributes.source)).toBe(true);
      expect(ids.has(e.attributes.target)).toBe(true);
    }
    const drives = edges.map(data).find((d) => d.linkType === 'drives-vehicle');
    expect(drives).toMatchObject({ count: '2', dateFrom: '2024-05-01', gradeStrength: 'medium', label: 'Drives vehicle' });
    const assoc = edges.find((e) => data(e).linkType === 'associate');
    expect(assoc?.attributes.directed).toBe('false');
    expect(data(assoc as XmlElement)).toMatchObject({ dateFrom: '2024-01-05', dateTo: '2024-03-01', gradeStrength: 'strong' });
    const darren = nodes.map(data).find((d) => d.label === 'Darren Smith ("Dazza")');
    expect(darren).toMatchObject({ kind: 'person', role: 'organiser', x: '0', y: '-20' });
  });

  it('shows young people by pseudonym, in ids and labels, with their sources\u2019 references withheld', () => {
    const text = toGraphml(chartInput({ pseudonyms: new Map([['p2', 'YP-01']]) }));
    expect(text).not.toMatch(/Jade|Hall|CSC-0042|"p2"/);
    const yp = kids(graph, 'node').find((n) => n.attributes.id === 'YP-01');
    expect(yp && data(yp)).toMatchObject({ label: 'YP-01', pseudonymised: 'true', role: 'young-person-at-risk' });
  });

  it('escapes names so the file stays valid XML', () => {
    expect(graph && kids(graph, 'desc')[0]?.children[0]).toEqual({ type: 'text', text: 'Operation Juniper & <friends> (OFFICIAL-SENSITIVE)' });
  });
});

describe('GEXF export', () => {
  const root = parseXml(toGexf(chartInput()));
  const graph = firstChild(root, 'graph');

  it('is GEXF 1.3 with declared node and edge attributes', () => {
    expect(root.attributes).toMatchObject({ xmlns: 'http://gexf.net/1.3', 'xmlns:viz': 'http://gexf.net/1.3/viz', version: '1.3' });
    const declared = new Map(kids(graph, 'attributes').map((a) => [a.attributes.class, new Set(kids(a, 'attribute').map((x) => x.attributes.id))]));
    for (const n of kids(firstChild(graph as XmlElement, 'nodes'), 'node'))
      for (const v of kids(firstChild(n, 'attvalues'), 'attvalue')) expect(declared.get('node')?.has(v.attributes.for)).toBe(true);
    for (const e of kids(firstChild(graph as XmlElement, 'edges'), 'edge'))
      for (const v of kids(firstChild(e, 'attvalues'), 'attvalue')) expect(declared.get('edge')?.has(v.attributes.for)).toBe(true);
  });

  it('places nodes with viz:position (y up) and weights edges by their count', () => {
    const nodes = kids(firstChild(graph as XmlElement, 'nodes'), 'node');
    expect(nodes).toHaveLength(entities.length);
    const darren = nodes.find((n) => n.attributes.id === 'p1') as XmlElement;
    const pos = childElements(darren).find((c) => localName(c.name) === 'position' && c.name.startsWith('viz:'));
    expect(pos?.attributes).toEqual({ x: '0', y: '20', z: '0' });
    const edges = kids(firstChild(graph as XmlElement, 'edges'), 'edge');
    const drives = edges.find((e) => e.attributes.label === 'Drives vehicle');
    expect(drives?.attributes).toMatchObject({ source: 'p1', target: 'v1', type: 'directed', weight: '2' });
    const values = Object.fromEntries(kids(firstChild(drives as XmlElement, 'attvalues'), 'attvalue').map((v) => [v.attributes.for, v.attributes.value]));
    expect(values).toMatchObject({ linkType: 'drives-vehicle', count: '2', gradeStrength: 'medium' });
    expect(values.sources).toContain('Northshire Police NP/2024/0001 (2C P)');
    expect(values.sources).toContain('Kelbridge Academy KA & "Co" <1> (Ungraded)');
  });
});
