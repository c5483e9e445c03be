"""Fit on a sample, assign everything: agreement with a fit on every post, time and memory (issue 13.3).

Builds a corpus of N posts from real Hebrew, Greek and English texts (``scale.build_corpus``:
real texts recombined so each is unique, times over 2025), reads it as ``mining run`` does
(normalize, language, filter) and embeds the analyzed posts through the embedding cache, then
aligns them. On those vectors the topics stage (``pipeline.fit_topics``: the fit, keywords,
labels and quotes) runs in a fresh process for each fit, so that each process's peak memory is
its own:

* ``full``: ``topics.fit_sample = 0``, every post fitted;
* ``sample K``: fitted on K posts drawn by language and month, the others assigned;
* ``full, seed 43``: every post fitted with another UMAP seed, the agreement a full fit has with
  itself (UMAP's layout is chaotic: a post near two topics may go either way).

It reports each fit's seconds, the process's resident memory before the fit and at its peak,
topics and outlier share, and, against ``full``: the adjusted Rand index over every post (outliers
counted as one more cluster) and the share of posts whose topic changes, topics matched one to
one by their shared posts (Hungarian assignment; a post of a topic left unmatched has changed),
for the fitted and the assigned posts apart too.

With ``--cached-only``, only the analyzed posts whose vectors the embedding cache already holds
are kept (none is embedded): a subset of the corpus, its size in the output (``analyzed``).

With ``--vectors recombined``, only the embedding is replaced, as ``topics_cost.py`` and
``scale.py`` do (``topics_cost.prepare``): the corpus is built from the real texts whose own
vectors the embedding cache holds, and each analyzed post's vector is the unit mean of its real
texts' vectors (a one-text post has its true vector, a two-text post an approximation of the
joined text's), aligned as the run aligns them. Nothing is embedded, so 100k posts are in reach;
the output says ``"vectors": "recombined ..."``.

Usage (embedding new posts runs at 5-80 posts/s on a shared machine; the cache is asked first):
    nice .venv/bin/python benchmarks/fit_sample.py --size 30000 --samples 6000 \
        [--cached-only | --vectors recombined] [--cache ~/.cache/mining/embeddings]
        [--shared ../shared] [--work /tmp/mining-fit-sample]
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment
from sklearn.metrics import adjusted_rand_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from scale import build_corpus, real_texts  # noqa: E402
import topics_cost  # noqa: E402

from mining.config import Config  # noqa: E402
from mining.runs import Manifest  # noqa: E402


RECOMBINED = "recombined: a post's vector is the unit mean of its real texts' cached vectors"


def _stem(n: int, vectors: str) -> str:
    """The name of an ``n``-post corpus's files in the work folder (by its vectors' source)."""
    return f"{n}-recombined" if vectors == "recombined" else str(n)


def prepare(n: int, shared: Path, cache: str, work: Path, cached_only: bool,
            vectors: str = "real") -> dict:
    """The analyzed posts (parquet) and their aligned vectors (npy) of an ``n``-post corpus
    (with ``cached_only``, of its posts whose vectors the cache holds; with ``vectors ==
    "recombined"``, of the corpus over the cached real texts, its vectors their unit means)."""
    from mining.pipeline import align_stage, embed_stage, read_posts

    work.mkdir(parents=True, exist_ok=True)
    if vectors == "recombined":
        saved = topics_cost.prepare(n, "recombined", shared, Path(cache).expanduser(), work)
        pd.read_parquet(saved.with_suffix(".parquet"))[
            ["post_id", "text_norm", "lang", "created_at", "author"]].to_parquet(
            work / f"posts-{_stem(n, vectors)}.parquet", index=False)
        np.save(work / f"vectors-{_stem(n, vectors)}.npy", np.load(saved)["vectors"])
        return {"vectors": RECOMBINED, "computed": 0}
    corpus = work / f"corpus-{n}.csv"
    columns = ["id", "created_at", "author", "channel", "thread_id", "reply_to", "text"]
    build_corpus(n, real_texts(shared))[columns].to_csv(corpus, index=False)
    config = Config().updated("embedding", cache_dir=cache)
    posts = read_posts([str(corpus)], config)
    analyzed = posts[posts["analyzed"]].sort_values("text_norm", kind="stable")
    if cached_only:
        analyzed = analyzed[held_by_cache(analyzed["text_norm"].tolist(), config)]
    manifest = Manifest()
    raw = embed_stage(analyzed, set(), config, manifest, False)[0]
    vectors = align_stage(analyzed, raw, config, manifest)[0]
    analyzed[["post_id", "text_norm", "lang", "created_at", "author"]].to_parquet(
        work / f"posts-{n}.parquet", index=False)
    np.save(work / f"vectors-{n}.npy", vectors)
    return {k: manifest.data["embedding"].get(k) for k in ("computed", "cached", "posts_per_s")}


def held_by_cache(texts: list[str], config: Config) -> np.ndarray:
    """Whether the embedding cache holds each text's vector (as the run would embed it)."""
    from mining.embed import cut_to_tokens, get_embedder
    from mining.embed.cache import EmbeddingCache

    embedder, e = get_embedder(config.embedding.name), config.embedding
    cut = [cut_to_tokens(t, embedder, e.max_tokens) for t in texts]
    held = EmbeddingCache(e.cache_dir).get(embedder.name, cut)
    return np.array([c in held for c in cut], dtype=bool)


