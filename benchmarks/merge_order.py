"""Topics merged before or after outliers join them, on one HDBSCAN fit (README: Topics at scale).

Builds ``scale.py``'s corpus of N posts over the real texts whose vectors ``--cache`` holds, each
post's vector the unit mean of its texts' (``topics_cost.prepare``, recombined), runs the topics
stage once and keeps HDBSCAN's clusters, then applies both orders to them: outliers assigned, then
topics merged (today's code), and topics merged, then outliers assigned (measured, not shipped).
Prints, for HDBSCAN's clusters and each order, the topics, outliers and sizes, and each topic's
commonest words with the share of its posts holding them (is it one subject or a mix?).

Usage:
    nice .venv/bin/python benchmarks/merge_order.py --size 8000 --cache /tmp/heads-cache
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import topics_cost  # noqa: E402

import mining.topics.model as model_module  # noqa: E402
from mining.config import Config  # noqa: E402
from mining.pipeline import fit_topics  # noqa: E402
from mining.topics.merge import merge_linked  # noqa: E402
from mining.topics.sample import sort_keys  # noqa: E402


def hdbscan_clusters(posts: pd.DataFrame, vectors: np.ndarray
                     ) -> tuple[dict, model_module.TopicModel]:
    """The topics stage once, keeping what merging was given: HDBSCAN's clusters (canonical
    order), the vectors, the neighbours and the cap."""
    kept, merge = {}, model_module.merge_linked

    def keeping(topics, emb, cap, seed, neighbours=None):
        kept.update(topics=topics.copy(), emb=np.asarray(emb), cap=cap, seed=seed,
                    neighbours=neighbours)
        return merge(topics, emb, cap, seed, neighbours=neighbours)

    model_module.merge_linked = keeping
    try:
        model, _ = fit_topics(posts, vectors, Config())
    finally:
        model_module.merge_linked = merge
    kept["found"] = np.asarray(model.bertopic_.hdbscan_model.labels_)
    return kept, model


def show(name: str, topics: np.ndarray, texts: list[str], top: int) -> None:
    ids, sizes = np.unique(topics[topics >= 0], return_counts=True)
    print(f"== {name}: {len(ids)} topics, {(topics < 0).sum()} outliers, sizes "
          f"{sorted(sizes.tolist(), reverse=True)}")
    for t in ids[np.argsort(-sizes)][:top]:
        members = np.flatnonzero(topics == t)
        words = Counter(w for i in members for w in set(texts[i].lower().split()) if len(w) > 3)
        print(f"  {len(members):6d}  " + " · ".join(f"{w} {n / len(members):.0%}"
                                                   for w, n in words.most_common(6)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=8000)
    parser.add_argument("--cache", type=Path, default=Path("~/.cache/mining/embeddings"))
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--work", type=Path, default=Path("/tmp/mining-merge-order"))
    parser.add_argument("--top", type=int, default=12, help="topics shown with their words")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    saved = topics_cost.prepare(args.size, "recombined", args.shared, args.cache.expanduser(),
                                args.work)
    posts = pd.read_parquet(saved.with_suffix(".parquet"))
    kept, model = hdbscan_clusters(posts, np.load(saved)["vectors"])
    keys = posts["text_norm"].tolist()
    texts = [keys[i] for i in np.lexsort((np.arange(len(keys)), sort_keys(keys)))]
    found, emb = kept["found"], kept["emb"]
    merge = lambda topics: merge_linked(topics, emb, kept["cap"], kept["seed"],  # noqa: E731
                                        neighbours=kept["neighbours"])
    show("HDBSCAN's clusters", found, texts, args.top)
    show("outliers assigned, then merged (today)", merge(model._assign_outliers(found, emb)[0]),
         texts, args.top)
    show("merged, then outliers assigned", model._assign_outliers(merge(found), emb)[0],
         texts, args.top)


if __name__ == "__main__":
    main()
