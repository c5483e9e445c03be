"""Each post's nearest posts by cosine similarity: exact, and the same on every machine.

UMAP and the merging of linked topics both start from these neighbours, searched once. Left to
themselves, UMAP computes every distance below 4,096 posts (one numba call per pair from Python,
the slowest part of the topics stage) and above that searches approximately with pynndescent,
and merging searched again on float32 vectors, whose BLAS kernels round differently per
processor. UMAP's optimisation is chaotic: a graph weight that differs in its sixth digit gives
another layout, and so other topics. Here similarities are taken in float64 (their rounding
differences, near 1e-16, vanish when UMAP reads the distances as float32), the search is exact,
and ties go to the lower row, so the same vectors give the same neighbours and distances.

Example:
    >>> indices, distances = nearest_neighbours(vectors, 16)   # doctest: +SKIP
    >>> indices[:, 0]                       # each row's nearest is itself  # doctest: +SKIP
"""
from __future__ import annotations

import numpy as np

BLOCK_CELLS = 1 << 24  # similarities held at once (128 MB of float64)


def nearest_neighbours(vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The ``k`` nearest rows of each row by cosine distance, the row itself first.

    Args:
        vectors: one row per post (any length; zero rows are left as they are).
        k: neighbours per row, the row itself included (at most the number of rows).

    Returns:
        ``(indices, distances)``, both of shape ``(n, k)``, nearest first; distances are
        ``1 - cosine similarity`` in float64.
    """
    unit = np.asarray(vectors, dtype=np.float64)
    unit = unit / np.maximum(np.linalg.norm(unit, axis=1, keepdims=True), 1e-12)
    n = len(unit)
    k = min(k, n)
    indices = np.empty((n, k), dtype=np.int64)
    distances = np.empty((n, k))
    step = max(1, BLOCK_CELLS // max(n, 1))
    for start in range(0, n, step):
        rows = np.arange(start, min(start + step, n))
        sims = unit[rows] @ unit.T
        sims[np.arange(len(rows)), rows] = np.inf  # itself first, whatever the rounding
        top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        if k < n:  # which of several equal k-th nearest is kept must not depend on the CPU
            kth = -np.partition(-sims, (k - 1, k), axis=1)
            tied = kth[:, k - 1] == kth[:, k]
            top[tied] = np.argsort(-sims[tied], axis=1, kind="stable")[:, :k]
        top_sims = np.take_along_axis(sims, top, axis=1)
        order = np.lexsort((top, -top_sims), axis=-1)  # by similarity, then by row
        indices[rows] = np.take_along_axis(top, order, axis=1)
        distances[rows] = np.clip(1.0 - np.take_along_axis(top_sims, order, axis=1), 0.0, 2.0)
    return indices, distances
