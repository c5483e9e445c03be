"""Each post's nearest posts by cosine similarity: exact, and the same on every machine.

UMAP and the merging of linked topics both start from these neighbours, searched once. Left to
themselves, UMAP computes every distance below 4,096 posts (one numba call per pair from Python,
the slowest part of the topics stage) and above that searches approximately with pynndescent,
and merging searched again on float32 vectors, whose BLAS kernels round differently per
processor. UMAP's optimisation is chaotic: a graph weight that differs in its sixth digit gives
another layout, and so other topics. Here the neighbours are chosen and their similarities taken
in float64, rounded to 12 decimals (their rounding differences, near 1e-16, vanish), the search is
exact, and ties go to the lower row, so the same vectors give the same neighbours and distances.

Every similarity is computed, but only in float32 (half the cost of float64), and only to find
candidates: the ``k``-th largest of the maxima of groups of ``GROUP`` columns is below each row's
``k``-th largest similarity, so every column within float32's rounding error of that floor is a
candidate, and the candidates alone are ranked in float64. No float32 rounding can leave a true
neighbour out (``float32_error``), and a full sort of every row (the cost of a search at 100k
posts) is never needed.

Example:
    >>> indices, distances = nearest_neighbours(vectors, 16)   # doctest: +SKIP
    >>> indices[:, 0]                       # each row's nearest is itself  # doctest: +SKIP
"""
from __future__ import annotations

import numpy as np

BLOCK_CELLS = 1 << 24  # similarities held at once (64 MB of float32)
GROUP = 64  # columns per group whose maximum bounds a row's k-th similarity from below
SNAP = 12  # decimals of a similarity: far above float64 rounding, far below float32's
PAIRS = 1 << 12  # candidates whose float64 similarity is taken at once (2 × 12 MB at 384 dims)


def float32_error(dimensions: int) -> float:
    """More than float32 can move the dot product of two unit vectors: rounding each component
    and summing ``dimensions`` products err by at most (d + 2)·u (u = 2⁻²⁴) in any order of
    summation; doubled for a margin."""
    return 2 * (dimensions + 2) * float(np.finfo(np.float32).eps)


def nearest_neighbours(vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The ``k`` nearest rows of each row by cosine distance, the row itself first.

    Args:
        vectors: one row per post (any length; zero rows are left as they are).
        k: neighbours per row, the row itself included (at most the number of rows).

    Returns:
        ``(indices, distances)``, both of shape ``(n, k)``, nearest first; distances are
        ``1 - cosine similarity`` in float64.
    """
    vectors = np.asarray(vectors)
    unit32, norms = _unit32(vectors)
    n = len(vectors)
    k = min(k, n)
    indices = np.empty((n, k), dtype=np.int64)
    distances = np.empty((n, k))
    margin = 2 * float32_error(vectors.shape[1])
    group = max(1, min(GROUP, n // (4 * k)))
    starts = np.arange(0, n, group)
    step = max(1, BLOCK_CELLS // max(n, 1))
    for start in range(0, n, step):
        rows = np.arange(start, min(start + step, n))
        sims = unit32[rows] @ unit32.T
        sims[np.arange(len(rows)), rows] = np.inf  # itself first, whatever the rounding
        maxima = np.maximum.reduceat(sims, starts, axis=1)
        floor = -np.partition(-maxima, k - 1, axis=1)[:, k - 1]
        row, col = np.nonzero(sims >= (floor - margin)[:, None])
        indices[rows], distances[rows] = _rank(vectors, norms, rows[row], col, len(rows), k)
    return indices, distances


def _unit32(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The unit rows in float32, and the rows' float64 norms. Float64 rows are made a few
    thousand at a time, and later only for the candidates: a whole float64 copy would take
    300 MB at 100k posts."""
    unit32 = np.empty(vectors.shape, dtype=np.float32)
    norms = np.empty(len(vectors))
    for start in range(0, len(vectors), 4096):
        part = vectors[start:start + 4096].astype(np.float64)
        norms[start:start + 4096] = np.maximum(np.linalg.norm(part, axis=1), 1e-12)
        unit32[start:start + 4096] = part / norms[start:start + 4096, None]
    return unit32, norms


def _rank(vectors: np.ndarray, norms: np.ndarray, row: np.ndarray, col: np.ndarray, n_rows: int,
          k: int) -> tuple[np.ndarray, np.ndarray]:
    """The ``k`` nearest of each row's candidates (``row``, ascending, against ``col``) by
    float64 similarity, then by column: indices and distances, ``(n_rows, k)``."""
    unit = lambda rows: vectors[rows].astype(np.float64) / norms[rows, None]  # noqa: E731
    sims = np.concatenate([np.einsum("ij,ij->i", unit(row[i:i + PAIRS]), unit(col[i:i + PAIRS]))
                           for i in range(0, len(row), PAIRS)])
    # on the grid of SNAP: sums that differ in their last bits (another kernel, another order)
    # give the same value, so a post and its duplicate are at distance 0, not 0 or 2e-16 (UMAP
    # reads the nearest non-zero distance of each post: one 2e-16 moves the whole layout)
    sims = np.round(sims, SNAP)
    sims[row == col] = np.inf
    order = np.lexsort((col, -sims, row))
    first = np.searchsorted(row, row[0] + np.arange(n_rows))
    take = order[first[:, None] + np.arange(k)]
    return col[take], np.clip(1.0 - sims[take], 0.0, 2.0)
