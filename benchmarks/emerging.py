"""New-problem alerts of weekly runs, from their run folders (review 8, R8-11): how far below
``mining.emerging.EMERGING_CHANCE`` a week's strongest term lies.

For each pair ``PREVIOUS:RUN`` (two run folders, ``RUN`` run with ``--previous PREVIOUS``), the
posts of ``RUN`` that ``PREVIOUS``'s model had not seen are read from ``RUN/posts.parquet`` and
``mining.increment.emerging`` is applied to them, every term passing the members and posts tests
being kept whatever its chance: prints the count of such terms, the three least likely by chance,
and the alerts at the module's limit. Run ordinary weeks (a real chat cut into weeks, nothing
planted) to see how close chatter comes to the limit, and weeks with a planted problem.

    nice .venv/bin/python benchmarks/emerging.py runs/w1:runs/w2 runs/w2:runs/w3
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import pandas as pd

import mining.emerging as found_in
from mining.config import Config
from mining.increment import emerging, load_model, text_hashes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs", nargs="+", help="PREVIOUS:RUN run folders")
    args = parser.parse_args()
    limit, found_in.EMERGING_CHANCE = found_in.EMERGING_CHANCE, 1.0
    for pair in args.pairs:
        previous, run = (Path(p) for p in pair.split(":"))
        model = load_model(previous)
        posts = pd.read_parquet(run / "posts.parquet")
        analyzed = posts[posts["analyzed"].astype(bool)].sort_values("text_norm", kind="stable")
        typed = analyzed[["feedback_type", "feedback_confidence", "is_spam"]].reset_index(drop=True)
        terms, _ = emerging(model, analyzed, posts, typed, Config())
        new = int((~np.isin(text_hashes(analyzed["text_norm"]),
                            model.posts["text_hash"].to_numpy())).sum())
        alerts = [t for t in terms if t["chance"] < limit]
        least = sorted(terms, key=lambda t: t["chance"])[:3]
        print(f"{run}: {new} new analyzed posts, {len(terms)} terms pass members and posts, "
              f"{len(alerts)} alerts; least likely: "
              + "; ".join(f"{t['label']} {t['chance']:.2g} ({t['new_posts']} posts, "
                          f"{t['members']} members)" for t in least))
        for alert in alerts:
            print("  alert:", json.dumps(alert, ensure_ascii=False))


if __name__ == "__main__":
    main()
