/// <reference lib="webworker" />
/**
 * Force-directed layout (fcose) off the page's main thread: a headless Cytoscape lays the graph out and
 * only the positions come back, so the page stays responsive while thousands of nodes are placed.
 */
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';

declare const self: DedicatedWorkerGlobalScope;
cytoscape.use(fcose);

export interface LayoutRequest {
  jobId: number;
  /** `parent`: the open group box a node is drawn in (a compound node, listed too, without a position). */
  nodes: { id: string; x?: number; y?: number; fixed?: boolean; parent?: string }[];
  edges: { id: string; source: string; target: string }[];
  randomize: boolean;
}
export interface LayoutAnswer {
  jobId: number;
  positions: Record<string, { x: number; y: number }>;
  ms: number;
}

self.onmessage = (ev: MessageEvent<LayoutRequest>) => {
  const t0 = performance.now();
  const { jobId, nodes, edges, randomize } = ev.data;
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    elements: [
      ...nodes.map((n) => ({ group: 'nodes' as const, data: { id: n.id, ...(n.parent ? { parent: n.parent } : {}) }, ...(n.x !== undefined && n.y !== undefined ? { position: { x: n.x, y: n.y } } : {}) })),
      ...edges.map((e) => ({ group: 'edges' as const, data: { id: e.id, source: e.source, target: e.target } })),
    ],
    style: [{ selector: 'node', style: { width: 40, height: 40 } }],
  });
  const fixed = nodes.filter((n) => n.fixed && n.x !== undefined && n.y !== undefined).map((n) => ({ nodeId: n.id, position: { x: n.x as number, y: n.y as number } }));
  const big = nodes.length > 1500;
  cy.layout({
    name: 'fcose',
    quality: big ? 'draft' : 'default',
    randomize,
    animate: false,
    nodeRepulsion: 9000,
    idealEdgeLength: 90,
    numIter: big ? 1500 : 2500,
    ...(fixed.length ? { fixedNodeConstraint: fixed } : {}),
  } as cytoscape.LayoutOptions).run();
  const positions: Record<string, { x: number; y: number }> = {};
  cy.nodes().forEach((n) => {
    if (!n.isParent()) positions[n.id()] = { ...n.position() };
  });
  cy.destroy();
  self.postMessage({ jobId, positions, ms: performance.now() - t0 } satisfies LayoutAnswer);
};
