/**
 * GraphML export of a chart view (for yEd, Gephi, NetworkX, igraph...). One node per entity and one edge
 * per pair and link type, as the chart draws them: parallel links of a type are counted, their dates
 * spanned and their best grade kept. Every data value is declared by a <key> with its type.
 *
 * Node data: kind, label (young people by pseudonym), role (the strongest) and all roles, whether shown by
 * pseudonym, agencies behind it, number of sources, x and y. Edge data: link type and its label, directed,
 * count, date from / to, grade strength, sources (agency and reference). The graph's description holds the
 * workspace name and security marking.
 */
import { LINK_TYPE_LABEL, type Id } from '../model';
import { entitySources } from '../provenance';
import { agenciesOf, aggregateLinks, chartContents, displayLabel, isPseudonymised, placeEntities, primaryRole, rolesOf, sourceText, type ChartExportInput } from './common';
import { el, renderXml, type XmlOut } from './xml';

type KeyType = 'string' | 'int' | 'double' | 'boolean';
interface KeyDef {
  id: string;
  for: 'node' | 'edge' | 'graph';
  name: string;
  type: KeyType;
}

export const GRAPHML_KEYS: readonly KeyDef[] = [
  { id: 'g_marking', for: 'graph', name: 'marking', type: 'string' },
  { id: 'g_name', for: 'graph', name: 'workspace', type: 'string' },
  { id: 'n_kind', for: 'node', name: 'kind', type: 'string' },
  { id: 'n_label', for: 'node', name: 'label', type: 'string' },
  { id: 'n_role', for: 'node', name: 'role', type: 'string' },
  { id: 'n_roles', for: 'node', name: 'roles', type: 'string' },
  { id: 'n_pseudonym', for: 'node', name: 'pseudonymised', type: 'boolean' },
  { id: 'n_agencies', for: 'node', name: 'agencies', type: 'string' },
  { id: 'n_sources', for: 'node', name: 'sourceCount', type: 'int' },
  { id: 'n_x', for: 'node', name: 'x', type: 'double' },
  { id: 'n_y', for: 'node', name: 'y', type: 'double' },
  { id: 'e_type', for: 'edge', name: 'linkType', type: 'string' },
  { id: 'e_label', for: 'edge', name: 'label', type: 'string' },
  { id: 'e_count', for: 'edge', name: 'count', type: 'int' },
  { id: 'e_from', for: 'edge', name: 'dateFrom', type: 'string' },
  { id: 'e_to', for: 'edge', name: 'dateTo', type: 'string' },
  { id: 'e_strength', for: 'edge', name: 'gradeStrength', type: 'string' },
  { id: 'e_sources', for: 'edge', name: 'sources', type: 'string' },
];

const data = (key: string, value: string | number | boolean | undefined): XmlOut[] =>
  value === undefined || value === '' ? [] : [el('data', { key }, [String(value)])];

/** The chart view as a GraphML document. Node ids are the entity ids (pseudonyms for young people shown by one). */
export function toGraphml(input: ChartExportInput): string {
  const { entities, links, items } = chartContents(input);
  const positions = placeEntities(input, entities);
  const pseudonyms = input.pseudonyms;
  const nodeId = new Map<Id, string>();
  for (const e of entities) nodeId.set(e.id, isPseudonymised(e, pseudonyms) ? (pseudonyms?.get(e.id) ?? e.id) : e.id);

  const nodes = entities.map((e) => {
    const pseudo = isPseudonymised(e, pseudonyms);
    const sources = entitySources(e);
    const p = positions.get(e.id);
    return el('node', { id: nodeId.get(e.id) }, [
      ...data('n_kind', e.kind),
      ...data('n_label', displayLabel(e, pseudonyms)),
      ...data('n_role', primaryRole(e) ?? undefined),
      ...data('n_roles', rolesOf(e).join('; ')),
      ...data('n_pseudonym', pseudo),
      ...data('n_agencies', agenciesOf(sources, items).join('; ')),
      ...data('n_sources', sources.length),
      ...data('n_x', p?.x),
      ...data('n_y', p?.y),
    ]);
  });
  const edges = aggregateLinks(links, items).map((edge) => {
    const withhold = !!pseudonyms && (pseudonyms.has(edge.source) || pseudonyms.has(edge.target));
    const sources = edge.sources.flatMap((s) => {
      const item = items.get(s);
      return item ? [sourceText(item, { withholdReference: withhold })] : [];
    });
    return el('edge', { id: edge.id, source: nodeId.get(edge.source), target: nodeId.get(edge.target), directed: edge.directed ? 'true' : 'false' }, [
      ...data('e_type', edge.type),
      ...data('e_label', LINK_TYPE_LABEL[edge.type]),
      ...data('e_count', edge.count),
      ...data('e_from', edge.dateFrom),
      ...data('e_to', edge.dateTo),
      ...data('e_strength', edge.strength),
      ...data('e_sources', [...new Set(sources)].join('; ')),
    ]);
  });
  const doc = el(
    'graphml',
    {
      xmlns: 'http://graphml.graphdrawing.org/xmlns',
      'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      'xsi:schemaLocation': 'http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd',
    },
    [
      ...GRAPHML_KEYS.map((k) => el('key', { id: k.id, for: k.for, 'attr.name': k.name, 'attr.type': k.type })),
      el('graph', { id: 'chart', edgedefault: 'undirected' }, [
        el('desc', undefined, [`${input.workspace.name} (${input.workspace.marking})`]),
        ...data('g_marking', input.workspace.marking),
        ...data('g_name', input.workspace.name),
        ...nodes,
        ...edges,
      ]),
    ],
  );
  return renderXml(doc, { comment: `${input.workspace.marking}: ${input.workspace.name}` });
}
