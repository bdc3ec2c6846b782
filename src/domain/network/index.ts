/**
 * Network analysis for the link chart: pure TypeScript over typed arrays (no React, Cytoscape or DOM),
 * so it runs in a Web Worker, in Node and in tests. Values match networkx 3.x (tests compare every node
 * of six published criminal networks with networkx's output, tests/fixtures/networks/).
 *
 * Build once, then ask:
 *
 *   const graph = buildGraph(entityIds, links.map((l) => ({ from: l.from, to: l.to, date: l.dateFrom, dateTo: l.dateTo })));
 *
 *   buildGraph(nodeIds, edges: { from, to, weight?, date?, dateTo? }[]): NetworkGraph
 *     Nodes numbered in the order of nodeIds; CSR adjacency in typed arrays; undirected. Parallel links
 *     between a pair are one edge for centralities (their weights summed when weighted is asked). Links
 *     with an unknown end and self-links are left out and counted in graph.skipped.
 *
 *   analyseNetwork(graph, { measures?, weighted?, maxIter?, tol?, onProgress?, shouldCancel?, sliceMs? })
 *       : Promise<NetworkAnalysis>          (analyseNetworkSync: the same, synchronously)
 *     measures: 'degree' | 'betweenness' | 'closeness' | 'eigenvector' (default all). For each, values
 *     and ranks per node index (rank 1 = highest, ties share a rank), as networkx's degree_centrality,
 *     betweenness_centrality(normalized=True), closeness_centrality (Wasserman-Faust) and
 *     eigenvector_centrality (max_iter 100, tol 1e-6; `converged` instead of an exception). Yields to the
 *     event loop every sliceMs with onProgress({ phase, fraction }); rejects with NetworkAnalysisCancelled
 *     once shouldCancel() returns true. weighted: degree becomes strength, eigenvector uses weights;
 *     betweenness and closeness always count links (hops).
 *
 *   louvain(graph, { seed?, resolution?, weighted?, threshold? }): { community, count, sizes, modularity, levels }
 *     Louvain as networkx's louvain_communities; community per node index, 0 = largest. Deterministic.
 *   modularity(graph, community, { resolution?, weighted? }): number   (networkx's modularity)
 *
 *   shortestPath(graph, a, b, { dateOrdered? }): { ids, nodes, links, hops, times? } | null
 *     Fewest links (breadth-first); dateOrdered: only through dated links in date order, the fewest-links
 *     such path arriving earliest. links are indexes into the edges given to buildGraph.
 *   withinHops(graph, start | starts, n, { dateOrdered? }): { id, index, hops }[]
 *
 * Speed (bench/network.mjs, `npm run bench:network`): all four centralities and Louvain on 10,000 nodes
 * and 50,000 links in about 2 s in Node on a 2-core machine; betweenness is most of it (O(n (n + m))).
 */
export { buildGraph, degreeOf, nodeIndex, timeOf, type EdgeInput, type NetworkGraph } from './graph';
export {
  analyseNetwork,
  analyseNetworkSync,
  betweennessCentrality,
  closenessCentrality,
  degreeCentrality,
  eigenvectorCentrality,
  MEASURES,
  NetworkAnalysisCancelled,
  rankDescending,
  type AnalyseOptions,
  type EigenvectorOptions,
  type EigenvectorValues,
  type Measure,
  type MeasureValues,
  type NetworkAnalysis,
  type NetworkProgress,
} from './centrality';
export { addPathSums, BATCH, finishBetweenness, finishCloseness, pathSteps, sourceOrder, type PathPrecision, type PathStepOptions, type PathSums } from './brandes';
export { louvain, modularity, type LouvainOptions, type LouvainResult } from './louvain';
export { shortestPath, withinHops, type HopNode, type PathOptions, type PathResult } from './paths';
export { randomNetwork, smallWorldNetwork, type SyntheticNetwork } from './generate';
