/**
 * GEXF 1.3 export of a chart view (Gephi). Nodes and edges as in the GraphML export (one edge per pair and
 * link type, with a count, date span and best grade strength), with declared node and edge attributes and
 * each node's position as viz:position. The y axis is flipped (Gephi's points up, the chart's down), so the
 * picture keeps its orientation. The workspace name and marking are in the meta description.
 */
import { LINK_TYPE_LABEL, type Id } from '../model';
import { entitySources } from '../provenance';
import { nowIso } from '../util';
import { agenciesOf, aggregateLinks, chartContents, displayLabel, isPseudonymised, placeEntities, primaryRole, rolesOf, sourceText, type ChartExportInput } from './common';
import { el, renderXml, type XmlOut } from './xml';

type AttrType = 'string' | 'integer' | 'double' | 'boolean';

export const GEXF_NODE_ATTRIBUTES: readonly { id: string; title: string; type: AttrType }[] = [
  { id: 'kind', title: 'Kind', type: 'string' },
  { id: 'role', title: 'Role', type: 'string' },
  { id: 'roles', title: 'Roles', type: 'string' },
  { id: 'pseudonymised', title: 'Shown by pseudonym', type: 'boolean' },
  { id: 'agencies', title: 'Agencies', type: 'string' },
  { id: 'sourceCount', title: 'Sources', type: 'integer' },
];

export const GEXF_EDGE_ATTRIBUTES: readonly { id: string; title: string; type: AttrType }[] = [
  { id: 'linkType', title: 'Link type', type: 'string' },
  { id: 'count', title: 'Links', type: 'integer' },
  { id: 'dateFrom', title: 'Date from', type: 'string' },
  { id: 'dateTo', title: 'Date to', type: 'string' },
  { id: 'gradeStrength', title: 'Grade strength', type: 'string' },
  { id: 'sources', title: 'Sources', type: 'string' },
];

function attvalues(values: Record<string, string | number | boolean | undefined>): XmlOut[] {
  const list = Object.entries(values)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => el('attvalue', { for: k, value: String(v) }));
  return list.length ? [el('attvalues', undefined, list)] : [];
}

/** The chart view as a GEXF 1.3 document. */
export function toGexf(input: ChartExportInput): string {
  const { entities, links, items } = chartContents(input);
  const positions = placeEntities(input, entities);
  const pseudonyms = input.pseudonyms;
  const nodeId = new Map<Id, string>();
  for (const e of entities) nodeId.set(e.id, isPseudonymised(e, pseudonyms) ? (pseudonyms?.get(e.id) ?? e.id) : e.id);

  const nodes = entities.map((e) => {
    const sources = entitySources(e);
    const p = positions.get(e.id) ?? { x: 0, y: 0 };
    return el('node', { id: nodeId.get(e.id), label: displayLabel(e, pseudonyms) }, [
      ...attvalues({
        kind: e.kind,
        role: primaryRole(e) ?? undefined,
        roles: rolesOf(e).join('; '),
        pseudonymised: isPseudonymised(e, pseudonyms),
        agencies: agenciesOf(sources, items).join('; '),
        sourceCount: sources.length,
      }),
      el('viz:position', { x: p.x, y: p.y === 0 ? 0 : -p.y, z: 0 }),
    ]);
  });
  const edges = aggregateLinks(links, items).map((edge) => {
    const withhold = !!pseudonyms && (pseudonyms.has(edge.source) || pseudonyms.has(edge.target));
    const sources = [
      ...new Set(
        edge.sources.flatMap((s) => {
          const item = items.get(s);
          return item ? [sourceText(item, { withholdReference: withhold })] : [];
        }),
      ),
    ];
    return el(
      'edge',
      {
        id: edge.id,
        source: nodeId.get(edge.source),
        target: nodeId.get(edge.target),
        type: edge.directed ? 'directed' : 'undirected',
        label: LINK_TYPE_LABEL[edge.type],
        weight: edge.count,
      },
      attvalues({ linkType: edge.type, count: edge.count, dateFrom: edge.dateFrom, dateTo: edge.dateTo, gradeStrength: edge.strength, sources: sources.join('; ') }),
    );
  });
  const exportedAt = input.exportedAt ?? nowIso();
  const doc = el(
    'gexf',
    {
      xmlns: 'http://gexf.net/1.3',
      'xmlns:viz': 'http://gexf.net/1.3/viz',
      'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      'xsi:schemaLocation': 'http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd',
      version: '1.3',
    },
    [
      el('meta', { lastmodifieddate: exportedAt.slice(0, 10) }, [
        el('creator', undefined, ['Linkwall']),
        el('description', undefined, [`${input.workspace.name} (${input.workspace.marking})`]),
      ]),
      el('graph', { defaultedgetype: 'undirected', mode: 'static' }, [
        el('attributes', { class: 'node', mode: 'static' }, GEXF_NODE_ATTRIBUTES.map((a) => el('attribute', { id: a.id, title: a.title, type: a.type }))),
        el('attributes', { class: 'edge', mode: 'static' }, GEXF_EDGE_ATTRIBUTES.map((a) => el('attribute', { id: a.id, title: a.title, type: a.type }))),
        el('nodes', { count: nodes.length }, nodes),
        el('edges', { count: edges.length }, edges),
      ]),
    ],
  );
  return renderXml(doc, { comment: `${input.workspace.marking}: ${input.workspace.name}` });
}
