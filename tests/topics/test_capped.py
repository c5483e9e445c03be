"""The clusterer's size cap: it splits what density splits and keeps the dense group it cannot."""
from __future__ import annotations

import numpy as np
import pytest
from hdbscan import HDBSCAN
from sklearn.datasets import make_blobs

from mining.topics.capped import LEAF_LIMIT, CappedHDBSCAN


def _groups(sizes, seed=0):
    points, truth = make_blobs(n_samples=sizes, cluster_std=0.4, center_box=(-30, 30),
                               random_state=seed)
    return points, truth


@pytest.mark.parametrize("seed", range(5))
def test_below_the_cap_the_clusters_are_hdbscans_own(seed):
    points, _ = make_blobs(n_samples=[30, 50, 80, 25, 120], cluster_std=[0.5, 1, 1.5, 0.3, 2.5],
                           random_state=seed)
    for cap in (0, 10_000):
        ours = CappedHDBSCAN(min_cluster_size=8, max_cluster_size=cap).fit(points).labels_
        assert (ours == HDBSCAN(min_cluster_size=8, max_cluster_size=cap).fit(points).labels_).all()


def test_a_dense_group_over_the_cap_that_cannot_be_split_is_kept():
    """HDBSCAN made the whole of a 55-post group noise when the cap was 40 (the most asked
    problem of 267 banking queries was in no challenge)."""
    points, truth = _groups([55, 35, 30, 25])
    plain = HDBSCAN(min_cluster_size=10, max_cluster_size=40).fit(points).labels_
    assert (plain[truth == 0] == -1).all()
    ours = CappedHDBSCAN(min_cluster_size=10, max_cluster_size=40).fit(points).labels_
    found = ours[truth == 0]
    assert (found >= 0).all() and len(set(found)) == 1
    assert len(set(ours[ours >= 0])) == 4


def test_a_group_far_over_the_cap_stays_out():
    """A 42-post group of political comments at twice the cap of 21 made a customer chat's top
    challenge (a review)."""
    points, truth = _groups([80, 35, 30, 25])
    ours = CappedHDBSCAN(min_cluster_size=10, max_cluster_size=40).fit(points).labels_
    assert 80 > LEAF_LIMIT * 40 and (ours[truth == 0] == -1).all()
    assert len(set(ours[ours >= 0])) == 3
