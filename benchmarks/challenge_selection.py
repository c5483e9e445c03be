"""Which groups become challenges: a dominant problem kept whole, a chat's politics left out?

Runs ``mining run`` on each INPUT (a file or folder, as the CLI reads it) in a fresh process with
the ``mining`` first on the path (``PYTHONPATH=/path/to/checkout`` to measure another checkout),
or reads an earlier run folder given with ``--runs``, and prints, per input: the eligible posts,
what the challenges stage did with groups above the size cap (kept whole, split, left out:
the manifest), then each challenge with its size, authors, the posts matching ``--mark`` (a
regular expression, e.g. the words of the week's crash) and the first ``--show`` posts to read. Last, per input, the marked posts in a
challenge and in the largest one. Whether a challenge is a real product problem is read from its
posts: the script does not judge it.

Usage:
    PYTHONPATH=. .venv/bin/python benchmarks/challenge_selection.py INPUT [INPUT ...]
        [--work DIR] [--runs] [--mark REGEX] [--show N] [--config FILE]
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd


def run(source: Path, out: Path, config: Path | None) -> None:
    """``mining run`` of ``source`` into ``out``."""
    command = [sys.executable, "-m", "mining", "run", str(source), "--out", str(out), "--quiet"]
    subprocess.run(command + (["--config", str(config)] if config else []), check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def challenges_stage(out: Path) -> dict:
    """The manifest's challenges stage of the run in ``out``."""
    stages = json.loads((out / "manifest.json").read_text())["stages"]
    return next((s for s in stages if s.get("name") == "challenges"), {})


def report(name: str, out: Path, mark: re.Pattern | None, show: int) -> dict:
    """Print the run's challenges; return the marked posts, in a challenge and in the largest."""
    posts = pd.read_parquet(out / "posts.parquet", columns=["text", "author", "challenge_id"])
    posts = posts[posts["challenge_id"].notna()]
    posts["marked"] = posts["text"].str.contains(mark) if mark else False
    challenges = pd.read_csv(out / "challenges.csv")
    stage = challenges_stage(out)
    print(f"\n{name}: {len(posts)} eligible posts, {len(challenges)} challenges; above the cap "
          f"kept whole {stage.get('kept_whole_above_cap')}, split "
          f"{stage.get('split_above_cap')}, left out {stage.get('left_out_above_cap')}")
    sizes = {}
    for row in challenges.itertuples():
        inside = posts[posts["challenge_id"] == row.challenge_id]
        sizes[row.challenge_id] = int(inside["marked"].sum())
        print(f"  C{row.challenge_id} {row.label}: {row.n_posts} posts, {row.unique_authors} "
              f"authors, {sizes[row.challenge_id]} marked")
        for text in inside["text"].head(show):
            print(f"      | {text[:110]}")
    if challenges.empty:
        note = (out / "report.md").read_text()
        start = note.find("No challenges")
        print("  " + note[start:note.find("\n", start)])
    return {"marked": int(posts["marked"].sum()), "in a challenge": sum(sizes.values()),
            "in the largest": max(sizes.values(), default=0)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+", type=Path)
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--runs", action="store_true", help="the inputs are run folders")
    parser.add_argument("--mark", default=None, help="regular expression of the posts to count")
    parser.add_argument("--show", type=int, default=3)
    parser.add_argument("--config", type=Path, default=None)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="challenge-selection-"))
    mark = re.compile(args.mark) if args.mark else None
    totals = {}
    for i, source in enumerate(args.inputs):
        out = source if args.runs else work / f"{i}-{source.name}"
        if not args.runs:
            run(source, out, args.config)
        totals[str(source)] = report(str(source), out, mark, args.show)
    if mark:
        print("\nmarked posts:")
        for name, figures in totals.items():
            print(f"  {name}: " + ", ".join(f"{k} {v}" for k, v in figures.items()))


if __name__ == "__main__":
    main()
