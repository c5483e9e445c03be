"""The topics stage's cost against BERTopic's defaults on the same vectors (issue 13).

Builds a corpus of N posts from real Hebrew, Greek and English texts (``scale.build_corpus``),
reads it as ``mining run`` does (normalize, language, filter) and gives its analyzed posts
aligned vectors in one of two ways:

- ``real``: every analyzed post embedded by the real embedder (through the embedding cache;
  texts it lacks are computed, which takes an hour per ~100k posts on this machine);
- ``recombined``: a post of ``build_corpus`` is one real text or two joined; its vector is the
  unit mean of its texts' real vectors, each embedded alone. A one-text post (about half) has its
  true vector; a two-text post has an approximation of the vector of the joined text. Only the
  embedding is replaced, so that 100k posts need the ~28k real texts embedded once, not 100k.

Then, each in a fresh process on the same vectors: ``mining``'s topics stage
(``pipeline.fit_topics``: counting keys, the fit, the topic table) and BERTopic with its defaults
(``BERTopic(embedding_model=None)``, default UMAP and HDBSCAN, fit on the post texts with the
precomputed vectors). It prints one JSON line per system: seconds and peak resident memory per
step (the kernel's high-water mark, reset at each step), the process's peak, and the topic count
and outlier share.

Usage:
    nice .venv/bin/python benchmarks/topics_cost.py [--sizes 30000 100000]
        [--vectors recombined|real] [--only mining|bertopic] [--shared ../shared] [--work DIR]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from functools import wraps
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale import build_corpus, real_texts  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


# ---------------------------------------------------------------- the posts and their vectors
def _read(corpus: pd.DataFrame, path: Path) -> pd.DataFrame:
    """The analyzed posts as ``mining run`` reads them, in its canonical order."""
    from mining.config import Config
    from mining.pipeline import read_posts

    corpus[["id", "created_at", "author", "channel", "thread_id", "reply_to", "text"]].to_csv(
        path, index=False)
    posts = read_posts([str(path)], Config())
    analyzed = posts[posts["analyzed"]].sort_values("text_norm", kind="stable")
    # the text as built (``text`` has members' names replaced by pseudonyms)
    return analyzed.assign(built=analyzed["source_id"].astype(int).map(corpus.set_index("id")["text"]))


def _cached(texts: list[str], cache: Path) -> dict[str, np.ndarray]:
    """The real vectors the embedding cache holds for ``texts`` (embedded as they are)."""
    from mining.config import Config
    from mining.embed import get_embedder
    from mining.embed.cache import EmbeddingCache

    return EmbeddingCache(cache).get(get_embedder(Config().embedding.name).name, texts)


def _embedded(texts: list[str], cache: Path) -> np.ndarray:
    """The vectors of the embed stage, through the cache (texts it lacks are computed)."""
    from mining.config import Config
    from mining.embed import embed_texts, get_embedder
    from mining.embed.cache import EmbeddingCache

    e = Config().embedding
    vectors, figures = embed_texts(texts, get_embedder(e.name), EmbeddingCache(cache),
                                   max_tokens=e.max_tokens, checkpoint_posts=e.checkpoint_posts)
    print(json.dumps({"embedding": figures}), flush=True)
    return vectors


def _parts(text: str, pool: set[str]) -> list[str]:
    """The real texts a post of ``build_corpus`` joins (one, or two split at a space)."""
    if text in pool:
        return [text]
    for i, c in enumerate(text):
        if c == " " and text[:i] in pool and text[i + 1:] in pool:
            return [text[:i], text[i + 1:]]
    raise ValueError(f"not a post of build_corpus: {text[:60]!r}")


def _unit_mean(vectors: list[np.ndarray]) -> np.ndarray:
    mean = np.mean(vectors, axis=0)
    return mean / np.linalg.norm(mean)


def prepare(n: int, kind: str, shared: Path, cache: Path, folder: Path) -> Path:
    """Analyzed posts (canonical order) with aligned vectors, saved for the child processes.

    ``real``: the corpus of ``build_corpus`` over all the real texts, every analyzed post's
    vector from the embed stage (the cache's, or computed: an hour per ~100k). ``recombined``:
    the corpus over the real texts whose own vectors the cache holds, each post's vector the
    unit mean of its texts' vectors."""
    from mining.embed.align import LanguageAligner, alignment_groups

    target = folder / f"n{n}-{kind}.npz"
    if target.exists():
        return target
    texts = real_texts(shared)
    if kind == "recombined":
        found = _cached([t for pool in texts.values() for t in pool], cache)
        texts = {lang: [t for t in pool if t in found] for lang, pool in texts.items()}
    corpus = build_corpus(n, texts)
    analyzed = _read(corpus, folder / f"corpus{n}.csv")
    if kind == "real":
        raw = _embedded(analyzed["text_norm"].tolist(), cache)
    else:
        pool = {t for lang in texts.values() for t in lang}
        raw = np.stack([_unit_mean([found[p] for p in _parts(t, pool)]) for t in analyzed["built"]])
    groups = alignment_groups(analyzed["lang"], analyzed["greeklish"])
    aligned = LanguageAligner().fit(raw, groups).transform(raw, groups)
    columns = ["post_id", "text", "text_norm", "lang", "author", "created_at"]
    analyzed[columns].reset_index(drop=True).to_parquet(target.with_suffix(".parquet"))
    np.savez(target, vectors=aligned.astype(np.float32))
    print(json.dumps({"size": n, "vectors": kind, "texts_per_language": {
        lang: len(pool) for lang, pool in texts.items()}, "analyzed": len(analyzed)}), flush=True)
    return target


# ---------------------------------------------------------------- per-step time and memory
def _mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field):
            return int(line.split()[1]) / 1024
    return float("nan")


