/**
 * The map: a thin React wrapper of our own around one Leaflet map (like CytoscapeChart around Cytoscape),
 * drawn entirely from bundled data: no tile, font or icon is fetched unless the analyst has configured a
 * tile server (`tileUrl`).
 *
 * Why not react-leaflet's MapContainer: nearly everything here is imperative and keyed by data, not by
 * React children: 50,000 crime events on canvases of our own, cluster markers recomputed after every
 * move for the visible box only, markers whose elements must survive selection (keyboard focus), a
 * drawing tool. As React children every cluster would be reconciled after every pan, and MapContainer's
 * props are fixed after mount anyway, so it would be useMap() escape hatches throughout. MapEngine
 * (mapEngine.ts) owns the map; this component creates it, passes props to its setters, and disposes it.
 *
 * Keyboard: the map takes focus (Tab): arrows pan, + / - zoom; Tab then reaches each marker (aria-label
 * "label, kind[, role]"; Enter or Space selects, Ctrl / Shift adds to the selection; a movable marker
 * moves with the arrow keys) and each cluster ("Cluster of N ..."; Enter zooms in).
 */
import { useEffect, useId, useRef, useState } from 'react';
import type L from 'leaflet';
import { DRAW_HELP } from './drawTool';
import { MapEngine } from './mapEngine';
import type { DrawMode, DrawResult, HeatInput, MapEvent, MapLayers, MapLinkLine, MapPoint } from './types';

export type { DrawMode, DrawResult, HeatInput, MapEvent, MapLayers, MapLinkLine, MapPoint } from './types';
export { DEFAULT_LAYERS } from './mapEngine';

export interface MapCanvasProps {
  /** Entities: addresses, businesses, hot spots, people placed at places. */
  points: MapPoint[];
  /** Crime events: up to 50,000, clustered (or dots), never one DOM marker each. */
  events: MapEvent[];
  links: MapLinkLine[];
  /** Each shown as a density heat layer. */
  heat: HeatInput[];
  layers: MapLayers;
  selected: readonly string[];
  /** A marker, hot spot area or crime event clicked (Ctrl / Shift: added); a click on empty map clears ([]). */
  onSelect(ids: string[], additive: boolean): void;
  /** A draggable marker dragged (or moved with the arrow keys) to a new place. */
  onMovePoint?(id: string, lat: number, lng: number): void;
  drawMode: DrawMode;
  onDrawn?(result: DrawResult): void;
  /** Esc pressed while drawing (the caller usually sets drawMode 'none'). */
  onDrawCancel?(): void;
  /** The analyst's tile server (off by default); null: no tile layer at all. */
  tileUrl?: string | null;
  /** Attribution of the tile server, shown with the bundled data's. */
  tileAttribution?: string;
  /** When it changes, the view fits the points (or the events when there are no points). */
  fitKey?: string;
  /** Accessible name of the map. */
  label: string;
  onReady?(map: L.Map): void;
  className?: string;
}

export function MapCanvas({
  points,
  events,
  links,
  heat,
  layers,
  selected,
  onSelect,
  onMovePoint,
  drawMode,
  onDrawn,
  onDrawCancel,
  tileUrl = null,
  tileAttribution,
  fitKey,
  label,
  onReady,
  className,
}: MapCanvasProps) {
  const host = useRef<HTMLDivElement>(null);
  const engine = useRef<MapEngine | null>(null);
  const [status, setStatus] = useState('');
  const helpId = useId();
  const handlers = useRef({ onSelect, onMovePoint, onDrawn, onDrawCancel, onStatus: setStatus });
  handlers.current = { onSelect, onMovePoint, onDrawn, onDrawCancel, onStatus: setStatus };
  const readyRef = useRef(onReady);
  readyRef.current = onReady;

  // The engine first: the effects below run after it, in order, on mount.
  useEffect(() => {
    if (!host.current) return;
    const e = new MapEngine(host.current, () => handlers.current);
    engine.current = e;
    readyRef.current?.(e.map);
    return () => {
      e.destroy();
      engine.current = null;
    };
  }, []);

  useEffect(() => engine.current?.setLayers(layers), [layers]);
  useEffect(() => engine.current?.setPoints(points), [points]);
  useEffect(() => engine.current?.setEvents(events), [events]);
  useEffect(() => engine.current?.setLinks(links), [links]);
  useEffect(() => engine.current?.setHeat(heat), [heat]);
  useEffect(() => engine.current?.setSelected(selected), [selected]);
  useEffect(() => engine.current?.setDrawMode(drawMode), [drawMode]);
  useEffect(() => engine.current?.setTile(tileUrl, tileAttribution), [tileUrl, tileAttribution]);
  useEffect(() => {
    if (fitKey !== undefined) engine.current?.fit();
  }, [fitKey]);

  return (
    <div className={`lw-map-wrap${className ? ` ${className}` : ''}`} style={{ position: 'relative', width: '100%', height: '100%' }}>
      <div
        ref={host}
        className="lw-map-host"
        style={{ position: 'absolute', inset: 0 }}
        role="application"
        aria-roledescription="map"
        aria-label={label}
        aria-describedby={helpId}
      />
      <p id={helpId} className="visually-hidden">
        Arrow keys pan, plus and minus zoom. Tab moves to the markers and clusters: Enter or Space selects a marker (Ctrl or Shift adds it to the selection) or zooms into a cluster.
        {drawMode !== 'none' ? ` ${DRAW_HELP[drawMode]}` : ''}
      </p>
      <div className="visually-hidden" role="status" aria-live="polite">
        {status}
      </div>
    </div>
  );
}
