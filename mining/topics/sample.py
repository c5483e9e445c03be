"""The posts a topic or challenge model is fitted on when the corpus is larger than its sample.

Fitting UMAP, HDBSCAN and the merge step costs more than linear time and memory in the posts;
assigning a post to the nearest fitted centroid costs one dot product per topic. So a large
corpus is fitted on a sample (``topics.fit_sample``, ``challenges.fit_sample``) and every other
post is assigned (``TopicModel.transform``). The sample is stratified by language and calendar
month (UTC), so a small language or a quiet month keeps its share of the fitted posts, and within
each stratum it takes the posts whose seeded hash of their key (the normalized text) is smallest:
the same posts in any order give the same sample, and posts added later (a new week) change an
older stratum's draw only through its quota, never which of its posts come first.

Example:
    >>> langs = np.array(["he", "he", "el", "en", "en", "en"], dtype=object)
    >>> int(sample_rows(langs, None, ["א ב", "ג ד", "α β", "a b", "c d", "e f"], 3, seed=42).sum())
    3
"""
from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd


def sample_rows(langs, times, keys, n: int, seed: int) -> np.ndarray:
    """A boolean mask of at most ``n`` rows, stratified by language and month (``times`` may be
    None: by language alone); every row when ``n`` is 0 or the rows are no more than ``n``.

    Each stratum gets its share of ``n`` (largest remainders, ties by stratum), filled with its
    rows of smallest ``blake2b(seed, key)``.
    """
    keys = [str(k) for k in keys]
    total = len(keys)
    if n == 0 or total <= n:
        return np.ones(total, dtype=bool)
    strata = _strata(np.asarray(langs, dtype=object), times, total)
    names, inverse, sizes = np.unique(strata, return_inverse=True, return_counts=True)
    quotas = _quotas(sizes, n)
    priority = np.array([_hash(seed, k) for k in keys], dtype=np.uint64)
    # rank rows by (stratum, priority, key): the key breaks a (vanishingly rare) hash tie
    order = np.lexsort((sort_keys(keys), priority, inverse))
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    rank_in_stratum = np.arange(total) - starts[inverse[order]]
    chosen = np.zeros(total, dtype=bool)
    chosen[order[rank_in_stratum < quotas[inverse[order]]]] = True
    return chosen


def sort_keys(keys) -> np.ndarray:
    """Dense ranks of ``keys`` in string order (equal keys, equal ranks): sorting by them sorts
    by the keys, without the numpy array of strings that ``np.asarray(keys, dtype=str)`` makes,
    each row as wide as the longest key (366 MB for the texts of 100k posts).

    Example:
        >>> sort_keys(["ב", "a", "ב", "α"]).tolist()
        [2, 0, 2, 1]
    """
    keys = [str(k) for k in keys]
    ranks = np.empty(len(keys), dtype=np.int64)
    rank, previous = -1, None
    for i in sorted(range(len(keys)), key=keys.__getitem__):
        if rank < 0 or keys[i] != previous:
            rank, previous = rank + 1, keys[i]
        ranks[i] = rank
    return ranks


def _strata(langs: np.ndarray, times, total: int) -> np.ndarray:
    """``lang|YYYY-MM`` per row (``lang|`` without a time)."""
    if times is None:
        return np.array([f"{lang}|" for lang in langs], dtype=object)
    stamps = pd.to_datetime(pd.Series(times).reset_index(drop=True), utc=True)
    months = (stamps.dt.year * 100 + stamps.dt.month).astype("Int64").astype(str).replace("<NA>", "")
    return np.array([f"{lang}|{m}" for lang, m in zip(langs, months)], dtype=object)


def _quotas(sizes: np.ndarray, n: int) -> np.ndarray:
    """Proportional shares of ``n`` summing to ``n`` (Hamilton's largest remainders)."""
    exact = sizes * n / sizes.sum()
    quotas = np.floor(exact).astype(int)
    left = n - quotas.sum()
    by_remainder = np.argsort(-(exact - quotas), kind="stable")  # ties: the first stratum
    quotas[by_remainder[:left]] += 1
    return np.minimum(quotas, sizes)


def _hash(seed: int, key: str) -> int:
    digest = hashlib.blake2b(f"{seed}\0{key}".encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big")
