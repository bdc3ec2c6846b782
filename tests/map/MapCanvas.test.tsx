/**
 * MapCanvas in jsdom: what works without a real browser. Leaflet runs (the map container is given a
 * size, canvases a do-nothing 2D context); the rendering itself (heat, dots, 50,000 events, speed) is
 * checked in headless Chromium by the browser tests. Also the Leaflet-free helpers: projection,
 * clustering, marker HTML.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import L from 'leaflet';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_LAYERS, MapCanvas, type MapCanvasProps, type MapPoint } from '../../src/map/MapCanvas';
import { buildClusterIndex, createClusterHandler, queryClusterIndex } from '../../src/map/clusterCore';
import { blurGrid, INTEL_HEAT_STOPS, rampFromStops } from '../../src/map/heatLayer';
import { clusterAriaLabel, clusterDiameter, formatCount, markerAriaLabel, markerHtml } from '../../src/map/markers';
import { latFromMercatorY, mercatorX, mercatorY, packPoints, projectPacked, sameEvents, worldScale } from '../../src/map/projection';
import { GEO_ATTRIBUTIONS } from '../../src/map/data/attribution';

// ---------------------------------------------------------------- jsdom shims

/** A 2D context that does nothing (jsdom has no canvas): enough for Leaflet's canvas renderer and ours. */
function fakeContext(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
  const target = {
    canvas,
    createImageData: (w: number, h: number) => ({ width: w, height: h, data: new Uint8ClampedArray(w * h * 4) }),
    measureText: (s: string) => ({ width: s.length * 7 }),
    getLineDash: () => [],
  } as Record<string | symbol, unknown>;
  return new Proxy(target, {
    get: (t, k) => (k in t ? t[k] : () => undefined),
    set: (t, k, v) => {
      t[k] = v;
      return true;
    },
  }) as unknown as CanvasRenderingContext2D;
}

const restore: (() => void)[] = [];
beforeAll(() => {
  const size = (prop: 'clientWidth' | 'clientHeight', value: number) => {
    const d = Object.getOwnPropertyDescriptor(HTMLElement.prototype, prop);
    Object.defineProperty(HTMLElement.prototype, prop, {
      configurable: true,
      get(this: HTMLElement) {
        return this.classList.contains('leaflet-container') ? value : 0;
      },
    });
    restore.push(() => d && Object.defineProperty(HTMLElement.prototype, prop, d));
  };
  size('clientWidth', 800);
  size('clientHeight', 600);
  const getContext = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement) {
    return fakeContext(this);
  } as unknown as typeof getContext;
  restore.push(() => (HTMLCanvasElement.prototype.getContext = getContext));
});
afterAll(() => restore.forEach((r) => r()));
afterEach(cleanup);

// ---------------------------------------------------------------- fixtures

const point = (id: string, lat: number, lng: number, extra: Partial<MapPoint> = {}): MapPoint => ({
  id,
  kind: 'address',
  lat,
  lng,
  label: `Place ${id}`,
  colour: '#8a5a00',
  precision: 'postcode',
  radiusM: 100,
  ...extra,
});

const POINTS: MapPoint[] = [
  point('a1', 51.5, -0.12, { label: '14 Mill Lane' }),
  point('p1', 51.52, -0.05, { kind: 'person', label: 'Darren Smith', colour: '#b3261e', role: 'organiser' }),
  point('h1', 51.45, -0.2, { kind: 'hotspot', label: 'Station car park', colour: '#c0620a', area: { shape: 'circle', centre: { lat: 51.45, lng: -0.2 }, radiusM: 300 } }),
];

function renderMap(props: Partial<MapCanvasProps> = {}) {
  let map: L.Map | null = null;
  const onSelect = vi.fn();
  const all: MapCanvasProps = {
    points: POINTS,
    events: [],
    links: [],
    heat: [],
    layers: { ...DEFAULT_LAYERS, clusters: false },
    selected: [],
    onSelect,
    drawMode: 'none',
    label: 'Map of the problem profile',
    fitKey: 'start',
    onReady: (m) => (map = m),
    ...props,
  };
  const view = render(
    <div style={{ width: 800, height: 600 }}>
      <MapCanvas {...all} />
    </div>,
  );
  return { ...view, onSelect, props: all, map: () => map! };
}

