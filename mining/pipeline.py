"""The batch run: ingest → normalize → language → filter → embed → align → topics → report.

Each step is a function over a DataFrame; this module only calls them in order, times them, counts
rows in and out, and hands the results to the writers. I/O happens at the two ends.

Example:
    >>> result = run(["corpora/demo"], "reports/demo", Config())   # doctest: +SKIP
    >>> result.topics[["topic_id", "label", "size"]]                # doctest: +SKIP
"""
from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from mining.config import Config
from mining.embed import embed_texts, get_embedder
from mining.embed.align import LanguageAligner, alignment_groups
from mining.embed.cache import EmbeddingCache
from mining.filter import mark_skips
from mining.ingest import read_inputs
from mining.lang import detect_languages
from mining.lang.analyze import Surfaces, TextAnalyzer
from mining.normalize import normalize_posts
from mining.privacy import protect_identities
from mining.runs import STATE_FILE, Manifest, load_state, run_folder, save_state
from mining.schema import ASSIGNED_POST, NORMALIZED_POST, POSTS_PARQUET_ORDER, check_frame
from mining.topics.describe import describe_topics
from mining.topics.model import TopicModel
from mining.tracking import match_ids

log = logging.getLogger("mining")


@dataclass
class RunResult:
    posts: pd.DataFrame  # one row per input record (posts.parquet)
    topics: pd.DataFrame  # one row per topic (topics.csv)
    manifest: dict
    out: Path


def prepare_posts(posts: pd.DataFrame, config: Config) -> pd.DataFrame:
    """Normalize, detect languages and mark the posts that are not clustered."""
    prepared = mark_skips(detect_languages(normalize_posts(posts)), config.filter)
    return check_frame(prepared, NORMALIZED_POST, "prepare_posts")


def fit_topics(analyzed: pd.DataFrame, vectors: np.ndarray, config: Config
               ) -> tuple[TopicModel, pd.DataFrame]:
    """Fit the topic model on analyzed posts and their aligned vectors; describe the topics."""
    analyzer = TextAnalyzer().fit(analyzed["text_norm"].tolist(), analyzed["lang"].tolist())
    surfaces = Surfaces()
    docs = []
    for text, lang in zip(analyzed["text_norm"], analyzed["lang"]):
        pairs = analyzer.tokens(text, lang)
        surfaces.add(pairs)
        docs.append(" ".join(key for key, _ in pairs))
    t = config.topics
    model = TopicModel(n_topics=t.n_topics, min_topic_size=t.min_topic_size,
                       max_topic_share=t.max_topic_share, max_outlier_share=t.max_outlier_share, umap_neighbors=t.umap_neighbors,
                       umap_components=t.umap_components, seed=t.seed, top_keywords=t.top_keywords)
    model.fit(docs, vectors, analyzed["lang"].to_numpy(), keys=analyzed["text_norm"].tolist())
    return model, describe_topics(analyzed, vectors, model, surfaces, t.quotes)


def read_posts(inputs: list[str], config: Config, manifest: Manifest, strict: bool = False
               ) -> pd.DataFrame:
    """Read, protect identities, normalize, detect languages and mark skips; account per file."""
    with manifest.stage("read") as st:
        log.info("reading %s", ", ".join(inputs))
        raw, files = read_inputs(inputs, config.input, strict=strict)
        manifest.data["inputs"] = [vars(f) for f in files]
        st["rows_out"] = len(raw)

    with manifest.stage("protect", len(raw)) as st:
        raw, manifest.data["privacy"] = protect_identities(raw, config.privacy, config.brand)
        st["rows_out"] = len(raw)

    with manifest.stage("prepare", len(raw)) as st:
        posts = prepare_posts(raw, config)
        st["rows_out"] = int(posts["analyzed"].sum())
        st["skipped"] = posts["skip_reason"].value_counts().to_dict()
        st["languages"] = posts["lang"].value_counts().to_dict()
    for entry in manifest.data["inputs"]:
        rows = posts[posts["source_file"] == entry["file"]]
        entry["rows_written"] = len(rows)
        entry["skipped"] = rows["skip_reason"].value_counts().to_dict()
    return posts


def run(inputs: list[str], out: str | Path, config: Config, strict: bool = False,
        progress: bool = False, latest: Path | None = None, previous: Path | None = None
        ) -> RunResult:
    """Run the whole pipeline into the folder ``out``.

    Args:
        progress: show progress bars (on a terminal).
        latest: a link to point at ``out`` when the run succeeds (scheduled runs).
        previous: an earlier run folder whose topic ids this run keeps for the same topics.

    A failed run leaves ``out/FAILED`` with the error, a manifest with ``status: failed`` and the
    traceback in ``out/run.log``; ``latest`` keeps pointing at the last good run.
    """
    out = Path(out)
    manifest = Manifest()
    manifest.data["config"] = config.to_dict()
    manifest.data["seeds"] = {"umap": config.topics.seed}
    with run_folder(out, latest):
        try:
            return _run(inputs, out, config, manifest, strict, progress, previous)
        except BaseException as exc:
            manifest.data["error"] = str(exc)
            manifest.write(out, status="failed")
            raise


