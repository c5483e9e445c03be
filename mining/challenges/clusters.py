"""Challenges: clusters of complaint, question and request posts, pooled across languages.

The clusterer is the project's topic model (``mining.topics.model.TopicModel``: BERTopic with a
seeded UMAP and HDBSCAN, outliers assigned up to a cap, keywords per language) fitted on the
feedback posts only, on language-aligned vectors; its labels, keywords and quotes per language
come from ``mining.topics.describe.describe_topics``. The same estimator groups recurring
questions for the content feed.

Example:
    >>> model = challenge_model(ChallengesConfig(min_challenge_size=8))
    >>> model = model.fit(feedback_posts, aligned_vectors)                        # doctest: +SKIP
    >>> model.labels_[:5], model.table_[["topic_id", "label"]]                    # doctest: +SKIP
"""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
from sklearn.utils.validation import check_is_fitted

from sklearn.base import BaseEstimator, clone

from mining.challenges.bursts import gather_bursts
from mining.config import BrandConfig, ChallengesConfig
from mining.schema import CLUSTER, empty_frame
from mining.lang import LANGS, read_in_greek, texts_read
from mining.topics.cohesion import Cohesion
from mining.topics.describe import NO_SHARED_WORD, describe_topics, token_docs
from mining.topics.model import TopicModel, clusterer, minimum_posts, umap_reducer
from mining.topics.quotes import EDGE_QUANTILE

# The UMAP of challenges and question groups: fixed choices, not settings.
UMAP_NEIGHBORS, UMAP_COMPONENTS = 15, 5
# A recurring question is one question asked several times: the phrasings of its central half
# (the half of its posts nearest its centroid, at least its smallest size) agree with each other,
# not only with the centroid: their mean pairwise cosine (aligned vectors, pairs of one language)
# exceeds the mean over the run's questions by at least this much. The edge is not read: outliers
# join their nearest group up to a share, and a group of 52 questions, 38 of them one question,
# was 0.17 whole and 0.33 in its central half (the demo). Measured on Banking77 (one intent asked
# in 5 or 8 phrasings against as many questions of other intents) and on the review's inputs
# (README "Recurring questions: one question asked several times").
AGREEMENT = 0.25
# A recurring question is shown by phrasings from the half of its posts (in a language) nearest
# its centroid, the half whose agreement made it one: outside it, a group joined by "לשלוח"
# ("send") showed "can you send me the form?" and then a question about a mailbox's budget
# (review 13, R13-10). A challenge's quotes leave out only its edge (``EDGE_QUANTILE``).
PHRASING_EDGE = 0.5
# A post of a language other than its group's largest is a stray, left out of the group, when
# it is less close to the centroid of that language's posts than the loosest quarter of them
# (each to the centroid of the others) and fewer than 2 of its 5 nearest posts of its own
# language are in the group (strays aside). The language offsets are removed, yet a few posts
# of a minority language land in a group they share nothing with (Hebrew comments on the
# president among English app complaints, review 12, R12-3 and R12-18). The bar alone left out
# the demo's true members (a Greek "do you deliver to Nea Makri?" beside Hebrew and English
# ones): a post whose own language's neighbours are in the group says what they say. Measured on
# the review's inputs and the demo (README "Posts of another language in a challenge").
MEMBER_QUANTILE, NEIGHBOURS, AGREEING = 0.25, 5, 2
# A challenge's cap is never below this many smallest challenges. Below 75 eligible posts, 20%
# of them is at most the smallest challenge (10): a Greek group's main problem, 20 of its 39
# eligible posts, app complaints, was left out above the cap (review 15, R15-1). Measured on
# small inputs (README, "A small community's main problem"): at 1.5 it is a challenge and the
# group's banter is not; at 2, a 24-post mix of bank questions became one, and a 23-post run's
# only challenge was lost (its root, within 1.5 times the cap, was no longer split).
CAP_FLOOR = 1.5


