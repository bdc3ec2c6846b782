/**
 * Chart: the wall a meeting looks at. Entities are added by search and expanded to their neighbours;
 * layouts re-arrange all or only the selected part; a legend explains every symbol; Present shows only
 * the chart and the legend, full screen, large and high-contrast, young people by pseudonym.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { KindIcon } from '../components/icons';
import { useNotify } from '../components/notify';
import { Menu } from '../components/Menu';
import { downloadBlob, sha256HexOf } from '../components/download';
import { FilterBar } from '../components/FilterBar';
import { ENTITY_KINDS, KIND_LABEL, ROLE_LABEL, type Id } from '../domain/model';
import { useSession, useWorkspaceData } from '../hooks/session';
import { loadViews, newView, saveViews, type ChartGroup, type ChartViews, type Wall } from '../services/walls';
import { useSelection } from '../hooks/selection';
import { useSharedFilter } from '../hooks/filters';
import { newId } from '../domain/util';
import { entityLabel } from '../domain/labels';
import { EntityPicker } from '../app/forms/EntityPicker';
import { navigate } from '../app/router';
import { DetailPanel } from '../app/DetailPanel';
import { MergeSelectedButton } from '../app/duplicates/ComparePair';
import { exposeChartForBench } from '../app/benchHooks';
import type { Core } from 'cytoscape';
import { logAudit, type Session } from '../services/commit';
import { entitiesCsv, linksCsv, toAnx, toGexf, toGraphml, type ChartExportInput, type Point } from '../domain/exchange';
import type { ChartViewRecord } from '../services/walls';
import { AnalysisPanel, type AnalysisOverlay } from './AnalysisPanel';
import { CytoscapeChart, ROLE_BADGE, type ChartCommand, type LayoutName } from './CytoscapeChart';
import { chartToSvg, composePng } from './exportChart';
import { applyChartFilter, applyGroups, dateRange, groupNodeId, KIND_COLOUR, neighbours, NO_FILTER, primaryRole, pseudonyms, ROLE_COLOUR, ROLE_PRIORITY, toChartElements } from './toElements';

/** This browser's choice of the WebGL renderer for the chart (a display setting, not workspace data). */
const WEBGL_KEY = 'linkwall.chart.webgl';

const LAYOUTS: { id: LayoutName; label: string }[] = [
  { id: 'fcose', label: 'Force-directed' },
  { id: 'breadthfirst', label: 'Hierarchical' },
  { id: 'circle', label: 'Circle' },
  { id: 'concentric', label: 'Concentric by number of links' },
  { id: 'grid', label: 'Grid' },
];

/** A first wall for a workspace: its organisers and facilitators and what they link to. */
function startingNodes(data: ReturnType<typeof useWorkspaceData>): Id[] {
  const core = [...data.entities.values()].filter((e) => {
    const r = primaryRole(e);
    return r === 'organiser' || r === 'facilitator';
  });
  return [...neighbours(core.map((e) => e.id), data.links.values(), 1)];
}

/**
 * A second, smaller starting view for a meeting: the busiest organiser and what is linked to them (at most
 * 30 entities, the most linked first), readable when projected.
 */
function meetingView(data: ReturnType<typeof useWorkspaceData>): ReturnType<typeof newView> | null {
  const degree = new Map<string, number>();
  for (const l of data.links.values()) {
    degree.set(l.from, (degree.get(l.from) ?? 0) + 1);
    degree.set(l.to, (degree.get(l.to) ?? 0) + 1);
  }
  const organisers = [...data.entities.values()].filter((e) => !e.mergedInto && primaryRole(e) === 'organiser');
  organisers.sort((a, b) => (degree.get(b.id) ?? 0) - (degree.get(a.id) ?? 0));
  const hub = organisers[0];
  if (!hub) return null;
  const around = [...neighbours([hub.id], data.links.values(), 1)].filter((id) => id !== hub.id && data.entities.get(id) && !data.entities.get(id)!.mergedInto);
  around.sort((a, b) => (degree.get(b) ?? 0) - (degree.get(a) ?? 0));
  return newView(`Meeting: ${entityLabel(hub)} and links`, { nodes: [hub.id, ...around.slice(0, 29)], positions: {} });
}

