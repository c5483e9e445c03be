"""The topic model: BERTopic on aligned multilingual embeddings, as a small estimator.

BERTopic does the clustering (UMAP with a fixed seed, then HDBSCAN, or k-means when a number of
topics is asked for) and the class-based TF-IDF; this wrapper adds what multilingual community
text needs: input order that cannot change the result, a vectorizer fed with per-language
tokens, outliers assigned where the evidence is strong up to a cap, topics merged where their posts'
neighbours say they are one, and keywords per language.

Example:
    >>> model = topic_model(TopicsConfig(n_topics=7))
    >>> model = model.fit(token_docs, aligned, langs, keys=texts)                   # doctest: +SKIP
    >>> model.topics_[:5], model.keywords_[0]["he"]                                  # doctest: +SKIP
"""
from __future__ import annotations

import logging
import math
import re
import warnings

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.base import BaseEstimator, clone
from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.utils.validation import check_is_fitted

from mining.embed.vectorfile import release
from mining.lang import LANGS
from mining.config import TopicsConfig
from mining.topics.cohesion import Subject
from mining.topics.merge import NEIGHBOURS, merge_linked
from mining.topics.neighbours import nearest_neighbours
from mining.topics.sample import sample_rows, sort_keys
from mining.topics.terms import LanguageTerms, class_tfidf, language_terms

# UMAP's curve for min_dist=0 (umap.umap_.find_ab_params(1.0, 0.0) = 1.932808, 0.790495), fixed
# here: UMAP would fit it by least squares on every run, and the fit ends in other last digits
# (1e-9 apart) with numpy's AVX-512 and AVX2 kernels, which moves every point of the layout.
UMAP_A, UMAP_B = 1.9328, 0.7905


def minimum_posts(min_size: int | None) -> int:
    """Fewest posts a clustering is attempted on (topics, challenges, question groups)."""
    return max(2 * (min_size or 10), 20)


def smallest_cluster(n_docs: int, min_size: int | None) -> int:
    """The smallest cluster among ``n_docs`` posts: ``min_size``, else max(10, √n / 2)."""
    return min_size or max(10, round(math.sqrt(n_docs) / 2))


# Letters of the other languages' scripts: a Greek post's Hebrew word (a bold "דחוף!!" under it)
# is no Greek keyword, nor a Hebrew word of a mostly English post an English one. Latin words
# stay in every language: brands and loanwords ("update", "vodafone") are written in them.
_HEBREW, _GREEK = "\u0590-\u05ff", "\u0370-\u03ff\u1f00-\u1fff"
FOREIGN_LETTERS = {"he": re.compile(f"[{_GREEK}]"), "el": re.compile(f"[{_HEBREW}]"),
                   "en": re.compile(f"[{_HEBREW}{_GREEK}]")}


# A sampled fit's HDBSCAN keeps clusters of ``min_cluster_size`` up to ``max_topic_share`` of the
# sample. The sample is at least this many times the smallest cluster over that share, so that the
# largest cluster allowed is ten times the smallest: on 4,803 real posts (default settings) a
# sample of 100 found no topic (the largest allowed, 20 posts, twice the smallest), 200 found 4,
# 250 5, 500 7, 1,000 12, and every post 13 (README, Fitting on a sample).
SAMPLE_FLOOR_RATIO = 10
# Posts shown of a group left out above the cap: what it talks about, where it is no topic.
LEFT_OUT_EXAMPLES = 3
ASSIGN_ROWS = 8192  # posts per similarity product when assigning: memory bounded at any size


def umap_reducer(n_neighbors: int, n_components: int, seed: int):
    """UMAP as the topic model runs it: cosine, min_dist 0 with its curve fixed, one thread."""
    from mining.jit import cache_compiled

    cache_compiled()  # before umap is imported: numba's compiled code from disk
    from umap import UMAP

    return UMAP(n_neighbors=n_neighbors, n_components=n_components, min_dist=0.0, a=UMAP_A, b=UMAP_B,
                metric="cosine", random_state=seed, n_jobs=1)  # a seed means one thread anyway