def challenge_model(config: ChallengesConfig, brand: BrandConfig | None = None,
                    questions: bool = False, names: Iterable[str] = ()) -> ChallengeModel:
    """The challenge model a ``[challenges]`` section describes (with ``questions``, the model of
    recurring question groups: ``min_question_size``, as many groups as found). The brand's
    terms and ``names`` (words of the members' names) are left out of keywords and labels.

    Example:
        >>> model = challenge_model(ChallengesConfig(n_challenges=5))
        >>> model.topic_model.clusterer.n_clusters
        5
    """
    n_clusters = None if questions else config.n_challenges
    topics = TopicModel(
        reducer=umap_reducer(UMAP_NEIGHBORS, UMAP_COMPONENTS, config.seed),
        clusterer=clusterer(n_clusters, config.seed), vectorizer=None,
        min_topic_size=config.min_question_size if questions else config.min_challenge_size,
        max_topic_share=config.max_challenge_share, max_outlier_share=config.max_outlier_share,
        merge=n_clusters is None, seed=config.seed, top_keywords=config.keywords,
        fit_sample=config.fit_sample, merge_own_halves=not questions,
        cap_floor=1.0 if questions else CAP_FLOOR)
    return ChallengeModel(topic_model=topics, quotes=config.quotes,
                          ignore=(*(brand.terms if brand else ()), *sorted(names)),
                          agreement=AGREEMENT if questions else None)