const markerButtons = (container: HTMLElement) => [...container.querySelectorAll<HTMLElement>('.leaflet-marker-icon.lw-marker')];

// ---------------------------------------------------------------- the component

describe('MapCanvas', () => {
  it('draws each entity as a focusable marker named by its label and kind', async () => {
    const { container, map } = renderMap();
    await waitFor(() => expect(markerButtons(container)).toHaveLength(3));
    expect(map()).toBeInstanceOf(L.Map);
    expect(screen.getByRole('application', { name: 'Map of the problem profile' })).toHaveAttribute('tabindex', '0');
    const darren = screen.getByRole('button', { name: 'Darren Smith, Person, Organiser' });
    expect(darren).toHaveAttribute('tabindex', '0');
    expect(darren).toHaveAttribute('aria-pressed', 'false');
    expect(darren.innerHTML).toContain('<svg');
    expect(darren.textContent).toContain('O'); // the role badge
    expect(screen.getByRole('button', { name: '14 Mill Lane, Address' })).toBeInTheDocument();
    // No image is ever used for a marker.
    expect(container.querySelectorAll('img')).toHaveLength(0);
  });

  it('reports clicks, Ctrl-clicks and Enter / Space as selections, and shows the selection', async () => {
    const { container, onSelect, rerender, props } = renderMap();
    await waitFor(() => expect(markerButtons(container)).toHaveLength(3));
    const mill = screen.getByRole('button', { name: '14 Mill Lane, Address' });
    fireEvent.click(mill);
    expect(onSelect).toHaveBeenLastCalledWith(['a1'], false);
    fireEvent.click(mill, { ctrlKey: true });
    expect(onSelect).toHaveBeenLastCalledWith(['a1'], true);
    fireEvent.keyDown(mill, { key: 'Enter' });
    expect(onSelect).toHaveBeenLastCalledWith(['a1'], false);
    fireEvent.keyDown(mill, { key: ' ', shiftKey: true });
    expect(onSelect).toHaveBeenLastCalledWith(['a1'], true);

    mill.focus();
    rerender(
      <div style={{ width: 800, height: 600 }}>
        <MapCanvas {...props} selected={['a1']} />
      </div>,
    );
    await waitFor(() => expect(mill).toHaveAttribute('aria-pressed', 'true'));
    expect(mill).toHaveClass('lw-selected');
    // The same element: keyboard focus is kept when a marker is selected.
    expect(document.activeElement).toBe(mill);
    expect(screen.getByRole('button', { name: 'Darren Smith, Person, Organiser' })).not.toHaveClass('lw-selected');
  });

  it('has no tile layer unless a tile server is configured, and shows the bundled data attributions', async () => {
    const { container, rerender, props } = renderMap({ tileUrl: null });
    await waitFor(() => expect(markerButtons(container)).toHaveLength(3));
    const tilePane = container.querySelector('.leaflet-tile-pane')!;
    expect(tilePane.children).toHaveLength(0);
    const attribution = container.querySelector('.leaflet-control-attribution')!;
    for (const a of GEO_ATTRIBUTIONS) expect(attribution.textContent).toContain(a);
    rerender(
      <div style={{ width: 800, height: 600 }}>
        <MapCanvas {...props} tileUrl="http://127.0.0.1:8080/{z}/{x}/{y}.png" tileAttribution="Our tile server" />
      </div>,
    );
    await waitFor(() => expect(tilePane.querySelectorAll('.leaflet-layer')).toHaveLength(1));
    expect(attribution.textContent).toContain('Our tile server');
    rerender(
      <div style={{ width: 800, height: 600 }}>
        <MapCanvas {...props} tileUrl={null} />
      </div>,
    );
    await waitFor(() => expect(tilePane.children).toHaveLength(0));
  });

  it('clusters close entities into a bubble that zooms in when clicked', async () => {
    const many = Array.from({ length: 30 }, (_, i) => point(`c${i}`, 51.5 + (i % 6) * 0.0004, -0.1 + Math.floor(i / 6) * 0.0004));
    const { container, map } = renderMap({ points: many, layers: DEFAULT_LAYERS, fitKey: undefined });
    act(() => map().setView([51.5, -0.1], 10, { animate: false }));
    const bubble = await screen.findByRole('button', { name: 'Cluster of 30 entities' });
    expect(markerButtons(container)).toHaveLength(0);
    fireEvent.click(bubble);
    await waitFor(() => expect(map().getZoom()).toBeGreaterThan(10));
  });

  it('never clusters selected entities', async () => {
    const many = Array.from({ length: 10 }, (_, i) => point(`c${i}`, 51.5 + i * 0.0003, -0.1));
    const { map } = renderMap({ points: many, layers: DEFAULT_LAYERS, selected: ['c3'], fitKey: undefined });
    act(() => map().setView([51.5, -0.1], 9, { animate: false }));
    expect(await screen.findByRole('button', { name: 'Cluster of 9 entities' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Place c3, Address' })).toHaveAttribute('aria-pressed', 'true');
  });

  it('clusters crime events without a DOM node per event', async () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const events = Array.from({ length: 3000 }, (_, i) => ({ id: `e${i}`, lat: 51.3 + rnd() * 0.4, lng: -0.5 + rnd() * 0.8, label: `Burglary ${i}` }));
    const { container, map } = renderMap({ points: [], events, layers: DEFAULT_LAYERS, heat: [{ id: 'events', points: events }], fitKey: 'go' });
    const host = container.querySelector<HTMLElement>('.lw-map')!;
    await waitFor(() => expect(host.dataset.events).toBe('ready'));
    const bubbles = await screen.findAllByRole('button', { name: /^Cluster of [\d,]+ crime events$/ });
    expect(bubbles.length).toBeGreaterThan(0);
    expect(container.querySelectorAll('.leaflet-marker-icon').length).toBeLessThan(300);
    expect(map().getZoom()).toBeGreaterThanOrEqual(8);
    // Our canvases: heat and dots (no pointer events), in their panes.
    expect(container.querySelector('.leaflet-lw-heat-pane canvas.lw-canvas-layer')).not.toBeNull();
    expect(container.querySelector('.leaflet-lw-events-pane canvas.lw-canvas-layer')).not.toBeNull();
  });

  it('selects a crime event dot clicked on the map, and a click on empty map clears the selection', async () => {
    const events = [
      { id: 'e1', lat: 51.5, lng: -0.1, label: 'Robbery' },
      { id: 'e2', lat: 51.52, lng: -0.05, label: 'Burglary' },
    ];
    const { map, onSelect } = renderMap({ points: [], events, selected: ['x'], layers: { ...DEFAULT_LAYERS, clusters: false }, fitKey: undefined });
    await waitFor(() => expect(map()).toBeTruthy());
    act(() => map().setView([51.51, -0.08], 13, { animate: false }));
    const clickAt = (lat: number, lng: number, ctrlKey = false) => {
      const latlng = L.latLng(lat, lng);
      act(() => void map().fire('click', { latlng, containerPoint: map().latLngToContainerPoint(latlng), originalEvent: new MouseEvent('click', { ctrlKey }) }));
    };
    await waitFor(() => {
      clickAt(51.52, -0.05, true);
      expect(onSelect).toHaveBeenLastCalledWith(['e2'], true);
    });
    clickAt(51.5001, -0.1001);
    expect(onSelect).toHaveBeenLastCalledWith(['e1'], false);
    clickAt(51.51, -0.08);
    expect(onSelect).toHaveBeenLastCalledWith([], false);
  });

  it('hides force areas, links and events when their layers are off', async () => {
    const events = [{ id: 'e1', lat: 51.5, lng: -0.1, label: 'Robbery' }];
    const links = [{ id: 'l1', from: [51.5, -0.12] as [number, number], to: [51.52, -0.05] as [number, number], strength: 'medium' as const, label: 'lives at' }];
    const { map, rerender, props } = renderMap({ events, links, layers: DEFAULT_LAYERS });
    await waitFor(() => expect(map()).toBeTruthy());
    const count = () => {
      let n = 0;
      map().eachLayer(() => void n++);
      return n;
    };
    await waitFor(() => expect(count()).toBeGreaterThan(5));
    const before = count();
    rerender(
      <div style={{ width: 800, height: 600 }}>
        <MapCanvas {...props} layers={{ clusters: true, precision: false, links: false, forceAreas: false, events: false }} />
      </div>,
    );
    await waitFor(() => expect(count()).toBeLessThan(before));
  });

  it('draws a place, a polygon and a circle, and Esc cancels', async () => {
    const onDrawn = vi.fn();
    const onDrawCancel = vi.fn();
    const { map, rerender, props, container } = renderMap({ drawMode: 'place', onDrawn, onDrawCancel });
    await waitFor(() => expect(map()).toBeTruthy());
    const click = (lat: number, lng: number, type = 'click') => {
      const latlng = L.latLng(lat, lng);
      act(() => void map().fire(type, { latlng, containerPoint: map().latLngToContainerPoint(latlng), originalEvent: new MouseEvent(type) }));
    };
    act(() => map().setView([51.5, -0.1], 12, { animate: false }));
    expect(container.querySelector('.lw-map')).toHaveClass('lw-drawing');
    click(51.5, -0.1);
    expect(onDrawn).toHaveBeenLastCalledWith({ kind: 'place', lat: 51.5, lng: -0.1 });
    const redraw = (mode: MapCanvasProps['drawMode']) =>
      rerender(
        <div style={{ width: 800, height: 600 }}>
          <MapCanvas {...props} drawMode={mode} />
        </div>,
      );
    redraw('polygon');
    click(51.5, -0.1);
    click(51.51, -0.1);
    click(51.51, -0.08);
    click(51.51, -0.08); // the second click of a double-click: not a new corner
    click(51.51, -0.08, 'dblclick');
    const polygon = onDrawn.mock.lastCall?.[0];
    expect(polygon.kind).toBe('polygon');
    expect(polygon.area.points).toHaveLength(3);
    redraw('circle');
    click(51.5, -0.1);
    click(51.5, -0.09);
    const circle = onDrawn.mock.lastCall?.[0];
    expect(circle.kind).toBe('circle');
    expect(circle.area.radiusM).toBeGreaterThan(650);
    expect(circle.area.radiusM).toBeLessThan(750);
    redraw('polygon');
    click(51.5, -0.1);
    fireEvent.keyDown(map().getContainer(), { key: 'Escape' });
    expect(onDrawCancel).toHaveBeenCalled();
    expect(await screen.findByText('Drawing cancelled.')).toBeInTheDocument();
  });

  it('reports a dragged marker moved with the arrow keys', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const onMovePoint = vi.fn();
      const { container } = renderMap({ points: [point('m1', 51.5, -0.1, { draggable: true, precision: 'manual' })], onMovePoint });
      await vi.waitFor(() => expect(markerButtons(container)).toHaveLength(1));
      const m = screen.getByRole('button', { name: /Place m1, Address/ });
      fireEvent.keyDown(m, { key: 'ArrowRight' });
      fireEvent.keyDown(m, { key: 'ArrowRight', shiftKey: true });
      expect(onMovePoint).not.toHaveBeenCalled();
      vi.advanceTimersByTime(600);
      expect(onMovePoint).toHaveBeenCalledTimes(1);
      const [id, lat, lng] = onMovePoint.mock.lastCall!;
      expect(id).toBe('m1');
      expect(lat).toBeCloseTo(51.5, 4);
      expect(lng).toBeGreaterThan(-0.1);
    } finally {
      vi.useRealTimers();
    }
  });
});

