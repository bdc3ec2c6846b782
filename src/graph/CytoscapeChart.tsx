/**
 * The one component that owns a Cytoscape instance (a thin wrapper of our own: the React wrapper
 * packages are stale). It draws ChartNode / ChartEdge elements and group boxes, keeps positions of nodes
 * that stay, lays out only what is new (so the chart never jumps when one entity is added), holds pinned
 * nodes still, and reports selection and moves upward. Styles: kind icons with a role badge (bundled SVG
 * as data URIs), role colours, grading as line style.
 *
 * Speed: a large view with no positions yet is laid out in the layout worker BEFORE anything is drawn
 * (drawing thousands of nodes piled on one point is what made the first render slow), then added in one
 * batch. Later updates touch only the elements whose data changed.
 */
import cytoscape, { type Core, type ElementDefinition, type StylesheetJson } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { KIND_ICON_PATH } from '../components/icons';
import type { EntityKind, Role } from '../domain/model';
import type { LayoutAnswer, LayoutRequest } from '../workers/layout.worker';
import { ROLE_BADGE, ROLE_COLOUR, type ChartEdge, type ChartGroupNode, type ChartNode } from './toElements';

export { ROLE_BADGE };

cytoscape.use(fcose);

export type LayoutName = 'fcose' | 'breadthfirst' | 'circle' | 'concentric' | 'grid';

/** Views larger than this are laid out before they are first drawn. */
const LAYOUT_FIRST = 300;


const iconCache = new Map<string, string>();
/** The kind icon in the node's colour, with the role badge in the top right corner. */
export function iconUri(kind: EntityKind, colour: string, role: Role | null): string {
  const key = `${kind}|${colour}|${role ?? ''}`;
  const hit = iconCache.get(key);
  if (hit) return hit;
  const badge = role
    ? `<rect x="${ROLE_BADGE[role].length > 1 ? 19 : 22}" y="0" width="${ROLE_BADGE[role].length > 1 ? 13 : 10}" height="10" rx="5" fill="${ROLE_COLOUR[role]}" stroke="#fff" stroke-width="1"/>` +
      `<text x="${ROLE_BADGE[role].length > 1 ? 25.5 : 27}" y="8" font-family="Arial,Helvetica,sans-serif" font-size="7.5" font-weight="700" fill="#fff" text-anchor="middle">${ROLE_BADGE[role]}</text>`
    : '';
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 32 32"><g transform="translate(5 5) scale(0.92)"><path d="${KIND_ICON_PATH[kind]}" fill="${colour}"/></g>${badge}</svg>`;
  const uri = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  iconCache.set(key, uri);
  return uri;
}

/** Views with more elements than this are "big": straight links, labelled only when selected. */
const LOD_ELEMENTS = 2000;
/** A big view draws its nodes lite below this zoom, or when more than LOD_VISIBLE nodes are on screen. */
const LOD_ZOOM = 0.45;
const LOD_VISIBLE = 800;

/**
 * The chart's stylesheet. For a big view (`big`) links are straight (haystack) and unlabelled unless
 * selected, and nodes with the class `lite` (a crowded or far-out view: see the viewport handler) are
 * plain coloured shapes with no icon, border or label: too small to read there, and drawing thousands of
 * icons and labels is what makes a large chart slow. Zooming in on a part brings the detail back.
 */
