"""Weekly runs that cost the week: reuse the previous run's fitted models for the new posts.

A run keeps what it needs to place later posts without fitting again (``save_model``): the
language aligner's means, each analyzed post's topic and challenge (by a hash of its text, before
curation), the topic and challenge tables (labels, keywords, quotes), and how close the fitted
posts lie to their centroids. The centroids with their stable ids stay in ``state.npz``. All of
it is numpy arrays without objects, JSON and parquet: nothing a run loads can run code.

The next run (``--previous``) then decides (``plan_refit``): with ``run.refit = "auto"`` it
refits only when the previous run kept no model, a setting that shapes the clusters changed, or
the posts assigned since the last fit no longer fit it (``drift``); otherwise posts seen before
keep their topic and challenge, new posts go to the nearest centroid (``AssignedClusters``), and
the tables are counted again over every post. No UMAP, no HDBSCAN on the topics: a week costs its
own posts. One check clusters the week's feedback posts again among the fitted ones
(``new_challenges``): a group made mostly of new posts, unlike every fitted challenge, is a new
problem of the week, added to the reused challenges (``with_challenges``) with a new id.

Example:
    >>> plan = plan_refit(load_model(previous), analyzed, raw_vectors, config)   # doctest: +SKIP
    >>> plan.refit, plan.reason                                                 # doctest: +SKIP
    (False, 'the new posts fit the model fitted in run 2026-06-01T0600Z (run.refit = auto)')
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import math
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator

from mining.config import Config
from mining.curation.apply import KEPT_MIN  # as curation asks for a review, a reuse refits
from mining.embed.align import LanguageAligner, alignment_groups
from mining.embed.vectorfile import release
from mining.lang import LANGS, texts_read
from mining.lang.analyze import WordCache
from mining.runs import file_problem, load_state
from mining.schema import CHALLENGE_POST, CLUSTER, analyzed_rows
from mining.topics.model import within_room

MODEL_DIR = "model"
log = logging.getLogger("mining")
FAR_QUANTILE = 0.05  # at least this share of the fitted posts lies beyond the outlier distance
MIN_DRIFT_POSTS = 20  # fewer posts since the fit say nothing about drift: no refit for them
# At least this share of the posts the model knew read differently (an upgrade of the reading)
# refits; fewer follow the run's own words (``_reread``).
REREAD = 0.01

# Settings that shape the fitted clusters: a change refits (``run.refit = "auto"``). The
# embedding's name, alignment and length budget change the vectors themselves: then the previous
# centroids cannot place a new post, whatever ``run.refit`` says.
VECTOR_SETTINGS = ("embedding.name", "embedding.align", "embedding.max_tokens")
FIT_SETTINGS = (*VECTOR_SETTINGS, "filter.min_words", "filter.chat_noise", "brand.terms",
                "topics.n_topics", "topics.min_topic_size", "topics.max_topic_share",
                "topics.max_outlier_share", "topics.merge", "topics.umap_neighbors",
                "topics.umap_components", "topics.seed", "topics.top_keywords", "topics.quotes",
                "topics.fit_sample",
                "challenges.cue_weight", "challenges.spam_threshold", "challenges.min_confidence",
                "challenges.min_challenge_size", "challenges.n_challenges",
                "challenges.max_challenge_share", "challenges.max_outlier_share",
                "challenges.seed", "challenges.keywords", "challenges.quotes",
                "challenges.fit_sample")
# Settings that shape a post's feedback type and sentiment besides its text and vector: with them
# and the typing code unchanged (``typing_key``), a post typed before keeps its typed columns.
TYPING_SETTINGS = (*VECTOR_SETTINGS, "challenges.cue_weight", "challenges.spam_threshold",
                   "challenges.abuse_threshold", "challenges.sentiment_cue_weight",
                   "challenges.sentiment_margin")
TYPED = tuple(c for c in CHALLENGE_POST if c != "challenge_id")  # what ``classify_posts`` types


def fit_settings(config: Config, names: tuple[str, ...] = FIT_SETTINGS) -> dict[str, object]:
    """The values of the settings ``names`` in ``config``, by dotted name."""
    data = config.to_dict()
    return {name: data[name.split(".")[0]][name.split(".")[1]] for name in names}


def typing_key(config: Config) -> dict[str, object]:
    """What a post's typed columns depend on besides its text, language and vector: the
    ``TYPING_SETTINGS`` and a digest of the code and data that type posts (heads, cue lexicons,
    language data), so that an upgrade of ``mining`` types every post again."""
    return {**fit_settings(config, TYPING_SETTINGS), "code": _typing_digest()}


@lru_cache(maxsize=1)
def _typing_digest() -> str:
    root = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted(p for package in ("challenges", "lang") for p in (root / package).rglob("*")
                       if p.is_file() and p.suffix != ".pyc"):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def text_hashes(texts) -> np.ndarray:
    """A 64-bit hash of each text: how a run recognises the posts an earlier run assigned."""
    return pd.util.hash_array(np.asarray(list(texts), dtype=object))


@dataclass
class Reference:
    """How close the posts of a fit lie to its centroids, and the posts assigned since.

    ``outlier_similarity`` is the fitted outlier distance, as a cosine similarity: the fitted
    posts' similarity to their nearest centroid at the quantile of the share the fit left as
    outliers (at least ``FAR_QUANTILE``). A post less similar than that to every centroid is
    "far"; a new one is assigned -1.
    """

    fitted_posts: int
    outlier_similarity: float
    fitted_far_share: float
    fitted_similarity: float  # mean similarity of the fitted posts to their nearest centroid
    assigned: int = 0  # posts assigned since the fit, over every run since
    far: int = 0
    similarity_sum: float = 0.0
    # The spread of the fitted posts' similarities (None in a model saved before it was kept):
    # how far the mean of a few new posts may fall below the fitted mean by chance alone.
    fitted_similarity_sd: float | None = None

    @classmethod
    def of_fit(cls, vectors: np.ndarray, labels: np.ndarray, centroids: dict[int, np.ndarray],
               rows: np.ndarray | None = None) -> Reference | None:
        """The reference of the fitted posts, ``vectors[rows]`` (every row: None), read a
        block at a time (``nearest``)."""
        n = len(vectors) if rows is None else len(rows)
        if not centroids or not n:
            return None
        sims = nearest(vectors, centroids, rows)[1]
        quantile = max(float(np.mean(np.asarray(labels) < 0)), FAR_QUANTILE)
        outlier = float(np.quantile(sims, quantile))
        return cls(n, round(outlier, 6), round(float(np.mean(sims < outlier)), 4),
                   round(float(sims.mean()), 6), fitted_similarity_sd=round(float(sims.std()), 6))

    def add(self, sims: np.ndarray) -> Reference:
        """This reference with the posts of ``sims`` (their nearest-centroid similarity) added."""
        return dataclasses.replace(self, assigned=self.assigned + len(sims),
                                   far=self.far + int((sims < self.outlier_similarity).sum()),
                                   similarity_sum=self.similarity_sum + float(sims.sum()))

    def drift(self) -> dict[str, float | int | None]:
        """The drift measure over the posts assigned since the fit (see README, Weekly runs)."""
        n = self.assigned
        share, sd = self.fitted_far_share, self.fitted_similarity_sd or 0.0
        return {"posts_since_fit": n, "fitted_posts": self.fitted_posts,
                "far_share": round(self.far / n, 4) if n else None,
                "fitted_far_share": share,
                # what n posts that fit as the fitted posts do may show by chance: two
                # standard errors of a share and of a mean
                "far_share_chance": round(2 * math.sqrt(share * (1 - share) / n), 4) if n else None,
                "similarity": round(self.similarity_sum / n, 4) if n else None,
                "fitted_similarity": round(self.fitted_similarity, 4),
                "similarity_drop": (round(self.fitted_similarity - self.similarity_sum / n, 4)
                                    if n else None),
                "similarity_drop_chance": round(2 * sd / math.sqrt(n), 4) if n else None,
                "growth": round(n / self.fitted_posts, 4)}


NEAREST_BLOCK = 8192  # vectors compared with the centroids at a time (``nearest``)


def nearest(vectors: np.ndarray, centroids: dict[int, np.ndarray], subset: np.ndarray | None = None
            ) -> tuple[np.ndarray, np.ndarray]:
    """Each vector's nearest centroid id and its cosine similarity (unit vectors); of
    ``vectors[subset]`` alone when given (no copy of them: a block at a time)."""
    ids = np.array(sorted(centroids), dtype=int)
    n = len(vectors) if subset is None else len(subset)
    if not len(ids) or not n:
        return np.full(n, -1), np.zeros(n)
    matrix = np.stack([centroids[i] for i in ids]).T
    best, most = np.empty(n, dtype=int), np.empty(n)
    for start in range(0, n, NEAREST_BLOCK):  # no float64 copy of every vector
        block = (vectors[start:start + NEAREST_BLOCK] if subset is None
                 else vectors[subset[start:start + NEAREST_BLOCK]])
        sims = np.asarray(block, dtype=np.float64) @ matrix
        rows = slice(start, start + NEAREST_BLOCK)
        best[rows] = sims.argmax(axis=1)
        most[rows] = sims[np.arange(len(sims)), best[rows]]
        release(vectors)  # the run's vectors file: the block read leaves memory
    return ids[best], most


class AssignedClusters(BaseEstimator):
    """A fitted clustering reused, with the interface of ``ChallengeModel`` after ``fit``.

    ``fit`` does not cluster: a post seen by the fit (or assigned since) keeps its cluster, any
    other goes to its nearest centroid, or -1 when it is farther than the fitted outlier
    distance; the description table keeps its labels, keywords and quotes, its sizes counted
    again. A cluster left without posts is dropped with its centroid.

    Args:
        centroids: stable cluster id -> unit centroid.
        outlier_similarity: ``Reference.outlier_similarity``.
        known: text hash -> cluster id of the posts assigned before.
        table: the description table (``CLUSTER`` columns, ``topic_id`` the stable id).
        max_share: a new post joins its nearest cluster only while the cluster holds less than
            this share of the posts, the most similar first (as a fit assigns the posts outside
            its sample); None: no cap (k-means clusterings).
    """

    def __init__(self, *, centroids: dict[int, np.ndarray], outlier_similarity: float,
                 known: pd.Series, table: pd.DataFrame, max_share: float | None = None) -> None:
        self.centroids = centroids
        self.outlier_similarity = outlier_similarity
        self.known = known
        self.table = table
        self.max_share = max_share

    def fit(self, posts: pd.DataFrame, vectors: np.ndarray) -> AssignedClusters:
        """Sets ``labels_``, ``centroids_``, ``table_``, ``clustered_``, ``fit_`` (nothing fitted,
        the new posts assigned), and ``new_`` (the posts not seen before) with their
        ``similarities_`` to the nearest centroid."""
        seen = self.known.reindex(text_hashes(posts["text_norm"])).to_numpy(dtype=float)
        self.new_ = np.isnan(seen)
        best, sims = nearest(vectors[self.new_], self.centroids)
        labels = seen.copy()
        found = np.where(sims >= self.outlier_similarity, best, -1)
        kept = np.ones(len(found), dtype=bool)
        if self.max_share is not None:
            ids, counts = np.unique(seen[~self.new_ & (seen >= 0)], return_counts=True)
            held = dict(zip(ids.astype(int).tolist(), counts.tolist()))
            kept = within_room(found, sims, {i: int(self.max_share * len(posts)) - held.get(i, 0)
                                             for i in self.centroids})
        labels[self.new_] = np.where(kept, found, -1)
        self.labels_, self.similarities_ = labels.astype(int), sims
        members = set(self.labels_[self.labels_ >= 0].tolist())
        self.centroids_ = {i: c for i, c in self.centroids.items() if i in members}
        self.clustered_ = bool(self.centroids)
        self.table_ = resized(self.table, self.labels_, posts["lang"].to_numpy())
        self.fit_ = {"fitted_on": 0, "assigned": int(self.new_.sum()),
                     "left_out_by_cap": int(((found >= 0) & ~kept).sum())}
        return self


def resized(table: pd.DataFrame, labels: np.ndarray, langs: np.ndarray) -> pd.DataFrame:
    """``table`` (``CLUSTER``) with ``size``, ``share`` and ``n_<lang>`` counted over ``labels``,
    largest first; rows without posts dropped."""
    ids = table["topic_id"].astype(int).to_numpy()
    sizes = np.array([(labels == i).sum() for i in ids], dtype=int)
    table = table.assign(size=sizes, share=np.round(sizes / max(len(labels), 1), 4),
                         **{f"n_{lang}": [int(((labels == i) & (langs == lang)).sum()) for i in ids]
                            for lang in LANGS})
    table = table[table["size"] > 0].sort_values(["size", "topic_id"], ascending=[False, True])
    return table.reset_index(drop=True)[list(CLUSTER)].astype({"topic_id": "int64"})


@dataclass
class Model:
    """What a run keeps for the next one to assign new posts (``save_model`` / ``load_model``)."""

    fitted_in: str  # the run folder (its name) whose fit this is
    settings: dict[str, object]
    aligner: LanguageAligner | None
    posts: pd.DataFrame  # text_hash, read_hash (of ``texts_read``), topic_id, challenge_id (stable ids, before curation),
    # question_group (the recurring-question group of a question; null for other posts), lang
    # and the TYPED columns
    topics: pd.DataFrame  # CLUSTER, topic_id the stable id
    challenges: pd.DataFrame  # CLUSTER, topic_id the stable challenge id
    topic_centroids: dict[int, np.ndarray]
    challenge_centroids: dict[int, np.ndarray]
    # topics, challenges, questions
    references: dict[str, Reference | None] = field(default_factory=dict)
    map: pd.DataFrame | None = None  # text_hash, x, y: the explorer's map (None: not made yet)
    # The recurring questions' groups (CLUSTER, topic_id the group id) and their centroids;
    # None: too few questions then, or a model of an earlier version.
    questions: pd.DataFrame | None = None
    question_centroids: dict[int, np.ndarray] = field(default_factory=dict)
    # The ``typing_key`` the posts' ``lang`` and ``TYPED`` columns were typed under (None: the
    # posts kept no typed columns, a model of an earlier version).
    typing: dict | None = None
    # The words of the posts the last run tokenized for its emerging-problems alert (None: not
    # tokenized, or a model of an earlier version): the next run splits its new posts only.
    words: WordCache | None = None

    def clusters(self, kind: str, max_share: float | None = None) -> AssignedClusters | None:
        """The ``AssignedClusters`` of ``kind`` (``topics``, ``challenges`` or ``questions``),
        capped at ``max_share``; None for questions the model did not group."""
        column = {"topics": "topic_id", "challenges": "challenge_id",
                  "questions": "question_group"}[kind]
        centroids = {"topics": self.topic_centroids, "challenges": self.challenge_centroids,
                     "questions": self.question_centroids}[kind]
        reference = self.references.get(kind)
        if kind == "questions" and (not centroids or reference is None or column not in self.posts):
            return None
        known = self.posts.dropna(subset=[column]).drop_duplicates("text_hash")
        return AssignedClusters(
            centroids=centroids, outlier_similarity=reference.outlier_similarity if reference else 1.0,
            known=pd.Series(known[column].to_numpy(dtype=float), index=known["text_hash"].to_numpy()),
            table=getattr(self, kind), max_share=max_share)


def save_model(folder: Path, model: Model) -> list[str]:
    """Write ``model`` into ``folder/model/``; return the paths written, relative to ``folder``."""
    target = folder / MODEL_DIR
    target.mkdir(exist_ok=True)
    arrays = {}
    groups = []
    if model.aligner is not None:
        groups = list(model.aligner.means_)
        arrays = {"global_mean": model.aligner.global_mean_,
                  "means": np.stack([model.aligner.means_[g] for g in groups]) if groups
                  else np.zeros((0, len(model.aligner.global_mean_))),
                  "axes": model.aligner.language_axes_}
    np.savez(target / "aligner.npz", **arrays)
    facts = {"fitted_in": model.fitted_in, "settings": model.settings, "typing": model.typing,
             "aligner_groups": groups,
             "aligner_min_posts": model.aligner.min_posts if model.aligner is not None else None,
             "references": {k: dataclasses.asdict(r) if r else None
                            for k, r in model.references.items()}}
    (target / "model.json").write_text(json.dumps(facts, ensure_ascii=False, indent=2) + "\n",
                                       encoding="utf-8")
    names = ("posts", "topics", "challenges", "map", "questions")
    for name in names:
        if getattr(model, name) is not None:
            getattr(model, name).to_parquet(target / f"{name}.parquet", index=False)
    centroids = model.question_centroids
    np.savez(target / "questions.npz", ids=np.array(list(centroids), dtype=int),
             centroids=np.stack(list(centroids.values())) if centroids else np.zeros((0, 0)))
    return [f"{MODEL_DIR}/{n}" for n in ("aligner.npz", "model.json", "questions.npz", *(
        f"{name}.parquet" for name in names if getattr(model, name) is not None),
        *_save_words(target, model.words))]


def _save_words(target: Path, words: WordCache | None) -> list[str]:
    """The posts' words (``Model.words``): ``words.npz`` (hashes, offsets, ids, and the digest
    of the code that split them) and the vocabulary they index, ``words.parquet``; the names
    written (in ``target``)."""
    if words is None or not len(words.used):
        return []
    arrays = words.arrays()
    pd.DataFrame({"kind": arrays.pop("kinds"), "surface": arrays.pop("surfaces")}).to_parquet(
        target / "words.parquet", index=False)
    np.savez(target / "words.npz", code=np.array(_typing_digest()), **arrays)
    return ["words.npz", "words.parquet"]


def _read_words(target: Path) -> WordCache | None:
    """The ``WordCache`` ``_save_words`` wrote into ``target``, or None (none written, or split
    by other code: an upgrade of ``mining`` splits every post again)."""
    if not (target / "words.npz").is_file():
        return None
    with open(target / "words.npz", "rb") as file, np.load(file) as data:  # no allow_pickle
        arrays = {name: data[name] for name in data.files}
    if str(arrays.pop("code")) != _typing_digest():
        return None
    vocab = pd.read_parquet(target / "words.parquet")
    return WordCache({**arrays, "kinds": vocab["kind"].to_numpy(), "surfaces": vocab["surface"].to_numpy()})


def load_model(folder: Path | None) -> Model | None:
    """The model a previous run kept, or None (no previous run, or one that kept no model: a run
    of an earlier version, or a folder whose model files are missing or unreadable, said in a
    warning: the run then refits)."""
    target = folder / MODEL_DIR if folder else None
    if target is None or not (target / "model.json").is_file():
        return None
    state = load_state(folder)  # a damaged state.npz is an error of its own (E211)
    try:
        return _read_model(target, state)
    except (OSError, ValueError, KeyError, TypeError, AttributeError, EOFError,
            zipfile.BadZipFile) as exc:
        log.warning("%s: the model kept there cannot be read (%s: %s); this run refits",
                    target, type(exc).__name__, file_problem(exc))
        return None


def _read_model(target: Path, state: dict[str, np.ndarray]) -> Model:
    """The ``Model`` kept in ``target`` (a ``model/`` folder), with the centroids of ``state``;
    raises what reading or checking its files raises."""
    facts = json.loads((target / "model.json").read_text(encoding="utf-8"))
    with open(target / "aligner.npz", "rb") as file, np.load(file) as data:  # no allow_pickle
        arrays = {name: data[name] for name in data.files}
    tables = {n: pd.read_parquet(target / f"{n}.parquet")
              for n in ("posts", "topics", "challenges", "map", "questions")
              if n not in ("map", "questions") or (target / f"{n}.parquet").is_file()}
    needed = {"posts": ("text_hash", "topic_id", "challenge_id"), "topics": CLUSTER,
              "challenges": CLUSTER, "map": ("text_hash", "x", "y"), "questions": CLUSTER}
    for name, table in tables.items():
        if missing := [c for c in needed[name] if c not in table.columns]:
            raise KeyError(f"{name}.parquet has no column {', '.join(missing)}")
    aligner = None
    if facts["aligner_min_posts"] is not None:
        aligner = LanguageAligner(min_posts=facts["aligner_min_posts"])
        aligner.global_mean_, aligner.language_axes_ = arrays["global_mean"], arrays["axes"]
        aligner.means_ = dict(zip(facts["aligner_groups"], arrays["means"]))
    centroids = {kind: dict(zip(state.get(f"{kind}_ids", np.array([], int)).tolist(),
                                state.get(f"{kind}_centroids", np.zeros((0, 0)))))
                 for kind in ("topic", "challenge")}
    typed = {"lang", *TYPED} <= set(tables["posts"].columns)
    questions = {}
    if (target / "questions.npz").is_file():
        with open(target / "questions.npz", "rb") as file, np.load(file) as data:
            questions = dict(zip(data["ids"].tolist(), data["centroids"]))
    return Model(facts["fitted_in"], facts["settings"], aligner, tables["posts"], tables["topics"],
                 tables["challenges"], centroids["topic"], centroids["challenge"],
                 {k: Reference(**r) if r else None for k, r in facts["references"].items()},
                 tables.get("map"), questions=tables.get("questions"), question_centroids=questions,
                 typing=facts.get("typing") if typed else None, words=_read_words(target))


def type_posts(model: Model | None, analyzed: pd.DataFrame, raw_vectors: np.ndarray,
               brands: set[str], config: Config) -> tuple[pd.DataFrame, int]:
    """The ``classify_posts`` columns of ``analyzed`` (aligned with its ``raw_vectors``), and how
    many of them were reused from ``model`` (a previous run's): a post it typed under the same
    ``typing_key``, in the same language, written by a member then and now (brand accounts'
    posts are typed ``other``) keeps its columns; the others are typed."""
    from mining.challenges.analyze import classify_posts

    reuse = np.zeros(len(analyzed), dtype=bool)
    if model is not None and model.typing == typing_key(config) and len(analyzed):
        known = model.posts.dropna(subset=["feedback_type"]).drop_duplicates("text_hash")
        match = known.set_index("text_hash").reindex(text_hashes(analyzed["text_norm"]))
        member = (~analyzed["author"].isin(brands)).to_numpy() if "author" in analyzed else True
        reuse = (match["lang"].to_numpy() == analyzed["lang"].astype(str).to_numpy()) & member
    # Nothing reused: the vectors as they are (a mask over every row copies the run's file whole)
    fresh = classify_posts(analyzed[~reuse].reset_index(drop=True),
                           raw_vectors[~reuse] if reuse.any() else raw_vectors, brands,
                           config.challenges)[0]
    if not reuse.any():
        return fresh, 0
    kept = match[list(TYPED)][reuse].assign(post_id=analyzed["post_id"].to_numpy()[reuse])
    typed = pd.concat([fresh.set_axis(np.flatnonzero(~reuse)),
                       kept.set_axis(np.flatnonzero(reuse))[list(fresh.columns)]]).sort_index()
    return typed.astype({c: CHALLENGE_POST[c] for c in TYPED}), int(reuse.sum())


@dataclass
class Plan:
    """Whether this run refits, why, the drift measure, and the model to reuse if it does not."""

    refit: bool
    reason: str
    drift: dict = field(default_factory=dict)
    model: Model | None = None  # None when refitting
    # The model is reused for topics, and its challenges fitted anew: it had none (too few
    # feedback posts then), and nothing of them is kept to reuse.
    refit_challenges: bool = False
    # The new problems of the week added to the reused model's challenges (``new_challenges``).
    added: list[dict] = field(default_factory=list)

    def record(self) -> dict:
        """``manifest["refit"]``: ``refitted`` (topics and challenges), ``challenges_refitted``
        (true too when only the challenges were), ``reason``, ``drift``, ``added_challenges``
        (the new problems added to a reused model) and ``emerging`` (the new problems too small
        for a challenge, ``emerging``: filled in after the challenges stage)."""
        return {"refitted": self.refit, "challenges_refitted": self.refit or self.refit_challenges,
                "reason": self.reason, "drift": self.drift, "added_challenges": self.added,
                "emerging": []}


def plan_refit(model: Model | None, analyzed: pd.DataFrame, raw_vectors: np.ndarray,
               config: Config, all_posts: pd.DataFrame | None = None,
               typed: pd.DataFrame | None = None) -> Plan:
    """Refit or reuse ``model`` (the previous run's), by ``run.refit`` and the drift of the new
    posts: those among ``analyzed`` (with their unaligned ``raw_vectors``) it has not seen.
    ``all_posts`` (every post of the run) tell the brand's accounts, whose posts are no
    feedback; default ``analyzed``. ``typed``: the ``classify_posts`` columns of ``analyzed``
    when they were typed already (``type_posts``); None: the new posts are typed here."""
    mode = config.run.refit
    if model is None:
        return Plan(True, "no model to reuse: a first run, or the previous run kept none")
    settings = fit_settings(config)
    # A setting the fit did not record (added to FIT_SETTINGS since) had its default then.
    defaults = fit_settings(Config())
    changed = [k for k in FIT_SETTINGS if model.settings.get(k, defaults[k]) != settings[k]]
    if any(k in VECTOR_SETTINGS for k in changed):
        return Plan(True, "the vectors changed since the fit (" + ", ".join(changed) + ")")
    reread = _reread(model, analyzed)
    if reread:
        return Plan(True, "the vectors changed since the fit: " + reread)
    drift, sims, feedback = _drift(model, analyzed, raw_vectors, config,
                                   analyzed if all_posts is None else all_posts, typed)
    if mode == "always":
        return Plan(True, "run.refit = always", drift)
    if mode == "never":
        return Plan(False, f"run.refit = never: the model fitted in run {model.fitted_in} is "
                           "reused" + (f" (settings changed since: {', '.join(changed)})"
                                       if changed else ""), drift, _updated(model, sims))
    if changed:
        return Plan(True, "settings changed since the fit: " + ", ".join(changed), drift)
    lost = _lost_clusters(model, analyzed)
    if lost:
        return Plan(True, "inputs changed: " + lost, drift)
    if not model.topic_centroids:  # too few posts then: a fit on more posts may find some
        return Plan(True, f"the model fitted in run {model.fitted_in} has no topics", drift)
    over = [f"{kind}: {problem}" for kind in ("topics", "challenges")
            for problem in _over_limits(drift[kind], kind[:-1], config)]
    if over:
        return Plan(True, "drift: " + "; ".join(over), drift)
    # No challenge to reuse (too few feedback posts then): the challenges alone are fitted again,
    # on every feedback post (a few, or none would have been found), and the topics kept.
    no_challenges = not model.challenge_centroids
    reused = _updated(model, sims)
    if no_challenges:
        return Plan(False, f"the new posts fit the model fitted in run {model.fitted_in} "
                           "(run.refit = auto); it has no challenges: they are fitted anew",
                    drift, reused, refit_challenges=True)
    # A new problem of the week is a small share of the posts since the fit: the limits above do
    # not see it. It forms a group of its own among the fitted posts: added as a challenge.
    groups, drift["new_challenges"] = new_challenges(model, analyzed, raw_vectors, feedback, config,
                                                     all_posts)
    if not groups:
        return Plan(False, f"the new posts fit the model fitted in run {model.fitted_in} "
                           "(run.refit = auto)", drift, reused)
    return Plan(False, "drift: " + "; ".join(g.said() for g in groups) + ": added as "
                f"{'a new challenge' if len(groups) == 1 else 'new challenges'}, the others "
                f"kept from the model fitted in run {model.fitted_in} (run.refit = auto)",
                drift, with_challenges(reused, groups), added=[g.record() for g in groups])


def refit_for_new_group(plan: Plan, alerts: list[dict], config: Config) -> Plan:
    """``plan`` with its challenges fitted anew when one of the emerging-problems ``alerts``
    (``emerging``, after the reused challenges) that no challenge new in this run holds is a
    group as large as the smallest challenge: its new feedback posts and their confirmations
    number ``challenges.min_challenge_size``, else max(10, √n / 2) of the n fitted feedback
    posts. The pool of ``new_challenges`` misses such a group when its posts lie near the fitted
    ones (review 15, R15-4: 73 posts about declined cards, by 50 members, in no challenge or
    under an older one), and the report then told another story than a run of the same export
    without a previous run. Only with ``run.refit = "auto"``, when the challenges were reused;
    else ``plan`` itself."""
    from mining.topics.model import smallest_cluster

    model = plan.model
    if config.run.refit != "auto" or model is None or plan.refit_challenges:
        return plan
    reference = model.references.get("challenges")
    smallest = smallest_cluster(reference.fitted_posts if reference else 0,
                                config.challenges.min_challenge_size)
    large = [a for a in alerts if a.get("challenge_id") is None
             and a["new_posts"] + (a.get("confirmations") or 0) >= smallest]
    if not large:
        return plan
    said = "; ".join(_new_group_said(a) for a in large)
    return dataclasses.replace(
        plan, refit_challenges=True, added=[], reason=(
            f"{said}: the challenges are fitted anew on every feedback post, the topics kept "
            f"from the model fitted in run {model.fitted_in} (run.refit = auto)"))


def _new_group_said(alert: dict) -> str:
    """An emerging-problems alert in a sentence of ``refit.reason``."""
    confirmed = alert.get("confirmations") or 0
    posts = f"{alert['new_posts']} posts" + (f" and {confirmed} confirmations" if confirmed else "")
    return (f"a new group of {posts} by {alert['members']} members formed since the fit: "
            f"{alert['label']}")


def _reread(model: Model, analyzed: pd.DataFrame) -> str:
    """How many of the posts the model knew are read differently now (``texts_read``: an
    upgrade that reads Greeklish in Greek letters, say), in a sentence, when they are
    ``REREAD`` of them at least; "" otherwise. Their vectors changed, so the model's centroids
    no longer describe them. A few follow the run's own words (a Greeklish post's "restart"
    stays Latin once another post writes it so) and move no centroid. A model that kept no
    ``read_hash`` read every post as its ``text_norm``."""
    known = model.posts.drop_duplicates("text_hash")
    before = known.get("read_hash", known["text_hash"]).to_numpy()
    at = pd.Index(known["text_hash"]).get_indexer(text_hashes(analyzed["text_norm"]))
    seen = at >= 0
    changed = len(set(at[seen][text_hashes(texts_read(analyzed))[seen] != before[at[seen]]]))
    if changed < REREAD * len(known):
        return ""
    return f"{changed:,} of the posts the model knew are read differently"


def _lost_clusters(model: Model, analyzed: pd.DataFrame) -> str:
    """The clusters that hold less than ``KEPT_MIN`` of the posts the model knew them by, the
    others no longer in the inputs (a file removed), said in a sentence; "" when none. Their
    labels, keywords and quotes describe posts that are gone: reused, a card would quote posts
    that are not in the run."""
    present = np.isin(model.posts["text_hash"].to_numpy(), text_hashes(analyzed["text_norm"]))
    if present.all():
        return ""
    lost = []
    for column, name in (("topic_id", "topic {}"), ("challenge_id", "challenge {}")):
        ids = model.posts[column].to_numpy(dtype=float, na_value=np.nan)
        known = ids >= 0
        shares = pd.Series(present[known]).groupby(ids[known].astype(int)).mean()
        lost += [name.format(i) for i in shares.index[shares < KEPT_MIN]]
    if not lost:
        return ""
    return (f"{int((~present).sum()):,} of the {len(present):,} posts the model knew are no longer "
            f"in the inputs, and {', '.join(lost[:5])}{' and others' if len(lost) > 5 else ''} "
            f"kept less than {KEPT_MIN:.0%} of {'its' if len(lost) == 1 else 'their'} posts")


def _drift(model: Model, analyzed: pd.DataFrame, raw_vectors: np.ndarray, config: Config,
           all_posts: pd.DataFrame, typed: pd.DataFrame | None
           ) -> tuple[dict, dict[str, np.ndarray], np.ndarray]:
    """The drift measure of the topics and of the challenges, with the posts of this run not
    seen before added (for challenges, those typed as the challenges stage types them and
    clustered), those posts' similarities to their nearest topic and challenge, and which of
    ``analyzed`` are new feedback posts (clustered into challenges)."""
    from mining.challenges.analyze import classify_posts, clustered_posts, find_brand_accounts

    new = ~np.isin(text_hashes(analyzed["text_norm"]), model.posts["text_hash"].to_numpy())
    posts, vectors = analyzed[new], raw_vectors[new]
    aligned = vectors
    if model.aligner is not None and len(vectors):
        aligned = model.aligner.transform(vectors, alignment_groups(posts["lang"], posts["greeklish"]))
    if typed is None:
        brands = find_brand_accounts(all_posts, config.brand)[0]
        typed = classify_posts(posts.reset_index(drop=True), vectors, brands, config.challenges)[0]
    else:
        typed = typed[new].reset_index(drop=True)
    sims = {"topics": nearest(aligned, model.topic_centroids)[1],
            "challenges": nearest(aligned[clustered_posts(typed, config.challenges)],
                                  model.challenge_centroids)[1]}
    drift = {"new_posts": int(new.sum())}
    for kind, found in sims.items():
        reference = model.references.get(kind)
        drift[kind] = reference.add(found).drift() if reference else {}
    feedback = np.zeros(len(analyzed), dtype=bool)
    feedback[np.flatnonzero(new)[clustered_posts(typed, config.challenges)]] = True
    return drift, sims, feedback


def _over_limits(drift: dict, cluster: str, config: Config) -> list[str]:
    """The drift limits of ``[run]`` that the posts since the fit exceed (``cluster``: what the
    centroids are, ``topic`` or ``challenge``)."""
    run = config.run
    if not drift or drift["posts_since_fit"] < MIN_DRIFT_POSTS:
        return []
    over = []
    # Each limit is what the posts since the fit exceed beyond the fit's own figure and beyond
    # chance: a fit that left most feedback posts outside its challenges sees most new ones
    # outside too, and 25 posts' mean moves by a few hundredths without any drift.
    far_limit = drift["fitted_far_share"] + run.refit_far_share + drift["far_share_chance"]
    if drift["far_share"] > far_limit:
        over.append(f"{drift['far_share']:.0%} of the {drift['posts_since_fit']:,} posts since the "
                    f"fit are farther than the fitted outliers from every {cluster}, against "
                    f"{drift['fitted_far_share']:.0%} of the fitted posts (limit {far_limit:.0%}: "
                    f"run.refit_far_share = {run.refit_far_share:.0%} more, and chance)")
    drop_limit = run.refit_similarity_drop + drift["similarity_drop_chance"]
    if drift["similarity_drop"] > drop_limit:
        over.append(f"their mean similarity to the nearest {cluster} is {drift['similarity_drop']:.3f} "
                    f"below the fitted posts' (limit {drop_limit:.3f}: run.refit_similarity_drop "
                    f"= {run.refit_similarity_drop}, and chance)")
    if drift["growth"] > run.refit_growth:
        over.append(f"{drift['posts_since_fit']:,} posts since the fit on "
                    f"{drift['fitted_posts']:,} (limit run.refit_growth = {run.refit_growth})")
    return over


def _updated(model: Model, sims: dict[str, np.ndarray]) -> Model:
    """``model`` with the new posts of this run (``sims`` by kind) counted into its references."""
    return dataclasses.replace(model, references={
        kind: reference.add(sims[kind]) if reference and kind in sims else reference
        for kind, reference in model.references.items()})


def keep_model(run: str, config: Config, plan: Plan, aligner: LanguageAligner | None,
               analyzed: pd.DataFrame, vectors: np.ndarray, topics: pd.DataFrame,
               topic_ids: np.ndarray, topic_centroids: dict[int, np.ndarray], found,
               brands: set[str], words: WordCache | None = None) -> Model:
    """The model this run keeps for the next (``save_model``): a new one when it refitted, else
    the reused one (``plan.model``) with this run's posts, tables, assignments and ``words``
    (``emerging``'s; None: not tokenized).

    ``topics`` and ``found`` (a ``ChallengeResult``) are this run's, with stable ids, before
    curation; ``topic_ids`` and ``found.posts`` are aligned with ``analyzed`` and ``vectors``.
    The typed columns of the posts of ``brands`` (typed ``other`` for being theirs) are not kept.
    """
    hashes = text_hashes(analyzed["text_norm"])
    challenge_ids = found.posts["challenge_id"].to_numpy(dtype=float, na_value=np.nan)
    eligible = ~np.isnan(challenge_ids)
    typed = found.posts[list(TYPED)].reset_index(drop=True)
    if "author" in analyzed:
        typed = typed.mask(pd.Series(analyzed["author"].isin(brands).to_numpy()), axis=0)
    grouped, rows = found.questions, found.question_rows
    groups = np.full(len(analyzed), np.nan)
    if grouped is not None:
        groups[rows] = grouped.labels_
    posts = pd.DataFrame({"text_hash": hashes, "read_hash": text_hashes(texts_read(analyzed)),
                          "topic_id": np.asarray(topic_ids, dtype=int),
                          "challenge_id": pd.array(found.posts["challenge_id"], dtype="Int64"),
                          "question_group": pd.array(groups, dtype="Int64"),
                          "lang": analyzed["lang"].astype(str).to_numpy(), **typed})
    challenges = found.challenges.rename(columns={"challenge_id": "topic_id", "n_posts": "size"})
    challenges = challenges.assign(share=np.round(challenges["size"] / max(int(eligible.sum()), 1), 4))
    tables = {"posts": posts, "topics": topics[list(CLUSTER)].astype({"topic_id": "int64"}),
              "challenges": challenges[list(CLUSTER)].astype({"topic_id": "int64"}),
              "topic_centroids": topic_centroids, "challenge_centroids": found.centroids,
              "typing": typing_key(config),
              "questions": None if grouped is None
              else grouped.table_[list(CLUSTER)].astype({"topic_id": "int64"}),
              "question_centroids": grouped.centroids_ if grouped is not None else {},
              "words": words}
    fits = {"challenges": Reference.of_fit(vectors, challenge_ids[eligible], found.centroids,
                                           np.flatnonzero(eligible))}
    if grouped is not None and not isinstance(grouped, AssignedClusters):  # grouped in this run
        fits["questions"] = Reference.of_fit(vectors, grouped.labels_, grouped.centroids_,
                                             np.flatnonzero(rows))
    if plan.model is not None:  # reused: its references already count this run's new posts
        references = {**plan.model.references, **{k: v for k, v in fits.items()
                                                  if k == "questions" or plan.refit_challenges}}
        return dataclasses.replace(plan.model, references=references, **tables)
    return Model(run, fit_settings(config), aligner, references={
        "topics": Reference.of_fit(vectors, topic_ids, topic_centroids), **fits}, **tables)


def explorer_map(posts: pd.DataFrame, points: tuple[list[str], np.ndarray], limit: int,
                 model: Model) -> tuple[pd.DataFrame, Model]:
    """The map coordinates (``post_id``, ``x``, ``y``) of the posts the explorer will show
    (``sample_posts`` of ``posts`` up to ``limit``; ``points``: the analyzed posts' ids and
    aligned vectors), and ``model`` keeping them by text hash for the next run.

    A run that fitted projects them anew (UMAP, ``map_coordinates``). A run that reused the
    model places them on the map it kept: a post already on it keeps its place, another goes
    where its nearest posts on it are (``place_on_map``); no UMAP.
    """
    from mining.report.explorer.data import sample_posts
    from mining.report.explorer.projection import map_coordinates, place_on_map

    ids, vectors = points
    # the three columns read, not every column of every analyzed post (a copy, alive under UMAP)
    analyzed = analyzed_rows(posts, ["post_id", "text_norm", "challenge_id"])
    row = dict(zip(ids, range(len(ids))))  # a dict, as the explorer's: a post id may repeat
    shown = sample_posts(analyzed, limit)
    shown = shown[shown["post_id"].isin(row)]
    rows = np.array([row[i] for i in shown["post_id"]], dtype=int)
    hashes = text_hashes(shown["text_norm"])
    known, on_map = pd.DataFrame(), np.zeros(len(ids), dtype=bool)
    if model.map is not None:  # each post's text hash, only when there is a map to find them on
        known = model.map.set_index("text_hash")
        text = dict(zip(analyzed["post_id"], analyzed["text_norm"]))
        all_hashes = text_hashes(text.get(i, "") for i in ids)
        on_map = np.isin(all_hashes, known.index)
    del analyzed, row
    if not on_map.any():
        xy = map_coordinates(shown["post_id"], vectors[rows])[["x", "y"]].to_numpy(dtype=float)
    else:
        xy = known.reindex(hashes)[["x", "y"]].to_numpy(dtype=float, copy=True)
        missing = np.isnan(xy[:, 0])
        xy[missing] = place_on_map(vectors[rows[missing]], vectors[on_map],
                                   known.loc[all_hashes[on_map], ["x", "y"]].to_numpy(dtype=float))
    post_map = pd.DataFrame({"post_id": shown["post_id"].astype(str).to_numpy(),
                             "x": xy[:, 0], "y": xy[:, 1]})
    kept = pd.DataFrame({"text_hash": hashes, "x": xy[:, 0], "y": xy[:, 1]}).drop_duplicates("text_hash")
    return post_map, dataclasses.replace(model, map=kept)


# A new problem of the week (``new_challenges``): the posts pooled, and the groups kept.
# Fitted feedback posts pooled at most (a seeded sample beyond): a week stays cheap.
POOL_FIT_MAX = 2000
NEW_GROUP_AUTHORS = 3  # fewest authors of a new challenge's new posts (where authors are known)


@dataclass
class NewGroup:
    """Feedback posts since the fit that form a group no fitted challenge holds
    (``new_challenges``)."""

    centroid: np.ndarray
    row: dict  # its description (``CLUSTER`` columns, ``topic_id`` its id in the pool)
    new_posts: int  # the posts since the fit among its members
    fit_posts: int  # the fitted posts among them
    authors: int | None  # distinct authors of its new posts and their confirmations (None: not known)
    pool_new_share: float  # the share of new posts in the pool it was found in
    confirmations: int = 0  # other members' copies and "me too"s of its new posts

    def record(self) -> dict:
        """The group in the manifest's ``refit.added_challenges``."""
        return {"label": self.row["label"], "new_posts": self.new_posts,
                "confirmations": self.confirmations, "fitted_posts": self.fit_posts,
                "authors": self.authors, "pool_new_share": self.pool_new_share}

    def said(self) -> str:
        """The group in a sentence of the manifest's reason."""
        size = self.new_posts + self.fit_posts
        by = f", by {self.authors} authors" if self.authors is not None else ""
        if self.confirmations:
            by += f", confirmed {self.confirmations} times"
        return (f"{self.new_posts} new feedback posts form a group of their own "
                f"({self.row['label']}: {self.new_posts} of its {size} posts are new{by}, against "
                f"{self.pool_new_share:.0%} of the posts clustered with them)")


def new_challenges(model: Model, analyzed: pd.DataFrame, raw_vectors: np.ndarray, feedback:
                   np.ndarray, config: Config, all_posts: pd.DataFrame | None = None) -> tuple:
    """The new problems among the feedback posts since the fit: groups that they form when they
    are clustered again among the fitted feedback posts, calibrated against the fit itself.

    The pool: the feedback posts the fit clustered (in challenges or left outside them; a seeded
    sample of ``POOL_FIT_MAX`` when more) and every new feedback post (``feedback``: which of
    ``analyzed``, aligned with ``raw_vectors``, are feedback posts ``model`` has not seen). It is
    clustered as challenges are (UMAP and HDBSCAN, no outlier assigned to a group). An ordinary
    week's posts mix with the fitted posts they are like; a new problem forms a group of its own.
    A group is new when
      - its new posts and their confirmations (``_confirmers``) number at least the smallest
        challenge (``challenges.min_challenge_size``, else max(10, √n / 2) of n fitted posts);
      - they make most of it: more than half-way from their share of the pool to all, and more
        than that share by two standard errors;
      - its centroid is less similar than ``run.match_similarity`` to every fitted challenge's
        (tracking would give a refit's group that close the fitted one's id: it grew, it is no
        new one);
      - they are written or confirmed by ``NEW_GROUP_AUTHORS`` authors (where known).

    Returns the new groups, most new posts first, and the pool's figures for the manifest.
    """
    from mining.challenges.clusters import challenge_model
    from mining.topics.model import smallest_cluster

    reference = model.references.get("challenges")
    if reference is None or not model.challenge_centroids or not len(analyzed):
        return [], {}
    hashes = text_hashes(analyzed["text_norm"])
    known = model.posts.drop_duplicates("text_hash").set_index("text_hash")["challenge_id"]
    before = known.reindex(hashes).to_numpy(dtype=float, na_value=np.nan)
    new_rows = np.flatnonzero(feedback)
    # the posts the fit clustered into challenges or left outside them (null: no feedback then)
    fit_rows = np.flatnonzero(~feedback & ~np.isnan(before))
    smallest = smallest_cluster(reference.fitted_posts, config.challenges.min_challenge_size)
    figures = {"new_posts": len(new_rows), "fitted_posts": len(fit_rows), "smallest": smallest}
    if len(new_rows) < smallest:
        return [], figures
    if len(fit_rows) > POOL_FIT_MAX:
        rng = np.random.default_rng(config.challenges.seed)
        fit_rows = np.sort(rng.choice(fit_rows, POOL_FIT_MAX, replace=False))
        figures["fitted_posts_sampled"] = POOL_FIT_MAX
    rows = np.concatenate([fit_rows, new_rows])
    is_new = np.arange(len(rows)) >= len(fit_rows)
    aligned = raw_vectors[rows]
    if model.aligner is not None:
        pooled = analyzed.iloc[rows]
        aligned = model.aligner.transform(aligned, alignment_groups(pooled["lang"],
                                                                    pooled["greeklish"]))
    pool_share = float(is_new.mean())
    # clustered as challenges are, without outliers assigned: a group is its dense core
    settings = dataclasses.replace(config.challenges, max_outlier_share=1.0, n_challenges=None,
                                   fit_sample=0)
    fitted = challenge_model(settings, config.brand).fit(analyzed.iloc[rows], aligned)
    figures.update(pool_new_share=round(pool_share, 4), groups=[])
    pooled = analyzed.iloc[rows]
    who = (pooled["author"].to_numpy() if "author" in analyzed else None,
           _confirmers(analyzed if all_posts is None else all_posts, pooled))
    found = _new_groups(fitted, is_new, who, smallest, model, config, figures["groups"])
    return sorted(found, key=lambda g: -g.new_posts), figures


def emerging(model: Model, analyzed: pd.DataFrame, all_posts: pd.DataFrame, typed: pd.DataFrame,
             config: Config, new_ids: list[int] = (), topics: np.ndarray | None = None
             ) -> tuple[list[dict], WordCache]:
    """The new problems too small for a challenge among the posts ``model`` has not seen
    (``mining.emerging``), whether the run refits or not: ``typed`` (aligned with ``analyzed``,
    with its ``challenge_id``) tells the feedback posts, ``all_posts`` the confirmations;
    ``new_ids``: the challenges new in this run (one that is mostly the problem names it);
    ``topics``: each analyzed post's topic (terms mostly in one are one problem). With
    the words of this run's posts, for the next run to keep (``Model.words``)."""
    from mining.challenges.analyze import clustered_posts
    from mining.emerging import emerging_problems

    is_new = ~np.isin(text_hashes(analyzed["text_norm"]), model.posts["text_hash"].to_numpy())
    feedback = is_new & clustered_posts(typed.reset_index(drop=True), config.challenges)
    ids = (typed["challenge_id"].to_numpy(dtype=float, na_value=np.nan) if "challenge_id" in typed
           else np.full(len(typed), np.nan))
    words = model.words or WordCache()
    return emerging_problems(analyzed, is_new, feedback, _confirmers(all_posts, analyzed),
                             tuple(config.brand.terms), (ids, list(new_ids)), words,
                             topics), words


def _confirmers(all_posts: pd.DataFrame, pooled: pd.DataFrame) -> list[list[str]]:
    """For each post of ``pooled``, the authors of the posts of ``all_posts`` that confirm it
    (``agrees_with`` its ``post_id``: another member's copy of it, or a bare "me too"), one per
    confirming post."""
    if "agrees_with" not in all_posts or "author" not in all_posts:
        return [[] for _ in range(len(pooled))]
    agreeing = all_posts[all_posts["agrees_with"].notna() & all_posts["author"].notna()]
    agreeing = agreeing.drop_duplicates(["agrees_with", "author"])  # a member's repeat: once
    by_target = agreeing.groupby(agreeing["agrees_with"].astype(str))["author"].agg(list)
    return [by_target.get(str(p), []) for p in pooled["post_id"]]


def _new_groups(fitted, is_new: np.ndarray, who_wrote: tuple, smallest: int, model: Model,
                config: Config, said: list[dict]) -> list[NewGroup]:
    """The groups of the pool's clustering ``fitted`` that pass ``new_challenges``' tests
    (``is_new``: which of the pool's posts are new; ``who_wrote``: the pool's authors, or None,
    and each post's confirmers); each group's figures appended to ``said``."""
    pool_share = float(is_new.mean())
    table = fitted.table_.set_index("topic_id") if fitted.centroids_ else None
    authors, confirmed = who_wrote
    found = []
    for gid, centroid in sorted(fitted.centroids_.items()):
        centroid = np.asarray(centroid, dtype=np.float64) / np.linalg.norm(centroid)
        members = fitted.labels_ == gid
        n_new, n_all = int((members & is_new).sum()), int(members.sum())
        confirming = [a for r in np.flatnonzero(members & is_new) for a in confirmed[r]]
        named = ({a for a in authors[members & is_new].tolist() if isinstance(a, str) and a}
                 if authors is not None else set()) | set(confirming)
        who = len(named) if named else None  # None: no author known
        volume = n_new + len(confirming)
        # as tracking matches a refit's challenges: a group this close to a fitted one is that one
        match = float(max(float(centroid @ c) for c in model.challenge_centroids.values()))
        said.append({"posts": n_all, "new": n_new, "confirmations": len(confirming),
                     "authors": who, "similarity_to_fitted": round(match, 3)})
        floor = max((1 + pool_share) / 2,
                    pool_share + 2 * math.sqrt(pool_share * (1 - pool_share) / n_all))
        if (volume >= smallest and n_new / n_all > floor and match < config.run.match_similarity
                and (who is None or who >= NEW_GROUP_AUTHORS)):
            found.append(NewGroup(centroid, {"topic_id": gid, **table.loc[gid].to_dict()}, n_new,
                                  n_all - n_new, who, round(pool_share, 4), len(confirming)))
    return found


def with_challenges(model: Model, groups: list[NewGroup]) -> Model:
    """``model`` with ``groups`` added to its challenges after its largest id (centroid and
    description; their posts are assigned as every new post is, to the nearest challenge).
    ``tracking.stable_ids`` then gives each a new stable id: it matches no challenge of the
    previous run (``new_challenges`` keeps no group that close to one)."""
    first = max(model.challenge_centroids) + 1
    centroids = {**model.challenge_centroids,
                 **{first + k: g.centroid for k, g in enumerate(groups)}}
    rows = pd.DataFrame([{**g.row, "topic_id": first + k} for k, g in enumerate(groups)])
    table = pd.concat([model.challenges, rows[list(CLUSTER)]], ignore_index=True)
    return dataclasses.replace(model, challenge_centroids=centroids,
                               challenges=table.astype({"topic_id": "int64"}))
