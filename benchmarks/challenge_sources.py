"""What each challenge of a run is made of, by the corpus its posts' texts were drawn from.

The review inputs recombine real texts of ``../shared/corpora``; a challenge is read as one
problem, so a product team expects its posts to be of one kind. For each ``RUN`` folder (a
``mining run`` output) it prints every challenge (label, posts) with its posts counted by
source: an app review's label (``bug report``, ``feature request``, ``rating``, ``user
experience``), ``login`` for an app review that says "login", "log in", "sign in" or "password"
(a login outage's reports, whatever their label), ``banking77`` for a bank query, ``other`` for a
text of neither corpus (the Hebrew and Greek comments), and which challenges hold the login
reports, the feature requests and the bank queries.

Run it on the same inputs before and after a change of the challenges:

    nice .venv/bin/python benchmarks/challenge_sources.py RUN [RUN ...] [--shared ../shared]
"""
from __future__ import annotations

import argparse
import re
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
LOGIN = ("login", "log in", "sign in", "password")


def _key(text: object) -> str:
    return re.sub(r"\s+", " ", str(text)).strip().lower()


def sources(shared: Path) -> dict[str, str]:
    """Each corpus text (folded) -> its source as above."""
    found = {_key(t): "banking77" for t in pd.read_csv(shared / "corpora" / "banking77" / "train.csv")["text"]}
    reviews = pd.read_csv(shared / "corpora" / "app-reviews" / "dataset_balanced_4000.csv")
    for text, label in zip(reviews["review"], reviews["label"]):
        found[_key(text)] = "login" if any(w in _key(text) for w in LOGIN) else label
    return found


def report(folder: Path, known: dict[str, str]) -> None:
    posts = pd.read_parquet(folder / "posts.parquet", columns=["text", "challenge_id"])
    posts = posts[posts["challenge_id"].notna()]  # the posts the challenges were made of
    posts = posts.assign(source=[known.get(_key(t), "other") for t in posts["text"]])
    labels = pd.read_csv(folder / "challenges.csv").set_index("challenge_id")["label"]
    table = pd.crosstab(posts["challenge_id"].astype(int), posts["source"])
    table.insert(0, "label", [labels.get(c, "(none)") for c in table.index])
    print(f"== {folder}: {len(labels)} challenges\n{table.to_string()}")
    for source in ("login", "feature request", "banking77"):
        if source in table:
            held = table.loc[table.index >= 0, source]
            print(f"  {source}: " + ", ".join(f"{n} in {c}" for c, n in held[held > 0].items())
                  + f"; {int(table.loc[table.index < 0, source].sum())} in none")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", type=Path, nargs="+")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    known = sources(args.shared)
    for folder in args.runs:
        report(folder, known)


if __name__ == "__main__":
    main()
