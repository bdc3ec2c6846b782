#!/usr/bin/env python3
"""Expected network measures for tests/domain/network, computed with networkx.

Reads the published criminal networks copied into tests/fixtures/networks/*.edges.csv (source,target,weight)
and writes tests/fixtures/networks/<name>.expected.json, so the tests (and CI) need no Python.

    apt-get install -y python3-networkx      # Debian's networkx (3.x)
    python3 scripts/networkx/expected.py     # from the repository root

The graph is undirected and simple, as src/domain/network builds it: nodes in order of first appearance
in the file, parallel links (A,B twice, or A,B and B,A) are one edge, self-links are dropped; for the
weighted measures the weights of parallel links are added up (networkx would keep the last one).
"""
import csv
import glob
import json
import os
import sys

import networkx as nx
from networkx.algorithms.community import louvain_communities, modularity

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURES = os.path.join(ROOT, "tests", "fixtures", "networks")
SEED = 42
SEEDS = list(range(10))


def load(path):
    g = nx.Graph()
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            a, b, w = row["source"], row["target"], float(row["weight"])
            for node in (a, b):
                if node not in g:
                    g.add_node(node)
            if a == b:
                continue
            if g.has_edge(a, b):
                g[a][b]["weight"] += w
            else:
                g.add_edge(a, b, weight=w)
    return g


def eigen(g, weight):
    try:
        return {"values": dict(nx.eigenvector_centrality(g, max_iter=100, tol=1e-6, weight=weight)), "converged": True}
    except nx.PowerIterationFailedConvergence:
        return {"values": None, "converged": False}


def louvain_summary(g, weight):
    def run(seed):
        comms = louvain_communities(g, weight=weight, resolution=1, threshold=1e-7, seed=seed)
        return comms, modularity(g, comms, weight=weight, resolution=1)

    comms, q = run(SEED)
    by_seed = [run(s)[1] for s in SEEDS]
    return {
        "seed": SEED,
        "modularity": q,
        "communities": [sorted(c, key=list(g.nodes).index) for c in comms],
        "modularity_by_seed": {"seeds": SEEDS, "values": by_seed, "min": min(by_seed), "max": max(by_seed)},
    }


def main():
    paths = sorted(glob.glob(os.path.join(FIXTURES, "*.edges.csv")))
    if not paths:
        sys.exit(f"no *.edges.csv in {FIXTURES}")
    for path in paths:
        name = os.path.basename(path)[: -len(".edges.csv")]
        g = load(path)
        nodes = list(g.nodes)
        sources = nodes[:3]
        out = {
            "name": name,
            "file": os.path.basename(path),
            "networkx": nx.__version__,
            "nodes": nodes,
            "n": g.number_of_nodes(),
            "m": g.number_of_edges(),
            "components": nx.number_connected_components(g),
            "degree": dict(nx.degree_centrality(g)),
            "strength": dict(dict(g.degree(weight="weight"))),
            "betweenness": dict(nx.betweenness_centrality(g, normalized=True)),
            "closeness": dict(nx.closeness_centrality(g)),
            "eigenvector": eigen(g, None),
            "eigenvector_weighted": eigen(g, "weight"),
            "louvain": louvain_summary(g, None),
            "louvain_weighted": louvain_summary(g, "weight"),
            "distances": {s: dict(nx.single_source_shortest_path_length(g, s)) for s in sources},
        }
        target = os.path.join(FIXTURES, f"{name}.expected.json")
        with open(target, "w", encoding="utf-8") as f:
            json.dump(out, f, indent=1, ensure_ascii=False)
            f.write("\n")
        ev = out["eigenvector"]["converged"]
        print(f"{name}: n={out['n']} m={out['m']} components={out['components']} eigenvector converged={ev} "
              f"louvain Q={out['louvain']['modularity']:.4f} (seeds {out['louvain']['modularity_by_seed']['min']:.4f}"
              f"..{out['louvain']['modularity_by_seed']['max']:.4f}) -> {os.path.relpath(target, ROOT)}")


if __name__ == "__main__":
    main()
