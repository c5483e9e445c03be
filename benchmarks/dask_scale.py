"""Embedding throughput on Dask workers, and the same topics as one process (issue 13.6).

Builds N unique posts from real Hebrew, Greek and English texts in ``../shared/corpora`` (the
corpus of ``benchmarks/scale.py``), then runs ``mining run`` in a fresh process, each time with a
cold embedding cache: in one process, and with ``--workers W`` for each W asked (a Dask cluster
of W single-threaded worker processes started on this machine). It prints, per run, the embed
stage's seconds (cluster start-up included) and posts/s, the seconds spent in the embedder
(summed over the workers: twice the wall time when two workers are busy together), the whole
run's wall time and the load average at its end, and against the single-process run: the same
posts, the adjusted Rand index of the topics, the share of posts whose topic id differs, and the
share whose feedback type or sentiment differs. The load average is printed before and after.

Usage (15 minutes on this 2-core machine under a load average of 11):
    nice .venv/bin/python benchmarks/dask_scale.py [--posts 1200] [--workers 1 2] [--shared ../shared]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
from sklearn.metrics import adjusted_rand_score

from scale import ROOT, build_corpus, real_texts

PARTITION_POSTS = 200  # several partitions per worker, so that the workers share them evenly


def run_mining(corpus: Path, out: Path, workers: int | None) -> dict:
    """``mining run`` in a fresh process with a cold cache; its figures and its posts."""
    config = out.parent / f"{out.name}.toml"
    config.write_text(f'[embedding]\ncache_dir = "{out.parent / (out.name + "-cache")}"\n'
                      f"[scale]\npartition_posts = {PARTITION_POSTS}\n", encoding="utf-8")
    command = [sys.executable, "-m", "mining", "run", str(corpus), "--out", str(out),
               "--config", str(config), "--quiet"]
    command += ["--workers", str(workers)] if workers else []
    began = time.monotonic()
    subprocess.run(command, check=True)
    wall = time.monotonic() - began
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    embed = next(s for s in manifest["stages"] if s["name"] == "embed")
    computed = manifest["embedding"]["computed"]
    return {"workers": workers or "one process", "computed": computed,
            "embed_stage_s": embed["seconds"],
            "posts_per_s": round(computed / embed["seconds"], 1),
            "embedder_wall_s": manifest["embedding"].get("wall_seconds"),
            "embedder_busy_s": manifest["embedding"]["seconds"],  # summed over the workers
            "run_wall_s": round(wall, 1), "load_after": [round(x, 1) for x in os.getloadavg()],
            "topics": next(s for s in manifest["stages"] if s["name"] == "topics")["topics"]}


def agreement(single: Path, other: Path) -> dict:
    """How far ``other``'s posts are from the single-process run's."""
    columns = ["post_id", "analyzed", "topic_id", "feedback_type", "sentiment"]
    a = pd.read_parquet(single / "posts.parquet", columns=columns)
    b = pd.read_parquet(other / "posts.parquet", columns=columns)
    same_posts = a[["post_id", "analyzed"]].equals(b[["post_id", "analyzed"]])
    both = a.merge(b, on="post_id", suffixes=("", "_w"))
    both = both[both["analyzed"].astype(bool)]
    differ = lambda c: round(float((both[c].astype(str) != both[f"{c}_w"].astype(str)).mean()), 4)  # noqa: E731
    return {"same_posts": same_posts,
            "topic_ari": round(adjusted_rand_score(both["topic_id"], both["topic_id_w"]), 4),
            "topic_id_differs": differ("topic_id"), "feedback_type_differs": differ("feedback_type"),
            "sentiment_differs": differ("sentiment")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=1200)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--work", type=Path, default=Path("/tmp/mining-dask-scale"))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    posts = build_corpus(args.posts, real_texts(args.shared))
    corpus = args.work / "posts.csv"
    posts[["id", "created_at", "author", "channel", "thread_id", "reply_to", "text"]].to_csv(
        corpus, index=False)
    print(json.dumps({"posts": len(posts), "languages": posts["lang"].value_counts().to_dict(),
                      "cores": os.cpu_count(), "load_before": os.getloadavg()}), flush=True)
    stamp = time.strftime("%H%M%S")
    single = args.work / f"single-{stamp}"
    print(json.dumps(run_mining(corpus, single, None)), flush=True)
    for workers in args.workers:
        out = args.work / f"workers{workers}-{stamp}"
        figures = run_mining(corpus, out, workers)
        print(json.dumps({**figures, **agreement(single, out)}), flush=True)
    print(json.dumps({"load_after": os.getloadavg()}), flush=True)


if __name__ == "__main__":
    main()
