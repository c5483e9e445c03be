"""What a run shares with the run given as its previous one, and what `--previous` decides from it.

For each pair ``PREVIOUS:RUN`` of finished run folders it prints the previous run's posts and the
posts (by ``post_id``), input files (by name) and channels the run shares with it
(``mining.runs.shared_with_previous``, as ``mining run --previous`` computes it once the inputs
are read), the share of the previous run's analyzed posts that are gone, and the verdict: a
series that goes on, an export of the new days alone (goes on, and says so), or another
community's run (refused, E214). The run's own ``posts.parquet`` stands for the posts it read.

    nice .venv/bin/python benchmarks/series_evidence.py runs/week1:runs/week5 runs/fb:runs/inbox
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import pandas as pd

from mining.errors import MiningError
from mining.increment import load_model
from mining.runs import shared_with_previous


def verdict(previous: Path, run: Path) -> str:
    """One line for a pair of runs."""
    inputs = json.loads((run / "manifest.json").read_text(encoding="utf-8"))["inputs"]
    posts = pd.read_parquet(run / "posts.parquet", columns=["post_id", "channel"])
    try:
        found = shared_with_previous(previous, inputs, posts)
    except MiningError as error:
        return f"{previous} -> {run}: refused [{error.code}]"
    before, now = load_model(previous), load_model(run)
    said = (f"{previous} -> {run}: {found['posts']:,} of {found['previous_posts']:,} posts, "
            f"{found['files']} files, {found['channels']} channels shared")
    if before is None or now is None:
        return f"{said}: goes on"
    gone = (~before.posts["text_hash"].isin(now.posts["text_hash"])).mean()
    return (f"{said}; {gone:.0%} of its analyzed posts gone: goes on"
            + (", said to look like an increment" if gone > 0.5 else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs", nargs="+", help="PREVIOUS:RUN")
    for pair in parser.parse_args().pairs:
        previous, run = pair.split(":", 1)
        print(verdict(Path(previous), Path(run)))


if __name__ == "__main__":
    main()
