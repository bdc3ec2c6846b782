/**
 * Chart: the wall a meeting looks at. Entities are added by search and expanded to their neighbours;
 * layouts re-arrange all or only the selected part; a legend explains every symbol; Present shows only
 * the chart and the legend, full screen, large and high-contrast, young people by pseudonym.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { KindIcon } from '../components/icons';
import { useNotify } from '../components/notify';
import { ENTITY_KINDS, KIND_LABEL, ROLE_LABEL, type Id } from '../domain/model';
import { useSession, useWorkspaceData } from '../hooks/session';
import { loadWall, saveWall, type Wall } from '../services/walls';
import { EntityPicker } from '../app/forms/EntityPicker';
import { navigate } from '../app/router';
import { DetailPanel } from '../app/DetailPanel';
import type { Core } from 'cytoscape';
import { logAudit } from '../services/commit';
import { CytoscapeChart, type LayoutName } from './CytoscapeChart';
import { chartToSvg, composePng } from './exportChart';
import { KIND_COLOUR, neighbours, primaryRole, pseudonyms, ROLE_COLOUR, ROLE_PRIORITY, toChartElements } from './toElements';

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

export function ChartView({ workspaceId }: { workspaceId: string }) {
  const session = useSession();
  const data = useWorkspaceData();
  const notify = useNotify();
  const [wall, setWall] = useState<Wall | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
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

  useEffect(() => {
    if (!data.complete) return;
    let alive = true;
    void loadWall(session.db, workspaceId).then((w) => {
      if (alive) setWall(w ?? { nodes: startingNodes(data), positions: {} });
    });
    return () => {
      alive = false;
    };
    // Loaded once per workspace, when its records are in memory.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session.db, workspaceId, data.complete]);

  const update = useCallback(
    (next: Wall) => {
      setWall(next);
      void saveWall(session.db, workspaceId, next);
    },
    [session.db, workspaceId],
  );

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

  const add = (id: string | null) => {
    setAdding(null);
    if (!id || !wall) return;
    if (wall.nodes.includes(id)) return notify('That entity is already on the chart.');
    update({ ...wall, nodes: [...wall.nodes, id] });
  };
  const expand = () => {
    if (!wall || !selected.length) return;
    const grown = neighbours(selected, data.links.values(), hops);
    const added = [...grown].filter((id) => !wall.nodes.includes(id));
    update({ ...wall, nodes: [...wall.nodes, ...added] });
    notify(added.length ? `Added ${added.length} linked ${added.length === 1 ? 'entity' : 'entities'}.` : 'Nothing more is linked within that many hops.');
  };
  const remove = () => {
    if (!wall || !selected.length) return;
    const drop = new Set(selected);
    const positionsLeft = Object.fromEntries(Object.entries(wall.positions).filter(([id]) => !drop.has(id)));
    update({ nodes: wall.nodes.filter((id) => !drop.has(id)), positions: positionsLeft });
    setSelected([]);
  };

  useEffect(() => {
    if (!present) return;
    const el = presentRef.current;
    void el?.requestFullscreen?.().catch(() => undefined);
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setPresent(false);
    };
    const onFs = () => {
      if (!document.fullscreenElement) setPresent(false);
    };
    window.addEventListener('keydown', onKey);
    document.addEventListener('fullscreenchange', onFs);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('fullscreenchange', onFs);
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    };
  }, [present]);

  const exportAs = async (format: 'png' | 'svg') => {
    const cy = cyRef.current;
    if (!cy) return;
    setExporting(true);
    try {
      const marking = data.workspace?.marking ?? 'OFFICIAL-SENSITIVE';
      const stem = `${(data.workspace?.name ?? 'chart').replace(/[^\w-]+/g, '-').replace(/^-|-$/g, '')}-chart`;
      let blob: Blob;
      if (format === 'svg') {
        const placed = elements.nodes.map((n) => ({ ...n, ...cy.getElementById(n.id).position() }));
        blob = new Blob([chartToSvg(placed, elements.edges, { marking, title: data.workspace?.name ?? 'Link chart' })], { type: 'image/svg+xml' });
      } else {
        const chartWidth = pngWidth - 320 * (pngWidth / 2000);
        const bitmap = (await cy.png({ output: 'blob-promise', full: true, bg: '#ffffff', maxWidth: chartWidth, maxHeight: chartWidth })) as Blob;
        blob = await composePng(bitmap, marking, pngWidth / 2000);
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
  const legend = <Legend />;

  if (present)
    return (
      <div ref={presentRef} className="present" role="dialog" aria-label="Presentation" aria-modal="true">
        <div className="present-marking">{data.workspace?.marking}</div>
        <CytoscapeChart
          nodes={elements.nodes}
          edges={elements.edges}
          positions={positions}
          layout={layout}
          layoutTick={0}
          fontSize={26}
          present
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
        <button type="button" onClick={expand} disabled={!selected.length}>
          Expand selected
        </button>
        <button type="button" onClick={remove} disabled={!selected.length}>
          Remove from chart
        </button>
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
        <button type="button" className="primary" onClick={() => setPresent(true)}>
          Present
        </button>
      </div>
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
          nodes={elements.nodes}
          edges={elements.edges}
          positions={positions}
          layout={layout}
          layoutTick={layoutTick}
          onSelect={setSelected}
          onMoved={(m) => update({ ...wall, positions: Object.fromEntries(m) })}
          onReady={(cy) => (cyRef.current = cy)}
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
              <DetailPanel key={one.id} entity={one} onClose={() => setSelected([])} onSelect={(id) => (wall.nodes.includes(id) ? setSelected([id]) : navigate({ page: 'workspace', workspaceId, section: 'entities', selected: id }))} />
            )
          ) : selected.length > 1 ? (
            <p>{selected.length} selected. Expand, remove or lay out the selection.</p>
          ) : (
            <p className="hint">
              {elements.nodes.length} entities, {elements.edges.length} links. Click an entity to select it; Shift-click or drag a box to select several.
            </p>
          )}
          <EntityList nodes={elements.nodes} selected={selected} onSelect={setSelected} />
          {legend}
        </aside>
      </div>
    </div>
  );
}

export function Legend() {
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
            <span className="legend-ring" style={{ borderColor: ROLE_COLOUR[r] }} aria-hidden="true" /> {ROLE_LABEL[r]}
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
    </div>
  );
}

/**
 * The entities on the chart as a list, for screen readers and the keyboard (the chart itself is a canvas):
 * the same labels as the chart, pseudonyms included; Enter or Space selects.
 */
function EntityList({ nodes, selected, onSelect }: { nodes: ReturnType<typeof toChartElements>['nodes']; selected: string[]; onSelect: (ids: string[]) => void }) {
  return (
    <details className="chart-entities">
      <summary>Entities on the chart ({nodes.length})</summary>
      <ul aria-label="Entities on the chart">
        {nodes.map((n) => (
          <li key={n.id}>
            <button type="button" className="link-button" aria-pressed={selected.includes(n.id)} onClick={() => onSelect([n.id])}>
              {n.label}
            </button>{' '}
            <span className="hint">{n.role ? ROLE_LABEL[n.role] : KIND_LABEL[n.kind]}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}

function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
