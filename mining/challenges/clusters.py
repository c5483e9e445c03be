"""Challenges: clusters of complaint, question and request posts, pooled across languages.

The clusterer is the project's topic model (``mining.topics.model.TopicModel``: BERTopic with a
seeded UMAP and HDBSCAN, outliers assigned up to a cap, keywords per language) fitted on the
feedback posts only, on language-aligned vectors; its labels, keywords and quotes per language
come from ``mining.topics.describe.describe_topics``. The same estimator groups recurring
questions for the content feed.

Example:
    >>> model = ChallengeModel(min_size=8).fit(feedback_posts, aligned_vectors)   # doctest: +SKIP
    >>> model.labels_[:5], model.table_[["topic_id", "label"]]                    # doctest: +SKIP
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from mining.topics.describe import describe_topics, token_docs
from mining.topics.model import TopicModel, minimum_posts


class ChallengeModel:
    """Cluster posts into challenges (or question groups); scikit-learn style.

    Args:
        min_size: smallest cluster kept (HDBSCAN ``min_cluster_size``); None: ``max(10, √n / 2)``
            for n posts, as for topics.
        n_clusters: reduce to this many clusters (None: as found).
        max_share: largest share of the posts one HDBSCAN cluster may hold.
        max_outlier_share: share of posts that may stay outside every cluster (label -1).
        seed: UMAP random seed.
        keywords, quotes: keywords and representative posts kept per cluster and language.
        ignore: words left out of keywords (the brand's own name, ``brand.terms``).
    """

    def __init__(self, min_size: int | None = None, n_clusters: int | None = None,
                 max_share: float = 0.2, max_outlier_share: float = 0.2, seed: int = 42,
                 keywords: int = 8, quotes: int = 2, ignore: tuple[str, ...] = ()) -> None:
        self.min_size = min_size
        self.n_clusters = n_clusters
        self.max_share = max_share
        self.max_outlier_share = max_outlier_share
        self.seed = seed
        self.keywords = keywords
        self.quotes = quotes
        self.ignore = ignore

    def fit(self, posts: pd.DataFrame, vectors: np.ndarray) -> ChallengeModel:
        """Cluster ``posts`` (``text_norm``, ``lang``) on their aligned ``vectors``.

        Sets ``labels_`` (cluster per post, -1 outside) and ``table_`` (one row per cluster:
        ``topic_id``, ``size``, ``label``, and ``n_``/``label_``/``keywords_``/``quotes_`` per
        language). With fewer than ``minimum_posts(min_size)`` posts nothing is clustered and
        ``fitted_`` is False.
        """
        posts = posts.reset_index(drop=True)
        self.fitted_ = len(posts) >= minimum_posts(self.min_size)
        if not self.fitted_:
            self.labels_ = np.full(len(posts), -1)
            self.table_ = _empty_table()
            return self
        docs, surfaces = token_docs(posts["text_norm"].fillna("").tolist(),
                                    posts["lang"].fillna("und").tolist(), ignore=self.ignore)
        model = TopicModel(n_topics=self.n_clusters, min_topic_size=self.min_size,
                           max_topic_share=self.max_share, max_outlier_share=self.max_outlier_share,
                           umap_neighbors=min(15, len(posts) - 1), seed=self.seed,
                           top_keywords=self.keywords)
        model.fit(docs, vectors, posts["lang"].to_numpy(), keys=posts["text_norm"].tolist())
        self.model_ = model
        self.labels_ = np.asarray(model.topics_)
        self.table_ = describe_topics(posts, vectors, model, surfaces, docs, self.quotes)
        return self


def _empty_table() -> pd.DataFrame:
    langs = ("he", "el", "en")
    columns = ["topic_id", "size", "share", "label"] + [
        f"{field}_{lang}" for field in ("n", "label", "keywords", "quotes", "quote_ids")
        for lang in langs]
    return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