export function chartStyle(fontSize: number, present: boolean, big = false): StylesheetJson {
  const base: StylesheetJson = [
    {
      selector: 'node',
      style: {
        'background-color': 'data(bg)',
        'background-image': 'data(icon)',
        'background-width': '100%',
        'background-height': '100%',
        'background-clip': 'none',
        'background-image-containment': 'over',
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
    // A pinned node keeps its place through layouts: a thick dark outline, like a drawing pin's head.
    { selector: 'node.pinned', style: { 'outline-width': 3, 'outline-color': '#1b1f24', 'outline-offset': 2 } },
    {
      selector: 'node.group-box',
      style: {
        shape: 'round-rectangle',
        'background-color': '#eef2f7',
        'background-opacity': 0.6,
        'background-image': 'none',
        'border-width': 2,
        'border-style': 'dashed',
        'border-color': '#5b6575',
        label: 'data(label)',
        'text-valign': 'top',
        'text-halign': 'center',
        'text-margin-y': -4,
        'font-size': fontSize,
        padding: '18px',
      },
    },
    {
      selector: 'node.group-collapsed',
      style: {
        shape: 'round-rectangle',
        width: present ? 96 : 76,
        height: present ? 60 : 46,
        'background-color': '#eef2f7',
        'background-image': 'none',
        'border-width': present ? 5 : 3,
        'border-style': 'double',
        'border-color': '#5b6575',
        label: 'data(label)',
        'text-valign': 'center',
        'text-halign': 'center',
        'text-background-opacity': 0,
        'text-max-width': `${present ? 90 : 70}px`,
        'font-size': Math.max(11, fontSize - 2),
      },
    },
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
  if (!big) return base;
  return [
    ...base,
    { selector: 'edge', style: { 'curve-style': 'haystack', 'haystack-radius': 0, label: '' } },
    { selector: 'edge:selected', style: { label: 'data(label)' } },
    { selector: 'node.lite', style: { 'background-image': 'none', 'background-color': 'data(colour)', 'border-width': 0, label: '', width: 24, height: 24 } },
    { selector: 'node.lite:selected', style: { 'background-color': '#ffbf47', 'border-width': 4, 'border-color': '#1b1f24', width: 40, height: 40 } },
    { selector: 'node.lite.path', style: { 'background-color': '#1f5fbf' } },
  ];
}

export interface ChartOverlay {
  sizes: Map<string, number> | null;
  groups: Map<string, string> | null;
  path?: Set<string> | null;
}

export function toCytoscape(
  nodes: readonly ChartNode[],
  edges: readonly ChartEdge[],
  positions: ReadonlyMap<string, { x: number; y: number }>,
  overlay?: ChartOverlay,
  groups: readonly ChartGroupNode[] = [],
): ElementDefinition[] {
  return [
    // Parents first: Cytoscape needs a compound node to exist before its children.
    ...groups.map(
      (g): ElementDefinition => ({
        group: 'nodes',
        data: { id: g.id, label: g.collapsed ? `${g.label} (${g.count})` : g.label, kind: 'group', isGroup: true, collapsed: g.collapsed, count: g.count, colour: '#5b6575', bg: '#eef2f7', size: 60 },
        classes: g.collapsed ? 'group-collapsed' : 'group-box',
        ...(g.collapsed && positions.has(g.id) ? { position: { ...positions.get(g.id)! } } : {}),
      }),
    ),
    ...nodes.map(
      (n): ElementDefinition => ({
        group: 'nodes',
        data: {
          id: n.id,
          label: n.label,
          kind: n.kind,
          colour: n.colour,
          role: n.role ?? '',
          icon: iconUri(n.kind, n.colour, n.role),
          size: 30 + 50 * (overlay?.sizes?.get(n.id) ?? 0.2),
          bg: overlay?.groups?.get(n.id) ?? '#ffffff',
          ...(n.parent ? { parent: n.parent } : {}),
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

/** Keyboard commands the chart passes up (the buttons of the toolbar do the same). */
export type ChartCommand = 'remove' | 'expand' | 'pin' | 'toggle-group';

export function CytoscapeChart({
  nodes,
  edges,
  groups = [],
  positions,
  pinned,
  layout,
  layoutTick,
  fontSize = 13,
  present = false,
  onSelect,
  onMoved,
  onReady,
  onCommand,
  label,
  selected,
  faded,
  overlay,
  webgl = false,
}: {
  nodes: ChartNode[];
  edges: ChartEdge[];
  groups?: ChartGroupNode[];
  positions: ReadonlyMap<string, { x: number; y: number }>;
  /** Nodes that keep their place: not dragged by accident, not moved by layouts. */
  pinned?: ReadonlySet<string>;
  layout: LayoutName;
  /** Bump to run the layout again on every node (or on the selection only, if any is selected). */
  layoutTick: number;
  fontSize?: number;
  present?: boolean;
  onSelect: (ids: string[]) => void;
  /** Positions changed: `byUser` for a drag or an asked-for layout (an undoable edit), not for newcomers placed automatically. */
  onMoved: (positions: Map<string, { x: number; y: number }>, byUser: boolean) => void;
  onReady?: (cy: Core) => void;
  onCommand?: (command: ChartCommand) => void;
  label: string;
  /** Selection made elsewhere (the entity list, the table): applied to the chart. */
  selected?: readonly string[];
  /** Elements that do not pass the filters, drawn faint. */
  faded?: ReadonlySet<string>;
  /** Analysis: sizes by a measure, group colours, a highlighted path. */
  overlay?: ChartOverlay;
  /** Draw with the WebGL renderer (fixed for the life of the component: remount to change). */
  webgl?: boolean;
}) {
  const host = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const handlers = useRef({ onSelect, onMoved, onCommand });
  handlers.current = { onSelect, onMoved, onCommand };
  /** The data last given to each element, as JSON: only changed elements are touched. */
  const applied = useRef(new Map<string, string>());
  /** A large view being laid out before it is first drawn, and the latest elements for it. */
  const firstLayout = useRef<{ key: string; wanted: ElementDefinition[] } | null>(null);
  /** True while a selection made elsewhere is applied (the chart does not report it back). */
  const applying = useRef(false);
  const [laying, setLaying] = useState<number | null>(null);
  /** Whether the view is big (its stylesheet), and whether its nodes are drawn lite now. */
  const big = useRef(false);
  const lite = useRef(false);
  const styleArgs = useRef({ fontSize, present });
  styleArgs.current = { fontSize, present };

  useEffect(() => {
    if (!host.current) return;
    const cy = cytoscape({
      container: host.current,
      style: chartStyle(fontSize, present, big.current),
      minZoom: 0.03,
      maxZoom: 4,
      // Pan and zoom move a cached picture of the chart, redrawn when the movement stops: thousands of
      // nodes stay smooth without a GPU. Labels too small to read are not drawn.
      textureOnViewport: !webgl,
      motionBlur: false,
      pixelRatio: 1,
      boxSelectionEnabled: true,
      // Cytoscape's WebGL renderer (experimental, opt-in): see the README on chart speed.
      ...(webgl ? { renderer: { name: 'canvas', webgl: true } } : {}),
    } as cytoscape.CytoscapeOptions);
    cyRef.current = cy;
    const report = () => {
      if (!applying.current) handlers.current.onSelect(cy.$(':selected').nodes().map((n) => n.id()));
    };
    cy.on('select unselect', 'node', report);
    cy.on('dragfree', 'node', () => handlers.current.onMoved(positionsOf(cy), true));
    cy.on('dbltap', 'node[?isGroup]', () => handlers.current.onCommand?.('toggle-group'));
    // Level of detail: a large view far out is drawn lite; the style changes only when the zoom crosses.
    let restyle = 0;
    let lodTimer = 0;
    cy.on('viewport', () => {
      // Decided when the movement rests (while it moves, Cytoscape shows a cached picture anyway): no
      // per-frame work during a pan.
      if (big.current) {
        clearTimeout(lodTimer);
        lodTimer = window.setTimeout(() => {
          if (cy.destroyed()) return;
          const want = wantLite(cy);
          if (want === lite.current) return;
          lite.current = want;
          // Only the nodes change (a class): links keep their style, so this restyles a third of the chart.
          cy.batch(() => {
            cy.nodes().forEach((n) => {
              if (!n.data('isGroup')) setClass(n, 'lite', want);
            });
          });
        }, 150);
      }
      // In presentation the labels keep their size on the screen when the view is zoomed out to fit.
      if (styleArgs.current.present && !restyle)
        restyle = requestAnimationFrame(() => {
          restyle = 0;
          if (cy.destroyed()) return;
          const f = effectiveFont(cy);
          if (Math.abs(f - shownFont.current) / shownFont.current > 0.04) {
            shownFont.current = f;
            cy.style(chartStyle(f, true, big.current));
          }
        });
    });
    // The chart keeps its centre when its box changes size (the side panel, the toolbar wrapping, full screen).
    let size = { w: host.current.clientWidth, h: host.current.clientHeight };
    const resize = new ResizeObserver(() => {
      const el = cy.container();
      if (!el || cy.destroyed()) return;
      const next = { w: el.clientWidth, h: el.clientHeight };
      if (next.w === size.w && next.h === size.h) return;
      const pan = cy.pan();
      cy.resize();
      cy.pan({ x: pan.x + (next.w - size.w) / 2, y: pan.y + (next.h - size.h) / 2 });
      size = next;
    });
    resize.observe(host.current);
    onReady?.(cy);
    return () => {
      resize.disconnect();
      cy.destroy();
      cyRef.current = null;
    };
    // The instance lives as long as the component; style changes are applied below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  /** Switches the stylesheet when a view becomes big or stops being big. */
  const setBig = (cy: Core, want: boolean) => {
    if (want === big.current) return;
    big.current = want;
    // A big view hides its links while it moves (the cached picture is then nodes only, four times
    // cheaper to make): Cytoscape reads this renderer setting on every frame.
    (cy as unknown as { renderer(): { hideEdgesOnViewport: boolean } }).renderer().hideEdgesOnViewport = want;
    cy.style(chartStyle(effectiveFont(cy), styleArgs.current.present, want));
  };
  /** After nodes are placed: in presentation, spread them over the screen; report the positions. */
  const settle = (cy: Core, byUser: boolean) => {
    if (styleArgs.current.present) spreadForScreen(cy);
    handlers.current.onMoved(positionsOf(cy), byUser);
  };
  /** The font size in chart units that gives `fontSize` on the screen (presentation keeps labels >= fontSize px). */
  const shownFont = useRef(fontSize);
  const effectiveFont = (cy: Core): number => (styleArgs.current.present ? styleArgs.current.fontSize / Math.min(1, cy.zoom()) : styleArgs.current.fontSize);
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    shownFont.current = effectiveFont(cy);
    cy.style(chartStyle(shownFont.current, present, big.current));
  }, [fontSize, present]);

  // Sync elements: keep nodes that stay where they are; place only the new ones.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    const wanted = toCytoscape(nodes, edges, positions, overlay, groups);
    const layoutNodes = wanted.filter((d) => d.group === 'nodes' && !(d.data.isGroup && !d.data.collapsed));
    const placed = layoutNodes.filter((d) => d.position || cy.getElementById(d.data.id as string).nonempty()).length;

    if (placed === 0 && layoutNodes.length > LAYOUT_FIRST) {
      // A large view never laid out: lay it out first, then draw it once. Changes that arrive meanwhile
      // (analysis colours, filters) are taken when the positions come back; the same graph is not laid out twice.
      const graphKey = wanted.map((d) => d.data.id as string).join('\n');
      if (firstLayout.current?.key === graphKey) {
        firstLayout.current.wanted = wanted;
        return;
      }
      firstLayout.current = { key: graphKey, wanted };
      cy.elements().remove();
      applied.current.clear();
      setLaying(layoutNodes.length);
      cy.container()?.setAttribute('data-layout', 'running');
      const request = layoutRequest(
        wanted.filter((d) => d.group === 'nodes').map((d) => ({ id: d.data.id as string, parent: d.data.parent as string | undefined })),
        wanted.filter((d) => d.group === 'edges').map((d) => ({ id: d.data.id as string, source: d.data.source as string, target: d.data.target as string })),
        true,
      );
      void layoutInWorker(request).then((answer) => {
        if (cy.destroyed() || firstLayout.current?.key !== graphKey) return;
        const latest = firstLayout.current.wanted;
        firstLayout.current = null;
        const t0 = performance.now();
        cy.container()?.setAttribute('data-layout-ms', String(Math.round(answer.ms)));
        for (const d of latest) {
          const p = answer.positions[d.data.id as string];
          if (p && d.group === 'nodes') d.position = p;
        }
        setBig(cy, latest.length > LOD_ELEMENTS);
        // Seen whole, thousands of entities are far too crowded for icons and labels: they arrive lite.
        lite.current = big.current;
        if (lite.current) for (const d of latest) if (d.group === 'nodes' && !d.data.isGroup) d.classes = 'lite';
        cy.batch(() => {
          cy.add(latest);
        });
        for (const d of latest) applied.current.set(d.data.id as string, JSON.stringify(d.data));
        applyPins(cy, pinned);
        fitPoints(cy, answer.positions);
        setLaying(null);
        cy.container()?.setAttribute('data-layout', 'done');
        settle(cy, false);
        cy.container()?.setAttribute('data-add-ms', String(Math.round(performance.now() - t0)));
      });
      return;
    }

    firstLayout.current = null;
    const ids = new Set(wanted.map((e) => e.data.id as string));
    cy.batch(() => {
      cy.elements().forEach((el) => {
        if (!ids.has(el.id())) {
          el.remove();
          applied.current.delete(el.id());
        }
      });
      for (const def of wanted) {
        const id = def.data.id as string;
        const el = cy.getElementById(id);
        const json = JSON.stringify(def.data);
        if (el.empty()) {
          cy.add(def);
          applied.current.set(id, json);
          continue;
        }
        if (applied.current.get(id) !== json) {
          if (el.isNode() && (el.data('parent') ?? null) !== (def.data.parent ?? null)) el.move({ parent: (def.data.parent as string | undefined) ?? null });
          // Only the values that changed: each changed element is restyled, the rest stay as they are.
          const changed: Record<string, unknown> = {};
          for (const [k, v] of Object.entries(def.data)) if (k !== 'parent' && el.data(k) !== v) changed[k] = v;
          if (Object.keys(changed).length) el.data(changed);
          if (def.classes !== undefined) el.classes(def.classes as string);
          applied.current.set(id, json);
        }
        // A position given from outside (undo, another view) that differs from where the node is.
        if (def.position && el.isNode() && !el.isParent()) {
          const p = el.position();
          if (Math.abs(p.x - def.position.x) > 0.5 || Math.abs(p.y - def.position.y) > 0.5) {
            const wasLocked = el.locked();
            if (wasLocked) el.unlock();
            el.position(def.position);
            if (wasLocked) el.lock();
          }
        }
      }
    });
    applyPins(cy, pinned);
    setBig(cy, cy.elements().length > LOD_ELEMENTS);
    if (big.current) {
      lite.current = wantLite(cy);
      cy.batch(() => {
        cy.nodes().forEach((n) => {
          if (!n.data('isGroup')) setClass(n, 'lite', lite.current);
        });
      });
    } else if (lite.current) {
      lite.current = false;
      cy.batch(() => {
        cy.nodes('.lite').forEach((n) => setClass(n, 'lite', false));
      });
    }
    setLaying(null);
    const fresh = cy.nodes().filter((n) => !n.isParent() && !positions.has(n.id()));
    if (fresh.nonempty()) {
      if (fresh.length === cy.nodes().filter((n) => !n.isParent()).length) runLayout(cy, layout, cy.elements(), () => settle(cy, false));
      else {
        // Place newcomers around what they link to (the rest stays still).
        fresh.forEach((n) => {
          const anchor = n.neighborhood('node').filter((m) => !fresh.contains(m));
          const c = anchor.nonempty() ? anchor.boundingBox() : cy.extent();
          n.position({ x: (c.x1 + c.x2) / 2 + (Math.random() - 0.5) * 120, y: (c.y1 + c.y2) / 2 + (Math.random() - 0.5) * 120 });
        });
        settle(cy, false);
        cy.container()?.setAttribute('data-layout', 'done');
      }
    } else {
      if (cy.container()?.getAttribute('data-layout') !== 'done' && cy.nodes().nonempty()) {
        if (present) spreadForScreen(cy);
        else cy.fit(undefined, 40);
      }
      cy.container()?.setAttribute('data-layout', 'done');
    }
    // `present` is fixed for the life of the component; setBig and settle read refs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [nodes, edges, groups, positions, layout, overlay, pinned]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || layoutTick === 0) return;
    const selected = cy.$(':selected');
    const part = selected.nodes().length > 1 ? selected.union(selected.descendants()).union(selected.edgesWith(selected)) : cy.elements();
    runLayout(cy, layout, part, () => settle(cy, true));
    // Runs only when asked (layoutTick), not when the layout choice changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [layoutTick]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.batch(() => {
      cy.elements().forEach((el) => {
        setClass(el, 'faded', !!faded?.has(el.id()));
        setClass(el, 'path', !!overlay?.path?.has(el.id()));
      });
    });
  }, [faded, nodes, edges, overlay, laying]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || !selected) return;
    const now = cy.$(':selected').nodes().map((n) => n.id()).sort().join('|');
    if (now === [...selected].sort().join('|')) return;
    applying.current = true;
    try {
      cy.batch(() => {
        cy.$(':selected').unselect();
        for (const id of selected) cy.getElementById(id).select();
      });
    } finally {
      applying.current = false;
    }
    const sel = cy.$(':selected');
    if (sel.nonempty()) cy.animate({ center: { eles: sel } }, { duration: 200 });
  }, [selected, laying]);

  /** The keyboard: arrows pan, + and - zoom, 0 fits, N / P step through entities, Delete, E, Shift+P. */
  const onKeyDown = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    const cy = cyRef.current;
    if (!cy || e.ctrlKey || e.metaKey || e.altKey) return;
    const step = e.shiftKey ? 200 : 60;
    const pans: Record<string, { x: number; y: number }> = { ArrowLeft: { x: step, y: 0 }, ArrowRight: { x: -step, y: 0 }, ArrowUp: { x: 0, y: step }, ArrowDown: { x: 0, y: -step } };
    const centre = { x: cy.width() / 2, y: cy.height() / 2 };
    let handled = true;
    if (pans[e.key]) cy.panBy(pans[e.key]!);
    else if (e.key === '+' || e.key === '=') cy.zoom({ level: cy.zoom() * 1.25, renderedPosition: centre });
    else if (e.key === '-' || e.key === '_') cy.zoom({ level: cy.zoom() / 1.25, renderedPosition: centre });
    else if (e.key === '0') cy.fit(undefined, 40);
    else if (e.key === 'n' || e.key === 'p') {
      const order = cy.nodes().toArray().sort((a, b) => String(a.data('label')).localeCompare(String(b.data('label'))));
      if (!order.length) return;
      const current = cy.$('node:selected').first();
      const i = current.nonempty() ? order.findIndex((n) => n.id() === current.id()) : -1;
      const next = order[(i + (e.key === 'n' ? 1 : -1) + order.length) % order.length]!;
      cy.$(':selected').unselect();
      next.select();
      cy.animate({ center: { eles: next } }, { duration: 150 });
    } else if (e.key === 'Delete' || e.key === 'Backspace') handlers.current.onCommand?.('remove');
    else if (e.key === 'e') handlers.current.onCommand?.('expand');
    else if (e.key === 'P') handlers.current.onCommand?.('pin');
    else if (e.key === 'Enter' && cy.$('node[?isGroup]:selected').nonempty()) handlers.current.onCommand?.('toggle-group');
    else if (e.key === 'Escape') cy.$(':selected').unselect();
    else handled = false;
    if (handled) e.preventDefault();
  };

  return (
    <div className="cy-wrap">
      <div
        ref={host}
        className="cy-host"
        role="application"
        aria-roledescription="link chart"
        aria-label={`${label}. Arrow keys pan, plus and minus zoom, 0 fits, N and P select the next and previous entity, E expands, Shift+P pins, Delete removes from the chart.`}
        tabIndex={0}
        onKeyDown={onKeyDown}
      />
      {laying !== null && (
        <div className="cy-laying" role="status">
          Laying out {laying.toLocaleString('en-GB')} entities… the page stays usable meanwhile.
        </div>
      )}
    </div>
  );
}

/**
 * Presentation: the view fills the screen at zoom 1, so icons and labels show at their full size (a small
 * view's layout is spread out; a view too big for the screen is fitted and its labels kept large).
 */
function spreadForScreen(cy: Core): void {
  const nodes = cy.nodes().filter((n) => !n.isParent());
  if (nodes.empty()) return;
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  nodes.forEach((n) => {
    const p = n.position();
    x1 = Math.min(x1, p.x);
    x2 = Math.max(x2, p.x);
    y1 = Math.min(y1, p.y);
    y2 = Math.max(y2, p.y);
  });
  const padX = 150;
  const padY = 90;
  const k = Math.min(6, (cy.width() - 2 * padX) / Math.max(1, x2 - x1), (cy.height() - 2 * padY) / Math.max(1, y2 - y1));
  const cx = (x1 + x2) / 2;
  const cyy = (y1 + y2) / 2;
  if (k > 1) {
    cy.batch(() => {
      nodes.forEach((n) => {
        const p = n.position();
        const locked = n.locked();
        if (locked) n.unlock();
        n.position({ x: cx + (p.x - cx) * k, y: cyy + (p.y - cyy) * k });
        if (locked) n.lock();
      });
    });
  }
  const zoom = Math.min(1, k);
  cy.viewport({ zoom, pan: { x: cy.width() / 2 - zoom * cx, y: cy.height() / 2 - zoom * cyy } });
}

/** Fits the view to a set of node centres: cheaper than cy.fit on a large chart, which measures every label. */
function fitPoints(cy: Core, points: Record<string, { x: number; y: number }>): void {
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (const p of Object.values(points)) {
    if (p.x < x1) x1 = p.x;
    if (p.x > x2) x2 = p.x;
    if (p.y < y1) y1 = p.y;
    if (p.y > y2) y2 = p.y;
  }
  if (!Number.isFinite(x1)) return;
  const pad = 60;
  const zoom = Math.min(4, Math.max(0.01, Math.min((cy.width() - 2 * pad) / Math.max(1, x2 - x1), (cy.height() - 2 * pad) / Math.max(1, y2 - y1))));
  cy.viewport({ zoom, pan: { x: cy.width() / 2 - zoom * ((x1 + x2) / 2), y: cy.height() / 2 - zoom * ((y1 + y2) / 2) } });
}

/** A big view's nodes are drawn lite when far out, or when too many of them are on screen to read. */
function wantLite(cy: Core): boolean {
  if (cy.zoom() < LOD_ZOOM) return true;
  const e = cy.extent();
  let visible = 0;
  const nodes = cy.nodes();
  for (let i = 0; i < nodes.length; i++) {
    const p = nodes[i]!.position();
    if (p.x >= e.x1 && p.x <= e.x2 && p.y >= e.y1 && p.y <= e.y2 && ++visible > LOD_VISIBLE) return true;
  }
  return false;
}

/**
 * Adds or removes a class only when that changes something: Cytoscape restyles every element given to
 * toggleClass, changed or not, which on a large chart costs seconds.
 */
function setClass(el: cytoscape.NodeSingular | cytoscape.EdgeSingular, cls: string, on: boolean): void {
  if (el.hasClass(cls) !== on) el.toggleClass(cls, on);
}

function positionsOf(cy: Core): Map<string, { x: number; y: number }> {
  const m = new Map<string, { x: number; y: number }>();
  cy.nodes().forEach((n) => {
    if (!n.isParent()) m.set(n.id(), { ...n.position() });
  });
  return m;
}

function applyPins(cy: Core, pinned: ReadonlySet<string> | undefined): void {
  cy.batch(() => {
    cy.nodes().forEach((n) => {
      const pin = !!pinned?.has(n.id());
      if (pin !== n.locked()) {
        if (pin) n.lock();
        else n.unlock();
      }
      setClass(n, 'pinned', pin);
    });
  });
}

let layoutWorker: Worker | null = null;
let layoutJob = 0;

function layoutRequest(nodes: LayoutRequest['nodes'], edges: LayoutRequest['edges'], randomize: boolean): LayoutRequest {
  return { jobId: ++layoutJob, nodes, edges, randomize };
}

function layoutInWorker(request: LayoutRequest): Promise<LayoutAnswer> {
  layoutWorker ??= new Worker(new URL('../workers/layout.worker.ts', import.meta.url), { type: 'module' });
  const w = layoutWorker;
  return new Promise((resolve) => {
    const onAnswer = (ev: MessageEvent<LayoutAnswer>) => {
      if (ev.data.jobId !== request.jobId) return;
      w.removeEventListener('message', onAnswer);
      resolve(ev.data);
    };
    w.addEventListener('message', onAnswer);
    w.postMessage(request);
  });
}

/** fcose in the layout worker: positions come back and are applied in one batch. */
function runFcoseInWorker(cy: Core, eles: cytoscape.Collection, done?: () => void): void {
  const all = eles.length === cy.elements().length;
  const moving = new Set(eles.nodes().filter((n) => !n.locked()).map((n) => n.id()));
  // Only the chosen part moves: the rest (and pinned nodes) is sent as fixed context so the layout fits around it.
  const request = layoutRequest(
    cy.nodes().map((n) => (n.isParent() ? { id: n.id(), ...(n.data('parent') ? { parent: n.data('parent') as string } : {}) } : { id: n.id(), ...n.position(), fixed: !moving.has(n.id()), ...(n.data('parent') ? { parent: n.data('parent') as string } : {}) })),
    cy.edges().map((e) => ({ id: e.id(), source: e.source().id(), target: e.target().id() })),
    all && cy.nodes().filter((n) => n.locked()).empty(),
  );
  cy.container()?.setAttribute('data-layout', 'running');
  void layoutInWorker(request).then((answer) => {
    if (cy.destroyed()) return;
    cy.batch(() => {
      cy.nodes().forEach((n) => {
        const p = answer.positions[n.id()];
        if (p && moving.has(n.id()) && !n.isParent()) n.position(p);
      });
    });
    if (all) cy.fit(undefined, 40);
    cy.container()?.setAttribute('data-layout', 'done');
    done?.();
  });
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
