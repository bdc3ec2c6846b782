/**
 * Point clustering with supercluster, shared by the cluster worker (crime events: building the index for
 * 50,000 points takes 200-700 ms on a slow machine, so it is built off the main thread) and the main
 * thread (the map's entities: a few thousand at most, a few ms).
 *
 * Points go in as typed arrays of longitude / latitude; a query answers with the clusters in a bounding
 * box at a zoom (with the zoom a click on each should go to) and the indexes of the points left alone.
 */
import Supercluster, { type ClusterProperties, type PointFeature } from 'supercluster';

export interface ClusterOptions {
  /** Cluster radius in screen pixels (Leaflet's 256 px tiles). */
  radius: number;
  /** Above this zoom nothing is clustered. */
  maxZoom: number;
}

export interface ClusterBubble {
  /** supercluster's cluster id (unique at one zoom). */
  id: number;
  lat: number;
  lng: number;
  count: number;
  /** The zoom at which the cluster splits (a click zooms there). */
  expansionZoom: number;
}

export interface ClusterQuery {
  clusters: ClusterBubble[];
  /** Indexes (into the loaded arrays) of the points not in any cluster. */
  points: Int32Array;
}

/** Crime events: bubbles up to zoom 16, 80 px apart (the map and its export). */
export const EVENT_CLUSTER: ClusterOptions = { radius: 80, maxZoom: 16 };
/** Entities split into their markers sooner. */
export const ENTITY_CLUSTER: ClusterOptions = { radius: 45, maxZoom: 14 };

type Props = { i: number };
export type PointIndex = Supercluster<Props, Record<string, never>>;

/** Builds the index; points whose coordinates are not finite numbers are left out. */
export function buildClusterIndex(lng: ArrayLike<number>, lat: ArrayLike<number>, options: ClusterOptions): PointIndex {
  const features: PointFeature<Props>[] = [];
  const n = Math.min(lng.length, lat.length);
  for (let i = 0; i < n; i++) {
    const x = lng[i]!;
    const y = lat[i]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    features.push({ type: 'Feature', properties: { i }, geometry: { type: 'Point', coordinates: [x, y] } });
  }
  // extent 256: supercluster's radius is relative to a 512 px tile by default; Leaflet's tiles are 256 px.
  return new Supercluster<Props, Record<string, never>>({ radius: options.radius, maxZoom: options.maxZoom, minZoom: 0, extent: 256, minPoints: 2 }).load(features);
}

/** Clusters and lone points in `bbox` ([west, south, east, north]) at an integer zoom. */
export function queryClusterIndex(index: PointIndex, bbox: [number, number, number, number], zoom: number): ClusterQuery {
  const z = Math.max(0, Math.floor(zoom));
  const west = Math.max(-180, bbox[0]);
  const east = Math.min(180, bbox[2]);
  const south = Math.max(-85, bbox[1]);
  const north = Math.min(85, bbox[3]);
  if (!(east > west) || !(north > south)) return { clusters: [], points: new Int32Array(0) };
  const found = index.getClusters([west, south, east, north], z);
  const clusters: ClusterBubble[] = [];
  const points: number[] = [];
  for (const f of found) {
    const [lng, lat] = f.geometry.coordinates as [number, number];
    const p = f.properties as Props | (ClusterProperties & Record<string, never>);
    if ('cluster' in p && p.cluster) {
      clusters.push({ id: p.cluster_id, lat, lng, count: p.point_count, expansionZoom: index.getClusterExpansionZoom(p.cluster_id) });
    } else points.push((p as Props).i);
  }
  return { clusters, points: Int32Array.from(points) };
}

// ---------------------------------------------------------------- worker protocol

export type ClusterRequest =
  | { type: 'load'; loadId: number; lng: Float64Array; lat: Float64Array; options: ClusterOptions }
  | { type: 'query'; loadId: number; queryId: number; bbox: [number, number, number, number]; zoom: number };

export type ClusterReply =
  | { type: 'loaded'; loadId: number; ms: number; count: number }
  | { type: 'result'; loadId: number; queryId: number; result: ClusterQuery }
  | { type: 'error'; loadId: number; queryId?: number; message: string };

/** The worker's message handler, also run on the page where there is no Worker (jsdom tests). */
export function createClusterHandler(): (req: ClusterRequest) => ClusterReply {
  let index: PointIndex | null = null;
  let indexLoadId = -1;
  return (req) => {
    try {
      if (req.type === 'load') {
        const t0 = performance.now();
        index = buildClusterIndex(req.lng, req.lat, req.options);
        indexLoadId = req.loadId;
        return { type: 'loaded', loadId: req.loadId, ms: performance.now() - t0, count: req.lng.length };
      }
      if (!index || indexLoadId !== req.loadId) return { type: 'error', loadId: req.loadId, queryId: req.queryId, message: 'No index for this data.' };
      return { type: 'result', loadId: req.loadId, queryId: req.queryId, result: queryClusterIndex(index, req.bbox, req.zoom) };
    } catch (err) {
      return { type: 'error', loadId: req.loadId, ...(req.type === 'query' ? { queryId: req.queryId } : {}), message: err instanceof Error ? err.message : String(err) };
    }
  };
}
