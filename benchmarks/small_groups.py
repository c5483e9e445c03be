"""Small runs' groups left out above the topics' cap: what tells a subject from a loose group.

For each run folder given (``mining run`` output of 40-150 posts), it fits the topics on the
run's own aligned vectors as the topics stage does (``benchmarks/main_subject.py``'s
``fit_both``, with the judge of one subject) and prints, per group left out above 1.5 times
``topics.max_topic_share``:

- its size, and with a truth file (``--truth DIR``: ``NAME.truth.json``, text -> the corpus
  label each post was drawn from) the share of its commonest label: how far it is one subject;
- its commonest words (the topics' counting keys, Cypriot function words already stop words)
  with their share in the group and in the other posts: whether words could name it;
- its cohesion in the embedding: the mean similarity of its posts to its centre, and of the
  other posts to it (a topic's own posts for comparison);
- the topics when the cap is raised to ``k`` times the smallest topic for small runs
  (``--scaled 2,3``): topics, share of posts in one, and each topic's size and commonest label.

Usage:
    PYTHONPATH=. .venv/bin/python benchmarks/small_groups.py RUN_FOLDER ... [--truth DIR] \\
        [--scaled 2,3]
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

import mining.topics.capped as capped
from mining.embed.vectorfile import open_vectors
from mining.lang import read_in_greek, texts_read
from mining.topics.describe import token_docs
from mining.topics.model import TopicModel
from mining.topics.sample import sort_keys

sys.path.insert(0, str(Path(__file__).resolve().parent))
from main_subject import fit_both  # noqa: E402  benchmarks/main_subject.py

LEAVES: list = []  # the points of the leaves left out, in the clusterer's order, per fit
_CAPPED_LABELS, _CAP = capped.capped_labels, TopicModel._cap


def _recording(tree, cap, judge=None):
    labels, kept, leaves = _CAPPED_LABELS(tree, cap, judge)
    LEAVES.append(leaves)
    return labels, kept, leaves


def _scaled_cap(k: float):
    def cap(self, n_docs: int) -> int:
        return max(_CAP(self, n_docs), int(k * self.min_cluster_size_))
    return cap


def _label(rows, truth: dict) -> str:
    """The commonest truth label of the posts ``rows`` (text_norm) and its share."""
    if not truth:
        return ""
    labels = Counter(truth.get(" ".join(t.split()), "?") for t in rows)
    label, n = labels.most_common(1)[0]
    return f" {label} {n / len(rows):.0%}"


def _cohesion(vectors: np.ndarray, rows: np.ndarray) -> str:
    centre = vectors[rows].mean(axis=0)
    centre /= np.linalg.norm(centre)
    others = np.setdiff1d(np.arange(len(vectors)), rows)
    outside = float((vectors[others] @ centre).mean()) if len(others) else float("nan")
    inside = float((vectors[rows] @ centre).mean())
    return f"similarity to its centre {inside:.2f}, others' {outside:.2f}"


def _words(sets: list[set], rows: np.ndarray) -> str:
    others = np.setdiff1d(np.arange(len(sets)), rows)
    counts = Counter(w for i in rows for w in sets[i])
    def elsewhere(word: str) -> float:
        return sum(word in sets[j] for j in others) / max(len(others), 1)
    return ", ".join(f"{w} {n / len(rows):.0%}/{elsewhere(w):.0%}" for w, n in counts.most_common(3))


def left_out(folder: Path, truth: dict) -> None:
    """The groups left out above the cap, and a topic's own figures for comparison."""
    LEAVES.clear()
    analyzed, models = fit_both(folder)
    model, leaves = models["after"], LEAVES[-1]
    vectors = np.asarray(open_vectors(folder / "vectors" / "aligned.npy"))
    order = np.lexsort((np.arange(len(analyzed)), sort_keys(analyzed["text_norm"].tolist())))
    docs, _ = token_docs(texts_read(analyzed).tolist(), analyzed["lang"].tolist(),
                         read=read_in_greek(analyzed),
                         written=analyzed["text_norm"].fillna("").tolist())
    sets = [set(d.split()) for d in docs]
    topics = model.topics_
    print(f"  {topics.max() + 1} topics, {np.mean(topics >= 0):.0%} of {len(topics)} posts in one")
    groups = [("topic 0", np.flatnonzero(topics == 0))] if (topics == 0).any() else []
    for name, rows in groups + [("left out", order[leaf]) for leaf in leaves]:
        print(f"    {name} {len(rows)}{_label(analyzed['text_norm'].iloc[rows], truth)}: "
              f"{_cohesion(vectors, rows)}; words in it/others: {_words(sets, rows)}")


def scaled(folder: Path, truth: dict, k: float) -> None:
    """The topics with the cap raised to ``k`` times the smallest topic."""
    TopicModel._cap = _scaled_cap(k)
    try:
        analyzed, models = fit_both(folder)
    finally:
        TopicModel._cap = _CAP
    topics = models["after"].topics_
    sizes = [f"{(topics == t).sum()}{_label(analyzed['text_norm'][topics == t], truth)}"
             for t in range(topics.max() + 1)]
    print(f"  cap at {k} × the smallest topic: {topics.max() + 1} topics, "
          f"{np.mean(topics >= 0):.0%} in one: {'; '.join(sizes)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--truth", type=Path, help="folder of NAME.truth.json files")
    parser.add_argument("--scaled", default="2,3", help="comma-separated k (cap = k × smallest)")
    args = parser.parse_args()
    capped.capped_labels = _recording
    for folder in args.folders:
        path = args.truth / f"{folder.name}.truth.json" if args.truth else None
        truth = json.loads(path.read_text()) if path and path.exists() else {}
        print(f"== {folder.name}", flush=True)
        left_out(folder, truth)
        for k in filter(None, args.scaled.split(",")):
            scaled(folder, truth, float(k))


if __name__ == "__main__":
    main()
