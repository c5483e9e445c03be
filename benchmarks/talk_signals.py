"""Signals that might tell a chat's political or banter challenge from a product problem.

Reads earlier run folders (``mining run … --out RUN``) and prints, per challenge, the signals
measured on the run's own posts that were tried against the general-talk limit
(``mining.topics.cohesion.GENERAL_TALK``), so a reader can see which separate the talk groups
from the product problems (README, "A chat's general talk: what else was measured"):

- ``words``: the pipeline's own score (``Cohesion.words_share``): of the run's posts using the
  group's common words, the share typed complaint, question or request with ``min_confidence``;
- ``soft``: the same with each post counted by the feedback head's probability of complaint,
  question or request instead of its confident type;
- ``shared``: the share of its posts with a word that at least ``MIN_SHARED`` posts of the run's
  other challenges use (does it name the community's product, as its other problems do?);
- ``near``: of each post's ``NEIGHBOURS`` nearest analyzed posts outside the group (aligned
  vectors), the share that are feedback, over the run's share (is the talk around it feedback?);
- ``conf``: the posts' mean typing confidence; ``vector``: their mean feedback probability by
  the head's vector part alone (cue inputs zeroed).

Whether a challenge is talk or a product problem is read from its posts, not judged here.

Usage:
    PYTHONPATH=. .venv/bin/python benchmarks/talk_signals.py RUN [RUN ...]
"""
from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

from mining.challenges.feedback import CLUSTERED_TYPES
from mining.challenges.features import head_inputs
from mining.challenges.heads import shipped_heads, softmax
from mining.lang import texts_read
from mining.topics.cohesion import MIN_SHARED, PRIOR, Cohesion
from mining.topics.describe import token_docs

NEIGHBOURS = 10


def read_run(run: Path) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """The analyzed posts in the vectors' order (by ``text_norm``), raw and aligned vectors."""
    posts = pd.read_parquet(run / "posts.parquet")
    analyzed = posts[posts["analyzed"]].sort_values("text_norm", kind="stable")
    return (analyzed.reset_index(drop=True), np.load(run / "vectors" / "raw.npy"),
            np.load(run / "vectors" / "aligned.npy").astype(float))


def feedback_probability(posts: pd.DataFrame, raw: np.ndarray, vector_only: bool = False
                         ) -> np.ndarray:
    """The shipped feedback head's probability of complaint, question or request per post
    (``vector_only``: with the cue inputs zeroed)."""
    heads = shipped_heads()
    head = heads.heads["feedback"]
    x = head_inputs(head.inputs, texts_read(posts).tolist(), posts["lang"].astype(str).tolist(),
                    raw, heads.offsets)
    if vector_only:
        x[:, raw.shape[1]:] = 0
    proba = softmax(head.decision_function(x))
    return proba[:, [list(head.classes_).index(c) for c in CLUSTERED_TYPES]].sum(axis=1)


def soft_share(words: list[frozenset], group: np.ndarray, prob: np.ndarray,
               cohesion: Cohesion) -> float:
    """``Cohesion.words_share`` with each post counted by its feedback probability."""
    common = cohesion.common_words([words[i] for i in np.flatnonzero(group)])
    if not common:
        return float("nan")
    base, shares = prob.mean(), []
    for word, _ in common:
        use = np.array([word in post for post in words])
        shares.append((prob[use].sum() + PRIOR * base) / (use.sum() + PRIOR))
    weights = np.array([n for _, n in common], dtype=float)
    return float(weights @ np.array(shares) / weights.sum())


def near_feedback(aligned: np.ndarray, group: np.ndarray, eligible: np.ndarray) -> float:
    """Of each post's ``NEIGHBOURS`` nearest posts outside ``group``, the share eligible, over
    the share of eligible posts outside it."""
    if group.all():  # every analyzed post is in it (a run of one problem): nothing around it
        return float("nan")
    unit = aligned / np.linalg.norm(aligned, axis=1, keepdims=True)
    near = np.argsort(-(unit[group] @ unit[~group].T), axis=1)[:, :NEIGHBOURS]
    outside = eligible[~group]
    return float(outside[near].mean() / max(outside.mean(), 1e-9))


def challenge_signals(run: Path) -> pd.DataFrame:
    """One row per challenge of ``run`` with the signals of the module docstring."""
    posts, raw, aligned = read_run(run)
    docs = np.array(token_docs(texts_read(posts).tolist(), posts["lang"].fillna("und").tolist())[0],
                    dtype=object)
    words = [frozenset(d.split()) for d in docs]
    eligible = posts["challenge_id"].notna().to_numpy(dtype=bool)
    cohesion = Cohesion.from_docs(docs[eligible].tolist(), docs[~eligible].tolist())
    prob, vector = feedback_probability(posts, raw), feedback_probability(posts, raw, True)
    challenge = posts["challenge_id"].fillna(-2).to_numpy()
    labels = pd.read_csv(run / "challenges.csv").set_index("challenge_id")["label"]
    rows = []
    for cid in sorted(set(challenge[challenge >= 0])):
        group = challenge == cid
        mine = [words[i] for i in np.flatnonzero(group)]
        others = Counter(w for i in np.flatnonzero((challenge >= 0) & ~group) for w in words[i])
        rows.append({
            "challenge": int(cid), "posts": int(group.sum()), "label": labels.get(cid, "?"),
            "words": cohesion.words_share(cohesion.common_words(mine)),
            "soft": soft_share(words, group, prob, cohesion),
            "shared": float(np.mean([any(others[w] >= MIN_SHARED for w in p) for p in mine])),
            "near": near_feedback(aligned, group, eligible),
            "conf": float(posts.loc[group, "feedback_confidence"].mean()),
            "vector": float(vector[group].mean())})
    return pd.DataFrame(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("runs", nargs="+", type=Path, help="run folders")
    args = parser.parse_args()
    for run in args.runs:
        print(f"== {run.name}")
        table = challenge_signals(run)
        print(table.to_string(index=False, float_format=lambda v: f"{v:.2f}") if len(table)
              else "no challenges")


if __name__ == "__main__":
    main()