def _run(inputs: list[str], out: Path, config: Config, manifest: Manifest, strict: bool,
         progress: bool, previous_folder: Path | None) -> RunResult:
    from mining.report import write_reports

    previous = load_state(previous_folder)
    if previous:
        previous["folder"] = str(previous_folder)

    posts = read_posts(inputs, config, manifest, strict)
    # A canonical order (by text; analyzed texts are unique) before anything order-sensitive:
    # float sums and UMAP's neighbour search must see the same posts in the same order, or the
    # same posts shuffled would give other topics. The index still points into ``posts``.
    analyzed = posts[posts["analyzed"]].sort_values("text_norm", kind="stable")
    with manifest.stage("embed", len(analyzed)) as st:
        log.info("embedding %d posts with %s", len(analyzed), config.embedding.name)
        embedder = get_embedder(config.embedding.name)
        cache = EmbeddingCache(config.embedding.cache_dir)
        vectors, counts = embed_texts(analyzed["text_norm"].tolist(), embedder, cache,
                                      progress=progress)
        st["rows_out"] = len(vectors)
        manifest.data["embedding"] = {"model": embedder.name, **counts}

    with manifest.stage("align", len(analyzed)) as st:
        if config.embedding.align and len(analyzed):
            groups = alignment_groups(analyzed["lang"], analyzed["greeklish"])
            aligner = LanguageAligner().fit(vectors, groups)
            vectors = aligner.transform(vectors, groups)
            st["groups_with_offset"] = sorted(aligner.means_)
        st["rows_out"] = len(vectors)

    minimum = max(2 * (config.topics.min_topic_size or 10), 20)
    with manifest.stage("topics", len(analyzed)) as st:
        if len(analyzed) >= minimum:
            log.info("finding topics in %d posts", len(analyzed))
            model, topics = fit_topics(analyzed, vectors, config)
            st.update(min_cluster_size=model.min_cluster_size(len(analyzed)),
                      found_by_hdbscan=model.n_found_, outliers_assigned=model.outliers_assigned_)
        else:
            model = _empty_model(len(analyzed))
            topics = describe_topics(analyzed.iloc[:0], vectors[:0], model, Surfaces())
            st["not_run"] = f"{len(analyzed)} analyzed posts; topics need at least {minimum}"
        topic_ids, topics, centroids = _track_topics(model, topics, previous, config, manifest)
        st["rows_out"] = len(analyzed)
        st["topics"] = len(topics)
        st["outlier_share"] = round(float(np.mean(topic_ids == -1)), 4) if len(topic_ids) else None

    posts["topic_id"] = pd.Series(pd.NA, index=posts.index, dtype="Int64")
    posts.loc[analyzed.index, "topic_id"] = topic_ids
    posts = check_frame(posts, ASSIGNED_POST, "assign_topics")[POSTS_PARQUET_ORDER]

    with manifest.stage("write", len(posts)) as st:
        posts.to_parquet(out / "posts.parquet", index=False)
        topics.to_csv(out / "topics.csv", index=False)
        save_state(out, topic_ids=np.array(list(centroids), dtype=int),
                   topic_centroids=np.stack(list(centroids.values())) if centroids else np.zeros((0, 0)))
        written = write_reports(posts, topics, manifest.data, out, centroids)
        st["rows_out"] = len(posts)
        st["files"] = ["posts.parquet", "topics.csv", STATE_FILE, *written, "manifest.json"]
    manifest.write(out)
    return RunResult(posts, topics, manifest.data, out)


def _track_topics(model: TopicModel, topics: pd.DataFrame, previous: dict, config: Config,
                  manifest: Manifest) -> tuple[np.ndarray, pd.DataFrame, dict[int, np.ndarray]]:
    """Give topics the ids of the previous run's matching topics; note what changed."""
    fitted = sorted(model.centroids_)
    matrix = np.stack([model.centroids_[i] for i in fitted]) if fitted else np.zeros((0, 0))
    ids, changes = match_ids(previous.get("topic_ids", np.array([], int)),
                             previous.get("topic_centroids", np.zeros((0, matrix.shape[-1]))),
                             matrix, config.topics.match_similarity)
    mapping = dict(zip(fitted, ids.tolist()))
    topics = topics.assign(topic_id=topics["topic_id"].map(mapping))
    topics.insert(1, "status", topics["topic_id"].map(changes.status))
    manifest.data["changes"] = {"topics": dataclasses.asdict(changes),
                                "previous_run": previous.get("folder")}
    topic_ids = np.array([mapping.get(t, -1) for t in model.topics_.tolist()], dtype=int)
    return topic_ids, topics, dict(zip(ids.tolist(), matrix))


def _empty_model(n_posts: int) -> TopicModel:
    """A model without topics: every post an outlier (too few posts to cluster)."""
    model = TopicModel()
    model.topics_, model.keywords_, model.centroids_ = np.full(n_posts, -1), {}, {}
    return model
