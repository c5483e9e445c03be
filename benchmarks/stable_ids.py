"""Stable ids of a run against its previous run, by centroid alone and by posts first (review 8,
P2-5): which topics and challenges continue, are new, absorbed, split or gone.

``RUN`` was run with ``--previous PREVIOUS``; both folders hold ``state.npz`` (centroids by stable
id) and ``PREVIOUS/model/posts.parquet`` (its posts' text hashes and ids). ``RUN``'s stable ids
stand in for its fitted ids, so the ids printed for new clusters may differ from the run's own.

    nice .venv/bin/python benchmarks/stable_ids.py PREVIOUS RUN
"""
from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

from mining.increment import text_hashes
from mining.tracking import stable_ids


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("previous", type=Path)
    parser.add_argument("run", type=Path)
    parser.add_argument("--match-similarity", type=float, default=0.8)
    args = parser.parse_args()
    previous = dict(np.load(args.previous / "state.npz"))
    known = pd.read_parquet(args.previous / "model" / "posts.parquet")
    now = dict(np.load(args.run / "state.npz"))
    posts = pd.read_parquet(args.run / "posts.parquet")
    analyzed = posts[posts["analyzed"].astype(bool)]
    for kind in ("challenge", "topic"):
        centroids = dict(zip(now[f"{kind}_ids"].tolist(), now[f"{kind}_centroids"]))
        members = (known, text_hashes(analyzed["text_norm"]), analyzed[f"{kind}_id"].astype("Int64").array)
        for name, given in (("by centroid", None), ("by posts, then centroid", members)):
            _, changes, _ = stable_ids(centroids, previous, kind, args.match_similarity, posts=given)
            print(f"{kind}s {name}: continuing {changes.continuing} (by posts {changes.by_posts}), "
                  f"new {changes.new}, absorbed {changes.merged}, split {changes.split}, "
                  f"gone {changes.vanished}")


if __name__ == "__main__":
    main()
