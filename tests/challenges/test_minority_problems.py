"""A minority language's distinct problems stay distinct challenges (review 14, P14-1).

Review 14's year-long Hebrew WhatsApp group (4,242 messages) has two members who write English
app reports and bank questions. Once the languages were aligned along measured directions, its
English posts were a dense region of their own, and the challenges' merge step joined their
login reports, bank questions and feature requests into one challenge of 116 posts: each
English post's nearest neighbours are English, so those clusters linked above a bar set by the
looser Hebrew clusters. ``minority_problems.npy`` holds the aligned vectors (float16) of 638 of
that run's challenge posts, in the clustering's order: two Hebrew clusters (117 and 102 comments
on the president), six English ones and the English outliers; ``minority_problems.csv`` their
language, what they are (an app review's label, ``bug``, ``feature``, ``rating`` or ``ux``;
``login`` for the planted outage's reports, ``bank`` for Banking77 queries, ``other`` for the
Hebrew comments and 3 English posts no corpus holds as written) and the cluster HDBSCAN gave
them before the merge step.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mining.challenges.clusters import challenge_model
from mining.config import ChallengesConfig
from mining.topics.merge import merge_linked

DATA = Path(__file__).parents[1] / "data" / "challenges"
CAP = 174  # the run's cap: 20% of its 873 challenge posts


@pytest.fixture(scope="module")
def sample() -> tuple[np.ndarray, pd.DataFrame]:
    vectors = np.load(DATA / "minority_problems.npy").astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True), pd.read_csv(DATA / "minority_problems.csv")


def _cluster_of(posts: pd.DataFrame, kind: str) -> int:
    """The cluster (before the merge step) whose posts are most often of ``kind``."""
    clustered = posts[posts["topic"] >= 0]
    return int(clustered["kind"].eq(kind).groupby(clustered["topic"]).mean().idxmax())


def _english_clusters(posts: pd.DataFrame, topics: np.ndarray) -> dict[int, list[int]]:
    """Each English cluster before the merge step -> the clusters its posts are in after it."""
    english = posts.loc[posts["lang"].eq("en") & posts["topic"].ge(0), "topic"].unique()
    return {int(t): sorted(set(topics[(posts["topic"] == t).to_numpy()].tolist())) for t in english}


def test_login_bank_and_feature_clusters_of_the_minority_stay_apart(sample):
    """Six English clusters (app bugs; three of bank queries; the login reports, 14 of the
    outage's and 14 other bug reports; 20 feature requests of 26) stay six challenges. The
    corpus's bar alone (the topics', and the challenges' before) joined the login reports'
    cluster to a bank one."""
    vectors, posts = sample
    topics = posts["topic"].to_numpy()
    own = challenge_model(ChallengesConfig()).topic_model.merge_own_halves
    merged = _english_clusters(posts, merge_linked(topics, vectors, CAP, seed=42, own_halves=own))
    assert len({tuple(found) for found in merged.values()}) == 6, merged
    login = _cluster_of(posts, "login")
    corpus = _english_clusters(posts, merge_linked(topics, vectors, CAP, seed=42))
    assert len({tuple(found) for found in corpus.values()}) == 5
    joined = [t for t, found in corpus.items() if t != login and found == corpus[login]]
    assert posts.loc[posts["topic"].isin(joined), "kind"].eq("bank").mean() > 0.9


def test_a_minority_cluster_cut_in_two_still_comes_back_whole(sample):
    """The pair's bar is no bar to merging: the login cluster cut in two by the parity of its
    rows (two clusters that are one) is one again."""
    vectors, posts = sample
    topics = posts["topic"].to_numpy()
    login = _cluster_of(posts, "login")
    split = topics.copy()
    second = (topics == login) & (np.arange(len(topics)) % 2 == 1)
    split[second] = topics.max() + 1
    merged = merge_linked(split, vectors, CAP, seed=42, own_halves=True)
    assert len(set(merged[topics == login])) == 1