def clusterer(n_clusters: int | None, seed: int):
    """HDBSCAN when the number of clusters is found (``TopicModel`` sizes it to the corpus), else
    k-means on the reduced space: it beats merging HDBSCAN's clusters down (Banking77, k=77: ARI
    0.52 against 0.32) and leaves no outliers."""
    if n_clusters is not None:
        return KMeans(n_clusters=n_clusters, n_init=10, random_state=seed)
    from mining.topics.capped import CappedHDBSCAN

    return CappedHDBSCAN(metric="euclidean", cluster_selection_method="eom", prediction_data=True)


def token_vectorizer() -> CountVectorizer:
    """Tokens arrive already analyzed per language (``token_docs``); the English default would
    erase Hebrew and Greek letters, so the vectorizer only splits on spaces. ``TopicModel`` with
    no vectorizer counts as this one does."""
    return CountVectorizer(token_pattern=r"\S+", lowercase=False)


def topic_model(config: TopicsConfig) -> TopicModel:
    """The topic model a ``[topics]`` section describes, its sub-models built whole.

    Example:
        >>> model = topic_model(TopicsConfig(n_topics=7))
        >>> type(model.clusterer).__name__
        'KMeans'
    """
    return TopicModel(reducer=umap_reducer(config.umap_neighbors, config.umap_components, config.seed),
                      clusterer=clusterer(config.n_topics, config.seed), vectorizer=None,
                      min_topic_size=config.min_topic_size, max_topic_share=config.max_topic_share,
                      max_outlier_share=config.max_outlier_share,
                      merge=config.merge and config.n_topics is None, seed=config.seed,
                      top_keywords=config.top_keywords, fit_sample=config.fit_sample,
                      cohesion=Subject())


