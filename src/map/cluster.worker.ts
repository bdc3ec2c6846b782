/// <reference lib="webworker" />
/**
 * Builds and queries the crime-event cluster index off the page's main thread (see clusterCore.ts and
 * clusterClient.ts). Lives beside the map rather than in src/workers/ because nothing else uses it.
 */
import { createClusterHandler, type ClusterReply, type ClusterRequest } from './clusterCore';

const handle = createClusterHandler();
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (e: MessageEvent<ClusterRequest>) => {
  const reply: ClusterReply = handle(e.data);
  if (reply.type === 'result') scope.postMessage(reply, [reply.result.points.buffer]);
  else scope.postMessage(reply);
};