class ChallengeModel(BaseEstimator):
    """Cluster posts into challenges (or question groups); a scikit-learn estimator.

    Args:
        topic_model: the unfitted ``TopicModel`` that clusters the posts (cloned at fit); its
            ``min_topic_size`` is the smallest challenge, and fewer than ``minimum_posts`` of it
            are not clustered.
        quotes: representative posts kept per cluster and language.
        ignore: words left out of keywords (the brand's own name, ``brand.terms``, and the
            words of the members' names).
        agreement: a cluster whose posts' mean pairwise cosine exceeds that of every pair of
            the posts clustered by less is left out (``AGREEMENT``, the recurring questions');
            None keeps every cluster (challenges).
    """

    def __init__(self, *, topic_model: TopicModel, quotes: int, ignore: tuple[str, ...] = (),
                 agreement: float | None = None) -> None:
        self.topic_model = topic_model
        self.quotes = quotes
        self.ignore = ignore
        self.agreement = agreement

    def fit(self, posts: pd.DataFrame, vectors: np.ndarray,
            background: pd.DataFrame | None = None) -> ChallengeModel:
        """Cluster ``posts`` (``text_norm``, ``lang``) on their aligned ``vectors``. With
        ``background`` (the run's other analyzed posts), a cluster above the size cap whose
        posts are one problem by their words is kept whole, and one whose words are the
        community's general talk is left out, whatever its size (``mining.topics.cohesion``).

        Sets ``labels_`` (cluster per post, -1 outside), ``centroids_`` (cluster id -> unit
        vector), ``table_`` (one row per cluster: ``topic_id``, ``size``, ``label``, and
        ``n_``/``label_``/``keywords_``/``quotes_`` per language), ``clustered_`` (False when
        there were too few posts to cluster) and ``fit_`` (``fitted_on`` and ``assigned``: the
        posts the clustering was fitted on, by language and month of ``created_at``, and those
        assigned to the nearest cluster after it; ``fit_sample``, the sample asked for, raised to
        ``TopicModel.sample_floor``; ``left_out_by_cap``, assigned posts left outside because
        their cluster was full; see ``TopicModel``; ``other_language_left_out``, posts left
        outside as unlike their cluster's posts of another language, ``other_language_strays``).
        """
        posts = posts.reset_index(drop=True)
        self.clustered_ = len(posts) >= minimum_posts(self.topic_model.min_topic_size)
        if not self.clustered_:
            self.labels_, self.centroids_, self.table_ = np.full(len(posts), -1), {}, empty_frame(CLUSTER)
            self.fit_ = {}
            return self
        docs, surfaces = token_docs(texts_read(posts).tolist(),
                                    posts["lang"].fillna("und").tolist(), ignore=self.ignore,
                                    read=read_in_greek(posts),
                                    written=posts["text_norm"].fillna("").tolist())
        cohesion = None if background is None else Cohesion.from_docs(docs, self._docs(background))
        model = clone(self.topic_model).set_params(cohesion=cohesion).fit(
            docs, vectors, posts["lang"].to_numpy(), keys=posts["text_norm"].tolist(),
            times=posts.get("created_at"))
        regrouped = self._regroup(model, posts, docs, vectors)
        self.topic_model_ = model
        self.fit_ = {"fitted_on": model.fitted_on_, "assigned": model.assigned_,
                     "fit_sample": model.sample_size_, "left_out_by_cap": model.capped_,
                     "kept_whole_above_cap": model.kept_whole_,
                     "left_out_above_cap": model.left_out_, "split_above_cap": model.split_,
                     **regrouped}
        table = describe_topics(posts, vectors, model, surfaces, docs, self.quotes,
                                edge=EDGE_QUANTILE if self.agreement is None else PHRASING_EDGE)
        # A cluster without a label (no word, but names and profanity, that several of its posts
        # share: ``cluster_label``) holds posts that say nothing alike, banter the vectors
        # happened to join: it is no challenge and no recurring question, and its posts are
        # outliers. So is a cluster whose words the community uses mostly outside feedback
        # (politics, a TV show), when the run's other posts are given to tell
        # (``Cohesion.general_talk``).
        wordless = table.loc[table["label"].str.startswith(NO_SHARED_WORD), "topic_id"].tolist()
        self.fit_["without_shared_word"] = len(wordless)
        talk = [] if cohesion is None else [
            t for t in table["topic_id"] if t not in wordless
            and cohesion.general_talk([frozenset(docs[i].split())
                                       for i in np.flatnonzero(model.topics_ == t)])]
        self.fit_["general_talk"] = [int((model.topics_ == t).sum()) for t in talk]
        discordant = self._discordant(model.topics_, vectors, posts["lang"].to_numpy(),
                                      wordless + talk)
        dropped = wordless + talk + discordant
        self.labels_ = np.where(np.isin(model.topics_, dropped), -1, model.topics_)
        self.centroids_ = {i: c for i, c in model.centroids_.items() if i not in dropped}
        self.table_ = table[~table["topic_id"].isin(dropped)].reset_index(drop=True)
        return self

    def _regroup(self, model: TopicModel, posts: pd.DataFrame, docs: list[str],
                 vectors: np.ndarray) -> dict[str, int]:
        """After the clustering, ``model`` changed in place: one day's problem gathered into one
        cluster (``_gather_bursts``), then the posts unlike their cluster's posts of another
        language left out of it (``other_language_strays``); how many posts each moved."""
        moved = self._gather_bursts(model, posts, docs, vectors)
        langs = posts["lang"].fillna("und").to_numpy()
        strays = other_language_strays(model.topics_, vectors, langs)
        model.reassign(np.where(strays, -1, model.topics_), docs, vectors, langs)
        return {"moved_to_burst": moved, "other_language_left_out": int(strays.sum())}

    def _gather_bursts(self, model: TopicModel, posts: pd.DataFrame, docs: list[str],
                       vectors: np.ndarray) -> int:
        """Challenges (not question groups): one day's problem in one cluster
        (``mining.challenges.bursts``), ``model`` changed in place; how many posts moved."""
        if self.agreement is not None:
            return 0
        found = gather_bursts(model.topics_, docs, posts.get("created_at"), model.min_cluster_size_)
        moved = int((found != model.topics_).sum())
        model.reassign(found, docs, vectors, posts["lang"].to_numpy())
        return moved

    def _discordant(self, topics: np.ndarray, vectors: np.ndarray, langs: np.ndarray,
                    dropped: list[int]) -> list[int]:
        """The clusters (not ``dropped`` already) whose central half agrees less than
        ``agreement`` above the agreement of every pair of posts, pairs of one language each
        (``langs``; none without ``agreement``): twelve tweets to eight companies joined by
        "calls" and "iOS" are no recurring question. ``fit_["without_agreement"]``: their sizes."""
        if self.agreement is None:
            return []
        baseline = mean_pairwise(vectors, langs)
        smallest = self.topic_model.min_topic_size or 2
        found = []
        for t in np.unique(topics[topics >= 0]):
            rows = np.flatnonzero(topics == t)
            if t not in dropped and not central_agreement(vectors[rows], langs[rows],
                                                          smallest) >= baseline + self.agreement:
                found.append(int(t))
        self.fit_["without_agreement"] = [int((topics == t).sum()) for t in found]
        return found

    def _docs(self, posts: pd.DataFrame) -> list[str]:
        """The token documents of ``posts``, as ``fit`` reads its own."""
        posts = posts.reset_index(drop=True)
        return token_docs(texts_read(posts).tolist(), posts["lang"].fillna("und").tolist(),
                          ignore=self.ignore, read=read_in_greek(posts))[0]

    def predict(self, vectors: np.ndarray) -> np.ndarray:
        """The nearest cluster of new posts (their aligned vectors); -1 when none was found."""
        check_is_fitted(self, "labels_")
        if not self.clustered_:
            return np.full(len(vectors), -1)
        found = self.topic_model_.transform(vectors)
        return np.where(np.isin(found, list(self.centroids_)), found, -1)