def fit(stem: str, work: Path, fit_sample: int, seed: int) -> None:
    """One topics stage in this process; writes its topics per post and figures as JSON."""
    from mining.pipeline import fit_topics

    posts = pd.read_parquet(work / f"posts-{stem}.parquet")
    vectors = np.load(work / f"vectors-{stem}.npy")
    rss_before = _rss_mb()
    config = Config().updated("topics", fit_sample=fit_sample, seed=seed)
    began = time.perf_counter()
    model, table = fit_topics(posts, vectors, config)
    seconds = time.perf_counter() - began
    sizes = np.bincount(model.topics_[model.topics_ >= 0], minlength=1)
    out = {"seconds": round(seconds, 1), "rss_before_mb": rss_before,
           "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
           "topics": len(table), "outlier_share": round(float(np.mean(model.topics_ < 0)), 4),
           "fitted_on": model.fitted_on_, "assigned": model.assigned_,
           "min_cluster_size": model.min_cluster_size_, "fit_sample": model.sample_size_,
           "largest_share": round(float(sizes.max() / max(len(model.topics_), 1)), 4),
           "topic_ids": model.topics_.tolist()}
    (work / f"fit-{stem}-{fit_sample}-{seed}.json").write_text(json.dumps(out))


def _rss_mb() -> int:
    with open("/proc/self/statm") as statm:
        return round(int(statm.read().split()[1]) * resource.getpagesize() / 2**20)


def run_fit(n: int, work: Path, fit_sample: int, seed: int, vectors: str = "real") -> dict:
    subprocess.run([sys.executable, __file__, "--fit", str(fit_sample), "--seed", str(seed),
                    "--size", str(n), "--vectors", vectors, "--work", str(work)], check=True)
    return json.loads((work / f"fit-{_stem(n, vectors)}-{fit_sample}-{seed}.json").read_text())


def changed_share(reference: np.ndarray, other: np.ndarray) -> np.ndarray:
    """Per post, whether its topic differs from ``reference``'s once topics are matched one to
    one by shared posts (outliers only match outliers)."""
    ref_ids, ref_of = np.unique(reference, return_inverse=True)
    oth_ids, oth_of = np.unique(other, return_inverse=True)
    shared = np.zeros((len(oth_ids), len(ref_ids)))
    np.add.at(shared, (oth_of, ref_of), 1)
    outlier_ref, outlier_oth = ref_ids == -1, oth_ids == -1
    shared[np.ix_(outlier_oth, ~outlier_ref)] = shared[np.ix_(~outlier_oth, outlier_ref)] = -1e9
    rows, cols = linear_sum_assignment(-shared)
    kept = shared[rows, cols] >= 0
    match = dict(zip(oth_ids[rows[kept]], ref_ids[cols[kept]]))
    mapped = np.array([match.get(t, -2) for t in other])  # unmatched: changed
    return mapped != reference


def compare(full: dict, other: dict, fitted: np.ndarray | None = None) -> dict:
    ref, oth = np.array(full["topic_ids"]), np.array(other["topic_ids"])
    changed = changed_share(ref, oth)
    out = {"ari": round(adjusted_rand_score(ref, oth), 3), "changed": round(float(changed.mean()), 3)}
    if fitted is not None and (~fitted).any():
        out.update(changed_fitted=round(float(changed[fitted].mean()), 3),
                   changed_assigned=round(float(changed[~fitted].mean()), 3))
    return out


def sample_mask(stem: str, work: Path, fit_sample: int) -> np.ndarray:
    from mining.topics.sample import sample_rows

    posts = pd.read_parquet(work / f"posts-{stem}.parquet")
    return sample_rows(posts["lang"], posts["created_at"], posts["text_norm"], fit_sample,
                       Config().topics.seed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=30_000)
    parser.add_argument("--samples", type=int, nargs="+", default=[6_000])
    parser.add_argument("--no-baseline", action="store_true", help="skip the full fit with seed 43")
    parser.add_argument("--cached-only", action="store_true",
                        help="keep only the analyzed posts whose vectors the cache holds (no "
                             "embedding; the output says how many)")
    parser.add_argument("--vectors", choices=("real", "recombined"), default="real",
                        help="recombined: each post's vector the unit mean of its real texts' "
                             "cached vectors, as topics_cost.py and scale.py (no embedding)")
    parser.add_argument("--cache", default="~/.cache/mining/embeddings")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--work", type=Path, default=Path("/tmp/mining-fit-sample"))
    parser.add_argument("--fit", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--seed", type=int, default=42, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cached_only and args.vectors == "recombined":
        parser.error("--cached-only and --vectors recombined exclude each other")
    stem = _stem(args.size, args.vectors)
    if args.fit is not None:
        return fit(stem, args.work, args.fit, args.seed)
    report = {"size": args.size, "embedding": prepare(args.size, args.shared, args.cache, args.work,
                                                      args.cached_only, args.vectors)}
    print(json.dumps(report, ensure_ascii=False), flush=True)
    full = run_fit(args.size, args.work, 0, 42, args.vectors)
    report["analyzed"] = len(full["topic_ids"])
    fits = {"full": full}
    for k in args.samples:
        fits[f"sample {k}"] = run_fit(args.size, args.work, k, 42, args.vectors)
    if not args.no_baseline:
        fits["full, seed 43"] = run_fit(args.size, args.work, 0, 43, args.vectors)
    for name, result in fits.items():
        # the sample drawn: the one asked for, raised to the clustering's floor (``fit_sample``)
        fitted = (sample_mask(stem, args.work, result.get("fit_sample") or int(name.split()[1]))
                  if name.startswith("sample") else None)
        figures = {k: v for k, v in result.items() if k != "topic_ids"}
        if name != "full":
            figures |= compare(full, result, fitted)
        report[name] = figures
        print(json.dumps({"fit": name, **figures}), flush=True)
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
