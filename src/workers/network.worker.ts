/// <reference lib="webworker" />
/**
 * Network analysis off the page's main thread: one task at a time (a part of the path searches,
 * eigenvector, degree or Louvain) on the graph it was last sent, the result's typed arrays transferred
 * back. All the work is in src/graph/networkTasks.ts (pure, tested in Node); the pool that feeds this
 * worker is src/graph/networkClient.ts.
 */
import { createNetworkTaskHandler, type NetworkTaskRequest } from '../graph/networkTasks';

declare const self: DedicatedWorkerGlobalScope;

const handle = createNetworkTaskHandler((reply, transfer) => self.postMessage(reply, transfer));

self.onmessage = (ev: MessageEvent<NetworkTaskRequest>) => handle(ev.data);
