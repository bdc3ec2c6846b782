/**
 * Network analysis of the chart's view: size nodes by degree, betweenness, closeness or eigenvector
 * centrality and list the top people; colour the groups Louvain finds; the shortest path between two
 * selected entities (optionally only through links in date order); everything within N hops.
 * Values are networkx's (src/domain/network is tested against it).
 */
import { useEffect, useMemo, useState } from 'react';
import { analyseNetwork, buildGraph, louvain, shortestPath, withinHops, type Measure, type NetworkAnalysis } from '../domain/network';
import { ROLE_LABEL } from '../domain/model';
import type { ChartEdge, ChartNode } from './toElements';

export interface AnalysisOverlay {
  /** Node size factor 0..1 by the chosen measure. */
  sizes: Map<string, number> | null;
  /** Group colour per node (Louvain). */
  groups: Map<string, string> | null;
  /** Nodes and edges of the shortest path, highlighted. */
  path: Set<string> | null;
}

const MEASURE_LABEL: Record<Measure, string> = { degree: 'Degree', betweenness: 'Betweenness', closeness: 'Closeness', eigenvector: 'Eigenvector' };
const GROUP_COLOURS = ['#dbe8fb', '#fde2c8', '#d8f0dc', '#f6d7e6', '#e6ddf5', '#fff1b8', '#d3eef0', '#f2dcd2', '#e2e6ea', '#e9f5c9'];

export function AnalysisPanel({
  nodes,
  edges,
  selected,
  onOverlay,
  onSelect,
}: {
  nodes: ChartNode[];
  edges: ChartEdge[];
  selected: string[];
  onOverlay: (o: AnalysisOverlay) => void;
  onSelect: (ids: string[]) => void;
}) {
  const [measure, setMeasure] = useState<Measure | ''>('');
  const [showGroups, setShowGroups] = useState(false);
  const [dateOrdered, setDateOrdered] = useState(false);
  const [hops, setHops] = useState(2);
  const [analysis, setAnalysis] = useState<NetworkAnalysis | null>(null);
  const [pathInfo, setPathInfo] = useState<string | null>(null);
  const [path, setPath] = useState<Set<string> | null>(null);

  const graph = useMemo(
    () => buildGraph(nodes.map((n) => n.id), edges.map((e) => ({ from: e.source, to: e.target, ...(e.dateFrom ? { date: e.dateFrom } : {}), ...(e.dateTo ? { dateTo: e.dateTo } : {}) }))),
    [nodes, edges],
  );

  useEffect(() => {
    if (!measure) {
      setAnalysis(null);
      return;
    }
    let cancelled = false;
    void analyseNetwork(graph, { measures: [measure], shouldCancel: () => cancelled }).then(
      (a) => !cancelled && setAnalysis(a),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [graph, measure]);

  const groups = useMemo(() => (showGroups ? louvain(graph, { seed: 1 }) : null), [graph, showGroups]);

  useEffect(() => {
    const values = measure && analysis ? analysis[measure]?.values : undefined;
    let sizes: Map<string, number> | null = null;
    if (values) {
      const max = Math.max(1e-12, ...values);
      sizes = new Map(analysis!.ids.map((id, i) => [id, (values[i] ?? 0) / max]));
    }
    const groupColours = groups ? new Map(graph.ids.map((id, i) => [id, GROUP_COLOURS[(groups.community[i] ?? 0) % GROUP_COLOURS.length] as string])) : null;
    onOverlay({ sizes, groups: groupColours, path });
    // onOverlay is the parent's setter.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [analysis, measure, groups, path, graph]);

  const top = useMemo(() => {
    const m = measure && analysis ? analysis[measure] : undefined;
    if (!m) return [];
    const byId = new Map(nodes.map((n) => [n.id, n]));
    return analysis!.ids
      .map((id, i) => ({ id, value: m.values[i] ?? 0, rank: m.ranks[i] ?? 0, node: byId.get(id) }))
      .filter((r) => r.node?.kind === 'person')
      .sort((a, b) => b.value - a.value)
      .slice(0, 10);
  }, [analysis, measure, nodes]);

  const findPath = () => {
    const [a, b] = selected;
    if (!a || !b) return;
    const p = shortestPath(graph, a, b, { dateOrdered });
    if (!p) {
      setPath(null);
      setPathInfo(dateOrdered ? 'No path through links in date order joins these two.' : 'These two are not connected on this chart.');
      return;
    }
    const ids = new Set<string>(p.ids);
    for (let i = 0; i + 1 < p.ids.length; i++) {
      const x = p.ids[i];
      const y = p.ids[i + 1];
      for (const e of edges) if ((e.source === x && e.target === y) || (e.source === y && e.target === x)) ids.add(e.id);
    }
    setPath(ids);
    const label = new Map(nodes.map((n) => [n.id, n.label]));
    setPathInfo(`${p.hops} ${p.hops === 1 ? 'link' : 'links'}: ${p.ids.map((id) => label.get(id) ?? id).join(' → ')}`);
  };

  return (
    <details className="analysis" open>
      <summary>Analysis</summary>
      <label>
        Size by{' '}
        <select aria-label="Size nodes by" value={measure} onChange={(e) => setMeasure(e.target.value as Measure | '')}>
          <option value="">Nothing</option>
          {(Object.keys(MEASURE_LABEL) as Measure[]).map((m) => (
            <option key={m} value={m}>
              {MEASURE_LABEL[m]} centrality
            </option>
          ))}
        </select>
      </label>
      {top.length > 0 && (
        <table className="facts top-people" aria-label={`Top people by ${measure}`}>
          <tbody>
            {top.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  <button type="button" className="link-button" onClick={() => onSelect([r.id])}>
                    {r.node?.label}
                  </button>
                  {r.node?.role && <span className="hint"> {ROLE_LABEL[r.node.role]}</span>}
                </th>
                <td>{r.value.toFixed(3)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <label className="inline">
        <input type="checkbox" checked={showGroups} onChange={(e) => setShowGroups(e.target.checked)} /> Colour groups (Louvain)
      </label>
      {groups && (
        <p className="hint">
          {groups.count} groups, modularity {groups.modularity.toFixed(2)}.
        </p>
      )}
      <div className="path-tools">
        <button type="button" onClick={findPath} disabled={selected.length !== 2}>
          Shortest path
        </button>
        <label className="inline">
          <input type="checkbox" checked={dateOrdered} onChange={(e) => setDateOrdered(e.target.checked)} /> only links in date order
        </label>
        {path && (
          <button type="button" className="link-button" onClick={() => (setPath(null), setPathInfo(null))}>
            Clear
          </button>
        )}
      </div>
      {selected.length !== 2 && !pathInfo && <p className="hint">Select two entities for the shortest path between them.</p>}
      {pathInfo && (
        <p role="status" className="path-info">
          {pathInfo}
        </p>
      )}
      <div className="path-tools">
        <button type="button" disabled={!selected.length} onClick={() => onSelect(withinHops(graph, selected, hops).map((h) => h.id))}>
          Select linked within
        </button>
        <select aria-label="Hops" value={hops} onChange={(e) => setHops(Number(e.target.value))}>
          {[1, 2, 3, 4].map((n) => (
            <option key={n} value={n}>
              {n} {n === 1 ? 'hop' : 'hops'}
            </option>
          ))}
        </select>
      </div>
    </details>
  );
}
