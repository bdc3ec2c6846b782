/**
 * Clustering that does not chain.
 *
 * Plain connected components over matching pairs chain: A~B and B~C make {A, B, C} even when A and C
 * are clearly two people (a father and son with one name at one address, and a record of "John Smith"
 * there with no date of birth that fits either). Here confident pairs are taken strongest first and
 * two clusters are joined only when:
 *
 *   1. every pair across them is acceptable (`acceptable`, from people.ts): not excluded by an analyst
 *      ("Not the same"), not linked to each other as two people (family, associate), not clearly
 *      different overall, and not contradicting each other on any one field the data says one person
 *      almost never varies on (a second date of birth 28 years apart);
 *   2. the join is not ambiguous: if an end of the pair also matches, about as strongly, a record of a
 *      third cluster that could NOT join the other side, the record could be either of two people. It is
 *      joined only if its evidence for one side beats the other by `margin` bits (the confident odds);
 *      otherwise neither join is made and both pairs go to review.
 *
 * This is greedy complete-linkage agglomeration with vetoes; blocked pairs are reported with the reason.
 */

export type BlockReason = 'chain' | 'ambiguous';

export interface ClusterInput {
  /** Record count. */
  n: number;
  /** Confident pairs, strongest first, with their weights (bits). */
  left: Int32Array;
  right: Int32Array;
  weight: Float64Array;
  /** May records x and y share a cluster? */
  acceptable: (x: number, y: number) => boolean;
  /** Bits by which one reading must beat a conflicting one (see 2 above). */
  margin: number;
}

export interface ClusterOutput {
  /** Cluster number of each record (0..clusters-1, in order of each cluster's first record). */
  clusterOf: Int32Array;
  clusters: number;
  /** Pairs (by position in the input) not merged, and why. */
  blocked: Map<number, BlockReason>;
}

export function clusterWithoutChaining(input: ClusterInput): ClusterOutput {
  const { n, left, right, weight, acceptable, margin } = input;
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
  const compatible = (ra: number, rb: number): boolean => {
    const A = membersOf(ra);
    const B = membersOf(rb);
    for (const x of A) for (const y of B) if (!acceptable(x, y)) return false;
    return true;
  };

  // Each record's confident partners, to look for a conflicting alternative.
  const partners: { other: number; w: number }[][] = Array.from({ length: n }, () => []);
  for (let k = 0; k < left.length; k++) {
    const a = left[k] as number;
    const b = right[k] as number;
    const w = weight[k] as number;
    (partners[a] as { other: number; w: number }[]).push({ other: b, w });
    (partners[b] as { other: number; w: number }[]).push({ other: a, w });
  }
  /** Does x also match, nearly as strongly as w, a cluster that cannot join `target`? */
  const ambiguous = (x: number, target: number, w: number): boolean => {
    const rx = find(x);
    for (const { other, w: alt } of partners[x] as { other: number; w: number }[]) {
      if (alt < w - margin) continue;
      const ro = find(other);
      if (ro === rx || ro === target) continue;
      if (!compatible(ro, target)) return true;
    }
    return false;
  };

  const blocked = new Map<number, BlockReason>();
  for (let k = 0; k < left.length; k++) {
    const a = left[k] as number;
    const b = right[k] as number;
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) continue;
    if (!compatible(ra, rb)) {
      blocked.set(k, 'chain');
      continue;
    }
    const w = weight[k] as number;
    if (ambiguous(a, rb, w) || ambiguous(b, ra, w)) {
      blocked.set(k, 'ambiguous');
      continue;
    }
    const [big, small] = membersOf(ra).length >= membersOf(rb).length ? [ra, rb] : [rb, ra];
    members[big] = membersOf(big).concat(membersOf(small));
    members[small] = null;
    root[small] = big;
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