def other_language_strays(topics: np.ndarray, vectors: np.ndarray, langs: np.ndarray,
                          quantile: float = MEMBER_QUANTILE) -> np.ndarray:
    """Which posts of each group (``topics``, -1: none) are strays: of a language other than the
    group's largest, less similar to the centroid of its posts in that language than the
    ``quantile`` of those posts' own similarities (each to the centroid of the others: the bar
    is measured from the group itself), and with fewer than ``AGREEING`` of their
    ``NEIGHBOURS`` nearest posts of their own language in the group. Found again without the
    strays found until none is left: a stray vouches for no other (five Hebrew comments on the
    president in an English app challenge were each other's neighbours). ``vectors`` are unit
    length; ties between languages go to the first in order.

    Example:
        >>> vectors = np.array([[1.0, 0.0], [0.96, 0.28], [0.96, -0.28], [0.98, 0.2],
        ...                     [0.0, 1.0], [0.1, 0.99], [0.2, 0.98]])
        >>> topics, langs = np.array([0, 0, 0, 0, 0, 1, 1]), np.array(["en"] * 3 + ["he"] * 4)
        >>> other_language_strays(topics, vectors, langs).tolist()
        [False, False, False, False, True, False, False]
    """
    langs = np.asarray(langs, dtype=object)
    strays = np.zeros(len(topics), dtype=bool)
    while True:
        found = _strays_once(np.where(strays, -1, topics), vectors, langs, quantile)
        if not found.any():
            return strays
        strays |= found


def _strays_once(topics: np.ndarray, vectors: np.ndarray, langs: np.ndarray,
                 quantile: float) -> np.ndarray:
    """``other_language_strays`` of one round: every post's neighbours as ``topics`` has them."""
    far = np.zeros(len(topics), dtype=bool)
    for t in np.unique(topics[topics >= 0]):
        rows = np.flatnonzero(topics == t)
        names, counts = np.unique(langs[rows], return_counts=True)
        largest = rows[langs[rows] == names[counts.argmax()]]
        others = np.setdiff1d(rows, largest)
        if len(largest) >= 3 and len(others):
            far[others] = _below_bar(vectors, largest, others, quantile)
    strays = far.copy()
    for lang in np.unique(langs[far]):
        asked = np.flatnonzero(far & (langs == lang))
        for start in range(0, len(asked), 1024):  # a block of them at a time: memory bounded
            rows = asked[start:start + 1024]
            near = _nearest_of_language(vectors, np.flatnonzero(langs == lang), rows)
            agreeing = (topics[near] == topics[rows, None]) & (near != rows[:, None])
            strays[rows] = agreeing.sum(axis=1) < AGREEING
    return strays


