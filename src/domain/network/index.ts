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
 *   analyseNetwork(graph, { measures?, weighted?, precision?, pathSums?, maxIter?, tol?, onProgress?,
 *                           shouldCancel?, sliceMs? }): Promise<NetworkAnalysis>   (analyseNetworkSync: synchronous)
 *     measures: 'degree' | 'betweenness' | 'closeness' | 'eigenvector' (default all). For each, values
 *     and ranks per node index (rank 1 = highest, ties share a rank), as networkx's degree_centrality,
 *     betweenness_centrality(normalized=True), closeness_centrality (Wasserman-Faust) and
 *     eigenvector_centrality (max_iter 100, tol 1e-6; `converged` instead of an exception). Yields to the
 *     event loop every sliceMs with onProgress({ phase, fraction }); rejects with NetworkAnalysisCancelled
 *     once shouldCancel() returns true. weighted: degree becomes strength, eigenvector uses weights;
 *     betweenness and closeness always count links (hops). precision: betweenness in 'single' (default,
 *     ~25 % faster, relative error ~1e-7, switches to double by itself on overflow) or 'double'.
 *     pathSums: betweenness/closeness searches already run, e.g. split over workers with
 *     pathSteps(graph, { betweenness: true, part, parts }) and addPathSums(parts).

 *   louvain(graph, { seed?, resolution?, weighted?, threshold? }): { community, count, sizes, modularity, levels }
 *     Louvain as networkx's louvain_communities; community per node index, 0 = largest. Deterministic.
 *   modularity(graph, community, { resolution?, weighted? }): number   (networkx's modularity)
 *
 *   shortestPath(graph, a, b, { dateOrdered? }): { ids, nodes, links, hops, times? } | null
 *     Fewest links (breadth-first); dateOrdered: only through dated links in date order, the fewest-links
 *     such path arriving earliest. links are indexes into the edges given to buildGraph.
 *   withinHops(graph, start | starts, n, { dateOrdered? }): { id, index, hops }[]
 *
 * Speed (`npm run bench:network`, 10,000 nodes, 50,000 links, Node 20 on this project's 2-vCPU machine):
 * exact betweenness is ~90 % of the time, O(n (n + m)). All four measures plus Louvain took 5.1-7.9 s
 * single-threaded depending on what else the machine was running (the 5 s target is not met), and
 * 3.2-4.5 s with the searches split over 2 worker threads when the second core was free (no gain when it
 * was busy). Closeness alone ~1 s, eigenvector 0.02 s, Louvain 0.02-0.35 s, building the graph 0.05 s.
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
