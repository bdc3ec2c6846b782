/**
 * The one component that owns a Cytoscape instance (a thin wrapper of our own: the React wrapper
 * packages are stale). It draws ChartNode / ChartEdge elements, keeps positions of nodes that stay, lays
 * out only what is new (so the chart never jumps when one entity is added), and reports selection and
 * moves upward. Styles: kind icons (bundled SVG as data URIs), role colours, grading as line style.
 */
import cytoscape, { type Core, type ElementDefinition, type StylesheetJson } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { useEffect, useRef } from 'react';
import { KIND_ICON_PATH } from '../components/icons';
import type { EntityKind } from '../domain/model';
import type { LayoutAnswer, LayoutRequest } from '../workers/layout.worker';
import type { ChartEdge, ChartNode } from './toElements';

cytoscape.use(fcose);

export type LayoutName = 'fcose' | 'breadthfirst' | 'circle' | 'concentric' | 'grid';

function iconUri(kind: EntityKind, colour: string): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="48" height="48" viewBox="0 0 24 24"><path d="${KIND_ICON_PATH[kind]}" fill="${colour}"/></svg>`;
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

export function chartStyle(fontSize: number, present: boolean): StylesheetJson {
  return [
    {
      selector: 'node',
      style: {
        'background-color': 'data(bg)',
        'background-image': 'data(icon)',
        'background-width': '64%',
        'background-height': '64%',
        'background-clip': 'none',
        'border-width': present ? 5 : 3,
        'border-color': 'data(colour)',
        width: present ? 64 : 'data(size)',
        height: present ? 64 : 'data(size)',
        label: 'data(label)',
        'font-size': fontSize,
        'font-weight': 600,
        color: present ? '#000000' : '#1b1f24',
        'text-valign': 'bottom',
        'text-margin-y': 5,
        'text-wrap': 'wrap',
        'text-max-width': `${present ? 260 : 160}px`,
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.85,
        'text-background-padding': '2px',
        'min-zoomed-font-size': 5,
      },
    },
    { selector: 'node[kind = "person"]', style: { shape: 'ellipse' } },
    { selector: 'node[kind != "person"]', style: { shape: 'round-rectangle' } },
    { selector: 'node:selected', style: { 'border-color': '#ffbf47', 'border-width': present ? 8 : 6, 'overlay-opacity': 0 } },
    { selector: 'node.faded, edge.faded', style: { opacity: 0.15 } },
    { selector: 'node.path, edge.path', style: { 'border-color': '#1f5fbf', 'line-color': '#1f5fbf', 'target-arrow-color': '#1f5fbf', width: 5 } },
    {
      selector: 'edge',
      style: {
        width: 'mapData(count, 1, 6, 2, 7)',
        'line-color': '#6b7483',
        'curve-style': 'bezier',
        label: present ? '' : 'data(shortLabel)',
        'font-size': Math.max(10, fontSize - 3),
        color: '#4a5361',
        'text-rotation': 'autorotate',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.8,
        'text-background-padding': '1px',
        'min-zoomed-font-size': 8,
      },
    },
    { selector: 'edge[strength = "strong"]', style: { 'line-style': 'solid' } },
    { selector: 'edge[strength = "medium"]', style: { 'line-style': 'dashed' } },
    { selector: 'edge[strength = "weak"]', style: { 'line-style': 'dotted' } },
    { selector: 'edge:selected', style: { 'line-color': '#ffbf47', label: 'data(label)' } },
  ];
}

export function toCytoscape(
  nodes: ChartNode[],
  edges: ChartEdge[],
  positions: ReadonlyMap<string, { x: number; y: number }>,
  overlay?: { sizes: Map<string, number> | null; groups: Map<string, string> | null },
): ElementDefinition[] {
  return [
    ...nodes.map(
      (n): ElementDefinition => ({
        group: 'nodes',
        data: {
          id: n.id,
          label: n.label,
          kind: n.kind,
          colour: n.colour,
          role: n.role ?? '',
          icon: iconUri(n.kind, n.colour),
          size: 30 + 50 * (overlay?.sizes?.get(n.id) ?? 0.2),
          bg: overlay?.groups?.get(n.id) ?? '#ffffff',
        },
        ...(positions.has(n.id) ? { position: { ...positions.get(n.id)! } } : {}),
      }),
    ),
    ...edges.map(
      (e): ElementDefinition => ({
        group: 'edges',
        data: { id: e.id, source: e.source, target: e.target, label: e.label, shortLabel: e.count > 1 ? `×${e.count}` : '', strength: e.strength, count: e.count, type: e.type },
      }),
    ),
  ];
}

export interface ChartHandle {
  cy: Core;
}

export function CytoscapeChart({
  nodes,
  edges,
  positions,
  layout,
  layoutTick,
  fontSize = 13,
  present = false,
  onSelect,
  onMoved,
  onReady,
  label,
  selected,
  faded,
  overlay,
}: {
  nodes: ChartNode[];
  edges: ChartEdge[];
  positions: ReadonlyMap<string, { x: number; y: number }>;
  layout: LayoutName;
  /** Bump to run the layout again on every node (or on the selection only, if any is selected). */
  layoutTick: number;
  fontSize?: number;
  present?: boolean;
  onSelect: (ids: string[]) => void;
  onMoved: (positions: Map<string, { x: number; y: number }>) => void;
  onReady?: (cy: Core) => void;
  label: string;
  /** Selection made elsewhere (the entity list): applied to the chart. */
  selected?: string[];
  /** Elements that do not pass the filters, drawn faint. */
  faded?: ReadonlySet<string>;
  /** Analysis: sizes by a measure, group colours, a highlighted path. */
  overlay?: { sizes: Map<string, number> | null; groups: Map<string, string> | null; path: Set<string> | null };
}) {
  const host = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const handlers = useRef({ onSelect, onMoved });
  handlers.current = { onSelect, onMoved };

  useEffect(() => {
    if (!host.current) return;
    const cy = cytoscape({
      container: host.current,
      style: chartStyle(fontSize, present),
      wheelSensitivity: 0.3,
      minZoom: 0.05,
      maxZoom: 4,
      // Pan and zoom move a cached picture of the chart, redrawn when the movement stops: thousands of
      // nodes stay smooth without a GPU. Labels too small to read are not drawn.
      textureOnViewport: true,
      hideEdgesOnViewport: false,
      motionBlur: false,
      pixelRatio: 1,
    });
    cyRef.current = cy;
    const report = () => handlers.current.onSelect(cy.$(':selected').nodes().map((n) => n.id()));
    cy.on('select unselect', 'node', report);
    cy.on('dragfree', 'node', () => {
      const m = new Map<string, { x: number; y: number }>();
      cy.nodes().forEach((n) => {
        m.set(n.id(), { ...n.position() });
      });
      handlers.current.onMoved(m);
    });
    onReady?.(cy);
    return () => {
      cy.destroy();
      cyRef.current = null;
    };
    // The instance lives as long as the component; style changes are applied below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    cyRef.current?.style(chartStyle(fontSize, present));
  }, [fontSize, present]);

  // Sync elements: keep nodes that stay where they are; place only the new ones.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    const wanted = toCytoscape(nodes, edges, positions, overlay);
    const ids = new Set(wanted.map((e) => e.data.id as string));
    cy.batch(() => {
      cy.elements().forEach((el) => {
        if (!ids.has(el.id())) el.remove();
      });
      for (const def of wanted) {
        const el = cy.getElementById(def.data.id as string);
        if (el.nonempty()) el.data(def.data);
        else cy.add(def);
      }
    });
    const fresh = cy.nodes().filter((n) => !positions.has(n.id()));
    const report = () => {
      const m = new Map<string, { x: number; y: number }>();
      cy.nodes().forEach((n) => {
        m.set(n.id(), { ...n.position() });
      });
      handlers.current.onMoved(m);
    };
    if (fresh.nonempty()) {
      if (fresh.length === cy.nodes().length) runLayout(cy, layout, cy.elements(), report);
      else {
        // Place newcomers around what they link to, and lay out only them (the rest stays still).
        fresh.forEach((n) => {
          const anchor = n.neighborhood('node').filter((m) => !fresh.contains(m));
          const c = anchor.nonempty() ? anchor.boundingBox() : cy.extent();
          n.position({ x: (c.x1 + c.x2) / 2 + (Math.random() - 0.5) * 120, y: (c.y1 + c.y2) / 2 + (Math.random() - 0.5) * 120 });
        });
        report();
        cy.container()?.setAttribute('data-layout', 'done');
      }
    } else {
      if (cy.nodes().nonempty()) cy.fit(undefined, 40);
      cy.container()?.setAttribute('data-layout', 'done');
    }
  }, [nodes, edges, positions, layout, overlay]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || layoutTick === 0) return;
    const selected = cy.$(':selected');
    runLayout(cy, layout, selected.nodes().length > 1 ? selected.union(selected.edgesWith(selected)) : cy.elements(), () => {
      const m = new Map<string, { x: number; y: number }>();
      cy.nodes().forEach((n) => {
        m.set(n.id(), { ...n.position() });
      });
      handlers.current.onMoved(m);
    });
    // Runs only when asked (layoutTick), not when the layout choice changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [layoutTick]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.batch(() => {
      cy.elements().forEach((el) => {
        if (faded?.has(el.id())) el.addClass('faded');
        else el.removeClass('faded');
        if (overlay?.path?.has(el.id())) el.addClass('path');
        else el.removeClass('path');
      });
    });
  }, [faded, nodes, edges, overlay]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || !selected) return;
    const now = cy.$(':selected').nodes().map((n) => n.id()).sort().join('|');
    if (now === [...selected].sort().join('|')) return;
    cy.batch(() => {
      cy.$(':selected').unselect();
      for (const id of selected) cy.getElementById(id).select();
    });
    const sel = cy.$(':selected');
    if (sel.nonempty()) cy.animate({ center: { eles: sel } }, { duration: 200 });
  }, [selected]);

  return <div ref={host} className="cy-host" role="img" aria-label={label} />;
}

let layoutWorker: Worker | null = null;
let layoutJob = 0;

/** fcose in the layout worker: positions come back and are applied in one batch. */
function runFcoseInWorker(cy: Core, eles: cytoscape.Collection, done?: () => void): void {
  layoutWorker ??= new Worker(new URL('../workers/layout.worker.ts', import.meta.url), { type: 'module' });
  const job = ++layoutJob;
  const all = eles.length === cy.elements().length;
  const moving = new Set(eles.nodes().map((n) => n.id()));
  const request: LayoutRequest = {
    jobId: job,
    // Only the chosen part moves: the rest is sent as fixed context so the layout fits around it.
    nodes: cy.nodes().map((n) => ({ id: n.id(), ...n.position(), fixed: !moving.has(n.id()) })),
    edges: cy.edges().map((e) => ({ id: e.id(), source: e.source().id(), target: e.target().id() })),
    randomize: all,
  };
  cy.container()?.setAttribute('data-layout', 'running');
  const w = layoutWorker;
  const onAnswer = (ev: MessageEvent<LayoutAnswer>) => {
    if (ev.data.jobId !== job) return;
    w.removeEventListener('message', onAnswer);
    if (cy.destroyed()) return;
    cy.batch(() => {
      cy.nodes().forEach((n) => {
        const p = ev.data.positions[n.id()];
        if (p && moving.has(n.id())) n.position(p);
      });
    });
    if (all) cy.fit(undefined, 40);
    cy.container()?.setAttribute('data-layout', 'done');
    done?.();
  };
  w.addEventListener('message', onAnswer);
  w.postMessage(request);
}

function runLayout(cy: Core, name: LayoutName, eles: cytoscape.Collection, done?: () => void): void {
  if (name === 'fcose') return runFcoseInWorker(cy, eles, done);
  const fit = eles.length === cy.elements().length;
  const common = { fit, padding: 40, animate: false };
  const options =
    name === 'concentric'
        ? { name, concentric: (n: cytoscape.NodeSingular) => n.degree(false), levelWidth: () => 2, minNodeSpacing: 30, ...common }
        : name === 'breadthfirst'
          ? { name, directed: false, spacingFactor: 1.2, ...common }
          : { name, ...common };
  const l = eles.layout(options as cytoscape.LayoutOptions);
  l.one('layoutstop', () => {
    cy.container()?.setAttribute('data-layout', 'done');
    done?.();
  });
  l.run();
}
