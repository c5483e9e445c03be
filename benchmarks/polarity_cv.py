"""Cross-validation of the polarity head inside hebrew-sentiment train.tsv.

What ``POLARITY_C``, ``SEED_SHARE`` and the polarity head's inputs in ``build_challenge_heads.py``
are chosen on: the positive and negative comments of ``train.tsv`` are cut into 5 folds stratified
by label (seeds 0 and 1, or ``--runs``); the head is fitted as ``fit_polarity`` fits it (the English seed
complaints and praise, weighted ``SEED_SHARE`` of the Hebrew total, plus the other four folds) and
scores the held-out fold as ``SentimentScorer.polarity`` does (cue lexicons added to the logits
with ``sentiment_cue_weight`` when the head does not read them). ``dev.tsv`` is never read here;
``benchmarks/challenges.py`` reports on it.

Printed per setting: negative-vs-positive accuracy and macro-F1, mean over the seeds.

Usage:
    .venv/bin/python benchmarks/polarity_cv.py [--cache DIR] [--C 1,3,10] [--share 0.25,0.5,1]
        [--inputs "vector;vector,cues"] [--balanced no,yes] [--runs 2]
"""
from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedKFold
from threadpoolctl import threadpool_limits

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_challenge_heads as builder  # noqa: E402
from challenge_corpora import CACHE, SHARED, embed, load_hebrew_sentiment  # noqa: E402

from mining.challenges.cues import score_cues  # noqa: E402
from mining.challenges.features import head_inputs  # noqa: E402
from mining.challenges.heads import LinearHead, softmax  # noqa: E402
from mining.challenges.sentiment import _cue_polarity  # noqa: E402
from mining.config import ChallengesConfig  # noqa: E402

CUE_WEIGHT = ChallengesConfig().sentiment_cue_weight


def polarity_scores(head: LinearHead, texts, vectors, offsets, cues) -> np.ndarray:
    """``p_positive - p_negative`` as ``SentimentScorer.polarity`` computes it."""
    langs = ["he"] * len(texts)
    logits = head.decision_function(head_inputs(head.inputs, texts, langs, vectors, offsets, cues))
    classes = list(head.classes_)
    if CUE_WEIGHT and "cues" not in head.inputs:
        positive, negative = _cue_polarity(cues)
        logits[:, classes.index("positive")] += CUE_WEIGHT * positive
        logits[:, classes.index("negative")] += CUE_WEIGHT * negative
    p = softmax(logits)
    return p[:, classes.index("positive")] - p[:, classes.index("negative")]


def cross_validate(hebrew: pd.DataFrame, hebrew_v: np.ndarray, seeds: pd.DataFrame, seed_v: np.ndarray,
                   offsets, C: float, share: float, inputs: tuple[str, ...], balanced: bool,
                   runs=(0, 1)) -> tuple[float, float]:
    texts = hebrew["text"].tolist()
    gold = hebrew["gold"].to_numpy()
    cues = score_cues(texts, ["he"] * len(texts))
    x_he = head_inputs(inputs, texts, ["he"] * len(texts), hebrew_v, offsets, cues)
    polar = seeds["type"].isin(["complaint", "praise"]).to_numpy()
    seed_texts = seeds["text"][polar].tolist()
    x_seed = head_inputs(inputs, seed_texts, ["en"] * len(seed_texts), seed_v[polar], offsets)
    y_seed = seeds["type"][polar].map(builder.SENTIMENT_OF).to_numpy()
    found = []
    for run in runs:
        pred = np.empty(len(gold), object)
        for train, test in StratifiedKFold(5, shuffle=True, random_state=run).split(x_he, gold):
            weight = np.concatenate([np.ones(len(train)), np.full(polar.sum(), share * len(train) / polar.sum())])
            head = LinearHead(C=C, balanced=balanced, inputs=inputs).fit(
                np.vstack([x_he[train], x_seed]), np.concatenate([gold[train], y_seed]), weight)
            held_cues = {k: v[test] for k, v in cues.items()}
            score = polarity_scores(head, [texts[i] for i in test], hebrew_v[test], offsets, held_cues)
            pred[test] = np.where(score >= 0, "positive", "negative")
        found.append((accuracy_score(gold, pred), f1_score(gold, pred, average="macro")))
    return tuple(np.mean(found, axis=0))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--cache", type=Path, default=CACHE)
    parser.add_argument("--C", default="1,3,10")
    parser.add_argument("--share", default="0.25,0.5,1")
    parser.add_argument("--inputs", default="vector;vector,cues")
    parser.add_argument("--balanced", default="no")
    parser.add_argument("--runs", type=int, default=2, help="StratifiedKFold seeds 0 .. runs-1")
    args = parser.parse_args()
    offsets = builder.fit_offsets(args.cache)
    hebrew = load_hebrew_sentiment(args.shared)
    hebrew = hebrew[(hebrew["part"] == "train") & hebrew["gold"].isin(["positive", "negative"])]
    hebrew = hebrew.reset_index(drop=True)
    hebrew_v = embed(hebrew["text"].tolist(), args.cache)
    seeds = pd.read_csv(builder.DATA / "seed_en.tsv", sep="\t", dtype=str)
    seed_v = embed(seeds["text"].tolist(), args.cache)
    print(f"hebrew-sentiment train: {len(hebrew)} positive/negative comments; 5 folds x {args.runs} seeds; "
          f"majority {float((hebrew['gold'] == 'positive').mean()):.4f}")
    print("| C | SEED_SHARE | inputs | balanced | accuracy | macro-F1 |")
    print("|---|---|---|---|---|---|")
    grid = itertools.product([float(c) for c in args.C.split(",")], [float(s) for s in args.share.split(",")],
                             [tuple(i.split(",")) for i in args.inputs.split(";")],
                             [b == "yes" for b in args.balanced.split(",")])
    for C, share, inputs, balanced in grid:
        with threadpool_limits(limits=1):  # as the builder fits
            accuracy, macro = cross_validate(hebrew, hebrew_v, seeds, seed_v, offsets, C, share, inputs, balanced,
                                             runs=range(args.runs))
        print(f"| {C:g} | {share:g} | {'+'.join(inputs)} | {'yes' if balanced else 'no'} | {accuracy:.4f} | "
              f"{macro:.4f} |", flush=True)


if __name__ == "__main__":
    main()
