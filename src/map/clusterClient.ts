/**
 * The crime-event cluster index, held by a Web Worker (cluster.worker.ts): `load` sends the events'
 * coordinates once per data change (the index is built there, so the page stays responsive), `query`
 * asks for the clusters of the visible box after each move. Only the answer to the latest query is
 * delivered (an older one resolves to null), so quick pans never apply stale clusters.
 * Where there is no Worker (jsdom tests) the same handler runs on the page, one macrotask later.
 */
import { createClusterHandler, type ClusterOptions, type ClusterQuery, type ClusterReply, type ClusterRequest } from './clusterCore';

export class EventClusterClient {
  private worker: Worker | null = null;
  private local: ((req: ClusterRequest) => ClusterReply) | null = null;
  private loadId = 0;
  private queryId = 0;
  private loaded: Promise<boolean> = Promise.resolve(false);
  private readonly waiting = new Map<string, (reply: ClusterReply) => void>();
  private disposed = false;
  /** Milliseconds the last index took to build (the bench). */
  lastBuildMs = 0;

  constructor(private readonly options: ClusterOptions) {}

  private send(req: ClusterRequest): Promise<ClusterReply> {
    const key = req.type === 'load' ? `l${req.loadId}` : `q${req.queryId}`;
    return new Promise((resolve) => {
      this.waiting.set(key, resolve);
      if (typeof Worker === 'undefined') {
        this.local ??= createClusterHandler();
        const handle = this.local;
        setTimeout(() => this.receive(handle(req)), 0);
        return;
      }
      if (!this.worker) {
        this.worker = new Worker(new URL('./cluster.worker.ts', import.meta.url), { type: 'module', name: 'map-clusters' });
        this.worker.onmessage = (e: MessageEvent<ClusterReply>) => this.receive(e.data);
      }
      this.worker.postMessage(req);
    });
  }

  private receive(reply: ClusterReply): void {
    const key = reply.type === 'loaded' ? `l${reply.loadId}` : reply.type === 'result' ? `q${reply.queryId}` : reply.queryId !== undefined ? `q${reply.queryId}` : `l${reply.loadId}`;
    const resolve = this.waiting.get(key);
    this.waiting.delete(key);
    resolve?.(reply);
  }

  /** Builds the index of these coordinates; resolves true once it can be queried (false if replaced or failed). */
  load(lng: Float64Array, lat: Float64Array): Promise<boolean> {
    const loadId = ++this.loadId;
    this.loaded = this.send({ type: 'load', loadId, lng, lat, options: this.options }).then((reply) => {
      if (reply.type === 'loaded') this.lastBuildMs = reply.ms;
      return reply.type === 'loaded' && loadId === this.loadId && !this.disposed;
    });
    return this.loaded;
  }

  /** Clusters in the box at the zoom, or null when a newer query or load came first. */
  async query(bbox: [number, number, number, number], zoom: number): Promise<ClusterQuery | null> {
    const queryId = ++this.queryId;
    const loadId = this.loadId;
    if (!(await this.loaded) || queryId !== this.queryId || loadId !== this.loadId) return null;
    const reply = await this.send({ type: 'query', loadId, queryId, bbox, zoom });
    if (this.disposed || reply.type !== 'result' || queryId !== this.queryId || loadId !== this.loadId) return null;
    return reply.result;
  }

  dispose(): void {
    this.disposed = true;
    this.worker?.terminate();
    this.worker = null;
    for (const resolve of this.waiting.values()) resolve({ type: 'error', loadId: -1, message: 'disposed' });
    this.waiting.clear();
  }
}
