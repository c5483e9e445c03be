"""Challenges on two real labelled English sets: does the most asked problem get a challenge?

Builds, from ``../shared/corpora`` (development use only, nothing shipped), 300 Banking77
queries (50 of each of six intents) and 500 app reviews, drawn with each of ``--seeds``, each a
CSV with a time per post, runs ``mining run`` on each in a fresh process with the ``mining`` first
on the path (``PYTHONPATH=/path/to/checkout`` to measure another checkout), and prints every
challenge with its size and the labels of its posts, then, per label, how many of its posts are
in some challenge, and the sums over the draws. Labels are the corpora's own (intent; bug report / feature request / ...); a
challenge's posts need not share one, but a label of many problem posts in no challenge is what
a product team would miss.

Usage:
    .venv/bin/python benchmarks/dense_challenges.py [--shared ../shared] [--work DIR]
        [--seeds 13 14 15 16 17]
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
INTENTS = ("cash_withdrawal_charge", "exchange_rate", "declined_card_payment",
           "lost_or_stolen_card", "card_arrival", "pending_top_up")


def build(shared: Path, work: Path, seed: int) -> dict[str, Path]:
    """The two inputs drawn with ``seed``, written under ``work``; a post every 5 hours from 1 May
    2024."""
    bank = pd.read_csv(shared / "corpora" / "banking77" / "train.csv")
    bank = (bank[bank["category"].isin(INTENTS)].groupby("category").sample(50, random_state=seed)
            .sample(frac=1, random_state=seed))
    reviews = pd.read_csv(shared / "corpora" / "app-reviews" / "dataset_balanced_4000.csv")
    reviews = reviews.sample(500, random_state=seed)
    inputs = {"banking77": bank.rename(columns={"category": "label"})[["text", "label"]],
              "app-reviews": reviews.rename(columns={"review": "text"})[["text", "label"]]}
    paths = {}
    for name, frame in inputs.items():
        frame = frame.reset_index(drop=True)
        frame.insert(0, "created_at", pd.date_range("2024-05-01", periods=len(frame), freq="5h"))
        paths[name] = work / f"{name}.csv"
        frame.to_csv(paths[name], index=False)
    return paths


def report(name: str, source: Path, out: Path) -> pd.Series:
    """Print the run's challenges; return, per label, its posts in some challenge."""
    labels = pd.read_csv(source)["label"]
    posts = pd.read_parquet(out / "posts.parquet", columns=["source_id", "challenge_id"])
    posts["label"] = labels.iloc[posts["source_id"].astype(int) - 1].to_numpy()  # source_id 1: first row
    challenges = pd.read_csv(out / "challenges.csv")
    print(f"\n{name}: {len(challenges)} challenges")
    for row in challenges.itertuples():
        mix = posts.loc[posts["challenge_id"] == row.challenge_id, "label"].value_counts()
        print(f"  {row.challenge_id} {row.label} ({row.n_posts} posts): "
              + ", ".join(f"{label} {n}" for label, n in mix.items()))
    inside = posts.groupby("label")["challenge_id"].apply(lambda c: int((c >= 0).sum()))
    print("  in a challenge, per label: " + ", ".join(
        f"{label} {inside[label]} of {n}" for label, n in posts["label"].value_counts().items()))
    return pd.Series({"challenges": len(challenges), **inside})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--seeds", type=int, nargs="+", default=[13, 14, 15, 16, 17])
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="dense-challenges-"))
    totals: dict[str, pd.Series] = {}
    for seed in args.seeds:
        (work / str(seed)).mkdir(parents=True, exist_ok=True)
        for name, source in build(args.shared, work / str(seed), seed).items():
            out = work / str(seed) / f"run-{name}"
            subprocess.run([sys.executable, "-m", "mining", "run", str(source), "--out", str(out)],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            print(f"\nseed {seed}", end=" ")
            found = report(name, source, out)
            totals[name] = totals[name].add(found, fill_value=0) if name in totals else found
    for name, total in totals.items():
        print(f"\n{name}, summed over seeds {args.seeds}: "
              + ", ".join(f"{k} {int(v)}" for k, v in total.items()))


if __name__ == "__main__":
    main()
