"""What the emerging-problems alert costs a weekly run, with and without the words of the
previous run's posts (issue 13, item 4: 48.5 s of a 245 s weekly run at 100k, all but 3 s in
tokenizing every post of the history again).

Builds ``benchmarks/scale.py``'s corpus of N posts (real Hebrew, Greek and English texts
recombined, over 2025), the last ``--days`` days the week's new posts, every one of them taken
as feedback (the most candidate terms, the most work). Then ``mining.emerging.emerging_problems``
over all posts, timed:

- ``every post``: no words kept (what a run did before, and still does after a run that kept
  none: a first run, or a model of an earlier version);
- ``week only``: with the words the previous week's run kept (``WordCache``, its ``arrays``
  read back as ``mining.increment`` saves and loads them): only the week's posts are split.

It prints both times and whether the alerts are the same.

Usage:
    PYTHONPATH=. nice .venv/bin/python benchmarks/emerging_cost.py [--sizes 10000] [--days 7]
        [--shared ../shared]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale import build_corpus, real_texts  # noqa: E402

from mining.emerging import emerging_problems  # noqa: E402
from mining.lang.analyze import WordCache  # noqa: E402


def timed(posts: pd.DataFrame, new, words: WordCache | None) -> tuple[float, list[dict]]:
    start = time.perf_counter()
    found = emerging_problems(posts, new, new, [[] for _ in range(len(posts))], words=words)
    return time.perf_counter() - start, found


def measure(n: int, days: int, texts: dict) -> None:
    posts = build_corpus(n, texts).rename(columns={"text": "text_norm"}).reset_index(drop=True)
    end = posts["created_at"].max()
    week = (posts["created_at"] > end - pd.Timedelta(days=days)).to_numpy()
    before = (posts["created_at"] > end - pd.Timedelta(days=2 * days)).to_numpy() & ~week
    timed(posts.head(200), week[:200] | True, None)  # the tokenizers loaded, outside the timing
    earlier = posts[~week].reset_index(drop=True)
    kept = WordCache()
    timed(earlier, before[~week], kept)  # the previous week's run, which keeps its posts' words
    every, found = timed(posts, week, None)
    only, again = timed(posts, week, WordCache(kept.arrays()))
    print(f"{n} posts, {int(week.sum())} new: every post {every:.1f} s, week only {only:.1f} s; "
          f"{len(found)} alerts, the same: {found == again}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000])
    parser.add_argument("--days", type=int, default=7)
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1] / "../shared")
    args = parser.parse_args()
    texts = real_texts(args.shared)
    for n in args.sizes:
        measure(n, args.days, texts)


if __name__ == "__main__":
    main()
