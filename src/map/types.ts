/**
 * What the map draws (MapCanvas's props). Kept apart from the component so the Leaflet-free helpers
 * (markers, export, tests) can use them.
 */
import type { GeoArea } from '../domain/geo/areas';
import type { EntityKind, LocationPrecision, Role } from '../domain/model';

/** One marker: an entity (address, business, hot spot, a person placed at a place) or a crime event shown as an entity. */
export interface MapPoint {
  id: string;
  kind: EntityKind | 'event';
  lat: number;
  lng: number;
  label: string;
  /** The icon's colour (a role colour for people with a role, else the kind colour), as on the chart. */
  colour: string;
  precision: LocationPrecision;
  /** The true place is probably within this many metres (drawn as a circle of uncertainty when not 'exact'). */
  radiusM: number;
  role?: Role | null;
  /** Does not pass the filters: drawn faint. */
  faded?: boolean;
  /** May be dragged (manual placement); never clustered. */
  draggable?: boolean;
  /** A hot spot's drawn area. */
  area?: GeoArea;
}

export interface MapLinkLine {
  id: string;
  /** [lat, lng] of each end. */
  from: [number, number];
  to: [number, number];
  /** Grading as line style, as on the chart: solid, dashed, dotted. */
  strength: 'strong' | 'medium' | 'weak';
  label: string;
}

/** A density heat layer: 'intel' (intelligence items' places) or 'events' (crime events, up to 50,000). */
export interface HeatInput {
  id: 'intel' | 'events';
  points: { lat: number; lng: number; weight?: number }[];
}

export interface MapEvent {
  id: string;
  lat: number;
  lng: number;
  label: string;
}

export type DrawMode = 'none' | 'polygon' | 'circle' | 'place';

export type DrawResult = { kind: 'polygon' | 'circle'; area: GeoArea } | { kind: 'place'; lat: number; lng: number };

export interface MapLayers {
  /** Cluster markers and crime events at low zoom. */
  clusters: boolean;
  /** Circles of uncertainty around points not placed exactly. */
  precision: boolean;
  links: boolean;
  forceAreas: boolean;
  /** Crime events (clusters and dots). */
  events: boolean;
}