def _below_bar(vectors: np.ndarray, largest: np.ndarray, others: np.ndarray,
               quantile: float) -> np.ndarray:
    """Whether each post of ``others`` is less similar to the centroid of ``largest`` than the
    ``quantile`` of their similarities, each to the centroid of the others."""
    own = np.asarray(vectors[largest], dtype=np.float64)
    summed = own.sum(axis=0)
    # each post against the centroid of the others: its own vector would flatter it
    loo = ((own @ summed) - (own * own).sum(axis=1)) / np.linalg.norm(summed - own, axis=1).clip(1e-12)
    outside = np.asarray(vectors[others], dtype=np.float64) @ (summed / np.linalg.norm(summed))
    return outside < np.quantile(loo, quantile)


def _nearest_of_language(vectors: np.ndarray, same: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """The ``NEIGHBOURS`` posts of ``same`` (the posts of one language) nearest each of ``rows``,
    nearest first, a row itself last (when its language has no more posts); a block of ``same``
    at a time, keeping the best so far: no matrix of every pair at any corpus size."""
    asked = np.asarray(vectors[rows], dtype=np.float64)
    best_rows = np.empty((len(rows), 0), dtype=int)
    best_sims = np.empty((len(rows), 0))
    for start in range(0, len(same), 8192):
        block = same[start:start + 8192]
        sims = asked @ np.asarray(vectors[block], dtype=np.float64).T
        sims[block[None, :] == rows[:, None]] = -np.inf  # a post is no neighbour of itself
        best_rows = np.hstack([best_rows, np.broadcast_to(block, sims.shape)])
        best_sims = np.hstack([best_sims, sims])
        order = np.argsort(-best_sims, axis=1, kind="stable")[:, :NEIGHBOURS]
        best_rows = np.take_along_axis(best_rows, order, axis=1)
        best_sims = np.take_along_axis(best_sims, order, axis=1)
    return best_rows


def central_agreement(vectors: np.ndarray, langs: np.ndarray, smallest: int) -> float:
    """``mean_pairwise`` of the half of a group's posts (``vectors``, unit length) nearest its
    centroid, ``smallest`` of them at least.

    Example:
        >>> group = np.array([[1.0, 0.0], [0.96, 0.28], [0.96, -0.28], [0.0, 1.0]])
        >>> round(central_agreement(group, np.array(["en"] * 4), 2), 2)
        0.96
    """
    vectors = np.asarray(vectors, dtype=np.float64)
    centre = vectors.sum(axis=0)
    near = np.argsort(-(vectors @ centre), kind="stable")[:max(smallest, -(-len(vectors) // 2))]
    return mean_pairwise(vectors[near], np.asarray(langs)[near])


def mean_pairwise(vectors: np.ndarray, langs: np.ndarray | None = None) -> float:
    """The mean cosine over every pair of distinct rows of ``vectors`` (unit length), from their
    sums: no matrix of pairs at any size; with ``langs``, over the pairs of one language only (a
    question and its translation are further apart than two phrasings in one language); NaN
    without any pair.

    Example:
        >>> mean_pairwise(np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0]]))  # pairs: 0, 1, 0
        0.3333333333333333
        >>> mean_pairwise(np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0]]), np.array(["he", "el", "he"]))
        1.0
    """
    langs = np.zeros(len(vectors), dtype=int) if langs is None else np.asarray(langs)
    total, pairs = 0.0, 0
    for lang in np.unique(langs):
        rows = np.flatnonzero(langs == lang)
        summed, squares = np.zeros(vectors.shape[1]), 0.0
        for start in range(0, len(rows), 8192):  # a block at a time: the vectors file is mapped
            block = np.asarray(vectors[rows[start:start + 8192]], dtype=np.float64)
            summed += block.sum(axis=0)
            squares += float((block * block).sum())
        total += float(summed @ summed) - squares
        pairs += len(rows) * (len(rows) - 1)
    return total / pairs if pairs else float("nan")
