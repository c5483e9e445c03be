"""The explorer's map: each post shown placed in two dimensions by its aligned vector.

A 2-component UMAP (cosine, fixed seed) of the posts shown, which keeps a topic's posts together
(on the demo corpus 76% of a post's 10 nearest neighbours on the map share its topic, against 26%
with PCA). It runs only on the posts the page holds, so its cost is bounded by the explorer's limit
(README, The explorer: cost measured at 10k and 100k posts). Too few posts for UMAP's neighbourhood
fall back to PCA.

Example:
    >>> xy = map_coordinates(["p1", "p2", "p3"], np.eye(3))
    >>> list(xy.columns)
    ['post_id', 'x', 'y']
"""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from mining.topics.neighbours import nearest_neighbours

MAP_SEED = 42
NEIGHBORS = 15


def map_coordinates(post_ids, vectors: np.ndarray) -> pd.DataFrame:
    """Two coordinates per post: UMAP of the (aligned, unit) vectors, PCA for tiny sets."""
    ids = [str(i) for i in post_ids]
    if len(ids) == 0:
        return pd.DataFrame({"post_id": ids, "x": [], "y": []})
    if len(ids) <= NEIGHBORS * 2:
        xy = _pca(vectors)
    else:
        from mining.jit import cache_compiled

        cache_compiled()
        from umap import UMAP

        # the topics stage's exact search: faster than UMAP's own (one numba call per pair
        # below 4,096 posts, pynndescent above) and the same on every machine
        knn = nearest_neighbours(vectors, NEIGHBORS)
        with warnings.catch_warnings():  # n_jobs=1 is forced by the seed; UMAP says so
            warnings.simplefilter("ignore", UserWarning)
            xy = UMAP(n_components=2, n_neighbors=NEIGHBORS, metric="cosine", min_dist=0.1,
                      random_state=MAP_SEED, precomputed_knn=knn).fit_transform(vectors)
    return pd.DataFrame({"post_id": ids, "x": xy[:, 0], "y": xy[:, 1]})


def _pca(vectors: np.ndarray) -> np.ndarray:
    centred = vectors - vectors.mean(axis=0)
    if len(vectors) < 2 or not centred.any():
        return np.zeros((len(vectors), 2))
    _, _, axes = np.linalg.svd(centred, full_matrices=False)
    xy = centred @ axes[:2].T
    return np.pad(xy, ((0, 0), (0, 2 - xy.shape[1])))


PLACE_NEIGHBOURS = 10


def place_on_map(vectors: np.ndarray, known_vectors: np.ndarray, known_xy: np.ndarray,
                 chunk: int = 256) -> np.ndarray:
    """Coordinates on a map made before, for posts not on it: the mean of the coordinates of
    their ``PLACE_NEIGHBOURS`` most similar posts on the map, weighted by similarity. (UMAP's
    own ``transform`` needs the fitted UMAP object, which a run does not keep: it would have to
    be pickled.) The work is one similarity per pair, in chunks of ``chunk`` posts (2,048 posts
    against the 20,000 of a full map took 650 MB).

    Example:
        >>> place_on_map(np.array([[0.6, 0.8]]), np.eye(2), np.array([[0.0, 0.0], [10.0, 10.0]]))
        array([[5.71428565, 5.71428565]])
    """
    k = min(PLACE_NEIGHBOURS, len(known_vectors))
    out = np.empty((len(vectors), 2))
    for start in range(0, len(vectors), chunk):
        sims = np.asarray(vectors[start:start + chunk], dtype=np.float32) @ known_vectors.T
        top = np.argpartition(sims, -k, axis=1)[:, -k:]
        weights = np.clip(np.take_along_axis(sims, top, axis=1), 1e-3, None).astype(np.float64)
        out[start:start + chunk] = ((weights[..., None] * known_xy[top]).sum(axis=1)
                                    / weights.sum(axis=1, keepdims=True))
    return out