class TopicModel(BaseEstimator):
    """Fit topics on posts given as space-joined counting tokens plus their aligned embeddings.

    A scikit-learn estimator: ``__init__`` stores, ``fit`` learns, ``transform`` assigns new
    posts, ``clone`` and ``get_params``/``set_params`` work. ``topic_model(config.topics)`` builds
    one from the config; every parameter is given, the config holding the defaults.

    Args:
        reducer: reduces the embeddings before clustering (``umap_reducer``). A reducer taking
            ``precomputed_knn`` (UMAP) is given the exact float64 neighbours of
            ``nearest_neighbours`` at fit instead of searching them on float32 vectors.
        clusterer: clusters the reduced vectors (``clusterer``: HDBSCAN, or k-means for a fixed
            number). One with ``min_cluster_size`` and ``max_cluster_size`` (HDBSCAN) is sized to
            the corpus at fit, from ``min_topic_size`` and ``max_topic_share``.
        vectorizer: counts the tokens for the keywords (its words and two- and three-word
            phrases) and for BERTopic's own topic representation, e.g. ``token_vectorizer()``.
            None (``topic_model``'s) counts the space-separated counting keys as
            ``token_vectorizer`` does, the keywords' terms directly per language
            (``mining.topics.terms``: the same keywords, at a fraction of the time and memory).
        min_topic_size: smallest topic; None scales it with the corpus, ``max(10, sqrt(n) / 2)``
            (about 19 for 1,500 posts, 50 for 10,000). Fewer than ``minimum_posts`` of it are not
            clustered: every post is an outlier and ``clustered_`` is False.
        max_topic_share: no HDBSCAN cluster holds more than this share of the posts. Its
            excess-of-mass selection sometimes keeps the root of a dense corpus (one "topic" of
            96% of the demo corpus); forbidding that makes it choose among the children.
        max_outlier_share: at most this share of posts stays at -1 after outlier assignment.
        merge: merge topics whose posts' nearest neighbours say they are one (``merge_linked``).
        merge_own_halves: with ``merge``, two topics merge only when linked at least as closely
            as each one's own halves too (``merge_linked(own_halves=True)``): the challenges',
            where a minority language's dense posts link its distinct problems above the
            corpus's bar.
        seed: random seed of the merge step.
        top_keywords: keywords kept per topic and language.
        fit_sample: fit on at most this many posts (``sample_rows``: by language and month,
            seeded by ``seed``) and assign the others to their nearest topic, no topic growing
            past ``max_topic_share`` of every post; 0 fits on every post. Raised to
            ``sample_floor`` when smaller.
        cohesion: judges whether a cluster above ``max_topic_share`` is one subject, kept whole
            (``mining.topics.cohesion.Subject``, ``topic_model``'s; ``Cohesion``, one problem,
            the challenges' model sets at fit); None keeps none. ``kept_whole_`` lists the sizes
            of those kept, ``left_out_`` of the clusters above it left out (``left_out_examples_``
            the rows of each one's central posts still in no topic), ``split_`` of those
            clustered again into parts (``CappedHDBSCAN``).
        cap_floor: the cap is never below this many smallest topics (1: the smallest topic
            alone); the challenges' is larger (``mining.challenges.clusters.CAP_FLOOR``).
    """

    def __init__(self, *, reducer, clusterer, vectorizer, min_topic_size: int | None,
                 max_topic_share: float, max_outlier_share: float, merge: bool, seed: int,
                 top_keywords: int, fit_sample: int, cohesion=None,
                 merge_own_halves: bool = False, cap_floor: float = 1.0) -> None:
        self.reducer = reducer
        self.clusterer = clusterer
        self.vectorizer = vectorizer
        self.min_topic_size = min_topic_size
        self.max_topic_share = max_topic_share
        self.max_outlier_share = max_outlier_share
        self.merge = merge
        self.merge_own_halves = merge_own_halves
        self.seed = seed
        self.top_keywords = top_keywords
        self.fit_sample = fit_sample
        self.cohesion = cohesion
        self.cap_floor = cap_floor

    def min_cluster_size(self, n_docs: int, n_fitted: int | None = None) -> int:
        """The smallest topic among ``n_docs`` posts, as HDBSCAN sees it on the ``n_fitted`` of
        them it is fitted on: scaled by the sample's share (not below 10, or the size itself when
        smaller), so a sample finds topics as fine as a fit on every post would."""
        size = smallest_cluster(n_docs, self.min_topic_size)
        if n_fitted is None or n_fitted >= n_docs:
            return size
        return max(min(size, 10), round(size * n_fitted / n_docs))

    def sample_floor(self) -> int:
        """The fewest posts a sampled fit is drawn from: ``SAMPLE_FLOOR_RATIO`` smallest clusters
        of a sample (``min_cluster_size``: ``min_topic_size``, at most 10) over
        ``max_topic_share``, so that HDBSCAN may keep clusters from the smallest to ten times it;
        with a fixed number of clusters (k-means), room for that many of the smallest. Never
        fewer than ``minimum_posts``.

        Example:
            >>> topic_model(TopicsConfig()).sample_floor()  # 10 * 10 / 0.2
            500
        """
        smallest = min(self.min_topic_size or 10, 10)
        n_clusters = getattr(self.clusterer, "n_clusters", None)
        floor = (n_clusters * smallest if n_clusters is not None
                 else math.ceil(SAMPLE_FLOOR_RATIO * smallest / self.max_topic_share - 1e-9))
        return max(floor, minimum_posts(self.min_topic_size))

    def sample_size(self) -> int:
        """The posts ``fit`` draws its sample of: ``fit_sample`` raised to ``sample_floor`` (0,
        every post, stays 0)."""
        return max(self.fit_sample, self.sample_floor()) if self.fit_sample else 0

    def _bertopic(self, indices: np.ndarray, distances: np.ndarray, min_size: int,
                  docs: list[str]):
        """BERTopic over clones of the sub-models, sized to the corpus (HDBSCAN's smallest
        cluster ``min_size``); a UMAP starts from the given exact neighbours
        (``nearest_neighbours`` with the post itself first); a capped HDBSCAN is given the
        ``cohesion`` judge of ``docs``."""
        from mining.jit import cache_compiled

        cache_compiled()  # before bertopic imports umap: numba's compiled code from disk
        from bertopic import BERTopic

        n_docs = len(indices)
        reducer, cluster_model = clone(self.reducer), clone(self.clusterer)
        if "precomputed_knn" in reducer.get_params():
            k = min(reducer.n_neighbors, n_docs - 1)
            reducer.set_params(n_neighbors=k, precomputed_knn=(
                np.ascontiguousarray(indices[:, :k]), np.ascontiguousarray(distances[:, :k])))
        if {"min_cluster_size", "max_cluster_size"} <= set(cluster_model.get_params()):
            cluster_model.set_params(min_cluster_size=min_size, max_cluster_size=self._cap(n_docs))
        if self.cohesion is not None and hasattr(cluster_model, "judge"):
            cluster_model.judge = self.cohesion.judge(docs)
        return BERTopic(language="multilingual", umap_model=reducer, hdbscan_model=cluster_model,
                        vectorizer_model=clone(self.vectorizer) if self.vectorizer is not None
                        else token_vectorizer(), calculate_probabilities=False)

    def fit(self, docs: list[str], embeddings: np.ndarray, langs, keys=None, times=None
            ) -> TopicModel:
        """Learn topics: ``topics_`` (per post, -1 for outliers), ``centroids_``, ``keywords_``.

        ``keys`` (e.g. the post texts) fix a canonical order, so the same posts in another order
        give the same topics. With more posts than ``fit_sample``, the clustering is fitted on a
        sample by language and month of ``times`` (``sample_rows``) and the other posts are
        assigned by ``transform``; keywords, centroids and sizes are then those of every post.
        ``fitted_on_`` and ``assigned_`` count both, ``sample_size_`` is the sample asked for
        (``sample_size``: ``fit_sample`` raised to its floor). An assigned post goes to its nearest
        topic only while that topic holds less than ``max_topic_share`` of every post (HDBSCAN's
        cap on the sample); the rest stay outliers, ``capped_`` counting them. Too few posts to
        cluster (``minimum_posts``) leave every post an outlier, with ``clustered_`` False.
        """
        self.clustered_ = len(docs) >= minimum_posts(self.min_topic_size)
        if not self.clustered_:
            self.topics_, self.keywords_, self.centroids_ = np.full(len(docs), -1), {}, {}
            self.n_found_ = self.merged_ = self.outliers_assigned_ = self.assigned_ = 0
            self.capped_, self.kept_whole_, self.left_out_, self.split_ = 0, [], [], []
            self.left_out_examples_ = []
            self.fitted_on_, self.outlier_similarity_ = len(docs), -np.inf
            self.sample_size_ = self.sample_size()
            return self
        langs = np.asarray(langs, dtype=object)
        keys = [str(k) for k in (keys if keys is not None else docs)]
        self.sample_size_ = self.sample_size()
        fitted = sample_rows(langs, times, keys, self.sample_size_, self.seed)
        ranks = sort_keys(keys)  # the keys' order, without a wide array of strings
        del keys
        sample, rest = np.flatnonzero(fitted), np.flatnonzero(~fitted)
        sample = sample[np.argsort(ranks[sample], kind="stable")]  # centroid sums in one order
        self.fitted_on_, self.assigned_ = len(sample), len(rest)
        self.min_cluster_size_ = self.min_cluster_size(len(docs), len(sample))
        topics = np.full(len(docs), -1)
        topics[sample] = self._fit_rows([docs[i] for i in sample], embeddings[sample], ranks[sample])
        self.centroids_ = _centroids(embeddings[sample], topics[sample])
        self.outlier_similarity_ = _outlier_similarity(embeddings[sample], topics[sample],
                                                       self.centroids_)
        release(embeddings)  # the run's vectors file: the sample's rows leave memory
        topics[rest], self.capped_ = self._assign_rest(embeddings, rest, topics[sample], len(docs))
        self.topics_ = _renumber_by_size(topics)  # by the size over every post
        self.centroids_ = _centroids(embeddings, self.topics_)
        self.keywords_ = self._keywords(docs, langs)
        self.left_out_examples_ = self._left_out_examples(embeddings, sample)
        return self

    def _left_out_examples(self, embeddings: np.ndarray, sample: np.ndarray) -> list[list[int]]:
        """For each group left out above the cap (``left_out_``), the rows of its posts still in
        no topic that are nearest its centre (``LEFT_OUT_EXAMPLES``): what the group talks
        about, shown where it is no topic (``sample``: the rows the clustering was fitted on)."""
        groups = [sample[rows] for rows in self.left_out_rows_]
        return [central(embeddings, rows[self.topics_[rows] < 0], LEFT_OUT_EXAMPLES)
                for rows in groups]

    def reassign(self, topics: np.ndarray, docs: list[str], embeddings: np.ndarray, langs
                 ) -> TopicModel:
        """Take ``topics`` (a topic per post, -1: none; e.g. posts moved between two topics) as
        the posts' topics, numbered by size again, with their centroids and keywords; ``docs``,
        ``embeddings`` and ``langs`` as ``fit`` was given them."""
        check_is_fitted(self, "topics_")
        if not np.array_equal(topics, self.topics_):
            self.topics_ = _renumber_by_size(np.asarray(topics))
            self.centroids_ = _centroids(embeddings, self.topics_)
            self.keywords_ = self._keywords(docs, np.asarray(langs, dtype=object))
        return self

    def _fit_rows(self, docs: list[str], embeddings: np.ndarray, keys: np.ndarray) -> np.ndarray:
        """The topics of the posts the clustering is fitted on, computed in canonical order
        (``keys``: the posts' ranks by ``sort_keys``)."""
        order = np.lexsort((np.arange(len(docs)), keys))
        docs_o = [docs[i] or "_" for i in order]
        emb_o = embeddings[order]
        n_neighbors = getattr(self.reducer, "n_neighbors", 0)
        indices, distances = nearest_neighbours(emb_o, max(n_neighbors, NEIGHBOURS + 1))
        topics_o = self._cluster(docs_o, emb_o, indices, distances)
        topics = np.empty_like(topics_o)
        topics[order] = topics_o
        self.left_out_rows_ = [order[points] for points in self.left_out_rows_]
        # BERTopic warns that custom assignments must be the last step: here they are.
        bertopic_log = logging.getLogger("BERTopic")
        level = bertopic_log.level
        bertopic_log.setLevel(logging.ERROR)
        try:
            self.bertopic_.update_topics(docs_o, topics=topics_o.tolist())
        finally:
            bertopic_log.setLevel(level)
        return topics

    def _cluster(self, docs_o: list[str], emb_o: np.ndarray, indices: np.ndarray,
                 distances: np.ndarray) -> np.ndarray:
        """Topics of the posts in canonical order: BERTopic, outliers assigned, topics merged,
        numbered by size."""
        self.bertopic_ = self._bertopic(indices, distances, self.min_cluster_size_, docs_o)
        with warnings.catch_warnings():
            # UMAP warns that, given neighbours without a search index, it cannot transform new
            # posts: new posts go to the nearest topic centroid (``transform``), never through UMAP.
            warnings.filterwarnings("ignore", message=r"precomputed_knn\[2\]", category=UserWarning)
            found, _ = self.bertopic_.fit_transform(docs_o, emb_o)
        topics_o = np.asarray(found)
        self.kept_whole_ = list(getattr(self.bertopic_.hdbscan_model, "kept_whole_", []))
        self.left_out_ = list(getattr(self.bertopic_.hdbscan_model, "left_out_", []))
        self.split_ = list(getattr(self.bertopic_.hdbscan_model, "split_", []))
        self.left_out_rows_ = list(getattr(self.bertopic_.hdbscan_model, "left_out_points_", []))
        self.n_found_ = int(topics_o.max()) + 1
        topics_o, self.outliers_assigned_ = self._assign_outliers(topics_o, emb_o)
        if self.merge:
            topics_o = merge_linked(topics_o, emb_o, self._cap(len(docs_o)), self.seed,
                                    neighbours=indices[:, :NEIGHBOURS + 1],
                                    own_halves=self.merge_own_halves)
        self.merged_ = self.n_found_ - len(np.unique(topics_o[topics_o >= 0]))
        return _renumber_by_size(topics_o)

    def transform(self, embeddings: np.ndarray) -> np.ndarray:
        """Assign new posts (their aligned embeddings) to the nearest fitted topic centroid; -1
        for a post less similar to it than ``outlier_similarity_`` (so that about as many
        assigned posts stay outliers as fitted ones did), and for every post when the model
        found no topic."""
        check_is_fitted(self, "centroids_")
        if not self.centroids_:
            return np.full(len(embeddings), -1)
        best, sims = self._nearest(embeddings, np.arange(len(embeddings)))
        return np.where(sims >= self.outlier_similarity_, best, -1)

    def _nearest(self, embeddings: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The nearest topic of each post of ``embeddings[rows]`` and its similarity, a block of
        rows at a time: no copy of every row, nor of every row in float64, at any corpus size."""
        ids = np.array(sorted(self.centroids_))
        matrix = np.stack([self.centroids_[i] for i in ids]).T
        best, sims = np.empty(len(rows), dtype=ids.dtype), np.empty(len(rows))
        for start in range(0, len(rows), ASSIGN_ROWS):
            block = embeddings[rows[start:start + ASSIGN_ROWS]] @ matrix
            best[start:start + len(block)] = ids[block.argmax(axis=1)]
            sims[start:start + len(block)] = block.max(axis=1)
            release(embeddings)  # the run's vectors file: the rows read leave memory
        return best, sims

    def _assign_rest(self, embeddings: np.ndarray, rest: np.ndarray, fitted: np.ndarray,
                     n_docs: int) -> tuple[np.ndarray, int]:
        """The posts ``rest`` left out of the sample, each to its nearest topic (as
        ``transform``), the most similar first, while the topic holds less than
        ``max_topic_share`` of the ``n_docs`` posts (only where the clusterer is capped, as
        HDBSCAN is); the others stay -1. Returns the topics and how many posts the cap left
        out."""
        if not self.centroids_ or not len(rest):
            return np.full(len(rest), -1), 0
        best, sims = self._nearest(embeddings, rest)
        topics = np.where(sims >= self.outlier_similarity_, best, -1)
        if not self._capped():
            return topics, 0
        ids, counts = np.unique(fitted[fitted >= 0], return_counts=True)
        room = dict(zip(ids.tolist(), (self._cap(n_docs) - counts).tolist()))
        kept = within_room(topics, sims, room)
        return np.where(kept, topics, -1), int((topics >= 0).sum() - kept.sum())

    def _cap(self, n_docs: int) -> int:
        """The most posts HDBSCAN may select as one topic: ``max_topic_share`` of the ``n_docs``
        posts, never fewer than ``cap_floor`` smallest topics (below one, a small corpus could
        have none)."""
        return max(int(self.max_topic_share * n_docs), int(self.cap_floor * self.min_cluster_size_))

    def _capped(self) -> bool:
        """Whether the clusterer caps a cluster's size (HDBSCAN's ``max_cluster_size``)."""
        return "max_cluster_size" in self.clusterer.get_params()

    def _assign_outliers(self, topics: np.ndarray, emb: np.ndarray) -> tuple[np.ndarray, int]:
        """Give each outlier its nearest topic when it is as close as a typical member, then the
        closest remaining ones until at most ``max_outlier_share`` stay outliers."""
        outliers = np.flatnonzero(topics < 0)
        centroids = _centroids(emb, topics)
        if not len(outliers) or not centroids:
            return topics, 0
        ids = np.array(sorted(centroids))
        matrix = np.stack([centroids[i] for i in ids])
        member_sim = {t: np.quantile(emb[topics == t] @ centroids[t], 0.25) for t in ids}
        sims = emb[outliers] @ matrix.T
        best, best_sim = ids[sims.argmax(axis=1)], sims.max(axis=1)
        strong = best_sim >= np.array([member_sim[t] for t in best])
        allowed = int(np.floor(self.max_outlier_share * len(topics)))
        extra = max(0, (~strong).sum() - allowed)
        weak_order = np.flatnonzero(~strong)[np.argsort(-best_sim[~strong], kind="stable")]
        assign = strong.copy()
        assign[weak_order[:extra]] = True
        if self._capped():  # no topic past the cap HDBSCAN was given
            ids_now, counts = np.unique(topics[topics >= 0], return_counts=True)
            room = dict(zip(ids_now.tolist(), (self._cap(len(topics)) - counts).tolist()))
            assign &= within_room(np.where(assign, best, -1), best_sim, room)
        out = topics.copy()
        out[outliers[assign]] = best[assign]
        return out, int(assign.sum())

    def _keywords(self, docs: list[str], langs: np.ndarray) -> dict[int, dict[str, list[str]]]:
        """Top keys per topic and language: class-based TF-IDF within each language over words
        and two- and three-word phrases (``terms.class_tfidf``), then a diversity step
        (``_diverse``)."""
        topic_ids = sorted(t for t in set(self.topics_) if t >= 0)
        result: dict[int, dict[str, list[str]]] = {t: {} for t in topic_ids}
        counted = self._vectorized(docs) if self.vectorizer is not None else None
        for lang in LANGS:
            rows = langs == lang
            present = [t for t in topic_ids if (rows & (self.topics_ == t)).any()]
            if not present:
                continue
            terms = (language_terms([docs[i] for i in np.flatnonzero(rows)], self.topics_[rows],
                                    present, PHRASE_MIN_COUNT) if counted is None
                     else _language_counts(*counted, self.topics_, rows, present))
            scores = class_tfidf(terms)
            foreign = FOREIGN_LETTERS.get(lang)
            placeholder = np.array(["_" in term or bool(foreign and foreign.search(term))
                                    for term in terms.terms], dtype=bool)
            for i, t in enumerate(present):
                cells = slice(scores.indptr[i], scores.indptr[i + 1])
                columns, row = scores.indices[cells], scores.data[cells]
                count, held = terms.counts.data[cells], terms.posts.data[cells]
                # A phrase is a keyword only where the topic says it often: then it reads
                # better than its words; a phrase seen once or twice is chance adjacency. A
                # term a few posts use is theirs, not the topic's (``keyword_min_posts``).
                size = int((rows & (self.topics_ == t)).sum())
                eligible = ((count > 0) & ~placeholder[columns]  # no mask, no other script
                            & (held >= keyword_min_posts(size))
                            & ((terms.words[columns] == 1) | (count >= PHRASE_MIN_COUNT)))
                order = np.argsort(-row, kind="stable")
                candidates = order[eligible[order]][: 3 * self.top_keywords]
                result[t][lang] = _diverse([terms.terms[columns[j]] for j in candidates],
                                           [row[j] for j in candidates], self.top_keywords)
        return result

    def _vectorized(self, docs: list[str]) -> tuple[csr_matrix, np.ndarray]:
        """Every post's counts of words and two- and three-word phrases by ``vectorizer``, and
        its vocabulary."""
        vectorizer = clone(self.vectorizer).set_params(ngram_range=(1, 3))
        counts = vectorizer.fit_transform([d or "_" for d in docs])
        return counts, vectorizer.get_feature_names_out()


PHRASE_MIN_COUNT = 3
# A keyword is held by KEYWORD_MIN_SHARE of its topic's posts in its language, KEYWORD_MIN_POSTS
# at least and KEYWORD_ENOUGH_POSTS at most: a term one post repeats ("הר הר הר הר") is that
# post's, and so is a word two tweets of 25 say ("πλατό": review 12, R12-8); in a topic of
# hundreds, a word five posts share still tells it apart ("crashing" in 6 of 72 app reviews).
# So a language the topic has one post in has no keywords (a stray tweet's words). Measured in
# README "Keywords and labels without debris".
KEYWORD_MIN_POSTS = 2
KEYWORD_MIN_SHARE = 0.1
KEYWORD_ENOUGH_POSTS = 5


def keyword_min_posts(size: int) -> int:
    """The posts that must hold a keyword of a topic with ``size`` posts in its language.

    Example:
        >>> keyword_min_posts(4), keyword_min_posts(25), keyword_min_posts(287)
        (2, 3, 5)
    """
    share = math.ceil(KEYWORD_MIN_SHARE * size - 1e-9)
    return max(KEYWORD_MIN_POSTS, min(KEYWORD_ENOUGH_POSTS, share))


RELEVANCE_WEIGHT = 0.7  # maximal marginal relevance: weight of the score against redundancy


def _diverse(terms: list[str], scores: list[float], n: int) -> list[str]:
    """Maximal marginal relevance over scored terms, with word overlap as the redundancy: a
    phrase and a word inside it, or two phrases sharing words, do not both fill the list."""
    top = max(scores, default=0) or 1.0
    keys = [set(term.split()) for term in terms]
    chosen: list[int] = []
    remaining = list(range(len(terms)))
    while remaining and len(chosen) < n:
        def gain(i: int) -> float:
            overlap = max((len(keys[i] & keys[j]) / min(len(keys[i]), len(keys[j])) for j in chosen),
                          default=0.0)
            return RELEVANCE_WEIGHT * scores[i] / top - (1 - RELEVANCE_WEIGHT) * overlap
        best = max(remaining, key=lambda i: (gain(i), -i))
        chosen.append(best)
        remaining.remove(best)
    return [terms[i] for i in chosen]


def _topic_counts(counts: csr_matrix, topics: np.ndarray, rows: np.ndarray, present: list[int]
                  ) -> csr_matrix:
    """Term counts summed per topic (one row per ``present`` topic) over the posts of ``rows``,
    sparse: a dense row per topic over every term of a 100k-post corpus takes gigabytes."""
    member = np.flatnonzero(rows & np.isin(topics, present))
    which = np.searchsorted(present, topics[member])
    indicator = csr_matrix((np.ones(len(member), dtype=counts.dtype), (which, member)),
                           shape=(len(present), counts.shape[0]))
    return (indicator @ counts).tocsr()


def _language_counts(counts: csr_matrix, vocab: np.ndarray, topics: np.ndarray, rows: np.ndarray,
                     present: list[int]) -> LanguageTerms:
    """``LanguageTerms`` of the posts of ``rows`` from a vectorizer's counts of every post: the
    terms those posts use, each a column."""
    per_topic = _topic_counts(counts, topics, rows, present)
    posts_with = counts.copy()
    posts_with.data[:] = 1  # how many posts hold a term, whatever they repeat
    used = np.unique(per_topic.indices)  # the terms this language's topics use
    per_topic = per_topic[:, used].tocsr()
    per_topic.sort_indices()
    held = _topic_counts(posts_with, topics, rows, present)[:, used].tocsr()
    held.sort_indices()
    return LanguageTerms(terms=vocab[used].tolist(),
                         words=np.array([term.count(" ") + 1 for term in vocab[used]]),
                         counts=per_topic, posts=held,
                         totals=np.asarray(per_topic.sum(axis=1)).ravel(), distinct=len(used))


def within_room(topics: np.ndarray, sims: np.ndarray, room: dict[int, int]) -> np.ndarray:
    """Whether each post keeps its topic (-1: none) when each topic takes at most ``room[t]``
    more posts, the most similar first (``sims``; ties by position)."""
    kept = np.zeros(len(topics), dtype=bool)
    for t, left in room.items():
        members = np.flatnonzero(topics == t)
        members = members[np.argsort(-sims[members], kind="stable")]
        kept[members[:max(left, 0)]] = True
    return kept


def central(embeddings: np.ndarray, rows: np.ndarray, k: int) -> list[int]:
    """The ``k`` of ``rows`` nearest their centroid, the nearest first: the posts that show what
    a group holds.

    Example:
        >>> central(np.array([[1.0, 0.0], [0.8, 0.6], [0.0, 1.0]]), np.arange(3), 1)
        [1]
    """
    if not len(rows):
        return []
    vectors = np.asarray(embeddings[rows], dtype=np.float64)
    sims = vectors @ vectors.mean(axis=0)
    return rows[np.argsort(-sims, kind="stable")[:k]].tolist()


def _centroids(emb: np.ndarray, topics: np.ndarray) -> dict[int, np.ndarray]:
    out = {}
    for t in sorted(set(topics.tolist())):
        if t < 0:
            continue
        # float64: these sums decide which outliers join a topic and which ids carry over
        mean = emb[topics == t].mean(axis=0, dtype=np.float64)
        out[int(t)] = mean / (np.linalg.norm(mean) or 1.0)
        release(emb)  # the run's vectors file: the topic's rows leave memory
    return out


def _outlier_similarity(emb: np.ndarray, topics: np.ndarray, centroids: dict[int, np.ndarray]
                        ) -> float:
    """The similarity to its nearest centroid below which a post is an outlier: the quantile
    of the fitted posts' nearest similarities at their outlier share (-inf: none are)."""
    share = float(np.mean(topics < 0))
    if share == 0 or not centroids:
        return -np.inf
    matrix = np.stack([centroids[i] for i in sorted(centroids)]).T
    # a block of rows at a time, as ``_nearest``: no float64 copy of every post's vector
    nearest = np.concatenate([(emb[start:start + ASSIGN_ROWS] @ matrix).max(axis=1)
                              for start in range(0, len(emb), ASSIGN_ROWS)])
    return float(np.quantile(nearest, share))


def _renumber_by_size(topics: np.ndarray) -> np.ndarray:
    """Topic 0 is the largest; ties broken by the old id, so numbering is deterministic."""
    ids, sizes = np.unique(topics[topics >= 0], return_counts=True)
    ranked = [t for _, t in sorted(zip(-sizes, ids))]
    mapping = {old: new for new, old in enumerate(ranked)}
    return np.array([mapping.get(t, -1) for t in topics])
