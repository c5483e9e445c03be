"""A run's challenges clustered again with the feedback types' directions removed (measured, not
shipped): does a problem written as complaints and as questions become one challenge?

``RUN`` is a run folder of review 12's ``inbox_5k.csv`` (5,000 rows; on 2026-10-14, 60 real
Banking77 ``card_not_working`` messages, half complaints, half questions). Its feedback posts
(those with a ``challenge_id``, in the run's order: analyzed, by ``text_norm``) are clustered as
a run's challenges are (``challenge_model``, the other analyzed posts as background) on

- ``aligned``: the run's aligned vectors (``vectors/aligned.npy``);
- ``type axes removed``: those, less their part along the directions in which the mean vectors of
  the run's complaints, questions and requests (20 posts at least) differ, unit length again,
  as ``LanguageAligner`` removes the languages' directions.

Per alignment it prints where the outage's posts went, then each challenge with the Banking77
intents of its posts (``(he)``, ``(el)``, ``(en)``: posts of no intent, by language).

    nice .venv/bin/python benchmarks/type_axes.py RUN [--shared ../shared]
"""
from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

from mining.challenges.clusters import challenge_model
from mining.config import Config

ROOT = Path(__file__).resolve().parents[1]
TYPES = ("complaint", "question", "request")


def type_axes(vectors: np.ndarray, types: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """The directions along which the feedback types' mean vectors (of ``rows``) differ."""
    kept = [t for t in TYPES if ((types == t) & rows).sum() >= 20]
    means = np.array([vectors[(types == t) & rows].mean(axis=0) for t in kept])
    _, s, vt = np.linalg.svd(means - means.mean(axis=0), full_matrices=False)
    return vt[s > 1e-6 * s.max()]


def clustered(analyzed: pd.DataFrame, vectors: np.ndarray, intents: dict[str, str],
              name: str) -> None:
    eligible = analyzed["challenge_id"].notna().to_numpy()
    config = Config()
    model = challenge_model(config.challenges, config.brand).fit(
        analyzed[eligible], vectors[eligible].astype(np.float32), background=analyzed[~eligible])
    texts = analyzed.loc[eligible, "text"].str.strip()
    labels = texts.map(intents).fillna("(" + analyzed.loc[eligible, "lang"] + ")").to_numpy()
    outage = labels == "card_not_working"
    print(f"== {name}: {len(model.table_)} challenges, "
          f"{(model.labels_ >= 0).mean():.0%} of the feedback posts in one")
    names = dict(zip(model.table_["topic_id"], model.table_["label"]))
    for topic, n in pd.Series(model.labels_[outage]).value_counts().items():
        print(f"  outage posts: {n} in {names.get(topic, 'no challenge')}")
    for _, row in model.table_.iterrows():
        inside = pd.Series(labels[model.labels_ == row["topic_id"]]).value_counts()
        print(f"  {row['label']} ({inside.sum()}): "
              + ", ".join(f"{k} {v}" for k, v in inside.head(5).items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run", type=Path)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    posts = pd.read_parquet(args.run / "posts.parquet")
    analyzed = posts[posts["analyzed"].fillna(False)].sort_values("text_norm", kind="stable")
    bank = pd.read_csv(args.shared / "corpora" / "banking77" / "train.csv")
    intents = dict(zip(bank["text"].str.strip(), bank["category"]))
    aligned = np.load(args.run / "vectors" / "aligned.npy").astype(np.float64)
    clustered(analyzed, aligned, intents, "aligned")
    axes = type_axes(aligned, analyzed["feedback_type"].to_numpy(),
                     analyzed["challenge_id"].notna().to_numpy())
    removed = aligned - (aligned @ axes.T) @ axes
    clustered(analyzed, removed / np.linalg.norm(removed, axis=1, keepdims=True), intents,
              f"type axes removed ({len(axes)})")


if __name__ == "__main__":
    main()