// ---------------------------------------------------------------- helpers

describe('map helpers', () => {
  it('projects as Leaflet does', () => {
    for (const [lat, lng] of [
      [51.5, -0.12],
      [-33.9, 151.2],
      [0, 0],
      [84, -179],
    ] as const) {
      const p = L.CRS.EPSG3857.latLngToPoint(L.latLng(lat, lng), 10);
      expect(mercatorX(lng) * worldScale(10)).toBeCloseTo(p.x, 4);
      expect(mercatorY(lat) * worldScale(10)).toBeCloseTo(p.y, 4);
      expect(latFromMercatorY(mercatorY(lat))).toBeCloseTo(lat, 9);
    }
    const packed = packPoints([{ lat: 51.5, lng: -0.12 }, { lat: NaN, lng: 0 }, { lat: 51, lng: 0, weight: 3 }]);
    expect(packed.weights).toEqual(new Float64Array([1, 1, 3]));
    const { xs, ys } = projectPacked(packed, { originX: 100, originY: 50, scale: 1000, width: 10, height: 10 });
    expect(xs[0]).toBeCloseTo(mercatorX(-0.12) * 1000 - 100, 3);
    expect(ys[0]).toBeCloseTo(mercatorY(51.5) * 1000 - 50, 3);
    expect(Number.isNaN(xs[1])).toBe(true);
  });

  it('blurs the heat grid into round blobs and builds colour ramps', () => {
    const cols = 21;
    const grid = new Float64Array(cols * cols);
    grid[10 * cols + 10] = 100;
    blurGrid(grid, cols, cols, 2);
    const at = (c: number, r: number) => grid[r * cols + c]!;
    expect(grid.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 6);
    expect(at(10, 10)).toBeGreaterThan(at(12, 10));
    expect(at(12, 10)).toBeCloseTo(at(10, 12), 9);
    // Rounder than a square: the corner of the 5x5 box is fainter than its edge at the same offset.
    expect(at(13, 13)).toBeLessThan(at(13, 10));
    const ramp = rampFromStops(INTEL_HEAT_STOPS, 16);
    expect(ramp).toHaveLength(64);
    expect(ramp[3]).toBe(0);
    expect([...ramp.subarray(60)]).toEqual([110, 1, 107, Math.round(0.9 * 255)]);
  });

  it('tells identical event lists apart from changed ones', () => {
    const a = [{ id: 'x', lat: 1, lng: 2 }];
    expect(sameEvents(a, [{ id: 'x', lat: 1, lng: 2 }])).toBe(true);
    expect(sameEvents(a, [{ id: 'x', lat: 1, lng: 2.1 }])).toBe(false);
    expect(sameEvents(a, [])).toBe(false);
  });

  it('clusters points and says where a click on a cluster should zoom', () => {
    const lng = Float64Array.from({ length: 100 }, (_, i) => -0.1 + (i % 10) * 0.001);
    const lat = Float64Array.from({ length: 100 }, (_, i) => 51.5 + Math.floor(i / 10) * 0.001);
    const index = buildClusterIndex(lng, lat, { radius: 60, maxZoom: 16 });
    const far = queryClusterIndex(index, [-1, 51, 1, 52], 8);
    expect(far.clusters).toHaveLength(1);
    expect(far.clusters[0]!.count).toBe(100);
    expect(far.clusters[0]!.expansionZoom).toBeGreaterThan(8);
    const near = queryClusterIndex(index, [-1, 51, 1, 52], 18);
    expect(near.clusters).toHaveLength(0);
    expect(near.points).toHaveLength(100);
    // The worker's handler: load, then query; a query for another load is refused.
    const handle = createClusterHandler();
    expect(handle({ type: 'load', loadId: 1, lng, lat, options: { radius: 60, maxZoom: 16 } }).type).toBe('loaded');
    const r = handle({ type: 'query', loadId: 1, queryId: 1, bbox: [-1, 51, 1, 52], zoom: 8 });
    expect(r.type === 'result' && r.result.clusters[0]!.count).toBe(100);
    expect(handle({ type: 'query', loadId: 2, queryId: 2, bbox: [-1, 51, 1, 52], zoom: 8 }).type).toBe('error');
  });

  it('builds marker and cluster markup', () => {
    const p = { kind: 'person' as const, label: 'A <b>', colour: '#b3261e', role: 'young-person-at-risk' as const };
    const html = markerHtml(p);
    expect(html).toContain('<circle');
    expect(html).toContain('>YP<');
    expect(html).toContain('A &lt;b&gt;');
    expect(markerHtml({ kind: 'address', label: 'x', colour: '#000', role: null })).toContain('<rect');
    expect(markerAriaLabel({ kind: 'event', label: 'Robbery', role: null })).toBe('Robbery, Crime event');
    expect(clusterAriaLabel(1234, 'events')).toBe('Cluster of 1,234 crime events');
    expect(formatCount(12_345)).toBe('12k');
    expect(clusterDiameter(2)).toBe(32);
    expect(clusterDiameter(50_000)).toBeLessThanOrEqual(72);
    expect(clusterDiameter(1000)).toBeGreaterThan(clusterDiameter(10));
  });
});
