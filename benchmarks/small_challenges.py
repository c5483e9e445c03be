"""A small community's challenges, before and after: what each run made a challenge of.

Reads run folders (``mining run … --out RUN``) and prints, per run: the eligible posts (complaints,
questions and requests clustered), the challenges stage's groups above the size cap (kept whole,
left out, general talk), then each challenge with its size, authors, label and, with a truth file
(``--truth DIR``: ``NAME.truth.json``, text -> the corpus label each post was drawn from), the
share of its commonest label, and its first posts. Given ``--before DIR``, the run of the same
name there is printed first. Whether a challenge is a real problem is read from its posts.

Usage:
    PYTHONPATH=. .venv/bin/python benchmarks/small_challenges.py RUN ... [--before DIR]
        [--truth DIR] [--show N]
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import pandas as pd


def stage(run: Path) -> dict:
    """The manifest's challenges stage of ``run``."""
    stages = json.loads((run / "manifest.json").read_text())["stages"]
    return next((s for s in stages if s.get("name") == "challenges"), {})


def describe(run: Path, truth: dict, show: int) -> None:
    """Print ``run``'s eligible posts, groups above the cap and challenges."""
    posts = pd.read_parquet(run / "posts.parquet", columns=["text", "author", "challenge_id"])
    eligible = posts[posts["challenge_id"].notna()]
    table = pd.read_csv(run / "challenges.csv")
    fit = stage(run)
    print(f"  {run.parent.name}/{run.name}: {len(eligible)} eligible, {len(table)} challenges; "
          f"kept whole {fit.get('kept_whole_above_cap')}, left out "
          f"{fit.get('left_out_above_cap')}, general talk {fit.get('general_talk')}")
    for row in table.itertuples():
        inside = eligible[eligible["challenge_id"] == row.challenge_id]
        labels = Counter(truth.get(t, "?") for t in inside["text"])
        top = (f"; {labels.most_common(1)[0][1] / len(inside):.0%} "
               f"{labels.most_common(1)[0][0]}" if truth else "")
        print(f"    C{row.challenge_id} \"{row.label}\": {row.n_posts} posts, "
              f"{row.unique_authors} authors{top}")
        for text in inside["text"].head(show):
            print(f"        | {' '.join(text.split())[:100]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("runs", nargs="+", type=Path)
    parser.add_argument("--before", type=Path, help="folder of the same runs before a change")
    parser.add_argument("--truth", type=Path, help="folder of NAME.truth.json files")
    parser.add_argument("--show", type=int, default=3, help="posts shown per challenge")
    args = parser.parse_args()
    for run in args.runs:
        path = args.truth / f"{run.name}.truth.json" if args.truth else None
        truth = json.loads(path.read_text()) if path and path.exists() else {}
        print(f"== {run.name}")
        if args.before and (args.before / run.name).exists():
            describe(args.before / run.name, truth, args.show)
        describe(run, truth, args.show)


if __name__ == "__main__":
    main()
