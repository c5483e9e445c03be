"""Where a run's posts of each language end, and how much of "language" its aligned vectors keep.

For each ``RUN`` folder (a ``mining run`` output) it prints, per language of the analyzed posts:

- topics: posts in a topic whose main language is theirs, in another language's topic, outliers;
  and the topics whose main language it is;
- challenges: the feedback posts the challenges clustered (``challenge_id`` not null; -1 is
  none) in a challenge their language writes most of, in another language's, in none;
- the share of posts whose nearest neighbour (cosine, aligned vectors, and raw ones) shares
  their language, against the share one would get by chance (the languages' shares squared).

Run it on the same inputs before and after a change of the alignment:

    nice .venv/bin/python benchmarks/align_languages.py RUN [RUN ...]
"""
from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

from mining.runs import load_run


def homes(langs: np.ndarray, clusters: np.ndarray) -> pd.Series:
    """Each post's place: in its language's cluster, another language's, or none (-1 / NA)."""
    out = pd.Series("none", index=range(len(langs)), dtype=object)
    for cluster in pd.unique(clusters[clusters >= 0]):
        rows = np.flatnonzero(clusters == cluster)
        main = pd.Series(langs[rows]).value_counts().idxmax()
        out[rows] = np.where(langs[rows] == main, "its language's", "another language's")
    return out


def same_language_neighbours(vectors: np.ndarray, langs: np.ndarray) -> float:
    x = np.asarray(vectors, dtype=np.float64)
    x = x / np.linalg.norm(x, axis=1, keepdims=True)
    sims = x @ x.T
    np.fill_diagonal(sims, -np.inf)
    return float(np.mean(langs[sims.argmax(axis=1)] == langs))


def report(folder: Path) -> None:
    run = load_run(folder)
    analyzed, aligned = run.vectors()
    _, raw = run.vectors(aligned=False)
    langs = analyzed["lang"].astype(str).to_numpy()
    print(f"== {folder}")
    topics = analyzed["topic_id"].astype("Int64").fillna(-1).to_numpy()
    print("topics (analyzed posts):")
    print(pd.crosstab(langs, homes(langs, topics).to_numpy()).to_string())
    mains = pd.Series(langs).groupby(topics).agg(lambda s: s.value_counts().idxmax())
    print("topics by main language:", mains[mains.index >= 0].value_counts().to_dict())
    rows = np.flatnonzero(analyzed["challenge_id"].notna().to_numpy())
    challenges = analyzed["challenge_id"].iloc[rows].astype(int).to_numpy()
    print("challenges (the feedback posts clustered):")
    print(pd.crosstab(langs[rows], homes(langs[rows], challenges).to_numpy()).to_string())
    mains = pd.Series(langs[rows]).groupby(challenges).agg(lambda s: s.value_counts().idxmax())
    print("challenges by main language:", mains[mains.index >= 0].value_counts().to_dict())
    shares = pd.Series(langs).value_counts(normalize=True)
    print("nearest neighbour in the same language: aligned "
          f"{same_language_neighbours(aligned, langs):.3f}, raw "
          f"{same_language_neighbours(raw, langs):.3f}, chance {float((shares ** 2).sum()):.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", type=Path, nargs="+")
    for folder in parser.parse_args().runs:
        report(folder)


if __name__ == "__main__":
    main()
