/**
 * Network analysis of the chart's view: size nodes by degree, betweenness, closeness or eigenvector
 * centrality and list the top people; colour the groups Louvain finds; the shortest path between two
 * selected entities (optionally only through links in date order); everything within N hops.
 * Values are networkx's (src/domain/network is tested against it).
 *
 * The measure and the groups are computed in Web Workers (networkClient.ts), each as its own job: a new
 * view (the analyst filters) or another measure cancels the stale job, and the page stays responsive
 * while 10,000 entities are analysed. A live status says what is running and how long it took. The
 * graph for paths and hops is built on the main thread only when one is asked for.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { buildGraph, NetworkAnalysisCancelled, shortestPath, withinHops, type EdgeInput, type Measure, type NetworkGraph } from '../domain/network';
import { ROLE_LABEL } from '../domain/model';
import { analyseInWorkers, networkPool, type WorkerAnalysis } from './networkClient';
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

interface AnalysisJob {
  state: 'idle' | 'running' | 'done' | 'failed';
  /** The last finished result (kept while a newer job runs, so the chart does not flicker). */
  result: WorkerAnalysis | null;
  fraction: number;
  /** Entities in the view analysed. */
  entities: number;
  ms: number;
  finishedAt: number;
  message: string;
}

const IDLE: AnalysisJob = { state: 'idle', result: null, fraction: 0, entities: 0, ms: 0, finishedAt: 0, message: '' };

/** One analysis in the worker pool, restarted (the stale one cancelled) whenever its inputs change. */
function useAnalysisJob(nodeIds: readonly string[], links: readonly EdgeInput[], measure: Measure | '', groups: boolean): AnalysisJob {
  const [job, setJob] = useState<AnalysisJob>(IDLE);
  useEffect(() => {
    if (!measure && !groups) {
      setJob(IDLE);
      return;
    }
    const ctrl = new AbortController();
    const entities = nodeIds.length;
    setJob((j) => ({ ...j, state: 'running', fraction: 0, entities, message: '' }));
    let shown = 0;
    analyseInWorkers(nodeIds, links, {
      measures: measure ? [measure] : [],
      groups,
      signal: ctrl.signal,
      onProgress: ({ fraction }) => {
        // Whole per cents only: a few dozen renders at most.
        const pc = Math.floor(fraction * 100);
        if (pc === shown || ctrl.signal.aborted) return;
        shown = pc;
        setJob((j) => ({ ...j, fraction }));
      },
    }).then(
      (result) => {
        if (!ctrl.signal.aborted) setJob({ state: 'done', result, fraction: 1, entities, ms: result.ms, finishedAt: performance.now(), message: '' });
      },
      (err: unknown) => {
        if (ctrl.signal.aborted || err instanceof NetworkAnalysisCancelled) return;
        setJob((j) => ({ ...j, state: 'failed', finishedAt: performance.now(), message: err instanceof Error ? err.message : String(err) }));
      },
    );
    return () => ctrl.abort();
  }, [nodeIds, links, measure, groups]);
  return job;
}

const count = (n: number): string => n.toLocaleString('en-GB');
const seconds = (ms: number): string => (ms / 1000).toFixed(ms < 1000 ? 2 : 1);

/** The live status line: what is running, or how long the last analysis took. */
function statusText(measure: Measure | '', measureJob: AnalysisJob, groupsJob: AnalysisJob): string {
  const running = [measureJob, groupsJob].filter((j) => j.state === 'running');
  if (running.length > 0) return `Analysing ${count(Math.max(...running.map((j) => j.entities)))} entities…`;
  const failed = [measureJob, groupsJob].find((j) => j.state === 'failed');
  if (failed) return `The analysis failed: ${failed.message}`;
  const done = [
    { job: measureJob, what: measure ? `${MEASURE_LABEL[measure]} centrality` : '' },
    { job: groupsJob, what: 'Groups' },
  ].filter((d) => d.job.state === 'done' && d.what);
  if (done.length === 0) return '';
  const last = done.reduce((a, b) => (b.job.finishedAt > a.job.finishedAt ? b : a));
  return `${last.what} of ${count(last.job.entities)} entities took ${seconds(last.job.ms)} s.`;
}

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
  const [pathInfo, setPathInfo] = useState<string | null>(null);
  const [path, setPath] = useState<Set<string> | null>(null);

  const nodeIds = useMemo(() => nodes.map((n) => n.id), [nodes]);
  const links = useMemo(() => edges.map((e): EdgeInput => ({ from: e.source, to: e.target })), [edges]);
  // Paths and hops need the dated graph: built on the first click, not on every change of the view.
  const graphOf = useMemo(() => {
    let graph: NetworkGraph | null = null;
    return (): NetworkGraph =>
      (graph ??= buildGraph(
        nodeIds,
        edges.map((e) => ({ from: e.source, to: e.target, ...(e.dateFrom ? { date: e.dateFrom } : {}), ...(e.dateTo ? { dateTo: e.dateTo } : {}) })),
      ));
  }, [nodeIds, edges]);

  // Start the analysis workers with the chart, so the first measure asked for need not wait for them.
  useEffect(() => networkPool().warm(), []);

  const measureJob = useAnalysisJob(nodeIds, links, measure, false);
  const groupsJob = useAnalysisJob(nodeIds, links, '', showGroups);
  const analysis = measure ? (measureJob.result?.analysis ?? null) : null;
  const groupsResult = showGroups ? (groupsJob.result ?? null) : null;
  const groups = groupsResult?.groups ?? null;
  const running = [measureJob, groupsJob].filter((j) => j.state === 'running');
  const status = statusText(measure, measureJob, groupsJob);

  // What the overlay was last made from: the chart redraws every element when it gets a new overlay,
  // so an unchanged one (another measure asked for, still running) is not sent again.
  const reported = useRef<{ values: Float64Array | undefined; community: Int32Array | undefined; path: Set<string> | null } | null>(null);
  useEffect(() => {
    const values = measure && analysis ? analysis[measure]?.values : undefined;
    const last = reported.current;
    if (last && last.values === values && last.community === groups?.community && last.path === path) return;
    reported.current = { values, community: groups?.community, path };
    let sizes: Map<string, number> | null = null;
    if (values) {
      let max = 1e-12;
      for (const v of values) if (v > max) max = v;
      sizes = new Map(analysis!.ids.map((id, i) => [id, (values[i] ?? 0) / max]));
    }
    const groupColours =
      groups && groupsResult ? new Map(groupsResult.analysis.ids.map((id, i) => [id, GROUP_COLOURS[(groups.community[i] ?? 0) % GROUP_COLOURS.length] as string])) : null;
    onOverlay({ sizes, groups: groupColours, path });
    // onOverlay is the parent's setter.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [analysis, measure, groups, groupsResult, path]);

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
    const p = shortestPath(graphOf(), a, b, { dateOrdered });
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
      {running.length > 0 && (
        <progress className="analysis-progress" aria-label="Analysis progress" max={1} value={Math.min(...running.map((j) => j.fraction))} />
      )}
      <p role="status" aria-live="polite" className="hint analysis-status">
        {status}
      </p>
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
        <button type="button" disabled={!selected.length} onClick={() => onSelect(withinHops(graphOf(), selected, hops).map((h) => h.id))}>
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
