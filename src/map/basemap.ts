/**
 * The offline basemap: the sea is the map's background colour, land the bundled coastline polygons
 * (basemap-coast.json, Natural Earth), and police force areas (force-areas.json, ONS) thin lines named in
 * a tooltip. Both are drawn by Leaflet canvas renderers; nothing is fetched. Colours are shared with the
 * PNG export.
 */
import L from 'leaflet';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import coast from './data/basemap-coast.json';
import forces from './data/force-areas.json';

export const SEA_COLOUR = '#c6dce8';
export const LAND_COLOUR = '#f4f2ec';
export const COAST_STROKE = '#8fa9b8';
export const FORCE_STROKE = '#6b5b95';

export const COAST = coast as unknown as FeatureCollection<Geometry, { name?: string }>;
export const FORCE_AREAS = forces as unknown as FeatureCollection<Geometry, { name?: string; code?: string }>;

export function coastLayer(renderer: L.Renderer): L.GeoJSON {
  return L.geoJSON(COAST, {
    interactive: false,
    style: () => ({ renderer, stroke: true, color: COAST_STROKE, weight: 0.8, fill: true, fillColor: LAND_COLOUR, fillOpacity: 1, smoothFactor: 1.5 }),
  });
}

export function forceAreaLayer(renderer: L.Renderer): L.GeoJSON {
  return L.geoJSON(FORCE_AREAS, {
    style: () => ({ renderer, color: FORCE_STROKE, weight: 1.2, opacity: 0.75, dashArray: '5 4', fill: false, smoothFactor: 1 }),
    onEachFeature: (feature: Feature<Geometry, { name?: string }>, layer) => {
      const name = feature.properties?.name;
      if (name) layer.bindTooltip(`Police force area: ${name}`, { sticky: true, className: 'lw-force-tooltip' });
    },
  });
}

/** Every polygon of a GeoJSON collection as its rings of [lng, lat] (outer ring first; for the export). */
export function* polygons(fc: FeatureCollection): Generator<number[][][]> {
  for (const f of fc.features) {
    const g = f.geometry;
    if (!g) continue;
    if (g.type === 'Polygon') yield g.coordinates;
    else if (g.type === 'MultiPolygon') yield* g.coordinates;
  }
}