class Steps:
    """Seconds and peak resident memory per named step; between steps counts as ``other``.
    The peak is the kernel's high-water mark (VmHWM), reset when a step begins."""

    def __init__(self) -> None:
        self.figures: dict[str, dict[str, float]] = {}
        self.peak = _mb("VmHWM")
        self._reset()

    def _reset(self) -> None:
        Path("/proc/self/clear_refs").write_text("5")
        self._began = time.perf_counter()

    def _add(self, name: str) -> None:
        seconds, peak = time.perf_counter() - self._began, _mb("VmHWM")
        entry = self.figures.setdefault(name, {"seconds": 0.0, "peak_mb": 0.0})
        entry["seconds"] += seconds
        entry["peak_mb"] = max(entry["peak_mb"], peak)
        self.peak = max(self.peak, peak)

    def wrap(self, owner, attribute: str, name: str) -> None:
        inner = getattr(owner, attribute)

        @wraps(inner)
        def timed(*args, **kwargs):
            self._add("other")
            self._reset()
            try:
                return inner(*args, **kwargs)
            finally:
                self._add(name)
                self._reset()
        setattr(owner, attribute, timed)

    def report(self) -> dict:
        self._add("other")
        return {name: {"seconds": round(f["seconds"], 1), "peak_mb": round(f["peak_mb"])}
                for name, f in self.figures.items()}


def _bertopic_steps(steps: Steps) -> None:
    from bertopic import BERTopic

    steps.wrap(BERTopic, "_reduce_dimensionality", "umap")
    steps.wrap(BERTopic, "_cluster_embeddings", "hdbscan")
    steps.wrap(BERTopic, "_extract_topics", "bertopic c-tf-idf")


def child(system: str, data: Path) -> dict:
    """Fit one system on the saved posts and vectors; its figures."""
    from mining.jit import cache_compiled

    cache_compiled()  # both systems read numba's compiled code from disk: a warm process
    posts = pd.read_parquet(data.with_suffix(".parquet"))
    vectors = np.load(data)["vectors"]
    import bertopic  # noqa: F401  imported before the clock starts, for both
    import hdbscan  # noqa: F401
    import umap  # noqa: F401

    baseline = _mb("VmRSS")
    steps = Steps()
    _bertopic_steps(steps)
    began = time.perf_counter()
    if system == "mining":
        topics, extra = _fit_mining(posts, vectors, steps)
    else:
        from bertopic import BERTopic

        model = BERTopic(embedding_model=None)
        topics = np.asarray(model.fit_transform(posts["text"].tolist(), vectors)[0])
        extra = {}
    seconds = time.perf_counter() - began
    figures = steps.report()
    np.save(data.with_name(f"{data.stem}-{system}-topics.npy"), topics)  # to compare runs
    return {"system": system, "posts": len(posts), "seconds": round(seconds, 1),
            "peak_mb": round(max(steps.peak, _mb("VmHWM"))), "input_mb": round(baseline),
            "topics": int(len(set(topics.tolist()) - {-1})),
            "outlier_share": round(float(np.mean(topics == -1)), 4), **extra, "steps": figures}


def _fit_mining(posts: pd.DataFrame, vectors: np.ndarray, steps: Steps) -> tuple[np.ndarray, dict]:
    from mining import pipeline
    from mining.config import Config
    from mining.topics import model as topic_module

    steps.wrap(pipeline, "token_docs", "counting keys")
    steps.wrap(pipeline, "describe_topics", "topic table")
    steps.wrap(topic_module, "nearest_neighbours", "exact neighbours")
    steps.wrap(topic_module, "merge_linked", "merge")
    steps.wrap(topic_module.TopicModel, "transform", "assignment")
    steps.wrap(topic_module, "_centroids", "centroids")
    steps.wrap(topic_module.TopicModel, "_assign_outliers", "outlier assignment")
    steps.wrap(topic_module.TopicModel, "_keywords", "keywords")
    model, _ = pipeline.fit_topics(posts, vectors, Config())
    return model.topics_, {"found_by_hdbscan": model.n_found_, "merged": model.merged_,
                           "outliers_assigned": model.outliers_assigned_}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[30_000])
    parser.add_argument("--vectors", choices=("recombined", "real"), default="recombined")
    parser.add_argument("--only", choices=("mining", "bertopic"))
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--cache", type=Path, default=Path("~/.cache/mining/embeddings").expanduser())
    parser.add_argument("--work", type=Path, default=Path("/tmp/mining-topics-cost"))
    parser.add_argument("--child", nargs=2, metavar=("SYSTEM", "DATA"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], Path(args.child[1]))))
        return
    args.work.mkdir(parents=True, exist_ok=True)
    for n in args.sizes:
        data = prepare(n, args.vectors, args.shared, args.cache, args.work)
        for system in [args.only] if args.only else ["mining", "bertopic"]:
            out = subprocess.run([sys.executable, __file__, "--child", system, str(data)],
                                 check=True, stdout=subprocess.PIPE, text=True).stdout
            figures = json.loads(out.strip().splitlines()[-1])
            print(json.dumps({"size": n, "vectors": args.vectors, **figures}), flush=True)


if __name__ == "__main__":
    main()
