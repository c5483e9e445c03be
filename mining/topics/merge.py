"""Merging topics that the posts' nearest neighbours say are one.

HDBSCAN splits a broad subject into parts whenever the parts are denser than the space between
them: SIB-200's seven news categories come out as 18 topics. Whether two topics are parts of one
is not a question of distance alone. Measured on the aligned embeddings, Banking77's distinct
intents (``top_up_limits`` and ``automatic_top_up``) have closer centroids (cosine 0.74) than
SIB-200's sibling topics within one category (0.34-0.57), and they share more top keywords too
(2-4 of 10 against 0-1: sibling news topics use different words, in three languages). No
threshold on centroids or keywords tells them apart; the neighbourhood graph does.

The test: for each post, its 15 nearest posts. A topic links to another by the share of its posts'
neighbours that fall in the other (the larger of the two directions). To learn how closely the
parts of one topic are linked in this corpus, every topic is split in two by 2-means and the same
share is measured between its halves. Two topics are one when they are linked at least as closely
as the halves of the loosest quarter of the topics HDBSCAN kept whole (the lower quartile is the
bar: the median sits among SIB-200's strongest links, so that its count flipped between 14 and 17
with the 2-means seed; at the lower quartile or the lowest decile it is 11 for every seed tried).
Pairs merge strongest link first, until no pair reaches the bar. A merged topic may not exceed
the largest share of posts a topic may hold, so that a broad topic cannot absorb its neighbours
one by one.

That bar is the corpus's, and a corpus is not equally dense everywhere. Where a language is a
minority whose posts talk about other things than the majority's (English app reports in a
Hebrew parents' group), its aligned posts are a dense region of their own: each post's
neighbours are the few posts of its language, so its distinct problems link to each other more
than the majority's loose topics link their own halves (review 14, P14-1: the login reports,
feature requests and bank questions, linked at 0.17-0.19, above a bar of 0.17 set by Hebrew
political topics whose halves link at 0.15-0.21, while each English topic's own halves link at
0.16-0.24). With ``own_halves`` (the challenges'), two topics merge only when they are also
linked at least as closely as the halves of each of them: no more apart than either one is
within itself, in its own region (a merged topic keeps the higher of its parts' bars).

Example:
    >>> topics = merge_linked(topics, embeddings, max_size=480)  # doctest: +SKIP
"""
from __future__ import annotations

import numpy as np
from sklearn.cluster import KMeans
from threadpoolctl import threadpool_limits

from mining.topics.neighbours import nearest_neighbours

NEIGHBOURS = 15
BAR_QUANTILE = 0.25  # the loosest quarter of the topics HDBSCAN kept whole


def merge_linked(topics: np.ndarray, embeddings: np.ndarray, max_size: int, seed: int = 0,
                 neighbours: np.ndarray | None = None, own_halves: bool = False) -> np.ndarray:
    """Topic ids after merging linked topics (ids of merged topics are the larger's; -1 stays).

    ``neighbours`` are the posts' nearest posts, each itself first (``nearest_neighbours`` with
    at least ``NEIGHBOURS + 1`` columns); they are searched here when not given. With
    ``own_halves``, a pair's bar is also the link between the halves of each of its topics.
    """
    ids = np.unique(topics[topics >= 0])
    if len(ids) < 2 or len(topics) <= NEIGHBOURS:
        return topics
    if neighbours is None:
        neighbours, _ = nearest_neighbours(embeddings, NEIGHBOURS + 1)
    neighbours = neighbours[:, 1:NEIGHBOURS + 1]
    # One thread: the same 2-means on every machine, and no idle OpenMP threads spinning against
    # each other (each topic's 2-means takes milliseconds; on a busy 2-core machine the spinning
    # made it 40 times slower).
    with threadpool_limits(limits=1):
        halves = np.array([_halves_link(np.flatnonzero(topics == t), embeddings, neighbours,
                                        seed) for t in ids])
    bar = float(np.quantile(halves, BAR_QUANTILE))
    bars = np.maximum(halves, bar) if own_halves else np.full(len(ids), bar)  # per topic
    ids, sizes, counts = _link_counts(topics, neighbours)
    keeper = {int(t): int(t) for t in ids}
    while True:
        share = counts / (neighbours.shape[1] * sizes[:, None])
        link = np.maximum(share, share.T)
        allowed = ((link >= np.maximum(bars[:, None], bars[None, :]))
                   & (sizes[:, None] + sizes[None, :] <= max_size))
        np.fill_diagonal(allowed, False)
        if not allowed.any():
            break
        i, j = np.unravel_index(np.where(allowed, link, -1.0).argmax(), link.shape)
        keep, fold = (i, j) if (sizes[i], -ids[i]) >= (sizes[j], -ids[j]) else (j, i)
        keeper = {t: int(ids[keep]) if k == ids[fold] else k for t, k in keeper.items()}
        # the merged topic's neighbour counts are the sums of its parts'
        counts[keep] += counts[fold]
        counts[:, keep] += counts[:, fold]
        sizes[keep] += sizes[fold]
        bars[keep] = max(bars[keep], bars[fold])
        ids, sizes, bars = np.delete(ids, fold), np.delete(sizes, fold), np.delete(bars, fold)
        counts = np.delete(np.delete(counts, fold, axis=0), fold, axis=1)
    lookup = np.arange(topics.max() + 1)
    lookup[list(keeper)] = list(keeper.values())
    return np.where(topics >= 0, lookup[np.maximum(topics, 0)], topics)


def _link_counts(topics: np.ndarray, neighbours: np.ndarray
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The topic ids, their sizes, and how many neighbours of each topic's posts fall in each
    topic (float: the shares are taken from them)."""
    ids = np.unique(topics[topics >= 0])
    index = np.full(topics.max() + 1, -1)
    index[ids] = np.arange(len(ids))
    src = np.repeat(topics, neighbours.shape[1])
    dst = topics[neighbours.ravel()]
    inside = (src >= 0) & (dst >= 0)
    pairs = index[src[inside]] * len(ids) + index[dst[inside]]
    counts = np.bincount(pairs, minlength=len(ids) ** 2).reshape(len(ids), len(ids)).astype(float)
    sizes = np.bincount(index[topics[topics >= 0]], minlength=len(ids))
    return ids, sizes, counts


def _halves_link(members: np.ndarray, embeddings: np.ndarray, neighbours: np.ndarray,
                 seed: int) -> float:
    """The link between the two halves of one topic, measured like the link between topics."""
    # float64, so that 2-means splits a topic the same way whatever the BLAS kernels and threads
    unit = np.asarray(embeddings[members], dtype=np.float64)
    unit = unit / np.maximum(np.linalg.norm(unit, axis=1, keepdims=True), 1e-12)
    if (unit == unit[0]).all():
        return 1.0
    half = KMeans(n_clusters=2, n_init=4, random_state=seed).fit_predict(unit)
    side = np.full(len(embeddings), -1)
    side[members] = half
    across = side[neighbours[members]]
    crossing = (across >= 0) & (across != half[:, None])
    return max(crossing[half == h].sum() / (neighbours.shape[1] * (half == h).sum()) for h in (0, 1))