export function ChartView({ workspaceId }: { workspaceId: string }) {
  const session = useSession();
  const data = useWorkspaceData();
  const notify = useNotify();
  const [views, setViews] = useState<ChartViews | null>(null);
  const [past, setPast] = useState<ChartViews[]>([]);
  const [future, setFuture] = useState<ChartViews[]>([]);
  const wall = views?.views.find((v) => v.id === views.current) ?? null;
  const [selected, setSelected] = useSelection(workspaceId);
  const [layout, setLayout] = useState<LayoutName>('fcose');
  const [layoutTick, setLayoutTick] = useState(0);
  const [pseudonymise, setPseudonymise] = useState(true);
  const [present, setPresent] = useState(false);
  const [adding, setAdding] = useState<string | null>(null);
  const [hops, setHops] = useState(1);
  const presentRef = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const [pngWidth, setPngWidth] = useState(4000);
  const [exporting, setExporting] = useState(false);
  const [overlay, setOverlay] = useState<AnalysisOverlay>({ sizes: null, groups: null, path: null });
  const [webgl, setWebgl] = useState(() => localStorage.getItem(WEBGL_KEY) === '1');

  useEffect(() => {
    if (!data.complete) return;
    let alive = true;
    void loadViews(session.db, workspaceId).then((v) => {
      if (!alive) return;
      if (v) setViews(v);
      else {
        const first = newView('Main wall', { nodes: startingNodes(data), positions: {} });
        const meeting = meetingView(data);
        setViews({ current: first.id, views: meeting ? [first, meeting] : [first] });
      }
    });
    return () => {
      alive = false;
    };
    // Loaded once per workspace, when its records are in memory.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session.db, workspaceId, data.complete]);

  /** Every change of the views goes through here: saved, and undoable (positions alone are not). */
  const commitViews = useCallback(
    (next: ChartViews, undoable = true) => {
      if (undoable && views) {
        setPast((p) => [...p.slice(-49), views]);
        setFuture([]);
      }
      setViews(next);
      void saveViews(session.db, workspaceId, next);
    },
    [session.db, workspaceId, views],
  );
  const update = useCallback(
    (next: Wall, undoable = true) => {
      if (!views) return;
      commitViews({ ...views, views: views.views.map((v) => (v.id === views.current ? { ...v, ...next } : v)) }, undoable);
    },
    [views, commitViews],
  );
  const undoChart = () => {
    const prev = past.at(-1);
    if (!prev || !views) return;
    setPast(past.slice(0, -1));
    setFuture([...future, views]);
    setViews(prev);
    void saveViews(session.db, workspaceId, prev);
  };
  const redoChart = () => {
    const next = future.at(-1);
    if (!next || !views) return;
    setFuture(future.slice(0, -1));
    setPast([...past, views]);
    setViews(next);
    void saveViews(session.db, workspaceId, next);
  };
  const switchView = (id: string) => views && commitViews({ ...views, current: id }, false);
  const addView = () => {
    if (!views) return;
    const name = window.prompt('Name of the new view (it starts empty: add entities by search)', `View ${views.views.length + 1}`);
    if (!name?.trim()) return;
    const v = newView(name.trim(), { nodes: [], positions: {} });
    commitViews({ current: v.id, views: [...views.views, v] });
  };
  const renameView = () => {
    if (!views || !wall) return;
    const name = window.prompt('New name of this view', wall.name);
    if (!name?.trim()) return;
    commitViews({ ...views, views: views.views.map((v) => (v.id === wall.id ? { ...v, name: name.trim() } : v)) });
  };
  const deleteView = () => {
    if (!views || !wall || views.views.length < 2) return;
    if (!window.confirm(`Delete the view "${wall.name}"? The entities stay in the workspace; only this chart goes. Undo chart edit brings it back.`)) return;
    const rest = views.views.filter((v) => v.id !== wall.id);
    commitViews({ current: rest[0]?.id ?? '', views: rest });
  };

  const names = useMemo(() => pseudonyms(data.entities.values()), [data.entities, data.version]); // eslint-disable-line react-hooks/exhaustive-deps
  const elements = useMemo(
    () =>
      toChartElements(wall?.nodes ?? [], data.entities, data.links.values(), data.items, {
        pseudonymise: pseudonymise || present,
        pseudonyms: names,
        aggregate: true,
      }),
    [wall?.nodes, data.entities, data.links, data.items, data.version, pseudonymise, present, names], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const positions = useMemo(() => new Map(Object.entries(wall?.positions ?? {})), [wall?.positions]);

  // Filters: what does not pass fades (or is hidden, by choice).
  // Shared with the map: both show the same slice of the picture.
  const [filter, setFilter] = useSharedFilter(workspaceId);
  const [hideFiltered, setHideFiltered] = useState(false);
  const range = useMemo(() => dateRange(elements.edges), [elements.edges]);
  const rowAgencies = useMemo(() => new Map(data.rows.map((r) => [r.id, r.agencies])), [data.rows]);
  const agencies = useMemo(() => [...new Set(data.rows.flatMap((r) => r.agencies))].sort(), [data.rows]);
  const passing = useMemo(() => applyChartFilter(elements.nodes, elements.edges, filter, (id) => rowAgencies.get(id) ?? []), [elements, filter, rowAgencies]);
  const filtered = filter !== NO_FILTER;
  const shown = useMemo(
    () =>
      hideFiltered && filtered
        ? { nodes: elements.nodes.filter((n) => passing.nodes.has(n.id)), edges: elements.edges.filter((e) => passing.edges.has(e.id)) }
        : elements,
    [hideFiltered, filtered, elements, passing],
  );
  const faded = useMemo(() => {
    if (!filtered || hideFiltered) return new Set<string>();
    return new Set([...elements.nodes.filter((n) => !passing.nodes.has(n.id)).map((n) => n.id), ...elements.edges.filter((e) => !passing.edges.has(e.id)).map((e) => e.id)]);
  }, [filtered, hideFiltered, elements, passing]);
  const drawn = useMemo(() => applyGroups(shown.nodes, shown.edges, wall?.groups ?? []), [shown, wall?.groups]);
  const drawnAll = useMemo(() => applyGroups(elements.nodes, elements.edges, wall?.groups ?? []), [elements, wall?.groups]);

  const add = (id: string | null) => {
    setAdding(null);
    if (!id || !wall) return;
    if (wall.nodes.includes(id)) return notify('That entity is already on the chart.');
    update({ ...wall, nodes: [...wall.nodes, id] });
  };
  /** The entities a selection stands for: a selected group box stands for its members. */
  const selectedEntities = useMemo(() => {
    const out = new Set<string>();
    for (const id of selected) {
      const g = (wall?.groups ?? []).find((x) => groupNodeId(x.id) === id);
      if (g) g.members.forEach((m) => out.add(m));
      else if (data.entities.has(id)) out.add(id);
    }
    return [...out];
  }, [selected, wall?.groups, data.entities]);
  const selectedGroups = (wall?.groups ?? []).filter((g) => selected.includes(groupNodeId(g.id)));
  const expand = () => {
    if (!wall || !selectedEntities.length) return;
    const grown = neighbours(selectedEntities, data.links.values(), hops);
    const added = [...grown].filter((id) => !wall.nodes.includes(id));
    update({ ...wall, nodes: [...wall.nodes, ...added] });
    notify(added.length ? `Added ${added.length} linked ${added.length === 1 ? 'entity' : 'entities'}.` : 'Nothing more is linked within that many hops.');
  };
  const remove = () => {
    if (!wall || !selectedEntities.length) return;
    const drop = new Set(selectedEntities);
    const positionsLeft = Object.fromEntries(Object.entries(wall.positions).filter(([id]) => !drop.has(id)));
    const groupsLeft = (wall.groups ?? []).map((g) => ({ ...g, members: g.members.filter((m) => !drop.has(m)) })).filter((g) => g.members.length > 0);
    update({ ...wall, nodes: wall.nodes.filter((id) => !drop.has(id)), positions: positionsLeft, groups: groupsLeft, pinned: (wall.pinned ?? []).filter((id) => !drop.has(id)) });
    setSelected([]);
  };
  const pinnedSet = useMemo(() => new Set(wall?.pinned ?? []), [wall?.pinned]);
  const allPinned = selectedEntities.length > 0 && selectedEntities.every((id) => pinnedSet.has(id));
  const togglePin = () => {
    if (!wall || !selectedEntities.length) return;
    const pins = new Set(wall.pinned ?? []);
    for (const id of selectedEntities) if (allPinned) pins.delete(id);
    else pins.add(id);
    update({ ...wall, pinned: [...pins] });
    notify(allPinned ? `Unpinned ${selectedEntities.length}: layouts may move them again.` : `Pinned ${selectedEntities.length}: layouts leave them where they are.`);
  };
  const group = () => {
    if (!wall || selectedEntities.length < 2) return;
    const name = window.prompt('Name of the group (for example "Around the Golden Fork takeaway")', 'Group');
    if (!name?.trim()) return;
    const members = new Set(selectedEntities);
    // An entity is in one group only: it leaves any group it was in.
    const others = (wall.groups ?? []).map((g) => ({ ...g, members: g.members.filter((m) => !members.has(m)) })).filter((g) => g.members.length > 0);
    const g: ChartGroup = { id: newId('grp'), label: name.trim(), members: [...members], collapsed: false };
    update({ ...wall, groups: [...others, g] });
    setSelected([groupNodeId(g.id)]);
  };
  const toggleGroups = () => {
    if (!wall || !selectedGroups.length) return;
    const ids = new Set(selectedGroups.map((g) => g.id));
    update({ ...wall, groups: (wall.groups ?? []).map((g) => (ids.has(g.id) ? { ...g, collapsed: !g.collapsed } : g)) });
  };
  const ungroup = () => {
    if (!wall || !selectedGroups.length) return;
    const ids = new Set(selectedGroups.map((g) => g.id));
    update({ ...wall, groups: (wall.groups ?? []).filter((g) => !ids.has(g.id)) });
    setSelected(selectedGroups.flatMap((g) => g.members));
  };
  const onCommand = (c: ChartCommand) => {
    if (c === 'remove') remove();
    else if (c === 'expand') expand();
    else if (c === 'pin') togglePin();
    else if (c === 'toggle-group') toggleGroups();
  };

  useEffect(() => {
    if (!present) return;
    const el = presentRef.current;
    void el?.requestFullscreen?.().catch(() => undefined);
    const onFs = () => {
      if (!document.fullscreenElement) setPresent(false);
    };
    document.addEventListener('fullscreenchange', onFs);
    return () => {
      document.removeEventListener('fullscreenchange', onFs);
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    };
  }, [present]);

  // In presentation: Escape leaves; the arrow keys step through the saved views.
  useEffect(() => {
    if (!present) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setPresent(false);
      if ((e.key === 'ArrowRight' || e.key === 'ArrowLeft') && views && views.views.length > 1) {
        const i = views.views.findIndex((v) => v.id === views.current);
        const next = views.views[(i + (e.key === 'ArrowRight' ? 1 : -1) + views.views.length) % views.views.length];
        if (next) setViews({ ...views, current: next.id });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [present, views]);

  const exportAs = async (format: 'png' | 'svg') => {
    const cy = cyRef.current;
    if (!cy) return;
    setExporting(true);
    try {
      const marking = data.workspace?.marking ?? 'OFFICIAL-SENSITIVE';
      const stem = `${(data.workspace?.name ?? 'chart').replace(/[^\w-]+/g, '-').replace(/^-|-$/g, '')}-chart`;
      let blob: Blob;
      if (format === 'svg') {
        // Members of a collapsed group are not drawn: the SVG shows them where they were last placed.
        const placed = elements.nodes.map((n) => {
          const el = cy.getElementById(n.id);
          return { ...n, ...(el.nonempty() ? el.position() : (wall?.positions[n.id] ?? { x: 0, y: 0 })) };
        });
        blob = new Blob([chartToSvg(placed, elements.edges, { marking, title: data.workspace?.name ?? 'Link chart', groups: wall?.groups ?? [] })], { type: 'image/svg+xml' });
      } else {
        const chartWidth = pngWidth - 320 * (pngWidth / 2000);
        const bitmap = (await cy.png({ output: 'blob-promise', full: true, bg: '#ffffff', maxWidth: chartWidth, maxHeight: chartWidth })) as Blob;
        blob = await composePng(bitmap, marking, pngWidth / 2000, pngWidth);
      }
      downloadBlob(blob, `${stem}.${format}`);
      await logAudit(session, workspaceId, {
        category: 'disclosure',
        action: `export-chart-${format}`,
        summary: `Exported the chart as ${format.toUpperCase()} (${elements.nodes.length} entities, ${elements.edges.length} links; young people ${pseudonymise ? 'by pseudonym' : 'by name'}), marked ${marking}`,
        recordIds: elements.nodes.map((n) => n.id),
      });
      notify(`Exported the chart as ${format.toUpperCase()}.`);
    } catch (e) {
      notify(`The chart could not be exported: ${(e as Error).message}`, 'error');
    } finally {
      setExporting(false);
    }
  };

  if (!data.complete || !wall) return <p className="loading">Loading the chart…</p>;
  const one = selected.length === 1 ? data.entities.get(selected[0] ?? '') : undefined;
  const chartLabel = `Link chart: ${elements.nodes.length} entities and ${elements.edges.length} links`;
  const legend = <Legend groups={(wall.groups ?? []).length > 0} pins={(wall.pinned ?? []).length > 0} />;

  if (present)
    return (
      <div ref={presentRef} className="present" role="dialog" aria-label="Presentation" aria-modal="true">
        <div className="present-marking">
          {data.workspace?.marking}
          {views && views.views.length > 1 ? <span className="present-view"> · {wall.name} (← → other views)</span> : null}
        </div>
        <CytoscapeChart
          key={wall.id}
          nodes={drawnAll.nodes}
          edges={drawnAll.edges}
          groups={drawnAll.groups}
          pinned={pinnedSet}
          positions={positions}
          layout={layout}
          layoutTick={0}
          fontSize={26}
          present
          onReady={exposeChartForBench}
          onSelect={() => undefined}
          onMoved={() => undefined}
          label={chartLabel}
        />
        <div className="present-legend">
          {legend}
          <EntityList nodes={elements.nodes} selected={[]} onSelect={() => undefined} />
        </div>
        <p className="present-hint">Esc leaves. Young people are shown by pseudonym.</p>
      </div>
    );

  return (
    <div className="chart-view">
      <div className="chart-toolbar" role="toolbar" aria-label="Chart">
        <label>
          View{' '}
          <select aria-label="Chart view" value={views?.current ?? ''} onChange={(e) => switchView(e.target.value)}>
            {views?.views.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        </label>
        <Menu label="Views">
          <button type="button" onClick={addView}>
            New view
          </button>
          <button type="button" onClick={renameView}>
            Rename this view
          </button>
          <button type="button" onClick={deleteView} disabled={(views?.views.length ?? 0) < 2}>
            Delete this view
          </button>
          <label className="inline" title="Faster on a computer with a graphics card; slower without one (see the README)">
            <input
              type="checkbox"
              checked={webgl}
              onChange={(e) => {
                setWebgl(e.target.checked);
                localStorage.setItem(WEBGL_KEY, e.target.checked ? '1' : '0');
              }}
            />{' '}
            Draw with the graphics card (WebGL, experimental)
          </label>
        </Menu>
        <button type="button" onClick={undoChart} disabled={!past.length} aria-label="Undo chart edit">
          ↶
        </button>
        <button type="button" onClick={redoChart} disabled={!future.length} aria-label="Redo chart edit">
          ↷
        </button>
        <button type="button" onClick={() => setAdding('')}>
          Add entity…
        </button>
        <label>
          Expand by{' '}
          <select aria-label="Hops to expand" value={hops} onChange={(e) => setHops(Number(e.target.value))}>
            <option value={1}>1 hop</option>
            <option value={2}>2 hops</option>
            <option value={3}>3 hops</option>
          </select>
        </label>
        <button type="button" onClick={expand} disabled={!selectedEntities.length} aria-keyshortcuts="E">
          Expand selected
        </button>
        <button type="button" onClick={remove} disabled={!selectedEntities.length} aria-keyshortcuts="Delete">
          Remove from chart
        </button>
        <button type="button" onClick={togglePin} disabled={!selectedEntities.length} aria-pressed={allPinned} aria-keyshortcuts="Shift+P">
          {allPinned ? 'Unpin' : 'Pin'}
        </button>
        <button type="button" onClick={group} disabled={selectedEntities.length < 2}>
          Group…
        </button>
        {selectedGroups.length > 0 && (
          <>
            <button type="button" onClick={toggleGroups} aria-keyshortcuts="Enter">
              {selectedGroups.every((g) => g.collapsed) ? 'Open group' : 'Collapse group'}
            </button>
            <button type="button" onClick={ungroup}>
              Ungroup
            </button>
          </>
        )}
        <label>
          Layout{' '}
          <select aria-label="Layout" value={layout} onChange={(e) => setLayout(e.target.value as LayoutName)}>
            {LAYOUTS.map((l) => (
              <option key={l.id} value={l.id}>
                {l.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => setLayoutTick((t) => t + 1)}>
          {selected.length > 1 ? 'Lay out selection' : 'Lay out'}
        </button>
        <label className="inline">
          <input type="checkbox" checked={pseudonymise} onChange={(e) => setPseudonymise(e.target.checked)} /> Young people by pseudonym
        </label>
        <span className="spacer" />
        <Menu label="Export" className="menu-right">
          <label>
            PNG width{' '}
            <select aria-label="PNG width" value={pngWidth} onChange={(e) => setPngWidth(Number(e.target.value))}>
              <option value={2000}>2,000 px</option>
              <option value={4000}>4,000 px</option>
              <option value={8000}>8,000 px (poster)</option>
            </select>
          </label>
          <button type="button" onClick={() => void exportAs('png')} disabled={exporting || !elements.nodes.length}>
            Export PNG
          </button>
          <button type="button" onClick={() => void exportAs('svg')} disabled={exporting || !elements.nodes.length}>
            Export SVG
          </button>
          {EXCHANGE_FORMATS.map((f) => (
            <button
              key={f.id}
              type="button"
              disabled={exporting || !elements.nodes.length}
              onClick={() => {
                setExporting(true);
                void exportChartData(f.id, { session, workspaceId, data, wall, cy: cyRef.current, pseudonyms: pseudonymise ? names : undefined, notify }).finally(() => setExporting(false));
              }}
            >
              {f.button}
            </button>
          ))}
        </Menu>
        <button type="button" className="primary" onClick={() => setPresent(true)}>
          Present
        </button>
      </div>
      <FilterBar filter={filter} setFilter={setFilter} agencies={agencies} range={range} roles={ROLE_PRIORITY} hide={hideFiltered} setHide={setHideFiltered} />
      {adding !== null && (
        <div className="chart-add">
          <EntityPicker label="Add to the chart" value={null} onChange={add} exclude={wall.nodes} />
          <button type="button" onClick={() => setAdding(null)}>
            Close
          </button>
        </div>
      )}
      <div className="chart-body">
        <CytoscapeChart
          key={webgl ? 'webgl' : 'canvas'}
          webgl={webgl}
          nodes={drawn.nodes}
          edges={drawn.edges}
          groups={drawn.groups}
          pinned={pinnedSet}
          onCommand={onCommand}
          positions={positions}
          layout={layout}
          layoutTick={layoutTick}
          faded={faded}
          overlay={overlay}
          onSelect={setSelected}
          onMoved={(m, byUser) => update({ ...wall, positions: Object.fromEntries(m) }, byUser)}
          onReady={(cy) => {
            cyRef.current = cy;
            exposeChartForBench(cy);
          }}
          label={chartLabel}
          selected={selected}
        />
        <aside className="chart-side" aria-label="Chart details">
          {one ? (
            pseudonymise && names.has(one.id) ? (
              <div className="chart-selected">
                <h3>
                  <KindIcon kind={one.kind} /> {names.get(one.id)}
                </h3>
                <p className="hint">A young person at risk: details stay hidden while young people are shown by pseudonym.</p>
                <button type="button" className="link-button" onClick={() => navigate({ page: 'workspace', workspaceId, section: 'entities', selected: one.id })}>
                  Open details in Entities
                </button>
              </div>
            ) : (
              <>
                {!wall.nodes.includes(one.id) && (
                  <p className="notice">
                    Selected in the table, not on this view.{' '}
                    <button type="button" onClick={() => add(one.id)}>
                      Add to this view
                    </button>
                  </p>
                )}
                <DetailPanel key={one.id} entity={one} onClose={() => setSelected([])} onSelect={(id) => (wall.nodes.includes(id) ? setSelected([id]) : navigate({ page: 'workspace', workspaceId, section: 'entities', selected: id }))} />
              </>
            )
          ) : selectedGroups.length === 1 && selected.length === 1 ? (
            <div className="chart-selected">
              <h3>Group: {selectedGroups[0]!.label}</h3>
              <p>
                {selectedGroups[0]!.members.length} entities, {selectedGroups[0]!.collapsed ? 'collapsed into one box (its links are counted on the box)' : 'drawn in an open box'}. Double-click the box
                or press Enter on the chart to {selectedGroups[0]!.collapsed ? 'open' : 'collapse'} it.
              </p>
              <button type="button" className="link-button" onClick={() => setSelected(selectedGroups[0]!.members)}>
                Select its members
              </button>
            </div>
          ) : selected.length > 1 ? (
            <div className="chart-selected">
              <p>
                {selected.length} selected. Expand, pin, group, remove or lay out the selection.
              </p>
              <MergeSelectedButton workspaceId={workspaceId} ids={[...selected]} />
            </div>
          ) : (
            <p className="hint">
              {elements.nodes.length} entities, {elements.edges.length} links. Click an entity to select it; Shift-click or drag a box to select several.
            </p>
          )}
          <AnalysisPanel nodes={shown.nodes} edges={shown.edges} selected={[...selected]} onOverlay={setOverlay} onSelect={setSelected} />
          <EntityList nodes={elements.nodes} selected={selected} onSelect={setSelected} />
          {legend}
        </aside>
      </div>
    </div>
  );
}

export function Legend({ groups = false, pins = false }: { groups?: boolean; pins?: boolean }) {
  return (
    <div className="legend" aria-label="Legend">
      <h3>Legend</h3>
      <ul>
        {ENTITY_KINDS.map((k) => (
          <li key={k}>
            <span className="legend-node" style={{ borderColor: KIND_COLOUR[k] }}>
              <KindIcon kind={k} size={14} />
            </span>
            {KIND_LABEL[k]}
          </li>
        ))}
      </ul>
      <ul>
        {ROLE_PRIORITY.map((r) => (
          <li key={r}>
            <span className="legend-ring" style={{ borderColor: ROLE_COLOUR[r] }} aria-hidden="true" />
            <span className="legend-badge" style={{ background: ROLE_COLOUR[r] }} aria-hidden="true">
              {ROLE_BADGE[r]}
            </span>{' '}
            {ROLE_LABEL[r]}
          </li>
        ))}
      </ul>
      <ul>
        <li>
          <span className="legend-line solid" aria-hidden="true" /> Link graded A/B (or 5x5x5 1/2)
        </li>
        <li>
          <span className="legend-line dashed" aria-hidden="true" /> Graded C/D (3/4)
        </li>
        <li>
          <span className="legend-line dotted" aria-hidden="true" /> Graded E, 5 or ungraded
        </li>
        <li>×n: n links of one type between the pair; thicker is more</li>
      </ul>
      {(groups || pins) && (
        <ul>
          {groups && (
            <li>
              <span className="legend-box" aria-hidden="true" /> Group (open) <span className="legend-box collapsed" aria-hidden="true" /> collapsed, (n) members
            </li>
          )}
          {pins && (
            <li>
              <span className="legend-pin" aria-hidden="true" /> Pinned: stays put through layouts
            </li>
          )}
        </ul>
      )}
    </div>
  );
}

/**
 * The entities on the chart as a list, for screen readers and the keyboard (the chart itself is a canvas):
 * the same labels as the chart, pseudonyms included; Enter or Space selects.
 */
function EntityList({ nodes, selected, onSelect }: { nodes: ReturnType<typeof toChartElements>['nodes']; selected: readonly string[]; onSelect: (ids: string[]) => void }) {
  // Drawn only while open: a view of thousands would otherwise cost a long render on every change.
  const [open, setOpen] = useState(false);
  return (
    <details className="chart-entities" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>Entities on the chart ({nodes.length})</summary>
      {open && <ul aria-label="Entities on the chart">
        {nodes.map((n) => (
          <li key={n.id}>
            <button
              type="button"
              className="link-button"
              aria-pressed={selected.includes(n.id)}
              title="Shift- or Ctrl-click to add to the selection"
              onClick={(e) =>
                onSelect(e.shiftKey || e.ctrlKey || e.metaKey ? (selected.includes(n.id) ? selected.filter((x) => x !== n.id) : [...selected, n.id]) : [n.id])
              }
            >
              {n.label}
            </button>{' '}
            <span className="hint">{n.role ? ROLE_LABEL[n.role] : KIND_LABEL[n.kind]}</span>
          </li>
        ))}
      </ul>}
    </details>
  );
}

type ExchangeFormat = 'anx' | 'graphml' | 'gexf' | 'csv';
const EXCHANGE_FORMATS: { id: ExchangeFormat; button: string; name: string }[] = [
  { id: 'anx', button: 'Export i2 ANX', name: "i2 Analyst's Notebook chart (ANX)" },
  { id: 'graphml', button: 'Export GraphML', name: 'GraphML' },
  { id: 'gexf', button: 'Export GEXF', name: 'GEXF' },
  { id: 'csv', button: 'Export CSV (entities and links)', name: 'CSV of entities and links' },
];

/**
 * Exports the current chart view (its entities, the links between them and the items they cite, where they
 * are on the chart; young people by pseudonym when the chart shows them so) as i2 ANX, GraphML, GEXF or
 * two CSV files, downloads the file(s) and records the disclosure in the audit log with each file's SHA-256.
 */
async function exportChartData(
  format: ExchangeFormat,
  ctx: {
    session: Session;
    workspaceId: string;
    data: ReturnType<typeof useWorkspaceData>;
    wall: ChartViewRecord;
    cy: Core | null;
    pseudonyms: ReadonlyMap<Id, string> | undefined;
    notify: ReturnType<typeof useNotify>;
  },
): Promise<void> {
  const { data, wall, cy, pseudonyms } = ctx;
  const what = EXCHANGE_FORMATS.find((f) => f.id === format)?.name ?? format;
  try {
    const entities = wall.nodes.flatMap((id) => {
      const e = data.entities.get(id);
      return e && !e.mergedInto ? [e] : [];
    });
    const on = new Set(entities.map((e) => e.id));
    const links = [...data.links.values()].filter((l) => on.has(l.from) && on.has(l.to));
    const positions = new Map<Id, Point>();
    for (const e of entities) {
      // Members of a collapsed group are not drawn: they go where they were last placed.
      const el = cy?.getElementById(e.id);
      const p = el && el.nonempty() ? el.position() : wall.positions[e.id];
      if (p) positions.set(e.id, { x: p.x, y: p.y });
    }
    const marking = data.workspace?.marking ?? 'OFFICIAL-SENSITIVE';
    const input: ChartExportInput = {
      workspace: { name: data.workspace?.name ?? 'Link chart', marking },
      entities,
      links,
      items: [...data.items.values()],
      positions,
      ...(pseudonyms ? { pseudonyms } : {}),
    };
    const stem = `${data.workspace?.name ?? 'chart'}-${wall.name}`.replace(/[^\w-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '') || 'chart';
    const files: { name: string; type: string; text: string }[] =
      format === 'anx'
        ? [{ name: `${stem}.anx`, type: 'application/xml', text: toAnx(input) }]
        : format === 'graphml'
          ? [{ name: `${stem}.graphml`, type: 'application/xml', text: toGraphml(input) }]
          : format === 'gexf'
            ? [{ name: `${stem}.gexf`, type: 'application/xml', text: toGexf(input) }]
            : [
                { name: `${stem}-entities.csv`, type: 'text/csv;charset=utf-8', text: entitiesCsv(input) },
                { name: `${stem}-links.csv`, type: 'text/csv;charset=utf-8', text: linksCsv(input) },
              ];
    const hashes: string[] = [];
    for (const f of files) {
      const bytes = new TextEncoder().encode(f.text);
      hashes.push(await sha256HexOf(bytes));
      downloadBlob(new Blob([bytes], { type: f.type }), f.name);
    }
    const sha = files.length === 1 ? `SHA-256 ${hashes[0]}` : `SHA-256 ${files.map((f, i) => `${hashes[i]} (${f.name})`).join(', ')}`;
    await logAudit(ctx.session, ctx.workspaceId, {
      category: 'disclosure',
      action: `export-chart-${format}`,
      summary: `Exported the chart view "${wall.name}" as ${what} (${entities.length} entities, ${links.length} links; young people ${pseudonyms ? 'by pseudonym' : 'by name'}), marked ${marking}; ${sha}`,
      recordIds: entities.map((e) => e.id),
    });
    ctx.notify(files.length === 1 ? `Exported the chart view as ${what}.` : `Exported the chart view as ${what}: ${files.map((f) => f.name).join(' and ')}.`);
  } catch (e) {
    ctx.notify(`The chart could not be exported as ${what}: ${(e as Error).message}`, 'error');
  }
}
