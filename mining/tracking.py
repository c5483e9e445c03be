"""Stable ids across runs: match this run's clusters to the previous run's by their centroids.

A weekly report says "topic 7 grew 40%" only if topic 7 is the same topic as last week. Clusters
are matched one to one (Hungarian assignment on centroid cosine similarity); a match below the
threshold is no match. Matched clusters keep the previous id and unmatched ones get new ids after
the largest previous id. A previous cluster left without a match was absorbed by the cluster
closest to it when that one is close enough (a merge), else it vanished.

Example:
    >>> ids, changes = match_ids(prev_ids, prev_centroids, centroids, threshold=0.8)  # doctest: +SKIP
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linear_sum_assignment


@dataclass
class Changes:
    """How this run's clusters relate to the previous run's."""

    continuing: list[int] = field(default_factory=list)
    new: list[int] = field(default_factory=list)
    merged: dict[int, list[int]] = field(default_factory=dict)  # id -> previous ids merged into it
    vanished: list[int] = field(default_factory=list)

    def status(self, cluster_id: int) -> str:
        status = "new" if cluster_id in self.new else "continuing"
        if cluster_id in self.merged:
            status += ", absorbed " + ", ".join(map(str, self.merged[cluster_id]))
        return status


def match_ids(prev_ids: np.ndarray, prev_centroids: np.ndarray, centroids: np.ndarray,
              threshold: float, next_id: int | None = None) -> tuple[np.ndarray, Changes]:
    """Ids for this run's clusters (rows of ``centroids``, unit vectors), and what changed.

    Args:
        prev_ids, prev_centroids: the previous run's cluster ids and centroids (may be empty).
        threshold: least cosine similarity for two clusters to be the same.
        next_id: the first id for new clusters (default: one more than the largest previous id).
    """
    changes = Changes()
    n = len(centroids)
    ids = np.full(n, -1, dtype=int)
    next_id = int(max(prev_ids, default=-1)) + 1 if next_id is None else next_id
    sims = centroids @ prev_centroids.T if len(prev_ids) and n else np.zeros((n, 0))
    matched_prev = set()
    for row, col in zip(*linear_sum_assignment(-sims)):
        if sims[row, col] >= threshold:
            ids[row] = prev_ids[col]
            matched_prev.add(int(prev_ids[col]))
    changes.continuing = sorted(matched_prev)
    for row in np.flatnonzero(ids < 0):
        ids[row], next_id = next_id, next_id + 1
        changes.new.append(int(ids[row]))
    # A previous cluster without a match of its own went into the cluster it is closest to, if
    # that one is close enough; otherwise it vanished.
    for col, prev_id in enumerate(prev_ids):
        if int(prev_id) in matched_prev:
            continue
        best = int(np.argmax(sims[:, col])) if n else -1
        if best >= 0 and sims[best, col] >= threshold:
            changes.merged.setdefault(int(ids[best]), []).append(int(prev_id))
        else:
            changes.vanished.append(int(prev_id))
    return ids, changes
