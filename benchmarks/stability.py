"""Stability benchmark: do topics and challenges hinge on the machine they are computed on?

Runs the topics and challenges stages on the demo corpus (its precomputed embeddings in
tests/data/embeddings, so nothing is embedded) and on SIB-200 he+el+en train+dev (embeddings
cached under ``--cache``), once per condition, each in a fresh subprocess whose environment
simulates what another machine changes:
  - BLAS, OpenMP and numba thread counts (``threads=N``),
  - the OpenBLAS kernels chosen for another processor family (``coretype=NAME``; this OpenBLAS
    accepts Haswell, SkylakeX, Sandybridge, Nehalem among others, and maps Zen to Haswell),
  - numba's threading layer (``numba-layer=NAME``) and the CPU numba compiles for
    (``numba-cpu=NAME``: haswell for AVX2 code, generic for a CPU without FMA),
  - numpy's SIMD kernels limited to AVX2 (``numpy-simd=AVX2``) and glibc's maths without FMA
    (``libm=no-FMA``), as on an older processor,
  - the embeddings perturbed by up to one float32 unit in the last place (``noise=SEED``), as
    another CPU's embedder arithmetic would.
For each condition it prints the ARI of the topic and challenge assignments against the default
run, and how each intermediate output compares (aligned vectors, the neighbour graph UMAP works
on, the UMAP coordinates, the clusterer's labels, the topics after outliers and merging, the
feedback types that decide which posts are clustered into challenges), so that the first stage
where a run departs from the default one can be read off. Then a Markdown table for the README.

Usage:
    .venv/bin/python benchmarks/stability.py [--shared ../shared] [--cache DIR]
        [--only demo,sib200] [--conditions default,threads=1,...] [--out results.jsonl]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import adjusted_rand_score

ROOT = Path(__file__).resolve().parents[1]
SIB_LANGS = ("heb_Hebr", "ell_Grek", "eng_Latn")
THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "NUMBA_NUM_THREADS")
AVX2_ONLY = {"NPY_DISABLE_CPU_FEATURES": "X86_V4 AVX512_ICL"}  # numpy's AVX-512 kernels off
CONDITIONS = {
    "default": {},
    "repeat": {},
    "threads=1": dict.fromkeys(THREAD_VARIABLES, "1"),
    "threads=2": dict.fromkeys(THREAD_VARIABLES, "2"),
    "coretype=Haswell": {"OPENBLAS_CORETYPE": "Haswell"},
    "coretype=Sandybridge": {"OPENBLAS_CORETYPE": "Sandybridge"},
    "coretype=Nehalem": {"OPENBLAS_CORETYPE": "Nehalem"},
    "numba-layer=workqueue": {"NUMBA_THREADING_LAYER": "workqueue"},
    "numba-layer=omp": {"NUMBA_THREADING_LAYER": "omp"},
    "numba-cpu=haswell": {"NUMBA_CPU_NAME": "haswell"},
    "numba-cpu=generic": {"NUMBA_CPU_NAME": "generic"},
    "numpy-simd=AVX2": AVX2_ONLY,
    "libm=no-FMA": {"GLIBC_TUNABLES": "glibc.cpu.hwcaps=-AVX2,-FMA"},
    "noise=1": {}, "noise=2": {}, "noise=3": {},
    "other machine": {"OPENBLAS_CORETYPE": "Haswell", "NUMBA_CPU_NAME": "haswell", **AVX2_ONLY,
                      **dict.fromkeys(THREAD_VARIABLES, "1")},
}
STAGES = ("aligned", "neighbours", "umap", "clusters", "topics", "feedback", "challenges")


def sib200_csv(shared: Path, path: Path) -> Path:
    """SIB-200 train+dev in Hebrew, Greek and English as one CSV (as ``benchmarks/sib200.py``)."""
    frames = [pd.read_csv(shared / "corpora/sib200" / folder / f"{part}.tsv", sep="\t", dtype=str,
                          keep_default_na=False).assign(folder=folder)
              for folder in SIB_LANGS for part in ("train", "dev")]
    data = pd.concat(frames, ignore_index=True)
    data["row_id"] = data["folder"] + "-" + data["index_id"]
    data[["row_id", "text"]].to_csv(path, index=False)
    return path


def perturb(vectors: np.ndarray, seed: int) -> np.ndarray:
    """Each component moved by up to one float32 unit in the last place."""
    rng = np.random.default_rng(seed)
    vectors = vectors.astype(np.float32)
    step = rng.uniform(-1, 1, vectors.shape).astype(np.float32) * np.spacing(np.abs(vectors))
    return vectors + step


def work(corpus: str, source: str, cache: str, noise: int, out: Path) -> None:
    """One run of the stages that cluster, saving each intermediate output (the steps of
    ``mining.pipeline._run`` from the embedding cache to the challenges, with the noise between)."""
    import mining
    from mining.challenges import analyze_challenges
    from mining.embed import embed_texts, get_embedder
    from mining.embed.align import LanguageAligner, alignment_groups
    from mining.embed.cache import EmbeddingCache
    from mining.pipeline import fit_topics

    if corpus == "demo":
        config = mining.Config.from_file(ROOT / "corpora" / "demo.toml")
    else:
        config = mining.Config().updated("input", id_column="row_id")
    config = config.updated("embedding", cache_dir=cache)
    posts = mining.read_posts([source], config)
    analyzed = posts[posts["analyzed"]].sort_values("text_norm", kind="stable")
    texts = analyzed["text_norm"].tolist()
    # The topic model reorders posts by text; here they already are, so the UMAP and clusterer
    # outputs it keeps line up with ``analyzed``.
    assert texts == sorted(set(texts)), "analyzed texts are expected sorted and unique"
    raw, counts = embed_texts(texts, get_embedder(config.embedding.name), EmbeddingCache(cache))
    if noise:
        raw = perturb(raw, noise)
    groups = alignment_groups(analyzed["lang"], analyzed["greeklish"])
    aligned = LanguageAligner().fit(raw, groups).transform(raw, groups)
    start = time.perf_counter()
    model, _ = fit_topics(analyzed, aligned, config)
    seconds = time.perf_counter() - start
    found = analyze_challenges(analyzed, raw, aligned, config.challenges, all_posts=posts,
                               brand=config.brand)
    umap_model = model.bertopic_.umap_model
    graph = umap_model.graph_.tocsr()
    np.savez(out, aligned=aligned, graph_indptr=graph.indptr, graph_indices=graph.indices,
             graph_data=graph.data, umap=umap_model.embedding_,
             clusters=np.asarray(model.bertopic_.hdbscan_model.labels_), topics=model.topics_,
             feedback=np.asarray(found.posts["feedback_type"].astype(str), dtype="U"),
             challenges=found.posts["challenge_id"].astype("Int64").fillna(-1).to_numpy(int),
             seconds=seconds, computed=counts["computed"])


def compare(base: dict, run: dict) -> dict:
    """How a run's intermediate outputs differ from the default run's."""
    n = len(base["topics"])
    rows_differ = sum(
        not np.array_equal(base["graph_indices"][base["graph_indptr"][i]:base["graph_indptr"][i + 1]],
                           run["graph_indices"][run["graph_indptr"][i]:run["graph_indptr"][i + 1]])
        for i in range(n))
    same_pattern = np.array_equal(base["graph_indptr"], run["graph_indptr"]) and \
        np.array_equal(base["graph_indices"], run["graph_indices"])
    weights = float(np.abs(base["graph_data"] - run["graph_data"]).max()) if same_pattern else None
    moved = np.linalg.norm(base["umap"] - run["umap"], axis=1)
    result = {
        "aligned_max_diff": float(np.abs(base["aligned"] - run["aligned"]).max()),
        "neighbour_rows_differ": rows_differ, "graph_weight_max_diff": weights,
        "umap_median_move": round(float(np.median(moved)), 6),
        "umap_max_move": round(float(moved.max()), 6),
        "clusters_ari": round(adjusted_rand_score(base["clusters"], run["clusters"]), 4),
        "topics_ari": round(adjusted_rand_score(base["topics"], run["topics"]), 4),
        "topics": int(len(set(run["topics"].tolist()) - {-1})),
        "feedback_differ": int((base["feedback"] != run["feedback"]).sum()),
        "challenges_ari": round(adjusted_rand_score(base["challenges"], run["challenges"]), 4),
        "challenges": int(len(set(run["challenges"].tolist()) - {-1})),
        "topics_seconds": round(float(run["seconds"]), 2),
    }
    differs = {
        "aligned": result["aligned_max_diff"] > 0,
        "neighbours": rows_differ > 0 or not weights == 0.0,
        "umap": result["umap_max_move"] > 0,
        "clusters": result["clusters_ari"] < 1,
        "topics": result["topics_ari"] < 1,
        "feedback": result["feedback_differ"] > 0,
        "challenges": result["challenges_ari"] < 1,
    }
    result["first_divergent_stage"] = next((s for s in STAGES if differs[s]), "none")
    return result


def run_condition(name: str, corpus: str, source: str, cache: str, out: Path) -> dict:
    env = {**os.environ, **CONDITIONS[name]}
    noise = name.split("=")[1] if name.startswith("noise=") else "0"
    subprocess.run([sys.executable, __file__, "--work", corpus, "--source", source,
                    "--cache", cache, "--noise", noise, "--save", str(out)],
                   env=env, check=True)
    with np.load(out) as saved:
        return {key: saved[key] for key in saved.files}


def markdown(rows: list[dict]) -> str:
    lines = ["| corpus | condition | topics ARI | challenges ARI | topics | first stage that differs |",
             "|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['corpus']} | {r['condition']} | {r['topics_ari']:.3f} | "
                     f"{r['challenges_ari']:.3f} | {r['topics']} | {r['first_divergent_stage']} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--cache", default=None, help="SIB-200 embedding cache (default: a fresh one)")
    parser.add_argument("--only", default="demo,sib200")
    parser.add_argument("--conditions", default=",".join(CONDITIONS))
    parser.add_argument("--out", type=Path, help="also write the JSON lines here")
    parser.add_argument("--work", help=argparse.SUPPRESS)
    parser.add_argument("--source", help=argparse.SUPPRESS)
    parser.add_argument("--noise", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--save", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.work:
        work(args.work, args.source, args.cache, args.noise, args.save)
        return
    conditions = ["default"] + [c for c in args.conditions.split(",") if c != "default"]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for corpus in args.only.split(","):
            if corpus == "demo":
                source, cache = str(ROOT / "corpora" / "demo"), str(ROOT / "tests" / "data" / "embeddings")
            else:
                source = str(sib200_csv(args.shared, tmp / "sib200.csv"))
                cache = args.cache or str(tmp / "cache")
            base = None
            for name in conditions:
                run = run_condition(name, corpus, source, cache, tmp / f"{corpus}-{len(rows)}.npz")
                base = base or run
                row = {"corpus": corpus, "condition": name, "embedded": int(run["computed"]),
                       **compare(base, run)}
                rows.append(row)
                print(json.dumps(row), flush=True)
    if args.out:
        args.out.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    print(markdown(rows))


if __name__ == "__main__":
    main()
