/**
 * Clustering that does not chain.
 *
 * Plain connected components over matching pairs chain: A~B and B~C make {A, B, C} even when A and C
 * are clearly two people (a father and son sharing a name, address and phone, each a typo away from a
 * third record). Here pairs are taken strongest first, and two clusters are joined only if EVERY pair
 * across them is acceptable: not excluded by an analyst ("Not the same") and scoring at least a floor
 * probability (`clusterFloor`, far below the merge threshold: "not clearly different" rather than "surely
 * the same", so a record with little information can still join its cluster through a stronger one).
 * This is greedy complete-linkage agglomeration with a floor; the pair that would have chained is left
 * out of the cluster and reported for review instead.
 */

export interface ClusterInput {
  /** Record count. */
  n: number;
  /** Candidate pairs to merge, already in the order to try them (strongest first). */
  left: Int32Array;
  right: Int32Array;
  /** May records x and y share a cluster? (every cross pair is checked) */
  acceptable: (x: number, y: number) => boolean;
}

export interface ClusterOutput {
  /** Cluster number of each record (0..clusters-1, in order of each cluster's first record). */
  clusterOf: Int32Array;
  clusters: number;
  /** Pairs (by position in the input) that were not merged because a cross pair was unacceptable. */
  blocked: number[];
}

export function clusterWithoutChaining(input: ClusterInput, onStep?: (done: number) => void): ClusterOutput {
  const { n, left, right, acceptable } = input;
  const root = new Int32Array(n);
  for (let i = 0; i < n; i++) root[i] = i;
  const members: (number[] | null)[] = new Array<number[] | null>(n).fill(null);
  const find = (x: number): number => {
    let r = x;
    while (root[r] !== r) r = root[r] as number;
    let y = x;
    while (root[y] !== r) {
      const next = root[y] as number;
      root[y] = r;
      y = next;
    }
    return r;
  };
  const membersOf = (r: number): number[] => members[r] ?? [r];
  const blocked: number[] = [];
  for (let k = 0; k < left.length; k++) {
    const ra = find(left[k] as number);
    const rb = find(right[k] as number);
    if (ra === rb) continue;
    const A = membersOf(ra);
    const B = membersOf(rb);
    let ok = true;
    for (let i = 0; ok && i < A.length; i++) for (let j = 0; ok && j < B.length; j++) ok = acceptable(A[i] as number, B[j] as number);
    if (!ok) {
      blocked.push(k);
      continue;
    }
    const [big, small] = A.length >= B.length ? [ra, rb] : [rb, ra];
    const merged = membersOf(big).concat(membersOf(small));
    root[small] = big;
    members[big] = merged;
    members[small] = null;
    if (onStep && k % 1024 === 0) onStep(k);
  }
  const clusterOf = new Int32Array(n).fill(-1);
  let clusters = 0;
  const numberOfRoot = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const r = find(i);
    if ((numberOfRoot[r] as number) < 0) numberOfRoot[r] = clusters++;
    clusterOf[i] = numberOfRoot[r] as number;
  }
  return { clusterOf, clusters, blocked };
}
